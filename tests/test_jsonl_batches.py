"""`check --format jsonl` writes its rows to a binary stream in batches: every row checked is
written, in order, whatever ends the run, and each line is one row."""

from __future__ import annotations

import io
import json

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
    render_check.write_jsonl(checker.rows(_rows(50), "cal.csv"), Summary(), out)
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
        render_check.write_jsonl(results(), Summary(), out)
    assert [json.loads(line)["row"] for line in raw.getvalue().splitlines()] == [1, 2, 3]
