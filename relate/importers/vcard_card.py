"""One vCard's properties as a person to import (`Incoming`), or why the card is
skipped: names, phones and their labels, addresses, birthdays, tags and the registry's
one-property fields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from relate.fields import FIELDS, Kind
from relate.importers.address_book_groups import is_system_group
from relate.importers.identity import with_titles
from relate.importers.plan import Incoming, Skipped
from relate.importers.planner import email_address
from relate.importers.vcard_values import (
    NO_PREFERENCE,
    Property,
    component_values,
    components,
    preference,
    preferred_first,
    property_text,
    property_types,
    split_escaped,
    unescape,
)
from relate.records import Phone
from relate.validation import ValidationError, clean_cadence, clean_choice, tag_key
from relate.vocabulary import STAGES

# The properties a card is read for; every other one (PHOTO, LOGO, SOUND, KEY, the
# dozens of X- extensions) streams past unread.
READ = frozenset(
    {
        "BEGIN",
        "END",
        "N",
        "FN",
        "ORG",
        "TEL",
        "IMPP",
        "EMAIL",
        "URL",
        "X-SOCIALPROFILE",
        "ADR",
        "NOTE",
        "CATEGORIES",
        "X-ABLABEL",
        "X-ABSHOWAS",
        # The registry's one-property fields (TITLE, BDAY, X-RELATE-*).
        *(field.vcard for field in FIELDS if field.vcard),
    }
)

# TYPE values (lower-cased) and the label a phone with them gets, first match winning:
# a work fax is a fax before it is a work number.
_TYPE_LABELS = (
    ("fax", "fax"),
    ("cell", "mobile"),
    ("mobile", "mobile"),
    ("iphone", "mobile"),
    ("pager", "pager"),
    ("work", "work"),
    ("home", "home"),
    ("main", "main"),
    ("other", "other"),
)
# Apple's built-in labels, written `_$!<Mobile>!$_`; anything else is the user's own.
_APPLE_LABEL = re.compile(r"_\$!<(.*)>!\$_")
_APPLE_LABELS = {
    "mobile": "mobile",
    "iphone": "mobile",
    "home": "home",
    "work": "work",
    "main": "main",
    "pager": "pager",
    "other": "other",
    "homefax": "fax",
    "workfax": "fax",
    "otherfax": "fax",
}
# The words of an Apple label Relate does not know: "AssistantPhone", "CompanyMain".
_LABEL_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
LINKEDIN_PROFILE = re.compile(r"(?:^|[/.@])linkedin\.com/(?:in|pub)/", re.IGNORECASE)
# A TEL or IMPP that is an internet call address, not a number to dial.
_SIP = re.compile(r"sips?:", re.IGNORECASE)
_WHOLE_NUMBER = re.compile(r"[0-9]+")
# A birthday as address books write it: 1980-02-29, 19800229, 1980-02-29T00:00:00Z.
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?")


def _label(label: str) -> str:
    """A label as a user reads it: Apple's built-in `_$!<Mobile>!$_` as "mobile",
    `_$!<AssistantPhone>!$_` as "assistant"; the user's own as they wrote it."""
    apple = _APPLE_LABEL.fullmatch(label)
    if apple is None:
        return label
    known = _APPLE_LABELS.get(apple[1].lower())
    if known is not None:
        return known
    words = [word.lower() for word in _LABEL_WORDS.findall(apple[1])]
    # "Phone" says nothing of a phone's label; it is all "_$!<Phone>!$_" says, though.
    return " ".join(word for word in words if word != "phone") or " ".join(words) or "other"


def _phone_label(prop: Property, custom_labels: dict[str, str]) -> str:
    if prop.group and prop.group.lower() in custom_labels:
        return _label(custom_labels[prop.group.lower()])
    types = property_types(prop)
    return next((label for kind, label in _TYPE_LABELS if kind in types), "")


def _phone_number(prop: Property) -> str:
    number = property_text(prop)
    if number.lower().startswith("tel:"):
        # vCard 4 writes a URI: tel:+1-555-555-0100;ext=102
        number, _, extension = number[4:].partition(";ext=")
        number = number.split(";", 1)[0] + (f" ext. {extension}" if extension else "")
    return number.strip()


# The leap year before any birthday a contact has, that address books write as no year.
_NO_YEAR = "1604"


def _date(prop: Property | None) -> dt.date | None:
    """A full date, or None: a birthday without its year (--0229, Apple's
    X-APPLE-OMIT-YEAR, or the year 1604 that Apple and CardBook write for "no year") is
    not a date we can store."""
    if prop is None:
        return None
    match = _DATE.fullmatch(property_text(prop))
    if match is None:
        return None
    if match[1] == _NO_YEAR or match[1] in prop.params.get("X-APPLE-OMIT-YEAR", []):
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _location(addresses: Sequence[Property]) -> str:
    """Where someone is, from their work (or preferred) address: "Cleveland, OH, USA";
    the street when that is all the address has."""
    if not addresses:
        return ""
    chosen = min(
        addresses,
        key=lambda a: 0 if "work" in property_types(a) or preference(a) < NO_PREFERENCE else 1,
    )
    _box, _extended, street, locality, region, _code, country = components(chosen, 7)
    place = ", ".join(part for part in (locality, region, country) if part)
    return place or ", ".join(line.strip() for line in street.splitlines() if line.strip())


