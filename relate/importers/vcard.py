"""vCard address books (.vcf, vCard 2.1, 3.0 and 4.0): from a file of cards to an
import plan.

`relate.importers.vcard_lines` reads the file's bytes into properties (unfolding,
names, groups, parameters) in one linear pass that skips what Relate does not read
(photos, sounds, keys); each value is then decoded here by its own ENCODING and CHARSET,
and only then unescaped. (vobject's unfolding is quadratic on quoted-printable soft
breaks, holds a photo several times over, and decodes the whole file with one charset.)
"""

from __future__ import annotations

import binascii
import codecs
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from relate.fields import FIELDS, Kind
from relate.importers import ImportFileError, bounded_file
from relate.importers.address_book_groups import is_system_group
from relate.importers.charsets import decode_text
from relate.importers.csv_text import read_bytes
from relate.importers.identity import with_titles
from relate.importers.plan import ImportPlan, Incoming, Skipped
from relate.importers.planner import email_address, plan_import
from relate.importers.vcard_lines import (
    RawProperty,
    byte_chunks,
    parameters,
    read_properties,
    unicode_encoding,
    utf8_chunks,
)
from relate.records import Phone
from relate.validation import ValidationError, clean_cadence, clean_choice, tag_key
from relate.vocabulary import STAGES

SOURCE = "vcard"

