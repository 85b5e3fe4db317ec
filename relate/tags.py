"""Interest tags: tagging contacts, the user's own interests, and common ground."""

from __future__ import annotations

from collections.abc import Iterable

from relate.records import TagChange, TagInfo
from relate.store import search
from relate.store.db import execute, id_chunks, inserted_id, rows_changed, transaction
from relate.store.models import Contact, ContactTag, Tag, changed_now
from relate.validation import (
    NotFoundError,
    ValidationError,
    clean_choice,
    clean_text,
    tag_key,
)
from relate.vocabulary import DEFAULT_TAG_CATEGORY, NEED_CATEGORY, TAG_CATEGORIES

MAX_TAG_LENGTH = 80


def _info(tag: Tag, count: int = 0) -> TagInfo:
    return TagInfo(tag.id, tag.name, tag.category, bool(tag.avoid), bool(tag.mine), count)


def clean_tag_name(name: str) -> str:
    """A tag name with inner spacing folded; it must hold something and not be too long."""
    cleaned = " ".join(clean_text(name).split())
    if not cleaned:
        raise ValidationError("A tag needs a name.")
    if len(cleaned) > MAX_TAG_LENGTH:
        raise ValidationError(f"A tag name can be at most {MAX_TAG_LENGTH} characters long.")
    return cleaned


def ensure_tag(name: str, category: str | None = None, *, strict: bool = False) -> int:
    """The id of the tag with this name (any case), created if new.

    The category applies to a new tag; an existing tag keeps its own, or with `strict`
    must already be of that category (a need typed on a card must not turn out to be
    someone's expertise of the same name).
    """
    cleaned = clean_tag_name(name)
    category = clean_choice(category, TAG_CATEGORIES, "tag category") if category else None
    existing = Tag.get_or_none(Tag.key == tag_key(cleaned))
    if existing is not None:
        if strict and category and existing.category != category:
            raise ValidationError(
                f"'{existing.name}' is already a tag of the category {existing.category}:"
                f" put the {category} in other words, or change that tag's category."
            )
        return existing.id
    return inserted_id(
        Tag.insert(name=cleaned, key=tag_key(cleaned), category=category or DEFAULT_TAG_CATEGORY)
    )


def attach(contact_id: int, name: str, category: str | None = None) -> int:
    """Link a tag to a contact inside the caller's transaction (no index refresh)."""
    tag_id = ensure_tag(name, category)
    ContactTag.insert(contact=contact_id, tag=tag_id).on_conflict_ignore().execute()
    return tag_id


def detach(contact_id: int, name: str) -> None:
    """Unlink a tag from a contact inside the caller's transaction (no index refresh, and
    not a change of the user's: see `untag_contacts`)."""
    ContactTag.delete().where(
        ContactTag.contact == contact_id,
        ContactTag.tag.in_(Tag.select(Tag.id).where(Tag.key == tag_key(name))),
    ).execute()


def _require_contacts(contact_ids: list[int]) -> None:
    found = Contact.select().where(Contact.id.in_(contact_ids)).count()
    if found != len(set(contact_ids)):
        raise NotFoundError("Some of those contacts no longer exist.")


def tag_contacts(
    contact_ids: Iterable[int], name: str, category: str | None = None, *, strict: bool = False
) -> int:
    """Add a tag to one or more contacts (creating the tag if new); returns its id.

    `strict`: an existing tag of this name must be of `category` (see `ensure_tag`)."""
    ids = list(contact_ids)
    with transaction():
        _require_contacts(ids)
        tag_id = ensure_tag(name, category, strict=strict)
        ContactTag.insert_many(
            [{"contact": cid, "tag": tag_id} for cid in ids]
        ).on_conflict_ignore().execute()
        _touch(ids)
        search.reindex(ids)
    return tag_id


def untag_contacts(contact_ids: Iterable[int], name: str) -> int:
    """Remove a tag from contacts; returns how many lost it. The tag itself stays."""
    ids = list(contact_ids)
    tag = Tag.get_or_none(Tag.key == tag_key(name))
    if tag is None:
        return 0
    with transaction():
        removed = rows_changed(
            ContactTag.delete().where(ContactTag.tag == tag.id, ContactTag.contact.in_(ids))
        )
        _touch(ids)
        search.reindex(ids)
    return removed


def _touch(contact_ids: list[int]) -> None:
    """A tag given or taken is a change to the contact (undoing its import keeps it)."""
    for ids, _marks in id_chunks(contact_ids):
        Contact.update(updated_at=changed_now()).where(Contact.id.in_(ids)).execute()


def contact_tags(contact_id: int) -> list[TagInfo]:
    """A contact's tags, by name."""
    query = Tag.select().join(ContactTag).where(ContactTag.contact == contact_id).order_by(Tag.key)
    return [_info(tag) for tag in query]


