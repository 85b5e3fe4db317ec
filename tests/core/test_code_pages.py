"""CSV exports that are not UTF-8 are read in the code page they were written in, as
Outlook and Excel write them on Russian, Hebrew, Western and Japanese Windows."""

from __future__ import annotations

from pathlib import Path

import pytest

from relate.importers.address_book_columns import ColumnMapping
from relate.importers.address_book_csv import incoming_rows, read_table
from relate.importers.code_pages import SAMPLE_BYTES, guess_code_page, sample

# (code page, header, a person's row, first name, last name, company), as each system writes.
EXPORTS = [
    (
        "cp1251",
        "Обращение,Имя,Отчество,Фамилия,Суффикс,Организация,Отдел,Должность",
        ",Иван,Сергеевич,Петров,,ООО «Ромашка»,Продажи,Директор",
        "Иван Сергеевич",
        "Петров",
        "ООО «Ромашка»",
    ),
    (
        "cp1255",
        "תואר,שם פרטי,שם אמצעי,שם משפחה,סיומת,חברה,מחלקה,תפקיד",
        ',דוד,,כהן,,אקמה בע"מ,מכירות,מנהל מכירות',
        "דוד",
        "כהן",
        'אקמה בע"מ',
    ),
    (
        "cp1252",
        "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position",
        ",Jürgen,,Müller,,Müller & Söhne GmbH,Einkauf,Geschäftsführer",
        "Jürgen",
        "Müller",
        "Müller & Söhne GmbH",
    ),
    (
        "cp1252",
        "Titre,Prénom,Deuxième prénom,Nom,Suffixe,Société,Service,Profession",
        ",François,,Lefèvre,,Crédit Agricole,Comptabilité,Directeur général",
        "François",
        "Lefèvre",
        "Crédit Agricole",
    ),
    (
        "cp932",
        "敬称,名,ミドル ネーム,姓,敬称 (英語),会社名,部署,役職",
        ",太郎,,山田,,株式会社サンプル,営業部,部長",
        "太郎",
        "山田",
        "株式会社サンプル",
    ),
]


@pytest.mark.parametrize(
    ("page", "header", "row", "first", "last", "company"),
    EXPORTS,
    ids=["russian", "hebrew", "german", "french", "japanese"],
)
def test_an_export_in_a_windows_code_page_reads_right(
    tmp_path: Path, page: str, header: str, row: str, first: str, last: str, company: str
) -> None:
    columns = header.split(",")
    path = tmp_path / "contacts.csv"
    path.write_bytes(
        f"{header}\r\n{row}\r\n{row.replace(first.split()[0], 'X', 1)}\r\n".encode(page)
    )
    table = read_table(path)
    assert table.encoding == page
    assert table.headers == tuple(columns)
    mapping = ColumnMapping(
        first_name=(columns[1],),
        middle_name=(columns[2],),
        last_name=(columns[3],),
        company=(columns[5],),
    )
    rows, _ = incoming_rows(table, mapping)
    assert (rows[0].first_name, rows[0].last_name, rows[0].company) == (first, last, company)


def test_a_file_ascii_for_thousands_of_lines_is_judged_by_its_other_lines() -> None:
    russian = "Имя,Фамилия\nИван,Петров\nМария,Смирнова\nСергей,Кузнецов\n"
    data = ("Имя,Фамилия\n" + "Ivan,Petrov\n" * 300_000 + russian[12:]).encode("cp1251")
    assert guess_code_page(data) == "cp1251"
    # The detector sees only the lines that tell code pages apart, and never much.
    assert sample(data) == russian.encode("cp1251")
    many = ("Иван,Петров\n" * 100_000).encode("cp1251")
    assert len(sample(many)) <= SAMPLE_BYTES + 1024


def test_a_few_stray_bytes_are_no_language_and_no_code_page() -> None:
    assert guess_code_page(b"\x81\x8d\x8f\x90\x9d") is None
