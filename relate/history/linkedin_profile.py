"""Your own profile from LinkedIn's data export (Profile.csv, Skills.csv,
Positions.csv, Email Addresses.csv): who "you" are in the other files, never a
contact."""

from __future__ import annotations

from dataclasses import dataclass

from relate.history.linkedin_archive import (
    EMAIL_ADDRESSES,
    INVITATIONS,
    POSITIONS,
    PROFILE,
    SKILLS,
    LinkedInArchive,
)
from relate.history.linkedin_invitations import my_profile_url
from relate.history.linkedin_table import Row, read_table


@dataclass(frozen=True, slots=True)
class MyProfile:
    """The archive owner's profile; any part may be empty when its file is missing.

    positions: (company, title) pairs as the file lists them (the current first).
    emails: lower-cased, the primary one first. profile_url: from Invitations.csv.
    """

    first_name: str = ""
    last_name: str = ""
    headline: str = ""
    industry: str = ""
    summary: str = ""
    skills: tuple[str, ...] = ()
    positions: tuple[tuple[str, str], ...] = ()
    emails: tuple[str, ...] = ()
    profile_url: str = ""


def read_profile(archive: LinkedInArchive) -> MyProfile:
    """The owner's profile from the archive's files (HistoryFileError when one is cut
    short or garbled)."""
    first = next(iter(_rows(archive, PROFILE)), None)
    positions = tuple(
        (row["company name"], row["title"])
        for row in _rows(archive, POSITIONS)
        if row["company name"] or row["title"]
    )
    invitations = archive.files.get(INVITATIONS)
    return MyProfile(
        first_name=first["first name"] if first else "",
        last_name=first["last name"] if first else "",
        headline=first["headline"] if first else "",
        industry=first["industry"] if first else "",
        summary=first["summary"] if first else "",
        skills=tuple(dict.fromkeys(row["name"] for row in _rows(archive, SKILLS) if row["name"])),
        positions=positions,
        emails=_emails(archive),
        profile_url=my_profile_url(invitations.text, invitations.name) if invitations else "",
    )


def _rows(archive: LinkedInArchive, kind: str) -> list[Row]:
    found = archive.files.get(kind)
    return list(read_table(found.text, found.name).rows()) if found else []


def _emails(archive: LinkedInArchive) -> tuple[str, ...]:
    rows = _rows(archive, EMAIL_ADDRESSES)
    # The primary address first, then the file's order.
    rows.sort(key=lambda row: row["primary"].casefold() != "yes")
    return tuple(dict.fromkeys(a for row in rows if (a := row["email address"].lower())))
