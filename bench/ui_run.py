"""Relate UI benchmark: start-up, typing, sorting, scrolling, memory and edits in the real
window, on two shapes of data: the mature network and the first day (N LinkedIn
connections, nothing else).

    python bench/ui_run.py [--contacts 100000] [--repeat 5] [--seed 42]
                           [--shape mature|first-day]... [--json] [--profile N]

Qt runs offscreen. The databases, the settings, the baseline script and HOME live in a
temporary directory that is removed at the end. Every figure is the median over --repeat
runs, each beside a baseline measured in the same run. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

import PySide6  # noqa: E402
from PySide6.QtCore import qVersion  # noqa: E402
from query_timer import QueryTimer  # noqa: E402
from run import (  # noqa: E402
    Figure,
    Phases,
    figures_table,
    format_table,
    log,
    machine_facts,
    median_of_runs,
    report_json,
)
from shapes import SHAPES  # noqa: E402
from ui_edits import edit_figures  # noqa: E402
from ui_memory import memory_figures, memory_probe, memory_runs  # noqa: E402
from ui_startup import child_env, startup_commands, startup_figures, startup_runs  # noqa: E402
from ui_window import (  # noqa: E402
    application,
    close_window,
    guard_refcount_bug,
    open_window,
    path_figures,
    profile_pass,
    query_figures,
    slowest_chars,
    slowest_statements,
    sort_by_column,
    sort_figures,
    startup_in_process_figures,
    startup_run,
    typing_figures,
    window_runs,
)


def git_revision() -> str:
    """The checkout's commit, '+' when relate/ or ui/ differ from it ('?' outside git)."""
    try:
        git = ["git", "-C", str(ROOT)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True)
        dirty = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", "relate", "ui"]).returncode
    except OSError:
        return "?"
    return (head.stdout.decode().strip() or "?") + ("+" if dirty else "")


FOOTNOTES = (
    "[1] Whole process: time.perf_counter around `python -m ui.launcher --db FILE"
    " --quit-after-load` (interpreter, imports, database, window, first paint, quit)."
    " To first paint: the ms the app prints, from process start (/proc) to the first paint"
    " of the page it opens on (Today: its heading and a quiet line; the day's lists follow"
    " from the worker, see [6]) (ui/window/startup_probe.py). Baseline: a bare QMainWindow around"
    " a QTableView over a"
    " trivial model with N rows x 7 columns, sized like the real window, timed by the same"
    " FirstPaintProbe. Timed runs start with the settings the warm-up run saved (a returning"
    " user), and with Python's bytecode cache on (PYTHONDONTWRITEBYTECODE unset), as an"
    " installed app has it; the warm-up run writes it. `import PySide6.QtWidgets` is"
    " `python -c` wall time, for reference.",
    "[2] One first character (a-z, digits, accents; 40 in all) typed into the empty search"
    " box, with the contact start-up selects (the list's first row) current: from setText"
    " (signals blocked) through the pane's search handler (_on_search_timer_timeout:"
    " model.set_search, then keep_current, which selects that contact again and reloads the"
    " contact pane when it still matches, else clears the pane) to a synchronous repaint of"
    " the list's viewport, which fetches the visible rows. The 80 ms typing debounce"
    " (SEARCH_DELAY_MS) is deliberate and not counted; clearing the box is not counted."
    " Baseline: relate.store.search.matching_ids(char).",
    "[3] model.sort(column, order) plus a synchronous repaint, every column in both orders,"
    " on the unfiltered list; the worst column and order is judged. Baseline: the raw fetch"
    " of every id through stdlib sqlite3 (SELECT id FROM contact, fetchall).",
    "[4] VmRSS of a fresh process (this script, --memory-probe) that builds and shows the"
    " real window, then scrolls the list from top to bottom one page at a time (every page,"
    " a synchronous repaint each). Baseline: VmRSS of the bare-window script after its first"
    " paint. Scroll 1 page (from the middle): in this process, 40 pages down from the middle"
    " of the list, a synchronous repaint each, which fetches the rows shown.",
    "[5] Timeline quick entry (summary set, log_entry(), processEvents) and a Card edit"
    " (company setText + editingFinished, processEvents) on a contact from the middle of the"
    " list, including the list, card and timeline refreshes; each edit is undone untimed so"
    " every run edits the same data. median = median over runs of the run's median; max ="
    " the worst single edit of all runs. Baseline: the core call alone.",
    "[6] In this process: MainWindow built and shown (exposed), then events handled until"
    " Today's lists have come back from the task runner's worker and filled the page, and"
    " until the list has read its ids; ms from the start of open_database.",
    "[7] Every statement run through relate.store.db while a path runs, timed with its rows"
    " fetched (bench/query_timer.py); the slowest one run on the window's thread is shown."
    " Start-up, typing, scrolling and opening a contact are judged (< 50 ms); the others are"
    " shown. Statements on the worker (Today's lists) are not on the window's thread.",
    "[8] A contact made current by selecting its row (20 spread over the list): the card,"
    " timeline and follow-ups tabs read and filled.",
    "In-process figures run after one untimed warm-up pass; start-up after one warm-up run.",
)


def _ms(value: float) -> str:
    return f"{value:.1f}"


def sort_table(by_column: dict[str, dict[str, float]]) -> str:
    """Sort time per column, medians."""
    columns = list(next(iter(by_column.values())))
    rows = [(h, *(_ms(row[c]) for c in columns)) for h, row in by_column.items()]
    return format_table(("column", *columns), rows)


def chars_table(rows: Sequence[dict[str, object]]) -> str:
    """The slowest characters, medians."""
    header = tuple(rows[0])
    cells = [tuple(v if isinstance(v, str | int) else _ms(v) for v in row.values()) for row in rows]
    return format_table(header, [tuple(map(str, row)) for row in cells])


