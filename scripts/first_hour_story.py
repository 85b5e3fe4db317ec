"""The first hour's story: whom Jordan Pike is in touch with, when, and by which means
(a LinkedIn message, a mail thread or a meeting), which the three files then tell.

Imported by first_hour.py, which puts bench/ on the path first.
"""

from __future__ import annotations

import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, replace

from connections import Connection, slug

ME = "Jordan Pike"
MY_MAIL = "jordan@pike.example"
MY_URL = "https://www.linkedin.com/in/jordan-pike"
ZONE = zoneinfo.ZoneInfo("Europe/London")
MBOX = "All mail Including Spam and Trash.mbox"
FRIENDS = {"warm": 45, "cooling": 45, "old": 60}  # the ~150 written to
MET, MAILED = 40, 60  # of them, met in meetings / written to by mail
MAILS = 3000
TOPICS = (
    "the BIM rollout",
    "your talk at the meetup",
    "the Leeds tender",
    "hiring a site lead",
    "the retrofit guide",
    "coffee next week",
    "the energy audit",
    "an introduction",
    "the partnership idea",
    "your new role",
    "the conference panel",
    "the case study",
)
LINES = (
    "Great to hear from you!",
    "Thanks, that helps a lot.",
    "Would Thursday work?",
    "Sending the deck over now.",
    "Let me check and come back to you.",
    "Happy to help.",
    "Congrats on the new role!",
    "Shall we grab a coffee?",
    "Loved your post on this.",
)
LISTS = (
    ("Architects' Weekly", "weekly.architects-journal.example"),
    ("RIBA Journal", "news.riba.example"),
    ("Built Environment Digest", "digest.builtenv.example"),
    ("Python Weekly", "pythonweekly.example"),
)
NOTICES = (
    ("Google Calendar", "calendar-notification@google.example"),
    ("GitHub", "noreply@github.example"),
    ("Trainline", "no-reply@trainline.example"),
    ("Zoom", "no-reply@zoom.example"),
    ("LinkedIn", "messages-noreply@linkedin.example"),
)
STRANGERS = ("Sam Ortiz", "Rhea Banerjee", "Tom Keller", "Aiko Mori", "Dara Quinn", "Lena Vogt")


@dataclass(frozen=True, slots=True)
class Friend:
    """A connection the user is in touch with: when, and by which means."""

    who: Connection
    kind: str  # warm, cooling, old
    moments: tuple[dt.datetime, ...]  # oldest first, UTC
    channels: tuple[str, ...]  # "linkedin", "mail", "meeting"

    @property
    def name(self) -> str:
        return f"{self.who.first_name} {self.who.last_name}"

    def channel(self, rng: random.Random) -> str:
        """LinkedIn the likeliest, then mail; a meeting one time in six at most."""
        weights = {"linkedin": 3, "mail": 2, "meeting": 1}
        return rng.choices(self.channels, [weights[c] for c in self.channels])[0]


def moment(day: dt.date, rng: random.Random) -> dt.datetime:
    local = dt.datetime(
        day.year, day.month, day.day, rng.randrange(9, 18), rng.choice((0, 15, 30, 45)), tzinfo=ZONE
    )
    return local.astimezone(dt.UTC)


def _days(rng: random.Random, start: dt.date, end: dt.date, count: int) -> list[dt.date]:
    span = max(1, (end - start).days)
    return [start + dt.timedelta(days=rng.randrange(span + 1)) for _ in range(count)]


def _moments(kind: str, since: dt.date, today: dt.date, rng: random.Random) -> list[dt.datetime]:
    """When a friend of this kind was in touch, from `since` on: warm ones lately,
    cooling ones until 3 to 10 months ago (on several days of their last year), old
    ones only more than 13 months ago."""
    year_ago = today - dt.timedelta(days=365)
    if kind == "old":
        days = _days(rng, since, today - dt.timedelta(days=400), rng.randint(1, 4))
    else:
        last = today - dt.timedelta(
            days=rng.randint(1, 60) if kind == "warm" else rng.randint(100, 300)
        )
        busy = rng.randint(4, 14)  # days in touch in the last year: a suggestion
        recent = _days(rng, max(since, year_ago), last, busy)
        days = [*_days(rng, since, last, rng.randint(3, 15)), *recent, last]
    # In the order of the days: a set of dates iterates in an order that changes per run.
    return [moment(day, rng) for day in sorted(set(days))]


def _address(who: Connection, index: int, taken: set[str]) -> str:
    """An e-mail address at their company (or a free mail), unique."""
    local = ".".join(p for p in (slug(who.first_name), slug(who.last_name)) if p) or "member"
    domain = slug(who.company).replace("-", "")[:20] or "mail"
    address = f"{local}@{domain}.example"
    return address if address.lower() not in taken else f"{local}{index}@{domain}.example"


def friends(found: list[Connection], today: dt.date, rng: random.Random) -> list[Friend]:
    """The ~150 connections in touch, e-mail addresses given to those met or mailed."""
    since = today - dt.timedelta(days=3 * 365)
    able = [c for c in found if not c.left and c.connected_on <= today - dt.timedelta(days=420)]
    chosen = rng.sample(able, sum(FRIENDS.values()))
    kinds = [kind for kind, count in FRIENDS.items() for _ in range(count)]
    met = set(rng.sample(range(FRIENDS["warm"] + FRIENDS["cooling"]), MET))
    mailed = set(rng.sample(range(len(chosen)), MAILED))
    taken = {c.email.lower() for c in found if c.email}
    out = []
    for index, (who, kind) in enumerate(zip(chosen, kinds, strict=True)):
        channels = ("linkedin",) + ("meeting",) * (index in met) + ("mail",) * (index in mailed)
        if len(channels) > 1 and not who.email:
            who = replace(who, email=_address(who, index, taken))
            taken.add(who.email.lower())
        start = max(since, who.connected_on + dt.timedelta(days=7))
        out.append(Friend(who, kind, tuple(_moments(kind, start, today, rng)), channels))
    return out


def with_addresses(found: list[Connection], close: list[Friend]) -> list[Connection]:
    given = {friend.who.url: friend.who for friend in close}
    return [given.get(c.url, c) for c in found]


Plan = dict[str, list[tuple[Friend, dt.datetime]]]  # each moment in touch, by channel


def plan_moments(close: list[Friend], rng: random.Random) -> Plan:
    """Each moment in touch, by the channel it went through."""
    plan: dict[str, list[tuple[Friend, dt.datetime]]] = {"linkedin": [], "mail": [], "meeting": []}
    for friend in close:
        for when in friend.moments:
            plan[friend.channel(rng)].append((friend, when))
    return plan
