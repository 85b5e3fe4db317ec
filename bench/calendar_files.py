"""Calendar reading benchmark: a 50 MB Google Calendar export read by `read_calendar`.

    python bench/calendar_files.py [--events 20000] [--repeat 3] [--out /tmp/cal.ics]

The file is what Google writes for a busy decade, scaled: VTIMEZONEs, 20,000 events
in four zones over two years, one in ten repeating weekly for a year (some with a week
left out and one moved), attendees with their replies, rooms, alarms, and descriptions
of a meeting invitation's size (about 1.5 KB, folded at 75 octets), some all-day.

Each read runs in a fresh Python process, which reports its wall and CPU time (the CPU
time is the steadier figure on a shared machine) and its peak resident memory (VmHWM;
the interpreter and imports alone take about 40 MB). The same-run baselines: reading
and decoding the file (`raw`), and, once, icalendar parsing it whole
(`Calendar.from_ical`), which is what a reader that handed the file to icalendar would
pay before anything else. Figures are medians over --repeat runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relate.exporters.calendar_zones import vtimezone  # noqa: E402

MB = 1024 * 1024
ZONES = ("Europe/London", "America/New_York", "Europe/Berlin", "Asia/Tokyo")
_WORDS = (
    "agenda review of the quarter numbers, hiring plan and the café offsite; "
    "please bring the Kraków figures — join with Google Meet or dial in by phone"
).split()

_READ = """
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
import datetime as dt
from pathlib import Path
started, cpu = time.perf_counter(), time.process_time()
what = sys.argv[3]
if what == "read_calendar":
    from relate.history.calendar_files import read_calendar
    found = read_calendar(Path(sys.argv[2]), start=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                          end=dt.datetime(2027, 1, 1, tzinfo=dt.UTC))
    count = sum(1 for _ in found)
elif what == "raw":
    count = len(Path(sys.argv[2]).read_bytes().decode("utf-8").splitlines())
else:
    import icalendar
    count = len(icalendar.Calendar.from_ical(Path(sys.argv[2]).read_bytes()).subcomponents)
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
try:
    status = Path("/proc/self/status").read_text()
    peak = int(status.split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mb": peak, "count": count}))
"""


def folded(line: str) -> Iterator[str]:
    """A content line folded at 75 octets, as exports write it."""
    data = line.encode("utf-8")
    first = True
    while data:
        width = 75 if first else 74
        cut = min(width, len(data))
        while cut < len(data) and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        yield ("" if first else " ") + data[:cut].decode("utf-8")
        data, first = data[cut:], False


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _event(rng: random.Random, number: int) -> Iterator[str]:
    zone = rng.choice(ZONES)
    start = dt.datetime(2025, 1, 1, 8) + dt.timedelta(
        days=rng.randrange(730), hours=rng.randrange(10), minutes=rng.choice((0, 30))
    )
    uid = f"{number:06d}{rng.getrandbits(64):016x}@google.com"
    yield "BEGIN:VEVENT"
    if number % 25 == 0:
        yield f"DTSTART;VALUE=DATE:{start:%Y%m%d}"
        yield f"DTEND;VALUE=DATE:{start + dt.timedelta(days=1):%Y%m%d}"
    else:
        yield f"DTSTART;TZID={zone}:{_stamp(start)}"
        yield f"DTEND;TZID={zone}:{_stamp(start + dt.timedelta(hours=1))}"
    repeats = number % 10 == 0
    if repeats:
        yield "RRULE:FREQ=WEEKLY;COUNT=52"
        yield f"EXDATE;TZID={zone}:{_stamp(start + dt.timedelta(weeks=3))}"
    yield "DTSTAMP:20261201T120000Z"
    yield f"ORGANIZER;CN=Organiser {number}:mailto:organiser{number}@example.com"
    yield f"UID:{uid}"
    for guest in range(rng.randrange(1, 8)):
        reply = rng.choice(("ACCEPTED", "ACCEPTED", "TENTATIVE", "DECLINED", "NEEDS-ACTION"))
        yield from folded(
            f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={reply};"
            f"CN=Guest {guest} of {number};X-NUM-GUESTS=0:mailto:g{guest}.{number}@example.com"
        )
    yield from folded(
        "ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
        "CN=Room 4 (8);X-NUM-GUESTS=0:mailto:c_1887@resource.calendar.google.com"
    )
    words = " ".join(rng.choice(_WORDS) for _ in range(rng.randrange(150, 330)))
    yield from folded("DESCRIPTION:" + words.replace(",", "\\,").replace(";", "\\;"))
    yield "LAST-MODIFIED:20261130T101010Z"
    yield "LOCATION:Room 4\\, 2nd floor"
    yield "SEQUENCE:0"
    yield "STATUS:CONFIRMED"
    yield f"SUMMARY:Meeting {number}"
    yield "TRANSP:OPAQUE"
    yield from (
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:Reminder",
        "TRIGGER:-P0DT0H10M0S",
        "END:VALARM",
        "END:VEVENT",
    )
    if repeats:  # the fifth week moved by a day, with its own title
        moved = start + dt.timedelta(weeks=5)
        yield from ("BEGIN:VEVENT", f"RECURRENCE-ID;TZID={zone}:{_stamp(moved)}")
        yield f"DTSTART;TZID={zone}:{_stamp(moved + dt.timedelta(days=1))}"
        yield f"DTEND;TZID={zone}:{_stamp(moved + dt.timedelta(days=1, hours=1))}"
        yield f"ORGANIZER;CN=Organiser {number}:mailto:organiser{number}@example.com"
        yield f"UID:{uid}"
        yield f"ATTENDEE;PARTSTAT=ACCEPTED;CN=Guest 0 of {number}:mailto:g0.{number}@example.com"
        yield from ("SEQUENCE:1", f"SUMMARY:Meeting {number} (moved)", "END:VEVENT")


def make_file(events: int, seed: int = 42) -> bytes:
    """A Google Calendar export of `events` events."""
    rng = random.Random(seed)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:ann@example.com",
        "X-WR-TIMEZONE:Europe/London",
    ]
    for name in ZONES:
        zone = vtimezone(zoneinfo.ZoneInfo(name), 2024, 2027)
        lines.extend(zone.to_ical().decode("utf-8").rstrip("\r\n").split("\r\n"))
    for number in range(events):
        lines.extend(_event(rng, number))
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def read_once(path: Path, what: str, timeout: float = 600) -> dict[str, float] | None:
    try:
        result = subprocess.run(
            [sys.executable, "-c", _READ, str(ROOT), str(path), what],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError) as err:
        print(f"{what}: {err}", file=sys.stderr)
        return None
    return json.loads(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep the file here")
    parser.add_argument("--no-icalendar", action="store_true", help="skip the slow baseline")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = args.out or Path(folder) / "calendar.ics"
        path.write_bytes(make_file(args.events))
        print(f"file: {path.stat().st_size / MB:.1f} MB, {args.events:,} events", file=sys.stderr)
        runs: dict[str, list[dict[str, float]]] = {"raw": [], "read_calendar": []}
        for _ in range(args.repeat):
            for what in runs:
                if (result := read_once(path, what)) is not None:
                    runs[what].append(result)
        if not args.no_icalendar and (whole := read_once(path, "icalendar")) is not None:
            runs["icalendar"] = [whole]
        report = {
            what: {
                key: round(statistics.median(run[key] for run in found), 2)
                for key in ("seconds", "cpu", "peak_mb", "count")
            }
            for what, found in runs.items()
            if found
        }
        report["file"] = {"mb": round(path.stat().st_size / MB, 1), "events": args.events}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
