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
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import BinaryIO, NamedTuple

from deadlines import holiday_data
from deadlines.calendar import REGIONS
from deadlines.dates import DateTextError, parse_date
from deadlines.engine import Engine, Memo
from deadlines.errors import DeadlinesError, InputError
from deadlines.inputs import delimiter_of
from deadlines.records import Deadline
from deadlines.rules import RESERVED_COLUMNS, RuleSet
from deadlines.warnings import act_warnings

REQUIRED_ANY = ("received", "decision")
_REGIONS = frozenset(REGIONS)

_MAX_JSON = 256 * 1024 * 1024  # a JSON list is read whole: refuse absurd sizes clearly
_MAX_LINE = 16 * 1024 * 1024  # one CSV field or JSON Lines line
_BAD_BYTE = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8 (surrogateescape)


# The statuses that make a row fail: missed, or a rule not in force on the row's date (never
# counted as met).
FAILING = frozenset(("missed", "not-in-force"))


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
    errors: tuple[str, ...]  # RowError where the column is known
    warnings: tuple[str, ...] = ()  # likely mistakes (deadlines.warnings), never a failure
    source: str = ""  # the file the row came from ("standard input" for -)

    @property
    def missed(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if d.status == "missed")

    @property
    def failures(self) -> tuple[Deadline, ...]:
        """The deadlines that make the row fail: missed, or not in force on its date."""
        return tuple(d for d in self.deadlines if d.status in FAILING)


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
    """csv, json, jsonl or moderngov: from the file name's extension, else from the content
    (ModernGov: XML with a GetMeetings or GetMeeting root element)."""
    lower = name.lower()
    for ext, fmt in ((".csv", "csv"), (".jsonl", "jsonl"), (".ndjson", "jsonl"), (".json", "json")):
        if lower.endswith(ext):
            return fmt
    first = head.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1]
    if first == b"<" or lower.endswith(".xml"):
        from deadlines.moderngov import looks_like

        if looks_like(head) or lower.endswith(".xml"):
            return "moderngov"
    return {b"[": "json", b"{": "jsonl"}.get(first, "csv")


class RowError(str):
    """A row error: its message (the text), and the column and value at fault when known."""

    column: str | None
    value: str | None

    def __new__(cls, message: str, column: str | None = None, value: object = None) -> RowError:
        self = super().__new__(cls, message)
        self.column = column
        self.value = None if value is None else value if isinstance(value, str) else str(value)
        return self

    def as_dict(self) -> dict[str, str | None]:
        """{"column", "value", "message"}, as check's json and jsonl write it."""
        return {"column": self.column, "value": self.value, "message": str(self)}


def error_dict(e: str) -> dict[str, str | None]:
    """Any row error as {"column", "value", "message"} (column and value null if unknown)."""
    if isinstance(e, RowError):
        return e.as_dict()
    return {"column": None, "value": None, "message": str(e)}


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
    # utf-8-sig drops an Excel byte-order mark; "surrogateescape" keeps a row with bad bytes
    # readable so it can be reported (as a row error) instead of aborting the whole file, and
    # tells a byte that is not UTF-8 (U+DC80-U+DCFF) from a real U+FFFD in the text.
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _bad_bytes(cells: Mapping[str, object]) -> tuple[str, ...]:
    """A row error for each cell holding bytes that were not UTF-8."""
    out = []
    for name, value in cells.items():
        if isinstance(value, str) and _BAD_BYTE.search(value):
            shown = value[:60].encode("utf-8", "surrogateescape")
            out.append(
                RowError(
                    f"column {name!r}: {shown!r} has bytes that are not UTF-8; expected UTF-8 "
                    "text (in Excel: save as 'CSV UTF-8')",
                    name,
                    value.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
                )
            )
    return tuple(out)


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance (two short names)."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def near_miss(name: str, known: Iterable[str]) -> str | None:
    """The known column `name` was surely meant to be (case, spaces, dashes, or a typo of at
    most 2 letters, 1 for short names), or None."""
    import difflib

    known = tuple(known)
    if not name or name in known:
        return None
    norm = _normal(name)
    if norm in known:
        return norm
    for guess in difflib.get_close_matches(norm, known, n=3, cutoff=0.6):
        if _distance(norm, guess) <= (1 if len(guess) <= 5 else 2):
            return guess
    return None


def _near_miss_error(where: str, name: str, meant: str) -> InputError:
    return InputError(
        f"{where}: column {name!r} is not a column this check reads; expected {meant!r} "
        "(rename it, or the dates in it are not checked)"
    )


