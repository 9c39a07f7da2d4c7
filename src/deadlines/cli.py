"""The command line: parse, call the core, choose a renderer, map errors. click only.

Exit codes: 0 success; 1 a checked date was missed; 2 bad input or usage, with one
`Error: ...` line last on stderr; 130 when interrupted. rich is imported only for tables.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

import click

from deadlines._version import __version__
from deadlines.calendar import REGIONS
from deadlines.errors import DeadlinesError
from deadlines.render import formats
from deadlines.rules import BUILTIN, pack_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from deadlines.holiday_data import HolidayData
    from deadlines.records import Result
    from deadlines.rules import RuleSet


class BadInput(click.ClickException):
    """A DeadlinesError on its way to the user: `Error: ...`, exit 2."""

    exit_code = 2  # click's default is 1, which the contract keeps for a missed deadline


class _PipeClosed(Exception):
    """The reader of stdout went away (`| head`). Not an OSError, so click does not exit 1."""


def _one_line(text: str) -> str:
    """A message with control characters escaped, so the Error line stays one line and the
    terminal never acts on text from a file (deadlines.safe.terminal)."""
    from deadlines.safe import terminal

    return terminal(text)


def _set_by(ctx: click.Context | None, name: str, envvar: str) -> str:
    """Who set an option that was not on the command line: its environment variable, or the
    .deadlines.toml file (its path); "" for the command line or the built-in default."""
    source = ctx.get_parameter_source(name) if ctx is not None else None
    if source is click.core.ParameterSource.ENVIRONMENT:
        return envvar
    if source is click.core.ParameterSource.DEFAULT_MAP:
        return find_config() or ".deadlines.toml"
    return ""


class SourcedOption(click.Option):
    """An option that can be set from the environment or .deadlines.toml: a bad value's error
    names where it came from (click names the environment variable whatever the source)."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        hint = " / ".join(f"'{x}'" for x in self.opts)
        envvar = self.envvar if isinstance(self.envvar, str) else ""
        who = _set_by(ctx, self.name or "", envvar)
        if not who:
            return hint
        return f"{hint} (env var: '{who}')" if who == envvar else f"{hint} (from {who})"


# A hyphen inside a word, while help is wrapped: a private-use stand-in, put back after.
_HYPHEN = "\ue02d"
_IN_WORD = re.compile(r"(?<=\w)-(?=\w)")


class HelpFormatter(click.HelpFormatter):
    """click's help layout, except that no line breaks at a hyphen inside a word: a pack name,
    rule id or counting (`england-executive`, `working-days-after`) stays whole, to be copied
    as it stands."""

    def write_text(self, text: str) -> None:
        super().write_text(_IN_WORD.sub(_HYPHEN, text))

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        whole = [(_IN_WORD.sub(_HYPHEN, term), _IN_WORD.sub(_HYPHEN, text)) for term, text in rows]
        super().write_dl(whole, col_max, col_spacing)

    def getvalue(self) -> str:
        return super().getvalue().replace(_HYPHEN, "-")


class Context(click.Context):
    formatter_class = HelpFormatter


class OnceCommand(click.Command):
    """A command whose single-value options are given at most once each: a second --decision
    with another date is refused (click would keep the last, silently), as --received and
    --event received= that disagree are."""

    context_class = Context

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _refuse_repeats(self.params, args)
        return super().parse_args(ctx, args)


def _refuse_repeats(params: list[click.Parameter], args: list[str]) -> None:
    """BadInput when an option that takes one value is given twice with different values."""
    options = {o: p for p in params if isinstance(p, click.Option) for o in p.opts}
    seen: dict[str, str] = {}  # option name -> its value
    words = iter(args)
    for arg in words:
        if arg == "--":
            break
        if arg.startswith("--"):
            name, inline, value = arg.partition("=")
        else:  # -o FILE, or -oFILE
            name, value = arg[:2], arg[2:]
            inline = value
        option = options.get(name)
        if option is None or option.is_flag or option.count:
            continue
        if not inline:
            value = next(words, "")  # its value, whatever it looks like
        if option.multiple or option.name is None:
            continue
        first = seen.setdefault(option.name, value)
        if first != value:
            msg = (
                f"{name} is given twice ({first} and {value}); expected it once (the value to use)"
            )
            raise BadInput(_one_line(msg))


