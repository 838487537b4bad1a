"""Units and quantity kinds, checked against QUDT's own data (see :mod:`claimgraph.qudt`).

* CG331 a unit no rule resolves (not QUDT's, not composed by its naming rules, not declared);
* CG334 a measurand's quantity kind that neither QUDT nor the registry defines;
* CG330 a unit whose dimension does not fit the measurand's quantity kind (MWh for a mass);
* CG335 a unit of the right dimension that QUDT does not list for the kind (info: QUDT's lists
  are incomplete, so this is a hint, not an error);
* CG336 a unit QUDT has deprecated (info, naming its replacement);
* CG332 a range whose lower bound is above its upper bound.

``normalise`` (re-exported from :mod:`claimgraph.quantities`) gives one unit per quantity kind.
"""

from __future__ import annotations

from typing import Iterable

from ..model import claim_values, quotes
from ..findings import Finding
from ..namespaces import CG, QUDT
from ..quantities import UnknownUnit, catalogue_for
from ..qudt import QUANTITYKIND_NS, describe, kind_dimension, local_name, table
from ..registry import Registry

_KINDS = "SELECT ?m ?kind WHERE { ?m cg:quantityKind ?kind FILTER(isIRI(?kind)) }"
_UNITS_NOT_IRIS = "SELECT DISTINCT ?unit WHERE { ?v qudt:unit ?unit FILTER(!isIRI(?unit)) }"


def check(registry: Registry) -> Iterable[Finding]:
    catalogue = catalogue_for(registry)
    unknown_kinds = set()
    for row in registry.select(_KINDS):
        if catalogue.kind(row["kind"]) is None:
            unknown_kinds.add(row["kind"])
            name = local_name(row["kind"])
            known = row["kind"].startswith(QUANTITYKIND_NS) and name in table()["kinds"]
            yield registry.finding(
                "CG334",
                f"quantitykind:{name} "
                + (
                    "is a QUDT quantity kind without a dimension, which no unit can be checked against"
                    if known
                    else "is not a QUDT quantity kind (nor one the registry declares)"
                ),
                subject=row["m"],
                predicate=str(CG.quantityKind),
                hint="pick one with `claimgraph units --kinds TEXT`, e.g. quantitykind:Energy, quantitykind:Mass, "
                "quantitykind:DimensionlessRatio",
            )
    unit_predicate = (str(QUDT.unit), str(CG.value))
    # a unit written as a string ("MWh") is one mistake, which the shapes report (CG224): no CG331 naming
    # an IRI the file does not hold besides
    not_iris = {row["unit"] for row in registry.select(_UNITS_NOT_IRIS)}
    for claim, cv in claim_values(registry).items():
        q = cv.quantity
        if q.unit in not_iris:
            continue
        short = local_name(q.unit)  # the name the author wrote
        where = dict(subject=claim, predicate=unit_predicate)
        try:
            unit = catalogue.unit(q.unit)
        except UnknownUnit as exc:
            if "CO2" in short.upper():
                hint = (
                    "CO2e says what is measured, not the unit: write the mass (unit:TONNE, "
                    "unit:GM-PER-KiloW-HR) and say CO2e in the measurand's label"
                )
            elif exc.hint:  # the reason knows what to do (an IU: declare the substance's own unit)
                hint = exc.hint
            else:
                hint = (
                    f"see `claimgraph units {short[:12]}` for the units QUDT defines; a unit of your own "
                    "needs qudt:conversionMultiplier and qudt:hasDimensionVector in the registry's data"
                )
            yield registry.finding(
                "CG331", f"unit:{short} is not a unit claimgraph can convert: {exc.reason}", **where, hint=hint
            )
            continue
        if unit.deprecated is not None:
            instead = f"; use unit:{local_name(unit.deprecated)}" if unit.deprecated else ""
            yield registry.finding(
                "CG336",
                f"QUDT has deprecated unit:{short}{instead}",
                **where,
                hint="deprecated units still convert, but may leave QUDT in a later release",
            )
        kind = catalogue.kind(cv.kind) if cv.kind and cv.kind not in unknown_kinds else None
        if kind is not None:
            if not kind.fits(unit.dimension):
                wanted = "a currency" if kind.dimension is None else kind_dimension(kind)
                money = [base for base, _ in unit.dimension if base.startswith("currency:")]
                if kind.priced and not money and unit.dimension == kind.dimension:
                    # the dimensions print alike (a currency is no QUDT dimension): say what is missing
                    yield registry.finding(
                        "CG330",
                        f"unit:{short} ({describe(unit.dimension)}) names no currency: {kind.name}, the quantity "
                        f"kind of the claim's measurand, is an amount of money ({wanted})",
                        **where,
                        hint=f"name the currency in the unit: unit:CCY_USD-{short} for US dollars, "
                        f"unit:CCY_EUR-{short} for euros",
                    )
                else:
                    yield registry.finding(
                        "CG330",
                        f"unit:{short} ({describe(unit.dimension)}) does not measure {kind.name} ({wanted}), "
                        "the quantity kind of the claim's measurand",
                        **where,
                        hint=f"give the value in a unit of {kind.name}, or point the claim at a measurand "
                        "of the right kind (until then its quotes and statements are not compared with it)",
                    )
            elif catalogue.applicable(unit, kind) is False:
                listed = ", ".join(sorted(unit.kinds)[:4]) + ("…" if len(unit.kinds) > 4 else "")
                yield registry.finding(
                    "CG335",
                    f"QUDT does not list unit:{short} for {kind.name} (it lists it for {listed}); "
                    "the dimensions agree, so values still convert",
                    **where,
                    hint="if another quantity kind says more precisely what is measured, use it; "
                    "otherwise nothing needs doing",
                )
        if q.is_range and q.lower > q.upper:
            yield registry.finding(
                "CG332",
                f"range {q.lower:g} to {q.upper:g}: the lower bound is above the upper",
                subject=claim,
                predicate=str(CG.lowerBound),
                hint="swap cg:lowerBound and cg:upperBound",
            )
    # a value stated inside a quote (the primary source's number) is converted too: its unit must resolve
    reported = set()
    for record in quotes(registry):
        if record.quantity is None or (record.claim, record.quantity.unit) in reported:
            continue
        if record.quantity.unit in not_iris:
            continue
        try:
            catalogue.unit(record.quantity.unit)
        except UnknownUnit as exc:
            reported.add((record.claim, record.quantity.unit))
            predicate = str(CG.primaryQuote) if record.role == "primary" else str(CG.citedQuote)
            yield registry.finding(
                "CG331",
                f"unit:{local_name(record.quantity.unit)} of the {record.role} quote's value is not a unit "
                f"claimgraph can convert: {exc.reason}",
                subject=record.claim,
                predicate=predicate,
                hint=(f"{exc.hint}; " if exc.hint else "")
                + "the quote's value is compared with the claim's (CG321) only in a unit claimgraph converts",
            )
