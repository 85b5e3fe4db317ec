"""Date and time fields as every form of Relate has them: the formats of `relate.dates`,
and Tab that moves on to the next field.

Qt's date fields spend Tab on their own sections (day, month, year, hour, minute), so a
user tabbing through a form stays in the date and an Enter there saves the form half
filled. Here Tab and Shift+Tab leave the field as they leave any other; the sections stay
reachable with the arrow keys (Left and Right, or Ctrl+Left and Ctrl+Right to jump) and
the mouse.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime, QTimeZone
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QTimeEdit, QWidget

from relate.dates import DATE_EDIT_FORMAT, DATE_TIME_EDIT_FORMAT, TIME_EDIT_FORMAT

_TAB_KEYS = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
# Ctrl+Tab and Alt+Tab belong to tab widgets and to the desktop.
_NOT_TAB = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


class _TabLeavesField(QObject):
    """An event filter on one date or time field: Tab goes to the next field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and isinstance(watched, QWidget)
            and event.key() in _TAB_KEYS
            and not event.modifiers() & _NOT_TAB
        ):
            backwards = (
                event.key() == Qt.Key.Key_Backtab
                or event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            )
            # QWidget's own step through the focus chain, not the field's section step.
            QWidget.focusNextPrevChild(watched, not backwards)
            return True
        return super().eventFilter(watched, event)


def tab_leaves_field(edit: QDateTimeEdit) -> QDateTimeEdit:
    """Let Tab and Shift+Tab move from this date or time field to the next and previous
    field (a QDateEdit, QTimeEdit or QDateTimeEdit); returns the field."""
    edit.installEventFilter(_TabLeavesField(edit))
    return edit


def date_field(day: dt.date) -> QDateEdit:
    """A field for a day ("2 Nov 2026"), with a calendar to pick from."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat(DATE_EDIT_FORMAT)
    edit.setCalendarPopup(True)
    tab_leaves_field(edit)
    return edit


def time_field(moment: dt.time) -> QTimeEdit:
    """A field for a time of day ("14:30")."""
    edit = QTimeEdit(QTime(moment.hour, moment.minute))
    edit.setDisplayFormat(TIME_EDIT_FORMAT)
    tab_leaves_field(edit)
    return edit


class WallClockEdit(QDateTimeEdit):
    """A day and a time as a wall clock shows them, in no time zone. In the machine's
    local time Qt moves a time its clocks skip (02:30 on the spring night) to another
    before the form can say so; the form checks the time in the zone it belongs to."""

    def __init__(self, moment: dt.datetime) -> None:
        super().__init__()
        self.setTimeZone(QTimeZone.utc())  # UTC skips and repeats no time
        self.set_wall_clock(moment)

    def setDateTime(self, value: QDateTime) -> None:  # noqa: N802 (Qt's name)
        """Show the day and time of `value` as they are, whatever its zone."""
        super().setDateTime(QDateTime(value.date(), value.time(), QTimeZone.utc()))

    def set_wall_clock(self, moment: dt.datetime) -> None:
        """Show this day and time (a naive datetime: QDateTime would read it in local time)."""
        day = QDate(moment.year, moment.month, moment.day)
        super().setDateTime(QDateTime(day, QTime(moment.hour, moment.minute), QTimeZone.utc()))

    def wall_clock(self) -> dt.datetime:
        """The day and time shown, to the minute."""
        moment = dt.datetime.combine(self.date().toPython(), self.time().toPython())
        return moment.replace(second=0, microsecond=0)


def date_time_field(moment: dt.datetime) -> WallClockEdit:
    """A field for a day and a wall-clock time ("Mon 2 Nov 2026  14:30"), with a calendar."""
    edit = WallClockEdit(moment)
    edit.setDisplayFormat(DATE_TIME_EDIT_FORMAT)
    edit.setCalendarPopup(True)
    tab_leaves_field(edit)
    return edit
