"""One person twice in a file is one contact with everything of both rows; two people
alike in name stay two; name prefixes and suffixes are kept; an address alone is a
contact. The same rule matches a row to a contact already in the database."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from relate import contacts, queries
from relate.cli import main
from relate.exporters.vcard import export_vcards
from relate.importers.address_book_csv import plan_google_import, plan_outlook_import
from relate.importers.batches import apply_plan
from relate.importers.plan import ImportPlan, Merged
from relate.importers.vcard import parse_vcards, plan_vcard_import
from relate.records import ContactDetail, Phone

GOOGLE_COLUMNS = (
    "First Name",
    "Last Name",
    "Name Prefix",
    "Name Suffix",
    "Organization Name",
    "Notes",
    "Labels",
    "E-mail 1 - Value",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Phone 2 - Label",
    "Phone 2 - Value",
)


def google_text(rows: Iterable[dict[str, str]]) -> str:
    """A Google Contacts CSV of these rows (columns they leave out are empty)."""
    text = io.StringIO()
    writer = csv.DictWriter(text, GOOGLE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text.getvalue()


def google_file(path: Path, *rows: dict[str, str]) -> Path:
    path.write_text(google_text(rows), encoding="utf-8")
    return path


def everyone() -> list[ContactDetail]:
    return [contacts.get_contact(row.id) for row in queries.list_contacts()]


def by_name() -> dict[str, ContactDetail]:
    return {person.display_name: person for person in everyone()}


def imported(plan: ImportPlan) -> ImportPlan:
    apply_plan(plan)
    return plan


# ------------------------------------------------------------------- one person twice


def test_the_same_person_twice_is_one_contact_with_everything_of_both(
    db_path: Path, tmp_path: Path
) -> None:
    path = google_file(
        tmp_path / "contacts.csv",
        {
            "First Name": "Ana",
            "Last Name": "Lima",
            "E-mail 1 - Value": "ana@acme.example",
            "Phone 1 - Label": "Mobile",
            "Phone 1 - Value": "+351 912 345 678",
            "Labels": "Clients",
        },
        {"First Name": "Bo", "Last Name": "Lee"},
        {
            "First Name": "Ana",
            "Last Name": "Lima",
            "Organization Name": "Acme",
            "Notes": "Met in Porto.",
            "Labels": "Friends",
            "E-mail 1 - Value": "ANA@acme.example",
            "E-mail 2 - Value": "ana@home.example",
            "Phone 1 - Value": "+351912345678",
            "Phone 2 - Label": "Work",
            "Phone 2 - Value": "+351 21 555 0100",
        },
    )
    plan = imported(plan_google_import(path))
    assert plan.summary() == (
        "2 new, 0 updated, 0 unchanged, 1 merged with another row of this file, 0 skipped"
    )
    assert plan.merged == (Merged(4, 2),)
    ana = by_name()["Ana Lima"]
    assert ana.emails == ("ana@acme.example", "ana@home.example")
    assert ana.phones == (Phone("+351 912 345 678", "mobile"), Phone("+351 21 555 0100", "work"))
    assert (ana.company, ana.story) == ("Acme", "Met in Porto.")
    assert {tag.name for tag in ana.tags} == {"Clients", "Friends"}
    assert queries.count_contacts() == 2
    again = plan_google_import(path)
    assert (again.new, again.updated) == ((), 0)
    assert apply_plan(again) is None


def test_people_alike_in_name_stay_apart_when_anything_differs(
    db_path: Path, tmp_path: Path
) -> None:
    path = google_file(
        tmp_path / "contacts.csv",
        # The same given name, no e-mail, no company: different phones.
        {"First Name": "Mom", "Phone 1 - Value": "+1 216 555 0100"},
        {"First Name": "Mom", "Phone 1 - Value": "+44 20 7946 0958"},
        # Father and son.
        {"First Name": "John", "Last Name": "Smith", "Phone 1 - Value": "+1 330 555 0199"},
        {"First Name": "John", "Last Name": "Smith", "Name Suffix": "Jr."},
        # Two prefixes.
        {"First Name": "Kim", "Last Name": "Park", "Name Prefix": "Mr."},
        {"First Name": "Kim", "Last Name": "Park", "Name Prefix": "Mrs."},
        # Two companies.
        {"First Name": "Ana", "Last Name": "Silva", "Organization Name": "Acme"},
        {"First Name": "Ana", "Last Name": "Silva", "Organization Name": "Initech"},
        # Two e-mail addresses.
        {"First Name": "Li", "Last Name": "Wei", "E-mail 1 - Value": "li@a.example"},
        {"First Name": "Li", "Last Name": "Wei", "E-mail 1 - Value": "li@b.example"},
    )
    plan = imported(plan_google_import(path))
    assert plan.summary() == "10 new, 0 updated, 0 unchanged, 0 skipped"
    names = sorted(person.display_name for person in everyone())
    assert names == [
        "Ana Silva",
        "Ana Silva",
        "John Smith",
        "John Smith, Jr.",
        "Li Wei",
        "Li Wei",
        "Mom",
        "Mom",
        "Mr. Kim Park",
        "Mrs. Kim Park",
    ]
    assert apply_plan(plan_google_import(path)) is None  # each finds itself again


def test_a_contact_already_here_is_matched_by_the_same_rule(db_path: Path, tmp_path: Path) -> None:
    mom = contacts.create_contact("Mom", "", phones=[Phone("+1 216 555 0100")])
    john = contacts.create_contact("John", "Smith")
    ana = contacts.create_contact("Ana", "Lima", emails=["ana@acme.example"])
    path = google_file(
        tmp_path / "contacts.csv",
        {"First Name": "Mom", "Phone 1 - Value": "+44 20 7946 0958"},
        {"First Name": "John", "Last Name": "Smith", "Name Suffix": "Jr."},
        {
            "First Name": "Ana",
            "Last Name": "Lima",
            "Name Prefix": "Dr.",
            "E-mail 1 - Value": "ana@acme.example",
            "Phone 1 - Value": "+351 912 345 678",
        },
    )
    plan = plan_google_import(path)
    assert [row.line for row in plan.new] == [2, 3]  # another mother, the son
    [update] = plan.updates
    assert update.contact_id == ana and update.describe() == "adds phone"
    apply_plan(plan)
    assert contacts.get_contact(mom).phones == (Phone("+1 216 555 0100"),)
    assert contacts.get_contact(john).display_name == "John Smith"
    assert queries.count_contacts() == 5


def test_rows_matched_to_one_contact_must_agree_with_each_other(
    db_path: Path, tmp_path: Path
) -> None:
    sam = contacts.create_contact("Sam", "Ray")  # fits either row below
    path = google_file(
        tmp_path / "contacts.csv",
        {"First Name": "Sam", "Last Name": "Ray", "Phone 1 - Value": "+1 216 555 0100"},
        {"First Name": "Sam", "Last Name": "Ray", "Phone 1 - Value": "+1 330 555 0199"},
    )
    plan = imported(plan_google_import(path))
    assert [update.contact_id for update in plan.updates] == [sam]
    assert len(plan.new) == 1
    phones = sorted((person.phones for person in everyone()), key=str)
    assert phones == [(Phone("+1 216 555 0100"),), (Phone("+1 330 555 0199"),)]


# ------------------------------------------------------------------- prefix and suffix


def test_google_and_outlook_name_prefixes_and_suffixes_are_kept(
    db_path: Path, tmp_path: Path
) -> None:
    google = google_file(
        tmp_path / "contacts.csv",
        {"First Name": "Ana", "Last Name": "Lima", "Name Prefix": "Dr.", "Name Suffix": "PhD"},
    )
    imported(plan_google_import(google))
    outlook = tmp_path / "outlook.csv"
    outlook.write_text(
        "Title,First Name,Middle Name,Last Name,Suffix,Company,E-mail Address\n"
        "Mr.,John,,Smith,III,Globex,john@globex.example\n",
        encoding="utf-8",
    )
    imported(plan_outlook_import(outlook))
    people = by_name()
    assert set(people) == {"Dr. Ana Lima, PhD", "Mr. John Smith, III"}
    john = people["Mr. John Smith, III"]
    assert (john.first_name, john.last_name) == ("Mr. John", "Smith, III")


def test_vcard_name_prefixes_and_suffixes_are_kept_and_written_back(
    db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;John;;Dr.;Jr.\r\nFN:Dr. John Smith Jr.\r\n"
        "END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nN:Smith;John;;;\r\nFN:John Smith\r\n"
        "END:VCARD\r\n",
        encoding="utf-8",
    )
    plan = imported(plan_vcard_import(path))
    assert len(plan.new) == 2  # the son is not his father
    assert set(by_name()) == {"Dr. John Smith, Jr.", "John Smith"}
    out = tmp_path / "out.vcf"
    export_vcards(out)
    written = out.read_bytes().decode("utf-8")
    assert "N:Smith;John;;Dr.;Jr.\r\n" in written
    rows, _ = parse_vcards(out.read_bytes(), "out.vcf")
    assert sorted((row.first_name, row.last_name) for row in rows) == [
        ("Dr. John", "Smith, Jr."),
        ("John", "Smith"),
    ]
    assert apply_plan(plan_vcard_import(out)) is None


# ------------------------------------------------------------------- an address alone


def test_a_row_with_only_an_address_is_a_contact_named_by_it(db_path: Path, tmp_path: Path) -> None:
    path = google_file(tmp_path / "contacts.csv", {"E-mail 1 - Value": "omega@example.com"})
    plan = imported(plan_google_import(path))
    assert plan.summary() == "1 new, 0 updated, 0 unchanged, 0 skipped"
    [omega] = everyone()
    assert (omega.display_name, omega.emails) == ("omega@example.com", ("omega@example.com",))
    assert apply_plan(plan_google_import(path)) is None
    # Later the same address comes with a name: the same person, not a second one.
    named = google_file(
        tmp_path / "later.csv",
        {"First Name": "Omega", "Last Name": "Ray", "E-mail 1 - Value": "omega@example.com"},
    )
    assert [update.contact_id for update in plan_google_import(named).updates] == [omega.id]


def test_an_address_alone_joins_the_named_row_with_it(db_path: Path, tmp_path: Path) -> None:
    path = google_file(
        tmp_path / "contacts.csv",
        {"E-mail 1 - Value": "omega@example.com", "Phone 1 - Value": "+1 216 555 0100"},
        {"First Name": "Omega", "Last Name": "Ray", "E-mail 1 - Value": "omega@example.com"},
    )
    imported(plan_google_import(path))
    [omega] = everyone()
    assert omega.display_name == "Omega Ray" and omega.phones == (Phone("+1 216 555 0100"),)


# ------------------------------------------------------------------- what the user reads


def test_relate_import_says_which_rows_were_merged(db_path: Path, tmp_path: Path, capsys) -> None:
    path = google_file(
        tmp_path / "contacts.csv",
        {"First Name": "Ana", "Last Name": "Lima", "E-mail 1 - Value": "ana@acme.example"},
        {"First Name": "Ana", "Last Name": "Lima", "Phone 1 - Value": "+351 912 345 678"},
        {"Organization Name": "Shop"},
    )
    code = main(["--db", str(db_path), "import", "google", str(path), "--verbose", "--no-backup"])
    assert code == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == ["line 3: merged with line 2 of this file", "line 4: skipped, no name"]
    assert out[2].startswith(
        "1 new, 0 updated, 0 unchanged, 1 merged with another row of this file, 1 skipped"
    )
