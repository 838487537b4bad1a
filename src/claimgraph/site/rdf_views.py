"""The machine-readable side of the pages: a thing's own triples (JSON-LD and Turtle), and the whole graph as downloads.

Serialisation uses pyoxigraph (W3C-conformant, written in Rust) rather than rdflib for
the Turtle and JSON-LD of every claim, and :mod:`claimgraph.rdf_writer` (the writer of
``claimgraph export``) for the four dumps of the whole graph: for a registry of 10,000
claims rdflib's serialisers would take minutes where these take seconds.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pyoxigraph as ox

from ..parallel import ForkedWorker
from ..iris import prefix_table, prefixed_name
from ..registry import Registry
from ..model import GraphIndex, claim_table_text
from .model import SiteModel
from .page_literals import page_literals


def prefixes(base: str) -> dict[str, str]:
    return prefix_table(base, leave_out=("sh", "owl"))


class Triples(list):
    """A thing's triples (``ox.Triple``), and the same triples as ``rows`` ``(subject, predicate IRI,
    object)`` of the terms the triples are made of: the views below read the rows, because reading a
    triple's parts makes new Python objects each time and a site reads them some 700,000 times."""

    def __init__(self, rows: list[tuple[ox.NamedNode | ox.BlankNode, str, ox.NamedNode | ox.BlankNode | ox.Literal]]):
        predicates = _PREDICATES
        for _, p, _ in rows:
            if p not in predicates:
                predicates[p] = ox.NamedNode(p)
        super().__init__([ox.Triple(s, predicates[p], o) for s, p, o in rows])
        self.rows = rows


#: A predicate's term by its IRI: the vocabulary's few dozen, named again by every thing's triples.
_PREDICATES: dict[str, ox.NamedNode] = {}


def subject_triples(index: GraphIndex, iri: str) -> Triples:
    """The triples of ``iri`` and of the blank nodes hanging below it (values, quotes, derivations).

    Blank nodes are relabelled ``b0``, ``b1``… in the order they are met (the index keeps
    objects in content order), so the same claim always reads the same."""
    return Triples(subject_rows(index, iri))


def subject_rows(index: GraphIndex, iri: str) -> list[tuple]:
    """The rows of :func:`subject_triples` without the triples made of them: all a rebuild needs to tell
    whether a page's triples changed (making the triples costs three times the walk).

    Every literal is the one the downloads hold (:func:`claimgraph.export_data.data_rows`): the store holds
    numbers by value (``"1.30"`` as ``1.3``, ``"007"`` as ``7``, a double as ``314000000000000000000000``), the
    downloads write what the files wrote and a generated double in XSD canonical form (``3.14E23``)."""
    rows, todo, seen = [], [ox.NamedNode(iri)], set()
    labels: dict[ox.BlankNode, ox.BlankNode] = {}
    blank, literal, out = ox.BlankNode, ox.Literal, index.out
    forms = page_literals(index)
    form_of, form_made = forms.forms.get, forms.form
    # (the labelling written out in the loop: it runs for some 175,000 terms at 10,000 claims)
    for s in todo:  # (grows as blank nodes are met: breadth first)
        if s in seen:
            continue
        seen.add(s)
        subject = labels[s] if type(s) is blank else s
        for p, objects in sorted((out.get(s) or {}).items()):
            for o in objects:
                kind = type(o)
                if kind is blank:
                    todo.append(o)
                    found = labels.get(o)
                    if found is None:
                        found = labels[o] = blank(f"b{len(labels)}")
                    o = found
                elif kind is literal:
                    form = form_of(o) or form_made(o)
                    if type(form) is not literal:  # a literal some file writes otherwise: by statement
                        as_written = form[0].get((s, p))
                        if as_written is not None:
                            rows += [(subject, p, w) for w in as_written]
                            continue
                        form = form[1]
                    o = form
                rows.append((subject, p, o))
    return rows


def _rows(triples: list[ox.Triple]) -> list[tuple]:
    rows = getattr(triples, "rows", None)
    if rows is None:
        rows = [(tr.subject, tr.predicate.value, tr.object) for tr in triples]
    return rows


