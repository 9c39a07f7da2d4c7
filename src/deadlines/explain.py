"""Show the working: every day between a reference date and a rule's date, and why it counted.

The date itself always comes from the engine; the rule's counting convention labels the days in
between (`Convention.trace`), so the explanation and the engine count the same way. This walks
day by day on purpose: an explanation has one line per day anyway.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from deadlines import holiday_data
from deadlines.calendar import Calendar
from deadlines.counting import TraceDay, counting
from deadlines.engine import Engine
from deadlines.errors import RuleError
from deadlines.records import Deadline, Result
from deadlines.rules import RuleSet, builtin

Day = TraceDay  # one day of a count: date, counted, reason, number
_ONE = dt.timedelta(days=1)


class Explanation(NamedTuple):
    """A deadline with the day-by-day trace that reaches it."""

    deadline: Deadline
    days: tuple[TraceDay, ...]
    region: str
    holidays_source: str
    confirmed_through: dt.date


def explain(
    result: Result,
    rule_id: str,
    *,
    holidays: holiday_data.HolidayData | None = None,
    rules: RuleSet | None = None,
) -> Explanation:
    """The trace for one computed rule of `result` (`deadlines explain`)."""
    ruleset = rules or builtin()
    ruleset.rule(rule_id)  # an unknown id names the known ones
    try:
        d = result.deadline(rule_id)
    except KeyError:
        reference = ruleset.counted_from(rule_id)
        msg = (
            f"rule {rule_id!r} counts from the {reference} date, which was not given; "
            f"expected a {reference} date"
        )
        raise RuleError(msg) from None
    # The calendar of the rule's own day set, as the engine counted it (FOIA: any part of the UK;
    # an election rule: its own list of disregarded days).
    cal = Engine(region=result.region, rules=ruleset, holidays=holidays).calendar_of(rule_id)
    return Explanation(d, tuple(trace(cal, d)), cal.region, cal.source, cal.confirmed_through)


def _paused(
    days: list[TraceDay], pauses: Sequence[tuple[dt.date, dt.date | None, str]], working: bool
) -> list[TraceDay]:
    """The trace with the days of each pause shown as not counted, and the count renumbered."""
    out = []
    number = 0
    for day in days:
        why = next(
            (f"the clock stopped ({event})" for first, last, event in pauses
             if last is not None and first <= day.date <= last),
            None,
        )  # fmt: skip
        if why is not None and day.counted:
            out.append(TraceDay(day.date, False, why, None))
            continue
        if day.counted:
            number += 1
            out.append(day._replace(number=number))
        else:
            out.append(day)
    del working
    return out


def trace(cal: Calendar, d: Deadline) -> list[TraceDay]:
    """Every day of the count that reached `d`, with the days a rule adds after its period."""
    if d.date is None:
        return []
    convention = counting(d.counting)
    if d.direction != "after":
        return _cited(cal, convention.trace(cal, d.reference_date, d.date, "before"))
    end = d.date - _ONE if d.follows or d.elapsed else (d.rolled_from or d.date)
    start = d.reference_date
    for event in d.clock:  # a restart: the period runs afresh from its day
        if event.kind == "restart":
            start = max(start, event.date)
    out = _cited(cal, convention.trace(cal, start, end, "after"))
    pauses = [(e.date, e.end, e.event) for e in d.clock if e.kind == "pause" and e.end]
    if pauses:
        out = _paused(out, pauses, convention.working)
    if d.follows:
        out.append(TraceDay(d.date, False, f"the first day after {d.follows}", None))
    elif d.elapsed:
        out.append(TraceDay(d.date, False, "the first day after the period has elapsed", None))
    day = end
    while d.rolled_from and day < d.date:
        # The corresponding date was closed: the deadline moves to the next working day.
        day += _ONE
        reason = cal.reason_closed(day)
        why = "the next working day after the corresponding date"
        out.append(TraceDay(day, False, f"{reason}; not a working day" if reason else why, None))
    return out


def _cited(cal: Calendar, days: list[TraceDay]) -> list[TraceDay]:
    """Each disregarded day's reason with the rule that disregards it, when the day set has a
    citation: "Maundy Thursday (disregarded by ...)"."""
    citation = cal.days.citation
    if not citation:
        return days
    return [
        day._replace(reason=f"{day.reason} (disregarded by {citation})")
        if not day.counted and day.reason and day.reason == cal.reason_closed(day.date)
        else day
        for day in days
    ]
