"""Dates as people type them: one parser for `compute`'s options and `check`'s cells.

ISO YYYY-MM-DD is always read. With `dayfirst` (UK habit) DD/MM/YYYY (also with `.` or `-`)
and "8 June 2015" / "8 Jun 2015" / "Monday 8 June 2015" are read too. Without it, any other
shape is refused, with "did you mean YYYY-MM-DD?" when only one reading is a real date (a day
above 12 decides: 13/01/2015 is 13 January) and both readings when there are two. Nothing here
guesses between two readings, nor between a date and a weekday written with it that disagrees
("Fri 8 Jun 2015": 8 June 2015 was a Monday).
"""

from __future__ import annotations

import functools
import re
from datetime import date

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")  # fmt: skip
_DAY_NAMES = r"((?:mon|tue|wed|thu|fri|sat|sun)[a-z]*),?\s+"  # captured: checked against the date
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The shapes other than YYYY-MM-DD, compiled on first use: ISO input (what most command
    lines and cells hold) never pays for them at start-up. ASCII digits only: str.isdigit and
    \\d accept fullwidth and other digits; both readers refuse them."""
    words = r"([0-9]{1,2})(?:st|nd|rd|th)?"
    return (
        re.compile(r"([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})", re.ASCII),  # 08/06/2015
        re.compile(r"([0-9]{4})[/.-]([0-9]{1,2})[/.-]([0-9]{1,2})", re.ASCII),  # 2015/6/8
        re.compile(
            rf"(?:{_DAY_NAMES})?{words}\s+([a-z]+)\.?,?\s+([0-9]{{4}})", re.ASCII | re.IGNORECASE
        ),  # 8 June 2015
        re.compile(
            rf"(?:{_DAY_NAMES})?([a-z]+)\.?\s+{words},?\s+([0-9]{{4}})", re.ASCII | re.IGNORECASE
        ),  # June 8, 2015
    )


def _iso(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) of exactly YYYY-MM-DD in ASCII digits, else None."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-" or not value.isascii():
        return None
    y, m, d = value[:4], value[5:7], value[8:]
    if y.isdigit() and m.isdigit() and d.isdigit():  # ASCII, so 0-9 only
        return int(y), int(m), int(d)
    return None


class DateTextError(ValueError):
    """A text that is not a date; the message says why and what was expected ("is not ...")."""


def _month(word: str) -> int | None:
    w = word.lower()
    if len(w) < 3:
        return None
    for i, name in enumerate(_MONTHS, 1):
        if name.startswith(w) or (w == "sept" and i == 9):
            return i
    return None


def _real(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _words(value: str) -> date | str | None:
    """A date written with its month's name: the date, "unreal" for 31 June, or None."""
    _, _, worded, worded_us = _patterns()
    m = worded.fullmatch(value)
    if m:
        weekday, day, month, year = m[1], int(m[2]), _month(m[3]), int(m[4])
    else:
        m = worded_us.fullmatch(value)
        if not m:
            return None
        weekday, day, month, year = m[1], int(m[3]), _month(m[2]), int(m[4])
    if month is None:
        return None
    real = _real(year, month, day)
    if real is None:
        return "unreal"
    if weekday is not None:  # a weekday written with the date must be the date's
        _check_weekday(weekday, real)
    return real


def _check_weekday(word: str, day: date) -> None:
    """DateTextError unless `word` names the weekday of `day` ("Mon", "Weds", "Thursday")."""
    w = word.lower()
    named = next((n for n in _WEEKDAYS if n.startswith(w) or (w == "weds" and n[0] == "w")), None)
    if named is None:
        msg = f"is not a date: {word!r} is not a day of the week; expected e.g. Mon 8 Jun 2015"
        raise DateTextError(msg)
    if named != _WEEKDAYS[day.weekday()]:
        msg = (
            f"is not a date: it says {word} but {day.isoformat()} is a "
            f"{_WEEKDAYS[day.weekday()].capitalize()}; expected the weekday of the date, or none"
        )
        raise DateTextError(msg)


def parse_date(text: str, dayfirst: bool = False) -> date:
    """ISO YYYY-MM-DD; with dayfirst also DD/MM/YYYY and "8 June 2015". Else DateTextError."""
    value = text.strip()
    iso = _iso(value)
    if iso is not None:
        try:
            return date(*iso)
        except ValueError as e:
            msg = f"is not a real date ({e}); expected YYYY-MM-DD"
            raise DateTextError(msg) from None
    expected = "expected YYYY-MM-DD" + (" or DD/MM/YYYY" if dayfirst else "")
    dmy, ymd_shape, _, _ = _patterns()
    m = dmy.fullmatch(value)
    if m:
        a, b, year = int(m[1]), int(m[2]), int(m[3])
        uk, us = _real(year, b, a), _real(year, a, b)
        if dayfirst:
            if uk is None:
                msg = f"is not a real date (day {a} of month {b}); {expected}"
                raise DateTextError(msg)
            return uk
        if uk is not None and us is not None and uk != us:
            msg = (
                f"is not YYYY-MM-DD; did you mean {uk.isoformat()} (pass --dayfirst to read "
                f"DD/MM/YYYY)? Read month first it would be {us.isoformat()}"
            )
            raise DateTextError(msg)
        only = uk or us
        if only is None:
            msg = f"is not a real date; {expected}"
            raise DateTextError(msg)
        hint = " (or pass --dayfirst)" if only == uk else ""
        msg = f"is not YYYY-MM-DD; did you mean {only.isoformat()}?{hint}"
        raise DateTextError(msg)
    m = ymd_shape.fullmatch(value)
    if m:
        ymd = _real(int(m[1]), int(m[2]), int(m[3]))
        if ymd is None:
            msg = f"is not a real date; {expected}"
            raise DateTextError(msg)
        msg = f"is not YYYY-MM-DD; did you mean {ymd.isoformat()}?"
        raise DateTextError(msg)
    worded = _words(value)
    if worded == "unreal":
        msg = f"is not a real date; {expected}"
        raise DateTextError(msg)
    if isinstance(worded, date):
        if dayfirst:
            return worded
        msg = f"is not YYYY-MM-DD; did you mean {worded.isoformat()}? (or pass --dayfirst)"
        raise DateTextError(msg)
    msg = f"is not a date; {expected}, e.g. 2015-05-12"
    raise DateTextError(msg)
