"""The commands other than `compute`: imported only when one of them is run, `--help` or shell
completion lists them, or a command name is mistyped (for click's "Did you mean"), so
`deadlines compute` starts without defining them. Each registers itself on the one `cli` group;
deadlines.cli holds the options and helpers they share.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date

import click

from deadlines.calendar import REGIONS
from deadlines.cli import (
    CONFIG_NAME,
    FILE,
    ISO_DATE,
    BadInput,
    OnceCommand,
    Whole,
    _appointed_option,
    _bank_holidays_option,
    _conventions,
    _dated,
    _dayfirst_option,
    _exit_if_failed,
    _format_for,
    _format_option,
    _holidays,
    _input_options,
    _inputs,
    _one_line,
    _output_option,
    _pack_option,
    _region_option,
    _rules_option,
    _ruleset,
    _run_compute,
    _show,
    _strict_option,
    _warn,
    cli,
    find_config,
    settings,
)
from deadlines.render import formats
from deadlines.rules import pack_names


def _table_or_json(help_text: str):
    """--format table|json, default table: for the commands with no other formats."""
    return click.option(
        "--format",
        "format_",
        type=click.Choice(("table", "json")),
        default="table",
        show_default=True,
        help=help_text,
    )


@cli.command(name="config")
@_table_or_json("table for people; json for tools.")
def config_command(format_: str) -> None:
    """Show the defaults in force and where each came from.

    Each of region, pack and rules comes from the command line when given there; else from the
    environment (DEADLINES_REGION, DEADLINES_PACK, DEADLINES_RULES); else from the nearest
    .deadlines.toml in the current directory or above; else the built-in default. dayfirst
    may be set in the file too. A .deadlines.toml looks like:

    \b
      region = "scotland"
      pack = "england-council"
      rules = "rules/our-council.toml"   # relative to the file
      dayfirst = true
    """
    rows = settings()
    if format_ == "json":
        from deadlines.render.json import dumps

        data = {
            "schema": "deadlines/1",
            "config_file": find_config(),
            "settings": [{"setting": k, "value": v, "from": w} for k, v, w in rows],
        }
        click.echo(dumps(data))
    else:
        path = find_config()
        shown_path = _one_line(path) if path else f"none ({CONFIG_NAME} not found)"
        click.echo(f"config file: {shown_path}")
        for key, value, where in rows:
            shown = "(none)" if value is None else value
            shown = str(shown).lower() if isinstance(shown, bool) else shown
            click.echo(f"{key:<9} {_one_line(str(shown)):<28} from {_one_line(where)}")
    accepted = {"region": REGIONS, "pack": pack_names()}
    for key, value, where in rows:  # shown, then refused as every other command refuses it
        known = accepted.get(key)
        if known is not None and str(value).lower() not in known:
            msg = (
                f"{key} {value!r} (from {where}) is not a {key}; expected one of {', '.join(known)}"
            )
            raise BadInput(_one_line(msg))
    values = {key: (value, where) for key, value, where in rows}
    rules_file, rules_from = values.get("rules", (None, ""))
    if rules_file is not None:  # read as every command reads it (a missing file, a bad field)
        from deadlines.errors import DeadlinesError
        from deadlines.rules import BUILTIN, load

        chosen = values.get("pack", (None, ""))[0]
        try:
            load(str(rules_file), str(chosen).lower() if chosen else BUILTIN)
        except DeadlinesError as e:
            raise BadInput(_one_line(f"{e} (from {rules_from})")) from None


class _Shells(click.Choice):
    """click's Choice, but a missing SHELL is one line (click lists the choices on several)."""

    def get_missing_message(self, param: click.Parameter, ctx: click.Context | None) -> str:
        return f"Expected one of {', '.join(map(str, self.choices))}"


@cli.command(name="completion")
@click.argument("shell", type=_Shells(("bash", "zsh", "fish")))
def completion(shell: str) -> None:
    """Print the shell completion script for bash, zsh or fish.

    \b
    Install it, for example:
      bash: deadlines completion bash > ~/.local/share/bash-completion/completions/deadlines
      zsh:  deadlines completion zsh > "${fpath[1]}/_deadlines"
      fish: deadlines completion fish > ~/.config/fish/completions/deadlines.fish
    """
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click ships all three
        msg = f"no completion for {shell!r}; expected bash, zsh or fish"
        raise BadInput(msg)
    click.echo(cls(cli, {}, "deadlines", "_DEADLINES_COMPLETE").source())


