"""`--format html`: one self-contained, escaped, conformant HTML5 page, also seen in Chromium.

Expected dates come from the hand-worked founding case (tests/cases/founding-case-2015.json),
never from the engine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
CASES = Path(__file__).parent / "cases"
FOUNDING = json.loads((CASES / "founding-case-2015.json").read_text())
EXAMPLE = ROOT / "examples" / "governance-calendar-2015.csv"
MODERNGOV = Path(__file__).parent / "fixtures" / "moderngov"
HOSTILE = "<script>alert(1)</script>"
FOUNDING_ARGS = ("--received", "2015-05-12", "--decision", "2015-06-08")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _words(iso: str) -> str:
    """'2015-06-24' as the report writes it, 'Wed 24 Jun 2015' (written out here, not imported)."""
    d = date.fromisoformat(iso)
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month]} {d.year}"


class _Page(HTMLParser):
    """The page's text, its tags, and every attribute value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str]] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [(k, v or "") for k, v in attrs]
        self.classes += [v for k, v in attrs if k == "class" and v]

    def handle_data(self, data):
        self.text.append(data)


def _parse(page: str) -> _Page:
    p = _Page()
    p.feed(page)
    p.close()
    return p


def _strict_html5(page: str) -> None:
    """html5lib's strict parser raises on any HTML5 parse error."""
    import html5lib

    html5lib.HTMLParser(strict=True).parse(page)


def _assert_self_contained(page: str) -> None:
    assert "http://" not in page
    assert "https://" not in page
    assert "url(" not in page
    assert "@import" not in page
    parsed = _parse(page)
    assert "script" not in parsed.tags
    assert not {"link", "img", "iframe", "object", "embed"} & set(parsed.tags)
    assert not [k for k, _ in parsed.attrs if k in ("src", "href") or k.startswith("on")]


