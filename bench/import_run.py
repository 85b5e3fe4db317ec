"""Relate import benchmark: a LinkedIn export of 30,000 connections, beside raw executemany.

    python bench/import_run.py [--rows 30000] [--repeat 5] [--seed 42] [--json] [--profile N]

Every figure is the median over --repeat runs, each on a fresh database, measured
interleaved with its baseline in the same run. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from connections import write_connections  # noqa: E402
from run import (  # noqa: E402
    Figure,
    Phases,
    figures_table,
    fresh_schema,
    log,
    machine_facts,
    opened,
    raw_connect,
    remove_database,
    report_json,
)

from relate.importers import linkedin  # noqa: E402
from relate.importers.batches import apply_plan  # noqa: E402

CORE_TARGET_RATIO = 5.0
PROCESS_TARGET_S = 1.5
# The tables a first import writes, in an order the foreign keys accept.
RAW_TABLES = ("contact", "contact_email")
ALL_TABLES = ("import_batch", "contact", "contact_email", "import_value", "contact_fts")


# --------------------------------------------------------------------------- raw baselines


@dataclass(frozen=True, slots=True)
class TableRows:
    """One table's rows as the core's import left them, ready for executemany."""

    table: str
    columns: tuple[str, ...]
    sql: str
    rows: list[tuple[object, ...]]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    if table == "contact_fts":
        names = [row[1] for row in conn.execute("PRAGMA table_info(contact_fts)")]
        return ["rowid", *names]
    # table_info leaves out generated columns, which cannot be written.
    return [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]


def rows_written(path: Path, tables: Sequence[str]) -> list[TableRows]:
    """What an import wrote to `tables`, read back from its database file."""
    conn = raw_connect(path)
    try:
        out = []
        for table in tables:
            columns = _columns(conn, table)
            names = ", ".join(columns)
            marks = ", ".join("?" * len(columns))
            sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"
            rows = conn.execute(f"SELECT {names} FROM {table}").fetchall()
            out.append(TableRows(table, tuple(columns), sql, rows))
        return out
    finally:
        conn.close()


def time_raw(path: Path, tables: Sequence[TableRows], batch_row: TableRows) -> float:
    """executemany of each table's rows into a fresh database, in one transaction; the
    import_batch row the contacts refer to goes in first, untimed."""
    fresh_schema(path)
    conn = raw_connect(path)
    try:
        conn.executemany(batch_row.sql, batch_row.rows)
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table in tables:
            conn.executemany(table.sql, table.rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def time_bare(path: Path, tables: Sequence[TableRows]) -> float:
    """The same, into tables with the same columns and nothing else: no types, keys,
    constraints or indexes."""
    conn = raw_connect(path)
    try:
        for table in tables:
            conn.execute(f"CREATE TABLE {table.table} ({', '.join(table.columns)})")
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        for table in tables:
            conn.executemany(table.sql, table.rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def table_counts(path: Path, tables: Sequence[str]) -> tuple[int, ...]:
    """Row counts, to check that a baseline did the work the import did."""
    conn = raw_connect(path)
    try:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)
    finally:
        conn.close()


# --------------------------------------------------------------------------- core, warm


@dataclass(frozen=True, slots=True)
class CoreRun:
    """Seconds of one in-process import, split in its three stages."""

    parse: float
    plan: float
    apply: float
    summary: str

    @property
    def total(self) -> float:
        return self.parse + self.plan + self.apply


def core_import(path: Path, csv_file: Path) -> CoreRun:
    """`plan_linkedin_import` + `apply_plan` on the open database at `path`; reading the
    file (`read_connections_as`, which it calls) is timed apart from the planning."""
    parse: list[float] = []
    read = linkedin.read_connections_as

    def timed_read(*args: object) -> object:
        start = time.perf_counter()
        try:
            return read(*args)
        finally:
            parse.append(time.perf_counter() - start)

    linkedin.read_connections_as = timed_read
    try:
        with opened(path):
            start = time.perf_counter()
            plan = linkedin.plan_linkedin_import(csv_file)
            planned = time.perf_counter()
            apply_plan(plan)
            applied = time.perf_counter()
    finally:
        linkedin.read_connections_as = read
    return CoreRun(parse[0], planned - start - parse[0], applied - planned, plan.summary())


def profile_core(path: Path, csv_file: Path, top: int) -> str:
    """cProfile's top entries, by cumulative time, of one in-process import."""
    profiler = cProfile.Profile()
    with opened(path):
        profiler.enable()
        apply_plan(linkedin.plan_linkedin_import(csv_file))
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True, slots=True)
class ProcessRun:
    seconds: float
    output: str


