"""The main window: a searchable contact list (the full three-pane window comes next)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relate import queries
from ui.contact_table_model import ContactTableModel

SEARCH_DELAY_MS = 120


class MainWindow(QMainWindow):
    """The window a user lives in: their contacts, searchable as they type."""

    def __init__(self, db_path: Path) -> None:
        super().__init__()
        self.setWindowTitle("Relate")
        self.resize(1100, 700)
        self.model = ContactTableModel(self)
        self.search_box = QLineEdit(placeholderText="Search names, companies, tags, stories…")
        self.search_box.setClearButtonEnabled(True)
        # Typing fast re-runs the search once, when the user pauses.
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        self.match_label = QLabel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((200, 220, 220, 100, 110, 110)):
            self.table.setColumnWidth(column, width)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search_box)
        layout.addWidget(self.match_label)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        self.db_label = QLabel(str(db_path))
        self.statusBar().addPermanentWidget(self.db_label)
        self.model.refresh()
        self._update_counts()

    def _focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def _on_search_box_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    def _on_search_timer_timeout(self) -> None:
        self.model.set_search(self.search_box.text().strip())
        self._update_counts()

    def _update_counts(self) -> None:
        shown = self.model.rowCount()
        total = queries.count_contacts()
        self.match_label.setText(
            f"{shown:,} of {total:,} contacts match" if self.search_box.text().strip() else ""
        )
        self.match_label.setVisible(bool(self.search_box.text().strip()))
        self.statusBar().showMessage(f"{total:,} contacts")
