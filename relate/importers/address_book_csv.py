"""Address books exported as CSV: Google Contacts, Outlook, and any other CSV with a
header, read through a column mapping into import rows."""

from __future__ import annotations

import csv
import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from relate.importers import ImportFileError
from relate.importers.address_book_columns import GOOGLE, OUTLOOK, ColumnMapping, resolve
from relate.importers.address_book_rows import Row
from relate.importers.csv_text import DELIMITERS, decode, make_reader, read_bytes, records
from relate.importers.full_names import split_name
from relate.importers.identity import with_titles
from relate.importers.plan import ImportPlan, Incoming, Skipped
from relate.importers.planner import plan_import

# Address books also come tab-separated (Outlook's "Tab Separated Values").
_DELIMITERS = (*DELIMITERS, "\t")

_REMEDY = "Export it again."

# A header cell that holds an e-mail address, a web address or a number is a person's
# data, not a column name: the file has no header.
_DATA_CELL = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|[\W_]*\d[\W\d_]*")


@dataclasses.dataclass(frozen=True, slots=True)
class CsvTable:
    """A CSV file's column names, and its text to read the rows from."""

    file_name: str
    headers: tuple[str, ...]
    text: str = dataclasses.field(repr=False)
    delimiter: str = ","
    encoding: str = "utf-8"

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """The non-blank rows, each with the line it starts on. Read afresh from the text
        each time: a file's cells, held all at once, take many times its size."""
        for line, record in _open_table(self.text, self.file_name)[2]:
            cells = [cell.strip() for cell in record]
            if any(cells):
                yield line, cells


# --------------------------------------------------------------------------- reading


def read_table(path: Path) -> CsvTable:
    """The CSV file at `path` as column names and rows; ImportFileError naming it when it
    is empty, not text, cut short or has no header row."""
    return parse_table(read_bytes(path), path.name)


def parse_table(data: bytes, name: str) -> CsvTable:
    """A CSV file's bytes as column names and rows; `name` is used in error messages."""
    text, encoding = decode(data, name)
    delimiter, headers, _ = _open_table(text, name)
    return CsvTable(name, headers, text, delimiter, encoding)


def parse_headers(text: str, name: str) -> tuple[str, ...]:
    """The column names of CSV text (or of its start); ImportFileError when it has none."""
    return _open_table(text, name)[1]


def _open_table(
    text: str, name: str
) -> tuple[str, tuple[str, ...], Iterator[tuple[int, list[str]]]]:
    """The delimiter, the column names, and the records after them."""
    delimiter = max(_DELIMITERS, key=lambda d: _header_width(text, d))  # ties: the comma
    rest = records(make_reader(text, delimiter), name, _REMEDY)
    for _, record in rest:
        headers = tuple(cell.strip() for cell in record)
        if any(headers):
            break
    else:
        raise ImportFileError(f"{name} is empty (it holds nothing but separators).")
    value = next((cell for cell in headers if _DATA_CELL.fullmatch(cell)), None)
    if value is not None:
        raise ImportFileError(
            f'{name} has no header row: its first line holds values such as "{value}" where '
            "the column names belong. Add a first line that names the columns."
        )
    return delimiter, headers, rest


def _header_width(text: str, delimiter: str) -> int:
    """How many column names the first non-blank line has, split at `delimiter`."""
    try:
        for record in make_reader(text, delimiter):
            named = sum(1 for cell in record if cell.strip())
            if named:
                return named
    except csv.Error:
        pass  # not this delimiter's file
    return 0


# --------------------------------------------------------------------------- rows


def incoming_rows(table: CsvTable, mapping: ColumnMapping) -> tuple[list[Incoming], list[Skipped]]:
    """The people in a table read through a mapping, and the rows that are not people.
    ImportFileError when the mapping finds no column of names or e-mail addresses in
    the file (people with an address and no name are named by it)."""
    columns = resolve(mapping, table.headers)
    if not (columns.first or columns.last or columns.full or columns.emails):
        raise ImportFileError(
            f"{table.file_name} has no name or e-mail column: choose which column holds the names."
        )
    # European spreadsheets separate with ";" and write the day first ("29/02/1980").
    day_first = table.delimiter == ";"
    tag_separator = re.compile(mapping.tag_separator)
    rows: list[Incoming] = []
    skipped: list[Skipped] = []
    for line, cells in table.rows():
        if any(cells[len(table.headers) :]):
            skipped.append(Skipped(line, "more values than columns"))
            continue
        row = Row(cells)
        first = " ".join(filter(None, (row.first(columns.first), row.first(columns.middle))))
        last = row.first(columns.last)
        prefix, suffix = row.first(columns.prefix), row.first(columns.suffix)
        if not first and not last:
            prefix, first, last, suffix = split_name(row.first(columns.full), prefix, suffix)
        emails = row.emails(columns.emails)
        if not first and not last and not emails:
            skipped.append(Skipped(line, "no name"))
            continue  # with an e-mail address, the import names them by it
        first, last = with_titles(prefix, first, last, suffix) if first or last else ("", "")
        # The registry's text fields (its names are Incoming's), each from its column.
        texts: dict[str, Any] = {name: row.first(found) for name, found in columns.texts.items()}
        rows.append(
            Incoming(
                line=line,
                first_name=first,
                last_name=last,
                linkedin_url=row.linkedin_url(columns.urls),
                emails=emails,
                company=row.first(columns.company),
                position=row.first(columns.position),
                phones=row.phones(columns.phones),
                location=row.location(columns.location),
                story=row.story(columns.story),
                birthday=row.birthday(columns.birthday, day_first)
                or row.birthday_from_parts(columns.birth_parts),
                tags=row.tags(columns.tags, tag_separator),
                **texts,
            )
        )
    return rows, skipped


# --------------------------------------------------------------------------- planning


def plan_mapped_import(path: Path, mapping: ColumnMapping, source: str = "csv") -> ImportPlan:
    """What importing the CSV file at `path` through `mapping` would do; ImportFileError
    if it cannot be read or has no name or e-mail column (nothing is written either way)."""
    table = read_table(path)
    rows, skipped = incoming_rows(table, mapping)
    file_name = table.file_name
    del table  # the file's whole text, no longer needed while the plan is made
    return plan_import(rows, source, file_name, skipped)


def plan_google_import(path: Path) -> ImportPlan:
    """What importing a Google Contacts CSV export would do."""
    return plan_mapped_import(path, GOOGLE, "google")


def plan_outlook_import(path: Path) -> ImportPlan:
    """What importing an Outlook contacts CSV export would do."""
    return plan_mapped_import(path, OUTLOOK, "outlook")
