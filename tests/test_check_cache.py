"""The per-row path of `deadlines check` (the engine's memo of limits and verdicts) changes nothing.

One Checker per pack and region lives across all examples, so later rows are served from the
caches that earlier rows filled; each row must equal a fresh `compute()` (no shared caches) and
its JSON line must decode to the row's dict.
"""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadlines import compute
from deadlines.check import Checker, RawRow
from deadlines.errors import DeadlinesError
from deadlines.records import Verdict
from deadlines.render.check import row_dict, row_json
from deadlines.rules import pack
from deadlines.warnings import act_warnings, event_warnings
from oracle import is_working_day as oracle_working

PACKS = ("england-executive", "information-requests", "england-council", "wales",
         "scotland-information-requests")  # fmt: skip
REGIONS = ("england-and-wales", "scotland", "northern-ireland")
# The regions where each pack's law applies (a pack elsewhere is refused: tests/test_law_model.py).
WHERE = {
    "england-executive": ("england-and-wales",),
    "england-council": ("england-and-wales",),
    "wales": ("england-and-wales",),
    "information-requests": ("england-and-wales", "northern-ireland"),
    "scotland-information-requests": ("scotland",),
}
_CHECKERS: dict[tuple[str, str], Checker] = {}

# Events from a fortnight around Christmas 2015, so that rows share reference dates; acts from
# the months either side, so that they fall on every side of each boundary and its readings:
# each cached entry meets every pattern of statuses, and many margins within each.
event_days = st.integers(0, 14).map(lambda n: date(2015, 12, 14) + timedelta(days=n))
act_days = st.integers(0, 120).map(lambda n: date(2015, 10, 20) + timedelta(days=n))


def checker(name: str, region: str) -> Checker:
    key = (name, region)
    if key not in _CHECKERS:
        _CHECKERS[key] = Checker(region=region, rules=pack(name))
    return _CHECKERS[key]


@st.composite
def rows(draw):
    name = draw(st.sampled_from(PACKS))
    region = draw(st.sampled_from(WHERE[name]))
    c = checker(name, region)
    cells = {}
    for column in c.date_columns:
        if draw(st.booleans()):
            day = draw(event_days if column in c.events else act_days)
            cells[column] = day.isoformat()
    return name, region, c, cells


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows())
def test_a_cached_row_equals_a_fresh_compute(case):
    name, region, c, cells = case
    r = c.row(RawRow(1, 2, {"item": "x", **cells}))
    assert json.loads(row_json(r)) == row_dict(r)
    if r.errors:
        return
    dates = {k: date.fromisoformat(v) for k, v in cells.items()}
    events = {k: v for k, v in dates.items() if k in c.events}
    actual = {k: v for k, v in dates.items() if k not in c.events}
    try:
        fresh = compute(events=events, actual=actual, rules=pack(name), region=region, plan=False)
    except DeadlinesError:  # pragma: no cover - the row would carry the error
        raise AssertionError(f"row has no errors but compute raised: {cells}") from None
    assert r.deadlines == fresh.deadlines
    assert r.ok == all(d.status != "missed" for d in fresh.deadlines)
    # The events' warnings come from the memo when the set of events was seen before.
    cal = c.engine(region).cal
    assert r.warnings == event_warnings(events, cal) + act_warnings(fresh.deadlines)


def test_an_act_on_each_side_of_a_boundary_gives_its_own_margin():
    """Same deadline, same pattern of statuses, different margins: the verdict is shared
    between rows but the margin and the actual date are each row's own."""
    c = checker("england-executive", "england-and-wales")
    # 5 clear working days before Mon 8 Jun 2015: the report is due by Fri 29 May.
    for actual, margin in ((date(2015, 5, 29), 0), (date(2015, 5, 28), 1), (date(2015, 5, 22), 4)):
        cells = {"decision": "2015-06-08", "report_published": actual.isoformat()}
        r = c.row(RawRow(1, 2, cells))
        d = json.loads(row_json(r))["deadlines"][1]
        assert d["id"] == "decision-report-publication"
        assert (d["actual"], d["status"]) == (actual.isoformat(), "met")
        assert d["margin"] == {"value": margin, "unit": "working-days"}


