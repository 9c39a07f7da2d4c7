"""Cold start of `deadlines compute --received 2015-05-12 --format json` next to the floor.

The floor is `python -c "import click"`: the interpreter plus the CLI framework. Target: the
JSON command takes at most 1.5 times the floor. Each command is run `--runs` times, alternating,
and the medians are compared. Run by hand: ``python benchmarks/bench_startup.py``.

Before measuring, the installed package is byte-compiled, as `pip install .` does: click is
measured from its .pyc files, so the comparison is only fair if deadlines is too (an editable
install under PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on every run).
"""

from __future__ import annotations

import argparse
import compileall
import shutil
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "floor: python -c 'import click'": [sys.executable, "-c", "import click"],
    "deadlines compute --format json": [
        shutil.which("deadlines") or "deadlines",
        "compute",
        "--received",
        "2015-05-12",
        "--format",
        "json",
    ],
    "deadlines compute (table)": [
        shutil.which("deadlines") or "deadlines",
        "compute",
        "--received",
        "2015-05-12",
    ],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    package = subprocess.run(
        [sys.executable, "-c", "import deadlines, os; print(os.path.dirname(deadlines.__file__))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    compileall.compile_dir(package, quiet=1)
    print(f"byte-compiled {package}, as pip install does")
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, argv in COMMANDS.items():
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    floor = statistics.median(times[next(iter(COMMANDS))])
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"{name:<36} median {median * 1000:6.1f} ms   {median / floor:4.2f} x floor")


if __name__ == "__main__":
    main()
