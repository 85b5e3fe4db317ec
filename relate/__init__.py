"""Relate: a local-first relationship manager (the core, free of Qt)."""

__version__ = "0.1.0"
