"""The main window: a thin assembly of the navigator, the list and the contact pane."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relate import queries, tags
from relate.humanize import counted
from ui.contact.contact_list_pane import ContactListPane
from ui.contact.contact_pane import ContactPane
from ui.desktop.presence import Presence
from ui.dialogs.exporting import Exporter
from ui.pages.today_page import TodayPage
from ui.session.database_session import DatabaseSession
from ui.tasks import TaskRunner
from ui.undo.commands import EditTagCommand, run_command
from ui.undo.data_events import DataEvents
from ui.window import window_layout
from ui.window.action_handlers import ActionHandlers, dropped_file
from ui.window.list_keeper import ListKeeper
from ui.window.navigator import PAGES, NavigatorPane
from ui.window.window_actions import WindowActions
from ui.window.window_sync import WindowSync

if TYPE_CHECKING:
    from ui.pages.health_page import HealthPage
    from ui.pages.welcome_page import WelcomePage


class MainWindow(QMainWindow):
    """The window a user lives in: views and tags, the list, and the selected contact."""

    def __init__(self, db_path: Path, settings: QSettings | None = None) -> None:
        super().__init__()
        self.db_path = db_path
        self.settings = settings or QSettings()
        self.setWindowTitle("Relate")
        self.events = DataEvents(self)
        # The database file: backups, read-only, upkeep, other programs' writes.
        self.session = DatabaseSession(self, db_path)
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
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.session.care.bar)  # why read-only, while it is
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
        self.handlers = ActionHandlers(self)  # what the actions do
        self.syncs = WindowSync(self)  # address books synced when asked, and every N minutes
        self.menu_actions = WindowActions(self)
        self.menu_actions.theme_group.triggered.connect(self.handlers.choose_theme)
        window_layout.keep_dialogs_on_screen(self)
        self.setAcceptDrops(True)
        self.navigator.view_chosen.connect(self._on_navigator_view_chosen)
        self.navigator.tags_chosen.connect(self._on_navigator_tags_chosen)
        self.navigator.tag_edited.connect(self._on_navigator_tag_edited)
        self.list_pane.current_changed.connect(self._on_list_current_changed)
        self.list_pane.selection_changed.connect(self.update_actions)
        self.list_pane.filter_cleared.connect(self.navigator.clear_tags)
        self.list_keeper = ListKeeper(self)  # the list read when wanted, and kept current
        self.events.tags_changed.connect(self._on_events_tags_changed)
        self.today_page.open_contact.connect(self.open_contact)
        self.today_page.brief_requested.connect(self.handlers.open_brief)
        self.today_page.view_requested.connect(self.navigator.choose_view)

        self.navigator.set_tags(tags.all_tags())
        self.update_count()
        self._restore_settings()
        self.update_actions()

    def update_actions(self) -> None:
        """Each action on where it can act (the selection, the page, read-only)."""
        # The list's actions act on what it shows: not while another page hides it.
        on_list = self.pages.currentWidget() is self.contacts_splitter
        self.menu_actions.follow(
            selected=len(self.list_pane.selected_ids()) if on_list else 0,
            in_archive=self.list_pane.model.view == "archived",
            on_show=on_list and self.contact_pane.contact_id is not None,
            read_only=self.session.read_only,
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_file(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        path = dropped_file(event)
        if path is not None:
            event.acceptProposedAction()
            self.handlers.import_path(path)

    # Following the panes and the data -----------------------------------------------------

    def _on_navigator_view_chosen(self, view: str) -> None:
        if view == "today":
            self.pages.setCurrentWidget(self.today_page)
        elif view == "health":
            self.pages.setCurrentWidget(self._health_page())
        else:
            self.list_keeper.ensure_list()
            self.pages.setCurrentWidget(self.contacts_splitter)
            if view == "who":  # a question is asked of everyone you know
                self.navigator.clear_tags()
            self.list_pane.set_view(view)
        self.update_actions()

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
            self.welcome_page.import_requested.connect(self.handlers.import_file)
            self.welcome_page.start_empty.connect(lambda: self.leave_welcome("today"))
            self.welcome_page.demo_requested.connect(self.handlers.open_demo)
            self.pages.addWidget(self.welcome_page)
        self.pages.setCurrentWidget(self.welcome_page)
        self.update_actions()
        return self.welcome_page

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

    def _on_navigator_tag_edited(self, name: str, change: dict[str, object]) -> None:
        run_command(self.stack, EditTagCommand(self.events, name, **change), self)

    def _on_navigator_tags_chosen(self, names: list[str]) -> None:
        self.list_pane.keep_current(lambda: self.list_pane.model.set_tags(names))

    def _on_list_current_changed(self, contact_id: int) -> None:
        # A search that keeps the same contact current must not reload its pane.
        if (contact_id or None) != self.contact_pane.contact_id:
            self.contact_pane.show_contact(contact_id or None)
        self.update_actions()

    def _on_events_tags_changed(self) -> None:
        self.navigator.set_tags(tags.all_tags())

    def update_count(self) -> None:
        """The number of contacts in the status bar."""
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
        self.list_keeper.read_after_first_paint()

    def save_settings(self) -> None:
        """The window's size, its panes' widths, the list's columns and contact on show."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/navigator_splitter", self.splitter.saveState())
        self.settings.setValue("window/contacts_splitter", self.contacts_splitter.saveState())
        self.list_pane.columns.save(self.settings)
        self.list_keeper.remember_current(self.settings)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.contact_pane.card.save_story()
        self.save_settings()
        if self.presence.keep_in_tray(event):
            return
        self.exporter.wait()
        self.list_keeper.closing()
        self.syncs.stop()
        self.tasks.cancel()  # nobody is left to read for: no wait on a read under way
        self.session.upkeep.finish()
        super().closeEvent(event)
        self.presence.closed()
