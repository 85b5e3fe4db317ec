"""The core type-checks under `mypy --strict` (pyproject.toml's [tool.mypy], as CI runs it),
with no module excused, so a slip shows in the test run too."""

from __future__ import annotations

import tomllib
from pathlib import Path

from mypy import api

REPO = Path(__file__).resolve().parents[1]


def test_no_module_of_the_core_is_excused_from_strict_typing() -> None:
    with open(REPO / "pyproject.toml", "rb") as stream:
        settings = tomllib.load(stream)["tool"]["mypy"]
    assert settings["strict"] is True
    assert settings["files"] == ["relate"]
    excused = [
        override["module"]
        for override in settings.get("overrides", [])
        if override.get("ignore_errors") or "disable_error_code" in override
    ]
    assert not excused, f"modules excused from strict typing: {excused}"


def test_the_core_type_checks_strictly(tmp_path: Path) -> None:
    report, errors, status = api.run(
        ["--config-file", str(REPO / "pyproject.toml"), "--cache-dir", str(tmp_path)]
        + [str(REPO / "relate")]
    )
    assert status == 0, report + errors
