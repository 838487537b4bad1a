"""SHACL validation of claims, quotes, measurands, steps and sources.

The shapes are ``ontology/shapes.ttl`` plus any ``shapes/*.ttl`` the registry
adds. Each result becomes a :class:`Finding` whose code is the ``cg:findingCode``
of the shape that produced it and whose line is the line naming the offending
property inside the subject's block.
"""

from __future__ import annotations

import json

import math
import os
import re
import signal
import threading
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox

from ..findings import Finding, Severity
from ..lexing import WORD, tokens
from ..namespaces import CG, SH
from ..registry import ONTOLOGY_DIR, Registry
from .shacl_compiled import Result, ShapesGraph, ValidationTimeout, compile_shapes
from .shacl_compiled import run as run_compiled

# rdflib is imported only where pyshacl runs, or where a registry adds shapes of its own: the check
# path with claimgraph's shapes alone never imports it (0.1 s of every check)

SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}


@lru_cache(maxsize=1)
def shacl_terms() -> frozenset[str]:
    """Every term of the SHACL vocabulary: a shape using another sh: term has a typo
    that pyshacl would silently ignore (sh:minCont is no constraint at all).
    (``dir(SH)`` lists full IRIs in recent rdflib, bare names in older ones: both are accepted.)"""
    from rdflib.namespace import SH as RDFLIB_SH

    return (
        frozenset(
            str(name) if str(name).startswith(SH) else SH + str(name).rstrip("_")
            for name in list(dir(RDFLIB_SH)) + list(getattr(RDFLIB_SH, "__annotations__", {}))
            if not str(name).startswith("_")
        )
        | _MORE_SHACL_TERMS
    )


_MORE_SHACL_TERMS = frozenset(
    SH + name
    for name in (
        "this",
        "shapesGraph",
        "value",
        "currentShape",
        "PrefixDeclaration",
        # Python keywords rdflib spells with a trailing underscore or leaves out
        "class",
        "in",
        "and",
        "or",
        "not",
        "xone",
        # SHACL Advanced Features, which pyshacl runs (advanced=True)
        "rule",
        "TripleRule",
        "SPARQLRule",
        "condition",
        "order",
        "subject",
        "predicate",
        "object",
        "SPARQLFunction",
        "Function",
        "returnType",
        "parameter",
        "Parameter",
        "expression",
        "filterShape",
        "nodes",
        "intersection",
        "union",
        "target",
        "SPARQLTarget",
        "SPARQLTargetType",
        "targetType",
        "SPARQLAskValidator",
        "SPARQLSelectValidator",
        "validator",
        "labelTemplate",
        "optional",
        "deactivated",
        "declare",
        "prefix",
        "namespace",
        "prefixes",
        "entailment",
        "shapesGraphWellFormed",
    )
)


@lru_cache(maxsize=1)
def _project_shapes_quads() -> tuple:
    return tuple(ox.parse(path=str(ONTOLOGY_DIR / "shapes.ttl"), format=ox.RdfFormat.TURTLE))


#: The shape asking for a statement the registry's readers can read: ``shapes.ttl`` writes it for an English
#: registry (``sh:languageIn ( "en" )``, "(English; …) … @en").
READABLE_STATEMENT_CODE = "CG203"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@lru_cache(maxsize=8)
def project_shapes_quads(languages: tuple[str, ...] = ("en",)) -> tuple:
    """claimgraph's shapes for a registry written in ``languages`` (``languages`` in claimgraph.toml, the
    first first). SHACL has no parameters, so CG203's ``sh:languageIn`` is rewritten from English to the
    registry's languages, and its message names them and asks for the first: a claim no reader of the
    registry's languages can read is reported (a German registry's claims are never asked for an English
    statement; a claim in Spanish alone in a German and English one is asked for its German one). A claim
    lacking one of several languages is what CG201's message asks of the author, not a finding."""
    quads = _project_shapes_quads()
    if languages == ("en",) or not languages:
        return quads
    shape = next(
        (q.subject for q in quads if q.predicate.value == CG.findingCode and q.object.value == READABLE_STATEMENT_CODE),
        None,
    )
    qualified = next(
        (q.object for q in quads if q.subject == shape and q.predicate.value == SH.qualifiedValueShape), None
    )
    listed = next((q.object for q in quads if q.subject == qualified and q.predicate.value == SH.languageIn), None)
    if listed is None:
        return quads
    names = ", ".join(english_language_name(tag) or tag for tag in languages)
    graph = next(q.graph_name for q in quads if q.subject == listed)
    # the list, from its head (the node the shape names) on: one item per language
    nodes = [listed] + [ox.BlankNode() for _ in languages[1:]]
    chain = []
    for i, (node, tag) in enumerate(zip(nodes, languages)):
        rest = nodes[i + 1] if i + 1 < len(nodes) else ox.NamedNode(_RDF + "nil")
        chain += [
            ox.Quad(node, ox.NamedNode(_RDF + "first"), ox.Literal(tag), graph),
            ox.Quad(node, ox.NamedNode(_RDF + "rest"), rest, graph),
        ]

    def adapted(q: ox.Quad) -> ox.Quad:
        if q.subject == shape and q.predicate.value == SH.message:
            text = q.object.value.replace("(English;", f"({names};").replace('"…"@en', f'"…"@{languages[0]}')
            return ox.Quad(q.subject, q.predicate, ox.Literal(text), q.graph_name)
        return q

    return tuple(adapted(q) for q in quads if q.subject != listed) + tuple(chain)


