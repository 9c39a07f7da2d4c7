"""Rule packs: each built-in pack against hand-counted cases, calendar months, rule files.

Every expected date is counted by hand in the comment beside it (LEGAL.md 1.2, 2, 4.2, 6) and,
for the working-day counts, checked again by the day-by-day walk of tests/oracle.py.
"""

from __future__ import annotations

import calendar as stdlib_calendar
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import Calendar, compute
from deadlines.errors import RuleError
from deadlines.rules import load, pack, pack_names
from oracle import walk

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
EXAMPLE_PACK = ROOT / "examples" / "council-pack.toml"
EW = Calendar()


def run(pack_name: str, region: str = "england-and-wales", **events: date):
    actual = events.pop("actual", None)
    return compute(region=region, rules=pack(pack_name), events=events, actual=actual)


def test_the_packs_are_listed_with_the_default_first(invoke):
    assert pack_names() == ("england-executive", "england-council", "england-local",
                            "england-parish", "information-requests",
                            "scotland-information-requests", "scotland-local", "uk-parliament",
                            "wales", "wales-community", "wales-local")  # fmt: skip
    got = json.loads(invoke("rules", "--packs", "--format", "json").stdout)
    assert [p["name"] for p in got["packs"]] == list(pack_names())
    assert "foi-response" in invoke("rules", "--packs", env={"COLUMNS": "200"}).stdout


# -- Elitestone: agenda Thu 26 Apr 1990, meeting Tue 1 May 1990 (LEGAL.md 2) ------------------


def test_elitestone_under_the_welsh_three_clear_days():
    """The case itself: three clear days. Working days (the court's reading): Mon 30, Fri 27,
    Thu 26 Apr are the three, so the latest day is Wed 25 Apr and Thu 26 is missed. Calendar
    days: 28, 29, 30 Apr, so Fri 27 Apr and Thu 26 is met."""
    case = json.loads((CASES / "elitestone-1990.json").read_text())
    result = run("wales", meeting=date(1990, 5, 1), actual={"agenda_published": date(1990, 4, 26)})
    d = result.deadline("council-agenda")
    by_counting = {r["counting"]: r for r in case["readings"]}
    assert d.counting == case["court_followed"] == "clear-working-days"
    assert (
        d.date
        == date(1990, 4, 25)
        == date.fromisoformat(by_counting["clear-working-days"]["latest_publication"])
    )
    assert d.status == "missed" == by_counting["clear-working-days"]["status"]
    (other,) = d.other_readings
    assert (other.counting, other.date, other.status) == ("clear-days", date(1990, 4, 27), "met")
    assert by_counting["clear-days"]["latest_publication"] == "1990-04-27"


def test_elitestone_in_england_is_a_three_clear_day_case():
    """In 1990 s100B(3) said three clear days in England too (five only from 1 Oct 2002, SI
    2002/715 art 3). Three clear working days before Tue 1 May 1990: Mon 30, Fri 27, Thu 26 Apr
    (Sat 28, Sun 29 skipped), so the boundary is Wed 25 Apr; calendar reading: 28, 29, 30 Apr
    clear, so Fri 27 Apr. Published Thu 26 Apr: missed on working days (the reading the Court of
    Appeal took), met on calendar days."""
    result = run(
        "england-council", meeting=date(1990, 5, 1), actual={"agenda_published": date(1990, 4, 26)}
    )
    d = result.deadline("council-agenda")
    assert (d.date, d.working_day, d.status) == (date(1990, 4, 25), date(1990, 4, 25), "missed")
    assert (d.other_readings[0].date, d.other_readings[0].status) == (date(1990, 4, 27), "met")
    assert d.length == 3
    assert d.in_force_from == date(1986, 4, 1)
    assert "Access to Information) Act 1985" in d.source


