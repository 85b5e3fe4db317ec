"""Real address books (tests/fixtures/real, origin and licence of each in SOURCES.md):
each imports through the same path as `relate import`, and every phone number and
e-mail address of every entry that has a name or an e-mail, as an independent reading
of the file finds them (tests/core/real_corpus_reading.py), is on a contact afterwards.
A file read as another kind is refused whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate.importers import ImportFileError
from relate.importers.batches import apply_plan
from relate.importers.formats import FORMAT_NAMES, detect_format
from relate.importers.sources import plan_file
from relate.store.db import db
from tests.core.real_corpus_reading import Entry, digits, read_entries

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"
KINDS = list(FORMAT_NAMES)
# The corpus: a folder per kind; kinds/ holds the files collected for telling kinds apart.
FILES = sorted(
    path
    for folder in (REAL, REAL / "kinds")
    for kind in KINDS
    for path in (folder / kind).glob("*")
    if path.is_file()
)

# Files in another encoding than UTF-8 or Windows-1252 say so; a reader knows which.
ENCODINGS: dict[str, str] = {}

# Files that fail for a known cause, with it: each is marked xfail (strict), so the mark
# turns into a failure the day the cause is fixed, and is then taken off. None now.
KNOWN: dict[str, str] = {}

# What a reader of each file expects besides its phones and addresses: how many contacts
# it holds, and names as they should read (accents, CJK decoded).
EXPECTED: dict[str, tuple[int, tuple[str, ...]]] = {
    "vcard/aosp-v40_sip.vcf": (1, ("ロイド 安藤",)),
    "vcard/eds-5.vcf": (1, ("十城目管理大型知座",)),  # quoted-printable UTF-8, folded mid-character
    "vcard/eds-12.vcf": (1, ("Michael Brüning",)),  # a Nokia phone's quoted-printable
    "vcard/khard-korean-c.vcf": (1, ("최유림",)),
    "vcard/radicale-vcard-quoted-printable1.vcf": (1, ("世勇 黄",)),
    "vcard/radicale-broken-vcards.vcf": (2, ()),
    "vcard/radicale-broken-vcards2.vcf": (2, ("Test Example",)),
    "vcard/vcard4android-invalid-rev.vcf": (1, ("Loïc Xxxxxx-xxxx",)),
    "vcard/ical4j-rfc2426.vcf": (2, ("Frank Dawson", "Tim Howes")),
    "vcard/roundcube-johndoe.vcf": (1, ("John Doë",)),  # CHARSET=windows-1252
    "vcard/folkerkinzel-cardbook-v4.vcf": (2, ("Marina Möhrke", "Dr. Max Mustermann, jr.")),
    "vcard/folkerkinzel-google-v3.vcf": (2, ("Folker Kinzel", "WSF KMS")),
    "vcard/khard-contact_with_multiple_values.vcf": (1, ("Dr. Mark Schröder, II",)),
    "vcard/vcard4android-allfields-vcard3.vcf": (1, ("DDDr. Firstname Lastname, MBA",)),
    "vcard/ez-vcard-gmail-list.vcf": (3, ("Arnold Smith", "Chris Beatle", "Doug White")),
    "vcard/jeroendesloovere-encoding.vcf": (1, ("Thies-Tillman Jacobsen",)),  # 8 copies of one
    "vcard/monica-vcard_stub.vcf": (2, ("Bono", "John Doe")),  # the third has a nickname only
    "vcard/khard-org.vcf": (0, ()),  # a company's card: nobody to keep in touch with
    "vcard/vcardlib-custom-fields.vcf": (0, ()),  # Apple's company card, no name at all
    "kinds/vcard/ez-vcard-John_Doe_ANDROID.vcf": (6, ("Ñ Ñ Ñ Ñ",)),
    "csv/thunderbird-basic_csv_addressbook.csv": (2, ("John Doe", "Jane Doe")),
    "csv/thunderbird-csv_semicolon.csv": (2, ("John Doe", "Jane Doe")),
    "csv/roundcube-tb_plain.csv": (1, ("Firstname Lastname",)),
    "csv/csv2vcard-valid_contacts.csv": (3, ("Forrest Gump", "Jane Doe", "John Smith")),
    "csv/thunderbird-export.txt": (2, ("contact one", "contact two")),  # tab-separated
    "kinds/outlook/google-shared-contacts-outlook.csv": (
        3,
        ("Adam Glacius", "Daniel Ireland", "Duncan Amey"),
    ),
    "kinds/linkedin/Connections.csv": (2, ("Mark Lenmar", "Franco Bergin")),
    "csv/roundcube-email.csv": (4, ()),
    "csv/roundcube-outlook-emails.csv": (1, ()),
}


def _name(path: Path) -> str:
    return str(path.relative_to(REAL))


def _kind(path: Path) -> str:
    return path.parent.name


def _params(paths: list[Path]) -> list[object]:
    return [
        pytest.param(
            path,
            id=_name(path),
            marks=[pytest.mark.xfail(reason=KNOWN[_name(path)], strict=True)]
            if _name(path) in KNOWN
            else [],
        )
        for path in paths
    ]


def _stored() -> tuple[set[str], list[str], list[str]]:
    """Every e-mail address, the digits of every phone number, and every full name."""
    emails = {row[0].lower() for row in db.execute_sql("SELECT address FROM contact_email")}
    phones = [digits(row[0]) for row in db.execute_sql("SELECT number FROM contact_phone")]
    names = [
        f"{first} {last}".strip()
        for first, last in db.execute_sql("SELECT first_name, last_name FROM contact")
    ]
    return emails, phones, names


def _lost(entries: list[Entry]) -> list[str]:
    emails, phones, _ = _stored()
    lost = []
    for entry in entries:
        if not entry.name and not entry.emails:
            continue  # nobody a reader could name: an organisation's number, a blank row
        for address in entry.emails:
            if address not in emails:
                lost.append(f"{entry.name or address}: e-mail {address}")
        for number in entry.phones:
            if number not in phones:
                lost.append(f"{entry.name or entry.emails[0]}: phone {number}")
    return lost


def test_every_file_says_where_it_is_from() -> None:
    sources = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    for path in FILES:
        if path.parent.parent == REAL:
            assert f"`{_name(path)}`" in sources, _name(path)
    assert len(FILES) >= 60


@pytest.mark.parametrize("path", _params(FILES))
def test_a_real_file_imports_with_no_phone_or_email_lost(db_path: Path, path: Path) -> None:
    kind = _kind(path)
    assert detect_format(path) == kind
    entries = read_entries(path, kind, ENCODINGS.get(_name(path)))
    assert entries, "the independent reading found nobody: it cannot check this file"
    apply_plan(plan_file(path, kind))
    lost = _lost(entries)
    assert not lost, "\n".join(lost)
    if _name(path) in EXPECTED:
        count, names = EXPECTED[_name(path)]
        _, _, stored_names = _stored()
        assert len(stored_names) == count
        for name in names:
            assert name in stored_names


@pytest.mark.parametrize("path", [pytest.param(p, id=_name(p)) for p in FILES])
def test_a_real_file_read_as_another_kind_is_refused_whole(db_path: Path, path: Path) -> None:
    for kind in KINDS:
        if kind == _kind(path):
            continue
        with pytest.raises(ImportFileError):
            plan_file(path, kind)
    assert db.execute_sql("SELECT count(*) FROM contact").fetchone()[0] == 0


def test_a_birthday_without_its_year_is_never_stored_in_the_year_written_for_none(
    db_path: Path,
) -> None:
    # CardBook (and Apple, without its X-APPLE-OMIT-YEAR) write "no year" as 1604: a card
    # that showed the person as 422 years old. Birthdays with their year are kept.
    for name in ("radicale-contact4-with-bday-no-year.vcf", "vcard4android-allfields-vcard3.vcf"):
        apply_plan(plan_file(REAL / "vcard" / name, "vcard"))
    years = [row[0] for row in db.execute_sql("SELECT birthday FROM contact")]
    assert len(years) == 2
    assert not any(day and day.startswith("1604") for day in years)
    assert any(day for day in years)