def _check_near_misses(
    names: list[str], where: str, known: Iterable[str], written: list[str] | None = None
) -> None:
    known = tuple(known)
    for i, name in enumerate(names):
        meant = near_miss(name, known) if known else None
        if meant is not None:
            raise _near_miss_error(where, (written or names)[i].strip(), meant)


def _names(required: tuple[str, ...]) -> str:
    quoted = [repr(c) for c in required]
    return " or ".join(quoted) if len(quoted) <= 2 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _expected(required: tuple[str, ...], one: str) -> str:
    """What is expected of a pack's required columns: `one` when there is only one (its rules
    are all counted from one event), else at least one of them."""
    return f"expected {one}" if len(required) == 1 else "expected at least one of them"


def _check_columns(
    columns: list[str],
    where: str,
    required: tuple[str, ...],
    known: tuple[str, ...] = (),
    written: list[str] | None = None,
) -> None:
    seen: set[str] = set()
    for c in columns:
        if c in seen and c:
            msg = f"{where}: column {c!r} appears twice in the header; expected each column once"
            raise InputError(msg)
        seen.add(c)
    _check_near_misses(columns, where, known, written)
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


def _sniffed(text: io.TextIOWrapper, delimiter: str | None) -> tuple[Iterator[str], str]:
    """The lines again and the delimiter: as given, else `;` when the first non-blank line
    (the header) has semicolons and no commas (Excel's CSV in many locales), else `,`."""
    import itertools

    head: list[str] = []
    for line in text:
        head.append(line)
        if line.strip() or len(head) > 10_000:
            break
    return itertools.chain(head, text), delimiter_of(head[-1] if head else "", delimiter)


def read_csv(
    stream: BinaryIO,
    where: str,
    required: tuple[str, ...] = REQUIRED_ANY,
    known: tuple[str, ...] = (),
    delimiter: str | None = None,
) -> Iterator[RawRow]:
    """Rows of a CSV file with a header, streamed; blank lines are not rows.

    `known`: the columns the check reads; a header name that is a near miss of one of them
    (`Forward Plan`, `report-published`) is a file error naming both. `delimiter`: the cell
    separator; None: `;` if the header has semicolons and no commas, else `,`.
    """
    # The csv module's field limit is process-wide: raised while this file is read, then put back.
    previous = csv.field_size_limit(_MAX_LINE)
    try:
        yield from _csv_rows(stream, where, required, known, delimiter)
    finally:
        csv.field_size_limit(previous)


def _csv_rows(
    stream: BinaryIO,
    where: str,
    required: tuple[str, ...],
    known: tuple[str, ...],
    delimiter: str | None,
) -> Iterator[RawRow]:
    lines, delimiter = _sniffed(_text(stream), delimiter)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)  # no quote left open
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
                _check_columns(header, where, required, known, record)
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
            # A short row fills fewer cells; zip's strict=False, as a keyword, is a slower call.
            cells = dict(zip(header, record))  # noqa: B905
            text = "".join(record)
            if not text.isascii() and _BAD_BYTE.search(text):  # isascii: a flag, no scan
                errors += _bad_bytes(cells)
            yield RawRow(n, start, cells, errors)
    except csv.Error as e:
        from deadlines.inputs import quote_problem  # only on a bad file

        text = str(e)
        if "field larger" in text:
            text = f"a cell is longer than {_MAX_LINE // 2**20} MB"
        problem = quote_problem(e, line + 1, reader.line_num)
        msg = f"{where} line {reader.line_num}: not readable as CSV ({text})"
        raise InputError(f"{where} {problem}" if problem else msg) from None
    if header is None:
        msg = f"{where} is empty; expected a CSV header and data rows"
        raise InputError(msg)


class _Object(dict):
    """A JSON object whose keys repeat: the repeated keys, for a row error."""

    __slots__ = ("repeated",)
    repeated: list[str]


def _object(pairs: list[tuple[str, object]]) -> dict:
    d = dict(pairs)
    if len(d) == len(pairs):
        return d
    out = _Object(d)
    seen: set[str] = set()
    repeated = []
    for k, _ in pairs:
        if k in seen:
            repeated.append(k)
        seen.add(k)
    out.repeated = repeated
    return out


_decoder = json.JSONDecoder(object_pairs_hook=_object)


def _json_problem(e: Exception) -> str:
    """Why a piece of JSON could not be read, in words."""
    if isinstance(e, json.JSONDecodeError):
        return str(e)
    if isinstance(e, RecursionError):
        return "nested too deeply"
    text = str(e)
    if "digits" in text:  # int max str digits (4300): a number of absurd length
        return "a number has more than 4300 digits"
    return text


