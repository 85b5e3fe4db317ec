"""Edit → Settings: each setting round-trips, Cancel changes nothing, bad places refused."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTime
from PySide6.QtGui import QGuiApplication, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
)

from relate import cadence
from relate.desktop import reminder_install
from relate.store.db import default_db_path, saved_location, set_read_only
from relate.store.migrations import APPLICATION_ID
from ui.desktop import reminders_settings
from ui.desktop.presence import keeps_in_tray
from ui.desktop.reminder_clock import lead_minutes
from ui.dialogs.rhythms_dialog import RhythmsDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.undo.data_events import DataEvents
from ui.widgets.theme import apply_theme

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def events() -> DataEvents:
    return DataEvents()


@pytest.fixture
def open_dialog(qtbot, settings: QSettings, stack: QUndoStack, events: DataEvents, db_path: Path):
    """Open a fresh Settings dialog (as Edit → Settings… would), shown."""

    def make() -> SettingsDialog:
        dialog = SettingsDialog(settings, stack, events, db_path)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


@pytest.fixture
def restore_theme(qapp: QApplication) -> Iterator[None]:
    """Tests that apply a theme leave the application's look as they found it."""
    style, palette = qapp.style().name(), qapp.palette()
    yield
    qapp.setStyle(style)
    qapp.setPalette(palette)
    QGuiApplication.styleHints().unsetColorScheme()


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chosen database location is kept in the user's config folder: one per test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))


def child(dialog: SettingsDialog, kind: type, name: str):  # noqa: ANN202 - the kind asked
    widget = dialog.findChild(kind, name)
    assert widget is not None, name
    return widget


def press_ok(qtbot, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def press_cancel(qtbot, dialog: SettingsDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Cancel), LEFT)


def stage_box(dialog: SettingsDialog, stage: str) -> QSpinBox:
    return child(dialog, QSpinBox, f"stageRhythm:{stage}")


def db_edit(dialog: SettingsDialog) -> QLineEdit:
    return child(dialog, QLineEdit, "dbPathEdit")


# Theme and paper ---------------------------------------------------------------------


@pytest.mark.usefixtures("restore_theme")
def test_the_theme_is_applied_stored_and_shown_again(
    qtbot, open_dialog, settings: QSettings, qapp: QApplication
) -> None:
    dialog = open_dialog()
    assert child(dialog, QRadioButton, "themeSystem").isChecked()
    light_window = qapp.palette().window().color().lightness()
    qtbot.mouseClick(child(dialog, QRadioButton, "themeDark"), LEFT)
    with qtbot.waitSignal(dialog.theme_changed) as fired:
        press_ok(qtbot, dialog)
    assert fired.args == ["dark"]
    assert not dialog.isVisible()
    assert settings.value("ui/theme") == "dark"
    assert qapp.palette().window().color().lightness() < light_window

    again = open_dialog()
    assert child(again, QRadioButton, "themeDark").isChecked()
    qtbot.mouseClick(child(again, QRadioButton, "themeLight"), LEFT)
    with qtbot.waitSignal(again.theme_changed) as fired:
        press_ok(qtbot, again)
    assert fired.args == ["light"]
    assert settings.value("ui/theme") == "light"
    assert qapp.palette().window().color().lightness() > 200
    assert child(open_dialog(), QRadioButton, "themeLight").isChecked()


def test_the_paper_size_round_trips_through_the_brief_key(
    qtbot, open_dialog, settings: QSettings
) -> None:
    dialog = open_dialog()
    combo = child(dialog, QComboBox, "pageSizeCombo")
    other = "a4" if combo.currentData() == "letter" else "letter"
    combo.setCurrentIndex(combo.findData(other))
    press_ok(qtbot, dialog)
    assert settings.value("brief/page_size") == other
    assert child(open_dialog(), QComboBox, "pageSizeCombo").currentData() == other


