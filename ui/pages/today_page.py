"""The Today page: what to do today, each item one click from done, snoozed or opened.

It reads `relate.today.today_view` (bounded SQL) on the task runner's worker after every
change and at midnight, through `ui.pages.today_reads` (whose answer the tray shows too), and
fills the page when the answer comes back: the window opens and paints at once, with the
day's heading and a quiet line, whatever the size of the network. Changes while hidden
are read once, when the page is shown again (or at once where the tray shows them; the
page is then built when shown).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QPalette, QResizeEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relate import introduction_ideas, today
from relate.cadence import cadence_status, rhythm_label
from relate.dates import day_text, long_day_text, moment_text
from relate.humanize import relative_date
from relate.meetings import MeetingRecord
from relate.stage_suggestions import StageSuggestion
from ui.contact.follow_ups_tab import pick_date
from ui.contact.tag_menu import HOW_TO_MAKE_A_NEED, NEEDS_LABEL
from ui.dialogs.introduce_dialog import introduce_with_prompt
from ui.dialogs.meeting_dialogs import edit_meeting_with_prompt, hold_meeting_with_prompt
from ui.pages.page_freshness import PageFreshness
from ui.pages.today_reads import TodayReads
from ui.tasks import TaskRunner
from ui.undo.data_events import DataEvents
from ui.undo.today_actions import DONE_KINDS, SNOOZE_CHOICES, TodayActions
from ui.widgets.cadence_colours import status_tint
from ui.widgets.icons import action_icon

# What the window adds to a section's empty text: how to do it here.
_EMPTY_HINTS = {
    "idea": f" To say what someone needs: {HOW_TO_MAKE_A_NEED}, or add it under {NEEDS_LABEL}"
    " on their card.",
}


def _secondary(label: QLabel) -> QLabel:
    """A label in the palette's quieter text colour (it follows a change of theme)."""
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _wrapping(label: QLabel) -> QLabel:
    """Plain text that wraps at the row's width; a word longer than the row is cut there
    rather than widening the page (the row's tooltip holds the whole text)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setMinimumWidth(1)
    return label


def _fill_menu(menu: QMenu, actions: list[tuple[str, Callable[[], object]]]) -> None:
    """A row's menu, the first time it opens: its actions ("" for a separator)."""
    if menu.actions():
        return
    for label, slot in actions:
        if not label:
            menu.addSeparator()
            continue
        action = QAction(label, menu)
        # Through a lambda: `triggered` passes `checked`, which a slot must not get.
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
        menu.addAction(action)


