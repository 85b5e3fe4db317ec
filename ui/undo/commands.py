"""Undoable changes: each command calls the core and says what that changed.

Each command is run once by `execute()` (errors surface there, before the command
reaches the window's QUndoStack); Qt's redo/undo repeat and reverse it later. A step
returns its `Changes`, which `CoreCommand` announces once (`DataEvents.announce`): no
command announces by hand.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from relate import contacts, followups, merge, tags, timeline
from relate.changes import Changes
from relate.records import FollowUpRecord, InteractionRecord, TagChange
from relate.store import snapshots
from relate.store.db import database_refusal
from relate.validation import NotFoundError, ValidationError
from ui.dialogs.errors import ask_to_retry, refusal_sentence, show_error
from ui.undo.data_events import DataEvents


class CoreCommand(QUndoCommand):
    """A change made through the core, undoable: `apply` and `revert` make it and take
    it back, each returning what it changed, which is announced here, once.

    `run_command` calls `apply()` first, so a refused change (a validation error) is
    shown to the user and never reaches the stack; the stack's first `redo()` then
    has nothing left to do.
    """

    def __init__(self, events: DataEvents, text: str) -> None:
        super().__init__(text)
        self.events = events
        self._applied = False

    def apply(self) -> Changes:
        raise NotImplementedError

    def revert(self) -> Changes:
        raise NotImplementedError

    def execute(self) -> None:
        """Make the change now (raises what the core raises)."""
        self.events.announce(self.apply())
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.events.announce(self.apply())

    def undo(self) -> None:
        self.events.announce(self.revert())


class EditContactCommand(CoreCommand):
    """Change fields of one contact (`update_contact` keywords)."""

    def __init__(
        self,
        events: DataEvents,
        contact_id: int,
        new: dict[str, Any],
        old: dict[str, Any],
        text: str,
    ) -> None:
        super().__init__(events, text)
        self.contact_id, self.new, self.old = contact_id, new, old

    def apply(self) -> Changes:
        contacts.update_contact(self.contact_id, **self.new)
        return Changes(contacts=(self.contact_id,))

    def revert(self) -> Changes:
        contacts.update_contact(self.contact_id, **self.old)
        return Changes(contacts=(self.contact_id,))


class TagCommand(CoreCommand):
    """Add a tag to contacts, or take it off; undo touches only those it changed."""

    def __init__(
        self,
        events: DataEvents,
        contact_ids: list[int],
        name: str,
        add: bool,
        category: str | None = None,
    ) -> None:
        """`category`: the tag added must be of it (a new one is made so): a need added
        on a card is never an existing interest or expertise of the same name."""
        verb = "Tag" if add else "Untag"
        super().__init__(events, f"{verb} '{name}'")
        self.name, self.add, self.category = name, add, category
        carrying = tags.contacts_with_tag(contact_ids, name)
        # Only the contacts whose tags really change, so undo leaves the others alone.
        self.contact_ids = [cid for cid in contact_ids if (cid in carrying) != add]

    def _apply(self, add: bool) -> Changes:
        if add:
            tags.tag_contacts(self.contact_ids, self.name, self.category, strict=True)
        else:
            tags.untag_contacts(self.contact_ids, self.name)
        return Changes.of(contacts=self.contact_ids, tags=True)

    def apply(self) -> Changes:
        return self._apply(self.add)

    def revert(self) -> Changes:
        return self._apply(not self.add)


class EditTagCommand(CoreCommand):
    """Put a tag in another category (a "need": what someone is looking for), or mark it
    as one of the user's interests or a topic to avoid; undo puts it back as it was."""

    def __init__(
        self,
        events: DataEvents,
        name: str,
        *,
        category: str | None = None,
        avoid: bool | None = None,
        mine: bool | None = None,
    ) -> None:
        if category is not None:
            text = f"Category of '{name}': {category}"
        elif avoid is not None:
            text = f"{'Avoid' if avoid else 'Stop avoiding'} '{name}'"
        else:
            text = f"{'Add' if mine else 'Take'} '{name}' {'to' if mine else 'off'} your interests"
        super().__init__(events, text)
        self.name = name
        self.category, self.marks = category, {"avoid": avoid, "mine": mine}
        self.change: TagChange | None = None

    def apply(self) -> Changes:
        if self.category is not None:
            self.change = tags.set_tag_category(self.name, self.category)
        else:
            self.change = tags.set_tag_marks(self.name, **self.marks)
        return Changes(tags=True)

    def revert(self) -> Changes:
        assert self.change is not None
        tags.undo_tag_change(self.change)
        return Changes(tags=True)


