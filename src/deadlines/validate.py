"""Checks at the Python API's entry: a wrong type is the package's own error, not a crash.

compute() and Calendar's public methods call these first, so a str, None, datetime, bool or
NaN where a date or a whole number belongs raises InputError (a DeadlinesError) with the words
the command line uses, instead of AttributeError or a comparison error deep inside. Pure: no
click, no I/O. The checks are cheap (a class test) so hot paths can afford them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from deadlines.errors import DeadlinesError, HolidayDataError, InputError, RuleError, UnknownRegion

if TYPE_CHECKING:
    from deadlines.calendar import DaySet

_EXAMPLE = "e.g. date(2015, 5, 12)"


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def day(value: object, what: str = "date") -> date:
    """`value` if it is a datetime.date (not a datetime), else InputError naming `what`."""
    if value.__class__ is date:
        return value
    if isinstance(value, datetime):
        msg = (
            f"{what}: {_shown(value)} is a date and time; expected a date "
            f"(datetime.date, {_EXAMPLE}; use .date())"
        )
        raise InputError(msg)
    if isinstance(value, date):  # a subclass of date: its value is a date
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        msg = (
            f"{what}: {_shown(value)} is not a date; expected YYYY-MM-DD on the command line, "
            f"a datetime.date in Python ({_EXAMPLE})"
        )
        raise InputError(msg)
    msg = f"{what}: {_shown(value)} is not a date; expected a datetime.date ({_EXAMPLE})"
    raise InputError(msg)


def optional_day(value: object, what: str) -> date | None:
    return None if value is None else day(value, what)


def count(value: object, what: str = "n") -> int:
    """`value` if it is a whole number (an int, not a bool), else InputError naming `what`."""
    if value.__class__ is int:
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{what}: {_shown(value)} is not a whole number; expected an int, e.g. 30"
        raise InputError(msg)
    return int(value)


def _dates(value: object, what: str, *, none_ok: bool = False) -> dict[str, date | None]:
    """The mapping's dates, each a plain datetime.date (a subclass read as the date it holds);
    InputError naming `what` and the key at fault."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        msg = f"{what}: {_shown(value)} is not a mapping; expected {{name: datetime.date}}"
        raise InputError(msg)
    days: dict[str, date | None] = {}
    for name, v in value.items():
        if not isinstance(name, str):
            msg = f"{what}: key {_shown(name)} is not a name; expected str keys"
            raise InputError(msg)
        if v is None and none_ok:
            days[name] = None
            continue
        days[name] = day(v, f"{what}[{name!r}]")
    return days


# compute()'s dates, checked, each a plain datetime.date: the events (the founding shortcuts
# merged into `events`), the acts, and the meetings. A plain tuple: this module is on the
# start-up path.
ComputeDates = tuple[dict[str, date | None], dict[str, date] | None, tuple[date, ...] | None]


def compute_args(  # noqa: PLR0913 - compute()'s own arguments
    received: object,
    decision: object,
    decision_published: object,
    region: object,
    events: object,
    actual: object,
    conventions: object,
    rules: object,
    holidays: object,
    meetings: object,
    plan: object,
) -> ComputeDates:
    """Check compute()'s arguments; raise the error the CLI would give for the same mistake.
    Return its dates, each a plain datetime.date."""
    founding = {
        "received": optional_day(received, "received"),
        "decision": optional_day(decision, "decision"),
        "decision_published": optional_day(decision_published, "decision_published"),
    }
    region_name(region)
    given = _dates(events, "events", none_ok=True)
    for name, shortcut in founding.items():  # given both ways: neither wins silently
        other = given.get(name)
        if shortcut is not None and other is not None and other != shortcut:
            msg = (
                f"{name} is given twice: {name}={shortcut.isoformat()} and "
                f"events[{name!r}]={other.isoformat()}; expected one date for it"
            )
            raise InputError(msg)
    acts = None
    if actual is not None:  # never None values: an act without a day is refused
        acts = {k: v for k, v in _dates(actual, "actual").items() if v is not None}
    if conventions is not None and (
        not isinstance(conventions, Mapping)
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in conventions.items())
    ):
        msg = (
            f"conventions: {_shown(conventions)} is not a mapping of rule id to counting; "
            "expected e.g. {'forward-plan-notice': 'clear-working-days'}"
        )
        raise RuleError(msg)
    if rules is not None:
        from deadlines.rules import RuleSet

        if not isinstance(rules, RuleSet):
            msg = (
                f"rules: {_shown(rules)} is not a RuleSet; expected deadlines.rules.load(...) "
                "or None for the built-in pack"
            )
            raise RuleError(msg)
    holiday_data(holidays)
    if meetings is not None:
        if isinstance(meetings, str | bytes | Mapping) or not hasattr(meetings, "__iter__"):
            msg = f"meetings: {_shown(meetings)} is not a list of dates; expected [datetime.date]"
            raise InputError(msg)
        meetings = tuple(day(m, f"meetings[{i}]") for i, m in enumerate(meetings))
    if not isinstance(plan, bool):
        msg = f"plan: {_shown(plan)} is not True or False; expected a bool"
        raise InputError(msg)
    merged: dict[str, date | None] = {k: v for k, v in founding.items() if v is not None}
    for name, v in given.items():  # None gives nothing: a shortcut's date stands
        merged.setdefault(name, v)
    return merged, acts, meetings


def region_name(region: object) -> None:
    from deadlines.calendar import REGIONS

    if not isinstance(region, str) or region not in REGIONS:
        msg = f"unknown region {_shown(region)}; expected one of {', '.join(REGIONS)}"
        raise UnknownRegion(msg)


def day_set(days: DaySet, fail: Callable[[str], DeadlinesError]) -> DaySet:
    """`days` with every field checked, `closed` as a tuple; else `fail(text)` naming the field.

    The one check of a day set: a rule file's [days] table (RuleError) and Calendar(days=...)
    (InputError) both come here, so the same mistake gets the same words.
    """
    from deadlines.calendar import BANK_HOLIDAYS, RULE_DAYS

    closed = days.closed
    if not isinstance(closed, list | tuple) or any(
        not isinstance(c, str) or c not in RULE_DAYS for c in closed
    ):
        raise fail(f"field 'closed' is {_shown(closed)}; expected a list of {', '.join(RULE_DAYS)}")
    where = days.bank_holidays
    if not isinstance(where, str) or where not in BANK_HOLIDAYS:
        raise fail(
            f"field 'bank_holidays' is {_shown(where)}; expected one of {', '.join(BANK_HOLIDAYS)}"
        )
    if not isinstance(days.appointed, bool):
        raise fail(f"field 'appointed' is {_shown(days.appointed)}; expected true or false")
    if not isinstance(days.citation, str):
        raise fail(f"field 'citation' is {_shown(days.citation)}; expected a string")
    return days if closed.__class__ is tuple else days._replace(closed=tuple(closed))


def holiday_data(holidays: object) -> None:
    """None (the shipped data) or a HolidayData; `{}` is an error, never the shipped data."""
    if holidays is None:
        return
    from deadlines.holiday_data import HolidayData

    if not isinstance(holidays, HolidayData):
        msg = (
            f"holidays: {_shown(holidays)} is not bank-holiday data; expected None (the shipped "
            "table) or deadlines.holiday_data.from_govuk_file(path)"
        )
        raise HolidayDataError(msg)
