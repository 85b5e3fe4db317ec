"""What the source of each import is called in the list of imports: a kind of address
book, a kind of history, or a sync with a connected address book."""

from __future__ import annotations

from relate.history.sources import HISTORY_KINDS
from relate.importers.formats import FORMAT_NAMES

SYNC_SOURCE = "carddav"
SOURCE_NAMES = {**FORMAT_NAMES, **HISTORY_KINDS, SYNC_SOURCE: "Address-book sync"}


def source_name(source: str) -> str:
    """The source as a user reads it: "LinkedIn connections", "Address-book sync"."""
    return SOURCE_NAMES.get(source, source)
