"""The demo network's pick tables, built once from the words in resources/demo/network.toml:
names by culture, firms with their e-mail domains, places, tags, and the shares by stage.

A pick table has 2**BITS slots, so drawing from it is one `getrandbits`; the generators
in `relate.demo.sample` draw from these.
"""

import tomllib
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from relate.resources import resource_path

_T = TypeVar("_T")

# --------------------------------------------------------------------------- tags


# The network's words live in resources/, as data; the code here only draws from them.
WORDS: dict[str, Any] = tomllib.loads(
    resource_path("demo", "network.toml").read_text(encoding="utf-8")
)
TAGS: tuple[tuple[str, str, bool], ...] = (
    *((name, category, False) for category, names in WORDS["tags"].items() for name in names),
    *((name, "other", True) for name in WORDS["tag_lists"]["avoid"]),
)
MY_INTERESTS: tuple[str, ...] = tuple(WORDS["tag_lists"]["mine"])

# How often a tag turns up on a random person, by category (avoid tags are rare).
_CATEGORY_WEIGHT: dict[str, int] = WORDS["category_weight"]
_TAG_BOOST: dict[str, int] = WORDS["tag_boost"]


# --------------------------------------------------------------------------- names


_NEUTRAL_FIRST: tuple[str, ...] = tuple(WORDS["names"]["neutral_first"])
_CREDENTIAL_LAST: tuple[str, ...] = tuple(WORDS["names"]["credential_last"])

# Pronoun forms: subject, capitalised subject, object, possessive. Gender-neutral first names
# are left out: texts use the name itself for them.
_SHE = ("she", "She", "her", "her")
_HE = ("he", "He", "him", "his")
PRONOUNS: dict[str, tuple[str, str, str, str]] = {}
_FIRSTS_BY_CULTURE: list[tuple[str, ...]] = []
_LASTS_BY_CULTURE: list[tuple[str, ...]] = []
_CULTURE_WEIGHTS: list[int] = []
for _culture in WORDS["cultures"].values():
    _f, _m = tuple(_culture["female"]), tuple(_culture["male"])
    PRONOUNS.update(dict.fromkeys(_f, _SHE))
    PRONOUNS.update(dict.fromkeys(_m, _HE))
    _FIRSTS_BY_CULTURE.append(_f + _m)
    _LASTS_BY_CULTURE.append(tuple(_culture["last"]))
    _CULTURE_WEIGHTS.append(_culture["weight"])
_FIRSTS_BY_CULTURE[0] += _NEUTRAL_FIRST
_ALL_LASTS: tuple[str, ...] = tuple(x for lasts in _LASTS_BY_CULTURE for x in lasts)

_ASCII_FOLD = str.maketrans(
    {"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss", "Æ": "AE", "æ": "ae", "Đ": "D", "đ": "d"}
)


def _ascii(text: str) -> str:
    """Fold accents away: 'Łukasz Müller' -> 'Lukasz Muller'."""
    text = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLD))
    return text.encode("ascii", "ignore").decode("ascii")


def _slug(name: str, sep: str) -> str:
    """Lower-case ASCII handle for URLs and e-mail ('de la Cruz' -> 'de-la-cruz' or 'delacruz')."""
    base = _ascii(name.split(",")[0]).lower().replace("'", "")
    return sep.join("".join(c if c.isalnum() else " " for c in base).split())


# --------------------------------------------------------------------------- firms

_STOP_WORDS = frozenset(WORDS["domains"]["stop_words"])


def _top_level_domain(firm: str, sector: str) -> str:
    if sector not in ("public", "health"):
        return ".com"
    if "University" in firm or "College" in firm:
        return ".edu"
    if firm.startswith(("City of", "Port of", "Ohio Department")) or firm.endswith("County"):
        return ".gov"
    return ".org"


