"""Importers: each reads one kind of file into plain rows; `relate.importers.apply` plans
and applies them as one undoable batch."""

from __future__ import annotations


class ImportFileError(ValueError):
    """The file cannot be imported; the message names it and says what is wrong."""
