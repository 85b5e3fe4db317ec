"""Relate benchmark: bulk insert, search-as-you-type and list paging, each beside a raw baseline.

    python bench/run.py [--contacts 100000] [--queries 200] [--repeat 3] [--seed 42] [--json]

Every figure is the median over --repeat runs, measured next to its baseline in the same
run, so the ratio means something on a noisy machine. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import sys
import tempfile
import textwrap
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from generate import fill, make_people  # noqa: E402

from relate import contacts, queries  # noqa: E402
from relate.store import bulk, search  # noqa: E402
from relate.store.db import (  # noqa: E402
    PRAGMAS,
    checkpoint,
    close_database,
    defer_checkpoints,
    open_database,
)
from relate.validation import tag_key  # noqa: E402

BULK_TARGET_RATIO = 3.0
SEARCH_MEDIAN_TARGET_MS = 5.0
SEARCH_P95_TARGET_MS = 20.0
LIST_PAGE = 100
LIST_CALLS = 50  # calls per run for the list-page figure
FTS_COUNT_SQL = "SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?"
NO_MATCH = ("zzqx", "xqzv", "qqqjk", "xyzzyq", "vvkqz")
# Query kinds and their share of every 20 queries; PREFIX gives the prefix lengths.
QUERY_MIX = {"1 letter": 4, "2 letters": 5, "3 letters": 5, "word": 5, "no match": 1}
PREFIX = {"1 letter": 1, "2 letters": 2, "3 letters": 3}
SOURCES = ("name", "company", "position", "tags", "story")
_WORD = re.compile(r"[^\W_]+")  # how the unicode61 tokenizer splits text


@dataclass(frozen=True, slots=True)
class Figure:
    """One line of the report."""

    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    passed: bool | None = None  # None: informational

    @property
    def ratio(self) -> float | None:
        """value / baseline, when there is a baseline."""
        return self.value / self.baseline if self.baseline else None


# --------------------------------------------------------------------------- helpers


def log(message: str) -> None:
    """Progress on stderr, so --json output stays clean."""
    print(message, file=sys.stderr, flush=True)


def timed(action: Callable[..., object], *args: object) -> float:
    """Seconds taken by one call."""
    start = time.perf_counter()
    action(*args)
    return time.perf_counter() - start


def p95(values: Sequence[float]) -> float:
    """95th percentile, nearest rank."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def raw_connect(path: Path) -> sqlite3.Connection:
    """A stdlib connection with the core's pragmas, transactions handled explicitly."""
    conn = sqlite3.connect(path, isolation_level=None)
    for name, value in PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    return conn


def remove_database(path: Path) -> None:
    """Delete a database file and its WAL companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


@contextmanager
def opened(path: Path) -> Iterator[None]:
    """The core's database handle on `path` for the block."""
    open_database(path)
    try:
        yield
    finally:
        close_database()


def fresh_schema(path: Path) -> None:
    """Create an empty database with the real schema."""
    with opened(path):
        pass


def machine_facts(n: int) -> dict[str, object]:
    """What the numbers were measured on."""
    return {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "contacts": n,
    }


# --------------------------------------------------------------------------- bulk insert


@dataclass(frozen=True, slots=True)
class SchemaRows:
    """The storage work `bulk.insert_contacts` does, as plain tuples."""

    contacts: list[tuple[object, ...]]
    emails: list[tuple[int, str, int]]
    tags: list[tuple[str, str, str]]
    links: list[tuple[int, int]]
    fts: list[tuple[object, ...]]


