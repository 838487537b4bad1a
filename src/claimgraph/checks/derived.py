"""Derived numbers are recomputed with their units and their uncertainty.

A formula is data (``cg:formula formula:product``) applied to an ordered list of operands:
claims, whose values are taken with their units, or plain numbers. The formulas are the
concepts of ``cg:FormulaScheme`` in ``ontology/schemes.ttl``; each has one Python function
below, and no text is ever evaluated.

Operands become pint quantities in SI base units (through QUDT's multipliers: see
:mod:`claimgraph.qudt`), so pint carries the dimensions through the arithmetic and refuses a
sum of MWh and tonnes; currencies and floating-point operations are base dimensions of their
own. Each operand is an interval: a range as stated, a point widened by its
``cg:relativeTolerance`` or else by half a unit of its last written digit (324 MWh is
323.5–324.5). The formula is evaluated at every corner of the operands' box (the formulas are
monotonic in each operand), which gives the recomputed interval; ``CG350`` is reported when
that interval does not meet the claim's own value and rounding. A result whose dimension is
not that of the claim's unit is ``CG352``, naming both.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable

from ..model import ambiguous_claims, claim_values, derivations
from ..findings import Finding
from ..namespaces import CG, FORMULA, UNIT
from ..quantities import Quantity, catalogue_for, float_slack, format_quantity
from ..qudt import Dimension, UnknownUnit, describe, local_name
from ..registry import Registry


class DerivationError(ValueError):
    pass


class DimensionError(DerivationError):
    """The operands' dimensions do not fit the formula, or the result's does not fit the claim."""


class TemperatureScaleError(DerivationError):
    """Absolute temperatures on a scale with an offset (°C, °F) where the formula makes no sense of them."""


_PINT_BASES = {"L": "meter", "M": "kilogram", "T": "second", "E": "ampere", "H": "kelvin", "A": "mole", "I": "candela"}


@lru_cache(maxsize=1)
def pint_registry():
    """pint's unit registry, its parsed definitions kept in claimgraph's cache folder (a folder that
    cannot be written only means parsing them every time)."""
    import shutil

    import pint

    from ..file_io import cache_dir

    folder = cache_dir() / "pint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return pint.UnitRegistry(cache_folder=folder)
    except Exception:  # a damaged cache raises whatever unpickling raises: parse afresh
        shutil.rmtree(folder, ignore_errors=True)
        return pint.UnitRegistry()


def _pint_unit(dimension: Dimension):
    ureg = pint_registry()
    unit = ureg.dimensionless
    for base, exp in dimension:
        if base in _PINT_BASES:
            name = _PINT_BASES[base]
        else:  # flop, currency:USD: base dimensions of their own, defined on first use
            name = "cg_" + base.replace(":", "_")
            if name not in ureg:
                ureg.define(f"{name} = [{name}]")
        unit = unit * ureg(name).units ** exp
    return unit


def _dimension(quantity) -> Dimension:
    """pint's dimensionality of ``quantity`` as claimgraph's dimension."""
    back = {
        f"[{name}]": base
        for base, name in {
            "L": "length",
            "M": "mass",
            "T": "time",
            "E": "current",
            "H": "temperature",
            "A": "substance",
            "I": "luminosity",
        }.items()
    }
    out = []
    for key, exp in dict(quantity.dimensionality).items():
        base = back.get(key) or key.strip("[]")[3:].replace("_", ":", 1)  # [cg_currency_USD] -> currency:USD
        out.append((base, int(exp) if float(exp).is_integer() else exp))
    return tuple(sorted(out))


def _plain(q, what: str):
    if not q.dimensionless:
        raise DimensionError(f"{what} must be a plain number, not {describe(_dimension(q))}")
    return q.to("dimensionless").magnitude


def _same(ops, name):
    first = _dimension(ops[0])
    for q in ops[1:]:
        if _dimension(q) != first:
            raise DimensionError(
                f"a {name} needs operands of one dimension, got {describe(first)} and {describe(_dimension(q))}"
            )


def _product(ops):
    if not ops:
        raise DerivationError("a product needs at least one operand")
    return math.prod(ops[1:], start=ops[0])


def _quotient(ops):
    a, b = _exactly(ops, 2)
    if b.magnitude == 0:
        raise DerivationError("division by zero")
    return a / b


def _ratio(ops):
    _exactly(ops, 2)
    _same(ops, "ratio")
    return _quotient(ops)


def _sum(ops):
    if not ops:
        raise DerivationError("a sum needs at least one operand")
    _same(ops, "sum")
    return sum(ops[1:], start=ops[0])


def _difference(ops):
    a, b = _exactly(ops, 2)
    _same(ops, "difference")
    return a - b


def _relative_change(ops):
    old, new = _exactly(ops, 2)
    _same(ops, "relative change")
    if old.magnitude == 0:
        raise DerivationError("a relative change from 0")
    return (new - old) / old


def _rate(q):
    """A growth rate: a percentage, a fraction, or a bare number read as a percentage (``5`` is 5 %)."""
    return q.magnitude / 100 if getattr(q, "_cg_bare", False) else _plain(q, "a rate")


def _compound_growth(ops):
    rate, periods = _exactly(ops, 2)
    return _dimensionless((1 + _rate(rate)) ** _plain(periods, "a number of periods"))


def _compound_rate(ops):
    factor, periods = _exactly(ops, 2)
    f, n = _plain(factor, "a growth factor"), _plain(periods, "a number of periods")
    if f <= 0 or n == 0:
        raise DerivationError("a compound rate needs a positive factor and a non-zero number of periods")
    return _dimensionless(f ** (1 / n) - 1)


def _doubling_time(ops, sign=1):
    if len(ops) not in (1, 2):
        raise DerivationError(f"expects a rate and optionally its period, got {len(ops)} operands")
    r = _rate(ops[0])
    base = 1 + sign * r
    if base <= 0 or base == 1:
        raise DerivationError("the rate gives no doubling or halving")
    periods = math.log(2) / abs(math.log(base))
    return ops[1] * periods if len(ops) == 2 else _dimensionless(periods)


def _halving_time(ops):
    return _doubling_time(ops, sign=-1)


def _halving_to_annual(ops):
    (t,) = _exactly(ops, 1)
    if _dimension(t) != (("T", 1),):
        raise DimensionError(f"a halving time must be a time, not {describe(_dimension(t))}")
    seconds = t.to("second").magnitude
    if seconds <= 0:
        raise DerivationError("a halving time must be positive")
    year, month = _year_and_month_seconds()
    if getattr(t, "_cg_unit", None) == _MONTH:
        # the formula counts in months, twelve to the year ("halving every 8 months": 2^(12/8));
        # QUDT's unit:MO is the synodic month, 12.37 to its year, which no one writing "months" means
        return _dimensionless(2 ** (12 / (seconds / month)))
    return _dimensionless(2 ** (year / seconds))


def _conversion(ops):
    (a,) = _exactly(ops, 1)
    return a


def _dimensionless(x):
    return pint_registry().Quantity(x, "dimensionless")


def _exactly(ops, n):
    if len(ops) != n:
        raise DerivationError(f"expects {n} operand{'s' if n > 1 else ''}, got {len(ops)}")
    return ops


_MONTH = UNIT + "MO"


@lru_cache(maxsize=1)
def _year_and_month_seconds() -> tuple[float, float]:
    from ..qudt import qudt_catalogue

    return qudt_catalogue().unit(UNIT + "YR").multiplier, qudt_catalogue().unit(_MONTH).multiplier


#: formula IRI -> its function; the concepts of cg:FormulaScheme (a test keeps the two in step).
FORMULAS: dict[str, Callable[[list], object]] = {
    FORMULA.product: _product,
    FORMULA.quotient: _quotient,
    FORMULA.ratio: _ratio,
    FORMULA.percentage: _ratio,  # the claim's unit (unit:PERCENT) says it is read in per cent
    FORMULA.sum: _sum,
    FORMULA.difference: _difference,
    FORMULA.relativeChange: _relative_change,
    FORMULA.compoundGrowth: _compound_growth,
    FORMULA.compoundRate: _compound_rate,
    FORMULA.doublingTime: _doubling_time,
    FORMULA.halvingTime: _halving_time,
    FORMULA.halvingTimeToAnnualFactor: _halving_to_annual,
    FORMULA.conversion: _conversion,
}


@dataclass(frozen=True)
class Operand:
    """An operand as an interval in SI base units, with what a reader needs to see of it."""

    low: float
    centre: float
    high: float
    dimension: Dimension
    shown: str
    bare: bool = False
    unit: str | None = None
    value: float | None = None  # as the claim states it, in its own unit (a range: its middle)
    #: an absolute temperature (a point of a scale: 15 °C, 288 K), not a difference between two (a warming of
    #: 1.1 °C): its °C are converted with their offset, and the formula's result is read as one (see _result_is_point)
    point: bool = False
    #: written in a unit with an offset (°C, °F), whose zero is not nothing
    offset: bool = False


_TEMPERATURE: Dimension = (("H", 1),)


def _ordinal(position: int) -> str:
    """1st, 2nd, 3rd, 4th… 11th, 12th, 13th, 21st."""
    suffix = "th" if 10 <= position % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(position % 10, "th")
    return f"{position}{suffix}"


def _operand(item, values, catalogue, written: str | None = None, position: int = 1, difference=None) -> Operand:
    """The ``position``-th operand (from 1) as an interval in SI units; ``difference``: read it as a difference
    (True), an absolute temperature (False), or as its claim's measurand's quantity kind says (None)."""
    if isinstance(item, (int, float)) and not isinstance(item, bool):
        return Operand(
            float(item), float(item), float(item), (), written or f"{float(item):g}", bare=True, value=float(item)
        )
    if isinstance(item, Quantity):  # a number with its unit, [ qudt:numericValue 30 ; qudt:unit unit:YR ]
        q, shown, kind = item, format_quantity(item, catalogue=catalogue), None
    elif isinstance(item, str) and item in values:
        q, kind = values[item].quantity, values[item].kind
        shown = f"claim:{local_name(item)} = {format_quantity(q, catalogue=catalogue)}"
    else:
        raise DerivationError(
            f"the {_ordinal(position)} operand, {_shown_operand(item)}, is neither a number, "
            "nor a number with its unit, nor a claim with a value"
        )
    unit = catalogue.unit(q.unit)  # UnknownUnit: reported by the caller
    if difference is None:
        difference = catalogue.is_difference(kind)
    if q.is_range:
        low, high, centre = q.lower, q.upper, (q.lower + q.upper) / 2
    else:
        slack = q.tolerance()
        low, centre, high = q.value - slack, q.value, q.value + slack
    ends = sorted((unit.to_si(low, difference), unit.to_si(high, difference)))
    return Operand(
        ends[0],
        unit.to_si(centre, difference),
        ends[1],
        unit.dimension,
        shown,
        unit=q.unit,
        value=centre,
        point=unit.dimension == _TEMPERATURE and not difference,
        offset=bool(unit.offset),
    )


def _shown_operand(item) -> str:
    """An operand no formula takes, as a message names it, the same at every load: a claim by its name, a
    blank node by what it holds (its label changes on every load), text as written."""
    if isinstance(item, str) and item.startswith("_:"):
        return "a node [ … ] with no qudt:numericValue and qudt:unit"
    if isinstance(item, str) and "/" in item:
        return f"<{item}>"
    return repr(item)


def _result_is_point(formula: str | None, operands: list[Operand], claim_difference: bool) -> bool:
    """Is the formula's result an absolute temperature (converted into the claim's °C with the offset), or a
    difference (without it)? A difference of two absolute temperatures is a difference; a sum of differences
    and at most one absolute temperature is of the kind of that one; a product or a quotient of differences
    is none. Raises :class:`DerivationError` where absolute temperatures in °C or °F make no sense to the
    formula: their zero is not nothing, so 15 °C × 2 is neither 30 °C nor 576.3 K to a reader."""
    points = [o for o in operands if o.point]
    if not points:
        return False
    name = local_name(formula or "")
    if formula == FORMULA.conversion:
        return not claim_difference
    if formula == FORMULA.difference:
        if len(operands) == 2 and operands[1].point and not operands[0].point:
            raise TemperatureScaleError(
                f"a difference minus an absolute temperature ({operands[1].shown}) means nothing: if it is a "
                "change too, give its measurand the quantity kind TemperatureDifference"
            )
        return len(operands) == 2 and operands[0].point and not operands[1].point
    if formula == FORMULA.sum:
        if len(points) > 1:
            raise TemperatureScaleError(
                f"a sum of {len(points)} absolute temperatures means nothing (15 °C + 15 °C is not 30 °C): if they "
                "are changes, give their measurands the quantity kind TemperatureDifference"
            )
        return True
    if formula == FORMULA.relativeChange:
        return False  # computed in kelvin: a change relative to the absolute temperature
    offset = [o for o in points if o.offset]
    if offset:
        raise TemperatureScaleError(
            f"a {name} of an absolute temperature in °C or °F ({offset[0].shown}) cannot be computed: the scale's "
            "zero is not nothing. If it is a change (a warming), give its measurand the quantity kind "
            "TemperatureDifference; if it is a temperature, state it in kelvin"
        )
    # in kelvin: one absolute temperature scaled by numbers is one (2 × 150 K); anything else is not
    return len(points) == 1 and formula in (FORMULA.product, FORMULA.quotient)


_TOO_LARGE = "its result is too large to compute (beyond 1.8e308)"

#: Each uncertain operand doubles the corners evaluated (4,096 at this limit, a fraction of a second).
_MAX_UNCERTAIN = 12


def _evaluate(function, operands: list[Operand]):
    """The formula at the operands' centre and at every corner of their box: (centre, low, high, dimension)."""
    ureg = pint_registry()
    units = [_pint_unit(o.dimension) for o in operands]

    def at(values):
        quantities = []
        for value, unit, operand in zip(values, units, operands):
            q = ureg.Quantity(value, unit)
            q._cg_bare, q._cg_unit = operand.bare, operand.unit
            quantities.append(q)
        try:
            result = function(quantities)
        except OverflowError:
            # Python says "(34, 'Numerical result out of range')": say it in words
            raise DerivationError(_TOO_LARGE) from None
        except (ZeroDivisionError, ValueError) as exc:
            if isinstance(exc, DerivationError):
                raise
            raise DerivationError(str(exc) or type(exc).__name__) from None
        if not hasattr(result, "dimensionality"):
            result = _dimensionless(result)
        return result.to_base_units()

    import pint

    ends = [sorted({o.low, o.high}) for o in operands]  # an exact operand has one end, not two
    if sum(len(e) > 1 for e in ends) > _MAX_UNCERTAIN:
        raise DerivationError(
            f"more than {_MAX_UNCERTAIN} operands carry an uncertainty: their "
            f"{2**_MAX_UNCERTAIN} corners are the most evaluated"
        )
    try:
        centre = at([o.centre for o in operands])
        corners = [at(c) for c in itertools.product(*ends)]
    except pint.DimensionalityError as exc:
        raise DimensionError(f"its operands' dimensions do not fit the formula ({exc})") from None
    magnitudes = [c.magnitude for c in corners] + [centre.magnitude]
    if not all(math.isfinite(m) for m in magnitudes):
        # floats overflow to inf (1e200 × 1e200) without raising, and inf − inf is nan: a value that is no
        # number cannot be compared with the claim's, nor written in a report
        if all(math.isfinite(end) for o in operands for end in (o.low, o.centre, o.high)):
            raise DerivationError(_TOO_LARGE)
        raise DerivationError("an operand is not a finite number")
    return centre.magnitude, min(magnitudes), max(magnitudes), _dimension(centre)


