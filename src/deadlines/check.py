"""Checking a governance calendar: every input row in, exactly one result row out, in order.

A calendar is CSV with a header, a JSON list of objects, or JSON Lines (see `deadlines check
--help`). CSV and JSON Lines are read as a stream, so memory does not grow with the file. A row
that cannot be read still yields a result, with `errors` naming the column and the value; a file
that cannot be read at all (or has no data rows, or lacks both required columns) raises
InputError, exit 2.

Nothing here prints or reaches for the process's streams: the caller passes the input stream in,
`Checker.rows` yields RowResult records, and the renderers (render/check.py) write them out.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import BinaryIO, NamedTuple

from deadlines import holiday_data
from deadlines.calendar import REGIONS
from deadlines.engine import Engine
from deadlines.errors import DeadlinesError, InputError
from deadlines.records import Deadline
from deadlines.rules import RuleSet

REQUIRED_ANY = ("received", "decision")
_REGIONS = frozenset(REGIONS)

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MAX_JSON = 256 * 1024 * 1024  # a JSON list is read whole: refuse absurd sizes clearly


class RawRow(NamedTuple):
    """One data row as read: 1-based row number, line in the file, cells, read errors."""

    row: int
    line: int
    cells: Mapping[str, object]
    errors: tuple[str, ...] = ()


class RowResult(NamedTuple):
    """The check of one row."""

    row: int  # 1-based data row number
    line: int  # line of the row in the input file (for annotations)
    item: str
    region: str
    ok: bool
    deadlines: tuple[Deadline, ...]
    errors: tuple[str, ...]

    @property
    def missed(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.status == "missed")


class Summary:
    """Counts that always add up: read = ok + failing + errored."""

    __slots__ = ("errored", "failing", "ok", "read")

    def __init__(self) -> None:
        self.read = self.ok = self.failing = self.errored = 0

    def add(self, r: RowResult) -> None:
        self.read += 1
        if r.errors:
            self.errored += 1
        elif r.ok:
            self.ok += 1
        else:
            self.failing += 1

    def as_dict(self) -> dict[str, int]:
        return {"read": self.read, "ok": self.ok, "failing": self.failing, "errored": self.errored}


# -- reading ---------------------------------------------------------------------------------


def detect_format(name: str, head: bytes) -> str:
    """csv, json or jsonl: from the file name's extension, else from the first character."""
    lower = name.lower()
    for ext, fmt in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json")):
        if lower.endswith(ext):
            return fmt
    first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    return {b"[": "json", b"{": "jsonl"}.get(first, "csv")


class DateTextError(ValueError):
    """A cell that is not a date; the message says why and what was expected ("is not ...")."""


def parse_date(text: str, dayfirst: bool) -> date:
    """ISO YYYY-MM-DD; with dayfirst also DD/MM/YYYY (UK). Anything else is a DateTextError."""
    value = text.strip()
    m = _ISO.fullmatch(value)
    try:
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
        m = _DMY.fullmatch(value)
        if m and dayfirst:
            return date(int(m[3]), int(m[2]), int(m[1]))
    except ValueError as e:
        msg = f"is not a real date ({e}); expected YYYY-MM-DD"
        raise DateTextError(msg) from None
    if m:
        msg = "is ambiguous; expected YYYY-MM-DD (or pass --dayfirst for DD/MM/YYYY)"
        raise DateTextError(msg)
    msg = "is not a date; expected YYYY-MM-DD" + (" or DD/MM/YYYY" if dayfirst else "")
    raise DateTextError(msg)


