"""The main window: its assembly, actions and layout, the navigator, and its start."""
