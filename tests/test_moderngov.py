"""ModernGov input: the service's XML read into calendar rows, and `deadlines check` on it.

The Manchester files are the real service's responses (tests/fixtures/moderngov/README.md).
Every expected date below is counted by hand in the comment beside it.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from deadlines import moderngov
from deadlines.check import detect_format
from deadlines.errors import InputError
from oracle import between

FIXTURES = Path(__file__).parent / "fixtures" / "moderngov"
MANCHESTER = FIXTURES / "manchester"
MEETING_4967 = MANCHESTER / "meeting-4967.xml"
LATE_4967 = FIXTURES / "variants" / "meeting-4967-late.xml"
EXECUTIVE = FIXTURES / "variants" / "executive-restricted.xml"
NO_DOCUMENTS = FIXTURES / "variants" / "no-documents.xml"

COUNCIL_NAMES = ("meeting", "agenda_published", "summons_sent")
EXECUTIVE_NAMES = (
    "decision", "decision_published", "exception_notice", "meeting", "private_meeting",
    "received", "forward_plan", "report_published", "implemented", "meeting_notice",
    "member_access", "private_notice", "private_further_notice",
)  # fmt: skip


def _rows(*paths, names=COUNCIL_NAMES, required=("meeting",)):
    docs = [(str(p), Path(p).read_bytes()) for p in paths]
    return list(moderngov.rows(docs, names, required))


def _jsonl(result):
    """JSON Lines rows (stdout has rows only) and the summary line from stderr."""
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert all("row" in x for x in rows)
    m = re.search(r"Summary: read (\d+), ok (\d+), failing (\d+), errored (\d+)", result.stderr)
    summary = dict(zip(("read", "ok", "failing", "errored"), map(int, m.groups()), strict=True))
    return rows, summary


# -- parsing -----------------------------------------------------------------------------------


def test_getmeetings_list_reads_confirmed_and_cancelled_meetings():
    """Both meetings of the real GetMeetings answer, with dates, times and status."""
    meetings = moderngov.parse((MANCHESTER / "getmeetings-144.xml").read_bytes(), "list")
    assert [(m.id, m.date, m.time, m.status, m.committee) for m in meetings] == [
        ("4966", date(2026, 1, 13), time(10, 0), "Cancelled", "Audit Committee"),
        ("4967", date(2026, 2, 10), time(10, 0), "Confirmed", "Audit Committee"),
    ]
    assert not any(m.detailed for m in meetings)


def test_getmeeting_reads_papers_and_their_publication_dates():
    """Meeting 4967's two papers, both published 02/02/2026; its committee from its items."""
    (m,) = moderngov.parse(MEETING_4967.read_bytes(), "4967")
    assert m.detailed
    assert m.committee == "Audit Committee"
    assert m.items == 2
    assert [(p.title, p.published, p.restricted) for p in m.papers] == [
        ("6 - CHAIR APPROVED Minutes Audit Committee 25 Nov 2025", date(2026, 2, 2), False),
        ("DRAFT WP FEBRUARY 2026", date(2026, 2, 2), False),
    ]
    assert m.line == 3  # <meetingid> is on the third line


def test_restricted_items_decisions_and_twice_encoded_entities():
    """&amp;#39; becomes an apostrophe, &amp;amp; an ampersand; restricted and decision items count."""
    (m,) = moderngov.parse(EXECUTIVE.read_bytes(), "exec")
    assert m.time == time(14, 30)  # "2.30 pm"
    assert (m.decision_items, m.restricted_items) == (2, 1)
    titles = [p.title for p in m.papers]
    assert titles[0] == "Report of the Strategic Director 'Children's Services' & Education"
    assert [p.restricted for p in m.papers] == [False, False, True]
    assert [p.decision_attachment for p in m.papers] == [False, True, False]
    assert m.papers[0].item_title == "Children's Services Capital Programme"


@pytest.mark.parametrize(
    ("text", "want"),
    [("10.00 am", time(10, 0)), ("2.30 pm", time(14, 30)), ("12.00 pm", time(12, 0)),
     ("12.15 am", time(0, 15)), ("10:00 a.m.", time(10, 0)), ("14:00", time(14, 0)),
     ("", None), ("\n      ", None), ("tba", None), ("25:00", None)],
)  # fmt: skip
def test_meeting_times(text, want):
    assert moderngov.parse_time(text) == want


