"""Export to calendar: 1-2-1 meetings as an .ics file, opened in the calendar program."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from relate import meetings
from relate.meetings import MeetingRecord
from ui.dialogs.errors import show_error

FOLDER_KEY = "ics/folder"
UPCOMING_DAYS = 90


def ask_ics_path(parent: QWidget, settings: QSettings, file_name: str) -> Path | None:
    """Where to write the .ics file (the folder remembered); None if the user cancels."""
    folder = Path(str(settings.value(FOLDER_KEY, Path.home())))
    name, _ = QFileDialog.getSaveFileName(
        parent, "Export to calendar", str(folder / file_name), "Calendar files (*.ics)"
    )
    if not name:
        return None
    path = Path(name)
    # Qt's own dialog adds no suffix, and the calendar program is found by it.
    if not path.suffix:
        path = path.with_suffix(".ics")
    settings.setValue(FOLDER_KEY, str(path.parent))
    return path


def export_meetings(
    parent: QWidget,
    records: Sequence[MeetingRecord],
    settings: QSettings,
    path: Path | None = None,
    open_after: bool = True,
) -> Path | None:
    """Write the meetings to an .ics file (asking where unless given `path`) and, with
    `open_after`, hand it to the calendar program to import. The file, or None."""
    # icalendar loads on the first export, not when the window starts.
    from relate.exporters.calendar_export import ics_file_name, write_ics

    if path is None:
        path = ask_ics_path(parent, settings, ics_file_name(records, dt.date.today()))
        if path is None:
            return None
    try:
        write_ics(path, records)
    except OSError as exc:
        reason = exc.strerror or exc
        show_error(parent, f"The calendar file could not be written to {path}: {reason}.")
        return None
    if open_after and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        show_error(parent, f"No calendar program opened the file; import it from there: {path}")
    return path


def export_upcoming(parent: QWidget, settings: QSettings, path: Path | None = None) -> Path | None:
    """File → Export → Upcoming 1-2-1s: the next 90 days' meetings as an .ics file, opened
    in the calendar program; those of that time that were cancelled go too, as cancelled,
    so that a calendar that has them drops them. The file, or None."""
    records = meetings.calendar_meetings(dt.datetime.now(), UPCOMING_DAYS)
    if not records:
        show_error(
            parent, f"No 1-2-1 is planned in the next {UPCOMING_DAYS} days: nothing to export."
        )
        return None
    return export_meetings(parent, records, settings, path)
