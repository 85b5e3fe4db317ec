"""The Network health page: the numbers it shows, its tooltips, and its PNG in both themes."""

from __future__ import annotations

import datetime as dt
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRectF, QSettings
from PySide6.QtGui import QColor, QFontMetricsF, QGuiApplication, QImage, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QStyleFactory

from relate import network_stats
from relate.contacts import create_contact, update_contact
from relate.ledger import Balance
from relate.store.db import db
from relate.timeline import log_interaction
from ui.pages.health_page import FOLDER_KEY, PNG_WIDTH, HealthPage
from ui.undo.data_events import DataEvents
from ui.widgets.charts import COLD, ON_TIME, OVERDUE, CadenceGauge
from ui.widgets.theme import apply_theme

TODAY = dt.date(2026, 7, 15)  # a Wednesday; the quarter began on 1 July
DAY = dt.timedelta(days=1)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def health_network(db_path: Path) -> dict[str, int]:
    """Eleven people at every stage, moves this quarter, 1-2-1s, gives and rhythms."""
    old = "2020-01-01"
    ids = {f"c{n}": create_contact(f"Conn{n}", connected_on=old) for n in range(4)}
    ids["new"] = create_contact("New", connected_on=TODAY - 3 * DAY)
    # A 30-day rhythm, last seen 10 days ago: on time.
    ids["kept"] = create_contact("Kept", stage="conversation", cadence_days=30, connected_on=old)
    ids["moved"] = create_contact("Moved", connected_on=old)
    update_contact(ids["moved"], stage="conversation")
    db.execute_sql("UPDATE stage_change SET changed_on = ?", (TODAY.isoformat(),))
    ids["one"] = create_contact("One", stage="1-2-1", cadence_days=30, connected_on=old)
    ids["rel"] = create_contact("Rel", stage="relationship", cadence_days=60, connected_on=old)
    ids["adv"] = create_contact("Adv", stage="advocate", cadence_days=30, connected_on=old)
    # A 30-day rhythm counted from connecting 35 days ago: overdue, not yet going cold.
    ids["late"] = create_contact(
        "Late", stage="1-2-1", cadence_days=30, connected_on=TODAY - 35 * DAY
    )
    monday = TODAY - 2 * DAY
    log_interaction(ids["kept"], "call", date=TODAY - 10 * DAY)
    log_interaction(ids["moved"], "conversation", date=TODAY - 5 * DAY)
    log_interaction(ids["one"], "1-2-1", date=monday)
    log_interaction(ids["one"], "1-2-1", date=monday - 7 * DAY)
    log_interaction(ids["rel"], "1-2-1", date=monday - 14 * DAY)
    log_interaction(ids["rel"], "gave", sub_kind="introduction", date=monday)
    log_interaction(ids["adv"], "gave", sub_kind="referral", date=monday - 60 * DAY)
    log_interaction(ids["adv"], "received", sub_kind="referral", date=monday - 400 * DAY)
    return ids


@pytest.fixture
def page(qtbot, health_network: dict[str, int], tmp_path: Path) -> HealthPage:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    widget = HealthPage(settings)
    qtbot.addWidget(widget)
    widget.resize(960, 820)
    widget.refresh(TODAY)
    return widget


@pytest.fixture
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    """The app in the light or dark theme for one test, as it was afterwards."""
    palette, style = QPalette(qapp.palette()), qapp.style().name()
    apply_theme(qapp, request.param)
    yield request.param
    QGuiApplication.styleHints().unsetColorScheme()
    qapp.setStyle(QStyleFactory.create(style))
    qapp.setPalette(palette)


