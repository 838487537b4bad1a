"""What every export format reads: the registry's statements as rows (the files' authored forms, the
loader's generated ones, blank nodes labelled), its prefixes, licence and publication date, and the
claims by subject. The plain RDF formats, the CSV and the RO-Crate (:mod:`claimgraph.export`) and the
nanopublications (:mod:`claimgraph.nanopubs`) all build on it, so neither imports the other's module.
"""

from __future__ import annotations

import gc
import itertools
import operator
import os
import re
from contextlib import contextmanager

import pyoxigraph as ox

from . import rdf_writer
from .errors import USAGE, ClaimgraphError
from .iris import prefix_table
from .loading.turtle import ParsedTurtle, loads_as_parsed
from .namespaces import RDF
from .registry import Registry

_DOUBLES = ('"^^<http://www.w3.org/2001/XMLSchema#double>', '"^^<http://www.w3.org/2001/XMLSchema#float>')


class ExportError(ClaimgraphError):
    """The export cannot be made (content), written (I/O), or asked for this way (usage)."""


@contextmanager
def exporting():
    """The cycle collector paused while an export is made (:func:`claimgraph.parallel.collector_paused`), and
    what was made meanwhile then moved to the collector's oldest generation.

    An export of 10,000 claims leaves a million tracked objects (the rows, their indexes: the loaded
    registry's, kept with it) in the youngest generation; the first allocation once the collector is back
    on then walked them all, a third of a second after every file was written. Moved (``gc.freeze`` then
    ``gc.unfreeze``, two list splices), they wait for a full collection, as long-lived objects do. (Objects
    a host application froze stay frozen: then nothing is moved.)"""
    from .parallel import collector_paused

    with collector_paused():
        try:
            yield
        finally:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()


def prefixes(registry: Registry) -> dict[str, str]:
    return prefix_table(registry.settings.base)


def _bind(graph, registry: Registry):
    """``graph`` (rdflib) with the registry's prefixes bound."""
    from rdflib import URIRef

    for prefix, iri in prefixes(registry).items():
        graph.bind(prefix, URIRef(iri), override=True, replace=True)
    return graph


def trig_text(dataset, bound: dict[str, str]) -> str:
    """Deterministic TriG of an rdflib ``Dataset`` (the nanopubs are built with rdflib), by the writer of
    the other exports: stable blank node labels, sorted statements, lexical forms as rdflib holds them."""
    text = dataset.serialize(format="nquads")
    rows = [rdf_writer.split_nquad(line) for line in text.splitlines() if line.strip()]
    return rdf_writer.trig(rows, bound)


def rdflib_term(text: str):
    """A term of the rows' syntax as an rdflib term, a literal in its lexical form (rdflib would otherwise
    normalise ``"007"^^xsd:integer`` to ``7`` as it builds the literal)."""
    from rdflib import BNode, Literal, URIRef

    if text[0] == "<":
        return URIRef(text[1:-1])
    if text[0] == "_":
        return BNode(text[2:])
    lexical, datatype, language = rdf_writer.literal_parts(text)
    if language:
        return Literal(lexical, lang=language, normalize=False)
    return Literal(lexical, datatype=None if datatype == rdf_writer.XSD_STRING else URIRef(datatype), normalize=False)


def rdflib_graph(registry: Registry, *, include_sources: bool = True):
    """:func:`data_rows` as one rdflib ``Graph`` (for the nanopubs), every literal kept in its lexical form
    (rdflib would otherwise normalise ``"007"^^xsd:integer`` to ``7`` as it builds the literal)."""
    from rdflib import Graph, URIRef

    term = rdflib_term
    graph = Graph()
    add = graph.add
    # blank nodes under their stable labels: whoever numbers them in label order numbers them the same each run
    for s, p, o, _ in rdf_writer.relabelled(data_rows(registry, include_sources=include_sources)):
        add((term(s), URIRef(p[1:-1]), term(o)))
    return graph


