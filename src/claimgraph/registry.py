"""The one loader and the one registry object every command reads.

:func:`load` reads ``claimgraph.toml``, every ``claims/**/*.ttl`` and
``bib/**/*.bib`` once, and returns a :class:`Registry` holding:

* an Oxigraph store (claims, sources and the vocabulary in named graphs) that
  SPARQL and the checks run on, because rdflib's own SPARQL engine is orders of
  magnitude slower on joins;
* the same data as an rdflib graph, built lazily, for pyshacl and serialisers;
* for every subject, the file and line that define it, so every finding points
  at a place an author can open;
* the findings met while loading (syntax errors, broken BibTeX…): a broken file
  never stops the others from loading, and never raises.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import USAGE, ClaimgraphError
from .findings import CODES, Finding, Severity
from .loading.rdf_checks import (
    hidden_character_problems,
    identifier_problems,
    literal_problems,
    needs_quad_scan,
    nesting_problems,
    number_problems,
    twin_identifiers,
    unescape_uchars,
)
from .loading.text import TextFileError, read_text
from .loading.turtle import (
    ParsedTurtle,
    TurtleSyntaxError,
    WrittenKey,
    index_turtle,
    loads_as_parsed,
    number_key,
    parse_turtle,
    predicate_line,
    oversized_token,
    turtle_syntax_error,
    written_numbers,
)
from .namespaces import CG, RDF_TYPE, sparql_prologue
from .parallel import responsive_threads
from .settings import SETTINGS_FILE, Settings, SettingsError, read_settings

if TYPE_CHECKING:
    from .loading.bibtex import BibEntry
    from .loading.remembered import RememberedReadings

#: Where the vocabulary, schemes and shapes live: the project's ontology/ folder.
ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontology"
VOCABULARY_GRAPH = "https://w3id.org/claimgraph/ns"


class RegistryError(ClaimgraphError):
    """The registry cannot be loaded at all (no folder, no settings)."""

    kind = USAGE  # input that cannot be read as a registry at all

    def __init__(self, message: str, path: Path | None = None, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Location:
    file: str
    line: int


@dataclass
class Registry:
    root: Path
    settings: Settings
    store: ox.Store
    sources: dict[str, BibEntry] = field(default_factory=dict)
    source_files: dict[str, str] = field(default_factory=dict)
    locations: dict[str, Location] = field(default_factory=dict)
    load_findings: list[Finding] = field(default_factory=list)
    turtle: dict[str, ParsedTurtle] = field(default_factory=dict, repr=False)
    claim_files: list[str] = field(default_factory=list)
    bib_files: list[str] = field(default_factory=list)
    shape_files: list[Path] = field(default_factory=list)
    query_files: list[Path] = field(default_factory=list)
    #: numbers as their authors wrote them, where the store holds another form (see :meth:`written_form`)
    written_numbers: dict[WrittenKey, str] = field(default_factory=dict, repr=False)
    #: every subject (a claim, a step, a measurand…) defined by more than one block of the claim files, in one
    #: file or in two, with where each block starts (file order): its triples are those of every block merged,
    #: so where one property is expected it may hold several, none of them the one value to reason from
    defined_twice: dict[str, list[Location]] = field(default_factory=dict)

    # ---------------------------------------------------------- what did not load

    def left_out(self, folder: str) -> list[Finding]:
        """The loading errors that left something of ``folder`` (``"claims"``, ``"bib"``) out of the store: a
        file that did not parse, could not be read, a BibTeX entry dropped (and those about no file, the
        registry's folders themselves). A finding that something is absent from the whole registry (a source
        nothing cites, a reference to a node defined nowhere) cannot be made while one of them stands: the
        absent thing may be in what was not read, and that one mistake is already its finding."""
        inside = folder.rstrip("/") + "/"
        return [f for f in self.data_left_out() if f.file is None or f.file == inside[:-1] or f.file.startswith(inside)]

    def source_keys_not_loaded(self) -> set[str] | None:
        """The keys (case-folded) of the BibTeX entries the loader dropped; None when an entry whose key is not
        known was dropped (a block that did not parse, a file not read), which may be any key."""
        keys: set[str] = set()
        for finding in self.left_out("bib"):
            if finding.code in ("CG106", "CG123") or (finding.code == "CG110" and finding.subject):
                continue  # a duplicate key (the first entry holds it), a field lost from an entry that loaded
            key = self.key_of(finding.subject) if finding.subject else None
            if finding.code != "CG107" or key is None:
                return None
            keys.add(key.casefold())
        return keys

    @staticmethod
    def may_be_a_dropped_source(key: str, not_loaded: set[str] | None) -> bool:
        """Whether a key no entry of the bibliography holds may be that of an entry the loader dropped
        (``not_loaded``: :meth:`source_keys_not_loaded`): "not in the bibliography" is then not known."""
        return not_loaded is None or key.casefold() in not_loaded

    # ---------------------------------------------------------- what did not load

    def data_left_out(self) -> list[Finding]:
        """The load findings that mean something was not loaded: a file (a syntax error, an unreadable
        file, blank nodes nested too deep…) or part of one (a BibTeX entry whose key is taken). A finding
        about what was loaded (a control character in a literal, CG121; a claim defined twice) is not one:
        the data is there, and the check report says what is wrong with it."""
        return [
            f
            for f in self.load_findings
            if f.severity >= Severity.ERROR and f.code in CODES and CODES[f.code].leaves_data_out
        ]

    def merged_definitions(self) -> list[Finding]:
        """The CG104 findings: a subject defined twice holds the triples of both definitions merged (two values,
        two statuses), so a table or a comparison made of it would show one mixture of the two, neither the
        author's (``list`` and ``diff`` refuse it unless given ``--allow-load-errors``)."""
        return [f for f in self.load_findings if f.code == "CG104"]

    def left_out_note(self) -> str | None:
        """What ``query`` and ``serve`` say when :meth:`data_left_out` is not empty (their answers miss what
        was left out), naming the files; None when everything was loaded."""
        left_out = self.data_left_out()
        if not left_out:
            return None
        from .reports import one_line

        files = sorted({one_line(f.file) or "(registry)" for f in left_out})
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        return (
            f"{len(left_out)} loading error(s): some files were not loaded, or not whole ({shown}); "
            "the answers miss what they hold (run `claimgraph check`)"
        )

    # ---------------------------------------------------------- graphs

    @property
    def data_graph_iri(self) -> ox.NamedNode:
        return ox.NamedNode(self.settings.base + "graph/claims")

    @property
    def bib_graph_iri(self) -> ox.NamedNode:
        return ox.NamedNode(self.settings.base + "graph/sources")

    def query(self, sparql: str, *, prologue: bool = True):
        """Run SPARQL over the union of data, sources and vocabulary."""
        text = sparql_prologue() + sparql if prologue else sparql
        return self.store.query(text, use_default_graph_as_union=True)

    def select(self, sparql: str) -> list[dict[str, object]]:
        """SELECT rows as dicts of Python values (str, float, int, bool) or None."""
        solutions = self.query(sparql)
        names = [v.value for v in solutions.variables]
        return [dict(zip(names, map(_py, row))) for row in solutions]

    def data_graph_names(self, *, include_sources: bool = True) -> list[ox.NamedNode]:
        """The named graphs holding the registry's data (not the vocabulary): what is exported and published."""
        return [self.data_graph_iri] + ([self.bib_graph_iri] if include_sources else [])

    def data_quads(self, *, include_sources: bool = True):
        for g in self.data_graph_names(include_sources=include_sources):
            yield from self.store.quads_for_pattern(None, None, None, g)

    @cached_property
    def rdflib_graph(self):
        """Data, sources and vocabulary as one rdflib graph (for pyshacl and serialisers)."""
        from .rdf_convert import quads_to_rdflib

        return quads_to_rdflib(self.store.quads_for_pattern(None, None, None, None))

    def data_rdflib_graph(self, *, include_sources: bool = True):
        from .rdf_convert import quads_to_rdflib

        return quads_to_rdflib(self.data_quads(include_sources=include_sources))

    def written_form(self, subject: object, predicate: str | ox.NamedNode, literal: ox.Literal) -> str:
        """``literal``'s lexical form as the file writes it, the object of ``subject`` (a term, an IRI or
        ``_:label``) and ``predicate``. The store holds numbers in canonical form (``41.0`` comes back as
        ``41``, ``007`` as ``7``, ``1.0e3`` as ``1000``), but a number's rounding is read from how it is
        written: ``41.0`` is 40.95 to 41.05, ``41`` is 40.5 to 41.5."""
        lexical = literal.value
        if not self.written_numbers:
            return lexical
        if isinstance(subject, ox.BlankNode):
            subject = "_:" + subject.value
        elif isinstance(subject, ox.NamedNode):
            subject = subject.value
        key = number_key(
            str(subject), predicate if isinstance(predicate, str) else predicate.value, lexical, literal.datatype.value
        )
        return self.written_numbers.get(key, lexical) if key is not None else lexical

    # ---------------------------------------------------------- locations

    def source_iri(self, key: str) -> str:
        return self.settings.source_iri(key)

    def key_of(self, iri: str) -> str | None:
        prefix = self.settings.base + "source/"
        return iri[len(prefix) :] if iri.startswith(prefix) else None

    def locate(self, subject: str | None, predicate: str | tuple[str, ...] | None = None) -> Location | None:
        """Where ``subject`` is defined; with ``predicate`` (or several, tried in order), the line naming it."""
        if subject is None:
            return None
        loc = self.locations.get(subject)
        if loc is None:
            owner = self.owner_of(subject)
            loc = self.locations.get(owner) if owner else None
            subject = owner or subject
        if loc is None:
            return None
        if predicate and loc.file in self.turtle:
            for p in (predicate,) if isinstance(predicate, str) else predicate:
                line = predicate_line(self.turtle[loc.file], subject, p)
                if line:
                    return Location(loc.file, line)
        return loc

    def link_predicate(self, node: str) -> str | None:
        """The predicate through which a blank node hangs from its parent (cg:value, cg:citedQuote…)."""
        if not node.startswith("_:"):
            return None
        parents = list(self.store.quads_for_pattern(None, None, ox.BlankNode(node[2:]), None))
        return parents[0].predicate.value if parents else None

    def owner_of(self, node: str) -> str | None:
        """The nearest IRI subject above a blank node (a value or a quote inside a claim)."""
        seen = set()
        try:
            term: ox.NamedNode | ox.BlankNode = ox.BlankNode(node[2:]) if node.startswith("_:") else ox.NamedNode(node)
        except ValueError:  # a literal (a shape's focus may be one: the objects of cg:value, say)
            return None
        while isinstance(term, ox.BlankNode) and term not in seen:
            seen.add(term)
            parents = list(self.store.quads_for_pattern(None, None, term, None))
            if not parents:
                return None
            term = parents[0].subject
        return term.value if isinstance(term, ox.NamedNode) else None

    def finding(
        self,
        code: str,
        message: str,
        *,
        subject: str | None = None,
        predicate: str | tuple[str, ...] | None = None,
        severity: Severity | None = None,
        hint: str | None = None,
        related: tuple[str, ...] = (),
        facts: tuple[tuple[str, object], ...] = (),
    ) -> Finding:
        """A finding located at ``subject`` (and ``predicate``'s line when it can be found), with the
        severity its code declares unless ``severity`` says otherwise. A code nobody declares (a check
        plug-in's slip) is an error: the run reports it beside (CG125) and goes on."""
        from .findings import CODES

        loc = self.locate(subject, predicate)
        info = CODES.get(code)
        sev = severity or (info.severity if info is not None else Severity.ERROR)
        return Finding(
            loc.file if loc else None, loc.line if loc else None, code, sev, message, subject, hint, related, facts
        )


