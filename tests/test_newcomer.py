"""The first five minutes (issue 18): help, warnings, dates as typed, regions, the table at 80
columns, defaults set once, formats from -o, --version, completion, the typed API."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import deadlines
from deadlines.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "governance-calendar-2015.csv"
FOUNDING = ("--received", "2015-05-12", "--decision", "2015-06-08")


# -- 1. help ------------------------------------------------------------------------------------


def test_deadlines_alone_prints_the_help_and_exits_0(invoke):
    result = invoke()
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: ")
    assert "\\n" not in result.stdout  # real line breaks, not literal escapes
    assert "Commands:" in result.stdout
    assert result.stderr == ""


def test_help_lists_every_new_command(invoke):
    out = invoke("--help").stdout
    for name in ("config", "completion", "compute", "check"):
        assert f"  {name} " in out


# -- 3. warnings --------------------------------------------------------------------------------

# The Lambeth case: the report gives "Date of Cabinet: 7 June 2015"; 7 June 2015 is a Sunday
# (1 June 2015 was a Monday: 1 Mon, ... 7 Sun, 8 Mon). The next working day is Mon 8 June
# (no bank holiday that week: Spring bank holiday was 25 May).
LAMBETH = ("compute", "--received", "2015-05-12", "--decision", "2015-06-07")


def test_sunday_decision_is_warned_about_in_the_table(invoke):
    result = invoke(*LAMBETH, env={"COLUMNS": "120"})
    assert result.exit_code == 0  # a warning never changes the exit code
    first = result.stderr.splitlines()[0]
    assert first.startswith("Warning: decision 2015-06-07 is not a working day (Sunday)")
    assert "2015-06-08" in first
    assert "Statutory deadlines" in result.stdout  # the table still prints, on stdout


def test_sunday_decision_is_warned_about_in_json(invoke):
    result = invoke(*LAMBETH, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)  # stdout is still exactly one JSON object
    assert len(data["warnings"]) == 1
    assert "decision 2015-06-07 is not a working day (Sunday)" in data["warnings"][0]
    assert result.stderr.startswith("Warning: decision 2015-06-07")


def test_working_day_decision_has_no_warnings(invoke):
    result = invoke("compute", *FOUNDING, "--format", "json")
    assert json.loads(result.stdout)["warnings"] == []
    assert result.stderr == ""


def test_strict_turns_a_warning_into_exit_2(invoke):
    result = invoke(*LAMBETH, "--strict", "--format", "json")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[-1].startswith("Error: decision 2015-06-07 is not a working day")
    assert "--strict" in lines[-1]


def test_decision_before_receipt_is_warned_about(invoke):
    result = invoke("compute", "--received", "2015-06-10", "--decision", "2015-06-08",
                    "--format", "json")  # fmt: skip
    (warning,) = json.loads(result.stdout)["warnings"]
    assert "decision 2015-06-08 is before received 2015-06-10" in warning


def test_actual_date_years_from_its_deadline_is_warned_about(invoke):
    # A typo'd year: the forward plan "published" in 2051 for a 2015 decision.
    result = invoke("compute", "--decision", "2015-06-08", "--forward-plan", "2051-05-07",
                    "--format", "json")  # fmt: skip
    warnings = json.loads(result.stdout)["warnings"]
    assert any("forward-plan-notice" in w and "2051-05-07" in w for w in warnings)
    assert result.exit_code == 1  # missed, as without the warning


def test_check_rows_carry_warnings(invoke, tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("item,decision\nsunday,2015-06-07\nmonday,2015-06-08\n")
    rows = json.loads(invoke("check", path, "--format", "json").stdout)["rows"]
    assert "Sunday" in rows[0]["warnings"][0]
    assert rows[1]["warnings"] == []
    table = invoke("check", path)
    assert table.stderr.startswith(f"Warning: {path} row 1: decision 2015-06-07")
    strict = invoke("check", path, "--strict", "--format", "json")
    assert strict.exit_code == 2
    assert strict.stderr.strip().splitlines()[-1].startswith("Error: ")


@pytest.mark.parametrize("name", ["r.json", "r.jsonl", "r.xml", "r.html", "r.txt", "r.sarif"])
def test_check_strict_leaves_an_earlier_output_file_alone(invoke, tmp_path, name):
    """--strict with a warning is exit 2, and a run that ends in exit 2 replaces nothing: the
    earlier -o file stays as it was (as compute --strict leaves it)."""
    path = tmp_path / "cal.csv"
    path.write_text("item,decision\nsunday,2015-06-07\n")  # Sun 7 Jun 2015: a warning
    out = tmp_path / name
    out.write_text("earlier\n")
    got = invoke("check", path, "--strict", "-o", out)
    assert got.exit_code == 2
    assert "--strict treats warnings as errors" in got.stderr.strip().splitlines()[-1]
    assert out.read_text() == "earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["cal.csv", name])  # no temp


def test_api_regions_are_case_insensitive():
    r = deadlines.compute(received=date(2015, 5, 12), region="England-and-Wales")
    assert r.region == "england-and-wales"


def test_api_result_has_the_warnings():
    r = deadlines.compute(received=date(2015, 5, 12), decision=date(2015, 6, 7))
    assert len(r.warnings) == 1
    assert "Sunday" in r.warnings[0]


# -- 4. dates as typed, regions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("08/06/2015", "2015-06-08"),
        ("8 June 2015", "2015-06-08"),
        ("8 Jun 2015", "2015-06-08"),
        ("Monday 8 June 2015", "2015-06-08"),
        ("13/01/2015", "2015-01-13"),
        ("2015/06/08", "2015-06-08"),
        ("2015-6-8", "2015-06-08"),
    ],
)
def test_compute_says_did_you_mean(invoke, typed, meant):
    result = invoke("compute", "--decision", typed)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert f"did you mean {meant}" in last
    assert ("--dayfirst" in last) == (not typed.startswith("2015"))


@pytest.mark.parametrize("typed", ["08/06/2015", "8 June 2015", "8.6.2015", "2015-06-08"])
def test_compute_dayfirst_reads_uk_dates(invoke, typed):
    result = invoke("compute", "--decision", typed, "--dayfirst", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["inputs"]["decision"] == "2015-06-08"


# Weekdays from the calendar: Mon 8 Jun 2015 (the founding case's decision), Wed 10 Jun 2015,
# Fri 29 May 2015 (the founding case's report deadline).
@pytest.mark.parametrize(
    "typed",
    ["Monday 8 June 2015", "Mon 8 Jun 2015", "mon, 8 june 2015", "Mon June 8, 2015",
     "Weds 10 June 2015", "Wednesday 10 June 2015", "Thurs 11 June 2015", "Fri 29 May 2015"],
)  # fmt: skip
def test_a_weekday_that_agrees_with_the_date_is_read(typed):
    from deadlines.dates import parse_date

    day = parse_date(typed, dayfirst=True)
    assert day.strftime("%a") == typed[:3].capitalize()


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("Fri 8 Jun 2015", "says Fri but 2015-06-08 is a Monday"),
        ("Sunday 29 May 2015", "says Sunday but 2015-05-29 is a Friday"),
        ("Tue June 8, 2015", "says Tue but 2015-06-08 is a Monday"),
        ("Monkey 8 June 2015", "'Monkey' is not a day of the week"),
    ],
)
def test_a_weekday_that_contradicts_the_date_is_refused(invoke, tmp_path, typed, words):
    """A date whose weekday disagrees with it is a typo in one or the other: which is meant
    cannot be known, so neither is guessed (it was read as the date, the weekday ignored)."""
    result = invoke("compute", "--decision", typed, "--dayfirst")
    assert result.exit_code == 2, result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: "), last
    assert words in last, last
    path = tmp_path / "cal.csv"
    path.write_text(f'item,decision\na,"{typed}"\n')
    rows = json.loads(invoke("check", path, "--format", "json", "--dayfirst").stdout)["rows"]
    assert words in rows[0]["errors"][0]["message"]


def test_dayfirst_may_come_after_the_date(invoke):
    result = invoke("compute", "--decision", "08/06/2015", "--dayfirst", "--format", "json")
    assert json.loads(result.stdout)["inputs"]["decision"] == "2015-06-08"
    result = invoke("compute", "--event", "decision=08/06/2015", "--dayfirst", "--format", "json")
    assert json.loads(result.stdout)["inputs"]["decision"] == "2015-06-08"


def test_check_does_not_call_a_day_above_12_ambiguous(invoke, tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("item,decision\na,13/01/2015\nb,08/06/2015\n")
    rows = json.loads(invoke("check", path, "--format", "json").stdout)["rows"]
    first, second = (r["errors"][0]["message"] for r in rows)
    assert "ambiguous" not in first
    assert "did you mean 2015-01-13" in first
    assert "did you mean 2015-06-08" in second
    assert "2015-08-06" in second  # the other reading is named, never chosen
    rows = json.loads(invoke("check", path, "--format", "json", "--dayfirst").stdout)["rows"]
    assert [r["errors"] for r in rows] == [[], []]


def test_regions_are_case_insensitive(invoke, tmp_path):
    scottish = ("--pack", "scotland-information-requests", "--received", "2015-07-10")
    result = invoke("compute", "--region", "Scotland", *scottish, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["region"] == "scotland"
    path = tmp_path / "cal.csv"
    path.write_text(
        "item,received,region\na,2015-07-10,Northern-Ireland\nb,2015-07-10,UNITED-KINGDOM\n"
    )
    result = invoke("check", path, "--pack", "information-requests", "--format", "json")
    rows = json.loads(result.stdout)["rows"]
    assert [(r["region"], r["errors"]) for r in rows] == [
        ("northern-ireland", []),
        ("united-kingdom", []),
    ]
    path.write_text("item,received,region\na,2015-07-10,Mars\n")
    result = invoke("check", path, "--pack", "information-requests", "--format", "json")
    (error,) = json.loads(result.stdout)["rows"][0]["errors"]
    assert (error["column"], error["value"]) == ("region", "Mars")


# -- 7. the table at 80 columns -----------------------------------------------------------------


def test_founding_table_reads_at_80_columns(invoke):
    result = invoke("compute", *FOUNDING, "--forward-plan", "2015-05-07", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    ids = [d.id for d in deadlines.compute(received=date(2015, 5, 12),
                                           decision=date(2015, 6, 8)).deadlines]  # fmt: skip
    assert len(ids) == 6
    for rule_id in ids:  # each id whole on a line of its own (the block's second line)
        assert f"  {rule_id}" in lines
    assert "Done:" in result.stdout  # the forward plan's actual date is shown


@pytest.mark.parametrize("columns", ["80", "160"])
def test_both_layouts_say_which_days_were_disregarded(invoke, columns):
    """Every deadline says which days its count disregarded, in the narrow layout as in the
    grid: the founding case's rules all disregard weekends, Christmas Day, Good Friday and the
    bank holidays of England and Wales (SI 2007/462 reg 1(2) for the Ofsted rules)."""
    out = invoke("compute", *FOUNDING, env={"COLUMNS": columns}).stdout
    text = " ".join(out.split())  # the narrow layout wraps the line at words
    assert "Days disregarded (ofsted-report-publication, statement-of-action" in text
    assert "Saturdays, Sundays, Christmas Day, Good Friday and bank holidays" in text


def test_wide_table_is_still_a_grid(invoke):
    result = invoke("compute", *FOUNDING, env={"COLUMNS": "160"})
    assert "┃ Deadline" in result.stdout


@pytest.mark.parametrize("notes", ["full", "short", "none"])
def test_notes_option(invoke, notes):
    out = invoke("compute", *FOUNDING, "--notes", notes, env={"COLUMNS": "80"}).stdout
    full = invoke("compute", *FOUNDING, env={"COLUMNS": "80"}).stdout
    noted = [line for line in out.splitlines() if line.startswith("- ")]
    if notes == "none":
        assert noted == []
    elif notes == "short":
        assert 0 < len(out) < len(full)
        assert noted
    else:
        assert out == full


# -- 8. defaults set once -------------------------------------------------------------------------


def _region(invoke, *args, env=None):
    result = invoke("compute", "--pack", "information-requests", "--received", "2015-07-10",
                    "--format", "json", *args, env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)["region"]


def _pack(invoke, *args, env=None):
    return json.loads(invoke("rules", "--format", "json", *args, env=env).stdout)["pack"]


def _no_settings_in_the_environment(monkeypatch):
    """The run sees only the config file and the command line."""
    for name in ("DEADLINES_REGION", "DEADLINES_PACK", "DEADLINES_RULES"):
        monkeypatch.delenv(name, raising=False)


def test_defaults_command_line_beats_environment_beats_file(invoke, tmp_path, monkeypatch):
    sub = tmp_path / "calendars" / "2026"
    sub.mkdir(parents=True)
    (tmp_path / ".deadlines.toml").write_text('region = "northern-ireland"\npack = "wales"\n')
    monkeypatch.chdir(sub)  # found from the current directory upward
    _no_settings_in_the_environment(monkeypatch)
    assert _region(invoke) == "northern-ireland"
    assert _region(invoke, env={"DEADLINES_REGION": "united-kingdom"}) == "united-kingdom"
    env = {"DEADLINES_REGION": "united-kingdom"}
    assert _region(invoke, "--region", "england-and-wales", env=env) == "england-and-wales"
    assert _pack(invoke) == "wales"
    assert _pack(invoke, env={"DEADLINES_PACK": "england-council"}) == "england-council"
    env = {"DEADLINES_PACK": "england-council"}
    assert _pack(invoke, "--pack", "information-requests", env=env) == "information-requests"
    monkeypatch.chdir(tmp_path.parent)
    assert _region(invoke) == "england-and-wales"  # built in
    assert _pack(invoke) == "england-executive"


def test_check_strict_with_a_job_summary_leaves_the_output_file_alone(invoke, tmp_path):
    """--format github with GITHUB_STEP_SUMMARY and -o FILE: --strict's exit 2 comes before
    the file is replaced, on that path too."""
    path = tmp_path / "cal.csv"
    path.write_text("item,decision\nsunday,2015-06-07\n")  # Sun 7 Jun 2015: a warning
    out = tmp_path / "annotations.txt"
    out.write_text("earlier\n")
    env = {"GITHUB_STEP_SUMMARY": str(tmp_path / "step.md")}
    got = invoke("check", path, "--format", "github", "--strict", "-o", out, env=env)
    assert got.exit_code == 2
    assert "--strict treats warnings as errors" in got.stderr.strip().splitlines()[-1]
    assert out.read_text() == "earlier\n"


def test_a_bad_default_names_where_it_came_from(invoke, tmp_path, monkeypatch):
    """A bad --region names its source: the command line (no env var named), the environment
    variable, or the .deadlines.toml it was read from."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DEADLINES_REGION", raising=False)

    def last(*args, env=None):
        got = invoke("compute", "--received", "2015-05-12", *args, env=env)
        assert got.exit_code == 2
        return got.stderr.strip().splitlines()[-1]

    assert last("--region", "").startswith("Error: Invalid value for '--region': ''")
    assert "(env var: 'DEADLINES_REGION'): 'venus'" in last(env={"DEADLINES_REGION": "venus"})
    (tmp_path / ".deadlines.toml").write_text('region = "mars"\n')
    assert f"(from {tmp_path / '.deadlines.toml'}): 'mars'" in last()
    # A pack or rule file is checked when loaded: the error says who set it.
    monkeypatch.delenv("DEADLINES_PACK", raising=False)
    monkeypatch.delenv("DEADLINES_RULES", raising=False)
    (tmp_path / ".deadlines.toml").write_text('pack = "nope"\n')
    assert last().endswith(f"(set by {tmp_path / '.deadlines.toml'})")
    (tmp_path / ".deadlines.toml").write_text('rules = "missing.toml"\n')
    assert "cannot read rule file" in last()
    assert last().endswith(f"(set by {tmp_path / '.deadlines.toml'})")
    (tmp_path / ".deadlines.toml").unlink()
    assert last(env={"DEADLINES_PACK": "nope"}).endswith("(set by DEADLINES_PACK)")
    assert not last("--pack", "nope").endswith(")")  # the command line: no source named