@cli.command(name="calendar")
@_input_options
@click.option(
    "--format",
    "format_",
    type=click.Choice(formats("calendar")),
    default=None,
    help="table, the picture; html, a report to attach (with -o FILE). [default: table, or "
    "html for an -o name ending .html]",
)
@_output_option
def calendar_picture(format_: str | None, output: str | None, **params: object) -> None:
    """Draw the months from the first reference date to the last deadline.

    Marks: (12) a reference date, [24] a deadline (the legal boundary, and the safe working day
    when it differs), 25+ a day that is not a working day (bank holiday, Christmas Day, Good
    Friday); Saturday and Sunday are the last two columns. A legend names every mark. The marks
    need no colour, so the picture pastes into a report; NO_COLOR or a pipe drops the shading.
    A plan no scheduled meeting fits and each missed actual date are named below the legend,
    and the run exits 1, as `compute` does.

    \b
    Example:
      deadlines calendar --received 2015-05-12 --decision 2015-06-08
    """
    from deadlines.calendar import Calendar
    from deadlines.output import check_target, is_stdout

    format_ = _format_for("calendar", format_, output)
    if output is not None and not is_stdout(output):  # before anything is read or written
        check_target(output, _inputs(params))
    holidays = _holidays(params)
    rules = _ruleset(params)
    result = _run_compute(params, holidays, rules)
    _warn(result.warnings, bool(params.get("strict")))
    if format_ == "html":  # the report draws its own month grids
        _show("calendar", format_, output, result, inputs=_inputs(params), holidays=holidays,
              rules=rules)  # fmt: skip
    else:
        cal = Calendar(result.region, holidays=holidays).with_days(rules.days)  # the pack's days
        _show("calendar", format_, output, result, cal, inputs=_inputs(params))
    _exit_if_failed(result)


@cli.command()
@click.argument("rule_id", metavar="ID")
@_input_options
@_format_option("explain", help_extra="; html, a report to attach (with -o FILE).")
@_output_option
def explain(rule_id: str, format_: str | None, output: str | None, **params: object) -> None:
    """Show how one rule's date was reached, day by day.

    Takes the same inputs as `compute`. Every day between the reference date and the result is
    listed: counted (with its running number) or not, and why not (Saturday, Sunday, Christmas
    Day, Good Friday, or the bank holiday's name). Exit 1, as in `compute`, if an actual date
    was missed or no scheduled meeting works; stderr then names each (the rule explained may
    not be the one that failed).

    \b
    Examples:
      deadlines explain ofsted-report-publication --received 2015-05-12
      deadlines explain forward-plan-notice --decision 2015-06-08 --format json
    """
    from deadlines.explain import explain as explain_rule

    format_ = _format_for("explain", format_, output)
    holidays = _holidays(params)
    rules = _ruleset(params)
    result = _run_compute(params, holidays, rules)
    _warn(result.warnings, bool(params.get("strict")))
    explanation = explain_rule(result, rule_id, holidays=holidays, rules=rules)
    _show("explain", format_, output, explanation, inputs=_inputs(params))
    _exit_if_failed(result, say=True)


@cli.command()
@_region_option("Whose bank holidays to list.")
@click.option("--year", type=Whole(1971, 2100), required=True, help="Year, 1971-2100.")
@_bank_holidays_option
@_format_option("holidays")
def holidays(region: str, year: int, format_: str | None, bank_holidays: str | None) -> None:
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
    _show("holidays", format_ or "table", None, cal, year, days)


