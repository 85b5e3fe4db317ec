"""A new user's first hour: one made-up user's LinkedIn archive, calendar export and
mail archive, consistent with each other, to import as a new user would.

    python scripts/first_hour.py --out /tmp/hour [--today 2026-12-03] [--seed 7]
                                 [--connections 2000]

Writes in --out, for Jordan Pike (jordan@pike.example):
- Basic_LinkedInDataExport_MM-DD-YYYY.zip (dated the day before --today): Connections.csv
  (bench/connections.py's, with an e-mail address for everyone met or written to by
  mail), messages.csv, Invitations.csv, Profile.csv, Skills.csv, Positions.csv and
  Email Addresses.csv;
- jordan@pike.example.ics, as Google Calendar exports it (VTIMEZONE Europe/London):
  1-2-1s and group meetings with about 40 of the connections, a weekly meeting, a few
  declined or cancelled, and three 1-2-1s in the next two weeks;
- All mail Including Spam and Trash.mbox, as Gmail's Takeout writes it: about 3,000
  mails, threads with about 60 connections, newsletters, no-reply notices, strangers.

The user is in touch with about 150 connections: some warm (lately), some who stopped
3 to 10 months ago (due or going cold once moved to "conversation", whose rhythm is 90
days), the rest only years ago. Each moment in touch is a LinkedIn message, a mail
thread or a meeting, so the three files tell one story. The same --seed and --today
give the same files.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import email.utils
import io
import random
import sys
import zipfile
import zlib
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):  # run from a checkout, beside the bench generators
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from calendar_files import folded  # noqa: E402
from connections import Connection, connections, export_text, slug  # noqa: E402
from history_import import HEADER as MESSAGES_HEADER  # noqa: E402
from history_import import message_row  # noqa: E402
from mail_archive import takeout_mail  # noqa: E402

from relate.exporters.calendar_zones import vtimezone  # noqa: E402

ME = "Jordan Pike"
MY_MAIL = "jordan@pike.example"
MY_URL = "https://www.linkedin.com/in/jordan-pike"
ZONE = zoneinfo.ZoneInfo("Europe/London")
MBOX = "All mail Including Spam and Trash.mbox"
FRIENDS = {"warm": 45, "cooling": 45, "old": 60}  # the ~150 written to
MET, MAILED = 40, 60  # of them, met in meetings / written to by mail
MAILS = 3000
_TOPICS = (
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
_LINES = (
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
_LISTS = (
    ("Architects' Weekly", "weekly.architects-journal.example"),
    ("RIBA Journal", "news.riba.example"),
    ("Built Environment Digest", "digest.builtenv.example"),
    ("Python Weekly", "pythonweekly.example"),
)
_NOTICES = (
    ("Google Calendar", "calendar-notification@google.example"),
    ("GitHub", "noreply@github.example"),
    ("Trainline", "no-reply@trainline.example"),
    ("Zoom", "no-reply@zoom.example"),
    ("LinkedIn", "messages-noreply@linkedin.example"),
)
_STRANGERS = ("Sam Ortiz", "Rhea Banerjee", "Tom Keller", "Aiko Mori", "Dara Quinn", "Lena Vogt")


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


def _moment(day: dt.date, rng: random.Random) -> dt.datetime:
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
    return sorted(_moment(day, rng) for day in set(days))


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


def _with_addresses(found: list[Connection], close: list[Friend]) -> list[Connection]:
    given = {friend.who.url: friend.who for friend in close}
    return [given.get(c.url, c) for c in found]


# --- LinkedIn ---------------------------------------------------------------------


def _csv(rows: Iterator[list[str]] | list[list[str]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def messages_csv(
    close: list[Friend], plan: dict[str, list[tuple[Friend, dt.datetime]]], rng: random.Random
) -> str:
    """messages.csv: one conversation per friend, a few messages each moment, both ways;
    LinkedIn's own, sponsored and recruiters' messages besides."""
    me = (ME, MY_URL)
    rows: list[tuple[dt.datetime, list[str]]] = []
    for friend, when in plan["linkedin"]:
        conversation = f"2-{zlib.crc32(friend.who.url.encode()):08x}"
        them = (friend.name, friend.who.url)
        mine = rng.random() < 0.5
        for _ in range(rng.randint(1, 4)):
            when += dt.timedelta(minutes=rng.choice((2, 15, 90, 600)))
            line = rng.choice(_LINES)
            row = message_row(
                conversation, me if mine else them, [them if mine else me], when, line
            )
            rows.append((when, row))
            mine = not mine
    today = max(when for when, _ in rows)
    for n in range(40):  # LinkedIn's own, sponsored InMail, recruiters not connected
        when = today - dt.timedelta(days=rng.randrange(900), hours=rng.randrange(24))
        if n % 3 == 0:
            row = message_row(
                f"2-own{n}",
                ("LinkedIn Premium", ""),
                [me],
                when,
                "Try Premium free for a month",
                subject="Your network grew",
            )
        elif n % 3 == 1:
            row = message_row(
                f"2-ad{n}",
                ("Ada Recruiter", ""),
                [me],
                when,
                "Hello",
                title="Sponsored Conversation",
            )
        else:
            stranger = (rng.choice(_STRANGERS), f"https://www.linkedin.com/in/recruiter-{n}")
            row = message_row(
                f"2-rec{n}", stranger, [me], when, "I have a role that could interest you"
            )
        rows.append((when, row))
    rows.sort(key=lambda pair: pair[0], reverse=True)  # LinkedIn writes the newest first
    return _csv([row for _, row in rows], MESSAGES_HEADER.split(","))


def _sent_at(moment: dt.datetime) -> str:
    """'10/16/23, 8:36 AM', as Invitations.csv writes it."""
    hour = moment.hour % 12 or 12
    noon = "PM" if moment.hour >= 12 else "AM"
    return f"{moment.month}/{moment.day}/{moment:%y}, {hour}:{moment:%M} {noon}"


def invitations_csv(found: list[Connection], close: list[Friend], rng: random.Random) -> str:
    """Invitations.csv: the friends' and 100 others' invitations, both ways."""
    people = [f.who for f in close] + rng.sample([c for c in found if not c.left], 100)
    rows = []
    for who in {c.url: c for c in people}.values():
        when = _moment(who.connected_on - dt.timedelta(days=rng.randrange(3)), rng)
        name = f"{who.first_name} {who.last_name}"
        if rng.random() < 0.6:
            note = rng.choice(("", "", f"Great meeting you at {rng.choice(_TOPICS)}!"))
            rows.append([ME, name, _sent_at(when), note, "OUTGOING", MY_URL, who.url])
        else:
            rows.append([name, ME, _sent_at(when), "", "INCOMING", who.url, MY_URL])
    header = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl"
    return _csv(rows, header.split(","))


def profile_files(today: dt.date) -> dict[str, str]:
    """The user's own profile: Profile.csv, Skills.csv, Positions.csv, Email Addresses.csv."""
    profile = _csv(
        [
            [
                "Jordan",
                "Pike",
                "",
                "",
                "",
                "Architect helping practices go net zero",
                "Twenty years of buildings, now retrofits.",
                "Architecture & Planning",
                "",
                "London, England, United Kingdom",
                "",
                "",
                "",
            ]
        ],
        [
            "First Name",
            "Last Name",
            "Maiden Name",
            "Address",
            "Birth Date",
            "Headline",
            "Summary",
            "Industry",
            "Zip Code",
            "Geo Location",
            "Twitter Handles",
            "Websites",
            "Instant Messengers",
        ],
    )
    skills = (
        "Sustainable Design",
        "BIM",
        "Retrofit",
        "Project Management",
        "Revit",
        "Passivhaus",
        "Public Speaking",
    )
    positions = _csv(
        [
            ["Pike Studio", "Founder", "", "London", "Mar 2019", ""],
            ["Hartwell Architects", "Associate", "", "London", "Sep 2012", "Feb 2019"],
        ],
        ["Company Name", "Title", "Description", "Location", "Started On", "Finished On"],
    )
    updated = f"{today.month}/{today.day}/{today:%y}"
    emails = _csv(
        [[MY_MAIL, "Yes", "Yes", updated], ["jordan.pike@hartwell.example", "Yes", "No", "2/1/19"]],
        ["Email Address", "Confirmed", "Primary", "Updated On"],
    )
    return {
        "Profile.csv": profile,
        "Skills.csv": _csv([[s] for s in skills], ["Name"]),
        "Positions.csv": positions,
        "Email Addresses.csv": emails,
    }


