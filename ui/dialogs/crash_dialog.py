"""What the window does with an error nobody caught: say so plainly, log it, go on.

Qt calls `sys.excepthook` for an exception escaping a slot or an event handler and
then carries on with its event loop, so the app keeps running where it can. Worker
threads report through `threading.excepthook`, handed to the window's thread.
"""

from __future__ import annotations

import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relate import __version__
from relate.logs import log_bug
from ui.dialogs.errors import refusal_sentence

BUG_SENTENCE = (
    "Something went wrong inside Relate. What you were doing may not have finished;"
    " everything saved before it is safe, and you can carry on."
)


def plain_sentence(exc: BaseException) -> str:
    """What to tell the user about `exc`, in one or two plain sentences."""
    return refusal_sentence(exc) or BUG_SENTENCE


def details_text(exc: BaseException) -> str:
    """The full report for "Copy details": version, Python, Qt and the traceback."""
    from PySide6 import __version__ as pyside_version

    header = (
        f"Relate {__version__}, Python {sys.version.split()[0]}, PySide6 {pyside_version},"
        f" {sys.platform}\n\n"
    )
    return header + "".join(traceback.format_exception(exc))


class CrashDialog(QDialog):
    """A plain sentence, the log's path, and "Copy details" for a bug report."""

    def __init__(self, exc: BaseException, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("Relate")
        self.setMinimumWidth(34 * self.fontMetrics().averageCharWidth() * 2)
        self.details = details_text(exc)
        layout = QVBoxLayout(self)
        self.sentence = QLabel(plain_sentence(exc))
        self.sentence.setWordWrap(True)
        layout.addWidget(self.sentence)
        if log_path:
            where = QLabel(f"The details were written to the log: {log_path}")
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)
        self.details_view = QPlainTextEdit(self.details)
        self.details_view.setReadOnly(True)
        self.details_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details_view.setMinimumHeight(12 * self.fontMetrics().lineSpacing())
        self.details_view.setVisible(False)
        layout.addWidget(self.details_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = QPushButton("Copy details")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.show_button = QPushButton("Show details")
        self.show_button.setCheckable(True)
        self.show_button.toggled.connect(self._on_show_button_toggled)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)

    def _on_show_button_toggled(self, shown: bool) -> None:
        self.details_view.setVisible(shown)
        self.adjustSize()

    def copy_details(self) -> None:
        """Put the full report on the clipboard (it stays with the user)."""
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


class ExceptionHook(QObject):
    """Installed as `sys.excepthook` (and `threading.excepthook`) while the app runs."""

    # From a worker thread to the window's: the exception and where it came from.
    _from_thread = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: CrashDialog | None = None
        self.reported = 0
        self._from_thread.connect(self.report, Qt.ConnectionType.QueuedConnection)
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> None:
        sys.excepthook = self._on_exception
        threading.excepthook = self._on_thread_exception

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _on_exception(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        self.report(exc.with_traceback(tb), "the window")

    def _on_thread_exception(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            name = args.thread.name if args.thread is not None else "a worker"
            self._from_thread.emit(args.exc_value, f"thread {name}")

    def report(self, exc: BaseException, where: str = "the window") -> None:
        """Log `exc` and tell the user, one dialog at a time: an error repeating in
        every paint must not pile dialogs up."""
        self.reported += 1
        # A refusal (read-only, busy, full disk) is not a bug: nothing to log.
        logged = None if refusal_sentence(exc) else log_bug(exc, where)
        path = str(logged) if logged is not None else ""
        if self.dialog is not None:
            return
        # open(), not exec(): no event loop nested inside an exception handler.
        self.dialog = CrashDialog(exc, path, QApplication.activeWindow())
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()

    def _on_dialog_finished(self) -> None:
        self.dialog = None
