"""LinkedIn's Connections.csv export, in every shape it has had, read into plain rows."""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from relate.importers import ImportFileError
from relate.importers.csv_text import (
    DELIMITERS,
    Reader,
    decode,
    header_key,
    make_reader,
    read_bytes,
    records,
)
from relate.importers.csv_text import parse_date as parse_linkedin_date

# The header follows a short "Notes:" preamble in newer exports; it is never far down.
_HEADER_SCAN_LINES = 20

# Normalised header text -> LinkedInRow field.
_HEADER_NAMES = {
    "first name": "first_name",
    "last name": "last_name",
    "url": "linkedin_url",
    "profile url": "linkedin_url",
    "email address": "email",
    "e-mail address": "email",
    "email": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}

# A spreadsheet that drops the quotes around "Chen, PMP" splits off the credentials.
_CREDENTIALS = re.compile(r"(?=.*[^\W\d_])(?:[^\W\d_]|[.&]){1,12}")

_REMEDY = "Export it again from LinkedIn."


@dataclass(frozen=True, slots=True)
class LinkedInRow:
    """One connection as the file has it; `line` is where its record starts, 1-based."""

    line: int
    first_name: str
    last_name: str
    linkedin_url: str | None
    email: str | None
    company: str
    position: str
    connected_on: dt.date | None


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that could not become a connection, and why, in plain words."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class ParsedConnections:
    """Everything read from one export, with the encoding and separator it turned out to use."""

    rows: list[LinkedInRow]
    skipped: list[SkippedRow]
    encoding: str
    delimiter: str


@dataclass(frozen=True, slots=True)
class _Header:
    delimiter: str
    columns: dict[str, int]
    width: int
    reader: Reader


def read_connections(path: Path) -> ParsedConnections:
    """Parse the Connections.csv export at `path`."""
    return parse_connections(read_bytes(path), path.name)


def looks_like_connections(text: str) -> bool:
    """Whether this text (or its start) is a LinkedIn connections export."""
    header = _best_header(text)
    # Google and Outlook exports have First Name and Last Name too; only LinkedIn says
    # when you connected.
    return header is not None and "connected_on" in header.columns


def parse_connections(data: bytes, name: str) -> ParsedConnections:
    """Parse a Connections.csv export; `name` is the file name used in error messages."""
    text, encoding = decode(data, name)
    header = _best_header(text)
    if header is None:
        raise ImportFileError(
            f"{name} is not a LinkedIn connections export: no First Name / Last Name columns "
            "near the top of the file."
        )
    columns = header.columns
    rows: list[LinkedInRow] = []
    skipped: list[SkippedRow] = []
    for line, record in records(header.reader, name, _REMEDY):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        fitted = _fit(cells, header.width, columns["last_name"])
        if fitted is None:
            skipped.append(SkippedRow(line, "more values than columns"))
            continue
        # Short rows are fine: the missing values are empty.
        value = {field: fitted[i] if i < len(fitted) else "" for field, i in columns.items()}
        first_name, last_name = value["first_name"], value["last_name"]
        if not first_name and not last_name:
            skipped.append(SkippedRow(line, "no name (a member who left LinkedIn)"))
            continue
        try:
            connected_on = parse_linkedin_date(value.get("connected_on", ""))
        except ValueError:
            connected_on = None  # the person still matters more than the day
        rows.append(
            LinkedInRow(
                line=line,
                first_name=first_name,
                last_name=last_name,
                linkedin_url=value.get("linkedin_url") or None,
                email=value.get("email") or None,
                company=value.get("company", ""),
                position=value.get("position", ""),
                connected_on=connected_on,
            )
        )
    return ParsedConnections(rows, skipped, encoding, header.delimiter)


def _best_header(text: str) -> _Header | None:
    found = [header for d in DELIMITERS if (header := _find_header(text, d)) is not None]
    # Ties go to the comma, LinkedIn's own separator.
    return max(found, key=lambda h: len(h.columns), default=None)


def _find_header(text: str, delimiter: str) -> _Header | None:
    reader = make_reader(text, delimiter)
    try:
        while reader.line_num < _HEADER_SCAN_LINES:
            record = next(reader, None)
            if record is None:
                return None
            columns: dict[str, int] = {}
            for index, cell in enumerate(record):
                field = _HEADER_NAMES.get(header_key(cell))
                if field is not None:
                    columns.setdefault(field, index)
            if "first_name" in columns and "last_name" in columns:
                # Spreadsheets pad rows with empty columns; only named ones count.
                width = max(i for i, cell in enumerate(record) if cell.strip()) + 1
                return _Header(delimiter, columns, width, reader)
    except csv.Error:
        return None  # not this delimiter's file; the other one may read it
    return None


def _fit(cells: list[str], width: int, last_name_at: int) -> list[str] | None:
    """The row's values lined up with the header, or None when there are too many."""
    after = last_name_at + 1
    if (
        len(cells) > width
        and cells[last_name_at]
        and _CREDENTIALS.fullmatch(cells[after])
        and not any(cells[width + 1 :])
    ):
        joined = f"{cells[last_name_at]}, {cells[after]}"
        cells = [*cells[:last_name_at], joined, *cells[after + 1 :]]
    if any(cells[width:]):
        return None
    return cells
