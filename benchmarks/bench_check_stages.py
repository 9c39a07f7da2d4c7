"""Where a `check` row's time goes, stage by stage, in one process (warm memo).

bench_check.py times the whole command; this script splits a row into the stages the engine and
the renderer go through, on rows already read, so that a change to one stage can be measured
without the noise of a whole run. It reaches into the engine's private steps on purpose: it is a
measuring tool, not an API user, and must be updated when those steps change.

Stages (microseconds per row, best of --repeat):
- row: the whole of `Checker.row` (dates, judging, warnings);
- dates: reading and checking a row's date cells;
- judge_row: the engine's part of a row (limits and outcomes);
- given_events / steps / judge: the parts of judge_row;
- event_warnings / act_warnings: the warnings worked out beside the deadlines;
- row_json: encoding a judged row as its JSON line.
Then the garbage collector's work over one cold pass of `Checker.row` + `row_json` on the rows.

Run by hand: ``python benchmarks/bench_check_stages.py [--calendar distinct] [--rows 20000]``.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from bench_check import make_calendar, make_distinct
from deadlines.check import Checker, read_rows
from deadlines.engine import _NOT_PLANNED
from deadlines.render import jsonl
from deadlines.render.check import row_json
from deadlines.warnings import act_warnings, event_warnings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--calendar", choices=("meetings", "daily", "distinct"), default="distinct")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "calendar.csv"
        if args.calendar == "distinct":
            make_distinct(path, args.rows)
        else:
            make_calendar(path, args.rows, kind=args.calendar)
        checker = Checker(on_clear=jsonl.forget)
        known = (*checker.date_columns, "item", "region")
        with path.open("rb") as f:
            raws = list(read_rows(f, "csv", str(path), checker.required, known))

    n = len(raws)

    gc.collect()
    before = [s["collections"] for s in gc.get_stats()]
    started = time.process_time()
    results = [checker.row(raw) for raw in raws]
    for result in results:
        row_json(result)
    cold = time.process_time() - started
    after = [s["collections"] for s in gc.get_stats()]

    def stage(name: str, work: Callable[[], Any]) -> None:
        best = min(timeit.repeat(work, number=1, repeat=args.repeat))
        print(f"{name:16s} {best / n * 1e6:7.2f} us/row")

    engine = checker.engine("england-and-wales")
    dated = [checker._dates(raw.cells, []) for raw in raws]
    given = [engine.given_events(events) for events, _ in dated]
    steps = [engine._steps(g, g, _NOT_PLANNED) for g in given]
    actuals = [engine._checked_actual(acts) for _, acts in dated]

    def judge_all() -> None:
        for row_steps, acts in zip(steps, actuals, strict=True):
            for entry, name, fixed, _ in row_steps:
                entry.judge(fixed if name is None else acts.get(name))

    print(
        f"{args.calendar}, {n:,} rows, {sum(len(r.deadlines) for r in results) / n:.1f} "
        "deadlines a row"
    )
    stage("row", lambda: [checker.row(raw) for raw in raws])
    stage("dates", lambda: [checker._dates(raw.cells, []) for raw in raws])
    stage("judge_row", lambda: [engine.judge_row(e, a) for e, a in dated])
    stage("given_events", lambda: [engine.given_events(e) for e, _ in dated])
    stage("steps", lambda: [engine._steps(g, g, _NOT_PLANNED) for g in given])
    stage("judge", judge_all)
    stage("event_warnings", lambda: [event_warnings(e, engine.cal) for e, _ in dated])
    stage("act_warnings", lambda: [act_warnings(r.deadlines) for r in results])
    stage("row_json", lambda: [row_json(r) for r in results])
    print(
        f"cold pass      {cold / n * 1e6:7.2f} us/row; collections gen0/1/2: "
        + "/".join(str(a - b) for a, b in zip(after, before, strict=True))
    )


if __name__ == "__main__":
    main()
