"""vCard address books (.vcf, vCard 2.1, 3.0 and 4.0): from a file of cards to an
import plan.

vobject reads the file's lines (unfolding, property names, groups and parameters); the
values are decoded here, because vobject's own decoding of a text value keeps only what
comes before the first unescaped comma, and vCard 2.1 writers (Outlook) never escape
commas. (Its property objects also cost 20 us each, half the time of a large import.)
"""

from __future__ import annotations

import codecs
import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from vobject.base import getLogicalLines, parseLine

from relate.importers import ImportFileError
from relate.importers.csv_text import NotTextError, decode, read_bytes
from relate.importers.identity import with_titles
from relate.importers.plan import ImportPlan, Incoming, Skipped, plan_import
from relate.records import Phone
from relate.validation import ValidationError, clean_cadence, clean_choice, tag_key
from relate.vocabulary import STAGES

SOURCE = "vcard"

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
_NO_PREFERENCE = 101  # vCard 4 PREF runs from 1 (most preferred) to 100
_LINKEDIN_PROFILE = re.compile(r"(?:^|[/.@])linkedin\.com/(?:in|pub)/", re.IGNORECASE)
# Google Contacts files every contact under "myContacts": a system group, not a tag.
_SYSTEM_CATEGORIES = {"mycontacts"}
_MAILTO = re.compile(r"^mailto:", re.IGNORECASE)
_BEGIN = "BEGIN"
_END = "END"
# A birthday as address books write it: 1980-02-29, 19800229, 1980-02-29T00:00:00Z.
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?")
# A property whose parameters (before its first colon) say it is quoted-printable.
_QUOTED_PRINTABLE = re.compile(
    r"^[^:\r\n]*;(?:ENCODING=)?QUOTED-PRINTABLE[;:]", re.IGNORECASE | re.MULTILINE
)
# Control characters no text file holds (tab, line ends and form feed aside).
_BINARY = re.compile(r"[\x00-\x08\x0e-\x1f]")
_WHOLE_NUMBER = re.compile(r"[0-9]+")


@dataclasses.dataclass(frozen=True, slots=True)
class _Property:
    """One property of a card: `group` is Apple's "item1" in item1.TEL, `params` the
    named parameters (names upper-cased), `bare` vCard 2.1's unnamed ones (TEL;CELL)."""

    name: str
    group: str | None
    params: dict[str, list[str]]
    bare: list[str]
    value: str


def read_vcards(path: Path) -> tuple[list[Incoming], list[Skipped]]:
    """The people in the .vcf file at `path` (see `parse_vcards`)."""
    return parse_vcards(read_bytes(path), path.name)


def parse_vcards(data: bytes, name: str) -> tuple[list[Incoming], list[Skipped]]:
    """Every card of a .vcf file, as people to import and cards skipped (with why).

    `line` in each Incoming and Skipped is the card's number in the file (1 for the
    first card), not a line number. `name` is the file name used in error messages;
    ImportFileError if the file is not a readable vCard file.
    """
    text = _decode(data, name)
    rows: list[Incoming] = []
    skipped: list[Skipped] = []
    for number, properties in _cards(text, name):
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


def _decode(data: bytes, name: str) -> str:
    try:
        return decode(data, name)[0]
    except NotTextError:
        raise _not_text(name) from None


def _not_text(name: str) -> ImportFileError:
    return ImportFileError(f"{name} is not a vCard file: it holds binary data, not text.")


def _cards(text: str, name: str) -> Iterator[tuple[int, list[_Property]]]:
    """Each card's number (1-based) and properties; text outside cards is ignored."""
    # vobject's quoted-printable mode reads soft line breaks (vCard 2.1) but takes a
    # folded line of blanks for the end of a property, so it is used only when needed.
    allow_qp = _QUOTED_PRINTABLE.search(text) is not None
    number = 0
    depth = 0
    properties: list[_Property] = []
    for line, line_number in getLogicalLines(io.StringIO(text), allow_qp):
        try:
            prop = _property(*parseLine(line, line_number))
        except Exception:  # vobject raises ParseError; never let a line stop the import
            # Not a property: unfolded photo data (old Outlook) or stray text. It holds
            # nothing we read, and the rest of the card still counts.
            continue
        value = prop.value.strip().upper()
        if prop.name == _BEGIN and value == "VCARD":
            depth += 1
            if depth == 1:
                number += 1
                properties = []
        elif prop.name == _END and value == "VCARD":
            if depth == 0:
                raise ImportFileError(
                    f"{name} is not a valid vCard file: line {line_number} ends a card "
                    "that never began."
                )
            depth -= 1
            if depth == 0:
                yield number, properties
        elif depth == 1:
            properties.append(prop)
        # Deeper: a vCard 2.1 AGENT card inside this one, which is not a contact of ours.
    if depth:
        raise ImportFileError(
            f"{name} ends in the middle of a card: card {number} has no END:VCARD line. "
            "The file may have been cut short; export it again."
        )
    if number == 0:
        if _BINARY.search(text):
            raise _not_text(name)
        raise ImportFileError(f"{name} is not a vCard file: it has no BEGIN:VCARD line.")


