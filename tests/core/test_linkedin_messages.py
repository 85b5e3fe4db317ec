"""LinkedIn's messages.csv read into exchanges, in every shape it has had."""

from __future__ import annotations

import datetime as dt

import pytest

from relate.history.exchanges import Exchange, HistoryFileError, Medium, Party
from relate.history.linkedin_dates import UNDATED
from relate.history.linkedin_messages import (
    DRAFT,
    FROM_LINKEDIN,
    NO_DATE,
    SPAM,
    SPONSORED,
    UNNAMED_MEMBER,
    read_messages,
)
from tests.core import linkedin_export as export

IN = export.IN
JORDAN = Party(name="Jordan Pike", profile_url=f"{IN}jordanpike")
INES = Party(name="Ines Okafor", profile_url=f"{IN}ines-okafor")


def by_thread(text: str, **options: bool) -> dict[str, list[Exchange]]:
    found: dict[str, list[Exchange]] = {}
    for exchange in read_messages(text, **options):
        found.setdefault(exchange.thread, []).append(exchange)
    return found


def test_a_message_says_who_wrote_to_whom_and_when_in_utc() -> None:
    first = next(read_messages(export.MESSAGES))
    assert first == Exchange(
        medium=Medium.MESSAGE,
        key="2-aaa/2025-06-01 14:03:22 UTC",
        thread="2-aaa",
        when=dt.datetime(2025, 6, 1, 14, 3, 22, tzinfo=dt.UTC),
        sender=INES,
        recipients=(JORDAN,),
    )


def test_bodies_are_kept_only_when_asked() -> None:
    kept = next(read_messages(export.MESSAGES, keep_bodies=True))
    assert kept.body == "Thanks for the intro, free Thursday?"
    assert next(read_messages(export.MESSAGES_2026, keep_bodies=True)).body == "Two\nlines"


def test_messages_in_the_same_second_keep_keys_of_their_own_read_after_read() -> None:
    keys = [e.key for e in by_thread(export.MESSAGES)["2-aaa"]]
    assert keys == [
        "2-aaa/2025-06-01 14:03:22 UTC",
        "2-aaa/2025-06-01 14:05:00 UTC",
        "2-aaa/2025-06-01 14:05:00 UTC#2",
    ]
    assert [e.key for e in by_thread(export.MESSAGES)["2-aaa"]] == keys


def test_a_group_message_names_each_recipient_with_their_profile() -> None:
    (group,) = by_thread(export.MESSAGES)["2-bbb"]
    assert group.subject == "Next book"
    assert group.recipients == (
        Party(name="Jane Doe, Ph.D.", profile_url=f"{IN}janedoe"),
        Party(name="Tomas Reyes", profile_url=f"{IN}tomasreyes"),
    )
    assert group.skip == ""


def test_recipients_whose_names_do_not_pair_with_the_profiles_keep_the_profiles() -> None:
    text = export.MESSAGES.splitlines()[0] + (
        f'\n2-x,,Jordan Pike,{IN}jordanpike,"A, B, C",'
        f'"{IN}a,{IN}b",2025-01-01 00:00:00 UTC,,hi,INBOX,,No,No\n'
    )
    (message,) = read_messages(text)
    assert message.recipients == (Party(profile_url=f"{IN}a"), Party(profile_url=f"{IN}b"))


@pytest.mark.parametrize(
    ("thread", "skip"),
    [
        ("2-aaa", ""),
        ("2-ccc", FROM_LINKEDIN),
        ("2-ddd", SPONSORED),
        ("2-eee", SPONSORED),
        ("2-fff", UNNAMED_MEMBER),
        ("2-ggg", SPAM),
        ("2-hhh", DRAFT),
        ("2-iii", NO_DATE),
    ],
)
def test_what_is_left_out_says_why(thread: str, skip: str) -> None:
    assert by_thread(export.MESSAGES)[thread][0].skip == skip


def test_a_message_with_no_date_carries_the_undated_moment_and_a_key_of_its_own() -> None:
    (undated,) = by_thread(export.MESSAGES)["2-iii"]
    assert undated.when == UNDATED
    assert undated.key == "2-iii/line 12"


def test_the_nine_columns_before_mid_2023_name_recipients_without_profiles() -> None:
    (message,) = read_messages(export.MESSAGES_2022)
    assert message.sender == Party(name="Tomas Reyes", profile_url=f"{IN}tomasreyes")
    assert message.recipients == (Party(name="Jordan Pike"),)
    assert message.when == dt.datetime(2022, 3, 4, 5, 6, 7, tzinfo=dt.UTC)


def test_the_first_shape_reads_names_and_moments_with_no_zone() -> None:
    lunch, reply, weekly = read_messages(export.MESSAGES_OLDER, keep_bodies=True)
    assert lunch.sender == Party(name="Tomas Reyes")
    assert lunch.recipients == (Party(name="Jordan Pike"),)
    # The file says no zone: the moment stays naive, as the file has it.
    assert lunch.when == dt.datetime(2018, 10, 16, 8, 36)
    assert reply.when == dt.datetime(2018, 10, 16, 21, 2)
    assert lunch.thread == reply.thread == "Jordan Pike|Tomas Reyes"
    assert (lunch.subject, lunch.body) == ("Lunch?", "Shall we?")
    assert weekly.skip == FROM_LINKEDIN
    again = [e.key for e in read_messages(export.MESSAGES_OLDER)]
    assert again == [lunch.key, reply.key, weekly.key]
    assert len(set(again)) == 3


def test_another_file_is_refused_before_any_message_is_read() -> None:
    with pytest.raises(HistoryFileError, match="Invitations.csv is not LinkedIn's messages"):
        read_messages(export.INVITATIONS, "Invitations.csv")


def test_a_file_cut_short_is_refused_as_it_is_read() -> None:
    cut = export.MESSAGES_2026[: export.MESSAGES_2026.index("Two") + 3]
    messages = read_messages(cut)
    with pytest.raises(HistoryFileError, match="messages.csv is cut short"):
        list(messages)


def test_a_row_that_stops_short_reads_its_missing_values_as_empty() -> None:
    text = export.MESSAGES_2022.splitlines()[0] + f"\n2-short,,Ines Okafor,{IN}ines-okafor\n"
    (message,) = read_messages(text)
    assert (message.sender, message.recipients, message.skip) == (INES, (), NO_DATE)
