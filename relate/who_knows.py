"""Answering "who do you know who…" from tags, positions, companies, places and stories."""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from relate.fields import SEARCH_COLUMNS
from relate.records import display_name
from relate.store.db import execute, id_chunks
from relate.vocabulary import NEED_CATEGORY

# As in `search`: the words unicode61 sees, so a question is never read as FTS5 syntax.
_WORD = re.compile(r"[^\W_]+")

# The columns searched, with their weight: what someone does (tags, position) counts
# most, where they work or live less, a mention in their story least. Not the name: a
# Mr Archer is no architect.
_WEIGHTS = {"company": 2.0, "position": 5.0, "location": 2.0, "tags": 6.0, "story": 1.0}
_FIELDS = tuple(_WEIGHTS)
_COLUMNS = "{" + " ".join(_FIELDS) + "}"
# bm25 takes a weight per index column, in the index's order; the others weigh nothing.
_BM25 = f"bm25(contact_fts, {', '.join(str(_WEIGHTS.get(c, 0.0)) for c in SEARCH_COLUMNS)})"

# Every subset of the terms may be one query (see `_ranked`): six keep it at 63 at worst.
MAX_TERMS = 6

_STOPWORDS = frozenset(
    """who whom whose what which do does did doing done you your yours know knows knew
    known i me my we us our is are was were be been being am has have had having can
    could would should will may might must a an the some any anyone anybody someone
    somebody something people person persons one ones other others good great best
    and or but not no with without for of to on in at by near around from based into
    about as that this these those there here than then also just really very please
    works work working worked job jobs help helps helping helped need needs needed
    looking look looks find finding want wants wanted like likes s t d ll m re ve
    expert experts experience experienced get got""".split()
)
# A word after one of these names a place or an employer ("in Cleveland", "at Hartwell"):
# it narrows the answer but is not an answer on its own.
_PLACE_MARKERS = frozenset({"in", "at", "near", "around", "from", "based"})

# Light stemming, tried in order: "architecture" and "architects" both become "architect",
# searched as a prefix; a stem keeps at least four letters.
_SUFFIXES = (
    "ations", "ation", "ments", "ment", "ities", "ity", "ings", "ing", "ures", "ure", "ural",
    "ions", "ion", "ables", "able", "ances", "ance", "ants", "ant", "ists", "ist",
    "ers", "er", "ies", "es", "s", "y",
)  # fmt: skip
_MIN_STEM = 4


@dataclasses.dataclass(frozen=True, slots=True)
class WhoKnowsResult:
    """One person who fits the question; `score` is the number of question terms matched
    plus a relevance fraction, so it falls as the list goes down."""

    contact_id: int
    name: str
    company: str
    position: str
    location: str
    score: float
    reasons: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Evidence:
    """Where a contact matched: field is "tag", "position", "company", "location" or
    "story"; text is the tag's name, the field's value, or the story's word; covers is
    how many of the question's terms it holds."""

    field: str
    text: str
    tag_category: str = ""
    covers: int = 1


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """A result with what it rests on, for callers that write their own sentences."""

    result: WhoKnowsResult
    evidence: tuple[Evidence, ...]
    matched: int
    terms: int


@dataclasses.dataclass(frozen=True, slots=True)
class Profile:
    """What a question is matched against for one contact, words folded once."""

    contact_id: int
    name: str
    company: str
    position: str
    location: str
    story: str
    tags: tuple[tuple[str, str], ...]  # (name, category)
    folded: tuple[str, ...]  # " word word " for each of _FIELDS
    folded_tags: tuple[str, ...]
    folded_all: str  # all of `folded`, to rule a person out in one look


@dataclasses.dataclass(frozen=True, slots=True)
class _Term:
    stem: str
    prefix: bool  # "stem"* rather than the exact word (words of one or two characters)
    topic: bool  # False for a place or employer qualifier

    @property
    def fts(self) -> str:
        return f'"{self.stem}"*' if self.prefix else f'"{self.stem}"'

    @property
    def needle(self) -> str:
        """What marks this term in a folded " word word " text."""
        return f" {self.stem}" if self.prefix else f" {self.stem} "


