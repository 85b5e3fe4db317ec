"""Edits in the real window: a quick entry on the timeline and a field of the card,
each beside the core call alone."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication
from run import Figure, Samples, median_of_runs, timed

from relate import contacts, timeline
from ui.window.main_window import MainWindow

EDIT_TARGET_MS = 50.0
EDITS_PER_RUN = 10  # of each kind, per run
EDITS = {  # sample key: (figure, baseline sample key, baseline name)
    "log": ("log interaction", "core log", "core log_interaction"),
    "card": ("edit company", "core update", "core update_contact"),
}


def worst_of_runs(runs: Sequence[Samples], key: str) -> float:
    """The largest single sample of one key over every run."""
    return max(max(run[key]) for run in runs)


def log_from_timeline(window: MainWindow, summary: str) -> None:
    """Quick entry on the Timeline tab, with the refreshes it causes."""
    tab = window.contact_pane.timeline
    tab.summary.setText(summary)
    tab.log_entry()
    QApplication.processEvents()  # the list, card and timeline refresh


def edit_company(window: MainWindow, company: str) -> None:
    """Commit the Card's company field, with the refreshes it causes."""
    edit = window.contact_pane.card.lines["company"]
    edit.setText(company)
    edit.editingFinished.emit()
    QApplication.processEvents()  # the list, card and timeline refresh


def undo(window: MainWindow) -> None:
    """Take back the last edit, so every run edits the same data (not timed)."""
    window.stack.undo()
    QApplication.processEvents()  # the list, card and timeline refresh


def core_log_ms(contact_id: int, summary: str) -> float:
    """Baseline: the core's write alone, in ms (taken back untimed)."""
    start = time.perf_counter()
    entry_id = timeline.log_interaction(
        contact_id, "conversation", date=dt.date.today(), summary=summary
    )
    elapsed = time.perf_counter() - start
    timeline.delete_interaction(entry_id)
    return elapsed * 1000


def core_update_ms(contact_id: int, company: str, old: str) -> float:
    """Baseline: the core's update alone, in ms (taken back untimed)."""
    elapsed = timed(lambda: contacts.update_contact(contact_id, company=company))
    contacts.update_contact(contact_id, company=old)
    return elapsed * 1000


def edits_run(window: MainWindow, count: int) -> Samples:
    """`count` quick entries and company edits, each beside the core call alone."""
    pane = window.contact_pane
    contact_id, old = pane.card.contact.id, pane.card.contact.company
    samples: Samples = {"log": [], "core log": [], "card": [], "core update": []}
    for i in range(count):
        pane.tabs.setCurrentWidget(pane.timeline)
        samples["log"].append(timed(log_from_timeline, window, f"Bench call {i}") * 1000)
        undo(window)
        samples["core log"].append(core_log_ms(contact_id, f"Bench call {i}"))
        pane.tabs.setCurrentWidget(pane.card)
        samples["card"].append(timed(edit_company, window, f"Bench Co {i}") * 1000)
        undo(window)
        samples["core update"].append(core_update_ms(contact_id, f"Bench Co {i}", old))
    return samples


def edit_stat(runs: Sequence[Samples], key: str, stat: str) -> float:
    """Median over runs of the run's median, or the worst single sample of all runs."""
    return worst_of_runs(runs, key) if stat == "max" else median_of_runs(runs, key, stat)


def edit_figures(runs: Sequence[Samples], shape: str) -> list[Figure]:
    """Median and worst of each edit against its core call."""
    figures = []
    for key, (name, base_key, base_name) in EDITS.items():
        for stat in ("median", "max"):
            value, base = (edit_stat(runs, k, stat) for k in (key, base_key))
            target, passed = f"< {EDIT_TARGET_MS:g} ms [5]", value < EDIT_TARGET_MS
            figures.append(
                Figure(f"{shape}: {name}, {stat}", value, "ms", base, base_name, target, passed)
            )
    return figures
