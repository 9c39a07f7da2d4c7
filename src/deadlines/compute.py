"""Inputs + rules + calendar -> Result: immutable NamedTuple records, dates as dates.

Nothing here prints, formats for a terminal, reads the clock or touches the network; a council's
own script gets from `compute(...)` exactly the data the CLI prints.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from deadlines import counting as counting_mod
from deadlines import holiday_data, validate
from deadlines.calendar import Calendar
from deadlines.counting import margin_ordinal as _margin
from deadlines.errors import InputError, OutsideHolidayData, RuleError
from deadlines.rules import PlanSpec, Rule, RuleSet, builtin


class Reading(NamedTuple):
    """The same rule under another counting convention."""

    counting: str
    date: date
    working_day: date
    status: str


class Deadline(NamedTuple):
    """One rule's date: the legal boundary, the safe working day, and why."""

    id: str
    title: str
    date: date  # the legal boundary; may be a non-working day
    working_day: date  # nearest working day on the safe side of `date`
    relation: str
    reference_event: str
    reference_date: date
    length: int
    unit: str
    counting: str
    source: str
    period_words: str  # "30 working days after receipt"
    actual: date | None = None
    status: str = "pending"
    notes: tuple[str, ...] = ()
    other_readings: tuple[Reading, ...] = ()
    planned: bool = False
    direction: str = "after"
    follows: str | None = None
    margin: int | None = None  # see counting.margin; None without an actual date
    margin_unit: str | None = None  # "working-days" or "days"
    region: str = ""  # whose bank holidays were counted (a rule may fix its own: FOIA)
    elapsed: bool = False  # the date is the day after the period (reg 10(1)(c))
    rolled_from: date | None = None  # the boundary before a roll to the next working day (ICO)


class Plan(NamedTuple):
    """A decision planned backwards from a deadline (LEGAL.md 5)."""

    event: str  # the event planned, "decision"
    target: str  # the rule whose date the chain must meet, "statement-of-action"
    target_date: date  # its latest working day
    until: str  # the rule that must fall on or before it, "earliest-implementation"
    latest: date | None  # the latest day the event may happen (may be a weekend); None: none
    date: date | None  # the planned day: a scheduled meeting, or the latest working day
    meetings: tuple[date, ...] = ()  # the scheduled meetings considered, if any
    meeting: date | None = None  # the meeting chosen
    meeting_found: bool | None = None  # None when no meetings were given
    notes: tuple[str, ...] = ()


class Result(NamedTuple):
    """Everything `deadlines compute` shows."""

    region: str
    holidays_source: str
    confirmed_through: date
    inputs: dict[str, date]
    deadlines: tuple[Deadline, ...]
    plan: Plan | None = None

    def deadline(self, rule_id: str) -> Deadline:
        """The deadline with this rule id (KeyError if it was not computed)."""
        for d in self.deadlines:
            if d.id == rule_id:
                return d
        raise KeyError(rule_id)


_REGION_WORDS = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
    "united-kingdom": "any part of the United Kingdom",
}
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def fmt(d: date) -> str:
    """A date as a lawyer reads it: "Sun 10 May 2015" (English names, whatever the locale)."""
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month]} {d.year}"


def _status(relation: str, boundary: date, actual: date | None) -> str:
    if actual is None:
        return "pending"
    on_time = actual <= boundary if relation == "on-or-before" else actual >= boundary
    return "met" if on_time else "missed"


def _safe_working_day(cal: Calendar, relation: str, boundary: date) -> date:
    if relation == "on-or-before":
        return cal.working_day_on_or_before(boundary)
    return cal.working_day_on_or_after(boundary)


def period_words(rule: Rule, counting: str, ruleset: RuleSet) -> str:
    """The period in words: "5 clear working days before the decision"."""
    direction = "following" if rule.elapsed else rule.direction  # reg 10(1)(c)'s own words
    words = counting_mod.counting(counting).words.format(
        n=rule.length, direction=direction, event=ruleset.events[rule.reference].label
    )
    for plural in ("working days", "clear days", "calendar months"):
        words = words.replace(f"1 {plural}", f"1 {plural[:-1]}")
    if rule.elapsed:
        words = f"the day after {words} have elapsed"
    if rule.roll:
        words += ", or the next working day"
    return words


