"""One style for dates everywhere, in English whatever the locale."""

from __future__ import annotations

import datetime as dt
import locale

import pytest

from relate.dates import day_text, long_day_text, moment_text, month_text, time_text

TODAY = dt.date(2026, 12, 2)


def test_days_times_and_headings() -> None:
    assert day_text(dt.date(2026, 11, 2)) == "2 Nov 2026"
    assert day_text(dt.date(2026, 11, 2), short=True, today=TODAY) == "2 Nov"
    assert day_text(dt.date(2025, 12, 15), short=True, today=TODAY) == "15 Dec 2025"
    assert day_text(dt.date(2026, 11, 2), weekday=True) == "Mon 2 Nov 2026"
    assert time_text(dt.time(9, 5)) == "09:05"
    assert moment_text(dt.datetime(2026, 11, 2, 14, 30)) == "Mon 2 Nov 2026, 14:30"
    assert long_day_text(dt.date(2026, 11, 2)) == "Monday 2 November 2026"
    assert month_text(dt.date(2026, 11, 2)) == "November 2026"


def test_the_names_stay_english_under_another_locale() -> None:
    # Qt sets the C library's locale to the user's when the window starts.
    try:
        before = locale.setlocale(locale.LC_TIME)
        locale.setlocale(locale.LC_TIME, "de_DE.UTF-8")
    except locale.Error:
        pytest.skip("no German locale on this system")
    try:
        assert day_text(dt.date(2026, 12, 2), weekday=True) == "Wed 2 Dec 2026"
        assert long_day_text(dt.date(2026, 5, 3)) == "Sunday 3 May 2026"
    finally:
        locale.setlocale(locale.LC_TIME, before)


def test_a_day_in_this_style_reads_back() -> None:
    from relate.dates import parse_day_text
    from relate.validation import parse_date

    for text in ("2 Nov 2026", "2 november 2026", "Mon 2 Nov 2026", "02 Nov. 2026"):
        assert parse_day_text(text) == dt.date(2026, 11, 2), text
    for text in ("31 Feb 2026", "2 Ju 2026", "2 Nov", "Nov 2 2026", "2 Nov 26"):
        assert parse_day_text(text) is None, text
    assert parse_date(day_text(dt.date(1815, 12, 10))) == dt.date(1815, 12, 10)
    assert parse_date("2026-11-02") == dt.date(2026, 11, 2)
