"""Actual dates (met / missed, with a margin) and the backward plan (LEGAL.md 4.2 and 5).

Every expected date and margin here was counted by hand on a 2015 calendar; the comment beside
each case shows the count. England and Wales 2015 bank holidays near these dates: Fri 3 Apr
(Good Friday), Mon 6 Apr, Mon 4 May, Mon 25 May, Mon 31 Aug, Fri 25 Dec, Mon 28 Dec.
"""

from __future__ import annotations

from datetime import date

import pytest

from deadlines import compute
from deadlines.compute import plan_decision

RECEIVED = date(2015, 5, 12)
DECISION = date(2015, 6, 8)


def _one(rule_id, actual_name, actual, **inputs):
    inputs = inputs or {"received": RECEIVED, "decision": DECISION}
    return compute(**inputs, actual={actual_name: actual}).deadline(rule_id)


@pytest.mark.parametrize(
    ("rule_id", "actual_name", "actual", "status", "margin", "unit", "inputs"),
    [
        # Forward plan, 28 clear days before Mon 8 Jun: boundary Sun 10 May. Thu 7 May leaves
        # Fri 8, Sat 9, Sun 10 May spare: 3 days (31 clear days instead of 28).
        pytest.param("forward-plan-notice", "forward_plan", date(2015, 5, 7), "met", 3, "days",
                     None, id="forward-plan-founding-met-by-3-days"),
        pytest.param("forward-plan-notice", "forward_plan", date(2015, 5, 10), "met", 0, "days",
                     None, id="forward-plan-on-the-sunday-boundary-margin-0"),
        pytest.param("forward-plan-notice", "forward_plan", date(2015, 5, 11), "missed", -1,
                     "days", None, id="forward-plan-one-day-late"),
        # Report, 5 clear working days before Mon 8 Jun: boundary Sun 31 May. Fri 29 May is the
        # last working day: no working day left after it, margin 0. Thu 28 May: 1 (Fri 29).
        pytest.param("decision-report-publication", "report_published", date(2015, 5, 29), "met",
                     0, "working-days", None, id="report-latest-working-day-margin-0"),
        pytest.param("decision-report-publication", "report_published", date(2015, 5, 28), "met",
                     1, "working-days", None, id="report-a-working-day-early"),
        # Mon 1 Jun leaves only Tue 2 - Fri 5 Jun clear: 4, one short.
        pytest.param("decision-report-publication", "report_published", date(2015, 6, 1),
                     "missed", -1, "working-days", None, id="report-one-working-day-late"),
        # Call-in ends Mon 15 Jun; earliest implementation Tue 16 Jun.
        pytest.param("earliest-implementation", "implemented", date(2015, 6, 16), "met", 0,
                     "working-days", None, id="implemented-first-permitted-day"),
        pytest.param("earliest-implementation", "implemented", date(2015, 6, 18), "met", 2,
                     "working-days", None, id="implemented-two-working-days-later"),
        # Mon 15 Jun is the last call-in day: one working day (Mon 15) too early.
        pytest.param("earliest-implementation", "implemented", date(2015, 6, 15), "missed", -1,
                     "working-days", None, id="implemented-on-last-call-in-day"),
        # Fri 12 Jun: Fri 12 and Mon 15 Jun lie in [Fri 12, Tue 16): two working days early.
        pytest.param("earliest-implementation", "implemented", date(2015, 6, 12), "missed", -2,
                     "working-days", None, id="implemented-two-working-days-early"),
        # Ofsted report: day 30 is Wed 24 Jun.
        pytest.param("ofsted-report-publication", "ofsted_report_published", date(2015, 6, 24),
                     "met", 0, "working-days", None, id="ofsted-on-day-30"),
        pytest.param("ofsted-report-publication", "ofsted_report_published", date(2015, 6, 19),
                     "met", 3, "working-days", None, id="ofsted-fri-19-jun-3-days-spare"),
        pytest.param("ofsted-report-publication", "ofsted_report_published", date(2015, 6, 25),
                     "missed", -1, "working-days", None, id="ofsted-day-31"),
        # Statement of action: day 70 is Wed 19 Aug; Fri 21 Aug is day 72.
        pytest.param("statement-of-action", "statement_published", date(2015, 8, 19), "met", 0,
                     "working-days", None, id="statement-on-day-70"),
        pytest.param("statement-of-action", "statement_published", date(2015, 8, 21), "missed",
                     -2, "working-days", None, id="statement-day-72"),
        # Received Thu 14 May: Fri 15 (1), 18-22 May (6), 26-29 May (10, Mon 25 skipped),
        # 1-5 Jun (15), 8-12 (20), 15-19 (25), 22-26 Jun (30): day 30 is Fri 26 Jun. Published
        # Sat 27 Jun: late, with no working day between, so the margin is in calendar days.
        pytest.param("ofsted-report-publication", "ofsted_report_published", date(2015, 6, 27),
                     "missed", -1, "days", {"received": date(2015, 5, 14)},
                     id="ofsted-saturday-after-day-30-late-by-1-calendar-day"),
    ],
)  # fmt: skip
def test_actual_dates_met_or_missed_with_margin(
    rule_id, actual_name, actual, status, margin, unit, inputs
):
    got = _one(rule_id, actual_name, actual, **(inputs or {}))
    assert (got.actual, got.status, got.margin, got.margin_unit) == (actual, status, margin, unit)


