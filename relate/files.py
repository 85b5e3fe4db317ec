"""Writing a user's files safely: whole or not at all, readable by the user only."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def private_file(path: Path, mode: str = "w", **open_args: object) -> Iterator[IO]:
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
