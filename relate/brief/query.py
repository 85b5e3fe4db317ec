"""Filling a `BriefData`: everything the one-page 1-2-1 brief says about one contact."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from relate import contacts, followups, introduction_ideas, meetings, timeline
from relate.brief import questions
from relate.brief.data import BriefData, Entry, Loop, Meeting, Suggestion
from relate.dates import day_text
from relate.fields import FIELDS, Brief
from relate.humanize import relative_date
from relate.records import ContactDetail, InteractionRecord, display_name
from relate.store.db import db, execute
from relate.store.models import Contact, Introduction
from relate.vocabulary import EXCHANGE_SUB_KINDS, NEED_CATEGORY, NOT_CONTACT_KINDS, STAGES

MAX_ENTRIES = 30
MAX_SUGGESTIONS = 8
HELPERS_PER_NEED = 2  # people suggested for each of the contact's stated needs
SIX_MONTHS = dt.timedelta(days=183)
SEVERAL_MEETINGS = 3
ONE_TO_ONE = "1-2-1"
# Tag categories that read "also in …" rather than "also into …" in a suggestion.
_MEMBERSHIP_CATEGORIES = ("group", "place")

# Stages further along rank first among equally matched suggestions.
_STAGE_RANK_SQL = (
    "CASE c.stage " + " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(STAGES)) + " END"
)
# One pass over the contact's own tags (not avoided, and not needs: a need shared is no
# interest shared) and, through the (tag_id, contact_id) index, everyone else carrying one
# of them, grouped by contact; place tags count apart so that sharing a town ranks below
# sharing an interest. Only the tiers of (shared, places) that can reach the top `limit`
# are then looked up in `contact` for the stage and name tie-breaks: with a tag carried by
# thousands, that saves most of the lookups.
_SUGGESTIONS_SQL = f"""
    WITH theirs AS (
        SELECT t.id AS tag_id, t.category = 'place' AS is_place
        FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id
        WHERE ct.contact_id = :me AND NOT t.avoid AND t.category <> :need
    ),
    shared AS (
        SELECT ct.contact_id AS id, sum(NOT theirs.is_place) AS strong,
               sum(theirs.is_place) AS weak
        FROM theirs JOIN contact_tag ct ON ct.tag_id = theirs.tag_id
        GROUP BY ct.contact_id
        HAVING ct.contact_id != :me
          AND ct.contact_id NOT IN (SELECT id FROM contact WHERE archived = 1)
          AND ct.contact_id NOT IN (
              SELECT contact_b_id FROM introduction WHERE contact_a_id = :me
              UNION ALL SELECT contact_a_id FROM introduction WHERE contact_b_id = :me)
    ),
    cutoff AS (
        SELECT strong, weak FROM shared ORDER BY strong DESC, weak DESC
        LIMIT 1 OFFSET :limit - 1
    )
    SELECT c.id, c.first_name, c.last_name, c.position, c.company
    FROM shared JOIN contact c ON c.id = shared.id
    WHERE (shared.strong, shared.weak) >= (
        coalesce((SELECT strong FROM cutoff), 0), coalesce((SELECT weak FROM cutoff), 0))
    ORDER BY shared.strong DESC, shared.weak DESC, {_STAGE_RANK_SQL} DESC, c.name_key, c.id
    LIMIT :limit
"""
# The tags two contacts share (for the "because" of the few suggestions picked).
_SHARED_TAGS_SQL = """
    SELECT other.contact_id, t.name, t.category FROM contact_tag mine
    JOIN contact_tag other ON other.tag_id = mine.tag_id
    JOIN tag t ON t.id = mine.tag_id
    WHERE mine.contact_id = ? AND NOT t.avoid AND t.category <> ?
      AND other.contact_id IN ({marks})
    ORDER BY t.key
