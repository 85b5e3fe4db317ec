"""Introduction ideas: someone's stated need meets another's expertise, or two people the
user knows share interests and have not been introduced."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import Counter, defaultdict
from typing import Any

from relate import who_knows
from relate.records import display_name
from relate.store.db import execute, id_chunks, transaction
from relate.store.models import Contact, SnoozedSuggestion
from relate.validation import NotFoundError, ValidationError
from relate.vocabulary import NEED_CATEGORY, STAGES

NEED, SHARED = "need", "shared"  # the two kinds of idea
# The people ideas are drawn from: those the user knows (past "connection"), furthest
# along and most recently in touch first. Bounding them keeps this well inside the
# Today view's budget at 100,000 contacts; the best introductions are among them anyway.
POOL_SIZE = 300
MAX_NEEDS = 30  # people with a need looked at, furthest along first (or needs of one person)
MIN_SHARED = 2
MAX_SHARED_PER_PERSON = 2  # so one well-tagged person does not fill the list
_NEED_BONUS = 100.0  # a stated need beats any shared interest


@dataclasses.dataclass(frozen=True, slots=True)
class IntroductionIdea:
    """Introduce `name` (who would benefit) to `other_name`; kind is "need" or "shared"."""

    contact_id: int
    name: str
    other_id: int
    other_name: str
    reason: str
    kind: str
    score: float


@dataclasses.dataclass(frozen=True, slots=True)
class _Person:
    id: int
    first: str
    company: str
    stage: int
    met_through: int | None


def _stage(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else 0


_PERSON_COLUMNS = "c.id, c.first_name, c.last_name, c.company, c.stage, c.met_through_id"


def _person(row: tuple[Any, ...]) -> _Person:
    first = row[1] or row[2]
    return _Person(row[0], first, row[3].strip().casefold(), _stage(row[4]), row[5])


def _pool() -> dict[int, _Person]:
    """The people the user knows best: furthest stage first, then most recently in touch;
    people at "connection" only fill a small network up."""
    pool: dict[int, _Person] = {}
    for stage in reversed(STAGES):
        # One stage at a time, read in the order of its index (archived, stage,
        # last_contacted, then the row id): nothing is sorted, however many there are.
        rows = execute(
            f"SELECT {_PERSON_COLUMNS} FROM contact c WHERE c.archived = 0 AND c.stage = ?"
            " ORDER BY c.last_contacted DESC, c.id DESC LIMIT ?",
            (stage, POOL_SIZE - len(pool)),
        )
        pool.update((row[0], _person(row)) for row in rows)
        if len(pool) >= POOL_SIZE:
            break
    return pool


_STAGE_RANK_SQL = (
    "CASE c.stage " + " ".join(f"WHEN '{s}' THEN {n}" for n, s in enumerate(STAGES)) + " END"
)


def _needs() -> list[tuple[_Person, str]]:
    """(person, need) for people with a "need" tag, those the user knows best first."""
    rows = execute(
        # CROSS JOIN keeps this order (the few need tags, then their people): left to
        # itself, SQLite walks all 100,000 contacts looking for needs.
        f"SELECT {_PERSON_COLUMNS}, t.name FROM tag t CROSS JOIN contact_tag ct"
        " ON ct.tag_id = t.id CROSS JOIN contact c ON c.id = ct.contact_id"
        f" WHERE t.category = '{NEED_CATEGORY}' AND c.archived = 0"
        f" ORDER BY {_STAGE_RANK_SQL} DESC, c.last_contacted DESC, c.id LIMIT ?",
        (MAX_NEEDS,),
    )
    return [(_person(row), row[6]) for row in rows]


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _excluded_pairs(ids: list[int], today: dt.date) -> set[tuple[int, int]]:
    """Pairs already introduced (either way) or snoozed past `today`."""
    pairs = {
        _pair(a, b)
        for a, b in execute(
            "SELECT contact_a_id, contact_b_id FROM snoozed_suggestion WHERE until > ?",
            (today.isoformat(),),
        )
    }
    for chunk, marks in id_chunks(ids):
        rows = execute(
            "SELECT contact_a_id, contact_b_id FROM introduction"
            f" WHERE contact_a_id IN ({marks}) OR contact_b_id IN ({marks})",
            chunk + chunk,
        )
        pairs.update(_pair(a, b) for a, b in rows)
    return pairs


def _know_each_other(a: _Person, b: _Person) -> bool:
    """The same person, colleagues, or one met through the other: no introduction."""
    if a.id == b.id or a.met_through == b.id or b.met_through == a.id:
        return True
    return bool(a.company) and a.company == b.company


def _article(word: str) -> str:
    return ("an " if word[:1].casefold() in "aeiou" else "a ") + word


def _what_they_offer(
    first: str, result: who_knows.WhoKnowsResult, evidence: tuple[who_knows.Evidence, ...]
) -> str:
    """The strongest thing that matched, as "Bob is a Structural Engineer at Hartwell"."""
    item = max(evidence, key=lambda e: (e.covers, e.field == "position"))
    if item.field == "position":
        company = f" at {result.company}" if result.company else ""
        return f"{first} is {_article(item.text)}{company}"
    if item.field == "tag":
        verb = {
            "expertise": "knows",
            "industry": "works in",
            "group": "is in",
            "place": "knows",
        }.get(item.tag_category, "is into")
        return f"{first} {verb} {item.text}"
    if item.field == "company":
        return f"{first} works at {item.text}"
    if item.field == "location":
        return f"{first} is in {item.text}"
    return f'{first}\'s story mentions "{item.text}"'


def _helpers(
    need: str, profiles: list[who_knows.Profile], pool: dict[int, _Person]
) -> list[who_knows.Answer]:
    """Who in the pool could meet a need: most of it matched first, then people the user
    knows past "connection", then the strongest match. All of them are ranked (the pool is
    small), so the order never depends on how many are wanted: Today and the brief agree."""
    same_need = who_knows.Evidence("tag", need, NEED_CATEGORY)
    answers = [
        answer
        for answer in who_knows.answers_among(need, profiles, len(profiles))
        # Someone with the same need, or matched by needs alone, is no helper.
        if same_need not in answer.evidence
        and any(item.tag_category != NEED_CATEGORY for item in answer.evidence)
    ]
    answers.sort(
        key=lambda answer: (
            -answer.matched,
            pool[answer.result.contact_id].stage == 0,
            -answer.result.score,
        )
    )
    return answers


def _need_ideas(
    pool: dict[int, _Person], excluded: set[tuple[int, int]], needs: list[tuple[_Person, str]]
) -> list[IntroductionIdea]:
    """For each stated need, the best helper among the pool."""
    if not needs:
        return []
    profiles = who_knows.profiles(pool)
    needers_of: dict[str, list[_Person]] = defaultdict(list)
    for person, need in needs:
        needers_of[need].append(person)
    ideas = []
    for need, needers in needers_of.items():
        helpers = _helpers(need, profiles, pool)
        for needer in needers:
            ideas += _need_matches(needer, need, helpers, pool, excluded, 1)
    return ideas


def _need_matches(
    needer: _Person,
    need: str,
    helpers: list[who_knows.Answer],
    pool: dict[int, _Person],
    excluded: set[tuple[int, int]],
    limit: int,
) -> list[IntroductionIdea]:
    """The first `limit` of `helpers` (ranked by `_helpers`) who could meet the `needer`'s
    `need`: neither introduced to them already nor snoozed with them, nor someone they know.
    The one rule of who meets a need, for Today and for the brief."""
    ideas: list[IntroductionIdea] = []
    for answer in helpers:
        if len(ideas) >= limit:
            break
        helper = pool[answer.result.contact_id]
        if _pair(needer.id, helper.id) in excluded or _know_each_other(needer, helper):
            continue
        offer = tuple(item for item in answer.evidence if item.tag_category != NEED_CATEGORY)
        what = _what_they_offer(helper.first, answer.result, offer)
        score = 10.0 * answer.matched / answer.terms + answer.result.score % 1.0
        score += _NEED_BONUS + needer.stage + helper.stage
        reason = f"{needer.first} is looking for {need}; {what}."
        ideas.append(_idea(needer.id, helper.id, reason, NEED, score))
    return ideas


def ideas_for_needs_of(
    contact_id: int, today: dt.date | None = None, per_need: int = 1
) -> list[IntroductionIdea]:
    """Who could meet this contact's own stated needs, as Today suggests them: for each need
    (in name order), the best `per_need` helpers among the people the user knows best,
    Today's own pick first. [] for a contact without needs or unknown."""
    today = today or dt.date.today()
    rows = execute(
        f"SELECT {_PERSON_COLUMNS}, t.name FROM contact c JOIN contact_tag ct"
        " ON ct.contact_id = c.id JOIN tag t ON t.id = ct.tag_id"
        f" WHERE c.id = ? AND t.category = '{NEED_CATEGORY}' ORDER BY t.key LIMIT ?",
        (contact_id, MAX_NEEDS),
    ).fetchall()
    if not rows or per_need < 1:
        return []
    needer = _person(rows[0])
    pool = _pool()
    profiles = who_knows.profiles(pool)
    excluded = _excluded_pairs([contact_id], today)
    ideas: list[IntroductionIdea] = []
    for row in rows:
        helpers = _helpers(row[6], profiles, pool)
        ideas += _need_matches(needer, row[6], helpers, pool, excluded, per_need)
    return _named(ideas)


