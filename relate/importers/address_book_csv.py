"""Address books exported as CSV: Google Contacts, Outlook, and any other CSV with a
header, read through a column mapping into import rows."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from relate.fields import TEXT_FIELDS
from relate.importers import ImportFileError, column_names
from relate.importers.address_book_groups import is_system_group
from relate.importers.csv_text import (
    DELIMITERS,
    date_from_parts,
    decode,
    header_key,
    make_reader,
    parse_date,
    read_bytes,
    records,
)
from relate.importers.identity import phone_key, with_titles
from relate.importers.plan import ImportPlan, Incoming, Skipped
from relate.importers.planner import plan_import
from relate.records import Phone
from relate.tags import clean_tag_name
from relate.validation import ValidationError, tag_key

# nameparser's HumanName, loaded with the first full name to split (it takes longer to
# load than a small import takes to run); None without nameparser, which is optional.
_NOT_LOADED = object()
_HumanName: Any = _NOT_LOADED

# Address books also come tab-separated (Outlook's "Tab Separated Values").
_DELIMITERS = (*DELIMITERS, "\t")

_REMEDY = "Export it again."

# Google joins several values of one field with " ::: "; where one is wanted, the first.
_GOOGLE_SEPARATOR = re.compile(r"\s*:::\s*")
# No e-mail address or web address holds a space, comma or semicolon.
_ADDRESS_SEPARATOR = re.compile(r"[\s,;]+|:::")
# Not commas: they are dialling pauses in a phone number ("+1 555 0100,,12").
_PHONE_SEPARATOR = re.compile(r"\s*(?:;|:::)\s*")

# A header cell that holds an e-mail address, a web address or a number is a person's
# data, not a column name: the file has no header.
_DATA_CELL = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|[\W_]*\d[\W\d_]*")


@dataclasses.dataclass(frozen=True, slots=True)
class PhoneColumn:
    """A column of phone numbers, labelled `label`, or by the first of `label_columns`
    the file has (Google's "Phone {n} - Label")."""

    column: str
    label: str = ""
    label_columns: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ColumnMapping:
    """Which columns of a file hold each field.

    Column names compare in any case and spacing; "{n}" stands for any number (Google's
    "E-mail {n} - Value"); a column the file does not have is left out. A field that
    holds one value takes it from the first of its columns that has one.
    """

    first_name: tuple[str, ...] = ()
    middle_name: tuple[str, ...] = ()  # joined to the first name
    last_name: tuple[str, ...] = ()
    # "Dr.", "Jr.": written before the first name and after the last (identity.with_titles)
    name_prefix: tuple[str, ...] = ()
    name_suffix: tuple[str, ...] = ()
    full_name: tuple[str, ...] = ()  # split into first and last when those are empty
    company: tuple[str, ...] = ()
    position: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[PhoneColumn, ...] = ()
    # Groups such as (city, region, country), joined with ", "; the first group with
    # anything in it is the location.
    location: tuple[tuple[str, ...], ...] = ()
    story: tuple[str, ...] = ()  # notes, one paragraph per column
    birthday: tuple[str, ...] = ()
    # A birthday split over three columns, when there is no birthday column.
    birth_year: tuple[str, ...] = ()
    birth_month: tuple[str, ...] = ()
    birth_day: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    linkedin_url: tuple[str, ...] = ()  # web addresses; only a linkedin.com/in/ one is taken
    tag_separator: str = r"\s*(?:;|,|:::)\s*"  # a regular expression


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


def _phone_label(header: str) -> str:
    """The label a column's numbers get: "Business Phone 2" holds "work" numbers."""
    words = header_key(header).split()
    if "fax" in words:
        return "fax"
    if {"mobile", "cell", "cellphone"} & set(words):
        return "mobile"
    if {"business", "work", "office", "company"} & set(words):
        return "work"
    if "home" in words:
        return "home"
    noise = {"phone", "telephone", "tel", "number", "no", "value", "s"}
    return " ".join(word for word in words if word not in noise and not word.isdigit())


# Every phone column the tables name, with the label its numbers get.
_NAMED_PHONES = tuple(
    PhoneColumn(name, label) for label, names in column_names.PHONES.items() for name in names
)

# Google Contacts' CSV export; also its older one ("Given Name", "Group Membership").
GOOGLE = ColumnMapping(
    first_name=column_names.FIRST_NAME,
    middle_name=column_names.MIDDLE_NAME,
    last_name=column_names.LAST_NAME,
    name_prefix=column_names.NAME_PREFIX,
    name_suffix=column_names.NAME_SUFFIX,
    full_name=column_names.FULL_NAME,  # only the older export has "Name"
    company=column_names.COMPANY,
    position=column_names.POSITION,
    emails=column_names.EMAILS,
    phones=(
        PhoneColumn("Phone {n} - Value", label_columns=("Phone {n} - Label", "Phone {n} - Type")),
        *_NAMED_PHONES,
    ),
    location=(*column_names.LOCATIONS, ("Address 1 - Formatted",)),
    story=column_names.NOTES,
    birthday=column_names.BIRTHDAY,
    birth_year=column_names.BIRTH_YEAR,
    birth_month=column_names.BIRTH_MONTH,
    birth_day=column_names.BIRTH_DAY,
    tags=("Labels", "Group Membership"),
    linkedin_url=("Website {n} - Value",),
    tag_separator=_GOOGLE_SEPARATOR.pattern,
)

# Outlook's CSV export, old and new, in any language, comma or (in Europe) semicolon
# separated; Outlook.com's and Outlook Express's have the whole name in one column.
OUTLOOK = ColumnMapping(
    first_name=column_names.FIRST_NAME,
    middle_name=column_names.MIDDLE_NAME,
    last_name=column_names.LAST_NAME,
    name_prefix=column_names.NAME_PREFIX,
    name_suffix=column_names.NAME_SUFFIX,
    full_name=column_names.FULL_NAME,
    company=column_names.COMPANY,
    position=column_names.POSITION,
    emails=column_names.EMAILS,
    phones=_NAMED_PHONES,
    location=column_names.LOCATIONS,
    story=column_names.NOTES,
    birthday=column_names.BIRTHDAY,
    birth_year=column_names.BIRTH_YEAR,
    birth_month=column_names.BIRTH_MONTH,
    birth_day=column_names.BIRTH_DAY,
    tags=column_names.CATEGORIES,
    linkedin_url=column_names.WEB_PAGES,
    tag_separator=r"\s*;\s*",
)


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


# --------------------------------------------------------------------------- mapping


def _guess_keys(names: Sequence[str]) -> list[str]:
    """Column names of a table as a guess compares them ("{n}" as the first)."""
    return [header_key(name.replace("{n}", "1")) for name in names]


_PHONE_LABELS = {
    key: label for label, names in column_names.PHONES.items() for key in _guess_keys(names)
}


_BESIDE_FIRST = frozenset(_guess_keys(column_names.LAST_NAME_BESIDE_FIRST))


def guess_mapping(headers: Sequence[str]) -> ColumnMapping:
    """The mapping that column names such as "First Name", "Surname", "Organisation",
    "E-mail Address", "Mobile" or "Notes" suggest, or Outlook's in any language."""
    keys = [header_key(header) for header in headers]

    def best(names: Sequence[str], *more: str) -> tuple[str, ...]:
        # The first name on the list the file has: "Job Title" beats Outlook's "Title".
        for name in (*_guess_keys(names), *more):
            if name in keys:
                return (headers[keys.index(name)],)
        return ()

    def every(
        wanted: set[str], unless: frozenset[str] = frozenset(), named: Sequence[str] = ()
    ) -> tuple[str, ...]:
        exact = set(_guess_keys(named))
        return tuple(
            header
            for header, key in zip(headers, keys, strict=True)
            if key in exact or (wanted & set(key.split()) and not unless & set(key.split()))
        )

    # "E-mail 1 - Type" and "Phone 1 - Label" describe a value; they are not one.
    describing = frozenset({"type", "label", "display"})
    urls = every({"linkedin"}) + every(
        {"website", "web", "url", "homepage"}, describing, column_names.WEB_PAGES
    )
    phone_words = {"phone", "mobile", "cell", "cellphone", "tel", "telephone", "fax", "pager"}
    named_places = [
        group
        for names in column_names.LOCATIONS
        if (group := tuple(column for name in names for column in best((name,))))
    ]
    first_name = best(column_names.FIRST_NAME, "forename", "first")
    last_name = best(column_names.LAST_NAME, "last")
    if not first_name and last_name and header_key(last_name[0]) in _BESIDE_FIRST:
        last_name = ()  # which of the two it is, the user says
    return ColumnMapping(
        first_name=first_name,
        middle_name=best(column_names.MIDDLE_NAME, "middle"),
        last_name=last_name,
        # Not "Title": in a CSV of no known kind that is as often the job.
        name_prefix=best(("Name Prefix",), "prefix", "honorific", "salutation"),
        name_suffix=best(("Name Suffix",), "suffix"),
        full_name=best(column_names.FULL_NAME, "contact name"),
        company=best(
            column_names.COMPANY, "company name", "organization", "organisation name", "employer"
        ),
        position=best(column_names.POSITION, "title", "role"),
        emails=every({"email"}, describing, column_names.EMAILS),
        phones=tuple(
            PhoneColumn(header, _PHONE_LABELS.get(header_key(header)) or _phone_label(header))
            for header in every(phone_words, describing, list(_PHONE_LABELS))
        ),
        location=tuple(
            group
            for group in (
                *named_places,
                best((), "city", "town")
                + best((), "state", "region", "province")
                + best((), "country", "country region"),
                best((), "location", "address", "address 1 formatted"),
            )
            if group
        ),
        story=every({"notes", "note", "comments", "comment", "remarks"}, named=column_names.NOTES),
        birthday=best(column_names.BIRTHDAY, "birth date", "birthdate", "date of birth", "dob"),
        birth_year=best(column_names.BIRTH_YEAR),
        birth_month=best(column_names.BIRTH_MONTH),
        birth_day=best(column_names.BIRTH_DAY),
        tags=every(
            {"tags", "tag", "labels", "categories", "category", "groups"},
            named=column_names.CATEGORIES,
        )
        + best((), "label", "group", "group membership"),
        linkedin_url=tuple(dict.fromkeys(urls)),
    )


@dataclasses.dataclass(frozen=True, slots=True)
class _Columns:
    """A mapping resolved against one file: positions of columns, not their names."""

    first: list[int]
    middle: list[int]
    last: list[int]
    prefix: list[int]
    suffix: list[int]
    full: list[int]
    company: list[int]
    position: list[int]
    emails: list[int]
    phones: list[tuple[int, int | None, str]]  # number, label column, fixed label
    location: list[list[int]]
    story: list[int]
    birthday: list[int]
    birth_parts: tuple[list[int], list[int], list[int]]  # year, month, day
    tags: list[int]
    urls: list[int]
    texts: dict[str, list[int]]  # the registry's text fields with address-book columns


def _matches(keys: Sequence[str], name: str) -> list[tuple[str, int]]:
    """Where the column `name` is, as (its number for "{n}", position)."""
    if "{n}" not in name:
        key = header_key(name)
        return [("", i) for i, k in enumerate(keys) if k == key]
    parts = [re.escape(header_key(part)) for part in name.split("{n}")]
    pattern = re.compile(" ?([0-9]+) ?".join(parts))
    found = [(m.group(1), i) for i, k in enumerate(keys) if (m := pattern.fullmatch(k))]
    return sorted(found, key=lambda pair: int(pair[0]))


def _resolve(mapping: ColumnMapping, headers: Sequence[str]) -> _Columns:
    keys = [header_key(header) for header in headers]

    def find(names: Sequence[str]) -> list[int]:
        return list(dict.fromkeys(i for name in names for _, i in _matches(keys, name)))

    phones = []
    for column in mapping.phones:
        for number, i in _matches(keys, column.column):
            labels = find([name.replace("{n}", number) for name in column.label_columns])
            phones.append((i, labels[0] if labels else None, column.label))
    return _Columns(
        first=find(mapping.first_name),
        middle=find(mapping.middle_name),
        last=find(mapping.last_name),
        prefix=find(mapping.name_prefix),
        suffix=find(mapping.name_suffix),
        full=find(mapping.full_name),
        company=find(mapping.company),
        position=find(mapping.position),
        emails=find(mapping.emails),
        phones=phones,
        location=[find(group) for group in mapping.location],
        story=find(mapping.story),
        birthday=find(mapping.birthday),
        birth_parts=(
            find(mapping.birth_year),
            find(mapping.birth_month),
            find(mapping.birth_day),
        ),
        tags=find(mapping.tags),
        urls=find(mapping.linkedin_url),
        texts={field.name: find(field.csv_columns) for field in _TEXT_COLUMN_FIELDS},
    )


# Text fields whose columns every address book names alike ("Pronouns"): each is read
# from the first such column of any file.
_TEXT_COLUMN_FIELDS = tuple(field for field in TEXT_FIELDS if field.csv_columns)


# --------------------------------------------------------------------------- rows


def incoming_rows(table: CsvTable, mapping: ColumnMapping) -> tuple[list[Incoming], list[Skipped]]:
    """The people in a table read through a mapping, and the rows that are not people.
    ImportFileError when the mapping finds no column of names or e-mail addresses in
    the file (people with an address and no name are named by it)."""
    columns = _resolve(mapping, table.headers)
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
        row = _Row(cells)
        first = " ".join(filter(None, (row.first(columns.first), row.first(columns.middle))))
        last = row.first(columns.last)
        prefix, suffix = row.first(columns.prefix), row.first(columns.suffix)
        if not first and not last:
            prefix, first, last, suffix = _split_name(row.first(columns.full), prefix, suffix)
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


class _Row:
    """One row's cells, read field by field."""

    def __init__(self, cells: list[str]) -> None:
        self.cells = cells

    def cell(self, index: int) -> str:
        # Short rows are fine: the missing values are empty.
        return self.cells[index] if index < len(self.cells) else ""

    def first(self, indices: Sequence[int]) -> str:
        for index in indices:
            value = _GOOGLE_SEPARATOR.split(self.cell(index), maxsplit=1)[0].strip()
            if value:
                return value
        return ""

    def emails(self, indices: Sequence[int]) -> tuple[str, ...]:
        return tuple(
            word.strip("<>()\"'")
            for index in indices
            for word in _ADDRESS_SEPARATOR.split(self.cell(index))
            if "@" in word
        )

    def linkedin_url(self, indices: Sequence[int]) -> str | None:
        for index in indices:
            for word in _ADDRESS_SEPARATOR.split(self.cell(index)):
                # A company page in a website column is not the person's profile.
                if "linkedin.com/in/" in word.lower():
                    return word
        return None

    def phones(self, columns: Sequence[tuple[int, int | None, str]]) -> tuple[Phone, ...]:
        found: dict[str, Phone] = {}
        for index, label_index, label in columns:
            if label_index is not None and (named := self.first([label_index])):
                label = named.removeprefix("* ").strip().lower()  # "* " marks the primary one
            for number in _PHONE_SEPARATOR.split(self.cell(index)):
                if any(ch.isdigit() for ch in number):
                    found.setdefault(phone_key(number), Phone(number.strip(), label))
        return tuple(found.values())

    def location(self, groups: Sequence[Sequence[int]]) -> str:
        for group in groups:
            parts: dict[str, str] = {}
            for index in group:
                # A whole address ends with the town or the country; the street is no location.
                lines = [line.strip() for line in self.first([index]).splitlines()]
                lines = [line for line in lines if line]
                if lines:
                    parts.setdefault(lines[-1].casefold(), lines[-1])
            if parts:
                return ", ".join(parts.values())
        return ""

    def story(self, indices: Sequence[int]) -> str:
        # Gmail's export escapes the quotes in notes with a backslash as well: \"
        paragraphs = (
            "\n".join(self.cell(index).replace('\\"', '"').splitlines()) for index in indices
        )
        return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)

    def birthday(self, indices: Sequence[int], day_first: bool) -> dt.date | None:
        text = self.first(indices)
        # A date that cannot be read the file's way ("20/01/1991" in a file that writes
        # the month first) is read the other, when it can be.
        for order in (day_first, not day_first):
            try:
                return _past(parse_date(text, day_first=order))
            except ValueError:
                continue  # Outlook's "0/0/00", Google's year-less "--02-29", or a typo
        return None

    def birthday_from_parts(
        self, columns: tuple[Sequence[int], Sequence[int], Sequence[int]]
    ) -> dt.date | None:
        """A birthday written over Birth Year, Birth Month and Birth Day columns."""
        year, month, day = (self.first(indices) for indices in columns)
        if not (year and month and day):
            return None  # a birthday without its year is not a date Relate can keep
        try:
            return _past(date_from_parts(year, month, day))
        except ValueError:
            return None

    def tags(self, indices: Sequence[int], separator: re.Pattern[str]) -> tuple[str, ...]:
        found: dict[str, str] = {}
        for index in indices:
            for name in separator.split(self.cell(index)):
                if is_system_group(name):
                    continue  # Google's own labels: "* myContacts", "* starred"
                try:
                    name = clean_tag_name(name)
                except ValidationError:
                    continue  # empty, or longer than a tag can be
                found.setdefault(tag_key(name), name)
        return tuple(found.values())


