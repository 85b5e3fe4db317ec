"""Creating, changing, archiving and deleting contacts, and reading one in full."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from peewee import IntegrityError

from relate import queries, tags
from relate.fields import TEXT_NAMES
from relate.records import ContactDetail, Phone, display_name
from relate.store import search
from relate.store.db import execute, inserted_id, rows_changed, transaction
from relate.store.models import Contact, ContactEmail, ContactPhone, changed_now, now
from relate.validation import (
    NotFoundError,
    ValidationError,
    clean_cadence,
    clean_choice,
    clean_emails,
    clean_names,
    clean_text,
    name_key,
    normalise_linkedin_url,
    parse_date,
)
from relate.vocabulary import DEFAULT_STAGE, STAGES


def clean_stage(stage: str) -> str:
    """A stage name; "121", "1:1" and "one-to-one" are taken for "1-2-1"."""
    if clean_text(stage).casefold() in ("121", "1:1", "1-1", "one-to-one", "one on one"):
        return "1-2-1"
    return clean_choice(stage, STAGES, "stage")


def _check_met_through(contact_id: int | None, met_through_id: int | None) -> int | None:
    if met_through_id is None:
        return None
    if met_through_id == contact_id:
        raise ValidationError("A contact cannot have been met through themselves.")
    if not Contact.select().where(Contact.id == met_through_id).exists():
        raise NotFoundError(f"There is no contact with id {met_through_id} to have met through.")
    return met_through_id


def _write_emails(contact_id: int, emails: Sequence[str]) -> None:
    ContactEmail.delete().where(ContactEmail.contact == contact_id).execute()
    if emails:
        ContactEmail.insert_many(
            [{"contact": contact_id, "address": a, "rank": rank} for rank, a in enumerate(emails)]
        ).execute()


def _write_phones(contact_id: int, phones: Sequence[Phone]) -> None:
    ContactPhone.delete().where(ContactPhone.contact == contact_id).execute()
    for rank, phone in enumerate(phones):
        ContactPhone.create(contact=contact_id, number=phone.number, label=phone.label, rank=rank)


def _clean_phones(phones: Iterable[Phone | str]) -> list[Phone]:
    result = []
    for phone in phones:
        if isinstance(phone, str):
            phone = Phone(phone)
        number = clean_text(phone.number)
        if number:
            result.append(Phone(number, clean_text(phone.label)))
    return result


def _unique_url_error(url: str | None) -> ValidationError:
    owner = Contact.get_or_none(Contact.linkedin_url == url)
    who = display_name(owner.first_name, owner.last_name) if owner else "another contact"
    return ValidationError(f"The LinkedIn profile {url} already belongs to {who}.")


def create_contact(
    first_name: str,
    last_name: str = "",
    *,
    emails: Sequence[str] = (),
    phones: Iterable[Phone | str] = (),
    linkedin_url: str | None = None,
    met_through_id: int | None = None,
    connected_on: dt.date | str | None = None,
    birthday: dt.date | str | None = None,
    stage: str = DEFAULT_STAGE,
    cadence_days: int | None = None,
    tag_names: Iterable[str] = (),
    **texts: str,
) -> int:
    """Store a new contact and return its id; nothing is written if any value is invalid.
    `texts` are the registry's text fields (company, position, location, how_met, story…)."""
    unknown = set(texts) - set(TEXT_NAMES)
    if unknown:
        raise TypeError(f"create_contact() got unknown fields: {', '.join(sorted(unknown))}")
    first, last = clean_names(first_name, last_name)
    values: dict[str, Any] = {
        "first_name": first,
        "last_name": last,
        "name_key": name_key(first, last),
        **{name: clean_text(value) for name, value in texts.items()},
        "linkedin_url": normalise_linkedin_url(linkedin_url),
        "connected_on": parse_date(connected_on, "connected-on date"),
        "birthday": parse_date(birthday, "birthday"),
        "stage": clean_stage(stage),
        "cadence_days": clean_cadence(cadence_days),
    }
    email_list = clean_emails(emails)
    phone_list = _clean_phones(phones)
    tag_list = [name for name in (clean_text(n) for n in tag_names) if name]
    with transaction():
        values["met_through"] = _check_met_through(None, met_through_id)
        try:
            contact_id = inserted_id(Contact.insert(**values))
        except IntegrityError as exc:
            raise _unique_url_error(values["linkedin_url"]) from exc
        _write_emails(contact_id, email_list)
        _write_phones(contact_id, phone_list)
        for name in tag_list:
            tags.attach(contact_id, name)
        search.reindex([contact_id])
    return contact_id