class SubGroup(click.Group):
    """A group of commands under `deadlines` (moderngov): its help laid out as the others'."""

    context_class = Context
    command_class = OnceCommand


class DeadlinesGroup(click.Group):
    """Maps every DeadlinesError from the core to exit 2 in one place; one-line messages.

    Defaults come from the command line, else the environment (DEADLINES_REGION, _PACK,
    _RULES: the options' envvar), else a .deadlines.toml found from the current directory up
    (click's default_map), else the built-in default."""

    command_class = OnceCommand  # moderngov's fetch names it as its class
    context_class = Context
    group_class = SubGroup  # `@cli.group`

    # The commands defined in deadlines.commands (with a group's own subcommands), imported
    # only when one of them is asked for: `deadlines compute` does not pay for defining the
    # others at start-up. tests/test_habits.py holds these names to the ones it defines.
    LAZY: ClassVar[dict[str, tuple[str, ...]]] = {
        "calendar": (), "check": (), "completion": (), "config": (), "explain": (),
        "holidays": (), "law": (), "moderngov": ("fetch",), "rules": (),
    }  # fmt: skip

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands:  # a lazy command, or a typo to suggest one for
            import deadlines.commands  # noqa: F401 - registers each command on this group
        return super().get_command(ctx, cmd_name)

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            if "default_map" not in kwargs:
                kwargs["default_map"] = _file_defaults(self)
            return super().make_context(*args, **kwargs)
        except click.ClickException as e:
            e.message = _one_line(e.message)  # type: ignore[misc]
            raise
        except BrokenPipeError:  # --help or --version into a closed pipe: as in invoke()
            raise _PipeClosed from None

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DeadlinesError as e:
            raise BadInput(_one_line(str(e))) from e
        except click.ClickException as e:  # a usage error of a subcommand, with user text in it
            e.message = _one_line(e.message)  # type: ignore[misc]
            raise
        except BrokenPipeError:
            raise _PipeClosed from None


