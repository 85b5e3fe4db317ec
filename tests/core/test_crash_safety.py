"""Crash safety: `relate import` killed with SIGKILL at random moments.

A LinkedIn export of 30,000 new connections is imported by the command line into a
database that already holds some contacts, and the process is killed with SIGKILL after
a random delay, over and over. After every kill the database must pass SQLite's
`integrity_check` and hold either none of the import or all of it: the import writes in
one transaction, and SQLite's write-ahead log must roll an unfinished one back (or a
finished one forward) on the next open. The kills also land on the backup that
`relate import` makes before its transaction; a backup that exists must be whole.

The delays come from a seeded `random.Random`, spread over the duration of an import
measured first on this machine (the quicker of two): evenly over the whole run, a few
around the backup, a few in the write itself (the commit and the checkpoint, where the
file changes), and a few well past the end, which let the import finish. Runs are added
until at least MIN_KILLS of them were really killed. Without SIGKILL (Windows) it skips.
"""

from __future__ import annotations

import csv
import dataclasses
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ROWS = 30_000
BASE = 50  # contacts in the database before the import
SEED = 20_240_530  # of the kill delays: a failure names its run and reproduces with this

# Kills planned per stretch of the import (see `_delay`).
PLAN = {"spread": 15, "backup": 2, "write": 4, "late": 2}
MIN_KILLS = 20  # "spread" runs are added until this many were really killed
MAX_EXTRA_RUNS = 10

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(signal, "SIGKILL"), reason="needs SIGKILL"
)

_FIRST = ("Ann", "José", "Zoë", "Wei", "Priya", "Olúwaseun", "Grzegorz", "Mary-Kate", "Søren")
_LAST = ("Adams", "García", "Chen, PMP", "Okafor", "Müller", "Nakamura", "O'Brien", "Dubois")
_POSITIONS = ("Project Manager", "Architect", "Head of Sales", "Partner", "Engineer, BIM")


@dataclasses.dataclass(frozen=True, slots=True)
class Timeline:
    """When, after the process started, one un-killed import reached each step (s)."""

    backup: float  # the backup's temporary file appeared
    backed_up: float  # the backup is in place under its own name
    write: float  # the write-ahead log grew past 1 MB: the transaction is being written
    end: float  # the process exited

    def quicker(self, seconds: float) -> Timeline:
        """This timeline for an import that took `seconds` in all (if that is quicker):
        the machine's speed varies, and a kill planned too late kills nothing."""
        if seconds >= self.end:
            return self
        write = max(self.backed_up, self.write - (self.end - seconds))
        return dataclasses.replace(self, write=write, end=seconds)


@dataclasses.dataclass(frozen=True, slots=True)
class Kill:
    """A planned kill: at the fraction `at` of one stretch of the import (`_delay`)."""

    stretch: str
    at: float


@dataclasses.dataclass(frozen=True, slots=True)
class Outcome:
    delay: float
    seconds: float  # from the start to the end of the process
    killed: bool  # False: the import finished before its delay ran out
    backed_up: bool  # the before-import backup existed when the process ended
    wal_bytes: int  # size of the write-ahead log when the process ended
    imported: bool  # all of the import is there (else none of it)


