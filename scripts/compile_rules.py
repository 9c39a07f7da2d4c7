"""Compile the built-in rule tables (TOML) to JSON twins that start-up can read without tomllib.

Run from the repository root: ``python scripts/compile_rules.py``. tests/test_rules.py fails when
a twin is stale.
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent / "src" / "deadlines" / "rules"


def compiled(toml_path: Path) -> str:
    """The JSON twin's text for one rule table."""
    raw = tomllib.loads(toml_path.read_text(encoding="utf-8"))
    return json.dumps(raw, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    for path in sorted(RULES.glob("*.toml")):
        path.with_suffix(".json").write_text(compiled(path), encoding="utf-8")
        print(f"wrote {path.with_suffix('.json').name}", file=sys.stderr)
