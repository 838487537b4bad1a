"""Every reference to a registry node leads to one: driven by the vocabulary's ranges, not a list.

A property of the claimgraph vocabulary (``ontology/claimgraph.ttl``) whose ``rdfs:range`` is one
of its own classes (a claim, a step, a measurand, a system, a quote, a derivation, a status…)
points at a node the registry must define. The range is read from the vocabulary, following
``rdfs:subPropertyOf`` (``cg:supportedBy`` has the range of ``cg:uses``), so a property added to
the vocabulary is checked without a line of code here. A property whose range is ``rdf:List``
(``cg:operands``) is followed into its list: every IRI in it must be defined too.

* **CG308** the object is an IRI that nothing in the registry (its claims, its bibliography, the
  vocabulary and its schemes) defines, and that is not under one of the ``external_iris`` prefixes
  of ``claimgraph.toml``: an error at the line of the reference, with the nearest defined names (not said
  while a claims file failed to load: the node may be defined in that file, whose error is the finding);
* **CG309** the object is defined, but not as a node of the range (``cg:derivedBy <claim/x>``).
* **CG300** a claim bears on itself (``claim:x cg:contests claim:x``): the reference resolves, but a figure
  cannot contest, qualify or back itself.

References whose range is ``cg:Source`` are CG301's (:mod:`.citation_keys`, which reads the same
ranges), so a mistyped source key is reported once, with the nearest keys. The SHACL shapes that
check the class of a reference (CG207, CG222, CG241, CG253) leave such a reference to these codes:
:func:`reported_references` names them, and :mod:`.shacl` drops its own result for the same
subject, property and value, so one mistake is one finding.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Iterable

from ..findings import Finding
from ..namespaces import CG, FORMULA, RDF
from ..registry import VOCABULARY_GRAPH, Registry
from ..suggestions import KeySuggester

_RANGES = """
SELECT ?property ?range WHERE {
  GRAPH <%s> {
    ?property a owl:ObjectProperty .
    FILTER(STRSTARTS(STR(?property), STR(cg:)))
    ?property rdfs:subPropertyOf* ?ancestor .
    ?ancestor rdfs:range ?range .
  }
}
"""

# The distinct targets not typed with the range first (in a sound registry, none), then whether those
# are defined at all, then who points at them: one join over every reference, each tested against a
# class path, took minutes at 10,000 claims, and a VALUES list of every target close to a second.
# The distinct targets (a thousand sources are cited 10,000 times) are one query, the test of their types
# another, on those targets only: asked in one query, Oxigraph tested the type of every reference's target
# before keeping the distinct ones (three times as long at 10,000 claims).
_TARGETS = """
SELECT DISTINCT ?target WHERE { VALUES ?predicate { %s } ?subject ?predicate ?target . FILTER(isIRI(?target)) }
"""

_UNTYPED_TARGETS = """
SELECT ?target WHERE { VALUES ?target { %s } FILTER NOT EXISTS { ?target rdf:type ?class . VALUES ?class { %s } } }
"""

_LIST_MEMBERS = """
SELECT DISTINCT ?target WHERE {
  VALUES ?predicate { %s }
  ?subject ?predicate ?list .
  ?list rdf:rest*/rdf:first ?target .
  FILTER(isIRI(?target))
}
"""

_SUBCLASSES = "SELECT DISTINCT ?class WHERE { ?class rdfs:subClassOf* ?range . VALUES ?range { %s } }"

_DEFINED_AMONG = "SELECT DISTINCT ?target WHERE { VALUES ?target { %s } ?target ?p ?o }"

# every (predicate, target) pair named, so that each is looked up (see citation_keys._POINTERS)
_POINTERS = """
SELECT ?subject ?predicate ?target WHERE {
  VALUES (?predicate ?target) { %s }
  ?subject ?predicate ?target .
}
"""

_LIST_POINTERS = """
SELECT DISTINCT ?subject ?predicate ?target WHERE {
  VALUES ?predicate { %s }
  VALUES ?target { %s }
  ?subject ?predicate ?list .
  ?list rdf:rest*/rdf:first ?target .
}
"""

_INSTANCES = """
SELECT DISTINCT ?node WHERE { ?node rdf:type ?class . VALUES ?class { %s } FILTER(isIRI(?node)) }
"""

_DEFINED = "SELECT DISTINCT ?node WHERE { ?node ?p ?o . FILTER(isIRI(?node)) }"


def _iris(values) -> str:
    return " ".join(f"<{v}>" for v in values)


@dataclass(frozen=True)
class Reference:
    """One reference that leads nowhere (``kind`` "undefined") or to a node of another class ("kind")."""

    subject: str
    predicate: str
    target: str
    kind: str
    ranges: tuple[str, ...]


def property_ranges(registry: Registry) -> dict[str, tuple[str, ...]]:
    """Every object property of the vocabulary with its ranges, its own or inherited (the nearest wins)."""
    ranges: dict[str, set[str]] = {}
    own: dict[str, set[str]] = {}
    for row in registry.select(_RANGES % VOCABULARY_GRAPH):
        ranges.setdefault(row["property"], set()).add(row["range"])
    for row in registry.select(f"SELECT ?p ?r WHERE {{ GRAPH <{VOCABULARY_GRAPH}> {{ ?p rdfs:range ?r }} }}"):
        own.setdefault(row["p"], set()).add(row["r"])
    # a property with a range of its own does not take its ancestors' (cg:operands is a list, not prov:used's)
    return {p: tuple(sorted(own.get(p) or r)) for p, r in ranges.items()}


def _checked(ranges: dict[str, tuple[str, ...]]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """(properties pointing at nodes of the vocabulary's own classes, other than sources; list properties)."""
    nodes = {p: r for p, r in ranges.items() if all(c.startswith(CG) for c in r) and CG.Source not in r}
    lists = [p for p, r in ranges.items() if RDF.List in r]
    return nodes, lists


def _subclasses(registry: Registry, ranges: tuple[str, ...]) -> list[str]:
    return [row["class"] for row in registry.select(_SUBCLASSES % _iris(ranges))] or list(ranges)


def _defined_among(registry: Registry, targets: list[str]) -> set[str]:
    return {row["target"] for row in registry.select(_DEFINED_AMONG % _iris(targets))} if targets else set()


#: those of the targets typed with one of the classes (the steps a step names among its claims)
_TYPED_AMONG = """
SELECT DISTINCT ?target WHERE { VALUES ?target { %s } ?target rdf:type ?class . VALUES ?class { %s } }
"""


def _steps_among(registry: Registry, targets: list[str]) -> set[str]:
    """Those of ``targets`` that are argument steps (a research question, a step, a conclusion)."""
    if not targets:
        return set()
    steps = _iris(_subclasses(registry, (str(CG.ArgumentStep),)))
    return {row["target"] for row in registry.select(_TYPED_AMONG % (_iris(targets), steps))}


_LOCK = threading.Lock()


def reported_references(registry: Registry) -> list[Reference]:
    """Every reference CG308 or CG309 reports, in a stable order. Computed once per registry: SHACL
    (which leaves these references to CG308/CG309) and this check both ask, from two threads."""
    with _LOCK:
        cached = registry.__dict__.get("_unresolved_references")
        if cached is None:
            cached = registry.__dict__["_unresolved_references"] = _unresolved(registry)
    return cached


def _unresolved(registry: Registry) -> list[Reference]:
    nodes, lists = _checked(property_ranges(registry))
    external = registry.settings.external_iris
    out: set[Reference] = set()
    by_range: dict[tuple[str, ...], list[str]] = {}
    for p, r in nodes.items():
        by_range.setdefault(r, []).append(p)
    for r, properties in sorted(by_range.items()):
        targets = [
            row["target"]
            for row in registry.select(_TARGETS % _iris(properties))
            if not row["target"].startswith(external)
        ]
        if not targets:
            continue
        query = _UNTYPED_TARGETS % (_iris(targets), _iris(_subclasses(registry, r)))
        bad = [row["target"] for row in registry.select(query)]
        if not bad:
            continue
        defined = _defined_among(registry, bad)
        pairs = " ".join(f"(<{p}> <{t}>)" for p in properties for t in bad)
        for row in registry.select(_POINTERS % pairs):
            kind = "kind" if row["target"] in defined else "undefined"
            out.add(Reference(row["subject"], row["predicate"], row["target"], kind, r))
    if lists:
        members = [
            row["target"]
            for row in registry.select(_LIST_MEMBERS % _iris(lists))
            if not row["target"].startswith(external)
        ]
        undefined = sorted(set(members) - _defined_among(registry, members))
        if undefined:
            for row in registry.select(_LIST_POINTERS % (_iris(lists), _iris(undefined))):
                out.add(Reference(row["subject"], row["predicate"], row["target"], "undefined", ()))
    return sorted(out, key=lambda x: (x.subject, x.predicate, x.target))


def _short(registry: Registry, iri: str) -> str:
    from ..iris import compact

    return compact(iri, base=registry.settings.base)


#: A claim that bears on itself (cg:contests, cg:qualifies, cg:supports, any sub-property of cg:bearsOn the
#: vocabulary declares): the reference resolves, to the wrong claim.
_BEARS_ON_ITSELF = """
SELECT DISTINCT ?claim ?property WHERE {
  GRAPH <%s> { ?property rdfs:subPropertyOf* cg:bearsOn }
  ?claim ?property ?claim .
}
"""


def _bearing_on_itself(registry: Registry) -> Iterable[Finding]:
    for row in sorted(registry.select(_BEARS_ON_ITSELF % VOCABULARY_GRAPH), key=lambda r: (r["claim"], r["property"])):
        claim, predicate = str(row["claim"]), _short(registry, str(row["property"]))
        prefix = registry.settings.base + "claim/"
        shown = "claim:" + claim[len(prefix) :] if claim.startswith(prefix) else _short(registry, claim)
        yield registry.finding(
            "CG300",
            f"{shown} {predicate} itself: a claim bears on other claims",
            subject=claim,
            predicate=str(row["property"]),
            hint=f"name the claim it {predicate.split(':')[-1]} (another work's figure), or drop the statement",
        )


def check(registry: Registry) -> Iterable[Finding]:
    yield from _bearing_on_itself(registry)
    references = reported_references(registry)
    if not references:
        return
    suggesters: dict[tuple[str, ...], tuple[KeySuggester, dict[str, str]]] = {}
    steps = _steps_among(registry, sorted({ref.target for ref in references if ref.kind == "kind"}))
    # "defined nowhere" speaks for every claim file: while one did not load, the node may be defined there
    definitions_all_read = not registry.left_out("claims")

    def nearest(target: str, ranges: tuple[str, ...]) -> list[str]:
        if ranges not in suggesters:
            query = _INSTANCES % _iris(_subclasses(registry, ranges)) if ranges else _DEFINED
            names = {_short(registry, row["node"]): row["node"] for row in registry.select(query)}
            suggesters[ranges] = (KeySuggester(names), names)
        suggester, _names = suggesters[ranges]
        return suggester(_short(registry, target))

    for ref in references:
        subject = registry.owner_of(ref.subject) if ref.subject.startswith("_:") else ref.subject
        predicate = _short(registry, ref.predicate)
        target = _short(registry, ref.target)
        wanted = " or ".join(_short(registry, c) for c in ref.ranges) or "a node of the registry"
        if ref.kind == "undefined":
            if not definitions_all_read:
                continue
            guesses = nearest(ref.target, ref.ranges)
            hint = (
                ("did you mean " + " or ".join(f"`{g}`" for g in guesses) + "?")
                if guesses
                else f"define {target} as {wanted}, or correct the reference"
            )
            if not ref.target.startswith(registry.settings.base) and not guesses:
                hint += " (an IRI outside the registry may be declared in claimgraph.toml's external_iris)"
            yield registry.finding(
                "CG308",
                f"{predicate} points at {target}, which is defined nowhere in the registry (expected {wanted})",
                subject=subject,
                predicate=ref.predicate,
                hint=hint,
            )
        elif ref.predicate == CG.derivedBy and ref.target.startswith(str(FORMULA)):
            # the formula named where its derivation belongs (the operands then on the claim): no type to add
            yield registry.finding(
                "CG309",
                f"cg:derivedBy must be a cg:Derivation node [ a cg:Derivation ; cg:formula {target} ; "
                f"cg:operands ( … ) ], not {target}",
                subject=subject,
                predicate=ref.predicate,
                hint=f"write cg:derivedBy [ a cg:Derivation ; cg:formula {target} ; cg:operands ( … ) ], "
                "the operands inside the brackets, not on the claim",
            )
        else:
            if ref.target in steps and str(CG.Claim) in ref.ranges:
                # a step named among a step's claims: what a conclusion rests on is claims, the steps are in order
                what = "a step of the argument: a step uses claims, not other steps"
                hint = (
                    f"name here the claims {target} uses (its cg:supportedBy …): the steps follow one another "
                    "by cg:order, and a conclusion rests on claims (docs/tutorial.md, the argument)"
                )
            else:
                what, hint = f"which is not {wanted}", f"point it at {wanted}, or give {target} the type it lacks"
            yield registry.finding(
                "CG309",
                f"{predicate} points at {target}{_defined_at(registry, ref.target)}, {what}",
                subject=subject,
                predicate=ref.predicate,
                hint=hint,
            )


def _defined_at(registry: Registry, node: str) -> str:
    """ " (defined at claims/x.ttl:12)" for a node the registry's files define, else nothing."""
    where = registry.locations.get(node)
    return f" (defined at {where.file}:{where.line})" if where else ""
