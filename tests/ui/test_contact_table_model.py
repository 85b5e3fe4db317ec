"""The contact list model: ids only, rows on demand, sorting and filtering in the core."""

from __future__ import annotations

from PySide6.QtCore import Qt

from relate import contacts, queries, timeline
from ui.contact.contact_table_model import COLUMNS, ContactTableModel, IdRole


def names(model: ContactTableModel) -> list[str]:
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_the_model_passes_qt_model_checks(qtmodeltester, network: dict[str, int]) -> None:
    model = ContactTableModel()
    model.reload()
    qtmodeltester.check(model, force_py=True)


def test_rows_come_in_name_order_and_map_back_to_ids(network: dict[str, int]) -> None:
    model = ContactTableModel()
    model.reload()
    assert model.rowCount() == 12
    assert names(model)[:3] == ["Ann Adams", "Bob Baker", "Cy Cole"]
    assert model.data(model.index(0, 6)) == "cycling, jazz"
    assert model.data(model.index(1, 0), IdRole) == network["bob"]
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Stage"


def test_search_narrows_the_list_without_resorting(network: dict[str, int]) -> None:
    model = ContactTableModel()
    model.reload()
    model.set_search("sail")
    assert names(model) == ["Ann Adams"]
    model.set_search("zed")
    assert len(names(model)) == 9
    model.set_search('"(')
    assert model.rowCount() == 12


def test_every_column_sorts_as_the_core_orders(network: dict[str, int]) -> None:
    timeline.log_interaction(network["cy"], "call", date="2025-01-01")
    timeline.log_interaction(network["bob"], "call", date="2026-01-01")
    model = ContactTableModel()
    for column, (_, order, *_) in enumerate(COLUMNS):
        model.sort(column, Qt.SortOrder.DescendingOrder)
        expected = queries.contact_ids(order=order, descending=True)
        assert list(model.contact_ids()) == expected, order
    model.sort(4, Qt.SortOrder.DescendingOrder)
    assert names(model)[:2] == ["Bob Baker", "Cy Cole"]


def test_views_and_tags_choose_the_rows(network: dict[str, int]) -> None:
    model = ContactTableModel()
    model.set_tags(["jazz"])
    assert names(model) == ["Ann Adams", "Cy Cole"]
    model.set_tags(["jazz", "cycling"])
    assert names(model) == ["Ann Adams"]
    model.set_tags([])
    contacts.set_archived([network["bob"]])
    model.set_view("archived")
    assert names(model) == ["Bob Baker"]


def test_changed_rows_are_fetched_again_and_removed_rows_leave(network: dict[str, int]) -> None:
    model = ContactTableModel()
    model.reload()
    assert model.data(model.index(0, 1)) == "Acme"
    contacts.update_contact(network["ann"], company="Apex")
    assert model.data(model.index(0, 1)) == "Acme"  # cached until told
    model.forget([network["ann"]])
    assert model.data(model.index(0, 1)) == "Apex"
    model.remove([network["ann"], network["cy"]])
    assert names(model)[:2] == ["Bob Baker", "Person0 Zed00"]
    assert model.row_of(network["ann"]) == -1
