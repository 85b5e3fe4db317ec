"""The Network health page: the funnel, weekly 1-2-1s and gives, give/take, cadence kept.

It reads `relate.network_stats.network_health` on the window's thread (a few indexed
aggregates, ~50 ms at 100,000 contacts) and can save what it shows as a PNG.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, QSettings, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from relate.dates import day_text, long_day_text
from relate.files import private_file
from relate.network_stats import NetworkHealth, network_health
from ui.dialogs.errors import show_error
from ui.pages.page_freshness import PageFreshness
from ui.undo.data_events import DataEvents
from ui.widgets.charts import BalanceBar, CadenceGauge, Chart, FunnelChart, WeeklyBars

PNG_WIDTH = 960  # pixels (device-independent) of an exported picture
FOLDER_KEY = "export/folder"  # shared with File → Export: one place for what leaves the app


def _quiet_label(text: str = "") -> QLabel:
    """A caption in the palette's quieter text colour: a role, not a copied colour, so a
    change of theme while the page is open recolours it too."""
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _bold_label(text: str = "", factor: float = 1.15) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * factor)
    label.setFont(font)
    return label


class ChartCard(QFrame):
    """A chart under its title and a one-line caption."""

    def __init__(self, title: str, chart: Chart) -> None:
        super().__init__()
        self.setObjectName("healthCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = _bold_label(title)
        self.caption = _quiet_label()
        self.chart = chart
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.caption)
        layout.addSpacing(6)
        layout.addWidget(chart, 1)


class HealthBoard(QWidget):
    """The title line and the four charts, each in a card with its caption: what the page
    shows and what a PNG holds. `corner` (the page's export button) sits by the title."""

    def __init__(self, corner: QWidget | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("healthBoard")
        self.setAutoFillBackground(True)
        self.heading = _bold_label("Network health", 1.5)
        self.heading.setObjectName("healthHeading")
        self.summary = _quiet_label()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.heading)
        titles.addWidget(self.summary)
        header = QHBoxLayout()
        header.addLayout(titles, 1)
        if corner is not None:
            header.addWidget(corner, 0, Qt.AlignmentFlag.AlignTop)

        self.funnel_chart = FunnelChart()
        self.cadence_chart = CadenceGauge()
        self.weekly_chart = WeeklyBars()
        self.balance_chart = BalanceBar()
        self.funnel_card = ChartCard("The funnel", self.funnel_chart)
        self.cadence_card = ChartCard("Cadence kept", self.cadence_chart)
        self.weekly_card = ChartCard("1-2-1s and gives, week by week", self.weekly_chart)
        self.balance_card = ChartCard("Give and take", self.balance_chart)
        self.helped_list = _quiet_label()
        self.taken_list = _quiet_label()
        people = QWidget()
        people_row = QHBoxLayout(people)
        people_row.setContentsMargins(0, 0, 0, 0)
        for title, names in (
            ("Helped most recently", self.helped_list),
            ("Only received from so far", self.taken_list),
        ):
            column = QVBoxLayout()
            column.addWidget(_bold_label(title, 1.0))
            column.addWidget(names)
            column.addStretch(1)
            people_row.addLayout(column, 1)
        self.balance_card.layout().addWidget(people)
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addLayout(self.grid)
        layout.addStretch(1)
        self._arrange(side_by_side=True)

    def side_by_side(self) -> bool:
        """Whether the cadence gauge sits beside the funnel (else under it)."""
        return self.grid.columnCount() > 1 and self.grid.itemAtPosition(0, 1) is not None

    def _arrange(self, side_by_side: bool) -> None:
        """The funnel and the gauge side by side, or one above the other in a narrow
        page; the weekly bars and the balance under them at full width."""
        for card in (self.funnel_card, self.cadence_card, self.weekly_card, self.balance_card):
            self.grid.removeWidget(card)
        columns = 2 if side_by_side else 1
        self.grid.addWidget(self.funnel_card, 0, 0)
        self.grid.addWidget(self.cadence_card, 0 if side_by_side else 1, columns - 1)
        self.grid.addWidget(self.weekly_card, 2, 0, 1, columns)
        self.grid.addWidget(self.balance_card, 3, 0, 1, columns)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 2 if side_by_side else 0)

    def width_for_side_by_side(self) -> int:
        """The least width that holds the funnel and the gauge side by side."""
        margins = self.layout().contentsMargins()
        cards = self.funnel_card.minimumSizeHint().width()
        cards += self.cadence_card.minimumSizeHint().width()
        return margins.left() + cards + self.grid.horizontalSpacing() + margins.right()

    def arrange_for(self, width: int) -> None:
        """Lay the cards out for a page `width` pixels wide."""
        wide = width >= self.width_for_side_by_side()
        if wide != self.side_by_side():
            self._arrange(wide)

    def show_health(self, health: NetworkHealth) -> None:
        """Draw these figures."""
        began = day_text(health.quarter_start, short=True, today=health.today)
        self.summary.setText(f"As of {long_day_text(health.today)}  ·  this quarter began {began}")
        self.funnel_chart.set_stages(health.funnel)
        moved = sum(s.moved_in for s in health.funnel[1:])
        new = health.funnel[0].moved_in if health.funnel else 0
        self.funnel_card.caption.setText(
            f"Where each relationship stands now. This quarter: {new:,} new connection"
            f"{'' if new == 1 else 's'}, {moved:,} move{'' if moved == 1 else 's'} forward."
        )

        c = health.cadence
        self.cadence_chart.set_cadence(c)
        self.cadence_card.caption.setText(
            f"Of {c.with_rhythm:,} people with a rhythm, {c.on_time:,} are on time;"
            f" {c.overdue:,} overdue, {c.cold:,} of them going cold."
            if c.with_rhythm
            else "Nobody has a rhythm yet: give a stage or a person one."
        )

        self.weekly_chart.set_weeks(health.weeks)
        held = sum(w.one_to_ones for w in health.weeks)
        gives = sum(w.gives for w in health.weeks)
        self.weekly_card.caption.setText(
            f"The last {len(health.weeks)} weeks, Monday to Sunday:"
            f" {held:,} 1-2-1{'' if held == 1 else 's'} held, {gives:,}"
            f" give{'' if gives == 1 else 's'} made."
        )

        self.balance_chart.set_balances(
            [
                (
                    f"Since {day_text(health.since, short=True, today=health.today)}",
                    health.balance_recent,
                ),
                ("All time", health.balance_all),
            ]
        )
        self.balance_card.caption.setText(
            "What you gave (information, introductions, referrals, advice) against what"
            " you received. Give first."
        )
        self.helped_list.setText(
            "\n".join(
                f"{line.name} · {day_text(line.last_given)}"
                for line in health.helped
                if line.last_given
            )
            or "Nobody yet: who could you help this week?"
        )
        self.taken_list.setText(
            "\n".join(f"{line.name} · received {line.received}" for line in health.only_taken_from)
            or "Nobody: you have given back to everyone who gave."
        )


