"""Windows that fit the screen: the main window's first size and its panes' least
widths, and every dialog capped to the screen it opens on.

`available_geometry` is the one place that asks the screen how much room there is.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QStyle, QWidget

# The narrowest screen the main window is laid out for: its panes' least widths fit it.
NARROWEST_SCREEN = 1280
# The first window without a saved size: most of the screen, up to this.
FIRST_SIZE = QSize(1500, 880)


def available_geometry(widget: QWidget) -> QRect:
    """The part of the screen `widget` is on that windows may use (without the desktop's
    panels and docks)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(window: QWidget) -> QMargins:
    """The window manager's frame around `window`: as measured once it has one, else a
    title bar and thin borders as the style draws them."""
    frame, inner = window.frameGeometry(), window.geometry()
    if frame != inner:
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )
    title = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight, None, window)
    title = max(title, window.fontMetrics().height() * 2)
    return QMargins(2, title, 2, 2)


def fit_to_screen(window: QWidget) -> None:
    """Make `window`, frame and all, no larger than the room on its screen, and move it
    inside that room if it reaches outside (keeping its centre when it shrinks)."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    area = available_geometry(window)
    frame = frame_margins(window)
    room = area.marginsRemoved(frame)
    size = window.size().boundedTo(room.size())
    centre = window.frameGeometry().center()
    if size != window.size():
        window.resize(size)
        outer = window.size().grownBy(frame)
        top_left = centre - QPoint(outer.width() // 2, outer.height() // 2)
    else:
        top_left = window.frameGeometry().topLeft()
    outer = window.size().grownBy(frame)
    inside = QPoint(
        max(area.left(), min(top_left.x(), area.right() + 1 - outer.width())),
        max(area.top(), min(top_left.y(), area.bottom() + 1 - outer.height())),
    )
    if inside != window.frameGeometry().topLeft():
        window.move(inside)


class _DialogsOnScreen(QObject):
    """Caps each dialog to its screen as it is shown (see `keep_dialogs_on_screen`)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Every event of the app comes through here: the cheap test first (asking an
        # event its type makes a Python enum, ~5 µs, thousands of times a page rebuild).
        if isinstance(watched, QDialog) and event.type() == QEvent.Type.Show:
            if watched.isWindow():
                fit_to_screen(watched)
        return False


def keep_dialogs_on_screen(owner: QObject) -> QObject:
    """From now on until `owner` goes, every dialog the app shows fits its screen: one
    cap for them all, whatever size each asks for."""
    guard = _DialogsOnScreen(owner)
    QApplication.instance().installEventFilter(guard)
    return guard


def place_first_window(window: QWidget, geometry: object) -> None:
    """The window as it was left (`geometry` from `saveGeometry`), or most of its screen,
    centred; either way fitted to the screen it opens on."""
    if isinstance(geometry, QByteArray) and not geometry.isEmpty():
        window.restoreGeometry(geometry)
    else:
        area = available_geometry(window)
        window.resize(FIRST_SIZE.boundedTo(area.size() * 0.9))
        window.move(area.center() - window.rect().center())
    fit_to_screen(window)


def set_pane_minimums(window: QWidget, panes: Sequence[tuple[QWidget, int]]) -> None:
    """Each pane's least width: `chars` average characters of the window's font, all
    narrowed alike when together they would not fit the narrowest screen (or this one)."""
    char = window.fontMetrics().averageCharWidth()
    frame = frame_margins(window)
    handle = window.style().pixelMetric(QStyle.PixelMetric.PM_SplitterWidth, None, window)
    screen = min(NARROWEST_SCREEN, available_geometry(window).width())
    room = screen - frame.left() - frame.right() - handle * len(panes)
    wanted = sum(chars for _pane, chars in panes) * char
    scale = min(1.0, room / wanted) if wanted else 1.0
    for pane, chars in panes:
        pane.setMinimumWidth(int(chars * char * scale))