def _int_or_text(lexical: str):
    try:
        return int(lexical)
    except ValueError:
        return lexical


def _float_or_text(lexical: str):
    try:
        return float(lexical)
    except ValueError:
        return lexical


_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Literal datatypes read as Python numbers or booleans; any other literal stays its lexical form.
_LITERAL_READERS = {
    **{_XSD + t: _int_or_text for t in ("integer", "positiveInteger", "nonNegativeInteger", "int", "long")},
    **{_XSD + t: _float_or_text for t in ("decimal", "double", "float")},
    _XSD + "boolean": lambda lexical: lexical in ("true", "1"),
}


def _py(term):
    # called for every cell of every SELECT the checks run: exact type tests and one dict lookup
    if term is None:
        return None
    kind = type(term)
    if kind is ox.Literal:
        reader = _LITERAL_READERS.get(term.datatype.value)
        return reader(term.value) if reader else term.value
    if kind is ox.BlankNode:
        return "_:" + term.value
    return term.value


#: a SELECT cell as :meth:`Registry.select` gives it (for a check that reads a literal's language tag too)
python_value = _py


def solution_cells(solutions) -> tuple[list[str], list[list[dict | None]]]:
    """``(variable names, rows)`` of a SELECT result, each cell as the SPARQL JSON results format
    writes a term (``{"type": "literal", "value": …, "datatype": …}``) or None when unbound.

    Read in one piece, not row by row: pyoxigraph lets go of the GIL for every row it hands out, and
    takes it back after. Beside a busy Python thread (the other families of checks run beside SHACL)
    each row then waits for that thread's turn to end: 7,933 rows took 4.7 s instead of 0.09 s.
    Serialised, the whole result is computed with the GIL released once, and ``json`` reads it in C."""
    import json

    data = json.loads(solutions.serialize(format=ox.QueryResultsFormat.JSON))
    names = data["head"]["vars"]
    return names, [[binding.get(name) for name in names] for binding in data["results"]["bindings"]]


