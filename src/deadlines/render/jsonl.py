"""`check`'s JSON Lines and JSON rows: the contract dicts of render/json.py, encoded by orjson
(a well-kept fast encoder) in parts made once per limit and verdict.

A calendar judges the same limits and verdicts row after row (the engine's memo shares them),
so each part is encoded once and a row only joins them around its own actual date and margin;
a deadline the engine shares between rows (the same act on the same limit) is kept encoded
whole, within a bound in bytes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import orjson

from deadlines.records import Deadline, Limit, Verdict
from deadlines.render.json import (
    deadline_dict,
    dumps,
    fields_dict,
    iso_day,
    law_dict,
    outcome_dict,
)
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


def encode_kept(value: object) -> bytes:
    """`encode(value)` to be kept: copied to its own size. orjson's result holds the buffer it
    was written in, 4 KB however short the text (a rule id kept per limit held 180 MB over a
    100,000-row calendar)."""
    return bytes(memoryview(encode(value)))


def _wire(limit: Limit) -> tuple[bytes, bytes, bytes]:
    """One limit's deadline, encoded in parts: the keys before the actual date (`head`), the
    keys after the margin (`tail`), and its rule id. With a verdict's keys from `status` to
    `margin` (`_middle`) and a row's actual date and margin they join into, byte for byte,
    `deadline_dict` encoded: the same dicts and the same encoder. Only the joins, the ISO date
    and the margin (digits and a unit name) are written here; tests/test_check_cache.py decodes
    every row against its dict."""
    head = encode(fields_dict(limit))[:-1] + b',"actual":'
    tail = b"," + encode(law_dict(limit))[1:]
    return head, tail, encode_kept(limit.id)


def _middle(limit: Limit, verdict: Verdict) -> bytes:
    body = encode(outcome_dict(limit, verdict, list(verdict.notes), False))
    return b"," + body[1:-1] + b',"margin":'


# A verdict on a limit, encoded (see `parts`): the id of the limit it was encoded with, the
# deadline's keys before the actual date, from `status` to `margin`, and after the margin, and
# the rule id (for the row's `missed`). A plain tuple of an int and bytes, which the garbage
# collector stops tracking: a calendar whose rows have their own dates keeps tens of thousands.
Parts = tuple[int, bytes, bytes, bytes, bytes]

# A calendar judges the same limits and verdicts row after row (the engine's memo shares them):
# their parts are encoded once, here, keyed by the id of the record. Each record is held (in
# `_held`) while its parts are here, so that its id names it alone. They are forgotten when the
# memo forgets its records (`deadlines check` passes `forget` to the memo), so they never
# outlive them; the bound, the memo's 50,000 limits times the verdicts a limit has in practice
# (one pending, one or two judged), holds for any other caller. Never changed once made.
WIRE_RECORDS = 200_000
_wires: dict[int, tuple[bytes, bytes, bytes]] = {}
_parts: dict[int, Parts] = {}
_held: list[Limit | Verdict] = []  # the records _wires and _parts are keyed by
_dates: dict[dt.date, bytes] = {}
# Deadlines encoded whole: see `_Whole`.
WHOLE_BYTES = 32 << 20
_TRIAL = 20_000  # deadlines a trial of keeping them whole looks up
_REST = 50_000  # rows written without keeping, after a trial that did not pay


class _Whole:
    """Deadlines encoded whole, by the id of the record: the record itself (held, so that its
    id names it alone), its bytes, and its rule id encoded if it was missed.

    The engine shares one record between every row whose act falls on the same day against the
    same limit: a meeting calendar's rows repeat a few thousand, so a row joins them whole. A
    calendar whose every row has its own dates repeats few within the bound, and keeping them
    costs more than it saves: after a trial of `_TRIAL` look-ups, if fewer than one in three
    found its deadline, all are forgotten and none is kept, or looked up, for `_REST` rows;
    then a new trial begins. Bounded by bytes (`WHOLE_BYTES`, about 25,000 deadlines; past it
    all are forgotten at once)."""

    __slots__ = ("by_id", "found", "looked", "resting", "size")

    def __init__(self) -> None:
        self.by_id: dict[int, tuple[Deadline, bytes, bytes | None]] = {}
        self.size = 0  # the bytes held
        self.found = self.looked = 0  # in the current trial
        self.resting = 0  # rows still to be written without keeping

    def clear(self) -> None:
        self.by_id.clear()
        self.size = self.found = self.looked = self.resting = 0

    def keep(self, d: Deadline, whole: bytes, missed: bytes | None) -> None:
        size = self.size + len(whole)
        if size > WHOLE_BYTES:
            self.by_id.clear()
            size = len(whole)
        self.size = size
        self.by_id[id(d)] = (d, whole, missed)

    def judge_trial(self) -> None:
        """At the end of a trial: rest if too few were found, else begin another."""
        if self.found * 3 < self.looked:
            self.clear()
            self.resting = _REST
        self.found = self.looked = 0


_whole = _Whole()
_MARGINS = {"working-days": b'{"value":%d,"unit":"working-days"}',
            "days": b'{"value":%d,"unit":"days"}'}  # fmt: skip


def forget() -> None:
    """Forget every encoded part (the engine's memo forgot the records they were made from)."""
    forget_parts()
    _dates.clear()
    _whole.clear()


def parts(verdict: Verdict, limit: Limit) -> Parts:
    """The encoded parts of a deadline's verdict on its limit (made at their first use)."""
    known = _parts.get(id(verdict))
    if known is not None and known[0] == id(limit):
        return known
    if len(_held) >= 2 * WIRE_RECORDS:  # each part and each limit holds one record
        forget_parts()
        known = None
    w = _wires.get(id(limit))
    if w is None:
        w = _wires[id(limit)] = _wire(limit)
        _held.append(limit)
    if known is None:  # a verdict encoded before, with another limit, is held already
        _held.append(verdict)
    head, tail, rule_id = w
    made = _parts[id(verdict)] = (id(limit), head, _middle(limit, verdict), tail, rule_id)
    return made


def forget_parts() -> None:
    """Forget the encoded limits and verdicts, and let go of the records they were made from."""
    _wires.clear()
    _parts.clear()
    _held.clear()


def day_json(day: dt.date) -> bytes:
    """A date as JSON text, "YYYY-MM-DD" (each made once)."""
    made = _dates.get(day)
    if made is None:
        if len(_dates) >= WIRE_RECORDS:
            _dates.clear()
        made = _dates[day] = b'"%s"' % iso_day(day).encode()
    return made


def deadlines_json(deadlines: Iterable[Deadline]) -> tuple[bytes, list[bytes]]:
    """Each `deadline_dict(d)` encoded, comma-separated (the inside of a row's `deadlines`
    list), and the rule ids of the missed ones, encoded. orjson.JSONEncodeError on text that
    cannot be UTF-8 (a lone surrogate)."""
    out: list[bytes] = []
    missed: list[bytes] = []
    whole_of = _whole
    if whole_of.resting:  # a trial found that keeping them whole did not pay
        whole_of.resting -= 1
        keeping = False
    else:
        keeping = True
        kept_for = whole_of.by_id.get
    looked = found = 0
    for d in deadlines:
        if keeping:
            looked += 1
            kept = kept_for(id(d))
            if kept is not None and kept[0] is d:  # encoded whole for an earlier row
                found += 1
                out.append(kept[1])
                if kept[2] is not None:
                    missed.append(kept[2])
                continue
        verdict, limit = d.verdict, d.limit
        if d.planned_note is not None:  # counted from a planned event: encoded whole, not kept
            out.append(encode(deadline_dict(d)))
            if verdict.status == "missed":
                missed.append(encode(limit.id))
            continue
        _, head, middle, tail, rule_id = parts(verdict, limit)
        actual, margin = d.actual, d.margin
        day = b"null" if actual is None else day_json(actual)
        if margin is None:
            size = b"null"
        elif (pattern := _MARGINS.get(d.margin_unit or "")) is not None:
            size = pattern % margin
        else:
            size = encode({"value": margin, "unit": d.margin_unit})
        whole = b"".join((head, day, middle, size, tail))
        out.append(whole)
        is_missed = verdict.status == "missed"
        if is_missed:
            missed.append(rule_id)
        if keeping:
            whole_of.keep(d, whole, rule_id if is_missed else None)
    if keeping:
        whole_of.found += found
        whole_of.looked += looked
        if whole_of.looked >= _TRIAL:
            whole_of.judge_trial()
    return b",".join(out), missed
