"""Relate UI benchmark: start-up, typing, sorting, memory and edits in the real window.

    python bench/ui_run.py [--contacts 100000] [--repeat 5] [--seed 42] [--json] [--profile N]

Qt runs offscreen. The database, the settings, the baseline script and HOME live in a
temporary directory that is removed at the end. Every figure is the median over --repeat
runs, each beside a baseline measured in the same run. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import cProfile
import ctypes
import datetime as dt
import io
import json
import os
import pstats
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

import PySide6  # noqa: E402
from generate import fill  # noqa: E402
from PySide6.QtCore import QSettings, Qt, qVersion  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel  # noqa: E402
from run import (  # noqa: E402
    Figure,
    Phases,
    Samples,
    figures_table,
    format_table,
    log,
    machine_facts,
    median_of_runs,
    raw_connect,
    report_json,
    timed,
)

from relate import contacts, search, timeline  # noqa: E402
from relate.db import close_database, open_database  # noqa: E402
from ui.contact_table_model import COLUMNS  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402

STARTUP_TARGET_S = 0.6
STARTUP_TARGET_RATIO = 3.0
TYPING_MEDIAN_TARGET_MS = 30.0
TYPING_P95_TARGET_MS = 60.0
SORT_TARGET_MS = 100.0
RSS_TARGET_MB = 250.0
EDIT_TARGET_MS = 50.0
EDITS_PER_RUN = 10  # of each kind, per run
# First characters typed: a-z, some digits and some accented letters (40 in all).
CHARS = (*"abcdefghijklmnopqrstuvwxyz", *"0137", *"éèüöñçøåäß")
ORDERS = {"asc": Qt.SortOrder.AscendingOrder, "desc": Qt.SortOrder.DescendingOrder}
RAW_IDS_SQL = "SELECT id FROM contact"
REFCOUNT_RESERVE = 1 << 40  # see guard_refcount_bug
EDITS = {  # sample key: (figure, baseline sample key, baseline name)
    "log": ("log interaction", "core log", "core log_interaction"),
    "card": ("edit company", "core update", "core update_contact"),
}

BARE_WINDOW = '''\
"""Baseline: a bare QMainWindow around a QTableView over {rows} trivial rows x 7 columns.
Prints the ms from process start to the first paint (ui.startup_probe), then VmRSS in kB."""
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from ui.startup_probe import FirstPaintProbe


class Model(QAbstractTableModel):
    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else {rows}

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 7

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"r{{index.row()}}c{{index.column()}}"
        return None


app = QApplication(sys.argv)
window = QMainWindow()
table = QTableView()
table.setModel(Model(table))
window.setCentralWidget(table)
screen = window.screen().availableGeometry()  # sized like the real window
window.resize(min(1500, screen.width() * 9 // 10), min(880, screen.height() * 9 // 10))
FirstPaintProbe(table)
window.show()
app.exec()
with open("/proc/self/status", encoding="ascii") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmRSS:")), flush=True)
'''


# --------------------------------------------------------------------------- helpers


def rss_mb() -> float:
    """This process's resident set size (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


def child_env(home: Path) -> dict[str, str]:
    """Environment for subprocesses: offscreen Qt, HOME and settings in the temp dir."""
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )


def run_child(command: Sequence[str], env: dict[str, str]) -> tuple[float, list[str]]:
    """Wall seconds of one subprocess, and the words it printed on stdout."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, done.stdout.split()


def git_revision() -> str:
    """The checkout's commit, '+' when relate/ or ui/ differ from it ('?' outside git)."""
    try:
        git = ["git", "-C", str(ROOT)]
        head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True)
        dirty = subprocess.run([*git, "diff", "--quiet", "HEAD", "--", "relate", "ui"]).returncode
    except OSError:
        return "?"
    return (head.stdout.decode().strip() or "?") + ("+" if dirty else "")


def worst_of_runs(runs: Sequence[Samples], key: str) -> float:
    """The largest single sample of one key over every run."""
    return max(max(run[key]) for run in runs)


def lost_none_refs() -> float:
    """References to None that one void Qt call drops (0 on a sound PySide6)."""
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(100):
        label.setText("x")
    return (before - sys.getrefcount(None)) / 100