def test_dates_are_day_first_and_checked():
    assert moderngov.parse_dmy("02/02/2026") == date(2026, 2, 2)
    assert moderngov.parse_dmy("1/3/2026") == date(2026, 3, 1)  # 1 March, never 3 January
    with pytest.raises(ValueError, match="not a real date"):
        moderngov.parse_dmy("31/02/2026")
    with pytest.raises(ValueError, match="expected dd/mm/yyyy"):
        moderngov.parse_dmy("2026-02-02")
    # Digits of other scripts (a fullwidth 1, Arabic-Indic digits) are refused, as in a CSV.
    for text in ("\uff113/01/2026", "\u0661\u0663/01/2026"):
        with pytest.raises(ValueError, match="expected dd/mm/yyyy"):
            moderngov.parse_dmy(text)
    assert moderngov.parse_time("\uff110:00") is None


def test_empty_elements_are_empty_text():
    assert moderngov.text_of("\n      ") == ""
    assert moderngov.text_of(None) == ""
    assert moderngov.text_of("Children&#39;s  services") == "Children's services"


def test_an_empty_meetingdate_is_a_row_error_not_a_crash():
    xml = MEETING_4967.read_bytes().replace(
        b"<meetingdate>10/02/2026</meetingdate>", b"<meetingdate>\n</meetingdate>", 1
    )
    (row,) = _rows_from_bytes(xml)
    assert row.errors == ("meeting 4967 has no meetingdate; expected dd/mm/yyyy",)


def _rows_from_bytes(data, names=COUNCIL_NAMES, required=("meeting",)):
    return list(moderngov.rows([("x.xml", data)], names, required))


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"<?xml version='1.0'?><committees><committee/></committees>", "root element <committees>"),
     (b"<getmeetings><meeting>", "not well-formed XML"),
     (b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "b">]><meeting/>', "document type"),
     (b'<?xml version="1.0"?><!--' + b" " * 70000 + b'--><!doctype m [<!ENTITY a "b">]><meeting/>', "document type"),
     (b"<getmeetings></getmeetings>", "lists no meetings"),
     # An encoding Python does not know, or one that is no text encoding: was a traceback.
     (b'<?xml version="1.0" encoding="bogus-enc"?>\n<meeting/>', r"encoding 'bogus-enc'"),
     (b'<?xml version="1.0" encoding="rot13"?><meeting/>', r"encoding 'rot13'")],
)  # fmt: skip
def test_files_that_are_not_meetings_are_input_errors(data, message):
    with pytest.raises(InputError, match=message):
        _rows_from_bytes(data)


def test_detected_by_content_and_by_extension():
    head = MEETING_4967.read_bytes()[:8192]
    assert detect_format("", head) == "moderngov"  # stdin: by content
    assert detect_format("meetings.txt", head) == "moderngov"
    assert detect_format("x.xml", b"<anything/>") == "moderngov"  # then refused with a reason
    assert detect_format("", b"<html><body>") == "csv"  # not ModernGov: left to the CSV reader


# -- mapping to the packs' names ----------------------------------------------------------------


def test_council_pack_cells():
    """england-council: the meeting, and the last public paper's day as agenda_published."""
    (row,) = _rows(MEETING_4967)
    assert row.errors == ()
    assert {k: v for k, v in row.cells.items() if k != "item"} == {
        "meeting": "2026-02-10",
        "agenda_published": "2026-02-02",
    }
    assert row.cells["item"].startswith("Audit Committee, 10/02/2026 10.00 am (meeting 4967)")


def test_executive_pack_cells_decision_and_private_meeting():
    """england-executive: decision items give `decision`, the restricted item `private_meeting`;
    the public report is judged alone, the exempt appendix only for members' access, and the
    decision notice (published after the meeting) not at all."""
    (row,) = _rows(EXECUTIVE, names=EXECUTIVE_NAMES, required=("received", "decision"))
    assert row.errors == ()
    assert {k: v for k, v in row.cells.items() if k != "item"} == {
        "meeting": "2026-03-17",
        "decision": "2026-03-17",
        "private_meeting": "2026-03-17",
        "meeting_notice": "2026-03-09",
        "report_published": "2026-03-09",
        "member_access": "2026-03-10",
    }
    assert "1 restricted item" in row.cells["item"]


