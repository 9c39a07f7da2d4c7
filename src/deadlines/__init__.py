"""deadlines: statutory deadline calculator for UK local government.

>>> from datetime import date
>>> import deadlines
>>> deadlines.Calendar("england-and-wales").add_working_days(date(2015, 5, 12), 30)
datetime.date(2015, 6, 24)
>>> deadlines.compute(received=date(2015, 5, 12)).deadline("statement-of-action").date
datetime.date(2015, 8, 19)
>>> deadlines.packs()[0]
'england-executive'
>>> deadlines.pack("information-requests").name
'information-requests'
"""

from deadlines._version import __version__
from deadlines.calendar import REGIONS, Calendar
from deadlines.compute import Deadline, Reading, Result, compute
from deadlines.errors import (
    DeadlinesError,
    HolidayDataError,
    InputError,
    OutsideHolidayData,
    RuleError,
    UnknownRegion,
    UnknownRule,
    UnknownTopic,
)
from deadlines.rules import RuleSet
from deadlines.rules import pack as _load_pack
from deadlines.rules import pack_names as _pack_names


def packs() -> tuple[str, ...]:
    """The names of the built-in rule packs, the default (england-executive) first."""
    return _pack_names()


def pack(name: str = "england-executive") -> RuleSet:
    """A built-in rule pack by name, to pass as `compute(..., rules=...)`.

    Unknown names raise RuleError naming the packs there are."""
    if not isinstance(name, str):
        msg = f"pack name {name!r} is not a string; expected one of {', '.join(packs())}"
        raise InputError(msg)
    return _load_pack(name)


__all__ = [
    "REGIONS",
    "Calendar",
    "Deadline",
    "DeadlinesError",
    "HolidayDataError",
    "InputError",
    "OutsideHolidayData",
    "Reading",
    "Result",
    "RuleError",
    "RuleSet",
    "UnknownRegion",
    "UnknownRule",
    "UnknownTopic",
    "__version__",
    "compute",
    "pack",
    "packs",
]
