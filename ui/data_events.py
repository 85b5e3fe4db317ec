"""One place that announces changes to the data, so every pane can follow them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance


class DataEvents(QObject):
    """Emitted after the core has stored a change (by an undo command, usually).

    Signals:
        contacts_changed(list): fields or tags of these contact ids changed (empty: any).
        contacts_added(list): these contacts now exist (created, restored).
        contacts_removed(list): these contacts are gone from the current lists
            (deleted, or archived/restored so they move between views).
        timeline_changed(int): a contact's interactions or follow-ups changed.
        tags_changed(): tag names, counts or the user's interests changed.
        meetings_changed(): a 1-2-1 was planned, moved, cancelled or held (or that
            was undone): lists of planned meetings read them again.
    """

    contacts_changed = Signal(list)
    contacts_added = Signal(list)
    contacts_removed = Signal(list)
    timeline_changed = Signal(int)
    tags_changed = Signal()
    meetings_changed = Signal()

    def every_change(self) -> tuple[SignalInstance, ...]:
        """Every signal above: for what follows any change to the data."""
        return (
            self.contacts_changed,
            self.contacts_added,
            self.contacts_removed,
            self.timeline_changed,
            self.tags_changed,
            self.meetings_changed,
        )