def _stage(value: str) -> str | None:
    """One of Relate's stages (X-RELATE-STAGE, in any case), or None: anything else is
    ignored, as a stage the database refuses would fail the whole import."""
    if not value:
        return None
    try:
        return clean_choice(value, STAGES, "stage")
    except ValidationError:
        return None


def _cadence(value: str) -> int | None:
    """A follow-up rhythm in whole days (X-RELATE-CADENCE), or None when it is not one
    Relate keeps ("often", "12.5", 0, more than ten years)."""
    if _WHOLE_NUMBER.fullmatch(value) is None:
        return None
    try:
        return clean_cadence(value)
    except ValidationError:
        return None


def _tags(props: Sequence[Property]) -> tuple[str, ...]:
    names: dict[str, str] = {}
    for prop in props:
        for part in split_escaped(prop.value, ","):
            tag = " ".join(unescape(part).split())
            if tag and not is_system_group(tag):
                names.setdefault(tag_key(tag), tag)
    return tuple(names.values())


# ---------------------------------------------------------------------------- the card


def person_of_card(number: int, properties: Sequence[Property]) -> Incoming | Skipped:
    """One card as a person to import, or why it is skipped."""
    found: dict[str, list[Property]] = {}
    for prop in properties:
        # Apple groups a value with its label (item1.TEL, item1.X-ABLabel); the group
        # does not change what the property is.
        found.setdefault(prop.name, []).append(prop)

    def every(key: str) -> list[Property]:
        assert key in READ, f"{key} is never read from the file: add it to READ"
        return found.get(key, [])

    def first(key: str) -> Property | None:
        props = every(key)
        return props[0] if props else None

    def text(key: str) -> str:
        prop = first(key)
        return property_text(prop) if prop is not None else ""

    org = first("ORG")
    company = components(org, 1)[0] if org is not None else ""
    n = first("N")
    # N is family;given;additional;prefixes;suffixes, several of one kind split by ","
    last, first_name, _, prefix, suffix = components(n, 5) if n is not None else [""] * 5
    if not first_name and not last:
        full_name = text("FN")
        shows_company = text("X-ABSHOWAS").upper() == "COMPANY"
        if full_name and not shows_company and full_name != company:
            first_name, _, last = full_name.rpartition(" ")
            if not first_name:
                first_name, last = last, ""
    if first_name or last:
        first_name, last = with_titles(
            " ".join(component_values(prefix)),
            first_name,
            last,
            ", ".join(component_values(suffix)),
        )

    custom_labels = {
        prop.group.lower(): property_text(prop)
        for prop in every("X-ABLABEL")
        if prop.group and property_text(prop)
    }
    phones = tuple(
        Phone(phone_number, _phone_label(prop, custom_labels))
        for prop in preferred_first(every("TEL"))
        if (phone_number := _phone_number(prop)) and not _SIP.match(phone_number)
    )
    # Internet call addresses, which a phone field would make a number to dial: kept as
    # a line of the story instead, so nothing the card held is lost.
    calls = [
        f"SIP: {address}"
        for prop in (*every("TEL"), *every("IMPP"))
        if _SIP.match(address := property_text(prop))
    ]
    emails = tuple(
        email_address(address)
        for prop in preferred_first(every("EMAIL"))
        if (address := property_text(prop))
    )
    if not first_name and not last and not emails:
        # With an e-mail address the import names them by it.
        return Skipped(number, "no name (only an organisation)" if company else "no name")
    profile = next(
        (
            url
            for prop in (*every("URL"), *every("X-SOCIALPROFILE"))
            if LINKEDIN_PROFILE.search(url := property_text(prop))
        ),
        None,
    )
    notes = [note for prop in every("NOTE") if (note := property_text(prop))]
    # The registry's one-property fields, each read as its kind says.
    registry_values: dict[str, Any] = {
        name: _property_value(kind, first(key)) for name, kind, key in _PROPERTIES
    }
    return Incoming(
        line=number,
        first_name=first_name.strip(),
        last_name=last.strip(),
        linkedin_url=profile,
        emails=emails,
        company=company,
        phones=phones,
        location=_location(every("ADR")),
        story="\n\n".join([*notes, *(["\n".join(calls)] if calls else [])]),
        tags=_tags(every("CATEGORIES")),
        **registry_values,
    )


# (field, kind, vCard property) of the registry's one-property fields.
_PROPERTIES = tuple((f.name, f.kind, f.vcard) for f in FIELDS if f.vcard is not None)


def _property_value(kind: Kind, prop: Property | None) -> object:
    """A one-property field's value as an import takes it, by the field's kind."""
    if kind is Kind.DATE:
        return _date(prop)
    value = property_text(prop) if prop is not None else ""
    if kind is Kind.NUMBER:
        return _cadence(value)
    if kind is Kind.CHOICE:
        return _stage(value)
    return value
