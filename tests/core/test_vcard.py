"""vCard import (2.1, 3.0, 4.0, as phones and address books write them) and export."""

from __future__ import annotations

import codecs
import datetime as dt
import stat
import sys
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate import contacts, queries
from relate.exporters.vcard import export_vcards
from relate.importers import ImportFileError
from relate.importers.batches import apply_plan, undo_import
from relate.importers.plan import Incoming, Skipped
from relate.importers.vcard import parse_vcards, plan_vcard_import
from relate.records import ContactDetail, Phone
from relate.store.db import db, open_database
from relate.validation import NotFoundError
from relate.vocabulary import DEFAULT_STAGE
from tests.database_dump import sqlite_dump

NAME = "contacts.vcf"


def vcf(text: str, newline: str = "\r\n") -> bytes:
    """A test card as a file: the lines of `text` ended in `newline`, UTF-8."""
    return newline.join(text.strip("\n").split("\n")).encode("utf-8") + newline.encode()


def write(directory: Path, data: bytes, name: str = NAME) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


def all_ids() -> list[int]:
    return [row[0] for row in db.execute_sql("SELECT id FROM contact ORDER BY id")]


def import_file(path: Path) -> tuple[str, int | None]:
    plan = plan_vcard_import(path)
    return plan.summary(), apply_plan(plan)


# Apple Contacts (iPhone, macOS) and Google Contacts, as they export vCard 3.0.
APPLE_AND_GOOGLE = r"""
BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:Müller;José;;;
FN:José Müller
ORG:Hartwell Partners;Structures
TITLE:Principal
EMAIL;type=INTERNET;type=WORK:jose@hartwell.example
EMAIL;type=INTERNET;type=HOME;type=pref:jose.m@mail.example
TEL;type=WORK;type=VOICE:+1 216 555 0142
item1.TEL;type=pref:+1 (216) 555-0100
item1.X-ABLabel:_$!<Mobile>!$_
item2.TEL:+1 216 555 0199
item2.X-ABLabel:Office
TEL;type=HOME;type=FAX:+1 216 555 0143
item3.ADR;type=HOME:;;12 Elm St;Akron;OH;44301;USA
item3.X-ABADR:us
ADR;type=WORK:;;1 Main St;Cleveland;OH;44114;USA
item4.URL:https://www.linkedin.com/in/jose-muller/
item4.X-ABLabel:LinkedIn
item5.URL:https://hartwell.example
item5.X-ABLabel:_$!<HomePage>!$_
NOTE:Met at the SMPS breakfast\, Cleveland.\nLikes mass timber\; and cycling.
CATEGORIES:Cycling,Mass timber
BDAY:1980-02-29
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Wei Chen
N:Chen;Wei;;;
EMAIL;TYPE=INTERNET;TYPE=HOME:wei@example.com
TEL;TYPE=CELL:+1 330 555 0123
ADR;TYPE=HOME:;;;Akron;OH;;
item1.URL:https\://buildco.example
item1.X-ABLabel:_$!<HomePage>!$_
item2.URL:https\://www.linkedin.com/in/wei-chen
item2.X-ABLabel:LinkedIn
CATEGORIES:myContacts,Clients
BDAY:19750704
END:VCARD
"""


def test_an_apple_or_google_card_gives_every_field_we_keep(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, vcf(APPLE_AND_GOOGLE))
    summary, _ = import_file(path)
    assert summary == "2 new, 0 updated, 0 unchanged, 0 skipped"
    jose_id, wei_id = all_ids()
    jose = contacts.get_contact(jose_id)
    assert (jose.first_name, jose.last_name) == ("José", "Müller")
    assert (jose.company, jose.position) == ("Hartwell Partners", "Principal")
    assert jose.emails == ("jose.m@mail.example", "jose@hartwell.example")  # pref first
    assert jose.phones == (
        Phone("+1 (216) 555-0100", "mobile"),
        Phone("+1 216 555 0142", "work"),
        Phone("+1 216 555 0199", "Office"),
        Phone("+1 216 555 0143", "fax"),
    )
    assert jose.location == "Cleveland, OH, USA"  # the work address, not the home one
    assert jose.linkedin_url == "https://www.linkedin.com/in/jose-muller"
    assert jose.story == "Met at the SMPS breakfast, Cleveland.\nLikes mass timber; and cycling."
    assert [tag.name for tag in jose.tags] == ["Cycling", "Mass timber"]
    assert jose.birthday == dt.date(1980, 2, 29)
    wei = contacts.get_contact(wei_id)
    assert wei.linkedin_url == "https://www.linkedin.com/in/wei-chen"  # not the home page
    assert wei.phones == (Phone("+1 330 555 0123", "mobile"),)
    assert wei.location == "Akron, OH"
    assert [tag.name for tag in wei.tags] == ["Clients"]  # not Google's "myContacts"
    assert wei.birthday == dt.date(1975, 7, 4)


