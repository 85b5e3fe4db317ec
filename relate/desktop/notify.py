"""Desktop notifications from the core, through `desktop-notifier`, which speaks each
platform's own service (D-Bus's org.freedesktop.Notifications on Linux, the
Notification Center on macOS, toasts on Windows).

The library never raises when a notification fails (it logs a warning): `send` listens
for that warning and returns why, so a command can say the notification could not be
shown, and print instead. `notify` sends one and forgets it (the morning digest);
`relate.desktop.notifier_loop` keeps a notifier for the life of a window, so that clicking one
comes back to it.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from relate.resources import resource_path

if TYPE_CHECKING:
    from desktop_notifier import DesktopNotifier, Icon

APP_NAME = "Relate"
# D-Bus activation of a service that never answers would otherwise hold a morning
# command up for D-Bus's own 25 seconds.
TIMEOUT_SECONDS = 5.0


class _Failures(logging.Handler):
    """Keeps what the library logs as a failure while a notification is sent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.reasons: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        cause = record.exc_info[1] if record.exc_info else None
        self.reasons.append(_reason(cause) if cause is not None else record.getMessage())


@contextmanager
def _failures() -> Iterator[_Failures]:
    logger = logging.getLogger("desktop_notifier")
    handler = _Failures()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False  # its traceback is not for the user's terminal
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _reason(exc: BaseException) -> str:
    """Why no notification service answered, in words."""
    name = type(exc).__name__
    text = str(exc).strip()
    if sys.platform.startswith("linux") and not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        if not os.path.exists(f"/run/user/{os.getuid()}/bus"):
            return "there is no desktop session bus (D-Bus) to send it through"
    if isinstance(exc, (FileNotFoundError, ConnectionError)):
        return "the desktop session bus (D-Bus) cannot be reached"
    if "ServiceUnknown" in text or "org.freedesktop.Notifications" in text:
        return "no notification service is running on this desktop"
    return f"the notification service did not answer ({name}{': ' + text if text else ''})"


def _icon() -> Icon | None:
    from desktop_notifier import Icon

    try:
        return Icon(path=resource_path("icons", "hicolor", "128x128", "apps", "relate.png"))
    except (OSError, ValueError):
        return None


def unavailable() -> str | None:
    """Why this copy of Relate cannot show notifications at all, else None."""
    try:
        import desktop_notifier  # noqa: F401
    except ImportError as exc:  # a bundle built without it
        return f"this copy of Relate cannot show notifications ({exc})"
    return None


def new_notifier() -> DesktopNotifier:
    """The library's notifier, named and drawn as Relate."""
    from desktop_notifier import DesktopNotifier

    return DesktopNotifier(app_name=APP_NAME, app_icon=_icon())


async def send(
    notifier: DesktopNotifier,
    title: str,
    body: str,
    on_clicked: Callable[[], object] | None = None,
    buttons: Sequence[tuple[str, Callable[[], object]]] = (),
) -> str | None:
    """Send one notification through `notifier`: None once it is shown, else why it
    could not be. `on_clicked` and each button's call come from the notifier's loop, as
    long as that loop runs (`relate.desktop.notifier_loop`)."""
    from desktop_notifier import Button

    if sys.platform.startswith("linux"):
        # Notification servers read the body as markup: a name with "&" or "<" must
        # show as written.
        body = html.escape(body, quote=False)
    shown: list[bool] = []
    with _failures() as failures:
        try:
            await asyncio.wait_for(
                notifier.send(
                    title,
                    body,
                    buttons=[Button(label, on_pressed=call) for label, call in buttons],
                    on_clicked=on_clicked,
                    on_dispatched=lambda: shown.append(True),
                ),
                TIMEOUT_SECONDS,
            )
        except TimeoutError:
            return f"the notification service did not answer within {TIMEOUT_SECONDS:g} seconds"
        except Exception as exc:  # noqa: BLE001 (any failure to reach it means: print)
            return _reason(exc)
    if shown:
        return None
    return failures.reasons[0] if failures.reasons else "the notification service refused it"


async def disconnect(notifier: DesktopNotifier) -> None:
    """Close the D-Bus connection the library keeps open for what the user does with a
    notification (the library has no call for it; elsewhere there is nothing to close)."""
    bus = getattr(getattr(notifier, "_backend", None), "bus", None)
    if bus is not None and getattr(bus, "connected", False):
        bus.disconnect()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(bus.wait_for_disconnect(), 1)


async def _send_once(title: str, body: str) -> str | None:
    notifier = new_notifier()
    try:
        return await send(notifier, title, body)
    finally:
        # A one-shot command does not wait for what the user does with it.
        await disconnect(notifier)


def notify(title: str, body: str) -> str | None:
    """Show one desktop notification; None once it is shown, else why it could not be."""
    why_not = unavailable()
    if why_not is not None:
        return why_not
    return asyncio.run(_send_once(title, body))
