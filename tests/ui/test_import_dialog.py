"""File → Import, Import history and drag-and-drop, driven through the real widgets."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from unittest.mock import patch

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from relate import queries
from relate.dates import moment_text
from relate.importers.batches import import_batches
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.import_history_dialog import ImportHistoryDialog
from ui.window.main_window import MainWindow

PREAMBLE = 'Notes:\n"When exporting your connection data, you may notice…"\n\n'
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def connections(path: Path, count: int, company: str = "Globex") -> Path:
    rows = [
        f"Dana{n},Lee{n},https://www.linkedin.com/in/dana-lee-{n},,{company},Analyst,30 May 2024"
        for n in range(count)
    ]
    path.write_text(PREAMBLE + HEADER + "\n".join(rows) + "\n,,,,,,12 Jan 2023\n")
    return path


def opened(qtbot, win: MainWindow, path: Path) -> ImportDialog:
    """File → Import…, the file chosen in the file dialog."""
    open_name = "ui.dialogs.import_dialog.QFileDialog.getOpenFileName"
    with patch(open_name, return_value=(str(path), "")):
        win.menu_actions.import_action.trigger()
    dialogs = [d for d in win.findChildren(ImportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    # Read (by the inline runner) as it opened: its answer, a plan or a refusal, is shown.
    assert "Reading" not in dialog.summary_label.text()
    return dialog


def test_a_linkedin_file_is_previewed_then_imported_into_the_list(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    before = queries.count_contacts()
    dialog = opened(qtbot, window, connections(tmp_path / "Connections.csv", 3))
    assert dialog.kind_combo.currentData() == "linkedin"
    assert "3 new, 0 updated, 0 unchanged, 1 skipped" in dialog.summary_label.text()
    assert dialog.preview.rowCount() == 3
    assert dialog.preview.item(0, 1).text() == "Dana0 Lee0"
    assert dialog.tabs.tabText(1) == "Skipped (1)"
    assert "no name" in dialog.skipped.item(0, 1).text().casefold()
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    assert not dialog.isVisible()
    assert queries.count_contacts() == before + 3
    assert window.list_pane.model.rowCount() == before + 3
    assert window.count_label.text() == f"{before + 3:,} contacts"
    assert "Imported Connections.csv: 3 new" in window.statusBar().currentMessage()
    model = window.list_pane.model
    assert "Dana0 Lee0" in [model.summary(row).display_name for row in range(model.rowCount())]


def test_reimporting_the_same_file_offers_nothing_to_do(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = connections(tmp_path / "Connections.csv", 3)
    dialog = opened(qtbot, window, path)
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    again = opened(qtbot, window, path)
    assert "0 new, 0 updated, 3 unchanged" in again.summary_label.text()
    assert "nothing to import" in again.summary_label.text()
    assert not again.import_button.isEnabled()
    again.reject()


def test_rows_of_one_person_are_shown_as_merged_not_skipped(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,E-mail 1 - Value,Phone 1 - Value\n"
        "Ana,Lima,ana@acme.example,\n"
        "Ana,Lima,,+351 912 345 678\n",
        encoding="utf-8",
    )
    dialog = opened(qtbot, window, path)
    assert dialog.kind_combo.currentData() == "google"
    assert "1 merged with another row of this file, 0 skipped" in dialog.summary_label.text()
    assert (dialog.tabs.tabText(1), dialog.tabs.tabText(2)) == ("Skipped (0)", "Merged (1)")
    merged = [dialog.merged.item(0, column).text() for column in range(3)]
    assert merged == ["3", "Ana Lima", "merged with line 2 of this file"]
    dialog.reject()


def test_a_file_that_is_not_contacts_is_refused_in_plain_words(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "messages.csv"
    path.write_bytes(b"\x00\x01\x02\xff\xfe" * 40)
    dialog = opened(qtbot, window, path)
    assert "messages.csv" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.preview.rowCount() == 0
    dialog.reject()


def test_a_csv_of_no_known_kind_is_imported_through_a_column_mapping(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "carnet.csv"
    path.write_text("Nom,Société,Courriel\nAmélie Poulain,Café des 2 Moulins,amelie@cafe.fr\n")
    dialog = opened(qtbot, window, path)
    assert dialog.kind_combo.currentData() == "csv"
    assert dialog.mapping_box.isVisible()
    assert "no name or e-mail column" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
    editor = dialog.mapping_editor
    assert editor.combos["full_name"].currentText() == "(not imported)"
    for field, column in (("full_name", "Nom"), ("company", "Société"), ("emails", "Courriel")):
        editor.choose(field, column)
        assert editor.isEnabled()  # read again
    assert "1 new" in dialog.summary_label.text()
    assert [dialog.preview.item(0, c).text() for c in (1, 2)] == [
        "Amélie Poulain",
        "Café des 2 Moulins",
    ]
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    found = queries.summaries(queries.contact_ids("amélie"))
    assert [(s.company, s.emails) for s in found] == [("Café des 2 Moulins", ("amelie@cafe.fr",))]


def test_cancel_during_the_import_keeps_nothing(
    qtbot, window: MainWindow, tmp_path: Path, db_path: Path, monkeypatch
) -> None:
    from ui.tasks import TaskRunner

    before = queries.count_contacts()
    dialog = opened(qtbot, window, connections(tmp_path / "Connections.csv", 3000))
    monkeypatch.setattr(TaskRunner, "inline", False)  # the import on a worker, for real
    # Another connection holds the write lock, so the import waits at its start until
    # the Cancel click has landed: the test does not race the worker.
    blocker = sqlite3.connect(db_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    dialog.import_button.click()
    assert dialog.progress.isVisible() and not dialog.import_button.isEnabled()
    dialog.cancel_button.click()
    assert dialog.isVisible()  # Cancel while writing stops the import, not the dialog
    blocker.rollback()
    blocker.close()
    qtbot.waitUntil(lambda: "cancelled" in dialog.summary_label.text(), timeout=10_000)
    assert queries.count_contacts() == before
    assert import_batches() == []
    assert dialog.import_button.isEnabled()  # the user may still import it after all
    dialog.reject()


def test_import_history_undoes_an_import(
    qtbot, window: MainWindow, tmp_path: Path, answer_message_box
) -> None:
    before = queries.count_contacts()
    dialog = opened(qtbot, window, connections(tmp_path / "Connections.csv", 4))
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    history = window.handlers.show_import_history()
    assert history.table.rowCount() == 1
    assert history.table.item(0, 2).text() == "Connections.csv"
    assert history.table.item(0, 3).text() == "4"
    answer_message_box("Yes")
    with qtbot.waitSignal(history.undone, timeout=0):
        history.undo_button.click()
    assert queries.count_contacts() == before
    assert window.list_pane.model.rowCount() == before
    columns = history.table.columnCount()
    header = [history.table.horizontalHeaderItem(c).text() for c in range(columns)]
    assert "" not in header  # every column says what it holds
    undone_at = import_batches()[0].undone_at
    assert history.table.item(0, header.index("Undone")).text() == moment_text(
        undone_at, short=True
    )
    assert not history.undo_button.isEnabled()
    history.reject()


def test_undoing_an_import_keeps_whom_the_user_has_worked_on_and_backs_up_first(
    qtbot, window: MainWindow, db_path: Path, tmp_path: Path, answer_message_box, monkeypatch
) -> None:
    from relate import contacts, timeline
    from relate.store.backups import BackupSpaceError, backups_of

    before = queries.count_contacts()
    dialog = opened(qtbot, window, connections(tmp_path / "Connections.csv", 3))
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    dana = contacts.find_contacts("Dana1 Lee1")[0]
    timeline.log_interaction(dana, "note", summary="Wants to meet the planners")
    history = window.menu_actions.history_action
    history.trigger()
    [history] = [d for d in window.findChildren(ImportHistoryDialog) if d.isVisible()]

    def no_room() -> None:
        raise BackupSpaceError("There is no room on the disk for a backup of relate.sqlite.")

    with monkeypatch.context() as patched:
        patched.setattr("ui.session.backup_first.check_room_before_import", no_room)
        answer_message_box("Yes", "No")  # undo it; but not without a backup
        history.undo_button.click()
        assert queries.count_contacts() == before + 3  # nothing was undone
    answer_message_box("Yes")
    with qtbot.waitSignal(history.undone, timeout=0):
        history.undo_button.click()
    assert queries.count_contacts() == before + 1
    assert contacts.get_contact(dana).first_name == "Dana1"
    assert "1 kept because you have worked on it since" in history.status_label.text()
    assert [b.reason for b in backups_of(db_path)].count("before-undo-import") == 1
    history.reject()


_KEEP_ALIVE: list[QMimeData] = []  # an event does not own its data: Python must


def _drop_event(event_type: type, path: Path) -> QDragEnterEvent | QDropEvent:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    _KEEP_ALIVE.append(data)
    point = QPoint(5, 5) if event_type is QDragEnterEvent else QPointF(5, 5)
    return event_type(
        point,
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )


def test_dropping_a_csv_on_the_window_opens_the_import_dialog(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = connections(tmp_path / "Connections.csv", 2)
    enter = _drop_event(QDragEnterEvent, path)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(_drop_event(QDropEvent, path))
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.path == path
    assert dialog.plan is not None
    assert "2 new" in dialog.summary_label.text()
    dialog.reject()


def test_dragging_something_else_is_not_accepted(window: MainWindow, tmp_path: Path) -> None:
    picture = tmp_path / "photo.png"
    picture.write_bytes(b"\x89PNG")
    enter = _drop_event(QDragEnterEvent, picture)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert not enter.isAccepted()


def test_with_no_room_for_a_backup_the_window_asks_before_importing(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch, answer_message_box
) -> None:
    from relate.store.backups import BackupSpaceError, backups_of

    def no_room() -> None:
        raise BackupSpaceError("There is no room on the disk for a backup of relate.sqlite.")

    monkeypatch.setattr("ui.session.backup_first.check_room_before_import", no_room)
    before = queries.count_contacts()
    dialog = opened(qtbot, window, connections(tmp_path / "Connections.csv", 2))
    answer_message_box("No")
    dialog.import_button.click()
    assert queries.count_contacts() == before and dialog.isVisible()  # not imported
    answer_message_box("Yes")
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    assert queries.count_contacts() == before + 2
    assert backups_of(window.db_path) == []  # as the user chose: no backup first