def test_directory_merges_the_list_with_the_details_in_date_order():
    """The list names both meetings; the GetMeeting answers replace its entries."""
    rows = _rows(*sorted(MANCHESTER.glob("*.xml")))
    assert [r.row for r in rows] == [1, 2]
    assert rows[0].errors == (
        "meeting 4966 on 13/01/2026 was cancelled (meetingstatus 'Cancelled'): skipped, "
        "nothing to judge",
    )
    assert rows[1].errors == ()
    assert rows[1].cells["agenda_published"] == "2026-02-02"


# -- deadlines check, end to end ---------------------------------------------------------------


def test_manchester_papers_met_with_nothing_to_spare(invoke):
    """Meeting Tue 10 Feb 2026, papers published Mon 2 Feb 2026.

    Clear working days strictly between them (no bank holiday in February 2026):
    Tue 3, Wed 4, Thu 5, Fri 6, (Sat 7, Sun 8 skipped), Mon 9 = five. Mon 2 Feb is the last
    day that leaves five clear working days: met, 0 to spare.
    """
    assert between("england-and-wales", date(2026, 2, 2), date(2026, 2, 10)) == 5  # oracle
    result = invoke("check", MEETING_4967, "--pack", "england-council", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows, summary = _jsonl(result)
    assert summary == {"read": 1, "ok": 1, "failing": 0, "errored": 0}
    agenda = next(d for d in rows[0]["deadlines"] if d["id"] == "council-agenda")
    assert (agenda["date"], agenda["actual"], agenda["status"]) == (
        "2026-02-02",
        "2026-02-02",
        "met",
    )
    assert agenda["margin"] == {"value": 0, "unit": "working-days"}
    summons = next(d for d in rows[0]["deadlines"] if d["id"] == "council-summons")
    assert summons["status"] == "pending"  # ModernGov does not record the summons


def test_manchester_papers_one_day_later_missed(invoke):
    """The Work Programme paper on Tue 3 Feb 2026 leaves Wed 4, Thu 5, Fri 6, Mon 9: four clear
    working days, one short. Missed by 1 working day; the item names the late paper."""
    assert between("england-and-wales", date(2026, 2, 3), date(2026, 2, 10)) == 4  # oracle
    result = invoke("check", LATE_4967, "--pack", "england-council", "--format", "jsonl")
    assert result.exit_code == 1
    rows, summary = _jsonl(result)
    assert summary == {"read": 1, "ok": 0, "failing": 1, "errored": 0}
    assert rows[0]["missed"] == ["council-agenda"]
    agenda = rows[0]["deadlines"][0]
    assert (agenda["actual"], agenda["margin"]["value"]) == ("2026-02-03", -1)
    assert "DRAFT WP FEBRUARY 2026" in rows[0]["item"]


def test_wales_pack_reads_the_same_meeting(invoke):
    result = invoke("check", MEETING_4967, "--pack", "wales", "--format", "json")
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.stdout)["rows"]
    assert row["deadlines"][0]["status"] == "met"


def test_fetched_directory_reports_the_cancelled_meeting_never_drops_it(invoke):
    result = invoke("check", MANCHESTER, "--pack", "england-council", "--format", "jsonl")
    assert result.exit_code == 1  # the cancelled meeting is a row with an error
    rows, summary = _jsonl(result)
    assert summary == {"read": 2, "ok": 1, "failing": 0, "errored": 1}
    assert "cancelled" in rows[0]["errors"][0]["message"]
    assert rows[1]["ok"] is True


def test_meetings_without_an_id_are_never_merged(invoke, tmp_path):
    """A meeting with no <meetingid> is still a meeting: two of them are two rows (they were
    merged into one, as if one id, the empty one, named both)."""
    text = (MANCHESTER / "getmeetings-144.xml").read_text(encoding="utf-8")
    bare = re.sub(r"<meetingid>[0-9]*</meetingid>", "", text)
    assert bare != text
    path = tmp_path / "noid.xml"
    path.write_text(bare, encoding="utf-8")
    result = invoke("check", path, "--pack", "england-council", "--format", "jsonl")
    rows, summary = _jsonl(result)
    assert summary["read"] == 2
    assert all("no meeting id" in r["item"] for r in rows)


