"""The real window in this process: start-up to a filled Today, typing, sorting,
scrolling, opening contacts and edits, each beside a baseline, with every statement
the window's thread runs timed (`query_timer.py`)."""

from __future__ import annotations

import cProfile
import ctypes
import io
import os
import pstats
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from query_timer import QueryTimer
from run import Figure, Samples, log, median_of_runs, raw_connect, timed
from ui_edits import EDITS_PER_RUN, edits_run

from relate.store import search
from relate.store.db import close_database, open_database
from ui.app import settle_after_start_up
from ui.contact.contact_table_model import COLUMNS
from ui.window.main_window import MainWindow

TYPING_MEDIAN_TARGET_MS = 30.0
TYPING_P95_TARGET_MS = 60.0
SORT_TARGET_MS = 100.0
QUERY_TARGET_MS = 50.0  # one statement on the window's thread
SCROLL_PAGES = 40  # per run, from the middle of the list
CONTACTS_OPENED = 20  # per run, spread over the list
# First characters typed: a-z, some digits and some accented letters (40 in all).
CHARS = (*"abcdefghijklmnopqrstuvwxyz", *"0137", *"éèüöñçøåäß")
ORDERS = {"asc": Qt.SortOrder.AscendingOrder, "desc": Qt.SortOrder.DescendingOrder}
RAW_IDS_SQL = "SELECT id FROM contact"
REFCOUNT_RESERVE = 1 << 40  # see guard_refcount_bug
# The paths a user takes whose statements on the window's thread are judged.
JUDGED_PATHS = ("start-up", "typing", "scrolling", "opening a contact")


# --------------------------------------------------------------------------- helpers


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
    """The real main window on `db_path`, shown and exposed, Today filled in and the list
    read (both come after the first paint)."""
    open_database(db_path)
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(db_path, settings)
    window.show()
    if not QTest.qWaitForWindowExposed(window):
        raise RuntimeError("the window was never exposed")
    wait_for(lambda: window.today_page.view is not None and window.list_pane.model.rowCount())
    settle_after_start_up()  # as the app does once it has started
    return window


def wait_for(condition: Callable[[], object], seconds: float = 30.0) -> float:
    """Handle events until `condition()` holds; the seconds it took."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > seconds:
            raise RuntimeError("the window never got there")
        QApplication.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def close_window(window: MainWindow) -> None:
    """Close the window and the database."""
    window.close()
    window.deleteLater()
    settle()
    close_database()


# --------------------------------------------------------------------------- 1. start-up


def startup_run(db_path: Path, settings_path: Path) -> Samples:
    """One window built and shown in this process: ms to its first paint, to Today
    filled in by the worker, and to the list read."""
    start = time.perf_counter()
    open_database(db_path)
    window = MainWindow(db_path, QSettings(str(settings_path), QSettings.Format.IniFormat))
    window.show()
    QTest.qWaitForWindowExposed(window)
    painted = time.perf_counter()
    wait_for(lambda: window.today_page.view is not None)
    filled = time.perf_counter()
    wait_for(lambda: window.list_pane.model.rowCount())
    listed = time.perf_counter()
    close_window(window)
    return {
        "shown": [(painted - start) * 1000],
        "today filled": [(filled - start) * 1000],
        "list read": [(listed - start) * 1000],
    }


def startup_in_process_figures(runs: Sequence[Samples], shape: str) -> list[Figure]:
    """When the opening page is complete, informational."""
    return [
        Figure(f"{shape}: window {key}", median_of_runs(runs, key, "median"), "ms", target="[6]")
        for key in ("shown", "today filled", "list read")
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


def typing_figures(runs: Sequence[Samples], shape: str) -> list[Figure]:
    """Median and p95 over the characters, medians over runs."""
    figures = []
    for stat, limit in (("median", TYPING_MEDIAN_TARGET_MS), ("p95", TYPING_P95_TARGET_MS)):
        value, base = (median_of_runs(runs, key, stat) for key in ("type", "matching_ids"))
        figures.append(
            Figure(
                f"{shape}: type 1 char, {stat}",
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
    # Away from the list's own order first: sorting by the order it has reads nothing.
    sort_and_paint(window, len(COLUMNS) - 1, Qt.SortOrder.DescendingOrder)
    settle()
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


def sort_figures(by_column: dict[str, dict[str, float]], shape: str) -> list[Figure]:
    """The worst column and order, against the raw fetch of every id."""
    worst_ms, worst = max((max(row["asc ms"], row["desc ms"]), h) for h, row in by_column.items())
    raw = by_column[worst]["raw ids ms"]
    target = f"< {SORT_TARGET_MS:g} ms [3]"
    passed = worst_ms < SORT_TARGET_MS
    name = f"{shape}: sort, worst ({worst})"
    return [Figure(name, worst_ms, "ms", raw, RAW_IDS_SQL, target, passed)]


# --------------------------------------------------------------------------- 4. scrolling


def scroll_run(window: MainWindow, pages: int = SCROLL_PAGES) -> Samples:
    """Page down from the middle of the list, a synchronous repaint each: ms per page."""
    table = window.list_pane.table
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    samples: Samples = {"page": []}
    for _ in range(pages):
        start = time.perf_counter()
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        table.viewport().repaint()
        samples["page"].append((time.perf_counter() - start) * 1000)
    return samples


# --------------------------------------------------------------------------- 5. opening a contact


def open_contacts_run(window: MainWindow, count: int = CONTACTS_OPENED) -> Samples:
    """Make contacts spread over the list current, one after another: the card, the
    timeline and the follow-ups read each time (ms each)."""
    rows = window.list_pane.model.rowCount()
    samples: Samples = {"open": []}
    for i in range(count):
        row = (i * 7919) % rows  # spread, the same every run
        samples["open"].append(timed(select_row, window, row) * 1000)
    return samples


def query_figures(timer: QueryTimer, shape: str) -> list[Figure]:
    """The slowest statement on the window's thread along each path a user takes."""
    figures = []
    for path in timer.paths():
        slowest = timer.slowest(path)
        if slowest is None:
            continue
        judged = path in JUDGED_PATHS
        figures.append(
            Figure(
                f"{shape}: slowest query, {path}",
                slowest.ms,
                "ms",
                target=f"< {QUERY_TARGET_MS:g} ms [7]" if judged else "[7]",
                passed=slowest.ms < QUERY_TARGET_MS if judged else None,
            )
        )
    return figures


