"""SHACL validation of claims, quotes, measurands, steps and sources.

The shapes are ``ontology/shapes.ttl`` plus any ``shapes/*.ttl`` the registry
adds. Each result becomes a :class:`Finding` whose code is the ``cg:findingCode``
of the shape that produced it and whose line is the line naming the offending
property inside the subject's block.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from ..findings import Finding, Severity
from ..namespaces import CG
from ..rdf_convert import quads_to_rdflib
from ..registry import ONTOLOGY_DIR, Registry
from .shacl_compiled import Result, compile_shapes
from .shacl_compiled import run as run_compiled

SEVERITIES = {SH.Violation: Severity.ERROR, SH.Warning: Severity.WARNING, SH.Info: Severity.INFO}

#: Every term of the SHACL vocabulary: a shape using another sh: term has a typo
#: that pyshacl would silently ignore (sh:minCont is no constraint at all).
SHACL_TERMS = frozenset(SH._NS + name for name in dir(SH) if not name.startswith("_")) | frozenset(
    SH._NS + name for name in ("this", "shapesGraph", "value", "currentShape", "PrefixDeclaration"))


@lru_cache(maxsize=1)
def _project_shapes_quads() -> tuple:
    return tuple(ox.parse(path=str(ONTOLOGY_DIR / "shapes.ttl"), format=ox.RdfFormat.TURTLE))


def shapes_graph(registry: Registry, problems: list[Finding] | None = None) -> Graph:
    """The project's shapes plus the registry's own; unreadable extra shapes become findings."""
    from ..loading.text import TextFileError, read_text
    from ..loading.turtle import TurtleSyntaxError, parse_turtle

    quads = list(_project_shapes_quads())
    for path in registry.shape_files:
        rel = path.relative_to(registry.root).as_posix()
        try:
            parsed = parse_turtle(read_text(path).text, registry.settings.base)
        except (TextFileError, TurtleSyntaxError) as exc:
            if problems is not None:
                problems.append(Finding(rel, getattr(exc, "line", None), "CG112", Severity.ERROR,
                                        f"extra shapes not loaded: {exc}"))
            continue
        unknown = False
        for q in parsed.quads:
            for term in (q.predicate, q.object):
                if isinstance(term, ox.NamedNode) and term.value.startswith(SH._NS) \
                        and term.value not in SHACL_TERMS:
                    unknown = True
                    if problems is not None:
                        name = term.value[len(SH._NS):]
                        line = next((i for i, text in enumerate(parsed.lines, 1) if f"sh:{name}" in text), None)
                        problems.append(Finding(rel, line, "CG112", Severity.ERROR,
                                                f"unknown SHACL term sh:{name}: pyshacl would ignore it silently",
                                                hint="check the spelling against https://www.w3.org/TR/shacl/"))
        if not unknown:
            quads.extend(parsed.quads)
    return quads_to_rdflib(quads)


def _code_of(shapes: Graph, shape) -> str:
    code = shapes.value(shape, URIRef(CG + "findingCode"))
    return str(code) if code is not None else "CG200"


def _term_text(term) -> str | None:
    if term is None:
        return None
    return str(term) if isinstance(term, (URIRef, Literal)) else f"_:{term}"


def _pyshacl_results(shapes: Graph, data: Graph) -> list[Result]:
    """Validate with pyshacl (the reference engine) and read its report as plain results."""
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", abort_on_first=False, allow_infos=True,
        allow_warnings=True, advanced=True, do_owl_imports=False)
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        results.append(Result(
            focus=_term_text(report.value(result, SH.focusNode)),
            path=str(path) if isinstance(path, URIRef) else None,
            severity=str(report.value(result, SH.resultSeverity)),
            message=str(message) if message is not None else None,
            shape=report.value(result, SH.sourceShape),
            value=_term_text(report.value(result, SH.value))))
    return results


def validate(registry: Registry, data_graph: Graph | None = None, *, engine: str = "auto") -> list[Finding]:
    """SHACL findings. ``engine``: "auto" (compiled SPARQL when the shapes allow it, else pyshacl),
    "compiled" or "pyshacl". Both engines give the same findings (tests/test_shacl_engines.py)."""
    problems: list[Finding] = []
    shapes = shapes_graph(registry, problems)
    try:
        queries = compile_shapes(shapes) if engine != "pyshacl" and data_graph is None else None
        if engine == "compiled" and queries is None:
            raise ValueError("these shapes use SHACL features the compiled engine does not cover")
        if queries is not None:
            results = run_compiled(registry.store, queries)
        else:
            results = _pyshacl_results(shapes, data_graph if data_graph is not None else registry.rdflib_graph)
    except Exception as exc:  # pyshacl and Oxigraph raise their own error types for broken shapes
        return problems + [Finding(None, None, "CG120", Severity.ERROR, f"SHACL validation could not run: {exc}")]
    for result in results:
        subject = result.focus
        owner = registry.owner_of(subject) if subject and subject.startswith("_:") else subject
        predicate = tuple(p for p in (result.path, registry.link_predicate(subject) if subject else None) if p)
        message = result.message or "does not conform to its shape"
        if result.value is not None and owner and result.value != result.focus:
            message = f"{message} (value: {_short(result.value)})"
        severity = SEVERITIES.get(URIRef(result.severity), Severity.ERROR)
        problems.append(registry.finding(_code_of(shapes, result.shape), message, subject=owner,
                                         predicate=predicate, severity=severity))
    return problems


def _short(term) -> str:
    text = str(term)
    return text if len(text) <= 80 else text[:77] + "…"


def check(registry: Registry) -> Iterable[Finding]:
    return validate(registry)