# ------------------------------------------------------------------ loading


#: Other endings of the files the loader reads in a folder (compared case-folded): a file ending so (``more.TTL``,
#: ``refs.bibtex``) most likely holds what the folder is for, and is not read without a finding (CG131).
NEAR_MISSES = {
    "claims": (".ttl", ".turtle", ".n3", ".nt", ".nq", ".trig"),
    "bib": (".bib", ".bibtex", ".biblatex"),
}
_WHAT_IS_READ = {"claims": "claim files end in .ttl", "bib": "BibTeX files end in .bib"}


def near_miss(folder: str, name: str) -> bool:
    """Whether a file ``name`` under the registry's ``folder`` (``claims``, ``bib``) ends in another spelling
    of the extension read there (:data:`NEAR_MISSES`): the loader reports it, not read (CG131)."""
    endings = NEAR_MISSES.get(folder)
    if not endings or name.startswith("."):
        return False
    folded = name.casefold()
    return any(folded.endswith(e) for e in endings) and not name.endswith(endings[0])


def _not_read(rel: str, folder: str, name: str) -> Finding:
    suffix = NEAR_MISSES[folder][0]
    ending = next(e for e in NEAR_MISSES[folder] if name.casefold().endswith(e))
    return Finding(
        rel,
        None,
        "CG131",
        Severity.WARNING,
        f"not read: {_WHAT_IS_READ[folder]} (this one ends in {name[len(name) - len(ending) :]})",
        hint=f"if it holds {_DATA_FOLDERS[folder]}, rename it to end in {suffix} (lower case)",
    )


