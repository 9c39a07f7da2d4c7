"""Inputs that are almost certainly mistakes: warned about, never refused.

A decision or meeting on a day that is not a working day (the Lambeth Cabinet report of June
2015 gave "Date of Cabinet: 7 June 2015", a Sunday; the minutes say 8 June), a decision before
the report was received, an actual date years away from its deadline. Pure: dates in, strings
out; the caller decides whether a warning is shown, put in JSON, or (with --strict) refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from deadlines.errors import DeadlinesError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadlines.calendar import Calendar
    from deadlines.records import Deadline

FAR_DAYS = 730  # an actual date more than about two years from its deadline is likely a typo

_MEETINGS = ("decision", "meeting")  # events that are held on a working day in practice


def _is_meeting(name: str) -> bool:
    known = _MEETING_NAMES.get(name)
    if known is None:
        known = name in _MEETINGS or name.endswith("_meeting") or name.endswith("_decision")
        if len(_MEETING_NAMES) < 1_000:  # event names are a pack's few
            _MEETING_NAMES[name] = known
    return known


_MEETING_NAMES: dict[str, bool] = {}


def _next_working(cal: Calendar, day: dt.date) -> dt.date | None:
    for k in range(1, 15):
        d = day + dt.timedelta(days=k)
        try:
            if cal.is_working_day(d):
                return d
        except DeadlinesError:  # outside the holiday data: no suggestion
            return None
    return None


def input_warnings(
    events: Mapping[str, dt.date | None],
    deadlines: Iterable[Deadline],
    cal: Calendar,
) -> tuple[str, ...]:
    """What in these inputs is probably a mistake, in words; () when nothing is."""
    return event_warnings(events, cal) + act_warnings(deadlines)


def event_warnings(events: Mapping[str, dt.date | None], cal: Calendar) -> tuple[str, ...]:
    """The warnings about the events alone (a decision on a Sunday, before the receipt)."""
    out: list[str] = []
    for name, day in events.items():
        if day is None or not _is_meeting(name):
            continue
        try:
            reason = cal.reason_closed(day)
        except DeadlinesError:  # outside the holiday data: the engine says so
            continue
        if reason:
            after = _next_working(cal, day)
            hint = f"; check the date (the next working day is {after})" if after else ""
            what = name.replace("_", " ")
            out.append(
                f"{name} {day.isoformat()} is not a working day ({reason}); a {what} is "
                f"almost always held on a working day{hint}"
            )
    received, decision = events.get("received"), events.get("decision")
    if received is not None and decision is not None and decision < received:
        out.append(
            f"decision {decision.isoformat()} is before received {received.isoformat()}; "
            "expected the decision on or after the day the report was received"
        )
    return tuple(out)


def act_warnings(deadlines: Iterable[Deadline]) -> tuple[str, ...]:
    """The warnings about the acts: an actual date years from its deadline."""
    out: list[str] = []
    for d in deadlines:
        actual = d.actual
        if actual is not None:
            limit = d.limit.date
            if (
                limit is not None
                and (gap := abs(actual.toordinal() - limit.toordinal())) > FAR_DAYS
            ):
                out.append(
                    f"{d.id}: the actual date {actual.isoformat()} is {gap} days from the "
                    f"deadline {limit.isoformat()}; check the year"
                )
    return tuple(out) if out else ()
