"""Adding Relate to a Linux desktop's menu: the desktop entry and the icons, per user (XDG)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from relate.resources import resource_path

# The desktop file's name must match QGuiApplication.setDesktopFileName (ui/app.py), so the
# desktop ties the running window to this entry; the icon name is what its Icon= line says.
APP_ID = "relate"
ICON_NAME = "relate"

# Characters that make the Desktop Entry spec quote an Exec argument.
_RESERVED = frozenset(" \t\"'\\><~|&;$*?#()`")


@dataclass(frozen=True)
class Installed:
    """What `install` wrote, and how the desktop will start Relate."""

    desktop_file: Path
    icons: tuple[Path, ...]
    command: tuple[str, ...]
    refreshed: tuple[str, ...]  # the cache tools that ran


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """$XDG_DATA_HOME, else ~/.local/share (a relative value is invalid, says the spec)."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The command that opens this copy of Relate's window.

    A frozen app is its own executable. Otherwise the `relate` script pip installed beside
    this interpreter (the same environment), else `relate` on PATH, else the launcher
    module run by this interpreter.
    """
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    beside = Path(os.path.abspath(sys.executable)).parent / "relate"
    if beside.is_file() and os.access(beside, os.X_OK):
        return [str(beside)]
    found = shutil.which("relate")
    if found:
        return [os.path.abspath(found)]
    return [os.path.abspath(sys.executable), "-m", "ui.launcher"]


def _string(value: str) -> str:
    """A value of type string in a desktop file (its escapes: backslash, newline...)."""
    if "\n" in value or "\r" in value:
        raise ValueError(f"a desktop entry cannot hold a line break: {value!r}")
    return value.replace("\\", "\\\\").replace("\t", "\\t")


def exec_line(command: Sequence[str]) -> str:
    """The value of Exec= that runs `command`, quoted as the Desktop Entry spec says."""
    words = []
    for arg in command:
        arg = arg.replace("%", "%%")  # a lone % starts a field code
        if not arg or any(char in _RESERVED for char in arg):
            arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
        words.append(arg)
    return _string(" ".join(words))


def desktop_entry_text(command: Sequence[str], template: str | None = None) -> str:
    """resources/relate.desktop with its Exec= (and a TryExec=) running `command`."""
    if template is None:
        template = resource_path(f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = []
    found = False
    for line in template.splitlines():
        if line.startswith("TryExec="):
            continue
        if line.startswith("Exec="):
            found = True
            # TryExec: a desktop hides the entry once the program is gone.
            lines.append(f"TryExec={_string(command[0])}")
            line = f"Exec={exec_line(command)}"
        lines.append(line)
    if not found:
        raise ValueError("the desktop entry template has no Exec= line")
    return "\n".join(lines) + "\n"


def _icon_sources() -> list[tuple[Path, Path]]:
    """(file in resources, its place under icons/hicolor) for every size of the app icon."""
    hicolor = resource_path("icons", "hicolor")
    pairs = [
        (path, path.relative_to(hicolor))
        for path in sorted(hicolor.glob(f"*/apps/{ICON_NAME}.png"))
    ]
    pairs.append(
        (resource_path("icons", f"{ICON_NAME}.svg"), Path("scalable", "apps", f"{ICON_NAME}.svg"))
    )
    return pairs


def _write(path: Path, data: bytes) -> None:
    """Replace `path` whole: a desktop watching the folder never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def _refresh_caches(applications: Path, hicolor: Path) -> tuple[str, ...]:
    """Tell the desktop's caches about the change, with whichever tools are installed.

    The icon cache is only refreshed when the folder already has one: a cache that we
    created would hide icons that other programs add later without refreshing it, and
    without a cache the desktop reads the folders themselves.
    """
    commands = [["update-desktop-database", "--quiet", str(applications)]]
    if (hicolor / "icon-theme.cache").exists():
        commands.append(
            ["gtk-update-icon-cache", "--quiet", "--force", "--ignore-theme-index", str(hicolor)]
        )
    ran = []
    for command in commands:
        if shutil.which(command[0]) is None:
            continue
        try:
            subprocess.run(command, capture_output=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            continue  # a cache left stale is refreshed by the desktop later; not worth failing
        ran.append(command[0])
    return tuple(ran)


def install(home: Path | None = None, command: Sequence[str] | None = None) -> Installed:
    """Write the desktop entry and the icons into the user's data folder (`home`)."""
    home = data_home() if home is None else home
    command = tuple(launch_command() if command is None else command)
    applications = home / "applications"
    hicolor = home / "icons" / "hicolor"
    icons = []
    for source, place in _icon_sources():
        target = hicolor / place
        _write(target, source.read_bytes())
        icons.append(target)
    # The entry goes last, so the desktop never shows it before its icon is there.
    desktop_file = applications / f"{APP_ID}.desktop"
    _write(desktop_file, desktop_entry_text(command).encode("utf-8"))
    refreshed = _refresh_caches(applications, hicolor)
    return Installed(desktop_file, tuple(icons), command, refreshed)


def uninstall(home: Path | None = None) -> list[Path]:
    """Remove what `install` wrote from `home`; returns the files removed."""
    home = data_home() if home is None else home
    applications = home / "applications"
    hicolor = home / "icons" / "hicolor"
    candidates = [applications / f"{APP_ID}.desktop"]
    candidates += sorted(hicolor.glob(f"*/apps/{ICON_NAME}.png"))
    candidates += sorted(hicolor.glob(f"*/apps/{ICON_NAME}.svg"))
    removed = []
    for path in candidates:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    if removed:
        _refresh_caches(applications, hicolor)
    return removed
