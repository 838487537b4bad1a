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

from rdflib import OWL, RDF, RDFS, Graph, URIRef

from .namespaces import CG, PREFIXES

VOCABULARY_FILE = Path(__file__).resolve().parent / "ontology" / "claimgraph.ttl"

#: The IRI the context is published under (the generated file lives in an export's folder).
CONTEXT_IRI = "https://w3id.org/claimgraph/context.jsonld"


def vocabulary_terms(path: Path = VOCABULARY_FILE) -> dict[str, tuple[URIRef, URIRef]]:
    """Every cg: term the vocabulary defines: local name -> (IRI, its owl/rdf type)."""
    graph = Graph().parse(path, format="turtle")
    terms: dict[str, tuple[URIRef, URIRef]] = {}
    kinds = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty, RDF.Property, OWL.AnnotationProperty)
    for kind in kinds:
        for subject in graph.subjects(RDF.type, kind):
            if isinstance(subject, URIRef) and str(subject).startswith(str(CG)):
                local = str(subject)[len(str(CG)) :]
                if local and local not in terms:
                    terms[local] = (subject, kind)
    return dict(sorted(terms.items()))


@lru_cache(maxsize=1)
def _context_cached() -> str:
    graph = Graph().parse(VOCABULARY_FILE, format="turtle")
    ctx: dict[str, object] = {p: str(ns) for p, ns in PREFIXES.items()}
    xsd = str(PREFIXES["xsd"])
    for local, (iri, kind) in vocabulary_terms().items():
        compact = f"cg:{local}"
        # A term wins over a prefix of the same name (``status``, ``formula``): JSON-LD would
        # otherwise expand ``status:verifiedPrimary`` through the term. Those IRIs stay full.
        ctx.pop(local, None)
        if kind == OWL.ObjectProperty:
            ctx[local] = {"@id": compact, "@type": "@id"}
        elif kind == OWL.DatatypeProperty:
            ranges = [str(r) for r in graph.objects(iri, RDFS.range) if str(r).startswith(xsd)]
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
