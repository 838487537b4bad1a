"""Deterministic RDF text in linear time: stable blank node labels, sorted statements, plain writers.

Exports must read the same from one run to the next (they live under git and get signed), yet a
parser labels blank nodes at random. Whole-graph canonicalisation (RDFC-1.0, rdflib's
``to_canonical_graph``) fixes that at a cost that grows faster than the graph. claimgraph's
blank nodes hang below named nodes (a claim's value, its quotes, a step's derivation), so a few
rounds of hashing a blank node's own statements together with its neighbours' hashes tell them
apart; each round is one pass over the statements (:func:`stable_blank_labels`). A label is a
hash of what the node says and where it hangs, so adding a claim leaves the labels of every other
claim's blank nodes as they were: exports diff well.

The statements travel as *rows*: four strings in N-Triples term syntax (subject, predicate,
object, graph name; ``""`` for the default graph), read from Oxigraph's own N-Triples output
(:func:`store_rows`, :func:`parsed_rows`). Python then only splits, hashes and sorts strings;
Turtle and TriG are written from the rows as they are (N-Triples terms are Turtle terms), with
IRIs shortened where a prefix fits, N-Triples by joining lines, JSON-LD by :func:`jsonld`; each
term's written form is made once per document, and :func:`every_format` writes the four formats of
the site's downloads from one labelling and order, each statement formatted once for Turtle and TriG.
Literals keep the lexical form of the rows, character for character (``"007"^^xsd:integer``
stays ``007``): nothing here reads a literal's value, and the JSON-LD writer never turns one
into a JSON number or boolean. (Oxigraph's *store* does rewrite typed literals into its own
forms: :func:`claimgraph.export.claim_file_rows` reads the authored forms from the files.)
"""

from __future__ import annotations

import copy
import hashlib
import io
import itertools
import json
import operator
import re
from typing import Iterable, Sequence

import pyoxigraph as ox

Row = tuple[str, str, str, str]

XSD_STRING = _XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

#: Rounds of refinement at most: each round lets a hash see one more step away. claimgraph's
#: blank nodes sit at most a few steps below a named node; past this, ties are only between
#: nodes that say the same things in the same place, which may then swap labels harmlessly.
MAX_ROUNDS = 8


# ------------------------------------------------------------------ rows


def split_nquad(line: str) -> Row:
    """One line of Oxigraph's N-Quads output as four terms.

    Subjects and predicates hold no space; an IRI holds no ``"``, so a last token starting with
    ``<`` and free of ``"`` after a literal is the graph name, never the literal's end."""
    subject, predicate, rest = line[:-2].split(" ", 2)
    if rest[0] == '"':
        obj, _, last = rest.rpartition(" ")
        if obj and last[0] == "<" and '"' not in last:
            return subject, predicate, obj, last
        return subject, predicate, rest, ""
    obj, _, graph = rest.partition(" ")
    return subject, predicate, obj, graph


def split_ntriple(line: str, graph: str) -> Row:
    """One line of Oxigraph's N-Triples output as a row in ``graph``."""
    subject, predicate, obj = line[:-2].split(" ", 2)
    return subject, predicate, obj, graph


def store_rows(store: ox.Store, graphs: Iterable[ox.NamedNode]) -> list[Row]:
    """The statements of ``graphs`` in ``store``, as rows (Oxigraph dumps them; Python splits lines)."""
    rows: list[Row] = []
    for graph in graphs:
        buffer = io.BytesIO()
        store.dump(buffer, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        name = f"<{graph.value}>"
        rows += [split_ntriple(line, name) for line in buffer.getvalue().decode("utf-8").split("\n") if line]
    return rows


def parsed_rows(text: str, base_iri: str, graph: str) -> list[Row]:
    """The statements of a Turtle document as rows in ``graph``, every literal as written (Oxigraph's
    parser keeps lexical forms; its store does not: it keeps ``"007"^^xsd:integer`` as ``7``)."""
    return quad_rows(
        ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE, base_iri=base_iri, rename_blank_nodes=True), graph
    )


def quad_rows(quads: Iterable[ox.Quad], graph: str) -> list[Row]:
    """Parsed statements (in the default graph) as rows in ``graph``, every literal as the parser read it."""
    lines = ox.serialize(quads, format=ox.RdfFormat.N_TRIPLES).decode("utf-8").split("\n")
    return [split_ntriple(line, graph) for line in lines if line]


