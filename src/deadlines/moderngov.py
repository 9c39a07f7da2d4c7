"""ModernGov meetings as calendar rows: GetMeetings / GetMeeting XML in, check.RawRow out.

ModernGov's public web service (mgWebService.asmx) answers `GetMeetings` (a committee's meetings
between two dates: id, date dd/mm/yyyy, time "10.00 am", status Confirmed or Cancelled) and
`GetMeeting` (one meeting's agenda items, each with `isrestricted` and `isdecision`, and their
linked documents with a `publicationdate`). Each meeting becomes one row, in date order.

The cells are named by the pack's own events and actual names (only those the pack has):

  meeting                 the meeting date (england-council, wales, england-executive)
  agenda_published        the last public paper's publication date (council-agenda)
  meeting_notice          the same, for an executive meeting (exec-meeting-notice)
  decision                the meeting date, when an item is a decision (england-executive)
  report_published        the last public paper's publication date (decision-report-publication)
  member_access           the last paper's publication date, restricted ones included
  private_meeting         the meeting date, when an item is restricted (private-meeting rules)

The papers are judged by the last one published: the agenda is complete only when every paper
is out, and the row's item names that paper. Decision attachments (published after the meeting)
are not papers for it. ModernGov does not record summons or private-meeting notices, so those
rules stay pending. A cancelled meeting, a meeting without papers, and a meeting with no
decision items under a pack that judges decisions are rows with an error saying so, never
dropped. A pack without meeting events cannot read ModernGov at all (InputError, exit 2).

Quirks of the service handled here: entities encoded twice (`&amp;#39;` for an apostrophe),
dd/mm/yyyy dates, "10.00 am" times, elements holding only whitespace (read as empty). A document
type declaration is refused: no entity expansion from untrusted input.

Pure: bytes in, records out. No network, no files (check.py opens them; fetch.py saves them).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, time
from typing import NamedTuple

from deadlines.check import RawRow
from deadlines.errors import InputError

ROOTS = ("getmeetings", "meeting")  # GetMeetings and GetMeeting responses
# ASCII digits only, as for every other date the tool reads (Python's \d matches any script's).
_DMY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})", re.ASCII)
_TIME = re.compile(r"(\d{1,2})[.:](\d{2})\s*([ap])\.?m\.?", re.IGNORECASE | re.ASCII)
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)  # the service sends none
_ENCODING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']*)""")  # its declared encoding
_ROOT = re.compile(rb"<\s*(getmeetings|meeting|committees)[\s>/]", re.IGNORECASE)

# The actual names filled from the papers' publication dates (pack names, see the docstring).
_PUBLIC_ACTS = ("agenda_published", "meeting_notice")
_DECISION_ACTS = ("report_published",)
_ALL_PAPERS_ACTS = ("member_access",)


class Paper(NamedTuple):
    """One linked document of an agenda item."""

    title: str
    published: date | None
    restricted: bool
    decision_attachment: bool
    item_title: str
    item_decision: bool


class Meeting(NamedTuple):
    """One meeting as the service describes it."""

    id: str
    committee: str
    date: date | None
    time: time | None
    status: str
    items: int  # agenda items listed (0 in a GetMeetings list)
    decision_items: int
    restricted_items: int
    papers: tuple[Paper, ...]
    detailed: bool  # from a GetMeeting response (with its agenda), not only a list
    line: int
    errors: tuple[str, ...] = ()


def looks_like(head: bytes) -> bool:
    """Is this the start of a ModernGov response (XML with a ModernGov root element)?"""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"<"):
        return False
    return _ROOT.search(text[:4096]) is not None


def text_of(value: str | None) -> str:
    """An element's text: whitespace-only is empty; entities encoded twice are decoded once more."""
    if value is None:
        return ""
    value = " ".join(value.split())
    if "&" in value:
        value = html.unescape(value)  # "&amp;#39;" arrives from the parser as "&#39;"
    return value


def parse_dmy(text: str) -> date:
    """dd/mm/yyyy (the service's only date form) as a date; ValueError otherwise."""
    m = _DMY.fullmatch(text.strip())
    if not m:
        msg = f"{text!r} is not a date; expected dd/mm/yyyy"
        raise ValueError(msg)
    try:
        return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as e:
        msg = f"{text!r} is not a real date ({e}); expected dd/mm/yyyy"
        raise ValueError(msg) from None


def parse_time(text: str) -> time | None:
    """'10.00 am', '2.30 pm', '14:00' as a time; empty or unreadable text is None."""
    value = text.strip()
    m = _TIME.fullmatch(value)
    if m:
        hour, minute = int(m[1]) % 12, int(m[2])
        if m[3].lower() == "p":
            hour += 12
        return time(hour, minute) if minute < 60 else None
    m = re.fullmatch(r"(\d{1,2})[.:](\d{2})", value, re.ASCII)
    if m and int(m[1]) < 24 and int(m[2]) < 60:
        return time(int(m[1]), int(m[2]))
    return None


def _bool(text: str) -> bool:
    return text.strip().lower() == "true"


def _child(element, name: str) -> str:
    found = element.find(name)
    return text_of(found.text if found is not None else None)


