"""The one reading of a registry: its claims, sources, measurands, systems and argument steps.

Everything that shows or compares what a registry says reads it here, so that a claim's
value, unit, normalised value and status are the same on its page, in ``list claims``, in
every CSV, in ``diff`` and in the checks' messages.

Two readings are offered, both memoised on the loaded registry:

* :func:`read_model` is the whole registry as typed, frozen records (:class:`RegistryModel`),
  built from one pass over the store's quads (:class:`GraphIndex`): the pages, the tables and
  ``diff`` need the language tag of every literal and the blank nodes under each claim, which
  SPARQL rows flatten away, and one pass stays linear at 10,000 claims. Normalised values are
  the ones the loader wrote into the graph (``cg:normalisedValue`` and its siblings): nothing
  here converts a unit.
* :func:`claim_values`, :func:`quotes`, :func:`derivations` and :func:`bad_numbers` are the few
  facts the checks compute with, each fetched for all claims with one SPARQL query: ``check``
  runs them on every registry, and a whole index would cost it a third of its time.

Both give the same :class:`~claimgraph.quantities.Quantity` (the one quantity type) and name a
status by the local name of its IRI (``verifiedPrimary``, ``unverified``), the one spelling
every output uses (:func:`status_name`). :data:`CLAIM_COLUMNS` and :func:`claim_table` are the
one set of columns of every claim table (``list claims``, ``export --format csv``, the site's
``claims.csv``).
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable, TypeVar, Union, cast

import pyoxigraph as ox

from .namespaces import BIBO, CG, OA, QUDT, RDF, RDFS, SCHEMA, SKOS
from .quantities import PLAIN_NUMERAL, Quantity, number_problem
from .registry import Registry, python_value
from .spreadsheet import FORMULA_STARTS, spreadsheet_cell
from .xsd_lexical import NUMBER_TYPES, XSD, canonical_double

__all__ = [
    "Quantity",
    "RegistryModel",
    "Claim",
    "Quote",
    "Derivation",
    "Source",
    "Measurand",
    "System",
    "Step",
    "Status",
    "GraphIndex",
    "read_model",
    "claim_values",
    "ambiguous_claims",
    "quotes",
    "derivations",
    "bad_numbers",
    "status_name",
    "CLAIM_COLUMNS",
    "claim_columns",
    "claim_table",
]

_CG, _QUDT, _OA, _SCHEMA, _BIBO, _SKOS = str(CG), str(QUDT), str(OA), str(SCHEMA), str(BIBO), str(SKOS)
_RDFS_LABEL, _RDF_TYPE, _SUBCLASS = str(RDFS.label), str(RDF.type), str(RDFS.subClassOf)
_DCT = "http://purl.org/dc/terms/"
_UNIT_NS = "http://qudt.org/vocab/unit/"

Term = Union[ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple]

#: a SELECT cell (a term, None when unbound) as :meth:`Registry.select` gives it
_py = cast(Callable[[Union[Term, None]], object], python_value)
#: A derivation's operand: a claim IRI, a plain number, or a number with its unit
#: (``[ qudt:numericValue 30 ; qudt:unit unit:YR ]``, as a :class:`Quantity`); a node that is none of
#: these stays ``_:label`` (which no formula takes: CG351).
Operand = Union[str, float, Quantity]

#: The roles a step gives the claims it uses, most specific first.
STEP_ROLES: dict[str, str] = {
    _CG + "supportedBy": "supports",
    _CG + "challengedBy": "challenges",
    _CG + "contextFrom": "context",
    _CG + "uses": "uses",
}

#: How a claim of another work bears on a claim (cg:bearsOn's sub-properties), most telling first.
BEARING: dict[str, str] = {_CG + "contests": "contests", _CG + "qualifies": "qualifies", _CG + "supports": "supports"}


def local_name(iri: str) -> str:
    """The last part of an IRI, after its last ``#`` or ``/``."""
    if not iri:
        return ""
    stripped = iri.rstrip("/#")
    return stripped[max(stripped.rfind("#"), stripped.rfind("/")) + 1 :]


def status_name(status_iri: str | None) -> str | None:
    """A status as every output spells it: the local name of its IRI (``verifiedPrimary``), the
    word a claim file writes after ``status:``."""
    return local_name(status_iri) if status_iri else None


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class Status:
    iri: str
    key: str  # the one spelling: the IRI's local name
    label: dict[str, str]
    definition: dict[str, str]
    rank: int  # 50 when the scheme gives none


@dataclass(frozen=True)
class Quote:
    role: str  # "cited" or "primary"
    exact: str | None
    locator: str | None
    #: The source's IRI: its cg:inSource, else the claim's one cited (or primary) source.
    source: str | None
    #: The source's own figure, when the registry records it (the quote's cg:value).
    value: Quantity | None = None


@dataclass(frozen=True)
class Derivation:
    claim: str
    formula: str | None
    operands: tuple[Operand, ...] = ()  # claim IRIs or plain numbers, in list order
    node: str | None = None
    #: each operand that is a number as its file writes it (None for a claim), in list order
    written: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Claim:
    iri: str
    quantitative: bool
    statement: dict[str, str]  # by language tag ("" untagged)
    value: Quantity | None = None
    #: The value in its quantity kind's unit, as the loader wrote it into the graph.
    normalised: Quantity | None = None
    measurand: str | None = None
    cites: tuple[str, ...] = ()
    cited_role: str | None = None  # primary | secondary
    primary_sources: tuple[str, ...] = ()
    in_text_citation: str | None = None
    status: str | None = None  # the status IRI
    status_note: dict[str, str] = field(default_factory=dict)
    counts: dict[str, str] = field(default_factory=dict)
    quotes: tuple[Quote, ...] = ()
    derivation: Derivation | None = None
    slide: int | None = None
    #: The claims this one bears on (cg:contests, cg:qualifies, cg:supports), with how.
    bears_on: tuple[tuple[str, str], ...] = ()

    @property
    def status_key(self) -> str | None:
        return status_name(self.status)

    @property
    def primary(self) -> tuple[str, ...]:
        """The claim's primary sources: those cg:primarySource names, or else, when it says
        (cg:citedSourceRole role:primary) that what it cites is primary, the sources it cites."""
        return self.primary_sources or (self.cites if self.cited_role == "primary" else ())


