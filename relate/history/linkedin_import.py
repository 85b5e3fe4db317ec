"""LinkedIn's archive as one import: the connections (as `relate import linkedin
Connections.csv` reads them), the messages and invitations into the timeline, and the
user's own profile, which tells who "you" are in the other files and is never a contact.

The messages are matched against the contacts and the connections the same import adds,
so a first import of the archive fills everyone's timeline at once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

from relate.history.linkedin_archive import CONNECTIONS, INVITATIONS, MESSAGES, open_archive
from relate.history.linkedin_invitations import Invitation, how_met_text, read_invitations
from relate.history.linkedin_messages import read_messages
from relate.history.linkedin_profile import MyProfile, read_profile
from relate.history.people import Contacts, Me, name_key, profile_key
from relate.history.planner import HistoryEntry, HistoryPlan, add_new, me_now, plan_history
from relate.importers.plan import ImportPlan

SOURCE = "linkedin-archive"


@dataclasses.dataclass(slots=True)
class ArchivePlan(HistoryPlan):
    """What importing a LinkedIn archive would do: the history, and beside it the
    connections it adds or updates (`people`), how we met from the invitations (by
    contact, stand-in ids for the connections to be added), the user's own profile and
    the archive's files that are not read."""

    people: ImportPlan | None = None
    how_met: dict[int, str] = dataclasses.field(default_factory=dict)
    profile: MyProfile = MyProfile()
    not_read: list[str] = dataclasses.field(default_factory=list)

    def changes_anything(self) -> bool:
        people = self.people
        return bool(
            self.entries
            or self.how_met
            or (people is not None and (people.new or people.updated))
            or self.new_addresses()
        )

    def new_addresses(self) -> tuple[str, ...]:
        """The user's own addresses the archive gives that Relate does not know yet."""
        known = me_now().emails
        return tuple(address for address in self.profile.emails if address not in known)

    def summary(self) -> str:
        parts = [self.people.summary()] if self.people is not None else []
        parts.append(HistoryPlan.summary(self))
        if self.how_met:
            parts.append(f"how you met {len(self.how_met):,} of them from the invitations")
        return "; ".join(parts)


def profile_interests(profile: MyProfile) -> list[tuple[str, str]]:
    """What the profile offers as the user's own tags, (name, category): its skills as
    expertise, its industry as an industry."""
    offered = [(skill, "expertise") for skill in profile.skills]
    if profile.industry:
        offered.append((profile.industry, "industry"))
    return offered


def _me(profile: MyProfile) -> Me:
    me = me_now()
    me.emails.update(profile.emails)
    if profile.profile_url:
        me.profiles.add(profile_key(profile.profile_url))
    full = f"{profile.first_name} {profile.last_name}".strip()
    if full:
        me.names.add(name_key(full))
    return me


