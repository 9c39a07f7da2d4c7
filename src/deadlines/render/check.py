"""Output of `deadlines check`: table, json, jsonl, junit, github.

Cells are untrusted text. JSON and JSON Lines carry them intact (the encoder escapes control
characters, so a newline in a cell never starts a line of its own). GitHub annotations escape
`%`, CR and LF (and `:` and `,` in properties) as workflow commands require. JUnit escapes
markup as ElementTree does; characters XML 1.0 cannot hold at all are replaced (deadlines.safe).

json, jsonl, junit and github stream: each row is written as it is checked, so memory does not
grow with the file (junit spools its test cases, as the counts come first). The table gathers
short texts of its rows first (failing rows come first), and lays them out in chunks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from deadlines.check import RowResult, Summary
from deadlines.records import Deadline
from deadlines.render.json import SCHEMA, deadline_dict, deadline_wire, dumps, dumps_line, line_safe
from deadlines.safe import CELL_LIMIT, CUT_NOTE, clip, terminal
from deadlines.safe import github_data as _gh_data
from deadlines.safe import github_property as _gh_property
from deadlines.safe import xml as _xml
from deadlines.wording import fmt


def row_dict(r: RowResult) -> dict:
    """One row of the json / jsonl output (schema deadlines/1)."""
    return {
        "row": r.row,
        "line": r.line,
        "item": r.item,
        "region": r.region,
        "ok": r.ok,
        "missed": [d.id for d in r.missed],
        "deadlines": [deadline_dict(d) for d in r.deadlines],
        "errors": list(r.errors),
    }


def row_json(r: RowResult) -> bytes:
    """One row as a JSON Lines record (with its newline): row_dict(r), encoded."""
    return dumps_line(
        {
            "row": r.row,
            "line": r.line,
            "item": line_safe(r.item),
            "region": line_safe(r.region),
            "ok": r.ok,
            "missed": [line_safe(d.id) for d in r.deadlines if d.status == "missed"],
            "deadlines": [deadline_wire(d) for d in r.deadlines],
            "errors": [line_safe(e) for e in r.errors],
        },
        line_safe=True,
        plain=lambda: row_dict(r),
    )


def problem(d: Deadline) -> str:
    """ "decision-report-publication missed: done Wed 1 Apr 2015, limit Mon 30 Mar 2015 (...)"."""
    if d.status == "not-in-force":
        return f"{d.id} not in force: {d.notes[0] if d.notes else d.source}"
    side = "on or before" if d.relation == "on-or-before" else "on or after"
    units = "working day" if d.margin_unit == "working-days" else "day"
    n = abs(d.margin or 0)
    early = d.relation != "on-or-before" or (
        d.earliest is not None and d.actual is not None and d.actual < d.earliest
    )
    how = f"{n} {units}{'' if n == 1 else 's'} {'early' if early else 'late'}"
    if d.earliest is not None:  # a window: both ends
        side = f"on or after {fmt(d.earliest)} and {side}"
    return (
        f"{d.id} missed ({how}): done {fmt(d.actual)}, required {side} {fmt(d.date)} "
        f"({d.period_words}; {d.source})"
    )


def write_jsonl(
    results: Iterable[RowResult], summary: Summary, out: TextIO, source: str = ""
) -> None:
    """One JSON object per line per row, written as each row is checked; then the summary."""
    add = summary.add
    raw = getattr(out, "buffer", None)  # UTF-8 bytes straight to a binary stream when there is one
    if raw is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        out.flush()
        write_bytes = raw.write
        for r in results:
            add(r)
            write_bytes(row_json(r))
        raw.flush()
    else:
        write = out.write
        for r in results:
            add(r)
            write(row_json(r).decode())
    out.write(dumps({"summary": summary.as_dict()}, indent=False))
    out.write("\n")


def write_json(results: Iterable[RowResult], summary: Summary, out: TextIO, source: str) -> None:
    """One object {"schema", "source", "rows": [...], "summary"}, written row by row."""
    out.write(f'{{"schema": {dumps(SCHEMA)}, "source": {dumps(source)}, "rows": [')
    first = True
    for r in results:
        summary.add(r)
        out.write("\n  " if first else ",\n  ")
        out.write(row_json(r).decode().rstrip("\n"))
        first = False
    out.write(f'\n], "summary": {dumps(summary.as_dict(), indent=False)}}}\n')


def write_github(results: Iterable[RowResult], summary: Summary, out: TextIO, source: str) -> None:
    """`::error file=...,line=...::message` for each missed rule and each row error."""
    path = _gh_property(source)
    for r in results:
        summary.add(r)
        label = f"row {r.row}" + (f" ({r.item})" if r.item else "")
        title = _gh_property(f"deadlines: row {r.row}")
        messages = [f"{label}: {e}" for e in r.errors] + [
            f"{label}: {problem(d)}" for d in r.failures
        ]
        for message in messages:
            out.write(f"::error file={path},line={r.line},title={title}::{_gh_data(message)}\n")
    s = summary.as_dict()
    out.write(
        f"deadlines check {_gh_data(source)}: read {s['read']}, ok {s['ok']}, failing "
        f"{s['failing']}, errored {s['errored']}\n"
    )


def _attr(text: str) -> str:
    """An XML attribute value, quoted, as ElementTree writes it."""
    text = _xml(text)
    if not _NEEDS_ESCAPE.search(text):
        return f'"{text}"'
    for a, b in _ATTR_ESCAPES:
        text = text.replace(a, b)
    return f'"{text}"'


def _body(text: str) -> str:
    text = _xml(text)
    if not _NEEDS_ESCAPE.search(text):
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_NEEDS_ESCAPE = re.compile('[&<>"\n\r\t]')
_ATTR_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"),
                 ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#09;"))  # fmt: skip
_SPOOL = 8 * 1024 * 1024  # test cases kept in memory up to this size, then in a temporary file


def write_junit(results: Iterable[RowResult], summary: Summary, out: TextIO, source: str) -> None:
    """JUnit XML: a test case per row and rule (met passes, missed fails, pending is skipped);
    a row that cannot be read is one test case with an error.

    Streamed: each test case is written as its row is checked, to a spool (memory up to 8 MB,
    then a temporary file), because the suite's counts come first in the file; memory stays
    bounded whatever the number of rows.
    """
    import shutil
    import tempfile

    classname = _attr(source)
    tests = failures = errors = skipped = 0
    with tempfile.SpooledTemporaryFile(_SPOOL, mode="w+", encoding="utf-8") as spool:
        write = spool.write
        for r in results:
            summary.add(r)
            label = f"row {r.row}" + (f": {r.item}" if r.item else "")
            if r.errors:
                message = _attr("; ".join(r.errors))
                write(
                    f"    <testcase classname={classname} name={_attr(label)}>\n"
                    f'      <error message={message} type="row-error">'
                    f"{_body('; '.join(r.errors))}</error>\n    </testcase>\n"
                )
                tests, errors = tests + 1, errors + 1
                continue
            for d in r.deadlines:
                name = _attr(f"{label} / {d.id}")
                tests += 1
                if d.status in ("missed", "not-in-force"):
                    text = problem(d)
                    write(
                        f"    <testcase classname={classname} name={name}>\n"
                        f"      <failure message={_attr(text)} type={_attr(d.status)}>"
                        f"{_body(text)}\n"
                        f"line {r.line} of {_body(source)}</failure>\n    </testcase>\n"
                    )
                    failures += 1
                elif d.status == "pending":
                    write(
                        f"    <testcase classname={classname} name={name}>\n"
                        '      <skipped message="no actual date given" />\n    </testcase>\n'
                    )
                    skipped += 1
                else:
                    write(f"    <testcase classname={classname} name={name} />\n")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="deadlines">\n')
        out.write(
            f'  <testsuite name={_attr(f"deadlines check {source}")} tests="{tests}" '
            f'failures="{failures}" errors="{errors}" skipped="{skipped}"'
            + (">\n" if tests else " />\n")
        )
        spool.seek(0)
        shutil.copyfileobj(spool, out)
        out.write("  </testsuite>\n</testsuites>\n" if tests else "</testsuites>\n")


_TABLE_CHUNK = 500  # rows laid out by rich at a time: its memory grows with a table's size


def write_table(
    results: Iterable[RowResult], summary: Summary, out: TextIO | None, source: str
) -> None:
    """Failing rows first (what was missed and by how much), then errored, then ok rows.

    Rows are kept as short texts (each untrusted value cut to CELL_LIMIT characters) and laid
    out 500 at a time, so memory is bounded by the rows' text, not by rich's layout of them.
    """
    from rich.table import Table
    from rich.text import Text

    from deadlines.output import console as make_console

    cut = False

    def clipped(value: str, limit: int = CELL_LIMIT) -> str:
        nonlocal cut
        shown = terminal(value)
        if len(shown) > limit:
            cut = True
            return clip(shown, limit)
        return shown

    failing, errored, ok = [], [], []
    for r in results:
        summary.add(r)
        item = clipped(r.item)
        if r.errors:
            errored.append((r.row, r.line, item, "\n".join(clipped(e) for e in r.errors)))
        elif r.ok:
            ok.append((r.row, r.line, item, sum(d.status == "met" for d in r.deadlines)))
        else:
            failing.append(
                (r.row, r.line, item, "\n".join(clipped(problem(d), 1000) for d in r.failures))
            )
    console = make_console(file=out, highlight=False)
    digits = len(str(max(summary.read, 1)))
    kinds = [
        *(("FAILING", row) for row in failing),
        *(("ERROR", row) for row in errored),
        *(("ok", row) for row in ok),
    ]
    del failing, errored, ok
    for start in range(0, max(len(kinds), 1), _TABLE_CHUNK):
        first = start == 0
        table = Table(
            title=Text(f"deadlines check {terminal(source)}") if first else None,
            show_lines=True,
            show_header=first,
        )
        table.add_column("Row", justify="right", min_width=max(3, digits))
        table.add_column("Line", justify="right", min_width=max(4, digits))
        table.add_column("Item", overflow="fold", ratio=2)
        table.add_column("Result", overflow="fold", ratio=5)
        for kind, (row, line, item, what) in kinds[start : start + _TABLE_CHUNK]:
            if kind == "ok":
                cell = Text(f"ok ({what} met)", "green")
            else:
                cell = Text(f"{kind}\n", style="bold red")
                cell.append(what)
            table.add_row(str(row), str(line), Text(item), cell)
        console.print(table)
    s = summary.as_dict()
    console.print(
        f"read {s['read']}, ok {s['ok']}, failing {s['failing']}, errored {s['errored']}",
        style="bold",
    )
    if cut:
        console.print(Text(CUT_NOTE))
