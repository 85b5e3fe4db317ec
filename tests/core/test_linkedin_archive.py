"""Opening LinkedIn's data export as the user has it (zip, unpacked folder, one CSV),
and refusing what is not one without reading past what is safe."""

from __future__ import annotations

import os
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest

from relate.history import linkedin_archive
from relate.history.exchanges import HistoryFileError
from relate.history.linkedin_archive import (
    CONNECTIONS,
    KINDS,
    MESSAGES,
    PROFILE,
    open_archive,
)
from tests.core import linkedin_export as export

NOT_READ = [
    "Articles/Articles/a-post.html",
    "guide_messages.csv",
    "Jobs/Saved Jobs.csv",
    "Shares.csv",
]
TEXTS = {
    "connections": export.CONNECTIONS,
    "messages": export.MESSAGES,
    "invitations": export.INVITATIONS,
    "profile": export.PROFILE,
    "skills": export.SKILLS,
    "positions": export.POSITIONS,
    "email addresses": export.EMAIL_ADDRESSES,
}


def test_the_quick_archive_gives_its_connections_and_profile(tmp_path: Path) -> None:
    path = export.write_zip(tmp_path / "Basic_LinkedInDataExport_10-02-2026.zip", export.QUICK)
    archive = open_archive(path)
    assert archive.name == path.name
    assert list(archive.files) == [CONNECTIONS, PROFILE]
    assert archive.text(CONNECTIONS) == export.CONNECTIONS
    assert archive.text(MESSAGES) is None
    assert archive.not_read == []


@pytest.mark.parametrize("packed", [True, False], ids=["zip", "folder"])
def test_the_complete_archive_gives_each_kind_and_lists_the_rest(
    tmp_path: Path, packed: bool
) -> None:
    if packed:
        path = export.write_zip(tmp_path / "Complete.zip", export.COMPLETE)
    else:
        path = export.write_folder(tmp_path / "Complete", export.COMPLETE)
    archive = open_archive(path)
    assert tuple(archive.files) == KINDS
    assert {kind: archive.text(kind) for kind in KINDS} == TEXTS
    # An assistant's conversations have the columns of messages.csv, not your messages.
    assert archive.files[MESSAGES].name == "messages.csv"
    assert archive.not_read == NOT_READ


def test_files_are_found_by_their_columns_whatever_their_names(tmp_path: Path) -> None:
    files = {
        "export/My connections.csv": export.CONNECTIONS,
        "export/Messages (1).csv": export.MESSAGES_OLDER,
        "export/skills_list.csv": export.SKILLS,
    }
    archive = open_archive(export.write_zip(tmp_path / "renamed.zip", files))
    assert archive.text(CONNECTIONS) == export.CONNECTIONS
    assert archive.text(MESSAGES) == export.MESSAGES_OLDER
    assert archive.files["skills"].name == "export/skills_list.csv"


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_one_csv_of_an_unpacked_archive_is_that_file_alone(tmp_path: Path, name: str) -> None:
    folder = export.write_folder(tmp_path / "Complete", export.COMPLETE)
    file_name = next(f for f, text in export.COMPLETE.items() if text == TEXTS[name])
    archive = open_archive(folder / file_name)
    assert dict(archive.files).keys() == {name}
    assert archive.text(name) == TEXTS[name]
    assert archive.not_read == []


def test_a_file_of_the_export_relate_does_not_read_is_listed(tmp_path: Path) -> None:
    path = tmp_path / "Shares.csv"
    path.write_text(export.SHARES)
    archive = open_archive(path)
    assert archive.files == {}
    assert archive.not_read == ["Shares.csv"]


def test_members_naming_places_outside_the_archive_are_listed_and_never_written(
    tmp_path: Path,
) -> None:
    inside = tmp_path / "inside"
    inside.mkdir()
    path = inside / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../Connections.csv", export.CONNECTIONS)
        archive.writestr("/etc/relate-test-x.csv", export.CONNECTIONS)
        archive.writestr("C:/x.csv", export.CONNECTIONS)
        archive.writestr("ok/../../Profile.csv", export.PROFILE)
        archive.writestr("Skills.csv", export.SKILLS)
    before = sorted(tmp_path.rglob("*"))
    opened = open_archive(path)
    assert list(opened.files) == ["skills"]
    assert opened.not_read == [
        "../Connections.csv",
        "/etc/relate-test-x.csv",
        "C:/x.csv",
        "ok/../../Profile.csv",
    ]
    assert sorted(tmp_path.rglob("*")) == before
    assert not Path("/etc/relate-test-x.csv").exists()


