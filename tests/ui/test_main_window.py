"""The main window over a real database: the list, search-as-you-type, counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from relate import bulk, contacts
from ui.contact_table_model import ContactTableModel, IdRole
from ui.main_window import MainWindow


@pytest.fixture
def filled(db_path: Path) -> Path:
    bulk.insert_contacts(
        [bulk.NewContact(f"Person{n:03}", "Smith", company="Acme") for n in range(250)]
    )
    contacts.create_contact("José", "Müller", company="Hartwell Kovac", tag_names=["cycling"])
    return db_path


def test_the_model_passes_qt_model_checks(qtmodeltester, filled: Path) -> None:
    model = ContactTableModel()
    model.refresh()
    qtmodeltester.check(model, force_py=True)


def test_rows_are_fetched_on_demand_and_map_back_to_ids(filled: Path) -> None:
    model = ContactTableModel()
    model.refresh()
    assert model.rowCount() == 251
    last = model.index(250, 0)
    assert model.data(last) == "Person249 Smith"
    assert model.data(model.index(0, 1)) == "Hartwell Kovac"  # Müller sorts before Smith
    assert model.data(model.index(0, 6)) == "cycling"
    assert model.data(model.index(0, 0), IdRole) == model.contact_id(0)


def test_typing_in_the_search_box_filters_the_list(qtbot, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    assert window.model.rowCount() == 251
    assert "251 contacts" in window.statusBar().currentMessage()
    assert window.db_label.text() == str(filled)
    qtbot.keyClicks(window.search_box, "jos")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.data(window.model.index(0, 0)) == "José Müller"
    assert window.match_label.text() == "1 of 251 contacts match"
    window.search_box.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 251)


def test_ctrl_f_focuses_the_search_box(qtbot, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
