"""Importers: each reads one kind of file into plain rows; `relate.importers.apply` plans
and applies them as one undoable batch."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


class ImportFileError(ValueError):
    """The file cannot be imported; the message names it and says what is wrong."""


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while an import builds its rows: they hold no cycles,
    and its passes over tens of thousands of new objects cost a third of a re-import.
    The pause is process-wide (the window's own garbage waits, for as long as an import
    takes) and nests: only the outermost one turns the collector back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
