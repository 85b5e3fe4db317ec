"""Find duplicates / Merge, and File → Export, driven through the real widgets."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QTimer
from PySide6.QtWidgets import QApplication

from relate import contacts, queries, timeline
from ui.window.main_window import MainWindow


@pytest.fixture
def twins(network: dict[str, int]) -> tuple[int, int]:
    robert = contacts.create_contact(
        "Robert", "Smith", company="Acme", position="CFO", story="Sails on weekends."
    )
    bob = contacts.create_contact(
        "Bob", "Smith", company="Acme", position="Finance director", story="Two kids."
    )
    timeline.log_interaction(bob, "call", date="2026-01-05", summary="Budget season")
    return robert, bob


def test_find_duplicates_merges_the_chosen_values_and_undo_separates_them(
    qtbot, window: MainWindow, twins: tuple[int, int]
) -> None:
    robert, bob = twins
    dialog = window.handlers.find_duplicates()
    assert dialog.pair_list.count() == 1  # found (by the inline runner) as it opened
    assert "Robert Smith / Bob Smith" in dialog.pair_list.item(0).text()
    assert "similar names at Acme" in dialog.pair_list.item(0).text()
    panel = dialog.panel
    assert panel.keep.id == robert and set(panel.groups) == {"first_name", "position", "story"}
    # Take Bob's position; keep Robert's first name; the stories are both kept by default.
    drop_position = next(
        b for b in panel.groups["position"].buttons() if b.property("side") == "drop"
    )
    drop_position.click()
    dialog.merge_button.click()
    assert dialog.pair_list.count() == 0
    assert "No likely duplicates" in dialog.status_label.text()
    merged = contacts.get_contact(robert)
    assert (merged.first_name, merged.position) == ("Robert", "Finance director")
    assert "Sails on weekends." in merged.story and "Two kids." in merged.story
    assert [e.summary for e in timeline.interactions_for(robert)] == ["Budget season"]
    assert window.list_pane.model.row_of(bob) < 0
    dialog.reject()

    window.menu_actions.undo_action.trigger()
    back = queries.contact_ids("bob smith")
    assert len(back) == 1 and contacts.get_contact(back[0]).position == "Finance director"
    assert contacts.get_contact(robert).position == "CFO"
    assert window.list_pane.model.row_of(back[0]) >= 0
    window.menu_actions.redo_action.trigger()
    assert queries.contact_ids("bob smith") == []


def test_merge_two_selected_contacts_with_the_other_kept(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    ann, cy = network["ann"], network["cy"]
    table = window.list_pane.table
    window.list_pane.select_contact(ann)
    index = window.list_pane.model.index(window.list_pane.model.row_of(cy), 0)
    table.selectionModel().select(
        index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    assert window.menu_actions.merge_action.isEnabled()
    dialog = window.handlers.merge_selected()
    assert dialog is not None and dialog.pair_list.isHidden()
    dialog.panel.swap_button.click()
    assert dialog.panel.keep.id == cy
    dialog.merge_button.click()
    assert not dialog.isVisible()
    kept = contacts.get_contact(cy)
    assert (kept.first_name, kept.company) == ("Cy", "Crane")
    assert {tag.name for tag in kept.tags} == {"cycling", "jazz"}  # Ann's tags came along
    assert queries.contact_ids("ann") == []


def test_exports_write_the_list_as_shown_and_everything(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    window.list_pane.search_box.setText("zed")
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 9)
    target = tmp_path / "zeds.csv"
    with qtbot.waitSignal(window.exporter.exported, timeout=0) as signal:
        window.exporter.export("csv", window.list_pane.model.contact_ids(), target)
    assert signal.args == ["Exported 9 contacts to zeds.csv."]
    with target.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert [row[1] for row in rows[1:]] == [f"Zed{n:02}" for n in range(9)]
    everything = tmp_path / "relate.json"
    with qtbot.waitSignal(window.exporter.exported, timeout=0):
        window.exporter.export("json", path=everything)
    document = json.loads(everything.read_text(encoding="utf-8"))
    assert len(document["contacts"]) == queries.count_contacts(archived=None)
    cards = tmp_path / "all.vcf"
    with qtbot.waitSignal(window.exporter.exported, timeout=0):
        window.exporter.export("vcard", path=cards)
    assert cards.read_text(encoding="utf-8").count("BEGIN:VCARD") == 12


def test_an_export_that_cannot_be_written_says_so(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    said: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        said.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_box)
    window.exporter.export("csv", None, tmp_path / "no such folder" / "x.csv")
    assert len(said) == 1 and said[0].startswith("The export could not be written: ")
    assert not window.exporter.tasks.is_busy()
