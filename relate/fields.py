"""The contact fields, declared once: every list of fields in Relate derives from `FIELDS`.

A field's declaration says what it is called and how each part of the program treats
it: the card, `relate add/edit/show`, imports, merge, the CSV, vCard and JSON exports,
search and the brief. ARCHITECTURE.md ("Adding a field") has the recipe.
"""

from __future__ import annotations

import dataclasses
import enum


class Kind(enum.Enum):
    """What a field holds, which says how it is cleaned, shown, written and read."""

    NAME = "name"  # a part of the person's name
    TEXT = "text"  # one line of text
    LONG_TEXT = "long text"  # paragraphs (kept as written, only trimmed)
    DATE = "date"
    URL = "url"
    CHOICE = "choice"  # one of a vocabulary (the stage)
    NUMBER = "number"  # a count of days
    EMAILS = "list of e-mails"
    PHONES = "list of phones"
    TAGS = "tags"
    CONTACT = "contact"  # another contact, by id


class Imports(enum.Enum):
    """What an import does with a field of a contact that exists already."""

    NONE = "not imported"
    NEW_ONLY = "given to a new contact only"  # names, stage
    TRACKED = "tracked"  # remembered per source: a source that changes it is news
    FILLED = "filled when empty"  # never overwrites what the contact holds
    ADDED = "each new one added"  # e-mails, phones, tags
    PROFILE = "matched on, filled when empty"  # the LinkedIn profile


class Brief(enum.Enum):
    """Where the one-page brief shows a field."""

    NONE = "not shown"
    BESIDE_NAME = "beside the name"
    OWN_PLACE = "in a place of its own"  # laid out by the brief itself


class Sync(enum.Enum):
    """Whether a field travels to the address books the user connects (CardDAV)."""

    NONE = "never synced"
    ADDRESS_BOOK = "an address book's own field"  # travels to every book
    OWN = "Relate's own"  # travels to a book set to carry it (story, tags, stage…)


# The kinds stored as one plain text column of `contact`, cleaned the same way.
TEXT_KINDS = frozenset({Kind.TEXT, Kind.LONG_TEXT})


@dataclasses.dataclass(frozen=True, slots=True)
class Field:
    """One contact field and how every part of Relate treats it."""

    name: str  # the attribute of ContactDetail and the keyword of update_contact
    label: str  # how the window, the CLI and the brief name it
    kind: Kind
    imports: Imports = Imports.NONE
    merge: bool = True  # merge asks which to keep when both contacts fill it differently
    csv: str | None = None  # the CSV export's column header (None: not exported)
    vcard: str | None = None  # the one vCard property it is written to and read from
    fts: str | None = None  # the search index column that holds it (None: not searched)
    card: bool = True  # a line to edit on the card (other fields have their own widget)
    row: bool = True  # a labelled row of `relate show` (False: the heading shows it)
    brief: Brief = Brief.NONE
    option: str | None = None  # `relate add/edit` option for a text field, e.g. "--how-met"
    help: str = ""  # that option's help
    csv_columns: tuple[str, ...] = ()  # address-book CSV columns it is imported from
    words: str = ""  # how an import's summary names it ("" : the label in lower case)
    json: bool = True  # a member of each contact in the JSON export
    written: bool = True  # False: computed by the database, never given a value
    sync: Sync = Sync.NONE
    # The vCard properties a card holds it in, when not the one `vcard` property.
    vcard_lines: tuple[str, ...] = ()

    @property
    def vcard_properties(self) -> tuple[str, ...]:
        """The vCard properties (upper case) that hold the field in a card."""
        return (self.vcard,) if self.vcard else self.vcard_lines

    @property
    def change_words(self) -> str:
        """The field in an import's list of changes: "how we met"."""
        return self.words or self.label.lower()