def data_rows(registry: Registry, *, include_sources: bool = True) -> list[rdf_writer.Row]:
    """Claims, normalised values and (with ``include_sources``) sources, in their named graphs.

    The claims are what the files say, every literal as written; what claimgraph generates (the
    sources read from BibTeX, the normalised values) is in XSD canonical form."""
    rows = claim_file_rows(registry)
    if include_sources:
        rows += canonical_doubles(rdf_writer.store_rows(registry.store, [registry.bib_graph_iri]))
    return rows


def labelled_rows(registry: Registry) -> list[rdf_writer.Row]:
    """:func:`data_rows` with the sources, blank nodes under their stable labels: computed once per loaded
    registry (an RO-Crate's TriG, JSON-LD and nanopublications all read them)."""
    cached = registry.__dict__.get("_export_labelled_rows")
    if cached is None:
        cached = registry.__dict__["_export_labelled_rows"] = rdf_writer.relabelled(data_rows(registry))
    return cached


def canonical_doubles(rows: list[rdf_writer.Row]) -> list[rdf_writer.Row]:
    """Oxigraph's store keeps doubles as ``"1287"``: XSD's canonical form is ``"1.287E3"``."""
    from .xsd_lexical import canonical_double

    def fixed(obj: str) -> str:
        lexical, datatype, _ = rdf_writer.literal_parts(obj)
        try:
            return rdf_writer.literal(canonical_double(float(lexical)), datatype=datatype)
        except ValueError:  # not a number at all: left as it is
            return obj

    # the few rows to rewrite found without a Python step per row (a literal's text starts with its quote)
    objects = map(operator.itemgetter(2), rows)
    doubles = itertools.compress(itertools.count(), map(str.endswith, objects, itertools.repeat(_DOUBLES)))
    out = list(rows)
    for at in doubles:
        s, p, o, g = rows[at]
        out[at] = (s, p, fixed(o), g)
    return out


def claim_file_rows(registry: Registry) -> list[rdf_writer.Row]:
    """The claims graph with the authored literals of the files and the generated statements of the store.

    Oxigraph's store rewrites typed literals into its own forms (``"007"`` as ``7``, ``"1.30"`` as
    ``1.3``, ``"1"^^xsd:boolean`` as ``true``). A file that may hold such a literal went into the store
    as the loader's parse of it (:func:`~claimgraph.loading.turtle.loads_as_parsed`), which keeps every
    lexical form and names the store's own blank nodes: the store's statements of those files give
    way to the parse's, and the store's other statements (the other files', those the loader
    generated) are taken as they are. Where no file may hold one, the store's rows are used whole."""
    cached = registry.__dict__.get("_export_claim_rows")
    if cached is None:
        # every format of an RO-Crate reads them: once per loaded registry (a registry is not changed once loaded)
        cached = registry.__dict__["_export_claim_rows"] = _claim_file_rows(registry)
    return list(cached)


def _claim_file_rows(registry: Registry) -> list[rdf_writer.Row]:
    stored = rdf_writer.store_rows(registry.store, [registry.data_graph_iri])
    rewritable = {rel: parsed for rel, parsed in registry.turtle.items() if loads_as_parsed(parsed)}
    if not rewritable:
        # no file holds a number the store rewrites (``007``, ``1.30``, ``1e3``) or a ``^^``: every typed
        # literal of the files is a canonical number or a boolean, which the store keeps as written
        return canonical_doubles(stored)
    return rows_as_written(registry, stored, rewritable)


