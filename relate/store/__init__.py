"""Storage: the SQLite file, its schema and its steps, backups and checks, bulk writes,
the search index."""