FIELDS: tuple[Field, ...] = (
    Field("first_name", "First name", Kind.NAME, Imports.NEW_ONLY, csv="First Name", fts="name",
          row=False, sync=Sync.ADDRESS_BOOK, vcard_lines=("N", "FN")),
    Field("last_name", "Last name", Kind.NAME, Imports.NEW_ONLY, csv="Last Name", fts="name",
          row=False, sync=Sync.ADDRESS_BOOK, vcard_lines=("N", "FN")),
    Field("pronouns", "Pronouns", Kind.TEXT, Imports.FILLED, csv="Pronouns", vcard="PRONOUNS",
          brief=Brief.BESIDE_NAME, option="--pronouns", help="how they are referred to: she/her",
          csv_columns=("Pronouns",), sync=Sync.ADDRESS_BOOK),
    Field("company", "Company", Kind.TEXT, Imports.TRACKED, csv="Company", fts="company",
          row=False, option="--company", sync=Sync.ADDRESS_BOOK, vcard_lines=("ORG",)),
    Field("position", "Position", Kind.TEXT, Imports.TRACKED, csv="Position", vcard="TITLE",
          fts="position", row=False, option="--position", sync=Sync.ADDRESS_BOOK),
    Field("emails", "E-mail", Kind.EMAILS, Imports.ADDED, merge=False, csv="Email",
          fts="emails", words="e-mail", sync=Sync.ADDRESS_BOOK, vcard_lines=("EMAIL",)),
    Field("phones", "Phone", Kind.PHONES, Imports.ADDED, merge=False, csv="Phone",
          fts="phones", sync=Sync.ADDRESS_BOOK, vcard_lines=("TEL",)),
    Field("linkedin_url", "LinkedIn", Kind.URL, Imports.PROFILE, csv="LinkedIn URL",
          words="LinkedIn profile", sync=Sync.ADDRESS_BOOK, vcard_lines=("URL", "X-SOCIALPROFILE")),
    Field("location", "Location", Kind.TEXT, Imports.FILLED, csv="Location", fts="location",
          option="--location", sync=Sync.ADDRESS_BOOK, vcard_lines=("ADR",)),
    Field("how_met", "How we met", Kind.TEXT, Imports.FILLED, csv="How Met",
          vcard="X-RELATE-HOW-MET", fts="how_met", brief=Brief.OWN_PLACE, option="--how-met",
          help="where or how you met them", sync=Sync.OWN),
    Field("met_through_id", "Met through", Kind.CONTACT, card=False),
    Field("stage", "Stage", Kind.CHOICE, Imports.NEW_ONLY, csv="Stage",
          vcard="X-RELATE-STAGE", card=False, row=False, sync=Sync.OWN),
    Field("tags", "Tags", Kind.TAGS, Imports.ADDED, merge=False, csv="Tags", fts="tags",
          card=False, row=False, words="tag", sync=Sync.OWN, vcard_lines=("CATEGORIES",)),
    Field("connected_on", "Connected on", Kind.DATE, Imports.FILLED, csv="Connected On",
          vcard="X-RELATE-CONNECTED-ON", sync=Sync.OWN),
    Field("birthday", "Birthday", Kind.DATE, Imports.FILLED, csv="Birthday", vcard="BDAY",
          sync=Sync.ADDRESS_BOOK),
    # Kept by the database from the timeline and the rhythm: read, never written.
    Field("last_contacted", "Last contact", Kind.DATE, merge=False, csv="Last Contacted",
          card=False, row=False, json=False, written=False),
    Field("next_due", "Next due", Kind.DATE, merge=False, csv="Next Due", card=False,
          row=False, json=False, written=False),
    Field("story", "Story", Kind.LONG_TEXT, Imports.FILLED, csv="Story", fts="story",
          card=False, row=False, sync=Sync.OWN, vcard_lines=("NOTE",)),
    Field("cadence_days", "Rhythm", Kind.NUMBER, Imports.FILLED, vcard="X-RELATE-CADENCE",
          card=False, row=False, words="rhythm in days", sync=Sync.OWN),
)  # fmt: skip

BY_NAME: dict[str, Field] = {field.name: field for field in FIELDS}

# The CSV export's columns, by field name: the order the first release wrote, a new
# field added at the end, so a spreadsheet or script built on the columns keeps working.
CSV_ORDER: tuple[str, ...] = (
    "first_name", "last_name", "company", "position", "emails", "phones", "linkedin_url",
    "location", "stage", "tags", "connected_on", "birthday", "last_contacted", "next_due",
    "how_met", "story",
    "pronouns",
)  # fmt: skip


def label(name: str) -> str:
    """The label of the field `name`: "How we met"."""
    return BY_NAME[name].label


def names(fields: tuple[Field, ...] | None = None, **where: object) -> tuple[str, ...]:
    """The names of the fields (of `fields`, else all) whose attributes equal `where`,
    in display order: `names(imports=Imports.FILLED)`."""
    return tuple(
        field.name
        for field in (FIELDS if fields is None else fields)
        if all(getattr(field, key) == value for key, value in where.items())
    )


# Derived once: the lists other modules use.
TEXT_FIELDS = tuple(f for f in FIELDS if f.kind in TEXT_KINDS)
TEXT_NAMES = tuple(f.name for f in TEXT_FIELDS)
MERGE_NAMES = names(merge=True)
TRACKED_NAMES = names(imports=Imports.TRACKED)
FILLED_NAMES = names(imports=Imports.FILLED)
SEARCH_COLUMNS = tuple(dict.fromkeys(f.fts for f in FIELDS if f.fts))
# The kinds stored as one column of `contact` (the others live in tables of their own).
COLUMN_KINDS = frozenset(Kind) - {Kind.EMAILS, Kind.PHONES, Kind.TAGS}
COLUMN_NAMES = tuple(f.name for f in FIELDS if f.kind in COLUMN_KINDS)
# What a connected address book always carries, and what it may be set to carry too.
SYNC_NAMES = names(sync=Sync.ADDRESS_BOOK)
SYNC_OWN_NAMES = names(sync=Sync.OWN)
