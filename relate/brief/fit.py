"""Cutting the brief's text to fit: a line, a paragraph, an item made of several parts.

Text is cut only when it does not fit, and then at a word (or a line) with "…". Whether
a paragraph fits is always measured with ReportLab's own `wrap()`: printed widths only
say where the search for the longest cut that fits starts, since a paragraph loses part
of a line at every wrap.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Paragraph

from relate.brief import fonts

BIG = 1e6  # a height no page reaches: "measure without a limit"
NEAR = 40  # characters searched back for a word's end (or forward for its start)
MAX_WRAPS = 12  # paragraphs measured at most to find the longest cut that fits


def measure(flowable: Flowable, width: float) -> float:
    """The height of `flowable` at `width`, wrapped once: fitting asks many times."""
    known = getattr(flowable, "_relate_size", None)
    if known is None or known[0] != width:
        known = width, flowable.wrap(width, BIG)[1]
        flowable._relate_size = known  # type: ignore[attr-defined]
    return known[1]


def cut(text: str, size: int, keep_end: bool) -> str:
    """`size` characters of `text`, from its end or start, cut at a word (or line) when one is
    near, with "…" where it was cut."""
    size = max(size, 0)
    if keep_end:
        part = text[len(text) - size :]
        gaps = [at for at in (part.find(" ", 0, NEAR), part.find("\n", 0, NEAR)) if at >= 0]
        return "… " + (part[min(gaps) + 1 :] if gaps else part).lstrip()
    part = text[:size]
    start = max(len(part) - NEAR, 0)
    gap = max(part.rfind(" ", start), part.rfind("\n", start))
    return (part[:gap] if gap > 0 else part).rstrip() + "…"


def chars_within(text: str, font: str, size: float, width: float, keep_end: bool) -> int:
    """How many characters from the start (or end) of `text` print within `width` points.

    Measures in chunks, so a 20,000-character story costs only what could fit.
    """
    sequence = text[::-1] if keep_end else text
    used = 0.0
    for start in range(0, len(sequence), 64):
        chunk = sequence[start : start + 64]
        chunk_width = fonts.string_width(chunk, font, size)
        if used + chunk_width > width:
            for index, char in enumerate(chunk):
                used += fonts.string_width(char, font, size)
                if used > width:
                    return start + index
        used += chunk_width
    return len(text)


def _clip(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut at a word with "…" where its printed width passes `width`."""
    count = chars_within(text, font, size, width, keep_end=False)
    return text if count >= len(text) else cut(text, count, keep_end=False)


def fit_line(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut at a word with "…" when it does not fit on one line of `width`."""
    if fonts.string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if fonts.string_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return cut(text, low, keep_end=False)


def fit_paragraph(
    text: str,
    make: Callable[[str], Paragraph],
    width: float,
    max_height: float,
    keep_end: bool = False,
    size: int | None = None,
) -> Paragraph:
    """`make(text)` when it fits `max_height` at `width`; else the paragraph of the longest
    cut of `text` (keeping its start, or its end) that does.

    The search starts from `size` characters (a guess from printed widths) or the whole.
    """

    def made(count: int) -> Paragraph:
        return make(text if count >= len(text) else cut(text, count, keep_end))

    start = len(text) if size is None else size
    return _longest(made, len(text), width, max_height, start, precision=3)


def fit_parts(
    parts: Sequence[tuple[str, float]],
    render: Callable[[list[str]], Paragraph],
    width: float,
    lines: float,
) -> Paragraph:
    """`render(texts)` of the (text, share) `parts`, whole when its paragraph fits `lines`
    lines at `width`.

    Else each text is cut to the printed width it may take: a part needing less than its
    share keeps all of it, the others share out what it leaves by their shares; the total
    is the most whose paragraph still fits. So a short part is cut only when the long ones
    beside it already are.
    """
    texts = [text for text, _share in parts]
    whole = render(texts)
    style = whole.style
    max_height = lines * style.leading + 0.1
    if measure(whole, width) <= max_height:
        return whole
    font, size = style.fontName, style.fontSize
    natural = [fonts.string_width(text, font, size) for text in texts]
    shares = [share for _text, share in parts]

    def made(points: int) -> Paragraph:
        room = _shared_out(natural, shares, points)
        return render([_clip(text, font, size, r) for text, r in zip(texts, room, strict=True)])

    full = math.ceil(sum(natural))
    line = width - style.leftIndent - style.rightIndent
    return _longest(made, full, width, max_height, min(int(lines * line), full - 1), precision=8)


def _shared_out(natural: Sequence[float], shares: Sequence[float], total: float) -> list[float]:
    """The width each part may take of `total`: all it needs (`inf`) when that is within
    its share of what is left, else its share of what the others leave (water-filling)."""
    room = [math.inf] * len(natural)
    wanting = [index for index, need in enumerate(natural) if need > 0]
    left = float(total)
    while wanting:
        weight = sum(shares[index] for index in wanting)
        content = [index for index in wanting if natural[index] <= left * shares[index] / weight]
        if not content:
            for index in wanting:
                room[index] = left * shares[index] / weight
            break
        for index in content:
            left -= natural[index]
            wanting.remove(index)
    return room


def _longest(
    made: Callable[[int], Paragraph],
    full: int,
    width: float,
    max_height: float,
    start: int,
    precision: int,
) -> Paragraph:
    """`made(n)` for the largest n in 0…`full` (within `precision`) whose paragraph fits
    `max_height` at `width`, as paragraphs grow taller with n; `made(0)` when none does.

    From `start`, moves in proportion to the height measured until one n fits and one
    does not, then halves the gap between them: a few wraps in all.
    """
    low, high = 0, full + 1  # the largest n known to fit (0 is assumed), the least that does not
    best: Paragraph | None = None
    n = min(max(start, 0), full)
    for _ in range(MAX_WRAPS):
        paragraph = made(n)
        height = measure(paragraph, width)
        if height <= max_height:
            low, best = n, paragraph
        else:
            high = n
        if high - low <= precision or low >= full:
            break
        if best is None:  # all too tall so far: shrink by the overflow
            n = max(min(int(n * max_height / height * 0.97), n - 1), 0)
        elif high > full:  # all fit so far: grow into the room left
            grown = int(n * max_height / height) if height > 0 else full
            n = min(max(grown, n + precision + 1), full)
        else:
            n = (low + high) // 2
    return best if best is not None else made(0)