VCARD_4 = """
BEGIN:VCARD
VERSION:4.0
FN:Ἀθηνᾶ Παππᾶ
N:Παππᾶ;Ἀθηνᾶ;;;
TEL;VALUE=uri;TYPE=work:tel:+1-555-555-0101;ext=102
TEL;VALUE=uri;TYPE="voice,cell";PREF=1:tel:+1-555-555-0100
EMAIL;TYPE=work:athena@example.com
BDAY:--0229
END:VCARD
"""


def test_a_vcard_4_card_reads_uri_phones_and_drops_a_birthday_without_a_year() -> None:
    [athena], skipped = parse_vcards(vcf(VCARD_4), NAME)
    assert skipped == []
    assert (athena.first_name, athena.last_name) == ("Ἀθηνᾶ", "Παππᾶ")
    assert athena.phones == (
        Phone("+1-555-555-0100", "mobile"),
        Phone("+1-555-555-0101 ext. 102", "work"),
    )
    assert athena.emails == ("athena@example.com",)
    assert athena.birthday is None  # we store whole dates only


# Old phones and Outlook write vCard 2.1: quoted-printable text, bare TYPE parameters,
# a soft line break (= at the end of a line), and commas that are not escaped.
VCARD_2_1 = """
BEGIN:VCARD
VERSION:2.1
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD=D0=BE=D0=B2;=D0=98=D0=B2=D0=B0=D0=BD
FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=98=D0=B2=D0=B0=D0=BD =D0=98=D0=B2=
=D0=B0=D0=BD=D0=BE=D0=B2
TEL;CELL;VOICE:+7 495 555 0100
TEL;WORK;FAX:+7 495 555 0101
EMAIL;INTERNET:ivan@work.example
EMAIL;PREF;INTERNET:ivan@example.ru
NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at the fair, in Lyon=0D=0AWants caf=C3=A9 and =
chess.
PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQ
AAAQABAAD/2wBDAAgGBgcGBQgHBwcJ

END:VCARD
"""


def test_a_vcard_2_1_card_in_quoted_printable() -> None:
    [ivan], skipped = parse_vcards(vcf(VCARD_2_1), NAME)
    assert skipped == []
    assert (ivan.first_name, ivan.last_name) == ("Иван", "Иванов")
    assert ivan.phones == (Phone("+7 495 555 0100", "mobile"), Phone("+7 495 555 0101", "fax"))
    assert ivan.emails == ("ivan@example.ru", "ivan@work.example")
    # vobject's own decoding would stop at the first comma.
    assert ivan.story == "Met at the fair, in Lyon\nWants café and chess."


FOLDED = """
BEGIN:VCARD
VERSION:3.0
N:Müller;José;;;
FN:José Müller
NOTE:This note is long enough that the program that wrote it folded it ov
 er two lines\\, once with a space and once with
\t a tab.
ORG:Hartwell
END:VCARD
"""


