"""Instructions a `check --format jsonl` row costs, counted by valgrind: a figure that does not
swing with the machine's load.

CPU time on a shared 2-core machine moves by 10-15% between runs of the same build, more than
most changes to the hot path are worth; an instruction count moves by well under 1%. So a change
is compared here, build against build, before bench_check.py gives the time it saves. Counts the
instructions of a whole run under callgrind (PYTHONHASHSEED fixed, so dicts lay out the same),
minus a one-row run's (the start-up), divided by the rows. Instructions are not time (a cache
miss costs hundreds of cycles, and the garbage collector's work is mostly misses), so a change
that cuts memory should be timed too.

Run by hand (needs valgrind; slow: about 50 times the run's own time):
``python benchmarks/bench_instructions.py [--calendar meetings|distinct] [--rows 20000]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_check import make_calendar


def instructions(path: Path) -> int:
    """Instructions callgrind counts over `deadlines check PATH --format jsonl`."""
    code = (
        "import sys; sys.argv = ['deadlines', 'check', sys.argv[1], '--format', 'jsonl']\n"
        "from deadlines.cli import main; main()"
    )
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
         sys.executable, "-c", code, str(path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=False,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calendar", choices=("meetings", "daily", "distinct"), default="meetings")
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "calendar.csv"
        make_calendar(path, args.rows, kind=args.calendar)
        one = Path(tmp) / "one.csv"
        with path.open(encoding="utf-8") as f:
            one.write_text(f.readline() + f.readline(), encoding="utf-8")
        start = instructions(one)
        whole = instructions(path)
    per_row = (whole - start) / args.rows
    print(
        f"{args.calendar}, {args.rows:,} rows: {whole / 1e6:,.0f} M instructions, start-up "
        f"{start / 1e6:,.0f} M, {per_row / 1e3:,.1f} k a row"
    )


if __name__ == "__main__":
    main()