def parse(data: bytes, where: str) -> list[Meeting]:
    """The meetings of one GetMeetings or GetMeeting response; InputError if it is neither."""
    import xml.etree.ElementTree as ET

    if _DTD.search(data):
        msg = f"{where} has a document type declaration; expected a ModernGov XML response"
        raise InputError(msg)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        msg = f"{where}: not well-formed XML ({e}); expected a ModernGov XML response"
        raise InputError(msg) from None
    except LookupError:  # the declaration names an encoding Python has no text codec for
        named = _ENCODING.search(data)
        shown = repr(named.group(1).decode("ascii", "replace")[:40]) if named else "it names"
        msg = (
            f"{where}: the XML declaration's encoding {shown} is not one Python can read; "
            "expected a ModernGov XML response in UTF-8"
        )
        raise InputError(msg) from None
    tag = root.tag.lower()
    lines = _Lines(data)
    if tag == "meeting":
        # A GetMeeting response names its committee only on its items and papers.
        committee = _child(root, "committeetitle")
        for name in ("agendaitems/agendaitem/refertocommittee", ".//linkeddoc/committeetitle"):
            committee = committee or _child(root, name)
        return [_meeting(root, committee, True, lines)]
    if tag == "getmeetings":
        out = []
        for group in root.iter("committee"):
            title = _child(group, "committeetitle")
            for m in group.iter("meeting"):
                out.append(_meeting(m, title, False, lines))
        return out
    msg = (
        f"{where}: root element <{root.tag}> is not a meetings response; expected ModernGov "
        "GetMeetings (<getmeetings>) or GetMeeting (<meeting>)"
    )
    raise InputError(msg)


