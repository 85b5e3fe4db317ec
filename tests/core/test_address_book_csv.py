"""Address books exported as CSV: Google Contacts, Outlook, any CSV through a mapping."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import importlib.util
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from relate import contacts, queries
from relate.importers import ImportFileError, full_names
from relate.importers.address_book_columns import ColumnMapping, PhoneColumn, guess_mapping
from relate.importers.address_book_csv import (
    plan_google_import,
    plan_mapped_import,
    plan_outlook_import,
    read_table,
)
from relate.importers.batches import apply_plan, undo_import
from relate.importers.plan import ImportPlan, Merged, Skipped
from relate.records import ContactDetail, Phone
from tests.database_dump import sqlite_dump

GOOGLE_HEADER = (
    "First Name,Middle Name,Last Name,Phonetic First Name,Phonetic Middle Name,"
    "Phonetic Last Name,Name Prefix,Name Suffix,Nickname,File As,Organization Name,"
    "Organization Title,Organization Department,Birthday,Notes,Photo,Labels,E-mail 1 - Label,"
    "E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,"
    "Phone 2 - Label,Phone 2 - Value,Address 1 - Label,Address 1 - Formatted,Address 1 - Street,"
    "Address 1 - City,Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,"
    "Address 1 - Country,Address 1 - Extended Address,Website 1 - Label,Website 1 - Value"
)

OLD_GOOGLE_HEADER = (
    "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,"
    "Additional Name Yomi,Family Name Yomi,Name Prefix,Name Suffix,Initials,Nickname,"
    "Short Name,Maiden Name,Birthday,Gender,Location,Billing Information,Directory Server,"
    "Mileage,Occupation,Hobby,Sensitivity,Priority,Subject,Notes,Group Membership,"
    "E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Phone 1 - Type,"
    "Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,Address 1 - City,"
    "Address 1 - PO Box,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,"
    "Address 1 - Extended Address,Organization 1 - Type,Organization 1 - Name,"
    "Organization 1 - Yomi Name,Organization 1 - Title,Organization 1 - Department,"
    "Organization 1 - Symbol,Organization 1 - Location,Organization 1 - Job Description,"
    "Website 1 - Type,Website 1 - Value"
)

OUTLOOK_HEADER = (
    "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,"
    "E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,"
    "Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,"
    "Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,"
    "Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,"
    "Assistant's Phone,Company Yomi,Business Street,Business City,Business State,"
    "Business Postal Code,Business Country/Region,Home Street,Home City,Home State,"
    "Home Postal Code,Home Country/Region,Other Street,Other City,Other State,"
    "Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,"
    "Web Page,Birthday,Anniversary,Notes,Categories"
)

# Outlook 2003 and earlier: every name quoted, a different order, "Business Country".
OLD_OUTLOOK_HEADER = (
    "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,"
    "Business Street,Business City,Business State,Business Postal Code,Business Country,"
    "Business Fax,Business Phone,Mobile Phone,Birthday,Categories,E-mail Address,E-mail Type,"
    "E-mail Display Name,Notes"
)


def export(
    path: Path,
    header: str,
    rows: list[dict[str, str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
    bom: bytes = b"",
    newline: str = "\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> Path:
    """Write an export the way the program would: its header, then one line per person."""
    columns = header.split(",")
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, lineterminator=newline, quoting=quoting)
    writer.writerow(columns)
    for row in rows:
        assert set(row) <= set(columns), set(row) - set(columns)  # a typo would go unseen
        writer.writerow([row.get(column, "") for column in columns])
    path.write_bytes(bom + text.getvalue().encode(encoding))
    return path


def people() -> dict[str, ContactDetail]:
    """Everyone in the database, by the name the list shows."""
    return {row.display_name: contacts.get_contact(row.id) for row in queries.list_contacts()}


def tag_names(person: ContactDetail) -> set[str]:
    return {tag.name for tag in person.tags}


GIORGOS = {
    "First Name": "Γιώργος",
    "Last Name": "Παπαδόπουλος",
    "Organization Name": "Acme Ελλάς",
    "Organization Title": "CTO",
    "Birthday": "1980-02-29",
    "Notes": "Met at the Athens fair.\nLikes cycling.",
    "Labels": "* myContacts ::: Clients ::: Cycling",
    "E-mail 1 - Label": "* Work",
    "E-mail 1 - Value": "giorgos@acme.gr ::: g.pap@example.com",
    "Phone 1 - Label": "* Mobile",
    "Phone 1 - Value": "+30 69 5550 0101",
    "Phone 2 - Label": "Work",
    "Phone 2 - Value": "+30 210 555 0100",
    "Address 1 - Formatted": "Leof. Kifisias 1\nAthens 115 26\nGreece",
    "Address 1 - Street": "Leof. Kifisias 1",
    "Address 1 - City": "Athens",
    "Address 1 - Region": "Attica",
    "Address 1 - Country": "Greece",
    "Website 1 - Label": "Profile",
    "Website 1 - Value": "https://www.linkedin.com/in/gpapadopoulos",
}
ANA = {
    "First Name": "Ana",
    "Last Name": "Silva",
    "Birthday": "--05-30",  # Google's birthday without a year
    "Labels": "* myContacts ::: * starred",
    "E-mail 1 - Value": "ana@example.com",
    "Address 1 - Formatted": "Rua Augusta 1\n1100-048 Lisboa\nPortugal",
    "Website 1 - Value": "https://www.linkedin.com/company/acme",  # her firm, not her
}
NAMELESS = {"Organization Name": "Shop", "E-mail 1 - Value": "info@shop.example"}


def google_export(tmp_path: Path) -> Path:
    return export(
        tmp_path / "contacts.csv", GOOGLE_HEADER, [GIORGOS, ANA, NAMELESS], bom=codecs.BOM_UTF8
    )


def outlook_export(tmp_path: Path) -> Path:
    john = {
        "Title": "Mr.",
        "First Name": "John",
        "Last Name": "Smith",
        "E-mail Address": "john.smith@globex.com",
        "Business Phone": "(216) 555-0100",
        "Mobile Phone": "+1 216 555 0199",
        "Business Fax": "(216) 555-0101",
        "Job Title": "Sales Director",
        "Company": "Globex",
        "Business City": "Cleveland",
        "Business State": "OH",
        "Business Country/Region": "United States",
        "Home City": "Akron",
        "Web Page": "linkedin.com/in/johnsmith",
        "Birthday": "0/0/00",
        "Notes": "Golf on Fridays.\r\nPrefers calls.",
        "Categories": "Clients;Cycling",
    }
    mary = {
        "First Name": "Mary",
        "Last Name": "Jones",
        "E-mail 2 Address": "mary@example.com",
        "Home Phone": "937-555-0142",
        "Home City": "Dayton",
        "Home Country/Region": "United States",
        "Birthday": "2/29/1980",
    }
    return export(tmp_path / "outlook.csv", OUTLOOK_HEADER, [john, mary], newline="\r\n")


def test_google_export_with_multiple_values_labels_and_a_greek_name(
    db_path: Path, tmp_path: Path
) -> None:
    plan = plan_google_import(google_export(tmp_path))
    assert plan.summary() == "3 new, 0 updated, 0 unchanged, 0 skipped"
    # Quoted line breaks in the first two people: the third starts on line 9.
    assert plan.new[2].line == 9
    assert plan.source == "google" and plan.file_name == "contacts.csv"
    apply_plan(plan)

    found = people()
    # The shop without a name is named by its address, for the user to rename.
    assert set(found) == {"Γιώργος Παπαδόπουλος", "Ana Silva", "info@shop.example"}
    assert found["info@shop.example"].company == "Shop"
    giorgos = found["Γιώργος Παπαδόπουλος"]
    assert (giorgos.company, giorgos.position) == ("Acme Ελλάς", "CTO")
    assert giorgos.emails == ("giorgos@acme.gr", "g.pap@example.com")
    assert giorgos.phones == (
        Phone("+30 69 5550 0101", "mobile"),
        Phone("+30 210 555 0100", "work"),
    )
    assert tag_names(giorgos) == {"Clients", "Cycling"}
    assert giorgos.location == "Athens, Attica, Greece"
    assert giorgos.birthday == dt.date(1980, 2, 29)
    assert giorgos.story == "Met at the Athens fair.\nLikes cycling."
    assert giorgos.linkedin_url == "https://www.linkedin.com/in/gpapadopoulos"

    ana = found["Ana Silva"]
    assert ana.birthday is None  # no year, no birthday
    assert tag_names(ana) == set()  # only Google's own labels
    assert ana.location == "Portugal"  # the last line of the whole address
    assert ana.linkedin_url is None
    assert queries.contact_ids("cycling") == [giorgos.id]


def test_old_google_export_in_utf16(db_path: Path, tmp_path: Path) -> None:
    wei = {
        "Name": "Wei Chen",
        "Given Name": "Wei",
        "Family Name": "Chen",
        "Group Membership": "* My Contacts ::: Suppliers",
        "E-mail 1 - Type": "* Work",
        "E-mail 1 - Value": "wei@buildco.com",
        "Phone 1 - Type": "Mobile",
        "Phone 1 - Value": "+1 216 555 0100",
        "Address 1 - City": "Cleveland",
        "Address 1 - Region": "OH",
        "Organization 1 - Name": "Buildco",
        "Organization 1 - Title": "Project Manager",
    }
    only_full_name = {"Name": "Ana Cruz", "E-mail 1 - Value": "ana@cruz.example"}
    path = export(
        tmp_path / "google.csv",
        OLD_GOOGLE_HEADER,
        [wei, only_full_name],
        encoding="utf-16-le",
        bom=codecs.BOM_UTF16_LE,
    )
    plan = plan_google_import(path)
    assert plan.summary() == "2 new, 0 updated, 0 unchanged, 0 skipped"
    apply_plan(plan)

    found = people()
    wei_chen = found["Wei Chen"]
    assert (wei_chen.company, wei_chen.position) == ("Buildco", "Project Manager")
    assert wei_chen.emails == ("wei@buildco.com",)
    assert wei_chen.phones == (Phone("+1 216 555 0100", "mobile"),)
    assert tag_names(wei_chen) == {"Suppliers"}
    assert wei_chen.location == "Cleveland, OH"
    ana = found["Ana Cruz"]
    assert (ana.first_name, ana.last_name) == ("Ana", "Cruz")


def test_outlook_export(db_path: Path, tmp_path: Path) -> None:
    path = outlook_export(tmp_path)
    assert b"\r\n" in path.read_bytes()
    plan = plan_outlook_import(path)
    assert plan.summary() == "2 new, 0 updated, 0 unchanged, 0 skipped"
    assert plan.source == "outlook"
    apply_plan(plan)

    found = people()
    john = found["Mr. John Smith"]  # Outlook's "Title" is the name prefix
    assert (john.company, john.position) == ("Globex", "Sales Director")  # not "Mr."
    assert john.phones == (
        Phone("+1 216 555 0199", "mobile"),
        Phone("(216) 555-0100", "work"),
        Phone("(216) 555-0101", "fax"),
    )
    assert john.location == "Cleveland, OH, United States"  # work before home
    assert john.birthday is None  # Outlook's "0/0/00" is no birthday
    assert tag_names(john) == {"Clients", "Cycling"}
    assert john.story == "Golf on Fridays.\nPrefers calls."
    assert john.linkedin_url == "https://www.linkedin.com/in/johnsmith"

    mary = found["Mary Jones"]
    assert mary.emails == ("mary@example.com",)
    assert mary.phones == (Phone("937-555-0142", "home"),)
    assert mary.location == "Dayton, United States"
    assert mary.birthday == dt.date(1980, 2, 29)


def test_older_outlook_export_with_every_name_quoted(db_path: Path, tmp_path: Path) -> None:
    row = {
        "Title": "Ms.",
        "First Name": "Priya",
        "Last Name": "Patel",
        "Company": "Initech",
        "Job Title": "CFO",
        "Business City": "Austin",
        "Business Country": "USA",
        "E-mail Address": "priya@initech.example",
        "E-mail Type": "SMTP",
        "E-mail Display Name": "Priya Patel (priya@initech.example)",
    }
    path = export(tmp_path / "old.csv", OLD_OUTLOOK_HEADER, [row], quoting=csv.QUOTE_ALL)
    apply_plan(plan_outlook_import(path))
    priya = people()["Ms. Priya Patel"]
    assert (priya.company, priya.position) == ("Initech", "CFO")
    assert priya.emails == ("priya@initech.example",)
    assert priya.location == "Austin, USA"


def test_an_outlook_file_with_one_name_column_is_read_not_refused(
    db_path: Path, tmp_path: Path
) -> None:
    # Outlook's columns with the name whole, as Google's shared-contacts tool writes them.
    path = tmp_path / "outlook.csv"
    path.write_text(
        "Action,ID,Name,E-mail Address,Mobile Phone,Company,Job Title,Business Phone\n"
        "add,,Adam Glacius,adam@anycom.example,+1 555 3227 8544,Acme Inc.,Planner,"
        "+1 555 3227 8547\n",
        encoding="utf-8",
    )
    apply_plan(plan_outlook_import(path))
    adam = people()["Adam Glacius"]
    assert adam.emails == ("adam@anycom.example",)
    assert {phone.number for phone in adam.phones} == {"+1 555 3227 8544", "+1 555 3227 8547"}
    assert (adam.company, adam.position) == ("Acme Inc.", "Planner")


def test_european_outlook_export_with_semicolons_in_windows_1252(
    db_path: Path, tmp_path: Path
) -> None:
    row = {
        "First Name": "Jürgen",
        "Last Name": "Müller",
        "Company": "Müller & Söhne GmbH",
        "Job Title": "Geschäftsführer",
        "E-mail Address": "juergen@mueller.example",
        "Business Phone": "+49 89 1234567",
        "Business City": "München",
        "Business Country/Region": "Deutschland",
        "Birthday": "03/04/1975",
        "Notes": "Kennt Ana; trifft sich gern früh.",
        "Categories": "Kunden;Radfahren",
    }
    path = export(
        tmp_path / "kontakte.csv",
        OUTLOOK_HEADER,
        [row],
        delimiter=";",
        encoding="cp1252",
        newline="\r\n",
    )
    assert read_table(path).encoding == "cp1252"
    plan = plan_outlook_import(path)
    assert plan.summary() == "1 new, 0 updated, 0 unchanged, 0 skipped"
    apply_plan(plan)
    juergen = people()["Jürgen Müller"]
    assert (juergen.company, juergen.position) == ("Müller & Söhne GmbH", "Geschäftsführer")
    assert juergen.location == "München, Deutschland"
    assert juergen.birthday == dt.date(1975, 4, 3)  # the day first, as Europe writes it
    assert juergen.story == "Kennt Ana; trifft sich gern früh."
    assert tag_names(juergen) == {"Kunden", "Radfahren"}
    assert juergen.phones == (Phone("+49 89 1234567", "work"),)


GENERIC = (
    "Name,Organisation,Email,Mobile,Notes\n"
    "Ana Silva,Acme,ana@acme.example,+351 912 345 678,Met at Web Summit\n"
    "Bo Lee,Initech,bo@initech.example; bo.lee@mail.example,555 0100,\n"
    "ana silva,Acme,ANA@acme.example,,\n"
    ",Acme,info@acme.example,,\n"
    "Cy Young,Acme,cy@acme.example,,a note,stray value\n"
)


def test_any_csv_through_the_guessed_mapping(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(GENERIC, encoding="utf-8")
    plan = plan_mapped_import(path, guess_mapping(read_table(path).headers))
    assert plan.summary() == (
        "3 new, 0 updated, 0 unchanged, 1 merged with another row of this file, 1 skipped"
    )
    assert plan.merged == (Merged(4, 2),)
    assert plan.skipped == (Skipped(6, "more values than columns"),)
    assert plan.source == "csv"
    apply_plan(plan)

    found = people()
    assert set(found) == {"Ana Silva", "Bo Lee", "info@acme.example"}
    ana = found["Ana Silva"]
    assert (ana.first_name, ana.last_name, ana.company) == ("Ana", "Silva", "Acme")
    assert ana.phones == (Phone("+351 912 345 678", "mobile"),)
    assert ana.story == "Met at Web Summit"
    assert found["Bo Lee"].emails == ("bo@initech.example", "bo.lee@mail.example")


def test_any_csv_through_a_mapping_the_user_chose(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(GENERIC, encoding="utf-8")
    # The user left out the organisation and the notes.
    mapping = ColumnMapping(
        full_name=("Name",), emails=("Email",), phones=(PhoneColumn("Mobile", "cell"),)
    )
    apply_plan(plan_mapped_import(path, mapping))
    ana = people()["Ana Silva"]
    assert (ana.company, ana.story) == ("", "")
    assert ana.phones == (Phone("+351 912 345 678", "cell"),)


def test_a_file_whose_columns_cannot_be_guessed_is_read_through_a_chosen_mapping(
    db_path: Path, tmp_path: Path
) -> None:
    path = tmp_path / "kunden.csv"
    path.write_text("Wer,Firma,Post\nAna Silva,Acme,ana@acme.example\n", encoding="utf-8")
    refusal = r"^kunden\.csv has no name or e-mail column: choose which"
    with pytest.raises(ImportFileError, match=refusal):
        plan_mapped_import(path, guess_mapping(read_table(path).headers))
    mapping = ColumnMapping(full_name=("Wer",), company=("Firma",), emails=("Post",))
    apply_plan(plan_mapped_import(path, mapping))
    ana = people()["Ana Silva"]
    assert (ana.company, ana.emails) == ("Acme", ("ana@acme.example",))


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            ["Given Name", "Family Name", "Organization", "Title", "E-mail Address", "Phone"],
            ColumnMapping(
                first_name=("Given Name",),
                last_name=("Family Name",),
                company=("Organization",),
                position=("Title",),
                emails=("E-mail Address",),
                phones=(PhoneColumn("Phone", ""),),
            ),
        ),
        (
            ["FIRST NAME", "Surname", "Organisation", "Position", "Birthday", "Tags", "LinkedIn"],
            ColumnMapping(
                first_name=("FIRST NAME",),
                last_name=("Surname",),
                company=("Organisation",),
                position=("Position",),
                birthday=("Birthday",),
                tags=("Tags",),
                linkedin_url=("LinkedIn",),
            ),
        ),
        (
            ["Full Name", "Company", "Work Phone", "Fax", "Labels", "City", "Country", "Notes"],
            ColumnMapping(
                full_name=("Full Name",),
                company=("Company",),
                phones=(PhoneColumn("Work Phone", "work"), PhoneColumn("Fax", "fax")),
                tags=("Labels",),
                location=(("City", "Country"),),
                story=("Notes",),
            ),
        ),
    ],
)
def test_guess_mapping_recognises_common_column_names(
    headers: list[str], expected: ColumnMapping
) -> None:
    assert guess_mapping(headers) == expected


def test_guess_mapping_takes_outlooks_job_title_not_its_title() -> None:
    mapping = guess_mapping(OUTLOOK_HEADER.split(","))
    assert mapping.position == ("Job Title",)
    assert mapping.emails == ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
    assert PhoneColumn("Mobile Phone", "mobile") in mapping.phones
    assert PhoneColumn("Business Fax", "fax") in mapping.phones


@pytest.mark.skipif(importlib.util.find_spec("nameparser") is None, reason="needs nameparser")
def test_full_names_are_split_by_nameparser(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text('Name\nDr. Ana de la Cruz\n"Silva, Bo"\nMadonna\n', encoding="utf-8")
    apply_plan(plan_mapped_import(path, ColumnMapping(full_name=("Name",))))
    names = {(p.first_name, p.last_name) for p in people().values()}
    # nameparser's title is the name prefix, kept before the first name.
    assert names == {("Dr. Ana", "de la Cruz"), ("Bo", "Silva"), ("Madonna", "")}


def test_without_nameparser_full_names_split_at_the_last_space(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(full_names, "_HumanName", None)
    path = tmp_path / "names.csv"
    path.write_text("Name\nAna de la Cruz\nMadonna\n", encoding="utf-8")
    apply_plan(plan_mapped_import(path, ColumnMapping(full_name=("Name",))))
    names = {(p.first_name, p.last_name) for p in people().values()}
    assert names == {("Ana de la", "Cruz"), ("Madonna", "")}


@pytest.mark.parametrize(
    ("export_file", "planner", "unchanged", "skipped"),
    [(google_export, plan_google_import, 3, 0), (outlook_export, plan_outlook_import, 2, 0)],
)
def test_reimporting_the_same_export_changes_nothing(
    db_path: Path,
    tmp_path: Path,
    export_file: Callable[[Path], Path],
    planner: Callable[[Path], ImportPlan],
    unchanged: int,
    skipped: int,
) -> None:
    path = export_file(tmp_path)
    assert apply_plan(planner(path)) is not None
    before = sqlite_dump(db_path)
    plan = planner(path)
    assert plan.summary() == f"0 new, 0 updated, {unchanged:,} unchanged, {skipped:,} skipped"
    assert apply_plan(plan) is None
    assert sqlite_dump(db_path) == before


def test_undo_takes_an_address_book_import_back_out(db_path: Path, tmp_path: Path) -> None:
    mary = contacts.create_contact("Mary", "Jones", emails=["MARY@example.com"])
    plan = plan_outlook_import(outlook_export(tmp_path))
    assert plan.summary() == "1 new, 1 updated, 0 unchanged, 0 skipped"
    batch = apply_plan(plan)
    assert batch is not None
    filled = contacts.get_contact(mary)
    assert (filled.location, filled.birthday) == ("Dayton, United States", dt.date(1980, 2, 29))

    assert undo_import(batch)[:3] == (1, 1, 0)
    assert set(people()) == {"Mary Jones"}
    restored = contacts.get_contact(mary)
    assert (restored.location, restored.birthday, restored.phones) == ("", None, ())
    assert restored.emails == ("MARY@example.com",)


TRUNCATED = (OUTLOOK_HEADER + '\r\nJohn,,Smith,,,,,,"john@globex.example').encode()


@pytest.mark.parametrize(
    ("data", "words", "planner"),
    [
        (b"", "is empty", plan_google_import),
        (b" \r\n\n", "is empty", plan_outlook_import),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00First Name", "is not a text file", plan_google_import),
        (
            TRUNCATED,
            "is cut short (a quoted value is never closed, near line 2)",
            plan_outlook_import,
        ),
        (
            b"Ana Silva,ana@acme.example,+351 912 345 678\n",
            'has no header row: its first line holds values such as "ana@acme.example"',
            lambda path: plan_mapped_import(path, ColumnMapping(full_name=("Name",))),
        ),
        (
            b"Firm,Mail\nAcme,info@acme.example\n",
            "has no name or e-mail column: choose which column holds the names",
            plan_google_import,
        ),
    ],
)
def test_refusals_name_the_file_and_write_nothing(
    db_path: Path,
    tmp_path: Path,
    data: bytes,
    words: str,
    planner: Callable[[Path], ImportPlan],
) -> None:
    apply_plan(plan_outlook_import(outlook_export(tmp_path)))
    before = sqlite_dump(db_path)
    path = tmp_path / "address book.csv"
    path.write_bytes(data)
    with pytest.raises(ImportFileError) as caught:
        apply_plan(planner(path))
    message = str(caught.value)
    assert message.startswith("address book.csv ")
    assert words in message
    assert sqlite_dump(db_path) == before


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"^gone\.csv cannot be read"):
        read_table(tmp_path / "gone.csv")
