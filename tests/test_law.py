"""The shipped explanations of the law (`deadlines law`), and the pointers to them in notes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from deadlines import law, wording
from deadlines.errors import DeadlinesError, UnknownTopic

SRC = Path(__file__).resolve().parent.parent / "src" / "deadlines"
POINTER = re.compile(r"deadlines law ([a-z][a-z-]*[a-z])")
# The topics the brief asks for; the shipped list may only grow.
REQUIRED = (
    "clear-days",
    "working-days-after",
    "beginning-with",
    "non-working-boundary",
    "holiday-proclaimed-later",
    "call-in",
    "subject-access-month",
    "foi-clocks",
    "jurisdiction",
    "commencement",
    "day-sets",
    "projected-holidays",
)


def test_every_required_topic_is_shipped_and_nothing_else():
    slugs = [slug for slug, _, _ in law.topics()]
    assert set(REQUIRED) <= set(slugs)
    assert len(slugs) == len(set(slugs))
    files = sorted(p.stem for p in (SRC / "law").glob("*.md"))
    assert files == sorted(slugs), "a topic file without a listing, or a listing without a file"


@pytest.mark.parametrize("slug", law.SLUGS)
def test_each_topic_has_a_title_a_summary_and_text(slug):
    listed = {s: (t, u) for s, t, u in law.topics()}
    title, summary = listed[slug]
    text = law.topic(slug)
    assert title.strip()
    assert summary.strip()
    assert "\n" not in summary
    assert text.startswith(f"# {title}\n")
    assert law.title(slug) == title
    body = text.split("\n", 3)[3]
    assert len(body.strip()) > 200, "an explanation, not a stub"
    assert 10 <= len(text.splitlines()) <= 25


def _flat(text: str) -> str:
    """The text with line breaks read as spaces (a marker may wrap)."""
    return " ".join(text.split())


def test_unconfirmed_points_stay_marked():
    """Holdings and wordings not read in full are marked in the text a user sees."""
    marker = re.compile(r"\[[^\]]*(not verified|not read|not seen|unconfirmed|summar|secondary)")
    marked = {slug for slug in law.SLUGS if marker.search(_flat(law.topic(slug)))}
    assert marked == set(law.SLUGS) - {"call-in"}  # call-in rests on no unread source
    assert "[report headnote read; full judgment not seen]" in _flat(law.topic("clear-days"))
    assert "[unconfirmed]" in _flat(law.topic("day-sets"))


def test_the_texts_never_name_an_internal_brief():
    for slug in law.SLUGS:
        text = law.topic(slug)
        assert "LEGAL.md" not in text
        assert "CONTRACT.md" not in text


def test_an_unknown_topic_names_the_known_ones():
    with pytest.raises(UnknownTopic) as caught:
        law.topic("clear-day")
    assert isinstance(caught.value, DeadlinesError)
    assert "'clear-day'" in str(caught.value)
    for slug in law.SLUGS:
        assert slug in str(caught.value)
    with pytest.raises(UnknownTopic):
        law.topic("../../../etc/passwd")


def _source_pointers():
    for path in sorted(SRC.rglob("*")):
        if path.suffix in {".py", ".toml", ".json", ".md"} and path.is_file():
            text = path.read_text(encoding="utf-8")
            for m in POINTER.finditer(text):
                yield path.relative_to(SRC).as_posix(), m.group(1)


def test_every_pointer_in_the_package_names_a_topic():
    """Rule packs, their JSON twins, wording and the texts themselves: every
    "deadlines law X" names a shipped topic."""
    pointers = list(_source_pointers())
    where = {path for path, _ in pointers}
    assert {"wording.py", "rules/england-executive.toml", "rules/england-executive.json"} <= where
    bad = [(path, slug) for path, slug in pointers if slug not in law.SLUGS]
    assert bad == []


def test_every_note_kind_in_wording_points_to_a_topic():
    """The notes wording.py writes (not only its source text) carry a pointer that resolves."""
    from datetime import date

    notes = [
        wording.non_working_boundary("on-or-before", date(2015, 5, 10), "Sunday", date(2015, 5, 8)),
        wording.projected(date(2028, 12, 26), "gov.uk feed 2026-02-25"),
        wording.special_day("State Funeral", date(2022, 9, 19), "one-off"),
        wording.own_region("England and Wales", "england-and-wales", "SI 2007/462", "scotland"),
        wording.rolled(date(2026, 4, 4), "Saturday", date(2026, 4, 6), "ICO guidance"),
    ]
    for note in notes:
        slugs = POINTER.findall(note)
        assert slugs, note
        assert all(s in law.SLUGS for s in slugs), note


def test_no_internal_brief_is_named_anywhere_in_the_package():
    hits = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*")
        if path.is_file()
        and path.suffix in {".py", ".toml", ".json", ".md", ".typed"}
        and re.search(r"LEGAL\.md|CONTRACT\.md", path.read_text(encoding="utf-8"))
    ]
    assert hits == []


# -- the command -------------------------------------------------------------------------------


def test_law_lists_every_topic(invoke):
    result = invoke("law")
    assert result.exit_code == 0, result.output
    for slug, title, _ in law.topics():
        assert any(
            line.startswith(f"{slug} ") and title in line for line in result.stdout.splitlines()
        )
    assert "deadlines law TOPIC" in result.stdout


def test_law_clear_days_prints_the_text_as_it_is(invoke):
    result = invoke("law", "clear-days")
    assert result.exit_code == 0, result.output
    assert result.stdout == law.topic("clear-days")  # no markup interpreted, nothing added
    assert "Elitestone" in result.stdout
    assert "[report headnote read; full judgment not seen]" in _flat(result.stdout)


def test_law_topic_as_json(invoke):
    result = invoke("law", "clear-days", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == {
        "schema": "deadlines/1",
        "topic": "clear-days",
        "title": law.title("clear-days"),
        "text": law.topic("clear-days"),
    }


def test_law_list_as_json(invoke):
    result = invoke("law", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "deadlines/1"
    assert [t["topic"] for t in data["topics"]] == list(law.SLUGS)
    assert all(t["title"] and t["summary"] for t in data["topics"])


def test_law_unknown_topic_is_one_error_line_exit_2(invoke):
    result = invoke("law", "clear-day")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert [line for line in lines if line.startswith("Error:")] == [lines[-1]]
    assert "'clear-day'" in lines[-1]
    for slug in law.SLUGS:
        assert slug in lines[-1]
    assert "Traceback" not in result.stderr


def test_law_is_not_imported_on_the_compute_json_path():
    code = (
        "import sys; from deadlines.cli import cli\n"
        "try: cli.main(['compute', '--received', '2015-05-12', '--format', 'json'])\n"
        "except SystemExit: pass\n"
        "print('deadlines.law' in sys.modules, file=sys.stderr)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip().splitlines()[-1] == "False", out.stderr


def test_the_readme_lists_every_topic_in_order():
    """The README's list of topics is the list `deadlines law` shows."""
    readme = (SRC.parent.parent / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"^Topics: (.*?)\. They are not legal advice", readme, re.M | re.S)
    assert listed is not None
    assert [t.strip() for t in listed.group(1).split(",")] == [s for s, _, _ in law.topics()]
