"""A contact's tags as removable chips that wrap, with a box to add more."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from relate.records import TagInfo
from relate.validation import tag_key
from ui.contact.tag_menu import add_tag_actions
from ui.widgets.flow_layout import FlowLayout

MINE_TIP = "You share this interest"
AVOID_TIP = "Topic to avoid"

# Accents mixed into the palette's own colours, so chips suit light and dark themes.
_WARM = QColor("#e8962e")
_RED = QColor("#d0524c")
_LONGEST_NAME = 30  # in widths of "x"; longer names are elided in the chip
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _mix(base: QColor, other: QColor, amount: float) -> str:
    """`base` moved `amount` (0 to 1) of the way towards `other`, as #rrggbb."""
    channels = (
        round(a + (b - a) * amount)
        for a, b in (
            (base.red(), other.red()),
            (base.green(), other.green()),
            (base.blue(), other.blue()),
        )
    )
    return "#{:02x}{:02x}{:02x}".format(*channels)


def _style_sheet(palette: QPalette, chip_height: int) -> str:
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    dark = window.lightness() < 128
    # On a dark window the accents are lifted towards white, on a light one darkened.
    ink = QColor("white") if dark else QColor("black")
    warm_line = _mix(_WARM, ink, 0.0 if dark else 0.2)
    red_text = _mix(_RED, ink, 0.45 if dark else 0.3)
    highlight = palette.color(QPalette.ColorRole.Highlight).name()
    radius = chip_height // 2
    button = chip_height - 6
    return f"""
        QFrame#tagChip, QFrame#tagChipMine, QFrame#tagChipAvoid {{
            border: 1px solid {_mix(window, text, 0.28)};
            border-radius: {radius}px;
            background: {_mix(window, text, 0.09)};
        }}
        QFrame#tagChipMine {{
            border-color: {warm_line};
            background: {_mix(window, _WARM, 0.3 if dark else 0.22)};
        }}
        QFrame#tagChipAvoid {{
            border: 1px dashed {_mix(_RED, window, 0.25)};
            background: {_mix(window, _RED, 0.16 if dark else 0.08)};
        }}
        QLabel#tagChipLabel {{ color: {text.name()}; background: transparent; }}
        QFrame#tagChipAvoid QLabel#tagChipLabel {{ color: {red_text}; }}
        QLabel#tagChipStar {{ color: {warm_line}; background: transparent; }}
        QToolButton#tagChipRemove {{
            border: none;
            border-radius: {button // 2}px;
            padding: 0px;
            background: transparent;
            color: {_mix(window, text, 0.6)};
        }}
        QToolButton#tagChipRemove:hover {{
            background: {_mix(window, text, 0.2)};
            color: {text.name()};
        }}
        QToolButton#tagChipRemove:focus {{ border: 1px solid {highlight}; }}
    """


def _remove_button(name: str, size: int) -> QToolButton:
    button = QToolButton()
    button.setObjectName("tagChipRemove")
    button.setText("×")
    button.setAutoRaise(True)
    button.setFixedSize(size, size)
    font = button.font()
    font.setPointSizeF(font.pointSizeF() * 1.15)
    button.setFont(font)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    text = f"Remove tag '{name}'"
    button.setToolTip(text)
    button.setAccessibleName(text)
    return button


