"""Prepare brief (Ctrl+P): preview, paper size, save, print, through the real widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from relate import contacts, meetings, tags
from tests.core.test_brief import needs_pdftotext, text_of
from ui.dialogs.brief_dialog import BriefDialog
from ui.dialogs.pdf_pages import PdfPages
from ui.window.main_window import MainWindow


def prepared(qtbot, window: MainWindow) -> BriefDialog:
    window.menu_actions.brief_action.trigger()
    dialog = window.findChild(BriefDialog)
    assert dialog is not None
    assert dialog.save_button.isEnabled()  # built (by the inline runner) as it opened
    return dialog


def test_ctrl_p_previews_the_brief_of_the_contact_on_show(
    qtbot, window: MainWindow, network: dict[str, int], tmp_path: Path
) -> None:
    meetings.schedule_meeting(network["ann"], "2031-05-06 10:00", agenda="Sailing plans")
    assert window.list_pane.select_contact(network["ann"])
    assert window.menu_actions.brief_action.isEnabled()
    dialog = prepared(qtbot, window)
    assert len(dialog.preview.pages) == 1
    assert not dialog.preview.grab().isNull()
    assert dialog.file_name == "brief-ann-adams-2031-05-06.pdf"  # the planned 1-2-1's day
    assert dialog.date_edit.date().toPython().isoformat() == "2031-05-06"
    saved = dialog.save_to(tmp_path / "ann.pdf")
    assert saved is not None and saved.read_bytes() == dialog.pdf
    dialog.reject()


@needs_pdftotext
def test_give_first_starts_with_whom_today_suggests_for_their_need(
    qtbot, window: MainWindow, network: dict[str, int], tmp_path: Path
) -> None:
    ann = network["ann"]  # shares cycling with Bob and jazz with Cy
    tags.tag_contacts([ann], "a structural engineer", "need")
    dee = contacts.create_contact(
        "Dee", "Dunn", company="Hartwell", position="Structural Engineer", stage="1-2-1"
    )
    window.events.contacts_added.emit([dee])
    window.navigator.choose_view("today")
    page = window.today_page
    qtbot.waitUntil(lambda: ("idea", (ann, dee)) in page.rows)
    page.rows[("idea", (ann, dee))].controls["Open"].click()
    assert window.contact_pane.contact_id == ann
    text = " ".join(text_of(prepared(qtbot, window).pdf, tmp_path).split())
    assert "Ann is looking for a structural engineer" in text
    assert text.index("Dee Dunn") < text.index("Bob Baker")
    assert text.index("Dee Dunn") < text.index("Cy Cole")


def test_the_paper_size_is_chosen_and_remembered(
    qtbot, window: MainWindow, network: dict[str, int], settings: QSettings
) -> None:
    assert window.list_pane.select_contact(network["bob"])
    dialog = prepared(qtbot, window)
    dialog.page_combo.setCurrentIndex(dialog.page_combo.findData("letter"))
    dialog.page_combo.activated.emit(dialog.page_combo.currentIndex())
    assert b"/MediaBox [ 0 0 612 792 ]" in dialog.pdf
    assert dialog.save_button.isEnabled()
    assert round(dialog.preview.pages.size(0).width()) == 612
    assert settings.value("brief/page_size") == "letter"
    dialog.reject()
    again = prepared(qtbot, window)
    assert again.page_combo.currentData() == "letter"
    again.reject()


def test_printing_draws_the_page(
    qtbot, window: MainWindow, network: dict[str, int], tmp_path: Path
) -> None:
    assert window.list_pane.select_contact(network["cy"])
    dialog = prepared(qtbot, window)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    dialog.print_to(printer)
    printed = PdfPages(target.read_bytes())
    assert len(printed) == 1
    image = printed.render(0, 300)
    # Something was drawn: the page is not blank white.
    assert any(
        image.pixelColor(x, y).lightness() < 200
        for x in range(0, image.width(), 4)
        for y in range(0, image.height() // 4, 4)
    )
    dialog.reject()


def test_without_a_contact_there_is_no_brief(window: MainWindow) -> None:
    window.contact_pane.show_contact(None)
    window.update_actions()
    assert not window.menu_actions.brief_action.isEnabled()
    assert window.handlers.prepare_brief() is None


def test_brief_questions_open_the_users_own_copy_of_the_bank(
    window: MainWindow, db_path: Path, monkeypatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        "ui.window.action_handlers.QDesktopServices.openUrl",
        lambda url: opened.append(url.toLocalFile()) or True,
    )
    window.menu_actions.questions_action.trigger()
    own = db_path.parent / "questions.toml"
    assert opened == [str(own)]
    assert "[[question]]" in own.read_text(encoding="utf-8")


def test_leaving_the_date_unchanged_builds_nothing_and_closing_is_clean(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    from PySide6.QtCore import Qt

    assert window.list_pane.select_contact(network["bob"])
    dialog = prepared(qtbot, window)
    dialog.date_edit.setFocus()
    # Tab to the paper: no new build, so the paper stays to be chosen.
    qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Tab)
    assert not dialog.tasks.is_busy() and dialog.page_combo.isEnabled()
    # Escape from the date field closes the dialog without starting another build
    # (which used to report to the dialog after it was gone).
    dialog.date_edit.setFocus()
    with qtbot.captureExceptions() as exceptions:
        qtbot.keyClick(dialog.date_edit, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.findChild(BriefDialog) is None)
    assert exceptions == []
