"""Show the working: every day between a reference date and a rule's date, and why it counted.

The date itself always comes from the engine; the rule's counting convention labels the days in
between (`Convention.trace`), so the explanation and the engine count the same way. This walks
day by day on purpose: an explanation has one line per day anyway.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from deadlines import holiday_data
from deadlines.calendar import Calendar
from deadlines.counting import TraceDay, counting
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
    rule = ruleset.rule(rule_id)  # an unknown id names the known ones
    try:
        d = result.deadline(rule_id)
    except KeyError:
        while rule.follows:
            rule = ruleset.rule(rule.follows)
        msg = (
            f"rule {rule_id!r} counts from the {rule.reference} date, which was not given; "
            f"expected a {rule.reference} date"
        )
        raise RuleError(msg) from None
    base = rule
    while base.follows:
        base = ruleset.rule(base.follows)
    # The calendar of the rule's own day set (its statute's disregarded days and citation).
    cal = Calendar(result.region, holidays=holidays).with_days(base.days or ruleset.days)
    return Explanation(d, tuple(trace(cal, d)), cal.region, cal.source, cal.confirmed_through)


def trace(cal: Calendar, d: Deadline) -> list[TraceDay]:
    """Every day of the count that reached `d`, with the days a rule adds after its period."""
    if d.date is None:
        return []
    convention = counting(d.counting)
    if d.direction != "after":
        return _cited(cal, convention.trace(cal, d.reference_date, d.date, "before"))
    end = d.date - _ONE if d.follows or d.elapsed else (d.rolled_from or d.date)
    out = _cited(cal, convention.trace(cal, d.reference_date, end, "after"))
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