def slowest_statements(timer: QueryTimer) -> dict[str, str]:
    """The SQL of each path's slowest statement on the window's thread, for the report."""
    found = {}
    for path in timer.paths():
        slowest = timer.slowest(path)
        if slowest is not None:
            found[path] = f"{slowest.ms:.1f} ms: {slowest.sql[:160]}"
    return found


# --------------------------------------------------------------------------- in-process runs


@dataclass(slots=True)
class WindowRuns:
    """Timed runs of the in-process figures."""

    typing: list[Samples]
    sorting: list[Samples]
    scrolling: list[Samples]
    opening: list[Samples]
    edits: list[Samples]


def window_pass(window: MainWindow, conn: sqlite3.Connection, timer: QueryTimer) -> list[Samples]:
    """One run of typing, sorting, scrolling, opening contacts and edits, each under its
    path's name in the query timer."""
    with timer.path("typing"):
        typing = typing_run(window, CHARS)
    with timer.path("sorting"):
        sorting = sort_run(window, conn)
    with timer.path("scrolling"):
        scrolling = scroll_run(window)
    with timer.path("opening a contact"):
        opening = open_contacts_run(window)
    select_middle(window)
    with timer.path("edits"):
        edits = edits_run(window, EDITS_PER_RUN)
    return [typing, sorting, scrolling, opening, edits]


def window_runs(window: MainWindow, db_path: Path, repeat: int, timer: QueryTimer) -> WindowRuns:
    """Timed runs after one warm-up pass (its statements are not kept)."""
    window.navigator.choose_view("all")  # typing, sorting and editing are done in the list
    settle()
    conn = raw_connect(db_path)
    try:
        with timer.path("warm-up"):
            window_pass(window, conn, timer)
        runs = WindowRuns([], [], [], [], [])
        for i in range(repeat):
            samples = window_pass(window, conn, timer)
            for kept, sample in zip(
                (runs.typing, runs.sorting, runs.scrolling, runs.opening, runs.edits),
                samples,
                strict=True,
            ):
                kept.append(sample)
            medians = {
                k: statistics.median(v) for sample in samples for k, v in sample.items() if v
            }
            log(
                f"  run {i + 1} (medians, ms): "
                + ", ".join(f"{k} {v:.1f}" for k, v in medians.items())
            )
    finally:
        conn.close()
    timer.statements.pop("warm-up", None)
    return runs


def path_figures(runs: WindowRuns, shape: str) -> list[Figure]:
    """Scrolling a page and opening a contact, medians over runs (informational)."""
    return [
        Figure(
            f"{shape}: scroll 1 page (from the middle)",
            median_of_runs(runs.scrolling, "page", "median"),
            "ms",
            target="[4]",
        ),
        Figure(
            f"{shape}: open a contact",
            median_of_runs(runs.opening, "open", "median"),
            "ms",
            target="[8]",
        ),
    ]


def profile_pass(window: MainWindow, db_path: Path, top: int) -> str:
    """cProfile of one more pass of each in-process figure, top entries by cumulative time."""
    conn = raw_connect(db_path)
    steps: dict[str, Callable[[], object]] = {
        "typing": lambda: typing_run(window, CHARS),
        "sorting": lambda: sort_run(window, conn),
        "scrolling": lambda: scroll_run(window),
        "opening a contact": lambda: open_contacts_run(window),
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
