"""The command line: parse, call the core, choose a renderer, map errors. click only.

Exit codes: 0 success; 1 a checked date was missed; 2 bad input or usage, with one
`Error: ...` line last on stderr; 130 when interrupted. rich is imported only for tables.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from datetime import date

import click

from deadlines._version import __version__
from deadlines.calendar import REGIONS
from deadlines.errors import DeadlinesError
from deadlines.render import formats

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)  # not fullwidth digits: see check._ISO


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


class DeadlinesGroup(click.Group):
    """Maps every DeadlinesError from the core to exit 2 in one place; one-line messages."""

    def make_context(self, *args: object, **kwargs: object) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as e:
            e.message = _one_line(e.message)
            raise

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except DeadlinesError as e:
            raise BadInput(_one_line(str(e))) from e
        except click.ClickException as e:  # a usage error of a subcommand, with user text in it
            e.message = _one_line(e.message)
            raise
        except BrokenPipeError:
            raise _PipeClosed from None


class IsoDate(click.ParamType):
    """A calendar date written YYYY-MM-DD, and nothing looser."""

    name = "YYYY-MM-DD"

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> date:
        if isinstance(value, date):
            return value
        text = str(value).strip()
        if not _ISO.fullmatch(text):
            self.fail(f"{value!r} is not a date; expected YYYY-MM-DD, e.g. 2015-05-12", param, ctx)
        try:
            return date.fromisoformat(text)
        except ValueError as e:
            self.fail(f"{value!r} is not a real date ({e}); expected YYYY-MM-DD", param, ctx)
        raise AssertionError  # unreachable: fail() raises


ISO_DATE = IsoDate()


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
    values: tuple[str, ...], option: str, example: str, options: dict | None = None
) -> dict[str, date]:
    """--event / --actual NAME=DATE: names as in rule files (dashes read as underscores).

    `options`: the dedicated options for some names (--received, --implemented ...), by name;
    a NAME=DATE that disagrees with one of them is refused, as is the same name spelt with
    dashes and with underscores and two dates.
    """
    out: dict[str, date] = {}
    for name, text in _pairs(values, option, example).items():
        try:
            day = ISO_DATE.convert(text, None, None)
        except click.BadParameter as e:
            msg = f"{option} {name}={text}: {e.message}"
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
        type=click.Choice(REGIONS),
        default="england-and-wales",
        show_default=True,
        help=text,
    )


_bank_holidays_option = click.option(
    "--bank-holidays",
    "bank_holidays",
    type=click.Path(exists=True, dir_okay=False),
    help=(
        "A newer bank-holiday file in the gov.uk format (bank-holidays.json); it replaces the "
        "shipped data for the years it covers."
    ),
)


_appointed_option = click.option(
    "--appointed-days",
    "appointed_days",
    type=click.Path(exists=True, dir_okay=False),
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
    help="The built-in rules to use: england-executive, england-council, wales, "
    "information-requests, and the election packs england-local, england-parish, wales-local, "
    "wales-community, scotland-local, uk-parliament (deadlines rules --packs).",
)
_rules_option = click.option(
    "--rules",
    "rules_file",
    type=click.Path(dir_okay=True),
    metavar="FILE",
    help="A rule file (TOML) that adds rules to the pack, changes some of their fields, or "
    "replaces the set (examples/council-pack.toml shows how).",
)


def _ruleset(params: dict) -> object:
    """The rules in force: --pack, extended or replaced by --rules."""
    from deadlines.rules import load

    return load(params.get("rules_file"), params.get("pack") or "england-executive")


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
            type=click.Path(dir_okay=False),
            help=(
                "With --received and no --decision: a file of scheduled meeting dates (one "
                "YYYY-MM-DD per line, or CSV with a 'date' column); the plan picks the latest "
                "that still works, and exits 1 if none does."
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
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _format_option(command: str, help_extra: str = ""):
    return click.option(
        "--format",
        "format_",
        type=click.Choice(formats(command)),
        default="table",
        show_default=True,
        help="table for people; json (schema deadlines/1) for pipes" + help_extra,
    )


_output_option = click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=True),
    help="Write to FILE instead of stdout, atomically (never a half-written file).",
)


def _emit(data: str | bytes, output: str | None, inputs: tuple = ()) -> None:
    """Print, or write the file atomically (deadlines.output: the one output path)."""
    from deadlines.output import is_stdout, write_atomic, write_stdout

    if is_stdout(output):
        write_stdout(data)
    else:
        write_atomic(output, data.encode("utf-8") if isinstance(data, str) else data, inputs)


def _inputs(params: dict) -> tuple:
    return tuple(
        params.get(k) for k in ("rules_file", "bank_holidays", "meetings", "appointed_days")
    )


def _show(
    command: str,
    format_: str,
    output: str | None,
    *args: object,
    inputs: tuple = (),
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
        render(*args, file=buffer, width=120)
        _emit(buffer.getvalue(), output, inputs)
    else:
        render(*args)


def _holidays(params: dict) -> object:
    data = None
    if params.get("bank_holidays"):
        from deadlines.holiday_data import from_govuk_file

        data = from_govuk_file(params["bank_holidays"])
    if params.get("appointed_days"):
        from deadlines.holiday_data import with_appointed

        data = with_appointed(params["appointed_days"], data)
    return data


def _run_compute(params: dict, holidays: object = None, rules: object = None) -> object:
    from deadlines.compute import compute

    rules = rules or _ruleset(params)
    founding = {name: params[name] for name, _ in _EVENT_OPTIONS}
    events = _dated(params.get("events", ()), "--event", "meeting=2015-07-14", founding)
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
    meetings = None
    if params.get("meetings"):
        from deadlines.inputs import read_meetings

        meetings = read_meetings(params["meetings"])
    dedicated = {k: params[k] for k, _ in _ACTUAL_OPTIONS}
    actual = _dated(params.get("actuals", ()), "--actual", "responded=2015-08-07", dedicated)
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


@click.group(cls=DeadlinesGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="deadlines")
def cli() -> None:
    """Statutory deadlines for UK local government, with the working shown.

    Every date is the legal boundary under the cited rule, counted on the bank holidays of the
    chosen region, with the nearest working day on the safe side beside it.

    \b
    The founding case (Ofsted report received 12 May 2015, Cabinet decision 8 June 2015):
      deadlines compute --received 2015-05-12 --decision 2015-06-08
      deadlines compute --received 2015-05-12 --format json
    """


@cli.command()
@_input_options
@_format_option(
    "compute",
    help_extra="; csv, one row per deadline; ics, a calendar file; html, a report to attach.",
)
@_output_option
def compute(format_: str, output: str | None, **params: object) -> None:
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

    if not is_stdout(output):
        check_target(output, _inputs(params))
    holidays = _holidays(params)
    rules = _ruleset(params)
    result = _run_compute(params, holidays, rules)
    _show("compute", format_, output, result, inputs=_inputs(params), holidays=holidays,
          rules=rules)  # fmt: skip
    if any(d.status == "missed" for d in result.deadlines) or (
        result.plan is not None and result.plan.meeting_found is False
    ):
        sys.exit(1)


@cli.command(name="calendar")
@_input_options
@click.option(
    "--format",
    "format_",
    type=click.Choice(formats("calendar")),
    default="table",
    show_default=True,
    help="table, the picture; html, a report to attach (with -o FILE).",
)
@_output_option
def calendar_picture(format_: str, output: str | None, **params: object) -> None:
    """Draw the months from the first reference date to the last deadline.

    Marks: (12) a reference date, [24] a deadline (the legal boundary, and the safe working day
    when it differs), 25+ a day that is not a working day (bank holiday, Christmas Day, Good
    Friday); Saturday and Sunday are the last two columns. A legend names every mark. The marks
    need no colour, so the picture pastes into a report; NO_COLOR or a pipe drops the shading.

    \b
    Example:
      deadlines calendar --received 2015-05-12 --decision 2015-06-08
    """
    from deadlines.calendar import Calendar

    holidays = _holidays(params)
    rules = _ruleset(params)
    result = _run_compute(params, holidays, rules)
    if format_ == "html":  # the report draws its own month grids
        _show("calendar", format_, output, result, holidays=holidays, rules=rules)
    else:
        cal = Calendar(result.region, holidays=holidays).with_days(rules.days)  # the pack's days
        _show("calendar", format_, output, result, cal)


@cli.command()
@click.argument("rule_id", metavar="ID")
@_input_options
@_format_option("explain", help_extra="; html, a report to attach (with -o FILE).")
@_output_option
def explain(rule_id: str, format_: str, output: str | None, **params: object) -> None:
    """Show how one rule's date was reached, day by day.

    Takes the same inputs as `compute`. Every day between the reference date and the result is
    listed: counted (with its running number) or not, and why not (Saturday, Sunday, Christmas
    Day, Good Friday, or the bank holiday's name).

    \b
    Examples:
      deadlines explain ofsted-report-publication --received 2015-05-12
      deadlines explain forward-plan-notice --decision 2015-06-08 --format json
    """
    from deadlines.explain import explain as explain_rule

    holidays = _holidays(params)
    rules = _ruleset(params)
    result = _run_compute(params, holidays, rules)
    explanation = explain_rule(result, rule_id, holidays=holidays, rules=rules)
    _show("explain", format_, output, explanation, inputs=_inputs(params))


@cli.command()
@_region_option("Whose bank holidays to list.")
@click.option("--year", type=click.IntRange(1971, 2100), required=True, help="Year, 1971-2100.")
@_bank_holidays_option
@_format_option("holidays")
def holidays(region: str, year: int, format_: str, bank_holidays: str | None) -> None:
    """List the non-working weekdays of a year: name, and confirmed or projected.

    Saturdays and Sundays are never working days and are not listed. Christmas Day and Good
    Friday are closed by rule; bank holidays come from the gov.uk feed (confirmed), the
    `holidays` package before 2012 (historical) or after the feed ends (projected).

    \b
    Examples:
      deadlines holidays --region scotland --year 2026
      deadlines holidays --region united-kingdom --year 2015 --format json
    """
    from datetime import date

    from deadlines.calendar import Calendar

    cal = Calendar(region, holidays=_holidays({"bank_holidays": bank_holidays}))
    days = cal.closed_weekdays(date(year, 1, 1), date(year, 12, 31))
    _show("holidays", format_, None, cal, year, days)


@cli.command()
@click.argument("file", metavar="FILE")
@click.option(
    "--input-format",
    type=click.Choice(["csv", "json", "jsonl", "moderngov"]),
    help="How FILE is written; moderngov: the XML of a ModernGov GetMeetings or GetMeeting "
    "response, or a directory of them (deadlines moderngov fetch). [default: from the "
    "extension, else from the content]",
)
@click.option(
    "--dayfirst",
    is_flag=True,
    help="Also accept UK dates typed as DD/MM/YYYY (08/06/2015 is 8 June). Without it, only "
    "YYYY-MM-DD; a date that could be read two ways is a row error, never a guess.",
)
@_region_option("Region for rows without a region column (or with it empty).")
@_bank_holidays_option
@_appointed_option
@_pack_option
@_rules_option
@click.option(
    "--convention",
    "conventions",
    multiple=True,
    metavar="ID=COUNTING",
    help="Count one rule another way (as for compute). Repeatable.",
)
@click.option(
    "--event",
    "events",
    multiple=True,
    metavar="NAME=DATE",
    help="For a published timetable (a CSV with a step column): the poll and any other event "
    "its steps count from, e.g. poll=2024-05-02. Repeatable.",
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(formats("check")),
    default="table",
    show_default=True,
    help="table for people; json or jsonl (one row per line, streamed) for tools; junit or "
    "github (workflow annotations on the row's line) for CI; html, a report to attach.",
)
@_output_option
def check(  # noqa: PLR0913 - one parameter per option
    file: str,
    input_format: str | None,
    dayfirst: bool,
    region: str,
    bank_holidays: str | None,
    appointed_days: str | None,
    pack: str,
    rules_file: str | None,
    conventions: tuple[str, ...],
    events: tuple[str, ...],
    format_: str,
    output: str | None,
) -> None:
    """Check a governance calendar: every row's actual dates against its deadlines.

    FILE is CSV with a header, a JSON list of objects, or JSON Lines (.csv, .json, .jsonl; `-`
    reads standard input). Columns: received and/or decision (one is required), and any of
    decision_published, forward_plan, report_published, implemented, statement_published,
    ofsted_report_published, plus optional item and region. Other columns are ignored. Empty
    cells are not given. A UTF-8 byte-order mark and CRLF line ends are fine. With --pack or
    --rules, the columns are that pack's events and actual names (`deadlines rules` lists them).
    FILE may also be a ModernGov GetMeetings or GetMeeting XML response, or a directory of them
    saved by `deadlines moderngov fetch`: one row per meeting (README: Meetings from ModernGov).
    A CSV with a `step` column is a published election timetable: step (rule id), date (the
    date set) and optional published, with the poll given by --event poll=DATE or a poll column.

    Every row gives exactly one result, in order; a row that cannot be read is reported with
    the column and value at fault. Exit 0 when every row is ok, 1 when a rule is missed or a
    row has errors, 2 when the file itself cannot be read.

    \b
    Examples:
      deadlines check examples/governance-calendar-2015.csv
      deadlines check calendar.csv --dayfirst --format github
      deadlines check calendar.jsonl --format jsonl | jq 'select(.ok == false)'
      deadlines check audit-2026 --pack england-council --format html -o audit.html
    """
    from deadlines.check import (
        Checker,
        Summary,
        check_timetable,
        is_timetable,
        open_source,
        read_rows,
    )
    from deadlines.output import check_target, is_stdout

    inputs = (file, rules_file, bank_holidays, appointed_days)
    if not is_stdout(output):
        check_target(output, inputs)
    rules = _ruleset({"pack": pack, "rules_file": rules_file})
    holiday_data = _holidays({"bank_holidays": bank_holidays, "appointed_days": appointed_days})
    checker = Checker(
        region=region,
        dayfirst=dayfirst,
        conventions=_conventions(conventions),
        rules=rules,
        holidays=holiday_data,
    )
    stdin = sys.stdin.buffer if sys.stdin is not None else None  # None: started with <&-
    stream, fmt, size = open_source(file, input_format, stdin)
    where = "standard input" if file == "-" else file
    summary = Summary()
    with stream:
        if size and size > 1_000_000 and sys.stderr.isatty() and format_ != "table":
            stream = _with_progress(stream, size)
        known = (*checker.date_columns, "region")  # near misses of these are refused
        if is_timetable(stream, fmt):  # a published timetable: step, date, published
            given = _dated(events, "--event", "poll=2024-05-02")
            results = check_timetable(stream, where, checker, given)
        else:
            if events:
                msg = (
                    f"--event {events[0]} is for a published timetable; expected a CSV with a "
                    "'step' column, or the events as columns of the calendar"
                )
                raise BadInput(msg)
            results = checker.rows(read_rows(stream, fmt, where, checker.required, known))
        context = {"holidays": holiday_data, "rules": rules, "region": region}
        _write_check(results, summary, format_, where, output, inputs, context)
    if summary.failing or summary.errored:
        sys.exit(1)


def _write_check(  # noqa: PLR0913
    results, summary, format_: str, where: str, output, inputs, context: dict
) -> None:
    from deadlines.output import atomic_file, is_stdout
    from deadlines.render import renderer

    chosen = renderer("check", format_)
    write = chosen.load()
    extra = context if chosen.context else {}
    if is_stdout(output):  # the table prints to the terminal itself (colour, width)
        write(results, summary, None if format_ == "table" else sys.stdout, where, **extra)
        _no_rows(summary, where)
    else:
        with atomic_file(output, inputs=inputs) as f:
            write(results, summary, f, where, **extra)
            _no_rows(summary, where)  # inside: a run that ends in exit 2 replaces nothing


def _no_rows(summary, where: str) -> None:
    if summary.read == 0:
        msg = f"{where} has no data rows; expected at least one row under the header"
        raise BadInput(msg)


def _with_progress(stream, size: int):
    """A progress bar on stderr (a terminal) as the file is read."""
    import io
    import time

    from deadlines.check import CountingReader

    counting = CountingReader(stream)
    last = [0.0]

    class Progress(io.BufferedReader):
        def read1(self, n: int = -1) -> bytes:
            data = super().read1(n)
            now = time.monotonic()
            if now - last[0] > 0.2 or not data:
                last[0] = now
                done = counting.count / size
                bar = "#" * int(done * 30)
                sys.stderr.write(f"\r[{bar:<30}] {done:4.0%} of {size / 1e6:.1f} MB")
                if not data:
                    sys.stderr.write("\n")
                sys.stderr.flush()
            return data

    return Progress(counting)


@cli.command(name="rules")
@_pack_option
@_rules_option
@click.option("--packs", is_flag=True, help="List the built-in packs instead.")
@_format_option("rules")
def list_rules(pack: str, rules_file: str | None, packs: bool, format_: str) -> None:
    """List the rules in force: id, title, period in words, counting, relation, citation.

    The rules come from a built-in pack (--pack; england-executive by default), optionally
    extended, changed or replaced by a rule file (--rules FILE, TOML). The events each pack
    counts from are listed too: give their dates with --event NAME=DATE.

    \b
    Examples:
      deadlines rules
      deadlines rules --packs
      deadlines rules --pack information-requests --format json
      deadlines rules --rules examples/council-pack.toml
    """
    if packs:
        from deadlines.rules import pack as load_pack
        from deadlines.rules import pack_names

        _show("packs", format_, None, [load_pack(name) for name in pack_names()])
        return
    _show("rules", format_, None, _ruleset({"pack": pack, "rules_file": rules_file}))


@cli.group(name="moderngov")
def moderngov_group() -> None:
    """Read a council's meetings from its ModernGov web service.

    Most English and Welsh councils publish their meetings with ModernGov. `fetch` saves a
    committee's meetings and each meeting's papers as XML; `deadlines check DIR` then judges
    the papers' publication dates (use --pack england-council for committee meetings). Only
    `fetch` uses the network, and only when run.
    """


@moderngov_group.command(name="fetch")
@click.argument("base_url", metavar="BASE_URL")
@click.option("--committee", type=click.IntRange(0), required=True, help="lCommitteeId.")
@click.option("--from", "start", type=ISO_DATE, required=True, help="First meeting day.")
@click.option("--to", "end", type=ISO_DATE, required=True, help="Last meeting day.")
@click.option(
    "--output",
    "-o",
    "out_dir",
    type=click.Path(file_okay=False),
    required=True,
    metavar="DIR",
    help="Directory to save the responses into (created if missing).",
)
@click.option("--timeout", type=click.FloatRange(0.01, 600), default=20.0, show_default=True,
              help="Seconds to wait for each answer.")  # fmt: skip
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Tries again after a timeout, a failed connection or a 5xx.")  # fmt: skip
@click.option("--backoff", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds before the first retry; doubled for each next one.")  # fmt: skip
def moderngov_fetch(  # noqa: PLR0913 - one parameter per option
    base_url: str,
    committee: int,
    start: date,
    end: date,
    out_dir: str,
    timeout: float,
    retries: int,
    backoff: float,
) -> None:
    """Save a committee's GetMeetings and GetMeeting responses into DIR.

    BASE_URL is the council's ModernGov site (its mgWebService.asmx is asked). The files are
    getmeetings-ID.xml and meeting-ID.xml, written only when every answer was ModernGov XML.

    \b
    Example:
      deadlines moderngov fetch https://democracy.manchester.gov.uk --committee 144 \\
        --from 2026-01-01 --to 2026-03-31 -o audit-2026
      deadlines check audit-2026 --pack england-council --format html -o audit.html
    """
    from deadlines.fetch import Progress, fetch

    saved = fetch(
        base_url,
        committee,
        start,
        end,
        out_dir,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        progress=Progress(sys.stderr, sys.stderr.isatty()),
    )
    n = len(saved) - 1
    click.echo(f"saved the list and {n} meeting{'' if n == 1 else 's'} into {out_dir}")


@cli.command(name="law")
@click.argument("topic_slug", metavar="[TOPIC]", required=False)
@click.option(
    "--format",
    "format_",
    type=click.Choice(("table", "json")),
    default="table",
    show_default=True,
    help="table: plain text for people; json: one object (schema deadlines/1) for pipes.",
)
def law(topic_slug: str | None, format_: str) -> None:
    """Explain the law behind a default reading: which reading, why, what the courts said.

    Without TOPIC, list the topics: slug, title and a one-line summary. With TOPIC, print its
    explanation. A note that ends "(deadlines law TOPIC)" points to one of these. Holdings
    not checked against a full judgment are marked as such. Not legal advice: check the
    instrument and your constitution.

    \b
    Examples:
      deadlines law
      deadlines law clear-days
      deadlines law foi-clocks --format json
    """
    from deadlines import law as texts

    if topic_slug is None:
        listed = texts.topics()
        if format_ == "json":
            import json

            data = {
                "schema": "deadlines/1",
                "topics": [{"topic": s, "title": t, "summary": u} for s, t, u in listed],
            }
            click.echo(json.dumps(data, ensure_ascii=False, indent=2))
            return
        import textwrap

        indent = " " * (max(len(slug) for slug, _, _ in listed) + 2)
        for slug, title, summary in listed:
            click.echo(f"{slug:<{len(indent)}}{title}")
            click.echo(textwrap.fill(summary, 100, initial_indent=indent, subsequent_indent=indent))
        click.echo("\nRead one with: deadlines law TOPIC")
        return
    text = texts.topic(topic_slug)
    if format_ == "json":
        import json

        data = {
            "schema": "deadlines/1",
            "topic": topic_slug,
            "title": texts.title(topic_slug),
            "text": text,
        }
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(text, nl=False)


def main() -> None:
    """Console-script entry: Ctrl-C exits 130, SIGTERM 143, SIGHUP 129, each with one line; a
    closed pipe ends quietly (exit 0); output that cannot be written is one Error line, exit 2."""
    from deadlines.output import ClosedStdout, Interrupted, describe_write_error, handle_signals

    handle_signals()
    if sys.stdout is None:  # started with stdout closed (>&-): writing it is an error
        sys.stdout = ClosedStdout()
    with contextlib.suppress(AttributeError, ValueError):
        sys.stderr.reconfigure(errors="backslashreplace")  # an Error line always fits stderr
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
