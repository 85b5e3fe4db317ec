"""The contact list as a CSV file, for spreadsheets and other address books."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from relate import queries
from relate.db import db
from relate.exporters.contact_rows import ContactRow, contact_rows
from relate.files import private_file

CSV_COLUMNS: tuple[str, ...] = (
    "First Name",
    "Last Name",
    "Company",
    "Position",
    "Email",
    "Phone",
    "LinkedIn URL",
    "Location",
    "Stage",
    "Tags",
    "Connected On",
    "Birthday",
    "Last Contacted",
    "Next Due",
    "How Met",
    "Story",
)
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


def _cells(row: ContactRow) -> list[str]:
    cells = [
        row.first_name,
        row.last_name,
        row.company,
        row.position,
        LIST_SEPARATOR.join(row.emails),
        LIST_SEPARATOR.join(_phone_text(p.number, p.label) for p in row.phones),
        row.linkedin_url or "",
        row.location,
        row.stage,
        LIST_SEPARATOR.join(row.tags),
        row.connected_on or "",
        row.birthday or "",
        row.last_contacted or "",
        row.next_due or "",
        row.how_met,
        row.story,
    ]
    return [neutralise(cell) for cell in cells]


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
