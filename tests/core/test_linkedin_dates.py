"""The moments LinkedIn's export writes."""

from __future__ import annotations

import datetime as dt

import pytest

from relate.history.linkedin_dates import parse_moment

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2023-04-22 08:18:59 UTC", dt.datetime(2023, 4, 22, 8, 18, 59, tzinfo=UTC)),
        ("2024/02/01 15:02:55 UTC", dt.datetime(2024, 2, 1, 15, 2, 55, tzinfo=UTC)),
        ("2026-02-09 01:21:47", dt.datetime(2026, 2, 9, 1, 21, 47)),
        ("10/16/18, 8:36 AM", dt.datetime(2018, 10, 16, 8, 36)),
        ("1/29/26, 2:37\u202fPM", dt.datetime(2026, 1, 29, 14, 37)),
        ("12/1/23, 12:05 AM", dt.datetime(2023, 12, 1, 0, 5)),
        ("12/1/23, 12:05 PM", dt.datetime(2023, 12, 1, 12, 5)),
        ("3/2/2019, 23:00", dt.datetime(2019, 3, 2, 23, 0)),
        ("", None),
        ("yesterday", None),
        ("13/40/20, 1:00 PM", None),
        ("1/2/20, 13:00 PM", None),
    ],
)
def test_moments_as_the_export_writes_them(text: str, moment: dt.datetime | None) -> None:
    assert parse_moment(text) == moment
