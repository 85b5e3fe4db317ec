"""Your own profile from LinkedIn's data export: who "you" are in its other files."""

from __future__ import annotations

from pathlib import Path

from relate.history.linkedin_archive import open_archive
from relate.history.linkedin_profile import MyProfile, read_profile
from tests.core import linkedin_export as export


def test_the_complete_archive_gives_your_profile(tmp_path: Path) -> None:
    archive = open_archive(export.write_zip(tmp_path / "Complete.zip", export.COMPLETE))
    assert read_profile(archive) == MyProfile(
        first_name="Jordan",
        last_name="Pike",
        headline="Builds things",
        industry="Software Development",
        summary="Long story, short",
        skills=("Python", "SQLite"),
        positions=(("Contoso", "Staff Engineer"), ("Northwind", "Engineer")),
        emails=("jordan@example.org", "jordan@old.example"),
        profile_url=f"{export.IN}jordanpike",
    )


def test_an_archive_without_the_profile_files_gives_an_empty_profile(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(export.CONNECTIONS)
    assert read_profile(open_archive(path)) == MyProfile()
