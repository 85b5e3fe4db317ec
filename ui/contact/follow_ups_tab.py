"""The Follow-ups tab: open and done promises to a contact; add, complete, reschedule."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from relate import followups
from relate.dates import day_text
from relate.records import FollowUpRecord
from ui.undo.commands import FollowUpCommand, run_command
from ui.undo.data_events import DataEvents
from ui.widgets.date_fields import date_field
from ui.widgets.empty_state import EmptyState

_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE = QColor("#c0504d")
NO_FOLLOW_UPS = "No follow-ups yet. Add one above: what you promised and when."


def pick_date(parent: QWidget, start: dt.date, title: str) -> dt.date | None:
    """Ask for a date with a calendar; None if cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    calendar = QCalendarWidget()
    calendar.setSelectedDate(QDate(start.year, start.month, start.day))
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    calendar.activated.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(calendar)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return calendar.selectedDate().toPython()


class FollowUpsTab(QWidget):
    """Open follow-ups by due date (overdue in red), then done ones."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack, self.events = stack, events
        self.contact_id: int | None = None
        self.items: list[FollowUpRecord] = []
        self.read_only = False

        self.text = QLineEdit()
        self.text.setObjectName("followUpText")
        self.text.setPlaceholderText("What to follow up on?")
        self.text.returnPressed.connect(self.add_follow_up)
        self.text.textChanged.connect(self._update_buttons)
        self.due = date_field(dt.date.today() + dt.timedelta(days=7))
        self.add_button = QPushButton("Add")
        self.add_button.clicked.connect(self.add_follow_up)
        entry = QHBoxLayout()
        entry.addWidget(self.text, 1)
        entry.addWidget(self.due)
        entry.addWidget(self.add_button)

        self.model = QStandardItemModel(self)
        self.model.setHorizontalHeaderLabels(["Due", "Follow-up"])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setRootIsDecorated(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.doubleClicked.connect(self.toggle_done)
        self.list = EmptyState(self.tree, NO_FOLLOW_UPS)
        self.done_button = QPushButton("Done")
        self.done_button.clicked.connect(self.toggle_done)
        self.reschedule_button = QPushButton("Reschedule…")
        self.reschedule_button.clicked.connect(self.reschedule)
        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete)
        buttons = QHBoxLayout()
        for button in (self.done_button, self.reschedule_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(entry)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_read_only(self, read_only: bool) -> None:
        """Look, don't touch: no button that would change something is on."""
        self.read_only = read_only
        self._update_buttons()

    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.setEnabled(contact_id is not None)
        self.refresh()

    def refresh(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        self.items = followups.follow_ups_for(self.contact_id) if self.contact_id else []
        today = dt.date.today()
        for item in self.items:
            due = QStandardItem(day_text(item.due, short=True))
            text = QStandardItem(item.text)
            for cell in (due, text):
                cell.setData(item.id, _ID_ROLE)
                if not item.is_open:
                    font = QFont(cell.font())
                    font.setStrikeOut(True)
                    cell.setFont(font)
                    cell.setToolTip(f"Done {day_text(item.done_at.date(), short=True)}")
                elif item.due < today:
                    cell.setForeground(QBrush(OVERDUE))
                    cell.setToolTip("Overdue")
            self.model.appendRow([due, text])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.list.set_empty(not self.items)
        self._update_buttons()

    def selected(self) -> FollowUpRecord | None:
        index = self.tree.currentIndex()
        chosen = index.data(_ID_ROLE) if index.isValid() else None
        return next((item for item in self.items if item.id == chosen), None)

    def _update_buttons(self, *_args: object) -> None:
        """Only the buttons that can act are on: Add once there is something to add,
        the others while a follow-up is selected."""
        item = self.selected()
        self.done_button.setText("Reopen" if item and not item.is_open else "Done")
        writable = not self.read_only and self.contact_id is not None
        self.add_button.setEnabled(writable and bool(self.text.text().strip()))
        for button in (self.done_button, self.reschedule_button, self.delete_button):
            button.setEnabled(writable and item is not None)
            button.setToolTip("" if item else "Select a follow-up first")

    def _run(self, action: str, follow_up_id: int | None = None, **values: object) -> bool:
        assert self.contact_id is not None
        command = FollowUpCommand(self.events, self.contact_id, action, follow_up_id, **values)
        return run_command(self.stack, command, self)

    def add_follow_up(self) -> None:
        if self.contact_id is None or not self.add_button.isEnabled():
            return
        if self._run("add", text=self.text.text(), due=self.due.date().toPython()):
            self.text.clear()

    def toggle_done(self, *_args: object) -> None:
        item = self.selected()
        if item is not None:
            self._run("complete", item.id, done=item.is_open)

    def reschedule(self) -> None:
        item = self.selected()
        if item is None:
            return
        new_due = pick_date(self, item.due, "Reschedule follow-up")
        if new_due is not None and new_due != item.due:
            self._run("reschedule", item.id, due=new_due)

    def delete(self) -> None:
        item = self.selected()
        if item is not None:
            self._run("delete", item.id)
