"""Which database file opens: --db, then RELATE_DB, then the one chosen in Settings,
then the default; the command line and the window agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate.cli import main
from relate.store.db import ENV_VAR, default_db_path, resolve_db_path, save_location, saved_location


@pytest.fixture(autouse=True)
def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv(ENV_VAR, raising=False)


def test_without_a_choice_the_default_file_is_used() -> None:
    assert saved_location() is None
    assert resolve_db_path(None) == default_db_path()


def test_the_location_chosen_in_settings_wins_over_the_default_only(tmp_path: Path) -> None:
    chosen = tmp_path / "Dropbox" / "relate.sqlite"
    save_location(chosen)
    assert resolve_db_path(None) == chosen
    assert resolve_db_path(tmp_path / "explicit.sqlite") == tmp_path / "explicit.sqlite"
    save_location(None)
    assert resolve_db_path(None) == default_db_path()


def test_relate_db_wins_over_the_chosen_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_location(tmp_path / "chosen.sqlite")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "env.sqlite"))
    assert resolve_db_path(None) == tmp_path / "env.sqlite"


def test_the_command_line_uses_the_chosen_location(tmp_path: Path, capsys) -> None:
    chosen = tmp_path / "elsewhere" / "mine.sqlite"
    save_location(chosen)
    assert main(["add", "Ann", "Adams"]) == 0
    assert chosen.exists()
    assert main(["--db", str(chosen), "list"]) == 0
    assert "Ann Adams" in capsys.readouterr().out
