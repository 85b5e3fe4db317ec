"""Mails and mail archives written as mail programs write them, for the reader's tests."""

from __future__ import annotations

from pathlib import Path

SEPARATOR = b"From MAILER-DAEMON Mon Jan  1 10:00:00 2024\n"
THUNDERBIRD_SEPARATOR = b"From - Mon Jan 01 10:00:00 2024\n"
DATE = "Mon, 1 Jan 2024 10:00:00 +0100"


def mail(
    headers: dict[str, str] | None = None,
    body: str | bytes = "Hello,\n\nsee you soon.\n",
    *,
    message_id: str | None = "<m1@example.org>",
    sender: str | None = "Ana Lima <Ana@Example.org>",
    to: str | None = "bob@example.com",
    date: str | None = DATE,
    subject: str | None = "Lunch",
    newline: bytes = b"\n",
) -> bytes:
    """One mail's bytes: the usual headers (each may be left out with None) then
    `headers`, a blank line and `body`."""
    lines: list[str] = []
    for name, value in (
        ("From", sender),
        ("To", to),
        ("Subject", subject),
        ("Date", date),
        ("Message-ID", message_id),
    ):
        if value is not None:
            lines.append(f"{name}: {value}")
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    head = newline.join(line.encode("utf-8") for line in lines) + newline
    raw_body = body if isinstance(body, bytes) else body.encode("utf-8")
    return head + newline + raw_body.replace(b"\n", newline)


def mbox(*mails: bytes, separator: bytes = SEPARATOR) -> bytes:
    """An mbox of `mails`, each after a separator line and ended by a blank line, its
    body's "From " lines quoted as mboxrd does."""
    parts = []
    for one in mails:
        head, _, body = one.partition(b"\n\n")
        quoted = b"\n".join(
            b">" + line if line.lstrip(b">").startswith(b"From ") else line
            for line in body.split(b"\n")
        )
        parts.append(separator + head + b"\n\n" + quoted.rstrip(b"\n") + b"\n\n")
    return b"".join(parts)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
