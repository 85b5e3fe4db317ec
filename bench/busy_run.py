"""Relate benchmark: how long commands wait for another program's write, and how long
the window's thread is held up by one.

    python bench/busy_run.py [--repeat 5]

Another process takes SQLite's write lock on a database of a few contacts and keeps it
for HOLD seconds (1 s, then 7 s: past the command line's 5 s busy timeout). Each command
runs through `relate.cli.main`, as `relate --db FILE ...` runs it but in this process, so
the figure is the command and its wait, not Python's start-up; beside it, the same
command on an idle file (the baseline, in the same runs). Then the window's thread: the
busy wait the window sets (`relate.store.db.wait_when_busy` with `WINDOW_BUSY_WAIT_MS`) is
timed on a write attempted while the lock is held, beside the same write on an idle
file.
Medians of --repeat runs; progress to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from tests.core.test_busy_wait import HOLDER  # noqa: E402 (after the path is set)

COMMANDS = (
    ("log", "Ann", "call", "--summary", "Rang about the tender"),
    ("edit", "Ann", "--company", "Globex"),
    ("follow-up", "Ann", "Send the article", "--due", "2031-01-02"),
    ("me", "--add-interest", "sailing"),
    ("add", "Bob", "Baker"),
    ("list",),
)


def _relate(path: Path, *argv: str) -> tuple[int, float]:
    from relate.cli import main

    started = time.monotonic()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main(["--db", str(path), *argv])
    return status, time.monotonic() - started


def _held(path: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    return holder


def command_waits(folder: Path, repeat: int) -> None:
    path = folder / "busy.sqlite"
    _relate(path, "add", "Ann", "Adams")
    heads = ("idle", "1 s hold", "status", "7 s hold", "status")
    print(f"{'command':<10}", *(f"{head:>9}" for head in heads))
    for argv in COMMANDS:
        idle, short, long = [], [], []
        statuses = set()
        for n in range(repeat):
            print(f"  {argv[0]} run {n + 1}", file=sys.stderr)
            idle.append(_relate(path, *argv)[1])
            for hold, times in ((1.0, short), (7.0, long)):
                holder = _held(path, hold)
                status, took = _relate(path, *argv)
                holder.wait()
                statuses.add((hold, status))
                times.append(took)
        short_status = ",".join(str(s) for h, s in sorted(statuses) if h == 1.0)
        long_status = ",".join(str(s) for h, s in sorted(statuses) if h == 7.0)
        print(
            f"{argv[0]:<10} {statistics.median(idle):>8.2f}s {statistics.median(short):>8.2f}s"
            f" {short_status:>9} {statistics.median(long):>8.2f}s {long_status:>9}"
        )


def window_thread(folder: Path, repeat: int) -> None:
    from relate import contacts
    from relate.store.db import close_database, open_database, wait_when_busy
    from ui.window.main_window import WINDOW_BUSY_WAIT_MS

    path = folder / "window.sqlite"
    open_database(path)
    ann = contacts.create_contact("Ann", "Adams")
    wait_when_busy(WINDOW_BUSY_WAIT_MS)
    idle, blocked = [], []
    for _ in range(repeat):
        started = time.monotonic()
        contacts.update_contact(ann, company="Acme")
        idle.append(time.monotonic() - started)
        holder = _held(path, 1.0)
        started = time.monotonic()
        try:
            contacts.update_contact(ann, company="Globex")
        except Exception as exc:  # the window turns this into its Retry question
            refused = type(exc).__name__
        else:
            refused = "none (it was written)"
        blocked.append(time.monotonic() - started)
        holder.wait()
    close_database()
    print(
        f"\nwindow thread: a write while another program holds the lock is refused"
        f" ({refused}) after {statistics.median(blocked) * 1000:.0f} ms median,"
        f" {max(blocked) * 1000:.0f} ms at worst; the same write on an idle file"
        f" {statistics.median(idle) * 1000:.1f} ms (busy wait set to {WINDOW_BUSY_WAIT_MS} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        command_waits(Path(folder), args.repeat)
        window_thread(Path(folder), args.repeat)


if __name__ == "__main__":
    main()
