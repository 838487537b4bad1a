"""QUDT's units and quantity kinds, read from the table shipped with claimgraph.

The table (``data/qudt-units.json``) is extracted from QUDT's published Turtle by
``tools/extract_qudt.py``; its ``about`` record names the release and commit, and QUDT's
licence (CC BY 4.0) is beside it. Conversions, dimensions and the kinds a unit is listed
for all come from there: nothing here is a table of factors.

A unit is found in four ways, in this order:

1. declared in the registry's own data (``unit:X a qudt:Unit ; qudt:conversionMultiplier …``);
2. in QUDT's vocabulary (``unit:KiloW-HR``, ``unit:LB``, ``unit:TeraFLOPS``…);
3. claimgraph's few additions, for what QUDT lacks but papers count in (``unit:FLOP``);
4. composed by QUDT's own naming rules from the above: a prefix glued to a unit
   (``GigaFLOP``, ``MegaGM``), units joined by ``-`` (a product: ``KiloW-HR``), ``-PER-``
   before the denominator (``GM-PER-KiloW-HR``), a trailing exponent (``M2``), and a bare
   number as a factor (``KiloW-HR-PER-1000``: per thousand queries).

Dimensions are QUDT's dimension vectors (amount A, current E, length L, luminous intensity I,
mass M, temperature H, time T) with two additions QUDT's data calls for but does not carry:
each currency is a dimension of its own (QUDT gives every currency the multiplier 1 and no
dimension, which would make 5 USD equal 5 EUR), and floating-point operations are a dimension
(QUDT gives TFLOPS the dimension of Hz; its quantity kind says otherwise). Both are read off
QUDT's quantity kinds (``Currency``, ``FloatingPointCalculationCapability``), not off names.
"""

from __future__ import annotations

from typing import Callable

import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

UNIT_NS = "http://qudt.org/vocab/unit/"
QUANTITYKIND_NS = "http://qudt.org/vocab/quantitykind/"
DATA_FILE = Path(__file__).resolve().parent / "data" / "qudt-units.json"

#: A dimension: sorted ``(base, exponent)`` pairs with a non-zero exponent; ``()`` is dimensionless.
Dimension = tuple[tuple[str, int], ...]

BASE_NAMES = {
    "A": "amount of substance",
    "E": "electric current",
    "L": "length",
    "I": "luminous intensity",
    "M": "mass",
    "H": "temperature",
    "T": "time",
    "flop": "floating-point operations",
}
FLOP_KIND = "FloatingPointCalculationCapability"
#: QUDT's quantity kinds of a difference between two points of a scale with an offset (°C, °F): their values
#: convert without the offset (a warming of 1.1 °C is 1.1 K, not 274.25 K); a kind that is a specialisation
#: of one of them (skos:broader, qudt:specializationOf, a registry's own kind too) is one as well.
DIFFERENCE_KINDS = frozenset({"TemperatureDifference"})
CURRENCY_KIND = "Currency"

#: What QUDT does not define and research papers count in. Each is documented in docs/units.md.
ADDITIONS = {
    "FLOP": {
        "multiplier": "1",
        "dimension": "flop",
        "kinds": ["Count"],
        "symbol": "FLOP",
        "label": "Floating Point Operation (a count; claimgraph's addition, not QUDT's)",
    },
}

# QUDT writes half exponents with "dot": T-2dot5 is T^-2.5
_EXPONENT = r"-?\d+(?:dot\d+)?"
_VECTOR = re.compile(rf"([AEILMHTD])({_EXPONENT})")
_WHOLE_VECTOR = re.compile("".join(f"{base}{_EXPONENT}" for base in "AELIMHTD"))


class UnknownUnit(ValueError):
    """A unit no rule resolves; ``reason`` says why, for the finding's message."""

    def __init__(self, iri: str, reason: str = "", hint: str = ""):
        super().__init__(iri)
        self.iri = iri
        self.reason = reason or "it is neither a QUDT unit nor composed of QUDT units by QUDT's naming rules"
        #: what to do instead, when the reason knows better than "see `claimgraph units`" (an IU: declare one)
        self.hint = hint


# QUDT gives 79 units the conversion multiplier 0. They are not alike, and the message says which case a unit is:
#: logarithmic scales: a level or a ratio in bels, nepers, decades or octaves, pH, a Richter magnitude, a wire gauge
LOGARITHMIC_UNITS = frozenset(
    "AWG B B-PER-M DECADE DeciB DeciB-MilliW DeciB-MilliW-PER-MegaHZ DeciB-PER-KiloM DeciB-PER-M DeciB-W DeciB_A "
    "DeciB_C DeciB_ISO DeciB_M DeciB_Z NP NP-PER-SEC OCT PH RichterMagnitude".split()
)
#: linear units whose size depends on the substance measured: an international unit is a biological activity (its
#: mass differs from one vitamin or hormone to another), an osmole the particles a solute gives in solution
SUBSTANCE_UNITS = frozenset("IU IU-PER-L IU-PER-MilliGM IU-PER-MilliL OSM MilliOSM MilliOSM-PER-KiloGM".split())


def no_conversion(name: str, row: dict) -> UnknownUnit:
    """Why unit:``name``, to which QUDT gives the multiplier 0, converts to nothing, and what to do instead."""
    iri = UNIT_NS + name
    if name in SUBSTANCE_UNITS:
        if name.startswith("IU"):
            return UnknownUnit(
                iri,
                f"QUDT gives unit:{name} no conversion multiplier because an international unit's mass depends on the "
                "substance (1 IU of vitamin D is 0.025 µg; of another vitamin or a hormone, another mass)",
                "declare a unit for the substance in the registry's data, e.g. `unit:IU-VITD a qudt:Unit ; "
                "qudt:conversionMultiplier 2.5e-11 ; qudt:hasDimensionVector qkdv:A0E0L0I0M1H0T0D0 ; "
                'rdfs:label "international unit of vitamin D" .` (0.025 µg in kg), and write the value in it '
                "(unit:IU-VITD, unit:IU-VITD-PER-DAY): see docs/units.md",
            )
        return UnknownUnit(
            iri,
            f"QUDT gives unit:{name} no conversion multiplier because an osmole's amount of substance depends on the solute "
            "(how many particles it gives in solution)",
            "declare a unit for the solute in the registry's data (qudt:conversionMultiplier in mol, "
            "qudt:hasDimensionVector qkdv:A1E0L0I0M0H0T0D0), or state the value in mol: see docs/units.md",
        )
    if name in LOGARITHMIC_UNITS:
        return UnknownUnit(
            iri,
            f"unit:{name} is a logarithmic scale (QUDT gives it the conversion multiplier 0): no linear "
            "conversion exists",
            "a level on a logarithmic scale is not compared with linear values; record the linear quantity "
            "(a power, a pressure, a concentration) if the source gives it",
        )
    instead = row.get("deprecated")
    if isinstance(instead, str):
        return UnknownUnit(
            iri,
            f"QUDT gives unit:{name} the conversion multiplier 0 and deprecates it for unit:{instead}",
            f"use unit:{instead}",
        )
    return UnknownUnit(
        iri,
        f"QUDT gives unit:{name} the conversion multiplier 0: a non-linear or empirical scale (degrees Baumé, "
        "Beaufort, tonnage), one set by a medium or a convention (Mach, okta), or no value in QUDT's data",
        "if the unit is linear, declare it in the registry's data with its qudt:conversionMultiplier and "
        "qudt:hasDimensionVector (docs/units.md)",
    )


