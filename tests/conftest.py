"""Shared fixtures: a CliRunner that cannot mistake a crash for a failed check."""

from __future__ import annotations

import pytest
from click.testing import CliRunner


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ files")


@pytest.fixture
def update_golden(request):
    return request.config.getoption("--update-golden")


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the CLI; a Python exception (a bug) fails the test instead of passing as exit 1."""
    from deadlines.cli import cli

    def run(*args, **kwargs):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False, **kwargs)

    return run
