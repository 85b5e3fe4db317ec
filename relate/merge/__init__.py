"""Merging two contacts that are one person into one, and undoing the merge.

A merge keeps one contact and folds the other ("dropped") into it: fields, timeline,
follow-ups, introductions, tags, e-mails, phones, "met through" links and import
history. It stores both contacts as they were (a `snapshots` snapshot, as JSON) with
what it wrote, so `undo_merge` can put both back as they were while the kept contact
keeps what was added to it since.

Imports: an import that created one side of a merge no longer owns the merged contact
(undoing the import would delete the other person's data with it). What that side
brought is recorded as that import's changes to the merged contact instead, so undoing
the import still takes its fields (where unchanged since), e-mails, phones, tags and
timeline entries back out, as it does for a contact an import updated. Only when both
sides came from the same import does the merged contact stay that import's own.
"""

from relate.merge.choices import MERGE_FIELDS, Side, conflicts
from relate.merge.merging import merge_contacts, merges
from relate.merge.undoing import undo_merge

__all__ = ["MERGE_FIELDS", "Side", "conflicts", "merge_contacts", "merges", "undo_merge"]
