"""LinkedIn connections: from an exported `Connections.csv` to an import plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from relate.collector import collector_paused
from relate.importers.linkedin_csv import connections_from_text_as, read_connections_as
from relate.importers.plan import ImportPlan, Incoming, Skipped
from relate.importers.planner import plan_import

SOURCE = "linkedin"


def plan_linkedin_import(path: Path) -> ImportPlan:
    """What importing this file would do; ImportFileError if it cannot be read as a
    LinkedIn connections export (nothing is written either way)."""
    with collector_paused():
        rows, skipped = read_connections_as(path, _incoming)
        return plan_import(
            rows, SOURCE, path.name, [Skipped(row.line, row.reason) for row in skipped]
        )


def plan_connections_text(text: str, name: str) -> ImportPlan:
    """`plan_linkedin_import` for the text of a Connections.csv already read (from the
    archive, `name` its place there)."""
    with collector_paused():
        rows, skipped = connections_from_text_as(text, name, _incoming)
        return plan_import(rows, SOURCE, name, [Skipped(row.line, row.reason) for row in skipped])


def _incoming(
    line: int,
    first_name: str,
    last_name: str,
    linkedin_url: str | None,
    email: str | None,
    company: str,
    position: str,
    connected_on: dt.date | None,
) -> Incoming:
    # Incoming's first fields, by position: 30,000 rows notice keywords.
    emails = (email,) if email else ()
    return Incoming(
        line, first_name, last_name, linkedin_url, emails, company, position, connected_on
    )
