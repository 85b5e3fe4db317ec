"""Edit → Settings: the database's location, briefs, follow-up rhythms, the theme,
reminders, the address books synced."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relate import cadence
from relate.brief.render import default_page_size
from relate.logs import log_path
from relate.store.backups import backup_folder
from relate.store.db import (
    DB_FILENAME,
    ENV_VAR,
    default_db_path,
    is_read_only,
    save_location,
    saved_location,
)
from relate.store.migrations import SchemaError, check_file
from ui.desktop.reminders_settings import RemindersPage
from ui.dialogs.brief_dialog import PAGE_SIZES
from ui.dialogs.rhythms_dialog import RhythmsCommand, RhythmsDialog, StageRhythmsBox
from ui.dialogs.sync_page import SyncPage
from ui.undo.commands import run_command
from ui.undo.data_events import DataEvents
from ui.widgets.hint import hint_label
from ui.widgets.theme import THEMES, apply_theme

PAGE_KEY, THEME_KEY = "brief/page_size", "ui/theme"


def location_problem(path: Path) -> str | None:
    """Why `path` cannot be the database for next start, in a sentence; None if it can
    (an existing Relate file, or a new one in a folder that exists or can be made)."""
    if not path.is_absolute():
        return "Give the full path of the database file, from the top folder down."
    try:
        if path.is_dir():
            return f"{path} is a folder; choose a file in it, such as {path / DB_FILENAME}."
        check_file(path)
    except SchemaError as exc:
        return str(exc)
    except OSError as exc:
        return f"{path} cannot be read: {exc.strerror or exc}."
    folder = existing = path.parent
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return f"The folder {folder} cannot be made: {existing} is a file."
    if not os.access(existing, os.W_OK | os.X_OK):
        if existing == folder:
            return f"Relate may not write in the folder {folder}."
        return f"The folder {folder} cannot be made: Relate may not write in {existing}."
    return None


def _path_field(path: Path, name: str) -> QLineEdit:
    """A path as text to select and copy (a line edit, so a long path scrolls)."""
    field = QLineEdit(str(path))
    field.setObjectName(name)
    field.setReadOnly(True)
    field.setFrame(False)
    field.setCursorPosition(0)
    field.setMinimumWidth(360)
    field.setToolTip(str(path))
    field.setStyleSheet("background: transparent;")
    return field


class DatabasePage(QWidget):
    """The file in use, where to find the next time, and where backups and the log go."""

    def __init__(self, current_db: Path) -> None:
        super().__init__()
        # Kept by the core, not in QSettings: the command line follows the choice too.
        saved = saved_location()
        self.stored = str(saved) if saved else ""

        in_use = QGroupBox("In use now")
        form = QFormLayout(in_use)
        form.addRow("Database:", _path_field(current_db, "currentDbField"))
        form.addRow("Backups:", _path_field(backup_folder(current_db), "backupFolderField"))
        form.addRow("Log file:", _path_field(log_path(), "logFileField"))

        next_start = QGroupBox("Database for next start")
        self.path_edit = QLineEdit(self.stored)
        self.path_edit.setObjectName("dbPathEdit")
        self.path_edit.setPlaceholderText(f"The default: {default_db_path()}")
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.textEdited.connect(lambda _text: self.show_problem(None))
        choose = QPushButton("Choose…")
        choose.setObjectName("dbChooseButton")
        choose.clicked.connect(self.choose)
        use_default = QPushButton("Use the default")
        use_default.setObjectName("dbDefaultButton")
        use_default.clicked.connect(self._on_default_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(choose)
        row.addWidget(use_default)

        self.problem_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.problem_icon.setPixmap(icon.pixmap(size, size))
        self.problem_label = QLabel()
        self.problem_label.setObjectName("dbError")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        problem = QHBoxLayout()
        problem.addWidget(self.problem_icon, 0, Qt.AlignmentFlag.AlignTop)
        problem.addWidget(self.problem_label, 1)
        self.show_problem(None)

        next_layout = QVBoxLayout(next_start)
        next_layout.addLayout(row)
        next_layout.addLayout(problem)
        next_layout.addWidget(
            hint_label(
                "A new location takes effect the next time Relate starts, for the window"
                " and the command line (a new file is created there if none exists)."
                f" --db and {ENV_VAR} override it."
            )
        )

        layout = QVBoxLayout(self)
        layout.addWidget(in_use)
        layout.addWidget(next_start)
        layout.addStretch(1)

    def choose(self) -> None:
        """Choose…: a file to open next time, or a name for a new one."""
        start = self.path_edit.text().strip() or str(default_db_path())
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Database for next start",
            start,
            "Relate databases (*.sqlite)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            path = Path(name)
            self.path_edit.setText(str(path if path.suffix else path.with_suffix(".sqlite")))
            self.show_problem(None)

    def _on_default_clicked(self) -> None:
        self.path_edit.clear()
        self.show_problem(None)

    def show_problem(self, message: str | None) -> None:
        self.problem_label.setText(message or "")
        self.problem_icon.setVisible(bool(message))
        self.problem_label.setVisible(bool(message))

    def chosen(self) -> str:
        """The path to store: "" for the default location."""
        text = self.path_edit.text().strip()
        if not text or Path(text).expanduser() == default_db_path():
            return ""
        return str(Path(text).expanduser())

    def check(self) -> bool:
        """Whether a changed location can be used (else the reason is shown)."""
        chosen = self.chosen()
        problem = location_problem(Path(chosen)) if chosen and chosen != self.stored else None
        self.show_problem(problem)
        return problem is None

    def save(self) -> None:
        chosen = self.chosen()
        if chosen != self.stored:
            # Not an undo step: a setting (which file opens next time), not data.
            save_location(chosen or None)


class GeneralPage(QWidget):
    """The theme and the brief's paper."""

    def __init__(self, settings: QSettings) -> None:
        super().__init__()
        self.settings = settings
        self.theme = str(settings.value(THEME_KEY, "system"))
        self.page_size = str(settings.value(PAGE_KEY, default_page_size()))

        appearance = QGroupBox("Appearance")
        self.theme_group = QButtonGroup(self)
        theme_row = QHBoxLayout()
        for theme in THEMES:
            button = QRadioButton(theme.capitalize())
            button.setObjectName(f"theme{theme.capitalize()}")
            button.setProperty("theme", theme)
            button.setChecked(theme == self.theme)
            self.theme_group.addButton(button)
            theme_row.addWidget(button)
        theme_row.addStretch(1)
        theme_form = QFormLayout(appearance)
        theme_form.addRow("Theme:", theme_row)

        briefs = QGroupBox("Briefs")
        self.page_combo = QComboBox()
        self.page_combo.setObjectName("pageSizeCombo")
        for key, name in PAGE_SIZES.items():
            self.page_combo.addItem(name, key)
        self.page_combo.setCurrentIndex(max(0, self.page_combo.findData(self.page_size)))
        brief_form = QFormLayout(briefs)
        brief_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        brief_form.addRow("Paper:", self.page_combo)

        layout = QVBoxLayout(self)
        layout.addWidget(appearance)
        layout.addWidget(briefs)
        layout.addStretch(1)

    def chosen_theme(self) -> str:
        button = self.theme_group.checkedButton()
        return str(button.property("theme")) if button is not None else self.theme

    def save(self) -> str | None:
        """Store what changed; the theme to apply, if it changed."""
        if self.page_combo.currentData() != self.page_size:
            self.settings.setValue(PAGE_KEY, self.page_combo.currentData())
        theme = self.chosen_theme()
        if theme == self.theme:
            return None
        self.settings.setValue(THEME_KEY, theme)
        return theme


