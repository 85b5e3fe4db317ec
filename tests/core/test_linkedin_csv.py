"""LinkedIn Connections.csv exports of every era, and the files that must be refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relate.importers import ImportFileError
from relate.importers.linkedin_csv import (
    LinkedInRow,
    ParsedConnections,
    SkippedRow,
    parse_connections,
    parse_linkedin_date,
    read_connections,
)

NOTE = (
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download it. You can learn more here: "
    'https://www.linkedin.com/help/linkedin/answer/261"'
)
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def test_current_export_with_preamble_and_url(tmp_path: Path) -> None:
    text = (
        f"Notes:\n{NOTE}\n\n{HEADER}\n"
        "Zoë,Ångström,https://www.linkedin.com/in/zoe-angstrom,,Société Générale,"
        "Directrice,30 May 2024\n"
        "José,Núñez,https://www.linkedin.com/in/jnunez,jose@example.com,Acme,CTO,2 Jan 2023\n"
    )
    path = tmp_path / "Connections.csv"
    path.write_bytes(text.encode("utf-8"))

    parsed = read_connections(path)

    assert parsed.encoding == "utf-8" and parsed.delimiter == ","
    assert parsed.skipped == []
    assert parsed.rows == [
        LinkedInRow(
            line=5,
            first_name="Zoë",
            last_name="Ångström",
            linkedin_url="https://www.linkedin.com/in/zoe-angstrom",
            email=None,
            company="Société Générale",
            position="Directrice",
            connected_on=dt.date(2024, 5, 30),
        ),
        LinkedInRow(
            line=6,
            first_name="José",
            last_name="Núñez",
            linkedin_url="https://www.linkedin.com/in/jnunez",
            email="jose@example.com",
            company="Acme",
            position="CTO",
            connected_on=dt.date(2023, 1, 2),
        ),
    ]


def test_2021_export_without_url_column() -> None:
    data = (
        f"Notes:\n{NOTE}\n\n"
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Ann,Lee,ann@example.com,Globex,Engineer,14 Feb 2022\n"
    ).encode()

    (row,) = parse_connections(data, "Connections.csv").rows

    assert row.linkedin_url is None
    assert (row.first_name, row.last_name, row.email) == ("Ann", "Lee", "ann@example.com")
    assert (row.company, row.position) == ("Globex", "Engineer")
    assert row.connected_on == dt.date(2022, 2, 14)


def test_2018_export_with_time_in_date_and_crlf() -> None:
    data = (
        b"First Name,Last Name,Email Address,Company,Position,Connected On\r\n"
        b'Bob,Smith,bob@example.com,Initech,Manager,"1/8/18, 6:14 PM"\r\n'
        b'Cy,Young,,Initrode,Analyst,"12/31/17, 11:02 AM"\r\n'
    )

    parsed = parse_connections(data, "Connections.csv")

    assert [(r.line, r.last_name, r.connected_on) for r in parsed.rows] == [
        (2, "Smith", dt.date(2018, 1, 8)),
        (3, "Young", dt.date(2017, 12, 31)),
    ]
    assert parsed.rows[1].email is None
    assert parsed.rows[0].position == "Manager"  # no "\r" left on the last values


def test_2018_variant_with_extra_columns_ignores_them() -> None:
    data = (
        b"First Name,Last Name,Email Address,Company,Position,Connected On,Address,Websites,"
        b"Instant Messengers\r\n"
        b'Dee,Park,dee@example.com,Hooli,Designer,"3/15/18, 9:00 AM","1 Main St",'
        b'"[COMPANY:hooli.com]",""\r\n'
    )

    (row,) = parse_connections(data, "Connections.csv").rows

    assert (row.first_name, row.company, row.position) == ("Dee", "Hooli", "Designer")
    assert row.connected_on == dt.date(2018, 3, 15)


def test_spreadsheet_resave_with_comma_padded_preamble_bom_and_short_dates() -> None:
    text = (
        f"Notes:,,,,,,\n{NOTE},,,,,,\n,,,,,,\n{HEADER}\n"
        "Mia,Wong,https://www.linkedin.com/in/miaw,,Umbrella,Chemist,5-Jan-26\n"
    )

    parsed = parse_connections(b"\xef\xbb\xbf" + text.encode(), "Connections.csv")

    (row,) = parsed.rows
    assert parsed.encoding == "utf-8"
    assert (row.line, row.first_name, row.connected_on) == (5, "Mia", dt.date(2026, 1, 5))


def test_bom_before_header_does_not_hide_first_name() -> None:
    data = b"\xef\xbb\xbf" + f"{HEADER}\nAl,Bo,,,,,\n".encode()

    (row,) = parse_connections(data, "Connections.csv").rows

    assert (row.first_name, row.last_name) == ("Al", "Bo")


def test_european_spreadsheet_semicolons_cp1252_and_dotted_dates() -> None:
    text = (
        "Notes:;;;;;;\n\n"
        "First Name;Last Name;URL;Email Address;Company;Position;Connected on\r\n"
        "Jürgen;Müller;https://www.linkedin.com/in/jmueller;;Bäckerei Groß;Geschäftsführer;"
        "16.09.2021\r\n"
    )

    parsed = parse_connections(text.encode("cp1252"), "Connections.csv")

    assert (parsed.encoding, parsed.delimiter) == ("cp1252", ";")
    (row,) = parsed.rows
    assert (row.first_name, row.last_name) == ("Jürgen", "Müller")
    assert (row.company, row.position) == ("Bäckerei Groß", "Geschäftsführer")
    assert row.connected_on == dt.date(2021, 9, 16)


def test_cp1252_comma_file() -> None:
    data = f"{HEADER}\nHans,Müller,,,Siemens,Ingenieur,1 Mar 2020\n".encode("cp1252")
    assert b"\xfc" in data

    parsed = parse_connections(data, "Connections.csv")

    assert (parsed.encoding, parsed.delimiter) == ("cp1252", ",")
    assert parsed.rows[0].last_name == "Müller"


def test_members_who_left_are_skipped_and_counted_blank_lines_ignored() -> None:
    data = (
        f"{HEADER}\n"
        "Ann,Lee,,,,,30 May 2024\n"
        "\n"
        ",,,,,,12 Jun 2023\n"
        ",,,,,,\n"
        "   \n"
        ",,,,,,1 Jul 2022\n"
        "Bo,,,,,,\n"
    ).encode()

    parsed = parse_connections(data, "Connections.csv")

    assert [(r.line, r.first_name) for r in parsed.rows] == [(2, "Ann"), (8, "Bo")]
    assert parsed.skipped == [
        SkippedRow(4, "no name (a member who left LinkedIn)"),
        SkippedRow(7, "no name (a member who left LinkedIn)"),
    ]


def test_values_are_trimmed_and_unreadable_date_keeps_the_row() -> None:
    data = f"{HEADER}\n  Ann  , Lee ,  ,  , Acme ,  CEO , sometime soon \n".encode()

    (row,) = parse_connections(data, "Connections.csv").rows

    assert (row.first_name, row.last_name) == ("Ann", "Lee")
    assert (row.company, row.position) == ("Acme", "CEO")
    assert row.linkedin_url is None and row.email is None and row.connected_on is None


def test_quoted_credentials_stay_in_last_name() -> None:
    data = f'{HEADER}\nWei,"Chen, PMP",https://www.linkedin.com/in/wchen,,Acme,PM,30 May 2024\n'

    (row,) = parse_connections(data.encode(), "Connections.csv").rows

    assert row.last_name == "Chen, PMP"
    assert row.linkedin_url == "https://www.linkedin.com/in/wchen"


def test_unquoted_credentials_are_joined_back_into_last_name() -> None:
    data = (
        f"{HEADER}\n"
        "Wei,Chen, PMP,https://www.linkedin.com/in/wchen,,Acme,PM,30 May 2024\n"
        "Ida,Roe, Ph.D.,https://www.linkedin.com/in/iroe,,MIT,Professor,1 Jun 2024\n"
        "Ugo,Bell,https://www.linkedin.com/in/ubell,,Acme, Inc.,CEO,2 Jun 2024\n"
    )

    parsed = parse_connections(data.encode(), "Connections.csv")

    assert [(r.last_name, r.company, r.connected_on) for r in parsed.rows] == [
        ("Chen, PMP", "Acme", dt.date(2024, 5, 30)),
        ("Roe, Ph.D.", "MIT", dt.date(2024, 6, 1)),
    ]
    assert parsed.skipped == [SkippedRow(4, "more values than columns")]


def test_header_without_data_rows_gives_no_rows() -> None:
    parsed = parse_connections(f"Notes:\n{NOTE}\n\n{HEADER}\n".encode(), "Connections.csv")

    assert parsed == ParsedConnections([], [], "utf-8", ",")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is empty."),
        (b" \r\n\t\n  ", "is empty."),
        (b"\xef\xbb\xbf\n", "is empty."),
        (b"PK\x03\x04\x00\x00\x08\x00First Name,Last Name", "is not a text file"),
        (
            b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,"
            b"CONTENT,FOLDER\n1,Hi,Ann,https://x,Bo,2024-01-01,,Hello,INBOX\n",
            "is not a LinkedIn connections export: no First Name / Last Name columns",
        ),
        (
            b"Dear Ann,\nthanks for the lovely dinner; see you soon.\n",
            "is not a LinkedIn connections export: no First Name / Last Name columns",
        ),
        (
            b"First Name,Email Address,Company\nAnn,ann@example.com,Acme\n",
            "is not a LinkedIn connections export: no First Name / Last Name columns",
        ),
        (
            b"Last Name,Company\nLee,Acme\n",
            "is not a LinkedIn connections export: no First Name / Last Name columns",
        ),
        (
            HEADER.encode() + b'\nAnn,Lee,,,Acme,CEO,30 May 2024\nBo,Ray,,,"Acme Hold',
            "is cut short (a quoted value is never closed, near line 3). Export it again",
        ),
        (
            HEADER.encode() + b'\nAnn,"Lee" Jr,,,Acme,CEO,30 May 2024\n',
            "cannot be read near line 2",
        ),
    ],
)
def test_refusals_name_the_file_and_say_what_is_wrong(data: bytes, words: str) -> None:
    with pytest.raises(ImportFileError) as caught:
        parse_connections(data, "Connections.csv")

    message = str(caught.value)
    assert message.startswith("Connections.csv ")
    assert words in message


def test_unreadable_path_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match=r"^missing\.csv cannot be read"):
        read_connections(tmp_path / "missing.csv")


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("30 May 2024", dt.date(2024, 5, 30)),
        ("30 September 2023", dt.date(2023, 9, 30)),
        ("1 sept 2023", dt.date(2023, 9, 1)),
        ("5-Jan-26", dt.date(2026, 1, 5)),
        ("5-Jan-70", dt.date(1970, 1, 5)),
        ("31-Dec-99", dt.date(1999, 12, 31)),
        ("1-Feb-00", dt.date(2000, 2, 1)),
        ("1-Feb-69", dt.date(2069, 2, 1)),
        ("1/8/18, 6:14 PM", dt.date(2018, 1, 8)),
        ("1/8/18", dt.date(2018, 1, 8)),
        ("1/8/2018", dt.date(2018, 1, 8)),
        ("12/31/17, 11:02\u202fAM", dt.date(2017, 12, 31)),
        ("16.09.2021", dt.date(2021, 9, 16)),
        ("2024-05-30", dt.date(2024, 5, 30)),
        ("  30 May 2024 ", dt.date(2024, 5, 30)),
        ("", None),
        ("   ", None),
    ],
)
def test_parse_linkedin_date(text: str, day: dt.date | None) -> None:
    assert parse_linkedin_date(text) == day


@pytest.mark.parametrize(
    "text", ["yesterday", "30 Mai 2024", "31 Feb 2024", "13/1/2024", "30/05/2024", "2024", "1/8"]
)
def test_parse_linkedin_date_refuses_unreadable_text(text: str) -> None:
    with pytest.raises(ValueError):
        parse_linkedin_date(text)


def _parses_or_refuses(data: bytes) -> None:
    try:
        result = parse_connections(data, "Connections.csv")
    except ImportFileError as err:
        assert str(err).startswith("Connections.csv ")
    else:
        assert isinstance(result, ParsedConnections)


@settings(max_examples=300)
@given(st.binary())
def test_arbitrary_bytes_parse_or_are_refused(data: bytes) -> None:
    _parses_or_refuses(data)


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_text_parses_or_is_refused(text: str) -> None:
    _parses_or_refuses(text.encode("utf-8"))


@settings(max_examples=300)
@given(st.text(st.sampled_from(list(',;"\r\n \tAb1/.-é')) | st.characters(codec="utf-8")))
def test_arbitrary_text_after_a_valid_header_parses_or_is_refused(text: str) -> None:
    _parses_or_refuses(f"Notes:\n{NOTE}\n\n{HEADER}\n{text}".encode())