@dataclass(frozen=True)
class Unit:
    iri: str
    multiplier: float
    dimension: Dimension
    offset: float = 0.0
    kinds: frozenset[str] = frozenset()  # local names of the QUDT quantity kinds the unit is listed for
    symbol: str = ""
    label: str = ""
    origin: str = "QUDT"  # QUDT, composed, registry, claimgraph
    deprecated: str | None = None  # the unit QUDT replaces it with, or "" when none is named

    @property
    def name(self) -> str:
        return local_name(self.iri)

    # QUDT's convention: SI value = (value + offset) × multiplier (°F: (32 + 459.67) × 5/9 = 273.15 K).
    # The offset places a point on a scale (20 °C is 293.15 K); a ``difference`` between two points has
    # none (a warming of 1.1 °C is one of 1.1 K), so it converts by the multiplier alone.
    def to_si(self, value: float, difference: bool = False) -> float:
        return (value + (0.0 if difference else self.offset)) * self.multiplier

    def from_si(self, value: float, difference: bool = False) -> float:
        return value / self.multiplier - (0.0 if difference else self.offset)


@dataclass(frozen=True)
class Kind:
    iri: str
    dimension: Dimension | None  # None: any single currency
    label: str = ""
    broader: tuple[str, ...] = ()
    #: QUDT lists units of money for it (CostPerEnergy: USD/kWh): a unit has its dimension times one currency
    priced: bool = False

    @property
    def name(self) -> str:
        return local_name(self.iri)

    def fits(self, dimension: Dimension) -> bool:
        """Does a unit of ``dimension`` measure this kind? A count kind takes a count of operations too;
        a kind of money takes any one currency (and only one)."""
        if self.dimension is None or self.priced:
            money = [pair for pair in dimension if pair[0].startswith("currency:")]
            if len(money) != 1 or money[0][1] != 1:
                return False
            rest = tuple(pair for pair in dimension if pair not in money)
            return rest == (self.dimension or ())
        return dimension == self.dimension or (self.dimension == () and dimension == (("flop", 1),))


def local_name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def parse_vector(text: str) -> Dimension:
    """``A0E0L2I0M1H0T-2D0`` -> ``(("L", 2), ("M", 1), ("T", -2))``; D (the dimensionless flag) is dropped."""
    if text == "flop":
        return (("flop", 1),)
    if not _WHOLE_VECTOR.fullmatch(text):
        raise ValueError(f"{text!r} is not a QUDT dimension vector such as A0E0L2I0M1H0T-2D0")
    pairs = {}
    for base, exp in _VECTOR.findall(text):
        number = float(exp.replace("dot", "."))
        if base != "D" and number:
            pairs[base] = int(number) if number.is_integer() else number
    return tuple(sorted(pairs.items()))


def combine(*parts: tuple[Dimension, int]) -> Dimension:
    """The dimension of a product of powers: ``combine((energy, 1), (time, -1))`` is power."""
    total: dict[str, int] = {}
    for dimension, power in parts:
        for base, exp in dimension:
            total[base] = total.get(base, 0) + exp * power
    return tuple(sorted((b, e) for b, e in total.items() if e))


#: Quantity kinds whose name a reader recognises in a dimension (QUDT has several kinds per vector).
_NAMED_KINDS = (
    "Mass",
    "Energy",
    "Power",
    "Time",
    "Length",
    "Area",
    "Volume",
    "MassPerEnergy",
    "Frequency",
    "Speed",
    "Temperature",
    "FloatingPointCalculationCapability",
)


def describe(dimension: Dimension) -> str:
    """``energy (L²·M·T⁻²)`` for people, ``dimensionless`` for ``()``; currencies by their code."""
    if not dimension:
        return "dimensionless"
    sup = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
    vector = "·".join(
        (b.split(":", 1)[1] if b.startswith("currency:") else b) + (str(e).translate(sup) if e != 1 else "")
        for b, e in dimension
    )
    if dimension == (("flop", 1),):
        return "floating-point operations (flop)"
    for name in _NAMED_KINDS:
        kind = qudt_catalogue().kind(QUANTITYKIND_NS + name)
        if kind is not None and kind.dimension == dimension:
            return f"{kind.label.lower()} ({vector})"
    return vector


def kind_dimension(kind: Kind) -> str:
    """What a unit of ``kind`` measures, for people: its dimension, and the currency a cost's unit needs
    (``L⁻²·M⁻¹·T² and one currency`` for CostPerEnergy: QUDT's vector alone does not say it is money)."""
    if kind.dimension is None:
        return "any one currency"
    if kind.priced:
        return "one currency" if not kind.dimension else f"{describe(kind.dimension)} and one currency"
    return describe(kind.dimension)