def _oracle_margin(region: str, unit: str, before: bool, limit: date, act: date):
    """The margin the slow way, from its definition (counting.margin), one day at a time."""
    if unit != "working-days":
        return ((limit - act).days if before else (act - limit).days), "days"
    met = act <= limit if before else act >= limit
    # The days the act could move through (met) or overshot (missed): (act, limit] or
    # (limit, act] for a deadline; [limit, act) or [act, limit) for an earliest day.
    lo, hi = sorted((act, limit))
    span = [lo + timedelta(days=i) for i in range((hi - lo).days + 1)]
    span = [d for d in span if d != (lo if before else hi)]
    n = sum(oracle_working(region, d) for d in span)
    if met:
        return n, "working-days"
    return (-(hi - lo).days, "days") if n == 0 else (-n, "working-days")


@settings(max_examples=500, deadline=None)
@given(
    st.sampled_from(("england-and-wales", "scotland", "northern-ireland", "united-kingdom")),
    st.sampled_from(("working-days", "days", "calendar-months")),
    st.booleans(),
    st.integers(0, 40 * 365).map(lambda n: date(1975, 1, 1) + timedelta(days=n)),
    st.integers(-30, 30),
)
def test_margin_agrees_with_a_day_by_day_count(region, unit, before, limit, offset):
    from deadlines import Calendar
    from deadlines.counting import margin

    act = limit + timedelta(days=offset)
    relation = "on-or-before" if before else "on-or-after"
    want = _oracle_margin(region, unit, before, limit, act)
    assert margin(Calendar(region), unit, relation, limit, act) == want


def test_forgetting_every_entry_changes_no_answer():
    """Past its bound the memo forgets all it has worked out; rows after that are the same."""
    from deadlines.engine import Memo

    c = Checker()
    engine = c.engine("england-and-wales")
    engine.memo = Memo(bound=5)
    for i in range(40):  # 4 entries a row: the memo is emptied every other row
        decision = date(2015, 12, 14) + timedelta(days=i % 9)
        cells = {
            "decision": decision.isoformat(),
            "forward_plan": (decision - timedelta(days=30 + i % 7)).isoformat(),
            "implemented": (decision + timedelta(days=5 + i % 5)).isoformat(),
        }
        r = c.row(RawRow(i + 1, i + 2, cells))
        assert json.loads(row_json(r)) == row_dict(r)
        events = {"decision": decision}
        actual = {k: date.fromisoformat(v) for k, v in cells.items() if k != "decision"}
        assert r.deadlines == compute(events=events, actual=actual, plan=False).deadlines
    stats = engine.memo.stats()
    assert stats["entries"] <= 5
    assert stats["cleared"] > 10


def test_deadlines_encode_as_their_dicts():
    """A planned deadline and a judged one encode through the one encoder, as their dicts."""
    from deadlines.render.json import deadline_dict, dumps

    for result in (
        compute(received=date(2015, 5, 12)),  # decision planned backwards: planned deadlines
        compute(received=date(2015, 5, 12), decision=date(2015, 6, 8),
                actual={"forward_plan": date(2015, 5, 1), "implemented": date(2015, 6, 12)}),
    ):  # fmt: skip
        for d in result.deadlines:
            assert json.loads(dumps(deadline_dict(d))) == d.to_dict()
    assert any(d.planned for d in compute(received=date(2015, 5, 12)).deadlines)


def test_steps_are_not_kept_when_no_set_of_events_repeats():
    """A calendar whose every row has its own dates repeats no set of events: past its trial
    the memo stops keeping them (they would only fill it), and every row is still the same as
    a fresh compute()."""
    from deadlines.engine import _TRIAL

    c = Checker()
    memo = c.engine("england-and-wales").memo
    rows = _TRIAL + 300
    for i in range(rows):
        decision = date(2006, 1, 2) + timedelta(days=i)  # every row its own decision
        cells = {"decision": decision.isoformat(),
                 "forward_plan": (decision - timedelta(days=20 + i % 15)).isoformat()}  # fmt: skip
        r = c.row(RawRow(i + 1, i + 2, cells))
        if i % 97 == 0 or i >= rows - 3:
            actual = {"forward_plan": date.fromisoformat(cells["forward_plan"])}
            want = compute(events={"decision": decision}, actual=actual, plan=False)
            assert r.deadlines == want.deadlines
            assert json.loads(row_json(r)) == row_dict(r)
    stats = memo.stats()
    assert stats["step_misses"] == rows
    assert stats["step_hits"] == 0
    assert stats["steps"] <= _TRIAL  # kept during the trial only