def deactivated(quads, codes: frozenset[str]) -> list[ox.Quad]:
    """``quads`` with every shape giving one of ``codes`` (its ``cg:findingCode``) marked ``sh:deactivated true``
    (SHACL 2.1.5): it is then not validated at all, by pyshacl or the compiled queries alike. For a check that
    lacks what a shape needs to say the right thing (CG203 without the registry's languages)."""
    shapes = {q.subject for q in quads if q.predicate.value == CG.findingCode and q.object.value in codes}
    graphs = {q.subject: q.graph_name for q in quads if q.subject in shapes}
    true = ox.Literal("true", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
    return list(quads) + [ox.Quad(shape, ox.NamedNode(SH.deactivated), true, graphs[shape]) for shape in shapes]


@lru_cache(maxsize=32)
def english_language_name(tag: str) -> str | None:
    """ "German" for ``de``, "Brazilian Portuguese" for ``pt-BR`` (CLDR's English names); None for a tag
    CLDR does not know (``zz``, ``x-private``), which a message then names by the tag itself."""
    from babel import Locale, UnknownLocaleError

    try:
        english = Locale("en")
        return english.languages.get(tag.replace("-", "_")) or english.languages.get(tag.split("-")[0].lower())
    except (UnknownLocaleError, ValueError):
        return None


#: Longest SHACL validation may run, in seconds (see docs/limits.md); the environment
#: variable CLAIMGRAPH_SHACL_TIMEOUT overrides it, 0 meaning no limit.
SHACL_TIMEOUT = 120.0

#: SPARQL inside SHACL-SPARQL constraints runs on rdflib's engine, which sends
#: SERVICE queries and downloads FROM graphs: a shape is refused for these words.
_NETWORK_SPARQL = frozenset(
    {"SERVICE", "FROM", "LOAD", "INSERT", "DELETE", "DROP", "CLEAR", "CREATE", "ADD", "MOVE", "COPY"}
)
_SPARQL_TEXT = {SH + name for name in ("select", "ask", "construct", "update")}


class ShaclTimeout(BaseException):
    """Raised by the SIGALRM handler. A BaseException, like KeyboardInterrupt, so that pyshacl's
    ``except Exception`` around each constraint cannot turn it into a mere non-conformance."""


@contextmanager
def _time_limit(seconds: float | None):
    """Interrupt the block after ``seconds`` (SIGALRM: main thread on POSIX only; elsewhere unbounded).

    pyshacl and Python's ``re`` both check for signals, so even a catastrophic
    ``sh:pattern`` such as ``(a+)+$`` is stopped at the deadline.
    """
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum, _frame):
        raise ShaclTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def shacl_timeout() -> float | None:
    """The SHACL time limit in seconds, None for none (``CLAIMGRAPH_SHACL_TIMEOUT=0``).

    Raises ValueError naming the variable when its value is not a number of seconds, 0 or more: a
    typo must not silently become the default, nor a negative or ``nan`` no limit at all."""
    raw = os.environ.get("CLAIMGRAPH_SHACL_TIMEOUT", "").strip()
    if not raw:
        return SHACL_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not value >= 0:  # nan fails too
        raise ValueError(f"CLAIMGRAPH_SHACL_TIMEOUT={raw!r}: expected a number of seconds, 0 or more (0 = no limit)")
    # beyond 30 years is no limit either: an alarm set at inf fails ("timestamp out of range")
    return value if 0 < value < 1e9 else None


