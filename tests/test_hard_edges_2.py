"""Hard edges, second pass (issue 17): a catalogue per class of what went wrong.

Classes: markup (untrusted text in every renderer), output targets, unwritable output, hostile
input, growth (small sizes here; benchmarks/bench_hard_edges.py measures the big ones),
silently ignored data, rule-file shapes, the Python API.

Each CLI case asserts the contract: exit 0, 1 or 2 as expected; on exit 2 at most a few stderr
lines, the last starting `Error:`; never a traceback; no file replaced or left behind. Cases
where signals, encodings or file descriptors matter run the installed CLI in a subprocess
(`sys.executable -m deadlines`); the rest run in-process to keep the file fast.
"""

from __future__ import annotations

import json
import math
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

import deadlines
from deadlines import safe
from deadlines.check import read_json
from deadlines.cli import cli
from deadlines.holiday_data import from_govuk_file, shipped

CASES = Path(__file__).parent / "cases"
GOOD_CSV = CASES / "governance-calendar-2015.csv"
ENV = {**os.environ, "PYTHONUTF8": "1", "COLUMNS": "100"}
ENV.pop("PYTHONIOENCODING", None)


def run(args, *, env=None, stdin=None, shell=False, cwd=None):
    """The installed CLI in a subprocess: (exit code, stdout bytes, stderr text)."""
    cmd = args if shell else [sys.executable, "-m", "deadlines", *map(str, args)]
    p = subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        env=env or ENV,
        shell=shell,
        cwd=cwd,
        timeout=60,
        check=False,
    )
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def invoke(*args, input=None):
    """In-process: (exit code, stdout, stderr); an exception is a failure, not exit 1."""
    r = CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)
    return r.exit_code, r.stdout, r.stderr


def contract(code: int, err: str, expected: int, words: str = "") -> None:
    assert "Traceback" not in err, err
    assert code == expected, (code, err)
    if expected == 2:
        lines = err.strip().splitlines()
        assert lines, err
        assert len(lines) <= 4, lines
        assert lines[-1].startswith("Error: "), lines
        assert words in lines[-1], lines[-1]


def no_temp_files(d: Path) -> None:
    assert not [p.name for p in d.iterdir() if p.name.endswith(".tmp")]


def csv_file(tmp_path: Path, item: str, name: str = "cal.csv") -> Path:
    p = tmp_path / name
    p.write_text(f'item,decision,forward_plan\n"{item}",2015-06-08,2015-05-07\n', encoding="utf-8")
    return p


def jsonl_file(tmp_path: Path, text: str, name: str = "cal.jsonl") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- 1. markup: text the tool did not write is data in every renderer ------------------------

HOSTILE = [
    "[/]",
    "[link=https://evil.example/]Click me[/link]",
    "\x1b]0;pwned\x07 title",
    "\x1b[31mred\x1b[0m",
    "bidi \u202e reversed \u2066 isolate",
    "c1 \x9b control",
]


@pytest.mark.parametrize("item", HOSTILE)
def test_markup_check_table(tmp_path, item):
    code, out, err = invoke("check", csv_file(tmp_path, item))
    contract(code, err, 0)
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\x9b" not in out
    if item.startswith("["):
        assert item in out  # literal, never a live hyperlink or a markup error


@pytest.mark.parametrize("fmt", ["github", "junit", "jsonl", "json"])
def test_markup_check_machine_formats(tmp_path, fmt):
    rows = [{"item": s, "decision": "2015-06-08", "forward_plan": "2015-06-01"} for s in HOSTILE]
    rows.append({"item": "lone \ud800 sep \u2028 nel \x85 %0A", "decision": "2015-06-08"})
    text = "\n".join(json.dumps(r) for r in rows) + "\n"
    code, out, err = invoke("check", jsonl_file(tmp_path, text), "--format", fmt)
    contract(code, err, 1)  # forward_plan after the deadline: missed
    assert "\x1b" not in out
    assert "\u2028" not in out
    assert "\x85" not in out
    assert "\x9b" not in out  # a C1 control (CSI) is escaped in every format, JSON too
    if fmt == "github":
        # annotations, the holiday notice, the summary; and one log line per failure, each
        # escaped as a workflow command's message (so it can never start a command itself)
        commands = ("::error ", "::notice ", "deadlines check")
        assert all(ln.startswith((*commands, str(tmp_path))) for ln in out.splitlines())
        assert "\u202e" not in out
    elif fmt == "junit":
        ET.fromstring(out.encode("utf-8"))  # well-formed XML 1.0
    elif fmt == "jsonl":
        lines = out.splitlines()
        assert len(lines) == len(rows)  # rows only
        assert json.loads(lines[-1])["item"].startswith("lone \ud800")
    else:
        assert len(json.loads(out)["rows"]) == len(rows)
    if fmt in ("json", "jsonl"):  # bidi controls escaped as \uXXXX: the same text decoded
        assert "\u202e" not in out
        assert "\u2066" not in out
        assert "\\u202e" in out
        decoded = [json.loads(ln) for ln in out.splitlines()] if fmt == "jsonl" else None
        items = [r["item"] for r in (decoded or json.loads(out)["rows"])]
        assert "bidi \u202e reversed \u2066 isolate" in items


HOSTILE_RULES = """schema = "deadlines-rules/1"
[[rules]]
id = "=cmd"
title = "=HYPERLINK(\\"https://evil.example\\") [/] \\u001b]0;x\\u0007"
reference = "decision"
direction = "after"
length = 3
unit = "days"
counting = "clear-days"
relation = "on-or-before"
citation = "@SUM(A1) [link=https://evil.example/]x[/link]"
words = "-2+3 \\u202e"
"""


@pytest.mark.parametrize(
    "args",
    [
        ["rules"],
        ["compute", "--decision", "2015-06-08"],
        ["explain", "=cmd", "--decision", "2015-06-08"],
        ["calendar", "--decision", "2015-06-08"],
        ["compute", "--decision", "2015-06-08", "--format", "csv"],
        ["compute", "--decision", "2015-06-08", "--format", "ics"],
    ],
)
def test_markup_rule_text_in_every_renderer(tmp_path, args):
    rules = tmp_path / "hostile.toml"
    rules.write_text(HOSTILE_RULES, encoding="utf-8")
    code, out, err = invoke(*args, "--rules", rules)
    contract(code, err, 0)
    assert "\x1b" not in out
    assert "\u202e" not in out
    assert "\x07" not in out
    if "csv" in args:
        cells = next(r for r in out.splitlines() if "HYPERLINK" in r)
        assert cells.startswith("'=cmd,\"'=HYPERLINK")
        assert ",'@SUM(A1)" in cells


def test_markup_bank_holiday_names(tmp_path):
    bh = tmp_path / "bh.json"
    events = [{"title": "[/] \x1b[31mEvil\x1b[0m [link=x]y[/link]", "date": "2015-05-04"}]
    bh.write_text(json.dumps({"england-and-wales": {"events": events}}), encoding="utf-8")
    code, out, err = invoke("holidays", "--year", "2015", "--bank-holidays", bh)
    contract(code, err, 0)
    assert "\x1b" not in out
    assert "[/]" in out


