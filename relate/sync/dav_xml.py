"""The XML of WebDAV, CardDAV and sync-collection: the request bodies the client sends
and the multistatus answers it reads.

Answers are parsed by the standard library's ElementTree. It never fetches external
entities, and the expat it runs on (2.4.1 and later, as in every supported Python)
refuses entity expansion bombs; on top of that, any document type declaration is
refused before its first entity is read, since no CardDAV answer has one.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from relate.sync.errors import SyncError

DAV = "DAV:"
CARDDAV = "urn:ietf:params:xml:ns:carddav"
_NAMESPACES = {"d": DAV, "c": CARDDAV}
_NOT_XML = "The server's answer is not the XML a CardDAV server sends."


def tag(namespace: str, name: str) -> str:
    """An element's name as ElementTree writes it: `{DAV:}href`."""
    return f"{{{namespace}}}{name}"


@dataclasses.dataclass(frozen=True, slots=True)
class Answer:
    """One <response> of a multistatus: its href as the server wrote it, the status of
    the response itself (sync-collection says 404 for a removed member), and the
    properties the server found (status 200), by tag."""

    href: str
    status: int | None
    found: dict[str, ET.Element]

    def text(self, namespace: str, name: str) -> str | None:
        """The text of a found property (stripped), None if not found."""
        element = self.found.get(tag(namespace, name))
        if element is None:
            return None
        return (element.text or "").strip()


@dataclasses.dataclass(frozen=True, slots=True)
class Multistatus:
    """A multistatus answer: its responses and, for sync-collection, the new token."""

    answers: list[Answer]
    sync_token: str | None


# ---------------------------------------------------------------------------- requests


def propfind(*props: tuple[str, str]) -> bytes:
    """A PROPFIND body asking for `props` ((namespace, name) pairs)."""
    root = ET.Element(tag(DAV, "propfind"))
    _props(ET.SubElement(root, tag(DAV, "prop")), props)
    return _document(root)


def sync_collection(token: str | None, *props: tuple[str, str]) -> bytes:
    """An RFC 6578 sync-collection REPORT body: the changes since `token` (all members
    when None), one level deep."""
    root = ET.Element(tag(DAV, "sync-collection"))
    ET.SubElement(root, tag(DAV, "sync-token")).text = token or ""
    ET.SubElement(root, tag(DAV, "sync-level")).text = "1"
    _props(ET.SubElement(root, tag(DAV, "prop")), props)
    return _document(root)


def addressbook_multiget(paths: Iterable[str]) -> bytes:
    """An RFC 6352 addressbook-multiget REPORT body for the cards at `paths`, asking for
    each one's ETag and whole vCard."""
    root = ET.Element(tag(CARDDAV, "addressbook-multiget"))
    _props(ET.SubElement(root, tag(DAV, "prop")), ((DAV, "getetag"), (CARDDAV, "address-data")))
    for path in paths:
        ET.SubElement(root, tag(DAV, "href")).text = path
    return _document(root)


def _props(parent: ET.Element, props: Iterable[tuple[str, str]]) -> None:
    for namespace, name in props:
        ET.SubElement(parent, tag(namespace, name))


def _document(root: ET.Element) -> bytes:
    for prefix, namespace in _NAMESPACES.items():
        ET.register_namespace(prefix, namespace)
    document: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return document


# ---------------------------------------------------------------------------- answers


class _NoDoctype(ET.TreeBuilder):
    """Stops parsing at a document type declaration, before any entity is defined."""

    def doctype(self, name: str, pubid: str | None, system: str | None) -> None:
        raise SyncError(_NOT_XML)


def parse(body: bytes) -> ET.Element:
    """The root element of an XML answer; SyncError if it is not well-formed XML or
    declares a document type."""
    parser = ET.XMLParser(target=_NoDoctype())
    try:
        parser.feed(body)
        root: ET.Element = parser.close()
    except ET.ParseError:
        raise SyncError(_NOT_XML) from None
    return root


def multistatus(body: bytes) -> Multistatus:
    """The responses of a 207 Multi-Status answer; SyncError if it is not one."""
    root = parse(body)
    if root.tag != tag(DAV, "multistatus"):
        raise SyncError(_NOT_XML)
    answers = [_answer(response) for response in root.iterfind("d:response", _NAMESPACES)]
    token = root.findtext("d:sync-token", None, _NAMESPACES)
    return Multistatus(answers, token.strip() if token is not None else None)


def _answer(response: ET.Element) -> Answer:
    href = response.findtext("d:href", None, _NAMESPACES)
    if not href or not href.strip():
        raise SyncError(_NOT_XML)
    found: dict[str, ET.Element] = {}
    for propstat in response.iterfind("d:propstat", _NAMESPACES):
        if _status(propstat.findtext("d:status", None, _NAMESPACES)) != 200:
            continue
        prop = propstat.find("d:prop", _NAMESPACES)
        if prop is not None:
            found.update((child.tag, child) for child in prop)
    return Answer(href.strip(), _status(response.findtext("d:status", None, _NAMESPACES)), found)


def _status(line: str | None) -> int | None:
    """The code of a status line ("HTTP/1.1 404 Not Found" -> 404)."""
    if line is None:
        return None
    words = line.split()
    if len(words) < 2 or not words[1].isdigit():
        raise SyncError(_NOT_XML)
    return int(words[1])


def hrefs(element: ET.Element | None) -> list[str]:
    """The <href> texts inside a property (current-user-principal, a home set)."""
    if element is None:
        return []
    return [href.text.strip() for href in element.iterfind("d:href", _NAMESPACES) if href.text]
