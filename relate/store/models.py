"""Peewee models over the SQLite file; the schema itself is made by `migrations`."""

from __future__ import annotations

import datetime as dt

from peewee import (
    AutoField,
    BooleanField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    Function,
    IntegerField,
    Model,
    TextField,
    TimeField,
    fn,
)

from relate.store.db import db


def now() -> dt.datetime:
    """Local time to the second: what timestamps store."""
    return dt.datetime.now().replace(microsecond=0)


class BaseModel(Model):
    """Every model spells out what peewee adds by itself, for the type checker: its `id`
    (`AutoField()`, what peewee would make), and under each foreign key `x` the `x_id`
    accessor as a bare annotation, which peewee never sees."""

    class Meta:
        database = db
        legacy_table_names = False


class ImportBatch(BaseModel):
    id = AutoField()
    source = TextField()
    file_name = TextField(default="")
    imported_at = DateTimeField(default=now)
    created_count = IntegerField(default=0)
    updated_count = IntegerField(default=0)
    skipped_count = IntegerField(default=0)
    undone_at = DateTimeField(null=True)
    entry_count = IntegerField(default=0)  # migration 12: timeline entries it added


class Contact(BaseModel):
    id = AutoField()
    first_name = TextField(default="")
    last_name = TextField(default="")
    pronouns = TextField(default="")  # migration 11
    company = TextField(default="")
    position = TextField(default="")
    linkedin_url = TextField(null=True, unique=True)
    location = TextField(default="")
    how_met = TextField(default="")
    met_through = ForeignKeyField("self", null=True, on_delete="SET NULL", backref="met_via")
    met_through_id: int | None
    connected_on = DateField(null=True)
    birthday = DateField(null=True)
    stage = TextField(default="connection")
    story = TextField(default="")
    cadence_days = IntegerField(null=True)
    archived = BooleanField(default=False)
    import_batch = ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    import_batch_id: int | None
    created_at = DateTimeField(default=now)
    updated_at = DateTimeField(default=now)
    # Sort keys (migration 3): name_key is written with the names (validation.name_key);
    # last_contacted and tag_key are kept by triggers, never written by the core.
    name_key = TextField(default="")
    last_contacted = DateField(null=True)
    tag_key = TextField(null=True)
    # Migration 6: the stage's or tags' rhythm (kept by triggers), and "not before".
    default_cadence_days = IntegerField(null=True)
    snoozed_until = DateField(null=True)


def changed_now() -> Function:
    """`updated_at` for a change the user makes now: the moment, or a second past the last
    change where that was this same second. So a contact changed since it was created
    (by an import, say) always has `updated_at > created_at`."""
    return fn.max(now().isoformat(sep=" "), fn.datetime(Contact.updated_at, "+1 second"))


class ContactEmail(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="email_rows")
    contact_id: int
    address = TextField()
    # 0 is the primary address; the rest keep the order the user gave.
    rank = IntegerField(default=0)


class ContactPhone(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="phone_rows")
    contact_id: int
    number = TextField()
    label = TextField(default="")
    rank = IntegerField(default=0)


class Tag(BaseModel):
    id = AutoField()
    name = TextField()
    # casefold()ed name: what makes a tag unique, so "BIM" and "bim" are one tag.
    key = TextField(unique=True)
    category = TextField(default="interest")
    avoid = BooleanField(default=False)
    # The user's own interests: the "me" profile is the set of tags marked mine.
    mine = BooleanField(default=False)
    # A rhythm for everyone with this tag (unless they have their own).
    cadence_days = IntegerField(null=True)


class ContactTag(BaseModel):
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_id: int
    tag = ForeignKeyField(Tag, on_delete="CASCADE")
    tag_id: int

    class Meta:
        primary_key = CompositeKey("contact", "tag")


class Interaction(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="interactions")
    contact_id: int
    kind = TextField()
    sub_kind = TextField(null=True)
    date = DateField()
    time = TimeField(null=True)
    summary = TextField(default="")
    notes = TextField(default="")
    import_batch = ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    import_batch_id: int | None
    created_at = DateTimeField(default=now)
    # Migration 12: read from a file of the user's history (mail, calendar, LinkedIn).
    direction = TextField(null=True)  # "sent" or "received"; None: not said
    source_key = TextField(null=True)  # the file's key of it (a thread on a day)


class Introduction(BaseModel):
    id = AutoField()
    contact_a = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_a_id: int
    contact_b = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_b_id: int
    date = DateField()
    note = TextField(default="")
    outcome = TextField(default="")
    created_at = DateTimeField(default=now)


class FollowUp(BaseModel):
    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="follow_ups")
    contact_id: int
    due = DateField()
    text = TextField()
    done_at = DateTimeField(null=True)
    created_at = DateTimeField(default=now)
    # Migration 9: when in its day it is due (None: some time that day).
    due_time = TimeField(null=True)


