"""Settling a sync conflict, undoably: keep Relate's value, or take the server's."""

from __future__ import annotations

from relate import contacts
from relate.address_books.conflicts import ConflictRecord, reopen_conflict, resolve_conflict
from relate.changes import Changes
from ui.undo.commands import CoreCommand
from ui.undo.data_events import DataEvents


class ResolveConflictCommand(CoreCommand):
    """Settle one conflict; undo makes it wait again and, when the server's value was
    taken, gives the contact back the value it had."""

    def __init__(self, events: DataEvents, conflict: ConflictRecord, *, take_server: bool) -> None:
        side = "take the server's" if take_server else "keep mine"
        super().__init__(events, f"{conflict.contact_name}, {conflict.label}: {side}")
        self.conflict, self.take_server = conflict, take_server
        # The value to give back on undo: the contact's own, as it is now.
        detail = contacts.get_contact(conflict.contact_id)
        self.before = getattr(detail, conflict.field) if take_server else None
        self.reopened = True  # False: a newer conflict of the field stood in the way

    def apply(self) -> Changes:
        if not self.reopened:  # a redo of an undo that changed nothing
            self.reopened = True
            return Changes()
        resolve_conflict(self.conflict.id, take_server=self.take_server)
        # The contact too when only the conflict changed: its card's notice goes.
        return Changes(contacts=(self.conflict.contact_id,))

    def revert(self) -> Changes:
        self.reopened = reopen_conflict(self.conflict.id, restore=self.before)
        return Changes(contacts=(self.conflict.contact_id,))
