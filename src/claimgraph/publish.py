"""Push a registry to an existing SPARQL store with the SPARQL 1.1 Graph Store HTTP Protocol.

https://www.w3.org/TR/sparql11-http-rdf-update/ : one ``PUT <endpoint>?graph=<IRI>``
per named graph (the claims, the sources and, if asked, the vocabulary), each body in
N-Triples. PUT replaces the graph, so publishing again is idempotent: the store ends up
holding exactly this version of the registry in those graphs, and nothing else of the
store is touched.

This is the only part of claimgraph that reaches the network, and only the endpoint
the user names. Authentication is HTTP Basic or Digest (both offered by urllib; the
server picks), with the password taken from an environment variable, never a flag.

Endpoints, for example:

* Virtuoso: ``http://HOST:8890/sparql-graph-crud-auth`` (digest, a user with SPARQL_UPDATE);
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data``;
* Oxigraph server: ``http://HOST:7878/store``.
"""

from __future__ import annotations

import math
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import IO, USAGE, ClaimgraphError
from .registry import VOCABULARY_GRAPH, Registry
from .reports import UNSHOWABLE, one_line

USER_AGENT = "claimgraph-publish"
#: Longest wait per request: a socket refuses timeouts beyond what the platform's clock can hold.
MAX_TIMEOUT = 86400.0
#: How much of a store's error answer a message quotes.
DETAIL_CHARS = 300
class PublishError(ClaimgraphError):
    """The store refused or could not be reached (I/O), or the options cannot be used (usage)."""

    default_kind = IO


@dataclass(frozen=True)
class Pushed:
    graph: str
    triples: int
    status: int


def graph_payloads(registry: Registry, *, include_vocabulary: bool = False) -> list[tuple[str, bytes, int]]:
    """(graph IRI, N-Triples body, triple count) for every graph to publish."""
    names = registry.data_graph_names()
    if include_vocabulary:
        names.append(ox.NamedNode(VOCABULARY_GRAPH))
    out = []
    for name in names:
        triples = [ox.Triple(q.subject, q.predicate, q.object)
                   for q in registry.store.quads_for_pattern(None, None, None, name)]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
        out.append((name.value, body, len(triples)))
    return out


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
    """``endpoint`` if it is an http(s) URL that can be sent to; else a :class:`PublishError` (exit 2)."""
    shown_url = redact(endpoint)
    usage = f"--endpoint {shown_url} must be an http(s) URL of {what}"
    if UNSHOWABLE.search(endpoint) or any(c.isspace() for c in endpoint):
        raise PublishError(f"{usage}: it holds a space or a control character", USAGE)
    try:
        parts = urllib.parse.urlsplit(endpoint)
        parts.port  # noqa: B018 - parsing the port is what raises on "host:abc" or "host:99999"
    except ValueError as exc:
        # urllib's own message quotes the "port", which may be part of a password ("bob:pa/ss@host")
        reason = ("its IPv6 address lacks the closing ]" if "IPv6" in str(exc)
                  else "the port after the host is not a number from 0 to 65535")
        if "@" in endpoint:
            reason += " (and a user name or password does not belong in it: use --user and --password-env)"
        raise PublishError(f"{usage}: {reason}", USAGE) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishError(usage, USAGE)
    if parts.username is not None or parts.password is not None:
        # urllib would send "user:password@host" to the name resolver (and into its error message);
        # a password on the command line also lands in the shell history and the process list.
        raise PublishError(f"--endpoint {shown_url} must not carry a user name or password: give the user "
                           "with --user and the password in the variable named by --password-env", USAGE)
    if parts.fragment:
        raise PublishError("--endpoint must not carry a #fragment", USAGE)
    return endpoint


def check_timeout(timeout) -> float:
    """``timeout`` if it is a finite number of seconds above 0 (at most a day); else a :class:`PublishError`."""
    try:
        seconds = float(timeout)
    except (TypeError, ValueError):
        seconds = math.nan
    if not (math.isfinite(seconds) and 0 < seconds <= MAX_TIMEOUT):
        raise PublishError(f"--timeout must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, "
                           f"not {shown(timeout)}", USAGE)
    return seconds


def store_detail(body: bytes) -> str:
    """The start of a store's error answer, for a message: on one line, no control characters
    (a store, or whatever answers at its address, may send anything), at most DETAIL_CHARS characters."""
    text = " ".join(body.decode("utf-8", "replace").split())
    text = UNSHOWABLE.sub("", text)
    return text if len(text) <= DETAIL_CHARS else text[:DETAIL_CHARS - 1] + "…"


def graph_url(endpoint: str, graph: str) -> str:
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': graph})}"


def _opener(endpoint: str, user: str | None, password: str | None):
    handlers: list = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password or "")
        handlers += [urllib.request.HTTPDigestAuthHandler(manager), urllib.request.HTTPBasicAuthHandler(manager)]
    # Never follow a redirect elsewhere with the data: a store that redirects is misconfigured.
    handlers.append(_NoRedirect())
    return urllib.request.build_opener(*handlers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise PublishError(f"the endpoint redirects ({code}) to {redact(newurl)}: "
                           "give that URL as --endpoint instead")


def publish(registry: Registry, endpoint: str, *, user: str | None = None, password: str | None = None,
            include_vocabulary: bool = False, timeout: float = 60.0, progress=None) -> list[Pushed]:
    """PUT every graph of the registry to ``endpoint``. Raises :class:`PublishError` on the first failure."""
    check_endpoint(endpoint)
    timeout = check_timeout(timeout)
    shown_url = redact(endpoint)
    opener = _opener(endpoint, user, password)
    pushed = []
    for graph, body, count in graph_payloads(registry, include_vocabulary=include_vocabulary):
        request = urllib.request.Request(graph_url(endpoint, graph), data=body, method="PUT", headers={
            "Content-Type": "application/n-triples; charset=utf-8", "User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            detail = store_detail(exc.read(2 * DETAIL_CHARS))
            hint = (" (check --user and the password variable)" if exc.code in (401, 403) else "")
            raise PublishError(f"PUT {shown(graph)}: the store answered {exc.code} {shown(exc.reason)[:100]}{hint}"
                               + (f": {detail}" if detail else "")) from None
        except urllib.error.URLError as exc:
            raise PublishError(f"cannot reach {shown_url}: {shown(exc.reason)}") from None
        except (TimeoutError, ConnectionError, OSError) as exc:
            raise PublishError(f"cannot reach {shown_url}: {shown(exc)}") from None
        except ValueError as exc:  # http.client.InvalidURL, a host name IDNA cannot encode
            raise PublishError(f"--endpoint {shown_url} cannot be used: {shown(exc)}", USAGE) from None
        if status not in (200, 201, 204):
            raise PublishError(f"PUT {shown(graph)}: unexpected answer {status}")
        pushed.append(Pushed(graph, count, status))
        if progress:
            progress(pushed[-1])
    return pushed