def rule_words(rule: Rule, ruleset: RuleSet) -> str:
    """A rule's period in words under its own counting; for a follower, the day after."""
    if rule.follows:
        base = ruleset.rule(rule.follows)
        return f"the day after {base.id} ({period_words(base, base.counting, ruleset)})"
    return period_words(rule, rule.counting, ruleset)


def _notes(  # noqa: PLR0913
    cal: Calendar, relation: str, unit: str, reference: date, boundary: date, safe: date
) -> list[str]:
    """Notes a lawyer must see about one date: a non-working boundary, projections, one-offs."""
    notes = []
    if boundary != safe:
        side = "latest" if relation == "on-or-before" else "first"
        notes.append(
            f"The legal boundary, {fmt(boundary)}, is not a working day "
            f"({cal.reason_closed(boundary)}); the {side} working day is {fmt(safe)}."
        )
    lo, hi = min(reference, boundary, safe), max(reference, boundary, safe)
    if hi > cal.confirmed_through:
        notes.append(
            f"Depends on projected bank holidays after {cal.confirmed_through.isoformat()}: "
            f"the government has not yet published the holidays for the later days this count "
            f"crosses ({cal.source})."
        )
    if unit == "working-days":
        for day in cal.special_days(lo, hi):
            notes.append(
                f"The period spans {day.reason} ({fmt(day.date)}), a {day.kind} bank holiday; "
                f"whether a holiday proclaimed after a period began changes it is unsettled "
                f"(LEGAL.md 3.4)."
            )
    return notes


def _reading_note(reading: Reading, prefix: str = "", of: str = "") -> str:
    """ "Under clear-working-days the date would be Sun 26 Apr 2015 (working day ...)." """
    text = f"Under {reading.counting}{of} the date would be {fmt(reading.date)}"
    if reading.date != reading.working_day:
        text += f" (working day {fmt(reading.working_day)})"
    if reading.status != "pending":
        text += f", and the actual date would have {reading.status} it"
    return f"{prefix} {text}.".strip()


def _with_readings(
    static: tuple[str, ...], readings: Sequence[Reading], prefix: str, of: str = ""
) -> tuple[str, ...]:
    """A deadline's notes: those that do not depend on an act, then one per other reading."""
    return static + tuple(_reading_note(r, prefix, of) for r in readings)