@cli.command()
@click.argument("files", metavar="FILE...", nargs=-1, required=True)
@click.option(
    "--input-format",
    type=click.Choice(["csv", "json", "jsonl", "moderngov"]),
    help="How FILE is written; moderngov: the XML of a ModernGov GetMeetings or GetMeeting "
    "response, or a directory of them (deadlines moderngov fetch). [default: from the "
    "extension, else from the content]",
)
@click.option(
    "--delimiter",
    type=click.Choice([",", ";", "tab", "|"]),
    help="The CSV cell separator. [default: ';' when the header has semicolons and no "
    "commas (Excel's CSV in many locales), else ',']",
)
@_dayfirst_option
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
    default=None,
    help="table for people; json or jsonl (one row per line, streamed) for tools; junit, "
    "github (workflow annotations, and a job summary in $GITHUB_STEP_SUMMARY) or sarif "
    "(code scanning) for CI; html, a report to attach. [default: table, or the format -o's "
    "extension names: .json, .jsonl, .xml (junit), .sarif, .html]",
)
@_output_option
@click.option(
    "--summary",
    "summary_file",
    type=FILE,
    metavar="FILE",
    help="Also write the summary (counts, files, holiday data) as JSON to FILE; - for "
    "standard output when the rows go to a file (-o FILE), refused when they go to standard "
    "output too. Without it, --format jsonl prints the summary as one line on stderr (stdout "
    "has rows only).",
)
@click.option(
    "--junit-pending",
    is_flag=True,
    help="--format junit: list rules with no actual date as skipped test cases (left out by "
    "default).",
)
@_strict_option
def check(  # noqa: PLR0913 - one parameter per option
    files: tuple[str, ...],
    input_format: str | None,
    delimiter: str | None,
    dayfirst: bool,
    region: str,
    bank_holidays: str | None,
    appointed_days: str | None,
    pack: str,
    rules_file: str | None,
    conventions: tuple[str, ...],
    events: tuple[str, ...],
    format_: str | None,
    output: str | None,
    summary_file: str | None,
    junit_pending: bool,
    strict: bool,
) -> None:
    """Check governance calendars: every row's actual dates against its deadlines.

    Each FILE is CSV with a header (comma- or semicolon-separated), a JSON list of objects, or
    JSON Lines (.csv, .json, .jsonl; `-` reads standard input). Several files may be given (as
    pre-commit does); each result row names its file. Columns: received and/or decision (one is
    required), and any of decision_published, forward_plan, report_published, implemented,
    statement_published, ofsted_report_published, plus optional item, region and rules (the rule
    ids a row is judged against, e.g. foi-response in an information requests log; an empty
    cell: every rule). Other columns are ignored. Empty cells are not given. A UTF-8 byte-order
    mark and CRLF line ends are fine. With --pack or --rules, the columns are that pack's events
    and actual names (`deadlines rules` lists them). FILE may also be a ModernGov GetMeetings or
    GetMeeting XML response, or a directory of them saved by `deadlines moderngov fetch`: one
    row per meeting (README: Meetings from ModernGov). A CSV with a `step` column is a published
    election timetable: step (rule id), date (the date set) and optional published, with the
    poll given by --event poll=DATE or a poll column.

    Every row gives exactly one result, in order; a row that cannot be read is reported with
    the column and value at fault. A likely mistake (a decision on a Sunday) is a warning on
    stderr and in the row's `warnings`. Exit 0 when every row is ok, 1 when a rule is missed
    or a row has errors, 2 when a file itself cannot be read (or, with --strict, on a warning).
    Every file's header and first row (not standard input's or a pipe's, which can be read
    once only) are read before anything is written, so such a file that cannot be read leaves
    no half-written document behind.

    \b
    Examples:
      deadlines check examples/governance-calendar-2015.csv
      deadlines check calendars/*.csv --dayfirst --format github
      deadlines check calendar.jsonl --format jsonl | jq 'select(.ok | not)'
      deadlines check calendar.csv -o results.sarif
      deadlines check audit-2026 --pack england-council --format html -o audit.html
    """
    from deadlines.check import Checker, Summary
    from deadlines.output import check_target, is_stdout

    summary_to_stdout = summary_file is not None and is_stdout(summary_file, "--summary")
    inputs = (*files, rules_file, bank_holidays, appointed_days, find_config())
    if output is not None and not is_stdout(output):  # first: an input as the output is worse
        check_target(output, inputs, others=(None if summary_to_stdout else summary_file,))
    format_ = _format_for("check", format_, output)
    if summary_to_stdout and is_stdout(output):
        msg = (
            "--summary - would write the summary on standard output with the rows; expected "
            "-o FILE for the rows, or --summary FILE"
        )
        raise BadInput(msg)
    if summary_file is not None and not summary_to_stdout:
        check_target(summary_file, inputs, "--summary", others=(output,))
    rules = _ruleset({"pack": pack, "rules_file": rules_file})
    holiday_data = _holidays({"bank_holidays": bank_holidays, "appointed_days": appointed_days})
    on_clear: Callable[[], None] | None = None
    if format_ in ("json", "jsonl"):  # their encoded parts go when the memo forgets its records
        from deadlines.render.jsonl import forget

        on_clear = forget
    checker = Checker(
        region=region,
        dayfirst=dayfirst,
        conventions=_conventions(conventions),
        rules=rules,
        holidays=holiday_data,
        on_clear=on_clear,
    )
    if files.count("-") > 1:  # the second would read a closed stream
        msg = "'-' (standard input) is given more than once; expected it once"
        raise BadInput(msg)
    for file in files:  # a missing file is refused before anything is written
        if file != "-" and not os.path.exists(file):
            msg = (
                f"cannot read calendar file {file!r}: No such file or directory; expected a "
                "readable file"
            )
            raise BadInput(_one_line(msg))
    sources = ["standard input" if f == "-" else f for f in files]
    label = sources[0] if len(sources) == 1 else f"{len(sources)} files"
    cal = checker.engine(region).cal
    about = {
        "sources": sources,
        "holidays": {"source": cal.source, "confirmed_through": cal.confirmed_through.isoformat()},
        "rules": [(r.id, r.title, r.citation) for r in checker.engine(region).ruleset.rules],
    }
    summary = Summary()
    warned: list[str] = []
    warned_count = [0]
    given = _dated(events, "--event", "poll=2024-05-02")
    results = _checked_files(
        checker, files, input_format, delimiter, format_, warned, warned_count, given
    )
    options: dict = {"about": about}
    if format_ == "jsonl":  # rows from files only are written in batches: a pipe may be live
        options["batch"] = all(_read_ahead(f) for f in files)
    if format_ == "junit":
        options["pending"] = junit_pending
    context = {"holidays": holiday_data, "rules": rules, "region": region}

    def finish() -> None:
        """Called once the rows are written, before an output file replaces an earlier one (a
        run that ends in exit 2, with no rows or with --strict and a warning, replaces none)."""
        _no_rows(summary, label)
        if strict and warned:
            n = warned_count[0]
            msg = (
                f"{warned[0]} ({n} warning{'' if n == 1 else 's'}; --strict treats warnings as "
                "errors; expected inputs without warnings, or no --strict)"
            )
            raise BadInput(_one_line(msg))

    _write_check(results, summary, format_, label, output, inputs, context, options, finish)
    checker.forget()  # the rows are written: the memo's records are needed no more
    if summary_file is not None:  # an existing summary file is replaced, never an input
        _write_summary(summary_file, summary, about, inputs, output)
    elif format_ == "jsonl":
        s = summary.as_dict()
        click.echo(
            f"Summary: read {s['read']}, ok {s['ok']}, failing {s['failing']}, errored "
            f"{s['errored']} ({_one_line(label)})",
            err=True,
        )
    if summary.failing or summary.errored:
        sys.exit(1)


