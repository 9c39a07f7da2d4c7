"""The floor for bench_check.py: parse a CSV and write one JSON line per row, nothing else."""

import csv
import json
import sys

with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    out = sys.stdout
    for n, row in enumerate(csv.DictReader(f), 1):
        out.write(json.dumps({"row": n, **row}))
        out.write("\n")
