"""Real corners for the tests: a small disk (a tmpfs of a few hundred kilobytes) and a
command run without the power to ignore file modes (root's CAP_DAC_OVERRIDE dropped), so
that a read-only folder is read-only for it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@contextmanager
def small_disk(where: Path, kilobytes: int) -> Iterator[Path]:
    """A file system of `kilobytes` mounted at `where` for the block (skips the test where
    this machine does not allow mounting one)."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k,mode=0777", "tmpfs", str(where)],
        capture_output=True,
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here (needs root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def fill(disk: Path) -> None:
    """Take every free byte of `disk`."""
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while os.write(descriptor, b"\0" * 4096):
            pass
    except OSError:
        pass  # no space left: done
    finally:
        os.close(descriptor)


def relate(*args: str, modes_hold: bool = False):  # noqa: ANN201
    """`python -m relate ARGS` in a process of its own: (exit status, stdout, stderr).
    `modes_hold`: without the capabilities that let root ignore file modes."""
    command = [sys.executable, "-m", "relate", *args]
    if modes_hold and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("needs setpriv (util-linux) to drop root's override of file modes")
        command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout, done.stderr
