"""Installing the morning digest to run without the app: `relate install-desktop
--reminders` and Settings → Reminders. Nothing is installed unless the user asks.

Linux: an XDG autostart entry (at login) and, where systemd runs the user's session, a
user timer and service, enabled with `systemctl --user`. macOS: a LaunchAgent loaded
with `launchctl`. Windows: a scheduled task made with `schtasks`. The files themselves
come from `relate.desktop.reminder_files`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from relate.desktop import reminder_files as files
from relate.desktop.desktop_entry import launch_command

# Runs a command, returning its exit status (tests pass one that only records).
Runner = Callable[[Sequence[str]], int]


@dataclasses.dataclass(frozen=True)
class Installed:
    """What `install_reminders` wrote and ran."""

    files: tuple[Path, ...]
    ran: tuple[str, ...]  # the commands run, as text
    failed: tuple[str, ...]  # the commands that failed, for the user to run
    command: tuple[str, ...]
    timer: bool  # a timer runs it each morning (else only at login)


def config_home(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_CONFIG_HOME, else ~/.config (a relative value is invalid, says the spec)."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_CONFIG_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".config"


def systemd_runs_the_session() -> bool:
    """Whether systemd is the service manager here, with systemctl to talk to it."""
    return Path("/run/systemd/system").is_dir() and shutil.which("systemctl") is not None


def run(command: Sequence[str]) -> int:
    """Run a command quietly; its exit status (127 when it cannot be run)."""
    try:
        done = subprocess.run(list(command), capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return 127
    return done.returncode


def _write(path: Path, data: bytes) -> Path:
    """Replace `path` whole: a desktop or service manager never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return path


def linux_files(config: Path) -> tuple[Path, Path, Path]:
    """Where the autostart entry, the service and the timer go under `config`."""
    units = config / "systemd" / "user"
    return (
        config / "autostart" / f"{files.NAME}.desktop",
        units / f"{files.NAME}.service",
        units / f"{files.NAME}.timer",
    )


def mac_agent(home: Path) -> Path:
    return home / "Library" / "LaunchAgents" / f"{files.MAC_LABEL}.plist"


def windows_task_file(home: Path) -> Path:
    """The task's XML as kept for `schtasks /Create /XML` (and to read what was set)."""
    local = os.environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
    return Path(local) / "Relate" / f"{files.NAME}.xml"


def install_reminders(
    morning: dt.time = files.DEFAULT_MORNING,
    *,
    database: str | None = None,
    launch: Sequence[str] | None = None,
    platform: str = sys.platform,
    config: Path | None = None,
    home: Path | None = None,
    systemd: bool | None = None,
    runner: Runner | None = None,
) -> Installed:
    """Install the digest to run at login and each morning at `morning` (`runner`
    runs the service manager's commands; default `run`)."""
    runner = runner or run
    command = files.remind_command(launch or launch_command(), morning, database)
    home = Path.home() if home is None else home
    if platform == "darwin":
        agent = _write(mac_agent(home), files.launch_agent_plist(command, morning))
        _ran(runner, ["launchctl", "unload", str(agent)])  # an earlier one, if loaded
        ran, failed = _run_all(runner, ["launchctl", "load", str(agent)])
        return Installed((agent,), ran, failed, command=command, timer=True)
    if platform == "win32":
        xml = _write(
            windows_task_file(home), files.scheduled_task_xml(command, morning).encode("utf-16")
        )
        create = ["schtasks", "/Create", "/TN", files.WINDOWS_TASK, "/XML", str(xml), "/F"]
        return Installed((xml,), *_run_all(runner, create), command=command, timer=True)
    autostart, service, timer = linux_files(config_home() if config is None else config)
    written = [_write(autostart, files.autostart_entry_text(command).encode("utf-8"))]
    use_systemd = systemd_runs_the_session() if systemd is None else systemd
    ran, failed = (), ()  # typed by the darwin branch above
    if use_systemd:
        written.append(_write(service, files.service_text(command).encode("utf-8")))
        written.append(_write(timer, files.timer_text(morning).encode("utf-8")))
        ran, failed = _run_all(
            runner,
            ["systemctl", "--user", "daemon-reload"],
            ["systemctl", "--user", "enable", "--now", timer.name],
        )
    return Installed(tuple(written), ran, failed, command=command, timer=use_systemd)


def installed_file(platform: str = sys.platform, home: Path | None = None) -> Path | None:
    """The file that says the digest is installed here (the autostart entry, the
    LaunchAgent, the task's XML), if it is."""
    home = Path.home() if home is None else home
    if platform == "darwin":
        path = mac_agent(home)
    elif platform == "win32":
        path = windows_task_file(home)
    else:
        path = linux_files(config_home())[0]
    return path if path.exists() else None


def installed_lines(done: Installed, morning: dt.time) -> list[str]:
    """What `install_reminders` did, in lines for the user: the files, when the digest
    runs, the commands run and those left for the user to run."""
    lines = [f"Installed {path}" for path in done.files]
    when = f"at login and each morning at {morning:%H:%M}" if done.timer else "at login"
    lines.append(f"  runs {when}: {' '.join(done.command)}")
    lines += [f"  ran: {command}" for command in done.ran]
    lines += [
        f"  failed: {command} (the files are in place: run it yourself to start them)"
        for command in done.failed
    ]
    if not done.timer:
        lines.append(
            "  (systemd does not run this session: the digest shows when you log in after"
            f" {morning:%H:%M}, not on a computer left on overnight)"
        )
    return lines


def removed_lines(removed: Sequence[Path]) -> list[str]:
    """What `uninstall_reminders` removed, in lines for the user."""
    if not removed:
        return ["Nothing to remove: the morning digest was not installed."]
    return [f"Removed {path}" for path in removed]


def uninstall_reminders(
    *,
    platform: str = sys.platform,
    config: Path | None = None,
    home: Path | None = None,
    runner: Runner | None = None,
) -> list[Path]:
    """Remove what `install_reminders` installed; returns the files removed."""
    runner = runner or run
    home = Path.home() if home is None else home
    if platform == "darwin":
        agent = mac_agent(home)
        if agent.exists():
            _ran(runner, ["launchctl", "unload", str(agent)])
        return _remove([agent])
    if platform == "win32":
        task = windows_task_file(home)
        if task.exists():
            _ran(runner, ["schtasks", "/Delete", "/TN", files.WINDOWS_TASK, "/F"])
        return _remove([task])
    autostart, service, timer = linux_files(config_home() if config is None else config)
    if timer.exists():
        _ran(runner, ["systemctl", "--user", "disable", "--now", timer.name])
    removed = _remove([autostart, timer, service])
    if service in removed:
        _ran(runner, ["systemctl", "--user", "daemon-reload"])
    return removed


def _remove(paths: list[Path]) -> list[Path]:
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return removed


def _run_all(runner: Runner, *commands: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Run each command: the ones that ran and the ones that failed, as text (a failure
    is not fatal: the files are in place for the user to run it)."""
    done: list[str] = []
    failed: list[str] = []
    for command in commands:
        (done if runner(command) == 0 else failed).append(" ".join(command))
    return tuple(done), tuple(failed)


def _ran(runner: Runner, *commands: Sequence[str]) -> tuple[str, ...]:
    return _run_all(runner, *commands)[0]
