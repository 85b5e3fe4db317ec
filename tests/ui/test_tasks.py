"""The task runner, for real: work off the window's thread on one shared pool, answers
in order, failures said, work called off as a window closes; the Today page it fills
after the window has painted; and the inline runner the rest of the suite uses."""

from __future__ import annotations

import threading
from pathlib import Path
from unittest.mock import patch

import pytest
from PySide6.QtCore import QSettings, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from relate import contacts, queries
from ui.tasks import TaskRunner
from ui.window.main_window import MainWindow

# A read that never ends by itself: only an interrupt stops it.
ENDLESS = (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
    " SELECT count(*) FROM n WHERE i < 0"
)


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
    from ui.contact import contact_table_model

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
    from ui.contact import contact_table_model
    from ui.window.list_keeper import LIST_LOAD_DELAY_MS

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

    from relate.store.db import db

    runner = TaskRunner()
    answers: list[object] = []
    started = threading.Event()

    def long_read() -> object:
        started.set()
        return db.execute_sql(ENDLESS).fetchone()

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


def test_the_suite_runs_background_work_inline(qtbot, db_path: Path) -> None:
    contacts.create_contact("Ann", "Adams")
    runner = TaskRunner()
    answers: list[tuple[int, bool]] = []

    def work() -> tuple[int, bool]:
        return queries.count_contacts(), threading.current_thread() is threading.main_thread()

    runner.run_in_background(work, answers.append)
    # Answered before the call returned, on this thread: no signal to wait for.
    assert answers == [(1, True)] and not runner.is_busy()


def test_runners_share_one_pool_and_each_keeps_its_order(
    qtbot, db_path: Path, threaded_tasks: None
) -> None:
    from ui.tasks import shared_pool

    dialog_runner, window_runner = TaskRunner(), TaskRunner()
    gate = threading.Event()
    answers: list[str] = []
    threads: set[str] = set()

    def job(name: str, wait: bool = False):  # noqa: ANN202 - the work
        def work() -> str:
            threads.add(threading.current_thread().name)
            if wait:
                assert gate.wait(5)
            return name

        return work

    dialog_runner.run_in_background(job("slow import", wait=True), answers.append)
    dialog_runner.run_in_background(job("after the import"), answers.append)
    window_runner.run_in_background(job("a read"), answers.append)
    # The window's read is not held up by the dialog's long job.
    qtbot.waitUntil(lambda: answers == ["a read"])
    assert dialog_runner.is_busy() and not window_runner.is_busy()
    gate.set()
    qtbot.waitUntil(lambda: len(answers) == 3)
    assert answers[1:] == ["slow import", "after the import"]  # in the order asked
    assert threading.current_thread().name not in threads
    assert shared_pool() is QThreadPool.globalInstance()
    dialog_runner.wait()
    window_runner.wait()


def test_a_failure_with_no_handler_reaches_the_crash_dialog(
    qtbot, db_path: Path, threaded_tasks: None, tmp_path: Path, monkeypatch
) -> None:
    from relate import logs
    from ui.dialogs.crash_dialog import BUG_SENTENCE, ExceptionHook

    monkeypatch.setenv(logs.LOG_ENV_VAR, str(tmp_path / "logs"))
    hook = ExceptionHook()
    hook.install()
    try:
        TaskRunner().run_in_background(lambda: 1 / 0, lambda _result: pytest.fail())
        qtbot.waitUntil(lambda: hook.dialog is not None)
        assert hook.dialog.sentence.text() == BUG_SENTENCE
        assert "ZeroDivisionError" in hook.dialog.details
    finally:
        if hook.dialog is not None:
            hook.dialog.close()
        hook.uninstall()


def test_an_export_that_fails_on_the_worker_tells_the_user(
    qtbot, window: MainWindow, tmp_path: Path, threaded_tasks: None
) -> None:
    said: list[str] = []

    def read_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, read_box)
            return
        said.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_box)
    target = tmp_path / "no such folder" / "everything.json"
    with patch("ui.dialogs.exporting.QFileDialog.getSaveFileName", return_value=(str(target), "")):
        window.menu_actions.export_actions[2].trigger()  # Everything as JSON…
    assert window.exporter.tasks.is_busy()  # written on a worker: the window went on
    qtbot.waitUntil(lambda: bool(said))
    assert said[0].startswith("The export could not be written: ")
    assert not window.exporter.tasks.is_busy()


def test_closing_the_window_while_a_read_runs_calls_it_off_at_once(
    qtbot, network, db_path: Path, settings: QSettings, threaded_tasks: None, monkeypatch
) -> None:
    import time

    from relate.store.db import db
    from ui.pages import today_page

    window = MainWindow(db_path, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.today_page.view is not None)
    window.tasks.wait()  # the list's read too
    shown = window.today_page.view
    started = threading.Event()

    def endless_read(*_args: object, **_kwargs: object) -> object:
        started.set()
        return db.execute_sql(ENDLESS).fetchone()

    monkeypatch.setattr(today_page.today, "today_view", endless_read)
    window.today_page.refresh()
    assert started.wait(5)
    begun = time.perf_counter()
    with qtbot.captureExceptions() as exceptions:
        window.close()
        assert time.perf_counter() - begun < 2  # interrupted, not waited for
        qtbot.wait(50)
    assert exceptions == []
    assert not window.tasks.is_busy()
    assert window.today_page.view is shown  # the read called off gave no answer


def test_no_window_module_but_the_runner_makes_threads_or_pools() -> None:
    import re

    made_here = re.compile(r"\b(QThreadPool|QThread|QRunnable|threading\.Thread)\b")
    ui = Path(__file__).resolve().parents[2] / "ui"
    found = [
        f"{path.name}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path.name != "tasks.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if made_here.search(line)
    ]
    assert found == []