def store_forms(literals: Iterable[str]) -> dict[str, str]:
    """Each literal -> the form Oxigraph's store keeps of it (``"1.30"^^xsd:decimal`` -> ``"1.3"^^…``)."""
    literals = list(dict.fromkeys(literals))
    store = ox.Store()
    document = "".join(f"<urn:x:{i}> <urn:x:p> {text} .\n" for i, text in enumerate(literals))
    store.load(document.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    buffer = io.BytesIO()
    store.dump(buffer, format=ox.RdfFormat.N_QUADS)
    out = {}
    for line in buffer.getvalue().decode("utf-8").split("\n"):
        if line:
            subject, _, obj, _ = split_nquad(line)
            out[literals[int(subject[7:-1])]] = obj
    return out


def literal(value: str, *, datatype: str | None = None, language: str | None = None) -> str:
    """A literal in the rows' syntax, escaped by Oxigraph."""
    if language:
        return str(ox.Literal(value, language=language))
    return str(ox.Literal(value, datatype=ox.NamedNode(datatype) if datatype else None))


_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.S)
_ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHARS[match.group(3)]


def literal_parts(text: str) -> tuple[str, str, str | None]:
    """``"1.30"^^<…#decimal>`` -> (lexical form, datatype IRI, language or None)."""
    end = text.rindex('"')  # what follows the closing quote (a language tag, a datatype IRI) holds none
    lexical = text[1:end]
    if "\\" in lexical:
        lexical = _ESCAPE.sub(_unescape, lexical)
    tail = text[end + 1 :]
    if tail.startswith("@"):
        return lexical, "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", tail[1:]
    if tail.startswith("^^<"):
        return lexical, tail[3:-1], None
    return lexical, _XSD_STRING, None


def is_blank(text: str) -> bool:
    return text.startswith("_:")


# ------------------------------------------------------------------ stable labels and order