@pytest.mark.parametrize(
    "data",
    [
        vcf(FOLDED, "\r\n"),
        vcf(FOLDED, "\n"),
        codecs.BOM_UTF8 + vcf(FOLDED),
        vcf(FOLDED).decode("utf-8").encode("cp1252"),
        codecs.BOM_UTF16_LE + vcf(FOLDED).decode("utf-8").encode("utf-16-le"),
    ],
    ids=["crlf", "lf", "utf8-bom", "windows-1252", "utf16"],
)
def test_line_ends_folding_and_encodings_read_the_same(data: bytes) -> None:
    rows, skipped = parse_vcards(data, NAME)
    assert (rows, skipped) == (
        [
            Incoming(
                line=1,
                first_name="José",
                last_name="Müller",
                company="Hartwell",
                story="This note is long enough that the program that wrote it folded it over "
                "two lines, once with a space and once with a tab.",
            )
        ],
        [],
    )


SEVERAL = """
BEGIN:VCARD
VERSION:3.0
N:Lee;Ann;;;
FN:Ann Lee
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:
EMAIL:nobody@example.com
END:VCARD
BEGIN:VCARD
VERSION:3.0
N:;;;;
FN:Acme Inc.
ORG:Acme Inc.;
X-ABShowAs:COMPANY
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Grace Brewster Hopper
ORG:US Navy
END:VCARD
"""


def test_cards_without_a_name_are_skipped_and_counted(db_path: Path, tmp_path: Path) -> None:
    rows, skipped = parse_vcards(vcf(SEVERAL), NAME)
    assert [(row.line, row.first_name, row.last_name) for row in rows] == [
        (1, "Ann", "Lee"),
        (2, "", ""),  # only an address: the import names the contact by it
        (4, "Grace Brewster", "Hopper"),  # no N: the full name, split at its last space
    ]
    assert skipped == [Skipped(3, "no name (only an organisation)")]
    summary, _ = import_file(write(tmp_path, vcf(SEVERAL)))
    assert summary == "3 new, 0 updated, 0 unchanged, 1 skipped"
    assert "nobody@example.com" in {row.display_name for row in queries.list_contacts()}


def test_a_line_that_cannot_be_read_costs_only_that_line() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann\nthis line is not a property\nTITLE:CFO\nEND:VCARD"
    [ann], _ = parse_vcards(vcf(text), NAME)
    assert (ann.first_name, ann.last_name, ann.position) == ("Ann", "Lee", "CFO")


CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Ann;;;\r\nFN:Ann Lee\r\nEND:VCARD\r\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", f"{NAME} is empty."),
        (b"\r\n  \r\n", f"{NAME} is empty."),
        (b"\x00\x01\xff", f"{NAME} is not a vCard file: it holds binary data, not text."),
        (
            b"First Name,Last Name,Email\r\nAnn,Lee,ann@example.com\r\n",
            f"{NAME} is not a vCard file: it has no BEGIN:VCARD line.",
        ),
        (
            CARD.encode() + b"BEGIN:VCARD\r\nVERSION:3.0\r\nN:Ch",
            f"{NAME} ends in the middle of a card: card 2 has no END:VCARD line.",
        ),
        (
            b"END:VCARD\r\n" + CARD.encode(),
            f"{NAME} is not a valid vCard file: line 1 ends a card that never began.",
        ),
    ],
    ids=["empty", "blank", "binary", "csv", "truncated", "end-without-begin"],
)
def test_a_file_that_is_not_vcards_is_refused_and_nothing_is_written(
    db_path: Path, tmp_path: Path, data: bytes, message: str
) -> None:
    contacts.create_contact("Ann", "Lee", emails=["ann@example.com"])
    path = write(tmp_path, data)
    before = sqlite_dump(db_path)
    with pytest.raises(ImportFileError) as refused:
        apply_plan(plan_vcard_import(path))
    assert str(refused.value).startswith(message)
    assert sqlite_dump(db_path) == before


def test_reimporting_the_same_file_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    path = write(tmp_path, vcf(APPLE_AND_GOOGLE + VCARD_4 + VCARD_2_1))
    assert import_file(path)[0] == "4 new, 0 updated, 0 unchanged, 0 skipped"
    before = sqlite_dump(db_path)
    assert import_file(path) == ("0 new, 0 updated, 4 unchanged, 0 skipped", None)
    assert sqlite_dump(db_path) == before


def test_undoing_an_import_leaves_no_contacts(db_path: Path, tmp_path: Path) -> None:
    _, batch = import_file(write(tmp_path, vcf(APPLE_AND_GOOGLE + SEVERAL)))
    assert batch is not None and len(all_ids()) == 5
    assert undo_import(batch)[:3] == (5, 0, 0)
    assert all_ids() == [] and queries.list_contacts() == []


