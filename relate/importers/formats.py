"""Which kind of address book a file is, from its first lines; and the refusal of a
file read as a kind it is not (one detection for the command line and the window)."""

from __future__ import annotations

import re
from pathlib import Path

from relate.importers import ImportFileError, column_names
from relate.importers.csv_text import decode, header_key, read_bytes
from relate.importers.linkedin_csv import looks_like_connections
from relate.importers.linkedin_files import linkedin_file, not_connections_message
from relate.importers.vcard_lines import starts_as_vcard

# The kinds, in the order a user is offered them, as a user reads them.
FORMAT_NAMES = {
    "linkedin": "LinkedIn connections",
    "google": "Google Contacts",
    "outlook": "Outlook contacts",
    "vcard": "vCard address book",
    "csv": "CSV file",
}

# What a file of each kind is, in a sentence: "contacts.csv is a Google Contacts export".
KIND_DESCRIPTIONS = {
    "linkedin": "a LinkedIn connections export",
    "google": "a Google Contacts export",
    "outlook": "an Outlook contacts export",
    "vcard": "a vCard address book",
    "csv": "a CSV file of no kind Relate knows by its columns",
}

# What a file of each kind has that another lacks, for a file that has none of it.
_KIND_MARKS = {
    "linkedin": "LinkedIn's connections have a Connected On column",
    "google": "Google's have columns such as Organization Name or E-mail 1 - Value",
    "outlook": "Outlook's have columns such as E-mail Address and Business Phone",
    "vcard": "a vCard file begins with BEGIN:VCARD",
}

# Enough for any header (and LinkedIn's preamble) without reading a large file whole.
_HEAD_BYTES = 64 * 1024

# Google numbers the columns of repeated fields: "E-mail 1 - Value", "Phone 2 - Label";
# the dash tells them from Outlook's "E-mail 2 Address", so the names are compared whole.
_GOOGLE_NUMBERED = re.compile(
    r"(?:e-mail|phone|address|website|organization|relation|event|im|custom field)"
    r" [0-9]+ - [a-z ]+",
    re.IGNORECASE,
)


def _keys(*tables: tuple[str, ...]) -> frozenset[str]:
    return frozenset(header_key(name) for table in tables for name in table if "{n}" not in name)


# What Outlook's exports have, in any language: an e-mail address and a phone, or a
# job title and a work address.
_OUTLOOK_EMAILS = _keys(column_names.EMAILS)
_OUTLOOK_PHONES = _keys(*column_names.PHONES.values())
_OUTLOOK_POSITIONS = _keys(column_names.POSITION)
_OUTLOOK_CITIES = _keys(tuple(group[0] for group in column_names.WORK_LOCATIONS))
_ZIP = b"PK\x03\x04"


def command_remedy(kind: str) -> str:
    """How the command line reads a file of `kind`: "use `relate import google`"."""
    return f"use `relate import {kind}`"


def wrong_kind_message(file_name: str, found: str, wanted: str, remedy: str) -> str:
    """Why a file that is `found` is not read as `wanted` (FORMAT_NAMES keys), ending in
    `remedy`, which says how to read it instead."""
    if found == "csv":
        return (
            f"{file_name} is not {KIND_DESCRIPTIONS[wanted]} ({_KIND_MARKS[wanted]}): it is "
            f"{KIND_DESCRIPTIONS['csv']}; {remedy}."
        )
    if wanted == "csv":
        return f"{file_name} is {KIND_DESCRIPTIONS[found]}, read best as one: {remedy}."
    return f"{file_name} is {KIND_DESCRIPTIONS[found]}, not {KIND_DESCRIPTIONS[wanted]}: {remedy}."


class WrongKindError(ImportFileError):
    """The file is of another kind than the one it was to be read as; the message
    says what it is and how the command line reads it."""

    def __init__(self, file_name: str, found: str, wanted: str) -> None:
        super().__init__(wrong_kind_message(file_name, found, wanted, command_remedy(found)))
        self.file_name = file_name
        self.found = found
        self.wanted = wanted


def detect_format(path: Path) -> str:
    """The kind of file at `path`, a FORMAT_NAMES key, read from its start; ImportFileError
    naming it when it cannot be read, is empty, is not text, is a CSV without a header,
    a ZIP archive, or one of LinkedIn's export files other than the connections."""
    data = read_bytes(path, _HEAD_BYTES)
    if data.startswith(_ZIP):
        raise ImportFileError(
            f"{path.name} is a ZIP archive, not an address book. LinkedIn's data export "
            "comes as one: unzip it, then import the Connections.csv inside."
        )
    if starts_as_vcard(data):
        return "vcard"  # before decoding: each of its values names its own charset
    text, _ = decode(data, path.name, partial=len(data) == _HEAD_BYTES)
    if looks_like_connections(text):
        return "linkedin"
    # Loaded here: a LinkedIn import need not wait for the address-book importer.
    from relate.importers.address_book_csv import parse_headers

    headers = parse_headers(text, path.name)
    keys = {header_key(header) for header in headers}
    if (
        {"organization name", "organization title"} & keys
        or {"given name", "group membership"} <= keys
        or any(_GOOGLE_NUMBERED.fullmatch(" ".join(header.split())) for header in headers)
    ):
        return "google"
    if (keys & _OUTLOOK_EMAILS and keys & _OUTLOOK_PHONES) or (
        keys & _OUTLOOK_POSITIONS and keys & _OUTLOOK_CITIES
    ):
        return "outlook"
    known = linkedin_file(keys, path.name)
    if known is not None:
        raise ImportFileError(not_connections_message(path.name, known))
    return "csv"


def check_kind(path: Path, kind: str) -> None:
    """Nothing when the file at `path` is of `kind` (a FORMAT_NAMES key); WrongKindError
    when it is another kind, ImportFileError when it is no address book at all. Only
    its start is read: a refused file is refused before any of it is imported."""
    found = detect_format(path)
    if found != kind:
        raise WrongKindError(path.name, found, kind)
