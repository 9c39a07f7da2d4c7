"""The engine: rules + events -> limits -> deadlines. The one route by which any command,
planning and explain included, gets a date.

`Engine` makes a rule set ready once (each rule's calendar, counting convention and words) and
then answers `limit(rule_id, events)`, `run(events, ...)` (a whole `Result`, with planning) and
`judge(events, actual)` (the deadlines of one calendar row). What it works out is kept in one
owned layer, `Memo`: each (rule, reference date) limit once, each verdict once per limit and
pattern of statuses, each distinct set of events once. The memo is bounded as a whole and says
how full it is (`Engine.memo.stats()`); everything in it is a pure function of the rules,
the calendar and the dates, so forgetting it changes no answer.

Nothing here prints, formats for a terminal, reads the clock or touches the network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from deadlines import holiday_data
from deadlines import wording as words
from deadlines.calendar import Calendar
from deadlines.counting import COUNTINGS, Convention, margin_ordinal
from deadlines.errors import InputError, RuleError
from deadlines.records import Deadline, Limit, Plan, Reading, Result, Verdict
from deadlines.rules import Rule, RuleSet, builtin

# Entries the memo keeps, over all rules: a calendar with its own received and decision dates
# on every row over two decades makes about 45,000. Past this, all are forgotten at once.
MEMO_ENTRIES = 60_000


class _Prepared(NamedTuple):
    """One rule made ready: where it sits, what it counts on, how it counts, how it reads."""

    position: int  # in the rule set
    rule: Rule
    base: int | None  # a follower's base rule (its position), else None
    cal: Calendar  # the calendar it counts on (FOIA: any part of the UK; a follower: its base's)
    convention: Convention | None  # None for a follower
    readings: tuple[Convention, ...]  # the other readings shown beside it
    words: str
    actual: str | None  # the input naming the day the act was done
    actual_is_event: bool  # the actual is an event of its own (the decision, general exception)


class _Entry:
    """A limit in the memo, with what judging an act against it needs, and its verdicts."""

    __slots__ = ("_pending", "before", "cal", "index", "limit", "ordinal", "readings", "verdicts")

    def __init__(self, limit: Limit, cal: Calendar) -> None:
        self.limit = limit
        self.cal = cal
        self.before = limit.relation == "on-or-before"
        self.ordinal = limit.date.toordinal() if limit.date else 0
        self.readings = tuple(r.date.toordinal() for r in limit.other_readings)
        self.index = cal.index(self.ordinal + self.before) if limit.date else 0
        self._pending: Deadline | None = None  # made when first asked for
        self.verdicts: dict[int, Verdict] = {}

    @property
    def pending(self) -> Deadline:
        """The deadline with no act judged (or not in force): one shared record."""
        if self._pending is None:
            limit = self.limit
            notes = words.with_readings(
                limit.notes, limit.other_readings, limit.reading_prefix, limit.reading_of
            )
            status = "pending" if limit.in_force else "not-in-force"
            self._pending = Deadline(limit, Verdict(status, notes, limit.other_readings))
        return self._pending

    def judge(self, done_on: dt.date | None) -> Deadline:
        """The deadline judged against the day the act was done (None: pending)."""
        if done_on is None or not self.limit.in_force:
            return self.pending
        o = done_on.toordinal()
        before = self.before
        pattern = int(o <= self.ordinal if before else o >= self.ordinal)
        for r in self.readings:
            pattern = pattern << 1 | (o <= r if before else o >= r)
        verdict = self.verdicts.get(pattern)
        if verdict is None:
            verdict = self.verdicts[pattern] = self._verdict(done_on)
        value, unit = margin_ordinal(self.cal, self.limit.unit, before, self.ordinal, o, self.index)
        return Deadline(self.limit, verdict, done_on, value, unit)

    def _verdict(self, done_on: dt.date) -> Verdict:
        limit = self.limit
        readings = tuple(
            r._replace(status=_status(limit.relation, r.date, done_on))
            for r in limit.other_readings
        )
        notes = words.with_readings(limit.notes, readings, limit.reading_prefix, limit.reading_of)
        assert limit.date is not None
        return Verdict(_status(limit.relation, limit.date, done_on), notes, readings)


class _Step(NamedTuple):
    """One rule of a set of events: its entry, and where its actual date comes from."""

    entry: _Entry
    actual: str | None  # the name of its actual date, if it has one
    fixed: dt.date | None  # or the date itself, when the actual is an event (general exception)
    planned: bool  # counted from a planned event


class Memo:
    """What an Engine has worked out, bounded as a whole (`bound` entries).

    `entries`: (rule position, reference date) -> _Entry, each holding its verdicts by pattern of
    statuses; `steps`: a set of events -> the entries it gives. Past the bound, everything is
    forgotten at once (and counted in `cleared`).
    """

    __slots__ = ("bound", "cleared", "entries", "steps")

    def __init__(self, bound: int = MEMO_ENTRIES) -> None:
        self.bound = bound
        self.entries: dict[tuple[int, dt.date], _Entry] = {}
        self.steps: dict[tuple[tuple[str, dt.date | None], ...], tuple[_Step, ...]] = {}
        self.cleared = 0

    def add(self, key: tuple[int, dt.date], entry: _Entry) -> None:
        if len(self.entries) >= self.bound:
            self.entries.clear()
            self.steps.clear()
            self.cleared += 1
        self.entries[key] = entry

    def stats(self) -> dict[str, int]:
        """How full the memo is: entries, verdicts, sets of events, and times cleared."""
        return {
            "entries": len(self.entries),
            "verdicts": sum(len(e.verdicts) for e in self.entries.values()),
            "steps": len(self.steps),
            "cleared": self.cleared,
            "bound": self.bound,
        }


def _status(relation: str, boundary: dt.date, actual: dt.date | None) -> str:
    if actual is None:
        return "pending"
    on_time = actual <= boundary if relation == "on-or-before" else actual >= boundary
    return "met" if on_time else "missed"


def safe_working_day(cal: Calendar, relation: str, boundary: dt.date) -> dt.date:
    """The nearest working day on the safe side of a boundary."""
    if relation == "on-or-before":
        return cal.working_day_on_or_before(boundary)
    return cal.working_day_on_or_after(boundary)


class Engine:
    """Rules, calendar and conventions made ready once; limits and deadlines on demand.

    `compute()` makes one per call; `deadlines check` keeps one per region for a whole file.
    """

    def __init__(
        self,
        *,
        region: str = "england-and-wales",
        conventions: Mapping[str, str] | None = None,
        rules: RuleSet | None = None,
        holidays: holiday_data.HolidayData | None = None,
        memo: Memo | None = None,
    ) -> None:
        self.ruleset = ruleset = rules or builtin()
        self.cal = Calendar(region, holidays=holidays)
        self.region = region
        self.conventions = dict(conventions or {})
        for rule_id, name in self.conventions.items():
            _check_convention(ruleset, rule_id, name)
        # An actual date may be an event of its own (the decision, judged against the earliest
        # day a general-exception notice allows): it is then read from the events given.
        self.actuals = frozenset(
            r.actual for r in ruleset.rules if r.actual and r.actual not in ruleset.events
        )
        self.memo = memo or Memo()
        prepared: list[_Prepared] = []
        by_id: dict[str, _Prepared] = {}
        for index, rule in enumerate(ruleset.rules):  # a follower comes after its base
            p = self._prepare(index, rule, by_id)
            prepared.append(p)
            by_id[rule.id] = p
        self._prepared = tuple(prepared)
        self._by_id = by_id
        self._first, self._last = self.cal.first.toordinal(), self.cal.last.toordinal()

    def _prepare(self, index: int, rule: Rule, by_id: Mapping[str, _Prepared]) -> _Prepared:
        actual_is_event = rule.actual in self.ruleset.events
        if rule.follows:
            base = by_id[rule.follows]
            return _Prepared(index, rule, base.position, base.cal, None, (),
                             words.follower_words(base.rule.id, base.words), rule.actual,
                             actual_is_event)  # fmt: skip
        chosen = COUNTINGS[self.conventions.get(rule.id, rule.counting)]
        readings = tuple(
            COUNTINGS[name] for name in (rule.counting, *rule.other_readings) if name != chosen.name
        )
        text = words.period(
            chosen.words,
            rule.length,
            rule.direction,
            self.ruleset.events[rule.reference].label,
            elapsed=rule.elapsed,
            roll=bool(rule.roll),
        )
        return _Prepared(index, rule, None, self.cal.other(rule.region), chosen, readings, text,
                         rule.actual, actual_is_event)  # fmt: skip

    # -- the one route to a date ---------------------------------------------------------------
    def limit(self, rule_id: str, events: Mapping[str, dt.date]) -> Limit:
        """One rule's limit from the given events (a follower: from its base's)."""
        return self._entry(self._rule(rule_id), events).limit

    def calendar_of(self, rule_id: str) -> Calendar:
        """The calendar a rule counts on."""
        return self._rule(rule_id).cal

    def _rule(self, rule_id: str) -> _Prepared:
        p = self._by_id.get(rule_id)
        if p is None:
            self.ruleset.rule(rule_id)  # raises, naming the known ids
            raise AssertionError(rule_id)
        return p

    def _entry(self, p: _Prepared, events: Mapping[str, dt.date]) -> _Entry:
        if p.base is not None:
            base = self._entry(self._prepared[p.base], events)
            return self._cached(p, base.limit.reference_date, base)
        return self._cached(p, events[p.rule.reference], None)

    def _cached(self, p: _Prepared, reference: dt.date, base: _Entry | None) -> _Entry:
        key = (p.position, reference)
        entry = self.memo.entries.get(key)
        if entry is None:
            limit = self._follow(p, base.limit) if base else self._count(p, reference)
            entry = _Entry(limit, p.cal)
            self.memo.add(key, entry)
        return entry

    def _count(self, p: _Prepared, reference: dt.date) -> Limit:
        """A rule's limit: its boundary under the chosen counting, readings, and notes."""
        rule, own = p.rule, p.cal
        assert p.convention is not None
        boundary, unrolled = _rule_boundary(own, rule, p.convention, reference)
        safe = safe_working_day(own, rule.relation, boundary)
        readings = []
        for other in p.readings:
            d = _rule_boundary(own, rule, other, reference)[0]
            readings.append(
                Reading(other.name, d, safe_working_day(own, rule.relation, d), "pending")
            )
        static = []
        if own is not self.cal:
            static.append(words.own_region(words.REGION_WORDS[own.region], own.region,
                                           rule.citation, self.cal.region))  # fmt: skip
        if unrolled != boundary:
            static.append(
                words.rolled(unrolled, own.reason_closed(unrolled), boundary, rule.citation)
            )
        static += _notes(own, rule.relation, p.convention.unit, reference, boundary, safe)
        return Limit(
            id=rule.id,
            title=rule.title,
            date=boundary,
            working_day=safe,
            relation=rule.relation,
            reference_event=rule.reference,
            reference_date=reference,
            length=rule.length,
            unit=p.convention.unit,
            counting=p.convention.name,
            source=rule.citation,
            period_words=p.words,
            other_readings=tuple(readings),
            notes=tuple(static),
            reading_prefix=rule.unsettled,
            direction=rule.direction,
            region=own.region,
            elapsed=rule.elapsed,
            rolled_from=unrolled if unrolled != boundary else None,
        )

    def _follow(self, p: _Prepared, base: Limit) -> Limit:
        """The day after the base rule's date (earliest implementation after call-in)."""
        rule, own = p.rule, p.cal
        assert base.date is not None
        boundary = own.add_days(base.date, 1)
        safe = safe_working_day(own, rule.relation, boundary)
        readings = tuple(
            Reading(r.counting, day, safe_working_day(own, rule.relation, day), "pending")
            for r in base.other_readings
            for day in (own.add_days(r.date, 1),)
        )
        static = _notes(own, rule.relation, base.unit, base.reference_date, boundary, safe)
        return Limit(
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
            period_words=p.words,
            other_readings=readings,
            notes=tuple(static),
            reading_of=f" for {base.id}",
            direction=base.direction,
            follows=base.id,
            region=base.region,
        )

    # -- whole computations --------------------------------------------------------------------
    def run(
        self,
        events: Mapping[str, dt.date | None],
        actual: Mapping[str, dt.date] | None = None,
        meetings: Sequence[dt.date] | None = None,
        plan: bool = True,
    ) -> Result:
        """Every deadline that follows from one set of events (see `compute`)."""
        from deadlines.plan import plan_backwards  # noqa: PLC0415 - only runs that plan need it

        ruleset, cal = self.ruleset, self.cal
        acts = self._checked_actual(actual)
        given = self.given_events(events)
        for day in meetings or ():
            cal.check(day, "meeting date")
        inputs = dict(given)
        planned: Plan | None = None
        if plan and ruleset.plan and ruleset.plan.event not in given:
            planned = plan_backwards(self, given, meetings)
        if meetings and planned is None:
            msg = (
                "meetings were given but there is no decision to plan; expected a receipt date "
                "(--received) and no decision date"
            )
            raise InputError(msg)
        planned_events = {k for k in given if k not in inputs} if planned else set()
        steps = self._steps(given, inputs, planned_events)
        deadlines = []
        for step in steps:
            d = step.entry.judge(step.fixed if step.actual is None else acts.get(step.actual))
            if step.planned and planned is not None and planned.date is not None:
                note = words.planned(planned.event, planned.date, planned.meeting_found,
                                     planned.target, planned.target_date)  # fmt: skip
                d = Deadline(d.limit, d.verdict, d.actual, d.margin, d.margin_unit, note)
            deadlines.append(d)
        return Result(
            region=self.region,
            holidays_source=cal.source,
            confirmed_through=cal.confirmed_through,
            inputs=inputs,
            deadlines=tuple(deadlines),
            plan=planned,
        )

    def judge(
        self, events: Mapping[str, dt.date | None], actual: Mapping[str, dt.date] | None = None
    ) -> tuple[Deadline, ...]:
        """The deadlines of one set of events, not planned: `run(..., plan=False).deadlines`."""
        # A calendar repeats its events row after row: the entries they give are found once
        # per distinct set of events.
        key = tuple(events.items())
        steps = self.memo.steps.get(key)
        if steps is None:
            given = self.given_events(events)
            steps = self.memo.steps[key] = self._steps(given, given, set())
        acts = self._checked_actual(actual)
        return tuple(
            s.entry.judge(s.fixed if s.actual is None else acts.get(s.actual)) for s in steps
        )

    def _steps(
        self,
        given: Mapping[str, dt.date],
        inputs: Mapping[str, dt.date],
        planned_events: set[str],
    ) -> tuple[_Step, ...]:
        """Every rule whose reference is known, in rule order: its entry and its actual date."""
        entries: dict[int, _Entry] = {}
        marked: set[int] = set()
        steps = []
        for p in self._prepared:
            if p.base is not None:
                base = entries.get(p.base)
                if base is None or base.limit.date is None:
                    continue
                entry = self._cached(p, base.limit.reference_date, base)
                is_planned = p.base in marked
            else:
                reference = given.get(p.rule.reference)
                if reference is None:
                    continue  # never a guessed date; planning is a separate step
                entry = self._cached(p, reference, None)
                is_planned = p.rule.reference in planned_events
            entries[p.position] = entry
            if is_planned:
                marked.add(p.position)
            if p.actual_is_event:  # judged against an event of its own (general exception)
                steps.append(_Step(entry, None, inputs.get(p.actual or ""), is_planned))
            else:
                steps.append(_Step(entry, p.actual, None, is_planned))
        return tuple(steps)

    def _checked_actual(self, actual: Mapping[str, dt.date] | None) -> Mapping[str, dt.date]:
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

    def given_events(self, raw: Mapping[str, dt.date | None]) -> dict[str, dt.date]:
        """The events given, checked, with defaults filled in (decision_published <- decision)."""
        ruleset, cal = self.ruleset, self.cal
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