def guard_refcount_bug() -> float:
    """Work around a PySide6 refcount bug so the run can finish; returns its size.

    PySide6 6.12 on Python < 3.12 (where None and True are not immortal) drops a reference
    to None on every void call and to True on every Signal.emit, so after some thousands
    of calls the process aborts ('Fatal Python error: none_dealloc'). Give None, True and
    False a large reserve of references; timings are unaffected.
    """
    lost = lost_none_refs()
    if lost and sys.version_info < (3, 12):
        log(f"WARNING: PySide6 drops {lost:g} reference(s) to None per void call; patching")
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += REFCOUNT_RESERVE
    return lost


def settle() -> None:
    """Let Qt handle what is pending (posted updates, deferred deletes)."""
    QApplication.processEvents()


def application() -> QApplication:
    """The one QApplication, offscreen."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication.instance() or QApplication([sys.argv[0]])


def open_window(db_path: Path, settings_path: Path) -> MainWindow:
    """The real main window on `db_path`, shown and exposed."""
    open_database(db_path)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings)
    window.show()
    if not QTest.qWaitForWindowExposed(window):
        raise RuntimeError("the window was never exposed")
    # It opens on Today; typing, sorting and editing are timed in the list.
    window.navigator.choose_view("all")
    settle()
    return window


def close_window(window: MainWindow) -> None:
    """Close the window and the database."""
    window.close()
    window.deleteLater()
    settle()
    close_database()


# --------------------------------------------------------------------------- 1. start-up


def startup_commands(workdir: Path, db_path: Path, n: int) -> dict[str, list[str]]:
    """The three processes timed for start-up; writes the bare-window script."""
    bare = workdir / "bare_window.py"
    bare.write_text(BARE_WINDOW.format(rows=n), encoding="utf-8")
    python = sys.executable
    return {
        "app": [python, "-m", "ui.launcher", "--db", str(db_path), "--quit-after-load"],
        "bare": [python, str(bare)],
        "import": [python, "-c", "import PySide6.QtWidgets"],
    }


def startup_run(commands: dict[str, list[str]], env: dict[str, str]) -> Samples:
    """One run of each process: wall s, printed ms to first paint, bare RSS MB."""
    app_wall, app_out = run_child(commands["app"], env)
    bare_wall, bare_out = run_child(commands["bare"], env)
    import_wall, _ = run_child(commands["import"], env)
    return {
        "app wall": [app_wall],
        "app paint": [float(app_out[-1])],
        "bare wall": [bare_wall],
        "bare paint": [float(bare_out[0])],
        "bare rss": [int(bare_out[1]) / 1024],
        "import wall": [import_wall],
    }


def startup_runs(commands: dict[str, list[str]], env: dict[str, str], repeat: int) -> list[Samples]:
    """Timed runs after one warm-up run (page cache, font cache)."""
    startup_run(commands, env)
    runs = []
    for i in range(repeat):
        runs.append(startup_run(commands, env))
        log(f"  run {i + 1}: " + ", ".join(f"{k} {v[0]:.3f}" for k, v in runs[-1].items()))
    return runs


def startup_figures(runs: Sequence[Samples]) -> list[Figure]:
    """Start-up against the bare window."""
    med = {key: median_of_runs(runs, key, "median") for key in runs[0]}
    wall, bare_wall = med["app wall"], med["bare wall"]
    paint, bare_paint = med["app paint"], med["bare paint"]
    ratio = STARTUP_TARGET_RATIO
    return [
        Figure(
            "start-up, whole process",
            wall,
            "s",
            bare_wall,
            "bare window",
            f"< {STARTUP_TARGET_S:g} s, <= {ratio:g}x [1]",
            wall < STARTUP_TARGET_S and wall <= ratio * bare_wall,
        ),
        Figure(
            "start-up, to first rows",
            paint,
            "ms",
            bare_paint,
            "bare window",
            f"<= {ratio:g}x [1]",
            paint <= ratio * bare_paint,
        ),
        Figure("import PySide6.QtWidgets", med["import wall"], "s", target="[1]"),
    ]


# --------------------------------------------------------------------------- 2. typing


def set_search(window: MainWindow, text: str) -> None:
    """What the pane does once typing pauses: search, then paint the visible rows."""
    pane = window.list_pane
    pane.search_box.blockSignals(True)  # no debounce timer: its 80 ms are deliberate
    pane.search_box.setText(text)
    pane.search_box.blockSignals(False)
    pane._on_search_timer_timeout()
    pane.table.viewport().repaint()


def select_row(window: MainWindow, row: int) -> None:
    """Make the contact on this row of the list current (shown in the contact pane)."""
    model = window.list_pane.model
    window.list_pane.select_contact(model.contact_id(row))
    settle()


def select_middle(window: MainWindow) -> None:
    """Make a contact from the middle of the list current."""
    select_row(window, window.list_pane.model.rowCount() // 2)


def typing_run(window: MainWindow, chars: Sequence[str]) -> Samples:
    """Each first character typed into an empty box, beside `matching_ids` alone."""
    pane = window.list_pane
    samples: Samples = {"type": [], "matching_ids": [], "matches": [], "kept": []}
    for char in chars:
        select_row(window, 0)  # the contact start-up selects (not timed)
        samples["type"].append(timed(set_search, window, char) * 1000)
        samples["matches"].append(pane.model.rowCount())
        samples["kept"].append(float(pane.current_id() is not None))
        set_search(window, "")  # clearing is not timed
        settle()
        samples["matching_ids"].append(timed(search.matching_ids, char) * 1000)
    return samples


def typing_figures(runs: Sequence[Samples]) -> list[Figure]:
    """Median and p95 over the characters, medians over runs."""
    figures = []
    for stat, limit in (("median", TYPING_MEDIAN_TARGET_MS), ("p95", TYPING_P95_TARGET_MS)):
        value, base = (median_of_runs(runs, key, stat) for key in ("type", "matching_ids"))
        figures.append(
            Figure(
                f"type 1 char, {stat}",
                value,
                "ms",
                base,
                "search.matching_ids",
                f"< {limit:g} ms [2]",
                value < limit,
            )
        )
    return figures


def slowest_chars(runs: Sequence[Samples], count: int = 8) -> list[dict[str, object]]:
    """The characters that took longest to type (medians over runs)."""
    rows = []
    for i, char in enumerate(CHARS):
        row: dict[str, object] = {"char": char, "matches": runs[0]["matches"][i]}
        row["kept"] = "yes" if runs[0]["kept"][i] else "no"
        for key in ("type", "matching_ids"):
            row[f"{key} ms"] = statistics.median(run[key][i] for run in runs)
        rows.append(row)
    return sorted(rows, key=lambda row: row["type ms"], reverse=True)[:count]


# --------------------------------------------------------------------------- 3. sorting


def sort_and_paint(window: MainWindow, column: int, order: Qt.SortOrder) -> None:
    """The model's sort, then a synchronous paint of the visible rows."""
    window.list_pane.model.sort(column, order)
    window.list_pane.table.viewport().repaint()


