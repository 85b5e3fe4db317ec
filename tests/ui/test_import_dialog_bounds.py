"""File → Import on a pipe, a device or a file too large: refused at once, in words."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from relate.importers import bounded_file
from tests.core.test_bounded_input import large_file
from tests.ui.test_import_dialog import opened
from ui.window.main_window import MainWindow


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_and_a_device_are_refused_without_waiting(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    fifo = tmp_path / "Connections.csv"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait for ever
    for path, kind in ((fifo, "a pipe"), (Path("/dev/zero"), "a device")):
        started = time.monotonic()
        dialog = opened(qtbot, window, path)
        assert time.monotonic() - started < 2
        assert dialog.summary_label.text().startswith(f"{path} is {kind}, not a file")
        assert not dialog.import_button.isEnabled()
        dialog.reject()


def test_a_file_too_large_is_refused_saying_the_limit(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    path = large_file(tmp_path / "contacts.csv", "First Name,Last Name\n", "Ana,Silva\n", 2**30)
    limit = bounded_file.MAX_FILE_BYTES // 2**20
    dialog = opened(qtbot, window, path)
    assert dialog.summary_label.text().startswith(
        f"contacts.csv is 1,024 MB: Relate reads address books of up to {limit} MB."
    )
    assert not dialog.import_button.isEnabled()
    dialog.reject()
