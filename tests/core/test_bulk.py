"""The bulk path (imports, demo, benchmark) and the demo network."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate import demo, queries, tags
from relate.store import bulk
from relate.validation import ValidationError


def test_bulk_insert_stores_contacts_emails_tags_and_search(db_path: Path) -> None:
    ids = bulk.insert_contacts(
        [
            bulk.NewContact("Ann", "Smith", company="Acme", emails=("a@acme.com",), tags=("Golf",)),
            bulk.NewContact(
                "Bob",
                "Ng",
                linkedin_url="https://www.linkedin.com/in/bob/",
                tags=("golf", "SMPS"),
                connected_on=dt.date(2020, 1, 2),
            ),
        ]
    )
    rows = queries.summaries(list(ids))
    assert [r.display_name for r in rows] == ["Ann Smith", "Bob Ng"]
    assert rows[0].emails == ("a@acme.com",)
    assert rows[1].linkedin_url == "https://www.linkedin.com/in/bob"
    assert rows[1].tags == ("Golf", "SMPS")  # the first spelling names the tag
    assert queries.contact_ids("smps") == [ids[1]]
    assert [(t.name, t.contact_count) for t in tags.all_tags()] == [("Golf", 2), ("SMPS", 1)]


def test_one_bad_row_writes_nothing_and_names_the_row(db_path: Path) -> None:
    people = [bulk.NewContact("Ann"), bulk.NewContact("Bob", emails=("nope",))]
    with pytest.raises(ValidationError, match=r"Row 2 \(Bob\): 'nope'"):
        bulk.insert_contacts(people)
    assert queries.count_contacts(archived=None) == 0


def test_duplicate_linkedin_urls_in_one_batch_write_nothing(db_path: Path) -> None:
    url = "https://www.linkedin.com/in/same"
    with pytest.raises(ValidationError, match="share one LinkedIn"):
        bulk.insert_contacts(
            [bulk.NewContact("A", linkedin_url=url), bulk.NewContact("B", linkedin_url=url)]
        )
    assert queries.count_contacts(archived=None) == 0


def test_the_demo_network_is_rich_and_current(db_path: Path) -> None:
    today = dt.date(2027, 3, 1)
    summary = demo.fill_demo(size=120, today=today)
    assert summary.contacts == 120 and summary.interactions > 100
    rows = queries.list_contacts()
    assert len(rows) == 120
    latest = max(r.last_contacted for r in rows if r.last_contacted)
    assert today - dt.timedelta(days=60) <= latest <= today
    assert {r.stage for r in rows} >= {"connection", "conversation", "1-2-1"}
    assert len(tags.my_interests()) >= 5
    assert any(t.avoid for t in tags.all_tags())
