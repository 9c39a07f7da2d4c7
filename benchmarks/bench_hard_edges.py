"""Time and peak memory of the hard edges of issue 17, each run in a fresh process.

    python benchmarks/bench_hard_edges.py [--quick]

- `check` of JSON-list calendars of 20k, 80k and 160k rows (the line of each row used to be
  found by scanning from the start: quadratic); time per row should stay flat.
- a rule file of 20,000 chained `follows` rules: parsed (in-process, tracemalloc peak) and
  listed by `deadlines rules`; and `compute` on shorter chains (its per-deadline words).
- `check` of a 40,000-row calendar in table and junit format; one 3 MB cell in a table.

Peak memory is the child's maximum resident set size (os.wait4), time is wall-clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROW = '{{"item": "Item {i}", "decision": "2015-06-08", "forward_plan": "2015-05-07"}}'


TIME = "/usr/bin/time"  # a small process forks the child, so its peak is the child's own


def run(args: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MB, exit code) of `deadlines ARGS` in a fresh process."""
    cmd = [sys.executable, "-m", "deadlines", *args]
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = os.path.exists(TIME)
        if wrapped:  # os.wait4's figure would include this (forked) process's own memory
            cmd = [TIME, "-q", "-f", "%M", "-o", rss.name, *cmd]
        t = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(p.pid, 0)
        seconds = time.perf_counter() - t
        code = os.waitstatus_to_exitcode(status)
        kb = int(rss.read().strip() or 0) if wrapped else usage.ru_maxrss
    err = p.stderr.read().decode() if p.stderr else ""
    if code not in (0, 1):
        print(f"   exit {code}: {err.strip().splitlines()[-1:]}")
    return seconds, kb / 1024, code


def json_list(path: Path, n: int) -> None:
    with open(path, "w") as f:
        f.write("[\n")
        for i in range(n):
            f.write(("," if i else "") + ROW.format(i=i) + "\n")
        f.write("]\n")


def chain(path: Path, n: int) -> None:
    parts, prev = ['schema = "deadlines-rules/1"'], "call-in-end"
    for i in range(n):
        parts.append(
            f'[[rules]]\nid = "c{i}"\ntitle = "Chain {i}"\nfollows = "{prev}"\n'
            'relation = "on-or-after"\ncitation = "C"'
        )
        prev = f"c{i}"
    path.write_text("\n".join(parts) + "\n")


def main() -> None:
    quick = "--quick" in sys.argv
    d = Path(tempfile.mkdtemp(prefix="bench-hard-edges-"))
    print("JSON-list calendars (check --format jsonl -o /dev/null)")
    for n in (20_000, 80_000) if quick else (20_000, 80_000, 160_000):
        p = d / f"cal-{n}.json"
        json_list(p, n)
        s, mb, _ = run(["check", str(p), "--format", "jsonl", "-o", "/dev/null"])
        print(f"  {n:>7} rows  {s:6.2f} s  {s / n * 1e6:5.1f} us/row  peak {mb:6.0f} MB")

    print("Chained follows rules")
    p = d / "chain-20000.toml"
    chain(p, 20_000)
    s, mb, _ = run(["rules", "--rules", str(p)])
    print(f"  deadlines rules (table), 20,000 rules: {s:6.2f} s  peak {mb:6.0f} MB")
    for n in (1_000, 2_000) if quick else (1_000, 2_000, 4_000):
        q = d / f"chain-{n}.toml"
        chain(q, n)
        s, mb, _ = run(["compute", "--decision", "2015-06-08", "--rules", str(q), "--format",
                        "json", "-o", "/dev/null"])  # fmt: skip
        print(f"  compute --format json, {n:>5} chained rules: {s:6.2f} s  peak {mb:6.0f} MB")

    print("40,000-row calendar (check -o /dev/null)")
    p = d / "cal-40000.csv"
    with open(p, "w") as f:
        f.write("item,decision,forward_plan\n")
        f.writelines(f"Item {i},2015-06-08,2015-06-01\n" for i in range(40_000))
    for fmt in ("table", "junit", "jsonl"):
        s, mb, _ = run(["check", str(p), "--format", fmt, "-o", "/dev/null"])
        print(f"  {fmt:<6} {s:6.2f} s  peak {mb:6.0f} MB")
    p = d / "cell.csv"
    for size in (3, 6):
        p.write_text(f"item,decision\n{'x' * size * 2**20},2015-06-08\n")
        s, mb, _ = run(["check", str(p), "-o", "/dev/null"])
        print(f"  table with one {size} MB cell: {s:6.2f} s  peak {mb:6.0f} MB")

    # Last: parsing in this process would swell the children's peak (fork copies it).
    p = d / "chain-20000.toml"
    from deadlines.rules import load

    tracemalloc.start()
    t = time.perf_counter()
    rules = load(p)
    s = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(
        f"  parse 20,000 rules: {s:5.2f} s, {len(rules.rules)} rules, peak {peak:5.0f} MB (traced)"
    )


if __name__ == "__main__":
    main()
