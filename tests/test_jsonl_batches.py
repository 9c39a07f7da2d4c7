"""`check --format jsonl` writes the rows of files to a binary stream in batches, and the rows of
standard input or a pipe one by one, as each is checked (a live source is followed as it goes):
every row checked is written, in order, whatever ends the run, and each line is one row."""

from __future__ import annotations

import io
import json
import os
import select
import subprocess
import sys

import pytest

from deadlines.check import Checker, RawRow, Summary
from deadlines.render import check as render_check


def _rows(n: int) -> list[RawRow]:
    return [
        RawRow(i, i + 1, {"item": f"Item {i}", "decision": "2015-06-08",
                          "forward_plan": "2015-05-01"})
        for i in range(1, n + 1)
    ]  # fmt: skip


def _stream() -> tuple[io.TextIOWrapper, io.BytesIO]:
    raw = io.BytesIO()
    return io.TextIOWrapper(raw, encoding="utf-8", write_through=True), raw


def test_rows_past_many_batches_are_all_written_in_order(monkeypatch):
    monkeypatch.setattr(render_check, "_BATCH", 2_000)  # a batch of a row or two
    out, raw = _stream()
    checker = Checker()
    render_check.write_jsonl(checker.rows(_rows(50), "cal.csv"), Summary(), out, batch=True)
    lines = raw.getvalue().decode().splitlines()
    assert [json.loads(line)["item"] for line in lines] == [f"Item {i}" for i in range(1, 51)]


def test_rows_checked_before_an_error_are_written(monkeypatch):
    monkeypatch.setattr(render_check, "_BATCH", 1 << 30)  # nothing written until the end
    out, raw = _stream()
    checker = Checker()

    def results():
        yield from checker.rows(_rows(3), "cal.csv")
        raise KeyboardInterrupt  # the run is stopped mid-file

    with pytest.raises(KeyboardInterrupt):
        render_check.write_jsonl(results(), Summary(), out, batch=True)
    assert [json.loads(line)["row"] for line in raw.getvalue().splitlines()] == [1, 2, 3]


def test_without_batches_each_row_is_written_before_the_next_is_read():
    out, raw = _stream()
    checker = Checker()
    seen = []

    def results():
        for r in checker.rows(_rows(5), "cal.csv"):
            seen.append(raw.getvalue().count(b"\n"))  # lines written before this row is given
            yield r

    render_check.write_jsonl(results(), Summary(), out)
    assert seen == [0, 1, 2, 3, 4]


def test_rows_from_a_live_pipe_come_out_as_they_are_checked():
    """A row given on standard input is written before the input ends (`tail -f | check`)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "deadlines", "check", "-", "--format", "jsonl"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert proc.stdin is not None
    assert proc.stdout is not None
    try:
        proc.stdin.write(b"item,decision,forward_plan\nItem 1,2015-06-08,2015-05-01\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 60)  # a guard, not a timing
        assert ready, "no row was written while the input stayed open"
        line = os.read(proc.stdout.fileno(), 1 << 16).split(b"\n")[0]
        assert json.loads(line)["item"] == "Item 1"
    finally:
        proc.stdin.close()
        proc.wait(60)
        proc.stdout.close()
        proc.stderr.close()