def _walk(folder: Path, suffix: str, root: Path, findings: list[Finding], *, recursive: bool = True) -> list[Path]:
    """Regular files under ``folder`` ending in ``suffix``, sorted; a file of ``claims/`` or ``bib/`` ending
    in another spelling of it (:func:`near_miss`) is reported (CG131) and not read.

    Symlinks are followed only while they stay inside the registry: a link leading
    out, a broken link or a loop is reported (CG113) and skipped, a FIFO or a device
    (which would block or never end) is reported (CG100) and skipped. A symlinked
    folder inside the registry is walked once, however many links lead to it.
    """
    if not folder.is_dir():
        if os.path.lexists(folder):
            findings.append(_not_a_folder(folder, suffix, root))
        return []
    out: list[Path] = []
    real_root = root.resolve()
    top = folder.relative_to(root).as_posix()
    visited: set[Path] = set()
    pending = [folder]
    while pending:
        current = pending.pop()
        rel_dir = current.relative_to(root).as_posix()
        try:
            real = current.resolve(strict=True)
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except (OSError, RuntimeError) as exc:
            findings.append(
                Finding(
                    rel_dir,
                    None,
                    "CG100",
                    Severity.ERROR,
                    f"cannot read folder: {getattr(exc, 'strerror', None) or exc}",
                )
            )
            continue
        if real in visited:
            continue
        visited.add(real)
        subfolders = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(current) / entry.name
            rel = path.relative_to(root).as_posix()
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and not entry.name.endswith(suffix) and near_miss(top, entry.name) and entry.is_file():
                findings.append(_not_read(rel, top, entry.name))
                continue
            if not is_dir and not entry.name.endswith(suffix) and not entry.is_symlink():
                continue
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                if entry.name.endswith(suffix) or is_dir:
                    findings.append(
                        Finding(
                            rel,
                            None,
                            "CG113",
                            Severity.ERROR,
                            "broken symlink or symlink loop: skipped",
                            hint="remove the link or point it at a file inside the registry",
                        )
                    )
                continue
            if target.is_dir():
                if not recursive:
                    continue
                if not target.is_relative_to(real_root):
                    findings.append(
                        Finding(
                            rel,
                            None,
                            "CG113",
                            Severity.ERROR,
                            f"symlinked folder leads outside the registry ({target}): skipped",
                            hint="copy the files into the registry instead of linking them",
                        )
                    )
                    continue
                subfolders.append(path)
                continue
            if not entry.name.endswith(suffix):
                continue
            if not target.is_relative_to(real_root):
                findings.append(
                    Finding(
                        rel,
                        None,
                        "CG113",
                        Severity.ERROR,
                        f"symlink leads outside the registry ({target}): file skipped",
                        hint="copy the file into the registry instead of linking it",
                    )
                )
                continue
            if not target.is_file():
                findings.append(
                    Finding(
                        rel,
                        None,
                        "CG100",
                        Severity.ERROR,
                        "not a regular file (a FIFO, socket or device): skipped",
                        hint="replace it with an ordinary file",
                    )
                )
                continue
            out.append(path)
        pending.extend(reversed(subfolders))
    return sorted(out, key=lambda p: p.relative_to(root).as_posix())


def _not_a_folder(folder: Path, suffix: str, root: Path) -> Finding:
    """The finding for a registry folder that is something else: its files would be missed without a word."""
    rel = folder.relative_to(root).as_posix()
    if folder.is_symlink() and not folder.exists():
        return Finding(
            rel,
            None,
            "CG113",
            Severity.ERROR,
            f"broken symlink or symlink loop where the {rel}/ folder should be: no {rel}/*{suffix} file was read",
            hint="remove the link or point it at a folder inside the registry",
        )
    what = "a file" if folder.is_file() else "a FIFO, socket or device"
    return Finding(
        rel,
        None,
        "CG100",
        Severity.ERROR,
        f"{rel} is {what}, not a folder: no {rel}/*{suffix} file was read",
        hint=f"move it away and make {rel}/ a folder holding the *{suffix} files",
    )


#: The folders every registry reads, and what a registry without one holds none of.
_DATA_FOLDERS = {"claims": "claims", "bib": "sources"}


_VALUES_TO_NORMALISE = """
SELECT ?v ?num ?lo ?hi ?unit ?kind ?quoted WHERE {
  ?x cg:value ?v . ?v qudt:unit ?unit .
  OPTIONAL { ?v qudt:numericValue ?num } OPTIONAL { ?v cg:lowerBound ?lo } OPTIONAL { ?v cg:upperBound ?hi }
  OPTIONAL { ?x cg:measurand/cg:quantityKind ?kind }
  OPTIONAL { ?claim cg:citedQuote|cg:primaryQuote ?x . ?claim cg:measurand/cg:quantityKind ?quoted }
}
"""


#: What the loader adds to the claims graph beside what the files say (exports tell the two apart).
GENERATED_PREDICATES = tuple(
    CG + name for name in ("normalisedValue", "normalisedLowerBound", "normalisedUpperBound", "normalisedUnit")
)


def _normalised_quads(registry: Registry) -> list[ox.Quad]:
    """Every value (of claims and of quotes) in its quantity kind's unit, converted with QUDT's data.

    Written into the graph so that SPARQL users, the site and exports compare numbers
    through one conversion (``quantities.normalise``'s two steps: the canonical unit, looked up
    once per unit and quantity kind, then ``convert``, without the unit's offset for a kind of
    difference), never a table of factors in a query.
    Values in a unit no rule resolves, in a unit of the wrong dimension, or with a malformed
    number, are left out (the unit check reports them)."""
    from .quantities import UnknownUnit, canonical_unit, catalogue_for, convert
    from .xsd_lexical import canonical_double

    catalogue = catalogue_for(registry)

    # in the claims graph, beside the value nodes they describe: blank nodes do not cross graphs
    # when a graph is exported or published on its own
    graph = registry.data_graph_iri
    double = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
    # in the order of the query's ?num ?lo ?hi
    predicates = [
        ox.NamedNode(CG + name) for name in ("normalisedValue", "normalisedLowerBound", "normalisedUpperBound")
    ]
    unit_predicate = ox.NamedNode(CG + "normalisedUnit")
    targets: dict[tuple[str, str | None], str | None] = {}  # (unit, kind) -> canonical unit, None if unusable
    # a kind of difference (a warming in °C) converts without the unit's offset, as quantities.normalise does
    differences: dict[str | None, bool] = {}
    quads: list[ox.Quad] = []
    literal, quad = ox.Literal, ox.Quad
    # rows unpacked by position: reading a solution by variable name costs as much as the rest
    # a quote's value has no measurand: it is a difference when its claim's is (?quoted), and keeps the
    # canonical unit it always had (the one of no kind)
    quoted_seen: set = set()
    for node, *bounds, unit, kind, quoted in registry.query(_VALUES_TO_NORMALISE):
        if not isinstance(unit, ox.NamedNode):
            continue
        if quoted is not None:
            if (node, unit) in quoted_seen:
                continue  # a quote several claims share: one row for it, as before its claims' kinds were read
            quoted_seen.add((node, unit))
        pair = (unit.value, kind.value if isinstance(kind, ox.NamedNode) else None)
        if pair not in targets:
            try:
                targets[pair] = canonical_unit(*pair, catalogue)
            except (UnknownUnit, ValueError, TypeError):
                targets[pair] = None  # the unit check reports it
        target = targets[pair]
        if target is None:
            continue
        kind_of_value = pair[1] if kind is not None or not isinstance(quoted, ox.NamedNode) else quoted.value
        difference = differences.get(kind_of_value)
        if difference is None:
            difference = differences[kind_of_value] = catalogue.is_difference(kind_of_value)
        added = []
        for term, predicate in zip(bounds, predicates):
            if type(term) is not literal:
                continue
            try:
                value = convert(float(term.value), pair[0], target, catalogue, difference)
            except (UnknownUnit, ValueError, TypeError):  # ValueError: dimensions differ
                continue  # a malformed number, or a unit that does not fit the quantity kind
            if not math.isfinite(value):
                continue  # NaN or INF (CG333 says so), or past the double range once converted: "inf" is no xsd:double
            added.append(quad(node, predicate, literal(canonical_double(value), datatype=double), graph))
        if added:
            quads.extend(added)
            quads.append(quad(node, unit_predicate, ox.NamedNode(target), graph))
    return quads