def sort_run(window: MainWindow, conn: sqlite3.Connection) -> Samples:
    """Every column in both orders, each beside the raw fetch of all ids."""
    samples: Samples = {"raw ids": []}
    for column, (header, *_) in enumerate(COLUMNS):
        for name, order in ORDERS.items():
            samples[f"{header} {name}"] = [timed(sort_and_paint, window, column, order) * 1000]
            settle()
            samples["raw ids"].append(timed(lambda: conn.execute(RAW_IDS_SQL).fetchall()) * 1000)
    sort_and_paint(window, 0, Qt.SortOrder.AscendingOrder)  # back to the default order
    settle()
    return samples


def sort_by_column(runs: Sequence[Samples]) -> dict[str, dict[str, float]]:
    """Per column: median ms of each order and of the raw id fetch."""
    raw = median_of_runs(runs, "raw ids", "median")
    table = {}
    for header, *_ in COLUMNS:
        row = {f"{name} ms": median_of_runs(runs, f"{header} {name}", "median") for name in ORDERS}
        table[header] = {**row, "raw ids ms": raw}
    return table


def sort_figures(by_column: dict[str, dict[str, float]]) -> list[Figure]:
    """The worst column and order, against the raw fetch of every id."""
    worst_ms, worst = max((max(row["asc ms"], row["desc ms"]), h) for h, row in by_column.items())
    raw = by_column[worst]["raw ids ms"]
    target = f"< {SORT_TARGET_MS:g} ms [3]"
    passed = worst_ms < SORT_TARGET_MS
    return [Figure(f"sort, worst ({worst})", worst_ms, "ms", raw, RAW_IDS_SQL, target, passed)]


