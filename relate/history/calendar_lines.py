"""An .ics file's text as its events: the content lines a history reader needs, each
event's lines grouped with the other events of its UID (a repeating event and the
occurrences moved or cancelled in it), and the file's time zone definitions.

icalendar parses a whole file at some 60 microseconds a line, which is 20 s and 400 MB
for a 50 MB export; most of such a file is descriptions and alarms, which a history
never reads. So the lines are split here, the rest dropped unparsed, and icalendar
(through `calendar_repeats`) parses only the few lines that say when an event repeats.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterator
from typing import NamedTuple

from relate.importers.vcard_lines import split_outside_quotes

# What the history takes from an event; everything else (DESCRIPTION, ATTACH, X-...) is
# dropped as it is read.
WHEN_NAMES = frozenset(
    {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "SEQUENCE"}
)
_KEPT_NAMES = WHEN_NAMES | {"UID", "STATUS", "SUMMARY", "LOCATION", "ORGANIZER", "ATTENDEE"}
_LINE = re.compile(rb"[^\r\n]+")
# A content line with its parts: the name (up to the first ";" or ":" of its first part),
# that first part, and the parts that continue it.
_CONTENT_LINE = re.compile(rb"(?=[^\r\n])([^;:\r\n]*)([^\r\n]*)(?:[\r\n]+[ \t][^\r\n]*)*")
_FOLD = re.compile(rb"[\r\n]+[ \t]")
_NAMES_KEPT = 256  # names remembered cleaned (a file of a million made-up ones is not)
_CLEANED: dict[str, str] = {}  # `_cleaned`'s, by the name as written
_KEPT_BYTES = frozenset(name.encode() for name in _KEPT_NAMES)
_READ_BYTES = _KEPT_BYTES | {b"BEGIN", b"END", b"X-WR-TIMEZONE"}
_TEXT_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_TEXT_ESCAPES = {"n": "\n", "N": "\n"}


class Line(NamedTuple):
    """One content line: its name (upper case), parameters (names upper case, values
    unquoted) and value as written; `raw` is the whole line, unfolded (kept only for
    the date and repeat lines of an event, "" for its other lines). (A named tuple: a
    50 MB file has some 300,000 of them.)"""

    name: str
    params: dict[str, str]
    value: str
    raw: str


@dataclasses.dataclass(slots=True)
class Block:
    """One VEVENT: its kept lines, and where in the file it ends (a character offset)."""

    lines: list[Line]
    ends_at: int = 0

    def first(self, name: str) -> Line | None:
        """The first line of that name, if any."""
        for line in self.lines:  # (a loop: twice as fast as next() over a generator)
            if line.name == name:
                return line
        return None

    def all(self, name: str) -> list[Line]:
        """The lines of that name."""
        return [line for line in self.lines if line.name == name]


@dataclasses.dataclass(slots=True)
class CalendarText:
    """An .ics file's events by UID (in the order the file first names each UID), its
    VTIMEZONE blocks as text, and the zone its floating times are in (X-WR-TIMEZONE)."""

    events: dict[str, list[Block]] = dataclasses.field(default_factory=dict)
    zones: list[str] = dataclasses.field(default_factory=list)
    wr_timezone: str = ""


def _value_start(line: str) -> int:
    """Where the value begins: after the first colon outside quotes (-1 when none)."""
    colon = line.find(":")
    if colon < 0 or '"' not in line[:colon]:
        return colon
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return index
    return -1


def parse_line(raw: str) -> Line | None:
    """The line's parts, or None when it has no value (not a content line)."""
    colon = _value_start(raw)
    if colon <= 0:
        return None
    head = raw[:colon]
    found: dict[str, str] = {}
    if ";" in head:  # (most lines have no parameters)
        head, *params = split_outside_quotes(head, ";")
        quoted = '"' in raw
        for param in params:
            key, _, value = param.partition("=")
            key = _CLEANED.get(key) or _cleaned(key)
            found.setdefault(key, value.replace('"', "") if quoted else value)
    name = _CLEANED.get(head) or _cleaned(head)
    # Only the date and repeat lines are given to icalendar as written; a 50 MB file's
    # attendees are some 30 MB less without their lines kept twice.
    kept = raw if name in WHEN_NAMES or name not in _KEPT_NAMES else ""
    return Line(name, found, raw[colon + 1 :], kept)