def rows_as_written(
    registry: Registry,
    stored: list[rdf_writer.Row],
    rewritable: dict[str, ParsedTurtle],
    *,
    others_may_say_the_same: bool = True,
) -> list[rdf_writer.Row]:
    """The claims graph's statements ``stored``, with the literals of the ``rewritable`` files as written
    (see :func:`claim_file_rows`): what those files say, then what the store holds beyond it.
    ``others_may_say_the_same=False``: ``stored`` holds only the statements of these files' own subjects,
    which no other file defines (the downloads' pieces), so no other file's statement can stand for theirs."""
    from .registry import GENERATED_PREDICATES

    graph = f"<{registry.data_graph_iri.value}>"
    authored: list[rdf_writer.Row] = []
    for parsed in rewritable.values():
        authored += rdf_writer.quad_rows(parsed.quads, graph)
    authored = list(dict.fromkeys(authored))
    generated = {f"<{p}>" for p in GENERATED_PREDICATES}
    forms = rdf_writer.store_forms(o for _, _, o, _ in authored if o[0] == '"' and o[-1] == ">")
    # the store's forms of what these files say ("1.3" for a written "1.30"): the written rows stand for them
    replaced = {(s, p, forms.get(o, o), g) for s, p, o, g in authored if p not in generated}
    # ...unless another file says the same in the store's form (``1.3`` there, ``1.30`` here): it keeps it
    if others_may_say_the_same:
        replaced -= _said_elsewhere(registry, rewritable, replaced, graph)
    written = set(authored)
    # the statements the loader generated come from the store whether a file says them too or not
    beyond = [row for row in stored if row[1] in generated or (row not in replaced and row not in written)]
    return authored + canonical_doubles(beyond)


def _said_elsewhere(
    registry: Registry, rewritable: dict[str, ParsedTurtle], rows: set[rdf_writer.Row], graph: str
) -> set[rdf_writer.Row]:
    """Those of ``rows`` that a file other than the ``rewritable`` ones says. A statement about a named
    subject is written in a block of that subject, so only the other files defining one of the rows'
    subjects are read (a subject is mostly defined in one file); the blank nodes of the others' files
    are never the rows' (each file's are its own)."""
    subjects = {s[1:-1] for s, _, _, _ in rows if s[0] == "<"}
    said: set[rdf_writer.Row] = set()
    for rel, parsed in registry.turtle.items():
        if rel not in rewritable and not subjects.isdisjoint(parsed.blocks):
            said.update(rdf_writer.parsed_rows(parsed.text, registry.settings.base, graph))
    return said & rows


class _Index:
    """Subject -> predicate -> objects (in a fixed order) over rows: the statements of a node, by hand.

    Terms are in the rows' syntax (``<iri>``, ``_:label``, ``"lexical"^^<datatype>``)."""

    def __init__(self, rows):
        self.out: dict[str, dict[str, list[str]]] = {}
        for subject, predicate, obj, _ in rows:
            self.out.setdefault(subject, {}).setdefault(predicate, []).append(obj)
        for properties in self.out.values():
            for objects in properties.values():
                if len(objects) > 1:
                    objects.sort()

    def objects(self, subject: str, predicate: str) -> list[str]:
        return (self.out.get(subject) or {}).get(f"<{predicate}>", [])

    def value(self, subject: str, predicate: str) -> str | None:
        found = self.objects(subject, predicate)
        return found[0] if found else None

    def subjects_of_type(self, *classes: str) -> list[str]:
        wanted = {f"<{c}>" for c in classes}
        kind = f"<{RDF.type}>"
        return sorted(s for s, properties in self.out.items() if wanted.intersection(properties.get(kind, ())))

    def closure(self, node: str) -> list[tuple[str, str, str]]:
        """The statements of ``node`` and, recursively, of the blank nodes it points at (its CBD)."""
        out, todo, seen = [], [node], set()
        statements = self.out
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            for predicate, objects in (statements.get(current) or {}).items():
                for obj in objects:
                    out.append((current, predicate, obj))
                    if obj[0] == "_":  # a blank node (a term is never empty)
                        todo.append(obj)
        return out


def claims_index(registry: Registry) -> _Index:
    """The claims graph by subject, built once per loaded registry (the CSV and the nanopubs both read it)."""
    index = registry.__dict__.get("_export_claims_index")
    if index is None:
        index = registry.__dict__["_export_claims_index"] = _Index(claim_file_rows(registry))
    return index


