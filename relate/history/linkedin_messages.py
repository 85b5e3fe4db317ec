"""LinkedIn's messages.csv read into exchanges, in both shapes it has had.

Current (2020 on, columns added over the years): CONVERSATION ID, CONVERSATION TITLE,
FROM, SENDER PROFILE URL, TO, [RECIPIENT PROFILE URLS], DATE ("2023-04-22 08:18:59
UTC"), SUBJECT, CONTENT, FOLDER, [ATTACHMENTS, IS MESSAGE DRAFT, IS CONVERSATION DRAFT].
Older: From, To, Date ("10/16/18, 8:36 AM", no zone: such moments are left naive, as
the file does not say where they were), Subject, Content, Direction, Folder.

What LinkedIn sends itself, sponsored InMail, spam and drafts are read with a `skip`
saying so (see `_skip`), never dropped, so the preview can count them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

from relate.history.exchanges import Exchange, HistoryFileError, Medium, Party
from relate.history.linkedin_dates import UNDATED, parse_moment
from relate.history.linkedin_table import Table, read_table

# Skip reasons, in a user's words.
FROM_LINKEDIN = "from LinkedIn itself"
SPONSORED = "sponsored InMail"
UNNAMED_MEMBER = "from a member LinkedIn does not name"
SPAM = "in your spam folder"
DRAFT = "a draft, never sent"
NO_DATE = "no date"

# Members who closed or hid their profile show as this, with no profile URL.
_UNNAMED = "linkedin member"
# Campaign InMail is written in LinkedIn's "spinmail" editor, often with its merge field
# left unfilled; sponsored conversations are titled so (seen in real exports).
_CAMPAIGN_MARKS = ("spinmail-quill-editor", "%FIRSTNAME%")
_SPONSORED_TITLE = "sponsored conversation"
# A name's credentials that TO's ", " also splits off ("Jane Doe, Ph.D.", "Chen, PMP").
_CREDENTIAL = re.compile(
    r"(?:[A-Za-z]{1,4}\.){1,4}[A-Za-z]{0,4}|[A-Z]{2,6}|Ph[Dd]|M[Ss]c|B[Ss]c|Jr|Sr|I{2,3}|IV"
)


def read_messages(
    text: str, name: str = "messages.csv", *, keep_bodies: bool = False
) -> Iterator[Exchange]:
    """Each message of a messages.csv text as an Exchange (medium MESSAGE). `name` is
    the file's, for errors; `keep_bodies`: keep each message's text. HistoryFileError,
    at once, when the text is not LinkedIn's messages; later, as they are read, when it
    is cut short."""
    table = read_table(text, name)
    if "conversation id" in table.columns and "from" in table.columns:
        return _current(table, keep_bodies)
    if {"from", "to", "date", "direction"} <= table.columns.keys():
        return _older(table, keep_bodies)
    raise HistoryFileError(
        f"{name} is not LinkedIn's messages file: it has no CONVERSATION ID, FROM and TO columns."
    )


# The columns each shape is read by; both end with the facts `_skip` judges by.
_MARKS = ("conversation title", "folder", "is message draft", "is conversation draft")
_CURRENT = ("conversation id", "date", "from", "sender profile url", "to",
            "recipient profile urls", "subject", "content", *_MARKS)  # fmt: skip
_OLDER = ("from", "to", "date", "subject", "content", *_MARKS)


def _current(table: Table, keep_bodies: bool) -> Iterator[Exchange]:
    people = _People()
    skips: dict[tuple[object, ...], str] = {}
    seen: dict[str, int] = {}
    for line, cells in table.cells(_CURRENT):
        conversation, date, sender_name, sender_url, names, urls, subject, content = cells[:8]
        when = parse_moment(date)
        sender = people.sender(sender_name, sender_url)
        # Positional: the fields in Exchange's order (made for each of 100,000 rows).
        yield Exchange(
            Medium.MESSAGE,
            _unique(f"{conversation}/{date if when else f'line {line}'}", seen),
            conversation,
            when or UNDATED,
            sender,
            people.recipients(names, urls),
            subject,
            "",
            content if keep_bodies else "",
            _skip_of(cells[8:], content, sender, when is not None, skips),
        )


def _older(table: Table, keep_bodies: bool) -> Iterator[Exchange]:
    people = _People()
    skips: dict[tuple[object, ...], str] = {}
    seen: dict[str, int] = {}
    for _, cells in table.cells(_OLDER):
        sender_name, names, date, subject, content = cells[:5]
        when = parse_moment(date)
        # The file has no id: the same message hashes the same when read again.
        identity = "\x1f".join((sender_name, names, date, subject))
        sender = people.sender(sender_name, "")
        yield Exchange(
            medium=Medium.MESSAGE,
            key=_unique(hashlib.sha256(identity.encode()).hexdigest()[:24], seen),
            thread="|".join(sorted((sender_name, names))),
            when=when or UNDATED,
            sender=sender,
            recipients=people.recipients(names, ""),
            subject=subject,
            body=content if keep_bodies else "",
            skip=_skip_of(cells[5:], content, sender, when is not None, skips),
        )


class _People:
    """The parties of a file's rows, each FROM and TO read once: a conversation's rows
    name the same two or three people again and again (a file of 100,000 rows has a
    few thousand of them)."""

    def __init__(self) -> None:
        self._senders: dict[tuple[str, str], Party | None] = {}
        self._recipients: dict[tuple[str, str], tuple[Party, ...]] = {}

    def sender(self, name: str, profile_url: str) -> Party | None:
        named = (name, profile_url)
        if named not in self._senders:
            self._senders[named] = _party(name, profile_url)
        return self._senders[named]

    def recipients(self, names: str, urls: str) -> tuple[Party, ...]:
        listed = (names, urls)
        found = self._recipients.get(listed)
        if found is None:
            found = self._recipients[listed] = _recipients(names, urls)
        return found


def _unique(key: str, seen: dict[str, int]) -> str:
    """The key made unique among those `seen`: two messages of a conversation can share
    a second (the second is "…#2", the same each time the file is read)."""
    count = seen[key] = seen.get(key, 0) + 1
    return f"{key}#{count}" if count > 1 else key


def _skip_of(
    marks: tuple[str, ...],
    content: str,
    sender: Party | None,
    dated: bool,
    known: dict[tuple[object, ...], str],
) -> str:
    """`_skip`, remembered in `known` for a named member's rows, whose reason does not
    hang on the text (nearly all of them). `marks`: the row's cells of `_MARKS`."""
    if sender is None or not sender.profile_url:
        return _skip(marks, content, sender, dated)
    facts = (sender, dated, marks)
    reason = known.get(facts)
    if reason is None:
        reason = known[facts] = _skip(marks, content, sender, dated)
    return reason