def test_a_calendar_that_starts_repeating_is_tried_again():
    """Past a trial that did not pay, the memo asks again later: a file whose first rows are
    all distinct and whose later rows repeat gets its sets of events remembered again."""
    from deadlines.engine import _TRIAL

    c = Checker()
    memo = c.engine("england-and-wales").memo
    memo.retrial = 500  # the default, 50,000 rows, is too many for a test
    distinct = _TRIAL + 600  # past the trial, and past the wait before the next
    for i in range(distinct):
        decision = date(2006, 1, 2) + timedelta(days=i)
        c.row(RawRow(i + 1, i + 2, {"decision": decision.isoformat()}))
    assert memo.stats()["step_hits"] == 0
    meetings = [date(2015, 1, 5) + timedelta(days=7 * k) for k in range(40)]
    for i in range(1_000):
        decision = meetings[i % 40]
        r = c.row(RawRow(distinct + i + 1, distinct + i + 2, {"decision": decision.isoformat()}))
    assert memo.stats()["step_hits"] == 1_000 - 40  # each meeting worked out once, then found
    assert r.deadlines == compute(events={"decision": decision}, plan=False).deadlines


def test_steps_are_kept_when_sets_of_events_repeat():
    """A meeting calendar repeats its sets of events: they are found again, not worked out."""
    from deadlines.engine import _TRIAL

    c = Checker()
    memo = c.engine("england-and-wales").memo
    meetings = [date(2015, 1, 5) + timedelta(days=7 * k) for k in range(40)]
    for i in range(_TRIAL + 500):
        cells = {"decision": meetings[i % 40].isoformat()}
        c.row(RawRow(i + 1, i + 2, cells))
    stats = memo.stats()
    assert stats["steps"] == 40
    assert stats["step_misses"] == 40


def test_a_remembered_set_of_events_keeps_its_warnings():
    """The warnings about a row's events are remembered with its set of events: every row of
    a repeated Sunday decision carries its own warning, the later ones found, not worked out."""
    c = Checker()
    memo = c.engine("england-and-wales").memo
    # Sun 7 Jun 2015 (the Lambeth Cabinet report's date); the next working day is Mon 8 Jun.
    cells = {"decision": "2015-06-07", "report_published": "2015-05-29"}
    got = [c.row(RawRow(i + 1, i + 2, dict(cells))) for i in range(3)]
    assert memo.stats()["step_hits"] == 2
    for r in got:
        assert r.warnings == (
            "decision 2015-06-07 is not a working day (Sunday); a decision is almost always "
            "held on a working day; check the date (the next working day is 2015-06-08)",
        )
    d, warned = c.engine("england-and-wales").judge_row({"decision": date(2015, 6, 7)})
    assert warned == got[0].warnings
    assert d == c.engine("england-and-wales").judge({"decision": date(2015, 6, 7)})


def test_a_rule_s_own_text_is_one_json_line_and_decodes_to_its_dict(tmp_path):
    """Line ends and non-ASCII text in a rule file (title, citation, note) go through the
    encoded parts escaped, as the whole-row encoder escapes them; a lone surrogate in a cell
    sends the row to the fallback, which escapes everything."""
    from deadlines.rules import load

    p = tmp_path / "odd.toml"
    p.write_text(
        'schema = "deadlines-rules/1"\nname = "odd"\n[[rules]]\nid = "forward-plan-notice"\ntitle = "Notice \u2028 of \u00e9 the plan \x85"\n'
        'citation = "SI 2012/2089 reg 9 \u2029"\nnote = "A note \u2028 with a line separator."\n',
        encoding="utf-8",
    )
    c = Checker(rules=load(p))
    for item in ("plain", "lone \ud800 surrogate"):
        cells = {"item": item, "decision": "2015-06-08", "forward_plan": "2015-05-01"}
        r = c.row(RawRow(1, 2, cells))
        line = row_json(r)
        assert line.count(b"\n") == 1
        assert line.endswith(b"\n")
        text = line.decode()
        assert "\u2028" not in text
        assert "\u2029" not in text
        assert "\x85" not in text
        assert json.loads(text) == row_dict(r)


