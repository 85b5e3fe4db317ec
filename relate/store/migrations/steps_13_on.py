"""Schema steps from 13 on (see the package's docstring: each frozen once released)."""

from __future__ import annotations

from peewee import SqliteDatabase

from relate.store.sql import run_sql


def step_13_address_book_sync(db: SqliteDatabase) -> None:
    """Two-way sync with CardDAV address books: the books connected, each card as last
    synced (the base of the next merge, kept whole), the fields both sides changed, and
    the writes to the server not yet made (so that an interrupted sync resumes)."""
    statements = [
        """CREATE TABLE sync_book (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            account_url TEXT NOT NULL,
            user TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            incremental INTEGER NOT NULL DEFAULT 0,
            own_fields TEXT NOT NULL DEFAULT '',
            send TEXT NOT NULL DEFAULT 'all',
            delete_on_server INTEGER NOT NULL DEFAULT 0,
            sync_token TEXT,
            synced_at DATETIME,
            last_result TEXT NOT NULL DEFAULT '',
            created_at DATETIME NOT NULL
        )""",
        """CREATE TABLE sync_card (
            id INTEGER PRIMARY KEY,
            book_id INTEGER NOT NULL REFERENCES sync_book (id) ON DELETE CASCADE,
            href TEXT NOT NULL,
            etag TEXT NOT NULL DEFAULT '',
            contact_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
            import_batch_id INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
            linked INTEGER NOT NULL DEFAULT 1,
            vcard TEXT NOT NULL DEFAULT '',
            synced_at DATETIME NOT NULL,
            UNIQUE (book_id, href)
        )""",
        "CREATE INDEX sync_card_contact_id ON sync_card (contact_id)",
        """CREATE TABLE sync_conflict (
            id INTEGER PRIMARY KEY,
            book_id INTEGER NOT NULL REFERENCES sync_book (id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            local_value TEXT NOT NULL DEFAULT '',
            server_value TEXT NOT NULL DEFAULT '',
            found_at DATETIME NOT NULL,
            resolved_at DATETIME,
            resolution TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX sync_conflict_contact_id ON sync_conflict (contact_id)",
        """CREATE TABLE sync_push (
            id INTEGER PRIMARY KEY,
            book_id INTEGER NOT NULL REFERENCES sync_book (id) ON DELETE CASCADE,
            contact_id INTEGER REFERENCES contact (id) ON DELETE CASCADE,
            href TEXT NOT NULL,
            etag TEXT,
            vcard TEXT,
            queued_at DATETIME NOT NULL
        )""",
        # A first sync of 100,000 contacts asks, for each, whether a write is owed.
        "CREATE INDEX sync_push_contact_id ON sync_push (contact_id)",
    ]
    for sql in statements:
        run_sql(db, sql)
