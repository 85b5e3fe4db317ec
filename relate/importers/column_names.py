"""The names address-book exports give their columns, in every language Outlook (and
older Google Contacts) write them in: one table per field. The detection of a file's kind,
the Google and Outlook mappings and the guess for any other CSV all read these tables.

Sources: Outlook's own CSV headers in English; the localised ones as collected by
Roundcube's CSV importer (program/localization/*/csv2vcard.inc) and by open-source
converters of Russian Outlook exports; Hebrew, Dutch and Japanese as Outlook's
translations name the fields (less certain: no real export of them was at hand).
Names are compared as `csv_text.header_key` gives them, so case, spacing and
punctuation do not matter; "{n}" stands for any number (Google's "E-mail 1 - Value").
"""

from __future__ import annotations

FIRST_NAME = (
    "First Name",
    "Given Name",
    "Vorname",  # de
    "Prénom",  # fr
    "Nombre",  # es
    "Nome",  # it, pt-BR
    "Primeiro nome",  # pt
    "Nome próprio",  # pt-PT
    "Voornaam",  # nl
    "Имя",  # ru
    "שם פרטי",  # he
    "名",  # ja
)

MIDDLE_NAME = (
    "Middle Name",
    "Additional Name",
    "Weitere Vornamen",
    "Deuxième prénom",
    "Segundo nombre",
    "Secondo nome",
    "Segundo nome",
    "Nome do meio",
    "Tweede voornaam",
    "Middelste naam",
    "Отчество",
    "שם אמצעי",
    "ミドル ネーム",
)

LAST_NAME = (
    "Last Name",
    "Family Name",
    "Surname",
    "Nachname",
    "Nom",
    "Apellidos",
    "Cognome",
    "Sobrenome",
    "Último nome",
    "Achternaam",
    "Фамилия",
    "שם משפחה",
    "姓",
)

# Last names only beside a first name: French "Nom" alone is as often the whole name.
LAST_NAME_BESIDE_FIRST = ("Nom",)

# The whole name in one column: Outlook.com's and Outlook Express's exports, old Google.
FULL_NAME = (
    "Name",
    "Full Name",
    "Display Name",
    "Anzeigename",
    "Nom à afficher",
    "Nombre en pantalla",
    "Nome visualizzato",
    "Mostrar nome",
    "Weergavenaam",
    "Отображаемое имя",
    "שם תצוגה",
)

# Outlook's "Title" is Mr. or Ms. (the job is "Job Title"); Google's is "Name Prefix".
NAME_PREFIX = ("Name Prefix", "Title", "Anrede", "Обращение")

NAME_SUFFIX = ("Name Suffix", "Suffix", "Namenszusatz", "Суффикс")

COMPANY = (
    "Company",
    "Organization Name",
    "Organization {n} - Name",
    "Firma",
    "Organisation",
    "Société",
    "Organización",
    "Compañía",
    "Società",
    "Organizzazione",
    "Empresa",
    "Organização",
    "Bedrijf",
    "Организация",
    "Компания",
    "חברה",
    "会社名",
)

# Outlook's "Title" is Mr. or Ms.; the job is "Job Title".
POSITION = (
    "Job Title",
    "Organization Title",
    "Organization {n} - Title",
    "Position",
    "Profession",
    "Fonction",
    "Puesto",
    "Cargo",
    "Qualifica",
    "Posizione",
    "Functie",
    "Должность",
    "Профессия",
    "תפקיד",
    "役職",
)

EMAILS = (
    "E-mail Address",
    "E-mail 2 Address",
    "E-mail 3 Address",
    "E-mail {n} - Value",  # Google
    "E-Mail-Adresse",
    "E-Mail 2: Adresse",
    "E-Mail 3: Adresse",
    "Adresse de messagerie",
    "Adresse de messagerie 2",
    "Adresse de messagerie 3",
    "Dirección de correo electrónico",
    "Dirección de correo electrónico 2",
    "Dirección de correo electrónico 3",
    "Dirección del correo electrónico 3",
    "Indirizzo posta elettronica",
    "Indirizzo posta elettronica 2",
    "Indirizzo posta elettronica 3",
    "Indirizzo E-mail",
    "Indirizzo E-mail 2",
    "Indirizzo E-mail 3",
    "Endereço de email",
    "Endereço de email 2",
    "Endereço de email 3",
    "Endereço de correio eletrónico",
    "E-mailadres",
    "E-mail 2: adres",
    "E-mail 3: adres",
    "Адрес эл. почты",
    "Адрес 2 эл. почты",
    "Адрес 3 эл. почты",
    "כתובת דואר אלקטרוני",
    "כתובת דואר אלקטרוני 2",
    "כתובת דואר אלקטרוני 3",
    "電子メール アドレス",
    "電子メール 2 アドレス",
    "電子メール 3 アドレス",
)