def test_a_limit_keeps_its_deadlines_by_the_day_the_act_was_done():
    """The same act on the same day against the same limit is one shared record; a limit keeps
    at most ACTS of them, and an act on any other day is still judged afresh, the same as a
    fresh compute()."""
    from deadlines.engine import ACTS

    c = Checker()
    decision = date(2015, 12, 14)
    rows = []
    for i in range(3 * ACTS):  # more days than a limit keeps, each twice
        plan_day = decision - timedelta(days=20 + i % (2 * ACTS))
        cells = {"decision": decision.isoformat(), "forward_plan": plan_day.isoformat()}
        rows.append(c.row(RawRow(i + 1, i + 2, cells)))
        want = compute(events={"decision": decision}, actual={"forward_plan": plan_day},
                       plan=False)  # fmt: skip
        assert rows[-1].deadlines == want.deadlines
    memo = c.engine("england-and-wales").memo
    assert max(len(e.acts) for e in memo.entries.values()) == ACTS  # full, and no more
    assert memo.stats()["deadlines"] == sum(len(e.acts) for e in memo.entries.values())
    first, again = rows[0].deadlines, rows[2 * ACTS].deadlines  # the same act, the same day
    assert [a is b for a, b in zip(first, again, strict=True)] == [True] * len(first)


def test_a_trial_that_did_not_pay_rests_then_tries_again():
    """While the memo rests after a trial that did not pay, sets of events are neither looked
    up nor kept (a repeat is not found); after the rest a new trial finds them again."""
    from deadlines.engine import _TRIAL

    c = Checker()
    memo = c.engine("england-and-wales").memo
    memo.retrial = 300
    for i in range(_TRIAL + 1):  # all distinct: the trial fails at its end
        c.row(
            RawRow(i + 1, i + 2, {"decision": (date(2006, 1, 2) + timedelta(days=i)).isoformat()})
        )
    assert memo.resting == 300
    same = {"decision": "2015-01-05"}
    for i in range(300):  # the rest: the same set every row, never looked up
        c.row(RawRow(i + 1, i + 2, same))
    assert memo.stats()["step_hits"] == 0
    assert memo.resting == 0
    for i in range(10):  # a new trial: worked out once, then found
        r = c.row(RawRow(i + 1, i + 2, same))
    assert memo.stats()["step_hits"] == 9
    assert r.deadlines == compute(events={"decision": date(2015, 1, 5)}, plan=False).deadlines


def _memo_verdicts(memo) -> set[int]:
    """The ids of every verdict the memo's entries hold (judged, pending, and in their acts)."""
    held = set()
    for e in memo.entries.values():
        held |= {id(v) for v in e.verdicts.values()}
        held |= {id(d.verdict) for d in e.acts.values()}
        held.add(id(e.pending.verdict))
    return held


def test_encoded_parts_are_forgotten_with_the_memo():
    """check's encoded parts never outlive the records they were made from: when the memo
    forgets, `forget` (passed as on_clear) empties them, so only the memo's own verdicts stay."""
    from deadlines.engine import Memo
    from deadlines.render import jsonl

    jsonl.forget()
    c = Checker(on_clear=jsonl.forget)
    engine = c.engine("england-and-wales")
    engine.memo = Memo(bound=8, on_clear=jsonl.forget)
    for i in range(60):  # 4 entries a row, each row its own decision: the memo empties often
        decision = date(2006, 1, 2) + timedelta(days=3 * i)
        cells = {"decision": decision.isoformat(),
                 "forward_plan": (decision - timedelta(days=30)).isoformat()}  # fmt: skip
        r = c.row(RawRow(i + 1, i + 2, cells))
        assert json.loads(row_json(r)) == row_dict(r)
    assert engine.memo.cleared > 10
    assert jsonl._parts  # made since the last time the memo forgot
    held = {id(r) for r in jsonl._held if isinstance(r, Verdict)}
    assert held
    assert held <= _memo_verdicts(engine.memo)
    assert set(jsonl._parts) == held  # each verdict encoded is held while its parts are kept


