"""The numbers of a registry, read once: claim values, measurands, quotes, derivations.

Checks and pages need the same few facts about every quantitative claim; each
function here fetches them for *all* claims with one SPARQL query, so cost
stays linear in the size of the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .quantities import Quantity
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
SELECT ?claim ?num (STR(?num) AS ?written) ?lo ?hi ?unit ?tol ?measurand ?kind ?status WHERE {
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
SELECT ?claim ?role ?exact ?locator ?source ?num ?lo ?hi ?unit ?tol WHERE {
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


def _quantity(row: dict, lexical: str | None) -> Quantity | None:
    unit = row.get("unit")
    if not isinstance(unit, str):
        return None
    num, lo, hi = row.get("num"), row.get("lo"), row.get("hi")
    tol = row.get("tol") if isinstance(row.get("tol"), float) else None
    if isinstance(num, (int, float)) and not isinstance(num, bool):
        return Quantity(unit=unit, value=float(num), lexical=lexical, relative_tolerance=tol)
    if isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
        return Quantity(unit=unit, lower=float(lo), upper=float(hi), relative_tolerance=tol)
    return None


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
    for row in registry.select(_VALUES):
        claim = row["claim"]
        if claim.startswith("_:") or claim in out:
            continue  # quote values hang from blank nodes; a second value is the shapes' business
        # the number as written (1.3, not 1.3000000000000003): rounding is read off it
        quantity = _quantity(row, row.get("written"))
        if quantity is None:
            continue
        out[claim] = ClaimValue(claim, quantity, row.get("measurand"), row.get("kind"), row.get("status"))
    return out


def quotes(registry: Registry) -> list[QuoteRecord]:
    """Every quote of every claim, cited or primary (read once per registry)."""
    return _memo(registry, "quotes", _quotes)


def _quotes(registry: Registry) -> list[QuoteRecord]:
    records = []
    for row in registry.select(_QUOTES):
        num = row.get("num")
        lexical = None if num is None else (str(int(num)) if float(num).is_integer() else repr(num))
        records.append(QuoteRecord(row["claim"], row["role"], row["exact"], row.get("locator"), row.get("source"),
                                   _quantity(row, lexical)))
    return records


@dataclass
class Derivation:
    claim: str
    formula: str | None
    operands: list = field(default_factory=list)  # claim IRIs (str) or numbers (float)
    node: str | None = None


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
                d.operands.append(_py(items[0].object))
            nxt = list(registry.store.quads_for_pattern(node, rest, None, None))
            cell = _py(nxt[0].object) if nxt else None
        out.append(d)
    return out