def signature_digest(parts: Iterable[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


def stable_blank_labels(rows: Sequence[Row]) -> dict[str, str]:
    """A label (``_:b…``) for every blank node of ``rows``, fixed by content and place, never by parse order."""
    signature = blank_signatures(rows)
    labels: dict[str, str] = {}
    taken: dict[str, str] = {}  # label -> the signature it stands for
    twins: dict[str, int] = {}
    for node in sorted(signature, key=signature.__getitem__):
        full = signature[node]
        label = "_:b" + full[:12]
        if taken.setdefault(label, full) != full:  # two signatures share 48 bits: the later one in full
            label = "_:b" + full
            taken[label] = full
        seen = twins.get(label, 0)
        twins[label] = seen + 1
        labels[node] = label if not seen else f"{label}x{seen}"
    return labels


def blank_signatures(rows: Sequence[Row]) -> dict[str, str]:
    """A hash for every blank node of ``rows``: what it says, who points at it, refined by its neighbours'."""
    outgoing: dict[str, list[tuple[str, str, str]]] = {}
    incoming: dict[str, list[tuple[str, str, str]]] = {}
    for subject, predicate, obj, graph in rows:
        if subject[0] == "_":
            outgoing.setdefault(subject, []).append((graph, predicate, obj))
        if obj[0] == "_":
            incoming.setdefault(obj, []).append((graph, subject, predicate))
    nodes = list(outgoing.keys() | incoming.keys())

    def shown(text: str) -> str:
        return "_:" if text[0] == "_" else text

    # round 0: the node's own statements and who points at it, blank neighbours not yet told apart
    signature = {}
    for node in nodes:
        parts = sorted(f"o {g} {p} {shown(o)}" for g, p, o in outgoing.get(node, ()))
        parts += sorted(f"i {g} {shown(s)} {p}" for g, s, p in incoming.get(node, ()))
        signature[node] = signature_digest(parts)
    distinct = len(set(signature.values()))
    for _ in range(MAX_ROUNDS):
        if distinct == len(nodes):
            break
        refined = {}
        for node in nodes:
            parts = [signature[node]]
            parts += sorted(f"o {g} {p} {signature[o]}" for g, p, o in outgoing.get(node, ()) if o[0] == "_")
            parts += sorted(f"i {g} {signature[s]} {p}" for g, s, p in incoming.get(node, ()) if s[0] == "_")
            refined[node] = signature_digest(parts)
        now = len(set(refined.values()))
        signature = refined
        if now == distinct:
            break
        distinct = now
    return signature


def relabelled(rows: Sequence[Row], labels: dict[str, str] | None = None) -> list[Row]:
    """``rows`` with blank nodes under their stable labels."""
    labels = stable_blank_labels(rows) if labels is None else labels
    if not labels:
        return list(rows)
    get = labels.get
    return [(get(s, s), p, get(o, o), g) if s[0] == "_" or o[0] == "_" else (s, p, o, g) for s, p, o, g in rows]


_GRAPH, _SUBJECT = operator.itemgetter(3), operator.itemgetter(0)
#: Graph, subject, predicate, object: :func:`sorted_rows`'s order where no blank node needs placing.
_GRAPH_SUBJECT_ORDER = operator.itemgetter(3, 0, 1, 2)


def sorted_rows(rows: Sequence[Row]) -> list[Row]:
    """Graph by graph; in each, named subjects in order, each followed by the blank nodes below it.

    A blank node's place is that of the first named node (in order) it hangs below, so a claim's
    value and quotes are written right after the claim."""
    if not any(s[0] == "_" or o[0] == "_" for s, _, o, _ in rows):
        return sorted(rows, key=_GRAPH_SUBJECT_ORDER)  # no blank node to place: the same order, in one sort
    by_subject: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        by_subject.setdefault((row[3], row[0]), []).append(row)
    for group in by_subject.values():
        group.sort()
    out: list[Row] = []
    placed: set[tuple[str, str]] = set()
    for key in sorted(by_subject, key=lambda k: (k[0], k[1][0] == "_", k[1])):
        todo = [key]
        while todo:
            current = todo.pop()
            if current in placed or current not in by_subject:
                continue
            placed.add(current)
            group = by_subject[current]
            out.extend(group)
            todo.extend(reversed([(current[0], row[2]) for row in group if row[2][0] == "_"]))
    return out


def merged(rows: Iterable[Row]) -> list[Row]:
    """Every graph's statements as one default graph (a statement in two graphs once)."""
    return list(dict.fromkeys((s, p, o, "") for s, p, o, _ in rows))


def _merged_ready(rows: Iterable[Row]) -> Sequence[Row]:
    """:func:`merged` of rows from :func:`prepared`, for the writers that leave graph names aside: as they
    are if they are in the default graph already, or if no subject has statements in two graphs (prepared
    rows hold no duplicate, so no statement is then in two graphs: merging would only drop the graph names,
    a new tuple per row); a caller writing several formats merges once."""
    rows = rows if isinstance(rows, (list, tuple)) else list(rows)
    if not any(map(_GRAPH, rows)):
        return rows
    # a graph's rows come together in prepared rows (else a graph counts twice here, and the rows are merged)
    subjects = [set(map(_SUBJECT, group)) for _, group in itertools.groupby(rows, key=_GRAPH)]
    return rows if sum(map(len, subjects)) == len(set().union(*subjects)) else merged(rows)


def prepared(rows: Iterable[Row]) -> list[Row]:
    """No duplicates, stable labels, then the fixed order: what every writer below is given."""
    unique = list(dict.fromkeys(rows))
    if not any(s[0] == "_" or o[0] == "_" for s, _, o, _ in unique):
        return sorted(unique, key=_GRAPH_SUBJECT_ORDER)  # nothing to label (skolemised nanopublications)
    return sorted_rows(relabelled(unique))


# ------------------------------------------------------------------ writers


#: A local name written after a prefix as it stands (a subset of Turtle's PN_LOCAL that needs no escape).
_PLAIN_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?)?\Z")


class PrefixedNames:
    """``<iri>`` -> ``prefix:local`` where a prefix of the table names its namespace; any other term as it is.

    One instance may serve many documents written with the same table (the nanopublications of an
    export): what it learns of a term is kept, so each term is looked at once, not once a document."""

    def __init__(self, table: dict[str, str]):
        self.by_namespace = {ns: p for p, ns in table.items()}
        self._cache: dict[str, tuple[str, str | None]] = {}

    def resolve(self, text: str) -> tuple[str, str | None]:
        """The term as written, and the prefix that writing uses (None: none)."""
        found = self._cache.get(text)
        if found is None:
            if text[0] == "<":
                iri = text[1:-1]
                cut = max(iri.rfind("/"), iri.rfind("#")) + 1
                prefix = self.by_namespace.get(iri[:cut])
                if prefix is not None and _PLAIN_LOCAL.match(iri, cut):
                    found = (f"{prefix}:{iri[cut:]}", prefix)
                else:
                    found = (text, None)
            elif text[0] == '"' and text[-1] == ">":  # a typed literal: its datatype may be prefixed
                cut = text.rindex("^^<") + 2
                datatype, prefix = self.resolve(text[cut:])
                found = (text[:cut] + datatype, prefix)
            else:
                found = (text, None)
            self._cache[text] = found
        return found


class WrittenTerms(dict):
    """Term -> the term as one document writes it, and the prefixes that document uses.

    A dict whose misses are filled from the shared :class:`PrefixedNames`: the writers look a term
    up with ``written[term]``, which costs one dictionary lookup for a term met before (most are:
    a registry names its few hundred classes, properties, statuses and units again and again).
    ``own`` (prefix, namespace): the one prefix of this document alone (a nanopublication's
    ``this:``), never put into, nor taken from, the shared names."""

    def __init__(self, names: PrefixedNames, own: tuple[str, str] | None = None):
        super().__init__()
        self.names = names
        self.used: set[str | None] = set()
        self.own = own
        self._own_start = f"<{own[1]}" if own is not None else None

    def __missing__(self, text: str) -> str:
        if self._own_start is not None and self._own_start in text:
            found = self._own_name(text)
        else:
            found, prefix = self.names.resolve(text)
            self.used.add(prefix)
        self[text] = found
        return found

    def _own_name(self, text: str) -> str:
        """A term that may be in the document's own namespace."""
        prefix, namespace = self.own  # type: ignore[misc]
        if text[0] == '"' and text[-1] == ">":  # a typed literal: its datatype may be in the own namespace
            cut = text.rindex("^^<") + 2
            return text[:cut] + self[text[cut:]]
        if text[0] == "<":
            iri = text[1:-1]
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            if iri[:cut] == namespace and _PLAIN_LOCAL.match(iri, cut):
                self.used.add(prefix)
                return f"{prefix}:{iri[cut:]}"
        found, used = self.names.resolve(text)
        self.used.add(used)
        return found


def turtle_statements(rows: Iterable[Row], written: WrittenTerms, pad: str = "") -> str:
    """Turtle statements of rows already in :func:`sorted_rows`'s order (graph names left aside), every
    line starting with ``pad``: one object a line, so a diff shows the statement that changed.

    Each row is one piece, which holds the end of the line before it (`` .``, `` ;`` or `` ,``)."""
    verbs = _Verbs(written)
    pieces: list[str] = []
    append = pieces.append
    subject = predicate = None
    same_subject, same_predicate = f" ;\n{pad}    ", f" ,\n{pad}        "
    new_subject = f" .\n{pad}"
    for s, p, o, _ in rows:
        if s != subject:
            append(f"{new_subject}{written[s]} {verbs[p]} {written[o]}")
            subject, predicate = s, p
        elif p != predicate:
            append(f"{same_subject}{verbs[p]} {written[o]}")
            predicate = p
        else:
            append(f"{same_predicate}{written[o]}")
    if not pieces:
        return ""
    pieces[0] = pieces[0][3:]
    append(" .")
    return "".join(pieces)


class _Verbs(dict):
    """Predicate -> as written in the verb's place: ``a`` for ``rdf:type``, any other as :class:`WrittenTerms` writes it."""

    def __init__(self, written: WrittenTerms):
        super().__init__({RDF_TYPE: "a"})
        self.written = written

    def __missing__(self, predicate: str) -> str:
        found = self[predicate] = self.written[predicate]
        return found


def turtle_document(table: dict[str, str], used: set[str | None], body: str) -> str:
    """The prefixes ``used`` declared (in the order of their names), a blank line, then ``body``."""
    header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(table.items()) if p in used)
    return f"{header}\n{body}\n" if header else f"{body}\n"


