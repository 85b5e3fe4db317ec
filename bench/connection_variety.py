"""What real LinkedIn connections look like beyond `relate.demo.sample`'s tidy people.

Laid over each sample person by `connections.py`, with the share of rows each kind has:
names in Chinese, Japanese and Korean script, with apostrophes (straight and curly),
hyphens, emoji (flags and joined sequences too), a nickname in quotes, pronouns, an
initial for a last name, or in capitals; companies with commas ("Smith, Jones & Co",
"Acme, Inc."), quotes ('ООО "Ромашка"'), in other languages, "Self-employed", or none;
positions with commas and quotes ('VP, "Growth"'), headlines with pipes and emoji, in
other languages, or none. Every choice comes from the `random.Random` passed in, so a
seed always gives the same rows.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

_Vary = Callable[[str, random.Random], str]


def _pick(pool: Sequence[str], rng: random.Random) -> str:
    return pool[int(rng.random() * len(pool))]


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


# --------------------------------------------------------------------------- names

# (first name, last name) as members in China, Japan and Korea write them.
CJK_NAMES = (
    ("伟", "王"), ("芳", "李"), ("娜", "张"), ("敏", "刘"), ("静", "陈"), ("强", "杨"),
    ("磊", "黄"), ("洋", "赵"), ("艳", "吴"), ("杰", "周"), ("太郎", "山田"), ("花子", "佐藤"),
    ("翔", "鈴木"), ("陽菜", "高橋"), ("大輝", "田中"), ("美咲", "渡辺"), ("민준", "김"),
    ("서연", "이"), ("지호", "박"), ("하은", "최"), ("Wei (伟)", "Wang"), ("Yuki", "佐々木"),
)  # fmt: skip
APOSTROPHE_LASTS = _lines("""
    O'Brien
    O'Connor
    D'Angelo
    O'Neil-Smith
    D’Souza
    O’Reilly
    Dell'Acqua
    N'Diaye
""")
APOSTROPHE_FIRSTS = _lines("""
    D'Andre
    De'Shawn
    Ma'ayan
""")
HYPHEN_FIRSTS = _lines("""
    Jean-Luc
    Anne-Marie
    Mary-Kate
    Hans-Peter
    Jean-François
    Seo-yeon
""")
HYPHEN_LASTS = _lines("""
    Smith-Jones
    García-López
    Müller-Lüdenscheidt
    Lloyd-Webber
    Nguyen-Tran
    Zeta-Jones
""")
EMOJI = ("🌱", "🚀", "✈️", "🇧🇷", "👨‍💻", "☕", "🏳️‍🌈", "✨")
NICKNAMES = (('Robert "Bob"', "Robert"), ('Katherine "Kate"', "Katherine"), ('Li "Lily"', "Li"))
PRONOUNS = ("(she/her)", "(he/him)", "(they/them)", "(she/they)")


def _cjk(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    return CJK_NAMES[int(rng.random() * len(CJK_NAMES))]


def _apostrophe(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.8:
        return first, _pick(APOSTROPHE_LASTS, rng)
    return _pick(APOSTROPHE_FIRSTS, rng), last


def _hyphen(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return _pick(HYPHEN_FIRSTS, rng), last
    return first, _pick(HYPHEN_LASTS, rng)


def _emoji(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return f"{first} {_pick(EMOJI, rng)}", last
    return first, f"{last} {_pick(EMOJI, rng)}"


def _nickname(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    return NICKNAMES[int(rng.random() * len(NICKNAMES))][0], last


def _pronouns(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    return first, f"{last} {_pick(PRONOUNS, rng)}"


def _initial(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    return first, f"{last[:1]}."


def _capitals(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    return first.upper(), last.upper()


def _padded(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    return f" {first}", f"{last}  "  # the export keeps what the member typed


# (share of rows, change): the rest keep the sample's name.
NAME_VARIETY: tuple[tuple[float, Callable[[str, str, random.Random], tuple[str, str]]], ...] = (
    (0.03, _cjk),
    (0.03, _apostrophe),
    (0.04, _hyphen),
    (0.01, _emoji),
    (0.005, _nickname),
    (0.01, _pronouns),
    (0.005, _initial),
    (0.005, _capitals),
    (0.005, _padded),
)


def vary_name(first: str, last: str, rng: random.Random) -> tuple[str, str]:
    """The name as this member writes it on LinkedIn (mostly unchanged)."""
    u = rng.random()
    for share, change in NAME_VARIETY:
        if u < share:
            return change(first, last, rng)
        u -= share
    return first, last


def is_cjk(name: str) -> bool:
    """Whether a name is written in Chinese, Japanese or Korean script."""
    return any("\u3000" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" for ch in name)


# --------------------------------------------------------------------------- companies

LEGAL_SUFFIXES = (", Inc.", ", LLC", ", Ltd.", ", P.C.", ", S.A.", ", Inc")
FIRMS_WITH_COMMAS = _lines("""
    Smith, Jones & Co
    Baker, Botts & Lane LLP
    Skadden, Arps, Slate, Meagher & Flom
    Ernst, Young & Partners
    Wilson, Sonsini, Goodrich & Rosati
    Procter & Gamble, Inc.
