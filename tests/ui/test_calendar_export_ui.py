"""Export to calendar: the .ics file is written, parses, and goes to the calendar program."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from relate import contacts, meetings
from ui.dialogs import calendar_export
from ui.dialogs.calendar_export import export_meetings


@pytest.fixture
def records(db_path: Path) -> list[meetings.MeetingRecord]:
    ann = contacts.create_contact("Ann", "Adams")
    ids = [
        meetings.schedule_meeting(ann, "2026-12-01 09:30", time_zone="America/New_York"),
        meetings.schedule_meeting(ann, "2026-03-29 01:30", time_zone="Europe/Paris"),
    ]
    return [meetings.get_meeting(meeting_id) for meeting_id in ids]


@pytest.fixture
def parent(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """The URLs handed to the desktop, instead of opening a calendar program."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return urls


def test_export_writes_a_calendar_and_hands_it_to_the_calendar_program(
    tmp_path: Path, parent: QWidget, settings: QSettings, records, opened: list[QUrl]
) -> None:
    path = tmp_path / "meetings.ics"
    assert export_meetings(parent, records, settings, path) == path
    assert [url.toLocalFile() for url in opened] == [str(path)]
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    starts = sorted(event["DTSTART"].dt for event in calendar.events)
    assert starts == [
        dt.datetime(2026, 3, 29, 1, 30, tzinfo=ZoneInfo("Europe/Paris")),
        dt.datetime(2026, 12, 1, 9, 30, tzinfo=ZoneInfo("America/New_York")),
    ]


def test_export_without_opening(
    tmp_path: Path, parent: QWidget, settings: QSettings, records, opened: list[QUrl]
) -> None:
    path = tmp_path / "meetings.ics"
    assert export_meetings(parent, records, settings, path, open_after=False) == path
    assert opened == [] and len(icalendar.Calendar.from_ical(path.read_bytes()).events) == 2


def test_the_file_dialog_suggests_a_name_and_its_folder_is_remembered(
    tmp_path: Path,
    parent: QWidget,
    settings: QSettings,
    records,
    opened: list[QUrl],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    suggested: list[str] = []

    def choose(_parent: QWidget, _title: str, start: str, _filter: str) -> tuple[str, str]:
        suggested.append(start)
        return str(tmp_path / "mine"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    settings.setValue(calendar_export.FOLDER_KEY, str(tmp_path / "before"))
    path = export_meetings(parent, records[:1], settings)
    assert suggested == [str(tmp_path / "before" / "1-2-1-ann-adams-2026-12-01.ics")]
    assert path == tmp_path / "mine.ics" and path.exists()
    assert settings.value(calendar_export.FOLDER_KEY) == str(tmp_path)
    assert [url.toLocalFile() for url in opened] == [str(path)]


def test_cancelling_the_file_dialog_writes_nothing(
    parent: QWidget, settings: QSettings, records, opened, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    assert export_meetings(parent, records, settings) is None
    assert opened == []


def test_a_file_that_cannot_be_written_is_a_plain_error(
    tmp_path: Path, parent: QWidget, settings: QSettings, records, opened, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(calendar_export, "show_error", lambda _parent, text: errors.append(text))
    path = tmp_path / "no-such-folder" / "meetings.ics"
    assert export_meetings(parent, records, settings, path) is None
    assert len(errors) == 1 and "could not be written" in errors[0]
    assert opened == []


def test_no_calendar_program_says_where_the_file_is(
    tmp_path: Path, parent: QWidget, settings: QSettings, records, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(calendar_export, "show_error", lambda _parent, text: errors.append(text))
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda _url: False)
    path = tmp_path / "meetings.ics"
    assert export_meetings(parent, records, settings, path) == path
    assert len(errors) == 1 and str(path) in errors[0]


def test_upcoming_export_holds_the_cancelled_meetings_of_those_days_as_cancelled(
    tmp_path: Path, parent: QWidget, settings: QSettings, db_path: Path, opened, monkeypatch
) -> None:
    ann = contacts.create_contact("Ann", "Adams")
    soon = dt.datetime.combine(dt.date.today() + dt.timedelta(days=3), dt.time(10))
    kept = meetings.schedule_meeting(ann, soon, time_zone="Europe/Paris")
    called_off = meetings.schedule_meeting(
        ann, soon + dt.timedelta(days=1), time_zone="Europe/Paris"
    )
    meetings.cancel_meeting(called_off)
    beyond = meetings.schedule_meeting(ann, soon + dt.timedelta(days=100), time_zone="Europe/Paris")
    meetings.cancel_meeting(beyond)
    path = calendar_export.export_upcoming(parent, settings, tmp_path / "upcoming.ics")
    assert path == tmp_path / "upcoming.ics"
    events = {
        str(event["UID"]): str(event["STATUS"])
        for event in icalendar.Calendar.from_ical(path.read_bytes()).events
    }
    assert events == {
        f"relate-meeting-{kept}@relate.invalid": "CONFIRMED",
        f"relate-meeting-{called_off}@relate.invalid": "CANCELLED",
    }


def test_upcoming_export_with_nothing_in_those_days_says_so(
    parent: QWidget, settings: QSettings, db_path: Path, opened, monkeypatch
) -> None:
    errors: list[str] = []
    monkeypatch.setattr(calendar_export, "show_error", lambda _parent, text: errors.append(text))
    assert calendar_export.export_upcoming(parent, settings) is None
    assert errors == ["No 1-2-1 is planned in the next 90 days: nothing to export."]
    assert opened == []