def _graph_blocks(
    graphs: list[list[Row]], written: WrittenTerms, graph_names: WrittenTerms
) -> tuple[list[str], list[str]]:
    """The TriG of ``graphs`` (each one graph's rows, in :func:`sorted_rows`'s order): each graph's
    statements (:func:`turtle_statements`), and each graph's block (``<graph> {``, the statements indented, ``}``)."""
    bodies, blocks = [], []
    for group in graphs:
        body = turtle_statements(group, written)
        # one line a statement: indented by replacing the line breaks, unless a term holds a line break of
        # its own (N-Triples escapes them in literals, so only rows made otherwise could)
        if body.count("\n") == len(group) - 1:
            indented = "    " + body.replace("\n", "\n    ")
        else:
            indented = turtle_statements(group, written, "    ")
        graph = group[0][3]
        opening = f"{graph_names[graph]} {{" if graph else "{"
        bodies.append(body)
        blocks.append(f"{opening}\n{indented}\n}}")
    return bodies, blocks


def _by_graph(rows: Iterable[Row]) -> list[list[Row]]:
    """Rows as runs of one graph each, in their order."""
    return [list(group) for _, group in itertools.groupby(rows, key=_GRAPH)]


def turtle(
    rows: Iterable[Row], table: dict[str, str], *, ready: bool = False, names: PrefixedNames | None = None
) -> str:
    """Every graph's statements as one Turtle graph (``ready``, ``names``: see :func:`trig`).

    The blank nodes are labelled, and the statements ordered, as in the TriG of the same rows (graph by
    graph, a statement in two graphs written once): a blank node has one label in every format, and
    ``claimgraph export`` writes what the site offers for download, byte for byte.

    Terms are N-Triples syntax, which Turtle reads as it is (strings with the same escapes, IRIs
    absolute); IRIs are shortened where a prefix fits; literals stay quoted with their datatype, so
    they read back unchanged."""
    written = WrittenTerms(names if names is not None else PrefixedNames(table))
    body = turtle_statements(_merged_ready(rows if ready else prepared(rows)), written)
    return turtle_document(table, written.used, body)