class Computer:
    """Rules, calendar and conventions made ready once; `run` computes one set of inputs.

    `compute()` makes one per call; `deadlines check` keeps one per region for a whole file.
    Each rule's deadline for a reference date is worked out once (an _Entry) and each set of
    events is resolved to its entries once (its steps), so a row of a calendar that repeats its
    dates pays only for judging its acts: a comparison, and a bisection for a working-day margin.
    Caches are bounded; all of them are pure functions of the rules, calendar and dates.
    """

    def __init__(
        self,
        *,
        region: str = "england-and-wales",
        conventions: Mapping[str, str] | None = None,
        rules: RuleSet | None = None,
        holidays: holiday_data.HolidayData | None = None,
    ) -> None:
        self.ruleset = ruleset = rules or builtin()
        self.cal = Calendar(region, holidays=holidays)
        self.region = region
        self.conventions = conventions = dict(conventions or {})
        for rule_id, name in conventions.items():
            rule = ruleset.rule(rule_id)
            if rule.follows:
                msg = (
                    f"--convention {rule_id}={name}: {rule_id} always follows {rule.follows}; "
                    f"expected a convention on {rule.follows} instead"
                )
                raise RuleError(msg)
            if name not in counting_mod.COUNTINGS:
                msg = (
                    f"--convention {rule_id}={name}: unknown counting {name!r}; expected one of "
                    f"{', '.join(counting_mod.COUNTINGS)}"
                )
                raise RuleError(msg)
            months = rule.unit == "calendar-months"
            if months != (counting_mod.COUNTINGS[name].unit == "calendar-months"):
                msg = (
                    f"--convention {rule_id}={name}: {rule_id} counts in {rule.unit}; expected a "
                    f"counting in {rule.unit}"
                )
                raise RuleError(msg)
        # An actual date may be an event of its own (the decision, judged against the earliest
        # day a general-exception notice allows): it is then read from the events given.
        self.actuals = {
            r.actual for r in ruleset.rules if r.actual and r.actual not in ruleset.events
        }
        self.chosen = {r.id: conventions.get(r.id, r.counting) for r in ruleset.rules}
        self._caches = _Caches()
        slots: dict[str, _Slot] = {}
        for rule in ruleset.rules:  # a follower comes after its base (rules.py checks)
            slots[rule.id] = _Slot(self, rule, slots[rule.follows] if rule.follows else None)
        self._slots = tuple(slots.values())
        self._by_id = slots
        self._first, self._last = self.cal.first.toordinal(), self.cal.last.toordinal()

    def run(
        self,
        events: Mapping[str, date | None],
        actual: Mapping[str, date] | None = None,
        meetings: Sequence[date] | None = None,
        plan: bool = True,
    ) -> Result:
        """The deadlines of one set of events (see `compute`)."""
        ruleset, cal = self.ruleset, self.cal
        actual = self._checked_actual(actual)
        given = _given_events(cal, ruleset, events)
        for day in meetings or ():
            cal.check(day, "meeting date")
        inputs = dict(given)
        planned = None
        if plan and ruleset.plan and ruleset.plan.event not in given:
            planned = self._plan_step(given, meetings)
        if meetings and planned is None:
            msg = (
                "meetings were given but there is no decision to plan; expected a receipt date "
                "(--received) and no decision date"
            )
            raise InputError(msg)
        planned_events = {k for k in given if k not in inputs} if planned else ()
        deadlines, _ = _apply(self._steps(given, inputs, planned_events), actual, planned)
        return Result(
            region=self.region,
            holidays_source=cal.source,
            confirmed_through=cal.confirmed_through,
            inputs=inputs,
            deadlines=deadlines,
            plan=planned,
        )

    def judge(
        self, events: Mapping[str, date | None], actual: Mapping[str, date] | None = None
    ) -> tuple[tuple[Deadline, ...], tuple[object, ...]]:
        """The deadlines of one set of events, not planned, each with a key for renderers.

        The same as `run(events, actual, plan=False).deadlines`. A deadline's key is the same
        object whenever everything in it but `actual` and `margin` is the same (and, with no
        actual date, whenever everything is), so a renderer of many rows may cache on it.
        """
        # A calendar repeats its events row after row: the rules they give, and the deadlines
        # before any act is judged, are found once per distinct set of events (bounded).
        key = tuple(events.items())
        steps = self._caches.steps.get(key)
        if steps is None:
            given = _given_events(self.cal, self.ruleset, events)
            steps = self._caches.steps[key] = self._steps(given, given, ())
        return _apply(steps, self._checked_actual(actual), None)

    def _checked_actual(self, actual: Mapping[str, date] | None) -> Mapping[str, date]:
        if not actual:
            return {}
        first, last = self._first, self._last
        for name, day in actual.items():
            if name not in self.actuals:
                msg = (
                    f"unknown actual date {name!r}; expected one of "
                    f"{', '.join(sorted(self.actuals))}"
                )
                raise InputError(msg)
            if not first <= day.toordinal() <= last:
                self.cal.check(day, f"{name} date")
        return actual

    def _steps(
        self, given: Mapping[str, date], inputs: Mapping[str, date], planned_events: Collection[str]
    ) -> tuple[_Step, ...]:
        """Every rule whose reference is known, in rule order: its entry and its actual date."""
        entries: dict[str, _Entry] = {}
        marked: set[str] = set()
        steps = []
        for slot in self._slots:
            base = slot.base
            if base is not None:
                base_entry = entries.get(base.id)
                if base_entry is None:
                    continue
                entry = slot.entry(base_entry.pending.reference_date, base_entry)
                is_planned = base.id in marked
            else:
                reference = given.get(slot.rule.reference)
                if reference is None:
                    continue  # never a guessed date (CONTRACT.md); planning is a separate step
                entry = slot.entry(reference)
                is_planned = slot.rule.reference in planned_events
            entries[slot.id] = entry
            if is_planned:
                marked.add(slot.id)
            if slot.actual_is_event:  # judged against an event of its own (general exception)
                steps.append(_Step(entry, None, inputs.get(slot.actual), is_planned))
            else:
                steps.append(_Step(entry, slot.actual, None, is_planned))
        return tuple(steps)

    def _plan_step(self, given: dict[str, date], meetings: Sequence[date] | None) -> Plan | None:
        """Plan the [plan] event if its target can be computed; adds its dates to `given`."""
        ruleset = self.ruleset
        spec = ruleset.plan
        slot = self._by_id[spec.target]
        if slot.rule.reference not in given:
            return None
        target = slot.entry(given[slot.rule.reference]).pending
        planned = plan_decision(self.cal, ruleset, spec, given, self.conventions, target, meetings)
        if planned.date is not None:
            given.update(_with_event(ruleset, spec, given, planned.date))
        return planned