CONTACT_SQL = (
    "INSERT INTO contact (id, first_name, last_name, company, position, linkedin_url, location,"
    " how_met, connected_on, stage, story, cadence_days, archived, import_batch_id, created_at,"
    " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
SCHEMA_SQL = {
    "contacts": CONTACT_SQL,
    "emails": "INSERT INTO contact_email (contact_id, address, rank) VALUES (?, ?, ?)",
    "tags": "INSERT INTO tag (name, key, category) VALUES (?, ?, ?)",
    "links": "INSERT INTO contact_tag (contact_id, tag_id) VALUES (?, ?)",
    "fts": "INSERT INTO contact_fts (rowid, name, company, position, location, tags, story)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)",
}


def raw_rows(people: Sequence[bulk.NewContact]) -> list[tuple[str, ...]]:
    """Baseline (a): six text columns per contact."""
    return [(p.first_name, p.last_name, p.company, p.position, p.location, p.story) for p in people]


def _contact_tuple(contact_id: int, p: bulk.NewContact, stamp: str) -> tuple[object, ...]:
    connected = p.connected_on.isoformat() if p.connected_on else None
    return (
        contact_id,
        p.first_name,
        p.last_name,
        p.company,
        p.position,
        p.linkedin_url,
        p.location,
        p.how_met,
        connected,
        p.stage,
        p.story,
        p.cadence_days,
        0,
        None,
        stamp,
        stamp,
    )


def schema_rows(people: Sequence[bulk.NewContact]) -> SchemaRows:
    """Baseline (b): the rows a fresh database ends up with, ids from 1."""
    stamp = time.strftime("%Y-%m-%d %H:%M:%S")
    tag_ids: dict[str, int] = {}
    tags: list[tuple[str, str, str]] = []
    rows = SchemaRows([], [], tags, [], [])
    for contact_id, p in enumerate(people, start=1):
        rows.contacts.append(_contact_tuple(contact_id, p, stamp))
        rows.emails.extend((contact_id, address, rank) for rank, address in enumerate(p.emails))
        for name in p.tags:
            key = tag_key(name)
            if key not in tag_ids:
                tag_ids[key] = len(tags) + 1
                tags.append((name, key, "interest"))
            rows.links.append((contact_id, tag_ids[key]))
        name = f"{p.first_name} {p.last_name}"
        fts = (contact_id, name, p.company, p.position, p.location, " ".join(p.tags), p.story)
        rows.fts.append(fts)
    return rows


def time_core_insert(path: Path, people: Sequence[bulk.NewContact]) -> float:
    """`bulk.insert_contacts` on a fresh database."""
    with opened(path):
        return timed(bulk.insert_contacts, people)


def _executemany_in_one_transaction(path: Path, batches: Sequence[tuple[str, list]]) -> float:
    conn = raw_connect(path)
    try:

        def work() -> None:
            conn.execute("BEGIN IMMEDIATE")
            for sql, rows in batches:
                conn.executemany(sql, rows)
            conn.execute("COMMIT")

        return timed(work)
    finally:
        conn.close()


def time_raw_rows(path: Path, rows: list[tuple[str, ...]]) -> float:
    """Baseline (a): bare six-column table, no indexes."""
    conn = raw_connect(path)
    conn.execute("CREATE TABLE person (first, last, company, position, location, story)")
    conn.close()
    return _executemany_in_one_transaction(
        path, [("INSERT INTO person VALUES (?, ?, ?, ?, ?, ?)", rows)]
    )


def time_raw_schema(path: Path, rows: SchemaRows) -> float:
    """Baseline (b): the same rows into the real schema, FTS index included."""
    fresh_schema(path)
    batches = [(sql, getattr(rows, field)) for field, sql in SCHEMA_SQL.items()]
    return _executemany_in_one_transaction(path, batches)


def table_counts(path: Path) -> tuple[int, ...]:
    """Row counts of the tables a bulk insert writes, to check two runs did the same work."""
    conn = raw_connect(path)
    try:
        tables = ("contact", "contact_email", "tag", "contact_tag", "contact_fts")
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)
    finally:
        conn.close()


def bulk_figures(workdir: Path, people: Sequence[bulk.NewContact], repeat: int) -> list[Figure]:
    """Figure 1: the core's bulk insert against baselines (a) and (b), interleaved."""
    rows_a, rows_b = raw_rows(people), schema_rows(people)
    runs: dict[str, list[float]] = {"core": [], "a": [], "b": []}
    for i in range(repeat):
        paths = {key: workdir / f"bulk-{key}-{i}.sqlite" for key in runs}
        runs["core"].append(time_core_insert(paths["core"], people))
        runs["a"].append(time_raw_rows(paths["a"], rows_a))
        runs["b"].append(time_raw_schema(paths["b"], rows_b))
        if i == 0 and table_counts(paths["core"]) != table_counts(paths["b"]):
            raise AssertionError("baseline (b) did not write the rows the core wrote")
        for path in paths.values():
            remove_database(path)
        log(f"  run {i + 1}: " + ", ".join(f"{k} {v[-1]:.3f} s" for k, v in runs.items()))
    core, a, b = (statistics.median(runs[key]) for key in ("core", "a", "b"))
    return [
        Figure(
            "bulk insert",
            core,
            "s",
            b,
            "raw same schema (b)",
            f"<= {BULK_TARGET_RATIO:g}x (b) [1]",
            core <= BULK_TARGET_RATIO * b,
        ),
        Figure("bulk insert", core, "s", a, "raw rows (a)", "[1]"),
    ]


