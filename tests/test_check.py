"""`deadlines check`: the example calendar, generated edge calendars, bad rows, every output.

Expected boundaries in the generated calendar come from the day-by-day oracle (tests/oracle.py),
never from the engine.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

from oracle import is_working_day as oracle_working

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "governance-calendar-2015.csv"
EXPECTED = json.loads(
    (Path(__file__).parent / "cases" / "governance-calendar-2015.expected.json").read_text()
)
RULES = ("forward-plan-notice", "decision-report-publication", "earliest-implementation")


def _jsonl(result):
    """JSON Lines rows (stdout has rows only) and the summary line from stderr."""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all("row" in x for x in rows)
    m = re.search(r"Summary: read (\d+), ok (\d+), failing (\d+), errored (\d+)", result.stderr)
    summary = dict(zip(("read", "ok", "failing", "errored"), map(int, m.groups()), strict=True))
    return rows, summary


def test_example_calendar_matches_the_hand_worked_expectations(invoke):
    result = invoke("check", EXAMPLE, "--format", "json")
    assert result.exit_code == 1  # rows 3-8 and 10 breach a rule
    got = json.loads(result.stdout)
    assert got["summary"] == {"read": 10, "ok": 3, "failing": 7, "errored": 0}
    assert [r["row"] for r in got["rows"]] == list(range(1, 11))
    for want, row in zip(EXPECTED["rows"], got["rows"], strict=True):
        assert (row["row"], row["item"], row["ok"]) == (want["row"], want["item"], want["ok"])
        by_id = {d["id"]: d for d in row["deadlines"]}
        for rule_id in RULES:
            assert by_id[rule_id]["date"] == want[rule_id]["date"], (row["row"], rule_id)
            assert by_id[rule_id]["working_day"] == want[rule_id]["working_day"]
            assert by_id[rule_id]["status"] == want[rule_id]["status"], (row["row"], rule_id)
            for mine, theirs in zip(
                by_id[rule_id]["other_readings"],
                want[rule_id].get("other_readings", []),
                strict=False,
            ):
                assert (mine["counting"], mine["date"], mine["status"]) == (
                    theirs["counting"], theirs["date"], theirs["status"])  # fmt: skip
        assert by_id["call-in-end"]["date"] == want["call-in-end"]["date"]


@pytest.mark.parametrize(
    ("row", "rule_id"),
    [(3, "decision-report-publication"), (4, "decision-report-publication"),
     (5, "forward-plan-notice"), (6, "earliest-implementation"), (7, "earliest-implementation"),
     (8, "earliest-implementation"), (10, "earliest-implementation")],
)  # fmt: skip
def test_example_rows_fail_for_the_reason_the_readme_gives(invoke, row, rule_id):
    rows, _ = _jsonl(invoke("check", EXAMPLE, "--format", "jsonl"))
    assert rows[row - 1]["missed"] == [rule_id]


def test_example_table_lists_failing_rows_first_with_how_much(invoke):
    result = invoke("check", EXAMPLE, env={"COLUMNS": "200"})
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("Highways maintenance") < out.index("Children's services")
    assert "2 working days late" in out
    assert "read 10, ok 3, failing 7, errored 0" in out


# -- a generated calendar: misses by exactly one day, meets with exactly zero to spare ----------


def _nth_working_day_before(d: date, n: int) -> date:
    """Day-by-day: the n-th working day before d (oracle, England and Wales)."""
    while n:
        d -= timedelta(days=1)
        n -= oracle_working("england-and-wales", d)
    return d


def _nth_working_day_after(d: date, n: int) -> date:
    while n:
        d += timedelta(days=1)
        n -= oracle_working("england-and-wales", d)
    return d


def _edge_rows():
    """For decisions on every day of 2015-2016: the last day that meets each rule, and one day
    later (earlier for implementation), from the oracle's own walk."""
    rows = []
    decision = date(2015, 1, 5)
    while decision < date(2017, 1, 1):
        forward_ok = decision - timedelta(days=29)  # 28 clear days strictly between
        report_ok = _nth_working_day_before(decision, 5) - timedelta(days=1)
        implement_ok = _nth_working_day_after(decision, 5) + timedelta(days=1)
        rows.append((decision, forward_ok, report_ok, implement_ok, True))
        rows.append((decision, forward_ok + timedelta(days=1), report_ok, implement_ok, False))
        rows.append((decision, forward_ok, report_ok + timedelta(days=1), implement_ok, False))
        rows.append((decision, forward_ok, report_ok, implement_ok - timedelta(days=1), False))
        decision += timedelta(days=3)
    return rows