class _Step(NamedTuple):
    """One rule of a run: its entry, and where its actual date comes from."""

    entry: _Entry
    actual: str | None  # the name of its actual date, if it has one
    fixed: date | None  # or the date itself, when the actual is an event (general exception)
    planned: bool  # counted from a planned event


def _apply(
    steps: tuple[_Step, ...], actual: Mapping[str, date], planned: Plan | None
) -> tuple[tuple[Deadline, ...], tuple[object, ...]]:
    """Each step's deadline judged against its actual date, and its key (Computer.judge)."""
    out = []
    keys = []
    for entry, name, fixed, is_planned in steps:
        d, key = entry.judge(fixed if name is None else actual.get(name))
        if is_planned:
            d, key = _mark_planned(d, planned), None
        out.append(d)
        keys.append(key)
    return tuple(out), tuple(keys)


def compute(  # noqa: PLR0913 - the contract's inputs, each named
    received: date | None = None,
    decision: date | None = None,
    decision_published: date | None = None,
    *,
    region: str = "england-and-wales",
    events: Mapping[str, date] | None = None,
    actual: Mapping[str, date] | None = None,
    conventions: Mapping[str, str] | None = None,
    rules: RuleSet | None = None,
    holidays: holiday_data.HolidayData | None = None,
    meetings: Sequence[date] | None = None,
    plan: bool = True,
) -> Result:
    """Every deadline that follows from the given events, with legal source and readings.

    `events` feeds any reference event a rule uses; `received`, `decision` and
    `decision_published` are shortcuts for the founding ones. `actual` maps an input such as
    "forward_plan" to the day the act was done, to judge met or missed (with a margin).
    `conventions` maps a rule id to the counting to use instead of the rule's own
    (CONTRACT.md `--convention`).

    When the rules have a [plan] and its event (the decision) is not given, the decision chain
    is planned backwards from the target deadline (LEGAL.md 5): on the latest of `meetings`
    that works, or else on the latest working day that works. `plan=False` leaves it out.
    """
    validate.compute_args(**{k: v for k, v in locals().items()})  # wrong types: InputError
    computer = Computer(region=region, conventions=conventions, rules=rules, holidays=holidays)
    return computer.run(
        {"received": received, "decision": decision, "decision_published": decision_published,
         **(events or {})},
        actual,
        meetings,
        plan,
    )  # fmt: skip


def _given_events(
    cal: Calendar, ruleset: RuleSet, raw: Mapping[str, date | None]
) -> dict[str, date]:
    """The events given, checked, with defaults filled in (decision_published <- decision)."""
    given = {k: v for k, v in raw.items() if v is not None}
    for name, day in given.items():
        if name not in ruleset.events:
            msg = f"unknown event {name!r}; expected one of {', '.join(ruleset.events)}"
            raise InputError(msg)
        cal.check(day, f"{name} date")
    for ev in ruleset.events.values():
        if ev.name not in given and ev.defaults_to in given:
            given[ev.name] = given[ev.defaults_to]
    for ev in ruleset.events.values():
        if ev.defaults_to in given and given[ev.name] < given[ev.defaults_to]:
            msg = (
                f"{ev.name} {given[ev.name].isoformat()} is before the {ev.defaults_to} "
                f"{given[ev.defaults_to].isoformat()}; expected the same day or later"
            )
            raise InputError(msg)
    return {k: given[k] for k in ruleset.events if k in given}


