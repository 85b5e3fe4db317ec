"""One row of an address book's CSV read field by field: the first of several values,
e-mail addresses, phones with their labels, a location, notes, a birthday, tags."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from relate.importers.address_book_groups import is_system_group
from relate.importers.csv_text import date_from_parts, parse_date
from relate.importers.identity import phone_key
from relate.records import Phone
from relate.tags import clean_tag_name
from relate.validation import ValidationError, tag_key

# Google joins several values of one field with " ::: "; where one is wanted, the first.
GOOGLE_SEPARATOR = re.compile(r"\s*:::\s*")
# No e-mail address or web address holds a space, comma or semicolon.
_ADDRESS_SEPARATOR = re.compile(r"[\s,;]+|:::")
# Not commas: they are dialling pauses in a phone number ("+1 555 0100,,12").
_PHONE_SEPARATOR = re.compile(r"\s*(?:;|:::)\s*")


class Row:
    """One row's cells, read field by field."""

    def __init__(self, cells: list[str]) -> None:
        self.cells = cells

    def cell(self, index: int) -> str:
        # Short rows are fine: the missing values are empty.
        return self.cells[index] if index < len(self.cells) else ""

    def first(self, indices: Sequence[int]) -> str:
        for index in indices:
            value = GOOGLE_SEPARATOR.split(self.cell(index), maxsplit=1)[0].strip()
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