def test_the_paper_starts_from_the_locale_default(
    open_dialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.dialogs.settings_dialog.default_page_size", lambda: "letter")
    assert child(open_dialog(), QComboBox, "pageSizeCombo").currentData() == "letter"


def test_ok_without_changes_stores_nothing(
    qtbot, open_dialog, settings: QSettings, stack: QUndoStack
) -> None:
    dialog = open_dialog()
    with qtbot.assertNotEmitted(dialog.theme_changed):
        press_ok(qtbot, dialog)
    assert settings.allKeys() == []
    assert saved_location() is None
    assert stack.count() == 0


@pytest.mark.usefixtures("restore_theme")
def test_cancel_changes_nothing(
    qtbot, open_dialog, settings: QSettings, stack: QUndoStack, qapp: QApplication, tmp_path: Path
) -> None:
    rhythms = cadence.stage_cadences()
    window_colour = qapp.palette().window().color().name()
    dialog = open_dialog()
    qtbot.mouseClick(child(dialog, QRadioButton, "themeDark"), LEFT)
    combo = child(dialog, QComboBox, "pageSizeCombo")
    combo.setCurrentIndex(1 - combo.currentIndex())
    stage_box(dialog, "connection").setValue(7)
    db_edit(dialog).setText(str(tmp_path / "elsewhere.sqlite"))
    with qtbot.assertNotEmitted(dialog.theme_changed):
        press_cancel(qtbot, dialog)
    assert not dialog.isVisible()
    assert settings.allKeys() == []
    assert cadence.stage_cadences() == rhythms
    assert stack.count() == 0
    assert qapp.palette().window().color().name() == window_colour


# Database location -------------------------------------------------------------------


def test_the_database_in_use_backups_and_log_are_shown(open_dialog, db_path: Path) -> None:
    dialog = open_dialog()
    current = child(dialog, QLineEdit, "currentDbField")
    assert current.text() == str(db_path)
    assert current.isReadOnly()
    assert child(dialog, QLineEdit, "backupFolderField").text() == str(db_path.parent / "backups")
    assert child(dialog, QLineEdit, "logFileField").text().endswith("relate.log")
    assert db_edit(dialog).text() == ""
    assert str(default_db_path()) in db_edit(dialog).placeholderText()


def test_a_new_file_in_a_missing_folder_is_accepted_and_stored(
    qtbot, open_dialog, settings: QSettings, tmp_path: Path
) -> None:
    target = tmp_path / "new" / "deeper" / "mine.sqlite"
    dialog = open_dialog()
    db_edit(dialog).setText(str(target))
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert saved_location() == target
    assert not target.parent.exists()  # made when Relate next opens it, not now

    again = open_dialog()
    assert db_edit(again).text() == str(target)
    qtbot.mouseClick(child(again, QPushButton, "dbDefaultButton"), LEFT)
    assert db_edit(again).text() == ""
    press_ok(qtbot, again)
    assert saved_location() is None


def test_an_existing_relate_database_is_accepted(
    qtbot, open_dialog, settings: QSettings, db_path: Path
) -> None:
    dialog = open_dialog()
    db_edit(dialog).setText(str(db_path))
    press_ok(qtbot, dialog)
    assert saved_location() == db_path


def test_typing_the_default_location_stores_no_path(
    qtbot, open_dialog, settings: QSettings
) -> None:
    dialog = open_dialog()
    db_edit(dialog).setText(str(default_db_path()))
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()
    assert saved_location() is None


def _text_file(folder: Path) -> Path:
    path = folder / "notes.sqlite"
    path.write_text("shopping list: milk, eggs\n" * 40)
    return path


def _foreign_sqlite(folder: Path) -> Path:
    path = folder / "other.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    return path


def _newer_relate(folder: Path) -> Path:
    path = folder / "future.sqlite"
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute("PRAGMA user_version = 999")
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_text_file, "is not a Relate database"),
        (_foreign_sqlite, "is not a Relate database"),
        (_newer_relate, "newer version of Relate"),
        (lambda folder: folder, "is a folder"),
        (lambda folder: _text_file(folder) / "inside" / "x.sqlite", "cannot be made"),
        (lambda folder: Path("relative.sqlite"), "full path"),
    ],
    ids=["text-file", "foreign-sqlite", "newer-relate", "folder", "under-a-file", "relative"],
)
def test_an_unusable_location_is_refused_and_not_stored(
    qtbot, open_dialog, settings: QSettings, tmp_path: Path, make, message: str
) -> None:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    path = make(folder)
    before = path.read_bytes() if path.is_file() else None
    dialog = open_dialog()
    db_edit(dialog).setText(str(path))
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    error = child(dialog, QLabel, "dbError")
    assert error.isVisible()
    assert message in error.text()
    assert dialog.tabs.currentWidget() is dialog.database
    assert saved_location() is None
    if before is not None:
        assert path.read_bytes() == before  # refused without a byte changed

    qtbot.mouseClick(child(dialog, QPushButton, "dbDefaultButton"), LEFT)
    assert not error.isVisible()
    press_ok(qtbot, dialog)
    assert not dialog.isVisible()