def _write_connections(path: Path) -> None:
    """A LinkedIn Connections.csv: the "Notes:" preamble, the header, ROWS connections,
    each with its own profile URL (so all are new), one in ten with an e-mail address."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write('Notes:\n"When exporting your connection data, you may notice that some')
        out.write(' of the email addresses are missing."\n\n')
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            ("First Name", "Last Name", "URL", "Email Address", "Company", "Position")
            + ("Connected On",)
        )
        for i in range(ROWS):
            first, last = _FIRST[i % len(_FIRST)], _LAST[i * 7 % len(_LAST)]
            writer.writerow(
                (
                    first,
                    last,
                    f"https://www.linkedin.com/in/crash-safety-{i}",
                    f"person{i}@example.com" if i % 10 == 0 else "",
                    f"Firm {i % 997}",
                    _POSITIONS[i % len(_POSITIONS)],
                    f"{1 + i % 28:02d} May {2024 - i % 12}",
                )
            )


def _make_base(db_path: Path, base: Path) -> None:
    """BASE contacts written by the core into the open `db_path`, copied to `base` whole
    with SQLite's backup API (so the copy needs no -wal file)."""
    from relate.store import bulk
    from relate.store.db import close_database

    bulk.insert_contacts(
        [
            bulk.NewContact(
                first_name=f"Kept{i}",
                last_name="Before",
                company="Already There Ltd",
                linkedin_url=f"https://www.linkedin.com/in/kept-before-{i}",
                emails=(f"kept{i}@example.org",),
            )
            for i in range(BASE)
        ]
    )
    close_database()
    source, target = sqlite3.connect(db_path), sqlite3.connect(base)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def _environment(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("RELATE_DB", None)
    env["XDG_DATA_HOME"] = str(tmp_path / "xdg-data")  # never the user's data folder
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg-config")
    return env


def _fresh_copy(base: Path, folder: Path) -> Path:
    """A run's own copy of the base database, in a folder of its own (with its own
    backups/), with no -wal or -shm file from anything before."""
    folder.mkdir()
    target = folder / "relate.sqlite"
    shutil.copyfile(base, target)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    return target


def _start(db: Path, csv_file: Path, env: dict[str, str]) -> tuple[subprocess.Popen, float]:
    command = [sys.executable, "-m", "relate", "--db", str(db), "import", "linkedin"]
    process = subprocess.Popen(
        [*command, str(csv_file)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    return process, time.perf_counter()


def _named_backups(db: Path) -> list[Path]:
    folder = db.parent / "backups"
    return sorted(folder.glob(f"{db.name}-*-before-import.sqlite")) if folder.is_dir() else []


def _wal_bytes(db: Path) -> int:
    try:
        return Path(f"{db}-wal").stat().st_size
    except FileNotFoundError:
        return 0


def _measure(base: Path, csv_file: Path, folder: Path, env: dict[str, str]) -> Timeline:
    """One import left to finish, watched every millisecond or so."""
    db = _fresh_copy(base, folder)
    backups = folder / "backups"
    seen: dict[str, float] = {}
    process, started = _start(db, csv_file, env)
    while process.poll() is None:
        at = time.perf_counter() - started
        if "backup" not in seen and backups.is_dir() and any(backups.iterdir()):
            seen["backup"] = at
        if "backed_up" not in seen and _named_backups(db):
            seen["backed_up"] = at
        if "write" not in seen and _wal_bytes(db) > 1_000_000:
            seen["write"] = at
        time.sleep(0.001)
    end = time.perf_counter() - started
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert f"{ROWS:,} new, 0 updated" in out, out
    assert _check(db).imported
    # Steps too quick to be seen fall back on rough shares of the run.
    backed_up = seen.get("backed_up", seen.get("backup", 0.25 * end))
    return Timeline(
        backup=seen.get("backup", backed_up),
        backed_up=backed_up,
        write=seen.get("write", backed_up + 0.8 * (end - backed_up)),
        end=end,
    )


def _plan(rng: random.Random) -> list[Kill]:
    """The kills, in a seeded random order; "spread" ones one per slice of the import."""
    kills = [Kill("spread", (i + rng.random()) / PLAN["spread"]) for i in range(PLAN["spread"])]
    for stretch in ("backup", "write", "late"):
        kills += [Kill(stretch, rng.random()) for _ in range(PLAN[stretch])]
    rng.shuffle(kills)
    return kills


def _delay(kill: Kill, timeline: Timeline) -> float:
    """Seconds after the start for this kill, on the quickest import seen so far."""
    start, stop = {
        "spread": (0.0, timeline.end),  # anywhere: start-up, parsing, backup, writing
        "backup": (timeline.backup - 0.03, timeline.backed_up + 0.03),
        # Runs vary by ~0.1 s, about what the write itself takes: aim a little early.
        "write": (timeline.write - 0.1, timeline.end),
        # Waiting costs nothing once the import is done: it has time to finish.
        "late": (2 * timeline.end, 3 * timeline.end),
    }[kill.stretch]
    return max(0.0, start + kill.at * (stop - start))


@dataclasses.dataclass(frozen=True, slots=True)
class _State:
    imported: bool
    contacts: int


def _check(db: Path) -> _State:
    """Open the file as anything would after the crash (plain sqlite3, which replays or
    drops the write-ahead log) and insist it is whole and holds none or all of the import."""
    connection = sqlite3.connect(db)
    try:
        integrity = connection.execute("PRAGMA integrity_check").fetchall()
        broken_links = connection.execute("PRAGMA foreign_key_check").fetchall()
        # integrity_check only looks into FTS5 tables from SQLite 3.44; this command
        # checks the search index against the contacts (and writes nothing).
        try:
            connection.execute("INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')")
            search_index = "ok"
        except sqlite3.DatabaseError as exc:
            search_index = str(exc)
        connection.rollback()

        def count(sql: str) -> int:
            return connection.execute(sql).fetchone()[0]

        contacts = count("SELECT count(*) FROM contact")
        from_import = count("SELECT count(*) FROM contact WHERE import_batch_id IS NOT NULL")
        indexed = count("SELECT count(*) FROM contact_fts")
        values = count("SELECT count(*) FROM import_value")
        batches = connection.execute("SELECT source, created_count FROM import_batch").fetchall()
    finally:
        connection.close()
    facts = (
        f"integrity_check={integrity}, search index: {search_index}, contacts={contacts},"
        f" of them imported={from_import}, indexed={indexed}, import values={values},"
        f" batches={batches}"
    )
    assert integrity == [("ok",)], f"damaged database: {facts}"
    assert search_index == "ok", f"damaged search index: {facts}"
    assert broken_links == [], f"broken foreign keys {broken_links[:5]}: {facts}"
    assert indexed == contacts, f"search index out of step: {facts}"
    if contacts == BASE:
        assert (from_import, values, batches) == (0, 0, []), f"half an import: {facts}"
        return _State(False, contacts)
    assert contacts == BASE + ROWS, f"half an import: {facts}"
    assert from_import == ROWS and values >= ROWS, f"half an import: {facts}"
    assert batches == [("linkedin", ROWS)], f"half an import: {facts}"
    return _State(True, contacts)


def _check_backups(db: Path) -> None:
    """Whatever backup the import got to put in place is a whole copy of the base."""
    for backup in _named_backups(db):
        connection = sqlite3.connect(backup)
        try:
            integrity = connection.execute("PRAGMA integrity_check").fetchall()
            contacts = connection.execute("SELECT count(*) FROM contact").fetchone()[0]
        finally:
            connection.close()
        assert (integrity, contacts) == ([("ok",)], BASE), f"bad backup {backup.name}"


def _kill_run(
    base: Path, csv_file: Path, folder: Path, env: dict[str, str], delay: float
) -> Outcome:
    db = _fresh_copy(base, folder)
    process, started = _start(db, csv_file, env)
    killed = False
    try:
        out, err = process.communicate(timeout=max(0.0, delay - (time.perf_counter() - started)))
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        killed = process.returncode == -signal.SIGKILL
    seconds = time.perf_counter() - started
    if not killed:  # it finished first (or between the timeout and the signal)
        assert process.returncode == 0, err
        assert f"{ROWS:,} new, 0 updated" in out, out
    wal_bytes = _wal_bytes(db)
    backed_up = bool(_named_backups(db))
    state = _check(db)
    _check_backups(db)
    if not killed:
        assert state.imported, "the import said it finished, but the database lacks it"
    return Outcome(delay, seconds, killed, backed_up, wal_bytes, state.imported)


def test_import_killed_at_random_moments_leaves_none_or_all(
    db_path: Path, tmp_path: Path, record_property
) -> None:
    csv_file = tmp_path / "Connections.csv"
    _write_connections(csv_file)
    base = tmp_path / "base.sqlite"
    _make_base(db_path, base)
    env = _environment(tmp_path)

    # The quicker of two: one slowed down by the machine would leave kills too late.
    timeline = min(
        (_measure(base, csv_file, tmp_path / f"measure-{n}", env) for n in range(2)),
        key=lambda t: t.end,
    )
    rng = random.Random(SEED)
    kills = _plan(rng)
    outcomes: list[Outcome] = []
    # A run that finishes before its kill is no kill: more "spread" runs follow until
    # MIN_KILLS were killed, and later delays are worked out on the quicker import.
    while len(outcomes) < len(kills) or (
        sum(o.killed for o in outcomes) < MIN_KILLS and len(outcomes) < len(kills) + MAX_EXTRA_RUNS
    ):
        n = len(outcomes)
        kill = kills[n] if n < len(kills) else Kill("spread", rng.random())
        delay = _delay(kill, timeline)
        folder = tmp_path / f"run-{n:02d}"
        try:
            outcome = _kill_run(base, csv_file, folder, env, delay)
        except AssertionError as exc:
            raise AssertionError(
                f"run {n} (seed {SEED}, {kill}, killed after {delay:.3f} s of an import that"
                f" takes {timeline.end:.3f} s): {exc}"
            ) from exc
        shutil.rmtree(folder)  # ~25 MB once imported
        outcomes.append(outcome)
        if not outcome.killed:
            timeline = timeline.quicker(outcome.seconds)

    killed = [o for o in outcomes if o.killed]
    none = sum(not o.imported for o in outcomes)
    whole = len(outcomes) - none
    killed_whole = sum(o.imported for o in killed)
    mid_import = [o for o in killed if o.backed_up and not o.imported]
    in_write = [o for o in killed if o.wal_bytes > 1_000_000]
    summary = (
        f"{len(killed)} SIGKILLs survived, {len(outcomes) - len(killed)} imports finished first;"
        f" none kept {none} times, all {whole} times ({killed_whole} of them killed after the"
        f" commit); {len(mid_import)} kills after the backup with none kept, {len(in_write)}"
        f" while the log held over 1 MB. The quickest import took {timeline.end:.2f} s (backup"
        f" at {timeline.backed_up:.2f} s, log written from {timeline.write:.2f} s); seed {SEED}"
    )
    print(summary)
    record_property("crash_safety", summary)
    assert len(killed) >= MIN_KILLS, summary
    assert none >= 1 and whole >= 1, summary
    assert mid_import, summary
