"""Reading mail archives (mbox, Maildir, .eml) into exchanges: who wrote to whom, when,
in which thread, and which mails a history leaves out and why."""

from __future__ import annotations

import base64
import datetime as dt
import email.utils
import os
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate.history import mail_headers
from relate.history.exchanges import Exchange, HistoryFileError, Medium, Party
from relate.history.mail_archive import mail_kind, read_mail
from relate.history.mail_headers import MAX_RECIPIENTS, exchange_from_headers
from tests.core.mail_fixtures import (
    DATE,
    SEPARATOR,
    THUNDERBIRD_SEPARATOR,
    mail,
    mbox,
    write,
)

REAL = Path(__file__).parent.parent / "fixtures" / "real" / "mail"


def read(path: Path, **options: object) -> list[Exchange]:
    return list(read_mail(path, **options))  # type: ignore[arg-type]


def one(tmp_path: Path, data: bytes, **options: object) -> Exchange:
    [exchange] = read(write(tmp_path / "Inbox.mbox", mbox(data)), **options)
    return exchange


def test_a_thread_and_its_replies_group_under_the_first_message(tmp_path: Path) -> None:
    root = mail(message_id="<root@x.org>", subject="Project kick-off")
    reply = mail(
        {"In-Reply-To": "<root@x.org>"},
        message_id="<r1@y.org>",
        sender="Bob <bob@example.com>",
        to="Ana Lima <ana@example.org>",
        subject="Re: Project kick-off",
        date="Tue, 2 Jan 2024 09:30:00 -0500",
    )
    second = mail(
        {"In-Reply-To": "<r1@y.org>", "References": "<root@x.org>\n <r1@y.org>"},
        message_id="<r2@x.org>",
    )
    other = mail(message_id="<other@x.org>")
    takeout = tmp_path / "All mail Including Spam and Trash.mbox"
    path = write(takeout, mbox(root, reply, second, other))
    assert mail_kind(path) == "mbox"
    exchanges = read(path)
    assert [e.key for e in exchanges] == ["root@x.org", "r1@y.org", "r2@x.org", "other@x.org"]
    assert [e.thread for e in exchanges] == ["root@x.org"] * 3 + ["other@x.org"]
    assert exchanges[0].sender == Party(email="ana@example.org", name="Ana Lima")
    assert exchanges[0].recipients == (Party(email="bob@example.com"),)
    assert exchanges[0].medium == Medium.EMAIL
    assert exchanges[1].when == dt.datetime(2024, 1, 2, 14, 30, tzinfo=dt.UTC)
    assert exchanges[1].when.utcoffset() == dt.timedelta(hours=-5)
    assert exchanges[1].subject == "Re: Project kick-off"
    assert all(e.skip == "" and e.body == "" for e in exchanges)


def test_recipients_are_to_and_cc_each_once_lower_cased(tmp_path: Path) -> None:
    exchange = one(
        tmp_path,
        mail(
            {"Cc": '"Lee, Kim" <KIM@x.org>, bob@example.com, undisclosed-recipients:;'},
            to="Bob <Bob@Example.com>, =?utf-8?q?Jos=C3=A9_P=C3=A9rez?= <jose@z.org>",
        ),
    )
    assert exchange.recipients == (
        Party(email="bob@example.com", name="Bob"),
        Party(email="jose@z.org", name="José Pérez"),
        Party(email="kim@x.org", name="Lee, Kim"),
    )


