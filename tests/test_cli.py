"""The command line as a user drives it: JSON parsed back, every error path, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from deadlines.cli import cli

GOLDEN = Path(__file__).parent / "golden" / "founding-case.json"
FOUNDING = ["compute", "--received", "2015-05-12", "--decision", "2015-06-08"]


def test_founding_case_json_has_the_contract_shape_and_dates(invoke):
    """--format json: one object, schema deadlines/1, six dates as LEGAL.md works them."""
    result = invoke(*FOUNDING, "--format", "json")
    assert result.exit_code == 0, result.stderr
    got = json.loads(result.stdout)
    assert got["schema"] == "deadlines/1"
    assert got["tool"]["name"] == "deadlines"
    assert got["region"] == "england-and-wales"
    assert got["holidays"] == {
        "source": "gov.uk feed 2026-02-25 + holidays 0.109",
        "confirmed_through": "2028-12-26",
    }
    assert got["inputs"] == {
        "received": "2015-05-12",
        "decision": "2015-06-08",
        "decision_published": "2015-06-08",
    }
    dates = {x["id"]: (x["date"], x["working_day"]) for x in got["deadlines"]}
    assert dates == {
        "ofsted-report-publication": ("2015-06-24", "2015-06-24"),
        "statement-of-action": ("2015-08-19", "2015-08-19"),
        "forward-plan-notice": ("2015-05-10", "2015-05-08"),
        "decision-report-publication": ("2015-05-31", "2015-05-29"),
        "call-in-end": ("2015-06-15", "2015-06-15"),
        "earliest-implementation": ("2015-06-16", "2015-06-16"),
    }
    first = got["deadlines"][0]
    for key in ("id", "title", "date", "working_day", "relation", "reference", "period",
                "source", "actual", "status", "notes"):  # fmt: skip
        assert key in first
    assert first["source"] == "SI 2007/462 reg 2"
    assert first["period"] == {
        "length": 30,
        "unit": "working-days",
        "counting": "working-days-after",
    }
    assert first["status"] == "pending"
    assert first["actual"] is None


def test_founding_case_json_golden(invoke, update_golden):
    """The whole JSON for the 2015 case. Regenerate on purpose (--update-golden); read the diff."""
    got = json.loads(invoke(*FOUNDING, "--format", "json").stdout)
    got["tool"]["version"] = "<any>"
    if update_golden:
        GOLDEN.write_text(json.dumps(got, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    assert got == json.loads(GOLDEN.read_text())


def test_received_alone_prints_the_inspection_dates_and_a_marked_plan(invoke):
    """The README's first command: the two inspection dates as given, and the decision chain
    planned backwards (LEGAL.md 5), every planned entry marked and noted (CONTRACT.md)."""
    got = json.loads(invoke("compute", "--received", "2015-05-12", "--format", "json").stdout)
    assert [(x["date"], x["planned"]) for x in got["deadlines"]] == [
        ("2015-06-24", False),
        ("2015-08-19", False),
        ("2015-07-13", True),
        ("2015-08-03", True),
        ("2015-08-18", True),
        ("2015-08-19", True),
    ]
    assert all(x["notes"][0].startswith("Planned backwards") for x in got["deadlines"][2:])
    assert got["inputs"] == {"received": "2015-05-12"}
    assert got["plan"]["decision"] == {"latest": "2015-08-11", "date": "2015-08-11"}
    plain = json.loads(
        invoke("compute", "--received", "2015-05-12", "--no-plan", "--format", "json").stdout
    )
    assert [x["date"] for x in plain["deadlines"]] == ["2015-06-24", "2015-08-19"]
    assert plain["plan"] is None


def test_table_names_region_holiday_data_dates_and_sources(invoke):
    """The table shows each date, the rule in words and its source; the title names the data."""
    result = invoke(*FOUNDING, env={"COLUMNS": "220"})
    assert result.exit_code == 0
    out = result.stdout
    for text in ("England and Wales", "gov.uk feed 2026-02-25", "Wed 24 Jun 2015",
                 "Wed 19 Aug 2015", "Sun 10 May 2015", "Fri 8 May 2015", "Mon 15 Jun 2015",
                 "Tue 16 Jun 2015", "SI 2007/462", "30 working days after receipt"):  # fmt: skip
        assert text in out, text


def test_a_missed_actual_date_exits_1_and_a_met_one_0(invoke):
    """Forward plan published Thu 7 May 2015 (31 clear days): met; 18 May (20 clear): missed."""
    met = invoke(
        "compute", "--decision", "2015-06-08", "--forward-plan", "2015-05-07", "--format", "json"
    )
    assert met.exit_code == 0
    assert json.loads(met.stdout)["deadlines"][0]["status"] == "met"
    missed = invoke(
        "compute", "--decision", "2015-06-08", "--forward-plan", "2015-05-11", "--format", "json"
    )
    assert missed.exit_code == 1
    assert json.loads(missed.stdout)["deadlines"][0]["status"] == "missed"


def test_convention_changes_the_counting_and_keeps_the_other_reading(invoke):
    """--convention forward-plan-notice=clear-working-days: Sun 26 Apr 2015; calendar shown too."""
    result = invoke(
        *FOUNDING, "--convention", "forward-plan-notice=clear-working-days", "--format", "json"
    )
    notice = next(
        x for x in json.loads(result.stdout)["deadlines"] if x["id"] == "forward-plan-notice"
    )
    assert (notice["date"], notice["working_day"]) == ("2015-04-26", "2015-04-24")
    assert notice["period"] == {
        "length": 28,
        "unit": "working-days",
        "counting": "clear-working-days",
    }
    assert notice["other_readings"][0]["counting"] == "clear-days"
    assert notice["other_readings"][0]["date"] == "2015-05-10"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--received", "2015-02-30"], "2015-02-30"),
        (["--received", "12/05/2015"], "12/05/2015"),
        (["--received", "0000-01-01"], "0000-01-01"),
        (["--received", ""], "''"),
        (["--received", "20150512"], "20150512"),
        (["--received", "1960-01-01"], "1960-01-01"),
        (["--received", "2100-12-20"], "2100-12-20"),
        (["--received", "2015-05-12", "--region", "cymru"], "cymru"),
        (["--received", "2015-05-12", "--format", "xml"], "xml"),
        (["--received", "2015-05-12", "--convention", "nonsense"], "nonsense"),
        (["--received", "2015-05-12", "--convention", "no-such-rule=clear-days"], "no-such-rule"),
        (
            ["--received", "2015-05-12", "--convention", "statement-of-action=fortnights"],
            "fortnights",
        ),
        (
            ["--decision", "2015-06-08", "--convention", "earliest-implementation=clear-days"],
            "earliest-implementation",
        ),
        (["--decision", "2015-06-08", "--decision-published", "2015-06-01"], "2015-06-01"),
        (["--decision-published", "2015-06-08"], "--decision"),
        ([], "--received"),
    ],
)
def test_bad_input_exits_2_with_one_error_line_naming_the_value(invoke, args, named):
    """CONTRACT.md: stderr ends with one `Error: ...` line naming the value; no traceback."""
    result = invoke("compute", *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: "), result.stderr
    assert named in last
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_every_command_has_help(invoke):
    """--help works for the group and each command and teaches by example."""
    assert invoke("--help").exit_code == 0
    for name in cli.commands:
        result = invoke(name, "--help")
        assert result.exit_code == 0, name
        assert "Example" in result.stdout or "deadlines" in result.stdout


def test_version_comes_from_the_package(invoke):
    """--version prints the one version the JSON carries."""
    import deadlines

    assert deadlines.__version__ in invoke("--version").stdout


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)


def test_json_path_never_imports_rich_or_holidays():
    """--format json starts light: no rich, no `holidays` package, no TOML parser.

    (orjson brings dataclasses in; after click it adds about 2 ms: benchmarks/bench_startup.py.)"""
    code = (
        "import sys; from deadlines.cli import cli\n"
        "try: cli.main(['compute', '--received', '2015-05-12', '--format', 'json'])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('rich', 'holidays', 'tomllib', 'dateutil') if m in sys.modules), file=sys.stderr)"
    )
    result = _run("-c", code)
    assert result.stderr.strip().splitlines()[-1] == "[]", result.stderr
    assert json.loads(result.stdout)["schema"] == "deadlines/1"


def test_python_dash_m_runs_the_cli():
    """python -m deadlines is the same program, exit codes included."""
    ok = _run("-m", "deadlines", "compute", "--received", "2015-05-12", "--format", "json")
    assert ok.returncode == 0
    assert json.loads(ok.stdout)["deadlines"][0]["date"] == "2015-06-24"
    bad = _run("-m", "deadlines", "compute", "--received", "2015-13-01")
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines()[-1].startswith("Error: ")
    assert "Traceback" not in bad.stderr
