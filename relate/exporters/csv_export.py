"""The contact list as a CSV file, for spreadsheets and other address books."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from relate import queries
from relate.exporters.contact_rows import ContactRow, contact_rows
from relate.fields import BY_NAME, CSV_ORDER, Kind
from relate.files import private_file
from relate.store.db import db

# The registry's fields with a CSV header, in the columns' lasting order.
_FIELDS = tuple(BY_NAME[name] for name in CSV_ORDER)
CSV_COLUMNS: tuple[str, ...] = tuple(field.csv or "" for field in _FIELDS)
# Joins the several emails, phones or tags of one contact in one cell.
LIST_SEPARATOR = "; "

# OWASP's CSV-injection list: a cell starting with one of these can be run as a formula.
_FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralise(cell: str) -> str:
    """The cell with a leading apostrophe when a spreadsheet could read it as a formula.

    Excel, LibreOffice and Google Sheets run a cell that starts with =, +, - or @
    (some skip a leading tab or carriage return first), and a formula can fetch URLs
    or start programs: a contact imported from someone else's file could carry one.
    The apostrophe makes the spreadsheet show the text as it is and never run it.
    Innocent values get it too, e.g. a phone number "+1 216 555 0100" or a story
    starting "- met at"; that is the price of never guessing which are harmless.
    """
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell


def _phone_text(number: str, label: str) -> str:
    return f"{number} ({label})" if label else number


def _cell(kind: Kind, value: Any) -> str:
    """One field's cell: a list joined, a missing value empty."""
    if kind is Kind.EMAILS or kind is Kind.TAGS:
        return LIST_SEPARATOR.join(value)
    if kind is Kind.PHONES:
        return LIST_SEPARATOR.join(_phone_text(p.number, p.label) for p in value)
    return "" if value is None else str(value)


def _cells(row: ContactRow) -> list[str]:
    return [neutralise(_cell(field.kind, getattr(row, field.name))) for field in _FIELDS]


def export_csv(path: Path, contact_ids: Sequence[int] | None = None) -> int:
    """Write these contacts, in this order, to a CSV file at `path`; returns how many.

    None writes every contact that is not archived, sorted by name. The file
    appears whole or not at all, readable by the user only.
    """
    # One snapshot: a write on another thread cannot land between two chunks.
    with db.atomic():
        ids = queries.contact_ids() if contact_ids is None else contact_ids
        # utf-8-sig starts the file with a byte-order mark: without it Excel takes the
        # file for the local code page and garbles accented names. newline="" leaves
        # line endings to the csv module (CRLF, as RFC 4180 and Excel expect), so a
        # newline inside a story stays inside its quoted cell.
        with private_file(Path(path), "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(CSV_COLUMNS)
            count = 0
            for row in contact_rows(ids):
                writer.writerow(_cells(row))
                count += 1
    return count
