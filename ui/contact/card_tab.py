"""The Card tab: every field of a contact, edited in place and saved on commit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relate import cadence, contacts, ledger, tags
from relate.address_books.conflicts import open_conflicts
from relate.dates import day_text
from relate.fields import FIELDS, Kind
from relate.fields import label as field_label
from relate.humanize import relative_date
from relate.records import ContactDetail, Phone
from relate.vocabulary import NEED_CATEGORY, STAGES
from ui.contact.follow_ups_tab import pick_date
from ui.contact.tag_chips import TagChipEditor
from ui.contact.tag_menu import NEEDS_LABEL
from ui.contact.timeline_tab import EXCHANGE_COLOURS
from ui.undo.commands import EditContactCommand, EditTagCommand, TagCommand, run_command
from ui.undo.data_events import DataEvents
from ui.undo.loop_commands import SnoozeContactCommand
from ui.widgets.contact_picker import ContactPicker

# (field, label) of the registry's one-line fields, in form order.
_LINE_FIELDS: tuple[tuple[str, str], ...] = tuple((f.name, f.label) for f in FIELDS if f.card)
_KINDS = {field.name: field.kind for field in FIELDS}
_DATE_FIELDS = tuple(name for name, _ in _LINE_FIELDS if _KINDS[name] is Kind.DATE)
_PHONE = re.compile(r"^(?P<number>[^()]+?)\s*(?:\((?P<label>[^)]*)\))?$")


def _shown(field: str, contact: ContactDetail) -> str:
    """A field's value as its line edit shows it."""
    value = getattr(contact, field)
    if _KINDS[field] is Kind.EMAILS:
        return ", ".join(value)
    if _KINDS[field] is Kind.PHONES:
        return ", ".join(f"{p.number} ({p.label})" if p.label else p.number for p in value)
    if field in _DATE_FIELDS:
        return day_text(value) if value else ""
    return value or ""


def _stored(field: str, text: str) -> Any:
    """A line edit's text as `update_contact` takes it."""
    if _KINDS[field] is Kind.EMAILS:
        return [part.strip() for part in text.split(",") if part.strip()]
    if _KINDS[field] is Kind.PHONES:
        phones = []
        for part in (p.strip() for p in text.split(",")):
            match = _PHONE.match(part) if part else None
            if match:
                phones.append(Phone(match["number"].strip(), (match["label"] or "").strip()))
        return phones
    return text


def _rhythm_source(contact: ContactDetail) -> str:
    """The rhythm in words, and where it comes from when it is not the contact's own."""
    days = contact.rhythm_days
    if days is None:
        return "none (set one below, or give their stage one)"
    label = cadence.rhythm_label(days)
    if contact.cadence_days is not None:
        return label
    # Not their own: the shortest of their tags' rhythms wins, else the stage's.
    by_tag = cadence.tag_cadences()
    tagged = sorted((by_tag[t.name], t.name) for t in contact.tags if t.name in by_tag)
    if tagged and tagged[0][0] == days:
        return f"{label} (from the tag {tagged[0][1]})"
    if cadence.stage_cadences().get(contact.stage) == days:
        return f"{label} (from the {contact.stage} stage)"
    return label


class StoryEdit(QPlainTextEdit):
    """A roomy plain-text editor that says when the user leaves it.

    Signals:
        editing_finished(): focus left the editor.
    """

    editing_finished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.editing_finished.emit()