def test_founding_case_report_has_every_date_source_and_the_working(invoke, tmp_path):
    out = tmp_path / "founding.html"
    result = invoke("compute", *FOUNDING_ARGS, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    _strict_html5(page)
    _assert_self_contained(page)
    text = " ".join(_parse(page).text)
    for want in FOUNDING["expected"]:
        assert want["id"] in text
        assert _words(want["date"]) in text, want["id"]
        assert _words(want["working_day"]) in text, want["id"]
    for source in ("SI 2007/462 reg 2", "SI 2007/462 reg 3", "SI 2012/2089 reg 9"):
        assert source in text
    assert "gov.uk feed" in text  # the holiday data
    assert "deadlines 0." in text  # the tool's version
    assert text.count("days, day by day") == len(FOUNDING["expected"])  # one <details> each
    assert "May 2015" in text
    assert "August 2015" in text  # the month grids, receipt to the last deadline
    assert "Spring bank holiday" in text
    assert page.count("<details>") == len(FOUNDING["expected"])


def test_report_on_stdout_is_the_same_page(invoke):
    result = invoke("compute", *FOUNDING_ARGS, "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")


def test_explain_and_calendar_reports(invoke):
    result = invoke(
        "explain", "forward-plan-notice", "--decision", "2015-06-08", "--format", "html"
    )
    assert result.exit_code == 0
    _strict_html5(result.stdout)
    _assert_self_contained(result.stdout)
    text = " ".join(_parse(result.stdout).text)
    # 28 clear days before Mon 8 Jun 2015: 10 May .. 7 Jun excluded both ends is Sun 10 May.
    assert "Sun 10 May 2015" in text
    assert "Sun 7 Jun 2015" in text  # the first day counted back
    assert "<details open>" in result.stdout
    result = invoke("calendar", *FOUNDING_ARGS, "--format", "html")
    assert result.exit_code == 0
    _strict_html5(result.stdout)
    assert "June 2015" in result.stdout


def test_explain_and_calendar_write_their_tables_to_a_file(invoke, tmp_path):
    """-o FILE, new on explain and calendar with --format html, also takes the table."""
    out = tmp_path / "explain.txt"
    result = invoke("explain", "forward-plan-notice", "--decision", "2015-06-08", "-o", out)
    assert result.exit_code == 0
    assert "Sun 10 May 2015" in out.read_text(encoding="utf-8")
    out = tmp_path / "calendar.txt"
    result = invoke("calendar", *FOUNDING_ARGS, "-o", out)
    assert result.exit_code == 0
    assert "May 2015" in out.read_text(encoding="utf-8")
    result = invoke("calendar", *FOUNDING_ARGS, "--format", "json")
    assert result.exit_code == 2  # the picture has no JSON: compute has


def test_check_report_lists_failing_rows_first(invoke, tmp_path):
    out = tmp_path / "check.html"
    result = invoke("check", EXAMPLE, "--format", "html", "-o", out)
    assert result.exit_code == 1  # rows 3-8 and 10 breach a rule
    page = out.read_text(encoding="utf-8")
    _strict_html5(page)
    _assert_self_contained(page)
    sections = [c for c in _parse(page).classes if c.startswith("row ")]
    assert sections == ["row failing"] * 7 + ["row ok"] * 3
    text = " ".join(_parse(page).text)
    assert "read 10" in text
    assert "failing 7" in text
    # Row 3 (Highways): report public Wed 1 Apr 2015 for a decision on Thu 9 Apr 2015; the five
    # clear working days Wed 8, Tue 7, Thu 2, Wed 1 ... with Good Friday 3 Apr and Easter Monday
    # 6 Apr closed give Mon 30 Mar 2015 as the last day.
    assert "Mon 30 Mar 2015" in text
    assert "Good Friday" in text  # in that deadline's day-by-day working
    assert page.count("Calendar of row") == 7  # each failing row's months, folded
    assert "April 2015" in text


def test_print_css_is_a4_with_page_headers_and_whole_rows(invoke):
    page = invoke("compute", *FOUNDING_ARGS, "--format", "html").stdout
    assert "@page{size:A4" in page
    assert '@top-right{content:"page " counter(page)' in page
    assert "thead{display:table-header-group}" in page  # a table's header on every page
    assert "tr{break-inside:avoid}" in page


def test_check_report_lists_a_bounded_number_of_rows(invoke, tmp_path, monkeypatch):
    from deadlines.render import html

    monkeypatch.setattr(html, "_MAX_ROWS", 2)
    calendar = tmp_path / "ok.csv"
    calendar.write_text("item,decision\n" + "".join(f"r{n},2015-06-08\n" for n in range(5)))
    result = invoke("check", calendar, "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.count('class="row ok"') == 2
    assert "Rows ok (5)" in result.stdout
    assert "3 more ok rows not listed (--format jsonl lists all)." in result.stdout


def test_hostile_text_is_escaped_everywhere(invoke, tmp_path):
    calendar = tmp_path / "hostile.csv"
    calendar.write_text(
        f'item,decision,report_published\n"{HOSTILE} & ""quoted"" \'x\'",2015-06-08,2015-06-05\n'
    )
    for source, extra in ((calendar, ()), (MODERNGOV / "variants" / "hostile.xml", ("--pack", "england-council"))):  # fmt: skip
        result = invoke("check", source, *extra, "--format", "html")
        assert result.exit_code == 1  # both publish too late
        page = result.stdout
        assert HOSTILE not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        _strict_html5(page)
        _assert_self_contained(page)
        parsed = _parse(page)
        assert HOSTILE in " ".join(parsed.text)  # shown as text, never run
        assert "script" not in parsed.tags


def test_hostile_rule_text_is_escaped(invoke, tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'schema = "deadlines-rules/1"\n'
        "[[rules]]\n"
        'id = "forward-plan-notice"\n'
        f'title = "{HOSTILE}"\n'
    )
    result = invoke("compute", "--decision", "2015-06-08", "--rules", rules, "--format", "html")
    assert result.exit_code == 0, result.output
    assert HOSTILE not in result.stdout
    assert "script" not in _parse(result.stdout).tags


# Raw characters an HTML5 parser rejects or a reader would be fooled by: ESC, BEL, a vertical
# tab, DEL, a C1 control, a non-character and a right-to-left override.
_CONTROLS = "\x1b[31m\x07\x0b\x7f\x85\ufdd0\u202e"


def _assert_no_controls(page: str) -> None:
    for c in _CONTROLS.replace("[31m", ""):
        assert c not in page, repr(c)


def test_control_and_bidi_characters_are_replaced_in_every_report(invoke, tmp_path):
    calendar = tmp_path / "controls.csv"
    calendar.write_text(
        f"item,decision,report_published\nX{_CONTROLS}Y caf\u00e9 \u0141\u00f3d\u017a,"
        "2015-06-08,2015-06-05\n",
        encoding="utf-8",
    )
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'schema = "deadlines-rules/1"\n[[rules]]\nid = "forward-plan-notice"\n'
        f"title = {json.dumps('Notice' + _CONTROLS + ' é')}\n",  # TOML holds them escaped
        encoding="utf-8",
    )
    bank = tmp_path / "bh.json"
    events = [{"title": f"Holiday{_CONTROLS} \u00e9", "date": "2015-05-25"}]
    bank.write_text(json.dumps({"england-and-wales": {"events": events}}), encoding="utf-8")
    runs = [
        ("check", calendar, "--rules", rules, "--bank-holidays", bank),
        ("compute", *FOUNDING_ARGS, "--rules", rules, "--bank-holidays", bank),
        ("explain", "forward-plan-notice", *FOUNDING_ARGS, "--rules", rules,
         "--bank-holidays", bank),
        ("calendar", *FOUNDING_ARGS, "--rules", rules, "--bank-holidays", bank),
    ]  # fmt: skip
    for args in runs:
        result = invoke(*args, "--format", "html")
        assert result.exit_code in (0, 1), result.output
        page = result.stdout
        _assert_no_controls(page)
        _strict_html5(page)
        text = " ".join(_parse(page).text)
        assert "\\u202e" in page  # the override shown, as the terminal shows it
        assert "Notice" in text
        assert "Holiday" in text
        assert "\u00e9" in text  # normal non-ASCII text intact
        if args[0] == "check":
            assert "caf\u00e9 \u0141\u00f3d\u017a" in text


def test_safe_html_escapes_markup_and_replaces_what_html_cannot_hold():
    from deadlines import safe

    assert safe.html('<a href="x">&\'</a>') == "&lt;a href=&quot;x&quot;&gt;&amp;&#x27;&lt;/a&gt;"
    assert (
        safe.html("caf\u00e9 \u0141\u00f3d\u017a \U0001f600")
        == "caf\u00e9 \u0141\u00f3d\u017a \U0001f600"
    )
    # Controls shown escaped, as on a terminal; what UTF-8 cannot hold replaced.
    assert safe.html("a\x1bb\x00c\ud800d\udcffe") == "a\\x1bb\\x00c\ufffdd\ufffde"
    # Text that only looks unusual is text: a no-break space, a tab, a zero-width non-joiner
    # (Persian, Indic scripts), a soft hyphen, a narrow no-break space.
    kept = (
        "Budget\u00a02024\tQ1 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 co\u00adop 10\u202f%"
    )
    assert safe.html(kept) == kept
    assert safe.html("\u202eabc\x85\x7f") == "\\u202eabc\\x85\\x7f"
    assert safe.html("two\nlines") == "two\nlines"


def _page_of(invoke, args: tuple, out: Path | None) -> str:
    result = invoke(*args, "--format", "html", *(("-o", out) if out else ()))
    assert result.exit_code in (0, 1), result.output
    return out.read_text(encoding="utf-8") if out else result.stdout


@pytest.mark.parametrize("to_file", [False, True])
def test_lone_surrogate_in_a_calendar_cell_is_replaced(invoke, tmp_path, to_file):
    calendar = tmp_path / "lone.json"
    calendar.write_text('[{"decision":"2015-06-08","item":"lone \\ud800 item"}]')
    page = _page_of(invoke, ("check", calendar), tmp_path / "out.html" if to_file else None)
    assert "\ud800" not in page
    _strict_html5(page)
    assert "lone \ufffd item" in " ".join(_parse(page).text)


_BAD_TITLE = "Bad \\ud800 day"  # JSON text: a lone surrogate
_ELECTION = ("--pack", "england-local", "--event", "poll=2024-05-02")


@pytest.mark.parametrize(
    ("option", "content", "args"),
    [
        ("--bank-holidays",
         f'{{"england-and-wales":{{"events":[{{"title":"{_BAD_TITLE}","date":"2015-05-25"}}]}}}}',
         ("compute", *FOUNDING_ARGS)),
        ("--appointed-days", f'[{{"date":"2024-04-10","title":"{_BAD_TITLE}"}}]',
         ("compute", *_ELECTION)),
        ("--appointed-days", f'[{{"date":"2024-04-10","title":"{_BAD_TITLE}"}}]',
         ("explain", "nominations", *_ELECTION)),
    ],
)  # fmt: skip
def test_lone_surrogate_in_a_holiday_title_is_replaced(invoke, tmp_path, option, content, args):
    (tmp_path / "days.json").write_text(content)
    for out in (None, tmp_path / "out.html"):
        page = _page_of(invoke, (*args, option, tmp_path / "days.json"), out)
        assert "\ud800" not in page
        _strict_html5(page)
        assert "Bad \ufffd day" in " ".join(_parse(page).text)


def test_file_name_that_is_not_utf8_is_shown_replaced(tmp_path):
    import os
    import sys

    (tmp_path / os.fsdecode(b"x\xff.csv")).write_text("item,decision\nX,2015-06-08\n")
    for out in ((), ("-o", "out.html")):
        p = subprocess.run(
            [sys.executable, "-m", "deadlines", "check", b"x\xff.csv", "--format", "html", *out],
            cwd=tmp_path,
            capture_output=True,
            env={**os.environ, "PYTHONUTF8": "1"},
            timeout=60,
            check=False,
        )
        assert p.returncode == 0, p.stderr
        page_bytes = (tmp_path / "out.html").read_bytes() if out else p.stdout
        assert b"\xff" not in page_bytes
        page = page_bytes.decode("utf-8")  # strict: valid UTF-8
        _strict_html5(page)
        assert "<title>Governance calendar check: x\ufffd.csv</title>" in page
        assert "<h1>Governance calendar check: x\ufffd.csv</h1>" in page


def test_moderngov_check_report(invoke):
    result = invoke(
        "check", MODERNGOV / "manchester", "--pack", "england-council", "--format", "html"
    )
    assert result.exit_code == 1  # the cancelled meeting is a row error
    _strict_html5(result.stdout)
    _assert_self_contained(result.stdout)  # the fixtures' own URLs never reach the page
    text = " ".join(_parse(result.stdout).text)
    assert "was cancelled" in text
    assert "Mon 2 Feb 2026" in text  # the agenda deadline for Tue 10 Feb 2026, met
    assert "england-council" in text


# -- Chromium ---------------------------------------------------------------------------------


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def _run_chromium(browser: str, tmp: Path, page: Path, runs: list[tuple[str, ...]]) -> list[str]:
    """One headless Chromium per run, all at once (each with its own profile); their stdout."""
    procs = []
    for n, args in enumerate(runs):
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp / f'profile-{n}'}", *args, page.as_uri(),
        ]  # fmt: skip
        procs.append(
            subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        )
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err[-2000:]
        outputs.append(out)
    return outputs


