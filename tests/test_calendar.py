"""The working-day engine against hand-worked cases and a day-by-day walk over real data."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from dateutil.easter import easter
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import REGIONS, Calendar, OutsideHolidayData, UnknownRegion
from deadlines.calendar import easter_sunday
from oracle import between, is_working_day, walk

CASES = Path(__file__).parent / "cases"
SPECIAL = json.loads((CASES / "special-holidays.json").read_text())["cases"]
CALENDARS = {r: Calendar(r) for r in REGIONS}

regions = st.sampled_from(REGIONS)
# Far enough inside 1971-2100 that +-400 working days stays in range.
dates = st.dates(date(1973, 1, 1), date(2098, 12, 31))
lengths = st.integers(-400, 400)


@settings(max_examples=400, deadline=None)
@given(regions, dates, lengths)
def test_add_working_days_agrees_with_a_day_by_day_walk(region, d, n):
    """Ordinal arithmetic with a bisected holiday table equals walking day by day."""
    assert CALENDARS[region].add_working_days(d, n) == walk(region, d, n)


@settings(max_examples=300, deadline=None)
@given(regions, dates, st.integers(0, 300))
def test_working_days_between_agrees_with_counting_each_day(region, d, span):
    """Working days strictly between two dates equals a count of each day, in either order."""
    other = d + timedelta(days=span)
    cal = CALENDARS[region]
    assert cal.working_days_between(d, other) == between(region, d, other)
    assert cal.working_days_between(other, d) == between(region, d, other)


@settings(max_examples=300, deadline=None)
@given(regions, dates)
def test_is_working_day_agrees_with_the_oracle(region, d):
    """Weekends, Christmas Day, Good Friday and the region's bank holidays are closed."""
    assert CALENDARS[region].is_working_day(d) == is_working_day(region, d)


@settings(max_examples=300, deadline=None)
@given(regions, dates, st.integers(1, 400))
def test_round_trip_counts_the_days_in_between(region, d, n):
    """n working days after d leaves n - 1 working days strictly between; and back again."""
    cal = CALENDARS[region]
    later = cal.add_working_days(d, n)
    assert cal.working_days_between(d, later) == n - 1
    assert cal.is_working_day(later)
    # Going back n from the result lands on the last working day on or before d.
    assert cal.add_working_days(later, -n) == cal.working_day_on_or_before(d)


@settings(max_examples=300, deadline=None)
@given(regions, dates, dates, st.integers(1, 300))
def test_more_days_or_a_later_start_never_gives_an_earlier_date(region, a, b, n):
    """Monotone in the start date and in n."""
    cal = CALENDARS[region]
    a, b = min(a, b), max(a, b)
    assert cal.add_working_days(a, n) <= cal.add_working_days(b, n)
    assert cal.add_working_days(a, n) < cal.add_working_days(a, n + 1)
    assert cal.add_working_days(a, -n) > cal.add_working_days(a, -n - 1)


@pytest.mark.parametrize("case", SPECIAL, ids=[c["id"] for c in SPECIAL])
def test_counts_across_moved_one_off_and_substitute_holidays(case):
    """examples/special-holidays.json: every case, hand-counted, including each named mistake."""
    cal = Calendar(case["region"])
    got = cal.add_working_days(date.fromisoformat(case["start"]), case["n"])
    assert got == date.fromisoformat(case["expected"])
    wrong = case.get("wrong")
    if wrong and wrong["date"] != case["expected"]:
        assert got != date.fromisoformat(wrong["date"]), wrong["mistake"]


# LEGAL.md 3.2: every one-off or moved bank holiday, in the regions it names.
ONE_OFFS = [
    (date(1977, 6, 7), "UK"),
    (date(1981, 7, 29), "UK"),
    (date(1995, 5, 8), "UK"),
    (date(1999, 12, 31), "UK"),
    (date(2002, 6, 3), "UK"),
    (date(2002, 6, 4), "UK"),
    (date(2011, 4, 29), "UK"),
    (date(2012, 6, 4), "UK"),
    (date(2012, 6, 5), "UK"),
    (date(2020, 5, 8), "UK"),
    (date(2022, 6, 2), "UK"),
    (date(2022, 6, 3), "UK"),
    (date(2022, 9, 19), "UK"),
    (date(2023, 5, 8), "UK"),
    (date(2026, 6, 15), "scotland"),
]