def test_the_page_shows_the_network_s_figures(page: HealthPage) -> None:
    health = page.health
    assert health == network_stats.network_health(TODAY)
    stages = {s.stage: (s.count, s.moved_in) for s in page.board.funnel_chart.stages}
    assert stages == {
        "connection": (5, 1),  # New; Moved was connected long ago, and is a conversation now
        "conversation": (2, 1),
        "1-2-1": (2, 0),
        "relationship": (1, 0),
        "advocate": (1, 0),
    }
    weeks = page.board.weekly_chart.weeks
    assert len(weeks) == 26 and weeks[-1].start == TODAY - 2 * DAY
    assert [(w.one_to_ones, w.gives) for w in weeks[-3:]] == [(1, 0), (1, 0), (1, 1)]
    assert sum(w.gives for w in weeks) == 2
    assert page.board.balance_chart.rows == (
        ("Since 19 Jan", Balance(2, 0)),
        ("All time", Balance(2, 1)),
    )
    # On time: Kept, Moved (a conversation's 90 days), One, Rel (a give is contact too).
    # Late is overdue; Adv, last in touch 62 days ago on a 30-day rhythm, is going cold.
    cadence = page.board.cadence_chart.cadence
    assert (cadence.with_rhythm, cadence.on_time, cadence.due, cadence.cold) == (6, 4, 1, 1)
    assert page.board.cadence_chart.percent_text() == "67%"
    assert "Of 6 people with a rhythm, 4 are on time; 2 overdue, 1 of them going cold." == (
        page.board.cadence_card.caption.text()
    )
    assert "1 new connection, 1 move forward" in page.board.funnel_card.caption.text()
    assert "3 1-2-1s held, 2 gives made" in page.board.weekly_card.caption.text()
    assert "Wednesday 15 July 2026" in page.board.summary.text()
    assert "began 1 Jul" in page.board.summary.text()


def test_bars_tell_their_exact_numbers_on_hover(qtbot, page: HealthPage) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.board.grab()  # painting notes where each bar is
    funnel = page.board.funnel_chart
    row = funnel.height() / 5
    assert funnel.tooltip_at(QPointF(10, row / 2)) == "connection: 5 now, 1 new this quarter"
    assert funnel.tooltip_at(QPointF(10, 1.5 * row)) == (
        "conversation: 2 now, 1 moved here this quarter"
    )
    weekly = page.board.weekly_chart
    tip = weekly.tooltip_at(QPointF(weekly.width() - 8, weekly.height() / 2))
    assert tip == "13 Jul – 19 Jul 2026\n1-2-1s held: 1\ngives made: 1"
    balance = page.board.balance_chart
    assert balance.tooltip_at(QPointF(balance.width() / 2, balance.height() * 0.75)) == (
        "All time: gave 2, received 1 (67% given)"
    )
    assert page.board.cadence_chart.tooltip_at(QPointF(5, 5)) == (
        "4 of 6 on time; 1 overdue, 1 going cold"
    )


@pytest.mark.parametrize("theme", ["light", "dark"], indirect=True)
def test_the_png_is_a_picture_of_the_page(page: HealthPage, tmp_path: Path, theme: str) -> None:
    page.show()
    path = page.save_png(tmp_path / f"health-{theme}.png")
    assert path.read_bytes()[:8] == PNG_MAGIC
    image = QImage(str(path))
    assert not image.isNull()
    assert 600 <= image.height() <= 900
    # The page's own background, and many colours painted on it: charts, not a blank.
    window = page.palette().color(QPalette.ColorRole.Window)
    assert image.pixelColor(2, 2) == window
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # readable by the user only
    assert (window.lightness() < 80) == (theme == "dark")
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, 300, 3)}
    assert len(colours) > 40
    # The picture has the page's width whatever the window's, and no export button.
    assert image.width() == PNG_WIDTH * image.devicePixelRatio()
    assert page.export_button.isVisible()


def test_a_page_never_shown_still_saves_a_whole_picture(page: HealthPage, tmp_path: Path) -> None:
    page.resize(400, 300)  # a small window makes no difference to the picture
    image = QImage(str(page.save_png(tmp_path / "hidden.png")))
    assert image.width() == PNG_WIDTH and 600 <= image.height() <= 900


def test_an_empty_network_draws_without_figures(qtbot, db_path: Path, tmp_path: Path) -> None:
    page = HealthPage()
    qtbot.addWidget(page)
    page.refresh(TODAY)
    assert page.board.cadence_chart.percent_text() == "–"
    assert page.board.cadence_card.caption.text().startswith("Nobody has a rhythm yet")
    assert QImage(str(page.save_png(tmp_path / "empty.png"))).width() >= 900