def _extend_into(registry: Registry, quads: list) -> None:
    """A file's triples, parsed already, into the claims graph: their blank nodes are then the ones the
    written forms of its numbers are recorded under."""
    graph, quad = registry.data_graph_iri, ox.Quad
    registry.store.bulk_extend([quad(q.subject, q.predicate, q.object, graph) for q in quads])


def _load_into(registry: Registry, data: bytes) -> None:
    """Parse ``data`` (a file's text, UTF-8) with Oxigraph straight into the claims graph; raises
    TurtleSyntaxError, loading nothing."""
    try:
        registry.store.load(
            data,
            format=ox.RdfFormat.TURTLE,
            base_iri=registry.settings.base,
            to_graph=registry.data_graph_iri,
        )
    except SyntaxError as exc:
        raise turtle_syntax_error(exc) from None
    except MemoryError:  # Oxigraph's buffer: a token over MAX_TOKEN_BYTES (rare: decoded only then)
        raise oversized_token(data.decode("utf-8")) from None


class _BackgroundLoads:
    """Oxigraph parses claim files into the store in a second thread while this one reads and
    indexes the next files and the BibTeX: Oxigraph's parser runs without the GIL, the indexing
    needs it, so on two cores the two overlap (0.3 s saved at 10,000 claims).

    :meth:`results` gives every submitted file in submission order, with its line index and the
    syntax error that kept it out of the store (a failed load leaves nothing behind)."""

    def __init__(self, registry: Registry):
        from concurrent.futures import ThreadPoolExecutor

        self._registry = registry
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claimgraph-load")
        self._pending: list[tuple[str, ParsedTurtle, object]] = []
        self._extended: list = []

    def __enter__(self) -> "_BackgroundLoads":
        return self

    def __exit__(self, *exc) -> None:
        try:
            if exc[0] is None:
                for future in self._extended:
                    future.result()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def submit(self, rel: str, text: str, parsed: ParsedTurtle, *, parsed_quads: bool = False) -> None:
        """Load ``text``; ``parsed`` is its statement index, or its Python-side parse, whose triples are
        added as they are when ``parsed_quads``."""
        future = (
            self._pool.submit(_extend_into, self._registry, parsed.quads)
            if parsed_quads
            # encoded here: the loader thread's Python (which waits for the GIL) is on the load's critical path
            else self._pool.submit(_load_into, self._registry, text.encode("utf-8"))
        )
        self._pending.append((rel, parsed, future))

    def extend(self, quads: list) -> None:
        """Add ``quads`` (the vocabulary's and the sources': no file of their own) after the files submitted;
        :meth:`__exit__` waits for them, and raises what adding them raised."""
        self._extended.append(self._pool.submit(self._registry.store.bulk_extend, quads))

    def results(self):
        for rel, parsed, future in self._pending:
            try:
                future.result()
            except TurtleSyntaxError as exc:
                yield rel, None, exc
                continue
            yield rel, parsed, None


def _syntax_finding(rel: str, exc: TurtleSyntaxError) -> Finding:
    if exc.code != "CG101":
        return Finding(
            rel,
            exc.line,
            exc.code,
            Severity.ERROR,
            str(exc),
            hint="split the text: a long string into several statements, a long comment into lines",
        )
    where = f" (column {exc.column})" if exc.column else ""
    reason = re.sub(r"^Parser error (?:at|between) line \d+ column \d+(?: and line \d+ column \d+)?: ", "", str(exc))
    return Finding(
        rel,
        exc.line,
        "CG101",
        Severity.ERROR,
        f"Turtle syntax error{where}: {reason}",
        hint="fix this statement; nothing else in the file was loaded",
    )


def _base_finding(rel: str, line: int) -> Finding:
    return Finding(
        rel,
        line,
        "CG103",
        Severity.ERROR,
        "@base/BASE is not allowed: the registry's base IRI comes from claimgraph.toml; the file was not loaded",
        hint="remove the directive and write IRIs relative to the registry base",
    )