def compute(formula: str, operands: list[tuple[float, str | None]], unit: str | None = None) -> float:
    """``formula`` on exact operands, each ``(value, QUDT unit IRI)`` or ``(value, None)`` for a plain
    number; the result in ``unit`` (its SI value when None). Raises :class:`DerivationError`
    (:class:`DimensionError` when dimensions do not fit) or UnknownUnit."""
    from ..qudt import qudt_catalogue

    catalogue = qudt_catalogue()
    function = FORMULAS.get(formula)
    if function is None:
        raise DerivationError(f"unknown formula {formula.rsplit('#', 1)[-1]!r}")
    ops = []
    for value, unit_iri in operands:
        if unit_iri is None:
            ops.append(Operand(value, value, value, (), f"{value:g}", bare=True, value=value))
        else:
            found = catalogue.unit(unit_iri)
            si = found.to_si(value)  # a temperature without a quantity kind is an absolute one
            ops.append(
                Operand(
                    si, si, si, found.dimension, f"{value:g} {found.name}", unit=unit_iri, value=value,
                    point=found.dimension == _TEMPERATURE, offset=bool(found.offset),
                )
            )  # fmt: skip
    point = _result_is_point(formula, ops, False)
    centre, _low, _high, dimension = _evaluate(function, ops)
    if unit is None:
        return centre
    target = catalogue.unit(unit)
    if dimension != target.dimension:
        raise DimensionError(
            f"the result has dimension {describe(dimension)}, unit:{target.name} has {describe(target.dimension)}"
        )
    return target.from_si(centre, difference=not point)