@pytest.mark.parametrize(
    ("pack_name", "agenda", "calendar_reading"),
    [
        # Council Tue 14 Jul 2015 (LEGAL.md 4.2). England: Mon 13, Fri 10, Thu 9, Wed 8, Tue 7
        # clear, so Mon 6 Jul; calendar 9-13 Jul, so Wed 8 Jul.
        ("england-council", date(2015, 7, 6), date(2015, 7, 8)),
        # Wales: Mon 13, Fri 10, Thu 9 clear, so Wed 8 Jul; calendar 11-13 Jul, so Fri 10 Jul.
        ("wales", date(2015, 7, 8), date(2015, 7, 10)),
    ],
)
def test_council_agenda_and_summons(pack_name, agenda, calendar_reading):
    result = run(pack_name, meeting=date(2015, 7, 14))
    for rule_id in ("council-agenda", "council-summons"):
        d = result.deadline(rule_id)
        assert (d.date, d.other_readings[0].date) == (agenda, calendar_reading)


def test_wales_has_no_key_decision_regime():
    assert pack("wales").ids == ("council-agenda", "council-summons")
    assert "decision" not in pack("wales").events
    with pytest.raises(Exception, match="unknown event 'decision'"):
        run("wales", decision=date(2015, 6, 8))


# -- england-executive: the executive-meeting rules (LEGAL.md 4.2) ----------------------------


def test_general_exception_notice_on_mon_1_jun_2015():
    """Five clear working days Tue 2 - Mon 8 Jun have elapsed on Tue 9 Jun; calendar: 2-6 Jun,
    so Sun 7 Jun (working day Mon 8). A decision on Mon 8 Jun is too early."""
    result = run("england-executive", exception_notice=date(2015, 6, 1), decision=date(2015, 6, 8))
    d = result.deadline("general-exception")
    assert (d.date, d.working_day, d.relation) == (
        date(2015, 6, 9),
        date(2015, 6, 9),
        "on-or-after",
    )
    assert (d.actual, d.status) == (date(2015, 6, 8), "missed")
    (other,) = d.other_readings
    assert (other.date, other.working_day) == (date(2015, 6, 7), date(2015, 6, 8))
    later = run("england-executive", exception_notice=date(2015, 6, 1), decision=date(2015, 6, 9))
    assert later.deadline("general-exception").status == "met"


def test_meeting_notices_and_access_share_the_report_dates():
    """Regs 5(4), 6(1), 16(2) for a meeting on Mon 8 Jun 2015: Sun 31 May (working day Fri 29
    May); calendar Tue 2 Jun. Reg 5(2), 28 clear days: Sun 10 May (working day Fri 8 May)."""
    result = run("england-executive", meeting=date(2015, 6, 8), private_meeting=date(2015, 6, 8))
    for rule_id in ("exec-meeting-notice", "member-access", "private-meeting-5"):
        d = result.deadline(rule_id)
        assert (d.date, d.working_day) == (date(2015, 5, 31), date(2015, 5, 29))
        assert d.other_readings[0].date == date(2015, 6, 2)
    d = result.deadline("private-meeting-28")
    assert (d.date, d.working_day) == (date(2015, 5, 10), date(2015, 5, 8))


def test_the_founding_case_still_shows_only_the_contract_rules(invoke):
    got = json.loads(
        invoke("compute", "--received", "2015-05-12", "--decision", "2015-06-08",
               "--format", "json").stdout
    )  # fmt: skip
    assert len(got["deadlines"]) == 6