def trig(
    rows: Iterable[Row],
    table: dict[str, str],
    *,
    ready: bool = False,
    names: PrefixedNames | None = None,
    own: tuple[str, str] | None = None,
) -> str:
    """TriG, graph by graph in order of their names; a blank node's label is the same in every graph.

    ``ready``: the rows come from :func:`prepared` already; ``names``: a :class:`PrefixedNames` shared
    with other documents written with ``table``; ``own`` (prefix, namespace): the one prefix of this
    document alone (a nanopublication's ``this:``), see :class:`WrittenTerms`."""
    written = WrittenTerms(names if names is not None else PrefixedNames(table), own)
    _, blocks = _graph_blocks(_by_graph(rows if ready else prepared(rows)), written, written)
    return turtle_document(table, written.used, "\n".join(blocks))


def ntriples(rows: Iterable[Row], *, ready: bool = False) -> str:
    """N-Triples, one statement a line, the lines sorted (``ready``: see :func:`trig`)."""
    return _ntriples(_merged_ready(rows if ready else prepared(rows)))


def _ntriples(rows: Iterable[Row]) -> str:
    """N-Triples of rows holding no statement twice (their graph names are left aside)."""
    lines = [f"{s} {p} {o} .\n" for s, p, o, _ in rows]
    lines.sort()
    return "".join(lines)


def every_format(rows: Sequence[Row], table: dict[str, str], context: dict) -> dict[str, str]:
    """Turtle, TriG, N-Triples and JSON-LD (as :func:`turtle`, :func:`trig`, :func:`ntriples` and
    :func:`jsonld` write them) of rows from :func:`prepared`, by format name.

    One labelling and one order serve the four, and each statement is formatted once for Turtle and
    TriG: where no subject is in two graphs (no statement is then in two graphs, and no graph's last
    subject opens the next), the Turtle is the TriG's graphs one after the other, without their braces."""
    graphs = _by_graph(rows)
    names = PrefixedNames(table)
    written, graph_names = WrittenTerms(names), WrittenTerms(names)
    bodies, blocks = _graph_blocks(graphs, written, graph_names)
    out = {"trig": turtle_document(table, written.used | graph_names.used, "\n".join(blocks))}
    subjects = [set(map(_SUBJECT, group)) for group in graphs]
    if sum(map(len, subjects)) == len(set().union(*subjects)):
        flat: Sequence[Row] = rows  # no statement in two graphs: the graph names are all there is to drop
        out["turtle"] = turtle_document(table, written.used, "\n".join(bodies))
    else:
        flat = merged(rows)
        out["turtle"] = turtle(flat, table, ready=True, names=names)
    out["nt"] = _ntriples(flat)
    out["jsonld"] = _jsonld(flat, context)
    return out


# ------------------------------------------------------------------ JSON-LD


