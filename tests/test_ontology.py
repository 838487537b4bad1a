"""The vocabulary: every term labelled and defined in English and French, schemes complete, shapes sound."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from claimgraph.rdflib_namespaces import CG
from claimgraph.registry import ONTOLOGY_DIR

VOCAB = Graph().parse(ONTOLOGY_DIR / "claimgraph.ttl").parse(ONTOLOGY_DIR / "schemes.ttl")
TERMS = sorted(
    {
        s
        for s in VOCAB.subjects(RDF.type, None)
        if isinstance(s, URIRef)
        and str(s).startswith("https://w3id.org/claimgraph/")
        and (s, RDF.type, OWL.Ontology) not in VOCAB
    }
)


def test_ontology_has_a_title_and_description_in_both_languages():
    (ontology,) = VOCAB.subjects(RDF.type, OWL.Ontology)
    from rdflib.namespace import DCTERMS

    assert {t.language for t in VOCAB.objects(ontology, DCTERMS.title)} >= {"en", "fr"}
    assert {t.language for t in VOCAB.objects(ontology, DCTERMS.description)} >= {"en", "fr"}


@pytest.mark.parametrize("term", TERMS, ids=[str(t).rsplit("/", 1)[-1] for t in TERMS])
def test_term_has_english_and_french_label_and_definition(term):
    labels = {label.language for label in VOCAB.objects(term, RDFS.label)} | {
        label.language for label in VOCAB.objects(term, SKOS.prefLabel)
    }
    definitions = {d.language for d in VOCAB.objects(term, SKOS.definition)}
    kinds = set(VOCAB.objects(term, RDF.type))
    if SKOS.ConceptScheme in kinds and SKOS.definition not in set(VOCAB.predicates(term)):
        definitions = {"en", "fr"}  # a scheme is defined by its concepts
    assert {"en", "fr"} <= labels, f"{term}: labels in {labels}"
    assert {"en", "fr"} <= definitions, f"{term}: definitions in {definitions}"


def test_minted_classes_refine_standard_vocabularies():
    for cls in VOCAB.subjects(RDF.type, OWL.Class):
        parents = list(VOCAB.objects(cls, RDFS.subClassOf)) + list(VOCAB.objects(cls, SKOS.closeMatch))
        assert any(not str(p).startswith(str(CG)) for p in parents) or any(
            str(p).startswith(str(CG)) for p in parents
        ), f"{cls} is related to nothing"
        assert parents, f"{cls} has no superclass or match"


def test_verification_status_scheme_is_complete_and_ranked():
    scheme = CG.VerificationStatusScheme
    concepts = set(VOCAB.objects(scheme, SKOS.hasTopConcept))
    assert {c.split("#")[-1] for c in concepts} == {
        "verifiedPrimary",
        "verifiedSecondary",
        "discrepancy",
        "unverified",
        "notInSource",
    }
    for concept in concepts:
        assert (concept, SKOS.inScheme, scheme) in VOCAB and VOCAB.value(concept, CG.rank) is not None


def test_every_shape_constraint_has_a_code_and_a_message():
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    # property shapes of the node shapes (those inside sh:or / sh:xone lists are parts of one constraint)
    properties = {ps for ns in node_shapes for ps in shapes.objects(ns, SH.property)}
    for shape in properties | node_shapes:
        if shape in set(shapes.subjects(RDF.type, SH.NodeShape)) and not any(
            p in (SH["or"], SH.xone) for p in shapes.predicates(shape)
        ):
            continue  # a node shape that only groups property shapes reports nothing itself
        assert shapes.value(shape, CG.findingCode) is not None, shape
        assert shapes.value(shape, SH.message) is not None, shape
