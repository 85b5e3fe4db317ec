"""A layout that places items left to right and wraps them onto further lines."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QStyle, QWidget, QWidgetItem


class FlowLayout(QLayout):
    """Items in reading order, wrapped to the width given; the height follows the width.

    Each line is as tall as its tallest item and the others are centred in it. An
    item that expands horizontally (a line edit, say) stretches to the end of its line.
    A spacing of -1 means the style's default spacing between widgets.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        margin: int = -1,
        h_spacing: int = -1,
        v_spacing: int = -1,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._h_spacing = h_spacing
        self._v_spacing = v_spacing
        if margin >= 0:
            self.setContentsMargins(margin, margin, margin, margin)

    # Spacing ----------------------------------------------------------------

    def horizontalSpacing(self) -> int:  # noqa: N802
        if self._h_spacing >= 0:
            return self._h_spacing
        return self._style_spacing(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def verticalSpacing(self) -> int:  # noqa: N802
        if self._v_spacing >= 0:
            return self._v_spacing
        return self._style_spacing(QStyle.PixelMetric.PM_LayoutVerticalSpacing)

    def setHorizontalSpacing(self, spacing: int) -> None:  # noqa: N802
        self._h_spacing = spacing
        self.invalidate()

    def setVerticalSpacing(self, spacing: int) -> None:  # noqa: N802
        self._v_spacing = spacing
        self.invalidate()

    def spacing(self) -> int:
        h, v = self.horizontalSpacing(), self.verticalSpacing()
        return h if h == v else -1

    def setSpacing(self, spacing: int) -> None:  # noqa: N802
        self._h_spacing = self._v_spacing = spacing
        self.invalidate()

    def _style_spacing(self, metric: QStyle.PixelMetric) -> int:
        parent = self.parent()
        if isinstance(parent, QWidget):
            return parent.style().pixelMetric(metric, None, parent)
        if isinstance(parent, QLayout):
            return parent.spacing()
        return 6

    # Items ------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802
        self._items.append(item)
        self.invalidate()

    def insertWidget(self, index: int, widget: QWidget) -> None:  # noqa: N802
        """Put `widget` at `index` (like QBoxLayout's); a negative index appends."""
        self.addChildWidget(widget)
        if index < 0 or index > len(self._items):
            index = len(self._items)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if 0 <= index < len(self._items):
            return self._items[index]
        return None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self.invalidate()
            return item
        return None

    # Geometry ---------------------------------------------------------------

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._do_layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._do_layout(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        # The widest item, not all of them in a row: many items must not make a pane or
        # dialog ask to be very wide. The width comes from the parent, the height from
        # heightForWidth.
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.sizeHint())
        return size + self._margin_size()

    def minimumSize(self) -> QSize:  # noqa: N802
        # One item per line at worst, so the widest item bounds the width.
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        return size + self._margin_size()

    def _margin_size(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _do_layout(self, rect: QRect, *, apply: bool) -> int:
        """Break the items into lines within `rect`, place them if `apply`; the height used."""
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        h_space, v_space = self.horizontalSpacing(), self.verticalSpacing()

        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = 0
        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint()
            width = max(min(hint.width(), area.width()), item.minimumSize().width())
            if lines[-1] and x + width > area.width():
                lines.append([])
                x = 0
            lines[-1].append((item, QSize(width, hint.height())))
            x += width + h_space

        y = area.y()
        for number, line in enumerate(lines):
            if not line:
                continue
            if number:
                y += v_space
            line_height = max(size.height() for _item, size in line)
            if apply:
                self._place_line(line, QPoint(area.x(), y), area.right() + 1, line_height)
            y += line_height
        return y - rect.y() + margins.bottom()

    def _place_line(
        self, line: list[tuple[QLayoutItem, QSize]], origin: QPoint, right: int, height: int
    ) -> None:
        x = origin.x()
        for index, (item, size) in enumerate(line):
            width = size.width()
            is_last = index == len(line) - 1
            if is_last and item.expandingDirections() & Qt.Orientation.Horizontal:
                width = max(width, right - x)
            top = origin.y() + (height - size.height()) // 2
            item.setGeometry(QRect(x, top, width, size.height()))
            x += width + self.horizontalSpacing()