@lru_cache(maxsize=1)
def table() -> dict:
    """The shipped QUDT table, as extracted (see the module's docstring)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _unit_from_row(iri: str, row: dict, origin: str) -> Unit:
    """A unit from a row of the table (or a registry's declaration read into one)."""
    name = local_name(iri)
    if row.get("multiplier") is None or row.get("dimension") is None:
        raise UnknownUnit(iri, "its data gives no conversion multiplier or no dimension vector")
    try:
        multiplier = float(row["multiplier"])
        offset = float(row.get("offset") or 0.0)
        dimension = parse_vector(row["dimension"])
    except ValueError as exc:
        raise UnknownUnit(iri, f"its data is malformed: {exc}") from None
    if not multiplier and origin == "QUDT":
        raise no_conversion(name, row)
    if not multiplier or multiplier != multiplier or multiplier in (float("inf"), float("-inf")):
        raise UnknownUnit(
            iri,
            f"its conversion multiplier is {row['multiplier']}: no linear conversion exists "
            "(QUDT gives 0 to logarithmic or non-linear scales, such as bels or degrees Baumé)",
        )
    kinds = frozenset(row.get("kinds", ()))
    if CURRENCY_KIND in kinds:
        code = row.get("currency") or name.split("CCY_", 1)[-1]
        dimension = combine((dimension, 1), (((f"currency:{code}", 1),), 1))
    if FLOP_KIND in kinds:
        dimension = combine((dimension, 1), ((("flop", 1),), 1))
    deprecated = row.get("deprecated")
    return Unit(
        iri,
        multiplier,
        dimension,
        offset,
        kinds,
        row.get("symbol") or "",
        row.get("label") or "",
        origin,
        None if deprecated is None else ("" if deprecated is True else UNIT_NS + deprecated),
    )


def _kind_from_row(iri: str, row: dict) -> Kind | None:
    name = local_name(iri)
    if name == CURRENCY_KIND:
        dimension = None
    elif row.get("dimension") is None:
        dimension = ()
    else:
        try:
            dimension = parse_vector(row["dimension"])
        except ValueError:
            return None  # a registry's kind with a malformed vector: reported as an unknown kind
        if name == FLOP_KIND:
            dimension = combine((dimension, 1), ((("flop", 1),), 1))
    return Kind(
        iri,
        dimension,
        row.get("label") or name,
        tuple(QUANTITYKIND_NS + b for b in row.get("broader", ())),
        priced=name in _priced_kinds() and name != CURRENCY_KIND,
    )


@lru_cache(maxsize=None)
def _qudt_kind(iri: str) -> Kind | None:
    if iri.startswith(QUANTITYKIND_NS):
        row = table()["kinds"].get(iri[len(QUANTITYKIND_NS) :])
        if row is not None:
            return _kind_from_row(iri, row)
    return None


@lru_cache(maxsize=1)
def _priced_kinds() -> frozenset[str]:
    """The quantity kinds QUDT lists units of money for (its CCY_ units and their compounds)."""
    return frozenset(k for name, row in table()["units"].items() if "CCY_" in name for k in row.get("kinds", ()))


@dataclass
class Catalogue:
    """Every unit and quantity kind a registry can use: QUDT's, claimgraph's additions, the registry's own."""

    declared_units: dict[str, dict] = field(default_factory=dict)  # IRI -> row, as a registry declares it
    declared_kinds: dict[str, dict] = field(default_factory=dict)
    _units: dict[str, Unit | UnknownUnit] = field(default_factory=dict, repr=False)
    _applicable: dict[tuple[str, str], bool | None] = field(default_factory=dict, repr=False)
    #: (unit, quantity kind) -> the unit its values are compared in (quantities.canonical_unit, asked per value)
    canonical_units: dict[tuple[str, str | None], str] = field(default_factory=dict, repr=False)
    _differences: dict[str | None, bool] = field(default_factory=dict, repr=False)
    #: :func:`claimgraph.quantities.temperature_reading` of each kind asked about
    temperature_readings: dict[str | None, bool | None] = field(default_factory=dict, repr=False)
    #: :func:`claimgraph.quantities.compared_with_texts` of each (unit, quantity kind) asked about
    compared_with_texts: dict[tuple[str, str | None], bool] = field(default_factory=dict, repr=False)

    def unit(self, iri: str) -> Unit:
        """The unit ``iri`` names; raises :class:`UnknownUnit` with the reason."""
        known = self._units.get(iri)
        if known is None:
            try:
                known = self._resolve(iri)
            except UnknownUnit as exc:
                known = exc
            self._units[iri] = known
        if isinstance(known, UnknownUnit):
            raise known
        return known

    def _resolve(self, iri: str) -> Unit:
        if iri in self.declared_units:
            return _unit_from_row(iri, self.declared_units[iri], "registry")
        if not iri.startswith(UNIT_NS):
            raise UnknownUnit(
                iri,
                "it is not in QUDT's unit namespace and the registry does not declare it "
                "(qudt:conversionMultiplier, qudt:hasDimensionVector)",
            )
        name = iri[len(UNIT_NS) :]
        row, origin = self._row(name)
        if row is None:
            return self._compose(iri, name)
        unit = _unit_from_row(iri, row, origin)
        if "CCY_" in name and not any(base.startswith("currency:") for base, _ in unit.dimension):
            # QUDT gives CCY_EUR-PER-KiloW-HR the dimension of kWh⁻¹ and no currency: its name, read by
            # QUDT's naming rules, says which currency it counts in
            try:
                money = tuple(p for p in self._compose(iri, name).dimension if p[0].startswith("currency:"))
            except UnknownUnit:
                money = ()
            unit = replace(unit, dimension=combine((unit.dimension, 1), (money, 1)))
        return unit

    def _row(self, name: str) -> tuple[dict | None, str]:
        units = table()["units"]
        if name in units:
            return units[name], "QUDT"
        if name in ADDITIONS:
            return ADDITIONS[name], "claimgraph"
        return None, ""

    def _atom(self, iri: str, token: str) -> tuple[float, Dimension]:
        """One factor of a composed name: a unit, a prefixed unit, either with an exponent, or a number."""
        if token.isdigit():
            return float(token), ()
        full = UNIT_NS + token
        if full in self.declared_units or self._row(token)[0] is not None:
            unit = self.unit(full)
            if unit.offset:
                raise UnknownUnit(iri, f"{token} has an offset (like °C) and cannot be a factor of a compound unit")
            return unit.multiplier, unit.dimension
        power = re.fullmatch(r"(.*?[A-Za-z_])(\d+)", token)
        if power:
            multiplier, dimension = self._atom(iri, power.group(1))
            exp = int(power.group(2))
            return multiplier**exp, combine((dimension, exp))
        for prefix, factor in table()["prefixes"].items():
            rest = token[len(prefix) :]
            if (
                token.startswith(prefix)
                and rest
                and (self._row(rest)[0] is not None or UNIT_NS + rest in self.declared_units)
            ):
                unit = self.unit(UNIT_NS + rest)
                if unit.offset:
                    break
                return float(factor) * unit.multiplier, unit.dimension
        raise UnknownUnit(iri, f"{token!r} is neither a QUDT unit, nor a QUDT prefix glued to one, nor a number")

    def _compose(self, iri: str, name: str) -> Unit:
        multiplier, parts = 1.0, []
        for token, sign in self._factors_of(iri, name):
            factor, dimension = self._atom(iri, token)
            multiplier *= factor**sign
            parts.append((dimension, sign))
        return Unit(iri, multiplier, combine(*parts), origin="composed", label=name)

    def _factors_of(self, iri: str, name: str) -> list[tuple[str, int]]:
        """``CCY_USD-PER-GPU-HR`` -> ``[("CCY_USD", 1), ("GPU-HR", -1)]`` when the registry declares ``GPU-HR``:
        the factors of a composed name and their sign (everything after a ``PER`` divides). A unit the
        registry declares is one factor even when its own name has a ``-`` (or a ``PER``) in it, the
        longest declared name first; any other part between two ``-`` is a factor of its own."""
        pieces = name.split("-")
        declared = {
            own[len(UNIT_NS) :] for own in self.declared_units if own.startswith(UNIT_NS) and "-" in own[len(UNIT_NS) :]
        }
        longest = max((joined.count("-") + 1 for joined in declared), default=1)
        factors, sign, at = [], 1, 0
        while at < len(pieces):
            for end in range(min(len(pieces), at + longest), at + 1, -1):
                joined = "-".join(pieces[at:end])
                if joined in declared:
                    factors.append((joined, sign))
                    at = end
                    break
            else:
                piece = pieces[at]
                if not piece:
                    raise UnknownUnit(iri, "its name has an empty part between two '-'")
                if piece == "PER" and at + 1 < len(pieces):  # a second -PER- divides too
                    sign = -1
                else:
                    factors.append((piece, sign))
                at += 1
        return factors

    def kind(self, iri: str | None) -> Kind | None:
        """The quantity kind ``iri`` names (QUDT's or the registry's), or None if there is none."""
        if not iri:
            return None
        if iri in self.declared_kinds:
            return _kind_from_row(iri, self.declared_kinds[iri])
        return _qudt_kind(iri)

    def is_difference(self, kind_iri: str | None) -> bool:
        """Are values of the quantity kind ``kind_iri`` differences (see :data:`DIFFERENCE_KINDS`), which
        convert without a unit's offset? False for an absolute kind, no kind, or one no data defines."""
        known = self._differences.get(kind_iri)
        if known is None:
            kind = self.kind(kind_iri)
            names = set() if kind is None else {kind.name} | {local_name(b) for b in self._broader(kind)}
            known = self._differences[kind_iri] = bool(names & DIFFERENCE_KINDS)
        return known

    def applicable(self, unit: Unit, kind: Kind) -> bool | None:
        """Does QUDT list ``unit`` for ``kind`` (or a kind one is a specialisation of)? None: no list to ask."""
        key = (unit.iri, kind.iri)
        if key not in self._applicable:
            self._applicable[key] = self._listed_for(unit, kind)
        return self._applicable[key]

    def _listed_for(self, unit: Unit, kind: Kind) -> bool | None:
        if not unit.kinds:
            return None
        related = {kind.name} | {local_name(b) for b in self._broader(kind)}
        if unit.kinds & related:
            return True
        return any(
            kind.iri in self._broader(self.kind(QUANTITYKIND_NS + k))
            for k in unit.kinds
            if self.kind(QUANTITYKIND_NS + k)
        )

    def _broader(self, kind: Kind | None, depth: int = 0) -> set[str]:
        if kind is None or depth > 10:
            return set()
        out = set(kind.broader)
        for b in kind.broader:
            out |= self._broader(self.kind(b), depth + 1)
        return out

    def coherent_unit(self, dimension: Dimension) -> str | None:
        """The unit of multiplier 1 with ``dimension`` (the SI coherent unit): QUDT's or claimgraph's
        addition (``FLOP``), else one composed by QUDT's naming rules from the base units
        (``CCY_USD-PER-FLOP``); None for a dimension no name can write (a half exponent).

        Every unit of one dimension has the same coherent unit, so values in any of them compare."""
        known = _coherent_units().get(dimension)
        if known is None:
            composed = _composed_coherent_name(dimension)
            if composed is not None:
                try:
                    unit = self.unit(UNIT_NS + composed)
                except UnknownUnit:
                    return None
                if unit.multiplier == 1.0 and unit.dimension == dimension:
                    return unit.iri
        return known


#: the SI base unit of each base of a dimension (and FLOP, claimgraph's own): what a coherent unit is made of
_BASE_UNITS = {"A": "MOL", "E": "A", "L": "M", "I": "CD", "M": "KiloGM", "H": "K", "T": "SEC", "flop": "FLOP"}
_BASE_NAMES = frozenset(_BASE_UNITS.values())


def _composed_coherent_name(dimension: Dimension) -> str | None:
    """``(("currency:USD", 1), ("flop", -1))`` -> ``CCY_USD-PER-FLOP``; None when a name cannot write it."""
    numerator, denominator = [], []
    for base, exponent in dimension:
        if not isinstance(exponent, int):
            return None  # QUDT's names have whole exponents only
        name = "CCY_" + base.split(":", 1)[1] if base.startswith("currency:") else _BASE_UNITS.get(base)
        if name is None:
            return None
        power = abs(exponent)
        (numerator if exponent > 0 else denominator).append(name + (str(power) if power != 1 else ""))
    if not numerator and not denominator:
        return None
    if not numerator:
        return "PER-" + "-".join(denominator)
    return "-".join(numerator) + ("-PER-" + "-".join(denominator) if denominator else "")


#: The SI's named derived units (QUDT's names) a coherent unit may be written with, besides the base units:
#: N, Pa, J, W, C, V, F, Ω, S, Wb, T, H, lm, lx, kat, rad, sr. Left out on purpose, the special names the SI
#: keeps for one kind of quantity each: Hz (for periodic phenomena only), Bq, Gy, Sv. A unit written with one
#: of those is not how a reader writes a speed (Hz·m), a mass flow or a rate per second (Bq).
_SI_NAMED_UNITS = frozenset({"N", "PA", "J", "W", "C", "V", "F", "OHM", "S", "WB", "T", "H", "LM", "LUX", "KAT"})
_SI_NAMED_UNITS |= {"RAD", "SR"}


def _factors(name: str) -> list[str]:
    """``KiloGM-PER-M3`` -> ``["KiloGM", "M"]``: the units a QUDT name multiplies or divides, powers dropped."""
    return [factor.rstrip("0123456789") for factor in name.split("-") if factor != "PER"]


def _coherent_preference(name: str) -> tuple:
    """How a reader expects a quantity in SI units to be written, best first: a unit written with SI base units
    (kg, m, s, A, K, mol, cd; claimgraph's FLOP and currencies) and SI named units only (not g, L, eq, Hz, Bq,
    nor a prefixed unit whose multiplier happens to be 1, such as g/L); then the fewest factors (kg/s, not
    N·s/m); then, as before, the shortest name. A dimension no such unit writes keeps the shortest name."""
    factors = _factors(name)
    written_in_si = all(
        factor in _BASE_NAMES or factor in _SI_NAMED_UNITS or factor.startswith("CCY_") for factor in factors
    )
    return (0, len(factors), len(name), name) if written_in_si else (1, 0, len(name), name)


@lru_cache(maxsize=1)
def _coherent_units() -> dict[Dimension, str]:
    """The unit of multiplier 1 of each dimension a reader expects (:func:`_coherent_preference`), QUDT's
    first, then claimgraph's additions (``FLOP``: QUDT has no count of floating-point operations)."""
    found: dict[Dimension, tuple[tuple, str]] = {}
    rows = [(name, row, "QUDT") for name, row in sorted(table()["units"].items())]
    for name, row, origin in rows + [(name, row, "claimgraph") for name, row in sorted(ADDITIONS.items())]:
        if row.get("deprecated") or row.get("offset") or row.get("multiplier") not in ("1.0", "1"):
            continue
        try:
            unit = _unit_from_row(UNIT_NS + name, row, origin)
        except UnknownUnit:
            continue
        # QUDT's units before the additions, whatever the preference: an addition only fills a gap
        preference = (origin != "QUDT", *_coherent_preference(name))
        if unit.dimension not in found or preference < found[unit.dimension][0]:
            found[unit.dimension] = (preference, unit.iri)
    return {dimension: iri for dimension, (_, iri) in found.items()}


@lru_cache(maxsize=1)
def qudt_catalogue() -> Catalogue:
    """QUDT's units and claimgraph's additions, without any registry's own."""
    return Catalogue()


def every_unit() -> list[tuple[str, Unit | UnknownUnit]]:
    """Every unit of the shipped table and the additions, resolved or with the reason it is not."""
    catalogue = qudt_catalogue()
    out = []
    for name in sorted({*table()["units"], *ADDITIONS}):
        try:
            out.append((name, catalogue.unit(UNIT_NS + name)))
        except UnknownUnit as exc:
            out.append((name, exc))
    return out


# ------------------------------------------------------------------ listing, for `claimgraph units` and the docs


@dataclass(frozen=True)
class Listed:
    """One row of the units list: a unit (or a quantity kind) as a reader looks it up."""

    name: str
    symbol: str
    label: str
    dimension: str
    kinds: tuple[str, ...] = ()
    note: str = ""
    #: found by a search only inside a word of its names (``nodi`` in "Synodic Month"): no unit of that name
    inside_word: bool = False

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "symbol": self.symbol,
            "label": self.label,
            "dimension": self.dimension,
            "kinds": list(self.kinds),
            "note": self.note,
        }


