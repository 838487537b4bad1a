"""Units and quantities: QUDT units pint can read, dimensions that fit the quantity kind, sane ranges.

An energy claim must be in an energy unit (MWh, not tCO2e); ``normalise``
(re-exported from :mod:`claimgraph.quantities`) gives one unit per quantity kind.
"""

from __future__ import annotations

from typing import Iterable

from ..evidence import claim_values
from ..findings import Finding
from ..namespaces import QUDT
from ..quantities import UnknownUnit, dimension_fits, kind_local, normalise  # noqa: F401  (public API)
from ..registry import Registry


def check(registry: Registry) -> Iterable[Finding]:
    unit_predicate = (str(QUDT.unit), "https://w3id.org/claimgraph/ns#value")
    for claim, cv in claim_values(registry).items():
        q = cv.quantity
        short = q.unit.rsplit("/", 1)[-1]  # the QUDT name the author wrote
        try:
            fits = dimension_fits(q.unit, cv.kind) if cv.kind else None
        except UnknownUnit:
            yield registry.finding("CG331", f"unit:{short} is not a QUDT unit claimgraph can convert",
                                   subject=claim, predicate=unit_predicate,
                                   hint="use a QUDT unit such as unit:MegaW-HR, unit:TONNE, unit:PERCENT, "
                                        "unit:UNITLESS or unit:MO")
            continue
        if fits is False:
            kind = kind_local(cv.kind)
            yield registry.finding(
                "CG330", f"unit:{short} does not measure {kind}, the quantity kind of the claim's measurand",
                subject=claim, predicate=unit_predicate,
                hint=f"give the value in a unit of {kind}, or point the claim at a measurand of the right kind")
        if q.is_range and q.lower > q.upper:
            yield registry.finding("CG332", f"range {q.lower:g} to {q.upper:g}: the lower bound is above the upper",
                                   subject=claim, predicate="https://w3id.org/claimgraph/ns#lowerBound",
                                   hint="swap cg:lowerBound and cg:upperBound")