def test_a_bomb_of_a_gigabyte_is_refused_having_inflated_only_its_start(
    tmp_path: Path,
) -> None:
    """1 GB of zeros in 1 MB of zip, honestly declared: its start is not text, so it
    is no file of LinkedIn's, and no more of it is inflated."""
    deflated = export.zeros_deflated(1024, b"CONVERSATION ID,FROM,TO\n")
    path = export.write_raw_zip(tmp_path / "bomb.zip", "messages.csv", deflated, 1 << 30)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        with pytest.raises(HistoryFileError, match="bomb.zip holds none of the files"):
            open_archive(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 2
    assert peak < 20 * 1024 * 1024


def test_a_bomb_whose_header_lies_is_refused_as_damaged(tmp_path: Path) -> None:
    """Headers claim 100 bytes; the stream inflates to a gigabyte."""
    deflated = export.zeros_deflated(1024, b"CONVERSATION ID,FROM,TO\n")
    path = export.write_raw_zip(tmp_path / "liar.zip", "messages.csv", deflated, 100)
    started = time.perf_counter()
    with pytest.raises(HistoryFileError, match="liar.zip is damaged"):
        open_archive(path)
    assert time.perf_counter() - started < 2


def test_a_text_bomb_is_refused_past_the_size_read_counting_real_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text that looks like messages.csv inflating past the cap (1 MB here, 200 MB in
    use): read in chunks, counted as they come, refused at the cap."""
    monkeypatch.setattr(linkedin_archive, "MAX_MEMBER_BYTES", 1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    rows = b"2-a,,A,,B,,2025-01-01 00:00:00 UTC,,x,INBOX\n" * 100_000  # 4 MB
    deflated = compressor.compress(export.MESSAGES.encode() + rows) + compressor.flush()
    crc = zlib.crc32(export.MESSAGES.encode() + rows)
    path = tmp_path / "big.zip"
    export.write_raw_zip(path, "messages.csv", deflated, len(export.MESSAGES) + len(rows), crc)
    with pytest.raises(HistoryFileError, match="messages.csv in big.zip is larger than the 1 MB"):
        open_archive(path)


def test_files_read_whole_are_bounded_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_archive, "MAX_TOTAL_BYTES", len(export.CONNECTIONS) + 10)
    path = export.write_zip(tmp_path / "Complete.zip", export.COMPLETE)
    with pytest.raises(HistoryFileError, match="larger than"):
        open_archive(path)


def test_a_truncated_zip_is_refused(tmp_path: Path) -> None:
    whole = export.write_zip(tmp_path / "whole.zip", export.COMPLETE).read_bytes()
    path = tmp_path / "Complete.zip"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(HistoryFileError, match="Complete.zip is a damaged ZIP archive"):
        open_archive(path)


def test_a_file_named_zip_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Complete.zip"
    path.write_bytes(b"<html>Your download has expired</html>")
    with pytest.raises(HistoryFileError, match="Complete.zip is not a ZIP archive"):
        open_archive(path)


@pytest.mark.parametrize(
    "content", [b"\x00\x01garbage" * 100, b"name,phone\nAda,123\n", b""], ids=str
)
def test_a_file_from_elsewhere_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    with pytest.raises(HistoryFileError, match="people.csv holds none of the files"):
        open_archive(path)


def test_a_zip_from_elsewhere_is_refused(tmp_path: Path) -> None:
    path = export.write_zip(tmp_path / "photos.zip", {"a.jpg": "x", "b.csv": "name\nAda\n"})
    with pytest.raises(HistoryFileError, match="photos.zip holds none of the files"):
        open_archive(path)


def test_a_device_is_refused_unread() -> None:
    with pytest.raises(HistoryFileError, match="is a device"):
        open_archive(Path("/dev/zero"))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    pipe = tmp_path / "Connections.csv"
    os.mkfifo(pipe)
    with pytest.raises(HistoryFileError, match="is a pipe"):
        open_archive(pipe)
    # In an unpacked folder, a pipe is listed, not read.
    (tmp_path / "Profile.csv").write_text(export.PROFILE)
    archive = open_archive(tmp_path)
    assert list(archive.files) == [PROFILE]
    assert archive.not_read == ["Connections.csv"]


def test_a_folder_of_too_many_files_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_archive, "MAX_FILES", 3)
    export.write_folder(tmp_path, export.COMPLETE)
    with pytest.raises(HistoryFileError, match="more than 3 files"):
        open_archive(tmp_path)


def test_a_large_file_of_another_kind_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "video.mp4"
    with path.open("wb") as file:
        file.truncate(1 << 30)  # sparse: a gigabyte that takes no room
    started = time.perf_counter()
    with pytest.raises(HistoryFileError, match="video.mp4 holds none of the files"):
        open_archive(path)
    assert time.perf_counter() - started < 1


def test_one_csv_too_large_to_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_archive, "MAX_MEMBER_BYTES", 1 << 20)
    path = tmp_path / "messages.csv"
    path.write_text(export.MESSAGES + "2-a,,A,,B,,2025-01-01 00:00:00 UTC,,x,INBOX\n" * 50_000)
    with pytest.raises(HistoryFileError, match="^messages.csv is larger than the 1 MB"):
        open_archive(path)
    # In a folder, the same.
    with pytest.raises(HistoryFileError, match="messages.csv in .* is larger than the 1 MB"):
        open_archive(tmp_path)