def _line_of(parsed, *needles: str) -> int | None:
    for needle in needles:
        for number, text in enumerate(parsed.lines, 1):
            if needle and needle in text:
                return number
    return None


def _shape_problems(parsed, rel: str) -> list[Finding]:
    """Unknown sh: terms, invalid sh:pattern and network SPARQL in one extra shapes file."""
    problems = []

    def add(line, message, hint):
        problems.append(Finding(rel, line, "CG112", Severity.ERROR, message, hint=hint))

    flags_of = {
        q.subject: q.object.value
        for q in parsed.quads
        if q.predicate.value == SH + "flags" and isinstance(q.object, ox.Literal)
    }
    for q in parsed.quads:
        for term in (q.predicate, q.object):
            if isinstance(term, ox.NamedNode) and term.value.startswith(SH) and term.value not in shacl_terms():
                name = term.value[len(SH) :]
                add(
                    _line_of(parsed, f"sh:{name}", term.value),
                    f"unknown SHACL term sh:{name}: pyshacl would ignore it silently",
                    "check the spelling against https://www.w3.org/TR/shacl/",
                )
        if q.predicate.value == SH + "pattern" and isinstance(q.object, ox.Literal):
            flags = 0
            for letter in flags_of.get(q.subject, ""):
                flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}.get(letter, 0)
            try:
                re.compile(q.object.value, flags)
            except re.error as exc:
                add(
                    _line_of(parsed, q.object.value, "sh:pattern"),
                    f"sh:pattern {q.object.value!r} is not a valid regular expression: {exc}",
                    "fix the expression (SHACL uses XPath regular expressions)",
                )
        if q.predicate.value in _SPARQL_TEXT and isinstance(q.object, ox.Literal):
            from ..sparql.run import MAX_QUERY_NESTING, nesting_error

            query = q.object.value
            written = next(
                (
                    token.text(query)
                    for token in tokens(query)
                    if token.kind == WORD and token.text(query).upper() in _NETWORK_SPARQL
                ),
                None,
            )
            if written:
                word = written.upper()
                add(
                    _line_of(parsed, written, "sh:" + q.predicate.value[len(SH) :]),
                    f"SHACL-SPARQL constraint uses {word}: claimgraph never reaches the network nor changes data",
                    "query only the registry's own graph",
                )
            elif (too_deep := nesting_error(q.object.value)) is not None:
                # refused before any parser sees it: Oxigraph's recursive parser would overflow the stack
                # and kill `claimgraph check` with a segfault (docs/limits.md)
                name = "sh:" + q.predicate.value[len(SH) :]
                line = _line_of(parsed, name, q.predicate.value)
                add(
                    line + too_deep.line - 1 if line else None,
                    f"SHACL-SPARQL query nested more than {MAX_QUERY_NESTING} levels deep (line {too_deep.line} "
                    f"of the query, column {too_deep.column}): not parsed, the SPARQL parser would run out of stack",
                    "flatten the query: fewer nested groups, sub-queries or parentheses",
                )
            elif q.predicate.value == SH + "select":
                problem = _select_problem(parsed, q.subject, q.object.value)
                if problem:
                    offset, message, hint = problem
                    line = _line_of(parsed, "sh:select", SH + "select")
                    add(line + offset if line else None, message, hint)
    return problems


def _parse_on_query_stack(query: str) -> None:
    """Parse ``query`` (on an empty store: nothing is evaluated) in a thread with the query stack; raises
    its SyntaxError. Oxigraph's parser recurses once per pattern of a group: a long flat query in a shape
    overflowed the main thread's 8 MiB and ended `check` with a segmentation fault."""
    from ..parallel import start_with_query_stack

    failure: list[SyntaxError] = []

    def parse() -> None:
        try:
            ox.Store().query(query)
        except SyntaxError as exc:
            failure.append(exc)

    thread = threading.Thread(target=parse, name="claimgraph-shape-query", daemon=True)
    start_with_query_stack(thread)
    thread.join(shacl_timeout())  # so long a query parses for minutes: abandoned at SHACL's own limit
    if thread.is_alive():
        raise TimeoutError
    if failure:
        raise failure[0]


