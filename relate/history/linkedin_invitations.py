"""LinkedIn's Invitations.csv: the invitations to connect you sent and received, and
how each tells where you met ("You invited them on 16 Oct 2023").

Columns: From, To, Sent At ("10/16/23, 8:36 AM", no zone: left naive), Message,
Direction (INCOMING or OUTGOING); since late 2023 also inviterProfileUrl and
inviteeProfileUrl.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from relate.dates import day_text
from relate.history.exchanges import HistoryFileError, Party
from relate.history.linkedin_dates import parse_moment
from relate.history.linkedin_table import Table, read_table

SENT = "sent"
RECEIVED = "received"
_DIRECTIONS = {"outgoing": SENT, "incoming": RECEIVED}


@dataclass(frozen=True, slots=True)
class Invitation:
    """One invitation: when (None when the file gives no readable moment), `direction`
    SENT (you invited them) or RECEIVED, the other person, and its note ("" if none)."""

    when: dt.datetime | None
    direction: str
    other: Party
    message: str = ""


def read_invitations(text: str, name: str = "Invitations.csv") -> Iterator[Invitation]:
    """Each invitation of an Invitations.csv text; rows with no direction or nobody
    named are left out. HistoryFileError, at once, when the text is not LinkedIn's
    invitations; later, as they are read, when it is cut short."""
    table = read_table(text, name)
    if not {"from", "to", "direction"} <= table.columns.keys():
        raise HistoryFileError(
            f"{name} is not LinkedIn's invitations file: it has no From, To and Direction columns."
        )
    return _invitations(table)


def _invitations(table: Table) -> Iterator[Invitation]:
    for row in table.rows():
        direction = _DIRECTIONS.get(row["direction"].casefold())
        if direction == SENT:
            other = Party(name=row["to"], profile_url=row["invitee profile url"])
        elif direction == RECEIVED:
            other = Party(name=row["from"], profile_url=row["inviter profile url"])
        else:
            continue
        if other.name or other.profile_url:
            yield Invitation(parse_moment(row["sent at"]), direction, other, row["message"])


def my_profile_url(text: str, name: str = "Invitations.csv") -> str:
    """Your own profile URL as an Invitations.csv text gives it (the inviter of those
    you sent, the invitee of those you received; Profile.csv has none), or "" when it
    does not (files before late 2023)."""
    for row in read_table(text, name).rows():
        direction = _DIRECTIONS.get(row["direction"].casefold())
        mine = {SENT: row["inviter profile url"], RECEIVED: row["invitee profile url"]}
        if direction is not None and mine[direction]:
            return mine[direction]
    return ""


def how_met_text(invitation: Invitation) -> str:
    """How you met, in a sentence: "You invited them on 16 Oct 2023, writing: …",
    "They invited you on 16 Oct 2023"."""
    text = "You invited them" if invitation.direction == SENT else "They invited you"
    if invitation.when is not None:
        text += f" on {day_text(invitation.when.date())}"
    message = " ".join(invitation.message.split())
    return f"{text}, writing: {message}" if message else text