@pytest.mark.parametrize(
    ("fn", "given", "expected"),
    [
        (safe.terminal, "a\x1b[2Jb", "a\\x1b[2Jb"),
        (safe.terminal, "\u202eabc\u2069", "\\u202eabc\\u2069"),
        (safe.terminal, "lone \ud800", "lone \\ud800"),
        (safe.markup, "[/]", "\\[/]"),
        (safe.xml, "a\x00b\ud800c", "a\ufffdb\ufffdc"),
        (safe.csv_cell, "=1+1", "'=1+1"),
        (safe.csv_cell, "\tx", "'\tx"),
        (safe.csv_cell, "a\x1bb", "a\\x1bb"),
        (safe.csv_cell, "-3", "'-3"),
        (safe.csv_cell, "plain", "plain"),
        (safe.github_data, "50%\nnext", "50%25%0Anext"),
        (safe.github_property, "a:b,c", "a%3Ab%2Cc"),
        (safe.jsonl, '"\u2028\x85é"'.encode(), b'"\\u2028\\u0085\xc3\xa9"'),
        (safe.jsonl, '"\x80\x9b\x9f\xa0"'.encode(), b'"\\u0080\\u009b\\u009f\xc2\xa0"'),
        (safe.ics, "x\x1by", "x\\x1by"),
        (safe.uri, "dir\\x\udcff y.csv", "dir/x%FF%20y.csv"),
        (safe.uri, "x\ud800.csv", "x%ED%A0%80.csv"),
        (safe.html, "<b>\x1b\u202e\ud800é</b>", "&lt;b&gt;\\x1b\\u202e\ufffdé&lt;/b&gt;"),
    ],
)
def test_markup_safe_functions(fn, given, expected):
    assert fn(given) == expected


def test_markup_jsonl_escapes_exactly_the_listed_characters():
    """Every code point of the Basic Multilingual Plane (and one beyond) through safe.jsonl:
    escaped exactly when it is C1, a line or paragraph separator or a bidi control, as the
    list below (written out, not taken from the module) says; every other one is left raw."""
    listed = {*range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    for n in [*range(0x80, 0xD800), *range(0xE000, 0x10000), 0x1F600]:
        raw = chr(n).encode()
        expected = b"\\u%04x" % n if n in listed else raw
        assert safe.jsonl(raw) == expected, hex(n)


# -- 2. output targets ----------------------------------------------------------------------


def test_output_empty_name_refused(tmp_path):
    code, _, err = run(["compute", "--received", "2015-05-12", "-o", ""], cwd=tmp_path)
    contract(code, err, 2, "empty file name")


def test_output_dash_is_stdout(tmp_path):
    code, out, err = run(["compute", "--received", "2015-05-12", "--format", "json", "-o", "-"])
    contract(code, err, 0)
    assert json.loads(out)["schema"] == "deadlines/1"
    assert not (tmp_path / "-").exists()


def test_output_symlink_written_through(tmp_path):
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, _, err = invoke("compute", "--received", "2015-05-12", "--format", "json", "-o", link)
    contract(code, err, 0)
    assert link.is_symlink()
    assert json.loads(target.read_text())["schema"] == "deadlines/1"
    no_temp_files(tmp_path)


def test_output_char_device_written_straight():
    before = os.stat("/dev/null")
    code, _, err = run(["compute", "--received", "2015-05-12", "-o", "/dev/null"])
    contract(code, err, 0)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert after.st_rdev == before.st_rdev


def test_output_dev_stdout():
    code, out, err = run(
        ["compute", "--received", "2015-05-12", "--format", "json", "-o", "/dev/stdout"]
    )
    contract(code, err, 0)
    assert b'"schema"' in out


def test_output_fifo_written_straight(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, err = invoke("compute", "--received", "2015-05-12", "--format", "json", "-o", fifo)
    reader.join(10)
    contract(code, err, 0)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b'"schema"' in got[0]


@pytest.mark.parametrize("how", ["same", "hardlink", "symlink"])
def test_output_input_refused(tmp_path, how):
    cal = tmp_path / "cal.csv"
    cal.write_bytes(GOOD_CSV.read_bytes())
    out = cal
    if how == "hardlink":
        out = tmp_path / "other.csv"
        os.link(cal, out)
    elif how == "symlink":
        out = tmp_path / "other.csv"
        out.symlink_to(cal)
    code, _, err = invoke("check", cal, "--format", "json", "-o", out)
    contract(code, err, 2, "is the input file")
    assert cal.read_bytes() == GOOD_CSV.read_bytes()


def test_output_stdin_file_refused_as_output(tmp_path):
    cal = tmp_path / "cal.csv"
    cal.write_bytes(GOOD_CSV.read_bytes())
    with open(cal, "rb") as f:
        p = subprocess.run(
            [sys.executable, "-m", "deadlines", "check", "-", "-o", str(cal)],
            stdin=f,
            capture_output=True,
            env=ENV,
            timeout=60,
            check=False,
        )
    contract(p.returncode, p.stderr.decode(), 2, "is the input file standard input")
    assert cal.read_bytes() == GOOD_CSV.read_bytes()


def test_output_meetings_file_refused_as_output(tmp_path):
    m = tmp_path / "m.txt"
    m.write_text("2015-06-08\n")
    code, _, err = invoke("compute", "--received", "2015-05-12", "--meetings", m, "-o", m)
    contract(code, err, 2, "is the input file")
    assert m.read_text() == "2015-06-08\n"


@pytest.mark.parametrize(
    "args",
    [
        ("compute", "--received", "2015-05-12"),
        ("calendar", "--received", "2015-05-12"),
        ("explain", "ofsted-report-publication", "--received", "2015-05-12"),
    ],
)
def test_output_rule_file_refused_as_output(tmp_path, args):
    """-o naming the run's own rule file is refused before anything is written (`calendar`
    replaced it with the picture)."""
    rules = tmp_path / "pack.toml"
    text = (Path(__file__).parent.parent / "examples" / "council-pack.toml").read_text()
    rules.write_text(text)
    code, _, err = invoke(*args, "--rules", rules, "-o", rules)
    contract(code, err, 2, "is the input file")
    assert rules.read_text() == text


@pytest.mark.parametrize(
    "args",
    [
        ("compute", "--received", "2015-05-12", "--format", "json"),
        ("calendar", "--received", "2015-05-12"),
        ("check", "cal.csv", "--format", "json"),
    ],
)
def test_output_config_file_refused_as_output(tmp_path, args):
    """The .deadlines.toml the run read its settings from is an input: never the output (it was
    replaced, and every later run in that directory failed to read it)."""
    config = tmp_path / ".deadlines.toml"
    config.write_text('region = "england-and-wales"\n')
    (tmp_path / "cal.csv").write_bytes(GOOD_CSV.read_bytes())
    code, _, err = run([*args, "-o", ".deadlines.toml"], cwd=tmp_path)
    contract(code, err, 2, "is the input file")
    assert config.read_text() == 'region = "england-and-wales"\n'


def test_output_not_replaced_on_exit_2(tmp_path):
    report = tmp_path / "report.json"
    report.write_text("old report")
    empty = tmp_path / "header-only.csv"
    empty.write_text("item,decision\n")
    code, _, err = invoke("check", empty, "--format", "json", "-o", report)
    contract(code, err, 2, "no data rows")
    assert report.read_text() == "old report"
    no_temp_files(tmp_path)


def test_output_umask_and_kept_mode(tmp_path):
    old = os.umask(0o077)
    try:
        new = tmp_path / "new.json"
        code, _, err = invoke("compute", "--received", "2015-05-12", "--format", "json", "-o", new)
        contract(code, err, 0)
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
        kept = tmp_path / "kept.json"
        kept.write_text("x")
        kept.chmod(0o640)
        invoke("compute", "--received", "2015-05-12", "--format", "json", "-o", kept)
        assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    finally:
        os.umask(old)


def test_output_directory_refused(tmp_path):
    code, _, err = invoke("compute", "--received", "2015-05-12", "-o", tmp_path)
    contract(code, err, 2, "is a directory")


# -- 3. output that cannot be written -------------------------------------------------------

BIG_CSV_ROWS = 3000


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    p = tmp_path_factory.mktemp("big") / "big.csv"
    rows = "".join(f"item {i},2015-06-08,2015-05-07\n" for i in range(BIG_CSV_ROWS))
    p.write_text("item,decision,forward_plan\n" + rows)
    return p


@pytest.mark.parametrize(
    "args",
    [
        ["compute", "--received", "2015-05-12", "--format", "json"],
        ["compute", "--received", "2015-05-12"],
        ["rules"],
        ["check", GOOD_CSV, "--format", "junit"],
    ],
)
def test_unwritable_dev_full(args):
    with open("/dev/full", "wb") as full:
        p = subprocess.run(
            [sys.executable, "-m", "deadlines", *map(str, args)],
            stdout=full,
            stderr=subprocess.PIPE,
            env=ENV,
            timeout=60,
            check=False,
        )
    contract(p.returncode, p.stderr.decode(), 2, "No space left on device")


@pytest.mark.parametrize(
    "args",
    [
        "compute --received 2015-05-12 --format json",
        "rules",
        "holidays --year 2015",
        # Bytes to a closed stdout: were an AttributeError traceback (no buffer to write to).
        "compute --received 2015-05-12 --format ics",
        "compute --received 2015-05-12 --format ics -o -",
        f"check {GOOD_CSV} --format jsonl",
    ],
)
def test_unwritable_closed_stdout(args):
    cmd = f"{sys.executable} -m deadlines {args} >&-"
    code, _, err = run(cmd, shell=True)
    contract(code, err, 2, "standard output is closed")


@pytest.mark.parametrize("fmt", ["table", "jsonl", "junit", "github"])
def test_unwritable_closed_pipe_is_quiet(big_csv, fmt):
    cmd = (
        f"{sys.executable} -m deadlines check {big_csv} --format {fmt} | head -c 100 >/dev/null;"
        " exit ${PIPESTATUS[0]}"
    )
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, env=ENV, timeout=60, check=False)
    err = p.stderr.decode()
    assert "Traceback" not in err, err
    assert p.returncode == 0, (p.returncode, err)
    assert err == ""


@pytest.mark.parametrize(
    "args",
    [
        "rules",
        "calendar --received 2015-05-12",
        "explain ofsted-report-publication --received 2015-05-12",
        "holidays --year 2015",
    ],
)
def test_unwritable_closed_pipe_small_outputs(args):
    cmd = f"{sys.executable} -m deadlines {args} | head -c 1 >/dev/null; exit ${{PIPESTATUS[0]}}"
    p = subprocess.run(["bash", "-c", cmd], capture_output=True, env=ENV, timeout=60, check=False)
    assert p.returncode == 0, p.stderr
    assert p.stderr == b""


@pytest.mark.parametrize(
    "env",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}],
)
def test_unwritable_encoding(tmp_path, env):
    cal = csv_file(tmp_path, "Café é ü")
    code, _, err = run(["check", cal], env={**ENV, **env})
    contract(code, err, 2, "expected a UTF-8 terminal")


