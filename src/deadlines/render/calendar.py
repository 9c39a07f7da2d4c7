"""The calendar picture: month grids from the first reference date to the last deadline.

Marks work without colour (NO_COLOR, piped output), because officers paste this into reports:
(12) a reference date, [24] a deadline, 25+ a bank holiday, Christmas Day or Good Friday;
Saturday and Sunday are the last two columns. Colour only adds shading.
"""

from __future__ import annotations

import calendar as stdlib_calendar
from datetime import date
from typing import TextIO

from rich.columns import Columns
from rich.console import Console
from rich.table import Table
from rich.text import Text

from deadlines.calendar import REGION_NAMES, Calendar
from deadlines.output import console as _console
from deadlines.records import Result
from deadlines.render import marked_days
from deadlines.render.table import plan_head
from deadlines.safe import Cells
from deadlines.wording import fmt, missed_line

_t = Cells()  # untrusted text: literal, terminal-safe, cut to 2,000 characters
terminal = _t.s


def _months(first: date, last: date) -> list[tuple[int, int]]:
    out, (y, m) = [], (first.year, first.month)
    while (y, m) <= (last.year, last.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _grid(  # noqa: PLR0913
    year: int,
    month: int,
    closed: dict[date, str],
    others: dict[date, str],
    deadlines: dict[date, list[str]],
    references: dict[date, list[str]],
) -> Table:
    """One month, Monday first, every day marked."""
    grid = Table(
        title=f"{stdlib_calendar.month_name[month]} {year}",
        show_edge=False,
        pad_edge=False,
        padding=(0, 0),
        box=None,
    )
    for name in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"):
        grid.add_column(name, justify="right", width=5)
    for week in stdlib_calendar.Calendar().monthdatescalendar(year, month):
        cells = []
        for day in week:
            if day.month != month:
                cells.append(Text(""))
                continue
            label, style = str(day.day), ""
            if day in closed:
                label, style = f"{day.day}+", "on grey30"
            elif day in others:
                label, style = f"{day.day}*", "on grey23"
            elif day.weekday() >= 5:
                style = "on grey19"
            if day in deadlines:
                label, style = f"[{label}]", "bold black on yellow"
            elif day in references:
                label, style = f"({label})", "bold black on cyan"
            cells.append(Text(label, style=style))
        grid.add_row(*cells)
    return grid


def render(
    result: Result, cal: Calendar, file: TextIO | None = None, width: int | None = None
) -> None:
    """Print the months, marked, and a legend naming every mark."""
    console = _console(file=file, highlight=False, width=width)
    references, deadlines = marked_days(result)
    marked = [*references, *deadlines]
    first, last = min(marked), max(marked)
    first, last = (
        date(first.year, first.month, 1),
        date(last.year, last.month, stdlib_calendar.monthrange(last.year, last.month)[1]),
    )
    closed = {c.date: c.reason for c in cal.closed_weekdays(first, last)}
    # A rule may count on another region's holidays (FOI: any part of the UK): mark the days
    # closed only there, and say which rules they count for.
    others: dict[date, str] = {}
    for region in sorted({d.region for d in result.deadlines} - {"", result.region}):
        ids = ", ".join(d.id for d in result.deadlines if d.region == region)
        for c in cal.other(region).closed_weekdays(first, last):
            if c.date not in closed:
                others[c.date] = f"{c.reason} (not a working day for {ids}: {region})"

    grids = [
        _grid(year, month, closed, others, deadlines, references)
        for year, month in _months(first, last)
    ]

    console.print(
        _t(
            f"{REGION_NAMES[result.region]}; bank holidays: {terminal(result.holidays_source)}",
            style="bold",
        )
    )
    console.print(Columns(grids, padding=(1, 3)))
    legend = "Legend: (d) reference date  [d] deadline  d+ not a working day"
    if others:
        legend += "  d* not a working day for a rule counted on another region's holidays"
    console.print(Text(legend, style="bold"))
    rows = [(d, f"({d.day}) {', '.join(names)}") for d, names in references.items()]
    rows += [(d, f"[{d.day}] {', '.join(ids)}") for d, ids in deadlines.items()]
    rows += [(d, f"{d.day}+ {reason}") for d, reason in closed.items()]
    rows += [(d, f"{d.day}* {reason}") for d, reason in others.items()]
    for d, text in sorted(rows):
        console.print(_t(f"  {fmt(d)}  {text}"))
    _print_failures(console, result)
    _t.note(console)


def _print_failures(console: Console, result: Result) -> None:
    """What the picture cannot show: a plan no scheduled meeting fits, and each missed date
    (the run exits 1 for either, as `compute` does)."""
    plan = result.plan
    if plan is not None and (plan.date is None or plan.meeting_found is False):
        console.print(plan_head(plan))
    for d in result.deadlines:
        if d.status == "missed" and d.actual is not None:
            console.print(_t(missed_line(d), style="bold red"))
