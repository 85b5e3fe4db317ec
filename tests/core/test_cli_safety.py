"""The command line on a bad day: a bug, a busy database; and what reaches the log."""

from __future__ import annotations

import logging
import sqlite3
import stat
import sys
import time
from pathlib import Path

import pytest

from relate import logs
from relate.cli import EXIT_BUG, main
from relate.cli.registry import COMMANDS
from relate.store.db import PRAGMAS

SECRET = "Tomasz is quietly interviewing at Globex"


@pytest.fixture
def log_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.LOG_ENV_VAR, str(folder))
    return folder


def _log_text(folder: Path) -> str:
    return "".join(p.read_text(encoding="utf-8") for p in sorted(folder.glob("relate.log*")))


def test_a_bug_prints_one_line_with_the_log_path_and_logs_the_traceback(
    tmp_path: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def broken(args):
        raise KeyError(SECRET)  # a bug whose message quotes the user's words

    monkeypatch.setitem(COMMANDS, "list", broken)
    status = main(["--db", str(tmp_path / "r.sqlite"), "list"])
    err = capsys.readouterr().err
    assert status == EXIT_BUG
    assert err.count("\n") == 1
    assert "a bug" in err and str(log_dir / "relate.log") in err
    assert "Traceback" not in err
    logged = _log_text(log_dir)
    assert "in broken" in logged and "KeyError (message withheld" in logged
    assert SECRET not in logged


def test_a_user_error_is_one_line_and_not_logged(tmp_path: Path, log_dir: Path, capsys) -> None:
    assert main(["--db", str(tmp_path / "r.sqlite"), "show", "nobody"]) == 1
    assert capsys.readouterr().err.startswith("relate: ")
    assert not (log_dir / "relate.log").exists()


def test_a_busy_database_fails_cleanly_instead_of_hanging(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    path = tmp_path / "r.sqlite"
    assert main(["--db", str(path), "add", "Ann"]) == 0
    capsys.readouterr()
    assert PRAGMAS["busy_timeout"] <= 10_000  # the real wait is brief
    monkeypatch.setitem(PRAGMAS, "busy_timeout", 300)
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        started = time.monotonic()
        status = main(["--db", str(path), "add", "Bob"])
        waited = time.monotonic() - started
    finally:
        holder.rollback()
        holder.close()
    err = capsys.readouterr().err
    assert status == 1
    assert "busy" in err and "nothing was changed" in err
    assert waited < 5
    assert main(["--db", str(path), "list"]) == 0
    assert "Bob" not in capsys.readouterr().out


def test_the_log_never_holds_what_the_user_wrote(
    tmp_path: Path, log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    db = ["--db", str(tmp_path / "r.sqlite")]
    assert main([*db, "add", "Tomasz", "Nowak", "--company", "Initech"]) == 0
    assert main([*db, "edit", "Tomasz", "--story", SECRET]) == 0
    assert main([*db, "log", "Tomasz", "call", "--summary", SECRET, "--note", SECRET]) == 0
    assert main([*db, "brief", "Tomasz", "-o", str(tmp_path / "brief.pdf")]) == 0
    assert main([*db, "add", SECRET, "--birthday", "not a date"]) == 1
    monkeypatch.setattr("relate.queries.list_contacts", lambda *a, **k: 1 / 0)
    assert main([*db, "list", "--search", SECRET]) == EXIT_BUG
    logging.getLogger("relate.test").warning("a warning reaches the file")
    logged = _log_text(log_dir)
    assert "ZeroDivisionError" in logged and "a warning reaches the file" in logged
    assert SECRET not in logged
    assert "Tomasz" not in logged


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_log_rotates_and_every_file_is_private(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2_000)
    monkeypatch.setattr(logs, "_handler", None)
    logs.configure_logging()
    for n in range(200):
        logs.log.info("upkeep line %d %s", n, "x" * 40)
    files = sorted(log_dir.glob("relate.log*"))
    assert [f.name for f in files] == ["relate.log", "relate.log.1", "relate.log.2", "relate.log.3"]
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file.name
        assert file.stat().st_size <= 2_000


def test_a_database_path_that_cannot_be_made_is_one_line(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["--db", str(blocker / "relate.sqlite"), "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("relate: cannot use the database") and err.count("\n") == 1
    assert main(["--db", str(tmp_path / ("x" * 300 + ".sqlite")), "list"]) == 1


def test_a_log_that_cannot_be_written_is_given_up_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    # Under a file, no folder can be made: as with a HOME that cannot be written.
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv(logs.LOG_ENV_VAR, str(blocked / "logs"))

    def broken(args):
        raise KeyError(SECRET)

    monkeypatch.setitem(COMMANDS, "list", broken)
    status = main(["--db", str(tmp_path / "r.sqlite"), "list"])
    err = capsys.readouterr().err
    assert status == EXIT_BUG
    assert "Logging error" not in err and "Traceback" not in err
    assert err.count("\n") == 1 and "a bug" in err
    assert str(blocked) not in err  # it names no log that was never written
    assert "could not be written to a log" in err
