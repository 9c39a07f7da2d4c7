"""Working days of a region, and arithmetic on them without walking day by day.

A working day is any day except Saturday, Sunday, Christmas Day, Good Friday and a bank holiday
of the region (SI 2007/462 reg 1(2); FOIA 2000 s10(6) for the UK-wide union). Christmas Day and
Good Friday are common-law holidays in England, Wales and Northern Ireland, so they are closed by
rule here, never looked up in a feed that may list only a substitute day (see
`deadlines law day-sets`).

Each region's table is built once, at first use, from the whole supported range of years; a
lookup never extends it. Every call is O(1) or O(log H), H being the number of closed weekdays.
"""

import threading
import weakref
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from deadlines import holiday_data, validate
from deadlines.errors import InputError, OutsideHolidayData

# Where a council may be (`--region`). The first four are the divisions of the bank-holiday
# feed and their union; `england` and `wales` count England-and-Wales bank holidays but say which
# of the two a council is in, where a pack's law is English or Welsh only.
REGIONS = (
    "england-and-wales", "scotland", "northern-ireland", "united-kingdom", "england", "wales"
)  # fmt: skip
REGION_NAMES = {
    "england-and-wales": "England and Wales",
    "scotland": "Scotland",
    "northern-ireland": "Northern Ireland",
    "united-kingdom": "United Kingdom (any part)",
    "england": "England",
    "wales": "Wales",
    "none": "no bank holidays",
}
_REGION_DIVISIONS: dict[str, tuple[str, ...]] = {
    "england-and-wales": ("england-and-wales",),
    "england": ("england-and-wales",),
    "wales": ("england-and-wales",),
    "scotland": ("scotland",),
    "northern-ireland": ("northern-ireland",),
    "united-kingdom": holiday_data.DIVISIONS,  # a bank holiday in any part of the UK
    "none": (),  # a count in calendar days that disregards no holiday
}
# The parts of the UK each region is in, for where a pack's law extends.
PARTS = ("england", "wales", "scotland", "northern-ireland")
REGION_PARTS: dict[str, tuple[str, ...]] = {
    "england-and-wales": ("england", "wales"),
    "england": ("england",),
    "wales": ("wales",),
    "scotland": ("scotland",),
    "northern-ireland": ("northern-ireland",),
    "united-kingdom": PARTS,
}
_WEEKEND = ("Saturday", "Sunday")
_TWO_DAYS = timedelta(days=2)


def _easter_offset(days: int) -> Callable[[int], date]:
    return lambda year: easter_sunday(year) + timedelta(days=days)


# Days a statute may name as disregarded besides weekends and bank holidays, by name.
RULE_DAYS: dict[str, tuple[str, Callable[[int], date]]] = {
    "christmas-day": ("Christmas Day", lambda year: date(year, 12, 25)),
    "good-friday": ("Good Friday", _easter_offset(-2)),
    "christmas-eve": ("Christmas Eve", lambda year: date(year, 12, 24)),
    "maundy-thursday": ("Maundy Thursday", _easter_offset(-3)),
    "easter-monday": ("Easter Monday", _easter_offset(1)),
}
BANK_HOLIDAYS = (*_REGION_DIVISIONS, "council")


class DaySet(NamedTuple):
    """The days a statute disregards in a count: Saturdays and Sundays always, then these.

    `bank_holidays` names whose bank holidays: a part of the UK, "united-kingdom" (a bank
    holiday in any part, FOIA s10(6)), "council" (the part where the council is: `--region`) or
    "none". `appointed`: days appointed for public thanksgiving or mourning count as well.
    """

    closed: tuple[str, ...] = ("christmas-day", "good-friday")
    bank_holidays: str = "council"
    appointed: bool = False
    citation: str = ""

    def resolved(self, council: str) -> "DaySet":
        """The same day set with "council" read as the council's region."""
        if self.bank_holidays != "council":
            return self
        return self._replace(bank_holidays=council)

    def words(self) -> str:
        """ "Saturdays, Sundays, Christmas Day, Good Friday and bank holidays in Scotland"."""
        names = ["Saturdays", "Sundays", *(RULE_DAYS[c][0] for c in self.closed)]
        if self.appointed:
            names.append("days appointed for public thanksgiving or mourning")
        where = self.bank_holidays
        if where != "none":
            words = {"united-kingdom": "any part of the United Kingdom", "council":
                     "the council's part of the UK"}  # fmt: skip
            names.append(f"bank holidays in {words.get(where, REGION_NAMES.get(where, where))}")
        text = ", ".join(names[:-1]) + f" and {names[-1]}"
        return f"{text} ({self.citation})" if self.citation else text


