"""Writing a user's files safely: whole or not at all, readable by the user only."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

# A brief opened in a viewer is a PDF in a temporary folder of this name.
BRIEF_TEMP_PREFIX = "relate-brief-"


@contextlib.contextmanager
def private_file(path: Path, mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """Open `path` for writing so that it appears whole or not at all, created
    readable and writable by the user only (0600 on POSIX).

    The data goes to a temporary file beside it, which replaces `path` when the
    block ends without an error; an error leaves any earlier file untouched.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, mode, **open_args) as stream:  # mkstemp makes it 0600
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def private_folder(folder: Path, own: bool = False) -> Path:
    """Make `folder` (and its missing parents) readable by the user only (0700); `own`:
    it is one of Relate's own folders, so one an older version left open to others is
    tightened too (never a folder the user chose, such as their Documents)."""
    folder = Path(folder)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if own and os.name == "posix" and folder.stat().st_mode & 0o077:
        with contextlib.suppress(OSError):  # not the user's own folder: leave it be
            os.chmod(folder, 0o700)
    return folder


def make_private(path: Path) -> None:
    """Tighten an existing file of the user's to 0600 (a lock, a settings file written
    by a library that does not ask)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            if Path(path).stat().st_mode & 0o077:
                os.chmod(path, 0o600)


def sweep_temporary(prefix: str, older_than_seconds: float) -> list[Path]:
    """Remove what a crash left in the temporary folder: the user's own entries named
    `prefix…` older than `older_than_seconds` (a brief's PDF opened in a viewer);
    returns what was removed."""
    stale = time.time() - older_than_seconds
    removed = []
    for path in Path(tempfile.gettempdir()).glob(f"{prefix}*"):
        try:
            info = path.stat()
        except OSError:
            continue
        if info.st_mtime >= stale or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed
