"""claimgraph's namespaces as rdflib ``Namespace`` objects, whose terms are ``URIRef``: for the code
that builds or reads rdflib graphs (exports, diffs). The same IRIs as :mod:`claimgraph.namespaces`."""

from rdflib import Namespace

from . import namespaces as _iris

CG = Namespace(_iris.CG)
QUDT = Namespace(_iris.QUDT)
OA = Namespace(_iris.OA)