def _select_problem(parsed, constraint, select: str) -> tuple[int, str, str] | None:
    """Why a SPARQL constraint's query does not parse (line inside the query, message, hint); None if it does.

    Parsed as SHACL runs it: after the PREFIX lines of its ``sh:prefixes``, ``$PATH`` standing for a
    path; on an empty store, so nothing is evaluated."""
    from ..sparql.run import syntax_error, undeclared_prefixes
    from .shacl_compiled import Unsupported, _declared_prefixes, path_substituted

    try:
        prologue = _declared_prefixes(ShapesGraph(parsed.quads), constraint)
    except Unsupported as exc:
        return 0, f"SHACL-SPARQL constraint not usable: {exc}", "give each sh:declare an sh:prefix and an sh:namespace"
    text = path_substituted(select, "<urn:claimgraph:path>")
    try:
        _parse_on_query_stack(prologue + text)
    except TimeoutError:
        return (
            0,
            f"SHACL-SPARQL query still not parsed after {shacl_timeout():g} s: too long to use",
            "split the constraint, or write it with fewer patterns; CLAIMGRAPH_SHACL_TIMEOUT raises the limit",
        )
    except SyntaxError as exc:
        # no standard prefixes here: a SHACL engine knows only those of sh:prefixes
        error = syntax_error(exc, prologue + text, known_prefixes=())
        line = max(1, (error.line or 1) - prologue.count("\n"))
        undeclared = sorted(undeclared_prefixes(prologue + text)) if "Prefix not found" in str(exc) else []
        if undeclared:
            names = ", ".join(f"{name}:" for name in undeclared)
            return (
                line - 1,
                f"SHACL-SPARQL query uses undeclared prefix{'es' if len(undeclared) > 1 else ''} {names}",
                "declare them with sh:prefixes (SHACL 5.2.1), or write full IRIs",
            )
        return (
            line - 1,
            f"SHACL-SPARQL query does not parse (line {line} of the query): {error.message}",
            "fix the query; `claimgraph query` runs it on its own and shows where it breaks",
        )
    return None


def shapes_quads(registry: Registry, problems: list[Finding] | None = None) -> list[ox.Quad]:
    """The project's shapes plus the registry's own; unusable extra shapes become findings and are left out."""
    quads = list(project_shapes_quads(tuple(registry.settings.languages)))
    for _path, parsed in _extra_shapes(registry, problems):
        quads.extend(parsed.quads)
    return quads


def shapes_graph(registry: Registry, problems: list[Finding] | None = None) -> ShapesGraph:
    """:func:`shapes_quads` as the compiler reads them."""
    return ShapesGraph(shapes_quads(registry, problems))


def _extra_shapes(registry: Registry, problems: list[Finding] | None):
    from ..loading.text import TextFileError, read_text
    from ..loading.turtle import TurtleSyntaxError, parse_turtle

    for path in registry.shape_files:
        rel = path.relative_to(registry.root).as_posix()
        try:
            parsed = parse_turtle(read_text(path).text, registry.settings.base)
        except (TextFileError, TurtleSyntaxError) as exc:
            if problems is not None:
                problems.append(
                    Finding(rel, getattr(exc, "line", None), "CG112", Severity.ERROR, f"extra shapes not loaded: {exc}")
                )
            continue
        found = _shape_problems(parsed, rel)
        if found:
            if problems is not None:
                problems.extend(found)
            continue
        if problems is not None:
            problems.extend(_empty_targets(registry, parsed, rel))
        yield path, parsed


_TARGET_QUERIES = {
    "targetClass": "ASK {{ ?x rdf:type/rdfs:subClassOf* {0} }}",
    "targetNode": "ASK {{ {{ {0} ?p ?o }} UNION {{ ?s ?p {0} }} }}",
    "targetSubjectsOf": "ASK {{ ?s {0} ?o }}",
    "targetObjectsOf": "ASK {{ ?s {0} ?o }}",
}


def _empty_targets(registry: Registry, parsed, rel: str) -> list[Finding]:
    # "matches nothing in the registry" speaks for every claim and BibTeX file: while one did not load (or
    # lost an entry), what the target names may be in it, and its loading error is the finding
    if registry.left_out("claims") or registry.left_out("bib"):
        return []
    out = []
    for q in parsed.quads:
        name = q.predicate.value[len(SH) :] if q.predicate.value.startswith(SH) else None
        if name not in _TARGET_QUERIES or isinstance(q.object, ox.BlankNode):
            continue
        try:
            matched = registry.query(_TARGET_QUERIES[name].format(str(q.object)))
        except (SyntaxError, OSError, ValueError):
            continue
        if not matched:
            shown = q.object.value
            out.append(
                Finding(
                    rel,
                    _line_of(parsed, f"sh:{name}"),
                    "CG117",
                    Severity.WARNING,
                    f"sh:{name} <{shown}> matches nothing in the registry: the shape checks nothing",
                    hint="check the spelling of the class or property",
                )
            )
    return out