def test_governance_row_3_report_missed_by_two_working_days():
    """Row 3: decision Thu 9 Apr 2015, report Wed 1 Apr. The five clear working days before
    Thu 9 Apr are Wed 8, Tue 7, Thu 2 Apr, Wed 1 Apr, Tue 31 Mar (Good Friday and Easter
    Monday skipped): boundary Mon 30 Mar. Wed 1 Apr is Tue 31 Mar and Wed 1 Apr late: -2."""
    got = _one(
        "decision-report-publication",
        "report_published",
        date(2015, 4, 1),
        decision=date(2015, 4, 9),
    )
    assert (got.date, got.status, got.margin, got.margin_unit) == (
        date(2015, 3, 30),
        "missed",
        -2,
        "working-days",
    )


def test_governance_row_10_implementation_missed_across_christmas():
    """Row 10: published Tue 22 Dec 2015. Call-in Wed 23, Thu 24, Tue 29, Wed 30, Thu 31 Dec;
    earliest implementation Fri 1 Jan 2016 (bank holiday; working day Mon 4 Jan). Implemented
    Tue 29 Dec: Tue 29, Wed 30, Thu 31 Dec lie in [Tue 29 Dec, Fri 1 Jan): -3 working days."""
    got = _one(
        "earliest-implementation", "implemented", date(2015, 12, 29), decision=date(2015, 12, 22)
    )
    assert (got.date, got.working_day) == (date(2016, 1, 1), date(2016, 1, 4))
    assert (got.status, got.margin, got.margin_unit) == ("missed", -3, "working-days")


def test_no_actual_no_margin():
    got = compute(received=RECEIVED, decision=DECISION).deadline("forward-plan-notice")
    assert (got.status, got.actual, got.margin, got.margin_unit) == ("pending", None, None, None)


# -- the backward plan (LEGAL.md 5) -------------------------------------------------------------


