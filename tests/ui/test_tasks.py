"""The task runner's worker, for real: reads off the window's thread, answers in order,
failures said; and the Today page it fills after the window has painted."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings

from relate import contacts, queries
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def test_work_runs_off_the_window_thread_with_its_own_connection(
    qtbot, db_path: Path, threaded_tasks: None
) -> None:
    contacts.create_contact("Ann", "Adams")
    runner = TaskRunner()
    answers: list[tuple[int, bool]] = []

    def work() -> tuple[int, bool]:
        return queries.count_contacts(), threading.current_thread() is threading.main_thread()

    for _ in range(3):
        runner.run_in_background(work, answers.append)
    qtbot.waitUntil(lambda: len(answers) == 3)
    assert answers == [(1, False)] * 3
    runner.wait()


def test_a_failure_goes_to_its_handler_on_the_window_thread(
    qtbot, db_path: Path, threaded_tasks: None
) -> None:
    runner = TaskRunner()
    failures: list[tuple[str, bool]] = []

    def work() -> None:
        raise ValueError("no such thing")

    def failed(exc: BaseException) -> None:
        failures.append((str(exc), threading.current_thread() is threading.main_thread()))

    runner.run_in_background(work, lambda _result: None, failed)
    qtbot.waitUntil(lambda: bool(failures))
    assert failures == [("no such thing", True)]


def test_today_paints_its_heading_first_then_fills_in_from_the_worker(
    qtbot, network, db_path: Path, settings: QSettings, threaded_tasks: None
) -> None:
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    page = window.today_page
    # The window's thread asked for the day's lists and went on: the page shows its
    # heading and a quiet line until they come.
    assert page.view is None
    assert page.heading.text().startswith("Today, ")
    assert page.summary.text() == "Looking through your network…"
    qtbot.waitUntil(lambda: page.view is not None)
    assert "follow-ups due" in page.summary.text()
    window.close()


def test_the_list_is_read_on_the_worker_after_the_first_paint(
    qtbot, network, db_path: Path, settings: QSettings, threaded_tasks: None, monkeypatch
) -> None:
    from ui import contact_table_model

    readers: list[bool] = []
    read = contact_table_model.queries.contact_ids

    def reading(*args, **kwargs):
        readers.append(threading.current_thread() is threading.main_thread())
        return read(*args, **kwargs)

    monkeypatch.setattr(contact_table_model.queries, "contact_ids", reading)
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() == 12)
    qtbot.waitUntil(lambda: window.contact_pane.contact_id is not None)
    assert readers == [False]  # once, off the window's thread
    assert window.contact_pane.contact_id == network["ann"]  # the first, as none was kept
    window.close()


def test_a_window_closed_before_its_list_is_read_starts_no_read(
    qtbot, network, db_path: Path, settings: QSettings, threaded_tasks: None, monkeypatch
) -> None:
    from ui import contact_table_model
    from ui.main_window import LIST_LOAD_DELAY_MS

    reads: list[str] = []
    read = contact_table_model.queries.contact_ids

    def reading(*args, **kwargs):
        reads.append(threading.current_thread().name)
        return read(*args, **kwargs)

    monkeypatch.setattr(contact_table_model.queries, "contact_ids", reading)
    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    window.close()  # at once, as a user quitting while the window still opens
    qtbot.wait(LIST_LOAD_DELAY_MS * 3)
    window.tasks.wait()
    assert reads == []


def test_cancel_interrupts_a_long_read_and_nothing_answers(
    qtbot, db_path: Path, threaded_tasks: None
) -> None:
    import time

    from relate.db import db

    runner = TaskRunner()
    answers: list[object] = []
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
        " SELECT count(*) FROM n WHERE i < 0"
    )
    started = threading.Event()

    def long_read() -> object:
        started.set()
        return db.execute_sql(endless).fetchone()

    runner.run_in_background(long_read, answers.append, answers.append)
    runner.run_in_background(lambda: "never started", answers.append)
    assert started.wait(5)
    begun = time.perf_counter()
    runner.cancel()
    assert time.perf_counter() - begun < 2  # interrupted, not read to its end
    qtbot.wait(50)
    assert answers == []
    # Work asked for afterwards is answered as usual.
    runner.run_in_background(lambda: "later", answers.append)
    qtbot.waitUntil(lambda: answers == ["later"])
