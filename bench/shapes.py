"""The two shapes of data the window is measured on.

- **mature**: the network `relate.demo.sample` makes (stages, tags, stories, about 1.5
  timeline entries a person), written through the core's bulk path by `generate.fill`.
- **first-day**: what a new user has after importing LinkedIn: N connections written
  through the LinkedIn importer from a `Connections.csv` (`connections.py`), every one
  at stage "connection", with no timeline, no tags and no follow-ups.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from connections import write_connections
from generate import fill

from relate.importers.batches import apply_plan
from relate.importers.sources import plan_file
from relate.store.db import close_database, open_database


def make_mature(path: Path, n: int, seed: int) -> None:
    """The mature network of n people at `path`."""
    fill(path, n, seed)


def make_first_day(path: Path, n: int, seed: int) -> None:
    """n LinkedIn connections imported into a new database at `path`."""
    export = path.with_name(f"{path.stem}-Connections.csv")
    write_connections(export, n, seed)
    open_database(path)
    try:
        apply_plan(plan_file(export, "linkedin"))
    finally:
        close_database()
        export.unlink()


SHAPES: dict[str, Callable[[Path, int, int], None]] = {
    "mature": make_mature,
    "first-day": make_first_day,
}
