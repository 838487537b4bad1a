"""The one HTTP client of claimgraph: used only by ``claimgraph sources fetch``.

Polite by default: a User-Agent naming claimgraph and a contact address (``--contact`` or
``$CLAIMGRAPH_CONTACT``, as Crossref's "polite pool" and arXiv ask), a timeout on every request,
retries with exponential backoff on time-outs, 429 and 5xx (``Retry-After`` honoured), and a
minimum interval between two requests to the same host (arXiv asks for 3 seconds).
"""

from __future__ import annotations

import math
import os
import socket
import time
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from ...errors import IO, USAGE, ClaimgraphError
from ...hidden_characters import describe

DEFAULT_TIMEOUT = 30.0
#: The largest $CLAIMGRAPH_FETCH_INTERVAL_SCALE: beyond it the waits overflow time.sleep (about 30 years).
MAX_INTERVAL_SCALE = 1e6
#: Largest body read (a PDF of a long report fits; anything bigger is not a source text).
MAX_BODY = 100 * 1024 * 1024


class FetchError(ClaimgraphError):
    """A request failed for good; ``offline`` when no connection could be made at all."""

    kind = IO

    def __init__(self, message: str, *, status: int | None = None, offline: bool = False):
        super().__init__(message)
        self.status = status
        self.offline = offline


@dataclass(frozen=True)
class Response:
    url: str
    status: int
    body: bytes
    media_type: str


def user_agent(contact: str | None, option: str = "--contact") -> str:
    """The User-Agent header: claimgraph's name and version, and the contact address as a ``mailto:`` URI.

    ``contact`` defaults to ``$CLAIMGRAPH_CONTACT``; ``option`` names where a given ``contact`` came from,
    for the message. Raises a usage error (ClaimgraphError) for a contact holding a control character."""
    from ... import __version__

    if not contact:
        contact, option = os.environ.get("CLAIMGRAPH_CONTACT"), "$CLAIMGRAPH_CONTACT"
    address = _ascii_address(contact, option) if contact else None
    return f"claimgraph/{__version__} (https://w3id.org/claimgraph" + (f"; mailto:{address}" if address else "") + ")"


def _ascii_address(contact: str, option: str) -> str:
    """``contact`` in ASCII, as HTTP headers must be: an internationalised domain in IDNA (``xn--``), any other
    non-ASCII character percent-encoded in UTF-8, as a ``mailto:`` URI writes it (RFC 6068).

    A control character (a line break, a tab) is refused rather than encoded: in a header it would end the
    header and begin another, and in an address it can only be a mistake."""
    control = next((c for c in contact if unicodedata.category(c) == "Cc"), None)
    if control is not None:
        raise ClaimgraphError(f"{option} {contact!r}: an e-mail address cannot hold {describe(control)}", USAGE)
    if contact.isascii():
        return contact
    local, at, domain = contact.rpartition("@")
    if not at:
        local, domain = contact, ""
    if domain and not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise ClaimgraphError(
                f"{option} {contact!r}: the domain {domain!r} is not an internationalised domain name IDNA can "
                "write in ASCII",
                USAGE,
            ) from None
    # (a byte of the command line that is not UTF-8, a lone surrogate here, is sent as that byte: %FF)
    local = "".join(c if c.isascii() else quote(c, safe="", errors="surrogateescape") for c in local)
    return local + at + domain


