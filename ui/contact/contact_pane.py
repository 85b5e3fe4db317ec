"""The contact pane: a header with who they are, and the Card, Timeline and Follow-ups tabs."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relate.validation import NotFoundError
from ui.contact.card_tab import CardTab
from ui.contact.follow_ups_tab import FollowUpsTab
from ui.contact.timeline_tab import TimelineTab
from ui.undo.data_events import DataEvents
from ui.widgets.empty_state import EmptyState

NOBODY = "Nobody selected. Pick someone in the list, or press Ctrl+N to add someone."


class ContactPane(QWidget):
    """Everything about the contact selected in the list."""

    def __init__(self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self.contact_id: int | None = None
        self.events = events
        # A change is being announced, and asked for the card to be read again: once,
        # when the announcement ends (a tag added announces contacts and tags).
        self._card_stale = False
        self.name = QLabel()
        self.name.setObjectName("contactName")
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setWordWrap(True)  # a long name takes two lines, never the pane's width
        self.role = QLabel()
        self.role.setObjectName("contactRole")
        self.role.setWordWrap(True)
        self.card = CardTab(stack, events)
        self.timeline = TimelineTab(stack, events)
        self.follow_ups = FollowUpsTab(stack, events)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.card, "Card")
        self.tabs.addTab(self.timeline, "Timeline")
        self.tabs.addTab(self.follow_ups, "Follow-ups")
        contact = QWidget()
        column = QVBoxLayout(contact)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.name)
        column.addWidget(self.role)
        column.addWidget(self.tabs, 1)
        self.view = EmptyState(contact, NOBODY)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.view)
        events.contacts_changed.connect(self._on_events_contacts_changed)
        events.timeline_changed.connect(self._on_events_timeline_changed)
        events.tags_changed.connect(self._on_events_tags_changed)
        events.announced.connect(self._on_events_announced)
        self.show_contact(None)

    def show_contact(self, contact_id: int | None) -> None:
        """Show this contact (None: nothing selected)."""
        self.contact_id = contact_id
        self._card_stale = False  # read afresh here
        self.card.show_contact(contact_id)
        self.timeline.show_contact(contact_id)
        self.follow_ups.show_contact(contact_id)
        self._update_header()
        self.view.set_empty(contact_id is None)

    def set_read_only(self, read_only: bool) -> None:
        """Look, don't touch: every field read-only (still selectable, for copying) and
        every button and choice that would change something turned off."""
        for edit in self.findChildren(QLineEdit) + self.findChildren(QAbstractSpinBox):
            edit.setReadOnly(read_only)
        for text in self.findChildren(QPlainTextEdit):
            text.setReadOnly(read_only)
        for control in self.findChildren(QAbstractButton) + self.findChildren(QComboBox):
            control.setEnabled(not read_only)
        # Those that act only on a selection, or come with each refresh, follow their tab.
        self.timeline.set_read_only(read_only)
        self.follow_ups.set_read_only(read_only)

    def _update_header(self) -> None:
        contact = self.card.contact
        if contact is None:  # (the pane says so in their place)
            self.name.clear()
            self.role.clear()
            return
        self.name.setText(contact.display_name + ("  (archived)" if contact.archived else ""))
        self.role.setText(" at ".join(p for p in (contact.position, contact.company) if p))

    def focus_quick_entry(self) -> None:
        """Ctrl+L: the timeline's quick-entry row."""
        if self.contact_id is not None:
            self.tabs.setCurrentWidget(self.timeline)
            self.timeline.focus_quick_entry()

    def plan_meeting(self) -> bool:
        """Plan a 1-2-1 with the contact on show; the timeline then shows it."""
        if self.contact_id is None:
            return False
        planned = self.timeline.plan_meeting()
        if planned:
            self.tabs.setCurrentWidget(self.timeline)
        return planned

    def introduce(self) -> bool:
        """Introduce the contact on show (as the first of the two) to someone."""
        if self.contact_id is None:
            return False
        made = self.timeline.introduce()
        if made:
            self.tabs.setCurrentWidget(self.timeline)
        return made

    def _on_events_contacts_changed(self, contact_ids: list[int]) -> None:
        if not contact_ids or self.contact_id in contact_ids:
            self._refresh_card()

    def _on_events_tags_changed(self) -> None:
        # A tag's category or marks decide where its chip shows and what is in common.
        self._refresh_card()

    def _on_events_announced(self) -> None:
        if self._card_stale:
            self._card_stale = False
            self._refresh_card()

    def _refresh_card(self) -> None:
        if self.events.announcing():
            self._card_stale = True  # read once the whole change is known (40 ms at 100,000)
            return
        if self.contact_id is None:
            return
        try:
            self.card.refresh()
        except NotFoundError:
            self.show_contact(None)
            return
        self._update_header()

    def _on_events_timeline_changed(self, contact_id: int) -> None:
        if self.contact_id is not None and contact_id in (0, self.contact_id):
            self.timeline.refresh()
            self.follow_ups.refresh()
            self.card.refresh_balance()