# --- Calendar ---------------------------------------------------------------------


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(ZONE).strftime("%Y%m%dT%H%M%S")


def _person(role: str, name: str, address: str, reply: str = "ACCEPTED") -> Iterator[str]:
    if role == "ORGANIZER":
        yield from folded(f"ORGANIZER;CN={name}:mailto:{address}")
    else:
        yield from folded(
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={reply};CN={name};"
            f"X-NUM-GUESTS=0:mailto:{address}"
        )


def _event(
    uid: str,
    start: dt.datetime,
    title: str,
    guests: list[Friend],
    *,
    organiser: Friend | None = None,
    my_reply: str = "ACCEPTED",
    status: str = "CONFIRMED",
    extra: tuple[str, ...] = (),
    place: str = "",
) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"DTSTART;TZID=Europe/London:{_stamp(start)}"
    yield f"DTEND;TZID=Europe/London:{_stamp(start + dt.timedelta(hours=1))}"
    yield from extra
    yield "DTSTAMP:20261201T120000Z"
    if organiser is None:
        yield from _person("ORGANIZER", ME, MY_MAIL)
    else:
        yield from _person("ORGANIZER", organiser.name, organiser.who.email)
    yield f"UID:{uid}@google.com"
    for guest in guests:
        yield from _person("ATTENDEE", guest.name, guest.who.email)
    yield from _person("ATTENDEE", ME, MY_MAIL, my_reply)
    yield "CREATED:20230101T000000Z"
    if place:
        yield from folded(f"LOCATION:{place}")
    yield "SEQUENCE:0"
    yield f"STATUS:{status}"
    yield from folded(f"SUMMARY:{title}")
    yield "TRANSP:OPAQUE"
    yield "END:VEVENT"