def _quad_checks(parsed: ParsedTurtle, rel: str, findings: list[Finding]) -> bool:
    """The loader's triple-level checks; False when the file must not be loaded at all."""
    too_deep = nesting_problems(parsed)
    if too_deep:
        findings.extend(
            Finding(
                rel,
                line,
                "CG114",
                Severity.ERROR,
                message,
                hint="flatten the structure: give deep nodes their own IRIs",
            )
            for line, message in too_deep
        )
        return False
    for line, message in literal_problems(parsed):
        findings.append(
            Finding(
                rel,
                line,
                "CG115",
                Severity.ERROR,
                message,
                hint="write a valid value: XSD dates are YYYY-MM-DD, decimals use a point",
            )
        )
    for line, message in number_problems(parsed):
        findings.append(
            Finding(
                rel,
                line,
                "CG333",
                Severity.ERROR,
                message,
                hint="write a number a double can hold, in a larger or smaller unit if need be",
            )
        )
    for line, message, iri in identifier_problems(parsed):
        findings.append(
            Finding(
                rel,
                line,
                "CG116",
                Severity.ERROR,
                message,
                iri,
                "retype the identifier: it does not look like what it is",
            )
        )
    for line, message, subject, is_control in hidden_character_problems(parsed):
        if is_control:
            findings.append(
                Finding(
                    rel,
                    line,
                    "CG121",
                    Severity.ERROR,
                    message,
                    subject,
                    "delete the character (search for it by its code: most editors do not show it)",
                )
            )
        else:
            findings.append(
                Finding(
                    rel,
                    line,
                    "CG122",
                    Severity.WARNING,
                    message,
                    subject,
                    "delete the character unless the text needs it (a soft hyphen copied from a PDF never does)",
                )
            )
    return True


def _read(path: Path, rel: str, findings: list[Finding]) -> str | None:
    """The file's text, or None after recording why it cannot be read (encoding, size, permissions)."""
    try:
        return read_text(path).text
    except TextFileError as exc:
        findings.append(Finding(rel, exc.line, exc.code, Severity.ERROR, str(exc)))
        return None


def _texts(registry: Registry, folder: str, suffix: str, listed: list[str]):
    """``(path relative to the registry, text)`` of every readable file under ``folder``; every path
    found is recorded in ``listed``, and why a file cannot be read becomes a finding."""
    root = registry.root
    if not os.path.lexists(root / folder):
        # a claimgraph.toml alone checks clean and builds an empty site: most likely the folder was
        # misnamed, moved or not checked out (claimgraph init makes both claims/ and bib/)
        registry.load_findings.append(
            Finding(
                folder,
                None,
                "CG126",
                Severity.WARNING,
                f"the registry has no {folder}/ folder, so it holds no {_DATA_FOLDERS[folder]}",
                hint=f"put the {_DATA_FOLDERS[folder]} in {folder}/*{suffix} (claimgraph init makes the folder)",
            )
        )
    for path in _walk(root / folder, suffix, root, registry.load_findings):
        rel = path.relative_to(root).as_posix()
        listed.append(rel)
        text = _read(path, rel, registry.load_findings)
        if text is not None:
            yield rel, text


def _read_bibliography(
    registry: Registry, quads: list[ox.Quad], readings: RememberedReadings | None = None
) -> dict[str, Location]:
    """Every ``bib/**/*.bib`` entry into ``registry.sources`` and its quads into ``quads``;
    returns where each source is defined (it overrides a block about the same IRI in a claims file).
    ``readings``: the files' parsed entries remembered from an earlier load, where their text is the same."""
    # imported here: `check` imports BibTeX's parser in a thread while the claims load (see load)
    from .loading.bibtex import inherit_crossrefs, parse_bibtex
    from .loading.sources import source_quads

    settings, findings = registry.settings, registry.load_findings
    locations: dict[str, Location] = {}
    seen_keys: dict[str, tuple[str, int, str]] = {}
    for rel, text in _texts(registry, "bib", ".bib", registry.bib_files):
        bib = readings.bibtex(text) if readings is not None else parse_bibtex(text)
        for problem in bib.problems:
            subject = settings.source_iri(problem.key) if problem.key else None
            findings.append(
                Finding(
                    rel,
                    problem.line,
                    problem.code,
                    CODES[problem.code].severity,
                    problem.message,
                    subject,
                    problem.hint,
                )
            )
        for entry in bib.entries:
            folded = entry.key.casefold()
            if folded in seen_keys:
                other_key, other_file, other_line = seen_keys[folded][2], seen_keys[folded][0], seen_keys[folded][1]
                same = "the same key" if other_key == entry.key else f"key {other_key!r}, differing only by case,"
                findings.append(
                    Finding(
                        rel,
                        entry.line,
                        "CG106",
                        Severity.ERROR,
                        f"BibTeX key {entry.key!r}: {same} is already used at {other_file}:{other_line}; entry ignored",
                        settings.source_iri(entry.key),
                        "give each entry its own key",
                    )
                )
                continue
            seen_keys[folded] = (rel, entry.line, entry.key)
            registry.sources[entry.key] = entry
            registry.source_files[entry.key] = rel
    # an entry's crossref may name one in another file: the fields are inherited once all are read
    not_loaded = registry.source_keys_not_loaded()
    for entry in inherit_crossrefs(registry.sources):
        if registry.may_be_a_dropped_source(entry.fields["crossref"].strip(), not_loaded):
            continue  # the entry it names may be one that did not load: that is the one finding
        findings.append(
            Finding(
                registry.source_files[entry.key],
                entry.field_lines.get("crossref", entry.line),
                "CG129",
                CODES["CG129"].severity,
                f"entry {entry.key!r} has crossref {entry.fields['crossref']!r}, which names no entry of the "
                "bibliography: it inherits no fields",
                settings.source_iri(entry.key),
                "add the entry it names (a proceedings, a book) to bib/, or correct the key",
            )
        )
    for key, entry in registry.sources.items():
        iri = settings.source_iri(key)
        locations[iri] = Location(registry.source_files[key], entry.line)
        quads.extend(source_quads(entry, iri, registry.bib_graph_iri))
    return locations


