"""The core runs without a screen: no `relate` module loads Qt or the `ui` package."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import relate

REPO = Path(__file__).resolve().parents[2]


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [info.name for info in pkgutil.walk_packages(relate.__path__, "relate.")]
    modules = [name for name in modules if name != "relate.__main__"]
    assert "relate.cli" in modules and "relate.queries" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_cli_command_through_the_launcher_does_not_import_qt(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from ui.launcher import main\n"
        f"status = main(['--db', {str(tmp_path / 'x.sqlite')!r}, 'list'])\n"
        "print(status, any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "False"]