def calendar_ics(
    plan: dict[str, list[tuple[Friend, dt.datetime]]],
    met: list[Friend],
    today: dt.date,
    rng: random.Random,
) -> str:
    """Google Calendar's export: each meeting moment a 1-2-1 (or, one in four, a group
    with others in touch then), a weekly meeting, declined and cancelled events, and
    three 1-2-1s to come."""
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{MY_MAIL}",
        "X-WR-TIMEZONE:Europe/London",
    ]
    zone = vtimezone(ZONE, today.year - 4, today.year + 1)
    lines += zone.to_ical().decode("utf-8").rstrip("\r\n").split("\r\n")
    places = ("Pike Studio, 12 Rope Walk, London", "Google Meet", "Monmouth Coffee", "")
    for n, (friend, when) in enumerate(plan["meeting"]):
        active = [f for f in met if f is not friend and f.moments[0] <= when <= f.moments[-1]]
        if rng.random() < 0.25 and len(active) >= 2:
            guests = [friend, *rng.sample(active, min(len(active), rng.randint(1, 3)))]
            title = f"Workshop: {rng.choice(_TOPICS)}"
        else:
            guests, title = [friend], f"{friend.who.first_name} / Jordan"
        organiser = friend if rng.random() < 0.3 else None
        attendees = [g for g in guests if g is not organiser]
        lines += _event(
            f"m{n:04d}", when, title, attendees, organiser=organiser, place=rng.choice(places)
        )
    warm = [f for f in met if f.kind == "warm"]
    weekly = _moment(today - dt.timedelta(days=300), rng)
    lines += _event(
        "weekly-guild",
        weekly,
        "Retrofit guild (weekly)",
        warm[:3],
        extra=(
            "RRULE:FREQ=WEEKLY;BYDAY=" + weekly.astimezone(ZONE).strftime("%a")[:2].upper(),
            f"EXDATE;TZID=Europe/London:{_stamp(weekly + dt.timedelta(weeks=6))}",
        ),
        place="Google Meet",
    )
    cooling = [f for f in met if f.kind == "cooling"]
    for n, friend in enumerate(cooling[:3]):  # after they went quiet: not held
        when = friend.moments[-1] + dt.timedelta(days=30 + 20 * n)
        lines += _event(
            f"declined{n}",
            when,
            f"Catch-up with {friend.who.first_name}",
            [],
            organiser=friend,
            my_reply="DECLINED",
        )
        lines += _event(
            f"cancelled{n}", when + dt.timedelta(days=9), "Coffee?", [friend], status="CANCELLED"
        )
    for n, friend in enumerate([cooling[3], cooling[4], warm[3]]):  # the next two weeks
        day = today + dt.timedelta(days=2 + 5 * n)
        lines += _event(
            f"next{n}",
            _moment(day, rng),
            f"{friend.who.first_name} / Jordan",
            [friend],
            place=places[n % 3],
        )
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _title(topic: str) -> str:
    """A mail's subject from a topic: its first letter a capital ("The Leeds tender")."""
    return topic[:1].upper() + topic[1:]


