"""Benchmark data: N realistic contacts with tags and interactions, written by the core's bulk path.

A thin layer over `relate.demo.sample`, deterministic for (n, seed).

    python bench/generate.py --contacts 100000 --out /tmp/relate-100k.sqlite
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from relate import demo  # noqa: E402
from relate.demo import sample  # noqa: E402
from relate.store import bulk  # noqa: E402
from relate.store.db import close_database, open_database  # noqa: E402

DEFAULT_SEED = 42


@dataclass(frozen=True, slots=True)
class FillResult:
    """What `fill` wrote."""

    contacts: int
    interactions: int


def make_people(n: int, seed: int = DEFAULT_SEED) -> list[bulk.NewContact]:
    """n generated contacts, ready for `bulk.insert_contacts`."""
    return [demo.as_new_contact(person) for person in sample.generate_people(n, seed)]


def fill(
    path: str | Path,
    n: int,
    seed: int = DEFAULT_SEED,
    interactions: bool = True,
    per_person: float = 1.5,
) -> FillResult:
    """Create a new database file at `path` holding n contacts (and their timelines, about
    `per_person` entries each)."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} already exists; give a new file.")
    people = sample.generate_people(n, seed)
    open_database(path)
    try:
        ids = bulk.insert_contacts([demo.as_new_contact(person) for person in people])
        count = 0
        if interactions:
            entries = sample.generate_interactions(people, seed, per_person)
            count = bulk.insert_interactions(demo.as_new_interaction(e, ids) for e in entries)
    finally:
        close_database()
    return FillResult(len(ids), count)


def main(argv: list[str] | None = None) -> int:
    """Command line: write a benchmark database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="how many (100000)")
    parser.add_argument("--out", type=Path, required=True, help="new database file to create")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="generator seed (42)")
    parser.add_argument("--no-interactions", action="store_true", help="contacts only")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        result = fill(args.out, args.contacts, args.seed, not args.no_interactions)
    except FileExistsError as exc:
        parser.error(str(exc))
    print(
        f"Wrote {result.contacts} contacts and {result.interactions} interactions"
        f" to {args.out} in {time.perf_counter() - start:.1f} s."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