def _cleaned(written: str) -> str:
    """A name or parameter name as written, upper case without spaces around it. A file
    writes a few dozen: each is cleaned once, and its lines share one string for it."""
    clean = written.strip().upper()
    if len(_CLEANED) < _NAMES_KEPT:
        _CLEANED[written] = clean
    return clean


def line_name(raw: str) -> str:
    """The line's name, upper case, without parsing the rest."""
    end = len(raw)
    for mark in (";", ":"):
        at = raw.find(mark, 0, end)
        if at >= 0:
            end = at
    return raw[:end].strip().upper()


def unescape(text: str) -> str:
    """A TEXT value as it reads: `\\n` a new line, `\\,` `\\;` `\\\\` the character."""
    if "\\" not in text:
        return text
    return _TEXT_ESCAPE.sub(lambda match: _TEXT_ESCAPES.get(match[1], match[1]), text)


def _lines(data: bytes) -> Iterator[tuple[bytes, int]]:
    """Each content line, unfolded, with the offset where it ends. Read off the bytes,
    not a decoded copy: a file with any accent decodes to twice its size. (The rule,
    which `_content_lines` follows at a fraction of the cost: a part that starts with
    a space or tab continues the line before; blank parts are no lines.)"""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    parts: list[bytes] = []
    ends_at = 0
    for match in _LINE.finditer(data, start):
        part = match[0]
        if part[:1] in (b" ", b"\t") and parts:
            parts.append(part[1:])
        else:
            if parts:
                yield (parts[0] if len(parts) == 1 else b"".join(parts)), ends_at
            parts = [part] if part.strip() else []
        ends_at = match.end()
    if parts:
        yield (parts[0] if len(parts) == 1 else b"".join(parts)), ends_at


def _content_lines(data: bytes, start: int | None = None) -> Iterator[tuple[bytes, bytes, int]]:
    """Each content line as `_lines` gives it, but with its name (upper case) first and
    still folded: a description's twenty parts are stepped over by one match, and only
    the lines kept are unfolded (`unfolded`). From `start` when given (where a line ends)."""
    if start is None:
        start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    names: dict[bytes, bytes] = {}  # each name as written, cleaned: a file has a few dozen
    for match in _CONTENT_LINE.finditer(data, start):
        written, end = match[1], match.end()
        if match.end(1) == match.end(2):  # no ";" or ":" in the first part
            line = match[0]
            if not written.strip():
                # A blank part ends the line before it: read as `_lines` does.
                for odd, ends_at in _lines(line):
                    yield _name(odd), odd, match.start() + ends_at
                continue
            if match.end(1) < end:  # the name itself is folded
                yield _name(unfolded(line)), line, end
                continue
        name = names.get(written)
        if name is None:
            name = written.strip().upper()
            if len(names) < _NAMES_KEPT:
                names[written] = name
        yield name, match[0], end


def _scan(names: bytes) -> re.Pattern[bytes]:
    """The scan of a file written regularly, with no lone CR (`_read_lines`), for the lines
    whose names `names` matches: a match with groups is one of them (group 1 the line,
    folded, group 2 its name), followed by a regular line or the end; one without is the
    first line start that is not regular. (One of those lines followed by a line that is
    not regular, a blank line that may continue it, is not matched: the line after it is.)"""
    return re.compile(
        rb"\n((" + names + rb")[;:][^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)(?=\r?\n[A-Z]|\r?\n?\Z)"
        rb"|\n(?!" + _REGULAR_NAME + rb"[;:]|[ \t]|\Z)"
    )


# A regular line starts with its name in capitals and a ";" or ":" right after it.
_REGULAR_NAME = rb"[A-Z][A-Z0-9-]*"
_REGULAR_START = re.compile(_REGULAR_NAME + rb"[;:]")
# The lines the reader looks at outside a VTIMEZONE (any other, it drops), and in one.
_READ_SCAN = _scan(b"|".join(re.escape(name) for name in sorted(_READ_BYTES)))
_ZONE_SCAN = _scan(_REGULAR_NAME)


