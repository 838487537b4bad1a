"""Push a registry to an existing SPARQL store with the SPARQL 1.1 Graph Store HTTP Protocol.

https://www.w3.org/TR/sparql11-http-rdf-update/ : one ``PUT <endpoint>?graph=<IRI>``
per named graph (the claims, the sources and, if asked, the vocabulary), each body in
N-Triples. PUT replaces the graph, so publishing again is idempotent: the store ends up
holding exactly this version of the registry in those graphs, and nothing else of the
store is touched.

The bodies are the statements ``claimgraph export --format trig`` writes, term for term: they are
made by the export's own code (:func:`claimgraph.export_data.data_rows`, labelled and ordered by
:func:`claimgraph.rdf_writer.prepared`), so every literal keeps its written form (``"007"``,
``"1.30"``), the normalised values are in XSD canonical form (``"1.3E3"``) and blank nodes carry
the export's stable labels, the same from one run to the next. (Oxigraph's store holds numbers by
value: serialising it would send ``"7"`` for a written ``"007"``.)

This is the only part of claimgraph that reaches the network, and only the endpoint
the user names. Authentication is HTTP Basic or Digest (both offered by urllib; the
server picks), with the password taken from an environment variable, never a flag.

Endpoints, for example:

* Virtuoso: ``http://HOST:8890/sparql-graph-crud-auth`` (digest, a user with SPARQL_UPDATE);
* Apache Jena Fuseki: ``http://HOST:3030/DATASET/data``;
* Oxigraph server: ``http://HOST:7878/store``.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pyoxigraph as ox

from .endpoints import DETAIL_CHARS, StoreError, check_endpoint, check_timeout, redact, shown, store_detail
from .errors import USAGE
from .registry import VOCABULARY_GRAPH, Registry

#: What publishing raises: the store refused or could not be reached, or the options cannot be used.
PublishError = StoreError

USER_AGENT = "claimgraph-publish"


@dataclass(frozen=True)
class Pushed:
    graph: str
    triples: int
    status: int


def graph_payloads(registry: Registry, *, include_vocabulary: bool = False) -> list[tuple[str, bytes, int]]:
    """(graph IRI, N-Triples body, triple count) for every graph to publish: the claims and the sources as
    the TriG export writes them (see the module's docstring), and, if asked, the vocabulary."""
    from . import rdf_writer
    from .export_data import data_rows, exporting

    with exporting():
        rows = rdf_writer.prepared(data_rows(registry))
        by_graph: dict[str, list[rdf_writer.Row]] = {}
        for row in rows:
            by_graph.setdefault(row[3], []).append(row)
        graphs = [name.value for name in registry.data_graph_names()]
        out = [_payload(graph, by_graph.get(f"<{graph}>", [])) for graph in graphs]
        if include_vocabulary:
            # claimgraph's own vocabulary is not exported, only published: from the store, labelled and
            # ordered by the same writer so its blank nodes (OWL lists) are named the same on every run
            vocabulary = rdf_writer.store_rows(registry.store, [ox.NamedNode(VOCABULARY_GRAPH)])
            out.append(_payload(VOCABULARY_GRAPH, rdf_writer.prepared(vocabulary)))
    return out


def _payload(graph: str, rows: list) -> tuple[str, bytes, int]:
    """One graph's rows (prepared: no duplicates, in the export's order) as an N-Triples body."""
    from . import rdf_writer

    body = rdf_writer.ntriples(rows, ready=True).encode("utf-8") if rows else b""
    return graph, body, len(rows)


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
        raise PublishError(f"the endpoint redirects ({code}) to {redact(newurl)}: give that URL as --endpoint instead")


def publish(
    registry: Registry,
    endpoint: str,
    *,
    user: str | None = None,
    password: str | None = None,
    include_vocabulary: bool = False,
    timeout: float = 60.0,
    progress=None,
) -> list[Pushed]:
    """PUT every graph of the registry to ``endpoint``. Raises :class:`PublishError` on the first failure."""
    check_endpoint(endpoint)
    timeout = check_timeout(timeout)
    shown_url = redact(endpoint)
    opener = _opener(endpoint, user, password)
    pushed = []
    for graph, body, count in graph_payloads(registry, include_vocabulary=include_vocabulary):
        request = urllib.request.Request(
            graph_url(endpoint, graph),
            data=body,
            method="PUT",
            headers={"Content-Type": "application/n-triples; charset=utf-8", "User-Agent": USER_AGENT},
        )
        try:
            with opener.open(request, timeout=timeout) as response:
                status = response.status
        except urllib.error.HTTPError as exc:
            detail = store_detail(exc.read(2 * DETAIL_CHARS))
            hint = " (check --user and the password variable)" if exc.code in (401, 403) else ""
            raise PublishError(
                f"PUT {shown(graph)}: the store answered {exc.code} {shown(exc.reason)[:100]}{hint}"
                + (f": {detail}" if detail else "")
            ) from None
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