def refcount_warning(lost: float) -> list[str]:
    """A loud note when this PySide6 build has the None refcount bug."""
    if not lost:
        return []
    text = (
        f"WARNING: this PySide6 ({PySide6.__version__}) drops {lost:g} reference(s) to None on"
        " every void Qt call (and one to True per Signal.emit). On Python < 3.12 the app aborts"
        " with 'Fatal Python error: none_dealloc' after some thousands of calls; this run"
        " patched the counts (see guard_refcount_bug) to finish."
    )
    return ["", textwrap.fill(text, 100)]


def report_text(facts: dict, figures: Sequence[Figure], extra: dict) -> str:
    """The human-readable report."""
    head = ", ".join(f"{k} {v}" for k, v in facts.items() if k != "platform")
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in extra["phases_s"].items())
    lines = [
        f"Relate UI benchmark: {head}",
        f"Platform: {facts['platform']}, QT_QPA_PLATFORM=offscreen",
        f"repeat {extra['repeat']} (medians over runs); shapes: {', '.join(extra['shapes'])}",
        "",
        figures_table(figures),
        "",
        *(textwrap.fill(note, 100) for note in FOOTNOTES),
    ]
    for shape, detail in extra["shapes"].items():
        lines += [
            "",
            f"== {shape} ==",
            "Sort by column (ms, medians):",
            sort_table(detail["sort_by_column"]),
            "",
            "Slowest first characters (ms, medians). matches: rows listed;",
            "kept: the current contact still matched, so the contact pane reloaded it.",
            chars_table(detail["slowest_chars"]),
            "",
            "Slowest statement on the window's thread, by path:",
            *(f"  {path}: {sql}" for path, sql in detail["slowest_statements"].items()),
        ]
    lines += [
        "",
        textwrap.fill(f"Phases: {phases}", 100),
        *refcount_warning(extra["none_refs_lost_per_void_call"]),
    ]
    return "\n".join(lines)


def measure_shape(
    shape: str, workdir: Path, n: int, repeat: int, seed: int, profile: int, phases: Phases
) -> tuple[list[Figure], dict, float]:
    """Every figure on one shape of data, in its own database and settings."""
    db_path, settings_path = workdir / f"{shape}.sqlite", workdir / f"{shape}-settings.ini"
    env = child_env(workdir / f"{shape}-home")
    with phases.stage(f"{shape}: make the database"):
        SHAPES[shape](db_path, n, seed)
    with phases.stage(f"{shape}: start-up"):
        commands = startup_commands(workdir, db_path, n)
        startup = startup_runs(commands, env, repeat)
    with phases.stage(f"{shape}: memory"):
        memory = memory_runs(db_path, settings_path, env, repeat)
    timer = QueryTimer()
    with phases.stage(f"{shape}: in-process"), timer.installed():
        application()
        lost_refs = guard_refcount_bug()
        startup_run(db_path, settings_path)  # warm-up
        in_process = []
        for _ in range(repeat):
            with timer.path("start-up"):
                in_process.append(startup_run(db_path, settings_path))
        window = open_window(db_path, settings_path)
        runs = window_runs(window, db_path, repeat, timer)
        profiled = profile_pass(window, db_path, profile) if profile else ""
        close_window(window)
    if profiled:
        log(profiled)
    by_column = sort_by_column(runs.sorting)
    bare_rss = median_of_runs(startup, "bare rss", "median")
    figures = [
        *startup_figures(startup, shape),
        *startup_in_process_figures(in_process, shape),
        *typing_figures(runs.typing, shape),
        *sort_figures(by_column, shape),
        *path_figures(runs, shape),
        *memory_figures(memory, bare_rss, shape),
        *edit_figures(runs.edits, shape),
        *query_figures(timer, shape),
    ]
    detail = {
        "sort_by_column": by_column,
        "slowest_chars": slowest_chars(runs.typing),
        "slowest_statements": slowest_statements(timer),
    }
    return figures, detail, lost_refs


def run(
    n: int, repeat: int, seed: int, profile: int, shapes: Sequence[str]
) -> tuple[dict, list[Figure], dict]:
    """Measure everything, shape by shape, in a temporary directory."""
    phases = Phases()
    facts = {**machine_facts(n), "qt": qVersion(), "pyside6": PySide6.__version__}
    facts["commit"] = git_revision()  # the code measured, as of the start of the run
    figures: list[Figure] = []
    details: dict[str, dict] = {}
    lost_refs = 0.0
    with tempfile.TemporaryDirectory(prefix="relate-ui-bench-") as tmp:
        for shape in shapes:
            found, details[shape], lost_refs = measure_shape(
                shape, Path(tmp), n, repeat, seed, profile, phases
            )
            figures += found
    extra = {
        "repeat": repeat,
        "shapes": details,
        "phases_s": phases.seconds,
        "none_refs_lost_per_void_call": lost_refs,
    }
    return facts, figures, extra


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="N (100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (5)")
    parser.add_argument("--seed", type=int, default=42, help="data seed (42)")
    parser.add_argument(
        "--shape",
        action="append",
        choices=list(SHAPES),
        help="a shape of data (repeatable; default: every shape)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    parser.add_argument(
        "--profile", type=int, default=0, metavar="N", help="print top N cProfile entries"
    )
    parser.add_argument("--memory-probe", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_probe:
        memory_probe(*args.memory_probe)
        return 0
    if args.contacts < 1 or args.repeat < 1:
        parser.error("--contacts and --repeat must be at least 1")
    shapes = args.shape or list(SHAPES)
    facts, figures, extra = run(args.contacts, args.repeat, args.seed, args.profile, shapes)
    print((report_json if args.json else report_text)(facts, figures, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
