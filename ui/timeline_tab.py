"""The Timeline tab: a contact's interactions by month, and a quick-entry row."""

from __future__ import annotations

from PySide6.QtCore import QDate, QModelIndex, QPoint, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from relate import timeline
from relate.records import InteractionRecord
from relate.vocabulary import EXCHANGE_KINDS
from ui.commands import (
    DeleteInteractionCommand,
    EditInteractionCommand,
    LogInteractionCommand,
    run_command,
)
from ui.data_events import DataEvents
from ui.entry_dialog import EntryDialog, kind_combo, sub_kind_combo
from ui.icons import kind_icon

_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
# Gave and received stand out: what the user gives, and what they owe.
EXCHANGE_COLOURS = {"gave": QColor("#2e9d5b"), "received": QColor("#d08a1f")}


class TimelineTab(QWidget):
    """Newest first, grouped by month; notes unfold under their entry."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack, self.events = stack, events
        self.contact_id: int | None = None

        self.kind = kind_combo()
        self.kind.setCurrentText("conversation")
        self.kind.setToolTip("Kind of entry")
        self.sub_kind = sub_kind_combo()
        self.sub_kind.setToolTip("What was given or received")
        self.kind.currentTextChanged.connect(self._on_kind_current_text_changed)
        self.date = QDateEdit(QDate.currentDate())
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.summary = QLineEdit()
        self.summary.setObjectName("quickSummary")
        self.summary.setPlaceholderText("What happened?")
        self.summary.setToolTip("Ctrl+L comes here; Enter logs the entry")
        self.summary.returnPressed.connect(self.log_entry)
        self.log_button = QPushButton("Log")
        self.log_button.clicked.connect(self.log_entry)
        # Two rows, so that a narrow pane never cuts the kind or the summary short.
        what = QHBoxLayout()
        what.addWidget(self.kind)
        what.addWidget(self.sub_kind)
        what.addWidget(self.date)
        what.addStretch(1)
        entry = QHBoxLayout()
        entry.addWidget(self.summary, 1)
        entry.addWidget(self.log_button)
        self._on_kind_current_text_changed(self.kind.currentText())

        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu_requested)
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)
        QShortcut(
            QKeySequence.StandardKey.Delete,
            self.tree,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        layout = QVBoxLayout(self)
        layout.addLayout(what)
        layout.addLayout(entry)
        layout.addWidget(self.tree, 1)

    def focus_quick_entry(self) -> None:
        """Ctrl+L: straight to the summary of a new entry."""
        self.summary.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.summary.selectAll()

    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.setEnabled(contact_id is not None)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the core."""
        self.model.clear()
        if self.contact_id is None:
            return
        month_item: QStandardItem | None = None
        month = None
        for entry in timeline.interactions_for(self.contact_id):
            if (entry.date.year, entry.date.month) != month:
                month = (entry.date.year, entry.date.month)
                month_item = QStandardItem(entry.date.strftime("%B %Y"))
                font = QFont(month_item.font())
                font.setBold(True)
                month_item.setFont(font)
                month_item.setSelectable(False)
                self.model.appendRow(month_item)
            assert month_item is not None
            month_item.appendRow(self._entry_item(entry))
        self.tree.expandToDepth(0)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    @staticmethod
    def _entry_item(entry: InteractionRecord) -> QStandardItem:
        kind = f"{entry.kind}: {entry.sub_kind}" if entry.sub_kind else entry.kind
        when = entry.date.strftime("%a %d")
        if entry.time:
            when += f" {entry.time:%H:%M}"
        item = QStandardItem(kind_icon(entry.kind), f"{when}   {kind}   {entry.summary}".rstrip())
        item.setData(entry.id, _ENTRY_ROLE)
        item.setToolTip(entry.notes or entry.summary)
        if entry.kind in EXCHANGE_KINDS:
            item.setForeground(QBrush(EXCHANGE_COLOURS[entry.kind]))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        if entry.notes:
            note = QStandardItem(entry.notes)
            note.setData(entry.id, _ENTRY_ROLE)
            font = QFont(note.font())
            font.setItalic(True)
            note.setFont(font)
            item.appendRow(note)
        return item

    def _on_kind_current_text_changed(self, kind: str) -> None:
        self.sub_kind.setVisible(kind in EXCHANGE_KINDS)

    def log_entry(self) -> None:
        """Log the quick-entry row (Enter in the summary)."""
        if self.contact_id is None:
            return
        kind = self.kind.currentText()
        command = LogInteractionCommand(
            self.events,
            self.contact_id,
            kind=kind,
            sub_kind=(self.sub_kind.currentText() or None) if kind in EXCHANGE_KINDS else None,
            date=self.date.date().toPython(),
            summary=self.summary.text(),
        )
        if run_command(self.stack, command, self):
            self.summary.clear()
            self.date.setDate(QDate.currentDate())

    def selected_entry_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(_ENTRY_ROLE) if index.isValid() else None

    def delete_selected(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is not None:
            run_command(self.stack, DeleteInteractionCommand(self.events, entry_id), self)

    def edit_selected(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is None:
            return
        dialog = EntryDialog(timeline.get_interaction(entry_id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            command = EditInteractionCommand(self.events, entry_id, **dialog.values())
            run_command(self.stack, command, self)

    def _on_tree_double_clicked(self, index: QModelIndex) -> None:
        if index.data(_ENTRY_ROLE) is not None:
            self.edit_selected()

    def _on_tree_context_menu_requested(self, position: QPoint) -> None:
        if self.selected_entry_id() is None:
            return
        menu = QMenu(self)
        menu.addAction("Edit…", self.edit_selected)
        menu.addAction("Delete", self.delete_selected)
        menu.exec(self.tree.viewport().mapToGlobal(position))
