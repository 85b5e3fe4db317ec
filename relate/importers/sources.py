"""Every kind of file Relate imports, by name: one entry point for the CLI and the window."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from relate.importers.plan import ImportPlan


def _linkedin(path: Path) -> ImportPlan:
    from relate.importers.linkedin import plan_linkedin_import

    return plan_linkedin_import(path)


def _vcard(path: Path) -> ImportPlan:
    from relate.importers.vcard import plan_vcard_import

    return plan_vcard_import(path)


def _google(path: Path) -> ImportPlan:
    from relate.importers.address_book_csv import plan_google_import

    return plan_google_import(path)


def _outlook(path: Path) -> ImportPlan:
    from relate.importers.address_book_csv import plan_outlook_import

    return plan_outlook_import(path)


def _csv(path: Path) -> ImportPlan:
    from relate.importers.address_book_columns import guess_mapping
    from relate.importers.address_book_csv import plan_mapped_import, read_table

    return plan_mapped_import(path, guess_mapping(read_table(path).headers))


# Imported lazily: `relate list` should not pay for vobject.
PLANNERS: dict[str, Callable[[Path], ImportPlan]] = {
    "linkedin": _linkedin,
    "vcard": _vcard,
    "google": _google,
    "outlook": _outlook,
    "csv": _csv,
}


def plan_file(path: Path, kind: str) -> ImportPlan:
    """What importing `path` as `kind` (a PLANNERS key) would do; ImportFileError when
    the file cannot be read as that kind, WrongKindError (saying what it is) when it is
    another kind. Nothing is written."""
    from relate.importers.formats import check_kind

    check_kind(path, kind)
    return PLANNERS[kind](path)
