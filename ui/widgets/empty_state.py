"""A view that, with nothing to show, says so and what to do next in its place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class EmptyState(QStackedWidget):
    """`content` while it has something to show, else `sentence` where it was (the
    follow-ups, the timeline, the contact pane)."""

    def __init__(self, content: QWidget, sentence: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.sentence = QLabel(sentence)
        self.sentence.setObjectName("emptyState")
        self.sentence.setWordWrap(True)
        self.sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.sentence.setMargin(24)
        # The palette's quieter text colour, as on Today (it follows a change of theme).
        self.sentence.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.addWidget(content)
        self.addWidget(self.sentence)

    def set_empty(self, empty: bool) -> None:
        """Show the sentence (True) or the content."""
        self.setCurrentWidget(self.sentence if empty else self.content)

    def is_empty(self) -> bool:
        """Whether the sentence is on show."""
        return self.currentWidget() is self.sentence
