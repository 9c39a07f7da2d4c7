"""Renderers, chosen from one registry by command and format; each imported only when used.

A renderer either returns the text (or bytes) of its format, or, for the rich table formats,
prints to a console (`console=True`: it takes `file` and `width`, and prints to the terminal
when `file` is None). A report that names the holiday data and rules it used (`context=True`,
the HTML report) takes them as `holidays=` and `rules=`. `deadlines check` has streaming
writers of its own kind: each takes the results, the summary, the output stream and the
source's name.
"""

from collections.abc import Callable
from importlib import import_module
from typing import Any, NamedTuple


class Renderer(NamedTuple):
    """Where a format's renderer lives, and how it writes."""

    module: str
    function: str
    console: bool = False  # prints to a console (rich) instead of returning text
    context: bool = False  # takes the holiday data and rules used (holidays=, rules=) too

    def load(self) -> Callable[..., Any]:
        """The renderer function, imported now."""
        fn: Callable[..., Any] = getattr(import_module(self.module), self.function)
        return fn


_TABLE = "deadlines.render.table"
_JSON = "deadlines.render.json"
_EXPORTS = "deadlines.render.exports"
_CHECK = "deadlines.render.check"
_HTML = "deadlines.render.html"

REGISTRY: dict[str, dict[str, Renderer]] = {
    "compute": {
        "table": Renderer(_TABLE, "render", console=True),
        "json": Renderer(_JSON, "render"),
        "csv": Renderer(_EXPORTS, "render_csv"),
        "ics": Renderer(_EXPORTS, "render_ics"),
        "html": Renderer(_HTML, "render_result", context=True),
    },
    "explain": {
        "table": Renderer(_TABLE, "render_explanation", console=True),
        "json": Renderer(_JSON, "render_explanation"),
        "html": Renderer(_HTML, "render_explanation"),
    },
    "calendar": {
        "table": Renderer("deadlines.render.calendar", "render", console=True),
        "html": Renderer(_HTML, "render_result", context=True),
    },
    "holidays": {
        "table": Renderer(_TABLE, "render_holidays", console=True),
        "json": Renderer(_JSON, "render_holidays"),
    },
    "rules": {
        "table": Renderer(_TABLE, "render_rules", console=True),
        "json": Renderer(_JSON, "render_rules"),
    },
    "packs": {
        "table": Renderer(_TABLE, "render_packs", console=True),
        "json": Renderer(_JSON, "render_packs"),
    },
    "check": {
        "table": Renderer(_CHECK, "write_table"),
        "json": Renderer(_CHECK, "write_json"),
        "jsonl": Renderer(_CHECK, "write_jsonl"),
        "junit": Renderer(_CHECK, "write_junit"),
        "github": Renderer(_CHECK, "write_github"),
        "sarif": Renderer(_CHECK, "write_sarif"),
        "html": Renderer(_HTML, "write_check", context=True),
    },
}


def marked_days(result: Any) -> tuple[dict[Any, list[str]], dict[Any, list[str]]]:
    """What a month grid marks: each reference date with its events, and each deadline's
    legal boundary and safe working day with the rule ids (rules with no date are left out).
    Shared by the terminal picture and the HTML report."""
    references: dict[Any, list[str]] = {}
    for name, day in result.inputs.items():
        references.setdefault(day, []).append(name)
    due: dict[Any, list[str]] = {}
    for d in result.deadlines:
        if d.date is None or d.working_day is None:  # not in force, or its clock stopped
            continue
        due.setdefault(d.date, []).append(d.id)
        if d.working_day != d.date:
            due.setdefault(d.working_day, []).append(f"{d.id} (safe working day)")
    return references, due


def formats(command: str) -> tuple[str, ...]:
    """The formats a command can write, table first."""
    return tuple(REGISTRY[command])


def renderer(command: str, format_: str) -> Renderer:
    """The renderer of one command's format (KeyError for one it cannot write)."""
    return REGISTRY[command][format_]
