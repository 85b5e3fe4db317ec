"""The demo network's texts: summaries, notes, follow-ups and stories, rendered from the
templates in resources/demo/network.toml with a person's fields (pronouns, firm, position).
"""

import functools
import random
from collections.abc import Sequence

from relate.demo.sample_tables import EVENTS, PRONOUNS, WORDS, table, uniform

# The texts' placeholders are listed in network.toml.
_TEXTS: dict[str, list[str]] = WORDS["texts"]
_PLACES, _PROJECTS, _TOPICS = _TEXTS["places"], _TEXTS["projects"], _TEXTS["topics"]
_SUMMARIES: dict[str, list[str]] = WORDS["summaries"]
_NOTES, _FOLLOW_UPS = _TEXTS["notes"], _TEXTS["follow_ups"]
_STORY_DO, _STORY_MORE = _TEXTS["story_do"], _TEXTS["story_more"]


def _article(word: str) -> str:
    """'an Estimator', 'a Principal'."""
    return ("an " if word[0] in "AEIOU" else "a ") + word


def person_fields(first: str, company: str, position: str, practice: str) -> dict[str, str]:
    """Template fields about one person, with pronouns (or the name for gender-neutral names)."""
    pronouns = PRONOUNS.get(first) or (first, first, first, first + "'s")
    return {
        "first": first,
        "p": pronouns[0],
        "P": pronouns[1],
        "o": pronouns[2],
        "s": pronouns[3],
        "company": company,
        "position": position,
        "a_position": _article(position),
        "practice": practice,
    }


class _PoolFields(dict[str, str]):
    """Fills the fields drawn from pools (topic, place, ...) and keeps the others as fields."""

    def __init__(self, rng: random.Random) -> None:
        super().__init__()
        self.rng = rng

    def __missing__(self, key: str) -> str:
        pool = _FIELD_POOLS.get(key)
        if pool is None:
            return "{" + key + "}"
        return pool[int(self.rng.random() * len(pool))].format_map(self)


_FIELD_POOLS = {"place": _PLACES, "event": EVENTS, "project": _PROJECTS, "topic": _TOPICS}


def _rendered(templates: Sequence[str], rng: random.Random) -> tuple[str, ...]:
    """A pick table of templates with their pool fields filled in many ways (done once, so
    that generating stays fast); every template is equally likely."""
    pool_fields = _PoolFields(rng)
    weighted: list[tuple[str, float]] = []
    for template in templates:
        variants = {template.format_map(pool_fields) for _ in range(32)}
        weighted.extend((text, 1 / len(variants)) for text in sorted(variants))
    return table(weighted)


@functools.cache
def text_tables() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    """(summary tables by kind or "kind:sub_kind", notes table, follow-up table)."""
    rng = random.Random("relate.sample.texts")
    summaries = {key: _rendered(templates, rng) for key, templates in _SUMMARIES.items()}
    return summaries, _rendered(_NOTES, rng), _rendered(_FOLLOW_UPS, rng)


STORY_DO_TABLE = uniform(_STORY_DO)
STORY_MORE_TABLE = uniform(_STORY_MORE)
STORY_LENGTHS = (1, 2, 2, 3)  # sentences after the first, picked by 2 bits
