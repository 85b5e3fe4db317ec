"""One mail's header block, as bytes, made into an `Exchange`.

Only the headers a history needs are looked at, found with one regular expression over
the block rather than a full `email` parse (which costs a hundred times more per message
and reads nothing more that matters here). Encoded words (RFC 2047) are decoded in any
charset; a charset nobody knows or a broken encoding gives replacement characters,
never an error.
"""

from __future__ import annotations

import codecs
import datetime as dt
import email.errors
import email.header
import email.utils
import hashlib
import re

from relate.history.exchanges import Exchange, Medium, Party

# The most people one mail's To and Cc give; a mail to more is a mass mailing anyway.
MAX_RECIPIENTS = 100
# An address header is read up to this many characters (100 addresses fit many times).
_MAX_ADDRESS_CHARS = 64 * 1024
# When a mail has no date, or no usable one, it is yielded with skip "no date" and this.
NO_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

BROKEN = "a broken message"
NO_DATE_REASON = "no date"
MAILING_LIST = "a mailing list"
BULK = "bulk mail"
AUTOMATIC = "an automatic message"
NO_REPLY = "a no-reply sender"
DELETED = "a deleted message"

_WANTED = (
    "from|to|cc|date|message-id|in-reply-to|references|subject|list-id|list-unsubscribe"
    "|precedence|auto-submitted|x-auto-response-suppress|x-mozilla-status"
)
# A wanted header at the start of a line, with its folded continuation lines (searched
# in the block after a line end: a pattern starting with a character is searched 3x faster
# than one starting with ^).
_HEADER = re.compile(
    rb"\n(" + _WANTED.encode() + rb")[ \t]*:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.IGNORECASE
)
# One address of a list in the shapes nearly every mail uses (`Name <a@b>`, `"Last, First"
# <a@b>`, `a@b`) and its comma; a value of other shapes (comments, groups, quoted
# local parts) is left to email.utils.getaddresses, ten times slower.
_SIMPLE_ADDRESS = re.compile(
    r'[ \t]*(?:(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<plain>[^",<>()\\;:@]*?))[ \t]*'
    r"<(?P<angle>(?:{atom}@{atom})?)>|(?P<bare>{atom}@{atom}))[ \t]*(?:,|$)".format(
        atom=r'[^<>\s"(),;:\\@\[\]]+'
    )
)
_QUOTED_PAIR = re.compile(r"\\(.)")
_FOLD = re.compile(rb"\r?\n(?=[ \t])")
_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
_NO_REPLY = re.compile(
    r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|mailer[-_.]?daemon"
    r"|postmaster|notifications?)(?:$|[-+_.\d])"
)
# Thunderbird keeps a deleted mail in the mbox, flagged, until the folder is compacted.
_MOZILLA_EXPUNGED = 0x0008


def header_values(block: bytes) -> dict[str, str]:
    """The wanted headers of a header block, by lower-case name: unfolded, as text (raw
    8-bit bytes read as UTF-8, else Windows-1252). A header given twice keeps the first,
    except To and Cc, whose values are joined."""
    values: dict[str, str] = {}
    for match in _HEADER.finditer(b"\n" + block):
        name = match.group(1).decode("ascii").lower()
        value = _text(_FOLD.sub(b"", match.group(2))).strip()
        if name not in values:
            values[name] = value
        elif name in ("to", "cc") and value:
            values[name] = f"{values[name]}, {value}"
    return values


def _text(raw: bytes) -> str:
    try:
        return raw.decode("ascii")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def decode_words(text: str) -> str:
    """`text` with its RFC 2047 encoded words decoded; a word that cannot be is kept."""
    if "=?" not in text:
        return text
    try:
        parts = email.header.decode_header(text)
    except (email.errors.HeaderParseError, ValueError):
        return text
    return "".join(_decode_part(part, charset) for part, charset in parts)