def test_config_shows_each_value_and_where_it_came_from(invoke, tmp_path, monkeypatch):
    (tmp_path / ".deadlines.toml").write_text('pack = "england-council"\nrules = "r.toml"\n')
    (tmp_path / "r.toml").write_text('schema = "deadlines-rules/1"\n')  # the pack as it is
    monkeypatch.chdir(tmp_path)
    _no_settings_in_the_environment(monkeypatch)
    result = invoke("config", "--format", "json", env={"DEADLINES_REGION": "scotland"})
    got = {s["setting"]: (s["value"], s["from"]) for s in json.loads(result.stdout)["settings"]}
    assert got["region"] == ("scotland", "environment DEADLINES_REGION")
    assert got["pack"] == ("england-council", f"file {tmp_path / '.deadlines.toml'}")
    assert got["rules"] == (str(tmp_path / "r.toml"), f"file {tmp_path / '.deadlines.toml'}")
    assert got["dayfirst"] == (False, "built-in default")
    assert result.exit_code == 0, result.output
    table = invoke("config", env={"DEADLINES_REGION": "scotland"}).stdout
    assert "from environment DEADLINES_REGION" in table


def _config_refused(invoke, tmp_path, monkeypatch, text):
    """`deadlines config` run in a directory whose .deadlines.toml is `text`, with no settings
    in the environment: it must exit 2; the result and the last line of stderr."""
    (tmp_path / ".deadlines.toml").write_text(text + "\n")
    monkeypatch.chdir(tmp_path)
    _no_settings_in_the_environment(monkeypatch)
    result = invoke("config")
    assert result.exit_code == 2
    return result, result.stderr.strip().splitlines()[-1]


