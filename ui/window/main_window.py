"""The main window: a thin assembly of the navigator, the list and the contact pane."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relate import __version__, queries, tags
from relate.brief import questions
from relate.changes import EVERYTHING
from relate.humanize import counted
from relate.importers.batches import import_batches
from relate.store.db import wait_when_busy
from ui.contact.contact_list_pane import ContactListPane
from ui.contact.contact_pane import ContactPane
from ui.contact.contact_table_model import WHO_VIEW
from ui.desktop.presence import Presence
from ui.dialogs.errors import show_error
from ui.dialogs.exporting import Exporter
from ui.dialogs.new_contact_dialog import NewContactDialog
from ui.dialogs.profile_dialog import ProfileDialog
from ui.pages.today_page import TodayPage
from ui.session.database_care import DatabaseCare
from ui.session.external_changes import ExternalChanges
from ui.session.idle_upkeep import IdleUpkeep
from ui.tasks import TaskRunner
from ui.undo.commands import (
    ArchiveCommand,
    CreateContactCommand,
    DeleteContactsCommand,
    EditTagCommand,
    TagCommand,
    run_command,
)
from ui.undo.data_events import DataEvents
from ui.widgets.theme import apply_theme
from ui.window import window_layout
from ui.window.navigator import PAGES, NavigatorPane
from ui.window.window_actions import WindowActions

if TYPE_CHECKING:
    from ui.dialogs.brief_dialog import BriefDialog
    from ui.dialogs.duplicates_dialog import DuplicatesDialog
    from ui.dialogs.import_dialog import ImportDialog
    from ui.dialogs.import_history_dialog import ImportHistoryDialog
    from ui.dialogs.settings_dialog import SettingsDialog
    from ui.dialogs.shortcuts_dialog import ShortcutsDialog
    from ui.pages.health_page import HealthPage
    from ui.pages.welcome_page import WelcomePage


# The dialogs below are imported when first opened: with them come ReportLab, vobject
# and nameparser, a fifth of a second that the window's start-up need not wait for.

IMPORTABLE_SUFFIXES = (".csv", ".vcf", ".vcard")
WINDOW_BUSY_WAIT_MS = 50
# After the opening page's first paint (a few frames), the hidden list is read.
LIST_LOAD_DELAY_MS = 150


def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
    """The file a drag carries, when it is one file Relate can import."""
    urls = event.mimeData().urls()
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in IMPORTABLE_SUFFIXES else None


class MainWindow(QMainWindow):
    """The window a user lives in: views and tags, the list, and the selected contact."""

    def __init__(self, db_path: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.settings = settings or QSettings()
        self.setWindowTitle("Relate")
        # The window's thread never waits long for another program's write: a change
        # made then is refused with Retry (see ui.undo.commands.run_command).
        wait_when_busy(WINDOW_BUSY_WAIT_MS)
        self.events = DataEvents(self)
        self.upkeep = IdleUpkeep(self.events, db_path, self)
        self.stack = QUndoStack(self)

        self.navigator = NavigatorPane()
        self.list_pane = ContactListPane()
        self.contact_pane = ContactPane(self.stack, self.events)
        self.tasks = TaskRunner(self)
        self.today_page = TodayPage(self.stack, self.events, self.tasks)
        self.health_page: HealthPage | None = None  # made when first shown
        self.welcome_page: WelcomePage | None = None  # for an empty database
        # The navigator on the left; on the right one page: Today, the list with the
        # contact on show, or the network's health.
        self.contacts_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.contacts_splitter.setObjectName("contactsSplitter")
        self.pages = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        # Widths (in average characters) below which a pane's labels would be cut off.
        panes = ((self.navigator, 30), (self.list_pane, 28), (self.contact_pane, 60))
        window_layout.set_pane_minimums(self, panes)
        for pane in (self.list_pane, self.contact_pane):
            self.contacts_splitter.addWidget(pane)
        self.contacts_splitter.setChildrenCollapsible(False)
        self.contacts_splitter.setStretchFactor(0, 3)
        self.contacts_splitter.setStretchFactor(1, 2)
        self.contacts_splitter.setSizes([760, 520])
        self.pages.addWidget(self.today_page)
        self.pages.addWidget(self.contacts_splitter)
        self.splitter.addWidget(self.navigator)
        self.splitter.addWidget(self.pages)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([210, 1280])
        # Backups, and read-only with a bar above the pages saying why.
        self.care = DatabaseCare(self, db_path)
        self.care.about_to_replace.connect(self._on_care_about_to_replace)
        self.care.restored.connect(self._on_care_restored)
        self.care.read_only_changed.connect(self._on_care_read_only_changed)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.care.bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.db_label = QLabel(str(db_path))
        self.db_label.setToolTip("The database file")
        self.statusBar().addWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.db_label)

        self.exporter = Exporter(self, self.settings)
        self.exporter.exported.connect(lambda text: self.statusBar().showMessage(text, 10_000))
        self.presence = Presence(self)  # the tray and reminders, started by the app
        self.menu_actions = WindowActions(self)
        self.menu_actions.theme_group.triggered.connect(self._on_theme_group_triggered)
        window_layout.keep_dialogs_on_screen(self)
        self.setAcceptDrops(True)
        self.navigator.view_chosen.connect(self._on_navigator_view_chosen)
        self.navigator.tags_chosen.connect(self._on_navigator_tags_chosen)
        self.navigator.tag_edited.connect(self._on_navigator_tag_edited)
        self.list_pane.current_changed.connect(self._on_list_current_changed)
        self.list_pane.selection_changed.connect(self._update_actions)
        self.list_pane.filter_cleared.connect(self.navigator.clear_tags)
        self.events.contacts_changed.connect(self._on_events_contacts_changed)
        self.events.contacts_added.connect(self._on_events_contacts_added)
        self.events.contacts_removed.connect(self._on_events_contacts_removed)
        self.events.tags_changed.connect(self._on_events_tags_changed)
        self.today_page.open_contact.connect(self.open_contact)
        self.today_page.brief_requested.connect(self._on_today_page_brief_requested)
        self.today_page.view_requested.connect(self.navigator.choose_view)
        self.external_changes = ExternalChanges(self.events, self)
        self.external_changes.changed.connect(self._on_external_changes_changed)

        self.navigator.set_tags(tags.all_tags())
        self._update_count()
        self._list_ready = False
        self._restore_settings()
        self._update_actions()

    # Actions ---------------------------------------------------------------------------

    def export_list(self) -> None:
        """File → Export → The list as CSV: what the list shows, in its order."""
        self.ensure_list()
        self.exporter.export("csv", self.list_pane.model.contact_ids())

    def _update_actions(self) -> None:
        # The list's actions act on what it shows: not while another page hides it.
        on_list = self.pages.currentWidget() is self.contacts_splitter
        self.menu_actions.follow(
            selected=len(self.list_pane.selected_ids()) if on_list else 0,
            in_archive=self.list_pane.model.view == "archived",
            on_show=on_list and self.contact_pane.contact_id is not None,
            read_only=self.care.reason is not None,
        )

    def new_contact(self) -> None:
        dialog = NewContactDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            command = CreateContactCommand(self.events, **dialog.values())
            run_command(self.stack, command, self)

    def remove_selected(self) -> None:
        """Del: archive the selected contacts, or delete them for good, after asking."""
        ids = self.list_pane.selected_ids()
        if not ids:
            return
        who = queries.summaries(ids)[0].display_name if len(ids) == 1 else f"{len(ids)} contacts"
        box = QMessageBox(self)
        box.setWindowTitle("Archive or delete")
        box.setText(f"Archive {who}, or delete for good with their whole timeline?")
        box.setInformativeText("Archived contacts can be restored from the Archived view.")
        archive = box.addButton("Archive", QMessageBox.ButtonRole.AcceptRole)
        delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(archive)
        box.exec()
        if box.clickedButton() is archive:
            if self.list_pane.model.view != "archived":
                run_command(self.stack, ArchiveCommand(self.events, ids, True), self)
        elif box.clickedButton() is delete:
            run_command(self.stack, DeleteContactsCommand(self.events, ids), self)

    def restore_selected(self) -> None:
        ids = self.list_pane.selected_ids()
        if ids:
            run_command(self.stack, ArchiveCommand(self.events, ids, False), self)

    def tag_selected(self) -> None:
        """Ctrl+T: add one tag to every selected contact."""
        ids = self.list_pane.selected_ids()
        if not ids:
            return
        names = tags.tag_names()
        name, ok = QInputDialog.getItem(
            self, "Tag contacts", f"Tag {len(ids)} selected contact(s) with:", names, 0, True
        )
        if ok and name.strip():
            run_command(self.stack, TagCommand(self.events, ids, name.strip(), True), self)

    # Importing -----------------------------------------------------------------------------

    def import_file(self) -> ImportDialog | None:
        """File → Import: ask for a file, then open the import dialog on it."""
        from ui.dialogs.import_dialog import choose_import_file

        path = choose_import_file(self, str(self.settings.value("import/folder", "")))
        return None if path is None else self.import_path(path)

    def import_path(self, path: Path) -> ImportDialog:
        """The import dialog on `path` (a file chosen or dropped), window-modal."""
        from ui.dialogs.import_dialog import ImportDialog

        self.settings.setValue("import/folder", str(path.parent))
        dialog = ImportDialog(path, self)
        dialog.about_to_write.connect(self.upkeep.finish)
        dialog.imported.connect(self._on_import_dialog_imported)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_import_history(self) -> ImportHistoryDialog:
        """File → Import history: the imports, with Undo."""
        from ui.dialogs.import_history_dialog import ImportHistoryDialog

        dialog = ImportHistoryDialog(self)
        dialog.about_to_write.connect(self.upkeep.finish)
        dialog.undone.connect(self._on_import_history_dialog_undone)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _announce_bulk_change(self, message: str) -> None:
        """Many contacts changed at once (an import or its undo, a restore, another
        program): every pane rereads."""
        self.events.announce(EVERYTHING)
        self.statusBar().showMessage(message, 10_000)

    def _on_external_changes_changed(self) -> None:
        if self.welcome_page is not None and self.pages.currentWidget() is self.welcome_page:
            if queries.count_contacts(archived=None):
                self.leave_welcome("all")
        self._announce_bulk_change("Showing changes made outside this window.")

    def _on_import_dialog_imported(self, batch_id: int) -> None:
        if self.welcome_page is not None and self.pages.currentWidget() is self.welcome_page:
            self.leave_welcome("all")
        batch = next(b for b in import_batches() if b.id == batch_id)
        self._announce_bulk_change(
            f"Imported {batch.file_name}: {batch.created:,} new, {batch.updated:,} updated."
            " File → Import history can undo it."
        )

    def _on_import_history_dialog_undone(self, result: str) -> None:
        self._announce_bulk_change(f"Import undone: {result}.")

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if _dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = _dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.import_path(path)

    def prepare_brief(self) -> BriefDialog | None:
        """Ctrl+P: the one-page brief of the contact on show, to print or save."""

        if self.contact_pane.contact_id is None:
            return None
        return self.open_brief(self.contact_pane.contact_id)

    def open_brief(self, contact_id: int) -> BriefDialog:
        """The brief dialog for `contact_id` (from Today, the tray, a reminder)."""
        from ui.dialogs.brief_dialog import BriefDialog

        dialog = BriefDialog(contact_id, self.settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # The networking loop -------------------------------------------------------------------

    def plan_meeting(self) -> None:
        """Network → Plan a 1-2-1 with the contact on show."""
        from ui.dialogs.meeting_dialogs import plan_meeting_with_prompt

        if self.contact_pane.contact_id is not None:
            plan_meeting_with_prompt(self.contact_pane.contact_id, self.stack, self.events, self)

    def introduce(self) -> None:
        """Network → Introduce: the contact on show (if any) to someone else."""
        from ui.dialogs.introduce_dialog import introduce_with_prompt

        introduce_with_prompt(self.stack, self.events, self, self.contact_pane.contact_id)

    def edit_rhythms(self) -> None:
        """Edit → Follow-up rhythms: the default rhythm of each stage and tag."""
        from ui.dialogs.rhythms_dialog import RhythmsDialog

        dialog = RhythmsDialog(self.stack, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def export_meetings(self) -> Path | None:
        """File → Export → Upcoming 1-2-1s (see `ui.dialogs.calendar_export.export_upcoming`)."""
        from ui.dialogs.calendar_export import export_upcoming

        return export_upcoming(self, self.settings)

    def edit_questions(self) -> Path:
        """Edit → Brief questions: the question bank, opened in the system's editor
        (copied beside the database first, so edits are the user's own)."""
        # Not an undo step: a copy of the questions for the user's editor, not data.
        path = questions.ensure_user_questions(self.db_path.parent)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(self, f"No program opened the file; edit it with any text editor: {path}")
        return path

    # Duplicates ----------------------------------------------------------------------------

    def find_duplicates(self) -> DuplicatesDialog:
        """Edit → Find duplicates: likely pairs, each mergeable (undoable)."""
        from ui.dialogs.duplicates_dialog import DuplicatesDialog

        dialog = DuplicatesDialog(self.stack, self.events, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def merge_selected(self) -> DuplicatesDialog | None:
        """Edit → Merge the two selected: choose what the merged contact keeps."""
        from ui.dialogs.duplicates_dialog import DuplicatesDialog

        ids = self.list_pane.selected_ids()
        if len(ids) != 2:
            return None
        dialog = DuplicatesDialog(self.stack, self.events, pair=(ids[0], ids[1]), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # Backups --------------------------------------------------------------------------------

    def _on_care_about_to_replace(self) -> None:
        if self.care.reason is None:  # a damaged file is left exactly as it is
            self.contact_pane.card.save_story()
        self.upkeep.finish()
        self.tasks.cancel()  # what they read is about to be replaced

    def _on_care_restored(self, message: str) -> None:
        self.stack.clear()  # the undo history speaks of the data that was replaced
        self._announce_bulk_change(message)
        self._update_count()

    def _on_care_read_only_changed(self, read_only: bool, restorable: bool) -> None:
        if read_only:
            self.upkeep.pause()
            self.stack.clear()
        else:
            self.upkeep.resume()
            for action in self.menu_actions.changing():
                action.setEnabled(True)  # `_update_actions` then follows the selection
        self.contact_pane.set_read_only(read_only)
        self.setWindowTitle("Relate (read-only)" if read_only else "Relate")
        self.menu_actions.restore_backup_action.setEnabled(restorable)
        self._update_actions()

    def edit_profile(self) -> None:
        ProfileDialog(self.stack, self.events, self).exec()

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help → Keyboard shortcuts, read from the window's actions."""
        from ui.dialogs.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Relate",
            f"<h3>Relate {__version__}</h3>"
            "<p>A local-first relationship manager: listen, find common ground, "
            "meet 1-2-1, follow up, and serve your network.</p>"
            f"<p>Your data: <code>{self.db_path}</code></p>"
            f"<p>{self.care.last_backup_words()}</p>",
        )

    # Following the panes and the data -----------------------------------------------------

    def edit_settings(self) -> SettingsDialog:
        """Edit → Settings: the database's location, the brief's paper, default rhythms
        and the theme (window-modal; returned for tests, which drive it)."""
        from ui.dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.stack, self.events, self.db_path, self)
        dialog.theme_changed.connect(self._on_settings_dialog_theme_changed)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _on_settings_dialog_theme_changed(self, theme: str) -> None:
        for action in self.menu_actions.theme_group.actions():
            action.setChecked(action.data() == theme)

    def _on_theme_group_triggered(self, action: QAction) -> None:
        theme = action.data()
        self.settings.setValue("ui/theme", theme)
        apply_theme(QApplication.instance(), theme)

    def _on_navigator_view_chosen(self, view: str) -> None:
        if view == "today":
            self.pages.setCurrentWidget(self.today_page)
        elif view == "health":
            self.pages.setCurrentWidget(self._health_page())
        else:
            self.ensure_list()
            self.pages.setCurrentWidget(self.contacts_splitter)
            if view == "who":  # a question is asked of everyone you know
                self.navigator.clear_tags()
            self.list_pane.set_view(view)
        self._update_actions()

    def _health_page(self) -> HealthPage:
        if self.health_page is None:
            from ui.pages.health_page import HealthPage

            self.health_page = HealthPage(self.settings, self.events)
            self.pages.addWidget(self.health_page)
        return self.health_page

    def show_welcome(self) -> WelcomePage:
        """The welcome page in place of Today: for a database with nobody in it yet."""
        from ui.pages.welcome_page import WelcomePage

        if self.welcome_page is None:
            self.welcome_page = WelcomePage(self.stack, self.events)
            self.welcome_page.import_requested.connect(self.import_file)
            self.welcome_page.start_empty.connect(lambda: self.leave_welcome("today"))
            self.welcome_page.demo_requested.connect(self._on_welcome_page_demo_requested)
            self.pages.addWidget(self.welcome_page)
        self.pages.setCurrentWidget(self.welcome_page)
        self._update_actions()
        return self.welcome_page

    def _on_welcome_page_demo_requested(self) -> None:
        from ui.window.demo_launch import open_demo

        if open_demo(self.db_path):
            self.statusBar().showMessage("Opening the demo network in a window of its own…", 10_000)
        else:
            QMessageBox.warning(self, "Relate", "The demo could not be started.")

    def leave_welcome(self, view: str) -> None:
        """Go from the welcome page to `view`, as the navigator would."""
        self.navigator.choose_view(view)
        self._on_navigator_view_chosen(view)

    def opening_surface(self) -> QWidget:
        """What paints first when the window opens: the page on show's contents."""
        if self.welcome_page is not None and self.pages.currentWidget() is self.welcome_page:
            return self.welcome_page.widget()
        if self.pages.currentWidget() is self.today_page:
            return self.today_page.heading
        return self.list_pane.table.viewport()

    def current_page(self) -> str:
        """ "today", "health", or "contacts"."""
        view = self.navigator.current_view()
        return view if view in PAGES else "contacts"

    def open_contact(self, contact_id: int) -> None:
        """Show a contact in the list and its pane (from Today, say), whatever the list
        showed: the view falls back to All contacts without a search or tag filter."""
        if self.navigator.current_view() in PAGES or not self.list_pane.select_contact(contact_id):
            self.list_pane.search_box.clear()
            self.navigator.clear_tags()
            self.navigator.choose_view("all")
            self.list_pane.keep_current(self.list_pane.model.reload)
            self.list_pane.select_contact(contact_id)
        self.list_pane.table.setFocus()

    def _on_today_page_brief_requested(self, contact_id: int) -> None:
        self.open_brief(contact_id)

    def _on_navigator_tag_edited(self, name: str, change: dict[str, object]) -> None:
        run_command(self.stack, EditTagCommand(self.events, name, **change), self)

    def _on_navigator_tags_chosen(self, names: list[str]) -> None:
        self.list_pane.keep_current(lambda: self.list_pane.model.set_tags(names))

    def _on_list_current_changed(self, contact_id: int) -> None:
        # A search that keeps the same contact current must not reload its pane.
        if (contact_id or None) != self.contact_pane.contact_id:
            self.contact_pane.show_contact(contact_id or None)
        self._update_actions()

    def _on_events_contacts_changed(self, contact_ids: list[int]) -> None:
        self.list_pane.model.forget(contact_ids)

    def _on_events_contacts_added(self, contact_ids: list[int]) -> None:
        if not contact_ids:  # many at once (an import, another program): read on the worker
            self._reread_list()
            return
        self.list_pane.keep_current(self.list_pane.model.reload)
        self.list_pane.select_contact(contact_ids[0])
        self._update_count()

    def _reread_list(self) -> None:
        """The list read again off the window's thread (100,000 ids would hold it up for
        a good part of a second), the same contact current afterwards if still listed."""
        self._update_count()
        pane, model = self.list_pane, self.list_pane.model
        if not self._list_ready:
            return  # read when first shown
        if model.view == WHO_VIEW:  # ranked by a question: quick, and not read ahead
            pane.keep_current(model.reload)
            return
        current = pane.current_id()

        def then() -> None:
            if current is None or not pane.select_contact(current):
                pane.current_changed.emit(pane.current_id() or 0)

        model.reload_later(self.tasks, then)

    def _on_events_contacts_removed(self, contact_ids: list[int]) -> None:
        model = self.list_pane.model
        if any(model.row_of(cid) >= 0 for cid in contact_ids):
            model.remove(contact_ids)
            self.list_pane.current_changed.emit(self.list_pane.current_id() or 0)
        else:  # they came back into this view (an undone archive or delete)
            self.list_pane.keep_current(model.reload)
        self._update_count()

    def _on_events_tags_changed(self) -> None:
        self.navigator.set_tags(tags.all_tags())

    def _update_count(self) -> None:
        total = queries.count_contacts()
        self.count_label.setText(counted(total, "contact"))

    # Remembering the layout ---------------------------------------------------------

    def _restore_settings(self) -> None:
        window_layout.place_first_window(self, self.settings.value("window/geometry"))
        for key, splitter in (
            ("window/navigator_splitter", self.splitter),
            ("window/contacts_splitter", self.contacts_splitter),
        ):
            state = self.settings.value(key)
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
        self.list_pane.columns.restore(self.settings)
        # The window opens on Today: the list (100,000 ids, the last contact's pane) is
        # read once that has been painted, or when a view of the list is chosen first.
        QTimer.singleShot(LIST_LOAD_DELAY_MS, self._load_list_soon)

    def _load_list_soon(self) -> None:
        """After the first paint: the list's ids read on the worker, in the remembered
        order, then the last contact looked at shown."""
        if self._list_ready:
            return
        self._list_ready = True
        table, model = self.list_pane.table, self.list_pane.model
        header = table.horizontalHeader()
        model.set_order(header.sortIndicatorSection(), header.sortIndicatorOrder())
        model.reload_later(self.tasks, self._show_last_contact)
        table.setSortingEnabled(True)  # from now on; the order is the one being read

    def ensure_list(self) -> None:
        """The list read now (a view of it was chosen, or an export wants its rows)."""
        if not self._list_ready:
            self._list_ready = True
            # Sorting starts only now, so the list is read once, in the remembered order.
            self.list_pane.table.setSortingEnabled(True)
            self._show_last_contact()
        elif self.list_pane.model.loading:
            self.list_pane.model.reload()
            self._show_last_contact()

    def _show_last_contact(self) -> None:
        """The contact last looked at in this database (else the first) made current."""
        if self.list_pane.current_id() is not None:
            return  # someone was chosen meanwhile
        last = self.settings.value(self._current_contact_key())
        if last is not None and not self.list_pane.select_contact(int(last)):
            last = None
        if last is None and self.list_pane.model.rowCount():
            self.list_pane.select_contact(self.list_pane.model.contact_id(0))

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/navigator_splitter", self.splitter.saveState())
        self.settings.setValue("window/contacts_splitter", self.contacts_splitter.saveState())
        self.list_pane.columns.save(self.settings)
        current = self.list_pane.current_id()
        if current is not None and self._list_ready:
            self.settings.setValue(self._current_contact_key(), current)
        self.settings.sync()

    def _current_contact_key(self) -> str:
        """Where the contact last looked at is kept: for this database only (ids of one
        file name other people in another)."""
        where = hashlib.sha1(str(self.db_path.resolve()).encode("utf-8")).hexdigest()[:16]
        return f"list/current/{where}"

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.contact_pane.card.save_story()
        self.save_settings()
        if self.presence.keep_in_tray(event):
            return
        self.exporter.wait()
        self._list_ready = True  # a list read still timed to start has nobody to read for
        self.tasks.cancel()  # nobody is left to read for: no wait on a read under way
        self.upkeep.finish()
        super().closeEvent(event)
        self.presence.closed()
