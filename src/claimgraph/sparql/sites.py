"""Where queries run: the registry's own Oxigraph store, or a remote SPARQL 1.1 endpoint.

The compiled SHACL shapes and the SPARQL-based citation checks ask one thing of the place
their queries run: "the solutions of this SELECT", as the SPARQL 1.1 Query Results JSON
Format writes them (``(variable names, rows of cells)``, a cell being ``{"type": …,
"value": …}`` or None). :class:`LocalStore` answers from a pyoxigraph store;
:class:`RemoteEndpoint` sends the query over the SPARQL 1.1 Protocol
(https://www.w3.org/TR/sparql11-protocol/) to a store such as Virtuoso, QLever, Fuseki or
``claimgraph serve``. The checks are written once, against this one method.

A remote endpoint is only ever sent queries (a POST of ``query=``, never ``update=``), each
bounded by a timeout; :class:`EndpointError` says, in one sentence, why an answer could not be
used (unreachable, an HTTP error, not SPARQL JSON, a result cut short by the store's row limit).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox

from ..errors import USAGE, ClaimgraphError
from ..lexing import CLOSE, COMMENT, IRI, OPEN, OPERATOR, PNAME, VAR, WORD, tokens

USER_AGENT = "claimgraph-check"
#: The media type asked for; anything else in the answer is refused (see :meth:`RemoteEndpoint.solutions`).
RESULTS_JSON = "application/sparql-results+json"


class EndpointError(ClaimgraphError):
    """The endpoint could not be reached, or its answer is not a usable SPARQL result."""

    kind = USAGE


def cell_value(cell: dict | None):
    """A result cell as :meth:`claimgraph.registry.Registry.select` gives it: a Python number or boolean
    for numeric and boolean literals, ``"_:label"`` for a blank node, the lexical form or IRI otherwise."""
    from ..registry import _LITERAL_READERS

    if cell is None:
        return None
    if cell["type"] == "bnode":
        return "_:" + cell["value"]
    if cell["type"] in ("literal", "typed-literal"):
        reader = _LITERAL_READERS.get(cell.get("datatype", ""))
        return reader(cell["value"]) if reader else cell["value"]
    return cell["value"]


class LocalStore:
    """Queries on a pyoxigraph store, over the union of its graphs."""

    remote = False

    def __init__(self, store: ox.Store):
        self.store = store

    def solutions(self, sparql: str) -> tuple[list[str], list[list[dict | None]]]:
        from ..registry import solution_cells

        return solution_cells(self.store.query(sparql, use_default_graph_as_union=True))

    def subclasses(self, iri: str) -> set[str]:
        """``iri`` and every class below it (``rdfs:subClassOf*``) in the store."""
        return _subclasses(self, [iri])


class RemoteEndpoint:
    """Queries sent to a SPARQL 1.1 Protocol endpoint at ``url``.

    ``graphs``: IRIs sent as ``default-graph-uri``, so the queries see the merge of those graphs
    (the registry's, in a store that holds others); none: the endpoint's own default graph (in
    Virtuoso the union of every graph, in ``claimgraph serve`` the whole registry)."""

    remote = True

    def __init__(self, url: str, graphs: Iterable[str] = (), *, timeout: float = 60.0):
        self.url = url
        self.graphs = list(graphs)
        self.timeout = timeout
        self.queries_sent = 0
        self._closures: dict[str, set[str]] = {}
        #: blank node label -> (IRI above it, predicate linking it), filled by the compiled SHACL queries
        self.blank_owners: dict[str, tuple[str, str]] = {}

    def solutions(self, sparql: str) -> tuple[list[str], list[list[dict | None]]]:
        import urllib.error
        import urllib.parse
        import urllib.request

        from ..endpoints import redact, shown, store_detail

        fields = [("query", sparql)] + [("default-graph-uri", g) for g in self.graphs]
        request = urllib.request.Request(
            self.url,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            method="POST",
            headers={
                "Accept": RESULTS_JSON,
                "User-Agent": USER_AGENT,
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            },
        )
        where = redact(self.url)
        self.queries_sent += 1
        try:
            with _opener().open(request, timeout=self.timeout) as response:
                media_type = response.headers.get_content_type()
                row_limit = response.headers.get("X-SPARQL-MaxRows")
                body = response.read()
        except urllib.error.HTTPError as exc:
            detail = store_detail(exc.read(600))
            raise EndpointError(
                f"{where} answered {exc.code} {shown(exc.reason)[:100]}" + (f": {detail}" if detail else "")
            ) from None
        except urllib.error.URLError as exc:
            raise EndpointError(f"cannot reach {where}: {shown(exc.reason)}") from None
        except (TimeoutError, ConnectionError, OSError) as exc:
            raise EndpointError(f"cannot reach {where}: {shown(exc) or type(exc).__name__}") from None
        except ValueError as exc:  # http.client.InvalidURL
            raise EndpointError(f"{where} cannot be used: {shown(exc)}") from None
        if row_limit:
            # Virtuoso cuts a result at its ResultSetMaxRows and says so only in this header: a check
            # that read the first rows as the whole answer would pass what it never saw
            raise EndpointError(
                f"{where} cut a result at {shown(row_limit)} rows (its result-size limit): "
                "raise it (Virtuoso: ResultSetMaxRows in [SPARQL]) so every row is checked"
            )
        if media_type not in (RESULTS_JSON, "application/json"):
            raise EndpointError(
                f"{where} did not answer with SPARQL JSON results (got {shown(media_type)[:80]}): "
                "is it a SPARQL 1.1 query endpoint?"
            )
        names, rows = _parse_results(body, where)
        asked = projected_variables(sparql) if rows else None
        missing = [name for name in asked or () if name not in names]
        if missing:
            # rows answering another query (a proxy's cache, a mock): read as this one's, they would be misread
            # (no row: nothing to misread, whatever the head lists)
            raise EndpointError(
                f"{where} answered with the variables {' '.join('?' + n for n in names) or '(none)'}, not "
                f"{' '.join('?' + n for n in missing)} the query selects: is it a SPARQL 1.1 query endpoint?"
            )
        return names, rows

    def subclasses(self, iri: str) -> set[str]:
        """``iri`` and every class below it, from claimgraph's vocabulary (read here: the store may not
        hold it) and from the store's own subclass axioms (a registry's classes)."""
        if iri not in self._closures:
            vocabulary = _vocabulary_store()
            known = vocabulary.subclasses(iri)
            below = _direct_subclasses_closed(self, known)
            self._closures[iri] = known | below | {c for b in below - known for c in vocabulary.subclasses(b)}
        return self._closures[iri]


def _parse_results(body: bytes, where: str) -> tuple[list[str], list[list[dict | None]]]:
    try:
        data = json.loads(body)
        names = data["head"]["vars"]
        bindings = data["results"]["bindings"]
        if not (isinstance(names, list) and all(isinstance(n, str) for n in names) and isinstance(bindings, list)):
            raise TypeError
        rows = []
        for binding in bindings:
            row = [binding.get(name) for name in names]
            for cell in row:
                if cell is not None and not (
                    isinstance(cell, dict) and isinstance(cell.get("value"), str) and cell.get("type") in _CELL_TYPES
                ):
                    raise TypeError
            rows.append(row)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        raise EndpointError(f"{where} answered something that is not a SPARQL JSON SELECT result") from None
    for row in rows:
        for cell in row:
            if cell is not None and cell["type"] == "typed-literal":  # Virtuoso's name, from an early draft
                cell["type"] = "literal"
    return names, rows


_CELL_TYPES = {"uri", "literal", "typed-literal", "bnode"}


@lru_cache(maxsize=1)
def _opener():
    """The HTTP client, made when a remote endpoint is first asked: a local check never needs urllib's
    HTTP and TLS modules, a tenth of its imports."""
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            from ..endpoints import redact

            raise EndpointError(f"the endpoint redirects ({code}) to {redact(newurl)}: give that URL as --endpoint")

    # no proxy from the environment's settings is skipped on purpose: urllib honours http_proxy as any client would
    return urllib.request.build_opener(NoRedirect())


# ------------------------------------------------------------------ blank nodes


def _prologue_end(sparql: str) -> int:
    """Where the prologue (PREFIX / BASE declarations) at the head of a query ends: the offset of its SELECT."""
    expected: list[str] = []  # the kinds the declaration being read still needs
    for token in tokens(sparql):
        if expected and token.kind == expected[0]:
            expected.pop(0)
        elif not expected and token.kind == WORD and token.text(sparql).upper() in ("PREFIX", "BASE"):
            expected = [PNAME, IRI] if token.text(sparql).upper() == "PREFIX" else [IRI]
        else:
            return token.start
    return len(sparql)


def projected_variables(sparql: str) -> list[str] | None:
    """The variables a ``SELECT`` query's answer has (by name, without ``?``), or None for ``SELECT *`` and for
    what is no SELECT query: those given bare, and those an expression is bound to (``(COUNT(?x) AS ?n)``)."""
    found: list[str] = []
    depth, started, previous = 0, False, ""
    head = sparql[_prologue_end(sparql) :]
    for token in tokens(head):
        text = token.text(head)
        word = text.upper() if token.kind == WORD else ""
        if not started:
            if word != "SELECT":
                return None
            started = True
        elif depth == 0 and (word in ("WHERE", "FROM") or text == "{"):
            break
        elif text == "*" and depth == 0:
            return None
        elif token.kind == OPEN:
            depth += 1
        elif token.kind == CLOSE:
            depth -= 1
        elif token.kind == VAR and (depth == 0 or previous == "AS"):
            found.append(text[1:])
        previous = word
    return found


def with_owners(sparql: str, variables: list[str]) -> str:
    """``sparql`` with, for each of ``variables`` bound to a blank node, the node above it and the IRI
    above that (what :meth:`Registry.owner_of` reads from the local store): a remote store's blank node
    labels mean nothing outside the one result that holds them, so the owner is asked for in the same
    query. The owner columns are ``?o1__VAR``, ``?l1__VAR`` (the linking predicate), ``?o2__VAR``.

    Each variable's owners come in a branch of their own where the link to the owner is a required
    pattern, beside a branch with the plain solutions (:func:`read_owners` folds the rows together):
    as ``{ QUERY } OPTIONAL { ?owner ?link ?VAR … }``, Virtuoso did not carry ``?VAR`` from the
    subquery into the OPTIONAL and scanned every triple for each solution (115 s for 269 solutions
    at 50,000 claims, against 0.6 s this way)."""
    head = _prologue_end(sparql)
    inner = f"{{ {sparql[head:]} }}"
    branches = [
        f"{{ {inner} ?o1__{v} ?l1__{v} ?{v} FILTER(isBlank(?{v})) "
        f"OPTIONAL {{ ?o2__{v} ?l2__{v} ?o1__{v} FILTER(isBlank(?o1__{v})) }} }}"
        for v in variables
    ]
    return f"{sparql[:head]}SELECT * WHERE {{ {' UNION '.join([*branches, inner])} }}"


def read_owners(names: list[str], rows: list, variables: list[str], owners: dict, label_prefix: str):
    """The rows of a :func:`with_owners` query without the owner columns (duplicates dropped); every
    blank node label prefixed with ``label_prefix`` (unique to the query), and the owner of each blank
    node met in ``variables`` recorded in ``owners`` (label -> (owner IRI, linking predicate))."""
    extra = {f"{kind}__{v}" for v in variables for kind in ("o1", "l1", "o2", "l2")}
    kept = [i for i, name in enumerate(names) if name not in extra]
    at = {name: i for i, name in enumerate(names)}
    out, seen = [], set()
    for row in rows:
        for cell in row:
            if cell is not None and cell["type"] == "bnode" and not cell["value"].startswith(label_prefix):
                cell["value"] = label_prefix + cell["value"]
        for v in variables:
            node = row[at[v]] if v in at else None
            if node is None or node["type"] != "bnode":
                continue
            above, link, top = (row[at[n]] if n in at else None for n in (f"o1__{v}", f"l1__{v}", f"o2__{v}"))
            owner = above if above is not None and above["type"] == "uri" else top
            if owner is not None and owner["type"] == "uri" and link is not None:
                owners.setdefault("_:" + node["value"], (owner["value"], link["value"]))
        kept_row = [row[i] for i in kept]
        key = json.dumps(kept_row, sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append(kept_row)
    return [names[i] for i in kept], out


# ------------------------------------------------------------------ class hierarchies


def _subclasses(site, classes: list[str]) -> set[str]:
    values = " ".join(f"<{c}>" for c in classes)
    _names, rows = site.solutions(
        "SELECT DISTINCT ?c WHERE { VALUES ?top { %s } "
        "?c <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?top }" % values
    )
    return {row[0]["value"] for row in rows if row[0] is not None and row[0]["type"] == "uri"} | set(classes)


def type_pattern(subject: str, classes: set[str], variable: str) -> str:
    """SPARQL for "``subject`` has a type among ``classes``" (``variable`` bound to it)."""
    listed = " ".join(f"<{c}>" for c in sorted(classes))
    return f"VALUES {variable} {{ {listed} }} {subject} <{_RDF_TYPE}> {variable}"


def untyped_test(site, subject: str, classes: set[str], variable: str) -> str:
    """A SPARQL expression true when ``subject`` has no type among ``classes`` (what sh:class reports).

    On a remote store, an instance that claimgraph's vocabulary types (a concept of the status or role
    scheme, which ``publish`` leaves out by default) counts as typed: a local check sees the vocabulary
    in its store, so must a remote one, or every cg:status would be "not a concept of the scheme". The
    instances are listed in the expression, not joined in a pattern: Virtuoso evaluates a UNION inside
    NOT EXISTS without the outer binding."""
    test = f"NOT EXISTS {{ {type_pattern(subject, classes, variable)} }}"
    pairs = _vocabulary_instances(frozenset(classes)) if site.remote else []
    if not pairs:
        return test
    instances = ", ".join(sorted({f"<{i}>" for i, _c in pairs}))
    return f"({test} && {subject} NOT IN ({instances}))"


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _vocabulary_instances(classes: frozenset) -> list[tuple[str, str]]:
    """(instance, class) for every IRI claimgraph's vocabulary types with one of ``classes``."""
    if not classes:
        return []
    values = " ".join(f"<{c}>" for c in sorted(classes))
    _names, rows = _vocabulary_store().solutions(
        f"SELECT DISTINCT ?i ?c WHERE {{ VALUES ?c {{ {values} }} ?i <{_RDF_TYPE}> ?c FILTER(isIRI(?i)) }}"
    )
    return sorted((i["value"], c["value"]) for i, c in rows)


