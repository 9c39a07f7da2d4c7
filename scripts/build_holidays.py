"""Build src/deadlines/data/bank_holidays.json from the gov.uk feed, `holidays` and the hand table.

Run from the repository root: ``python scripts/build_holidays.py``. The rules are in
data-src/README.md. `build()` is also called by the tests to prove the shipped file is current.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tomllib
from datetime import date
from pathlib import Path

import holidays

ROOT = Path(__file__).resolve().parent.parent
FEED = ROOT / "data-src" / "govuk-bank-holidays.json"
HAND = ROOT / "data-src" / "proclamations.toml"
OUT = ROOT / "src" / "deadlines" / "data" / "bank_holidays.json"

FEED_REFRESHED = "2026-02-25"  # upstream refresh date of the cached copy (data-src/README.md)
FIRST_YEAR, LAST_YEAR = 1971, 2100  # BFDA 1971 onwards; the engine's supported years
FEED_FIRST = date(2012, 1, 1)  # gov.uk keeps 2012 onwards
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}


def _package_days(subdiv: str) -> dict[date, str]:
    # Always with a subdivision: country_holidays("GB") alone drops Easter Monday and the
    # Summer bank holiday in England.
    table = holidays.country_holidays("GB", subdiv=subdiv, years=range(FIRST_YEAR, LAST_YEAR + 1))
    return dict(table.items())


def _dates(entry: dict) -> list[date]:
    """An entry's `date`, or its `dates` list (a yearly day, one evidence for all of them)."""
    if "dates" in entry:
        if "replaces" in entry:
            raise ValueError(f"{HAND.name}: `replaces` needs a single `date`: {entry}")
        return list(entry["dates"])
    return [entry["date"]]


def build() -> dict:
    """The table as a JSON-ready dict; pure apart from reading the two source files."""
    raw = FEED.read_bytes()
    feed = json.loads(raw)
    hand = tomllib.loads(HAND.read_text(encoding="utf-8"))
    divisions: dict[str, list[list[str]]] = {}
    confirmed_through: dict[str, str] = {}

    for division, subdiv in SUBDIVISIONS.items():
        events = {date.fromisoformat(e["date"]): e["title"] for e in feed[division]["events"]}
        horizon = max(events)
        confirmed_through[division] = horizon.isoformat()
        days: dict[date, tuple[str, str, str]] = {}  # date -> (name, status, kind)
        for day, name in _package_days(subdiv).items():
            if day < FEED_FIRST:
                days[day] = (name, "historical", "")
            elif day > horizon:
                days[day] = (name, "projected", "")
        for day, name in events.items():
            days[day] = (name, "confirmed", "")

        for entry in hand.get("day", []):
            if division not in entry["divisions"]:
                continue
            for day in _dates(entry):
                inside_feed = FEED_FIRST <= day <= horizon
                if (replaced := entry.get("replaces")) is not None and not (
                    inside_feed and replaced in events
                ):
                    days.pop(replaced, None)
                name = events.get(day, entry["name"]) if inside_feed else entry["name"]
                status = (
                    "confirmed"
                    if inside_feed
                    else ("historical" if day < FEED_FIRST else "projected")
                )
                days[day] = (name, status, entry.get("kind", ""))
        for entry in hand.get("remove", []):
            if division in entry["divisions"]:
                for day in _dates(entry):
                    days.pop(day, None)

        divisions[division] = [
            [day.isoformat(), name, status, kind]
            for day, (name, status, kind) in sorted(days.items())
            if day.weekday() < 5  # a weekend day is closed anyway; listing it would count it twice
        ]

    return {
        "format": 1,
        "source": f"gov.uk feed {FEED_REFRESHED} + holidays {holidays.__version__}",
        "govuk_feed": {"refreshed": FEED_REFRESHED, "sha256": hashlib.sha256(raw).hexdigest()},
        "holidays_package": holidays.__version__,
        "years": [FIRST_YEAR, LAST_YEAR],
        "confirmed_through": confirmed_through,
        "divisions": divisions,
    }


def render(table: dict) -> str:
    """One holiday per line, so a data change is a readable diff."""
    lines = ["{"]
    head = {k: v for k, v in table.items() if k != "divisions"}
    for key, value in head.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},")
    lines.append('  "divisions": {')
    names = list(table["divisions"])
    for i, division in enumerate(names):
        lines.append(f"    {json.dumps(division)}: [")
        rows = table["divisions"][division]
        lines.extend(
            f"      {json.dumps(row, ensure_ascii=False)}{',' if j < len(rows) - 1 else ''}"
            for j, row in enumerate(rows)
        )
        lines.append("    ]" + ("," if i < len(names) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    text = render(build())
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(text):,} bytes)", file=sys.stderr)
