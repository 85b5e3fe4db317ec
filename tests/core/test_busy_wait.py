"""A busy database is waited for: another program's write lock, held for a second, holds
each command up for that second, not a failure after a fifth of one."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from relate.cli import main

HOLD_SECONDS = 1.0
# Another process takes the write lock, says so, keeps it, then lets go.
HOLDER = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE contact SET updated_at = updated_at")
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


def _while_another_writes(path: Path, argv: list[str]) -> tuple[int, float]:
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(HOLD_SECONDS)],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        status = main(["--db", str(path), *argv])
        waited = time.monotonic() - started
        holder.wait(timeout=30)
    return status, waited


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [
        ["log", "Ann", "call", "--summary", "Rang about the tender"],
        ["edit", "Ann", "--company", "Globex"],
        ["follow-up", "Ann", "Send the article", "--due", "2031-01-02"],
        ["me", "--add-interest", "sailing"],
        ["add", "Bob", "Baker"],
    ],
    ids=lambda argv: argv[0],
)
def test_a_command_waits_for_another_programs_write(
    tmp_path: Path, argv: list[str], capsys
) -> None:
    path = tmp_path / "r.sqlite"
    assert main(["--db", str(path), "add", "Ann", "Adams"]) == 0
    status, waited = _while_another_writes(path, argv)
    err = capsys.readouterr().err
    assert status == 0, err
    assert waited >= HOLD_SECONDS * 0.8  # it waited for the other writer to finish
    assert waited < 5  # and not for the whole busy timeout
