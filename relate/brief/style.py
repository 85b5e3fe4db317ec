"""The brief's look and its text: colours, geometry, paragraph styles, and the cleaning
every printed field goes through."""
from __future__ import annotations

import functools
import logging
import re
import unicodedata
from typing import Any

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.styles import ParagraphStyle

from relate.brief import fonts
from relate.brief.fit import (
    cut,
)

log = logging.getLogger(__name__)

# Colours: ink on paper, one calm accent, red only for what is overdue or to avoid.

INK = HexColor("#1c2230")
MUTED = HexColor("#5f6877")
RULE = HexColor("#d9dde3")
LINE = HexColor("#c3c9d2")
ACCENT = HexColor("#2b5a7a")
TINT = HexColor("#e6eef4")
WARN = HexColor("#b2332a")

# Geometry, in points.
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 46, 36, 40
GUTTER = 84  # the left column that holds the section labels
PAD_TOP, PAD_BOTTOM, ITEM_GAP = 7, 5, 2
BODY, LEADING = 10, 13.5
LABEL_SIZE = 7.5
LABEL_DROP = BODY - LABEL_SIZE  # puts a label's baseline on its section's first line
NOTES_GAP, NOTES_MIN_LINES = 22, 4  # handwriting needs ~8 mm between lines
SLACK = 1.0  # kept free at the foot of the frame, so rounding never spills a page

# Characters above which a field cannot print anyway; cut early so measuring stays fast.
STORY_CAP = 9000
FIELD_CAP = 600
CHIP_CAP = 300

LETTER_COUNTRIES = frozenset("US CA MX PH CL CO CR DO GT PA PR SV VE".split())
AGENDA_LINES = 4  # an agenda prints line by line, up to this many
# The lines an item of a list may take, so that no one item runs long: its text is cut
# only beyond them.
ENTRY_LINES, LOOP_LINES, SUGGESTION_LINES, QUESTION_LINES = 3, 2, 2, 3


# Text ------------------------------------------------------------------------------------

_BREAKS = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\t": " "})
_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def clean(value: str, *, lines: bool = False) -> str:
    """`value` safe to print: control characters gone, one line unless `lines`."""
    value = _SURROGATES.sub("\ufffd", value.replace("\r\n", "\n").translate(_BREAKS))
    value = unicodedata.normalize("NFC", _CONTROLS.sub("", value))
    if lines:
        return re.sub(r"[ ]*\n\s*", "\n", value).strip()
    return " ".join(value.split())


class Texts:
    """Cleans every field once and remembers the characters no font can print."""

    def __init__(self, contact_id: int) -> None:
        self.contact_id = contact_id
        self.lacking: dict[str, str] = {}

    def __call__(
        self,
        field: str,
        value: str,
        *,
        cap: int = FIELD_CAP,
        lines: bool = False,
        keep_end: bool = False,
    ) -> str:
        """`value` cleaned (its lines kept if `lines`) and cut to about `cap` characters,
        keeping its start (or its end)."""
        value = clean(value, lines=lines)
        if len(value) > cap:
            value = cut(value, cap, keep_end)
        lacking = fonts.missing(value)
        if lacking:
            # Invisible format characters (joiners, marks) need no glyph: drop them quietly.
            invisible = {c for c in lacking if unicodedata.category(c) == "Cf"}
            if invisible:
                value = "".join(c for c in value if c not in invisible)
                lacking = "".join(c for c in lacking if c not in invisible)
            if lacking:
                self.lacking[field] = "".join(dict.fromkeys(self.lacking.get(field, "") + lacking))
        return value

    def warn(self) -> None:
        # How many, never which: code points would spell the user's words back out.
        for field, chars in self.lacking.items():
            log.warning(
                "Brief for contact %s: %s has %d kinds of character no installed font can"
                " print; they print as empty boxes",
                self.contact_id,
                field,
                len(chars),
            )


def plural(count: int, kind: str) -> str:
    uncounted = {"information", "advice", "help", "feedback"}
    return f"{count} {kind}" if count == 1 or kind in uncounted else f"{count} {kind}s"


# Styles ----------------------------------------------------------------------------------


@functools.cache
def paragraph_styles(regular: str, bold: str, italic: str) -> dict[str, ParagraphStyle]:
    """The paragraph styles, made once per font set."""
    base = ParagraphStyle("body", fontName=regular, fontSize=BODY, leading=LEADING, textColor=INK)
    base.bulletFontName = regular

    def style(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "kicker": style("kicker", fontName=bold, fontSize=8, leading=10, textColor=ACCENT),
        "name": style("name", fontName=bold, fontSize=24, leading=28),
        "subtitle": style("subtitle", fontSize=12, leading=15.5, textColor=MUTED),
        "when": style("when", fontName=bold, fontSize=12, leading=15.5, textColor=ACCENT),
        "agenda": style("agenda", fontSize=BODY, leading=LEADING),
        "fact_label": style("fact_label", fontName=bold, fontSize=7, leading=9, textColor=MUTED),
        "fact": style("fact", fontSize=BODY, leading=12.5),
        "label": style("label", fontName=bold, fontSize=LABEL_SIZE, leading=9.5, textColor=ACCENT),
        "more": style("more", fontName=italic, fontSize=9, leading=12, textColor=MUTED),
        "entry": style("entry", leftIndent=66, bulletFontSize=9, bulletColor=MUTED),
        "loop": style("loop", leftIndent=15, bulletColor=MUTED),
        "overdue": style("overdue", leftIndent=15, bulletColor=WARN),
        "item": style("item", leftIndent=15, bulletColor=ACCENT),
        "question": style("question", leftIndent=15, bulletColor=ACCENT, fontSize=10.5),
    }


def hex_color(color: Color) -> str:
    return color.hexval().replace("0x", "#")


def muted(markup: str) -> str:
    return f'<font color="{hex_color(MUTED)}">{markup}</font>'


# Flowables -------------------------------------------------------------------------------