# Phone columns by the label their numbers get.
PHONES: dict[str, tuple[str, ...]] = {
    "mobile": (
        "Mobile Phone",
        "Mobiltelefon",
        "Tél. mobile",
        "Téléphone mobile",
        "Teléfono móvil",
        "Cellulare",
        "Telefono cellulare",
        "Celular",
        "Telemóvel",
        "Mobiele telefoon",
        "Мобильный телефон",
        "Телефон переносной",
        "טלפון נייד",
        "携帯電話",
    ),
    "work": (
        "Business Phone",
        "Business Phone 2",
        "Company Main Phone",
        "Telefon geschäftlich",
        "Telefon geschäftlich 2",
        "Telefon Firma",
        "Téléphone (bureau)",
        "Téléphone 2 (bureau)",
        "Téléphone société",
        "Teléfono del trabajo",
        "Teléfono del trabajo 2",
        "Teléfono de la compañía",
        "Ufficio",
        "Ufficio 2",
        "Telefono di Lavoro",
        "Telefone comercial",
        "Telefone comercial 2",
        "Telefoon op werk",
        "Telefoon op werk 2",
        "Рабочий телефон",
        "Телефон раб. 2",
        "Основной телефон организации",
        "טלפון בעבודה",
        "טלפון בעבודה 2",
        "会社電話",
    ),
    "home": (
        "Home Phone",
        "Home Phone 2",
        "Telefon privat",
        "Telefon privat 2",
        "Téléphone (domicile)",
        "Téléphone 2 (domicile)",
        "Particular",
        "Particular 2",
        "Abitazione",
        "Abitazione 2",
        "Telefono di casa",
        "Telefone residencial",
        "Telefone residencial 2",
        "Telefoon thuis",
        "Telefoon thuis 2",
        "Домашний телефон",
        "Телефон дом. 2",
        "טלפון בבית",
        "טלפון בבית 2",
        "自宅電話",
    ),
    "fax": (
        "Business Fax",
        "Home Fax",
        "Other Fax",
        "Fax geschäftlich",
        "Fax privat",
        "Weiteres Fax",
        "Télécopie (bureau)",
        "Télécopie (domicile)",
        "Télécopie (autre)",
        "Fax del trabajo",
        "Fax particular",
        "Fax (uff.)",
        "Fax (ab.)",
        "Fax comercial",
        "Fax residencial",
        "Fax op werk",
        "Fax thuis",
        "Рабочий факс",
        "Домашний факс",
        "Другой факс",
        "פקס בעבודה",
        "פקס בבית",
    ),
    "primary": (
        "Primary Phone",
        "Haupttelefon",
        "Téléphone principal",
        "Teléfono principal",
        "Telefono principale",
        "Telefone principal",
        "Hoofdtelefoon",
        "Основной телефон",
        "טלפון ראשי",
    ),
    "other": (
        "Other Phone",
        "Weiteres Telefon",
        "Téléphone (autre)",
        "Otro teléfono",
        "Altro telefono",
        "Outro telefone",
        "Overige telefoon",
        "Другой телефон",
        "טלפון אחר",
    ),
    "car": ("Car Phone", "Autotelefon", "Téléphone (voiture)", "Teléfono del automóvil"),
    "assistant": ("Assistant's Phone", "Telefon Assistent", "Téléphone de l'assistant(e)"),
    "pager": ("Pager", "Récepteur de radiomessagerie", "Localizador", "Пейджер"),
    "radio": ("Radio Phone", "Радиотелефон"),
    "callback": ("Callback", "Rückmeldung", "Обратный вызов"),
    "telex": ("Telex", "Телекс"),
    "tty/tdd": ("TTY/TDD Phone",),
}

