"""One place that announces changes to the data, so every pane can follow them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, SignalInstance

from relate.changes import Changes


class DataEvents(QObject):
    """Emitted after the core has stored a change, by `announce` alone: the undo
    commands' runner (ui.undo.commands.CoreCommand) and the window's bulk changes hand it
    the change's record, and it says each part once.

    Signals:
        contacts_changed(list): fields or tags of these contact ids changed (empty: any).
        contacts_added(list): these contacts now exist (created, restored; empty: many
            at once, read the list again).
        contacts_removed(list): these contacts are gone from the current lists
            (deleted, or archived/restored so they move between views).
        timeline_changed(int): a contact's interactions or follow-ups changed (0: any
            contact's, after a bulk change).
        tags_changed(): tag names, counts or the user's interests changed.
        meetings_changed(): a 1-2-1 was planned, moved, cancelled or held (or that
            was undone): lists of planned meetings read them again.
        ideas_changed(): an introduction idea was put off or brought back.
        announced(): every signal of one change has been emitted: what several of them
            would read again (the contact's card) is read once, now.
    """

    contacts_changed = Signal(list)
    contacts_added = Signal(list)
    contacts_removed = Signal(list)
    timeline_changed = Signal(int)
    tags_changed = Signal()
    meetings_changed = Signal()
    ideas_changed = Signal()
    announced = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._announcing = 0  # a depth: a pane may make a change while one is said

    def announce(self, changes: Changes) -> None:
        """Say what one change touched: each signal once, then `announced`."""
        if not changes:
            return
        self._announcing += 1
        try:
            if changes.removed:
                self.contacts_removed.emit(list(changes.removed))
            if changes.everything:
                self.contacts_added.emit([])
            elif changes.added:
                self.contacts_added.emit(list(changes.added))
            if changes.everything or changes.every_contact:
                self.contacts_changed.emit([])
            elif changes.contacts:
                self.contacts_changed.emit(list(changes.contacts))
            for contact_id in (0,) if changes.everything else changes.timelines:
                self.timeline_changed.emit(contact_id)
            if changes.everything or changes.tags:
                self.tags_changed.emit()
            if changes.everything or changes.meetings:
                self.meetings_changed.emit()
            if changes.everything or changes.ideas:
                self.ideas_changed.emit()
        finally:
            self._announcing -= 1
        self.announced.emit()

    def announcing(self) -> bool:
        """Whether the signals of a change are being emitted (`announced` follows)."""
        return self._announcing > 0

    def every_change(self) -> tuple[SignalInstance, ...]:
        """Every signal of a change to the data: for what follows any of them."""
        return (
            self.contacts_changed,
            self.contacts_added,
            self.contacts_removed,
            self.timeline_changed,
            self.tags_changed,
            self.meetings_changed,
            self.ideas_changed,
        )