class Compactor:
    """IRIs as the context's terms and compact IRIs, where that reads back to the same IRI.

    Only a prefix defined as a plain string ending in ``/`` or ``#`` shortens an IRI: JSON-LD 1.1
    does not use a term with an expanded definition (``status``, ``measurand``) as a prefix.

    An IRI none shortens is written as it is, which reads back as itself unless its scheme is a
    term of the context: ``unit:KiloGM`` (an absolute IRI of scheme ``unit``) would read back as
    ``http://qudt.org/vocab/unit/KiloGM``. :meth:`clash` names that term, so that the writer carries
    such an IRI under an embedded context undefining it (``{"@context": {"unit": null}, "@id":
    "unit:KiloGM"}``); :meth:`without` is the compactor of the inside of such a node object."""

    def __init__(self, context: dict):
        #: Every term a processor might take for the scheme of an IRI written as it is (JSON-LD 1.0
        #: processors use any term as a prefix, so not only the prefixes above).
        self.scheme_terms = {name for name in context if not name.startswith("@") and ":" not in name}
        #: Set (for good) once a subject, a key or a datatype met clashes: node objects then carry
        #: embedded contexts (:meth:`JsonLdProperties.scopes`), which most registries never need.
        self.needs_scopes = False
        prefixes = {
            name: iri
            for name, iri in context.items()
            if isinstance(iri, str) and iri.endswith(("/", "#")) and ":" not in name
        }
        self.prefixes = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))
        self.by_namespace = {iri: name for name, iri in prefixes.items()}
        self.terms: dict[str, tuple[str, str | None]] = {}  # property IRI -> (term, coerced type IRI or "@id")
        for name, definition in context.items():
            if ":" in name or name.startswith("@"):
                continue
            if isinstance(definition, str):
                iri, kind = definition, None
            elif isinstance(definition, dict) and set(definition) <= {"@id", "@type"}:
                iri, kind = definition.get("@id"), definition.get("@type")
            else:
                continue  # containers, languages, reverse properties: written with a compact IRI instead
            if not isinstance(iri, str):
                continue
            iri = self.expand(iri)
            kind = kind if kind in (None, "@id") else self.expand(kind)
            if iri not in self.terms or name < self.terms[iri][0]:
                self.terms[iri] = (name, kind)
        self._cache: dict[str, str] = {}

    def expand(self, text: str) -> str:
        prefix, colon, local = text.partition(":")
        if colon and not local.startswith("//"):
            for name, iri in self.prefixes:
                if name == prefix:
                    return iri + local
        return text

    def iri(self, iri: str) -> str:
        found = self._cache.get(iri)
        if found is None:
            found = iri
            cut = max(iri.rfind("/"), iri.rfind("#")) + 1
            name = self.by_namespace.get(iri[:cut]) if 0 < cut < len(iri) else None
            candidates = [(name, iri[:cut])] if name else [(n, ns) for n, ns in self.prefixes if iri.startswith(ns)]
            for name, namespace in candidates:
                local = iri[len(namespace) :]
                if local and not local.startswith("//"):
                    found = f"{name}:{local}"
                    break
            self._cache[iri] = found
        return found

    def node(self, text: str) -> str:
        return text if text[0] == "_" else self.iri(text[1:-1])

    def clash(self, iri: str) -> str | None:
        """The term that is the scheme of ``iri`` when :meth:`iri` writes it as it is and a reader would
        expand it with that term rather than take it as the absolute IRI it is; else None."""
        scheme = iri[: iri.find(":")]
        if scheme not in self.scheme_terms:  # (almost every IRI: http, https, urn…)
            return None
        return None if iri.startswith("//", len(scheme) + 1) or self.iri(iri) != iri else scheme

    def node_clash(self, text: str) -> str | None:
        """:meth:`clash` of a node term (an IRI in ``<…>`` or a blank node)."""
        return self.clash(text[1:-1]) if text[1 : text.find(":")] in self.scheme_terms else None

    def without(self, undefined: frozenset[str]) -> "Compactor":
        """This compactor inside a node object whose embedded context undefines the terms ``undefined``:
        they neither shorten an IRI nor clash with one there; the other terms keep their IRIs."""
        inner = copy.copy(self)
        inner.prefixes = [(name, iri) for name, iri in self.prefixes if name not in undefined]
        inner.by_namespace = {iri: name for iri, name in self.by_namespace.items() if name not in undefined}
        inner.terms = {iri: entry for iri, entry in self.terms.items() if entry[0] not in undefined}
        inner.scheme_terms = self.scheme_terms - undefined
        inner._cache = {}
        return inner


def undefining(terms: Iterable[str]) -> str:
    """The JSON text of an embedded context undefining ``terms``, with the comma that follows it."""
    return '"@context":{' + ",".join(f"{_json_string(term)}:null" for term in sorted(terms)) + "},"


#: JSON's text of a string, as ``json`` writes it without ``ensure_ascii`` (its C function where there is one).
_json_string = json.encoder.encode_basestring


class _Values(dict):
    """Object term -> the JSON text of its JSON-LD value under a property whose values the context coerces
    to ``kind`` (None: to nothing; ``"@id"``; a datatype IRI), made when the term is first met."""

    def __init__(self, kind: str | None, compact: Compactor):
        super().__init__()
        self.kind, self.compact = kind, compact

    def __missing__(self, obj: str) -> str:
        kind, text, compact = self.kind, _json_string, self.compact
        if obj[0] == '"':
            lexical, datatype, language = literal_parts(obj)
            if language:
                value = f'{{"@value":{text(lexical)},"@language":{text(language)}}}'
            elif datatype == _XSD_STRING:
                value = text(lexical) if kind is None else f'{{"@value":{text(lexical)}}}'
            elif kind == datatype:
                value = text(lexical)
            else:
                if compact.clash(datatype):  # written inside a node object undefining the term: see scopes
                    compact.needs_scopes = True
                value = f'{{"@value":{text(lexical)},"@type":{text(compact.iri(datatype))}}}'
        else:
            written = compact.node(obj)
            clash = compact.node_clash(obj)
            if clash:
                value = f'{{{undefining([clash])}"@id":{text(written)}}}'
            elif kind == "@id":
                value = text(written)
            else:
                value = f'{{"@id":{text(written)}}}'
        self[obj] = value
        return value


