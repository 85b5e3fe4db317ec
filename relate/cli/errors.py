"""What the command line says when the user asked for something it cannot do."""

from __future__ import annotations


class UserError(Exception):
    """A mistake in what the user asked for; printed as one line, exit status 1."""
