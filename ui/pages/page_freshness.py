"""Keeping a page of figures current without reading the database more than needed."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QDateTime, QEvent, QObject, QTime, QTimer, SignalInstance
from PySide6.QtWidgets import QWidget


class PageFreshness(QObject):
    """Calls a page's `refresh` after changes to the data and at midnight: once for a
    burst of changes, at once while the page is shown, and only when it is next shown
    while it is hidden (a hidden page reads nothing, unless `wanted` says to read all the
    same). The page's `refresh` calls `mark_fresh`, so a refresh made by other means
    counts too."""

    def __init__(
        self,
        page: QWidget,
        refresh: Callable[[], object],
        signals: Iterable[SignalInstance],
        wanted: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(page)
        self.page, self._refresh = page, refresh
        self.wanted = wanted or page.isVisible
        self.stale = True
        # Many changes in one go (an import, an undo) make one refresh.
        self._soon = QTimer(self, singleShot=True, interval=0)
        self._soon.timeout.connect(self.refresh_now)
        self.midnight = QTimer(self, singleShot=True)
        self.midnight.timeout.connect(self._on_midnight_timeout)
        self._arm_midnight()
        for signal in signals:
            signal.connect(self.mark_stale)
        page.installEventFilter(self)

    def mark_stale(self, *_args: object) -> None:
        """The data changed: refresh soon if shown, else when next shown."""
        self.stale = True
        if self.wanted():
            self._soon.start()

    def refresh_now(self) -> None:
        self._refresh()

    def mark_fresh(self) -> None:
        """The page has just read the data."""
        self.stale = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.page and event.type() == QEvent.Type.Show and self.stale:
            self.refresh_now()
        return False

    def _arm_midnight(self) -> None:
        now = QDateTime.currentDateTime()
        midnight = QDateTime(now.date().addDays(1), QTime(0, 0, 1))
        self.midnight.start(max(1000, now.msecsTo(midnight)))

    def _on_midnight_timeout(self) -> None:
        self._arm_midnight()
        self.mark_stale()
