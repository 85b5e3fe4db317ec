"""The backup before a bulk change (an import, undoing one), and the question when the
disk has no room for it."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from relate.store.backups import BackupSpaceError
from relate.store.import_backups import check_room_before_import


def back_up_first(parent: QWidget, doing: str) -> bool | None:
    """Whether to back up before the change: yes where the copy fits; where it does not,
    the user decides. None: they would rather not go on. `doing` names the change as a
    question starts it ("Import", "Undo the import")."""
    try:
        check_room_before_import()
    except BackupSpaceError as exc:
        answer = QMessageBox.question(
            parent, "No room for a backup", f"{exc}\n\n{doing} without making a backup first?"
        )
        return False if answer == QMessageBox.StandardButton.Yes else None
    return True
