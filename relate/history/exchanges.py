"""What every history reader yields: one exchange seen in a file, with who took part.

A reader (mail archive, calendar file, LinkedIn messages) knows the file, not the user:
it says who sent and who received, and the history planner decides, from the user's own
addresses, which of them are contacts, which way it went and what kind of entry it makes.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from relate.importers import ImportFileError


class Medium:
    """How an exchange happened (which decides the kind of its timeline entry)."""

    EMAIL = "email"  # a mail: an "email" entry
    MESSAGE = "message"  # a LinkedIn message: a "message" entry
    MEETING = "meeting"  # a calendar event: "1-2-1" with one other person, else "met"


# Named tuples, not frozen dataclasses: as immutable and hashable, and made several
# times faster, which shows when a reader makes one per message of a 200,000-mail file.
class Party(NamedTuple):
    """Someone named in an exchange; any of the three may be empty.

    email: lower-cased address. profile_url: a LinkedIn profile URL as the file gave it.
    declined: this attendee declined the event (calendar only).
    """

    email: str = ""
    name: str = ""
    profile_url: str = ""
    declined: bool = False


class Exchange(NamedTuple):
    """One mail, message or event read from a file.

    medium: a `Medium` value.
    key: the file's own id of this one exchange (Message-ID; event UID with its
        occurrence; conversation id with the message's moment): re-reading a file gives
        the same keys.
    thread: what groups exchanges into one conversation (the thread's first Message-ID,
        the conversation id, the event UID): one timeline entry per thread per day.
    when: the moment, time-zone aware where the file said which zone.
    sender: who sent it (the organiser of an event); None when the file does not say.
    recipients: who received it (To and Cc; an event's attendees).
    subject: the mail's subject, the event's title ("" when none).
    place: where an event was ("" for the others).
    body: the text, read only when the user chose to keep it ("" otherwise).
    skip: why the planner must leave it out, in a user's words ("a mailing list",
        "cancelled"), "" when it counts. Readers say it rather than drop the exchange,
        so the preview can count what was skipped and why.
    """

    medium: str
    key: str
    thread: str
    when: dt.datetime
    sender: Party | None
    recipients: tuple[Party, ...] = ()
    subject: str = ""
    place: str = ""
    body: str = ""
    skip: str = ""


class HistoryFileError(ImportFileError):
    """The file cannot be read as the kind of history asked for (a sentence for the user).

    Raised before anything is written: a file of another kind is refused, never half-read.
    The CLI and the window show it as they show any import's refusal.
    """