# -- information-requests ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "uk", "ew_only"),
    [
        # Fri 10 Jul 2015, before Northern Ireland's Mon 13 Jul (and Scotland's Mon 3 Aug):
        # Tue 14 - Fri 17 (4), 20-24 (9), 27-31 (14), Tue 4 - Fri 7 Aug (18), Mon 10 (19),
        # Tue 11 Aug (20). England and Wales alone would give Fri 7 Aug.
        (date(2015, 7, 10), date(2015, 8, 11), date(2015, 8, 7)),
        # Fri 12 Jun 2026, before Scotland's Mon 15 Jun (FIFA World Cup): Tue 16 - Fri 19 (4),
        # 22-26 (9), 29 Jun - 3 Jul (14), 6-10 Jul (19), Mon 13 Jul is NI's substitute for the
        # Sunday 12 July, so Tue 14 Jul (20). England and Wales alone: Fri 10 Jul.
        (date(2026, 6, 12), date(2026, 7, 14), date(2026, 7, 10)),
    ],
)
def test_foi_counts_bank_holidays_anywhere_in_the_uk(received, uk, ew_only):
    assert walk("united-kingdom", received, 20) == uk
    assert walk("england-and-wales", received, 20) == ew_only
    for region in ("england-and-wales", "united-kingdom"):
        d = run("information-requests", region=region, received=received).deadline("foi-response")
        assert (d.date, d.region) == (uk, "united-kingdom")
    d = run("information-requests", received=received).deadline("foi-response")
    assert any("any part of the United Kingdom" in n for n in d.notes)
    # Subject access has no such rule: it counts on the council's own region.
    assert run("information-requests", received=received).deadline("subject-access").region == (
        "england-and-wales"
    )


def test_foi_region_shows_in_json_and_explain(invoke):
    got = json.loads(
        invoke("compute", "--pack", "information-requests", "--received", "2015-07-10",
               "--format", "json").stdout
    )  # fmt: skip
    foi = next(d for d in got["deadlines"] if d["id"] == "foi-response")
    assert (foi["date"], foi["region"], got["region"]) == (
        "2015-08-11",
        "united-kingdom",
        "england-and-wales",
    )
    trace = json.loads(
        invoke("explain", "foi-response", "--pack", "information-requests",
               "--received", "2015-07-10", "--format", "json").stdout
    )  # fmt: skip
    reasons = {d["date"]: d["reason"] for d in trace["days"] if not d["counted"]}
    assert "2015-07-13" in reasons  # Battle of the Boyne (Northern Ireland)
    assert "2015-08-03" in reasons  # Summer bank holiday (Scotland)


@pytest.mark.parametrize(
    ("received", "date_", "rolled_from"),
    [
        (date(2024, 1, 31), date(2024, 2, 29), None),  # leap year: Thu 29 Feb
        (date(2023, 1, 31), date(2023, 2, 28), None),  # common year: Tue 28 Feb
        (date(2023, 2, 28), date(2023, 3, 28), None),  # same date: Tue 28 Mar
        # Sun 31 Jan 2021: Sun 28 Feb is closed, so Mon 1 Mar.
        (date(2021, 1, 31), date(2021, 3, 1), date(2021, 2, 28)),
        # Thu 29 Feb 2024: Fri 29 Mar is Good Friday; Sat, Sun, Easter Monday 1 Apr; Tue 2 Apr.
        (date(2024, 2, 29), date(2024, 4, 2), date(2024, 3, 29)),
        # Fri 31 Mar 2023: April has 30 days, Sun 30 Apr; Mon 1 May is a bank holiday; Tue 2 May.
        (date(2023, 3, 31), date(2023, 5, 2), date(2023, 4, 30)),
        (date(2025, 8, 31), date(2025, 9, 30), None),  # 31st to a 30-day month: Tue 30 Sep
        (date(2025, 4, 30), date(2025, 5, 30), None),  # 30th to a 31-day month: Fri 30 May
    ],
)
def test_subject_access_one_calendar_month(received, date_, rolled_from):
    d = run("information-requests", received=received).deadline("subject-access")
    assert (d.date, d.working_day, d.rolled_from) == (date_, date_, rolled_from)
    assert (d.unit, d.counting, d.length) == ("calendar-months", "corresponding-date", 1)
    if rolled_from:
        assert any(f"The corresponding date, {rolled_from:%a} {rolled_from.day}" in n
                   for n in d.notes)  # fmt: skip


def test_subject_access_met_and_missed_in_days():
    # Received Fri 31 Mar 2023: due Tue 2 May. Answered Wed 3 May: 1 day late.
    result = run(
        "information-requests", received=date(2023, 3, 31), actual={"responded": date(2023, 5, 3)}
    )
    d = result.deadline("subject-access")
    assert (d.status, d.margin, d.margin_unit) == ("missed", -1, "days")


