"""The "Who do you know who…" view: the search box asks, the list answers, best first."""

from __future__ import annotations

from PySide6.QtCore import Qt

from relate import contacts
from ui.window.main_window import MainWindow


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


def _choose_tag(window: MainWindow, name: str, add: bool = False) -> None:
    """Click a tag in the navigator (Ctrl-click with `add`)."""
    from PySide6.QtCore import QItemSelectionModel

    tags = window.navigator.tag_list
    model = window.navigator.tag_model
    [row] = [r for r in range(model.rowCount()) if model.item(r).text().startswith(name)]
    flag = QItemSelectionModel.SelectionFlag
    tags.selectionModel().select(model.index(row, 0), flag.Select if add else flag.ClearAndSelect)


def test_who_asks_everyone_and_says_plainly_when_tags_narrow_it(
    qtbot, window: MainWindow, network
) -> None:
    pane = window.list_pane
    _choose_tag(window, "jazz")
    assert pane.filter_bar.isVisible() and "Only people tagged jazz" in pane.filter_label.text()
    assert pane.model.rowCount() == 2
    # The question is asked of everyone you know, whatever the list was narrowed to.
    window.menu_actions.page_actions[2].trigger()  # View → Who do you know who… (Ctrl+3)
    assert window.navigator.chosen_tags() == [] and not pane.filter_bar.isVisible()
    qtbot.keyClicks(pane.search_box, "zeta")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 9)
    # Narrowed on purpose, it says so, and one click shows everyone again.
    _choose_tag(window, "cycling")
    assert pane.filter_bar.isVisible() and "cycling" in pane.filter_label.text()
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0)
    assert pane.empty.is_empty() and "Nobody" in pane.empty.sentence.text()
    pane.clear_filter_button.click()
    assert window.navigator.chosen_tags() == [] and pane.model.rowCount() == 9
    assert not pane.filter_bar.isVisible()


def test_answers_ranked_by_relevance_show_no_column_order(window: MainWindow) -> None:
    header = window.list_pane.table.horizontalHeader()
    assert header.isSortIndicatorShown() and header.sectionsClickable()
    window.navigator.choose_view("who")
    assert not header.isSortIndicatorShown() and not header.sectionsClickable()
    window.navigator.choose_view("all")
    assert header.isSortIndicatorShown() and header.sectionsClickable()