class _Chip(QFrame):
    """One tag as a pill: its name, and a × that asks for the tag to be removed.

    Signals:
        remove_clicked(str): the × was clicked; carries the tag's name.
        menu_requested(object, QPoint): the chip was right-clicked; carries its TagInfo
            and where, on the screen.
    """

    remove_clicked = Signal(str)
    menu_requested = Signal(object, QPoint)

    def __init__(
        self, tag: TagInfo, height: int, parent: QWidget | None = None, *, menu: bool = False
    ) -> None:
        super().__init__(parent)
        self.tag = tag
        self.name = tag.name
        if menu:
            self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            self.customContextMenuRequested.connect(self._on_custom_context_menu_requested)
        self.setObjectName(
            "tagChipAvoid" if tag.avoid else "tagChipMine" if tag.mine else "tagChip"
        )
        tips = [tip for tip, on in ((MINE_TIP, tag.mine), (AVOID_TIP, tag.avoid)) if on]
        if tag.category:
            tips.append(f"Category: {tag.category}")
        self.setAccessibleName(f"Tag {tag.name}")
        self.setFixedHeight(height)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(height // 2 - 2, 0, 3, 0)
        layout.setSpacing(3)
        if tag.mine:
            star = QLabel("★")
            star.setObjectName("tagChipStar")
            layout.addWidget(star)
        self.label = QLabel()
        self.label.setObjectName("tagChipLabel")
        if tag.avoid:
            font = self.label.font()
            font.setItalic(True)
            self.label.setFont(font)
        # A very long name is cut short so one chip cannot force the form wider.
        metrics = self.label.fontMetrics()
        longest = metrics.horizontalAdvance("x") * _LONGEST_NAME
        self.label.setText(metrics.elidedText(tag.name, Qt.TextElideMode.ElideRight, longest))
        if self.label.text() != tag.name:
            tips.insert(0, tag.name)
        layout.addWidget(self.label)
        self.setToolTip("\n".join(tips))
        self.setAccessibleDescription(", ".join(tips))

        self.remove_button = _remove_button(tag.name, height - 6)
        self.remove_button.clicked.connect(self._on_remove_button_clicked)
        layout.addWidget(self.remove_button)

    def _on_remove_button_clicked(self) -> None:
        self.remove_clicked.emit(self.name)

    def _on_custom_context_menu_requested(self, point: QPoint) -> None:
        self.menu_requested.emit(self.tag, self.mapToGlobal(point))


class TagChipEditor(QWidget):
    """A contact's tags as chips with a × each, and a box to type or pick another.

    The editor never changes its own chips: it asks, and the owner stores the change
    and calls `set_tags` again (so undo stays in the owner's hands).

    Signals:
        tag_added(str): the user entered or picked this name (trimmed, not yet shown).
        tag_removed(str): the user clicked the × of the chip with this name.
        tag_edited(str, dict): the user chose a change to the named tag from its chip's
            menu, in the keywords of `EditTagCommand` ({"category": "need"}…).
    """

    tag_added = Signal(str)
    tag_removed = Signal(str)
    tag_edited = Signal(str, dict)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        placeholder: str = "Add a tag…",
        what: str = "tag",
        tag_menus: bool = False,
    ) -> None:
        """`placeholder` shows in the empty box; `what` names what is added, for screen
        readers ("Add a tag"); `tag_menus`: a right-click on a chip offers its category
        and marks (for an owner that makes the changes `tag_edited` asks for)."""
        super().__init__(parent)
        self.setObjectName("tagChipEditor")
        self._tag_menus = tag_menus
        self._chips: list[_Chip] = []
        self._completion_names: list[str] = []
        self._shown: tuple[TagInfo, ...] = ()
        self._sheet = ""

        self.input = QLineEdit()
        self.input.setObjectName("tagInput")
        self.input.setPlaceholderText(placeholder)
        self.input.setAccessibleName(f"Add a {what}")
        # Expanding: the flow stretches the box to the end of its line.
        self.input.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        metrics = self.input.fontMetrics()
        self.input.setMinimumWidth(metrics.horizontalAdvance(placeholder) + 24)

        self._completion_model = QStringListModel(self)
        self.completer = QCompleter(self._completion_model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.input.setCompleter(self.completer)
        # Enter on the popup gives returnPressed and then activated for the one choice, so
        # the editor takes Enter there itself. Tab still just fills the box, and a click
        # adds: the popup's clicked reaches us after the completer has filled the box.
        popup = self.completer.popup()
        popup.installEventFilter(self)
        popup.clicked.connect(self._on_popup_clicked)
        self.input.installEventFilter(self)
        self.input.returnPressed.connect(self._on_input_return_pressed)

        self._flow = FlowLayout(self, margin=0, h_spacing=4, v_spacing=4)
        self._flow.addWidget(self.input)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._restyle()

    # Public -----------------------------------------------------------------

    def set_tags(self, tags: Sequence[TagInfo]) -> None:
        """Show one chip per tag, in this order, in place of the chips shown before."""
        focus = QApplication.focusWidget()
        had_chip_focus = focus is not None and any(chip.isAncestorOf(focus) for chip in self._chips)
        for chip in self._chips:
            self._flow.takeAt(self._flow.indexOf(chip))
            chip.hide()
            # Later, not now: this may run inside the clicked signal of the chip's ×.
            chip.deleteLater()
        self._shown = tuple(tags)
        height = self._chip_height()
        self._chips = [_Chip(tag, height, self, menu=self._tag_menus) for tag in self._shown]
        for index, chip in enumerate(self._chips):
            chip.setStyleSheet(self._sheet)
            chip.remove_clicked.connect(self.tag_removed)
            chip.menu_requested.connect(self._on_chip_menu_requested)
            self._flow.insertWidget(index, chip)
            chip.show()
        self._update_completions()
        if had_chip_focus:
            self.input.setFocus()

    def tags(self) -> list[str]:
        """The names of the chips shown, in order."""
        return [chip.name for chip in self._chips]

    def set_completions(self, names: Sequence[str]) -> None:
        """The names to offer while typing (those already shown are left out)."""
        self._completion_names = list(names)
        self._update_completions()

    # Qt overrides -----------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        popup = self.completer.popup()
        if watched is popup and event.key() in _ENTER_KEYS:
            current = popup.currentIndex()
            text = current.data() if current.isValid() else self.input.text()
            popup.hide()
            self._commit(text)
            return True
        if watched is self.input and event.key() == Qt.Key.Key_Backspace:
            # Nothing to delete: swallow it rather than pop up every suggestion.
            return not self.input.text()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.FontChange):
            self._restyle()

    # Private ----------------------------------------------------------------

    def _on_chip_menu_requested(self, tag: TagInfo, where: QPoint) -> None:
        # The editor asks for what is chosen, not the chip: a change replaces the chip.
        menu = QMenu(self)
        add_tag_actions(menu, tag, lambda change: self.tag_edited.emit(tag.name, change))
        menu.addSeparator()
        menu.addAction("Remove", lambda: self.tag_removed.emit(tag.name))
        menu.exec(where)
        menu.deleteLater()

    def _on_input_return_pressed(self) -> None:
        self._commit(self.input.text())

    def _on_popup_clicked(self, index: QModelIndex) -> None:
        self._commit(index.data())

    def _commit(self, text: str) -> None:
        name = text.strip()
        self.input.clear()  # before emitting: the owner may well refocus or refill it
        shown = {tag_key(shown) for shown in self.tags()}
        if name and tag_key(name) not in shown:
            self.tag_added.emit(name)

    def _update_completions(self) -> None:
        shown = {tag_key(name) for name in self.tags()}
        offered = [name for name in self._completion_names if tag_key(name) not in shown]
        self._completion_model.setStringList(offered)

    def _chip_height(self) -> int:
        return self.fontMetrics().height() + 8

    def _restyle(self) -> None:
        # On the chips, not the editor: a widget carrying a style sheet stops following
        # its parent's palette, and the editor must follow it to restyle for a dark one.
        sheet = _style_sheet(self.palette(), self._chip_height())
        if sheet != self._sheet:
            self._sheet = sheet
            self.set_tags(self._shown)  # made anew: their height follows the font too
