"""`relate install-desktop`: the desktop entry and icons in a user's XDG data folder."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from relate.cli import main
from relate.desktop import desktop_entry
from relate.resources import resource_path

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)

needs_validator = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None, reason="desktop-file-validate not installed"
)


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.delenv("RELATE_DB", raising=False)
    return home


def _entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def _validate(path: Path) -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_data_home_follows_xdg_and_ignores_a_relative_value(tmp_path: Path) -> None:
    assert desktop_entry.data_home({"XDG_DATA_HOME": str(tmp_path)}) == tmp_path
    default = Path.home() / ".local" / "share"
    assert desktop_entry.data_home({}) == default
    assert desktop_entry.data_home({"XDG_DATA_HOME": ""}) == default
    assert desktop_entry.data_home({"XDG_DATA_HOME": "relative/dir"}) == default


def test_the_resources_hold_every_icon_size() -> None:
    for size in ICON_SIZES:
        assert resource_path("icons", "hicolor", f"{size}x{size}", "apps", "relate.png").is_file()


@needs_validator
def test_the_repo_desktop_entry_validates() -> None:
    _validate(resource_path("relate.desktop"))


@needs_validator
def test_install_writes_a_valid_entry_that_starts_an_existing_program(data_home: Path) -> None:
    done = desktop_entry.install()

    assert done.desktop_file == data_home / "applications" / "relate.desktop"
    _validate(done.desktop_file)
    entry = _entry(done.desktop_file)
    program = shlex.split(entry["Exec"])[0]
    assert os.path.isabs(program) and os.access(program, os.X_OK)
    assert entry["TryExec"] == program
    assert entry["Icon"] == "relate" and entry["Name"] == "Relate"


def test_install_puts_every_icon_size_into_hicolor(data_home: Path) -> None:
    done = desktop_entry.install(command=["/opt/relate/relate"])

    hicolor = data_home / "icons" / "hicolor"
    expected = {hicolor / f"{n}x{n}" / "apps" / "relate.png" for n in ICON_SIZES}
    expected.add(hicolor / "scalable" / "apps" / "relate.svg")
    assert set(done.icons) == expected
    for path in expected:
        assert path.is_file()
    png = hicolor / "48x48" / "apps" / "relate.png"
    source = resource_path("icons", "hicolor", "48x48", "apps", "relate.png")
    assert png.read_bytes() == source.read_bytes()


def test_installing_twice_replaces_the_files(data_home: Path) -> None:
    desktop_entry.install(command=["/opt/old/relate"])
    done = desktop_entry.install(command=["/opt/new/relate"])

    assert _entry(done.desktop_file)["Exec"] == "/opt/new/relate"
    leftovers = [p.name for p in data_home.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_uninstall_removes_what_install_wrote(data_home: Path) -> None:
    done = desktop_entry.install(command=["/opt/relate/relate"])

    removed = desktop_entry.uninstall()

    assert set(removed) == {done.desktop_file, *done.icons}
    assert not done.desktop_file.exists()
    assert not any(path.exists() for path in done.icons)
    assert desktop_entry.uninstall() == []  # nothing left: a second run is a no-op


@needs_validator
def test_a_program_path_with_spaces_and_percent_is_quoted(tmp_path: Path) -> None:
    command = ["/home/ann/My Apps/relate 100%/relate", "--db", 'a "b" $c\\d']
    path = tmp_path / "relate.desktop"
    path.write_text(desktop_entry.desktop_entry_text(command), encoding="utf-8")

    _validate(path)
    exec_value = _entry(path)["Exec"]
    assert exec_value == (
        '"/home/ann/My Apps/relate 100%%/relate" --db "a \\\\"b\\\\" \\\\$c\\\\\\\\d"'
    )


def test_launch_command_of_a_frozen_app_is_its_executable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = tmp_path / "dist" / "relate" / "relate"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(binary))

    assert desktop_entry.launch_command() == [str(binary)]


def test_launch_command_prefers_the_script_beside_the_interpreter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    script = bin_dir / "relate"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setenv("PATH", "")

    assert desktop_entry.launch_command() == [str(script)]


def test_launch_command_falls_back_to_path_then_to_the_launcher_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "python" / "bin" / "python3"
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setenv("PATH", "")
    assert desktop_entry.launch_command() == [str(python), "-m", "ui.launcher"]

    on_path = tmp_path / "bin"
    on_path.mkdir()
    script = on_path / "relate"
    script.write_text("#!/bin/sh\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(on_path))
    assert desktop_entry.launch_command() == [str(script)]


def test_the_launcher_module_fallback_opens_the_app() -> None:
    # `python -m ui.launcher --help` is what the fallback Exec runs, short of the window.
    result = subprocess.run(
        [sys.executable, "-m", "ui.launcher", "--help"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path.home() if Path.home().is_dir() else None,
    )
    assert result.returncode == 0 and "install-desktop" in result.stdout


def test_the_command_installs_and_uninstalls(
    data_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(tmp_path / "relate.sqlite")]

    assert main([*db, "install-desktop"]) == 0
    out = capsys.readouterr().out
    entry = data_home / "applications" / "relate.desktop"
    assert f"Installed {entry}" in out
    assert entry.is_file()

    assert main([*db, "install-desktop", "--uninstall"]) == 0
    out = capsys.readouterr().out
    assert f"Removed {entry}" in out
    assert not entry.exists()

    assert main([*db, "install-desktop", "--uninstall"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out
    assert not (tmp_path / "relate.sqlite").exists()  # about the app, not the data


def test_the_command_reports_a_folder_it_cannot_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")  # a file where the data folder should be
    monkeypatch.setenv("XDG_DATA_HOME", str(blocked))

    assert main(["--db", str(tmp_path / "relate.sqlite"), "install-desktop"]) == 1
    assert "cannot write the desktop files" in capsys.readouterr().err