_PASTIMES = ("interest", "hobby")


def _listed(names: list[str]) -> str:
    if len(names) > 3:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _shared_ideas(
    pool: dict[int, _Person],
    excluded: set[tuple[int, int]],
    taken: set[tuple[int, int]],
    limit: int,
) -> list[IntroductionIdea]:
    """Pairs among the people the user knows who share interests (not avoided ones)."""
    known = [contact_id for contact_id, person in pool.items() if person.stage > 0]
    members: dict[int, list[int]] = defaultdict(list)
    tags_of: dict[int, set[int]] = defaultdict(set)
    tags: dict[int, tuple[str, str]] = {}
    for chunk, marks in id_chunks(known):
        rows = execute(
            "SELECT ct.contact_id, t.id, t.name, t.category FROM contact_tag ct"
            f" JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id IN ({marks})"
            f" AND t.avoid = 0 AND t.category <> '{NEED_CATEGORY}'",
            chunk,
        )
        for contact_id, tag_id, name, category in rows:
            members[tag_id].append(contact_id)
            tags_of[contact_id].add(tag_id)
            tags[tag_id] = (name, category)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in members.values():
        shared.update(_pair(a, b) for a, b in itertools.combinations(ids, 2))
    candidates = [
        (count * 10.0 + pool[a].stage + pool[b].stage, (a, b))
        for (a, b), count in shared.items()
        if count >= MIN_SHARED
        and (a, b) not in excluded
        and (a, b) not in taken
        and not _know_each_other(pool[a], pool[b])
    ]
    candidates.sort(key=lambda item: (-item[0], item[1]))
    ideas: list[IntroductionIdea] = []
    appearances: Counter[int] = Counter()
    for score, (a, b) in candidates:
        if len(ideas) >= limit:
            break
        if appearances[a] >= MAX_SHARED_PER_PERSON or appearances[b] >= MAX_SHARED_PER_PERSON:
            continue
        appearances.update((a, b))
        common = sorted(
            (tags[t] for t in tags_of[a] & tags_of[b]),
            key=lambda tag: (tag[1] not in _PASTIMES, tag[0].casefold()),
        )
        names = [name for name, _ in common]
        if all(category in _PASTIMES for _, category in common):
            what = f"Both into {_listed(names)}"
        else:
            what = f"Both have {_listed(names)} in common"
        # The one further along is the one to ask.
        first, second = (a, b) if pool[a].stage >= pool[b].stage else (b, a)
        reason = f"{what}, and you have not introduced them yet."
        ideas.append(_idea(first, second, reason, SHARED, score))
    return ideas