@dataclass(frozen=True)
class Source:
    iri: str
    key: str
    entry_type: str | None = None
    title: str | None = None
    authors: tuple[str, ...] = ()  # as written, BibTeX's "others" included
    year: str | None = None
    venue: str | None = None
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    url: str | None = None
    note: str | None = None
    identified: bool = True


@dataclass(frozen=True)
class System:
    iri: str
    label: dict[str, str]


@dataclass(frozen=True)
class Measurand:
    iri: str
    label: dict[str, str]
    quantity_kind: str | None = None
    system: str | None = None


@dataclass(frozen=True)
class Step:
    iri: str
    kind: str  # question | step | conclusion
    order: int | None
    label: dict[str, str]
    question: dict[str, str]
    text: dict[str, str]
    slide: int | None = None
    part_of: str | None = None
    uses: tuple[tuple[str, str], ...] = ()  # (claim IRI, role), each claim once


@dataclass
class RegistryModel:
    """A registry as records, by IRI (claims, measurands, steps in IRI order; sources by IRI)."""

    claims: dict[str, Claim]
    sources: dict[str, Source]
    measurands: dict[str, Measurand]
    systems: dict[str, System]
    steps: list[Step]
    statuses: dict[str, Status]
    base: str
    languages: tuple[str, ...]
    index: GraphIndex = field(repr=False)

    def key_of(self, source_iri: str) -> str:
        """A source's BibTeX key (its IRI's last part when the bibliography lacks it)."""
        source = self.sources.get(source_iri)
        if source is not None:
            return source.key
        prefix = self.base + "source/"
        return source_iri[len(prefix) :] if source_iri.startswith(prefix) else source_iri


# ------------------------------------------------------------------ the index


