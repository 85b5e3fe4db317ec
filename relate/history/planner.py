"""From the exchanges a reader found to the timeline entries an import would add.

Nothing is written here: the plan says what the import would do (the preview shows it),
`writing.apply_history` writes it. One entry per contact per thread per day; an entry
already in the timeline (an earlier import of the same or an older file) is counted, not
planned again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

from relate.history.exchanges import Exchange, Medium, Party
from relate.history.my_addresses import my_addresses
from relate.history.people import Contacts, Me, identity, most_frequent, name_key
from relate.humanize import counted
from relate.store.db import execute

_KINDS = {Medium.EMAIL: "email", Medium.MESSAGE: "message"}
_TOP = 10  # contacts and strangers the preview names
_NAME_ONLY = "name:"  # the key of someone not in the contacts known by name alone
_ASSUME_FROM = 5000  # exchanges the user is told from, when no address of theirs is known


class HistoryEntry(NamedTuple):
    """One timeline entry the import would add (a named tuple: a mail archive makes
    hundreds of thousands)."""

    contact_id: int
    kind: str
    date: dt.date
    time: dt.time | None
    direction: str | None  # "sent", "received", None
    summary: str
    notes: str
    source_key: str
    by_name: bool  # the contact was found by their name only


@dataclasses.dataclass(frozen=True, slots=True)
class PlannedMeeting:
    """A future 1-2-1 with a contact, found in a calendar: offered, not added."""

    contact_id: int
    name: str
    when: dt.datetime
    title: str
    place: str


@dataclasses.dataclass(slots=True)
class HistoryPlan:
    """What importing a file of history would do."""

    source: str  # "mail", "calendar", "LinkedIn messages"
    file_name: str
    entries: list[HistoryEntry]
    names: dict[int, str]  # the contacts' names, for the preview
    read: int = 0  # exchanges read from the file
    known: int = 0  # entries already in the timeline
    skipped: Counter[str] = dataclasses.field(default_factory=Counter)  # reason: exchanges
    # People not among the contacts, by their address (or profile, or name alone), with
    # how many exchanges they had, and their names.
    strangers: Counter[str] = dataclasses.field(default_factory=Counter)
    stranger_names: dict[str, str] = dataclasses.field(default_factory=dict)
    planned: list[PlannedMeeting] = dataclasses.field(default_factory=list)
    assumed_me: str = ""  # the address taken to be the user's when none was known
    # What each (medium, thread, day, people) counted, by its hash: the planner's memory
    # while it reads.
    seen_days: dict[int, _Counted] = dataclasses.field(default_factory=dict, repr=False)

    def changes_anything(self) -> bool:
        """Whether importing it would add anything (the same file again adds nothing)."""
        return bool(self.entries)

    def per_contact(self) -> Counter[int]:
        """How many entries each contact would get."""
        return Counter(entry.contact_id for entry in self.entries)

    def top_contacts(self, limit: int = _TOP) -> list[tuple[str, int]]:
        """The contacts with most entries: (name, entries)."""
        return [(self.names[cid], n) for cid, n in self.per_contact().most_common(limit)]

    def by_name(self) -> list[str]:
        """The contacts found by their name only, to check."""
        ids = dict.fromkeys(entry.contact_id for entry in self.entries if entry.by_name)
        return sorted(self.names[cid] for cid in ids)

    def summary(self) -> str:
        """The plan in one sentence: "412 timeline entries for 57 contacts, …"."""
        words = [
            f"{counted(len(self.entries), 'timeline entry', 'timeline entries')} for "
            f"{counted(len(self.per_contact()), 'contact')}"
        ]
        if self.known:
            words.append(f"{self.known:,} already in the timeline")
        if self.strangers:
            words.append(
                f"{counted(sum(self.strangers.values()), 'exchange')} with "
                f"{counted(len(self.strangers), 'person', 'people')} not in your contacts"
            )
        if self.skipped:
            words.append(f"{sum(self.skipped.values()):,} skipped")
        return ", ".join(words)

    def not_found(self, limit: int | None = None) -> list[tuple[str, str, int]]:
        """The people not in the contacts, most exchanges first: (name, address or
        profile, or "" when only a name is known, exchanges)."""
        return [
            (self.stranger_names.get(key, ""), "" if key.startswith(_NAME_ONLY) else key, n)
            for key, n in self.strangers.most_common(limit)
        ]

    def count_stranger(self, party: Party, counter: Counter[str]) -> None:
        """Count an exchange with someone not among the contacts (in `counter`)."""
        key = party.email or party.profile_url or _NAME_ONLY + party.name
        counter[key] += 1
        if party.name and not self.stranger_names.get(key):
            self.stranger_names[key] = party.name

    def correspondents(self, least: int = 2) -> list[tuple[str, str]]:
        """The people not in the contacts the file shows at least `least` exchanges with,
        who have an address or profile to know them by, most first: whom to offer to add."""
        return [(name, key) for name, key, n in self.not_found() if n >= least and key]

    def skipped_lines(self) -> list[str]:
        """Why exchanges were left out: "1,204 a mailing list"."""
        return [f"{n:,} {reason}" for reason, n in self.skipped.most_common()]


def me_now() -> Me:
    """The user as the database knows them: their own addresses."""
    return Me(emails=set(my_addresses()))


def plan_history(
    exchanges: Iterable[Exchange],
    source: str,
    file_name: str,
    me: Me | None = None,
    now: dt.datetime | None = None,
    cancelled: Callable[[], bool] | None = None,
    contacts: Contacts | None = None,
    into: HistoryPlan | None = None,
) -> HistoryPlan:
    """What importing these exchanges would add (nothing is written).

    `me`: the user (default: their addresses in the database). When it names nobody,
    the party in most threads is taken for the user (`assumed_me` says who).
    `now`: events after it are offered as planned 1-2-1s, not logged.
    `contacts`: whom to match (default: the database's contacts); `into`: a plan to add
    to (a LinkedIn archive's, which holds more).
    """
    me = me_now() if me is None else me
    now = now or dt.datetime.now(dt.UTC)
    contacts = contacts or Contacts()
    plan = into or HistoryPlan(source, file_name, [], contacts.names)
    plan.names = contacts.names
    kept = _counted_and_kept(exchanges, plan, cancelled)
    if not me:
        # Who the user is, from the first exchanges only: the file is streamed, never
        # held whole, and the owner of an archive is in most of its threads from the start.
        first = list(itertools.islice(kept, _ASSUME_FROM))
        _assume_me(first, me, plan)
        kept = itertools.chain(first, kept)
    # The entries by `entry_key`; None for those the timeline has already (the same file
    # again has hundreds of thousands, which are not made only to be counted).
    grouped: dict[int, HistoryEntry | None] = {}
    known = known_keys()
    planning = _Planning(
        me, now, contacts, plan, grouped, known, _Counted(Counter(), Counter()), {}
    )
    for exchange in kept:
        _plan_one(exchange, planning)
    plan.seen_days.clear()
    add_new(plan, grouped.values(), known)
    return plan


def add_new(
    plan: HistoryPlan, entries: Iterable[HistoryEntry | None], known: set[int] | None = None
) -> None:
    """Give the plan those of `entries` the timeline lacks (`known`: `known_keys()`, read
    here unless given); count the others, and each None, as known."""
    known = known_keys() if known is None else known
    for entry in entries:
        if entry is None or entry_key(entry) in known:
            plan.known += 1
        else:
            plan.entries.append(entry)
    plan.entries.sort(key=minute_of)


def _counted_and_kept(
    exchanges: Iterable[Exchange], plan: HistoryPlan, cancelled: Callable[[], bool] | None
) -> Iterator[Exchange]:
    """The exchanges that count; the others counted by reason. Bodies are let go here
    when not asked for: the reader only reads them when they are."""
    for n, exchange in enumerate(exchanges):
        if cancelled is not None and n % 2000 == 0 and cancelled():
            from relate.importers.batches import ImportCancelledError

            raise ImportCancelledError("The import was cancelled; nothing of it was kept.")
        plan.read += 1
        if exchange.skip:
            plan.skipped[exchange.skip] += 1
        else:
            yield exchange


def _assume_me(exchanges: list[Exchange], me: Me, plan: HistoryPlan) -> None:
    threads: dict[str, set[tuple[str, str]]] = {}
    for exchange in exchanges:
        people = threads.setdefault(exchange.thread, set())
        if exchange.sender is not None:
            people.add(identity(exchange.sender))
        people.update(identity(party) for party in exchange.recipients)
    found = most_frequent((who for people in threads.values() for who in people), len(threads))
    if found is None:
        return
    kind, value = found
    {"email": me.emails, "profile": me.profiles, "name": me.names}[kind].add(
        value if kind != "name" else name_key(value)
    )
    plan.assumed_me = value


def known_keys() -> set[int]:
    """The entries imported from files already, each as the hash of its contact and key
    (`entry_key`): a re-import of half a million entries holds numbers, not their text."""
    # Each row is the tuple (contact_id, source_key) itself: hashed as it comes, with no
    # Python loop (half a second for half a million).
    rows = execute("SELECT contact_id, source_key FROM interaction WHERE source_key IS NOT NULL")
    return set(map(hash, rows))


def minute_of(entry: HistoryEntry) -> int:
    """The entry's moment as one number, minutes since year 1: to sort half a million
    of them by a number each, not a tuple."""
    time = entry.time or dt.time.min
    return entry.date.toordinal() * 1440 + time.hour * 60 + time.minute


def entry_key(entry: HistoryEntry) -> int:
    """The entry as `known_keys` holds them (two 64-bit hashes meet once in 10^19)."""
    return hash((entry.contact_id, entry.source_key))


def _local(when: dt.datetime) -> dt.datetime:
    """The moment on the user's clock (a naive time is taken as theirs already); aware
    of its offset when `when` was: its date and time are the clock's either way."""
    return when.astimezone() if when.tzinfo else when


def _naive(local: dt.datetime) -> dt.datetime:
    return local.replace(tzinfo=None)


class _Counted(NamedTuple):
    """What one conversation's day among the same people counted."""

    skipped: Counter[str]
    strangers: Counter[str]


_NOTHING = _Counted(Counter(), Counter())


class _Cast(NamedTuple):
    """Who an exchange was among, worked out once for each (medium, sender, recipients):
    a conversation's messages name the same people again and again."""

    people: int  # the set of parties, by its hash (the set would keep every Party alive)
    skip: str  # why the exchange makes no entry ("with no one else"), or ""
    kind: str
    direction: str | None  # "sent", "received", None
    found: tuple[tuple[int, bool], ...]  # the contacts among the others: (id, by name)
    strangers: tuple[Party, ...]  # the others, who are not among the contacts


_CastKey = tuple[str, Party | None, tuple[Party, ...]]
# Casts remembered: a conversation's messages, an event's occurrences come together, and
# a mail archive's 200,000 mails have as many casts as threads.
_CASTS_KEPT = 10_000


class _Planning(NamedTuple):
    """What planning each exchange reads and adds to."""

    me: Me
    now: dt.datetime
    contacts: Contacts
    plan: HistoryPlan
    grouped: dict[int, HistoryEntry | None]
    known: set[int]
    counted: _Counted  # what the day being planned counts, emptied after each
    casts: dict[_CastKey, _Cast]


def _plan_one(exchange: Exchange, planning: _Planning) -> None:
    plan = planning.plan
    cast = _cast(exchange, planning)
    local = _local(exchange.when)
    day = local.date()
    # The next message of a conversation on the same day among the same people: its
    # entries are planned already; only what it counts is counted again.
    # (By the hash of what makes it one, as `grouped` keys its pairs: a mail archive has
    # hundreds of thousands of such days.)
    day_seen = hash((exchange.medium, exchange.thread, day, cast.people))
    seen = plan.seen_days.get(day_seen)
    if seen is not None:
        if seen.skipped:
            plan.skipped.update(seen.skipped)
        if seen.strangers:
            plan.strangers.update(seen.strangers)
        return
    counted = planning.counted
    _plan_new_day(exchange, cast, local, day, planning)
    if not any(counted):  # Most days count nothing: they share one empty record.
        plan.seen_days[day_seen] = _NOTHING
        return
    seen = _Counted(counted.skipped.copy(), counted.strangers.copy())
    counted.skipped.clear()
    counted.strangers.clear()
    plan.seen_days[day_seen] = seen
    if seen.skipped:
        plan.skipped.update(seen.skipped)
    if seen.strangers:
        plan.strangers.update(seen.strangers)


def _cast(exchange: Exchange, planning: _Planning) -> _Cast:
    """The exchange's cast, remembered."""
    key = (exchange.medium, exchange.sender, exchange.recipients)
    cast = planning.casts.get(key)
    if cast is None:
        if len(planning.casts) >= _CASTS_KEPT:
            planning.casts.clear()
        cast = planning.casts[key] = _cast_of(exchange, planning.me, planning.contacts)
    return cast


def _cast_of(exchange: Exchange, me: Me, contacts: Contacts) -> _Cast:
    parties = ([exchange.sender] if exchange.sender else []) + list(exchange.recipients)
    people = hash(frozenset(parties))
    is_me = [me.is_me(party) for party in parties]
    if any(is_me) and any(p.declined for p, mine in zip(parties, is_me, strict=True) if mine):
        return _Cast(people, "declined by you", "", None, (), ())
    others = list(
        {identity(p): p for p, mine in zip(parties, is_me, strict=True) if not mine}.values()
    )
    if not others:
        return _Cast(people, "with no one else", "", None, (), ())
    direction = None
    if exchange.sender is not None:  # (the first of the parties)
        direction = "sent" if is_me[0] else "received"
    if exchange.medium == Medium.MEETING:
        kind = "1-2-1" if len(others) == 1 else "met"
        direction = None
    else:
        kind = _KINDS[exchange.medium]
    found: list[tuple[int, bool]] = []
    strangers: list[Party] = []
    for party in others:
        contact_id, by_name = contacts.find(party)
        if contact_id is None:
            strangers.append(party)
        else:
            found.append((contact_id, by_name))
    return _Cast(people, "", kind, direction, tuple(found), tuple(strangers))


def _plan_new_day(
    exchange: Exchange, cast: _Cast, local: dt.datetime, day: dt.date, planning: _Planning
) -> None:
    _, now, contacts, plan, grouped, known, counted, _ = planning
    if cast.skip:
        counted.skipped[cast.skip] += 1
        return
    for party in cast.strangers:
        plan.count_stranger(party, counted.strangers)
    if exchange.when > now if exchange.when.tzinfo else local > _naive(_local(now)):
        if cast.kind == "1-2-1":
            for contact_id, _ in cast.found:
                plan.planned.append(
                    PlannedMeeting(
                        contact_id,
                        contacts.names[contact_id],
                        _naive(local),
                        exchange.subject,
                        exchange.place,
                    )
                )
        counted.skipped["still to come"] += 1
        return
    day_key = f"{exchange.medium}:{exchange.thread}@{day.isoformat()}"
    # One time and summary for all the entries of the exchange (a mail to five contacts
    # is five entries, and a large archive holds half a million), made only when one is
    # new: the same file again makes none.
    # By the hash of each pair (its `entry_key`), as `known_keys`: the pairs themselves
    # would cost as much as the entries.
    pairs = [hash((contact_id, day_key)) for contact_id, _ in cast.found]
    if known.issuperset(pairs):
        # The same file again: all are known, counted once each (a known pair can only
        # have None in `grouped`), and none is looked up twice.
        grouped.update(dict.fromkeys(pairs))
        return
    shared: tuple[dt.time, str] | None = None
    for pair, (contact_id, by_name) in zip(pairs, cast.found, strict=True):
        if pair in grouped:
            continue
        if pair in known:
            grouped[pair] = None
            continue
        if shared is None:
            shared = local.time().replace(second=0, microsecond=0), _summary(exchange)
        time, summary = shared
        grouped[pair] = HistoryEntry(
            contact_id,
            cast.kind,
            day,
            time,
            cast.direction,
            summary,
            exchange.body,
            day_key,
            by_name,
        )


def _summary(exchange: Exchange) -> str:
    text = " ".join(exchange.subject.split())
    if exchange.place:
        text = f"{text} ({' '.join(exchange.place.split())})" if text else exchange.place
    return text[:300]