# --- Mail -------------------------------------------------------------------------


def _mails(
    plan: dict[str, list[tuple[Friend, dt.datetime]]], today: dt.date, rng: random.Random
) -> list[tuple[dt.datetime, dict[str, str]]]:
    """(when, headers) of every mail: the friends' threads, then lists, notices and
    strangers up to MAILS."""
    me = f"{ME} <{MY_MAIL}>"
    out: list[tuple[dt.datetime, dict[str, str]]] = []

    def thread(them: str, when: dt.datetime, subject: str, replies: int, extra: str = "") -> None:
        root = last = ""
        mine = rng.random() < 0.5
        for n in range(replies):
            when += dt.timedelta(minutes=rng.choice((20, 90, 400, 1500)))
            number = len(out)
            domain = (MY_MAIL if mine else them).split("@")[-1].rstrip(">")
            message_id = f"<{rng.randbytes(8).hex()}.{number}@{domain}>"
            headers = {
                "sender": me if mine else them,
                "to": them if mine else me,
                "subject": ("Re: " if n else "") + subject,
                "message_id": message_id,
                "extra": extra,
            }
            if n:
                headers["extra"] += f"In-Reply-To: {last}\r\nReferences: {root} {last}\r\n"
            root, last = root or message_id, message_id
            out.append((when, headers))
            mine = not mine

    for friend, when in plan["mail"]:
        them = f'"{friend.name}" <{friend.who.email}>'
        thread(them, when, _title(rng.choice(_TOPICS)), rng.randint(1, 5))
    start = _moment(today - dt.timedelta(days=3 * 365), rng)
    span = (dt.datetime.combine(today, dt.time(), dt.UTC) - start).total_seconds()
    while len(out) < MAILS:
        when = start + dt.timedelta(seconds=rng.uniform(0, span))
        kind = rng.random()
        if kind < 0.45:
            name, listed = rng.choice(_LISTS)
            extra = (
                f"List-Id: {name} <{listed}>\r\nList-Unsubscribe: <mailto:leave@{listed}>"
                "\r\nPrecedence: bulk\r\n"
            )
            out.append(
                (
                    when,
                    {
                        "sender": f"{name} <news@{listed}>",
                        "to": me,
                        "subject": f"{name}: this week",
                        "extra": extra,
                        "message_id": f"<{rng.randbytes(8).hex()}@{listed}>",
                    },
                )
            )
        elif kind < 0.8:
            name, address = rng.choice(_NOTICES)
            out.append(
                (
                    when,
                    {
                        "sender": f"{name} <{address}>",
                        "to": me,
                        "subject": f"{name}: you have a new notification",
                        "extra": "Auto-Submitted: auto-generated\r\n",
                        "message_id": f"<{rng.randbytes(8).hex()}@notify.example>",
                    },
                )
            )
        else:
            name = rng.choice(_STRANGERS)
            address = f"{slug(name).replace('-', '.')}@elsewhere.example"
            thread(f'"{name}" <{address}>', when, _title(rng.choice(_TOPICS)), rng.randint(1, 3))
    return sorted(out[:MAILS], key=lambda pair: pair[0])


