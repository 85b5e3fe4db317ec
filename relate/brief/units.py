"""Sections that give way: each can be cut to a height, and the page's height left over
is shared between them (water-filling), each trimmed with "… and N more"."""
from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    Flowable,
    Paragraph,
)

from relate.brief import fonts
from relate.brief.fit import (
    BIG,
    chars_within,
    fit_paragraph,
    measure,
)
from relate.brief.flowables import Chips, Section, plain_paragraph
from relate.brief.style import GUTTER


class Unit:
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

    def build(self, cap: float) -> Section:
        return Section(self.label, self._content(self.fit(cap)))


class ListUnit(Unit):
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
        return Section.height_of(self.label_height, heights + self._tail)

    def _content(self, n: int) -> list[Flowable]:
        if n:
            self._item(n - 1)
        more = [self._more_line(self.total - n)] if self.total > n else []
        return [*self.head, *self._built[:n], *more, *self.tail]


class ChipsUnit(Unit):
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
        return [Chips(self.chips[:n], more, self.set_, self.sizes)]

    def _height(self, n: int) -> float:
        heights = [measure(f, self.width) for f in self._chips(n)]
        return Section.height_of(self.label_height, heights + self._tail)

    def _content(self, n: int) -> list[Flowable]:
        return [*self._chips(n), *self.tail]


class StoryUnit(Unit):
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
        return plain_paragraph(text, self.style)

    def _section_height(self, body: float) -> float:
        return Section.height_of(self.label_height, [body])

    def estimate(self, cap: float) -> float:
        return min(self.full, max(cap, self.minimum))

    def build(self, cap: float) -> Section:
        height = self.estimate(cap)
        if self.paragraph is not None and self.full <= height:
            return Section(self.label, [self.paragraph])
        room = height - self._section_height(0)
        paragraph = fit_paragraph(
            self.text, self._make, self.width, room, keep_end=True, size=self._chars(room)
        )
        return Section(self.label, [paragraph])


def shared_out(units: list[Unit], budget: float) -> list[Flowable]:
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


