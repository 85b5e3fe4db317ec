"""The import dialog refuses a file of another kind, or one of LinkedIn's other export
files, in the command line's words (one detection serves both)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from tests.core.test_address_book_csv import GOOGLE_HEADER
from tests.ui.test_import_dialog import opened
from ui.window.main_window import MainWindow


def test_reading_a_file_as_another_kind_says_what_it_is_and_how_to_read_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(f"{GOOGLE_HEADER}\nAna,,Silva\n", encoding="utf-8")
    dialog = opened(qtbot, window, path)
    assert dialog.kind_combo.currentData() == "google"
    assert "1 new" in dialog.summary_label.text()
    # The user reads it as LinkedIn connections instead (one up in Read as).
    assert dialog.kind_combo.isEnabled()
    dialog.kind_combo.setFocus()
    qtbot.keyClick(dialog.kind_combo, Qt.Key.Key_Up)
    assert dialog.kind_combo.currentData() == "linkedin"
    assert dialog.summary_label.text() == (
        "contacts.csv is a Google Contacts export, not a LinkedIn connections export:"
        " choose Google Contacts under Read as."
    )
    assert not dialog.import_button.isEnabled()
    assert dialog.preview.rowCount() == 0
    dialog.reject()


def test_linkedins_profile_file_is_refused_as_the_command_line_refuses_it(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "Profile.csv"
    path.write_text(
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        "Ana,Silva,,,,CTO at Acme,,Software,,Lisbon,,,\n",
        encoding="utf-8",
    )
    dialog = opened(qtbot, window, path)
    assert dialog.summary_label.text() == (
        "Profile.csv is your own LinkedIn profile, from LinkedIn's data export: not your"
        " connections. Import Connections.csv, from the same export, to add your connections."
    )
    assert not dialog.import_button.isEnabled()
    dialog.reject()