def _skip(marks: tuple[str, ...], content: str, sender: Party | None, dated: bool) -> str:
    """Why a message is left out, "" when it counts."""
    title, folder, message_draft, conversation_draft = (mark.casefold() for mark in marks)
    if "yes" in (message_draft, conversation_draft):
        return DRAFT
    name = sender.name.casefold() if sender else ""
    anonymous = sender is None or not sender.profile_url
    if anonymous and (name == "linkedin" or (name.startswith("linkedin ") and name != _UNNAMED)):
        return FROM_LINKEDIN  # LinkedIn, LinkedIn Premium, LinkedIn Talent Solutions…
    if (
        title == _SPONSORED_TITLE
        or "sponsored" in folder
        or (anonymous and any(mark in content for mark in _CAMPAIGN_MARKS))
    ):
        return SPONSORED
    if anonymous and name == _UNNAMED:
        return UNNAMED_MEMBER
    if folder == "spam":
        return SPAM
    if not dated:
        return NO_DATE
    return ""


def _party(name: str, profile_url: str) -> Party | None:
    return Party(name=name, profile_url=profile_url) if name or profile_url else None


def _recipients(names: str, urls: str) -> tuple[Party, ...]:
    """The recipients TO and RECIPIENT PROFILE URLS name: URLs are comma-joined, names
    joined with ", " (which names may hold too), so names are paired with URLs only
    when they count the same; a member LinkedIn does not name is nobody to match."""
    links = [url.strip() for url in urls.split(",") if url.strip()]
    people = _names(names)
    if len(links) == 1:
        return (Party(name=names.strip(), profile_url=links[0]),)
    if links and len(links) != len(people):
        return tuple(Party(profile_url=link) for link in links)
    if not links:
        links = [""] * len(people)
    return tuple(
        Party(name=person, profile_url=link)
        for person, link in zip(people, links, strict=True)
        if link or person.casefold() != _UNNAMED
    )


def _names(text: str) -> list[str]:
    names: list[str] = []
    for piece in (piece.strip() for piece in text.split(",")):
        if not piece:
            continue
        if names and _CREDENTIAL.fullmatch(piece):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names
