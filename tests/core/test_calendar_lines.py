"""The reader steps over the lines it does not keep, folded or not, and finds the same
lines, names and offsets as unfolding every line would."""

from __future__ import annotations

import itertools
import random

from relate.history import calendar_lines
from relate.history.calendar_lines import _content_lines, _lines, _name, unfolded

_PIECES = (
    b"BEGIN:VEVENT", b"END:VEVENT", b"SUMMARY:a;b", b"DESCRIPTION:long", b" continued",
    b"\tcontinued", b"  ", b"\x0c", b"DESCRIP", b" TION:x", b"ATTENDEE;CN=\"a:b\"", b":x",
    b"", b" ", b"X-WR-TIMEZONE:Europe/London", b"NOCOLON", b"\xc3\xa9T\xc3\xa9:caf\xc3\xa9",
)  # fmt: skip
_BREAKS = (b"\r\n", b"\n", b"\r", b"\r\n\r\n")


def test_lines_are_found_as_unfolding_each_would_find_them() -> None:
    rng = random.Random(3)
    for _ in range(3000):
        pieces = [rng.choice(_PIECES) for _ in range(rng.randrange(1, 9))]
        data = b"".join(piece + rng.choice(_BREAKS) for piece in pieces)
        data = rng.choice((b"", b"\xef\xbb\xbf", b" ")) + data[: rng.randrange(len(data) + 1)]
        expected = [(_name(line), line, ends_at) for line, ends_at in _lines(data)]
        found = [(name, unfolded(line), at) for name, line, at in _content_lines(data)]
        assert found == expected, data


def test_a_description_is_not_unfolded(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    seen: list[bytes] = []
    monkeypatch.setattr(calendar_lines, "unfolded", lambda line: seen.append(line) or line)
    description = b"DESCRIPTION:" + b"\r\n ".join(itertools.repeat(b"x" * 74, 20))
    calendar_lines.read_calendar_text(
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\n" + description + b"\r\nEND:VEVENT\r\n"
    )
    assert not any(line.startswith(b"DESCRIPTION") for line in seen)


# Lines of a calendar as calendars write them, and a few odd ones (a name in lower case
# or folded, a blank line, a lone CR, quoted parameters with ";" and ":").
_REGULAR = (
    b"BEGIN:VEVENT", b"END:VEVENT", b"BEGIN:VALARM", b"END:VALARM", b"BEGIN:VTIMEZONE",
    b"END:VTIMEZONE", b"BEGIN:STANDARD", b"END:STANDARD", b"TZID:Custom", b"UID:a",
    b"UID:b", b"DTSTART:20240101T100000Z", b"RRULE:FREQ=WEEKLY", b"SUMMARY:x", b"DTSTAMP:1",
    b"DESCRIPTION:long", b" continued", b"\tcontinued", b" UID:c", b"ATTENDEE;CN=A:mailto:a",
    b"ORGANIZER;CN=B:mailto:b", b"X-WR-TIMEZONE:Europe/Paris", b"X-UID:d", b"ENDX:x",
    b"TRIGGER:-PT5M", b"ATTENDEE;CN=\"a;b:c\":mailto:e",
)  # fmt: skip
_ODD = (
    b"attendee:mailto:f", b"", b" ", b"\x0c", b"DESCRIP", b" TION:x", b"Uid:g", b"NOCOLON",
    b"SUMMARY:a\rUID:h", b"DESCRIPTION:a\rATTENDEE:mailto:i", b"END: VEVENT",
    b"BEGIN:vtimezone", b"BEGIN:VEVENT\r\n\r\n continued",
)  # fmt: skip


def _calendar(rng: random.Random, odd: float) -> bytes:
    pieces = [b"BEGIN:VCALENDAR"]
    for _ in range(rng.randrange(1, 40)):
        pieces.append(rng.choice(_ODD if rng.random() < odd else _REGULAR))
    breaks = rng.choice(((b"\r\n",), (b"\n",), (b"\r\n", b"\n")))
    data = b"".join(piece + rng.choice(breaks) for piece in pieces)
    head = b"\xef\xbb\xbf" if rng.random() < 0.1 else b""
    return head + data[: len(data) - rng.choice((0, 0, 0, 1, 2, 7))]


def test_a_calendar_reads_as_reading_every_line_would(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    files = [_calendar(rng, rng.choice((0.0, 0.0, 0.02, 0.1))) for _ in range(4000)]
    fast = [calendar_lines.read_calendar_text(data) for data in files]
    monkeypatch.setattr(
        calendar_lines, "_read_lines", lambda data, in_zone: calendar_lines._content_lines(data)
    )
    for data, found in zip(files, fast, strict=True):
        assert found == calendar_lines.read_calendar_text(data), data


def test_a_regular_calendar_is_read_by_its_lines_of_interest(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = (
        b"BEGIN:VCALENDAR\r\nBEGIN:VTIMEZONE\r\nTZID:Custom\r\nX-LIC-LOCATION:x\r\n"
        b"END:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:1\r\nDESCRIPTION:lo\r\n ng\r\n"
        b"SUMMARY:s\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    names = [name for name, _, _ in calendar_lines._read_lines(data, lambda: False)]
    assert b"DTSTAMP" not in names and b"DESCRIPTION" not in names
    found = calendar_lines.read_calendar_text(data)
    assert found.zones == ["BEGIN:VTIMEZONE\r\nTZID:Custom\r\nX-LIC-LOCATION:x\r\nEND:VTIMEZONE"]
    assert [line.name for line in found.events["a"][0].lines] == ["UID", "SUMMARY"]
