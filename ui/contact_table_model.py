"""The contact list's model: holds ids only and fetches rows when the view asks."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from relate import queries
from relate.records import ContactSummary

COLUMNS: tuple[tuple[str, str], ...] = (
    ("Name", "name"),
    ("Company", "company"),
    ("Position", "position"),
    ("Stage", "stage"),
    ("Last contacted", "last_contacted"),
    ("Next due", "next_due"),
    ("Tags", "name"),
)
# One database round trip fills this many rows around the one asked for.
_BLOCK = 100
_CACHE_ROWS = 2000
IdRole = Qt.ItemDataRole.UserRole + 1


def _cell(contact: ContactSummary, column: int) -> str:
    values = (
        contact.display_name,
        contact.company,
        contact.position,
        contact.stage,
        contact.last_contacted.isoformat() if contact.last_contacted else "",
        contact.next_due.isoformat() if contact.next_due else "",
        ", ".join(contact.tags),
    )
    return values[column]


class ContactTableModel(QAbstractTableModel):
    """Contacts matching the current search, one row each, fetched on demand."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: OrderedDict[int, ContactSummary] = OrderedDict()
        self._text = ""

    def set_search(self, text: str) -> None:
        """Show the contacts matching `text` (all when empty)."""
        self._text = text
        self.refresh()

    def refresh(self) -> None:
        """Reload the ids from the database (after a change or a new search)."""
        self.beginResetModel()
        self._ids = queries.contact_ids(self._text or None)
        self._rows.clear()
        self.endResetModel()

    def contact_id(self, row: int) -> int:
        return self._ids[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        if role == IdRole:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        contact = self._row(index.row())
        return _cell(contact, index.column()) if contact else None

    def _row(self, row: int) -> ContactSummary | None:
        contact_id = self._ids[row]
        if contact_id not in self._rows:
            start = max(0, row - _BLOCK // 2)
            for contact in queries.summaries(self._ids[start : start + _BLOCK]):
                self._rows[contact.id] = contact
            while len(self._rows) > _CACHE_ROWS:
                self._rows.popitem(last=False)
        return self._rows.get(contact_id)
