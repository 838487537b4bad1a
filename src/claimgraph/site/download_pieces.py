"""The graph downloads of a rebuild, made from the previous build's pieces of the files that did not change.

The four downloads (``registry.ttl``, ``.trig``, ``.nt``, ``.jsonld``: :func:`claimgraph.rdf_writer.every_format`
of the whole graph) took ~1.5 s of CPU at 10,000 claims on every build, though a one-claim edit changes a
few lines of them. They are made of pieces that belong to one claims file each: a named subject's
statements, followed by those of the blank nodes below it, written as a Turtle block, a JSON-LD node object
a subject, and N-Triples lines. A file's pieces are remembered in the cache folder
(:func:`claimgraph.file_io.cache_dir`), keyed by the file's text, the registry's base IRI, the prefix table
and JSON-LD context, and claimgraph's code and data and pyoxigraph's version; a rebuild takes the pieces of
the files whose text is unchanged, reads the others' statements from the store, and merges: the subjects in
order, the prefixes used, the N-Triples lines sorted.

What in the output is not a file's own is checked on every build, and the whole graph is written as before
(:func:`claimgraph.rdf_writer.every_format`) whenever a piece could differ from what it would be:

* a file's statements are those of the subjects its blocks define and of the blank nodes below them; that
  is so when no subject is defined in two files or is also a source of the bibliography, no file holds RDF
  1.2 syntax (a reifier may name a subject outside any block), and the claims graph holds exactly as many
  statements as the files' pieces (nothing else put statements there);
* what the loader generates (normalised values) reads, beside the file, the quantity kinds of the
  measurands the file names, which are compared with those remembered, and the unit catalogue, which is
  claimgraph's own data unless the registry describes a unit or a quantity kind itself (then: everything
  again);
* a blank node's label comes from a signature refined for as many rounds as the whole graph needs
  (:func:`claimgraph.rdf_writer.blank_signatures`): a file keeps its signatures of every round the previous
  build computed, the rounds are replayed over all files, and a file whose labels came out otherwise is
  written again; two blank nodes with one signature (twins, numbered in no fixed order) mean everything again;
* the bibliography's statements (a graph of its own) are read from the store and written on every build.

The tests build sites after random edits (blank nodes added and removed, prefixes changed, subjects moved
between files, files deleted and renamed, the BibTeX edited) and compare them with sites built from nothing.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import sys
from functools import lru_cache
from itertools import chain, repeat
from typing import Iterable, Iterator, Sequence

import pyoxigraph as ox

from .. import rdf_writer
from ..file_io import RememberedEntries
from ..rdf_writer import Row
from ..registry import GENERATED_PREDICATES

#: Bumped when what an entry holds changes shape.
_VERSION = 4
#: Parts (blocks, runs of lines) joined into one string at a time as the documents are written: the documents whole
#: (some 45 MB at 10,000 claims, each made twice: joined, then encoded) took as many fresh pages of memory, and the
#: faults of a forked writer filling them were a third of its time; a few hundred parts at a time reuse the same few.
_PARTS_AT_A_TIME = 256
#: Past this many files to read from the store (a first build, a changed base), the claims graph is dumped
#: whole and split by file: asking the store subject by subject costs three times as much per statement.
_FEW_FILES = 4

_CG = "https://w3id.org/claimgraph/ns#"
_MEASURAND = f"<{_CG}measurand>"
#: What the loader generates (normalised values), as the rows write predicates.
_GENERATED = frozenset(f"<{p}>" for p in GENERATED_PREDICATES)
_QUANTITY_KIND = ox.NamedNode(f"{_CG}quantityKind")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_CATALOGUE_CLASSES = (
    ox.NamedNode("http://qudt.org/schema/qudt/Unit"),
    ox.NamedNode("http://qudt.org/schema/qudt/QuantityKind"),
)


class _Unproven(Exception):
    """The pieces cannot be shown to give what the whole graph gives: write the whole graph."""


class _RoundsMissing(_Unproven):
    """A remembered piece lacks a round of signatures the whole graph now needs (a new file's blank nodes are
    told apart later than any before): the pieces are read from the store again, and remembered with it."""


@lru_cache(maxsize=1)
def _code_key() -> bytes:
    """claimgraph's code and data (the unit catalogue, the vocabulary: the pages' digest of the package, which a
    build from the command line has worked out before this process forked), Python's and pyoxigraph's versions."""
    from .page_cache import _package_digest

    return hashlib.sha256(f"{_VERSION}\0{sys.version}\0{ox.__version__}\0".encode() + _package_digest()).digest()


class _Entries(RememberedEntries):
    """:class:`claimgraph.file_io.RememberedEntries` marshalled rather than JSON: the pieces are some 40 MB at
    10,000 claims, read on every rebuild, and decoding them as JSON took a fifth of the downloads' time (marshal:
    a quarter of JSON's). A file's text is its key, so a damaged entry is told by its shape (:meth:`_Piece.remembered`)."""

    SUFFIX = ".marshal"
    #: the entries of the code before, written as JSON
    STALE_SUFFIXES = (".json",)

    def read(self, name: str | None):
        if name is None:
            return None
        from ..file_io import cache_dir

        try:
            return marshal.loads((cache_dir() / self.folder / name).read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None

    def keep(self, name: str | None, data) -> None:
        if name is None:
            return
        from ..file_io import cache_dir, write_cache_entry

        try:
            marshalled = marshal.dumps(data)
        except ValueError:  # (what marshal cannot write is not remembered: the next build makes it again)
            return
        write_cache_entry(cache_dir() / self.folder / name, marshalled)


class _Piece:
    """One file's (or the bibliography's) share of the downloads.

    ``rows``: its statements as the store holds them (blank nodes under the store's labels), None for a
    piece taken from the cache; ``nodes``: its blank nodes (the store's labels, or the labels the previous
    build gave them); ``rounds``: their signatures, round after round (each a list in the order of ``nodes``)."""

    def __init__(self, name: str | None, rows: list[Row] | None, count: int, kinds: dict[str, list[str]]):
        self.name, self.rows, self.count, self.kinds = name, rows, count, kinds
        self.nodes: list[str] = []
        self.rounds: list[list[str]] = []
        self.blocks: list[list] = []  # [subject, Turtle, JSON-LD, statements]
        self.used: list[str] = []  # the prefixes its Turtle uses
        #: its N-Triples lines, sorted, each without its line break (no line is the start of another: each ends
        #: its last term with " .", so they sort as the lines with their breaks do), in runs of one subject each:
        #: no subject is two pieces', so the runs sort as their lines do (a subject's text ends where a space
        #: follows, and a space sorts before any character of a term), and the merge sorts some 30,000 runs, not
        #: 180,000 lines split from them and joined again (0.07 s at 10,000 claims)
        self.nt: list[str] = []
        self._graph: dict | None = None
        if rows is not None:
            self._start_rounds()

    # ---- signatures, as rdf_writer.blank_signatures computes them (a blank node's statements are its file's)

    def _start_rounds(self) -> None:
        outgoing: dict[str, list[tuple[str, str, str]]] = {}
        incoming: dict[str, list[tuple[str, str, str]]] = {}
        for subject, predicate, obj, graph in self.rows or ():
            if subject[0] == "_":
                outgoing.setdefault(subject, []).append((graph, predicate, obj))
            if obj[0] == "_":
                incoming.setdefault(obj, []).append((graph, subject, predicate))
        self.nodes = list(outgoing.keys() | incoming.keys())
        self._graph = {"out": outgoing, "in": incoming}

        def shown(text: str) -> str:
            return "_:" if text[0] == "_" else text

        first = []
        for node in self.nodes:
            parts = sorted(f"o {g} {p} {shown(o)}" for g, p, o in outgoing.get(node, ()))
            parts += sorted(f"i {g} {shown(s)} {p}" for g, s, p in incoming.get(node, ()))
            first.append(rdf_writer.signature_digest(parts))
        self.rounds = [first]

    def signatures(self, round_: int) -> list[str]:
        """The signatures of round ``round_``; :class:`_Unproven` for a remembered piece that never had it."""
        if not self.nodes:
            return []
        while len(self.rounds) <= round_:
            if self._graph is None:
                raise _RoundsMissing
            outgoing, incoming = self._graph["out"], self._graph["in"]
            signature = dict(zip(self.nodes, self.rounds[-1]))
            refined = []
            for node in self.nodes:
                parts = [signature[node]]
                parts += sorted(f"o {g} {p} {signature[o]}" for g, p, o in outgoing.get(node, ()) if o[0] == "_")
                parts += sorted(f"i {g} {signature[s]} {p}" for g, s, p in incoming.get(node, ()) if s[0] == "_")
                refined.append(rdf_writer.signature_digest(parts))
            self.rounds.append(refined)
        return self.rounds[round_]

    # ---- writing

    def write(self, labels: dict[str, str], table: dict[str, str], context: dict) -> None:
        """Format the rows, their blank nodes under ``labels``, as blocks and N-Triples lines."""
        rows = rdf_writer.sorted_rows(rdf_writer.relabelled(self.rows or [], labels))
        self.nt = _subject_runs(sorted(f"{s} {p} {o} ." for s, p, o, _ in rows))
        written = rdf_writer.WrittenTerms(_names(tuple(table.items())))
        properties, node_names = _json_writers(json.dumps(context, sort_keys=True))
        self.blocks = []
        start, below = 0, set()  # below: the blank nodes the block's statements so far point at
        for at, (subject, _, obj, _) in enumerate(rows):
            if at and subject != rows[at - 1][0]:
                if subject[0] != "_":
                    self.blocks.append(_block(rows[start:at], written, properties, node_names))
                    start, below = at, set()
                elif subject not in below:
                    # a blank node no named subject points at: placed by the whole graph's order
                    raise _Unproven
            elif not at and subject[0] == "_":
                raise _Unproven
            if obj[0] == "_":
                below.add(obj)
        if rows:
            self.blocks.append(_block(rows[start:], written, properties, node_names))
        self.used = sorted(p for p in written.used if p is not None)

    def entry(self, labels: dict[str, str]) -> dict:
        rounds = [list(signatures) for signatures in zip(*self.rounds)]
        return {
            "version": _VERSION,
            "count": self.count,
            "kinds": self.kinds,
            "nodes": [[labels[node], *signatures] for node, signatures in zip(self.nodes, rounds)],
            "blocks": self.blocks,
            "used": self.used,
            "nt": self.nt,
        }

    @classmethod
    def remembered(cls, name: str, data: dict) -> _Piece:
        """The piece an entry holds; ValueError if it is not what this code writes (damaged: made again)."""
        if not isinstance(data, dict) or data.get("version") != _VERSION:
            raise ValueError("an entry of another version")
        count, kinds, nodes = data["count"], data["kinds"], data["nodes"]
        blocks, used, nt = data["blocks"], data["used"], data["nt"]
        # (checked column by column with map and set, in C: some 16,000 blocks and as many nodes at 10,000 claims,
        # a generator step each took a tenth of the rebuild's downloads)
        valid = (
            type(count) is int
            and isinstance(kinds, dict)
            and set(map(type, kinds.values())) <= {list}
            and set(map(type, chain.from_iterable(kinds.values()))) <= {str}
            and type(nodes) is list
            and set(map(type, nodes)) <= {list}
            and len(set(map(len, nodes))) <= 1
            and (not nodes or len(nodes[0]) > 0)
            and set(map(type, chain.from_iterable(nodes))) <= {str}
            and type(blocks) is list
            and set(map(type, blocks)) <= {list}
            and set(map(len, blocks)) <= {4}
            and all(set(map(type, column)) <= {kind} for column, kind in zip(zip(*blocks), (str, str, str, int)))
            and type(used) is list
            and set(map(type, used)) <= {str}
            and type(nt) is list
            and set(map(type, nt)) <= {str}
        )
        if not valid:
            raise ValueError("a damaged entry")
        piece = cls(name, None, count, kinds)
        piece.nodes = [node[0] for node in nodes]
        piece.rounds = [list(signatures) for signatures in zip(*(node[1:] for node in nodes))] if nodes else [[]]
        piece.blocks, piece.used, piece.nt = blocks, used, nt
        return piece


def _joined(parts: list[str], separator: str) -> Iterator[str]:
    """``separator.join(parts)``, as strings of :data:`_PARTS_AT_A_TIME` parts each."""
    for start in range(0, len(parts), _PARTS_AT_A_TIME):
        text = separator.join(parts[start : start + _PARTS_AT_A_TIME])
        yield separator + text if start else text


def _subject_runs(lines: list[str]) -> list[str]:
    """Sorted N-Triples lines (no line break) joined into one string per subject."""
    runs: list[str] = []
    start, subject = 0, None
    for at, line in enumerate(lines):
        this = line[: line.index(" ")]
        if this != subject:
            if subject is not None:
                runs.append("\n".join(lines[start:at]))
            start, subject = at, this
    if subject is not None:
        runs.append("\n".join(lines[start:]))
    return runs


def _block(rows: Sequence[Row], written, properties, node_names) -> list:
    """A named subject's rows (and its blank nodes') as [subject, Turtle, JSON-LD, statements]."""
    jsonld = rdf_writer.node_objects(rows, properties, node_names)
    if jsonld is None:  # a subject's or a key's statements apart: the whole document is gathered node by node
        raise _Unproven
    return [rows[0][0], rdf_writer.turtle_statements(rows, written), jsonld, len(rows)]


@lru_cache(maxsize=4)
def _names(table: tuple[tuple[str, str], ...]) -> rdf_writer.PrefixedNames:
    return rdf_writer.PrefixedNames(dict(table))


@lru_cache(maxsize=4)
def _json_writers(context: str) -> tuple[rdf_writer.JsonLdProperties, rdf_writer.NodeNames]:
    compact = rdf_writer.Compactor(json.loads(context))
    names = rdf_writer.NodeNames(compact)
    return rdf_writer.JsonLdProperties(compact, names), names


# ------------------------------------------------------------------ the files' statements


def _file_rows(registry, rel: str, parsed, stored: list[Row]) -> list[Row]:
    """A file's statements as :func:`claimgraph.export_data.data_rows` gives them, from the store's
    statements of its subjects and their blank nodes (``stored``). With no subject in two files, what
    another file says never stands for what this one says (see ``export_data.rows_as_written``)."""
    from ..export_data import canonical_doubles, rows_as_written
    from ..loading.turtle import loads_as_parsed

    if not loads_as_parsed(parsed):
        return canonical_doubles(stored)
    return rows_as_written(registry, stored, {rel: parsed}, others_may_say_the_same=False)


def _by_subject(rows: Sequence[Row]) -> dict[str, list[Row]]:
    out: dict[str, list[Row]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(row)
    return out


def _closure(by_subject: dict[str, list[Row]], subjects) -> list[Row]:
    """The rows of ``subjects`` (``<iri>``) and of the blank nodes below them."""
    out: list[Row] = []
    todo, seen = list(subjects), set()
    for node in todo:
        if node in seen:
            continue
        seen.add(node)
        for row in by_subject.get(node, ()):
            out.append(row)
            if row[2][0] == "_":
                todo.append(row[2])
    return out


def _stored_of(registry, subjects) -> list[Row]:
    """:func:`_closure` asked of the store subject by subject (for a few files)."""
    graph = registry.data_graph_iri
    store, blank = registry.store, ox.BlankNode
    triples = []
    try:
        todo, seen = [ox.NamedNode(s) for s in subjects], set()
    except ValueError:  # a subject the indexer read that is no IRI to Oxigraph
        raise _Unproven from None
    for node in todo:
        if node in seen:
            continue
        seen.add(node)
        for quad in store.quads_for_pattern(node, None, None, graph):
            triples.append(ox.Triple(quad.subject, quad.predicate, quad.object))
            if type(quad.object) is blank:
                todo.append(quad.object)
    if not triples:
        return []
    name = f"<{graph.value}>"
    text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    return [rdf_writer.split_ntriple(line, name) for line in text.split("\n") if line]


def _kinds(registry, rows: Sequence[Row]) -> dict[str, list[str]]:
    """The measurands ``rows`` name -> their quantity kinds in any graph (what normalising their values reads)."""
    store = registry.store
    out = {}
    for measurand in sorted({o for _, p, o, _ in rows if p == _MEASURAND and o[0] == "<"}):
        found = store.quads_for_pattern(ox.NamedNode(measurand[1:-1]), _QUANTITY_KIND, None, None)
        out[measurand] = sorted({str(q.object) for q in found})
    return out


def _every_kind(registry) -> dict[str, list[str]]:
    """Every named subject holding a quantity kind (in any graph) -> its quantity kinds, as :func:`_kinds` gives
    them: read once for the remembered pieces (asking the store measurand by measurand, some 8,000 times at
    10,000 claims, took ten times as long)."""
    found: dict[str, set[str]] = {}
    named = ox.NamedNode
    for quad in registry.store.quads_for_pattern(None, _QUANTITY_KIND, None, None):
        if type(quad.subject) is named:
            found.setdefault(f"<{quad.subject.value}>", set()).add(str(quad.object))
    return {measurand: sorted(kinds) for measurand, kinds in found.items()}


def _kinds_of(every_kind: dict[str, list[str]], measurands) -> dict[str, list[str]]:
    """:func:`_kinds` of the measurands ``measurands`` (as the rows write them), from :func:`_every_kind`."""
    return {m: every_kind.get(m, []) for m in sorted(measurands) if m[:1] == "<"}


def _store_size(store: ox.Store, counted: tuple[ox.Store, int] | None) -> int:
    """``len(store)``, or the count ``counted`` holds for that very store: ``(store, len(store))`` counted by the
    build before it forked the process writing the downloads (:class:`.rdf_views.GraphDownloads`). Oxigraph's count
    writes into every page of the store (it takes references to what it walks), and in the forked process each page
    written is a copy of the one shared with the build (some 45 MB at 10,000 claims: 0.03 s), where the build, before
    forking, counts in a third of that."""
    if counted is not None and counted[0] is store:
        return counted[1]
    return len(store)


def _claims_graph_size(registry, sources: int, counted: tuple[ox.Store, int] | None) -> int:
    """How many statements the claims graph holds. The store counts all it holds twice as fast as SPARQL counts
    one graph's (0.08 s against 0.14 s at 10,000 claims): where the only other graphs are the bibliography's
    (``sources`` statements) and the vocabulary's, and the default graph is empty, the claims graph holds the rest."""
    from ..registry import VOCABULARY_GRAPH

    store, graph = registry.store, registry.data_graph_iri
    vocabulary = ox.NamedNode(VOCABULARY_GRAPH)
    if set(store.named_graphs()) <= {graph, registry.bib_graph_iri, vocabulary} and (
        next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None
    ):
        return (
            _store_size(store, counted)
            - sources
            - sum(1 for _ in store.quads_for_pattern(None, None, None, vocabulary))
        )
    answer = store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph.value}> {{ ?s ?p ?o }} }}")
    return int(next(iter(answer))[0].value)


