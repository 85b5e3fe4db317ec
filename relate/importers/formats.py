"""Which kind of address book a file is, from its first lines."""

from __future__ import annotations

import re
from pathlib import Path

from relate.importers.address_book_csv import parse_headers
from relate.importers.csv_text import decode, header_key, read_bytes
from relate.importers.linkedin_csv import looks_like_connections

# The kinds, in the order a user is offered them, as a user reads them.
FORMAT_NAMES = {
    "linkedin": "LinkedIn connections",
    "google": "Google Contacts",
    "outlook": "Outlook contacts",
    "vcard": "vCard address book",
    "csv": "CSV file",
}

# Enough for any header (and LinkedIn's preamble) without reading a large file whole.
_HEAD_BYTES = 64 * 1024

_GOOGLE_NUMBERED = re.compile(r"e-mail [0-9]+ - value")


def detect_format(path: Path) -> str:
    """The kind of file at `path`, a FORMAT_NAMES key, read from its start; ImportFileError
    naming it when it cannot be read, is empty, is not text or is a CSV without a header."""
    data = read_bytes(path, _HEAD_BYTES)
    text, _ = decode(data, path.name, partial=len(data) == _HEAD_BYTES)
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        return "vcard"
    if looks_like_connections(text):
        return "linkedin"
    keys = {header_key(header) for header in parse_headers(text, path.name)}
    if (
        {"organization name", "organization title"} & keys
        or {"given name", "group membership"} <= keys
        or any(_GOOGLE_NUMBERED.fullmatch(key) for key in keys)
    ):
        return "google"
    if {"e-mail address", "business phone"} <= keys or {"job title", "business city"} <= keys:
        return "outlook"
    return "csv"
