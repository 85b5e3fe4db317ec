"""Groups an address book files people under by itself, which are not the user's tags:
one definition for every importer, so a Google CSV and a Google vCard of the same people
give the same tags."""

from __future__ import annotations

from relate.validation import tag_key

# Google Contacts files every contact under "myContacts" (older exports: "My Contacts")
# and the starred ones under "starred"; its vCards write them as CATEGORIES, its CSV as
# labels marked "* " ("* myContacts ::: * starred ::: Friends").
_SYSTEM_GROUPS = frozenset(tag_key(name) for name in ("myContacts", "My Contacts", "starred"))
_SYSTEM_MARK = "* "


def is_system_group(name: str) -> bool:
    """Whether a group or label name is one the address book made, not the user."""
    name = name.strip()
    return name.startswith(_SYSTEM_MARK) or tag_key(name) in _SYSTEM_GROUPS
