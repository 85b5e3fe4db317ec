"""The navigator pane: saved views of the list, and the tags with counts: interests, and
apart from them the needs (what people are looking for)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from relate.records import TagInfo
from ui.contact.tag_menu import NEEDS_LABEL, add_tag_actions
from ui.widgets.icons import action_icon

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
_TAG_ROLE = Qt.ItemDataRole.UserRole + 2  # the TagInfo a row shows
_MOST_NEED_ROWS = 6  # the needs list grows to this many rows, then scrolls


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
        tag_edited(str, dict): the user asked for a change to the named tag, in the
            keywords of `EditTagCommand` ({"category": "need"}, {"avoid": True}…).
    """

    view_chosen = Signal(str)
    tags_chosen = Signal(list)
    tag_edited = Signal(str, dict)

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
        self._syncing = False  # one list's selection is being cleared for the other's
        # Interests, and apart from them the needs (what people are looking for).
        self.tag_model = QStandardItemModel(self)
        self.tag_list = self._tag_view(self.tag_model)
        self.tag_list.setObjectName("interestTags")
        self.tag_list.selectionModel().selectionChanged.connect(self._on_tag_list_selection_changed)
        self.tag_list.customContextMenuRequested.connect(
            self._on_tag_list_custom_context_menu_requested
        )
        self.need_model = QStandardItemModel(self)
        self.need_list = self._tag_view(self.need_model)
        self.need_list.setObjectName("needTags")
        self.need_list.selectionModel().selectionChanged.connect(
            self._on_need_list_selection_changed
        )
        self.need_list.customContextMenuRequested.connect(
            self._on_need_list_custom_context_menu_requested
        )
        self.needs_heading = _heading(NEEDS_LABEL)
        self.needs_heading.hide()  # until there is a need to show
        self.need_list.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(_heading("Views"))
        layout.addWidget(self.views)
        layout.addWidget(_heading("Interests"))
        # A first-day database has no tags: say what goes here, not a blank box.
        self.no_tags_hint = QLabel(
            "Tag people with what they care about (Ctrl+T): the tags gather here,"
            " and a click lists who shares one."
        )
        self.no_tags_hint.setObjectName("noTagsHint")
        self.no_tags_hint.setWordWrap(True)
        self.no_tags_hint.setContentsMargins(6, 2, 6, 2)
        self.no_tags_hint.setEnabled(False)  # drawn in the muted colour of a hint
        layout.addWidget(self.no_tags_hint)
        layout.addWidget(self.tag_list, 1)
        layout.addWidget(self.needs_heading)
        layout.addWidget(self.need_list)
        layout.addStretch(0)  # takes the room of the list while it is hidden

    def _tag_view(self, model: QStandardItemModel) -> QListView:
        view = QListView()
        view.setModel(model)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Click picks one tag, Ctrl-click adds or drops one: several tags combine.
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setToolTip(
            "Click a tag to filter the list; Ctrl-click to combine tags;"
            " right-click for its category"
        )
        view.setUniformItemSizes(True)
        view.setIconSize(QSize(14, 14))
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        return view

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
        """Names of the selected tags, in list order (interests, then needs)."""
        return [
            model.item(row).data(_KEY_ROLE)
            for view, model in ((self.tag_list, self.tag_model), (self.need_list, self.need_model))
            for row in sorted(index.row() for index in view.selectionModel().selectedRows())
        ]

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        """Show these tags with their counts, the needs apart, keeping the chosen ones
        chosen."""
        chosen = set(self.chosen_tags())
        interests = [t for t in tags if not t.is_need]
        self._fill(self.tag_list, self.tag_model, interests, chosen)
        self.no_tags_hint.setVisible(not interests)
        self.tag_list.setVisible(bool(interests))
        needs = [t for t in tags if t.is_need]
        self._fill(self.need_list, self.need_model, needs, chosen)
        self.needs_heading.setVisible(bool(needs))
        self.need_list.setVisible(bool(needs))
        if needs:  # as tall as its rows, up to a few; the interests take the rest
            rows = min(len(needs), _MOST_NEED_ROWS)
            frame = 2 * self.need_list.frameWidth()
            self.need_list.setFixedHeight(self.need_list.sizeHintForRow(0) * rows + frame)
        if set(self.chosen_tags()) != chosen:
            self.tags_chosen.emit(self.chosen_tags())

    def _fill(
        self, view: QListView, model: QStandardItemModel, tags: list[TagInfo], chosen: set[str]
    ) -> None:
        selection = view.selectionModel()
        selection.blockSignals(True)
        model.clear()
        for tag in tags:
            item = QStandardItem(f"{tag.name}  ({tag.contact_count:,})")
            item.setData(tag.name, _KEY_ROLE)
            item.setData(tag, _TAG_ROLE)
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
            model.appendRow(item)
            if tag.name in chosen:
                selection.select(item.index(), QItemSelectionModel.SelectionFlag.Select)
        selection.blockSignals(False)

    def clear_tags(self) -> None:
        """Drop the tag filter."""
        had = self.chosen_tags()
        self._syncing = True
        self.tag_list.clearSelection()
        self.need_list.clearSelection()
        self._syncing = False
        if had:
            self.tags_chosen.emit([])

    def _on_views_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.view_chosen.emit(current.data(_KEY_ROLE) or "all")

    def _on_tag_list_selection_changed(self, *_args: object) -> None:
        self._selection_changed(self.tag_list, self.need_list)

    def _on_need_list_selection_changed(self, *_args: object) -> None:
        self._selection_changed(self.need_list, self.tag_list)

    def _selection_changed(self, changed: QListView, other: QListView) -> None:
        if self._syncing:
            return
        # The two lists choose as one: a click without Ctrl or Shift in one starts afresh.
        combining = QApplication.keyboardModifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
        if changed.selectionModel().hasSelection() and not combining:
            self._syncing = True
            other.clearSelection()
            self._syncing = False
        self.tags_chosen.emit(self.chosen_tags())

    def _on_tag_list_custom_context_menu_requested(self, point: QPoint) -> None:
        self._tag_menu(self.tag_list, point)

    def _on_need_list_custom_context_menu_requested(self, point: QPoint) -> None:
        self._tag_menu(self.need_list, point)

    def _tag_menu(self, view: QListView, point: QPoint) -> None:
        """The menu of the tag right-clicked: its category and marks."""
        index = view.indexAt(point)
        tag = index.data(_TAG_ROLE) if index.isValid() else None
        if tag is None:
            return
        menu = QMenu(self)
        add_tag_actions(menu, tag, lambda change: self.tag_edited.emit(tag.name, change))
        menu.exec(view.viewport().mapToGlobal(point))
        menu.deleteLater()
