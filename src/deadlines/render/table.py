"""The readable table (rich). Imported only when a table is asked for: rich costs start-up time."""

from __future__ import annotations

import re
import textwrap
from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from deadlines.calendar import REGION_NAMES, Calendar, ClosedDay
from deadlines.explain import Explanation
from deadlines.output import console as _console
from deadlines.records import Deadline, Plan, Result
from deadlines.rules import RuleSet
from deadlines.safe import Cells
from deadlines.wording import deadline_margin, fmt, rule_words

_t = Cells()  # untrusted text: literal, terminal-safe, cut to 2,000 characters
terminal = _t.s

_CHUNK = 500  # rows of a long table laid out at a time
_STATUS_STYLE = {
    "met": "bold green",
    "missed": "bold red",
    "pending": "dim",
    "not-in-force": "bold magenta",
}


_COMPACT_BELOW = 110  # columns: narrower than this, one block per deadline instead of a grid


def _title(result: Result) -> Text:
    return _t(
        f"Statutory deadlines, {REGION_NAMES[result.region]}\n"
        f"bank holidays: {terminal(result.holidays_source)}, "
        f"confirmed through {result.confirmed_through.isoformat()}"
    )


_SENTENCE_END = re.compile(r"(?<![ (][a-z])(?<! ss)(?<! no)(?<! vs)(?<!para)[.;] ")


def _outside_brackets(text: str, at: int) -> bool:
    """Whether `text[at]` stands outside every bracket: a citation's "; " is not a sentence end."""
    head = text[:at]
    return head.count("(") <= head.count(")") and head.count("[") <= head.count("]")


def _first_sentence(note: str) -> str:
    """A note's first sentence or clause (up to ". " or "; " outside brackets), with the
    pointer to its explanation kept: "... (deadlines law clear-days)"."""
    m = next((m for m in _SENTENCE_END.finditer(note) if _outside_brackets(note, m.start())), None)
    if m is None:
        return note
    head = note[: m.start()].rstrip(".")
    law = re.search(r"deadlines law ([a-z0-9-]+)", note)
    if law and law.group(0) not in head:
        head += f" ({law.group(0)})"
    return head + "."


def _shown_notes(refs: dict[str, list[str]], notes: str) -> list[tuple[str, str]]:
    """(rule id, note) to print under the table: all, each first sentence once, or none."""
    if notes == "none":
        return []
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for rule_id, texts in refs.items():
        for note in texts:
            text = _first_sentence(note) if notes == "short" else note
            if notes == "short" and text in seen:
                continue
            seen.add(text)
            out.append((rule_id, text))
    return out


def render(
    result: Result, file: TextIO | None = None, width: int | None = None, notes: str = "full"
) -> None:
    """Print one row per deadline: date, the rule in words, legal source; notes below.

    Narrower than 110 columns, each deadline is a block of labelled lines instead (words are
    wrapped whole, rule ids never broken). `notes`: full, short (first sentences, each once)
    or none."""
    console = _console(file=file, highlight=False, soft_wrap=False, width=width)
    if console.width < _COMPACT_BELOW:
        _render_blocks(console, result, notes)
        return
    show_status = any(d.actual is not None for d in result.deadlines)
    table = Table(title=_title(result), show_lines=True, expand=False)
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
        title = _t(d.title)
        title.append(f"\n{terminal(d.id)}", style="dim")
        if d.planned:
            title.append("\nPLANNED", style="bold yellow")
        if d.status == "not-in-force":
            title.append("\nNOT IN FORCE", style="bold magenta")
        date_cell = _date_cell(d)
        relation = "on or before" if d.relation == "on-or-before" else "on or after"
        rule = _t(f"{relation}: {d.period_words}")
        row = [title, date_cell, rule, _t(d.source)]
        if show_status:
            if d.actual is None:
                row.append(Text("-", style="dim"))
            else:
                cell = Text(fmt(d.actual))
                cell.append(f"\n{d.status.upper()}", style=_STATUS_STYLE[d.status])
                cell.append(f"\n{deadline_margin(d)}")
                row.append(cell)
        other = Text()
        for r in d.other_readings:
            other.append(f"{terminal(r.counting)}: {fmt(r.date)}")
            if r.working_day != r.date:
                other.append(f" (safe: {fmt(r.working_day)})")
            if r.status != "pending":
                other.append(f" {r.status}", style=_STATUS_STYLE[r.status])
            other.append("\n")
        other.rstrip()
        row.append(other)
        table.add_row(*row)
        # A planned row is tagged PLANNED and the plan is printed below: no need to repeat it.
        refs[d.id] = [n for n in d.notes if not (d.planned and n.startswith("Planned backwards"))]
    console.print(table)
    inputs = ", ".join(f"{k} {fmt(v)}" for k, v in result.inputs.items())
    console.print(_t(f"Inputs: {inputs}"))
    for head, words in _day_sets(result):
        console.print(_t(head + words))
    _print_plan(console, result)
    for rule_id, note in _shown_notes(refs, notes):
        console.print(_t(f"- {rule_id}: ", style="bold"), _t(note), sep="")
    _t.note(console)