# --------------------------------------------------------------------------- search


def _field_words(p: bulk.NewContact, source: str) -> list[str]:
    text = {
        "name": f"{p.first_name} {p.last_name}",
        "company": p.company,
        "position": p.position,
        "tags": " ".join(p.tags),
        "story": p.story,
    }[source]
    return _WORD.findall(text)


def _word(rng: random.Random, people: Sequence[bulk.NewContact], min_len: int) -> str:
    """A word from a random field of a random person, at least min_len characters long."""
    while True:
        words = _field_words(rng.choice(people), rng.choice(SOURCES))
        words = [w for w in words if len(w) >= min_len]
        if words:
            return rng.choice(words)


def query_kinds(count: int, rng: random.Random) -> list[str]:
    """count kinds in QUERY_MIX proportions, shuffled."""
    cycle = [kind for kind, share in QUERY_MIX.items() for _ in range(share)]
    kinds = [cycle[i % len(cycle)] for i in range(count)]
    rng.shuffle(kinds)
    return kinds


def make_queries(people: Sequence[bulk.NewContact], count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, text): 1-3 letter prefixes, whole words and a few that match nothing."""
    rng = random.Random(f"bench.queries:{seed}")
    out = []
    for i, kind in enumerate(query_kinds(count, rng)):
        if kind == "no match":
            text = NO_MATCH[i % len(NO_MATCH)]
        else:
            length = PREFIX.get(kind)
            text = _word(rng, people, length or 1)[:length]
        out.append((kind, text.lower()))
    return out


Samples = dict[str, list[float]]  # call name -> ms per query, in query order
STATS: dict[str, Callable[[Sequence[float]], float]] = {"median": statistics.median, "p95": p95}
RAW = "raw count"


def time_queries(calls: dict[str, Callable[[str], object]], texts: Sequence[str]) -> Samples:
    """One run: every call on every text, interleaved query by query."""
    samples: Samples = {key: [] for key in calls}
    for text in texts:
        for key, call in calls.items():
            samples[key].append(timed(call, text) * 1000)
    return samples


def median_of_runs(runs: Sequence[Samples], key: str, stat: str) -> float:
    """The median over runs of one statistic of one call."""
    return statistics.median(STATS[stat](run[key]) for run in runs)


def search_calls(conn: sqlite3.Connection, texts: Sequence[str]) -> dict[str, Callable]:
    """The core's two searches and the raw FTS5 count over the same MATCH expressions."""
    match = {text: search.fts_query(text) for text in texts}
    return {
        "search": queries.search_page,
        "all ids": queries.contact_ids,
        RAW: lambda text: conn.execute(FTS_COUNT_SQL, (match[text],)).fetchone()[0],
    }


def search_runs(path: Path, texts: Sequence[str], repeat: int) -> tuple[list[Samples], list[int]]:
    """Timed runs after one warm-up pass, and each query's raw match count."""
    conn = raw_connect(path)
    try:
        calls = search_calls(conn, texts)
        matches = [calls[RAW](text) for text in texts]
        time_queries(calls, texts)  # warm the page cache
        runs = []
        for i in range(repeat):
            runs.append(time_queries(calls, texts))
            stats = (f"{k} {median_of_runs(runs[-1:], k, 'median'):.2f} ms" for k in calls)
            log(f"  run {i + 1} (medians): " + ", ".join(stats))
    finally:
        conn.close()
    return runs, matches


def search_figures(runs: Sequence[Samples]) -> list[Figure]:
    """Figures 2 and 3: search latency against the raw FTS5 count."""
    figures = []
    for key, name in (("search", "search"), ("all ids", "search (all ids)")):
        for stat, limit in (("median", SEARCH_MEDIAN_TARGET_MS), ("p95", SEARCH_P95_TARGET_MS)):
            value, baseline = (median_of_runs(runs, k, stat) for k in (key, RAW))
            target, passed = (f"< {limit:g} ms", value < limit) if key == "search" else ("", None)
            figures.append(
                Figure(f"{name} {stat}", value, "ms", baseline, "raw FTS5 count", target, passed)
            )
    return figures


