"""Benchmark data: a realistic LinkedIn `Connections.csv` export of N rows, from the
demo network (`relate.demo.sample`).

    python bench/connections.py --rows 30000 --out /tmp/Connections.csv [--newer] [--seed 42]

The file has the current export's shape: the "Notes:" preamble LinkedIn writes, the header
`First Name,Last Name,URL,Email Address,Company,Position,Connected On`, newest connection
first, dates like `30 May 2024`, a profile URL on every row, an e-mail address for about
one row in twenty (only members who allow it are exported with one), a few members who
left LinkedIn (only the date is left of them) and the variety of real members
(`connection_variety.py`): names with accents, in Chinese, Japanese or Korean script,
with apostrophes, hyphens, emoji, credentials (`"Chen, PMP"`, quoted as LinkedIn writes
them) or pronouns; companies and positions with commas and quotes ("Smith, Jones & Co",
'VP, "Growth"'), in other languages, or empty; and a few members with two profiles (the
same name and company, another URL). The same (rows, seed) always gives the same bytes.

`--newer` writes the export of the same network a year later: the same people, about 5%
with a new company or position, and about 3% more people connected during that year
(at the top, being the newest).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import sys
import unicodedata
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from connection_variety import (  # noqa: E402
    FREE_MAIL,
    is_cjk,
    vary_company,
    vary_name,
    vary_position,
)

from relate.demo import sample  # noqa: E402

DEFAULT_ROWS = 30_000
DEFAULT_SEED = 42
HEADER = ("First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On")
# As LinkedIn writes it (tests/fixtures/real/kinds/linkedin/Connections.csv).
NOTE = (
    "When exporting your connection data, you may notice that some of the email addresses are"
    " missing. You will only see email addresses for connections who have allowed their"
    " connections to see or download their email address using this setting"
    " https://www.linkedin.com/psettings/privacy/email. You can learn more here"
    " https://www.linkedin.com/help/linkedin/answer/261"
)
EMAIL_SHOWN = 0.05  # rows with an e-mail address
MIXED_CASE_EMAIL = 0.1  # of those, written with capitals ("Ann.Lee@Gmail.com")
LEFT = 0.003  # members who left LinkedIn: a row with only the date
TWO_PROFILES = 0.003  # a member's second profile: an earlier row's name and company
CHANGED = 0.05  # --newer: a new company or position
ADDED = 0.03  # --newer: people connected during the year
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class Connection:
    """One row of the export; `left` rows are written with their date only."""

    first_name: str
    last_name: str
    url: str
    email: str
    company: str
    position: str
    connected_on: dt.date
    left: bool = False

    def cells(self) -> tuple[str, ...]:
        on = self.connected_on
        day = f"{on.day:02d} {_MONTHS[on.month - 1]} {on.year}"
        if self.left:
            return ("", "", "", "", "", "", day)
        return (
            self.first_name,
            self.last_name,
            self.url,
            self.email,
            self.company,
            self.position,
            day,
        )


def slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.split(",")[0]).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in plain.lower()).split())


def _profile_url(first: str, last: str, index: int) -> str:
    """A profile URL for a name the sample did not make one for; the index keeps it
    apart from every other (the sample's end in 8 hex digits)."""
    if is_cjk(first + last):
        # LinkedIn writes such a member's address in their script, percent-encoded.
        script = "".join(ch for ch in last + first if is_cjk(ch))
        return f"https://www.linkedin.com/in/{urllib.parse.quote(script)}-{index}"
    handle = "-".join(part for part in (slug(first), slug(last)) if part) or "member"
    return f"https://www.linkedin.com/in/{handle}-{index}"


def _email(
    person: sample.SamplePerson, first: str, last: str, index: int, rng: random.Random
) -> str:
    address = person.email
    if address is None:  # a private address, made unique by the row's index
        local = ".".join(part for part in (slug(first), slug(last)) if part) or "member"
        address = f"{local}{index}@{FREE_MAIL[int(rng.random() * len(FREE_MAIL))]}"
    if rng.random() < MIXED_CASE_EMAIL:
        local, _, domain = address.partition("@")
        address = f"{local.title()}@{domain.capitalize()}"
    return address


def _connection(index: int, person: sample.SamplePerson, rng: random.Random) -> Connection:
    first, last = vary_name(person.first_name, person.last_name, rng)
    url = person.linkedin_url
    if url is None or (first, last) != (person.first_name, person.last_name):
        url = _profile_url(first, last, index)
    shown = rng.random() < EMAIL_SHOWN
    return Connection(
        first,
        last,
        url,
        _email(person, first, last, index, rng) if shown else "",
        vary_company(person.company, rng),
        vary_position(person.position, rng),
        person.connected_on,
        left=rng.random() < LEFT,
    )


def _second_profiles(found: list[Connection], rng: random.Random) -> list[Connection]:
    """A few members with two profiles: a row takes an earlier row's name and company
    (keeping its own URL), as the same person connected twice."""
    out = list(found)
    for i in range(1, len(out)):
        if rng.random() < TWO_PROFILES:
            twin = out[int(rng.random() * i)]
            out[i] = replace(
                out[i], first_name=twin.first_name, last_name=twin.last_name, company=twin.company
            )
    return out


def connections(rows: int, seed: int = DEFAULT_SEED, newer: bool = False) -> list[Connection]:
    """The rows of the export, newest connection first; with `newer`, a year later."""
    people = sample.generate_people(rows, seed)
    rng = random.Random(f"bench.connections:{seed}")
    found = _second_profiles([_connection(i, p, rng) for i, p in enumerate(people)], rng)
    if newer:
        found = _a_year_later(found, rows, seed)
    # LinkedIn lists the newest first; the index keeps ties in a stable order.
    order = sorted(range(len(found)), key=lambda i: (found[i].connected_on, -i), reverse=True)
    return [found[i] for i in order]


def _a_year_later(found: list[Connection], rows: int, seed: int) -> list[Connection]:
    rng = random.Random(f"bench.connections.newer:{seed}")
    added = round(rows * ADDED)
    # `generate_people` of a longer run starts with the shorter one: the next people.
    more = sample.generate_people(rows + added, seed)[rows:]
    jobs = sample.generate_people(rows, seed + 1)  # where people move to
    moved = []
    for connection in found:
        if not connection.left and rng.random() < CHANGED:
            job = jobs[rng.randrange(len(jobs))]
            company, position = vary_company(job.company, rng), vary_position(job.position, rng)
            if rng.random() < 0.5 and company != connection.company:
                connection = replace(connection, company=company, position=position)
            elif position != connection.position:  # a new title at the same firm
                connection = replace(connection, position=position)
        moved.append(connection)
    start = sample.REFERENCE_DATE
    for offset, person in enumerate(more):
        connection = _connection(rows + offset, person, rng)
        day = start + dt.timedelta(days=1 + rng.randrange(365))
        moved.append(replace(connection, connected_on=day, left=False))
    return moved


def export_text(found: list[Connection]) -> str:
    """The file's text, as LinkedIn writes it."""
    out = io.StringIO()
    out.write(f'Notes:\n"{NOTE}"\n\n')
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(connection.cells() for connection in found)
    return out.getvalue()


def write_connections(
    path: str | Path, rows: int = DEFAULT_ROWS, seed: int = DEFAULT_SEED, newer: bool = False
) -> int:
    """Write the export to `path` (UTF-8, as LinkedIn does); returns its number of rows."""
    found = connections(rows, seed, newer)
    Path(path).write_text(export_text(found), encoding="utf-8", newline="")
    return len(found)


def main(argv: list[str] | None = None) -> int:
    """Command line: write a Connections.csv."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="connections (30000)")
    parser.add_argument("--out", type=Path, required=True, help="the CSV file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed (42)")
    parser.add_argument(
        "--newer", action="store_true", help="the same network a year later (moves, new people)"
    )
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("--rows must be at least 1")
    count = write_connections(args.out, args.rows, args.seed, args.newer)
    print(f"Wrote {count} connections to {args.out}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
