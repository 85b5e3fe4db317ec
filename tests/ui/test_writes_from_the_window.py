"""Every write from the window is an undo step, or says where it says why it is not."""

from __future__ import annotations

import ast
from pathlib import Path

from relate import queries
from ui.window.main_window import MainWindow

REPO = Path(__file__).resolve().parents[2]
UNDO_COMMANDS = {"CoreCommand", "MeetingCommand"}  # what undo commands derive from

# Writes of the core that open no transaction of their own (files beside the database,
# or a transaction opened further down), and reads that take one for a steady view.
OTHER_WRITES = {
    "add_correspondents",
    "apply_plan",
    "backup_before_import",
    "backup_if_due",
    "checkpoint",
    "ensure_user_questions",
    "make_backup",
    "restore_backup",
    "save_location",
    "sweep_leftovers",
    "write_history",
}
READS_IN_A_TRANSACTION = {"export_csv", "export_json", "export_vcards"}

# Where the window writes outside the undo stack: each call has a comment "Not an undo
# step" just above it that says why.
NOT_UNDO_STEPS = {
    ("action_handlers.py", "ensure_user_questions"),
    ("app.py", "sweep_leftovers"),
    ("app.py", "fill_demo"),
    ("app.py", "restore_backup"),
    ("database_care.py", "make_backup"),
    ("database_care.py", "restore_backup"),
    ("idle_upkeep.py", "merge_step"),
    ("idle_upkeep.py", "checkpoint"),
    ("import_dialog.py", "backup_before_import"),
    ("import_dialog.py", "apply_plan"),
    ("import_history_dialog.py", "backup_before_import"),
    ("history_import_dialog.py", "backup_before_import"),
    ("history_import_dialog.py", "write_history"),
    ("history_import_dialog.py", "set_my_interest"),
    ("history_import_dialog.py", "plan_meetings"),
    ("history_import_dialog.py", "add_correspondents"),
    ("import_history_dialog.py", "undo_import"),
    ("settings_dialog.py", "save_location"),
    ("startup_checks.py", "backup_if_due"),
    ("sync_dialog.py", "add_book"),
    ("sync_dialog.py", "remove_book"),
    ("sync_page.py", "set_book_options"),
}


def _name(call: ast.Call) -> str | None:
    func = call.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _core_writes() -> set[str]:
    """Public core functions that open a transaction, and the other writes above."""
    found = set(OTHER_WRITES)
    for path in (REPO / "relate").rglob("*.py"):
        if "cli" in path.parts:
            continue  # the command line's own
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
                if any(_name(call) in ("transaction", "atomic") for call in calls):
                    found.add(node.name)
    return found - READS_IN_A_TRANSACTION - {"migrate", "rebuild"}  # (on opening a file)


def _from_the_core(tree: ast.Module) -> tuple[set[str], set[str]]:
    """The names a window module imports from `relate`: (modules, functions)."""
    modules: set[str] = set()
    functions: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("relate"):
            folder = REPO.joinpath(*node.module.split("."))
            for alias in node.names:
                name = alias.asname or alias.name
                is_module = (folder / f"{alias.name}.py").exists() or (folder / alias.name).is_dir()
                (modules if is_module or not name[0].islower() else functions).add(name)
    return modules, functions


def _core_call(call: ast.Call, modules: set[str], functions: set[str]) -> bool:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id in functions
    return isinstance(func, ast.Attribute) and getattr(func.value, "id", None) in modules


def _writes_outside_undo_commands(tree: ast.Module, writes: set[str]) -> list[ast.Call]:
    calls: list[ast.Call] = []
    modules, functions = _from_the_core(tree)

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.ClassDef):
            bases = {getattr(base, "id", getattr(base, "attr", None)) for base in node.bases}
            if bases & UNDO_COMMANDS:
                return  # an undo step: its runner announces and undoes it
        if (
            isinstance(node, ast.Call)
            and _name(node) in writes
            and _core_call(node, modules, functions)
        ):
            calls.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return calls


def test_every_write_from_the_window_is_an_undo_step_or_says_why_not() -> None:
    writes = _core_writes()
    assert {"snooze_idea", "update_contact", "apply_plan", "undo_import"} <= writes
    found: set[tuple[str, str]] = set()
    unexplained: list[str] = []
    for path in sorted((REPO / "ui").rglob("*.py")):
        if path.name in ("commands.py", "loop_commands.py"):
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        for call in _writes_outside_undo_commands(ast.parse("\n".join(lines)), writes):
            found.add((path.name, _name(call)))
            above = " ".join(lines[max(0, call.lineno - 6) : call.lineno]).casefold()
            if "not an undo step" not in above and "not undo steps" not in above:
                unexplained.append(f"{path.name}:{call.lineno} {_name(call)}")
    assert unexplained == []
    assert found == NOT_UNDO_STEPS


def test_an_import_is_no_undo_step_its_history_undoes_it(
    qtbot, window: MainWindow, tmp_path: Path, answer_message_box
) -> None:
    from tests.ui.test_import_dialog import connections, opened

    before = queries.count_contacts()
    dialog = opened(qtbot, window, connections(tmp_path / "Connections.csv", 2))
    dialog.import_button.click()
    assert queries.count_contacts() == before + 2
    assert window.stack.count() == 0  # Ctrl+Z would undo something else
    history = window.handlers.show_import_history()
    answer_message_box("Yes")
    history.undo_button.click()
    assert queries.count_contacts() == before and window.stack.count() == 0
    history.reject()


def test_a_backup_is_no_undo_step_and_a_restore_clears_the_history(
    qtbot, window: MainWindow, network: dict[str, int]
) -> None:
    window.menu_actions.backup_action.trigger()
    saved = Path(window.statusBar().currentMessage().removeprefix("Backed up to "))
    assert window.stack.count() == 0
    window.list_pane.select_contact(network["bob"])
    window.menu_actions.archive_action.setEnabled(True)
    from relate import contacts
    from ui.undo.commands import ArchiveCommand, run_command

    assert run_command(window.stack, ArchiveCommand(window.events, [network["bob"]], True), window)
    assert window.stack.count() == 1
    assert window.session.care.restore_from(saved)
    # The history spoke of the data replaced: nothing to undo; Bob is back as he was.
    assert window.stack.count() == 0 and not window.menu_actions.undo_action.isEnabled()
    assert not contacts.get_contact(network["bob"]).archived
