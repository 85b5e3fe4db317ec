"""Relate's log: one rotated file in the platform's log folder, readable by the user only.

What the user writes (notes, stories, names) must never reach the log, because a log
is what people attach to a bug report. So no log record carries contents, only the
`relate` and `ui` loggers reach the file (not Peewee's SQL echo, which carries the
bound values), and a traceback is written with each exception's message withheld:
the frames say where it went wrong; the message, which may quote a field, goes only
to the user's own "Copy details".
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from io import TextIOWrapper
from pathlib import Path
from typing import cast

import platformdirs

from relate.files import private_folder
from relate.store.db import APP_NAME

LOG_FILENAME = "relate.log"
LOG_ENV_VAR = "RELATE_LOG_DIR"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3

LOGGERS = ("relate", "ui")
log = logging.getLogger("relate")


def log_dir() -> Path:
    """The folder for the log: $RELATE_LOG_DIR, else the platform's user log folder."""
    explicit = os.environ.get(LOG_ENV_VAR)
    if explicit:
        return Path(explicit).expanduser()
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def log_path() -> Path:
    """The current log file."""
    return log_dir() / LOG_FILENAME


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """Rotates like its base, but creates every file (and the folder) readable by the
    user only; a log that cannot be written is given up quietly (`failed`), never a
    traceback on the terminal in the middle of what the user is doing."""

    failed = False

    def _open(self) -> TextIOWrapper:
        private_folder(Path(self.baseFilename).parent, own=True)
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        stream = os.fdopen(descriptor, self.mode.replace("w", "a"), encoding=self.encoding)
        return cast(TextIOWrapper, stream)  # a text mode, as the base class opens it

    def emit(self, record: logging.LogRecord) -> None:
        if not self.failed:
            super().emit(record)

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802
        self.failed = True  # an unwritable folder, a full disk: go on without a log


_handler: _PrivateRotatingHandler | None = None


def configure_logging(level: int = logging.INFO) -> Path:
    """Send Relate's log records to the rotated file; returns its path. The file (and
    its folder) is made at the first record, so a quiet run creates nothing, and a place
    that cannot be written costs nothing but the log. Calling again is cheap, and
    follows a change of $RELATE_LOG_DIR."""
    global _handler
    path = log_path()
    if _handler is not None and _handler.baseFilename == str(path.absolute()):
        return path
    handler = _PrivateRotatingHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if _handler is not None:
            logger.removeHandler(_handler)
        logger.addHandler(handler)
        logger.setLevel(level)
    if _handler is not None:
        _handler.close()
    _handler = handler
    return path


def redacted_traceback(exc: BaseException) -> str:
    """The traceback of `exc` with every exception message (its own and those it was
    raised from) replaced by its length: where it happened, not what the data was."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    chain: list[BaseException] = []
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for position, error in enumerate(reversed(chain)):
        if position:
            lines.append("\nwhich led to:\n")
        lines.extend(traceback.format_tb(error.__traceback__))
        message = str(error)
        withheld = f" (message withheld: {len(message)} characters)" if message else ""
        lines.append(f"{type(error).__module__}.{type(error).__qualname__}{withheld}\n")
    return "Traceback (most recent call last):\n" + "".join(lines)


def log_bug(exc: BaseException, where: str) -> Path | None:
    """Write an unexpected error to the log, its messages withheld; returns the log's
    path for telling the user, or None when the log could not be written."""
    path = configure_logging()
    log.error(
        "unexpected error in %s (Python %s)\n%s",
        where,
        sys.version.split()[0],
        redacted_traceback(exc),
    )
    if _handler is None or _handler.failed or not path.exists():
        return None
    return path