def _json_row(  # noqa: PLR0913
    n: int, line: int, value: object, known: frozenset | None, where: str, bad: bool = False
) -> RawRow:
    if not isinstance(value, dict):
        return RawRow(n, line, {}, (f"expected a JSON object, got {_kind(value)}",))
    errors: tuple[str, ...] = _bad_bytes(value) if bad else ()
    if value.__class__ is _Object:
        errors += tuple(
            f"key {k!r} appears more than once in the object; expected each key once"
            for k in dict.fromkeys(value.repeated)
        )
        value = dict(value)
    if known is not None and not known.issuperset(value):
        value, folded = _folded(value)  # `Decision`, ` decision `: as a CSV header reads them
        errors += folded
    if known is not None and not known.issuperset(value):
        for k in value:
            if k not in known and k not in _NOT_NEAR:
                meant = near_miss(k, known)
                if meant is None:
                    _NOT_NEAR.add(k) if len(_NOT_NEAR) < 10_000 else None
                else:
                    raise _near_miss_error(f"{where} line {line}", k, meant)
    return RawRow(n, line, value, errors)


_NOT_NEAR: set[str] = set()  # keys already found not to be near misses


def _folded(value: dict) -> tuple[dict, tuple[str, ...]]:
    """A JSON row's keys in lower case without surrounding spaces, as a CSV header's names are
    read; two keys that become one are a row error (as a repeated key is)."""
    if all(k == k.strip().lower() for k in value):
        return value, ()
    out: dict = {}
    written: dict[str, str] = {}
    errors: list[str] = []
    for k, v in value.items():
        name = k.strip().lower()
        if name in written:
            errors.append(
                f"keys {written[name]!r} and {k!r} are both column {name!r}; expected each "
                "column once"
            )
        written.setdefault(name, k)
        out[name] = v
    return out, tuple(errors)


def read_jsonl(stream: BinaryIO, where: str, known: tuple[str, ...] = ()) -> Iterator[RawRow]:
    """Rows of a JSON Lines file, streamed; blank lines are not rows."""
    n = 0
    known_set = frozenset(known) if known else None
    text = _text(stream)
    line_no = 0
    while True:
        line = text.readline(_MAX_LINE + 1)
        if not line:
            break
        line_no += 1
        if len(line) > _MAX_LINE:
            msg = f"{where} line {line_no}: a line is longer than {_MAX_LINE // 2**20} MB"
            raise InputError(msg)
        if not line.strip():
            continue
        n += 1
        bad = _BAD_BYTE.search(line) is not None
        try:
            value = _decoder.decode(line)
        except (ValueError, RecursionError) as e:
            shown = line.strip()[:80]
            yield RawRow(n, line_no, {}, (f"line is not JSON ({_json_problem(e)}): {shown!r}",))
            continue
        yield _json_row(n, line_no, value, known_set, where, bad)
    if n == 0:
        msg = f"{where} has no data rows; expected one JSON object per line"
        raise InputError(msg)


def read_json(stream: BinaryIO, where: str, known: tuple[str, ...] = ()) -> Iterator[RawRow]:
    """Rows of a JSON list of objects, each with the line its object starts on.

    Lines are counted as the list is walked (each stretch of text once), so finding every
    row's line takes time linear in the file, not in rows times size.
    """
    raw = stream.read(_MAX_JSON + 1)
    if len(raw) > _MAX_JSON:
        msg = f"{where} is larger than 256 MB; expected JSON Lines or CSV for a file this size"
        raise InputError(msg)
    text = raw.decode("utf-8-sig", errors="surrogateescape")
    del raw
    bad = _BAD_BYTE.search(text) is not None  # then cells holding them are row errors
    known_set = frozenset(known) if known else None
    decode = _decoder.raw_decode
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "[":
        msg = f"{where} is not a JSON list; expected [{{...}}, ...] (one object per row)"
        raise InputError(msg)
    counted, line = 0, 1  # text[:counted] holds line - 1 newlines

    def line_at(k: int) -> int:
        nonlocal counted, line
        line += text.count("\n", counted, k)
        counted = k
        return line

    i = _skip_ws(text, i + 1)
    n = 0
    while i < len(text) and text[i] != "]":
        try:
            value, end = decode(text, i)
        except json.JSONDecodeError as e:
            msg = f"{where} line {e.lineno}: not valid JSON ({e.msg}); expected a list of objects"
            raise InputError(msg) from None
        except (ValueError, RecursionError) as e:
            why = _json_problem(e)
            msg = f"{where}: JSON {why} (line {line_at(i)}); expected a list of flat objects"
            raise InputError(msg) from None
        n += 1
        yield _json_row(n, line_at(i), value, known_set, where, bad)
        i = _skip_ws(text, end)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
            if i < len(text) and text[i] == "]":
                msg = f"{where} line {line_at(i)}: a ',' before the closing ']'; expected JSON"
                raise InputError(msg + " (no comma after the last object)")
        elif i < len(text) and text[i] != "]":
            msg = f"{where} line {line_at(i)}: expected ',' or ']' between the list's objects"
            raise InputError(msg)
    if i >= len(text):
        msg = f"{where}: the JSON list is not closed; expected a final ']'"
        raise InputError(msg)
    after = _skip_ws(text, i + 1)
    if after < len(text):  # a second list, a stray bracket: rows that would be dropped
        msg = (
            f"{where} line {line_at(after)}: text after the list's closing ']'; expected one "
            "JSON list of row objects (JSON Lines for one object per line)"
        )
        raise InputError(msg)
    if n == 0:
        msg = f"{where} is an empty list; expected at least one row object"
        raise InputError(msg)


