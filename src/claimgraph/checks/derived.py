"""Derived numbers are recomputed: ratios, products, compound growth, halving times.

A formula is data (``cg:formula formula:ratio``) applied to an ordered list of
operands (claims, whose values are used, or plain numbers). Only the formulas
of the scheme in ``ontology/schemes.ttl`` can be evaluated: there is no
expression language, so no text is ever evaluated.
"""

from __future__ import annotations

import math
from typing import Callable, Iterable

from ..evidence import claim_values, derivations
from ..findings import Finding
from ..namespaces import CG, FORMULA
from ..quantities import UNIT_NS, UnknownUnit, convert
from ..registry import Registry


class DerivationError(ValueError):
    pass


def _ratio(ops):
    (a, ua), (b, ub) = _exactly(ops, 2)
    if ua and ub:
        try:
            b = convert(b, ub, ua)
        except Exception:
            raise DerivationError(f"cannot divide {ua.rsplit('/', 1)[-1]} by {ub.rsplit('/', 1)[-1]}") from None
    if b == 0:
        raise DerivationError("division by zero")
    return a / b


def _product(ops):
    if not ops:
        raise DerivationError("a product needs at least one operand")
    return math.prod(_plain(v, u) for v, u in ops)


def _compound_growth(ops):
    (rate, ur), (periods, up) = _exactly(ops, 2)
    r = _plain(rate, ur or UNIT_NS + "PERCENT")  # a bare number is read as a percentage
    if ur is None:
        r = rate / 100
    return (1 + r) ** _plain(periods, up)


def _halving_to_annual(ops):
    ((t, unit),) = _exactly(ops, 1)
    months = convert(t, unit, UNIT_NS + "MO") if unit else t
    if months <= 0:
        raise DerivationError("a halving time must be positive")
    return 2 ** (12 / months)


def _plain(value: float, unit: str | None) -> float:
    """A dimensionless number: percentages become fractions, others must be unitless."""
    if unit is None:
        return value
    try:
        return convert(value, unit, UNIT_NS + "UNITLESS")
    except Exception:
        raise DerivationError(f"operand in {unit.rsplit('/', 1)[-1]} is not a plain number here") from None


def _exactly(ops, n):
    if len(ops) != n:
        raise DerivationError(f"expects {n} operand{'s' if n > 1 else ''}, got {len(ops)}")
    return ops


FORMULAS: dict[str, Callable[[list], float]] = {
    str(FORMULA.ratio): _ratio,
    str(FORMULA.product): _product,
    str(FORMULA.compoundGrowth): _compound_growth,
    str(FORMULA.halvingTimeToAnnualFactor): _halving_to_annual,
}


def check(registry: Registry) -> Iterable[Finding]:
    values = claim_values(registry)
    for d in derivations(registry):
        where = dict(subject=d.claim, predicate=str(CG.derivedBy))
        function = FORMULAS.get(d.formula or "")
        if function is None:
            shown = (d.formula or "none").rsplit("#", 1)[-1]
            yield registry.finding("CG351", f"unknown formula {shown!r}", **where,
                                   hint="use formula:ratio, formula:product, formula:compoundGrowth "
                                        "or formula:halvingTimeToAnnualFactor")
            continue
        operands, problem = [], None
        for item in d.operands:
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                operands.append((float(item), None))
            elif isinstance(item, str) and item in values and not values[item].quantity.is_range:
                q = values[item].quantity
                operands.append((q.value, q.unit))
            else:
                problem = f"operand {item!r} is neither a number nor a claim with a single value"
                break
        target = values.get(d.claim)
        if problem is None and (target is None or target.quantity.is_range):
            problem = "the derived claim has no single value to compare with"
        if problem is None:
            try:
                result = function(operands)
                expected = _plain(target.quantity.value, target.quantity.unit) \
                    if target.quantity.unit.endswith(("/UNITLESS", "/PERCENT", "/NUM")) else target.quantity.value
            except (DerivationError, UnknownUnit, OverflowError) as exc:
                problem = str(exc)
        if problem is not None:
            yield registry.finding("CG351", f"derivation cannot be evaluated: {problem}", **where,
                                   hint="cg:operands is a Turtle list ( claim:a claim:b ) or numbers")
            continue
        tolerance = target.quantity.tolerance()
        if target.quantity.unit.endswith("/PERCENT"):
            tolerance /= 100
        if abs(result - expected) > tolerance + 1e-9 * max(1.0, abs(expected)):
            name = d.formula.rsplit("#", 1)[-1]
            yield registry.finding(
                "CG350", f"recomputed {name} gives {result:.3g}, the claim says {target.quantity.value:g}",
                **where, hint="correct the derived value, or the operands it is computed from",
                facts=(("formula", name), ("claimed", target.quantity.value), ("recomputed", result),
                       ("unit", _unit_name(target.quantity.unit)),
                       ("operands", tuple((v, _unit_name(u)) for v, u in operands))))


def _unit_name(unit: str | None) -> str | None:
    return unit.rsplit("/", 1)[-1] if unit else None