def _no_formula(node: str | None) -> str:
    """What a derivation without a cg:formula is: most often the formula itself, named as cg:derivedBy's object
    (``cg:derivedBy formula:product``), the operands then on the claim."""
    formula_ns = "https://w3id.org/claimgraph/formula#"
    written = f"formula:{node[len(formula_ns) :]}" if node and node.startswith(formula_ns) else None
    shape = f"[ a cg:Derivation ; cg:formula {written or 'formula:…'} ; cg:operands ( … ) ]"
    if written:
        return f"cg:derivedBy must be a cg:Derivation node {shape}, not {written}"
    return f"the derivation names no cg:formula: cg:derivedBy is a cg:Derivation node {shape}"


def recompute(registry: Registry, derivation) -> tuple[float, float, float, list[Operand]]:
    """The derivation's value and interval in the claim's unit, and its operands; raises
    :class:`DerivationError` (:class:`DimensionError` for dimensions), or UnknownUnit."""
    values = claim_values(registry)
    catalogue = catalogue_for(registry)
    function = FORMULAS.get(derivation.formula or "")
    if function is None and derivation.formula is None:
        raise DerivationError(_no_formula(derivation.node))
    if function is None:
        raise DerivationError(f"unknown formula {(derivation.formula or 'none').rsplit('#', 1)[-1]!r}")
    target = values.get(derivation.claim)
    if target is None:
        raise DerivationError("the derived claim has no value to compare with")
    forms = getattr(derivation, "written", ())
    claim_difference = catalogue.is_difference(target.kind)
    # a conversion follows the claim's kind: a warming converted to K stays a warming (1.09 °C is 1.09 K)
    read_as = True if derivation.formula == FORMULA.conversion and claim_difference else None
    operands = [
        _operand(item, values, catalogue, forms[i] if i < len(forms) else None, i + 1, read_as)
        for i, item in enumerate(derivation.operands)
    ]
    claim_unit = catalogue.unit(target.quantity.unit)
    centre, low, high, dimension = _evaluate(function, operands)
    if dimension != claim_unit.dimension:
        raise DimensionError(
            f"the recomputed value has dimension {describe(dimension)}, but the claim's unit "
            f"unit:{claim_unit.name} has dimension {describe(claim_unit.dimension)}"
        )
    difference = not _result_is_point(derivation.formula, operands, claim_difference)
    ends = sorted((claim_unit.from_si(low, difference), claim_unit.from_si(high, difference)))
    return claim_unit.from_si(centre, difference), ends[0], ends[1], operands


