"""File → Import of history (the LinkedIn archive here), through the real widgets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from unittest.mock import patch

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from relate import contacts, meetings, queries, tags, timeline
from relate.history.my_addresses import add_my_addresses
from relate.importers.batches import import_batches
from tests.core.linkedin_export import COMPLETE, write_folder, write_zip
from tests.core.mail_fixtures import mail, mbox, write
from ui.dialogs.history_import_dialog import HistoryImportDialog
from ui.window.main_window import MainWindow


def _shown(window: MainWindow) -> HistoryImportDialog:
    dialogs = [d for d in window.findChildren(HistoryImportDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def chosen(window: MainWindow, path: Path) -> HistoryImportDialog:
    """File → Import…, the file chosen in the file dialog."""
    with patch(
        "ui.dialogs.import_dialog.QFileDialog.getOpenFileName", return_value=(str(path), "")
    ):
        window.menu_actions.import_action.trigger()
    return _shown(window)


def test_the_archive_is_previewed_then_imported_with_its_history(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    before = queries.count_contacts()
    dialog = chosen(window, write_zip(tmp_path / "Complete_LinkedInDataExport.zip", COMPLETE))
    assert dialog.windowTitle() == "Import: LinkedIn archive"
    text = dialog.summary_label.text()
    assert "2 new" in text and "timeline entries for 2 contacts" in text
    assert "4 files of the archive not read" in text
    assert "Shares.csv" in dialog.summary_label.toolTip()
    assert dialog.tabs.tabText(0) == "Contacts (2)"
    names = {dialog.contacts_table.item(r, 0).text() for r in range(2)}
    assert names == {"Ines Okafor", "Tomas Reyes"}
    assert {dialog.contacts_table.item(r, 2).text() for r in range(2)} == {"LinkedIn profile"}
    assert dialog.tabs.tabText(1).startswith("Skipped (")
    whys = [dialog.skipped_table.item(r, 0).text() for r in range(dialog.skipped_table.rowCount())]
    assert "sponsored InMail" in whys and "from LinkedIn itself" in whys
    assert dialog.take_skills.isVisibleTo(dialog)
    assert "Python, SQLite" in dialog.take_skills.text()
    dialog.take_skills.click()
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    assert not dialog.isVisible()
    assert queries.count_contacts() == before + 2
    assert "timeline entr" in window.statusBar().currentMessage()
    assert {"Python", "SQLite"} <= {t.name for t in tags.my_interests()}
    batch = import_batches()[0]
    ines = next(c.id for c in queries.list_contacts() if c.first_name == "Ines")
    entry = next(e for e in timeline.interactions_for(ines) if e.kind == "message")
    assert entry.origin.startswith("Complete_LinkedInDataExport.zip")
    assert batch.entries >= 3


def test_cancel_before_importing_changes_nothing(qtbot, window: MainWindow, tmp_path: Path) -> None:
    before = queries.count_contacts()
    dialog = chosen(window, write_zip(tmp_path / "a.zip", COMPLETE))
    dialog.cancel_button.click()
    assert not dialog.isVisible()
    assert queries.count_contacts() == before


def test_a_damaged_zip_is_refused_in_plain_words(qtbot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(b"this is no zip at all" * 10)
    dialog = chosen(window, path)
    assert "not a ZIP archive" in dialog.summary_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_an_unpacked_archive_dropped_on_the_window_opens_its_import(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = write_folder(tmp_path / "Basic_LinkedInDataExport_12-01-2026", COMPLETE)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(folder))])
    point = QPointF(window.rect().center())
    drop = QDropEvent(
        point, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(drop)
    dialog = _shown(window)
    assert "2 new" in dialog.summary_label.text()
    dialog.reject()


def test_a_mail_archive_keeps_no_text_unless_asked(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    contact_id = queries.list_contacts()[0].id
    address = f"person{contact_id}@example.org"
    contacts.update_contact(contact_id, emails=[address])
    add_my_addresses(["me@mine.example"])
    path = write(
        tmp_path / "Takeout.mbox",
        mbox(mail(sender=address, to="me@mine.example", subject="Proposal", body="Secret")),
    )
    dialog = chosen(window, path)
    assert dialog.windowTitle() == "Import: Mail archive"
    assert dialog.keep_text.isVisibleTo(dialog) and not dialog.keep_text.isChecked()
    assert "1 timeline entry for 1 contact" in dialog.summary_label.text()
    assert dialog.contacts_table.item(0, 2).text() == "e-mail address"
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    entry = timeline.interactions_for(contact_id)[0]
    assert (entry.kind, entry.summary, entry.notes) == ("email", "Proposal", "")


def test_people_not_in_the_contacts_can_be_added_and_their_mail_joins_the_import(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    add_my_addresses(["me@mine.example"])
    path = write(
        tmp_path / "Inbox.mbox",
        mbox(
            mail(sender="Bo Berg <bo@berg.example>", to="me@mine.example", message_id="<1@x>"),
            mail(sender="me@mine.example", to="bo@berg.example", message_id="<2@x>",
                 date="Tue, 2 Jan 2024 10:00:00 +0100"),
        ),
    )  # fmt: skip
    dialog = chosen(window, path)
    assert dialog.tabs.tabText(2) == "Not in your contacts (1)"
    assert not dialog.add_people_button.isEnabled()
    # A click on the row, as a user picks them (selectRow would read the keyboard's
    # modifiers, which an earlier test's Shift+Tab can leave held).
    table = dialog.strangers_table
    cell = table.visualItemRect(table.item(0, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.add_people_button.click()
    assert dialog.tabs.tabText(2) == "Not in your contacts (0)"
    assert "2 timeline entries for 1 contact" in dialog.summary_label.text()
    (bo,) = contacts.find_contacts("Bo Berg")
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    assert [e.direction for e in timeline.interactions_for(bo)] == ["sent", "received"]


def test_a_calendar_offers_its_1_2_1s_to_come_and_plans_them_when_asked(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    contact_id = queries.list_contacts()[0].id
    contacts.update_contact(contact_id, emails=["ana@cal.example"])
    add_my_addresses(["me@mine.example"])
    path = tmp_path / "me@mine.example.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Apple Inc.//macOS 15//EN\n"
        "BEGIN:VEVENT\nUID:past@x\nDTSTART:20260301T090000Z\nSUMMARY:Coffee\n"
        "ORGANIZER:mailto:me@mine.example\nATTENDEE:mailto:ana@cal.example\nEND:VEVENT\n"
        "BEGIN:VEVENT\nUID:next@x\nDTSTART:20270301T090000Z\nSUMMARY:Lunch\n"
        "ORGANIZER:mailto:me@mine.example\nATTENDEE:mailto:ana@cal.example\nEND:VEVENT\n"
        "END:VCALENDAR\n",
        encoding="utf-8",
    )
    dialog = chosen(window, path)
    assert dialog.windowTitle() == "Import: Calendar"
    assert dialog.tabs.tabText(3) == "Still to come (1)"
    assert dialog.plan_coming.isVisibleTo(dialog)
    assert dialog.plan_coming.text() == "Also plan the 1 1-2-1 still to come in Relate"
    dialog.plan_coming.click()
    with qtbot.waitSignal(dialog.imported, timeout=0):
        dialog.import_button.click()
    assert [e.kind for e in timeline.interactions_for(contact_id)][:1] == ["1-2-1"]
    assert [m.agenda for m in meetings.planned_meetings(dt.datetime(2026, 12, 1), 400)
            if m.contact_id == contact_id] == ["Lunch"]  # fmt: skip
