"""House habits that keep the tool honest as it grows: every command has help that runs, the
core imports nothing but the standard library, and the package says it is typed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from deadlines.cli import cli

SRC = Path(__file__).resolve().parent.parent / "src" / "deadlines"
# The core: dates in, dates out. No click, rich, clock, network, environment or stdin.
CORE = (
    "deadlines",
    "deadlines.calendar",
    "deadlines.counting",
    "deadlines.rules",
    "deadlines.engine",
    "deadlines.elections",
    "deadlines.records",
    "deadlines.wording",
    "deadlines.plan",
    "deadlines.compute",
    "deadlines.explain",
    "deadlines.holiday_data",
    "deadlines.errors",
    "deadlines.law",
    "deadlines.dates",
    "deadlines.warnings",
)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        yield (*prefix, name)
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("path", list(_commands(cli)), ids=" ".join)
def test_every_command_has_help_that_runs(path, invoke):
    """`--help` on each command (lazy imports included) exits 0 and says what it does."""
    result = invoke(*path, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    command = cli
    for name in path:
        command = command.get_command(click.Context(command), name)
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"


def _options(path: tuple[str, ...]) -> set[str]:
    command = cli
    for name in path:
        command = command.get_command(click.Context(command), name)
    return {o for p in command.params for o in getattr(p, "opts", ())}


@pytest.mark.parametrize("path", [c for c in _commands(cli) if "--pack" in _options(c)],
                         ids=" ".join)  # fmt: skip
def test_pack_help_names_every_built_in_pack(path, invoke):
    """--pack's help lists the packs that exist (read from the package's data, so a new pack
    is never left out)."""
    from deadlines.rules import pack_names

    text = " ".join(invoke(*path, "--help").output.split())  # unwrapped
    for name in pack_names():
        assert name in text, f"{' '.join(path)} --help leaves out {name}"


@pytest.mark.parametrize("width", [40, 60, 80, 120])
@pytest.mark.parametrize("path", [(), *_commands(cli)], ids=lambda p: " ".join(p) or "deadlines")
def test_help_never_breaks_a_line_inside_a_hyphenated_name(path, width, invoke):
    """A pack name, rule id or counting (`england-executive`, `working-days-after`) is copied
    from --help as it stands: no line ends inside one, at its hyphen, at any width."""
    output = invoke(*path, "--help", env={"COLUMNS": str(width)}).output
    broken = [line for line in output.splitlines() if re.search(r"\w-$", line)]
    assert not broken, broken
    assert "\ue02d" not in output  # the stand-in for a hyphen never shows


def test_compute_starts_without_defining_the_other_commands():
    """The other commands are defined in deadlines.commands, imported only when one is asked
    for; the names the group lists without importing it are exactly the ones it defines."""
    code = (
        "import sys\n"
        "from deadlines.cli import cli\n"
        "before = 'deadlines.commands' in sys.modules\n"
        "import deadlines.commands\n"
        "print(before, sorted(cli.commands) == sorted({'compute', *cli.LAZY}))\n"
        "print(all(sorted(getattr(cli.commands[n], 'commands', ())) == sorted(subs)\n"
        "          for n, subs in cli.LAZY.items()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True", "True"]


def test_a_mistyped_command_is_answered_with_the_one_meant(invoke):
    """click's "Did you mean" knows the commands defined lazily too."""
    result = invoke("chek")
    assert result.exit_code == 2
    assert "Did you mean 'check'?" in result.output


def test_the_core_imports_only_the_standard_library():
    """An allowlist, as click's own tests keep one: importing the core brings in nothing but
    the standard library and the package itself (no click, rich, orjson, holidays)."""
    code = (
        "import sys\n"
        "before = {m.split('.')[0] for m in sys.modules}\n"
        f"for m in {CORE!r}: __import__(m)\n"
        "print('\\n'.join(sorted({m.split('.')[0] for m in sys.modules} - before)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    outside = [m for m in out if m not in sys.stdlib_module_names and m != "deadlines"]
    assert outside == [], f"the core imports {outside}"


def test_the_core_never_reads_the_clock_environment_or_stdin():
    """No module of the core names the clock, the environment, stdin or the network."""
    banned = ("date.today", "datetime.now", "time.time(", "os.environ", "getenv", "sys.stdin",
              "import urllib", "import socket", "import click", "import rich")  # fmt: skip
    for name in CORE:
        path = SRC / (name.removeprefix("deadlines").lstrip(".") or "__init__")
        text = path.with_suffix(".py").read_text(encoding="utf-8")
        for word in banned:
            assert word not in text, f"{name} uses {word}"


def test_the_package_says_it_is_typed():
    """py.typed ships beside the code, so type checkers read the API's annotations."""
    assert (SRC / "py.typed").is_file()


def test_reading_a_calendar_leaves_the_csv_field_limit_as_it_was(tmp_path):
    """No process-wide state changed: the csv module's field limit is restored after a read."""
    import csv

    from deadlines.check import Checker, open_source, read_rows

    before = csv.field_size_limit()
    path = tmp_path / "cal.csv"
    path.write_text("item,decision\nA,2015-06-08\n")
    stream, fmt, _ = open_source(str(path))
    with stream:
        rows = list(Checker().rows(read_rows(stream, fmt, str(path))))
    assert len(rows) == 1
    assert csv.field_size_limit() == before
