"""A vCard file read as properties of bytes, in one pass: the file's encoding (UTF-16 and
UTF-32 with or without a byte order mark), then physical lines joined into logical ones
(folds, quoted-printable soft breaks), each split into name, parameters and value.

Lines are joined before anything is decoded, so that each value can be decoded by its
own CHARSET afterwards: a fold may cut a UTF-8 character in two, and a Shift_JIS trail
byte 0x5C is no backslash. A property the reader does not want (a 20 MB PHOTO) streams
past without being joined, and no value is kept beyond MAX_VALUE bytes, so memory stays
bounded whatever the file holds; the work is linear in the file's size.
"""

from __future__ import annotations

import codecs
import dataclasses
import re
from collections.abc import Container, Iterable, Iterator

CHUNK = 1 << 20  # bytes read (or transcoded) at a time
# A value longer than this is cut: no text Relate keeps is a megabyte long, and a
# hostile file must not make us hold gigabytes.
MAX_VALUE = 1 << 20
# Bytes before the colon: a longer run without one is no property (old Outlook writes
# photo data on lines of their own).
_MAX_HEAD = 8 * 1024
_QUOTED_PRINTABLE = b"QUOTED-PRINTABLE"
_END_CARD = b"END:VCARD"
_FOLD = (b" ", b"\t")
# The colon that ends the parameters: the first one outside double quotes
# (TYPE="work:main" is one parameter value).
_QUOTED_HEAD = re.compile(rb'[^:"]*(?:"[^"]*"[^:"]*)*:')
# Where each Unicode encoding puts the NULs of "BEGIN:VCARD" (or any ASCII text).
_UNICODE_ENCODINGS = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclasses.dataclass(frozen=True, slots=True)
class RawProperty:
    """One logical line of a vCard: `line` is the physical line it starts on (1-based),
    `name` upper-cased, `group` Apple's "item1" of item1.TEL, `params` the raw text
    between the name and the colon (";TYPE=CELL;CHARSET=SHIFT_JIS"), `value` still
    encoded (quoted-printable, the CHARSET) but unfolded, and `cut` whether it was
    longer than MAX_VALUE and is only its start."""

    line: int
    name: str
    group: str | None
    params: str
    value: bytes
    cut: bool = False


# ---------------------------------------------------------------------------- encoding


def unicode_encoding(head: bytes) -> tuple[str, int] | None:
    """The UTF-16 or UTF-32 encoding of a file starting with `head`, and the length of
    its byte order mark; None for a file in a byte encoding (UTF-8, Shift_JIS…).
    Without a mark, the NULs around the letters of "BEGIN:VCARD" tell which."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, len(bom)
    if b"\x00" in head[:4]:
        for encoding in _UNICODE_ENCODINGS:
            if _begins_cards(head, encoding, 0):
                return encoding, 0
    return None


def starts_as_vcard(head: bytes) -> bool:
    """Whether a file starting with `head` begins with BEGIN:VCARD, in whatever encoding
    (UTF-8, UTF-16 or UTF-32 with or without a mark, Shift_JIS…)."""
    utf8_bom = len(codecs.BOM_UTF8) if head.startswith(codecs.BOM_UTF8) else 0
    return _begins_cards(head, *(unicode_encoding(head) or ("latin-1", utf8_bom)))


def _begins_cards(head: bytes, encoding: str, skip: int) -> bool:
    unit = 4 if "32" in encoding else 2 if "16" in encoding else 1
    start = head[skip : skip + 256]
    text = start[: len(start) - len(start) % unit].decode(encoding, errors="replace")
    return text.lstrip().upper().startswith("BEGIN:VCARD")


def utf8_chunks(chunks: Iterable[bytes], encoding: str, skip: int) -> Iterator[bytes]:
    """`chunks` of a file in `encoding` (after `skip` bytes of byte order mark) as UTF-8,
    chunk by chunk; what cannot be decoded becomes U+FFFD."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    for chunk in chunks:
        if skip:
            chunk, skip = chunk[skip:], max(0, skip - len(chunk))
        yield decoder.decode(chunk).encode("utf-8", errors="replace")
    yield decoder.decode(b"", final=True).encode("utf-8", errors="replace")


def byte_chunks(data: bytes, start: int = 0, size: int = CHUNK) -> Iterator[bytes]:
    """`data` from `start` on, in chunks of `size` bytes (copied one at a time)."""
    view = memoryview(data)
    for offset in range(start, len(data), size):
        yield bytes(view[offset : offset + size])


# ---------------------------------------------------------------------------- lines