def test_config_refuses_a_rules_file_every_command_would_refuse(invoke, tmp_path, monkeypatch):
    """A rules path that does not exist (or a file with a bad field) was listed as if it were
    in force, exit 0, and every command then failed on it. Shown, then refused (exit 2),
    naming where the setting came from."""
    config = tmp_path / ".deadlines.toml"
    result, last = _config_refused(invoke, tmp_path, monkeypatch, 'rules = "nonexist.toml"')
    assert "nonexist.toml" in result.stdout  # the settings are still shown
    assert last.startswith("Error: cannot read rule file ")
    assert last.endswith(f"(from file {config})")
    (tmp_path / "nonexist.toml").write_text(
        'schema = "deadlines-rules/1"\n[[rules]]\nid = "Call In"\n'
    )
    result = invoke("config")
    assert result.exit_code == 2
    assert "rule 'Call In' is no rule of england-executive" in result.stderr


@pytest.mark.parametrize(
    ("text", "words"),
    [('region = "mars"', "region 'mars'"), ('pack = "nope"', "pack 'nope'"),
     ('pack = ""', "pack ''")],
)  # fmt: skip
def test_config_refuses_the_values_every_command_refuses(invoke, tmp_path, monkeypatch, text,
                                                         words):  # fmt: skip
    """`deadlines config` shows the settings, then fails as every other command would on a
    value that is no region or pack (it said exit 0); an empty pack is no pack, as an empty
    region is no region (it was the default pack, silently)."""
    result, last = _config_refused(invoke, tmp_path, monkeypatch, text)
    assert "from file" in result.stdout  # the settings are still shown
    assert last.startswith("Error: "), last
    assert words in last, last
    assert str(tmp_path / ".deadlines.toml") in last, last
    result = invoke("compute", *FOUNDING)
    assert result.exit_code == 2


