"""Start-up in a process of its own: the app's window against a bare window.

The app runs `python -m ui.launcher --db FILE --quit-after-load`, which prints the ms
from process start to the first paint of its opening page; the baseline is a bare
QMainWindow around a QTableView over N trivial rows, timed by the same probe.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from run import Figure, Samples, log, median_of_runs

ROOT = Path(__file__).resolve().parent.parent
STARTUP_TARGET_S = 0.6
STARTUP_TARGET_RATIO = 3.0

BARE_WINDOW = '''\
"""Baseline: a bare QMainWindow around a QTableView over {rows} trivial rows x 7 columns.
Prints the ms from process start to the first paint (ui.window.startup_probe), then VmRSS in kB."""
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

from ui.window.startup_probe import FirstPaintProbe


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


def child_env(home: Path) -> dict[str, str]:
    """Environment for subprocesses: offscreen Qt, HOME and settings in the temp dir, and
    Python's bytecode cache on, as an installed app has it (an environment that turns it
    off, as some sandboxes do, would time compiling the app's hundred modules anew at
    every start, where the bare window has none)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(command: Sequence[str], env: dict[str, str]) -> tuple[float, list[str]]:
    """Wall seconds of one subprocess, and the words it printed on stdout."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr}")
    return wall, done.stdout.split()


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


def startup_figures(runs: Sequence[Samples], shape: str) -> list[Figure]:
    """Start-up against the bare window, on one shape of data."""
    med = {key: median_of_runs(runs, key, "median") for key in runs[0]}
    wall, bare_wall = med["app wall"], med["bare wall"]
    paint, bare_paint = med["app paint"], med["bare paint"]
    ratio = STARTUP_TARGET_RATIO
    return [
        Figure(
            f"{shape}: start-up, whole process",
            wall,
            "s",
            bare_wall,
            "bare window",
            f"< {STARTUP_TARGET_S:g} s, <= {ratio:g}x [1]",
            wall < STARTUP_TARGET_S and wall <= ratio * bare_wall,
        ),
        Figure(
            f"{shape}: start-up, to first paint",
            paint,
            "ms",
            bare_paint,
            "bare window",
            f"<= {ratio:g}x [1]",
            paint <= ratio * bare_paint,
        ),
        Figure(f"{shape}: import PySide6.QtWidgets", med["import wall"], "s", target="[1]"),
    ]