def _check_convention(ruleset: RuleSet, rule_id: str, name: str) -> None:
    """A --convention ID=COUNTING that can be applied, or a RuleError saying why not."""
    rule = ruleset.rule(rule_id)
    if rule.follows:
        msg = (
            f"--convention {rule_id}={name}: {rule_id} always follows {rule.follows}; "
            f"expected a convention on {rule.follows} instead"
        )
        raise RuleError(msg)
    if name not in COUNTINGS:
        msg = (
            f"--convention {rule_id}={name}: unknown counting {name!r}; expected one of "
            f"{', '.join(COUNTINGS)}"
        )
        raise RuleError(msg)
    months = rule.unit == "calendar-months"
    if months != (COUNTINGS[name].unit == "calendar-months"):
        msg = (
            f"--convention {rule_id}={name}: {rule_id} counts in {rule.unit}; expected a "
            f"counting in {rule.unit}"
        )
        raise RuleError(msg)


def _rule_boundary(
    cal: Calendar, rule: Rule, convention: Convention, reference: dt.date
) -> tuple[dt.date, dt.date]:
    """A rule's date under one counting, on its own calendar, and the date before any roll."""
    b = convention.boundary(cal, reference, rule.length, rule.direction)
    if rule.elapsed:
        after = cal.add_days(b, 1)
        return after, after
    if rule.roll == "next-working-day":
        return cal.working_day_on_or_after(b), b
    return b, b


def _notes(  # noqa: PLR0913
    cal: Calendar,
    relation: str,
    unit: str,
    reference: dt.date,
    boundary: dt.date,
    safe: dt.date,
) -> list[str]:
    """Notes a lawyer must see about one date: a non-working boundary, projections, one-offs."""
    notes = []
    if boundary != safe:
        notes.append(words.non_working_boundary(relation, boundary, cal.reason_closed(boundary),
                                                safe))  # fmt: skip
    lo, hi = min(reference, boundary, safe), max(reference, boundary, safe)
    if hi > cal.confirmed_through:
        notes.append(words.projected(cal.confirmed_through, cal.source))
    if unit == "working-days":
        notes.extend(
            words.special_day(day.reason, day.date, day.kind) for day in cal.special_days(lo, hi)
        )
    return notes