def bytecode_env(folder: Path) -> dict[str, str]:
    """This environment, but with Python's bytecode written to and read from `folder`
    (never next to the sources), as an installed app has its modules compiled."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def relate_process(db: Path, *args: str, env: dict[str, str]) -> ProcessRun:
    """Wall time of `python -m relate --db DB ARGS`, start-up and imports included."""
    command = [sys.executable, "-m", "relate", "--db", str(db), *args]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return ProcessRun(seconds, result.stdout.strip())


def copy_database(source: Path, target: Path) -> Path:
    """A fresh copy of a closed database file (its log is checkpointed on close)."""
    remove_database(target)
    shutil.copy(source, target)
    return target


# --------------------------------------------------------------------------- the run


@dataclass(slots=True)
class Files:
    export: Path
    newer: Path
    empty: Path  # the schema, no contacts
    imported: Path  # the export imported once (batch 1)
    cached: dict[str, str]  # environment: bytecode compiled once, then read (an install)
    as_is: dict[str, str]  # environment: this shell's, unchanged
    counts: dict[str, int]  # rows in each export


def prepare(workdir: Path, rows: int, seed: int) -> tuple[Files, list[TableRows]]:
    """The two exports, an empty database, one with the export imported, and the rows
    that import wrote (for the raw baselines)."""
    files = Files(
        workdir / "Connections.csv",
        workdir / "Connections-newer.csv",
        workdir / "empty.sqlite",
        workdir / "imported.sqlite",
        bytecode_env(workdir / "bytecode"),
        dict(os.environ),
        {},
    )
    files.counts["file_rows"] = write_connections(files.export, rows, seed)
    files.counts["newer_rows"] = write_connections(files.newer, rows, seed, newer=True)
    fresh_schema(files.empty)
    copy_database(files.empty, files.imported)
    with opened(files.imported):
        apply_plan(linkedin.plan_linkedin_import(files.export))
    return files, rows_written(files.imported, ALL_TABLES)


Runs = dict[str, list[float]]


def one_run(workdir: Path, files: Files, written: list[TableRows], runs: Runs) -> dict[str, str]:
    """Every figure once, interleaved, each on a fresh database; returns what each
    command printed."""
    batch = written[0]
    raw_a = [t for t in written if t.table in RAW_TABLES]
    raw_b = written[1:]
    scratch = workdir / "run.sqlite"
    said: dict[str, str] = {}

    def record(key: str, seconds: float) -> None:
        runs.setdefault(key, []).append(seconds)

    remove_database(scratch)
    record("raw a", time_raw(scratch, raw_a, batch))
    remove_database(scratch)
    record("raw c", time_bare(scratch, raw_a))
    remove_database(scratch)
    record("raw b", time_raw(scratch, raw_b, batch))
    if table_counts(scratch, ALL_TABLES) != table_counts(files.imported, ALL_TABLES):
        raise AssertionError("the raw baseline did not write the rows the import wrote")

    core = core_import(copy_database(files.empty, scratch), files.export)
    for key in ("parse", "plan", "apply", "total"):
        record(f"core {key}", getattr(core, key))
    said["core"] = core.summary

    floor = ("list", "--search", "zzz")
    processes: dict[str, tuple[Path, tuple[str, ...], dict[str, str]]] = {
        "floor": (files.empty, floor, files.cached),
        "floor, env as is": (files.empty, floor, files.as_is),
        "import": (files.empty, ("import", "linkedin", str(files.export)), files.cached),
        "import, env as is": (files.empty, ("import", "linkedin", str(files.export)), files.as_is),
        "reimport": (files.imported, ("import", "linkedin", str(files.export)), files.cached),
        "newer": (files.imported, ("import", "linkedin", str(files.newer)), files.cached),
        "undo": (files.imported, ("undo-import", "1"), files.cached),
    }
    for key, (source, args, env) in processes.items():
        result = relate_process(copy_database(source, scratch), *args, env=env)
        record(key, result.seconds)
        if result.output and key in ("import", "reimport", "newer", "undo"):
            said[key] = result.output
    remove_database(scratch)
    return said


def figures(runs: Runs) -> list[Figure]:
    """The report's lines from the medians of the runs."""
    m = {key: statistics.median(values) for key, values in runs.items()}
    raw_a, floor = "raw executemany (a)", "process floor"
    limit = f"< {PROCESS_TARGET_S:g} s"

    def process(name: str, key: str, judged: bool) -> Figure:
        value = m[key]
        if not judged:
            return Figure(name, value, "s", m["floor"], floor)
        return Figure(name, value, "s", m["floor"], floor, limit, value < PROCESS_TARGET_S)

    return [
        Figure("raw executemany (a)", m["raw a"], "s", target="[1]"),
        Figure("raw, every table (b)", m["raw b"], "s", m["raw a"], raw_a, "[1]"),
        Figure("raw, bare tables (c)", m["raw c"], "s", m["raw a"], raw_a, "[1]"),
        Figure(
            "core import, warm",
            m["core total"],
            "s",
            m["raw a"],
            raw_a,
            f"<= {CORE_TARGET_RATIO:g}x (a) [2]",
            m["core total"] <= CORE_TARGET_RATIO * m["raw a"],
        ),
        Figure("  parse", m["core parse"], "s", m["raw a"], raw_a),
        Figure("  plan", m["core plan"], "s", m["raw a"], raw_a),
        Figure("  apply", m["core apply"], "s", m["raw a"], raw_a),
        Figure("core import, warm", m["core total"], "s", m["raw b"], "raw, every table (b)"),
        Figure("process floor", m["floor"], "s", target="[3]"),
        Figure("process floor, env as is", m["floor, env as is"], "s", m["floor"], floor, "[4]"),
        process("import, whole process", "import", True),
        Figure("import, env as is", m["import, env as is"], "s", m["import"], "import", "[4]"),
        process("re-import, whole process", "reimport", True),
        process("newer export, whole process", "newer", False),
        process("undo-import, whole process", "undo", False),
    ]


