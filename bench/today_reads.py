"""Relate benchmark: what reading Today costs after a change, as the window does it.

    python bench/today_reads.py [--contacts 100000] [--repeat 7] [--seed 42] [--keep DIR]

On both shapes of data (`shapes.py`: the mature network, the first day of N LinkedIn
connections), times `today.today_view` as the Today page asks for it (10 rows a
section, introduction ideas) and as the tray alone would (5 rows, no ideas), and the
ideas by themselves: the median of --repeat calls after one warm-up, the calls
interleaved so a busy machine treats them alike. --keep DIR keeps the databases there
(and reuses them on the next run). Progress goes to stderr, the report to stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from run import log, machine_facts, opened  # noqa: E402
from shapes import SHAPES  # noqa: E402

from relate import introduction_ideas, today  # noqa: E402

PAGE_ROWS, TRAY_ROWS = 10, 5  # ui.pages.today_page.ROWS_PER_SECTION, ui.desktop.tray.TRAY_ROWS


def reads() -> dict[str, Callable[[], object]]:
    """What is timed, by name."""
    return {
        "page read (10 rows, ideas)": lambda: today.today_view(limit=PAGE_ROWS),
        "tray read (5 rows, no ideas)": lambda: today.today_view(limit=TRAY_ROWS, ideas=0),
        "  ideas alone": lambda: introduction_ideas.introduction_ideas(
            today.dt.date.today(), limit=5
        ),
    }


def measure(path: Path, repeat: int) -> dict[str, float]:
    """Median milliseconds of each read on the database at `path`."""
    timed = reads()
    runs: dict[str, list[float]] = {name: [] for name in timed}
    with opened(path):
        for call in timed.values():
            call()  # warm-up: the file in the page cache, the statements prepared
        for _ in range(repeat):
            for name, call in timed.items():
                start = time.perf_counter()
                call()
                runs[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in runs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the databases here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relate-today-reads-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        facts = machine_facts(args.contacts)
        print(", ".join(f"{key} {value}" for key, value in facts.items()))
        print(f"medians of {args.repeat} runs, ms")
        for shape, make in SHAPES.items():
            path = folder / f"{shape}-{args.contacts}-{args.seed}.sqlite"
            if not path.exists():
                log(f"{shape}: making {args.contacts:,} contacts")
                make(path, args.contacts, args.seed)
            log(f"{shape}: timing")
            for name, ms in measure(path, args.repeat).items():
                print(f"{shape:<10} {name:<30} {ms:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
