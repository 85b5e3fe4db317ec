"""The contact list's columns: as wide as their content in the list's font, the columns a
narrow list cannot hold hidden, and the columns the user chose from the header's menu.

Until the user chooses, every column that fits the list's width shows and the others give
way in COLUMNS' order (Tags first, then Position, then Stage; never Name), again whenever
the list's width changes. A choice made from the header's context menu is remembered and
wins from then on, until "Fit columns to the list's width" is chosen again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QStyle, QTableView

from ui.contact.contact_table_model import COLUMNS

HEADER_KEY = "list/header"  # the sort order (Qt's header state)
CHOSEN_KEY = "list/columns"  # the columns the user chose ("name,company,…"); none: fitted
WIDTHS_KEY = "list/widths"  # widths the user dragged columns to ("company=220,…")
FIT_TEXT = "Fit columns to the list's width"
_ORDER_OF = {column.order: n for n, column in enumerate(COLUMNS)}


def _parse_pairs(text: str) -> dict[int, int]:
    """ "company=220,name=180" -> {column: width}; what is not understood is left out."""
    widths = {}
    for pair in text.split(","):
        order, _, width = pair.partition("=")
        if order.strip() in _ORDER_OF and width.strip().isdigit():
            widths[_ORDER_OF[order.strip()]] = int(width)
    return widths


class ListColumns(QObject):
    """Which columns of `table` (over ContactTableModel) show, and how wide they are."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.header = table.horizontalHeader()
        self.settings: QSettings | None = None
        self.chosen: frozenset[int] | None = None  # the user's columns; None: fitted
        self.dragged: dict[int, int] = {}  # widths the user gave columns by dragging
        self._arranging = False
        self._fitted_width = -1
        self._menu: QMenu | None = None
        # Widths measure the header with its sort arrow, shown or not yet.
        self.header.setSortIndicatorShown(True)
        self.header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.header.customContextMenuRequested.connect(self._on_header_context_menu_requested)
        self.header.sectionResized.connect(self._on_header_section_resized)
        table.viewport().installEventFilter(self)
        self.fit()

    # Widths ----------------------------------------------------------------------------

    def natural_width(self, column: int) -> int:
        """The column's width from its content: its widest sample text in the list's font
        with the cell's margins, and never narrower than its header."""
        metrics = self.table.fontMetrics()
        margin = self.table.style().pixelMetric(
            QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table
        )
        text = max(metrics.horizontalAdvance(sample) for sample in COLUMNS[column].samples)
        return max(text + 2 * margin + 8, self.header.sectionSizeFromContents(column).width())

    def width_of(self, column: int) -> int:
        """The width the user dragged the column to, else its natural width."""
        return self.dragged.get(column) or self.natural_width(column)

    # What shows --------------------------------------------------------------------------

    def shown(self) -> list[int]:
        """The columns on show, left to right."""
        return [n for n in range(len(COLUMNS)) if not self.header.isSectionHidden(n)]

    def columns_that_fit(self, room: int) -> list[int]:
        """The columns to show in `room` pixels: all of them, less those that give way
        first (COLUMNS' `gives_way`) until the rest fit."""
        shown = list(range(len(COLUMNS)))
        giving_way = sorted((n for n in shown if COLUMNS[n].gives_way), key=_gives_way)
        for column in giving_way:
            if sum(self.width_of(n) for n in shown) <= room:
                break
            shown.remove(column)
        return shown

    def fit(self) -> None:
        """Show the user's columns, or those that fit the list's width, each at its width
        and the room left shared by the columns of free text."""
        room = self.table.viewport().width()
        self._fitted_width = room
        columns = sorted(self.chosen | {0}) if self.chosen is not None else None
        shown = columns if columns is not None else self.columns_that_fit(room)
        widths = self.widths_in(shown, room)
        self._arranging = True
        try:
            for column in range(len(COLUMNS)):
                self.header.setSectionHidden(column, column not in shown)
            for column in shown:
                self.header.resizeSection(column, widths[column])
        finally:
            self._arranging = False

    def widths_in(self, shown: list[int], room: int) -> dict[int, int]:
        """Each shown column's width, the room they leave shared by those that grow."""
        widths = {column: self.width_of(column) for column in shown}
        growing = [column for column in shown if COLUMNS[column].grows]
        spare = room - sum(widths.values())
        if spare > 0 and growing:
            for n, column in enumerate(growing):
                widths[column] += spare // len(growing) + (n < spare % len(growing))
        return widths

    def choose(self, columns: Iterable[int] | None) -> None:
        """Show these columns from now on, remembered (None: fit them to the width)."""
        self.chosen = None if columns is None else frozenset(columns) | {0}
        if self.settings is not None:
            orders = [COLUMNS[n].order for n in sorted(self.chosen or ())]
            self.settings.setValue(CHOSEN_KEY, ",".join(orders))
        self.fit()

    # Remembering -------------------------------------------------------------------------

    def restore(self, settings: QSettings) -> None:
        """The sort order, the widths the user dragged and the columns they chose, as
        saved in `settings` (which then keeps the columns they choose)."""
        self.settings = settings
        state = settings.value(HEADER_KEY)
        if isinstance(state, QByteArray):
            self._arranging = True
            try:
                self.header.restoreState(state)
            finally:
                self._arranging = False
        self.dragged = _parse_pairs(str(settings.value(WIDTHS_KEY, "")))
        chosen = str(settings.value(CHOSEN_KEY, ""))
        columns = [_ORDER_OF[o] for o in chosen.split(",") if o in _ORDER_OF]
        self.chosen = frozenset(columns) | {0} if columns else None
        self.fit()

    def save(self, settings: QSettings) -> None:
        """The sort order and the dragged widths (the chosen columns are saved as chosen)."""
        settings.setValue(HEADER_KEY, self.header.saveState())
        pairs = (f"{COLUMNS[n].order}={width}" for n, width in sorted(self.dragged.items()))
        settings.setValue(WIDTHS_KEY, ",".join(pairs))

    # The header's menu ---------------------------------------------------------------------

    def menu(self) -> QMenu:
        """Every column, checked when it shows (Name always does), and the way back to
        columns fitted to the width."""
        if self._menu is not None:
            self._menu.deleteLater()
        self._menu = menu = QMenu(self.header)
        shown = self.shown()
        for column, spec in enumerate(COLUMNS):
            action = menu.addAction(spec.header)
            action.setCheckable(True)
            action.setChecked(column in shown)
            action.setEnabled(column != 0)
            action.setData(column)
        menu.addSeparator()
        fitted = menu.addAction(FIT_TEXT)
        fitted.setCheckable(True)
        fitted.setChecked(self.chosen is None)
        menu.triggered.connect(self._on_menu_triggered)
        return menu

    def _on_header_context_menu_requested(self, position: QPoint) -> None:
        self.menu().exec(self.header.mapToGlobal(position))

    def _on_menu_triggered(self, action: QAction) -> None:
        column = action.data()
        if column is None:  # fitted to the width
            self.choose(None)
            return
        shown = set(self.shown())
        if action.isChecked():
            shown.add(column)
        else:
            shown.discard(column)
        self.choose(shown)

    # Following the list ----------------------------------------------------------------------

    def _on_header_section_resized(self, column: int, _old: int, new: int) -> None:
        # The last column shown stretches to the list's edge: its width is no choice; nor
        # is a hidden column's (Qt reports some hidden ones late, as resized to nothing).
        shown = self.shown()
        if not self._arranging and column in shown[:-1] and new > 0:
            self.dragged[column] = new

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and self.table.viewport().width() != (
            self._fitted_width
        ):
            self.fit()
        return False


def _gives_way(column: int) -> int:
    return COLUMNS[column].gives_way
