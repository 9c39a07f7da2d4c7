"""`compute` as a user runs it: actual dates, plans with meetings, csv, ics, --output, `rules`.

Expected dates are the hand-counted ones of LEGAL.md 4.2 and 5 (see test_actuals_and_plan.py).
"""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date

import icalendar
import pytest

FOUNDING = ("compute", "--received", "2015-05-12", "--decision", "2015-06-08")
WIDE = {"COLUMNS": "200"}
CONTRACT_IDS = (  # CONTRACT.md "Rule ids", in order
    "ofsted-report-publication",
    "statement-of-action",
    "forward-plan-notice",
    "decision-report-publication",
    "call-in-end",
    "earliest-implementation",
)


def test_founding_forward_plan_met_with_margin_table(invoke):
    """The issue's own example: forward plan published Thu 7 May is met, 3 days to spare."""
    result = invoke(*FOUNDING, "--forward-plan", "2015-05-07", env=WIDE)
    assert result.exit_code == 0
    row = next(ln for ln in result.stdout.splitlines() if "Thu 7 May 2015" in ln)
    assert "Thu 7 May 2015" in row
    assert "MET" in result.stdout
    assert "3 days to spare" in result.stdout


def test_founding_forward_plan_met_with_margin_json(invoke):
    got = json.loads(invoke(*FOUNDING, "--forward-plan", "2015-05-07", "--format", "json").stdout)
    fp = next(d for d in got["deadlines"] if d["id"] == "forward-plan-notice")
    assert (fp["actual"], fp["status"], fp["margin"]) == (
        "2015-05-07",
        "met",
        {"value": 3, "unit": "days"},
    )
    # The other reading (28 clear working days, boundary Sun 26 Apr) is missed by that date.
    assert fp["other_readings"][0]["status"] == "missed"


@pytest.mark.parametrize(
    ("option", "value", "rule_id", "status", "code"),
    [
        ("--report-published", "2015-05-29", "decision-report-publication", "met", 0),
        ("--report-published", "2015-06-01", "decision-report-publication", "missed", 1),
        ("--implemented", "2015-06-16", "earliest-implementation", "met", 0),
        ("--implemented", "2015-06-15", "earliest-implementation", "missed", 1),
        ("--statement-published", "2015-08-19", "statement-of-action", "met", 0),
        ("--statement-published", "2015-08-20", "statement-of-action", "missed", 1),
        ("--ofsted-report-published", "2015-06-24", "ofsted-report-publication", "met", 0),
        ("--ofsted-report-published", "2015-06-25", "ofsted-report-publication", "missed", 1),
        ("--forward-plan", "2015-05-10", "forward-plan-notice", "met", 0),
        ("--forward-plan", "2015-05-11", "forward-plan-notice", "missed", 1),
    ],
)
def test_every_actual_date_option_met_and_missed_exit_codes(
    invoke, option, value, rule_id, status, code
):
    result = invoke(*FOUNDING, option, value, "--format", "json")
    assert result.exit_code == code
    got = next(d for d in json.loads(result.stdout)["deadlines"] if d["id"] == rule_id)
    assert (got["actual"], got["status"]) == (value, status)


def test_missed_table_says_how_late(invoke):
    result = invoke(*FOUNDING, "--report-published", "2015-06-02", env=WIDE)
    assert result.exit_code == 1
    assert "MISSED" in result.stdout
    assert "2 working days late" in result.stdout  # Mon 1, Tue 2 Jun after the Sun 31 May limit


def test_plan_table_marks_planned_rows_and_prints_the_plan(invoke):
    result = invoke("compute", "--received", "2015-05-12", env=WIDE)
    assert result.exit_code == 0
    out = result.stdout
    assert out.count("PLANNED") == 4
    assert "Plan: decision on Tue 11 Aug 2015" in out
    assert "Mon 13 Jul 2015" in out  # forward plan
    assert "Mon 3 Aug 2015" in out  # report


