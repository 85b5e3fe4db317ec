"""LinkedIn's "Get a copy of your data" archive, opened as the user has it: the zip
itself, the folder unpacked from it, or one of its CSV files; the files Relate reads
found by their columns (names vary across the years), the others listed.

A zip is never extracted: its members are read in memory, each up to a size checked
against the bytes actually inflated (a zip bomb's header lies), and only the files
Relate reads are read whole; the others only as far as their header.
"""

from __future__ import annotations

import functools
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from relate.history.exchanges import HistoryFileError
from relate.history.linkedin_table import read_table
from relate.importers import ImportFileError, bounded_file
from relate.importers.csv_text import decode
from relate.importers.linkedin_csv import looks_like_connections
from relate.importers.linkedin_files import LINKEDIN_FILES, linkedin_file

# The kinds of file Relate reads, by the usual name of each.
CONNECTIONS = "connections"
MESSAGES = "messages"
INVITATIONS = "invitations"
PROFILE = "profile"
SKILLS = "skills"
POSITIONS = "positions"
EMAIL_ADDRESSES = "email addresses"
_USUAL_NAMES = {
    "Connections.csv": CONNECTIONS,
    "messages.csv": MESSAGES,
    "Invitations.csv": INVITATIONS,
    "Profile.csv": PROFILE,
    "Skills.csv": SKILLS,
    "Positions.csv": POSITIONS,
    "Email Addresses.csv": EMAIL_ADDRESSES,
}
KINDS = tuple(_USUAL_NAMES.values())
# Other names a kind's file has had that are not it: guide_messages.csv and the like
# hold conversations with LinkedIn's own assistants, in the columns of messages.csv.
_OTHER_NAMES = {
    _USUAL_NAMES[known.names[0]]: frozenset(name.casefold() for name in known.names[1:])
    for known in LINKEDIN_FILES
    if known.names[0] in _USUAL_NAMES
}

# messages.csv reaches tens of MB in a busy account; Connections.csv a few MB.
MAX_MEMBER_BYTES = 200 * 1024 * 1024
# All the files read whole together (texts are kept while the archive is read).
MAX_TOTAL_BYTES = 300 * 1024 * 1024
# A complete archive holds a few hundred files; a folder of more is not one.
MAX_FILES = 10_000
# Enough of a file's start to tell its kind (Connections.csv's notes come first).
_HEAD_BYTES = 64 * 1024
_CHUNK = 1024 * 1024
# What a damaged zip raises while a member is read.
_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError)
_REDOWNLOAD = "Download your data from LinkedIn again."


@dataclass(frozen=True, slots=True)
class ArchiveFile:
    """One file read: where it is in the archive ("Connections.csv", "Jobs/x.csv") and
    its text."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class LinkedInArchive:
    """What was found: the file of each kind Relate reads (by KINDS value), and every
    other file, by its place in the archive, in `not_read`."""

    name: str
    files: Mapping[str, ArchiveFile]
    not_read: list[str] = field(default_factory=list)

    def text(self, kind: str) -> str | None:
        """The text of the file of this kind, or None when the archive has none."""
        found = self.files.get(kind)
        return found.text if found is not None else None


@dataclass(frozen=True, slots=True)
class _Member:
    """A file of the archive: its place, its start, and all of it (each read capped)."""

    name: str
    head: Callable[[], bytes]
    whole: Callable[[], bytes]


def open_archive(path: Path) -> LinkedInArchive:
    """The archive at `path`: a zip, a folder, or one CSV file of it (then only that
    file, even inside an unpacked folder). HistoryFileError when it cannot be read, is
    no zip or a damaged one, is too big, or holds nothing from LinkedIn's export."""
    if path.is_dir():
        return _assemble(path.name, _folder_members(path))
    try:
        file = bounded_file.open_regular(path)
    except HistoryFileError:
        raise
    except ImportFileError as err:
        raise HistoryFileError(str(err)) from err
    with file:
        start = file.read(4)
        if start.startswith(b"PK"):
            file.seek(0)
            return _read_zip(path.name, file)
        if path.suffix.casefold() == ".zip":
            raise HistoryFileError(
                f"{path.name} is not a ZIP archive (it may be damaged or not fully "
                f"downloaded). {_REDOWNLOAD}"
            )
        # Its start tells its kind; only a file Relate reads is read whole.
        member = _Member(
            path.name,
            functools.partial(_read_from_start, file, _HEAD_BYTES),
            functools.partial(_read_from_start, file, -1, path.name),
        )
        return _assemble(path.name, iter([member]))


def _read_from_start(file: IO[bytes], limit: int, name: str = "") -> bytes:
    file.seek(0)
    return file.read(limit) if limit >= 0 else _read_capped(file, name, name)


def _read_zip(name: str, file: IO[bytes]) -> LinkedInArchive:
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_FILES:
                raise HistoryFileError(
                    f"{name} holds {len(infos):,} files: not LinkedIn's data export."
                )
            return _assemble(name, _zip_members(name, archive, infos))
    except HistoryFileError:
        raise
    except _DAMAGED as err:
        raise HistoryFileError(
            f"{name} is a damaged ZIP archive (it may not be fully downloaded). {_REDOWNLOAD}"
        ) from err


def _zip_members(
    name: str, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]
) -> Iterator[_Member | str]:
    """Each member, or its name alone when it is never to be opened (a place outside
    the archive, an encrypted one)."""
    for info in infos:
        if info.is_dir():
            continue
        if not _safe(info.filename) or info.flag_bits & 0x1:  # 0x1: encrypted
            yield info.filename
            continue
        yield _Member(
            info.filename,
            functools.partial(_read_member, name, archive, info, whole=False),
            functools.partial(_read_member, name, archive, info, whole=True),
        )