def test_encoded_parts_hold_no_records_for_the_collector_to_track():
    """The parts kept per limit and verdict are plain tuples of bytes (and the limit's id):
    once the collector has seen them it stops tracking them, so a calendar whose rows have
    their own dates does not add tens of thousands of objects to every full collection."""
    import gc

    from deadlines.render import jsonl

    jsonl.forget()
    c = Checker(on_clear=jsonl.forget)
    for i in range(20):
        received = date(2014, 1, 6) + timedelta(days=7 * i)
        cells = {"received": received.isoformat(),
                 "statement_published": (received + timedelta(days=90)).isoformat()}  # fmt: skip
        row_json(c.row(RawRow(i + 1, i + 2, cells)))
    gc.collect()
    assert jsonl._parts
    assert jsonl._wires
    kept = [*jsonl._parts.values(), *jsonl._wires.values()]
    assert not any(gc.is_tracked(made) for made in kept)
    jsonl.forget()


def test_check_wires_forget_only_for_the_json_formats(invoke, tmp_path, monkeypatch):
    """`deadlines check --format jsonl` (and json) hand render/jsonl's `forget` to the memo;
    the other formats, which make no encoded parts, hand nothing."""
    import deadlines.check
    from deadlines.render.jsonl import forget

    seen = []
    real = deadlines.check.Checker.__init__

    def spy(self, **kwargs):
        seen.append(kwargs.get("on_clear"))
        real(self, **kwargs)

    monkeypatch.setattr(deadlines.check.Checker, "__init__", spy)
    path = tmp_path / "cal.csv"
    path.write_text("item,decision\nA,2015-06-08\n", encoding="utf-8")
    for fmt in ("jsonl", "json", "junit"):
        assert invoke("check", path, "--format", fmt).exit_code == 0
    assert seen == [forget, forget, None]


def test_each_too_early_act_names_its_own_day():
    """A too-early act's note names the day it was done, so it is never shared with another
    too-early act on the same limit (SSI 2011/399 Sch 1 r 1: the notice of election not earlier
    than the 35th working day before the poll, Thu 2 May 2024; the window's first day is the
    same for every row, and each row equals a fresh compute())."""
    # The window's first day, counted by hand: the 35th working day before Thu 2 May 2024,
    # Scotland, Good Friday 29 Mar and Easter Monday 1 Apr disregarded: 1 May (1), Apr 30,
    # 29, 26, 25, 24, 23, 22, 19, 18, 17, 16, 15, 12, 11, 10, 9, 8, 5, 4, 3, 2 (22), Mar 28,
    # 27, 26, 25, 22, 21, 20, 19, 18, 15, 14, 13 (34), Tue 12 Mar (35).
    c = Checker(region="scotland", rules=pack("scotland-local"))
    poll = date(2024, 5, 2)
    for row, done in enumerate((date(2024, 3, 10), date(2024, 3, 7), date(2024, 3, 10)), 1):
        r = c.row(RawRow(row, row + 1, {"poll": poll.isoformat(),
                                        "notice_of_election": done.isoformat()}))  # fmt: skip
        notice = next(d for d in r.deadlines if d.id == "notice-of-election")
        assert notice.status == "missed"
        early = [n for n in notice.notes if n.startswith("Done on")]
        # Sun 10 Mar 2024 and Thu 7 Mar 2024: each row's own day, before Tue 12 Mar 2024.
        assert early == [f"Done on {'Sun 10' if done.day == 10 else 'Thu 7'} Mar 2024, before "
                         "the window opens on Tue 12 Mar 2024: an act before the earliest day "
                         "the law allows is outside the period."]  # fmt: skip
        want = compute(events={"poll": poll}, actual={"notice_of_election": done},
                       rules=pack("scotland-local"), region="scotland", plan=False)  # fmt: skip
        assert notice == want.deadline("notice-of-election")


