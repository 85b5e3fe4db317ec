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
import datetime as dt
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
for folder in (ROOT, ROOT / "bench"):  # run from a checkout, beside the bench generators
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from connections import connections, export_text  # noqa: E402
from first_hour_files import (  # noqa: E402
    calendar_ics,
    invitations_csv,
    messages_csv,
    profile_files,
    write_mbox,
)
from first_hour_story import FRIENDS, MBOX, MY_MAIL, friends, plan_moments, with_addresses  # noqa: E402


def write_all(out: Path, today: dt.date, seed: int, rows: int) -> dict[str, object]:
    """Write the three files into `out`; what was written."""
    rng = random.Random(f"first_hour:{seed}")
    found = connections(rows, seed)
    close = friends(found, today, rng)
    found = with_addresses(found, close)
    plan = plan_moments(close, rng)
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
