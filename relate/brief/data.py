"""What a one-page 1-2-1 brief says, as frozen plain data: filled by a core query
(`relate.brief.query.brief_data`), printed by `relate.brief` (which needs nothing else).

Every list is in the order it prints; the printer trims, never the query (so the
brief can say "… and N more").
"""

from __future__ import annotations

import dataclasses
import datetime as dt


@dataclasses.dataclass(frozen=True, slots=True)
class Meeting:
    """The 1-2-1 the brief is for, when one is planned."""

    date: dt.date
    time: dt.time | None = None
    place: str = ""
    agenda: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Entry:
    """One timeline entry: "12 Mar 2026 · 1-2-1 · Coffee at Phoenix"."""

    date: dt.date
    kind: str  # "1-2-1", "call", "gave: introduction", …
    summary: str
    notes: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Loop:
    """An open follow-up or promise; `theirs` when they owe it to us."""

    text: str
    due: dt.date | None
    overdue: bool
    theirs: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Suggestion:
    """Someone in the user's network this person might want to meet, and why."""

    name: str
    role: str  # "Principal at Hartwell", or ""
    because: str  # "also into mass timber, cycling"


@dataclasses.dataclass(frozen=True, slots=True)
class BriefData:
    """Everything one brief prints, for one contact on one date."""

    # Header
    contact_id: int
    name: str
    position: str
    company: str
    stage: str
    on: dt.date  # the day the brief is for (the meeting's, or today)
    meeting: Meeting | None
    how_met: str  # "SMPS breakfast"
    met_through: str  # a name, or ""
    connected_on: dt.date | None
    last_contact: dt.date | None
    last_contact_words: str  # "3 months ago", "never"
    location: str
    # Common ground
    shared_interests: tuple[str, ...]  # theirs that are also the user's: first, prominent
    other_interests: tuple[str, ...]  # theirs the user does not share
    avoid: tuple[str, ...]  # topics marked avoid
    # Their story (whole; the printer keeps the most recent part when it must trim)
    story: str
    # Last conversations, newest first (the query returns at most a few dozen)
    entries: tuple[Entry, ...]
    total_entries: int
    # Open loops, overdue first then by due date
    loops: tuple[Loop, ...]
    # Give first
    suggestions: tuple[Suggestion, ...]
    given: int  # gave: introduction / referral / information / advice / help, counted
    received: int
    given_by_kind: tuple[tuple[str, int], ...]  # ("introduction", 2), …
    received_by_kind: tuple[tuple[str, int], ...]
    introduced_to: tuple[str, ...]  # people we already introduced them to
    # Questions to ask, chosen from the question bank by what we do not know yet
    questions: tuple[str, ...]
    # Beside the name: the registry's fields shown there, joined ("she/her")
    name_note: str = ""
