"""LinkedIn's Connections.csv export, in every shape it has had, read into plain rows."""

from __future__ import annotations

import csv
import datetime as dt
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from relate.collector import collector_paused
from relate.importers import ImportFileError, bounded_file
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

# Column names (as header_key gives them) -> LinkedInRow field.
_HEADER_NAMES = {
    header_key(name): field
    for name, field in (
        ("First Name", "first_name"),
        ("Last Name", "last_name"),
        ("URL", "linkedin_url"),
        ("Profile URL", "linkedin_url"),
        ("Email Address", "email"),
        ("Email", "email"),
        ("Company", "company"),
        ("Position", "position"),
        ("Connected On", "connected_on"),
    )
}

# A spreadsheet that drops the quotes around "Chen, PMP" splits off the credentials.
_CREDENTIALS = re.compile(r"(?=.*[^\W\d_])(?:[^\W\d_]|[.&]){1,12}")

_REMEDY = "Export it again from LinkedIn."

# The LinkedInRow fields read from the columns, in the order of its constructor.
_FIELDS = (
    "first_name",
    "last_name",
    "linkedin_url",
    "email",
    "company",
    "position",
    "connected_on",
)
_UNSEEN = object()
_Row = TypeVar("_Row")


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


def read_connections_as(
    path: Path, make_row: Callable[..., _Row]
) -> tuple[list[_Row], list[SkippedRow]]:
    """`read_connections`' rows and skipped rows, each row made by `make_row(line,
    first_name, last_name, linkedin_url, email, company, position, connected_on)`: for
    a caller with rows of its own, without a LinkedInRow in between."""
    with collector_paused():
        rows, skipped, _, _ = _parse_connections(read_bytes(path), path.name, make_row)
    return rows, skipped


def connections_from_text_as(
    text: str, name: str, make_row: Callable[..., _Row]
) -> tuple[list[_Row], list[SkippedRow]]:
    """`read_connections_as` for a text already read (a file of LinkedIn's archive)."""
    with collector_paused():
        rows, skipped, _, _ = _parse_connections(text.encode("utf-8"), name, make_row)
    return rows, skipped


def looks_like_connections(text: str) -> bool:
    """Whether this text (or its start) is a LinkedIn connections export."""
    header = _best_header(text)
    # Google and Outlook exports have First Name and Last Name too; only LinkedIn says
    # when you connected.
    return header is not None and "connected_on" in header.columns


def parse_connections(data: bytes, name: str) -> ParsedConnections:
    """Parse a Connections.csv export; `name` is the file name used in error messages."""
    with collector_paused():
        return ParsedConnections(*_parse_connections(data, name, LinkedInRow))


def _parse_connections(
    data: bytes, name: str, make_row: Callable[..., _Row]
) -> tuple[list[_Row], list[SkippedRow], str, str]:
    text, encoding = decode(data, name)
    header = _best_header(text)
    if header is None:
        raise ImportFileError(
            f"{name} is not a LinkedIn connections export: no First Name / Last Name columns "
            "near the top of the file."
        )
    if "connected_on" not in header.columns:
        # Google and Outlook exports, and LinkedIn's own Profile.csv, have names too.
        raise ImportFileError(
            f"{name} is not a LinkedIn connections export: it has no Connected On column."
        )
    width, last_name_at = header.width, header.columns["last_name"]
    # Rows are padded to width + 1 cells, so a column the file lacks reads the empty
    # padding at the end.
    values = operator.itemgetter(*(header.columns.get(field, width) for field in _FIELDS))
    padding = [""] * (width + 1)
    dates: dict[str, dt.date | None] = {}  # a few thousand days over 30,000 rows
    rows: list[_Row] = []
    skipped: list[SkippedRow] = []
    for line, record in records(
        header.reader, name, _REMEDY, past_header=True, most=bounded_file.MAX_CONNECTIONS
    ):
        cells = list(map(str.strip, record))
        if not any(cells):
            continue
        if len(cells) > width:
            fitted = _fit(cells, width, last_name_at)
            if fitted is None:
                skipped.append(SkippedRow(line, "more values than columns"))
                continue
            cells = fitted
        if len(cells) <= width:
            cells += padding[len(cells) :]  # short rows are fine: the missing values are empty
        first_name, last_name, url, email, company, position, day = values(cells)
        if not first_name and not last_name:
            skipped.append(SkippedRow(line, "no name (a member who left LinkedIn)"))
            continue
        connected_on = dates.get(day, _UNSEEN)
        if connected_on is _UNSEEN:
            try:
                connected_on = parse_linkedin_date(day)
            except ValueError:
                connected_on = None  # the person still matters more than the day
            dates[day] = connected_on
        rows.append(
            make_row(
                line,
                first_name,
                last_name,
                url or None,
                email or None,
                company,
                position,
                connected_on,
            )
        )
    return rows, skipped, encoding, header.delimiter


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
