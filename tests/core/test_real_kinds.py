"""Real exports and library fixtures (tests/fixtures/real/kinds, see SOURCES.md): each
is detected as the kind it is, and every importer of another kind refuses it whole with
the sentence that says what it is and which command reads it."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate.importers import ImportFileError
from relate.importers.formats import FORMAT_NAMES, detect_format
from relate.importers.sources import plan_file

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "real" / "kinds"
KINDS = list(FORMAT_NAMES)
# Each folder holds one kind; linkedin-other holds LinkedIn files that are not people.
FILES = sorted(path for path in CORPUS.rglob("*") if path.is_file() and path.suffix != ".md")
PEOPLE = [path for path in FILES if path.parent.name != "linkedin-other"]
LINKEDIN_OTHER = [path for path in FILES if path.parent.name == "linkedin-other"]

# What a user is told a file of each kind is, written out here apart from the code.
DESCRIBED = {
    "linkedin": "a LinkedIn connections export",
    "google": "a Google Contacts export",
    "outlook": "an Outlook contacts export",
    "vcard": "a vCard address book",
}
# What a few of LinkedIn's files hold, as the refusal says it.
HOLDS = {
    "Profile.csv": "your own LinkedIn profile",
    "messages.csv": "your LinkedIn messages",
    "Invitations.csv": "the invitations to connect you sent and received",
    "Positions.csv": "the positions on your own profile",
    "Education.csv": "the schools on your own profile",
    "Skills.csv": "the skills on your own profile",
    "Contacts.csv": "the address book you once uploaded to LinkedIn",
    "Endorsement_Received_Info.csv": "the endorsements you received",
    "Email Addresses.csv": "your own e-mail addresses",
    "PhoneNumbers.csv": "your own phone numbers",
}


def _name(path: Path) -> str:
    return str(path.relative_to(CORPUS))


def test_the_corpus_has_every_kind_and_says_where_each_file_is_from() -> None:
    folders = {path.parent.name for path in FILES}
    assert folders == {"linkedin", "outlook", "vcard", "csv", "linkedin-other"}
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    for path in PEOPLE:
        assert f"`{path.name}`" in sources or f"`{_name(path)}`" in sources, path.name
    assert "every file in `linkedin-other/`" in sources
    assert len(LINKEDIN_OTHER) >= 20


@pytest.mark.parametrize("path", PEOPLE, ids=_name)
def test_each_real_file_is_detected_as_its_kind(path: Path) -> None:
    assert detect_format(path) == path.parent.name


@pytest.mark.parametrize("path", PEOPLE, ids=_name)
def test_each_real_file_is_refused_by_every_other_importer(path: Path) -> None:
    found = path.parent.name
    for wanted in KINDS:
        if wanted == found:
            continue
        with pytest.raises(ImportFileError) as refused:
            plan_file(path, wanted)
        remedy = f"use `relate import {found}`."
        if found == "csv":
            assert str(refused.value).startswith(f"{path.name} is not {DESCRIBED[wanted]} (")
            assert str(refused.value).endswith(
                "it is a CSV file of no kind Relate knows by its columns; use `relate import csv`."
            )
        elif wanted == "csv":
            assert str(refused.value) == (
                f"{path.name} is {DESCRIBED[found]}, read best as one: {remedy}"
            )
        else:
            assert str(refused.value) == (
                f"{path.name} is {DESCRIBED[found]}, not {DESCRIBED[wanted]}: {remedy}"
            )


@pytest.mark.parametrize("path", LINKEDIN_OTHER, ids=_name)
def test_linkedins_other_files_are_refused_by_every_importer_saying_which_they_are(
    path: Path,
) -> None:
    with pytest.raises(ImportFileError) as detected:
        detect_format(path)
    sentence = str(detected.value)
    assert sentence.startswith(f"{path.name} is ")
    assert sentence.endswith(
        "from LinkedIn's data export: not your connections. Import Connections.csv, from the"
        " same export, to add your connections."
    )
    if path.name in HOLDS:
        assert sentence.startswith(f"{path.name} is {HOLDS[path.name]}, from LinkedIn's")
    for kind in KINDS:
        with pytest.raises(ImportFileError) as refused:
            plan_file(path, kind)
        assert str(refused.value) == sentence
