"""Calendar history import, whole: `relate import calendar FILE.ics` as a process, beside
a plain read and decode of the same file.

    python bench/history_calendar.py [--events 20000] [--repeat 3] [--keep PATH]

The file is `calendar_files.py`'s (Google Calendar's shape: 50 MB for 20,000 events, one
in ten repeating weekly); the database holds everyone the file names (organisers and
guests) as contacts, plus 27,000 others, and the user's own address. Each run: the
baseline (the file read and decoded in a process), then the import into a copy of that
database, then the same file again into a copy of the database it left (which must add
nothing), both read up to today (`--until`). Medians of wall and CPU time and the peak
resident memory of each process.
Targets (issue 19): a 50 MB file of 20,000 events under 20 s; unchanged, under half.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calendar_files import make_file  # noqa: E402
from history_mail import RELATE, contacts_database, import_runs, print_medians  # noqa: E402
from import_run import bytecode_env  # noqa: E402

DECODE = (
    sys.executable,
    "-c",
    "import sys, pathlib\nlen(pathlib.Path(sys.argv[1]).read_bytes().decode('utf-8').splitlines())",
)
_PERSON = re.compile(rb"(?:ORGANIZER|ATTENDEE)[^:\r\n]*?;CN=([^;:\r\n]*)[^\r\n]*?:mailto:(\S+)")


def people(path: Path) -> dict[str, str]:
    """Everyone the file names, by address: their names (meeting rooms left out)."""
    text = path.read_bytes().replace(b"\r\n ", b"")
    return {
        address.decode(): name.decode()
        for name, address in _PERSON.findall(text)
        if b"resource.calendar" not in address
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="the .ics file to reuse (written if missing)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="relate-calendar-bench-"))
    env = bytecode_env(work / "pycache")
    ics = args.keep or work / "calendar.ics"
    try:
        if not ics.exists():
            ics.write_bytes(make_file(args.events))
        found = people(ics)
        print(f"file: {ics.stat().st_size / 1e6:.1f} MB, {len(found):,} people", file=sys.stderr)
        base = work / "base.sqlite"
        contacts_database(base, ((name, address) for address, name in found.items()), "ann@x.org")

        # Up to today only: a meeting that starts between the first import and the next
        # would be new to it (it was still to come), and the second must add nothing.
        until = ("--until", dt.date.today().isoformat())

        def command(db: Path) -> list[str]:
            return [*RELATE, "--db", str(db), "import", "calendar", str(ics), *until, "--no-backup"]

        runs = import_runs(base, command, [*DECODE, str(ics)], args.repeat, work, env)
        print_medians(
            runs,
            {
                "baseline": "the file read and decoded",
                "first": "relate import calendar",
                "again": "  the same file again",
            },
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