def _mark_planned(d: Deadline, plan: Plan) -> Deadline:
    note = (
        f"Planned backwards: counted from the planned {plan.event} on {fmt(plan.date)}, "
        f"{'the latest scheduled meeting' if plan.meeting_found else 'the latest day'} that still "
        f"meets {plan.target} ({fmt(plan.target_date)}); no {plan.event} date was given."
    )
    return d._replace(planned=True, notes=(note, *d.notes))


def _limit(
    cal: Calendar,
    ruleset: RuleSet,
    rule_id: str,
    events: Mapping[str, date],
    conventions: Mapping[str, str],
) -> date:
    """One rule's legal boundary from the given events, without notes or readings."""
    rule = ruleset.rule(rule_id)
    if rule.follows:
        return cal.add_days(_limit(cal, ruleset, rule.follows, events, conventions), 1)
    chosen = conventions.get(rule.id, rule.counting)
    return _rule_boundary(cal.other(rule.region), rule, chosen, events[rule.reference])[0]


def _rule_boundary(cal: Calendar, rule: Rule, counting: str, reference: date) -> tuple[date, date]:
    """A rule's date under one counting, on its own calendar, and the date before any roll."""
    b = counting_mod.boundary(cal, counting, reference, rule.length, rule.direction)
    if rule.elapsed:
        return cal.add_days(b, 1), cal.add_days(b, 1)
    if rule.roll == "next-working-day":
        return cal.working_day_on_or_after(b), b
    return b, b


def _rule_calendar(cal: Calendar, ruleset: RuleSet, rule: Rule) -> Calendar:
    """The calendar a rule counts on: its own region's, or the run's (a follower: its base's)."""
    while rule.follows:
        rule = ruleset.rule(rule.follows)
    return cal.other(rule.region)


def _latest_event(  # noqa: PLR0913
    cal: Calendar,
    ruleset: RuleSet,
    spec: PlanSpec,
    given: Mapping[str, date],
    conventions: Mapping[str, str],
    target_day: date,
    publish_delay: int = 0,
) -> date | None:
    """The latest date of `spec.event` whose `spec.until` still meets `target_day`, or None.

    The chain is monotone in the event date, so a doubling search then a bisection finds it in
    O(log span) evaluations, each O(log H): no walk over days.
    """
    until = ruleset.rule(spec.until)
    until_cal = _rule_calendar(cal, ruleset, until)
    dependents = [
        ev.name
        for ev in ruleset.events.values()
        if ev.defaults_to == spec.event and ev.name not in given
    ]

    def ok(o: int) -> bool:
        e = date.fromordinal(o)
        events = {**given, spec.event: e}
        try:
            for name in dependents:
                events[name] = cal.add_days(e, publish_delay)
            b = _limit(cal, ruleset, spec.until, events, conventions)
            if until.relation == "on-or-after":
                return until_cal.working_day_on_or_after(b) <= target_day
        except OutsideHolidayData:
            return False
        return b <= target_day

    first = cal.first.toordinal()
    hi = min(target_day.toordinal(), cal.last.toordinal())
    if ok(hi):
        return date.fromordinal(hi)
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
    return date.fromordinal(lo)


