"""The counting conventions of English law, each one object: its boundary, count and trace.

A convention turns (reference date, length, direction) into the legal boundary. Forward
("after") counts give the last permitted day; backward ("before") counts give the latest day on
which the earlier step may happen. The same object counts the units between two dates (for
margins) and labels every day of a count (for `deadlines explain`), so the engine and the
explanation can never disagree about what a convention means.

Adding a convention is adding one subclass to `COUNTINGS`.
"""

import datetime as dt
from typing import NamedTuple

from deadlines.calendar import Calendar
from deadlines.errors import RuleError

_ONE = dt.timedelta(days=1)


class TraceDay(NamedTuple):
    """One day of a count: whether it counted, its running number, and if not, why not."""

    date: dt.date
    counted: bool
    reason: str | None  # None for a counted day
    number: int | None  # running count of counted days


class Convention:
    """A way of counting a period; subclasses fill in boundary and count_between."""

    name = ""
    unit = ""
    words = ""  # "{n} working days {direction} {event}"
    explanation = ""
    working = False  # does it count working days only?
    includes_reference = False  # is the reference day itself day 1 when it counts?
    clear = False  # are both ends excluded?

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        """The legal boundary of a period of `length` from `reference`."""
        raise NotImplementedError

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        """How many units of this convention lie between two dates (earlier <= later)."""
        raise NotImplementedError

    def trace(
        self, cal: Calendar, reference: dt.date, end: dt.date, direction: str
    ) -> list[TraceDay]:
        """Every day from the reference to `end` (the period's own boundary), labelled.

        Forward: from the day after the reference (the reference itself, if it may be day 1) up
        to `end`. Backward: from the day before the reference down to `end`.
        """
        out: list[TraceDay] = []
        number = 0

        def label(day: dt.date) -> None:
            nonlocal number
            reason = cal.reason_closed(day) if self.working else None
            if reason is None:
                number += 1
            out.append(TraceDay(day, reason is None, reason, number if reason is None else None))

        if direction == "after":
            day = reference - _ONE if self.includes_reference else reference
            while day < end:
                day += _ONE
                label(day)
            return out
        day = reference
        while day > end + _ONE:
            day -= _ONE
            label(day)
        if self.clear:
            # The boundary is the day of the act: clear days exclude both ends.
            closed = cal.reason_closed(end)
            why = "the day of the act; clear days exclude it"
            out.append(TraceDay(end, False, f"{closed}; {why}" if closed else why, None))
        else:
            out.append(TraceDay(end, True, None, number + 1))
        return out


def _direction_error(direction: str) -> RuleError:
    return RuleError(f"unknown direction {direction!r}; expected 'after' or 'before'")


class WorkingDaysAfter(Convention):
    name = "working-days-after"
    unit = "working-days"
    words = "{n} working days {direction} {event}"
    explanation = "the reference day is never counted; day 1 is the first working day after it"
    working = True

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        if direction == "after":
            return cal.add_working_days(reference, length)
        if direction == "before":
            return cal.add_working_days(reference, -length)
        raise _direction_error(direction)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return cal.working_days_between(earlier, later) + (1 if cal.is_working_day(later) else 0)


class WorkingDaysBeginningWith(WorkingDaysAfter):
    name = "working-days-beginning-with"
    words = "{n} working days beginning with {event}"
    explanation = "the reference day counts as day 1 when it is a working day"
    includes_reference = True

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        # Beginning with X: X is day 1 if it is a working day (Hare v Gocher).
        if direction not in ("after", "before"):
            raise _direction_error(direction)
        if length == 0:
            return reference
        n = length - 1 if cal.is_working_day(reference) else length
        return cal.add_working_days(reference, n if direction == "after" else -n)


class ClearDays(Convention):
    name = "clear-days"
    unit = "days"
    words = "{n} clear days {direction} {event}"
    explanation = "calendar days strictly between the two dates; neither end counts"
    clear = True

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        if direction == "after":
            return cal.add_days(reference, length)
        if direction == "before":
            # N whole days strictly between: neither the notice day nor the event day counts.
            return cal.add_days(reference, -(length + 1))
        raise _direction_error(direction)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return max(0, (later - earlier).days - 1)


class ClearWorkingDays(Convention):
    name = "clear-working-days"
    unit = "working-days"
    words = "{n} clear working days {direction} {event}"
    explanation = "working days strictly between the two dates; neither end counts"
    working = True
    clear = True

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        if direction == "after":
            # Forward, the 5 clear working days after publication end on the 5th working day
            # after it: the next step may happen the day after.
            return cal.add_working_days(reference, length)
        if direction == "before":
            # The N-th working day before the reference opens the period; the boundary is the
            # day before it, which may be a weekend (Elitestone: working days meant).
            if length == 0:
                return cal.add_days(reference, -1)
            return cal.add_days(cal.add_working_days(reference, -length), -1)
        raise _direction_error(direction)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return cal.working_days_between(earlier, later)


