"""The main window's contact list kept current: read after the opening page's first
paint (or as soon as it is needed), read again after changes, and the contact last
looked at in this database shown again."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from ui.contact.contact_table_model import WHO_VIEW

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

    from ui.window.main_window import MainWindow

# After the opening page's first paint (a few frames), the hidden list is read.
LIST_LOAD_DELAY_MS = 150


class ListKeeper(QObject):
    """Reads the window's list when first wanted and follows the data events that add,
    change or remove contacts."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ready = False  # the list has been read (or is being read)
        self.pane = window.list_pane
        events = window.events
        events.contacts_changed.connect(self._on_events_contacts_changed)
        events.contacts_added.connect(self._on_events_contacts_added)
        events.contacts_removed.connect(self._on_events_contacts_removed)

    def read_after_first_paint(self) -> None:
        """The window opens on Today: the list (100,000 ids, the last contact's pane) is
        read once that has been painted, or when a view of the list is chosen first."""
        QTimer.singleShot(LIST_LOAD_DELAY_MS, self._load_list_soon)

    def _load_list_soon(self) -> None:
        """After the first paint: the list's ids read on the worker, in the remembered
        order, then the last contact looked at shown."""
        if self.ready:
            return
        self.ready = True
        table, model = self.pane.table, self.pane.model
        header = table.horizontalHeader()
        model.set_order(header.sortIndicatorSection(), header.sortIndicatorOrder())
        model.reload_later(self.window.tasks, self._show_last_contact)
        table.setSortingEnabled(True)  # from now on; the order is the one being read

    def ensure_list(self) -> None:
        """The list read now (a view of it was chosen, or an export wants its rows)."""
        if not self.ready:
            self.ready = True
            # Sorting starts only now, so the list is read once, in the remembered order.
            self.pane.table.setSortingEnabled(True)
            self._show_last_contact()
        elif self.pane.model.loading:
            self.pane.model.reload()
            self._show_last_contact()

    def _show_last_contact(self) -> None:
        """The contact last looked at in this database (else the first) made current."""
        if self.pane.current_id() is not None:
            return  # someone was chosen meanwhile
        last = self.window.settings.value(self._current_contact_key())
        if last is not None and not self.pane.select_contact(int(last)):
            last = None
        if last is None and self.pane.model.rowCount():
            self.pane.select_contact(self.pane.model.contact_id(0))

    def closing(self) -> None:
        """The window closes: a list read still timed to start has nobody to read for."""
        self.ready = True

    def remember_current(self, settings: QSettings) -> None:
        """Keep the contact on show for the next start (once the list has been read)."""
        current = self.pane.current_id()
        if current is not None and self.ready:
            settings.setValue(self._current_contact_key(), current)

    def _current_contact_key(self) -> str:
        """Where the contact last looked at is kept: for this database only (ids of one
        file name other people in another)."""
        path = self.window.db_path.resolve()
        where = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]
        return f"list/current/{where}"

    def _on_events_contacts_changed(self, contact_ids: list[int]) -> None:
        self.pane.model.forget(contact_ids)

    def _on_events_contacts_added(self, contact_ids: list[int]) -> None:
        if not contact_ids:  # many at once (an import, another program): read on the worker
            self._reread_list()
            return
        self.pane.keep_current(self.pane.model.reload)
        self.pane.select_contact(contact_ids[0])
        self.window.update_count()

    def _reread_list(self) -> None:
        """The list read again off the window's thread (100,000 ids would hold it up for
        a good part of a second), the same contact current afterwards if still listed."""
        self.window.update_count()
        pane, model = self.pane, self.pane.model
        if not self.ready:
            return  # read when first shown
        if model.view == WHO_VIEW:  # ranked by a question: quick, and not read ahead
            pane.keep_current(model.reload)
            return
        current = pane.current_id()

        def then() -> None:
            if current is None or not pane.select_contact(current):
                pane.current_changed.emit(pane.current_id() or 0)

        model.reload_later(self.window.tasks, then)

    def _on_events_contacts_removed(self, contact_ids: list[int]) -> None:
        model = self.pane.model
        if any(model.row_of(cid) >= 0 for cid in contact_ids):
            model.remove(contact_ids)
            self.pane.current_changed.emit(self.pane.current_id() or 0)
        else:  # they came back into this view (an undone archive or delete)
            self.pane.keep_current(model.reload)
        self.window.update_count()
