"""The brief's own flowables: stacked parts, labelled sections, tag chips, the lines
for notes."""
from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from relate.brief import fonts
from relate.brief.fit import (
    fit_line,
    measure,
)
from relate.brief.style import (
    ACCENT,
    GUTTER,
    INK,
    ITEM_GAP,
    LABEL_DROP,
    LINE,
    MUTED,
    NOTES_GAP,
    PAD_BOTTOM,
    PAD_TOP,
    RULE,
    TINT,
)


class Stack(Flowable):
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


class Section(Flowable):
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


class Chips(Flowable):
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


class Notes(Flowable):
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


def plain_paragraph(text: str, style: ParagraphStyle, prefix: str = "") -> Paragraph:
    """A paragraph that prints `text` as typed (escaped, CJK runs in the CJK face), each of
    its lines on a line of its own."""
    return Paragraph(prefix + fonts.markup(text).replace("\n", "<br/>"), style)


# Units: the trimmable sections -------------------------------------------------------------


