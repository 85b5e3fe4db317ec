"""What several command groups share: naming one contact, printing JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from relate import contacts, queries
from relate.cli import formatting
from relate.cli.errors import UserError
from relate.cli.terminal import terminal_json
from relate.records import to_jsonable


def resolve_contact(reference: str) -> int:
    """The one contact `reference` names, or UserError listing the candidates."""
    ids = contacts.find_contacts(reference)
    if not ids:
        raise UserError(f"no contact matches '{reference}'")
    if len(ids) > 1:
        shown = queries.summaries(ids[:20])
        more = f"\n  … and {len(ids) - 20} more" if len(ids) > 20 else ""
        raise UserError(
            f"'{reference}' matches {len(ids)} contacts; give the id of one:\n"
            + formatting.contact_table(shown)
            + more
        )
    return ids[0]


def print_json(value: Any) -> None:
    """A record (or list of them) as indented JSON on stdout."""
    # Piece by piece, as json.dump writes: a reader that stops early is noticed at once.
    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)
    for piece in encoder.iterencode(to_jsonable(value)):
        sys.stdout.write(terminal_json(piece))
    sys.stdout.write("\n")
