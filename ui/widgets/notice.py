"""A sentence shown in place, with a warning sign when it says something went wrong."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget


class Notice(QWidget):
    """A wrapped, selectable sentence; `say(text, problem=True)` puts a warning sign
    before it (a failure the user should read), `say("")` hides it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        sign = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.icon.setPixmap(sign.pixmap(size, size))
        self.label = QLabel()
        self.label.setObjectName(name)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        self.problem = False
        self.say("")

    def say(self, text: str, *, problem: bool = False) -> None:
        """Show `text` (a problem: with the warning sign); "" hides the notice."""
        self.problem = problem and bool(text)
        self.label.setText(text)
        self.icon.setVisible(self.problem)
        self.setVisible(bool(text))

    def text(self) -> str:
        return self.label.text()
