"""LinkedIn's Connections.csv export, in every shape it has had, read into plain rows."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from relate.importers import ImportFileError

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

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTHS = {name: number for number, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])}
_MONTHS["sept"] = 9

# LinkedIn's 2018 exports add a time ("1/8/18, 6:14 PM"); the day is all we keep.
_TIME = r"(?:(?:,? |T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[AaPp]\.?[Mm]\.?)?)?"
_DAY_MONTH_NAME_YEAR = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]+)\.?[ -]([0-9]{4}|[0-9]{2})" + _TIME)
_US_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})" + _TIME)
_DOTTED = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})" + _TIME)
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME)


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


class _Reader(Iterator[list[str]], Protocol):
    @property
    def line_num(self) -> int: ...


@dataclass(frozen=True, slots=True)
class _Header:
    delimiter: str
    columns: dict[str, int]
    width: int
    reader: _Reader


def read_connections(path: Path) -> ParsedConnections:
    """Parse the Connections.csv export at `path`."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportFileError(f"{path.name} cannot be read: {err.strerror or err}.") from err
    return parse_connections(data, path.name)


def parse_connections(data: bytes, name: str) -> ParsedConnections:
    """Parse a Connections.csv export; `name` is the file name used in error messages."""
    text, encoding = _decode(data, name)
    found = [header for d in (",", ";") if (header := _find_header(text, d)) is not None]
    if not found:
        raise ImportFileError(
            f"{name} is not a LinkedIn connections export: no First Name / Last Name columns "
            "near the top of the file."
        )
    # Ties go to the comma, LinkedIn's own separator.
    header = max(found, key=lambda h: len(h.columns))
    columns = header.columns
    rows: list[LinkedInRow] = []
    skipped: list[SkippedRow] = []
    for line, record in _records(header.reader, name):
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


def parse_linkedin_date(text: str) -> dt.date | None:
    """The day in a LinkedIn or spreadsheet date; None when empty, ValueError when unreadable."""
    text = " ".join(text.split())
    if not text:
        return None
    if match := _DAY_MONTH_NAME_YEAR.fullmatch(text):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"unknown month in date: {text!r}")
        return dt.date(_full_year(year), month, int(day))
    if match := _US_SLASHED.fullmatch(text):
        month, day, year = match.groups()
    elif match := _DOTTED.fullmatch(text):
        day, month, year = match.groups()
    elif match := _ISO.fullmatch(text):
        year, month, day = match.groups()
    else:
        raise ValueError(f"unreadable date: {text!r}")
    return dt.date(_full_year(year), int(month), int(day))


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        return year + (2000 if year < 70 else 1900)
    return year


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in data:
        raise ImportFileError(f"{name} is not a text file (it holds binary data).")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # European spreadsheets re-save the export in Windows-1252.
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            raise ImportFileError(
                f"{name} is not a text file (it is neither UTF-8 nor Windows-1252 text)."
            ) from None
    if not text.strip():
        raise ImportFileError(f"{name} is empty.")
    return text, encoding


def _reader(text: str, delimiter: str) -> _Reader:
    # strict=True turns an unclosed quote at the end into an error instead of a silent row.
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _find_header(text: str, delimiter: str) -> _Header | None:
    reader = _reader(text, delimiter)
    try:
        while reader.line_num < _HEADER_SCAN_LINES:
            record = next(reader, None)
            if record is None:
                return None
            columns: dict[str, int] = {}
            for index, cell in enumerate(record):
                field = _HEADER_NAMES.get(" ".join(cell.split()).lower())
                if field is not None:
                    columns.setdefault(field, index)
            if "first_name" in columns and "last_name" in columns:
                # Spreadsheets pad rows with empty columns; only named ones count.
                width = max(i for i, cell in enumerate(record) if cell.strip()) + 1
                return _Header(delimiter, columns, width, reader)
    except csv.Error:
        return None  # not this delimiter's file; the other one may read it
    return None


def _records(reader: _Reader, name: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on."""
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            if "end of data" in str(err):
                raise ImportFileError(
                    f"{name} is cut short (a quoted value is never closed, near line {line}). "
                    "Export it again from LinkedIn."
                ) from err
            raise ImportFileError(f"{name} cannot be read near line {line}: {err}.") from err
        yield line, record


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
