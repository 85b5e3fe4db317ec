"""Outlook exports in other languages, squashed column names, birthdays however they are
written, and Gmail's escaped quotes: read as a reader of the file would read them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relate.importers.address_book_columns import guess_mapping
from relate.importers.address_book_csv import (
    plan_google_import,
    plan_mapped_import,
    plan_outlook_import,
    read_table,
)
from relate.importers.formats import detect_format
from relate.importers.plan import Incoming
from relate.records import Phone

pytestmark = pytest.mark.usefixtures("db_path")

# Outlook's columns in the order it writes them (a part of its 90), as each language
# names them: title, first, middle, last, suffix, company, department, job title, the
# business street, city, state, postal code and country, business fax, business phone,
# mobile, home phone, e-mail address, its type and display name, second e-mail address,
# notes, categories, birthday.
HEADERS = {
    "german": "Anrede,Vorname,Weitere Vornamen,Nachname,Suffix,Firma,Abteilung,Position,"
    "Straße geschäftlich,Ort geschäftlich,Region geschäftlich,Postleitzahl geschäftlich,"
    "Land/Region geschäftlich,Fax geschäftlich,Telefon geschäftlich,Mobiltelefon,"
    "Telefon privat,E-Mail-Adresse,E-Mail-Typ,E-Mail: Angezeigter Name,E-Mail 2: Adresse,"
    "Notizen,Kategorien,Geburtstag",
    "french": "Titre,Prénom,Deuxième prénom,Nom,Suffixe,Société,Service,Profession,"
    "Rue (bureau),Ville (bureau),Dép/Région (bureau),Code postal (bureau),"
    "Pays/Région (bureau),Télécopie (bureau),Téléphone (bureau),Tél. mobile,"
    "Téléphone (domicile),Adresse de messagerie,Type de messagerie,"
    "Nom complet de l'adresse de messagerie,Adresse de messagerie 2,Notes,Catégories,"
    "Anniversaire",
    "spanish": "Tratamiento,Nombre,Segundo nombre,Apellidos,Sufijo,Organización,Departamento,"
    "Puesto,Calle del trabajo,Ciudad de trabajo,Provincia o estado de trabajo,"
    "Código postal del trabajo,País o región del trabajo,Fax del trabajo,"
    "Teléfono del trabajo,Teléfono móvil,Particular,Dirección de correo electrónico,"
    "Tipo de correo electrónico,Nombre para mostrar del correo electrónico,"
    "Dirección de correo electrónico 2,Notas,Categorías,Cumpleaños",
    "italian": "Titolo,Nome,Secondo nome,Cognome,Suffisso,Società,Reparto,Posizione,"
    "Via (uff.),Città (uff.),Provincia (uff.),CAP (uff.),Paese (uff.),Fax (uff.),Ufficio,"
    "Cellulare,Abitazione,Indirizzo posta elettronica,Tipo posta elettronica,"
    "Nome visualizzato posta elettronica,Indirizzo posta elettronica 2,Note,Categorie,"
    "Compleanno",
    "dutch": "Titel,Voornaam,Middelste naam,Achternaam,Achtervoegsel,Bedrijf,Afdeling,Functie,"
    "Werkadres,Plaats (werk),Provincie (werk),Postcode (werk),Land/regio (werk),Fax op werk,"
    "Telefoon op werk,Mobiele telefoon,Telefoon thuis,E-mailadres,E-mailtype,"
    "Weergavenaam voor e-mail,E-mail 2: adres,Notities,Categorieën,Verjaardag",
    "portuguese": "Tratamento,Nome,Segundo Nome,Sobrenome,Sufixo,Empresa,Departamento,Cargo,"
    "Rua comercial,Cidade comercial,Estado comercial,CEP comercial,País/Região comercial,"
    "Fax comercial,Telefone comercial,Celular,Telefone residencial,Endereço de email,"
    "Tipo de email,Nome de exibição do email,Endereço de email 2,Anotações,Categorias,"
    "Aniversário",
    "russian": "Обращение,Имя,Отчество,Фамилия,Суффикс,Организация,Отдел,Должность,"
    "Улица (раб. адрес),Город (раб. адрес),Область (раб. адрес),Индекс (раб. адрес),"
    "Страна или регион (раб. адрес),Рабочий факс,Рабочий телефон,Мобильный телефон,"
    "Домашний телефон,Адрес эл. почты,Тип эл. почты,Краткое имя эл. почты,"
    "Адрес 2 эл. почты,Заметки,Категории,День рождения",
    "hebrew": "תואר,שם פרטי,שם אמצעי,שם משפחה,סיומת,חברה,מחלקה,תפקיד,רחוב בעבודה,עיר בעבודה,"
    "מדינה/מחוז בעבודה,מיקוד בעבודה,מדינה/אזור בעבודה,פקס בעבודה,טלפון בעבודה,טלפון נייד,"
    "טלפון בבית,כתובת דואר אלקטרוני,סוג דואר אלקטרוני,שם תצוגה של דואר אלקטרוני,"
    "כתובת דואר אלקטרוני 2,הערות,קטגוריות,יום הולדת",
}
# The code page each is saved in on its Windows.
CODE_PAGES = {"russian": "cp1251", "hebrew": "cp1255"}

# One person, in the columns above; Europe's Outlook separates with semicolons and
# writes the day first.
ROW = (
    ",Ana,Maria,Silva,,Acme Lda,Vendas,CTO,Rua Augusta 1,Lisboa,,1100-048,Portugal,,"
    "+351 21 000 0000,+351 91 000 0000,,ana@acme.example,SMTP,Ana Silva (ana@acme.example),"
    "ana@home.example,Met in Lisbon,Clients,20/01/1980"
)


def _expected(row: Incoming) -> None:
    assert (row.first_name, row.last_name) == ("Ana Maria", "Silva")
    assert (row.company, row.position) == ("Acme Lda", "CTO")
    assert row.emails == ("ana@acme.example", "ana@home.example")
    assert set(row.phones) == {
        Phone("+351 91 000 0000", "mobile"),
        Phone("+351 21 000 0000", "work"),
    }
    assert row.location == "Lisboa, Portugal"
    assert row.story == "Met in Lisbon"
    assert row.tags == ("Clients",)
    assert row.birthday == dt.date(1980, 1, 20)


@pytest.mark.parametrize("language", list(HEADERS))
def test_an_outlook_export_in_each_language_is_told_and_read(tmp_path: Path, language: str) -> None:
    assert len(HEADERS[language].split(",")) == len(ROW.split(","))
    path = tmp_path / "contacts.csv"
    text = f"{HEADERS[language]}\r\n{ROW}\r\n".replace(",", ";")
    path.write_bytes(text.encode(CODE_PAGES.get(language, "cp1252")))
    assert detect_format(path) == "outlook"
    (row,) = plan_outlook_import(path).new
    _expected(row)
    # Read as any CSV, its columns are guessed from the same names.
    (guessed,) = plan_mapped_import(path, guess_mapping(read_table(path).headers)).new
    _expected(guessed)


def test_a_whole_russian_outlook_header_is_read() -> None:
    # As converters of Russian Outlook exports write it (older Outlooks: "Телефон переносной").
    header = (
        "Обращение,Имя,Отчество,Фамилия,Суффикс,Организация,Отдел,Должность,"
        "Улица (раб. адрес),Город (раб. адрес),Телефон переносной,Рабочий телефон,"
        "Адрес эл. почты,Тип эл. почты,Краткое имя эл. почты,Адрес 2 эл. почты,Заметки"
    )
    mapping = guess_mapping(header.split(","))
    assert mapping.first_name == ("Имя",)
    assert mapping.middle_name == ("Отчество",)
    assert mapping.last_name == ("Фамилия",)
    assert mapping.company == ("Организация",)
    assert mapping.position == ("Должность",)
    assert mapping.emails == ("Адрес эл. почты", "Адрес 2 эл. почты")
    assert [(phone.column, phone.label) for phone in mapping.phones] == [
        ("Телефон переносной", "mobile"),
        ("Рабочий телефон", "work"),
    ]
    assert mapping.story == ("Заметки",)


def test_squashed_column_names_are_matched_like_spaced_ones(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "FirstName,LastName,CompanyName,JobTitle,Email1Address,Email2Address,BusinessPhone,"
        "MobilePhone,LinkedInProfile\n"
        "Ana,Silva,Acme,CTO,ana@acme.example,ana@home.example,+1 555 0100,+1 555 0101,"
        "https://www.linkedin.com/in/ana-silva\n"
    )
    mapping = guess_mapping(read_table(path).headers)
    assert mapping.first_name == ("FirstName",)
    assert mapping.position == ("JobTitle",)
    (row,) = plan_mapped_import(path, mapping).new
    assert (row.first_name, row.last_name, row.company, row.position) == (
        "Ana",
        "Silva",
        "Acme",
        "CTO",
    )
    assert row.emails == ("ana@acme.example", "ana@home.example")
    assert row.phones == (Phone("+1 555 0100", "work"), Phone("+1 555 0101", "mobile"))
    assert row.linkedin_url == "https://www.linkedin.com/in/ana-silva"


def test_an_outlook_export_with_one_name_column_keeps_the_names(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "Name,E-mail Address,Business Phone,Company\r\n"
        "Ana Silva,ana@acme.example,+1 555 0100,Acme\r\n"
    )
    assert detect_format(path) == "outlook"
    (row,) = plan_outlook_import(path).new
    assert (row.first_name, row.last_name, row.company) == ("Ana", "Silva", "Acme")


@pytest.mark.parametrize(
    ("delimiter", "written"),
    [(",", "20/01/1991"), (";", "01/20/1991"), (",", "1/20/1991"), (";", "20.01.1991")],
)
def test_a_birthday_that_can_be_read_only_one_way_is_read_that_way(
    tmp_path: Path, delimiter: str, written: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        f"First Name{delimiter}Last Name{delimiter}Birthday\n"
        f"Ana{delimiter}Silva{delimiter}{written}\n"
    )
    (row,) = plan_mapped_import(path, guess_mapping(read_table(path).headers)).new
    assert row.birthday == dt.date(1991, 1, 20)


@pytest.mark.parametrize(
    "header",
    ["Birth Year,Birth Month,Birth Day", "Año de nacimiento,Mes de nacimiento,Día de nacimiento"],
)
@pytest.mark.parametrize("month", ["1", "01", "January", "Jan"])
def test_a_birthday_split_over_three_columns_is_one_birthday(
    tmp_path: Path, header: str, month: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(f"First Name,Last Name,{header}\nAna,Silva,1991,{month},20\nBo,Berg,,3,4\n")
    ana, bo = plan_mapped_import(path, guess_mapping(read_table(path).headers)).new
    assert ana.birthday == dt.date(1991, 1, 20)
    assert bo.birthday is None  # no year: a birthday Relate cannot keep (it wants one)


def test_googles_birthday_without_a_year_leaves_the_person_without_one(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,Birthday,E-mail 1 - Value\nAna,Silva,--01-20,a@b.example\n"
    )
    (row,) = plan_google_import(path).new
    assert row.birthday is None
    assert row.emails == ("a@b.example",)


def test_gmails_escaped_quotes_in_notes_read_as_quotes(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    # Gmail writes the note She said "hi" as "She said \""hi\""" (CSV quoting on top).
    path.write_text('First Name,Last Name,Notes\nAna,Silva,"She said \\""hi\\"" twice"\n')
    (row,) = plan_google_import(path).new
    assert row.story == 'She said "hi" twice'
