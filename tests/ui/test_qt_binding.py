"""The Qt binding itself: a broken release would crash the app after some use."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_calls_to_qt_keep_references_to_none_balanced(qtbot) -> None:
    # PySide6 6.12.0 lost one reference to None per void call; Python 3.11 then aborts
    # with "deallocating None" after a few thousand clicks and keystrokes.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("x")
    assert sys.getrefcount(None) - before > -20