@functools.lru_cache(maxsize=16)
def _prefixes_of_iris(table: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    """For one prefix table: IRI -> the prefixes :func:`used_prefixes` counts as used by it, filled as IRIs come
    (every page names the same vocabulary, and its things' IRIs come again on the pages linking to them)."""
    return {}


def used_prefixes(triples: list[ox.Triple], base: str, table: dict[str, str] | None = None) -> dict[str, str]:
    """The prefixes (of :func:`prefixes`, or ``table``) that the IRIs of ``triples`` actually use."""
    table = prefixes(base) if table is None else table
    known = _prefixes_of_iris(tuple(table.items()))
    iris = set()
    for s, p, o in _rows(triples):
        iris.add(p)
        if type(s) is ox.NamedNode:
            iris.add(s.value)
        kind = type(o)
        if kind is ox.NamedNode:
            iris.add(o.value)
        elif kind is ox.Literal:
            iris.add(o.datatype.value)
    used: set[str] = set()
    by_namespace = None
    for iri in iris:
        found = known.get(iri)
        if found is None:
            if by_namespace is None:
                by_namespace = {ns: p for p, ns in table.items()}
            # every namespace ends in "/" or "#": the IRI up to its last one names it directly;
            # an IRI whose local part holds a "/" of its own falls back to a prefix scan
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            if 0 < cut < len(iri) and iri[:cut] in by_namespace:
                found = (by_namespace[iri[:cut]],)
            else:
                found = tuple(p for p, ns in table.items() if iri.startswith(ns) and iri != ns)
            known[iri] = found
        used.update(found)
    return {p: ns for p, ns in table.items() if p in used}


def turtle(
    triples: list[ox.Triple], base: str, table: dict[str, str] | None = None, *, used: dict[str, str] | None = None
) -> str:
    """Turtle of ``triples`` with the prefixes they use (``used``: already computed by :func:`used_prefixes`),
    indented with four spaces: Oxigraph indents with a tab, which browsers show eight columns wide.
    (Its literals escape tabs and line breaks, so a line break followed by a tab is always indentation.)"""
    prefixes_used = used_prefixes(triples, base, table) if used is None else used
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes_used).decode("utf-8")
    return text.replace("\n\t", "\n    ")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@functools.lru_cache(maxsize=64)