def licence_iri(licence: str | None) -> str | None:
    """The licence's IRI (an IRI as written, else an SPDX identifier's), or None."""
    if not licence:
        return None
    if licence.startswith(("http://", "https://")):
        return licence
    from .settings import spdx_identifier

    return f"https://spdx.org/licenses/{spdx_identifier(licence) or licence}"


def publication_date(date: str | None = None) -> str:
    """``date`` checked as an ISO calendar date (YYYY-MM-DD), else ``SOURCE_DATE_EPOCH``'s day, else today."""
    import datetime

    if date is not None:
        try:
            if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", date):
                raise ValueError
            return datetime.date.fromisoformat(date).isoformat()
        except ValueError:
            raise ExportError(
                f"--date {date!r} is not a calendar date written YYYY-MM-DD, such as 2025-01-31", USAGE
            ) from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return datetime.date.today().isoformat()
    # reproducible-builds.org: a malformed SOURCE_DATE_EPOCH is an error, not a reason to use the clock
    try:
        if not re.fullmatch(r"[0-9]+", epoch):
            raise ValueError
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        raise ExportError(
            f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970-01-01 "
            "(up to the year 9999); fix it or pass --date YYYY-MM-DD",
            USAGE,
        ) from None


#: ``(subject term, predicate IRI, literal as the store holds it)`` -> the literals the files write there.
WrittenLiterals = dict[tuple[ox.NamedNode | ox.BlankNode, str, ox.Literal], tuple[ox.Literal, ...]]


def written_literals(registry: Registry) -> WrittenLiterals:
    """The literals of the files the store holds in another form (``"1.30"^^xsd:decimal`` as ``1.3``, ``"007"`` as
    ``7``, ``"1"^^xsd:boolean`` as ``true``), by the store's statement: what :func:`claim_file_rows` writes instead
    of the store's, so that a reader of the store (the pages' own triples) can write the same terms as the exports.

    Only the files that go into the store as their parse (:func:`loads_as_parsed`) may hold one, and their parse
    names the store's own blank nodes; with none (the common case) nothing is read. As in :func:`rows_as_written`,
    a statement of a generated predicate (a normalised value) keeps the store's form."""
    from .registry import GENERATED_PREDICATES

    rewritable = [parsed for parsed in registry.turtle.values() if loads_as_parsed(parsed)]
    if not rewritable:
        return {}
    generated = frozenset(GENERATED_PREDICATES)
    literal, plain = ox.Literal, rdf_writer.XSD_STRING
    authored = []
    for parsed in rewritable:
        for q in parsed.quads:
            o = q.object
            if type(o) is literal and not o.language and o.datatype.value != plain:
                p = q.predicate.value
                if p not in generated:
                    authored.append((q.subject, p, o))
    # the store's form of each: the written literals put through a store of their own
    distinct = list(dict.fromkeys(o for _, _, o in authored))
    forms = ox.Store()
    forms.extend(ox.Quad(ox.NamedNode(f"urn:x:{i}"), ox.NamedNode("urn:x:p"), o) for i, o in enumerate(distinct))
    stored = {}
    for q in forms.quads_for_pattern(None, None, None, None):
        stored[distinct[int(q.subject.value[6:])]] = q.object
    out: dict[tuple[ox.NamedNode | ox.BlankNode, str, ox.Literal], list[ox.Literal]] = {}
    # (a double the store keeps as written is kept too: the downloads write the files' form, not the canonical one)
    for s, p, o in authored:
        kept = stored[o]
        if kept != o or str(o).endswith(_DOUBLES):
            found = out.setdefault((s, p, kept), [])
            if o not in found:
                found.append(o)
    # two files may write one value two ways ("1.30" and "1.300"): both are statements, in a fixed order
    return {key: tuple(sorted(found, key=str)) for key, found in out.items()}
