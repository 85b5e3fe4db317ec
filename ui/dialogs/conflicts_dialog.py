"""Sync conflicts: fields changed both here and on a server, each settled by the user
(keep Relate's value, or take the server's), undoably."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relate.address_books.conflicts import ConflictRecord, open_conflicts
from relate.humanize import counted
from ui.undo.commands import run_command
from ui.undo.conflict_commands import ResolveConflictCommand
from ui.undo.data_events import DataEvents
from ui.widgets.hint import hint_label
from ui.widgets.rows_model import AnyIndex, RowsModel

EMPTY = "(empty)"
_FIT, _SHARE = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
_COLUMN_MODES = (_FIT, _FIT, _SHARE, _SHARE, _FIT)


class ConflictsModel(RowsModel[ConflictRecord]):
    """The conflicts waiting, one a row: contact, field, both values, book."""

    HEADERS = ("Contact", "Field", "Here (kept)", "On the server", "Book")

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        conflict = self.rows[index.row()]
        value = (
            conflict.contact_name,
            conflict.label,
            conflict.local_value,
            conflict.server_value,
            conflict.book,
        )[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:  # a story's lines, on one
            return " ".join(value.split()) or EMPTY
        if role == Qt.ItemDataRole.ToolTipRole:
            return value or EMPTY
        if role == Qt.ItemDataRole.FontRole and not value:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and not value:
            return QApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        return None


class ConflictsDialog(QDialog):
    """The conflicts waiting (of one contact, when given), with Keep mine and Take
    theirs for the selected rows: each an undo step (Ctrl+Z here or in the window)."""

    def __init__(
        self,
        stack: QUndoStack,
        events: DataEvents,
        contact_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.stack, self.events, self.contact_id = stack, events, contact_id
        self.setWindowTitle("Sync conflicts")
        self.setObjectName("conflictsDialog")
        intro = hint_label(
            "These fields changed both here and on the server since the last sync. Relate"
            " kept its own value until you choose; the next sync sends your choice."
        )
        self.model = ConflictsModel(self)
        self.table = QTableView()
        self.table.setObjectName("conflictsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # The two values share what the names leave.
        for column, mode in enumerate(_COLUMN_MODES):
            header.setSectionResizeMode(column, mode)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.empty = QLabel("No conflicts are waiting.")
        self.empty.setObjectName("noConflicts")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.said = hint_label()
        self.said.setObjectName("conflictsSaid")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.keep_button = buttons.addButton("Keep mine", role)
        self.keep_button.setObjectName("keepMineButton")
        self.keep_button.setToolTip("Keep Relate's value; the next sync sends it to the server")
        self.take_button = buttons.addButton("Take theirs", role)
        self.take_button.setObjectName("takeTheirsButton")
        self.take_button.setToolTip("Take the server's value here")
        self.keep_button.clicked.connect(self._on_keep_button_clicked)
        self.take_button.clicked.connect(self._on_take_button_clicked)
        buttons.rejected.connect(self.reject)
        # The window's undo, here too: a choice made by mistake is one Ctrl+Z away.
        self.undo_action = stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = stack.createRedoAction(self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.addActions([self.undo_action, self.redo_action])

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.said)
        layout.addWidget(buttons)
        events.announced.connect(self.reload)
        self.resize(760, 320)
        self.reload()

    def reload(self) -> None:
        """Read the conflicts waiting again (after a choice, its undo, or a sync)."""
        conflicts = open_conflicts(self.contact_id)
        self.model.set_rows(conflicts)
        self.table.setVisible(bool(conflicts))
        self.empty.setVisible(not conflicts)
        if conflicts:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> list[ConflictRecord]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[row] for row in rows]

    def _update_buttons(self) -> None:
        chosen = bool(self.selected())
        self.keep_button.setEnabled(chosen)
        self.take_button.setEnabled(chosen)

    def _on_keep_button_clicked(self) -> None:
        self.resolve(take_server=False)

    def _on_take_button_clicked(self) -> None:
        self.resolve(take_server=True)

    def resolve(self, *, take_server: bool) -> None:
        """Settle the selected conflicts one way, as one undo step."""
        chosen = self.selected()
        if not chosen:
            return
        side = "took the server's value" if take_server else "kept Relate's value"
        several = len(chosen) > 1
        if several:
            self.stack.beginMacro(f"Sync conflicts: {side} ({len(chosen)})")
        done = 0
        try:
            for conflict in chosen:
                command = ResolveConflictCommand(self.events, conflict, take_server=take_server)
                if not run_command(self.stack, command, self):
                    break
                done += 1
        finally:
            if several:
                self.stack.endMacro()
        if done:
            what = counted(done, "conflict")
            self.said.setText(f"{what}: {side}. Ctrl+Z takes it back.")