@pytest.mark.parametrize(
    ("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129), (signal.SIGINT, 130)]
)
def test_unwritable_signal_keeps_old_file(tmp_path, sig, code):
    report = tmp_path / "report.jsonl"
    report.write_text("old report\n")
    p = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "deadlines",
            "check",
            "-",
            "--input-format",
            "jsonl",
            "--format",
            "jsonl",
            "-o",
            str(report),
        ],
        stdin=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    p.stdin.write(b'{"decision": "2015-06-08", "forward_plan": "2015-05-07"}\n' * 50)
    p.stdin.flush()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not any(
        f.name.endswith(".tmp") for f in tmp_path.iterdir()
    ):
        time.sleep(0.05)
    time.sleep(0.2)
    p.send_signal(sig)
    _, err = p.communicate(timeout=20)
    p.stdin.close()
    contract(p.returncode, err.decode(), code)
    assert err.decode().strip().splitlines()[-1].startswith("Error: interrupted")
    assert report.read_text() == "old report\n"
    no_temp_files(tmp_path)


# -- 4. hostile input -----------------------------------------------------------------------

BIG_INT = "1" * 5000


@pytest.mark.parametrize(
    ("name", "content", "expected", "words"),
    [
        ("int.json", f'[{{"decision": "2015-06-08", "n": {BIG_INT}}}]', 2, "4300 digits"),
        (
            "int.jsonl",
            f'{{"decision": "2015-06-08", "n": {BIG_INT}}}\n{{"decision": "2015-06-08"}}\n',
            1,
            "",
        ),
        ("lone.jsonl", '{"item": "\\ud800", "decision": "2015-06-08"}\n', 0, ""),
        ("lone.json", '[{"item": "\\udfff x", "decision": "2015-06-08"}]', 0, ""),
        ("fullwidth.csv", "item,decision\nx,２０１５-06-08\n", 1, ""),
        ("badbyte.csv", b"item,decision\n\xff\xfe,2015-06-08\n", 1, ""),
        (
            "deep-row.jsonl",
            '{"decision": "2015-06-08", "x": '
            + "[" * 20000
            + "]" * 20000
            + '}\n{"decision": "2015-06-08"}\n',
            1,
            "",
        ),
    ],
)
def test_hostile_calendar(tmp_path, name, content, expected, words):
    p = tmp_path / name
    p.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    code, out, err = invoke("check", p, "--format", "jsonl")
    contract(code, err, expected, words)
    if name == "badbyte.csv":
        assert "not UTF-8" in out
    if name == "fullwidth.csv":
        assert "is not a date" in out


def test_hostile_closed_stdin():
    code, _, err = run(f"{sys.executable} -m deadlines check - <&-", shell=True)
    contract(code, err, 2, "standard input is closed")