# ------------------------------------------------------------------ the downloads


class RememberedPieces:
    """The four downloads of ``registry``, from the pieces remembered in the cache folder where they are the
    same (see the module's docs), and the pieces of this build remembered for the next."""

    def __init__(self, registry, table: dict[str, str], context: dict, counted: tuple[ox.Store, int] | None = None):
        from ..file_io import cache_entry_for

        self.registry, self.table, self.context = registry, table, context
        #: ``(store, len(store))`` counted before a fork, if any (see :func:`_store_size`).
        self.counted = counted
        try:
            key = hashlib.sha256(_code_key())
        except OSError:  # claimgraph's own files cannot be read: nothing is remembered
            key = None
        else:
            key.update(json.dumps([registry.settings.base, table, context], sort_keys=True).encode() + b"\0")
        self.entries = _Entries(cache_entry_for(registry.root, "downloads", ""), key)
        #: After :meth:`texts`: how many files' pieces came from the cache (None: the whole graph was written).
        self.reused: int | None = None

    def _name(self, parsed) -> str | None:
        """The entry of a file: by its text, and whether its literals are read from its parse (``loads_as_parsed``)."""
        from ..loading.turtle import loads_as_parsed

        return self.entries.name("file", (b"parsed\0" if loads_as_parsed(parsed) else b"text\0") + parsed.text.encode())

    def _read(self, name: str | None) -> _Piece | None:
        data = self.entries.read(name)
        if data is None or name is None:
            return None
        try:
            return _Piece.remembered(name, data)
        except (KeyError, TypeError, ValueError, IndexError):  # not what this code writes: made again
            return None

    def texts(self) -> dict[str, str]:
        """Turtle, TriG, N-Triples and JSON-LD by format name, byte for byte :func:`rdf_writer.every_format`'s."""
        return {fmt: "".join(parts) for fmt, parts in self.documents().items()}

    def documents(self) -> dict[str, Iterable[str]]:
        """:meth:`texts` as the strings they are the concatenation of, each made as it is asked for (a document
        is to be read once); every check is made before this returns."""
        try:
            return self._from_pieces()
        except _Unproven:
            self.reused = None
            return {fmt: (text,) for fmt, text in self._whole().items()}

    def write(self, paths: dict[str, os.PathLike]) -> None:
        """Write the documents (:meth:`texts`) into the files ``paths`` (by format name) as ``Path.write_text`` would,
        a few hundred of their parts at a time (see :data:`_PARTS_AT_A_TIME`)."""
        documents = self.documents()
        for fmt, path in paths.items():
            with open(path, "w", encoding="utf-8") as file:
                for text in documents[fmt]:
                    file.write(text)

    def _whole(self) -> dict[str, str]:
        from ..export_data import data_rows

        rows = rdf_writer.prepared(data_rows(self.registry))
        return rdf_writer.every_format(rows, self.table, self.context)

    def _from_pieces(self) -> dict[str, str]:
        registry = self.registry
        store = registry.store
        files = registry.turtle
        owner: dict[str, str] = {}
        for rel, parsed in files.items():
            if parsed.rdf12_at is not None:
                raise _Unproven
            for subject in parsed.blocks:
                if owner.setdefault(subject, rel) != rel:
                    raise _Unproven  # a subject defined in two files
        own_graphs = (registry.data_graph_iri, registry.bib_graph_iri)
        for cls in _CATALOGUE_CLASSES:  # a unit or quantity kind of the registry's own changes the catalogue
            for quad in store.quads_for_pattern(None, _RDF_TYPE, cls, None):
                if quad.graph_name in own_graphs or (
                    isinstance(quad.subject, ox.NamedNode) and quad.subject.value in owner
                ):
                    raise _Unproven
        from ..export_data import canonical_doubles

        stored_bib = rdf_writer.store_rows(store, [registry.bib_graph_iri])
        bib_rows = canonical_doubles(stored_bib)
        if any(s[1:-1] in owner for s, _, _, _ in bib_rows if s[0] == "<"):
            raise _Unproven  # a subject in both graphs: Turtle merges them
        pieces: dict[str, _Piece] = {}
        missing: list[str] = []
        kinds_now = _every_kind(registry)
        for rel, parsed in files.items():
            name = self._name(parsed)
            piece = self._read(name)
            if piece is None or piece.kinds != _kinds_of(kinds_now, piece.kinds):
                missing.append(rel)
            else:
                pieces[rel] = piece
        self._read_from_store(missing, pieces)
        total = _claims_graph_size(registry, len(stored_bib), self.counted)
        if sum(piece.count for piece in pieces.values()) != total:
            raise _Unproven  # statements no file's subjects hold (or a piece that no longer holds its own)
        bib = self._sources(list(dict.fromkeys(bib_rows)))
        everything = [*pieces.values(), bib]
        try:
            labels = self._labels(everything)
        except _RoundsMissing:
            self._read_from_store([rel for rel, piece in pieces.items() if piece.rows is None], pieces)
            everything = [*pieces.values(), bib]
            labels = self._labels(everything)
        relabelled = []
        for rel, piece in pieces.items():
            if piece.rows is None and any(labels[node] != node for node in piece.nodes):
                relabelled.append(rel)  # its labels came out otherwise: its statements read again
        if relabelled:
            self._read_from_store(relabelled, pieces)
            everything = [*pieces.values(), bib]
            labels = self._labels(everything)
        for piece in everything:
            if piece.rows is not None:
                piece.write(labels, self.table, self.context)
        texts = self._merged(list(pieces.values()), bib, registry)
        self.reused = sum(1 for piece in pieces.values() if piece.rows is None)
        self._remember([*pieces.values(), bib], labels)
        return texts

    def _sources(self, rows: list[Row]) -> _Piece:
        """The bibliography's piece: remembered by its statements when they hold no blank node (then they read
        the same from one build to the next), else written on every build."""
        if self.entries.key is None or any(s[0] == "_" or o[0] == "_" for s, _, o, _ in rows):
            return _Piece(None, rows, 0, {})
        name = self.entries.name("sources", b"sources\0" + "\n".join(sorted(" ".join(row) for row in rows)).encode())
        return self._read(name) or _Piece(name, rows, 0, {})

    def _read_from_store(self, rels: list[str], pieces: dict[str, _Piece]) -> None:
        registry = self.registry
        files = registry.turtle
        if len(rels) > _FEW_FILES:
            by_subject = _by_subject(rdf_writer.store_rows(registry.store, [registry.data_graph_iri]))

            def stored(rel: str) -> list[Row]:
                return _closure(by_subject, [f"<{s}>" for s in files[rel].blocks])
        else:

            def stored(rel: str) -> list[Row]:
                return _stored_of(registry, files[rel].blocks)

        for rel in rels:
            parsed = files[rel]
            rows_in_store = stored(rel)
            rows = list(dict.fromkeys(_file_rows(registry, rel, parsed, rows_in_store)))
            if any(p in _GENERATED and s[0] != "_" for s, p, _, _ in rows):
                # a value node with an IRI: another file's claim may point at it, and its normalised value
                # then hangs on that claim's measurand, which this file's pieces cannot see
                raise _Unproven
            pieces[rel] = _Piece(self._name(parsed), rows, len(rows_in_store), _kinds(registry, rows))

    @staticmethod
    def _labels(pieces: list[_Piece]) -> dict[str, str]:
        """Every blank node's label (by its piece's name for it), as rdf_writer.stable_blank_labels gives them."""
        count = sum(len(piece.nodes) for piece in pieces)

        def distinct(round_: int) -> int:
            return len(set().union(*(piece.signatures(round_) for piece in pieces)))

        rounds, seen = 0, distinct(0)
        for _ in range(rdf_writer.MAX_ROUNDS):
            if seen == count:
                break
            now = distinct(rounds + 1)
            rounds += 1
            if now == seen:
                break
            seen = now
        signature: dict[str, str] = {}
        for piece in pieces:
            signature.update(zip(piece.nodes, piece.signatures(rounds)))
        if len(signature) != count or len(set(signature.values())) != count:
            raise _Unproven  # twins (numbered in no fixed order), or one name for two nodes
        labels: dict[str, str] = {}
        taken: dict[str, str] = {}
        for node in sorted(signature, key=signature.__getitem__):
            full = signature[node]
            label = "_:b" + full[:12]
            if taken.setdefault(label, full) != full:
                label = "_:b" + full
                taken[label] = full
            labels[node] = label
        return labels

    def _merged(self, pieces: list[_Piece], bib: _Piece, registry) -> dict[str, Iterable[str]]:
        """The four documents from the pieces' blocks (see rdf_writer.every_format), as the strings they are the
        concatenation of (made as they are read: :meth:`documents`)."""
        table = self.table
        graphs = sorted([(f"<{registry.data_graph_iri.value}>", pieces), (f"<{registry.bib_graph_iri.value}>", [bib])])
        names = _names(tuple(table.items()))
        graph_names = rdf_writer.WrittenTerms(names)
        used: set[str] = set()
        statements: list[str] = []  # every graph's Turtle blocks, one after the other
        trig_graphs: list[tuple[str, list[str]]] = []  # each graph's name and Turtle blocks
        jsonld_nodes: list[str] = []
        nt_runs: list[str] = []
        for graph, group in graphs:
            blocks = sorted((block for piece in group for block in piece.blocks), key=lambda block: block[0])
            if not blocks:
                continue
            for piece in group:
                used.update(piece.used)
            count = sum(block[3] for block in blocks)
            turtle = [block[1] for block in blocks]
            # (the graph's blocks joined by line breaks: one line a statement; counted by map, in C: 16,000 blocks)
            if sum(map(str.count, turtle, repeat("\n", len(turtle)))) + len(turtle) - 1 != count - 1:
                raise _Unproven  # a term holding a line break: indented statement by statement
            statements.extend(turtle)
            trig_graphs.append((graph_names[graph], turtle))
            jsonld_nodes.extend(block[2] for block in blocks)
            for piece in group:
                nt_runs.extend(piece.nt)
        if not statements:
            raise _Unproven
        nt_runs.sort()
        subjects = [run[: run.index(" ")] for run in nt_runs]
        if len(set(subjects)) != len(subjects):
            raise _Unproven  # a subject in two pieces: its runs would not sort as its lines
        head = json.dumps(self.context, indent=1, ensure_ascii=False, sort_keys=True)
        # (a Turtle document is its prefixes, then its body and a line break: the document of no body, but its
        # last line break, then the body and the line break)
        turtle_head = rdf_writer.turtle_document(table, used, "")[:-1]
        trig_head = rdf_writer.turtle_document(table, used | graph_names.used, "")[:-1]

        def trig() -> Iterator[str]:
            yield trig_head
            for at, (name, blocks) in enumerate(trig_graphs):
                yield f"{chr(10) if at else ''}{name} {{\n    "
                for text in _joined(blocks, "\n"):
                    yield text.replace("\n", "\n    ")
                yield "\n}"
            yield "\n"

        return {
            "trig": trig(),
            "turtle": chain((turtle_head,), _joined(statements, "\n"), ("\n",)),
            "nt": chain(_joined(nt_runs, "\n"), ("\n",)),
            "jsonld": chain(('{"@context": ' + head + ',\n"@graph": [\n',), _joined(jsonld_nodes, ",\n"), ("\n]}\n",)),
        }

    def _remember(self, pieces: list[_Piece], labels: dict[str, str]) -> None:
        if self.entries.key is None:
            return
        for piece in pieces:
            if piece.rows is not None and piece.name is not None:
                self.entries.keep(piece.name, piece.entry(labels))
        self.entries.forget_the_rest()  # the entries of files edited since, or removed
