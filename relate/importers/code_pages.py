"""Which code page a text file that is not UTF-8 is in: Outlook and Excel write the
system's own (Windows-1251 in Russia, Windows-1255 in Israel, Shift_JIS in Japan…)."""

from __future__ import annotations

import re

# The code pages programs save address books in, the likeliest first: the one taken when
# several read a sample equally well (German "ü" is the same byte in half of them).
CODE_PAGES = (
    "cp1252",  # Western Europe and the Americas
    "cp1250",  # Central Europe
    "cp1251",  # Cyrillic
    "cp1253",  # Greek
    "cp1254",  # Turkish
    "cp1255",  # Hebrew
    "cp1256",  # Arabic
    "cp1257",  # Baltic
    "cp1258",  # Vietnamese
    "cp874",  # Thai
    "cp932",  # Japanese (Shift_JIS as Windows writes it)
    "gb18030",  # Simplified Chinese
    "cp949",  # Korean
    "big5",  # Traditional Chinese
)
# Not Mac Roman nor KOI8-R: Windows programs write neither, and the detector takes a
# German "ä" in Windows-1252 for Mac Roman's "‰" more readily than the other way round.

_MULTI_BYTE = frozenset({"cp932", "gb18030", "cp949", "big5"})

# How much of a file the detector sees: enough text to judge, cheap on a 40 MB file.
SAMPLE_BYTES = 64 * 1024
_LINE_BYTES = 1024
_NOT_ASCII = re.compile(rb"[\x80-\xff]")


def sample(data: bytes) -> bytes:
    """The lines of `data` that hold bytes outside ASCII, whole, up to SAMPLE_BYTES of
    them: all that tells one code page from another (the rest reads alike in every one,
    and a file can be ASCII for thousands of lines first). Cut at line ends, so that no
    character is cut in two."""
    parts: list[bytes] = []
    size = position = 0
    while size < SAMPLE_BYTES and (found := _NOT_ASCII.search(data, position)):
        at = found.start()
        start = data.rfind(b"\n", max(position - 1, at - _LINE_BYTES), at) + 1
        end = data.find(b"\n", at, at + _LINE_BYTES)
        if (not start and at > _LINE_BYTES) or end < 0:
            position = found.end()  # in a line too long to take whole
            continue
        parts.append(data[start : end + 1])
        size += end + 1 - start
        position = end + 1
    return b"".join(parts) or data[:SAMPLE_BYTES]


def guess_code_page(data: bytes) -> str | None:
    """The code page (a CODE_PAGES name) `data` reads best in, judged on a sample; None
    when it reads as none of them, or as no language in any."""
    # Imported here: it takes a third of a second, and most files are UTF-8.
    from charset_normalizer import from_bytes

    results = from_bytes(sample(data), cp_isolation=list(CODE_PAGES))
    best: tuple[float, float, int, str] | None = None
    for result in results:
        # Several code pages can read the sample alike; the likeliest of them is taken.
        readers = [page for page in CODE_PAGES if page in result.could_be_from_charset]
        if not readers:
            continue
        page = readers[0]
        if not result.coherence and page not in _MULTI_BYTE:
            # No language in it: a few stray bytes, not text (a pair of bytes that
            # makes a valid character in a multi-byte code page is evidence enough).
            continue
        key = (round(result.chaos, 2), -round(result.coherence, 2), CODE_PAGES.index(page), page)
        if best is None or key < best:
            best = key
    return best[3] if best else None
