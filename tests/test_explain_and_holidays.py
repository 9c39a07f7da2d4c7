"""Showing the working: explain traces, the holidays list, and a newer bank-holiday file."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STALE_FEED = ROOT / "data-src" / "govuk-bank-holidays.json"


def test_founding_case_trace_counts_30_days_and_names_the_spring_bank_holiday(invoke):
    """Received Tue 12 May 2015: Wed 13 May is day 1, Mon 25 May skipped by name, Wed 24 Jun day 30."""
    result = invoke(
        "explain", "ofsted-report-publication", "--received", "2015-05-12", "--format", "json"
    )
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["schema"] == "deadlines/1"
    assert got["holidays"]["source"].startswith("gov.uk feed")
    assert (got["id"], got["date"]) == ("ofsted-report-publication", "2015-06-24")
    days = got["days"]
    # Every day from the day after receipt to the date, once each, in order.
    expected_dates = [date(2015, 5, 13) + timedelta(days=k) for k in range(43)]
    assert [d["date"] for d in days] == [d.isoformat() for d in expected_dates]
    assert sum(d["counted"] for d in days) == 30
    assert days[0] == {"date": "2015-05-13", "counted": True, "reason": None, "n": 1}
    assert {
        "date": "2015-05-25",
        "counted": False,
        "reason": "Spring bank holiday (disregarded by SI 2007/462 reg 1(2))",
        "n": None,
    } in days
    assert days[-1]["date"] == "2015-06-24"
    assert days[-1]["n"] == 30
    # Weekends by name; nothing else skipped.
    skipped = {d["reason"].removesuffix(" (disregarded by SI 2007/462 reg 1(2))") for d in days
               if not d["counted"]}  # fmt: skip
    assert skipped == {"Saturday", "Sunday", "Spring bank holiday"}


def test_backward_trace_ends_on_the_boundary_that_clear_days_exclude(invoke):
    """Report 5 clear working days before Mon 8 Jun 2015: Sun 7 .. Sun 31 May, 5 counted."""
    result = invoke(
        "explain", "decision-report-publication", "--decision", "2015-06-08", "--format", "json"
    )
    days = json.loads(result.stdout)["days"]
    assert [d["date"] for d in days] == [f"2015-06-0{k}" for k in range(7, 0, -1)] + ["2015-05-31"]
    assert [d["counted"] for d in days] == [False, False, True, True, True, True, True, False]
    assert days[0]["reason"] == "Sunday (disregarded by SI 2007/462 reg 1(2))"
    assert days[-1]["reason"].startswith("Sunday")


def test_explain_table_ends_with_the_date_and_the_rule(invoke):
    """The readable trace finishes with the date and the rule in words."""
    out = invoke(
        "explain", "call-in-end", "--decision", "2015-06-08", env={"COLUMNS": "200"}
    ).stdout
    assert "Mon 15 Jun 2015" in out
    assert "5 clear working days after publication of the decision" in out.splitlines()[-2] + out


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["no-such-rule", "--received", "2015-05-12"], "no-such-rule"),
        (["statement-of-action", "--decision", "2015-06-08"], "received"),
        (["ofsted-report-publication", "--decision", "2015-06-08"], "received"),
    ],
)
def test_explain_errors_name_the_rule_or_missing_event(invoke, args, named):
    """Exit 2 and one Error line naming what is wrong."""
    result = invoke("explain", *args)
    assert result.exit_code == 2
    assert named in result.stderr.strip().splitlines()[-1]


def test_holidays_lists_scotlands_2026_one_off_day(invoke):
    """deadlines holidays --region scotland --year 2026 includes Mon 15 Jun, confirmed, one-off."""
    got = json.loads(
        invoke("holidays", "--region", "scotland", "--year", "2026", "--format", "json").stdout
    )
    day = next(d for d in got["days"] if d["date"] == "2026-06-15")
    assert (day["status"], day["kind"]) == ("confirmed", "one-off")
    ew = json.loads(invoke("holidays", "--year", "2026", "--format", "json").stdout)
    assert "2026-06-15" not in {d["date"] for d in ew["days"]}


def test_holidays_marks_years_past_the_feed_as_projected(invoke):
    """2035: every bank holiday is projected; Christmas Day and Good Friday are by rule."""
    got = json.loads(invoke("holidays", "--year", "2035", "--format", "json").stdout)
    by_rule = {d["name"] for d in got["days"] if d["by_rule"]}
    assert by_rule == {"Christmas Day", "Good Friday"}
    assert {d["status"] for d in got["days"] if not d["by_rule"]} == {"projected"}


def test_a_bank_holidays_file_replaces_the_shipped_data(invoke):
    """The stale gov.uk copy (no 15 Jun 2026) gives the stale answer: Mon 22 Jun, not Tue 23 Jun."""
    args = [
        "explain",
        "foisa-response",
        "--pack",
        "scotland-information-requests",
        "--received",
        "2026-06-08",
        "--region",
        "scotland",
    ]
    # special-holidays.json (hand-counted): the 10th working day after Mon 8 Jun 2026 in Scotland
    # (FOISA s73: Scottish bank holidays) is Tue 23 Jun with the one-off 15 Jun (9, 10, 11, 12,
    # 16, 17, 18, 19, 22, 23), Mon 22 Jun on the stale feed that lacks it.
    shipped = json.loads(invoke(*args, "--format", "json").stdout)["days"]
    stale = json.loads(invoke(*args, "--bank-holidays", STALE_FEED, "--format", "json").stdout)
    assert next(d for d in shipped if d["n"] == 10)["date"] == "2026-06-23"
    assert next(d for d in stale["days"] if d["n"] == 10)["date"] == "2026-06-22"
    assert stale["holidays"]["source"].startswith(
        "govuk-bank-holidays.json (gov.uk format, to 2028-12-26)"
    )


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b"not json at all", "is not JSON"),
        (b"[1, 2, 3]", "has none of the divisions"),
        (b'{"scotland": {"events": []}}', "scotland has no events"),
        (b'{"scotland": {"events": [{"title": "x", "date": "2026-13-01"}]}}', "event 1"),
        (b'{"scotland": {"events": [{"date": "2026-01-01"}]}}', "event 1"),
        (b"\xff\xfe\x00binary", "is not JSON"),
    ],
)
def test_a_malformed_bank_holidays_file_is_rejected_with_exit_2(invoke, tmp_path, content, named):
    """A bad file is named with what is wrong; nothing is computed from it."""
    bad = tmp_path / "holidays.json"
    bad.write_bytes(content)
    result = invoke("compute", "--received", "2015-05-12", "--bank-holidays", bad)
    assert result.exit_code == 2, result.stdout
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert named in last
    assert str(bad) in last
    assert result.stdout == ""


def test_a_missing_bank_holidays_file_is_rejected_with_exit_2(invoke, tmp_path):
    """click names the missing path."""
    result = invoke(
        "compute", "--received", "2015-05-12", "--bank-holidays", tmp_path / "nope.json"
    )
    assert result.exit_code == 2
    assert "nope.json" in result.stderr.strip().splitlines()[-1]


def test_calendar_picture_marks_references_deadlines_and_holidays_without_colour(invoke):
    """Plain output (a pipe): marks and legend carry the meaning; no escape codes."""
    result = invoke(
        "calendar", "--received", "2015-05-12", "--decision", "2015-06-08", env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b[" not in out
    for month in ("May 2015", "June 2015", "July 2015", "August 2015"):
        assert month in out
    assert "September 2015" not in out  # the last deadline is Wed 19 Aug 2015
    for legend in (
        "Tue 12 May 2015  (12) received",
        "Mon 8 Jun 2015  (8) decision, decision_published",
        "Mon 25 May 2015  25+ Spring bank holiday",
        "Sun 10 May 2015  [10] forward-plan-notice",
        "Fri 8 May 2015  [8] forward-plan-notice (safe working day)",
        "Wed 19 Aug 2015  [19] statement-of-action",
    ):
        assert legend in out, legend
    assert max(len(line) for line in out.splitlines()) <= 80