def test_executive_meeting_with_restricted_item(invoke):
    """Executive meeting Tue 17 Mar 2026. Five clear working days before it: Mon 16, Fri 13,
    Thu 12, Wed 11, Tue 10 Mar, so the last permitted day is Mon 9 Mar 2026.
    Public report on Mon 9 Mar: met, 0 to spare (decision-report-publication and the meeting
    notice). Exempt appendix on Tue 10 Mar: members' access missed by one working day. The
    private-meeting notices are not in ModernGov: pending, with their dates shown.
    28 clear days before Tue 17 Mar: the 28 days Feb 17 .. Mar 16 are clear, so notice by
    Mon 16 Feb 2026."""
    result = invoke("check", EXECUTIVE, "--format", "jsonl")
    assert result.exit_code == 1
    rows, _ = _jsonl(result)
    by_id = {d["id"]: d for d in rows[0]["deadlines"]}
    assert by_id["decision-report-publication"]["date"] == "2026-03-09"
    assert by_id["decision-report-publication"]["status"] == "met"
    assert by_id["decision-report-publication"]["margin"]["value"] == 0
    assert by_id["exec-meeting-notice"]["status"] == "met"
    member = by_id["member-access"]
    assert (member["status"], member["margin"]["value"]) == ("missed", -1)
    assert by_id["private-meeting-28"]["date"] == "2026-02-16"
    assert by_id["private-meeting-28"]["status"] == "pending"
    assert by_id["private-meeting-5"]["date"] == "2026-03-09"
    assert rows[0]["missed"] == ["member-access"]


def test_meeting_without_documents_is_a_row_error(invoke):
    result = invoke("check", NO_DOCUMENTS, "--pack", "england-council", "--format", "jsonl")
    assert result.exit_code == 1
    rows, summary = _jsonl(result)
    assert summary["errored"] == 1
    assert [e["message"] for e in rows[0]["errors"]] == [
        "meeting 5200 on 24/03/2026 has no documents (no linked papers on its 1 agenda item); "
        "expected the published papers"
    ]


def test_committee_meeting_under_the_executive_pack_says_which_pack(invoke):
    result = invoke("check", MEETING_4967, "--format", "jsonl")
    assert result.exit_code == 1
    rows, _ = _jsonl(result)
    assert "has no decision items" in rows[0]["errors"][0]["message"]
    assert "--pack england-council" in rows[0]["errors"][0]["message"]


def test_a_pack_without_meetings_is_exit_2(invoke):
    result = invoke("check", MEETING_4967, "--pack", "information-requests")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith("Error: ModernGov input needs")


def test_stdin_and_input_format_option(invoke):
    data = MEETING_4967.read_bytes()
    result = invoke("check", "-", "--pack", "england-council", "--format", "json", input=data)
    assert result.exit_code == 0, result.output
    result = invoke(
        "check", "-", "--input-format", "moderngov", "--pack", "england-council", input=data
    )
    assert result.exit_code == 0


