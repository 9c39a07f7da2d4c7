"""JSON exactly as CONTRACT.md fixes it. Never passes through rich."""

from __future__ import annotations

import json
from datetime import date

from deadlines._version import __version__
from deadlines.compute import Deadline, Plan, Reading, Result, rule_words

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadlines.calendar import Calendar, ClosedDay
    from deadlines.explain import Explanation
    from deadlines.rules import RuleSet

SCHEMA = "deadlines/1"


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def reading_dict(r: Reading) -> dict:
    """One entry of `other_readings`."""
    return {
        "counting": r.counting,
        "date": _iso(r.date),
        "working_day": _iso(r.working_day),
        "status": r.status,
    }


def deadline_dict(d: Deadline) -> dict:
    """One deadline, keys in the contract's order; `words`, `planned` are our additions."""
    return {
        "id": d.id,
        "title": d.title,
        "date": _iso(d.date),
        "working_day": _iso(d.working_day),
        "relation": d.relation,
        "reference": {"event": d.reference_event, "date": _iso(d.reference_date)},
        "period": {"length": d.length, "unit": d.unit, "counting": d.counting},
        "source": d.source,
        "actual": _iso(d.actual),
        "status": d.status,
        "notes": list(d.notes),
        "other_readings": [reading_dict(r) for r in d.other_readings],
        "words": d.period_words,
        "planned": d.planned,
        "margin": None if d.margin is None else {"value": d.margin, "unit": d.margin_unit},
        "region": d.region,
    }


def plan_dict(p: Plan | None) -> dict | None:
    """The backward plan: target, the planned event's latest and chosen day, meetings, notes."""
    if p is None:
        return None
    return {
        "event": p.event,
        "target": {"id": p.target, "date": _iso(p.target_date)},
        "until": p.until,
        p.event: {"latest": _iso(p.latest), "date": _iso(p.date)},
        "meetings": None
        if p.meeting_found is None
        else {
            "given": [_iso(m) for m in p.meetings],
            "chosen": _iso(p.meeting),
            "found": p.meeting_found,
        },
        "notes": list(p.notes),
    }


