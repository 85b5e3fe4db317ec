"""The core runs without a screen: no `relate` module loads Qt or the `ui` package."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
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


# The one package that talks to a network: CardDAV sync, with the address books the user
# connects, when they sync. Nothing else loads it but the doors to sync (the command and the
# window's dialog), so no other command, nor the window's start, can open a connection.
SYNC_PACKAGE = "relate.sync"
SYNC_DOORS = {"relate/cli/sync_commands.py", "ui/dialogs/sync_dialog.py"}


def _imports(path: Path) -> Iterator[str]:
    """Every module name an import statement of the file at `path` reaches."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the file's package
                package = list(path.relative_to(REPO).with_suffix("").parts[: -node.level])
                base = ".".join([*package, base] if base else package)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _within(name: str, modules: Iterable[str]) -> bool:
    return any(name == module or name.startswith(f"{module}.") for module in modules)


def _app_files() -> Iterator[tuple[str, Path]]:
    for package in ("relate", "ui"):
        for path in (REPO / package).rglob("*.py"):
            yield path.relative_to(REPO).as_posix(), path


def test_only_the_sync_package_can_reach_the_network() -> None:
    for name, path in _app_files():
        if name.startswith("relate/sync/"):
            continue
        for imported in _imports(path):
            assert not _within(imported, NETWORK_MODULES), f"{name} imports {imported}"


def test_only_the_doors_to_sync_load_the_sync_package() -> None:
    for name, path in _app_files():
        if name.startswith("relate/sync/") or name in SYNC_DOORS:
            continue
        for imported in _imports(path):
            assert not _within(imported, {SYNC_PACKAGE}), f"{name} imports {imported}"


def test_the_sync_package_reaches_the_network_through_httpx_alone() -> None:
    # ssl only names the certificate error it reports; sockets are httpx's business.
    allowed = {"httpx", "ssl"}
    for path in (REPO / "relate" / "sync").rglob("*.py"):
        for imported in _imports(path):
            if _within(imported, NETWORK_MODULES):
                assert _within(imported, allowed), f"{path.name} imports {imported}"


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
        "loaded = [m for m in sys.modules\n"
        "          if m.split('.')[0] == 'httpx' or m.startswith('relate.sync')]\n"
        "if loaded:\n"
        "    sys.exit(f'loaded the network client: {loaded}')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
