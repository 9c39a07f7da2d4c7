"""The contract JSON, made in one place: every command's JSON and `check`'s rows.

Dicts are built here from the records and encoded with orjson (a well-kept fast encoder);
`Result.to_dict()` is `result_dict`, so the API and the CLI cannot disagree. Never passes
through rich.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

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


def dumps_line(
    obj: object, *, line_safe: bool = False, plain: Callable[[], object] | None = None
) -> bytes:
    """One JSON Lines record, UTF-8, with its newline: never more than one line.

    `line_safe`: the caller has made every string safe already (`line_safe()`), so the
    encoded record need not be scanned again. `plain`: the same record without fragments, for
    the fallback encoder (text with a lone surrogate cannot be UTF-8).
    """
    try:
        data = orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE)
    except orjson.JSONEncodeError:
        value = obj if plain is None else plain()
        text = json.dumps(value, separators=(",", ":"), ensure_ascii=True)
        return text.encode() + b"\n"
    return data if line_safe else _escape_line_ends(data)


def _escape_line_ends(data: bytes) -> bytes:
    for raw, escaped in _LINE_ENDS:
        if raw in data:
            data = data.replace(raw, escaped)
    return data


def line_safe(text: str) -> object:
    """A string for a JSON Lines record: itself, or (if it holds a character some readers
    take for a line end) its encoding with that character escaped."""
    if "\u2028" in text or "\u2029" in text or "\x85" in text:
        try:
            return orjson.Fragment(_escape_line_ends(orjson.dumps(text)).decode())
        except orjson.JSONEncodeError:  # a lone surrogate: the fallback escapes everything
            return text
    return text


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
    return _deadline(d, wire=False)


def deadline_wire(d: Deadline) -> object:
    """`deadline_dict(d)` ready for the encoder: the parts shared between rows (notes, other
    readings, a whole pending deadline) as orjson fragments, encoded once."""
    if d.planned_note is not None:
        return _deadline(d, wire=True)
    if d.actual is None:
        whole = _pending.get(id(d))
        if whole is None or whole[0] is not d:
            whole = _remember(_pending, d, _fragment(_deadline(d, wire=True)))
        return whole[1]
    # The rest of a judged deadline is the same for every act with the same verdict on the same
    # limit: the encoder writes it once, with markers where the act's own date and margin go,
    # and each row fills those two in.
    key = (id(d.limit), id(d.verdict))
    made = _templates.get(key)
    if made is None or made[0] is not d.limit or made[1] is not d.verdict:
        made = _template(d)
        if len(_templates) >= _CACHE_MAX:
            _templates.clear()
        _templates[key] = made
    parts = made[2]
    if parts is None:  # a marker could not be placed once (it is in the data): no template
        return _deadline(d, wire=True)
    head, middle, tail = parts
    actual = d.actual.isoformat().encode()
    if d.margin is None:
        margin = b"null"
    else:
        margin = b'{"value":%d,"unit":"%s"}' % (d.margin, (d.margin_unit or "").encode())
    return orjson.Fragment(b"".join((head, actual, middle, margin, tail)))


_ACTUAL_MARK = "\ue000actual\ue000"  # a private-use text no rule or calendar writes
_MARGIN_MARK = "\ue000margin\ue000"


def _template(d: Deadline) -> tuple[Limit, Verdict, tuple[bytes, bytes, bytes] | None]:
    """The encoded deadline split around its actual date and margin, or None if it cannot be."""
    value = _deadline(d, wire=True)
    value["actual"], value["margin"] = _ACTUAL_MARK, _MARGIN_MARK
    try:
        text = _escape_line_ends(orjson.dumps(value))
    except orjson.JSONEncodeError:
        return d.limit, d.verdict, None
    a, m = orjson.dumps(_ACTUAL_MARK)[1:-1], orjson.dumps(_MARGIN_MARK)
    if text.count(a) != 1 or text.count(m) != 1:
        return d.limit, d.verdict, None
    head, rest = text.split(a)
    middle, tail = rest.split(m)
    return d.limit, d.verdict, (head, middle, tail)


def _deadline(d: Deadline, *, wire: bool) -> dict[str, object]:
    limit, verdict = d.limit, d.verdict
    heads = _wire_heads if wire else _heads
    head = heads.get(id(limit))
    if head is None or head[0] is not limit:
        head = _remember(heads, limit, _head(limit, line_safe if wire else str))
    parts = _wire_judged if wire else _judged
    judged = parts.get(id(verdict))
    if judged is None or judged[0] is not verdict:
        # On the wire, plain lists at first, fragments (encoded once) when the verdict is met
        # again: a verdict seen once (all-distinct dates) costs no more than plain lists.
        judged = _remember(parts, verdict, _verdict_parts(verdict, fragments=False, wire=wire))
    elif wire and not judged[1][2]:
        judged = _remember(parts, verdict, _verdict_parts(verdict, fragments=True, wire=True))
    notes, readings = judged[1][0], judged[1][1]
    if d.planned_note is not None:
        planned = line_safe(d.planned_note) if wire else d.planned_note
        notes = [planned, *verdict.notes]
    actual = d.actual
    fields, words, region, law = head[1]
    return {
        **fields,
        "actual": None if actual is None else actual.isoformat(),
        "status": verdict.status,
        "notes": notes,
        "other_readings": readings,
        "words": words,
        "planned": d.planned_note is not None,
        "margin": None if d.margin is None else {"value": d.margin, "unit": d.margin_unit},
        "region": region,
        **law,
    }


# The keys before `actual`, words, region, and the law model's keys after them.
_Head = tuple[dict[str, object], object, object, dict[str, object]]
_SPECIAL = ("\u2028", "\u2029", "\x85")


def _head(limit: Limit, text: Callable[[str], object]) -> _Head:
    """What is the same for every act judged against this limit (`text`: each string as it
    goes into the output: itself, or made line-safe for JSON Lines)."""
    if text is line_safe and not any(
        c in f for f in (limit.id, limit.title, limit.source, limit.period_words, limit.day_set,
                         limit.reference_event) for c in _SPECIAL
    ) and not limit.clock:  # fmt: skip
        text = str  # nothing to make safe (the usual case): the plain strings as they are
    fields = {
        "id": text(limit.id),
        "title": text(limit.title),
        "date": _iso(limit.date),
        "working_day": _iso(limit.working_day),
        "relation": text(limit.relation),
        "reference": {
            "event": text(limit.reference_event),
            "date": limit.reference_date.isoformat(),
        },
        "period": {
            "length": limit.length,
            "unit": text(limit.unit),
            "counting": text(limit.counting),
        },
        "source": text(limit.source),
    }
    law = {
        "in_force_from": _iso(limit.in_force_from),
        "day_set": text(limit.day_set),
        "time": limit.time,
        "earliest": _iso(limit.earliest),
        "clock": [
            {"event": text(c.event), "kind": c.kind, "date": c.date.isoformat(),
             "until": _iso(c.end), "days_added": c.days_added, "note": text(c.note)}
            for c in limit.clock
        ],
    }  # fmt: skip
    return fields, text(limit.period_words), text(limit.region), law


def _verdict_parts(verdict: Verdict, *, fragments: bool, wire: bool) -> tuple[object, object, bool]:
    """Notes and other readings as lists, or as fragments for the encoder (with a flag)."""
    notes = list(verdict.notes)
    readings = [reading_dict(r) for r in verdict.other_readings]
    if not wire:
        return notes, readings, False
    if fragments or any(c in n for n in notes for c in _SPECIAL):  # line ends escaped
        return _fragment(notes), _fragment(readings), True
    return notes, readings, False


def _fragment(value: object) -> object:
    """Already-encoded JSON for orjson to copy; the value itself if it cannot be UTF-8."""
    try:
        # Kept as text: orjson's bytes keep their whole (4 KB) buffer, text is its own size.
        return orjson.Fragment(_escape_line_ends(orjson.dumps(value)).decode())
    except orjson.JSONEncodeError:  # a lone surrogate: dumps() falls back for the document
        return value


# A calendar judges the same limits and verdicts row after row (the engine's memo shares them):
# their parts are made once, here, keyed by the record itself. Bounded; never changed once made.
_CACHE_MAX = 30_000
_heads: dict[int, tuple[Limit, _Head]] = {}
_wire_heads: dict[int, tuple[Limit, _Head]] = {}
_judged: dict[int, tuple[Verdict, tuple[object, object, bool]]] = {}
_wire_judged: dict[int, tuple[Verdict, tuple[object, object, bool]]] = {}
_pending: dict[int, tuple[Deadline, object]] = {}
_templates: dict[tuple[int, int], tuple[Limit, Verdict, tuple[bytes, bytes, bytes] | None]] = {}


def _remember(cache: dict[int, Any], record: object, parts: object) -> Any:
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    entry = cache[id(record)] = (record, parts)
    return entry


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