def test_pack_from_the_environment(invoke, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    result = invoke("rules", "--format", "json", env={"DEADLINES_PACK": "wales"})
    assert json.loads(result.stdout)["pack"] == "wales"


def test_bad_config_file_is_one_error_line(invoke, tmp_path, monkeypatch):
    (tmp_path / ".deadlines.toml").write_text('colour = "red"\n')
    monkeypatch.chdir(tmp_path)
    result = invoke("compute", *FOUNDING)
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert "'colour'" in last


# -- 9. -o's extension, --version, completion, CSV delimiters -----------------------------------


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("out.json", lambda t: json.loads(t)["schema"] == "deadlines/1"),
        ("out.csv", lambda t: t.startswith("id,")),
        ("out.ics", lambda t: t.startswith("BEGIN:VCALENDAR")),
        ("out.html", lambda t: t.lstrip().lower().startswith("<!doctype html")),
        ("out.txt", lambda t: "Statutory deadlines" in t),
    ],
)
def test_compute_format_from_the_output_extension(invoke, tmp_path, name, check):
    out = tmp_path / name
    assert invoke("compute", *FOUNDING, "-o", out).exit_code == 0
    assert check(out.read_text())


def test_explicit_format_beats_the_extension(invoke, tmp_path):
    out = tmp_path / "out.json"
    invoke("compute", *FOUNDING, "-o", out, "--format", "csv")
    assert out.read_text().startswith("id,")


