"""The app on the user's desktop when its window is not open: the menu entry and icons,
desktop notifications, and the files that run the morning digest."""
