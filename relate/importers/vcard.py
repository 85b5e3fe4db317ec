"""vCard address books (.vcf, vCard 2.1, 3.0 and 4.0): from a file of cards to an
import plan.

`relate.importers.vcard_lines` reads the file's bytes into properties (unfolding,
names, groups, parameters) in one linear pass that skips what Relate does not read
(photos, sounds, keys); each value is then decoded by its own ENCODING and CHARSET,
and only then unescaped (`relate.importers.vcard_values`); `relate.importers.vcard_card`
makes each card a person. (vobject's unfolding is quadratic on quoted-printable soft
breaks, holds a photo several times over, and decodes the whole file with one charset.)
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable, Iterator
from pathlib import Path

from relate.importers import ImportFileError, bounded_file
from relate.importers.csv_text import read_bytes
from relate.importers.plan import ImportPlan, Incoming, Skipped
from relate.importers.planner import plan_import
from relate.importers.vcard_card import READ, person_of_card
from relate.importers.vcard_lines import (
    RawProperty,
    byte_chunks,
    read_properties,
    unicode_encoding,
    utf8_chunks,
)
from relate.importers.vcard_values import Property, decoded

SOURCE = "vcard"

_READ_NAMES = frozenset(name.encode("ascii") for name in READ)
# Control characters no text file holds (tab, line ends and form feed aside), as the
# bytes a translation turns into NUL: much faster than a regular expression's search.
_CONTROLS = bytes(0 if byte <= 0x08 or 0x0E <= byte <= 0x1F else 1 for byte in range(256))
_VCARD = b"VCARD"


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
        person = person_of_card(number, properties)
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


def _cards(data: bytes, name: str) -> Iterator[tuple[int, list[Property]]]:
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
                yield number, decoded(card, file_charsets, unicode is not None)
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
