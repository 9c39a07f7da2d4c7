"""Show the working: every day between a reference date and a rule's date, and why it counted.

This walks day by day on purpose: an explanation has one line per day anyway. The date itself
always comes from the engine; the walk only labels the days in between.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from deadlines import holiday_data
from deadlines.calendar import Calendar
from deadlines.compute import Deadline, Result
from deadlines.errors import RuleError
from deadlines.rules import RuleSet, builtin


class Day(NamedTuple):
    """One day of a count: whether it counted, its running number, and if not, why not."""

    date: date
    counted: bool
    reason: str | None  # None for a counted day
    number: int | None  # running count of counted days


class Explanation(NamedTuple):
    """A deadline with the day-by-day trace that reaches it."""

    deadline: Deadline
    days: tuple[Day, ...]
    region: str
    holidays_source: str
    confirmed_through: date


def explain(
    result: Result,
    rule_id: str,
    *,
    holidays: holiday_data.HolidayData | None = None,
    rules: RuleSet | None = None,
) -> Explanation:
    """The trace for one computed rule of `result` (CONTRACT.md `deadlines explain`)."""
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
    cal = Calendar(d.region or result.region, holidays=holidays)  # a rule may fix its own region
    return Explanation(d, tuple(_days(cal, d)), cal.region, cal.source, cal.confirmed_through)


def _days(cal: Calendar, d: Deadline) -> list[Day]:
    working = d.unit == "working-days"
    one = timedelta(days=1)
    out: list[Day] = []
    number = 0
    if d.direction == "after":
        day = d.reference_date
        if d.counting == "working-days-beginning-with":
            day -= one  # the reference day itself is day 1 if it is a working day
        last = d.date - one if d.follows or d.elapsed else (d.rolled_from or d.date)
        while day < last:
            day += one
            reason = cal.reason_closed(day) if working else None
            if reason is None:
                number += 1
            out.append(Day(day, reason is None, reason, number if reason is None else None))
        if d.follows:
            out.append(Day(d.date, False, f"the first day after {d.follows}", None))
        elif d.elapsed:
            out.append(Day(d.date, False, "the first day after the period has elapsed", None))
        while d.rolled_from and day < d.date:
            # The corresponding date was closed: the deadline moves to the next working day.
            day += one
            reason = cal.reason_closed(day)
            why = "the next working day after the corresponding date"
            out.append(Day(day, False, f"{reason}; not a working day" if reason else why, None))
        return out
    day = d.reference_date
    while day > d.date + one:
        day -= one
        reason = cal.reason_closed(day) if working else None
        if reason is None:
            number += 1
        out.append(Day(day, reason is None, reason, number if reason is None else None))
    if d.counting in ("clear-days", "clear-working-days"):
        # The boundary is the day of the act: clear days exclude both ends.
        closed = cal.reason_closed(d.date)
        why = "the day of the act; clear days exclude it"
        out.append(Day(d.date, False, f"{closed}; {why}" if closed else why, None))
    else:
        out.append(Day(d.date, True, None, number + 1))
    return out