def _listed(name: str, unit: Unit | UnknownUnit, row: dict | None = None) -> Listed:
    """One row of the units list for a resolved unit (or one no rule resolves, with the reason)."""
    row = row or {}
    if isinstance(unit, UnknownUnit):
        return Listed(
            name,
            row.get("symbol", ""),
            row.get("label", ""),
            "—",
            tuple(row.get("kinds", ())),
            "not convertible: " + unit.reason,
        )
    note = {"claimgraph": "claimgraph's addition", "registry": "declared in the registry"}.get(unit.origin, "")
    if unit.origin == "composed":
        return Listed(
            name,
            "",
            "composed by QUDT's naming rules",
            describe(unit.dimension),
            (),
            f"multiplier {unit.multiplier:.12g} to the SI unit",
        )
    if unit.deprecated is not None:
        note = "deprecated" + (f": use {local_name(unit.deprecated)}" if unit.deprecated else "")
    return Listed(name, unit.symbol, unit.label, describe(unit.dimension), tuple(sorted(unit.kinds)), note)


def _declared_name(iri: str) -> str:
    """A unit the registry declares, by the name a claim gives it: ``GPU-HR`` in QUDT's namespace, else its IRI."""
    return iri[len(UNIT_NS) :] if iri.startswith(UNIT_NS) else iri


