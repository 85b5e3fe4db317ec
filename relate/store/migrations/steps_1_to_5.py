"""Schema steps 1-5: the first release's tables, the search index, the sort keys,
import history, birthdays and merges. Frozen once released (see the package's docstring).
"""

from __future__ import annotations

from peewee import SqliteDatabase

from relate.store.sql import connection_of, run_sql
from relate.validation import name_key

# "RELT": marks the file as ours, so a foreign SQLite file is refused, not altered.
APPLICATION_ID = 0x52454C54


def step_1_core_tables(db: SqliteDatabase) -> None:
    statements = [
        f"PRAGMA application_id = {APPLICATION_ID}",
        """CREATE TABLE import_batch (
            id INTEGER NOT NULL PRIMARY KEY,
            source TEXT NOT NULL,
            file_name TEXT NOT NULL DEFAULT '',
            imported_at DATETIME NOT NULL,
            created_count INTEGER NOT NULL DEFAULT 0,
            updated_count INTEGER NOT NULL DEFAULT 0,
            skipped_count INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE contact (
            id INTEGER NOT NULL PRIMARY KEY,
            first_name TEXT NOT NULL DEFAULT '',
            last_name TEXT NOT NULL DEFAULT '',
            company TEXT NOT NULL DEFAULT '',
            position TEXT NOT NULL DEFAULT '',
            linkedin_url TEXT UNIQUE,
            location TEXT NOT NULL DEFAULT '',
            how_met TEXT NOT NULL DEFAULT '',
            met_through_id INTEGER REFERENCES contact (id) ON DELETE SET NULL,
            connected_on DATE,
            stage TEXT NOT NULL DEFAULT 'connection',
            story TEXT NOT NULL DEFAULT '',
            cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days > 0),
            archived INTEGER NOT NULL DEFAULT 0,
            import_batch_id INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL)""",
        # The list always shows either the archive or the rest, sorted: with `archived`
        # first these indexes hand over a sorted list without touching the table.
        """CREATE INDEX contact_sort_name ON contact
            (archived, last_name COLLATE NOCASE, first_name COLLATE NOCASE)""",
        """CREATE INDEX contact_sort_company ON contact (archived, company COLLATE NOCASE,
            last_name COLLATE NOCASE, first_name COLLATE NOCASE)""",
        """CREATE INDEX contact_sort_position ON contact (archived, position COLLATE NOCASE,
            last_name COLLATE NOCASE, first_name COLLATE NOCASE)""",
        """CREATE INDEX contact_sort_stage ON contact (archived, stage,
            last_name COLLATE NOCASE, first_name COLLATE NOCASE)""",
        "CREATE INDEX contact_met_through ON contact (met_through_id)"
        " WHERE met_through_id IS NOT NULL",
        "CREATE INDEX contact_import_batch ON contact (import_batch_id)"
        " WHERE import_batch_id IS NOT NULL",
        # Few contacts are archived; counting them must not scan the table.
        "CREATE INDEX contact_archived ON contact (id) WHERE archived = 1",
        """CREATE TABLE contact_email (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            rank INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX contact_email_contact ON contact_email (contact_id, rank)",
        "CREATE INDEX contact_email_address ON contact_email (address COLLATE NOCASE)",
        """CREATE TABLE contact_phone (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            number TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            rank INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX contact_phone_contact ON contact_phone (contact_id, rank)",
        """CREATE TABLE tag (
            id INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            key TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL DEFAULT 'interest',
            avoid INTEGER NOT NULL DEFAULT 0,
            mine INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE contact_tag (
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            tag_id INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
            PRIMARY KEY (contact_id, tag_id)) WITHOUT ROWID""",
        "CREATE INDEX contact_tag_tag ON contact_tag (tag_id, contact_id)",
        """CREATE TABLE interaction (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            sub_kind TEXT,
            date DATE NOT NULL,
            time TIME,
            summary TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            import_batch_id INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL)""",
        "CREATE INDEX interaction_contact_date ON interaction (contact_id, date, kind)",
        "CREATE INDEX interaction_import_batch ON interaction (import_batch_id)"
        " WHERE import_batch_id IS NOT NULL",
        """CREATE TABLE introduction (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_a_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            contact_b_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            date DATE NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            outcome TEXT NOT NULL DEFAULT '',
            created_at DATETIME NOT NULL,
            CHECK (contact_a_id <> contact_b_id))""",
        "CREATE INDEX introduction_a ON introduction (contact_a_id)",
        "CREATE INDEX introduction_b ON introduction (contact_b_id)",
        """CREATE TABLE follow_up (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            due DATE NOT NULL,
            text TEXT NOT NULL,
            done_at DATETIME,
            created_at DATETIME NOT NULL)""",
        "CREATE INDEX follow_up_contact ON follow_up (contact_id)",
        "CREATE INDEX follow_up_open_due ON follow_up (due) WHERE done_at IS NULL",
    ]
    for sql in statements:
        run_sql(db, sql)


def step_2_search_index(db: SqliteDatabase) -> None:
    # Prefix indexes for 1-3 characters keep search-as-you-type fast on short input.
    run_sql(
        db,
        """CREATE VIRTUAL TABLE contact_fts USING fts5(
            name, company, position, location, tags, story,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')""",
    )
    run_sql(
        db,
        """INSERT INTO contact_fts (rowid, name, company, position, location, tags, story)
           SELECT c.id, c.first_name || ' ' || c.last_name, c.company, c.position,
                  c.location,
                  coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct
                            JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),
                  c.story
           FROM contact c""",
    )


# Kinds that are not contact for "last contacted" (vocabulary.NOT_CONTACT_KINDS when
# step 3 was written; a change to that list needs a step that rewrites these triggers).
NOT_CONTACT_V3 = "('position-change')"
_LAST_CONTACTED_V3 = (
    "(SELECT max(i.date) FROM interaction i"
    f" WHERE i.contact_id = {{who}} AND i.kind NOT IN {NOT_CONTACT_V3})"
)
_FIRST_TAG_V3 = (
    "(SELECT min(t.key) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    " WHERE ct.contact_id = {who})"
)