class IsoDate(click.ParamType):
    """A calendar date: YYYY-MM-DD always; DD/MM/YYYY and "8 June 2015" with --dayfirst
    (deadlines.dates, the one parser `check` uses too); else "did you mean" when it can tell."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        from deadlines.dates import DateTextError, parse_date

        if isinstance(value, date):
            return value
        dayfirst = bool(ctx is not None and ctx.params.get("dayfirst"))
        try:
            return parse_date(str(value), dayfirst)
        except DateTextError as e:
            self.fail(f"{value!r} {e}", param, ctx)
        raise AssertionError  # unreachable: fail() raises


ISO_DATE = IsoDate()


class Whole(click.IntRange):
    """A whole number written in the digits 0-9 only, within a range: int() would also take
    fullwidth or Arabic-Indic digits, underscores and spaces ("2_015", " 2015"), which no user
    means and a log would show differently from the number used. A minus sign before the
    digits is read, so that a negative number is told the range it is outside."""

    name = "whole number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        digits = value[1:] if isinstance(value, str) and value[:1] == "-" else value
        if isinstance(value, str) and not (digits.isascii() and digits.isdigit()):
            with contextlib.suppress(ValueError):  # what int() refuses, click names as such
                int(value)
                self.fail(f"{value!r} is not a whole number in the digits 0-9", param, ctx)
        number: int = super().convert(value, param, ctx)
        return number


# Path types are stateless: one of each, shared by every option (each costs a gettext lookup).
EXISTING_FILE = click.Path(exists=True, dir_okay=False)
FILE = click.Path(dir_okay=False)
ANY_PATH = click.Path(dir_okay=True)


def _pairs(values: tuple[str, ...], option: str, example: str) -> dict[str, str]:
    """NAME=VALUE options (repeatable) as a dict; a malformed one names itself, and one name
    given twice with different values is refused (neither silently wins)."""
    out: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip() or not text.strip():
            metavar = "ID=COUNTING" if option == "--convention" else "NAME=DATE"
            msg = f"{option} {value!r} is not {metavar}; expected e.g. {example}"
            raise BadInput(msg)
        name, text = name.strip(), text.strip()
        if out.get(name, text) != text:
            msg = (
                f"{option} {name}={out[name]} and {option} {name}={text} disagree; expected "
                f"one value for {name!r}"
            )
            raise BadInput(msg)
        out[name] = text
    return out


def _conventions(values: tuple[str, ...]) -> dict[str, str]:
    return _pairs(values, "--convention", "forward-plan-notice=clear-working-days")


def _dated(
    values: tuple[str, ...],
    option: str,
    example: str,
    options: dict | None = None,
    dayfirst: bool = False,
) -> dict[str, date]:
    """--event / --actual NAME=DATE: names as in rule files (dashes read as underscores).

    `options`: the dedicated options for some names (--received, --implemented ...), by name;
    a NAME=DATE that disagrees with one of them is refused, as is the same name spelt with
    dashes and with underscores and two dates.
    """
    from deadlines.dates import DateTextError, parse_date

    out: dict[str, date] = {}
    for name, text in _pairs(values, option, example).items():
        try:
            day = parse_date(text, dayfirst)
        except DateTextError as e:
            msg = f"{option} {name}={text}: {text!r} {e}"
            raise BadInput(msg) from None
        key = name.replace("-", "_")
        if out.get(key, day) != day:
            msg = f"{option} {name}={text} disagrees with {out[key]}; expected one date for {key!r}"
            raise BadInput(msg)
        given = (options or {}).get(key)
        if given is not None and given != day:
            flag = f"--{key.replace('_', '-')}"
            msg = (
                f"{option} {name}={text} and {flag} {given.isoformat()} disagree; expected one "
                f"date for {key!r}"
            )
            raise BadInput(msg)
        out[key] = day
    return out


def _own_options() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The events and acts of the default pack that have options of their own (`option = true`
    in its rule file): (name, help) each, in the pack's order."""
    from deadlines.rules import builtin

    rules = builtin()
    events = [(e.name, e.help) for e in rules.events.values() if e.option]
    acts = [(a.name, a.help) for a in rules.actuals.values() if a.option]
    return events, acts


_EVENT_OPTIONS, _ACTUAL_OPTIONS = _own_options()


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _region_option(text: str = "Whose bank holidays count; united-kingdom is any part of the UK."):
    return click.option(
        "--region",
        type=click.Choice(REGIONS, case_sensitive=False),
        default="england-and-wales",
        show_default=True,
        envvar="DEADLINES_REGION",
        show_envvar=True,
        cls=SourcedOption,
        help=text,
    )


_bank_holidays_option = click.option(
    "--bank-holidays",
    "bank_holidays",
    type=EXISTING_FILE,
    help=(
        "A newer bank-holiday file in the gov.uk format (bank-holidays.json); it replaces the "
        "shipped data for the years it covers."
    ),
)


_appointed_option = click.option(
    "--appointed-days",
    "appointed_days",
    type=EXISTING_FILE,
    metavar="FILE",
    help=(
        "Days appointed for public thanksgiving or mourning (JSON list of {date, title}, or the "
        "gov.uk format): election timetables disregard them."
    ),
)


_pack_option = click.option(
    "--pack",
    default="england-executive",
    show_default=True,
    metavar="NAME",
    envvar="DEADLINES_PACK",
    show_envvar=True,
    cls=SourcedOption,
    help=f"The built-in rules to use: {', '.join(pack_names())} (deadlines rules --packs says "
    "what each covers).",
)
_rules_option = click.option(
    "--rules",
    "rules_file",
    type=ANY_PATH,
    metavar="FILE",
    envvar="DEADLINES_RULES",
    show_envvar=True,
    cls=SourcedOption,
    help="A rule file (TOML) that adds rules to the pack, changes some of their fields, or "
    "replaces the set (examples/council-pack.toml shows how).",
)