def list_units(
    text: str | None = None,
    catalogue: Catalogue | None = None,
    written: Callable[[str], str | None] | None = None,
    currencies: Callable[[str], list[str]] | None = None,
) -> list[Listed]:
    """Every unit the registry declares (``catalogue``: :func:`claimgraph.quantities.catalogue_for`), then
    every unit of the shipped table and claimgraph's additions, whose name, symbol, label or quantity kinds
    contain ``text`` (case-insensitive; all when None). A composed name (``GM-PER-KiloW-HR``) that no table
    holds is resolved and listed too, and so is a unit as the number reader reads it in text (``kg/kWh``,
    ``tCO2e``, ``PFLOP/s-day``; ``written``: the reader's function), that unit first; a currency symbol
    (``R$``, ``C$``, ``£``; ``currencies``: the reader's function) lists every currency it may be, first."""
    catalogue = catalogue or qudt_catalogue()
    rows = []
    for iri in sorted(catalogue.declared_units):
        try:
            unit: Unit | UnknownUnit = catalogue.unit(iri)
        except UnknownUnit as exc:
            unit = exc
        rows.append(_listed(_declared_name(iri), unit, catalogue.declared_units[iri]))
    declared = {r.name for r in rows}
    for name, unit in every_unit():
        if name not in declared:  # a registry's own unit of a QUDT name is the one its claims use
            rows.append(_listed(name, unit, table()["units"].get(name)))
    if not text:
        return rows

    def squeezed(value: str) -> str:  # "kWh" finds "kW·h", "pound mass" finds "Pound Mass", "µm" finds "μm"
        return re.sub(r"[\s·_\-]", "", value.translate(_SAME_CHARACTERS).lower())

    def search(needle: str) -> list[Listed]:
        found = []
        for r in rows:
            # how the words of its names hold the needle: whole words ("mile" in "Nautical Mile"), the start of
            # one ("kilo" in "Kilogram"), or only inside one ("nodi" in "Synodic"); None: not at all
            held = [_held(needle, v, identifier) for v, identifier in _searched(r)]
            if any(h is not None for h in held):
                best = min(h for h in held if h is not None)
                if best == _INSIDE:
                    inside = f"“{text.strip()}” only inside a word of its names"
                    r = replace(r, inside_word=True, note="; ".join(filter(None, (inside, r.note))))
                found.append((r, best))

        # the registry's own units first, then the unit a reader typed ("kWh" is KiloW-HR before the
        # currencies per kWh), then names, symbols and labels that begin with it as whole words ("knot" in
        # "Knot per Second"), then those holding it as whole words ("Nautical Mile"), then names and symbols that
        # begin with it, then the rest in the table's order, where it is only inside a word ("nodi" in "Synodic
        # Month") last
        def rank(row: Listed, best: int) -> int:
            if row.name in declared:
                return 0
            if needle in (squeezed(row.name), squeezed(row.symbol), squeezed(row.label)):
                return 1
            named = [_held(needle, value, identifier) for value, identifier in _searched(row)[:3]]
            if _LEADING_WORDS in named:
                return 2
            if _WHOLE in named:
                return 3
            if squeezed(row.name).startswith(needle) or squeezed(row.symbol).startswith(needle):
                return 4
            return 5 if best < _INSIDE else 6

        found.sort(key=lambda pair: rank(*pair))
        return [r for r, _ in found]

    found = search(squeezed(text))
    if squeezed(text).endswith("s") and all(r.inside_word for r in found):
        # "GPU-hours" finds the registry's "GPU-hour", "knots" the knot
        found = search(squeezed(text)[:-1]) or found
    first = _resolved(text, catalogue, written)
    if _QUOTIENT.search(text):
        # "W m-2" squeezed is "wm2", which names W-M2 (watts times square metres): a quotient typed is never
        # answered by a product, only by the unit it reads as and the units of its dimension
        found = [
            r
            for r in found
            if "-PER-" in r.name and (first is None or r.dimension == first.dimension or r.name == first.name)
        ]
    if first is not None:
        found = [first] + [r for r in found if r.name != first.name]
    named = currencies(text) if currencies else []
    if named:
        listed = {r.name: r for r in reversed(rows)} | ({first.name: first} if first is not None else {})
        by_symbol = [listed[name] for name in named if name in listed]
        by_symbol = [r if r.note else replace(r, note=f"read in text as “{text}”") for r in by_symbol]
        found = by_symbol + [r for r in found if r.name not in named]
    cents = _cent_units(text, catalogue, written)
    if cents:
        # "ct/kWh", "c€/kWh": the unit in cents first ("ct" is also the carat's symbol, listed after)
        found = cents + [r for r in found if r.name not in {c.name for c in cents}]
    return found


#: how a hundredth of a currency is written before a unit or alone ("ct/kWh", "c€/kWh", "10¢", "Cent pro kWh"):
#: the notation, then the currencies it may be a cent of, the usual one first. "ct" is the euro cent of German
#: price tables (BDEW, BNetzA), "¢" the US cent (as the number reader reads it), "cent" either.
_CENT_NOTATIONS = re.compile(
    r"\s*(?:(?P<euro>c€|€c|ct|euro[-\s]?cents?|eurocents?|céntimos?(?:\s+de\s+euro)?|centimes?(?:\s+d['’]euro)?)"
    r"|(?P<usd>¢|us\s?¢|us\s?cents?)|(?P<either>cents?))(?P<rest>\s*(?:/|\bper\b|\bpro\b|\bje\b|\bpor\b|\bpar\b).*)?",
    re.IGNORECASE,
)