# -- calendar months --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "want"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 2, 29), 1, date(2024, 3, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2023, 2, 28), 1, date(2023, 3, 28)),
        (date(2023, 3, 31), 1, date(2023, 4, 30)),
        (date(2023, 4, 30), 1, date(2023, 5, 30)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2023, 12, 31), 2, date(2024, 2, 29)),
        (date(2015, 5, 12), 0, date(2015, 5, 12)),
    ],
)
def test_corresponding_date(start, n, want):
    assert EW.add_months(start, n) == want


@settings(max_examples=300, deadline=None)
@given(st.dates(date(1973, 1, 1), date(2098, 12, 31)), st.integers(-24, 24))
def test_corresponding_date_agrees_with_the_standard_library(d, n):
    """An independent method: the month's length from the standard library's calendar."""
    year, month0 = divmod(d.year * 12 + d.month - 1 + n, 12)
    last = stdlib_calendar.monthrange(year, month0 + 1)[1]
    assert EW.add_months(d, n) == date(year, month0 + 1, min(d.day, last))


@settings(max_examples=200, deadline=None)
# The latest day plus 40 days plus 24 months stays within the data (to 2100-12-31).
@given(st.dates(date(1971, 3, 1), date(2098, 10, 31)), st.integers(0, 40), st.integers(1, 24))
def test_corresponding_date_is_monotone(d, gap, n):
    later = date.fromordinal(d.toordinal() + gap)
    assert EW.add_months(d, n) <= EW.add_months(later, n)


def test_corresponding_date_outside_the_supported_years():
    with pytest.raises(Exception, match="outside the supported years"):
        EW.add_months(date(2100, 12, 31), 1)


def test_a_month_rule_refuses_a_day_convention():
    with pytest.raises(RuleError, match="counts in calendar-months"):
        compute(
            received=date(2023, 1, 31),
            rules=pack("information-requests"),
            conventions={"subject-access": "clear-days"},
        )


# -- rule files -------------------------------------------------------------------------------


def test_example_pack_end_to_end_as_the_readme_runs_it(invoke):
    """Call-in of 3 clear working days from the decision (Mon 8 Jun 2015): Tue 9, Wed 10, Thu 11,
    so call-in ends Thu 11 Jun and implementation may start Fri 12 Jun. Scrutiny met Fri 12 Jun:
    ten working days, 15-19 and 22-26 Jun, so Fri 26 Jun."""
    got = json.loads(
        invoke("compute", "--decision", "2015-06-08", "--rules", EXAMPLE_PACK,
               "--event", "scrutiny_meeting=2015-06-12", "--format", "json").stdout
    )  # fmt: skip
    dates = {d["id"]: d["date"] for d in got["deadlines"]}
    assert dates["call-in-end"] == "2015-06-11"
    assert dates["earliest-implementation"] == "2015-06-12"
    assert dates["scrutiny-report"] == "2015-06-26"
    assert dates["forward-plan-notice"] == "2015-05-10"  # inherited unchanged
    call_in = next(d for d in got["deadlines"] if d["id"] == "call-in-end")
    assert call_in["reference"] == {"event": "decision", "date": "2015-06-08"}
    assert call_in["source"].startswith("Exampleshire CC Constitution")
    assert call_in["title"] == "Call-in period ends"  # a field the file did not give
    rules = json.loads(invoke("rules", "--rules", EXAMPLE_PACK, "--format", "json").stdout)
    assert rules["pack"] == "exampleshire"
    assert "scrutiny-report" in [r["id"] for r in rules["rules"]]
    text = invoke("explain", "call-in-end", "--decision", "2015-06-08", "--rules", EXAMPLE_PACK)
    assert text.exit_code == 0


def test_example_pack_in_check(invoke, tmp_path):
    calendar = tmp_path / "cal.csv"
    calendar.write_text(
        "item,decision,implemented\nA,2015-06-08,2015-06-12\nB,2015-06-08,2015-06-11\n"
    )
    out = invoke("check", calendar, "--rules", EXAMPLE_PACK, "--format", "json")
    assert out.exit_code == 1
    rows = json.loads(out.stdout)["rows"]
    assert [r["ok"] for r in rows] == [True, False]