def test_hostile_valid_replacement_character_is_not_bad_utf8(tmp_path):
    p = csv_file(tmp_path, "a \ufffd in the title")
    _code, out, _err = invoke("check", p, "--format", "jsonl")
    assert "not UTF-8" not in out


@pytest.mark.parametrize(
    ("option", "content", "words"),
    [
        ("--bank-holidays", f'{{"england-and-wales": {{"events": [{BIG_INT}]}}}}', "4300 digits"),
        ("--bank-holidays", "[" * 100000 + "]" * 100000, "nested too deeply"),
        ("--rules", f'schema = "deadlines-rules/1"\nx = {BIG_INT}\n', "4300 digits"),
        (
            "--rules",
            'schema = "deadlines-rules/1"\nx = ' + "[" * 5000 + "]" * 5000,
            "nested too deeply",
        ),
        ("--meetings", "２０１５-06-08\n", "neither a date"),
    ],
)
def test_hostile_option_files(tmp_path, option, content, words):
    p = tmp_path / "input"
    p.write_text(content, encoding="utf-8")
    code, _, err = invoke("compute", "--received", "2015-05-12", option, p)
    contract(code, err, 2, words)


@pytest.mark.parametrize("option", ["--bank-holidays", "--rules", "--meetings"])
def test_hostile_option_file_too_big(tmp_path, option):
    p = tmp_path / "huge"
    with open(p, "wb") as f:
        f.truncate(17 * 1024 * 1024)  # sparse: nothing is written
    code, _, err = invoke("compute", "--received", "2015-05-12", option, p)
    contract(code, err, 2, "larger than 16 MB")


def test_hostile_fullwidth_digits_in_compute():
    code, _, err = invoke("compute", "--decision", "２０１５-06-08")
    contract(code, err, 2, "is not a date; expected YYYY-MM-DD")


# -- 5. growth (small sizes; the benchmark measures the large ones) ---------------------------


def test_growth_json_list_lines_are_right(tmp_path):
    parts, line, expected = ["["], 1, []
    for i in range(300):
        gap = "\n" * (i % 4)
        line += gap.count("\n")
        expected.append(line)
        obj = '{"decision":\n"2015-06-08"}' if i % 5 == 0 else '{"decision": "2015-06-08"}'
        parts.append(gap + obj + ("," if i < 299 else ""))
        line += obj.count("\n")
    text = "".join(parts) + "]"
    rows = list(read_json(__import__("io").BytesIO(text.encode()), "t.json"))
    assert [r.line for r in rows] == expected


def test_growth_json_list_reader_is_linear():
    row = '{"item": "x", "decision": "2015-06-08", "forward_plan": "2015-05-07"},\n'
    times = []
    for n in (5_000, 20_000):
        data = ("[\n" + row * n + '{"decision": "2015-06-08"}]').encode()
        t = time.perf_counter()
        assert sum(1 for _ in read_json(__import__("io").BytesIO(data), "t.json")) == n + 1
        times.append(time.perf_counter() - t)
    assert times[1] < 1.0
    assert times[1] < times[0] * 10


def test_growth_huge_cell_is_cut_in_the_table(tmp_path):
    code, out, err = invoke("check", csv_file(tmp_path, "x" * 300_000))
    contract(code, err, 0)
    assert "…" in out
    assert "cut short" in out
    assert len(out) < 20_000


@pytest.mark.parametrize("command", [["compute", "--decision", "2015-06-08"], ["rules"]])
def test_growth_huge_rule_text_is_cut_in_tables(tmp_path, command):
    rules = tmp_path / "big.toml"
    rules.write_text(RULE.replace('title = "Mine"', f'title = "{"T" * 300_000}"'))
    code, out, err = invoke(*command, "--rules", rules)
    contract(code, err, 0)
    assert "…" in out
    assert "cut short" in out
    assert len(out) < 60_000


def test_growth_table_in_chunks_keeps_every_row(tmp_path):
    rows = "".join(f"item {i},2015-06-08,2015-05-07\n" for i in range(1200))
    p = tmp_path / "c.csv"
    p.write_text("item,decision,forward_plan\n" + rows)
    code, out, err = invoke("check", p)
    contract(code, err, 0)
    assert "item 0 " in out
    assert "item 1199 " in out
    assert "read 1200, ok 1200" in out


def test_growth_junit_streamed_counts(tmp_path):
    rows = "".join(f"item {i},2015-06-08,2015-06-01\n" for i in range(1500))
    p = tmp_path / "c.csv"
    p.write_text("item,decision,forward_plan\n" + rows)
    code, out, err = invoke("check", p, "--format", "junit", "--junit-pending")
    contract(code, err, 1)
    suite = ET.fromstring(out.encode()).find("testsuite")
    # 4 rules a row (forward plan, report, call-in, implementation); the forward plan missed;
    # with --junit-pending the three pending rules are (skipped) test cases too.
    assert suite.get("tests") == "6000"
    assert suite.get("failures") == "1500"
    assert len(suite.findall("testcase")) == 6000


def test_growth_chained_rules_parse_quickly(tmp_path):
    parts, prev = ['schema = "deadlines-rules/1"'], "call-in-end"
    for i in range(3000):
        parts.append(
            f'[[rules]]\nid = "c{i}"\ntitle = "C{i}"\nfollows = "{prev}"\n'
            'relation = "on-or-after"\ncitation = "C"'
        )
        prev = f"c{i}"
    p = tmp_path / "chain.toml"
    p.write_text("\n".join(parts))
    t = time.perf_counter()
    rs = deadlines.rules.load(p)
    assert len(rs.rules) > 3000
    assert rs.rule("c2999").follows == "c2998"
    assert time.perf_counter() - t < 3


# -- 6. data silently ignored or overruled --------------------------------------------------


@pytest.mark.parametrize(
    ("header", "name", "meant"),
    [
        ("item,decision,Forward Plan", "Forward Plan", "forward_plan"),
        ("item,decision,report-published", "report-published", "report_published"),
        ("item,decision,forward_plna", "forward_plna", "forward_plan"),
        ("item,decision,Regoin", "Regoin", "region"),
        ("item,Decisoin,forward_plan", "Decisoin", "decision"),
        ("item,decision, IMPLEMENTED ", "IMPLEMENTED", "implemented"),
    ],
)
def test_ignored_near_miss_csv_columns(tmp_path, header, name, meant):
    p = tmp_path / "c.csv"
    p.write_text(f"{header}\nx,2015-06-08,2015-05-07\n")
    code, _, err = invoke("check", p)
    if name == "IMPLEMENTED":  # case and spaces only: read as the column (and missed: exit 1)
        contract(code, err, 1)
        return
    contract(code, err, 2, f"column {name!r}")
    assert repr(meant) in err


def test_ignored_near_miss_json_key(tmp_path):
    p = jsonl_file(tmp_path, '{"decision": "2015-06-08", "forward-plan": "2015-05-07"}\n')
    code, _, err = invoke("check", p)
    contract(code, err, 2, "'forward_plan'")


