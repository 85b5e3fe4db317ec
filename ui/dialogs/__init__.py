"""The dialogs: briefs, imports, exports, meetings, introductions, duplicates, settings, errors."""