@pytest.mark.parametrize(
    ("name", "args"),
    [("founding", ("compute", *FOUNDING_ARGS)), ("calendar", ("check", str(EXAMPLE)))],
)
def test_reports_render_in_chromium(invoke, tmp_path, name, args):
    """Headless Chromium: screenshots at desktop (1280) and phone (390) width, and an A4 PDF.

    Saved under the test's tmp_path; the page's text is read back from Chromium's DOM.
    """
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (.ci/run installs it with apt-get where it can)")
    page = tmp_path / f"{name}.html"
    result = invoke(*args, "--format", "html", "-o", page)
    assert result.exit_code in (0, 1), result.output
    shots = {width: tmp_path / f"{name}-{width}.png" for width in (1280, 390)}
    pdf = tmp_path / f"{name}.pdf"
    # One run may take a screenshot, print and dump the DOM: two runs, at once, do it all.
    runs = [
        (f"--screenshot={shots[1280]}", "--window-size=1280,2000", f"--print-to-pdf={pdf}",
         "--no-pdf-header-footer", "--dump-dom"),
        (f"--screenshot={shots[390]}", "--window-size=390,2000"),
    ]  # fmt: skip
    dom, _ = _run_chromium(browser, tmp_path, page, runs)
    for shot in shots.values():
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert shot.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"
    text = " ".join(_parse(dom).text)
    if name == "founding":
        for want in FOUNDING["expected"]:
            assert _words(want["date"]) in text
    else:
        assert "Failing rows (7)" in text