def test_generated_calendar_edges(invoke, tmp_path):
    rows = _edge_rows()
    path = tmp_path / "edges.csv"
    lines = ["item,decision,forward_plan,report_published,implemented"]
    lines += [f"r{i},{d},{f},{r},{m}" for i, (d, f, r, m, _) in enumerate(rows, 1)]
    path.write_text("\n".join(lines) + "\n")
    got, summary = _jsonl(invoke("check", path, "--format", "jsonl"))
    assert len(got) == len(rows)
    assert [g["ok"] for g in got] == [ok for *_, ok in rows]
    for g, (*_, ok) in zip(got, rows, strict=True):
        if ok:  # every met rule was met with zero to spare
            assert {d["margin"]["value"] for d in g["deadlines"] if d["margin"]} == {0}
        else:
            assert len(g["missed"]) == 1
    assert summary["read"] == summary["ok"] + summary["failing"] + summary["errored"] == len(rows)


# -- bad rows next to good ones ------------------------------------------------------------------

BAD_CSV = (
    "item,decision,forward_plan,report_published,region,notes\n"
    "good,2015-06-08,2015-05-07,2015-05-29,,x\n"  # 1 ok
    "impossible,2015-02-30,,,,\n"  # 2 errored
    "uk-style,08/06/2015,,,,\n"  # 3 errored without --dayfirst
    "words,next tuesday,,,,\n"  # 4 errored
    "no dates,,,,,\n"  # 5 errored
    "bad region,2015-06-08,,,cymru,\n"  # 6 errored
    "out of range,1970-06-08,,,,\n"  # 7 errored
    "missed,2015-06-08,2015-05-11,,,\n"  # 8 failing
    '"multi\nline item",2015-06-08,,,,\n'  # 9 ok, starts on line 10
    "too many,2015-06-08,,,,,extra\n"  # 10 errored
    "scotland,2026-06-22,2026-05-24,,scotland,\n"  # 11 errored: SI 2012/2089 is English law
)


def test_malformed_rows_are_reported_never_dropped(invoke, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV)
    result = invoke("check", path, "--format", "jsonl")
    assert result.exit_code == 1
    rows, summary = _jsonl(result)
    assert [r["row"] for r in rows] == list(range(1, 12))
    assert summary == {"read": 11, "ok": 2, "failing": 1, "errored": 8}
    errors = {r["row"]: " ".join(e["message"] for e in r["errors"]) for r in rows}
    assert "'decision'" in errors[2]
    assert "2015-02-30" in errors[2]
    assert "'08/06/2015'" in errors[3]
    assert "--dayfirst" in errors[3]
    assert "'next tuesday'" in errors[4]
    assert "no 'received' or 'decision'" in errors[5]
    assert "'cymru'" in errors[6]
    assert "1970-06-08" in errors[7]
    assert "extra" in errors[10]
    assert "england-executive is law in England only, not in Scotland" in errors[11]
    assert rows[7]["missed"] == ["forward-plan-notice"]
    assert rows[8]["item"] == "multi\nline item"
    assert [r["line"] for r in rows] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13]


def test_dayfirst_reads_uk_dates(invoke, tmp_path):
    path = tmp_path / "uk.csv"
    path.write_text("item,decision,forward_plan\nx,08/06/2015,07/05/2015\ny,8/6/2015,11.05.2015\n")
    rows, _ = _jsonl(invoke("check", path, "--dayfirst", "--format", "jsonl"))
    assert [r["ok"] for r in rows] == [True, False]
    assert rows[0]["deadlines"][0]["reference"]["date"] == "2015-06-08"
    assert rows[1]["deadlines"][0]["actual"] == "2015-05-11"


