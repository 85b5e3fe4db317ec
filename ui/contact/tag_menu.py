"""What a right-click on a tag offers, wherever the tag is shown: its category, and
whether it is one of the user's interests or a topic to avoid."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMenu

from relate.records import TagInfo
from relate.vocabulary import NEED_CATEGORY, TAG_CATEGORIES

# Where needs show apart from interests: the navigator's heading and the card's row.
NEEDS_LABEL = "Looking for"
CATEGORY_MENU = "Category"
MINE_ACTION = "One of my interests"
AVOID_ACTION = "A topic to avoid"
# How to make a need, for the places that ask the user for one.
HOW_TO_MAKE_A_NEED = f"right-click a tag → {CATEGORY_MENU} → {NEED_CATEGORY}"

# A change the user asked for: the keywords of `EditTagCommand` ({"category": "need"},
# {"avoid": True}, {"mine": False}).
TagEdit = dict[str, object]


def add_tag_actions(menu: QMenu, tag: TagInfo, edit: Callable[[TagEdit], None]) -> None:
    """Add to `menu` a Category submenu (the tag's own checked) and the marks as checkable
    actions; choosing one calls `edit` with the change asked for."""
    categories = menu.addMenu(CATEGORY_MENU)
    group = QActionGroup(categories)
    for category in TAG_CATEGORIES:
        action = categories.addAction(category)
        action.setCheckable(True)
        action.setChecked(category == tag.category)
        group.addAction(action)
        if category != tag.category:
            action.triggered.connect(_asking(edit, {"category": category}))
    for text, mark, on in ((MINE_ACTION, "mine", tag.mine), (AVOID_ACTION, "avoid", tag.avoid)):
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(on)
        action.triggered.connect(_asking(edit, {mark: not on}))


def _asking(edit: Callable[[TagEdit], None], change: TagEdit) -> Callable[[], None]:
    # A slot without parameters: `triggered` would hand a parameter its `checked`.
    return lambda: edit(change)
