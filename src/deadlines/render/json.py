"""JSON exactly as CONTRACT.md fixes it. Never passes through rich."""

from __future__ import annotations

import json
from datetime import date

from deadlines._version import __version__
from deadlines.compute import Deadline, Reading, Result

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadlines.calendar import Calendar, ClosedDay
    from deadlines.explain import Explanation

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