# --------------------------------------------------------------------------- 4. memory


def scroll_to_bottom(window: MainWindow) -> int:
    """Scroll the list from top to bottom one page at a time, painting every page."""
    table = window.list_pane.table
    bar = table.verticalScrollBar()
    bar.setValue(0)
    pages = 0
    while bar.value() < bar.maximum():
        bar.setValue(bar.value() + bar.pageStep())
        table.viewport().repaint()
        pages += 1
    return pages


def memory_probe(db_path: Path, settings_path: Path) -> None:
    """Child process: load the window, scroll to the bottom, print RSS figures as JSON."""
    application()
    guard_refcount_bug()
    window = open_window(db_path, settings_path)
    loaded = rss_mb()
    start = time.perf_counter()
    pages = scroll_to_bottom(window)
    seconds = time.perf_counter() - start
    result = {"rss loaded": loaded, "rss scrolled": rss_mb(), "page ms": seconds * 1000 / pages}
    print(json.dumps({**result, "pages": pages}), flush=True)
    close_window(window)


def memory_runs(
    db_path: Path, settings_path: Path, env: dict[str, str], repeat: int
) -> list[Samples]:
    """One fresh process per run, so nothing this script allocated counts."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--memory-probe",
        str(db_path),
        str(settings_path),
    ]
    runs = []
    for i in range(repeat):
        _, words = run_child(command, env)
        result = json.loads(" ".join(words))
        runs.append({key: [value] for key, value in result.items()})
        log(f"  run {i + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in result.items()))
    return runs


def memory_figures(runs: Sequence[Samples], bare_rss: float) -> list[Figure]:
    """RSS after loading and scrolling, against the bare window's RSS."""
    scrolled, loaded, page = (
        median_of_runs(runs, key, "median") for key in ("rss scrolled", "rss loaded", "page ms")
    )
    pages = int(runs[0]["pages"][0])
    return [
        Figure(
            "RSS, loaded + scrolled",
            scrolled,
            "MB",
            bare_rss,
            "bare window",
            f"< {RSS_TARGET_MB:g} MB [4]",
            scrolled < RSS_TARGET_MB,
        ),
        Figure("RSS, loaded", loaded, "MB", bare_rss, "bare window", "[4]"),
        Figure(f"scroll 1 page ({pages} pages)", page, "ms", target="[4]"),
    ]


# --------------------------------------------------------------------------- 5. edits


def log_from_timeline(window: MainWindow, summary: str) -> None:
    """Quick entry on the Timeline tab, with the refreshes it causes."""
    tab = window.contact_pane.timeline
    tab.summary.setText(summary)
    tab.log_entry()
    settle()


def edit_company(window: MainWindow, company: str) -> None:
    """Commit the Card's company field, with the refreshes it causes."""
    edit = window.contact_pane.card.lines["company"]
    edit.setText(company)
    edit.editingFinished.emit()
    settle()


def undo(window: MainWindow) -> None:
    """Take back the last edit, so every run edits the same data (not timed)."""
    window.stack.undo()
    settle()


def core_log_ms(contact_id: int, summary: str) -> float:
    """Baseline: the core's write alone, in ms (taken back untimed)."""
    start = time.perf_counter()
    entry_id = timeline.log_interaction(
        contact_id, "conversation", date=dt.date.today(), summary=summary
    )
    elapsed = time.perf_counter() - start
    timeline.delete_interaction(entry_id)
    return elapsed * 1000


def core_update_ms(contact_id: int, company: str, old: str) -> float:
    """Baseline: the core's update alone, in ms (taken back untimed)."""
    elapsed = timed(lambda: contacts.update_contact(contact_id, company=company))
    contacts.update_contact(contact_id, company=old)
    return elapsed * 1000