@pytest.mark.parametrize(
    ("args", "name", "named"),
    [
        (("check", "{cal}"), "out.csv", "check does not write csv (.csv)"),
        (("compute", *FOUNDING), "out.sarif", "compute does not write sarif (.sarif)"),
        (("explain", "ofsted-report-publication", "--received", "2015-05-12"), "e.csv",
         "explain does not write csv"),
        (("calendar", "--received", "2015-05-12"), "c.json",
         "calendar does not write json"),
    ],
)  # fmt: skip
def test_an_extension_of_a_format_the_command_lacks_is_refused(invoke, tmp_path, args, name,
                                                              named):  # fmt: skip
    """-o out.csv for check (which writes no CSV) is refused, never table text under a CSV
    name; --format says which is wanted."""
    cal = tmp_path / "cal.csv"
    cal.write_text("item,decision\nx,2015-06-08\n")
    out = tmp_path / name
    got = invoke(*(a.format(cal=cal) for a in args), "-o", out)
    assert got.exit_code == 2
    last = got.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: -o ")
    assert named in last
    assert "expected --format one of" in last
    assert not out.exists()


def test_version_names_the_holiday_data(invoke):
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"deadlines {deadlines.__version__}\n")
    assert "gov.uk feed" in result.stdout
    assert "confirmed through england-and-wales 20" in result.stdout


