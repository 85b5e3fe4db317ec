"""One sync of a connected address book, two ways: the server's changes read
(incrementally where it can), merged here as one undoable batch, and Relate's owed
writes made, each conditional on the card's ETag.

The order makes an interruption safe at any point: nothing here changes until the
server's side has been read whole; then the local changes and the writes they call for
are committed together; the writes are then made one by one, each noted as it is
made. A sync that stops anywhere resumes with what is left (`pushes.pending`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from relate.address_books import pushes
from relate.address_books.apply import LocalOutcome, ServerCard, apply_server_state
from relate.address_books.books import BookRecord, get_book, record_result
from relate.address_books.known_cards import known_cards
from relate.humanize import counted
from relate.store.models import now
from relate.sync.books import AddressBook
from relate.sync.carddav import CardDavClient
from relate.sync.errors import ChangedOnServerError

# Passes of read-merge-write: a card changed on the server between our read and our
# write (412) is read and merged again in the next pass.
_PASSES = 3

Progress = Callable[[str, int, int], None]  # (what, done, total)
ClientFactory = Callable[[str, str], CardDavClient]


@dataclasses.dataclass(slots=True)
class SyncReport:
    """What one sync did (or, dry, would do): here and on the server."""

    book: str
    dry_run: bool
    read: int = 0
    here: LocalOutcome = dataclasses.field(default_factory=LocalOutcome)
    created: int = 0
    updated: int = 0
    deleted: int = 0
    retried: int = 0
    refused: list[tuple[str, str]] = dataclasses.field(default_factory=list)

    def summary(self, *, named: bool = True) -> str:
        """What changed, in a sentence: "Phone: 2 new here, 1 added to the server."
        (`named` False: without the book's name)."""
        here = self.here
        would = "would be " if self.dry_run else ""
        parts = [
            f"{here.created:,} new here" if here.created else "",
            f"{here.matched:,} matched with contacts here" if here.matched else "",
            f"{here.updated:,} updated here" if here.updated else "",
            f"{here.archived:,} archived here (deleted on the server)" if here.archived else "",
        ]
        if self.dry_run:
            parts += [
                f"{here.to_create:,} to add to the server" if here.to_create else "",
                f"{here.to_update:,} to update on the server" if here.to_update else "",
                f"{here.to_delete:,} to delete from the server" if here.to_delete else "",
            ]
        else:
            parts += [
                f"{self.created:,} added to the server" if self.created else "",
                f"{self.updated:,} updated on the server" if self.updated else "",
                f"{self.deleted:,} deleted from the server" if self.deleted else "",
            ]
        conflicts, refused = here.conflicts, len(self.refused)
        parts.append(f"{counted(conflicts, 'conflict')} to resolve" if conflicts else "")
        parts.append(f"{counted(refused, 'card')} not read" if refused else "")
        done = ", ".join(part for part in parts if part)
        if not done:
            done = "nothing would change" if self.dry_run else "in step"
        elif self.dry_run:
            done = would + done
        sentence = f"{done[0].upper()}{done[1:]}."
        return f"{self.book}: {done}." if named else sentence


def sync_book(
    book_id: int,
    password: str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    client_factory: ClientFactory = CardDavClient,
) -> SyncReport:
    """Sync the connected book `book_id` both ways (see the module's docstring);
    SyncError, with a sentence, when the server cannot be reached or answers amiss."""
    book = get_book(book_id)
    report = SyncReport(book.name, dry_run)
    with client_factory(book.user, password) as client:
        if not dry_run:
            _write(client, book, report, progress)  # what an earlier sync left owed
        for _pass in range(_PASSES):
            refused_before = report.retried
            outcome, token = _read_and_merge(client, book, report, dry_run, progress)
            _add(report.here, outcome)
            if dry_run:
                break
            _write(client, book, report, progress)
            book = get_book(book_id)
            if report.retried == refused_before:
                break
    if not dry_run:
        record_result(book_id, report.summary(named=False), get_book(book_id).sync_token, now())
    return report


def _read_and_merge(
    client: CardDavClient,
    book: BookRecord,
    report: SyncReport,
    dry_run: bool,
    progress: Progress | None,
) -> tuple[LocalOutcome, str | None]:
    remote = AddressBook(book.url, book.name, book.incremental)
    changes = client.changes_since(remote, book.sync_token)
    known = {href: card.etag for href, card in known_cards(book.id).items()}
    wanted = [href for href, etag in changes.changed if not etag or known.get(href) != etag]
    deleted = list(changes.deleted)
    if changes.full:
        listed = {href for href, _etag in changes.changed}
        deleted += [href for href in known if href not in listed]
    if progress is not None:
        progress("Reading cards", 0, len(wanted))
    fetched = client.fetch(remote, wanted) if wanted else None
    cards: list[ServerCard] = []
    if fetched is not None:
        cards = [ServerCard(card.href, card.etag, card.vcard) for card in fetched.cards]
        deleted += [href for href in fetched.missing if href in known]
        report.refused += fetched.refused
    report.read += len(cards)
    if progress is not None:
        progress("Merging", len(wanted), len(wanted))
    outcome = apply_server_state(
        book, cards, deleted, changes.token, dry_run=dry_run, batch_id=report.here.batch_id
    )
    return outcome, changes.token


def _write(
    client: CardDavClient, book: BookRecord, report: SyncReport, progress: Progress | None
) -> None:
    owed = pushes.pending(book.id)
    remote = AddressBook(book.url, book.name, book.incremental)
    for done, push in enumerate(owed):
        if progress is not None and done % 20 == 0:
            progress("Sending", done, len(owed))
        try:
            if push.vcard is None:
                client.delete(push.href, push.etag or "*")
                pushes.push_made(book.id, push, push.href, None)
                report.deleted += 1
            elif push.etag is None:
                name = push.href.rsplit("/", 1)[-1]
                href, etag = client.create(remote, name, push.vcard)
                pushes.push_made(book.id, push, href, etag)
                report.created += 1
            else:
                etag = client.update(push.href, push.vcard, push.etag)
                pushes.push_made(book.id, push, push.href, etag)
                report.updated += 1
        except ChangedOnServerError:
            if push.etag is None and push.vcard is not None and _made_before(client, remote, push):
                pushes.push_made(book.id, push, push.href, None)
                report.created += 1
                continue
            pushes.push_refused(book.id, push)
            report.retried += 1
    if progress is not None and owed:
        progress("Sending", len(owed), len(owed))


def _made_before(client: CardDavClient, remote: AddressBook, push: pushes.Push) -> bool:
    """Whether a new card's name is taken by the card itself: a sync stopped after the
    server took it and before it was noted. Its name is its own random UID, so a card
    there holding that UID is ours (the next sync reads its ETag)."""
    uid = push.href.rsplit("/", 1)[-1].removesuffix(".vcf")
    fetched = client.fetch(remote, [push.href])
    return any(f"UID:{uid}" in card.vcard for card in fetched.cards)


def _add(total: LocalOutcome, more: LocalOutcome) -> None:
    for field in dataclasses.fields(LocalOutcome):
        if field.name != "batch_id":
            setattr(total, field.name, getattr(total, field.name) + getattr(more, field.name))
    total.batch_id = total.batch_id or more.batch_id
