"""Every action and button of the window, triggered as Qt triggers them.

Menus, submenus, the toolbar, the pages' buttons and menus, and every context menu, on
each page of the window over the demo network and on the welcome page of an empty
database. An action added later is walked without touching this file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from relate import demo, meetings
from tests.core.linkedin_export import COMPLETE, write_folder
from tests.ui.action_walk import Stubs, Walk, install_stubs
from ui.widgets.theme import apply_theme
from ui.window.main_window import MainWindow

LINKEDIN_CSV = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Walker,Tester,https://www.linkedin.com/in/walker-tester,,Walkers,Engineer,01 Feb 2024\n"
)


@pytest.fixture
def stubs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qapp) -> Stubs:  # noqa: ANN001
    connections = tmp_path / "Connections.csv"
    connections.write_text(LINKEDIN_CSV, encoding="utf-8")
    made = Stubs(tmp_path, {"*.csv": connections})
    # File → Import a folder… is given LinkedIn's archive, unpacked.
    made.folder = write_folder(tmp_path / "Basic_LinkedInDataExport", COMPLETE)
    install_stubs(monkeypatch, made)
    yield made
    apply_theme(qapp, "system")  # View → Theme was walked


def _walk_states(
    qtbot, window: MainWindow, stubs: Stubs, states: dict[str, Callable[[], None]]
) -> tuple[list[str], set[str]]:
    """Walk everything in each state (a page, a tab); what failed, and what was walked."""
    failures: list[str] = []
    walked: set[str] = set()
    for name, enter in states.items():
        enter()
        walk = Walk(qtbot, window, stubs, enter)
        walk.everything()
        assert walk.done, f"nothing to walk on {name}"
        failures += [f"[{name}] {failure}" for failure in walk.failures]
        walked |= walk.done
    return failures, walked


@pytest.mark.slow
def test_every_action_of_the_demo_window_works_when_qt_triggers_it(
    qtbot, db_path: Path, settings: QSettings, stubs: Stubs
) -> None:
    demo.fill_demo()
    planned = meetings.planned_meetings(dt.datetime.now(), 30)[0]
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def page(view: str) -> Callable[[], None]:
        return lambda: window.navigator.choose_view(view)

    def contact_tab(tab: int) -> Callable[[], None]:
        def enter() -> None:
            window.open_contact(planned.contact_id)
            window.contact_pane.tabs.setCurrentIndex(tab)

        return enter

    failures, walked = _walk_states(
        qtbot,
        window,
        stubs,
        {
            "Today": page("today"),
            "Card": contact_tab(0),
            "Timeline": contact_tab(1),
            "Follow-ups": contact_tab(2),
            "Who": page("who"),
            "Archived": page("archived"),
            "Network health": page("health"),
        },
    )
    assert not failures, "\n".join(failures)
    assert any(name.endswith("Import…") for name in walked)
    # A tag's menu: in the navigator, interests and needs, and on a chip of the card.
    for where in ("interestTags", "needTags", "tagChipEditor / tagChip"):
        assert any(where in name and name.endswith("/ need") for name in walked), where
    # The walk reached the dialogs behind the actions, not only the actions.
    assert "open *.csv" in stubs.asked  # File → Import…
    assert any(asked.startswith("save") for asked in stubs.asked)  # the exports


def test_every_action_of_the_welcome_page_works_when_qt_triggers_it(
    qtbot, db_path: Path, settings: QSettings, stubs: Stubs
) -> None:
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    welcome = window.show_welcome()
    window.show()
    qtbot.waitExposed(window)

    def back_to_welcome() -> None:
        if window.welcome_page is not None:
            window.pages.setCurrentWidget(window.welcome_page)

    failures, walked = _walk_states(qtbot, window, stubs, {"Welcome": back_to_welcome})
    assert not failures, "\n".join(failures)
    for button in (welcome.import_button, welcome.empty_button, welcome.demo_button):
        assert any(name.endswith(button.text()) for name in walked), button.text()


def test_the_walk_catches_an_action_that_fails_when_triggered(
    qtbot, db_path: Path, settings: QSettings, stubs: Stubs
) -> None:
    """The walk itself: a slot that takes what `triggered` passes, as File → Import did."""
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()

    def broken(path: Path | None = None) -> None:
        path.parent  # noqa: B018 - `triggered` gives False, not None

    window.menuBar().addMenu("Broken").addAction("Take the bool").triggered.connect(broken)
    walk = Walk(qtbot, window, stubs, lambda: None)
    walk.actions()
    assert [f for f in walk.failures if "Take the bool" in f and "AttributeError" in f]
    QApplication.processEvents()