def _past(day: dt.date | None) -> dt.date | None:
    """The day, unless it is still to come: a birthday to come is a typo or a two-digit
    year taken for the wrong century."""
    return day if day is not None and day <= dt.date.today() else None


def _split_name(full: str, prefix: str = "", suffix: str = "") -> tuple[str, str, str, str]:
    """Prefix, first name, last name and suffix out of a full name (a prefix or suffix
    the file gives in a column of its own wins): "Dr. Ana de la Cruz, PhD" gives "Dr.",
    "Ana", "de la Cruz" and "PhD"; "Silva, Ana" gives "Ana" and "Silva"."""
    global _HumanName
    if not full:
        return prefix, "", "", suffix
    if _HumanName is _NOT_LOADED:
        try:
            from nameparser import HumanName as _HumanName
        except ImportError:  # without it, full names split on the last space
            _HumanName = None
    if _HumanName is None:
        # Without nameparser the last word is the last name ("de la Cruz" splits wrongly).
        if "," in full:
            last, first = (part.strip() for part in full.split(",", 1))
            return prefix, first, last, suffix
        first, _, last = full.rpartition(" ")
        return (prefix, first, last, suffix) if first else (prefix, last, "", suffix)
    name = _HumanName(full)
    first = " ".join(part for part in (name.first, name.middle) if part)
    if not first and not name.last:
        return prefix, full, "", suffix
    return prefix or name.title, first, name.last, suffix or name.suffix


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