def _checked_files(  # noqa: PLR0913
    checker,
    files,
    input_format,
    delimiter,
    format_: str,
    warned: list[str],
    counted: list[int],
    events: dict | None = None,
):
    """The results of every file's rows, in order, once each file is known to be readable.

    `events` (--event): the poll of a published timetable (a CSV with a `step` column)."""
    from deadlines.check import check_timetable, is_timetable, open_source, read_rows

    stdin = sys.stdin.buffer if sys.stdin is not None else None  # None: started with <&-
    known = (*checker.date_columns, "region")  # near misses of these are refused
    sep = {"tab": "\t"}.get(delimiter, delimiter)

    def results_of(stream, fmt: str, where: str):
        if is_timetable(stream, fmt, sep):  # a published timetable: step, date, published
            for name in events or {}:  # as compute refuses it: never every row errored
                if name not in checker.events:
                    pack = checker.engine(checker.region).ruleset.name
                    msg = (
                        f"--event {name}: unknown event {name!r} of {pack}; expected one "
                        f"of {', '.join(checker.events)}"
                    )
                    raise BadInput(msg)
            return check_timetable(stream, where, checker, events or {}, sep)
        if events:
            msg = (
                f"--event {next(iter(events))} is for a published timetable; expected a "
                "CSV with a 'step' column, or the events as columns of the calendar"
            )
            raise BadInput(msg)
        rows = read_rows(stream, fmt, where, checker.required, known, sep)
        return checker.rows(rows, where)

    # Every file is opened, and its header and first row read, before anything is written:
    # a file that cannot be read ends the run (exit 2) with no document half-written on
    # standard output. Standard input, a pipe or a FIFO can be read once only: they are not.
    for file in files:
        if _read_ahead(file):
            stream, fmt, _ = open_source(file, input_format, stdin)
            with stream:
                if next(iter(results_of(stream, fmt, file)), None) is None:
                    raise _no_data_rows(file)
    return _rows_of(files, input_format, stdin, format_, results_of, warned, counted)


