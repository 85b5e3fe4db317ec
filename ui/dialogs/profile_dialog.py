"""My profile: the user's own interests and expertise, the basis of common ground."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from relate import tags
from ui.contact.tag_chips import TagChipEditor
from ui.undo.commands import MyInterestCommand, run_command
from ui.undo.data_events import DataEvents


class MyInterestsEditor(TagChipEditor):
    """The user's own interests as chips; every change is stored at once, undoable (the
    welcome page and My profile both use it)."""

    def __init__(
        self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.stack, self.events = stack, events
        self.tag_added.connect(self._on_tag_added)
        self.tag_removed.connect(self._on_tag_removed)
        # Undo and redo change them from outside too.
        events.tags_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.set_tags(tags.my_interests())
        self.set_completions(tags.tag_names())

    def _on_tag_added(self, name: str) -> None:
        run_command(self.stack, MyInterestCommand(self.events, name, True), self)

    def _on_tag_removed(self, name: str) -> None:
        run_command(self.stack, MyInterestCommand(self.events, name, False), self)


class ProfileDialog(QDialog):
    """Add and remove your own interests; every change is stored at once (Edit → Undo
    takes it back)."""

    def __init__(
        self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        # Gone once closed: its editor would otherwise follow every change of tags.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle("My profile")
        intro = QLabel(
            "Your interests, hobbies, places and expertise. Contacts who share one show it "
            "as common ground: the place a conversation starts."
        )
        intro.setWordWrap(True)
        self.editor = MyInterestsEditor(stack, events)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(buttons)
        self.resize(480, 320)
