"""pyproject.toml ships every package and every resource file in the wheel; the README names
the system libraries CI installs.

The packages are listed by hand (so `resources/` can be mapped into the wheel as
`relate/resources_data/`); these tests catch a package or a resource folder added on disk
but not to that list, without building a wheel.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESOURCES_PACKAGE = "relate.resources_data"


def _setuptools() -> dict:
    with open(REPO / "pyproject.toml", "rb") as stream:
        return tomllib.load(stream)["tool"]["setuptools"]


def test_every_code_package_is_listed() -> None:
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for top in ("relate", "ui")
        for init in (REPO / top).rglob("__init__.py")
    }
    assert on_disk <= set(_setuptools()["packages"])


def test_resources_map_to_the_package_that_resources_dir_looks_for() -> None:
    config = _setuptools()
    assert config["package-dir"][RESOURCES_PACKAGE] == "resources"
    assert RESOURCES_PACKAGE.rsplit(".", 1)[1] == "resources_data"  # see relate/resources.py


def test_every_resource_folder_with_an_importable_name_is_listed() -> None:
    # Else setuptools warns at every build that it looks like a forgotten package.
    listed = set(_setuptools()["packages"])
    resources = REPO / "resources"
    for folder in resources.rglob("*"):
        parts = folder.relative_to(resources).parts
        if folder.is_dir() and all(part.isidentifier() for part in parts):
            if parts[0] != "screenshots":
                assert ".".join((RESOURCES_PACKAGE, *parts)) in listed


def test_package_data_takes_every_resource_but_the_screenshots() -> None:
    config = _setuptools()
    resources = REPO / "resources"
    shipped: set[Path] = set()
    for package, patterns in config["package-data"].items():
        if package == RESOURCES_PACKAGE or package.startswith(RESOURCES_PACKAGE + "."):
            folder = resources.joinpath(*package.split(".")[2:])
            for pattern in patterns:
                shipped |= {path for path in folder.glob(pattern) if path.is_file()}
    wanted = {
        path
        for path in resources.rglob("*")
        if path.is_file() and path.relative_to(resources).parts[0] != "screenshots"
    }
    assert wanted - shipped == set()
    assert (resources / "icons" / "relate.svg") in shipped


def _ci_packages(name: str) -> list[str]:
    """The words of a bash array `NAME=( … )` in .ci/run."""
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    found = re.search(rf"^{name}=\(\s*(.*?)\s*\)", script, re.S | re.M)
    assert found, f"{name} is not in .ci/run"
    return found.group(1).split()


def _readme_installs() -> list[list[str]]:
    """The packages of each `sudo apt-get install` line of the README's set-up."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    return [line.split()[3:] for line in re.findall(r"^sudo apt-get install .*$", readme, re.M)]


def test_the_readme_lists_the_qt_libraries_ci_installs() -> None:
    # What a fresh desktop or server needs is what a fresh CI machine gets: a real X
    # display fails with a misleading message when one xcb library is missing.
    offscreen, xcb = _ci_packages("QT_OFFSCREEN_PACKAGES"), _ci_packages("QT_XCB_PACKAGES")
    assert "libxcb-icccm4" in xcb and "libxcb-keysyms1" in xcb
    assert _readme_installs() == [offscreen, xcb]