class CountingReader(io.RawIOBase):
    """A binary stream that counts the bytes read from it, for a progress bar."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n


def _text(stream: BinaryIO) -> io.TextIOWrapper:
    # utf-8-sig drops an Excel byte-order mark; "replace" keeps a row with bad bytes readable so
    # it can be reported (as a row error) instead of aborting the whole file.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")


def _names(required: tuple[str, ...]) -> str:
    quoted = [repr(c) for c in required]
    return " or ".join(quoted) if len(quoted) <= 2 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _check_columns(columns: list[str], where: str, required: tuple[str, ...]) -> None:
    seen: set[str] = set()
    for c in columns:
        if c in seen and c:
            msg = f"{where}: column {c!r} appears twice in the header; expected each column once"
            raise InputError(msg)
        seen.add(c)
    if not any(c in seen for c in required):
        shown = ", ".join(repr(c) for c in columns[:8]) or "none"
        example = (
            "item,decision,forward_plan,report_published"
            if "decision" in required
            else f"item,{required[0]}"
        )
        msg = (
            f"{where}: no {_names(required)} column (columns: {shown}); expected a header "
            f"with at least one of them, e.g. {example}"
        )
        raise InputError(msg)


def read_csv(
    stream: BinaryIO, where: str, required: tuple[str, ...] = REQUIRED_ANY
) -> Iterator[RawRow]:
    """Rows of a CSV file with a header, streamed; blank lines are not rows."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(_text(stream))
    header = None
    line = 0
    n = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not record or (not record[0].strip() and all(not c.strip() for c in record)):
                continue  # blank
            if header is None:
                header = [c.strip().lower() for c in record]
                _check_columns(header, where, required)
                continue
            n += 1
            errors: tuple[str, ...] = ()
            if len(record) > len(header):
                extra = record[len(header) :]
                if any(c.strip() for c in extra):
                    errors = (
                        f"row has {len(record)} cells but the header has {len(header)}; "
                        f"extra cells {extra[:3]!r}",
                    )
            cells = dict(zip(header, record, strict=False))
            yield RawRow(n, start, cells, errors)
    except csv.Error as e:
        msg = f"{where} line {reader.line_num}: not readable as CSV ({e})"
        raise InputError(msg) from None
    if header is None:
        msg = f"{where} is empty; expected a CSV header and data rows"
        raise InputError(msg)


def read_jsonl(stream: BinaryIO, where: str) -> Iterator[RawRow]:
    """Rows of a JSON Lines file, streamed; blank lines are not rows."""
    n = 0
    for line_no, line in enumerate(_text(stream), 1):
        if not line.strip():
            continue
        n += 1
        try:
            value = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            text = str(e) if isinstance(e, json.JSONDecodeError) else "nested too deeply"
            yield RawRow(n, line_no, {}, (f"line is not JSON ({text}): {line.strip()[:80]!r}",))
            continue
        if not isinstance(value, dict):
            yield RawRow(n, line_no, {}, (f"expected a JSON object, got {_kind(value)}",))
            continue
        yield RawRow(n, line_no, value)
    if n == 0:
        msg = f"{where} has no data rows; expected one JSON object per line"
        raise InputError(msg)


