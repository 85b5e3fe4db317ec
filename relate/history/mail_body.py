"""The text of a mail, read only when the user chose to keep bodies: its first plain-text
part, decoded, cut at MAX_BODY_CHARS."""

from __future__ import annotations

import codecs
import email.parser
import email.policy
import re

# The most of a mail's text kept on its timeline entry.
MAX_BODY_CHARS = 20_000
# The most of a mail's raw body read to find that text (its first part, in practice):
# an attachment after it is passed over unread.
MAX_RAW_BODY_BYTES = 1024 * 1024

# mboxrd writes a body line "From ..." as ">From ...", and ">From" as ">>From".
_MBOX_QUOTED = re.compile(rb"^>(>*From )", re.MULTILINE)


def first_plain_text(block: bytes, body: bytes, *, mbox: bool = False) -> str:
    """The first text/plain part (not one sent as an attachment) of the mail made of header `block`
    and raw `body` (`mbox`: a body read from an mbox, whose ">From " lines are quoted),
    "" when it has none. A body cut short gives what it holds."""
    if mbox:
        body = _MBOX_QUOTED.sub(rb"\1", body)
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
        block.rstrip(b"\r\n") + b"\n\n" + body[:MAX_RAW_BODY_BYTES]
    )
    for part in message.walk():
        if part.get_content_type() != "text/plain":
            continue
        if (part.get("content-disposition") or "").lower().startswith("attachment"):
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        return _decode(payload, part.get_content_charset() or "utf-8")[:MAX_BODY_CHARS]
    return ""


def _decode(payload: bytes, charset: str) -> str:
    try:
        codecs.lookup(charset)
    except LookupError:
        charset = "utf-8"
    text = payload.decode(charset, errors="replace")
    return text.replace("\r\n", "\n").strip()