@pytest.mark.parametrize("column", ["notes", "team", "items", "owner", "decision_maker"])
def test_ignored_unrelated_columns_still_ignored(tmp_path, column):
    p = tmp_path / "c.csv"
    p.write_text(f"item,decision,{column}\nx,2015-06-08,y\n")
    code, _, err = invoke("check", p)
    contract(code, err, 0)


def test_ignored_duplicated_json_key(tmp_path):
    p = jsonl_file(tmp_path, '{"decision": "2015-06-08", "decision": "2015-06-09"}\n')
    code, out, err = invoke("check", p, "--format", "jsonl")
    contract(code, err, 1)
    assert "'decision' appears more than once" in out


def test_ignored_actual_without_its_event(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text("item,received,forward_plan\nx,2015-05-12,2015-05-07\n")
    code, out, err = invoke("check", p, "--format", "jsonl")
    contract(code, err, 1)
    assert "'forward_plan' is given without 'decision'" in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--actual", "implemented=2015-06-20", "--implemented", "2015-06-21"], 2),
        (["--actual", "implemented=2015-06-21", "--implemented", "2015-06-21"], 0),
        (
            [
                "--convention",
                "forward-plan-notice=clear-days",
                "--convention",
                "forward-plan-notice=clear-working-days",
            ],
            2,
        ),
        (
            [
                "--convention",
                "forward-plan-notice=clear-days",
                "--convention",
                "forward-plan-notice=clear-days",
            ],
            0,
        ),
        (["--event", "decision=2015-06-09"], 2),
        (["--event", "meeting=2015-07-14", "--event", "meeting=2015-07-15"], 2),
    ],
)
def test_ignored_conflicting_options(args, expected):
    code, _, err = invoke("compute", "--decision", "2015-06-08", *args)
    contract(code, err, expected, "disagree")


def test_ignored_partial_bank_holiday_file_keeps_the_rest(tmp_path):
    p = tmp_path / "bh.json"
    # Two days in 2016 only: Early May (2 May 2016) and Spring (30 May 2016), renamed.
    events = [{"title": "Early", "date": "2016-05-02"}, {"title": "Spring", "date": "2016-05-30"}]
    p.write_text(json.dumps({"england-and-wales": {"events": events}}))
    data, base = from_govuk_file(p), shipped()
    new = {r[0]: r for r in data.rows["england-and-wales"]}
    old = {r[0]: r for r in base.rows["england-and-wales"]}
    outside = [k for k in old if not "2016-05-02" <= k <= "2016-05-30"]
    assert all(new[k] == old[k] for k in outside)  # kept, with their own status
    assert new["2016-05-02"][1] == "Early"
    assert data.confirmed_through == base.confirmed_through


def test_ignored_sparse_bank_holiday_file_does_not_wipe_years(tmp_path):
    p = tmp_path / "bh.json"
    events = [{"title": "A", "date": "1971-01-01"}, {"title": "B", "date": "2100-12-27"}]
    p.write_text(json.dumps({"england-and-wales": {"events": events}}))
    data = from_govuk_file(p)
    years = {r[0][:4] for r in data.rows["england-and-wales"]}
    assert {"1990", "2015", "2050"} <= years
    assert data.confirmed_through == shipped().confirmed_through


@pytest.mark.parametrize("key", ["Scotland", "england", "northern_ireland"])
def test_ignored_bank_holiday_division_misnamed_is_refused(tmp_path, key):
    """A division the file misnames was dropped silently, and the shipped days used instead of
    the file's: refused, naming the key and the divisions' names."""
    p = tmp_path / "bh.json"
    events = [{"title": "Spring", "date": "2016-05-30"}]
    p.write_text(json.dumps({"england-and-wales": {"events": events}, key: {"events": events}}))
    with pytest.raises(deadlines.HolidayDataError) as e:
        from_govuk_file(p)
    assert repr(key) in str(e.value)
    assert "england-and-wales, scotland, northern-ireland" in str(e.value)
    code, _, err = invoke("compute", "--received", "2015-05-12", "--bank-holidays", p)
    contract(code, err, 2, f"{key!r} is not a division")


# -- 7. rule files of the wrong shape -------------------------------------------------------

RULE = """schema = "deadlines-rules/1"
[[rules]]
id = "mine"
title = "Mine"
reference = "decision"
direction = "after"
length = 3
unit = "days"
counting = "clear-days"
relation = "on-or-before"
citation = "C"
"""
FOLLOWER = """schema = "deadlines-rules/1"
[[rules]]
id = "mine"
title = "Mine"
relation = "on-or-after"
citation = "C"
"""


@pytest.mark.parametrize(
    ("base", "extra", "field"),
    [
        (FOLLOWER, 'follows = ["call-in-end"]', "follows"),
        (FOLLOWER, "follows = {a = 1}", "follows"),
        (FOLLOWER, "follows = 3", "follows"),
        (RULE, 'actual = ["x"]', "actual"),
        (RULE, "actual = {x = 1}", "actual"),
        (RULE, 'other_readings = "clear-days"', "other_readings"),
        (RULE, 'other_readings = [["x"]]', "other_readings"),
        (RULE, "other_readings = [{a = 1}]", "other_readings"),
        (RULE, 'words = ["x"]', "words"),
        (RULE, "unsettled = {}", "unsettled"),
        (RULE, 'region = ["scotland"]', "region"),
        (RULE, "roll = {}", "roll"),
        (RULE, "elapsed = 'yes'", "elapsed"),
        (RULE.replace("length = 3", "length = 1.5"), "", "length"),
        (RULE.replace('counting = "clear-days"', 'counting = ["clear-days"]'), "", "counting"),
    ],
)
def test_rule_shape_field(tmp_path, base, extra, field):
    p = tmp_path / "r.toml"
    p.write_text(base + extra + "\n")
    code, _, err = invoke("rules", "--rules", p)
    contract(code, err, 2, "r.toml")
    assert f"'{field}'" in err
    assert "'mine'" in err


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('events = ["x"]', "'events'"),
        ('events = "x"', "'events'"),
        ('[events.decision]\ndefaults_to = ["x"]', "'defaults_to'"),
        ('[events.decision]\nhelp = ["x"]', "'help'"),
        ('requires = "decision"', "'requires'"),
        ('requires = [["x"]]', "'requires'"),
        ("requires = [{a = 1}]", "'requires'"),
        ('name = ["x"]', "'name'"),
        ("description = {}", "'description'"),
        ("plan = 'x'", "[plan]"),
        ("rules = {a = 1}", "'rules'"),
    ],
)
def test_rule_shape_top_level(tmp_path, text, words):
    p = tmp_path / "r.toml"
    p.write_text(f'schema = "deadlines-rules/1"\n{text}\n')
    code, _, err = invoke("rules", "--rules", p)
    contract(code, err, 2, words)


