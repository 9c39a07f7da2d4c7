"""The law where and when it applies: jurisdiction, commencement, each statute's own days, clocks.

Every expected date is counted by hand in the comment beside it (the days counted and skipped),
on the real holiday data; tests/oracle.py's day-by-day walk agrees with each.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from deadlines import compute
from deadlines.errors import InputError
from deadlines.rules import pack

UK = pack("information-requests")
SCOT = pack("scotland-information-requests")
COUNCIL = pack("england-council")


def _one(rules, rule_id, region="england-and-wales", **events):
    return compute(events=events, rules=rules, region=region, plan=False).deadline(rule_id)


# -- jurisdiction and each statute's own day set ---------------------------------------------


def test_foisa_counts_scottish_bank_holidays_and_foia_any_part_of_the_uk():
    """Received Fri 28 Aug 2026. FOISA s73 (Scotland's holidays): Mon 31 Aug is not a Scottish
    bank holiday, so 31 Aug (1), 1-4 Sep (2-5), 7-11 (6-10), 14-18 (11-15), 21-24 (16-19), Fri
    25 Sep (20). FOIA s10(6) (any part of the UK): Mon 31 Aug is England's summer bank holiday,
    so 1-4 Sep (1-4), 7-11 (5-9), 14-18 (10-14), 21-25 (15-19), Mon 28 Sep (20)."""
    foisa = _one(SCOT, "foisa-response", "scotland", received=date(2026, 8, 28))
    foia = _one(UK, "foi-response", received=date(2026, 8, 28))
    assert (foisa.date, foia.date) == (date(2026, 9, 25), date(2026, 9, 28))
    assert "bank holidays in Scotland (FOISA s73)" in foisa.day_set
    assert "any part of the United Kingdom (FOIA 2000 s10(6))" in foia.day_set


@pytest.mark.parametrize(
    ("pack_name", "region", "instead"),
    [
        ("england-executive", "scotland", "no built-in pack covers it"),
        ("england-executive", "northern-ireland", "no built-in pack covers it"),
        ("england-executive", "wales", "expected --pack wales"),
        ("information-requests", "scotland", "expected --pack scotland-information-requests"),
        ("scotland-information-requests", "england-and-wales", "--pack information-requests"),
        ("wales", "england", "expected --pack england-council"),
    ],
)
def test_a_pack_is_refused_where_its_law_does_not_extend(invoke, pack_name, region, instead):
    """One clear line naming the pack that is law there (exit 2), never silently applied."""
    out = invoke("compute", "--pack", pack_name, "--region", region,
                 "--event", "received=2015-05-12", "--event", "meeting=2015-07-14")  # fmt: skip
    assert out.exit_code == 2
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Error: pack {pack_name} is law in ")
    assert instead in last


@pytest.mark.parametrize("region", ["england", "england-and-wales", "united-kingdom"])
def test_the_executive_packs_dates_do_not_move_with_any_region_it_accepts(region):
    """SI 2007/462 reg 1(2) fixes England-and-Wales bank holidays whatever the region: the
    founding dates (30 and 70 working days after Tue 12 May 2015: Wed 24 Jun, Wed 19 Aug; the
    decision chain from Mon 8 Jun: Sun 10 May, Sun 31 May, Mon 15 Jun, Tue 16 Jun) stand."""
    result = compute(received=date(2015, 5, 12), decision=date(2015, 6, 8), region=region)
    got = {d.id: d.date for d in result.deadlines}
    assert got == {
        "ofsted-report-publication": date(2015, 6, 24),
        "statement-of-action": date(2015, 8, 19),
        "forward-plan-notice": date(2015, 5, 10),
        "decision-report-publication": date(2015, 5, 31),
        "call-in-end": date(2015, 6, 15),
        "earliest-implementation": date(2015, 6, 16),
    }


def test_a_check_row_in_a_region_where_the_pack_is_not_law_is_a_row_error(invoke, tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("item,decision,region\nA,2015-06-08,\nB,2015-06-08,northern-ireland\n")
    out = invoke("check", path, "--format", "json")
    rows = json.loads(out.stdout)["rows"]
    assert out.exit_code == 1
    assert rows[0]["ok"] is True
    assert "is law in England only, not in Northern Ireland" in rows[1]["errors"][0]["message"]


def test_rules_packs_shows_where_each_pack_is_law(invoke):
    got = json.loads(invoke("rules", "--packs", "--format", "json").stdout)["packs"]
    extent = {p["name"]: p["extent"] for p in got}
    assert extent["england-executive"] == ["england"]
    assert extent["scotland-information-requests"] == ["scotland"]
    assert extent["information-requests"] == ["england", "wales", "northern-ireland"]


# -- commencement and versions ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("meeting", "length", "boundary", "calendar_reading"),
    [
        # Tue 13 Mar 2001, three clear working days: Mon 12, Fri 9, Thu 8 Mar clear, so Wed 7
        # Mar; calendar: 10, 11, 12 Mar clear, so Fri 9 Mar.
        pytest.param(date(2001, 3, 13), 3, date(2001, 3, 7), date(2001, 3, 9), id="2001-three"),
        # Mon 30 Sep 2002, the last day of the three-day rule: Fri 27, Thu 26, Wed 25 Sep clear,
        # so Tue 24 Sep; calendar: 27, 28, 29 Sep, so Thu 26 Sep.
        pytest.param(date(2002, 9, 30), 3, date(2002, 9, 24), date(2002, 9, 26), id="30-Sep-2002"),
        # Tue 1 Oct 2002, five clear working days (SI 2002/715 art 3): Mon 30, Fri 27, Thu 26,
        # Wed 25, Tue 24 Sep clear, so Mon 23 Sep; calendar: 26-30 Sep, so Wed 25 Sep.
        pytest.param(date(2002, 10, 1), 5, date(2002, 9, 23), date(2002, 9, 25), id="1-Oct-2002"),
        # Tue 11 Mar 2003: Mon 10, Fri 7, Thu 6, Wed 5, Tue 4 Mar clear, so Mon 3 Mar; calendar:
        # 6-10 Mar, so Wed 5 Mar.
        pytest.param(date(2003, 3, 11), 5, date(2003, 3, 3), date(2003, 3, 5), id="2003-five"),
    ],
)
def test_the_english_agenda_rule_in_force_on_the_meeting_day(
    meeting, length, boundary, calendar_reading
):
    """LGA 1972 s100B(3): three clear days until 30 Sep 2002, five from 1 Oct 2002."""
    d = _one(COUNCIL, "council-agenda", meeting=meeting)
    assert (d.length, d.date, d.other_readings[0].date) == (length, boundary, calendar_reading)
    assert d.in_force_from == (date(2002, 10, 1) if length == 5 else date(1986, 4, 1))
    assert ("SI 2002/715" in d.source) == (length == 5)


def test_an_ofsted_report_received_before_the_regulations_is_not_in_force(invoke):
    """SI 2007/462 came into force on 1 Apr 2007: a report received Thu 15 Mar 2007 has no
    date under it; JSON says not-in-force with null dates, and the note says why."""
    out = invoke("compute", "--received", "2007-03-15", "--no-plan", "--format", "json")
    assert out.exit_code == 0
    got = {d["id"]: d for d in json.loads(out.stdout)["deadlines"]}
    d = got["ofsted-report-publication"]
    assert (d["status"], d["date"], d["working_day"]) == ("not-in-force", None, None)
    assert d["in_force_from"] == "2007-04-01"
    assert "came into force on Sun 1 Apr 2007" in d["notes"][0]


def test_an_ofsted_report_received_after_commencement_is_counted():
    """Received Mon 2 Apr 2007: Tue 3 (1), Wed 4 (2), Thu 5 (3); Good Friday 6 and Easter Monday
    9 Apr skipped; 10-13 (4-7), 16-20 (8-12), 23-27 (13-17), Mon 30 (18), 1-4 May (19-22); Mon
    7 May (early May bank holiday) skipped; 8-11 (23-26), 14, 15, 16 (27-29), Thu 17 May (30)."""
    result = compute(received=date(2007, 4, 2), plan=False)
    assert result.deadline("ofsted-report-publication").date == date(2007, 5, 17)


def test_a_check_row_with_a_rule_not_in_force_is_reported_not_met(invoke, tmp_path):
    path = tmp_path / "cal.csv"
    path.write_text("item,received,ofsted_report_published\nold,2007-03-15,2007-04-20\n")
    out = invoke("check", path, "--format", "json")
    row = json.loads(out.stdout)["rows"][0]
    assert out.exit_code == 1
    assert row["ok"] is False
    assert row["deadlines"][0]["status"] == "not-in-force"


@pytest.mark.parametrize(
    ("received", "expected", "source"),
    [
        # DPA 1998 s7(8), (10): forty days beginning with Mon 4 Jan 2016 (day 1): 4-31 Jan are
        # days 1-28, 1-12 Feb days 29-40: Fri 12 Feb 2016.
        pytest.param(date(2016, 1, 4), date(2016, 2, 12), "DPA 1998", id="2016-DPA-1998-40-days"),
        # UK GDPR Art 12(3), one month: Thu 4 Apr 2019 -> Sat 4 May 2019; Sun 5 and Mon 6 May
        # (early May bank holiday) are closed, so the ICO's next working day is Tue 7 May.
        pytest.param(date(2019, 4, 4), date(2019, 5, 7), "UK GDPR Art 12(3)", id="2019-GDPR"),
        # From 5 Feb 2026 (DUAA 2025 s76): Mon 2 Mar 2026 -> Thu 2 Apr 2026 (ICO reading).
        pytest.param(date(2026, 3, 2), date(2026, 4, 2), "12A", id="2026-Art-12A"),
    ],
)
def test_subject_access_applies_the_version_in_force(received, expected, source):
    d = _one(UK, "subject-access", received=received)
    assert d.date == expected
    assert source in d.source


def test_subject_access_under_art_12a_shows_the_literal_reading():
    """ "One month beginning with" Mon 2 Mar 2026 (literal, inclusive) ends Wed 1 Apr 2026."""
    d = _one(UK, "subject-access", received=date(2026, 3, 2))
    assert [(r.counting, r.date) for r in d.other_readings] == [
        ("months-beginning-with", date(2026, 4, 1))
    ]


def test_each_subject_access_version_lists_its_own_statute_words(invoke):
    """The rules listing gives each version's words: the 1998 Act's forty days, Art 12(3)'s
    month "of receipt", and from 5 Feb 2026 Art 12A's month "beginning with the relevant time"
    (not the words Art 12(3) had before)."""
    out = invoke("rules", "--pack", "information-requests", "--format", "json")
    assert out.exit_code == 0, out.output
    listed = json.loads(out.stdout)
    rule = next(r for r in listed["rules"] if r["id"] == "subject-access")
    words = {v["in_force_from"]: v["statute_words"] for v in rule["versions"]}
    assert "forty days beginning with the relevant day" in words["2000-03-01"]
    assert words["2018-05-25"].endswith("within one month of receipt")
    assert words["2026-02-05"].endswith("one month beginning with the relevant time")


def test_a_clock_event_the_law_in_force_does_not_know_is_noted_not_applied():
    """Received Thu 4 Apr 2019 (UK GDPR Art 12(3), no pause): the ICO's Sat 4 May rolls past
    Sun 5 and Mon 6 May (early May bank holiday) to Tue 7 May 2019, clarification or not. The
    clarification asked Wed 10 Apr is not applied, and the note says so and when the law that
    stops the clock for it came in (Art 12A, Thu 5 Feb 2026), instead of dropping it silently."""
    d = _one(UK, "subject-access", received=date(2019, 4, 4),
             clarification_sought=date(2019, 4, 10), clarification_received=date(2019, 4, 15))  # fmt: skip
    assert d.date == date(2019, 5, 7)
    assert d.clock == ()
    (note,) = [n for n in d.notes if "clarification_sought" in n]
    assert note.startswith("clarification_sought on Wed 10 Apr 2019 is not applied:")
    assert "UK GDPR Art 12(3)" in note
    assert "Thu 5 Feb 2026" in note
    # Under Art 12A the same event does stop the clock: no such note.
    later = _one(UK, "subject-access", received=date(2026, 3, 2),
                 clarification_sought=date(2026, 3, 5), clarification_received=date(2026, 3, 9))  # fmt: skip
    assert not [n for n in later.notes if "is not applied" in n]


def test_the_art_12a_pause_cites_art_12a_and_names_its_parallel_as_such():
    """Received Mon 2 Mar 2026; clarification asked Thu 5 Mar, given Mon 9 Mar: 5, 6, 7, 8, 9
    Mar are disregarded, so the ICO's Thu 2 Apr moves 5 days to Tue 7 Apr 2026 (a working day:
    Good Friday is 3 Apr, Easter Monday 6 Apr). DPA 2018 s54 governs law enforcement
    processing: cited as the parallel read, not as the authority."""
    d = _one(UK, "subject-access", received=date(2026, 3, 2),
             clarification_sought=date(2026, 3, 5), clarification_received=date(2026, 3, 9))  # fmt: skip
    assert d.date == date(2026, 4, 7)
    (pause,) = d.clock
    assert "UK GDPR Art 12A (unconfirmed; as the parallel DPA 2018 s54(3C) reads)" in pause.note


def test_subject_access_before_the_1998_act_came_into_force_has_no_date():
    d = _one(UK, "subject-access", received=date(1999, 6, 1))
    assert (d.status, d.date) == ("not-in-force", None)


# -- clocks that stop, restart and extend ----------------------------------------------------


def test_foi_clarification_starts_the_period_afresh():
    """FOIA s1(3), s10(6)(b): received Mon 2 Mar 2026, clarification received Mon 16 Mar. From
    16 Mar: Tue 17 Mar (St Patrick's Day, NI: UK-wide set) skipped; 18, 19, 20 (1-3), 23-27
    (4-8), 30, 31 Mar, 1, 2 Apr (9-12); Good Friday 3 and Easter Monday 6 Apr skipped; 7-10 Apr
    (13-16), 13, 14, 15 (17-19), Thu 16 Apr (20)."""
    d = _one(UK, "foi-response", received=date(2026, 3, 2),
             clarification_received=date(2026, 3, 16))  # fmt: skip
    assert d.date == date(2026, 4, 16)
    assert [(c.kind, c.date) for c in d.clock] == [("restart", date(2026, 3, 16))]


def test_foi_fees_notice_stops_the_clock_until_the_fee_is_paid():
    """FOIA s10(2): the working days from the fees notice (Wed 4 Mar 2026) to the fee's receipt
    (Mon 9 Mar), both included, are disregarded: 4, 5, 6, 9 Mar = 4. Without them the 20th
    working day after Mon 2 Mar is Tue 31 Mar (3-6 Mar 1-4, 9-13 5-9, 16 10, 18-20 11-13, 23-27
    14-18, 30 19, 31 20); the 24th is Wed 1 (21), Thu 2 (22), Tue 7 (23), Wed 8 Apr (24)."""
    d = _one(UK, "foi-response", received=date(2026, 3, 2), fees_notice=date(2026, 3, 4),
             fee_received=date(2026, 3, 9))  # fmt: skip
    assert d.date == date(2026, 4, 8)
    assert d.clock[0].kind == "pause"
    assert d.clock[0].days_added == 8  # Tue 31 Mar -> Wed 8 Apr


def test_foi_fees_notice_without_the_fee_leaves_no_date_yet():
    d = _one(UK, "foi-response", received=date(2026, 3, 2), fees_notice=date(2026, 3, 4))
    assert (d.status, d.date) == ("pending", None)
    assert any("has not restarted" in n and "1 of 20 working days" in n for n in d.notes)


def test_foi_public_interest_extension_to_its_ceiling():
    """FOIA s10(3), the ICO's outer limit of 20 further working days: from the 20th (Tue 31
    Mar 2026, above), Wed 1 (21), Thu 2 (22), Tue 7-Fri 10 (23-26), 13-17 (27-31), 20-24 (32-36),
    Mon 27 (37), Tue 28 (38), Wed 29 (39), Thu 30 Apr 2026 (40)."""
    d = _one(UK, "foi-response", received=date(2026, 3, 2), pi_extension=date(2026, 3, 27))
    assert (d.date, d.length) == (date(2026, 4, 30), 40)


def test_an_extension_claimed_after_the_time_ran_out_does_not_extend_it():
    d = _one(UK, "foi-response", received=date(2026, 3, 2), pi_extension=date(2026, 4, 1))
    assert (d.date, d.length) == (date(2026, 3, 31), 20)
    assert any("came after the period ended" in n for n in d.notes)


def test_eir_complex_and_voluminous_extension_to_40_working_days():
    """EIR reg 7(1): received Mon 2 Nov 2026 (UK-wide days). 3-6 Nov (1-4), 9-13 (5-9), 16-20
    (10-14), 23-27 (15-19); Mon 30 Nov (St Andrew's Day) skipped; Tue 1 Dec (20). Extended:
    2, 3, 4 (21-23), 7-11 (24-28), 14-18 (29-33), 21, 22, 23, 24 Dec (34-37: Christmas Eve is a
    working day); 25 Dec and Mon 28 Dec (Boxing Day substitute) skipped; 29, 30 (38-39), Thu 31
    Dec 2026 (40), the cap."""
    plain = _one(UK, "eir-response", received=date(2026, 11, 2))
    extended = _one(UK, "eir-response", received=date(2026, 11, 2),
                    extension_notice=date(2026, 11, 23))  # fmt: skip
    assert (plain.date, extended.date, extended.length) == (
        date(2026, 12, 1),
        date(2026, 12, 31),
        40,
    )


@pytest.mark.parametrize(
    ("events", "words"),
    [
        # A clarification cannot be received before it was sought, nor sought before the
        # request was received: FOI's clock does not read the sought date, but it is still a
        # date that cannot be (the subject-access clock pairs the two).
        ({"received": date(2015, 1, 31), "clarification_sought": date(2015, 2, 10),
          "clarification_received": date(2015, 2, 5)},
         "clarification_received 2015-02-05 is before the clarification_sought 2015-02-10"),
        ({"received": date(2015, 7, 10), "clarification_sought": date(2015, 7, 5)},
         "clarification_sought 2015-07-05 is before the received 2015-07-10"),
    ],
)  # fmt: skip
def test_clock_events_out_of_order_are_refused(events, words):
    with pytest.raises(InputError, match=words):
        compute(events=events, rules=pack("information-requests"))


def test_subject_access_clarification_pause_and_extension():
    """Art 12A: received Mon 2 Mar 2026 (one month: Thu 2 Apr). Clarification asked Fri 6 Mar,
    received Wed 11 Mar: 6, 7, 8, 9, 10, 11 Mar do not count (6 days), so Wed 8 Apr 2026 (a
    working day). Extended by two further months (Art 12(3)): three months from receipt, Tue
    2 Jun 2026, a working day."""
    paused = _one(UK, "subject-access", received=date(2026, 3, 2),
                  clarification_sought=date(2026, 3, 6),
                  clarification_received=date(2026, 3, 11))  # fmt: skip
    extended = _one(UK, "subject-access", received=date(2026, 3, 2),
                    extension_notice=date(2026, 3, 20))  # fmt: skip
    assert paused.date == date(2026, 4, 8)
    assert (extended.date, extended.length) == (date(2026, 6, 2), 3)


def test_subject_access_under_the_1998_act_runs_from_the_fee():
    """DPA 1998 s7(10): the relevant day is the later of receipt and the fee. Request Mon 4 Jan
    2016, fee Thu 7 Jan: 7-31 Jan are days 1-25, 1-15 Feb days 26-40: Mon 15 Feb 2016."""
    d = _one(UK, "subject-access", received=date(2016, 1, 4), fee_received=date(2016, 1, 7))
    assert d.date == date(2016, 2, 15)


def test_a_restart_before_the_request_is_refused():
    with pytest.raises(InputError, match="clarification_received 2026-03-01 is before"):
        _one(UK, "foi-response", received=date(2026, 3, 2),
             clarification_received=date(2026, 3, 1))  # fmt: skip


def test_the_clock_history_is_in_the_json_and_in_explain(invoke):
    args = ("--pack", "information-requests", "--received", "2026-03-02",
            "--event", "fees_notice=2026-03-04", "--event", "fee_received=2026-03-09")  # fmt: skip
    d = json.loads(invoke("compute", *args, "--format", "json").stdout)["deadlines"][0]
    assert d["clock"][0] == {
        "event": "fees_notice", "kind": "pause", "date": "2026-03-04", "until": "2026-03-09",
        "days_added": 8, "note": d["clock"][0]["note"],
    }  # fmt: skip
    days = json.loads(invoke("explain", "foi-response", *args, "--format", "json").stdout)["days"]
    stopped = [x["date"] for x in days if x["reason"] and "clock stopped" in x["reason"]]
    assert stopped == ["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09"]
    assert next(x for x in days if x["n"] == 20)["date"] == "2026-04-08"


def test_clock_events_are_columns_in_check(invoke, tmp_path):
    """A case system's export: the FOI clock stopped Wed 4 to Mon 9 Mar 2026 (fees), so the
    answer on Wed 8 Apr 2026 is in time (the 24th working day after Mon 2 Mar, above); without
    the fee columns the same answer is late: Tue 31 Mar is the 20th, and Wed 1, Thu 2, Tue 7
    and Wed 8 Apr (Good Friday and Easter Monday skipped) make it 4 working days late."""
    path = tmp_path / "foi.csv"
    path.write_text(
        "item,received,fees_notice,fee_received,responded\n"
        "paused,2026-03-02,2026-03-04,2026-03-09,2026-04-08\n"
        "plain,2026-03-02,,,2026-04-08\n"
    )
    out = invoke("check", path, "--pack", "information-requests", "--format", "json")
    rows = json.loads(out.stdout)["rows"]
    foi = [next(d for d in r["deadlines"] if d["id"] == "foi-response") for r in rows]
    assert [(d["date"], d["status"]) for d in foi] == [
        ("2026-04-08", "met"),
        ("2026-03-31", "missed"),
    ]
    assert foi[1]["margin"] == {"value": -4, "unit": "working-days"}


@pytest.mark.parametrize(
    "when",
    ['in_force_from = 2015-06-08T10:00:00\ncitation = "x"',
     'in_force_from = 10:00:00\ncitation = "x"',
     'citation = "x"\nversions = [{from = 2015-06-08T10:00:00, citation = "y"}]'],
    ids=("in_force_from-datetime", "in_force_from-time", "versions-datetime"),
)  # fmt: skip
def test_a_commencement_with_a_time_of_day_is_refused(invoke, tmp_path, when):
    """A TOML date-time is not a day: the rule file is refused (exit 2), never a traceback."""
    f = tmp_path / "r.toml"
    f.write_text(
        f'schema = "deadlines-rules/1"\nname = "x"\n[[rules]]\nid = "call-in-end"\n{when}\n'
    )
    for args in (("compute", "--rules", f, "--decision", "2015-06-08"), ("rules", "--rules", f)):
        out = invoke(*args)
        assert out.exit_code == 2
        last = out.stderr.strip().splitlines()[-1]
        assert last.startswith("Error: ")
        assert "YYYY-MM-DD" in last
        assert "no time" in last


# -- clocks: events in the order they happened ------------------------------------------------


def test_an_extension_inside_a_paused_period_is_in_time():
    """FOI received Mon 2 Mar 2026 (UK-wide days: St Patrick's Day Tue 17 Mar skipped). Fees
    notice Tue 10 Mar, fee Fri 20 Mar: 10-20 Mar disregarded (s10(2)). 3-6 Mar (1-4), 9 (5);
    23-27 (6-10), 30, 31 Mar, 1, 2 Apr (11-14): the extension on Thu 2 Apr is on day 14, in time.
    Good Friday 3 and Easter Monday 6 Apr skipped; 7-10 (15-18), 13, 14 (19-20), 15-17 (21-23),
    20-24 (24-28), 27-30 Apr, 1 May (29-33); Mon 4 May skipped; 5-8 (34-37), 11-13 May (38-40):
    Wed 13 May 2026."""
    d = _one(UK, "foi-response", received=date(2026, 3, 2), fees_notice=date(2026, 3, 10),
             fee_received=date(2026, 3, 20), pi_extension=date(2026, 4, 2))  # fmt: skip
    assert (d.date, d.length) == (date(2026, 5, 13), 40)
    assert not any("came after the period ended" in n for n in d.notes)


def test_a_pause_before_the_clock_restarts_stops_nothing():
    """Subject access received Mon 2 Mar 2026; clarification sought Tue 3 and received Thu 5
    Mar; identity Tue 10 Mar: the month runs afresh from 10 Mar, to Fri 10 Apr 2026, a working
    day. The pause came before the period began."""
    d = _one(UK, "subject-access", received=date(2026, 3, 2),
             clarification_sought=date(2026, 3, 3), clarification_received=date(2026, 3, 5),
             identity_received=date(2026, 3, 10))  # fmt: skip
    assert d.date == date(2026, 4, 10)
    assert any("came before the period began (Tue 10 Mar 2026)" in n for n in d.notes)


def test_a_pause_after_the_period_ended_does_not_stop_the_clock():
    """FOI received Mon 2 Mar 2026: the 20th working day is Tue 31 Mar (above). A fees notice on
    Mon 20 Apr comes after that: the date stays 31 Mar and an answer on Sat 25 Apr is late."""
    d = compute(events={"received": date(2026, 3, 2), "fees_notice": date(2026, 4, 20)},
                actual={"responded": date(2026, 4, 25)}, rules=UK,
                plan=False).deadline("foi-response")  # fmt: skip
    assert (d.date, d.status) == (date(2026, 3, 31), "missed")
    assert any("came after the period ended (Tue 31 Mar 2026)" in n for n in d.notes)


@pytest.mark.parametrize(
    ("received", "fee", "identity", "expected"),
    [
        # UK GDPR Art 12(3): fee Wed 7 Jan, identity Sat 10 Jan 2026: a month from 10 Jan is
        # Tue 10 Feb 2026.
        (date(2026, 1, 5), date(2026, 1, 7), date(2026, 1, 10), date(2026, 2, 10)),
        # The other way round: identity Tue 10 Mar, fee Thu 5 Mar: from 10 Mar, Fri 10 Apr 2026.
        (date(2026, 3, 2), date(2026, 3, 5), date(2026, 3, 10), date(2026, 4, 10)),
    ],
)
def test_subject_access_runs_from_the_latest_restart_in_either_order(
    received, fee, identity, expected
):
    d = _one(UK, "subject-access", received=received, fee_received=fee,
             identity_received=identity)  # fmt: skip
    assert d.date == expected


def test_two_extensions_act_in_the_order_they_happened(tmp_path):
    """On a 30-working-day rule: by 5 (cap 40) on Mon 9 Mar, then by 20 (cap 60) on Tue 10 Mar:
    35, then 55 working days, whichever order the rule file lists them in. Received Mon 2 Mar
    2026: the 50th working day is Thu 14 May (tests/test_rules.py), then 15 (51), 18-21 May
    (52-55): Thu 21 May 2026. An extension that adds nothing says so."""
    import tomllib
    from pathlib import Path

    from deadlines.rules import RULES_DIR, parse

    raw = tomllib.loads((Path(RULES_DIR) / "england-executive.toml").read_text(encoding="utf-8"))
    rule = dict(raw["rules"][0])
    first = {"kind": "extend", "event": "decision", "citation": "s1", "by": 5, "cap": 40}
    then = {"kind": "extend", "event": "decision_published", "citation": "s2", "by": 20,
            "cap": 60}  # fmt: skip
    events = {"received": date(2026, 3, 2), "decision": date(2026, 3, 9),
              "decision_published": date(2026, 3, 10)}  # fmt: skip
    dates = []
    for clock in ([first, then], [then, first]):
        raw["rules"] = [{**rule, "clock": clock}]
        raw.pop("plan", None)
        d = compute(events=events, rules=parse(raw, "pack.toml"), plan=False).deadlines[0]
        dates.append((d.date, d.length, [c.event for c in d.clock]))
    assert dates == [(date(2026, 5, 21), 55, ["decision", "decision_published"])] * 2
    raw["rules"] = [{**rule, "clock": [{**then, "event": "decision"}, {**first,
                                        "event": "decision_published"}]}]  # fmt: skip
    d = compute(events=events, rules=parse(raw, "pack.toml"), plan=False).deadlines[0]
    assert (d.date, d.length, len(d.clock)) == (date(2026, 5, 14), 50, 1)
    assert any("does not lengthen the period: it is already 50" in n for n in d.notes)


def test_the_literal_subject_access_month_chosen_by_convention_is_not_rolled():
    """Art 12A, received Thu 5 Mar 2026. The ICO's corresponding date, Sun 5 Apr, rolls past
    Easter Monday 6 Apr to Tue 7 Apr 2026; the literal month beginning with 5 Mar ends Sat 4
    Apr, with no roll, its latest working day Thu 2 Apr (Good Friday 3 Apr closed). Choosing
    the literal reading swaps the two; it does not roll it to 7 Apr."""
    received = {"received": date(2026, 3, 5)}
    plain = compute(events=received, rules=UK, plan=False).deadline("subject-access")
    literal = compute(events=received, rules=UK, plan=False,
                      conventions={"subject-access": "months-beginning-with"}
                      ).deadline("subject-access")  # fmt: skip
    assert (plain.date, plain.other_readings[0].date) == (date(2026, 4, 7), date(2026, 4, 4))
    assert (literal.date, literal.working_day) == (date(2026, 4, 4), date(2026, 4, 2))
    assert literal.other_readings[0].date == date(2026, 4, 7)
    assert not any("moves to the next working day" in n for n in literal.notes)


def test_an_act_before_a_window_opens_reads_early_in_every_layout(invoke):
    """By-election nominations, writ Fri 18 Dec 2026: the window opens Wed 23 Dec; nominations
    delivered Tue 22 Dec are a working day early, never "late" (check says the same)."""
    args = ("compute", "--pack", "uk-parliament", "--event", "writ=2026-12-18",
            "--actual", "by_election_nominations=2026-12-22")  # fmt: skip
    for columns in ("80", "200"):
        out = invoke(*args, env={"COLUMNS": columns}).stdout
        assert "1 working day early" in out, columns
        assert "1 working day late" not in out, columns
    page = invoke(*args, "--format", "html").stdout
    assert "1 working day early" in page
    assert "1 working day late" not in page


def test_a_clock_event_only_replaced_law_read_is_noted_as_such():
    """A rule whose 2007 version restarted on an event and whose 2010 version does not: under
    the 2010 law the event is not applied, and the note says the law that read it was
    replaced (not that it is to come). Received Mon 4 Jan 2010: 30 working days after, Jan
    5-29 (19: 5-8, 11-15, 18-22, 25-29) and Feb 1-12 (10) and Mon 15 Feb (the 30th)."""
    import tomllib
    from pathlib import Path

    from deadlines.rules import parse

    path = Path(__file__).parent.parent / "src" / "deadlines" / "rules" / "england-executive.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    rule = dict(raw["rules"][0])  # ofsted-report-publication, counted from received
    rule.pop("in_force_from", None)
    rule["versions"] = [
        {"from": "2007-04-01", "citation": "Old reg 2",
         "clock": [{"kind": "restart", "event": "decision", "citation": "Old reg 2(2)"}]},
        {"from": "2010-01-01", "citation": "New reg 2", "clock": []},
    ]  # fmt: skip
    raw["rules"] = [rule]
    raw.pop("plan", None)  # its planning names rules this file leaves out
    rules = parse(raw, "two-laws.toml")
    d = _one(rules, rule["id"], received=date(2010, 1, 4), decision=date(2010, 1, 20))
    assert d.date == date(2010, 2, 15)
    (note,) = [n for n in d.notes if "is not applied" in n]
    assert note == (
        "decision on Wed 20 Jan 2010 is not applied: the law in force on the reference date "
        "(New reg 2) does not act on the period for it; the law in force from Sun 1 Apr 2007, "
        "since replaced, did (Old reg 2(2))."
    )
