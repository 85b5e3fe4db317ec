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

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, Qt, QTime
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


def date_time_field(moment: dt.datetime) -> QDateTimeEdit:
    """A field for a day and a time ("Mon 2 Nov 2026  14:30"), with a calendar."""
    edit = QDateTimeEdit(QDateTime(moment))
    edit.setDisplayFormat(DATE_TIME_EDIT_FORMAT)
    edit.setCalendarPopup(True)
    tab_leaves_field(edit)
    return edit