def test_export_asks_where_and_remembers_the_folder(
    page: HealthPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    folder = tmp_path / "out"
    folder.mkdir()

    def answer(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
        asked.append(suggested)
        return str(folder / "dashboard"), "PNG images (*.png)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", answer)
    page.export_button.click()
    assert asked == [str(Path.home() / "network-health-2026-07-15.png")]
    assert (folder / "dashboard.png").read_bytes()[:8] == PNG_MAGIC
    assert page.settings.value(FOLDER_KEY) == str(folder)
    page.export_png()
    assert asked[-1] == str(folder / "network-health-2026-07-15.png")


def test_export_cancelled_writes_nothing(
    page: HealthPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    assert page.export_png() is None
    assert page.settings.value(FOLDER_KEY) is None


def test_a_change_to_the_data_redraws_the_shown_page(qtbot, health_network: dict[str, int]) -> None:
    events = DataEvents()
    page = HealthPage(events=events)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    assert page.health is not None and page.health.today == dt.date.today()
    before = page.board.weekly_chart.weeks[-1].one_to_ones
    log_interaction(health_network["one"], "1-2-1")
    events.timeline_changed.emit(health_network["one"])
    qtbot.waitUntil(lambda: page.board.weekly_chart.weeks[-1].one_to_ones == before + 1)


def test_series_colours_stand_out_from_both_backgrounds() -> None:
    from ui.widgets import charts
    from ui.widgets.theme import dark_palette

    light = QColor("#efefef")
    dark = dark_palette().color(QPalette.ColorRole.Window)
    for colour in (charts.GIVE, charts.RECEIVE, charts.ON_TIME, charts.OVERDUE, charts.COLD):
        assert abs(colour.lightness() - light.lightness()) > 60
        assert abs(colour.lightness() - dark.lightness()) > 60


def test_the_people_helped_and_only_taken_from_are_named(
    page: HealthPage, health_network: dict[str, int]
) -> None:
    log_interaction(health_network["c0"], "received", sub_kind="help", date=TODAY - DAY)
    page.refresh(TODAY)
    board = page.board
    # Rel was given to most recently (an introduction on Monday), then Adv.
    assert board.helped_list.text().splitlines()[0].startswith("Rel · ")
    assert board.helped_list.text().splitlines()[1].startswith("Adv · ")
    assert board.taken_list.text() == "Conn0 · received 1"


@pytest.mark.parametrize(
    "size", [(180, 120), (120, 80), (420, 110), (260, 170), (640, 178), (90, 220), (1200, 300)]
)
def test_the_cadence_gauge_is_never_clipped(qtbot, size: tuple[int, int]) -> None:
    """Whatever its size, the half-ring stays inside the widget and the share and "on
    time" are written whole inside the ring."""
    gauge = CadenceGauge()
    qtbot.addWidget(gauge)
    gauge.set_cadence(network_stats.CadenceKept(100, 40, 30, 30))
    gauge.resize(*size)
    picture = gauge.grab().toImage()
    ring = {colour.rgb() for colour in (ON_TIME, OVERDUE, COLD)}
    width, height = picture.width(), picture.height()
    edge = [(x, y) for x in range(width) for y in (0, height - 1)]
    edge += [(x, y) for y in range(height) for x in (0, width - 1)]
    assert not [point for point in edge if picture.pixelColor(*point).rgb() in ring]
    assert any(picture.pixelColor(width // 2, y).rgb() in ring for y in range(height))
    share, label = gauge.words()
    assert share[2] == "40%" and label[2] == "on time"
    for box, font, text in (share, label):
        metrics = QFontMetricsF(font)
        assert QRectF(gauge.rect()).contains(box), text
        assert metrics.horizontalAdvance(text) <= box.width() + 1, text
        assert metrics.height() <= box.height() + 1, text


def test_a_narrow_page_puts_the_gauge_under_the_funnel(qtbot, page: HealthPage) -> None:
    page.show()
    board = page.board
    page.resize(1000, 800)
    qtbot.waitUntil(lambda: board.cadence_card.y() == board.funnel_card.y())
    assert board.cadence_card.x() > board.funnel_card.geometry().right()
    page.resize(520, 800)
    qtbot.waitUntil(lambda: board.cadence_card.y() > board.funnel_card.geometry().bottom())
    assert not page.scroll.horizontalScrollBar().isVisible()
    gauge = board.cadence_chart
    assert gauge.width() >= gauge.minimumSizeHint().width()
    page.resize(1000, 800)
    qtbot.waitUntil(lambda: board.cadence_card.y() == board.funnel_card.y())
