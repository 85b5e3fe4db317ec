"""Printing briefs: one page per `BriefData`, as PDF bytes or a file, on the user's paper."""

from __future__ import annotations

import io
import locale
import os
import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
)

from relate.brief import fonts
from relate.brief.data import BriefData
from relate.brief.page import BriefPage
from relate.brief.style import LETTER_COUNTRIES, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MUTED, clean
from relate.dates import day_text, long_day_text
from relate.files import private_file


def default_page_size() -> str:
    """The paper of the user's locale: "letter" in the US, Canada, Mexico, …, else "a4"."""
    names = [os.environ.get(v, "") for v in ("LC_ALL", "LC_PAPER", "LANG")]
    try:
        names.append(locale.getlocale()[0] or "")
    except ValueError:
        pass
    for name in names:
        match = re.match(r"[A-Za-z]{2,3}[_-]([A-Za-z]{2})\b", name)
        if match:
            return "letter" if match.group(1).upper() in LETTER_COUNTRIES else "a4"
        if any(country in name for country in ("United States", "Canada", "Mexico", "Philippines")):
            return "letter"
    return "a4"


def _page(page_size: str | None) -> tuple[float, float]:
    size = (page_size or default_page_size()).lower()
    if size not in ("letter", "a4"):
        raise ValueError(f"page size must be 'letter' or 'a4', not {page_size!r}")
    return LETTER if size == "letter" else A4


def _render(items: Sequence[BriefData], page_size: str | None, title: str) -> bytes:
    width, height = _page(page_size)
    set_ = fonts.text_fonts()
    buffer = io.BytesIO()
    frame_width = width - 2 * MARGIN_X
    frame_height = height - MARGIN_TOP - MARGIN_BOTTOM
    frame = Frame(
        MARGIN_X, MARGIN_BOTTOM, frame_width, frame_height, 0, 0, 0, 0, id="brief", showBoundary=0
    )

    def footer(canv: Canvas, doc: BaseDocTemplate) -> None:
        index = min(canv.getPageNumber(), len(items)) - 1
        canv.saveState()
        canv.setFont(set_.regular, 7)
        canv.setFillColor(MUTED)
        text = f"Relate · 1-2-1 brief · prepared for {long_day_text(items[index].on)}"
        canv.drawString(MARGIN_X, MARGIN_BOTTOM - 22, text)
        canv.restoreState()

    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        pageTemplates=[PageTemplate("brief", [frame], onPage=footer)],
        title=clean(title),
        author="Relate",
        creator="Relate",
        invariant=1,
    )
    story: list[Flowable] = []
    for number, data in enumerate(items):
        if number:
            story.append(PageBreak())
        story.extend(BriefPage(data, frame_width, frame_height).flowables())
    doc.build(story)
    return buffer.getvalue()


def render_brief(data: BriefData, page_size: str | None = None) -> bytes:
    """The brief for `data` as a one-page PDF; `page_size` "letter", "a4" or None (locale)."""
    return _render([data], page_size, f"Brief: {data.name}, {day_text(data.on)}")


def render_briefs(items: Sequence[BriefData], page_size: str | None = None) -> bytes:
    """Several briefs (the week's meetings) in one PDF, one page each."""
    if not items:
        raise ValueError("no briefs to print")
    days = sorted(data.on for data in items)
    span = day_text(days[0]) + (f" – {day_text(days[-1])}" if days[-1] != days[0] else "")
    return _render(list(items), page_size, f"Briefs: {len(items)} meetings, {span}")


def write_brief(path: Path | str, data: BriefData, page_size: str | None = None) -> None:
    """Write the brief to `path`, whole or not at all, readable by the user only."""
    content = render_brief(data, page_size)  # before opening: a failure leaves no file
    with private_file(Path(path), "wb") as stream:
        stream.write(content)


_FOLDS = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss", "Æ": "AE"}
    | {"æ": "ae", "Œ": "OE", "œ": "oe", "Þ": "Th", "þ": "th", "ı": "i", "Ħ": "H", "ħ": "h"}
)


def brief_file_name(data: BriefData) -> str:
    """`brief-<name-slug>-<YYYY-MM-DD>.pdf`; `contact-<id>` when the name has no Latin."""
    ascii_name = unicodedata.normalize("NFKD", data.name.translate(_FOLDS))
    ascii_name = ascii_name.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:60].strip("-")
    return f"brief-{slug or f'contact-{data.contact_id}'}-{data.on.isoformat()}.pdf"

