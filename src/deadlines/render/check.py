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

import orjson

from deadlines.check import FAILING, RowResult, Summary, error_dict
from deadlines.records import Deadline
from deadlines.render.json import SCHEMA, deadline_dict, dumps
from deadlines.render.jsonl import deadlines_json, dumps_line, encode, encode_kept
from deadlines.safe import CELL_LIMIT, CUT_NOTE, clip, terminal
from deadlines.safe import github_data as _gh_data
from deadlines.safe import github_log as _gh_log
from deadlines.safe import github_property as _gh_property
from deadlines.safe import markdown as _markdown
from deadlines.safe import sarif as _sarif
from deadlines.safe import uri as _uri
from deadlines.safe import xml as _xml
from deadlines.wording import deadline_margin, fmt


def row_dict(r: RowResult) -> dict:
    """One row of the json / jsonl output (schema deadlines/1)."""
    return {
        "source": r.source,
        "row": r.row,
        "line": r.line,
        "item": r.item,
        "region": r.region,
        "ok": r.ok,
        "missed": [d.id for d in r.missed],
        "deadlines": [deadline_dict(d) for d in r.deadlines],
        "errors": [error_dict(e) for e in r.errors],
        "warnings": list(r.warnings),
    }


def row_json(r: RowResult) -> bytes:
    """One row as a JSON Lines record (with its newline): row_dict(r), encoded.

    Made from each deadline's encoded parts (deadlines_json) and the row's own cells, each
    encoded by orjson; text with a lone surrogate (which cannot be UTF-8) sends the whole row
    through dumps_line's fallback, every non-ASCII character escaped."""
    try:
        deadlines, missed = deadlines_json(r.deadlines)
        return _ROW % (
            _once(r.source),
            r.row,
            r.line,
            encode(r.item),
            _once(r.region),
            b"true" if r.ok else b"false",
            b",".join(missed),
            deadlines,
            encode([error_dict(e) for e in r.errors]) if r.errors else b"[]",
            encode(list(r.warnings)) if r.warnings else b"[]",
        )
    except orjson.JSONEncodeError:
        return dumps_line(row_dict(r))


_ROW = (
    b'{"source":%b,"row":%d,"line":%d,"item":%b,"region":%b,"ok":%b,"missed":[%b],"deadlines":['
    b'%b],"errors":%b,"warnings":%b}\n'
)
_encoded: dict[str, bytes] = {}  # the few texts every row repeats: its source and region


def _once(text: str) -> bytes:
    """A text every row repeats (the file's name, the region), encoded once."""
    made = _encoded.get(text)
    if made is None:
        if len(_encoded) >= 1_000:
            _encoded.clear()
        made = _encoded[text] = encode_kept(text)
    return made


def _holidays_text(about: dict | None) -> str:
    h = (about or {}).get("holidays")
    if not h:
        return ""
    return f"bank holidays: {h['source']}, confirmed through {h['confirmed_through']}"


def problem(d: Deadline) -> str:
    """ "decision-report-publication missed: done Wed 1 Apr 2015, limit Mon 30 Mar 2015 (...)"."""
    if d.status == "not-in-force":
        return f"{d.id} not in force: {d.notes[0] if d.notes else d.source}"
    side = "on or before" if d.relation == "on-or-before" else "on or after"
    how = deadline_margin(d)  # "2 working days late"; early before a window opens
    if d.earliest is not None:  # a window: both ends
        side = f"on or after {fmt(d.earliest)} and {side}"
    return (
        f"{d.id} missed ({how}): done {fmt(d.actual)}, required {side} {fmt(d.date)} "
        f"({d.period_words}; {d.source})"
    )


# Rows read from files are written to a binary stream in batches of about this many bytes:
# one write of a batch costs less than a write per row, each copied into the stream's 8 KB
# buffer (a fifth of the time of a meeting calendar's run went on writing).
_BATCH = 1 << 16


