"""My profile: the user's own interests and expertise, the basis of common ground."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from relate import tags
from relate.validation import ValidationError
from ui.data_events import DataEvents
from ui.errors import show_error
from ui.tag_chips import TagChipEditor


class MyInterestsEditor(TagChipEditor):
    """The user's own interests as chips; every change is stored at once (the welcome
    page and My profile both use it)."""

    def __init__(self, events: DataEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events = events
        self.tag_added.connect(self._on_tag_added)
        self.tag_removed.connect(self._on_tag_removed)
        self.refresh()

    def refresh(self) -> None:
        self.set_tags(tags.my_interests())
        self.set_completions(tags.tag_names())

    def _change(self, name: str, mine: bool) -> None:
        try:
            tags.set_my_interest(name, mine)
        except ValidationError as exc:
            show_error(self, str(exc))
            return
        self.refresh()
        self.events.tags_changed.emit()
        # Common ground on every card may have changed.
        self.events.contacts_changed.emit([])

    def _on_tag_added(self, name: str) -> None:
        self._change(name, True)

    def _on_tag_removed(self, name: str) -> None:
        self._change(name, False)


class ProfileDialog(QDialog):
    """Add and remove your own interests; every change is stored at once."""

    def __init__(self, events: DataEvents, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("My profile")
        intro = QLabel(
            "Your interests, hobbies, places and expertise. Contacts who share one show it "
            "as common ground: the place a conversation starts."
        )
        intro.setWordWrap(True)
        self.editor = MyInterestsEditor(events)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(480, 320)