class JsonLdProperties(dict):
    """Predicate -> (the JSON text of its key in a node object, the :class:`_Values` of its objects);
    ``rdf:type`` -> (``"@type"``, None)."""

    def __init__(self, compact: Compactor, names: NodeNames):
        super().__init__({RDF_TYPE: ('"@type"', None)})
        self.compact, self.names = compact, names
        self.by_kind: dict[str | None, _Values] = {}

    def __missing__(self, predicate: str) -> tuple[str, _Values]:
        found = self[predicate] = self.property(predicate)
        return found

    def property(self, predicate: str) -> tuple[str, _Values]:
        compact = self.compact
        name, kind = compact.terms.get(predicate[1:-1]) or (compact.iri(predicate[1:-1]), None)
        if kind is None and predicate[1:-1] not in compact.terms and compact.node_clash(predicate):
            compact.needs_scopes = True
        values = self.by_kind.get(kind)
        if values is None:
            values = self.by_kind[kind] = _Values(kind, compact)
        return _json_string(name), values

    def key_and_value(self, predicate: str, obj: str) -> tuple[str, str]:
        """The JSON texts of a statement's key and value in its subject's node object."""
        key, values = self[predicate]
        if values is None:  # rdf:type
            if obj[0] != '"' and not self.compact.node_clash(obj):
                return key, self.names[obj]
            # a literal as a type, or a type IRI that must carry a context: written as any other value
            key, values = self.property(predicate)
        return key, values[obj]

    def inside(self, undefined: frozenset[str]) -> "JsonLdProperties":
        """These properties inside a node object whose embedded context undefines ``undefined``."""
        compact = self.compact.without(undefined)
        return JsonLdProperties(compact, NodeNames(compact))

    def scopes(self, rows: Sequence[Row]) -> dict[str, tuple[str, "JsonLdProperties"]]:
        """Subject -> (the embedded context its node object must carry, the properties inside it), for
        the subjects whose IRI, the key of one of whose statements or the datatype of one of whose
        values a reader would otherwise expand with a term of the context (see :meth:`Compactor.clash`);
        most registries have none. (An object IRI carries its own embedded context, see :class:`_Values`;
        a value object may carry one too in JSON-LD 1.1, but rdflib ignores it there.)"""
        compact = self.compact
        clashing: dict[str, str] = {}  # predicate or typed literal -> the term its node object undefines
        for predicate in {row[1] for row in rows}:
            if (
                predicate != RDF_TYPE
                and predicate[1:-1] not in compact.terms
                and (term := compact.node_clash(predicate))
            ):
                clashing[predicate] = term
        for obj in {row[2] for row in rows}:
            if obj[-1] == ">" and obj[0] == '"' and (term := compact.clash(obj[obj.rindex("^^<") + 3 : -1])):
                clashing[obj] = term
        undefined: dict[str, set[str]] = {}
        for subject in {row[0] for row in rows}:
            if term := compact.node_clash(subject):
                undefined[subject] = {term}
        if clashing:
            for subject, predicate, obj, _ in rows:
                for term in (clashing.get(predicate), clashing.get(obj)):
                    if term:
                        undefined.setdefault(subject, set()).add(term)
        inner: dict[frozenset[str], JsonLdProperties] = {}
        scopes = {}
        for subject, terms in undefined.items():
            key = frozenset(terms)
            if key not in inner:
                inner[key] = self.inside(key)
            scopes[subject] = (undefining(key), inner[key])
        return scopes


class NodeNames(dict):
    """Node term -> the JSON text of its compact form (``@id``, ``@type``)."""

    def __init__(self, compact: Compactor):
        super().__init__()
        self.compact = compact

    def __missing__(self, text: str) -> str:
        if self.compact.node_clash(text):  # a subject's: see JsonLdProperties.scopes
            self.compact.needs_scopes = True
        found = self[text] = _json_string(self.compact.node(text))
        return found


def jsonld(rows: Iterable[Row], context: dict, *, ready: bool = False) -> str:
    """JSON-LD: one flat ``@graph`` of node objects, compacted with ``context``, which it carries.

    Every literal keeps its lexical form: a value the context types (``"slide": "3"``) is a
    string, any other typed value an explicit ``{"@value": …, "@type": …}``; nothing becomes a
    JSON number or boolean, which a reader would turn into its own lexical form. ``ready``: the
    rows come from :func:`prepared` already (the graph names are then dropped, the order kept)."""
    return _jsonld(_merged_ready(rows if ready else prepared(rows)), context)


