"""The shipped bank-holiday table: current, and honest about where each day came from."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path

import holidays

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "deadlines" / "data" / "bank_holidays.json"
FEED = ROOT / "data-src" / "govuk-bank-holidays.json"
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


def _builder():
    spec = importlib.util.spec_from_file_location(
        "build_holidays", ROOT / "scripts" / "build_holidays.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_table_is_what_the_build_script_makes_now():
    """Regenerate with scripts/build_holidays.py when this fails, and read the diff."""
    builder = _builder()
    assert SHIPPED.read_text(encoding="utf-8") == builder.render(builder.build())


def test_every_disagreement_between_the_feed_and_the_holidays_package_is_listed():
    """Within the confirmed years the feed wins; these are all the weekdays where they differ."""
    feed = json.loads(FEED.read_text(encoding="utf-8"))
    found = []
    for division, subdiv in SUBDIVISIONS.items():
        events = {date.fromisoformat(e["date"]) for e in feed[division]["events"]}
        horizon = max(events)
        package = {
            d
            for d in holidays.country_holidays(
                "GB", subdiv=subdiv, years=range(2012, horizon.year + 1)
            )
            if d.weekday() < 5 and d <= horizon
        }
        found += [(division, d.isoformat(), "feed only") for d in sorted(events - package)]
        found += [(division, d.isoformat(), "holidays only") for d in sorted(package - events)]
    # The one-off Scotland day of 2026 was proclaimed after this copy of the feed was refreshed
    # (data-src/README.md); proclamations.toml adds it.
    assert found == [("scotland", "2026-06-15", "holidays only")]


def test_confirmed_projected_and_historical_are_labelled_by_date():
    """Days before 2012 are historical, after the feed's last day projected, between confirmed."""
    table = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for division, rows in table["divisions"].items():
        horizon = table["confirmed_through"][division]
        for iso, _name, status, _kind in rows:
            want = (
                "historical"
                if iso < "2012-01-01"
                else "confirmed"
                if iso <= horizon
                else "projected"
            )
            assert status == want, (division, iso)
    assert table["source"] == "gov.uk feed 2026-02-25 + holidays 0.109"


# Every day where the table differs from `holidays` (1971-2100), with its reason:
# tests/test_holiday_history.py.


def _as_data(table: dict) -> tuple:
    return (table["source"], table["years"], table["confirmed_through"], table["divisions"])


def _read(data) -> tuple:
    through = {k: v.isoformat() for k, v in data.confirmed_through.items()}
    rows = {k: data.rows[k] for k in data.rows}
    return (data.source, [data.first_year, data.last_year], through, rows)


def test_the_shipped_table_reads_as_its_json_says_each_division_when_first_used():
    """Read by blocks (each division decoded on first use), the shipped file gives exactly what
    decoding it whole gives; the same text in another layout is decoded whole, alike."""
    import subprocess
    import sys

    from deadlines import holiday_data

    text = SHIPPED.read_text(encoding="utf-8")
    table = json.loads(text)
    assert _read(holiday_data.from_text(text)) == _as_data(table)
    assert list(holiday_data.from_text(text).rows) == list(table["divisions"])
    for other in (json.dumps(table), json.dumps(table, indent=1), text.replace("\n", "\r\n")):
        assert _read(holiday_data.from_text(other)) == _as_data(table)
    empty = text.replace('"scotland": [\n', '"scotland": [\n    ],\n    "x": [\n', 1)
    assert json.loads(empty)["divisions"]["scotland"] == []
    assert holiday_data.from_text(empty).rows["scotland"] == []
    # A council in England decodes England and Wales alone.
    code = (
        "from deadlines import Calendar, holiday_data\n"
        "Calendar('england-and-wales')\n"
        "print(sorted(holiday_data.shipped().rows._decoded))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["['england-and-wales']"]