def _cent_units(text: str, catalogue: Catalogue, written: Callable[[str], str | None] | None) -> list[Listed]:
    """The units ``text`` names in cents, each as QUDT's name composes it (``CentiCCY_EUR-PER-KiloW-HR`` for
    "ct/kWh", ``CentiCCY_USD`` for "¢"); the unit after the slash as ``written`` (the number reader) reads it
    after the currency; ``[]`` when ``text`` is no cent notation."""
    notation = _CENT_NOTATIONS.fullmatch(text)
    if notation is None:
        return []
    codes = ("EUR",) if notation.group("euro") else ("USD",) if notation.group("usd") else ("EUR", "USD")
    rest = notation.group("rest") or ""
    out = []
    for code in codes:
        if rest:
            per = written(code + rest) if written is not None else None
            if not per or not per.startswith(UNIT_NS + f"CCY_{code}-"):
                continue
            name = "Centi" + per[len(UNIT_NS) :]
        else:
            name = f"CentiCCY_{code}"
        try:
            unit = catalogue.unit(UNIT_NS + name)
        except UnknownUnit:
            continue
        listed = _listed(name, unit)
        out.append(replace(listed, note=f"“{text.strip()}”: a hundredth of {code}, a cent; " + listed.note))
    return out


#: how a search's text stands in a name: as its first whole words, as whole words, at the start of a word, only
#: inside one
_LEADING_WORDS, _WHOLE, _WORD_START, _INSIDE = 0, 1, 2, 3
#: a word of a unit's symbol or label: letters and digits, or one other character ("/", "(", "%")
_PLAIN_WORDS = re.compile(r"[^\W_]+|[^\s·_\-]")
#: a word of a QUDT name or quantity kind, which join theirs in capitals: Kilo|N, MO|Synodic, Floating|Point
_IDENTIFIER_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+|[^\W_]|[^\s·_\-]")


def _searched(row: Listed) -> list[tuple[str, bool]]:
    """The texts of ``row`` a search looks in, each with whether it is an identifier (words in capitals):
    its name, symbol and label first, then its quantity kinds."""
    return [(row.name, True), (row.symbol, False), (row.label, False), *((kind, True) for kind in row.kinds)]


def _held(needle: str, value: str, identifier: bool) -> int | None:
    """How ``value`` holds ``needle`` (squeezed as the search compares them): :data:`_LEADING_WORDS` when the
    needle is its first whole words ("day" in "DAY-PER-NUM"), :data:`_WHOLE` whole words elsewhere ("mile" in
    "Nautical Mile"), :data:`_WORD_START` when it begins a word ("kilo" in "Kilogram"), :data:`_INSIDE` when it
    stands only inside one ("nodi" in "Synodic"); None when it is not in ``value``."""
    if needle not in re.sub(r"[\s·_\-]", "", value.translate(_SAME_CHARACTERS).lower()):
        return None  # most units: no need to find the words
    words = [
        re.sub(r"[\s·_\-]", "", word.translate(_SAME_CHARACTERS).lower())
        for word in (_IDENTIFIER_WORDS if identifier else _PLAIN_WORDS).findall(value)
    ]
    words = [word for word in words if word]
    text = "".join(words)
    if needle not in text:
        return None
    starts, ends, at = set(), set(), 0
    for word in words:
        starts.add(at)
        at += len(word)
        ends.add(at)
    best = _INSIDE
    position = text.find(needle)
    while position >= 0:
        if position in starts:
            whole = position + len(needle) in ends
            best = min(best, (_LEADING_WORDS if position == 0 else _WHOLE) if whole else _WORD_START)
        position = text.find(needle, position + 1)
    return best


#: characters a search takes for the ones QUDT writes: the micro sign (U+00B5, what keyboards and PDFs give) for the
#: Greek mu (U+03BC), the ohm sign (U+2126) for the Greek omega, digits for superscripts ("g/cm3" finds "g/cm³")
_SAME_CHARACTERS = str.maketrans({"\u00b5": "\u03bc", "\u2126": "\u03a9", "²": "2", "³": "3", "⁻": "-", "¹": "1"})
#: a unit typed as a quotient: a slash, "per", or a negative power ("W m⁻²", "W m-2", "W m^-2", "Gt yr−1")
_QUOTIENT = re.compile(r"/|\bper\b|⁻|\^\{?[-−]|[A-Za-z][-−][1-9]\b", re.IGNORECASE)
#: a rate typed per decade ("K/decade"), which the reader reads per year
_PER_DECADE = re.compile(r"decade|décennie|decennie|jahrzehnt|dekade|década", re.IGNORECASE)


def _resolved(text: str, catalogue: Catalogue, written: Callable[[str], str | None] | None) -> Listed | None:
    """The unit ``text`` names (a unit's name, one composed by QUDT's rules) or, failing that, the unit
    ``written`` reads in it as written after a number ("kg/kWh": the number reader's
    :func:`~claimgraph.numbers_in_text.unit_written`, given by the caller, the reader being built on this
    module); None when neither resolves."""
    read = written(text) if written is not None else None
    for iri, how in ((UNIT_NS + text, ""), (text, ""), (read, f"read in text as “{text}”")):
        if not iri or not (iri.startswith(UNIT_NS) or iri in catalogue.declared_units):
            continue
        try:
            unit = catalogue.unit(iri)
        except UnknownUnit:
            continue
        name = _declared_name(iri)
        listed = _listed(name, unit, table()["units"].get(name) or catalogue.declared_units.get(iri))
        if how and _PER_DECADE.search(text):
            how += ": a decade is ten years, a value per decade is ten times the value per year"
        if how:
            listed = replace(listed, note="; ".join(n for n in (how, listed.note) if n))
        return listed
    return None


def list_kinds(text: str | None = None) -> list[Listed]:
    """QUDT's quantity kinds whose name or label contains ``text``."""
    rows = []
    for name in sorted(table()["kinds"]):
        kind = qudt_catalogue().kind(QUANTITYKIND_NS + name)
        if kind is None:  # QUDT's quantitykind:Unknown, of dimension "NotApplicable"
            row = table()["kinds"][name]
            rows.append(
                Listed(name, "", row.get("label", name), "—", (), "no dimension: no unit is checked against it")
            )
            continue
        dimension = kind_dimension(kind)
        rows.append(Listed(name, "", kind.label, dimension, tuple(local_name(b) for b in kind.broader)))
    if text:
        needle = text.lower()
        rows = [r for r in rows if needle in r.name.lower() or needle in r.label.lower()]
    return rows


