"""Small charts painted with QPainter for the Network health page.

Each chart holds plain data (a `relate.network_stats` dataclass), draws it in the
widget's palette so light and dark themes both read well, and shows exact numbers in a
tooltip over each bar.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from relate.dates import day_text, month_abbr
from relate.ledger import Balance
from relate.network_stats import CadenceKept, StageCount, WeekCount

# Mid-tone series colours read on light and dark backgrounds alike; the first series
# takes the palette's highlight.
GIVE = QColor("#e08a2c")
RECEIVE = QColor("#3f9e8c")
ON_TIME = QColor("#3fa060")
OVERDUE = QColor("#e0b020")
COLD = QColor("#d04a4a")


def quiet(palette: QPalette, alpha: int) -> QColor:
    """The text colour faded: grid lines, empty tracks, secondary words."""
    colour = QColor(palette.color(QPalette.ColorRole.WindowText))
    colour.setAlpha(alpha)
    return colour


def nice_step(top: int, lines: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving about `lines` grid lines."""
    if top <= lines:
        return 1
    raw = top / lines
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


class Chart(QWidget):
    """A chart: antialiased painting, and tooltips from the areas its last paint noted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tips: list[tuple[QRectF, str]] = []

    def tooltip_at(self, point: QPointF) -> str:
        """The exact numbers under a point, as the hover tooltip shows them."""
        return next((text for rect, text in self._tips if rect.contains(point)), "")

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        self._tips = []
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.draw(painter)
        painter.end()

    def draw(self, painter: QPainter) -> None:
        raise NotImplementedError

    def font_scaled(self, factor: float, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * factor)
        font.setBold(bold)
        return font

    def text(self, painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag, text: str) -> None:
        painter.drawText(rect, int(flags), text)


class FunnelChart(Chart):
    """The stages as centred bars narrowing from connections to advocates, each with its
    count and this quarter's movement into it."""

    ROW = 34

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stages: tuple[StageCount, ...] = ()

    def set_stages(self, stages: Sequence[StageCount]) -> None:
        self.stages = tuple(stages)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(460, self.ROW * max(len(self.stages), 5) + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(320, (self.ROW - 8) * max(len(self.stages), 5))

    def draw(self, painter: QPainter) -> None:
        palette = self.palette()
        if not self.stages:
            return
        metrics = painter.fontMetrics()
        label_w = max(metrics.horizontalAdvance(s.stage) for s in self.stages) + 12
        moved_w = metrics.horizontalAdvance("+00,000 this quarter") + 8
        area = QRectF(self.rect()).adjusted(0, 4, 0, -4)
        bar_left, bar_w = label_w, max(area.width() - label_w - moved_w, 40.0)
        row_h = area.height() / len(self.stages)
        top = max(s.count for s in self.stages) or 1
        base = palette.color(QPalette.ColorRole.Highlight)
        bold = self.font_scaled(1.0, bold=True)
        for n, stage in enumerate(self.stages):
            row = QRectF(0, area.top() + n * row_h, area.width(), row_h)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.setFont(self.font())
            self.text(
                painter,
                row.adjusted(0, 0, -(area.width() - label_w), 0),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                stage.stage,
            )
            # A square-root scale keeps the few advocates visible beside thousands of
            # connections; the exact numbers are written on each bar.
            share = math.sqrt(stage.count / top)
            width = max(bar_w * share, 6.0)
            bar = QRectF(bar_left + (bar_w - width) / 2, row.top() + 3, width, row_h - 6)
            colour = QColor(base)
            colour.setAlphaF(1.0 - 0.08 * n)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(bar, 4, 4)
            count = f"{stage.count:,}"
            painter.setFont(bold)
            if painter.fontMetrics().horizontalAdvance(count) + 10 < width:
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
                self.text(painter, bar, Qt.AlignmentFlag.AlignCenter, count)
            else:
                painter.setPen(palette.color(QPalette.ColorRole.WindowText))
                beside = QRectF(bar.right() + 6, bar.top(), 120, bar.height())
                self.text(painter, beside, Qt.AlignmentFlag.AlignVCenter, count)
            painter.setFont(self.font())
            moved = QRectF(area.width() - moved_w + 8, row.top(), moved_w - 8, row_h)
            if stage.moved_in:
                painter.setPen(ON_TIME)
                words = f"+{stage.moved_in:,} this quarter"
            else:
                painter.setPen(quiet(palette, 110))
                words = "none this quarter"
            self.text(painter, moved, Qt.AlignmentFlag.AlignVCenter, words)
            verb = "new this quarter" if n == 0 else "moved here this quarter"
            self._tips.append(
                (row, f"{stage.stage}: {stage.count:,} now, {stage.moved_in:,} {verb}")
            )


class WeeklyBars(Chart):
    """1-2-1s held and gives made, a pair of bars per week, months along the axis."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weeks: tuple[WeekCount, ...] = ()

    def set_weeks(self, weeks: Sequence[WeekCount]) -> None:
        self.weeks = tuple(weeks)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 220)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(360, 150)

    def draw(self, painter: QPainter) -> None:
        palette = self.palette()
        metrics = painter.fontMetrics()
        line_h = metrics.height()
        top = max((max(w.one_to_ones, w.gives) for w in self.weeks), default=0)
        step = nice_step(top)
        ceiling = max(step * math.ceil(top / step), step)
        axis_w = metrics.horizontalAdvance(f"{ceiling:,}") + 8
        plot = QRectF(self.rect()).adjusted(axis_w, line_h + 10, -4, -(line_h + 6))
        self._legend(painter, palette)
        for value in range(0, ceiling + 1, step):
            y = plot.bottom() - plot.height() * value / ceiling
            painter.setPen(QPen(quiet(palette, 140 if value == 0 else 40), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(quiet(palette, 170))
            label = QRectF(0, y - line_h / 2, axis_w - 6, line_h)
            self.text(painter, label, Qt.AlignmentFlag.AlignRight, f"{value:,}")
        if not self.weeks:
            return
        slot = plot.width() / len(self.weeks)
        bar_w = max(slot * 0.36, 1.5)
        one_to_one = palette.color(QPalette.ColorRole.Highlight)
        for n, week in enumerate(self.weeks):
            left = plot.left() + n * slot + (slot - 2 * bar_w) / 2
            painter.setPen(Qt.PenStyle.NoPen)
            for offset, value, colour in ((0, week.one_to_ones, one_to_one), (1, week.gives, GIVE)):
                height = plot.height() * value / ceiling
                painter.setBrush(colour)
                painter.drawRect(
                    QRectF(left + offset * bar_w, plot.bottom() - height, bar_w, height)
                )
            if week.start.day <= 7:  # the week holding a month's first Monday
                painter.setPen(quiet(palette, 190))
                name = month_abbr(week.start)
                if week.start.month == 1:
                    name += f" {week.start.year}"
                painter.drawLine(
                    QPointF(plot.left() + n * slot, plot.bottom()),
                    QPointF(plot.left() + n * slot, plot.bottom() + 4),
                )
                label = QRectF(plot.left() + n * slot, plot.bottom() + 4, 80, line_h)
                self.text(painter, label, Qt.AlignmentFlag.AlignLeft, name)
            column = QRectF(plot.left() + n * slot, plot.top(), slot, plot.height())
            end = week.start + dt.timedelta(days=6)
            self._tips.append(
                (
                    column,
                    f"{day_text(week.start, short=True)} – {day_text(end)}"
                    f"\n1-2-1s held: {week.one_to_ones:,}"
                    f"\ngives made: {week.gives:,}",
                )
            )

    def _legend(self, painter: QPainter, palette: QPalette) -> None:
        metrics = painter.fontMetrics()
        x = float(self.width())
        for words, colour in (("gives made", GIVE), ("1-2-1s held", None)):
            x -= metrics.horizontalAdvance(words) + 4
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            self.text(
                painter, QRectF(x, 0, 200, metrics.height()), Qt.AlignmentFlag.AlignLeft, words
            )
            x -= 16
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour or palette.color(QPalette.ColorRole.Highlight))
            side = metrics.height() * 0.6
            painter.drawRect(QRectF(x + 2, (metrics.height() - side) / 2, side, side))
            x -= 10


class BalanceBar(Chart):
    """Given against received, as one bar split in two, for the recent months and all time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[tuple[str, Balance], ...] = ()

    def set_balances(self, rows: Sequence[tuple[str, Balance]]) -> None:
        """(label, balance) pairs, one bar each."""
        self.rows = tuple(rows)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(460, 46 * max(len(self.rows), 2))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(280, 40 * max(len(self.rows), 2))

    def draw(self, painter: QPainter) -> None:
        palette = self.palette()
        if not self.rows:
            return
        metrics = painter.fontMetrics()
        label_w = max(metrics.horizontalAdvance(label) for label, _ in self.rows) + 12
        row_h = self.height() / len(self.rows)
        for n, (label, balance) in enumerate(self.rows):
            row = QRectF(0, n * row_h, self.width(), row_h)
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            self.text(
                painter, QRectF(0, row.top(), label_w, row_h), Qt.AlignmentFlag.AlignVCenter, label
            )
            bar = QRectF(label_w, row.top() + 4, self.width() - label_w - 2, row_h - 8)
            total = balance.given + balance.received
            painter.setPen(Qt.PenStyle.NoPen)
            if total == 0:
                painter.setBrush(quiet(palette, 30))
                painter.drawRoundedRect(bar, 4, 4)
                painter.setPen(quiet(palette, 150))
                self.text(painter, bar, Qt.AlignmentFlag.AlignCenter, "nothing given or received")
                self._tips.append((row, f"{label}: nothing given or received"))
                continue
            split = bar.width() * balance.given / total
            painter.setBrush(RECEIVE)
            painter.drawRoundedRect(bar, 4, 4)
            painter.setBrush(GIVE)
            if balance.received:
                painter.drawRoundedRect(QRectF(bar.left(), bar.top(), split, bar.height()), 4, 4)
                painter.drawRect(QRectF(bar.left() + split - 4, bar.top(), 4, bar.height()))
            else:
                painter.drawRoundedRect(bar, 4, 4)
            # White on these mid-tone colours reads in both themes.
            painter.setPen(QColor("white"))
            painter.setFont(self.font_scaled(1.0, bold=True))
            inner = bar.adjusted(8, 0, -8, 0)
            given, received = f"gave {balance.given:,}", f"received {balance.received:,}"
            fits = painter.fontMetrics().horizontalAdvance
            if balance.given and fits(given) + 8 < split:
                self.text(painter, inner, Qt.AlignmentFlag.AlignVCenter, given)
            if balance.received and fits(received) + 8 < bar.width() - split:
                self.text(
                    painter,
                    inner,
                    Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                    received,
                )
            painter.setFont(self.font())
            share = round(100 * balance.given / total)
            self._tips.append(
                (
                    row,
                    f"{label}: gave {balance.given:,}, received {balance.received:,}"
                    f" ({share}% given)",
                )
            )


class CadenceGauge(Chart):
    """A half-ring: on time, overdue and going cold, with the share kept in its middle."""

    EDGE = 4  # pixels between the ring and the widget's sides and bottom
    THICK = 22.0  # the band's width, at most
    PERCENT_SCALE = 2.2  # the share's size against the widget's font, at most

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cadence = CadenceKept(0, 0, 0, 0)

    def set_cadence(self, cadence: CadenceKept) -> None:
        self.cadence = cadence
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(260, 170)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(180, 120)

    def percent_text(self) -> str:
        """The share kept, rounded; never 100% while someone is late, nor 0% while someone
        is on time."""
        c = self.cadence
        if c.share is None:
            return "–"
        percent = round(100 * c.share)
        if c.on_time < c.with_rhythm:
            percent = min(percent, 99)
        if c.on_time:
            percent = max(percent, 1)
        return f"{percent}%"

    def ring(self) -> tuple[QRectF, float]:
        """The half-ring's circle and the width of its band: as large as the widget
        holds, with the band's outer edge `EDGE` pixels inside every side."""
        outer = max(min(self.width() / 2, self.height() - self.EDGE) - self.EDGE, 4.0)
        thick = min(max(outer * 0.2, 4.0), self.THICK)
        radius = outer - thick / 2
        centre = QPointF(self.width() / 2, self.height() - self.EDGE)
        return QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius), thick

    def words(self) -> list[tuple[QRectF, QFont, str]]:
        """Where the share kept and "on time" are written inside the ring, and in which
        font: the share as large as fits the ring's hole, up to PERCENT_SCALE."""
        ring, thick = self.ring()
        hole = ring.width() / 2 - thick / 2
        centre = ring.center()
        label = QFontMetricsF(self.font())
        on_time = QRectF(centre.x() - hole, centre.y() - label.height(), 2 * hole, label.height())
        # The share's box: its width at its top edge is a chord of the hole.
        height = max(hole - label.height(), 1.0) * 0.8
        width = 2 * math.sqrt(max(hole**2 - (label.height() + height) ** 2, 1.0))
        box = QRectF(centre.x() - width / 2, on_time.top() - height, width, height)
        font = self.font_scaled(self.PERCENT_SCALE, bold=True)
        text = self.percent_text()
        size = QFontMetricsF(font).boundingRect(text)
        shrink = min(1.0, box.width() / max(size.width(), 1.0), box.height() / size.height())
        font.setPointSizeF(max(font.pointSizeF() * shrink, 1.0))
        return [(box, font, text), (on_time, self.font(), "on time")]

    def draw(self, painter: QPainter) -> None:
        palette = self.palette()
        c = self.cadence
        ring, thick = self.ring()
        pen = QPen(quiet(palette, 35), thick, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawArc(ring, 0, 180 * 16)
        cold, overdue = c.cold, c.overdue - c.cold
        start = 180.0
        for value, colour in ((c.on_time, ON_TIME), (overdue, OVERDUE), (cold, COLD)):
            if not value or not c.with_rhythm:
                continue
            span = 180.0 * value / c.with_rhythm
            pen.setColor(colour)
            painter.setPen(pen)
            painter.drawArc(ring, round(start * 16), -round(span * 16))
            start -= span
        (share_box, share_font, share), (label_box, label_font, label) = self.words()
        painter.setPen(quiet(palette, 170))
        painter.setFont(label_font)
        self.text(painter, label_box, Qt.AlignmentFlag.AlignHCenter, label)
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        painter.setFont(share_font)
        self.text(
            painter, share_box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, share
        )
        painter.setFont(self.font())
        if c.with_rhythm:
            tip = (
                f"{c.on_time:,} of {c.with_rhythm:,} on time; {overdue:,} overdue,"
                f" {cold:,} going cold"
            )
        else:
            tip = "Nobody has a rhythm yet"
        self._tips.append((QRectF(self.rect()), tip))