@pytest.mark.parametrize(
    ("content", "name"),
    [
        ("2015-07-16\n2015-08-06\n2015-08-13\n\n# September\n2015-09-10\n", "meetings.txt"),
        (
            "\ufeffdate,body\r\n2015-07-16,Cabinet\r\n2015-08-06,Cabinet\r\n2015-08-13,Cabinet\r\n",
            "m.csv",
        ),
        ("date\r2015-07-16\r2015-08-06\r2015-08-13\r", "old-mac.csv"),
        ("date;body\n2015-07-16;Cabinet\n2015-08-06;Cabinet\n2015-08-13;Cabinet\n", "m.csv"),
    ],
    ids=["one-date-per-line", "csv-with-bom-and-crlf", "csv-with-cr-only", "csv-semicolons"],
)
def test_meetings_file_picks_the_latest_that_works(invoke, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8"))
    result = invoke("compute", "--received", "2015-05-12", "--meetings", path, "--format", "json")
    assert result.exit_code == 0
    got = json.loads(result.stdout)
    assert got["plan"]["meetings"]["chosen"] == "2015-08-06"
    assert got["plan"]["meetings"]["found"] is True
    fp = next(d for d in got["deadlines"] if d["id"] == "forward-plan-notice")
    assert (fp["date"], fp["planned"]) == ("2015-07-08", True)
    assert any("Thu 13 Aug 2015" in n and "too late" in n for n in got["plan"]["notes"])


def test_no_meeting_works_says_so_and_exits_1(invoke, tmp_path):
    path = tmp_path / "late.txt"
    path.write_text("2015-08-12\n2015-09-03\n")
    result = invoke("compute", "--received", "2015-05-12", "--meetings", path, env=WIDE)
    assert result.exit_code == 1
    assert "no scheduled meeting works" in result.stdout
    assert "None of the 2 scheduled meetings works" in result.stdout


@pytest.mark.parametrize(
    "command",
    [
        ("calendar",),
        ("explain", "forward-plan-notice"),
        ("explain", "forward-plan-notice", "--format", "json"),
    ],
    ids=["calendar", "explain", "explain-json"],
)
def test_calendar_and_explain_exit_as_compute_does(invoke, tmp_path, command):
    """The same inputs give the same exit code in every command that computes: 1 when no
    scheduled meeting works, 1 when an actual date missed its deadline, else 0."""
    path = tmp_path / "late.txt"
    path.write_text("2015-08-12\n")  # after Tue 11 Aug 2015, the latest decision day
    failed = invoke(*command, "--received", "2015-05-12", "--meetings", path, env=WIDE)
    assert failed.exit_code == 1, failed.output
    # Thu 6 Aug 2015 works: 28 clear days before it leave Wed 8 Jul 2015 as the last day
    path.write_text("2015-08-06\n")
    assert invoke(*command, "--received", "2015-05-12", "--meetings", path).exit_code == 0
    # 28 clear days before Mon 8 Jun 2015: Sun 10 May is the last day; Mon 11 May is late
    late = invoke(*command, "--decision", "2015-06-08", "--forward-plan", "2015-05-11")
    assert late.exit_code == 1, late.output
    on_time = invoke(*command, "--decision", "2015-06-08", "--forward-plan", "2015-05-10")
    assert on_time.exit_code == 0, on_time.output


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_explain_says_on_stderr_why_it_exits_1(invoke, tmp_path, fmt):
    """explain shows one rule; the rule that failed, or the plan, may be another: stderr names
    it (stdout stays the explanation alone)."""
    path = tmp_path / "late.txt"
    path.write_text("2015-08-12\n")  # after Tue 11 Aug 2015, the latest decision day
    failed = invoke("explain", "ofsted-report-publication", "--received", "2015-05-12",
                    "--meetings", path, "--format", fmt, env=WIDE)  # fmt: skip
    assert failed.exit_code == 1
    assert "Plan: decision on Tue 11 Aug 2015 (no scheduled meeting works)" in failed.stderr
    # 28 clear days before Mon 8 Jun 2015: Sun 10 May is the last day; Mon 11 May is 1 day late
    late = invoke("explain", "call-in-end", "--decision", "2015-06-08", "--forward-plan",
                  "2015-05-11", "--format", fmt, env=WIDE)  # fmt: skip
    assert late.exit_code == 1
    assert "MISSED forward-plan-notice: done Mon 11 May 2015, 1 day late" in late.stderr
    assert "MISSED" not in late.stdout
    if fmt == "json":
        json.loads(late.stdout)
    on_time = invoke("explain", "call-in-end", "--decision", "2015-06-08", "--forward-plan",
                     "2015-05-10", env=WIDE)  # fmt: skip
    assert on_time.exit_code == 0
    assert "MISSED" not in on_time.stderr


def test_calendar_says_when_the_plan_or_a_date_failed(invoke, tmp_path):
    path = tmp_path / "late.txt"
    path.write_text("2015-08-12\n")
    out = invoke("calendar", "--received", "2015-05-12", "--meetings", path, env=WIDE).stdout
    assert "Plan: decision on Tue 11 Aug 2015 (no scheduled meeting works)" in out
    out = invoke("calendar", "--decision", "2015-06-08", "--forward-plan", "2015-05-11",
                 env=WIDE).stdout  # fmt: skip
    assert "MISSED forward-plan-notice: done Mon 11 May 2015, 1 day late" in out


@pytest.mark.parametrize(
    ("content", "named"),
    [
        ("2015-08-06\n2015-02-30\n", "line 2"),
        ("2015-08-06\n08/06/2015\n", "'08/06/2015'"),
        ("when,what\n2015-08-06,x\n", "'date' column"),
        ("date\n", "no dates"),
        ("", "no dates"),
        ("date,body\n2015-08-06,x\n,y\n", "empty date"),
        ("date\n" + "a" * 200_000 + "\n", "not readable as CSV (field larger"),  # a huge cell
        ("a" * 200_000 + "\n", "not readable as CSV (field larger"),  # a huge first line
        ("date\n2015-08-06\rx\n", "'x' is not a date"),  # a lone CR ends a line
        # Two date columns: only one of them was read; the other's dates were dropped silently.
        ("date,Date\n2015-07-16,2015-07-17\n", "column 'date' appears 2 times in the header"),
    ],
)
def test_bad_meetings_files_exit_2_naming_the_line(invoke, tmp_path, content, named):
    path = tmp_path / "m.txt"
    path.write_text(content)
    result = invoke("compute", "--received", "2015-05-12", "--meetings", path)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert named in last


@pytest.mark.parametrize(
    "content",
    ["16/07/2015\n6/8/2015\n13 August 2015\n", "date,body\n16/07/2015,Cabinet\n06/08/2015,x\n"],
    ids=["one-date-per-line", "csv"],
)
def test_dayfirst_reads_the_meetings_file_too(invoke, tmp_path, content):
    """--dayfirst reads UK dates in the meetings file as on the command line: 6/8/2015 is 6
    August, the latest meeting that works (as in the ISO cases above)."""
    path = tmp_path / "m.txt"
    path.write_text(content)
    args = ("compute", "--received", "12/05/2015", "--dayfirst", "--meetings", path)
    result = invoke(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["plan"]["meetings"]["chosen"] == "2015-08-06"


def test_uk_dates_in_a_meetings_file_without_dayfirst_say_what_to_pass(invoke, tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("16/07/2015\n06/08/2015\n")
    result = invoke("compute", "--received", "2015-05-12", "--meetings", path)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: {path} line 1: '16/07/2015' is not YYYY-MM-DD; did you mean")
    assert "2015-07-16" in last
    assert "--dayfirst" in last


def test_meetings_with_a_decision_is_an_error(invoke, tmp_path):
    path = tmp_path / "m.txt"
    path.write_text("2015-08-06\n")
    result = invoke(*FOUNDING, "--meetings", path)
    assert result.exit_code == 2
    assert "no decision to plan" in result.stderr


@pytest.mark.parametrize(
    ("args", "named"),
    [(FOUNDING, "a decision date is given"),
     (("compute", "--received", "2015-05-12", "--event", "decision=2015-06-08"),
      "a decision date is given"),
     (("compute", "--pack", "information-requests", "--received", "2015-07-10"), "plan"),
     # The plan counts back from the statement of action, counted from the receipt: with no
     # receipt there is nothing to plan from.
     (("compute", "--event", "meeting=2015-07-14"), "no received date is given")],
    ids=["with-a-decision", "with-a-decision-as-event", "pack-without-a-plan", "no-receipt"],
)  # fmt: skip
def test_no_plan_with_nothing_to_plan_is_an_error(invoke, args, named):
    """--no-plan leaves out the backward plan; where there is none it was silently ignored."""
    result = invoke(*args, "--no-plan")
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: --no-plan")
    assert named in last


def test_no_plan_where_the_plan_counts_from_an_event_that_defaults(invoke, tmp_path):
    """The plan's target counted from an event that defaults to the receipt: a plan is made
    from --received alone, so --no-plan has something to leave out."""
    rules = tmp_path / "r.toml"
    rules.write_text(
        'schema = "deadlines-rules/1"\n\n[events.logged]\nlabel = "the day it was logged"\n'
        'help = "The day the report was logged."\ndefaults_to = "received"\n\n'
        '[[rules]]\nid = "statement-of-action"\nreference = "logged"\n'
    )
    planned = invoke("compute", "--rules", rules, "--received", "2015-05-12", "--format", "json")
    assert json.loads(planned.stdout)["plan"] is not None
    left_out = invoke("compute", "--rules", rules, "--received", "2015-05-12", "--no-plan",
                      "--format", "json")  # fmt: skip
    assert left_out.exit_code == 0, left_out.stderr
    assert json.loads(left_out.stdout)["plan"] is None


def test_csv_reads_back_with_the_csv_module(invoke):
    result = invoke(*FOUNDING, "--forward-plan", "2015-05-07", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert [r["id"] for r in rows] == list(CONTRACT_IDS)
    by_id = {r["id"]: r for r in rows}
    fp = by_id["forward-plan-notice"]
    assert (fp["date"], fp["weekday"], fp["working_day"]) == ("2015-05-10", "Sunday", "2015-05-08")
    assert (fp["actual"], fp["status"], fp["margin"], fp["margin_unit"]) == (
        "2015-05-07",
        "met",
        "3",
        "days",
    )
    assert by_id["call-in-end"]["date"] == "2015-06-15"
    assert by_id["ofsted-report-publication"]["source"] == "SI 2007/462 reg 2"


def test_csv_header_is_stable(invoke):
    """The documented header (README "Exports"); columns are only ever added at the end."""
    header = invoke(*FOUNDING, "--format", "csv").stdout.splitlines()[0]
    assert header == (
        "id,title,date,weekday,working_day,relation,reference_event,reference_date,length,unit,"
        "counting,period,source,actual,status,margin,margin_unit,planned,other_readings,notes,"
        "region,holidays,time,earliest"
    )


def test_ics_parses_back_to_the_same_dates_and_is_reproducible(invoke):
    first = invoke(*FOUNDING, "--format", "ics").stdout_bytes
    second = invoke(*FOUNDING, "--format", "ics").stdout_bytes
    assert first == second  # same inputs, same bytes: nothing from the clock
    cal = icalendar.Calendar.from_ical(first)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 6
    got = {str(e["CATEGORIES"].cats[1]): e for e in events}
    # All-day events on the safe working day: the forward plan's Sun 10 May boundary is on Fri 8 May.
    assert got["forward-plan-notice"]["DTSTART"].dt == date(2015, 5, 8)
    assert got["forward-plan-notice"]["DTEND"].dt == date(2015, 5, 9)
    assert "Sun 10 May 2015" in str(got["forward-plan-notice"]["DESCRIPTION"])
    assert got["ofsted-report-publication"]["DTSTART"].dt == date(2015, 6, 24)
    assert got["earliest-implementation"]["DTSTART"].dt == date(2015, 6, 16)
    uids = {str(e["UID"]) for e in events}
    assert len(uids) == 6
    # Another decision date changes the decision-chain UIDs.
    other = icalendar.Calendar.from_ical(
        invoke(
            "compute", "--received", "2015-05-12", "--decision", "2015-06-09", "--format", "ics"
        ).stdout_bytes
    )
    assert {str(e["UID"]) for e in other.walk("VEVENT")} != uids


def test_output_writes_the_file_atomically(invoke, tmp_path):
    out = tmp_path / "dates.json"
    out.write_text("old contents")
    result = invoke(*FOUNDING, "--format", "json", "--output", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert json.loads(out.read_text())["schema"] == "deadlines/1"
    assert sorted(os.listdir(tmp_path)) == ["dates.json"]  # no temporary file left behind


def test_output_table_and_ics(invoke, tmp_path):
    table = tmp_path / "dates.txt"
    assert invoke(*FOUNDING, "-o", table).exit_code == 0
    assert "Wed 24 Jun 2015" in table.read_text()
    ics = tmp_path / "dates.ics"
    assert invoke(*FOUNDING, "--format", "ics", "-o", ics).exit_code == 0
    assert icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")


def test_output_bad_input_leaves_the_old_file(invoke, tmp_path):
    out = tmp_path / "dates.json"
    out.write_text("old contents")
    result = invoke("compute", "--received", "2015-02-30", "--format", "json", "-o", out)
    assert result.exit_code == 2
    assert out.read_text() == "old contents"


@pytest.mark.parametrize("where", ["missing-dir/x.json", "."])
def test_output_to_a_bad_place_exits_2(invoke, tmp_path, where):
    result = invoke(*FOUNDING, "--format", "json", "-o", tmp_path / where)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("Error: cannot write --output")


def test_rules_lists_the_rules_in_force(invoke):
    out = invoke("rules", env=WIDE).stdout
    for text in ("forward-plan-notice", "28 clear days before the decision", "SI 2012/2089 reg 9",
                 "clear-working-days", "on-or-after"):  # fmt: skip
        assert text in out
    got = json.loads(invoke("rules", "--format", "json").stdout)
    assert [r["id"] for r in got["rules"]][:6] == list(CONTRACT_IDS)
    fp = got["rules"][2]
    assert (fp["words"], fp["relation"], fp["citation"]) == (
        "28 clear days before the decision",
        "on-or-before",
        "SI 2012/2089 reg 9",
    )
    assert fp["period"] == {"length": 28, "unit": "days", "counting": "clear-days"}
    assert got["rules"][5]["follows"] == "call-in-end"


def test_readme_meetings_example(invoke):
    from pathlib import Path

    path = Path(__file__).parents[1] / "examples" / "cabinet-2015.txt"
    got = json.loads(
        invoke("compute", "--received", "2015-05-12", "--meetings", path, "--format", "json").stdout
    )
    assert got["plan"]["decision"] == {"latest": "2015-08-11", "date": "2015-08-06"}
