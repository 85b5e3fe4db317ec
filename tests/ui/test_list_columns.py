"""The contact list's columns: what a narrow list hides, the header's menu, and the
user's choice remembered across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QApplication

from tests.ui.action_walk import Stubs, request_menu
from ui.contact.contact_list_pane import ContactListPane
from ui.contact.contact_table_model import COLUMNS
from ui.contact.list_columns import FIT_TEXT
from ui.window.main_window import MainWindow

HEADERS = [column.header for column in COLUMNS]


def shown(pane: ContactListPane) -> list[str]:
    header = pane.table.horizontalHeader()
    return [HEADERS[n] for n in range(header.count()) if not header.isSectionHidden(n)]


def set_list_width(window: MainWindow, width: int) -> None:
    """The user drags the splitter between the list and the contact (in a window wide
    enough for it)."""
    window.resize(width + 1000, 700)
    QApplication.processEvents()
    total = sum(window.contacts_splitter.sizes())
    window.contacts_splitter.setSizes([width, total - width])
    QApplication.processEvents()


def header_menu(pane: ContactListPane, tmp_path: Path) -> dict[str, QAction]:
    """Right-click the list's header: its menu's actions by their text."""
    actions = request_menu(pane.table.horizontalHeader(), None, Stubs(tmp_path, {}))
    return {action.text(): action for action in actions}


@pytest.fixture
def pane(qtbot, network: dict[str, int]) -> ContactListPane:
    widget = ContactListPane()
    qtbot.addWidget(widget)
    widget.model.reload()
    widget.show()
    return widget


def reopen(qtbot, db_path: Path, settings: QSettings, width: int) -> MainWindow:
    """The window opened again on the same file and settings, its list `width` wide."""
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    window.navigator.choose_view("all")
    set_list_width(window, width)
    return window


def test_a_narrowing_list_hides_tags_then_position_then_stage_and_never_name(
    qtbot, pane: ContactListPane
) -> None:
    table = pane.table
    pane.resize(2000, 400)
    qtbot.waitUntil(lambda: shown(pane) == HEADERS)
    hidden_in_turn: list[str] = []
    for width in range(2000, 150, -10):
        pane.resize(width, 400)
        QApplication.processEvents()
        hidden_in_turn += [h for h in HEADERS if h not in shown(pane) and h not in hidden_in_turn]
        assert "Name" in shown(pane)
        if len(shown(pane)) > 1:
            assert not table.horizontalScrollBar().isVisible(), (width, shown(pane))
    assert hidden_in_turn == [
        "Tags",
        "Position",
        "Stage",
        "Last contacted",
        "Company",
        "Next due",
    ]
    pane.resize(2000, 400)
    qtbot.waitUntil(lambda: shown(pane) == HEADERS)


def test_column_widths_come_from_the_font(qtbot, pane: ContactListPane) -> None:
    columns = pane.columns
    small = [columns.natural_width(n) for n in range(len(COLUMNS))]
    font = QFont(pane.table.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    pane.table.setFont(font)
    pane.table.horizontalHeader().setFont(font)
    large = [columns.natural_width(n) for n in range(len(COLUMNS))]
    assert all(big > little for big, little in zip(large, small, strict=True))
    header = pane.table.horizontalHeader()
    pane.resize(3000, 400)
    QApplication.processEvents()
    for n, title in enumerate(HEADERS):
        assert header.sectionSize(n) >= header.fontMetrics().horizontalAdvance(title), title


def test_the_header_menu_lists_every_column_and_the_choice_wins_after_a_restart(
    qtbot, window: MainWindow, settings: QSettings, db_path: Path, tmp_path: Path
) -> None:
    set_list_width(window, 420)
    pane = window.list_pane
    assert "Tags" not in shown(pane) and "Position" not in shown(pane)
    menu = header_menu(pane, tmp_path)
    assert list(menu) == [*HEADERS, FIT_TEXT]
    assert all(action.isCheckable() for action in menu.values())
    assert [h for h in HEADERS if menu[h].isChecked()] == shown(pane)
    assert not menu["Name"].isEnabled()
    assert menu[FIT_TEXT].isChecked()

    menu["Tags"].trigger()  # show Tags, although it does not fit
    assert "Tags" in shown(pane)
    header_menu(pane, tmp_path)["Company"].trigger()  # and hide Company
    chosen = shown(pane)
    assert "Company" not in chosen and "Tags" in chosen
    set_list_width(window, 380)
    assert shown(pane) == chosen  # the user's choice wins over fitting
    assert not header_menu(pane, tmp_path)[FIT_TEXT].isChecked()
    window.close()

    reopened = reopen(qtbot, db_path, settings, 420)
    assert shown(reopened.list_pane) == chosen

    header_menu(reopened.list_pane, tmp_path)[FIT_TEXT].trigger()
    assert "Tags" not in shown(reopened.list_pane)
    assert "Company" in shown(reopened.list_pane)
    assert str(settings.value("list/columns")) == ""


def test_a_column_the_user_widened_keeps_its_width_after_a_restart(
    qtbot, window: MainWindow, settings: QSettings, db_path: Path
) -> None:
    set_list_width(window, 1400)
    header = window.list_pane.table.horizontalHeader()
    company = HEADERS.index("Company")
    header.resizeSection(company, 333)  # as the user's drag does
    window.close()

    reopened = reopen(qtbot, db_path, settings, 1400)
    assert reopened.list_pane.table.horizontalHeader().sectionSize(company) >= 333
    assert reopened.list_pane.columns.dragged == {company: 333}