class _Lines:
    """The line each meeting id appears on, for annotations (ElementTree keeps no positions)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def of(self, meeting_id: str) -> int:
        i = self.data.find(f"<meetingid>{meeting_id}<".encode())
        return 1 if i < 0 else self.data.count(b"\n", 0, i) + 1


def _meeting(element, committee: str, detailed: bool, lines: _Lines) -> Meeting:
    errors: list[str] = []
    meeting_id = _child(element, "meetingid")
    day = None
    text = _child(element, "meetingdate")
    if not text:
        errors.append(f"meeting {meeting_id or '?'} has no meetingdate; expected dd/mm/yyyy")
    else:
        try:
            day = parse_dmy(text)
        except ValueError as e:
            errors.append(f"meeting {meeting_id or '?'}: meetingdate {e}")
    papers: list[Paper] = []
    items = decisions = restricted = 0
    for item in element.iter("agendaitem"):
        items += 1
        item_title = _child(item, "agendaitemtitle")
        is_decision = _bool(_child(item, "isdecision"))
        item_restricted = _bool(_child(item, "isrestricted"))
        decisions += is_decision
        doc_restricted = False
        for doc in item.iter("linkeddoc"):
            published = None
            when = _child(doc, "publicationdate")
            if when:
                try:
                    published = parse_dmy(when)
                except ValueError as e:
                    errors.append(f"meeting {meeting_id}: publicationdate {e}")
            is_restricted = item_restricted or _bool(_child(doc, "isrestricted"))
            doc_restricted = doc_restricted or is_restricted
            papers.append(
                Paper(
                    _child(doc, "title"),
                    published,
                    is_restricted,
                    _bool(_child(doc, "isdecisionattachment")),
                    item_title,
                    is_decision,
                )
            )
        restricted += item_restricted or doc_restricted
    return Meeting(
        meeting_id,
        committee or _child(element, "committeetitle"),
        day,
        parse_time(_child(element, "meetingtime")),
        _child(element, "meetingstatus"),
        items,
        decisions,
        restricted,
        tuple(papers),
        detailed,
        lines.of(meeting_id),
        tuple(errors),
    )


def merge(meetings: Iterable[Meeting]) -> list[Meeting]:
    """One meeting per id, its GetMeeting details preferred to a list entry; in date order.
    A meeting with no id is kept as it is: nothing says which other entry it is."""
    by_id: dict[object, Meeting] = {}
    for n, m in enumerate(meetings):
        key: object = m.id if m.id else n  # never two id-less meetings under one key
        seen = by_id.get(key)
        if seen is not None and m.detailed and seen.detailed:
            # Two GetMeeting answers for one id: the same answer twice is one meeting (the
            # first may have taken the list's committee name); two that disagree (two
            # councils' responses, or two fetches, in one directory) are both kept as rows,
            # neither judged.
            again = m if m.committee else m._replace(committee=seen.committee)
            if _differ(seen, again):
                why = _conflict(seen, again)
                by_id[key] = seen._replace(errors=(*seen.errors, why))
                by_id[(key, n)] = again._replace(errors=(*again.errors, why))
            continue
        if seen is None or (m.detailed and not seen.detailed):
            keep = m
            if seen is not None and not m.committee:
                keep = m._replace(committee=seen.committee)
            by_id[key] = keep
    return sorted(by_id.values(), key=lambda m: (m.date or date.max, m.id))


def _differ(a: Meeting, b: Meeting) -> bool:
    return a._replace(line=0, errors=()) != b._replace(line=0, errors=())


def _conflict(a: Meeting, b: Meeting) -> str:
    return (
        f"{_named(a)} is described by two GetMeeting responses that disagree ({_when(a)}; "
        f"{_when(b)}): neither is judged; expected one response per meeting (two councils' "
        "or two fetches' responses in one directory?)"
    )


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _label(m: Meeting) -> str:
    return f"{_when(m)} ({_named(m)})"


def _when(m: Meeting) -> str:
    """ "Audit Committee, 10/02/2026 10.00 am"."""
    when = _dmy(m.date) if m.date else "no date"
    if m.time is not None:
        hour = m.time.hour % 12 or 12
        when += f" {hour}.{m.time.minute:02d} {'am' if m.time.hour < 12 else 'pm'}"
    return f"{m.committee or 'Meeting'}, {when}"


def _named(m: Meeting) -> str:
    """ "meeting 4966", or "no meeting id" for a meeting whose <meetingid> is missing."""
    return f"meeting {m.id}" if m.id else "no meeting id"


def _unjudgeable(m: Meeting, papers: list[Paper]) -> str | None:
    """Why a meeting cannot be judged (cancelled, no papers, ...), or None."""
    on = f"{_named(m)} on {_dmy(m.date) if m.date else '?'}"
    if m.status.lower() == "cancelled":
        return f"{on} was cancelled (meetingstatus 'Cancelled'): skipped, nothing to judge"
    if not m.detailed:
        return (
            f"{on} has no documents: a GetMeetings list does not carry them; expected its "
            "GetMeeting response too (deadlines moderngov fetch saves both)"
        )
    if not papers:
        s = "" if m.items == 1 else "s"
        return (
            f"{on} has no documents (no linked papers on its {m.items} agenda item{s}); "
            "expected the published papers"
        )
    undated = [p.title for p in papers if p.published is None]
    if undated:
        return f"{_named(m)}: document {undated[0]!r} has no publicationdate; expected dd/mm/yyyy"
    return None


def cells_for(m: Meeting, names: Sequence[str], required: Sequence[str]) -> tuple[dict, list]:
    """The row's cells under the pack's names, and the row's errors."""
    errors = list(m.errors)
    label = _label(m)
    cells: dict[str, str] = {"item": label}
    papers = [p for p in m.papers if not p.decision_attachment]
    why = None if errors else _unjudgeable(m, papers)
    if why:
        errors.append(why)
    if errors or m.date is None:
        return cells, errors
    known = set(names)
    public = [p for p in papers if not p.restricted]
    last_public = max(public, key=_published) if public else None
    last_any = max(papers, key=_published)
    events = {"meeting": True, "decision": m.decision_items, "private_meeting": m.restricted_items}
    for name, present in events.items():
        if name in known and present:
            cells[name] = m.date.isoformat()
    acts: dict[str, Paper | None] = dict.fromkeys(_PUBLIC_ACTS, last_public)
    if "decision" in cells:
        acts.update(dict.fromkeys(_DECISION_ACTS, last_public))
    acts.update(dict.fromkeys(_ALL_PAPERS_ACTS, last_any))
    for name, paper in acts.items():
        if name in known and paper is not None and paper.published is not None:
            cells[name] = paper.published.isoformat()
    if last_public is not None and last_public.published is not None:
        n = len(public)
        cells["item"] = (
            f"{label}: {n} public paper{'' if n == 1 else 's'}, the last published "
            f"{_dmy(last_public.published)} ({last_public.title})"
        )
    if m.restricted_items:
        s = "" if m.restricted_items == 1 else "s"
        cells["item"] += f"; {m.restricted_items} restricted item{s}"
    if not any(r in cells for r in required):
        wanted = " or ".join(repr(r) for r in required)
        reason = (
            "has no decision items (isdecision)"
            if "decision" in required
            else ("gives none of the pack's events")
        )
        errors.append(
            f"{_named(m)} on {_dmy(m.date)} {reason}; the pack's rules need a {wanted} date "
            "(for committee meetings, expected --pack england-council)"
        )
    return cells, errors


def rows(
    documents: Iterable[tuple[str, bytes]], names: Sequence[str], required: Sequence[str]
) -> Iterator[RawRow]:
    """One RawRow per meeting of the documents (name, bytes), in date order.

    `names`: the pack's event and actual names; `required`: the events a row needs one of.
    """
    if "meeting" not in names and "decision" not in names:
        msg = (
            "ModernGov input needs a pack with meeting rules; expected --pack england-council, "
            "wales or england-executive"
        )
        raise InputError(msg)
    found: list[Meeting] = []
    for where, data in documents:
        found.extend(parse(data, where))
    if not found:
        msg = "the ModernGov input lists no meetings; expected at least one <meeting>"
        raise InputError(msg)
    for n, m in enumerate(merge(found), 1):
        cells, errors = cells_for(m, names, required)
        yield RawRow(n, m.line, cells, tuple(errors))


def _published(paper: Paper) -> date:
    """A paper's publication day, for ordering (papers without one come first)."""
    return paper.published or date.min