def test_bom_crlf_and_github_line_numbers(invoke, tmp_path):
    path = tmp_path / "excel.csv"
    text = "item,decision,report_published\r\n\r\nok,2015-06-08,2015-05-29\r\nlate,2015-06-08,2015-06-01\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    result = invoke("check", path, "--format", "github")
    assert result.exit_code == 1
    annotations = [ln for ln in result.stdout.splitlines() if ln.startswith("::error ")]
    assert len(annotations) == 1
    assert f"file={path}".replace(":", "%3A") in annotations[0] or "file=" in annotations[0]
    assert ",line=4," in annotations[0]  # header line 1, blank line 2, ok row 3, late row 4
    assert "decision-report-publication" in annotations[0]


def test_github_annotations_cannot_be_injected(invoke, tmp_path):
    path = tmp_path / "evil.json"
    evil = "100% evil\n::set-output name=x::pwned\r\n::error::fake"
    path.write_text(
        json.dumps([{"item": evil, "decision": "2015-06-08", "forward_plan": "2015-06-01"}])
    )
    result = invoke("check", path, "--format", "github")
    lines = result.stdout.splitlines()
    # the log line, the holiday-data notice, one annotation and the summary line
    assert len(lines) == 4
    annotations = [line for line in lines if line.startswith("::error file=")]
    assert len(annotations) == 1
    assert "100%25 evil%0A::set-output name=x::pwned%0D%0A::error::fake" in annotations[0]
    assert "100%25 evil%0A::set-output name=x::pwned%0D%0A::error::fake" in lines[0]
    assert not any(line.startswith("::set-output") for line in lines)


def test_item_text_comes_back_intact_in_json_and_jsonl(invoke, tmp_path):
    item = 'Tab\there, "quotes", <xml> & ünïcode\nnewline\x07bell'
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps({"item": item, "decision": "2015-06-08"}) + "\n")
    rows, _ = _jsonl(invoke("check", path, "--format", "jsonl"))
    assert rows[0]["item"] == item
    assert len(invoke("check", path, "--format", "jsonl").stdout.splitlines()) == 1  # rows only
    got = json.loads(invoke("check", path, "--format", "json").stdout)
    assert got["rows"][0]["item"] == item


def test_junit_parses_back(invoke, tmp_path):
    path = tmp_path / "evil.csv"
    path.write_text(
        'item,decision,forward_plan,report_published\n"<b>&amp; \x01",2015-06-08,2015-05-11,2015-05-29\n'
        "bad,2015-02-30,,\n"
    )
    result = invoke("check", path, "--format", "junit")
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode())
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    # Row 1: forward plan missed, report met (call-in and implementation are pending, left out
    # without --junit-pending); row 2: one errored case.
    assert len(cases) == 3
    assert suite.get("failures") == "1"
    assert suite.get("errors") == "1"
    failure = cases[0].find("failure")
    assert "forward-plan-notice" in failure.get("message")
    assert cases[0].get("name").startswith("row 1: <b>&amp; ")
    assert cases[2].find("error") is not None


def test_stdin_and_formats_by_sniffing(invoke):
    text = EXAMPLE.read_text()
    result = invoke("check", "-", "--format", "jsonl", input=text)
    rows, summary = _jsonl(result)
    assert summary["read"] == 10
    as_json = json.dumps([{"decision": "2015-06-08", "forward_plan": "2015-05-07"}])
    rows, summary = _jsonl(invoke("check", "-", "--format", "jsonl", input=as_json))
    assert summary == {"read": 1, "ok": 1, "failing": 0, "errored": 0}
    rows, summary = _jsonl(
        invoke("check", "-", "--format", "jsonl", input='{"received": "2015-05-12"}\n')
    )
    assert rows[0]["ok"] is True
    assert rows[0]["deadlines"][0]["date"] == "2015-06-24"


def test_all_ok_exits_0(invoke, tmp_path):
    path = tmp_path / "ok.csv"
    path.write_text("decision,forward_plan\n2015-06-08,2015-05-07\n")
    assert invoke("check", path).exit_code == 0


