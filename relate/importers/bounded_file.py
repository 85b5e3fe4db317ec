"""Opening a file to import: only a regular file, and only up to a size an address book
can have, so that a pipe, a device or a huge file is refused at once, never read."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from relate.importers import ImportFileError

# The largest address book Relate reads, and the most people in one file. Google keeps at
# most 25,000 contacts and LinkedIn 30,000 connections, so real exports are within both;
# together they keep an import's memory under 300 MB (measured on the largest files they
# let in, imported afresh and again over themselves: see the import notes).
MAX_FILE_BYTES = 30 * 1024 * 1024
MAX_RECORDS = 30_000
# A LinkedIn connections file has seven short columns: a first day of 100,000 people
# (the most Relate is built for) fits in one, at under 210 MB imported afresh or again.
MAX_CONNECTIONS = 100_000
# A vCard file may hold a photo per person (a phone's export of a few thousand people
# passes 30 MB), which is read past, never kept: the file itself is what it costs.
MAX_VCARD_BYTES = 200 * 1024 * 1024

# O_NONBLOCK: opening a pipe nobody writes to returns at once instead of waiting.
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
    | getattr(os, "O_CLOEXEC", 0)
)

_NOT_FILES = (
    (stat.S_ISFIFO, "a pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


def too_big_message(name: str, size: int | None = None, most: int | None = None) -> str:
    """Why a file over `most` bytes (MAX_FILE_BYTES unless said) is not read (`size`: how
    big it is, when known)."""
    most = MAX_FILE_BYTES if most is None else most
    how_big = f"is {_megabytes(size)}" if size is not None else "is larger than that"
    return (
        f"{name} {how_big}: Relate reads address books of up to "
        f"{_megabytes(most)}. Export fewer contacts at a time, or split the file, "
        "and import each part."
    )


def too_many_message(name: str, unit: str = "rows", most: int | None = None) -> str:
    """Why a file of more than `most` (MAX_RECORDS unless said) rows (or cards: `unit`)
    is not read."""
    most = MAX_RECORDS if most is None else most
    return (
        f"{name} has more than {most:,} {unit}: Relate reads address books of up to "
        f"{most:,} people. Split the file and import each part."
    )


def _refuse_kind(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise ImportFileError(f"{path.name} is a folder, not a file: choose a file inside it.")
    for test, kind in _NOT_FILES:
        if test(mode):
            raise ImportFileError(
                f"{path} is {kind}, not a file: Relate imports only files saved on disk. "
                "Choose the exported file itself."
            )
    if not stat.S_ISREG(mode):
        raise ImportFileError(f"{path} is not a file: choose the exported file itself.")


def _open_checked(path: Path) -> tuple[int, os.stat_result]:
    """A descriptor open on the regular file at `path`, and its status; ImportFileError
    naming it when it cannot be opened or is not a regular file (nothing is read)."""
    if path.is_dir():  # Windows cannot open a folder at all; say what it is there too
        raise ImportFileError(f"{path.name} is a folder, not a file: choose a file inside it.")
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as err:
        raise ImportFileError(f"{path.name} cannot be read: {err.strerror or err}.") from err
    try:
        info = os.fstat(descriptor)
        _refuse_kind(path, info.st_mode)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, info


def open_regular(path: Path) -> BinaryIO:
    """The regular file at `path`, open for reading bytes (to read it a part at a time).
    ImportFileError naming it when it cannot be opened or is not a regular file (a
    folder, pipe, device or socket: refused without reading or waiting)."""
    descriptor, _ = _open_checked(path)
    return open(descriptor, "rb")  # closes the descriptor when closed


def read_bounded(path: Path, limit: int = -1, most: int | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` of them (all when -1).
    ImportFileError naming it when it cannot be read, is not a regular file (a folder,
    pipe, device or socket: refused without reading or waiting), or, read whole, is
    larger than `most` bytes (MAX_FILE_BYTES unless said). Never more than `most` + 1
    bytes are read."""
    most = MAX_FILE_BYTES if most is None else most
    descriptor, info = _open_checked(path)
    # Only a whole read is judged by size: the start of any file tells its kind.
    if limit < 0 and info.st_size > most:
        os.close(descriptor)
        raise ImportFileError(too_big_message(path.name, info.st_size, most))
    wanted = most + 1 if limit < 0 else min(limit, most + 1)
    try:
        with open(descriptor, "rb") as file:  # closes the descriptor
            data = file.read(wanted)
    except OSError as err:
        raise ImportFileError(f"{path.name} cannot be read: {err.strerror or err}.") from err
    if len(data) > most:  # it grew after it was measured
        raise ImportFileError(too_big_message(path.name, most=most))
    return data
