"""The whole window over a real database, driven through its widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog

from relate import contacts, queries, timeline
from relate.dates import month_text
from relate.store.db import close_database, open_database
from ui.dialogs.new_contact_dialog import NewContactDialog
from ui.window.main_window import MainWindow


def shown_names(win: MainWindow) -> list[str]:
    model = win.list_pane.model
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def select(win: MainWindow, contact_id: int) -> None:
    assert win.list_pane.select_contact(contact_id)
    assert win.contact_pane.contact_id == contact_id


def commit_line(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_opens_on_the_first_contact_with_counts_and_the_database_path(
    window: MainWindow, db_path: Path
) -> None:
    assert shown_names(window)[0] == "Ann Adams"
    assert window.contact_pane.name.text() == "Ann Adams"
    assert window.count_label.text() == "12 contacts"
    assert window.db_label.text() == str(db_path)
    assert "In common" in window.contact_pane.card.common_ground.text()


def test_search_filters_as_you_type_with_a_count(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.list_pane.search_box, "sail")
    qtbot.waitUntil(lambda: shown_names(window) == ["Ann Adams"])
    assert window.list_pane.count_label.text() == "1 contact matches"


def test_new_contact_with_ctrl_n_then_undo_and_redo(qtbot, window: MainWindow, monkeypatch) -> None:
    def fill(dialog: NewContactDialog) -> int:
        dialog.first_name.setText("Dana")
        dialog.last_name.setText("Diaz")
        dialog.company.setText("Delta")
        dialog.tags.setText("rowing, jazz")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewContactDialog, "exec", fill)
    window.menu_actions.new_action.trigger()
    assert "Dana Diaz" in shown_names(window)
    assert window.contact_pane.name.text() == "Dana Diaz"
    new_id = window.contact_pane.contact_id
    assert [t.name for t in contacts.get_contact(new_id).tags] == ["jazz", "rowing"]
    window.menu_actions.undo_action.trigger()
    assert "Dana Diaz" not in shown_names(window)
    assert queries.count_contacts() == 12
    window.menu_actions.redo_action.trigger()
    assert "Dana Diaz" in shown_names(window)
    assert contacts.get_contact(new_id).company == "Delta"


def test_a_field_edit_is_stored_undone_and_survives_reopening(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path
) -> None:
    select(window, network["bob"])
    commit_line(qtbot, window.contact_pane.card.lines["company"], "Bricklayers Ltd")
    assert contacts.get_contact(network["bob"]).company == "Bricklayers Ltd"
    row = window.list_pane.model.row_of(network["bob"])
    assert window.list_pane.model.data(window.list_pane.model.index(row, 1)) == "Bricklayers Ltd"
    window.menu_actions.undo_action.trigger()
    assert contacts.get_contact(network["bob"]).company == "Brick"
    assert window.contact_pane.card.lines["company"].text() == "Brick"
    window.menu_actions.redo_action.trigger()
    close_database()
    open_database(db_path)
    assert contacts.get_contact(network["bob"]).company == "Bricklayers Ltd"


def test_a_refused_edit_explains_and_keeps_the_stored_value(
    qtbot, window: MainWindow, network: dict[str, int], monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "ui.undo.commands.show_error", lambda parent, message: shown.append(message)
    )
    select(window, network["bob"])
    commit_line(qtbot, window.contact_pane.card.lines["emails"], "not-an-address")
    assert shown == ["'not-an-address' is not a valid e-mail address."]
    assert window.contact_pane.card.lines["emails"].text() == ""
    assert not window.stack.canUndo()


def test_tags_through_the_chip_editor_with_undo(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    select(window, network["cy"])
    editor = window.contact_pane.card.tag_editor
    qtbot.keyClicks(editor.input, "Rowing")
    qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert editor.tags() == ["jazz", "Rowing"]
    assert "Rowing" in window.navigator.tag_model.item(2).text()  # cycling, jazz, Rowing
    editor.tag_removed.emit("jazz")
    assert editor.tags() == ["Rowing"]
    window.menu_actions.undo_action.trigger()
    assert editor.tags() == ["jazz", "Rowing"]
    window.menu_actions.undo_action.trigger()
    assert [t.name for t in contacts.get_contact(network["cy"]).tags] == ["jazz"]
    window.menu_actions.redo_action.trigger()
    assert editor.tags() == ["jazz", "Rowing"]


def test_filter_by_one_tag_then_two_with_ctrl_click(qtbot, window: MainWindow) -> None:
    tag_list = window.navigator.tag_list
    model = window.navigator.tag_model
    rows = {model.item(r).data(Qt.ItemDataRole.UserRole + 1): r for r in range(model.rowCount())}
    jazz = tag_list.visualRect(model.index(rows["jazz"], 0)).center()
    cycling = tag_list.visualRect(model.index(rows["cycling"], 0)).center()
    qtbot.mouseClick(tag_list.viewport(), Qt.MouseButton.LeftButton, pos=jazz)
    assert shown_names(window) == ["Ann Adams", "Cy Cole"]
    qtbot.mouseClick(
        tag_list.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        pos=cycling,
    )
    assert shown_names(window) == ["Ann Adams"]
    window.navigator.clear_tags()
    assert len(shown_names(window)) == 12


def test_quick_entry_logs_at_the_top_of_the_timeline_with_undo(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    select(window, network["ann"])
    timeline.log_interaction(network["ann"], "met", date="2024-03-01", summary="SMPS")
    window.contact_pane.timeline.refresh()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.list_pane.table, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    tab = window.contact_pane.timeline
    assert tab.summary.hasFocus()
    tab.kind.setCurrentText("call")
    qtbot.keyClicks(tab.summary, "Caught up about the bid")
    qtbot.keyClick(tab.summary, Qt.Key.Key_Return)
    top_month = tab.model.item(0)
    assert top_month.text() == month_text(dt.date.today())
    assert "Caught up about the bid" in top_month.child(0).text()
    assert window.list_pane.model.summary(0).last_contacted == dt.date.today()
    window.menu_actions.undo_action.trigger()
    assert [e.summary for e in timeline.interactions_for(network["ann"])] == ["SMPS"]
    assert "SMPS" in tab.model.item(0).child(0).text()
    window.menu_actions.redo_action.trigger()
    assert timeline.interactions_for(network["ann"])[0].summary == "Caught up about the bid"


def test_archive_and_restore_through_the_views(
    qtbot, window: MainWindow, network: dict[str, int], answer_message_box
) -> None:
    select(window, network["bob"])
    answer_message_box("Archive")
    window.menu_actions.archive_action.trigger()
    assert "Bob Baker" not in shown_names(window)
    assert contacts.get_contact(network["bob"]).archived
    window.navigator.choose_view("archived")
    assert shown_names(window) == ["Bob Baker"]
    select(window, network["bob"])
    window.menu_actions.restore_action.trigger()
    assert shown_names(window) == []
    assert not contacts.get_contact(network["bob"]).archived
    window.menu_actions.undo_action.trigger()  # archived again: back in this view
    assert shown_names(window) == ["Bob Baker"]


def test_delete_asks_and_undo_brings_everything_back(
    qtbot, window: MainWindow, network: dict[str, int], answer_message_box
) -> None:
    timeline.log_interaction(network["cy"], "call", summary="Hello")
    select(window, network["cy"])
    answer_message_box("Delete")
    window.menu_actions.archive_action.trigger()
    assert "Cy Cole" not in shown_names(window)
    assert queries.count_contacts(archived=None) == 11
    window.menu_actions.undo_action.trigger()
    assert "Cy Cole" in shown_names(window)
    assert timeline.interactions_for(network["cy"])[0].summary == "Hello"


def test_multi_select_and_bulk_tag(
    qtbot, window: MainWindow, network: dict[str, int], monkeypatch
) -> None:
    model = window.list_pane.model
    selection = window.list_pane.table.selectionModel()
    for cid in (network["ann"], network["first_zed"]):
        selection.select(
            model.index(model.row_of(cid), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert sorted(window.list_pane.selected_ids()) == sorted([network["ann"], network["first_zed"]])
    monkeypatch.setattr(QInputDialog, "getItem", lambda *args, **kwargs: ("Rotary", True))
    window.menu_actions.tag_action.trigger()
    assert queries.contact_ids(tags=["rotary"]) == [network["ann"], network["first_zed"]]
    window.menu_actions.undo_action.trigger()
    assert queries.contact_ids(tags=["rotary"]) == []


def test_layout_and_last_contact_are_remembered(
    qtbot, network: dict[str, int], settings: QSettings, db_path: Path
) -> None:
    first = MainWindow(db_path, settings)
    qtbot.addWidget(first)
    first.show()
    first.navigator.choose_view("all")
    # The offscreen screen is 800 pixels wide: a restored window is kept within it.
    width = min(first.minimumSizeHint().width() + 10, 790)
    first.resize(width, 500)
    first.splitter.setSizes([first.navigator.minimumWidth() + 5, width])
    first.contacts_splitter.setSizes([first.list_pane.minimumWidth() + 40, width])
    select(first, network["cy"])
    first.close()
    again = MainWindow(db_path, settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitUntil(lambda: again.contact_pane.contact_id is not None)  # read after Today
    assert again.size().width() == width
    assert again.splitter.sizes()[0] == first.splitter.sizes()[0]
    assert again.contacts_splitter.sizes()[0] == first.contacts_splitter.sizes()[0]
    assert again.contact_pane.contact_id == network["cy"]


def test_at_its_smallest_the_window_cuts_no_label_short(qtbot, window: MainWindow) -> None:
    window.resize(window.minimumSizeHint())
    qtbot.waitUntil(lambda: window.size() == window.minimumSizeHint())
    views = window.navigator.views
    for row in range(window.navigator.view_model.rowCount()):
        index = window.navigator.view_model.index(row, 0)
        text_width = views.fontMetrics().horizontalAdvance(index.data())
        assert views.visualRect(index).width() >= text_width + views.iconSize().width()
        assert views.visualRect(index).right() <= views.viewport().width()
    window.contact_pane.tabs.setCurrentWidget(window.contact_pane.timeline)
    quick_entry = window.contact_pane.timeline
    for widget in (quick_entry.kind, quick_entry.date, quick_entry.log_button):
        assert widget.width() >= widget.sizeHint().width(), widget
    header = window.list_pane.table.horizontalHeader()
    assert header.sectionSize(0) >= header.fontMetrics().horizontalAdvance("Name")


def test_a_long_name_wraps_in_the_header_and_stays_inside_the_window(
    qtbot, window: MainWindow
) -> None:
    long_name = contacts.create_contact(
        "Maximilian-Alexander Konstantinos",
        "Papadopoulos-Vanderbilt-Featherstonehaugh",
        company="International Consolidated Holdings of Everything Group",
    )
    window.resize(1152, 648)
    window.open_contact(long_name)
    name = window.contact_pane.name
    qtbot.waitUntil(lambda: name.text().startswith("Maximilian"))
    QApplication.processEvents()
    needed = name.fontMetrics().boundingRect(
        QRect(0, 0, name.width(), 10_000), Qt.TextFlag.TextWordWrap, name.text()
    )
    assert needed.height() <= name.height(), "the name is cut short"
    assert name.mapTo(window, name.rect().topRight()).x() < window.width()


def test_the_status_bar_counts_one_contact_as_one(
    qtbot, db_path: Path, settings: QSettings
) -> None:
    contacts.create_contact("Ann", "Adams")
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: bool(window.count_label.text()))
    assert window.count_label.text() == "1 contact"


def test_the_last_contact_is_remembered_for_each_database(
    qtbot, network: dict[str, int], settings: QSettings, db_path: Path, tmp_path: Path
) -> None:
    def opened(path: Path) -> MainWindow:
        open_database(path)
        window = MainWindow(path, settings)
        qtbot.addWidget(window)
        window.show()
        window.navigator.choose_view("all")
        return window

    mine = opened(db_path)
    select(mine, network["cy"])
    mine.close()
    # Another file, whose contact with Cy's id is someone else: it opens on its own first.
    other_path = tmp_path / "demo.sqlite"
    other = opened(other_path)
    ids = [contacts.create_contact(f"Other{n}", "Zimmer") for n in range(5)]
    other.list_pane.keep_current(other.list_pane.model.reload)
    assert network["cy"] in ids
    other.list_pane.select_contact(ids[-1])
    other.close()
    close_database()
    again = opened(db_path)
    assert again.contact_pane.contact_id == network["cy"]
    again.close()
    close_database()
    demo = opened(other_path)
    assert demo.contact_pane.contact_id == ids[-1]


def test_log_an_interaction_acts_only_where_a_contact_is_on_show(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    select(window, network["bob"])
    assert window.menu_actions.log_action.isEnabled()
    window.menu_actions.log_action.trigger()
    assert window.contact_pane.tabs.currentWidget() is window.contact_pane.timeline
    window.menu_actions.page_actions[0].trigger()  # Today: nobody on show there
    assert not window.menu_actions.log_action.isEnabled()
    window.menu_actions.page_actions[1].trigger()
    assert window.menu_actions.log_action.isEnabled()
    welcome = window.show_welcome()
    assert welcome.isVisible() and not window.menu_actions.log_action.isEnabled()


def test_down_steps_from_the_search_box_into_the_results(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    pane = window.list_pane
    select(window, network["cy"])
    qtbot.keyClick(pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search_box.hasFocus()
    qtbot.keyClicks(pane.search_box, "zed")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 9)
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Down)
    assert pane.table.hasFocus()
    assert pane.current_id() == pane.model.contact_id(0) == network["first_zed"]
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)
    assert pane.current_id() == pane.model.contact_id(1)


def test_enter_in_the_search_box_opens_the_first_result_at_once(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    pane = window.list_pane
    pane.focus_search()
    qtbot.keyClicks(pane.search_box, "bak")
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)  # before the typing pause ends
    assert shown_names(window) == ["Bob Baker"]
    assert window.contact_pane.contact_id == network["bob"] and pane.table.hasFocus()


def test_an_empty_list_says_why_and_what_to_do(qtbot, window: MainWindow) -> None:
    pane = window.list_pane
    window.navigator.choose_view("archived")
    assert pane.model.rowCount() == 0
    assert pane.empty.is_empty() and "Nobody is archived" in pane.empty.sentence.text()
    assert pane.empty.sentence.isVisible()
    actions = window.menu_actions
    assert not actions.archive_action.isEnabled() and not actions.restore_action.isEnabled()
    window.navigator.choose_view("all")
    assert not pane.empty.is_empty() and pane.table.isVisible()
    pane.focus_search()
    qtbot.keyClicks(pane.search_box, "nobodyatall")
    qtbot.waitUntil(lambda: pane.model.rowCount() == 0)
    assert pane.empty.sentence.text() == "Nobody matches “nobodyatall”."
    assert pane.empty.is_empty() and pane.search_box.hasFocus()  # typing goes on
