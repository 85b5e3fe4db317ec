"""Changes announced once: a command returns what it changed, the command runner says
it, and the contact pane reads its card once for it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from relate import contacts
from relate.changes import EVERYTHING, Changes
from ui.undo.data_events import DataEvents

UI = Path(__file__).resolve().parents[2] / "ui"


@pytest.fixture
def card_reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The ids of every contact card read from here on."""
    reads: list[int] = []
    read = contacts.get_contact

    def counting(contact_id: int):  # noqa: ANN202 - a ContactDetail
        reads.append(contact_id)
        return read(contact_id)

    monkeypatch.setattr(contacts, "get_contact", counting)
    return reads


def test_a_tag_added_on_the_card_reads_the_card_once(
    qtbot, pane, network: dict[str, int], card_reads: list[int]
) -> None:
    heard: list[str] = []
    events = pane.events
    for name in ("contacts_changed", "tags_changed", "announced"):
        getattr(events, name).connect(lambda *_args, name=name: heard.append(name))
    editor = pane.card.tag_editor
    qtbot.keyClicks(editor.input, "sailing")
    qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert "sailing" in editor.tags()
    # Contacts and tags changed, said once each; the card was read once for both.
    assert heard == ["contacts_changed", "tags_changed", "announced"]
    assert card_reads == [network["ann"]]
    heard.clear()
    card_reads.clear()
    qtbot.keyClick(pane, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "sailing" not in editor.tags()
    assert heard == ["contacts_changed", "tags_changed", "announced"]
    assert card_reads == [network["ann"]]


def test_a_bulk_change_reads_the_card_once_and_its_timeline(
    qtbot, pane, network: dict[str, int], card_reads: list[int]
) -> None:
    contacts.update_contact(network["ann"], company="Elsewhere")  # as an import would
    pane.events.announce(EVERYTHING)
    assert card_reads == [network["ann"]]
    assert pane.role.text() == "Elsewhere"


def test_changes_merge_and_an_empty_one_says_nothing(qtbot) -> None:
    events = DataEvents()
    heard: list[tuple[str, object]] = []
    for signal, name in zip(
        events.every_change(),
        ("changed", "added", "removed", "timeline", "tags", "meetings", "ideas"),
        strict=True,
    ):
        signal.connect(lambda *args, name=name: heard.append((name, args)))
    events.announce(Changes())
    assert heard == []
    both = Changes(contacts=(1, 2), tags=True) | Changes.of(contacts=[2, 3], timelines={3})
    assert both == Changes(contacts=(1, 2, 3), timelines=(3,), tags=True)
    events.announce(both)
    assert heard == [("changed", ([1, 2, 3],)), ("timeline", (3,)), ("tags", ())]


SIGNALS = "|".join(
    ("contacts_changed", "contacts_added", "contacts_removed", "timeline_changed")
    + ("tags_changed", "meetings_changed", "ideas_changed")
)


def test_no_window_module_announces_changes_by_hand() -> None:
    by_hand = re.compile(rf"\.({SIGNALS})\.emit\(")
    found = [
        f"{path.name}:{number}"
        for path in sorted(UI.rglob("*.py"))
        if path.name != "data_events.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if by_hand.search(line)
    ]
    assert found == []
