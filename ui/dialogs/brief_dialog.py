"""Prepare brief (Ctrl+P): the one-page 1-2-1 brief, previewed, printed or saved."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QDate, QRectF, QSettings, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QPaintEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relate.brief.query import brief_data
from relate.brief.render import brief_file_name, default_page_size, render_brief
from relate.dates import DATE_EDIT_FORMAT
from relate.files import BRIEF_TEMP_PREFIX, private_file
from ui.dialogs.errors import show_error
from ui.dialogs.pdf_pages import PdfPages
from ui.tasks import TaskRunner
from ui.widgets.date_fields import tab_leaves_field
from ui.window import window_layout

PAGE_SIZES = {"a4": "A4", "letter": "Letter"}


def _build(contact_id: int, on: dt.date | None, page_size: str) -> tuple[str, dt.date, bytes]:
    """(file name, the day it is for, PDF bytes), on the worker thread."""
    data = brief_data(contact_id, on)
    return brief_file_name(data), data.on, render_brief(data, page_size)


class PagePreview(QWidget):
    """A PDF's first page as paper on a grey desk, fitted to the widget and drawn
    afresh at the widget's size (and screen's pixel ratio), so text stays sharp."""

    MARGIN = 16

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages: PdfPages | None = None
        self._image: QImage | None = None
        self.setMinimumSize(300, 380)

    def set_pages(self, pages: PdfPages | None) -> None:
        if self.pages is not None:
            self.pages.close()
        self.pages, self._image = pages, None
        self.update()

    def page_rect(self) -> QRectF:
        """Where the page is drawn, in widget coordinates."""
        if self.pages is None or not len(self.pages):
            return QRectF()
        page = self.pages.size(0)
        room = self.rect().adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        scale = min(room.width() / page.width(), room.height() / page.height())
        width, height = page.width() * scale, page.height() * scale
        return QRectF(
            room.x() + (room.width() - width) / 2,
            room.y() + (room.height() - height) / 2,
            width,
            height,
        )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().mid())
        target = self.page_rect()
        if target.isEmpty():
            return
        pixels = round(target.width() * self.devicePixelRatioF())
        if self._image is None or self._image.width() != pixels:
            self._image = self.pages.render(0, pixels)
            self._image.setDevicePixelRatio(self.devicePixelRatioF())
        painter.fillRect(target.translated(3, 3), QColor(0, 0, 0, 60))  # a soft shadow
        painter.drawImage(target.topLeft(), self._image)


class BriefDialog(QDialog):
    """Builds the brief on a worker thread and shows it as it will print; Print,
    Save as PDF and Open in the system's viewer use the same bytes."""

    def __init__(self, contact_id: int, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Brief for a 1-2-1")
        self.setObjectName("briefDialog")
        self.contact_id, self.settings = contact_id, settings
        self.pdf = b""
        self.file_name = ""
        self.built_on: dt.date | None = None  # the day of the brief on show
        self._closing = False
        self._viewer_folder: tempfile.TemporaryDirectory | None = None
        self.tasks = TaskRunner(self)

        self.date_edit = tab_leaves_field(QDateEdit())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(DATE_EDIT_FORMAT)
        self.date_edit.editingFinished.connect(self._on_date_edit_editing_finished)
        self.page_combo = QComboBox()
        for key, name in PAGE_SIZES.items():
            self.page_combo.addItem(name, key)
        saved = str(self.settings.value("brief/page_size", default_page_size()))
        self.page_combo.setCurrentIndex(max(0, self.page_combo.findData(saved)))
        self.page_combo.activated.connect(self._on_page_combo_activated)
        self.status_label = QLabel("Preparing the brief…")
        controls = QHBoxLayout()
        controls.addWidget(QLabel("For:"))
        controls.addWidget(self.date_edit)
        controls.addWidget(QLabel("Paper:"))
        controls.addWidget(self.page_combo)
        controls.addStretch(1)
        controls.addWidget(self.status_label)

        self.preview = PagePreview()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton("Print…")
        self.save_button = QPushButton("Save as PDF…")
        self.open_button = QPushButton("Open in viewer")
        for button, slot in (
            (self.print_button, self.print_brief),
            (self.save_button, self.save_as),
            (self.open_button, self.open_in_viewer),
        ):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            button.clicked.connect(slot)
        buttons.rejected.connect(self.reject)
        self.print_button.setDefault(True)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        # Most of the screen's height, and as wide as a page of that height wants: the
        # preview draws the page to fit whatever room it is given.
        height = window_layout.available_geometry(self).height() * 9 // 10
        self.resize(max(self.sizeHint().width(), height * 4 // 5), height)
        self._set_ready(False)
        self._start(None)

    # Building ------------------------------------------------------------------------

    def _start(self, on: dt.date | None) -> None:
        if self.tasks.is_busy() or self._closing:
            return
        self._set_ready(False)
        self.status_label.setText("Preparing the brief…")
        contact_id, page_size = self.contact_id, self.page_combo.currentData()
        self.tasks.run_in_background(
            lambda: _build(contact_id, on, page_size), self._on_built, self._on_build_failed
        )

    def rebuild(self) -> None:
        """Build again for the date and paper chosen."""
        self._start(self.date_edit.date().toPython())

    def _on_date_edit_editing_finished(self) -> None:
        # Leaving the field (a Tab, closing the dialog) is no new day to build for.
        if self.date_edit.date().toPython() != self.built_on:
            self.rebuild()

    def _on_page_combo_activated(self, _index: int) -> None:
        self.settings.setValue("brief/page_size", self.page_combo.currentData())
        self.rebuild()

    def _on_built(self, result: tuple[str, dt.date, bytes]) -> None:
        self.file_name, on, self.pdf = result
        self.built_on = on
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(on.year, on.month, on.day))
        self.date_edit.blockSignals(False)
        self.preview.set_pages(PdfPages(self.pdf))
        self.status_label.setText(f"{self.page_combo.currentText()}, one page")
        self._set_ready(True)

    def _on_build_failed(self, error: BaseException) -> None:
        self.status_label.setText("The brief could not be prepared.")
        show_error(self, f"The brief could not be prepared: {error}")

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.print_button, self.save_button, self.open_button):
            widget.setEnabled(ready)
        self.date_edit.setEnabled(ready)
        self.page_combo.setEnabled(ready)

    # Using it ------------------------------------------------------------------------

    def print_brief(self) -> None:
        """Print… : the system's print dialog, then the page as previewed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Draw each page at the printer's resolution, fitted to its page."""
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self, "The printer could not be started.")
            return
        pages = PdfPages(self.pdf)
        try:
            for index in range(len(pages)):
                if index:
                    printer.newPage()
                room = painter.viewport()
                points = pages.size(index)
                scale = min(room.width() / points.width(), room.height() / points.height())
                painter.drawImage(0, 0, pages.render(index, round(points.width() * scale)))
        finally:
            painter.end()
            pages.close()

    def save_as(self) -> Path | None:
        """Save as PDF…: ask where, then write the brief there."""
        folder = Path(str(self.settings.value("brief/folder", Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the brief", str(folder / self.file_name), "PDF files (*.pdf)"
        )
        if not name:
            return None
        path = Path(name)
        self.settings.setValue("brief/folder", str(path.parent))
        return self.save_to(path)

    def save_to(self, path: Path) -> Path | None:
        """Write the brief to `path` (readable by the user only)."""
        try:
            with private_file(path, "wb") as stream:
                stream.write(self.pdf)
        except OSError as exc:
            show_error(self, f"The brief could not be saved to {path}: {exc.strerror or exc}.")
            return None
        self.status_label.setText(f"Saved to {path.name}")
        return path

    def open_in_viewer(self) -> Path | None:
        """Open in viewer: a private temporary copy, handed to the system's PDF viewer."""
        if self._viewer_folder is None:
            # 0700, and swept at the next start if a crash leaves it (ui.app).
            self._viewer_folder = tempfile.TemporaryDirectory(prefix=BRIEF_TEMP_PREFIX)
        path = self.save_to(Path(self._viewer_folder.name) / self.file_name)
        if path is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            show_error(self, f"No program opened PDF files here; the brief is at {path}.")
        return path

    def done(self, result: int) -> None:
        self._closing = True  # no new build as the date field loses the focus
        self.tasks.wait()
        super().done(result)
