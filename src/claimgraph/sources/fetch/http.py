"""The one HTTP client of claimgraph: used only by ``claimgraph sources fetch``.

Polite by default: a User-Agent naming claimgraph and a contact address (``--contact`` or
``$CLAIMGRAPH_CONTACT``, as Crossref's "polite pool" and arXiv ask), a timeout on every request,
retries with exponential backoff on time-outs, 429 and 5xx (``Retry-After`` honoured), and a
minimum interval between two requests to the same host (arXiv asks for 3 seconds).
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ...errors import IO, ClaimgraphError

DEFAULT_TIMEOUT = 30.0
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


def user_agent(contact: str | None) -> str:
    from ... import __version__

    contact = contact or os.environ.get("CLAIMGRAPH_CONTACT")
    return f"claimgraph/{__version__} (https://w3id.org/claimgraph" + (f"; mailto:{contact}" if contact else "") + ")"


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
        """Intervals and retries can be shortened for tests against a loopback server."""
        scale = float(os.environ.get("CLAIMGRAPH_FETCH_INTERVAL_SCALE", "1"))
        return cls(
            contact=contact,
            default_interval=1.0 * scale,
            backoff=1.0 * scale,
            intervals={"export.arxiv.org": 3.0 * scale, "arxiv.org": 3.0 * scale},
            timeout=float(os.environ.get("CLAIMGRAPH_FETCH_TIMEOUT", DEFAULT_TIMEOUT)),
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
