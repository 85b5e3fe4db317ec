"""Small widgets and looks shared by the panes and dialogs: layouts, fields, charts,
icons, the theme."""