""")
FIRMS_WITH_QUOTES = _lines("""
    Studio "Nord"
    ООО "Ромашка"
    Agentur "Blau" GmbH
    "Kreativ, Digital & Co" AG
    The "Good" Agency
""")
FIRMS_ABROAD = _lines("""
    Société Générale
    Deutsche Bahn AG
    株式会社日立製作所
    삼성전자
    Müller & Söhne GmbH
    Telefónica, S.A.
    腾讯
    Nestlé
""")
FIRMS_OF_ONE = _lines("""
    Self-employed
    Freelance
    Stealth Startup
    Retired
    Looking for new opportunities
""")

COMPANY_VARIETY: tuple[tuple[float, _Vary], ...] = (
    (0.08, lambda company, rng: company + _pick(LEGAL_SUFFIXES, rng)),
    (0.01, lambda company, rng: _pick(FIRMS_WITH_COMMAS, rng)),
    (0.015, lambda company, rng: _pick(FIRMS_WITH_QUOTES, rng)),
    (0.02, lambda company, rng: _pick(FIRMS_ABROAD, rng)),
    (0.03, lambda company, rng: _pick(FIRMS_OF_ONE, rng)),
    (0.04, lambda company, rng: ""),
)


# --------------------------------------------------------------------------- positions

REGIONS = (", EMEA", ", North America", ", APAC", ", DACH", ", Americas")
POSITIONS_WITH_COMMAS = _lines("""
    Director, Product & Design
    Head of Sales, North America
    Partner, Tax & Advisory
    Manager, Strategy, Operations & Planning
    Senior Engineer, Platform
""")
POSITIONS_WITH_QUOTES = _lines("""
    VP, "Growth"
    Chief "Happiness" Officer
    "Head of Vibes"
    Senior Manager, "Special Projects"
""")
HEADLINES = _lines("""
    Founder | CEO | Speaker
    Helping B2B teams grow 🚀 | Sales Leader
    CEO & Co-Founder
    Engineer @ Big Tech | ex-Startup | Mentor
    Building the future of work ✨ Board member, advisor, angel investor
    Writes about leadership, hiring and culture; opinions my own, reposts are not endorsements
    Recruiter — hiring engineers in Berlin, Lisbon & remote
""")
POSITIONS_ABROAD = _lines("""
    Geschäftsführer
    Directeur général
    Jefe de ventas
    営業部長
    부장
    Técnico de Manutenção
""")

POSITION_VARIETY: tuple[tuple[float, _Vary], ...] = (
    (0.06, lambda position, rng: position + _pick(REGIONS, rng) if position else position),
    (0.04, lambda position, rng: _pick(POSITIONS_WITH_COMMAS, rng)),
    (0.015, lambda position, rng: _pick(POSITIONS_WITH_QUOTES, rng)),
    (0.04, lambda position, rng: _pick(HEADLINES, rng)),
    (0.02, lambda position, rng: _pick(POSITIONS_ABROAD, rng)),
    (0.04, lambda position, rng: ""),
)


def _vary(text: str, variety: tuple[tuple[float, _Vary], ...], rng: random.Random) -> str:
    u = rng.random()
    for share, change in variety:
        if u < share:
            return change(text, rng)
        u -= share
    return text


def vary_company(company: str, rng: random.Random) -> str:
    """The company as members write it (mostly unchanged)."""
    return _vary(company, COMPANY_VARIETY, rng)


def vary_position(position: str, rng: random.Random) -> str:
    """The position as members write it (mostly unchanged)."""
    return _vary(position, POSITION_VARIETY, rng)


# --------------------------------------------------------------------------- e-mails

FREE_MAIL = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com", "gmx.de", "qq.com")