def test_founding_plan_default_reading():
    """Statement of action by Wed 19 Aug 2015, so call-in must end by Tue 18 Aug: its five
    working days are Wed 12, Thu 13, Fri 14, Mon 17, Tue 18 Aug, so publish (and decide) by
    Tue 11 Aug. For Tue 11 Aug: 28 clear days 14 Jul - 10 Aug give the forward plan Mon 13 Jul;
    clear working days Tue 4, Wed 5, Thu 6, Fri 7, Mon 10 Aug give the report Mon 3 Aug."""
    result = compute(received=RECEIVED)
    plan = result.plan
    assert plan is not None
    assert (plan.event, plan.target, plan.target_date) == (
        "decision",
        "statement-of-action",
        date(2015, 8, 19),
    )
    assert (plan.latest, plan.date) == (date(2015, 8, 11), date(2015, 8, 11))
    planned = {d.id: d for d in result.deadlines if d.planned}
    assert set(planned) == {
        "forward-plan-notice",
        "decision-report-publication",
        "call-in-end",
        "earliest-implementation",
    }
    assert (planned["forward-plan-notice"].date, planned["forward-plan-notice"].working_day) == (
        date(2015, 7, 13),
        date(2015, 7, 13),
    )
    # The other reading of the forward plan (28 clear working days before Tue 11 Aug: Mon 10
    # Aug back to Thu 2 Jul, 28 weekdays with no holiday) is Wed 1 Jul.
    assert planned["forward-plan-notice"].other_readings[0].date == date(2015, 7, 1)
    report = planned["decision-report-publication"]
    assert (report.date, report.working_day) == (date(2015, 8, 3), date(2015, 8, 3))
    # Calendar reading: five clear days 6-10 Aug, so Wed 5 Aug.
    assert report.other_readings[0].date == date(2015, 8, 5)
    assert planned["call-in-end"].date == date(2015, 8, 18)
    assert planned["earliest-implementation"].date == date(2015, 8, 19)
    assert all(any("lanned backwards" in n for n in d.notes) for d in planned.values())
    # Inputs are what the user gave; the planned decision is in the plan, not in the inputs.
    assert result.inputs == {"received": RECEIVED}


def test_founding_plan_one_day_later_fails():
    """Deciding Wed 12 Aug ends call-in Wed 19 Aug and allows implementation only Thu 20 Aug."""
    result = compute(received=RECEIVED, decision=date(2015, 8, 12))
    assert result.deadline("earliest-implementation").date == date(2015, 8, 20)
    plan = compute(received=RECEIVED).plan
    assert any("Wed 12 Aug 2015" in n and "Thu 20 Aug 2015" in n for n in plan.notes)


def test_founding_plan_beginning_with_reading():
    """Beginning-with reading: target Tue 18 Aug, call-in end Mon 17 Aug, decision Mon 10 Aug
    (five working days Tue 11 - Mon 17 Aug); forward plan Sun 12 Jul (13 Jul - 9 Aug are the
    28 clear days; working day Fri 10 Jul); report: the five working days before Mon 10 Aug are
    Mon 3 - Fri 7 Aug, so the boundary is Sun 2 Aug (working day Fri 31 Jul)."""
    result = compute(
        received=RECEIVED, conventions={"statement-of-action": "working-days-beginning-with"}
    )
    assert result.plan.target_date == date(2015, 8, 18)
    assert result.plan.date == date(2015, 8, 10)
    fp = result.deadline("forward-plan-notice")
    assert (fp.date, fp.working_day) == (date(2015, 7, 12), date(2015, 7, 10))
    report = result.deadline("decision-report-publication")
    assert (report.date, report.working_day) == (date(2015, 8, 2), date(2015, 7, 31))
    # The default plan names this reading too.
    default = compute(received=RECEIVED).plan
    assert any("working-days-beginning-with" in n and "Mon 10 Aug 2015" in n for n in default.notes)


def test_plan_names_the_day_after_publication_case():
    """If decisions are published the day after the meeting, meet by Mon 10 Aug (LEGAL.md 5)."""
    plan = compute(received=RECEIVED).plan
    assert any("day after" in n and "Mon 10 Aug 2015" in n for n in plan.notes)