def _read_ahead(file: str) -> bool:
    """A regular file or a directory of them: it can be read twice, and never waits on its
    input (standard input, a pipe or a FIFO may be live, and can be read once only)."""
    return file != "-" and (os.path.isfile(file) or os.path.isdir(file))


def _rows_of(files, input_format, stdin, format_: str, results_of, warned, counted):  # noqa: PLR0913
    """The results of every file's rows, in order; each row's warnings on stderr as it goes."""
    from deadlines.check import open_source

    # Warnings on stderr for people (the table, github's log); the machine formats carry
    # them in each row (json, jsonl, sarif), where tools look for them.
    show = format_ in ("table", "github")
    for file in files:
        stream, fmt, size = open_source(file, input_format, stdin)
        where = "standard input" if file == "-" else file
        n = 0
        with stream:
            if size and size > 1_000_000 and sys.stderr.isatty() and format_ != "table":
                stream = _with_progress(stream, size)
            results = results_of(stream, fmt, where)
            for r in results:
                n += 1
                for w in r.warnings:
                    text = f"{where} row {r.row}: {w}"
                    if counted[0] < _SHOWN_WARNINGS and show:
                        click.echo(f"Warning: {_one_line(text)}", err=True)
                    if not warned:
                        warned.append(text)  # the first, for --strict's Error line
                    counted[0] += 1
                yield r
        if n == 0:
            raise _no_data_rows(where)
    more = counted[0] - _SHOWN_WARNINGS
    if show and more > 0:
        click.echo(f"Warning: {more} more warning{'' if more == 1 else 's'} not shown", err=True)


_SHOWN_WARNINGS = 20  # on stderr: a person reads the first ones; tools read the rows' warnings


def _write_summary(path: str, summary, about: dict, inputs: tuple, output) -> None:
    from deadlines.output import is_stdout, write_atomic, write_stdout
    from deadlines.render.json import SCHEMA, dumps

    data = {
        "schema": SCHEMA,
        "summary": summary.as_dict(),
        "sources": about["sources"],
        "holidays": about["holidays"],
    }
    if is_stdout(path, "--summary"):  # `--summary -`, the rows in a file (-o FILE)
        write_stdout(dumps(data) + "\n")
    else:
        write_atomic(path, (dumps(data) + "\n").encode(), inputs, "--summary", (output,))


def _write_check(  # noqa: PLR0913
    results,
    summary,
    format_: str,
    where: str,
    output,
    inputs,
    context: dict,
    options: dict,
    finish,
) -> None:
    from deadlines.output import atomic_file, is_stdout
    from deadlines.render import renderer

    chosen = renderer("check", format_)
    write = chosen.load()
    extra = context if chosen.context else options
    if format_ == "github" and os.environ.get("GITHUB_STEP_SUMMARY"):
        _write_github(write, results, summary, where, output, inputs, extra, finish)
    elif is_stdout(output):  # the table prints to the terminal itself (colour, width)
        write(results, summary, None if format_ == "table" else sys.stdout, where, **extra)
        finish()
    else:
        with atomic_file(output, inputs=inputs) as f:
            write(results, summary, f, where, **extra)
            finish()  # inside: a run that ends in exit 2 replaces nothing