def result_dict(result: Result) -> dict:
    """The whole `compute` object."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "deadlines", "version": __version__},
        "region": result.region,
        "holidays": {
            "source": result.holidays_source,
            "confirmed_through": _iso(result.confirmed_through),
        },
        "inputs": {k: _iso(v) for k, v in result.inputs.items()},
        "deadlines": [deadline_dict(d) for d in result.deadlines],
        "plan": plan_dict(result.plan),
    }


def render(result: Result) -> str:
    """The `compute` JSON text, one object."""
    return json.dumps(result_dict(result), indent=2)


def render_explanation(e: Explanation) -> str:
    """The `explain` JSON: schema, holidays, id, date and the days (CONTRACT.md)."""
    d = deadline_dict(e.deadline)
    return json.dumps(
        {
            "schema": SCHEMA,
            "region": e.region,
            "holidays": {
                "source": e.holidays_source,
                "confirmed_through": _iso(e.confirmed_through),
            },
            "id": d["id"],
            "date": d["date"],
            "working_day": d["working_day"],
            "reference": d["reference"],
            "period": d["period"],
            "words": d["words"],
            "source": d["source"],
            "counted": sum(day.counted for day in e.days),
            "days": [
                {
                    "date": _iso(day.date),
                    "counted": day.counted,
                    "reason": day.reason,
                    "n": day.number,
                }
                for day in e.days
            ],
            "notes": d["notes"],
        },
        indent=2,
    )


def render_holidays(cal: Calendar, year: int, days: list[ClosedDay]) -> str:
    """The `holidays` JSON: every non-working weekday of the year with its status."""
    return json.dumps(
        {
            "schema": SCHEMA,
            "region": cal.region,
            "year": year,
            "holidays": {"source": cal.source, "confirmed_through": _iso(cal.confirmed_through)},
            "days": [
                {
                    "date": _iso(c.date),
                    "weekday": f"{c.date:%A}",
                    "name": c.reason,
                    "status": "confirmed" if c.status == "rule" else c.status,
                    "by_rule": c.status == "rule",
                    "kind": c.kind or None,
                    "divisions": list(c.divisions),
                }
                for c in days
            ],
        },
        indent=2,
    )


def rules_dict(ruleset: RuleSet) -> dict:
    """The rules in force: id, title, period in words, counting, relation, citation."""
    return {
        "schema": SCHEMA,
        "pack": ruleset.name,
        "description": ruleset.description,
        "events": [
            {"name": e.name, "label": e.label, "help": e.help, "defaults_to": e.defaults_to}
            for e in ruleset.events.values()
        ],
        "rules": [
            {
                "id": r.id,
                "title": r.title,
                "words": rule_words(r, ruleset),
                "relation": r.relation,
                "reference": r.reference or None,
                "period": None
                if r.follows
                else {"length": r.length, "unit": r.unit, "counting": r.counting},
                "follows": r.follows,
                "other_readings": list(r.other_readings),
                "citation": r.citation,
                "statute_words": r.words,
                "actual": r.actual,
                "region": r.region,
                "roll": r.roll,
                "elapsed": r.elapsed,
            }
            for r in ruleset.rules
        ],
        "plan": None if ruleset.plan is None else ruleset.plan._asdict(),
    }


def render_rules(ruleset: RuleSet) -> str:
    """The `rules` JSON text."""
    return json.dumps(rules_dict(ruleset), indent=2)


def render_packs(packs: list[RuleSet]) -> str:
    """The built-in packs: name, description, rule ids, events."""
    return json.dumps(
        {
            "schema": SCHEMA,
            "packs": [
                {"name": p.name, "description": p.description, "rules": list(p.ids),
                 "events": list(p.events)}
                for p in packs
            ],
        },
        indent=2,
    )  # fmt: skip


# -- fast path for many rows (deadlines check) -------------------------------------------------
# A calendar repeats the same deadlines row after row. Computer.judge gives each deadline a key
# that is the same object whenever all but its actual date and margin are the same; the text
# around those two is made once per key and kept on it. The text is exactly
# json.dumps(deadline_dict(d)) (tests/test_check.py and tests/test_check_cache.py check this).

_string = json.encoder.encode_basestring  # a str as JSON, exactly as json.dumps writes it


def deadlines_json(deadlines: tuple[Deadline, ...], keys: tuple[object, ...]) -> str:
    """The deadlines' JSON objects, comma-separated (a row's list, without its brackets).

    Each is json.dumps(deadline_dict(d)). A key from Computer.judge (None: no key) has a
    `memo` slot; the text around the actual date and the margin is kept there, so a deadline
    seen before costs one join. The memo lives and dies with the core's cached deadline.
    """
    parts = []
    for d, key in zip(deadlines, keys, strict=True):
        if key is None or (d.actual is not None and d.margin is None):
            parts.append("".join(_pieces(d)))
            continue
        memo = key.memo
        if memo is None:
            memo = key.memo = _pieces(d, split=True)
        if d.actual is None:
            parts.append(memo[0])
        else:
            parts.append(
                f'{memo[0]}{d.actual.isoformat()}{memo[1]}{d.margin}, "unit": "{d.margin_unit}"}}'
                f"{memo[2]}"
            )
    return ", ".join(parts)


def _pieces(d: Deadline, split: bool = False) -> tuple[str, str, str]:
    """The JSON of d in three pieces: before the actual date, up to the margin, the rest.

    With `split` and an actual date, the pieces leave out the actual date and the margin's
    value and unit, to be filled in per row.
    """
    r = d.reference_date.isoformat()
    head = (
        f'{{"id": {_string(d.id)}, "title": {_string(d.title)}, "date": "{d.date.isoformat()}", '
        f'"working_day": "{d.working_day.isoformat()}", "relation": {_string(d.relation)}, '
        f'"reference": {{"event": {_string(d.reference_event)}, "date": "{r}"}}, '
        f'"period": {{"length": {d.length}, "unit": {_string(d.unit)}, '
        f'"counting": {_string(d.counting)}}}, "source": {_string(d.source)}, "actual": '
    )
    notes = ", ".join(map(_string, d.notes))
    readings = ", ".join(
        f'{{"counting": {_string(x.counting)}, "date": "{x.date.isoformat()}", '
        f'"working_day": "{x.working_day.isoformat()}", "status": {_string(x.status)}}}'
        for x in d.other_readings
    )
    middle = (
        f', "status": {_string(d.status)}, "notes": [{notes}], "other_readings": [{readings}], '
        f'"words": {_string(d.period_words)}, "planned": {"true" if d.planned else "false"}, '
        f'"margin": '
    )
    tail = f', "region": {_string(d.region)}}}'
    if d.actual is None:
        return f"{head}null{middle}null{tail}", "", ""
    if split:
        return f'{head}"', f'"{middle}{{"value": ', tail
    margin = "null" if d.margin is None else f'{{"value": {d.margin}, "unit": "{d.margin_unit}"}}'
    return f'{head}"{d.actual.isoformat()}"', f"{middle}{margin}", tail