@pytest.mark.parametrize(
    ("meetings", "chosen", "found"),
    [
        # Cabinet meets on Thursdays: Thu 13 Aug is too late (call-in to Thu 20 Aug), so Thu 6 Aug.
        ([date(2015, 7, 16), date(2015, 8, 6), date(2015, 8, 13), date(2015, 9, 10)],
         date(2015, 8, 6), True),
        # The latest legal day itself is a meeting day: it is taken.
        ([date(2015, 8, 11)], date(2015, 8, 11), True),
        # Only meetings after Tue 11 Aug: none works.
        ([date(2015, 8, 12), date(2015, 9, 3)], None, False),
    ],
)  # fmt: skip
def test_plan_with_meetings(meetings, chosen, found):
    result = compute(received=RECEIVED, meetings=meetings)
    plan = result.plan
    assert plan.meeting == chosen
    assert plan.meeting_found is found
    if found:
        assert plan.date == chosen
        assert result.deadline("forward-plan-notice").reference_date == chosen
    else:
        assert any("none of the 2 scheduled meetings" in n.lower() for n in plan.notes)
        assert any("Wed 12 Aug 2015" in n for n in plan.notes)


def test_a_meeting_before_the_receipt_is_never_chosen():
    """Received Tue 12 May 2015: a meeting on Thu 1 Jan 2015 cannot decide on the report, so
    with no other meeting none works (an extra meeting is planned); with Mon 22 Jun 2015 in the
    schedule too, that one is taken."""
    only_early = compute(received=RECEIVED, meetings=[date(2015, 1, 1)]).plan
    assert (only_early.meeting, only_early.meeting_found) == (None, False)
    assert only_early.date == only_early.latest
    assert any("1 is before Tue 12 May 2015, the earliest event given" in n
               for n in only_early.notes)  # fmt: skip
    both = compute(received=RECEIVED, meetings=[date(2015, 1, 1), date(2015, 6, 22)]).plan
    assert (both.meeting, both.meeting_found) == (date(2015, 6, 22), True)


def test_a_meeting_on_a_bank_holiday_is_noted():
    """Mon 25 May 2015 was the Spring bank holiday (the last Monday in May): a scheduled
    meeting that day is taken as given, with a note to check it."""
    plan = compute(received=RECEIVED, meetings=[date(2015, 5, 25)]).plan
    assert plan.meeting == date(2015, 5, 25)
    assert any("Mon 25 May 2015 is not a working day (Spring bank holiday); check the "
               "meeting date" in n for n in plan.notes)  # fmt: skip


def test_thursday_meeting_chain_by_hand():
    """Decision Thu 6 Aug 2015: the 28 clear days are Thu 9 Jul - Wed 5 Aug (23 + 5), so the
    forward plan is due Wed 8 Jul; the five working days before Thu 6 Aug are Wed 5, Tue 4,
    Mon 3 Aug, Fri 31, Thu 30 Jul, so the report is due Wed 29 Jul; call-in is Fri 7, Mon 10,
    Tue 11, Wed 12, Thu 13 Aug."""
    result = compute(received=RECEIVED, meetings=[date(2015, 8, 6)])
    assert result.deadline("forward-plan-notice").date == date(2015, 7, 8)
    assert result.deadline("decision-report-publication").date == date(2015, 7, 29)
    assert result.deadline("call-in-end").date == date(2015, 8, 13)


def test_plan_decision_moves_off_a_weekend():
    """Received Fri 3 Jul 2015: day 70 of working-days-after. Count: Jul has 20 working days
    after Fri 3 (6-31 Jul), Aug 20 (Mon 31 Aug skipped: 3-28 Aug), so day 40 is Fri 28 Aug;
    Sep 1-30 is 22 (day 62 Wed 30 Sep); Oct 1, 2, 5, 6, 7, 8, 9, 12 are days 63-70: Mon 12 Oct.
    Implementation by Mon 12 Oct needs call-in to end Fri 9 Oct: the five working days ending
    then are Mon 5 - Fri 9 Oct, so publication by Fri 2 Oct or Sat 3 or Sun 4 Oct (a weekend
    publication also starts call-in on Mon 5). The latest legal day is Sun 4 Oct; the plan's
    decision is the working day before it, Fri 2 Oct."""
    result = compute(received=date(2015, 7, 3))
    assert result.deadline("statement-of-action").date == date(2015, 10, 12)
    assert (result.plan.latest, result.plan.date) == (date(2015, 10, 4), date(2015, 10, 2))
    assert any("Sun 4 Oct 2015" in n for n in result.plan.notes)