def test_a_refused_location_keeps_the_other_changes_unsaved(
    qtbot, open_dialog, settings: QSettings, stack: QUndoStack, tmp_path: Path
) -> None:
    dialog = open_dialog()
    stage_box(dialog, "advocate").setValue(45)
    db_edit(dialog).setText(str(_text_file(tmp_path)))
    press_ok(qtbot, dialog)
    assert dialog.isVisible()
    assert stack.count() == 0
    assert cadence.stage_cadences().get("advocate") != 45
    press_cancel(qtbot, dialog)


def test_choose_asks_for_a_file_and_adds_the_extension(
    qtbot, open_dialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: dict[str, object] = {}

    def fake_save_name(parent, caption, folder, filter_, **kwargs):  # noqa: ANN001, ANN202
        asked.update(folder=folder, filter=filter_, **kwargs)
        return str(tmp_path / "work"), filter_

    monkeypatch.setattr("ui.dialogs.settings_dialog.QFileDialog.getSaveFileName", fake_save_name)
    dialog = open_dialog()
    qtbot.mouseClick(child(dialog, QPushButton, "dbChooseButton"), LEFT)
    assert db_edit(dialog).text() == str(tmp_path / "work.sqlite")
    assert asked["filter"] == "Relate databases (*.sqlite)"
    assert asked["folder"] == str(default_db_path())
    assert asked["options"] & QFileDialog.Option.DontConfirmOverwrite
    press_cancel(qtbot, dialog)


# Follow-up rhythms -------------------------------------------------------------------


def test_stage_rhythms_are_saved_as_one_undo_step(
    qtbot, open_dialog, stack: QUndoStack, events: DataEvents
) -> None:
    before = cadence.stage_cadences()
    dialog = open_dialog()
    assert stage_box(dialog, "1-2-1").value() == before.get("1-2-1", 0)
    stage_box(dialog, "connection").setValue(21)
    stage_box(dialog, "conversation").setValue(0)  # "no rhythm"
    with qtbot.waitSignal(events.contacts_changed):
        press_ok(qtbot, dialog)
    after = cadence.stage_cadences()
    assert after["connection"] == 21
    assert "conversation" not in after
    assert after.get("1-2-1") == before.get("1-2-1")
    assert stack.count() == 1

    stack.undo()
    assert cadence.stage_cadences() == before
    stack.redo()
    assert cadence.stage_cadences() == after
    assert stage_box(open_dialog(), "connection").value() == 21


def test_tag_rhythms_open_the_rhythms_dialog_with_the_stages_as_edited(
    qtbot, open_dialog, stack: QUndoStack, network: dict[str, int]
) -> None:
    dialog = open_dialog()
    stage_box(dialog, "advocate").setValue(120)
    qtbot.mouseClick(child(dialog, QPushButton, "tagRhythmsButton"), LEFT)
    rhythms = dialog.findChild(RhythmsDialog)
    assert rhythms is not None and rhythms.isVisible()
    assert rhythms.stage_boxes["advocate"].value() == 120
    rhythms.tag_choice.setCurrentText("jazz")
    add = next(b for b in rhythms.findChildren(QPushButton) if b.text() == "Add")
    qtbot.mouseClick(add, LEFT)
    rhythms.accept()
    assert cadence.tag_cadences() == {"jazz": 30}
    assert cadence.stage_cadences()["advocate"] == 120
    assert stack.count() == 1

    press_ok(qtbot, dialog)  # nothing left to change: no second step
    assert stack.count() == 1
    stack.undo()
    assert cadence.tag_cadences() == {}
    assert cadence.stage_cadences().get("advocate") != 120


def test_stage_rhythms_cannot_be_edited_in_a_read_only_database(open_dialog) -> None:
    set_read_only(True)
    try:
        dialog = open_dialog()
        assert not stage_box(dialog, "connection").isEnabled()
        assert not child(dialog, QPushButton, "tagRhythmsButton").isEnabled()
    finally:
        set_read_only(False)


@pytest.mark.usefixtures("restore_theme")
def test_the_system_look_comes_back_after_dark(qapp) -> None:
    window_colour = qapp.palette().color(QPalette.ColorRole.Window)
    apply_theme(qapp, "dark")
    assert qapp.palette().color(QPalette.ColorRole.Window).name() == "#2b2d30"
    apply_theme(qapp, "system")
    assert qapp.palette().color(QPalette.ColorRole.Window) == window_colour


@pytest.mark.usefixtures("restore_theme")
def test_edit_settings_opens_from_the_window_and_the_theme_menu_follows(qtbot, window) -> None:
    window.menu_actions.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.mouseClick(child(dialog, QRadioButton, "themeDark"), LEFT)
    press_ok(qtbot, dialog)
    checked = [a.data() for a in window.menu_actions.theme_group.actions() if a.isChecked()]
    assert checked == ["dark"]
    assert window.settings.value("ui/theme") == "dark"


# Reminders -------------------------------------------------------------------------------


def test_the_lead_and_keeping_in_the_tray_are_stored_on_ok(
    qtbot, open_dialog, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminders_settings, "tray_available", lambda: True)
    dialog = open_dialog()
    dialog.tabs.setCurrentWidget(dialog.reminders)
    lead = child(dialog, QSpinBox, "leadMinutesSpin")
    assert lead.value() == 30  # the default
    lead.selectAll()
    qtbot.keyClicks(lead, "45")
    keep = child(dialog, QCheckBox, "keepInTrayCheck")
    assert not keep.isChecked()  # off by default
    qtbot.mouseClick(keep, LEFT)
    press_ok(qtbot, dialog)
    assert lead_minutes(settings) == 45 and keeps_in_tray(settings)
    again = open_dialog()
    assert child(again, QSpinBox, "leadMinutesSpin").value() == 45
    assert child(again, QCheckBox, "keepInTrayCheck").isChecked()


def test_without_a_tray_closing_cannot_keep_relate_running(
    open_dialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminders_settings, "tray_available", lambda: False)
    dialog = open_dialog()
    assert not child(dialog, QCheckBox, "keepInTrayCheck").isEnabled()
    assert any("no tray icons" in label.text() for label in dialog.reminders.findChildren(QLabel))


def test_the_morning_digest_is_installed_and_removed_only_when_clicked(
    qtbot, open_dialog, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reminder_install, "systemd_runs_the_session", lambda: False)
    entry = tmp_path / "config" / "autostart" / "relate-reminders.desktop"
    dialog = open_dialog()
    dialog.tabs.setCurrentWidget(dialog.reminders)
    remove = child(dialog, QPushButton, "removeDigestButton")
    assert not entry.exists() and not remove.isEnabled()  # nothing until asked
    time = child(dialog, QTimeEdit, "digestTimeEdit")
    assert time.time().toString("HH:mm") == "08:30"
    time.setTime(QTime(7, 15))
    qtbot.mouseClick(child(dialog, QPushButton, "installDigestButton"), LEFT)
    assert "remind --at 07:15 --quiet" in entry.read_text()
    label = child(dialog, QLabel, "digestResult")
    assert f"Installed {entry}" in label.text() and "at login" in label.text()
    assert "systemd does not run this session" in label.text()
    qtbot.wait(20)
    assert label.height() >= label.heightForWidth(label.width())  # the dialog grew: all shows
    press_cancel(qtbot, dialog)
    again = open_dialog()  # says it is installed, and at what time
    assert str(entry) in child(again, QLabel, "digestResult").text()
    assert child(again, QTimeEdit, "digestTimeEdit").time() == QTime(7, 15)
    qtbot.mouseClick(child(again, QPushButton, "removeDigestButton"), LEFT)
    assert not entry.exists()
    assert f"Removed {entry}" in child(again, QLabel, "digestResult").text()