def _environment_number(
    name: str, default: float, *, least: float, most: float, open_least: bool, expected: str
) -> float:
    """The number in environment variable ``name`` (``default`` when unset or blank), or a usage error naming it.

    As with $CLAIMGRAPH_SHACL_TIMEOUT (checks/shacl.py), a typo must not become the default, nor ``nan``,
    a negative number or an overflowing one reach the socket or ``time.sleep`` as a traceback."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not ((value > least if open_least else value >= least) and value <= most):  # nan fails too
        raise ClaimgraphError(f"{name}={raw!r}: expected {expected}", USAGE)
    return value


@dataclass
class HttpClient:
    contact: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    retries: int = 3
    backoff: float = 1.0
    #: Seconds between two requests to one host; per host, e.g. {"export.arxiv.org": 3.0}.
    intervals: dict[str, float] = field(default_factory=dict)
    default_interval: float = 1.0
    _last: dict[str, float] = field(default_factory=dict)

    @classmethod
    def from_environment(cls, contact: str | None = None) -> "HttpClient":
        """A client as ``$CLAIMGRAPH_FETCH_TIMEOUT`` and ``$CLAIMGRAPH_CONTACT`` set it (``contact``, given by
        ``--contact``, first); intervals and retries can be shortened for tests against a loopback server.

        Raises a usage error (ClaimgraphError) naming the variable or the option whose value is bad, before
        any request is made."""
        scale = _environment_number(
            "CLAIMGRAPH_FETCH_INTERVAL_SCALE",
            1.0,
            least=0,
            most=MAX_INTERVAL_SCALE,
            open_least=False,
            expected=f"a number from 0 (no waiting) to {MAX_INTERVAL_SCALE:.0f} (1 = the usual intervals)",
        )
        # a socket's time limit must be more than 0 (0 would make it non-blocking) and fit a C timeval
        timeout = _environment_number(
            "CLAIMGRAPH_FETCH_TIMEOUT",
            DEFAULT_TIMEOUT,
            least=0,
            most=1e9,
            open_least=True,
            expected="a number of seconds, more than 0 (at most 1e9)",
        )
        user_agent(contact)  # a bad address is a usage error now, not a failure of the first request
        return cls(
            contact=contact,
            default_interval=1.0 * scale,
            backoff=1.0 * scale,
            intervals={"export.arxiv.org": 3.0 * scale, "arxiv.org": 3.0 * scale},
            timeout=timeout,
        )

    def _wait_turn(self, host: str) -> None:
        interval = self.intervals.get(host, self.default_interval)
        last = self._last.get(host)
        if last is not None:
            delay = last + interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        self._last[host] = time.monotonic()

    def get(self, url: str, accept: str = "*/*") -> Response:
        """The response to GET ``url``; 404 and 410 are returned, other failures raise FetchError."""
        host = urlsplit(url).hostname or ""
        request = urllib.request.Request(url, headers={"User-Agent": user_agent(self.contact), "Accept": accept})
        attempt = 0
        while True:
            self._wait_turn(host)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                    body = reply.read(MAX_BODY + 1)
                    if len(body) > MAX_BODY:
                        raise FetchError(f"{url}: response over {MAX_BODY:,} bytes")
                    media = (reply.headers.get_content_type() or "application/octet-stream").lower()
                    return Response(reply.geturl(), reply.status, body, media)
            except urllib.error.HTTPError as exc:
                if exc.code in (404, 410):
                    return Response(url, exc.code, b"", "text/plain")
                retry = exc.code == 429 or exc.code >= 500
                wait = _retry_after(exc.headers.get("Retry-After")) if exc.headers else None
                if not retry or attempt >= self.retries:
                    raise FetchError(f"{url}: HTTP {exc.code} {exc.reason}", status=exc.code) from None
            except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError) as exc:
                reason = getattr(exc, "reason", exc)
                offline = isinstance(reason, (socket.gaierror, ConnectionRefusedError, OSError)) and not isinstance(
                    reason, (socket.timeout, TimeoutError)
                )
                if attempt >= self.retries:
                    raise FetchError(f"{url}: {reason}", offline=offline) from None
                wait = None
            attempt += 1
            time.sleep(wait if wait is not None else self.backoff * 2 ** (attempt - 1))


def _retry_after(value: str | None) -> float | None:
    try:
        return min(float(value), 120.0) if value else None
    except ValueError:
        return None
