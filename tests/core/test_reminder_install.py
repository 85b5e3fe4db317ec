"""The morning digest installed to run without the app: the files as each platform's
tools read them, installed into and removed from a throwaway home."""

from __future__ import annotations

import datetime as dt
import plistlib
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from relate.cli import main
from relate.desktop import reminder_files as files
from relate.desktop import reminder_install

MORNING = dt.time(7, 45)
# A command with what each format must quote: spaces, quotes, % and $.
ODD = ("/opt/My Apps/relate 100%", "--db", '/home/ann/it\'s "mine"/$HOME.sqlite')


class Recorder:
    def __init__(self, status: int = 0) -> None:
        self.commands: list[list[str]] = []
        self.status = status

    def __call__(self, command) -> int:
        self.commands.append(list(command))
        return self.status


def _command(database: str | None = None) -> tuple[str, ...]:
    return files.remind_command(["/usr/bin/relate"], MORNING, database)


def test_the_command_runs_the_digest_for_the_morning_quietly() -> None:
    assert _command() == ("/usr/bin/relate", "remind", "--at", "07:45", "--quiet")
    assert _command("/data/r.sqlite")[1:3] == ("--db", "/data/r.sqlite")


def test_the_autostart_entry_is_valid_and_runs_the_digest(tmp_path: Path) -> None:
    text = files.autostart_entry_text(_command())
    assert "Exec=/usr/bin/relate remind --at 07:45 --quiet\n" in text
    entry = tmp_path / "relate-reminders.desktop"
    entry.write_text(files.autostart_entry_text(ODD), encoding="utf-8")
    _validate_desktop_file(entry)


