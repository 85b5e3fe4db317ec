"""HTTP for the sync client: one `httpx.Client` with the account's credentials, every
address checked before a request leaves (`urls.checked_url`), answers read up to a
bound, and every failure turned into a sentence (`errors.SyncError`).

The password goes only into httpx's Basic authentication, which puts it in a header
and nowhere else: no message, log line or exception of ours names it.
"""

from __future__ import annotations

import dataclasses
import ssl
from collections.abc import Collection, Mapping
from urllib.parse import urlsplit

import httpx

from relate import __version__
from relate.sync.errors import (
    ChangedOnServerError,
    ResponseTooLargeError,
    SyncError,
    WrongPasswordError,
)
from relate.sync.urls import checked_url, moved

# No address book answer Relate asks for comes near this: a multiget of 100 cards with
# photos is a few megabytes, and a listing of 30,000 cards about 6 MB.
MAX_RESPONSE_BYTES = 50 * 1024 * 1024
_MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclasses.dataclass(frozen=True, slots=True)
class Reply:
    """A server's answer: the address that answered (after redirects), its status and
    reason, headers and whole body."""

    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


class Transport:
    """Requests to one account's server; close it (or use `with`) when done."""

    def __init__(self, user: str, password: str, *, timeout: float = 60.0) -> None:
        """`timeout`: the seconds to wait for a connection or the next part of an answer:
        long enough for a slow server to build a big listing, short enough to tell the
        user that it is not answering before they give up on the sync themselves."""
        self._client = httpx.Client(
            auth=httpx.BasicAuth(user, password),
            timeout=httpx.Timeout(timeout, connect=min(timeout, 15.0)),
            follow_redirects=False,
            headers={"User-Agent": f"Relate/{__version__}"},
            event_hooks={"request": [_check_request]},
            trust_env=False,  # no proxy or .netrc password picked up behind the user's back
        )

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connections kept open to the server."""
        self._client.close()

    def request(
        self,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        allow: Collection[int] = (),
    ) -> Reply:
        """The answer to `method` on `url`: a 2xx, or a status in `allow`. A 412 raises
        ChangedOnServerError, any other failure SyncError with a sentence saying what
        happened; an answer over MAX_RESPONSE_BYTES raises ResponseTooLargeError."""
        url = checked_url(url)
        request_headers = dict(headers or {})
        if body is not None:
            request_headers.setdefault("Content-Type", "application/xml; charset=utf-8")
        for _redirect in range(_MAX_REDIRECTS + 1):
            reply = self._send(method, url, body, request_headers)
            location = reply.headers.get("Location")
            if reply.status not in _REDIRECTS or not location:
                break
            # Followed here, not by httpx, which turns a redirected PROPFIND into a GET.
            url = moved(url, location)
        else:
            raise SyncError(f"{_host(url)} sent the request from one address to another too often.")
        if 200 <= reply.status < 300 or reply.status in allow:
            return reply
        if reply.status == 412:
            raise ChangedOnServerError(url)
        if reply.status == 401:
            raise WrongPasswordError(_refusal(url, reply))
        raise SyncError(_refusal(url, reply))

    def _send(self, method: str, url: str, body: bytes | None, headers: dict[str, str]) -> Reply:
        try:
            request = self._client.build_request(method, url, content=body, headers=headers)
            response = self._client.send(request, stream=True)
            try:
                data = _bounded_body(response)
            finally:
                response.close()
        except httpx.HTTPError as error:
            raise SyncError(_failure(url, error)) from None
        return Reply(url, response.status_code, response.reason_phrase, response.headers, data)


def _check_request(request: httpx.Request) -> None:
    """Every request goes only where a password may go (a second guard: `request`
    checks each address it is given or redirected to)."""
    checked_url(str(request.url))


def _bounded_body(response: httpx.Response) -> bytes:
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > MAX_RESPONSE_BYTES:
        raise ResponseTooLargeError(_too_large(str(response.url)))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise ResponseTooLargeError(_too_large(str(response.url)))
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str) -> str:
    megabytes = MAX_RESPONSE_BYTES // (1024 * 1024)
    return f"The server's answer from {_host(url)} is larger than {megabytes} MB; it was not read."


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.hostname or url


def _failure(url: str, error: httpx.HTTPError) -> str:
    """What a request that got no answer means, in a sentence."""
    host = _host(url)
    if isinstance(error, httpx.TimeoutException):
        if isinstance(error, httpx.ConnectTimeout):
            return f"Could not reach {host}: it did not answer in time. Check the address."
        return f"{host} stopped answering: the sync waited too long and gave up."
    if isinstance(error, httpx.ConnectError):
        if _certificate_refused(error):
            return (
                f"{host}'s certificate could not be verified, so no password was sent: "
                "the address may be wrong, or someone may be in between."
            )
        return (
            f"Could not connect to {host}: the server is down, refused the connection, "
            "or the address is wrong."
        )
    if isinstance(error, httpx.RemoteProtocolError | httpx.DecodingError):
        return f"{host} answered with something that is not HTTP, or broke off its answer."
    return f"The connection to {host} failed before it answered."


def _certificate_refused(error: BaseException) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(error)


def _refusal(url: str, reply: Reply) -> str:
    """What a failed status means, in a sentence."""
    status = reply.status
    code = f"{status} {reply.reason}".strip()
    if status == 401:
        return f"The server refused the user name or password ({code})."
    if status == 403:
        return f"The server does not let this account do that ({code})."
    if status == 404:
        return f"There is nothing at {url} on the server ({code})."
    if status >= 500:
        return f"The server failed to answer ({code}); try again later."
    return f"The server refused the request ({code})."
