"""The number a claim states must be the number its quotes state.

* CG320: a claim with a quote from its cited source, whose value does not
  appear in the quote, unit-aware (1.3 GWh matches "1,287 MWh") and
  rounding-aware, in English or French number formats;
* CG321: the value the primary source states (``cg:primaryQuote``'s
  ``cg:value``) differs from the claim's beyond the claim's rounding;
* CG370: such a claim is nevertheless marked verified.
"""

from __future__ import annotations

from typing import Iterable

from ..evidence import claim_values, quotes
from ..findings import Finding
from ..namespaces import CG, STATUS
from ..quantities import Quantity, format_quantity, quote_states
from ..registry import Registry

VERIFIED = {str(STATUS.verifiedPrimary), str(STATUS.verifiedSecondary)}


def _show(q: Quantity) -> str:
    return format_quantity(q)


def check(registry: Registry) -> Iterable[Finding]:
    values = claim_values(registry)
    for quote in quotes(registry):
        cv = values.get(quote.claim)
        if cv is None:
            continue
        claimed = cv.quantity
        if quote.role == "cited":
            # a cited quote that carries its own cg:value is compared by value, like a primary one
            if quote.quantity is None and not quote_states(claimed, quote.exact):
                yield registry.finding(
                    "CG320", f"the claim says {_show(claimed)}, but no number in its quote matches: "
                             f"\u201c{_clip(quote.exact)}\u201d",
                    subject=quote.claim, predicate=str(CG.citedQuote),
                    hint="correct the value or the quote; if the source really says something else, "
                         "set cg:status status:discrepancy and explain in cg:statusNote")
                if cv.status in VERIFIED:
                    yield _inconsistent(registry, quote.claim)
                continue
        stated = quote.quantity
        if stated is None or stated.is_range or claimed.is_range:
            continue
        if not claimed.matches(stated.value, stated.unit):
            which = "primary source" if quote.role == "primary" else "cited source"
            yield registry.finding(
                "CG321", f"the claim says {_show(claimed)}, its {which} states {_show(stated)}",
                subject=quote.claim, predicate=str(CG.primaryQuote if quote.role == "primary" else CG.citedQuote),
                hint="keep the argument's number but record the difference: status:discrepancy and a note",
                facts=(("claimed", claimed.value), ("claimed_unit", _unit_name(claimed.unit)),
                       ("stated", stated.value), ("stated_unit", _unit_name(stated.unit)),
                       ("stated_by", "primary" if quote.role == "primary" else "cited")))
            if cv.status in VERIFIED:
                yield _inconsistent(registry, quote.claim)


def _inconsistent(registry: Registry, claim: str) -> Finding:
    return registry.finding("CG370", "the claim is marked verified although its value disagrees with its source",
                            subject=claim, predicate=str(CG.status),
                            hint="use status:discrepancy, or fix the value")


def _unit_name(unit: str | None) -> str | None:
    return unit.rsplit("/", 1)[-1] if unit else None


def _clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
