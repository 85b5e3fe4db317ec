"""A stand-in desktop notification service (org.freedesktop.Notifications on D-Bus, as
dunst, GNOME Shell or Plasma serve it) that writes each notification it is sent to a
file, one JSON object a line (id, app, summary, body, actions), and does on its standard
input what a user does with one:

    python notification_service.py LOG    (prints "ready" once it owns the name)
    action ID KEY      the user clicked the notification ("default") or a button
    closed ID REASON   it closed (2: the user dismissed it)
"""

import asyncio
import itertools
import json
import sys

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal


class Notifications(ServiceInterface):
    def __init__(self, log: str) -> None:
        super().__init__("org.freedesktop.Notifications")
        self.log = log
        self.ids = itertools.count(1)

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
        notification_id = next(self.ids)
        sent = {
            "id": notification_id,
            "app": app_name,
            "summary": summary,
            "body": body,
            "actions": actions,
        }
        with open(self.log, "a", encoding="utf-8") as stream:
            stream.write(json.dumps(sent) + "\n")
        return notification_id

    @method()
    def CloseNotification(self, notification_id: "u") -> None:  # noqa: F821, N802
        self.NotificationClosed(notification_id, 3)

    @signal()
    def ActionInvoked(self, notification_id: int, action_key: str) -> "us":  # noqa: F821, N802
        return [notification_id, action_key]

    @signal()
    def NotificationClosed(self, notification_id: int, reason: int) -> "uu":  # noqa: F821, N802
        return [notification_id, reason]


async def main() -> None:
    bus = await MessageBus().connect()
    service = Notifications(sys.argv[1])
    bus.export("/org/freedesktop/Notifications", service)
    await bus.request_name("org.freedesktop.Notifications")
    print("ready", flush=True)
    while line := await asyncio.to_thread(sys.stdin.readline):
        command, notification_id, argument = line.split(maxsplit=2)
        if command == "action":
            service.ActionInvoked(int(notification_id), argument.strip())
        elif command == "closed":
            service.NotificationClosed(int(notification_id), int(argument))
        print("done", flush=True)
    bus.disconnect()


if __name__ == "__main__":
    asyncio.run(main())