def _direct_subclasses_closed(site, classes: set[str]) -> set[str]:
    """``classes`` and every class below them, one level per query: Virtuoso refuses a transitive path
    whose start comes from VALUES ("transitive start not given"), every store answers plain patterns."""
    found, frontier = set(classes), set(classes)
    while frontier:
        values = " ".join(f"<{c}>" for c in sorted(frontier))
        _names, rows = site.solutions(
            "SELECT DISTINCT ?c WHERE { VALUES ?top { %s } "
            "?c <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?top }" % values
        )
        below = {row[0]["value"] for row in rows if row[0] is not None and row[0]["type"] == "uri"}
        frontier = below - found
        found |= below
    return found


_VOCABULARY: list[LocalStore] = []


def _vocabulary_store() -> LocalStore:
    """claimgraph's vocabulary (not its shapes) in a store of its own, read once."""
    if not _VOCABULARY:
        from ..registry import ONTOLOGY_DIR

        store = ox.Store()
        for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
            if not path.name.startswith("shapes"):
                store.bulk_extend(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
        _VOCABULARY.append(LocalStore(store))
    return _VOCABULARY[0]


#: ``?x a/rdfs:subClassOf* C`` as tokens: the kinds, and the texts where one text is asked for.
_SUBCLASS_PATH = (
    (VAR, None),
    (None, ("a", "rdf:type", "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>")),
    (OPERATOR, ("/",)),
    (PNAME, ("rdfs:subClassOf",)),
    (OPERATOR, ("*",)),
    (None, None),
)


def expand_subclass_paths(sparql: str, site, prefixes: dict[str, str]) -> str:
    """``?x a/rdfs:subClassOf* C`` (or ``rdf:type/…``) replaced by ``VALUES ?cls {…} ?x rdf:type ?cls``,
    the classes being C and its subclasses as ``site`` knows them (see :func:`type_pattern`).

    A store that holds the registry without claimgraph's vocabulary (``publish`` leaves it out by default)
    cannot follow a path through subclass axioms it does not hold; the closure is computed where the
    vocabulary is. ``prefixes`` resolves a prefixed class name."""
    counter = iter(range(1_000_000))
    found = [t for t in tokens(sparql) if t.kind != COMMENT]
    out, done = [], 0
    i = 0
    while i + len(_SUBCLASS_PATH) <= len(found):
        window = found[i : i + len(_SUBCLASS_PATH)]
        if not all(
            (kind is None or t.kind == kind) and (texts is None or t.text(sparql) in texts)
            for t, (kind, texts) in zip(window, _SUBCLASS_PATH)
        ) or window[-1].kind not in (IRI, PNAME):
            i += 1
            continue
        name = window[-1].text(sparql)
        if name.startswith("<"):
            iri = name[1:-1]
        else:
            prefix, _, local = name.partition(":")
            if prefix not in prefixes:
                i += 1
                continue
            iri = prefixes[prefix] + local
        out.append(sparql[done : window[0].start])
        out.append(type_pattern(window[0].text(sparql), site.subclasses(iri) | {iri}, f"?cls__{next(counter)}"))
        done = window[-1].end
        i += len(_SUBCLASS_PATH)
    out.append(sparql[done:])
    return "".join(out)