# ---------------------------------------------------------------------------- export

STORY = (
    "\n\n".join(
        f"Paragraph {n}: commas, semicolons; back\\slashes, a literal \\n, «quotes», tabs\t"
        f"and   spaces, Ωμέγα, 漢字 and Ünïcödé.\n   An indented line.\n \nAfter a blank one."
        for n in range(60)
    )[:4999].rstrip()
    + "."
)


def fill_database() -> None:
    """Contacts with everything a vCard has to escape, in every script."""
    contacts.create_contact(
        "Ἀθηνᾶ",
        "Παππᾶ",
        company="Ωμέγα; Δέλτα, Α.Ε.",
        position="Διευθύντρια",
        emails=["athena@example.gr", "a.pappa@work.example"],
        phones=[
            Phone("+30 21 0555 0100", "mobile"),
            Phone("+30 21 0555 0101", "Assistant"),
            Phone("+30 21 0555 0102"),
        ],
        linkedin_url="https://www.linkedin.com/in/athena-pappa",
        location="Αθήνα, Ελλάδα",
        story=STORY,
        birthday=dt.date(1980, 2, 29),
        connected_on=dt.date(2024, 5, 30),
        stage="1-2-1",
        how_met="Conference in Lyon",
        cadence_days=14,
        tag_names=["Ξύλο", "Mass timber, CLT; glulam", "back\\slash"],
    )
    contacts.create_contact(
        "Иван",
        "Иванов",
        company='ООО "Ромашка", Москва',
        position="Директор; CEO",
        emails=["ivan@example.ru"],
        phones=[
            Phone("+7 495 555-01-00", "work"),
            Phone("+7 495 555-01-01", "Work"),
            Phone("+7 495 555-01-02", "cell"),
            Phone("+7 495 555-01-03", "fax"),
            Phone("+7 495 555-01-04", "home"),
        ],
        location="Москва, Россия",
        stage="advocate",
        how_met="Chess club; Moscow, 2019 \\ Olga's friend",
        cadence_days=3650,
        tag_names=["Шахматы"],
    )
    contacts.create_contact(
        "太郎",
        "山田",
        company="株式会社テスト\\支社",
        position="構造設計部門シニアプロジェクトマネージャー兼エンジニア",  # 81 bytes
        story="C:\\new\\table; a,b\nsecond line",
        birthday=dt.date(2000, 1, 1),
        stage="relationship",
        cadence_days=1,
    )
    contacts.create_contact("Wei", "Chen, PMP", company="Buildco, Inc.; Structures")
    contacts.create_contact("Madonna")
    contacts.create_contact("", "Ann;Marie O'Brien\\Smith", location="Cleveland, OH")


def stored(detail: ContactDetail) -> tuple:
    """What a round trip must keep: everything but what the database makes (ids,
    dates of creation) and what a card has no line for (met through, archived)."""
    return (
        detail.first_name,
        detail.last_name,
        detail.company,
        detail.position,
        detail.emails,
        detail.phones,
        detail.linkedin_url,
        detail.location,
        detail.story,
        detail.birthday,
        detail.connected_on,
        tuple(tag.name for tag in detail.tags),
        detail.stage,
        detail.how_met,
        detail.cadence_days,
    )


def test_a_round_trip_through_export_and_import_loses_nothing_we_store(
    db_path: Path, tmp_path: Path
) -> None:
    fill_database()
    assert len(STORY) == 5000
    original = sorted(stored(contacts.get_contact(i)) for i in all_ids())
    path = tmp_path / "export.vcf"
    assert export_vcards(path) == 6
    written = path.read_bytes()
    for line in (b"X-RELATE-STAGE:1-2-1", b"X-RELATE-HOW-MET:Conference in Lyon"):
        assert line + b"\r\n" in written
    assert b"X-RELATE-CADENCE:14\r\n" in written
    open_database(tmp_path / "other.sqlite")
    summary, _ = import_file(path)
    assert summary == "6 new, 0 updated, 0 unchanged, 0 skipped"
    assert sorted(stored(contacts.get_contact(i)) for i in all_ids()) == original


