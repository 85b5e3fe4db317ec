"""History as timeline entries: matching, grouping by thread and day, the user's own
addresses, re-imports that add only what is new, and undo (readers aside)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from relate import contacts, timeline
from relate.brief.query import brief_data
from relate.history.exchanges import Exchange, Medium, Party
from relate.history.my_addresses import add_my_addresses, my_addresses
from relate.history.people import Me
from relate.history.planner import plan_history
from relate.history.writing import apply_history
from relate.importers.batches import undo_import

ME = Party("me@mine.example", "Pat Me")
UTC = dt.UTC
NOW = dt.datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def mail(
    key: str,
    when: dt.datetime,
    sender: Party,
    *to: Party,
    thread: str = "",
    subject: str = "Hello",
    skip: str = "",
) -> Exchange:
    return Exchange(Medium.EMAIL, key, thread or key, when, sender, to, subject, skip=skip)


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, 0, tzinfo=UTC)


def _ana() -> int:
    return contacts.create_contact("Ana", "Silva", emails=["ana@work.example", "Ana@Home.example"])


def test_every_address_of_a_contact_matches_whatever_its_case(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    plan = plan_history(
        [mail("m1", at(2), Party("ANA@home.example"), ME, subject="Lunch?")], "mail", "x.mbox"
    )
    assert [(e.contact_id, e.kind, e.direction, e.summary) for e in plan.entries] == [
        (ana, "email", "received", "Lunch?")
    ]
    apply_history(plan)
    entry = timeline.interactions_for(ana)[0]
    assert (entry.kind, entry.direction, entry.origin) == (
        "email",
        "received",
        "x.mbox (Mail archive)",
    )
    assert contacts.get_contact(ana).last_contacted == dt.date(2026, 11, 2)


def test_a_thread_on_one_day_is_one_entry_and_the_next_day_another(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    ana_party = Party("ana@work.example")
    exchanges = [
        mail("m1", at(2, 9), ME, ana_party, subject="Proposal"),
        mail("m2", at(2, 15), ana_party, ME, thread="m1", subject="Re: Proposal"),
        mail("m3", at(3, 10), ME, ana_party, thread="m1", subject="Re: Proposal"),
    ]
    plan = plan_history(exchanges, "mail", "x.mbox")
    assert [(e.date.day, e.direction, e.summary) for e in plan.entries] == [
        (2, "sent", "Proposal"),
        (3, "sent", "Re: Proposal"),
    ]
    assert plan.per_contact() == {ana: 2}


def test_reading_the_same_file_again_adds_nothing_and_a_newer_one_only_what_is_new(
    db_path: Path,
) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    ana_party = Party("ana@work.example")
    first = [mail("m1", at(2), ME, ana_party)]
    assert apply_history(plan_history(first, "mail", "x.mbox")) is not None
    again = plan_history(first, "mail", "x.mbox")
    assert (again.entries, again.known) == ([], 1)
    assert apply_history(again) is None
    newer = plan_history([*first, mail("m9", at(5), ana_party, ME)], "mail", "y.mbox")
    assert [(e.date.day, e.direction) for e in newer.entries] == [(5, "received")]
    apply_history(newer)
    assert len(timeline.interactions_for(ana)) == 2


def test_the_users_own_address_never_matches_a_contact(db_path: Path) -> None:
    # The user once added themselves as a contact: their mail is not a conversation.
    me_as_contact = contacts.create_contact("Pat", "Me", emails=[ME.email])
    ana = _ana()
    add_my_addresses([ME.email])
    plan = plan_history([mail("m1", at(2), ME, Party("ana@work.example"))], "mail", "x")
    assert {e.contact_id for e in plan.entries} == {ana}
    assert me_as_contact not in plan.per_contact()


def test_a_name_alone_matches_one_contact_and_is_marked_so(db_path: Path) -> None:
    bo = contacts.create_contact("Bo", "Lind")
    contacts.create_contact("Jane", "Smith")
    contacts.create_contact("Jane", "Smith")  # two: a name that says nobody for sure
    add_my_addresses([ME.email])
    plan = plan_history(
        [
            mail("m1", at(2), Party("bo.lind@elsewhere.example", "Bo LIND"), ME),
            mail("m2", at(3), Party("jane@x.example", "Jane Smith"), ME),
        ],
        "mail",
        "x",
    )
    assert [(e.contact_id, e.by_name) for e in plan.entries] == [(bo, True)]
    assert plan.by_name() == ["Bo Lind"]
    assert plan.not_found() == [("Jane Smith", "jane@x.example", 1)]


def test_skipped_exchanges_are_counted_by_reason(db_path: Path) -> None:
    _ana()
    add_my_addresses([ME.email])
    ana_party = Party("ana@work.example")
    plan = plan_history(
        [
            mail("m1", at(2), ana_party, ME, skip="a mailing list"),
            mail("m2", at(2), ana_party, ME, skip="a mailing list"),
            mail("m3", at(2), Party("noreply@x.example"), ME, skip="a no-reply sender"),
        ],
        "mail",
        "x",
    )
    assert plan.entries == []
    assert plan.skipped_lines() == ["2 a mailing list", "1 a no-reply sender"]
    assert plan.read == 3


def test_undoing_the_import_takes_its_entries_back_out(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    timeline.log_interaction(ana, "call", date="2026-10-01")
    batch = apply_history(
        plan_history([mail("m1", at(2), ME, Party("ana@work.example"))], "mail", "x")
    )
    assert batch is not None
    assert contacts.get_contact(ana).last_contacted == dt.date(2026, 11, 2)
    undo_import(batch)
    assert [e.kind for e in timeline.interactions_for(ana)] == ["call"]
    assert contacts.get_contact(ana).last_contacted == dt.date(2026, 10, 1)


def test_a_meeting_with_one_contact_is_a_1_2_1_and_with_more_a_meeting(db_path: Path) -> None:
    ana = _ana()
    bo = contacts.create_contact("Bo", "Lind", emails=["bo@x.example"])
    add_my_addresses([ME.email])
    ana_p, bo_p = Party("ana@work.example"), Party("bo@x.example")

    def event(key: str, when: dt.datetime, *people: Party, title: str = "Coffee") -> Exchange:
        return Exchange(Medium.MEETING, key, key, when, ME, people, title, "Café Rio")

    plan = plan_history(
        [
            event("e1", at(2), ME, ana_p),
            event("e2", at(4), ME, ana_p, bo_p, title="Board"),
            event("e3", at(6), Party(ME.email, declined=True), bo_p, title="Declined"),
            event("e4", dt.datetime(2027, 1, 5, 9, tzinfo=UTC), ME, bo_p, title="Next"),
        ],
        "calendar",
        "cal.ics",
        now=NOW,
    )
    assert sorted((e.contact_id, e.kind, e.summary) for e in plan.entries) == [
        (ana, "1-2-1", "Coffee (Café Rio)"),
        (ana, "met", "Board (Café Rio)"),
        (bo, "met", "Board (Café Rio)"),
    ]
    assert plan.skipped == {"declined by you": 1, "still to come": 1}
    assert [(p.contact_id, p.title) for p in plan.planned] == [(bo, "Next")]


def test_with_no_address_of_the_user_known_the_one_in_most_threads_is_taken(
    db_path: Path,
) -> None:
    ana = _ana()
    bo = contacts.create_contact("Bo", "Lind", emails=["bo@x.example"])
    ana_p, bo_p = Party("ana@work.example"), Party("bo@x.example")
    assert my_addresses() == ()
    plan = plan_history(
        [mail("m1", at(2), ME, ana_p), mail("m2", at(3), bo_p, ME), mail("m3", at(4), ME, bo_p)],
        "mail",
        "x",
    )
    assert plan.assumed_me == ME.email
    assert sorted((e.contact_id, e.direction) for e in plan.entries) == [
        (ana, "sent"),
        (bo, "received"),
        (bo, "sent"),
    ]


def test_a_linkedin_message_matches_by_profile(db_path: Path) -> None:
    ana = contacts.create_contact("Ana", "Silva", linkedin_url="https://www.linkedin.com/in/ana-s")
    me = Me(profiles={"https://www.linkedin.com/in/pat-me"})
    message = Exchange(
        Medium.MESSAGE,
        "c1/1",
        "c1",
        at(2),
        Party(name="Ana S.", profile_url="linkedin.com/in/ana-s/"),
        (Party(name="Pat Me", profile_url="https://www.linkedin.com/in/pat-me"),),
    )
    plan = plan_history([message], "LinkedIn messages", "messages.csv", me=me)
    assert [(e.contact_id, e.kind, e.direction) for e in plan.entries] == [
        (ana, "message", "received")
    ]


def test_the_brief_folds_a_run_of_imported_messages_into_one_line(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    timeline.log_interaction(ana, "1-2-1", date="2026-11-20", summary="Coffee")
    ana_p = Party("ana@work.example")
    apply_history(
        plan_history(
            [mail(f"m{d}", at(d), ana_p, ME, thread=f"t{d}", subject="") for d in (2, 3, 4)],
            "mail",
            "x",
        )
    )
    brief = brief_data(ana, on=dt.date(2026, 11, 30))
    assert [(e.kind, e.summary) for e in brief.entries] == [
        ("1-2-1", "Coffee"),
        ("email ×3", "from them · since 2 Nov 2026"),
    ]
    assert brief.total_entries == 2


def test_the_brief_folds_a_thread_and_its_replies_into_one_line(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    ana_p = Party("ana@work.example")
    subjects = {2: "The energy audit", 3: "Re: The energy audit", 4: "RE: Fwd: The energy audit"}
    apply_history(
        plan_history(
            [
                mail(f"m{d}", at(d), ana_p, ME, thread=f"t{d}", subject=s)
                for d, s in subjects.items()
            ],
            "mail",
            "x",
        )
    )
    brief = brief_data(ana, on=dt.date(2026, 11, 30))
    assert [(e.kind, e.summary) for e in brief.entries] == [
        ("email ×3", "The energy audit · since 2 Nov 2026"),
    ]


def test_the_brief_says_who_wrote_imported_messages_with_no_subject(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    ana_p = Party("ana@work.example")
    timeline.log_interaction(ana, "1-2-1", date="2026-11-03", summary="Coffee")
    long_ago = dt.datetime(2026, 8, 1, 9, tzinfo=UTC)
    apply_history(
        plan_history(
            [
                mail("m2", at(2), ana_p, ME, thread="t2", subject=""),
                mail("m4", at(4), ME, ana_p, thread="t4", subject=""),
                mail("m0", long_ago, ana_p, ME, thread="t0", subject=""),
            ],
            "mail",
            "x",
        )
    )
    brief = brief_data(ana, on=dt.date(2026, 11, 30))
    # The two of November fold across the 1-2-1 between them; August's is a line alone.
    assert [(e.kind, e.summary) for e in brief.entries] == [
        ("email ×2", "both ways · since 2 Nov 2026"),
        ("1-2-1", "Coffee"),
        ("email", "from them"),
    ]


def test_the_brief_folds_a_weekly_meeting_into_one_line_until_it_pauses(db_path: Path) -> None:
    ana = _ana()
    add_my_addresses([ME.email])
    guests = (ME, Party("bo@elsewhere.example"))
    days = [dt.datetime(2026, 11, 24, 9, tzinfo=UTC) - dt.timedelta(weeks=n) for n in range(12)]
    days.append(dt.datetime(2026, 3, 2, 9, tzinfo=UTC))  # after a pause of five months
    meetings = [
        Exchange(Medium.MEETING, f"guild/{n}", "guild", day, Party("ana@work.example"), guests,
                 subject="Retrofit guild")
        for n, day in enumerate(days)
    ]  # fmt: skip
    apply_history(plan_history(meetings, "calendar", "c.ics", now=at(30)))
    timeline.log_interaction(ana, "1-2-1", date="2026-10-14", summary="Lunch")
    brief = brief_data(ana, on=dt.date(2026, 11, 30))
    assert [(e.date, e.kind, e.summary) for e in brief.entries] == [
        (dt.date(2026, 11, 24), "met ×12", "Retrofit guild · since 8 Sep 2026"),
        (dt.date(2026, 10, 14), "1-2-1", "Lunch"),
        (dt.date(2026, 3, 2), "met", "Retrofit guild"),
    ]
