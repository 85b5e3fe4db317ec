"""Starting the real app: `--quit-after-load` reports its start-up time and exits."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

from relate.store import bulk

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
            assert "relate.store.models" not in names, f"{path.name} imports the models"


def test_the_app_reads_its_own_options_without_the_commands() -> None:
    from relate.cli.parser import app_arguments

    args = app_arguments(["--db", "/data/x.sqlite", "--demo"])
    assert (args.db, args.demo, args.command) == ("/data/x.sqlite", True, None)
    assert app_arguments([]).db is None
    # A command, help, or a mistake: the full command line takes it (and explains it).
    for argv in (["list"], ["--db"], ["--help"], ["--version"], ["--nonsense"], ["x", "--db=y"]):
        assert app_arguments(argv) is None, argv


def test_opening_the_window_loads_none_of_the_commands_modules(tmp_path: Path) -> None:
    # The commands' modules cost about a tenth of a second to load: not before the
    # window paints.
    code = (
        "import sys\n"
        "import ui.app\n"
        "from ui import launcher\n"
        "from relate.cli.parser import app_arguments\n"
        "assert app_arguments(['--db', 'x.sqlite']) is not None\n"
        "print(sorted(m for m in sys.modules if m.startswith('relate.cli.')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['relate.cli.parser']"


def test_the_app_s_date_fields_speak_english_like_its_dates(qapp) -> None:
    from PySide6.QtCore import QDate, QLocale

    from relate.dates import DATE_EDIT_FORMAT
    from ui.app import make_application
    from ui.widgets.date_fields import date_field

    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
        assert make_application() is qapp
        assert QLocale().language() == QLocale.Language.English
        field = date_field(QDate(2026, 12, 2).toPython())
        assert field.text() == "2 Dec 2026" and field.displayFormat() == DATE_EDIT_FORMAT
    finally:
        QLocale.setDefault(before)


def test_the_window_opens_where_no_log_can_be_kept(db_path: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        HOME=str(blocked),  # nothing can be made under it: no log folder
        XDG_STATE_HOME=str(blocked / "state"),
    )
    env.pop("RELATE_LOG_DIR", None)
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--db", str(db_path), "--quit-after-load"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr


def test_what_the_app_makes_is_private(tmp_path: Path) -> None:
    import stat

    home = tmp_path / "home"
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_STATE_HOME=str(home / ".local/state"),
    )
    for name in ("RELATE_DB", "RELATE_LOG_DIR"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--quit-after-load"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    data, config = home / ".local/share/Relate", home / ".config/Relate"
    assert mode(data) == 0o700 and mode(data / "relate.sqlite") == 0o600
    assert mode(config) == 0o700 and mode(config / "relate.conf") == 0o600


def test_the_lock_is_private(tmp_path: Path) -> None:
    import stat

    from relate.store.database_lock import DatabaseLock

    lock = DatabaseLock(tmp_path / "relate.sqlite")
    assert lock.acquire()
    try:
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
    finally:
        lock.release()


def test_a_brief_a_crash_left_in_the_temporary_folder_is_swept(tmp_path: Path, monkeypatch) -> None:
    import tempfile
    import time

    from relate.files import BRIEF_TEMP_PREFIX, sweep_temporary

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    old = tmp_path / f"{BRIEF_TEMP_PREFIX}abc"
    old.mkdir()
    (old / "brief-ann.pdf").write_bytes(b"%PDF")
    fresh = tmp_path / f"{BRIEF_TEMP_PREFIX}def"  # another window's, open now
    fresh.mkdir()
    day_ago = time.time() - 2 * 24 * 3600
    os.utime(old, (day_ago, day_ago))
    assert sweep_temporary(BRIEF_TEMP_PREFIX, 24 * 3600) == [old]
    assert not old.exists() and fresh.exists()


def test_the_window_starts_without_loading_the_pdf_library() -> None:
    """ReportLab (the brief's printer) loads when a brief is printed, not at start-up."""
    code = "import sys, ui.window.main_window\nprint('reportlab' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"