_WS = re.compile(r"[ \t\r\n]*")


def _skip_ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def read_rows(  # noqa: PLR0913
    stream: BinaryIO,
    fmt: str,
    where: str,
    required: tuple[str, ...] = REQUIRED_ANY,
    known: tuple[str, ...] = (),
    delimiter: str | None = None,
) -> Iterator[RawRow]:
    """The rows of a calendar in the given format (csv, json, jsonl or moderngov).

    `required`: the event columns of which a file must have at least one (RuleSet.requires).
    `known`: every column the check reads (Checker.date_columns, item, region): a near miss of
    one is a file error, and ModernGov meetings are mapped to the pack's names among them.
    """
    if fmt == "moderngov":
        names = tuple(n for n in known if n not in RESERVED_COLUMNS)
        return _read_moderngov(stream, where, required, names)
    if fmt == "csv":
        return read_csv(stream, where, required, known, delimiter)
    if fmt == "jsonl":
        return _require_a_date_key(read_jsonl(stream, where, known), where, required)
    return _require_a_date_key(read_json(stream, where, known), where, required)


def _given(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _read_moderngov(
    stream: BinaryIO, where: str, required: tuple[str, ...], names: tuple[str, ...]
) -> Iterator[RawRow]:
    from deadlines import moderngov

    raw = stream.read(_MAX_JSON + 1)
    if len(raw) > _MAX_JSON:
        msg = f"{where} is larger than 256 MB; expected one committee's ModernGov responses"
        raise InputError(msg)
    # A directory is read as its .xml files joined by NUL, which XML text can never contain
    # (a file with one is refused: _open_directory here, and below for a single file).
    labels = getattr(stream, "names", None)
    if labels is None and b"\0" in raw:
        msg = f"{where} is binary (it has NUL bytes); expected a ModernGov .xml response"
        raise InputError(msg)
    parts = raw.split(b"\0")
    labels = labels or [where] * len(parts)
    documents = list(zip(labels, parts, strict=False))
    return moderngov.rows(documents, names or ("meeting", *required), required)


def _require_a_date_key(
    rows: Iterator[RawRow], where: str, required: tuple[str, ...]
) -> Iterator[RawRow]:
    # JSON rows have no header: a row without any required key is a row error, not exit 2,
    # unless no row at all has one (then the file lacks the columns).
    any_required = any_cells = False
    for r in rows:
        any_required = any_required or any(k in r.cells for k in required)
        any_cells = any_cells or bool(r.cells)
        yield r
    if not any_cells:  # every line unreadable (or {}): the keys are not the problem
        msg = (
            f"{where}: no row is a JSON object with keys; expected one object per row, e.g. "
            '{"decision": "2015-06-08"}'
        )
        raise InputError(msg)
    if not any_required:
        expected = _expected(required, "it on at least one row")
        msg = f"{where}: no row has a {_names(required)} key; {expected}"
        raise InputError(msg)


# -- checking --------------------------------------------------------------------------------


def _cell(cells: Mapping[str, object], name: str) -> str:
    return _as_text(cells.get(name))


def _as_text(value: object) -> str:
    """A cell as text: a JSON value that is not a string is its JSON; none is ""."""
    if value.__class__ is str:
        return value
    return "" if value is None else json.dumps(value)


class Checker:
    """Checks rows one by one with the same options; one prepared Engine per region."""

    _PARSED_MAX = 50_000  # distinct date texts remembered (a calendar repeats its dates)

    def __init__(  # noqa: PLR0913 - keyword-only, one per option
        self,
        *,
        region: str = "england-and-wales",
        dayfirst: bool = False,
        conventions: Mapping[str, str] | None = None,
        rules: RuleSet | None = None,
        holidays: holiday_data.HolidayData | None = None,
        on_clear: Callable[[], None] | None = None,
    ) -> None:
        """`on_clear`: called whenever an engine's memo forgets what it has worked out (the
        caller's own derived records, such as encoded parts, go with it)."""
        self.region = region
        self.dayfirst = dayfirst
        self._on_clear = on_clear
        self._conventions = conventions
        self._rules = rules
        self._holidays = holidays
        self._engines: dict[str, Engine] = {}
        self._parsed: dict[str, date] = {}
        # Which date columns rows fill, (events, actual dates), once they passed the column
        # checks: those depend on the filled columns alone.
        self._shapes: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
        self.source = ""  # the file whose rows are being checked
        first = self.engine(region)  # a bad convention or rule file fails here, before any row
        ruleset = first.ruleset
        self.events = tuple(ruleset.events)
        self.required = ruleset.requires  # a file needs at least one of these columns
        self.defaults = {e.name: e.defaults_to for e in ruleset.events.values() if e.defaults_to}
        self.date_columns = (*self.events, *sorted(first.actuals))
        self._is_event = frozenset(self.events)
        self._is_date = frozenset(self.date_columns)
        self._required = frozenset(self.required)
        self._needs = first.needs  # act -> the events it is counted from
        # The `rules` column: the rule ids a row is judged against (an FOI request is not a
        # subject access request); each rule's actual date, to say when one is left unjudged.
        self.pack = ruleset.name
        self.rule_ids = tuple(r.id for r in ruleset.rules)
        # An id in another case names its rule (`FOI-Response`), unless two ids differ only so.
        folded: dict[str, list[str]] = {}
        for i in self.rule_ids:
            folded.setdefault(i.casefold(), []).append(i)
        self._id_in_any_case = {k: v[0] for k, v in folded.items() if len(v) == 1}
        self._act_of = {r.id: r.actual for r in ruleset.rules if r.actual}
        self._counted_from = {r.id: ruleset.counted_from(r.id) for r in ruleset.rules}

    def engine(self, region: str) -> Engine:
        """The engine for rows of one region, made at its first row."""
        e = self._engines.get(region)
        if e is None:
            e = self._engines[region] = Engine(
                region=region, conventions=self._conventions, rules=self._rules,
                holidays=self._holidays, memo=Memo(on_clear=self._on_clear),
            )  # fmt: skip
        return e

    def forget(self) -> None:
        """Forget what every engine has worked out (each memo is cleared, and `on_clear` told),
        once the rows are written. A memo left whole to the end of the process is swept by
        the interpreter's last collections: about a second on a 100,000-row calendar whose
        rows have their own dates."""
        for e in self._engines.values():
            e.memo.clear()
        self._parsed.clear()

    def rows(self, rows: Iterable[RawRow], source: str | None = None) -> Iterator[RowResult]:
        """Check each row in order; exactly one result per row, each naming `source`."""
        if source is not None:
            self.source = source
        for raw in rows:
            yield self.row(raw)

    def row(self, raw: RawRow) -> RowResult:
        """Check one row: its actual dates against the deadlines its events give."""
        cells = raw.cells
        errors = list(raw.errors)
        item = _cell(cells, "item")
        region = self.region_of(cells, errors)
        # Bytes that are not UTF-8 are reported by the readers (a valid U+FFFD is just text).
        events, actual = self._dates(cells, errors)
        chosen = self._chosen(cells.get("rules"), errors) if "rules" in cells else None
        if errors:
            self._check_columns(cells, events, actual, errors)
        else:  # which columns a row fills repeats: a set that passed passes again
            shape = (tuple(events), tuple(actual))
            if shape not in self._shapes:
                self._check_columns(cells, events, actual, errors)
                if not errors and len(self._shapes) < 1_000:
                    self._shapes.add(shape)
        src = self.source
        if errors:
            return RowResult(raw.row, raw.line, item, region, False, (), tuple(errors), (), src)
        try:
            engine = self._engines.get(region) or self.engine(region)
            deadlines, warned = engine.judge_row(events, actual)
        except DeadlinesError as e:  # its column named when the engine knows it
            at = e.column if e.column in cells else None  # never a column the row lacks
            error = RowError(str(e), at, None if at is None else _cell(cells, at))
            return RowResult(raw.row, raw.line, item, region, False, (), (error,), (), src)
        if chosen is not None:  # the row names the rules it is judged against
            deadlines, problems, unjudged = self._only(chosen, deadlines, actual)
            if problems:
                return RowResult(raw.row, raw.line, item, region, False, (), problems, (), src)
            warned += unjudged
        # A rule not in force on the row's date is reported, never counted as met.
        ok = True
        for d in deadlines:
            if d.verdict.status in FAILING:
                ok = False
                break
        if actual:
            warned += act_warnings(deadlines)
        return RowResult(raw.row, raw.line, item, region, ok, deadlines, (), warned, src)

    def _check_columns(
        self,
        cells: Mapping[str, object],
        events: Mapping[str, date],
        actual: Mapping[str, date],
        errors: list[str],
    ) -> None:
        """Errors for the columns a row fills that cannot be judged together: an actual date
        without the event it counts from, no date the rules count from, an event without the
        one it defaults from."""
        needs = self._needs
        for name in actual:  # an actual date without the event it counts from passes nothing
            refs = needs.get(name)
            if (
                refs is not None
                and refs.isdisjoint(events)
                and not any(_given(cells.get(e)) for e in refs)
            ):
                errors.append(
                    f"column {name!r} is given without {_names(tuple(sorted(refs)))}; expected "
                    "the date it is counted from too (or no actual date)"
                )
        if not errors:
            if self._required.isdisjoint(events) and self._required.isdisjoint(actual):
                expected = _expected(self.required, "the date the rules count from")
                errors.append(f"no {_names(self.required)} date; {expected}")
            for name, default in self.defaults.items():
                if name in events and default not in events:
                    errors.append(
                        RowError(
                            f"column {name!r} is given without {default!r}; expected both",
                            name,
                            _cell(cells, name),
                        )
                    )
                    break

    def _chosen(self, value: object, errors: list[str]) -> frozenset[str] | None:
        """The rule ids a `rules` cell names (spaces, commas or semicolons between them; a JSON
        list), or None when it is empty: every rule. An id that is no rule of the pack adds an
        error."""
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            names = [v.strip() for v in value if v.strip()]
            written = ", ".join(names)
        elif isinstance(value, (list, dict)):  # a JSON cell that is no list of ids
            shown = json.dumps(value)
            errors.append(
                RowError(
                    f"column 'rules': {shown[:60]} is not a list of rule ids; expected rule "
                    f"ids as text ({' '.join(self.rule_ids[:2])}) or a list of strings",
                    "rules",
                    shown,
                )
            )
            return None
        else:
            written = _as_text(value).strip()
            names = [n for n in re.split(r"[\s,;]+", written) if n]
        if not names:
            return None
        ids, in_any_case = self.rule_ids, self._id_in_any_case
        names = [n if n in ids else in_any_case.get(n.casefold(), n) for n in names]
        unknown = [n for n in names if n not in ids]
        if unknown:
            errors.append(
                RowError(
                    f"column 'rules': {unknown[0]!r:.60} is not a rule of {self.pack}; expected "
                    f"its rule ids ({', '.join(self.rule_ids)}), or an empty cell for all",
                    "rules",
                    written,
                )
            )
            return None
        return frozenset(names)

    def _only(
        self, chosen: frozenset[str], deadlines: tuple[Deadline, ...], actual: Mapping[str, date]
    ) -> tuple[tuple[Deadline, ...], tuple[str, ...], tuple[str, ...]]:
        """The deadlines of the rules a row names; errors for a named rule the row gives no
        date for; warnings for an actual date none of them is judged on (it is not checked)."""
        kept = tuple(d for d in deadlines if d.id in chosen)
        found = {d.id for d in kept}
        missing = [i for i in self.rule_ids if i in chosen and i not in found]
        if missing:
            event = self._counted_from[missing[0]]
            error = RowError(
                f"column 'rules' names {missing[0]!r}, but the row gives no {event!r} date, "
                f"which it is counted from; expected a {event!r} date too (or not that rule)",
                "rules",
                " ".join(i for i in self.rule_ids if i in chosen),
            )
            return kept, (error,), ()
        judged = {self._act_of.get(i) for i in chosen}
        unjudged = tuple(
            f"column {name!r} is given, but no rule in column 'rules' is judged on it: it is "
            "not checked"
            for name in actual
            if name not in judged
        )
        return kept, (), unjudged

    def region_of(self, cells: Mapping[str, object], errors: list[str]) -> str:
        """The row's region: its `region` cell (any case), else the checker's; a cell that is
        no region adds an error."""
        value = cells.get("region")
        if value is None or value == "":  # the usual row: no region of its own
            return self.region
        written = _as_text(value).strip()
        region = written.lower() or self.region
        if region not in _REGIONS:
            errors.append(
                RowError(
                    f"column 'region': {written!r} is not a region; expected one of "
                    f"{', '.join(REGIONS)}",
                    "region",
                    written,
                )
            )
        return region

    def _dates(
        self, cells: Mapping[str, object], errors: list[str]
    ) -> tuple[dict[str, date], dict[str, date]]:
        """The row's event dates and actual dates; a cell that is not a date adds an error."""
        events: dict[str, date] = {}
        actual: dict[str, date] = {}
        is_event, is_date, parsed = self._is_event, self._is_date, self._parsed
        for name, value in cells.items():  # in the file's column order
            if name not in is_date:
                continue
            day = parsed.get(value) if value.__class__ is str else None  # a date text seen before
            if day is None:
                day = self._new_date(name, value, errors)
                if day is None:  # empty, or not a date
                    continue
            (events if name in is_event else actual)[name] = day
        return events, actual

    def _new_date(self, name: str, value: object, errors: list[str]) -> date | None:
        """A cell's date, parsed (and remembered: a calendar repeats its dates), or None when
        it is empty or not a date (which adds an error)."""
        if value is None or value == "":
            return None
        text = value if isinstance(value, str) else json.dumps(value)
        parsed = self._parsed
        day = parsed.get(text)
        if day is None:
            if text.isspace():
                return None
            try:
                day = parse_date(text, self.dayfirst)
            except DateTextError as e:
                errors.append(RowError(f"column {name!r}: {text[:60]!r} {e}", name, text))
                return None
            if len(parsed) >= self._PARSED_MAX:
                parsed.clear()
            parsed[text] = day
        return day


def open_source(
    path: str, input_format: str | None = None, stdin: BinaryIO | None = None
) -> tuple[BinaryIO, str, int | None]:
    """Open a calendar file (or `-`: the `stdin` stream given): the binary stream, its format,
    its size if known."""
    where = "standard input" if path == "-" else path
    if path == "-":
        if stdin is None:  # started with stdin closed (<&-)
            msg = "standard input is closed; expected a calendar on standard input, or a FILE"
            raise InputError(msg)
        stream = stdin
        size = None
    else:
        if os.path.isdir(path):
            return _open_directory(path, input_format)
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as e:
            msg = f"cannot read calendar file {path!r}: {e.strerror or e}; expected a readable file"
            raise InputError(msg) from None
        size = os.fstat(stream.fileno()).st_size
    if not isinstance(stream, io.BufferedReader):
        stream = io.BufferedReader(stream)  # type: ignore[type-var]
    head = stream.peek(8192)[:8192]
    if b"\0" in head:
        msg = f"{where} is binary (it has NUL bytes); expected a CSV, JSON or JSON Lines text file"
        raise InputError(msg)
    if not head.strip(codecs.BOM_UTF8 + b" \t\r\n"):
        msg = f"{where} is empty; expected a header row and data rows"
        raise InputError(msg)
    fmt = input_format or detect_format("" if path == "-" else path, head)
    return stream, fmt, size


class _Files(io.BytesIO):
    """The .xml files of a directory joined by NUL, with their names (see _read_moderngov)."""

    names: list[str]


def _open_directory(path: str, input_format: str | None) -> tuple[BinaryIO, str, int | None]:
    """A directory of saved ModernGov responses (deadlines moderngov fetch -o DIR)."""
    try:
        files = sorted(f for f in os.listdir(path) if f.lower().endswith(".xml"))
    except OSError as e:
        msg = f"cannot read directory {path!r}: {e.strerror or e}; expected a readable directory"
        raise InputError(msg) from None
    if not files or input_format not in (None, "moderngov"):
        msg = (
            f"{path!r} is a directory; expected a calendar file (CSV, JSON or JSON Lines) or a "
            "directory of ModernGov .xml responses"
        )
        raise InputError(msg)
    parts = []
    for name in files:
        try:
            with open(os.path.join(path, name), "rb") as f:
                parts.append(f.read())
        except OSError as e:
            msg = f"cannot read {os.path.join(path, name)!r}: {e.strerror or e}"
            raise InputError(msg) from None
        if b"\0" in parts[-1]:  # the files are joined by NUL: one inside would split a file
            msg = (
                f"{os.path.join(path, name)!r} is binary (it has NUL bytes); expected a "
                "ModernGov .xml response"
            )
            raise InputError(msg)
    stream = _Files(b"\0".join(parts))
    stream.names = [os.path.join(path, name) for name in files]
    return stream, "moderngov", None


# -- published timetables ---------------------------------------------------------------------

TIMETABLE_COLUMNS = ("step", "date", "published", "item", "region")


def is_timetable(stream: BinaryIO, fmt: str, delimiter: str | None = None) -> bool:
    """Is this CSV a published timetable (a `step` column) rather than a calendar of events?
    Its header is split as read_csv splits it (`delimiter`, or `;` or `,` by the header)."""
    if fmt != "csv" or not hasattr(stream, "peek"):
        return False
    head = stream.peek(8192)[:8192].decode("utf-8-sig", "replace")
    first = next((line for line in head.splitlines() if line.strip()), "")
    cells = next(csv.reader([first], delimiter=delimiter_of(first, delimiter)), [])
    return "step" in (c.strip().lower() for c in cells)


def check_timetable(
    stream: BinaryIO,
    where: str,
    checker: Checker,
    events: Mapping[str, date],
    delimiter: str | None = None,
) -> Iterator[RowResult]:
    """A published timetable, one result per row: each step's date (the date the council set)
    and, if given, the day it was published, judged against the step's latest day (and its
    earliest, for a window). The poll and other events come from `events` (--event) or from
    columns of the pack's event names."""
    ruleset = checker.engine(checker.region).ruleset
    known = (*TIMETABLE_COLUMNS, *ruleset.events)
    for raw in read_csv(stream, where, ("step",), known, delimiter):
        yield _timetable_row(checker, raw, events)._replace(source=where)


def _timetable_row(checker: Checker, raw: RawRow, events: Mapping[str, date]) -> RowResult:
    cells = raw.cells
    errors = list(raw.errors)
    step = _cell(cells, "step").strip()
    item = _cell(cells, "item").strip() or step
    region = checker.region_of(cells, errors)
    ruleset = checker.engine(checker.region).ruleset
    given = dict(events)

    def day_of(name: str) -> date | None:
        text = _cell(cells, name)
        if not text.strip():
            return None
        try:
            return parse_date(text, checker.dayfirst)
        except DateTextError as e:
            errors.append(RowError(f"column {name!r}: {text[:60]!r} {e}", name, text))
            return None

    for name in ruleset.events:
        day = day_of(name)
        if day is not None and given.get(name, day) != day:
            errors.append(RowError(
                f"column {name!r}: {day.isoformat()} disagrees with --event {name}="
                f"{given[name].isoformat()}; expected one {name} date", name, day.isoformat()
            ))  # fmt: skip
        elif day is not None:
            given[name] = day
    set_on, published = day_of("date"), day_of("published")
    rule = None
    if step not in ruleset.ids:
        msg = f"column 'step': {step!r} is not a step of {ruleset.name}; expected one of "
        errors.append(RowError(msg + ", ".join(ruleset.ids), "step", step))
    else:
        rule = ruleset.rule(step)
        reference = ruleset.counted_from(step)
        if not rule.actual or rule.actual in ruleset.events:
            errors.append(f"step {step!r} has no act to check; expected a step with a date set")
        elif reference not in given:
            errors.append(f"step {step!r} counts from the {reference}, which was not given; "
                          f"expected --event {reference}=DATE or a {reference!r} "
                          "column")  # fmt: skip
    if set_on is None and published is None and not errors:
        errors.append("no 'date' (nor 'published') for the step; expected YYYY-MM-DD")
    if errors or rule is None:
        return RowResult(raw.row, raw.line, item, region, False, (), tuple(errors))
    found: list[Deadline] = []
    try:
        engine = checker.engine(region)  # a pack not law there: the row's error
        for day in (set_on, published):
            if day is not None:
                judged = engine.judge(given, {rule.actual: day})  # type: ignore[dict-item]
                found += [d for d in judged if d.id == step]
    except DeadlinesError as e:
        return RowResult(raw.row, raw.line, item, region, False, (), (str(e),))
    ok = all(d.status == "met" for d in found)
    return RowResult(raw.row, raw.line, item, region, ok, tuple(found), ())
