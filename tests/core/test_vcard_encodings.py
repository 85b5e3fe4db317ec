"""vCard text in every encoding address books write: each value in its own CHARSET
(Japanese phones' Shift_JIS, ISO-8859-*, Windows-125*), lines unfolded before decoding,
whole files in UTF-16 or UTF-32 with or without a byte order mark.

The files under tests/fixtures/apps/vcard reproduce byte for byte what the phones named
in their README write."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from relate.importers.formats import detect_format
from relate.importers.plan import Incoming
from relate.importers.sources import plan_file
from relate.importers.vcard import parse_vcards
from relate.records import Phone

APPS = Path(__file__).resolve().parents[1] / "fixtures" / "apps" / "vcard"
NAME = "contacts.vcf"


def read(file_name: str) -> list[Incoming]:
    rows, skipped = parse_vcards((APPS / file_name).read_bytes(), file_name)
    assert skipped == []
    return rows


def names(rows: list[Incoming]) -> list[tuple[str, str]]:
    return [(row.last_name, row.first_name) for row in rows]


def test_a_docomo_phones_shift_jis_reads_with_its_backslash_trail_bytes() -> None:
    # 表, ソ, 十 and 能 end in the byte 0x5C, a backslash in ASCII: an escape only
    # once the text is decoded would be one, and it is not.
    taro, hanako = read("docomo-shift_jis.vcf")
    assert (taro.last_name, taro.first_name) == ("表", "太郎")
    assert (taro.company, taro.position) == ("ソニー株式会社", "課長")
    assert taro.story == "十月に能楽堂で会った。表参道の店が好き"
    assert taro.location == "東京都, 日本"
    assert taro.phones == (Phone("090-1234-5678", "mobile"), Phone("03-3581-0101", "home"))
    assert taro.emails == ("taro.hyo@docomo.ne.jp",)
    # 髙 and ① are in Microsoft's Shift_JIS (the phones'), not in the JIS standard's.
    assert (hanako.last_name, hanako.first_name) == ("髙橋", "花子")
    assert hanako.story == "①会議室で紹介された"


def test_an_au_phones_quoted_printable_shift_jis_reads_across_soft_breaks() -> None:
    [towako] = read("au-shift_jis-quoted-printable.vcf")
    assert (towako.last_name, towako.first_name) == ("能登", "十和子")
    assert towako.company == "表示技術研究所"
    assert towako.story == (
        "十二月の展示会で名刺交換。能楽と表千家の茶道が趣味。ソースコードの話で盛り上がった。"
    )


def test_a_value_without_a_charset_is_read_in_the_one_its_card_names() -> None:
    # SoftBank names Shift_JIS on the name only; the address and note are the same.
    [sora] = read("softbank-shift_jis.vcf")
    assert (sora.last_name, sora.first_name) == ("十河", "ソラ")
    assert sora.location == "岡山市, 岡山県"
    assert sora.story == "ソフトボール部の先輩"


def test_androids_quoted_printable_reads_where_a_soft_break_cuts_a_character() -> None:
    [malgorzata] = read("android-utf8-quoted-printable.vcf")
    assert (malgorzata.last_name, malgorzata.first_name) == ("Łukasiewicz-Żółtowska", "Małgorzata")
    assert malgorzata.story == (
        "Poznaliśmy się na targach w Poznaniu — zażółć gęślą jaźń; lubi żeglarstwo i "
        "dobrą kawę. Zadzwonić po świętach."
    )


def test_each_card_of_a_file_reads_in_its_own_charset() -> None:
    rows = read("mixed-charsets.vcf")
    assert names(rows) == [
        ("表", "太郎"),  # Shift_JIS
        ("Müller", "José"),  # UTF-8, named nowhere
        ("Lévesque", "Renée"),  # ISO-8859-1, quoted-printable
        ("Иванов", "Иван"),  # Windows-1251
        ("Ørsted", "Søren"),  # a charset nobody knows: Windows-1252, the usual guess
    ]
    assert rows[3].company == "Рога и копыта"


@pytest.mark.parametrize(
    "file_name",
    sorted(path.name for path in APPS.glob("*.vcf")),
)
def test_every_phones_file_is_detected_and_planned_as_vcards(
    db_path: Path, tmp_path: Path, file_name: str
) -> None:
    path = tmp_path / file_name
    path.write_bytes((APPS / file_name).read_bytes())
    assert detect_format(path) == "vcard"
    plan = plan_file(path, "vcard")
    assert len(plan.new) == len(read(file_name))


CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Müller;José;;;\r\nFN:José Müller\r\n"
    "ORG:Hartwell\\, Söhne\r\nNOTE:Café at 8\\; bring the 表\r\nEND:VCARD\r\n"
)


@pytest.mark.parametrize(
    "data",
    [
        CARD.encode("utf-16-le"),
        CARD.encode("utf-16-be"),
        codecs.BOM_UTF16_LE + CARD.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + CARD.encode("utf-16-be"),
        CARD.encode("utf-32-le"),
        CARD.encode("utf-32-be"),
        codecs.BOM_UTF32_LE + CARD.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + CARD.encode("utf-32-be"),
        "\r\n".encode("utf-16-le") + CARD.encode("utf-16-le"),  # a blank line first
    ],
    ids=[
        "utf16le",
        "utf16be",
        "utf16le-bom",
        "utf16be-bom",
        "utf32le",
        "utf32be",
        "utf32le-bom",
        "utf32be-bom",
        "utf16le-blank-first",
    ],
)
def test_a_utf16_or_utf32_file_reads_with_or_without_a_byte_order_mark(
    db_path: Path, tmp_path: Path, data: bytes
) -> None:
    [jose], skipped = parse_vcards(data, NAME)
    assert skipped == []
    assert (jose.last_name, jose.first_name, jose.company) == ("Müller", "José", "Hartwell, Söhne")
    assert jose.story == "Café at 8; bring the 表"
    path = tmp_path / NAME
    path.write_bytes(data)
    assert detect_format(path) == "vcard"
    assert len(plan_file(path, "vcard").new) == 1


def test_a_fold_that_cuts_a_utf8_character_in_two_reads_whole() -> None:
    # Folding at 75 octets, as RFC 6350 allows, may fall inside a character.
    note = "Пример заметки, достаточно длинной, чтобы её перенесли на следующую строку."
    line = ("NOTE:" + note).encode("utf-8")
    cut = 75 if line[75] & 0xC0 == 0x80 else 76  # inside a two-byte Cyrillic letter
    assert line[cut] & 0xC0 == 0x80
    data = (
        b"BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ivan Ivanov\r\nN:Ivanov;Ivan;;;\r\n"
        + line[:cut]
        + b"\r\n "
        + line[cut:]
        + b"\r\nEND:VCARD\r\n"
    )
    [ivan], _ = parse_vcards(data, NAME)
    assert ivan.story == note


def test_a_utf8_file_mislabelled_iso_8859_1_reads_as_utf8() -> None:
    data = (
        "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1:Gonçalves;Inês\r\nEND:VCARD\r\n"
    ).encode()
    [ines], _ = parse_vcards(data, NAME)
    assert (ines.last_name, ines.first_name) == ("Gonçalves", "Inês")


@pytest.mark.parametrize("charset", ["x-unknown", "unicode_escape", "rot13", "base64", "undefined"])
def test_a_charset_that_is_none_falls_back_to_utf8_or_windows_1252(charset: str) -> None:
    for written, encoding in (("Zoë Ørsted", "utf-8"), ("Zoë Ørsted", "cp1252")):
        data = (
            f"BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET={charset}:".encode()
            + "Ørsted;Zoë\\u0041".encode(encoding)
            + b"\r\nEND:VCARD\r\n"
        )
        [zoe], _ = parse_vcards(data, NAME)
        assert (zoe.last_name, zoe.first_name) == ("Ørsted", "Zoë\\u0041"), (charset, written)
