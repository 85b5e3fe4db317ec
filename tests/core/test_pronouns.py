"""Pronouns, the field added by the "Adding a field" recipe, end to end."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from relate import contacts, merge
from relate.brief import render as brief
from relate.brief.query import brief_data
from relate.cli import main
from relate.exporters.json_export import export_json
from relate.exporters.vcard import export_vcards
from relate.importers.address_book_csv import plan_google_import, plan_outlook_import
from relate.importers.batches import apply_plan
from relate.importers.vcard import plan_vcard_import
from relate.store.db import close_database, open_database

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_command_line_adds_edits_and_shows_pronouns(db_path: Path, capsys) -> None:
    db = ["--db", str(db_path)]
    assert main([*db, "add", "Ann", "Adams", "--pronouns", " she/her "]) == 0
    capsys.readouterr()
    assert main([*db, "show", "Ann"]) == 0
    assert "Pronouns:     she/her" in capsys.readouterr().out
    assert main([*db, "edit", "Ann", "--pronouns", "they/them"]) == 0
    assert main([*db, "show", "Ann", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["pronouns"] == "they/them"
    assert main([*db, "edit", "Ann", "--pronouns", ""]) == 0
    capsys.readouterr()
    assert main([*db, "show", "Ann"]) == 0
    assert "Pronouns" not in capsys.readouterr().out


def test_pronouns_go_out_and_come_back_through_a_vcard(db_path: Path, tmp_path: Path) -> None:
    contacts.create_contact("Ann", "Adams", pronouns="she/her", emails=["ann@acme.example"])
    path = tmp_path / "out.vcf"
    export_vcards(path)
    assert b"\r\nPRONOUNS:she/her\r\n" in path.read_bytes()
    close_database()
    open_database(tmp_path / "other.sqlite")
    apply_plan(plan_vcard_import(path))
    (ann,) = contacts.find_contacts("Ann Adams")
    assert contacts.get_contact(ann).pronouns == "she/her"


def test_a_vcard_4_pronouns_property_fills_an_empty_field_only(
    db_path: Path, tmp_path: Path
) -> None:
    ann = contacts.create_contact("Ann", "Adams", emails=["ann@acme.example"])
    bob = contacts.create_contact("Bob", "Baker", pronouns="he/him", emails=["bob@b.example"])
    path = tmp_path / "in.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann Adams\r\nN:Adams;Ann;;;\r\n"
        "EMAIL:ann@acme.example\r\nPRONOUNS;LANGUAGE=en:she/her\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bob Baker\r\nN:Baker;Bob;;;\r\n"
        "EMAIL:bob@b.example\r\nPRONOUNS:they/them\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    plan = plan_vcard_import(path)
    assert [u.describe() for u in plan.updates] == ["pronouns: she/her", "no change"]
    apply_plan(plan)
    assert contacts.get_contact(ann).pronouns == "she/her"
    assert contacts.get_contact(bob).pronouns == "he/him"  # the user's own value stays


@pytest.mark.parametrize("plan", [plan_google_import, plan_outlook_import])
def test_an_address_book_csv_column_named_pronouns_is_read(
    db_path: Path, tmp_path: Path, plan
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("First Name,Last Name,Pronouns\nAnn,Adams,she/her\n", encoding="utf-8")
    apply_plan(plan(path))
    (ann,) = contacts.find_contacts("Ann Adams")
    assert contacts.get_contact(ann).pronouns == "she/her"


def test_the_json_export_carries_pronouns(db_path: Path, tmp_path: Path) -> None:
    contacts.create_contact("Ann", "Adams", pronouns="she/her")
    path = tmp_path / "all.json"
    export_json(path)
    (ann,) = json.loads(path.read_text(encoding="utf-8"))["contacts"]
    assert ann["pronouns"] == "she/her"


def test_merge_asks_about_pronouns_when_both_differ(db_path: Path) -> None:
    keep = contacts.create_contact("Ann", "Adams", pronouns="she/her")
    drop = contacts.create_contact("Ann", "Adams", pronouns="she/they")
    assert merge.conflicts(keep, drop)["pronouns"] == ("she/her", "she/they")
    merge.merge_contacts(keep, drop, {"pronouns": "drop"})
    assert contacts.get_contact(keep).pronouns == "she/they"
    quiet = contacts.create_contact("Bob", "Baker")
    other = contacts.create_contact("Bob", "Baker", pronouns="he/him")
    assert "pronouns" not in merge.conflicts(quiet, other)
    merge.merge_contacts(quiet, other)
    assert contacts.get_contact(quiet).pronouns == "he/him"  # an empty side takes the other


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")
def test_the_brief_shows_pronouns_beside_the_name(db_path: Path, tmp_path: Path) -> None:
    ann = contacts.create_contact("Ann", "Adams", pronouns="she/her", company="Acme")
    bob = contacts.create_contact("Bob", "Baker", company="Brick")

    def text(contact_id: int) -> str:
        path = tmp_path / "brief.pdf"
        path.write_bytes(brief.render_brief(brief_data(contact_id, on=dt.date(2026, 12, 1))))
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    assert "Ann Adams (she/her)" in text(ann)
    assert "Bob Baker\n" in text(bob)


def test_a_version_10_file_gets_empty_pronouns(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "relate-v10.sqlite", path)
    open_database(path)
    try:
        assert contacts.get_contact(1).pronouns == ""
        contacts.update_contact(1, pronouns="he/him")
        assert contacts.get_contact(1).pronouns == "he/him"
    finally:
        close_database()