class ItemRow(QFrame):
    """One thing to do: a title, a line of detail, and its buttons on the right, or
    under the text when the row is too narrow for both side by side."""

    # Beside the buttons the text keeps at least this many average characters' width.
    TEXT_CHARS = 36

    def __init__(self, title: str, detail: str, tint_status: str | None = None) -> None:
        super().__init__()
        self.setObjectName("todayItem")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = _wrapping(QLabel(title))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.detail = _wrapping(_secondary(QLabel(detail)))
        self.setToolTip(f"{title}\n{detail}")
        text = QVBoxLayout()
        text.setSpacing(1)
        text.addWidget(self.title)
        text.addWidget(self.detail)
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        self.buttons.addStretch(1)  # under the text, the buttons keep to its left edge
        self.controls: dict[str, QPushButton | QToolButton] = {}  # by their text
        # The text and the buttons: side by side, or the buttons under the text.
        self.content = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.content.setSpacing(6)
        self.content.addLayout(text, 1)
        self.content.addLayout(self.buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 5, 6, 5)
        self.marker = QFrame()
        self.marker.setFixedWidth(5)
        tint = status_tint(tint_status)
        if tint is not None:
            self.marker.setStyleSheet(f"background: {tint.name()}; border-radius: 2px;")
        layout.addWidget(self.marker)
        layout.addLayout(self.content, 1)

    def buttons_beside(self) -> bool:
        """Whether the buttons sit beside the text (else under it)."""
        return self.content.direction() == QBoxLayout.Direction.LeftToRight

    def width_for_buttons_beside(self) -> int:
        """The least width that holds the text (up to TEXT_CHARS wide) and the buttons
        side by side."""
        text = max(
            self.title.fontMetrics().horizontalAdvance(self.title.text()),
            self.detail.fontMetrics().horizontalAdvance(self.detail.text()),
        )
        text = min(text, self.TEXT_CHARS * self.fontMetrics().averageCharWidth())
        margins = self.layout().contentsMargins()
        return (
            margins.left()
            + self.marker.width()
            + self.layout().spacing()
            + text
            + self.content.spacing()
            + self.buttons.sizeHint().width()
            + margins.right()
        )

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        beside = event.size().width() >= self.width_for_buttons_beside()
        if beside != self.buttons_beside():
            self.content.setDirection(
                QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
            )
        super().resizeEvent(event)

    def add_button(
        self, text: str, slot: Callable[[], object], icon: str | None = None
    ) -> QPushButton:
        button = QPushButton(action_icon(icon), text) if icon else QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        self._add_control(text, button)
        return button

    def add_menu_button(
        self, text: str, actions: list[tuple[str, Callable[[], object]]]
    ) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        menu = QMenu(button)
        # Filled when first opened: a page of rows holds some forty such menus, and
        # making their actions up front was half the time of building the page.
        menu.aboutToShow.connect(lambda: _fill_menu(menu, actions))
        button.setMenu(menu)
        self._add_control(text, button)
        return button

    def _add_control(self, text: str, button: QPushButton | QToolButton) -> None:
        self.buttons.insertWidget(self.buttons.count() - 1, button)  # before the stretch
        self.controls[text] = button