DEFAULT_DAYS = DaySet()


class ClosedDay(NamedTuple):
    """Why a weekday is not a working day."""

    date: date
    reason: str  # "Christmas Day", "Good Friday", or the bank holiday's name
    status: str  # "rule" (Christmas Day, Good Friday), "confirmed", "historical" or "projected"
    kind: str  # "", "one-off" or "moved"
    divisions: tuple[str, ...]  # where it is a bank holiday (all, for a rule day)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous algorithm of Meeus, Jones and Butcher)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _month_length(year: int, month: int) -> int:
    """Days in a month (February by the Gregorian leap-year rule)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _weekdays_before(o: int) -> int:
    """Monday-to-Friday days with ordinal < o (ordinal 1, 1 Jan of year 1, was a Monday)."""
    weeks, rest = divmod(o - 1, 7)
    return 5 * weeks + min(rest, 5)


def _weekday_at(k: int) -> int:
    """Ordinal of the k-th Monday-to-Friday day, counting from 0."""
    weeks, rest = divmod(k, 5)
    return 7 * weeks + rest + 1


class _Table:
    """Closed weekdays of one day set as sorted ordinals, with what is needed to explain them.

    The ordinals (all the arithmetic needs) are built at once; the records that say why each
    day is closed are built on first use, under the module's lock, so start-up does not pay
    for 130 years of names it will not print.
    """

    def __init__(self, days: DaySet, data: holiday_data.HolidayData) -> None:
        region = days.bank_holidays
        self.first = date(data.first_year, 1, 1)
        self.last = date(data.last_year, 12, 31)
        self.confirmed_through = min(
            (data.confirmed_through[d] for d in _REGION_DIVISIONS[region]),
            default=max(data.confirmed_through.values()),
        )
        self.source = data.source
        self._days = days
        self._data = data
        self._reasons: dict[int, ClosedDay] | None = None
        closed = {o for o, _ in _rule_days(data.first_year, data.last_year, days.closed)}
        special = set()
        fromiso = date.fromisoformat
        for division in _REGION_DIVISIONS[region]:
            for iso, _name, _status, kind in data.rows[division]:
                o = fromiso(iso).toordinal()
                closed.add(o)
                if kind:
                    special.add(o)
        for iso, _name in data.appointed if days.appointed else ():
            o = fromiso(iso).toordinal()
            if (o - 1) % 7 < 5:
                closed.add(o)
                special.add(o)
        self.closed = sorted(closed)
        self.closed_set = frozenset(closed)
        # Working days before each closed weekday: non-decreasing, so bisectable.
        self.open_before = [_weekdays_before(o) - i for i, o in enumerate(self.closed)]
        self.special = sorted(special)
        self.min_ord = self.first.toordinal()
        self.max_ord = self.last.toordinal()

    @property
    def reasons(self) -> dict[int, ClosedDay]:
        """ordinal -> ClosedDay for every closed weekday (built once, on first use)."""
        if self._reasons is None:
            with _LOCK:
                if self._reasons is None:
                    self._reasons = self._build_reasons()
        return self._reasons

    def _build_reasons(self) -> dict[int, ClosedDay]:
        data = self._data
        everywhere = _REGION_DIVISIONS[self._days.bank_holidays]
        closed = {
            o: ClosedDay(date.fromordinal(o), reason, "rule", "", everywhere)
            for o, reason in _rule_days(data.first_year, data.last_year, self._days.closed)
        }
        for division in everywhere:
            for iso, name, status, kind in data.rows[division]:
                o = date.fromisoformat(iso).toordinal()
                seen = closed.get(o)
                if seen is None:
                    closed[o] = ClosedDay(date.fromordinal(o), name, status, kind, (division,))
                elif seen.status != "rule" and division not in seen.divisions:
                    closed[o] = ClosedDay(
                        seen.date,
                        seen.reason if seen.reason == name else f"{seen.reason} / {name}",
                        seen.status,
                        seen.kind or kind,
                        (*seen.divisions, division),
                    )
        for iso, name in data.appointed if self._days.appointed else ():
            o = date.fromisoformat(iso).toordinal()
            if (o - 1) % 7 < 5 and o not in closed:
                closed[o] = ClosedDay(date.fromordinal(o), name, "appointed", "appointed", ())
        return closed


def _rule_days(first_year: int, last_year: int, names: tuple[str, ...]) -> list[tuple[int, str]]:
    """(ordinal, name) of the named days (Christmas Day, Good Friday, ...) on weekdays."""
    days = []
    for name in names:
        reason, when = RULE_DAYS[name]
        for year in range(first_year, last_year + 1):
            day = when(year)
            if day.weekday() < 5:
                days.append((day.toordinal(), reason))
    return days


# The one cache of working-day tables: per holiday data (forgotten with it) and day set.
_TABLES: weakref.WeakKeyDictionary[holiday_data.HolidayData, dict[DaySet, _Table]] = (
    weakref.WeakKeyDictionary()
)
_LOCK = threading.RLock()


def _table(days: DaySet, data: holiday_data.HolidayData) -> _Table:
    key = days._replace(citation="")
    tables = _TABLES.get(data)
    table = tables.get(key) if tables else None
    if table is None:
        with _LOCK:  # one build per day set even when threads race to the first use
            tables = _TABLES.setdefault(data, {})
            table = tables.get(key)
            if table is None:
                table = tables[key] = _Table(key, data)
    return table


def _checked(days: object) -> DaySet:
    """A day set given to the Python API, every field checked (the rule-file reader's check)."""
    if not isinstance(days, DaySet):
        msg = (
            f"days: {days!r:.80} is not a day set; expected None (weekends and the region's "
            "bank holidays) or a deadlines.calendar.DaySet"
        )
        raise InputError(msg)
    return validate.day_set(days, lambda text: InputError(f"days: {text}"))


class Calendar:
    """Working days of one region: `Calendar("scotland").add_working_days(date(2026, 6, 8), 10)`.

    Safe to share between threads: the table is immutable once built.
    """

    def __init__(
        self,
        region: str = "england-and-wales",
        *,
        holidays: holiday_data.HolidayData | None = None,
        days: DaySet | None = None,
    ) -> None:
        if not isinstance(region, str) or region != "none":  # "none": calendar days
            validate.region_name(region)  # a str first: an array compares item by item
        validate.holiday_data(holidays)
        self.days = (DEFAULT_DAYS if days is None else _checked(days)).resolved(region)
        self.day_set_words = self.days.words()  # said beside every date counted on it
        # Whose bank holidays count: the day set's own part, or the council's.
        self.region = self.days.bank_holidays
        self.council = region
        self._data = holidays or holiday_data.shipped()
        self._t = _table(self.days, self._data)
        self._others: dict[tuple[str, DaySet | None], Calendar] = {}

    def other(self, region: str | None) -> "Calendar":
        """The calendar of another region on the same holiday data (self for None or the same)."""
        if region is None or region == self.region:
            return self
        return self.with_days(DEFAULT_DAYS._replace(bank_holidays=region))

    def with_days(self, days: DaySet) -> "Calendar":
        """The calendar of a statute's own day set, for a council in this calendar's region."""
        days = _checked(days)  # first: a day set holding a list cannot be a key
        key = (self.council, days)
        cal = self._others.get(key)
        if cal is None:
            cal = self._others[key] = Calendar(self.council, holidays=self._data, days=days)
        return cal

    def __repr__(self) -> str:
        if self.days == DEFAULT_DAYS.resolved(self.council):
            return f"Calendar({self.council!r})"
        return f"Calendar({self.council!r}, days={self.days!r})"

    # -- facts about the data ------------------------------------------------------------------
    @property
    def first(self) -> date:
        """First supported day."""
        return self._t.first

    @property
    def last(self) -> date:
        """Last supported day."""
        return self._t.last

    @property
    def confirmed_through(self) -> date:
        """Last day covered by government-published data; later days are projected."""
        return self._t.confirmed_through

    @property
    def appointed(self) -> tuple[tuple[str, str], ...]:
        """Days appointed for public thanksgiving or mourning in the data: (iso date, name)."""
        return self._data.appointed

    @property
    def source(self) -> str:
        """Where the holiday data came from, e.g. "gov.uk feed 2026-02-25 + holidays 0.109"."""
        return self._t.source

    # -- single days ---------------------------------------------------------------------------
    def _ordinal(self, d: date, what: str = "date", column: str | None = None) -> int:
        if d.__class__ is not date:  # the public methods' entry check (deadlines.validate)
            d = validate.day(d, what)
        o = d.toordinal()
        if not self._t.min_ord <= o <= self._t.max_ord:
            msg = (
                f"{what} {d.isoformat()} is outside the supported years: expected a date from "
                f"{self.first.isoformat()} to {self.last.isoformat()}"
            )
            raise OutsideHolidayData(msg, column=column)
        return o

    def check(self, d: date, what: str = "date", column: str | None = None) -> date:
        """Return d, or raise OutsideHolidayData naming `what` if it is outside the tables
        (`column`: the input it came from, kept on the error)."""
        self._ordinal(d, what, column)
        return d

    def is_working_day(self, d: date) -> bool:
        """True unless d is a weekend day, Christmas Day, Good Friday or a bank holiday."""
        o = self._ordinal(d)
        return (o - 1) % 7 < 5 and o not in self._t.closed_set

    def reason_closed(self, d: date) -> str | None:
        """Why d is not a working day ("Saturday", "Good Friday", a holiday's name), or None."""
        o = self._ordinal(d)
        if (o - 1) % 7 >= 5:
            return _WEEKEND[(o - 1) % 7 - 5]
        closed = self._t.reasons.get(o)
        return closed.reason if closed else None

    def closed_day(self, d: date) -> ClosedDay | None:
        """The closure record of a weekday that is not a working day, or None."""
        return self._t.reasons.get(self._ordinal(d))

    def closed_weekdays(self, start: date, end: date) -> list[ClosedDay]:
        """Non-working weekdays from start to end inclusive, oldest first."""
        lo = bisect_left(self._t.closed, self._ordinal(start))
        hi = bisect_right(self._t.closed, self._ordinal(end))
        return [self._t.reasons[o] for o in self._t.closed[lo:hi]]

    def special_days(self, start: date, end: date) -> list[ClosedDay]:
        """One-off and moved bank holidays from start to end inclusive (BFDA 1971 s1(2), (3))."""
        lo = bisect_left(self._t.special, validate.day(start, "start").toordinal())
        hi = bisect_right(self._t.special, validate.day(end, "end").toordinal())
        return [self._t.reasons[o] for o in self._t.special[lo:hi]]

    # -- arithmetic ----------------------------------------------------------------------------
    def index(self, o: int) -> int:
        """Working days with ordinal < o: the difference of two is a count of working days.

        No range check: for ordinals already checked.
        """
        weeks, rest = divmod(o - 1, 7)
        return 5 * weeks + (rest if rest < 5 else 5) - bisect_left(self._t.closed, o)

    def add_working_days(self, d: date, n: int) -> date:
        """The n-th working day after d (n > 0) or before it (n < 0); d itself never counts.

        n = 0 returns d unchanged, working day or not.
        """
        o = self._ordinal(d)
        if n.__class__ is not int:
            n = validate.count(n)
        if n == 0:
            return d
        j = self.index(o + 1) + n - 1 if n > 0 else self.index(o) + n  # target, from 0
        result = _weekday_at(j + bisect_right(self._t.open_before, j)) if j >= 0 else 0
        if not self._t.min_ord <= result <= self._t.max_ord:
            raise self._outside(n, "working days", d)
        return date.fromordinal(result)

    def _outside(self, n: int, unit: str, d: date) -> OutsideHolidayData:
        return OutsideHolidayData(
            f"{abs(n)} {unit} {'after' if n >= 0 else 'before'} {d.isoformat()} falls outside "
            f"the supported years: expected a result from {self.first.isoformat()} to "
            f"{self.last.isoformat()}"
        )

    def working_days_between(self, a: date, b: date) -> int:
        """Working days strictly between a and b (either order); 0 when they are adjacent."""
        lo, hi = sorted((self._ordinal(a), self._ordinal(b)))
        return max(0, self.index(hi) - self.index(lo + 1))

    def add_days(self, d: date, n: int) -> date:
        """d plus n calendar days, refusing results outside the supported years."""
        self._ordinal(d)
        n = n if n.__class__ is int else validate.count(n)
        result = d.toordinal() + n
        if not self._t.min_ord <= result <= self._t.max_ord:
            raise self._outside(n, "days", d)
        return date.fromordinal(result)

    def add_months(self, d: date, n: int) -> date:
        """The corresponding date n calendar months after (n < 0: before) d.

        The same day of the month; when the month is too short, its last day (31 January plus
        one month is 28 or 29 February; Dodds v Walker [1981] 1 WLR 1027; ICO guidance). Never
        rolled to a working day: that is a rule's choice.
        """
        self._ordinal(d)
        n = n if n.__class__ is int else validate.count(n)
        year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
        if not self.first.year <= year <= self.last.year:
            raise self._outside(n, "months", d)
        return date(year, month0 + 1, min(d.day, _month_length(year, month0 + 1)))

    def working_day_on_or_before(self, d: date) -> date:
        """d if it is a working day, else the last working day before it."""
        return d if self.is_working_day(d) else self.add_working_days(d, -1)

    def working_day_on_or_after(self, d: date) -> date:
        """d if it is a working day, else the first working day after it."""
        return d if self.is_working_day(d) else self.add_working_days(d, 1)
