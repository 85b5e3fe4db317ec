"""The address books connected for sync, as the window and the command line see them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.fields import SYNC_NAMES, SYNC_OWN_NAMES
from relate.store.db import execute, fetch_int, transaction
from relate.store.models import SyncBook, now
from relate.validation import NotFoundError, ValidationError

# Which of Relate's contacts go to a book: every one, none (the book's own only), or
# those with a tag ("tag:Clients").
SEND_ALL, SEND_NONE, SEND_TAG = "all", "none", "tag:"


@dataclasses.dataclass(frozen=True, slots=True)
class BookRecord:
    """A connected book. own_fields: Relate's own fields it carries besides the
    address-book ones; send: which contacts go to it (see SEND_*)."""

    id: int
    url: str
    account_url: str
    user: str
    name: str
    incremental: bool
    own_fields: tuple[str, ...]
    send: str
    delete_on_server: bool
    synced_at: dt.datetime | None
    last_result: str
    sync_token: str | None
    cards: int
    contacts: int
    conflicts: int

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field that travels to this book."""
        return (*SYNC_NAMES, *self.own_fields)

    @property
    def send_words(self) -> str:
        """Which contacts go to the book, in a user's words."""
        if self.send == SEND_NONE:
            return "none (only those that came from it)"
        if self.send.startswith(SEND_TAG):
            return f"those tagged {self.send.removeprefix(SEND_TAG)}"
        return "all"


def check_own_fields(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """`names` if each is one of Relate's own fields a book may carry."""
    unknown = [name for name in names if name not in SYNC_OWN_NAMES]
    if unknown:
        choices = ", ".join(SYNC_OWN_NAMES)
        raise ValidationError(f"{', '.join(unknown)}: a book can carry only {choices}.")
    return tuple(name for name in SYNC_OWN_NAMES if name in names)


def check_send(send: str) -> str:
    """`send` if it says which contacts go to a book: all, none or tag:NAME."""
    if send in (SEND_ALL, SEND_NONE) or (send.startswith(SEND_TAG) and send[len(SEND_TAG) :]):
        return send
    raise ValidationError(f"{send!r}: say all, none or tag:NAME.")


def add_book(
    url: str,
    account_url: str,
    user: str,
    name: str,
    *,
    incremental: bool,
    own_fields: tuple[str, ...] = (),
    send: str = SEND_ALL,
    delete_on_server: bool = False,
) -> BookRecord:
    """Connect a book; ValidationError when it is connected already."""
    own = check_own_fields(own_fields)
    with transaction():
        if SyncBook.get_or_none(SyncBook.url == url) is not None:
            raise ValidationError(f"{name or url} is connected already.")
        book = SyncBook.create(
            url=url,
            account_url=account_url,
            user=user,
            name=name,
            incremental=incremental,
            own_fields=",".join(own),
            send=check_send(send),
            delete_on_server=delete_on_server,
            created_at=now(),
        )
    return get_book(book.id)


def set_book_options(
    book_id: int,
    *,
    own_fields: tuple[str, ...] | None = None,
    send: str | None = None,
    delete_on_server: bool | None = None,
) -> BookRecord:
    """Change what a book carries, which contacts go to it, and whether removing a
    contact here removes its card."""
    values: dict[str, object] = {}
    if own_fields is not None:
        values["own_fields"] = ",".join(check_own_fields(own_fields))
    if send is not None:
        values["send"] = check_send(send)
    if delete_on_server is not None:
        values["delete_on_server"] = delete_on_server
    get_book(book_id)
    if values:
        with transaction():
            SyncBook.update(**values).where(SyncBook.id == book_id).execute()
    return get_book(book_id)


_COUNTS = """
SELECT (SELECT count(*) FROM sync_card WHERE book_id = :id),
       (SELECT count(*) FROM sync_card WHERE book_id = :id AND contact_id IS NOT NULL),
       (SELECT count(*) FROM sync_conflict WHERE book_id = :id AND resolved_at IS NULL)
"""


def _record(book: SyncBook) -> BookRecord:
    cards, contacts, conflicts = execute(_COUNTS, {"id": book.id}).fetchone()
    return BookRecord(
        id=book.id,
        url=book.url,
        account_url=book.account_url,
        user=book.user,
        name=book.name or book.url,
        incremental=bool(book.incremental),
        own_fields=tuple(name for name in book.own_fields.split(",") if name),
        send=book.send,
        delete_on_server=bool(book.delete_on_server),
        synced_at=book.synced_at,
        last_result=book.last_result,
        sync_token=book.sync_token,
        cards=cards,
        contacts=contacts,
        conflicts=conflicts,
    )


def books() -> list[BookRecord]:
    """Every connected book, in the order they were connected."""
    return [_record(book) for book in SyncBook.select().order_by(SyncBook.id)]


def get_book(book_id: int) -> BookRecord:
    """One book; NotFoundError when no book has that id."""
    book = SyncBook.get_or_none(SyncBook.id == book_id)
    if book is None:
        raise NotFoundError(f"There is no address book with id {book_id}.")
    return _record(book)


def find_book(name: str | None) -> BookRecord:
    """The book named (by its name, address or id), or the only one when `name` is
    None; NotFoundError or ValidationError saying what to give otherwise."""
    found = books()
    if not found:
        raise NotFoundError("No address book is connected: `relate sync add URL --user NAME`.")
    if name is None:
        if len(found) > 1:
            names = ", ".join(book.name for book in found)
            raise ValidationError(f"Several books are connected ({names}): name one.")
        return found[0]
    for book in found:
        if name in (str(book.id), book.url, book.name) or name.casefold() == book.name.casefold():
            return book
    raise NotFoundError(f"No connected address book is called {name}.")


def remove_book(book_id: int) -> BookRecord:
    """Disconnect a book: what it knows of its cards and conflicts goes; every contact
    stays, and nothing changes on the server."""
    book = get_book(book_id)
    with transaction():
        SyncBook.delete().where(SyncBook.id == book_id).execute()
    return book


def record_result(book_id: int, result: str, token: str | None, when: dt.datetime) -> None:
    """What the last sync did (a sentence), and the token of the server's state it saw."""
    with transaction():
        SyncBook.update(last_result=result, sync_token=token, synced_at=when).where(
            SyncBook.id == book_id
        ).execute()


def open_conflict_count() -> int:
    """Conflicts waiting for the user, in every book."""
    return fetch_int("SELECT count(*) FROM sync_conflict WHERE resolved_at IS NULL")
