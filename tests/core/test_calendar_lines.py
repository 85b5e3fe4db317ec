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