def test_rule_shape_chain_of_two_followers(tmp_path):
    p = tmp_path / "r.toml"
    p.write_text(
        FOLLOWER + 'follows = "call-in-end"\n[[rules]]\nid = "next"\ntitle = "Next"\n'
        'follows = "mine"\nrelation = "on-or-after"\ncitation = "C"\n'
    )
    code, out, err = invoke("rules", "--rules", p)
    contract(code, err, 0)
    assert "itself" in out
    code, _, err = invoke("compute", "--decision", "2015-06-08", "--rules", p, "--format", "json")
    contract(code, err, 0)


def test_rule_shape_follows_itself(tmp_path):
    p = tmp_path / "r.toml"
    p.write_text(FOLLOWER + 'follows = "mine"\n')
    code, _, err = invoke("rules", "--rules", p)
    contract(code, err, 2, "expected the id of an earlier rule")


# -- 8. the Python API ----------------------------------------------------------------------

D = date(2015, 5, 12)


@pytest.mark.parametrize(
    ("kwargs", "error", "words"),
    [
        ({"received": "2015-05-12"}, deadlines.InputError, "received: '2015-05-12' is not a date"),
        ({"received": datetime(2015, 5, 12)}, deadlines.InputError, "date and time"),
        ({"decision": True}, deadlines.InputError, "decision: True is not a date"),
        ({"received": float("nan")}, deadlines.InputError, "nan is not a date"),
        ({"events": {"received": "x"}}, deadlines.InputError, "events['received']"),
        ({"received": D, "actual": {"forward_plan": None}}, deadlines.InputError, "actual"),
        ({"received": D, "holidays": {}}, deadlines.HolidayDataError, "holidays: {}"),
        ({"received": D, "region": None}, deadlines.UnknownRegion, "unknown region None"),
        ({"received": D, "meetings": "2015-06-08"}, deadlines.InputError, "meetings"),
        ({"received": D, "meetings": [None]}, deadlines.InputError, "meetings[0]"),
        ({"received": D, "rules": {}}, deadlines.RuleError, "rules"),
        ({"received": D, "conventions": ["x"]}, deadlines.RuleError, "conventions"),
        ({"received": D, "plan": math.nan}, deadlines.InputError, "plan"),
    ],
)
def test_api_compute_wrong_types(kwargs, error, words):
    with pytest.raises(error) as e:
        deadlines.compute(**kwargs)
    assert isinstance(e.value, deadlines.DeadlinesError)
    assert words in str(e.value)


@pytest.mark.parametrize(
    ("method", "args", "words"),
    [
        ("add_working_days", ("2015-05-12", 3), "is not a date"),
        ("add_working_days", (None, 3), "None is not a date"),
        ("add_working_days", (datetime(2015, 5, 12), 3), "date and time"),
        ("add_working_days", (D, True), "True is not a whole number"),
        ("add_working_days", (D, float("nan")), "nan is not a whole number"),
        ("add_working_days", (D, 3.0), "3.0 is not a whole number"),
        ("add_days", (D, "3"), "is not a whole number"),
        ("add_months", (D, None), "None is not a whole number"),
        ("is_working_day", ("2015-05-12",), "is not a date"),
        ("working_days_between", (D, 5), "is not a date"),
        ("closed_weekdays", (D, None), "is not a date"),
        ("special_days", (None, D), "is not a date"),
    ],
)
def test_api_calendar_wrong_types(method, args, words):
    with pytest.raises(deadlines.InputError) as e:
        getattr(deadlines.Calendar(), method)(*args)
    assert words in str(e.value)


def test_api_calendar_holidays_dict_is_an_error():
    with pytest.raises(deadlines.HolidayDataError):
        deadlines.Calendar(holidays={})


@pytest.mark.parametrize("days", ["x", ("christmas-day",), {}])
def test_api_calendar_days_must_be_a_day_set(days):
    """days= takes a DaySet (or None): anything else is the package's own error, never an
    AttributeError from deep inside."""
    with pytest.raises(deadlines.InputError, match="is not a day set"):
        deadlines.Calendar(days=days)


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"closed": ("bogus",)}, ["'closed'", "('bogus',)", "christmas-day, good-friday"]),
        ({"closed": "christmas-day"}, ["'closed'", "'christmas-day'", "expected a list of"]),
        ({"closed": None}, ["'closed'", "None", "expected a list of"]),
        ({"closed": (["christmas-day"],)}, ["'closed'", "(['christmas-day'],)"]),
        ({"bank_holidays": "mars"}, ["'bank_holidays'", "'mars'", "scotland", "council"]),
        ({"bank_holidays": ["scotland"]}, ["'bank_holidays'", "['scotland']", "expected one of"]),
        ({"bank_holidays": None}, ["'bank_holidays'", "None", "expected one of"]),
        ({"appointed": 5}, ["'appointed'", "5", "expected true or false"]),
        ({"appointed": "yes"}, ["'appointed'", "'yes'", "expected true or false"]),
        ({"citation": 5}, ["'citation'", "5", "expected a string"]),
        ({"citation": ["x"]}, ["'citation'", "['x']", "expected a string"]),
    ],
)
def test_api_calendar_day_set_fields_are_checked(fields, words):
    """Every field of a DaySet given to Calendar(days=...) is checked as the rule-file reader
    checks a [days] table: InputError naming the field, the value and what was expected, never
    KeyError or TypeError from building the table."""
    from deadlines.calendar import DaySet

    days = DaySet()._replace(**fields)
    with pytest.raises(deadlines.InputError) as e:
        deadlines.Calendar(days=days)
    assert str(e.value).startswith("days: field ")
    for w in words:
        assert w in str(e.value)
    with pytest.raises(deadlines.InputError) as again:  # a statute's own day set, the same way
        deadlines.Calendar().with_days(days)
    assert str(again.value) == str(e.value)


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('closed = ["bogus"]', "field 'closed' is ['bogus']; expected a list of christmas-day"),
        ('bank_holidays = "mars"', "field 'bank_holidays' is 'mars'; expected one of"),
        ("appointed = 5", "field 'appointed' is 5; expected true or false"),
        ("citation = 5", "field 'citation' is 5; expected a string"),
        ('closed = [["x"]]', "field 'closed' is [['x']]; expected a list of"),
    ],
)
def test_api_and_rule_file_day_sets_share_one_check(tmp_path, table, words):
    """The rule-file reader and Calendar(days=...) give the same words for the same mistake."""
    from deadlines import rules

    p = tmp_path / "r.toml"
    p.write_text(f'schema = "deadlines-rules/1"\n[days]\n{table}\n')
    with pytest.raises(deadlines.RuleError) as e:
        rules.load(p)
    assert words in str(e.value)
    code, _, err = invoke("rules", "--rules", p)
    contract(code, err, 2, words)


class _ArrayLike:
    """Compares like a one-item numpy array of str: == gives its item's answer; unhashable."""

    __hash__ = None

    def __init__(self, item):
        self.item = item

    def __eq__(self, other):
        return self.item == other

    def __repr__(self):
        return f"array([{self.item!r}])"