def all_tags() -> list[TagInfo]:
    """Every tag with how many (unarchived) contacts carry it, by name."""
    # Counting every link in the tag index, then taking off the few archived contacts,
    # avoids looking up each tagged contact.
    linked = dict(execute("SELECT tag_id, count(*) FROM contact_tag GROUP BY tag_id").fetchall())
    archived = dict(
        execute(
            "SELECT ct.tag_id, count(*) FROM contact c JOIN contact_tag ct"
            " ON ct.contact_id = c.id WHERE c.archived = 1 GROUP BY ct.tag_id"
        ).fetchall()
    )
    rows = execute("SELECT id, name, category, avoid, mine FROM tag ORDER BY key")
    return [
        TagInfo(
            r[0], r[1], r[2], bool(r[3]), bool(r[4]), linked.get(r[0], 0) - archived.get(r[0], 0)
        )
        for r in rows
    ]


def tag_names() -> list[str]:
    """Every tag's name, by name (for completion)."""
    return [row[0] for row in execute("SELECT name FROM tag ORDER BY key")]


def tag_names_by_need() -> tuple[list[str], list[str]]:
    """Every tag's name, by name, in two lists: the interests, then the needs (for
    completion where a card adds one or the other)."""
    interests: list[str] = []
    needs: list[str] = []
    for name, category in execute("SELECT name, category FROM tag ORDER BY key"):
        (needs if category == NEED_CATEGORY else interests).append(name)
    return interests, needs


def _tag_named(name: str) -> Tag:
    cleaned = clean_tag_name(name)
    tag = Tag.get_or_none(Tag.key == tag_key(cleaned))
    if tag is None:
        raise NotFoundError(f"There is no tag called '{cleaned}'.")
    return tag


def _change_tag(name: str, **fields: object) -> TagChange:
    with transaction():
        tag = _tag_named(name)
        before = _info(tag)
        Tag.update(**fields).where(Tag.id == tag.id).execute()
        after = _info(Tag.get_by_id(tag.id))
    return TagChange(before, after)


def set_tag_category(name: str, category: str) -> TagChange:
    """Put the tag called `name` (any case) in one of the tag categories; a "need" makes
    it something people are looking for. Returns the tag before and after, for undo."""
    return _change_tag(name, category=clean_choice(category, TAG_CATEGORIES, "tag category"))


def set_tag_marks(name: str, *, avoid: bool | None = None, mine: bool | None = None) -> TagChange:
    """Mark the tag called `name` as a topic to avoid, or as one of the user's own
    interests (or take the mark off); None leaves a mark as it is. Returns the tag
    before and after, for undo."""
    marks = {
        field: value for field, value in (("avoid", avoid), ("mine", mine)) if value is not None
    }
    return _change_tag(name, **marks)


def undo_tag_change(change: TagChange) -> None:
    """Put a tag's category and marks back as they were before `change`."""
    old = change.before
    found = Tag.update(category=old.category, avoid=old.avoid, mine=old.mine).where(
        Tag.id == old.id
    )
    if not found.execute():
        raise NotFoundError(f"There is no tag called '{old.name}' any more.")


def update_tag(
    tag_id: int,
    *,
    name: str | None = None,
    category: str | None = None,
    avoid: bool | None = None,
) -> None:
    """Rename a tag, change its category, or mark it to be avoided in conversation."""
    tag = Tag.get_or_none(Tag.id == tag_id)
    if tag is None:
        raise NotFoundError(f"There is no tag with id {tag_id}.")
    with transaction():
        if name is not None:
            cleaned = clean_tag_name(name)
            clash = Tag.get_or_none(Tag.key == tag_key(cleaned), Tag.id != tag_id)
            if clash is not None:
                raise ValidationError(f"There is already a tag called '{clash.name}'.")
            tag.name, tag.key = cleaned, tag_key(cleaned)
        if category is not None:
            tag.category = clean_choice(category, TAG_CATEGORIES, "tag category")
        if avoid is not None:
            tag.avoid = avoid
        tag.save()
        if name is not None:
            tagged = ContactTag.select(ContactTag.contact).where(ContactTag.tag == tag_id)
            search.reindex(row.contact_id for row in tagged)


def set_my_interest(name: str, mine: bool = True, category: str | None = None) -> int:
    """Add a tag to (or remove it from) the user's own interests; returns the tag id."""
    with transaction():
        if mine:
            tag_id = ensure_tag(name, category)
        else:
            tag = Tag.get_or_none(Tag.key == tag_key(name), Tag.mine)
            if tag is None:
                raise ValidationError(f"'{name.strip()}' is not one of your interests.")
            tag_id = tag.id
        Tag.update(mine=mine).where(Tag.id == tag_id).execute()
    return tag_id


def my_interests() -> list[TagInfo]:
    """The user's own interests and expertise, by name."""
    return [_info(tag) for tag in Tag.select().where(Tag.mine).order_by(Tag.key)]


def common_interests(contact_id: int) -> list[TagInfo]:
    """Tags the contact shares with the user, by name (avoid-tags included, so a caller
    can show them as topics to steer clear of)."""
    return [tag for tag in contact_tags(contact_id) if tag.mine]


def contacts_with_tag(contact_ids: Iterable[int], name: str) -> set[int]:
    """Which of these contacts already carry the tag."""
    ids = list(contact_ids)
    rows = (
        ContactTag.select(ContactTag.contact)
        .join(Tag)
        .where(Tag.key == tag_key(name), ContactTag.contact.in_(ids))
    )
    return {row.contact_id for row in rows}