def update_contact(contact_id: int, **changes: Any) -> None:
    """Change the given fields of a contact (names, the text fields, emails, phones,
    linkedin_url, met_through_id, connected_on, birthday, stage, cadence_days: the
    registry's names). Nothing is written if any value is invalid."""
    current = _get(contact_id)
    values: dict[str, Any] = {}
    if "first_name" in changes or "last_name" in changes:
        values["first_name"], values["last_name"] = clean_names(
            changes.pop("first_name", current.first_name),
            changes.pop("last_name", current.last_name),
        )
        values["name_key"] = name_key(values["first_name"], values["last_name"])
    for field in TEXT_NAMES:
        if field in changes:
            values[field] = clean_text(changes.pop(field))
    if "linkedin_url" in changes:
        values["linkedin_url"] = normalise_linkedin_url(changes.pop("linkedin_url"))
    if "connected_on" in changes:
        values["connected_on"] = parse_date(changes.pop("connected_on"), "connected-on date")
    if "birthday" in changes:
        values["birthday"] = parse_date(changes.pop("birthday"), "birthday")
    if "stage" in changes:
        values["stage"] = clean_stage(changes.pop("stage"))
    if "cadence_days" in changes:
        values["cadence_days"] = clean_cadence(changes.pop("cadence_days"))
    email_list = clean_emails(changes.pop("emails")) if "emails" in changes else None
    phone_list = _clean_phones(changes.pop("phones")) if "phones" in changes else None
    met_through = changes.pop("met_through_id", ...)
    if changes:
        raise TypeError(f"update_contact() got unknown fields: {', '.join(sorted(changes))}")
    with transaction():
        if met_through is not ...:
            values["met_through"] = _check_met_through(contact_id, met_through)
        values["updated_at"] = changed_now()
        try:
            Contact.update(**values).where(Contact.id == contact_id).execute()
        except IntegrityError as exc:
            raise _unique_url_error(values.get("linkedin_url")) from exc
        if email_list is not None:
            _write_emails(contact_id, email_list)
        if phone_list is not None:
            _write_phones(contact_id, phone_list)
        search.reindex([contact_id])


def set_archived(contact_ids: Iterable[int], archived: bool = True) -> int:
    """Archive (or bring back) contacts; returns how many changed."""
    ids = list(contact_ids)
    with transaction():
        return rows_changed(
            Contact.update(archived=archived, updated_at=now()).where(
                Contact.id.in_(ids), Contact.archived != archived
            )
        )


def delete_contacts(contact_ids: Iterable[int]) -> int:
    """Delete contacts with their timeline, follow-ups, tags and introductions."""
    ids = list(contact_ids)
    with transaction():
        count = rows_changed(Contact.delete().where(Contact.id.in_(ids)))
        search.reindex(ids)
    return count


def _get(contact_id: int) -> Contact:
    contact = Contact.get_or_none(Contact.id == contact_id)
    if contact is None:
        raise NotFoundError(f"There is no contact with id {contact_id}.")
    return contact


def get_contact(contact_id: int) -> ContactDetail:
    """Everything about one contact."""
    contact = _get(contact_id)
    emails = tuple(
        row.address
        for row in ContactEmail.select()
        .where(ContactEmail.contact == contact_id)
        .order_by(ContactEmail.rank, ContactEmail.id)
    )
    phones = tuple(
        Phone(row.number, row.label)
        for row in ContactPhone.select()
        .where(ContactPhone.contact == contact_id)
        .order_by(ContactPhone.rank, ContactPhone.id)
    )
    met_through = contact.met_through
    summary = queries.summaries([contact_id])[0]
    return ContactDetail(
        id=contact.id,
        first_name=contact.first_name,
        last_name=contact.last_name,
        **{name: getattr(contact, name) for name in TEXT_NAMES},
        emails=emails,
        phones=phones,
        linkedin_url=contact.linkedin_url,
        met_through_id=met_through.id if met_through else None,
        met_through_name=(
            display_name(met_through.first_name, met_through.last_name) if met_through else None
        ),
        connected_on=queries.to_date(contact.connected_on),
        birthday=queries.to_date(contact.birthday),
        stage=contact.stage,
        cadence_days=contact.cadence_days,
        archived=bool(contact.archived),
        tags=tuple(tags.contact_tags(contact_id)),
        last_contacted=summary.last_contacted,
        next_due=summary.next_due,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
        rhythm_days=summary.rhythm_days,
        snoozed_until=queries.to_date(contact.snoozed_until),
    )


def find_contacts(reference: str) -> list[int]:
    """Contacts a user means by `reference`: an id, or a name. A full name that matches
    exactly (ignoring case) wins; otherwise every word must start a word of the name."""
    reference = " ".join(reference.split())
    if reference.isdecimal():  # not isdigit(): "²" is a digit, yet no number
        # SQLite's ids are below 2**63 (19 digits): a larger number names nobody.
        if len(reference) > 19 or int(reference) >= 2**63:
            return []
        exists = Contact.select().where(Contact.id == int(reference)).exists()
        return [int(reference)] if exists else []
    if search.fts_query(reference) is None:
        return []
    exact = [
        row[0]
        for row in execute(
            "SELECT id FROM contact WHERE lower(trim(first_name || ' ' || last_name)) = lower(?)"
            " ORDER BY id",
            (reference,),
        )
    ]
    return exact or queries.contact_ids(reference, archived=None, in_name_only=True)
