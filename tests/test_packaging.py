"""One source for the version, and the public API the contract names."""

from __future__ import annotations

from importlib import metadata

import deadlines


def test_installed_metadata_agrees_with_the_package_version():
    """pyproject reads src/deadlines/_version.py; the installed metadata must say the same."""
    assert metadata.version("deadlines") == deadlines.__version__


def test_public_api_names_of_the_contract():
    """`import deadlines` gives Calendar, compute and the error classes."""
    for name in ("Calendar", "compute", "DeadlinesError", "OutsideHolidayData", "__version__"):
        assert hasattr(deadlines, name), name
