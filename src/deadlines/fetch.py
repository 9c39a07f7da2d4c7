"""`deadlines moderngov fetch`: save a committee's ModernGov responses for `check` to read.

The tool's only network access, and only when this command is run. Plain GET requests to the
council's public web service:

  BASE_URL/mgWebService.asmx/GetMeetings?lCommitteeId=ID&sFromDate=dd/mm/yyyy&sToDate=dd/mm/yyyy
  BASE_URL/mgWebService.asmx/GetMeeting?lMeetingId=ID          (for each meeting listed)

Each answer is checked (well-formed XML with a ModernGov root element) before it is written,
atomically, into the output directory as getmeetings-ID.xml and meeting-ID.xml. A request that
times out, cannot connect, or gets a 5xx or 429 answer is tried again after 1, 2, 4, ... times
`backoff` seconds; a 403, a 404 or a response that is not ModernGov XML stops at once with one
line saying what was asked and what was expected. urllib only, imported when fetching.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from deadlines._version import __version__
from deadlines.errors import InputError

_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
_MAX_BYTES = 64 * 1024 * 1024  # one committee's responses are kilobytes; refuse a runaway answer


class FetchError(InputError):
    """The service could not be read (exit 2, one line)."""


def service_url(base_url: str) -> str:
    """The web service's address from a council's ModernGov site (or the service itself)."""
    url = base_url.strip().rstrip("/")
    if not url.lower().startswith(("http://", "https://")):
        msg = (
            f"BASE_URL {base_url!r} is not a web address; expected the council's ModernGov site, "
            "e.g. https://democracy.example.gov.uk"
        )
        raise FetchError(msg)
    from urllib.parse import urlsplit  # only the fetch command needs it

    try:
        parts = urlsplit(url)  # a malformed address (an unclosed IPv6 bracket) raises,
        host, _ = parts.hostname, parts.port  # as does a port that is not a number in range
    except ValueError as e:
        host = None
        why = f" ({e})"
    else:
        why = ""
    if not host:
        msg = (
            f"BASE_URL {base_url!r} is not a web address{why}; expected the council's ModernGov "
            "site, e.g. https://democracy.example.gov.uk"
        )
        raise FetchError(msg)
    if url.lower().endswith("/mgwebservice.asmx"):
        url = url[: -len("/mgWebService.asmx")]
    return f"{url}/mgWebService.asmx"


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def get(
    url: str,
    *,
    timeout: float = 20.0,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """The body of a GET, tried again (with exponential back-off) when that may help."""
    import http.client
    import urllib.error
    import urllib.request

    request = urllib.request.Request(  # the scheme is checked by service_url
        url, headers={"User-Agent": f"deadlines/{__version__}", "Accept": "text/xml"}
    )
    attempt = 0
    while True:
        attempt += 1
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = response.read(_MAX_BYTES + 1)
        except urllib.error.HTTPError as e:
            status = e.code
            if status == 403:
                msg = (
                    f"GET {url}: the service refused (HTTP 403 Forbidden); expected its public "
                    "web service to answer (some councils block it: ask them to allow "
                    "mgWebService.asmx)"
                )
                raise FetchError(msg) from None
            if status == 404:
                msg = (
                    f"GET {url}: not found (HTTP 404); expected BASE_URL to be the council's "
                    "ModernGov site, e.g. https://democracy.example.gov.uk"
                )
                raise FetchError(msg) from None
            why = f"HTTP {status} {e.reason}"
            if status not in _RETRY_STATUS:
                msg = f"GET {url}: {why}; expected HTTP 200 with ModernGov XML"
                raise FetchError(msg) from None
        except TimeoutError:
            why = f"no answer within {timeout:g} seconds"
        except urllib.error.URLError as e:
            reason = e.reason
            if isinstance(reason, TimeoutError):
                why = f"no answer within {timeout:g} seconds"
            else:
                why = f"cannot connect ({reason})"
        except (OSError, http.client.HTTPException) as e:
            why = f"the connection failed ({e.__class__.__name__}: {e})"
        else:
            if len(body) > _MAX_BYTES:
                msg = f"GET {url}: the answer is larger than 64 MB; expected ModernGov XML"
                raise FetchError(msg)
            return body
        if attempt > retries:
            tries = f"{attempt} tr{'y' if attempt == 1 else 'ies'}"
            msg = f"GET {url}: {why}, after {tries}; expected the service to answer (try later)"
            raise FetchError(msg)
        sleep(backoff * 2 ** (attempt - 1))


def _checked(url: str, body: bytes) -> list:
    from deadlines import moderngov

    try:
        return moderngov.parse(body, f"GET {url}")
    except InputError as e:
        raise FetchError(str(e)) from None


class Progress:
    """A one-line bar on a terminal stream: `[#####     ] 3/6 meetings`."""

    def __init__(self, stream, enabled: bool) -> None:
        self.stream, self.enabled = stream, enabled

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        bar = "#" * (30 * done // total)
        self.stream.write(f"\r[{bar:<30}] {done}/{total} meetings")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def fetch(  # noqa: PLR0913 - the command's options, each named
    base_url: str,
    committee: int,
    start: date,
    end: date,
    out_dir: str,
    *,
    timeout: float = 20.0,
    retries: int = 3,
    backoff: float = 1.0,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Fetch and save the committee's meetings from start to end; the paths written."""
    from urllib.parse import urlencode

    from deadlines.output import write_atomic

    if end < start:
        msg = f"--to {end.isoformat()} is before --from {start.isoformat()}; expected a range"
        raise FetchError(msg)
    service = service_url(base_url)
    if os.path.exists(out_dir) and not os.path.isdir(out_dir):
        msg = f"-o {out_dir!r} is a file; expected a directory (it is created if missing)"
        raise FetchError(msg)
    options: dict[str, Any] = {"timeout": timeout, "retries": retries, "backoff": backoff}
    query = urlencode(
        {"lCommitteeId": committee, "sFromDate": _dmy(start), "sToDate": _dmy(end)}, safe="/"
    )
    url = f"{service}/GetMeetings?{query}"
    body = get(url, **options)
    meetings = _checked(url, body)
    ids = [m.id for m in meetings if m.id.isascii() and m.id.isdigit()]  # never "\u0664"
    os.makedirs(out_dir, exist_ok=True)
    saved = [os.path.join(out_dir, f"getmeetings-{committee}.xml")]
    bodies = [body]
    report = progress or (lambda done, total: None)
    report(0, len(ids))
    for n, meeting_id in enumerate(ids, 1):
        url = f"{service}/GetMeeting?lMeetingId={meeting_id}"
        body = get(url, **options)
        _checked(url, body)
        saved.append(os.path.join(out_dir, f"meeting-{meeting_id}.xml"))
        bodies.append(body)
        report(n, len(ids))
    for path, data in zip(saved, bodies, strict=True):  # nothing is written unless all answered
        write_atomic(path, data)
    return saved
