"""The saved queries' answers of the previous build, taken again where no statement a query can match changed.

A one-claim edit reruns every saved query (~1 s of Oxigraph's time and CSV writing at 10,000 claims), though
most of them cannot see the edit. A query's answer on the new graph is its answer on the old one when no
statement that changed (added or removed, in any graph the query sees) can match a pattern of the query:

* **what a query can match** (:func:`query_predicates`): the predicate IRIs of its triple patterns and
  property paths, read from rdflib's SPARQL algebra, or *everything* (None) where the query could read any
  statement or gives another answer on every run: a variable predicate (but one that a ``VALUES`` joined
  with its pattern binds to IRIs in every row: then those IRIs), a negated property set, a path that may be
  of length zero between two ends no other pattern of its group binds (it matches every node of the
  graph), ``GRAPH ?g``, ``SERVICE``, ``DESCRIBE``, ``NOW``, ``RAND``, ``UUID``, ``STRUUID``, ``BNODE``, or a
  query rdflib cannot read. Worked out only when a query's text is new to the cache folder (importing rdflib
  costs ~0.3 s), and remembered there by the text, the base IRI and claimgraph's code;
* **what changed** (:func:`changed_predicates`): the store holds each loaded claims file's statements (a set
  union over the files, read from their texts by Oxigraph's parser: :func:`claimgraph.registry.load`), the
  statements the loader generates from them (normalised values), the bibliography's graph and the
  vocabulary's (claimgraph's own files). The previous build kept a copy of every claims file's text, so a
  file whose text changed is parsed as it was and as it is, and the statements in one and not the other give
  their predicates (blank nodes named by their place below a named subject: a value edited keeps its node's
  name). The generated statements are a function of the statements the loader's queries read: if one of
  their predicates changed, every generated predicate counts as changed. The bibliography's graph is read
  from the store and compared predicate by predicate with the previous build's (by digests). The vocabulary,
  the unit catalogue and every rule of loading and answering are claimgraph's code, in the record's key,
  with the settings; a graph other than these three, or statements in the default graph: everything.

An answer is taken again when its query's text and page name are the ones answered before, the query can
see no changed predicate, and the previous site's download (at ``--out``) is byte for byte the one written
then (a digest of it is remembered). An answer naming a blank node is never remembered (Oxigraph labels
them anew on every load), nor one that failed (a deadline is no property of the graph).

The record belongs to the site at ``--out``: written by the process answering the queries as *pending*,
it becomes the record once the site is in place (:meth:`Record.commit`, with the site's marker stamp, as
:mod:`.page_cache` does); any doubt (no record, another site, damaged entries) runs every query.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from ..file_io import write_cache_entry

#: Bumped when what the record holds changes shape.
_FORMAT = 1
#: Functions whose value differs from one run to the next.
_UNSTABLE = frozenset({"Builtin_NOW", "Builtin_RAND", "Builtin_UUID", "Builtin_STRUUID", "Builtin_BNODE"})


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def code_key() -> bytes:
    """claimgraph's code and data (the loader, the vocabulary, the unit catalogue, the CSV writer: the pages' own
    digest of the package, which a build from the command line has worked out before this process forked) and
    the versions of Python and pyoxigraph: every record is made with them."""
    from .page_cache import _package_digest

    return hashlib.sha256(_package_digest() + f"\0answers {_FORMAT}\0{sys.version}\0{ox.__version__}".encode()).digest()


@lru_cache(maxsize=1)
def _parser_key() -> bytes:
    """:func:`code_key` and rdflib's version: what a query's remembered predicates were worked out with."""
    try:
        from importlib.metadata import version

        rdflib_version = version("rdflib")
    except Exception:  # (not installed: no dependency is ever worked out)
        rdflib_version = ""
    return code_key() + rdflib_version.encode()


# ------------------------------------------------------------------ what a query can match


class _Everything(Exception):
    """The query may read any statement, or answers otherwise on every run."""


def query_predicates(text: str, base: str | None, prefixes: dict[str, str]) -> frozenset[str] | None:
    """The IRIs of the predicates ``text`` can match (see the module's docs), or None for any statement."""
    try:
        from rdflib.plugins.sparql import prepareQuery

        query = prepareQuery(text, initNs=prefixes, base=base)
    except Exception:  # rdflib missing, or a text it reads otherwise than Oxigraph: no reuse
        return None
    found: set[str] = set()
    try:
        _walk(query.algebra, found)
    except _Everything:
        return None
    except RecursionError:
        return None
    return frozenset(found)


def _walk(node, found: set[str]) -> None:
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    if isinstance(node, CompValue):
        name = node.name
        if name in _UNSTABLE or name in ("DescribeQuery", "ServiceGraphPattern", "Service"):
            raise _Everything
        if name in ("Graph", "GraphGraphPattern") and not isinstance(node.get("term"), URIRef):
            raise _Everything  # which graphs there are is read too
        if name in ("BGP", "TriplesBlock"):
            # (a TriplesBlock: the patterns of an EXISTS, which rdflib leaves as parsed until it evaluates them)
            _group(node.get("triples") or [], {}, found)
            return
        if name == "Join":
            for values, other in ((node.p1, node.p2), (node.p2, node.p1)):
                bound = _values_iris(values)
                if bound and isinstance(other, CompValue) and other.name == "BGP":
                    # the solutions binding the variable otherwise are dropped by the join
                    _group(other.triples, bound, found)
                    return
        for value in node.values():
            _walk(value, found)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for item in node:
            _walk(item, found)
    elif isinstance(node, dict):
        for item in node.values():
            _walk(item, found)


def _values_iris(node) -> dict:
    """For ``VALUES`` (a ToMultiSet of values): each variable bound to an IRI in every row -> those IRIs."""
    from rdflib.plugins.sparql.parserutils import CompValue
    from rdflib.term import URIRef

    if not (isinstance(node, CompValue) and node.name == "ToMultiSet"):
        return {}
    inner = node.get("p")
    if not (isinstance(inner, CompValue) and inner.name == "values"):
        return {}
    rows = inner.get("res") or []
    if not rows:
        return {}
    names = set(rows[0])
    for row in rows:
        names &= {v for v, term in row.items() if isinstance(term, URIRef)}
    return {v: {str(row[v]) for row in rows} for v in names}


def _group(triples, bound: dict, found: set[str]) -> None:
    """The predicates of a basic graph pattern's triples; ``bound``: variables a VALUES joined with it binds."""
    from rdflib.paths import Path
    from rdflib.term import URIRef

    anchored = set()  # terms a pattern that cannot match zero-length binds to a statement's node
    zero = []
    triples = [tuple(t) for t in triples]
    if any(len(t) != 3 for t in triples):
        raise _Everything
    for s, p, o in triples:
        if isinstance(p, URIRef) or (not isinstance(p, Path) and p in bound):
            anchored.update((s, o))
        elif isinstance(p, Path) and not _zero_length(p):
            anchored.update((s, o))
        elif isinstance(p, Path):
            zero.append((s, o))
    for _, p, _ in triples:
        if isinstance(p, URIRef):
            found.add(str(p))
        elif isinstance(p, Path):
            _path(p, found)
        elif p in bound:
            found.update(bound[p])
        else:  # a variable or blank node as predicate
            raise _Everything
    for s, o in zero:
        # a path of length zero pairs every node of the graph with itself, unless an end is bound by a pattern
        # of the group that matches statements (a constant end alone would not do: engines differ)
        if s not in anchored and o not in anchored:
            raise _Everything


def _path(path, found: set[str]) -> None:
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.term import URIRef

    if isinstance(path, URIRef):
        found.add(str(path))
    elif isinstance(path, (SequencePath, AlternativePath)):
        for part in path.args:
            _path(part, found)
    elif isinstance(path, InvPath):
        _path(path.arg, found)
    elif isinstance(path, MulPath):
        _path(path.path, found)
    else:  # a negated property set (any predicate but these), or what this code does not know
        raise _Everything


def _zero_length(path) -> bool:
    """Whether ``path`` may match a node with itself, no statement between."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.term import URIRef

    if isinstance(path, URIRef):
        return False
    if isinstance(path, SequencePath):
        return all(_zero_length(part) for part in path.args)
    if isinstance(path, AlternativePath):
        return any(_zero_length(part) for part in path.args)
    if isinstance(path, InvPath):
        return _zero_length(path.arg)
    if isinstance(path, MulPath):
        return path.mod in ("*", "?") or _zero_length(path.path)
    return True


class Dependencies:
    """:func:`query_predicates` of query texts, remembered in the cache folder by text, base and code."""

    def __init__(self, base: str | None, prefixes: dict[str, str]):
        self.base, self.prefixes = base, prefixes
        self.worked_out = 0  # texts read by rdflib in this run (the others came from the cache folder)

    def _name(self, text: str) -> str:
        key = hashlib.sha256(_parser_key())
        key.update(repr((self.base, sorted(self.prefixes.items()))).encode() + b"\0" + text.encode())
        return f"answers/depends-{key.hexdigest()}.marshal"

    def of(self, text: str) -> frozenset[str] | None:
        from ..file_io import cache_dir

        path = cache_dir() / self._name(text)
        try:
            data = marshal.loads(path.read_bytes())
            if isinstance(data, tuple) and len(data) == 2 and data[0] == "predicates":
                found = data[1]
                if found is None or (isinstance(found, frozenset) and all(type(p) is str for p in found)):
                    return found
        except (OSError, ValueError, EOFError, TypeError):
            pass
        found = query_predicates(text, self.base, self.prefixes)
        self.worked_out += 1
        write_cache_entry(path, marshal.dumps(("predicates", found)))
        return found


# ------------------------------------------------------------------ what changed


def unstable(text: str) -> bool:
    """Whether a bare word of ``text`` is a function whose value differs from run to run (or a SERVICE)."""
    from ..sparql.run import keywords

    names = {name.removeprefix("Builtin_").upper() for name in _UNSTABLE} | {"SERVICE"}
    return any(k.word in names for k in keywords(text))


def named_statements(rows) -> set[tuple[str, str, str]]:
    """``rows`` (N-Triples terms: subject, predicate, object, …) with every blank node named by where it hangs:
    the name of the subject above it, the predicate, and its rank among that subject's blank nodes by the
    predicate (ordered by their content where there are several). Any naming is sound (a statement named
    otherwise only counts as changed); this one keeps a node's name when a value below it or beside it changes."""
    out: dict[str, list[tuple[str, str]]] = {}
    blank = False
    for row in rows:
        s, p, o = row[0], row[1], row[2]
        out.setdefault(s, []).append((p, o))
        if s[0] == "_" or o[0] == "_":
            blank = True
    if not blank:
        return {(row[0], row[1], row[2]) for row in rows}
    content: dict[str, str] = {}

    def content_of(node: str, depth: int = 0) -> str:
        found = content.get(node)
        if found is not None:
            return found
        content[node] = "cycle"  # (a node met again below itself)
        if depth > 200:
            return "deep"
        parts = sorted(f"{p} {content_of(o, depth + 1) if o[0] == '_' else o}" for p, o in out.get(node, ()))
        found = content[node] = hashlib.sha1("\n".join(parts).encode()).hexdigest()
        return found

    names: dict[str, str] = {}

    def name_below(todo: list[str]) -> None:
        for node in todo:  # (grows: breadth first)
            by_predicate: dict[str, dict[str, None]] = {}
            for p, o in out.get(node, ()):
                if o[0] == "_" and o not in names:
                    by_predicate.setdefault(p, {})[o] = None
            parent = names.get(node, node)
            for p, children in by_predicate.items():
                ordered = sorted(children, key=content_of) if len(children) > 1 else list(children)
                for rank, o in enumerate(ordered):
                    if o not in names:
                        names[o] = "_:" + hashlib.sha1(f"{parent} {p} {rank}".encode()).hexdigest()
                        todo.append(o)

    name_below(sorted(s for s in out if s[0] != "_"))
    rest = [node for node in out if node[0] == "_" and node not in names]
    rest.sort(key=content_of)
    for rank, node in enumerate(rest):  # blank nodes no named subject reaches
        if node not in names:
            names[node] = f"_:r{rank}"
            name_below([node])
    named = set()
    for row in rows:
        s, p, o = row[0], row[1], row[2]
        named.add((names.get(s, s), p, names.get(o, o)))
    return named


def predicate_digests(rows) -> dict[str, str]:
    """A digest per predicate of the statements of ``rows`` (blank nodes named as :func:`named_statements` does)."""
    by_predicate: dict[str, list[str]] = {}
    for s, p, o in named_statements(rows):
        by_predicate.setdefault(p, []).append(f"{s} {o}")
    return {p: digest("\n".join(sorted(lines)).encode()) for p, lines in by_predicate.items()}


def _iri(term: str) -> str:
    return term[1:-1] if term[:1] == "<" else term


def _parsed(text: str, base: str):
    from ..rdf_writer import parsed_rows

    return parsed_rows(text, base, "")


class Record:
    """What a build of the site at ``out`` answered, and from what: read at the start, written as pending by the
    process answering the queries, made the record by :meth:`commit` once the site is in place."""

    def __init__(self, out: Path):
        from ..file_io import cache_dir, cache_entry_for

        self.folder = cache_dir() / "answers"
        entry = cache_entry_for(out, "site", "")
        self.path = self.folder / f"{entry}.marshal"
        self.stamp_path = self.folder / f"{entry}.stamp"
        self.texts = self.folder / entry
        self.pending = self.folder / f"{entry}.pending-{os.getpid()}"

    def previous(self, stamp: tuple | None) -> dict | None:
        """The record of the site whose marker has ``stamp`` (the one now at ``out``), or None."""
        if stamp is None:
            return None
        try:
            mark = marshal.loads(self.stamp_path.read_bytes())
            data = marshal.loads(self.path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not (isinstance(mark, dict) and isinstance(data, dict)):
            return None
        if mark.get("stamp") != stamp or data.get("format") != _FORMAT or mark.get("nonce") != data.get("nonce"):
            return None
        return data

    def old_text(self, name: str) -> str | None:
        """The text of a claims file kept by the previous build, by its digest ``name``."""
        try:
            data = (self.texts / f"{name}.ttl").read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if digest(data) == name else None

    def keep_texts(self, texts: dict[str, str], previous: dict | None) -> None:
        """Copies of the claims files' texts (by digest), for the next build to diff against; the copies
        neither this build nor the site now at ``out`` refers to go."""
        wanted = {f"{d}.ttl" for d in texts}
        if previous is not None and isinstance(previous.get("files"), dict):
            wanted |= {f"{d}.ttl" for d in previous["files"].values() if isinstance(d, str)}
        try:
            self.texts.mkdir(parents=True, exist_ok=True)
            present = set(os.listdir(self.texts))
        except OSError:
            return
        for digest, text in texts.items():
            if f"{digest}.ttl" not in present:
                write_cache_entry(self.texts / f"{digest}.ttl", text.encode("utf-8"))
        for name in present - wanted:
            try:
                os.unlink(self.texts / name)
            except OSError:
                pass

    def write_pending(self, data: dict) -> None:
        write_cache_entry(self.pending, marshal.dumps(dict(data, format=_FORMAT)))

    def commit(self, stamp: tuple | None) -> None:
        """The pending record becomes the record of the site just put in place (whose marker has ``stamp``)."""
        try:
            nonce = marshal.loads(self.pending.read_bytes()).get("nonce")
            os.replace(self.pending, self.path)
        except (OSError, ValueError, EOFError, TypeError, AttributeError):
            self.discard()
            return
        write_cache_entry(self.stamp_path, marshal.dumps({"stamp": stamp, "nonce": nonce}))

    def discard(self) -> None:
        try:
            os.unlink(self.pending)
        except OSError:
            pass


def record_key(registry) -> str:
    """What every remembered answer depends on besides the graph: code, settings, graph names."""
    settings = b""
    if registry.root is not None:
        try:
            settings = (Path(registry.root) / "claimgraph.toml").read_bytes()
        except OSError:
            settings = b"\0unreadable"
    from ..registry import GENERATED_PREDICATES, VOCABULARY_GRAPH

    store = registry.store
    # the vocabulary is claimgraph's own (in the code's key), loaded unless a caller left it out; the values are
    # normalised unless a caller asked not to: both are read, not assumed
    vocabulary = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(VOCABULARY_GRAPH)))
    normalised = next(iter(store.quads_for_pattern(None, ox.NamedNode(GENERATED_PREDICATES[-1]), None, None)), None)
    key = hashlib.sha256(code_key())
    key.update(
        repr(
            (
                registry.settings.base,
                registry.data_graph_iri.value,
                registry.bib_graph_iri.value,
                loader_queries(),
                vocabulary,
                normalised is not None,
            )
        ).encode()
        + b"\0"
        + settings
    )
    return key.hexdigest()


