"""The files that run the morning digest (`relate remind`) without the app open: an XDG
autostart entry and a systemd user timer on Linux, a LaunchAgent on macOS, a scheduled
task on Windows. Text only; `relate.desktop.reminder_install` writes them.

Each runs the same command, `relate remind --at HH:MM --quiet`, at login and each
morning at HH:MM (or as soon as the computer is on again after it): the first run from
HH:MM on shows the digest, the rest of the day's runs show nothing.
"""

from __future__ import annotations

import datetime as dt
import plistlib
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from relate.desktop.desktop_entry import exec_line

NAME = "relate-reminders"
DESCRIPTION = "Relate's morning digest: today's follow-ups, 1-2-1s and who is going cold"
DEFAULT_MORNING = dt.time(8, 30)
# The LaunchAgent's label and the scheduled task's name.
MAC_LABEL = "org.relate.reminders"
WINDOWS_TASK = "Relate reminders"


def remind_command(
    launch: Sequence[str], morning: dt.time, database: str | None = None
) -> tuple[str, ...]:
    """The digest's command line: this copy of Relate (`launch`), on `database` when one
    was chosen for it, for the morning time `morning`."""
    chosen = ("--db", database) if database else ()
    return (*launch, *chosen, "remind", "--at", f"{morning:%H:%M}", "--quiet")


def autostart_entry_text(command: Sequence[str]) -> str:
    """The XDG autostart entry (~/.config/autostart) that runs `command` at login."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=Relate reminders",
        f"Comment={DESCRIPTION}",
        f"TryExec={exec_line(command[:1])}",
        f"Exec={exec_line(command)}",
        "Icon=relate",
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


# What systemd reads specially in a word of ExecStart=: specifiers (%), variables ($),
# quotes, escapes and the spaces between words.
_SYSTEMD_PLAIN = re.compile(r"^[A-Za-z0-9_@+=:,./-]+$")


def _systemd_word(word: str) -> str:
    word = word.replace("%", "%%").replace("$", "$$")
    if _SYSTEMD_PLAIN.match(word):
        return word
    return '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_exec(command: Sequence[str]) -> str:
    """The value of ExecStart= that runs `command` word for word."""
    if any("\n" in word for word in command):
        raise ValueError("a systemd command cannot hold a line break")
    return " ".join(_systemd_word(word) for word in command)


def service_text(command: Sequence[str]) -> str:
    """The systemd user service that runs the digest once."""
    return (
        f"[Unit]\nDescription={DESCRIPTION}\n\n"
        f"[Service]\nType=oneshot\nExecStart={systemd_exec(command)}\n"
    )


def timer_text(morning: dt.time) -> str:
    """The systemd user timer: each morning at `morning`, and at once after a morning
    the computer was off or asleep (Persistent)."""
    return (
        f"[Unit]\nDescription={DESCRIPTION}, each morning at {morning:%H:%M}\n\n"
        f"[Timer]\nOnCalendar=*-*-* {morning:%H:%M}:00\nPersistent=true\n"
        f"Unit={NAME}.service\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )


def launch_agent_plist(command: Sequence[str], morning: dt.time) -> bytes:
    """The macOS LaunchAgent (~/Library/LaunchAgents): at login (RunAtLoad) and each
    morning; launchd runs a missed calendar interval when the Mac wakes."""
    agent = {
        "Label": MAC_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "StartCalendarInterval": {"Hour": morning.hour, "Minute": morning.minute},
        "ProcessType": "Interactive",
    }
    return plistlib.dumps(agent)


def _windows_argument(word: str) -> str:
    """One argument as Windows programs split a command line (CommandLineToArgvW)."""
    if word and not re.search(r'[\s"]', word):
        return word
    quoted = re.sub(r'(\\*)"', r'\1\1\\"', word)
    quoted = re.sub(r"(\\+)$", r"\1\1", quoted)
    return f'"{quoted}"'


def scheduled_task_xml(command: Sequence[str], morning: dt.time) -> str:
    """The Windows scheduled task (`schtasks /Create /XML`): at logon and each morning,
    run as soon as possible after a missed start (StartWhenAvailable)."""
    program = escape(command[0])
    arguments = escape(" ".join(_windows_argument(word) for word in command[1:]))
    start = f"2000-01-01T{morning:%H:%M}:00"
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>{escape(DESCRIPTION)}</Description>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger>
      <Enabled>true</Enabled>
    </LogonTrigger>
    <CalendarTrigger>
      <StartBoundary>{start}</StartBoundary>
      <Enabled>true</Enabled>
      <ScheduleByDay>
        <DaysInterval>1</DaysInterval>
      </ScheduleByDay>
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <ExecutionTimeLimit>PT5M</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>{program}</Command>
      <Arguments>{arguments}</Arguments>
    </Exec>
  </Actions>
</Task>
"""
