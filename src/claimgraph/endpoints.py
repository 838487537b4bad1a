"""Naming a SPARQL store: its URL and time limit checked before anything is sent, and every URL or
answer of a store made safe to print.

Shared by ``claimgraph publish`` (Graph Store Protocol) and ``check --endpoint`` (SPARQL queries on
a store): a URL that carries a password is refused, and every message that names one hides it.
"""

from __future__ import annotations

import math
import urllib.parse

from .errors import IO, USAGE, ClaimgraphError
from .reports import UNSHOWABLE, one_line

#: Longest wait per request: a socket refuses timeouts beyond what the platform's clock can hold.
MAX_TIMEOUT = 86400.0
#: How much of a store's error answer a message quotes.
DETAIL_CHARS = 300


class StoreError(ClaimgraphError):
    """The store refused or could not be reached (I/O), or the options cannot be used (usage)."""

    kind = IO


def shown(text) -> str:
    """``text`` safe to print: every control character written as a visible escape (``\\x1b``), as in reports."""
    return one_line(str(text))


def redact(url: str) -> str:
    """``url`` with everything between ``scheme://`` and its last ``@`` replaced by ``***``, made safe to print.

    Every message naming an endpoint, or a URL the store sent, goes through here: CI logs are
    often public, and a password in one cannot be taken back. The last ``@`` of the whole text,
    not of the host part: a password may hold ``/`` or ``#``, which would end the host part early;
    an ``@`` in a path costs only a less readable message."""
    text = str(url)
    if "@" in text:
        scheme, sep, rest = text.partition("://")
        tail = rest.rpartition("@")[2] if sep else text.rpartition("@")[2]
        text = f"{scheme}://***@{tail}" if sep else f"***@{tail}"
    return shown(text)


def check_endpoint(endpoint: str, what: str = "a Graph Store Protocol endpoint") -> str:
    """``endpoint`` if it is an http(s) URL that can be sent to; else a :class:`StoreError` (exit 2)."""
    shown_url = redact(endpoint)
    usage = f"--endpoint {shown_url} must be an http(s) URL of {what}"
    if UNSHOWABLE.search(endpoint) or any(c.isspace() for c in endpoint):
        raise StoreError(f"{usage}: it holds a space or a control character", USAGE)
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # noqa: B018 - parsing the port is what raises on "host:abc" or "host:99999"
    except ValueError as exc:
        # urllib's own message quotes the "port", which may be part of a password ("bob:pa/ss@host")
        reason = (
            "its IPv6 address lacks the closing ]"
            if "IPv6" in str(exc)
            else "the port after the host is not a number from 0 to 65535"
        )
        if "@" in endpoint:
            reason += " (and a user name or password does not belong in it: use --user and --password-env)"
        raise StoreError(f"{usage}: {reason}", USAGE) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(usage, USAGE)
    if parts.username is not None or parts.password is not None:
        # urllib would send "user:password@host" to the name resolver (and into its error message);
        # a password on the command line also lands in the shell history and the process list.
        raise StoreError(
            f"--endpoint {shown_url} must not carry a user name or password: give the user "
            "with --user and the password in the variable named by --password-env",
            USAGE,
        )
    if parts.fragment:
        raise StoreError("--endpoint must not carry a #fragment", USAGE)
    return endpoint


def check_timeout(timeout) -> float:
    """``timeout`` if it is a finite number of seconds above 0 (at most a day); else a :class:`StoreError`."""
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = math.nan
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT):
        raise StoreError(
            f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, not {shown(timeout)}", USAGE
        )
    return seconds


def store_detail(body: bytes) -> str:
    """The start of a store's error answer, for a message: on one line, no control characters
    (a store, or whatever answers at its address, may send anything), at most DETAIL_CHARS characters."""
    text = " ".join(body.decode("utf-8", "replace").split())
    text = UNSHOWABLE.sub("", text)
    return text if len(text) <= DETAIL_CHARS else text[: DETAIL_CHARS - 1] + "…"
