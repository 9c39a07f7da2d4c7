"""deadlines: statutory deadline calculator for UK local government.

>>> from datetime import date
>>> import deadlines
>>> deadlines.Calendar("england-and-wales").add_working_days(date(2015, 5, 12), 30)
datetime.date(2015, 6, 24)
>>> deadlines.compute(received=date(2015, 5, 12)).deadline("statement-of-action").date
datetime.date(2015, 8, 19)
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
)

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
    "UnknownRegion",
    "__version__",
    "compute",
]