def _build_firms() -> list[
    tuple[int, tuple[tuple[str, str], ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
]:
    """The sectors' firms with their e-mail domains: (weight, ((firm, domain), ...),
    positions, tags, practices) per sector."""
    used: set[str] = set()
    sectors = []
    for key, sector in WORDS["sectors"].items():
        pairs = []
        for firm in sector["firms"]:
            words = _slug(firm.replace("&", " ").replace("+", " "), " ").split()
            core = [w for w in words if w not in _STOP_WORDS] or words
            name = "".join(core[:2])
            if name in used:
                name = "".join(core[:3]) if len(core) > 2 else name + key
            used.add(name)
            domain = name + _top_level_domain(firm, key)
            pairs.append((firm, domain))
        sectors.append(
            (
                sector["weight"],
                tuple(pairs),
                tuple(sector["positions"]),
                tuple(sector["tags"]),
                tuple(sector["practices"]),
            )
        )
    return sectors


FIRMS = _build_firms()

_LOCATIONS: dict[str, int] = WORDS["locations"]
EVENTS: tuple[str, ...] = tuple(WORDS["how_met"]["events"])
_MONTHS: tuple[str, ...] = tuple(WORDS["how_met"]["months"])
_HOW_MET_STATIC: tuple[str, ...] = tuple(WORDS["how_met"]["plain"])


BITS = 12  # every pick table has 2**BITS slots, so a pick is table[getrandbits(BITS)]


def table(pairs: Iterable[tuple[_T, float]]) -> tuple[_T, ...]:
    """Spread weighted items over 2**BITS slots (each item keeps at least one)."""
    items = list(pairs)
    total = sum(weight for _, weight in items)
    size = 1 << BITS
    slots: list[_T] = []
    done = 0.0
    for item, weight in items:
        count = round((done + weight) * size / total) - len(slots)
        done += weight
        if count < 1:
            raise ValueError(f"weight of {item!r} too small for a pick table")
        slots.extend([item] * count)
    return tuple(slots)


def uniform(items: Iterable[_T]) -> tuple[_T, ...]:
    """A pick table giving every item the same chance."""
    return table((item, 1.0) for item in items)


def _skewed(items: Sequence[_T], power: float) -> tuple[_T, ...]:
    """A pick table where item r has the chance of int(len * u**power) == r for uniform u."""
    n = len(items)
    return table(
        (item, ((r + 1) / n) ** (1 / power) - (r / n) ** (1 / power))
        for r, item in enumerate(items)
    )


_SLUG = {
    name: _slug(name, "-")
    for names in (*_FIRSTS_BY_CULTURE, _ALL_LASTS, _CREDENTIAL_LAST)
    for name in names
}
_DOT = {name: _slug(name, "") for name in _SLUG}


def _lasts(names: Iterable[str]) -> tuple[tuple[str, str, str], ...]:
    return uniform((name, _SLUG[name], _DOT[name]) for name in names)


ANY_LAST_TABLE = _lasts(_ALL_LASTS)
CREDENTIAL_TABLE = _lasts(_CREDENTIAL_LAST)
# (first, slug, dot, that culture's last-name table): the culture by weight, then the name.
FIRST_TABLE = table(
    ((first, _SLUG[first], _DOT[first], lasts_table), weight / len(firsts))
    for weight, firsts, lasts_table in zip(
        _CULTURE_WEIGHTS, _FIRSTS_BY_CULTURE, [_lasts(x) for x in _LASTS_BY_CULTURE], strict=True
    )
    for first in firsts
)
# (firm table skewed to a few big employers, position table, sector tags, practice areas)
SECTOR_TABLE = table(
    ((_skewed(firms, 1.8), uniform(positions), tags, practices), weight)
    for weight, firms, positions, tags, practices in FIRMS
)
LOCATION_TABLE = table(_LOCATIONS.items())
TAG_TABLE = table(
    (name, 1 if avoid else _CATEGORY_WEIGHT[cat] * _TAG_BOOST.get(name, 1))
    for name, cat, avoid in TAGS
)
HOW_MET_TABLE = table(
    [(f"{e[0].upper()}{e[1:]}, {m}", 1) for e in EVENTS for m in _MONTHS]
    + [(h, 12) for h in _HOW_MET_STATIC]
    + [("LinkedIn", 60)]
)

# Per stage (shares of people are 80/10/5/3.5/1.5%, in generate_people): tag counts, chance of
# a story, chance of an e-mail, cadences, relative number of interactions, interaction kinds.
STAGE_TAG_COUNTS = (
    (0, 0, 0, 0, 1, 1, 1, 2),
    (0, 1, 1, 2, 2, 2, 3, 3),
    (1, 2, 2, 3, 3, 3, 4, 4),
    (2, 2, 3, 3, 3, 4, 4, 5),
    (2, 3, 3, 4, 4, 5, 5, 5),
)  # picked by 3 bits
STAGE_STORY = (0.02, 0.45, 0.8, 0.9, 0.95)
STAGE_EMAIL = (0.12, 0.5, 0.7, 0.85, 0.9)
STAGE_CADENCE = (
    (),
    (90, 180, 365, 365),
    (60, 90, 90, 180),
    (30, 60, 60, 90),
    (14, 30, 30, 60),
)  # picked by 2 bits
STAGE_INTERACTIONS = (0.4, 3.0, 6.0, 12.0, 20.0)
STAGE_KINDS = tuple(
    table(w.items())
    for w in (
        {"message": 6, "email": 3, "met": 3, "note": 2, "conversation": 1},
        {
            "conversation": 5,
            "email": 4,
            "message": 3,
            "call": 3,
            "met": 2,
            "note": 1,
            "gave": 2,
            "received": 1,
        },
        {
            "1-2-1": 5,
            "conversation": 3,
            "email": 3,
            "call": 3,
            "message": 2,
            "note": 1,
            "gave": 2,
            "received": 1,
        },
        {
            "1-2-1": 4,
            "call": 3,
            "email": 3,
            "conversation": 2,
            "message": 2,
            "note": 1,
            "gave": 3,
            "received": 2,
        },
        {
            "1-2-1": 4,
            "call": 3,
            "email": 3,
            "conversation": 2,
            "message": 2,
            "note": 1,
            "gave": 4,
            "received": 4,
        },
    )
)
GAVE_SUBKINDS = table(
    {"information": 5, "introduction": 3, "referral": 2, "advice": 3, "help": 2}.items()
)
RECEIVED_SUBKINDS = table(
    {"referral": 4, "help": 3, "information": 2, "introduction": 2, "advice": 1}.items()
)
