"""CSV and iCalendar exports of a `compute` result. Both are byte-for-byte reproducible.

CSV: one row per deadline under the header `CSV_HEADER` (documented in the README; columns are
only ever added at the end). ICS: one all-day event per deadline on its safe working day, built
with the `icalendar` library (imported only here). UIDs and DTSTAMP are derived from the rule
and the inputs, never from the clock, so the same inputs give the same bytes and a calendar that
imports the file twice updates its events instead of doubling them.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import UTC, datetime, timedelta

from deadlines._version import __version__
from deadlines.records import Deadline, Result
from deadlines.safe import csv_cell
from deadlines.safe import ics as _ics
from deadlines.wording import fmt

CSV_HEADER = (
    "id",
    "title",
    "date",
    "weekday",
    "working_day",
    "relation",
    "reference_event",
    "reference_date",
    "length",
    "unit",
    "counting",
    "period",
    "source",
    "actual",
    "status",
    "margin",
    "margin_unit",
    "planned",
    "other_readings",
    "notes",
    "region",
    "holidays",
)


def _iso(d) -> str:
    return "" if d is None else d.isoformat()


def render_csv(result: Result) -> str:
    """One row per deadline; other readings and notes joined with " | " inside their cell."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for d in result.deadlines:
        readings = " | ".join(
            f"{r.counting}: {_iso(r.date)} (working day {_iso(r.working_day)}, {r.status})"
            for r in d.other_readings
        )
        writer.writerow(
            map(
                csv_cell,
                (
                    d.id,
                    d.title,
                    _iso(d.date),
                    f"{d.date:%A}" if d.date else "",
                    _iso(d.working_day),
                    d.relation,
                    d.reference_event,
                    _iso(d.reference_date),
                    d.length,
                    d.unit,
                    d.counting,
                    d.period_words,
                    d.source,
                    _iso(d.actual),
                    d.status,
                    "" if d.margin is None else d.margin,
                    d.margin_unit or "",
                    "true" if d.planned else "false",
                    readings,
                    " | ".join(d.notes),
                    d.region or result.region,
                    result.holidays_source,
                ),
            )
        )
    return out.getvalue()


def event_uid(result: Result, d: Deadline) -> str:
    """Stable per rule and inputs: the same deadline from the same inputs keeps its UID."""
    key = "|".join(
        (
            result.region,
            d.id,
            d.counting,
            d.reference_event,
            _iso(d.reference_date),
            *(f"{k}={_iso(v)}" for k, v in sorted(result.inputs.items())),
        )
    )
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@deadlines"


def _description(result: Result, d: Deadline) -> str:
    relation = "on or before" if d.relation == "on-or-before" else "on or after"
    lines = [
        f"{d.title} ({d.id}): {relation} {fmt(d.date)}, the legal boundary.",
        f"Rule: {d.period_words} ({d.counting}); {d.reference_event} {fmt(d.reference_date)}.",
        f"Source: {d.source}.",
    ]
    if d.working_day != d.date:
        lines.append(
            f"The boundary is not a working day; the safe working day is {fmt(d.working_day)}."
        )
    if d.actual is not None:
        lines.append(f"Done {fmt(d.actual)}: {d.status}.")
    lines += d.notes
    lines.append(f"Region {result.region}; bank holidays: {result.holidays_source}.")
    return "\n".join(_ics(line, newlines=False) for line in lines)


def render_ics(result: Result) -> bytes:
    """An iCalendar file: one all-day event per deadline, on its safe working day."""
    import icalendar  # lazy: only the ics format pays for it

    cal = icalendar.Calendar()
    cal.add("prodid", f"-//deadlines//deadlines {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", f"Statutory deadlines ({result.region})")
    for d in result.deadlines:
        if d.working_day is None:  # not in force, or its clock stopped: no day to put it on
            continue
        event = icalendar.Event()
        event.add("uid", event_uid(result, d))
        # DTSTAMP must be a UTC date-time; the reference date at midnight keeps it reproducible.
        stamp = datetime(
            d.reference_date.year, d.reference_date.month, d.reference_date.day, tzinfo=UTC
        )
        event.add("dtstamp", stamp)
        event.add("dtstart", d.working_day)
        event.add("dtend", d.working_day + timedelta(days=1))
        prefix = "PLANNED: " if d.planned else ""
        when = "by" if d.relation == "on-or-before" else "from"
        event.add(
            "summary", _ics(f"{prefix}{d.title} ({when} {fmt(d.working_day)})", newlines=False)
        )
        event.add("description", _description(result, d))
        event.add("categories", ["deadlines", _ics(d.id, newlines=False)])
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