"""


def brief_data(
    contact_id: int, on: dt.date | None = None, meeting: Meeting | None = None
) -> BriefData:
    """The brief of one contact for the day `on` (default: the meeting's day, else today).

    Without a `meeting`, the contact's next planned 1-2-1 is the one.
    Raises NotFoundError for an unknown contact. The same data and `on` always give the
    same result.
    """
    contact = contacts.get_contact(contact_id)
    if meeting is None:
        meeting = next_planned_meeting(contact_id, on or dt.date.today())
    if on is None:
        on = meeting.date if meeting is not None else dt.date.today()
    past = _past_entries(timeline.interactions_for(contact_id), on)
    # An entry that only says again how we met (a LinkedIn invitation's) is not listed.
    folded = folded_entries([e for e in past if not _says_how_met(e, contact.how_met)])
    last_contact = next((e.date for e in past if e.kind not in NOT_CONTACT_KINDS), None)
    given, given_by_kind = _exchanges(past, "gave")
    received, received_by_kind = _exchanges(past, "received")
    return BriefData(
        contact_id=contact_id,
        name=contact.display_name,
        position=contact.position,
        company=contact.company,
        stage=contact.stage,
        on=on,
        meeting=meeting,
        how_met=contact.how_met,
        met_through=contact.met_through_name or "",
        connected_on=contact.connected_on,
        last_contact=last_contact,
        last_contact_words=relative_date(last_contact, on) if last_contact else "never",
        location=contact.location,
        shared_interests=tuple(t.name for t in contact.tags if t.mine and not t.avoid),
        other_interests=tuple(t.name for t in contact.tags if not t.mine and not t.avoid),
        avoid=tuple(t.name for t in contact.tags if t.avoid),
        story=contact.story,
        entries=tuple(folded[:MAX_ENTRIES]),
        total_entries=len(folded),
        loops=_loops(contact_id, on),
        suggestions=suggestions_for(contact_id, on=on),
        given=given,
        received=received,
        given_by_kind=given_by_kind,
        received_by_kind=received_by_kind,
        introduced_to=introduced_to(contact_id),
        questions=questions.choose_questions(
            question_facts(contact, past, on, last_contact),
            questions.load_questions(folder=_data_folder()),
        ),
        name_note=" ".join(
            value for field in _BESIDE_NAME if (value := getattr(contact, field.name))
        ),
    )


# The fields the brief shows beside the name.
_BESIDE_NAME = tuple(field for field in FIELDS if field.brief is Brief.BESIDE_NAME)


def next_planned_meeting(contact_id: int, on: dt.date) -> Meeting | None:
    """The contact's next planned 1-2-1 from the day `on`, as the brief's meeting."""
    planned = meetings.next_planned(contact_id, on)
    return _meeting(planned) if planned is not None else None


def meetings_between(start: dt.date, days: int = 7) -> list[tuple[int, Meeting]]:
    """Every 1-2-1 planned from `start` for `days` days, soonest first, as (contact id,
    meeting): the briefs to print for the week (archived contacts left out)."""
    return [(m.contact_id, _meeting(m)) for m in meetings.planned_meetings(start, days)]


def _meeting(record: meetings.MeetingRecord) -> Meeting:
    return Meeting(
        date=record.starts_at.date(),
        time=record.starts_at.time(),
        place=record.place,
        agenda=record.agenda,
    )


def _says_how_met(entry: InteractionRecord, how_met: str) -> bool:
    return bool(how_met) and not entry.notes and entry.summary == how_met


def _past_entries(entries: list[InteractionRecord], on: dt.date) -> list[InteractionRecord]:
    """Entries that happened by `on`, newest first (anything dated later is left out)."""
    return [e for e in entries if e.date <= on]


# What an imported entry with no subject (most LinkedIn messages) says instead.
_WHO_WROTE = {"sent": "from you", "received": "from them"}
# Imported entries alike (kind, subject) fold into one line while each is within this
# many days of the next: a conversation resumed after a pause is a line of its own.
RUN_GAP_DAYS = 31


def _entry(record: InteractionRecord) -> Entry:
    kind = f"{record.kind}: {record.sub_kind}" if record.sub_kind else record.kind
    summary = record.summary or _WHO_WROTE.get(record.direction or "", "")
    return Entry(record.date, kind, summary, record.notes)


def folded_entries(past: list[InteractionRecord]) -> list[Entry]:
    """The entries newest first, imported ones alike (LinkedIn messages with no subject,
    mails of one thread, a weekly meeting) folded into one line at the newest of them,
    "message ×7 · from them · since 2 Feb 2026", even with other entries between them,
    until a pause of RUN_GAP_DAYS: a history read from files must not push what the
    user wrote off the page."""
    lines: list[InteractionRecord | list[InteractionRecord]] = []
    open_runs: dict[tuple[str, str], list[InteractionRecord]] = {}
    for record in past:
        if record.import_batch_id is None or record.notes:
            lines.append(record)
            continue
        alike = (record.kind, thread_subject(record.summary))
        run = open_runs.get(alike)
        if run is None or (run[-1].date - record.date).days > RUN_GAP_DAYS:
            run = open_runs[alike] = []
            lines.append(run)
        run.append(record)
    return [_entry(line) if not isinstance(line, list) else _folded(line) for line in lines]


def _folded(run: list[InteractionRecord]) -> Entry:
    """A run of alike entries (newest first) as one line."""
    if len(run) == 1:
        return _entry(run[0])
    subject = thread_subject(run[-1].summary)  # the first mail's: no "Re:"
    if not subject:  # who wrote, then
        directions = {record.direction or "" for record in run} - {""}
        if len(directions) == 1:
            subject = _WHO_WROTE.get(directions.pop(), "")
        elif directions:
            subject = "both ways"
    since = f"since {day_text(run[-1].date)}"
    summary = f"{subject} · {since}" if subject else since
    return Entry(run[0].date, f"{run[0].kind} ×{len(run)}", summary)


def _exchanges(
    entries: list[InteractionRecord], kind: str
) -> tuple[int, tuple[tuple[str, int], ...]]:
    """How many gave (or received) entries, and how many of each sub-kind, in the
    vocabulary's order ("other" for entries without one, last)."""
    counts = Counter(e.sub_kind or "other" for e in entries if e.kind == kind)
    order = (*EXCHANGE_SUB_KINDS, "other")
    return sum(counts.values()), tuple((sub, counts[sub]) for sub in order if counts[sub])


def _loops(contact_id: int, on: dt.date) -> tuple[Loop, ...]:
    """Open follow-ups, overdue first, then by due date.

    Follow-ups are what the user owes; there is no record yet of what a contact
    promised us, so every loop has `theirs=False` until there is.
    """
    rows = followups.follow_ups_for(contact_id, include_done=False)
    rows.sort(key=lambda r: (r.due >= on, r.due, r.id))
    return tuple(Loop(r.text, r.due, r.due < on) for r in rows)


def suggestions_for(
    contact_id: int, limit: int = MAX_SUGGESTIONS, on: dt.date | None = None
) -> tuple[Suggestion, ...]:
    """People in the user's network this contact might want to meet, best first: those who
    could meet one of their stated needs, as Today suggests them (a few for each need),
    then those sharing their interests (see `_sharing`); each person once."""
    helpers: dict[int, introduction_ideas.IntroductionIdea] = {}
    for idea in introduction_ideas.ideas_for_needs_of(contact_id, on, HELPERS_PER_NEED):
        helpers.setdefault(idea.other_id, idea)  # one who meets two needs: listed for the first
    roles = _roles(list(helpers)[:limit])
    needs = [
        (other_id, Suggestion(idea.other_name, roles[other_id], idea.reason.removesuffix(".")))
        for other_id, idea in helpers.items()
        if other_id in roles  # unless deleted by another connection in between
    ]
    taken = {other_id for other_id, _suggestion in needs}
    sharing = [s for other_id, s in _sharing(contact_id, limit) if other_id not in taken]
    return tuple([s for _other_id, s in needs] + sharing)[:limit]


def _roles(contact_ids: list[int]) -> dict[int, str]:
    """ "Principal at Hartwell" (or "") of each of these contacts."""
    rows = Contact.select(Contact.id, Contact.position, Contact.company).where(
        Contact.id.in_(contact_ids)
    )
    return {row.id: _role(row.position, row.company) for row in rows}


def _role(position: str, company: str) -> str:
    return " at ".join(part for part in (position, company) if part)


def _sharing(contact_id: int, limit: int) -> list[tuple[int, Suggestion]]:
    """(id, suggestion) of unarchived contacts sharing at least one of this contact's
    (non-avoid) tags, not already introduced to them; most shared tags first (places count
    less), then stage further along, then name."""
    sql_args = {"me": contact_id, "limit": limit, "need": NEED_CATEGORY}
    rows = execute(_SUGGESTIONS_SQL, sql_args).fetchall()
    if not rows:
        return []
    shared: dict[int, list[tuple[str, str]]] = {row[0]: [] for row in rows}
    marks = ",".join("?" * len(rows))
    for other_id, name, category in execute(
        _SHARED_TAGS_SQL.format(marks=marks), [contact_id, NEED_CATEGORY, *shared]
    ):
        shared[other_id].append((name, category))
    return [
        (
            other_id,
            Suggestion(
                display_name(first, last), _role(position, company), _because(shared[other_id])
            ),
        )
        for other_id, first, last, position, company in rows
    ]


def _because(shared: list[tuple[str, str]]) -> str:
    """Why a suggestion, from (name, category) pairs in name order: interests first,
    then groups and places ("also into mass timber, cycling; also in SMPS, Cleveland")."""
    into = [name for name, category in shared if category not in _MEMBERSHIP_CATEGORIES]
    # A stable sort by "is a place" keeps name order within groups and within places.
    within = sorted(
        ((name, category) for name, category in shared if category in _MEMBERSHIP_CATEGORIES),
        key=lambda pair: pair[1] == "place",
    )
    parts = [f"also into {', '.join(into)}"] if into else []
    if within:
        parts.append(f"also in {', '.join(name for name, _category in within)}")
    return "; ".join(parts)


def introduced_to(contact_id: int) -> tuple[str, ...]:
    """Names of the people the user introduced this contact to (either side of the
    introduction), most recent first."""
    rows = (
        Introduction.select()
        .where((Introduction.contact_a == contact_id) | (Introduction.contact_b == contact_id))
        .order_by(Introduction.date.desc(), Introduction.id.desc())
    )
    other_ids = [r.contact_b_id if r.contact_a_id == contact_id else r.contact_a_id for r in rows]
    names = {
        c.id: display_name(c.first_name, c.last_name)
        for c in Contact.select(Contact.id, Contact.first_name, Contact.last_name).where(
            Contact.id.in_(other_ids)
        )
    }
    # dict.fromkeys: drop repeats (introduced twice) and keep the most recent first.
    return tuple(dict.fromkeys(names[i] for i in other_ids if i in names))


def question_facts(
    contact: ContactDetail,
    past: list[InteractionRecord],
    on: dt.date,
    last_contact: dt.date | None,
) -> set[str]:
    """Which question-bank conditions hold for this contact on `on`."""
    facts = {"always"}
    if not contact.story.strip():
        facts.add("no-story")
    if not any(not t.avoid for t in contact.tags):
        facts.add("no-interests")
    held = sum(1 for e in past if e.kind == ONE_TO_ONE)
    if held == 0:
        facts.add("first-meeting")
    if held >= SEVERAL_MEETINGS:
        facts.add("several-meetings")
    if any(e.kind == "position-change" and e.date >= on - SIX_MONTHS for e in past):
        facts.add("new-job")
    if last_contact is not None and last_contact < on - SIX_MONTHS:
        facts.add("long-silence")
    return facts


def _data_folder() -> Path | None:
    """The folder of the database in use, where the user's question bank lives."""
    name = db.database
    if not name or name == ":memory:" or str(name).startswith("file:"):
        return None
    return Path(name).resolve().parent


# What mail programs put before a subject answered or passed on, in several languages.
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|sv|vs|antw|r|tr|rif|enc)\s*:\s*)+", re.I)


def thread_subject(summary: str) -> str:
    """A subject without its "Re:" and "Fwd:": the same thread's mails say the same."""
    return _REPLY_PREFIX.sub("", summary)
