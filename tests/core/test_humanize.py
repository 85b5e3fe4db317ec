"""Relative dates in words."""

from __future__ import annotations

import datetime as dt

import pytest

from relate.humanize import relative_date

TODAY = dt.date(2026, 11, 22)


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "today"),
        (-1, "yesterday"),
        (1, "tomorrow"),
        (-5, "5 days ago"),
        (-13, "13 days ago"),
        (-21, "3 weeks ago"),
        (-95, "3 months ago"),
        (40, "in 5 weeks"),
        (-800, "2 years ago"),
    ],
)
def test_relative_dates_read_naturally(days: int, words: str) -> None:
    assert relative_date(TODAY + dt.timedelta(days=days), TODAY) == words
