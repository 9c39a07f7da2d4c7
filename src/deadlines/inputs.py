"""Reading the small input files of `compute`: a meeting schedule."""

from __future__ import annotations

import csv
import re
from datetime import date

from deadlines.errors import InputError

_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)  # not fullwidth digits: see check._ISO


MAX_INPUT = 16 * 1024 * 1024  # a meetings, rule or bank-holiday file: small by nature


def quote_problem(e: csv.Error, opened: int, at: int) -> str | None:
    """A strict csv reader's quoting error in words, with the line it is about, or None for
    another error. `opened`: the line the row being read began on; `at`: the line reached.
    (Read leniently, a quote never closed takes every later line into its cell: rows lost.)"""
    text = str(e)
    if "unexpected end of data" in text:
        return (
            f"line {opened}: a quoted cell is never closed (every later line would be read into "
            "it); expected a closing quote (a quote inside a cell is written twice)"
        )
    if "expected after" in text:
        return (
            f"line {at}: text after a quoted cell's closing quote; expected the delimiter or "
            "the end of the line after it (a quote inside a cell is written twice)"
        )
    return None


def read_limited(path: str, what: str, error: type = InputError, limit: int = MAX_INPUT) -> bytes:
    """The bytes of a small input file, or `error` naming it: unreadable, a directory, too big."""
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except IsADirectoryError:
        msg = f"{what} {path!r} is a directory; expected a file"
        raise error(msg) from None
    except OSError as e:
        msg = f"cannot read {what} {path!r}: {e.strerror or e}; expected a readable file"
        raise error(msg) from None
    except ValueError:  # a NUL in the name: no file can have it
        msg = f"cannot read {what} {path!r}: the name has a NUL character; expected a file name"
        raise error(msg) from None
    if len(raw) > limit:
        msg = f"{what} {path!r} is larger than {limit // 2**20} MB; expected a small text file"
        raise error(msg)
    return raw


def _read_text(path: str, what: str) -> str:
    raw = read_limited(path, what)
    if b"\0" in raw:
        msg = f"{what} {path!r} is binary; expected UTF-8 text"
        raise InputError(msg)
    try:
        return raw.decode("utf-8-sig")  # Excel writes a byte-order mark
    except UnicodeDecodeError as e:
        msg = f"{what} {path!r} is not UTF-8 text (byte {e.start}); expected UTF-8"
        raise InputError(msg) from None


def delimiter_of(header: str, given: str | None = None) -> str:
    """A CSV file's cell separator: as given, else `;` when the header has semicolons and no
    commas (Excel's CSV in many locales), else `,`."""
    if given is not None:
        return given
    return ";" if ";" in header and "," not in header else ","


def _meeting_day(text: str, where: str, dayfirst: bool) -> date:
    """One meeting date: YYYY-MM-DD (with dayfirst also DD/MM/YYYY and "8 June 2015", as on
    the command line), or an InputError naming `where` and the value."""
    from deadlines.dates import DateTextError, parse_date  # noqa: PLC0415 - only with meetings

    try:
        return parse_date(text, dayfirst)
    except DateTextError as e:
        msg = f"{where}: {text.strip()[:60]!r} {e}"
        raise InputError(msg) from None


def _is_date(text: str, dayfirst: bool) -> bool:
    """Is a line a date (a file of dates), or a UK date that only --dayfirst reads?"""
    from deadlines.dates import DateTextError, parse_date  # noqa: PLC0415

    if _ISO.fullmatch(text.strip()):
        return True
    try:
        parse_date(text, True)
    except DateTextError:
        return False
    return True


def read_meetings(path: str, dayfirst: bool = False) -> list[date]:
    """Meeting dates: one date per line, or a CSV whose header has a `date` column. Dates are
    YYYY-MM-DD; with `dayfirst`, also DD/MM/YYYY and "8 June 2015" (as --dayfirst reads them).

    Blank lines and lines starting with # are skipped. A bad line is an error naming the file,
    the line and the value; nothing is skipped silently.
    """
    name = "meetings file"
    text = _read_text(path, name)
    lines = text.splitlines()
    first = next((ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")), None)
    if first is None:
        msg = f"{name} {path!r} has no dates; expected one YYYY-MM-DD date per line"
        raise InputError(msg)
    days: list[date] = []
    if _is_date(first, dayfirst):  # a UK date without dayfirst: refused, saying what to pass
        for n, line in enumerate(lines, 1):
            if line.strip() and not line.lstrip().startswith("#"):
                days.append(_meeting_day(line, f"{path} line {n}", dayfirst))
        return days
    # Lines as splitlines found them (a lone CR ends a line too), so the csv module never
    # meets a line end inside a field; a cell past its field limit is a file error.
    reader = csv.DictReader(lines, delimiter=delimiter_of(first), strict=True)
    done = 0  # the line the last row read ended on
    try:
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        if "date" not in fields:
            msg = (
                f"{name} {path!r}: first line {first.strip()[:60]!r} is neither a date nor a "
                "CSV header with a 'date' column; expected one YYYY-MM-DD date per line, or CSV"
            )
            raise InputError(msg)
        if fields.count("date") > 1:  # only one would be read: the other's dates lost
            msg = (
                f"{name} {path!r}: column 'date' appears {fields.count('date')} times in the "
                "header; expected it once"
            )
            raise InputError(msg)
        column = (reader.fieldnames or [])[fields.index("date")]
        done = reader.line_num
        for row in reader:
            value = row.get(column) or ""
            if not value.strip():
                msg = f"{path} line {reader.line_num}: empty date; expected YYYY-MM-DD"
                raise InputError(msg)
            days.append(_meeting_day(value, f"{path} line {reader.line_num}", dayfirst))
            done = reader.line_num
    except csv.Error as e:
        problem = quote_problem(e, done + 1, max(reader.line_num, 1))
        msg = (
            f"{name} {path!r} line {max(reader.line_num, 1)}: not readable as CSV ({e}); "
            "expected one YYYY-MM-DD date per line, or CSV with a 'date' column"
        )
        raise InputError(f"{name} {path!r} {problem}" if problem else msg) from None
    if not days:
        msg = f"{name} {path!r} has a header but no dates; expected at least one meeting"
        raise InputError(msg)
    return days