def plan_archive(
    path: Path,
    keep_bodies: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ArchivePlan:
    """What importing LinkedIn's archive at `path` (the zip, its folder, or one of its
    files) would do; HistoryFileError when it is none of those. Nothing is written."""
    archive = open_archive(path)
    profile = read_profile(archive)
    plan = ArchivePlan(SOURCE, path.name, [], {}, profile=profile, not_read=archive.not_read)
    connections = archive.files.get(CONNECTIONS)
    if connections is not None:
        from relate.importers.linkedin import plan_connections_text

        people = plan_connections_text(connections.text, connections.name)
        # The import is of the archive: Import history names it, not the file inside.
        plan.people = dataclasses.replace(people, file_name=path.name)
    contacts = Contacts(plan.people.new if plan.people is not None else ())
    me = _me(profile)
    messages = archive.files.get(MESSAGES)
    exchanges = (
        read_messages(messages.text, messages.name, keep_bodies=keep_bodies) if messages else ()
    )
    plan_history(
        exchanges, SOURCE, path.name, me, cancelled=cancelled, contacts=contacts, into=plan
    )
    invitations = archive.files.get(INVITATIONS)
    if invitations is not None:
        _plan_invitations(read_invitations(invitations.text, invitations.name), contacts, plan)
    return plan


def _plan_invitations(
    invitations: Iterable[Invitation], contacts: Contacts, plan: ArchivePlan
) -> None:
    """A "met" entry on the day of each invitation with a contact, and how we met where
    the contact has nothing yet."""
    from relate.store.db import execute

    empty = {row[0] for row in execute("SELECT id FROM contact WHERE how_met = ''")}
    entries = []
    for invitation in invitations:
        contact_id, by_name = contacts.find(invitation.other)
        if contact_id is None:
            plan.count_stranger(invitation.other, plan.strangers)
            continue
        text = how_met_text(invitation)
        if contact_id < 0 or contact_id in empty:
            plan.how_met.setdefault(contact_id, text)
        if invitation.when is None:
            continue
        local = invitation.when.astimezone().replace(tzinfo=None)
        entries.append(
            HistoryEntry(
                contact_id=contact_id,
                kind="met",
                date=local.date(),
                time=local.time().replace(second=0, microsecond=0),
                direction=invitation.direction,
                summary=text,
                notes="",
                source_key=f"invitation@{local.date().isoformat()}",
                by_name=by_name,
            )
        )
    add_new(plan, entries)


def write_archive(
    plan: ArchivePlan,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int | None:
    """Write the archive's plan as one import, in one transaction: the connections
    first, then how we met, the timeline entries and the user's own addresses. Returns
    the import's id (None: nothing to change); cancelled, nothing of it is kept."""
    from relate.history.my_addresses import add_my_addresses
    from relate.history.writing import apply_history, batch_for
    from relate.importers.batches import apply_plan
    from relate.store.db import execute, transaction

    if not plan.changes_anything():
        return None
    with transaction():
        batch_id = None
        new_ids: list[int] = []
        if plan.people is not None:
            batch_id = apply_plan(plan.people, progress, cancelled)
            if batch_id is not None:
                new_ids = [
                    row[0]
                    for row in execute(
                        "SELECT id FROM contact WHERE import_batch_id = ? ORDER BY id",
                        (batch_id,),
                    )
                ]

        def real(contact_id: int) -> int:
            return new_ids[-contact_id - 1] if contact_id < 0 else contact_id

        plan.entries = [entry._replace(contact_id=real(entry.contact_id)) for entry in plan.entries]
        batch_id = batch_id or batch_for(plan)
        _fill_how_met({real(cid): text for cid, text in plan.how_met.items()}, batch_id)
        apply_history(plan, progress, cancelled, batch_id)
        add_my_addresses(list(plan.new_addresses()), "LinkedIn archive")
    return batch_id


def _fill_how_met(how_met: dict[int, str], batch_id: int) -> None:
    """Fill in how we met where the contact has nothing yet, remembered by the import so that
    undoing it takes the text back out (unless the user has changed it since)."""
    from relate.store import search
    from relate.store.db import execute
    from relate.store.models import now

    stamp = now().isoformat(sep=" ")
    filled = []
    for contact_id, text in how_met.items():
        # A contact this import adds keeps its created_at = updated_at: the undo of an
        # import keeps whom the user has worked on since, and this is not the user's work.
        changed = execute(
            "UPDATE contact SET how_met = ?, updated_at = CASE WHEN import_batch_id = ?"
            " THEN updated_at ELSE ? END WHERE id = ? AND how_met = ''",
            (text, batch_id, stamp, contact_id),
        ).rowcount
        if changed:
            filled.append(contact_id)
            execute(
                "INSERT INTO import_change (import_batch_id, contact_id, field, old_value,"
                " new_value, old_imported) VALUES (?, ?, 'how_met', '', ?, NULL)",
                (batch_id, contact_id, text),
            )
    search.reindex(filled)