def plan_decision(  # noqa: PLR0913
    cal: Calendar,
    ruleset: RuleSet,
    spec: PlanSpec,
    given: Mapping[str, date],
    conventions: Mapping[str, str],
    target: Deadline,
    meetings: Sequence[date] | None = None,
) -> Plan:
    """Plan `spec.event` backwards from the `target` deadline (LEGAL.md 5)."""
    until_cal = _rule_calendar(cal, ruleset, ruleset.rule(spec.until))
    latest = _latest_event(cal, ruleset, spec, given, conventions, target.working_day)
    notes = []
    if latest is None:
        notes.append(
            f"No {spec.event} date in the supported years lets {spec.until} meet {target.id} "
            f"({fmt(target.working_day)})."
        )
        return Plan(spec.event, target.id, target.working_day, spec.until, None, None, (), None,
                    None if meetings is None else False, tuple(notes))  # fmt: skip
    chosen = cal.working_day_on_or_before(latest)
    notes.append(
        f"Planned backwards from {target.id} ({fmt(target.working_day)}): the {spec.event} must "
        f"be taken by {fmt(latest)} for {spec.until} to fall on or before it."
    )
    if chosen != latest:
        notes.append(
            f"The latest legal day, {fmt(latest)}, is not a working day "
            f"({cal.reason_closed(latest)}); the plan uses {fmt(chosen)}."
        )
    try:
        one_later = cal.add_days(latest, 1)
        late = _limit(cal, ruleset, spec.until, _with_event(ruleset, spec, given, one_later),
                      conventions)  # fmt: skip
        notes.append(
            f"No slack: a {spec.event} on {fmt(one_later)} would allow {spec.until} only from "
            f"{fmt(until_cal.working_day_on_or_after(late))}."
        )
    except OutsideHolidayData:
        pass
    if any(ev.defaults_to == spec.event and ev.name not in given for ev in ruleset.events.values()):
        next_day = _latest_event(cal, ruleset, spec, given, conventions, target.working_day, 1)
        if next_day is not None:
            by = cal.working_day_on_or_before(next_day)
            notes.append(
                f"This assumes the {spec.event} is published the day it is taken. If it is "
                f"published the day after, take it by {fmt(by)}."
            )
    for reading in target.other_readings:
        other = _latest_event(cal, ruleset, spec, given, conventions, reading.working_day)
        if other is not None:
            notes.append(
                f"If {target.id} is read as {reading.counting} ({fmt(reading.working_day)}), "
                f"the {spec.event} must be taken by {fmt(cal.working_day_on_or_before(other))}."
            )
    if meetings is None:
        return Plan(spec.event, target.id, target.working_day, spec.until, latest, chosen,
                    notes=tuple(notes))  # fmt: skip
    schedule = tuple(sorted(set(meetings)))
    fitting = [m for m in schedule if m <= latest]
    after = [m for m in schedule if m > latest]
    if fitting:
        meeting = fitting[-1]
        notes.append(
            f"Of the {len(schedule)} scheduled meetings, the latest that works is {fmt(meeting)}."
        )
    else:
        meeting = None
        notes.append(
            f"None of the {len(schedule)} scheduled meetings works: each is after "
            f"{fmt(latest)}, the latest possible {spec.event} day. The dates below are planned "
            f"for an extra meeting on {fmt(chosen)}."
        )
    if after:
        events = _with_event(ruleset, spec, given, after[0])
        try:
            late = _limit(cal, ruleset, spec.until, events, conventions)
            notes.append(
                f"The next scheduled meeting, {fmt(after[0])}, is too late: {spec.until} would "
                f"be {fmt(until_cal.working_day_on_or_after(late))}."
            )
        except OutsideHolidayData:
            pass
    return Plan(
        spec.event,
        target.id,
        target.working_day,
        spec.until,
        latest,
        meeting or chosen,
        schedule,
        meeting,
        meeting is not None,
        tuple(notes),
    )


def _with_event(
    ruleset: RuleSet, spec: PlanSpec, given: Mapping[str, date], day: date
) -> dict[str, date]:
    events = {**given, spec.event: day}
    for ev in ruleset.events.values():
        if ev.defaults_to == spec.event and ev.name not in given:
            events[ev.name] = day
    return events


_new = tuple.__new__  # a Deadline from a tuple of its fields, without keyword parsing
# Entries a Computer keeps, over all its rules: a decision on every day of 17 years makes about
# 25,000 (about 4 KB each, with the JSON kept in their memos). Past this, all are forgotten.
_ENTRIES_MAX = 32_000