def _jsonld(rows: Sequence[Row], context: dict) -> str:
    """:func:`jsonld` of rows holding no statement twice (their graph names are left aside).

    A node object a subject, its keys in the order their statements come, a key's values likewise;
    one node object a line, so a diff shows which node changed. The text is written as the rows
    come, each term's JSON text made once; where a subject's statements do not come together (a
    subject in two graphs) or a key's values do not, the rows are first gathered node by node."""
    compact = Compactor(context)
    names = NodeNames(compact)
    properties = JsonLdProperties(compact, names)
    body = node_objects(rows, properties, names)
    if body is None:
        scopes = properties.scopes(rows) if compact.needs_scopes else {}
        body = node_objects(_by_node(rows, properties, scopes), properties, names, scopes)
        assert body is not None  # gathered node by node, every subject's and key's statements come together
    head = json.dumps(context, indent=1, ensure_ascii=False, sort_keys=True)
    return '{"@context": ' + head + ',\n"@graph": [\n' + body + "\n]}\n"


def node_objects(
    rows: Sequence[Row],
    properties: JsonLdProperties,
    names: NodeNames,
    scopes: dict[str, tuple[str, JsonLdProperties]] | None = None,
) -> str | None:
    """The node objects of rows whose subjects' statements come together, and their keys' values
    likewise, one a line; None if they do not. ``scopes``: the subjects whose node object carries an
    embedded context (:meth:`JsonLdProperties.scopes`); when not given, computed if writing the rows
    meets an IRI that needs them (the rows are then written again)."""
    if scopes is None:
        compact = properties.compact
        if not compact.needs_scopes:
            body = _node_objects(rows, properties, names)
            if not compact.needs_scopes:
                return body
        scopes = properties.scopes(rows)
    return _scoped_node_objects(rows, properties, names, scopes) if scopes else _node_objects(rows, properties, names)


def _node_objects(rows: Sequence[Row], properties: JsonLdProperties, names: NodeNames) -> str | None:
    """:func:`node_objects` where no node object carries an embedded context."""
    key_and_value = properties.key_and_value
    pieces: list[str] = []
    append = pieces.append
    written: set[str] = set()  # the subjects whose node object is begun
    keys: set[str] = set()  # the keys of the node object being written
    subject_now = key_now = None
    for subject, predicate, obj, _ in rows:
        key, values = properties[predicate]
        if values is None:  # rdf:type
            key, value = key_and_value(predicate, obj)
        else:
            value = values[obj]
        if subject != subject_now:
            if subject in written:
                return None
            written.add(subject)
            append(f']}},\n{{"@id":{names[subject]},{key}:[{value}')
            subject_now, key_now, keys = subject, key, {key}
        elif key != key_now:
            if key in keys:
                return None
            keys.add(key)
            append(f"],{key}:[{value}")
            key_now = key
        else:
            append(f",{value}")
    if not pieces:
        return ""
    pieces[0] = pieces[0][4:]  # (no node object before the first to end)
    append("]}")
    return "".join(pieces)


def _scoped_node_objects(
    rows: Sequence[Row], properties: JsonLdProperties, names: NodeNames, scopes: dict[str, tuple[str, JsonLdProperties]]
) -> str | None:
    """:func:`node_objects` where some node objects carry an embedded context: each subject's written
    as :func:`_node_objects` writes it, with its scope's properties and context."""
    pieces: list[str] = []
    written: set[str] = set()
    for subject, run in itertools.groupby(rows, key=operator.itemgetter(0)):
        if subject in written:
            return None
        written.add(subject)
        scope = scopes.get(subject)
        if scope is None:
            text = _node_objects(list(run), properties, names)
        else:
            text = _node_objects(list(run), scope[1], scope[1].names)
            text = text and "{" + scope[0] + text[1:]
        if text is None:
            return None
        pieces.append(text)
    return ",\n".join(pieces)


def _by_node(
    rows: Iterable[Row], properties: JsonLdProperties, scopes: dict[str, tuple[str, JsonLdProperties]]
) -> list[Row]:
    """Rows gathered by subject, and in each by key, in the order subjects and keys first come."""
    nodes: dict[str, dict[str, list[Row]]] = {}
    for row in rows:
        scope = scopes.get(row[0])
        key, _ = (properties if scope is None else scope[1]).key_and_value(row[1], row[2])
        nodes.setdefault(row[0], {}).setdefault(key, []).append(row)
    return [row for keys in nodes.values() for group in keys.values() for row in group]