def _day_sets(result: Result) -> list[tuple[str, str]]:
    """("Days disregarded (ids): ", the day set in words), once per day set: every deadline
    says which days its count disregarded, in both layouts."""
    day_sets: dict[str, list[str]] = {}
    for d in result.deadlines:
        day_sets.setdefault(d.day_set, []).append(d.id)
    return [(f"Days disregarded ({', '.join(ids)}): ", words)
            for words, ids in day_sets.items() if words]  # fmt: skip


def _date_cell(d: Deadline) -> Text:
    """The date, its time of day, the safe working day and a window's first day."""
    cell = Text(fmt(d.date), style="bold")
    if d.time:
        cell.append(f"\nat {d.time}")
    if d.working_day != d.date:
        cell.append(f"\nsafe: {fmt(d.working_day)}")
    if d.earliest is not None:
        cell.append(f"\nnot before: {fmt(d.earliest)}")
    return cell


def _render_blocks(console: Console, result: Result, notes: str) -> None:
    """The compact layout: one block of labelled lines per deadline, wrapped at words."""
    title = f"Statutory deadlines, {REGION_NAMES[result.region]}"
    console.print(Text(title, style="bold"))
    _wrapped(
        console,
        "bank holidays: ",
        f"{result.holidays_source}, confirmed through {result.confirmed_through.isoformat()}",
        "  ",
    )
    console.print()
    refs = {}
    for d in result.deadlines:
        head = _t(d.title, style="bold")
        if d.planned:
            head.append("  PLANNED", style="bold yellow")
        console.print(head)
        console.print(Text("  " + terminal(d.id), style="dim"))
        relation = "on or before" if d.relation == "on-or-before" else "on or after"
        date_text = fmt(d.date)
        if d.time:  # the time of day the law gives, as the wide table shows it
            date_text += f" at {d.time}"
        if d.working_day != d.date:
            date_text += f" (safe: {fmt(d.working_day)})"
        lines = [("Date", date_text)]
        if d.earliest is not None:  # a window: its first day too
            lines.append(("Window", f"not before {fmt(d.earliest)}"))
        lines += [("Rule", f"{relation}: {d.period_words}"), ("Source", d.source)]
        if d.actual is not None:
            margin = deadline_margin(d)
            lines.append(("Done", f"{fmt(d.actual)}: {d.status.upper()}, {margin}"))
        for r in d.other_readings:
            other = f"{r.counting}: {fmt(r.date)}"
            if r.working_day != r.date:
                other += f" (safe: {fmt(r.working_day)})"
            if r.status != "pending":
                other += f" {r.status}"
            lines.append(("Other", other))
        for label, value in lines:
            style = _STATUS_STYLE.get(d.status, "") if label == "Done" else ""
            _wrapped(console, f"  {label + ':':<8}", value, " " * 10, style)
        console.print()
        refs[d.id] = [n for n in d.notes if not (d.planned and n.startswith("Planned backwards"))]
    inputs = ", ".join(f"{k} {fmt(v)}" for k, v in result.inputs.items())
    _wrapped(console, "Inputs: ", inputs, "  ")
    for head, words in _day_sets(result):  # wrapped whole: the head alone can be too wide
        _wrapped(console, "", head + words, "  ")
    _print_plan(console, result)
    for rule_id, note in _shown_notes(refs, notes):
        _wrapped(console, f"- {terminal(rule_id)}: ", note, "  ")
    _t.note(console)