class _Caches:
    """What a Computer has worked out, bounded as a whole: entries by rule, steps by events."""

    __slots__ = ("entries", "made", "steps")

    def __init__(self) -> None:
        self.entries: list[dict[date, _Entry]] = []  # one dict per rule (slot)
        self.steps: dict[tuple, tuple[_Step, ...]] = {}
        self.made = 0

    def count(self) -> None:
        """One more entry made; past the bound, forget every entry and every step."""
        self.made += 1
        if self.made > _ENTRIES_MAX:
            for entries in self.entries:
                entries.clear()
            self.steps.clear()
            self.made = 1


class _Judged:
    """Status, notes and readings of a deadline for one pattern of statuses; a judge() key."""

    __slots__ = ("memo", "notes", "readings", "status")

    def __init__(self, status: str, notes: tuple[str, ...], readings: tuple[Reading, ...]) -> None:
        self.status, self.notes, self.readings = status, notes, readings
        self.memo = None  # render/json.py keeps this deadline's JSON pieces here


class _Entry:
    """A rule's pending deadline for one reference date, and what judging an act needs.

    Made once per (rule, reference date) by a Computer. Judging is then O(1), plus O(log H)
    for a margin in working days: the record is assembled from its pending fields, and the
    notes and readings of each pattern of statuses are made once.
    """

    __slots__ = ("before", "cal", "head", "judged", "limit", "limit_index", "memo", "middle",
                 "of", "pending", "prefix", "readings", "static", "tail", "unit")  # fmt: skip

    def __init__(
        self, pending: Deadline, static: tuple[str, ...], cal: Calendar, prefix: str, of: str
    ) -> None:
        self.pending = pending
        self.static = static  # the notes that do not depend on an actual date
        self.cal = cal  # the calendar the rule counts on
        self.prefix, self.of = prefix, of  # how its reading notes are worded
        self.limit = pending.date.toordinal()
        self.readings = tuple(r.date.toordinal() for r in pending.other_readings)
        self.before = pending.relation == "on-or-before"
        self.unit = pending.unit
        self.limit_index = cal.index(self.limit + self.before)  # for margins in working days
        # The fields around actual, status, notes, readings (12-15) and margin, its unit (19-20).
        self.head, self.middle, self.tail = pending[:12], pending[16:19], pending[21:]
        self.judged: dict[int, _Judged] = {}
        self.memo = None  # render/json.py keeps the pending deadline's JSON here

    def judge(self, done_on: date | None) -> tuple[Deadline, object]:
        """The deadline judged against the day the act was done, and its key (Computer.judge)."""
        if done_on is None:
            return self.pending, self
        o = done_on.toordinal()
        limit, before = self.limit, self.before
        if before:
            pattern = o <= limit
            for r in self.readings:
                pattern = pattern << 1 | (o <= r)
        else:
            pattern = o >= limit
            for r in self.readings:
                pattern = pattern << 1 | (o >= r)
        hit = self.judged.get(pattern)
        if hit is None:
            hit = self.judged[pattern] = self._judged(o)
        value, unit = _margin(self.cal, self.unit, before, limit, o, self.limit_index)
        fields = (*self.head, done_on, hit.status, hit.notes, hit.readings, *self.middle, value,
                  unit, *self.tail)  # fmt: skip
        return _new(Deadline, fields), hit

    def _judged(self, o: int) -> _Judged:
        """Status, notes and readings of an act on ordinal o: the same for a whole pattern."""
        done_on = date.fromordinal(o)
        p = self.pending
        readings = tuple(
            r._replace(status=_status(p.relation, r.date, done_on)) for r in p.other_readings
        )
        notes = _with_readings(self.static, readings, self.prefix, self.of)
        return _Judged(_status(p.relation, p.date, done_on), notes, readings)


