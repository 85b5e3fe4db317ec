"""The printed 1-2-1 brief: one page whatever the data, every character as typed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relate.brief import fonts
from relate.brief import render as brief
from relate.brief.data import BriefData, Entry, Loop, Meeting, Suggestion
from relate.brief.flowables import notes_height
from relate.brief.page import BriefPage
from relate.brief.style import NOTES_MIN_LINES

ON = dt.date(2026, 3, 12)
STORY = (
    "Grew up in Gdańsk, studied structural engineering at TU Delft, then ten years at Arup "
    "on bridges. Moved to Hartwell in 2021 to lead their mass-timber practice. "
    "Worried that the firm's pipeline depends on two public clients; wants to build a "
    "private-sector base in healthcare. Two kids (Ola, 9, and Jan, 6), cycles to work year "
    "round, restores an old Dutch sailing boat on weekends.\n"
    "Last time: just back from the Timber Summit in Vienna, excited about a CLT hospital "
    "project in Oslo; looking for a fire engineer who has done tall timber."
)


def typical() -> BriefData:
    """A contact as a user would have after a few conversations."""
    return BriefData(
        contact_id=7,
        name="Małgorzata Kowalska",
        position="Principal",
        company="Hartwell & Partners",
        stage="conversation",
        on=ON,
        meeting=Meeting(ON, dt.time(9, 30), "Café Phoenix, 12 Harbour St", "Her Oslo project"),
        how_met="SMPS breakfast",
        met_through="Anna Lee",
        connected_on=dt.date(2023, 1, 14),
        last_contact=dt.date(2025, 12, 2),
        last_contact_words="3 months ago",
        location="Boston, MA",
        shared_interests=("cycling", "mass timber", "sailing"),
        other_interests=("healthcare design", "Vienna", "fire engineering", "parenting"),
        avoid=("politics",),
        story=STORY,
        entries=(
            Entry(dt.date(2025, 12, 2), "1-2-1", "Coffee at Phoenix: the Oslo CLT hospital"),
            Entry(dt.date(2025, 10, 20), "gave: article", "Sent the Arup tall-timber fire study"),
            Entry(dt.date(2025, 9, 3), "call", "Her move to the healthcare practice", "brief"),
            Entry(dt.date(2025, 6, 11), "met", "SMPS breakfast, table 4"),
        ),
        total_entries=6,
        loops=(
            Loop("Introduce her to a fire engineer (Tom Berg?)", dt.date(2026, 2, 1), True),
            Loop("Send the Vienna summit slides", dt.date(2026, 3, 20), False),
            Loop("Her list of healthcare clients to approach", None, False, theirs=True),
        ),
        suggestions=(
            Suggestion("Tom Berg", "Fire engineer at Berg Fire", "tall timber, Oslo experience"),
            Suggestion("Priya Nair", "Director at Mercy Health", "building two new clinics"),
        ),
        given=3,
        received=1,
        given_by_kind=(("introduction", 2), ("information", 1)),
        received_by_kind=(("referral", 1),),
        introduced_to=("Sam Ortiz", "Lena Vogel"),
        questions=(
            "What would make the Oslo project a success for you personally?",
            "Which healthcare clients are you most keen to reach this year?",
            "Who is the ideal fire engineer for you, and what did the last one miss?",
        ),
    )


def empty() -> BriefData:
    """A contact with nothing but a name."""
    return BriefData(
        contact_id=1, name="Ann", position="", company="", stage="", on=ON, meeting=None,
        how_met="", met_through="", connected_on=None, last_contact=None,
        last_contact_words="", location="", shared_interests=(), other_interests=(),
        avoid=(), story="", entries=(), total_entries=0, loops=(), suggestions=(), given=0,
        received=0, given_by_kind=(), received_by_kind=(), introduced_to=(), questions=(),
    )  # fmt: skip


def overloaded() -> BriefData:
    """Everything too much: 500 entries, 40 tags, a 20,000-character story, long names."""
    long_name = "Maximiliana Theodora Wilhelmina " * 6
    story = " ".join(f"Meeting {i}: she talked about project {i} at length." for i in range(500))
    story = (story * 3)[:19_900] + " THE VERY END."
    return BriefData(
        contact_id=9,
        name=long_name,
        position="Senior Vice President of Strategic Partnerships and Business Development " * 3,
        company="International Consolidated Holdings of Everything Group " * 3,
        stage="relationship",
        on=ON,
        meeting=Meeting(ON, dt.time(14, 0), "A long place name, " * 20, "Agenda item. " * 60),
        how_met="A conference with a very long name indeed " * 5,
        met_through=long_name,
        connected_on=dt.date(2010, 5, 1),
        last_contact=dt.date(2026, 3, 1),
        last_contact_words="11 days ago",
        location="Somewhere far away " * 10,
        shared_interests=tuple(f"shared interest number {i}" for i in range(20)),
        other_interests=tuple(f"other interest number {i}" for i in range(20)),
        avoid=tuple(f"avoid {i}" for i in range(30)),
        story=story,
        entries=tuple(
            Entry(
                ON - dt.timedelta(days=i), "conversation", f"Summary of talk {i}. " * 8, "n " * 50
            )
            for i in range(500)
        ),
        total_entries=500,
        loops=tuple(
            Loop(f"Promise number {i} " * 5, ON, i % 2 == 0, i % 3 == 0) for i in range(100)
        ),
        suggestions=tuple(Suggestion(long_name, "Role " * 30, "Because " * 40) for _ in range(50)),
        given=120,
        received=80,
        given_by_kind=tuple((f"kind{i}", i) for i in range(20)),
        received_by_kind=tuple((f"kind{i}", i) for i in range(20)),
        introduced_to=tuple(f"Person {i}" for i in range(60)),
        questions=tuple(f"Question {i}: " + "why? " * 40 for i in range(40)),
    )


MARKUP = ("AT&T <CEO>", "x <b>unclosed", '"quotes"', "'single'", "&amp;", "🎉")
SCRIPTS = ("Дмитрий", "Ελένη", "Łódź")


def markup_heavy() -> BriefData:
    """Text that a markup parser or a Latin-only font would mangle, in every section."""
    data = typical()
    return dataclasses.replace(
        data,
        name="Дмитрий Ελένη Łódź",
        position="AT&T <CEO>",
        company="x <b>unclosed",
        shared_interests=('"quotes"', "'single'"),
        other_interests=("&amp;",),
        story="Party 🎉 at AT&T <CEO> with x <b>unclosed",
        entries=(Entry(ON, "call", "Ελένη says &amp; \"quotes\" 'single'"),),
        loops=(Loop("Send Дмитрий the <b> deck", None, False),),
        questions=("How is Łódź & AT&T <CEO>?",),
    )


def pages(pdf: bytes) -> int:
    """The number of pages, from pdfinfo when present, else by counting page objects."""
    if shutil.which("pdfinfo"):
        result = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        return int(re.search(rb"Pages:\s+(\d+)", result.stdout).group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "brief.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext")


@pytest.mark.parametrize("make", [empty, typical, overloaded, markup_heavy])
@pytest.mark.parametrize("size", ["letter", "a4"])
def test_every_brief_is_one_page(make, size: str) -> None:
    assert pages(brief.render_brief(make(), size)) == 1


def test_a_week_of_briefs_is_one_page_each() -> None:
    pdf = brief.render_briefs([typical(), overloaded(), empty()], "a4")
    assert pages(pdf) == 3


@needs_pdftotext
def test_text_prints_as_typed(tmp_path: Path) -> None:
    text = text_of(brief.render_brief(markup_heavy(), "a4"), tmp_path)
    for piece in (*MARKUP, *SCRIPTS):
        assert piece in text, piece


@needs_pdftotext
def test_typical_brief_says_what_matters(tmp_path: Path) -> None:
    text = text_of(brief.render_brief(typical(), "letter"), tmp_path)
    for piece in (
        "Małgorzata Kowalska",
        "Principal at Hartwell & Partners",
        "Thursday 12 March 2026 · 09:30",
        "Café Phoenix",
        "SMPS breakfast, through Anna Lee",
        "3 months ago",
        "mass timber",
        "Avoid:",
        "politics",
        "fire engineer who has done tall timber.",
        "Given 3",
        "received 1",
        "2 introductions",
        "Already introduced to:",
        "… and 2 more",  # 6 entries, 4 in the data
        "overdue",
        "Which healthcare clients",
    ):
        assert piece in text, piece
    # Nothing of the typical brief is trimmed: only the notes area gives way.
    assert "Grew up in Gdańsk" in text and "Priya Nair" in text and "parenting" in text
    assert text.count("more") == 1


@needs_pdftotext
def test_overloaded_brief_is_trimmed_and_keeps_the_end_of_the_story(tmp_path: Path) -> None:
    text = text_of(brief.render_brief(overloaded(), "letter"), tmp_path)
    assert re.search(r"… and \d+ more", text)
    assert "THE VERY END." in text
    assert "Meeting 0:" not in text  # the oldest part of the story gave way
    assert "…" in text.split("THE VERY END.")[0]


@needs_pdftotext
def test_each_line_of_the_agenda_prints_on_its_own_line(tmp_path: Path) -> None:
    agenda = "Ask about the backlog at Mercy Lakes Hospital\nBring up Cleveland to start\n\nSlides"
    meeting = Meeting(ON, dt.time(12, 30), "Rising Star Coffee", agenda)
    text = text_of(brief.render_brief(dataclasses.replace(typical(), meeting=meeting)), tmp_path)
    assert (
        "Ask about the backlog at Mercy Lakes Hospital\nBring up Cleveland to start\nSlides\n"
        in text
    )


@needs_pdftotext
def test_text_is_cut_only_when_it_does_not_fit(tmp_path: Path) -> None:
    data = dataclasses.replace(
        typical(),
        entries=(
            Entry(ON, "received: introduction", "Met Tom Berg through her", "Good fit"),
            Entry(ON, "gave: information", "Sent the fire study", "Oslo"),
        ),
        total_entries=2,
        suggestions=(
            Suggestion(
                "Carol Desai", "BIM Manager at Vantage Point Consulting", "also into kayaking"
            ),
        ),
        questions=("Which of the healthcare clients you named last time " * 3 + "matters most?",),
    )
    text = " ".join(text_of(brief.render_brief(data, "a4"), tmp_path).split())
    assert "…" not in text
    for piece in (
        "received: introduction · Met Tom Berg through her — Good fit",
        "gave: information · Sent the fire study — Oslo",
        "Carol Desai, BIM Manager at Vantage Point Consulting — also into kayaking",
        "named last time matters most?",
    ):
        assert piece in text, piece


@needs_pdftotext
def test_what_does_not_fit_is_cut_at_a_word_with_an_ellipsis(tmp_path: Path) -> None:
    words = " ".join(f"w{i:03d}x" for i in range(400))
    data = dataclasses.replace(
        typical(),
        entries=(Entry(ON, "received: introduction", words, words),),
        total_entries=1,
        suggestions=(Suggestion("Carol Desai", words, words),),
        questions=(words,),
        loops=(Loop(words, ON, False),),
    )
    pdf = brief.render_brief(data, "a4")
    assert pages(pdf) == 1
    text = " ".join(text_of(pdf, tmp_path).split())
    assert "received: introduction · w000x" in text
    cuts = re.findall(r"(\S*)…", text)
    assert len(cuts) >= 5
    assert all(re.fullmatch(r"w\d{3}x", cut) for cut in cuts), cuts


def test_same_data_gives_identical_bytes() -> None:
    first = brief.render_brief(typical(), "a4")
    brief.render_brief(markup_heavy(), "a4")  # other data in between changes nothing
    assert brief.render_brief(typical(), "a4") == first
    assert brief.render_brief(overloaded(), "a4") == brief.render_brief(overloaded(), "a4")


@pytest.mark.parametrize("make", [empty, typical, overloaded])
def test_notes_keep_a_few_lines(make) -> None:
    width, height = 500, 700
    notes = BriefPage(make(), width, height).flowables()[-1]
    assert notes.height >= notes_height(NOTES_MIN_LINES)


def test_page_sizes() -> None:
    def media_box(pdf: bytes) -> list[float]:
        match = re.search(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf)
        return [round(float(x)) for x in match.group(1).split()]

    assert media_box(brief.render_brief(typical(), "letter")) == [0, 0, 612, 792]
    assert media_box(brief.render_brief(typical(), "a4")) == [0, 0, 595, 842]
    with pytest.raises(ValueError):
        brief.render_brief(typical(), "legal")


@pytest.mark.parametrize(
    ("lang", "size"),
    [
        ("en_US.UTF-8", "letter"),
        ("es_MX.UTF-8", "letter"),
        ("fr_CA", "letter"),
        ("de_DE.UTF-8", "a4"),
    ],
)
def test_default_page_size_follows_the_locale(monkeypatch, lang: str, size: str) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_PAPER", raising=False)
    monkeypatch.setenv("LANG", lang)
    assert brief.default_page_size() == size


def test_metadata() -> None:
    pdf = brief.render_brief(typical(), "a4")
    assert b"Relate" in pdf
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
        out = info.stdout.decode()
        assert "Brief: Małgorzata Kowalska, 12 Mar 2026" in out
        assert re.search(r"Author:\s+Relate", out) and re.search(r"Creator:\s+Relate", out)


def test_write_brief_is_private(tmp_path: Path) -> None:
    path = tmp_path / brief.brief_file_name(typical())
    brief.write_brief(path, typical(), "a4")
    assert path.read_bytes().startswith(b"%PDF")
    assert path.stat().st_mode & 0o077 == 0


def test_brief_file_name() -> None:
    assert brief.brief_file_name(typical()) == "brief-malgorzata-kowalska-2026-03-12.pdf"
    data = markup_heavy()
    assert brief.brief_file_name(data) == "brief-lodz-2026-03-12.pdf"
    cjk = dataclasses.replace(data, name="王小明")
    assert brief.brief_file_name(cjk) == "brief-contact-7-2026-03-12.pdf"


def test_control_characters_do_not_break_rendering(tmp_path: Path) -> None:
    data = dataclasses.replace(
        empty(),
        name="Bad\x00\x07Name\x1b[31m\r\nRed\ud800",
        story="line one\r\nline two\x0c\x0bthree\u2028four\tend",
        questions=("\x00", "ok?\x7f"),
    )
    pdf = brief.render_brief(data, "a4")
    assert pages(pdf) == 1
    if shutil.which("pdftotext"):
        assert "BadName[31m Red" in text_of(pdf, tmp_path)


@pytest.fixture
def no_cjk_font(monkeypatch):
    monkeypatch.setattr(fonts, "find_cjk_file", lambda: None)
    fonts.cjk_font.cache_clear()
    yield
    fonts.cjk_font.cache_clear()


def test_cjk_without_a_cjk_font_renders_and_warns(no_cjk_font, caplog) -> None:
    data = dataclasses.replace(typical(), company="株式会社 東京")
    with caplog.at_level(logging.WARNING, logger="relate.brief"):
        pdf = brief.render_brief(data, "a4")
    assert pages(pdf) == 1
    [warning] = [r.getMessage() for r in caplog.records if "company" in r.getMessage()]
    assert "6 kinds of character" in warning
    # What was written stays out of the log, code points included (they spell it back).
    for char in "株式会社東京":
        assert char not in warning and f"{ord(char):04X}" not in warning


@pytest.mark.skipif(fonts.find_cjk_file() is None, reason="no CJK font on this system")
def test_cjk_prints_with_the_cjk_font(caplog, tmp_path: Path) -> None:
    data = dataclasses.replace(typical(), name="王小明")
    with caplog.at_level(logging.WARNING, logger="relate.brief"):
        pdf = brief.render_brief(data, "a4")
    assert not [r for r in caplog.records if "name" in r.getMessage()]
    if shutil.which("pdftotext"):
        assert "王小明" in text_of(pdf, tmp_path)


@pytest.fixture
def helvetica_only(monkeypatch):
    monkeypatch.setattr(fonts, "find_font_files", lambda: None)
    fonts.text_fonts.cache_clear()
    yield
    fonts.text_fonts.cache_clear()


def test_without_a_unicode_font_helvetica_prints(helvetica_only, caplog) -> None:
    with caplog.at_level(logging.WARNING):
        pdf = brief.render_brief(markup_heavy(), "letter")
    assert pages(pdf) == 1
    assert b"DejaVu" not in pdf and b"Helvetica" in pdf


texts = st.text(max_size=400)
many = st.integers(min_value=0, max_value=60)
stories = st.text(max_size=3000) | st.just("word " * 4000)


@st.composite
def any_brief(
    draw: st.DrawFn,
    texts: st.SearchStrategy[str] = texts,
    stories: st.SearchStrategy[str] = stories,
    many: st.SearchStrategy[int] = many,
) -> BriefData:
    """A brief with any of `texts` in every field (`stories` for the story), and lists
    `many` long."""

    def some(strategy: st.SearchStrategy) -> tuple:
        return tuple(draw(strategy) for _ in range(draw(many)))

    day = st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31))
    return BriefData(
        contact_id=draw(st.integers(0, 2**63 - 1)),
        name=draw(texts),
        position=draw(texts),
        company=draw(texts),
        stage=draw(texts),
        on=draw(day),
        meeting=draw(st.none() | st.builds(Meeting, day, st.none() | st.times(), texts, texts)),
        how_met=draw(texts),
        met_through=draw(texts),
        connected_on=draw(st.none() | day),
        last_contact=draw(st.none() | day),
        last_contact_words=draw(texts),
        location=draw(texts),
        shared_interests=some(texts),
        other_interests=some(texts),
        avoid=some(texts),
        story=draw(stories),
        entries=some(st.builds(Entry, day, texts, texts, texts)),
        total_entries=draw(st.integers(0, 10**6)),
        loops=some(st.builds(Loop, texts, st.none() | day, st.booleans(), st.booleans())),
        suggestions=some(st.builds(Suggestion, texts, texts, texts)),
        given=draw(st.integers(0, 10**6)),
        received=draw(st.integers(0, 10**6)),
        given_by_kind=some(st.tuples(texts, st.integers(0, 999))),
        received_by_kind=some(st.tuples(texts, st.integers(0, 999))),
        introduced_to=some(texts),
        questions=some(texts),
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_brief(), st.sampled_from(["letter", "a4"]))
def test_any_data_prints_on_one_page(data: BriefData, size: str) -> None:
    assert pages(brief.render_brief(data, size)) == 1
