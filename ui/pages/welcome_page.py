"""The first page a new user sees: their own interests, then how to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.profile_dialog import MyInterestsEditor
from ui.undo.data_events import DataEvents
from ui.widgets.icons import action_icon

LINKEDIN_HOW_TO = (
    "On LinkedIn, open Me → Settings & Privacy → Data privacy → Get a copy of your data"
    " and request the archive (everything, or Connections and Messages and Invitations)."
    " LinkedIn e-mails you a link; import the zip as it is: your connections, and who you"
    " wrote to and when, so Relate knows from the first day who you are in touch with."
    " Later, add your calendar (.ics) and mail (mbox) from File → Import too."
)


def _heading(text: str, scale: float) -> QLabel:
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def _sentence(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class WelcomePage(QScrollArea):
    """Shown while the database is empty. Signals: import_requested, start_empty,
    demo_requested (the window and the app decide what each means)."""

    import_requested = Signal()
    start_empty = Signal()
    demo_requested = Signal()

    def __init__(
        self, stack: QUndoStack, events: DataEvents, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(48, 36, 48, 36)
        column.setSpacing(12)
        column.addWidget(_heading("Welcome to Relate", 1.8))
        column.addWidget(
            _sentence(
                "Relate keeps what the people you know tell you, finds what you have in"
                " common, prepares your 1-2-1s and reminds you to follow up. Everything"
                " stays in one file on this computer."
            )
        )
        column.addSpacing(12)
        column.addWidget(_heading("What are you into?", 1.2))
        column.addWidget(
            _sentence(
                "Your interests, hobbies, places and expertise: cycling, Cleveland, BIM,"
                " jazz… Contacts who share one show it as common ground, the place a"
                " conversation starts. Type one and press Enter; you can change them later"
                " under Edit → My profile."
            )
        )
        self.interests = MyInterestsEditor(stack, events)
        self.interests.setObjectName("welcomeInterests")
        column.addWidget(self.interests)
        column.addSpacing(12)
        column.addWidget(_heading("How would you like to begin?", 1.2))
        choices = QGridLayout()
        choices.setHorizontalSpacing(16)
        self.import_button = self._choice(
            choices,
            0,
            "Import your LinkedIn archive",
            LINKEDIN_HOW_TO,
            "Import the archive…",
            "import",
            self.import_requested,
        )
        self.empty_button = self._choice(
            choices,
            1,
            "Start empty",
            "Add people as you meet them (Ctrl+N), or import a vCard or CSV file later"
            " from File → Import.",
            "Start empty",
            "new-contact",
            self.start_empty,
        )
        self.demo_button = self._choice(
            choices,
            2,
            "Explore the demo network",
            "Three hundred made-up people with two years of history, in a file of its own:"
            " your database stays empty until you come back to it.",
            "Open the demo",
            "all",
            self.demo_requested,
        )
        column.addLayout(choices)
        column.addStretch(1)
        self.setWidget(body)
        self.import_button.setDefault(True)

    def _choice(
        self,
        grid: QGridLayout,
        position: int,
        title: str,
        text: str,
        button_text: str,
        icon: str,
        signal: Signal,
    ) -> QPushButton:
        """One way to begin: a card with a title, a sentence and its button."""
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(card)
        layout.addWidget(_heading(title, 1.0))
        layout.addWidget(_sentence(text), 1, Qt.AlignmentFlag.AlignTop)
        button = QPushButton(action_icon(icon), button_text)
        button.clicked.connect(signal)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(card, 0, position)
        grid.setColumnStretch(position, 1)
        return button