class GraphIndex:
    """Triples by subject, and the parents of blank nodes, from one pass over the store."""

    def __init__(self, quads: Iterable[ox.Quad]):
        out: dict[Term, dict[str, list[Term]]] = {}
        parent: dict[ox.BlankNode, Term] = {}
        types: dict[Term, set[str]] = defaultdict(set)
        # the loop runs once per quad (180,000 at 10,000 claims): plain dicts, exact type tests
        rdf_type, out_get = _RDF_TYPE, out.get
        duplicated = False
        for q in quads:
            s, o = q.subject, q.object
            props = out_get(s)
            if props is None:
                props = out[s] = {}
            p = q.predicate.value
            bucket = props.get(p)
            if bucket is None:
                props[p] = [o]
            elif o in bucket:
                duplicated = True
            else:
                bucket.append(o)
            if type(o) is ox.NamedNode:
                if p == rdf_type:
                    types[s].add(o.value)
            elif type(o) is ox.BlankNode and o not in parent:
                parent[o] = s
        self.out, self.parent, self.types = out, parent, types
        #: Whether a triple came twice (in two graphs): a SPARQL query over the union repeats its rows, the
        #: index does not, so what is read from either agrees only without such a triple.
        self.duplicated = duplicated
        self._children: defaultdict[str, set[str]] | None = None
        #: The literals the files write where the store holds another form (:func:`claimgraph.export_data.written_literals`):
        #: set by the site, whose pages write a thing's triples as the downloads do.
        self.written_literals: dict[tuple[Term, str, ox.Literal], tuple[ox.Literal, ...]] = {}
        self._members: defaultdict[str, list[ox.NamedNode]] | None = None
        # Oxigraph labels blank nodes at random when it parses, and hands triples back in an
        # order that follows the labels: sort every subject's objects by content instead,
        # so that two readings of the same registry give the same order
        for props in self.out.values():
            for bucket in props.values():
                if len(bucket) > 1:
                    bucket.sort(key=self._content_key)

    def _content_key(self, term: Term, depth: int = 0) -> tuple[object, ...]:
        """A key that orders terms by what they say; a blank node by its own triples (to some depth)."""
        if isinstance(term, ox.BlankNode):
            props = self.out.get(term) or {}
            if depth > 6 or not props:
                return (2, ())
            return (
                2,
                tuple(
                    sorted(
                        (p, tuple(sorted(self._content_key(o, depth + 1) for o in objects)))
                        for p, objects in props.items()
                    )
                ),
            )
        if isinstance(term, ox.Literal):
            return (1, term.value, term.language or "", term.datatype.value)
        return (0, getattr(term, "value", str(term)))

    def objects(self, s: Term | None, p: str) -> list[Term]:
        props = self.out.get(s) if s is not None else None
        return props.get(p, []) if props else []

    def first(self, s: Term | None, p: str) -> Term | None:
        # not through objects(): the records ask for a first value some 200,000 times at 10,000 claims
        props = self.out.get(s) if s is not None else None
        values = props.get(p) if props else None
        return values[0] if values else None

    def text(self, s: Term | None, p: str) -> str | None:
        term = self.first(s, p)
        return term.value if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)) else None

    def number(self, s: Term | None, p: str) -> float | None:
        term = self.first(s, p)
        if not isinstance(term, ox.Literal):
            return None
        try:
            number = float(term.value)
        except (ValueError, OverflowError):
            return None
        # NaN and the infinities are no amount to chart or compare: the check reports them (CG333)
        return number if math.isfinite(number) else None

    def iri(self, s: Term | None, p: str) -> str | None:
        term = self.first(s, p)
        return term.value if isinstance(term, ox.NamedNode) else None

    def langs(self, s: Term | None, p: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for term in self.objects(s, p):
            if isinstance(term, ox.Literal):
                out.setdefault(term.language or "", term.value)
        return out

    def subclasses(self, root: str) -> set[str]:
        """``root`` and every class declared below it with rdfs:subClassOf (transitively)."""
        children = self._children
        if children is None:  # one walk over the subjects for every class asked about
            children = self._children = defaultdict(set)
            for s, props in self.out.items():
                if isinstance(s, ox.NamedNode):
                    for o in props.get(_SUBCLASS, []):
                        if isinstance(o, ox.NamedNode):
                            children[o.value].add(s.value)
        found, todo = {root}, [root]
        while todo:
            for child in children[todo.pop()]:
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    def instances(self, classes: set[str]) -> list[ox.NamedNode]:
        """The IRIs typed with any of ``classes``, in IRI order."""
        members = self._members
        if members is None:  # one walk over the typed subjects for every family of classes asked about
            members = self._members = defaultdict(list)
            for s, t in self.types.items():
                if isinstance(s, ox.NamedNode):
                    for cls in t:
                        members[cls].append(s)
        found: dict[str, ox.NamedNode] = {}
        for cls in classes:
            for s in members.get(cls, ()):
                found[s.value] = s
        return [found[iri] for iri in sorted(found)]

    def owner(self, node: Term | None) -> Term | None:
        """The nearest IRI above a blank node."""
        seen: set[ox.BlankNode] = set()
        while isinstance(node, ox.BlankNode) and node not in seen:
            seen.add(node)
            node = self.parent.get(node)
        return node

    def rdf_list(self, node: Term | None, registry: "Registry | None" = None) -> list[Operand]:
        """The items of an RDF list: IRIs as strings, numbers as floats (other literals as written); with
        ``registry``, a blank node holding a number and its unit as a :class:`Quantity` too."""
        items: list[Operand] = []
        seen: set[ox.BlankNode] = set()
        while isinstance(node, ox.BlankNode) and node not in seen:
            seen.add(node)
            item = self.first(node, str(RDF.first))
            if isinstance(item, ox.NamedNode):
                items.append(item.value)
            elif isinstance(item, ox.Literal):
                try:
                    items.append(float(item.value))
                except ValueError:
                    items.append(item.value)
            elif isinstance(item, ox.BlankNode) and registry is not None:
                quantity = _quantity(self, item, registry)
                # a number with its unit; another node is named as the derivation check names it
                items.append(quantity if quantity is not None and _operand_quantity(quantity) else "_:" + item.value)
            node = self.first(node, str(RDF.rest))
        return items


# ------------------------------------------------------------------ the whole registry

_T = TypeVar("_T")


def _memo(registry: Registry, name: str, compute: Callable[[Registry], _T]) -> _T:
    """Compute once per loaded registry: several checks, pages and tables read the same facts."""
    cache: dict[str, object] = registry.__dict__.setdefault("_evidence_cache", {})
    if name not in cache:
        cache[name] = compute(registry)
    return cache[name]  # type: ignore[return-value]  # each name is stored by one compute only


def read_model(registry: Registry) -> RegistryModel:
    """The registry as records (read once per loaded registry)."""
    from .parallel import collector_paused

    # the index and the records are kept, none is garbage: the cycle collector's passes over the
    # objects made so far would cost as much as the reading itself
    with collector_paused():
        return _memo(registry, "model", _read_model)


def _int(value: float | None) -> int | None:
    return int(value) if value is not None and value == int(value) else None


# What the records read of one subject, from its own properties (``GraphIndex.out[subject]``): the records
# ask some 200,000 times at 10,000 claims, and a subject's properties looked up once per record, not once a
# question, is a third of reading them. Each answers as the GraphIndex method of the same name.
_NO_PROPERTIES: dict[str, list[Term]] = {}


def _first_of(props: dict[str, list[Term]], p: str) -> Term | None:
    values = props.get(p)
    return values[0] if values else None


def _text_of(props: dict[str, list[Term]], p: str) -> str | None:
    values = props.get(p)
    if values:
        term = values[0]
        if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
            return term.value
    return None


def _iri_of(props: dict[str, list[Term]], p: str) -> str | None:
    values = props.get(p)
    if values:
        term = values[0]
        if isinstance(term, ox.NamedNode):
            return term.value
    return None


def _number_of(props: dict[str, list[Term]], p: str) -> float | None:
    values = props.get(p)
    if not values or not isinstance(values[0], ox.Literal):
        return None
    try:
        number = float(values[0].value)
    except (ValueError, OverflowError):
        return None
    # NaN and the infinities are no amount to chart or compare: the check reports them (CG333)
    return number if math.isfinite(number) else None


def _langs_of(props: dict[str, list[Term]], p: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for term in props.get(p, ()):
        if isinstance(term, ox.Literal):
            out.setdefault(term.language or "", term.value)
    return out


def _iris_of(props: dict[str, list[Term]], p: str) -> tuple[str, ...]:
    return tuple(t.value for t in props.get(p, ()) if isinstance(t, ox.NamedNode))


def _quantity(index: GraphIndex, node: Term | None, registry: Registry) -> Quantity | None:
    props = index.out.get(node) if node is not None else None
    if not props:
        return None
    return Quantity(
        unit=_iri_of(props, _UNIT) or "",
        value=_number_of(props, _NUMERIC_VALUE),
        lower=_number_of(props, _LOWER),
        upper=_number_of(props, _UPPER),
        lexical=_written_of(props, _NUMERIC_VALUE, node, registry),
        relative_tolerance=_number_of(props, _TOLERANCE),
        lower_lexical=_written_of(props, _LOWER, node, registry),
        upper_lexical=_written_of(props, _UPPER, node, registry),
        tolerance_lexical=_written_of(props, _TOLERANCE, node, registry),
    )


def _written_of(props: dict[str, list[Term]], p: str, node: Term | None, registry: Registry) -> str | None:
    """The first object of ``p``, a literal, as its file writes it (``1.30``, where the store holds ``1.3``)."""
    number = _first_of(props, p)
    if not isinstance(number, ox.Literal):
        return None
    # (written_form gives the store's form when no file keeps written ones: the common case, without the call)
    return registry.written_form(node, p, number) if registry.written_numbers else number.value


_NUMERIC_VALUE, _UNIT, _LOWER, _UPPER = _QUDT + "numericValue", _QUDT + "unit", _CG + "lowerBound", _CG + "upperBound"
_TOLERANCE = _CG + "relativeTolerance"


def _operand_quantity(quantity: Quantity) -> bool:
    """Is a list item's node a number with its unit, an operand a formula takes (one number, a unit)?"""
    return bool(quantity.unit) and quantity.value is not None and quantity.lower is None and quantity.upper is None


def _operand_forms(index: GraphIndex, registry: Registry, node: Term | None) -> tuple[str | None, ...]:
    """The written form of each number of an RDF list (None for an item that is not a literal)."""
    forms: list[str | None] = []
    seen: set[ox.BlankNode] = set()
    while isinstance(node, ox.BlankNode) and node not in seen:
        seen.add(node)
        item = index.first(node, str(RDF.first))
        forms.append(registry.written_form(node, str(RDF.first), item) if isinstance(item, ox.Literal) else None)
        node = index.first(node, str(RDF.rest))
    return tuple(forms)


def _normalised(index: GraphIndex, node: Term | None) -> Quantity | None:
    """What the loader wrote beside the value (registry._normalised_quads), as a quantity."""
    props = index.out.get(node) if node is not None else None
    if not props:
        return None
    unit = _iri_of(props, _CG + "normalisedUnit")
    if unit is None:
        return None
    return Quantity(
        unit=unit,
        value=_number_of(props, _CG + "normalisedValue"),
        lower=_number_of(props, _CG + "normalisedLowerBound"),
        upper=_number_of(props, _CG + "normalisedUpperBound"),
    )


def _authors(index: GraphIndex, s: Term) -> tuple[str, ...]:
    """Authors in their written order (cg:authorList; dcterms:creator values have no order)."""
    listed = index.text(s, _CG + "authorList")
    if listed:
        return tuple(a.strip() for a in listed.split(";") if a.strip())
    return tuple(t.value for t in index.objects(s, _DCT + "creator") if isinstance(t, ox.Literal))


def _read_model(registry: Registry) -> RegistryModel:
    index = GraphIndex(registry.store.quads_for_pattern(None, None, None, None))

    statuses: dict[str, Status] = {}
    for node in index.instances(index.subclasses(_CG + "VerificationStatus")):
        rank = _int(index.number(node, _CG + "rank"))
        statuses[node.value] = Status(
            node.value,
            local_name(node.value),
            index.langs(node, _SKOS + "prefLabel"),
            index.langs(node, _SKOS + "definition"),
            rank if rank is not None else 50,
        )

    sources: dict[str, Source] = {}
    for s in index.instances({_CG + "Source"}):
        identified = index.text(s, _CG + "identified")
        sources[s.value] = Source(
            iri=s.value,
            key=index.text(s, _CG + "bibKey") or local_name(s.value),
            entry_type=index.text(s, _CG + "bibType"),
            title=index.text(s, _DCT + "title"),
            authors=_authors(index, s),
            year=index.text(s, _DCT + "issued"),
            venue=index.text(s, _CG + "venue"),
            publisher=index.text(s, _DCT + "publisher"),
            volume=index.text(s, _BIBO + "volume"),
            issue=index.text(s, _BIBO + "issue"),
            pages=index.text(s, _SCHEMA + "pagination"),
            doi=index.text(s, _BIBO + "doi"),
            arxiv=index.text(s, _CG + "arxivId"),
            isbn=index.text(s, _BIBO + "isbn"),
            url=index.text(s, _SCHEMA + "url"),
            note=index.text(s, _CG + "sourceNote"),
            identified=identified not in ("false", "0"),
        )

    systems = {
        n.value: System(n.value, index.langs(n, _RDFS_LABEL)) for n in index.instances(index.subclasses(_CG + "System"))
    }
    measurands = {
        n.value: Measurand(
            n.value, index.langs(n, _RDFS_LABEL), index.iri(n, _CG + "quantityKind"), index.iri(n, _CG + "about")
        )
        for n in index.instances(index.subclasses(_CG + "Measurand"))
    }
    for m in measurands.values():  # a system named but not typed (the shapes say so) still has its label
        if m.system is not None and m.system not in systems:
            systems[m.system] = System(m.system, index.langs(ox.NamedNode(m.system), _RDFS_LABEL))

    quantitative_classes = index.subclasses(_CG + "QuantitativeClaim")
    claims: dict[str, Claim] = {}
    out, types_of = index.out, index.types
    quote_predicates = ((_CG + "citedQuote", "cited"), (_CG + "primaryQuote", "primary"))
    bearing = tuple(BEARING.items())
    for node in index.instances(index.subclasses(_CG + "Claim")):
        props = out.get(node) or _NO_PROPERTIES
        cites = _iris_of(props, _CG + "cites")
        primary = _iris_of(props, _CG + "primarySource")
        quote_list = []
        for predicate, role in quote_predicates:
            for q in props.get(predicate, ()):
                q_props = out.get(q) or _NO_PROPERTIES
                in_source = _iri_of(q_props, _CG + "inSource")
                if in_source is None:
                    default = cites if role == "cited" else primary
                    in_source = default[0] if len(default) == 1 else None
                quote_list.append(
                    Quote(
                        role,
                        _text_of(q_props, _OA + "exact"),
                        _text_of(q_props, _CG + "locator"),
                        in_source,
                        _quantity(index, _first_of(q_props, _CG + "value"), registry),
                    )
                )
        derived = _first_of(props, _CG + "derivedBy")
        derivation = (
            None
            if derived is None
            else Derivation(
                node.value,
                index.iri(derived, _CG + "formula"),
                tuple(index.rdf_list(index.first(derived, _CG + "operands"), registry)),
                "_:" + derived.value if isinstance(derived, ox.BlankNode) else getattr(derived, "value", None),
                _operand_forms(index, registry, index.first(derived, _CG + "operands")),
            )
        )
        cited_role = _iri_of(props, _CG + "citedSourceRole")
        value_node = _first_of(props, _CG + "value")
        claims[node.value] = Claim(
            iri=node.value,
            quantitative=bool(types_of[node] & quantitative_classes),
            statement=_langs_of(props, _CG + "statement"),
            value=_quantity(index, value_node, registry),
            normalised=_normalised(index, value_node),
            measurand=_iri_of(props, _CG + "measurand"),
            cites=cites,
            cited_role=local_name(cited_role) if cited_role else None,
            primary_sources=primary,
            in_text_citation=_text_of(props, _CG + "inTextCitation"),
            status=_iri_of(props, _CG + "status"),
            status_note=_langs_of(props, _CG + "statusNote"),
            counts=_langs_of(props, _CG + "counts"),
            quotes=tuple(quote_list),
            derivation=derivation,
            slide=_int(_number_of(props, _CG + "slide")),
            bears_on=tuple(
                (t.value, how)
                for predicate, how in bearing
                for t in props.get(predicate, ())
                if isinstance(t, ox.NamedNode)
            ),
        )

    steps: list[Step] = []
    question_classes = index.subclasses(_CG + "ResearchQuestion")
    conclusion_classes = index.subclasses(_CG + "Conclusion")
    for node in index.instances(index.subclasses(_CG + "ArgumentStep")):
        types = index.types[node]
        kind = "question" if types & question_classes else "conclusion" if types & conclusion_classes else "step"
        uses: list[tuple[str, str]] = []
        for predicate, use in STEP_ROLES.items():
            for term in index.objects(node, predicate):
                if (
                    isinstance(term, ox.NamedNode)
                    and term.value in claims
                    and all(term.value != iri for iri, _ in uses)
                ):
                    uses.append((term.value, use))
        steps.append(
            Step(
                node.value,
                kind,
                _int(index.number(node, _CG + "order")),
                index.langs(node, _RDFS_LABEL),
                index.langs(node, _CG + "question"),
                index.langs(node, _CG + "text"),
                _int(index.number(node, _CG + "slide")),
                index.iri(node, _CG + "partOf"),
                tuple(uses),
            )
        )
    return RegistryModel(
        claims,
        sources,
        measurands,
        systems,
        steps,
        statuses,
        registry.settings.base,
        tuple(registry.settings.languages),
        index,
    )


# ------------------------------------------------------------------ the claim table

#: The columns of every claim table, after ``id``, ``type`` and one ``statement_<lang>`` per language.
CLAIM_COLUMNS = (
    "value",
    "lower_bound",
    "upper_bound",
    "unit",
    "relative_tolerance",
    "normalised_value",
    "normalised_lower_bound",
    "normalised_upper_bound",
    "normalised_unit",
    "measurand",
    "in_text_citation",
    "cites",
    "cited_role",
    "primary_source",
    "status",
    "slide",
    "iri",
)

#: Prefixes the table writes units in (``unit:GigaW-HR``).
_UNIT_PREFIXES = (("unit:", _UNIT_NS), ("cg:", _CG))

Cell = Union[str, float, int, None]


def _short_unit(unit: str | None) -> str | None:
    if not unit:
        return None
    for prefix, namespace in _UNIT_PREFIXES:
        if unit.startswith(namespace):
            return prefix + unit[len(namespace) :]
    return unit


def claim_columns(model: RegistryModel) -> list[str]:
    """The table's columns: the registry's languages first, then any other the statements use."""
    # once each: settings refuse a language named twice (CG109), but a model built otherwise may repeat one
    wanted = list(dict.fromkeys(lang.lower() for lang in model.languages)) or ["en"]
    seen = sorted({lang.lower() for c in model.claims.values() for lang in c.statement} - set(wanted))
    return (
        ["id", "type"] + [f"statement_{lang}" if lang else "statement" for lang in wanted + seen] + list(CLAIM_COLUMNS)
    )


def claim_table(model: RegistryModel) -> tuple[list[str], list[dict[str, Cell]]]:
    """``(columns, rows)``: one row per claim, in IRI order, one plain value per cell (None: empty).

    Numbers are floats (None when not finite: ``check`` reports those, CG333), sources BibTeX keys,
    identifiers relative to the base, units prefixed names (``unit:GigaW-HR``), statuses by
    :func:`status_name`. A claim whose cited source is its primary one names it in both columns."""
    columns, cells = _claim_cells(model)
    return columns, [dict(zip(columns, row)) for row in cells]


def _claim_cells(model: RegistryModel) -> tuple[list[str], list[list[Cell]]]:
    """:func:`claim_table`'s rows as lists of cells, in the columns' order (the CSV writes them so, without
    a dictionary a row: 10,000 and more)."""
    base = model.base
    columns = claim_columns(model)

    def short(iri: str | None) -> str | None:
        return None if iri is None else iri[len(base) :] if iri.startswith(base) else iri

    isfinite = math.isfinite

    def number(value: float | None) -> float | None:
        return value if value is not None and isfinite(value) else None

    # the language of each statement column, in order: a claim's statement in a language is its first one
    # tagged so, whatever the tag's case
    statement_languages = [c[len("statement_") :] for c in columns[2:] if c.startswith("statement")]
    # the same few sources and units on row after row (10,000 and more): each named once
    keys: dict[str, str] = {}
    units: dict[str | None, str | None] = {}

    def key(source: str) -> str:
        found = keys.get(source)
        if found is None:
            found = keys[source] = model.key_of(source)
        return found

    def unit(iri: str | None) -> str | None:
        if iri not in units:
            units[iri] = _short_unit(iri)
        return units[iri]

    rows = []
    for claim in model.claims.values():
        v, n = claim.value, claim.normalised
        row: list[Cell] = [short(claim.iri), "QuantitativeClaim" if claim.quantitative else "Claim"]
        if statement_languages:
            by_language: dict[str, str] = {}
            for tag, text in claim.statement.items():
                by_language.setdefault(tag.lower(), text)
            row += [by_language.get(language) for language in statement_languages]
        # in the order of CLAIM_COLUMNS
        if v:
            row += [number(v.value), number(v.lower), number(v.upper), unit(v.unit), number(v.relative_tolerance)]
        else:
            row += [None, None, None, None, None]
        if n:
            row += [number(n.value), number(n.lower), number(n.upper), unit(n.unit)]
        else:
            row += [None, None, None, None]
        row += [
            short(claim.measurand),
            claim.in_text_citation,
            " ".join(sorted(map(key, claim.cites))) or None,
            claim.cited_role,
            " ".join(sorted(map(key, claim.primary))) or None,
            claim.status_key,
            claim.slide,
            claim.iri,
        ]
        rows.append(row)
    return columns, rows


def _number_cell(value: float | int) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value)
    return str(value)


def _cell(value: object, tsv: bool) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_cell(value)
    text = spreadsheet_cell(value)
    return " ".join(text.split()) if tsv else text


def _written_columns(columns: list[str]) -> tuple[int, ...]:
    """Where the table's numbers as written go: value, lower_bound, upper_bound, relative_tolerance
    (in the order of :func:`_written_numbers`)."""
    return tuple(columns.index(name) for name in ("value", "lower_bound", "upper_bound", "relative_tolerance"))


#: the columns of numbers claimgraph computed (the loader's normalised values): written in XSD's canonical form, as
#: the graph and every export holds them (``1.3E3``, ``1.0E-5``)
_COMPUTED_COLUMNS = ("normalised_value", "normalised_lower_bound", "normalised_upper_bound")


def _computed_columns(columns: list[str]) -> tuple[int, ...]:
    return tuple(columns.index(name) for name in _COMPUTED_COLUMNS)


def _written_numbers(q: Quantity) -> tuple[str | None, ...]:
    """A claim value's numbers as its file writes them, in the order of :func:`_written_columns`."""
    return q.lexical, q.lower_lexical, q.upper_lexical, q.tolerance_lexical


def claim_table_text(model: RegistryModel, *, delimiter: str = ",") -> str:
    """The claim table as CSV (or, with a tab, TSV): the value, the bounds and the tolerance as their author
    wrote them (``1.30``, ``1.5e3``: the rounding is read from them), the numbers claimgraph computed as people
    write them (1287, 1.3), every text cell neutralised (:func:`spreadsheet_cell`: a key, an IRI or a statement may start with
    ``=``); in TSV, a cell's line breaks and tabs become spaces."""
    import csv
    import io

    columns, rows = _claim_cells(model)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    tsv = delimiter == "\t"
    written_at, computed_at = _written_columns(columns), _computed_columns(columns)
    # one row per claim (10,000 and more): the common cells (empty, text, a float) are written
    # here without a call each; anything else goes through _cell, which says what every cell becomes
    for claim, row in zip(model.claims.values(), rows):
        cells = []
        for value in row:
            if value is None:
                cells.append("")
            elif type(value) is str and not tsv:
                cells.append("'" + value if value[:1] in FORMULA_STARTS else value)
            elif type(value) is float:
                cells.append(str(int(value)) if value.is_integer() and abs(value) < 1e16 else repr(value))
            else:
                cells.append(_cell(value, tsv))
        if claim.value:
            for at, written in zip(written_at, _written_numbers(claim.value)):
                if written and row[at] is not None and PLAIN_NUMERAL.fullmatch(written):
                    cells[at] = written  # as its author wrote it: 41.0 says more than 41
        for at in computed_at:
            computed = row[at]
            if isinstance(computed, float):
                cells[at] = canonical_double(computed)
        writer.writerow(cells)
    return buffer.getvalue()


#: a number token of JSON (RFC 8259): no leading zero, no sign "+", digits on both sides of a point
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def claim_table_json(model: RegistryModel) -> str:
    """The claim table as a JSON array of objects (:func:`claim_table`'s rows), the value (and the bounds and
    the tolerance) as its author wrote it where JSON's grammar allows it (``41.0``, ``1.30``: the rounding is read from them), as the CSV
    keeps it; a numeral JSON cannot hold as written (``007``, ``+5``, ``.5``) and every other number are
    written as the CSV writes them (``7``, ``0.5``)."""
    columns, rows = _claim_cells(model)
    if not rows:
        return "[]\n"
    written_at, computed_at = _written_columns(columns), _computed_columns(columns)
    names = [json.dumps(column, ensure_ascii=False) for column in columns]
    out = []
    for claim, row in zip(model.claims.values(), rows):
        # allow_nan=False: NaN or Infinity would make the whole output invalid JSON (the table has none)
        cells = [
            _number_cell(cell) if type(cell) is float else json.dumps(cell, ensure_ascii=False, allow_nan=False)
            for cell in row
        ]
        if claim.value:
            for at, written in zip(written_at, _written_numbers(claim.value)):
                if written and row[at] is not None and _JSON_NUMBER.fullmatch(written):
                    cells[at] = written
        for at in computed_at:
            computed = row[at]
            if isinstance(computed, float):
                cells[at] = canonical_double(computed)  # (a JSON number too)
        out.append("  {\n" + ",\n".join(f"    {n}: {c}" for n, c in zip(names, cells)) + "\n  }")
    return "[\n" + ",\n".join(out) + "\n]\n"


# ------------------------------------------------------------------ what the checks compute with


@dataclass(frozen=True)
class ClaimValue:
    claim: str
    quantity: Quantity
    measurand: str | None = None
    kind: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class QuoteRecord:
    claim: str
    role: str  # "cited" or "primary"
    exact: str
    locator: str | None = None
    source: str | None = None
    quantity: Quantity | None = None
    #: The quote's node: a quote holding several cg:value gives one record per value, and which is the
    #: source's cannot be told (CG233), so nothing compares the claim with one of them.
    node: str | None = None


# A row is read cell by cell off the solution (no dict of every cell), and the number's lexical form and
# datatype off the ?num literal itself: columns STR(?num) and DATATYPE(?num) cost as much as two more joins.
_VALUES = """
SELECT ?claim ?v ?num ?lo ?hi ?unit ?tol ?measurand ?kind ?status WHERE {
  ?claim cg:value ?v .
  ?v qudt:unit ?unit .
  OPTIONAL { ?v qudt:numericValue ?num }
  OPTIONAL { ?v cg:lowerBound ?lo }
  OPTIONAL { ?v cg:upperBound ?hi }
  OPTIONAL { ?v cg:relativeTolerance ?tol }
  OPTIONAL { ?claim cg:measurand ?measurand . OPTIONAL { ?measurand cg:quantityKind ?kind } }
  OPTIONAL { ?claim cg:status ?status }
}
"""

_QUOTES = """
SELECT ?claim ?role ?exact ?locator ?source ?v ?num ?lo ?hi ?unit ?tol ?q WHERE {
  ?claim ?rel ?q .
  VALUES (?rel ?role) { (cg:citedQuote "cited") (cg:primaryQuote "primary") }
  ?q oa:exact ?exact .
  OPTIONAL { ?q cg:locator ?locator }
  OPTIONAL { ?q cg:inSource ?source }
  OPTIONAL { ?q cg:value ?v . ?v qudt:unit ?unit .
             OPTIONAL { ?v qudt:numericValue ?num } OPTIONAL { ?v cg:lowerBound ?lo }
             OPTIONAL { ?v cg:upperBound ?hi } OPTIONAL { ?v cg:relativeTolerance ?tol } }
}
"""

#: Every number a value is made of, and the numbers of derivations, with their lexical forms: a
#: decimal or an integer is held as written, so only its lexical form shows that a double cannot
#: hold it. (Doubles are held as machine numbers: the loader checks how they were written.)
_NUMBERS = """
SELECT ?node ?predicate ?number WHERE {
  { VALUES ?predicate { qudt:numericValue cg:lowerBound cg:upperBound cg:relativeTolerance }
    ?node ?predicate ?number }
  UNION
  { ?node cg:operands/rdf:rest*/rdf:first ?number . BIND(cg:operands AS ?predicate) }
  FILTER(isLiteral(?number))
}
"""


@dataclass(frozen=True)
class BadNumber:
    """A number of a value (or of a derivation) no check can compute with."""

    node: str  # the value node ("_:…" for a blank node) or the derivation
    predicate: str
    lexical: str
    reason: str


def bad_numbers(registry: Registry) -> list[BadNumber]:
    """Every number of a value no check can compute with (read once per registry): the values
    holding them are left out of :func:`claim_values` and :func:`quotes`. The loader reports
    them (CG333), from the text, where a double is still written as it was."""
    return _memo(registry, "bad_numbers", _bad_numbers)


def _bad_numbers(registry: Registry) -> list[BadNumber]:
    out = []
    for node, predicate, number in registry.query(_NUMBERS):
        if number.datatype.value not in NUMBER_TYPES:
            continue
        reason = number_problem(number.value, single=number.datatype.value == XSD + "float")
        if reason:
            name = "_:" + node.value if isinstance(node, ox.BlankNode) else node.value
            out.append(BadNumber(name, predicate.value, number.value, reason))
    return out


def _finite(number: object) -> float | None:
    """``number`` (as :meth:`Registry.select` gives it) as a finite float; None for anything else:
    an int past the float range, NaN, an infinity, a string (an integer too long for Python's int)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return None
    try:
        as_float = float(number)
    except OverflowError:
        return None
    return as_float if math.isfinite(as_float) else None


def _row_quantity(
    registry: Registry,
    unit_term: Term | None,
    node: Term | None,
    num: Term | None,
    lo: Term | None,
    hi: Term | None,
    tol: Term | None,
    bad: set[str],
) -> Quantity | None:
    """The quantity of a value node (``node``) from its cells (terms, None when unbound)."""
    unit = _cell_text(unit_term)
    if unit is None or (bad and _py(node) in bad):
        return None  # no unit is the shapes' finding; a bad number the loader's (CG333)
    tolerance = _py(tol) if tol is not None else None
    tolerance = _finite(tolerance) if isinstance(tolerance, float) else None
    value = _finite(_py(num)) if num is not None else None
    if value is not None:
        # the number as written (1.30, not 1.3000000000000003 nor the store's 1.3): rounding is read off it
        return Quantity(unit=unit, value=value, lexical=_written(registry, node, num), relative_tolerance=tolerance)
    lower = _finite(_py(lo)) if lo is not None else None
    upper = _finite(_py(hi)) if hi is not None else None
    if lower is not None and upper is not None:
        return Quantity(unit=unit, lower=lower, upper=upper, relative_tolerance=tolerance)
    return None


def _cell_text(term: Term | None) -> str | None:
    """``_text(_py(term))``, an IRI's without the calls (a claim value's and a quote's cells are most of them)."""
    if type(term) is ox.NamedNode:
        return term.value
    return None if term is None else _text(_py(term))


def _bad_nodes(registry: Registry) -> set[str]:
    return {b.node for b in bad_numbers(registry)}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _written(registry: Registry, node: Term | None, number: Term | None) -> str:
    """``number`` (a value node's qudt:numericValue, a literal: it reads as a finite number) as its file writes
    it (see :meth:`Registry.written_form`)."""
    literal = cast(ox.Literal, number)
    if not registry.written_numbers:
        return literal.value  # (every number as the store holds it: the common case, one test per row)
    return registry.written_form(_py(node), _QUDT + "numericValue", literal)


def claim_values(registry: Registry) -> dict[str, ClaimValue]:
    """claim IRI -> its value, unit, measurand and status (read once per registry). A claim holding several
    values, units or measurands (a claim defined twice, CG104, or written so, CG220) is left out: no check
    reasons from one picked among them (see :func:`ambiguous_claims`); one holding several statuses (CG206)
    has none (``status`` None), rather than one of them."""
    return _memo(registry, "claim_values", _claim_values)[0]


def ambiguous_claims(registry: Registry) -> frozenset[str]:
    """The claims :func:`claim_values` leaves out because they hold several values, units or measurands: a
    derivation from one of them is not recomputed either (read once per registry)."""
    return _memo(registry, "claim_values", _claim_values)[1]


def _claim_values(registry: Registry) -> tuple[dict[str, ClaimValue], frozenset[str]]:
    out: dict[str, ClaimValue] = {}
    ambiguous: set[str] = set()
    bad = _bad_nodes(registry)
    for claim_term, node, num, lo, hi, unit, tol, measurand, kind, status in registry.query(_VALUES):
        claim = _cell_text(claim_term)
        if claim is None or claim.startswith("_:"):
            continue  # quote values hang from blank nodes
        quantity = _row_quantity(registry, unit, node, num, lo, hi, tol, bad)
        if quantity is None:
            continue
        value = ClaimValue(claim, quantity, _cell_text(measurand), _cell_text(kind), _cell_text(status))
        found = out.get(claim)
        if found is None:
            out[claim] = value
        elif (found.quantity, found.measurand, found.kind) != (quantity, value.measurand, value.kind):
            # several values (the shapes report the second one; CG104 a second definition): which one is the
            # claim's cannot be told, and a finding computed from either would be a second one
            ambiguous.add(claim)
        elif found.status != value.status and found.status is not None:
            # one value, several statuses (CG206): the value is checked, as a claim's whose status is not known
            out[claim] = ClaimValue(claim, found.quantity, found.measurand, found.kind, None)
    for claim in ambiguous:
        del out[claim]
    return out, frozenset(ambiguous)


def quotes(registry: Registry) -> list[QuoteRecord]:
    """Every quote of every claim, cited or primary (read once per registry)."""
    return _memo(registry, "quotes", _quotes)


def _quotes(registry: Registry) -> list[QuoteRecord]:
    bad = _bad_nodes(registry)
    return [
        QuoteRecord(
            str(_py(claim)),
            str(_py(role)),
            str(_py(exact)),
            _cell_text(locator),
            _cell_text(source),
            _row_quantity(registry, unit, node, num, lo, hi, tol, bad),
            _cell_text(quote),
        )
        for claim, role, exact, locator, source, node, num, lo, hi, unit, tol, quote in registry.query(_QUOTES)
    ]


def _store_operand(registry: Registry, term: Term) -> Operand:
    """A list item as a derivation operand (:func:`_operand`), a blank node holding a number and its unit
    (``[ qudt:numericValue 30 ; qudt:unit unit:YR ]``) as a :class:`Quantity`."""
    if isinstance(term, ox.BlankNode):
        props: dict[str, list[Term]] = {}
        for q in registry.store.quads_for_pattern(term, None, None, None):
            props.setdefault(q.predicate.value, []).append(q.object)
        number, unit = _first_of(props, _NUMERIC_VALUE), _iri_of(props, _UNIT)
        if isinstance(number, ox.Literal) and unit and len(props.get(_NUMERIC_VALUE, ())) == 1:
            value = _operand(number)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                quantity = Quantity(
                    unit=unit,
                    value=float(value),
                    lexical=_written_of(props, _NUMERIC_VALUE, term, registry),
                    relative_tolerance=_number_of(props, _TOLERANCE),
                )
                if _operand_quantity(quantity):
                    return quantity
    return _operand(term)


def _operand(term: Term) -> Operand:
    """A list item as a derivation operand: a claim IRI, or a number. A number no double holds
    (NaN, INF, 400 digits) stays its short written form, which no formula takes: the derived
    check reports it (CG351) beside the loader's CG333, instead of failing on it."""
    if not isinstance(term, ox.Literal):
        return "_:" + term.value if isinstance(term, ox.BlankNode) else str(getattr(term, "value", term))
    datatype = term.datatype.value
    if datatype not in NUMBER_TYPES:
        return term.value
    try:
        number: float = int(term.value) if datatype not in _FRACTIONAL_TYPES else float(term.value)
    except ValueError:
        number = math.nan
    if _finite(number) is None:
        return term.value if len(term.value) <= 24 else f"{term.value[:12]}…"
    return number


_FRACTIONAL_TYPES = {XSD + t for t in ("decimal", "double", "float")}


def derivations(registry: Registry) -> list[Derivation]:
    """Every cg:derivedBy, with its operands in list order (claim IRIs or plain numbers)."""
    return _memo(registry, "derivations", _derivations)


def _derivations(registry: Registry) -> list[Derivation]:
    first = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
    rest = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
    out = []
    for row in registry.select(
        "SELECT ?claim ?d ?formula ?list WHERE { ?claim cg:derivedBy ?d . "
        "OPTIONAL { ?d cg:formula ?formula } OPTIONAL { ?d cg:operands ?list } }"
    ):
        operands: list[Operand] = []
        written: list[str | None] = []
        cell = row.get("list")
        node = ox.BlankNode(cell[2:]) if isinstance(cell, str) and cell.startswith("_:") else None
        seen = set()
        while node is not None and node not in seen:
            seen.add(node)
            items = list(registry.store.quads_for_pattern(node, first, None, None))
            if items:
                item = items[0].object
                operands.append(_store_operand(registry, item))
                written.append(registry.written_form(node, first, item) if isinstance(item, ox.Literal) else None)
            nxt = [q.object for q in registry.store.quads_for_pattern(node, rest, None, None)]
            node = nxt[0] if nxt and isinstance(nxt[0], ox.BlankNode) else None
        out.append(
            Derivation(
                str(row["claim"]), _text(row.get("formula")), tuple(operands), _text(row.get("d")), tuple(written)
            )
        )
    return out
