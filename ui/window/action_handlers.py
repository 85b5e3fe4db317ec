"""What the main window's actions do: the question before a change, the dialog each
opens (on the window, so it stays window-modal), the files it exports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from relate import __version__, queries, tags
from relate.brief import questions
from relate.history.kinds import SUFFIXES, history_kind
from relate.importers.batches import import_batches
from ui.dialogs.errors import show_error
from ui.dialogs.new_contact_dialog import NewContactDialog
from ui.dialogs.profile_dialog import ProfileDialog
from ui.undo.commands import (
    ArchiveCommand,
    CreateContactCommand,
    DeleteContactsCommand,
    TagCommand,
    run_command,
)
from ui.widgets.theme import apply_theme

if TYPE_CHECKING:
    from ui.dialogs.brief_dialog import BriefDialog
    from ui.dialogs.duplicates_dialog import DuplicatesDialog
    from ui.dialogs.history_import_dialog import HistoryImportDialog
    from ui.dialogs.import_dialog import ImportDialog
    from ui.dialogs.import_history_dialog import ImportHistoryDialog
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.dialogs.shortcuts_dialog import ShortcutsDialog
    from ui.window.main_window import MainWindow

# The dialogs below are imported when first opened: with them come ReportLab, vobject
# and nameparser, a fifth of a second that the window's start-up need not wait for.

IMPORTABLE_SUFFIXES = (".csv", ".vcf", ".vcard", *(s for kind in SUFFIXES.values() for s in kind))


def dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The file a drag carries, when it is one file Relate can import."""
    urls = event.mimeData().urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    if path.suffix.lower() in IMPORTABLE_SUFFIXES or history_kind(path) is not None:
        return path
    return None


