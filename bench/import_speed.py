"""Whole-process LinkedIn import speed: `relate --db X import linkedin FILE` on realistic
exports, beside the interpreter's start-up and a raw CSV pass over the same file.

    python bench/import_speed.py [--rows 30000 100000] [--repeat 5] [--seed 42] [--json]
                                 [--against CHECKOUT]

For each size the export comes from `connections.py` (realistic variety). Each run, per
size: the baselines, then a first import into a fresh database (a new file: created,
migrated, then filled) and a re-import of the same file into a copy of the database one
first import left (which must change nothing), each the whole `relate` process as a user
starts it. Every figure is the median over --repeat runs, interleaved with its baselines
so that the ratios hold on a busy machine. Wall time is what the targets judge; CPU time
(user + system, of the child process) is given beside it because it moves less when
other work shares the machine. `--against` also times both imports with the code of
another checkout (a `git worktree` of the commit before a change, say), interleaved with
this one's in every run: a before and after that the machine's load treats alike.
Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from connections import write_connections  # noqa: E402
from import_run import bytecode_env  # noqa: E402
from run import Figure, Phases, figures_table, log, machine_facts, report_json  # noqa: E402

TARGET_S = 1.5
TARGET_ROWS = 30_000  # the size the targets are set for
DEFAULT_SIZES = (30_000, 100_000)
THIS, AGAINST = "this", "against"  # the checkouts' labels
# The `relate` command as installed (`ui.launcher:main`), by its module.
RELATE = (sys.executable, "-m", "ui.launcher")
BARE = (sys.executable, "-c", "pass")
START_UP = (sys.executable, "-c", "import relate.cli")
# Every record of the file through the stdlib's csv.reader, in a process of its own.
CSV_PASS = (
    sys.executable,
    "-c",
    "import csv, sys\n"
    "with open(sys.argv[1], encoding='utf-8', newline='') as f:\n"
    "    n = sum(1 for _ in csv.reader(f))",
)


@dataclass(frozen=True, slots=True)
class Timing:
    """One child process: wall seconds, CPU seconds (user + system), what it printed."""

    wall: float
    cpu: float
    output: str


def timed_process(
    command: tuple[str, ...] | list[str], env: dict[str, str], cwd: Path = ROOT
) -> Timing:
    """Run `command` in `cwd` (whose packages `-m` and `-c` load first) to its end; its
    wall and CPU time. Raises when it fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu, result.stdout.strip())


def _fresh_folder(path: Path) -> Path:
    """An empty folder at `path` (the database and its backups go in it)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def _checked(timing: Timing, expected: str, what: str) -> Timing:
    if expected not in timing.output:
        raise AssertionError(f"{what} said {timing.output!r}, not {expected!r}")
    return timing


Runs = dict[str, list[Timing]]


@dataclass(frozen=True, slots=True)
class Size:
    """One export size: its file and, per checkout, the database one first import left."""

    rows: int
    export: Path
    imported: dict[str, Path]


def import_command(db: Path, export: Path) -> list[str]:
    """`relate --db DB import linkedin EXPORT`."""
    return [*RELATE, "--db", str(db), "import", "linkedin", str(export)]


def prepare(
    workdir: Path, rows: int, seed: int, env: dict[str, str], checkouts: dict[str, Path]
) -> Size:
    """The export of `rows` connections and, for each checkout, a database with it
    imported once by that checkout's code (which also compiles the bytecode the timed
    processes then read)."""
    export = workdir / f"Connections-{rows}.csv"
    write_connections(export, rows, seed)
    imported = {}
    for label, root in checkouts.items():
        db = _fresh_folder(workdir / f"imported-{rows}-{label}") / "relate.sqlite"
        timed_process(import_command(db, export), env, root)
        imported[label] = db
    return Size(rows, export, imported)


def one_run(
    workdir: Path, size: Size, env: dict[str, str], checkouts: dict[str, Path], runs: Runs
) -> None:
    """Every figure of one size once, interleaved with the baselines."""

    def record(key: str, timing: Timing) -> None:
        runs.setdefault(f"{key} {size.rows}", []).append(timing)

    record("bare", timed_process(BARE, env))
    record("start-up", timed_process(START_UP, env))
    record("csv", timed_process([*CSV_PASS, str(size.export)], env))
    for label, root in checkouts.items():
        db = _fresh_folder(workdir / "run") / "relate.sqlite"
        first = timed_process(import_command(db, size.export), env, root)
        record(f"import {label}", _checked(first, "(import 1;", "the first import"))
        db = _fresh_folder(workdir / "run") / "relate.sqlite"
        shutil.copy(size.imported[label], db)  # closed cleanly: its log is in the file
        again = timed_process(import_command(db, size.export), env, root)
        record(f"reimport {label}", _checked(again, "0 new, 0 updated", "the re-import"))
        _checked(again, "(nothing to change)", "the re-import")


def figures(runs: Runs, sizes: list[int]) -> list[Figure]:
    """The report's lines: medians of wall and CPU time, with their ratios."""
    found: list[Figure] = []
    for rows in sizes:

        def median(key: str, clock: str, rows: int = rows) -> float:
            return statistics.median(getattr(t, clock) for t in runs[f"{key} {rows}"])

        judged = rows == TARGET_ROWS
        for clock in ("wall", "cpu"):
            bare, start_up, csv_pass = (median(k, clock) for k in ("bare", "start-up", "csv"))
            tag = f"{rows:,} rows, {clock}"
            found += [
                Figure(f"python -c pass ({clock})", bare, "s"),
                Figure(f"import relate.cli ({clock})", start_up, "s", bare, "python -c pass"),
                Figure(f"csv.reader pass, {tag}", csv_pass, "s", bare, "python -c pass"),
            ]
            for key, name in (("import", "first import"), ("reimport", "re-import")):
                value = median(f"{key} {THIS}", clock)
                target = f"< {TARGET_S:g} s" if judged and clock == "wall" else ""
                passed = value < TARGET_S if target else None
                found += [
                    Figure(f"{name}, {tag}", value, "s", csv_pass, "csv pass", target, passed),
                    Figure("  the same, vs start-up", value, "s", start_up, "import relate.cli"),
                ]
                if f"{key} {AGAINST} {rows}" in runs:
                    other = median(f"{key} {AGAINST}", clock)
                    found += [
                        Figure(f"  --against: {name}", other, "s", csv_pass, "csv pass"),
                        Figure("  this checkout, vs --against", value, "s", other, "--against"),
                    ]
    return found


