"""The contract JSON, made in one place: every command's JSON and `check`'s rows.

Dicts are built here from the records and encoded with orjson (a well-kept fast encoder);
`Result.to_dict()` is `result_dict`, so the API and the CLI cannot disagree. Never passes
through rich.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

import orjson

from deadlines._version import __version__
from deadlines.records import Deadline, Limit, Plan, Reading, Result, Verdict
from deadlines.wording import rule_words

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadlines.calendar import Calendar, ClosedDay
    from deadlines.explain import Explanation
    from deadlines.rules import RuleSet

SCHEMA = "deadlines/1"
_INDENT = orjson.OPT_INDENT_2
# Characters JSON allows raw but some line-based readers take for line ends (JavaScript's
# U+2028 and U+2029, and NEL): written as escapes, so a JSON Lines record is one line.
_LINE_ENDS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"),
              (b"\xc2\x85", b"\\u0085"))  # fmt: skip


def dumps(obj: object, *, indent: bool = True) -> str:
    """JSON text of plain data (str, int, bool, None, lists, tuples and dicts of them).

    Text with a lone surrogate (from a JSON input's "\\ud800") cannot be UTF-8: such a document
    is written with every non-ASCII character escaped instead, so nothing is lost.
    """
    try:
        return _escape_line_ends(orjson.dumps(obj, option=_INDENT if indent else 0)).decode()
    except orjson.JSONEncodeError:
        return json.dumps(obj, indent=2 if indent else None, separators=None if indent else
                          (",", ":"), ensure_ascii=True)  # fmt: skip


def dumps_line(obj: object) -> bytes:
    """One JSON Lines record, UTF-8, with its newline: never more than one line. Text with a
    lone surrogate (which cannot be UTF-8) is written with every non-ASCII character escaped."""
    try:
        return _escape_line_ends(orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE))
    except orjson.JSONEncodeError:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=True).encode() + b"\n"


def _escape_line_ends(data: bytes) -> bytes:
    if data.isascii():  # nothing to escape (the usual case), found far faster than by search
        return data
    for raw, escaped in _LINE_ENDS:
        if raw in data:
            data = data.replace(raw, escaped)
    return data


def _iso(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def reading_dict(r: Reading) -> dict[str, object]:
    """One entry of `other_readings`."""
    return {
        "counting": r.counting,
        "date": r.date.isoformat(),
        "working_day": r.working_day.isoformat(),
        "status": r.status,
    }


def deadline_dict(d: Deadline) -> dict[str, object]:
    """One deadline, keys in the contract's order, then our additions."""
    limit, verdict = d.limit, d.verdict
    return {
        **_fields(limit),
        "actual": _iso(d.actual),
        **_outcome(limit, verdict, list(d.notes), d.planned_note is not None),
        "margin": None if d.margin is None else {"value": d.margin, "unit": d.margin_unit},
        **_law(limit),
    }


def _fields(limit: Limit) -> dict[str, object]:
    """The keys before `actual`: the same for every act judged against this limit."""
    return {
        "id": limit.id,
        "title": limit.title,
        "date": _iso(limit.date),
        "working_day": _iso(limit.working_day),
        "relation": limit.relation,
        "reference": {"event": limit.reference_event, "date": limit.reference_date.isoformat()},
        "period": {"length": limit.length, "unit": limit.unit, "counting": limit.counting},
        "source": limit.source,
    }


def _outcome(limit: Limit, verdict: Verdict, notes: list[str], planned: bool) -> dict[str, object]:
    """The keys from `status` to `planned`: the verdict's, and the period in words."""
    return {
        "status": verdict.status,
        "notes": notes,
        "other_readings": [reading_dict(r) for r in verdict.other_readings],
        "words": limit.period_words,
        "planned": planned,
    }


def _law(limit: Limit) -> dict[str, object]:
    """The keys after `margin`: whose holidays were counted, and the law model's keys."""
    return {
        "region": limit.region,
        "in_force_from": _iso(limit.in_force_from),
        "day_set": limit.day_set,
        "time": limit.time,
        "earliest": _iso(limit.earliest),
        "clock": [
            {"event": c.event, "kind": c.kind, "date": c.date.isoformat(),
             "until": _iso(c.end), "days_added": c.days_added, "note": c.note}
            for c in limit.clock
        ],
    }  # fmt: skip


# -- JSON Lines: the same dicts, encoded in parts made once ---------------------------------------


def encode(value: object) -> bytes:
    """orjson's encoding with line ends escaped; orjson.JSONEncodeError on a lone surrogate."""
    return _escape_line_ends(orjson.dumps(value))


class _Wire:
    """One limit's deadline, encoded in parts: the keys before the actual date (`head`) and
    after the margin (`tail`). With a verdict's keys from `status` to `margin` (`middle`) and a
    row's actual date and margin they join into, byte for byte, `deadline_dict` encoded: the
    same dicts and the same encoder. Only the joins, the ISO date and the margin (digits and
    a unit name) are written here; tests/test_check_cache.py decodes every row against its dict."""

    __slots__ = ("head", "id", "limit", "tail")

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self.head = encode(_fields(limit))[:-1] + b',"actual":'
        self.tail = b"," + encode(_law(limit))[1:]
        self.id = encode(limit.id)

    def middle(self, verdict: Verdict) -> bytes:
        body = encode(_outcome(self.limit, verdict, list(verdict.notes), False))
        return b"," + body[1:-1] + b',"margin":'


class _Judged(NamedTuple):
    """A verdict on a limit, encoded: what a row adds is its actual date and margin."""

    verdict: Verdict
    limit: Limit
    head: bytes
    middle: bytes
    tail: bytes
    id: bytes  # the rule id, for the row's `missed`


# A calendar judges the same limits and verdicts row after row (the engine's memo shares them):
# their parts are encoded once, here, keyed by the record itself. Bounded; never changed once
# made.
WIRE_RECORDS = 70_000
_wires: dict[int, _Wire] = {}
_judged: dict[int, _Judged] = {}
_dates: dict[dt.date, bytes] = {}
_MARGINS = {"working-days": b'{"value":%d,"unit":"working-days"}',
            "days": b'{"value":%d,"unit":"days"}'}  # fmt: skip


def judged(d: Deadline) -> _Judged:
    """The encoded parts of a deadline's limit and verdict (made at their first use)."""
    verdict, limit = d.verdict, d.limit
    made = _judged.get(id(verdict))
    if made is None or made.verdict is not verdict or made.limit is not limit:
        w = _wires.get(id(limit))
        if w is None or w.limit is not limit:
            if len(_wires) >= WIRE_RECORDS:
                _wires.clear()
            w = _wires[id(limit)] = _Wire(limit)
        if len(_judged) >= WIRE_RECORDS:
            _judged.clear()
        made = _judged[id(verdict)] = _Judged(verdict, limit, w.head, w.middle(verdict), w.tail,
                                              w.id)  # fmt: skip
    return made


def add_deadline(pieces: list[bytes], d: Deadline) -> _Judged | None:
    """Append the pieces of `deadline_dict(d)` encoded to `pieces`, to be joined once with the
    rest of a row; return its encoded parts (None for a planned deadline, encoded whole).
    orjson.JSONEncodeError on text that cannot be UTF-8 (a lone surrogate)."""
    if d.planned_note is not None:
        pieces.append(encode(deadline_dict(d)))
        return None
    parts = judged(d)
    actual, margin = d.actual, d.margin
    day = b"null" if actual is None else _dates.get(actual)
    if day is None:
        assert actual is not None
        if len(_dates) >= WIRE_RECORDS:
            _dates.clear()
        day = _dates[actual] = b'"%s"' % actual.isoformat().encode()
    if margin is None:
        size = b"null"
    elif (pattern := _MARGINS.get(d.margin_unit or "")) is not None:
        size = pattern % margin
    else:
        size = encode({"value": margin, "unit": d.margin_unit})
    pieces += (parts.head, day, parts.middle, size, parts.tail)
    return parts


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
