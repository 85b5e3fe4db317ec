"""A desktop notifier kept for the life of a window, so that what the user clicks on a
notification (its body, a button) comes back: the library hears of a click only while
its asyncio loop runs, here on one daemon thread of its own, started with the first
notification and ended by `stop`.

    notices = NotifierLoop()
    notices.send("1-2-1 with Cy Cole", "Starts at 10:00.", on_clicked=open_contact,
                 buttons=[("Prepare brief", open_brief)], on_failed=say_in_window)
    ...
    notices.stop()  # the window has closed

Every call given (`on_clicked`, a button's, `on_failed`) runs on that thread: a window
hands it on to its own. On Linux the library speaks D-Bus, where this works; macOS
delivers clicks only to a run loop on the main thread, so there they do nothing.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from relate.desktop import notify

if TYPE_CHECKING:
    from desktop_notifier import DesktopNotifier

log = logging.getLogger(__name__)

THREAD_NAME = "relate-notifier"
# How long closing the window waits for the connection to close and the thread to end.
STOP_SECONDS = 2.0


class NotifierLoop:
    """One notifier and its loop on a thread of their own; see the module's docstring."""

    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._lock: asyncio.Lock | None = None
        self._notifier: DesktopNotifier | None = None

    @property
    def running(self) -> bool:
        """Whether the loop's thread runs (from the first notification until `stop`)."""
        return self._thread is not None and self._thread.is_alive()

    def send(
        self,
        title: str,
        body: str,
        on_failed: Callable[[str], object],
        on_clicked: Callable[[], object] | None = None,
        buttons: Sequence[tuple[str, Callable[[], object]]] = (),
    ) -> None:
        """Show a notification (without waiting for it): `on_clicked` when its body is
        clicked, a button per (label, call); `on_failed(why)` when it could not be shown."""
        why_not = notify.unavailable()
        if why_not is not None:
            on_failed(why_not)
            return
        future = asyncio.run_coroutine_threadsafe(
            self._send(title, body, on_failed, on_clicked, buttons), self._started()
        )
        future.add_done_callback(_log_bug)

    def settle(self, timeout: float = 10.0) -> None:
        """Wait until every notification sent so far has reached the service, or failed
        to (a test's wait: the library knows a notification, and so hears a click on
        it, only from then on)."""
        if self._loop is not None:
            asyncio.run_coroutine_threadsafe(self._settled(), self._loop).result(timeout)

    def stop(self) -> None:
        """Close the connection and end the loop and its thread."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        self._loop = self._thread = None
        loop.call_soon_threadsafe(loop.stop)
        thread.join(STOP_SECONDS)
        if thread.is_alive():
            log.warning("the notifier's thread did not end within %g seconds", STOP_SECONDS)

    def _started(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            self._lock = asyncio.Lock()
            self._thread = threading.Thread(
                target=self._run, args=(loop,), name=THREAD_NAME, daemon=True
            )
            self._loop = loop
            self._thread.start()
        return self._loop

    def _run(self, loop: asyncio.AbstractEventLoop) -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_forever()
            loop.run_until_complete(self._close())
        finally:
            loop.close()

    async def _send(
        self,
        title: str,
        body: str,
        on_failed: Callable[[str], object],
        on_clicked: Callable[[], object] | None,
        buttons: Sequence[tuple[str, Callable[[], object]]],
    ) -> None:
        assert self._lock is not None
        # One at a time: `notify.send` hears of a failure through the library's log.
        async with self._lock:
            if self._notifier is None:
                self._notifier = notify.new_notifier()
            why_not = await notify.send(self._notifier, title, body, on_clicked, buttons)
            if why_not is not None:
                # A new connection for the next one: the service may have started since.
                await notify.disconnect(self._notifier)
                self._notifier = None
        if why_not is not None:
            on_failed(why_not)

    async def _settled(self) -> None:
        assert self._lock is not None
        async with self._lock:  # taken in turn: after the sends before it
            pass

    async def _close(self) -> None:
        """On the stopped loop: what was being sent is given up, the connection closed."""
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if self._notifier is not None:
            await notify.disconnect(self._notifier)
            self._notifier = None
        await asyncio.get_running_loop().shutdown_asyncgens()


def _log_bug(future: concurrent.futures.Future[None]) -> None:
    exc = None if future.cancelled() else future.exception()
    if exc is not None:
        log.error("a notification failed", exc_info=exc)
