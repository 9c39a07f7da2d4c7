"""How much of `deadlines check --format jsonl` the garbage collector takes, in one process.

bench_check.py times the whole command; this runs the same command in-process (the CLI's own
entry point, rows streamed to /dev/null) with a `gc.callbacks` hook that times every collection,
and counts the objects the collector tracks when the last row is written (just before the
checker forgets its memo). A calendar whose every row has its own dates keeps tens of thousands
of limits, verdicts and deadlines in the engine's memo; each full collection walks all of them.

Run by hand: ``python benchmarks/bench_check_gc.py [--calendar distinct] [--rows 100000]``.
It reaches into `Checker.forget` to count at the peak: a measuring tool, not an API user.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_check import make_calendar


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--calendar", choices=("meetings", "daily", "distinct"), default="distinct")
    args = parser.parse_args()

    from deadlines import check
    from deadlines.cli import main as cli

    spent = {0: [0, 0.0], 1: [0, 0.0], 2: [0, 0.0]}
    started = [0.0]

    def timed(phase: str, info: dict) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            s = spent[info["generation"]]
            s[0] += 1
            s[1] += time.perf_counter() - started[0]

    peak: Counter[str] = Counter()
    forget = check.Checker.forget

    def counted(self: check.Checker) -> None:
        peak.update(type(o).__name__ for o in gc.get_objects())
        forget(self)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{args.calendar}.csv"
        make_calendar(path, args.rows, kind=args.calendar)
        check.Checker.forget = counted  # type: ignore[method-assign]
        gc.callbacks.append(timed)
        cpu = time.process_time()
        sys.argv = ["deadlines", "check", str(path), "--format", "jsonl"]
        with (
            open(os.devnull, "w", encoding="utf-8") as null,
            contextlib.redirect_stdout(null),
            contextlib.suppress(SystemExit),
        ):
            cli()
        cpu = time.process_time() - cpu
        gc.callbacks.remove(timed)
        check.Checker.forget = forget  # type: ignore[method-assign]

    collecting = sum(s[1] for s in spent.values())
    print(f"{args.calendar}, {args.rows:,} rows: {cpu:.2f} s CPU, {collecting:.2f} s collecting "
          f"({100 * collecting / cpu:.0f}%)")  # fmt: skip
    for generation, (count, seconds) in spent.items():
        print(f"  generation {generation}: {count:5d} collections, {seconds:6.3f} s")
    print(
        f"  tracked objects at the last row: {sum(peak.values()):,}; most: "
        + ", ".join(f"{name} {n:,}" for name, n in peak.most_common(7))
    )


if __name__ == "__main__":
    main()
