"""Telling which kind of address book a file is."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from relate.importers import ImportFileError
from relate.importers.formats import FORMAT_NAMES, detect_format
from tests.core.test_address_book_csv import (
    GOOGLE_HEADER,
    OLD_GOOGLE_HEADER,
    OLD_OUTLOOK_HEADER,
    OUTLOOK_HEADER,
)

LINKEDIN_NOTE = (
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."'
)
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"

VCARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Silva\r\nN:Silva;Ana;;;\r\n"
    "EMAIL:ana@example.com\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (
            f"Notes:\n{LINKEDIN_NOTE}\n\n{LINKEDIN_HEADER}\n"
            "Ana,Silva,https://www.linkedin.com/in/ana,,Acme,CTO,30 May 2024\n".encode(),
            "linkedin",
        ),
        (
            b"First Name;Last Name;Email Address;Company;Position;Connected On\r\n"
            b"Hans;M\xfcller;;Siemens;Ingenieur;01.03.2020\r\n",
            "linkedin",
        ),
        (codecs.BOM_UTF8 + f"{GOOGLE_HEADER}\nΓιώργος,,Παπαδόπουλος\n".encode(), "google"),
        (codecs.BOM_UTF16_LE + f"{OLD_GOOGLE_HEADER}\r\n".encode("utf-16-le"), "google"),
        (f"{OUTLOOK_HEADER}\r\nJohn,,Smith\r\n".encode(), "outlook"),
        (
            OUTLOOK_HEADER.replace(",", ";").encode("cp1252") + b"\r\nJ\xfcrgen;;M\xfcller\r\n",
            "outlook",
        ),
        (
            ",".join(f'"{name}"' for name in OLD_OUTLOOK_HEADER.split(",")).encode(),
            "outlook",
        ),
        (VCARD.encode(), "vcard"),
        (codecs.BOM_UTF8 + b"\r\n\r\n" + VCARD.lower().encode(), "vcard"),
        (b"Name,Organisation,Email,Mobile,Notes\nAna Silva,Acme,ana@acme.example,,\n", "csv"),
        # First and last names, but nothing of LinkedIn's own: any CSV.
        (b"First Name,Last Name,Email\nAna,Silva,ana@acme.example\n", "csv"),
    ],
)
def test_detect_format(tmp_path: Path, data: bytes, kind: str) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    assert detect_format(path) == kind


def test_only_the_start_of_a_large_file_is_read(tmp_path: Path) -> None:
    # Polish text cut inside a letter at the 64 KiB mark; "Ł" is not Windows-1252 text either.
    start = f"{GOOGLE_HEADER}\nAna,,Silva,".encode()
    start += b"x" * (len(start) % 2 == 0)  # so that the mark falls inside an "Ł"
    head = start + "Ł".encode() * 40_000
    with pytest.raises(UnicodeDecodeError):
        head[: 64 * 1024].decode("utf-8")
    path = tmp_path / "contacts.csv"
    path.write_bytes(head + b"\x00\xff" * 1000)  # and then bytes that are not text at all
    assert detect_format(path) == "google"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf\r\n  \n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is not a text file"),
        # LinkedIn's export comes zipped: the Connections.csv inside is the one to import.
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "is a ZIP archive"),
        (b"\x81\x8d\x8f\x90\x9d", "is not a text file"),
        (b"ana@acme.example,Ana Silva\n", "has no header row"),
    ],
)
def test_files_that_are_no_address_book_are_refused_by_name(
    tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        detect_format(path)
    assert str(caught.value).startswith("export.csv ")
    assert words in str(caught.value)


def test_a_missing_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"^gone\.vcf cannot be read"):
        detect_format(tmp_path / "gone.vcf")


def test_every_detected_kind_has_a_name_to_show() -> None:
    assert list(FORMAT_NAMES) == ["linkedin", "google", "outlook", "vcard", "csv"]
    assert all(FORMAT_NAMES.values())