def write_jsonl(  # noqa: PLR0913 - the renderers' shared parameters, and the batch
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO,
    source: str = "",
    *,
    about: dict | None = None,
    batch: bool = False,
) -> None:
    """One JSON object per line per row, all of one shape, written as each row is checked.
    Rows only: the summary goes elsewhere (stderr, or --summary FILE). `batch`: the rows come
    from files, never waiting on their input, and are written about `_BATCH` bytes at a time;
    rows from standard input or a pipe (a live source, `tail -f`) are written one by one."""
    add = summary.add
    most = _BATCH if batch else 0
    raw = getattr(out, "buffer", None)  # UTF-8 bytes straight to a binary stream when there is one
    if raw is not None and (getattr(out, "encoding", "") or "").lower().replace("-", "") == "utf8":
        out.flush()
        write_bytes = raw.write
        pending: list[bytes] = []
        size = 0
        try:
            for r in results:
                add(r)
                line = row_json(r)
                pending.append(line)
                size += len(line)
                if size >= most:
                    write_bytes(b"".join(pending))
                    pending.clear()
                    size = 0
        finally:  # the rows checked are written, whatever ends the run
            if pending:
                write_bytes(b"".join(pending))
            raw.flush()
    else:
        write = out.write
        for r in results:
            add(r)
            write(row_json(r).decode())


def write_json(
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO,
    source: str,
    *,
    about: dict | None = None,
) -> None:
    """One object {"schema", "source", "sources", "holidays", "rows": [...], "summary"},
    written row by row. `source` is the file when there is one, null when there are several
    (then `sources` lists them, and each row names its own)."""
    about = about or {}
    sources = about.get("sources") or [source]
    holidays = about.get("holidays")
    single = sources[0] if len(sources) == 1 else None
    out.write(
        f'{{"schema": {dumps(SCHEMA)}, "source": {dumps(single)}, '
        f'"sources": {dumps(sources, indent=False)}, '
        f'"holidays": {dumps(holidays, indent=False)}, "rows": ['
    )
    first = True
    for r in results:
        summary.add(r)
        out.write("\n  " if first else ",\n  ")
        out.write(row_json(r).decode().rstrip("\n"))
        first = False
    out.write(f'\n], "summary": {dumps(summary.as_dict(), indent=False)}}}\n')


ANNOTATIONS = 10  # GitHub shows at most 10 error (and 10 warning) annotations per step
STEP_SUMMARY_MAX = 1024 * 1024  # GitHub's limit on one step's job summary
_SUMMARY_BUDGET = 512 * 1024  # what this step's summary may use of it


def _urgency(r: RowResult, d: Deadline | None) -> tuple:
    """Sort key, most urgent first: rows that cannot be read (nothing in them is checked),
    then failures by their deadline, earliest first; then file order."""
    if d is None:
        return (0, "", r.source, r.row)
    return (1, d.date.isoformat() if d.date else "", r.source, r.row)


def write_github(  # noqa: PLR0913
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO,
    source: str,
    *,
    about: dict | None = None,
    step_summary: TextIO | None = None,
    step_summary_used: int = 0,
) -> None:
    """Workflow commands for GitHub Actions.

    Every failure is one plain log line as its row is checked (`path:line: message`); at the
    end, the 10 most urgent as `::error file=...,line=...::` annotations (GitHub shows no more
    per step), the first 10 warnings as `::warning`, one `::notice` naming the holiday data and
    one saying how many failures are not annotated. With `step_summary` (the file named by
    $GITHUB_STEP_SUMMARY, opened for appending) a Markdown summary is written there, kept under
    GitHub's 1 MiB (`step_summary_used`: its size before this step's text).
    """
    import heapq

    errors: list[tuple] = []  # a heap of the most urgent, bounded: (-key, n, command)
    warnings: list[str] = []
    n_failures = n_warnings = 0
    table: list[str] = []
    budget = max(0, min(_SUMMARY_BUDGET, STEP_SUMMARY_MAX - step_summary_used - 4096))
    used = 0
    cut = 0

    def push(key: tuple, command: str) -> None:
        nonlocal n_failures
        n_failures += 1
        entry = (_Reverse(key), n_failures, command)
        if len(errors) < ANNOTATIONS:
            heapq.heappush(errors, entry)
        elif entry[0] > errors[0][0]:
            heapq.heapreplace(errors, entry)

    for r in results:
        summary.add(r)
        path = _gh_property(r.source or source)
        label = f"row {r.row}" + (f" ({r.item})" if r.item else "")
        title = _gh_property(f"deadlines: row {r.row}")
        where = f"{r.source or source}:{r.line}"
        found = [(None, e) for e in r.errors] + [(d, problem(d)) for d in r.failures]
        for d, text in found:
            message = f"{label}: {text}"
            out.write(f"{_gh_log(f'{where}: {message}')}\n")
            push(
                _urgency(r, d),
                f"::error file={path},line={r.line},title={title}::{_gh_data(message)}\n",
            )
            if step_summary is not None:
                cell = (
                    f"| {_md(r.source or source)} | {r.row} | {r.line} | {_md(r.item)} | "
                    f"{_md(d.id if d else 'row error')} | {_md(text)} |\n"
                )
                if used + len(cell.encode()) <= budget - 2048:
                    table.append(cell)
                    used += len(cell.encode())
                else:
                    cut += 1
        for w in r.warnings:
            n_warnings += 1
            message = f"{label}: {w}"
            out.write(f"{_gh_log(f'{where}: warning: {message}')}\n")
            if len(warnings) < ANNOTATIONS:
                warnings.append(
                    f"::warning file={path},line={r.line},title={title}::{_gh_data(message)}\n"
                )
    held = _holidays_text(about)
    if held:
        out.write(f"::notice title=deadlines holiday data::{_gh_data(held)}\n")
    for _key, _n, command in sorted(errors, reverse=True):
        out.write(command)
    for command in warnings:
        out.write(command)
    more = n_failures - len(errors)
    if more > 0:
        out.write(
            f"::notice title=deadlines::{more} more failure{'' if more == 1 else 's'} not shown as "
            f"annotations (GitHub shows {ANNOTATIONS} per step; the {len(errors)} shown are the "
            "most urgent); every failure is listed in the log above"
            + (" and in the job summary" if step_summary is not None else "")
            + "\n"
        )
    s = summary.as_dict()
    counts = f"read {s['read']}, ok {s['ok']}, failing {s['failing']}, errored {s['errored']}"
    out.write(f"{_gh_log(f'deadlines check {source}: {counts}')}\n")
    if step_summary is not None and budget > 0:
        _write_step_summary(step_summary, source, s, held, table, cut, n_warnings)


