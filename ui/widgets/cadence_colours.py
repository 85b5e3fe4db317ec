"""The colours of "due" (amber) and "going cold" (red), the same in the list and Today."""

from __future__ import annotations

from PySide6.QtGui import QColor

from relate.cadence import CadenceStatus

# Translucent, so the tint sits on the base colour of light and dark themes alike.
_TINTS = {"due": QColor(240, 180, 0, 90), "cold": QColor(220, 60, 60, 90)}
_WORDS = {"due": "due", "cold": "going cold"}


def status_tint(status: CadenceStatus | None) -> QColor | None:
    """The background tint for a due or going-cold contact; None when neither."""
    return _TINTS.get(status) if status else None


def status_words(status: CadenceStatus | None) -> str:
    return _WORDS.get(status, "") if status else ""