def _read_member(
    name: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, whole: bool
) -> bytes:
    """A member's start, or all of it (capped), inflated in memory."""
    try:
        with archive.open(info) as stream:
            if not whole:
                return stream.read(_HEAD_BYTES)
            return _read_capped(stream, info.filename, name)
    except NotImplementedError:  # a compression zipfile does not know: not read
        return b""
    except HistoryFileError:
        raise
    except _DAMAGED as err:
        raise HistoryFileError(
            f"{name} is damaged: {info.filename} in it cannot be read. {_REDOWNLOAD}"
        ) from err


def _folder_members(root: Path) -> Iterator[_Member | str]:
    count = 0
    for folder, folders, files in os.walk(root):  # symlinked folders are not followed
        folders.sort()
        for file_name in sorted(files):
            count += 1
            if count > MAX_FILES:
                raise HistoryFileError(
                    f"{root.name} holds more than {MAX_FILES:,} files: not a folder "
                    "unpacked from LinkedIn's data export. Choose that folder or its zip."
                )
            path = Path(folder, file_name)
            place = path.relative_to(root).as_posix()
            yield _Member(
                place,
                functools.partial(_read_file, path, _HEAD_BYTES, place, root.name),
                functools.partial(_read_file, path, -1, place, root.name),
            )


def _read_file(path: Path, limit: int, place: str, archive: str) -> bytes:
    try:
        return bounded_file.read_bounded(path, limit, MAX_MEMBER_BYTES)
    except ImportFileError:
        if limit < 0 and path.is_file() and path.stat().st_size > MAX_MEMBER_BYTES:
            raise HistoryFileError(_too_big(place, archive, MAX_MEMBER_BYTES)) from None
        return b""  # a pipe, a device, an unreadable file: listed, not read


def _read_capped(stream: IO[bytes], name: str, archive: str) -> bytes:
    """All of `stream` (the file `name` of `archive`), counting the bytes as they come:
    never more than MAX_MEMBER_BYTES + 1 are read, whatever a header said."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_CHUNK, MAX_MEMBER_BYTES + 1 - total)):
        total += len(chunk)
        if total > MAX_MEMBER_BYTES:
            raise HistoryFileError(_too_big(name, archive, MAX_MEMBER_BYTES))
        chunks.append(chunk)
    return b"".join(chunks)


def _safe(name: str) -> bool:
    """Whether a member's name stays inside the archive (no "..", no absolute path):
    never extracted, but a name like that is no file of LinkedIn's."""
    posix = name.replace("\\", "/")
    parts = posix.split("/")
    drive = len(name) > 1 and name[1] == ":"
    return not (posix.startswith("/") or drive or ".." in parts or "\x00" in name)


def _kind(member: _Member) -> str | None:
    """The KINDS value of a member, "" for another file of LinkedIn's export, None for a
    file that is not LinkedIn's at all."""
    base = PurePosixPath(member.name).name
    if not base.casefold().endswith(".csv"):
        return None
    try:
        text, _ = decode(member.head(), base, partial=True)
    except HistoryFileError:
        raise  # a damaged zip
    except ImportFileError:
        return None  # binary or empty
    if looks_like_connections(text):
        return CONNECTIONS
    try:
        columns = read_table(text, base).columns
    except HistoryFileError:
        return None
    known = linkedin_file(columns.keys(), base)
    if known is None:
        return None
    return _USUAL_NAMES.get(known.names[0], "")


def _assemble(name: str, members: Iterator[_Member | str]) -> LinkedInArchive:
    not_read: list[str] = []
    found: dict[str, list[_Member]] = {}
    from_linkedin = False
    for member in members:
        if isinstance(member, str):
            not_read.append(member)
            continue
        kind = _kind(member)
        from_linkedin = from_linkedin or kind is not None
        if kind:
            found.setdefault(kind, []).append(member)
        else:
            not_read.append(member.name)
    if not from_linkedin:
        raise HistoryFileError(
            f"{name} holds none of the files of LinkedIn's data export (Connections.csv, "
            "messages.csv, Invitations.csv…)."
        )
    files: dict[str, ArchiveFile] = {}
    total = 0
    for kind, candidates in found.items():
        chosen = _choose(kind, candidates)
        not_read.extend(m.name for m in candidates if m is not chosen)
        if chosen is None:
            continue
        data = chosen.whole()
        total += len(data)
        if total > MAX_TOTAL_BYTES:
            raise HistoryFileError(_too_big(name, name, MAX_TOTAL_BYTES))
        try:
            text, _ = decode(data, chosen.name)
        except ImportFileError:
            not_read.append(chosen.name)
            continue
        files[kind] = ArchiveFile(chosen.name, text)
    ordered = {kind: files[kind] for kind in KINDS if kind in files}
    return LinkedInArchive(name, ordered, sorted(not_read, key=str.casefold))


def _choose(kind: str, candidates: list[_Member]) -> _Member | None:
    """The file of a kind: the one with its usual name, else the first not named as a
    look-alike (an assistant's conversations are not your messages)."""
    usual = next(name for name, k in _USUAL_NAMES.items() if k == kind).casefold()
    others = _OTHER_NAMES.get(kind, frozenset())
    named = [m for m in candidates if PurePosixPath(m.name).name.casefold() == usual]
    rest = [m for m in candidates if PurePosixPath(m.name).name.casefold() not in others]
    return next(iter(named or rest), None)


def _too_big(what: str, archive: str, most: int) -> str:
    inside = "" if what == archive else f" in {archive}"
    return (
        f"{what}{inside} is larger than the {most // (1024 * 1024)} MB Relate reads of "
        "LinkedIn's data export."
    )
