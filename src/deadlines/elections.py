"""Polls that fall badly: the notes and errors a timetable needs, from the pack's own data.

Pure: given the engine (its rule set and calendars), the events and the deadlines computed, it
returns the deadlines with notes added, or raises InputError when the dates cannot all be true:

- a poll on a day the election rules disregard (a weekend, a bank holiday, Christmas Eve ...):
  a note on the polling steps (the rules do not forbid it for a by-election, but no proceedings
  count on such a day);
- a day appointed for public thanksgiving or mourning inside a count whose rule does not
  disregard such days: a note that this date does not move (the timetable's dates do);
- a poll that does not fit its start event (a general election's poll is the 25th day after the
  dissolution; a by-election's lies in a window after the writ): an error naming the rule and the
  day expected, never a silent date. A rule says so by taking the poll as its actual date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from deadlines.errors import InputError
from deadlines.records import Deadline
from deadlines.wording import fmt

if TYPE_CHECKING:
    from deadlines.engine import Engine

POLL = "poll"


def timetable_notes(
    engine: Engine, given: Mapping[str, dt.date], deadlines: Sequence[Deadline]
) -> tuple[tuple[Deadline, ...], tuple[str, ...]]:
    """The deadlines with the notes a badly falling poll needs (see the module's text), and the
    warnings for the result as a whole (a poll on a disregarded day)."""
    ruleset = engine.ruleset
    if POLL not in ruleset.events:
        return tuple(deadlines), ()
    _check_start(engine, given, deadlines)
    extra: dict[str, list[str]] = {}
    warnings: list[str] = []
    poll = given.get(POLL)
    if poll is not None:
        cal = engine.cal.with_days(ruleset.days)
        reason = cal.reason_closed(poll)
        if reason is not None:
            cite = f"; {cal.days.citation}" if cal.days.citation else ""
            note = (
                f"The poll, {fmt(poll)}, falls on a day the election rules disregard ({reason}"
                f"{cite}): no proceedings count on it, and the steps here are counted back from "
                f"it as given; expected a poll on a working day: check the date of the poll."
            )
            warnings.append(note)
            polling = [d.id for d in deadlines if d.reference_event == POLL and d.length == 0]
            for rule_id in polling or [d.id for d in deadlines if d.reference_event == POLL]:
                extra.setdefault(rule_id, []).append(note)
    else:  # the poll a start event fixes: the steps counted back from it need it
        for d in deadlines:
            if ruleset.rule(d.id).actual == POLL and d.date is not None:
                when = f"on {fmt(d.date)}" if d.earliest in (None, d.date) else (
                    f"from {fmt(d.earliest)} to {fmt(d.date)}")  # fmt: skip
                extra.setdefault(d.id, []).append(
                    f"The steps counted back from the poll (registration, absent votes, notice of "
                    f"poll) are shown when it is given (--event poll=DATE); it falls {when}."
                )
    appointed = engine.cal.appointed
    for d in deadlines if appointed else ():
        if d.date is None or d.unit != "working-days":
            continue
        own = engine.calendar_of(d.id)
        if own.days.appointed:
            continue  # counted as disregarded: the engine's note says the date moved
        lo, hi = sorted((d.reference_date, d.date))
        for iso, title in appointed:
            day = dt.date.fromisoformat(iso)
            if lo < day < hi and day.weekday() < 5 and own.is_working_day(day):
                cite = own.days.citation or d.source
                extra.setdefault(d.id, []).append(
                    f"{title} ({fmt(day)}), a day appointed for public thanksgiving or mourning, "
                    f"is not disregarded by {cite}: this date does not move with the timetable."
                )
    out = tuple(_with_notes(d, extra[d.id]) if d.id in extra else d for d in deadlines)
    return out, tuple(warnings)


def _check_start(
    engine: Engine, given: Mapping[str, dt.date], deadlines: Sequence[Deadline]
) -> None:
    """A poll that its start event (dissolution, writ) rules out is an error, naming both."""
    events = engine.ruleset.events
    for d in deadlines:
        rule = engine.ruleset.rule(d.id)
        if rule.actual != POLL or d.date is None or d.status != "missed":
            continue
        poll = given[POLL]
        start = f"{events[d.reference_event].label} {fmt(d.reference_date)}"
        if d.earliest is not None and d.earliest == d.date:
            expected = f"the poll on {fmt(d.date)}"
        elif d.earliest is not None:
            expected = f"a poll from {fmt(d.earliest)} to {fmt(d.date)}"
        else:
            expected = f"a poll on or before {fmt(d.date)}"
        msg = (
            f"--event poll={poll.isoformat()} does not fit {start}: {d.title.lower()} "
            f"({d.period_words}; {d.source}); expected {expected}, or a {d.reference_event} "
            "date that fits the poll"
        )
        raise InputError(msg)


def _with_notes(d: Deadline, notes: list[str]) -> Deadline:
    verdict = d.verdict._replace(notes=(*d.verdict.notes, *notes))
    return Deadline(d.limit, verdict, d.actual, d.margin, d.margin_unit, d.planned_note)
