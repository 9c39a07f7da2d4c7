"""The slow, obvious method every engine test is checked against: walk one day at a time.

The closed days are built here independently of the engine: weekends by weekday(), Christmas Day
by its date, Good Friday from dateutil's Easter, and bank holidays read straight from the shipped
table (the real data, never a mock).
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from dateutil.easter import easter

TABLE = Path(__file__).resolve().parent.parent / "src" / "deadlines" / "data" / "bank_holidays.json"
DIVISIONS = {
    "england-and-wales": ("england-and-wales",),
    "england": ("england-and-wales",),
    "wales": ("england-and-wales",),
    "scotland": ("scotland",),
    "northern-ireland": ("northern-ireland",),
    "united-kingdom": ("england-and-wales", "scotland", "northern-ireland"),
}
FIRST, LAST = date(1971, 1, 1), date(2100, 12, 31)
ONE = timedelta(days=1)


@cache
def bank_holidays(region: str) -> frozenset[date]:
    rows = json.loads(TABLE.read_text(encoding="utf-8"))["divisions"]
    return frozenset(date.fromisoformat(r[0]) for div in DIVISIONS[region] for r in rows[div])


def is_working_day(region: str, d: date) -> bool:
    return not (
        d.weekday() >= 5
        or (d.month, d.day) == (12, 25)
        or d == easter(d.year) - 2 * ONE
        or d in bank_holidays(region)
    )


def walk(region: str, d: date, n: int) -> date:
    """The n-th working day after (n > 0) or before (n < 0) d."""
    step = ONE if n > 0 else -ONE
    for _ in range(abs(n)):
        d += step
        while not is_working_day(region, d):
            d += step
    return d


def between(region: str, a: date, b: date) -> int:
    """Working days strictly between a and b."""
    a, b = min(a, b), max(a, b)
    return sum(is_working_day(region, a + k * ONE) for k in range(1, (b - a).days))
