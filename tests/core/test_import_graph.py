"""No import cycles: every module of `relate/` and `ui/` can be read without the modules
that read it (a cycle makes the order of imports matter and the layers blur)."""

from __future__ import annotations

from pathlib import Path

from tests.import_graph import cycles, import_graph

REPO = Path(__file__).resolve().parents[2]


def test_the_app_s_modules_import_one_another_without_a_cycle() -> None:
    graph = import_graph(REPO)
    assert "relate.importers.plan" in graph["relate.importers.batches"]  # the graph is read
    assert cycles(graph) == []


def _write(root: Path, name: str, text: str) -> None:
    path = root / Path(*name.split(".")).with_suffix(".py")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_a_cycle_through_a_function_s_own_import_is_found(tmp_path: Path) -> None:
    _write(tmp_path, "relate.__init__", "")
    _write(tmp_path, "relate.deep.__init__", "")
    _write(tmp_path, "relate.deep.one", "def f():\n    from relate.deep import two\n")
    _write(tmp_path, "relate.deep.two", "from relate import three\n")
    _write(tmp_path, "relate.three", "from .deep.one import f\n")
    _write(tmp_path, "relate.alone", "from relate.deep.one import f\n")
    _write(tmp_path, "ui.__init__", "")
    found = cycles(import_graph(tmp_path))
    assert found == [["relate.deep.one", "relate.deep.two", "relate.three"]]


def test_imports_only_a_type_checker_reads_make_no_cycle(tmp_path: Path) -> None:
    _write(tmp_path, "relate.__init__", "")
    _write(tmp_path, "relate.a", "from relate import b\n")
    _write(
        tmp_path,
        "relate.b",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from relate import a\n",
    )
    _write(tmp_path, "ui.__init__", "")
    assert cycles(import_graph(tmp_path)) == []