class CardTab(QScrollArea):
    """One contact's fields; each edit is an undoable change stored when committed."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.stack, self.events = stack, events
        self.contact: ContactDetail | None = None
        self.setWidgetResizable(True)
        body = QWidget()
        self.setWidget(body)
        outer = QVBoxLayout(body)
        self.common_ground = QLabel()
        self.common_ground.setObjectName("commonGround")
        self.common_ground.setWordWrap(True)
        self.common_ground.setTextFormat(Qt.TextFormat.RichText)
        self.rhythm = QLabel()
        self.rhythm.setObjectName("rhythm")
        self.rhythm.setWordWrap(True)
        self.snooze = QToolButton()
        self.snooze.setText("Snooze")
        self.snooze.setToolTip("Not due for a while: a rest, a busy season")
        self.snooze.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.snooze.setMenu(self._snooze_menu())
        rhythm_row = QHBoxLayout()
        rhythm_row.addWidget(self.rhythm, 1)
        rhythm_row.addWidget(self.snooze, 0, Qt.AlignmentFlag.AlignTop)
        self.balance = QLabel()
        self.balance.setObjectName("balance")
        self.balance.setWordWrap(True)
        self.balance.setTextFormat(Qt.TextFormat.RichText)
        self.balance.setToolTip("The gave and received entries on the timeline, counted")
        # Fields a sync found changed on both sides: said, with the way to settle them.
        self.conflicts_text = QLabel()
        self.conflicts_text.setObjectName("syncConflicts")
        self.conflicts_text.setWordWrap(True)
        self.conflicts_button = QToolButton()
        self.conflicts_button.setText("Choose…")
        self.conflicts_button.setObjectName("syncConflictsChoose")
        self.conflicts_button.clicked.connect(self._on_conflicts_button_clicked)
        self.conflicts = QWidget()
        conflicts_row = QHBoxLayout(self.conflicts)
        conflicts_row.setContentsMargins(0, 0, 0, 0)
        conflicts_row.addWidget(self.conflicts_text, 1)
        conflicts_row.addWidget(self.conflicts_button, 0, Qt.AlignmentFlag.AlignTop)
        self.conflicts.hide()
        outer.addWidget(self.conflicts)
        outer.addWidget(self.common_ground)
        outer.addLayout(rhythm_row)
        outer.addWidget(self.balance)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.lines: dict[str, QLineEdit] = {}
        for field, text in _LINE_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.editingFinished.connect(self._saver(field))
            self.lines[field] = edit
            form.addRow(text, edit)
        self.lines["emails"].setPlaceholderText("first is primary; separate with commas")
        for field in _DATE_FIELDS:
            self.lines[field].setPlaceholderText("a date, such as 10 Dec 1990")
        self.lines["linkedin_url"].setPlaceholderText("https://www.linkedin.com/in/…")

        self.met_through = ContactPicker()
        self.met_through.contact_picked.connect(self._on_met_through_contact_picked)
        form.addRow(field_label("met_through_id"), self.met_through)
        self.stage = QComboBox()
        self.stage.addItems(STAGES)
        self.stage.activated.connect(self._on_stage_activated)
        form.addRow(field_label("stage"), self.stage)
        self.cadence = QSpinBox()
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText("No rhythm")
        self.cadence.setSuffix(" days")
        self.cadence.setToolTip(
            "How often you want to be in touch (0: the stage's or the tags' rhythm, if any)"
        )
        self.cadence.editingFinished.connect(self._on_cadence_editing_finished)
        form.addRow("Keep in touch every", self.cadence)
        self.tag_editor = TagChipEditor(tag_menus=True)
        self.tag_editor.tag_added.connect(self._on_tag_editor_tag_added)
        self.tag_editor.tag_removed.connect(self._on_chip_editor_tag_removed)
        self.tag_editor.tag_edited.connect(self._on_chip_editor_tag_edited)
        form.addRow("Interests", self.tag_editor)
        # Their needs, apart: a chip added here is a need tag.
        self.need_editor = TagChipEditor(
            placeholder="Add what they look for…",
            what="need (what they are looking for)",
            tag_menus=True,
        )
        self.need_editor.setObjectName("needChipEditor")
        self.need_editor.setToolTip(
            "What they are looking for: Today suggests whom you could introduce them to"
        )
        self.need_editor.tag_added.connect(self._on_need_editor_tag_added)
        self.need_editor.tag_removed.connect(self._on_chip_editor_tag_removed)
        self.need_editor.tag_edited.connect(self._on_chip_editor_tag_edited)
        form.addRow(NEEDS_LABEL, self.need_editor)
        outer.addLayout(form)

        outer.addWidget(QLabel("Their story: what they do, want, and worry about"))
        self.story = StoryEdit()
        self.story.setObjectName("story")
        self.story.setMinimumHeight(180)
        self.story.editing_finished.connect(self.save_story)
        outer.addWidget(self.story, 1)

    # Showing a contact ---------------------------------------------------------------

    def show_contact(self, contact_id: int | None) -> None:
        """Show this contact's fields (None: an empty, disabled card)."""
        if self.contact is not None and (contact_id is None or contact_id != self.contact.id):
            self.save_story()
        if contact_id is None:
            self.contact = None
            self.setEnabled(False)
            for edit in self.lines.values():
                edit.clear()
            self.story.clear()
            self.tag_editor.set_tags([])
            self.need_editor.set_tags([])
            self.common_ground.clear()
            self.conflicts.hide()
            self.rhythm.clear()
            self.balance.clear()
            return
        self.setEnabled(True)
        self.contact = contacts.get_contact(contact_id)
        self._fill()

    def refresh(self) -> None:
        """Read the shown contact again (after a change from elsewhere)."""
        if self.contact is not None:
            self.contact = contacts.get_contact(self.contact.id)
            self._fill(keep_typing=True)

    def _fill(self, keep_typing: bool = False) -> None:
        """Show `self.contact`; `keep_typing`: the same contact read again, so a field the
        user is typing in keeps their words (saved when they leave it)."""
        contact = self.contact
        assert contact is not None
        for field, edit in self.lines.items():
            if keep_typing and edit.hasFocus() and edit.isModified():
                continue
            edit.setText(_shown(field, contact))
            edit.setCursorPosition(0)
        self.met_through.set_contact(contact.met_through_id, contact.met_through_name)
        self.stage.setCurrentText(contact.stage)
        # 0 means "none of their own": say what they follow instead.
        default = contact.rhythm_days if contact.cadence_days is None else None
        self.cadence.setSpecialValueText(
            f"Default: {cadence.rhythm_label(default)}" if default else "No rhythm"
        )
        self.cadence.setValue(contact.cadence_days or 0)
        typing_story = keep_typing and self.story.hasFocus()
        if self.story.toPlainText() != contact.story and not typing_story:
            self.story.setPlainText(contact.story)
        self.tag_editor.set_tags([t for t in contact.tags if not t.is_need])
        self.need_editor.set_tags([t for t in contact.tags if t.is_need])
        interests, needs = tags.tag_names_by_need()
        self.tag_editor.set_completions(interests)
        self.need_editor.set_completions(needs)
        shared = [t.name for t in contact.tags if t.mine and not t.avoid]
        avoid = [t.name for t in contact.tags if t.avoid]
        parts = []
        if shared:
            parts.append("<b>In common:</b> ★ " + ", ".join(shared))
        if avoid:
            parts.append("<b>Steer clear of:</b> " + ", ".join(avoid))
        self.common_ground.setText(" &nbsp;·&nbsp; ".join(parts))
        self.common_ground.setVisible(bool(parts))
        self.rhythm.setText(self._rhythm_text(contact))
        self._show_conflicts(contact.id)
        self.end_snooze_action.setEnabled(contact.snoozed_until is not None)
        self.refresh_balance()

    def _show_conflicts(self, contact_id: int) -> None:
        """A line above the fields when a sync found some changed on both sides."""
        waiting = open_conflicts(contact_id)
        if waiting:
            fields = ", ".join(dict.fromkeys(c.label for c in waiting))
            books = ", ".join(dict.fromkeys(c.book for c in waiting))
            self.conflicts_text.setText(f"⚠ Changed both here and in {books}: {fields}.")
        self.conflicts.setVisible(bool(waiting))

    def _on_conflicts_button_clicked(self) -> None:
        from ui.dialogs.conflicts_dialog import ConflictsDialog

        if self.contact is None:
            return
        dialog = ConflictsDialog(self.stack, self.events, self.contact.id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def refresh_balance(self) -> None:
        """Count what was given and received again (after a timeline change)."""
        if self.contact is None:
            self.balance.clear()
            return
        counts = ledger.balance(self.contact.id)
        self.balance.setVisible(bool(counts.given or counts.received))
        given, received = (
            f'<span style="color:{EXCHANGE_COLOURS[kind].name()}"><b>{label} {count}</b></span>'
            for kind, label, count in (
                ("gave", "Given", counts.given),
                ("received", "Received", counts.received),
            )
        )
        text = f"{given} &nbsp;·&nbsp; {received}"
        if counts.received and not counts.given:
            text += "<br>You have only received so far: is there something you could give?"
        self.balance.setText(text)

    @staticmethod
    def _rhythm_text(contact: ContactDetail) -> str:
        last = (
            f"Last contact {relative_date(contact.last_contacted)}"
            if contact.last_contacted
            else "No contact logged yet"
        )
        due = contact.next_due
        if due is None:
            first = f"{last}."
        elif due < dt.date.today():
            first = f"{last}; due since {day_text(due, short=True)} ({relative_date(due)})."
        else:
            first = f"{last}; next due {relative_date(due)} ({day_text(due, short=True)})."
        lines = [first, f"Rhythm: {_rhythm_source(contact)}."]
        snoozed = contact.snoozed_until
        if snoozed is not None and snoozed >= dt.date.today():
            lines.append(f"Snoozed until {day_text(snoozed, weekday=True)}.")
        return "\n".join(lines)

    # Snoozing --------------------------------------------------------------------------

    def _snooze_menu(self) -> QMenu:
        menu = QMenu(self)
        for label, days in (("For a week", 7), ("For 2 weeks", 14), ("For a month", 30)):
            menu.addAction(label, lambda days=days: self.snooze_for(days))
        menu.addAction("Until…", self._on_snooze_until_triggered)
        menu.addSeparator()
        self.end_snooze_action = menu.addAction("End the snooze", lambda: self.snooze_until(None))
        return menu

    def snooze_for(self, days: int) -> None:
        self.snooze_until(dt.date.today() + dt.timedelta(days=days))

    def snooze_until(self, day: dt.date | None) -> None:
        """Not due before `day` (None: due again by the rhythm)."""
        if self.contact is not None:
            command = SnoozeContactCommand(self.events, self.contact.id, day)
            run_command(self.stack, command, self)

    def _on_snooze_until_triggered(self) -> None:
        start = dt.date.today() + dt.timedelta(days=14)
        day = pick_date(self, start, "Snooze until")
        if day is not None:
            self.snooze_until(day)

    # Saving ----------------------------------------------------------------------------

    def _edit(self, new: dict[str, Any], old: dict[str, Any], text: str) -> None:
        assert self.contact is not None
        command = EditContactCommand(self.events, self.contact.id, new, old, text)
        if not run_command(self.stack, command, self):
            self._fill()  # put back what is stored

    def _saver(self, field: str) -> Callable[[], None]:
        def save() -> None:
            if self.contact is None:
                return
            edit = self.lines[field]
            edit.setModified(False)  # saved (or refused): no longer the user's unsaved words
            text = edit.text()
            if text == _shown(field, self.contact):
                return
            old = _stored(field, _shown(field, self.contact))
            if field in _DATE_FIELDS:
                old = getattr(self.contact, field)
            what = field_label(field).lower()
            self._edit({field: _stored(field, text)}, {field: old}, f"Edit {what}")

        return save

    def _on_met_through_contact_picked(self, contact_id: int) -> None:
        if self.contact is not None and (contact_id or None) != self.contact.met_through_id:
            self._edit(
                {"met_through_id": contact_id or None},
                {"met_through_id": self.contact.met_through_id},
                "Edit met through",
            )

    def _on_stage_activated(self, _index: int) -> None:
        stage = self.stage.currentText()
        if self.contact is not None and stage != self.contact.stage:
            self._edit({"stage": stage}, {"stage": self.contact.stage}, "Change stage")

    def _on_cadence_editing_finished(self) -> None:
        days = self.cadence.value() or None
        if self.contact is not None and days != self.contact.cadence_days:
            self._edit(
                {"cadence_days": days}, {"cadence_days": self.contact.cadence_days}, "Edit rhythm"
            )

    def save_story(self) -> None:
        """Store the story if it was changed (on leaving the editor or the contact)."""
        if self.contact is None:
            return
        text = self.story.toPlainText()
        if text.strip() != self.contact.story:
            self._edit({"story": text}, {"story": self.contact.story}, "Edit story")

    def _on_tag_editor_tag_added(self, name: str) -> None:
        if self.contact is not None:
            run_command(self.stack, TagCommand(self.events, [self.contact.id], name, True), self)

    def _on_need_editor_tag_added(self, name: str) -> None:
        if self.contact is not None:
            command = TagCommand(self.events, [self.contact.id], name, True, NEED_CATEGORY)
            run_command(self.stack, command, self)

    def _on_chip_editor_tag_removed(self, name: str) -> None:
        if self.contact is not None:
            run_command(self.stack, TagCommand(self.events, [self.contact.id], name, False), self)

    def _on_chip_editor_tag_edited(self, name: str, change: dict[str, object]) -> None:
        run_command(self.stack, EditTagCommand(self.events, name, **change), self)
