"""Settings → Reminders: how early a 1-2-1 reminds, whether closing the window keeps
Relate in the tray, and the morning digest installed to run without the app (only
when the user clicks Install; Remove takes it away again)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from relate.desktop import reminder_install
from relate.desktop.reminder_files import DEFAULT_MORNING
from relate.store.db import default_db_path, saved_location
from ui.desktop.presence import KEEP_IN_TRAY_KEY, keeps_in_tray, tray_available
from ui.desktop.reminder_clock import LEAD_KEY, lead_minutes
from ui.widgets.hint import hint_label

MORNING_KEY = "reminders/digest_at"
MOST_LEAD_MINUTES = 24 * 60



class RemindersPage(QWidget):
    """The reminders' settings (stored on OK) and the digest's Install and Remove
    (done at once, and said what they did).

    Signals:
        said(): a result was put into words under the buttons (the dialog may grow).
    """

    said = Signal()

    def __init__(self, settings: QSettings, current_db: Path) -> None:
        super().__init__()
        self.settings, self.current_db = settings, current_db

        running = QGroupBox("While Relate runs")
        self.lead_spin = QSpinBox()
        self.lead_spin.setObjectName("leadMinutesSpin")
        self.lead_spin.setRange(0, MOST_LEAD_MINUTES)
        self.lead_spin.setSuffix(" minutes before it starts")
        self.lead_spin.setValue(lead_minutes(settings))
        self.keep_check = QCheckBox("Keep Relate in the tray when its window is closed")
        self.keep_check.setObjectName("keepInTrayCheck")
        self.keep_check.setChecked(keeps_in_tray(settings))
        form = QFormLayout(running)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow("Remind of a 1-2-1:", self.lead_spin)
        form.addRow(self.keep_check)
        form.addRow(
            hint_label(
                "A follow-up with a time reminds at that time. What came due while the"
                " computer slept shows once, as one summary."
            )
        )
        if not tray_available():
            self.keep_check.setEnabled(False)
            form.addRow(
                hint_label(
                    "This desktop shows no tray icons: closing the window quits Relate,"
                    " and reminders come as desktop notifications while it runs."
                )
            )

        digest = QGroupBox("Morning digest")
        self.time_edit = QTimeEdit()
        self.time_edit.setObjectName("digestTimeEdit")
        self.time_edit.setDisplayFormat("HH:mm")
        morning = QTime.fromString(str(settings.value(MORNING_KEY, "")), "HH:mm")
        if not morning.isValid():
            morning = QTime(DEFAULT_MORNING.hour, DEFAULT_MORNING.minute)
        self.time_edit.setTime(morning)
        self.install_button = QPushButton("Install the morning digest")
        self.install_button.setObjectName("installDigestButton")
        self.install_button.clicked.connect(self.install)
        self.remove_button = QPushButton("Remove it")
        self.remove_button.setObjectName("removeDigestButton")
        self.remove_button.clicked.connect(self.remove)
        row = QHBoxLayout()
        row.addWidget(QLabel("Each morning at"))
        row.addWidget(self.time_edit)
        row.addWidget(self.install_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        self.result_label = QLabel()
        self.result_label.setObjectName("digestResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(digest)
        column.addWidget(
            hint_label(
                "One desktop notification with today's follow-ups, 1-2-1s and the people"
                " going cold, at login and each morning, without Relate running. Nothing"
                " is installed until you click Install."
            )
        )
        column.addLayout(row)
        column.addWidget(self.result_label)
        self._show_installed()

        layout = QVBoxLayout(self)
        layout.addWidget(running)
        layout.addWidget(digest)
        layout.addStretch(1)

    def _show_installed(self) -> None:
        path = reminder_install.installed_file()
        self.remove_button.setEnabled(path is not None)
        if path is not None:
            self.result_label.setText(f"Installed: {path}")

    def _say(self, text: str) -> None:
        self.result_label.setText(text)
        self.said.emit()

    def _database(self) -> str | None:
        """The digest's database when the window's is not the one chosen in Settings →
        Database (else the digest follows that choice, as the command line does)."""
        chosen = saved_location() or default_db_path()
        return None if self.current_db == chosen else str(self.current_db.absolute())

    def install(self) -> None:
        """Install the morning digest: the files written and the commands run, said."""
        time = self.time_edit.time()
        morning = DEFAULT_MORNING.replace(hour=time.hour(), minute=time.minute())
        try:
            done = reminder_install.install_reminders(morning, database=self._database())
        except OSError as exc:
            self._say(f"The digest could not be installed: {exc}")
            return
        self.settings.setValue(MORNING_KEY, f"{morning:%H:%M}")
        self._say("\n".join(reminder_install.installed_lines(done, morning)))
        self.remove_button.setEnabled(True)

    def remove(self) -> None:
        """Remove the morning digest, saying what was removed."""
        try:
            removed = reminder_install.uninstall_reminders()
        except OSError as exc:
            self._say(f"The digest could not be removed: {exc}")
            return
        self._say("\n".join(reminder_install.removed_lines(removed)))
        self.remove_button.setEnabled(False)

    def save(self) -> None:
        """Store the lead and the tray setting, where changed (OK)."""
        if self.lead_spin.value() != lead_minutes(self.settings):
            self.settings.setValue(LEAD_KEY, self.lead_spin.value())
        if self.keep_check.isChecked() != keeps_in_tray(self.settings):
            self.settings.setValue(KEEP_IN_TRAY_KEY, self.keep_check.isChecked())
