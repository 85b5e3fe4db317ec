"""The contact list pane: the search box, the count of matches and the table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relate.humanize import counted
from ui.contact.contact_table_model import WHO_VIEW, ContactTableModel
from ui.contact.list_columns import ListColumns
from ui.widgets.empty_state import EmptyState

SEARCH_DELAY_MS = 80
SEARCH_HINT = "Search names, companies, tags, stories…  (Ctrl+F)"
QUESTION_HINT = "Who do you know who…  does architecture in Cleveland"
# What an empty list says, by view: why it is empty, and what to do next.
EMPTY_VIEW_TEXTS = {
    "all": "No contacts yet. Import your LinkedIn connections (File → Import…, Ctrl+Shift+I)"
    " or add someone you met (Ctrl+N).",
    WHO_VIEW: "Ask who you know above: “does architecture in Cleveland”, “likes sailing”,"
    " “works in healthcare”.",
    "due": "Nobody is due: every rhythm is kept.",
    "going-cold": "Nobody is going cold.",
    "1-2-1": "Nobody is at the 1-2-1 stage yet. Move someone forward on their card when you"
    " have met one to one.",
    "archived": "Nobody is archived. Archiving someone (Del) takes them out of the list and"
    " keeps their whole history; they come back from here.",
}
NO_ANSWER_TEXT = (
    "Nobody you know answers that yet. Tag what people do and care about, or write their"
    " story on their card, and they will."
)


class ContactListPane(QWidget):
    """The list of contacts the navigator and the search box choose.

    Signals:
        current_changed(int): the contact under the cursor (0 when none).
        selection_changed(): the set of selected contacts changed.
        filter_cleared(): the user asked to see everyone again (no tag filter).
    """

    current_changed = Signal(int)
    selection_changed = Signal()
    filter_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ContactTableModel(self)
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(SEARCH_HINT)
        self.search_box.setClearButtonEnabled(True)
        # Typing fast re-runs the search once, when the user pauses.
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_box.textChanged.connect(self._on_search_box_text_changed)
        # Down steps into the results, Enter opens the first one.
        self.search_box.returnPressed.connect(self._on_search_box_return_pressed)
        self.search_box.installEventFilter(self)
        self.count_label = QLabel()
        self.count_label.setObjectName("matchCount")
        # Which tags narrow the list, said plainly, with the way back to everyone.
        self.filter_label = QLabel()
        self.filter_label.setObjectName("tagFilter")
        self.filter_label.setWordWrap(True)
        self.clear_filter_button = QPushButton("Show everyone")
        self.clear_filter_button.setObjectName("clearTagFilter")
        self.clear_filter_button.clicked.connect(self.filter_cleared)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # The owner turns sorting on (which reads the list) once its layout is restored.
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # Which columns show, and how wide: from the font, the list's width and the user.
        self.columns = ListColumns(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self.selection_changed)
        self.model.modelReset.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        # In place of an empty list: why it is empty, and what to do next.
        self.empty = EmptyState(self.table, "")
        filter_row = QHBoxLayout()
        filter_row.setContentsMargins(0, 0, 0, 0)
        filter_row.addWidget(self.filter_label, 1)
        filter_row.addWidget(self.clear_filter_button)
        self.filter_bar = QWidget()
        self.filter_bar.setLayout(filter_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_box)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.count_label)
        layout.addWidget(self.empty, 1)
        self._update_count()

    def set_view(self, view: str) -> None:
        """Show a saved view; the "who" view reads the search box as a question."""
        asking = view == WHO_VIEW
        if asking != (self.model.view == WHO_VIEW):
            # A question is no search, nor a search a question: start the box afresh.
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self.model.text = ""
        self.search_box.setPlaceholderText(QUESTION_HINT if asking else SEARCH_HINT)
        # Answers come best first: no column order to show or choose.
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(not asking)
        header.setSectionsClickable(not asking)
        self.keep_current(lambda: self.model.set_view(view))
        if self.current_id() is None and self.model.rowCount():
            self.select_contact(self.model.contact_id(0))
        if asking:
            self.focus_search()

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.contact_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        """The selected contacts, in list order (the current one if none is selected)."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        ids = [self.model.contact_id(row) for row in rows]
        current = self.current_id()
        return ids or ([current] if current is not None else [])

    def select_contact(self, contact_id: int) -> bool:
        """Make this contact current, if the list shows it."""
        row = self.model.row_of(contact_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def keep_current(self, action: Callable[[], None]) -> None:
        """Run `action` and select the same contact again if it is still listed."""
        current = self.current_id()
        action()
        if current is None or not self.select_contact(current):
            self.current_changed.emit(self.current_id() or 0)

    def _on_search_box_text_changed(self, _text: str) -> None:
        self.search_timer.start()

    def _on_search_box_return_pressed(self) -> None:
        self.enter_results()

    def enter_results(self) -> None:
        """From the search box into the list: the search typed so far is run now, the
        first result becomes current, and the keys move through the results."""
        if self.search_timer.isActive():
            self.search_timer.stop()
            self._on_search_timer_timeout()
        if self.model.rowCount():
            self.select_contact(self.model.contact_id(0))
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.search_box
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            self.enter_results()
            return True
        return False

    def _on_search_timer_timeout(self) -> None:
        self.keep_current(lambda: self.model.set_search(self.search_box.text().strip()))

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self.model.contact_id(current.row()) if current.isValid() else 0)

    def _update_count(self, *_args: object) -> None:
        shown = self.model.rowCount()
        text = counted(shown, "contact")
        if self.model.view == WHO_VIEW:
            if not self.model.text:
                text = "Ask a question: what they do, where, what they care about"
            elif shown:
                text = f"{counted(shown, 'person', 'people')}, best answer first"
            else:
                text = "Nobody you know answers that yet"
        elif self.model.text or self.model.tags:
            text += " matches" if shown == 1 else " match"
        self.count_label.setText(text)
        tags = self.model.tags
        self.filter_bar.setVisible(bool(tags))
        if tags:
            names = ", ".join(tags)
            every = "" if len(tags) == 1 else "all of "
            self.filter_label.setText(f"Only people tagged {every}{names}")
        self.empty.sentence.setText(self._empty_text())
        self.empty.set_empty(shown == 0)

    def _empty_text(self) -> str:
        """Why the list is empty, and what to do next."""
        if self.model.loading:
            return "Reading your contacts…"
        if self.model.view == WHO_VIEW and self.model.text:
            return NO_ANSWER_TEXT
        if self.model.text:
            return f"Nobody matches “{self.model.text}”."
        if self.model.tags:
            return "Nobody here carries every tag chosen."
        return EMPTY_VIEW_TEXTS.get(self.model.view, "Nobody here.")
