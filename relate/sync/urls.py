"""Which addresses the sync client may talk to: https anywhere, plain http only to this
machine (a local test server), and a card only where its address book is."""

from __future__ import annotations

import ipaddress
from urllib.parse import urljoin, urlsplit

from relate.sync.errors import SyncError

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    """Whether `host` names this machine without a look-up (127.0.0.0/8, ::1, localhost)."""
    host = host.strip("[]").lower().rstrip(".")
    if host in _LOOPBACK_NAMES or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def checked_url(url: str) -> str:
    """`url` if the client may send a password there, else SyncError: https, or http
    to a loopback address (the password would cross the network in clear), and no
    user name or password written into the address itself."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    try:
        _ = parts.port  # a port out of range raises
    except ValueError:
        host = ""
    if parts.scheme not in ("https", "http") or not host:
        raise SyncError(f"{_shown(url)} is not a web address (https://…).")
    if parts.username is not None or parts.password is not None:
        raise SyncError(
            "The address holds a user name or password: give the server's address alone "
            "and the user name apart."
        )
    if parts.scheme == "http" and not is_loopback(host):
        raise SyncError(
            f"{host} is reached over http://, which would send the password unencrypted: "
            "use its https:// address."
        )
    return url.strip()


def origin(url: str) -> tuple[str, str, int | None]:
    """The scheme, host and port of `url` (what a browser calls its origin)."""
    parts = urlsplit(url)
    port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def resolved(base: str, href: str) -> str:
    """The absolute address of `href` (as a server writes it: often a path) read in an
    answer about `base`; SyncError if it points to another server, where the password
    must not go."""
    url = urljoin(base, href.strip())
    if origin(url) != origin(base):
        raise SyncError(f"The server pointed to {_shown(url)}, outside {_shown(base)}.")
    return url


def moved(base: str, href: str) -> str:
    """Like `resolved`, for discovery, where a server may send us to another host of
    its own (iCloud's address books live on pNN-contacts.icloud.com): allowed over
    https only, and never from https down to http."""
    url = urljoin(base, href.strip())
    if origin(url) == origin(base):
        return url
    if urlsplit(url).scheme != "https":
        raise SyncError(f"The server pointed to {_shown(url)}, which is not https://.")
    return checked_url(url)


def _shown(url: str) -> str:
    """`url` without any user name or password, and cut, to be said in a message."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
        url = parts._replace(netloc=f"{host}{port}").geturl()
    return url if len(url) <= 200 else url[:200] + "…"
