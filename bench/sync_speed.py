"""Two-way CardDAV sync against a local Radicale, beside plain HTTP doing the same requests.

    python bench/sync_speed.py [--cards 5000] [--known 1000] [--local-only 2000]
                               [--repeat 3] [--rounds 5] [--seed 42] [--profile FILE] [--json]

Each run starts Radicale in this process on loopback with a new folder
(`tests/sync_servers.py`, as the tests do), fills a book with --cards phone cards
(`tests/sync_cards.py`: 1-3 e-mails, labelled phones, ORG, TITLE, a 10 KB photo on one
in five, the phone's X- properties) and makes a new Relate database holding --known of
those people (by one of their e-mail addresses) and --local-only others. Then it times:

- the first sync (both ways: every card read and matched or added, the known contacts'
  other fields and the local-only contacts sent), split by its progress calls into
  reading and merging, then writing; beside plain httpx on a twin of the book: a
  sync-collection REPORT and a multiget of every card (100 a request, as the client
  reads), and as many PUTs as the sync made (the median of 40 of each kind, times
  the sync's number);
- --rounds times each: a sync with nothing changed (beside the sync-collection REPORT
  alone), after a phone changed one card (beside the REPORT and a one-card multiget),
  after one contact changed here (beside the REPORT and one PUT).

Radicale runs in this process, so every figure (baselines included) holds the server's
work too; it takes about half a second for each new card put in a book of 5,000 (it
reads every card to check the UID), so the default run spends most of its quarter of
an hour there: `--local-only 100` for a quicker one. Medians over the runs (and
rounds); progress on stderr, the report on stdout. Targets (issue 21): a first sync of
5,000 cards under 60 s, nothing changed under 1 s, one contact changed (either side)
under 2 s.
"""

from __future__ import annotations

import argparse
import cProfile
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from run import Figure, figures_table, log, machine_facts, opened, report_json, timed  # noqa: E402

from relate import contacts  # noqa: E402
from relate.address_books.books import add_book, get_book  # noqa: E402
from relate.store import bulk  # noqa: E402
from relate.store.db import execute  # noqa: E402
from relate.sync.dav_xml import DAV, addressbook_multiget, propfind, sync_collection  # noqa: E402
from relate.sync.engine import SyncReport, sync_book  # noqa: E402
from tests.sync_cards import Shared, shared_people  # noqa: E402
from tests.sync_servers import Server, radicale_server  # noqa: E402

FIRST_TARGET_S, NOTHING_TARGET_S, ONE_TARGET_S = 60.0, 1.0, 2.0
MULTIGET = 100  # cards a request, as relate.sync.carddav.BATCH
TWIN = "twin"  # a second book holding the same cards, for the baselines
WRITE_SAMPLES = 40
_HREF = re.compile(r"<(?:[A-Za-z0-9]+:)?href>([^<]+)</")
_TITLE = re.compile(r"^TITLE[;:].*$", re.MULTILINE)


class Plain:
    """The baseline: the sync's requests made with a bare httpx client."""

    def __init__(self, server: Server, url: str) -> None:
        self.server, self.url = server, url
        self.http = httpx.Client(auth=(server.user, server.password), timeout=120)

    def _dav(self, method: str, url: str, body: bytes, depth: str) -> str:
        headers = {"Depth": depth, "Content-Type": "application/xml; charset=utf-8"}
        reply = self.http.request(method, url, content=body, headers=headers)
        assert reply.status_code == 207, reply.text
        return reply.text

    def listing(self) -> list[str]:
        """Every card's path (a PROPFIND one level deep)."""
        text = self._dav("PROPFIND", self.url, propfind((DAV, "getetag")), "1")
        return [href for href in _HREF.findall(text) if href.endswith(".vcf")]

    def multiget(self, paths: list[str]) -> None:
        for start in range(0, len(paths), MULTIGET):
            self._dav(
                "REPORT", self.url, addressbook_multiget(paths[start : start + MULTIGET]), "1"
            )

    def changes(self, token: str | None) -> list[str]:
        """The paths changed since `token` (a sync-collection REPORT)."""
        text = self._dav("REPORT", self.url, sync_collection(token, (DAV, "getetag")), "0")
        return [href for href in _HREF.findall(text) if href.endswith(".vcf")]

    def put(self, url: str, card: str, etag: str | None = None) -> None:
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        if etag:
            headers["If-Match"] = etag
        reply = self.http.put(url, content=card.encode(), headers=headers)
        assert reply.status_code in (201, 204), reply.text