class RhythmsPage(QWidget):
    """The default rhythm of each stage; tag rhythms in their own dialog."""

    def __init__(self, stack: QUndoStack, events: DataEvents) -> None:
        super().__init__()
        self.stack, self.events = stack, events
        self.before = cadence.stage_cadences()
        self.stages = StageRhythmsBox("Default rhythm by stage", self.before)
        form = self.stages.layout()
        assert isinstance(form, QFormLayout)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.tag_button = QPushButton("Tag rhythms…")
        self.tag_button.setObjectName("tagRhythmsButton")
        self.tag_button.clicked.connect(self.edit_tag_rhythms)
        row = QHBoxLayout()
        row.addWidget(
            hint_label(
                "A tag's rhythm wins over the stage's; a contact's own rhythm wins over both."
            ),
            1,
        )
        row.addWidget(self.tag_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stages)
        layout.addLayout(row)
        layout.addStretch(1)
        if is_read_only():
            self.stages.setEnabled(False)
            self.tag_button.setEnabled(False)

    def edit_tag_rhythms(self) -> None:
        """Tag rhythms…: the rhythms dialog, showing the stage rhythms as edited here."""
        dialog = RhythmsDialog(self.stack, self.events, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.stages.set_values(self.stages.values())
        dialog.accepted.connect(self._on_rhythms_dialog_accepted)
        dialog.open()

    def _on_rhythms_dialog_accepted(self) -> None:
        # That dialog stored the stages too (as shown there): start again from them.
        self.before = cadence.stage_cadences()
        self.stages.set_values(self.before)

    def save(self, parent: QWidget) -> bool:
        """Set changed stage rhythms as one undo step; whether nothing was refused."""
        after = self.stages.values()
        if after == self.before:
            return True
        command = RhythmsCommand(self.events, (self.before, {}), (after, {}))
        if not run_command(self.stack, command, parent):
            return False
        self.before = after
        return True


class SettingsDialog(QDialog):
    """Edit → Settings…: OK stores what changed (rhythms as one undo step, the theme
    applied at once); Cancel leaves everything as it was.

    The Sync tab acts at once (a book connected, synced or removed stays so).

    Signals:
        theme_changed(str): the theme ("system", "light", "dark") was applied.
        about_to_write(): a sync is about to change the database (pause other writers).
        synced(str): a sync changed contacts; what to say about it.
        wrote(): a sync or a book's removal wrote what no view shows.
    """

    theme_changed = Signal(str)
    about_to_write = Signal()
    synced = Signal(str)
    wrote = Signal()

    def __init__(
        self,
        settings: QSettings,
        stack: QUndoStack,
        events: DataEvents,
        current_db: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self.general = GeneralPage(settings)
        self.rhythms = RhythmsPage(stack, events)
        self.database = DatabasePage(current_db)
        self.reminders = RemindersPage(settings, current_db)
        self.reminders.said.connect(self._fit_height)
        self.sync = SyncPage(settings, stack, events)
        self.sync.about_to_write.connect(self.about_to_write)
        self.sync.synced.connect(self.synced)
        self.sync.wrote.connect(self.wrote)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(self.general, "General")
        self.tabs.addTab(self.rhythms, "Follow-up rhythms")
        self.tabs.addTab(self.reminders, "Reminders")
        self.tabs.addTab(self.database, "Database")
        self.tabs.addTab(self.sync, "Sync")

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    def _fit_height(self) -> None:
        """Grow to show a message that appeared (a wrapped label needs more lines)."""
        # The pages inside the tabs first take the new text into their sizes.
        for _depth in range(4):  # each level of nested layouts posts to its parent
            QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        self.layout().activate()
        wanted = self.heightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def accept(self) -> None:
        if not self.database.check():
            self.tabs.setCurrentWidget(self.database)
            self.database.path_edit.setFocus()
            self._fit_height()
            return
        if not self.rhythms.save(self):
            return
        self.database.save()
        self.reminders.save()
        self.sync.save()
        theme = self.general.save()
        if theme is not None:
            apply_theme(QApplication.instance(), theme)
            self.theme_changed.emit(theme)
        super().accept()

    def done(self, result: int) -> None:
        self.sync.wait()  # a sync under way stops at its next step
        super().done(result)
