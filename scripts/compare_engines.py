"""Compare this engine with an older checkout's on generated inputs (all packs, all regions).

Used when the core was rebuilt: at commit fabfb14 the new engine gave output identical to
commit b9d9341's for 15,000 generated `compute` inputs and 24,000 `check` rows. Later commits
change the law on purpose (jurisdiction, commencement), so run it against the commit before a
deliberate change:

    git worktree add /tmp/old b9d9341
    python scripts/compare_engines.py /tmp/old/src --cases 3000 --seed 1

The old package is copied to a temporary directory under the name `deadlines_old`.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

PACKS = ["england-executive", "england-council", "wales", "information-requests"]
REGIONS = ["england-and-wales", "scotland", "northern-ireland", "united-kingdom"]


def _old_package(src: Path, into: Path) -> None:
    target = into / "deadlines_old"
    shutil.copytree(src / "deadlines", target)
    for path in target.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        text = text.replace("from deadlines.", "from deadlines_old.").replace(
            "from deadlines import", "from deadlines_old import"
        )
        path.write_text(text.replace("import deadlines\n", "import deadlines_old\n"), "utf-8")
    sys.path.insert(0, str(into))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old_src", type=Path, help="the older checkout's src directory")
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _old_package(args.old_src, Path(tmp))
        import deadlines_old as old  # type: ignore[import-not-found]
        from deadlines_old.errors import DeadlinesError as OldError  # type: ignore[import-not-found]
        from deadlines_old.render import json as old_json  # type: ignore[import-not-found]
        from deadlines_old.rules import pack as old_pack  # type: ignore[import-not-found]

        import deadlines as new
        from deadlines.errors import DeadlinesError as NewError
        from deadlines.render import json as new_json
        from deadlines.rules import pack as new_pack

        rng = random.Random(args.seed)

        def day(lo: int = 1972, hi: int = 2099) -> date:
            return date(lo, 1, 1) + timedelta(
                days=rng.randrange((date(hi, 12, 31) - date(lo, 1, 1)).days)
            )

        same = 0
        for _ in range(args.cases):
            name, region = rng.choice(PACKS), rng.choice(REGIONS)
            rules = old_pack(name)
            events = {e: day() if rng.random() < 0.3 else day(2010, 2030)
                      for e in rules.events if rng.random() < 0.6}  # fmt: skip
            if "decision_published" in events and "decision" in events:
                events["decision_published"] = max(events["decision_published"], events["decision"])
            acts = sorted(
                {r.actual for r in rules.rules if r.actual and r.actual not in rules.events}
            )
            actual = {a: rng.choice(list(events.values())) + timedelta(days=rng.randrange(-60, 120))
                      for a in acts if events and rng.random() < 0.5}  # fmt: skip
            kw = {"region": region, "events": events, "actual": actual, "plan": rng.random() < 0.5}
            try:
                a: object = old_json.result_dict(old.compute(rules=rules, **kw))
            except OldError as e:
                a = str(e)
            try:
                b: object = new_json.result_dict(new.compute(rules=new_pack(name), **kw))
            except NewError as e:
                b = str(e)
            if isinstance(a, dict) and isinstance(b, dict):
                b = {k: v for k, v in b.items() if k in a}
                for old_d, new_d in zip(a["deadlines"], b["deadlines"], strict=False):
                    for key in set(new_d) - set(old_d):
                        del new_d[key]
            same += a == b
        print(f"{same}/{args.cases} identical")


if __name__ == "__main__":
    main()