@pytest.mark.parametrize(("day", "where"), ONE_OFFS, ids=[d.isoformat() for d, _ in ONE_OFFS])
def test_every_one_off_bank_holiday_is_closed_where_it_was_proclaimed(day, where):
    """LEGAL.md 3.2, row by row; the Scotland-only 2026 day is open in the other divisions."""
    closed_in = REGIONS if where == "UK" else (where, "united-kingdom")
    for region in REGIONS:
        assert CALENDARS[region].is_working_day(day) == (region not in closed_in), region


@pytest.mark.parametrize(
    "day",
    [date(2020, 5, 4), date(1995, 5, 1), date(2002, 5, 27), date(2012, 5, 28), date(2022, 5, 30)],
)
def test_a_moved_holidays_usual_day_is_a_working_day(day):
    """When a proclamation moves a holiday, its usual Monday is an ordinary working day."""
    for region in REGIONS:
        assert CALENDARS[region].is_working_day(day), region


def test_christmas_eve_is_a_working_day_and_christmas_day_never_is():
    """SI 2007/462 reg 1(2) names Christmas Day, not Christmas Eve."""
    cal = CALENDARS["england-and-wales"]
    assert cal.is_working_day(date(2021, 12, 24))
    assert not cal.is_working_day(date(2024, 12, 25))
    assert cal.reason_closed(date(2024, 12, 25)) == "Christmas Day"


def test_easter_monday_and_august_monday_are_not_scottish_bank_holidays():
    """LEGAL.md 3.1: Scotland keeps the first Monday in August and no Easter Monday."""
    scotland = CALENDARS["scotland"]
    assert scotland.is_working_day(date(2015, 4, 6))
    assert scotland.is_working_day(date(2015, 8, 31))
    assert not scotland.is_working_day(date(2015, 8, 3))


def test_closed_days_are_explained_by_name():
    """Weekend days by weekday; holidays by their name; a working day has no reason."""
    cal = CALENDARS["england-and-wales"]
    assert cal.reason_closed(date(2015, 5, 23)) == "Saturday"
    assert cal.reason_closed(date(2015, 5, 24)) == "Sunday"
    assert cal.reason_closed(date(2015, 5, 25)) == "Spring bank holiday"
    assert cal.reason_closed(date(2015, 4, 3)) == "Good Friday"
    assert cal.reason_closed(date(2015, 5, 26)) is None


@pytest.mark.parametrize("year", range(1971, 2101))
def test_easter_matches_dateutil(year):
    """Our Easter (for Good Friday) agrees with dateutil's for every supported year."""
    assert easter_sunday(year) == easter(year)


def test_zero_returns_the_same_day_and_negative_counts_go_back():
    """n = 0 is defined as the day itself; n < 0 counts backward with the day excluded."""
    cal = CALENDARS["england-and-wales"]
    assert cal.add_working_days(date(2015, 5, 23), 0) == date(2015, 5, 23)
    # Before Tue 26 May 2015: Mon 25 is the Spring bank holiday, so back 1 is Fri 22 May.
    assert cal.add_working_days(date(2015, 5, 26), -1) == date(2015, 5, 22)


def test_the_edges_of_the_supported_years():
    """1971-01-01 and 2100-12-31 work; one day beyond either raises a typed error."""
    cal = CALENDARS["england-and-wales"]
    assert cal.add_working_days(date(1971, 1, 1), 1) == date(1971, 1, 4)
    assert cal.add_working_days(date(2100, 12, 31), -1) == date(2100, 12, 30)
    with pytest.raises(OutsideHolidayData, match="1970-12-31"):
        cal.is_working_day(date(1970, 12, 31))
    with pytest.raises(OutsideHolidayData, match="2101-01-01"):
        cal.add_working_days(date(2101, 1, 1), 1)
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        cal.add_working_days(date(2100, 12, 20), 30)
    with pytest.raises(OutsideHolidayData, match="outside the supported years"):
        cal.add_working_days(date(1971, 1, 10), -30)


def test_a_large_count_agrees_with_the_walk():
    """n = 25,000 working days spans nearly a century and still equals the walk."""
    cal = CALENDARS["united-kingdom"]
    assert cal.add_working_days(date(1975, 3, 3), 25_000) == walk(
        "united-kingdom", date(1975, 3, 3), 25_000
    )


def test_unknown_region_names_the_value_and_the_choices():
    """A typo in the region is an error, never a silent default."""
    with pytest.raises(UnknownRegion, match=r"'cymru'.*england-and-wales"):
        Calendar("cymru")
