"""Large and hostile vCards read in time and memory proportional to what Relate keeps:
no quadratic unfolding of quoted-printable soft breaks, photos skipped as they stream
past, no value held beyond a megabyte. bench/vcard_read.py measures the full sizes."""

from __future__ import annotations

import base64
import random
import time
import tracemalloc

import pytest

from relate.importers.vcard import parse_vcards
from relate.importers.vcard_lines import MAX_VALUE

NAME = "contacts.vcf"
MB = 1024 * 1024


def soft_broken(text: str, width: int = 76) -> bytes:
    """Quoted-printable UTF-8 as Android writes it: a soft break every `width` columns."""
    encoded = "".join(
        chr(b) if 0x21 <= b <= 0x7E and b != 0x3D else f"={b:02X}" for b in text.encode("utf-8")
    )
    lines = []
    start = 0
    while start < len(encoded):
        end = start + width - 1
        if "=" in encoded[end - 2 : end]:
            end = encoded.rindex("=", start, end)  # never inside an =XX
        lines.append(encoded[start:end])
        start = end
    return "=\r\n".join(lines).encode("ascii")


def card(*lines: bytes) -> bytes:
    return b"\r\n".join([b"BEGIN:VCARD", *lines, b"END:VCARD"]) + b"\r\n"


def folded_photo(size: int, seed: int = 1) -> bytes:
    data = base64.b64encode(random.Random(seed).randbytes(size))
    return b"PHOTO;ENCODING=b;TYPE=JPEG:" + b"\r\n ".join(
        data[start : start + 74] for start in range(0, len(data), 74)
    )


def test_a_megabyte_of_quoted_printable_soft_breaks_reads_at_once() -> None:
    # 1.3 MB of encoded note on 18,000 lines: vobject re-joined the value at each line,
    # copying gigabytes (a minute); read in one pass it is a few hundredths of a second.
    note = "Zażółć gęślą jaźń — café crème. " * 13_000
    data = card(
        b"VERSION:2.1",
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + soft_broken("Żółć;Małgorzata;;;"),
        b"TEL;CELL:+48 601 555 010",
        b"NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:" + soft_broken(note),
    ) + card(b"VERSION:2.1", b"N:Lee;Ann")
    assert data.count(b"=\r\n") > 17_000
    start = time.perf_counter()
    (malgorzata, ann), _ = parse_vcards(data, NAME)
    assert time.perf_counter() - start < 1.5
    assert (malgorzata.last_name, malgorzata.first_name) == ("Żółć", "Małgorzata")
    assert (ann.last_name, ann.first_name) == ("Lee", "Ann")
    # The note is longer than any Relate keeps: its first megabyte (of encoded text) is.
    assert 300_000 < len(malgorzata.story) < len(note)
    assert note.startswith(malgorzata.story)


@pytest.mark.parametrize("folded", [True, False], ids=["folded", "one-line"])
def test_a_photo_is_skipped_as_it_streams_past_never_held(folded: bool) -> None:
    photo = folded_photo(3 * MB)
    if not folded:
        photo = photo.replace(b"\r\n ", b"")
    data = card(
        b"VERSION:3.0",
        b"N:Omega;Olivia;;;",
        photo,
        b"TEL;type=CELL:+1 415 555 0100",
    )
    tracemalloc.start()
    try:
        [olivia], _ = parse_vcards(data, NAME)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert olivia.phones[0].number == "+1 415 555 0100"  # what follows the photo still counts
    # A 4 MB photo: a few chunks of a megabyte at once, where vobject held 600 MB.
    assert peak < 12 * MB


def test_a_value_longer_than_a_megabyte_is_cut_and_the_cards_after_it_still_read() -> None:
    huge = "x" * (3 * MAX_VALUE)
    data = card(b"VERSION:3.0", b"N:Lee;Ann;;;", f"NOTE:{huge}".encode()) + card(
        b"VERSION:3.0", b"N:Chen;Wei;;;"
    )
    (ann, wei), _ = parse_vcards(data, NAME)
    assert ann.story == "x" * MAX_VALUE
    assert (wei.last_name, wei.first_name) == ("Chen", "Wei")


def test_a_cut_value_keeps_no_half_character() -> None:
    huge = "é" * MAX_VALUE  # two bytes each: the cut falls after a whole one
    data = card(b"VERSION:3.0", b"N:Lee;Ann;;;", f"NOTE: {huge}".encode())
    [ann], _ = parse_vcards(data, NAME)
    assert set(ann.story) == {"é"}
