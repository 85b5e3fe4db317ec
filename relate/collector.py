"""Pausing Python's cycle collector around work that makes many objects at once."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector while building many rows (an import, the sample
    network): they hold no cycles, and its passes over tens of thousands of new objects
    cost a third of a re-import. The pause is process-wide (the window's own garbage
    waits, for as long as the work takes) and nests: only the outermost one turns the
    collector back on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
