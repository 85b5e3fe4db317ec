"""LinkedIn's Invitations.csv, and how an invitation tells where you met."""

from __future__ import annotations

import datetime as dt

import pytest

from relate.history.exchanges import HistoryFileError, Party
from relate.history.linkedin_invitations import (
    RECEIVED,
    SENT,
    Invitation,
    how_met_text,
    my_profile_url,
    read_invitations,
)
from tests.core import linkedin_export as export

IN = export.IN


def test_invitations_since_late_2023_name_the_other_person_with_their_profile() -> None:
    sent, received = read_invitations(export.INVITATIONS)
    assert sent == Invitation(
        dt.datetime(2023, 10, 16, 8, 36),
        SENT,
        Party(name="Ines Okafor", profile_url=f"{IN}ines-okafor"),
        "Met at the  meetup,\n great talk",
    )
    assert received == Invitation(
        dt.datetime(2024, 1, 29, 14, 37),
        RECEIVED,
        Party(name="Tomas Reyes", profile_url=f"{IN}tomasreyes"),
    )


def test_older_invitations_name_the_other_person_alone() -> None:
    sent, received = read_invitations(export.INVITATIONS_OLDER)
    assert (sent.direction, sent.other) == (SENT, Party(name="Ines Okafor"))
    assert (received.direction, received.other) == (RECEIVED, Party(name="Tomas Reyes"))
    assert received.when == dt.datetime(2019, 3, 2, 23, 0)
    assert received.message == "Hello there"


def test_how_you_met_in_a_sentence() -> None:
    sent, received = read_invitations(export.INVITATIONS)
    assert how_met_text(sent) == (
        "You invited them on 16 Oct 2023, writing: Met at the meetup, great talk"
    )
    assert how_met_text(received) == "They invited you on 29 Jan 2024"
    undated = Invitation(None, RECEIVED, Party(name="A"), "Hi")
    assert how_met_text(undated) == "They invited you, writing: Hi"


def test_rows_with_no_direction_or_nobody_are_left_out() -> None:
    text = (
        export.INVITATIONS_OLDER
        + 'A,B,"1/1/20, 1:00 PM",,SIDEWAYS\n,,"1/1/20, 1:00 PM",,INCOMING\n'
    )
    assert len(list(read_invitations(text))) == 2


def test_your_own_profile_comes_from_the_invitations_when_they_name_it() -> None:
    assert my_profile_url(export.INVITATIONS) == f"{IN}jordanpike"
    assert my_profile_url(export.INVITATIONS_OLDER) == ""


def test_another_file_is_refused_at_once() -> None:
    with pytest.raises(HistoryFileError, match="Profile.csv is not LinkedIn's invitations"):
        read_invitations(export.PROFILE, "Profile.csv")