def _wrapped(console: Console, first: str, text: str, indent: str, style: str = "") -> None:
    """`first` + `text`, wrapped at words to the console's width with a hanging indent; a word
    (a rule id, a date) is never broken."""
    lines = textwrap.wrap(
        terminal(text),
        width=max(console.width, 40),
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]
    for line in lines:
        console.print(Text(line, style=style), soft_wrap=True)


def plan_head(plan: Plan) -> Text:
    """ "Plan: decision on Tue 11 Aug 2015", and "(no scheduled meeting works)" when none does."""
    head = Text("Plan: ", style="bold")
    if plan.date is None:
        head.append("no date works", style="bold red")
    else:
        head.append(f"{terminal(plan.event)} on {fmt(plan.date)}", style="bold")
        if plan.meeting_found is False:
            head.append(" (no scheduled meeting works)", style="bold red")
    return head


def _print_plan(console: Console, result: Result) -> None:
    plan = result.plan
    if plan is not None:
        console.print(plan_head(plan))
        for note in plan.notes:
            console.print(_t(f"- {note}"))


def render_rules(ruleset: RuleSet, file: TextIO | None = None, width: int | None = None) -> None:
    """One row per rule: id and title, the period in words, counting, relation, citation."""
    console = _console(file=file, highlight=False, width=width)
    rules = ruleset.rules
    chunked = len(rules) > _CHUNK  # laid out in chunks (rich's memory grows with a table)
    for start in range(0, len(rules), _CHUNK):
        first = start == 0
        table = Table(
            title=_t(f"Rules in force: {ruleset.name}\n{ruleset.description}") if first else None,
            show_lines=True,
            show_header=first,
            expand=chunked,  # the same column widths in every chunk
        )
        table.add_column("Rule", overflow="fold", ratio=3)
        table.add_column("Period", overflow="fold", ratio=3)
        table.add_column("Counting", overflow="fold", ratio=2)
        table.add_column("Relation", overflow="fold", ratio=2)
        table.add_column("Citation", overflow="fold", ratio=3)
        for r in rules[start : start + _CHUNK]:
            title = _t(r.title)
            title.append(f"\n{terminal(r.id)}", style="dim")
            counting = r.counting or f"as {r.follows}"
            if r.other_readings:
                counting += f"\n(also read: {', '.join(r.other_readings)})"
            citation = _t(r.citation)
            if r.words:
                citation.append(f'\n"{terminal(r.words, newlines=True)}"', style="italic")
            period = rule_words(r, ruleset)
            period += f"\n(disregards: {(r.days or ruleset.days).words()})"
            if r.time:
                period += f"\nat {r.time}"
            if r.earliest is not None:
                period += (
                    f"\nnot earlier than {r.earliest} {r.unit.replace('-', ' ')} {r.direction}"
                )
            table.add_row(title, _t(period), _t(counting), _t(r.relation), citation)
        console.print(table)
    events = Table(title="Events the rules count from (give them with --event NAME=DATE)")
    events.add_column("Event", overflow="fold")
    events.add_column("What it is", overflow="fold")
    for e in ruleset.events.values():
        text = e.help + (f" [default: {e.defaults_to}]" if e.defaults_to else "")
        events.add_row(_t(e.name), _t(text))
    console.print(events)
    acts = sorted({r.actual for r in ruleset.rules if r.actual and r.actual not in ruleset.events})
    if acts:
        console.print(_t(f"Actual dates to check (--actual NAME=DATE): {', '.join(acts)}"))
    # A rule may be judged against an event (the poll held on the day the timetable requires):
    # that date is given with --event, never --actual.
    judged: dict[str, list[str]] = {}
    for r in ruleset.rules:
        if r.actual and r.actual in ruleset.events:
            judged.setdefault(r.actual, []).append(r.id)
    for event, ids in judged.items():
        console.print(
            _t(f"Judged against an event (--event {event}=DATE): {event} ({', '.join(ids)})")
        )
    _t.note(console)


