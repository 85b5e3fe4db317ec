"""Mail archives read as exchanges: an mbox file (Gmail's Takeout, Thunderbird's folders),
a Maildir, a folder of .eml files or one .eml file.

Only each mail's headers are read (its body too when the user keeps bodies), as a
stream: a file of any size costs the memory of one chunk. A file or folder that is not
a mail archive is refused with HistoryFileError before any exchange is yielded.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from relate.history.exchanges import Exchange, HistoryFileError
from relate.history.mail_body import first_plain_text
from relate.history.mail_headers import exchange_from_headers, unreadable_exchange
from relate.history.mail_scan import HEADER_LINE, MailScanner, RawMail
from relate.importers import ImportFileError
from relate.importers.bounded_file import open_regular

MBOX = "mbox"
MAILDIR = "maildir"
EML_FOLDER = "eml folder"
EML = "eml"

Progress = Callable[[int, int], None]

# The start of a file read to tell its kind.
_SNIFF_BYTES = 64 * 1024
# Progress is told after this many mails (and at the end).
_PROGRESS_EVERY = 2000
# One of these among a file's first header lines says it is a mail.
_MAIL_HEADER = re.compile(
    rb"(?:from|to|date|subject|message-id|received|return-path|mime-version)[ \t]*:",
    re.IGNORECASE,
)
_WHAT_RELATE_READS = (
    "Relate reads an mbox file (as Gmail's Takeout or Thunderbird saves mail), "
    "a Maildir folder, a folder of .eml files or one .eml file."
)


def mail_kind(path: Path) -> str:
    """What kind of mail archive `path` is: MBOX, MAILDIR, EML_FOLDER or EML.
    HistoryFileError saying why when it is none (or holds no mail)."""
    if path.is_dir():
        kind = MAILDIR if (path / "cur").is_dir() or (path / "new").is_dir() else EML_FOLDER
        if next(iter(_message_files(path, kind)), None) is None:
            raise HistoryFileError(f"{_name(path)} holds no mail. {_WHAT_RELATE_READS}")
        return kind
    start = _start_of(path)
    if not start.strip():
        raise HistoryFileError(f"{path.name} is empty. {_WHAT_RELATE_READS}")
    sniffed = _sniff(start)
    if sniffed is None:
        raise HistoryFileError(f"{path.name} is not a mail archive. {_WHAT_RELATE_READS}")
    return sniffed


def read_mail(
    path: Path, *, keep_bodies: bool = False, progress: Progress | None = None
) -> Iterator[Exchange]:
    """The mails of the archive at `path`, in file order, each as an exchange (those to
    leave out too, with their `skip` said). `keep_bodies`: read each mail's first plain
    text too. `progress(done_bytes, total_bytes)` is told every few thousand mails and
    at the end. HistoryFileError, raised here before anything is read, when `path` is
    not a mail archive."""
    kind = mail_kind(path)
    if kind == MBOX:
        return _read_mbox(path, keep_bodies, progress)
    files = [(path, path.stat().st_size)] if kind == EML else list(_message_files(path, kind))
    return _read_files(files, keep_bodies, progress)


def _name(path: Path) -> str:
    return path.name or str(path)  # "." or "/" have no name


def _start_of(path: Path) -> bytes:
    try:
        with open_regular(path) as file:
            return file.read(_SNIFF_BYTES)
    except ImportFileError as err:
        raise HistoryFileError(str(err)) from err
    except OSError as err:
        raise HistoryFileError(f"{path.name} cannot be read: {err.strerror or err}.") from err


def _sniff(start: bytes) -> str | None:
    """MBOX when `start` begins with a separator line followed by a header, EML when it
    begins with mail headers, else None."""
    head = start.lstrip(b"\r\n")
    if head.startswith(b"From "):
        line_end = head.find(b"\n")
        return MBOX if line_end > 0 and HEADER_LINE.match(head, line_end + 1) else None
    lines = start.split(b"\n")
    if len(lines) > 1:
        lines.pop()  # perhaps cut by the sniff, or the empty rest after the last line end
    mail_like = False
    for number, line in enumerate(lines):
        if not line.rstrip(b"\r"):
            break
        if line[:1] in (b" ", b"\t") and number > 0:
            continue
        if not HEADER_LINE.match(line):
            return None
        mail_like = mail_like or _MAIL_HEADER.match(line) is not None
    return EML if mail_like else None


def _message_files(folder: Path, kind: str) -> Iterator[tuple[Path, int]]:
    """The message files of a Maildir (cur/, then new/) or of a folder of .eml files
    (its subfolders too), in name order, with their sizes."""
    if kind == MAILDIR:
        for sub in ("cur", "new"):
            yield from _files_in(folder / sub, lambda name: not name.startswith("."))
        return
    for top, subfolders, _ in os.walk(folder):
        subfolders.sort()
        yield from _files_in(Path(top), lambda name: name.lower().endswith(".eml"))


def _files_in(folder: Path, wanted: Callable[[str], bool]) -> Iterator[tuple[Path, int]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError:
        return
    for entry in entries:
        try:
            if wanted(entry.name) and entry.is_file():
                yield Path(entry.path), entry.stat().st_size
        except OSError:  # gone since it was listed
            continue


def _exchange(raw: RawMail, keep_bodies: bool, *, mbox: bool) -> Exchange:
    body = first_plain_text(raw.block, raw.body, mbox=mbox) if keep_bodies and raw.whole else ""
    return exchange_from_headers(raw.block, body=body, broken=not raw.whole)


def _read_mbox(path: Path, keep_bodies: bool, progress: Progress | None) -> Iterator[Exchange]:
    try:
        file = open_regular(path)
    except ImportFileError as err:
        raise HistoryFileError(str(err)) from err
    with file:
        total = os.fstat(file.fileno()).st_size
        scanner = MailScanner(file, keep_bodies=keep_bodies)
        count = 0
        try:
            for raw in scanner.mbox():
                yield _exchange(raw, keep_bodies, mbox=True)
                count += 1
                if progress is not None and count % _PROGRESS_EVERY == 0:
                    progress(scanner.done, total)
        except OSError as err:  # a disk error, or the file taken away, while it is read
            raise HistoryFileError(
                f"{path.name} could not be read to its end: {err.strerror or err}."
            ) from err
        if progress is not None:
            progress(scanner.done, max(total, scanner.done))


def _read_files(
    files: Iterable[tuple[Path, int]], keep_bodies: bool, progress: Progress | None
) -> Iterator[Exchange]:
    files = list(files)
    total = sum(size for _, size in files)
    done = 0
    for count, (path, size) in enumerate(files, 1):
        yield _read_file(path, keep_bodies)
        done += size
        if progress is not None and count % _PROGRESS_EVERY == 0:
            progress(done, total)
    if progress is not None:
        progress(done, total)


def _read_file(path: Path, keep_bodies: bool) -> Exchange:
    """The mail in one file; a file that cannot be read (gone, not allowed, not a
    regular file) is yielded as a broken message, so the others are still read."""
    try:
        with open_regular(path) as file:
            raw = MailScanner(file, keep_bodies=keep_bodies).single()
    except (ImportFileError, OSError):
        return unreadable_exchange(str(path))
    return _exchange(raw, keep_bodies, mbox=False)