def units_markdown() -> str:
    """docs/units.md: how units are resolved, and every unit claimgraph converts (a test keeps it in step)."""
    about = table()["about"]
    rows = list_units()
    convertible = [r for r in rows if not r.note.startswith("not convertible")]
    lines = [
        "# Units",
        "",
        "<!-- Generated by `claimgraph units --markdown > docs/units.md`; tests/test_units_docs.py keeps it in step. -->",
        "",
        f"claimgraph converts units with the data of QUDT {about['release']} (commit `{about['commit'][:12]}` "
        "of the `qudt/qudt-public-repo` repository): each unit's conversion multiplier and offset, its dimension "
        "vector and the quantity kinds QUDT lists it for. The data is extracted from QUDT's Turtle by "
        "`tools/extract_qudt.py` into `src/claimgraph/data/qudt-units.json`, shipped in the package with QUDT's "
        "licence (CC BY 4.0, attribution to QUDT.org: `src/claimgraph/data/qudt-LICENSE.md`).",
        "",
        "A value's unit (`qudt:unit`) is resolved in this order:",
        "",
        "1. a unit the registry declares in its own data: `unit:GPU-HR a qudt:Unit ; "
        "qudt:conversionMultiplier 3600.0 ; qudt:hasDimensionVector qkdv:A0E0L0I0M0H0T1D0 ; "
        "qudt:hasQuantityKind quantitykind:Time .`;",
        "2. a unit of QUDT's vocabulary, listed below;",
        "3. claimgraph's additions for what QUDT lacks (marked below): `unit:FLOP`, a count of floating-point "
        "operations;",
        "4. a unit composed by QUDT's naming rules from those: a prefix glued to a unit (`GigaFLOP`, `MegaGM`), "
        "units joined by `-` (a product: `KiloW-HR`), `-PER-` before the denominator (`GM-PER-KiloW-HR`, "
        "`TONNE-PER-MegaW-HR`, `TeraFLOP-PER-SEC`), an exponent after a unit (`KiloM2`), and a bare number as "
        "a factor (`KiloW-HR-PER-1000`: per thousand queries). A unit the registry declares is one factor "
        "even when its name has a `-` in it, the longest declared name first: `CCY_USD-PER-GPU-HR` is dollars "
        "per `GPU-HR`.",
        "",
        "`claimgraph units NAME` shows how a name resolves: the units the registry declares first (`--registry "
        "DIR`; by default the current folder, when it holds a `claimgraph.toml`), then QUDT's and claimgraph's. "
        "It also finds a unit by the notation the number reader reads after a number in text "
        "([numbers.md](numbers.md)): `claimgraph units kg/kWh` is `KiloGM-PER-KiloW-HR`, `tCO2e` is `TONNE`, "
        "`gCO2/kWh` is `GM-PER-KiloW-HR`, `PFLOP/s-day` is `DAY-PetaFLOP-PER-SEC`, `liter` is `L`, `g/cm3` is "
        "`GM-PER-CentiM3`, `ohm cm` is `OHM-CentiM`, `lb/acre` is `LB-PER-AC`, `Mha` is `MegaHA`; the micro sign "
        "(`µm`, U+00B5, what keyboards and PDFs give) finds what the Greek mu QUDT writes finds (`μm`: `MicroM`), "
        "and `g/cm3` what `g/cm³` finds; a search for "
        '`GPU-hours` finds a registry\'s `GPU-HR` labelled "GPU-hour". A currency is found by the symbol the '
        "reader reads before a number: `R$` is `CCY_BRL`, `C$` `CCY_CAD`, `£` `CCY_GBP`; a symbol several "
        "currencies share lists each of them (`¥`: `CCY_JPY`, then `CCY_CNY`). A price in cents is found by "
        "its cent: `ct/kWh`, `c€/kWh` and `Cent pro kWh` are `CentiCCY_EUR-PER-KiloW-HR` (`Cent` may also be "
        "the US cent, listed next), `¢/kWh` is `CentiCCY_USD-PER-KiloW-HR`, and `ct` lists the euro cent "
        "before the carat. A prefixed currency is printed with the prefix before the currency's own sign "
        "when that sign is one currency's, as QUDT writes M$ (`GigaCCY_EUR` G€, `CentiCCY_EUR-PER-KiloW-HR` "
        "c€/kWh), else before its ISO code, as a currency alone is printed (`MegaCCY_USD` MUSD, `CCY_EUR` EUR). "
        "Units whose name, symbol or label holds the text as whole words come before those that hold it inside "
        "a word (`gram`: `A-PER-GM`, Ampere per Gram, before Ampere Hour per Kilogram); when the text is only "
        "inside other words, the search says no unit is named so (`claimgraph units anno`, Italian for year, "
        "lists the Shannon under \"no unit is named 'anno'\"). The labels searched are QUDT's English ones.",
        "",
        "Two dimensions are added to QUDT's seven, read off QUDT's quantity kinds: **each currency is a "
        "dimension of its own** (QUDT gives every currency the multiplier 1 and no dimension; claimgraph never "
        "converts one currency into another, and 5 USD is not compared with 5 EUR), and **floating-point "
        "operations** (QUDT gives TFLOPS the dimension of Hz; a FLOP rate is not a frequency). Qualifiers such "
        "as CO2e belong to the measurand (its label and quantity kind), not to the unit: 231 gCO2e/kWh is "
        "`unit:GM-PER-KiloW-HR` on a measurand of carbon intensity.",
        "",
        "Values of one dimension are compared in one unit, whatever unit each claim is written in: the unit "
        "its quantity kind is shown in (energy in MWh, durations in days), else the unit of multiplier 1 of "
        "its dimension, QUDT's or claimgraph's (`unit:FLOP` for 3.14e23 FLOP, 3.14e11 `TeraFLOP` and 3634 "
        "PFLOP/s-days, `unit:DAY-PetaFLOP-PER-SEC`), else one composed of the base units "
        "(`unit:CCY_USD-PER-FLOP` for dollars per EFLOP). A price, one currency per a quantity shown in a unit "
        "of its own, is per that unit: `unit:CCY_USD-PER-MegaW-HR` for $0.10/kWh (100 USD/MWh; euros per MWh for €/kWh), "
        "`unit:CCY_EUR-PER-TONNE` per mass, `unit:CCY_USD-PER-DAY` per time. Two values compare equal but "
        "for float rounding within 1e-10 of their size, never within an absolute amount: values compare alike "
        "at every scale (1.6e-19 C is not 1.6e-18 C).",
        "",
        "**Kinds with a unit of their own.** Some quantity kinds live at scales where the unit of their "
        "dimension is unreadable, or is the unit of another quantity: a band gap of 1.12 eV is "
        "4.98 × 10⁻²⁹ MWh, a specific energy in m²/s² reads as no energy, a torque in MWh means nothing. "
        "Their values are normalised to the unit their field states them in (`quantities.KIND_UNITS`), and so "
        "are those of any kind narrower than one (QUDT's `SuperconductorEnergyGap`, or a registry's own kind "
        "declared `skos:broader quantitykind:GapEnergy`): `unit:EV` for the atomic and nuclear energies "
        "`GapEnergy`, `IonizationEnergy`, `ElectronAffinity`, `FermiEnergy`, `WorkFunction`, "
        "`ExchangeIntegral`, `EnergyLevel`, `LevelWidth`, `ResonanceEnergy`, `RestEnergy`, `ReactionEnergy`, "
        "`AlphaDisintegrationEnergy`, `BetaDisintegrationEnergy`, `MaximumBetaParticleEnergy` and "
        "`AverageEnergyLossPerElementaryChargeProduced`; `unit:J-PER-KiloGM` for `SpecificEnergy` (250 Wh/kg "
        "is 900,000 J/kg); `unit:GRAY` for `AbsorbedDose` and `Kerma`; `unit:SV` for `DoseEquivalent`; "
        "`unit:N-M` for `Torque` and `MomentOfForce`; `unit:DEATHS-PER-HUNDRED-THOUSAND-INDIV-YR` for "
        "`MortalityRate` and `unit:CASES-PER-HUNDRED-THOUSAND-INDIV-YR` for `MorbidityRate`. A measurand of the "
        "broader kind keeps the unit of its dimension (`Energy` in MWh): give a photon or a binding energy a "
        "measurand of one of these kinds, or of a kind of your own declared narrower than one, to have it "
        "compared and shown in eV. A quote's value has no measurand and is normalised as a value of no kind. "
        "The normalised values (`cg:normalisedValue`, `cg:normalisedUnit`) are the ones `list claims`, the "
        "exports, the saved queries (`measurand-spread`) and the site show, in QUDT's symbol of their unit.",
        "",
        "QUDT's `unit:MO` is the synodic month (29.53 days) and `unit:YR` the Julian year (365.25 days); "
        "`unit:MO_MeanJulian` is a twelfth of that year. Conversions use QUDT's values; only the formula "
        "`halvingTimeToAnnualFactor` reads a halving time in `unit:MO` as twelfths of a year, as its "
        "definition says. Durations are normalised to days (`unit:DAY`, 86,400 s): 12 hours is 0.5 days, "
        "8 months 236 days; a conflict between claims is reported, and a chart of them drawn, in the unit most of "
        "them are written in.",
        "",
        "**Temperatures and temperature differences.** QUDT gives `unit:DEG_C` (and `DEG_F`) an offset: 15 °C "
        "is 288.15 K, a point of a scale. A *difference* between two points has no offset: a warming of 1.1 °C "
        "is one of 1.1 K. So a value converts with the offset when its measurand's quantity kind is a "
        "temperature (`ThermodynamicTemperature`, `Temperature`, or no kind), and without it when the kind is "
        "`TemperatureDifference` or a kind declared a specialisation of it (`skos:broader`, "
        "`qudt:specializationOf`): give a warming, an anomaly or a change in °C the quantity kind "
        "`TemperatureDifference`. Rates (`DEG_C-PER-YR`) have no offset. The normalised values "
        "(`cg:normalisedValue`, in K), the conflicts between claims, the charts and the comparison of the numbers "
        "of a quote or a statement (`CG320`, `CG322`) follow the same rule: a quote's number takes its claim's kind. "
        '"Melting point 933.5 K" states a claim of 660.35 °C whose kind is `MeltingPoint` (a kind of the '
        'dimension of temperature that is no difference), never one of 933.5 °C; "a warming of 1.1 °C" states a '
        "`TemperatureDifference` of 1.1 K, never one of 274.25 K. One difference: a quote's number against a claim "
        "whose measurand names no kind may be either, as the words rarely say which (see "
        "[numbers.md](numbers.md)); the claim's own value is still normalised as a temperature.",
        "",
        "Derivations follow it too (`CG350`–`CG352`): an operand claim on a temperature is a point, one on a "
        "`TemperatureDifference` a difference. A `difference` of two temperatures is a temperature difference "
        "(15 °C − 13.9 °C is 1.1 °C, never −272 °C); a `sum` of differences and at most one temperature is "
        "of that one's kind; products, quotients and ratios of differences (or of rates: 0.02 °C/yr × 30 yr "
        "= 0.6 °C) carry no offset; a `conversion` follows the derived claim's kind (a 1.09 °C warming is "
        "1.09 K). A product, quotient or ratio of an absolute temperature written in °C or °F, a sum of two "
        "absolute temperatures, or a difference minus an absolute temperature means nothing and is refused (`CG351`, saying to give the measurand the kind "
        "`TemperatureDifference` if it is a change, or to state it in kelvin); one in kelvin is computed in "
        "kelvin.",
        "",
        "A unit no rule resolves is `CG331`; a quantity kind neither QUDT nor the registry defines, `CG334`; a "
        "unit whose dimension does not fit the measurand's quantity kind, `CG330`; a unit of the right "
        "dimension that QUDT does not list for the kind, `CG335` (info). A value whose unit is `CG331` or `CG330` "
        "is not compared with the numbers its quotes and statements print: the one finding says what to fix. "
        "Quantity kinds: `claimgraph units --kinds [TEXT]`.",
        "",
        "Check's messages and the site (pages, verdicts, charts, tables) print a unit by the symbols of its parts, a "
        "calendar period in a compound unit by its symbol too: `d`, `wk`, `mo` and `yr` (`kWh/yr`, `kWh/(m²·yr)`, "
        "`GW·yr`; QUDT writes the year `a`, rarer in the texts claims quote). A period alone is a duration, printed "
        "as its word (`30 years`, `28 days`). The symbol column below is QUDT's own. A unit the registry declares "
        'is printed by the symbol it declares (`qudt:symbol "mL/min/1.73 m²"`; else its `rdfs:label`, else as its '
        "name reads), which no rule reads off a name, and is compared with the numbers quotes and statements print "
        "through its multiplier and dimension, as QUDT's are: a claim of 3 `GPU-HR` (3600 s each) is stated by "
        '"training took 3 hours".',
        "",
        f"## The {len(convertible)} units QUDT {about['release']} defines and claimgraph converts",
        "",
        "| unit | symbol | label | dimension | note |",
        "|---|---|---|---|---|",
    ]

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    for r in convertible:
        lines.append(f"| `{r.name}` | {cell(r.symbol)} | {cell(r.label)} | {cell(r.dimension)} | {cell(r.note)} |")
    others = [r for r in rows if r.note.startswith("not convertible")]
    substance = [r for r in others if r.name in SUBSTANCE_UNITS]
    logarithmic = [r for r in others if r.name in LOGARITHMIC_UNITS]
    rest = [r for r in others if r.name not in SUBSTANCE_UNITS | LOGARITHMIC_UNITS]

    def names(listed: list) -> str:
        return ", ".join(f"`{r.name}`" for r in listed)

    lines += [
        "",
        f"## The {len(others)} QUDT units without a linear conversion",
        "",
        "QUDT gives these the conversion multiplier 0: a value in one of them is `CG331`, whose message says "
        "which of three cases the unit is.",
        "",
        f"**Linear, but each substance's own** ({len(substance)}): {names(substance)}. An international unit "
        "(IU) is an amount of biological activity: its mass depends on the substance (1 IU of vitamin D is "
        "0.025 µg; of another vitamin or a hormone, another mass); an osmole's amount depends on the particles "
        "the solute gives in solution. Declare a unit for the substance in the registry's data, and write "
        "values in it (`unit:IU-VITD`, `unit:IU-VITD-PER-DAY` for a daily dose), so that 4000 IU of vitamin D "
        "is compared with 100 µg:",
        "",
        "```turtle",
        "@prefix qkdv: <http://qudt.org/vocab/dimensionvector/> .",
        "unit:IU-VITD a qudt:Unit ; qudt:conversionMultiplier 2.5e-11 ;  # 0.025 µg, in kg",
        "    qudt:hasDimensionVector qkdv:A0E0L0I0M1H0T0D0 ;",
        '    rdfs:label "international unit of vitamin D" .',
        "```",
        "",
        f"**Logarithmic scales** ({len(logarithmic)}): {names(logarithmic)}. A level in bels, nepers, decades "
        "or octaves, a pH, a magnitude or a wire gauge has no linear conversion.",
        "",
        f"**Others** ({len(rest)}): {names(rest)}. Non-linear or empirical scales (degrees Baumé, Beaufort, "
        "tonnage), units set by a medium or a convention (Mach, okta), and units QUDT's data gives no value "
        "(some deprecated for another unit, which the message names). A linear one can be declared in the "
        "registry's data, as above.",
        "",
    ]
    return "\n".join(lines)
