"""Exporters: each writes contacts to an open format a user can take elsewhere."""