def edits_run(window: MainWindow, count: int) -> Samples:
    """`count` quick entries and company edits, each beside the core call alone."""
    pane = window.contact_pane
    contact_id, old = pane.card.contact.id, pane.card.contact.company
    samples: Samples = {"log": [], "core log": [], "card": [], "core update": []}
    for i in range(count):
        pane.tabs.setCurrentWidget(pane.timeline)
        samples["log"].append(timed(log_from_timeline, window, f"Bench call {i}") * 1000)
        undo(window)
        samples["core log"].append(core_log_ms(contact_id, f"Bench call {i}"))
        pane.tabs.setCurrentWidget(pane.card)
        samples["card"].append(timed(edit_company, window, f"Bench Co {i}") * 1000)
        undo(window)
        samples["core update"].append(core_update_ms(contact_id, f"Bench Co {i}", old))
    return samples


def edit_stat(runs: Sequence[Samples], key: str, stat: str) -> float:
    """Median over runs of the run's median, or the worst single sample of all runs."""
    return worst_of_runs(runs, key) if stat == "max" else median_of_runs(runs, key, stat)


def edit_figures(runs: Sequence[Samples]) -> list[Figure]:
    """Median and worst of each edit against its core call."""
    figures = []
    for key, (name, base_key, base_name) in EDITS.items():
        for stat in ("median", "max"):
            value, base = (edit_stat(runs, k, stat) for k in (key, base_key))
            target, passed = f"< {EDIT_TARGET_MS:g} ms [5]", value < EDIT_TARGET_MS
            figures.append(Figure(f"{name}, {stat}", value, "ms", base, base_name, target, passed))
    return figures


# --------------------------------------------------------------------------- in-process runs


@dataclass(slots=True)
class WindowRuns:
    """Timed runs of the in-process figures."""

    typing: list[Samples]
    sorting: list[Samples]
    edits: list[Samples]


def window_pass(window: MainWindow, conn: sqlite3.Connection) -> tuple[Samples, Samples, Samples]:
    """One run of typing, sorting and edits."""
    typing = typing_run(window, CHARS)
    sorting = sort_run(window, conn)
    select_middle(window)
    return typing, sorting, edits_run(window, EDITS_PER_RUN)


def window_runs(window: MainWindow, db_path: Path, repeat: int) -> WindowRuns:
    """Timed runs after one warm-up pass."""
    conn = raw_connect(db_path)
    try:
        window_pass(window, conn)
        runs = WindowRuns([], [], [])
        for i in range(repeat):
            typing, sorting, edits = window_pass(window, conn)
            runs.typing.append(typing)
            runs.sorting.append(sorting)
            runs.edits.append(edits)
            medians = {k: statistics.median(v) for k, v in {**typing, **edits}.items()}
            log(
                f"  run {i + 1} (medians, ms): "
                + ", ".join(f"{k} {v:.1f}" for k, v in medians.items())
            )
    finally:
        conn.close()
    return runs


def profile_pass(window: MainWindow, db_path: Path, top: int) -> str:
    """cProfile of one more pass of each in-process figure, top entries by cumulative time."""
    conn = raw_connect(db_path)
    steps: dict[str, Callable[[], object]] = {
        "typing": lambda: typing_run(window, CHARS),
        "sorting": lambda: sort_run(window, conn),
        "edits": lambda: (select_middle(window), edits_run(window, EDITS_PER_RUN)),
    }
    out = io.StringIO()
    for name, step in steps.items():
        profiler = cProfile.Profile()
        profiler.runcall(step)
        out.write(f"\n===== profile: {name} (one pass, sorted by cumulative) =====\n")
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    conn.close()
    return out.getvalue()


# --------------------------------------------------------------------------- report