def _ruleset(params: dict[str, Any]) -> RuleSet:
    """The rules in force: --pack, extended or replaced by --rules."""
    from deadlines.rules import load

    name = params.get("pack")
    if name is None:  # not an option of this command
        name = BUILTIN
    try:
        return load(params.get("rules_file"), name)
    except DeadlinesError as e:  # a bad pack or rule file set in the environment or the file
        ctx = click.get_current_context(silent=True)
        if name not in pack_names():
            who = _set_by(ctx, "pack", "DEADLINES_PACK")
        else:
            who = _set_by(ctx, "rules_file", "DEADLINES_RULES")
        if not who:
            raise
        raise type(e)(f"{e} (set by {who})") from None


_dayfirst_option = click.option(
    "--dayfirst",
    is_flag=True,
    is_eager=True,  # read before the dates it changes, wherever it is on the line
    help="Also accept UK dates as people type them: DD/MM/YYYY (08/06/2015 is 8 June) and "
    "8 June 2015. Without it, only YYYY-MM-DD; a date that could be read two ways is an "
    "error (or a row error), never a guess.",
)
_strict_option = click.option(
    "--strict",
    is_flag=True,
    help="Treat a warning (an input that is probably a mistake, e.g. a decision on a Sunday) "
    "as an error: exit 2.",
)


def _warn(warnings: tuple[str, ...] | list[str], strict: bool, where: str = "") -> None:
    """`Warning: ...` lines on stderr; with --strict the first one ends the run (exit 2)."""
    for text in warnings:
        click.echo(f"Warning: {where}{_one_line(text)}", err=True)
    if strict and warnings:
        n = len(warnings)
        msg = (
            f"{where}{warnings[0]} ({n} warning{'' if n == 1 else 's'}; --strict treats "
            "warnings as errors; expected inputs without warnings, or no --strict)"
        )
        raise BadInput(_one_line(msg))


# The format an -o file's extension asks for, when --format is not given.
_EXTENSIONS = {
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".ics": "ics",
    ".xml": "junit",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".txt": "table",
}


def _format_for(command: str, format_: str | None, output: str | None) -> str:
    """--format, else the one -o's extension names (if this command writes it), else table."""
    if format_:
        return format_
    if output and output != "-":
        ext = os.path.splitext(output)[1].lower()
        chosen = _EXTENSIONS.get(ext)
        if chosen in formats(command):
            return chosen
        if chosen is not None:  # a format of another command: never table text under its name
            msg = (
                f"-o {output!r}: {command} does not write {chosen} ({ext}); expected --format "
                f"one of {', '.join(formats(command))}, or an -o name ending "
                f"{', '.join(e for e, f in _EXTENSIONS.items() if f in formats(command))}"
            )
            raise BadInput(_one_line(msg))
    return "table"