@pytest.mark.parametrize(
    ("content", "name", "named"),
    [
        ("item,when\nx,2015-06-08\n", "c.csv", "no 'received' or 'decision' column"),
        ("item,decision,decision\nx,2015-06-08,2015-06-08\n", "c.csv", "appears twice"),
        ("item,decision\n", "c.csv", "no data rows"),
        ("", "c.csv", "is empty"),
        ('{"a": 1}', "c.json", "not a JSON list"),
        ("[]", "c.json", "empty list"),
        ("[" * 100000 + "]" * 100000, "c.json", "nested too deeply"),
        ('[{"decision": "2015-06-08"}', "c.json", "not closed"),
        ('[{"decision": "2015-06-08"} {}]', "c.json", "expected ','"),
        ('[{"decision": 2015-06-08}]', "c.json", "not valid JSON"),
        # Text after the list would be rows silently dropped; a trailing comma is not JSON.
        ('[{"decision": "2015-06-08"}]\n[{"decision": "x"}]', "c.json", "line 2: text after"),
        ('[{"decision": "2015-06-08"}]}', "c.json", "text after the list's closing ']'"),
        ('[{"decision": "2015-06-08"},\n]', "c.json", "line 2: a ',' before the closing ']'"),
        ('{"item": "x"}\n', "c.jsonl", "no row has a 'received' or 'decision' key"),
        ("not json\n{bad\n", "c.jsonl", "no row is a JSON object with keys"),  # all unreadable
    ],
)
def test_file_level_errors_exit_2(invoke, tmp_path, content, name, named):
    path = tmp_path / name
    path.write_text(content)
    result = invoke("check", path)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: "), last
    assert named in last, last


def test_missing_directory_and_binary_files_exit_2(invoke, tmp_path):
    for target, named in ((tmp_path / "nope.csv", "No such file"), (tmp_path, "directory")):
        result = invoke("check", target)
        assert result.exit_code == 2
        assert named in result.stderr
    binary = tmp_path / "x.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\0\0\0")
    assert "binary" in invoke("check", binary).stderr