def _write_step_summary(  # noqa: PLR0913
    f: TextIO, source: str, s: dict, held: str, table: list[str], cut: int, n_warnings: int
) -> None:
    """The Markdown job summary: counts, holiday data, a table of the failures."""
    status = "all rows ok" if not (s["failing"] or s["errored"]) else "failing"
    f.write(f"## deadlines check: {_md(source)} ({status})\n\n")
    f.write("| read | ok | failing | errored | warnings |\n|---:|---:|---:|---:|---:|\n")
    f.write(f"| {s['read']} | {s['ok']} | {s['failing']} | {s['errored']} | {n_warnings} |\n\n")
    if held:
        f.write(f"{_md(held)}\n\n")
    if table:
        f.write("| file | row | line | item | rule | problem |\n|---|---:|---:|---|---|---|\n")
        f.writelines(table)
        f.write("\n")
    if cut:
        f.write(
            f"{cut} more failure{'' if cut == 1 else 's'} not listed here (GitHub keeps a job "
            "summary under 1 MiB); run `deadlines check` locally for all of them.\n\n"
        )


class _Reverse:
    """A sort key ordered backwards, so a min-heap keeps the most urgent (smallest) keys."""

    __slots__ = ("key",)

    def __init__(self, key: tuple) -> None:
        self.key = key

    def __lt__(self, other: _Reverse) -> bool:
        return self.key > other.key

    def __gt__(self, other: _Reverse) -> bool:
        return self.key < other.key

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reverse) and self.key == other.key

    __hash__ = None  # type: ignore[assignment]


def _md(text: str) -> str:
    return _markdown(clip(str(text), 300))


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


def write_junit(  # noqa: PLR0913
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO,
    source: str,
    *,
    about: dict | None = None,
    pending: bool = False,
) -> None:
    """JUnit XML: a test case per row and rule (met passes, missed fails); a row that cannot
    be read is one test case with an error. A pending rule (no actual date to check) is left
    out, or with `pending` (--junit-pending) is a skipped test case. The suite's properties
    name the holiday data used.

    Streamed: each test case is written as its row is checked, to a spool (memory up to 8 MB,
    then a temporary file), because the suite's counts come first in the file; memory stays
    bounded whatever the number of rows.
    """
    import shutil
    import tempfile

    tests = failures = errors = skipped = 0
    with tempfile.SpooledTemporaryFile(_SPOOL, mode="w+", encoding="utf-8") as spool:
        write = spool.write
        for r in results:
            summary.add(r)
            classname = _attr(r.source or source)
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
                if d.status == "pending" and not pending:
                    continue
                name = _attr(f"{label} / {d.id}")
                tests += 1
                if d.status in FAILING:
                    text = problem(d)
                    write(
                        f"    <testcase classname={classname} name={name}>\n"
                        f"      <failure message={_attr(text)} type={_attr(d.status)}>"
                        f"{_body(text)}\nline {r.line} of {_body(r.source or source)}</failure>\n"
                        "    </testcase>\n"
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
            f'failures="{failures}" errors="{errors}" skipped="{skipped}">\n'
        )
        h = (about or {}).get("holidays")
        if h:
            out.write(
                "    <properties>\n"
                f'      <property name="holidays.source" value={_attr(h["source"])} />\n'
                '      <property name="holidays.confirmed_through" '
                f"value={_attr(h['confirmed_through'])} />\n"
                "    </properties>\n"
            )
        spool.seek(0)
        shutil.copyfileobj(spool, out)
        out.write("  </testsuite>\n</testsuites>\n")


