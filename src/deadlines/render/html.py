"""A self-contained HTML5 report, to attach to a committee paper: `--format html`.

One file: inline CSS, no script, no external request (no URL at all), so it opens the same
offline, in a mail client or on a phone, and prints on A4 with a header on every page and no
row cut across pages. What it shows: the deadlines with their sources, the month grids, each
deadline's day-by-day working (in <details>, open when printed), the notes and other readings,
the holiday data and the tool's version; for `check`, the failing rows first.

Every text is escaped with deadlines.safe.html, whoever wrote it: rule files and calendar
cells are untrusted, and so, for safety's sake, is everything else. It escapes markup, and
replaces or shows escaped the characters an HTML5 page cannot hold or a reader would be fooled
by (control and bidi characters, lone surrogates), so the page is valid UTF-8 HTML5.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TextIO

from deadlines._version import __version__
from deadlines.calendar import REGION_NAMES, Calendar
from deadlines.check import RowResult, Summary
from deadlines.errors import DeadlinesError
from deadlines.explain import Explanation, explain
from deadlines.holiday_data import HolidayData
from deadlines.output import write_pieces
from deadlines.records import Deadline, Result
from deadlines.render import marked_days
from deadlines.rules import RuleSet
from deadlines.safe import html as _html
from deadlines.wording import deadline_margin, fmt

_MAX_ROWS = 2000  # rows of each kind (failing, errored, ok) a check report lists; the rest counted
_MAX_WORKING = 200  # failing deadlines whose day-by-day working a check report shows

_CSS = """
:root{--ink:#1a1a1a;--muted:#555;--line:#bbb;--met:#0a6b2d;--missed:#a0121d;--pending:#555;
--ref:#cdeefa;--due:#ffe27a;--closed:#d9d9d9;--weekend:#f0f0f0}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);
margin:0 auto;padding:16px;max-width:1100px;background:#fff;overflow-wrap:break-word}
h1,h3{overflow-wrap:anywhere}
h1{font-size:1.5em;margin:.2em 0 .3em}h2{font-size:1.2em;margin:1.4em 0 .5em;
border-bottom:2px solid var(--ink);padding-bottom:.15em}h3{font-size:1.05em;margin:1em 0 .4em}
p,ul{margin:.4em 0}.muted{color:var(--muted)}code{font-size:.92em;overflow-wrap:anywhere}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15em 1em;margin:.6em 0}
.meta dt{font-weight:600}.meta dd{margin:0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;margin:.4em 0}
th,td{border:1px solid var(--line);padding:.35em .5em;text-align:left;vertical-align:top}
th{background:#f3f3f3}thead{display:table-header-group}tr{break-inside:avoid}
td.date{white-space:nowrap;font-weight:600}
.status{font-weight:700;text-transform:uppercase;font-size:.85em;letter-spacing:.03em}
.met{color:var(--met)}.missed{color:var(--missed)}.pending{color:var(--pending)}
.errored{color:var(--missed)}.planned{color:#7a5a00;font-weight:700}
.summary{display:flex;flex-wrap:wrap;gap:.5em;margin:.6em 0;padding:0;list-style:none}
.summary li{border:1px solid var(--line);padding:.3em .7em;border-radius:4px}
.months{display:flex;flex-wrap:wrap;gap:14px}
.month{width:20em;table-layout:fixed;margin:0;break-inside:avoid;font-size:.95em}
.month caption{font-weight:700;text-align:left}
.month th,.month td{text-align:right;padding:.15em .25em;font-variant-numeric:tabular-nums;
white-space:nowrap}.month td.wkd{background:var(--weekend)}
.month td.closed{background:var(--closed)}
.month td.ref{background:var(--ref);font-weight:700}.month td.due{background:var(--due);
font-weight:700;outline:2px solid #8a6d00;outline-offset:-2px}
details{margin:.3em 0}summary{cursor:pointer;font-weight:600}
.working td,.working th{padding:.15em .4em;font-size:.92em}
.row{border:1px solid var(--line);border-left:6px solid var(--line);padding:.4em .8em;
margin:.7em 0}
.row.failing{border-left-color:var(--missed)}.row.errored{border-left-color:#d08000}
.row.ok{border-left-color:var(--met)}.row h3{margin:.2em 0}
.print-head{display:none}
@media screen and (max-width:640px){body{padding:10px;font-size:14px}
.meta{grid-template-columns:1fr}.meta dd{margin-bottom:.3em}th,td{padding:.3em}
table.deadlines,table.deadlines tbody,table.deadlines tr,table.deadlines td{display:block;
width:100%}table.deadlines thead{display:none}table.deadlines tr{border:1px solid var(--line);
margin:0 0 .6em}table.deadlines td{border:0;border-top:1px solid #e3e3e3}
table.deadlines td:first-child{border-top:0;background:#f3f3f3}
table.deadlines td[data-label]::before{content:attr(data-label);display:block;font-size:.8em;
font-weight:600;color:var(--muted);text-transform:uppercase}}
@page{size:A4;margin:18mm 14mm 16mm;
@top-left{content:"deadlines report";font:9pt system-ui,sans-serif;color:#555}
@top-right{content:"page " counter(page) " of " counter(pages);font:9pt system-ui,sans-serif;
color:#555}}
@media print{body{max-width:none;padding:0;font-size:10.5pt}
.print-head{display:block;font-size:9pt;color:#555;border-bottom:1px solid #999;margin-bottom:6pt}
.scroll{overflow:visible}details::details-content{content-visibility:visible;display:block}
details>summary{list-style:none}details>summary::-webkit-details-marker{display:none}
h2{break-after:avoid}
h3{break-after:avoid}a{color:inherit}}
"""


def _e(text: object) -> str:
    return _html(text)


def _page(title: str, body: list[str], subtitle: str = "") -> str:
    head = (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="deadlines {_e(__version__)}">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f'<div class="print-head">{_e(title)}{" - " + _e(subtitle) if subtitle else ""}</div>\n'
    )
    return head + "\n".join(body) + "\n</body>\n</html>\n"


def _relation(d: Deadline) -> str:
    return "on or before" if d.relation == "on-or-before" else "on or after"


def _margin(d: Deadline) -> str:
    return deadline_margin(d)


def _status(d: Deadline) -> str:
    return f'<span class="status {_e(d.status)}">{_e(d.status)}</span>'


def _holiday_meta(region: str, source: str, confirmed: date, extra: Sequence[tuple] = ()) -> str:
    rows = [
        ("Bank holidays of", REGION_NAMES.get(region, region)),
        ("Holiday data", source),
        ("Confirmed through", fmt(confirmed)),
        *extra,
        ("Tool", f"deadlines {__version__}"),
    ]
    items = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows)
    return f'<dl class="meta">{items}</dl>'


def _deadlines_table(deadlines: Sequence[Deadline]) -> str:
    show_done = any(d.actual is not None for d in deadlines)
    head = ["Deadline", "Date", "Rule", "Source"] + (["Done"] if show_done else [])
    head.append("Other readings")
    out = ['<div class="scroll"><table class="deadlines"><thead><tr>']
    out += [f"<th>{h}</th>" for h in head]
    out.append("</tr></thead><tbody>")
    for d in deadlines:
        title = f"{_e(d.title)}<br><code>{_e(d.id)}</code>"
        if d.planned:
            title += '<br><span class="planned">PLANNED</span>'
        when = _e(fmt(d.date))
        if d.working_day != d.date:
            when += f'<br><span class="muted">safe: {_e(fmt(d.working_day))}</span>'
        rule = f"{_e(_relation(d))}: {_e(d.period_words)}"
        cells = [title, when, rule, _e(d.source)]
        if show_done:
            if d.actual is None:
                cells.append('<span class="muted">not given</span>')
            else:
                cells.append(f"{_e(fmt(d.actual))}<br>{_status(d)}<br>{_e(_margin(d))}")
        readings = []
        for r in d.other_readings:
            text = f"{_e(r.counting)}: {_e(fmt(r.date))}"
            if r.working_day != r.date:
                text += f" (safe: {_e(fmt(r.working_day))})"
            if r.status != "pending":
                text += f' <span class="status {_e(r.status)}">{_e(r.status)}</span>'
            readings.append(text)
        cells.append("<br>".join(readings) or '<span class="muted">none</span>')
        tds = [
            f'<td class="date" data-label="{h}">{c}</td>'
            if h == "Date"
            else f"<td>{c}</td>"
            if i == 0
            else f'<td data-label="{h}">{c}</td>'
            for i, (h, c) in enumerate(zip(head, cells, strict=True))
        ]
        out.append(f"<tr>{''.join(tds)}</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def _notes(deadlines: Sequence[Deadline], plan_notes: bool = False) -> str:
    items = []
    for d in deadlines:
        for note in d.notes:
            if d.planned and not plan_notes and note.startswith("Planned backwards"):
                continue
            items.append(f"<li><code>{_e(d.id)}</code>: {_e(note)}</li>")
    if not items:
        return ""
    return "<h3>Notes and other readings</h3><ul>" + "".join(items) + "</ul>"


def _working(e: Explanation) -> str:
    d = e.deadline
    rows = []
    for day in e.days:
        counted = str(day.number) if day.counted else "-"
        why = _e(day.reason or "")
        rows.append(f"<tr><td>{_e(fmt(day.date))}</td><td>{counted}</td><td>{why}</td></tr>")
    line = (
        f"From {_e(d.reference_event)} {_e(fmt(d.reference_date))}: {_e(fmt(d.date))} "
        f"({_e(_relation(d))}), {_e(d.period_words)}; {_e(d.source)}"
    )
    if d.working_day != d.date:
        line += f". Safe working day: {_e(fmt(d.working_day))}"
    return (
        f"<details><summary>{_e(d.title)} (<code>{_e(d.id)}</code>): {_e(fmt(d.date))}, "
        f"{len(e.days)} days, day by day</summary><p>{line}</p>"
        '<div class="scroll"><table class="working"><thead><tr><th>Date</th><th>Counted</th>'
        f"<th>Why not</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div></details>"
    )


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _grids(result: Result, cal: Calendar) -> str:
    references, due = marked_days(result)
    marked = [*references, *due]
    if not marked:
        return ""
    first, last = min(marked), max(marked)
    first = date(first.year, first.month, 1)
    last = date(last.year, last.month, stdlib_calendar.monthrange(last.year, last.month)[1])
    closed = {c.date: c.reason for c in cal.closed_weekdays(first, last)}
    out = ['<div class="months">']
    for year, month in _months(first, last):
        out.append(
            f'<table class="month"><caption>{stdlib_calendar.month_name[month]} {year}</caption>'
            "<thead><tr>"
            + "".join(f"<th>{n}</th>" for n in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"))
            + "</tr></thead><tbody>"
        )
        for week in stdlib_calendar.Calendar().monthdatescalendar(year, month):
            cells = []
            for day in week:
                if day.month != month:
                    cells.append("<td></td>")
                    continue
                label, classes, why = str(day.day), [], []
                if day in closed:
                    label, classes = f"{day.day}+", ["closed"]
                    why.append(closed[day])
                elif day.weekday() >= 5:
                    classes.append("wkd")
                if day in due:
                    label = f"[{label}]"
                    classes.append("due")
                    why += due[day]
                elif day in references:
                    label = f"({label})"
                    classes.append("ref")
                    why += references[day]
                attr = f' class="{" ".join(classes)}"' if classes else ""
                title = f' title="{_e("; ".join(why))}"' if why else ""
                cells.append(f"<td{attr}{title}>{_e(label)}</td>")
            out.append(f"<tr>{''.join(cells)}</tr>")
        out.append("</tbody></table>")
    out.append("</div>")
    out.append(
        '<p class="muted">(d) a reference date, [d] a deadline (the legal boundary, and the safe '
        "working day when it differs), d+ a weekday that is not a working day.</p>"
    )
    rows = [(d, f"({d.day}) {', '.join(n)}") for d, n in references.items()]
    rows += [(d, f"[{d.day}] {', '.join(n)}") for d, n in due.items()]
    rows += [(d, f"{d.day}+ {reason}") for d, reason in closed.items()]
    out.append('<ul class="marks">')
    out += [f"<li>{_e(fmt(d))}: {_e(text)}</li>" for d, text in sorted(rows)]
    out.append("</ul>")
    return "".join(out)


def _plan(result: Result) -> str:
    plan = result.plan
    if plan is None:
        return ""
    if plan.date is None:
        head = '<span class="missed">no date works</span>'
    else:
        head = f"{_e(plan.event)} on {_e(fmt(plan.date))}"
        if plan.meeting_found is False:
            head += ' <span class="missed">(no scheduled meeting works)</span>'
    notes = "".join(f"<li>{_e(n)}</li>" for n in plan.notes)
    return f"<h2>Plan</h2><p><strong>{head}</strong></p><ul>{notes}</ul>"


def _explanations(
    result: Result, holidays: HolidayData | None, rules: RuleSet | None
) -> list[Explanation]:
    out = []
    for d in result.deadlines:
        try:
            out.append(explain(result, d.id, holidays=holidays, rules=rules))
        except DeadlinesError:
            continue  # a rule this ruleset does not know (cannot happen from compute)
    return out


def render_result(
    result: Result,
    *,
    holidays: HolidayData | None = None,
    rules: RuleSet | None = None,
    title: str = "",
) -> str:
    """The report of `deadlines compute` (and `calendar`): one HTML5 page."""
    cal = Calendar(result.region, holidays=holidays)
    title = title or f"Statutory deadlines, {REGION_NAMES.get(result.region, result.region)}"
    inputs = ", ".join(f"{name} {fmt(day)}" for name, day in result.inputs.items())
    missed = [d for d in result.deadlines if d.status == "missed"]
    body = [f"<h1>{_e(title)}</h1>"]
    body.append(f"<p><strong>Inputs:</strong> {_e(inputs)}</p>")
    if missed:
        body.append(
            '<p class="missed"><strong>Missed:</strong> '
            + _e(", ".join(f"{d.id} ({_margin(d)})" for d in missed))
            + "</p>"
        )
    body.append(_holiday_meta(result.region, result.holidays_source, result.confirmed_through))
    body.append('<h2 id="deadlines">Deadlines</h2>')
    body.append(_deadlines_table(result.deadlines))
    body.append(_notes(result.deadlines))
    body.append(_plan(result))
    body.append('<h2 id="calendar">Calendar</h2>')
    body.append(_grids(result, cal))
    body.append('<h2 id="working">Working, day by day</h2>')
    body += [_working(e) for e in _explanations(result, holidays, rules)]
    return _page(title, body, inputs)


def render_explanation(e: Explanation) -> str:
    """The report of `deadlines explain`: one deadline's day-by-day working."""
    d = e.deadline
    title = f"{d.title} ({d.id}): {fmt(d.date)}"
    body = [f"<h1>{_e(title)}</h1>"]
    body.append(_holiday_meta(e.region, e.holidays_source, e.confirmed_through))
    body.append(_deadlines_table([d]))
    body.append(_notes([d], plan_notes=True))
    body.append("<h2>Working, day by day</h2>")
    body.append(_working(e).replace("<details>", "<details open>", 1))
    return _page(title, body)


def _row_head(r: RowResult, label: str) -> str:
    item = f": {_e(r.item)}" if r.item else ""
    where = f"{_e(r.source)} " if r.source else ""  # several files: each row names its own
    return (
        f'<h3><span class="status {label}">{label}</span> {where}row {r.row} (line {r.line})'
        f"{item}</h3>"
    )


def _problem(d: Deadline) -> str:
    return (
        f"<li><code>{_e(d.id)}</code> missed ({_e(_margin(d))}): done {_e(fmt(d.actual))}, "
        f"required {_e(_relation(d))} {_e(fmt(d.date))} ({_e(d.period_words)}; {_e(d.source)})"
        "</li>"
    )


def write_check(  # noqa: PLR0913 - what the page says, each named
    results: Iterable[RowResult],
    summary: Summary,
    out: TextIO,
    source: str,
    *,
    holidays: HolidayData | None = None,
    rules: RuleSet | None = None,
    region: str = "england-and-wales",
) -> None:
    """The report of `deadlines check`: failing rows first, then errored, then ok rows.

    The rows are gathered first (the page lists failing rows before the others), at most 2,000
    of each kind; the rest are counted, not listed (the summary counts every row).
    """
    failing: list[RowResult] = []
    errored: list[RowResult] = []
    ok: list[RowResult] = []
    for r in results:
        summary.add(r)
        kind = errored if r.errors else ok if r.ok else failing
        if len(kind) < _MAX_ROWS:
            kind.append(r)
    cal = Calendar(region, holidays=holidays)
    s = summary.as_dict()
    title = f"Governance calendar check: {source}"
    body = [f"<h1>{_e(title)}</h1>"]
    body.append(
        '<ul class="summary">'
        f"<li>read <strong>{s['read']}</strong></li>"
        f'<li class="met">ok <strong>{s["ok"]}</strong></li>'
        f'<li class="missed">failing <strong>{s["failing"]}</strong></li>'
        f'<li class="errored">errored <strong>{s["errored"]}</strong></li></ul>'
    )
    pack = getattr(rules, "name", None)
    extra = [("Rules", pack)] if pack else []
    body.append(_holiday_meta(region, cal.source, cal.confirmed_through, extra))
    shown = 0
    if failing:
        body.append(f"<h2>Failing rows ({s['failing']})</h2>")
    for r in failing:
        body.append('<section class="row failing">' + _row_head(r, "failing"))
        body.append("<ul>" + "".join(_problem(d) for d in r.failures) + "</ul>")
        body.append(_deadlines_table(r.deadlines))
        for d in r.failures:
            if shown < _MAX_WORKING:
                body.append(_row_working(r, d, holidays, rules))
                shown += 1
        if shown <= _MAX_WORKING:
            body.append(_row_grids(r, cal))
        body.append(_notes(r.failures))
        body.append("</section>")
    body.append(_more(s["failing"] - len(failing), "failing"))
    if errored:
        body.append(f"<h2>Rows with errors ({s['errored']})</h2>")
    for r in errored:
        body.append('<section class="row errored">' + _row_head(r, "error"))
        body.append("<ul>" + "".join(f"<li>{_e(e)}</li>" for e in r.errors) + "</ul></section>")
    body.append(_more(s["errored"] - len(errored), "errored"))
    if ok:
        body.append(f"<h2>Rows ok ({s['ok']})</h2>")
    for r in ok:
        met = sum(d.status == "met" for d in r.deadlines)
        body.append(
            '<section class="row ok">'
            + _row_head(r, "ok")
            + f"<details><summary>{met} met, {len(r.deadlines) - met} not judged</summary>"
            + _deadlines_table(r.deadlines)
            + "</details></section>"
        )
    body.append(_more(s["ok"] - len(ok), "ok"))
    write_pieces(out, _page(title, body, f"read {s['read']}, failing {s['failing']}"))


def _more(n: int, kind: str) -> str:
    if n <= 0:
        return ""
    rows = "row" if n == 1 else "rows"
    return f"<p>{n} more {kind} {rows} not listed (--format jsonl lists all).</p>"


def _row_result(r: RowResult, inputs: dict, deadlines: tuple[Deadline, ...]) -> Result:
    """A row's deadlines as a Result, for the grid and the working (holiday fields unused)."""
    return Result(
        region=r.region,
        holidays_source="",
        confirmed_through=date.min,
        inputs=inputs,
        deadlines=deadlines,
    )


def _row_grids(r: RowResult, cal: Calendar) -> str:
    """The months of a failing row, folded: its events and its deadlines marked."""
    inputs = {d.reference_event: d.reference_date for d in r.deadlines}
    result = _row_result(r, inputs, r.deadlines)
    if r.region != cal.region:
        cal = cal.other(r.region)
    return f"<details><summary>Calendar of row {r.row}</summary>{_grids(result, cal)}</details>"


def _row_working(
    r: RowResult, d: Deadline, holidays: HolidayData | None, rules: RuleSet | None
) -> str:
    result = _row_result(r, {}, (d,))
    try:
        return _working(explain(result, d.id, holidays=holidays, rules=rules))
    except DeadlinesError:
        return ""
