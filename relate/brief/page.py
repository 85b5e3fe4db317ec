"""One brief laid out on its page: the header, the facts, the sections in order, the notes."""
from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence

from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    Table,
    TableStyle,
)

from relate.brief import fonts
from relate.brief.data import BriefData, Entry, Loop, Meeting, Suggestion
from relate.brief.fit import (
    fit_paragraph,
    fit_parts,
    measure,
)
from relate.brief.flowables import Notes, Stack, notes_height, plain_paragraph
from relate.brief.style import (
    ACCENT,
    AGENDA_LINES,
    BODY,
    CHIP_CAP,
    ENTRY_LINES,
    GUTTER,
    LEADING,
    LOOP_LINES,
    MUTED,
    NOTES_MIN_LINES,
    QUESTION_LINES,
    SLACK,
    STORY_CAP,
    SUGGESTION_LINES,
    TINT,
    WARN,
    Texts,
    hex_color,
    muted,
    paragraph_styles,
    plural,
)
from relate.brief.units import ChipsUnit, ListUnit, StoryUnit, Unit, shared_out
from relate.dates import day_text, long_day_text, time_text
from relate.fields import label as field_label

log = logging.getLogger(__name__)


class BriefPage:
    """Builds the flowables of one brief for a frame of `width` × `height`."""

    def __init__(self, data: BriefData, width: float, height: float) -> None:
        self.data, self.width, self.height = data, width, height
        self.fonts = fonts.text_fonts()
        self.styles = paragraph_styles(self.fonts.regular, self.fonts.bold, self.fonts.italic)
        self.text = Texts(data.contact_id)
        self.content_width = width - GUTTER

    def _para(self, text: str, style: str, max_lines: int, width: float) -> Paragraph:
        """A paragraph of clean `text`, cut with "…" after `max_lines` lines."""
        chosen = self.styles[style]
        make = functools.partial(plain_paragraph, style=chosen)
        return fit_paragraph(text, make, width, max_lines * chosen.leading + 0.1)

    def _label(self, text: str) -> Paragraph:
        return Paragraph(text.upper(), self.styles["label"])

    def flowables(self) -> list[Flowable]:
        """The page: header, sections trimmed to fit, and notes lined to the foot."""
        header = self._header()
        header_height = measure(header, self.width)
        least_notes = notes_height(NOTES_MIN_LINES)
        budget = self.height - header_height - least_notes - SLACK
        content: list[Flowable] = [header, *shared_out(self._units(), budget)]
        used = header_height + sum(measure(f, self.width) for f in content[1:])
        notes = self.height - used - SLACK
        if notes < least_notes:  # not expected (every part is capped): shrink, never spill
            log.warning("Brief for contact %s did not fit; shrinking it", self.data.contact_id)
            room = self.height - least_notes - SLACK
            content, notes = [KeepInFrame(self.width, room, content, mode="shrink")], least_notes
        self.text.warn()
        return [*content, Notes(self._label("Notes"), notes)]

    # Header --------------------------------------------------------------------------------

    def _header(self) -> Stack:
        d, s = self.data, self.styles
        parts: list[tuple[Flowable, float]] = []
        if not d.meeting:  # else the meeting's banner says when
            kicker = f"1-2-1 brief · {long_day_text(d.on)}".upper()
            parts.append((Paragraph(kicker, s["kicker"]), 5))
        name = self.text("name", d.name) or "(no name)"
        note = self.text("name_note", d.name_note, cap=40)
        if note:
            name += f" ({note})"
        parts.append((self._para(name, "name", 2, self.width), 3))
        position, company = self.text("position", d.position), self.text("company", d.company)
        role = f"{position} at {company}" if position and company else position or company
        subtitle = " · ".join(x for x in (role, self.text("location", d.location)) if x)
        if subtitle:
            parts.append((self._para(subtitle, "subtitle", 2, self.width), 0))
        parts[-1] = (parts[-1][0], 12)
        if d.meeting:
            parts.append((self._meeting(d.meeting), 12))
        facts = self._facts()
        if facts:
            parts.append((facts, 10))
        parts[-1] = (parts[-1][0], 7)
        return Stack(parts)

    def _meeting(self, meeting: Meeting) -> Table:
        inner = self.width - 18
        when = long_day_text(meeting.date)
        if meeting.time is not None:
            when += f" · {time_text(meeting.time)}"
        place = self.text("meeting.place", meeting.place)
        style = self.styles["when"]

        def line(place: str) -> Paragraph:
            at = f' <font color="{hex_color(MUTED)}">at</font> ' + fonts.markup(place)
            return Paragraph(when + (at if place else ""), style)

        rows: list[list[Flowable]] = [[fit_paragraph(place, line, inner, 2 * style.leading + 0.1)]]
        agenda = self.text("meeting.agenda", meeting.agenda, lines=True)
        if agenda:
            rows.append([self._para(agenda, "agenda", AGENDA_LINES, inner)])
        table = Table(rows, colWidths=[self.width])
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), TINT),
                    ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 11),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 7),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("TOPPADDING", (0, 0), (-1, 0), 7),
                    ("BOTTOMPADDING", (0, -1), (-1, -1), 8),
                ]
            )
        )
        return table

    def _facts(self) -> Table | None:
        d = self.data
        facts: list[tuple[str, str]] = []
        stage = self.text("stage", d.stage)
        if stage:
            facts.append((field_label("stage"), stage))
        how = self.text("how_met", d.how_met)
        through = self.text("met_through", d.met_through)
        met = ", ".join(x for x in (how, f"through {through}" if through else "") if x)
        if met:
            facts.append((field_label("how_met"), met))
        if d.connected_on:
            facts.append(("Connected since", day_text(d.connected_on)))
        words = self.text("last_contact_words", d.last_contact_words)
        last = " · ".join(
            x for x in (words, day_text(d.last_contact) if d.last_contact else "") if x
        )
        if last:
            facts.append(("Last contact", last))
        if not facts:
            return None
        # Columns as wide as their text, the spare room shared out; narrower when too wide.
        gap, label_style, style = 12, self.styles["fact_label"], self.styles["fact"]
        natural = [
            max(
                fonts.string_width(label.upper(), label_style.fontName, label_style.fontSize),
                fonts.string_width(value[:200], style.fontName, style.fontSize),
            )
            + gap
            for label, value in facts
        ]
        spare = self.width - sum(natural)
        if spare >= 0:
            columns = [n + spare / len(natural) for n in natural]
        else:  # the widest give way, down to a common width; the narrow keep theirs
            widest = sorted(natural, reverse=True)
            count, rest = 1, self.width - sum(widest[1:])
            while count < len(widest) and rest / count < widest[count]:
                rest += widest[count]
                count += 1
            columns = [min(n, rest / count) for n in natural]
        cells = [
            [
                Paragraph(label.upper(), label_style),
                fit_paragraph(
                    value,
                    functools.partial(plain_paragraph, style=style),
                    column - gap,
                    2 * style.leading,
                ),
            ]
            for (label, value), column in zip(facts, columns, strict=True)
        ]
        table = Table([cells], colWidths=columns, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), gap),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    # Sections ------------------------------------------------------------------------------

    def _units(self) -> list[Unit]:
        d, w = self.data, self.content_width
        units: list[Unit] = []
        if d.shared_interests or d.other_interests or d.avoid:
            units.append(self._common_ground())
        story = self.text("story", d.story, lines=True, keep_end=True, cap=STORY_CAP)
        if story:
            label, style = self._label("Their story"), self.styles["body"]
            units.append(StoryUnit(label, w, story, style, self.height))
        if d.entries:
            items = [functools.partial(self._entry, e) for e in d.entries]
            total = max(d.total_entries, len(d.entries))
            units.append(self._list("Last conversations", items, total, weight=0.9))
        if d.loops:
            items = [functools.partial(self._loop, loop) for loop in d.loops]
            units.append(self._list("Open loops", items, len(items), weight=1.2))
        give = self._give_first()
        if give:
            units.append(give)
        if d.questions:
            items = [functools.partial(self._question, i, q) for i, q in enumerate(d.questions, 1)]
            units.append(self._list("Questions to ask", items, len(items), weight=1.3))
        return units

    def _list(
        self,
        label: str,
        items: Sequence[Callable[[], Flowable]],
        total: int,
        weight: float,
        head: Sequence[Flowable] = (),
        tail: Sequence[Flowable] = (),
    ) -> ListUnit:
        width, more = self.content_width, self.styles["more"]
        return ListUnit(self._label(label), width, items, total, more, head, tail, weight)

    def _common_ground(self) -> Unit:
        d = self.data
        chips = [(self.text("shared_interests", t, cap=CHIP_CAP), True) for t in d.shared_interests]
        chips += [(self.text("other_interests", t, cap=CHIP_CAP), False) for t in d.other_interests]
        # Enough to fill any page; the rest is counted in "… and N more".
        hidden = max(len(chips) - 200, 0)
        chips = [(t, strong) for t, strong in chips[:200] if t]
        tail: list[Flowable] = []
        avoid = [a for a in (self.text("avoid", t, cap=CHIP_CAP) for t in d.avoid[:12]) if a]
        if avoid:
            text = ", ".join(avoid) + (
                f" … and {len(d.avoid) - 12} more" if len(d.avoid) > 12 else ""
            )
            prefix = f'<font color="{hex_color(WARN)}"><b>Avoid:</b></font> '
            make = functools.partial(plain_paragraph, style=self.styles["body"], prefix=prefix)
            tail.append(fit_paragraph(text, make, self.content_width, 2 * LEADING + 0.1))
        label = self._label("Common ground")
        return ChipsUnit(label, self.content_width, chips, hidden, tail, self.fonts)

    def _entry(self, entry: Entry) -> Paragraph:
        def render(texts: list[str]) -> Paragraph:
            kind, summary, notes = (fonts.markup(text) for text in texts)
            markup = " · ".join(x for x in (muted(kind) if kind else "", summary) if x)
            if notes:
                markup += " " + muted("— " + notes)
            return Paragraph(markup, self.styles["entry"], bulletText=day_text(entry.date))

        # The kind is short and says most; the notes give way first.
        kind = self.text("entries.kind", entry.kind)
        summary = self.text("entries.summary", entry.summary)
        notes = self.text("entries.notes", entry.notes)
        parts = [(kind, 0.5), (summary, 2.0), (notes, 0.8)]
        return fit_parts(parts, render, self.content_width, ENTRY_LINES)

    def _loop(self, loop: Loop) -> Paragraph:
        owed = muted("They owe us: ") if loop.theirs else ""
        if loop.overdue:
            due = f", due {day_text(loop.due)}" if loop.due else ""
            when = f' <font color="{hex_color(WARN)}"><b>· overdue</b>{due}</font>'
        else:
            when = " " + muted(f"· due {day_text(loop.due)}") if loop.due else ""
        box = "☐" if "☐" in self.fonts.covered else "-"
        style = self.styles["overdue" if loop.overdue else "loop"]

        def render(texts: list[str]) -> Paragraph:
            return Paragraph(owed + fonts.markup(texts[0]) + when, style, bulletText=box)

        parts = [(self.text("loops.text", loop.text), 1.0)]
        return fit_parts(parts, render, self.content_width, LOOP_LINES)

    def _suggestion(self, suggestion: Suggestion) -> Paragraph:
        arrow = "→" if "→" in self.fonts.covered else "-"

        def render(texts: list[str]) -> Paragraph:
            name, role, because = (fonts.markup(text) for text in texts)
            markup = f"<b>{name}</b>" + (", " + muted(role) if role else "")
            markup += f" — {because}" if because else ""
            return Paragraph(markup, self.styles["item"], bulletText=arrow)

        name = self.text("suggestions.name", suggestion.name)
        role = self.text("suggestions.role", suggestion.role)
        because = self.text("suggestions.because", suggestion.because)
        parts = [(name, 0.45), (role, 0.5), (because, 0.8)]
        return fit_parts(parts, render, self.content_width, SUGGESTION_LINES)

    def _question(self, number: int, question: str) -> Paragraph:
        def render(texts: list[str]) -> Paragraph:
            return Paragraph(
                fonts.markup(texts[0]), self.styles["question"], bulletText=f"{number}."
            )

        parts = [(self.text("questions", question), 1.0)]
        return fit_parts(parts, render, self.content_width, QUESTION_LINES)

    def _give_first(self) -> Unit | None:
        d, w = self.data, self.content_width
        head: list[Flowable] = []
        if d.given or d.received:
            head.append(Paragraph(self._balance(), self.styles["body"]))
        tail: list[Flowable] = []
        names = [n for n in (self.text("introduced_to", x, cap=80) for x in d.introduced_to) if n]
        if names:
            shown, room = 0, 1.5 * w
            while shown < len(names) and room > 0:
                room -= fonts.string_width(names[shown] + ", ", self.fonts.regular, BODY)
                shown += 1
            shown = max(shown - (room < 0), 1)
            text = ", ".join(names[:shown])
            text += f" … and {len(names) - shown} more" if shown < len(names) else ""
            prefix = muted("Already introduced to: ")
            make = functools.partial(plain_paragraph, style=self.styles["body"], prefix=prefix)
            tail.append(fit_paragraph(text, make, w, 2 * LEADING + 0.1))
        if not (head or tail or d.suggestions):
            return None
        items = [functools.partial(self._suggestion, s) for s in d.suggestions]
        return self._list("Give first", items, len(items), 0.85, head, tail)

    def _balance(self) -> str:
        d = self.data

        def kinds(pairs: tuple[tuple[str, int], ...], field: str) -> str:
            named = [(self.text(field, kind, cap=30), count) for kind, count in pairs[:4]]
            words = ", ".join(plural(count, kind) for kind, count in named if kind and count)
            return " " + muted(f"({fonts.markup(words)})") if words else ""

        given = f"<b>Given {d.given}</b>" + kinds(d.given_by_kind, "given_by_kind")
        received = f"<b>received {d.received}</b>" + kinds(d.received_by_kind, "received_by_kind")
        return f"{given} · {received}"


# Documents -------------------------------------------------------------------------------


