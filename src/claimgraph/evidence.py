"""The numbers of a registry, read once: claim values, measurands, quotes, derivations.

Checks and pages need the same few facts about every quantitative claim; each
function here fetches them for *all* claims with one SPARQL query, so cost
stays linear in the size of the registry.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .quantities import Quantity, number_problem
from .registry import Registry


@dataclass
class ClaimValue:
    claim: str
    quantity: Quantity
    measurand: str | None = None
    kind: str | None = None
    status: str | None = None


@dataclass
class QuoteRecord:
    claim: str
    role: str  # "cited" or "primary"
    exact: str
    locator: str | None = None
    source: str | None = None
    quantity: Quantity | None = None


_VALUES = """
SELECT ?claim ?v ?num (STR(?num) AS ?written) ?lo ?hi ?unit ?tol ?measurand ?kind ?status WHERE {
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
SELECT ?claim ?role ?exact ?locator ?source ?v ?num ?lo ?hi ?unit ?tol WHERE {
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
_XSD = "http://www.w3.org/2001/XMLSchema#"
_NUMERIC_TYPES = {_XSD + t for t in (
    "decimal", "double", "float", "integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
    "negativeInteger", "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort",
    "unsignedByte")}


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
    import pyoxigraph as ox

    out = []
    for node, predicate, number in registry.query(_NUMBERS):
        if number.datatype.value not in _NUMERIC_TYPES:
            continue
        reason = number_problem(number.value, single=number.datatype.value == _XSD + "float")
        if reason:
            name = "_:" + node.value if isinstance(node, ox.BlankNode) else node.value
            out.append(BadNumber(name, predicate.value, number.value, reason))
    return out


def _finite(number) -> float | None:
    """``number`` (as :func:`Registry.select` gives it) as a finite float; None for anything else:
    an int past the float range, NaN, an infinity, a string (an integer too long for Python's int)."""
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        return None
    try:
        number = float(number)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None


def _quantity(row: dict, lexical: str | None, bad: set[str] = frozenset()) -> Quantity | None:
    unit = row.get("unit")
    if not isinstance(unit, str) or row.get("v") in bad:
        return None  # no unit is the shapes' finding; a bad number the loader's (CG333)
    tol = _finite(row.get("tol")) if isinstance(row.get("tol"), float) else None
    num, lo, hi = _finite(row.get("num")), _finite(row.get("lo")), _finite(row.get("hi"))
    if num is not None:
        return Quantity(unit=unit, value=num, lexical=lexical, relative_tolerance=tol)
    if lo is not None and hi is not None:
        return Quantity(unit=unit, lower=lo, upper=hi, relative_tolerance=tol)
    return None


def _bad_nodes(registry: Registry) -> set[str]:
    return {b.node for b in bad_numbers(registry)}


def _memo(registry: Registry, name: str, compute):
    """Compute once per loaded registry: several checks and pages read the same facts."""
    cache = registry.__dict__.setdefault("_evidence_cache", {})
    if name not in cache:
        cache[name] = compute(registry)
    return cache[name]


def claim_values(registry: Registry) -> dict[str, ClaimValue]:
    """claim IRI -> its value, unit, measurand and status (read once per registry)."""
    return _memo(registry, "claim_values", _claim_values)


def _claim_values(registry: Registry) -> dict[str, ClaimValue]:
    out: dict[str, ClaimValue] = {}
    bad = _bad_nodes(registry)
    for row in registry.select(_VALUES):
        claim = row["claim"]
        if claim.startswith("_:") or claim in out:
            continue  # quote values hang from blank nodes; a second value is the shapes' business
        # the number as written (1.3, not 1.3000000000000003): rounding is read off it
        quantity = _quantity(row, row.get("written"), bad)
        if quantity is None:
            continue
        out[claim] = ClaimValue(claim, quantity, row.get("measurand"), row.get("kind"), row.get("status"))
    return out


def quotes(registry: Registry) -> list[QuoteRecord]:
    """Every quote of every claim, cited or primary (read once per registry)."""
    return _memo(registry, "quotes", _quotes)


def _quotes(registry: Registry) -> list[QuoteRecord]:
    records = []
    bad = _bad_nodes(registry)
    for row in registry.select(_QUOTES):
        num = _finite(row.get("num"))
        lexical = None if num is None else (str(int(num)) if num.is_integer() else repr(num))
        records.append(QuoteRecord(row["claim"], row["role"], row["exact"], row.get("locator"), row.get("source"),
                                   _quantity(row, lexical, bad)))
    return records


@dataclass
class Derivation:
    claim: str
    formula: str | None
    operands: list = field(default_factory=list)  # claim IRIs (str) or numbers (float)
    node: str | None = None


def _operand(term):
    """A list item as a derivation operand: a claim IRI, or a number. A number no double holds
    (NaN, INF, 400 digits) stays its short written form, which no formula takes: the derived
    check reports it (CG351) beside the loader's CG333, instead of failing on it."""
    import pyoxigraph as ox

    from .registry import _py

    value = _py(term)
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC_TYPES and _finite(value) is None:
        return term.value if len(term.value) <= 24 else f"{term.value[:12]}…"
    return value


def derivations(registry: Registry) -> list[Derivation]:
    """Every cg:derivedBy, with its operands in list order (claim IRIs or plain numbers)."""
    import pyoxigraph as ox

    from .registry import _py

    first = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#first")
    rest = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#rest")
    out = []
    for row in registry.select("SELECT ?claim ?d ?formula ?list WHERE { ?claim cg:derivedBy ?d . "
                               "OPTIONAL { ?d cg:formula ?formula } OPTIONAL { ?d cg:operands ?list } }"):
        d = Derivation(row["claim"], row.get("formula"), node=row["d"])
        cell = row.get("list")
        seen = set()
        while isinstance(cell, str) and cell.startswith("_:") and cell not in seen:
            seen.add(cell)
            node = ox.BlankNode(cell[2:])
            items = list(registry.store.quads_for_pattern(node, first, None, None))
            if items:
                d.operands.append(_operand(items[0].object))
            nxt = list(registry.store.quads_for_pattern(node, rest, None, None))
            cell = _py(nxt[0].object) if nxt else None
        out.append(d)
    return out