class TodayPage(QWidget):
    """The app's opening page.

    Signals:
        open_contact(int): show this contact in the list and its card.
        brief_requested(int): prepare the brief for this contact's next 1-2-1.
        view_requested(str): show the list's saved view ("due", "going-cold").
    """

    open_contact = Signal(int)
    brief_requested = Signal(int)
    view_requested = Signal(str)

    def __init__(
        self,
        stack: QUndoStack,
        events: DataEvents,
        tasks: TaskRunner,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.stack, self.events, self.tasks = stack, events, tasks
        self.actions = TodayActions(stack, events, self)
        self.view: today.TodayView | None = None
        self.reads = TodayReads(tasks, self)
        self.reads.view_read.connect(self._on_reads_view_read)
        self.reads.read_refused.connect(self._on_reads_read_refused)
        self._unbuilt = False  # a view read while hidden, built when shown
        # The rows on show by (section, id): "follow-up", "meeting", "due", "cold" with
        # the follow-up's, meeting's or contact's id; "idea" with the pair of contacts.
        self.rows: dict[tuple[str, object], ItemRow] = {}
        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.summary = _secondary(QLabel())
        self.body_layout = QVBoxLayout()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self._show_placeholder()
        self.freshness = PageFreshness(
            self,
            self.refresh,
            events.every_change(),
            wanted=lambda: self.isVisible() or self.reads.keep_reading,
        )

    # Keeping up to date ------------------------------------------------------------------

    def refresh(self, on: dt.date | None = None) -> None:
        """Read the day's lists again (off the window's thread), then rebuild the page."""
        self.freshness.mark_fresh()
        self.reads.read(on)

    def _on_reads_view_read(self, view: today.TodayView) -> None:
        self.view = view
        if self.isVisible():
            self._rebuild()
        else:
            self._unbuilt = True

    def _on_reads_read_refused(self, sentence: str) -> None:
        self.summary.setText(f"Today's lists could not be read. {sentence}")

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._unbuilt and not self.reads.pending:  # else a newer view is on its way
            self._rebuild()

    def _show_placeholder(self) -> None:
        """The day's heading and a quiet line, until the first read comes back."""
        body = self._new_body()
        self.body_layout.addWidget(self.heading)
        self.body_layout.addWidget(self.summary)
        self.body_layout.addStretch(1)
        self.heading.setText(self._heading_text(dt.date.today()))
        self.summary.setText("Looking through your network…")
        self.scroll.setWidget(body)

    @staticmethod
    def _heading_text(on: dt.date) -> str:
        return f"Today, {long_day_text(on)}"

    # Building the page -------------------------------------------------------------------

    def _new_body(self) -> QWidget:
        """A fresh page to fill: the scroll area sizes a new widget reliably, where a
        refilled one keeps the height it had."""
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        self.body_layout.setContentsMargins(16, 12, 16, 16)
        self.body_layout.setSpacing(6)
        return body

    def _section(self, section: today.TodaySection) -> None:
        total, view = section.total, section.list_view
        row = QHBoxLayout()
        label = QLabel(f"{section.title}  ·  {total:,}" if total else section.title)
        font = label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        label.setFont(font)
        row.addWidget(label)
        row.addStretch(1)
        if view is not None and total > len(section.rows):
            more = QPushButton(f"All {total:,} in the list")
            more.setFlat(True)
            more.clicked.connect(lambda: self.view_requested.emit(view))
            row.addWidget(more)
        elif total > len(section.rows):
            # No list holds the rest (the suggestions): say the total is not all shown.
            row.addWidget(_secondary(QLabel(f"showing the first {len(section.rows)}")))
        holder = QWidget()
        holder.setLayout(row)
        holder.setContentsMargins(0, 10, 0, 0)
        self.body_layout.addWidget(holder)

    def _empty(self, text: str) -> None:
        self.body_layout.addWidget(_secondary(QLabel(text)))

    def _rebuild(self) -> None:
        view = self.view
        assert view is not None
        self._unbuilt = False
        scrolled = self.scroll.verticalScrollBar().value()
        body = self._new_body()
        self.rows = {}
        self.body_layout.addWidget(self.heading)
        self.body_layout.addWidget(self.summary)
        self.heading.setText(self._heading_text(view.on))
        self.summary.setText(self._summary_text(view))

        add_row = {
            "follow-up": self._follow_up_row,
            "meeting": self._meeting_row,
            "due": lambda who: self._contact_row(who, view.on),
            "cold": lambda who: self._contact_row(who, view.on),
            "idea": self._idea_row,
            "stage": self._stage_row,
        }
        for section in view.sections:
            if not (section.rows or section.shown_when_empty):
                continue
            self._section(section)
            for item in section.rows:
                add_row[section.key](item)
            if not section.rows:
                self._empty(section.empty_text + _EMPTY_HINTS.get(section.key, ""))
        self.body_layout.addStretch(1)
        self.scroll.setWidget(body)  # deletes the previous page, not the heading it held
        self.scroll.verticalScrollBar().setValue(scrolled)

    @staticmethod
    def _summary_text(view: today.TodayView) -> str:
        parts = [
            f"{view.follow_ups_total} follow-up{'s' if view.follow_ups_total != 1 else ''} due",
            f"{len(view.meetings)} 1-2-1{'s' if len(view.meetings) != 1 else ''} this week",
            f"{view.due_total:,} due to be in touch",
            f"{view.going_cold_total:,} going cold",
        ]
        return " · ".join(parts)

    def _snooze_actions(self, apply: Callable[[dt.date], object], start: dt.date):
        def pick() -> None:
            day = pick_date(self, start + dt.timedelta(days=1), "Snooze until")
            if day is not None:
                apply(day)

        return [
            *(
                (label, functools.partial(apply, start + dt.timedelta(days=days)))
                for label, days in SNOOZE_CHOICES
            ),
            ("Pick a date…", pick),
        ]

    def _add_row(self, key: tuple[str, object], row: ItemRow) -> None:
        row.setObjectName(f"todayItem-{key[0]}")  # styles and tests tell sections apart
        self.rows[key] = row
        self.body_layout.addWidget(row)

    def _follow_up_row(self, item: today.DueFollowUp) -> None:
        late = relative_date(item.due, self.view.on) if item.days_overdue else "today"
        row = ItemRow(f"{item.contact_name}: {item.text}", f"Due {late}", None)
        if item.days_overdue > 0:
            row.detail.setText(f"Due {late} ({day_text(item.due, short=True)})")

        actions = self.actions
        row.add_button("Done", lambda: actions.complete_follow_up(item.contact_id, item.id), "done")
        row.add_menu_button(
            "Snooze",
            self._snooze_actions(
                lambda day: actions.snooze_follow_up(item.contact_id, item.id, day), self.view.on
            ),
        )
        row.add_button("Open", lambda: self.open_contact.emit(item.contact_id))
        self._add_row(("follow-up", item.id), row)

    def _meeting_row(self, meeting: MeetingRecord) -> None:
        when = moment_text(meeting.starts_at, short=True)
        place = f" at {meeting.place}" if meeting.place else ""
        agenda = meeting.agenda.splitlines()[0] if meeting.agenda else "No agenda yet"
        row = ItemRow(f"{meeting.contact_name}, {when}{place}", agenda)
        row.add_button(
            "Prepare brief", lambda: self.brief_requested.emit(meeting.contact_id), "one-to-one"
        )
        row.add_button(
            "Held…", lambda: hold_meeting_with_prompt(meeting.id, self.stack, self.events, self)
        )
        row.add_button(
            "Move…", lambda: edit_meeting_with_prompt(meeting.id, self.stack, self.events, self)
        )
        row.add_button("Open", lambda: self.open_contact.emit(meeting.contact_id))
        self._add_row(("meeting", meeting.id), row)

    def _contact_row(self, who: today.DueContact, on: dt.date) -> None:
        status = cadence_status(who.next_due, who.rhythm_days, on)
        last = relative_date(who.last_contacted, on) if who.last_contacted else "never"
        firm = f" · {who.company}" if who.company else ""
        detail = (
            f"{who.stage}{firm} · {rhythm_label(who.rhythm_days)} · last contact {last}"
            f" · due since {day_text(who.next_due, short=True)}"
        )
        if who.exchanges:
            detail += f" · {who.exchanges} given or received"
        row = ItemRow(who.name, detail, status)

        def snooze(day: dt.date) -> None:
            self.actions.snooze_contact(who.contact_id, day)

        log = functools.partial(self.actions.kept_in_touch, who.contact_id)
        done = [(label, functools.partial(log, kind)) for kind, label in DONE_KINDS]
        done += [
            ("", lambda: None),
            ("Write what was said…", lambda: self.open_contact.emit(who.contact_id)),
        ]
        row.add_menu_button("Done", done)
        row.add_menu_button("Snooze", self._snooze_actions(snooze, on))
        row.add_button("Open", lambda: self.open_contact.emit(who.contact_id))
        self._add_row(("cold" if status == "cold" else "due", who.contact_id), row)

    def _idea_row(self, idea: introduction_ideas.IntroductionIdea) -> None:
        row = ItemRow(f"Introduce {idea.name} to {idea.other_name}", idea.reason)

        def snooze(day: dt.date) -> None:
            self.actions.snooze_idea(idea.contact_id, idea.other_id, day)

        row.add_button(
            "Introduce…",
            lambda: introduce_with_prompt(
                self.stack, self.events, self, idea.contact_id, idea.other_id, idea.reason
            ),
            "introduce",
        )
        row.add_menu_button("Snooze", self._snooze_actions(snooze, self.view.on))
        row.add_button("Open", lambda: self.open_contact.emit(idea.contact_id))
        self._add_row(("idea", (idea.contact_id, idea.other_id)), row)

    def _stage_row(self, move: StageSuggestion) -> None:
        row = ItemRow(move.name, f"{move.reason}: move from {move.stage} to {move.suggested}?")
        row.add_button(
            f"Move to {move.suggested}",
            lambda: self.actions.move_stage(move.contact_id, move.stage, move.suggested),
        )
        row.add_menu_button(
            "Not now",
            self._snooze_actions(
                lambda day: self.actions.put_off_move(move.contact_id, day), self.view.on
            ),
        )
        row.add_button("Open", lambda: self.open_contact.emit(move.contact_id))
        self._add_row(("stage", move.contact_id), row)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(720, 600)