def test_an_act_of_a_date_subclass_is_judged_as_given():
    """The deadline of an act given as a date subclass holds the object given, never an equal
    one from an earlier call."""

    class Day(date):
        pass

    from deadlines.engine import Engine

    e = Engine()
    first = e.judge({"decision": date(2015, 6, 8)}, {"forward_plan": Day(2015, 5, 7)})
    plain = e.judge({"decision": date(2015, 6, 8)}, {"forward_plan": date(2015, 5, 7)})
    assert first[0].actual.__class__ is Day
    assert plain[0].actual.__class__ is date


def test_an_act_is_checked_by_the_day_it_holds_not_by_its_comparisons():
    """An act whose comparisons always say yes is still checked against the supported years
    by the day it holds: 2300 is refused, never judged."""
    import pytest

    from deadlines.engine import Engine
    from deadlines.errors import OutsideHolidayData

    class Agreeable(date):
        def __le__(self, other):
            return True

        def __ge__(self, other):
            return True

    with pytest.raises(OutsideHolidayData, match="implemented date 2300-01-01"):
        Engine().judge({"received": date(2015, 5, 12), "decision": date(2015, 6, 8)},
                       {"implemented": Agreeable(2300, 1, 1)})  # fmt: skip


def test_a_deadline_cannot_be_changed():
    """Deadlines are shared between rows: none can be changed, so no row can change another."""
    import pytest

    d = compute(received=date(2015, 5, 12), decision=date(2015, 6, 8)).deadlines[0]
    for name in ("actual", "verdict", "margin", "limit"):
        with pytest.raises(AttributeError):
            setattr(d, name, None)
        with pytest.raises(AttributeError):
            delattr(d, name)


def test_kept_encodings_hold_only_their_own_bytes():
    """orjson's result holds the 4 KB buffer it was written in, however short the text: the rule
    ids and texts kept for every limit are copied to their own size (a 100,000-row calendar with
    its own dates on every row held 180 MB of such buffers)."""
    import tracemalloc

    from deadlines.render import jsonl

    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        kept = [jsonl.encode_kept(f"rule-{i}") for i in range(200)]
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept[7] == b'"rule-7"'
    assert used < 200 * 200  # 200 bytes each at most; 4 KB each before the copy


def test_forget_empties_every_engine_s_memo_and_tells_on_clear():
    """`Checker.forget` (called once the rows are written) leaves nothing worked out behind: a
    memo left to the end of the process costs the interpreter's last collections a second."""
    told = []
    c = Checker(rules=pack("information-requests"), on_clear=lambda: told.append(1))
    for i, region in enumerate(("england-and-wales", "northern-ireland")):
        cells = {"received": "2015-06-08", "region": region}
        assert c.row(RawRow(i + 1, i + 2, cells)).ok
    memos = [e.memo for e in c._engines.values()]
    assert len(memos) == 2
    assert all(m.entries for m in memos)
    c.forget()
    assert all(not m.entries and not m.steps and m.cleared == 1 for m in memos)
    assert told == [1, 1]


def test_check_leaves_no_encoded_parts_once_the_rows_are_written(invoke, tmp_path):
    from deadlines.render import jsonl

    path = tmp_path / "cal.csv"
    path.write_text("item,decision\nA,2015-06-08\nB,2015-06-09\n", encoding="utf-8")
    jsonl.forget()
    result = invoke("check", path, "--format", "jsonl")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 2
    assert not jsonl._parts
    assert not jsonl._wires
    assert not jsonl._whole.by_id


