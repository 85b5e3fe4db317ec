"""1-2-1 meetings: planned with a time and place, then held (an interaction) or cancelled.

A planned meeting is not contact yet: it shows on the timeline as planned and counts
for nothing until it is marked held. Then it becomes a 1-2-1 interaction, what the
user learned goes into the contact's story, and the stage can move forward.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import zoneinfo
from collections.abc import Callable
from typing import Any

from relate import contacts
from relate.clock_changes import ClockChange, clock_change_at, zone_named
from relate.dates import day_text
from relate.records import display_name
from relate.store.db import inserted_id, transaction
from relate.store.models import Contact, Interaction, Meeting
from relate.validation import NotFoundError, ValidationError, clean_text
from relate.vocabulary import STAGES

ONE_TO_ONE = "1-2-1"
PLANNED, HELD, CANCELLED = "planned", "held", "cancelled"
MAX_MINUTES = 24 * 60
_WHEN = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::\d{2})?$")


@dataclasses.dataclass(frozen=True, slots=True)
class MeetingRecord:
    id: int
    contact_id: int
    contact_name: str
    starts_at: dt.datetime  # wall-clock time; `fold` 1 for the second of a repeated hour
    minutes: int
    time_zone: str  # IANA name; empty means the machine's own zone
    place: str
    agenda: str
    status: str
    interaction_id: int | None

    @property
    def ends_at(self) -> dt.datetime:
        """The wall-clock time it ends: after its minutes of real time, across a change
        of clocks too."""
        return wall_end(self.starts_at, self.minutes, self.time_zone)

    @property
    def is_planned(self) -> bool:
        return self.status == PLANNED


def local_zone_name() -> str:
    """The machine's time zone as an IANA name ("Europe/Paris"), or "" if unknown."""
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or ""
    except Exception:  # noqa: BLE001 (an odd system setup must not stop scheduling)
        return ""


def meeting_zone(time_zone: str) -> zoneinfo.ZoneInfo | None:
    """The zone of a meeting's times: its own, else the machine's; None when neither is
    known (the time then floats, the same on every clock)."""
    return zone_named(time_zone) or zone_named(local_zone_name())


def meeting_instants(
    starts_at: dt.datetime, minutes: int, time_zone: str
) -> tuple[dt.datetime, dt.datetime]:
    """When a meeting starts and ends, in its zone (naive if it has none); the end is
    its minutes of real time later, whatever the clocks do meanwhile."""
    zone = meeting_zone(time_zone)
    length = dt.timedelta(minutes=minutes)
    if zone is not None:
        start = starts_at.replace(tzinfo=zone)
        try:
            return start, (start.astimezone(dt.UTC) + length).astimezone(zone)
        except OverflowError:
            pass  # in the first or last hours of the calendar: no instant to count from
    return starts_at, starts_at + min(length, dt.datetime.max - starts_at)


def wall_end(starts_at: dt.datetime, minutes: int, time_zone: str) -> dt.datetime:
    """The wall-clock time a meeting ends (`fold` 1 in the second of a repeated hour)."""
    return meeting_instants(starts_at, minutes, time_zone)[1].replace(tzinfo=None)


def clock_change(starts_at: dt.datetime, time_zone: str) -> ClockChange | None:
    """The change of clocks that skips or repeats this wall-clock time in the meeting's
    zone, if it is one of those times."""
    zone = meeting_zone(time_zone)
    return clock_change_at(starts_at, zone) if zone is not None else None


def _existing_time(starts_at: dt.datetime, time_zone: str) -> None:
    """Refuse a time the clocks skip: no calendar can show a meeting then."""
    change = clock_change(starts_at, time_zone)
    if change is not None and not change.repeated:
        raise ValidationError(f"{change.sentence()} Pick another time.")


def _stored_start(starts_at: dt.datetime, time_zone: str) -> dt.datetime | str:
    """The start as the database keeps it: wall-clock time, which RFC 5545 and Python
    read as the first of a time the clocks repeat; the second keeps its UTC offset too
    (ISO 8601), which says it is the second and sorts it after the first."""
    change = clock_change(starts_at, time_zone) if starts_at.fold else None
    if change is None or not change.repeated:
        return starts_at.replace(fold=0)
    offset = dt.timezone(change.offset(1))
    return starts_at.replace(tzinfo=offset, fold=0).isoformat(sep=" ")


def parse_when(value: dt.datetime | str) -> dt.datetime:
    """A meeting time from a datetime (its `fold` kept) or "YYYY-MM-DD HH:MM"."""
    if isinstance(value, dt.datetime):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = value.strip()
    match = _WHEN.match(text)
    if match:
        try:
            day = dt.date.fromisoformat(match[1])
            return dt.datetime.combine(day, dt.time(int(match[2]), int(match[3])))
        except ValueError:
            pass
    raise ValidationError(f"The time '{text}' is not in the form YYYY-MM-DD HH:MM.")


