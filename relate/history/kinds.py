"""Which kind of history a file or folder holds, told from its name and first bytes, so
File → Import and a drop on the window open the right import for it. The reader of that
kind still refuses what it cannot read; this only routes."""

from __future__ import annotations

import csv
import os
from pathlib import Path

# Suffixes of files that hold history, by kind.
SUFFIXES: dict[str, tuple[str, ...]] = {
    "mail": (".mbox", ".mbx", ".eml"),
    "calendar": (".ics", ".ical", ".ifb"),
    "linkedin-archive": (".zip",),
}
_LOOK_INTO = 2000  # entries of a folder looked at before giving up on telling it


def _start(path: Path, size: int = 64) -> bytes:
    try:
        with path.open("rb") as stream:
            return stream.read(size)
    except OSError:
        return b""


# LinkedIn's files of history, read as part of its archive (Connections.csv alone is an
# import of people), told by their columns.
_LINKEDIN_HISTORY = ("messages.csv", "Invitations.csv")


def _linkedin_history(path: Path) -> bool:
    from relate.importers.csv_text import header_key
    from relate.importers.linkedin_files import linkedin_file

    lines = _start(path, 4096).decode("utf-8", "replace").lstrip("\ufeff").splitlines()
    header = next(csv.reader(lines[:1]), [])
    known = linkedin_file([header_key(column) for column in header], path.name)
    return known is not None and known.names[0] in _LINKEDIN_HISTORY


def _file_kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "linkedin-archive" if _linkedin_history(path) else None
    for kind, suffixes in SUFFIXES.items():
        if suffix in suffixes:
            return kind
    if suffix:
        return None
    # Thunderbird keeps each mail folder as an mbox file with no suffix ("Inbox").
    start = _start(path)
    if start.startswith(b"From "):
        return "mail"
    if start.lstrip(b"\xef\xbb\xbf").upper().startswith(b"BEGIN:VCALENDAR"):
        return "calendar"
    return None


def _folder_kind(path: Path) -> str | None:
    if (path / "cur").is_dir() and (path / "new").is_dir():
        return "mail"  # a Maildir
    seen = 0
    for _root, _dirs, files in os.walk(path):
        for name in files:
            lowered = name.lower()
            if lowered in ("connections.csv", "messages.csv", "invitations.csv"):
                return "linkedin-archive"
            if lowered.endswith(".eml"):
                return "mail"
            if lowered.endswith(".ics"):
                return "calendar"
            seen += 1
            if seen > _LOOK_INTO:
                return None
    return None


def history_kind(path: Path) -> str | None:
    """ "mail", "calendar" or "linkedin-archive" when `path` looks like one, else None
    (a contacts file, or nothing Relate reads)."""
    try:
        if path.is_dir():
            return _folder_kind(path)
        if path.is_file():
            return _file_kind(path)
    except OSError:
        return None
    return None