def test_a_deadline_kept_whole_encodes_as_when_made(monkeypatch):
    """A deadline the engine shares between rows is encoded once and kept whole: a later row
    joins the same bytes, which decode to its dict; the bytes kept stay within WHOLE_BYTES."""
    from deadlines.render import jsonl

    jsonl.forget()
    monkeypatch.setattr(jsonl, "WHOLE_BYTES", 40_000)  # about eight rows' deadlines
    c = Checker(on_clear=jsonl.forget)
    lines = {}
    for i in range(40):  # four sets of dates, each ten times: rows 5-40 repeat rows 1-4
        decision = date(2015, 6, 8) + timedelta(days=7 * (i % 4))
        cells = {"decision": decision.isoformat(),
                 "forward_plan": (decision - timedelta(days=30)).isoformat(),
                 "report_published": (decision - timedelta(days=4)).isoformat(),
                 "implemented": (decision + timedelta(days=6)).isoformat()}  # fmt: skip
        r = c.row(RawRow(1, 2, cells, ()))
        line = row_json(r)
        assert json.loads(line) == row_dict(r)
        assert lines.setdefault(i % 4, line) == line  # byte for byte as when first made
        kept = jsonl._whole.by_id.values()
        assert 0 < sum(len(k[1]) for k in kept) == jsonl._whole.size <= jsonl.WHOLE_BYTES
    assert any(k[2] is not None for k in kept)  # a missed one, with its id
    assert jsonl._whole.found > 0


def test_deadlines_are_kept_whole_only_while_that_pays(monkeypatch):
    """Rows whose every deadline is new find none kept: after a trial the keeping stops for
    `_REST` rows (the lines unchanged), then a new trial begins; rows that repeat keep it."""
    from deadlines.render import jsonl

    jsonl.forget()
    monkeypatch.setattr(jsonl, "_TRIAL", 40)
    monkeypatch.setattr(jsonl, "_REST", 5)
    c = Checker(on_clear=jsonl.forget)

    def line(n: int, decision: date) -> bytes:
        cells = {"decision": decision.isoformat(),
                 "implemented": (decision + timedelta(days=9)).isoformat()}  # fmt: skip
        r = c.row(RawRow(n, n + 1, cells, ()))
        encoded = row_json(r)
        assert json.loads(encoded) == row_dict(r)
        return encoded

    rested = []
    for n in range(30):  # each row its own decision: nothing is found again
        line(n, date(2010, 1, 4) + timedelta(days=n))
        rested.append(jsonl._whole.resting)
    assert max(rested) == 5
    assert 0 in rested[rested.index(5) :]  # rested, then tried again
    jsonl.forget()
    for n in range(60):  # three decisions over and over: most are found
        line(n, date(2012, 1, 2) + timedelta(days=n % 3))
        assert jsonl._whole.resting == 0


def _distinct_rows(c: Checker, n: int) -> list:
    """n rows, each its own receipt (from Mon 2 Jan 2006, a day apart) and decision (a week
    apart), a forward-plan act on each: no two rows share a whole set of events."""
    rows = []
    for i in range(n):
        received = date(2006, 1, 2) + timedelta(days=i)
        decision = date(2006, 3, 6) + timedelta(days=7 * (i % 10))
        cells = {"received": received.isoformat(), "decision": decision.isoformat(),
                 "forward_plan": (decision - timedelta(days=30)).isoformat()}  # fmt: skip
        rows.append(c.row(RawRow(i + 1, i + 2, cells)))
    return rows


def test_a_row_of_new_events_finds_each_of_its_dates_steps():
    """Rows whose sets of events never repeat still share their decision dates: the steps of
    each reference date are worked out once (one fragment per date and event), and every
    row's deadlines equal a fresh compute's."""
    c = Checker()
    memo = c.engine("england-and-wales").memo
    rows = _distinct_rows(c, 60)
    # 60 receipts, 10 decisions, and decision_published defaults to the decision: 10 more.
    assert memo.stats()["fragments"] == 60 + 10 + 10
    for i in (0, 13, 59):
        received = date(2006, 1, 2) + timedelta(days=i)
        decision = date(2006, 3, 6) + timedelta(days=7 * (i % 10))
        want = compute(events={"received": received, "decision": decision},
                       actual={"forward_plan": decision - timedelta(days=30)},
                       plan=False)  # fmt: skip
        assert rows[i].deadlines == want.deadlines
        assert [d.id for d in rows[i].deadlines] == list(pack().ids[:6])
    memo.clear()
    assert memo.stats()["fragments"] == 0


