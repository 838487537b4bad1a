"""The namespaces claimgraph mints and the standard ones it reuses."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

CG = Namespace("https://w3id.org/claimgraph/ns#")
STATUS = Namespace("https://w3id.org/claimgraph/status#")
ROLE = Namespace("https://w3id.org/claimgraph/role#")
FORMULA = Namespace("https://w3id.org/claimgraph/formula#")
SHAPES = Namespace("https://w3id.org/claimgraph/shapes#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")
QUANTITYKIND = Namespace("http://qudt.org/vocab/quantitykind/")
OA = Namespace("http://www.w3.org/ns/oa#")
CITO = Namespace("http://purl.org/spar/cito/")
FABIO = Namespace("http://purl.org/spar/fabio/")
BIBO = Namespace("http://purl.org/ontology/bibo/")
SCHEMA = Namespace("http://schema.org/")
AMO = Namespace("http://purl.org/spar/amo/")

#: Prefixes bound on every graph claimgraph writes, and declared in every query.
PREFIXES: dict[str, Namespace] = {
    "cg": CG,
    "status": STATUS,
    "role": ROLE,
    "formula": FORMULA,
    "qudt": QUDT,
    "unit": UNIT,
    "quantitykind": QUANTITYKIND,
    "oa": OA,
    "cito": CITO,
    "fabio": FABIO,
    "bibo": BIBO,
    "schema": SCHEMA,
    "dcterms": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
    "sh": Namespace(str(SH)),
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, so saved queries can stay short."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())

# Plain-string forms for code that builds Oxigraph terms directly.
RDF_TYPE = str(RDF.type)
DCTERMS_IRI = str(DCTERMS)
XSD_IRI = str(XSD)