def test_no_plan_when_asked_not_to_or_when_a_decision_is_given():
    assert compute(received=RECEIVED, plan=False).plan is None
    assert len(compute(received=RECEIVED, plan=False).deadlines) == 2
    given = compute(received=RECEIVED, decision=DECISION)
    assert given.plan is None
    assert not any(d.planned for d in given.deadlines)


def test_plan_decision_is_the_latest_that_works_checked_forwards():
    """For a spread of receipt dates the planned latest decision E satisfies the chain, and E + 1
    does not: the bisection agrees with computing the chain forwards on both sides of its answer."""
    for received in (date(2015, 5, 12), date(2016, 12, 1), date(2020, 3, 20), date(2026, 5, 20)):
        plan = compute(received=received).plan
        target = compute(received=received, plan=False).deadline("statement-of-action")
        ok = compute(received=received, decision=plan.latest).deadline("earliest-implementation")
        assert ok.working_day <= target.working_day
        late = compute(received=received, decision=date.fromordinal(plan.latest.toordinal() + 1))
        assert late.deadline("earliest-implementation").working_day > target.working_day


def test_plan_decision_helper_is_exposed():
    assert plan_decision is not None


def test_meetings_given_as_an_iterator_are_all_used():
    """A generator of meetings is read once by the argument check and would reach the planner
    empty: it is taken as a tuple first, so the plan is the same as for a list."""
    days = [date(2015, 7, 16), date(2015, 8, 6), date(2015, 8, 13)]
    from_list = compute(received=RECEIVED, meetings=days).plan
    from_iter = compute(received=RECEIVED, meetings=(d for d in days)).plan
    assert from_iter == from_list
    assert (from_iter.meeting, from_iter.meeting_found) == (date(2015, 8, 6), True)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        # The inspection report's publication counts from the receipt, which is not given.
        ({"decision": date(2015, 6, 8), "actual": {"ofsted_report_published": date(2015, 6, 1)}},
         "actual date ofsted_report_published 2015-06-01 is given without received"),
        # Not planned: no decision, so no forward-plan notice to judge the act against.
        ({"received": RECEIVED, "plan": False, "actual": {"forward_plan": date(2015, 6, 1)}},
         "actual date forward_plan 2015-06-01 is given without decision"),
    ],
)  # fmt: skip
def test_an_act_whose_rule_is_not_counted_is_refused(kwargs, words):
    """An actual date for a rule whose reference event is missing would be dropped silently
    (the user believes it was checked): it is refused, naming the event it needs."""
    from deadlines.errors import InputError

    with pytest.raises(InputError, match=words):
        compute(**kwargs)


def test_an_act_counted_from_a_planned_decision_is_judged():
    """With the decision planned from the receipt, the forward-plan notice is counted, and its
    act is judged against it (not refused)."""
    r = compute(received=RECEIVED, actual={"forward_plan": date(2015, 6, 1)})
    d = r.deadline("forward-plan-notice")
    assert d.actual == date(2015, 6, 1)
    assert d.status in ("met", "missed")


@pytest.mark.parametrize(
    "how",
    [
        lambda: compute(received=date(2015, 5, 12), decision_published=date(2015, 6, 8)),
        lambda: compute(decision_published=date(2015, 6, 8)),
        lambda: compute(
            events={"received": date(2015, 5, 12), "decision_published": date(2015, 6, 8)}
        ),
    ],
)
def test_a_decision_published_without_its_decision_is_refused(how):
    """The publication of a decision without the decision: the API (and `--event`) gave a
    call-in counted from it beside a decision planned two months later. Refused, as
    `--decision-published` alone and a `check` row are."""
    from deadlines.errors import InputError

    with pytest.raises(InputError, match=r"^decision_published 2015-06-08 is given without the "
                       r"decision; expected the decision too") as e:  # fmt: skip
        how()
    assert e.value.column == "decision_published"