class _Ambiguous(_ArrayLike):
    """Compares like a numpy array of two items: the answer of == has no truth value."""

    __hash__ = None

    def __eq__(self, other):
        class Answer:
            def __bool__(self):
                raise ValueError("The truth value of an array is ambiguous")

        return Answer()


@pytest.mark.parametrize(
    "region",
    [_ArrayLike("scotland"), _ArrayLike("none"), _Ambiguous("scotland"), {}, ["scotland"], None],
    ids=["array-of-one", "array-of-none", "array-of-two", "dict", "list", "None"],
)
def test_api_calendar_region_must_be_a_str(region):
    """A region that is not a str (a numpy array, a dict) is UnknownRegion, as a list is,
    never TypeError (unhashable) or ValueError from comparing it."""
    with pytest.raises(deadlines.UnknownRegion) as e:
        deadlines.Calendar(region)
    assert str(e.value).startswith(f"unknown region {region!r}")
    assert "expected one of england-and-wales, scotland" in str(e.value)


def test_api_calendar_region_none_is_still_calendar_days():
    """ "none" (no bank holidays) stays a region Calendar takes."""
    assert deadlines.Calendar("none").is_working_day(date(2015, 12, 25)) is False
    assert deadlines.Calendar("none").is_working_day(date(2015, 8, 31)) is True


def test_api_calendar_day_set_closed_may_be_a_list():
    """A list of day names (as a rule file gives them) is read as the tuple it stands for."""
    from deadlines.calendar import DaySet

    listed = deadlines.Calendar(days=DaySet(closed=["christmas-day", "christmas-eve"]))
    tupled = deadlines.Calendar(days=DaySet(closed=("christmas-day", "christmas-eve")))
    assert listed.days == tupled.days
    assert listed.days.closed == ("christmas-day", "christmas-eve")
    assert not listed.is_working_day(date(2015, 12, 24))


@pytest.mark.parametrize("rule_id", ["nope", None, ["statement-of-action"]])
def test_api_result_deadline_unknown_id(rule_id):
    """Result.deadline of a rule that was not computed is UnknownRule: the package's own error
    (naming the id and the ids computed), and still a KeyError for callers that catch one."""
    r = deadlines.compute(received=D)
    with pytest.raises(deadlines.UnknownRule) as e:
        r.deadline(rule_id)
    assert isinstance(e.value, deadlines.DeadlinesError)
    assert isinstance(e.value, KeyError)
    text = str(e.value)
    assert text == (
        f"rule id {rule_id!r} is not among the deadlines computed; expected one of the ids "
        f"computed: {', '.join(d.id for d in r.deadlines)}"
    )
    assert "statement-of-action" in text
    with pytest.raises(KeyError):  # the way callers caught it before
        r.deadline("nope")


def test_api_result_deadline_unknown_id_with_nothing_computed():
    """A result with no deadlines says so rather than listing nothing."""
    from deadlines.records import Result

    empty = deadlines.compute(received=D)._replace(deadlines=())
    assert isinstance(empty, Result)
    with pytest.raises(deadlines.UnknownRule, match=r"expected one of the ids computed: none$"):
        empty.deadline("statement-of-action")


def test_api_file_names_with_a_nul_are_the_package_s_errors():
    """A NUL in a file name (no file can have one) is the loader's own error, not ValueError."""
    from deadlines import holiday_data, rules

    for load in (rules.load, holiday_data.from_govuk_file, holiday_data.with_appointed):
        with pytest.raises(deadlines.DeadlinesError, match="the name has a NUL character"):
            load("bad\x00name.json")


def test_api_same_words_as_the_cli():
    _code, _, err = invoke("compute", "--received", "next week")
    with pytest.raises(deadlines.InputError) as e:
        deadlines.compute(received="next week")
    assert "is not a date" in err
    assert "is not a date" in str(e.value)


def test_api_an_event_given_twice_with_two_dates_is_refused():
    """received= and events={"received": ...} with different days: which is meant cannot be
    known, so neither wins silently; the same day given both ways is fine."""
    with pytest.raises(deadlines.InputError) as e:
        deadlines.compute(received=date(2015, 5, 12), events={"received": date(2015, 5, 13)})
    assert "received" in str(e.value)
    assert "2015-05-12" in str(e.value)
    assert "2015-05-13" in str(e.value)
    same = deadlines.compute(received=date(2015, 5, 12), events={"received": date(2015, 5, 12)})
    assert same.to_dict() == deadlines.compute(received=date(2015, 5, 12)).to_dict()
    # None in events gives nothing: the shortcut's date stands
    kept = deadlines.compute(received=date(2015, 5, 12), events={"received": None})
    assert kept.inputs["received"] == date(2015, 5, 12)


def test_api_date_subclasses_come_back_as_plain_dates():
    """A date subclass (a library's own date type) is read as the date it holds: what comes
    back holds plain datetime.date objects, equal to a run given plain dates."""

    class Day(date):
        def isoformat(self):  # a subclass's own ways never reach the output
            return "not a date"

    r = deadlines.compute(
        received=Day(2015, 5, 12),
        decision=Day(2015, 6, 8),
        events={"decision_published": Day(2015, 6, 9)},
        actual={"forward_plan": Day(2015, 5, 7)},
        meetings=None,
    )
    plain = deadlines.compute(
        received=date(2015, 5, 12),
        decision=date(2015, 6, 8),
        events={"decision_published": date(2015, 6, 9)},
        actual={"forward_plan": date(2015, 5, 7)},
    )
    assert r.to_dict() == plain.to_dict()
    assert all(v.__class__ is date for v in r.inputs.values())
    for d in r.deadlines:
        assert d.reference_date.__class__ is date
        assert d.actual is None or d.actual.__class__ is date
    planned = deadlines.compute(received=date(2015, 5, 12), meetings=[Day(2015, 6, 8)])
    assert planned.plan is not None
    assert planned.plan.date.__class__ is date
    assert (
        planned.to_dict()
        == deadlines.compute(received=date(2015, 5, 12), meetings=[date(2015, 6, 8)]).to_dict()
    )


# A quote opened and never closed: the csv module would read every later line into that cell.
UNCLOSED = (
    "item,decision,report_published,notes\n"
    "a,2015-06-08,2015-05-29,fine\n"
    'b,2015-06-08,2015-05-29,"unclosed\n'
    "c,2015-06-08,2015-06-05,late\n"
    "d,2015-06-08,2015-06-05,late\n"
)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (UNCLOSED, "line 3: a quoted cell is never closed"),
        ('item,decision\na,2015-06-08\n"late"x,2015-06-08\n',
         "line 3: text after a quoted cell's closing quote"),
        ('item;decision\n"x;2015-06-08\ny;2015-06-09\n', "line 2: a quoted cell is never closed"),
    ],
)  # fmt: skip
def test_hostile_unclosed_quote_is_a_file_error(tmp_path, content, words):
    """Never fewer results than rows: a quote that is never closed (it would swallow every later
    row into one cell, which passed with exit 0) is a file error naming the line it opened on."""
    p = tmp_path / "calendar.csv"
    p.write_text(content, encoding="utf-8")
    code, _, err = invoke("check", p, "--format", "jsonl")
    contract(code, err, 2, words)
    assert "a quote inside a cell is written twice" in err