NOTES = (
    "Every process runs with its bytecode compiled once, into a folder of the run's own"
    " (PYTHONPYCACHEPREFIX), as an installed app has it. `first import`: `relate --db X"
    " import linkedin FILE` (the installed command, ui.launcher) on a database file that"
    " does not exist yet; `re-import`: the same file again, on a copy of the database a"
    " first import left (it makes no change and says so). `csv.reader pass`: a process"
    " that reads every record of the file with the stdlib's csv.reader and nothing else.",
    "Wall time judges the target; CPU time (user + system of the child) is the steadier"
    " figure when other processes share the machine (see the load averages).",
)


def report_text(facts: dict, found: list[Figure], extra: dict) -> str:
    """The human-readable report."""
    head = ", ".join(f"{k} {v}" for k, v in facts.items() if k != "platform")
    said = [f"  {key}: {text}" for key, text in extra["output"].items()]
    return "\n".join(
        [
            f"Relate import speed: {head}",
            f"Platform: {facts['platform']}",
            f"Repeat {extra['repeat']}, medians over runs; load average"
            f" {extra['load_before']} before, {extra['load_after']} after",
            f"--against: {extra['against']}" if extra["against"] else "",
            "",
            figures_table(found),
            "",
            *(textwrap.fill(note, 100) for note in NOTES),
            "",
            "What each import said (last run):",
            *said,
        ]
    )


def run(
    sizes: list[int], repeat: int, seed: int, against: Path | None = None
) -> tuple[dict, list[Figure], dict]:
    """Measure everything in a temporary directory."""
    checkouts = {THIS: ROOT, **({AGAINST: against.resolve()} if against else {})}
    phases = Phases()
    runs: Runs = {}
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory(prefix="relate-import-speed-") as tmp:
        workdir = Path(tmp)
        env = bytecode_env(workdir / "bytecode")
        with phases.stage("generate exports, warm up"):
            prepared = [prepare(workdir, rows, seed, env, checkouts) for rows in sizes]
        with phases.stage("runs"):
            for i in range(repeat):
                for size in prepared:
                    one_run(workdir, size, env, checkouts, runs)
                    timed = (f"{k} {c}" for c in checkouts for k in ("import", "reimport"))
                    shown = ("csv", *timed)
                    log(
                        f"  run {i + 1}, {size.rows} rows: "
                        + ", ".join(
                            f"{k} {runs[f'{k} {size.rows}'][-1].wall:.3f} s"
                            f" (cpu {runs[f'{k} {size.rows}'][-1].cpu:.3f})"
                            for k in shown
                        )
                    )
    facts = machine_facts(max(sizes))
    facts.pop("contacts")
    extra = {
        "repeat": repeat,
        "sizes": sizes,
        "against": str(against) if against else None,
        "load_before": load_before,
        "load_after": ", ".join(f"{x:.1f}" for x in os.getloadavg()),
        "output": {
            f"{key}": runs[key][-1].output for key in runs if key.startswith(("import", "reimport"))
        },
        "runs_s": {key: [[t.wall, t.cpu] for t in timings] for key, timings in runs.items()},
        "phases_s": phases.seconds,
    }
    return facts, figures(runs, sizes), extra


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows",
        type=int,
        nargs="+",
        default=list(DEFAULT_SIZES),
        help="export sizes (30000 100000)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (5)")
    parser.add_argument("--seed", type=int, default=42, help="data seed (42)")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--against",
        type=Path,
        metavar="CHECKOUT",
        help="also time the imports with another checkout's code (e.g. the commit before)",
    )
    args = parser.parse_args(argv)
    if min(args.rows) < 1 or args.repeat < 1:
        parser.error("--rows and --repeat must be at least 1")
    if args.against and not (args.against / "relate" / "cli").is_dir():
        parser.error(f"{args.against} is not a checkout of Relate")
    facts, found, extra = run(args.rows, args.repeat, args.seed, args.against)
    print((report_json if args.json else report_text)(facts, found, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
