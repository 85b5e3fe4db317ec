"""Finding the files in `resources/`: in a frozen bundle, an installed wheel or a checkout."""

from __future__ import annotations

import sys
from pathlib import Path

# This package's folder: `relate/` in a checkout (or an editable install of one), or
# `site-packages/relate/` when installed from a wheel.
_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """The `resources/` folder, wherever this copy of Relate runs from.

    - a PyInstaller bundle: `resources/` inside it (relate.spec puts it there);
    - an installed wheel: `relate/resources_data/` (pyproject.toml maps it there);
    - a source checkout: `resources/` at the top of the repo, beside `relate/`.
    """
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    installed = _PACKAGE / "resources_data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file under `resources/`, e.g. `resource_path("icons", "relate.svg")`."""
    return resources_dir().joinpath(*parts)