def search_by_kind(
    mix: Sequence[tuple[str, str]], runs: Sequence[Samples], matches: Sequence[int]
) -> dict[str, dict[str, float]]:
    """Per query kind: how many queries, median matches and median ms of each call."""
    per_query = {
        key: [statistics.median(run[key][i] for run in runs) for i in range(len(mix))]
        for key in runs[0]
    }
    out = {}
    for kind in QUERY_MIX:
        picked = [i for i, (k, _) in enumerate(mix) if k == kind]
        if picked:
            row = {"queries": len(picked), "matches": statistics.median(matches[i] for i in picked)}
            for key, values in per_query.items():
                row[f"{key} ms"] = statistics.median(values[i] for i in picked)
            out[kind] = row
    return out


def list_page_figure(repeat: int) -> Figure:
    """Figure 4: one screen of list rows from the middle of the name-sorted list."""
    ids = queries.contact_ids()
    middle = max(0, len(ids) // 2 - LIST_PAGE // 2)
    page = ids[middle : middle + LIST_PAGE]
    queries.summaries(page)  # warm up
    runs = [
        statistics.median(timed(queries.summaries, page) * 1000 for _ in range(LIST_CALLS))
        for _ in range(repeat)
    ]
    return Figure(f"list page ({len(page)} rows)", statistics.median(runs), "ms")


# --------------------------------------------------------------------------- edits

EDITS = 2000
EDITS_BETWEEN_PAUSES = 10
EDIT_TARGET_MS = 50.0


def time_edits(path: Path, upkeep: bool) -> tuple[list[float], list[float]]:
    """ms of each of EDITS `contacts.update_contact` calls on spread-out contacts and,
    with `upkeep` as the window does it (ui/session/idle_upkeep.py), of each merge step run in
    the pause after every few edits, followed there by a checkpoint (untimed: the window
    runs it on a worker thread)."""
    edits: list[float] = []
    steps: list[float] = []
    with opened(path):
        if upkeep:
            defer_checkpoints()
        ids = queries.contact_ids()
        for n in range(EDITS):
            who = ids[(n * 7919) % len(ids)]
            start = time.perf_counter()
            contacts.update_contact(who, company=f"Firm {n}")
            edits.append((time.perf_counter() - start) * 1000)
            if upkeep and n % EDITS_BETWEEN_PAUSES == EDITS_BETWEEN_PAUSES - 1:
                more = True
                while more:
                    start = time.perf_counter()
                    more = search.merge_step()
                    steps.append((time.perf_counter() - start) * 1000)
                checkpoint(path)
    return edits, steps


def edit_figures(workdir: Path, source: Path) -> list[Figure]:
    """Figure 5: the slowest edit in a long series, with and without idle upkeep."""
    results = {}
    for upkeep in (False, True):
        copy = workdir / f"edits-{upkeep}.sqlite"
        shutil.copy(source, copy)
        results[upkeep] = time_edits(copy, upkeep)
        remove_database(copy)
    (plain, _), (edits, steps) = results[False], results[True]
    worst, baseline = max(edits), max(plain)
    return [
        Figure(
            f"edit, worst of {EDITS}",
            worst,
            "ms",
            baseline,
            "same, no idle upkeep",
            f"< {EDIT_TARGET_MS:g} ms [2]",
            worst < EDIT_TARGET_MS,
        ),
        Figure(f"edit, p99 of {EDITS}", sorted(edits)[int(0.99 * EDITS)], "ms", None),
        Figure(f"idle merge step, worst of {len(steps)}", max(steps), "ms", None),
    ]


# --------------------------------------------------------------------------- report


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.3g}" if value < 100 else f"{value:.0f}"


def _result(figure: Figure) -> str:
    return "info" if figure.passed is None else "PASS" if figure.passed else "FAIL"