def _idea(contact_id: int, other_id: int, reason: str, kind: str, score: float) -> IntroductionIdea:
    return IntroductionIdea(contact_id, "", other_id, "", reason, kind, round(score, 6))


def _named(ideas: list[IntroductionIdea]) -> list[IntroductionIdea]:
    ids = {i for idea in ideas for i in (idea.contact_id, idea.other_id)}
    names = {
        row[0]: display_name(row[1], row[2])
        for chunk, marks in id_chunks(sorted(ids))
        for row in execute(
            f"SELECT id, first_name, last_name FROM contact WHERE id IN ({marks})", chunk
        )
    }
    return [
        dataclasses.replace(idea, name=names[idea.contact_id], other_name=names[idea.other_id])
        for idea in ideas
    ]


def introduction_ideas(today: dt.date | None = None, limit: int = 10) -> list[IntroductionIdea]:
    """Good introductions to make, best first: stated needs met by someone's expertise,
    then pairs sharing interests, by how many and how well the user knows both."""
    if limit < 1:
        return []
    today = today or dt.date.today()
    pool = _pool()
    needs = _needs()
    excluded = _excluded_pairs(sorted({*pool, *(p.id for p, _ in needs)}), today)
    ideas = _need_ideas(pool, excluded, needs)
    taken = {_pair(idea.contact_id, idea.other_id) for idea in ideas}
    ideas += _shared_ideas(pool, excluded, taken, limit)
    ideas.sort(key=lambda idea: (-idea.score, idea.contact_id, idea.other_id))
    return _named(ideas[:limit])


def _require(contact_id: int, other_id: int) -> None:
    if contact_id == other_id:
        raise ValidationError("An introduction needs two different people.")
    found = Contact.select().where(Contact.id.in_([contact_id, other_id])).count()
    if found != 2:
        raise NotFoundError("One of the two people of the idea does not exist.")


def snooze_idea(contact_id: int, other_id: int, until: dt.date) -> None:
    """Put off the idea of introducing these two (either way round) until `until`."""
    with transaction():
        _require(contact_id, other_id)
        unsnooze_idea(contact_id, other_id)
        SnoozedSuggestion.insert(contact_a=contact_id, contact_b=other_id, until=until).execute()


def unsnooze_idea(contact_id: int, other_id: int) -> None:
    """Bring a snoozed idea back now."""
    with transaction():
        SnoozedSuggestion.delete().where(
            (SnoozedSuggestion.contact_a.in_([contact_id, other_id]))
            & (SnoozedSuggestion.contact_b.in_([contact_id, other_id]))
        ).execute()
