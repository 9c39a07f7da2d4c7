"""The founding case and the other hand-worked legal cases (LEGAL.md 2, 4; examples/)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from deadlines import Calendar, compute
from deadlines.counting import boundary, count_between

CASES = Path(__file__).parent / "cases"
FOUNDING = json.loads((CASES / "founding-case-2015.json").read_text())
ELITESTONE = json.loads((CASES / "elitestone-1990.json").read_text())
EW = Calendar("england-and-wales")
d = date.fromisoformat


@pytest.mark.parametrize(
    ("rule", "legal_boundary", "working_day"),
    [
        pytest.param("ofsted-report-publication", date(2015, 6, 24), date(2015, 6, 24),
                     id="SI2007/462-reg2-30wd-after-receipt-skips-spring-bank-holiday"),
        pytest.param("statement-of-action", date(2015, 8, 19), date(2015, 8, 19),
                     id="SI2007/462-reg3-70wd-after-receipt"),
        pytest.param("forward-plan-notice", date(2015, 5, 10), date(2015, 5, 8),
                     id="SI2012/2089-reg9-28-clear-days-ends-on-sunday"),
        pytest.param("decision-report-publication", date(2015, 5, 31), date(2015, 5, 29),
                     id="SI2012/2089-reg6-5-clear-working-days"),
        pytest.param("call-in-end", date(2015, 6, 15), date(2015, 6, 15),
                     id="LGA2000-s9F-call-in-5th-working-day-after-publication"),
        pytest.param("earliest-implementation", date(2015, 6, 16), date(2015, 6, 16),
                     id="LGA2000-s9F-implement-day-after-call-in"),
    ],
)  # fmt: skip
def test_founding_case(rule, legal_boundary, working_day):
    """Received Tue 12 May 2015, decision Mon 8 Jun 2015, England and Wales (LEGAL.md 4)."""
    got = compute(received=date(2015, 5, 12), decision=date(2015, 6, 8)).deadline(rule)
    assert (got.date, got.working_day) == (legal_boundary, working_day)


@pytest.mark.parametrize(
    "expected", FOUNDING["expected"], ids=[e["id"] for e in FOUNDING["expected"]]
)
def test_founding_case_file_every_field_and_reading(expected):
    """examples/founding-case-2015.json: dates, period, reference, status and other readings."""
    inputs = FOUNDING["inputs"]
    result = compute(
        received=d(inputs["received"]),
        decision=d(inputs["decision"]),
        decision_published=d(inputs["decision_published"]),
        actual={k: d(inputs[k]) for k in ("forward_plan", "report_published", "implemented")},
    )
    got = result.deadline(expected["id"])
    assert got.date.isoformat() == expected["date"]
    assert got.working_day.isoformat() == expected["working_day"]
    assert got.relation == expected["relation"]
    assert {"event": got.reference_event, "date": got.reference_date.isoformat()} == expected[
        "reference"
    ]
    assert {"length": got.length, "unit": got.unit, "counting": got.counting} == expected["period"]
    assert got.status == expected.get("status", "pending")
    for want, reading in zip(expected.get("other_readings", []), got.other_readings, strict=True):
        assert reading.counting == want["counting"]
        assert reading.date.isoformat() == want["date"]
        assert reading.working_day.isoformat() == want["working_day"]
        if "status" in want:
            assert reading.status == want["status"]


def test_received_alone_without_a_plan_gives_only_the_two_inspection_dates():
    """No decision and no plan: no decision chain, never a guessed date (CONTRACT.md)."""
    result = compute(received=date(2015, 5, 12), plan=False)
    assert [x.id for x in result.deadlines] == ["ofsted-report-publication", "statement-of-action"]


@pytest.mark.parametrize("variant", FOUNDING["variants"], ids=lambda v: v["what"])
def test_a_receipt_on_a_non_working_day_still_starts_the_count(variant):
    """LEGAL.md 2: day 1 is the next working day, and both readings agree."""
    received = d(variant["received"])
    for counting in ("working-days-after", "working-days-beginning-with"):
        assert boundary(EW, counting, received, variant["n"], "after") == d(variant["date"])


def test_uk_wide_holidays_would_move_the_statement_of_action_but_the_regulations_fix_them():
    """With the UK-wide union (wrong for this rule: SI 2007/462 reg 1(2) fixes England-and-Wales
    bank holidays) NI's Mon 13 Jul and Scotland's Mon 3 Aug fall inside and day 70 becomes Fri
    21 Aug 2015; the rule counts on its own day set whatever region the council names."""
    assert Calendar("united-kingdom").add_working_days(date(2015, 5, 12), 70) == date(2015, 8, 21)
    for region in ("united-kingdom", "england", "england-and-wales"):
        result = compute(received=date(2015, 5, 12), region=region)
        assert result.deadline("statement-of-action").date == date(2015, 8, 19)


@pytest.mark.parametrize(
    ("counting", "latest", "met"),
    [
        pytest.param("clear-days", date(1990, 4, 27), True, id="calendar-reading-4-clear-days-met"),
        pytest.param(
            "clear-working-days", date(1990, 4, 25), False, id="Elitestone-working-days-missed"
        ),
    ],
)
def test_elitestone_three_clear_days(counting, latest, met):
    """R v Swansea CC, ex p Elitestone (CA 1993): published Thu 26 Apr 1990, met Tue 1 May 1990."""
    published, meeting = d(ELITESTONE["published"]), d(ELITESTONE["meeting"])
    got = boundary(EW, counting, meeting, ELITESTONE["required_clear_days"], "before")
    assert got == latest
    assert (published <= got) is met
    reading = next(r for r in ELITESTONE["readings"] if r["counting"] == counting)
    assert count_between(EW, counting, published, meeting) == len(reading["days_strictly_between"])


def test_clear_days_exclude_both_ends():
    """28 clear days before Mon 8 Jun 2015 are 11 May - 7 Jun: the boundary is Sun 10 May."""
    assert boundary(EW, "clear-days", date(2015, 6, 8), 28, "before") == date(2015, 5, 10)
    assert count_between(EW, "clear-days", date(2015, 5, 10), date(2015, 6, 8)) == 28


def test_receipt_day_is_not_counted_unless_beginning_with():
    """ "Within 30 working days of" excludes Tue 12 May; "beginning with" makes it day 1."""
    received = date(2015, 5, 12)
    assert boundary(EW, "working-days-after", received, 30, "after") == date(2015, 6, 24)
    assert boundary(EW, "working-days-beginning-with", received, 30, "after") == date(2015, 6, 23)


@pytest.mark.parametrize(
    ("what", "counting", "reference", "length", "direction", "expected"),
    [
        pytest.param("general exception, decide from day after", "clear-working-days",
                     date(2015, 6, 1), 5, "after", date(2015, 6, 8), id="reg10-notice-1-Jun"),
        pytest.param("council agenda, England", "clear-working-days",
                     date(2015, 7, 14), 5, "before", date(2015, 7, 6), id="s100B-agenda-by-Mon-6-Jul"),
        pytest.param("council agenda, calendar reading", "clear-days",
                     date(2015, 7, 14), 5, "before", date(2015, 7, 8), id="s100B-calendar-Wed-8-Jul"),
        pytest.param("council agenda, Wales", "clear-working-days",
                     date(2015, 7, 14), 3, "before", date(2015, 7, 8), id="Wales-3-clear-Wed-8-Jul"),
        pytest.param("council agenda, Wales calendar", "clear-days",
                     date(2015, 7, 14), 3, "before", date(2015, 7, 10), id="Wales-calendar-Fri-10-Jul"),
        pytest.param("call-in, calendar constitution", "clear-days",
                     date(2015, 6, 8), 5, "after", date(2015, 6, 13), id="call-in-calendar-Sat-13-Jun"),
        pytest.param("backward plan: 5th working day before call-in end", "working-days-after",
                     date(2015, 8, 18), 5, "before", date(2015, 8, 11), id="plan-decide-by-Tue-11-Aug"),
        pytest.param("forward plan, clear working days reading", "clear-working-days",
                     date(2015, 6, 8), 28, "before", date(2015, 4, 26), id="reg9-working-Sun-26-Apr"),
    ],
)  # fmt: skip
def test_hand_worked_cases_from_legal_md(what, counting, reference, length, direction, expected):
    """LEGAL.md 4.2 "Other checks" and 5, counted by hand there."""
    assert boundary(EW, counting, reference, length, direction) == expected, what


def test_a_count_past_the_confirmed_data_says_so():
    """A 2035 deadline rests on projected holidays and carries the note; a 2016 one does not."""
    later = compute(received=date(2035, 3, 1)).deadline("statement-of-action")
    assert any("projected bank holidays after 2028-12-26" in n for n in later.notes)
    earlier = compute(received=date(2016, 3, 1)).deadline("statement-of-action")
    assert not any("projected" in n for n in earlier.notes)