def _validate_desktop_file(path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        pytest.skip("desktop-file-validate is not installed (apt-get install desktop-file-utils)")
    done = subprocess.run(["desktop-file-validate", str(path)], capture_output=True, text=True)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout


def test_systemd_reads_each_word_of_the_command_as_written() -> None:
    line = files.systemd_exec(ODD)
    # systemd's quoting is the shell's for these words, but for its own % and $.
    words = shlex.split(line.replace("%%", "%").replace("$$", "\0"))
    assert [word.replace("\0", "$") for word in words] == list(ODD)
    assert "100%%" in line and "$$HOME" in line
    with pytest.raises(ValueError):
        files.systemd_exec(["relate", "a\nb"])


def test_the_timer_runs_each_morning_and_catches_up_after_a_sleep() -> None:
    text = files.timer_text(MORNING)
    assert "OnCalendar=*-*-* 07:45:00\n" in text and "Persistent=true\n" in text
    assert "WantedBy=timers.target" in text


def test_systemd_analyze_verifies_the_units(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("systemd-analyze is not installed")
    program = tmp_path / "relate"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    command = files.remind_command([str(program)], MORNING)
    service = tmp_path / f"{files.NAME}.service"
    timer = tmp_path / f"{files.NAME}.timer"
    service.write_text(files.service_text(command))
    timer.write_text(files.timer_text(MORNING))
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", str(service), str(timer)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    problems = [
        line
        for line in (done.stdout + done.stderr).splitlines()
        if files.NAME in line or "relate" in line
    ]
    assert done.returncode == 0 and not problems, done.stdout + done.stderr
    calendar = subprocess.run(
        ["systemd-analyze", "calendar", "*-*-* 07:45:00"], capture_output=True, text=True
    )
    assert calendar.returncode == 0 and "07:45:00" in calendar.stdout


def test_the_macos_launch_agent_runs_at_login_and_each_morning() -> None:
    agent = plistlib.loads(files.launch_agent_plist(ODD, MORNING))
    assert agent["Label"] == files.MAC_LABEL
    assert agent["ProgramArguments"] == list(ODD)
    assert agent["RunAtLoad"] is True
    assert agent["StartCalendarInterval"] == {"Hour": 7, "Minute": 45}


def _windows_split(line: str) -> list[str]:
    """How CommandLineToArgvW splits arguments (backslashes before a quote double up)."""
    words, word, quoted, backslashes, started = [], "", False, 0, False
    for char in line:
        if char == "\\":
            backslashes += 1
            continue
        if char == '"':
            word += "\\" * (backslashes // 2)
            if backslashes % 2:
                word += '"'
            else:
                quoted = not quoted
            backslashes, started = 0, True
            continue
        word += "\\" * backslashes
        backslashes = 0
        if char.isspace() and not quoted:
            if started or word:
                words.append(word)
            word, started = "", False
        else:
            word += char
            started = True
    word += "\\" * backslashes
    if started or word:
        words.append(word)
    return words


def test_the_windows_task_runs_at_logon_and_each_morning_when_available() -> None:
    command = ("C:\\Program Files\\Relate\\relate.exe", "--db", 'C:\\Users\\Ann\\my "db"\\', "x")
    xml = files.scheduled_task_xml(command, MORNING)
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    root = ET.fromstring(xml.split("\n", 1)[1])
    assert root.find("t:Triggers/t:LogonTrigger", ns) is not None
    start = root.find("t:Triggers/t:CalendarTrigger/t:StartBoundary", ns).text
    assert start.endswith("T07:45:00")
    assert root.find("t:Settings/t:StartWhenAvailable", ns).text == "true"
    assert root.find("t:Actions/t:Exec/t:Command", ns).text == command[0]
    arguments = root.find("t:Actions/t:Exec/t:Arguments", ns).text
    assert _windows_split(arguments) == list(command[1:])


def test_install_and_uninstall_on_linux_with_systemd(tmp_path: Path) -> None:
    config = tmp_path / "config"
    runner = Recorder()
    done = reminder_install.install_reminders(
        MORNING,
        launch=["/usr/bin/relate"],
        config=config,
        systemd=True,
        runner=runner,
        platform="linux",
    )
    autostart = config / "autostart" / "relate-reminders.desktop"
    units = config / "systemd" / "user"
    assert set(done.files) == {
        autostart,
        units / "relate-reminders.service",
        units / "relate-reminders.timer",
    }
    assert done.timer and "07:45" in (units / "relate-reminders.timer").read_text()
    assert runner.commands == [
        ["systemctl", "--user", "daemon-reload"],
        ["systemctl", "--user", "enable", "--now", "relate-reminders.timer"],
    ]
    runner.commands.clear()
    removed = reminder_install.uninstall_reminders(config=config, runner=runner, platform="linux")
    assert set(removed) == set(done.files)
    assert runner.commands[0] == [
        "systemctl",
        "--user",
        "disable",
        "--now",
        "relate-reminders.timer",
    ]
    assert not any(config.rglob("relate-reminders*"))


def test_without_systemd_only_the_login_entry_is_installed(tmp_path: Path) -> None:
    runner = Recorder()
    done = reminder_install.install_reminders(
        launch=["/usr/bin/relate"],
        config=tmp_path,
        systemd=False,
        runner=runner,
        platform="linux",
    )
    assert [path.name for path in done.files] == ["relate-reminders.desktop"]
    assert not done.timer and runner.commands == []
    assert "--at 08:30" in done.files[0].read_text()  # the default morning


def test_install_on_macos_and_windows_writes_and_registers(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    runner = Recorder()
    mac = reminder_install.install_reminders(
        MORNING,
        launch=["/Applications/Relate.app/Contents/MacOS/relate"],
        home=tmp_path,
        platform="darwin",
        runner=runner,
    )
    assert mac.files == (tmp_path / "Library/LaunchAgents/org.relate.reminders.plist",)
    assert runner.commands[-1] == ["launchctl", "load", str(mac.files[0])]
    windows = reminder_install.install_reminders(
        MORNING,
        launch=["C:\\Relate\\relate.exe"],
        home=tmp_path,
        platform="win32",
        runner=runner,
    )
    assert windows.files[0].read_bytes().decode("utf-16").startswith("<?xml")
    assert runner.commands[-1][:4] == ["schtasks", "/Create", "/TN", "Relate reminders"]
    assert reminder_install.uninstall_reminders(
        home=tmp_path, platform="darwin", runner=runner
    ) == list(mac.files)
    assert reminder_install.uninstall_reminders(
        home=tmp_path, platform="win32", runner=runner
    ) == list(windows.files)
    assert runner.commands[-1] == ["schtasks", "/Delete", "/TN", "Relate reminders", "/F"]


def test_the_command_line_installs_and_removes_the_reminders(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(reminder_install, "systemd_runs_the_session", lambda: False)
    assert main(["install-desktop", "--reminders", "--at", "6:30"]) == 0
    out = capsys.readouterr().out
    entry = tmp_path / "config" / "autostart" / "relate-reminders.desktop"
    assert str(entry) in out and "at login" in out
    assert "remind --at 06:30 --quiet" in entry.read_text()
    assert main(["install-desktop", "--reminders", "--uninstall"]) == 0
    assert not entry.exists() and str(entry) in capsys.readouterr().out
    assert main(["install-desktop", "--reminders", "--uninstall"]) == 0
    assert "Nothing to remove" in capsys.readouterr().out
    assert main(["install-desktop", "--reminders", "--at", "noon"]) == 1


def test_a_timer_systemd_would_not_take_is_left_for_the_user_to_start(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    monkeypatch.setattr(reminder_install, "systemd_runs_the_session", lambda: True)
    monkeypatch.setattr(reminder_install, "run", Recorder(status=1))
    assert main(["install-desktop", "--reminders"]) == 0
    out = capsys.readouterr().out
    assert "failed: systemctl --user enable --now relate-reminders.timer" in out
    assert (tmp_path / "systemd" / "user" / "relate-reminders.timer").exists()
