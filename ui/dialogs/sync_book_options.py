"""A connected book's options: which of Relate's own fields it carries, which contacts
go to it, and whether removing a contact here removes its card."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from relate.address_books.books import SEND_ALL, SEND_NONE, SEND_TAG, BookRecord
from relate.fields import SYNC_OWN_NAMES, label
from ui.widgets.hint import hint_label

# The choices of "which contacts go to it", as the combo shows them.
_SEND_CHOICES = (
    (SEND_ALL, "All of them"),
    (SEND_NONE, "None (only those that came from it)"),
    (SEND_TAG, "Those tagged"),
)
_COLUMNS = 3  # of the own fields' check boxes


class BookOptions(QGroupBox):
    """The options of the book chosen in the list; a change is told at once.

    Signals:
        changed(): the user changed an option (read `own_fields`, `send`, `removes`).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Options", parent)
        self.setObjectName("bookOptions")
        self.carried: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for number, name in enumerate(SYNC_OWN_NAMES):
            box = QCheckBox(label(name))
            box.setObjectName(f"carry_{name}")
            box.clicked.connect(self.changed)
            self.carried[name] = box
            grid.addWidget(box, number // _COLUMNS, number % _COLUMNS)
        self.send = QComboBox()
        self.send.setObjectName("sendChoice")
        for key, text in _SEND_CHOICES:
            self.send.addItem(text, key)
        self.send.activated.connect(self._on_send_activated)
        self.tag = QComboBox()
        self.tag.setObjectName("sendTag")
        self.tag.activated.connect(self.changed)
        send_row = QHBoxLayout()
        send_row.addWidget(QLabel("Which of your contacts go to it:"))
        send_row.addWidget(self.send)
        send_row.addWidget(self.tag)
        send_row.addStretch(1)
        self.removes = QCheckBox("Removing a contact here removes its card from the server")
        self.removes.setObjectName("deleteOnServer")
        self.removes.setToolTip(
            "Off: archiving or deleting a contact in Relate leaves its card on the server"
        )
        self.removes.clicked.connect(self.changed)

        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("Besides names, e-mails, phones and addresses, it carries Relate's:")
        )
        layout.addLayout(grid)
        layout.addLayout(send_row)
        layout.addWidget(self.removes)
        layout.addWidget(hint_label("Changes apply at once; the next sync follows them."))

    def show_book(self, book: BookRecord | None, tag_names: list[str]) -> None:
        """Show the options of `book` (None: none chosen, all disabled)."""
        self.setEnabled(book is not None)
        self.setTitle(f"Options of {book.name}" if book else "Options")
        own = book.own_fields if book else ()
        for name, box in self.carried.items():
            box.setChecked(name in own)
        send = book.send if book else SEND_ALL
        tagged = send.removeprefix(SEND_TAG) if send.startswith(SEND_TAG) else ""
        self.tag.clear()
        self.tag.addItems(sorted({*tag_names, *([tagged] if tagged else [])}, key=str.casefold))
        if tagged:
            self.tag.setCurrentText(tagged)
        # "Those tagged" only once there is a tag to choose.
        tagged_item = self.send.model().item(self.send.findData(SEND_TAG))  # type: ignore[attr-defined]
        tagged_item.setEnabled(self.tag.count() > 0)
        self.send.setCurrentIndex(self.send.findData(SEND_TAG if tagged else send))
        self._show_tag()
        self.removes.setChecked(bool(book and book.delete_on_server))

    def _show_tag(self) -> None:
        self.tag.setVisible(self.send.currentData() == SEND_TAG)

    def _on_send_activated(self, _index: int) -> None:
        self._show_tag()
        if self.send.currentData() == SEND_TAG and not self.tag.count():
            return  # no tag to choose yet: nothing to store
        self.changed.emit()

    def own_fields(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.carried.items() if box.isChecked())

    def send_choice(self) -> str:
        """all, none or tag:NAME, as the book stores it."""
        key = str(self.send.currentData())
        return f"{SEND_TAG}{self.tag.currentText()}" if key == SEND_TAG else key