class _Slot:
    """One rule made ready by a Computer: calendar, counting, words, and its entries so far."""

    __slots__ = ("actual", "actual_is_event", "base", "caches", "cal", "counting", "entries", "id",
                 "rule", "ruleset", "run_cal", "words")  # fmt: skip

    def __init__(self, computer: Computer, rule: Rule, base: _Slot | None) -> None:
        ruleset = computer.ruleset
        self.rule, self.ruleset, self.id, self.base = rule, ruleset, rule.id, base
        self.run_cal = computer.cal
        # FOIA counts UK-wide holidays whatever the council's region; a follower, its base's.
        self.cal = base.cal if base else computer.cal.other(rule.region)
        self.counting = computer.chosen[rule.id]
        if base:
            self.words = f"the day after {base.id} ({base.words})"
        else:
            self.words = period_words(rule, self.counting, ruleset)
        # An actual may be an event of its own: the decision, judged against general-exception.
        self.actual = rule.actual
        self.actual_is_event = rule.actual in ruleset.events
        self.entries: dict[date, _Entry] = {}
        self.caches = computer._caches
        self.caches.entries.append(self.entries)

    def entry(self, reference: date, base: _Entry | None = None) -> _Entry:
        """The entry for a reference date (a follower: for its base's entry of that date)."""
        hit = self.entries.get(reference)
        if hit is None:
            hit = self._follow(base) if base is not None else self._make(reference)
            self.caches.count()
            self.entries[reference] = hit
        return hit

    def _make(self, reference: date) -> _Entry:
        rule, own, chosen = self.rule, self.cal, self.counting
        boundary, unrolled = _rule_boundary(own, rule, chosen, reference)
        safe = _safe_working_day(own, rule.relation, boundary)
        readings = []
        for other in (rule.counting, *rule.other_readings):
            if other == chosen:
                continue
            d = _rule_boundary(own, rule, other, reference)[0]
            readings.append(Reading(other, d, _safe_working_day(own, rule.relation, d), "pending"))
        unit = counting_mod.counting(chosen).unit
        static = []
        if own is not self.run_cal:
            static.append(
                f"Counted on the bank holidays of {_REGION_WORDS[own.region]} ({own.region}), as "
                f"{rule.citation} requires, whatever the region chosen ({self.run_cal.region})."
            )
        if unrolled != boundary:
            static.append(
                f"The corresponding date, {fmt(unrolled)}, is not a working day "
                f"({own.reason_closed(unrolled)}); the deadline moves to the next working day, "
                f"{fmt(boundary)} ({rule.citation})."
            )
        static += _notes(own, rule.relation, unit, reference, boundary, safe)
        static = tuple(static)
        pending = Deadline(
            id=rule.id,
            title=rule.title,
            date=boundary,
            working_day=safe,
            relation=rule.relation,
            reference_event=rule.reference,
            reference_date=reference,
            length=rule.length,
            unit=unit,
            counting=chosen,
            source=rule.citation,
            period_words=self.words,
            notes=_with_readings(static, readings, rule.unsettled),
            other_readings=tuple(readings),
            direction=rule.direction,
            region=own.region,
            elapsed=rule.elapsed,
            rolled_from=unrolled if unrolled != boundary else None,
        )
        return _Entry(pending, static, own, rule.unsettled, "")

    def _follow(self, base_entry: _Entry) -> _Entry:
        """The day after the base rule's date (earliest implementation after call-in)."""
        rule, own, base = self.rule, self.cal, base_entry.pending
        boundary = own.add_days(base.date, 1)
        safe = _safe_working_day(own, rule.relation, boundary)
        readings = tuple(
            Reading(r.counting, day, _safe_working_day(own, rule.relation, day), "pending")
            for r in base.other_readings
            for day in (own.add_days(r.date, 1),)
        )
        static = tuple(_notes(own, rule.relation, base.unit, base.reference_date, boundary, safe))
        of = f" for {base.id}"
        pending = Deadline(
            id=rule.id,
            title=rule.title,
            date=boundary,
            working_day=safe,
            relation=rule.relation,
            reference_event=base.reference_event,
            reference_date=base.reference_date,
            length=base.length,
            unit=base.unit,
            counting=base.counting,
            source=rule.citation,
            period_words=self.words,
            notes=_with_readings(static, readings, "", of),
            other_readings=readings,
            direction=base.direction,
            follows=base.id,
            region=base.region,
        )
        return _Entry(pending, static, own, "", of)
