"""Which columns of an address book's CSV hold each field: the mappings of Google's and
Outlook's exports, the one a file's column names suggest, and a mapping resolved
against one file's columns."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from relate.fields import TEXT_FIELDS
from relate.importers import column_names
from relate.importers.address_book_rows import GOOGLE_SEPARATOR
from relate.importers.csv_text import header_key


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
    tag_separator=GOOGLE_SEPARATOR.pattern,
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
class Columns:
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


def resolve(mapping: ColumnMapping, headers: Sequence[str]) -> Columns:
    keys = [header_key(header) for header in headers]

    def find(names: Sequence[str]) -> list[int]:
        return list(dict.fromkeys(i for name in names for _, i in _matches(keys, name)))

    phones = []
    for column in mapping.phones:
        for number, i in _matches(keys, column.column):
            labels = find([name.replace("{n}", number) for name in column.label_columns])
            phones.append((i, labels[0] if labels else None, column.label))
    return Columns(
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
