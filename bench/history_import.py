"""LinkedIn history import speed: `relate import linkedin messages.csv` and the whole
archive, as whole processes, beside the interpreter's start-up and a raw CSV pass.

    python bench/history_import.py [--connections 30000] [--messages 100000]
                                   [--repeat 5] [--seed 42] [--json]

The data: `connections.py`'s realistic Connections.csv, and a messages.csv (current
shape) of `--messages` rows: conversations with a tenth of the connections, a handful
to a few hundred messages each over three years, both ways, some groups, some of
LinkedIn's own and sponsored messages. Each run: the baselines (`python -c pass`, a
csv.reader pass over messages.csv), then
- messages: the messages read into a copy of a database that holds the connections;
- again: the same file on a copy of the database that left (which must add nothing);
- archive: the zip of both files into a new database (connections and history at once).
Medians of wall and CPU time over --repeat runs, interleaved with their baselines.
Targets (issue 19): messages.csv of 100,000 rows under 5 s; unchanged, under half that.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import random
import shutil
import statistics
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from connections import connections, export_text  # noqa: E402
from import_run import bytecode_env  # noqa: E402
from import_speed import BARE, CSV_PASS, RELATE, Timing, _fresh_folder, timed_process  # noqa: E402
from run import Figure, figures_table, log, machine_facts, report_json  # noqa: E402

TARGET_S = 5.0
ME, MY_URL = "Jordan Pike", "https://www.linkedin.com/in/jordan-pike-bench"
HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)
START = dt.datetime(2023, 12, 1, 8, 0, tzinfo=dt.UTC)
# Every message in the past, so that a re-import finds the same ones (a message dated
# after the moment of reading is "still to come", and the moment moves between runs).
LAST = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def message_row(
    conversation: str,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    when: dt.datetime,
    content: str,
    *,
    title: str = "",
    subject: str = "",
    folder: str = "INBOX",
) -> list[str]:
    """One row of messages.csv (current shape): `sender` and each of `to` are (name,
    profile URL) pairs, `when` in UTC, written as LinkedIn does ("2025-04-22 08:18:59 UTC")."""
    names = ", ".join(name for name, _ in to)
    urls = ",".join(url for _, url in to)
    stamp = f"{when.astimezone(dt.UTC):%Y-%m-%d %H:%M:%S} UTC"
    return [conversation, title, *sender, names, urls, stamp, subject, content, folder]


def messages_text(people: list[tuple[str, str]], rows: int, seed: int) -> str:
    """A messages.csv of about `rows` messages with `people` ((name, url) pairs)."""
    rng = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER.split(","))
    written = 0
    conversation = 0
    while written < rows:
        conversation += 1
        cid = f"2-{conversation:08x}"
        if conversation % 50 == 0:  # LinkedIn's own and sponsored messages
            when = START + dt.timedelta(minutes=rng.randrange(1_500_000))
            writer.writerow(
                message_row(cid, ("Ada Recruiter", ""), [(ME, MY_URL)], when, "Hello",
                            title="Sponsored Conversation")
            )  # fmt: skip
            written += 1
            continue
        others = rng.sample(people, 3 if conversation % 40 == 0 else 1)
        when = START + dt.timedelta(minutes=rng.randrange(1_500_000))
        for _ in range(min(rows - written, rng.choice((2, 5, 12, 30, 80)))):
            when = min(LAST, when + dt.timedelta(minutes=rng.choice((3, 30, 600, 2880, 20000))))
            mine = rng.random() < 0.5
            sender = (ME, MY_URL) if mine else others[0]
            to = others if mine else [(ME, MY_URL)]
            body = " ".join(rng.choice(("Thanks", "great", "meeting", "next week?", "deal"))
                            for _ in range(rng.randrange(3, 40)))  # fmt: skip
            writer.writerow(message_row(cid, sender, to, when, body))
            written += 1
    return out.getvalue()


def _import(db: Path, path: Path) -> list[str]:
    return [*RELATE, "--db", str(db), "import", "linkedin", str(path), "--no-backup"]


def _checked(timing: Timing, expected: str, what: str) -> Timing:
    if expected not in timing.output:
        raise AssertionError(f"{what} said {timing.output!r}, not {expected!r}")
    return timing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="relate-history-bench-"))
    env = bytecode_env(work / "pycache")
    try:
        found = connections(args.connections, args.seed)
        linked = found[: max(1, len(found) // 10)]
        people = [(f"{c.first_name} {c.last_name}", c.url) for c in linked]
        connections_csv = work / "Connections.csv"
        connections_csv.write_text(export_text(found), encoding="utf-8")
        messages_csv = work / "messages.csv"
        messages_csv.write_text(messages_text(people, args.messages, args.seed), "utf-8")
        archive = work / "Basic_LinkedInDataExport.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            zipped.write(connections_csv, "Connections.csv")
            zipped.write(messages_csv, "messages.csv")
        log(f"messages.csv: {messages_csv.stat().st_size / 1e6:.1f} MB")
        base = _fresh_folder(work / "base") / "relate.sqlite"
        timed_process(_import(base, connections_csv), env)
        after = _fresh_folder(work / "after") / "relate.sqlite"
        shutil.copy(base, after)
        log(timed_process(_import(after, messages_csv), env).output)
        runs: dict[str, list[Timing]] = {}
        for n in range(args.repeat):
            log(f"run {n + 1} of {args.repeat}")
            runs.setdefault("bare", []).append(timed_process(BARE, env))
            runs.setdefault("csv", []).append(
                timed_process([*CSV_PASS, str(messages_csv)], env)
            )
            db = _fresh_folder(work / "run") / "relate.sqlite"
            shutil.copy(base, db)
            first = timed_process(_import(db, messages_csv), env)
            runs.setdefault("messages", []).append(_checked(first, "(import", "the import"))
            db = _fresh_folder(work / "run") / "relate.sqlite"
            shutil.copy(after, db)
            again = timed_process(_import(db, messages_csv), env)
            runs.setdefault("again", []).append(_checked(again, "nothing", "the re-import"))
            db = _fresh_folder(work / "run") / "relate.sqlite"
            whole = timed_process(_import(db, archive), env)
            runs.setdefault("archive", []).append(_checked(whole, "(import", "the archive"))
        results: list[Figure] = []
        for clock in ("wall", "cpu"):

            def median(key: str, clock: str = clock) -> float:
                return statistics.median(getattr(t, clock) for t in runs[key])

            bare, csv_pass = median("bare"), median("csv")
            judged = clock == "wall"
            results += [
                Figure(f"python -c pass ({clock})", bare, "s"),
                Figure(f"csv.reader pass over messages.csv ({clock})", csv_pass, "s", bare,
                       "python -c pass"),
                Figure(f"messages.csv read into the timeline ({clock})", median("messages"),
                       "s", csv_pass, "csv pass", f"< {TARGET_S:g} s" if judged else "",
                       median("messages") < TARGET_S if judged else None),
                Figure(f"  the same file again, adds nothing ({clock})", median("again"), "s",
                       median("messages"), "first", f"< {TARGET_S / 2:g} s" if judged else "",
                       median("again") < TARGET_S / 2 if judged else None),
                Figure(f"the archive zip into a new database ({clock})", median("archive"),
                       "s", csv_pass, "csv pass"),
            ]  # fmt: skip
        facts = machine_facts(args.connections)
        extra = {"connections": args.connections, "messages": args.messages,
                 "repeat": args.repeat}  # fmt: skip
        if args.json:
            print(report_json(facts, results, extra))
        else:
            print(figures_table(results))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
