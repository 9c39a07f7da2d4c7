"""The words the tool writes: dates as lawyers read them, periods, notes. One place for all.

The engine uses these to make a deadline's notes; every renderer uses them to show dates and
margins, so a date reads the same in a table, a CSV file, a calendar event and a note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from deadlines.counting import COUNTINGS
from deadlines.records import Deadline, Reading
from deadlines.rules import Rule, RuleSet

REGION_WORDS = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
    "united-kingdom": "any part of the United Kingdom",
    "england": "England",
    "wales": "Wales",
    "none": "no part of the UK (calendar days)",
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt(d: dt.date | None) -> str:
    """A date as a lawyer reads it: "Sun 10 May 2015" (English names, whatever the locale).

    None (a rule not in force, a stopped clock) reads "no date"."""
    if d is None:
        return "no date"
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month]} {d.year}"


def relation_words(relation: str) -> str:
    """ "on or before" / "on or after"."""
    return "on or before" if relation == "on-or-before" else "on or after"


def period(  # noqa: PLR0913 - a pattern and its five fillings
    words: str, n: int, direction: str, event: str, *, elapsed: bool, roll: bool
) -> str:
    """A period in words from a convention's pattern: "5 clear working days before the decision"."""
    text = words.format(n=n, direction="following" if elapsed else direction, event=event)
    if n == 1:
        for plural in ("working days", "clear days", "calendar months"):
            text = text.replace(f"1 {plural}", f"1 {plural[:-1]}", 1)
    if elapsed:
        text = f"the day after {text} have elapsed"
    if roll:
        text += ", or the next working day"
    return text


def follower_words(base_id: str, base_words: str) -> str:
    """ "the day after call-in-end (5 clear working days after publication of the decision)"."""
    return f"the day after {base_id} ({base_words})"


def reading_note(reading: Reading, prefix: str = "", of: str = "") -> str:
    """ "Under clear-working-days the date would be Sun 26 Apr 2015 (working day ...)."."""
    text = f"Under {reading.counting}{of} the date would be {fmt(reading.date)}"
    if reading.date != reading.working_day:
        text += f" (working day {fmt(reading.working_day)})"
    if reading.status != "pending":
        text += f", and the actual date would have {reading.status} it"
    return f"{prefix} {text}.".strip()


def with_readings(
    static: tuple[str, ...], readings: Sequence[Reading], prefix: str, of: str = ""
) -> tuple[str, ...]:
    """A deadline's notes: those that do not depend on an act, then one per other reading."""
    return static + tuple(reading_note(r, prefix, of) for r in readings)


def non_working_boundary(
    relation: str, boundary: dt.date, reason: str | None, safe: dt.date
) -> str:
    side = "latest" if relation == "on-or-before" else "first"
    return (
        f"The legal boundary, {fmt(boundary)}, is not a working day ({reason}); the {side} "
        f"working day is {fmt(safe)} (deadlines law non-working-boundary)."
    )


def projected(confirmed_through: dt.date, source: str) -> str:
    return (
        f"Depends on projected bank holidays after {confirmed_through.isoformat()}: the "
        f"government has not yet published the holidays for the later days this count crosses "
        f"({source}; deadlines law projected-holidays)."
    )


def special_day(name: str, day: dt.date, kind: str) -> str:
    if kind == "appointed":
        return (
            f"The period spans {name} ({fmt(day)}), a day appointed for public thanksgiving or "
            f"mourning, which the rule's day set disregards: the date is a day earlier (or later) "
            f"than it would otherwise be; re-check a timetable published before the day was "
            f"appointed."
        )
    return (
        f"The period spans {name} ({fmt(day)}), a {kind} bank holiday; whether a holiday "
        f"proclaimed after a period began changes it is unsettled (BFDA 1971 s1(3); "
        f"deadlines law holiday-proclaimed-later)."
    )


def own_region(region_words: str, region: str, citation: str, chosen: str) -> str:
    return (
        f"Counted on the bank holidays of {region_words} ({region}), as {citation} requires, "
        f"whatever the region chosen ({chosen}; deadlines law day-sets)."
    )


def rolled(unrolled: dt.date, reason: str | None, boundary: dt.date, citation: str) -> str:
    return (
        f"The corresponding date, {fmt(unrolled)}, is not a working day ({reason}); the "
        f"deadline moves to the next working day, {fmt(boundary)} ({citation}; "
        f"deadlines law non-working-boundary)."
    )


def planned(event: str, day: dt.date, found: bool | None, target: str, target_day: dt.date) -> str:
    which = "the latest scheduled meeting" if found else "the latest day"
    return (
        f"Planned backwards: counted from the planned {event} on {fmt(day)}, {which} that still "
        f"meets {target} ({fmt(target_day)}); no {event} date was given."
    )


def margin_words(
    margin: int | None, unit: str | None, relation: str, too_early: bool = False
) -> str:
    """ "3 days to spare", "on the limit (0 to spare)", "2 working days late" ("early" for an
    earliest day, or for an act before a window opens: `too_early`)."""
    if margin is None:
        return ""
    units = ("working day" if unit == "working-days" else "day") + ("" if abs(margin) == 1 else "s")
    if margin > 0:
        return f"{margin} {units} to spare"
    if margin == 0:
        return "on the limit (0 to spare)"
    late = relation == "on-or-before" and not too_early
    return f"{-margin} {units} {'late' if late else 'early'}"


def deadline_margin(d: Deadline) -> str:
    """A deadline's margin in words; an act before its window opened is early."""
    early = d.earliest is not None and d.actual is not None and d.actual < d.earliest
    return margin_words(d.margin, d.margin_unit, d.relation, early)


