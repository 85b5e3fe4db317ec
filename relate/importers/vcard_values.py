"""A vCard property's value: decoded by its own ENCODING and CHARSET, then unescaped,
split into its parts, and its TYPE and PREF parameters read."""

from __future__ import annotations

import binascii
import dataclasses
import re
from collections.abc import Sequence

from relate.importers.charsets import decode_text
from relate.importers.vcard_lines import RawProperty, parameters

NO_PREFERENCE = 101  # vCard 4 PREF runs from 1 (most preferred) to 100
_CUT_ESCAPE = re.compile(rb"=[0-9A-Fa-f]?\Z")


@dataclasses.dataclass(frozen=True, slots=True)
class Property:
    """One property of a card: `group` is Apple's "item1" in item1.TEL, `params` the
    named parameters (names upper-cased), `bare` vCard 2.1's unnamed ones (TEL;CELL),
    `value` decoded text, still escaped."""

    name: str
    group: str | None
    params: dict[str, list[str]]
    bare: list[str]
    value: str


def decoded(card: Sequence[RawProperty], file_charsets: list[str], unicode: bool) -> list[Property]:
    """A card's properties with their values decoded. A value without a CHARSET that is
    not UTF-8 is read in a charset the card (or else the file, so far) names elsewhere:
    Japanese phones name it on some lines only."""
    parsed = [(raw, *parameters(raw.params)) for raw in card]
    named = [charset for _, params, _ in parsed for charset in params.get("CHARSET", [])[:1]]
    if named:
        file_charsets[:] = named[-1:]
    guesses = named or file_charsets
    return [
        Property(raw.name, raw.group, params, bare, _value(raw, params, bare, guesses, unicode))
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


def unescape(value: str) -> str:
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


def split_escaped(value: str, separator: str) -> list[str]:
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


def property_text(prop: Property) -> str:
    """A text value, unescaped, its line breaks made plain newlines."""
    return unescape(prop.value).replace("\r\n", "\n").replace("\r", "\n").strip()


def components(prop: Property, count: int) -> list[str]:
    """A structured value's (N, ADR, ORG) parts, unescaped, padded to `count`."""
    parts = [unescape(part).strip() for part in split_escaped(prop.value, ";")]
    return (parts + [""] * count)[:count]


def component_values(component: str) -> list[str]:
    """The values of one part of a structured value ("Jr.,M.D." holds two)."""
    return [value.strip() for value in component.split(",") if value.strip()]


def property_types(prop: Property) -> set[str]:
    """The TYPE values, lower-cased: TYPE=WORK,PREF, TYPE="cell,voice" and vCard 2.1's
    bare TEL;CELL;VOICE all count."""
    found = {t.strip().lower() for value in prop.params.get("TYPE", []) for t in value.split(",")}
    found.update(param.lower() for param in prop.bare)
    return found


def preference(prop: Property) -> int:
    """How preferred a value is, lower first: TYPE=pref (vCard 3) or PREF=n (vCard 4)."""
    if "pref" in property_types(prop):
        return 1
    for value in prop.params.get("PREF", []):
        try:
            return max(1, min(int(value), 100))
        except ValueError:
            return 1
    return NO_PREFERENCE


def preferred_first(props: Sequence[Property]) -> list[Property]:
    return sorted(props, key=preference)  # stable: the file's order otherwise
