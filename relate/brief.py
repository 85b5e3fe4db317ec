"""The one-page 1-2-1 brief: a `BriefData` printed as a PDF with ReportLab Platypus.

Every page is exactly one page whatever the data: each section is measured with `wrap()`,
the notes area gives way first, then the sections share what is left (water-filling), each
trimmed to its share with "… and N more"; the story keeps its most recent part. Text is
cut only where it does not fit, at a word with "…" (`relate.brief_fit`).
"""

from __future__ import annotations

import functools
import io
import locale
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from relate import fonts
from relate.brief_data import BriefData, Entry, Loop, Meeting, Suggestion
from relate.brief_fit import (
    BIG,
    chars_within,
    cut,
    fit_line,
    fit_paragraph,
    fit_parts,
    measure,
)
from relate.dates import day_text, long_day_text, time_text
from relate.fields import label as field_label
from relate.files import private_file

log = logging.getLogger(__name__)

# Colours: ink on paper, one calm accent, red only for what is overdue or to avoid.
INK = HexColor("#1c2230")
MUTED = HexColor("#5f6877")
RULE = HexColor("#d9dde3")
LINE = HexColor("#c3c9d2")
ACCENT = HexColor("#2b5a7a")
TINT = HexColor("#e6eef4")
WARN = HexColor("#b2332a")

# Geometry, in points.
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 46, 36, 40
GUTTER = 84  # the left column that holds the section labels
PAD_TOP, PAD_BOTTOM, ITEM_GAP = 7, 5, 2
BODY, LEADING = 10, 13.5
LABEL_SIZE = 7.5
LABEL_DROP = BODY - LABEL_SIZE  # puts a label's baseline on its section's first line
NOTES_GAP, NOTES_MIN_LINES = 22, 4  # handwriting needs ~8 mm between lines
SLACK = 1.0  # kept free at the foot of the frame, so rounding never spills a page

# Characters above which a field cannot print anyway; cut early so measuring stays fast.
STORY_CAP = 9000
FIELD_CAP = 600
CHIP_CAP = 300

LETTER_COUNTRIES = frozenset("US CA MX PH CL CO CR DO GT PA PR SV VE".split())
AGENDA_LINES = 4  # an agenda prints line by line, up to this many
# The lines an item of a list may take, so that no one item runs long: its text is cut
# only beyond them.
ENTRY_LINES, LOOP_LINES, SUGGESTION_LINES, QUESTION_LINES = 3, 2, 2, 3


# Text ------------------------------------------------------------------------------------

_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\t": " "})
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(value: str, *, lines: bool = False) -> str:
    """`value` safe to print: control characters gone, one line unless `lines`."""
    value = _SURROGATES.sub("\ufffd", value.replace("\r\n", "\n").translate(_BREAKS))
    value = unicodedata.normalize("NFC", _CONTROLS.sub("", value))
    if lines:
        return re.sub(r"[ ]*\n\s*", "\n", value).strip()
    return " ".join(value.split())


class _Texts:
    """Cleans every field once and remembers the characters no font can print."""

    def __init__(self, contact_id: int) -> None:
        self.contact_id = contact_id
        self.lacking: dict[str, str] = {}

    def __call__(
        self,
        field: str,
        value: str,
        *,
        cap: int = FIELD_CAP,
        lines: bool = False,
        keep_end: bool = False,
    ) -> str:
        """`value` cleaned (its lines kept if `lines`) and cut to about `cap` characters,
        keeping its start (or its end)."""
        value = clean(value, lines=lines)
        if len(value) > cap:
            value = cut(value, cap, keep_end)
        lacking = fonts.missing(value)
        if lacking:
            # Invisible format characters (joiners, marks) need no glyph: drop them quietly.
            invisible = {c for c in lacking if unicodedata.category(c) == "Cf"}
            if invisible:
                value = "".join(c for c in value if c not in invisible)
                lacking = "".join(c for c in lacking if c not in invisible)
            if lacking:
                self.lacking[field] = "".join(dict.fromkeys(self.lacking.get(field, "") + lacking))
        return value

    def warn(self) -> None:
        # How many, never which: code points would spell the user's words back out.
        for field, chars in self.lacking.items():
            log.warning(
                "Brief for contact %s: %s has %d kinds of character no installed font can"
                " print; they print as empty boxes",
                self.contact_id,
                field,
                len(chars),
            )