def _record_file_locations(registry: Registry, rel: str, parsed: ParsedTurtle, repeated: list) -> None:
    """Where each subject of the claim file ``rel`` is defined, into ``registry.locations``: where its block
    first appears (files in load order). A subject met in an earlier file goes into ``repeated`` as
    ``(rel, line, subject)``, for :func:`_record_locations` to judge once every claim file is in the store.
    Called for each file as its load ends, while the next ones load: the loop over 10,000 claims' subjects
    then no longer waits for the last file."""
    locations = registry.locations
    for subject, (first, _last) in parsed.blocks.items():
        if subject not in locations:
            locations[subject] = Location(rel, first)
        else:
            repeated.append((rel, first, subject))
    # a later block of this file that types a subject again, here or in an earlier file: a second definition
    # (a later statement adding to a subject's, `claim:x cg:note "…" .`, is ordinary Turtle)
    repeated.extend(
        (rel, first, subject)
        for subject, first, start, end in parsed.repeated
        if _types_itself(parsed, subject, start, end)
    )


def _types_itself(parsed: ParsedTurtle, subject: str, start: int, end: int) -> bool:
    """Does the statement of ``parsed`` about ``subject`` whose predicates run from offset ``start`` to ``end``
    give it a claimgraph class (``a cg:Claim``)? Read by parsing that statement alone, with the file's
    prefixes; one that does not parse so is counted as a definition."""
    prologue = "".join(f"@prefix {name}: <{namespace}> .\n" for name, namespace in parsed.prefixes.items())
    try:
        triples = ox.parse(
            f"{prologue}<{subject}> {parsed.text[start:end]} .".encode("utf-8"),
            format=ox.RdfFormat.TURTLE,
            base_iri=parsed.base_iri or None,
        )
        return any(
            t.subject.value == subject and t.predicate.value == RDF_TYPE and t.object.value.startswith(CG)
            for t in triples
            if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode)
        )
    except (SyntaxError, ValueError):
        return True


def _record_locations(registry: Registry, repeated: list[tuple[str, int, str]], sources: dict[str, Location]) -> None:
    """Once every claim file is in the store: a subject of the claim files defined twice (``repeated``, from
    :func:`_record_file_locations`, in file order) is a finding, and every source's location is recorded
    (it overrides a block about the same IRI in a claims file); two identifiers told apart only by case
    are a finding."""
    findings, settings = registry.load_findings, registry.settings
    claims_graph = registry.data_graph_iri
    # A subject typed with a claimgraph class (claim, step, measurand…) is defined where its block
    # first appears; another block for it, in another file or further down the same one, is a second
    # definition. (Its type is looked up then, in the store: most subjects are met once, and asking about
    # every one took a tenth of a load.)
    rdf_type = ox.NamedNode(RDF_TYPE)
    for rel, first, subject in repeated:
        if any(
            type(q.object) is ox.NamedNode and q.object.value.startswith(CG)
            for q in registry.store.quads_for_pattern(ox.NamedNode(subject), rdf_type, None, claims_graph)
        ):
            other = registry.locations[subject]
            registry.defined_twice.setdefault(subject, [other]).append(Location(rel, first))
            findings.append(
                Finding(
                    rel,
                    first,
                    "CG104",
                    Severity.ERROR,
                    f"<{subject}> is already defined in {other.file}:{other.line}",
                    subject,
                    "define each claim, step or measurand once, in one file",
                )
            )
    _outside_base(registry)
    registry.locations.update(sources)
    for rel, line, message, iri, hint in twin_identifiers(registry.locations, settings.base):
        findings.append(Finding(rel, line, "CG119", Severity.WARNING, message, iri, hint))


def _outside_base(registry: Registry) -> None:
    """A subject of the claim files typed with a claimgraph class whose IRI is not under the registry's
    base is a finding (CG130): a file may say anything of any IRI, but the registry defines only its own
    nodes, and a page named after a node from elsewhere must never take the place of one of them."""
    base, claims_graph = registry.settings.base, registry.data_graph_iri
    rdf_type = ox.NamedNode(RDF_TYPE)
    for written, where in registry.locations.items():
        if written.startswith(base) or written.startswith("_:"):
            continue
        iri = unescape_uchars(written) if "\\" in written else written
        if iri.startswith(base):
            continue
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            continue
        if any(
            type(q.object) is ox.NamedNode and q.object.value.startswith(CG)
            for q in registry.store.quads_for_pattern(node, rdf_type, None, claims_graph)
        ):
            registry.load_findings.append(
                Finding(
                    where.file,
                    where.line,
                    "CG130",
                    Severity.ERROR,
                    f"<{iri}> is outside the registry's base <{base}>: the registry defines only its own "
                    "claims, sources, measurands and steps",
                    iri,
                    "write its IRI relative to the base (<claim/…>, claim:…), or leave the node to the registry "
                    "that owns it and link to it",
                )
            )


