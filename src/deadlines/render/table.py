"""The readable table (rich). Imported only when a table is asked for: rich costs start-up time."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from deadlines.calendar import REGION_NAMES
from deadlines.compute import Result, fmt

_STATUS_STYLE = {"met": "bold green", "missed": "bold red", "pending": "dim"}


def render(result: Result, file: TextIO | None = None) -> None:
    """Print one row per deadline: date, the rule in words, legal source; notes below."""
    console = Console(file=file, highlight=False, soft_wrap=False)
    show_status = any(d.actual is not None for d in result.deadlines)
    table = Table(
        title=(
            f"Statutory deadlines, {REGION_NAMES[result.region]}\n"
            f"bank holidays: {result.holidays_source}, "
            f"confirmed through {result.confirmed_through.isoformat()}"
        ),
        show_lines=True,
        expand=False,
    )
    # overflow="fold": a narrow terminal wraps a cell, it never cuts one short with an ellipsis.
    table.add_column("Deadline", overflow="fold", ratio=3)
    table.add_column("Date", overflow="fold", ratio=2)
    table.add_column("Rule", overflow="fold", ratio=3)
    table.add_column("Source", overflow="fold", ratio=2)
    if show_status:
        table.add_column("Done", overflow="fold", ratio=2)
    table.add_column("Other reading", overflow="fold", ratio=3)
    refs = {}
    for d in result.deadlines:
        title = Text(d.title)
        title.append(f"\n{d.id}", style="dim")
        date_cell = Text(fmt(d.date), style="bold")
        if d.working_day != d.date:
            date_cell.append(f"\nsafe: {fmt(d.working_day)}")
        relation = "on or before" if d.relation == "on-or-before" else "on or after"
        rule = Text(f"{relation}: {d.period_words}")
        row = [title, date_cell, rule, Text(d.source)]
        if show_status:
            if d.actual is None:
                row.append(Text("-", style="dim"))
            else:
                cell = Text(fmt(d.actual))
                cell.append(f"\n{d.status.upper()}", style=_STATUS_STYLE[d.status])
                row.append(cell)
        other = Text()
        for r in d.other_readings:
            other.append(f"{r.counting}: {fmt(r.date)}")
            if r.working_day != r.date:
                other.append(f" (safe: {fmt(r.working_day)})")
            if r.status != "pending":
                other.append(f" {r.status}", style=_STATUS_STYLE[r.status])
            other.append("\n")
        other.rstrip()
        row.append(other)
        table.add_row(*row)
        refs[d.id] = d.notes
    console.print(table)
    inputs = ", ".join(f"{k} {fmt(v)}" for k, v in result.inputs.items())
    console.print(f"Inputs: {inputs}")
    for rule_id, notes in refs.items():
        for note in notes:
            console.print(Text(f"- {rule_id}: ", style="bold"), Text(note), sep="")
