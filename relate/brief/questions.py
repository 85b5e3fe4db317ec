"""The question bank: questions a brief suggests, read from a TOML file the user can edit.

The user's own bank is `questions.toml` in the user data folder, the folder that holds
the database in use. Functions here take that folder as `folder`; left out, it is the
default database's folder (`relate.store.db.default_db_path().parent`). A caller that opened
another database (`--db`, RELATE_DB) passes that file's folder, as `brief_query` does.
"""

from __future__ import annotations

import dataclasses
import logging
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

from relate.files import private_file
from relate.resources import resource_path
from relate.store.db import default_db_path

log = logging.getLogger(__name__)

FILE_NAME = "questions.toml"

# What a question can be for; the bank's own order of first appearance is the priority.
CONDITIONS: tuple[str, ...] = (
    "new-job",  # a position-change entry in the last six months
    "long-silence",  # last contact more than six months ago
    "no-story",  # nothing written down of their story
    "no-interests",  # no tags (other than topics to avoid)
    "several-meetings",  # three or more 1-2-1s held
    "first-meeting",  # no 1-2-1 held yet
    "always",  # the fallback
)

MAX_QUESTIONS = 3
MAX_PER_CONDITION = 2


class BankError(ValueError):
    """A question bank file that cannot be used."""


@dataclasses.dataclass(frozen=True, slots=True)
class Question:
    when: str
    text: str


def bundled_path() -> Path:
    """The bank that ships with the app."""
    return resource_path(FILE_NAME)


def user_folder(folder: Path | None = None) -> Path:
    """The user data folder: `folder`, or the default database's folder."""
    return folder if folder is not None else default_db_path().parent


def questions_path(folder: Path | None = None) -> Path:
    """The user's bank when there is one in the data folder, else the bundled one."""
    own = user_folder(folder) / FILE_NAME
    return own if own.is_file() else bundled_path()


def ensure_user_questions(folder: Path | None = None) -> Path:
    """The user's bank, first copied from the bundled one if missing (to open in an editor)."""
    own = user_folder(folder) / FILE_NAME
    if not own.exists():
        own.parent.mkdir(parents=True, exist_ok=True)
        with private_file(own, "wb") as file:
            file.write(bundled_path().read_bytes())
    return own


def parse_questions(text: str) -> tuple[Question, ...]:
    """The questions of a bank's TOML text, in file order; BankError when it is unusable.

    A question whose `when` is unknown (a typo) is left out with a warning rather than
    throwing away the rest of the user's work.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BankError(f"not valid TOML ({exc})") from exc
    entries = data.get("question")
    if not isinstance(entries, list):
        raise BankError("no [[question]] blocks")
    result = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise BankError(f"question {number} is not a block with `when` and `text`")
        when, text_ = entry.get("when"), entry.get("text")
        if not isinstance(when, str) or not isinstance(text_, str) or not text_.strip():
            raise BankError(f"question {number} needs a `when` and a `text`, both text")
        when = when.strip().casefold()
        if when not in CONDITIONS:
            log.warning("Question %d: unknown `when = %r`; it is left out.", number, when)
            continue
        result.append(Question(when, " ".join(text_.split())))
    return tuple(result)


def load_questions(path: Path | None = None, folder: Path | None = None) -> tuple[Question, ...]:
    """The bank at `path` (default: `questions_path(folder)`).

    A user file that cannot be read or parsed falls back to the bundled bank with a
    warning: a brief must never fail because of a hand-edited file.
    """
    path = path if path is not None else questions_path(folder)
    bundled = bundled_path()
    if path != bundled:
        try:
            return parse_questions(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, BankError) as exc:
            log.warning("Cannot use the question bank %s (%s); using the built-in one.", path, exc)
    try:
        return parse_questions(bundled.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, BankError) as exc:
        # Only a broken installation gets here; a brief without questions still prints.
        log.error("Cannot read the built-in question bank %s (%s).", bundled, exc)
        return ()


def choose_questions(
    facts: Iterable[str],
    bank: Sequence[Question],
    limit: int = MAX_QUESTIONS,
    per_condition: int = MAX_PER_CONDITION,
) -> tuple[str, ...]:
    """Up to `limit` questions whose condition is among `facts` ("always" always holds).

    Goes round the conditions in the order they first appear in the bank, taking the
    next question of each in file order, so several things we do not know each get a
    question before any gets a second; the result keeps that priority order. Texts are
    never repeated. The same facts and bank always give the same questions.
    """
    holds = set(facts) | {"always"}
    queues: dict[str, list[tuple[int, str]]] = {}
    for position, question in enumerate(bank):
        if question.when in holds:
            queues.setdefault(question.when, []).append((position, question.text))
    picked: list[tuple[int, str]] = []
    seen: set[str] = set()
    for _round in range(per_condition):
        for queue in queues.values():  # dict order is first appearance in the bank
            while queue and len(picked) < limit:
                position, text = queue.pop(0)
                if text.casefold() not in seen:
                    seen.add(text.casefold())
                    picked.append((position, text))
                    break
    order = {when: rank for rank, when in enumerate(queues)}
    picked.sort(key=lambda item: (order[bank[item[0]].when], item[0]))
    return tuple(text for _position, text in picked)