def load(
    root: str | os.PathLike = ".",
    *,
    with_ontology: bool = True,
    normalise: bool = True,
    remember_readings: bool = False,
) -> Registry:
    """Read the registry at ``root``. Raises :class:`RegistryError` only if it is not a registry.

    ``normalise=False`` is for a caller that reads no ``cg:normalisedValue`` (``check``: its families
    convert units themselves): the values are then written only if the registry has shapes of its
    own, whose SPARQL may read them. Computing them is a tenth of a check at 10,000 claims.
    ``remember_readings``: take each file's Turtle index or BibTeX entries from the cache folder where its
    text is the one read before, and remember those of the others (:mod:`claimgraph.loading.remembered`);
    the registry loaded is the same."""
    root = Path(root)
    if not root.is_dir():
        raise RegistryError("no such registry folder", root)
    try:
        settings = read_settings(root)
    except SettingsError as exc:
        raise RegistryError(str(exc), exc.path, exc.line) from None

    registry = Registry(root=root, settings=settings, store=ox.Store())
    findings = registry.load_findings
    readings = None
    if remember_readings:
        from .loading.remembered import RememberedReadings

        readings = RememberedReadings(root, settings.base)
    quads: list[ox.Quad] = []

    repeated: list[tuple[str, int, str]] = []  # subjects of a claim file met in an earlier one
    # the worker may be parsing for the whole block: the GIL must come back to it quickly
    with responsive_threads(), _BackgroundLoads(registry) as loads:
        for rel, text in _texts(registry, "claims", ".ttl", registry.claim_files):
            try:
                if readings is not None:
                    parsed, scan = readings.turtle_index(text)
                else:
                    parsed = index_turtle(text, settings.base)
                    scan = needs_quad_scan(text, parsed)
                if parsed.base_lines:
                    # refused, so not loaded: Oxigraph would resolve the file's relative IRIs against the
                    # @base, making subjects outside the registry, and ignoring the directive would load
                    # IRIs the text does not say. Like a syntax error, the file is left out (one finding each)
                    findings.extend(_base_finding(rel, line) for line in parsed.base_lines)
                    continue
                if scan:
                    parsed = parse_turtle(text, settings.base, parsed)
                    if not _quad_checks(parsed, rel, findings):
                        continue
                elif parsed.rewritten_numeral:
                    parsed = parse_turtle(text, settings.base, parsed)
                # else nothing in the text calls for the quad-level checks or holds a number the store
                # rewrites: Oxigraph parses it straight into the store (atomically: a syntax error loads
                # nothing), the fast path at scale
            except TurtleSyntaxError as exc:
                findings.append(_syntax_finding(rel, exc))
                continue
            # a number written "1.30" is given back by the store as "1.3": such files keep the written
            # forms, keyed by the parsed triples' blank nodes, which then go into the store themselves
            # (the exports read the written literals from the same triples: see loads_as_parsed)
            as_parsed = loads_as_parsed(parsed)
            if as_parsed:
                registry.written_numbers.update(written_numbers(parsed.quads))
            loads.submit(rel, text, parsed, parsed_quads=as_parsed)
        # the vocabulary is read once the claim files are on their way: the loader thread starts on the first sooner
        if with_ontology:
            for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
                if path.name.startswith("shapes"):
                    continue
                quads.extend(
                    ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(VOCABULARY_GRAPH))
                    for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
                )
        source_locations = _read_bibliography(registry, quads, readings)
        # the vocabulary's and the sources' triples go in after the claim files, in the same thread (the store
        # takes one write at a time): this one meanwhile records where the claim files' subjects are
        loads.extend(quads)
        for rel, parsed, error in loads.results():
            if error is not None:
                findings.append(_syntax_finding(rel, error))
                continue
            registry.turtle[rel] = parsed
            _record_file_locations(registry, rel, parsed, repeated)
        # still beside the background thread, which meanwhile adds the vocabulary's and the sources' triples
        _record_locations(registry, repeated, source_locations)

    registry.shape_files = _walk(root / "shapes", ".ttl", root, findings, recursive=False)
    registry.query_files = _walk(root / "queries", ".rq", root, findings, recursive=False)
    if normalise or registry.shape_files:
        registry.store.bulk_extend(_normalised_quads(registry))
    if readings is not None:
        readings.forget_the_rest()
    return registry


def is_registry(path: Path) -> bool:
    return (path / SETTINGS_FILE).is_file()


#: Folders never searched for a registry: tools' own trees, caches and build output.
_NOT_SEARCHED = {
    ".git",
    ".hg",
    ".svn",
    "node_modules",
    ".venv",
    "venv",
    ".tox",
    ".nox",
    "__pycache__",
    "site-packages",
    "build",
    "dist",
    ".pytest_cache",
    ".mypy_cache",
}


def find_registry(start: Path = Path("."), *, max_depth: int = 6) -> Path:
    """The one registry at or below ``start``: ``start`` itself when it holds ``claimgraph.toml``, else the
    only folder below it that does (what a CI step or a hook uses when it is not told where the registry is).

    :class:`RegistryError` when there is none, or several (naming them, so ``--registry`` can pick one).
    """
    start = Path(start)
    if is_registry(start):
        return start
    found: list[Path] = []
    for folder, subfolders, files in os.walk(start):
        depth = len(Path(folder).relative_to(start).parts)
        subfolders[:] = sorted(
            d
            for d in subfolders
            if d not in _NOT_SEARCHED and depth < max_depth and not (Path(folder) / d).is_symlink()
        )
        if SETTINGS_FILE in files and Path(folder) != start:
            found.append(Path(folder))
            subfolders[:] = []  # a registry's own folders hold no other registry
    if not found:
        raise RegistryError(f"no {SETTINGS_FILE} in {start} or below: name the registry's folder with --registry")
    if len(found) > 1:
        names = ", ".join(str(p) for p in found[:10]) + (" …" if len(found) > 10 else "")
        raise RegistryError(f"{len(found)} registries below {start} ({names}): name one with --registry")
    return found[0]