# The properties a card is read for; every other one (PHOTO, LOGO, SOUND, KEY, the
# dozens of X- extensions) streams past unread.
_READ = frozenset(
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
_READ_NAMES = frozenset(name.encode("ascii") for name in _READ)

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
_NO_PREFERENCE = 101  # vCard 4 PREF runs from 1 (most preferred) to 100
_LINKEDIN_PROFILE = re.compile(r"(?:^|[/.@])linkedin\.com/(?:in|pub)/", re.IGNORECASE)
# A TEL or IMPP that is an internet call address, not a number to dial.
_SIP = re.compile(r"sips?:", re.IGNORECASE)
# Control characters no text file holds (tab, line ends and form feed aside), as the
# bytes a translation turns into NUL: much faster than a regular expression's search.
_CONTROLS = bytes(0 if byte <= 0x08 or 0x0E <= byte <= 0x1F else 1 for byte in range(256))
_WHOLE_NUMBER = re.compile(r"[0-9]+")
# A birthday as address books write it: 1980-02-29, 19800229, 1980-02-29T00:00:00Z.
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?")
_VCARD = b"VCARD"
_CUT_ESCAPE = re.compile(rb"=[0-9A-Fa-f]?\Z")


@dataclasses.dataclass(frozen=True, slots=True)
class _Property:
    """One property of a card: `group` is Apple's "item1" in item1.TEL, `params` the
    named parameters (names upper-cased), `bare` vCard 2.1's unnamed ones (TEL;CELL),
    `value` decoded text, still escaped."""

    name: str
    group: str | None
    params: dict[str, list[str]]
    bare: list[str]
    value: str


def read_vcards(path: Path) -> tuple[list[Incoming], list[Skipped]]:
    """The people in the .vcf file at `path` (see `parse_vcards`)."""
    return parse_vcards(read_bytes(path, most=bounded_file.MAX_VCARD_BYTES), path.name)


def parse_vcards(data: bytes, name: str) -> tuple[list[Incoming], list[Skipped]]:
    """Every card of a .vcf file, as people to import and cards skipped (with why).

    `line` in each Incoming and Skipped is the card's number in the file (1 for the
    first card), not a line number. `name` is the file name used in error messages;
    ImportFileError if the file is not a readable vCard file.
    """
    rows: list[Incoming] = []
    skipped: list[Skipped] = []
    for number, properties in _cards(data, name):
        if number > bounded_file.MAX_RECORDS:
            raise ImportFileError(bounded_file.too_many_message(name, "cards"))
        person = _person(number, properties)
        if isinstance(person, Skipped):
            skipped.append(person)
        else:
            rows.append(person)
    return rows, skipped


def plan_vcard_import(path: Path) -> ImportPlan:
    """What importing this .vcf file would do; ImportFileError if it cannot be read as
    vCards (nothing is written either way)."""
    rows, skipped = read_vcards(path)
    return plan_import(rows, SOURCE, path.name, skipped)


# ---------------------------------------------------------------------------- the file


def _not_text(name: str) -> ImportFileError:
    return ImportFileError(f"{name} is not a vCard file: it holds binary data, not text.")


class _Scan:
    """The file's chunks passed through, noting what they hold: refused at the first
    NUL (binary data), and whether anything but blanks and control characters came."""

    def __init__(self, chunks: Iterable[bytes], name: str) -> None:
        self.chunks = chunks
        self.name = name
        self.blank = True
        self.control = False

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            if b"\x00" in chunk:
                raise _not_text(self.name)
            if self.blank and chunk.strip():
                self.blank = False
            if not self.control and b"\x00" in chunk.translate(_CONTROLS):
                self.control = True
            yield chunk


def _cards(data: bytes, name: str) -> Iterator[tuple[int, list[_Property]]]:
    """Each card's number (1-based) and properties; text outside cards is ignored."""
    unicode = unicode_encoding(data[:1024])
    if unicode is not None:
        chunks: Iterable[bytes] = utf8_chunks(byte_chunks(data), *unicode)
    else:
        bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        chunks = byte_chunks(data, start=bom)
    scan = _Scan(chunks, name)
    number = 0
    depth = 0
    card: list[RawProperty] = []
    file_charsets: list[str] = []  # the last CHARSET a card named, for cards naming none
    for prop in read_properties(scan, _READ_NAMES):
        if prop.name == "BEGIN" and prop.value.strip().upper() == _VCARD:
            depth += 1
            if depth == 1:
                number += 1
                card = []
        elif prop.name == "END" and prop.value.strip().upper() == _VCARD:
            if depth == 0:
                raise ImportFileError(
                    f"{name} is not a valid vCard file: line {prop.line} ends a card "
                    "that never began."
                )
            depth -= 1
            if depth == 0:
                yield number, _decoded(card, file_charsets, unicode is not None)
        elif depth == 1:
            card.append(prop)
        # Deeper: a vCard 2.1 AGENT card inside this one, which is not a contact of ours.
    if scan.blank:
        raise ImportFileError(f"{name} is empty.")
    if depth:
        raise ImportFileError(
            f"{name} ends in the middle of a card: card {number} has no END:VCARD line. "
            "The file may have been cut short; export it again."
        )
    if number == 0:
        if scan.control:
            raise _not_text(name)
        raise ImportFileError(f"{name} is not a vCard file: it has no BEGIN:VCARD line.")


# ---------------------------------------------------------------------------- values


def _decoded(
    card: Sequence[RawProperty], file_charsets: list[str], unicode: bool
) -> list[_Property]:
    """A card's properties with their values decoded. A value without a CHARSET that is
    not UTF-8 is read in a charset the card (or else the file, so far) names elsewhere:
    Japanese phones name it on some lines only."""
    parsed = [(raw, *parameters(raw.params)) for raw in card]
    named = [charset for _, params, _ in parsed for charset in params.get("CHARSET", [])[:1]]
    if named:
        file_charsets[:] = named[-1:]
    guesses = named or file_charsets
    return [
        _Property(raw.name, raw.group, params, bare, _value(raw, params, bare, guesses, unicode))
        for raw, params, bare in parsed
    ]


def _value(
    raw: RawProperty,
    params: dict[str, list[str]],
    bare: list[str],
    guesses: Sequence[str],
    unicode: bool,
) -> str:
    """A property's text: its quoted-printable or base64 undone, then decoded in its
    CHARSET; in a UTF-16 or UTF-32 file, raw text is Unicode whatever the CHARSET says."""
    encodings = {e.upper() for e in (*params.get("ENCODING", []), *bare)}
    data = raw.value
    encoded = True
    if "QUOTED-PRINTABLE" in encodings:
        if raw.cut:
            data = _CUT_ESCAPE.sub(b"", data)  # "=C" cut from "=C3" is no text
        data = binascii.a2b_qp(data)
    elif encodings & {"B", "BASE64"}:
        try:
            data = binascii.a2b_base64(data)
        except binascii.Error:
            encoded = False
    else:
        encoded = False
    charsets = params.get("CHARSET")
    charset = charsets[0] if charsets else None
    if unicode and not encoded:
        charset, guesses = "utf-8", ()
    return decode_text(data, charset, guesses, partial=raw.cut)


def _unescape(value: str) -> str:
    r"""Text with vCard escapes undone: \n is a line break, \, \; \: \\ the character,
    and so is \" (Apple and Gmail escape quotes in notes); any other backslash is kept
    (vCard 2.1 did not escape, so C:\Temp is a path)."""
    if "\\" not in value:
        return value
    return re.sub(
        r"\\(.)",
        lambda m: "\n" if m[1] in "nN" else m[1] if m[1] in '\\,;:"' else m[0],
        value,
        flags=re.DOTALL,
    )


def _split(value: str, separator: str) -> list[str]:
    """The parts of `value` between unescaped separators, each still escaped."""
    if "\\" not in value:
        return value.split(separator)  # most values: no escape to step over
    parts: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for char in chars:
        if char == "\\":
            current.append(char + next(chars, ""))
        elif char == separator:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _text(prop: _Property) -> str:
    """A text value, unescaped, its line breaks made plain newlines."""
    return _unescape(prop.value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _components(prop: _Property, count: int) -> list[str]:
    """A structured value's (N, ADR, ORG) parts, unescaped, padded to `count`."""
    parts = [_unescape(part).strip() for part in _split(prop.value, ";")]
    return (parts + [""] * count)[:count]


def _values(component: str) -> list[str]:
    """The values of one part of a structured value ("Jr.,M.D." holds two)."""
    return [value.strip() for value in component.split(",") if value.strip()]


def _types(prop: _Property) -> set[str]:
    """The TYPE values, lower-cased: TYPE=WORK,PREF, TYPE="cell,voice" and vCard 2.1's
    bare TEL;CELL;VOICE all count."""
    found = {t.strip().lower() for value in prop.params.get("TYPE", []) for t in value.split(",")}
    found.update(param.lower() for param in prop.bare)
    return found


def _preference(prop: _Property) -> int:
    """How preferred a value is, lower first: TYPE=pref (vCard 3) or PREF=n (vCard 4)."""
    if "pref" in _types(prop):
        return 1
    for value in prop.params.get("PREF", []):
        try:
            return max(1, min(int(value), 100))
        except ValueError:
            return 1
    return _NO_PREFERENCE


def _preferred_first(props: Sequence[_Property]) -> list[_Property]:
    return sorted(props, key=_preference)  # stable: the file's order otherwise


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


def _phone_label(prop: _Property, custom_labels: dict[str, str]) -> str:
    if prop.group and prop.group.lower() in custom_labels:
        return _label(custom_labels[prop.group.lower()])
    types = _types(prop)
    return next((label for kind, label in _TYPE_LABELS if kind in types), "")


def _phone_number(prop: _Property) -> str:
    number = _text(prop)
    if number.lower().startswith("tel:"):
        # vCard 4 writes a URI: tel:+1-555-555-0100;ext=102
        number, _, extension = number[4:].partition(";ext=")
        number = number.split(";", 1)[0] + (f" ext. {extension}" if extension else "")
    return number.strip()


# The leap year before any birthday a contact has, that address books write as no year.
_NO_YEAR = "1604"


def _date(prop: _Property | None) -> dt.date | None:
    """A full date, or None: a birthday without its year (--0229, Apple's
    X-APPLE-OMIT-YEAR, or the year 1604 that Apple and CardBook write for "no year") is
    not a date we can store."""
    if prop is None:
        return None
    match = _DATE.fullmatch(_text(prop))
    if match is None:
        return None
    if match[1] == _NO_YEAR or match[1] in prop.params.get("X-APPLE-OMIT-YEAR", []):
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _location(addresses: Sequence[_Property]) -> str:
    """Where someone is, from their work (or preferred) address: "Cleveland, OH, USA";
    the street when that is all the address has."""
    if not addresses:
        return ""
    chosen = min(
        addresses, key=lambda a: 0 if "work" in _types(a) or _preference(a) < _NO_PREFERENCE else 1
    )
    _box, _extended, street, locality, region, _code, country = _components(chosen, 7)
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


def _tags(props: Sequence[_Property]) -> tuple[str, ...]:
    names: dict[str, str] = {}
    for prop in props:
        for part in _split(prop.value, ","):
            tag = " ".join(_unescape(part).split())
            if tag and not is_system_group(tag):
                names.setdefault(tag_key(tag), tag)
    return tuple(names.values())


# ---------------------------------------------------------------------------- the card


def _person(number: int, properties: Sequence[_Property]) -> Incoming | Skipped:
    """One card as a person to import, or why it is skipped."""
    found: dict[str, list[_Property]] = {}
    for prop in properties:
        # Apple groups a value with its label (item1.TEL, item1.X-ABLabel); the group
        # does not change what the property is.
        found.setdefault(prop.name, []).append(prop)

    def every(key: str) -> list[_Property]:
        assert key in _READ, f"{key} is never read from the file: add it to _READ"
        return found.get(key, [])

    def first(key: str) -> _Property | None:
        props = every(key)
        return props[0] if props else None

    def text(key: str) -> str:
        prop = first(key)
        return _text(prop) if prop is not None else ""

    org = first("ORG")
    company = _components(org, 1)[0] if org is not None else ""
    n = first("N")
    # N is family;given;additional;prefixes;suffixes, several of one kind split by ","
    last, first_name, _, prefix, suffix = _components(n, 5) if n is not None else [""] * 5
    if not first_name and not last:
        full_name = text("FN")
        shows_company = text("X-ABSHOWAS").upper() == "COMPANY"
        if full_name and not shows_company and full_name != company:
            first_name, _, last = full_name.rpartition(" ")
            if not first_name:
                first_name, last = last, ""
    if first_name or last:
        first_name, last = with_titles(
            " ".join(_values(prefix)), first_name, last, ", ".join(_values(suffix))
        )

    custom_labels = {
        prop.group.lower(): _text(prop) for prop in every("X-ABLABEL") if prop.group and _text(prop)
    }
    phones = tuple(
        Phone(phone_number, _phone_label(prop, custom_labels))
        for prop in _preferred_first(every("TEL"))
        if (phone_number := _phone_number(prop)) and not _SIP.match(phone_number)
    )
    # Internet call addresses, which a phone field would make a number to dial: kept as
    # a line of the story instead, so nothing the card held is lost.
    calls = [
        f"SIP: {address}"
        for prop in (*every("TEL"), *every("IMPP"))
        if _SIP.match(address := _text(prop))
    ]
    emails = tuple(
        email_address(address)
        for prop in _preferred_first(every("EMAIL"))
        if (address := _text(prop))
    )
    if not first_name and not last and not emails:
        # With an e-mail address the import names them by it.
        return Skipped(number, "no name (only an organisation)" if company else "no name")
    profile = next(
        (
            url
            for prop in (*every("URL"), *every("X-SOCIALPROFILE"))
            if _LINKEDIN_PROFILE.search(url := _text(prop))
        ),
        None,
    )
    notes = [note for prop in every("NOTE") if (note := _text(prop))]
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


def _property_value(kind: Kind, prop: _Property | None) -> object:
    """A one-property field's value as an import takes it, by the field's kind."""
    if kind is Kind.DATE:
        return _date(prop)
    value = _text(prop) if prop is not None else ""
    if kind is Kind.NUMBER:
        return _cadence(value)
    if kind is Kind.CHOICE:
        return _stage(value)
    return value
