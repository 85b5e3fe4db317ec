"""Memory: a fresh process shows the real window and scrolls the whole list."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from run import Figure, Samples, log, median_of_runs
from ui_startup import run_child
from ui_window import application, close_window, guard_refcount_bug, open_window

from ui.window.main_window import MainWindow

RSS_TARGET_MB = 250.0


def rss_mb() -> float:
    """This process's resident set size (VmRSS), in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        line = next(line for line in status if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024


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
    window.navigator.choose_view("all")
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
        str(Path(__file__).resolve().with_name("ui_run.py")),
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


def memory_figures(runs: Sequence[Samples], bare_rss: float, shape: str) -> list[Figure]:
    """RSS after loading and scrolling, against the bare window's RSS."""
    scrolled, loaded, page = (
        median_of_runs(runs, key, "median") for key in ("rss scrolled", "rss loaded", "page ms")
    )
    pages = int(runs[0]["pages"][0])
    return [
        Figure(
            f"{shape}: RSS, loaded + scrolled",
            scrolled,
            "MB",
            bare_rss,
            "bare window",
            f"< {RSS_TARGET_MB:g} MB [4]",
            scrolled < RSS_TARGET_MB,
        ),
        Figure(f"{shape}: RSS, loaded", loaded, "MB", bare_rss, "bare window", "[4]"),
        Figure(f"{shape}: scroll 1 page ({pages} pages)", page, "ms", target="[4]"),
    ]
