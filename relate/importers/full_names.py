"""A full name split into prefix, first name, last name and suffix, by nameparser when
it is installed."""

from __future__ import annotations

from typing import Any

# nameparser's HumanName, loaded with the first full name to split (it takes longer to
# load than a small import takes to run); None without nameparser, which is optional.
_NOT_LOADED = object()
_HumanName: Any = _NOT_LOADED


def split_name(full: str, prefix: str = "", suffix: str = "") -> tuple[str, str, str, str]:
    """Prefix, first name, last name and suffix out of a full name (a prefix or suffix
    the file gives in a column of its own wins): "Dr. Ana de la Cruz, PhD" gives "Dr.",
    "Ana", "de la Cruz" and "PhD"; "Silva, Ana" gives "Ana" and "Silva"."""
    global _HumanName
    if not full:
        return prefix, "", "", suffix
    if _HumanName is _NOT_LOADED:
        try:
            from nameparser import HumanName as _HumanName
        except ImportError:  # without it, full names split on the last space
            _HumanName = None
    if _HumanName is None:
        # Without nameparser the last word is the last name ("de la Cruz" splits wrongly).
        if "," in full:
            last, first = (part.strip() for part in full.split(",", 1))
            return prefix, first, last, suffix
        first, _, last = full.rpartition(" ")
        return (prefix, first, last, suffix) if first else (prefix, last, "", suffix)
    name = _HumanName(full)
    first = " ".join(part for part in (name.first, name.middle) if part)
    if not first and not name.last:
        return prefix, full, "", suffix
    return prefix or name.title, first, name.last, suffix or name.suffix
