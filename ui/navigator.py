"""The navigator pane: saved views of the list, and the interest tags with counts."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from relate.records import TagInfo
from ui.icons import action_icon

# (key, label, icon) in the order shown: pages of their own, then the core's saved views
# of the list ("who" is the list ranked by a question).
PAGES = ("today", "health")
VIEWS: tuple[tuple[str, str, str], ...] = (
    ("today", "Today", "today"),
    ("all", "All contacts", "all"),
    ("who", "Who do you know who…", "who"),
    ("due", "Due for follow-up", "due"),
    ("going-cold", "Going cold", "cold"),
    ("1-2-1", "1-2-1 stage", "one-to-one"),
    ("archived", "Archived", "archive"),
    ("health", "Network health", "health"),
)
_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


def _heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.85)
    font.setBold(True)
    label.setFont(font)
    label.setContentsMargins(6, 8, 0, 2)
    return label


class NavigatorPane(QWidget):
    """Where the user picks which contacts the list shows.

    Signals:
        view_chosen(str): a page ("today", "health") or a saved view of the list (a key
            of the core's VIEWS, or "who") was picked.
        tags_chosen(list): the tags to filter by (several with Ctrl-click; none to clear).
    """

    view_chosen = Signal(str)
    tags_chosen = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view_model = QStandardItemModel(self)
        for key, label, icon_name in VIEWS:
            item = QStandardItem(action_icon(icon_name), label)
            item.setData(key, _KEY_ROLE)
            item.setEditable(False)
            self.view_model.appendRow(item)
        self.views = QListView()
        self.views.setModel(self.view_model)
        self.views.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.views.setIconSize(QSize(16, 16))
        self.views.setFixedHeight(self.views.sizeHintForRow(0) * len(VIEWS) + 6)
        self.views.setCurrentIndex(self.view_model.index(0, 0))
        self.views.selectionModel().currentChanged.connect(self._on_views_current_changed)

        blank = QPixmap(14, 14)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank = QIcon(blank)
        self.tag_model = QStandardItemModel(self)
        self.tag_list = QListView()
        self.tag_list.setModel(self.tag_model)
        self.tag_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Click picks one tag, Ctrl-click adds or drops one: several tags combine.
        self.tag_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tag_list.selectionModel().selectionChanged.connect(self._on_tag_selection_changed)
        self.tag_list.setToolTip("Click a tag to filter the list; Ctrl-click to combine tags")
        self.tag_list.setUniformItemSizes(True)
        self.tag_list.setIconSize(QSize(14, 14))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(_heading("Views"))
        layout.addWidget(self.views)
        layout.addWidget(_heading("Interests"))
        layout.addWidget(self.tag_list, 1)

    def current_view(self) -> str:
        return self.views.currentIndex().data(_KEY_ROLE) or "all"

    def choose_view(self, key: str) -> None:
        """Make a view current (emits view_chosen when it changes)."""
        for row in range(self.view_model.rowCount()):
            if self.view_model.item(row).data(_KEY_ROLE) == key:
                self.views.setCurrentIndex(self.view_model.index(row, 0))
                return
        raise KeyError(key)

    def chosen_tags(self) -> list[str]:
        """Names of the selected tags, in list order."""
        rows = sorted(index.row() for index in self.tag_list.selectionModel().selectedRows())
        return [self.tag_model.item(row).data(_KEY_ROLE) for row in rows]

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        """Show these tags with their counts, keeping the chosen ones chosen."""
        chosen = set(self.chosen_tags())
        selection = self.tag_list.selectionModel()
        selection.blockSignals(True)
        self.tag_model.clear()
        for tag in tags:
            item = QStandardItem(f"{tag.name}  ({tag.contact_count:,})")
            item.setData(tag.name, _KEY_ROLE)
            item.setEditable(False)
            item.setIcon(self._blank)  # keeps names aligned beside marked tags
            tips = [f"{tag.category}"]
            if tag.mine:
                item.setIcon(action_icon("star"))
                tips.append("one of your interests")
            if tag.avoid:
                item.setIcon(action_icon("avoid"))
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
                tips.append("a topic to avoid")
            item.setToolTip(", ".join(tips))
            self.tag_model.appendRow(item)
            if tag.name in chosen:
                selection.select(item.index(), QItemSelectionModel.SelectionFlag.Select)
        selection.blockSignals(False)
        if set(self.chosen_tags()) != chosen:
            self.tags_chosen.emit(self.chosen_tags())

    def clear_tags(self) -> None:
        """Drop the tag filter."""
        self.tag_list.clearSelection()

    def _on_views_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.view_chosen.emit(current.data(_KEY_ROLE) or "all")

    def _on_tag_selection_changed(self, *_args: object) -> None:
        self.tags_chosen.emit(self.chosen_tags())
