"""The shipped explanations of the law behind each default reading (`deadlines law TOPIC`).

One plain-text (Markdown) file per topic in law/: line 1 is `# Title`, line 3 starts
`In short: ` and is the one-line summary, the rest is the explanation. Notes point here as
"(deadlines law TOPIC)". Pure: reads only the package's own files, with os.path (no pathlib).
"""

from __future__ import annotations

import os

from deadlines.errors import UnknownTopic

_DIR = os.path.join(os.path.dirname(__file__), "law")
_SUMMARY = "In short: "

# The order `deadlines law` lists them in: how a count is read, then where and when it applies.
SLUGS = (
    "clear-days",
    "working-days-after",
    "beginning-with",
    "non-working-boundary",
    "holiday-proclaimed-later",
    "projected-holidays",
    "day-sets",
    "election-timetables",
    "call-in",
    "subject-access-month",
    "foi-clocks",
    "jurisdiction",
    "commencement",
)


def _read(slug: str) -> str:
    if slug not in SLUGS:
        raise UnknownTopic(f"unknown law topic {slug!r}; expected one of: {', '.join(SLUGS)}")
    with open(os.path.join(_DIR, f"{slug}.md"), encoding="utf-8") as f:
        return f.read()


def _parts(slug: str) -> tuple[str, str, str]:
    """(title, summary, body) of one topic's file."""
    lines = _read(slug).split("\n")
    title = lines[0].removeprefix("# ").strip()
    summary = lines[2].removeprefix(_SUMMARY).strip()
    summary = summary[:1].upper() + summary[1:]
    body = "\n".join(lines[3:]).strip("\n")
    return title, summary, body


def topics() -> list[tuple[str, str, str]]:
    """Every topic as (slug, title, one-line summary), in listing order."""
    return [(slug, *_parts(slug)[:2]) for slug in SLUGS]


def title(slug: str) -> str:
    """One topic's title; UnknownTopic (naming the known slugs) for any other slug."""
    return _parts(slug)[0]


def topic(slug: str) -> str:
    """One topic's full text: title, summary and explanation, as plain text."""
    return _read(slug).rstrip("\n") + "\n"
