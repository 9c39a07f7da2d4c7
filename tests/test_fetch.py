"""`deadlines moderngov fetch` against a ModernGov look-alike on 127.0.0.1, started here.

The server serves the real Manchester responses (tests/fixtures/moderngov/manchester/) under
/good/, answers 403 under /forbidden/, 404 under /missing/, too slowly under /slow/, broken XML
under /malformed/, 500 under /down/, and a 503 before a good answer under /flaky/. Retries and back-off are kept
tiny through the command's own options, so the file runs in well under a second or two.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from deadlines import fetch as fetch_mod

MANCHESTER = Path(__file__).parent / "fixtures" / "moderngov" / "manchester"
FAST = ("--retries", "1", "--backoff", "0.01", "--timeout", "2")


class _Handler(BaseHTTPRequestHandler):
    hits: dict[str, int]
    queries: list[str]

    def log_message(self, *args):  # quiet
        pass

    def _send(self, status: int, body: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except OSError:  # the client gave up (the timeout test): nothing to answer
            pass

    def do_GET(self):
        url = urlsplit(self.path)
        site, _, call = url.path.strip("/").partition("/mgWebService.asmx/")
        self.queries.append(self.path)
        self.hits[site] = self.hits.get(site, 0) + 1
        query = parse_qs(url.query)
        if site == "forbidden":
            self._send(403, b"<html>Forbidden</html>")
        elif site == "missing":
            self._send(404, b"not here")
        elif site == "slow":
            time.sleep(0.3)
            self._send(200, (MANCHESTER / "getmeetings-144.xml").read_bytes())
        elif site == "malformed":
            self._send(200, b'<?xml version="1.0"?>\n<getmeetings><committee>')
        elif site == "down":
            self._send(500, b"oops")
        elif site == "flaky" and self.hits[site] == 1:
            self._send(503, b"busy")
        elif site == "arabic" and call == "GetMeetings":  # an id in Arabic-Indic digits
            body = (MANCHESTER / "getmeetings-144.xml").read_bytes()
            self._send(200, body.replace(b">4966<", ">\u0664\u0669\u0666\u0666<".encode()))
        elif call == "GetMeetings":
            self._send(200, (MANCHESTER / "getmeetings-144.xml").read_bytes())
        elif call == "GetMeeting":
            meeting = query["lMeetingId"][0]
            path = MANCHESTER / f"meeting-{meeting}.xml"
            if path.exists():
                self._send(200, path.read_bytes())
            else:
                self._send(404, b"")
        else:
            self._send(404, b"")


@pytest.fixture
def server():
    handler = type("Handler", (_Handler,), {"hits": {}, "queries": []})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = False  # server_close() waits for the slow answers: none outlive it
    httpd.handle_error = lambda request, address: None
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def _fetch(invoke, base, out, *extra):
    return invoke(
        "moderngov", "fetch", base, "--committee", "144", "--from", "2026-01-01",
        "--to", "2026-03-31", "-o", out, *extra,
    )  # fmt: skip


def _last_error(result) -> str:
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ")
    assert "Traceback" not in result.stderr
    return last


def test_good_service_saves_the_list_and_each_meeting_then_check_reads_it(invoke, server, tmp_path):
    base, handler = server
    out = tmp_path / "audit"
    result = _fetch(invoke, f"{base}/good", out, *FAST)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "getmeetings-144.xml", "meeting-4966.xml", "meeting-4967.xml"]  # fmt: skip
    assert (out / "meeting-4967.xml").read_bytes() == (MANCHESTER / "meeting-4967.xml").read_bytes()
    # The service is asked with dd/mm/yyyy dates, unescaped slashes, as ModernGov expects.
    assert handler.queries[0] == (
        "/good/mgWebService.asmx/GetMeetings?lCommitteeId=144&sFromDate=01/01/2026"
        "&sToDate=31/03/2026"
    )
    assert handler.queries[1:] == [
        "/good/mgWebService.asmx/GetMeeting?lMeetingId=4966",
        "/good/mgWebService.asmx/GetMeeting?lMeetingId=4967",
    ]
    assert "saved the list and 2 meetings" in result.stdout
    check = invoke("check", out, "--pack", "england-council", "--format", "json")
    assert check.exit_code == 1  # the cancelled meeting is a row error, the other is met
    summary = json.loads(check.stdout)["summary"]
    assert (summary["failing"], summary["errored"]) == (0, 1)


def test_base_url_may_name_the_service_itself(invoke, server, tmp_path):
    base, handler = server
    result = _fetch(invoke, f"{base}/good/mgWebService.asmx/", tmp_path / "o", *FAST)
    assert result.exit_code == 0, result.output
    assert handler.queries[0].startswith("/good/mgWebService.asmx/GetMeetings?")


def test_403_is_one_clear_line_and_not_retried(invoke, server, tmp_path):
    base, handler = server
    result = _fetch(invoke, f"{base}/forbidden", tmp_path / "o", "--retries", "3")
    assert result.exit_code == 2
    assert "the service refused (HTTP 403 Forbidden)" in _last_error(result)
    assert handler.hits["forbidden"] == 1
    assert not (tmp_path / "o").exists()


def test_404_says_what_base_url_should_be(invoke, server, tmp_path):
    base, _ = server
    result = _fetch(invoke, f"{base}/missing", tmp_path / "o", *FAST)
    assert result.exit_code == 2
    assert "not found (HTTP 404); expected BASE_URL" in _last_error(result)


def test_slow_service_times_out_after_the_retries(invoke, server, tmp_path):
    base, handler = server
    started = time.monotonic()
    result = _fetch(
        invoke, f"{base}/slow", tmp_path / "o", "--timeout", "0.1", "--retries", "1",
        "--backoff", "0.01",
    )  # fmt: skip
    assert result.exit_code == 2
    last = _last_error(result)
    assert "no answer within 0.1 seconds, after 2 tries" in last
    assert handler.hits["slow"] == 2
    assert time.monotonic() - started < 3


def test_malformed_xml_is_refused_and_nothing_is_written(invoke, server, tmp_path):
    base, _ = server
    result = _fetch(invoke, f"{base}/malformed", tmp_path / "o", *FAST)
    assert result.exit_code == 2
    assert "not well-formed XML" in _last_error(result)
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_a_503_is_retried_after_back_off(invoke, server, tmp_path):
    base, handler = server
    result = _fetch(invoke, f"{base}/flaky", tmp_path / "o", *FAST)
    assert result.exit_code == 0, result.output
    assert handler.hits["flaky"] == 4  # 503, then the list and two meetings


def test_a_service_that_stays_down_is_one_line_after_the_retries(invoke, server, tmp_path):
    base, handler = server
    result = _fetch(invoke, f"{base}/down", tmp_path / "o", *FAST)
    assert result.exit_code == 2
    assert "HTTP 500 Internal Server Error, after 2 tries" in _last_error(result)
    assert handler.hits["down"] == 2


def test_back_off_doubles():
    """With a refused connection every time: waits of 1x, 2x, 4x the back-off."""
    waits = []
    with pytest.raises(fetch_mod.FetchError, match="after 4 tries"):
        fetch_mod.get(
            "http://127.0.0.1:9/x", timeout=0.5, retries=3, backoff=0.5, sleep=waits.append
        )
    assert waits == [0.5, 1.0, 2.0]


@pytest.mark.parametrize(
    ("base", "message"),
    [("democracy.example.gov.uk", "is not a web address"), ("ftp://x", "is not a web address"),
     ("http://[::1", "is not a web address (Invalid IPv6 URL)"),  # an unclosed bracket
     ("https://", "is not a web address"), ("https:///path", "is not a web address"),
     ("https://host:abc", "is not a web address (Port could not be cast"),
     ("https://host:99999", "is not a web address (Port out of range")],
)  # fmt: skip
def test_base_url_must_be_http(invoke, tmp_path, base, message):
    result = _fetch(invoke, base, tmp_path / "o")
    assert result.exit_code == 2
    assert message in _last_error(result)


@pytest.mark.parametrize(
    "extra",
    [("--timeout", "nan"), ("--retries", "1", "--backoff", "nan"), ("--timeout", "inf")],
)
def test_seconds_must_be_numbers(invoke, tmp_path, extra):
    """nan passes every range comparison: it is refused by name, before any request."""
    result = _fetch(invoke, "http://127.0.0.1:9", tmp_path / "o", *extra)
    assert result.exit_code == 2
    assert f"Invalid value for '{extra[-2]}'" in _last_error(result)
    assert not (tmp_path / "o").exists()


def test_range_must_be_in_order(invoke, tmp_path):
    result = invoke(
        "moderngov", "fetch", "https://x.invalid", "--committee", "1", "--from", "2026-03-01",
        "--to", "2026-02-01", "-o", tmp_path / "o",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "is before --from" in _last_error(result)


def test_progress_bar_only_on_a_terminal():
    class Stream:
        def __init__(self):
            self.text = ""

        def write(self, s):
            self.text += s

        def flush(self):
            pass

    quiet, shown = Stream(), Stream()
    fetch_mod.Progress(quiet, False)(1, 2)
    bar = fetch_mod.Progress(shown, True)
    bar(1, 2)
    bar(2, 2)
    assert quiet.text == ""
    assert shown.text == f"\r[{'#' * 15:<30}] 1/2 meetings\r[{'#' * 30}] 2/2 meetings\n"


def test_check_never_imports_the_network_code():
    """check reads saved files only: urllib stays unimported on the ModernGov path."""
    import subprocess
    import sys

    code = (
        "import sys\nfrom deadlines.cli import main\nsys.argv=['deadlines','check',"
        f"{str(MANCHESTER / 'meeting-4967.xml')!r},'--pack','england-council','--format','json']\n"
        "try:\n main()\nexcept SystemExit:\n pass\n"
        "assert 'urllib.request' not in sys.modules, 'urllib imported'\n"
        "assert 'deadlines.fetch' not in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_a_meeting_id_of_other_digits_is_not_asked_for(invoke, server, tmp_path):
    """`str.isdigit` passes Arabic-Indic digits, which then could not be put in the request's
    address (an Error line about the terminal's encoding). Only a meeting id of ASCII digits
    is asked for, as any other id that is no number; the list is saved whole."""
    base, handler = server
    out = tmp_path / "audit"
    result = _fetch(invoke, f"{base}/arabic", out, *FAST)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["getmeetings-144.xml", "meeting-4967.xml"]
    assert handler.queries[1:] == ["/arabic/mgWebService.asmx/GetMeeting?lMeetingId=4967"]