def fold(text: str) -> str:
    """Lower case without accents, as unicode61 with remove_diacritics compares words."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _spaced(text: str) -> str:
    """The folded words of `text` as " word word ", where a term is a substring search."""
    return f" {' '.join(_WORD.findall(fold(text)))} "


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _terms(question: str) -> list[_Term]:
    """The searchable terms of a question: no question words, lightly stemmed, each once,
    those naming the subject first."""
    terms: list[_Term] = []
    qualifying = False
    for raw in _WORD.findall(question):
        word = fold(raw)
        if not word or (len(word) == 1 and word.isascii() and word.isalpha()):
            continue  # the "s" of "who's"
        if word in _STOPWORDS:
            qualifying = word in _PLACE_MARKERS
            continue
        stem = _stem(word) if len(word) > 2 else word
        terms.append(_Term(stem, prefix=len(stem) > 2, topic=not qualifying))
    if not any(term.topic for term in terms):  # "who do you know in Cleveland"
        terms = [dataclasses.replace(term, topic=True) for term in terms]
    # A term another prefix term covers adds nothing ("engineering" under "engine").
    kept: dict[tuple[str, bool], _Term] = {}
    for term in sorted(terms, key=lambda t: (not t.topic, len(t.stem))):
        covered = any(other.prefix and term.stem.startswith(other.stem) for other in kept.values())
        if not covered and (term.stem, term.prefix) not in kept:
            kept[(term.stem, term.prefix)] = term
    ordered = [term for term in terms if kept.get((term.stem, term.prefix)) is term]
    return ([t for t in ordered if t.topic] + [t for t in ordered if not t.topic])[:MAX_TERMS]


def _exists(term: _Term) -> bool:
    sql = "SELECT 1 FROM contact_fts WHERE contact_fts MATCH ? LIMIT 1"
    return execute(sql, (f"{_COLUMNS} : {term.fts}",)).fetchone() is not None


_TIER_SQL = f"""
    SELECT rowid, {_BM25} FROM contact_fts
    WHERE contact_fts MATCH ? AND rowid NOT IN (SELECT id FROM contact WHERE archived = 1)
    ORDER BY 2, 1 LIMIT ?"""


def _ranked(terms: list[_Term], limit: int) -> list[tuple[int, tuple[int, ...], float]]:
    """(contact id, indexes of the terms matched, bm25) of the best `limit` contacts: most
    terms matched first, then bm25.

    Each subset of the terms is one query, largest subsets first, until `limit` are found,
    so bm25 is computed only over the tiers needed (over every match of "Cleveland" it
    costs ~35 ms at 100,000 contacts). A lower tier is reached only once every higher one
    was read whole, so a subset's rows less those already seen are the rows matching
    exactly that subset; and as FTS5 sums bm25 over the phrases a row holds, their score
    is the sum of their terms' own.
    """
    found: list[tuple[int, tuple[int, ...], float]] = []
    seen: set[int] = set()
    indexes = range(len(terms))
    for size in range(len(terms), 0, -1):
        tier: list[tuple[int, tuple[int, ...], float]] = []
        for subset in itertools.combinations(indexes, size):
            if not any(terms[i].topic for i in subset):
                continue  # a place alone does not answer the question
            expression = " AND ".join(terms[i].fts for i in subset)
            wanted = limit - len(found) + len(seen)
            rows = execute(_TIER_SQL, (f"{_COLUMNS} : ({expression})", wanted))
            tier.extend((row[0], subset, row[1]) for row in rows if row[0] not in seen)
        tier.sort(key=lambda hit: (hit[2], hit[0]))
        found.extend(tier[: limit - len(found)])
        seen.update(hit[0] for hit in tier)
        if len(found) >= limit:
            break
    return found


_PROFILE_SQL = """
    SELECT c.id, c.first_name, c.last_name, c.company, c.position, c.location, c.story,
           (SELECT group_concat(t.name || char(30) || t.category, char(31))
            FROM contact_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.contact_id = c.id)
    FROM contact c WHERE c.id IN ({marks})"""


def _tags(text: str | None) -> tuple[tuple[str, str], ...]:
    """(name, category) pairs from the group_concat of _PROFILE_SQL."""
    items = (item.partition("\x1e") for item in text.split("\x1f")) if text else ()
    return tuple((name, category) for name, _, category in items)


def profiles(contact_ids: Iterable[int]) -> list[Profile]:
    """The profiles of these contacts, in the order given (missing ids are skipped)."""
    ids = list(dict.fromkeys(contact_ids))
    found: dict[int, Profile] = {}
    for chunk, marks in id_chunks(ids):
        for row in execute(_PROFILE_SQL.format(marks=marks), chunk):
            contact_id, first, last, company, position, location, story, tag_text = row
            tags = _tags(tag_text)
            tag_names = " ".join(name for name, _ in tags)
            folded = tuple(
                _spaced(text) for text in (company, position, location, tag_names, story)
            )
            found[contact_id] = Profile(
                contact_id=contact_id,
                name=display_name(first, last),
                company=company,
                position=position,
                location=location,
                story=story,
                tags=tags,
                folded=folded,
                folded_tags=tuple(_spaced(name) for name, _ in tags),
                folded_all="".join(folded),
            )
    return [found[contact_id] for contact_id in ids if contact_id in found]


def _evidence(person: Profile, terms: list[_Term]) -> tuple[Evidence, ...]:
    """What the matched terms were found in: tags, position, company, location; the story
    only for a term nothing else explains."""
    company, position, location, _, story = person.folded
    covers: dict[tuple[str, str, str], int] = {}  # in insertion order: tags first
    story_words: list[str] = []
    for term in terms:
        places = [
            ("tag", name, category)
            for (name, category), folded in zip(person.tags, person.folded_tags, strict=True)
            if term.needle in folded
        ]
        places += [
            (field, value, "")
            for field, folded, value in (
                ("position", position, person.position),
                ("company", company, person.company),
                ("location", location, person.location),
            )
            if term.needle in folded
        ]
        for place in places:
            covers[place] = covers.get(place, 0) + 1
        at = -1 if places else story.find(term.needle)
        if at >= 0:  # the (folded) story word, from the needle to the next space
            story_words.append(story[at + 1 : story.index(" ", at + 1)])
    order = {"tag": 0, "position": 1, "company": 2, "location": 3}
    found = [Evidence(*place, covers=count) for place, count in covers.items()]
    found.sort(key=lambda item: order[item.field])
    words = Counter(story_words)
    return (*found, *(Evidence("story", word, covers=count) for word, count in words.items()))


def _reasons(evidence: tuple[Evidence, ...]) -> tuple[str, ...]:
    """Short human strings: "tag: BIM", "position: Project Architect", "in Akron, OH"."""
    reasons = []
    for item in evidence:
        if item.field == "tag":
            kind = "needs" if item.tag_category == NEED_CATEGORY else "tag"
            reasons.append(f"{kind}: {item.text}")
        elif item.field == "position":
            reasons.append(f"position: {item.text}")
        elif item.field == "company":
            reasons.append(f"at {item.text}")
        elif item.field == "location":
            reasons.append(f"in {item.text}")
    words = [f'"{item.text}"' for item in evidence if item.field == "story"]
    if words:
        listed = ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else words[0]
        reasons.append(f"story mentions {listed}")
    return tuple(reasons)


def _answer(person: Profile, terms: list[_Term], matched: list[int], relevance: float) -> Answer:
    evidence = _evidence(person, [terms[i] for i in matched])
    result = WhoKnowsResult(
        contact_id=person.contact_id,
        name=person.name,
        company=person.company,
        position=person.position,
        location=person.location,
        score=round(len(matched) + relevance / (1.0 + relevance), 6),
        reasons=_reasons(evidence),
    )
    return Answer(result, evidence, len(matched), len(terms))


def answers(question: str, limit: int = 200) -> list[Answer]:
    """`who_knows` with what each result rests on."""
    terms = [term for term in _terms(question) if _exists(term)]
    if limit < 1 or not any(term.topic for term in terms):
        return []
    ranked = _ranked(terms, limit)
    people = {person.contact_id: person for person in profiles(hit[0] for hit in ranked)}
    return [
        _answer(people[contact_id], terms, list(subset), max(0.0, -bm25))
        for contact_id, subset, bm25 in ranked
        if contact_id in people  # unless deleted by another connection in between
    ]


def answers_among(question: str, people: Iterable[Profile], limit: int = 200) -> list[Answer]:
    """Like `answers`, but only over `people` (say, those the user knows well), ranked
    without the index: most terms matched, then the column weights alone."""
    terms = _terms(question)
    if limit < 1 or not any(term.topic for term in terms):
        return []
    needles = [term.needle for term in terms]
    weights = list(_WEIGHTS.values())
    scored = []
    for person in people:
        matched, total = [], 0.0
        for index, needle in enumerate(needles):
            if needle not in person.folded_all:
                continue
            hits = [w for w, text in zip(weights, person.folded, strict=True) if needle in text]
            if hits:
                matched.append(index)
                total += sum(hits)
        if any(terms[i].topic for i in matched):
            scored.append((-len(matched), -total, person.contact_id, person, matched, total))
    scored.sort(key=lambda item: item[:3])
    return [_answer(item[3], terms, item[4], item[5]) for item in scored[:limit]]


def who_knows(question: str, limit: int = 200) -> list[WhoKnowsResult]:
    """The people who fit a question like "who do you know who does architecture in
    Cleveland", best first, archived contacts left out; [] when nothing in it is
    searchable. Never raises on odd input (quotes, FTS5 words, emoji, nothing)."""
    return [answer.result for answer in answers(question, limit)]
