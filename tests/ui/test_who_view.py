"""The "Who do you know who…" view: the search box asks, the list answers, best first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from relate import contacts
from ui.main_window import MainWindow


def test_a_question_ranks_the_people_who_answer_it(qtbot, window: MainWindow) -> None:
    cleveland = contacts.create_contact(
        "Cleo",
        "Vance",
        position="Project Architect",
        location="Cleveland, OH",
        tag_names=["Architecture"],
    )
    akron = contacts.create_contact("Aki", "Ross", position="Architect", location="Akron, OH")
    contacts.create_contact("Cal", "Numbers", position="Accountant", location="Cleveland, OH")
    window.navigator.choose_view("who")
    pane = window.list_pane
    assert pane.search_box.hasFocus()
    assert "Who do you know who" in pane.search_box.placeholderText()
    assert pane.model.rowCount() == 0
    assert pane.count_label.text().startswith("Ask a question")

    qtbot.keyClicks(pane.search_box, "who do you know who does architecture in Cleveland")
    qtbot.waitUntil(lambda: pane.model.rowCount() > 0)
    assert list(pane.model.contact_ids())[:2] == [cleveland, akron]
    assert pane.count_label.text().endswith("best answer first")
    reasons = pane.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Architecture" in reasons and "Cleveland" in reasons

    # Back to a plain view: the box searches again, from empty.
    window.navigator.choose_view("all")
    assert "Search names" in pane.search_box.placeholderText()
    assert pane.search_box.text() == "" and pane.model.rowCount() == 15
