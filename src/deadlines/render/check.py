"""Output of `deadlines check`: table, json, jsonl, junit, github.

Cells are untrusted text. JSON and JSON Lines carry them intact (the encoder escapes control
characters, so a newline in a cell never starts a line of its own). GitHub annotations escape
`%`, CR and LF (and `:` and `,` in properties) as workflow commands require. JUnit is built
with ElementTree, which escapes markup; characters XML 1.0 cannot hold at all are replaced.

json, jsonl and github stream: each row is written as it is checked, so memory does not grow
with the file. junit and table gather what they show first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from deadlines.check import RowResult, Summary
from deadlines.records import Deadline
from deadlines.render.json import SCHEMA, deadline_dict, deadline_wire, dumps, dumps_line, line_safe
from deadlines.wording import fmt

_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


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
    )


def problem(d: Deadline) -> str:
    """ "decision-report-publication missed: done Wed 1 Apr 2015, limit Mon 30 Mar 2015 (...)"."""
    side = "on or before" if d.relation == "on-or-before" else "on or after"
    units = "working day" if d.margin_unit == "working-days" else "day"
    n = abs(d.margin or 0)
    how = (
        f"{n} {units}{'' if n == 1 else 's'} {'late' if d.relation == 'on-or-before' else 'early'}"
    )
    return (
        f"{d.id} missed ({how}): done {fmt(d.actual)}, required {side} {fmt(d.date)} "
        f"({d.period_words}; {d.source})"
    )


def write_jsonl(
    results: Iterable[RowResult], summary: Summary, out: TextIO, source: str = ""
) -> None:
    """One JSON object per line per row, written as each row is checked; then the summary."""
    write, add = out.write, summary.add
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


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(results: Iterable[RowResult], summary: Summary, out: TextIO, source: str) -> None:
    """`::error file=...,line=...::message` for each missed rule and each row error."""
    path = _gh_property(source)
    for r in results:
        summary.add(r)
        label = f"row {r.row}" + (f" ({r.item})" if r.item else "")
        title = _gh_property(f"deadlines: row {r.row}")
        messages = [f"{label}: {e}" for e in r.errors] + [
            f"{label}: {problem(d)}" for d in r.missed
        ]
        for message in messages:
            out.write(f"::error file={path},line={r.line},title={title}::{_gh_data(message)}\n")
    s = summary.as_dict()
    out.write(
        f"deadlines check {_gh_data(source)}: read {s['read']}, ok {s['ok']}, failing "
        f"{s['failing']}, errored {s['errored']}\n"
    )


def _xml(text: str) -> str:
    return _XML_BAD.sub("\ufffd", text)


def write_junit(results: Iterable[RowResult], summary: Summary, out: TextIO, source: str) -> None:
    """JUnit XML: a test case per row and rule (met passes, missed fails, pending is skipped);
    a row that cannot be read is one test case with an error."""
    import xml.etree.ElementTree as ET

    suite = ET.Element("testsuite", name=_xml(f"deadlines check {source}"))
    tests = failures = errors = skipped = 0
    for r in results:
        summary.add(r)
        label = _xml(f"row {r.row}" + (f": {r.item}" if r.item else ""))
        if r.errors:
            case = ET.SubElement(suite, "testcase", classname=_xml(source), name=label)
            message = _xml("; ".join(r.errors))
            ET.SubElement(case, "error", message=message, type="row-error").text = message
            tests, errors = tests + 1, errors + 1
            continue
        for d in r.deadlines:
            case = ET.SubElement(
                suite, "testcase", classname=_xml(source), name=f"{label} / {d.id}"
            )
            tests += 1
            if d.status == "missed":
                message = _xml(problem(d))
                ET.SubElement(
                    case, "failure", message=message, type="missed"
                ).text = f"{message}\nline {r.line} of {_xml(source)}"
                failures += 1
            elif d.status == "pending":
                ET.SubElement(case, "skipped", message="no actual date given")
                skipped += 1
    for key, value in (("tests", tests), ("failures", failures), ("errors", errors),
                       ("skipped", skipped)):  # fmt: skip
        suite.set(key, str(value))
    root = ET.Element("testsuites", name="deadlines")
    root.append(suite)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")


def _plain(text: str) -> str:
    """A cell for the terminal: control characters shown, never acted on."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def write_table(
    results: Iterable[RowResult], summary: Summary, out: TextIO | None, source: str
) -> None:
    """Failing rows first (what was missed and by how much), then errored, then ok rows."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    failing, errored, ok = [], [], []
    for r in results:
        summary.add(r)
        (errored if r.errors else ok if r.ok else failing).append(r)
    console = Console(file=out, highlight=False)
    table = Table(title=f"deadlines check {_plain(source)}", show_lines=True)
    table.add_column("Row", justify="right")
    table.add_column("Line", justify="right")
    table.add_column("Item", overflow="fold", ratio=2)
    table.add_column("Result", overflow="fold", ratio=5)
    for r in failing:
        cell = Text("FAILING\n", style="bold red")
        cell.append("\n".join(problem(d) for d in r.missed))
        table.add_row(str(r.row), str(r.line), _plain(r.item), cell)
    for r in errored:
        cell = Text("ERROR\n", style="bold red")
        cell.append("\n".join(_plain(e) for e in r.errors))
        table.add_row(str(r.row), str(r.line), _plain(r.item), cell)
    for r in ok:
        met = sum(d.status == "met" for d in r.deadlines)
        table.add_row(str(r.row), str(r.line), _plain(r.item), Text(f"ok ({met} met)", "green"))
    console.print(table)
    s = summary.as_dict()
    console.print(
        f"read {s['read']}, ok {s['ok']}, failing {s['failing']}, errored {s['errored']}",
        style="bold",
    )