def _clean_minutes(minutes: int | str) -> int:
    try:
        value = int(minutes)
    except (TypeError, ValueError):
        raise ValidationError(f"The length '{minutes}' is not a number of minutes.") from None
    if not 1 <= value <= MAX_MINUTES:
        raise ValidationError(f"A meeting lasts 1 to {MAX_MINUTES} minutes, not {value}.")
    return value


_COLUMNS = (
    Meeting.id,
    Meeting.contact,
    Contact.first_name,
    Contact.last_name,
    Meeting.starts_at,
    Meeting.minutes,
    Meeting.time_zone,
    Meeting.place,
    Meeting.agenda,
    Meeting.status,
    Meeting.interaction,
)


def _records(query: Any) -> list[MeetingRecord]:
    return [
        MeetingRecord(
            id=row[0],
            contact_id=row[1],
            contact_name=display_name(row[2], row[3]),
            starts_at=_to_datetime(row[4], row[6]),
            minutes=row[5],
            time_zone=row[6],
            place=row[7],
            agenda=row[8],
            status=row[9],
            interaction_id=row[10],
        )
        for row in query.tuples()
    ]


def _to_datetime(value: dt.datetime | str, time_zone: str) -> dt.datetime:
    """The wall-clock start from the database (see `_stored_start`)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        return moment
    wall = moment.replace(tzinfo=None)
    change = clock_change(wall, time_zone)
    second = change is not None and change.repeated and moment.utcoffset() == change.offset(1)
    return wall.replace(fold=int(second))


def _select() -> Any:
    return Meeting.select(*_COLUMNS).join(Contact)


def get_meeting(meeting_id: int) -> MeetingRecord:
    """One meeting; NotFoundError if there is none with that id."""
    found = _records(_select().where(Meeting.id == meeting_id))
    if not found:
        raise NotFoundError(f"There is no meeting with id {meeting_id}.")
    return found[0]


def schedule_meeting(
    contact_id: int,
    starts_at: dt.datetime | str,
    *,
    minutes: int | str = 60,
    place: str = "",
    agenda: str = "",
    time_zone: str | None = None,
) -> int:
    """Plan a 1-2-1 with a contact (in the machine's time zone unless given); its id.
    A time the clocks skip is refused; of a time they repeat, `starts_at.fold` says
    which (0, the first, for a text)."""
    when = parse_when(starts_at)
    zone = local_zone_name() if time_zone is None else time_zone.strip()
    _existing_time(when, zone)
    values = {
        "contact": contact_id,
        "starts_at": _stored_start(when, zone),
        "minutes": _clean_minutes(minutes),
        "time_zone": zone,
        "place": clean_text(place),
        "agenda": (agenda or "").strip(),
    }
    with transaction():
        if not Contact.select().where(Contact.id == contact_id).exists():
            raise NotFoundError(f"There is no contact with id {contact_id}.")
        return inserted_id(Meeting.insert(**values))


def update_meeting(meeting_id: int, **changes: Any) -> None:
    """Change a meeting's starts_at, minutes, time_zone, place or agenda (a new time is
    checked as `schedule_meeting` checks it)."""
    cleaners: dict[str, Callable[[Any], Any]] = {
        "starts_at": parse_when,
        "minutes": _clean_minutes,
        "place": clean_text,
        "agenda": lambda text: (text or "").strip(),
        "time_zone": lambda text: (text or "").strip(),
    }
    unknown = set(changes) - set(cleaners)
    if unknown:
        raise ValidationError(f"A meeting has no field {', '.join(sorted(unknown))}.")
    values = {name: cleaners[name](value) for name, value in changes.items()}
    with transaction():
        meeting = get_meeting(meeting_id)
        if "starts_at" in values or "time_zone" in values:
            when = values.get("starts_at", meeting.starts_at)
            zone = values.get("time_zone", meeting.time_zone)
            _existing_time(when, zone)
            values["starts_at"] = _stored_start(when, zone)
        if values:
            Meeting.update(**values).where(Meeting.id == meeting_id).execute()


def cancel_meeting(meeting_id: int, cancelled: bool = True) -> None:
    """Call a planned meeting off (or plan it again)."""
    with transaction():
        meeting = get_meeting(meeting_id)
        if meeting.status == HELD:
            raise ValidationError("That meeting was held; it cannot be cancelled.")
        status = CANCELLED if cancelled else PLANNED
        Meeting.update(status=status).where(Meeting.id == meeting_id).execute()


def delete_meeting(meeting_id: int) -> MeetingRecord:
    """Remove a meeting for good (its 1-2-1 entry, if held, stays); what it was."""
    with transaction():
        record = get_meeting(meeting_id)
        Meeting.delete().where(Meeting.id == meeting_id).execute()
    return record


def restore_meeting(record: MeetingRecord) -> None:
    """Put back a deleted meeting with its old id (undo)."""
    with transaction():
        Meeting.insert(
            id=record.id,
            contact=record.contact_id,
            starts_at=_stored_start(record.starts_at, record.time_zone),
            minutes=record.minutes,
            time_zone=record.time_zone,
            place=record.place,
            agenda=record.agenda,
            status=record.status,
            interaction=record.interaction_id,
        ).execute()


def next_stage_after_meeting(stage: str) -> str | None:
    """The stage to suggest once a 1-2-1 was held: at least "1-2-1", else one further."""
    position = STAGES.index(stage) if stage in STAGES else 0
    one_to_one = STAGES.index(ONE_TO_ONE)
    if position < one_to_one:
        return ONE_TO_ONE
    return STAGES[position + 1] if position + 1 < len(STAGES) else None


def _story_with(story: str, learned: str, on: dt.date) -> str:
    """The story with what was learned at a meeting added as a dated paragraph."""
    paragraph = f"{day_text(on)}: {learned}"
    return f"{story.rstrip()}\n\n{paragraph}" if story.strip() else paragraph


def hold_meeting(meeting_id: int, *, learned: str = "", advance_stage: bool = False) -> int:
    """Mark a planned meeting held: it becomes a 1-2-1 on the timeline (with `learned` as
    its notes and added to the story), and with `advance_stage` the stage moves on
    (`next_stage_after_meeting`). Returns the new interaction's id."""
    learned = (learned or "").strip()
    with transaction():
        meeting = get_meeting(meeting_id)
        if meeting.status != PLANNED:
            raise ValidationError(f"That meeting is {meeting.status}, not planned.")
        summary = meeting.agenda.splitlines()[0] if meeting.agenda else ""
        if not summary:
            summary = f"1-2-1 at {meeting.place}" if meeting.place else "1-2-1"
        interaction_id = inserted_id(
            Interaction.insert(
                contact=meeting.contact_id,
                kind=ONE_TO_ONE,
                date=meeting.starts_at.date(),
                time=meeting.starts_at.time(),
                summary=summary,
                notes=learned,
            )
        )
        Meeting.update(status=HELD, interaction=interaction_id).where(
            Meeting.id == meeting_id
        ).execute()
        contact = Contact.get_by_id(meeting.contact_id)
        changes: dict[str, Any] = {}
        if learned:
            changes["story"] = _story_with(contact.story, learned, meeting.starts_at.date())
        if advance_stage:
            stage = next_stage_after_meeting(contact.stage)
            if stage is not None:
                changes["stage"] = stage
        if changes:
            contacts.update_contact(meeting.contact_id, **changes)
    return interaction_id