def test_replace_mode_makes_the_file_the_whole_set(tmp_path, invoke):
    path = tmp_path / "own.toml"
    path.write_text(
        'schema = "deadlines-rules/1"\nmode = "replace"\nname = "hearings"\n'
        '[events.hearing]\nlabel = "the hearing"\nhelp = "day of the hearing"\n'
        '[[rules]]\nid = "bundle"\ntitle = "Serve the bundle"\nreference = "hearing"\n'
        'direction = "before"\nlength = 7\nunit = "days"\ncounting = "clear-days"\n'
        'relation = "on-or-before"\ncitation = "Practice direction"\n'
    )
    got = json.loads(
        invoke(
            "compute", "--rules", path, "--event", "hearing=2015-06-08", "--format", "json"
        ).stdout
    )
    # Seven clear days before Mon 8 Jun: 1-7 Jun, so Sun 31 May (working day Fri 29 May).
    assert [(d["id"], d["date"], d["working_day"]) for d in got["deadlines"]] == [
        ("bundle", "2015-05-31", "2015-05-29")
    ]
    assert load(path).ids == ("bundle",)


B = 'schema = "deadlines-rules/1"\n'
FULL = (
    'title = "X"\nreference = "received"\ndirection = "after"\nlength = 3\nunit = "days"\n'
    'counting = "clear-days"\nrelation = "on-or-before"\ncitation = "c"\n'
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (B + '[[rules]]\nid = "call-in-end"\ncolour = "red"\n',
         "rule 'call-in-end': field 'colour' is not allowed here"),
        (B + '[[rules]]\nid = "call-in-end"\ncounting = "fortnightly"\n',
         "rule 'call-in-end': field 'counting' is 'fortnightly'; expected one of"),
        (B + '[[rules]]\nid = "x"\n' + FULL.replace('"received"', '"hearing"'),
         "rule 'x': field 'reference' names event 'hearing', which no [events] table supplies"),
        (B + '[[rules]]\nid = "call-in-end"\nlength = -3\n',
         "rule 'call-in-end': field 'length' is -3; expected a whole number 0 or more"),
        (B + '[[rules]]\nid = "a"\n' + FULL + '[[rules]]\nid = "a"\n' + FULL,
         "rule 'a': field 'id' duplicates an earlier rule"),
        (B + '[[rules]]\nid = "x"\n' + FULL + 'region = "cymru"\n',
         "rule 'x': field 'region' is 'cymru'; expected one of england-and-wales"),
        (B + '[[rules]]\nid = "x"\n' + FULL + 'roll = "back"\n',
         "rule 'x': field 'roll' is 'back'; expected one of next-working-day"),
        (B + '[[rules]]\nid = "x"\n' + FULL.replace('"days"', '"calendar-months"'),
         "rule 'x': field 'unit' is 'calendar-months'; counting 'clear-days' counts in 'days'"),
        (B + '[[rules]]\nid = "x"\n' + FULL + 'elapsed = "yes"\n',
         "rule 'x': field 'elapsed' is 'yes'; expected true or false"),
        (B + '[[rules]]\nid = "x"\n' + FULL.replace('"after"', '"before"') + "elapsed = true\n",
         "rule 'x': field 'elapsed' needs direction 'after'"),
        (B + 'mode = "merge"\n', "field 'mode' is 'merge'; expected one of extend, replace"),
        (B + 'colour = "red"\n', "unknown key 'colour'"),
        ('schema = "deadlines-rules/9"\n', "schema is 'deadlines-rules/9'"),
        ("schema = [", "is not valid TOML"),
        (B + '[plan]\nevent = "decision"\ntarget = "nope"\nuntil = "call-in-end"\n',
         "[plan]: field 'target' names unknown rule 'nope'"),
    ],
)  # fmt: skip
def test_every_rule_file_error_names_the_file_the_rule_and_the_field(
    tmp_path, invoke, text, message
):
    path = tmp_path / "pack.toml"
    path.write_text(text)
    for command in (
        ("compute", "--received", "2015-05-12"),
        ("explain", "ofsted-report-publication", "--received", "2015-05-12"),
        ("check", CASES / "governance-calendar-2015.csv"),
        ("rules",),
    ):
        out = invoke(*command, "--rules", path)
        assert out.exit_code == 2, (command, out.output)
        last = out.stderr.strip().splitlines()[-1]
        assert last.startswith("Error: "), last
        assert str(path) in last, last
        assert message in last, last
        assert "Traceback" not in out.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rules", "/no/such/pack.toml"), "cannot read rule file '/no/such/pack.toml'"),
        (("--pack", "scotland"), "unknown pack 'scotland'; expected one of england-executive"),
        (("--event", "meeting"), "--event 'meeting' is not NAME=DATE"),
        (("--event", "meeting=2015-02-30"), "--event meeting=2015-02-30: '2015-02-30' is not a real"),
        (("--event", "hearing=2015-06-08"), "unknown event 'hearing'; expected one of"),
        (("--actual", "answered=2015-06-08"), "unknown actual date 'answered'"),
    ],
)  # fmt: skip
def test_bad_pack_event_and_actual_options(invoke, args, message):
    out = invoke("compute", "--received", "2015-05-12", *args)
    assert out.exit_code == 2
    assert message in out.stderr.strip().splitlines()[-1]


