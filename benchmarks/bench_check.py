"""`deadlines check --format jsonl` on a 100,000-row calendar, next to a floor.

The floor (benchmarks/check_floor.py) only parses the same CSV with the csv module and writes
one JSON line per row. Target: check takes at most 5 times as long as the floor. Both run as
subprocesses writing to /dev/null; each is run `--runs` times and the medians compared.

Two calendars, the same columns and the same offsets between them:
- meetings: decisions taken at meetings, about 36 a year (Cabinet monthly, and two decision
  sessions a month) over 2012-2028, as a council's forward plan has them;
- daily: a decision on any day of those 17 years, the worst case for check's caches (about
  25,000 distinct deadlines to work out instead of about 2,500).
Run by hand: ``python benchmarks/bench_check.py [--rows 100000] [--runs 3] [--calendar ...]``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent


def make_calendar(path: Path, rows: int, seed: int = 2015, kind: str = "meetings") -> None:
    """Decisions over 2012-2028 (on meeting days, or on any day), acts a few days either side."""
    rng = random.Random(seed)
    start = date(2012, 1, 2).toordinal()
    days = [start + rng.randrange(17 * 365) for _ in range(17 * 36)] if kind == "meetings" else None
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("item,decision,decision_published,forward_plan,report_published,implemented\n")
        for i in range(rows):
            if days:
                decision = date.fromordinal(rng.choice(days))
            else:
                decision = date.fromordinal(start + rng.randrange(17 * 365))
            published = decision + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
            forward = decision - timedelta(days=rng.randrange(25, 40))
            report = decision - timedelta(days=rng.randrange(5, 12))
            implemented = published + timedelta(days=rng.randrange(5, 12))
            f.write(f"Key decision {i},{decision},{published},{forward},{report},{implemented}\n")


def timed(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--calendar", choices=("meetings", "daily", "both"), default="both")
    args = parser.parse_args()
    kinds = ("meetings", "daily") if args.calendar == "both" else (args.calendar,)
    deadlines = shutil.which("deadlines") or "deadlines"
    print(f"{args.rows} rows, median of {args.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            path = Path(tmp) / f"{kind}.csv"
            make_calendar(path, args.rows, kind=kind)
            floor_argv = [sys.executable, str(HERE / "check_floor.py"), str(path)]
            check_argv = [deadlines, "check", str(path), "--format", "jsonl"]
            commands = {
                "floor: csv -> json lines": floor_argv,
                "deadlines check --format jsonl": check_argv,
            }
            times: dict[str, list[float]] = {name: [] for name in commands}
            for _ in range(args.runs):
                for name, argv in commands.items():
                    times[name].append(timed(argv))
            floor = statistics.median(times[next(iter(commands))])
            print(f"calendar: {kind}")
            for name, samples in times.items():
                median = statistics.median(samples)
                print(
                    f"  {name:<32} {median:7.2f} s  {args.rows / median:9.0f} rows/s  "
                    f"{median / floor:5.2f} x floor"
                )


if __name__ == "__main__":
    main()