class CorrespondingDate(Convention):
    name = "corresponding-date"
    unit = "calendar-months"
    words = "{n} calendar months {direction} {event}"
    explanation = "the same day of the month n months on, or that month's last day if it is shorter"

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        # The same day of the month, or the month's last day (ICO guidance on "one month").
        if direction == "after":
            return cal.add_months(reference, length)
        if direction == "before":
            return cal.add_months(reference, -length)
        raise _direction_error(direction)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return (later - earlier).days


class DaysBeginningWith(Convention):
    name = "days-beginning-with"
    unit = "days"
    words = "{n} days beginning with {event}"
    explanation = "calendar days; the reference day itself is day 1 (DPA 1998 s7(8), (10))"
    includes_reference = True

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        if direction not in ("after", "before"):
            raise _direction_error(direction)
        n = max(length - 1, 0)
        return cal.add_days(reference, n if direction == "after" else -n)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return (later - earlier).days + 1


class DaysAfter(Convention):
    name = "days-after"
    unit = "days"
    words = "{n} days {direction} {event}"
    explanation = "calendar days; the reference day is never counted (RPA 1983 s81(1))"

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        if direction == "after":
            return cal.add_days(reference, length)
        if direction == "before":
            return cal.add_days(reference, -length)
        raise _direction_error(direction)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return (later - earlier).days


class MonthsBeginningWith(Convention):
    name = "months-beginning-with"
    unit = "calendar-months"
    words = "{n} calendar months beginning with {event}"
    explanation = (
        "the reference day is the first day of the month, so the period ends the day before the "
        "corresponding date (Hare v Gocher read with Dodds v Walker)"
    )
    includes_reference = True

    def boundary(self, cal: Calendar, reference: dt.date, length: int, direction: str) -> dt.date:
        if direction == "after":
            return cal.add_days(cal.add_months(reference, length), -1) if length else reference
        if direction == "before":
            return cal.add_days(cal.add_months(reference, -length), 1) if length else reference
        raise _direction_error(direction)

    def count_between(self, cal: Calendar, earlier: dt.date, later: dt.date) -> int:
        return (later - earlier).days


COUNTINGS: dict[str, Convention] = {
    c.name: c
    for c in (
        WorkingDaysAfter(),
        WorkingDaysBeginningWith(),
        ClearDays(),
        ClearWorkingDays(),
        CorrespondingDate(),
        DaysBeginningWith(),
        MonthsBeginningWith(),
        DaysAfter(),
    )
}


def counting(name: str) -> Convention:
    """The named convention, or a RuleError listing the known ones."""
    try:
        return COUNTINGS[name]
    except KeyError:
        msg = f"unknown counting {name!r}; expected one of {', '.join(COUNTINGS)}"
        raise RuleError(msg) from None


def boundary(cal: Calendar, name: str, reference: dt.date, length: int, direction: str) -> dt.date:
    """The legal boundary of a period of `length` counted by `name` from `reference`."""
    return counting(name).boundary(cal, reference, length, direction)


def count_between(cal: Calendar, name: str, earlier: dt.date, later: dt.date) -> int:
    """How many units of `name` lie between two dates, as the convention counts them (signed)."""
    if later < earlier:
        return -count_between(cal, name, later, earlier)
    return counting(name).count_between(cal, earlier, later)


def margin(
    cal: Calendar, unit: str, relation: str, limit: dt.date, actual: dt.date
) -> tuple[int, str]:
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
    before = relation == "on-or-before"
    lo = limit.toordinal()
    return margin_ordinal(cal, unit, before, lo, actual.toordinal(), cal.index(lo + before))


def margin_ordinal(  # noqa: PLR0913
    cal: Calendar, unit: str, before: bool, limit: int, actual: int, limit_index: int
) -> tuple[int, str]:
    """`margin` on ordinals already known to lie in the calendar's years.

    `limit_index` is cal.index(limit + before), worked out once per limit.
    """
    if unit != "working-days":  # days, calendar-months
        return (limit - actual if before else actual - limit), "days"
    # The working days in the half-open span the act could have moved through (met) or
    # overshot (missed): (actual, limit] or (limit, actual] for a deadline, [limit, actual) or
    # [actual, limit) for an earliest day. cal.index(o) counts the working days before o.
    n = limit_index - cal.index(actual + before)
    if actual <= limit if before else actual >= limit:
        return abs(n), "working-days"
    if n == 0:
        return -abs(actual - limit), "days"
    return -abs(n), "working-days"