class LogInteractionCommand(CoreCommand):
    """Add an entry to a contact's timeline."""

    def __init__(self, events: DataEvents, contact_id: int, **values: Any) -> None:
        super().__init__(events, f"Log {values.get('kind', 'entry')}")
        self.contact_id, self.values = contact_id, values
        self.record: InteractionRecord | None = None

    def apply(self) -> Changes:
        if self.record is None:
            entry_id = timeline.log_interaction(self.contact_id, **self.values)
            self.record = timeline.get_interaction(entry_id)
        else:
            timeline.restore_interaction(self.record)
        return _entry_changes(self.contact_id)

    def revert(self) -> Changes:
        assert self.record is not None
        timeline.delete_interaction(self.record.id)
        return _entry_changes(self.contact_id)


class EditInteractionCommand(CoreCommand):
    """Change a timeline entry."""

    def __init__(self, events: DataEvents, entry_id: int, **changes: Any) -> None:
        super().__init__(events, "Edit timeline entry")
        self.changes = changes
        self.before = timeline.get_interaction(entry_id)

    def apply(self) -> Changes:
        timeline.update_interaction(self.before.id, **self.changes)
        return _entry_changes(self.before.contact_id)

    def revert(self) -> Changes:
        old = self.before
        timeline.update_interaction(
            old.id,
            kind=old.kind,
            sub_kind=old.sub_kind,
            date=old.date,
            time=old.time,
            summary=old.summary,
            notes=old.notes,
        )
        return _entry_changes(old.contact_id)


class DeleteInteractionCommand(CoreCommand):
    """Remove a timeline entry."""

    def __init__(self, events: DataEvents, entry_id: int) -> None:
        super().__init__(events, "Delete timeline entry")
        self.record = timeline.get_interaction(entry_id)

    def apply(self) -> Changes:
        timeline.delete_interaction(self.record.id)
        return _entry_changes(self.record.contact_id)

    def revert(self) -> Changes:
        timeline.restore_interaction(self.record)
        return _entry_changes(self.record.contact_id)


class ArchiveCommand(CoreCommand):
    """Archive contacts (or bring them back); they move between the list's views."""

    def __init__(self, events: DataEvents, contact_ids: list[int], archived: bool) -> None:
        count = len(contact_ids)
        what = "contact" if count == 1 else f"{count} contacts"
        super().__init__(events, f"{'Archive' if archived else 'Restore'} {what}")
        self.contact_ids, self.archived = contact_ids, archived

    def _apply(self, archived: bool) -> Changes:
        contacts.set_archived(self.contact_ids, archived)
        return Changes.of(removed=self.contact_ids, tags=True)

    def apply(self) -> Changes:
        return self._apply(self.archived)

    def revert(self) -> Changes:
        return self._apply(not self.archived)


class DeleteContactsCommand(CoreCommand):
    """Delete contacts with everything attached; undo puts them back exactly."""

    def __init__(self, events: DataEvents, contact_ids: list[int]) -> None:
        count = len(contact_ids)
        super().__init__(events, "Delete contact" if count == 1 else f"Delete {count} contacts")
        self.contact_ids = contact_ids
        self.snapshot: snapshots.ContactsSnapshot | None = None

    def apply(self) -> Changes:
        self.snapshot = snapshots.take(self.contact_ids)
        contacts.delete_contacts(self.contact_ids)
        return Changes.of(removed=self.contact_ids, tags=True)

    def revert(self) -> Changes:
        assert self.snapshot is not None
        snapshots.restore(self.snapshot)
        return Changes.of(added=self.contact_ids, tags=True)


class CreateContactCommand(CoreCommand):
    """Create a contact (`create_contact` arguments); undo deletes it again."""

    def __init__(self, events: DataEvents, **values: Any) -> None:
        super().__init__(events, "New contact")
        self.values = values
        self.contact_id: int | None = None
        self.snapshot: snapshots.ContactsSnapshot | None = None

    def apply(self) -> Changes:
        if self.snapshot is None:
            self.contact_id = contacts.create_contact(**self.values)
        else:
            snapshots.restore(self.snapshot)
        assert self.contact_id is not None
        return Changes(added=(self.contact_id,), tags=True)

    def revert(self) -> Changes:
        assert self.contact_id is not None
        self.snapshot = snapshots.take([self.contact_id])
        contacts.delete_contacts([self.contact_id])
        return Changes(removed=(self.contact_id,), tags=True)


