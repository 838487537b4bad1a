"""The JSON-LD context, generated from the vocabulary (``ontology/claimgraph.ttl``).

One source of truth: every class and property the vocabulary defines becomes a term
named by its local name (``Claim``, ``statement``, ``cites``…), every prefix of
:data:`claimgraph.namespaces.PREFIXES` a prefix definition. Object properties are
typed ``@id`` so that ``"cites": "source:Doe2021"`` reads as a link; datatype
properties with an XSD range carry it as ``@type``. Where a prefix has the name of a term
(``status``, ``formula``) the term wins and the prefix is left out. Nothing is written by hand, so
the context cannot drift from the vocabulary (a test checks it covers every term).

``python -m claimgraph.jsonld_context`` prints it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .namespaces import CG, OWL, PREFIXES, RDF, RDFS

if TYPE_CHECKING:
    from rdflib import URIRef

#: The kinds of terms the context names, in the order that decides a term declared as two of them.
KINDS = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)

VOCABULARY_FILE = Path(__file__).resolve().parent / "ontology" / "claimgraph.ttl"

#: The IRI the context is published under (the generated file lives in an export's folder).
CONTEXT_IRI = "https://w3id.org/claimgraph/context.jsonld"


def vocabulary_terms(path: Path = VOCABULARY_FILE) -> dict[str, tuple[URIRef, URIRef]]:
    """Every cg: term the vocabulary defines: local name -> (IRI, its owl/rdf type)."""
    from rdflib import URIRef

    terms, _ = _vocabulary(path)
    return {local: (URIRef(iri), URIRef(kind)) for local, (iri, kind) in terms.items()}


def _vocabulary(path: Path) -> tuple[dict[str, tuple[str, str]], dict[str, set[str]]]:
    """:func:`vocabulary_terms` as IRI strings, and each subject's ``rdfs:range`` values (as text).

    Read by Oxigraph's parser: rdflib's took a twentieth of a second, and importing rdflib as much again,
    in every RO-Crate and JSON-LD export."""
    import pyoxigraph as ox

    kinds: dict[str, set[str]] = {}  # subject -> its types among KINDS
    ranges: dict[str, set[str]] = {}
    wanted, rdf_type, rdfs_range = set(KINDS), str(RDF.type), str(RDFS.range)
    with open(path, "rb") as handle:
        for triple in ox.parse(handle, format=ox.RdfFormat.TURTLE, base_iri=path.resolve().as_uri()):
            subject, predicate, obj = triple.subject, triple.predicate.value, triple.object
            if not isinstance(subject, ox.NamedNode):
                continue
            if predicate == rdf_type and isinstance(obj, ox.NamedNode) and obj.value in wanted:
                kinds.setdefault(subject.value, set()).add(obj.value)
            elif predicate == rdfs_range and not isinstance(obj, ox.Triple):
                ranges.setdefault(subject.value, set()).add(obj.value)
    terms: dict[str, tuple[str, str]] = {}
    for kind in KINDS:
        for subject, types in kinds.items():
            if kind in types and subject.startswith(str(CG)):
                local = subject[len(str(CG)) :]
                if local and local not in terms:
                    terms[local] = (subject, kind)
    return dict(sorted(terms.items())), ranges


@lru_cache(maxsize=1)
def _context_cached() -> str:
    ctx: dict[str, object] = {p: str(ns) for p, ns in PREFIXES.items()}
    xsd = str(PREFIXES["xsd"])
    terms, ranges_of = _vocabulary(VOCABULARY_FILE)
    for local, (iri, kind) in terms.items():
        compact = f"cg:{local}"
        # A term wins over a prefix of the same name (``status``, ``formula``): JSON-LD would
        # otherwise expand ``status:verifiedPrimary`` through the term. Those IRIs stay full.
        ctx.pop(local, None)
        if kind == OWL.ObjectProperty:
            ctx[local] = {"@id": compact, "@type": "@id"}
        elif kind == OWL.DatatypeProperty:
            ranges = [r for r in ranges_of.get(iri, ()) if r.startswith(xsd)]
            ctx[local] = {"@id": compact, "@type": "xsd:" + ranges[0][len(xsd) :]} if len(ranges) == 1 else compact
        else:
            ctx[local] = compact
    return json.dumps(ctx)


def context() -> dict:
    """The context's body: ``{"cg": "https://w3id.org/claimgraph/ns#", …, "Claim": "cg:Claim", …}``."""
    return json.loads(_context_cached())


def context_document() -> dict:
    """The context as a JSON-LD context document, ready to save as ``context.jsonld``."""
    return {"@context": context()}


if __name__ == "__main__":
    print(json.dumps(context_document(), indent=2, ensure_ascii=False))