def step_3_sort_keys(db: SqliteDatabase) -> None:
    """Columns that let every list order come from an index.

    `name_key` (names folded so accents sort with their letter) is written by the
    core; `last_contacted` and `tag_key` (the first tag's key) are kept by triggers
    in the same transaction as the change that moves them, so they cannot drift;
    `next_due` is generated from them.
    """
    statements = [
        "ALTER TABLE contact ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE contact ADD COLUMN last_contacted DATE",
        "ALTER TABLE contact ADD COLUMN tag_key TEXT",
        # Next due: the rhythm counted from the last contact (or from connecting, or
        # from being added). Computed on read; a column only so it can be indexed.
        """ALTER TABLE contact ADD COLUMN next_due DATE GENERATED ALWAYS AS (
            CASE WHEN cadence_days IS NULL THEN NULL ELSE date(
                coalesce(last_contacted, connected_on, date(created_at)),
                '+' || cadence_days || ' days') END) VIRTUAL""",
        f"UPDATE contact SET last_contacted = {_LAST_CONTACTED_V3.format(who='contact.id')},"
        f" tag_key = {_FIRST_TAG_V3.format(who='contact.id')}",
        f"""CREATE TRIGGER interaction_added AFTER INSERT ON interaction
            WHEN NEW.kind NOT IN {NOT_CONTACT_V3} BEGIN
                UPDATE contact SET last_contacted = NEW.date WHERE id = NEW.contact_id
                    AND (last_contacted IS NULL OR last_contacted < NEW.date);
            END""",
        f"""CREATE TRIGGER interaction_removed AFTER DELETE ON interaction
            WHEN OLD.kind NOT IN {NOT_CONTACT_V3} BEGIN
                UPDATE contact
                    SET last_contacted = {_LAST_CONTACTED_V3.format(who="OLD.contact_id")}
                    WHERE id = OLD.contact_id;
            END""",
        f"""CREATE TRIGGER interaction_changed
            AFTER UPDATE OF contact_id, kind, date ON interaction BEGIN
                UPDATE contact SET last_contacted = {_LAST_CONTACTED_V3.format(who="contact.id")}
                    WHERE id IN (OLD.contact_id, NEW.contact_id);
            END""",
        """CREATE TRIGGER contact_tag_added AFTER INSERT ON contact_tag BEGIN
                UPDATE contact SET tag_key = (SELECT key FROM tag WHERE id = NEW.tag_id)
                    WHERE id = NEW.contact_id AND (tag_key IS NULL
                        OR tag_key > (SELECT key FROM tag WHERE id = NEW.tag_id));
            END""",
        f"""CREATE TRIGGER contact_tag_removed AFTER DELETE ON contact_tag BEGIN
                UPDATE contact SET tag_key = {_FIRST_TAG_V3.format(who="OLD.contact_id")}
                    WHERE id = OLD.contact_id;
            END""",
        f"""CREATE TRIGGER tag_renamed AFTER UPDATE OF key ON tag BEGIN
                UPDATE contact SET tag_key = {_FIRST_TAG_V3.format(who="contact.id")}
                    WHERE id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id);
            END""",
        "DROP INDEX IF EXISTS contact_sort_name",
        "DROP INDEX IF EXISTS contact_sort_company",
        "DROP INDEX IF EXISTS contact_sort_position",
        "DROP INDEX IF EXISTS contact_sort_stage",
    ]
    for sql in statements:
        run_sql(db, sql)
    keys = [
        (name_key(first, last), contact_id)
        for contact_id, first, last in run_sql(
            db, "SELECT id, first_name, last_name FROM contact"
        ).fetchall()
    ]
    connection_of(db).executemany("UPDATE contact SET name_key = ? WHERE id = ?", keys)
    # As in step 1, `archived` leads so the list (archive or not) comes sorted.
    for name, columns in (
        ("name", "name_key"),
        ("company", "company COLLATE NOCASE, name_key"),
        ("position", "position COLLATE NOCASE, name_key"),
        ("stage", "stage, name_key"),
        ("last_contacted", "last_contacted, name_key"),
        ("next_due", "next_due, name_key"),
        ("tag", "tag_key, name_key"),
    ):
        run_sql(db, f"CREATE INDEX contact_sort_{name} ON contact (archived, {columns})")


