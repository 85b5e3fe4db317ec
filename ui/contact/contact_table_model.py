"""The contact list's model: holds ids only and fetches rows when the view asks.

The ordered ids of the current view and tags come from the core (sorted in SQL);
a search filters that list in Python with the set of ids the full-text index
matches, so typing never re-sorts anything.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from relate import queries, who_knows
from relate.cadence import cadence_status, rhythm_label
from relate.dates import day_text
from relate.fields import label
from relate.records import ContactSummary
from relate.store import search
from relate.vocabulary import STAGES
from ui.widgets.cadence_colours import status_tint, status_words

if TYPE_CHECKING:
    from ui.tasks import TaskRunner


class Column(NamedTuple):
    """A column of the list: its header, the core's order for sorting by it, and how it
    takes room in a narrow list."""

    header: str
    order: str
    # Texts as wide as the column's cells usually are: it is as wide as the widest of them
    # in the list's font (and never narrower than its header).
    samples: tuple[str, ...]
    # In a list too narrow for every column, 1 is hidden first, then 2, …; 0 never.
    gives_way: int
    # Whether it takes a share of the room the others leave (text often cut short).
    grows: bool


def _day_cell(day: dt.date | None) -> str:
    return day_text(day, short=True) if day else ""


def _chars(count: int) -> tuple[str, ...]:
    """About `count` average characters of free text (names, companies, positions)."""
    return ("n" * count,)


# A day as wide as days get in the list: its widest digits, month and weekday names.
_WIDE_DAY = (_day_cell(dt.date(2028, 12, 28)), _day_cell(dt.date(2026, 5, 30)))

COLUMNS: tuple[Column, ...] = (
    Column("Name", "name", _chars(21), 0, True),
    Column(label("company"), "company", _chars(18), 5, True),
    Column(label("position"), "position", _chars(20), 2, True),
    Column(label("stage"), "stage", STAGES, 3, False),
    Column("Last contacted", "last_contacted", _WIDE_DAY, 4, False),
    Column(label("next_due"), "next_due", _WIDE_DAY, 6, False),
    Column(label("tags"), "tags", _chars(14), 1, True),
)
NEXT_DUE_COLUMN = next(n for n, column in enumerate(COLUMNS) if column.order == "next_due")
# One database round trip fills this many rows around the one asked for.
_BLOCK = 100
_CACHE_ROWS = 3000
IdRole = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex
# The view that ranks contacts by how well they answer the search text as a question.
WHO_VIEW = "who"


def _cell(contact: ContactSummary, column: int) -> str:
    if column == 0:
        return contact.display_name
    if column == 1:
        return contact.company
    if column == 2:
        return contact.position
    if column == 3:
        return contact.stage
    if column == 4:
        return _day_cell(contact.last_contacted)
    if column == 5:
        return _day_cell(contact.next_due)
    return ", ".join(contact.tags)


class ContactTableModel(QAbstractTableModel):
    """Contacts of the current view, tags and search, one row each, fetched on demand."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.view = "all"
        self.tags: tuple[str, ...] = ()
        self.text = ""
        self.order = "name"
        self.descending = False
        self._ordered: list[int] = []  # the view and tags, in list order
        self._ids: list[int] = []  # what is shown: `_ordered` narrowed by the search
        self._row_of: dict[int, int] | None = None
        self._rows: OrderedDict[int, ContactSummary] = OrderedDict()
        self._reasons: dict[int, str] = {}  # why each answers the "who" question
        # Reading on the worker (`reload_later`): `sort` only records the order, and a
        # reload made meanwhile wins over the answer still to come.
        self.loading = False
        self._reading = 0
        self._loaded = False  # the ids have been read once

    # What is shown -----------------------------------------------------------------

    def set_view(self, view: str) -> None:
        """Show one of the core's saved views ("all", "due", "archived", …), or WHO_VIEW:
        the contacts who best answer the search text ("does architecture in Cleveland"),
        best first."""
        self.view = view
        self.reload()

    def set_tags(self, tags: Iterable[str]) -> None:
        """Show only contacts carrying every one of these tags."""
        self.tags = tuple(tags)
        self.reload()

    def set_search(self, text: str) -> None:
        """Narrow the list to contacts matching `text` (everyone when it has no word)."""
        if self.view == WHO_VIEW:
            self.text = text
            self.reload()
            return
        self.beginResetModel()
        self.text = text
        self._apply_search()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        before = (self.order, self.descending)
        self.set_order(column, order)
        # While ids are read they come in the order recorded; the order the list has
        # already reads nothing again (the header turning sorting on asks for it).
        if not self.loading and (not self._loaded or before != (self.order, self.descending)):
            self.reload()

    def set_order(self, column: int, order: Qt.SortOrder) -> None:
        """The order the next read gives, without reading."""
        self.order = COLUMNS[column].order
        self.descending = order == Qt.SortOrder.DescendingOrder

    def reload_later(self, tasks: TaskRunner, then: Callable[[], object]) -> None:
        """Read the ordered ids on the worker (100,000 take ~50 ms), fill the list when
        they come, then call `then`; until then `sort` only records the order."""
        self.loading = True
        self._reading += 1
        reading = self._reading
        view, tags, order, descending = self.view, self.tags, self.order, self.descending
        # Not the "who" view: the window starts on a saved view of the list.
        assert view != WHO_VIEW

        def read() -> list[int]:
            return queries.contact_ids(tags=tags, view=view, order=order, descending=descending)

        def done(ids: list[int]) -> None:
            if reading != self._reading:
                return  # a reload on this thread came first, with fresher data
            self.loading = False
            if (self.order, self.descending) != (order, descending):
                self.reload()  # the order changed while they were read
            else:
                self._loaded = True
                self.beginResetModel()
                self._ordered = ids
                self._rows.clear()
                self._apply_search()
                self.endResetModel()
            then()

        tasks.run_in_background(read, done)

    def reload(self) -> None:
        """Fetch the ordered ids again (after a change that may move or add rows)."""
        self.loading = False
        self._loaded = True
        self._reading += 1  # an answer still coming from the worker is older
        self.beginResetModel()
        if self.view == WHO_VIEW:
            self._ordered = self._who_answers()
        else:
            self._ordered = queries.contact_ids(
                tags=self.tags, view=self.view, order=self.order, descending=self.descending
            )
        self._rows.clear()
        self._apply_search()
        self.endResetModel()

    def _who_answers(self) -> list[int]:
        """Who answers the question in the search box, best first, with every chosen tag."""
        answers = who_knows.who_knows(self.text)
        self._reasons = {answer.contact_id: "; ".join(answer.reasons) for answer in answers}
        ranked = [answer.contact_id for answer in answers]
        if self.tags and ranked:
            tagged = set(queries.contact_ids(tags=self.tags))
            ranked = [contact_id for contact_id in ranked if contact_id in tagged]
        return ranked

    def _apply_search(self) -> None:
        if self.view == WHO_VIEW:  # ranked by the question already
            self._ids = self._ordered
            self._row_of = None
            return
        matches = search.matching_ids(self.text) if self.text else None
        self._ids = self._ordered if matches is None else [i for i in self._ordered if i in matches]
        self._row_of = None

    # Following changes ---------------------------------------------------------------

    def forget(self, contact_ids: Iterable[int]) -> None:
        """Rows of these contacts changed: fetch them again when next shown."""
        for contact_id in contact_ids:
            self._rows.pop(contact_id, None)
            row = self.row_of(contact_id)
            if row >= 0:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def remove(self, contact_ids: Iterable[int]) -> None:
        """Take these contacts out of the list without reloading it."""
        gone = set(contact_ids)
        rows = sorted((self.row_of(i) for i in gone if self.row_of(i) >= 0), reverse=True)
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._ids[row]
            self.endRemoveRows()
        if self._ordered is not self._ids:
            self._ordered = [i for i in self._ordered if i not in gone]
        for contact_id in gone:
            self._rows.pop(contact_id, None)
        self._row_of = None

    # Reading -----------------------------------------------------------------------

    def contact_id(self, row: int) -> int:
        return self._ids[row]

    def contact_ids(self) -> Sequence[int]:
        """Every id shown, in order."""
        return self._ids

    def row_of(self, contact_id: int) -> int:
        """The row showing this contact, or -1."""
        if self._row_of is None:
            self._row_of = {cid: row for row, cid in enumerate(self._ids)}
        return self._row_of.get(contact_id, -1)

    def summary(self, row: int) -> ContactSummary | None:
        """The list row's data (fetched with its neighbours when not cached)."""
        contact_id = self._ids[row]
        cached = self._rows.get(contact_id)
        if cached is not None:
            return cached
        start = max(0, row - _BLOCK // 2)
        for contact in queries.summaries(self._ids[start : start + _BLOCK]):
            self._rows[contact.id] = contact
        while len(self._rows) > _CACHE_ROWS:
            self._rows.popitem(last=False)
        return self._rows.get(contact_id)

    # Qt's model interface ------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.BackgroundRole:
            if index.column() != NEXT_DUE_COLUMN:
                return None
            contact = self.summary(index.row())
            return status_tint(_status(contact)) if contact else None
        if role == Qt.ItemDataRole.ToolTipRole and self.view == WHO_VIEW and index.column() == 0:
            return self._reasons.get(self._ids[index.row()])
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == NEXT_DUE_COLUMN:
            contact = self.summary(index.row())
            return _due_tip(contact) if contact else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        contact = self.summary(index.row())
        return _cell(contact, index.column()) if contact else None


def _status(contact: ContactSummary) -> str | None:
    return cadence_status(contact.next_due, contact.rhythm_days, dt.date.today())


def _due_tip(contact: ContactSummary) -> str | None:
    """ "Going cold: next due 2026-10-01 (every month)"."""
    if contact.next_due is None:
        return "No follow-up rhythm"
    words = status_words(_status(contact))
    state = f"{words.capitalize()}: " if words else ""
    return f"{state}next due {day_text(contact.next_due)} ({rhythm_label(contact.rhythm_days)})"
