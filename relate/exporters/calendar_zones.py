"""VTIMEZONE components for an .ics file, as yearly rules (RRULE) read off the zoneinfo data.

A calendar program that knows the zone's name may use its own rules; one that does not
reads ours. Some of those ignore RDATE lists (icalendar's own VTIMEZONEs are made of
them) and then read every summer after the first an hour off; a rule "last Sunday of
March" is read by all. A change of clocks that follows no yearly rule (Morocco's around
Ramadan) is a component of its own, with no list either.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import zoneinfo
from collections.abc import Callable, Iterator

import dateutil.rrule
import icalendar

from relate.clock_changes import Change, changes_between

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
Rule = dict[str, object]


def _candidate_rules(onsets: list[dt.datetime]) -> Iterator[Rule]:
    """Yearly rules that may give these onsets (all in one month), simplest first."""
    first = onsets[0]
    month = first.month
    if all(onset.weekday() == first.weekday() for onset in onsets):
        weekday = _WEEKDAYS[first.weekday()]
        nths = {(onset.day - 1) // 7 + 1 for onset in onsets}
        if len(nths) == 1 and (nth := nths.pop()) <= 4:
            yield {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{nth}{weekday}"}
        if all(onset.day + 7 > calendar.monthrange(onset.year, month)[1] for onset in onsets):
            yield {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"-1{weekday}"}
        # "The first Friday on or after the 23rd", as the zoneinfo rules say it.
        low = min(onset.day for onset in onsets)
        if low + 6 <= min(calendar.monthrange(onset.year, month)[1] for onset in onsets):
            days = list(range(low, low + 7))
            yield {"FREQ": "YEARLY", "BYMONTH": month, "BYMONTHDAY": days, "BYDAY": weekday}
    if all(onset.day == first.day for onset in onsets):
        yield {"FREQ": "YEARLY", "BYMONTH": month, "BYMONTHDAY": first.day}


def _expanded(rule: Rule, start: dt.datetime) -> dateutil.rrule.rrule:
    """The rule as a calendar program reads it (the written text, parsed back)."""
    to_ical: Callable[[], bytes] = icalendar.vRecur(rule).to_ical  # untyped in icalendar
    text = to_ical().decode("ascii")
    return dateutil.rrule.rrulestr(text, dtstart=start)  # type: ignore[return-value]


def _rule_for(onsets: list[dt.datetime]) -> Rule | None:
    """The simplest yearly rule whose occurrences up to the last onset are exactly these."""
    for rule in _candidate_rules(onsets):
        if list(_expanded(rule, onsets[0]).between(onsets[0], onsets[-1], inc=True)) == onsets:
            return rule
    return None


def _runs(changes: list[Change]) -> list[list[Change]]:
    """The changes in runs that a yearly rule may give: the same kind of change, in the
    same month at the same time of day, one a year in years that follow each other."""

    def kind(change: Change) -> tuple[object, ...]:
        onset = change.onset
        return (
            change.offset_from,
            change.offset_to,
            change.name_to,
            change.dst_to,
            onset.month,
            onset.time(),
        )

    runs: list[list[Change]] = []
    for _, group in itertools.groupby(sorted(changes, key=kind), key=kind):
        chain: list[Change] = []
        for change in sorted(group, key=lambda change: change.at):
            if chain and change.onset.year != chain[-1].onset.year + 1:
                runs.extend(_split_by_rule(chain))
                chain = []
            chain.append(change)
        runs.extend(_split_by_rule(chain))
    return runs


def _split_by_rule(chain: list[Change]) -> list[list[Change]]:
    """A chain of yearly changes in as few runs as yearly rules allow (a rule that
    changed, "the last Sunday" then "the second", starts a new run)."""
    runs = []
    while chain:
        length = len(chain)
        while length > 1 and _rule_for([change.onset for change in chain[:length]]) is None:
            length -= 1
        runs.append(chain[:length])
        chain = chain[length:]
    return runs


def _component(run: list[Change], scan_end: dt.datetime) -> icalendar.cal.Component:
    """One STANDARD or DAYLIGHT component: the run's first onset and its yearly rule."""
    first = run[0]
    component = icalendar.TimezoneDaylight() if first.dst_to else icalendar.TimezoneStandard()
    onsets = [change.onset for change in run]
    component.add("dtstart", onsets[0])
    rule = _rule_for(onsets) if len(run) > 1 else None
    if rule is not None:
        following = _expanded(rule, onsets[0]).after(onsets[-1])
        # A run that would go on inside the scanned years but does not has ended there.
        if following is not None and following < scan_end:
            # In UTC, as RFC 5545 asks; a day on, so that a reader that takes it for
            # local time (dateutil does) still counts the last change and no other.
            rule = {**rule, "UNTIL": run[-1].at + dt.timedelta(days=1)}
        component.add("rrule", rule)
    component.add("tzoffsetfrom", first.offset_from)
    component.add("tzoffsetto", first.offset_to)
    component.add("tzname", first.name_to)
    return component


def vtimezone(zone: zoneinfo.ZoneInfo, first_year: int, last_year: int) -> icalendar.Timezone:
    """The zone's VTIMEZONE, right for every instant from the start of `first_year` to the
    end of `last_year`: one component per rule of changes, in the order they begin."""
    first_year = max(first_year, dt.MINYEAR + 1)
    last_year = min(last_year, dt.MAXYEAR - 1)
    scan_start = dt.datetime(first_year, 1, 1, tzinfo=dt.UTC)
    scan_end = dt.datetime(last_year + 1, 1, 1, tzinfo=dt.UTC)
    changes = changes_between(zone, scan_start, scan_end)
    local_end = scan_end.replace(tzinfo=None)
    components = [(run[0].onset, _component(run, local_end)) for run in _runs(changes)]
    # Until the first change in the scanned years the clocks read as at their start.
    if not changes or changes[0].at >= scan_start.replace(year=first_year + 1):
        at_start = dt.datetime(first_year, 1, 1, tzinfo=zone)
        offset = at_start.utcoffset() or dt.timedelta()
        initial = icalendar.TimezoneDaylight() if at_start.dst() else icalendar.TimezoneStandard()
        initial.add("dtstart", at_start.replace(tzinfo=None))
        initial.add("tzoffsetfrom", offset)
        initial.add("tzoffsetto", offset)
        initial.add("tzname", at_start.tzname() or "")
        components.insert(0, (at_start.replace(tzinfo=None), initial))
    timezone = icalendar.Timezone()
    timezone.add("tzid", zone.key)
    for _, component in sorted(components, key=lambda pair: pair[0]):
        timezone.add_component(component)
    return timezone