def _compact_iris(prefixes_used: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """For one set of prefixes: IRI -> its compact form in JSON-LD, as JSON text (quoted), filled as IRIs come."""
    return {}


@functools.lru_cache(maxsize=64)
def _context_json(prefixes_used: tuple[tuple[str, str], ...]) -> str:
    """The ``@context`` of one set of prefixes, as JSON text."""
    return json.dumps(dict(sorted(prefixes_used)), ensure_ascii=False, separators=(",", ":"))


#: A string as JSON text: what ``json.dumps(…, ensure_ascii=False)`` writes for it.
_json_string = json.encoder.encode_basestring


def jsonld(
    triples: list[ox.Triple], base: str, table: dict[str, str] | None = None, *, used: dict[str, str] | None = None
) -> str:
    """JSON-LD of ``triples``: one node object per subject, IRIs written as CURIEs of an ``@context``.

    Built straight from the triples (rather than through a serialiser and back) because the
    site writes one for every claim; a test parses it again and compares the graphs. Written as JSON text
    piece by piece, what ``json.dumps`` writes for the node objects (compact, not ASCII-only): the IRIs' pieces
    (the same on page after page) are made once, and no dict is made for a value."""
    pre = used_prefixes(triples, base, table) if used is None else used
    prefixes_used = tuple(pre.items())
    names = _compact_iris(prefixes_used)
    string, literal, blank = _json_string, ox.Literal, ox.BlankNode

    def short(iri: str) -> str:
        name = names.get(iri)
        if name is None:
            name = names[iri] = string(prefixed_name(iri, pre, any_local=True) or iri)
        return name

    def node_id(term) -> str:
        return string("_:" + term.value) if type(term) is blank else short(term.value)

    # each subject's keys (JSON text) in the order first met, "@id" first, with their values (JSON text)
    nodes: dict = {}
    for s, p, o in _rows(triples):
        node = nodes.get(s)
        if node is None:
            node = nodes[s] = {'"@id"': node_id(s)}
        if type(o) is literal:
            language = o.language
            if language:
                item = '{"@value":%s,"@language":%s}' % (string(o.value), string(language))
            else:
                datatype = o.datatype.value
                if datatype != _XSD_STRING:
                    item = '{"@value":%s,"@type":%s}' % (string(o.value), short(datatype))
                else:
                    item = '{"@value":%s}' % string(o.value)
            key = short(p)
        elif p == _RDF_TYPE:
            item, key = node_id(o), '"@type"'
        else:
            item, key = '{"@id":%s}' % node_id(o), short(p)
        values = node.get(key)
        if values is None:
            node[key] = [item]
        else:
            values.append(item)
    graph = []
    for node in nodes.values():
        keys = iter(node.items())
        _, identifier = next(keys)
        graph.append('{"@id":' + identifier + "".join(",%s:[%s]" % (key, ",".join(v)) for key, v in keys) + "}")
    return '{"@context":%s,"@graph":[%s]}' % (_context_json(prefixes_used), ",".join(graph))


DOWNLOADS = (
    ("registry.ttl", "Turtle", "text/turtle"),
    ("registry.trig", "TriG (claims and sources in named graphs)", "application/trig"),
    ("registry.jsonld", "JSON-LD", "application/ld+json"),
    ("registry.nt", "N-Triples", "application/n-triples"),
    ("claims.csv", "Claims as CSV (one row per claim)", "text/csv"),
)


def write_graph_downloads(registry: Registry, folder: Path, counted: tuple[ox.Store, int] | None = None) -> None:
    """Write the whole graph (claims and sources) in four RDF syntaxes into ``folder``.

    Byte for byte what ``claimgraph export`` writes in each format (the same stable blank node labels,
    order and lexical forms: :mod:`claimgraph.rdf_writer`): the files are the same from one build to
    the next, and take time in proportion to the registry's size."""
    from ..export import jsonld_context
    from .download_pieces import RememberedPieces

    folder.mkdir(parents=True, exist_ok=True)
    # the pieces of the files unchanged since the previous build come from the cache folder
    pieces = RememberedPieces(registry, prefixes(registry.settings.base), jsonld_context(registry), counted)
    pieces.write(
        {
            "turtle": folder / "registry.ttl",
            "trig": folder / "registry.trig",
            "nt": folder / "registry.nt",
            "jsonld": folder / "registry.jsonld",
        }
    )


def write_claims_csv(model: SiteModel, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "claims.csv").write_text(claims_csv(model), encoding="utf-8", newline="")


def download_list(folder: Path) -> list[tuple[str, str, int]]:
    """(file, label, bytes) of every download, once all are written."""
    return [(name, label, (folder / name).stat().st_size) for name, label, _ in DOWNLOADS]


class GraphDownloads(ForkedWorker):
    """The graph downloads, written beside the rest of the build.

    Writing the whole graph four times is ~2 s at 10,000 claims, while the
    build checks, gathers and renders the reading pages on one core: with ``fork``, a
    forked process writes them meanwhile (it inherits the loaded store; nothing is
    pickled), and :meth:`wait` collects it. Without ``fork``, or where forking is not safe
    (:func:`claimgraph.parallel.can_fork`), they are written on the spot and :meth:`wait` has nothing to do."""

    def __init__(self, registry: Registry, folder: Path, *, fork: bool):
        import multiprocessing

        from ..parallel import can_fork

        self.folder = folder
        self._process = self._outcome = None
        if not fork or not can_fork():
            write_graph_downloads(registry, folder)
            return
        context = multiprocessing.get_context("fork")
        self._outcome, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_write_graph_downloads_in_child,
            # counted here, before the fork: counting in the child copies the store (download_pieces._store_size)
            args=(registry, folder, sender, len(registry.store)),
            daemon=True,
            name="claimgraph-downloads",
        )
        self._process.start()
        sender.close()

    def wait(self) -> None:
        """Return once the files are written; raise ``OSError`` with the reason when they could not be."""
        if self._process is None:
            return
        try:
            problem = self._outcome.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            self._process.join()
            problem = f"the process writing them ended with code {self._process.exitcode}"
        finally:
            self._outcome.close()
        self._process.join()
        self._process = None
        if problem is not None:
            raise OSError(f"cannot write the graph downloads into {self.folder}: {problem}")


def _write_graph_downloads_in_child(registry: Registry, folder: Path, outcome, store_size: int) -> None:
    from ..parallel import collector_paused

    try:
        # (the pieces read back are some 100,000 lists, none in a cycle, and the process ends once they are
        # written: the collector's passes over them were 0.01 s of its 0.2 s at 10,000 claims)
        with collector_paused():
            write_graph_downloads(registry, folder, (registry.store, store_size))
        outcome.send(None)
    except BaseException as exc:  # tracebacks do not cross processes: say what failed
        outcome.send(f"{type(exc).__name__}: {exc}")
    finally:
        outcome.close()


def claims_csv(model: SiteModel) -> str:
    """One row per claim, with the columns of every claim table (:func:`claimgraph.model.claim_table`),
    controls escaped as in every CSV claimgraph writes."""
    from ..spreadsheet import escape_controls

    return escape_controls(claim_table_text(model.registry_model))
