"""The notifier kept for a window's life: a click on a notification's body or button
comes back as a call while its loop runs, and `stop` ends its thread."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import pytest

from relate.desktop.notifier_loop import THREAD_NAME, NotifierLoop
from tests.conftest import NotificationService


def _until(condition: Callable[[], object], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def _threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == THREAD_NAME]


@pytest.fixture
def notifier() -> Iterator[NotifierLoop]:
    notifier = NotifierLoop()
    yield notifier
    notifier.stop()


def test_clicks_come_back_and_stop_ends_the_thread(
    notifier: NotifierLoop, notification_service: NotificationService
) -> None:
    assert not notifier.running and not _threads()  # nothing until the first one
    calls: list[str] = []
    notifier.send(
        "1-2-1 with Cy Cole",
        "Starts at 10:00 & ends at 11:00",
        on_failed=calls.append,
        on_clicked=lambda: calls.append("clicked"),
        buttons=[("Prepare brief", lambda: calls.append("brief"))],
    )
    notifier.settle()
    [sent] = notification_service.sent()
    assert sent["body"] == "Starts at 10:00 &amp; ends at 11:00"
    assert sent["actions"][0:2] == ["default", ""] and sent["actions"][3] == "Prepare brief"
    notification_service.click(sent["id"], sent["actions"][2])
    _until(lambda: calls)
    assert calls == ["brief"]

    notifier.send("Follow-up", "Ann Adams: Call", calls.append, lambda: calls.append("clicked"))
    notifier.settle()
    notification_service.click(notification_service.sent()[1]["id"])
    _until(lambda: len(calls) == 2)
    assert calls == ["brief", "clicked"]
    assert notifier.running and len(_threads()) == 1  # one thread for every notification
    notifier.stop()
    assert not notifier.running and not _threads()


def test_without_a_service_it_says_why(
    notifier: NotifierLoop, no_notification_service: None
) -> None:
    reasons: list[str] = []
    notifier.send("Follow-up", "Ann Adams: Call", reasons.append)
    _until(lambda: reasons)
    assert reasons == ["the desktop session bus (D-Bus) cannot be reached"]
    notifier.stop()
    assert not _threads()