#: Past this many claims computed from one another, each is not given its own shortest circle (a
#: walk per claim over the whole group would take time in the square of its size).
_LARGEST_CIRCLE_TRACED = 64


def circles(derivations_: list) -> dict[str, list[str]]:
    """Every derived claim that is computed, through its operands' own derivations, from itself ->
    the shortest circle from it back to it (claim IRIs, the claim first and last); in a group of
    more than ``_LARGEST_CIRCLE_TRACED`` such claims, the group's first claims instead, sorted."""
    operands: dict[str, list[str]] = {}
    for d in derivations_:
        operands.setdefault(d.claim, []).extend(o for o in d.operands if isinstance(o, str))
    edges = {claim: sorted({o for o in found if o in operands}) for claim, found in operands.items()}
    out: dict[str, list[str]] = {}
    for group in _strongly_connected(edges):
        if len(group) == 1 and group[0] not in edges[group[0]]:
            continue  # a claim on no circle: the common case, in linear time
        if len(group) > _LARGEST_CIRCLE_TRACED:
            first = sorted(group)[:5]
            out.update((claim, first) for claim in group)
            continue
        members = set(group)
        for start in group:
            # a breadth-first walk inside the group finds the shortest way back
            parent: dict[str, str] = {}
            frontier = [start]
            while frontier and start not in out:
                following = []
                for claim in frontier:
                    if start in edges[claim]:
                        path = [claim]
                        while path[-1] != start:
                            path.append(parent[path[-1]])
                        out[start] = [start, *reversed(path[:-1]), start]
                        break
                    for operand in edges[claim]:
                        if operand in members and operand not in parent and operand != start:
                            parent[operand] = claim
                            following.append(operand)
                frontier = following
    return out


