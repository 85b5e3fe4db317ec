"""A sync's changes on Relate's side, written as one transaction and one undoable
import batch: the server's new cards matched or added as contacts, its changes merged
field by field, its deletions archived, and the writes the server is owed queued
(`sync_push`) in the same transaction, so a sync cut short anywhere resumes.

A dry run does all of it and rolls back: its counts are the real ones.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Iterable

from relate.address_books.books import SEND_ALL, SEND_NONE, SEND_TAG, BookRecord
from relate.address_books.card_fields import (
    Values,
    card_values,
    local_cards,
    new_card,
    patched,
    person_of,
    values_of,
)
from relate.address_books.conflicts import record_conflict, value_text
from relate.address_books.known_cards import KnownCard, bases, contact_states, known_cards
from relate.address_books.merge import merge
from relate.contacts import update_contact
from relate.import_sources import SYNC_SOURCE
from relate.importers.batches import apply_plan
from relate.importers.plan import Incoming
from relate.importers.planner import plan_import
from relate.list_values import LIST_FIELDS, list_text, set_tags
from relate.store.db import cursor, execute, id_chunks, transaction
from relate.store.models import (
    ImportBatch,
    ImportChange,
    SyncBook,
    SyncCard,
    now,
)
from relate.validation import ValidationError

_ROWS_A_STATEMENT = 100


@dataclasses.dataclass(frozen=True, slots=True)
class ServerCard:
    """A card as the server sent it."""

    href: str
    etag: str
    vcard: str


@dataclasses.dataclass(slots=True)
class LocalOutcome:
    """What a sync did (or a dry run would do) here, and what it queued for the server."""

    created: int = 0
    matched: int = 0
    updated: int = 0
    archived: int = 0
    conflicts: int = 0
    left_alone: int = 0
    to_create: int = 0
    to_update: int = 0
    to_delete: int = 0
    batch_id: int | None = None


class _DryRunRolledBackError(Exception):
    def __init__(self, outcome: LocalOutcome) -> None:
        super().__init__("dry run")
        self.outcome = outcome


def apply_server_state(
    book: BookRecord,
    cards: list[ServerCard],
    deleted: Iterable[str],
    token: str | None,
    *,
    dry_run: bool = False,
    batch_id: int | None = None,
) -> LocalOutcome:
    """Take in the server's changed `cards` and `deleted` addresses, merge, queue what
    the server is owed, and keep `token` as the state seen; one transaction. `batch_id`:
    the batch of an earlier pass of the same sync, which this one adds to."""
    try:
        with transaction():
            outcome = _Apply(book, batch_id).run(cards, list(deleted))
            if dry_run:
                raise _DryRunRolledBackError(outcome)
            SyncBook.update(sync_token=token).where(SyncBook.id == book.id).execute()
    except _DryRunRolledBackError as rolled_back:
        return rolled_back.outcome
    return outcome


class _Apply:
    def __init__(self, book: BookRecord, batch_id: int | None) -> None:
        self.book = book
        self.fields = book.fields
        self.outcome = LocalOutcome(batch_id=batch_id)
        self.stamp = now()
        self.known = known_cards(book.id)
        # Read once each: a card's fields by its text (the server's card is read as a
        # person to import and again as the merge's side), and each contact's card here
        # as the export writes it, read for many contacts at a time (`_read_locals`).
        self.values: dict[str, Values | None] = {}
        self.locals: dict[int, str] = {}
        # Contacts whose fields this sync set, for `_local_changes` (see there).
        self.touched: set[int] = set()
        # Rows to add to sync_card and sync_push, written by `_flush`.
        self.new_cards: list[dict[str, object]] = []
        self.new_pushes: list[tuple[object, ...]] = []

    # -------------------------------------------------------------------- the batch

    def batch(self) -> int:
        if self.outcome.batch_id is None:
            self.outcome.batch_id = ImportBatch.create(
                source=SYNC_SOURCE, file_name=self.book.name, imported_at=self.stamp
            ).id
        return self.outcome.batch_id

    def run(self, cards: list[ServerCard], deleted: list[str]) -> LocalOutcome:
        news: list[tuple[ServerCard, Incoming]] = []
        for card in cards:
            if card.href not in self.known:
                person = person_of(card.vcard)
                self.values[card.vcard] = None if person is None else values_of(person, self.fields)
                if person is None:
                    self._save_card(card, None, linked=False)
                    self.outcome.left_alone += 1
                else:
                    news.append((card, person))
        # First: the import of the new cards makes the sync's batch.
        self._take_new(news)
        for href in deleted:
            self._deleted_on_server(href)
        changed = [
            (card, known)
            for card in cards
            if (known := self.known.get(card.href)) is not None  # else new, taken in above
        ]
        texts = bases([known.id for _card, known in changed if known.contact_id is not None])
        self._read_locals(known.contact_id for _card, known in changed)
        for card, known in changed:
            if known.contact_id is None:
                self._save_card(card, None, linked=False)
            else:
                self._merge(known.contact_id, card, base=texts[known.id])
        self._flush()  # what follows reads sync_card and sync_push
        self._local_changes({card.href for card in cards} | set(deleted))
        self._flush()
        self._send_new()
        self._flush()
        if self.outcome.batch_id is not None:
            outcome = self.outcome
            ImportBatch.update(
                created_count=ImportBatch.created_count + outcome.created,
                updated_count=ImportBatch.updated_count + outcome.updated + outcome.archived,
                skipped_count=ImportBatch.skipped_count + outcome.left_alone,
            ).where(ImportBatch.id == outcome.batch_id).execute()
        return self.outcome

    # ------------------------------------------------------------------ the server's

    def _deleted_on_server(self, href: str) -> None:
        card = self.known.pop(href, None)
        if card is None:
            return
        if card.contact_id is not None:
            archived = execute(
                "SELECT archived FROM contact WHERE id = ?", (card.contact_id,)
            ).fetchone()
            if archived is not None and not archived[0]:
                self.locals.pop(card.contact_id, None)
                self._change(card.contact_id, "archived", "0", "1")
                execute(
                    "UPDATE contact SET archived = 1, updated_at = ? WHERE id = ?",
                    (self.stamp, card.contact_id),
                )
                self.outcome.archived += 1
        SyncCard.delete().where(SyncCard.id == card.id).execute()

    def _take_new(self, news: list[tuple[ServerCard, Incoming]]) -> None:
        """The server's new cards: matched with contacts by the importers' rules
        (e-mail, phone, profile, name), else added, as an import of them would."""
        if not news:
            return
        rows = [dataclasses.replace(person, line=n) for n, (_card, person) in enumerate(news)]
        plan = plan_import(rows, SYNC_SOURCE, self.book.name)
        batch_id = apply_plan(plan)
        contact_of: dict[int, int] = {}
        if batch_id is not None:
            # The sync's batch: its counts are the whole sync's, added up at the end.
            self.outcome.batch_id = batch_id
            ImportBatch.update(created_count=0, updated_count=0, skipped_count=0).where(
                ImportBatch.id == batch_id
            ).execute()
            added = [
                row[0]
                for row in execute(
                    "SELECT id FROM contact WHERE import_batch_id = ? ORDER BY id", (batch_id,)
                )
            ]
            contact_of.update(zip((row.line for row in plan.new), added, strict=True))
        contact_of.update((update.line, update.contact_id) for update in plan.updates)
        for merged in plan.merged:
            if merged.into in contact_of:
                contact_of[merged.line] = contact_of[merged.into]
        self.outcome.created += len(plan.new)
        self.outcome.matched += len(plan.updates)
        self._read_locals(contact_of.values())
        for n, (card, _person) in enumerate(news):
            contact_id = contact_of.get(n)
            if contact_id is None:
                self._save_card(card, None, linked=False)
                self.outcome.left_alone += 1
            else:
                self._merge(contact_id, card, base=None)

    def _merge(self, contact_id: int, card: ServerCard, base: str | None) -> None:
        server = self._values(card.vcard)
        if server is None:  # the server's card lost its name: keep ours, note theirs
            self._save_card(card, contact_id, linked=True)
            return
        local_text = self._local(contact_id)
        local = self._values(local_text) or {}
        merged = merge(None if base is None else self._values(base), local, server, self.fields)
        conflicts = dict(merged.conflicts)
        if merged.to_local:
            refused = self._set_fields(contact_id, local, merged.to_local)
            # What Relate cannot take stays on the server, and waits for the user.
            conflicts.update(refused)
            if len(refused) < len(merged.to_local):
                self.outcome.updated += 1
            local_text = self._local(contact_id)
        for field, value in conflicts.items():
            record_conflict(self.book.id, contact_id, field, local.get(field), value)
            self.outcome.conflicts += 1
        self._save_card(card, contact_id, linked=True)
        if merged.to_server:
            vcard = patched(card.vcard, merged.to_server, local_text)
            self._queue(contact_id, card.href, card.etag, vcard, self._in_step_at(contact_id))
            self.outcome.to_update += 1

    # ------------------------------------------------------------------- Relate's

    def _local_changes(self, seen: set[str]) -> None:
        """Contacts changed here since their card was synced, contacts deleted here,
        and (when the book says so) archived ones."""
        unseen = [card for card in self.known.values() if card.href not in seen]
        states = contact_states(self.book.id)
        changed_here = [card for card in unseen if card.id in states and states[card.id][0]]
        texts = bases([card.id for card in changed_here])
        self._read_locals(card.contact_id for card in changed_here)
        self.touched.clear()
        for card in unseen:
            if card.contact_id is None:
                self._deleted_here(card)
                continue
            changed, archived = states[card.id]
            if card.contact_id in self.touched:  # by a merge above: asked again, as it is now
                changed = execute(
                    "SELECT updated_at > ? FROM contact WHERE id = ?",
                    (card.synced_at, card.contact_id),
                ).fetchone()[0]
            if archived and self.book.delete_on_server:
                self._queue(card.contact_id, card.href, card.etag, None)
                self.outcome.to_delete += 1
            elif changed:
                if card.id not in texts:
                    texts.update(bases([card.id]))
                text = texts[card.id]
                self._merge(card.contact_id, ServerCard(card.href, card.etag, text), text)

    def _deleted_here(self, card: KnownCard) -> None:
        if not card.linked:
            return  # a card left alone
        batch = card.import_batch_id
        undone = batch is not None and ImportBatch.get_by_id(batch).undone_at is not None
        if self.book.delete_on_server and not undone:
            self._queue(None, card.href, card.etag, None)
            self.outcome.to_delete += 1
        else:
            SyncCard.update(linked=False).where(SyncCard.id == card.id).execute()

    def _send_new(self) -> None:
        """Relate's contacts the book does not hold yet, as the book says which go."""
        if self.book.send == SEND_NONE:
            return
        sql = (
            "SELECT c.id FROM contact c WHERE NOT c.archived AND NOT EXISTS ("
            " SELECT 1 FROM sync_card s WHERE s.contact_id = c.id AND s.book_id = ?)"
            " AND NOT EXISTS (SELECT 1 FROM sync_push p WHERE p.contact_id = c.id"
            " AND p.book_id = ?)"
        )
        params: list[object] = [self.book.id, self.book.id]
        if self.book.send != SEND_ALL:
            sql += (
                " AND c.id IN (SELECT ct.contact_id FROM contact_tag ct JOIN tag t"
                " ON t.id = ct.tag_id WHERE t.name = ? COLLATE NOCASE)"
            )
            params.append(self.book.send.removeprefix(SEND_TAG))
        ids = [row[0] for row in execute(sql + " ORDER BY c.id", params)]
        for chunk, _marks in id_chunks(ids):
            for contact_id, text in local_cards(chunk).items():
                uid = str(uuid.uuid4())
                self._queue(
                    contact_id, f"{self.book.url}{uid}.vcf", None, new_card(text, self.fields, uid)
                )
                self.outcome.to_create += 1

    # -------------------------------------------------------------------- reading

    def _values(self, vcard: str) -> Values | None:
        if vcard not in self.values:
            self.values[vcard] = card_values(vcard, self.fields)
        return self.values[vcard]

    def _read_locals(self, contact_ids: Iterable[int | None]) -> None:
        """Read the cards here of the contacts about to be merged, many at a time."""
        wanted = {id_ for id_ in contact_ids if id_ is not None and id_ not in self.locals}
        for chunk, _marks in id_chunks(sorted(wanted)):
            self.locals.update(local_cards(chunk))

    def _local(self, contact_id: int) -> str:
        if contact_id not in self.locals:
            self.locals.update(local_cards([contact_id]))
        return self.locals[contact_id]

    # -------------------------------------------------------------------- writing

    def _save_card(self, card: ServerCard, contact_id: int | None, *, linked: bool) -> None:
        known = self.known.pop(card.href, None)
        values = {
            "etag": card.etag,
            "vcard": card.vcard,
            "contact": contact_id,
            "linked": linked,
            "synced_at": self._in_step_at(contact_id),
        }
        if known is None:
            batch = self.batch() if linked else None
            self.new_cards.append(
                {"book": self.book.id, "href": card.href, "import_batch": batch, **values}
            )
        else:
            SyncCard.update(**values).where(SyncCard.id == known.id).execute()

    def _in_step_at(self, contact_id: int | None) -> dt.datetime:
        """When a card saved now and its contact were last in step: the contact's last
        change, when this sync dated it later than its own start (an import dates the
        contacts it adds when it writes them, and `changed_now` may date a change a
        second ahead); else the sync's start. The next sync then merges only the
        contacts changed after this one."""
        if contact_id is None:
            return self.stamp
        row = execute("SELECT updated_at FROM contact WHERE id = ?", (contact_id,)).fetchone()
        changed = dt.datetime.fromisoformat(row[0]) if row and row[0] else self.stamp
        return max(self.stamp, changed)

    def _queue(
        self,
        contact_id: int | None,
        href: str,
        etag: str | None,
        vcard: str | None,
        in_step_at: dt.datetime | None = None,
    ) -> None:
        """Owe the server a write; `in_step_at`: when the card and its contact were last
        in step (the sync's start unless the sync changed the contact), which the card
        keeps once the write is made, so an edit made meanwhile is sent next time."""
        moment = (in_step_at or self.stamp).isoformat(sep=" ")
        self.new_pushes.append((self.book.id, contact_id, href, etag, vcard, moment))

    def _flush(self) -> None:
        """Write the new cards and the queued writes, many rows a statement (in order:
        the writes are made in the order they were queued)."""
        for start in range(0, len(self.new_cards), _ROWS_A_STATEMENT):
            SyncCard.insert_many(self.new_cards[start : start + _ROWS_A_STATEMENT]).execute()
        self.new_cards.clear()
        # In plain SQL: a first sync may owe the server 100,000 new cards, and the ORM
        # takes ten times SQLite's time to build their statements.
        cursor().executemany(
            "INSERT INTO sync_push (book_id, contact_id, href, etag, vcard, queued_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            self.new_pushes,
        )
        self.new_pushes.clear()

    def _change(self, contact_id: int, field: str, old: str | None, new: str | None) -> None:
        ImportChange.create(
            import_batch=self.batch(), contact=contact_id, field=field, old_value=old,
            new_value=new,
        )  # fmt: skip

    def _set_fields(self, contact_id: int, local: Values, values: Values) -> Values:
        """Write the merge's values to the contact, each change kept for undo; the
        values Relate refuses (a profile another contact has, a name emptied) are
        returned, not written."""
        plain = {
            field: list(value) if isinstance(value, tuple) else value
            for field, value in values.items()
            if field != "tags"
        }
        refused: Values = {}
        if not _written(contact_id, plain):
            # One of them is refused: each alone, to keep what can be kept.
            refused = {f: values[f] for f, v in plain.items() if not _written(contact_id, {f: v})}
        if "tags" in values:
            set_tags(contact_id, local.get("tags"), values["tags"])
        for field, value in values.items():
            if field in refused:
                continue
            old = local.get(field)
            if field in LIST_FIELDS:
                self._change(contact_id, field, list_text(old), list_text(value))
            else:
                self._change(contact_id, field, value_text(old), value_text(value))
        self.locals.pop(contact_id, None)
        self.touched.add(contact_id)
        return refused


def _written(contact_id: int, values: dict[str, object]) -> bool:
    """Whether `update_contact` took the values (all of them, or none: a savepoint)."""
    try:
        with transaction():
            if values:
                update_contact(contact_id, **values)
    except ValidationError:
        return False
    return True
