"""Hard edges: a catalogue of bad inputs, fuzzed command lines and calendars, engine limits,
threads, Ctrl-C and interrupted --output.

Every bad input must end with exit 2 (or 1 where a check legitimately fails), one last
`Error: ...` line on stderr naming the value, and never a traceback (CONTRACT.md "Exit codes").
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadlines import Calendar, OutsideHolidayData, compute
from deadlines.cli import cli
from deadlines.holiday_data import shipped
from deadlines.rules import pack
from oracle import walk

CASES = Path(__file__).parent / "cases"
GOOD_CSV = CASES / "governance-calendar-2015.csv"


def _files(d: Path) -> dict[str, Path]:
    """Bad files, made fresh in a temporary directory."""
    made = {
        "binary.csv": b"\x00\x01\x02\xff\xfe binary",
        "empty.csv": b"",
        "blank.csv": b"\n\n  \n",
        "header-only.csv": b"item,decision,forward_plan\n",
        "bom-header-only.csv": b"\xef\xbb\xbfitem,decision\r\n",
        "not-a-list.json": b'{"decision": "2015-06-08"}',
        "scalar.json": b"42",
        "empty-list.json": b"[]",
        "unclosed.json": b'[{"decision": "2015-06-08"}',
        "broken.json": b'[{"decision": }]',
        "nested.json": b"[" * 100_000 + b"]" * 100_000,
        "nested-row.json": b'[{"decision": "2015-06-08", "x": '
        + b"[" * 50_000
        + b"]" * 50_000
        + b"}]",
        "no-keys.jsonl": b'{"x": 1}\n{"y": 2}\n',
        "long-line.csv": b"item,when\n" + b"x" * 2_000_000 + b",2015-06-08\n",
        "duplicate-columns.csv": b"item,decision,decision\nA,2015-06-08,2015-06-09\n",
        "missing-columns.csv": b"item,when\nA,2015-06-08\n",
        "bad-quote.csv": b'item,decision\n"A,2015-06-08\nB,2015-06-08\n',
        "no-comma.json": b'[{"decision": "2015-06-08"} {"decision": "2015-06-09"}]',
        "bad-holidays.json": b"not json",
        "wrong-holidays.json": b'{"england-and-wales": 3}',
        "bad-meetings.txt": b"2015-06-08\nnext week\n",
        "rules.toml": b"schema = [",
    }
    out = {}
    for name, data in made.items():
        (d / name).write_bytes(data)
        out[name] = d / name
    (d / "a-directory").mkdir()
    out["a-directory"] = d / "a-directory"
    return out


R = ("--received", "2015-05-12")
# (arguments, the text the last stderr line must contain, expected exit code)
CATALOGUE = [
    # -- dates -------------------------------------------------------------------------------
    (("compute", "--received", "2015-02-30"), "'2015-02-30' is not a real date", 2),
    (("compute", "--received", "2015-13-01"), "'2015-13-01' is not a real date", 2),
    (("compute", "--received", "0000-01-01"), "'0000-01-01' is not a real date", 2),
    (("compute", "--received", "10000-01-01"), "'10000-01-01' is not a date", 2),
    (("compute", "--received", ""), "'' is not a date", 2),
    (("compute", "--received", "12/05/2015"), "'12/05/2015' is not YYYY-MM-DD; did you mean 2015-05-12", 2),
    (("compute", "--received", "2015-5-12"), "'2015-5-12' is not YYYY-MM-DD; did you mean 2015-05-12?", 2),
    (("compute", "--received", "1900-01-01"), "1900-01-01 is outside the supported years", 2),
    (("compute", "--received", "2101-01-01"), "2101-01-01 is outside the supported years", 2),
    (("compute", "--received", "2100-12-01"), "after 2100-12-01 falls outside", 2),
    (("compute", "--pack", "information-requests", "--received", "2100-12-20"), "after 2100-12-20 falls outside", 2),
    (("compute", "--decision", "2015-06-08", "--decision-published", "2015-06-01"),
     "decision_published 2015-06-01 is before the decision 2015-06-08", 2),
    (("compute", "--decision-published", "2015-06-08", *R), "--decision-published needs", 2),
    (("compute", *R, "--forward-plan", "2015-02-29"), "'2015-02-29' is not a real date", 2),
    (("calendar", "--received", "2015-02-29"), "'2015-02-29' is not a real date", 2),
    (("explain", "call-in-end", "--decision", "2015-06-31"), "'2015-06-31' is not a real", 2),
    # -- names -------------------------------------------------------------------------------
    (("compute", *R, "--region", "wessex"), "'wessex' is not one of", 2),
    (("compute", *R, "--format", "xml"), "'xml' is not one of", 2),
    (("compute", *R, "--convention", "nope=clear-days"), "unknown rule id 'nope'", 2),
    (("compute", *R, "--convention", "forward-plan-notice=weekly"), "unknown counting 'weekly'", 2),
    (("compute", *R, "--convention", "forward-plan-notice"), "--convention 'forward-plan-notice'", 2),
    (("compute", *R, "--convention", "earliest-implementation=clear-days"),
     "earliest-implementation always follows call-in-end", 2),
    (("compute", *R, "--pack", "scotland"), "unknown pack 'scotland'", 2),
    (("compute", *R, "--event", "hearing=2015-06-08"), "unknown event 'hearing'", 2),
    (("compute", *R, "--event", "meeting"), "--event 'meeting' is not NAME=DATE", 2),
    (("compute", *R, "--actual", "answered=2015-06-08"), "unknown actual date 'answered'", 2),
    (("compute", "--pack", "wales"), "nothing to compute", 2),
    (("compute", *R, "--bogus"), "No such option '--bogus'", 2),
    (("explain", "nope", *R), "unknown rule id 'nope'", 2),
    (("explain", "exec-meeting-notice", *R), "counts from the meeting date, which was not given", 2),
    (("holidays", "--year", "1900"), "1900 is not in the range", 2),
    (("holidays", "--year", "twenty"), "'twenty' is not a valid whole number", 2),
    (("holidays", "--year", "2015", "--region", "mars"), "'mars' is not one of", 2),
    (("rules", "--pack", "nope"), "unknown pack 'nope'", 2),
    (("rules", "--format", "xml"), "'xml' is not one of", 2),
    (("frobnicate",), "No such command 'frobnicate'", 2),
    # -- files -------------------------------------------------------------------------------
    (("check", "{missing}"), "cannot read calendar file", 2),
    (("check", "{a-directory}"), "is a directory", 2),
    (("check", "{binary.csv}"), "binary.csv is binary", 2),
    (("check", "{empty.csv}"), "empty.csv is empty", 2),
    (("check", "{blank.csv}"), "blank.csv is empty", 2),
    (("check", "{header-only.csv}"), "header-only.csv has no data rows", 2),
    (("check", "{bom-header-only.csv}"), "bom-header-only.csv has no data rows", 2),
    (("check", "{not-a-list.json}"), "not-a-list.json is not a JSON list", 2),
    (("check", "{scalar.json}"), "scalar.json is not a JSON list", 2),
    (("check", "{empty-list.json}"), "empty-list.json is an empty list", 2),
    (("check", "{unclosed.json}"), "the JSON list is not closed", 2),
    (("check", "{broken.json}"), "broken.json line 1: not valid JSON", 2),
    (("check", "{nested.json}"), "nested.json: JSON nested too deeply", 2),
    (("check", "{nested-row.json}"), "nested too deeply", 2),
    (("check", "{no-keys.jsonl}"), "no row has a 'received' or 'decision' key", 2),
    (("check", "{long-line.csv}"), "no 'received' or 'decision' column", 2),
    (("check", "{duplicate-columns.csv}"), "column 'decision' appears twice", 2),
    (("check", "{missing-columns.csv}"), "no 'received' or 'decision' column", 2),
    (("check", "{no-comma.json}"), "expected ',' or ']' between the list's objects", 2),
    # An open quote would swallow the later rows into one cell: a file error, never rows lost.
    (("check", "{bad-quote.csv}"), "line 2: a quoted cell is never closed", 2),
    (("check", GOOD_CSV, "--input-format", "xml"), "'xml' is not one of", 2),
    (("check", GOOD_CSV, "--rules", "{rules.toml}"), "is not valid TOML", 2),
    (("check", GOOD_CSV, "--rules", "{a-directory}"), "is a directory", 2),
    (("compute", *R, "--bank-holidays", "{bad-holidays.json}"), "is not JSON", 2),
    (("compute", *R, "--bank-holidays", "{wrong-holidays.json}"), "wrong-holidays.json", 2),
    (("compute", *R, "--bank-holidays", "{a-directory}"), "is a directory", 2),
    (("compute", *R, "--meetings", "{bad-meetings.txt}"), "line 2: 'next week' is not a date", 2),
    (("compute", *R, "--meetings", "{missing}"), "cannot read meetings file", 2),
    (("compute", *R, "--rules", "{missing}"), "cannot read rule file", 2),
    (("compute", *R, "--output", "{a-directory}"), "it is a directory", 2),
    (("compute", *R, "--output", "{missing}/x/y.json"), "cannot write --output", 2),
    # -- a check that fails, legitimately --------------------------------------------------
    (("check", GOOD_CSV), "", 1),
    (("compute", "--decision", "2015-06-08", "--forward-plan", "2015-05-12"), "", 1),
]  # fmt: skip


def test_the_catalogue_has_at_least_forty_bad_inputs():
    assert sum(1 for _, _, code in CATALOGUE if code == 2) >= 40


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory) -> tuple[Path, dict[str, Path]]:
    d = tmp_path_factory.mktemp("bad")
    return d, _files(d)


@pytest.mark.parametrize(("args", "message", "code"), CATALOGUE, ids=lambda v: None)
def test_bad_input_catalogue(bad_files, args, message, code):
    tmp_path, files = bad_files
    names = {"{missing}": str(tmp_path / "missing.csv")}
    names.update({f"{{{k}}}": str(v) for k, v in files.items()})
    argv = [names.get(str(a), str(a)).replace("{missing}", names["{missing}"]) for a in args]
    out = CliRunner().invoke(cli, argv, catch_exceptions=False)  # a bug raises here
    assert out.exit_code == code, (argv, out.output)
    assert "Traceback" not in out.output
    if code == 2:
        lines = out.stderr.strip().splitlines()
        assert lines, argv
        assert lines[-1].startswith("Error: "), lines[-1]
        assert message in lines[-1], lines[-1]
        assert sum(line.startswith("Error:") for line in lines) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_a_file_without_read_permission(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("item,decision\nA,2015-06-08\n")
    path.chmod(0)
    out = CliRunner().invoke(cli, ["check", str(path)], catch_exceptions=False)
    assert out.exit_code == 2
    assert "Permission denied" in out.stderr.strip().splitlines()[-1]


def test_invalid_utf8_is_a_row_error_not_a_crash(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(b"item,decision\n\xe9t\xe9,2015-06-08\nok,2015-06-08\n")
    out = CliRunner().invoke(cli, ["check", str(path), "--format", "json"], catch_exceptions=False)
    rows = json.loads(out.stdout)["rows"]
    assert out.exit_code == 1
    assert [r["ok"] for r in rows] == [False, True]
    assert "not UTF-8" in rows[0]["errors"][0]["message"]


# -- fuzzing --------------------------------------------------------------------------------

DATES = st.one_of(
    st.dates(date(1960, 1, 1), date(2110, 12, 31)).map(date.isoformat),
    st.sampled_from(["2015-02-30", "0000-01-01", "10000-01-01", "", "08/06/2015", "12/05/2015",
                     "2015-06-08T10:00", " 2015-06-08 ", "2100-12-31", "1971-01-01"]),
    st.text(max_size=12),
)  # fmt: skip
NAMES = st.sampled_from(
    ["ofsted-report-publication", "call-in-end", "earliest-implementation", "forward-plan-notice",
     "subject-access", "foi-response", "council-agenda", "nope", ""]
)  # fmt: skip
COUNTINGS = st.sampled_from(
    ["clear-days", "clear-working-days", "working-days-after", "working-days-beginning-with",
     "corresponding-date", "weekly"]
)  # fmt: skip
OPTION = st.one_of(
    st.tuples(st.sampled_from(["--received", "--decision", "--decision-published",
                               "--forward-plan", "--report-published", "--implemented"]), DATES),
    st.tuples(st.just("--region"), st.sampled_from(["england-and-wales", "scotland",
                                                    "northern-ireland", "united-kingdom", "x"])),
    st.tuples(st.just("--pack"), st.sampled_from(["england-executive", "england-council",
                                                  "wales", "information-requests", "x"])),
    st.tuples(st.just("--format"), st.sampled_from(["table", "json", "csv", "ics", "x"])),
    st.tuples(st.just("--convention"), st.builds("{}={}".format, NAMES, COUNTINGS)),
    st.tuples(st.just("--event"), st.builds("{}={}".format,
              st.sampled_from(["meeting", "received", "x", ""]), DATES)),
    st.tuples(st.just("--actual"), st.builds("{}={}".format,
              st.sampled_from(["responded", "agenda_published", "x"]), DATES)),
    st.tuples(st.just("--no-plan")),
    st.tuples(st.text(max_size=8)),
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(["compute", "explain", "calendar", "holidays", "rules"]),
    NAMES,
    st.lists(OPTION, max_size=6),
)
def test_fuzzed_command_lines_never_crash(command, rule_id, options):
    argv = [command]
    if command == "explain":
        argv.append(rule_id)
    if command == "holidays":
        options = [o for o in options if o[0] in ("--region", "--format")]
        argv += ["--year", "2015"]
    if command == "rules":
        options = [o for o in options if o[0] in ("--pack", "--format")]
    for option in options:
        argv += option
    out = CliRunner().invoke(cli, argv, catch_exceptions=False)
    assert out.exit_code in (0, 1, 2), (argv, out.output)
    assert "Traceback" not in out.output
    if out.exit_code == 2:
        assert out.stderr.strip().splitlines()[-1].startswith("Error: "), (argv, out.stderr)


CELL = st.one_of(DATES, st.text(max_size=10), st.sampled_from(["", " ", '"', ",", "\n", "\r\n"]))
COLUMNS = ["item", "region", "received", "decision", "decision_published", "forward_plan",
           "report_published", "implemented", "statement_published", "other"]  # fmt: skip


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6, unique=True),
    st.lists(st.lists(CELL, min_size=0, max_size=7), min_size=0, max_size=12),
    st.sampled_from(["csv", "jsonl", "json"]),
    st.booleans(),
)
def test_fuzzed_calendars_give_one_row_per_input_row(columns, rows, fmt, dayfirst):
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows(rows)
        text = buffer.getvalue()
        records = list(csv.reader(io.StringIO(text, newline="")))[1:]
        expected = sum(1 for r in records if any(c.strip() for c in r))
    else:
        objects = [dict(zip(columns, r, strict=False)) for r in rows]
        if fmt == "jsonl":
            text = "".join(json.dumps(o) + "\n" for o in objects)
        else:
            text = json.dumps(objects, indent=1)
        expected = len(objects)
    argv = ["check", "-", "--input-format", fmt, "--format", "jsonl"]
    if dayfirst:
        argv.append("--dayfirst")
    out = CliRunner().invoke(cli, argv, input=text, catch_exceptions=False)
    assert out.exit_code in (0, 1, 2), out.output
    assert "Traceback" not in out.output
    if out.exit_code == 2:  # the file as a whole is unusable: no rows, no columns
        assert out.stderr.strip().splitlines()[-1].startswith("Error: ")
        return
    lines = [json.loads(line) for line in out.stdout.split("\n") if line]  # JSON Lines: \n only
    results = lines  # rows only: the summary is the last line on stderr
    assert len(results) == expected
    assert [r["row"] for r in results] == list(range(1, expected + 1))
    m = re.search(r"Summary: read (\d+), ok (\d+), failing (\d+), errored (\d+)", out.stderr)
    s = dict(zip(("read", "ok", "failing", "errored"), map(int, m.groups()), strict=True))
    assert s["read"] == expected == s["ok"] + s["failing"] + s["errored"]
    assert (out.exit_code == 0) == (s["ok"] == expected)


# -- engine limits ----------------------------------------------------------------------------

EW = Calendar()


def test_the_first_and_last_supported_days():
    first, last = date(1971, 1, 1), date(2100, 12, 31)
    assert (EW.first, EW.last) == (first, last)
    # Fri 1 Jan 1971 is New Year's Day; the first working day is Mon 4 Jan 1971.
    assert EW.add_working_days(first, 1) == date(1971, 1, 4) == walk("england-and-wales", first, 1)
    # Fri 31 Dec 2100 is a working day; the one before it is Thu 30 Dec 2100.
    assert EW.add_working_days(last, -1) == date(2100, 12, 30)
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        EW.add_working_days(last, 1)
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        EW.add_working_days(first, -1)
    with pytest.raises(OutsideHolidayData, match="1970-12-31 is outside"):
        EW.is_working_day(date(1970, 12, 31))
    assert EW.working_days_between(first, last) == EW.working_days_between(last, first) > 30_000


@pytest.mark.parametrize("n", [10**6, 10**18, -(10**18)])
def test_very_large_counts_are_a_clear_error(n):
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        EW.add_working_days(date(2015, 5, 12), n)
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        EW.add_days(date(2015, 5, 12), n)
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        EW.add_months(date(2015, 5, 12), n)


def test_zero_is_a_defined_answer():
    """n = 0 returns the day itself, working day or not (documented in add_working_days)."""
    sunday = date(2015, 5, 10)
    assert EW.add_working_days(sunday, 0) == sunday
    assert EW.add_days(sunday, 0) == sunday
    assert EW.add_months(sunday, 0) == sunday


@pytest.mark.parametrize(
    ("day", "n", "want"),
    [
        # Tue 29 Feb 2000 (a leap year: divisible by 400): the next working day is Wed 1 Mar.
        (date(2000, 2, 29), 1, date(2000, 3, 1)),
        # Thu 28 Feb 2030 (2030 is a common year): Fri 1 Mar.
        (date(2030, 2, 28), 1, date(2030, 3, 1)),
        # Wed 29 Feb 2096: Thu 1, Fri 2, Mon 5 Mar.
        (date(2096, 2, 29), 3, date(2096, 3, 5)),
        # 2100 is not a leap year: Fri 26 Feb 2100, next working day Mon 1 Mar 2100.
        (date(2100, 2, 26), 1, date(2100, 3, 1)),
    ],
)
def test_leap_days(day, n, want):
    assert EW.add_working_days(day, n) == want == walk("england-and-wales", day, n)
    assert EW.add_working_days(want, -n) == day


def test_a_period_that_runs_past_the_last_supported_year_is_refused_not_guessed():
    with pytest.raises(OutsideHolidayData, match="70 working days after 2100-12-01"):
        compute(received=date(2100, 12, 1))


def test_the_calendar_is_safe_to_share_between_threads():
    """Eight threads race to build the tables and count on one shared Calendar each."""
    from deadlines.holiday_data import HolidayData

    data = shipped()
    # Fresh data, so the threads also race to build each region's table at first use.
    fresh = HolidayData(
        data.source, data.confirmed_through, data.first_year, data.last_year, data.rows
    )
    regions = ("england-and-wales", "scotland", "northern-ireland", "united-kingdom")
    cals = {r: Calendar(r, holidays=fresh) for r in regions}
    packs = {r: None if r in ("england-and-wales", "united-kingdom") else
             pack("information-requests" if r == "northern-ireland" else
                  "scotland-information-requests") for r in regions}  # fmt: skip
    days = [date(1975, 1, 1) + timedelta(days=k * 97) for k in range(150)]
    expected = {(r, d): walk(r, d, 45) for r in regions for d in days[:20]}
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def work(seed: int) -> None:
        try:
            start.wait()
            for k in range(400):
                r = regions[(seed + k) % 4]
                d = days[(seed * 7 + k) % len(days)]
                got = cals[r].add_working_days(d, 45)
                if (r, d) in expected and got != expected[(r, d)]:
                    errors.append(AssertionError((r, d, got)))
                later = d + timedelta(days=60)  # each region with a pack whose law is there
                compute(events={"received": later}, region=r, holidays=fresh, rules=packs[r])
        except BaseException as e:  # reported to the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert errors == []


# -- Ctrl-C and --output ----------------------------------------------------------------------


def _big_calendar(path: Path, rows: int = 200_000) -> None:
    with path.open("w") as f:
        f.write("item,decision,forward_plan\n")
        start = date(2012, 1, 2).toordinal()
        for i in range(rows):
            d = date.fromordinal(start + i % 5000)
            f.write(f"r{i},{d},{d - timedelta(days=30)}\n")


@pytest.mark.parametrize("output", [False, True])
def test_ctrl_c_during_a_long_check_exits_130_with_one_line(tmp_path, output):
    """Interrupted, the run says so in one line; --output leaves no file, never half of one."""
    path = tmp_path / "big.csv"
    _big_calendar(path)
    target = tmp_path / "out.jsonl"
    argv = [sys.executable, "-m", "deadlines", "check", str(path), "--format", "jsonl"]
    if output:
        argv += ["--output", str(target)]
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if output:
        time.sleep(1.5)
    else:
        proc.stdout.readline()  # rows are flowing
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.decode().strip().splitlines() == ["Error: interrupted"]
    assert b"Traceback" not in err
    if output:
        assert not target.exists()
        assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind either


def test_a_file_without_read_permission_even_as_root(tmp_path, monkeypatch):
    """Root reads any file, so the refusal the operating system gives others is simulated."""
    path = tmp_path / "secret.csv"
    path.write_text("item,decision\nA,2015-06-08\n")

    def refuse(file, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr("deadlines.check.open", refuse, raising=False)
    out = CliRunner().invoke(cli, ["check", str(path)], catch_exceptions=False)
    assert out.exit_code == 2
    last = out.stderr.strip().splitlines()[-1]
    assert "Permission denied" in last
    assert str(path) in last


def test_a_region_cell_cannot_inject_keys_into_json_lines(tmp_path):
    path = tmp_path / "cal.csv"
    evil = '", "ok": true, "x": "'
    path.write_text(f'item,decision,region\nA,2015-06-08,"{evil.replace(chr(34), chr(34) * 2)}"\n')
    out = CliRunner().invoke(cli, ["check", str(path), "--format", "jsonl"], catch_exceptions=False)
    row = json.loads(out.stdout.split("\n")[0])
    assert row["region"] == evil
    assert row["ok"] is False
    assert "x" not in row
