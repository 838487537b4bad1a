"""Oxigraph terms to rdflib terms, for the libraries (pyshacl, serialisers) that need rdflib."""

from __future__ import annotations

from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))
    raise TypeError(f"unsupported term {term!r}")


def quads_to_rdflib(quads: Iterable[ox.Quad]) -> Graph:
    graph = Graph()
    add = graph.add
    for q in quads:
        add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)))
    return graph


def quads_to_dataset(quads: Iterable[ox.Quad]) -> Dataset:
    dataset = Dataset()
    for q in quads:
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else URIRef(q.graph_name.value)
        dataset.add((to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object), g))
    return dataset