def test_hostile_quoted_cells_that_are_closed_still_read(tmp_path):
    """A closed quoted cell may hold line breaks, delimiters and doubled quotes."""
    p = tmp_path / "calendar.csv"
    p.write_text('item,decision\n"Cabinet, ""key""\nitem",2015-06-08\nab"c,2015-06-08\n')
    code, out, _ = invoke("check", p, "--format", "jsonl")
    assert code == 0
    assert [json.loads(line)["item"] for line in out.splitlines()] == [
        'Cabinet, "key"\nitem',
        'ab"c',
    ]


def test_hostile_unclosed_quote_in_a_meetings_file(tmp_path):
    p = tmp_path / "meetings.csv"
    p.write_text('date,name\n2015-06-08,"Cabinet\n2015-06-22,Council\n')
    code, _, err = invoke("compute", "--received", "2015-05-12", "--meetings", p)
    contract(code, err, 2, "line 2: a quoted cell is never closed")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("compute", "--decision", "2015-06-08", "--decision", "2015-06-15"),
         "--decision is given twice (2015-06-08 and 2015-06-15)"),
        (("compute", "--received=2015-05-12", "--received", "2015-05-13"), "--received is given"),
        (("compute", "--received", "2015-05-12", "--region", "wales", "--region", "scotland"),
         "--region is given twice (wales and scotland)"),
        (("check", "cal.csv", "-o", "a.json", "--output", "b.json"), "--output is given twice"),
        (("check", "cal.csv", "--pack", "england-council", "--pack", "wales"), "--pack is given"),
    ],
)  # fmt: skip
def test_a_single_value_option_given_twice_is_refused(tmp_path, args, words):
    """A second --decision (or --region, -o, ...) with another value is refused: which one is
    meant cannot be known (click keeps the last, silently: a missed forward plan passed)."""
    (tmp_path / "cal.csv").write_bytes(GOOD_CSV.read_bytes())
    code, _, err = run(list(args), cwd=tmp_path)
    contract(code, err, 2, words)
    assert not (tmp_path / "a.json").exists()
    assert not (tmp_path / "b.json").exists()


@pytest.mark.parametrize(
    "args",
    [
        ("compute", "--received", "2015-05-12", "--received", "2015-05-12"),  # the same value
        ("compute", "--received", "2015-05-12", "--event", "meeting=2015-07-14",
         "--event", "x=--received"),  # a value that looks like an option is a value
        ("compute", "--received", "2015-05-12", "--dayfirst", "--dayfirst"),  # a flag
    ],
)  # fmt: skip
def test_an_option_repeated_harmlessly_is_fine(args):
    _code, _, err = run(list(args))
    assert "given twice" not in err


def test_a_newer_bank_holiday_file_keeps_the_base_s_appointed_days(tmp_path):
    """from_govuk_file(path, base=...) lays the file over the base: the base's appointed days
    (proclaimed by the Sovereign, BFDA 1971 s1(3)) stay, whichever is applied first."""
    from deadlines.holiday_data import with_appointed

    appointed = tmp_path / "appointed.json"
    appointed.write_text(json.dumps(
        {"england-and-wales": {"events": [{"title": "Mourning", "date": "2015-06-10"}]}}
    ))  # fmt: skip
    newer = tmp_path / "bh.json"
    newer.write_text(json.dumps(
        {"england-and-wales": {"events": [{"title": "Spring", "date": "2016-05-30"}]}}
    ))  # fmt: skip
    one = from_govuk_file(newer, base=with_appointed(appointed))
    other = with_appointed(appointed, base=from_govuk_file(newer))
    assert one.appointed == other.appointed != ()


def test_every_error_the_package_raises_is_exported():
    """Each of the package's own errors can be caught by name from `deadlines`."""
    import inspect

    from deadlines import errors

    own = {n for n, c in inspect.getmembers(errors, inspect.isclass)
           if issubclass(c, deadlines.DeadlinesError)}  # fmt: skip
    assert own <= set(deadlines.__all__)
    assert all(getattr(deadlines, n) is getattr(errors, n) for n in own)


@pytest.mark.parametrize("columns", ["0", "1", "5"])
def test_a_terminal_a_few_columns_wide_still_gets_the_dates(invoke, tmp_path, columns):
    """COLUMNS=0 printed nothing (exit 0), and a few columns only table borders: the output is
    laid out at least 40 columns wide, which the terminal wraps."""
    result = invoke("compute", "--received", "2015-05-12", env={"COLUMNS": columns})
    assert result.exit_code == 0
    # 30 working days from Tue 12 May 2015, beginning the next day, skipping the spring bank
    # holiday (Mon 25 May): 13 May is day 1, ..., Wed 24 Jun is day 30.
    assert "Wed 24 Jun 2015" in result.stdout
    cal = tmp_path / "cal.csv"
    cal.write_text("item,decision,forward_plan\nAdults,2015-06-08,2015-06-01\n")
    result = invoke("check", cal, env={"COLUMNS": columns})
    assert result.exit_code == 1  # 1 Jun is after Sun 10 May, the last day for the notice
    assert "Adults" in result.stdout
    assert "FAILING" in result.stdout


@pytest.mark.parametrize("option", ["-o", "--summary"])
def test_an_unwritable_file_name_is_shown_escaped_once(option):
    """A tab in the name showed as '\\\\x09', and a backslash as two: repr's quoting alone is
    terminal-safe, as the name of a --rules file is shown."""
    args = ["compute", "--received", "2015-05-12"] if option == "-o" else ["check", GOOD_CSV]
    code, _, err = invoke(*args, option, "/nonexistent/a\tb\\c\u202e.txt")
    contract(code, err, 2, r"'/nonexistent/a\tb\\c\u202e.txt'")


def test_json_keys_are_read_in_any_case_as_csv_headers_are(tmp_path):
    """`Decision` was a file error in JSON, though a CSV header `Decision` is read as the
    column; two keys that are one column are a row error, as a repeated key is."""
    p = tmp_path / "c.json"
    # Decision Mon 8 Jun 2015: 28 clear days are 11 May-7 Jun, so the notice is due on or
    # before Sun 10 May; 7 May is in time.
    p.write_text(json.dumps([{"Item": "A", " Decision ": "2015-06-08", "Forward_Plan": "2015-05-07"},
                             {"decision": "2015-06-08", "Decision": "2015-06-09"}]))  # fmt: skip
    code, out, err = invoke("check", p, "--format", "jsonl")
    contract(code, err, 1)
    first, second = (json.loads(line) for line in out.splitlines())
    assert (first["item"], first["ok"], first["errors"]) == ("A", True, [])
    assert [d["status"] for d in first["deadlines"] if d["id"] == "forward-plan-notice"] == ["met"]
    assert second["errors"][0]["message"] == (
        "keys 'decision' and 'Decision' are both column 'decision'; expected each column once"
    )
