"""The small wrapped sentence that explains a field or a group of settings."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def hint_label(text: str = "") -> QLabel:
    """A wrapped label named "hint", as dialogs and tests find their explanations."""
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label
