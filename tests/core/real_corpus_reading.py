"""What a person reading a real address book would find in it, read apart from Relate's
importers (vobject's own parser for vCards, the csv module for CSV files): each entry's
name, e-mail addresses and phone numbers, for checking that an import loses none."""

from __future__ import annotations

import csv
import dataclasses
import io
import quopri
import re
from pathlib import Path

import vobject

# An address as it stands inside a value: "Ana <ana@x.org>", "mailto:ana@x.org", "a@x.org;".
# Its domain has a dot: Relate refuses "contact1@invalid" (Thunderbird's test addresses)
# as it refuses any address a user could not have meant (validation.clean_email).
_ADDRESS = re.compile(r"[^\s<>;,:\"'()\[\]]+@[^\s<>;,:\"'()\[\]]+\.[^\s<>;,:\"'()\[\]]+")
# The properties a reader checks (Apple groups some: item1.EMAIL).
_READ = re.compile(r"^(?:[\w-]+\.)?(?:BEGIN|END|VERSION|N|FN|ORG|EMAIL|TEL)[;:]", re.IGNORECASE)
# Columns whose header says what they hold, in any of the exports' spellings.
_EMAIL_HEADER = re.compile(r"e-?mail|courriel", re.IGNORECASE)
_PHONE_HEADER = re.compile(r"phone|mobile|fax|pager|tel\b|telefon|handy", re.IGNORECASE)
_NAME_HEADER = re.compile(r"name|nom\b", re.IGNORECASE)
_NOT_A_PERSONS_NAME = re.compile(
    r"organi[sz]ation|company|nick|yomi|phonetic|file as|screen|user|display", re.IGNORECASE
)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One card or row: its name as written (empty when it has none), its addresses and
    the digits of each of its phone numbers."""

    name: str
    emails: tuple[str, ...]
    phones: tuple[str, ...]


def digits(number: str) -> str:
    """The digits of a phone number, as written: "+1 (216) 555-0100" is "12165550100"."""
    return "".join(ch for ch in number if ch.isdigit())


def addresses(value: str) -> list[str]:
    """The e-mail addresses in a value, lower-cased."""
    return [found.lower() for found in _ADDRESS.findall(value)]


def decode(data: bytes, encoding: str | None = None) -> str:
    """The file's text: in `encoding` when given, else UTF-8 (a BOM dropped), UTF-16 by
    its BOM, or Windows-1252."""
    if encoding:
        return data.decode(encoding)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


# ---------------------------------------------------------------------------- vCards


def _values(card: vobject.base.Component, name: str) -> list[str]:
    """The values of a property, as written (vobject has undone quoted-printable)."""
    return [str(line.value) for line in card.contents.get(name.lower(), [])]


def _parts(value: str) -> list[str]:
    """A structured value's parts (N, ORG), their escapes undone."""
    parts = re.split(r"(?<!\\);", value)
    return [re.sub(r"\\(.)", r"\1", part).strip() for part in parts]


def _card_name(card: vobject.base.Component) -> str:
    organisation = next((_parts(org)[0] for org in _values(card, "org")), "")
    for n in _values(card, "n"):
        family, given = (_parts(n) + ["", ""])[:2]
        if given or family:
            return f"{given} {family}".strip()
    full = " ".join(_parts(fn)[0] for fn in _values(card, "fn")).strip()
    return "" if full == organisation else full


def _plain(params: str, value: str) -> str:
    """A quoted-printable property written plainly, decoded in its CHARSET; a character
    cut in half (Android cuts long values by bytes) reads as a replacement mark."""
    charset = re.search(r"CHARSET=([\w-]+)", params, re.IGNORECASE)
    data = quopri.decodestring(value.encode("ascii", "replace"))
    text = data.decode(charset[1] if charset else "utf-8", "replace")
    params = re.sub(r";(?:ENCODING=)?QUOTED-PRINTABLE", "", params, flags=re.IGNORECASE)
    return f"{params}:" + text.replace("\r\n", "\\n").replace("\n", "\\n")


