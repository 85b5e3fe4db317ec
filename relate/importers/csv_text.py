"""Reading exported CSV text: bytes to text, records with their line numbers, and the
dates spreadsheets write. Shared by every CSV importer."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from relate.importers import ImportFileError

# The separators exports use: the comma, and the semicolon of European spreadsheets.
DELIMITERS = (",", ";")

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
).split()
_MONTHS = {name: number for number, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])}
_MONTHS["sept"] = 9

# LinkedIn's 2018 exports add a time ("1/8/18, 6:14 PM"); the day is all we keep.
_TIME = r"(?:(?:,? |T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?: ?[AaPp]\.?[Mm]\.?)?)?"
_DAY_MONTH_NAME_YEAR = re.compile(r"([0-9]{1,2})[ -]([A-Za-z]+)\.?[ -]([0-9]{4}|[0-9]{2})" + _TIME)
_SLASHED = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2})" + _TIME)
_DOTTED = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})" + _TIME)
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME)


class Reader(Iterator[list[str]], Protocol):
    """A csv.reader: records, and the line the last one ended on."""

    @property
    def line_num(self) -> int: ...


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The file's bytes (at most `limit` of them); ImportFileError naming it if it cannot
    be read."""
    try:
        with path.open("rb") as file:
            return file.read(limit)
    except OSError as err:
        raise ImportFileError(f"{path.name} cannot be read: {err.strerror or err}.") from err


class NotTextError(ImportFileError):
    """The file holds binary data, not text (each format may word this its own way)."""


def decode(data: bytes, name: str, *, partial: bool = False) -> tuple[str, str]:
    """The text and the encoding it was in; ImportFileError when it is not text or empty.
    `partial`: the data is only the start of the file, and may end inside a character."""
    # Old Google Contacts exports are UTF-16, and say so with a byte order mark.
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = _decode_as(data[len(bom) :], encoding, partial)
            except UnicodeDecodeError:
                break  # not UTF-16 after all; refused as binary below
            if "\x00" in text:
                break
            return _not_empty(text, name), "utf-16"
    if b"\x00" in data:
        raise NotTextError(f"{name} is not a text file (it holds binary data).")
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text, encoding = _decode_as(data, "utf-8", partial), "utf-8"
    except UnicodeDecodeError:
        # European spreadsheets re-save exports in Windows-1252.
        try:
            text, encoding = _decode_as(data, "cp1252", partial), "cp1252"
        except UnicodeDecodeError:
            raise NotTextError(
                f"{name} is not a text file (it is neither UTF-8 nor Windows-1252 text)."
            ) from None
    return _not_empty(text, name), encoding


def _decode_as(data: bytes, encoding: str, partial: bool) -> str:
    # An incremental decoder keeps a character cut at the end for more data, not an error.
    return codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)


def _not_empty(text: str, name: str) -> str:
    if not text.strip():
        raise ImportFileError(f"{name} is empty.")
    return text


def make_reader(text: str, delimiter: str) -> Reader:
    """A CSV reader over `text`."""
    # strict=True turns an unclosed quote at the end into an error instead of a silent row.
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def records(reader: Reader, name: str, remedy: str) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a file cut short or garbled raises
    ImportFileError naming it, ending with `remedy` ("Export it again from …")."""
    line = reader.line_num + 1
    try:
        for record in reader:  # a for loop: tens of thousands of rows notice next()
            yield line, record
            line = reader.line_num + 1
    except csv.Error as err:
        if "end of data" in str(err):
            raise ImportFileError(
                f"{name} is cut short (a quoted value is never closed, near line {line}). {remedy}"
            ) from err
        raise ImportFileError(f"{name} cannot be read near line {line}: {err}.") from err


def header_key(cell: str) -> str:
    """A column name as compared: spacing folded, any case."""
    return " ".join(cell.split()).lower()


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """The day in an export's or a spreadsheet's date; None when empty, ValueError when
    unreadable. Slashed dates are month first ("1/8/18", US) unless `day_first`."""
    text = " ".join(text.split())
    if not text:
        return None
    if match := _DAY_MONTH_NAME_YEAR.fullmatch(text):
        day, month_name, year = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is None:
            raise ValueError(f"unknown month in date: {text!r}")
        return dt.date(_full_year(year), month, int(day))
    if match := _SLASHED.fullmatch(text):
        month, day, year = match.groups()
        if day_first:
            month, day = day, month
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
