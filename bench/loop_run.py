"""Relate benchmark: the networking loop's read views (the dashboard, later Today) at scale.

    python bench/loop_run.py [--contacts 100000] [--per-person 5] [--repeat 7] [--db PATH]

Builds a database of N contacts with about 5 timeline entries each and a stage history
(or reuses the file given with --db, building it there first if it is missing), then
times each view: the median of --repeat calls after one warm-up call. Progress goes to
stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from generate import DEFAULT_SEED, fill  # noqa: E402
from run import Figure, figures_table, log, machine_facts, opened  # noqa: E402

from relate import introduction_ideas, network_stats, today  # noqa: E402
from relate.demo import sample  # noqa: E402
from relate.store.db import db  # noqa: E402
from relate.vocabulary import STAGES  # noqa: E402

HEALTH_TARGET_MS = 300.0
TODAY_TARGET_MS = 100.0
HISTORY_DAYS = 2 * 365  # stage moves happen in the two years the timelines cover


@dataclass(frozen=True, slots=True)
class View:
    """One read to time: a name, the call, and its target (None: informational)."""

    name: str
    call: Callable[[], object]
    target_ms: float | None = None


# --------------------------------------------------------------------------- the views
# The views timed, in report order. Add a view by appending to this list.


def views(on: dt.date) -> list[View]:
    """What is timed, as of `on` (the data's reference date)."""
    timed = [
        View("network health", lambda: network_stats.network_health(on), HEALTH_TARGET_MS),
        View("  funnel", lambda: network_stats.funnel(on)),
        View("  weekly bars", lambda: network_stats.weekly(on)),
        View("  cadence kept", lambda: network_stats.cadence_kept(on)),
        View("today view", lambda: today.today_view(on), TODAY_TARGET_MS),
        View("  ideas", lambda: introduction_ideas.introduction_ideas(on, limit=5)),
    ]
    return timed


# --------------------------------------------------------------------------- the data


def add_stage_history(seed: int = DEFAULT_SEED) -> int:
    """Write the stage moves that brought every contact to its stage, one step at a time,
    dated between connecting (at most two years back) and the reference date. Bulk
    inserts set the stage directly, so the trigger that keeps this history never ran."""
    rng = random.Random(f"bench.loop_run.stage_history:{seed}")
    end = sample.REFERENCE_DATE.toordinal()
    rows = []
    query = "SELECT id, stage, connected_on FROM contact WHERE stage <> ? ORDER BY id"
    for contact_id, stage, connected_on in db.execute_sql(query, (STAGES[0],)).fetchall():
        start = max(end - HISTORY_DAYS, dt.date.fromisoformat(connected_on).toordinal())
        steps = STAGES.index(stage)
        days = sorted(rng.randint(start, end) for _ in range(steps))
        for step, day in enumerate(days):
            rows.append(
                (contact_id, STAGES[step], STAGES[step + 1], dt.date.fromordinal(day).isoformat())
            )
    with db.atomic():
        db.connection().executemany(
            "INSERT INTO stage_change (contact_id, from_stage, to_stage, changed_on)"
            " VALUES (?, ?, ?, ?)",
            rows,
        )
    return len(rows)


def build(path: Path, n: int, per_person: float, seed: int) -> None:
    """A new database at `path`: contacts, timelines, stage history."""
    log(f"building {path}: {n:,} contacts, about {per_person:g} entries each...")
    start = time.perf_counter()
    result = fill(path, n, seed, per_person=per_person)
    with opened(path):
        moves = add_stage_history(seed)
    log(
        f"  {result.contacts:,} contacts, {result.interactions:,} interactions,"
        f" {moves:,} stage moves in {time.perf_counter() - start:.1f} s"
    )


def table_sizes() -> dict[str, int]:
    """Rows in the tables the views read."""
    return {
        table: db.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("contact", "interaction", "stage_change")
    }


# --------------------------------------------------------------------------- timing


def median_ms(call: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` timed calls, after one untimed warm-up."""
    call()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(path: Path, repeat: int, on: dt.date) -> tuple[dict[str, int], list[Figure]]:
    """Time every view on the database at `path`."""
    figures = []
    with opened(path):
        sizes = table_sizes()
        for view in views(on):
            log(f"timing {view.name.strip()}...")
            value = median_ms(view.call, repeat)
            target = view.target_ms
            figures.append(
                Figure(
                    view.name,
                    value,
                    "ms",
                    target=f"< {target:g} ms" if target else "",
                    passed=None if target is None else value < target,
                )
            )
    return sizes, figures


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="N (100000)")
    parser.add_argument(
        "--per-person", type=float, default=5.0, help="timeline entries per contact (5)"
    )
    parser.add_argument("--repeat", type=int, default=7, help="timed calls per view (7)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="data seed (42)")
    parser.add_argument("--db", type=Path, help="database to reuse (built there if missing)")
    args = parser.parse_args(argv)
    if args.contacts < 1 or args.repeat < 1 or args.per_person < 0:
        parser.error("--contacts and --repeat must be at least 1, --per-person at least 0")
    on = sample.REFERENCE_DATE  # the generated timelines end there
    with tempfile.TemporaryDirectory(prefix="relate-loop-") as tmp:
        path = args.db or Path(tmp) / "loop.sqlite"
        if path.exists():
            log(f"reusing {path}")
        else:
            build(path, args.contacts, args.per_person, args.seed)
        sizes, figures = measure(path, args.repeat, on)
    facts = machine_facts(sizes["contact"])
    head = ", ".join(f"{k} {v}" for k, v in facts.items() if k != "platform")
    print(f"Relate loop benchmark: {head}")
    print(
        f"Data: {sizes['interaction']:,} interactions, {sizes['stage_change']:,} stage moves;"
        f" as of {on}; median of {args.repeat} calls after a warm-up"
    )
    print()
    print(figures_table(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