def _strongly_connected(edges: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (a chain of derivations may be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, position = work.pop()
            if position == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            successors = edges[node]
            if position < len(successors):
                work.append((node, position + 1))
                nxt = successors[position]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return groups


def check(registry: Registry) -> Iterable[Finding]:
    values = claim_values(registry)
    every = derivations(registry)
    circular = circles(every)
    claim_prefix = registry.settings.base + "claim/"

    def shown_claim(iri: str) -> str:
        return "claim:" + iri[len(claim_prefix) :] if iri.startswith(claim_prefix) else f"<{iri}>"

    # a claim holding several values (defined twice, CG104; two cg:value, CG220): which one to recompute, or
    # to recompute from, cannot be told, and that mistake is already a finding (its circularity and formula
    # are still judged: they do not depend on the values)
    ambiguous = ambiguous_claims(registry)
    not_lists = _operands_not_lists(registry, shown_claim)
    for d in every:
        where = dict(subject=d.claim, predicate=str(CG.derivedBy))
        if d.claim in circular:
            way = circular[d.claim]
            told = (
                " → ".join(shown_claim(c) for c in way)
                if way[0] == way[-1]
                else "one of many claims computed from one another, such as " + ", ".join(shown_claim(c) for c in way)
            )
            yield registry.finding(
                "CG351",
                f"derivation cannot be evaluated: it is circular, {told}",
                **where,
                hint="a number cannot be computed from itself: derive it from the "
                "claims it was computed from, or drop cg:derivedBy",
            )
            continue
        if d.formula not in FORMULAS:
            shown = (d.formula or "none").rsplit("#", 1)[-1]
            yield registry.finding(
                "CG351",
                _no_formula(d.node) if d.formula is None else f"unknown formula {shown!r}",
                **where,
                hint="the formulas are listed in docs/tutorial.md (formula:product, "
                "formula:quotient, formula:ratio, formula:sum, formula:compoundGrowth…)",
            )
            continue
        if d.node in not_lists:
            yield registry.finding(
                "CG351",
                f"derivation cannot be evaluated: its cg:operands must be an RDF list ( … ), not {not_lists[d.node]}",
                **where,
                hint="write the operands in parentheses, in order: cg:operands ( claim:a claim:b ) or ( claim:a 2.5 )",
            )
            continue
        if d.claim in ambiguous or any(isinstance(o, str) and o in ambiguous for o in d.operands):
            continue
        try:
            centre, low, high, operands = recompute(registry, d)
        except DimensionError as exc:
            yield registry.finding(
                "CG352",
                f"derivation {local_name(d.formula)}: {exc}",
                **where,
                hint="check the formula, the operands' units and the claim's unit",
            )
            continue
        except UnknownUnit as exc:
            yield registry.finding(
                "CG351",
                f"derivation cannot be evaluated: unit:{local_name(exc.iri)} of an "
                f"operand or of the claim is unknown ({exc.reason})",
                **where,
                hint="the unit check (CG331) says more at the unit's own line",
            )
            continue
        except DerivationError as exc:
            yield registry.finding(
                "CG351",
                f"derivation cannot be evaluated: {exc}",
                **where,
                hint="a warming, an anomaly or a change is a measurand of quantity kind TemperatureDifference "
                "(docs/units.md)"
                if isinstance(exc, TemperatureScaleError)
                else "check the operands' values and units"
                if str(exc) == _TOO_LARGE
                else "cg:operands is a Turtle list of claims, numbers and numbers with their unit: "
                "( claim:a 2.5 [ qudt:numericValue 30 ; qudt:unit unit:YR ] )",
            )
            continue
        stated: Quantity = values[d.claim].quantity
        if stated.is_range:
            claim_low, claim_high = stated.lower, stated.upper
        else:
            slack = stated.tolerance()
            claim_low, claim_high = stated.value - slack, stated.value + slack
        # float rounding, relative to the numbers compared (an absolute 1e-9 let 1.6e-18 C pass for 1.6e-19 C)
        margin = float_slack(claim_low, claim_high, low, high)
        if high < claim_low - margin or low > claim_high + margin:
            digits = _digits_to_tell_apart(low, high, claim_low, claim_high)
            catalogue = catalogue_for(registry)  # (a unit the registry declares, by its declared symbol)
            shown = lambda x: format_quantity(  # noqa: E731
                Quantity(unit=stated.unit, value=float(f"{x:.{digits}g}")), catalogue=catalogue
            )
            interval = format_quantity(
                Quantity(unit=stated.unit, lower=float(f"{low:.{digits}g}"), upper=float(f"{high:.{digits}g}")),
                catalogue=catalogue,
            )
            yield registry.finding(
                "CG350",
                f"recomputed {local_name(d.formula)} gives {shown(centre)} (interval {interval}), "
                f"the claim says {format_quantity(stated, catalogue=catalogue)}; from "
                + ", ".join(o.shown for o in operands),
                **where,
                hint="correct the derived value, or the operands it is computed from",
                facts=(
                    ("formula", local_name(d.formula)),
                    ("claimed", stated.value),
                    ("recomputed", centre),
                    ("interval", (low, high)),
                    ("unit", local_name(stated.unit)),
                    ("operands", tuple((o.value, local_name(o.unit) if o.unit else None) for o in operands)),
                ),
            )


#: Derivations whose cg:operands is a single term, not an RDF list: ``cg:operands claim:base`` reads as no
#: operand at all (the list of operands is walked from rdf:first), which "expects 1 operand, got 0" would hide.
_OPERANDS_NOT_LISTS = """
SELECT ?d ?operands (isIRI(?operands) AS ?iri) (isBlank(?operands) AS ?blank) WHERE {
  ?claim cg:derivedBy ?d . ?d cg:operands ?operands .
  FILTER (?operands != rdf:nil)
  FILTER NOT EXISTS { ?operands rdf:first ?first }
}
"""


def _operands_not_lists(registry: Registry, shown_claim: Callable[[str], str]) -> dict[str, str]:
    """derivation node -> its cg:operands as the message shows it, for the derivations whose operands are no list."""
    out: dict[str, str] = {}
    for row in registry.select(_OPERANDS_NOT_LISTS):
        term = row["operands"]
        if row["blank"]:
            shown = "a node [ … ]"
        elif row["iri"]:
            shown = shown_claim(str(term))
        else:  # a literal: cg:operands 2.5
            shown = repr(term) if isinstance(term, str) else str(term)
        out[str(row["d"])] = f"{out[str(row['d'])]}, {shown}" if str(row["d"]) in out else shown
    return out


def _digits_to_tell_apart(low: float, high: float, claim_low: float, claim_high: float) -> int:
    """The significant digits (three at least) the recomputed interval needs so that, rounded, it
    still lies clear of the claimed value: rounded to three, 2573–2575 would print as 2570–2580 and
    seem to hold a claimed 2578; and so that an interval of some width shows it (136.7–137.4, not 137–137)."""
    for digits in range(3, 17):
        shown_low, shown_high = float(f"{low:.{digits}g}"), float(f"{high:.{digits}g}")
        clear = shown_high < claim_low or shown_low > claim_high
        if clear and (shown_low != shown_high or low == high):
            return digits
    return 17
