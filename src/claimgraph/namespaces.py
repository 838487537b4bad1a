"""The namespaces claimgraph mints and the standard ones it reuses, as plain IRI strings.

No rdflib here: every check imports this module, and importing rdflib cost 0.1 s of each
``claimgraph check`` (a third of checking the bundled registry). Code that builds rdflib
graphs takes rdflib terms from :mod:`claimgraph.rdflib_namespaces`.
"""


class Namespace(str):
    """An IRI prefix whose attributes (``CG.Claim``) and items (``SH["class"]``) are full IRIs, as ``str``."""

    __slots__ = ()

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):  # copy, pickle and friends probe dunders: those are not terms
            raise AttributeError(name)
        return str(self) + name

    def __getitem__(self, name):
        if isinstance(name, str):
            return str(self) + name
        return str.__getitem__(self, name)  # slices and indices keep meaning what they mean on a str


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
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SH = Namespace("http://www.w3.org/ns/shacl#")

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
    "dcterms": DCTERMS,
    "prov": PROV,
    "skos": SKOS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}


def sparql_prologue() -> str:
    """PREFIX lines for every namespace above, so saved queries can stay short."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# Plain-string forms for code that builds Oxigraph terms directly.
RDF_TYPE = RDF.type
DCTERMS_IRI = str(DCTERMS)
XSD_IRI = str(XSD)
