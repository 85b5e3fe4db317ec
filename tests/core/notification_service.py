"""A stand-in desktop notification service (org.freedesktop.Notifications on D-Bus, as
dunst, GNOME Shell or Plasma serve it) that writes each notification it is sent to a
file, one JSON line each: [app name, summary, body].

    python notification_service.py LOG    (prints "ready" once it owns the name)
"""

import asyncio
import json
import sys

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method


class Notifications(ServiceInterface):
    def __init__(self, log: str) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.log = log

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F722, F821, N802 (D-Bus names and types)
        return ["body", "body-markup", "actions", "icon-static"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F821, N802
        return ["stand-in", "relate tests", "1.0", "1.2"]

    @method()
    def Notify(  # noqa: N802, PLR0913
        self,
        app_name: "s",  # noqa: F821
        replaces_id: "u",  # noqa: F821
        app_icon: "s",  # noqa: F821
        summary: "s",  # noqa: F821
        body: "s",  # noqa: F821
        actions: "as",  # noqa: F722
        hints: "a{sv}",  # noqa: F722
        expire_timeout: "i",  # noqa: F821
    ) -> "u":  # noqa: F821
        with open(self.log, "a", encoding="utf-8") as stream:
            stream.write(json.dumps([app_name, summary, body]) + "\n")
        return 1

    @method()
    def CloseNotification(self, notification_id: "u") -> None:  # noqa: F821, N802
        return None


async def main() -> None:
    bus = await MessageBus().connect()
    bus.export("/org/freedesktop/Notifications", Notifications(sys.argv[1]))
    await bus.request_name("org.freedesktop.Notifications")
    print("ready", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