# (city, region, country) of each kind of address, the first with anything in it taken:
# work addresses first (Outlook's are what mark its exports), then home and others.
WORK_LOCATIONS = (
    ("Business City", "Business State", "Business Country/Region", "Business Country"),
    ("Ort geschäftlich", "Bundesland/Kanton geschäftlich", "Land/Region geschäftlich"),
    ("Ville (bureau)", "Dép/Région (bureau)", "Pays/Région (bureau)"),
    ("Ciudad de trabajo", "Provincia o estado de trabajo", "País o región del trabajo"),
    ("Città di lavoro", "Provincia di lavoro", "Nazione/Regione di lavoro"),
    ("Città (uff.)", "Provincia (uff.)", "Paese (uff.)"),
    ("Cidade comercial", "Estado comercial", "País/Região comercial"),
    ("Plaats (werk)", "Provincie (werk)", "Land/regio (werk)"),
    ("Город (раб. адрес)", "Область (раб. адрес)", "Страна или регион (раб. адрес)"),
    ("עיר בעבודה", "מדינה/מחוז בעבודה", "מדינה/אזור בעבודה"),
)
LOCATIONS = (
    *WORK_LOCATIONS,
    ("Home City", "Home State", "Home Country/Region", "Home Country"),
    ("Other City", "Other State", "Other Country/Region", "Other Country"),
    ("Address 1 - City", "Address 1 - Region", "Address 1 - Country"),  # Google
    ("Ort privat", "Bundesland/Kanton privat", "Land/Region privat"),
    ("Ville (domicile)", "Dép/Région (domicile)", "Pays/Région (domicile)"),
    ("Ciudad del domicilio", "Provincia o estado del domicilio", "País o región del domicilio"),
    ("Città di residenza", "Provincia di residenza", "Nazione/Regione di casa"),
    ("Cidade residencial", "Estado residencial", "País/Região residencial"),
    ("Plaats (thuis)", "Provincie (thuis)", "Land/regio (thuis)"),
    ("Город (дом. адрес)", "Область (дом. адрес)", "Страна или регион (дом. адрес)"),
    ("עיר בבית", "מדינה/מחוז בבית", "מדינה/אזור בבית"),
)

NOTES = (
    "Notes",
    "Notizen",
    "Notas",
    "Note",
    "Anotações",
    "Notities",
    "Заметки",
    "הערות",
    "メモ",
)

BIRTHDAY = (
    "Birthday",
    "Geburtstag",
    "Anniversaire",
    "Cumpleaños",
    "Compleanno",
    "Aniversário",
    "Verjaardag",
    "День рождения",
    "יום הולדת",
    "誕生日",
)

# A birthday split over three columns (Thunderbird's, Windows Live's and Yahoo's exports).
BIRTH_YEAR = (
    "Birth Year",
    "Geburtsjahr",
    "Année de naissance",
    "Año de nacimiento",
    "Anno di nascita",
    "Ano de nascimento",
    "Geboortejaar",
    "Год рождения",
)
BIRTH_MONTH = (
    "Birth Month",
    "Geburtsmonat",
    "Mois de naissance",
    "Mes de nacimiento",
    "Mese di nascita",
    "Mês de nascimento",
    "Geboortemaand",
    "Месяц рождения",
)
BIRTH_DAY = (
    "Birth Day",
    "Jour de naissance",
    "Día de nacimiento",
    "Giorno di nascita",
    "Dia de nascimento",
    "Geboortedag",
)

CATEGORIES = (
    "Categories",
    "Kategorien",
    "Catégories",
    "Categorías",
    "Categorie",
    "Categorias",
    "Categorieën",
    "Категории",
    "קטגוריות",
    "分類項目",
)

WEB_PAGES = (
    "Web Page",
    "Personal Web Page",
    "Webseite",
    "Page Web",
    "Página web",
    "Pagina Web",
    "Página da Web",
    "Webpagina",
    "Веб-страница",
    "דף אינטרנט",
)
