"""The small things vCards from Apple, Google and Gmail hold, read as a user expects:
Apple's built-in labels in words, an internet call address never taken for a phone,
escaped quotes, named e-mail addresses, and Google's own groups never made tags (the
same through its CSV export as through its vCards)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from relate import contacts, queries
from relate.importers.address_book_columns import GOOGLE
from relate.importers.address_book_csv import incoming_rows, parse_table
from relate.importers.batches import apply_plan
from relate.importers.planner import email_address
from relate.importers.vcard import parse_vcards, plan_vcard_import
from relate.records import Phone

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "vcard"
NAME = "contacts.vcf"

# An iPhone's export (iOS 17), with what Apple and carriers put in it.
IPHONE = r"""BEGIN:VCARD
VERSION:3.0
PRODID:-//Apple Inc.//iPhone OS 17.4//EN
N:Omega;Olivia;;;
FN:Olivia Omega
ORG:Omega Labs;
TEL;type=CELL;type=VOICE;type=pref:+1 (415) 555-0100
item1.TEL:+1 (415) 555-0134
item1.X-ABLabel:_$!<AssistantPhone>!$_
item2.TEL:+1 (415) 555-0177
item2.X-ABLabel:_$!<CompanyMain>!$_
item3.TEL:+1 (415) 555-0199
item3.X-ABLabel:_$!<HomeFAX>!$_
item4.TEL:+1 (415) 555-0111
item4.X-ABLabel:Studio
TEL;type=VOICE:sip:olivia@sip.example.com
item5.IMPP;X-SERVICE-TYPE=SIP;type=pref:sip:olivia.omega@voip.example.net
item5.X-ABLabel:SIP
IMPP;X-SERVICE-TYPE=Skype:skype:olivia.omega
item6.EMAIL;type=INTERNET:"Omega" <omega@example.com>
item6.X-ABLabel:_$!<Other>!$_
EMAIL;type=INTERNET;type=WORK:<mailto:olivia@omegalabs.example>
NOTE:She said \"call me after 6\"\, and meant it.
END:VCARD
"""


def iphone() -> bytes:
    return IPHONE.replace("\n", "\r\n").encode("utf-8")


def test_apples_built_in_labels_read_as_words() -> None:
    [olivia], _ = parse_vcards(iphone(), NAME)
    labels = {phone.number: phone.label for phone in olivia.phones}
    assert labels == {
        "+1 (415) 555-0100": "mobile",
        "+1 (415) 555-0134": "assistant",
        "+1 (415) 555-0177": "company main",
        "+1 (415) 555-0199": "fax",
        "+1 (415) 555-0111": "Studio",  # the user's own label, as they wrote it
    }


def test_an_iphones_own_export_shows_its_assistant_phone_in_words() -> None:
    # ez-vcard's test file, as iOS 5 exported it (a photo included).
    [john], _ = parse_vcards((REAL / "ez-vcard-John_Doe_IPHONE.vcf").read_bytes(), NAME)
    assert Phone("905-222-1234", "assistant") in john.phones
    assert not any("$" in phone.label for phone in john.phones)


def test_a_sip_address_is_no_phone_and_is_kept_in_the_story() -> None:
    [olivia], _ = parse_vcards(iphone(), NAME)
    assert not any("sip" in phone.number.lower() for phone in olivia.phones)
    assert olivia.story.endswith(
        "\n\nSIP: sip:olivia@sip.example.com\nSIP: sip:olivia.omega@voip.example.net"
    )


def test_escaped_quotes_in_a_note_read_as_quotes() -> None:
    [olivia], _ = parse_vcards(iphone(), NAME)
    assert olivia.story.startswith('She said "call me after 6", and meant it.')
    # Apple's Mac Address Book, as ez-vcard collected it.
    data = (REAL / "ez-vcard-John_Doe_MAC_ADDRESS_BOOK.vcf").read_bytes()
    [john], _ = parse_vcards(data, NAME)
    assert 'CONTRIBUTORS "AS IS" AND' in john.story
    assert "\\" not in john.story


def test_a_named_email_address_keeps_its_address(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / NAME
    path.write_bytes(iphone())
    plan = plan_vcard_import(path)
    [olivia] = plan.new
    assert olivia.emails == ("omega@example.com", "olivia@omegalabs.example")
    apply_plan(plan)
    [row] = queries.list_contacts()
    assert contacts.get_contact(row.id).emails == ("omega@example.com", "olivia@omegalabs.example")


@pytest.mark.parametrize(
    ("written", "address"),
    [
        ('"Omega" <omega@example.com>', "omega@example.com"),
        ("Olivia Omega <olivia@example.com>", "olivia@example.com"),
        ("<MAILTO:olivia@example.com>", "olivia@example.com"),
        ("mailto:olivia@example.com", "olivia@example.com"),
        ("olivia@example.com", "olivia@example.com"),
        ("not an address", "not an address"),
    ],
)
def test_every_importer_reads_an_address_as_exports_write_it(written: str, address: str) -> None:
    assert email_address(written) == address


# The same people exported by Google Contacts twice: as its CSV and as vCards.
GOOGLE_CSV = (
    "First Name,Last Name,Labels,E-mail 1 - Label,E-mail 1 - Value\r\n"
    "Ana,Silva,* myContacts ::: * starred ::: Cycling,* Home,ana@example.com\r\n"
    "Wei,Chen,* myContacts ::: Clients ::: Cycling,,wei@example.com\r\n"
    "Kofi,Mensah,* starred,,kofi@example.com\r\n"
)
GOOGLE_VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Ana Silva
N:Silva;Ana;;;
EMAIL;TYPE=INTERNET;TYPE=HOME:ana@example.com
CATEGORIES:myContacts,starred,Cycling
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Wei Chen
N:Chen;Wei;;;
EMAIL;TYPE=INTERNET:wei@example.com
CATEGORIES:myContacts,Clients,Cycling
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Kofi Mensah
N:Mensah;Kofi;;;
EMAIL;TYPE=INTERNET:kofi@example.com
CATEGORIES:starred
END:VCARD
"""


def test_a_google_csv_and_a_google_vcard_of_the_same_people_give_the_same_tags() -> None:
    csv_rows, _ = incoming_rows(
        parse_table(codecs.BOM_UTF8 + GOOGLE_CSV.encode("utf-8"), "contacts.csv"), GOOGLE
    )
    vcard_rows, _ = parse_vcards(GOOGLE_VCARDS.replace("\n", "\r\n").encode("utf-8"), NAME)
    from_csv = {row.first_name: row.tags for row in csv_rows}
    from_vcards = {row.first_name: row.tags for row in vcard_rows}
    assert (
        from_csv
        == from_vcards
        == {
            "Ana": ("Cycling",),
            "Wei": ("Clients", "Cycling"),
            "Kofi": (),
        }
    )


def test_an_older_google_or_android_export_files_no_one_under_my_contacts() -> None:
    data = b"BEGIN:VCARD\r\nN:Lee;Ann\r\nCATEGORIES:My Contacts,Chess\r\nEND:VCARD\r\n"
    [ann], _ = parse_vcards(data, NAME)
    assert ann.tags == ("Chess",)


def test_each_real_vcard_says_where_it_is_from() -> None:
    sources = (REAL.parent / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(REAL.glob("*.vcf"))
    assert files
    for path in files:
        assert f"`vcard/{path.name}`" in sources, path.name