def step_4_import_history(db: SqliteDatabase) -> None:
    """What imports need to be re-run safely and undone."""
    statements = [
        "ALTER TABLE import_batch ADD COLUMN undone_at DATETIME",
        # What the latest import from a source said of a contact's field: a later import
        # that says something else is news (a new job); a contact value that differs
        # from it is the user's own edit, which imports never overwrite.
        """CREATE TABLE import_value (
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            field TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (contact_id, source, field)) WITHOUT ROWID""",
        # Every change an import made to a contact that existed before it, to undo it.
        """CREATE TABLE import_change (
            id INTEGER NOT NULL PRIMARY KEY,
            import_batch_id INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            field TEXT NOT NULL,
            old_value TEXT,
            new_value TEXT,
            old_imported TEXT)""",
        "CREATE INDEX import_change_batch ON import_change (import_batch_id)",
        "CREATE INDEX import_change_contact ON import_change (contact_id)",
    ]
    for sql in statements:
        run_sql(db, sql)


def step_5_birthdays_and_merges(db: SqliteDatabase) -> None:
    """Birthdays (address books carry them) and the record of merged duplicates."""
    statements = [
        "ALTER TABLE contact ADD COLUMN birthday DATE",
        # A merge of two contacts into one, with both as they were before it (JSON), so
        # it can be undone; the dropped contact's id is kept for that, not referenced.
        """CREATE TABLE contact_merge (
            id INTEGER NOT NULL PRIMARY KEY,
            kept_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            dropped_id INTEGER NOT NULL,
            merged_at DATETIME NOT NULL,
            snapshot TEXT NOT NULL,
            undone_at DATETIME)""",
        "CREATE INDEX contact_merge_kept ON contact_merge (kept_id)",
    ]
    for sql in statements:
        run_sql(db, sql)
