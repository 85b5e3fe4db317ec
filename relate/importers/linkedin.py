"""LinkedIn connections: from an exported `Connections.csv` to an import plan."""

from __future__ import annotations

from pathlib import Path

from relate.importers.linkedin_csv import read_connections
from relate.importers.plan import ImportPlan, Incoming, Skipped, plan_import

SOURCE = "linkedin"


def plan_linkedin_import(path: Path) -> ImportPlan:
    """What importing this file would do; ImportFileError if it cannot be read as a
    LinkedIn connections export (nothing is written either way)."""
    parsed = read_connections(path)
    rows = [
        Incoming(
            line=row.line,
            first_name=row.first_name,
            last_name=row.last_name,
            linkedin_url=row.linkedin_url,
            emails=(row.email,) if row.email else (),
            company=row.company,
            position=row.position,
            connected_on=row.connected_on,
        )
        for row in parsed.rows
    ]
    skipped = [Skipped(row.line, row.reason) for row in parsed.skipped]
    return plan_import(rows, SOURCE, path.name, skipped)
