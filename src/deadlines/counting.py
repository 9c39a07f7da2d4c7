"""The counting conventions of English law, named as in CONTRACT.md (LEGAL.md 2).

Each convention turns (reference date, length, direction) into the legal boundary. Forward
("after") counts give the last permitted day; backward ("before") counts give the latest day on
which the earlier step may happen.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from deadlines.calendar import Calendar
from deadlines.errors import RuleError


class Counting(NamedTuple):
    """A counting convention: its name, the unit it counts in, and how to say it."""

    name: str
    unit: str
    words: str  # "{n} working days {direction} {event}"
    explanation: str


COUNTINGS: dict[str, Counting] = {
    c.name: c
    for c in (
        Counting(
            "working-days-after",
            "working-days",
            "{n} working days {direction} {event}",
            "the reference day is never counted; day 1 is the first working day after it",
        ),
        Counting(
            "working-days-beginning-with",
            "working-days",
            "{n} working days beginning with {event}",
            "the reference day counts as day 1 when it is a working day",
        ),
        Counting(
            "clear-days",
            "days",
            "{n} clear days {direction} {event}",
            "calendar days strictly between the two dates; neither end counts",
        ),
        Counting(
            "clear-working-days",
            "working-days",
            "{n} clear working days {direction} {event}",
            "working days strictly between the two dates; neither end counts",
        ),
        Counting(
            "corresponding-date",
            "calendar-months",
            "{n} calendar months {direction} {event}",
            "the same day of the month n months on, or that month's last day if it is shorter",
        ),
    )
}


def counting(name: str) -> Counting:
    """The named convention, or a RuleError listing the known ones."""
    try:
        return COUNTINGS[name]
    except KeyError:
        msg = f"unknown counting {name!r}; expected one of {', '.join(COUNTINGS)}"
        raise RuleError(msg) from None


def boundary(cal: Calendar, name: str, reference: date, length: int, direction: str) -> date:  # noqa: PLR0911 - one return per convention and direction
    """The legal boundary of a period of `length` counted by `name` from `reference`.

    direction "after": the last day of the period (the act may be done on it).
    direction "before": the latest day with the period wholly between it and the reference.
    """
    if name == "corresponding-date" and direction in ("after", "before"):
        # The same day of the month, or the month's last day (LEGAL.md 1.2, subject access).
        return cal.add_months(reference, length if direction == "after" else -length)
    if direction == "after":
        if name in ("working-days-after", "clear-working-days"):
            # Forward, the 5 clear working days after publication end on the 5th working day
            # after it (CONTRACT.md): the same count as "working days after".
            return cal.add_working_days(reference, length)
        if name == "working-days-beginning-with":
            # Beginning with X: X is day 1 if it is a working day (Hare v Gocher).
            if length == 0:
                return reference
            if cal.is_working_day(reference):
                return cal.add_working_days(reference, length - 1)
            return cal.add_working_days(reference, length)
        if name == "clear-days":
            return cal.add_days(reference, length)
    elif direction == "before":
        if name == "working-days-after":
            return cal.add_working_days(reference, -length)
        if name == "working-days-beginning-with":
            if length == 0:
                return reference
            if cal.is_working_day(reference):
                return cal.add_working_days(reference, -(length - 1))
            return cal.add_working_days(reference, -length)
        if name == "clear-days":
            # N whole days strictly between: neither the notice day nor the event day counts.
            return cal.add_days(reference, -(length + 1))
        if name == "clear-working-days":
            # The N-th working day before the reference opens the period; the boundary is the
            # day before it, which may be a weekend (Elitestone: working days meant).
            if length == 0:
                return cal.add_days(reference, -1)
            return cal.add_days(cal.add_working_days(reference, -length), -1)
    counting(name)  # raises for an unknown name
    msg = f"unknown direction {direction!r}; expected 'after' or 'before'"
    raise RuleError(msg)


def count_between(cal: Calendar, name: str, earlier: date, later: date) -> int:
    """How many units of `name` lie between two dates, as the convention counts them.

    Used for margins: clear (working) days strictly between; for the "after" countings, working
    days after `earlier` up to and including `later`.
    """
    if later < earlier:
        return -count_between(cal, name, later, earlier)
    if name == "clear-days":
        return max(0, (later - earlier).days - 1)
    if name == "corresponding-date":
        return (later - earlier).days
    if name == "clear-working-days":
        return cal.working_days_between(earlier, later)
    if name in ("working-days-after", "working-days-beginning-with"):
        return cal.working_days_between(earlier, later) + (1 if cal.is_working_day(later) else 0)
    counting(name)
    raise AssertionError(name)


def margin(cal: Calendar, unit: str, relation: str, limit: date, actual: date) -> tuple[int, str]:
    """How far inside (>= 0) or outside (< 0) its limit an act was done, in the rule's unit.

    In working days, a met act's margin is the number of working days it could have moved
    towards the limit and still met it (0: done on the last permitted working day, even when
    the limit itself is a weekend); a missed act's is minus the working days it was late (or
    early, for an on-or-after rule). A missed act with no working day between it and the limit
    (a Saturday after a Friday limit) is measured in calendar days instead, so a miss is never
    shown as 0.
    """
    if unit == "working-days":
        cal.check(limit)
        cal.check(actual)
    return margin_ordinal(
        cal, unit, relation == "on-or-before", limit.toordinal(), actual.toordinal()
    )


def margin_ordinal(  # noqa: PLR0913
    cal: Calendar, unit: str, before: bool, limit: int, actual: int, limit_index: int | None = None
) -> tuple[int, str]:
    """`margin` on ordinals already known to lie in the calendar's years (the per-row path).

    `limit_index`, if known, is cal.index(limit + before): a deadline judged row after row
    computes it once.
    """
    if unit != "working-days":  # days, calendar-months
        return (limit - actual if before else actual - limit), "days"
    # The working days in the half-open span the act could have moved through (met) or
    # overshot (missed): (actual, limit] or (limit, actual] for a deadline, [limit, actual) or
    # [actual, limit) for an earliest day. cal.index(o) counts the working days before o.
    if limit_index is None:
        limit_index = cal.index(limit + before)
    n = limit_index - cal.index(actual + before)
    if actual <= limit if before else actual >= limit:
        return abs(n), "working-days"
    if n == 0:
        return -abs(actual - limit), "days"
    return -abs(n), "working-days"
