"""Numbered schema steps, applied in order; `PRAGMA user_version` records the last one.

A step is frozen once released: it is plain SQL, never the current models, so a
file of any earlier version migrates the same way it did when that step was new.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
import unicodedata
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from relate.store.sql import connection_of, run_sql
from relate.store.sqlite_errors import unavailable
from relate.validation import name_key

# "RELT": marks the file as ours, so a foreign SQLite file is refused, not altered.
APPLICATION_ID = 0x52454C54


class SchemaError(Exception):
    """The file cannot be used: not a Relate database, or from a newer version."""


def _step_1_core_tables(db: SqliteDatabase) -> None:
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


def _step_2_search_index(db: SqliteDatabase) -> None:
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
_NOT_CONTACT_V3 = "('position-change')"
_LAST_CONTACTED_V3 = (
    "(SELECT max(i.date) FROM interaction i"
    f" WHERE i.contact_id = {{who}} AND i.kind NOT IN {_NOT_CONTACT_V3})"
)
_FIRST_TAG_V3 = (
    "(SELECT min(t.key) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    " WHERE ct.contact_id = {who})"
)


def _step_3_sort_keys(db: SqliteDatabase) -> None:
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
            WHEN NEW.kind NOT IN {_NOT_CONTACT_V3} BEGIN
                UPDATE contact SET last_contacted = NEW.date WHERE id = NEW.contact_id
                    AND (last_contacted IS NULL OR last_contacted < NEW.date);
            END""",
        f"""CREATE TRIGGER interaction_removed AFTER DELETE ON interaction
            WHEN OLD.kind NOT IN {_NOT_CONTACT_V3} BEGIN
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


def _step_4_import_history(db: SqliteDatabase) -> None:
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


def _step_5_birthdays_and_merges(db: SqliteDatabase) -> None:
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


# Step 6's cadence rules (frozen with it): a contact's default rhythm is the shortest
# rhythm among its tags that have one, else its stage's.
_DEFAULT_CADENCE_V6 = (
    "coalesce((SELECT min(t.cadence_days) FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id"
    " WHERE ct.contact_id = {who}), (SELECT days FROM stage_cadence WHERE stage = {stage}))"
)
_TODAY_V6 = "date('now', 'localtime')"


def _default_cadence_update_v6(
    where: str, who: str = "contact.id", stage: str = "contact.stage"
) -> str:
    return (
        "UPDATE contact SET default_cadence_days = "
        f"{_DEFAULT_CADENCE_V6.format(who=who, stage=stage)} WHERE {where};"
    )


def _step_6_networking_loop(db: SqliteDatabase) -> None:
    """Rhythms by stage and tag, snoozing, planned meetings, stage history.

    `default_cadence_days` is kept by triggers from the stage and tag rules, like the
    sort keys of step 3; `rhythm_days` (the contact's own rhythm, else the default)
    and `next_due` (which a snooze can push later) are generated from it.
    """
    statements = [
        "ALTER TABLE tag ADD COLUMN cadence_days INTEGER"
        " CHECK (cadence_days IS NULL OR cadence_days > 0)",
        """CREATE TABLE stage_cadence (
            stage TEXT NOT NULL PRIMARY KEY,
            days INTEGER NOT NULL CHECK (days > 0)) WITHOUT ROWID""",
        "ALTER TABLE contact ADD COLUMN default_cadence_days INTEGER",
        "ALTER TABLE contact ADD COLUMN snoozed_until DATE",
        "DROP INDEX contact_sort_next_due",
        "ALTER TABLE contact DROP COLUMN next_due",
        """ALTER TABLE contact ADD COLUMN rhythm_days INTEGER GENERATED ALWAYS AS (
            coalesce(cadence_days, default_cadence_days)) VIRTUAL""",
        """ALTER TABLE contact ADD COLUMN next_due DATE GENERATED ALWAYS AS (
            CASE WHEN rhythm_days IS NULL THEN NULL ELSE max(date(
                coalesce(last_contacted, connected_on, date(created_at)),
                '+' || rhythm_days || ' days'), coalesce(snoozed_until, '')) END) VIRTUAL""",
        "CREATE INDEX contact_sort_next_due ON contact (archived, next_due, name_key)",
        # Rhythms a user starts with: nothing for plain connections (30,000 of them must
        # not all fall due), tighter for the people being met.
        """INSERT INTO stage_cadence (stage, days) VALUES
            ('conversation', 90), ('1-2-1', 30), ('relationship', 60), ('advocate', 90)""",
        _default_cadence_update_v6("1"),
        f"""CREATE TRIGGER contact_added_cadence AFTER INSERT ON contact
            WHEN EXISTS (SELECT 1 FROM stage_cadence WHERE stage = NEW.stage) BEGIN
                {_default_cadence_update_v6("id = NEW.id")}
            END""",
        # Stage history for the dashboard's funnel; a change reversed the same day (an
        # undo) cancels the latest such change instead of counting twice.
        """CREATE TABLE stage_change (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            from_stage TEXT NOT NULL,
            to_stage TEXT NOT NULL,
            changed_on DATE NOT NULL)""",
        "CREATE INDEX stage_change_on ON stage_change (changed_on)",
        "CREATE INDEX stage_change_contact ON stage_change (contact_id)",
        f"""CREATE TRIGGER contact_stage_changed AFTER UPDATE OF stage ON contact
            WHEN OLD.stage IS NOT NEW.stage BEGIN
                {_default_cadence_update_v6("id = NEW.id")}
                INSERT INTO stage_change (contact_id, from_stage, to_stage, changed_on)
                    SELECT NEW.id, OLD.stage, NEW.stage, {_TODAY_V6}
                    WHERE NOT EXISTS (SELECT 1 FROM stage_change WHERE contact_id = NEW.id
                        AND from_stage = NEW.stage AND to_stage = OLD.stage
                        AND changed_on = {_TODAY_V6});
                DELETE FROM stage_change WHERE id = (SELECT max(id) FROM stage_change
                    WHERE contact_id = NEW.id AND from_stage = NEW.stage
                    AND to_stage = OLD.stage AND changed_on = {_TODAY_V6});
            END""",
        f"""CREATE TRIGGER contact_tag_added_cadence AFTER INSERT ON contact_tag
            WHEN (SELECT cadence_days FROM tag WHERE id = NEW.tag_id) IS NOT NULL BEGIN
                {_default_cadence_update_v6("id = NEW.contact_id")}
            END""",
        # A tag being deleted is gone before its contacts' rows are: recompute then too.
        f"""CREATE TRIGGER contact_tag_removed_cadence AFTER DELETE ON contact_tag
            WHEN coalesce((SELECT cadence_days FROM tag WHERE id = OLD.tag_id), 0) <> 0
                OR NOT EXISTS (SELECT 1 FROM tag WHERE id = OLD.tag_id) BEGIN
                {_default_cadence_update_v6("id = OLD.contact_id")}
            END""",
        f"""CREATE TRIGGER tag_cadence_changed AFTER UPDATE OF cadence_days ON tag BEGIN
                {
            _default_cadence_update_v6(
                "id IN (SELECT contact_id FROM contact_tag WHERE tag_id = NEW.id)"
            )
        }
            END""",
        f"""CREATE TRIGGER stage_cadence_added AFTER INSERT ON stage_cadence BEGIN
                {_default_cadence_update_v6("stage = NEW.stage")}
            END""",
        f"""CREATE TRIGGER stage_cadence_changed AFTER UPDATE ON stage_cadence BEGIN
                {_default_cadence_update_v6("stage IN (OLD.stage, NEW.stage)")}
            END""",
        f"""CREATE TRIGGER stage_cadence_removed AFTER DELETE ON stage_cadence BEGIN
                {_default_cadence_update_v6("stage = OLD.stage")}
            END""",
        # Being in touch ends a snooze: the rhythm counts from the new contact again.
        f"""CREATE TRIGGER interaction_ends_snooze AFTER INSERT ON interaction
            WHEN NEW.kind NOT IN {_NOT_CONTACT_V3} BEGIN
                UPDATE contact SET snoozed_until = NULL
                    WHERE id = NEW.contact_id AND snoozed_until IS NOT NULL;
            END""",
        # A planned 1-2-1 is not contact until it is held: then it becomes an interaction.
        """CREATE TABLE meeting (
            id INTEGER NOT NULL PRIMARY KEY,
            contact_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            starts_at DATETIME NOT NULL,
            minutes INTEGER NOT NULL DEFAULT 60 CHECK (minutes > 0),
            time_zone TEXT NOT NULL DEFAULT '',
            place TEXT NOT NULL DEFAULT '',
            agenda TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'planned'
                CHECK (status IN ('planned', 'held', 'cancelled')),
            interaction_id INTEGER REFERENCES interaction (id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL)""",
        "CREATE INDEX meeting_planned ON meeting (starts_at) WHERE status = 'planned'",
        "CREATE INDEX meeting_contact ON meeting (contact_id, starts_at)",
        # Until now a planned 1-2-1 was a 1-2-1 entry dated ahead: those become meetings.
        f"""INSERT INTO meeting (contact_id, starts_at, agenda, created_at)
            SELECT contact_id, date || ' ' || coalesce(time, '09:00:00'),
                   trim(summary || char(10) || notes), created_at
            FROM interaction WHERE kind = '1-2-1' AND date > {_TODAY_V6}""",
        f"DELETE FROM interaction WHERE kind = '1-2-1' AND date > {_TODAY_V6}",
        # The dashboard counts 1-2-1s and gives per week: by kind, then date.
        "CREATE INDEX interaction_kind_date ON interaction (kind, date)",
        # The give/take ledger sums gave and received entries per contact.
        "CREATE INDEX interaction_kind_contact ON interaction (kind, contact_id, date)",
        # "Not now" for a suggested introduction, until a date.
        """CREATE TABLE snoozed_suggestion (
            contact_a_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            contact_b_id INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
            until DATE NOT NULL,
            PRIMARY KEY (contact_a_id, contact_b_id)) WITHOUT ROWID""",
    ]
    for sql in statements:
        run_sql(db, sql)


def _step_7_first_day_indexes(db: SqliteDatabase) -> None:
    """Indexes for a first-day network (100,000 connections, nobody contacted yet), where
    a sort that the mature network never notices walks every row."""
    # The people Today's introduction ideas are drawn from: by stage, most recently in
    # touch first. With every last_contacted NULL, sorting by it over the last-contacted
    # index visits the whole table for each stage.
    run_sql(db, "CREATE INDEX contact_stage_recent ON contact (archived, stage, last_contacted)")


# Step 8's rule for what makes two tags one (validation.tag_key when it was written,
# frozen with the step): NFKC, case folded, zero-width characters and spacing ignored.
_ZERO_WIDTH_V8 = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def _tag_key_v8(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name.translate(_ZERO_WIDTH_V8)).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


# Step 2's index row of a contact (relate.store.search's when step 8 was written).
_FTS_ROW_V8 = """
    INSERT INTO contact_fts (rowid, name, company, position, location, tags, story)
    SELECT c.id, c.first_name || ' ' || c.last_name, c.company, c.position, c.location,
           coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct
                     JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),
           c.story
    FROM contact c WHERE c.id = ?"""


@dataclasses.dataclass
class _TagV8:
    id: int
    name: str
    key: str
    category: str
    avoid: int
    mine: int
    cadence_days: int | None
    contacts: int


def _plain_v8(name: str) -> bool:
    """Whether a tag's name is written without hidden characters or decomposed letters."""
    return name == unicodedata.normalize("NFC", name.translate(_ZERO_WIDTH_V8))


def _survivor_v8(group: list[_TagV8]) -> _TagV8:
    """The tag that stays of tags that look the same: the one on most contacts (of
    equals, one plainly written, then the oldest), with the marks of all of them."""
    kept = max(group, key=lambda tag: (tag.contacts, _plain_v8(tag.name), -tag.id))
    kept.mine = max(tag.mine for tag in group)
    kept.avoid = max(tag.avoid for tag in group)
    if kept.category == "interest":  # the default: another's category was chosen
        chosen = [tag for tag in group if tag.category != "interest"]
        if chosen:
            kept.category = max(chosen, key=lambda tag: (tag.contacts, -tag.id)).category
    if kept.cadence_days is None:  # the shortest rhythm counts, as for several tags
        kept.cadence_days = min(
            (tag.cadence_days for tag in group if tag.cadence_days is not None), default=None
        )
    return kept


def _step_8_tags_that_look_the_same(db: SqliteDatabase) -> None:
    """Tags whose names look the same ("café" composed and decomposed, "ab" and
    "a\u200bb") become one: each contact's links move to the tag most contacts have,
    which takes the others' marks; every tag's key follows the new rule; the sort keys
    (by triggers) and the search rows of the contacts concerned are written again."""
    counts = dict(
        run_sql(db, "SELECT tag_id, count(*) FROM contact_tag GROUP BY tag_id").fetchall()
    )
    groups: dict[str, list[_TagV8]] = {}
    for row in run_sql(
        db, "SELECT id, name, key, category, avoid, mine, cadence_days FROM tag ORDER BY id"
    ).fetchall():
        tag_id, name, key, category, avoid, mine, cadence_days = row
        tag = _TagV8(tag_id, name, key, category, avoid, mine, cadence_days, counts.get(tag_id, 0))
        groups.setdefault(_tag_key_v8(tag.name), []).append(tag)
    touched: set[int] = set()
    kept_by_key: dict[str, _TagV8] = {}
    for key, group in groups.items():
        kept = kept_by_key[key] = _survivor_v8(group)
        if len(group) == 1:
            continue
        run_sql(
            db,
            "UPDATE tag SET category = ?, avoid = ?, mine = ?, cadence_days = ? WHERE id = ?",
            (kept.category, kept.avoid, kept.mine, kept.cadence_days, kept.id),
        )
        for tag in group:
            if tag is kept:
                continue
            touched.update(
                row[0]
                for row in run_sql(
                    db, "SELECT contact_id FROM contact_tag WHERE tag_id = ?", (tag.id,)
                ).fetchall()
            )
            run_sql(
                db,
                "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id)"
                " SELECT contact_id, ? FROM contact_tag WHERE tag_id = ?",
                (kept.id, tag.id),
            )
            run_sql(db, "DELETE FROM contact_tag WHERE tag_id = ?", (tag.id,))
            run_sql(db, "DELETE FROM tag WHERE id = ?", (tag.id,))
    # New keys in two passes, so that no key is briefly another tag's (it is unique):
    # first one no key can be, starting with a space.
    # The tag_renamed trigger of step 3 writes each contact's first-tag sort key again.
    renamed = [(key, kept.id) for key, kept in kept_by_key.items() if kept.key != key]
    connection = connection_of(db)
    connection.executemany(
        "UPDATE tag SET key = ' ' || id WHERE id = ?", [(i,) for _, i in renamed]
    )
    connection.executemany("UPDATE tag SET key = ? WHERE id = ?", renamed)
    for contact_id in sorted(touched):
        run_sql(db, "DELETE FROM contact_fts WHERE rowid = ?", (contact_id,))
        run_sql(db, _FTS_ROW_V8, (contact_id,))


def _step_9_reminders(db: SqliteDatabase) -> None:
    """Reminders at their time: a follow-up may say when in its day it is due, and the
    reminders already shown are kept, so that a restart never shows one again."""
    statements = [
        "ALTER TABLE follow_up ADD COLUMN due_time TIME",
        # One row per reminder shown, named by what it was for and when it was due
        # (relate.reminders.Due.key): moved to another time, it reminds again. Rows
        # older than the reminders' reach are swept as new ones are written.
        """CREATE TABLE reminder_shown (
            key TEXT NOT NULL PRIMARY KEY,
            shown_at DATETIME NOT NULL) WITHOUT ROWID""",
    ]
    for sql in statements:
        run_sql(db, sql)


# Step 10's phone terms (relate.store.search.phone_terms when it was written, frozen with it).
_DIGITS_V10 = re.compile(r"\d+")


def _phone_terms_v10(number: str) -> str:
    groups = _DIGITS_V10.findall(number)
    return " ".join(dict.fromkeys("".join(groups[start:]) for start in range(len(groups))))


def _step_10_search_addresses_and_phones(db: SqliteDatabase) -> None:
    """Search finds people by their e-mail addresses, phone numbers (by digits, however
    they are spaced) and how you met: the index is made again with those columns."""
    connection_of(db).create_function(
        "relate_phone_terms_v10", 1, _phone_terms_v10, deterministic=True
    )
    statements = [
        "DROP TABLE contact_fts",
        # As step 2: prefix indexes for 1-3 characters keep search-as-you-type fast.
        """CREATE VIRTUAL TABLE contact_fts USING fts5(
            name, company, position, emails, phones, location, how_met, tags, story,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')""",
        """INSERT INTO contact_fts
               (rowid, name, company, position, emails, phones, location, how_met, tags, story)
           SELECT c.id, c.first_name || ' ' || c.last_name, c.company, c.position,
                  coalesce((SELECT group_concat(address, ' ') FROM contact_email
                            WHERE contact_id = c.id), ''),
                  coalesce((SELECT group_concat(relate_phone_terms_v10(number), ' ')
                            FROM contact_phone WHERE contact_id = c.id), ''),
                  c.location, c.how_met,
                  coalesce((SELECT group_concat(t.name, ' ') FROM contact_tag ct
                            JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id), ''),
                  c.story
           FROM contact c""",
    ]
    for sql in statements:
        run_sql(db, sql)


def _step_11_pronouns(db: SqliteDatabase) -> None:
    """The pronouns a contact goes by ("she/her"), shown beside their name."""
    run_sql(db, "ALTER TABLE contact ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")


STEPS: dict[int, Callable[[SqliteDatabase], None]] = {
    1: _step_1_core_tables,
    2: _step_2_search_index,
    3: _step_3_sort_keys,
    4: _step_4_import_history,
    5: _step_5_birthdays_and_merges,
    6: _step_6_networking_loop,
    7: _step_7_first_day_indexes,
    8: _step_8_tags_that_look_the_same,
    9: _step_9_reminders,
    10: _step_10_search_addresses_and_phones,
    11: _step_11_pronouns,
}
LATEST_VERSION = max(STEPS)


def schema_version(db: SqliteDatabase) -> int:
    """The version recorded in the open file."""
    return int(run_sql(db, "PRAGMA user_version").fetchone()[0])


def check_file(path: Path, busy_seconds: float = 5.0) -> int:
    """The schema version of an existing file, read without changing a byte of it
    (waiting `busy_seconds` at most for a file another program has locked).

    Raises SchemaError for a file that is not a Relate database or is from a newer
    version; returns 0 for a missing or empty file.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_seconds
        )
        try:
            row: tuple[int, int, int] = connection.execute(
                "SELECT user_version, application_id, (SELECT count(*) FROM sqlite_master)"
                " FROM pragma_user_version, pragma_application_id"
            ).fetchone()
        finally:
            connection.close()
        version, app_id, tables = row
    except sqlite3.DatabaseError as exc:
        # A full disk or a folder that cannot be written is no reason to call the file
        # foreign (or damaged): only SQLite's own "corrupt" and "not a database" are.
        cannot_use = unavailable(path, exc)
        if cannot_use is not None:
            raise cannot_use from exc
        raise SchemaError(f"{path} is not a Relate database ({exc}).") from exc
    if app_id != APPLICATION_ID and (app_id != 0 or version != 0 or tables):
        raise SchemaError(f"{path} is not a Relate database.")
    if version > LATEST_VERSION:
        raise SchemaError(
            f"{path} was written by a newer version of Relate (schema {version}; this "
            f"version knows up to {LATEST_VERSION}). Update Relate to open it."
        )
    return version


def migrate(db: SqliteDatabase) -> int:
    """Apply the steps the open file lacks; return the new version.

    Call `check_file` first: it refuses foreign and newer files before they are
    opened for writing; and back an existing file up first (`relate.store.db.open_database`
    does both).
    """
    version = schema_version(db)
    if version == LATEST_VERSION:
        return version
    for step in range(version + 1, LATEST_VERSION + 1):
        with db.atomic("IMMEDIATE"):
            STEPS[step](db)
            run_sql(db, f"PRAGMA user_version = {step}")
    return LATEST_VERSION
