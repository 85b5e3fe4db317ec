"""Writing a user's files: whole or not at all, readable by the user only."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from relate.files import private_file


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_written_file_is_readable_by_the_user_only(tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    with private_file(target, newline="", encoding="utf-8") as stream:
        stream.write("a,b\n")
    assert target.read_text(encoding="utf-8") == "a,b\n"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600


def test_a_failure_leaves_the_earlier_file_and_no_litter(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("old")
    with pytest.raises(RuntimeError), private_file(target) as stream:
        stream.write("half of the new")
        raise RuntimeError("disk full")
    assert target.read_text() == "old"
    assert sorted(tmp_path.iterdir()) == [target]
