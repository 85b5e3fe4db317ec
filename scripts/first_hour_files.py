"""The first hour's three files, written from its story (first_hour_story): LinkedIn's
CSV files, Google Calendar's export and Gmail Takeout's mbox.

Imported by first_hour.py, which puts bench/ on the path first.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import email.utils
import io
import random
import zlib
from collections.abc import Iterator
from pathlib import Path

from calendar_files import folded
from connections import Connection, slug
from first_hour_story import (
    LINES,
    LISTS,
    MAILS,
    ME,
    MY_MAIL,
    MY_URL,
    NOTICES,
    STRANGERS,
    TOPICS,
    ZONE,
    Friend,
    Plan,
    moment,
)
from history_import import HEADER as MESSAGES_HEADER
from history_import import message_row
from mail_archive import takeout_mail

from relate.exporters.calendar_zones import vtimezone

# --- LinkedIn ---------------------------------------------------------------------


def _csv(rows: Iterator[list[str]] | list[list[str]], header: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def messages_csv(close: list[Friend], plan: Plan, rng: random.Random) -> str:
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
            line = rng.choice(LINES)
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
            stranger = (rng.choice(STRANGERS), f"https://www.linkedin.com/in/recruiter-{n}")
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
        when = moment(who.connected_on - dt.timedelta(days=rng.randrange(3)), rng)
        name = f"{who.first_name} {who.last_name}"
        if rng.random() < 0.6:
            note = rng.choice(("", "", f"Great meeting you at {rng.choice(TOPICS)}!"))
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
    plan: Plan,
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
            title = f"Workshop: {rng.choice(TOPICS)}"
        else:
            guests, title = [friend], f"{friend.who.first_name} / Jordan"
        organiser = friend if rng.random() < 0.3 else None
        attendees = [g for g in guests if g is not organiser]
        lines += _event(
            f"m{n:04d}", when, title, attendees, organiser=organiser, place=rng.choice(places)
        )
    warm = [f for f in met if f.kind == "warm"]
    weekly = moment(today - dt.timedelta(days=300), rng)
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
            moment(day, rng),
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
    plan: Plan, today: dt.date, rng: random.Random
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
        thread(them, when, _title(rng.choice(TOPICS)), rng.randint(1, 5))
    start = moment(today - dt.timedelta(days=3 * 365), rng)
    span = (dt.datetime.combine(today, dt.time(), dt.UTC) - start).total_seconds()
    while len(out) < MAILS:
        when = start + dt.timedelta(seconds=rng.uniform(0, span))
        kind = rng.random()
        if kind < 0.45:
            name, listed = rng.choice(LISTS)
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
            name, address = rng.choice(NOTICES)
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
            name = rng.choice(STRANGERS)
            address = f"{slug(name).replace('-', '.')}@elsewhere.example"
            thread(f'"{name}" <{address}>', when, _title(rng.choice(TOPICS)), rng.randint(1, 3))
    return sorted(out[:MAILS], key=lambda pair: pair[0])


def write_mbox(
    path: Path,
    plan: Plan,
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