_TABLE_CHUNK = 500  # rows laid out by rich at a time: its memory grows with a table's size


def write_table(
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO | None,
    source: str,
    *,
    about: dict | None = None,
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
    many = len((about or {}).get("sources") or ()) > 1
    for r in results:
        summary.add(r)
        item = clipped(f"{r.source}: {r.item}" if many and r.item else r.source if many else r.item)
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
            title=Text(f"deadlines check {terminal(source)}\n{terminal(_holidays_text(about))}")
            if first
            else None,
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
                cell.append(str(what))
            table.add_row(str(row), str(line), Text(item), cell)
        console.print(table)
    s = summary.as_dict()
    console.print(
        f"read {s['read']}, ok {s['ok']}, failing {s['failing']}, errored {s['errored']}",
        style="bold",
    )
    if cut:
        console.print(Text(CUT_NOTE))


def write_sarif(
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO,
    source: str,
    *,
    about: dict | None = None,
) -> None:
    """SARIF 2.1.0 for code scanning, streamed row by row.

    One result per failure (level error), per unreadable row (ruleId `row-error`) and per
    warning (level warning, ruleId `input-warning`). `ruleId` is the rule's own id, stable
    across runs; `partialFingerprints` hash the file, the row and the rule, so an alert keeps
    its identity from one run to the next. Locations point at the row's line in the file.
    """
    import hashlib

    from deadlines._version import __version__

    about = about or {}
    rules = list(about.get("rules") or [])
    rules += [
        ("row-error", "A calendar row that cannot be read", ""),
        ("input-warning", "An input that is probably a mistake", ""),
    ]
    index = {rid: i for i, (rid, _t, _s) in enumerate(rules)}
    descriptors = [
        {
            "id": rid,
            "name": "".join(part.capitalize() for part in rid.split("-")),
            "shortDescription": {"text": _sarif(title)},
            **({"properties": {"source": _sarif(cite)}} if cite else {}),
        }
        for rid, title, cite in rules
    ]
    driver = {
        "name": "deadlines",
        "version": __version__,
        "informationUri": "https://pypi.org/project/deadlines/",
        "rules": descriptors,
    }
    head = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
    }
    out.write(dumps(head)[:-2] + ',\n  "runs": [{"tool": {"driver": ')
    out.write(dumps(driver, indent=False))
    props = {"holidays": about.get("holidays")} if about.get("holidays") else {}
    out.write('}, "properties": ' + dumps(props, indent=False) + ', "results": [')
    first = True

    def result(r: RowResult, rule_id: str, level: str, text: str) -> None:
        nonlocal first
        src = r.source or source
        digest = hashlib.sha256(f"{src}\0{r.row}\0{rule_id}".encode("utf-8", "surrogatepass"))
        entry: dict = {"ruleId": rule_id}
        if rule_id in index:
            entry["ruleIndex"] = index[rule_id]
        entry.update(
            {
                "level": level,
                "message": {"text": _sarif(text)},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(src)},
                            "region": {"startLine": max(1, r.line)},
                        }
                    }
                ],
                "partialFingerprints": {"deadlinesRow/v1": digest.hexdigest()[:32]},
            }
        )
        out.write(("\n    " if first else ",\n    ") + dumps(entry, indent=False))
        first = False

    for r in results:
        summary.add(r)
        label = f"row {r.row}" + (f" ({r.item})" if r.item else "")
        for e in r.errors:
            result(r, "row-error", "error", f"{label}: {e}")
        for d in r.failures:
            result(r, d.id, "error", f"{label}: {problem(d)}")
        for w in r.warnings:
            result(r, "input-warning", "warning", f"{label}: {w}")
    out.write("\n  ]}]\n}\n")
