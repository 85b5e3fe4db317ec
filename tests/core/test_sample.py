"""The sample network generator: deterministic, varied, and consistent with itself."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest

from relate.demo import sample
from relate.demo.sample import (
    REFERENCE_DATE,
    STAGES,
    SampleInteraction,
    SamplePerson,
    generate_follow_ups,
    generate_interactions,
    generate_people,
    my_interests,
    sample_tags,
)

CATEGORIES = {"interest", "hobby", "place", "expertise", "industry", "group", "other"}
KINDS = {"met", "conversation", "1-2-1", "call", "email", "message", "note", "gave", "received"}
SUB_KINDS = {"information", "introduction", "referral", "advice", "help"}
CADENCES = {14, 30, 60, 90, 180, 365}


@pytest.fixture(scope="module")
def people() -> list[SamplePerson]:
    return generate_people(2_000, seed=3)


@pytest.fixture(scope="module")
def interactions(people: list[SamplePerson]) -> list[SampleInteraction]:
    return generate_interactions(people, seed=3)


def _tag_key(name: str) -> str:
    """Same rule as the core: case and inner spacing do not make a different tag."""
    return " ".join(name.split()).casefold()


# ---------------------------------------------------------------- determinism


def test_same_seed_gives_equal_output_and_another_seed_differs() -> None:
    people = generate_people(500, seed=11)
    assert people == generate_people(500, seed=11)
    assert generate_interactions(people, seed=11) == generate_interactions(people, seed=11)
    assert generate_follow_ups(people, seed=11) == generate_follow_ups(people, seed=11)

    other = generate_people(500, seed=12)
    assert other != people
    assert sum(a.linkedin_url != b.linkedin_url for a, b in zip(people, other, strict=True)) > 400
    assert generate_interactions(people, seed=12) != generate_interactions(people, seed=11)
    assert generate_follow_ups(people, seed=12) != generate_follow_ups(people, seed=11)


def test_a_smaller_run_is_a_prefix_of_a_larger_one() -> None:
    assert generate_people(300, seed=5) == generate_people(1_000, seed=5)[:300]


def test_output_does_not_depend_on_the_process_hash_seed() -> None:
    """The benchmark and the demo must get the same data in every run of the program."""
    script = (
        "import hashlib; from relate.demo import sample as s\n"
        "p = s.generate_people(400, 9)\n"
        "data = repr((p, s.generate_interactions(p, 9), s.generate_follow_ups(p, 9)))\n"
        "print(hashlib.sha256(data.encode()).hexdigest())\n"
    )
    root = Path(__file__).resolve().parents[2]
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        run = subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.add(run.stdout.strip())
    people = generate_people(400, 9)
    here = repr((people, generate_interactions(people, 9), generate_follow_ups(people, 9)))
    assert digests == {hashlib.sha256(here.encode()).hexdigest()}


def test_sizes_zero_and_negative() -> None:
    assert generate_people(0) == []
    assert generate_interactions([]) == []
    assert generate_follow_ups([]) == []
    with pytest.raises(ValueError):
        generate_people(-1)
    with pytest.raises(ValueError):
        generate_interactions(generate_people(3), per_person=-1)


# ---------------------------------------------------------------- tags


def test_tag_names_are_unique_ignoring_case_and_categories_are_valid() -> None:
    tags = sample_tags()
    assert 70 <= len(tags) <= 100
    keys = [_tag_key(name) for name, _, _ in tags]
    assert len(set(keys)) == len(keys)
    assert all(name == name.strip() and name for name, _, _ in tags)
    assert {category for _, category, _ in tags} == CATEGORIES
    avoided = {name for name, _, avoid in tags if avoid}
    assert {"politics", "religion"} <= avoided
    assert 2 <= len(avoided) <= 3


def test_my_interests_are_sample_tags_and_not_avoided() -> None:
    avoid = {name: flag for name, _, flag in sample_tags()}
    mine = my_interests()
    assert 6 <= len(mine) <= 8
    assert len(set(mine)) == len(mine)
    assert all(name in avoid and not avoid[name] for name in mine)


def test_people_tags_come_from_sample_tags_without_duplicates(people: list[SamplePerson]) -> None:
    names = {name for name, _, _ in sample_tags()}
    for person in people:
        assert 0 <= len(person.tags) <= 5
        assert set(person.tags) <= names
        assert len({_tag_key(t) for t in person.tags}) == len(person.tags)
    # Common ground needs people who share the user's interests.
    mine = set(my_interests())
    assert sum(bool(mine & set(p.tags)) for p in people) > len(people) // 20


# ---------------------------------------------------------------- people


def test_linkedin_urls_are_unique_and_well_formed_across_20000_people() -> None:
    urls = [p.linkedin_url for p in generate_people(20_000, seed=1) if p.linkedin_url]
    assert len(urls) == len(set(urls))
    assert 0.85 < len(urls) / 20_000 < 0.95
    pattern = re.compile(r"^https://www\.linkedin\.com/in/[a-z0-9]+(-[a-z0-9]+)*$")
    assert all(pattern.match(url) for url in urls)


def test_emails_are_unique_mostly_missing_and_look_like_first_last(
    people: list[SamplePerson],
) -> None:
    emails = [p.email for p in people if p.email]
    assert len(emails) == len(set(emails))
    assert 0.1 < len(emails) / len(people) < 0.35
    shape = re.compile(r"[a-z]+\.[a-z]+[0-9]*@[a-z0-9]+\.(com|org|edu|gov)")
    assert all(shape.fullmatch(email) for email in emails)


def test_stages_are_valid_and_most_people_are_connections(people: list[SamplePerson]) -> None:
    counts = Counter(p.stage for p in people)
    assert set(counts) == set(STAGES) == set(sample.STAGES)
    assert counts["connection"] > 0.7 * len(people)
    assert counts["connection"] > counts["conversation"] > counts["advocate"] > 0


def test_connected_on_is_within_eight_years_before_the_reference_date(
    people: list[SamplePerson],
) -> None:
    assert date(2026, 11, 1) == REFERENCE_DATE  # fixed, so output never depends on today
    dates = [p.connected_on for p in people]
    assert min(dates) >= REFERENCE_DATE - timedelta(days=8 * 366)
    assert max(dates) < REFERENCE_DATE
    assert len({d.year for d in dates}) >= 8


def test_cadence_only_past_connection_and_from_the_allowed_values(
    people: list[SamplePerson],
) -> None:
    for person in people:
        if person.stage == "connection":
            assert person.cadence_days is None
        else:
            assert person.cadence_days is None or person.cadence_days in CADENCES
    assert sum(p.cadence_days is not None for p in people) < len(people) / 2


def test_names_and_companies_vary(people: list[SamplePerson]) -> None:
    assert len({(p.first_name, p.last_name) for p in people}) >= 500
    assert 100 <= len({p.company for p in people}) <= 400
    assert max(Counter(p.company for p in people).values()) > 10  # colleagues share a firm
    assert len({p.location for p in people}) >= 10
    assert len({p.position for p in people}) >= 50
    all_names = " ".join(f"{p.first_name} {p.last_name}" for p in generate_people(20_000))
    for needle in ("é", "ë", "Ł", "ü", "'", "-", ", "):  # accents, O'Brien, hyphens, ", PMP"
        assert needle in all_names


def test_some_people_have_a_story_and_how_we_met(people: list[SamplePerson]) -> None:
    with_story = [p for p in people if p.story]
    assert 0.03 * len(people) < len(with_story) < 0.5 * len(people)
    assert all(p.first_name in p.story for p in with_story)
    assert any(p.how_met == "LinkedIn" for p in people)
    assert sum(bool(p.how_met) for p in people) < len(people)


# ---------------------------------------------------------------- interactions


def test_interactions_reference_people_and_never_predate_the_connection(
    people: list[SamplePerson], interactions: list[SampleInteraction]
) -> None:
    assert interactions
    two_years_back = REFERENCE_DATE - timedelta(days=2 * 366)
    for entry in interactions:
        assert 0 <= entry.person_index < len(people)
        assert entry.date >= people[entry.person_index].connected_on
        assert two_years_back <= entry.date < REFERENCE_DATE
    order = [(e.person_index, e.date) for e in interactions]
    assert order == sorted(order)


def test_sub_kind_is_present_exactly_for_gave_and_received(
    interactions: list[SampleInteraction],
) -> None:
    kinds = Counter(e.kind for e in interactions)
    assert set(kinds) == KINDS
    for entry in interactions:
        if entry.kind in ("gave", "received"):
            assert entry.sub_kind in SUB_KINDS
        else:
            assert entry.sub_kind is None
    assert {e.sub_kind for e in interactions if e.kind == "gave"} == SUB_KINDS


def test_interaction_count_follows_per_person_and_stage(
    people: list[SamplePerson], interactions: list[SampleInteraction]
) -> None:
    assert 1.2 < len(interactions) / len(people) < 1.8
    twice = generate_interactions(people, seed=3, per_person=3.0)
    assert 2.5 < len(twice) / len(people) < 3.5

    per_person = Counter(e.person_index for e in interactions)
    by_stage: dict[str, list[int]] = {stage: [] for stage in STAGES}
    for index, person in enumerate(people):
        by_stage[person.stage].append(per_person[index])
    means = [sum(counts) / len(counts) for counts in by_stage.values()]
    assert means == sorted(means)
    assert means[0] < 1 < 5 < means[-1]


def test_everyone_at_1_2_1_or_beyond_has_a_1_2_1(
    people: list[SamplePerson], interactions: list[SampleInteraction]
) -> None:
    later = {i for i, p in enumerate(people) if p.stage in ("1-2-1", "relationship", "advocate")}
    assert later
    for per_person in (1.5, 0.0):
        entries = interactions if per_person else generate_interactions(people, 3, per_person)
        assert later <= {e.person_index for e in entries if e.kind == "1-2-1"}


# ---------------------------------------------------------------- follow-ups


def test_follow_ups_for_about_a_tenth_of_people_past_connection(
    people: list[SamplePerson],
) -> None:
    follow_ups = generate_follow_ups(people, seed=3)
    past = [i for i, p in enumerate(people) if p.stage != "connection"]
    with_follow_up = {f.person_index for f in follow_ups}
    assert with_follow_up <= set(past)
    assert 0.04 * len(past) < len(with_follow_up) < 0.2 * len(past)
    for follow_up in follow_ups:
        assert -21 <= (follow_up.due - REFERENCE_DATE).days <= 42
        assert follow_up.text


# ---------------------------------------------------------------- texts


def test_texts_are_filled_in_and_read_well(
    people: list[SamplePerson], interactions: list[SampleInteraction]
) -> None:
    texts = [p.story for p in people] + [p.how_met for p in people]
    texts += [e.summary for e in interactions] + [e.notes for e in interactions]
    texts += [f.text for f in generate_follow_ups(people, seed=3)]
    for text in texts:
        assert "{" not in text and "}" not in text, text
        assert "the the" not in text.lower() and "  " not in text, text
        assert text == text.strip()
    assert all(e.summary for e in interactions)
    assert len({e.summary for e in interactions}) > len(interactions) // 2
    # "Introduced her to X (Firm)": the firm is X's own, and X is someone else.
    works_at = {(f"{p.first_name} {p.last_name}", p.company) for p in people}
    introduced = [re.fullmatch(r"Introduced \w+ to (.+) \((.+)\)", e.summary) for e in interactions]
    pairs = [(found.group(1), found.group(2)) for found in introduced if found]
    assert pairs
    assert all(pair in works_at for pair in pairs)