class ActionHandlers(QObject):
    """The slots of the window's actions (`ui.window.window_actions` makes and arranges
    the actions themselves)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    # The list's contacts --------------------------------------------------------------------

    def new_contact(self) -> None:
        w = self.window
        dialog = NewContactDialog(w)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            command = CreateContactCommand(w.events, **dialog.values())
            run_command(w.stack, command, w)

    def remove_selected(self) -> None:
        """Del: archive the selected contacts, or delete them for good, after asking."""
        w = self.window
        ids = w.list_pane.selected_ids()
        if not ids:
            return
        who = queries.summaries(ids)[0].display_name if len(ids) == 1 else f"{len(ids)} contacts"
        box = QMessageBox(w)
        box.setWindowTitle("Archive or delete")
        box.setText(f"Archive {who}, or delete for good with their whole timeline?")
        box.setInformativeText("Archived contacts can be restored from the Archived view.")
        archive = box.addButton("Archive", QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(archive)
        box.exec()
        if box.clickedButton() is archive:
            if w.list_pane.model.view != "archived":
                run_command(w.stack, ArchiveCommand(w.events, ids, True), w)
        elif box.clickedButton() is delete:
            run_command(w.stack, DeleteContactsCommand(w.events, ids), w)

    def restore_selected(self) -> None:
        w = self.window
        ids = w.list_pane.selected_ids()
        if ids:
            run_command(w.stack, ArchiveCommand(w.events, ids, False), w)

    def tag_selected(self) -> None:
        """Ctrl+T: add one tag to every selected contact."""
        w = self.window
        ids = w.list_pane.selected_ids()
        if not ids:
            return
        names = tags.tag_names()
        name, ok = QInputDialog.getItem(
            w, "Tag contacts", f"Tag {len(ids)} selected contact(s) with:", names, 0, True
        )
        if ok and name.strip():
            run_command(w.stack, TagCommand(w.events, ids, name.strip(), True), w)

    def export_list(self) -> None:
        """File → Export → The list as CSV: what the list shows, in its order."""
        w = self.window
        w.list_keeper.ensure_list()
        w.exporter.export("csv", w.list_pane.model.contact_ids())

    # Importing -----------------------------------------------------------------------------

    def import_file(self) -> ImportDialog | HistoryImportDialog | None:
        """File → Import: ask for a file, then open the import dialog on it."""
        from ui.dialogs.import_dialog import choose_import_file

        start = str(self.window.settings.value("import/folder", ""))
        path = choose_import_file(self.window, start)
        return None if path is None else self.import_path(path)

    def import_folder(self) -> HistoryImportDialog | None:
        """File → Import a folder: a Maildir, a folder of .eml or .ics files, or a
        LinkedIn archive unpacked."""
        from PySide6.QtWidgets import QFileDialog

        from ui.dialogs.history_import_dialog import HistoryImportDialog

        w = self.window
        start = str(w.settings.value("import/folder", ""))
        name = QFileDialog.getExistingDirectory(w, "Import a folder", start)
        if not name:
            return None
        dialog = self.import_path(Path(name))
        return dialog if isinstance(dialog, HistoryImportDialog) else None

    def import_path(self, path: Path) -> ImportDialog | HistoryImportDialog | None:
        """The import dialog on `path` (a file or folder chosen or dropped), window-modal:
        history (mail, calendars, a LinkedIn archive) or people."""
        from ui.dialogs.history_import_dialog import HistoryImportDialog
        from ui.dialogs.import_dialog import ImportDialog

        w = self.window
        w.settings.setValue("import/folder", str(path.parent))
        kind = history_kind(path)
        dialog: ImportDialog | HistoryImportDialog
        if kind is not None:
            dialog = HistoryImportDialog(path, kind, w)
        elif path.is_dir():
            show_error(
                w,
                f"{path.name} holds no mail, calendar or LinkedIn archive that Relate reads:"
                " choose a Maildir, a folder of .eml or .ics files, or an unpacked LinkedIn"
                " archive.",
            )
            return None
        else:
            dialog = ImportDialog(path, w)
        dialog.about_to_write.connect(w.session.upkeep.finish)
        dialog.imported.connect(self._on_import_dialog_imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_import_history(self) -> ImportHistoryDialog:
        """File → Import history: the imports, with Undo."""
        from ui.dialogs.import_history_dialog import ImportHistoryDialog

        w = self.window
        dialog = ImportHistoryDialog(w)
        dialog.about_to_write.connect(w.session.upkeep.finish)
        dialog.undone.connect(self._on_import_history_dialog_undone)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_import_dialog_imported(self, batch_id: int) -> None:
        w = self.window
        if w.welcome_page is not None and w.pages.currentWidget() is w.welcome_page:
            w.leave_welcome("all")
        batch = next(b for b in import_batches() if b.id == batch_id)
        w.session.announce_bulk_change(
            f"Imported {batch.file_name}: {batch.counts_text()}. File → Import history can undo it."
        )

    def _on_import_history_dialog_undone(self, result: str) -> None:
        self.window.session.announce_bulk_change(f"Import undone: {result}.")

    # Briefs and the networking loop ------------------------------------------------------

    def prepare_brief(self) -> BriefDialog | None:
        """Ctrl+P: the one-page brief of the contact on show, to print or save."""
        contact_id = self.window.contact_pane.contact_id
        if contact_id is None:
            return None
        return self.open_brief(contact_id)

    def open_brief(self, contact_id: int) -> BriefDialog:
        """The brief dialog for `contact_id` (from Today, the tray, a reminder)."""
        from ui.dialogs.brief_dialog import BriefDialog

        dialog = BriefDialog(contact_id, self.window.settings, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def plan_meeting(self) -> None:
        """Network → Plan a 1-2-1 with the contact on show."""
        from ui.dialogs.meeting_dialogs import plan_meeting_with_prompt

        w = self.window
        if w.contact_pane.contact_id is not None:
            plan_meeting_with_prompt(w.contact_pane.contact_id, w.stack, w.events, w)

    def introduce(self) -> None:
        """Network → Introduce: the contact on show (if any) to someone else."""
        from ui.dialogs.introduce_dialog import introduce_with_prompt

        w = self.window
        introduce_with_prompt(w.stack, w.events, w, w.contact_pane.contact_id)

    def edit_rhythms(self) -> None:
        """Edit → Follow-up rhythms: the default rhythm of each stage and tag."""
        from ui.dialogs.rhythms_dialog import RhythmsDialog

        w = self.window
        dialog = RhythmsDialog(w.stack, w.events, w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_meetings(self) -> Path | None:
        """File → Export → Upcoming 1-2-1s (see `ui.dialogs.calendar_export.export_upcoming`)."""
        from ui.dialogs.calendar_export import export_upcoming

        return export_upcoming(self.window, self.window.settings)

    def edit_questions(self) -> Path:
        """Edit → Brief questions: the question bank, opened in the system's editor
        (copied beside the database first, so edits are the user's own)."""
        # Not an undo step: a copy of the questions for the user's editor, not data.
        path = questions.ensure_user_questions(self.window.db_path.parent)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(
                self.window, f"No program opened the file; edit it with any text editor: {path}"
            )
        return path

    # Duplicates ----------------------------------------------------------------------------

    def find_duplicates(self) -> DuplicatesDialog:
        """Edit → Find duplicates: likely pairs, each mergeable (undoable)."""
        from ui.dialogs.duplicates_dialog import DuplicatesDialog

        w = self.window
        dialog = DuplicatesDialog(w.stack, w.events, parent=w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def merge_selected(self) -> DuplicatesDialog | None:
        """Edit → Merge the two selected: choose what the merged contact keeps."""
        from ui.dialogs.duplicates_dialog import DuplicatesDialog

        w = self.window
        ids = w.list_pane.selected_ids()
        if len(ids) != 2:
            return None
        dialog = DuplicatesDialog(w.stack, w.events, pair=(ids[0], ids[1]), parent=w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # The user, the settings, help --------------------------------------------------------

    def edit_profile(self) -> None:
        w = self.window
        ProfileDialog(w.stack, w.events, w).exec()

    def edit_settings(self) -> SettingsDialog:
        """Edit → Settings: the database's location, the brief's paper, default rhythms
        and the theme (window-modal; returned for tests, which drive it)."""
        from ui.dialogs.settings_dialog import SettingsDialog

        w = self.window
        dialog = SettingsDialog(w.settings, w.stack, w.events, w.db_path, w)
        dialog.theme_changed.connect(self._on_settings_dialog_theme_changed)
        dialog.about_to_write.connect(w.session.upkeep.finish)
        dialog.synced.connect(w.session.announce_bulk_change)
        # What a sync noted of the cards is this window's own write, not another program's.
        dialog.wrote.connect(w.session.external_changes.look_again)
        dialog.accepted.connect(w.syncs.reschedule)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_settings_dialog_theme_changed(self, theme: str) -> None:
        for action in self.window.menu_actions.theme_group.actions():
            action.setChecked(action.data() == theme)

    def choose_theme(self, action: QAction) -> None:
        """View → Theme: the theme of `action`, applied and remembered."""
        theme = action.data()
        self.window.settings.setValue("ui/theme", theme)
        apply_theme(QApplication.instance(), theme)

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard shortcuts, read from the window's actions."""
        from ui.dialogs.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_demo(self) -> None:
        """The welcome page's demo: the demo network in a window of its own."""
        from ui.window.demo_launch import open_demo

        w = self.window
        if open_demo(w.db_path):
            w.statusBar().showMessage("Opening the demo network in a window of its own…", 10_000)
        else:
            QMessageBox.warning(w, "Relate", "The demo could not be started.")

    def about(self) -> None:
        w = self.window
        QMessageBox.about(
            w,
            "About Relate",
            f"<h3>Relate {__version__}</h3>"
            "<p>A local-first relationship manager: listen, find common ground, "
            "meet 1-2-1, follow up, and serve your network.</p>"
            f"<p>Your data: <code>{w.db_path}</code></p>"
            f"<p>{w.session.care.last_backup_words()}</p>",
        )