class Meeting(BaseModel):
    """A 1-2-1 meeting: planned, then held (an interaction) or cancelled."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE", backref="meetings")
    contact_id: int
    # Wall-clock time in `time_zone` (an IANA name; empty means the machine's zone); the
    # second of a time the clocks repeat carries its UTC offset ("… 02:30:00+01:00").
    starts_at = DateTimeField()
    minutes = IntegerField(default=60)
    time_zone = TextField(default="")
    place = TextField(default="")
    agenda = TextField(default="")
    status = TextField(default="planned")
    interaction = ForeignKeyField(Interaction, null=True, on_delete="SET NULL")
    interaction_id: int | None
    created_at = DateTimeField(default=now)


class StageChange(BaseModel):
    """A contact moved from one stage to another (written by a trigger)."""

    id = AutoField()
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_id: int
    from_stage = TextField()
    to_stage = TextField()
    changed_on = DateField()


class StageCadence(BaseModel):
    """The rhythm for contacts at a stage who have none of their own."""

    stage = TextField(primary_key=True)
    days = IntegerField()

    class Meta:
        without_rowid = True


class SnoozedSuggestion(BaseModel):
    """A suggested introduction the user put off until a date."""

    contact_a = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_a_id: int
    contact_b = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_b_id: int
    until = DateField()

    class Meta:
        primary_key = CompositeKey("contact_a", "contact_b")
        without_rowid = True


class ReminderShown(BaseModel):
    """A reminder already shown (`relate.reminders.Due.key`), so it is never shown again."""

    key = TextField(primary_key=True)
    shown_at = DateTimeField()

    class Meta:
        without_rowid = True


class ImportValue(BaseModel):
    """What the latest import from a source said of one field of a contact."""

    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_id: int
    source = TextField()
    field = TextField()
    value = TextField()

    class Meta:
        primary_key = CompositeKey("contact", "source", "field")
        without_rowid = True


class ImportChange(BaseModel):
    """One change an import made to a contact that existed before it (for undo)."""

    id = AutoField()
    import_batch = ForeignKeyField(ImportBatch, on_delete="CASCADE")
    import_batch_id: int
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_id: int
    field = TextField()
    old_value = TextField(null=True)
    new_value = TextField(null=True)
    old_imported = TextField(null=True)


class MyAddress(BaseModel):
    """One of the user's own e-mail addresses (migration 12): never a contact's."""

    address = TextField(primary_key=True, collation="NOCASE")
    origin = TextField(default="")

    class Meta:
        table_name = "my_address"


class SyncBook(BaseModel):
    """A CardDAV address book the user connected (migration 13).

    url: the book's own address; account_url: what the user gave (the keyring's key);
    incremental: the server answers sync-collection; own_fields: Relate's own fields
    (`fields.SYNC_OWN_NAMES`) the book carries, comma-joined; send: which of Relate's
    contacts go to the book ("all", "none" or "tag:NAME"); delete_on_server: archiving
    or deleting a contact in Relate removes its card."""

    id = AutoField()
    url = TextField(unique=True)
    account_url = TextField()
    user = TextField()
    name = TextField(default="")
    incremental = BooleanField(default=False)
    own_fields = TextField(default="")
    send = TextField(default="all")
    delete_on_server = BooleanField(default=False)
    sync_token = TextField(null=True)
    synced_at = DateTimeField(null=True)
    last_result = TextField(default="")
    created_at = DateTimeField(default=now)

    class Meta:
        table_name = "sync_book"


class SyncCard(BaseModel):
    """A card of a connected book as last synced: `vcard` is the base of the next
    three-way merge, kept whole. `linked` false: a card Relate leaves alone (no name,
    or the sync that brought it undone); linked with no `contact`: its contact was
    deleted here. `import_batch`: the sync that linked it."""

    id = AutoField()
    book = ForeignKeyField(SyncBook, on_delete="CASCADE")
    book_id: int
    href = TextField()
    etag = TextField(default="")
    contact = ForeignKeyField(Contact, null=True, on_delete="SET NULL")
    contact_id: int | None
    import_batch = ForeignKeyField(ImportBatch, null=True, on_delete="SET NULL")
    import_batch_id: int | None
    linked = BooleanField(default=True)
    vcard = TextField(default="")
    synced_at = DateTimeField()

    class Meta:
        table_name = "sync_card"
        indexes = ((("book", "href"), True),)


class SyncConflict(BaseModel):
    """A field changed both here and on the server since the last sync: Relate kept its
    own value and keeps the server's here until the user chooses."""

    id = AutoField()
    book = ForeignKeyField(SyncBook, on_delete="CASCADE")
    book_id: int
    contact = ForeignKeyField(Contact, on_delete="CASCADE")
    contact_id: int
    field = TextField()
    local_value = TextField(default="")
    server_value = TextField(default="")
    found_at = DateTimeField(default=now)
    resolved_at = DateTimeField(null=True)
    resolution = TextField(default="")

    class Meta:
        table_name = "sync_conflict"


class SyncPush(BaseModel):
    """A write to the server decided and not yet made: a card to put (`etag` None: a
    new one) or to delete (`vcard` None). Kept with the local changes it goes with, so
    an interrupted sync finishes it. `queued_at`: when the card and its contact were last
    alike, which the card keeps as its `synced_at` once the write is made."""

    id = AutoField()
    book = ForeignKeyField(SyncBook, on_delete="CASCADE")
    book_id: int
    contact = ForeignKeyField(Contact, null=True, on_delete="CASCADE")
    contact_id: int | None
    href = TextField()
    etag = TextField(null=True)
    vcard = TextField(null=True)
    queued_at = DateTimeField(default=now)

    class Meta:
        table_name = "sync_push"


class ContactMerge(BaseModel):
    """Two contacts merged into one; `snapshot` holds both as they were (for undo)."""

    id = AutoField()
    kept = ForeignKeyField(Contact, on_delete="CASCADE")
    kept_id: int
    dropped_id = IntegerField()
    merged_at = DateTimeField(default=now)
    snapshot = TextField()
    undone_at = DateTimeField(null=True)


ALL_MODELS: tuple[type[BaseModel], ...] = (
    ImportBatch,
    Contact,
    ContactEmail,
    ContactPhone,
    Tag,
    ContactTag,
    Interaction,
    Introduction,
    FollowUp,
    ImportValue,
    ImportChange,
    ContactMerge,
    Meeting,
    StageChange,
    StageCadence,
    SnoozedSuggestion,
    ReminderShown,
    MyAddress,
    SyncBook,
    SyncCard,
    SyncConflict,
    SyncPush,
)