FOOTNOTES = (
    "[1] Whole process: time.perf_counter around `python -m ui.launcher --db FILE"
    " --quit-after-load` (interpreter, imports, database, window, first painted rows, quit)."
    " To first rows: the ms the app prints, from process start (/proc) to the list's first"
    " paint (ui/startup_probe.py). Baseline: a bare QMainWindow around a QTableView over a"
    " trivial model with N rows x 7 columns, sized like the real window, timed by the same"
    " FirstPaintProbe. Timed runs start with the settings the warm-up run saved (a returning"
    " user). `import PySide6.QtWidgets` is `python -c` wall time, for reference.",
    "[2] One first character (a-z, digits, accents; 40 in all) typed into the empty search"
    " box, with the contact start-up selects (the list's first row) current: from setText"
    " (signals blocked) through the pane's search handler (_on_search_timer_timeout:"
    " model.set_search, then keep_current, which selects that contact again and reloads the"
    " contact pane when it still matches, else clears the pane) to a synchronous repaint of"
    " the list's viewport, which fetches the visible rows. The 80 ms typing debounce"
    " (SEARCH_DELAY_MS) is deliberate and not counted; clearing the box is not counted."
    " Baseline: relate.search.matching_ids(char).",
    "[3] model.sort(column, order) plus a synchronous repaint, every column in both orders,"
    " on the unfiltered list; the worst column and order is judged. Baseline: the raw fetch"
    " of every id through stdlib sqlite3 (SELECT id FROM contact, fetchall).",
    "[4] VmRSS of a fresh process (this script, --memory-probe) that builds and shows the"
    " real window, then scrolls the list from top to bottom one page at a time (every page,"
    " a synchronous repaint each). Baseline: VmRSS of the bare-window script after its first"
    " paint.",
    "[5] Timeline quick entry (summary set, log_entry(), processEvents) and a Card edit"
    " (company setText + editingFinished, processEvents) on a contact from the middle of the"
    " list, including the list, card and timeline refreshes; each edit is undone untimed so"
    " every run edits the same data. median = median over runs of the run's median; max ="
    " the worst single edit of all runs. Baseline: the core call alone.",
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
    return "\n".join(
        [
            f"Relate UI benchmark: {head}",
            f"Platform: {facts['platform']}, QT_QPA_PLATFORM=offscreen",
            f"repeat {extra['repeat']} (medians over runs)",
            "",
            figures_table(figures),
            "",
            *(textwrap.fill(note, 100) for note in FOOTNOTES),
            "",
            "Sort by column (ms, medians):",
            sort_table(extra["sort_by_column"]),
            "",
            "Slowest first characters (ms, medians). matches: rows listed;",
            "kept: the current contact still matched, so the contact pane reloaded it.",
            chars_table(extra["slowest_chars"]),
            "",
            textwrap.fill(f"Phases: {phases}", 100),
            *refcount_warning(extra["none_refs_lost_per_void_call"]),
        ]
    )


# --------------------------------------------------------------------------- main


def run(n: int, repeat: int, seed: int, profile: int) -> tuple[dict, list[Figure], dict]:
    """Measure everything in a temporary directory."""
    phases = Phases()
    facts = {**machine_facts(n), "qt": qVersion(), "pyside6": PySide6.__version__}
    facts["commit"] = git_revision()  # the code measured, as of the start of the run
    with tempfile.TemporaryDirectory(prefix="relate-ui-bench-") as tmp:
        workdir = Path(tmp)
        db_path, settings_path = workdir / "bench.sqlite", workdir / "settings.ini"
        env = child_env(workdir / "home")
        with phases.stage("fill database"):
            fill(db_path, n, seed)
        with phases.stage("start-up"):
            commands = startup_commands(workdir, db_path, n)
            startup = startup_runs(commands, env, repeat)
        with phases.stage("memory"):
            memory = memory_runs(db_path, settings_path, env, repeat)
        with phases.stage("typing, sorting, edits"):
            application()
            lost_refs = guard_refcount_bug()
            window = open_window(db_path, settings_path)
            runs = window_runs(window, db_path, repeat)
            profiled = profile_pass(window, db_path, profile) if profile else ""
            close_window(window)
    by_column = sort_by_column(runs.sorting)
    figures = [
        *startup_figures(startup),
        *typing_figures(runs.typing),
        *sort_figures(by_column),
        *memory_figures(memory, median_of_runs(startup, "bare rss", "median")),
        *edit_figures(runs.edits),
    ]
    extra = {
        "repeat": repeat,
        "sort_by_column": by_column,
        "slowest_chars": slowest_chars(runs.typing),
        "phases_s": phases.seconds,
        "none_refs_lost_per_void_call": lost_refs,
    }
    if profiled:
        log(profiled)
    return facts, figures, extra


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="N (100000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (5)")
    parser.add_argument("--seed", type=int, default=42, help="data seed (42)")
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
    facts, figures, extra = run(args.contacts, args.repeat, args.seed, args.profile)
    print((report_json if args.json else report_text)(facts, figures, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