def _write_github(write, results, summary, where, output, inputs, extra, finish) -> None:  # noqa: PLR0913
    """--format github with a job summary: appended to $GITHUB_STEP_SUMMARY (as GitHub asks)."""
    from deadlines.output import atomic_file, check_target, is_stdout

    path = os.environ["GITHUB_STEP_SUMMARY"]
    check_target(path, inputs, "GITHUB_STEP_SUMMARY", (output,))  # never appended to an input
    try:
        used = os.path.getsize(path) if os.path.exists(path) else 0
        with open(path, "a", encoding="utf-8") as step:
            if is_stdout(output):
                write(results, summary, sys.stdout, where, step_summary=step,
                      step_summary_used=used, **extra)  # fmt: skip
            else:
                with atomic_file(output, inputs=inputs) as f:
                    write(results, summary, f, where, step_summary=step,
                          step_summary_used=used, **extra)  # fmt: skip
                    finish()  # inside: a run that ends in exit 2 replaces nothing
                return
    except OSError as e:
        msg = f"cannot write the job summary {path!r} (GITHUB_STEP_SUMMARY): {e.strerror or e}"
        raise BadInput(_one_line(msg)) from None
    finish()


def _no_rows(summary, where: str) -> None:
    if summary.read == 0:
        raise _no_data_rows(where)


def _no_data_rows(where: str) -> BadInput:
    return BadInput(f"{where} has no data rows; expected at least one row under the header")


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
def list_rules(pack: str, rules_file: str | None, packs: bool, format_: str | None) -> None:
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

        _show("packs", format_ or "table", None, [load_pack(name) for name in pack_names()])
        return
    _show("rules", format_ or "table", None, _ruleset({"pack": pack, "rules_file": rules_file}))


@cli.group(name="moderngov", invoke_without_command=True)
@click.pass_context
def moderngov_group(ctx: click.Context) -> None:
    """Read a council's meetings from its ModernGov web service.

    Most English and Welsh councils publish their meetings with ModernGov. `fetch` saves a
    committee's meetings and each meeting's papers as XML; `deadlines check DIR` then judges
    the papers' publication dates (use --pack england-council for committee meetings). Only
    `fetch` uses the network, and only when run.
    """
    if ctx.invoked_subcommand is None:  # `deadlines moderngov` alone: its help, as `deadlines`
        click.echo(ctx.get_help())
        ctx.exit(0)


class _Seconds(click.FloatRange):
    """A number of seconds in a range; nan (which no range comparison refuses) is refused."""

    def convert(self, value, param, ctx):
        import math

        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a number of seconds", param, ctx)
        return number


@moderngov_group.command(name="fetch", cls=OnceCommand)
@click.argument("base_url", metavar="BASE_URL")
@click.option("--committee", type=Whole(0), required=True, help="lCommitteeId.")
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
@click.option("--timeout", type=_Seconds(0.01, 600), default=20.0, show_default=True,
              help="Seconds to wait for each answer.")  # fmt: skip
@click.option("--retries", type=Whole(0, 10), default=3, show_default=True,
              help="Tries again after a timeout, a failed connection or a 5xx.")  # fmt: skip
@click.option("--backoff", type=_Seconds(0, 60), default=1.0, show_default=True,
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
@_table_or_json("table: plain text for people; json: one object (schema deadlines/1) for pipes.")
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
            from deadlines.render.json import dumps

            data = {
                "schema": "deadlines/1",
                "topics": [{"topic": s, "title": t, "summary": u} for s, t, u in listed],
            }
            click.echo(dumps(data))
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
        from deadlines.render.json import dumps

        data = {
            "schema": "deadlines/1",
            "topic": topic_slug,
            "title": texts.title(topic_slug),
            "text": text,
        }
        click.echo(dumps(data))
        return
    click.echo(text, nl=False)