def _plural(count: int, kind: str) -> str:
    uncounted = {"information", "advice", "help", "feedback"}
    return f"{count} {kind}" if count == 1 or kind in uncounted else f"{count} {kind}s"


# Styles ----------------------------------------------------------------------------------


@functools.cache
def _styles(regular: str, bold: str, italic: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles, made once per font set."""
    base = ParagraphStyle("body", fontName=regular, fontSize=BODY, leading=LEADING, textColor=INK)
    base.bulletFontName = regular

    def style(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "kicker": style("kicker", fontName=bold, fontSize=8, leading=10, textColor=ACCENT),
        "name": style("name", fontName=bold, fontSize=24, leading=28),
        "subtitle": style("subtitle", fontSize=12, leading=15.5, textColor=MUTED),
        "when": style("when", fontName=bold, fontSize=12, leading=15.5, textColor=ACCENT),
        "agenda": style("agenda", fontSize=BODY, leading=LEADING),
        "fact_label": style("fact_label", fontName=bold, fontSize=7, leading=9, textColor=MUTED),
        "fact": style("fact", fontSize=BODY, leading=12.5),
        "label": style("label", fontName=bold, fontSize=LABEL_SIZE, leading=9.5, textColor=ACCENT),
        "more": style("more", fontName=italic, fontSize=9, leading=12, textColor=MUTED),
        "entry": style("entry", leftIndent=66, bulletFontSize=9, bulletColor=MUTED),
        "loop": style("loop", leftIndent=15, bulletColor=MUTED),
        "overdue": style("overdue", leftIndent=15, bulletColor=WARN),
        "item": style("item", leftIndent=15, bulletColor=ACCENT),
        "question": style("question", leftIndent=15, bulletColor=ACCENT, fontSize=10.5),
    }


def _color(color: Color) -> str:
    return color.hexval().replace("0x", "#")


def _muted(markup: str) -> str:
    return f'<font color="{_color(MUTED)}">{markup}</font>'


# Flowables -------------------------------------------------------------------------------


class _Stack(Flowable):
    """Flowables one above the other, with a gap after each (the last one's too)."""

    def __init__(self, parts: Sequence[tuple[Flowable, float]]) -> None:
        super().__init__()
        self.parts = list(parts)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._heights = [measure(part, avail_width) for part, _ in self.parts]
        self.width = avail_width
        self.height = sum(self._heights) + sum(gap for _, gap in self.parts)
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for (part, gap), height in zip(self.parts, self._heights, strict=True):
            y -= height
            part.drawOn(self.canv, 0, y)
            y -= gap


class _Section(Flowable):
    """A band of the brief: a hairline, the label in the left gutter, the content beside."""

    def __init__(self, label: Paragraph, content: Sequence[Flowable]) -> None:
        super().__init__()
        self.label = label
        self.content = list(content)

    @staticmethod
    def height_of(label_height: float, heights: Sequence[float]) -> float:
        body = sum(heights) + ITEM_GAP * max(len(heights) - 1, 0)
        return PAD_TOP + max(label_height + LABEL_DROP, body) + PAD_BOTTOM

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width = avail_width - GUTTER
        self._heights = [measure(part, width) for part in self.content]
        label_height = measure(self.label, GUTTER - 10)
        self.width, self.height = avail_width, self.height_of(label_height, self._heights)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(0, self.height, self.width, self.height)
        top = self.height - PAD_TOP
        self.label.drawOn(canv, 0, top - LABEL_DROP - self.label.height)
        y = top
        for part, height in zip(self.content, self._heights, strict=True):
            y -= height
            part.drawOn(canv, GUTTER, y)
            y -= ITEM_GAP


CHIP_SIZE, CHIP_HEIGHT, CHIP_PAD, CHIP_GAP = 9.5, 17, 7, 5


class _Chips(Flowable):
    """Interest tags as rounded chips: shared ones filled and bold, the others outlined."""

    def __init__(
        self,
        chips: Sequence[tuple[str, bool]],
        more: str,
        set_: fonts.FontSet,
        sizes: dict[tuple[str, bool | None, float], tuple[str, float]] | None = None,
    ) -> None:
        super().__init__()
        self.chips, self.more, self.fonts = list(chips), more, set_
        self.sizes = {} if sizes is None else sizes  # shared while a unit tries sizes

    def _size(self, text: str, strong: bool | None, width: float) -> tuple[str, float]:
        """The chip's text cut to fit `width`, and the chip's width."""
        key = (text, strong, width)
        if key not in self.sizes:
            font = self._font(strong)
            text = fit_line(text, font, CHIP_SIZE, width - 2 * CHIP_PAD)
            self.sizes[key] = text, fonts.string_width(text, font, CHIP_SIZE) + 2 * CHIP_PAD
        return self.sizes[key]

    def _font(self, strong: bool | None) -> str:
        if strong is None:
            return self.fonts.italic
        return self.fonts.bold if strong else self.fonts.regular

    def _layout(self, width: float) -> list[tuple[float, int, float, str, bool | None]]:
        """(x, row, width, text, strong) of each chip; strong None: the "more" text."""
        placed: list[tuple[float, int, float, str, bool | None]] = []
        x, row = 0.0, 0
        items: list[tuple[str, bool | None]] = [*self.chips]
        if self.more:
            items.append((self.more, None))
        for text, strong in items:
            text, chip = self._size(text, strong, width)
            # The interests we do not share start a line of their own, after the shared.
            new_group = strong is False and placed and placed[-1][4] is True
            if x and (x + chip > width or new_group):
                x, row = 0.0, row + 1
            placed.append((x, row, chip, text, strong))
            x += chip + CHIP_GAP
        return placed

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._placed = self._layout(avail_width)
        rows = self._placed[-1][1] + 1 if self._placed else 0
        self.width, self.height = avail_width, rows * CHIP_HEIGHT + (rows - 1) * CHIP_GAP
        return self.width, max(self.height, 0)

    def draw(self) -> None:
        canv = self.canv
        for x, row, width, text, strong in self._placed:
            y = self.height - (row + 1) * CHIP_HEIGHT - row * CHIP_GAP
            font = self._font(strong)
            if strong is None:
                canv.setFillColor(MUTED)
                _draw_text(canv, x + 2, y + 5, text, font, CHIP_SIZE)
                continue
            canv.setLineWidth(0.7)
            canv.setStrokeColor(ACCENT if strong else LINE)
            canv.setFillColor(TINT if strong else HexColor("#ffffff"))
            canv.roundRect(x, y, width, CHIP_HEIGHT, 5, stroke=1, fill=1)
            canv.setFillColor(ACCENT if strong else INK)
            _draw_text(canv, x + CHIP_PAD, y + 5, text, font, CHIP_SIZE)


def _draw_text(canv: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw `text` at (x, y), switching to the CJK face for the runs that need it."""
    for face, part in fonts.runs(text):
        canv.setFont(face or font, size)
        canv.drawString(x, y, part)
        x += fonts.string_width(part, face or font, size)


class _Notes(Flowable):
    """The lined area for handwriting, as tall as the page leaves."""

    def __init__(self, label: Paragraph, height: float) -> None:
        super().__init__()
        self.label, self.height = label, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        measure(self.label, GUTTER - 10)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.6)
        canv.line(0, self.height, self.width, self.height)
        self.label.drawOn(canv, 0, self.height - PAD_TOP - LABEL_DROP - self.label.height)
        canv.setStrokeColor(LINE)
        canv.setLineWidth(0.5)
        y = self.height - PAD_TOP - NOTES_GAP
        while y >= 0:
            canv.line(GUTTER, y, self.width, y)
            y -= NOTES_GAP


def notes_height(lines: int) -> float:
    return PAD_TOP + lines * NOTES_GAP + 1


def _plain(text: str, style: ParagraphStyle, prefix: str = "") -> Paragraph:
    """A paragraph that prints `text` as typed (escaped, CJK runs in the CJK face), each of
    its lines on a line of its own."""
    return Paragraph(prefix + fonts.markup(text).replace("\n", "<br/>"), style)


# Units: the trimmable sections -------------------------------------------------------------


class _Unit:
    """One section that can be shown in part: `n` (0…count) says how much it shows."""

    def __init__(self, label: Paragraph, width: float, count: int, weight: float) -> None:
        self.label, self.width, self.count, self.weight = label, width, count, weight
        self.label_height = measure(label, GUTTER - 10)
        self.n_min = min(1, count)
        self._memo: dict[int, float] = {}

    def _height(self, n: int) -> float:
        raise NotImplementedError

    def _content(self, n: int) -> list[Flowable]:
        raise NotImplementedError

    def height(self, n: int) -> float:
        if n not in self._memo:
            self._memo[n] = self._height(n)
        return self._memo[n]

    def fit(self, cap: float) -> int:
        """The most this unit can show within `cap` points (at least its minimum)."""
        n = self.n_min
        while n < self.count and self.height(n + 1) <= cap:  # grows: long lists stay unread
            n += 1
        return n

    def estimate(self, cap: float) -> float:
        """The height `build(cap)` will not exceed."""
        return self.height(self.fit(cap))

    def build(self, cap: float) -> _Section:
        return _Section(self.label, self._content(self.fit(cap)))


class _ListUnit(_Unit):
    """Fixed parts, then items shown in part with "… and N more", then fixed parts."""

    def __init__(
        self,
        label: Paragraph,
        width: float,
        items: Sequence[Callable[[], Flowable]],
        total: int,
        more_style: ParagraphStyle,
        head: Sequence[Flowable] = (),
        tail: Sequence[Flowable] = (),
        weight: float = 1.0,
    ) -> None:
        super().__init__(label, width, len(items), weight)
        self.items, self.total, self.head, self.tail = items, total, list(head), list(tail)
        self.more_style = more_style
        self._built: list[Flowable] = []
        self._heights: list[float] = []
        self._head = [measure(f, width) for f in self.head]
        self._tail = [measure(f, width) for f in self.tail]
        self._more = measure(self._more_line(total), width)

    def _more_line(self, hidden: int) -> Paragraph:
        return Paragraph(f"… and {hidden} more", self.more_style)

    def _item(self, index: int) -> float:
        while len(self._built) <= index:  # built and measured lazily: 500 entries never are
            flowable = self.items[len(self._built)]()
            self._built.append(flowable)
            self._heights.append(measure(flowable, self.width))
        return self._heights[index]

    def _height(self, n: int) -> float:
        heights = [*self._head, *(self._item(i) for i in range(n))]
        if self.total > n:
            heights.append(self._more)
        return _Section.height_of(self.label_height, heights + self._tail)

    def _content(self, n: int) -> list[Flowable]:
        if n:
            self._item(n - 1)
        more = [self._more_line(self.total - n)] if self.total > n else []
        return [*self.head, *self._built[:n], *more, *self.tail]


class _ChipsUnit(_Unit):
    """Interest chips shown in part, then the topics to avoid."""

    def __init__(
        self,
        label: Paragraph,
        width: float,
        chips: Sequence[tuple[str, bool]],
        hidden: int,
        tail: Sequence[Flowable],
        set_: fonts.FontSet,
    ) -> None:
        super().__init__(label, width, len(chips), 1.0)
        self.chips, self.hidden, self.tail, self.set_ = chips, hidden, list(tail), set_
        self.sizes: dict[tuple[str, bool | None, float], tuple[str, float]] = {}
        self._tail = [measure(f, width) for f in self.tail]

    def _chips(self, n: int) -> list[Flowable]:
        if not self.chips:
            return []
        hidden = self.count - n + self.hidden
        more = f"… and {hidden} more" if hidden else ""
        return [_Chips(self.chips[:n], more, self.set_, self.sizes)]

    def _height(self, n: int) -> float:
        heights = [measure(f, self.width) for f in self._chips(n)]
        return _Section.height_of(self.label_height, heights + self._tail)

    def _content(self, n: int) -> list[Flowable]:
        return [*self._chips(n), *self.tail]


class _StoryUnit(_Unit):
    """Their story, cut from the start so the most recent part stays."""

    def __init__(
        self, label: Paragraph, width: float, text: str, style: ParagraphStyle, page: float
    ) -> None:
        super().__init__(label, width, 1, 1.3)
        self.text, self.style = text, style
        self.minimum = self._section_height(2 * style.leading)
        self.full, self.paragraph = BIG, None
        if self._chars(page) >= len(text):  # else it cannot fit the page: never wrap it whole
            self.paragraph = self._make(text)
            self.full = self._section_height(measure(self.paragraph, width))

    def _chars(self, height: float) -> int:
        """How many characters of the end could fill `height` if lines wasted nothing."""
        lines = height / self.style.leading
        font, size = self.style.fontName, self.style.fontSize
        return chars_within(self.text, font, size, lines * self.width, keep_end=True)

    def _make(self, text: str) -> Paragraph:
        return _plain(text, self.style)

    def _section_height(self, body: float) -> float:
        return _Section.height_of(self.label_height, [body])

    def estimate(self, cap: float) -> float:
        return min(self.full, max(cap, self.minimum))

    def build(self, cap: float) -> _Section:
        height = self.estimate(cap)
        if self.paragraph is not None and self.full <= height:
            return _Section(self.label, [self.paragraph])
        room = height - self._section_height(0)
        paragraph = fit_paragraph(
            self.text, self._make, self.width, room, keep_end=True, size=self._chars(room)
        )
        return _Section(self.label, [paragraph])


def _share(units: list[_Unit], budget: float) -> list[Flowable]:
    """Fit `units` into `budget` points: each gets at most `level × weight` (water-filling)."""

    def total(level: float) -> float:
        return sum(u.estimate(min(level * u.weight, budget)) for u in units)

    # Too many sections even at their smallest: drop the least useful in the meeting.
    while units and total(0) > budget:
        least = min(units, key=lambda u: u.weight)
        units = [u for u in units if u is not least]
    # Grow the level from an even share until it overflows, then bisect: a high first guess
    # would measure hundreds of items that can never fit.
    low, high = 0.0, budget / max(sum(u.weight for u in units), 1.0)
    ceiling = budget / min((u.weight for u in units), default=1.0)
    while high < ceiling and total(high) <= budget:
        low, high = high, min(high * 2, ceiling)
    if high >= ceiling and total(high) <= budget:
        low = high
    else:
        for _ in range(16):
            middle = (low + high) / 2
            low, high = (middle, high) if total(middle) <= budget else (low, middle)
    return [u.build(min(low * u.weight, budget)) for u in units]


# The brief -------------------------------------------------------------------------------


class _Brief:
    """Builds the flowables of one brief for a frame of `width` × `height`."""

    def __init__(self, data: BriefData, width: float, height: float) -> None:
        self.data, self.width, self.height = data, width, height
        self.fonts = fonts.text_fonts()
        self.styles = _styles(self.fonts.regular, self.fonts.bold, self.fonts.italic)
        self.text = _Texts(data.contact_id)
        self.content_width = width - GUTTER

    def _para(self, text: str, style: str, max_lines: int, width: float) -> Paragraph:
        """A paragraph of clean `text`, cut with "…" after `max_lines` lines."""
        chosen = self.styles[style]
        make = functools.partial(_plain, style=chosen)
        return fit_paragraph(text, make, width, max_lines * chosen.leading + 0.1)

    def _label(self, text: str) -> Paragraph:
        return Paragraph(text.upper(), self.styles["label"])

    def flowables(self) -> list[Flowable]:
        """The page: header, sections trimmed to fit, and notes lined to the foot."""
        header = self._header()
        header_height = measure(header, self.width)
        least_notes = notes_height(NOTES_MIN_LINES)
        budget = self.height - header_height - least_notes - SLACK
        content: list[Flowable] = [header, *_share(self._units(), budget)]
        used = header_height + sum(measure(f, self.width) for f in content[1:])
        notes = self.height - used - SLACK
        if notes < least_notes:  # not expected (every part is capped): shrink, never spill
            log.warning("Brief for contact %s did not fit; shrinking it", self.data.contact_id)
            room = self.height - least_notes - SLACK
            content, notes = [KeepInFrame(self.width, room, content, mode="shrink")], least_notes
        self.text.warn()
        return [*content, _Notes(self._label("Notes"), notes)]

    # Header --------------------------------------------------------------------------------

    def _header(self) -> _Stack:
        d, s = self.data, self.styles
        parts: list[tuple[Flowable, float]] = []
        if not d.meeting:  # else the meeting's banner says when
            kicker = f"1-2-1 brief · {long_day_text(d.on)}".upper()
            parts.append((Paragraph(kicker, s["kicker"]), 5))
        name = self.text("name", d.name) or "(no name)"
        note = self.text("name_note", d.name_note, cap=40)
        if note:
            name += f" ({note})"
        parts.append((self._para(name, "name", 2, self.width), 3))
        position, company = self.text("position", d.position), self.text("company", d.company)
        role = f"{position} at {company}" if position and company else position or company
        subtitle = " · ".join(x for x in (role, self.text("location", d.location)) if x)
        if subtitle:
            parts.append((self._para(subtitle, "subtitle", 2, self.width), 0))
        parts[-1] = (parts[-1][0], 12)
        if d.meeting:
            parts.append((self._meeting(d.meeting), 12))
        facts = self._facts()
        if facts:
            parts.append((facts, 10))
        parts[-1] = (parts[-1][0], 7)
        return _Stack(parts)

    def _meeting(self, meeting: Meeting) -> Table:
        inner = self.width - 18
        when = long_day_text(meeting.date)
        if meeting.time is not None:
            when += f" · {time_text(meeting.time)}"
        place = self.text("meeting.place", meeting.place)
        style = self.styles["when"]

        def line(place: str) -> Paragraph:
            at = f' <font color="{_color(MUTED)}">at</font> ' + fonts.markup(place)
            return Paragraph(when + (at if place else ""), style)

        rows: list[list[Flowable]] = [[fit_paragraph(place, line, inner, 2 * style.leading + 0.1)]]
        agenda = self.text("meeting.agenda", meeting.agenda, lines=True)
        if agenda:
            rows.append([self._para(agenda, "agenda", AGENDA_LINES, inner)])
        table = Table(rows, colWidths=[self.width])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 11),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, 0), 7),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        return table

    def _facts(self) -> Table | None:
        d = self.data
        facts: list[tuple[str, str]] = []
        stage = self.text("stage", d.stage)
        if stage:
            facts.append((field_label("stage"), stage))
        how = self.text("how_met", d.how_met)
        through = self.text("met_through", d.met_through)
        met = ", ".join(x for x in (how, f"through {through}" if through else "") if x)
        if met:
            facts.append((field_label("how_met"), met))
        if d.connected_on:
            facts.append(("Connected since", day_text(d.connected_on)))
        words = self.text("last_contact_words", d.last_contact_words)
        last = " · ".join(
            x for x in (words, day_text(d.last_contact) if d.last_contact else "") if x
        )
        if last:
            facts.append(("Last contact", last))
        if not facts:
            return None
        # Columns as wide as their text, the spare room shared out; narrower when too wide.
        gap, label_style, style = 12, self.styles["fact_label"], self.styles["fact"]
        natural = [
            max(
                fonts.string_width(label.upper(), label_style.fontName, label_style.fontSize),
                fonts.string_width(value[:200], style.fontName, style.fontSize),
            )
            + gap
            for label, value in facts
        ]
        spare = self.width - sum(natural)
        if spare >= 0:
            columns = [n + spare / len(natural) for n in natural]
        else:  # the widest give way, down to a common width; the narrow keep theirs
            widest = sorted(natural, reverse=True)
            count, rest = 1, self.width - sum(widest[1:])
            while count < len(widest) and rest / count < widest[count]:
                rest += widest[count]
                count += 1
            columns = [min(n, rest / count) for n in natural]
        cells = [
            [
                Paragraph(label.upper(), label_style),
                fit_paragraph(
                    value, functools.partial(_plain, style=style), column - gap, 2 * style.leading
                ),
            ]
            for (label, value), column in zip(facts, columns, strict=True)
        ]
        table = Table([cells], colWidths=columns, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    # Sections ------------------------------------------------------------------------------

    def _units(self) -> list[_Unit]:
        d, w = self.data, self.content_width
        units: list[_Unit] = []
        if d.shared_interests or d.other_interests or d.avoid:
            units.append(self._common_ground())
        story = self.text("story", d.story, lines=True, keep_end=True, cap=STORY_CAP)
        if story:
            label, style = self._label("Their story"), self.styles["body"]
            units.append(_StoryUnit(label, w, story, style, self.height))
        if d.entries:
            items = [functools.partial(self._entry, e) for e in d.entries]
            total = max(d.total_entries, len(d.entries))
            units.append(self._list("Last conversations", items, total, weight=0.9))
        if d.loops:
            items = [functools.partial(self._loop, loop) for loop in d.loops]
            units.append(self._list("Open loops", items, len(items), weight=1.2))
        give = self._give_first()
        if give:
            units.append(give)
        if d.questions:
            items = [functools.partial(self._question, i, q) for i, q in enumerate(d.questions, 1)]
            units.append(self._list("Questions to ask", items, len(items), weight=1.3))
        return units

    def _list(
        self,
        label: str,
        items: Sequence[Callable[[], Flowable]],
        total: int,
        weight: float,
        head: Sequence[Flowable] = (),
        tail: Sequence[Flowable] = (),
    ) -> _ListUnit:
        width, more = self.content_width, self.styles["more"]
        return _ListUnit(self._label(label), width, items, total, more, head, tail, weight)

    def _common_ground(self) -> _Unit:
        d = self.data
        chips = [(self.text("shared_interests", t, cap=CHIP_CAP), True) for t in d.shared_interests]
        chips += [(self.text("other_interests", t, cap=CHIP_CAP), False) for t in d.other_interests]
        # Enough to fill any page; the rest is counted in "… and N more".
        hidden = max(len(chips) - 200, 0)
        chips = [(t, strong) for t, strong in chips[:200] if t]
        tail: list[Flowable] = []
        avoid = [a for a in (self.text("avoid", t, cap=CHIP_CAP) for t in d.avoid[:12]) if a]
        if avoid:
            text = ", ".join(avoid) + (
                f" … and {len(d.avoid) - 12} more" if len(d.avoid) > 12 else ""
            )
            prefix = f'<font color="{_color(WARN)}"><b>Avoid:</b></font> '
            make = functools.partial(_plain, style=self.styles["body"], prefix=prefix)
            tail.append(fit_paragraph(text, make, self.content_width, 2 * LEADING + 0.1))
        label = self._label("Common ground")
        return _ChipsUnit(label, self.content_width, chips, hidden, tail, self.fonts)

    def _entry(self, entry: Entry) -> Paragraph:
        def render(texts: list[str]) -> Paragraph:
            kind, summary, notes = (fonts.markup(text) for text in texts)
            markup = " · ".join(x for x in (_muted(kind) if kind else "", summary) if x)
            if notes:
                markup += " " + _muted("— " + notes)
            return Paragraph(markup, self.styles["entry"], bulletText=day_text(entry.date))

        # The kind is short and says most; the notes give way first.
        kind = self.text("entries.kind", entry.kind)
        summary = self.text("entries.summary", entry.summary)
        notes = self.text("entries.notes", entry.notes)
        parts = [(kind, 0.5), (summary, 2.0), (notes, 0.8)]
        return fit_parts(parts, render, self.content_width, ENTRY_LINES)

    def _loop(self, loop: Loop) -> Paragraph:
        owed = _muted("They owe us: ") if loop.theirs else ""
        if loop.overdue:
            due = f", due {day_text(loop.due)}" if loop.due else ""
            when = f' <font color="{_color(WARN)}"><b>· overdue</b>{due}</font>'
        else:
            when = " " + _muted(f"· due {day_text(loop.due)}") if loop.due else ""
        box = "☐" if "☐" in self.fonts.covered else "-"
        style = self.styles["overdue" if loop.overdue else "loop"]

        def render(texts: list[str]) -> Paragraph:
            return Paragraph(owed + fonts.markup(texts[0]) + when, style, bulletText=box)

        parts = [(self.text("loops.text", loop.text), 1.0)]
        return fit_parts(parts, render, self.content_width, LOOP_LINES)

    def _suggestion(self, suggestion: Suggestion) -> Paragraph:
        arrow = "→" if "→" in self.fonts.covered else "-"

        def render(texts: list[str]) -> Paragraph:
            name, role, because = (fonts.markup(text) for text in texts)
            markup = f"<b>{name}</b>" + (", " + _muted(role) if role else "")
            markup += f" — {because}" if because else ""
            return Paragraph(markup, self.styles["item"], bulletText=arrow)

        name = self.text("suggestions.name", suggestion.name)
        role = self.text("suggestions.role", suggestion.role)
        because = self.text("suggestions.because", suggestion.because)
        parts = [(name, 0.45), (role, 0.5), (because, 0.8)]
        return fit_parts(parts, render, self.content_width, SUGGESTION_LINES)

    def _question(self, number: int, question: str) -> Paragraph:
        def render(texts: list[str]) -> Paragraph:
            return Paragraph(
                fonts.markup(texts[0]), self.styles["question"], bulletText=f"{number}."
            )

        parts = [(self.text("questions", question), 1.0)]
        return fit_parts(parts, render, self.content_width, QUESTION_LINES)

    def _give_first(self) -> _Unit | None:
        d, w = self.data, self.content_width
        head: list[Flowable] = []
        if d.given or d.received:
            head.append(Paragraph(self._balance(), self.styles["body"]))
        tail: list[Flowable] = []
        names = [n for n in (self.text("introduced_to", x, cap=80) for x in d.introduced_to) if n]
        if names:
            shown, room = 0, 1.5 * w
            while shown < len(names) and room > 0:
                room -= fonts.string_width(names[shown] + ", ", self.fonts.regular, BODY)
                shown += 1
            shown = max(shown - (room < 0), 1)
            text = ", ".join(names[:shown])
            text += f" … and {len(names) - shown} more" if shown < len(names) else ""
            prefix = _muted("Already introduced to: ")
            make = functools.partial(_plain, style=self.styles["body"], prefix=prefix)
            tail.append(fit_paragraph(text, make, w, 2 * LEADING + 0.1))
        if not (head or tail or d.suggestions):
            return None
        items = [functools.partial(self._suggestion, s) for s in d.suggestions]
        return self._list("Give first", items, len(items), 0.85, head, tail)

    def _balance(self) -> str:
        d = self.data

        def kinds(pairs: tuple[tuple[str, int], ...], field: str) -> str:
            named = [(self.text(field, kind, cap=30), count) for kind, count in pairs[:4]]
            words = ", ".join(_plural(count, kind) for kind, count in named if kind and count)
            return " " + _muted(f"({fonts.markup(words)})") if words else ""

        given = f"<b>Given {d.given}</b>" + kinds(d.given_by_kind, "given_by_kind")
        received = f"<b>received {d.received}</b>" + kinds(d.received_by_kind, "received_by_kind")
        return f"{given} · {received}"


# Documents -------------------------------------------------------------------------------


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
        story.extend(_Brief(data, frame_width, frame_height).flowables())
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
