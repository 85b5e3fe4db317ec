"""Checks on what the user gives, with messages that say what was wrong."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import urlsplit

from relate.dates import parse_day_text

# Deliberately loose: one @, something before it, a dotted domain after, no spaces.
# Real validation is sending mail; this only catches typing slips.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The form LinkedIn exports use; checked first because urlsplit is slow for bulk imports.
_CANONICAL_LINKEDIN = re.compile(r"^https://www\.linkedin\.com/[^?#\s]*[^/?#\s]$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
MAX_CADENCE_DAYS = 3650


class ValidationError(ValueError):
    """What the user gave cannot be stored; the message says why, in plain words."""


class NotFoundError(LookupError):
    """No such contact, tag or entry; the message names what was looked for."""


def clean_text(value: str | None) -> str:
    """Trimmed text; None becomes empty."""
    return (value or "").strip()


def clean_names(first_name: str | None, last_name: str | None) -> tuple[str, str]:
    """Trimmed first and last name; at least one is required."""
    first, last = clean_text(first_name), clean_text(last_name)
    if not first and not last:
        raise ValidationError("A contact needs a name: give a first or a last name.")
    return first, last


# Letters that Unicode does not decompose into a base letter and an accent.
_UNACCENTED = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th"}
)
_SORT_SEPARATOR = "\x1f"  # below every letter, so "Li, Zed" sorts before "Lin, Ann"


# Every contact written folds its names, and names repeat: a 30,000-row import folds
# 60,000 names, a few hundred of them distinct.
@functools.lru_cache(maxsize=1 << 16)
def sort_fold(text: str) -> str:
    """Text as it sorts: case and accents ignored, so "Élodie" files under E, not after Z."""
    if text.isascii():  # most names: no accents to take off, nothing to decompose
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return plain.translate(_UNACCENTED)


_WORD = re.compile(r"\w+")


# Names and firm names repeat a lot across contacts; folding is worth remembering.
@functools.lru_cache(maxsize=1 << 16)
def fold_words(text: str) -> str:
    """Text reduced to its words, case, accents and punctuation ignored: how names and
    companies compare when telling whether two records are one person."""
    return " ".join(_WORD.findall(sort_fold(text)))


def fold_person_name(first_name: str, last_name: str) -> tuple[str, str]:
    """First and last name folded for matching people, credentials after a comma left
    out: ("José", "Müller, PE") gives ("jose", "muller")."""
    return fold_words(first_name), fold_words(last_name.split(",", 1)[0])


def name_key(first_name: str, last_name: str) -> str:
    """The key a contact sorts by: last name, then first name; one name alone files
    under itself (the stored `contact.name_key`; changing it needs a migration)."""
    if not last_name:
        return sort_fold(first_name)
    return f"{sort_fold(last_name)}{_SORT_SEPARATOR}{sort_fold(first_name)}"


# Characters that show as nothing: a tag pasted with one is the tag without it.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


# Tags repeat across a whole import: a 30,000-row file names a few hundred.
@functools.lru_cache(maxsize=1 << 14)
def tag_key(name: str) -> str:
    """What makes two tag names the same tag (the stored `tag.key`; changing it needs a
    migration): letters compared in their compatibility form (NFKC: "café" composed or
    decomposed, "ﬁ" and "fi"), case folded, zero-width characters and inner spacing
    not counted."""
    folded = unicodedata.normalize("NFKC", name.translate(_ZERO_WIDTH)).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def clean_email(address: str) -> str:
    """A trimmed e-mail address, or ValidationError if it cannot be one."""
    address = clean_text(address)
    if not _EMAIL.match(address):
        raise ValidationError(f"'{address}' is not a valid e-mail address.")
    return address


def clean_emails(addresses: Sequence[str]) -> list[str]:
    """Valid addresses without repeats (case-insensitive), in the order given."""
    seen: set[str] = set()
    result = []
    for address in addresses:
        if not clean_text(address):
            continue
        address = clean_email(address)
        if address.casefold() not in seen:
            seen.add(address.casefold())
            result.append(address)
    return result


def parse_date(value: str | dt.date | None, what: str = "date") -> dt.date | None:
    """A date from a `date`, a YYYY-MM-DD string or one in the app's own style ("2 Nov
    2026"); empty gives None."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = value.strip()
    if not text:
        return None
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    day = parse_day_text(text)
    if day is not None:
        return day
    raise ValidationError(f"The {what} '{text}' is not a date such as 2026-11-02 or 2 Nov 2026.")


def parse_time(value: str | dt.time | None, what: str = "time") -> dt.time | None:
    """A time from a `time` or an HH:MM[:SS] string; empty gives None."""
    if value is None or isinstance(value, dt.time):
        return value
    text = value.strip()
    if not text:
        return None
    match = _TIME.match(text)
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise ValidationError(f"The {what} '{text}' is not a time in the form HH:MM.")


def clean_cadence(days: int | str | None) -> int | None:
    """A follow-up rhythm in days (1 to 3650), or None for no rhythm."""
    if days is None or (isinstance(days, str) and not days.strip()):
        return None
    try:
        value = int(days)
    except (TypeError, ValueError):
        raise ValidationError(f"The cadence '{days}' is not a whole number of days.") from None
    if not 1 <= value <= MAX_CADENCE_DAYS:
        raise ValidationError(
            f"The cadence must be between 1 and {MAX_CADENCE_DAYS} days, not {value}."
        )
    return value


def clean_choice(value: str, choices: Sequence[str], what: str) -> str:
    """`value` if it is one of `choices` (ignoring case and surrounding space)."""
    folded = clean_text(value).casefold()
    for choice in choices:
        if choice.casefold() == folded:
            return choice
    raise ValidationError(f"'{value}' is not a {what}; choose one of: {', '.join(choices)}.")


def normalise_linkedin_url(url: str | None) -> str | None:
    """The canonical form of a LinkedIn profile URL (https, www, no query, no trailing
    slash), so the same profile always compares equal; empty gives None."""
    text = clean_text(url)
    if not text:
        return None
    if _CANONICAL_LINKEDIN.match(text):
        return text
    if "://" not in text:
        text = "https://" + text
    try:
        parts = urlsplit(text)
    except ValueError:  # an unbalanced "[" or "]", read as an IPv6 address
        raise ValidationError(f"'{url}' is not a LinkedIn address.") from None
    host = parts.netloc.lower().split("@")[-1].split(":")[0]
    if parts.scheme.lower() not in ("http", "https") or not (
        host == "linkedin.com" or host.endswith(".linkedin.com")
    ):
        raise ValidationError(f"'{url}' is not a LinkedIn address.")
    path = parts.path.rstrip("/")
    if not path:
        raise ValidationError(f"'{url}' is not the address of a LinkedIn profile.")
    return f"https://www.linkedin.com{path}"