def test_a_directory_without_xml_is_exit_2(invoke, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    result = invoke("check", tmp_path)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr.splitlines()[-1]


def test_malformed_xml_file_is_exit_2_with_the_file_named(invoke, tmp_path):
    bad = tmp_path / "meeting-1.xml"
    bad.write_bytes(b'<?xml version="1.0"?>\n<meeting><meetingid>1</meeting>')
    result = invoke("check", bad, "--pack", "england-council")
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert "not well-formed XML" in last
    assert str(bad) in last


def test_a_directory_names_the_bad_file(invoke, tmp_path):
    shutil.copy(MEETING_4967, tmp_path / "meeting-4967.xml")
    (tmp_path / "meeting-9.xml").write_bytes(b"<meeting>")
    result = invoke("check", tmp_path, "--pack", "england-council")
    assert result.exit_code == 2
    assert "meeting-9.xml" in result.stderr.splitlines()[-1]


# -- robustness --------------------------------------------------------------------------------


_TEXTS = st.sampled_from(
    ["", " ", "\n  ", "True", "False", "32/13/2026", "10/02/2026", "1/1/1900", "&amp;#39;",
     "&lt;b&gt;", "Cancelled", "Confirmed", "x" * 300, "10.00 am", "99.99 pm", "-1"]
)  # fmt: skip
_FIELDS = st.sampled_from(
    ["meetingdate", "meetingstatus", "meetingtime", "publicationdate", "isrestricted",
     "isdecision", "isdecisionattachment", "meetingid", "title", "agendaitemtitle"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(_FIELDS, _TEXTS), max_size=6),
    st.sampled_from(sorted(FIXTURES.rglob("*.xml"))),
)
def test_changed_fields_give_rows_or_a_clear_input_error(changes, path):
    """Any field of a real response changed to odd text: rows with errors, never a crash."""
    import re

    data = path.read_text(encoding="utf-8")
    for field, text in changes:
        data = re.sub(f"<{field}>[^<]*</{field}>", f"<{field}>{text}</{field}>", data, count=1)
    try:
        rows = _rows_from_bytes(data.encode(), EXECUTIVE_NAMES, ("received", "decision"))
    except InputError as e:
        message = str(e)
        rows = []
    else:
        message = "rows"
    assert message
    for row in rows:
        assert row.row >= 1
        assert isinstance(row.cells.get("item", ""), str)
        assert all(isinstance(e, str) and e for e in row.errors)


def test_a_nul_byte_in_a_saved_response_is_refused_not_read_as_two(invoke, tmp_path):
    """A directory's files are joined by NUL: a NUL inside one split it, and the file after it
    was silently dropped (exit 0). Refused as binary, naming the file; so is a single file
    with a NUL past the first 8 KB (it was read as two documents)."""
    folder = tmp_path / "saved"
    folder.mkdir()
    (folder / "a.xml").write_bytes(MEETING_4967.read_bytes() + b"\0" + MEETING_4967.read_bytes())
    (folder / "b.xml").write_bytes((MANCHESTER / "meeting-4966.xml").read_bytes())
    result = invoke("check", folder, "--pack", "england-council")
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert "a.xml' is binary (it has NUL bytes)" in last
    single = tmp_path / "late-nul.xml"
    single.write_bytes(MEETING_4967.read_bytes() + b" " * 9000 + b"\0" + b"<x/>")
    result = invoke("check", single, "--pack", "england-council")
    assert result.exit_code == 2
    assert "is binary (it has NUL bytes)" in result.stderr.strip().splitlines()[-1]


def test_two_getmeeting_responses_for_one_id_that_disagree_are_both_kept_as_errors(
    invoke, tmp_path
):
    """Meeting 4967 saved twice, once with another date (two councils' responses in one
    directory): one was dropped silently (read 1, exit 0). Both are rows now, each naming the
    conflict and neither judged (exit 1); the same response saved twice is still one row."""
    folder = tmp_path / "saved"
    folder.mkdir()
    text = MEETING_4967.read_text(encoding="utf-8")
    (folder / "a.xml").write_text(text, encoding="utf-8")
    (folder / "b.xml").write_text(
        text.replace(
            "<meetingdate>10/02/2026</meetingdate>", "<meetingdate>10/03/2026</meetingdate>", 1
        ),
        encoding="utf-8",
    )
    result = invoke("check", folder, "--pack", "england-council", "--format", "jsonl")
    assert result.exit_code == 1, result.output
    rows, summary = _jsonl(result)
    assert summary == {"read": 2, "ok": 0, "failing": 0, "errored": 2}
    for row in rows:
        (error,) = row["errors"]
        assert error["message"].startswith(
            "meeting 4967 is described by two GetMeeting responses that disagree"
        )
        assert "10/02/2026" in error["message"]
        assert "10/03/2026" in error["message"]
    (folder / "b.xml").write_text(text, encoding="utf-8")  # the same answer twice: one row
    result = invoke("check", folder, "--pack", "england-council", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert _jsonl(result)[1]["read"] == 1


def test_the_same_response_twice_after_the_list_is_one_row(invoke, tmp_path):
    """The GetMeetings list first, then one GetMeeting response saved twice, naming no
    committee: the first copy takes the list's committee name, and the second (the same
    response) was then taken for a conflicting one; it is one judged row."""
    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copy(MANCHESTER / "getmeetings-144.xml", folder / "a-list.xml")
    text = re.sub(
        r"<(refertocommittee|committeetitle)>[^<]*</\1>", "", MEETING_4967.read_text("utf-8")
    )
    assert "Audit Committee<" not in text
    (folder / "b.xml").write_text(text, encoding="utf-8")
    (folder / "c-copy.xml").write_text(text, encoding="utf-8")
    result = invoke("check", folder, "--pack", "england-council", "--format", "jsonl")
    rows, summary = _jsonl(result)
    assert summary["read"] == 2  # 4966 (cancelled, from the list) and 4967
    (meeting,) = [r for r in rows if "4967" in r["item"]]
    assert meeting["errors"] == []
    assert meeting["item"].startswith("Audit Committee, 10/02/2026")