class HealthPage(QWidget):
    """The dashboard of the network's health, as of a day (default today)."""

    def __init__(
        self,
        settings: QSettings | None = None,
        events: DataEvents | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.health: NetworkHealth | None = None
        self.export_button = QPushButton("Export as PNG…")
        self.export_button.setObjectName("healthExport")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(self.export_png)
        self.board = HealthBoard(self.export_button)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.board)
        # The board's cards are arranged for the room the page has, not the board's width
        # (which is never less than what its arrangement needs).
        self.scroll.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)

        # The figures are as of today: they change with the data and at midnight.
        signals = (
            ()
            if events is None
            else (
                events.contacts_changed,
                events.contacts_added,
                events.contacts_removed,
                events.timeline_changed,
            )
        )
        self.freshness = PageFreshness(self, self.refresh, signals)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.board.arrange_for(self.scroll.viewport().width())
        return False

    # Keeping up to date ------------------------------------------------------------------

    def refresh(self, today: dt.date | None = None) -> None:
        """Read the figures again (fast enough for the window's thread) and redraw."""
        self.freshness.mark_fresh()
        self.health = network_health(today)
        self.board.show_health(self.health)

    # Saving as a picture -----------------------------------------------------------------

    def save_png(self, path: Path) -> Path:
        """Write the dashboard as a PNG image at `path`; raises OSError if it cannot.

        The picture is a board of its own, laid out at PNG_WIDTH whatever the window's
        size (and whether the page was ever shown), in the page's palette and font.
        """
        path = Path(path)
        if self.health is None:
            self.refresh()
        assert self.health is not None
        board = HealthBoard()
        try:
            board.setPalette(self.palette())
            board.setFont(self.font())
            board.show_health(self.health)
            board.arrange_for(PNG_WIDTH)
            layout = board.layout()
            height = layout.totalHeightForWidth(PNG_WIDTH)
            board.resize(PNG_WIDTH, max(height, layout.totalMinimumSize().height()))
            layout.activate()
            picture = board.grab()
        finally:
            board.deleteLater()
        png = QByteArray()
        buffer = QBuffer(png)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not picture.save(buffer, "PNG"):
            raise OSError(f"Could not make the picture for {path}.")
        with private_file(path, "wb") as file:
            file.write(png.data())
        return path

    def export_png(self) -> Path | None:
        """Ask where to save the dashboard as a PNG, and save it there."""
        folder = Path.home()
        if self.settings is not None:
            folder = Path(str(self.settings.value(FOLDER_KEY, folder)))
        day = self.health.today if self.health else dt.date.today()
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export the dashboard as PNG",
            str(folder / f"network-health-{day.isoformat()}.png"),
            "PNG images (*.png)",
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".png":
            path = path.with_name(path.name + ".png")
        try:
            self.save_png(path)
        except OSError as exc:
            show_error(self, str(exc), "Could not export the dashboard")
            return None
        if self.settings is not None:
            self.settings.setValue(FOLDER_KEY, str(path.parent))
        return path

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(900, 760)
