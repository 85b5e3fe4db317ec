"""What an import plan is: the people a file describes (`Incoming`), the rows skipped or
merged, the updates to existing contacts, and the plan that holds them.

Every importer turns its file into `Incoming` rows; `relate.importers.planner.plan_import`
makes the plan, `relate.importers.batches.apply_plan` writes it as one undoable batch.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from relate.fields import BY_NAME, FIELDS, FILLED_NAMES, TRACKED_NAMES
from relate.records import Phone

# Fields an import fills when the contact has nothing in them, and never overwrites.
FILLED_FIELDS = FILLED_NAMES

# How an update's summary names a field; "email", "phone" and "tag" add one of a list.
_FIELD_WORDS = {
    **{field.name: field.change_words for field in FIELDS},
    "email": BY_NAME["emails"].change_words,
    "phone": BY_NAME["phones"].change_words,
    "tag": BY_NAME["tags"].change_words,
}

# Fields whose imported value is remembered: a source that changes them is news (a new
# job); a contact whose value differs from it was edited by the user, who wins.
TRACKED_FIELDS = TRACKED_NAMES


# Not frozen, though never changed (`dataclasses.replace` makes another): one is made for
# every row of a file, and a frozen one takes five times as long to make.
@dataclasses.dataclass(slots=True)
class Incoming:
    """One person as a file describes them."""

    line: int
    first_name: str
    last_name: str
    linkedin_url: str | None = None
    emails: tuple[str, ...] = ()
    company: str = ""
    position: str = ""
    connected_on: dt.date | None = None
    phones: tuple[Phone, ...] = ()
    location: str = ""
    story: str = ""
    birthday: dt.date | None = None
    tags: tuple[str, ...] = ()
    how_met: str = ""
    cadence_days: int | None = None
    stage: str | None = None  # given to a new contact; an existing one keeps its own
    pronouns: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Skipped:
    """A row of the file that is not imported, and why."""

    line: int
    reason: str

    @property
    def outcome(self) -> str:
        return f"skipped, {self.reason}"


@dataclasses.dataclass(frozen=True, slots=True)
class Merged:
    """A row of the file that is the same person as an earlier row (`into`): both are
    imported as one contact, with every phone, e-mail, note and tag of each."""

    line: int
    into: int

    @property
    def outcome(self) -> str:
        return f"merged with line {self.into} of this file"


MERGED_WORDS = "merged with another row of this file"


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One field of an existing contact: its value before and after (new_value None:
    the contact keeps its value) and, for tracked fields, what the source said of it
    before (None: nothing yet) and says now. Field "email", "phone" and "tag" add one
    (a phone with its label)."""

    field: str
    old_value: str | None
    new_value: str | None
    old_imported: str | None = None
    new_imported: str | None = None
    label: str = ""


@dataclasses.dataclass(frozen=True, slots=True)
class Update:
    """What an incoming row does to the contact it matched."""

    contact_id: int
    row: Incoming
    changes: tuple[Change, ...]
    news: str | None  # "now Director at Y", logged as a position change

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def visible(self) -> bool:
        """Whether the user will see anything change on the contact."""
        return self.news is not None or any(c.new_value is not None for c in self.changes)

    def describe(self) -> str:
        """What the user will see change, in a few words: "now Director at Y; adds
        e-mail, 2 phones"."""
        parts = [self.news] if self.news else []
        added: dict[str, int] = {}
        for change in self.changes:
            if change.new_value is None or (self.news and change.field in TRACKED_FIELDS):
                continue
            if change.field in ("email", "phone", "tag"):
                added[change.field] = added.get(change.field, 0) + 1
            else:
                parts.append(f"{_FIELD_WORDS.get(change.field, change.field)}: {change.new_value}")
        if added:
            parts.append(
                "adds "
                + ", ".join(
                    f"{count} {_FIELD_WORDS[field]}s" if count > 1 else _FIELD_WORDS[field]
                    for field, count in added.items()
                )
            )
        return "; ".join(parts) if parts else "no change"


@dataclasses.dataclass(frozen=True, slots=True)
class ImportPlan:
    """What importing a file would do, decided before anything is written."""

    source: str
    file_name: str
    new: tuple[Incoming, ...]
    updates: tuple[Update, ...]
    skipped: tuple[Skipped, ...]
    merged: tuple[Merged, ...] = ()

    @property
    def updated(self) -> int:
        return sum(1 for update in self.updates if update.visible)

    @property
    def unchanged(self) -> int:
        return len(self.updates) - self.updated

    def summary(self) -> str:
        """The one line a user reads: "N new, M updated, K unchanged, S skipped", and
        "J merged with another row of this file" before the skipped when there are any."""
        merged = f" {len(self.merged):,} {MERGED_WORDS}," if self.merged else ""
        updated = self.updated  # one pass over the updates, not two
        unchanged = len(self.updates) - updated
        return (
            f"{len(self.new):,} new, {updated:,} updated, {unchanged:,} unchanged,"
            f"{merged} {len(self.skipped):,} skipped"
        )

    def row_outcomes(self) -> list[str]:
        """The rows skipped or merged, and why, in the file's order: "line 12: …"."""
        rows: list[Skipped | Merged] = [*self.skipped, *self.merged]
        return [f"line {row.line}: {row.outcome}" for row in sorted(rows, key=lambda r: r.line)]