def unhold_meeting(meeting_id: int) -> None:
    """Plan a held meeting again and remove its 1-2-1 entry (undo of `hold_meeting`;
    the story and stage are the caller's to put back)."""
    with transaction():
        meeting = get_meeting(meeting_id)
        if meeting.interaction_id is not None:
            Interaction.delete().where(Interaction.id == meeting.interaction_id).execute()
        Meeting.update(status=PLANNED, interaction=None).where(Meeting.id == meeting_id).execute()


def meetings_for(contact_id: int) -> list[MeetingRecord]:
    """A contact's meetings, latest first."""
    query = _select().where(Meeting.contact == contact_id)
    return _records(query.order_by(Meeting.starts_at.desc(), Meeting.id.desc()))


def planned_meetings(
    start: dt.datetime | dt.date, days: int = 7, contact_id: int | None = None
) -> list[MeetingRecord]:
    """Planned meetings from `start` for `days` days, soonest first (archived contacts
    left out); one contact's only with `contact_id`."""
    return _meetings_from(start, days, (PLANNED,), contact_id)


def calendar_meetings(start: dt.datetime | dt.date, days: int) -> list[MeetingRecord]:
    """What a calendar export holds: the planned meetings from `start` for `days` days
    and the cancelled ones of that time too, so that a calendar that has them drops them."""
    return _meetings_from(start, days, (PLANNED, CANCELLED))


def _meetings_from(
    start: dt.datetime | dt.date,
    days: int,
    statuses: tuple[str, ...],
    contact_id: int | None = None,
) -> list[MeetingRecord]:
    if not isinstance(start, dt.datetime):
        start = dt.datetime.combine(start, dt.time())
    end = dt.datetime.combine(start.date() + dt.timedelta(days=days), dt.time())
    # Archived contacts through their (small) partial index: a test on Contact.archived
    # leads SQLite to walk every contact first when it has no statistics to go by.
    archived = Contact.select(Contact.id).where(Contact.archived == True)  # noqa: E712
    # "status = 'planned'" as such: the partial index of planned meetings serves it.
    status = Meeting.status == statuses[0] if len(statuses) == 1 else Meeting.status.in_(statuses)
    query = _select().where(
        status,
        Meeting.starts_at >= start,
        Meeting.starts_at < end,
        Meeting.contact.not_in(archived),
    )
    if contact_id is not None:
        query = query.where(Meeting.contact == contact_id)
    return _records(query.order_by(Meeting.starts_at, Meeting.id))


def next_planned(contact_id: int, start: dt.date) -> MeetingRecord | None:
    """The contact's first planned meeting on or after the day `start`, if any."""
    query = _select().where(
        Meeting.contact == contact_id,
        Meeting.status == PLANNED,
        Meeting.starts_at >= dt.datetime.combine(start, dt.time()),
    )
    found = _records(query.order_by(Meeting.starts_at, Meeting.id).limit(1))
    return found[0] if found else None