def loader_queries() -> list[str]:
    """The loader's own queries (what the generated statements are made from)."""
    from ..quantities import _DECLARED_KINDS, _DECLARED_UNITS
    from ..registry import _VALUES_TO_NORMALISE

    return [_VALUES_TO_NORMALISE, _DECLARED_UNITS, _DECLARED_KINDS]


class Changes:
    """The state of the graph a build answers on (file digests, the bibliography's predicate digests), and
    the predicates changed since the previous build's (:attr:`predicates`, None: anything may have)."""

    def __init__(self, registry, record: Record | None, previous: dict | None, dependencies: Dependencies):
        from ..registry import VOCABULARY_GRAPH

        self.registry, self._record, self._dependencies = registry, record, dependencies
        self.files = {rel: digest(parsed.text.encode("utf-8")) for rel, parsed in registry.turtle.items()}
        self.texts = {self.files[rel]: parsed.text for rel, parsed in registry.turtle.items()}
        self.key = record_key(registry)
        self.predicates: frozenset[str] | None = None
        store = registry.store
        # the bibliography's graph: compared whole first (as a rule it did not change), then predicate by predicate
        buffer = io.BytesIO()
        store.dump(buffer, format=ox.RdfFormat.N_TRIPLES, from_graph=registry.bib_graph_iri)
        lines = buffer.getvalue().decode("utf-8").split("\n")
        lines.sort()
        self.bib_whole = digest("\n".join(lines).encode("utf-8"))
        blank = any(line[:1] == "_" or " _:" in line for line in lines)  # (labelled anew on every load)
        if (
            not blank
            and previous is not None
            and previous.get("key") == self.key
            and previous.get("bib_whole") == self.bib_whole
            and isinstance(previous.get("bib"), dict)
        ):
            self.bib = previous["bib"]
        elif blank:
            self.bib = predicate_digests([line[:-2].split(" ", 2) for line in lines if line])
        else:  # no blank node: the sorted lines, predicate by predicate
            by_predicate: dict[str, list[str]] = {}
            for line in lines:
                if line:
                    by_predicate.setdefault(line.split(" ", 2)[1], []).append(line)
            self.bib = {p: digest("\n".join(group).encode("utf-8")) for p, group in by_predicate.items()}
        known = {registry.data_graph_iri, registry.bib_graph_iri, ox.NamedNode(VOCABULARY_GRAPH)}
        if any(graph not in known for graph in store.named_graphs()):
            return
        if next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
            return
        if previous is None or previous.get("key") != self.key:
            return
        answers = previous.get("answers")
        if not isinstance(answers, dict):
            return
        self.predicates = self._changed(previous, dependencies)

    def _changed(self, previous: dict, dependencies: Dependencies) -> frozenset[str] | None:
        from ..registry import GENERATED_PREDICATES

        base = self.registry.settings.base
        changed: set[str] = set()
        old_files = previous.get("files")
        old_bib = previous.get("bib")
        if not isinstance(old_files, dict) or not isinstance(old_bib, dict):
            return None
        for rel in sorted(old_files.keys() | self.files.keys()):
            old, new = old_files.get(rel), self.files.get(rel)
            if old == new:
                continue
            statements: list[set] = []
            for digest, text in ((old, None if old is None else self._old_text(old)), (new, self.texts.get(new))):
                if digest is None:
                    statements.append(set())
                    continue
                if text is None:
                    return None  # the previous text is gone from the cache folder
                try:
                    statements.append(named_statements(_parsed(text, base)))
                except (SyntaxError, ValueError):
                    return None
            changed.update(_iri(p) for _, p, _ in statements[0] ^ statements[1])
        for p in old_bib.keys() | self.bib.keys():
            if old_bib.get(p) != self.bib.get(p):
                changed.add(_iri(p))
        if changed:
            # the generated statements are made from what the loader's queries read
            from ..namespaces import sparql_prologue

            for text in loader_queries():
                read = dependencies.of(sparql_prologue() + text)
                if read is None or read & changed:
                    changed.update(GENERATED_PREDICATES)
                    break
        return frozenset(changed)

    def _old_text(self, digest: str) -> str | None:
        return self._record.old_text(digest) if self._record is not None else None

    def unchanged_for(self, text: str, entry: dict) -> bool:
        """Whether the answer of the query ``text`` (remembered as ``entry``) is the previous build's: it can match
        no changed predicate, and calls no function whose value differs from run to run (looked for among the
        query's words, so that a graph that did not change takes no parse of the query; noted in the entry)."""
        if self.predicates is None:
            return False
        if entry.get("stable") is not True:
            if entry.get("stable") is False or unstable(text):
                entry["stable"] = False
                return False
            entry["stable"] = True
        if not self.predicates:
            return True
        read = self._dependencies.of(text)
        return read is not None and not (read & self.predicates)

    def state(self, answers: dict[str, dict]) -> dict:
        """The record of this build, with ``answers`` (by the digest of the query's text)."""
        return {
            "nonce": os.urandom(16).hex(),
            "key": self.key,
            "files": self.files,
            "bib": self.bib,
            "bib_whole": self.bib_whole,
            "answers": answers,
        }


_FIELDS = ("kind", "columns", "rows", "total", "boolean", "error", "download")


def answer_data(answer) -> dict:
    """What a page shows of an answer (:func:`.sparql_pages.shown_answers`), as the record keeps it."""
    return {name: getattr(answer, name) for name in _FIELDS}


def taken(entry: dict, previous_site: Path, docs: Path) -> dict | None:
    """The fields of the remembered answer ``entry`` (:func:`answer_data`), its download copied from the previous
    site into ``docs``; None if the previous site's file is not the one written with it (or the entry is damaged)."""
    data = entry.get("answer")
    if not isinstance(data, dict) or set(data) != set(_FIELDS):
        return None
    download = data["download"]
    if download is not None:
        if not isinstance(download, str) or "/" in download or download.startswith("."):
            return None
        try:
            content = (previous_site / "sparql" / download).read_bytes()
        except OSError:
            return None
        if digest(content) != entry.get("sha"):
            return None
        target = docs / "sparql" / download
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    elif entry.get("sha") is not None:
        return None
    return data