def test_the_export_is_a_vcard_3_file_other_address_books_read(
    db_path: Path, tmp_path: Path
) -> None:
    fill_database()
    path = tmp_path / "export.vcf"
    export_vcards(path)
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    assert lines[-1] == b"" and b"\n" not in b"".join(lines)  # every line ends in CRLF
    assert max(len(line) for line in lines) <= 75  # folded, as the standard asks
    # vobject's full reader, with its own checks, as another address book would read it.
    cards = {card.fn.value: card for card in vobject.readComponents(data.decode("utf-8"))}
    for card in cards.values():
        card.validate(raiseException=True)
        assert card.version.value == "3.0"
    athena = cards["Ἀθηνᾶ Παππᾶ"]
    assert (athena.n.value.family, athena.n.value.given) == ("Παππᾶ", "Ἀθηνᾶ")
    assert athena.org.value == ["Ωμέγα; Δέλτα, Α.Ε."]
    assert athena.note.value == STORY
    assert athena.categories.value == ["back\\slash", "Mass timber, CLT; glulam", "Ξύλο"]
    assert [(e.value, e.type_paramlist) for e in athena.contents["email"]] == [
        ("athena@example.gr", ["INTERNET", "PREF"]),
        ("a.pappa@work.example", ["INTERNET"]),
    ]
    assert athena.bday.value == "1980-02-29"
    assert athena.adr.value.city == "Αθήνα, Ελλάδα"
    [labelled] = [tel for tel in athena.contents["tel"] if tel.group]
    [label] = [line for line in athena.contents["x-ablabel"] if line.group == labelled.group]
    assert (labelled.value, label.value) == ("+30 21 0555 0101", "Assistant")
    ivan = cards["Иван Иванов"]
    assert [tel.params.get("TYPE") for tel in ivan.contents["tel"]] == [
        ["WORK"],
        ["WORK"],  # "Work" keeps its spelling in an X-ABLabel beside it
        ["CELL"],
        ["FAX"],
        ["HOME"],
    ]


def test_exporting_chosen_contacts_writes_only_them(db_path: Path, tmp_path: Path) -> None:
    fill_database()
    ivan, madonna = (queries.contact_ids(name)[0] for name in ("Иван", "Madonna"))
    path = tmp_path / "two.vcf"
    assert export_vcards(path, [madonna, ivan]) == 2
    rows, _ = parse_vcards(path.read_bytes(), path.name)
    assert [row.first_name for row in rows] == ["Madonna", "Иван"]
    with pytest.raises(NotFoundError, match="9999"):
        export_vcards(tmp_path / "none.vcf", [ivan, 9999])
    assert not (tmp_path / "none.vcf").exists()


def test_every_contact_means_archived_ones_too_in_name_order(db_path: Path, tmp_path: Path) -> None:
    contacts.create_contact("Zoe", "Young")
    archived = contacts.create_contact("Ann", "Lee")
    contacts.create_contact("Bo", "Kim")
    contacts.set_archived([archived])
    path = tmp_path / "all.vcf"
    assert export_vcards(path) == 3
    rows, _ = parse_vcards(path.read_bytes(), path.name)
    assert [row.first_name for row in rows] == ["Bo", "Ann", "Zoe"]  # by last name


@pytest.mark.parametrize(
    ("stage", "cadence"),
    [
        ("nonsense", "often"),
        ("", "0"),
        ("1-2-1-2", "3651"),
        ("connection, advocate", "12.5"),
        ("advocates", "-7"),
        ("connection;", "3_0"),
    ],
)
def test_a_stage_or_cadence_relate_does_not_know_is_ignored(
    db_path: Path, tmp_path: Path, stage: str, cadence: str
) -> None:
    card = f"BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;;;\nX-RELATE-STAGE:{stage}\n"
    card += f"X-RELATE-CADENCE:{cadence}\nX-RELATE-HOW-MET:At the fair\nEND:VCARD"
    [ann], _ = parse_vcards(vcf(card), NAME)
    assert (ann.stage, ann.cadence_days, ann.how_met) == (None, None, "At the fair")
    summary, _ = import_file(write(tmp_path, vcf(card)))
    assert summary == "1 new, 0 updated, 0 unchanged, 0 skipped"
    [ann_id] = all_ids()
    detail = contacts.get_contact(ann_id)
    assert (detail.stage, detail.cadence_days) == (DEFAULT_STAGE, None)
    assert detail.how_met == "At the fair"


