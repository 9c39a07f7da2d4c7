"""The contract JSON, made in one place: every command's JSON and `check`'s rows.

Dicts are built here from the records; `Result.to_dict()` is `result_dict`, so the API and the
CLI cannot disagree. A single document is encoded with the standard library's json: importing
orjson (with the dataclasses and json modules it brings) costs more start-up than it saves on
one document. `check`'s streams encode the same dicts with orjson (render/jsonl.py), where it
pays; tests/test_json_encoders.py holds the two encodings byte-equal. Never passes through rich.
"""

from __future__ import annotations

import datetime as dt
import json

from deadlines._version import __version__
from deadlines.records import Deadline, Limit, Plan, Reading, Result, Verdict
from deadlines.safe import jsonl
from deadlines.wording import rule_words

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadlines.calendar import Calendar, ClosedDay
    from deadlines.explain import Explanation
    from deadlines.rules import RuleSet

SCHEMA = "deadlines/1"


def dumps(obj: object, *, indent: bool = True) -> str:
    """JSON text of plain data (str, int, bool, None, lists, tuples and dicts of them), with
    U+2028, U+2029, the C1 controls and the bidi controls escaped (deadlines.safe.jsonl).

    Text with a lone surrogate (from a JSON input's "\\ud800") cannot be UTF-8: such a document
    is written with every non-ASCII character escaped instead, so nothing is lost.
    """
    text = _stdlib(obj, indent, ascii_only=False)
    if text.isascii():
        return text
    try:
        data = text.encode()
    except UnicodeEncodeError:
        return _stdlib(obj, indent, ascii_only=True)
    return jsonl(data).decode()


def _stdlib(obj: object, indent: bool, *, ascii_only: bool) -> str:
    if indent:
        return json.dumps(obj, ensure_ascii=ascii_only, indent=2)
    return json.dumps(obj, ensure_ascii=ascii_only, separators=(",", ":"))


# Each day's ISO text, made once: `check` names the same days in limit after limit, and
# date.isoformat formats through printf, several times the cost of a lookup.
ISO_DAYS = 100_000
_isos: dict[dt.date, str] = {}


def iso_day(d: dt.date) -> str:
    """`d.isoformat()`, each day's text made once (a date subclass: its own, never kept)."""
    if d.__class__ is not dt.date:
        return d.isoformat()
    text = _isos.get(d)
    if text is None:
        if len(_isos) >= ISO_DAYS:
            _isos.clear()
        text = _isos[d] = d.isoformat()
    return text


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else iso_day(d)


def reading_dict(r: Reading) -> dict[str, object]:
    """One entry of `other_readings`."""
    return {
        "counting": r.counting,
        "date": iso_day(r.date),
        "working_day": iso_day(r.working_day),
        "status": r.status,
    }


def deadline_dict(d: Deadline) -> dict[str, object]:
    """One deadline, keys in the contract's order, then our additions."""
    limit, verdict = d.limit, d.verdict
    return {
        **fields_dict(limit),
        "actual": _iso(d.actual),
        **outcome_dict(limit, verdict, list(d.notes), d.planned_note is not None),
        "margin": None if d.margin is None else {"value": d.margin, "unit": d.margin_unit},
        **law_dict(limit),
    }


def fields_dict(limit: Limit) -> dict[str, object]:
    """The keys before `actual`: the same for every act judged against this limit."""
    return {
        "id": limit.id,
        "title": limit.title,
        "date": _iso(limit.date),
        "working_day": _iso(limit.working_day),
        "relation": limit.relation,
        "reference": {"event": limit.reference_event, "date": iso_day(limit.reference_date)},
        "period": {"length": limit.length, "unit": limit.unit, "counting": limit.counting},
        "source": limit.source,
    }


def outcome_dict(
    limit: Limit, verdict: Verdict, notes: list[str], planned: bool
) -> dict[str, object]:
    """The keys from `status` to `planned`: the verdict's, and the period in words."""
    return {
        "status": verdict.status,
        "notes": notes,
        "other_readings": [reading_dict(r) for r in verdict.other_readings],
        "words": limit.period_words,
        "planned": planned,
    }


