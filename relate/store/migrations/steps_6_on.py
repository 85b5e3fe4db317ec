"""Schema steps 6 on: the networking loop (rhythms, snoozes, meetings), first-day
indexes, tags that look the same, reminders, searching addresses and phones, pronouns.
Frozen once released (see the package's docstring); a new step goes at the end.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

from peewee import SqliteDatabase

from relate.store.migrations.steps_1_to_5 import NOT_CONTACT_V3
from relate.store.sql import connection_of, run_sql

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


def step_6_networking_loop(db: SqliteDatabase) -> None:
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
            WHEN NEW.kind NOT IN {NOT_CONTACT_V3} BEGIN
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


def step_7_first_day_indexes(db: SqliteDatabase) -> None:
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


def step_8_tags_that_look_the_same(db: SqliteDatabase) -> None:
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


def step_9_reminders(db: SqliteDatabase) -> None:
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


def step_10_search_addresses_and_phones(db: SqliteDatabase) -> None:
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


def step_11_pronouns(db: SqliteDatabase) -> None:
    """The pronouns a contact goes by ("she/her"), shown beside their name."""
    run_sql(db, "ALTER TABLE contact ADD COLUMN pronouns TEXT NOT NULL DEFAULT ''")


def step_12_history_from_files(db: SqliteDatabase) -> None:
    """Timeline entries read from mail, calendars and LinkedIn messages: which way each
    went, and the file's own key of it, so that reading the file again adds only what is
    new; how many entries an import added; and the user's own addresses, which never
    match a contact."""
    statements = [
        "ALTER TABLE interaction ADD COLUMN direction TEXT",
        "ALTER TABLE interaction ADD COLUMN source_key TEXT",
        "ALTER TABLE import_batch ADD COLUMN entry_count INTEGER NOT NULL DEFAULT 0",
        # A second import finds what the first added. Not unique: a merge gives the kept
        # contact the other's entries, and both may have been in the same thread.
        """CREATE INDEX interaction_source_key ON interaction (contact_id, source_key)
            WHERE source_key IS NOT NULL""",
        """CREATE TABLE my_address (
            address TEXT PRIMARY KEY COLLATE NOCASE,
            origin TEXT NOT NULL DEFAULT ''
        )""",
    ]
    for sql in statements:
        run_sql(db, sql)