def _physical_lines(chunks: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """Each line without its end (CRLF, LF or a lone CR), and whether it is whole: a
    line longer than CHUNK comes in pieces, all but its last with False."""
    carry = b""
    skip_lf = False  # the last chunk ended in CR: an LF starting this one ends no line
    for chunk in chunks:
        if skip_lf and chunk[:1] == b"\n":
            chunk = chunk[1:]
        data = carry + chunk
        skip_lf = data[-1:] == b"\r"
        if b"\r" in data:
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        lines = data.split(b"\n")
        carry = lines.pop()
        for line in lines:
            yield line, True
        if len(carry) > CHUNK:
            yield carry, False
            carry = b""
    if carry:
        yield carry, True


class _Logical:
    """The logical line being read: its parts until a colon ends its name and
    parameters, then (when wanted) its value's parts."""

    __slots__ = ("cut", "group", "keep", "line", "name", "params", "parts", "qp", "size")

    def __init__(self, line: int, first: bytes) -> None:
        self.line = line
        self.parts = [first]
        self.size = len(first)
        self.name: bytes | None = None  # None: the colon has not come yet
        self.group: bytes | None = None
        self.params = b""
        self.keep = True
        self.qp = False
        self.cut = False

    def add(self, data: bytes) -> None:
        if not self.keep:
            return
        if self.name is not None and self.size + len(data) > MAX_VALUE:
            data = data[: max(0, MAX_VALUE - self.size)]
            self.cut = True
            self.keep = False  # what follows is dropped, what came is kept
        self.parts.append(data)
        self.size += len(data)

    def find_head(self, wanted: Container[bytes], *, final: bool = False) -> None:
        """Once a colon has come: the name, group and parameters, and whether the value
        is kept at all. `final`: the logical line has ended (a quote it leaves open
        cannot be closed by more of it)."""
        if self.name is not None or not self.keep:
            return
        data = b"".join(self.parts) if len(self.parts) > 1 else self.parts[0]
        colon = data.find(b":")
        if colon == -1:
            if self.size > _MAX_HEAD:
                self.keep, self.parts = False, []  # no colon in 8 KB: not a property
            return
        if data.find(b'"', 0, colon) != -1:
            quoted = _QUOTED_HEAD.match(data)
            if quoted is not None:
                colon = quoted.end() - 1
            elif not final and self.size <= _MAX_HEAD:
                return  # a quote still open: the colon may be inside it, read on
        head, value = data[:colon], data[colon + 1 :]
        semicolon = head.find(b";")
        name = head if semicolon == -1 else head[:semicolon]
        group, _, name = name.rpartition(b".")
        self.name = name.strip().upper()
        self.group = group or None
        self.params = b"" if semicolon == -1 else head[semicolon:]
        self.qp = _QUOTED_PRINTABLE in self.params.upper()
        self.keep = self.name in wanted
        self.parts = [value] if self.keep else []
        self.size = len(value)
        if self.size > MAX_VALUE:
            self.parts, self.size, self.cut, self.keep = [value[:MAX_VALUE]], MAX_VALUE, True, False

    def property(self, wanted: Container[bytes]) -> RawProperty | None:
        """The property the logical line holds, once it has ended."""
        self.find_head(wanted, final=True)
        if self.name is None or not (self.keep or self.cut):
            return None
        return RawProperty(
            self.line,
            self.name.decode("ascii", errors="replace"),
            self.group.decode("ascii", errors="replace") if self.group else None,
            self.params.decode("utf-8", errors="replace"),
            b"".join(self.parts),
            self.cut,
        )


def read_properties(chunks: Iterable[bytes], wanted: Container[bytes]) -> Iterator[RawProperty]:
    """The properties named in `wanted` (upper-case names, as bytes, with BEGIN and END
    for the cards), from `chunks` of a vCard file in a byte encoding. Lines that are no
    property (no colon) are passed over; so is every property not wanted."""
    number = 0  # whole physical lines read
    current: _Logical | None = None
    soft_break = False  # the last line ended a quoted-printable line with "="
    whole = True  # the last piece ended its physical line
    last_byte = b""
    for line, ends in _physical_lines(chunks):
        if not whole:
            # The rest of a line too long for one chunk.
            if current is not None:
                current.add(line)
                current.find_head(wanted)
        elif soft_break and line.upper() != _END_CARD:
            if current is not None:
                current.add(b"\n" + line)  # a2b_qp reads "=\n" as the soft break it is
        elif line[:1] in _FOLD:
            if current is not None and current.keep:  # a photo's lines are not even sliced
                current.add(line[1:])
                current.find_head(wanted)
        else:
            if current is not None and (found := current.property(wanted)) is not None:
                yield found
            current = None
            if line:
                current = _Logical(number + 1, line)
                current.find_head(wanted)
        if line:
            last_byte = line[-1:]
        whole = ends
        if ends:
            number += 1
            soft_break = current is not None and current.qp and last_byte == b"="
            last_byte = b""
    if current is not None and (found := current.property(wanted)) is not None:
        yield found


# ---------------------------------------------------------------------------- parameters


def split_outside_quotes(text: str, separator: str) -> list[str]:
    """`text` split at each `separator` that is not inside double quotes (parameters of
    vCard and iCalendar lines: `TYPE="a;b";PREF=1`)."""
    if '"' not in text:
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char == separator and not quoted:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return parts


def parameters(params: str) -> tuple[dict[str, list[str]], list[str]]:
    """The named parameters (names upper-cased, values unquoted, TYPE=WORK,PREF as two
    values) and vCard 2.1's bare ones (TEL;CELL;VOICE) of a property's `params`."""
    named: dict[str, list[str]] = {}
    bare: list[str] = []
    if not params:
        return named, bare
    for param in split_outside_quotes(params, ";"):
        param = param.strip()
        if not param:
            continue
        name, equals, values = param.partition("=")
        if not equals:
            bare.append(name)
            continue
        named.setdefault(name.strip().upper(), []).extend(
            value.strip().strip('"') for value in split_outside_quotes(values, ",")
        )
    return named, bare