def render_packs(
    packs: list[RuleSet], file: TextIO | None = None, width: int | None = None
) -> None:
    """One row per built-in pack: name, description, rule ids."""
    console = _console(file=file, highlight=False, width=width)
    table = Table(title="Built-in rule packs (--pack NAME)", show_lines=True)
    table.add_column("Pack", overflow="fold", ratio=2)
    table.add_column("What it covers", overflow="fold", ratio=4)
    table.add_column("Where it is law", overflow="fold", ratio=2)
    table.add_column("Rules", overflow="fold", ratio=3)
    names = {"england": "England", "wales": "Wales", "scotland": "Scotland",
             "northern-ireland": "Northern Ireland"}  # fmt: skip
    for p in packs:
        where = ", ".join(names[x] for x in p.extent)
        if p.instead:
            where += "\n(elsewhere: " + ", ".join(sorted(set(p.instead.values()))) + ")"
        table.add_row(_t(p.name), _t(p.description), _t(where), _t("\n".join(p.ids)))
    console.print(table)
    _t.note(console)


def render_explanation(
    e: Explanation, file: TextIO | None = None, width: int | None = None
) -> None:
    """One row per day: counted with its number, or why not; then the date and the rule."""
    console = _console(file=file, highlight=False, width=width)
    d = e.deadline
    table = Table(
        title=_t(
            f"{d.id}: {d.period_words}\n{REGION_NAMES[e.region]}; bank holidays: "
            f"{e.holidays_source}"
        )
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Counted", justify="right")
    table.add_column("Why not", overflow="fold")
    for day in e.days:
        table.add_row(
            fmt(day.date),
            str(day.number) if day.counted else "-",
            _t(day.reason or "", style="yellow" if day.reason else ""),
        )
    console.print(table)
    console.print(_t(f"Reference: {d.reference_event} {fmt(d.reference_date)}"))
    relation = "on or before" if d.relation == "on-or-before" else "on or after"
    at = f" at {d.time}" if d.time else ""
    line = f"Date: {fmt(d.date)}{at} ({relation}), {d.period_words}; {d.source}"
    if d.working_day != d.date:
        line += f". Safe working day: {fmt(d.working_day)}"
    if d.earliest is not None:
        line += f". Not before: {fmt(d.earliest)}"
    console.print(_t(line, style="bold"))
    for note in d.notes:
        console.print(_t(f"- {note}"))
    _t.note(console)


def render_holidays(
    cal: Calendar,
    year: int,
    days: list[ClosedDay],
    file: TextIO | None = None,
    width: int | None = None,
) -> None:
    """The non-working weekdays of one year, with where each came from."""
    console = _console(file=file, highlight=False, width=width)
    table = Table(
        title=_t(
            f"Non-working weekdays {year}, {REGION_NAMES[cal.region]}\nbank holidays: "
            f"{terminal(cal.source)}, confirmed through {cal.confirmed_through.isoformat()}"
        )
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("Name", overflow="fold")
    table.add_column("Status")
    table.add_column("Where", overflow="fold")
    for c in days:
        status = "by rule" if c.status == "rule" else c.status
        if c.kind:
            status += f" ({c.kind})"
        table.add_row(fmt(c.date), _t(c.reason), _t(status), _t(", ".join(c.divisions)))
    console.print(table)
    _t.note(console)
