"""Only regular files of an address book's size are read: a pipe, a device or a folder is
refused at once, a file too large is refused saying the limit, through every way in."""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from relate.cli import main
from relate.importers import ImportFileError, bounded_file, csv_text
from relate.importers.formats import detect_format
from relate.importers.sources import PLANNERS, plan_file

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LIMIT = f"{bounded_file.MAX_FILE_BYTES // 2**20} MB"  # as the messages say it
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")


def large_file(path: Path, header: str, row: str, size: int) -> Path:
    """A file of `size` bytes that reads as text where a reader looks first (the kind is
    told from the first 64 KB), and is sparse beyond: nothing written but its length."""
    with path.open("wb") as file:
        file.write((header + row * (2**17 // len(row))).encode())
        file.truncate(size)
    return path


def _within(seconds: float, call: Callable[[], object]) -> object:
    """What `call` returns or raises, failing the test when it has not come back in time
    (it is left on its daemon thread: a blocked open cannot be interrupted)."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as exc:  # noqa: BLE001 (handed to the test)
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still waiting after {seconds} s"
    return outcome[0]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "Connections.csv"
    os.mkfifo(path)
    return path


@needs_fifo
@pytest.mark.parametrize("kind", list(PLANNERS))
def test_a_pipe_is_refused_at_once_by_every_importer(fifo: Path, kind: str) -> None:
    started = time.monotonic()
    error = _within(5, lambda: plan_file(fifo, kind))
    assert isinstance(error, ImportFileError)
    assert str(error).startswith(f"{fifo} is a pipe, not a file")
    assert time.monotonic() - started < 1


@needs_fifo
def test_the_command_line_refuses_a_pipe_and_a_device_in_one_line(
    cli_db: Path, fifo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    for path, kind in ((fifo, "a pipe"), (Path("/dev/zero"), "a device")):
        code = _within(
            5, lambda path=path: main(["--db", str(cli_db), "import", "linkedin", str(path)])
        )
        out, err = capsys.readouterr()
        assert code == 1
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith(f"relate: {path} is {kind}, not a file")


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    with pytest.raises(ImportFileError, match="^export is a folder, not a file"):
        detect_format(folder)
    with pytest.raises(ImportFileError, match="^export is a folder, not a file"):
        plan_file(folder, "vcard")


def test_a_file_over_the_limit_is_refused_saying_the_limit(tmp_path: Path) -> None:
    row = "Ana,Silva,https://www.linkedin.com/in/ana,,Acme,CTO,01 Feb 2020\n"
    huge = large_file(tmp_path / "Connections.csv", HEADER, row, bounded_file.MAX_FILE_BYTES + 1)
    for kind in ("linkedin",):  # what reads it (the others refuse it for its kind)
        with pytest.raises(ImportFileError) as refused:
            plan_file(huge, kind)
        assert str(refused.value) == (
            f"Connections.csv is {LIMIT}: Relate reads address books of up to {LIMIT}. Export "
            "fewer contacts at a time, or split the file, and import each part."
        )


VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nEND:VCARD\r\n"


def test_a_vcard_file_grown_large_by_its_photos_is_read(tmp_path: Path, db_path: Path) -> None:
    photo = "PHOTO;ENCODING=b;TYPE=JPEG:" + "A" * (bounded_file.MAX_FILE_BYTES + 1024) + "\r\n"
    card = VCARD.format(name="Ana Silva").replace("END:VCARD", photo + "END:VCARD")
    path = tmp_path / "iPhone.vcf"
    path.write_text(card + VCARD.format(name="Bo Berg"))
    assert path.stat().st_size > bounded_file.MAX_FILE_BYTES
    assert detect_format(path) == "vcard"
    plan = plan_file(path, "vcard")
    assert sorted(f"{row.first_name} {row.last_name}" for row in plan.new) == [
        "Ana Silva",
        "Bo Berg",
    ]


def test_a_vcard_file_over_its_own_limit_or_with_too_many_cards_is_refused(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = VCARD.format(name="Ana Silva")
    huge = large_file(tmp_path / "contacts.vcf", "", card, bounded_file.MAX_VCARD_BYTES + 1)
    with pytest.raises(ImportFileError, match="contacts.vcf is 200 MB: Relate reads address"):
        plan_file(huge, "vcard")
    monkeypatch.setattr(bounded_file, "MAX_RECORDS", 3)
    many = tmp_path / "many.vcf"
    many.write_text("".join(VCARD.format(name=f"Person {n}") for n in range(4)))
    with pytest.raises(ImportFileError, match="many.vcf has more than 3 cards"):
        plan_file(many, "vcard")
    many.write_text("".join(VCARD.format(name=f"Person {n}") for n in range(3)))
    assert len(plan_file(many, "vcard").new) == 3


def test_a_file_just_under_the_limit_is_read_and_one_just_over_is_not(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bounded_file, "MAX_FILE_BYTES", 4096)
    row = "Ana,Silva,https://www.linkedin.com/in/ana,,Acme,CTO,01 Feb 2020\n"
    path = tmp_path / "Connections.csv"
    text = HEADER + row * ((4096 - len(HEADER)) // len(row))
    path.write_text(text)
    assert plan_file(path, "linkedin").new
    path.write_text(text + row)
    with pytest.raises(ImportFileError, match="Relate reads address books of up to"):
        plan_file(path, "linkedin")


def test_a_file_that_grows_while_read_is_not_read_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(HEADER)  # measured small, then found longer when read
    monkeypatch.setattr(bounded_file, "MAX_FILE_BYTES", len(HEADER) + 10)
    real_open = open
    read_sizes: list[int] = []

    class Growing:
        def __init__(self, descriptor: int, mode: str) -> None:
            self.file = real_open(descriptor, mode)

        def __enter__(self) -> Growing:
            return self

        def __exit__(self, *_: object) -> None:
            self.file.close()

        def read(self, size: int) -> bytes:
            read_sizes.append(size)
            return (HEADER + "x" * 100).encode()[:size]

    monkeypatch.setattr(bounded_file, "open", Growing, raising=False)
    with pytest.raises(ImportFileError, match="is larger than that"):
        bounded_file.read_bounded(path)
    assert read_sizes == [len(HEADER) + 11]


@pytest.mark.parametrize(
    ("kind", "header", "row", "limit"),
    [
        ("csv", "First Name,Last Name\n", "Ana,Silva\n", "MAX_RECORDS"),
        ("linkedin", HEADER, "Ana,Silva,,,,,1/2/20\n", "MAX_CONNECTIONS"),
    ],
)
def test_more_rows_than_an_address_book_has_are_refused(
    tmp_path: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    header: str,
    row: str,
    limit: str,
) -> None:
    monkeypatch.setattr(bounded_file, limit, 3)
    path = tmp_path / "contacts.csv"
    path.write_text(header + row + "\n" + row * 2)  # blank lines do not count
    assert plan_file(path, kind).summary().startswith("1 new, 0 updated")
    path.write_text(header + row * 4)
    with pytest.raises(ImportFileError, match="^contacts.csv has more than 3 rows: Relate reads"):
        plan_file(path, kind)


def test_a_first_day_of_more_connections_than_an_address_book_has_is_read_in_one_file(
    tmp_path: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # LinkedIn's seven short columns: a first day of up to 100,000 people is one import,
    # where an address book of that many is refused.
    monkeypatch.setattr(bounded_file, "MAX_RECORDS", 3)
    assert bounded_file.MAX_CONNECTIONS >= 100_000
    path = tmp_path / "Connections.csv"
    path.write_text(
        HEADER
        + "".join(f"P{n},Silva,https://www.linkedin.com/in/p{n},,,,1/2/20\n" for n in range(5))
    )
    assert len(plan_file(path, "linkedin").new) == 5
    monkeypatch.setattr(bounded_file, "MAX_CONNECTIONS", 4)
    with pytest.raises(ImportFileError, match="more than 4 rows"):
        plan_file(path, "linkedin")


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
def test_a_text_is_read_in_pieces_as_a_file_opened_with_newline_empty_reads_it(
    monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    # Line ends of every kind, cells over several lines, and characters str.splitlines
    # also breaks at, in cells quoted and not: none of them ends a row here.
    text = (
        'a,b\r\n"two\r\nlines",x\rold mac,y\n"quoted ""x""\nmore",z\n'
        'page\x0cbreak,"sep\u2028arated"\nnext\u2029para,\x1cgroup\x85\r\n'
        "vertical\x0btab,\x1d\x1e\n\nlast,no end\u2028"
    )
    expected = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    monkeypatch.setattr(csv_text, "_CHUNK", chunk)
    assert list(csv_text.make_reader(text, ",")) == expected
    assert expected[1] == ["two\r\nlines", "x"]
    assert expected[4] == ["page\x0cbreak", "sep\u2028arated"]
    assert expected[-1] == ["last", "no end\u2028"]