# ---------------------------------------------------------------------------- values


def _property(name: str, param_list: list[list[str]], value: str, group: str | None) -> _Property:
    """A property from vobject's parsed line, its quoted-printable value decoded."""
    params: dict[str, list[str]] = {}
    bare: list[str] = []
    for param_name, *values in param_list:
        if values:
            params.setdefault(param_name.upper(), []).extend(values)
        else:
            bare.append(param_name)
    encodings = [e.upper() for e in (*params.get("ENCODING", []), *bare)]
    if "QUOTED-PRINTABLE" in encodings:
        charset = (params.get("CHARSET") or ["utf-8"])[0]
        value = _quoted_printable(value, charset)
    return _Property(name.upper(), group, params, bare, value)


def _quoted_printable(value: str, charset: str) -> str:
    """vCard 2.1's quoted-printable text (M=C3=BCller), in the CHARSET it names."""
    data = codecs.decode(value.encode("utf-8"), "quopri")
    for encoding in (charset, "utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", errors="replace")


def _unescape(value: str) -> str:
    r"""Text with vCard escapes undone: \n is a line break, \, \; \: \\ the character;
    any other backslash is kept (vCard 2.1 did not escape, so C:\Temp is a path)."""
    if "\\" not in value:
        return value
    return re.sub(
        r"\\(.)",
        lambda m: "\n" if m[1] in "nN" else m[1] if m[1] in "\\,;:" else m[0],
        value,
        flags=re.DOTALL,
    )


def _split(value: str, separator: str) -> list[str]:
    """The parts of `value` between unescaped separators, each still escaped."""
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


def _phone_label(prop: _Property, custom_labels: dict[str, str]) -> str:
    if prop.group and prop.group.lower() in custom_labels:
        label = custom_labels[prop.group.lower()]
        apple = _APPLE_LABEL.fullmatch(label)
        if apple is None:
            return label  # the user's own, as they wrote it
        return _APPLE_LABELS.get(apple[1].lower(), apple[1].lower())
    types = _types(prop)
    return next((label for kind, label in _TYPE_LABELS if kind in types), "")


def _phone_number(prop: _Property) -> str:
    number = _text(prop)
    if number.lower().startswith("tel:"):
        # vCard 4 writes a URI: tel:+1-555-555-0100;ext=102
        number, _, extension = number[4:].partition(";ext=")
        number = number.split(";", 1)[0] + (f" ext. {extension}" if extension else "")
    return number.strip()


def _date(prop: _Property | None) -> dt.date | None:
    """A full date, or None: a birthday without its year (--0229, or Apple's
    X-APPLE-OMIT-YEAR) is not a date we can store."""
    if prop is None:
        return None
    match = _DATE.fullmatch(_text(prop))
    if match is None:
        return None
    if match[1] in prop.params.get("X-APPLE-OMIT-YEAR", []):
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
            if tag and tag_key(tag) not in _SYSTEM_CATEGORIES:
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

    def first(key: str) -> _Property | None:
        return found[key][0] if key in found else None

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
        prop.group.lower(): _text(prop)
        for prop in found.get("X-ABLABEL", [])
        if prop.group and _text(prop)
    }
    phones = tuple(
        Phone(phone_number, _phone_label(prop, custom_labels))
        for prop in _preferred_first(found.get("TEL", []))
        if (phone_number := _phone_number(prop))
    )
    emails = tuple(
        _MAILTO.sub("", address)
        for prop in _preferred_first(found.get("EMAIL", []))
        if (address := _text(prop))
    )
    if not first_name and not last and not emails:
        # With an e-mail address the import names them by it.
        return Skipped(number, "no name (only an organisation)" if company else "no name")
    profile = next(
        (
            url
            for prop in (*found.get("URL", []), *found.get("X-SOCIALPROFILE", []))
            if _LINKEDIN_PROFILE.search(url := _text(prop))
        ),
        None,
    )
    return Incoming(
        line=number,
        first_name=first_name.strip(),
        last_name=last.strip(),
        linkedin_url=profile,
        emails=emails,
        company=company,
        position=text("TITLE"),
        connected_on=_date(first("X-RELATE-CONNECTED-ON")),
        phones=phones,
        location=_location(found.get("ADR", [])),
        story="\n\n".join(note for prop in found.get("NOTE", []) if (note := _text(prop))),
        birthday=_date(first("BDAY")),
        tags=_tags(found.get("CATEGORIES", [])),
        how_met=text("X-RELATE-HOW-MET"),
        cadence_days=_cadence(text("X-RELATE-CADENCE")),
        stage=_stage(text("X-RELATE-STAGE")),
    )
