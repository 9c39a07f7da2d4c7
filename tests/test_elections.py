"""Election timetables (issue 16): the packs' data counted by the shared engine.

Every expected date is counted by hand below, from the poll back (the poll is day 0; "--" is a
disregarded day and why) or forward from the dissolution or writ, and wherever a council or the
Electoral Commission published the timetable the dates are theirs (the source is named). The
counting is the packs' data (their day sets) and the one engine: nothing here is per election.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from dateutil.easter import easter

from deadlines.compute import compute
from deadlines.errors import InputError
from deadlines.explain import explain
from deadlines.holiday_data import with_appointed
from deadlines.rules import pack
from oracle import ONE, bank_holidays

D = date


def timetable(pack_name, region="england-and-wales", holidays=None, **events):
    result = compute(region=region, rules=pack(pack_name), events=events, holidays=holidays)
    return {d.id: d for d in result.deadlines}, result


def dates(got):
    return {k: d.date for k, d in got.items()}


# -- England, principal areas: Thu 2 May 2024 (Easter inside) ------------------------------------
# Published: Electoral Commission media guide, local elections England 2024. Day set SI 2006/3304
# Sch 2 r 2: Sat, Sun, Christmas Eve, Christmas Day, Good Friday, E&W bank holidays, appointed days.
#   Wed 01 May d1 | Tue 30 Apr d2 | Mon 29 Apr d3 | -- Sun 28 | -- Sat 27
#   Fri 26 Apr d4  first day to replace lost postal ballots
#   Thu 25 Apr d5  polling and counting agents; final notice of alteration
#   Wed 24 Apr d6  notice of poll; proxy 5pm; VAC 5pm
#   Tue 23 d7 | Mon 22 d8 | -- Sun 21 | -- Sat 20 | Fri 19 d9 | Thu 18 d10
#   Wed 17 Apr d11 postal 5pm
#   Tue 16 Apr d12 registration 11:59pm
#   Mon 15 d13 | -- Sun 14 | -- Sat 13 | Fri 12 d14 | Thu 11 d15 | Wed 10 d16 | Tue 09 d17
#   Mon 08 Apr d18 SOPN 4pm
#   -- Sun 07 | -- Sat 06
#   Fri 05 Apr d19 nominations, withdrawals, election agents 4pm
#   Thu 04 d20 | Wed 03 d21 | Tue 02 d22 | -- Mon 01 Apr Easter Monday (E&W BH) | -- Sun 31 Mar
#   -- Sat 30 Mar | -- Fri 29 Mar Good Friday | Thu 28 Mar d23 (Maundy Thursday COUNTED) | Wed 27 d24
#   Tue 26 Mar d25 notice of election
# Expenses (RPA 1983 s81: 35 calendar days after the declaration, a closed last day moves on):
# declared Thu 2 May -> Thu 6 Jun; Fri 3 May -> Fri 7 Jun; Sat 4 May -> Sat 8 Jun -> Mon 10 Jun.
ENGLAND_2024 = {
    "notice-of-election": D(2024, 3, 26),
    "nominations": D(2024, 4, 5),
    "withdrawals": D(2024, 4, 5),
    "election-agents": D(2024, 4, 5),
    "statement-of-persons-nominated": D(2024, 4, 8),
    "notice-of-poll": D(2024, 4, 24),
    "registration": D(2024, 4, 16),
    "postal-vote": D(2024, 4, 17),
    "proxy-vote": D(2024, 4, 24),
    "voter-authority-certificate": D(2024, 4, 24),
    "polling-agents": D(2024, 4, 25),
    "final-register-alteration": D(2024, 4, 25),
    "lost-postal-ballot-first-day": D(2024, 4, 26),
    "replacement-ballots-and-emergency-proxy": D(2024, 5, 2),
    "clerical-error-alteration": D(2024, 5, 2),
    "close-of-poll": D(2024, 5, 2),
    "election-expenses": D(2024, 6, 6),
}


def test_england_2_may_2024_is_the_electoral_commissions_timetable():
    got, _ = timetable("england-local", poll=D(2024, 5, 2), declaration=D(2024, 5, 2))
    assert dates(got) == ENGLAND_2024
    assert got["nominations"].time == "16:00"
    assert got["statement-of-persons-nominated"].time == "16:00"
    assert got["registration"].time == "23:59"
    assert got["postal-vote"].time == "17:00"
    assert got["close-of-poll"].time == "22:00"
    assert got["notice-of-election"].time is None
    assert got["lost-postal-ballot-first-day"].relation == "on-or-after"
    assert "SI 2006/3304 Sch 2 r 2" in got["nominations"].day_set


@pytest.mark.parametrize(
    ("declared", "due"),
    [
        (D(2024, 5, 2), D(2024, 6, 6)),
        (D(2024, 5, 3), D(2024, 6, 7)),
        (D(2024, 5, 4), D(2024, 6, 10)),
        (D(2024, 5, 6), D(2024, 6, 10)),
    ],
)
def test_expenses_35_days_after_the_declaration_move_off_a_weekend(declared, due):
    # ALDC 2024: 4 May + 35 = Sat 8 Jun -> Mon 10 Jun; 6 May + 35 = Mon 10 Jun (s119(1)(a)).
    got, _ = timetable("england-local", poll=D(2024, 5, 2), declaration=declared)
    assert got["election-expenses"].working_day == due


# -- England: Thu 1 May 2025, the fortnight after Easter (GF 18 Apr, EM 21 Apr) ---------------------
# Published: Stroud DC, South Hams, Cannock Chase, Lambeth.
#   Wed 30 Apr d1 | Tue 29 d2 | Mon 28 d3 | -- Sun 27 | -- Sat 26 | Fri 25 d4 (first replacement)
#   Thu 24 d5 (agents) | Wed 23 d6 (notice of poll, proxy, VAC) | Tue 22 d7 | -- Mon 21 Easter Monday
#   -- Sun 20 | -- Sat 19 | -- Fri 18 Good Friday | Thu 17 d8 (Maundy Thursday COUNTED) | Wed 16 d9
#   Tue 15 d10 | Mon 14 d11 (postal) | -- Sun 13 | -- Sat 12 | Fri 11 d12 (registration)
#   Thu 10 d13 | Wed 09 d14 | Tue 08 d15 | Mon 07 d16 | -- 06 | -- 05 | Fri 04 d17
#   Thu 03 Apr d18 (SOPN 4pm) | Wed 02 Apr d19 (nominations 4pm) | Tue 01 d20 | Mon 31 Mar d21
#   -- 30 | -- 29 | Fri 28 d22 | Thu 27 d23 | Wed 26 d24 | Tue 25 Mar d25 (notice of election)
def test_england_1_may_2025_after_easter():
    got, _ = timetable("england-local", poll=D(2025, 5, 1))
    assert {k: v for k, v in dates(got).items() if k != "election-expenses"} == {
        "notice-of-election": D(2025, 3, 25),
        "nominations": D(2025, 4, 2),
        "withdrawals": D(2025, 4, 2),
        "election-agents": D(2025, 4, 2),
        "statement-of-persons-nominated": D(2025, 4, 3),
        "notice-of-poll": D(2025, 4, 23),
        "registration": D(2025, 4, 11),
        "postal-vote": D(2025, 4, 14),
        "proxy-vote": D(2025, 4, 23),
        "voter-authority-certificate": D(2025, 4, 23),
        "polling-agents": D(2025, 4, 24),
        "final-register-alteration": D(2025, 4, 24),
        "lost-postal-ballot-first-day": D(2025, 4, 25),
        "replacement-ballots-and-emergency-proxy": D(2025, 5, 1),
        "clerical-error-alteration": D(2025, 5, 1),
        "close-of-poll": D(2025, 5, 1),
    }


# -- England, Thu 22 May 2014: the first polls under the 4pm rules ---------------------------------
# SI 2014/494 r 1(2): the amendments "have no effect in relation to any election in respect of
# which the date of the poll specified in the notice of election is on or before 21st May 2014",
# so the polls of 22 May 2014 (the ordinary day, moved to the European Parliament poll by SI
# 2013/2277) were the first under them. Hand count from the poll back:
#   Wed 21 May d1 | Tue 20 d2 | Mon 19 d3 | -- 18 | -- 17 | Fri 16 d4 | Thu 15 d5 | Wed 14 d6
#   Tue 13 d7 | Mon 12 d8 | -- 11 | -- 10 | Fri 09 d9 | Thu 08 d10 | Wed 07 d11 | Tue 06 d12
#   -- Mon 05 May early May bank holiday | -- 04 | -- 03 | Fri 02 d13 | Thu 01 May d14
#   Wed 30 Apr d15 | Tue 29 d16 | Mon 28 d17 | -- 27 | -- 26 | Fri 25 d18 (SOPN, 4pm)
#   Thu 24 Apr d19 (nominations and withdrawals, 4pm)
# Under the rules as made (a poll of 21 May 2014 or earlier) withdrawals were noon on the 16th
# day: for a poll on Wed 21 May 2014 that is, back from it, Tue 20 d1 | Mon 19 d2 | -- 18 | -- 17
#   Fri 16 d3 | Thu 15 d4 | Wed 14 d5 | Tue 13 d6 | Mon 12 d7 | -- 11 | -- 10 | Fri 09 d8
#   Thu 08 d9 | Wed 07 d10 | Tue 06 d11 | -- Mon 05 May | -- 04 | -- 03 | Fri 02 d12 | Thu 01 d13
#   Wed 30 Apr d14 | Tue 29 d15 | Mon 28 Apr d16.
def test_england_22_may_2014_is_the_first_poll_under_the_2014_amendments():
    got, _ = timetable("england-local", poll=D(2014, 5, 22))
    assert got["nominations"].date == D(2014, 4, 24)
    assert got["withdrawals"].date == D(2014, 4, 24)
    assert got["statement-of-persons-nominated"].date == D(2014, 4, 25)
    assert got["withdrawals"].time == "16:00"
    assert "SI 2014/494" in got["withdrawals"].source
    before, _ = timetable("england-local", poll=D(2014, 5, 21))
    assert before["withdrawals"].date == D(2014, 4, 28)
    assert "as made" in before["withdrawals"].source
    parish, _ = timetable("england-parish", poll=D(2014, 5, 22))  # same day set, same count
    assert parish["withdrawals"].date == D(2014, 4, 24)
    assert parish["withdrawals"].time == "16:00"


# -- England, late January: Thu 23 Jan 2025 (Christmas Eve, Christmas, Boxing Day, New Year) -------
# Hand count only (no published timetable for this date):
#   Wed 22 d1 | Tue 21 d2 | Mon 20 d3 | -- 19 | -- 18 | Fri 17 d4 | Thu 16 d5 | Wed 15 d6
#   Tue 14 d7 | Mon 13 d8 | -- 12 | -- 11 | Fri 10 d9 | Thu 09 d10 | Wed 08 d11 (postal)
#   Tue 07 d12 (registration) | Mon 06 d13 | -- 05 | -- 04 | Fri 03 d14
#   Thu 02 Jan d15 (2 Jan is not an E&W bank holiday) | -- Wed 01 Jan New Year's Day
#   Tue 31 Dec d16 | Mon 30 Dec d17 | -- Sun 29 | -- Sat 28 | Fri 27 Dec d18 (SOPN)
#   -- Thu 26 Boxing Day | -- Wed 25 Christmas Day | -- Tue 24 Christmas Eve
#   Mon 23 Dec d19 (nominations) | -- 22 | -- 21 | Fri 20 d20 | Thu 19 d21 | Wed 18 d22
#   Tue 17 d23 | Mon 16 d24 | -- 15 | -- 14 | Fri 13 Dec 2024 d25 (notice of election)
def test_england_late_january_counts_over_christmas_eve_and_new_year():
    got, _ = timetable("england-local", poll=D(2025, 1, 23))
    d = dates(got)
    assert d["notice-of-election"] == D(2024, 12, 13)
    assert d["nominations"] == D(2024, 12, 23)
    assert d["statement-of-persons-nominated"] == D(2024, 12, 27)
    assert d["registration"] == D(2025, 1, 7)
    assert d["postal-vote"] == D(2025, 1, 8)
    assert d["notice-of-poll"] == D(2025, 1, 15)
    assert d["polling-agents"] == D(2025, 1, 16)
    assert d["lost-postal-ballot-first-day"] == D(2025, 1, 17)


# -- Parish, not a Thursday: Skipton Town Council, Wed 20 Nov 2024 --------------------------------
# Published: North Yorkshire Council. SI 2006/3305 Sch 2 (same days as SI 2006/3304).
#   Tue 19 d1 | Mon 18 d2 | -- 17 | -- 16 | Fri 15 d3 | Thu 14 d4 (first replacement)
#   Wed 13 d5 (agents, final register) | Tue 12 d6 (notice of poll, proxy, VAC) | Mon 11 d7
#   -- 10 | -- 09 | Fri 08 d8 | Thu 07 d9 | Wed 06 d10 | Tue 05 d11 (postal) | Mon 04 d12 (registration)
#   -- 03 | -- 02 | Fri 01 d13 | Thu 31 Oct d14 | Wed 30 d15 | Tue 29 d16 | Mon 28 d17 | -- 27 | -- 26
#   Fri 25 Oct d18 (SOPN 4pm) | Thu 24 Oct d19 (nominations, withdrawals 4pm) | Wed 23 d20
#   Tue 22 d21 | Mon 21 d22 | -- 20 | -- 19 | Fri 18 d23 | Thu 17 d24 | Wed 16 Oct d25 (notice)
# Expenses: 28 calendar days after the day of the election: Wed 18 Dec 2024 (published).
def test_skipton_parish_poll_on_a_wednesday():
    got, _ = timetable("england-parish", poll=D(2024, 11, 20))
    assert "election-agents" not in got  # no election agents at parish elections
    assert dates(got) == {
        "notice-of-election": D(2024, 10, 16),
        "nominations": D(2024, 10, 24),
        "withdrawals": D(2024, 10, 24),
        "statement-of-persons-nominated": D(2024, 10, 25),
        "poll-card-request": D(2024, 10, 24),
        "notice-of-poll": D(2024, 11, 12),
        "registration": D(2024, 11, 4),
        "postal-vote": D(2024, 11, 5),
        "proxy-vote": D(2024, 11, 12),
        "voter-authority-certificate": D(2024, 11, 12),
        "polling-agents": D(2024, 11, 13),
        "final-register-alteration": D(2024, 11, 13),
        "lost-postal-ballot-first-day": D(2024, 11, 14),
        "replacement-ballots-and-emergency-proxy": D(2024, 11, 20),
        "clerical-error-alteration": D(2024, 11, 20),
        "close-of-poll": D(2024, 11, 20),
        "election-expenses": D(2024, 12, 18),
    }


# -- Wales, principal areas and communities: Thu 5 May 2022 (GF 15 Apr, EM 18 Apr, BH 2 May) -------
# Published: Harrogate (same E&W days), Cardiff (nominations 4pm Tue 5 Apr 2022).
#   Wed 4 May d1 | Tue 3 d2 | -- Mon 2 May BH | -- 1 | -- 30 Apr | Fri 29 d3 | Thu 28 d4
#   Wed 27 d5 | Tue 26 d6 (notice of poll, proxy) | Mon 25 d7 | -- 24 | -- 23 | Fri 22 d8 | Thu 21 d9
#   Wed 20 d10 | Tue 19 d11 (postal) | -- Mon 18 Easter Monday | -- 17 | -- 16 | -- Fri 15 Good Friday
#   Thu 14 d12 (registration) | Wed 13 d13 | Tue 12 d14 | Mon 11 d15 | -- 10 | -- 9 | Fri 8 d16
#   Thu 7 d17 | Wed 6 d18 (SOPN) | Tue 5 Apr d19 (nominations) | Mon 4 d20 | -- 3 | -- 2 | Fri 1 d21
#   Thu 31 Mar d22 | Wed 30 d23 | Tue 29 d24 | Mon 28 Mar d25 (notice of election)
WALES_2022 = {
    "notice-of-election": D(2022, 3, 28),
    "nominations": D(2022, 4, 5),
    "statement-of-persons-nominated": D(2022, 4, 6),
    "registration": D(2022, 4, 14),
    "postal-vote": D(2022, 4, 19),
    "notice-of-poll": D(2022, 4, 26),
    "proxy-vote": D(2022, 4, 26),
    "polling-agents": D(2022, 4, 27),
    "lost-postal-ballot-first-day": D(2022, 4, 28),
}


@pytest.mark.parametrize("name", ["wales-local", "wales-community"])
def test_wales_5_may_2022(name):
    got, _ = timetable(name, region="wales", poll=D(2022, 5, 5))
    assert {k: got[k].date for k in WALES_2022} == WALES_2022
    assert "voter-authority-certificate" not in got  # no voter ID at Welsh local polls
    assert "WSI 2021/14" in got["nominations"].day_set


def test_wales_rules_are_not_in_force_before_5_may_2022():
    got, _ = timetable("wales-local", region="wales", poll=D(2022, 5, 4))
    assert got["nominations"].status == "not-in-force"
    assert got["nominations"].date is None


def test_english_pack_refused_in_wales_naming_the_welsh_one():
    with pytest.raises(InputError, match="wales-local"):
        timetable("england-local", region="wales", poll=D(2024, 5, 2))


# -- Scotland (SSI 2011/399): across St Andrew's Day, D&G by-election Thu 8 Dec 2022 ---------------
# Published: Dumfries and Galloway Council.
#   Wed 07 Dec d1 | Tue 06 d2 | Mon 05 d3 | -- 04 | -- 03 | Fri 02 d4 (first replacement)
#   Thu 01 Dec d5 (polling and counting agents) | -- Wed 30 Nov St Andrew's Day (Scottish BH)
#   Tue 29 Nov d6 (proxy 5pm) | Mon 28 d7 | -- 27 | -- 26 | Fri 25 d8 | Thu 24 d9 | Wed 23 d10
#   Tue 22 d11 (postal 5pm) | Mon 21 d12 (registration) | -- 20 | -- 19 | Fri 18 d13 | Thu 17 d14
#   Wed 16 d15 | Tue 15 d16 | Mon 14 d17 | -- 13 | -- 12 | Fri 11 d18 | Thu 10 d19 | Wed 09 d20
#   Tue 08 d21 | Mon 07 d22 | -- 06 | -- 05 | Fri 04 Nov d23 (nominations, withdrawals, agents 4pm)
#   Thu 03 d24 | Wed 02 d25 | Tue 01 d26 | Mon 31 Oct d27 | -- 30 | -- 29 | Fri 28 Oct d28 (NoE latest)
#   Thu 27 d29 | Wed 26 d30 | Tue 25 d31 | Mon 24 d32 | -- 23 | -- 22 | Fri 21 d33 | Thu 20 d34
#   Wed 19 Oct d35 (NoE earliest)
# Spending returns: declared Fri 9 Dec 2022 + 35 = Fri 13 Jan 2023 (published).
def test_scotland_across_st_andrews_day():
    got, _ = timetable("scotland-local", region="scotland", poll=D(2022, 12, 8),
                       declaration=D(2022, 12, 9))  # fmt: skip
    assert got["notice-of-election"].date == D(2022, 10, 28)
    assert got["notice-of-election"].earliest == D(2022, 10, 19)
    assert dates(got) | {"notice-of-election": None} == {
        "notice-of-election": None,
        "nominations": D(2022, 11, 4),
        "withdrawals": D(2022, 11, 4),
        "election-agents": D(2022, 11, 4),
        "registration": D(2022, 11, 21),
        "postal-vote": D(2022, 11, 22),
        "proxy-vote": D(2022, 11, 29),
        "polling-agents": D(2022, 12, 1),
        "lost-postal-ballot-first-day": D(2022, 12, 2),
        "replacement-ballots-and-emergency-proxy": D(2022, 12, 8),
        "clerical-error-alteration": D(2022, 12, 8),
        "close-of-poll": D(2022, 12, 8),
        "election-expenses": D(2023, 1, 13),
    }


# -- Scotland across Easter Monday: ordinary elections Thu 5 May 2022 ----------------------------
# Published: Dumfries and Galloway. The timetable disregards Easter Monday (not a Scottish BH);
# registration counts it.
#   Wed 4 May d1 | Tue 3 d2 | -- Mon 2 May BH | -- 1 | -- 30 Apr | Fri 29 d3 | Thu 28 d4 | Wed 27 d5
#   Tue 26 d6 (proxy) | Mon 25 d7 | -- 24 | -- 23 | Fri 22 d8 | Thu 21 d9 | Wed 20 d10
#   Tue 19 Apr d11 (postal) | -- Mon 18 Apr Easter Monday (timetable) | -- 17 | -- 16
#   -- Fri 15 Good Friday | Thu 14 d12 | Wed 13 d13 | Tue 12 d14 | Mon 11 d15 | -- 10 | -- 9
#   Fri 8 d16 | Thu 7 d17 | Wed 6 d18 | Tue 5 d19 | Mon 4 d20 | -- 3 | -- 2 | Fri 1 Apr d21
#   Thu 31 Mar d22 | Wed 30 Mar d23 (nominations 4pm: published) | Tue 29 d24 | Mon 28 d25
#   -- 27 | -- 26 | Fri 25 d26 | Thu 24 d27 | Wed 23 Mar d28 (NoE latest) | Tue 22 d29 | Mon 21 d30
#   -- 20 | -- 19 | Fri 18 d31 | Thu 17 d32 | Wed 16 d33 | Tue 15 d34 | Mon 14 Mar d35 (NoE earliest)
# Registration (Easter Monday COUNTED): Tue 19 Apr d11, Mon 18 Apr d12 (published Mon 18 Apr).
def test_scotland_across_easter_monday():
    got, _ = timetable("scotland-local", region="scotland", poll=D(2022, 5, 5))
    assert got["nominations"].date == D(2022, 3, 30)
    assert got["notice-of-election"].date == D(2022, 3, 23)
    assert got["notice-of-election"].earliest == D(2022, 3, 14)
    assert got["registration"].date == D(2022, 4, 18)
    assert got["postal-vote"].date == D(2022, 4, 19)
    assert got["proxy-vote"].date == D(2022, 4, 26)
    assert got["polling-agents"].date == D(2022, 4, 27)


# -- UK Parliament: general election Thu 4 Jul 2024, dissolution Thu 30 May 2024 ----------------
# Published: Electoral Commission (via Mark Pack), CnES, Stroud, Stevenage. Day set RPA 1983
# Sch 1 r 2 (bank holidays in any part of the UK; none in this window).
# Forward from the dissolution: Fri 31 May d1 (writ taken received, s28(3A)) | -- Sat 1 Jun
#   -- Sun 2 | Mon 3 d2 | Tue 4 Jun d3 (notice of election 4pm) | Wed 5 d4 | Thu 6 d5
#   Fri 7 Jun d6 (nominations, withdrawals, agents 4pm; SOPN 5pm) ... Thu 4 Jul d25 (the poll).
# Back from the poll: Wed 3 Jul b1 | Tue 2 b2 | Mon 1 b3 | -- 30 | -- 29 | Fri 28 Jun b4 (first
#   replacement) | Thu 27 b5 (agents, final notice) | Wed 26 b6 (proxy, VAC 5pm) | Tue 25 b7
#   Mon 24 b8 | -- 23 | -- 22 | Fri 21 b9 | Thu 20 b10 | Wed 19 b11 (postal 5pm)
#   Tue 18 Jun b12 (registration) | Mon 17 b13 | -- 16 | -- 15 | Fri 14 b14 | Thu 13 b15 | Wed 12 b16
#   Tue 11 b17 | Mon 10 Jun b18 (SOPN if objections, 4pm)
# Expenses: declared Fri 5 Jul + 35 = Fri 9 Aug 2024 (Stroud).
def test_general_election_2024_from_the_dissolution():
    got, _ = timetable("uk-parliament", dissolution=D(2024, 5, 30), poll=D(2024, 7, 4),
                       declaration=D(2024, 7, 5))  # fmt: skip
    assert "by-election-notice-of-election" not in got  # no writ given: not a by-election
    assert dates(got) == {
        "writ-received": D(2024, 5, 31),
        "notice-of-election": D(2024, 6, 4),
        "nominations": D(2024, 6, 7),
        "withdrawals": D(2024, 6, 7),
        "election-agents": D(2024, 6, 7),
        "statement-of-persons-nominated": D(2024, 6, 7),
        "statement-if-objections": D(2024, 6, 10),
        "poll-after-dissolution": D(2024, 7, 4),
        "registration": D(2024, 6, 18),
        "postal-vote": D(2024, 6, 19),
        "proxy-vote": D(2024, 6, 26),
        "voter-authority-certificate": D(2024, 6, 26),
        "polling-agents": D(2024, 6, 27),
        "final-register-alteration": D(2024, 6, 27),
        "lost-postal-ballot-first-day": D(2024, 6, 28),
        "replacement-ballots-and-emergency-proxy": D(2024, 7, 4),
        "clerical-error-alteration": D(2024, 7, 4),
        "close-of-poll": D(2024, 7, 4),
        "election-expenses": D(2024, 8, 9),
    }
    assert got["notice-of-election"].time == "16:00"
    assert got["statement-of-persons-nominated"].time == "17:00"
    assert got["poll-after-dissolution"].status == "met"


# GE Thu 12 Dec 2019, dissolution Wed 6 Nov: Scotland's St Andrew's Day substitute, Mon 2 Dec 2019,
# is disregarded UK-wide. Back from the poll: Wed 11 b1 | Tue 10 b2 | Mon 9 b3 | -- 8 | -- 7
#   Fri 6 b4 | Thu 5 b5 | Wed 4 Dec b6 (proxy: published) | Tue 3 b7 | -- Mon 2 Dec (Scottish BH)
#   -- 1 | -- 30 Nov | Fri 29 b8 | Thu 28 b9 | Wed 27 b10 | Tue 26 Nov b11 (postal: published)
# Forward: Thu 7 Nov d1 | Fri 8 d2 | -- 9 | -- 10 | Mon 11 Nov d3 (NoE: published) | Tue 12 d4
#   Wed 13 d5 | Thu 14 Nov d6 (nominations: published).
def test_general_election_2019_skips_a_scottish_bank_holiday_everywhere():
    got, _ = timetable("uk-parliament", dissolution=D(2019, 11, 6), poll=D(2019, 12, 12))
    assert got["notice-of-election"].date == D(2019, 11, 11)
    assert got["nominations"].date == D(2019, 11, 14)
    assert got["postal-vote"].date == D(2019, 11, 26)
    assert got["proxy-vote"].date == D(2019, 12, 4)
    assert got["voter-authority-certificate"].status == "not-in-force"  # no voter ID in 2019


def test_a_poll_the_dissolution_rules_out_is_an_error():
    # Dissolution Thu 30 May 2024: the 25th day after is Thu 4 Jul (counted above); Fri 5 Jul is
    # the 26th. A dissolution later than the notice would be due (Mon 10 Jun) fails the same way.
    with pytest.raises(InputError, match=r"poll=2024-07-05 .*expected the poll on Thu 4 Jul 2024"):
        timetable("uk-parliament", dissolution=D(2024, 5, 30), poll=D(2024, 7, 5))
    with pytest.raises(InputError, match="dissolution of Parliament Mon 10 Jun 2024"):
        timetable("uk-parliament", dissolution=D(2024, 6, 10), poll=D(2024, 7, 4))


# By-election, writ received Mon 3 Jun 2024 (council's part: England; no bank holiday near):
#   Tue 4 d1 | Wed 5 Jun d2 (notice of election 4pm) | Thu 6 d3 (nominations earliest) | Fri 7 d4
#   -- 8 | -- 9 | Mon 10 d5 | Tue 11 d6 | Wed 12 Jun d7 (nominations latest) ...
#   poll window d20 .. d26: Thu 13 d8, Fri 14 d9, Mon 17 d10 .. Fri 21 d14, Mon 24 d15 .. Fri 28
#   d19, Mon 1 Jul d20 (earliest poll) .. Mon 8 Jul d25, Tue 9 Jul d26 (latest poll).
def test_by_election_from_the_writ():
    got, _ = timetable("uk-parliament", region="england", writ=D(2024, 6, 3), poll=D(2024, 7, 4))
    assert got["by-election-notice-of-election"].date == D(2024, 6, 5)
    assert got["by-election-nominations"].earliest == D(2024, 6, 6)
    assert got["by-election-nominations"].date == D(2024, 6, 12)
    assert got["by-election-poll"].earliest == D(2024, 7, 1)
    assert got["by-election-poll"].date == D(2024, 7, 9)
    assert "nominations" not in got  # the general election's steps need the dissolution
    with pytest.raises(InputError, match="expected a poll from Mon 1 Jul 2024 to Tue 9 Jul 2024"):
        timetable("uk-parliament", region="england", writ=D(2024, 6, 3), poll=D(2024, 6, 27))


# -- Polls that fall badly -----------------------------------------------------------------------
def test_an_appointed_day_of_mourning_moves_the_steps_before_it(tmp_path):
    # A day of mourning appointed for Wed 10 Apr 2024 (d16 in the 2 May 2024 count above): every
    # step at or beyond it moves a day earlier. NoE: d25 was Tue 26 Mar; with Wed 10 Apr skipped
    # the count reaches d25 on Mon 25 Mar. Nominations Fri 5 Apr -> Thu 4 Apr; SOPN Mon 8 Apr ->
    # Fri 5 Apr. Registration (d12, Tue 16 Apr) lies before it and stays. The VAC's working day
    # (SI 2022/1382 reg 18(4)(c)) does not list such days: its date does not move, and says so.
    path = tmp_path / "appointed.json"
    path.write_text(json.dumps([{"date": "2024-04-10", "title": "Day of mourning"}]))
    got, _ = timetable("england-local", holidays=with_appointed(path), poll=D(2024, 5, 2))
    assert got["notice-of-election"].date == D(2024, 3, 25)
    assert got["nominations"].date == D(2024, 4, 4)
    assert got["statement-of-persons-nominated"].date == D(2024, 4, 5)
    assert got["registration"].date == D(2024, 4, 16)
    assert any(
        "appointed for public thanksgiving or mourning" in n for n in got["nominations"].notes
    )
    # A day between Wed 24 Apr (VAC) and the poll: Mon 29 Apr 2024.
    path.write_text(json.dumps({"events": [{"date": "2024-04-29", "title": "Day of mourning"}]}))
    got, _ = timetable("england-local", holidays=with_appointed(path), poll=D(2024, 5, 2))
    assert got["notice-of-poll"].date == D(2024, 4, 23)  # d6 moves from Wed 24 to Tue 23 Apr
    assert got["voter-authority-certificate"].date == D(2024, 4, 24)  # not moved
    assert any("does not move" in n for n in got["voter-authority-certificate"].notes)


def test_a_poll_on_a_sunday_is_noted():
    got, result = timetable("england-parish", poll=D(2024, 11, 24))
    assert len(result.warnings) == 1  # and in the JSON's top-level warnings
    assert "Sun 24 Nov 2024" in result.warnings[0]
    _, weekday = timetable("england-parish", poll=D(2024, 11, 20))
    assert weekday.warnings == ()
    note = " ".join(got["close-of-poll"].notes)
    assert "Sun 24 Nov 2024" in note
    assert "disregard" in note
    assert "Sunday" in note


# -- explain, ics, check, CLI --------------------------------------------------------------------
def test_explain_names_the_rule_that_disregards_each_day():
    result = compute(rules=pack("england-local"), events={"poll": D(2024, 5, 2)})
    e = explain(result, "notice-of-election", rules=pack("england-local"))
    days = {d.date: d for d in e.days}
    assert days[D(2024, 3, 29)].reason == "Good Friday (disregarded by SI 2006/3304 Sch 2 r 2)"
    assert days[D(2024, 4, 1)].reason.startswith("Easter Monday")
    assert days[D(2024, 3, 28)].counted  # Maundy Thursday
    assert days[D(2024, 3, 28)].number == 23
    assert e.days[-1].date == D(2024, 3, 26)
    assert e.days[-1].number == 25
    # Scotland: Easter Monday disregarded by the timetable's own day set.
    result = compute(region="scotland", rules=pack("scotland-local"),
                     events={"poll": D(2022, 5, 5)})  # fmt: skip
    e = explain(result, "nominations", rules=pack("scotland-local"))
    reason = {d.date: d.reason for d in e.days}[D(2022, 4, 18)]
    assert reason.startswith("Easter Monday (disregarded by SSI 2011/399 Sch 1 r 2")


def test_cli_table_csv_and_ics(invoke):
    args = ("compute", "--pack", "england-local", "--event", "poll=2024-05-02")
    table = invoke(*args, env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "at 16:00" in table.stdout
    assert "Tue 26 Mar 2024" in table.stdout
    csv_out = invoke(*args, "--format", "csv").stdout.splitlines()
    assert csv_out[0].endswith(",time,earliest")
    assert any(line.startswith("nominations,") and line.endswith(",16:00,") for line in csv_out)
    ics = invoke(*args, "--format", "ics").stdout
    assert "DTSTART;TZID=Europe/London:20240405T160000" in ics  # nominations, 4pm
    assert "DTSTART;VALUE=DATE:20240326" in ics  # notice of election: all day
    assert "BEGIN:VTIMEZONE" in ics
    scot = invoke("compute", "--pack", "scotland-local", "--region", "scotland", "--event",
                  "poll=2022-12-08", "--format", "csv").stdout  # fmt: skip
    assert any(line.startswith("notice-of-election,") and line.endswith(",2022-10-19")
               for line in scot.splitlines())  # fmt: skip


def test_cli_explain_and_appointed_days_option(invoke, tmp_path):
    path = tmp_path / "appointed.json"
    path.write_text(json.dumps([{"date": "2024-04-10", "title": "Day of mourning"}]))
    got = invoke("explain", "nominations", "--pack", "england-local", "--event", "poll=2024-05-02",
                 "--appointed-days", path, "--format", "json")  # fmt: skip
    assert got.exit_code == 0, got.output
    days = {d["date"]: d for d in json.loads(got.stdout)["days"]}
    assert days["2024-04-10"]["reason"] == "Day of mourning (disregarded by SI 2006/3304 Sch 2 r 2)"
    path.write_text("[{}]")
    bad = invoke("compute", "--pack", "england-local", "--event", "poll=2024-05-02",
                 "--appointed-days", path)  # fmt: skip
    assert bad.exit_code == 2
    assert bad.stderr.strip().splitlines()[-1].startswith("Error: appointed-days file")


def test_cli_error_for_a_poll_the_dissolution_rules_out(invoke):
    got = invoke("compute", "--pack", "uk-parliament", "--event", "dissolution=2024-05-30",
                 "--event", "poll=2024-07-05")  # fmt: skip
    assert got.exit_code == 2
    assert got.stderr.strip().splitlines()[-1].startswith("Error: --event poll=2024-07-05")


def test_check_a_published_timetable(invoke, tmp_path):
    # England 2 May 2024 (counted above): notice of election set for Tue 26 Mar (the last day,
    # met), nominations set for Mon 8 Apr (after Fri 5 Apr: missed), and a Scottish-style window
    # is not in this pack. Published the notice a day early (Mon 25 Mar): met.
    path = tmp_path / "timetable.csv"
    path.write_text(
        "step,date,published\nnotice-of-election,2024-03-26,2024-03-25\nnominations,2024-04-08,\n"
    )
    got = invoke("check", path, "--pack", "england-local", "--event", "poll=2024-05-02",
                 "--format", "json")  # fmt: skip
    assert got.exit_code == 1, got.output
    rows = json.loads(got.stdout)["rows"]
    assert rows[0]["ok"] is True
    assert [d["status"] for d in rows[0]["deadlines"]] == ["met", "met"]
    assert rows[1]["ok"] is False
    assert rows[1]["missed"] == ["nominations"]
    assert json.loads(got.stdout)["summary"] == {"read": 2, "ok": 1, "failing": 1, "errored": 0}
    # Scotland, D&G 8 Dec 2022: the notice window is Wed 19 Oct .. Fri 28 Oct (counted above).
    path.write_text("step,date,poll\nnotice-of-election,2022-10-18,2022-12-08\n"
                    "notice-of-election,2022-10-19,2022-12-08\nno-such-step,2022-10-19,2022-12-08\n")  # fmt: skip
    got = invoke("check", path, "--pack", "scotland-local", "--region", "scotland",
                 "--format", "github")  # fmt: skip
    assert got.exit_code == 1
    assert "1 working day early" in got.stdout
    assert "read 3, ok 1, failing 1, errored 1" in got.stdout


def test_timetable_rows_name_their_file(invoke, tmp_path, monkeypatch):
    """Each result row names its file, as an ordinary calendar's does: in JSON Lines, and in
    the table's item cell when several files are checked. (England 2 May 2024, counted above:
    the notice of election by Tue 26 Mar, nominations by Fri 5 Apr: both met.)"""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.csv").write_text("step,date\nnotice-of-election,2024-03-26\n")
    (tmp_path / "b.csv").write_text("step,date\nnominations,2024-04-05\n")
    args = ("a.csv", "b.csv", "--pack", "england-local", "--event", "poll=2024-05-02")
    got = invoke("check", *args, "--format", "jsonl")
    assert got.exit_code == 0, got.output
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert [r["source"] for r in rows] == ["a.csv", "b.csv"]
    got = invoke("check", *args, "--format", "table")
    assert "a.csv: notice-of-election" in got.stdout
    assert "b.csv: nominations" in got.stdout


@pytest.mark.parametrize(
    ("sep", "args"), [(";", ()), (";", ("--delimiter", ";")), ("\t", ("--delimiter", "tab"))]
)
def test_a_timetable_in_another_delimiter_is_still_a_timetable(invoke, tmp_path, sep, args):
    """A semicolon- or tab-separated timetable is read as a timetable, as a comma-separated one
    is (it was read as a calendar row with only a poll, and passed). England 2 May 2024 (counted
    above): the notice of election is due by Tue 26 Mar, so set for Sat 20 Apr it is missed."""
    path = tmp_path / "timetable.csv"
    path.write_text(sep.join(("step", "date", "poll")) + "\n"
                    + sep.join(("notice-of-election", "2024-04-20", "2024-05-02")) + "\n")  # fmt: skip
    got = invoke("check", path, "--pack", "england-local", *args, "--format", "jsonl")
    assert got.exit_code == 1, got.output
    (row,) = [json.loads(line) for line in got.stdout.splitlines()]
    assert row["missed"] == ["notice-of-election"]
    assert [d["date"] for d in row["deadlines"]] == ["2024-03-26"]


def test_a_timetable_s_region_column_is_read(invoke, tmp_path):
    """A timetable's `region` column decides each row's region, as a calendar's does (it was
    ignored, the row counted on the --region's holidays). England 2 May 2024 (counted above):
    nominations by Fri 5 Apr."""
    path = tmp_path / "timetable.csv"
    path.write_text("step,date,region\nnominations,2024-04-05,England\n"
                    "nominations,2024-04-05,scotland\nnominations,2024-04-05,mars\n")  # fmt: skip
    got = invoke("check", path, "--pack", "england-local", "--event", "poll=2024-05-02",
                 "--format", "jsonl")  # fmt: skip
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert [r["region"] for r in rows] == ["england", "scotland", "mars"]
    assert rows[0]["ok"] is True
    assert rows[0]["deadlines"][0]["date"] == "2024-04-05"
    assert "law in England only, not in Scotland" in rows[1]["errors"][0]["message"]
    assert "'mars' is not a region" in rows[2]["errors"][0]["message"]


# -- More published timetables, each matched date by date --------------------------------------
# Kidderminster Town Council (parish), Thu 6 Feb 2025 (published): Wed 5 d1 | Tue 4 d2 | Mon 3 d3
#   -- 2 | -- 1 | Fri 31 Jan d4 | Thu 30 d5 | Wed 29 d6 (proxy) | Tue 28 d7 | Mon 27 d8 | -- 26
#   -- 25 | Fri 24 d9 | Thu 23 d10 | Wed 22 d11 (postal) | Tue 21 d12 (registration) | Mon 20 d13
#   -- 19 | -- 18 | Fri 17 d14 | Thu 16 d15 | Wed 15 d16 | Tue 14 d17 | Mon 13 d18 | -- 12 | -- 11
#   Fri 10 Jan d19 (nominations) | Thu 9 d20 | Wed 8 d21 | Tue 7 d22 | Mon 6 d23 | -- 5 | -- 4
#   Fri 3 d24 | Thu 2 Jan d25 (notice of election) [-- Wed 1 Jan New Year's Day lies beyond it]
# Nunnington PC, Thu 13 Feb 2025 (published): the same count a week later: Wed 5 Feb d6, Wed 29 Jan
#   d11, Tue 28 d12, Mon 20 d18, Fri 17 Jan d19, Thu 9 Jan d25 (Fri 10 d24; -- 11, 12), agents
#   Thu 6 Feb d5, replacement Fri 7 Feb d4.
# BCP town councils, Thu 7 May 2026 (published): Wed 6 d1 | Tue 5 d2 | -- Mon 4 May BH | -- 3
#   -- 2 | Fri 1 May d3 | Thu 30 Apr d4 | Wed 29 d5 | Tue 28 d6 | Mon 27 d7 | -- 26 | -- 25
#   Fri 24 d8 | Thu 23 d9 | Wed 22 d10 | Tue 21 d11 (postal) | Mon 20 d12 (registration) | -- 19
#   -- 18 | Fri 17 d13 | Thu 16 d14 | Wed 15 d15 | Tue 14 d16 | Mon 13 d17 | -- 12 | -- 11
#   Fri 10 Apr d18 (SOPN) | Thu 9 d19 (nominations) | Wed 8 d20 | Tue 7 d21 | -- Mon 6 Easter Monday
#   -- 5 | -- 4 | -- Fri 3 Good Friday | Thu 2 d22 (Maundy Thursday counted) | Wed 1 d23
#   Tue 31 Mar d24 | Mon 30 Mar d25 (notice); expenses: 28 days after Thu 7 May = Thu 4 Jun.
# East Dunbartonshire by-election, Thu 13 Feb 2025 (published nominations 4pm Mon 13 Jan):
#   back from the poll d1 Wed 12 Feb ... d23 Mon 13 Jan (5 counted days a week, no holiday), then
#   Fri 10 d24 | Thu 9 d25 | Wed 8 d26 | Tue 7 d27 | Mon 6 Jan d28 (NoE latest) | -- 5 | -- 4
#   Fri 3 d29 | -- Thu 2 Jan (Scottish BH) | -- Wed 1 Jan | Tue 31 Dec d30 | Mon 30 d31 | -- 29
#   -- 28 | Fri 27 d32 | -- Thu 26 Boxing Day | -- Wed 25 Christmas Day | -- Tue 24 Christmas Eve
#   Mon 23 d33 | -- 22 | -- 21 | Fri 20 d34 | Thu 19 Dec 2024 d35 (NoE earliest).
# Renfrewshire, Thu 4 May 2017 (published): Wed 3 d1 | Tue 2 d2 | -- Mon 1 May BH | -- 30 | -- 29
#   Fri 28 d3 | Thu 27 d4 | Wed 26 d5 | Tue 25 d6 (proxy) | Mon 24 d7 | -- 23 | -- 22 | Fri 21 d8
#   Thu 20 d9 | Wed 19 d10 | Tue 18 d11 (postal) | -- Mon 17 Easter Monday (timetable; registration
#   counts it: d12) | -- 16 | -- 15 | -- Fri 14 Good Friday | Thu 13 d12 | Wed 12 d13 | Tue 11 d14
#   Mon 10 d15 | -- 9 | -- 8 | Fri 7 d16 | Thu 6 d17 | Wed 5 d18 | Tue 4 d19 | Mon 3 d20 | -- 2
#   -- 1 | Fri 31 Mar d21 | Thu 30 d22 | Wed 29 Mar d23 (nominations) | Tue 28 d24 | Mon 27 d25
#   -- 26 | -- 25 | Fri 24 d26 | Thu 23 d27 | Wed 22 d28 | Tue 21 d29 | Mon 20 d30 | -- 19 | -- 18
#   Fri 17 d31 | Thu 16 d32 | Wed 15 d33 | Tue 14 d34 | Mon 13 Mar d35 (published notice).
# Registration 2017 (Easter Monday counted): Tue 18 Apr d11, Mon 17 Apr d12 (published).
# Scotland Thu 6 May 2027 (the decisive future case; Easter Monday 29 Mar 2027): d23 Fri 2 Apr;
#   Thu 1 d24 | Wed 31 d25 | Tue 30 Mar d26 | -- Mon 29 Easter Monday | -- 28 | -- 27 | -- Fri 26
#   Good Friday | Thu 25 d27 | Wed 24 Mar d28 (NoE latest) | Tue 23 d29 | Mon 22 d30 | -- 21 | -- 20
#   Fri 19 d31 | Thu 18 d32 | Wed 17 d33 | Tue 16 d34 | Mon 15 Mar d35; registration Mon 19 Apr d12.
@pytest.mark.parametrize(
    ("pack_name", "region", "poll", "expected"),
    [
        ("england-parish", "england", D(2025, 2, 6), {
            "notice-of-election": D(2025, 1, 2), "nominations": D(2025, 1, 10),
            "registration": D(2025, 1, 21), "postal-vote": D(2025, 1, 22),
            "proxy-vote": D(2025, 1, 29)}),
        ("england-parish", "england", D(2025, 2, 13), {
            "notice-of-election": D(2025, 1, 9), "nominations": D(2025, 1, 17),
            "statement-of-persons-nominated": D(2025, 1, 20), "registration": D(2025, 1, 28),
            "postal-vote": D(2025, 1, 29), "notice-of-poll": D(2025, 2, 5),
            "proxy-vote": D(2025, 2, 5), "voter-authority-certificate": D(2025, 2, 5),
            "polling-agents": D(2025, 2, 6), "final-register-alteration": D(2025, 2, 6),
            "lost-postal-ballot-first-day": D(2025, 2, 7)}),
        ("england-parish", "england", D(2026, 5, 7), {
            "notice-of-election": D(2026, 3, 30), "nominations": D(2026, 4, 9),
            "statement-of-persons-nominated": D(2026, 4, 10), "registration": D(2026, 4, 20),
            "postal-vote": D(2026, 4, 21), "notice-of-poll": D(2026, 4, 28),
            "proxy-vote": D(2026, 4, 28), "polling-agents": D(2026, 4, 29),
            "lost-postal-ballot-first-day": D(2026, 4, 30), "election-expenses": D(2026, 6, 4)}),
        ("scotland-local", "scotland", D(2025, 2, 13), {
            "nominations": D(2025, 1, 13), "notice-of-election": D(2025, 1, 6),
            ("notice-of-election", "earliest"): D(2024, 12, 19)}),
        ("scotland-local", "scotland", D(2017, 5, 4), {
            ("notice-of-election", "earliest"): D(2017, 3, 13), "nominations": D(2017, 3, 29),
            "registration": D(2017, 4, 17), "postal-vote": D(2017, 4, 18),
            "proxy-vote": D(2017, 4, 25)}),
        ("scotland-local", "scotland", D(2027, 5, 6), {
            "nominations": D(2027, 4, 2), "notice-of-election": D(2027, 3, 24),
            ("notice-of-election", "earliest"): D(2027, 3, 15), "registration": D(2027, 4, 19)}),
    ],
)  # fmt: skip
def test_published_timetables(pack_name, region, poll, expected):
    got, _ = timetable(pack_name, region=region, poll=poll)
    for key, want in expected.items():
        rule_id, field = key if isinstance(key, tuple) else (key, "date")
        assert getattr(got[rule_id], field) == want, (rule_id, field)


# -- The slow way: every backward step of every pack against a day-by-day walk ---------------------
def _closed(part: str, easter_monday: bool):
    """The timetable's disregarded days, built here without the engine: weekends, Christmas Eve
    and Day, Good Friday (dateutil's Easter), the part's bank holidays from the shipped table,
    and Easter Monday where the pack names it."""
    holidays = bank_holidays(part)

    def closed(d: date) -> bool:
        e = easter(d.year)
        return (d.weekday() >= 5 or (d.month, d.day) in ((12, 24), (12, 25)) or d == e - 2 * ONE
                or (easter_monday and d == e + ONE) or d in holidays)  # fmt: skip

    return closed


def _walk_back(poll: date, n: int, closed) -> date:
    day, counted = poll, 0
    while counted < n:
        day = date.fromordinal(day.toordinal() - 1)
        counted += not closed(day)
    return day


_PACKS = [("england-local", "england", "england-and-wales", False),
          ("england-parish", "england", "england-and-wales", False),
          ("wales-local", "wales", "england-and-wales", False),
          ("scotland-local", "scotland", "scotland", True)]  # fmt: skip


@pytest.mark.parametrize(("pack_name", "region", "part", "easter_monday"), _PACKS)
def test_timetables_match_a_day_by_day_walk(pack_name, region, part, easter_monday):
    import random

    rng = random.Random(16)  # fixed: the same polls every run
    rules = pack(pack_name)
    closed = _closed(part, easter_monday)
    timetable_ids = [r.id for r in rules.rules if r.days is None and r.direction == "before"]
    for _ in range(40):
        poll = date(2023, 1, 1).fromordinal(date(2023, 1, 1).toordinal() + rng.randrange(0, 1400))
        got, _ = timetable(pack_name, region=region, poll=poll)
        for rule_id in timetable_ids:
            rule = rules.rule(rule_id)
            want = poll if rule.length == 0 else _walk_back(poll, rule.length, closed)
            assert got[rule_id].date == want, (pack_name, poll, rule_id)
            if rule.earliest is not None:
                assert got[rule_id].earliest == _walk_back(poll, rule.earliest, closed)


def test_calendar_picture_marks_the_packs_own_days(invoke):
    # Thu 23 Jan 2025 (counted above): Christmas Eve, a day the election rules disregard, is
    # marked closed in the picture, as are Christmas Day and Boxing Day.
    got = invoke("calendar", "--pack", "england-local", "--event", "poll=2025-01-23")
    assert got.exit_code == 0, got.output
    assert "Tue 24 Dec 2024  24+ Christmas Eve" in got.stdout


def test_a_start_event_alone_says_which_poll_it_fixes():
    # Dissolution Thu 30 May 2024: the poll is the 25th day after it, Thu 4 Jul (counted above).
    got, _ = timetable("uk-parliament", dissolution=D(2024, 5, 30))
    assert "registration" not in got  # never a guessed poll
    assert got["poll-after-dissolution"].date == D(2024, 7, 4)
    assert any("it falls on Thu 4 Jul 2024" in n for n in got["poll-after-dissolution"].notes)


def test_check_timetable_row_errors_name_the_column(invoke, tmp_path):
    path = tmp_path / "timetable.csv"
    path.write_text(
        "step,date,poll\n"
        "nominations,5 April,2024-05-02\n"  # not a date
        "nominations,2024-04-05,2024-05-03\n"  # disagrees with --event poll
        "nominations,,\n"  # no date at all
        "close-of-poll,2024-05-02,\n"  # met: on the poll day (counted above: day 0)
    )
    got = invoke("check", path, "--pack", "england-local", "--event", "poll=2024-05-02",
                 "--format", "jsonl")  # fmt: skip
    rows = [json.loads(line) for line in got.stdout.splitlines()]
    assert got.exit_code == 1
    assert rows[0]["errors"][0]["column"] == "date"
    assert "column 'date': '5 April'" in rows[0]["errors"][0]["message"]
    assert "disagrees with --event poll=2024-05-02" in rows[1]["errors"][0]["message"]
    assert "no 'date'" in rows[2]["errors"][0]["message"]
    assert rows[3]["ok"] is True
    assert len(rows) == 4  # rows only; the summary is on stderr
    assert "Summary: read 4, ok 1, failing 0, errored 3" in got.stderr


def test_check_timetable_refuses_an_unknown_event(invoke, tmp_path):
    """An --event the pack does not have is bad input (exit 2), as compute refuses it, not a
    file whose every row is errored (exit 1)."""
    path = tmp_path / "timetable.csv"
    path.write_text("step,date\nnotice-of-election,2024-03-26\n")
    got = invoke("check", path, "--pack", "england-local", "--event", "poll=2024-05-02",
                 "--event", "nope=2024-05-05")  # fmt: skip
    assert got.exit_code == 2
    last = got.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: --event nope: unknown event 'nope'")
    assert "expected one of" in last
    assert "poll" in last
    # On a calendar of events (no step column) any --event is the mistake, whatever its name.
    cal = tmp_path / "cal.csv"
    cal.write_text("item,decision\nx,2015-06-08\n")
    got = invoke("check", cal, "--event", "pol=2024-05-02")
    assert got.exit_code == 2
    assert "--event pol is for a published timetable" in got.stderr.strip().splitlines()[-1]


def test_html_report_of_a_timetable(invoke, tmp_path):
    out = tmp_path / "timetable.html"
    got = invoke("compute", "--pack", "scotland-local", "--region", "scotland", "--event",
                 "poll=2022-12-08", "--format", "html", "-o", out)  # fmt: skip
    assert got.exit_code == 0, got.output
    assert "SSI 2011/399" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "why"),
    [("not json", "is not JSON"), ('"a string"', "is not a list"),
     ('[{"date": "1900-01-01", "title": "x"}]', "expected a date from 1971"),
     ('[{"date": "2024-13-01", "title": "x"}]', "entry 1"), ('[{"date": "2024-04-10"}]', "entry 1"),
     ("{}", "an object with no events"), ('{"x": 1}', "an object with no events"),
     ('{"england-and-wales": {}}', "no events list"), ('{"events": {}}', "no events list")],
)  # fmt: skip
def test_appointed_days_file_errors(tmp_path, text, why):
    from deadlines.errors import HolidayDataError

    path = tmp_path / "appointed.json"
    path.write_text(text)
    with pytest.raises(HolidayDataError, match=why):
        with_appointed(path)


def test_appointed_days_gov_uk_format_with_divisions(tmp_path):
    path = tmp_path / "appointed.json"
    path.write_text(json.dumps({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Day of mourning", "date": "2024-04-10"}]}}))  # fmt: skip
    assert with_appointed(path).appointed == (("2024-04-10", "Day of mourning"),)


def test_rules_listing_carries_time_and_window(invoke):
    got = json.loads(invoke("rules", "--pack", "scotland-local", "--format", "json").stdout)
    by_id = {r["id"]: r for r in got["rules"]}
    assert by_id["notice-of-election"]["earliest"] == 35
    assert by_id["nominations"]["time"] == "16:00"


def test_rules_lists_the_poll_as_an_event_it_is_judged_against_not_an_actual(invoke):
    """The poll-after-dissolution rule is judged against the poll, an event (--event poll=...):
    `deadlines rules` listed it under --actual, where `--actual poll=...` is refused."""
    out = invoke("rules", "--pack", "uk-parliament", env={"COLUMNS": "400"}).output
    acts = next(line for line in out.splitlines() if line.startswith("Actual dates to check"))
    assert "poll," not in acts.replace("close_of_poll,", "")
    assert "Judged against an event (--event poll=DATE): poll (poll-after-dissolution, " in out
    refused = invoke("compute", "--pack", "uk-parliament", "--event", "dissolution=2024-05-30",
                     "--actual", "poll=2024-07-04")  # fmt: skip
    assert refused.exit_code == 2


def test_the_narrow_table_and_explain_keep_the_time_of_day_and_a_window_s_first_day(invoke):
    """The 80-column layout dropped the time of day and a window's first day, which the wide
    table, JSON and CSV carry. 2024 general election (the Electoral Commission's published
    timetable): dissolution Thu 30 May, writ taken as received Fri 31 May; notice of election by
    4pm on the second day after (Mon 3 Jun 1, Tue 4 Jun 2); poll Thu 4 Jul, a window of one day."""
    args = ("--pack", "uk-parliament", "--event", "dissolution=2024-05-30",
            "--event", "poll=2024-07-04")  # fmt: skip
    out = invoke("compute", *args, env={"COLUMNS": "80"}).output
    assert "  Date:   Tue 4 Jun 2024 at 16:00\n" in out
    assert "  Window: not before Thu 4 Jul 2024\n" in out
    explained = invoke("explain", "notice-of-election", *args, env={"COLUMNS": "200"}).output
    assert "Date: Tue 4 Jun 2024 at 16:00 (on or before)" in explained
    explained = invoke("explain", "poll-after-dissolution", *args, env={"COLUMNS": "200"}).output
    assert ". Not before: Thu 4 Jul 2024" in explained