def law_dict(limit: Limit) -> dict[str, object]:
    """The keys after `margin`: whose holidays were counted, and the law model's keys."""
    return {
        "region": limit.region,
        "in_force_from": _iso(limit.in_force_from),
        "day_set": limit.day_set,
        "time": limit.time,
        "earliest": _iso(limit.earliest),
        "clock": [
            {"event": c.event, "kind": c.kind, "date": iso_day(c.date),
             "until": _iso(c.end), "days_added": c.days_added, "note": c.note}
            for c in limit.clock
        ],
    }  # fmt: skip


def plan_dict(p: Plan | None) -> dict[str, object] | None:
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


def holidays_dict(source: str, confirmed_through: dt.date) -> dict[str, object]:
    """Which bank-holiday data was used, and how far it is confirmed."""
    return {"source": source, "confirmed_through": confirmed_through.isoformat()}


def result_dict(result: Result) -> dict[str, object]:
    """The whole `compute` object."""
    return {
        "schema": SCHEMA,
        "tool": {"name": "deadlines", "version": __version__},
        "region": result.region,
        "holidays": holidays_dict(result.holidays_source, result.confirmed_through),
        "inputs": {k: v.isoformat() for k, v in result.inputs.items()},
        "deadlines": [deadline_dict(d) for d in result.deadlines],
        "plan": plan_dict(result.plan),
        "warnings": list(result.warnings),
    }


def render(result: Result) -> str:
    """The `compute` JSON text, one object."""
    return dumps(result_dict(result))


def render_explanation(e: Explanation) -> str:
    """The `explain` JSON: schema, holidays, id, date and the days (schema deadlines/1)."""
    d = deadline_dict(e.deadline)
    return dumps(
        {
            "schema": SCHEMA,
            "region": e.region,
            "holidays": holidays_dict(e.holidays_source, e.confirmed_through),
            "id": d["id"],
            "date": d["date"],
            "working_day": d["working_day"],
            "reference": d["reference"],
            "period": d["period"],
            "words": d["words"],
            "source": d["source"],
            "counted": sum(day.counted for day in e.days),
            "day_set": d["day_set"],
            "clock": d["clock"],
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
        }
    )


def render_holidays(cal: Calendar, year: int, days: list[ClosedDay]) -> str:
    """The `holidays` JSON: every non-working weekday of the year with its status."""
    return dumps(
        {
            "schema": SCHEMA,
            "region": cal.region,
            "year": year,
            "holidays": holidays_dict(cal.source, cal.confirmed_through),
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
        }
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
                "day_set": (r.days or ruleset.days).words(),
                "versions": [
                    {
                        "in_force_from": v.in_force_from.isoformat(),
                        "citation": v.citation,
                        "length": v.length if v.length is not None else r.length,
                        "statute_words": v.words if v.words is not None else r.words,
                    }
                    for v in r.versions
                ],
                "clock": [
                    {
                        "kind": c.kind,
                        "event": c.event,
                        "until": c.until,
                        "by": c.by,
                        "cap": c.cap,
                        "citation": c.citation,
                    }
                    for c in r.clock
                ],
                "time": r.time,
                "earliest": r.earliest,
            }
            for r in ruleset.rules
        ],
        "plan": None if ruleset.plan is None else ruleset.plan._asdict(),
    }


def render_rules(ruleset: RuleSet) -> str:
    """The `rules` JSON text."""
    return dumps(rules_dict(ruleset))


def render_packs(packs: list[RuleSet]) -> str:
    """The built-in packs: name, description, rule ids, events."""
    return dumps(
        {
            "schema": SCHEMA,
            "packs": [
                {"name": p.name, "description": p.description, "rules": list(p.ids),
                 "events": list(p.events), "extent": list(p.extent), "instead": p.instead,
                 "day_set": p.days.words()}
                for p in packs
            ],
        }
    )  # fmt: skip