@pytest.mark.parametrize(
    ("headers", "sender", "reason"),
    [
        ({"List-Id": "Python tutor <tutor.python.org>"}, None, "a mailing list"),
        ({"List-Unsubscribe": "<mailto:leave@lists.x.org>"}, None, "a mailing list"),
        ({"Precedence": "bulk"}, None, "bulk mail"),
        ({"Precedence": "Junk"}, None, "bulk mail"),
        ({"Precedence": "list"}, None, "bulk mail"),
        ({"Auto-Submitted": "auto-replied"}, None, "an automatic message"),
        ({"Auto-Submitted": "auto-generated; type=dsn"}, None, "an automatic message"),
        ({"X-Auto-Response-Suppress": "All"}, None, "an automatic message"),
        ({}, "GitHub <noreply@github.com>", "a no-reply sender"),
        ({}, "no-reply@accounts.google.com", "a no-reply sender"),
        ({}, "do-not-reply@bank.example", "a no-reply sender"),
        ({}, "DoNotReply@bank.example", "a no-reply sender"),
        ({}, "MAILER-DAEMON@mx.example.org", "a no-reply sender"),
        ({}, "postmaster@example.org", "a no-reply sender"),
        ({}, "notifications@github.com", "a no-reply sender"),
        ({}, "noreply+abc123@medium.com", "a no-reply sender"),
        ({"X-Mozilla-Status": "0009"}, None, "a deleted message"),
        # What a person's mail says, and must count.
        ({"Auto-Submitted": "no"}, None, ""),
        ({"Precedence": "first-class"}, None, ""),
        ({"X-Mozilla-Status": "0001"}, None, ""),
        ({}, "Noreen Ply <noreen@example.org>", ""),
        ({}, "notification-team-lead@example.org", "a no-reply sender"),
        ({}, "replyall@example.org", ""),
    ],
)
def test_mail_nobody_wrote_to_the_user_is_yielded_with_the_reason_to_skip_it(
    tmp_path: Path, headers: dict[str, str], sender: str | None, reason: str
) -> None:
    exchange = one(tmp_path, mail(headers, sender=sender or "Ana <ana@example.org>"))
    assert exchange.skip == reason
    assert exchange.key == "m1@example.org"


@pytest.mark.parametrize(
    ("date", "sender", "reason"),
    [
        (None, "ana@example.org", "no date"),
        ("sometime last week", "ana@example.org", "no date"),
        ("Mon, 45 Foo 2024 99:99:99 +0100", "ana@example.org", "no date"),
        (DATE, None, "a broken message"),
        (DATE, "", "a broken message"),
    ],
)
def test_a_mail_without_a_date_or_a_sender_is_skipped_not_fatal(
    tmp_path: Path, date: str | None, sender: str | None, reason: str
) -> None:
    good = mail(message_id="<good@x.org>")
    bad = mail(date=date, sender=sender, message_id="<bad@x.org>")
    exchanges = read(write(tmp_path / "Inbox", mbox(good, bad, good)))
    assert [(e.key, e.skip) for e in exchanges] == [
        ("good@x.org", ""),
        ("bad@x.org", reason),
        ("good@x.org", ""),
    ]


