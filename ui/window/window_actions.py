"""The main window's actions: what each does, its keys and icon, where it sits in the
menus and the tool bar, and when it can act."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence

from ui.widgets.icons import action_icon
from ui.widgets.theme import THEMES

if TYPE_CHECKING:
    from ui.window.main_window import MainWindow

Shortcut = QKeySequence.StandardKey | str | None


class WindowActions(QObject):
    """Every action of the main window, made once, arranged in its menu bar and tool
    bar; the slots are `ui.window.action_handlers`' and the panes'."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._make()
        self._arrange()

    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: Shortcut = None,
        icon: str | None = None,
    ) -> QAction:
        action = QAction(action_icon(icon) if icon else QIcon(), text, self.window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        # Never the slot itself: `triggered` passes `checked`, which a slot with a
        # parameter of its own would take for its argument.
        action.triggered.connect(lambda: slot())
        self.window.addAction(action)
        return action

    def _make(self) -> None:
        w, h = self.window, self.window.handlers
        std = QKeySequence.StandardKey
        self.new_action = self._action("&New contact…", h.new_contact, std.New, "new-contact")
        self.archive_action = self._action(
            "&Archive or delete…", h.remove_selected, std.Delete, "archive"
        )
        # Del means "this contact" only in the list; elsewhere (the timeline) it is theirs.
        self.archive_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        w.removeAction(self.archive_action)
        w.list_pane.table.addAction(self.archive_action)
        self.restore_action = self._action(
            "&Restore from archive", h.restore_selected, None, "restore"
        )
        self.tag_action = self._action("&Tag selected…", h.tag_selected, "Ctrl+T", "tag")
        self.undo_action = w.stack.createUndoAction(w, "&Undo")
        self.undo_action.setShortcut(std.Undo)
        self.undo_action.setIcon(action_icon("undo"))
        self.redo_action = w.stack.createRedoAction(w, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.setIcon(action_icon("redo"))
        # The toolbar says Undo and Redo, the menu and the tip what: a long command's
        # name ("Undo Change stage") would push the last buttons off a 1280 window.
        self.undo_action.setIconText("Undo")
        self.redo_action.setIconText("Redo")
        self.find_action = self._action("&Find", w.list_pane.focus_search, std.Find, "search")
        self.log_action = self._action(
            "&Log an interaction", w.contact_pane.focus_quick_entry, "Ctrl+L", "log"
        )
        self.profile_action = self._action("My &profile…", h.edit_profile, None, "me")
        self.about_action = self._action("&About Relate", h.about, None, "about")
        self.shortcuts_action = self._action(
            "&Keyboard shortcuts", h.show_shortcuts, std.HelpContents
        )
        self.quit_action = self._action("&Quit", w.presence.quit, std.Quit)
        self.import_action = self._action("&Import…", h.import_file, "Ctrl+Shift+I", "import")
        self.folder_action = self._action("Import a &folder…", h.import_folder)
        self.history_action = self._action("Import &history…", h.show_import_history)
        self.sync_action = self._action("&Sync address books", w.syncs.sync_now)
        self.sync_action.setToolTip(
            "Sync with the address books connected in Settings → Sync, both ways"
        )
        care = w.session.care
        self.backup_action = self._action("&Back up now", care.back_up_now)
        self.restore_backup_action = self._action("&Restore from a backup…", care.restore_backup)
        self.export_actions = [
            self._action("The list as &CSV…", h.export_list),
            self._action("All contacts as &vCards…", lambda: w.exporter.export("vcard")),
            self._action("&Everything as JSON…", lambda: w.exporter.export("json")),
        ]
        self.brief_action = self._action(
            "Prepare &brief…", h.prepare_brief, std.Print, "one-to-one"
        )
        self.questions_action = self._action("Brief &questions…", h.edit_questions)
        self.duplicates_action = self._action("Find &duplicates…", h.find_duplicates, None, "merge")
        self.merge_action = self._action("&Merge the two selected…", h.merge_selected)
        self.meet_action = self._action(
            "Plan a &1-2-1…", h.plan_meeting, "Ctrl+Shift+M", "one-to-one"
        )
        self.introduce_action = self._action(
            "&Introduce…", h.introduce, "Ctrl+Shift+N", "introduce"
        )
        self.rhythms_action = self._action("Follow-up &rhythms…", h.edit_rhythms, None, "rhythm")
        self.settings_action = self._action("&Settings…", h.edit_settings, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.calendar_action = self._action(
            "Upcoming 1-2-1s to &calendar (.ics)…", h.export_meetings
        )
        choose = w.navigator.choose_view
        self.page_actions = [
            self._action("&Today", lambda: choose("today"), "Ctrl+1", "today"),
            self._action("&Contacts", lambda: choose("all"), "Ctrl+2", "all"),
            self._action("&Who do you know who…", lambda: choose("who"), "Ctrl+3", "who"),
            self._action("Network &health", lambda: choose("health"), "Ctrl+4", "health"),
        ]
        self.theme_group = QActionGroup(self)
        current = w.settings.value("ui/theme", "system")
        for theme in THEMES:
            action = QAction(theme.capitalize(), self.theme_group)
            action.setCheckable(True)
            action.setChecked(theme == current)
            action.setData(theme)

    def _arrange(self) -> None:
        """The menus and the tool bar."""
        bar = self.window.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        file_menu.addAction(self.brief_action)
        file_menu.addSeparator()
        file_menu.addActions([self.import_action, self.folder_action, self.history_action])
        file_menu.addAction(self.sync_action)
        export_menu = file_menu.addMenu(action_icon("export"), "&Export")
        export_menu.addActions([*self.export_actions, self.calendar_action])
        file_menu.addSeparator()
        file_menu.addActions([self.backup_action, self.restore_backup_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("&Edit")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.log_action, self.tag_action])
        edit_menu.addActions([self.archive_action, self.restore_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.duplicates_action, self.merge_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.profile_action, self.rhythms_action, self.questions_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        network_menu = bar.addMenu("&Network")
        network_menu.addActions([self.meet_action, self.introduce_action])
        view_menu = bar.addMenu("&View")
        view_menu.addActions(self.page_actions)
        view_menu.addSeparator()
        view_menu.addMenu("&Theme").addActions(self.theme_group.actions())
        help_menu = bar.addMenu("&Help")
        help_menu.addActions([self.shortcuts_action, self.about_action])

        toolbar = self.window.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.page_actions[0])
        toolbar.addSeparator()
        toolbar.addActions([self.new_action, self.log_action, self.meet_action])
        toolbar.addActions([self.brief_action, self.introduce_action, self.tag_action])
        toolbar.addAction(self.archive_action)
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addAction(self.profile_action)

    def changing(self) -> list[QAction]:
        """The actions that change the database (off while it is read-only)."""
        return [
            self.new_action,
            self.log_action,
            self.archive_action,
            self.restore_action,
            self.tag_action,
            self.import_action,
            self.folder_action,
            self.history_action,
            self.sync_action,
            self.duplicates_action,
            self.merge_action,
            self.meet_action,
            self.introduce_action,
            self.rhythms_action,
            self.profile_action,
        ]

    def follow(self, selected: int, in_archive: bool, on_show: bool, read_only: bool) -> None:
        """Turn each action on where it can act: `selected` contacts in the list on show,
        whether it is the archive, whether a contact's pane is on show, and whether the
        database refuses changes."""
        self.archive_action.setEnabled(selected > 0)
        self.tag_action.setEnabled(selected > 0)
        self.restore_action.setEnabled(selected > 0 and in_archive)
        self.merge_action.setEnabled(selected == 2)
        for action in (self.brief_action, self.meet_action, self.log_action):
            action.setEnabled(on_show)
        if read_only:
            for action in self.changing():
                action.setEnabled(False)
