"""Reading exported CSV text: bytes to text, records with their line numbers, and the
dates spreadsheets write. Shared by every CSV importer."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from relate.importers import ImportFileError, bounded_file
from relate.importers.code_pages import guess_code_page

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
_CHUNK = 1 << 20  # characters split into lines at a time
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")

# Where a squashed column name ("JobTitle", "Email1Address", "URLAddress") has a space.
_SQUASHED = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])"
)
_LINKEDIN = re.compile("linkedin", re.IGNORECASE)  # one word, not "Linked In"
_WORD = re.compile(r"[^\W_]+")

_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})" + _TIME)


class Reader(Iterator[list[str]], Protocol):
    """A csv.reader: records, and the line the last one ended on."""

    @property
    def line_num(self) -> int: ...


def read_bytes(path: Path, limit: int = -1, most: int | None = None) -> bytes:
    """The file's bytes (at most `limit` of them); ImportFileError naming it if it cannot
    be read, is not a regular file or, read whole, is larger than an address book can be
    (`most` bytes, when given)."""
    return bounded_file.read_bounded(path, limit, most)


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
        text, encoding = _decode_code_page(data, name, partial)
    return _not_empty(text, name), encoding


def _decode_code_page(data: bytes, name: str, partial: bool) -> tuple[str, str]:
    """Text that is not UTF-8, in the code page it reads best in; Windows-1252 (what
    European spreadsheets re-save exports in) when the sample told none."""
    guessed = guess_code_page(data)
    for encoding in dict.fromkeys(filter(None, (guessed, "cp1252"))):
        try:
            return _decode_as(data, encoding, partial), encoding
        except UnicodeDecodeError:
            continue  # a byte further on that the sample did not show
    raise NotTextError(
        f"{name} is not a text file (it is neither UTF-8 nor text in a code page Relate knows)."
    )


def _decode_as(data: bytes, encoding: str, partial: bool) -> str:
    # An incremental decoder keeps a character cut at the end for more data, not an error.
    return codecs.getincrementaldecoder(encoding)().decode(data, final=not partial)


def _not_empty(text: str, name: str) -> str:
    if not text or text.isspace():  # (strip() would copy a file of 30 MB to say so)
        raise ImportFileError(f"{name} is empty.")
    return text


def make_reader(text: str, delimiter: str) -> Reader:
    """A CSV reader over `text`."""
    # strict=True turns an unclosed quote at the end into an error instead of a silent row.
    return csv.reader(_lines(text), delimiter=delimiter, strict=True)


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, as a file opened with newline="" gives them."""
    return itertools.chain.from_iterable(map(_split, _chunks(text)))


def _chunks(text: str) -> Iterator[str]:
    """`text` in pieces of about _CHUNK characters, each ending where a line does."""
    start, size = 0, len(text)
    while start < size:
        end = text.find("\n", start + _CHUNK) + 1 or size
        yield text[start:end]
        start = end


def _split(chunk: str) -> list[str]:
    """The chunk's lines. str.splitlines is the fastest, but it also ends a line at
    characters a cell may hold (\\v, \\f, \\x1c-\\x1e, \\x85, \\u2028, \\u2029): when it
    finds more lines than \\r and \\n end, the chunk is split by those alone."""
    lines = chunk.splitlines(keepends=True)
    ends = chunk.count("\n") + chunk.count("\r") - chunk.count("\r\n")
    if len(lines) == ends + (not chunk.endswith(("\n", "\r"))):
        return lines
    return _LINE.findall(chunk)


def records(
    reader: Reader,
    name: str,
    remedy: str,
    *,
    past_header: bool = False,
    most: int | None = None,
) -> Iterator[tuple[int, list[str]]]:
    """Each record with the line it starts on; a file cut short or garbled raises
    ImportFileError naming it, ending with `remedy` ("Export it again from …"), and so
    does one of more than `most` (MAX_RECORDS unless said) rows after its header (blank
    lines aside). `past_header`: the reader has read the header already."""
    most = bounded_file.MAX_RECORDS if most is None else most
    line = reader.line_num + 1
    left = most + (1 if past_header else 2)  # then a refusal
    try:
        for record in reader:  # a for loop: tens of thousands of rows notice next()
            if record:
                left -= 1
                if not left:
                    raise ImportFileError(bounded_file.too_many_message(name, most=most))
            yield line, record
            line = reader.line_num + 1
    except csv.Error as err:
        if "end of data" in str(err):
            raise ImportFileError(
                f"{name} is cut short (a quoted value is never closed, near line {line}). {remedy}"
            ) from err
        raise ImportFileError(f"{name} cannot be read near line {line}: {err}.") from err


def header_key(cell: str) -> str:
    """A column name as compared: its words in lower case, punctuation and spacing aside,
    and squashed names split: "E-mail 2: Address", "e-mail 2 address" and
    "Email2Address" are all "email 2 address"; "JobTitle" is "job title"."""
    if not any(character.isspace() for character in cell.strip()):
        cell = _SQUASHED.sub(" ", _LINKEDIN.sub("Linkedin", cell))
    return " ".join(_WORD.findall(cell.lower().replace("e-mail", "email")))


def parse_date(text: str, *, day_first: bool = False) -> dt.date | None:
    """The day in an export's or a spreadsheet's date; None when empty, ValueError when
    unreadable. Slashed dates are month first ("1/8/18", US) unless `day_first`."""
    text = " ".join(text.split())
    if not text:
        return None
    if match := _DAY_MONTH_NAME_YEAR.fullmatch(text):
        day, month_name, year = match.groups()
        return date_from_parts(year, month_name, day)
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
    return date_from_parts(year, month, day)


def date_from_parts(year: str, month: str, day: str) -> dt.date:
    """The date of a year ("1991" or "91"), a month (a number or its English name, or
    its first three letters) and a day; ValueError when they make no date."""
    if month.strip().isdigit():
        number = int(month)
    else:
        number = _MONTHS.get(month.strip().rstrip(".").lower(), 0)
        if not number:
            raise ValueError(f"unknown month: {month!r}")
    return dt.date(_full_year(year.strip()), number, int(day))


def _full_year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        return year + (2000 if year < 70 else 1900)
    return year
