"""Another program writing: the window never waits for it on its own thread. A change
made meanwhile is refused at once with a plain sentence and Retry, which then works."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from relate import timeline
from tests.core.test_busy_wait import HOLDER
from ui.window.main_window import MainWindow


def test_logging_while_another_program_writes_asks_to_retry(
    qtbot, window: MainWindow, network: dict[str, int], db_path: Path
) -> None:
    window.list_pane.select_contact(network["bob"])
    window.menu_actions.log_action.trigger()  # Ctrl+L: the quick entry
    quick = window.contact_pane.timeline
    quick.summary.setText("Rang about the tender")
    asked: list[tuple[float, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(5, answer)
            return
        asked.append((time.monotonic(), box.text()))
        holder.wait(timeout=30)  # the other program is done: now Retry works
        box.button(QMessageBox.StandardButton.Retry).click()

    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path), "1.0"], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout.readline().strip() == "holding"
        QTimer.singleShot(0, answer)
        pressed = time.monotonic()
        qtbot.keyClick(quick.summary, Qt.Key.Key_Return)
    [(shown_at, text)] = asked
    assert shown_at - pressed < 0.5  # refused at once, not after the busy timeout
    assert "busy" in text and "another program" in text
    assert [e.summary for e in timeline.interactions_for(network["bob"])] == [
        "Rang about the tender"
    ]