def write_mbox(
    path: Path,
    plan: dict[str, list[tuple[Friend, dt.datetime]]],
    today: dt.date,
    rng: random.Random,
) -> int:
    """The mbox, as Takeout writes it; how many mails."""
    blob = base64.encodebytes(rng.randbytes(200_000)).decode().replace("\n", "\r\n")
    mails = _mails(plan, today, rng)
    with path.open("wb") as file:
        for when, headers in mails:
            moment = when.timestamp()
            file.write(
                takeout_mail(
                    rng,
                    blob,
                    moment=moment,
                    date=email.utils.formatdate(moment),
                    me=MY_MAIL,
                    sender=headers["sender"],
                    to=headers["to"],
                    subject=headers["subject"],
                    message_id=headers["message_id"],
                    extra=headers["extra"],
                )
            )
    return len(mails)


# --- All three --------------------------------------------------------------------


def _plan(close: list[Friend], rng: random.Random) -> dict[str, list[tuple[Friend, dt.datetime]]]:
    """Each moment in touch, by the channel it went through."""
    plan: dict[str, list[tuple[Friend, dt.datetime]]] = {"linkedin": [], "mail": [], "meeting": []}
    for friend in close:
        for when in friend.moments:
            plan[friend.channel(rng)].append((friend, when))
    return plan


def write_all(out: Path, today: dt.date, seed: int, rows: int) -> dict[str, object]:
    """Write the three files into `out`; what was written."""
    rng = random.Random(f"first_hour:{seed}")
    found = connections(rows, seed)
    close = friends(found, today, rng)
    found = _with_addresses(found, close)
    plan = _plan(close, rng)
    out.mkdir(parents=True, exist_ok=True)
    archive = out / f"Basic_LinkedInDataExport_{today - dt.timedelta(days=1):%m-%d-%Y}.zip"
    files = {
        "Connections.csv": export_text(found),
        "messages.csv": messages_csv(close, plan, rng),
        "Invitations.csv": invitations_csv(found, close, rng),
        **profile_files(today),
    }
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, text in files.items():
            zipped.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    met = [f for f in close if "meeting" in f.channels]
    ics = out / f"{MY_MAIL}.ics"
    ics.write_text(calendar_ics(plan, met, today, rng), encoding="utf-8", newline="")
    mails = write_mbox(out / MBOX, plan, today, rng)
    return {
        "archive": archive,
        "calendar": ics,
        "mbox": out / MBOX,
        "connections": len(found),
        "in touch": {kind: sum(f.kind == kind for f in close) for kind in FRIENDS},
        "moments": {channel: len(moments) for channel, moments in plan.items()},
        "met": len(met),
        "mailed": sum("mail" in f.channels for f in close),
        "mails": mails,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: write the three files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="the folder to write in")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=dt.date.today(),
        help="the day of the first hour (default: today)",
    )
    parser.add_argument("--seed", type=int, default=42, help="generator seed (42)")
    parser.add_argument("--connections", type=int, default=2000, help="connections (2000)")
    args = parser.parse_args(argv)
    for key, value in write_all(args.out, args.today, args.seed, args.connections).items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