@contextmanager
def prepared(folder: Path, shared: Shared) -> Iterator[tuple[Server, str, int]]:
    """Radicale holding the phone's book (and its twin, for the baselines), and a new
    database knowing some of its people with the book connected: the server, the
    book's address and the book's id."""
    with radicale_server(folder) as server, opened(folder / "relate.sqlite"):
        url = server.fill_book([card.vcard for card in shared.cards])
        server.fill_book([card.vcard for card in shared.cards], TWIN)
        bulk.insert_contacts(shared.known + shared.local_only)
        book = add_book(url, server.url, server.user, "Phone", incremental=True)
        yield server, url, book.id


class Phases:
    """When each part of a sync ended, from its progress calls: the server's cards read,
    merged here, the writes made."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.marks: dict[str, float] = {}

    def __call__(self, what: str, _done: int, _total: int) -> None:
        self.marks.setdefault(what, time.perf_counter())

    def split(self) -> tuple[float, float, float]:
        """Seconds reading, merging and writing."""
        end = time.perf_counter()
        read = self.marks.get("Merging", end)
        merged = self.marks.get("Sending", end)
        return read - self.start, merged - read, end - merged


def first_sync(
    server: Server, book_id: int, samples: dict[str, list[float]], profile: Path | None
) -> SyncReport:
    """Time the first sync, its parts and their baselines; the sync's report."""
    twin = Plain(server, server.book_url(TWIN))
    paths: list[str] = []
    samples["REPORT + multiget all"].append(
        timed(lambda: (paths.extend(twin.changes(None)), twin.multiget(paths)))
    )
    phases = Phases()
    if profile is not None:
        profiler = cProfile.Profile()
        report = profiler.runcall(sync_book, book_id, server.password, progress=phases)
        profiler.dump_stats(profile)
    else:
        report = sync_book(book_id, server.password, progress=phases)
    read, merged, written = phases.split()
    log(f"  first sync: {report.summary()} ({read:.1f} s + {merged:.1f} s + {written:.1f} s)")
    samples["first sync"].append(read + merged + written)
    samples["  reading and merging"].append(read + merged)
    samples["  writing"].append(written)
    # The writes' baseline: WRITE_SAMPLES new cards and as many changed ones put into
    # the twin book, the median of each times the number the sync made of it.
    urls = [f"{server.url}{path}" for path in paths[:WRITE_SAMPLES]]
    cards = [twin.http.get(url).text for url in urls]
    new = put_times(twin, [f"{twin.url}new-{n}.vcf" for n in range(len(urls))], cards, "UID:")
    changed = put_times(twin, urls, cards, "TITLE:")
    samples["PUTs alone"].append(
        report.created * statistics.median(new) + report.updated * statistics.median(changed)
    )
    samples["REPORT + multiget all + PUTs"].append(
        samples["REPORT + multiget all"][-1] + samples["PUTs alone"][-1]
    )
    return report


def put_times(plain: Plain, urls: list[str], cards: list[str], changed: str) -> list[float]:
    """Seconds taken by each PUT of `cards` to `urls`, the property `changed` ("UID:",
    "TITLE:") of each given another value."""
    seconds = []
    for url, card in zip(urls, cards, strict=True):
        sent = card.replace(changed, f"{changed}x-", 1)
        start = time.perf_counter()
        plain.put(url, sent)
        seconds.append(time.perf_counter() - start)
    return seconds


