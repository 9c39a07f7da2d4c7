"""`deadlines check --format jsonl` on a 100,000-row calendar, next to a floor.

The floor (benchmarks/check_floor.py) only parses the same CSV with the csv module and writes
one JSON line per row. Both run as subprocesses writing to /dev/null, first once to warm up
(with bytecode writing allowed, so the package runs from its compiled modules as `pip install`
leaves it, even where PYTHONDONTWRITEBYTECODE is set), then `--runs` times each, alternating.
Both the median and the best run are compared: on a shared machine the same build's CPU time
swings by 15% or more between runs, and the best run is the least disturbed.

Three calendars:
- meetings: decisions taken at meetings, about 36 a year (Cabinet monthly, and two decision
  sessions a month) over 2012-2028, as a council's forward plan has them;
- daily: a decision on any day of those 17 years (about 25,000 distinct deadlines to work out
  instead of about 2,500);
- distinct: every row its own received and decision dates over two decades (2006-2026), every
  actual column filled, about a third of the acts late: the worst case for the engine's memo.
- wide (by hand: --calendar wide): as distinct over 38 years (1990-2028), more limits than the
  engine's memo holds, so it forgets and starts again: memory stays bounded.
Targets: at most 4x the floor on meetings, at most 8x on distinct, memory flat (peak RSS is
printed beside each time).
Run by hand: ``python benchmarks/bench_check.py [--rows 100000] [--runs 3] [--calendar ...]``;
``--deadlines "python -m deadlines"`` measures another installation.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).parent


def make_distinct(path: Path, rows: int, seed: int = 2015, years: int = 20) -> None:
    """Each row its own receipt and decision, from 2006 (from 1990 over more than 20 years); all
    five acts, a third of them late."""
    rng = random.Random(seed)
    start = date(2006 if years <= 20 else 1990, 1, 2).toordinal()
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(
            "item,received,decision,decision_published,forward_plan,report_published,"
            "implemented,statement_published,ofsted_report_published\n"
        )
        for i in range(rows):
            received = date.fromordinal(start + rng.randrange(years * 365))
            decision = received + timedelta(days=rng.randrange(20, 90))
            published = decision + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
            late = rng.random() < 1 / 3
            forward = decision - timedelta(days=rng.randrange(20, 29) if late else 30)
            report = decision - timedelta(days=rng.randrange(1, 6) if late else 9)
            implemented = published + timedelta(days=rng.randrange(1, 6) if late else 9)
            statement = received + timedelta(days=rng.randrange(95, 130) if late else 80)
            ofsted = received + timedelta(days=rng.randrange(40, 60) if late else 30)
            f.write(
                f"Item {i},{received},{decision},{published},{forward},{report},{implemented},"
                f"{statement},{ofsted}\n"
            )


def make_calendar(path: Path, rows: int, seed: int = 2015, kind: str = "meetings") -> None:
    """Decisions over 2012-2028 (on meeting days, or on any day), acts a few days either side."""
    if kind in ("distinct", "wide"):
        make_distinct(path, rows, seed, 20 if kind == "distinct" else 38)
        return
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


def timed(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """CPU seconds (user + system: steadier than wall time on a shared machine), and the
    child's peak resident memory in MB."""
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(child.pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--calendar", choices=("meetings", "daily", "distinct", "wide", "all"), default="all"
    )
    parser.add_argument("--deadlines", help="the command to measure [default: deadlines]")
    args = parser.parse_args()
    kinds = ("meetings", "daily", "distinct") if args.calendar == "all" else (args.calendar,)
    deadlines = (args.deadlines or shutil.which("deadlines") or "deadlines").split()
    print(f"{args.rows} rows, the median and the best of {args.runs} runs")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            path = Path(tmp) / f"{kind}.csv"
            make_calendar(path, args.rows, kind=kind)
            floor_argv = [sys.executable, str(HERE / "check_floor.py"), str(path)]
            check_argv = [*deadlines, "check", str(path), "--format", "jsonl"]
            commands = {
                "floor: csv -> json lines": floor_argv,
                "deadlines check --format jsonl": check_argv,
            }
            times: dict[str, list[float]] = {name: [] for name in commands}
            peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
            warm = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            for argv in commands.values():
                timed(argv, warm)  # writes the bytecode an installed package has
            for _ in range(args.runs):
                for name, argv in commands.items():
                    seconds, peak = timed(argv)
                    times[name].append(seconds)
                    peaks[name] = max(peaks[name], peak)
            floor_times = times[next(iter(commands))]
            floor, floor_best = statistics.median(floor_times), min(floor_times)
            print(f"calendar: {kind}")
            for name, samples in times.items():
                median, best = statistics.median(samples), min(samples)
                print(
                    f"  {name:<32} median {median:6.2f} s CPU {median / floor:5.2f} x floor; "
                    f"best {best:6.2f} s {best / floor_best:5.2f} x; "
                    f"{args.rows / median:7.0f} rows/s; peak {peaks[name]:4.0f} MB"
                )


if __name__ == "__main__":
    main()
