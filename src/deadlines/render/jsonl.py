"""`check`'s JSON Lines and JSON rows: the contract dicts of render/json.py, encoded by orjson
(a well-kept fast encoder) in parts made once per limit and verdict.

A calendar judges the same limits and verdicts row after row (the engine's memo shares them),
so each part is encoded once and a row only joins them around its own actual date and margin.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import orjson

from deadlines.records import Deadline, Limit, Verdict
from deadlines.render.json import deadline_dict, dumps, fields_dict, law_dict, outcome_dict
from deadlines.safe import jsonl


def dumps_line(obj: object) -> bytes:
    """One JSON Lines record, UTF-8, with its newline: never more than one line. Text with a
    lone surrogate (which cannot be UTF-8) is written with every non-ASCII character escaped."""
    try:
        return jsonl(orjson.dumps(obj, option=orjson.OPT_APPEND_NEWLINE))
    except orjson.JSONEncodeError:
        return dumps(obj, indent=False).encode() + b"\n"  # its own fallback: all ASCII


def encode(value: object) -> bytes:
    """orjson's encoding with line ends escaped; orjson.JSONEncodeError on a lone surrogate."""
    return jsonl(orjson.dumps(value))


class _Wire:
    """One limit's deadline, encoded in parts: the keys before the actual date (`head`) and
    after the margin (`tail`). With a verdict's keys from `status` to `margin` (`middle`) and a
    row's actual date and margin they join into, byte for byte, `deadline_dict` encoded: the
    same dicts and the same encoder. Only the joins, the ISO date and the margin (digits and
    a unit name) are written here; tests/test_check_cache.py decodes every row against its dict."""

    __slots__ = ("head", "id", "limit", "tail")

    def __init__(self, limit: Limit) -> None:
        self.limit = limit
        self.head = encode(fields_dict(limit))[:-1] + b',"actual":'
        self.tail = b"," + encode(law_dict(limit))[1:]
        self.id = encode(limit.id)

    def middle(self, verdict: Verdict) -> bytes:
        body = encode(outcome_dict(self.limit, verdict, list(verdict.notes), False))
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
