"""Icons from `resources/icons/`, loaded once each."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from relate.resources import resource_path


@cache
def icon(group: str, name: str) -> QIcon:
    """`icon("kinds", "call")` is resources/icons/kinds/call.svg (empty if missing)."""
    path = resource_path("icons", group, f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def kind_icon(kind: str) -> QIcon:
    """The icon of a kind of timeline entry."""
    return icon("kinds", kind)


def action_icon(name: str) -> QIcon:
    """A toolbar or menu icon."""
    return icon("actions", name)
