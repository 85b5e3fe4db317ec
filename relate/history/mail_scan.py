"""Mails cut out of a byte stream, a chunk at a time: the messages of an mbox file, or the
one message of an .eml or Maildir file.

Only a mail's header block is kept; its body is passed over (or kept up to
`mail_body.MAX_RAW_BODY_BYTES` when bodies are wanted), so the memory a file costs is
one chunk and one header block, however large the file and its attachments.

An mbox separator is a line starting "From " that follows a blank line (or starts the
file), or that has the date of a separator ("From x Mon Jan  1 10:00:00 2024": some
writers leave no blank line before it), and that is followed by a header line. Mboxrd and
mboxo quote a body's "From " lines as ">From ", so they never split a mail; and a body
line "From ..." that a writer left unquoted splits one only when it follows a blank line
and a line like a header follows it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from typing import BinaryIO

from relate.history.mail_body import MAX_RAW_BODY_BYTES

# A header block larger than this is not read: the mail is skipped as broken.
MAX_HEADER_BYTES = 256 * 1024
_CHUNK = 1024 * 1024
# A field name and its colon, as a header line starts (RFC 5322: printable, no colon).
HEADER_LINE = re.compile(rb"[!-9;-~]{1,200}[ \t]*:")
_HEADERS_END = re.compile(rb"\n\r?\n")
# A separator line's sender and asctime date, as mbox writers put them.
_SEPARATOR_DATE = re.compile(
    rb"From \S*[ \t]+(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) "
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d"
)
_SEPARATOR = b"\nFrom "
# Bytes looked at past a separator line, for the header that must follow it.
_LOOKAHEAD = 256
_MAX_SEPARATOR_LINE = 4096
_LF, _CR = 0x0A, 0x0D


@dataclasses.dataclass(frozen=True, slots=True)
class RawMail:
    """One mail as read: its header block (each line with its line end, without the
    blank line after), its raw body ("" unless kept) and whether the block is whole
    (False: it was larger than MAX_HEADER_BYTES and was cut)."""

    block: bytes
    body: bytes
    whole: bool


class MailScanner:
    """Reads the mails of a binary file opened by the caller; `done` is how many of its
    bytes are passed."""

    def __init__(self, file: BinaryIO, *, keep_bodies: bool = False) -> None:
        self._file = file
        self._keep = keep_bodies
        self._buf = b""
        self._pos = 0  # the next byte to look at, in _buf
        self._base = 0  # where _buf starts in the file
        self._eof = False

    @property
    def done(self) -> int:
        return self._base + self._pos

    def mbox(self) -> Iterator[RawMail]:
        """The mails of an mbox file whose first line is a separator. A mail cut off by
        the end of the file is given when its header block is whole."""
        self._more()
        while self._pos < len(self._buf) and self._buf[self._pos] in b"\r\n":
            self._pos += 1
        if not self._skip_line():
            return
        while True:
            read = self._headers(file_end_closes=False)
            if read is None:
                return
            block, whole = read
            body, more = self._body()
            yield RawMail(block, body, whole)
            if not more:
                return

    def single(self) -> RawMail:
        """The one mail of an .eml or Maildir file (its header block ends at the end of
        the file when nothing follows it); an mbox "From " line first is passed over."""
        self._more()
        if self._buf.startswith(b"From "):
            self._skip_line()
        read = self._headers(file_end_closes=True)
        block, whole = read if read is not None else (b"", True)
        body = self._rest() if self._keep and whole else b""
        return RawMail(block, body, whole)

    def _more(self) -> bool:
        """Reads one more chunk, dropping the bytes passed but the three before _pos
        (a separator's check looks back over them)."""
        if self._eof:
            return False
        chunk = self._file.read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        drop = max(0, self._pos - 3)
        self._buf = self._buf[drop:] + chunk
        self._pos -= drop
        self._base += drop
        return True

    def _skip_line(self) -> bool:
        while True:
            end = self._buf.find(b"\n", self._pos)
            if end >= 0:
                self._pos = end + 1
                return True
            self._pos = len(self._buf)
            if not self._more():
                return False

    def _headers(self, *, file_end_closes: bool) -> tuple[bytes, bool] | None:
        """The header block from _pos, _pos moved past the blank line after it; None when
        the file ends first (unless `file_end_closes`: then the block is what is left)."""
        searched = 0  # bytes past _pos already searched
        while True:
            buf, pos = self._buf, self._pos
            if buf.startswith(b"\n", pos) or buf.startswith(b"\r\n", pos):
                self._pos = buf.index(b"\n", pos) + 1
                return b"", True
            end = _HEADERS_END.search(buf, max(pos, pos + searched - 2))
            if end is not None and end.start() + 1 - pos <= MAX_HEADER_BYTES:
                self._pos = end.end()
                return buf[pos : end.start() + 1], True
            if len(buf) - pos > MAX_HEADER_BYTES:  # left where it is: the body search skips it
                cut = buf.rfind(b"\n", pos, pos + MAX_HEADER_BYTES) + 1
                return buf[pos : max(cut, pos)], False
            searched = len(buf) - pos
            if not self._more():
                if file_end_closes or len(buf) == pos:
                    self._pos = len(buf)
                    return (buf[pos:], True) if buf[pos:].strip() else None
                return None

    def _body(self) -> tuple[bytes, bool]:
        """The body from _pos (kept only when asked), up to the next separator, _pos
        moved past that separator's line; and whether another mail follows."""
        kept: list[bytes] = []
        room = MAX_RAW_BODY_BYTES if self._keep else 0
        while True:
            buf, pos = self._buf, self._pos
            at = buf.find(_SEPARATOR, max(pos - 1, 0))
            while at >= 0:
                verdict = self._separator_at(at)
                if verdict is None:  # its line, or the line after, is not read yet
                    break
                if verdict:
                    room = _keep(kept, buf[pos : at + 1], room)
                    self._pos = buf.index(b"\n", at + 1) + 1
                    return b"".join(kept), True
                at = buf.find(_SEPARATOR, at + 1)
            # Up to a candidate not yet judged, or up to a possible partial "\nFrom ".
            stop = max(at, pos) if at >= 0 else max(pos, len(buf) - len(_SEPARATOR))
            room = _keep(kept, buf[pos:stop], room)
            self._pos = stop
            if not self._more() and at < 0:  # (a candidate left is judged now at the end)
                _keep(kept, self._buf[self._pos :], room)
                self._pos = len(self._buf)
                return b"".join(kept), False

    def _separator_at(self, at: int) -> bool | None:
        """Whether the "\\nFrom " at `at` starts a separator line; None when that cannot
        be told until more of the file is read."""
        buf = self._buf
        after_blank = at >= 1 and (
            buf[at - 1] == _LF or (at >= 2 and buf[at - 1] == _CR and buf[at - 2] == _LF)
        )
        if not (after_blank or _SEPARATOR_DATE.match(buf, at + 1)):
            return False
        line_end = buf.find(b"\n", at + 1, at + 1 + _MAX_SEPARATOR_LINE)
        if line_end < 0:
            if self._eof or len(buf) - at > _MAX_SEPARATOR_LINE:
                return False
            return None
        if len(buf) - line_end < _LOOKAHEAD and not self._eof:
            return None
        return HEADER_LINE.match(buf, line_end + 1) is not None

    def _rest(self) -> bytes:
        """The rest of the file, up to MAX_RAW_BODY_BYTES."""
        kept: list[bytes] = []
        room = _keep(kept, self._buf[self._pos :], MAX_RAW_BODY_BYTES)
        while room > 0:
            chunk = self._file.read(min(_CHUNK, room))
            if not chunk:
                break
            room = _keep(kept, chunk, room)
        return b"".join(kept)


def _keep(kept: list[bytes], data: bytes, room: int) -> int:
    """Adds to `kept` what of `data` fits in `room` bytes; the room left."""
    if room > 0 and data:
        kept.append(data[:room])
        room -= min(len(data), room)
    return room