def _decode_part(part: bytes | str, charset: str | None) -> str:
    if isinstance(part, str):
        return part
    if charset is None:  # the text between encoded words, as decode_header gives it back
        return part.decode("raw-unicode-escape", errors="replace")
    charset = charset.split("*", 1)[0]  # RFC 2231 adds a language: utf-8*en
    try:
        codecs.lookup(charset)
    except LookupError:  # an unknown charset: most often UTF-8, else Latin-1
        try:
            return part.decode("utf-8")
        except UnicodeDecodeError:
            return part.decode("latin-1")
    return part.decode(charset, errors="replace")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def parties(value: str, most: int = MAX_RECIPIENTS) -> list[Party]:
    """The people an address header names (at most `most`, each address once):
    addresses lower-cased, names decoded."""
    if len(value) > _MAX_ADDRESS_CHARS:  # cut after a whole address, never in one
        value = value[: value.rfind(",", 0, _MAX_ADDRESS_CHARS) + 1]
    found: list[Party] = []
    seen: set[str] = set()
    for name, address in _addresses(value):
        address = address.strip().lower()
        name = _one_line(decode_words(name)).strip("'\" ")
        if "@" not in address:  # "From: foo", a local user: a name, not an address
            address, name = "", name or address
        if not (address or name) or (address and address in seen):
            continue
        seen.add(address)
        found.append(Party(email=address, name=name))
        if len(found) >= most:
            break
    return found


def _addresses(value: str) -> list[tuple[str, str]]:
    """(name, address) pairs as email.utils.getaddresses gives them."""
    pairs: list[tuple[str, str]] = []
    position, end = 0, len(value)
    while position < end:
        match = _SIMPLE_ADDRESS.match(value, position)
        if match is None or match.end() == position:
            return email.utils.getaddresses([value])
        quoted, plain, angle, bare = match.group("quoted", "plain", "angle", "bare")
        if bare is not None:
            pairs.append(("", bare))
        else:
            name = _QUOTED_PAIR.sub(r"\1", quoted) if quoted is not None else plain.strip()
            pairs.append((name, angle))
        position = match.end()
    return pairs


def _ids(value: str) -> list[str]:
    ids = _MESSAGE_ID.findall(value)
    if ids:
        return ids
    return value.split()[:1]  # an id written without its angle brackets


def _when(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


def _skip(headers: dict[str, str], sender: Party | None, when: dt.datetime | None) -> str:
    if sender is None:
        return BROKEN
    if _deleted(headers.get("x-mozilla-status", "")):
        return DELETED
    if when is None:
        return NO_DATE_REASON
    if headers.get("list-id") or headers.get("list-unsubscribe"):
        return MAILING_LIST
    if headers.get("precedence", "").lower() in ("bulk", "list", "junk"):
        return BULK
    auto = headers.get("auto-submitted", "").split(";")[0].strip().lower()
    if (auto and auto != "no") or "x-auto-response-suppress" in headers:
        return AUTOMATIC
    if _NO_REPLY.match(sender.email.partition("@")[0]):
        return NO_REPLY
    return ""


def _deleted(status: str) -> bool:
    try:
        return bool(int(status[:4], 16) & _MOZILLA_EXPUNGED)
    except ValueError:
        return False


def _fallback_key(headers: dict[str, str]) -> str:
    """A key for a mail without a Message-ID, the same each time the file is read."""
    seed = "\0".join(headers.get(name, "") for name in ("date", "from", "subject"))
    return "no-message-id:" + hashlib.sha256(seed.encode("utf-8", "replace")).hexdigest()[:32]


def exchange_from_headers(block: bytes, *, body: str = "", broken: bool = False) -> Exchange:
    """The exchange one mail's header block describes (`broken`: the block is not
    whole, so the mail is skipped as a broken message whatever it says)."""
    headers = header_values(block)
    found = parties(headers.get("from", ""), most=1)
    sender = found[0] if found else None
    recipients = parties(", ".join(filter(None, (headers.get("to"), headers.get("cc")))))
    when = _when(headers.get("date", ""))
    own_ids = _ids(headers.get("message-id", ""))
    key = own_ids[0] if own_ids else _fallback_key(headers)
    roots = _ids(headers.get("references", "")) or _ids(headers.get("in-reply-to", ""))
    return Exchange(
        medium=Medium.EMAIL,
        key=key,
        thread=roots[0] if roots else key,
        when=when or NO_DATE,
        sender=sender,
        recipients=tuple(recipients),
        subject=_one_line(decode_words(headers.get("subject", ""))),
        body=body,
        skip=BROKEN if broken else _skip(headers, sender, when),
    )


def unreadable_exchange(name: str) -> Exchange:
    """A mail file that could not be read (`name`: where it is), as a broken message."""
    key = "unreadable:" + hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:32]
    return Exchange(
        medium=Medium.EMAIL, key=key, thread=key, when=NO_DATE, sender=None, skip=BROKEN
    )