class MergeCommand(CoreCommand):
    """Merge one contact into another (everything of both kept); undo separates them."""

    def __init__(
        self, events: DataEvents, keep_id: int, drop_id: int, choices: dict[str, str], name: str
    ) -> None:
        super().__init__(events, f"Merge {name}")
        self.keep_id, self.drop_id = keep_id, drop_id
        self.choices = choices
        self.merge_id: int | None = None

    def _kept(self) -> Changes:
        return Changes(contacts=(self.keep_id,), timelines=(self.keep_id,), tags=True)

    def apply(self) -> Changes:
        self.merge_id = merge.merge_contacts(self.keep_id, self.drop_id, self.choices)
        return Changes(removed=(self.drop_id,)) | self._kept()

    def revert(self) -> Changes:
        # The dropped contact may come back under a new id (SQLite reused its own).
        self.drop_id = merge.undo_merge(self.merge_id)
        return Changes(added=(self.drop_id,)) | self._kept()


class FollowUpCommand(CoreCommand):
    """Add, complete, reopen, reschedule or delete a follow-up."""

    def __init__(
        self,
        events: DataEvents,
        contact_id: int,
        action: str,
        follow_up_id: int | None = None,
        **values: Any,
    ) -> None:
        super().__init__(events, f"{action.capitalize()} follow-up")
        self.contact_id, self.action, self.values = contact_id, action, values
        self.before: FollowUpRecord | None = (
            follow_up_record(contact_id, follow_up_id) if follow_up_id is not None else None
        )
        self.added: FollowUpRecord | None = None

    def apply(self) -> Changes:
        if self.action == "add":
            if self.added is None:
                new_id = followups.add_follow_up(self.contact_id, **self.values)
                self.added = follow_up_record(self.contact_id, new_id)
            else:
                followups.restore_follow_up(self.added)
        else:
            assert self.before is not None
            if self.action == "complete":
                followups.complete_follow_up(self.before.id, self.values.get("done", True))
            elif self.action == "reschedule":
                followups.reschedule_follow_up(self.before.id, self.values["due"])
            elif self.action == "delete":
                followups.delete_follow_up(self.before.id)
        return Changes(timelines=(self.contact_id,))

    def revert(self) -> Changes:
        if self.action == "add":
            assert self.added is not None
            followups.delete_follow_up(self.added.id)
        else:
            assert self.before is not None
            if self.action == "delete":
                followups.restore_follow_up(self.before)
            else:
                followups.delete_follow_up(self.before.id)
                followups.restore_follow_up(self.before)
        return Changes(timelines=(self.contact_id,))


class MyInterestCommand(CoreCommand):
    """Add a tag to the user's own interests (creating it if new), or take it off."""

    def __init__(self, events: DataEvents, name: str, mine: bool) -> None:
        words = f"Add '{name}' to" if mine else f"Take '{name}' off"
        super().__init__(events, f"{words} your interests")
        self.name, self.mine = name, mine

    def _apply(self, mine: bool) -> Changes:
        tags.set_my_interest(self.name, mine)
        # Common ground on every card may have changed.
        return Changes(tags=True, every_contact=True)

    def apply(self) -> Changes:
        return self._apply(self.mine)

    def revert(self) -> Changes:
        return self._apply(not self.mine)


def _entry_changes(contact_id: int) -> Changes:
    """A timeline entry of this contact changed: their timeline, and their card (the
    last contact, the next due date)."""
    return Changes(contacts=(contact_id,), timelines=(contact_id,))


def follow_up_record(contact_id: int, follow_up_id: int) -> FollowUpRecord:
    """One of a contact's follow-ups, as it is now."""
    return next(f for f in followups.follow_ups_for(contact_id) if f.id == follow_up_id)


def run_command(stack: QUndoStack, command: CoreCommand, parent: QWidget | None) -> bool:
    """Make the change and put it on the undo stack; a refused change is explained to
    the user instead, and nothing is stored (a busy database: with Retry, as the window
    does not wait for another program's write). Returns whether it was made."""
    while True:
        try:
            command.execute()
        except (ValidationError, NotFoundError) as exc:
            show_error(parent, str(exc))
            return False
        except Exception as exc:
            refusal = refusal_sentence(exc)
            if refusal is None:
                raise
            if database_refusal(exc) == "busy" and ask_to_retry(parent, refusal):
                continue
            if database_refusal(exc) != "busy":
                show_error(parent, refusal)
            return False
        stack.push(command)
        return True
