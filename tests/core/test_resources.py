"""Finding `resources/` from a checkout, an installed wheel and a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from relate import resources

REPO = Path(__file__).resolve().parents[2]


def test_a_checkout_finds_the_resources_beside_the_packages() -> None:
    assert not hasattr(sys, "_MEIPASS")
    assert resources.resources_dir() == REPO / "resources"
    assert resources.resource_path("icons", "relate.svg").is_file()
    assert resources.resource_path("questions.toml").is_file()
    assert resources.resource_path("relate.desktop").is_file()


def test_an_installed_wheel_finds_its_resources_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "site-packages" / "relate"
    (package / "resources_data" / "icons").mkdir(parents=True)
    (package / "resources_data" / "questions.toml").write_text("", encoding="utf-8")
    # A stray top-level resources/ in site-packages (someone else's) must not win.
    (tmp_path / "site-packages" / "resources").mkdir()
    monkeypatch.setattr(resources, "_PACKAGE", package)

    assert resources.resources_dir() == package / "resources_data"
    assert resources.resource_path("questions.toml").is_file()


def test_a_frozen_bundle_finds_the_resources_in_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)

    assert resources.resources_dir() == tmp_path / "resources"
    assert resources.resource_path("icons", "relate.svg") == (
        tmp_path / "resources" / "icons" / "relate.svg"
    )