def missed_line(d: Deadline) -> str:
    """ "MISSED forward-plan-notice: done Mon 11 May 2015, 1 day late" (a missed actual date)."""
    return f"MISSED {d.id}: done {fmt(d.actual)}, {deadline_margin(d)}"


def rule_words(rule: Rule, ruleset: RuleSet) -> str:
    """A rule's period in words under its own counting; for a follower, the day after (a
    follower of a follower names its base only, so a long chain stays short)."""
    if rule.follows:
        base = ruleset.rule(rule.follows)
        if base.follows:
            return f"the day after {base.id} (itself the day after {base.follows})"
        return follower_words(base.id, rule_words(base, ruleset))
    return period(
        COUNTINGS[rule.counting].words,
        rule.length,
        rule.direction,
        ruleset.events[rule.reference].label,
        elapsed=rule.elapsed,
        roll=bool(rule.roll),
    )


def too_early(done_on: dt.date, earliest: dt.date) -> str:
    return (
        f"Done on {fmt(done_on)}, before the window opens on {fmt(earliest)}: an act before the "
        f"earliest day the law allows is outside the period."
    )


def window_without_working_day(earliest: dt.date, boundary: dt.date, safe: dt.date) -> str:
    return (
        f"No working day falls in the window, {fmt(earliest)} to {fmt(boundary)}: the latest "
        f"working day, {fmt(safe)}, is before it opens, so an act then is outside the period; "
        f"the act must be done within the window, on a day that is not a working day."
    )


def convention_ignored(wanted: str, rule_id: str, citation: str) -> str:
    return (
        f"--convention {rule_id}={wanted} does not fit the version of the rule in force then "
        f"({citation}), which counts in other units; its own counting was used."
    )


def not_in_force(
    rule_id: str, reference: dt.date, citation: str, since: dt.date, before: str = ""
) -> str:
    text = (
        f"{rule_id} was not in force on {fmt(reference)}: {citation} came into force on "
        f"{fmt(since)}, so no date is given."
    )
    return f"{text} {before}" if before else f"{text} Check the law that applied then."


def clock_restart(event: str, day: dt.date, citation: str) -> str:
    return f"The period runs afresh from {fmt(day)} ({event}; {citation})."


def clock_extend(event: str, day: dt.date, length: int, citation: str) -> str:
    return f"Extended on {fmt(day)} ({event}) to {length} in all ({citation})."


def extension_late(event: str, day: dt.date, end: dt.date, citation: str) -> str:
    return (
        f"{event} on {fmt(day)} came after the period ended ({fmt(end)}), so it does not extend "
        f"it ({citation})."
    )


def extension_spent(event: str, day: dt.date, length: int, citation: str) -> str:
    return (
        f"{event} on {fmt(day)} does not lengthen the period: it is already {length}, as long as "
        f"this extension allows ({citation})."
    )


def pause_outside(event: str, day: dt.date, start: dt.date, end: dt.date, citation: str) -> str:
    when = (
        f"after the period ended ({fmt(end)})" if day > end
        else f"before the period began ({fmt(start)})"
    )  # fmt: skip
    return f"{event} on {fmt(day)} came {when}, so the clock did not stop ({citation})."


def clock_not_in_force(  # noqa: PLR0913 - the event, the law in force and the other law
    event: str, day: dt.date, citation: str, since: dt.date | None, other: str, *, earlier: bool
) -> str:
    """A clock event the version in force does not read (another version of the rule does:
    a later one, or one that has been replaced)."""
    if since is None:
        other_law = "another version of the rule does"
    elif earlier:
        other_law = f"the law in force from {fmt(since)}, since replaced, did"
    else:
        other_law = f"the law from {fmt(since)} does"
    return (
        f"{event} on {fmt(day)} is not applied: the law in force on the reference date "
        f"({citation}) does not act on the period for it; {other_law} ({other})."
    )


def clock_pause(event: str, first: dt.date, last: dt.date, days: int, citation: str) -> str:
    return (
        f"The clock stopped from {fmt(first)} to {fmt(last)} ({event}; both days disregarded), "
        f"moving the date {days} day{'' if days == 1 else 's'} later ({citation})."
    )


def clock_stopped(  # noqa: PLR0913 - the stopped clock's facts, each named
    event: str, day: dt.date, until: str | None, used: int, length: int, unit: str, citation: str
) -> str:
    units = "working days" if unit == "working-days" else "days"
    if unit == "calendar-months":
        done = f"{used} days of the period had run"
    else:
        done = f"{used} of {length} {units} had run"
    resume = f"; give {until} when it happens" if until else ""
    return (
        f"The clock stopped on {fmt(day)} ({event}; {citation}) and has not restarted, so there "
        f"is no date yet: {done}{resume}."
    )


_PART_NAMES = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
}


def not_law_here(pack: str, extent: Sequence[str], region: str, instead: dict[str, str]) -> str:
    """ "pack england-executive is law in England only, not in Scotland (...); expected ..."."""
    names = [_PART_NAMES[p] for p in extent]
    where = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    there = REGION_WORDS.get(region, region)
    other = sorted({v for k, v in instead.items() if k in _REGION_PARTS_WORDS.get(region, ())})
    if other:
        advice = f"expected --pack {' or '.join(other)}, which is law there"
    else:
        advice = (
            "no built-in pack covers it; expected a rule file for that law (--rules FILE with "
            'mode = "replace")'
        )
    return f"pack {pack} is law in {where} only, not in {there} (--region {region}); {advice}"


_REGION_PARTS_WORDS = {
    "england-and-wales": ("england", "wales"),
    "england": ("england",),
    "wales": ("wales",),
    "scotland": ("scotland",),
    "northern-ireland": ("northern-ireland",),
    "united-kingdom": ("england", "wales", "scotland", "northern-ireland"),
}