def test_latin1_row_is_a_row_error_not_a_crash(invoke, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("item,decision\ncaf\xe9,2015-06-08\nok,2015-06-08\n".encode("latin-1"))
    rows, summary = _jsonl(invoke("check", path, "--format", "jsonl"))
    assert summary == {"read": 2, "ok": 1, "failing": 0, "errored": 1}
    assert "not UTF-8" in rows[0]["errors"][0]["message"]


def test_output_file_for_check(invoke, tmp_path):
    out = tmp_path / "report.xml"
    result = invoke("check", EXAMPLE, "--format", "junit", "-o", out)
    assert result.exit_code == 1
    assert ET.parse(out).getroot().tag == "testsuites"


def test_fast_json_rows_equal_the_plain_encoding(tmp_path):
    """row_json (cached fragments) decodes to exactly row_dict, on every example row twice."""
    from deadlines.check import Checker, read_rows
    from deadlines.render.check import row_dict, row_json

    checker = Checker()
    for _ in range(2):  # the second pass is served from the caches
        with EXAMPLE.open("rb") as f:
            for r in checker.rows(read_rows(f, "csv", "x")):
                assert json.loads(row_json(r)) == row_dict(r)


def test_pre_commit_hook_runs_the_check():
    text = (ROOT / ".pre-commit-hooks.yaml").read_text()
    assert "id: deadlines-check" in text
    assert "entry: deadlines check" in text


def test_closed_pipe_ends_quietly(tmp_path):
    """`deadlines check big.csv --format jsonl | head -1`: exit 0, nothing on stderr."""
    import subprocess
    import sys

    path = tmp_path / "big.csv"
    rows = "".join(f"r{i},2015-06-08,2015-05-07\n" for i in range(2000))
    path.write_text("item,decision,forward_plan\n" + rows)
    proc = subprocess.Popen(
        [sys.executable, "-m", "deadlines", "check", str(path), "--format", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=60)
    assert json.loads(first)["row"] == 1
    assert proc.returncode == 0
    assert stderr == b""


# A log of information requests, each row one kind of request. FOI and EIR: 20 working days on
# UK-wide holidays after Mon 2 Mar 2026: Mar 3-6 (4), 9-13 (9), 16 (10), Tue 17 St Patrick's Day
# (a bank holiday in Northern Ireland, so not counted), 18-20 (13), 23-27 (18), 30 (19), Tue 31
# Mar (20). Subject access: one month, the corresponding date Thu 2 Apr 2026 (a working day).
REQUEST_LOG = """item,received,responded,rules
FOI 1,2026-03-02,2026-03-31,foi-response
SAR 1,2026-03-02,2026-04-02,subject-access
SAR 1 untagged,2026-03-02,2026-04-02,
two,2026-03-02,2026-03-31,foi-response; eir-response
typo,2026-03-02,2026-03-31,foi
"""


def test_a_rules_column_judges_each_row_against_the_rules_it_names(invoke, tmp_path):
    """Without it an answer to a subject access request on its last day (Thu 2 Apr) failed the
    FOI and EIR periods (Tue 31 Mar), as the untagged row still does."""
    log = tmp_path / "requests.csv"
    log.write_text(REQUEST_LOG)
    result = invoke("check", log, "--pack", "information-requests", "--format", "jsonl")
    rows, summary = _jsonl(result)
    assert result.exit_code == 1
    assert summary == {"read": 5, "ok": 3, "failing": 1, "errored": 1}
    by_item = {r["item"]: r for r in rows}
    foi = by_item["FOI 1"]
    assert foi["ok"]
    assert [(d["id"], d["date"], d["status"]) for d in foi["deadlines"]] == [
        ("foi-response", "2026-03-31", "met")
    ]
    sar = by_item["SAR 1"]
    assert sar["ok"]
    assert [(d["id"], d["date"], d["status"]) for d in sar["deadlines"]] == [
        ("subject-access", "2026-04-02", "met")
    ]
    untagged = by_item["SAR 1 untagged"]
    assert not untagged["ok"]
    assert untagged["missed"] == ["foi-response", "eir-response"]
    assert [d["id"] for d in by_item["two"]["deadlines"]] == ["foi-response", "eir-response"]
    (error,) = by_item["typo"]["errors"]
    assert error["column"] == "rules"
    assert error["value"] == "foi"
    assert "'foi' is not a rule of information-requests" in error["message"]
    assert "(foi-response, eir-response, subject-access)" in error["message"]


def test_a_named_rule_needs_its_date_and_an_unjudged_actual_is_a_warning(invoke, tmp_path):
    """england-executive: a row naming only the forward-plan rule has its `implemented` date
    judged by no named rule (a warning: it is not checked); a row naming the Ofsted rule with
    no receipt date cannot be judged (a row error). Decision Mon 8 Jun 2015, forward plan Fri
    8 May: the clear days between are May 9-31 (23) and Jun 1-7 (7), 30, at least the 28."""
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps([
        {"item": "a", "decision": "2015-06-08", "forward_plan": "2015-05-08",
         "implemented": "2015-06-20", "rules": ["forward-plan-notice"]},
        {"item": "b", "decision": "2015-06-08", "rules": "ofsted-report-publication"},
    ]))  # fmt: skip
    rows, _ = _jsonl(invoke("check", cal, "--format", "jsonl"))
    a, b = rows
    assert a["ok"]
    assert [(d["id"], d["status"]) for d in a["deadlines"]] == [("forward-plan-notice", "met")]
    assert a["warnings"] == [
        "column 'implemented' is given, but no rule in column 'rules' is judged on it: it is "
        "not checked"
    ]
    assert not b["ok"]
    assert b["deadlines"] == []
    assert b["errors"][0]["column"] == "rules"
    message = b["errors"][0]["message"]
    assert message == (
        "column 'rules' names 'ofsted-report-publication', but the row gives no 'received' "
        "date, which it is counted from; expected a 'received' date too (or not that rule)"
    )


def test_a_rules_cell_that_is_no_list_of_ids_says_so(invoke, tmp_path):
    """A JSON `rules` value of numbers was read as its text and reported as "'[1' is not a
    rule"; it is named as what it is, with what is expected."""
    cal = tmp_path / "cal.json"
    cal.write_text(json.dumps([{"item": "a", "decision": "2015-06-08", "rules": [1, "x"]}]))
    rows, _ = _jsonl(invoke("check", cal, "--format", "jsonl"))
    (error,) = rows[0]["errors"]
    assert error["column"] == "rules"
    assert error["message"].startswith(
        "column 'rules': [1, \"x\"] is not a list of rule ids; expected rule ids as text "
        "(ofsted-report-publication statement-of-action) or a list of strings"
    )


def test_a_pack_counted_from_one_event_names_it_alone_when_it_is_missing(invoke, tmp_path):
    """information-requests counts every rule from `received`: "at least one of them" of a
    single name reads as a slip; the england-executive pack keeps it (received or decision)."""
    rows = tmp_path / "requests.csv"
    rows.write_text("item,received,responded\nA,,\n")
    result = invoke("check", rows, "--pack", "information-requests", "--format", "json")
    assert result.exit_code == 1
    (row,) = json.loads(result.stdout)["rows"]
    assert row["errors"][0]["message"] == (
        "no 'received' date; expected the date the rules count from"
    )
    keys = tmp_path / "requests.jsonl"
    keys.write_text('{"item": "x"}\n')
    one = invoke("check", keys, "--pack", "information-requests")
    assert one.exit_code == 2
    assert (
        one.stderr.strip()
        .splitlines()[-1]
        .endswith("no row has a 'received' key; expected it on at least one row")
    )
    two = invoke("check", keys)
    assert (
        two.stderr.strip()
        .splitlines()[-1]
        .endswith("no row has a 'received' or 'decision' key; expected at least one of them")
    )


def test_a_rules_column_names_a_rule_in_any_case(tmp_path):
    """`FOI-Response` names foi-response (as regions are read in any case); an id only two rules
    share when case is ignored must be written exactly."""
    from deadlines.check import Checker, RawRow
    from deadlines.rules import pack

    c = Checker(rules=pack("information-requests"))
    r = c.row(RawRow(1, 2, {"received": "2026-03-03", "rules": "FOI-Response; EIR-RESPONSE"}))
    assert r.errors == ()
    assert [d.id for d in r.deadlines] == ["foi-response", "eir-response"]
    from deadlines.rules import load_toml

    own = tmp_path / "own.toml"
    rule = ('[[rules]]\nid = "{}"\ntitle = "Serve it"\nreference = "hearing"\n'
            'direction = "before"\nlength = 7\nunit = "days"\ncounting = "clear-days"\n'
            'relation = "on-or-before"\ncitation = "Practice direction"\n')  # fmt: skip
    own.write_text('schema = "deadlines-rules/1"\nmode = "replace"\nname = "hearings"\n'
                   '[events.hearing]\nlabel = "the hearing"\nhelp = "day of the hearing"\n'
                   + rule.format("bundle") + rule.format("Bundle"))  # fmt: skip
    c = Checker(rules=load_toml(own))
    r = c.row(RawRow(1, 2, {"hearing": "2015-06-08", "rules": "Bundle"}))
    assert [d.id for d in r.deadlines] == ["Bundle"]  # written exactly
    r = c.row(RawRow(2, 3, {"hearing": "2015-06-08", "rules": "BUNDLE"}))
    assert "'BUNDLE' is not a rule of hearings" in str(r.errors[0])


def test_a_row_error_the_engine_finds_names_its_column(invoke, tmp_path):
    """The dates read, then refused by the engine (an order, a year, a clock), name their
    column and value, as a date that cannot be read does."""
    cal = tmp_path / "cal.csv"
    cal.write_text("item,decision,decision_published,implemented\n"
                   "order,2015-06-08,2015-06-01,\nyear,1800-01-01,,\n"
                   "act,2015-06-08,,1800-01-01\n")  # fmt: skip
    rows, _ = _jsonl(invoke("check", cal, "--format", "jsonl"))
    assert [(r["item"], [(e["column"], e["value"]) for e in r["errors"]]) for r in rows] == [
        ("order", [("decision_published", "2015-06-01")]),
        ("year", [("decision", "1800-01-01")]),
        ("act", [("implemented", "1800-01-01")]),
    ]
    log = tmp_path / "log.csv"
    log.write_text("item,received,identity_received\nsar,2026-03-02,2026-03-01\n")
    rows, _ = _jsonl(invoke("check", log, "--pack", "information-requests", "--format", "jsonl"))
    (error,) = rows[0]["errors"]
    assert (error["column"], error["value"]) == ("identity_received", "2026-03-01")
    assert error["message"].startswith("identity_received 2026-03-01 is before the received")


def test_an_error_keeps_the_input_it_names():
    from deadlines.calendar import Calendar
    from deadlines.errors import InputError, OutsideHolidayData

    assert InputError("x").column is None
    assert InputError("x", column="decision").column == "decision"
    with pytest.raises(OutsideHolidayData) as e:
        Calendar().check(date(1800, 1, 1), "decision date", "decision")
    assert e.value.column == "decision"