FOOTNOTES = (
    "[1] The rows the import writes, read back from a database it filled, then written with"
    " stdlib sqlite3 executemany in one transaction into a fresh database with the real"
    " schema (indexes, unique URL, foreign keys): (a) contact and contact_email rows only;"
    " (b) also contact_fts, import_value and the batch row, i.e. all the import's storage"
    " work; (c) the rows of (a) into tables with their columns and nothing else (no keys,"
    " constraints or indexes): what the schema costs is the gap between (c) and (a).",
    "[2] relate.importers.linkedin.plan_linkedin_import (parse: reading the file; plan: rows,"
    " duplicate detection, matching against the database) + batches.apply_plan (contacts,"
    " e-mails, import values, FTS index), in this process, on an empty database.",
    "[3] python -m relate --db X list --search zzz on an empty database: interpreter"
    " start-up, the CLI's imports and opening the database. Every process figure is the wall"
    " time of python -m relate --db X ... on a fresh copy of the database: empty for import,"
    " with the export imported once for re-import, newer export and undo-import (of that"
    " first import). Their bytecode is compiled once, in an untimed warm-up, into a folder"
    " of the run's own (PYTHONPYCACHEPREFIX), as an installed app has it.",
    "[4] The same, in the environment the benchmark was started in, unchanged: where"
    " PYTHONDONTWRITEBYTECODE is set and the checkout holds no bytecode, every module of"
    " relate is compiled at every start.",
)


def report_text(facts: dict, found: Sequence[Figure], extra: dict) -> str:
    """The human-readable report."""
    head = ", ".join(f"{k} {v}" for k, v in facts.items() if k != "platform")
    said = [f"  {key}: {text}" for key, text in extra["output"].items()]
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in extra["phases_s"].items())
    return "\n".join(
        [
            f"Relate import benchmark: {head}",
            f"Platform: {facts['platform']}",
            f"Repeat {extra['repeat']}, medians over runs; file {extra['file_rows']} rows,"
            f" newer file {extra['newer_rows']} rows",
            "",
            figures_table(found),
            "",
            *(textwrap.fill(note, 100) for note in FOOTNOTES),
            "",
            "What each import said (last run):",
            *said,
            "",
            textwrap.fill(f"Phases: {phases}", 100),
        ]
    )


def run(rows: int, repeat: int, seed: int, profile: int) -> tuple[dict, list[Figure], dict]:
    """Measure everything in a temporary directory."""
    phases = Phases()
    runs: Runs = {}
    said: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="relate-import-bench-") as tmp:
        workdir = Path(tmp)
        with phases.stage("generate exports"):
            files, written = prepare(workdir, rows, seed)
        with phases.stage("warm up"):
            # Compiles the bytecode the timed processes then read.
            warm = copy_database(files.empty, workdir / "warm.sqlite")
            relate_process(warm, "import", "linkedin", str(files.export), env=files.cached)
        with phases.stage("runs"):
            for i in range(repeat):
                said = one_run(workdir, files, written, runs)
                shown = ("raw a", "core total", "floor", "import", "reimport", "newer", "undo")
                log(f"  run {i + 1}: " + ", ".join(f"{k} {runs[k][-1]:.3f} s" for k in shown))
        if profile:
            with phases.stage("profile"):
                log(
                    profile_core(
                        copy_database(files.empty, workdir / "p.sqlite"), files.export, profile
                    )
                )
    facts = machine_facts(rows)
    facts["rows"] = facts.pop("contacts")
    facts["PYTHONDONTWRITEBYTECODE"] = os.environ.get("PYTHONDONTWRITEBYTECODE", "unset")
    extra = {
        "repeat": repeat,
        **files.counts,
        "output": said,
        "runs_s": runs,
        "phases_s": phases.seconds,
    }
    return facts, figures(runs), extra


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000, help="connections in the file (30000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (5)")
    parser.add_argument("--seed", type=int, default=42, help="data seed (42)")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="also print cProfile's top N (stderr)"
    )
    args = parser.parse_args(argv)
    if args.rows < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    facts, found, extra = run(args.rows, args.repeat, args.seed, args.profile)
    print((report_json if args.json else report_text)(facts, found, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