def test_event_and_actual_options_feed_any_pack(invoke):
    # FOI received Fri 10 Jul 2015, answered Tue 11 Aug 2015: the last permitted day (met).
    out = invoke("compute", "--pack", "information-requests", "--event", "received=2015-07-10",
                 "--actual", "responded=2015-08-11", "--format", "json")  # fmt: skip
    got = {d["id"]: d for d in json.loads(out.stdout)["deadlines"]}
    assert (got["foi-response"]["status"], got["foi-response"]["margin"]["value"]) == ("met", 0)
    # Subject access in 2015 is DPA 1998 s7(8), (10): forty days beginning with Fri 10 Jul (10-31
    # Jul are days 1-22, 1-18 Aug days 23-40), so Tue 18 Aug 2015: met. (UK GDPR's one month,
    # Mon 10 Aug, was not yet law.)
    assert (got["subject-access"]["date"], got["subject-access"]["status"]) == ("2015-08-18", "met")
    assert got["subject-access"]["source"] == "DPA 1998 s7(8), (10)"
    assert out.exit_code == 0


def test_nothing_to_compute_names_the_packs_events(invoke):
    out = invoke("compute", "--pack", "england-council")
    assert out.exit_code == 2
    assert "(meeting)" in out.stderr
    assert "--event NAME=DATE" in out.stderr


UNIT_OF = {"working-days-after": "working-days", "working-days-beginning-with": "working-days",
           "clear-working-days": "working-days", "clear-days": "days",
           "corresponding-date": "calendar-months"}  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(UNIT_OF)),
    st.sampled_from(["after", "before"]),
    st.sampled_from(["on-or-before", "on-or-after"]),
    st.integers(0, 400),
    st.sampled_from(["", "roll", "elapsed"]),
    st.sampled_from(["england-and-wales", "scotland", "northern-ireland", "united-kingdom"]),
    st.dates(date(1971, 1, 1), date(2100, 12, 31)),
)
def test_any_valid_rule_gives_a_date_or_a_clear_error(
    tmp_path_factory, counting, direction, relation, length, extra, region, day
):
    """Generated rules (length 0 included) on any supported day: a date, or OutsideHolidayData."""
    from deadlines.errors import OutsideHolidayData

    if extra == "roll" and (direction, relation) != ("after", "on-or-before"):
        extra = ""
    if extra == "elapsed" and direction != "after":
        extra = ""
    path = tmp_path_factory.mktemp("gen") / "gen.toml"
    path.write_text(
        'schema = "deadlines-rules/1"\nmode = "replace"\n'
        '[events.x]\nlabel = "x"\nhelp = "x"\n'
        f'[[rules]]\nid = "r"\ntitle = "R"\nreference = "x"\ndirection = "{direction}"\n'
        f'length = {length}\nunit = "{UNIT_OF[counting]}"\ncounting = "{counting}"\n'
        f'relation = "{relation}"\ncitation = "c"\nregion = "{region}"\n'
        + ('roll = "next-working-day"\n' if extra == "roll" else "")
        + ("elapsed = true\n" if extra == "elapsed" else "")
    )
    try:
        d = compute(rules=load(path), events={"x": day}).deadline("r")
    except OutsideHolidayData:
        return
    cal = Calendar(region)
    assert (d.date >= day) if direction == "after" else (d.date <= day)
    assert cal.is_working_day(d.working_day)
    if extra == "roll":
        assert d.date == d.working_day


