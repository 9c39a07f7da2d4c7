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
# A calendar repeats the same deadlines row after row: the parts of a deadline's JSON that do not
# depend on the actual date are encoded once and reused. The text decodes to deadline_dict(d)
# exactly (tests/test_check.py checks this on every row of the example calendar).

_dumps = json.JSONEncoder(ensure_ascii=False).encode
_STATIC: dict[tuple, tuple[str, str]] = {}
_PARTS: dict[int, tuple[tuple, str]] = {}  # id -> (the tuple itself, its JSON)
_NO_HIT = (None, "")
_LIMIT = 150_000  # a 17-year calendar judges ~75k distinct notes and readings tuples


def _cached(cache: dict, key: object, make) -> str:
    hit = cache.get(key)
    if hit is None:
        if len(cache) >= _LIMIT:
            cache.clear()
        hit = cache[key] = make()
    return hit


def _encoded(parts: tuple, value) -> str:
    """The JSON of a tuple the core shares between rows, by identity (the entry keeps it alive)."""
    hit = _PARTS.get(id(parts), _NO_HIT)
    if hit[0] is not parts:
        if len(_PARTS) >= _LIMIT:
            _PARTS.clear()
        hit = _PARTS[id(parts)] = (parts, _dumps(value()))
    return hit[1]


def deadline_json(d: Deadline, key: object = None) -> str:
    """json.dumps(deadline_dict(d)), with the parts that repeat between rows encoded once.

    `key` is the deadline's key from Computer.judge: the same object whenever everything but
    `actual` and `margin` is the same. With it, a deadline costs one lookup and one join.
    """
    if key is None or (d.actual is not None and d.margin is None):
        return _deadline_json(d)
    hit = _KEYED.get(id(key), _NO_HIT)
    if hit[0] is not key:  # the entry keeps `key` alive, so its id is not reused meanwhile
        if len(_KEYED) >= _LIMIT:
            _KEYED.clear()
        if d.actual is None:
            hit = _KEYED[id(key)] = (key, _deadline_json(d), "", "")
        else:
            # Split the full text around the actual date and the margin, which vary by row.
            text = _deadline_json(d)
            actual = f'"actual": "{d.actual.isoformat()}"'
            margin = f'"margin": {{"value": {d.margin}, "unit": "{d.margin_unit}"}}, "region": '
            head, rest = text.split(actual, 1)
            mid, tail = rest.rsplit(margin, 1)
            hit = _KEYED[id(key)] = (key, head + '"actual": "', '"' + mid + '"margin": {"value": ',
                                     tail)  # fmt: skip
    if d.actual is None:
        return hit[1]
    return (
        f'{hit[1]}{d.actual.isoformat()}{hit[2]}{d.margin}, "unit": "{d.margin_unit}"}}, '
        f'"region": {hit[3]}'
    )


_KEYED: dict[int, tuple[object, str, str, str]] = {}


def _deadline_json(d: Deadline) -> str:
    """json.dumps(deadline_dict(d)), the shared parts encoded once (by value and by identity)."""
    key = (d.id, d.title, d.date, d.working_day, d.relation, d.reference_event, d.reference_date,
           d.length, d.unit, d.counting, d.source, d.period_words, d.planned)  # fmt: skip

    def make_static() -> tuple[str, str]:
        full = deadline_dict(d._replace(actual=None, status="", notes=(), other_readings=()))
        head = {k: full[k] for k in ("id", "title", "date", "working_day", "relation",
                                     "reference", "period", "source")}  # fmt: skip
        tail = {"words": full["words"], "planned": full["planned"]}
        return _dumps(head)[:-1], _dumps(tail)[1:-1]

    head, tail = _cached(_STATIC, key, make_static)
    # Notes and readings tuples are shared between rows by the core's caches: encode each once.
    notes = _encoded(d.notes, lambda: list(d.notes))
    readings = _encoded(d.other_readings, lambda: [reading_dict(r) for r in d.other_readings])
    actual = "null" if d.actual is None else f'"{d.actual.isoformat()}"'
    margin = "null" if d.margin is None else f'{{"value": {d.margin}, "unit": "{d.margin_unit}"}}'
    return (
        f'{head}, "actual": {actual}, "status": "{d.status}", "notes": {notes}, '
        f'"other_readings": {readings}, {tail}, "margin": {margin}, "region": "{d.region}"}}'
    )
