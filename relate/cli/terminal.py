"""Text on its way to a terminal: control characters are shown, never obeyed.

Imported names, notes and file names can hold escape sequences (`\\x1b]0;…\\x07` sets a
terminal's title, `\\x1b[2J` clears its screen). Everything a command prints goes
through `terminal_text`, so they print as `\\x1b]0;…\\x07`; what is stored keeps them.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO

# C0 controls but tab and line feed (the printers' own layout), DEL, and C1 controls
# (0x9b alone starts an escape sequence on some terminals).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In JSON, the controls json.dumps leaves as they are (it escapes those below 0x20).
_JSON_CONTROL = re.compile(r"[\x7f-\x9f]")


def terminal_text(text: str) -> str:
    """`text` with each control character but tab and line feed written out as `\\xNN`."""
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text)


def terminal_json(text: str) -> str:
    """JSON text with the control characters json.dumps leaves raw written as `\\uNNNN`
    escapes: the same JSON, safe to print."""
    return _JSON_CONTROL.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class TerminalStream:
    """A text stream that writes everything through `terminal_text`."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(terminal_text(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)  # flush, fileno, isatty, encoding…


@contextmanager
def terminal_output() -> Iterator[None]:
    """While it lasts, whatever is printed to stdout or stderr goes through
    `terminal_text`: one place for every printer of the command line."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalStream(out), TerminalStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
