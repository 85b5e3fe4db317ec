"""The Timeline tab: planned 1-2-1s, then a contact's interactions by month; a quick-entry row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QShortcut,
    QStandardItem,
    QStandardItemModel,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from relate import meetings, timeline
from relate.dates import day_text, moment_text, month_text, time_text
from relate.meetings import MeetingRecord
from relate.records import InteractionRecord
from relate.vocabulary import EXCHANGE_KINDS
from ui.dialogs.entry_dialog import EntryDialog, kind_combo, sub_kind_combo
from ui.dialogs.introduce_dialog import introduce_with_prompt
from ui.dialogs.meeting_dialogs import (
    cancel_meeting,
    edit_meeting_with_prompt,
    hold_meeting_with_prompt,
    plan_meeting_with_prompt,
)
from ui.undo.commands import (
    DeleteInteractionCommand,
    EditInteractionCommand,
    LogInteractionCommand,
    run_command,
)
from ui.undo.data_events import DataEvents
from ui.widgets.date_fields import date_field
from ui.widgets.empty_state import EmptyState
from ui.widgets.icons import kind_icon

_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
_MEETING_ROLE = Qt.ItemDataRole.UserRole + 2
# Gave and received stand out: what the user gives, and what they owe.
EXCHANGE_COLOURS = {"gave": QColor("#2e9d5b"), "received": QColor("#d08a1f")}
NO_ENTRIES = (
    "Nothing on their timeline yet. Write what happened above and press Enter, "
    "or plan a 1-2-1 below."
)
# Planned meetings are not contact yet: another colour; red once their time has passed.
PLANNED_COLOUR = QColor("#3d7fc4")
PAST_PLAN_COLOUR = QColor("#c0504d")


def _detail_item(text: str, role: int, key: int) -> QStandardItem:
    """The unfolded text under a row (notes, an agenda), in italics, pointing at the same
    entry or meeting as its row."""
    item = QStandardItem(text)
    item.setData(key, role)
    font = QFont(item.font())
    font.setItalic(True)
    item.setFont(font)
    return item


# Which way an imported message or mail went, beside its kind: "email ↗" (sent).
_DIRECTION_MARKS = {"sent": "↗", "received": "↙"}


class TimelineTab(QWidget):
    """Planned 1-2-1s on top (soonest first), then entries newest first, grouped by
    month; notes and agendas unfold under their item."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack, self.events = stack, events
        self.contact_id: int | None = None
        self.read_only = False

        self.kind = kind_combo()
        self.kind.setCurrentText("conversation")
        self.kind.setToolTip("Kind of entry")
        self.sub_kind = sub_kind_combo()
        self.sub_kind.setToolTip("What was given or received")
        self.kind.currentTextChanged.connect(self._on_kind_current_text_changed)
        self.date = date_field(dt.date.today())
        self.summary = QLineEdit()
        self.summary.setObjectName("quickSummary")
        self.summary.setPlaceholderText("What happened?")
        self.summary.setToolTip("Ctrl+L comes here; Enter logs the entry")
        self.summary.returnPressed.connect(self.log_entry)
        self.log_button = QPushButton("Log")
        self.log_button.clicked.connect(self.log_entry)
        # Two rows, so that a narrow pane never cuts the kind or the summary short.
        what = QHBoxLayout()
        what.addWidget(self.kind)
        what.addWidget(self.sub_kind)
        what.addWidget(self.date)
        what.addStretch(1)
        entry = QHBoxLayout()
        entry.addWidget(self.summary, 1)
        entry.addWidget(self.log_button)
        self._on_kind_current_text_changed(self.kind.currentText())

        self.model = QStandardItemModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu_requested)
        self.tree.doubleClicked.connect(self._on_tree_double_clicked)
        delete = QShortcut(
            QKeySequence.StandardKey.Delete,
            self.tree,
            self.delete_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        delete.setWhatsThis("Delete the timeline entry selected")  # Help → Keyboard shortcuts

        self.plan_button = QPushButton(kind_icon("planned"), "Plan a 1-2-1…")
        self.plan_button.setToolTip("Plan a meeting with them: when, where, and what about")
        self.plan_button.clicked.connect(self.plan_meeting)
        self.introduce_button = QPushButton(kind_icon("gave"), "Introduce…")
        self.introduce_button.setToolTip("Introduce them to someone else in your network")
        self.introduce_button.clicked.connect(self.introduce)
        actions = QHBoxLayout()
        actions.addWidget(self.plan_button)
        actions.addWidget(self.introduce_button)
        actions.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(what)
        layout.addLayout(entry)
        self.list = EmptyState(self.tree, NO_ENTRIES)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)

    def focus_quick_entry(self) -> None:
        """Ctrl+L: straight to the summary of a new entry."""
        self.summary.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.summary.selectAll()

    def show_contact(self, contact_id: int | None) -> None:
        self.contact_id = contact_id
        self.setEnabled(contact_id is not None)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        """Look, don't touch: the planned meetings' buttons are off (made anew with each
        refresh, they follow this)."""
        self.read_only = read_only
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the list from the core."""
        self.model.clear()
        if self.contact_id is None:
            self.list.set_empty(False)
            return
        planned = self._add_planned(self.contact_id)
        month_item: QStandardItem | None = None
        month = None
        for entry in timeline.interactions_for(self.contact_id):
            if (entry.date.year, entry.date.month) != month:
                month = (entry.date.year, entry.date.month)
                month_item = QStandardItem(month_text(entry.date))
                font = QFont(month_item.font())
                font.setBold(True)
                month_item.setFont(font)
                month_item.setSelectable(False)
                self.model.appendRow(month_item)
            assert month_item is not None
            month_item.appendRow(self._entry_item(entry))
        self.tree.expandToDepth(0)
        if planned is not None:
            for row in range(planned.rowCount()):
                meeting = planned.child(row)
                # Agendas stay unfolded: they are read before going.
                self.tree.setExpanded(meeting.index(), True)
                buttons = self._meeting_buttons(meeting.data(_MEETING_ROLE))
                self.tree.setIndexWidget(meeting.index(), buttons)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.list.set_empty(self.model.rowCount() == 0)

    def _meeting_steps(self) -> tuple[tuple[str, str, Callable[[int], object]], ...]:
        """What can be done with a planned meeting, as buttons on its row and in its
        right-click menu: (label, tooltip, the step given the meeting's id)."""
        return (
            ("Mark held…", "It took place: what you learned goes into their story", self.mark_held),
            ("Edit…", "Change when, how long, where or what about", self.edit_meeting),
            ("Cancel", "Cancel this 1-2-1 (Ctrl+Z brings it back)", self.call_off),
            ("To calendar…", "Save it as an .ics file for your calendar", self.to_calendar),
        )

    def _meeting_buttons(self, meeting_id: int) -> QWidget:
        """The steps of one planned meeting as small buttons, laid over its row below the
        row's own text (which shows through, as do clicks beside the buttons)."""
        box = QWidget()
        box.setObjectName("meetingButtons")
        # Level with the text (the style's margin beside an item's text), below it.
        margin = self.tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        below_text = QFontMetrics(self.tree.font()).height() + 4
        row = QHBoxLayout(box)
        row.setContentsMargins(margin, below_text, margin, 4)
        row.setSpacing(4)
        for label, tip, step in self._meeting_steps():
            button = QToolButton()
            button.setText(label)
            button.setToolTip(tip)
            button.clicked.connect(_bound(step, meeting_id))
            button.setEnabled(not self.read_only)
            row.addWidget(button)
        row.addStretch(1)
        return box

    def _add_planned(self, contact_id: int) -> QStandardItem | None:
        """The "Planned" header with the contact's planned meetings (None: none)."""
        planned = [m for m in meetings.meetings_for(contact_id) if m.is_planned]
        if not planned:
            return None
        header = QStandardItem(kind_icon("planned"), f"Planned ({len(planned)})")
        font = QFont(header.font())
        font.setBold(True)
        header.setFont(font)
        header.setForeground(QBrush(PLANNED_COLOUR))
        header.setSelectable(False)
        header.setToolTip("1-2-1s to come: mark one held once it took place")
        for meeting in reversed(planned):  # soonest first
            header.appendRow(self._meeting_item(meeting))
        self.model.appendRow(header)
        return header

    @staticmethod
    def _meeting_item(meeting: MeetingRecord) -> QStandardItem:
        start, end = meeting.starts_at, meeting.ends_at
        when = f"{moment_text(start, short=True)}–{time_text(end)}"
        if meeting.time_zone and meeting.time_zone != meetings.local_zone_name():
            when += f" ({meeting.time_zone})"
        text = when + (f" at {meeting.place}" if meeting.place else "")
        item = QStandardItem(text)  # (no icon: its header has it)
        item.setData(meeting.id, _MEETING_ROLE)
        # On the first line: its buttons take the second (see `_meeting_buttons`).
        item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        item.setToolTip(f"{text}\n{meeting.agenda or 'No agenda yet'}")
        if start < dt.datetime.now():
            item.setText(f"{text}   (past: was it held?)")
            item.setForeground(QBrush(PAST_PLAN_COLOUR))
            item.setToolTip(f"{text}\nIts time has passed: mark it held, or cancel it")
        else:
            item.setForeground(QBrush(PLANNED_COLOUR))
        if meeting.agenda:
            item.appendRow(_detail_item(meeting.agenda, _MEETING_ROLE, meeting.id))
        return item

    @staticmethod
    def _entry_item(entry: InteractionRecord) -> QStandardItem:
        kind = f"{entry.kind}: {entry.sub_kind}" if entry.sub_kind else entry.kind
        if entry.direction:
            kind += f" {_DIRECTION_MARKS[entry.direction]}"
        # The month's heading gives the year.
        when = day_text(entry.date, weekday=True, short=True, today=entry.date)
        if entry.time:
            when += f", {time_text(entry.time)}"
        item = QStandardItem(kind_icon(entry.kind), f"{when}   {kind}   {entry.summary}".rstrip())
        item.setData(entry.id, _ENTRY_ROLE)
        tip = entry.notes or entry.summary
        if entry.direction:
            tip = f"{tip}\n{entry.direction.capitalize()}".strip()
        if entry.origin:
            tip = f"{tip}\nImported from {entry.origin}".strip()
        item.setToolTip(tip)
        if entry.kind in EXCHANGE_KINDS:
            item.setForeground(QBrush(EXCHANGE_COLOURS[entry.kind]))
            font = QFont(item.font())
            font.setBold(True)
            item.setFont(font)
        if entry.notes:
            item.appendRow(_detail_item(entry.notes, _ENTRY_ROLE, entry.id))
        return item

    def _on_kind_current_text_changed(self, kind: str) -> None:
        self.sub_kind.setVisible(kind in EXCHANGE_KINDS)

    def log_entry(self) -> None:
        """Log the quick-entry row (Enter in the summary)."""
        if self.contact_id is None:
            return
        kind = self.kind.currentText()
        command = LogInteractionCommand(
            self.events,
            self.contact_id,
            kind=kind,
            sub_kind=(self.sub_kind.currentText() or None) if kind in EXCHANGE_KINDS else None,
            date=self.date.date().toPython(),
            summary=self.summary.text(),
        )
        if run_command(self.stack, command, self):
            self.summary.clear()
            self.date.setDate(QDate.currentDate())

    def selected_entry_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(_ENTRY_ROLE) if index.isValid() else None

    def selected_meeting_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(_MEETING_ROLE) if index.isValid() else None

    def delete_selected(self) -> None:
        """Del: delete the selected entry, or call off the selected planned meeting."""
        entry_id = self.selected_entry_id()
        meeting_id = self.selected_meeting_id()
        if entry_id is not None:
            run_command(self.stack, DeleteInteractionCommand(self.events, entry_id), self)
        elif meeting_id is not None:
            self.call_off(meeting_id)

    # Meetings and introductions ----------------------------------------------------------

    def plan_meeting(self) -> bool:
        """Plan a 1-2-1 with the contact on show; whether one was planned."""
        if self.contact_id is None:
            return False
        return plan_meeting_with_prompt(self.contact_id, self.stack, self.events, self)

    def introduce(self) -> bool:
        """Introduce the contact on show to someone; whether it was recorded."""
        if self.contact_id is None:
            return False
        return introduce_with_prompt(self.stack, self.events, self, first_id=self.contact_id)

    def mark_held(self, meeting_id: int) -> bool:
        """Mark a planned meeting held, asking what was learned; whether it was."""
        return hold_meeting_with_prompt(meeting_id, self.stack, self.events, self)

    def edit_meeting(self, meeting_id: int) -> bool:
        """Change a planned meeting in its dialog; whether anything changed."""
        return edit_meeting_with_prompt(meeting_id, self.stack, self.events, self)

    def call_off(self, meeting_id: int) -> bool:
        """Cancel a planned meeting (Ctrl+Z brings it back)."""
        return cancel_meeting(meeting_id, self.stack, self.events, self)

    def to_calendar(self, meeting_id: int) -> Path | None:
        """A planned meeting as an .ics file, opened in the calendar program."""
        from ui.dialogs.calendar_export import export_meetings  # icalendar loads when first used

        return export_meetings(self, [meetings.get_meeting(meeting_id)], QSettings())

    def edit_selected(self) -> None:
        entry_id = self.selected_entry_id()
        if entry_id is None:
            return
        dialog = EntryDialog(timeline.get_interaction(entry_id), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            command = EditInteractionCommand(self.events, entry_id, **dialog.values())
            run_command(self.stack, command, self)

    def _on_tree_double_clicked(self, index: QModelIndex) -> None:
        if index.data(_ENTRY_ROLE) is not None:
            self.edit_selected()
        elif index.data(_MEETING_ROLE) is not None:
            self.edit_meeting(index.data(_MEETING_ROLE))

    def _on_tree_context_menu_requested(self, position: QPoint) -> None:
        menu = QMenu(self)
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            menu.setToolTipsVisible(True)
            for label, tip, step in self._meeting_steps():
                menu.addAction(label, _bound(step, meeting_id)).setToolTip(tip)
        elif self.selected_entry_id() is not None:
            menu.addAction("Edit…", self.edit_selected)
            menu.addAction("Delete", self.delete_selected)
        else:
            return
        menu.exec(self.tree.viewport().mapToGlobal(position))


def _bound(step: Callable[[int], object], key: int) -> Callable[[], object]:
    """`step(key)` as a slot without parameters (`clicked` and `triggered` would hand a
    slot with parameters their `checked`)."""
    return lambda: step(key)
