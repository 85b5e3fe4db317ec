"""Importers: each reads one kind of file into `relate.importers.plan.Incoming` rows;
`relate.importers.planner.plan_import` decides what they do and
`relate.importers.batches.apply_plan` writes them as one undoable batch
(`relate.importers.sources` names every kind)."""

from __future__ import annotations


class ImportFileError(ValueError):
    """The file cannot be imported; the message names it and says what is wrong."""
