"""Every change from the window as an undoable command, and the one place that
announces what changed."""