def test_rules_of_one_event_apart_in_the_pack_are_worked_out_whole():
    """When a pack's rules of one event are not together (a receipt rule between two decision
    rules), joining each event's steps would change the rules' order: the steps are worked out
    whole, in the pack's order."""
    from deadlines.engine import Engine

    base = pack()
    by_id = {r.id: r for r in base.rules}
    order = ["forward-plan-notice", "ofsted-report-publication", "decision-report-publication"]
    rules = base._replace(rules=tuple(by_id[i] for i in order))
    engine = Engine(rules=rules)
    assert engine._groups == ()
    events = {"received": date(2015, 5, 12), "decision": date(2015, 6, 8)}
    got = engine.judge(events)
    assert [d.id for d in got] == order
    assert engine.memo.stats()["fragments"] == 0
    # Together again, they are grouped by event, and the order is the same.
    together = Engine(rules=base._replace(rules=tuple(by_id[i] for i in sorted(order))))
    assert [g[1] for g in together._groups] == ["decision", "received"]


def test_a_rule_judged_against_an_event_is_never_kept_as_a_fragment():
    """The general exception is judged against the decision itself, an event of the row: its
    steps are worked out for every row, never kept with its notice's date alone."""
    c = Checker()
    engine = c.engine("england-and-wales")
    groups = {g[1]: g[3] for g in engine._groups}
    assert groups["exception_notice"] is False
    assert groups["decision"] is True
    # Notice Mon 1 Jun 2015: the five clear working days are Tue 2, Wed 3, Thu 4, Fri 5 and
    # Mon 8 Jun (no bank holiday), elapsed at the end of Mon 8: the earliest decision is Tue 9.
    # Decisions on Tue 9 Jun (met) and Thu 4 Jun (too soon) share the notice date, not its
    # verdict.
    first = engine.judge_row({"exception_notice": date(2015, 6, 1), "decision": date(2015, 6, 9)})
    second = engine.judge_row({"exception_notice": date(2015, 6, 1), "decision": date(2015, 6, 4)})
    status = {d.id: d.status for d in first[0]}, {d.id: d.status for d in second[0]}
    assert status[0]["general-exception"] == "met"
    assert status[1]["general-exception"] == "missed"


def test_the_columns_a_row_fills_are_checked_on_every_row_until_they_pass():
    """A set of filled columns that passed the column checks is not checked again; one that
    failed is checked (and fails) on every row, whatever rows came between."""
    c = Checker()
    # Decision Mon 8 Jun 2015: 28 clear days before it are 11 May-7 Jun, so the forward plan
    # is due on or before Sun 10 May; 1 May is in time, and the other rules are pending.
    fine = {"decision": "2015-06-08", "forward_plan": "2015-05-01"}
    alone = {"forward_plan": "2015-05-01"}  # an actual date without its event
    published = {"received": "2015-05-12", "decision_published": "2015-06-09"}  # no decision
    for i, cells in enumerate([fine, alone, fine, alone, published, fine, published]):
        r = c.row(RawRow(i + 1, i + 2, cells))
        if cells is fine:
            assert r.ok
            assert not r.errors
        elif cells is alone:
            assert "column 'forward_plan' is given without" in str(r.errors[0])
        else:
            assert "column 'decision_published' is given without 'decision'" in str(r.errors[0])
    assert c._shapes == {(("decision",), ("forward_plan",))}


def test_encoded_parts_stay_bounded_when_one_verdict_meets_two_limits(monkeypatch):
    """A caller may join one verdict with two limits, row after row: its parts are made again
    each time, and the records held for them stay within the bound."""
    from deadlines.records import Deadline
    from deadlines.render import jsonl

    monkeypatch.setattr(jsonl, "WIRE_RECORDS", 10)
    jsonl.forget()
    a, b = compute(events={"received": date(2015, 5, 12)}, plan=False).deadlines[:2]
    verdict = a.verdict
    for _ in range(100):
        for limit in (a.limit, b.limit):
            jsonl.deadlines_json([Deadline(limit, verdict)])
            assert len(jsonl._held) <= 2 * jsonl.WIRE_RECORDS
    assert set(jsonl._parts) == {id(verdict)}
    jsonl.forget()
