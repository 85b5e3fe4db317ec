"""How the command line prints contacts and timelines for people (JSON is elsewhere)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from relate.cadence import rhythm_label
from relate.dates import day_text
from relate.fields import FIELDS, Field, Kind, label
from relate.records import ContactDetail, ContactSummary, FollowUpRecord, InteractionRecord

if TYPE_CHECKING:  # loaded only by the commands that show meetings
    from relate.meetings import MeetingRecord


def _when(day: dt.date | None) -> str:
    """A day of the card in the app's style; "-" for none."""
    return day_text(day) if day else "-"


def contact_line(contact: ContactSummary) -> str:
    """One line per contact: id, name, role, stage."""
    role = " at ".join(part for part in (contact.position, contact.company) if part)
    return f"{contact.id:>6}  {contact.display_name:<30}  {role:<50}  {contact.stage}".rstrip()


def contact_table(contacts: Iterable[ContactSummary]) -> str:
    return "\n".join(contact_line(contact) for contact in contacts)


def interaction_line(entry: InteractionRecord) -> str:
    kind = f"{entry.kind} ({entry.sub_kind or entry.direction})"
    if not (entry.sub_kind or entry.direction):
        kind = entry.kind
    time = f" {entry.time:%H:%M}" if entry.time else ""
    line = f"  {entry.date.isoformat()}{time}  {kind:<22} {entry.summary}".rstrip()
    return f"{line}  [{entry.origin}]" if entry.origin else line


def follow_up_line(item: FollowUpRecord, today: dt.date) -> str:
    late = "  (overdue)" if item.is_open and item.due < today else ""
    state = "done" if not item.is_open else "open"
    time = f" {item.due_time:%H:%M}" if item.due_time else ""
    return f"  {item.due.isoformat()}{time}  [{state}] {item.text}{late}"


def _rhythm(contact: ContactDetail) -> str:
    if contact.rhythm_days is None:
        return ""
    own = "" if contact.cadence_days else " (the default of its stage or tags)"
    snoozed = f", snoozed until {_when(contact.snoozed_until)}" if contact.snoozed_until else ""
    return f"{rhythm_label(contact.rhythm_days)}{own}{snoozed}"


def meeting_line(meeting: MeetingRecord) -> str:
    """ "  12  2026-12-01 09:30  Ann Adams at Phoenix: BIM group"."""
    place = f" at {meeting.place}" if meeting.place else ""
    agenda = f": {meeting.agenda.splitlines()[0]}" if meeting.agenda else ""
    when = f"{meeting.starts_at:%Y-%m-%d %H:%M}"
    return f"{meeting.id:>5}  {when}  {meeting.contact_name}{place}{agenda}"


# The registry's fields that are a labelled row of the card, in its order.
_ROW_FIELDS = tuple(field for field in FIELDS if field.row)


def _shown(field: Field, contact: ContactDetail) -> str:
    """A field's value as a row of the card shows it ("" leaves the row out)."""
    value = getattr(contact, field.name)
    if field.kind is Kind.EMAILS:
        return ", ".join(value)
    if field.kind is Kind.PHONES:
        return ", ".join(f"{p.number} ({p.label})" if p.label else p.number for p in value)
    if field.kind is Kind.CONTACT:
        return contact.met_through_name or ""
    if field.kind is Kind.DATE:
        return _when(value) if value else ""
    return "" if value is None else str(value)


def contact_card(
    contact: ContactDetail,
    timeline: list[InteractionRecord],
    follow_ups: list[FollowUpRecord],
    today: dt.date,
    planned: Sequence[MeetingRecord] = (),
) -> str:
    """The full card of `relate show`."""
    lines = [contact.display_name + ("  (archived)" if contact.archived else "")]
    role = " at ".join(part for part in (contact.position, contact.company) if part)
    if role:
        lines.append(role)
    fields = [
        ("Id", str(contact.id)),
        (label("stage"), contact.stage),
        *((field.label, _shown(field, contact)) for field in _ROW_FIELDS),
        (label("cadence_days"), _rhythm(contact)),
        (label("last_contacted"), _when(contact.last_contacted)),
        (label("next_due"), _when(contact.next_due) if contact.rhythm_days else ""),
        (
            label("tags"),
            ", ".join(
                tag.name + (" (shared)" if tag.mine else "") + (" (avoid)" if tag.avoid else "")
                for tag in contact.tags
            ),
        ),
    ]
    lines.append("")
    lines.extend(f"{label + ':':<14}{value}" for label, value in fields if value)
    if contact.story:
        lines += ["", "Their story:", *(f"  {line}" for line in contact.story.splitlines())]
    if planned:
        lines += ["", "Planned 1-2-1s:", *(meeting_line(meeting) for meeting in planned)]
    if timeline:
        lines += ["", "Timeline:", *(interaction_line(entry) for entry in timeline)]
    if follow_ups:
        lines += ["", "Follow-ups:", *(follow_up_line(item, today) for item in follow_ups)]
    return "\n".join(lines)
