"""Each importer reads its own kind of file and refuses any other, saying what the file
is and which command reads it; LinkedIn's other export files are refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate.cli import main
from relate.importers import ImportFileError
from relate.importers.formats import detect_format
from relate.importers.linkedin import plan_linkedin_import
from tests.core.test_address_book_csv import GOOGLE_HEADER, OUTLOOK_HEADER
from tests.database_dump import sqlite_dump

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,Silva,https://www.linkedin.com/in/ana-silva,,Acme,CTO,30 May 2024\n"
)
GOOGLE = f"{GOOGLE_HEADER}\nAna,,Silva\n"
OUTLOOK = f"{OUTLOOK_HEADER}\r\nAna,,Silva\r\n"
VCARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Silva\r\nN:Silva;Ana;;;\r\nEND:VCARD\r\n"
# First and last names, as LinkedIn's have, but not when you connected: any CSV.
PLAIN = "First Name,Last Name,Email\nAna,Silva,ana@acme.example\n"

FILES = {
    "linkedin": ("Connections.csv", CONNECTIONS),
    "google": ("contacts.csv", GOOGLE),
    "outlook": ("outlook.csv", OUTLOOK),
    "vcard": ("contacts.vcf", VCARD),
    "csv": ("people.csv", PLAIN),
}

# What each refusal says, read as (the file's kind, the kind asked for).
SENTENCES = {
    ("google", "linkedin"): (
        "contacts.csv is a Google Contacts export, not a LinkedIn connections export:"
        " use `relate import google`."
    ),
    ("google", "outlook"): (
        "contacts.csv is a Google Contacts export, not an Outlook contacts export:"
        " use `relate import google`."
    ),
    ("google", "vcard"): (
        "contacts.csv is a Google Contacts export, not a vCard address book:"
        " use `relate import google`."
    ),
    ("google", "csv"): (
        "contacts.csv is a Google Contacts export, read best as one: use `relate import google`."
    ),
    ("outlook", "google"): (
        "outlook.csv is an Outlook contacts export, not a Google Contacts export:"
        " use `relate import outlook`."
    ),
    ("outlook", "linkedin"): (
        "outlook.csv is an Outlook contacts export, not a LinkedIn connections export:"
        " use `relate import outlook`."
    ),
    ("vcard", "linkedin"): (
        "contacts.vcf is a vCard address book, not a LinkedIn connections export:"
        " use `relate import vcard`."
    ),
    ("vcard", "csv"): (
        "contacts.vcf is a vCard address book, read best as one: use `relate import vcard`."
    ),
    ("linkedin", "google"): (
        "Connections.csv is a LinkedIn connections export, not a Google Contacts export:"
        " use `relate import linkedin`."
    ),
    ("linkedin", "csv"): (
        "Connections.csv is a LinkedIn connections export, read best as one:"
        " use `relate import linkedin`."
    ),
    ("csv", "linkedin"): (
        "people.csv is not a LinkedIn connections export (LinkedIn's connections have a"
        " Connected On column): it is a CSV file of no kind Relate knows by its columns;"
        " use `relate import csv`."
    ),
    ("csv", "google"): (
        "people.csv is not a Google Contacts export (Google's have columns such as"
        " Organization Name or E-mail 1 - Value): it is a CSV file of no kind Relate knows"
        " by its columns; use `relate import csv`."
    ),
    ("csv", "outlook"): (
        "people.csv is not an Outlook contacts export (Outlook's have columns such as"
        " E-mail Address and Business Phone): it is a CSV file of no kind Relate knows by"
        " its columns; use `relate import csv`."
    ),
    ("csv", "vcard"): (
        "people.csv is not a vCard address book (a vCard file begins with BEGIN:VCARD): it"
        " is a CSV file of no kind Relate knows by its columns; use `relate import csv`."
    ),
}

# The headers of LinkedIn's other export files, as LinkedIn writes them, and the words
# that say which file each is.
LINKEDIN_FILES = [
    (
        "Profile.csv",
        "First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,"
        "Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n"
        'Ana,Silva,,,,CTO at Acme,,Software,,"Lisbon, Portugal",,,\n',
        "Profile.csv is your own LinkedIn profile, from LinkedIn's data export: not your"
        " connections. Import Connections.csv, from the same export, to add your connections.",
    ),
    (
        "messages.csv",
        '"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO",'
        '"RECIPIENT PROFILE URLS","DATE","SUBJECT","CONTENT","FOLDER","ATTACHMENTS",'
        '"IS MESSAGE DRAFT","IS CONVERSATION DRAFT"\n'
        "2-abc,,Bo Lee,https://www.linkedin.com/in/bo,Ana Silva,,2024-05-30 10:00:00 UTC,"
        ",Hello,INBOX,,No,No\n",
        "messages.csv is your LinkedIn messages, from LinkedIn's data export",
    ),
    (
        "messages.csv",
        "From,To,Date,Subject,Content,Direction,Folder\n"
        "Bo Lee,Ana Silva,5/30/18 10:00 AM,,Hello,INCOMING,INBOX\n",
        "messages.csv is your LinkedIn messages",
    ),
    (
        "Invitations.csv",
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Bo Lee,Ana Silva,"5/30/24, 10:00 AM",,INCOMING,https://www.linkedin.com/in/bo,\n',
        "Invitations.csv is the invitations to connect you sent and received",
    ),
    (
        "Positions.csv",
        "Company Name,Title,Description,Location,Started On,Finished On\n"
        "Acme,CTO,,Lisbon,Jan 2020,\n",
        "Positions.csv is the positions on your own profile",
    ),
    (
        "Education.csv",
        "School Name,Start Date,End Date,Notes,Degree Name,Activities\n"
        "Universidade de Lisboa,2008,2012,,MSc,\n",
        "Education.csv is the schools on your own profile",
    ),
    ("Skills.csv", "Name\nPython\nBIM\n", "Skills.csv is the skills on your own profile"),
    (
        "Imported Contacts.csv",
        "First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At,"
        "Instant Message Handles,Addresses,Sites,Full Name,Birthday,Location,Bookmarked At,"
        'Profiles\nBo,Lee,,,bo@example.com,,"5/30/18, 10:00 AM",,,,,,,,\n',
        "Imported Contacts.csv is the address book you once uploaded to LinkedIn",
    ),
    (
        "Contacts.csv",
        "Source,FirstName,LastName,Companies,Title,Emails,PhoneNumbers,CreatedAt,Addresses,"
        "Sites,InstantMessageHandles,FullName,Birthday,Location,BookmarkedAt,Profiles\n"
        "GOOGLE_CONTACTS,Bo,Lee,,,bo@example.com,,,,,,,,,,\n",
        "Contacts.csv is the address book you once uploaded to LinkedIn, from LinkedIn's"
        " data export: not your connections",
    ),
    (
        "Recommendations_Received.csv",
        "First Name,Last Name,Company,Job Title,Text,Creation Date,Status\n"
        "Bo,Lee,Globex,Director,Ana is great.,05/30/24,VISIBLE\n",
        "Recommendations_Received.csv is recommendations written on LinkedIn",
    ),
    (
        "Endorsement_Received_Info.csv",
        "Endorsement Date,Skill Name,Endorser First Name,Endorser Last Name,"
        "Endorser Public Url,Endorsement Status\n2024/05/30,BIM,Bo,Lee,,ACCEPTED\n",
        "Endorsement_Received_Info.csv is the endorsements you received",
    ),
    (
        "Email Addresses.csv",
        "Email Address,Confirmed,Primary,Updated On\nana@acme.example,Yes,Yes,\n",
        "Email Addresses.csv is your own e-mail addresses",
    ),
    (
        "export.csv",
        "Company Name,Title,Description,Location,Started On,Finished On\nAcme,CTO,,,,\n",
        "export.csv is the positions on your own profile, from LinkedIn's data export"
        " (Positions.csv)",
    ),
]


def _refused(
    capsys: pytest.CaptureFixture[str], db: Path, kind: str, path: Path
) -> tuple[str, str]:
    capsys.readouterr()
    before = sqlite_dump(db)
    code = main(["--db", str(db), "import", kind, str(path)])
    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert out == ""
    assert sqlite_dump(db) == before  # nothing of it imported, not even a batch
    return out, err


@pytest.mark.parametrize(("found", "wanted"), list(SENTENCES))
def test_a_file_of_another_kind_is_refused_saying_what_it_is_and_what_reads_it(
    capsys: pytest.CaptureFixture[str], cli_db: Path, tmp_path: Path, found: str, wanted: str
) -> None:
    name, text = FILES[found]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert detect_format(path) == found
    _, err = _refused(capsys, cli_db, wanted, path)
    assert err == f"relate: {SENTENCES[found, wanted]}\n"


@pytest.mark.parametrize("kind", list(FILES))
def test_each_kind_is_read_by_its_own_command(
    capsys: pytest.CaptureFixture[str], cli_db: Path, tmp_path: Path, kind: str
) -> None:
    name, text = FILES[kind]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", str(cli_db), "import", kind, str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("1 new")


@pytest.mark.parametrize(("name", "text", "sentence"), LINKEDIN_FILES)
@pytest.mark.parametrize("kind", ["linkedin", "csv", "google", "outlook"])
def test_linkedin_export_files_other_than_connections_are_refused_by_name(
    capsys: pytest.CaptureFixture[str],
    cli_db: Path,
    tmp_path: Path,
    name: str,
    text: str,
    sentence: str,
    kind: str,
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    if kind == "linkedin" and name in ("messages.csv", "Invitations.csv"):
        # Read as history now: the archive's files of who wrote to whom (issue 19).
        capsys.readouterr()
        assert main(["--db", str(cli_db), "import", kind, str(path), "--dry-run"]) == 0
        assert "timeline entr" in capsys.readouterr().out
        return
    _, err = _refused(capsys, cli_db, kind, path)
    assert err.startswith(f"relate: {sentence}")
    assert "not your connections. Import Connections.csv" in err
    assert len(err.splitlines()) == 1


def test_a_list_of_names_is_not_taken_for_linkedins_skills(tmp_path: Path) -> None:
    path = tmp_path / "members.csv"
    path.write_text("Name\nAna Silva\nBo Lee\n", encoding="utf-8")
    assert detect_format(path) == "csv"


def test_an_address_book_with_a_maiden_name_column_is_not_taken_for_linkedins_profile(
    tmp_path: Path,
) -> None:
    # Roundcube's CSV import test file: every column an address book can have.
    path = tmp_path / "all.csv"
    path.write_text(
        "Display Name,First Name,Last Name,Email Home,Home Phone,Maiden Name,Birthday\n"
        "Ana Silva,Ana,Silva,ana@home.example,100,Souza,20/01/1991\n",
        encoding="utf-8",
    )
    assert detect_format(path) == "csv"


def test_linkedins_zip_is_read_whole_and_another_zip_refused(
    capsys: pytest.CaptureFixture[str], cli_db: Path, tmp_path: Path
) -> None:
    import zipfile

    path = tmp_path / "Basic_LinkedInDataExport_05-30-2024.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
    capsys.readouterr()
    assert main(["--db", str(cli_db), "import", "linkedin", str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("1 new")
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("IMG_0001.jpg", b"\xff\xd8\xff")
    _, err = _refused(capsys, cli_db, "linkedin", other)
    assert err.startswith("relate: photos.zip") and "LinkedIn" in err


def test_the_linkedin_importer_itself_wants_the_connected_on_column(tmp_path: Path) -> None:
    path = tmp_path / "Profile.csv"
    path.write_text(LINKEDIN_FILES[0][1], encoding="utf-8")
    with pytest.raises(ImportFileError, match="^Profile.csv is not a LinkedIn connections export"):
        plan_linkedin_import(path)
