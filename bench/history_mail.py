"""Mail history import, whole: `relate import mail MBOX` as a process, beside a plain
line-by-line read of the same file.

    python bench/history_mail.py [--messages 200000] [--repeat 3] [--seed 42] [--keep PATH]

The mbox is `mail_archive.py`'s (Gmail Takeout's shape, about 5 KB a mail); the database
holds its 3,000 correspondents as contacts, plus 27,000 others, and the user's own
address. Each run: the baseline (`for line in file: pass` in a process), then the import
into a copy of that database, then the same file again into a copy of the database it
left (which must add nothing). Medians of wall and CPU time and the peak resident memory
of each process. Targets (issue 19): a 1 GB mbox of 200,000 mails under 60 s, under
300 MB; unchanged, under half the time.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from import_run import bytecode_env  # noqa: E402
from mail_archive import MboxWriter, write_mbox  # noqa: E402

from relate.history.my_addresses import add_my_addresses  # noqa: E402
from relate.store import bulk  # noqa: E402
from relate.store.db import close_database, open_database  # noqa: E402

RELATE = (sys.executable, "-m", "ui.launcher")
Run = tuple[float, float, float, str]  # wall s, CPU s, peak RSS MB, what it printed
LINES = (
    sys.executable,
    "-c",
    "import sys\nwith open(sys.argv[1], 'rb') as f:\n    for line in f: pass",
)


def run_process(command: list[str], env: dict[str, str]) -> Run:
    """Wall, CPU seconds and peak RSS (MB) of one process, and what it printed."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, env=env,
        cwd=ROOT,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak = int(result.stderr.strip().splitlines()[-1]) / 1024
    return wall, cpu, peak, result.stdout


def contacts_database(path: Path, addresses: Iterable[tuple[str, str]], me: str) -> None:
    """A database of contacts with these (name, address) pairs, plus 27,000 others, and
    `me` as the user's own address."""
    open_database(path)
    known = [
        bulk.NewContact(*(name.split(" ", 1) + [""])[:2], emails=(address,))
        for name, address in addresses
    ]
    others = [
        bulk.NewContact(f"Other{n}", "Person", emails=(f"o{n}@x.example",)) for n in range(27_000)
    ]
    bulk.insert_contacts(known + others)
    add_my_addresses([me])
    close_database()


def import_runs(
    base: Path, command: Callable[[Path], list[str]], baseline: list[str], repeat: int,
    work: Path, env: dict[str, str],
) -> dict[str, list[Run]]:  # fmt: skip
    """`repeat` rounds of: the baseline process, the import into a copy of `base`, and
    the same import again into a copy of the database the first one left (which must
    add nothing)."""
    after = work / "after.sqlite"
    shutil.copy(base, after)
    print(run_process(command(after), env)[3], file=sys.stderr)
    runs: dict[str, list[Run]] = {}
    for n in range(repeat):
        print(f"run {n + 1} of {repeat}", file=sys.stderr)
        runs.setdefault("baseline", []).append(run_process(baseline, env))
        db = work / "run.sqlite"
        shutil.copy(base, db)
        runs.setdefault("first", []).append(run_process(command(db), env))
        shutil.copy(after, db)
        again = run_process(command(db), env)
        assert "nothing to add" in again[3], again[3]
        runs.setdefault("again", []).append(again)
    return runs


def print_medians(runs: dict[str, list[Run]], names: dict[str, str]) -> None:
    """Medians of wall, CPU and peak memory, one line per kind of run (`names`)."""
    print(f"{'':34} {'wall s':>8} {'cpu s':>8} {'peak MB':>8}")
    for key, name in names.items():
        wall, cpu, peak = (statistics.median(run[i] for run in runs[key]) for i in range(3))
        print(f"{name:34} {wall:8.2f} {cpu:8.2f} {peak:8.0f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--keep", type=Path, help="the mbox to reuse (written if missing)")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="relate-mail-bench-"))
    env = bytecode_env(work / "pycache")
    mbox = args.keep or work / "All mail.mbox"
    try:
        if not mbox.exists():
            write_mbox(mbox, args.messages, args.seed)
        print(f"mbox: {mbox.stat().st_size / 1e9:.2f} GB", file=sys.stderr)
        base = work / "base.sqlite"
        contacts_database(base, MboxWriter(args.seed).people, "me@example.org")

        def command(db: Path) -> list[str]:
            return [*RELATE, "--db", str(db), "import", "mail", str(mbox), "--no-backup"]

        runs = import_runs(base, command, [*LINES, str(mbox)], args.repeat, work, env)
        print_medians(
            runs,
            {
                "baseline": "for line in file: pass",
                "first": "relate import mail",
                "again": "  the same file again",
            },
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
