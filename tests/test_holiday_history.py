"""Bank holidays 1971-1978 against the Banking and Financial Dealings Act 1971 and the proclamations.

The shipped table is the gov.uk feed (2012 onwards), the `holidays` package elsewhere, and the
cited corrections in data-src/proclamations.toml. Every day where the result differs from
`holidays` is listed here with its reason, so a data change is a diff someone reads. Real data.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path

import holidays
import pytest

from deadlines import Calendar

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "src" / "deadlines" / "data" / "bank_holidays.json"
SUBDIVISIONS = {"england-and-wales": "ENG", "scotland": "SCT", "northern-ireland": "NIR"}

# Every weekday on which the shipped table and `holidays` 0.109 disagree, 1971-2100.
# (date, division, "added" = ours only / "removed" = `holidays` only, why)
DIFFERENCES = [
    # First proclaimed a bank holiday outside Scotland for 1974 (Royal Proclamation, Oct 1973,
    # BFDA s1(3)); `holidays` starts in 1975. [unconfirmed: secondary sources]
    ("1974-01-01", "england-and-wales", "added", "New Year's Day first proclaimed for 1974"),
    ("1974-01-01", "northern-ireland", "added", "New Year's Day first proclaimed for 1974"),
    # Silver Jubilee: spring holiday moved from Mon 30 May to Mon 6 Jun 1977 in England, Wales
    # and Northern Ireland only (HC Deb 19 Jan 1977 vol 924 cc191-3W); `holidays` keeps 30 May.
    ("1977-05-30", "england-and-wales", "removed", "spring holiday moved to 6 Jun (BFDA s1(2))"),
    ("1977-05-30", "northern-ireland", "removed", "spring holiday moved to 6 Jun (BFDA s1(2))"),
    ("1977-06-06", "england-and-wales", "added", "spring holiday moved from 30 May"),
    ("1977-06-06", "northern-ireland", "added", "spring holiday moved from 30 May"),
    # St Andrew's Day Bank Holiday (Scotland) Act 2007 s1: first for 2007; `holidays` has 2006.
    ("2006-11-30", "scotland", "removed", "St Andrew's Day not yet a bank holiday"),
]

# Days left as `holidays` has them because the evidence conflicts (data-src/proclamations.toml
# comments give the sources). Each is in the shipped table as listed; a change is a decision.
KNOWN_UNCERTAINTIES = [
    # Scotland's May bank holiday 1971-1977: BFDA Sch 1 para 2 says the first Monday in May;
    # HC Deb 3 Jun 1965 c250W (the Scottish first Monday replaced by the late-May day, 1967-68)
    # and HC Deb 11 May 1977 cc537-8W ("the May Day holiday to be introduced in 1978") suggest it
    # was moved to the last Monday every year until 1978. Shipped: last Monday only.
    ("1971-05-31", "scotland", "kept", "last Monday in May; first Monday (3 May) not listed"),
    ("1972-05-29", "scotland", "kept", "last Monday in May; first Monday (1 May) not listed"),
    ("1973-05-28", "scotland", "kept", "last Monday in May; first Monday (7 May) not listed"),
    ("1974-05-27", "scotland", "kept", "last Monday in May; first Monday (6 May) not listed"),
    ("1975-05-26", "scotland", "kept", "last Monday in May; first Monday (5 May) not listed"),
    ("1976-05-31", "scotland", "kept", "last Monday in May; first Monday (3 May) not listed"),
    ("1977-05-30", "scotland", "kept", "last Monday in May; first Monday (2 May) not listed"),
    # 2 January in Scotland before 1973 (one secondary source); BFDA in force 16 Dec 1971.
    ("1971-01-04", "scotland", "kept", "2 Jan (a Saturday) substitute; 2 Jan before 1973"),
    ("1972-01-03", "scotland", "kept", "2 Jan (a Sunday) -> 3 Jan by Sch 1; 2 Jan before 1973"),
    # A Saturday New Year's Day or 2 Jan needs a proclaimed substitute (Sch 1 covers Sundays).
    ("1972-01-04", "scotland", "kept", "substitute for Sat 1 Jan; proclamation not seen"),
    ("1977-01-04", "scotland", "kept", "substitute for Sat 1 Jan; proclamation not seen"),
    # Silver Jubilee in Scotland: "an additional public holiday ... on dates arranged by the
    # District Councils" (HC Deb 19 Jan 1977 cc191-3W); 7 June a bank holiday there unsettled.
    ("1977-06-07", "scotland", "kept", "Silver Jubilee day; Scotland's holiday was local"),
]


@cache
def _shipped(division: str) -> set[date]:
    table = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return {date.fromisoformat(row[0]) for row in table["divisions"][division]}


@cache
def _package(division: str) -> set[date]:
    days = holidays.country_holidays("GB", subdiv=SUBDIVISIONS[division], years=range(1971, 2101))
    return {d for d in days if d.weekday() < 5}  # the table drops weekend days by design


def test_every_difference_from_the_holidays_package_is_listed_with_its_reason():
    assert holidays.__version__ == "0.109"  # a new version: rerun, read, and update the list
    found = []
    for division in SUBDIVISIONS:
        ours, package = _shipped(division), _package(division)
        found += [(d.isoformat(), division, "added") for d in ours - package]
        found += [(d.isoformat(), division, "removed") for d in package - ours]
    assert sorted(found) == sorted((d, div, how) for d, div, how, _why in DIFFERENCES)


def test_the_known_uncertainties_are_shipped_as_holidays_has_them():
    for iso, division, _how, _why in KNOWN_UNCERTAINTIES:
        day = date.fromisoformat(iso)
        assert day in _shipped(division), (iso, division)
        assert day in _package(division), (iso, division)
    # ... and the first Mondays in May 1971-1977 are working days in Scotland on both.
    first_mondays = ["1971-05-03", "1972-05-01", "1973-05-07", "1974-05-06", "1975-05-05"]
    for iso in [*first_mondays, "1976-05-03", "1977-05-02"]:
        assert date.fromisoformat(iso) not in _shipped("scotland"), iso
        assert date.fromisoformat(iso) not in _package("scotland"), iso


@pytest.mark.parametrize("region", ["england-and-wales", "northern-ireland"])
def test_new_years_day_1974_is_skipped_outside_scotland(region):
    # 5 working days after Fri 28 Dec 1973: Sat 29, Sun 30 skipped; Mon 31 Dec = 1;
    # Tue 1 Jan 1974 bank holiday skipped; Wed 2 = 2, Thu 3 = 3, Fri 4 = 4; Sat 5, Sun 6
    # skipped; Mon 7 Jan = 5. (Without 1 Jan 1974 the answer would be Fri 4 Jan.)
    cal = Calendar(region)
    assert not cal.is_working_day(date(1974, 1, 1))
    assert cal.add_working_days(date(1973, 12, 28), 5) == date(1974, 1, 7)


def test_new_years_day_was_already_a_scottish_bank_holiday_in_1974():
    # 5 working days after Fri 28 Dec 1973 in Scotland: Sat 29, Sun 30 skipped; Mon 31 = 1;
    # Tue 1 Jan and Wed 2 Jan 1974 (BFDA Sch 1 para 2) skipped; Thu 3 = 2, Fri 4 = 3; Sat 5,
    # Sun 6 skipped; Mon 7 = 4, Tue 8 = 5.
    assert Calendar("scotland").add_working_days(date(1973, 12, 28), 5) == date(1974, 1, 8)


def test_scotland_may_1975_as_shipped():
    # Shipped (a known uncertainty, above): Mon 26 May 1975 closed, Mon 5 May 1975 open.
    # 20 working days after Thu 1 May 1975 in Scotland: Fri 2 = 1; Sat 3, Sun 4 skipped;
    # Mon 5 = 2, Tue 6 = 3, Wed 7 = 4, Thu 8 = 5, Fri 9 = 6; Mon 12 - Fri 16 = 7-11;
    # Mon 19 - Fri 23 = 12-16; Mon 26 bank holiday skipped; Tue 27 = 17, Wed 28 = 18,
    # Thu 29 = 19, Fri 30 May = 20.
    cal = Calendar("scotland")
    assert cal.is_working_day(date(1975, 5, 5))
    assert not cal.is_working_day(date(1975, 5, 26))
    assert cal.add_working_days(date(1975, 5, 1), 20) == date(1975, 5, 30)


def test_silver_jubilee_1977_moved_the_spring_holiday_outside_scotland_only():
    # England and Wales, 5 working days after Fri 27 May 1977: Sat 28, Sun 29 skipped;
    # Mon 30 = 1 (its holiday moved to 6 Jun), Tue 31 = 2, Wed 1 Jun = 3, Thu 2 = 4, Fri 3 = 5.
    assert Calendar("england-and-wales").add_working_days(date(1977, 5, 27), 5) == date(1977, 6, 3)
    # Then 1 working day after Fri 3 Jun: Sat 4, Sun 5, Mon 6 (moved), Tue 7 (Jubilee) skipped;
    # Wed 8 Jun = 1.
    assert Calendar("england-and-wales").add_working_days(date(1977, 6, 3), 1) == date(1977, 6, 8)
    # Scotland, the same 5: Sat 28, Sun 29 skipped; Mon 30 May bank holiday skipped; Tue 31 = 1,
    # Wed 1 Jun = 2, Thu 2 = 3, Fri 3 = 4; Sat 4, Sun 5 skipped; Mon 6 Jun = 5.
    assert Calendar("scotland").add_working_days(date(1977, 5, 27), 5) == date(1977, 6, 6)
