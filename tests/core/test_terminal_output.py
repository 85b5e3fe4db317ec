"""Text that reaches a terminal through the command line never carries a control
character: imported escape sequences are shown escaped, and stored as they came."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from relate.cli import main
from relate.cli.terminal import terminal_text

# Sets the terminal's title, clears the screen, moves the cursor, rings the bell;
# 0x9b is a one-byte escape (CSI) to some terminals; a backspace rubs out what came before.
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
CSI = "\x9b31m"
NAME = f"Eve{TITLE}"
LAST = f"Mallory{CLEAR}"
COMPANY = f"Acme{CSI}"
NOTE = f"Met at BIM day{TITLE}\x08"
TAG = f"bim{CLEAR}"
# A control character on its way to a terminal, other than the printers' tab and newline.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("RELATE_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    db = tmp_path / "relate.sqlite"

    def _run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", str(db), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return _run


def _escaped(text: str) -> str:
    """Text as a vCard value: its separators escaped."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


@pytest.fixture
def imported(run, tmp_path: Path) -> Path:
    """A vCard whose every field holds escape sequences, imported from a file whose
    name holds one too."""
    path = tmp_path / f"evil{CLEAR}.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:{_escaped(LAST)};{_escaped(NAME)};;;\r\nFN:{_escaped(NAME)} {_escaped(LAST)}\r\n"
        f"ORG:{_escaped(COMPANY)}\r\nTITLE:Chief{_escaped(TITLE)}\r\n"
        f"NOTE:{_escaped(NOTE)}\r\nCATEGORIES:{_escaped(TAG)}\r\n"
        "EMAIL:eve@example.com\r\nEND:VCARD\r\n",
        encoding="utf-8",
    )
    code, out, err = run("import", "vcard", str(path))
    assert code == 0, err
    assert not CONTROL.search(out + err)
    return path


def _clean(result: tuple[int, str, str]) -> str:
    code, out, err = result
    assert code == 0, err
    assert not CONTROL.search(out), repr(out)
    assert not CONTROL.search(err), repr(err)
    return out


@pytest.mark.parametrize(
    "command",
    [
        ("list",),
        ("show", "1"),
        ("tags",),
        ("imports",),
        ("who", "acme"),
        ("due", "--on", "2999-01-01"),
        ("today",),
        ("meetings",),
    ],
)
def test_every_printer_shows_control_characters_escaped(run, imported: Path, command) -> None:
    run("edit", "1", "--cadence", "7")  # so that `due` and `today` name them
    soon = dt.date.today() + dt.timedelta(days=2)
    run("meet", "1", "--at", f"{soon} 10:00", "--place", f"Caf\u00e9{TITLE}")
    out = _clean(run(*command))
    assert "\\x1b" in out or "\\x9b" in out, out


def test_the_card_shows_each_field_escaped(run, imported: Path) -> None:
    out = _clean(run("show", "1"))
    assert f"{terminal_text(NAME)} {terminal_text(LAST)}" in out
    assert "Eve\\x1b]0;pwned\\x07 Mallory\\x1b[2J\\x1b[H" in out
    assert "Acme\\x9b31m" in out
    assert "Met at BIM day\\x1b]0;pwned\\x07\\x08" in out
    assert "bim\\x1b[2J\\x1b[H" in out


def test_stored_text_keeps_its_control_characters(run, imported: Path) -> None:
    code, out, _ = run("show", "1", "--json")
    assert code == 0
    # JSON escapes them itself: what is printed is plain ASCII controls aside...
    assert not CONTROL.search(out)
    card = json.loads(out)
    # ...and what it says is the text exactly as it was imported.
    assert (card["first_name"], card["last_name"], card["company"]) == (NAME, LAST, COMPANY)
    assert card["story"] == NOTE
    assert [tag["name"] for tag in card["tags"]] == [TAG]
    [row] = json.loads(run("list", "--json")[1])
    assert row["company"] == COMPANY


def test_an_error_naming_imported_text_is_escaped_too(run, imported: Path) -> None:
    code, out, err = run("show", f"nobody{CLEAR}")
    assert code == 1 and out == ""
    assert not CONTROL.search(err)
    assert "nobody\\x1b[2J\\x1b[H" in err


def test_tab_and_newline_are_the_printers_own_and_stay() -> None:
    assert terminal_text("a\tb\nc") == "a\tb\nc"
    assert terminal_text("\x00\x1b\x7f\x85\x9f\u00e9") == "\\x00\\x1b\\x7f\\x85\\x9f\u00e9"