def test_relate_fields_are_read_in_any_case_and_spacing() -> None:
    card = "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;;;\nx-relate-stage: Advocate \n"
    card += "X-RELATE-CADENCE: 045\nEND:VCARD"
    [ann], _ = parse_vcards(vcf(card), NAME)
    assert (ann.stage, ann.cadence_days) == ("advocate", 45)


def test_an_import_fills_an_existing_contacts_empty_how_met_and_cadence_not_its_stage(
    db_path: Path, tmp_path: Path
) -> None:
    ann = contacts.create_contact("Ann", "Lee", emails=["ann@example.com"], stage="1-2-1")
    card = "BEGIN:VCARD\nVERSION:3.0\nN:Lee;Ann;;;\nEMAIL:ann@example.com\n"
    card += "X-RELATE-STAGE:advocate\nX-RELATE-HOW-MET:Fair\nX-RELATE-CADENCE:30\nEND:VCARD"
    import_file(write(tmp_path, vcf(card)))
    detail = contacts.get_contact(ann)
    assert (detail.stage, detail.how_met, detail.cadence_days) == ("1-2-1", "Fair", 30)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_the_export_is_readable_by_the_user_only(db_path: Path, tmp_path: Path) -> None:
    contacts.create_contact("Ann", "Lee")
    path = tmp_path / "contacts.vcf"
    export_vcards(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# ---------------------------------------------------------------------------- any file

FIELDS = [
    "VERSION:3.0",
    "N:Lee;Ann;;;",
    "N:;;;;",
    "FN:Ann Lee",
    "FN:",
    "ORG:Acme;",
    "EMAIL;TYPE=pref:ann@example.com",
    "EMAIL:not an address",
    "TEL;TYPE=CELL:+1 555 0100",
    "TEL;VALUE=uri:tel:",
    "item1.TEL:555",
    "item1.X-ABLabel:_$!<>!$_",
    "BDAY:--0229",
    "BDAY:19800230",
    "X-RELATE-CONNECTED-ON:0000-01-01",
    "URL:https://www.linkedin.com/in/ann",
    "URL:linkedin.com/in/",
    "URL:https://evil.example/linkedin.com/in/x",
    "CATEGORIES:,, ,a\\,b,\\",
    "NOTE;ENCODING=QUOTED-PRINTABLE:caf=C3=A9=",
    "N;CHARSET=x-unknown;ENCODING=QUOTED-PRINTABLE:=FF=FE;=",
    "ADR;TYPE=pref:;;\\n;;;;",
    "BEGIN:VCARD",
    " folded",
    "\tx",
]
CARDS = st.lists(
    st.lists(
        st.one_of(
            st.sampled_from(FIELDS),
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
        ),
        max_size=8,
    ).map(lambda fields: ["BEGIN:VCARD", *fields, "END:VCARD"]),
    max_size=4,
).map(lambda cards: "\r\n".join(line for card in cards for line in card).encode("utf-8"))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(
        st.binary(max_size=200),
        CARDS,
        st.tuples(CARDS, st.floats(0, 1)).map(lambda f: f[0][: int(len(f[0]) * f[1])]),
    )
)
def test_any_file_either_imports_whole_or_is_refused_untouched(
    db_path: Path, tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = write(tmp_path_factory.mktemp("files"), data)
    before = sqlite_dump(db_path)
    try:
        plan = plan_vcard_import(path)
    except ImportFileError as exc:
        assert str(exc).startswith(NAME)
        assert sqlite_dump(db_path) == before
        return
    batch = apply_plan(plan)
    assert len(all_ids()) == (len(plan.new) if batch else 0)
    if batch:
        undo_import(batch)
    assert all_ids() == []
