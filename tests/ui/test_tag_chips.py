"""The tag chip editor: chips in order, × asks to remove, typing or picking asks to add."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from relate.records import TagInfo
from relate.vocabulary import TAG_CATEGORIES
from tests.ui.action_walk import Stubs, request_menu
from ui.contact.tag_chips import AVOID_TIP, MINE_TIP, TagChipEditor
from ui.widgets.flow_layout import FlowLayout

# Showing the completer's popup on the offscreen platform logs these harmless warnings.
popup_warnings = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing"
)

TAGS = [
    TagInfo(1, "cycling", "sport", avoid=False, mine=True),
    TagInfo(2, "golf", "sport", avoid=False, mine=False),
    TagInfo(3, "politics", "topic", avoid=True, mine=False),
    TagInfo(4, "jazz", "", avoid=False, mine=False),
]


@pytest.fixture
def editor(qtbot) -> TagChipEditor:
    widget = TagChipEditor()
    qtbot.addWidget(widget)
    widget.set_tags(TAGS)
    widget.set_completions(["cycling", "Climbing", "recycling", "golf", "cooking", "wine"])
    widget.resize(500, widget.heightForWidth(500))
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def remove_button(editor: TagChipEditor, name: str) -> QToolButton:
    (button,) = [
        button
        for button in editor.findChildren(QToolButton)
        if button.accessibleName() == f"Remove tag '{name}'" and button.isVisibleTo(editor)
    ]
    return button


def chip_of(editor: TagChipEditor, name: str) -> QWidget:
    return remove_button(editor, name).parentWidget()


def completions(editor: TagChipEditor, prefix: str) -> list[str]:
    editor.completer.setCompletionPrefix(prefix)
    model = editor.completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def focus_input(qtbot, editor: TagChipEditor) -> None:
    editor.activateWindow()
    qtbot.waitActive(editor)
    editor.input.setFocus()
    qtbot.waitUntil(editor.input.hasFocus)


def test_set_tags_shows_one_chip_per_tag_in_order(editor: TagChipEditor) -> None:
    assert editor.tags() == ["cycling", "golf", "politics", "jazz"]
    labels = [chip_of(editor, name).findChild(QLabel, "tagChipLabel") for name in editor.tags()]
    assert [label.text() for label in labels] == editor.tags()
    editor.set_tags([TAGS[3], TAGS[1]])
    assert editor.tags() == ["jazz", "golf"]
    assert editor.input.objectName() == "tagInput"
    assert editor.input.placeholderText() == "Add a tag…"


def test_the_input_comes_after_the_chips(editor: TagChipEditor) -> None:
    last_chip = chip_of(editor, "jazz").geometry()
    input_box = editor.input.geometry()
    assert (input_box.top(), input_box.left()) > (last_chip.top(), last_chip.left())
    assert input_box.left() > last_chip.right() or input_box.top() > last_chip.bottom()


def test_clicking_a_chips_cross_asks_to_remove_it(qtbot, editor: TagChipEditor) -> None:
    button = remove_button(editor, "golf")
    assert button.toolTip() == "Remove tag 'golf'"
    with qtbot.waitSignal(editor.tag_removed, timeout=1000) as blocker:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert blocker.args == ["golf"]
    # The owner removes it (and calls set_tags): the editor does not on its own.
    assert editor.tags() == ["cycling", "golf", "politics", "jazz"]


def test_the_owner_can_replace_the_chips_from_the_remove_signal(
    qtbot, editor: TagChipEditor
) -> None:
    editor.tag_removed.connect(
        lambda name: editor.set_tags([tag for tag in TAGS if tag.name != name])
    )
    qtbot.mouseClick(remove_button(editor, "politics"), Qt.MouseButton.LeftButton)
    assert editor.tags() == ["cycling", "golf", "jazz"]
    qtbot.mouseClick(remove_button(editor, "jazz"), Qt.MouseButton.LeftButton)
    assert editor.tags() == ["cycling", "golf", "politics"]


def test_typing_and_enter_asks_to_add_the_trimmed_name(qtbot, editor: TagChipEditor) -> None:
    qtbot.keyClicks(editor.input, "  sailing ")
    with qtbot.waitSignal(editor.tag_added, timeout=1000) as blocker:
        qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert blocker.args == ["sailing"]
    assert editor.input.text() == ""


# A name that looks the same is the same tag: a zero-width space or joiner is not seen.
@pytest.mark.parametrize("text", ["", "   ", "GOLF", " Cycling ", "go\u200blf", "JAZZ\u2060"])
def test_enter_on_blank_or_a_tag_already_shown_adds_nothing(
    qtbot, editor: TagChipEditor, text: str
) -> None:
    editor.input.setText(text)
    with qtbot.assertNotEmitted(editor.tag_added):
        qtbot.keyClick(editor.input, Qt.Key.Key_Return)
    assert editor.input.text() == ""


def test_backspace_in_the_empty_input_removes_nothing(qtbot, editor: TagChipEditor) -> None:
    with qtbot.assertNotEmitted(editor.tag_removed), qtbot.assertNotEmitted(editor.tag_added):
        qtbot.keyClick(editor.input, Qt.Key.Key_Backspace)
    assert editor.tags() == ["cycling", "golf", "politics", "jazz"]


def test_the_completer_offers_names_containing_the_text_in_any_case(
    editor: TagChipEditor,
) -> None:
    assert completions(editor, "CLIM") == ["Climbing"]
    # "cycling" is already a chip, so only the other match is offered.
    assert completions(editor, "ycl") == ["recycling"]
    editor.set_tags([])
    assert completions(editor, "ycl") == ["cycling", "recycling"]


@popup_warnings
def test_picking_a_completion_with_enter_adds_it_once(qtbot, editor: TagChipEditor) -> None:
    focus_input(qtbot, editor)
    added: list[str] = []
    editor.tag_added.connect(added.append)
    qtbot.keyClicks(editor.input, "ook")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    assert editor.input.text() == "cooking"
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(50)  # room for a second, late activation to arrive
    assert added == ["cooking"]
    assert editor.input.text() == ""
    assert not popup.isVisible()


@popup_warnings
def test_enter_while_suggestions_show_adds_what_was_typed(qtbot, editor: TagChipEditor) -> None:
    focus_input(qtbot, editor)
    added: list[str] = []
    editor.tag_added.connect(added.append)
    qtbot.keyClicks(editor.input, "win")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.wait(50)
    assert added == ["win"]
    assert editor.input.text() == ""


@popup_warnings
def test_clicking_a_completion_adds_it_once(qtbot, editor: TagChipEditor) -> None:
    focus_input(qtbot, editor)
    added: list[str] = []
    editor.tag_added.connect(added.append)
    qtbot.keyClicks(editor.input, "lim")
    popup = editor.completer.popup()
    qtbot.waitUntil(popup.isVisible)
    rect = popup.visualRect(popup.model().index(0, 0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.wait(50)
    assert added == ["Climbing"]
    assert editor.input.text() == ""


def test_shared_and_avoided_tags_are_marked(editor: TagChipEditor) -> None:
    mine, plain, avoid = (chip_of(editor, name) for name in ("cycling", "golf", "politics"))
    assert MINE_TIP in mine.toolTip() and AVOID_TIP not in mine.toolTip()
    assert AVOID_TIP in avoid.toolTip() and MINE_TIP not in avoid.toolTip()
    assert MINE_TIP not in plain.toolTip() and AVOID_TIP not in plain.toolTip()
    assert mine.findChild(QLabel, "tagChipStar").text() == "★"
    assert {mine.objectName(), plain.objectName(), avoid.objectName()} == {
        "tagChipMine",
        "tagChip",
        "tagChipAvoid",
    }


def test_a_very_long_name_is_elided_but_kept_whole_in_the_tooltip(
    editor: TagChipEditor,
) -> None:
    name = "a tag name far too long to be shown whole inside one little chip"
    editor.set_tags([TagInfo(9, name, "", avoid=False, mine=False)])
    chip = chip_of(editor, name)
    assert chip.findChild(QLabel, "tagChipLabel").text().endswith("…")
    assert name in chip.toolTip()
    assert editor.tags() == [name]


def test_the_editor_grows_taller_when_narrow(editor: TagChipEditor) -> None:
    assert editor.hasHeightForWidth()
    wide, narrow = editor.heightForWidth(1000), editor.heightForWidth(160)
    assert narrow > wide * 2
    editor.resize(160, narrow)
    chips = [chip_of(editor, name) for name in editor.tags()]
    assert len({chip.y() for chip in chips}) > 1
    assert all(chip.geometry().right() < 160 for chip in chips)


def test_a_dark_palette_from_the_parent_restyles_the_chips(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    editor = TagChipEditor(host)
    editor.set_tags(TAGS)
    light_sheet = chip_of(editor, "golf").styleSheet()
    dark = QPalette(host.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    host.setPalette(dark)
    dark_sheet = chip_of(editor, "golf").styleSheet()
    assert dark_sheet != light_sheet
    assert "color: #e6e6e6" in dark_sheet
    assert editor.tags() == ["cycling", "golf", "politics", "jazz"]


def test_flow_layout_wraps_items_and_gives_them_back(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host, margin=0, h_spacing=5, v_spacing=7)
    boxes = [QWidget() for _ in range(4)]
    for box in boxes:
        box.setFixedSize(40, 20)
        flow.addWidget(box)
    assert flow.count() == 4
    assert flow.heightForWidth(200) == 20
    assert flow.heightForWidth(90) == 20 + 7 + 20
    flow.setGeometry(host.rect().adjusted(0, 0, 90 - host.width(), 0))
    assert [box.pos() for box in boxes] == [
        QPoint(0, 0),
        QPoint(45, 0),
        QPoint(0, 27),
        QPoint(45, 27),
    ]
    assert flow.minimumSize().width() == 40
    item = flow.takeAt(0)
    assert item.widget() is boxes[0]
    assert flow.count() == 3 and flow.itemAt(3) is None and flow.takeAt(5) is None


def test_a_chip_s_menu_asks_for_a_category_a_mark_or_removal(
    qtbot, editor: TagChipEditor, tmp_path
) -> None:
    stubs = Stubs(tmp_path, {})
    assert request_menu(chip_of(editor, "golf"), None, stubs) == []  # not asked for
    editor = TagChipEditor(tag_menus=True)
    qtbot.addWidget(editor)
    editor.set_tags(TAGS)
    editor.show()
    golf = chip_of(editor, "golf")
    assert golf.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
    actions = request_menu(golf, None, stubs)
    assert [a.text() for a in actions] == [
        *TAG_CATEGORIES,
        "One of my interests",
        "A topic to avoid",
        "Remove",
    ]
    with qtbot.waitSignal(editor.tag_edited) as edited:
        next(a for a in actions if a.text() == "need").trigger()
    assert edited.args == ["golf", {"category": "need"}]
    with qtbot.waitSignal(editor.tag_edited) as edited:
        request_menu(golf, None, stubs)[-2].trigger()
    assert edited.args == ["golf", {"avoid": True}]
    with qtbot.waitSignal(editor.tag_removed) as removed:
        request_menu(golf, None, stubs)[-1].trigger()
    assert removed.args == ["golf"]
    assert editor.tags() == ["cycling", "golf", "politics", "jazz"]  # the owner changes them
