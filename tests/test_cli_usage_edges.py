"""The CLI contract at its edges: a closed pipe after --help, --version or a one-piece report
(exit 0, quiet); usage errors that end in one `Error:` line; standard input and --summary as
inputs and outputs. Cases that need real pipes run the CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from deadlines.cli import cli

CALENDAR = Path(__file__).parent / "cases" / "governance-calendar-2015.csv"
ENV = {**os.environ, "PYTHONUTF8": "1", "COLUMNS": "100"}
ENV.pop("PYTHONIOENCODING", None)
DEADLINES = f"{sys.executable} -m deadlines"


def shell(cmd: str, stdin: bytes | None = None) -> tuple[int, bytes, str]:
    """A bash command line: (its exit code, stdout, stderr)."""
    p = subprocess.run(
        ["bash", "-c", cmd], input=stdin, capture_output=True, env=ENV, timeout=60, check=False
    )
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def invoke(*args: object) -> tuple[int, str, str]:
    r = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def usage_error(code: int, err: str, words: str) -> None:
    """Exit 2, no traceback, and stderr ends with one `Error: ...` line containing `words`."""
    assert "Traceback" not in err, err
    assert code == 2, (code, err)
    last = err.rstrip("\n").splitlines()[-1]
    assert last.startswith("Error: "), err
    assert words in last, last


@pytest.fixture(scope="module")
def failing_csv(tmp_path_factory) -> Path:
    """2,000 rows, each failing: its output is far more than a pipe holds."""
    p = tmp_path_factory.mktemp("failing") / "big.csv"
    rows = "".join(
        f"Item {i},2015-06-08,2015-06-08,2015-06-01,2015-06-05,2015-06-09\n" for i in range(2000)
    )
    header = "item,decision,decision_published,forward_plan,report_published,implemented\n"
    p.write_text(header + rows)
    return p


# -- a closed pipe ends the run quietly, exit 0 ------------------------------------------------


@pytest.mark.parametrize("flag", ["--version", "--help", "-h"])
def test_help_and_version_into_closed_pipe(flag):
    """`deadlines --help | true`: the reader may be gone before the first write."""
    for _ in range(5):
        code, _, err = shell(f"{DEADLINES} {flag} | true; exit ${{PIPESTATUS[0]}}")
        assert (code, err) == (0, "")


def test_html_report_into_closed_pipe(failing_csv):
    """The report is one long text; a pipe closed during it is still noticed (exit 0), and the
    failing rows still exit 1 when nothing is cut off."""
    for _ in range(3):
        code, _, err = shell(
            f"{DEADLINES} check {failing_csv} --format html | head -c 10 >/dev/null;"
            " exit ${PIPESTATUS[0]}"
        )
        assert (code, err) == (0, "")
    code, out, err = shell(f"{DEADLINES} check {failing_csv} --format html")
    assert code == 1, err
    assert out.rstrip().endswith(b"</html>")


def test_output_to_dev_stdout_into_closed_pipe(failing_csv):
    """-o /dev/stdout is a device, written straight: a closed pipe there ends quietly (exit 0),
    as plain stdout does, not as a file that cannot be written."""
    for fmt in ("jsonl", "table"):
        code, _, err = shell(
            f"{DEADLINES} check {failing_csv} --format {fmt} -o /dev/stdout | head -c 10"
            " >/dev/null; exit ${PIPESTATUS[0]}"
        )
        assert (code, err) == (0, "")


# -- usage errors end in one Error line ----------------------------------------------------------


def test_completion_without_shell_is_one_error_line():
    code, _, err = invoke("completion")
    usage_error(code, err, "Expected one of bash, zsh, fish")
    assert "\t" not in err


def test_moderngov_alone_prints_its_help_like_deadlines_alone():
    code, out, err = invoke("moderngov")
    assert (code, err) == (0, "")
    assert out.startswith("Usage: ")
    assert "moderngov [OPTIONS]" in out.splitlines()[0]
    assert "\\x0a" not in out
    assert "fetch" in out
    top_code, top_out, _ = invoke()
    assert top_code == 0
    assert top_out.startswith("Usage: ")


# -- standard input: once, and never the output ----------------------------------------------

ONE_ROW = b"decision\n2015-06-08\n"


def test_standard_input_given_twice_is_refused():
    code, _, err = shell(f"{DEADLINES} check - -", stdin=ONE_ROW)
    usage_error(code, err, "'-' (standard input) is given more than once; expected it once")


@pytest.mark.parametrize("option", ["-o", "--summary"])
def test_output_into_the_input_pipe_is_refused(option):
    """`... | deadlines check - -o /dev/stdin` opened the pipe it reads for writing: it waited
    forever for the end of its input. Refused, as the same with `< file` is."""
    code, _, err = shell(f"{DEADLINES} check - {option} /dev/stdin", stdin=ONE_ROW)
    usage_error(code, err, "is the input pipe standard input")


def test_output_into_the_input_fifo_is_refused(tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    code, _, err = shell(f"{DEADLINES} check {fifo} -o {fifo}")
    usage_error(code, err, "is the input pipe")


# -- --summary: - is standard output, and its errors name --summary -----------------------------


def test_summary_dash_is_standard_output(tmp_path):
    """`--summary -` wrote a file named `-`; with the rows in a file, it is standard output."""
    rows = tmp_path / "rows.jsonl"
    code, out, err = shell(
        f"cd {tmp_path} && {DEADLINES} check {CALENDAR} --format jsonl -o {rows} --summary -"
    )
    assert code == 1, err  # the example calendar has failing rows
    assert json.loads(out)["summary"]["read"] == len(rows.read_text().splitlines())
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("rows", [[], ["-o", "-"]])
def test_summary_dash_with_the_rows_on_standard_output_is_refused(tmp_path, rows):
    code, out, err = shell(
        f"cd {tmp_path} && {DEADLINES} check {CALENDAR} --format jsonl {' '.join(rows)} --summary -"
    )
    usage_error(code, err, "--summary - would write the summary on standard output")
    assert out == b""
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/nonexistent-dir/s.json", "cannot write --summary '/nonexistent-dir/s.json'"),
        ("", "--summary '' is an empty file name"),
    ],
)
def test_summary_errors_name_summary(path, words):
    code, _, err = invoke("check", CALENDAR, "--format", "jsonl", "--summary", path)
    usage_error(code, err, words)
    assert "--output" not in err


def test_rows_and_summary_on_one_device_are_both_written():
    """-o /dev/stdout --summary /dev/stdout (or /dev/stderr) into a pipe: two outputs on one
    device are written in turn, never taken for an input pipe."""
    for summary in ("/dev/stdout", "/dev/stderr"):
        code, out, err = shell(
            f"{DEADLINES} check {CALENDAR} --format jsonl -o /dev/stdout --summary {summary}"
            " 2>&1 | cat; exit ${PIPESTATUS[0]}"
        )
        assert code == 1, err  # the calendar has failing rows
        assert b'"summary"' in out
        assert out.count(b'"row":') > 1


def test_rows_and_summary_in_one_file_are_refused(tmp_path):
    """One file named for both -o and --summary: one would overwrite the other, so the run is
    refused before anything is written."""
    same = tmp_path / "same.json"
    code, _, err = invoke("check", CALENDAR, "--format", "jsonl", "-o", same, "--summary", same)
    usage_error(code, err, "is also another output of this run")
    assert not same.exists()


@pytest.mark.parametrize(
    "year", ["\uff12\uff10\uff11\uff15", "\u0662\u0660\u0661\u0665", "2_015", " 2015", "+2015"]
)
def test_a_year_in_other_digits_is_refused(year):
    """int() reads fullwidth and Arabic-Indic digits, underscores and spaces as 2015."""
    code, out, err = invoke("holidays", "--year", year)
    usage_error(code, err, "is not a whole number in the digits 0-9")
    assert out == ""


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["holidays", "--year", "-1"], "is not in the range 1971<=x<=2100"),
        (["holidays", "--year", "1970"], "is not in the range 1971<=x<=2100"),
        (
            ["moderngov", "fetch", "http://127.0.0.1:9", "--committee", "-1"],
            "is not in the range x>=0",
        ),
        (["holidays", "--year", "2015.0"], "'2015.0' is not a valid whole number"),
        (["holidays", "--year", "twenty"], "'twenty' is not a valid whole number"),
    ],
)
def test_a_whole_number_out_of_range_or_not_a_number_says_so(args, words):
    """A negative number is out of range, and says the range; text int() refuses is not a
    whole number (not click's "integer range")."""
    code, out, err = invoke(*args)
    usage_error(code, err, words)
    assert out == ""


def test_a_year_in_ascii_digits_is_read():
    code, out, _ = invoke("holidays", "--year", "2015", "--format", "json")
    assert code == 0
    assert json.loads(out)["year"] == 2015


@pytest.mark.parametrize("fmt", ["json", "jsonl", "sarif", "junit", "github", "table"])
@pytest.mark.parametrize(
    "later",
    ["item,when\nA,2015-06-08\n", "item,decision\n", ""],
    ids=["no-date-column", "no-data-rows", "empty"],
)
def test_a_later_file_that_cannot_be_read_writes_nothing(tmp_path, fmt, later):
    """A run that ends in exit 2 because the second file is unreadable leaves no document
    half-written on standard output: every file's header and first row are read first."""
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text("item,decision\nA,2015-06-08\n")
    bad.write_text(later)
    code, out, err = invoke("check", good, bad, "--format", fmt)
    usage_error(code, err, "bad.csv")
    assert out == ""


def test_a_fifo_is_read_once_not_read_ahead(tmp_path):
    """A pipe given by name (`<(cat calendar.csv)`, a FIFO) can be read only once: it is not
    read ahead like a file, and all its rows are checked."""
    fifo = tmp_path / "calendar.fifo"
    os.mkfifo(fifo)
    shell_cmd = f"(printf 'item,decision\\nA,2015-06-08\\n' > {fifo}) & deadlines check {fifo} --format jsonl"
    code, out, err = shell(shell_cmd)
    assert code == 0, err
    assert json.loads(out.splitlines()[0])["item"] == "A"
