"""Untrusted text made safe for each output: the one place that knows how.

Text the tool did not write (calendar cells, file names, rule, event and bank-holiday titles)
is data in every output, never an instruction to the terminal, to rich, to an XML reader, to a
spreadsheet or to a CI runner. Each function takes any str (lone surrogates included) and
returns a str that the named output shows literally (jsonl alone works on encoded bytes):

- terminal: control characters (C0, ESC, DEL, C1), bidi overrides and isolates, line and
  paragraph separators and lone surrogates are shown escaped (`\\x1b`, `\\u202e`), never acted on.
- markup: terminal, then rich's markup escaped (`[/]`, `[link=...]` stay literal).
- xml: characters XML 1.0 cannot hold replaced by U+FFFD; terminal escapes for the rest.
- html: as xml (HTML5 forbids the same controls and surrogates), then html.escape'd for an
  element or a quoted attribute; bidi overrides shown escaped, letters of any script intact.
- csv_cell: a cell starting with = + - @ tab or CR gets a leading apostrophe (formula injection).
- github_data / github_property: workflow-command escapes, plus terminal escapes.
- ics: terminal escapes (iCalendar TEXT holds no control characters; the library folds lines).
- jsonl: UTF-8 JSON with U+2028, U+2029, the C1 controls (NEL among them) and the bidi
  controls written as \\uXXXX, so a line-splitting reader sees one record per line and a
  terminal shows the text as stored (a lone surrogate never reaches it: UTF-8 cannot hold one,
  so the encoder refuses it and the caller escapes all non-ASCII text instead).

No heavy imports: rich is imported only by markup().
"""

from __future__ import annotations

import re

