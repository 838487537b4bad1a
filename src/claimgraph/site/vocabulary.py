"""The vocabulary and shapes documentation, generated from ``ontology/`` (one source of truth)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from ..iris import prefixed_name
from ..registry import ONTOLOGY_DIR
from ..model import GraphIndex

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SH = "http://www.w3.org/ns/shacl#"
_CG = "https://w3id.org/claimgraph/ns#"


def curie(iri: str | None) -> str:
    if not iri:
        return ""
    return prefixed_name(iri, any_local=True) or iri


@dataclass
class Term:
    iri: str
    kind: str
    label: dict[str, str]
    definition: dict[str, str]
    relations: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def curie(self) -> str:
        return curie(self.iri)


@dataclass
class Scheme:
    iri: str
    label: dict[str, str]
    definition: dict[str, str]
    concepts: list[tuple[Term, str | None]] = field(default_factory=list)  # (term, notation)


@dataclass
class PropertyRule:
    path: str
    constraints: list[str]
    severity: str
    code: str | None
    message: str | None


@dataclass
class Shape:
    iri: str
    label: dict[str, str]
    targets: list[str]
    rules: list[PropertyRule]
    file: str


@dataclass
class Vocabulary:
    title: dict[str, str]
    description: dict[str, str]
    classes: list[Term]
    properties: list[Term]
    schemes: list[Scheme]
    shapes: list[Shape]
    files: list[str]


def _index(paths: list[Path]) -> GraphIndex:
    quads = []
    for path in paths:
        quads.extend(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return GraphIndex(quads)


def _term(index: GraphIndex, node: ox.NamedNode, kind: str, relations: list[tuple[str, str]]) -> Term:
    rels = []
    for label, predicate in relations:
        values = [curie(o.value) for o in index.objects(node, predicate) if isinstance(o, ox.NamedNode)]
        if values:
            rels.append((label, values))
    return Term(
        node.value,
        kind,
        index.langs(node, _RDFS + "label") or index.langs(node, _SKOS + "prefLabel"),
        index.langs(node, _SKOS + "definition"),
        rels,
    )


def _path_text(index: GraphIndex, node) -> str:
    if isinstance(node, ox.NamedNode):
        return curie(node.value)
    alternatives = index.first(node, _SH + "alternativePath")
    if alternatives is not None:
        items, cur, seen = [], alternatives, set()
        while isinstance(cur, ox.BlankNode) and cur not in seen:
            seen.add(cur)
            first = index.first(cur, _RDF + "first")
            if first is not None:
                items.append(_path_text(index, first))
            cur = index.first(cur, _RDF + "rest")
        return " | ".join(items)
    inverse = index.first(node, _SH + "inversePath")
    if inverse is not None:
        return "^" + _path_text(index, inverse)
    return "(complex path)"


_CONSTRAINTS = (
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "nodeKind",
    "uniqueLang",
    "languageIn",
    "minInclusive",
    "maxInclusive",
    "pattern",
    "qualifiedMinCount",
    "in",
    "hasValue",
)


def gather_vocabulary(extra_shapes: list[Path] = ()) -> Vocabulary:
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    vocab = _index([f for f in files if not f.name.startswith("shapes")])
    ontology = ox.NamedNode("https://w3id.org/claimgraph/ns")
    classes, properties = [], []
    for node in sorted(vocab.types, key=lambda n: getattr(n, "value", "")):
        if not isinstance(node, ox.NamedNode):
            continue
        types = vocab.types[node]
        if _OWL + "Class" in types:
            classes.append(
                _term(
                    vocab, node, "class", [("subclass of", _RDFS + "subClassOf"), ("close match", _SKOS + "closeMatch")]
                )
            )
        elif types & {
            _OWL + "ObjectProperty",
            _OWL + "DatatypeProperty",
            _OWL + "AnnotationProperty",
            _RDF + "Property",
        }:
            kind = (
                "object property"
                if _OWL + "ObjectProperty" in types
                else "datatype property"
                if _OWL + "DatatypeProperty" in types
                else "annotation property"
            )
            properties.append(
                _term(
                    vocab,
                    node,
                    kind,
                    [
                        ("subproperty of", _RDFS + "subPropertyOf"),
                        ("domain", _RDFS + "domain"),
                        ("range", _RDFS + "range"),
                    ],
                )
            )
    schemes = []
    for node in vocab.instances({_SKOS + "ConceptScheme"}):
        scheme = Scheme(node.value, vocab.langs(node, _SKOS + "prefLabel"), vocab.langs(node, _SKOS + "definition"))
        members = [
            s
            for s, props in vocab.out.items()
            if isinstance(s, ox.NamedNode) and node in props.get(_SKOS + "inScheme", [])
        ]
        for concept in sorted(members, key=lambda n: n.value):
            scheme.concepts.append((_term(vocab, concept, "concept", []), vocab.text(concept, _SKOS + "notation")))
        schemes.append(scheme)

    shape_files = [f for f in files if f.name.startswith("shapes")] + list(extra_shapes)
    shapes = []
    for path in shape_files:
        try:
            index = _index([path])
        except (SyntaxError, ValueError, OSError):
            continue  # a broken extra shapes file is reported by `claimgraph check` (CG112)
        for node in index.instances({_SH + "NodeShape"}):
            targets = [curie(o.value) for o in index.objects(node, _SH + "targetClass") if isinstance(o, ox.NamedNode)]
            rules = []
            for prop in index.objects(node, _SH + "property"):
                constraints = []
                for name in _CONSTRAINTS:
                    for o in index.objects(prop, _SH + name):
                        constraints.append(
                            f"{name} {curie(o.value) if isinstance(o, ox.NamedNode) else o.value}"
                            if not isinstance(o, ox.BlankNode)
                            else name
                        )
                severity = index.iri(prop, _SH + "severity") or index.iri(node, _SH + "severity") or _SH + "Violation"
                rules.append(
                    PropertyRule(
                        _path_text(index, index.first(prop, _SH + "path")),
                        constraints,
                        severity.rsplit("#", 1)[-1],
                        index.text(prop, _CG + "findingCode"),
                        index.text(prop, _SH + "message"),
                    )
                )
            if index.first(node, _SH + "message") is not None:
                rules.append(
                    PropertyRule(
                        "(the node itself)",
                        [],
                        (index.iri(node, _SH + "severity") or _SH + "Violation").rsplit("#", 1)[-1],
                        index.text(node, _CG + "findingCode"),
                        index.text(node, _SH + "message"),
                    )
                )
            shapes.append(Shape(node.value, index.langs(node, _RDFS + "label"), targets, rules, path.name))
    return Vocabulary(
        vocab.langs(ontology, "http://purl.org/dc/terms/title"),
        vocab.langs(ontology, "http://purl.org/dc/terms/description"),
        classes,
        properties,
        schemes,
        shapes,
        [f.name for f in files],
    )