def test_check_with_the_information_requests_pack(invoke, tmp_path):
    """An FOI log: received Fri 10 Jul 2015 is due Tue 11 Aug (UK-wide holidays)."""
    log = tmp_path / "foi.csv"
    log.write_text(
        "item,received,responded\nFOI-1,2015-07-10,2015-08-11\nFOI-2,2015-07-10,2015-08-12\n"
    )
    out = invoke("check", log, "--pack", "information-requests", "--format", "json")
    rows = json.loads(out.stdout)["rows"]
    foi = [next(d for d in r["deadlines"] if d["id"] == "foi-response") for r in rows]
    assert [(d["date"], d["status"]) for d in foi] == [
        ("2015-08-11", "met"),
        ("2015-08-11", "missed"),
    ]
    assert out.exit_code == 1
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("item,decision\nA,2015-06-08\n")
    out = invoke("check", wrong, "--pack", "information-requests")
    assert out.exit_code == 2
    assert "no 'received' column" in out.stderr.strip().splitlines()[-1]


def test_calendar_picture_marks_days_closed_only_for_a_rule_with_its_own_region(invoke):
    out = invoke("calendar", "--pack", "information-requests", "--received", "2015-07-10",
                 env={"NO_COLOR": "1", "COLUMNS": "160"}).stdout  # fmt: skip
    assert "13*" in out  # Mon 13 Jul 2015, Northern Ireland only
    assert "3*" in out  # Mon 3 Aug 2015, Scotland only
    assert "not a working day for foi-response, eir-response: united-kingdom" in out
    assert "31+" in out  # Mon 31 Aug 2015, England and Wales


def test_englands_summons_became_five_clear_days_on_30_january_2015():
    """Sch 12 para 4(1A) (five clear days in England) was inserted by SI 2015/5 art 2(2), in force
    30 Jan 2015; before it para 4(2)(b) gave three, while the agenda had five since 1 Oct 2002
    (SI 2002/715). Council Tue 13 Jul 2010: three clear working days Mon 12, Fri 9, Thu 8, so the
    summons by Wed 7 Jul; five (also Wed 7, Tue 6) put the agenda on Mon 5 Jul 2010. Council Tue
    10 Feb 2015 (after the change): Mon 9, Fri 6, Thu 5, Wed 4, Tue 3 clear: Mon 2 Feb 2015.
    Council Tue 27 Jan 2015 (before it): Mon 26, Fri 23, Thu 22 clear: Wed 21 Jan 2015."""
    before = run("england-council", meeting=date(2010, 7, 13))
    assert before.deadline("council-summons").date == date(2010, 7, 7)
    assert before.deadline("council-agenda").date == date(2010, 7, 5)
    assert (
        "SI 2015/5"
        in run("england-council", meeting=date(2015, 2, 10)).deadline("council-summons").source
    )
    assert run("england-council", meeting=date(2015, 2, 10)).deadline(
        "council-summons"
    ).date == date(2015, 2, 2)
    assert run("england-council", meeting=date(2015, 1, 27)).deadline(
        "council-summons"
    ).date == date(2015, 1, 21)
