"""Microseconds per Calendar.add_working_days call, for n = 5, 70 and 2500 (and back).

Run by hand: ``python benchmarks/bench_engine.py``. Target: at or below numpy.busday_offset per
call (printed beside it when numpy is installed; it is not a dependency), flat in n. Not part of
the test run: timings on a busy CI machine prove little.
"""

from __future__ import annotations

import random
import timeit
from datetime import date, timedelta

from deadlines import Calendar


def main() -> None:
    rng = random.Random(2015)
    starts = [date(1980, 1, 1) + timedelta(days=rng.randrange(40_000)) for _ in range(1000)]
    print(f"{'region':<20} {'n':>6} {'us/call':>8}")
    for region in ("england-and-wales", "united-kingdom"):
        cal = Calendar(region)  # the table is built here, once, outside the timing
        for n in (5, 70, 2500, -70):
            calls = [(d, n) for d in starts]
            best = min(
                timeit.repeat(
                    lambda cal=cal, calls=calls: [cal.add_working_days(d, k) for d, k in calls],
                    number=20,
                    repeat=5,
                )
            )
            print(f"{region:<20} {n:>6} {best / (20 * len(calls)) * 1e6:>8.2f}")
    cal = Calendar("england-and-wales")
    pairs = [(d, d + timedelta(days=90)) for d in starts]
    best = min(
        timeit.repeat(
            lambda: [cal.working_days_between(a, b) for a, b in pairs], number=20, repeat=5
        )
    )
    print(f"{'working_days_between':<20} {'90d':>6} {best / (20 * len(pairs)) * 1e6:>8.2f}")
    try:
        import numpy as np
    except ImportError:
        print("numpy is not installed: no busday_offset comparison")
        return
    cal = Calendar("england-and-wales")
    closed = [c.date for c in cal.closed_weekdays(cal.first, cal.last)]
    calendar = np.busdaycalendar(holidays=np.array(closed, dtype="datetime64[D]"))
    for n in (5, 70, 2500):
        days = [np.datetime64(d, "D") for d in starts]
        best = min(
            timeit.repeat(
                lambda days=days, n=n: [
                    np.busday_offset(d, n, roll="forward", busdaycal=calendar) for d in days
                ],
                number=20,
                repeat=5,
            )
        )
        print(f"{'numpy.busday_offset':<20} {n:>6} {best / (20 * len(days)) * 1e6:>8.2f}")


if __name__ == "__main__":
    main()