def _pyshacl_results(quads: list[ox.Quad], data) -> list[Result]:
    """Validate the rdflib graph ``data`` with pyshacl (the reference engine) against the shapes in
    ``quads``, and read its report as plain results."""
    import pyshacl
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SH as RDFLIB_SH

    from ..rdf_convert import quads_to_rdflib

    def text(term) -> str | None:
        if term is None:
            return None
        return str(term) if isinstance(term, (URIRef, Literal)) else f"_:{term}"

    shapes = quads_to_rdflib(quads)
    finding_code = URIRef(CG.findingCode)
    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        advanced=True,
        do_owl_imports=False,
    )
    results = []
    for result in report.subjects(RDF.type, RDFLIB_SH.ValidationResult):
        path = report.value(result, RDFLIB_SH.resultPath)
        message = report.value(result, RDFLIB_SH.resultMessage)
        code = shapes.value(report.value(result, RDFLIB_SH.sourceShape), finding_code)
        results.append(
            Result(
                focus=text(report.value(result, RDFLIB_SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                severity=str(report.value(result, RDFLIB_SH.resultSeverity)),
                message=str(message) if message is not None else None,
                code=str(code) if code is not None else "CG200",
                value=text(report.value(result, RDFLIB_SH.value)),
            )
        )
    return results


def validate(
    registry: Registry, data_graph=None, *, engine: str = "auto", threads: int | None = None, supersede: bool = True
) -> list[Finding]:
    """SHACL findings. ``engine``: "auto" (compiled SPARQL when the shapes allow it, else pyshacl),
    "compiled" or "pyshacl"; ``data_graph``, an rdflib graph to validate with pyshacl instead of the
    registry's store; ``threads``, how many threads run the compiled queries (default: one per core).
    ``supersede``: leave out what the range-driven reference check reports better (False: every result,
    as a check on a remote store gives them, where that check does not run).
    Both engines give the same findings (tests/test_shacl_engines.py)."""
    problems: list[Finding] = []
    quads = shapes_quads(registry, problems)
    limit = shacl_timeout()
    try:
        with _time_limit(limit):
            queries = compile_shapes(ShapesGraph(quads)) if engine != "pyshacl" and data_graph is None else None
            if engine == "compiled" and queries is None:
                raise ValueError("these shapes use SHACL features the compiled engine does not cover")
            if queries is not None:  # bounded by its own deadline too: SIGALRM reaches the main thread only
                results = run_compiled(registry.store, queries, timeout=limit, threads=threads)
            else:
                results = _pyshacl_results(quads, data_graph if data_graph is not None else registry.rdflib_graph)
    except (ShaclTimeout, ValidationTimeout):
        return problems + [
            Finding(
                None,
                None,
                "CG118",
                Severity.ERROR,
                f"SHACL validation stopped after {limit:g} s",
                hint="look for a catastrophic sh:pattern or a slow SHACL-SPARQL constraint in "
                "shapes/; CLAIMGRAPH_SHACL_TIMEOUT raises the limit",
            )
        ]
    except RecursionError:
        return problems + [
            Finding(
                None,
                None,
                "CG120",
                Severity.ERROR,
                "SHACL validation could not run: the data or shapes nest too deeply",
            )
        ]
    except Exception as exc:  # pyshacl and Oxigraph raise their own error types for broken shapes
        return problems + [Finding(None, None, "CG120", Severity.ERROR, f"SHACL validation could not run: {exc}")]
    # a reference that leads nowhere, or to a node of another class, is reported once, by the range-driven
    # check (CG308/CG309, with the nearest names): the shape's class constraint on it would say it again
    from .references import reported_references

    superseded = {(r.subject, r.predicate, r.target) for r in reported_references(registry)} if supersede else ()
    return problems + findings_from_results(registry, results, superseded)


#: a shape's result that another result on the same focus node already implies
_IMPLIED_BY = {"CG203": "CG201"}


def findings_from_results(registry, results: list[Result], superseded=frozenset()) -> list[Finding]:
    """Validation results as findings, located by ``registry`` (a :class:`Registry`, or the view of a
    remote store in :mod:`claimgraph.remote_check`): a blank focus node is reported at the IRI above it.
    ``superseded``: (focus, path, value) of results another check reports better (a dangling reference)."""
    out = []
    merged = _merged_properties(registry, results)
    coded = {(result.focus, result.code) for result in results}
    literals: dict[str, tuple[Result, tuple[str, str]]] = {}
    for result in results:
        if (result.focus, result.path, result.value) in superseded:
            continue
        holder = _literal_holder(registry, result.focus) if result.focus else None
        if holder is not None:  # one finding for the literal, whatever the node shape's results on it
            if result.focus not in literals or result.code < literals[result.focus][0].code:
                literals[result.focus] = (result, holder)
            continue
        if (result.focus, _IMPLIED_BY.get(result.code)) in coded:
            continue  # a claim with no statement at all has no English one either: one mistake, one finding
        if result.value is None and (result.focus, result.path) in merged:
            continue  # "two statements", "exactly one value": the two definitions merged (CG104 says so)
        subject = result.focus
        owner = registry.owner_of(subject) if subject and subject.startswith("_:") else subject
        predicate = tuple(p for p in (result.path, registry.link_predicate(subject) if subject else None) if p)
        message = result.message or "does not conform to its shape"
        if result.value and owner and result.value != result.focus:  # (an empty literal shows nothing)
            message = f"{message} (value: {_short(result.value)})"
        severity = SEVERITIES.get(result.severity, Severity.ERROR)
        out.append(registry.finding(result.code, message, subject=owner, predicate=predicate, severity=severity))
    out.extend(_literal_in_place_of_node(registry, result, *holder) for result, holder in literals.values())
    return out


def _literal_holder(registry, focus: str) -> tuple[str, str] | None:
    """The subject and predicate holding ``focus`` when it is a literal: a node shape targeting the objects of a
    property (cg:value, cg:citedQuote) meets one where a node was written (``cg:value 1``). None for a node."""
    if focus.startswith("_:"):
        return None
    try:
        ox.NamedNode(focus)
        return None
    except ValueError:
        pass
    # asked in SPARQL, which a remote store's view answers too; every triple is scanned, on this error path only
    rows = registry.select(
        "SELECT ?s ?p WHERE { ?s ?p ?o FILTER(isLiteral(?o) && str(?o) = "
        + json.dumps(focus)
        + ") } ORDER BY ?s ?p LIMIT 1"
    )
    if not rows or not isinstance(rows[0].get("s"), str):
        return None
    return str(rows[0]["s"]), str(rows[0]["p"])


def _literal_in_place_of_node(registry, result: Result, subject: str, predicate: str) -> Finding:
    subject = (registry.owner_of(subject) or subject) if subject.startswith("_:") else subject
    name = ("cg:" if predicate.startswith(str(CG)) else "") + predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return registry.finding(
        result.code,
        f"{name} is the literal {_short(json.dumps(result.focus, ensure_ascii=False))}, where a node belongs",
        subject=subject,
        predicate=predicate,
        severity=SEVERITIES.get(result.severity, Severity.ERROR),
        hint="write a node in brackets, as cg:value [ qudt:numericValue 1.3 ; qudt:unit unit:GigaW-HR ] or "
        'cg:citedQuote [ oa:exact "…" ; cg:locator "p. 4" ]',
    )


def _merged_properties(registry, results: list[Result]) -> set[tuple[str, str]]:
    """(subject, property) of the subjects defined twice (CG104) where the property holds several values:
    the two blocks merged into one node, so a count of them (at most one statement per language, exactly one
    value or status) fails because of that one mistake, already reported."""
    defined_twice = getattr(registry, "defined_twice", None)  # (a remote store's view has none)
    if not defined_twice:
        return set()
    merged = set()
    for focus, path in {(r.focus, r.path) for r in results if r.value is None and r.focus in defined_twice}:
        # asked with SPARQL, which a remote store's view answers too (a few subjects at most)
        if path is not None and len(registry.select(f"SELECT DISTINCT ?o WHERE {{ <{focus}> <{path}> ?o }}")) > 1:
            merged.add((focus, path))
    return merged


def _short(term) -> str:
    text = str(term)
    return text if len(text) <= 80 else text[:77] + "…"


def check(registry: Registry) -> Iterable[Finding]:
    return validate(registry)