def _input_options(fn):
    """The inputs shared by every command that computes deadlines."""
    options = [
        *(
            click.option(f"--{name.replace('_', '-')}", name, type=ISO_DATE, help=_sentence(text))
            for name, text in _EVENT_OPTIONS
        ),
        *(
            click.option(
                f"--{name.replace('_', '-')}", name, type=ISO_DATE, help=f"Actual date: {text}."
            )
            for name, text in _ACTUAL_OPTIONS
        ),
        click.option(
            "--event",
            "events",
            multiple=True,
            metavar="NAME=DATE",
            help="Date of any event the rules count from, e.g. meeting=2015-07-14 or "
            "received=2015-07-10 (deadlines rules lists each pack's events). Repeatable.",
        ),
        click.option(
            "--actual",
            "actuals",
            multiple=True,
            metavar="NAME=DATE",
            help="The day an act was really done, by the rule's actual name, e.g. "
            "responded=2015-08-07 or agenda_published=2015-07-06. Repeatable.",
        ),
        _pack_option,
        _rules_option,
        _region_option(),
        _bank_holidays_option,
        _appointed_option,
        click.option(
            "--meetings",
            type=FILE,
            help=(
                "With --received and no --decision: a file of scheduled meeting dates (one "
                "YYYY-MM-DD per line, or CSV with a 'date' column; DD/MM/YYYY too with "
                "--dayfirst); the plan picks the latest that still works, and exits 1 if none "
                "does."
            ),
        ),
        click.option(
            "--no-plan",
            "no_plan",
            is_flag=True,
            help="With --received and no --decision: do not plan the decision chain backwards.",
        ),
        click.option(
            "--convention",
            "conventions",
            multiple=True,
            metavar="ID=COUNTING",
            help=(
                "Count one rule another way, e.g. forward-plan-notice=clear-working-days. "
                "Countings: working-days-after, working-days-beginning-with, clear-days, "
                "clear-working-days (corresponding-date for a calendar-month rule). Repeatable."
            ),
        ),
        _dayfirst_option,
        _strict_option,
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _format_option(command: str, help_extra: str = ""):
    return click.option(
        "--format",
        "format_",
        type=click.Choice(formats(command)),
        default=None,
        help="table for people; json (schema deadlines/1) for pipes"
        + help_extra
        + " [default: table, or the format -o's extension names (.json, .csv, ...)]",
    )


_notes_option = click.option(
    "--notes",
    type=click.Choice(("full", "short", "none")),
    default="full",
    show_default=True,
    help="The notes below a table: full; short (each note's first sentence, said once); "
    "none. JSON always has them all.",
)

_output_option = click.option(
    "--output",
    "-o",
    type=ANY_PATH,
    help="Write to FILE instead of stdout, atomically (never a half-written file).",
)


def _emit(data: str | bytes, output: str | None, inputs: tuple = ()) -> None:
    """Print, or write the file atomically (deadlines.output: the one output path)."""
    from deadlines.output import is_stdout, write_atomic, write_stdout

    if output is None or is_stdout(output):
        write_stdout(data)
    else:
        write_atomic(output, data.encode("utf-8") if isinstance(data, str) else data, inputs)


def _inputs(params: dict) -> tuple:
    """The run's input files, never to be the output: its rule, bank-holiday, meetings and
    appointed-days files, and the .deadlines.toml its settings came from."""
    return (
        *(params.get(k) for k in ("rules_file", "bank_holidays", "meetings", "appointed_days")),
        find_config(),
    )


def _show(
    command: str,
    format_: str,
    output: str | None,
    *args: object,
    inputs: tuple = (),
    table: dict | None = None,
    **context: object,
) -> None:
    """Render with the registry's renderer for this command and format; print or write it.

    `inputs`: the run's input files, never to be overwritten; `context`: the holiday data and
    rules used, for the renderers that name them (html)."""
    from deadlines.output import is_stdout
    from deadlines.render import renderer

    chosen = renderer(command, format_)
    render = chosen.load()
    if not chosen.console:
        _emit(render(*args, **(context if chosen.context else {})), output, inputs)
    elif not is_stdout(output):  # a rich rendering as plain text: no colour, 120 columns
        import io

        buffer = io.StringIO()
        render(*args, file=buffer, width=120, **(table or {}))
        _emit(buffer.getvalue(), output, inputs)
    else:
        render(*args, **(table or {}))


def _holidays(params: dict[str, Any]) -> HolidayData | None:
    data = None
    if params.get("bank_holidays"):
        from deadlines.holiday_data import from_govuk_file

        data = from_govuk_file(params["bank_holidays"])
    if params.get("appointed_days"):
        from deadlines.holiday_data import with_appointed

        data = with_appointed(params["appointed_days"], data)
    return data


def _run_compute(
    params: dict[str, Any], holidays: HolidayData | None = None, rules: RuleSet | None = None
) -> Result:
    from deadlines.compute import compute

    rules = rules or _ruleset(params)
    founding = {name: params[name] for name, _ in _EVENT_OPTIONS}
    dayfirst = bool(params.get("dayfirst"))
    events = _dated(params.get("events", ()), "--event", "meeting=2015-07-14", founding, dayfirst)
    for name, _ in _EVENT_OPTIONS:
        if params[name] is not None:
            events[name] = params[name]
    if not events:
        names = ", ".join(n for n, e in rules.events.items() if e.defaults_to is None)
        msg = (
            f"nothing to compute: expected the date of an event the rules count from "
            f"({names}), e.g. --received DATE, --decision DATE or --event NAME=DATE"
        )
        raise click.UsageError(msg)
    for name, _ in _EVENT_OPTIONS:  # an event that defaults to another needs that one too
        default = rules.events[name].defaults_to if name in rules.events else None
        if params[name] is not None and default is not None and default not in events:
            flag, needed = f"--{name.replace('_', '-')}", f"--{default.replace('_', '-')}"
            msg = f"{flag} needs {needed}; expected both"
            raise click.UsageError(msg)
    if params.get("no_plan"):
        _check_no_plan(rules, events)
    meetings = None
    if params.get("meetings"):
        from deadlines.inputs import read_meetings

        meetings = read_meetings(params["meetings"], dayfirst)
    dedicated = {k: params[k] for k, _ in _ACTUAL_OPTIONS}
    actual = _dated(
        params.get("actuals", ()), "--actual", "responded=2015-08-07", dedicated, dayfirst
    )
    actual.update({k: params[k] for k, _ in _ACTUAL_OPTIONS if params[k] is not None})
    return compute(
        region=params["region"],
        events=events,
        actual=actual,
        conventions=_conventions(params["conventions"]),
        rules=rules,
        holidays=holidays,
        meetings=meetings,
        plan=not params.get("no_plan"),
    )


def _check_no_plan(rules: RuleSet, events: dict[str, date]) -> None:
    """--no-plan where a plan would be made, or a usage error saying why none would be: the
    rules plan nothing, the planned event is given, or the event the plan counts back from
    (the target rule's reference, the receipt) is not."""
    why = None
    if rules.plan is None:
        why = f"the rules ({rules.name}) plan no event backwards"
    elif rules.plan.event in events:
        event = rules.plan.event
        why = f"a {event} date is given, so there is no {event} date to plan"
    else:
        start = rules.rule(rules.plan.target).reference
        given = set(events)  # with the events that default to one given (logged <- received)
        while more := {n for n, e in rules.events.items() if e.defaults_to in given} - given:
            given |= more
        if start not in given:
            why = (
                f"no {start} date is given, so {rules.plan.target} (counted from it) gives "
                f"nothing to plan from"
            )
    if why is not None:
        msg = f"--no-plan has nothing to leave out: {why}; expected it only where a plan is made"
        raise click.UsageError(msg)


# -- defaults: environment and .deadlines.toml ---------------------------------------------

CONFIG_NAME = ".deadlines.toml"
# key in the file -> (the options' parameter name, its environment variable, built-in default)
_SETTINGS = {
    "region": ("region", "DEADLINES_REGION", "england-and-wales"),
    "pack": ("pack", "DEADLINES_PACK", "england-executive"),
    "rules": ("rules_file", "DEADLINES_RULES", None),
    "dayfirst": ("dayfirst", None, False),
}


def find_config(start: str | None = None) -> str | None:
    """The nearest .deadlines.toml from `start` (the current directory) upward, or None."""
    here = os.path.abspath(start or os.getcwd())
    while True:
        candidate = os.path.join(here, CONFIG_NAME)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(here)
        if parent == here:
            return None
        here = parent


def read_config(path: str) -> dict[str, object]:
    """The settings of a .deadlines.toml: region, pack, rules (relative to the file), dayfirst."""
    import tomllib

    try:
        with open(path, "rb") as f:
            raw = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        msg = f"cannot read {path!r}: {e}; expected a TOML file with region, pack or rules"
        raise BadInput(_one_line(msg)) from None
    out: dict[str, object] = {}
    for key, value in raw.items():
        if key not in _SETTINGS:
            msg = f"{path!r}: unknown setting {key!r}; expected any of {', '.join(_SETTINGS)}"
            raise BadInput(_one_line(msg))
        want = bool if key == "dayfirst" else str
        if not isinstance(value, want):
            msg = f"{path!r}: {key} = {value!r}; expected a {want.__name__}"
            raise BadInput(_one_line(msg))
        out[key] = os.path.join(os.path.dirname(path), str(value)) if key == "rules" else value
    return out


def _file_defaults(group: click.Group) -> dict[str, dict[str, object]]:
    """click's default_map for every command, from the nearest .deadlines.toml."""
    path = find_config()
    if path is None:
        return {}
    values = {_SETTINGS[k][0]: v for k, v in read_config(path).items()}
    out: dict[str, dict] = {}
    lazy = getattr(group, "LAZY", {})
    for name in group.list_commands(click.Context(group)):
        out[name] = dict(values)  # a group's subcommands by name, without importing them
        out[name].update({sub: dict(values) for sub in lazy.get(name, ())})
    return out


def settings() -> list[tuple[str, object, str]]:
    """(setting, value in force, where it came from) for each setting."""
    path = find_config()
    from_file = read_config(path) if path else {}
    out: list[tuple[str, object, str]] = []
    for key, (_, env, builtin) in _SETTINGS.items():
        if env and os.environ.get(env):
            out.append((key, os.environ[env], f"environment {env}"))
        elif key in from_file:
            out.append((key, from_file[key], f"file {path}"))
        else:
            out.append((key, builtin, "built-in default"))
    return out


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from deadlines import holiday_data

    data = holiday_data.shipped()
    through = ", ".join(f"{k} {v.isoformat()}" for k, v in sorted(data.confirmed_through.items()))
    click.echo(f"deadlines {__version__}")
    click.echo(f"bank holidays: {data.source}; confirmed through {through}")
    click.echo(f"Python {sys.version.split()[0]}")
    ctx.exit(0)


@click.group(
    cls=DeadlinesGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version and the holiday data's source and dates, and exit.",
)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Statutory deadlines for UK local government, with the working shown.

    Every date is the legal boundary under the cited rule, counted on the bank holidays of the
    chosen region, with the nearest working day on the safe side beside it.

    \b
    The founding case (Ofsted report received 12 May 2015, Cabinet decision 8 June 2015):
      deadlines compute --received 2015-05-12 --decision 2015-06-08
      deadlines compute --received 2015-05-12 --format json

    \b
    Defaults: --region, --pack and --rules from DEADLINES_REGION, DEADLINES_PACK and
    DEADLINES_RULES, else from a .deadlines.toml in this directory or above (deadlines config).
    """
    if ctx.invoked_subcommand is None:  # `deadlines` alone: the help, as --help gives it
        click.echo(ctx.get_help())
        ctx.exit(0)


@cli.command()
@_input_options
@_format_option(
    "compute",
    help_extra="; csv, one row per deadline; ics, a calendar file; html, a report to attach.",
)
@_output_option
@_notes_option
def compute(format_: str | None, output: str | None, notes: str, **params: object) -> None:
    """Compute every statutory date that follows from the given events.

    \b
    --received alone: publish the inspection report (30 working days after receipt) and the
    written statement of action (70 working days).
    --decision adds the key-decision chain: forward-plan notice (28 clear days before), report
    public (5 clear working days before), call-in end and earliest implementation (5 clear
    working days after the decision is published).

    --received without --decision plans the chain backwards instead: the latest decision whose
    earliest implementation still meets the statement-of-action deadline, and the forward-plan
    and report dates for it, each marked PLANNED (--meetings picks a scheduled meeting;
    --no-plan leaves the chain out).

    Give an actual date (--forward-plan, --report-published, ...) to check it: each deadline is
    then met or missed, with the margin in the rule's own unit, and the exit code is 1 if any
    was missed (or if no scheduled meeting works).

    Other rules come in packs (--pack; `deadlines rules --packs`) or from a council's own rule
    file (--rules FILE). Their events are given with --event NAME=DATE and their acts with
    --actual NAME=DATE; `deadlines rules --pack NAME` lists both.

    \b
    Examples:
      deadlines compute --received 2015-05-12 --decision 2015-06-08
      deadlines compute --decision 2015-06-08 --forward-plan 2015-05-07 --format json
      deadlines compute --received 2015-05-12 --meetings cabinet-2015.txt
      deadlines compute --received 2015-05-12 --decision 2015-06-08 --format ics -o dates.ics
      deadlines compute --decision 2015-06-08 \\
        --convention forward-plan-notice=clear-working-days
      deadlines compute --pack information-requests --received 2015-07-10
      deadlines compute --pack wales --event meeting=2015-07-14
      deadlines compute --decision 2015-06-08 --rules examples/council-pack.toml
    """
    from deadlines.output import check_target, is_stdout

    format_ = _format_for("compute", format_, output)
    if output is not None and not is_stdout(output):
        check_target(output, _inputs(params))
    holidays = _holidays(params)
    rules = _ruleset(params)
    result = _run_compute(params, holidays, rules)
    _warn(result.warnings, bool(params.get("strict")))
    _show("compute", format_, output, result, inputs=_inputs(params), holidays=holidays,
          rules=rules, table={"notes": notes})  # fmt: skip
    _exit_if_failed(result)


def _exit_if_failed(result: Result, say: bool = False) -> None:
    """Exit 1 if an actual date missed its deadline or no scheduled meeting works: the same
    inputs end `compute`, `calendar` and `explain` with the same code. `say`: first name each
    failure on stderr (explain shows one rule, and the one that failed may be another)."""
    plan = result.plan
    plan_failed = plan is not None and plan.meeting_found is False
    missed = [d for d in result.deadlines if d.status == "missed"]
    if not (missed or plan_failed):
        return
    if say:  # the lines the calendar prints below its legend, plain
        from deadlines.render.table import plan_head
        from deadlines.safe import terminal
        from deadlines.wording import missed_line

        if plan is not None and plan_failed:
            click.echo(plan_head(plan).plain, err=True)
        for d in missed:
            if d.actual is not None:
                click.echo(terminal(missed_line(d)), err=True)
    sys.exit(1)


def main() -> None:
    """Console-script entry: Ctrl-C exits 130, SIGTERM 143, SIGHUP 129, each with one line; a
    closed pipe ends quietly (exit 0); output that cannot be written is one Error line, exit 2."""
    from deadlines.output import ClosedStdout, Interrupted, describe_write_error, handle_signals

    handle_signals()
    if sys.stdout is None:  # started with stdout closed (>&-): writing it is an error
        sys.stdout = ClosedStdout()
    with contextlib.suppress(AttributeError, ValueError):
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]  # an Error line always fits stderr
    try:
        try:
            code = cli.main(prog_name="deadlines", standalone_mode=False)
        except SystemExit as e:
            code = e.code
        sys.stdout.flush()  # a full disk or closed stdout shows here, not at interpreter exit
    except (KeyboardInterrupt, click.exceptions.Abort):
        _quiet_stdout()
        click.echo("\nError: interrupted", err=True)
        sys.exit(130)
    except Interrupted as e:
        _quiet_stdout()
        click.echo(f"\nError: interrupted ({e.signame})", err=True)
        sys.exit(e.exit_code)
    except click.ClickException as e:
        e.show()
        sys.exit(e.exit_code)
    except (BrokenPipeError, _PipeClosed):
        # `deadlines ... | head`: stop quietly; point stdout at devnull so the last flush is silent.
        _quiet_stdout()
        sys.exit(0)
    except (OSError, UnicodeEncodeError, ValueError) as e:
        closed = "closed file" in str(e)
        if isinstance(e, ValueError) and not isinstance(e, UnicodeEncodeError) and not closed:
            raise
        _quiet_stdout()
        click.echo(f"Error: {_one_line(describe_write_error(e))}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0 if code is None else 1)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