def test_a_date_without_a_zone_is_read_as_utc(tmp_path: Path) -> None:
    exchange = one(tmp_path, mail(date="Mon, 1 Jan 2024 10:00:00 -0000"))
    assert exchange.when == dt.datetime(2024, 1, 1, 10, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("subject", "shown"),
    [
        ("=?UTF-8?B?TcO8bmNoZW4g4oCTIG5leHQgd2Vlaw==?=", "München – next week"),
        ("=?ISO-8859-1?Q?Caf=E9_cr=E8me?= tomorrow", "Café crème tomorrow"),
        ("Re: =?utf-8?q?caf=C3=A9?=\n =?utf-8?q?_au_lait?=", "Re: café au lait"),
        ("=?x-unknown-charset?Q?caf=E9?=", "café"),
        ("=?utf-8?b?!!!not base64?=", "=?utf-8?b?!!!not base64?="),
        ("=?utf-8?q?caf=C3?= ok", "caf\ufffd ok"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
        ("   many    spaces\n\there  ", "many spaces here"),
        ("Réunion (raw UTF-8)", "Réunion (raw UTF-8)"),
    ],
)
def test_subjects_are_decoded_in_any_charset_and_never_crash(
    tmp_path: Path, subject: str, shown: str
) -> None:
    assert one(tmp_path, mail(subject=subject)).subject == shown


def test_a_raw_latin_1_header_is_read(tmp_path: Path) -> None:
    data = mbox(mail(subject="Caf\xe9").replace("Caf\xe9".encode(), b"Caf\xe9"))
    [exchange] = read(write(tmp_path / "Inbox", data))
    assert exchange.subject == "Café"


def test_a_huge_recipient_list_is_capped(tmp_path: Path) -> None:
    everyone = ",\n ".join(f"Person {n} <p{n}@example.org>" for n in range(20_000))
    exchange = one(tmp_path, mail(to=everyone))  # a To: header of about 600 KB
    assert len(exchange.recipients) == MAX_RECIPIENTS
    assert exchange.recipients[0] == Party(email="p0@example.org", name="Person 0")


def test_a_header_block_past_256_kb_is_a_broken_message_and_the_next_is_read(
    tmp_path: Path,
) -> None:
    huge = mail({f"X-Filler-{n}": "x" * 900 for n in range(400)}, message_id="<huge@x.org>")
    after = mail(message_id="<after@x.org>")
    exchanges = read(write(tmp_path / "Inbox", mbox(huge, after)))
    assert [(e.key, e.skip) for e in exchanges] == [
        ("huge@x.org", "a broken message"),
        ("after@x.org", ""),
    ]


def test_from_lines_in_bodies_do_not_split_mails(tmp_path: Path) -> None:
    body = (
        "From the start, quoted by the writer.\n\n"
        "From what I hear, unquoted after a blank line.\n"
        "and this line is no header\n"
        "\n>From an mboxrd quoted line\n"
    )
    first = mail(body=body, message_id="<a@x.org>")
    # An mboxo writer that quotes nothing: only >From is quoted by mbox() here.
    data = mbox(first, mail(message_id="<b@x.org>"))
    data = data.replace(b">From what", b"From what")
    exchanges = read(write(tmp_path / "Inbox", data), keep_bodies=True)
    assert [e.key for e in exchanges] == ["a@x.org", "b@x.org"]
    assert "From what I hear" in exchanges[0].body
    assert ">From an mboxrd quoted line" in exchanges[0].body  # one level of quoting gone
    assert "From the start" in exchanges[0].body


def test_a_truncated_mbox_gives_what_is_whole(tmp_path: Path) -> None:
    whole = mbox(mail(message_id="<a@x.org>"), mail(message_id="<b@x.org>", body="x" * 5000))
    cut_in_body = whole[: len(whole) - 2000]
    assert [e.key for e in read(write(tmp_path / "cut-body", cut_in_body))] == [
        "a@x.org",
        "b@x.org",
    ]
    cut_in_headers = whole[: whole.index(b"Subject: Lunch", whole.index(b"<a@x.org>"))]
    assert [e.key for e in read(write(tmp_path / "cut-head", cut_in_headers))] == ["a@x.org"]
    with pytest.raises(HistoryFileError):  # no mail begun: nothing to say it is an mbox
        read_mail(write(tmp_path / "one-line", whole[:20]))


def test_crlf_and_thunderbird_mboxes(tmp_path: Path) -> None:
    crlf = mbox(mail(message_id="<a@x.org>"), mail(message_id="<b@x.org>")).replace(b"\n", b"\r\n")
    assert [e.key for e in read(write(tmp_path / "crlf", crlf))] == ["a@x.org", "b@x.org"]
    thunderbird = mbox(
        mail({"X-Mozilla-Status": "0001"}, message_id="<a@x.org>"),
        mail({"X-Mozilla-Status": "0009"}, message_id="<b@x.org>"),
        separator=THUNDERBIRD_SEPARATOR,
    )
    exchanges = read(write(tmp_path / "Sent", thunderbird))  # Thunderbird's: no extension
    assert [(e.key, e.skip) for e in exchanges] == [
        ("a@x.org", ""),
        ("b@x.org", "a deleted message"),
    ]


def test_mails_with_no_blank_line_between_them_are_still_apart(tmp_path: Path) -> None:
    data = b"".join(SEPARATOR + mail(message_id=f"<{n}@x.org>") for n in range(3))
    data += b"From someone who forgot the blank line\nTo: x\n"  # a body line: no date
    assert [e.key for e in read(write(tmp_path / "Inbox", data))] == [
        "0@x.org",
        "1@x.org",
        "2@x.org",
    ]


def test_a_mail_without_message_id_has_a_key_that_stays_the_same(tmp_path: Path) -> None:
    first = mail(message_id=None, subject="One")
    second = mail(message_id=None, subject="Two")
    path = write(tmp_path / "Inbox", mbox(first, second))
    keys = [e.key for e in read(path)]
    assert keys == [e.key for e in read(path)]
    assert len(set(keys)) == 2
    assert [e.thread for e in read(path)] == keys


def test_bodies_are_kept_only_when_asked_first_plain_text_part_capped(tmp_path: Path) -> None:
    attachment = base64.encodebytes(os.urandom(30_000)).decode()
    body = (
        "--B\nContent-Type: text/html\n\n<p>html first</p>\n"
        "--B\nContent-Type: text/plain; charset=iso-8859-1\n"
        "Content-Transfer-Encoding: quoted-printable\n\nMerci, =E0 bient=F4t.\n"
        "--B\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n"
        f"Content-Disposition: attachment; filename=a.pdf\n\n{attachment}--B--\n"
    )
    data = mail({"MIME-Version": "1.0", "Content-Type": 'multipart/mixed; boundary="B"'}, body)
    assert one(tmp_path, data).body == ""
    assert one(tmp_path, data, keep_bodies=True).body == "Merci, à bientôt."
    long = one(tmp_path, mail(body="word " * 10_000), keep_bodies=True)
    assert len(long.body) == 20_000


def test_a_big_attachment_costs_no_memory(tmp_path: Path) -> None:
    attachment = base64.encodebytes(b"\0" * (15 * 1024 * 1024))
    big = mail({"Content-Type": 'multipart/mixed; boundary="B"'}, b"--B\n\n" + attachment)
    path = write(tmp_path / "Inbox", mbox(big, mail(message_id="<after@x.org>")))
    del attachment, big
    tracemalloc.start()
    try:
        keys = [e.key for e in read_mail(path)]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert keys == ["m1@example.org", "after@x.org"]
    assert peak < 8 * 1024 * 1024, f"peak {peak:,} bytes for a 20 MB mail"


def test_progress_is_told_and_ends_at_the_file_size(tmp_path: Path) -> None:
    path = write(tmp_path / "Inbox", mbox(*[mail(message_id=f"<{n}@x.org>") for n in range(4500)]))
    told: list[tuple[int, int]] = []
    assert len(read(path, progress=lambda done, total: told.append((done, total)))) == 4500
    size = path.stat().st_size
    assert len(told) == 3 and told[-1] == (size, size)
    assert all(done <= total == size for done, total in told)


def test_a_maildir_reads_cur_and_new(tmp_path: Path) -> None:
    box = tmp_path / "Maildir"
    write(box / "cur" / "1700000001.M1.host:2,S", mail(message_id="<seen@x.org>"))
    write(box / "new" / "1700000002.M2.host", mail(message_id="<new@x.org>"))
    write(box / "cur" / ".hidden", b"junk")
    (box / "tmp").mkdir()
    write(box / "tmp" / "1700000003.M3.host", mail(message_id="<writing@x.org>"))
    assert mail_kind(box) == "maildir"
    assert [e.key for e in read(box)] == ["seen@x.org", "new@x.org"]


def test_a_folder_of_eml_files_is_read_in_name_order_with_its_subfolders(tmp_path: Path) -> None:
    folder = tmp_path / "Export"
    write(folder / "b.eml", mail(message_id="<b@x.org>"))
    write(folder / "a.EML", mail(message_id="<a@x.org>"))
    write(folder / "2024" / "c.eml", mail(message_id="<c@x.org>"))
    write(folder / "notes.txt", b"not mail")
    write(folder / "broken.eml", b"\x00\x01 not a mail at all")
    os.mkfifo(folder / "pipe.eml")
    assert mail_kind(folder) == "eml folder"
    exchanges = read(folder, keep_bodies=True)
    assert [(e.key, e.skip) for e in exchanges][:2] == [("a@x.org", ""), ("b@x.org", "")]
    assert exchanges[2].skip == "a broken message"  # broken.eml
    assert exchanges[3].key == "c@x.org"
    assert exchanges[0].body == "Hello,\n\nsee you soon."
    assert len(exchanges) == 4  # the pipe is no file: not listed


def test_one_eml_file_with_or_without_an_mbox_line(tmp_path: Path) -> None:
    plain = write(tmp_path / "Lunch.eml", mail(message_id="<a@x.org>", body=""))
    assert mail_kind(plain) == "eml"
    assert [e.key for e in read(plain, keep_bodies=True)] == ["a@x.org"]
    headers_only = write(tmp_path / "h.eml", mail(message_id="<h@x.org>").split(b"\n\n")[0])
    assert [e.key for e in read(headers_only)] == ["h@x.org"]
    enveloped = write(tmp_path / "From.eml", THUNDERBIRD_SEPARATOR + mail(message_id="<f@x.org>"))
    assert [e.key for e in read(enveloped)] == ["f@x.org"]


def test_real_files_from_pythons_own_tests(tmp_path: Path) -> None:
    [message] = read(REAL / "cpython-mailbox_01.mbox", keep_bodies=True)
    assert message.sender == Party(name="foo")
    assert message.subject == "unquoted From in body; extra info on From line"
    assert message.body == "Hello\n\nFrom time to time"  # one mail, not two
    assert message.skip == "no date"
    [delivered] = read(REAL / "cpython-msg_44.eml", keep_bodies=True)
    assert delivered.key == "15261.36209.358846.118674@anthem.python.org"
    assert delivered.sender == Party(email="barry@python.org", name="Barry A. Warsaw")
    assert delivered.when == dt.datetime(2001, 9, 11, 4, 5, 5, tzinfo=dt.UTC)
    assert delivered.body == "a simple kind of mirror\nto reflect upon our own"
    assert delivered.skip == ""


def refused_inputs(tmp_path: Path) -> dict[str, Path]:
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    no_mail = tmp_path / "no-mail"
    write(no_mail / "readme.txt", b"hello")
    fifo = tmp_path / "Inbox.mbox.fifo"
    os.mkfifo(fifo)
    return {
        "csv": write(tmp_path / "Connections.csv", b"First Name,Last Name\nAna,Lima\n"),
        "csv with colons": write(tmp_path / "c.csv", b"Date: 2024,From: x\nAna,Lima\n"),
        "empty": write(tmp_path / "empty.mbox", b""),
        "blank": write(tmp_path / "blank.mbox", b"\n\n  \n"),
        "pdf": write(tmp_path / "Inbox.mbox.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        "binary": write(tmp_path / "random.mbox", bytes(range(256)) * 40),
        "text from": write(tmp_path / "letter.txt", b"From the desk of Ana\n\nDear Bob,\n"),
        "headers but not mail": write(tmp_path / "conf.eml", b"Name: value\nOther: x\n\n"),
        "fifo": fifo,
        "dev zero": Path("/dev/zero"),
        "empty dir": empty_dir,
        "dir without mail": no_mail,
        "missing": tmp_path / "nowhere.mbox",
    }


@pytest.mark.parametrize(
    "kind",
    [
        "csv",
        "csv with colons",
        "empty",
        "blank",
        "pdf",
        "binary",
        "text from",
        "headers but not mail",
        "fifo",
        "dev zero",
        "empty dir",
        "dir without mail",
        "missing",
    ],
)
def test_what_is_not_a_mail_archive_is_refused_before_anything_is_read(
    tmp_path: Path, kind: str
) -> None:
    path = refused_inputs(tmp_path)[kind]
    with pytest.raises(HistoryFileError) as refused:
        mail_kind(path)
    message = str(refused.value)
    assert path.name in message or str(path) in message
    with pytest.raises(HistoryFileError):
        read_mail(path)  # at the call, before any mail is asked for


# Pieces of headers, good and bad, that a header block is made of in the fuzz tests.
_PIECES = (
    b'From: |To: |Cc: |Date: |Subject: |References: |\n| |=?|?=|?q?|?b?|utf-8|<|>|,|@|"|(|;'
    b"|\xff|\xc3|=E9|Mon, 1 Jan 2024|99:99|+9999|\r"
).split(b"|")
_HEADER_BYTES = st.lists(
    st.sampled_from(_PIECES) | st.binary(max_size=8),
    max_size=60,
).map(b"".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(block=_HEADER_BYTES)
def test_any_header_bytes_give_an_exchange(block: bytes) -> None:
    exchange = exchange_from_headers(block)
    assert exchange.key and exchange.thread and exchange.when.tzinfo is not None


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(tail=st.lists(_HEADER_BYTES | st.sampled_from([b"\n\nFrom x\n", b"\n\n"]), max_size=12))
def test_any_bytes_after_a_first_mail_never_stop_the_reading(
    tmp_path: Path, tail: list[bytes]
) -> None:
    path = write(tmp_path / "Inbox", mbox(mail()) + b"".join(tail))
    exchanges = read(path, keep_bodies=True)
    assert exchanges and exchanges[0].key == "m1@example.org"


_ADDRESS_PIECES = st.lists(
    st.sampled_from(
        ["Ana", " ", "Lima", ",", "<", ">", "a@b.org", "Bob@X.com", '"', "\\", "(", ")", ";"]
        + ["=?utf-8?q?Jos=C3=A9?=", ":", "\t", "x", "@", "<c@d.org>", '"Lee, Kim"', "."]
    ),
    max_size=14,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(value=_ADDRESS_PIECES)
def test_addresses_are_read_as_the_email_package_reads_them(value: str) -> None:
    def same_spacing(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        return [(" ".join(name.split()), address) for name, address in pairs]

    fast = mail_headers._addresses(value)
    assert same_spacing(fast) == same_spacing(email.utils.getaddresses([value]))
