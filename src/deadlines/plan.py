"""Planning backwards: the latest day an event may happen for a chain of rules to meet a target.

Every date here comes from `Engine.limit`, the same route `compute` takes: planning asks the
engine what a candidate decision day would give, and searches for the latest one that works.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from deadlines.engine import Engine
from deadlines.errors import OutsideHolidayData
from deadlines.records import Limit, Plan
from deadlines.wording import fmt


def plan_backwards(
    engine: Engine, given: dict[str, dt.date], meetings: Sequence[dt.date] | None
) -> Plan | None:
    """Plan the rule set's [plan] event if its target can be computed; adds its dates to `given`."""
    spec = engine.ruleset.plan
    assert spec is not None
    target_rule = engine.ruleset.rule(spec.target)
    if target_rule.reference not in given:
        return None
    target = engine.limit(spec.target, given)
    if target.working_day is None:  # not in force (or its clock stopped): nothing to plan from
        return None
    planned = plan_decision(engine, given, target, meetings)
    if planned.date is not None:
        given.update(_with_event(engine, given, planned.date))
    return planned


def plan_decision(
    engine: Engine,
    given: Mapping[str, dt.date],
    target: Limit,
    meetings: Sequence[dt.date] | None = None,
) -> Plan:
    """Plan the [plan] event backwards from the `target` deadline."""
    spec = engine.ruleset.plan
    assert spec is not None
    cal = engine.cal
    until_cal = engine.calendar_of(spec.until)
    assert target.working_day is not None
    target_day = target.working_day
    latest = _latest_event(engine, given, target_day)
    notes = []
    if latest is None:
        notes.append(
            f"No {spec.event} date in the supported years lets {spec.until} meet {target.id} "
            f"({fmt(target_day)})."
        )
        return Plan(spec.event, target.id, target_day, spec.until, None, None, (), None,
                    None if meetings is None else False, tuple(notes))  # fmt: skip
    chosen = cal.working_day_on_or_before(latest)
    notes.append(
        f"Planned backwards from {target.id} ({fmt(target_day)}): the {spec.event} must "
        f"be taken by {fmt(latest)} for {spec.until} to fall on or before it."
    )
    if chosen != latest:
        notes.append(
            f"The latest legal day, {fmt(latest)}, is not a working day "
            f"({cal.reason_closed(latest)}); the plan uses {fmt(chosen)}."
        )
    try:
        one_later = cal.add_days(latest, 1)
        late = _until(engine, _with_event(engine, given, one_later))
        notes.append(
            f"No slack: a {spec.event} on {fmt(one_later)} would allow {spec.until} only from "
            f"{fmt(until_cal.working_day_on_or_after(late))}."
        )
    except OutsideHolidayData:
        pass
    if _dependents(engine, given):
        next_day = _latest_event(engine, given, target_day, 1)
        if next_day is not None:
            by = cal.working_day_on_or_before(next_day)
            notes.append(
                f"This assumes the {spec.event} is published the day it is taken. If it is "
                f"published the day after, take it by {fmt(by)}."
            )
    for reading in target.other_readings:
        other = _latest_event(engine, given, reading.working_day)
        if other is not None:
            notes.append(
                f"If {target.id} is read as {reading.counting} ({fmt(reading.working_day)}), "
                f"the {spec.event} must be taken by {fmt(cal.working_day_on_or_before(other))}."
            )
    if meetings is None:
        return Plan(spec.event, target.id, target_day, spec.until, latest, chosen,
                    notes=tuple(notes))  # fmt: skip
    schedule = tuple(sorted(set(meetings)))
    # A meeting before the events given (the receipt) cannot take a decision on them.
    first = min(given.values(), default=dt.date.min)
    early = [m for m in schedule if m < first]
    fitting = [m for m in schedule if first <= m <= latest]
    after = [m for m in schedule if m > latest]
    meeting = fitting[-1] if fitting else None
    if meeting is not None:
        notes.append(
            f"Of the {len(schedule)} scheduled meetings, the latest that works is {fmt(meeting)}."
        )
        reason = cal.reason_closed(meeting)
        if reason:
            notes.append(f"{fmt(meeting)} is not a working day ({reason}); check the meeting date.")
    else:
        why = f"each is after {fmt(latest)}, the latest possible {spec.event} day"
        if early:
            why = (
                f"{len(early)} {'is' if len(early) == 1 else 'are'} before {fmt(first)}, the "
                f"earliest event given, and {len(schedule) - len(early)} after {fmt(latest)}, "
                f"the latest possible {spec.event} day"
            )
        notes.append(
            f"None of the {len(schedule)} scheduled meetings works: {why}. The dates below are "
            f"planned for an extra meeting on {fmt(chosen)}."
        )
    if after:
        try:
            late = _until(engine, _with_event(engine, given, after[0]))
            notes.append(
                f"The next scheduled meeting, {fmt(after[0])}, is too late: {spec.until} would "
                f"be {fmt(until_cal.working_day_on_or_after(late))}."
            )
        except OutsideHolidayData:
            pass
    return Plan(spec.event, target.id, target_day, spec.until, latest, meeting or chosen,
                schedule, meeting, meeting is not None, tuple(notes))  # fmt: skip


def _until(engine: Engine, events: Mapping[str, dt.date]) -> dt.date:
    assert engine.ruleset.plan is not None
    day = engine.limit(engine.ruleset.plan.until, events).date
    assert day is not None
    return day


def _dependents(engine: Engine, given: Mapping[str, dt.date]) -> list[str]:
    """Events that default to the planned one and were not given (the decision's publication)."""
    assert engine.ruleset.plan is not None
    event = engine.ruleset.plan.event
    return [
        ev.name
        for ev in engine.ruleset.events.values()
        if ev.defaults_to == event and ev.name not in given
    ]


def _with_event(engine: Engine, given: Mapping[str, dt.date], day: dt.date) -> dict[str, dt.date]:
    assert engine.ruleset.plan is not None
    events = {**given, engine.ruleset.plan.event: day}
    for name in _dependents(engine, given):
        events[name] = day
    return events


def _latest_event(
    engine: Engine, given: Mapping[str, dt.date], target_day: dt.date, publish_delay: int = 0
) -> dt.date | None:
    """The latest date of the planned event whose `until` rule still meets `target_day`.

    The chain is monotone in the event date, so a doubling search then a bisection finds it in
    O(log span) evaluations, each O(log H): no walk over days.
    """
    spec = engine.ruleset.plan
    assert spec is not None
    cal = engine.cal
    until = engine.ruleset.rule(spec.until)
    until_cal = engine.calendar_of(spec.until)
    dependents = _dependents(engine, given)

    def ok(o: int) -> bool:
        e = dt.date.fromordinal(o)
        events = {**given, spec.event: e}
        try:
            for name in dependents:
                events[name] = cal.add_days(e, publish_delay)
            b = _until(engine, events)
            if until.relation == "on-or-after":
                return until_cal.working_day_on_or_after(b) <= target_day
        except OutsideHolidayData:
            return False
        return b <= target_day

    first = cal.first.toordinal()
    hi = min(target_day.toordinal(), cal.last.toordinal())
    if ok(hi):
        return dt.date.fromordinal(hi)
    step = 32
    lo = max(first, hi - step)
    while not ok(lo):
        if lo == first:
            return None
        hi, step = lo, step * 2
        lo = max(first, hi - step)
    while hi - lo > 1:  # ok(lo), not ok(hi)
        mid = (lo + hi) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid
    return dt.date.fromordinal(lo)
