"""Relate benchmark: backing up, restoring and checking a database of 100,000 contacts.

    python bench/backup_run.py [--db PATH] [--contacts 100000] [--repeat 5]

Uses the database given with --db (building it there first if it is missing, as
bench/loop_run.py does) or builds one in a temporary directory. Everything is timed on a
copy in a temporary directory, never on that file: `relate.store.backups.make_backup` (the
"back up now" of the app, rotation included), `restore_backup` over an existing database
(which first backs that one up) and into a new file, and SQLite's `quick_check` and
`integrity_check`. Each figure is the median of --repeat runs after one warm-up run,
beside a plain `shutil.copyfile` of the same file timed in the same runs. Progress goes
to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from generate import DEFAULT_SEED  # noqa: E402
from loop_run import build  # noqa: E402
from run import Figure, figures_table, log, machine_facts, remove_database  # noqa: E402

from relate.store import backups  # noqa: E402

BASELINE = "copyfile"


@dataclass(frozen=True, slots=True)
class Step:
    """One thing timed per run: `call` does it, `undo` (untimed) clears up after it."""

    name: str
    call: Callable[[], object]
    undo: Callable[[], object] = lambda: None


def copy_whole(source: Path, target: Path) -> None:
    """`source` copied to `target` with SQLite's backup API: whole, whatever is still in
    its write-ahead log, and without writing to it."""
    remove_database(target)
    reader = sqlite3.connect(source)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()


def copy_synced(source: Path, target: Path) -> None:
    """`shutil.copyfile`, then `fsync` of the copy: a plain copy that is also on disk, as
    SQLite makes sure of a backup's pages before it reports it done."""
    shutil.copyfile(source, target)
    handle = os.open(target, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def pragma(path: Path, name: str) -> Callable[[], None]:
    """A call that runs `PRAGMA name` on a connection of its own and insists on "ok"."""

    def check() -> None:
        connection = sqlite3.connect(path)
        try:
            result = connection.execute(f"PRAGMA {name}").fetchall()
        finally:
            connection.close()
        if result != [("ok",)]:
            raise SystemExit(f"{name} on {path} says {result[:5]}")

    return check


def file_facts(path: Path) -> dict[str, int]:
    """Size, pages and rows of the database at `path`."""
    connection = sqlite3.connect(path)

    def one(sql: str) -> int:
        return connection.execute(sql).fetchone()[0]

    try:
        return {
            "bytes": path.stat().st_size,
            "page_size": one("PRAGMA page_size"),
            "pages": one("PRAGMA page_count"),
            "contacts": one("SELECT count(*) FROM contact"),
            "interactions": one("SELECT count(*) FROM interaction"),
        }
    finally:
        connection.close()


def steps(work: Path) -> list[Step]:
    """What each run times, in order, all on files in `work`."""
    db = work / "relate.sqlite"  # the copy the backups are made of
    plain = work / "plain-copy.sqlite"
    current = work / "restore" / "relate.sqlite"  # the database a restore replaces
    fresh = work / "restore-new" / "relate.sqlite"  # a restore with nothing to replace
    current.parent.mkdir()
    fresh.parent.mkdir()
    made: list[Path] = []

    def backup() -> None:
        made.append(backups.make_backup(db, "manual"))

    def drop_backups() -> None:
        for folder in (backups.backup_folder(db), backups.backup_folder(current)):
            shutil.rmtree(folder, ignore_errors=True)

    def restore_over() -> None:
        backups.restore_backup(made[-1], current)

    def restore_new() -> None:
        backups.restore_backup(made[-1], fresh)

    def after_restore_over() -> None:
        drop_backups()  # the safety copy of `current`, and the backup restored
        made.clear()

    return [
        Step(BASELINE, lambda: shutil.copyfile(db, plain), lambda: plain.unlink()),
        Step("copyfile + fsync", lambda: copy_synced(db, plain), lambda: plain.unlink()),
        Step("make_backup", backup),
        Step("restore_backup, new file", restore_new, lambda: remove_database(fresh)),
        Step("restore_backup, over a db", restore_over, after_restore_over),
        Step("quick_check", pragma(db, "quick_check")),
        Step("integrity_check", pragma(db, "integrity_check")),
    ]


def measure(work: Path, repeat: int) -> dict[str, list[float]]:
    """Seconds per step and run: one untimed warm-up run, then `repeat` timed runs, each
    doing every step once, in turn (so the baseline shares each run's conditions)."""
    timed = steps(work)
    # `restore_backup` over a db needs one there: the state it leaves is the next run's.
    copy_whole(work / "relate.sqlite", work / "restore" / "relate.sqlite")
    samples: dict[str, list[float]] = {step.name: [] for step in timed}
    for run in range(repeat + 1):
        log("warm-up run..." if run == 0 else f"run {run} of {repeat}...")
        for step in timed:
            start = time.perf_counter()
            step.call()
            took = time.perf_counter() - start
            step.undo()
            if run:
                samples[step.name].append(took)
    return samples


def check_restored(work: Path, contacts: int) -> None:
    """The restored file holds what the original does (once, untimed)."""
    restored = file_facts(work / "restore" / "relate.sqlite")["contacts"]
    if restored != contacts:
        raise SystemExit(f"the restored database holds {restored} contacts, not {contacts}")


def figures(samples: dict[str, list[float]]) -> list[Figure]:
    base = statistics.median(samples[BASELINE]) * 1000
    found = [Figure(f"{BASELINE} (baseline)", base, "ms")]
    for name, values in samples.items():
        if name != BASELINE:
            value = statistics.median(values) * 1000
            found.append(Figure(name, value, "ms", baseline=base, baseline_name=BASELINE))
    return found


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="database to copy (built there if missing)")
    parser.add_argument("--contacts", type=int, default=100_000, help="N when building (100000)")
    parser.add_argument(
        "--per-person", type=float, default=5.0, help="timeline entries per contact (5)"
    )
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (5)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="data seed (42)")
    args = parser.parse_args(argv)
    if args.contacts < 1 or args.repeat < 1 or args.per_person < 0:
        parser.error("--contacts and --repeat must be at least 1, --per-person at least 0")
    with tempfile.TemporaryDirectory(prefix="relate-backup-") as tmp:
        path = args.db or Path(tmp) / "source.sqlite"
        if path.exists():
            log(f"reusing {path}")
        else:
            build(path, args.contacts, args.per_person, args.seed)
        work = Path(tmp) / "work"
        work.mkdir()
        log(f"copying it to {work} (the benchmark never writes to it)...")
        copy_whole(path, work / "relate.sqlite")
        facts = file_facts(work / "relate.sqlite")
        samples = measure(work, args.repeat)
        check_restored(work, facts["contacts"])
    head = machine_facts(facts["contacts"])
    head = ", ".join(f"{k} {v}" for k, v in head.items() if k != "platform")
    print(f"Relate backup benchmark: {head}")
    print(
        f"File: {facts['bytes'] / 1e6:.1f} MB ({facts['pages']:,} pages of"
        f" {facts['page_size']:,} bytes), {facts['interactions']:,} interactions;"
        f" median of {args.repeat} runs after a warm-up, each beside a plain copyfile"
    )
    print()
    print(figures_table(figures(samples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
