"""The vCard line reader reads the same properties however the file's bytes arrive: in
one piece or in chunks cut anywhere (inside a CRLF, a name, a soft break, a character),
with lines longer than a chunk."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate.importers import vcard_lines
from relate.importers.vcard_lines import read_properties

WANTED = frozenset({b"BEGIN", b"END", b"N", b"NOTE", b"TEL"})
LINES = [
    b"BEGIN:VCARD",
    b"END:VCARD",
    b"N:Lee;Ann;;;",
    b"item1.TEL;TYPE=CELL:+1 555 0100",
    b'TEL;TYPE="voice,cell";X-LABEL="a:b":+1 555 0199',
    b"NOTE;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:caf=C3=",
    b"=A9 au lait=",
    b"PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD",
    b" 2wBDAQICAgICAgUDAwUKBwYHCgoKCgoK",
    b"\tfolded with a tab",
    b" NOTE:not a property but a fold",
    b"NOTE:" + "Пример".encode() * 20,
    b"this line is not a property",
    b"",
    "N;CHARSET=SHIFT_JIS:表;太郎".encode("cp932"),
]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.sampled_from(LINES), max_size=20),
    ends=st.sampled_from([b"\r\n", b"\n", b"\r"]),
    cuts=st.lists(st.integers(min_value=0, max_value=2000), max_size=12),
    chunk=st.integers(min_value=4, max_value=64),
)
def test_any_chunking_reads_the_same_properties(
    lines: list[bytes], ends: bytes, cuts: list[int], chunk: int
) -> None:
    data = ends.join(lines) + ends
    whole = list(read_properties([data], WANTED))
    points = sorted({min(cut, len(data)) for cut in cuts} | {0, len(data)})
    pieces = [data[a:b] for a, b in zip(points, points[1:], strict=False)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(vcard_lines, "CHUNK", chunk)  # lines longer than a chunk come in pieces
        assert list(read_properties(pieces, WANTED)) == whole


def test_a_quoted_colon_cut_from_its_quote_by_a_chunk_stays_in_its_parameter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Found by the chunking property: the piece before the cut ends inside the quote,
    # and its colon was taken for the one that ends the parameters.
    data = b'TEL;TYPE="voice,cell";X-LABEL="a:b":+1 555 0199\r\n'
    monkeypatch.setattr(vcard_lines, "CHUNK", 4)
    cut = data.index(b":b") + 1
    (prop,) = read_properties([data[:cut], data[cut:]], WANTED)
    assert (prop.params, prop.value) == (';TYPE="voice,cell";X-LABEL="a:b"', b"+1 555 0199")
    unclosed = b'TEL;X-LABEL="a:+1 555 0100\r\n'  # a quote never closed: the first colon
    (prop,) = read_properties([unclosed[:16], unclosed[16:]], WANTED)
    assert (prop.params, prop.value) == (';X-LABEL="a', b"+1 555 0100")


def test_properties_are_read_with_their_groups_parameters_and_unfolded_values() -> None:
    data = (
        b"BEGIN:VCARD\r\nitem1.TEL;TYPE=CELL:+1 555\r\n 0100\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=\r\n=A9\r\n"
        b"PHOTO;ENCODING=b:AAAA\r\n BBBB\r\nEND:VCARD\r\n"
    )
    props = list(read_properties([data], WANTED))
    assert [(p.line, p.name, p.group, p.params, p.value) for p in props] == [
        (1, "BEGIN", None, "", b"VCARD"),
        (2, "TEL", "item1", ";TYPE=CELL", b"+1 5550100"),
        (4, "NOTE", None, ";ENCODING=QUOTED-PRINTABLE", b"caf=C3=\n=A9"),
        (8, "END", None, "", b"VCARD"),
    ]