def _read_lines(data: bytes, in_zone: Callable[[], bool]) -> Iterator[tuple[bytes, bytes, int]]:
    """The lines of `_content_lines` less some that `read_calendar_text` drops: outside a
    VTIMEZONE (`in_zone()`, asked after each BEGIN and END), only those it reads.

    In a file written regularly (each line a name in capitals and a ";" or ":", or
    continuing the one before with a space or tab; CRLF or LF line ends; as calendars
    write them) they are found by one regular expression, which steps over the rest
    (descriptions, alarms, stamps) at a third of the cost of giving each line. From where
    a file stops being regular, it is read line by line, from the end of the last line
    given: where both ways agree (a test compares the two on odd files)."""
    start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    first = _CONTENT_LINE.match(data, start)
    # (A lone CR ends a line too, inside a description as anywhere: such a file is read
    # line by line.)
    if (
        first is None
        or not _REGULAR_START.match(data, start)
        or data.count(b"\r") != data.count(b"\r\n")
    ):
        yield from _content_lines(data, start)
        return
    at = first.end()
    yield first[1], first[0], at
    while True:
        scan = _ZONE_SCAN if in_zone() else _READ_SCAN
        for match in scan.finditer(data, at):
            if match.lastindex is None:
                yield from _content_lines(data, at)
                return
            at = match.end()
            name = match[2]
            yield name, match[1], at
            if name in (b"BEGIN", b"END") and (scan is _ZONE_SCAN) != in_zone():
                break  # a zone opened or closed: its lines are all read, or not
        else:
            return


def unfolded(line: bytes) -> bytes:
    """A line of `_content_lines` unfolded."""
    if b"\n" not in line and b"\r" not in line:
        return line
    # Folded as nearly every file folds, a line break and a space, it is unfolded by a
    # plain replace (a third of the cost); a break left after it says it is folded
    # otherwise too.
    usual = line.replace(b"\r\n " if b"\r" in line else b"\n ", b"")
    return _FOLD.sub(b"", line) if b"\n" in usual or b"\r" in usual else usual


def _name(line: bytes) -> bytes:
    """A line's name, upper case, read off its bytes."""
    end = len(line)
    for mark in (b";", b":"):
        at = line.find(mark, 0, end)
        if at >= 0:
            end = at
    return line[:end].strip().upper()


def _file(found: CalendarText, event: Block, ends_at: int) -> None:
    """Put a read event with the others of its UID."""
    event.ends_at = ends_at
    uid_line = event.first("UID")
    uid = uid_line.value.strip() if uid_line else ""
    if not uid:  # named by what it says, so that reading it again names it alike
        said = "\n".join(f"{line.name}:{line.value}" for line in event.lines).encode()
        uid = "no-uid-" + hashlib.sha256(said).hexdigest()[:16]
    found.events.setdefault(uid, []).append(event)


def _text(line: bytes) -> str:
    return line.decode("utf-8", "replace")


def read_calendar_text(data: bytes) -> CalendarText:
    """The events and zones of an .ics file (its bytes, UTF-8 as RFC 5545 has it)."""
    found = CalendarText()
    depth = 0  # how many components are open inside the current VEVENT (VALARM ...)
    event: Block | None = None
    zone: list[str] | None = None

    def in_zone() -> bool:
        return zone is not None

    for name, folded, ends_at in _read_lines(data, in_zone):
        if event is not None and zone is None and not depth and name in _KEPT_BYTES:
            # (Most lines: one of an event's that the history reads.)
            if line := parse_line(_text(unfolded(folded))):
                event.lines.append(line)
            continue
        if name in (b"BEGIN", b"END"):
            line_bytes = unfolded(folded)
            kind = line_bytes.partition(b":")[2].strip().upper()
        elif zone is not None or (event is not None and not depth and name in _KEPT_BYTES):
            line_bytes, kind = unfolded(folded), b""
        elif event is None and name == b"X-WR-TIMEZONE":
            line_bytes, kind = unfolded(folded), b""
        else:
            continue  # a description, an alarm's line: not read
        if zone is not None and not (name == b"BEGIN" and kind == b"VEVENT"):
            zone.append(_text(line_bytes))
            if name == b"END" and kind == b"VTIMEZONE":
                found.zones.append("\r\n".join(zone))
                zone = None
            continue
        zone = None  # (one left open was cut off: it is dropped)
        if name == b"BEGIN":
            if event is not None and (depth or kind != b"VEVENT"):
                depth += 1
            elif kind == b"VEVENT":  # (one left open was cut off: it is kept as it is)
                if event is not None:
                    _file(found, event, ends_at)
                event, depth = Block([]), 0
            elif kind == b"VTIMEZONE":
                zone = [_text(line_bytes)]
        elif name == b"END" and event is not None:
            if depth:
                depth -= 1
                continue
            _file(found, event, ends_at)
            event = None
        elif event is not None:
            if line := parse_line(_text(line_bytes)):
                event.lines.append(line)
        elif name == b"X-WR-TIMEZONE" and (line := parse_line(_text(line_bytes))):
            found.wr_timezone = line.value.strip()
    return found
