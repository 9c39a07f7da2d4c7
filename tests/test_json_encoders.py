"""One contract, two encoders, the same bytes.

A single document (`compute --format json`, explain, rules ...) is encoded with the standard
library's json, which needs nothing imported at start-up; `check`'s streams encode the same dicts
with orjson, which is faster per row. Both must write byte for byte the same JSON, so a tool
reading either cannot tell them apart.
"""

from __future__ import annotations

import datetime as dt
import json

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from deadlines import compute
from deadlines.render.json import deadline_dict, dumps, result_dict
from deadlines.render.jsonl import dumps_line, encode

# What the contract's dicts hold: text (any code point but a lone surrogate), 64-bit integers,
# booleans, null, lists and objects. No floats: no key of the contract is one.
_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12)
_LEAF = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | _TEXT
_DATA = st.recursive(
    _LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None)
@given(_DATA)
def test_the_two_encoders_write_the_same_bytes(data):
    """Indented and compact, with line ends (U+2028, U+2029, NEL) escaped by both."""
    assert dumps(data).encode() == encode_indented(data)
    assert dumps(data, indent=False).encode() == encode(data)
    assert dumps_line(data) == encode(data) + b"\n"
    assert json.loads(dumps(data)) == data


def encode_indented(data: object) -> bytes:
    from deadlines.safe import jsonl

    return jsonl(orjson.dumps(data, option=orjson.OPT_INDENT_2))


def test_every_code_point_is_written_alike():
    """Each character but a lone surrogate, in a key and in a value, by both encoders."""
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    data = {text: [text, {"k": text}]}
    assert dumps(data).encode() == encode_indented(data)
    assert dumps(data, indent=False).encode() == encode(data)


def test_a_lone_surrogate_is_escaped_alike():
    """Text UTF-8 cannot hold: every non-ASCII character escaped, by the document encoder and by
    the row encoder's fallback, and nothing lost."""
    data = {"title": "caf\u00e9 \ud800 \u2028"}
    line = dumps_line(data)
    assert line == dumps(data, indent=False).encode() + b"\n"
    assert line == b'{"title":"caf\\u00e9 \\ud800 \\u2028"}\n'
    assert json.loads(line) == data


def test_the_founding_case_is_written_alike():
    """The founding case's whole document, and each of its deadlines as `check` encodes it."""
    result = compute(dt.date(2015, 5, 12), decision=dt.date(2015, 6, 8))
    data = result_dict(result)
    assert dumps(data).encode() == encode_indented(data)
    for d in result.deadlines:
        assert dumps(deadline_dict(d), indent=False).encode() == encode(deadline_dict(d))


def test_every_command_s_json_goes_through_the_one_encoder(tmp_path):
    """`config` and `law` too: a directory named with U+2028 is written escaped, as in every
    other command's JSON, and reads back as it is."""
    import subprocess
    import sys

    odd = tmp_path / "council\u2028minutes"
    odd.mkdir()
    (odd / ".deadlines.toml").write_text('region = "scotland"\n', encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "deadlines", "config", "--format", "json"],
        capture_output=True, cwd=odd, check=True,
    ).stdout  # fmt: skip
    assert b"\\u2028" in out
    assert b"\xe2\x80\xa8" not in out
    assert json.loads(out)["config_file"] == str(odd / ".deadlines.toml")


def test_a_day_s_iso_text_is_made_once_and_the_store_stays_bounded(monkeypatch):
    """Each plain day's text is kept (check names the same days limit after limit), never more
    than ISO_DAYS of them; a date subclass is written by its own isoformat and never kept."""
    from deadlines.render import json as contract

    class Shown(dt.date):
        def isoformat(self):
            return "its own"

    monkeypatch.setattr(contract, "ISO_DAYS", 5)
    monkeypatch.setattr(contract, "_isos", {})
    first = dt.date(2015, 5, 12)
    days = [first + dt.timedelta(days=i) for i in range(12)]
    assert [contract.iso_day(d) for d in days] == [d.isoformat() for d in days]
    assert len(contract._isos) <= 5
    assert contract.iso_day(first) == "2015-05-12"  # kept: an equal subclass must not be given it
    assert contract.iso_day(Shown(2015, 5, 12)) == "its own"
    assert all(k.__class__ is dt.date for k in contract._isos)
