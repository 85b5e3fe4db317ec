"""Relate beyond its window: the tray, reminders at their time, desktop notifications
and their settings."""