def small_syncs(
    server: Server, url: str, book_id: int, rounds: int, samples: dict[str, list[float]]
) -> None:
    """Time `rounds` syncs of each small kind, each beside its baseline."""
    plain = Plain(server, url)
    twin = Plain(server, server.book_url(TWIN))
    twin_paths = twin.listing()
    linked = execute(
        "SELECT contact_id, href FROM sync_card WHERE book_id = ? AND contact_id IS NOT NULL"
        " ORDER BY id",
        (book_id,),
    ).fetchall()
    for turn in range(rounds):
        token = get_book(book_id).sync_token
        samples["REPORT"].append(timed(lambda: plain.changes(token)))  # noqa: B023
        report = timed_sync(book_id, server, samples["nothing changed"])
        assert report.summary() == "Phone: in step.", report.summary()

        _contact, href = linked[(turn * 37) % len(linked)]
        reply = plain.http.get(href)
        plain.put(href, _TITLE.sub(f"TITLE:Director {turn}", reply.text, 1), reply.headers["ETag"])
        token = get_book(book_id).sync_token
        samples["REPORT + multiget 1"].append(
            timed(lambda: plain.multiget(plain.changes(token)))  # noqa: B023
        )
        report = timed_sync(book_id, server, samples["one changed on the server"])
        assert report.here.updated == 1 and report.updated == 0, report.summary()

        contact_id, href = linked[(turn * 37 + 11) % len(linked)]
        contacts.update_contact(contact_id, position=f"Partner {turn}")
        token = get_book(book_id).sync_token
        twin_url = f"{server.url}{twin_paths[turn]}"
        card = twin.http.get(twin_url).text.replace("TITLE:", f"TITLE:Ex{turn} ", 1)
        samples["REPORT + PUT 1"].append(
            timed(lambda: (plain.changes(token), twin.put(twin_url, card)))  # noqa: B023
        )
        report = timed_sync(book_id, server, samples["one changed here"])
        assert report.updated == 1 and report.here.updated == 0, report.summary()


def timed_sync(book_id: int, server: Server, into: list[float]) -> SyncReport:
    start = time.perf_counter()
    report = sync_book(book_id, server.password)
    into.append(time.perf_counter() - start)
    return report


def figures(samples: dict[str, list[float]], cards: int) -> list[Figure]:
    """The report's lines: medians, each beside its baseline, judged by its target."""
    median = {name: statistics.median(values) for name, values in samples.items()}
    first = FIRST_TARGET_S * cards / 5000
    rows = (
        ("first sync", "REPORT + multiget all + PUTs", first),
        ("  reading and merging", "REPORT + multiget all", first),
        ("  writing", "PUTs alone", None),
        ("nothing changed", "REPORT", NOTHING_TARGET_S),
        ("one changed on the server", "REPORT + multiget 1", ONE_TARGET_S),
        ("one changed here", "REPORT + PUT 1", ONE_TARGET_S),
    )
    return [
        Figure(
            name, median[name], "s", median[base], base,
            f"< {target:g} s" if target else "", median[name] < target if target else None,
        )
        for name, base, target in rows
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=5000)
    parser.add_argument("--known", type=int, default=1000)
    parser.add_argument("--local-only", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--profile", type=Path, help="cProfile the first run's first sync")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    shared = shared_people(args.cards, args.known, args.local_only, args.seed)
    samples: dict[str, list[float]] = {
        name: []
        for name in (
            "first sync", "REPORT + multiget all + PUTs", "  reading and merging",
            "REPORT + multiget all", "  writing", "PUTs alone", "nothing changed", "REPORT",
            "one changed on the server", "REPORT + multiget 1", "one changed here",
            "REPORT + PUT 1",
        )
    }  # fmt: skip
    summary = ""
    for run in range(args.repeat):
        log(f"run {run + 1} of {args.repeat}")
        with tempfile.TemporaryDirectory(prefix="relate-sync-bench-") as tmp:
            with prepared(Path(tmp), shared) as (server, url, book_id):
                profile = args.profile if run == 0 else None
                summary = first_sync(server, book_id, samples, profile).summary()
                small_syncs(server, url, book_id, args.rounds, samples)
    facts = {**machine_facts(args.cards + args.local_only), "cards": args.cards}
    facts.update(known=args.known, local_only=args.local_only, repeat=args.repeat)
    result = figures(samples, args.cards)
    if args.json:
        print(report_json(facts, result, {"first_sync": summary}))
        return 0
    print(", ".join(f"{key} {value}" for key, value in facts.items()))
    print(f"first sync: {summary}")
    print(figures_table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
