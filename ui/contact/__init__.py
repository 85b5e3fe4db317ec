"""The contact list and the contact pane: the list's model and columns, the Card,
Timeline and Follow-ups tabs, and tags as chips and menus."""
