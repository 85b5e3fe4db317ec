"""File → Export: the list as CSV, contacts as vCards, everything as JSON."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.dialogs.errors import show_error
from ui.tasks import TaskRunner


@dataclasses.dataclass(frozen=True)
class ExportKind:
    title: str  # the file dialog's title
    file_name: str  # suggested name
    file_filter: str
    write: Callable[[Path, Sequence[int] | None], str]  # -> what was written, in words


# Each exporter is imported when used: vobject and the rest stay out of start-up.
def _csv(path: Path, ids: Sequence[int] | None) -> str:
    from relate.exporters.csv_export import export_csv

    return f"{export_csv(path, ids):,} contacts"


def _vcard(path: Path, ids: Sequence[int] | None) -> str:
    from relate.exporters.vcard import export_vcards

    return f"{export_vcards(path, ids):,} contacts"


def _json(path: Path, _ids: Sequence[int] | None) -> str:
    from relate.exporters.json_export import export_json

    counts = export_json(path)
    return f"{counts.get('contacts', 0):,} contacts with their timelines"


KINDS = {
    "csv": ExportKind("Export the list as CSV", "contacts.csv", "CSV files (*.csv)", _csv),
    "vcard": ExportKind("Export as vCards", "contacts.vcf", "vCard files (*.vcf)", _vcard),
    "json": ExportKind("Export everything as JSON", "relate.json", "JSON files (*.json)", _json),
}


class Exporter(QObject):
    """Asks where to write, then writes on a worker thread.

    Signals:
        exported(str): a sentence saying what was written where.
    """

    exported = Signal(str)

    def __init__(self, window: QWidget, settings: QSettings) -> None:
        super().__init__(window)
        self.owner, self.settings = window, settings
        self.tasks = TaskRunner(self)

    def ask_path(self, kind: ExportKind) -> Path | None:
        folder = Path(str(self.settings.value("export/folder", Path.home())))
        name, _ = QFileDialog.getSaveFileName(
            self.owner, kind.title, str(folder / kind.file_name), kind.file_filter
        )
        return Path(name) if name else None

    def export(
        self, kind_name: str, contact_ids: Sequence[int] | None = None, path: Path | None = None
    ) -> None:
        """Export (asking for the file unless given one); `contact_ids` in list order,
        or None for everyone."""
        if self.tasks.is_busy():
            return
        kind = KINDS[kind_name]
        path = path or self.ask_path(kind)
        if path is None:
            return
        self.settings.setValue("export/folder", str(path.parent))
        ids = list(contact_ids) if contact_ids is not None else None
        self.tasks.run_in_background(
            lambda: f"Exported {kind.write(path, ids)} to {path.name}.",
            self._on_written,
            self._on_write_failed,
        )

    def _on_written(self, message: str) -> None:
        self.exported.emit(message)

    def _on_write_failed(self, error: BaseException) -> None:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        show_error(self.owner, f"The export could not be written: {reason}.")

    def wait(self) -> None:
        self.tasks.wait()
