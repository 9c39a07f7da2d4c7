"""Inputs + rules + calendar -> Result: immutable NamedTuple records, dates as dates.

Nothing here prints, formats for a terminal, reads the clock or touches the network; a council's
own script gets from `compute(...)` exactly the data the CLI prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import NamedTuple

from deadlines import counting as counting_mod
from deadlines import holiday_data
from deadlines.calendar import Calendar
from deadlines.errors import InputError, RuleError
from deadlines.rules import Rule, RuleSet, builtin


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


class Result(NamedTuple):
    """Everything `deadlines compute` shows."""

    region: str
    holidays_source: str
    confirmed_through: date
    inputs: dict[str, date]
    deadlines: tuple[Deadline, ...]

    def deadline(self, rule_id: str) -> Deadline:
        """The deadline with this rule id (KeyError if it was not computed)."""
        for d in self.deadlines:
            if d.id == rule_id:
                return d
        raise KeyError(rule_id)


def fmt(d: date) -> str:
    """A date as a lawyer reads it: "Sun 10 May 2015"."""
    return f"{d:%a} {d.day} {d:%b %Y}"


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
    words = counting_mod.counting(counting).words.format(
        n=rule.length, direction=rule.direction, event=ruleset.events[rule.reference].label
    )
    return words.replace("1 working days", "1 working day").replace("1 clear days", "1 clear day")


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


def _check_inputs(
    ruleset: RuleSet, conventions: Mapping[str, str], actual: Mapping[str, date]
) -> None:
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
    known_actuals = {r.actual for r in ruleset.rules if r.actual}
    for name in actual:
        if name not in known_actuals:
            msg = (
                f"unknown actual date {name!r}; expected one of {', '.join(sorted(known_actuals))}"
            )
            raise InputError(msg)


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
) -> Result:
    """Every deadline that follows from the given events, with legal source and readings.

    `events` feeds any reference event a rule uses; `received`, `decision` and
    `decision_published` are shortcuts for the founding ones. `actual` maps an input such as
    "forward_plan" to the day the act was done, to judge met or missed. `conventions` maps a
    rule id to the counting to use instead of the rule's own (CONTRACT.md `--convention`).
    """
    ruleset = rules or builtin()
    cal = Calendar(region, holidays=holidays)
    conventions = dict(conventions or {})
    actual = dict(actual or {})
    _check_inputs(ruleset, conventions, actual)

    given = {
        k: v
        for k, v in {
            "received": received,
            "decision": decision,
            "decision_published": decision_published,
            **(events or {}),
        }.items()
        if v is not None
    }
    for name, day in given.items():
        if name not in ruleset.events:
            msg = f"unknown event {name!r}; expected one of {', '.join(ruleset.events)}"
            raise InputError(msg)
        cal.check(day, f"{name} date")
    for name, day in actual.items():
        cal.check(day, f"{name} date")
    for ev in ruleset.events.values():
        if ev.name not in given and ev.defaults_to in given:
            given[ev.name] = given[ev.defaults_to]
    if (
        "decision" in given
        and given.get("decision_published", given["decision"]) < given["decision"]
    ):
        msg = (
            f"decision_published {given['decision_published'].isoformat()} is before the "
            f"decision {given['decision'].isoformat()}; expected the same day or later"
        )
        raise InputError(msg)

    done: dict[str, Deadline] = {}
    for rule in ruleset.rules:
        if rule.follows:
            base = done.get(rule.follows)
            if base is not None:
                done[rule.id] = _follow(cal, rule, base, actual.get(rule.actual or ""))
            continue
        reference = given.get(rule.reference)
        if reference is None:
            continue  # never a guessed date (CONTRACT.md); planning backwards is a separate step
        done[rule.id] = _deadline(
            cal, ruleset, rule, reference, conventions.get(rule.id, rule.counting), actual
        )

    order = [r.id for r in ruleset.rules]
    return Result(
        region=region,
        holidays_source=cal.source,
        confirmed_through=cal.confirmed_through,
        inputs={k: given[k] for k in ruleset.events if k in given},
        deadlines=tuple(sorted(done.values(), key=lambda d: order.index(d.id))),
    )


def _deadline(  # noqa: PLR0913
    cal: Calendar,
    ruleset: RuleSet,
    rule: Rule,
    reference: date,
    chosen: str,
    actual: Mapping[str, date],
) -> Deadline:
    done_on = actual.get(rule.actual or "")
    boundary = counting_mod.boundary(cal, chosen, reference, rule.length, rule.direction)
    safe = _safe_working_day(cal, rule.relation, boundary)
    readings = []
    for other in (rule.counting, *rule.other_readings):
        if other == chosen:
            continue
        d = counting_mod.boundary(cal, other, reference, rule.length, rule.direction)
        readings.append(
            Reading(
                other,
                d,
                _safe_working_day(cal, rule.relation, d),
                _status(rule.relation, d, done_on),
            )
        )
    unit = counting_mod.counting(chosen).unit
    notes = _notes(cal, rule.relation, unit, reference, boundary, safe)
    notes += [_reading_note(r, rule.unsettled) for r in readings]
    return Deadline(
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
        period_words=period_words(rule, chosen, ruleset),
        actual=done_on,
        status=_status(rule.relation, boundary, done_on),
        notes=tuple(notes),
        other_readings=tuple(readings),
        direction=rule.direction,
    )


def _follow(cal: Calendar, rule: Rule, base: Deadline, done_on: date | None) -> Deadline:
    """A rule whose date is the day after another's (earliest implementation after call-in)."""
    boundary = cal.add_days(base.date, 1)
    safe = _safe_working_day(cal, rule.relation, boundary)
    readings = tuple(
        Reading(
            r.counting,
            day,
            _safe_working_day(cal, rule.relation, day),
            _status(rule.relation, day, done_on),
        )
        for r in base.other_readings
        for day in (cal.add_days(r.date, 1),)
    )
    notes = _notes(cal, rule.relation, base.unit, base.reference_date, boundary, safe)
    notes += [_reading_note(r, of=f" for {base.id}") for r in readings]
    return Deadline(
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
        period_words=f"the day after {base.id} ({base.period_words})",
        actual=done_on,
        status=_status(rule.relation, boundary, done_on),
        notes=tuple(notes),
        other_readings=readings,
        direction=base.direction,
        follows=base.id,
    )