@pytest.mark.parametrize(("shell", "marker"), [("bash", "complete"), ("zsh", "compdef"),
                                                ("fish", "complete")])  # fmt: skip
def test_completion_scripts(invoke, shell, marker):
    result = invoke("completion", shell)
    assert result.exit_code == 0
    assert marker in result.stdout
    assert "_DEADLINES_COMPLETE" in result.stdout


def test_semicolon_csv_is_sniffed_and_delimiter_can_be_given(invoke, tmp_path):
    path = tmp_path / "excel.csv"
    path.write_text("item;decision;forward_plan\nA;2015-06-08;2015-05-07\n")
    rows = json.loads(invoke("check", path, "--format", "json").stdout)["rows"]
    assert [(r["item"], r["ok"]) for r in rows] == [("A", True)]
    tabbed = tmp_path / "tabbed.csv"
    tabbed.write_text("item\tdecision\nA\t2015-06-08\n")
    rows = json.loads(invoke("check", tabbed, "--format", "json", "--delimiter", "tab").stdout)
    assert rows["rows"][0]["errors"] == []


def test_row_errors_are_objects_in_json_and_jsonl(invoke, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("item,decision\na,2015-02-30\n")
    for fmt in ("json", "jsonl"):
        out = invoke("check", path, "--format", fmt).stdout
        row = json.loads(out)["rows"][0] if fmt == "json" else json.loads(out.splitlines()[0])
        (error,) = row["errors"]
        assert error["column"] == "decision"
        assert error["value"] == "2015-02-30"
        assert "is not a real date" in error["message"]
    table = invoke("check", path, env={"COLUMNS": "200"}).stdout
    assert "column 'decision': '2015-02-30' is not a real date" in table  # text form


# -- 10. the typed API ----------------------------------------------------------------------------


def test_to_dict_and_to_json_equal_the_cli_json(invoke):
    result = invoke("compute", *FOUNDING, "--forward-plan", "2015-05-07", "--format", "json")
    r = deadlines.compute(
        received=date(2015, 5, 12),
        decision=date(2015, 6, 8),
        actual={"forward_plan": date(2015, 5, 7)},
    )
    assert json.loads(result.stdout) == json.loads(json.dumps(r.to_dict()))
    assert result.stdout.rstrip("\n") == r.to_json().rstrip("\n")


def test_packs_by_name_from_the_package():
    assert deadlines.packs()[0] == "england-executive"
    assert "information-requests" in deadlines.packs()
    rules = deadlines.pack("information-requests")
    r = deadlines.compute(events={"received": date(2015, 7, 10)}, rules=rules)
    assert r.deadlines
    with pytest.raises(deadlines.DeadlinesError, match="unknown pack 'nope'"):
        deadlines.pack("nope")
    with pytest.raises(deadlines.DeadlinesError):
        deadlines.pack(["wales"])  # type: ignore[arg-type]


def test_the_package_is_typed():
    assert (Path(deadlines.__file__).parent / "py.typed").is_file()


def test_every_command_help_runs(invoke):
    for args in (("config",), ("completion",), ("check",), ("compute",)):
        result = invoke(*args, "--help")
        assert result.exit_code == 0
        assert result.stdout.startswith("Usage: ")
    assert cli.commands.keys() >= {"config", "completion"}


def test_completion_completes_commands_and_region_names(runner):
    env = {"_DEADLINES_COMPLETE": "bash_complete", "COMP_WORDS": "deadlines compute --region S",
           "COMP_CWORD": "3"}  # fmt: skip
    result = runner.invoke(cli, [], prog_name="deadlines", env=env)
    assert result.stdout.splitlines() == ["plain,scotland"]
    env.update(COMP_WORDS="deadlines comp", COMP_CWORD="1")
    result = runner.invoke(cli, [], prog_name="deadlines", env=env)
    assert result.stdout.splitlines() == ["plain,completion", "plain,compute"]


def test_short_notes_never_cut_inside_brackets(invoke):
    """`--notes short` cut a note at the "; " inside its closing citation, leaving a bracket open:
    "... whatever the region chosen (england-and-wales (deadlines law day-sets).". A sentence
    ends only outside brackets."""
    out = invoke("compute", "--pack", "information-requests", "--received", "2026-03-05",
                 "--notes", "short", env={"COLUMNS": "400"}).output  # fmt: skip
    line = next(x for x in out.splitlines() if x.startswith("- foi-response: Counted on"))
    assert line.endswith("(england-and-wales; deadlines law day-sets).")
    for note in (x for x in out.splitlines() if x.startswith("- ")):
        assert note.count("(") == note.count(")"), note
