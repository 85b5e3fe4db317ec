"""People a history file shows the user writing to who are not contacts yet: added on
request, as an import of their own (Import history undoes it), matched and merged by
the importers' rules so nobody is added twice."""

from __future__ import annotations

from collections.abc import Iterable

from relate.importers.full_names import split_name
from relate.importers.plan import ImportPlan, Incoming

SOURCE = "correspondents"


def correspondents_plan(people: Iterable[tuple[str, str]], file_name: str) -> ImportPlan:
    """What adding these people (name, e-mail address or LinkedIn profile URL) would do."""
    from relate.importers.planner import plan_import

    rows = []
    for line, (name, address) in enumerate(people, start=1):
        _, first, last, _ = split_name(name.strip())
        is_mail = "@" in address and "/" not in address
        if not (first or last) and is_mail:
            first = address.split("@")[0]
        rows.append(
            Incoming(
                line,
                first,
                last,
                linkedin_url=None if is_mail else address or None,
                emails=(address,) if is_mail else (),
                how_met=f"In touch before Relate ({file_name})",
            )
        )
    return plan_import(rows, SOURCE, file_name, [])


def add_correspondents(people: Iterable[tuple[str, str]], file_name: str) -> int | None:
    """Add these people as contacts, one import; its id (None: all known already)."""
    from relate.importers.batches import apply_plan

    return apply_plan(correspondents_plan(people, file_name))
