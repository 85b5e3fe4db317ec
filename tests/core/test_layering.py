"""The core runs without a screen: no `relate` module loads Qt or the `ui` package."""

from __future__ import annotations

import ast
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


# What `relate import linkedin` never needs: the window, the brief's PDF, calendars, the
# name splitter of address books, vCards, and the modules of the other commands.
NOT_FOR_AN_IMPORT = (
    "PySide6",
    "shiboken6",
    "reportlab",
    "pypdfium2",
    "icalendar",
    "nameparser",
    "vobject",
    "zoneinfo",
    "relate.brief",
    "relate.meetings",
    "relate.today",
    "relate.network_stats",
    "relate.who_knows",
    "relate.importers.address_book_csv",
    "relate.importers.address_book_columns",
    "relate.importers.address_book_rows",
    "relate.importers.full_names",
    "relate.merge",
    "relate.contacts",
    "relate.queries",
)


def _one_connection(folder: Path) -> Path:
    """A LinkedIn export of one connection, in `folder`."""
    path = folder / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,https://www.linkedin.com/in/ann-lee,,Acme,CEO,01 Jan 2024\n",
        encoding="utf-8",
    )
    return path


def test_a_linkedin_import_loads_only_what_it_needs(tmp_path: Path) -> None:
    connections = _one_connection(tmp_path)
    db = str(tmp_path / "r.sqlite")
    code = (
        "import sys\n"
        "from ui.launcher import main\n"
        f"status = main(['--db', {db!r}, 'import', 'linkedin', {str(connections)!r}])\n"
        f"loaded = [m for m in sys.modules if m.split('.')[0] in {NOT_FOR_AN_IMPORT!r}\n"
        f"          or m in {NOT_FOR_AN_IMPORT!r}]\n"
        "print(status, sorted(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines()[-1] == "0 []"


NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib.request",  # (urllib.parse only parses: LinkedIn profile URLs)
    "ftplib",
    "smtplib",
    "requests",
    "httpx",
    "aiohttp",
    "PySide6.QtNetwork",
}


def test_no_module_of_the_app_can_reach_the_network() -> None:
    for package in ("relate", "ui"):
        for path in (REPO / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom):
                    base = node.module or ""
                    names = [base] + [f"{base}.{alias.name}" for alias in node.names]
                else:
                    continue
                for name in names:
                    reached = any(name == m or name.startswith(f"{m}.") for m in NETWORK_MODULES)
                    assert not reached, f"{path.relative_to(REPO)} imports {name}"


def test_a_whole_session_opens_no_socket(tmp_path: Path) -> None:
    """The command line, from import to brief to exports, with sockets made to fail."""
    connections = _one_connection(tmp_path)
    db = str(tmp_path / "r.sqlite")
    steps = [
        ["import", "linkedin", str(connections)],
        ["log", "Ann", "call", "--summary", "catch-up"],
        ["brief", "Ann", "-o", str(tmp_path / "b.pdf")],
        ["meet", "Ann", "--at", "2030-01-02 10:00"],
        ["ics", str(tmp_path / "m.ics")],
        ["export", "json", str(tmp_path / "all.json")],
        ["backup"],
        ["today"],
        ["who", "who knows Acme"],
    ]
    code = (
        "import socket, sys\n"
        "def refuse(*args, **kwargs):\n"
        "    raise AssertionError('network access attempted')\n"
        "socket.socket.connect = refuse\n"
        "socket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from relate.cli import main\n"
        f"for step in {steps!r}:\n"
        f"    status = main(['--db', {db!r}, *step])\n"
        "    if status != 0:\n"
        "        sys.exit(f'{step[0]} failed: {status}')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
