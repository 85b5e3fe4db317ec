"""The window on the demo network at 1280×720, 1366×768, 1440×900 and 1920×1080: the
pages fit without scrolling sideways, the list shows what matters, every button is in
reach, and the brief's preview, every dialog and the first window fit the screen.

Each page is saved as a PNG in the test's temporary folder, to look at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QDialog,
    QFileDialog,
    QWidget,
)

from relate import demo
from tests.ui.action_walk import close_dialogs, describe
from ui.dialogs.brief_dialog import BriefDialog
from ui.window import window_layout
from ui.window.main_window import MainWindow

SIZES = [(1280, 720), (1366, 768), (1440, 900), (1920, 1080)]
PANEL = 40  # the desktop's panel takes this much of each screen's height
MUST_SHOW = ("Name", "Company", "Next due", "Last contacted")
LINKEDIN_CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Lee,Layout,https://www.linkedin.com/in/lee-layout,,Layouts,Engineer,01 Feb 2024\n"
)

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("size", SIZES, ids="{0[0]}x{0[1]}".format)]


@pytest.fixture
def screen(size: tuple[int, int], monkeypatch: pytest.MonkeyPatch) -> QRect:
    """A screen of `size` with a panel along its bottom: the room windows may use."""
    area = QRect(0, 0, size[0], size[1] - PANEL)
    monkeypatch.setattr(window_layout, "available_geometry", lambda _widget: QRect(area))
    return area


@pytest.fixture
def demo_window(
    qtbot, db_path: Path, settings: QSettings, screen: QRect, size: tuple[int, int]
) -> Iterator[MainWindow]:
    """The window over the demo network, `size` large, its list read."""
    demo.fill_demo()
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.resize(*size)
    window.list_keeper.ensure_list()
    settle()
    yield window


def settle() -> None:
    for _ in range(4):
        QApplication.processEvents()


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def buttons_out_of_reach(window: QWidget) -> list[str]:
    """The visible buttons that reach outside the window, or sideways outside the
    scrolled area that holds them (above or below it, scrolling brings them in)."""
    out = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible():
            continue
        rect = rect_in(button, window)
        scroller = next((w for w in _ancestors(button) if isinstance(w, QAbstractScrollArea)), None)
        if scroller is not None:
            room = rect_in(scroller.viewport(), window)
            inside = room.left() <= rect.left() and rect.right() <= room.right()
        else:
            inside = window.rect().contains(rect)
        if not inside:
            out.append(f"{describe(button)} at {rect.getRect()}")
    return out


def _ancestors(widget: QWidget) -> Iterator[QWidget]:
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


def fits(area: QRect, window: QWidget) -> bool:
    return area.contains(window.frameGeometry())


def test_today_the_list_and_network_health_fit_the_window(
    demo_window: MainWindow, size: tuple[int, int], tmp_path: Path
) -> None:
    window = demo_window
    name = f"{size[0]}x{size[1]}"

    window.navigator.choose_view("today")
    settle()
    today = window.today_page
    window.grab().save(str(tmp_path / f"today-{name}.png"))
    assert not today.scroll.horizontalScrollBar().isVisible()
    assert today.scroll.widget().width() <= today.scroll.viewport().width()
    assert today.rows, "the demo has things to do today"
    assert buttons_out_of_reach(window) == []

    window.navigator.choose_view("all")
    window.list_pane.select_contact(window.list_pane.model.contact_id(0))
    settle()
    window.grab().save(str(tmp_path / f"list-{name}.png"))
    table = window.list_pane.table
    header = table.horizontalHeader()
    assert not table.horizontalScrollBar().isVisible()
    shown = [
        table.model().headerData(n, header.orientation())
        for n in range(header.count())
        if not header.isSectionHidden(n)
    ]
    assert set(MUST_SHOW) <= set(shown), shown
    for n in range(header.count()):
        if not header.isSectionHidden(n):
            right = header.sectionViewportPosition(n) + header.sectionSize(n)
            assert right <= table.viewport().width(), shown[n]
    assert window.contact_pane.name.text()
    assert buttons_out_of_reach(window) == []

    window.navigator.choose_view("health")
    settle()
    window.grab().save(str(tmp_path / f"health-{name}.png"))
    gauge = window.health_page.board.cadence_chart
    assert gauge.visibleRegion().boundingRect() == gauge.rect()
    for box, font, text in gauge.words():
        assert gauge.rect().contains(box.toAlignedRect())
        assert QFontMetricsF(font).horizontalAdvance(text) <= box.width() + 1, text
    assert buttons_out_of_reach(window) == []


def test_the_brief_preview_fits_the_screen_with_its_buttons(
    qtbot, demo_window: MainWindow, screen: QRect, size: tuple[int, int], tmp_path: Path
) -> None:
    window = demo_window
    window.navigator.choose_view("today")
    settle()
    meeting = next(key for kind, key in window.today_page.rows if kind == "meeting")
    window.today_page.rows[("meeting", meeting)].controls["Prepare brief"].click()
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, BriefDialog)]
    assert dialog.print_button.isEnabled()  # built as it opened (the inline runner)
    settle()
    dialog.grab().save(str(tmp_path / f"brief-{size[0]}x{size[1]}.png"))
    assert fits(screen, dialog), (dialog.frameGeometry(), screen)
    for button in (dialog.print_button, dialog.save_button, dialog.open_button):
        assert button.isVisible() and dialog.rect().contains(rect_in(button, dialog))
    page = dialog.preview.page_rect()
    assert not page.isEmpty()
    assert dialog.preview.rect().toRectF().adjusted(-0.5, -0.5, 0.5, 0.5).contains(page)
    dialog.reject()


def test_every_dialog_fits_the_screen(
    demo_window: MainWindow,
    screen: QRect,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = demo_window
    connections = tmp_path / "Connections.csv"
    connections.write_text(LINKEDIN_CSV, encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(connections), ""))
    seen: list[tuple[str, QRect]] = []

    def note(dialog: QDialog) -> None:
        settle()
        seen.append((dialog.windowTitle(), dialog.frameGeometry()))

    def exec_and_note(dialog: QDialog) -> int:
        dialog.show()
        note(dialog)
        dialog.reject()
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", exec_and_note)
    # A contact on show, for the dialogs about them.
    window.navigator.choose_view("all")
    window.list_pane.select_contact(window.list_pane.model.contact_id(0))
    settle()
    actions: dict[str, Callable[[], None]] = {
        "Settings": window.menu_actions.settings_action.trigger,
        "Import": window.menu_actions.import_action.trigger,
        "Duplicates": window.menu_actions.duplicates_action.trigger,
        "Rhythms": window.menu_actions.rhythms_action.trigger,
        "Plan a 1-2-1": window.menu_actions.meet_action.trigger,
        "Introduce": window.menu_actions.introduce_action.trigger,
        "Import history": window.menu_actions.history_action.trigger,
        "New contact": window.menu_actions.new_action.trigger,
        "My profile": window.menu_actions.profile_action.trigger,
    }
    for name, trigger in actions.items():
        seen.clear()
        trigger()
        settle()
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QDialog) and dialog.isVisible():
                note(dialog)
        close_dialogs(window)
        assert seen, f"{name} showed no dialog"
        for title, frame in seen:
            assert screen.contains(frame), f"{name}: {title!r} at {frame.getRect()} > {screen}"


def test_a_dialog_larger_than_the_screen_is_capped_and_kept_on_it(
    qtbot, demo_window: MainWindow, screen: QRect
) -> None:
    dialog = QDialog(demo_window)
    qtbot.addWidget(dialog)
    dialog.resize(screen.width() + 500, screen.height() + 500)
    dialog.move(screen.right() - 100, screen.bottom() - 100)
    dialog.show()
    settle()
    assert fits(screen, dialog), (dialog.frameGeometry(), screen)
    frame = window_layout.frame_margins(dialog)
    assert dialog.size().grownBy(frame).height() <= screen.height()


FIRST_WINDOW = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    from relate.store.db import open_database
    from ui.window.main_window import MainWindow

    folder = Path(sys.argv[1])
    app = QApplication([])
    open_database(folder / "relate.sqlite")

    def first_window(settings_file, geometry=None):
        settings = QSettings(str(folder / settings_file), QSettings.Format.IniFormat)
        if geometry is not None:
            settings.setValue("window/geometry", geometry)
        window = MainWindow(folder / "relate.sqlite", settings)
        window.show()
        app.processEvents()
        return window

    fresh = first_window("fresh.ini")
    found = {
        "screen": fresh.screen().availableGeometry().getRect(),
        "fresh": fresh.frameGeometry().getRect(),
        "panes": sum(p.minimumWidth() for p in (fresh.navigator, fresh.list_pane,
                                                 fresh.contact_pane)),
    }
    fresh.resize(10, 10)
    app.processEvents()
    found["smallest width"] = fresh.width()
    # Left on a larger screen than this one.
    fresh.resize(3000, 2000)
    fresh.move(-40, -40)
    app.processEvents()
    larger = fresh.saveGeometry()
    fresh.close()
    found["restored"] = first_window("restored.ini", larger).frameGeometry().getRect()
    print(json.dumps(found))
    """
)


def test_the_first_window_fits_the_screen_it_opens_on(
    size: tuple[int, int], tmp_path: Path
) -> None:
    """On a screen of that size (offscreen, with window frames), a first window and one
    restored from a larger screen fit it, never narrower than its panes."""
    config = tmp_path / "screen.json"
    screen = {"name": "s", "x": 0, "y": 0, "width": size[0], "height": size[1]}
    config.write_text(json.dumps({"windowFrameMargins": True, "screens": [screen]}))
    env = {"QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    run = subprocess.run(
        [sys.executable, "-c", FIRST_WINDOW, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
        cwd=Path(__file__).parents[2],
    )
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout.strip().splitlines()[-1])
    area = QRect(*found["screen"])
    assert area.size() == QSize(*size)
    for case in ("fresh", "restored"):
        assert area.contains(QRect(*found[case])), (case, found[case], area)
    assert found["panes"] <= found["smallest width"] <= size[0]