def _what_a_reader_reads(text: str) -> str:
    """Only the lines a reader checks (names, organisation, addresses, numbers), unfolded
    and with quoted-printable undone: photos, notes and the rest hold nothing to check,
    and vobject stops on much of what real files write there (base64 that is not,
    PROFILE lines) and on quoted-printable cut in the middle of a character."""
    kept: list[str] = []
    keeping = soft_break = False
    for line in map(str.rstrip, text.splitlines()):  # "BEGIN:VCARD " is a card too
        if soft_break:
            soft_break = line.endswith("=")
            if keeping:
                kept[-1] = kept[-1][:-1] + line
            continue
        if line[:1] in (" ", "\t"):
            if keeping:
                kept.append(line)
            continue
        if ":" not in line:
            keeping = False  # unindented base64, or stray text
            continue
        keeping = _READ.match(line) is not None
        params = line.split(":", 1)[0].upper()
        soft_break = "QUOTED-PRINTABLE" in params and line.endswith("=")
        if keeping:
            kept.append(line)
    return (
        "\n".join(
            _plain(*line.split(":", 1))
            if "QUOTED-PRINTABLE" in line.split(":", 1)[0].upper()
            else line
            for line in kept
        )
        + "\n"
    )


def read_vcard_entries(path: Path, encoding: str | None = None) -> list[Entry]:
    """Every card of a .vcf file, read by vobject."""
    text = _what_a_reader_reads(decode(path.read_bytes(), encoding))
    entries = []
    for card in vobject.readComponents(text, transform=False, ignoreUnreadable=True):
        if card.name != "VCARD":
            continue
        emails = [a for value in _values(card, "email") for a in addresses(value)]
        phones = [d for value in _values(card, "tel") if (d := digits(value))]
        entries.append(Entry(_card_name(card), tuple(emails), tuple(phones)))
    return entries


# ---------------------------------------------------------------------------- CSV


def _header_row(rows: list[list[str]]) -> int:
    """Where the header is: LinkedIn writes notes above it."""
    for number, row in enumerate(rows):
        if sum(bool(_NAME_HEADER.search(cell)) for cell in row) >= 1 and len(row) >= 2:
            return number
    return 0


def read_csv_entries(path: Path, encoding: str | None = None) -> list[Entry]:
    """Every row of a CSV export, read with the csv module: the columns whose header
    says e-mail, phone (mobile, fax, pager) or a person's name."""
    text = decode(path.read_bytes(), encoding)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    start = _header_row(rows)
    header = rows[start]
    email_columns = [i for i, h in enumerate(header) if _EMAIL_HEADER.search(h)]
    phone_columns = [
        i for i, h in enumerate(header) if _PHONE_HEADER.search(h) and i not in email_columns
    ]
    name_columns = [
        i
        for i, h in enumerate(header)
        if _NAME_HEADER.search(h) and not _NOT_A_PERSONS_NAME.search(h)
    ]

    def cells(row: list[str], columns: list[int]) -> list[str]:
        return [row[i] for i in columns if i < len(row) and row[i].strip()]

    entries = []
    for row in rows[start + 1 :]:
        if not any(cell.strip() for cell in row):
            continue
        name = " ".join(cell.strip() for cell in cells(row, name_columns))
        emails = [a for value in cells(row, email_columns) for a in addresses(value)]
        # Google writes several values in one cell: "+1 555 0100 ::: +1 555 0101".
        phones = [
            d
            for value in cells(row, phone_columns)
            for number in value.split(":::")
            if (d := digits(number))
        ]
        entries.append(Entry(name, tuple(emails), tuple(phones)))
    return entries


def read_entries(path: Path, kind: str, encoding: str | None = None) -> list[Entry]:
    """Every entry of the file at `path`, read as a person would read a file of `kind`."""
    if kind == "vcard":
        return read_vcard_entries(path, encoding)
    return read_csv_entries(path, encoding)