def format_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows of text cells as an aligned table under a ruled header."""
    rows = [header, *rows]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)


def figures_table(figures: Sequence[Figure]) -> str:
    """The figures as a text table."""
    header = ("figure", "value", "unit", "baseline", "vs", "ratio", "target", "result")
    rows = [
        (
            f.name,
            _number(f.value),
            f.unit,
            _number(f.baseline),
            f.baseline_name or "-",
            f"{f.ratio:.2f}x" if f.ratio else "-",
            f.target or "-",
            _result(f),
        )
        for f in figures
    ]
    return format_table(header, rows)


def kinds_table(by_kind: dict[str, dict[str, float]]) -> str:
    """Search latency by query kind, medians: where the time goes."""
    columns = list(next(iter(by_kind.values())))
    rows = [(kind, *(_number(row[c]) for c in columns)) for kind, row in by_kind.items()]
    return format_table(("query kind", *columns), rows)


FOOTNOTES = (
    "[1] Bulk insert is judged against (b): the same rows written with plain executemany"
    " into the real schema (indexes, unique constraint, foreign keys, e-mails, tag links)"
    " plus contact_fts, i.e. the same storage work without the core's Python layer."
    " (a) is six text columns into a bare table, the spec's ~0.27 s figure; its ratio is"
    " for reference only.",
    "Search baseline: SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ? on the same"
    " query strings (turned into FTS5 syntax by search.fts_query beforehand).",
    f"[2] {EDITS} contacts.update_contact calls (company) on contacts spread over the list, on"
    " a copy of the search database as the generator left it. After every"
    f" {EDITS_BETWEEN_PAUSES} edits a pause runs search.merge_step until it finds no work,"
    " then a checkpoint, as the window does once changes settle (ui/session/idle_upkeep.py, which"
    " also defers SQLite's own checkpoints); the baseline runs the same edits with SQLite's"
    " defaults, so FTS5 merges and checkpoints happen inside edits. The window adds ~10 ms"
    " to an edit (bench/ui_run.py).",
)


def report_text(facts: dict, figures: Sequence[Figure], extra: dict) -> str:
    """The human-readable report."""
    head = ", ".join(f"{k} {v}" for k, v in facts.items() if k != "platform")
    mix = ", ".join(f"{k}: {v}" for k, v in extra["query_mix"].items())
    phases = ", ".join(f"{k} {v:.1f} s" for k, v in extra["phases_s"].items())
    return "\n".join(
        [
            f"Relate benchmark: {head}",
            f"Platform: {facts['platform']}",
            f"Queries: {mix}; repeat {extra['repeat']} (medians over runs)",
            "",
            figures_table(figures),
            "",
            *(textwrap.fill(note, 100) for note in FOOTNOTES),
            "",
            "Search by query kind (medians; matches = raw FTS5 count):",
            kinds_table(extra["search_by_kind"]),
            "",
            textwrap.fill(f"Phases: {phases}", 100),
        ]
    )


def report_json(facts: dict, figures: Sequence[Figure], extra: dict) -> str:
    """The machine-readable report."""
    rows = [{**asdict(f), "ratio": f.ratio} for f in figures]
    return json.dumps({"machine": facts, "figures": rows, **extra}, indent=2)


# --------------------------------------------------------------------------- main


class Phases:
    """Wall time of each stage of the run, for 'where does the time go'."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block it wraps under `name`."""
        log(f"{name}...")
        start = time.perf_counter()
        yield
        self.seconds[name] = time.perf_counter() - start


def run(n: int, n_queries: int, repeat: int, seed: int) -> tuple[dict, list[Figure], dict]:
    """Measure everything in a temporary directory."""
    phases = Phases()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="relate-bench-") as tmp:
        workdir = Path(tmp)
        with phases.stage("generate people"):
            people = make_people(n, seed)
            mix = make_queries(people, n_queries, seed)
        with phases.stage("bulk insert"):
            figures += bulk_figures(workdir, people, repeat)
        search_db = workdir / "search.sqlite"
        with phases.stage("fill search database"):
            fill(search_db, n, seed)
        with phases.stage("search"), opened(search_db):
            runs, matches = search_runs(search_db, [text for _, text in mix], repeat)
            figures += search_figures(runs)
        with phases.stage("list page"), opened(search_db):
            figures.append(list_page_figure(repeat))
        with phases.stage("edits"):
            figures += edit_figures(workdir, search_db)
    counts = Counter(kind for kind, _ in mix)
    extra = {
        "repeat": repeat,
        "query_mix": {kind: counts[kind] for kind in QUERY_MIX if counts[kind]},
        "search_by_kind": search_by_kind(mix, runs, matches),
        "phases_s": phases.seconds,
    }
    return machine_facts(n), figures, extra


def main(argv: list[str] | None = None) -> int:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000, help="N (100000)")
    parser.add_argument("--queries", type=int, default=200, help="search queries (200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (3)")
    parser.add_argument("--seed", type=int, default=42, help="data and query seed (42)")
    parser.add_argument("--json", action="store_true", help="print a JSON object")
    args = parser.parse_args(argv)
    if args.contacts < 1 or args.queries < 1 or args.repeat < 1:
        parser.error("--contacts, --queries and --repeat must be at least 1")
    facts, figures, extra = run(args.contacts, args.queries, args.repeat, args.seed)
    print((report_json if args.json else report_text)(facts, figures, extra))
    return 0


if __name__ == "__main__":
    sys.exit(main())
