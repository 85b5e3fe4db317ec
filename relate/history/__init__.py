"""Your history from the files you already have: LinkedIn messages and invitations,
calendar files and mail archives, read into timeline entries (`exchanges` is what each
reader yields; the readers never touch the database)."""