def read_json(stream: BinaryIO, where: str) -> Iterator[RawRow]:
    """Rows of a JSON list of objects, each with the line its object starts on."""
    raw = stream.read(_MAX_JSON + 1)
    if len(raw) > _MAX_JSON:
        msg = f"{where} is larger than 256 MB; expected JSON Lines or CSV for a file this size"
        raise InputError(msg)
    text = raw.decode("utf-8-sig", errors="replace")
    decoder = json.JSONDecoder()
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "[":
        msg = f"{where} is not a JSON list; expected [{{...}}, ...] (one object per row)"
        raise InputError(msg)
    i = _skip_ws(text, i + 1)
    n = 0
    while i < len(text) and text[i] != "]":
        try:
            value, end = decoder.raw_decode(text, i)
        except json.JSONDecodeError as e:
            msg = f"{where} line {e.lineno}: not valid JSON ({e.msg}); expected a list of objects"
            raise InputError(msg) from None
        except RecursionError:
            msg = f"{where}: JSON nested too deeply; expected a list of flat objects"
            raise InputError(msg) from None
        n += 1
        line = text.count("\n", 0, i) + 1
        if isinstance(value, dict):
            yield RawRow(n, line, value)
        else:
            yield RawRow(n, line, {}, (f"expected a JSON object, got {_kind(value)}",))
        i = _skip_ws(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
        elif i < len(text) and text[i] != "]":
            line = text.count("\n", 0, i) + 1
            msg = f"{where} line {line}: expected ',' or ']' between the list's objects"
            raise InputError(msg)
    if i >= len(text):
        msg = f"{where}: the JSON list is not closed; expected a final ']'"
        raise InputError(msg)
    if n == 0:
        msg = f"{where} is an empty list; expected at least one row object"
        raise InputError(msg)


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def read_rows(
    stream: BinaryIO, fmt: str, where: str, required: tuple[str, ...] = REQUIRED_ANY
) -> Iterator[RawRow]:
    """The rows of a calendar in the given format (csv, json or jsonl).

    `required`: the event columns of which a file must have at least one (RuleSet.requires).
    """
    if fmt == "csv":
        return read_csv(stream, where, required)
    if fmt == "jsonl":
        return _require_a_date_key(read_jsonl(stream, where), where, required)
    return _require_a_date_key(read_json(stream, where), where, required)


def _require_a_date_key(
    rows: Iterator[RawRow], where: str, required: tuple[str, ...]
) -> Iterator[RawRow]:
    # JSON rows have no header: a row without any required key is a row error, not exit 2,
    # unless no row at all has one (then the file lacks the columns).
    any_required = False
    for r in rows:
        any_required = any_required or any(k in r.cells for k in required)
        yield r
    if not any_required:
        msg = f"{where}: no row has a {_names(required)} key; expected at least one of them"
        raise InputError(msg)


# -- checking --------------------------------------------------------------------------------


def _cell(cells: Mapping[str, object], name: str) -> str:
    value = cells.get(name)
    if value.__class__ is str:
        return value
    return "" if value is None else json.dumps(value)


class Checker:
    """Checks rows one by one with the same options; one prepared Engine per region."""

    _PARSED_MAX = 50_000  # distinct date texts remembered (a calendar repeats its dates)

    def __init__(
        self,
        *,
        region: str = "england-and-wales",
        dayfirst: bool = False,
        conventions: Mapping[str, str] | None = None,
        rules: RuleSet | None = None,
        holidays: holiday_data.HolidayData | None = None,
    ) -> None:
        self.region = region
        self.dayfirst = dayfirst
        self._conventions = conventions
        self._rules = rules
        self._holidays = holidays
        self._engines: dict[str, Engine] = {}
        self._parsed: dict[str, date] = {}
        first = self.engine(region)  # a bad convention or rule file fails here, before any row
        ruleset = first.ruleset
        self.events = tuple(ruleset.events)
        self.required = ruleset.requires  # a file needs at least one of these columns
        self.defaults = {e.name: e.defaults_to for e in ruleset.events.values() if e.defaults_to}
        self.date_columns = (*self.events, *sorted(first.actuals))
        self._is_event = frozenset(self.events)
        self._is_date = frozenset(self.date_columns)
        self._required = frozenset(self.required)

    def engine(self, region: str) -> Engine:
        """The engine for rows of one region, made at its first row."""
        e = self._engines.get(region)
        if e is None:
            e = self._engines[region] = Engine(
                region=region, conventions=self._conventions, rules=self._rules,
                holidays=self._holidays,
            )  # fmt: skip
        return e

    def rows(self, rows: Iterable[RawRow]) -> Iterator[RowResult]:
        """Check each row in order; exactly one result per row."""
        for raw in rows:
            yield self.row(raw)

    def row(self, raw: RawRow) -> RowResult:
        """Check one row: its actual dates against the deadlines its events give."""
        cells = raw.cells
        errors = list(raw.errors)
        item = _cell(cells, "item")
        region = _cell(cells, "region").strip() or self.region
        if region not in _REGIONS:
            errors.append(
                f"column 'region': {region!r} is not a region; expected one of {', '.join(REGIONS)}"
            )
        try:  # bytes that were not UTF-8 were read as U+FFFD: look cell by cell only if any were
            suspect = "\ufffd" in "".join(cells.values())  # type: ignore[arg-type]
        except TypeError:  # a JSON row with numbers or nulls
            suspect = True
        for name, value in cells.items() if suspect else ():
            if value.__class__ is str and "\ufffd" in value:  # type: ignore[operator]
                errors.append(
                    f"column {name!r}: {value[:60]!r} has bytes that are not UTF-8; expected "  # type: ignore[index]
                    "UTF-8 text (in Excel: save as 'CSV UTF-8')"
                )
        events, actual = self._dates(cells, errors)
        if not errors:
            if self._required.isdisjoint(events) and self._required.isdisjoint(actual):
                errors.append(f"no {_names(self.required)} date; expected at least one of them")
            for name, default in self.defaults.items():
                if name in events and default not in events:
                    errors.append(f"column {name!r} is given without {default!r}; expected both")
                    break
        if errors:
            return RowResult(raw.row, raw.line, item, region, False, (), tuple(errors))
        engine = self._engines.get(region) or self.engine(region)
        try:
            deadlines = engine.judge(events, actual)
        except DeadlinesError as e:
            return RowResult(raw.row, raw.line, item, region, False, (), (str(e),))
        ok = not any(d.status == "missed" for d in deadlines)
        return RowResult(raw.row, raw.line, item, region, ok, deadlines, ())

    def _dates(
        self, cells: Mapping[str, object], errors: list[str]
    ) -> tuple[dict[str, date], dict[str, date]]:
        """The row's event dates and actual dates; a cell that is not a date adds an error."""
        events: dict[str, date] = {}
        actual: dict[str, date] = {}
        is_event, is_date = self._is_event, self._is_date
        parsed, dayfirst = self._parsed, self.dayfirst
        for name, value in cells.items():  # in the file's column order
            if name not in is_date or value is None or value == "":
                continue
            text = value if isinstance(value, str) else json.dumps(value)
            day = parsed.get(text)
            if day is None:
                if text.isspace():
                    continue
                try:
                    day = parse_date(text, dayfirst)
                except DateTextError as e:
                    errors.append(f"column {name!r}: {text[:60]!r} {e}")
                    continue
                if len(parsed) >= self._PARSED_MAX:
                    parsed.clear()
                parsed[text] = day
            (events if name in is_event else actual)[name] = day
        return events, actual


def open_source(
    path: str, input_format: str | None = None, stdin: BinaryIO | None = None
) -> tuple[BinaryIO, str, int | None]:
    """Open a calendar file (or `-`: the `stdin` stream given): the binary stream, its format,
    its size if known."""
    where = "standard input" if path == "-" else path
    if path == "-":
        if stdin is None:
            msg = "'-' reads standard input, but none was given; expected a file name"
            raise InputError(msg)
        stream = stdin
        size = None
    else:
        if os.path.isdir(path):
            msg = f"{path!r} is a directory; expected a calendar file (CSV, JSON or JSON Lines)"
            raise InputError(msg)
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as e:
            msg = f"cannot read calendar file {path!r}: {e.strerror or e}; expected a readable file"
            raise InputError(msg) from None
        size = os.fstat(stream.fileno()).st_size
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream)  # type: ignore[arg-type]
    head = stream.peek(8192)[:8192]
    if b"\0" in head:
        msg = f"{where} is binary (it has NUL bytes); expected a CSV, JSON or JSON Lines text file"
        raise InputError(msg)
    if not head.strip(codecs.BOM_UTF8 + b" \t\r\n"):
        msg = f"{where} is empty; expected a header row and data rows"
        raise InputError(msg)
    fmt = input_format or detect_format("" if path == "-" else path, head)
    return stream, fmt, size