# Not printable (str.isprintable) covers C0, DEL, C1, format characters (bidi overrides U+202A-E,
# isolates U+2066-9, zero-width), separators U+2028/9, surrogates and unassigned code points.
_XML_BAD_CHARS = "[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"  # compiled at first use
# Characters JSON allows raw but some line-based readers take for line ends (JavaScript's
# U+2028 and U+2029, and NEL), the other C1 controls U+0080-U+009F (U+009B is a terminal's
# CSI, as ESC [ is), and the bidi embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069) that reorder what a terminal or editor shows of the text around them: as
# UTF-8 and as the escape that means the same in a JSON string.
_JSON_ESCAPED = {
    chr(n).encode(): b"\\u%04x" % n
    for n in (0x2028, 0x2029, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}
# The same characters as one pattern over UTF-8 (compiled at first use): C2 80-9F, E2 80 A8-AE,
# E2 81 A6-A9.
_JSON_ESCAPED_RE = b"\xc2[\x80-\x9f]|\xe2\x80[\xa8-\xae]|\xe2\x81[\xa6-\xa9]"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _escape(c: str) -> str:
    n = ord(c)
    if n < 0x100:
        return f"\\x{n:02x}"
    if n < 0x10000:
        return f"\\u{n:04x}"
    return f"\\U{n:08x}"


def terminal(text: str, *, newlines: bool = False) -> str:
    """`text` with every non-printable character shown escaped; `newlines=True` keeps LF."""
    text = str(text)
    if text.isprintable():
        return text
    if newlines:
        return "\n".join(terminal(part) for part in text.split("\n"))
    return "".join(c if c.isprintable() else _escape(c) for c in text)


def markup(text: str) -> str:
    """For a rich markup string: terminal-safe, and rich's own markup escaped."""
    from rich.markup import escape

    return escape(terminal(text))


CELL_LIMIT = 200  # characters of one untrusted value shown in a table cell (check)
TEXT_LIMIT = 2000  # characters of one rule, event or holiday text in the other tables


def cut_note(limit: int = CELL_LIMIT) -> str:
    return (
        f"(values longer than {limit} characters are cut short with …; "
        "--format json has the full text)"
    )


CUT_NOTE = cut_note()


def clip(value: str, limit: int = CELL_LIMIT) -> str:
    """At most `limit` characters, ending in … when cut (rich lays out huge cells slowly)."""
    value = str(value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def text(value: str, style: str = "", *, newlines: bool = True, limit: int | None = None):
    """A rich Text of untrusted text: literal (never parsed as markup), terminal-safe."""
    from rich.text import Text

    shown = terminal(value, newlines=newlines)
    return Text(shown if limit is None else clip(shown, limit), style=style)


class Cells:
    """rich Text of untrusted values for a table, each cut to `limit` characters (rich lays out
    a huge cell slowly); `note(console)` then prints a note if any was cut, and resets."""

    def __init__(self, limit: int = TEXT_LIMIT) -> None:
        self.limit = limit
        self.cut = False

    def s(self, value: str, *, newlines: bool = False) -> str:
        shown = terminal(value, newlines=newlines)
        if len(shown) > self.limit:
            self.cut = True
            return clip(shown, self.limit)
        return shown

    def __call__(self, value: str, style: str = "", *, newlines: bool = True):
        from rich.text import Text

        return Text(self.s(value, newlines=newlines), style=style)

    def note(self, console: object) -> None:
        if self.cut:
            self.cut = False
            console.print(cut_note(self.limit), markup=False, highlight=False)  # type: ignore[attr-defined]


def xml(text: str) -> str:
    """For an XML 1.0 attribute or element: unholdable characters replaced, the rest escaped."""
    text = str(text)
    if text.isprintable():
        return text
    text = re.compile(_XML_BAD_CHARS).sub("\ufffd", text)  # re caches the compiled pattern
    return terminal(text, newlines=True).replace("\r", "\\r").replace("\t", "\\t")


# What an HTML page may not hold raw: C0 and C1 controls but tab and line feed (ESC, BEL, NUL,
# CR), DEL, bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069) and the line and
# paragraph separators, and the noncharacters (U+FDD0-U+FDEF, U+FFFE and U+FFFF of every plane):
# shown escaped, as on a terminal. Lone surrogates cannot be UTF-8: replaced by U+FFFD. Any
# other character (no-break and narrow spaces, tabs, soft hyphens, zero-width joiners, letters
# of any script) is text.
_HTML_ESCAPED = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)
_HTML_REPLACED = "[\ud800-\udfff]"


def html(text: object) -> str:
    """For an HTML5 element or quoted attribute: controls, bidi overrides and separators shown
    escaped (`\\x1b`, `\\u202e`), what UTF-8 cannot hold replaced (U+FFFD), markup escaped.

    Lone surrogates (a JSON "\\ud800", a file name's undecodable byte) become U+FFFD, so the
    page is always valid UTF-8."""
    from html import escape

    text = str(text)
    if not text.isprintable():  # re caches the compiled patterns
        text = re.sub(_HTML_REPLACED, "\ufffd", text)
        text = re.sub(_HTML_ESCAPED, lambda m: _escape(m[0]), text)
    return escape(text, quote=True)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run as a formula; non-strings unchanged."""
    if not isinstance(value, str):
        return value
    if not value.isprintable():  # tab, CR and LF are CSV data; other controls are shown
        value = "".join(c if c in "\t\r\n" or c.isprintable() else _escape(c) for c in value)
    if value.startswith(_FORMULA):
        return "'" + value
    return value


def github_data(text: str) -> str:
    """The message of a workflow command (`::error ...::MESSAGE`)."""
    text = str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(text)


def github_log(line: str) -> str:
    """A plain line of a workflow's log, which the runner must never read as a command: the
    escapes of `github_data`, a legacy command's `##[` (read anywhere in a line) as `##%5B`,
    and a `::` that starts the line (after spaces) as `%3A:`."""
    text = github_data(line).replace("##[", "##%5B")
    rest = text.lstrip()
    if rest.startswith("::"):
        text = text[: len(text) - len(rest)] + "%3A" + rest[1:]
    return text


def github_property(text: str) -> str:
    """A property value of a workflow command (`file=`, `title=`)."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


def ics(text: str, *, newlines: bool = True) -> str:
    """iCalendar TEXT: no control characters but the line breaks the tool itself writes."""
    return terminal(text, newlines=newlines)


def jsonl(encoded: bytes) -> bytes:
    """UTF-8 JSON with U+2028, U+2029 and the C1 controls U+0080-U+009F (NEL among them)
    written as \\uXXXX (one line for any reader, no terminal command), and the bidi
    controls too (a viewer shows the text in the order it is stored).

    Those characters can only stand inside JSON strings, where the escape means the same.
    """
    if encoded.isascii():  # nothing to escape (the usual case), found far faster than by search
        return encoded
    return re.sub(_JSON_ESCAPED_RE, _json_escape, encoded)


def _json_escape(found: re.Match[bytes]) -> bytes:
    return _JSON_ESCAPED[found[0]]


def name(path: str) -> str:
    """A file name for a message, quoted as repr does: terminal-safe, as repr writes every
    character that is not printable as an escape (a tab as \\t; escaped once, not twice)."""
    return repr(str(path))


_MD_SPECIAL = r"([\\`*_{}\[\]()#+!|~])"  # compiled at first use (re keeps it)


def markdown(text: str) -> str:
    """Text for a Markdown table cell or line (the GitHub job summary): one line, every
    character Markdown or HTML could act on escaped, so a cell can never become a link,
    an image, a tag or a new table column."""
    one_line = terminal(str(text)).replace("\r", " ").replace("\n", " ")
    html = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(_MD_SPECIAL, r"\\\1", html)


def sarif(text: str) -> str:
    """A SARIF message text: JSON carries any string, but a viewer shows it as plain text, so
    control characters are shown escaped (as on a terminal)."""
    return terminal(str(text), newlines=True)


def uri(path: str) -> str:
    """A relative file path as a URI reference (SARIF artifactLocation.uri): forward slashes,
    percent-encoded; standard input is "stdin".

    A name's bytes that are not UTF-8 (held as surrogates, `x\\udcff.csv`) are encoded as the
    bytes they stand for (`x%FF.csv`); any other lone surrogate as its own code (surrogatepass):
    a URI is ASCII either way."""
    from urllib.parse import quote

    if path in ("-", "standard input"):
        return "stdin"
    path = path.replace("\\", "/").removeprefix("./")
    try:
        return quote(path, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:
        return quote(path, safe="/", errors="surrogatepass")
