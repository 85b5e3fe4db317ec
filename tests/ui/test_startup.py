"""Starting the real app: `--quit-after-load` reports its start-up time and exits."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from relate import bulk

REPO = Path(__file__).resolve().parents[2]


def test_quit_after_load_prints_the_milliseconds_and_exits_0(db_path: Path, tmp_path: Path) -> None:
    bulk.insert_contacts([bulk.NewContact(f"P{n}", "Smith") for n in range(50)])
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(tmp_path),
    )
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db_path), "--quit-after-load"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    elapsed = int(result.stdout.strip())
    assert 0 < elapsed < 60_000
    assert "Traceback" not in result.stderr


def test_ui_never_reaches_into_the_database_directly() -> None:
    forbidden = {"peewee", "playhouse", "sqlite3"}
    for path in (REPO / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"
            assert "relate.models" not in names, f"{path.name} imports the models"
