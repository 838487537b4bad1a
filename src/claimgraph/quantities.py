"""Quantities: QUDT units, normalisation, rounding tolerance (numbers written in text are read by
:mod:`claimgraph.numbers_in_text`).

Conversions and dimensions come from QUDT's own data (:mod:`claimgraph.qudt`: the
shipped table of QUDT's units, their multipliers, offsets and dimension vectors);
nothing here is a conversion table. The functions below answer with QUDT's
vocabulary and claimgraph's additions only; a registry that declares units of
its own asks :func:`catalogue_for` instead.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .qudt import QUANTITYKIND_NS, UNIT_NS, Catalogue, UnknownUnit, qudt_catalogue  # noqa: F401  (public API)

#: The unit each quantity kind's values are shown and compared in, for people (energy in MWh,
#: not in joules), and the unit any value of that dimension is normalised to, whatever its kind (but those of
#: :data:`KIND_UNITS`); any other dimension is normalised to its SI coherent unit. Durations go to days,
#: a unit people write at every scale a registry meets (12 hours is 0.5 days, 8 months 236 days),
#: where QUDT's month is the synodic one (29.53 days) that nobody means.
CANONICAL_UNITS = {
    "Energy": "MegaW-HR",
    "Mass": "TONNE",
    "Time": "DAY",
    "Power": "MegaW",
    "Dimensionless": "UNITLESS",
    "DimensionlessRatio": "UNITLESS",
    "Count": "NUM",
    "Frequency": "HZ",
    "Length": "M",
    "Volume": "L",
    "MassPerEnergy": "GM-PER-KiloW-HR",  # carbon intensity, as grids and papers state it
    "FloatingPointCalculationCapability": "TeraFLOPS",
}

_ELECTRONVOLT_KINDS = (
    "GapEnergy",
    "IonizationEnergy",
    "ElectronAffinity",
    "FermiEnergy",
    "WorkFunction",
    "ExchangeIntegral",
    "EnergyLevel",
    "LevelWidth",
    "ResonanceEnergy",
    "RestEnergy",
    "ReactionEnergy",
    "AlphaDisintegrationEnergy",
    "BetaDisintegrationEnergy",
    "MaximumBetaParticleEnergy",
    "MaximumBeta-ParticleEnergy",
    "AverageEnergyLossPerElementaryChargeProduced",
)

#: Kinds whose values the unit of their dimension shows unreadably, or as another quantity: a band gap of 1.12 eV
#: is 4.98 × 10⁻²⁹ MWh, a specific energy in m²/s² no reader reads as J/kg, a torque in MWh nonsense. Each is
#: normalised to the unit its own field writes it in, QUDT's, and so is any kind narrower than it (QUDT's
#: SuperconductorEnergyGap, a registry's own kind declared ``skos:broader quantitykind:GapEnergy``). Only for the
#: kind: a value of no kind, or of a broader one (Energy), keeps the unit of its dimension above.
KIND_UNITS = {
    **dict.fromkeys(_ELECTRONVOLT_KINDS, "EV"),  # atomic and nuclear energies, as physics states them
    "SpecificEnergy": "J-PER-KiloGM",  # Wh/kg of batteries and MJ/kg of fuels, in SI's unit of the kind
    "AbsorbedDose": "GRAY",
    "Kerma": "GRAY",
    "DoseEquivalent": "SV",
    "Torque": "N-M",
    "MomentOfForce": "N-M",
    "MortalityRate": "DEATHS-PER-HUNDRED-THOUSAND-INDIV-YR",  # as epidemiology states rates: per 100,000 a year
    "MorbidityRate": "CASES-PER-HUNDRED-THOUSAND-INDIV-YR",
}


def kind_local(kind_iri: str | None) -> str | None:
    if kind_iri and kind_iri.startswith(QUANTITYKIND_NS):
        return kind_iri[len(QUANTITYKIND_NS) :]
    return None


def catalogue_for(registry) -> Catalogue:
    """The units a registry can use: QUDT's, claimgraph's additions and those its own data declares
    (read once per loaded registry)."""
    cache = registry.__dict__.setdefault("_evidence_cache", {})
    if "unit_catalogue" not in cache:
        cache["unit_catalogue"] = _declared(registry)
    return cache["unit_catalogue"]


_DECLARED_UNITS = """
SELECT ?u ?m ?o ?dv ?kind ?symbol ?label ?code WHERE {
  ?u a qudt:Unit .
  OPTIONAL { ?u qudt:conversionMultiplier ?m } OPTIONAL { ?u qudt:conversionOffset ?o }
  OPTIONAL { ?u qudt:hasDimensionVector ?dv }
  OPTIONAL { ?u qudt:hasQuantityKind|qudt:unitForQuantityKind ?kind }
  OPTIONAL { ?u qudt:symbol ?symbol } OPTIONAL { ?u rdfs:label ?label } OPTIONAL { ?u qudt:currencyCode ?code }
}
"""
_DECLARED_KINDS = """
SELECT ?k ?dv ?label ?broader WHERE {
  ?k a qudt:QuantityKind .
  OPTIONAL { ?k qudt:hasDimensionVector ?dv } OPTIONAL { ?k rdfs:label ?label }
  OPTIONAL { ?k skos:broader|qudt:specializationOf ?broader }
}
"""


def _declared(registry) -> Catalogue:
    units: dict[str, dict] = {}
    for row in registry.select(_DECLARED_UNITS):
        iri = row["u"]
        if not isinstance(iri, str) or iri.startswith("_:"):
            continue
        entry = units.setdefault(iri, {"kinds": []})
        for key, column in (
            ("multiplier", "m"),
            ("offset", "o"),
            ("symbol", "symbol"),
            ("label", "label"),
            ("currency", "code"),
        ):
            if row.get(column) is not None and key not in entry:
                entry[key] = str(row[column])
        if isinstance(row.get("dv"), str):
            entry["dimension"] = row["dv"].rsplit("/", 1)[-1]
        if isinstance(row.get("kind"), str) and row["kind"].startswith(QUANTITYKIND_NS):
            kind = row["kind"][len(QUANTITYKIND_NS) :]
            if kind not in entry["kinds"]:
                entry["kinds"].append(kind)
    kinds: dict[str, dict] = {}
    for row in registry.select(_DECLARED_KINDS):
        iri = row["k"]
        if not isinstance(iri, str) or iri.startswith("_:"):
            continue
        entry = kinds.setdefault(iri, {"broader": []})
        if isinstance(row.get("dv"), str):
            entry["dimension"] = row["dv"].rsplit("/", 1)[-1]
        if row.get("label") is not None:
            entry.setdefault("label", str(row["label"]))
        if isinstance(row.get("broader"), str) and row["broader"].startswith(QUANTITYKIND_NS):
            entry["broader"].append(row["broader"][len(QUANTITYKIND_NS) :])
    if not units and not kinds:
        return qudt_catalogue()
    return Catalogue(declared_units=units, declared_kinds=kinds)


def dimension_of(unit_iri: str, catalogue: Catalogue | None = None) -> tuple:
    """The dimension of a unit (see :func:`claimgraph.qudt.parse_vector`): QUDT's, claimgraph's, composed, or one
    the registry declares when ``catalogue`` is its own (:func:`catalogue_for`); raises :class:`UnknownUnit`."""
    if catalogue is None:
        return _qudt_dimension(unit_iri)
    return catalogue.unit(unit_iri).dimension  # (the catalogue keeps each unit it resolved: a dict look-up)


@lru_cache(maxsize=4096)
def _qudt_dimension(unit_iri: str) -> tuple:
    return qudt_catalogue().unit(unit_iri).dimension


def unit_resolves(unit_iri: str, catalogue: Catalogue | None = None) -> bool:
    """Does a rule resolve the unit (QUDT's, claimgraph's, the registry's, composed)? An empty unit
    (none given: the shapes report it) counts as resolved: a number without a unit is taken in it."""
    if not unit_iri:
        return True
    try:
        (catalogue or qudt_catalogue()).unit(unit_iri)
    except UnknownUnit:
        return False
    return True


def compared_with_texts(unit_iri: str, kind_iri: str | None, catalogue: Catalogue | None = None) -> bool:
    """Is a claim's value in ``unit_iri`` (its measurand of kind ``kind_iri``) compared with the numbers its quotes and
    statements print? Not when no rule resolves the unit (CG331), nor when the unit's dimension contradicts the
    kind (CG330: a length for a mass): either finding says what to fix, and a comparison of "5 m" with a quote's
    "5 kg" would only report the same mistake twice more (CG320, CG322)."""
    catalogue = catalogue or qudt_catalogue()
    known = catalogue.compared_with_texts.get((unit_iri, kind_iri))
    if known is None:  # (asked for each statement and quote: 30,000 times at 10,000 claims, of a few pairs)
        known = unit_resolves(unit_iri, catalogue) and (
            not unit_iri or not kind_iri or dimension_fits(unit_iri, kind_iri, catalogue) is not False
        )
        catalogue.compared_with_texts[(unit_iri, kind_iri)] = known
    return known


def dimension_fits(unit_iri: str, kind_iri: str, catalogue: Catalogue | None = None) -> bool | None:
    """True/False when both are known; None when the quantity kind is not one QUDT (or the registry) defines."""
    catalogue = catalogue or qudt_catalogue()
    kind = catalogue.kind(kind_iri)
    if kind is None:
        return None
    return kind.fits(catalogue.unit(unit_iri).dimension)


def canonical_unit(unit_iri: str, kind_iri: str | None = None, catalogue: Catalogue | None = None) -> str:
    """The unit values of this unit (on a measurand of this kind) are compared and shown in."""
    catalogue = catalogue or qudt_catalogue()
    known = catalogue.canonical_units.get((unit_iri, kind_iri))
    if known is None:
        # (a unit no rule resolves raises each time it is asked: the unit check reports it)
        known = catalogue.canonical_units[(unit_iri, kind_iri)] = _canonical_unit(unit_iri, kind_iri, catalogue)
    return known


def _canonical_unit(unit_iri: str, kind_iri: str | None, catalogue: Catalogue) -> str:
    dimension = catalogue.unit(unit_iri).dimension
    own = _kind_unit(kind_iri, catalogue)
    if own is not None and dimension_of(UNIT_NS + own) == dimension:
        return UNIT_NS + own
    kind = kind_local(kind_iri)
    if kind in CANONICAL_UNITS and dimension_of(UNIT_NS + CANONICAL_UNITS[kind]) == dimension:
        return UNIT_NS + CANONICAL_UNITS[kind]
    for local in CANONICAL_UNITS.values():
        if dimension_of(UNIT_NS + local) == dimension:
            return UNIT_NS + local
    return _priced_unit(dimension, catalogue) or catalogue.coherent_unit(dimension) or unit_iri


def _kind_unit(kind_iri: str | None, catalogue: Catalogue) -> str | None:
    """The unit of :data:`KIND_UNITS` of the kind, or of the nearest kind it is narrower than; None for none."""
    todo, seen = [kind_iri] if kind_iri else [], set()
    while todo:
        iri = todo.pop(0)
        if iri in seen:
            continue
        seen.add(iri)
        local = kind_local(iri)
        if local in KIND_UNITS:
            return KIND_UNITS[local]
        if local in CANONICAL_UNITS:
            return None  # a kind with a unit of its own above (Energy): nothing broader is asked
        kind = catalogue.kind(iri)
        if kind is not None:
            todo.extend(kind.broader)
    return None


def _priced_unit(dimension: tuple, catalogue: Catalogue) -> str | None:
    """A price, one currency per something a unit above names: per the unit its quantity is shown in
    (``CCY_USD-PER-MegaW-HR`` for money per energy, ``CCY_USD-PER-TONNE`` per mass), as people state
    prices, where the base units would write ``SEC2-CCY_USD-PER-M2-KiloGM`` (USD·s²/(m²·kg)). None for
    anything else (USD per FLOP keeps its coherent unit, ``CCY_USD-PER-FLOP``)."""
    money = [(base, exponent) for base, exponent in dimension if base.startswith("currency:")]
    rest = [(base, exponent) for base, exponent in dimension if not base.startswith("currency:")]
    per = tuple((base, -exponent) for base, exponent in rest)
    # (USD·s is no price per hertz: what a price is per is a quantity, not the inverse of one)
    if len(money) != 1 or money[0][1] != 1 or not any(exponent > 0 for _, exponent in per):
        return None
    for local in CANONICAL_UNITS.values():
        if dimension_of(UNIT_NS + local) == per:
            iri = UNIT_NS + "CCY_" + money[0][0].split(":", 1)[1] + "-PER-" + local
            try:
                return iri if catalogue.unit(iri).dimension == dimension else None
            except UnknownUnit:
                return None
    return None


def convert(
    value: float, from_unit: str, to_unit: str, catalogue: Catalogue | None = None, difference: bool = False
) -> float:
    """``value`` in ``from_unit`` expressed in ``to_unit``, through QUDT's multipliers and offsets (none for a
    ``difference``: a warming of 1.1 °C is 1.1 K, where a temperature of 1.1 °C is 274.25 K); raises
    :class:`UnknownUnit`, or ValueError when the two dimensions differ."""
    if from_unit == to_unit:
        return value
    catalogue = catalogue or qudt_catalogue()
    source, target = catalogue.unit(from_unit), catalogue.unit(to_unit)
    if source.dimension != target.dimension:
        raise ValueError(f"cannot convert {source.name} to {target.name}: their dimensions differ")
    # 12 significant digits: 70 % is 0.7, not the 0.7000000000000001 of binary arithmetic
    return float(f"{target.from_si(source.to_si(value, difference), difference):.12g}")


def is_difference(kind_iri: str | None, catalogue: Catalogue | None = None) -> bool:
    """Is a value of the quantity kind ``kind_iri`` a difference (TemperatureDifference and its specialisations),
    converted without a unit's offset? An absolute kind (ThermodynamicTemperature) or none keeps the offset."""
    return (catalogue or qudt_catalogue()).is_difference(kind_iri)


def temperature_reading(kind_iri: str | None, catalogue: Catalogue | None = None) -> bool | None:
    """How a temperature a text writes in another scale than a claim's value is compared with it, as the claim's
    quantity kind says: True, as a difference of temperatures (:func:`is_difference`: a warming of 1.1 °C states
    one of 1.1 K); False, as a temperature, a point of its scale (any other kind of the dimension of temperature:
    ``ThermodynamicTemperature``, ``Temperature``, ``MeltingPoint``…: 933.5 K states 660.35 °C, never 933.5 °C);
    None when the kind does not say (no kind, one no data defines, or one of another dimension): either reading.
    The same rule as :func:`normalise`'s, but for no kind (docs/units.md)."""
    catalogue = catalogue or qudt_catalogue()
    known = catalogue.temperature_readings.get(kind_iri, _UNKNOWN)
    if known is _UNKNOWN:  # (asked once per claim by each check reading numbers: 10,000 times a check)
        if catalogue.is_difference(kind_iri):
            known = True
        else:
            kind = catalogue.kind(kind_iri)
            known = False if kind is not None and kind.dimension == (("H", 1),) else None
        catalogue.temperature_readings[kind_iri] = known
    return known  # type: ignore[return-value]


_UNKNOWN = object()


def normalise(
    value: float, unit_iri: str, kind_iri: str | None = None, catalogue: Catalogue | None = None
) -> tuple[float, str]:
    """``value`` in the canonical unit of its quantity kind (energy in MWh, ratios unitless…); a difference
    (:func:`is_difference`) without the unit's offset."""
    target = canonical_unit(unit_iri, kind_iri, catalogue)
    return convert(value, unit_iri, target, catalogue, is_difference(kind_iri, catalogue)), target


#: xsd:float is single precision: its largest and its smallest non-zero magnitude.
_FLOAT32_MAX, _FLOAT32_TINY = 3.4028234663852886e38, 1.401298464324817e-45


def number_problem(lexical: str, single: bool = False) -> str | None:
    """Why the numeral ``lexical`` is no number a check can compute with (None: it is one).

    Checks compute in doubles (``single``: an ``xsd:float``, which the store keeps in single
    precision). ``NaN`` and ``INF`` are valid XSD values but no measurement; a numeral beyond
    about 1.8e308 (3.4e38) reads as infinity, and a non-zero one below about 5e-324 (1.4e-45)
    as 0. Not a numeral at all gives None: that is an ill-typed literal (CG115) or the
    shapes' business.
    """
    text = lexical.strip()
    try:
        number = float(text)  # from a string, never OverflowError: inf instead
    except ValueError:
        return None
    largest, tiny = (_FLOAT32_MAX, _FLOAT32_TINY / 2) if single else (math.inf, 0.0)
    if math.isfinite(number) and tiny < abs(number) <= largest:
        return None  # nearly every value: nothing more to look at
    kind = "an xsd:float" if single else "a double"
    if math.isnan(number):
        return "NaN is not a number"
    if text.lstrip("+-") == "INF":
        return f"{text} is infinite, not a measured number"
    if math.isinf(number) or abs(number) > largest:
        return f"it is beyond the largest number {kind} holds (about {'3.4e38' if single else '1.8e308'})"
    if re.search(r"[1-9]", re.split(r"[eE]", text)[0]):
        return f"it is too small for {kind} (below about {'1.4e-45' if single else '5e-324'}) and reads as 0"
    return None


#: How far apart, relative to their size, two numbers may be and still be one: the binary noise of arithmetic
#: (0.1 + 0.2 is 0.30000000000000004) and the 12 significant digits :func:`convert` keeps (up to 5e-12 of the
#: value, once per conversion a comparison goes through). Relative, never absolute: an absolute slack of
#: 1e-12 made 1.6e-19 C and 1.6e-18 C "equal", and every band gap in MWh (10⁻²⁹) equal to every other.
#: A value written to 10 significant digits (1.602176634) is still held to its own rounding (5e-10 of it).
FLOAT_SLACK = 1e-10


def float_slack(*magnitudes: float) -> float:
    """The slack a comparison of these numbers allows for float rounding: :data:`FLOAT_SLACK` of the largest
    of them (0 when they are all 0: nothing to round)."""
    # a loop, not max() over a generator: every comparison of two numbers asks, 50,000 times in a check
    largest = 0.0
    for magnitude in magnitudes:
        size = abs(magnitude)
        if largest < size < math.inf:  # (False for NaN)
            largest = size
    return FLOAT_SLACK * largest


def written_digits(lexical: str | None) -> int:
    """The significant digits a number is written with: "2.70" 3, "0.0143" 3, "1.602176634e-19" 10, "1.0e3" 2
    (0 for no numeral)."""
    try:
        return len(Decimal((lexical or "").strip()).as_tuple().digits)
    except InvalidOperation:
        return 0


@lru_cache(maxsize=4096)  # (a pure function of the text, called for every value by each check comparing values)
def rounding_half_unit(lexical: str) -> float:
    """Half a unit in the last written digit: "1.3" -> 0.05, "433" -> 0.5, "0.25" -> 0.005."""
    try:
        d = Decimal(lexical.strip())
    except InvalidOperation:
        return 0.0
    exponent = d.as_tuple().exponent
    if not isinstance(exponent, int):
        return 0.0
    if "e" not in lexical.lower():
        exponent = min(exponent, 0)
    # through Decimal: 0.5 * 10 ** 400 would raise OverflowError, this gives inf (and tiny ones 0)
    return float(Decimal(5).scaleb(exponent - 1))


@dataclass(frozen=True)
class Quantity:
    """A value as a claim (or a quote) states it: a point or a range, a unit, and how loosely to read it.

    The one quantity type of claimgraph: checks compare it, the model reads it from the store
    (:mod:`claimgraph.model`), pages and tables print it. ``unit`` is a QUDT unit IRI, ``""`` when
    the value names none (the shapes report that); ``lexical`` is the number as written, and
    ``lower_lexical``, ``upper_lexical`` and ``tolerance_lexical`` the bounds and the tolerance as written
    (the tables print them so: ``1.30``, not ``1.3``). Those three are not compared: two quantities are
    equal as they were before the tables needed them."""

    unit: str
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    lexical: str | None = None
    relative_tolerance: float | None = None
    lower_lexical: str | None = field(default=None, compare=False)
    upper_lexical: str | None = field(default=None, compare=False)
    tolerance_lexical: str | None = field(default=None, compare=False)
    #: the symbol the registry declares for its own unit (:func:`declared_symbol`), which no rule reads off the
    #: unit's name: pages and charts print it as they print QUDT's. None for any other unit; not compared.
    declared_symbol: str | None = field(default=None, compare=False)

    @property
    def is_range(self) -> bool:
        return self.value is None and self.lower is not None and self.upper is not None

    @property
    def unit_symbol(self) -> str:
        return self.declared_symbol if self.declared_symbol is not None else _unit_symbol(self.unit)

    def with_declared_symbol(self, catalogue: Catalogue | None) -> Quantity:
        """The quantity holding its unit's :attr:`declared_symbol` in ``catalogue`` (the registry's units,
        :func:`catalogue_for`); itself when its unit is no unit the registry declares with a symbol or a label."""
        symbol = declared_symbol(self.unit, catalogue)
        return self if symbol is None else replace(self, declared_symbol=symbol)

    @property
    def midpoint(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.lower is not None and self.upper is not None:
            return (self.lower + self.upper) / 2
        return None

    def tolerance(self) -> float:
        """Absolute tolerance in ``unit``: the declared relative tolerance, else the rounding."""
        if self.value is None:
            return 0.0
        if self.relative_tolerance is not None:
            return abs(self.value) * self.relative_tolerance
        return rounding_half_unit(self.lexical) if self.lexical else 0.0

    def matches(
        self, other: float, other_unit: str, difference: bool = False, catalogue: Catalogue | None = None
    ) -> bool:
        """Does ``other`` (in ``other_unit``) state the same number, within rounding? (``difference``: both are
        differences, converted without a unit's offset: see :func:`is_difference`; ``catalogue``: the registry's
        units, :func:`catalogue_for`, so that a unit it declares converts.)"""
        try:
            converted = convert(other, other_unit, self.unit, catalogue, difference=difference)
        except Exception:
            return False
        if self.value is None:
            if self.lower is None or self.upper is None:
                return False
            return (
                self.lower - float_slack(self.lower, converted)
                <= converted
                <= self.upper + float_slack(self.upper, converted)
            )
        return abs(converted - self.value) <= self.tolerance() + float_slack(converted, self.value)


# ------------------------------------------------------------------ labels for people

_PREFIX_SYMBOLS = {
    "Yotta": "Y",
    "Zetta": "Z",
    "Exa": "E",
    "Peta": "P",
    "Tera": "T",
    "Giga": "G",
    "Mega": "M",
    "Kilo": "k",
    "Milli": "m",
    "Micro": "µ",
    "Nano": "n",
    "Pico": "p",
    "Femto": "f",
}
_LABELS = {
    "W": "W",
    "HR": "h",
    "J": "J",
    "GM": "g",
    "TONNE": "t",
    "SEC": "s",
    "MIN": "min",
    "DAY": "days",
    "WK": "weeks",
    "MO": "months",
    "YR": "years",
    "PERCENT": "%",
    "UNITLESS": "",
    "NUM": "",
    "M": "m",
    "L": "L",
    "HZ": "Hz",
    "BYTE": "B",
}


#: a calendar period in a compound unit (a rate's denominator, "kWh/(m²·yr)", or a product, "GW·yr"), by its symbol
#: as every other unit is: QUDT's (docs/units.md), "kcal/d", "USD/mo", "h/wk", which read the same in any language
#: the site speaks (an English word, "kcal/day", "kWh/(m²·years)", does not); the year as "yr", "TWh/yr" (QUDT
#: writes "a", rarer in the texts claims quote). A period alone is a duration, written as the word ("30 years").
_PERIOD_SYMBOLS = {"YR": "yr", "MO": "mo", "WK": "wk", "DAY": "d"}


def _qudt_symbol(token: str) -> str:
    """QUDT's symbol for a unit it defines (a currency by its ISO code: ``$`` is several currencies)."""
    from .qudt import ADDITIONS, table

    row = table()["units"].get(token) or ADDITIONS.get(token)
    if row is None:
        return ""
    if token.startswith("CCY_"):
        return row.get("currency") or token[4:]
    return row.get("symbol") or ""


#: the prefixes a currency is scaled by in QUDT's names (MegaCCY_USD, GigaCCY_EUR, CentiCCY_EUR-PER-KiloW-HR)
_CURRENCY_PREFIXES = {**_PREFIX_SYMBOLS, "Centi": "c"}


def _prefixed_currency(prefix: str, currency: str) -> str:
    """A currency scaled by a prefix as people write it: the prefix's symbol before the currency's own sign when
    that sign is one currency's, as QUDT writes MegaCCY_USD M$ (G€ for GigaCCY_EUR, c€ for a euro cent, M£),
    else before its ISO code, as a currency alone is written (MUSD, GUSD, MCHF: "$" is a dozen dollars, "R"
    and "kr" are letters); a hundredth of the US dollar is its cent, ¢ (as the number reader reads it)."""
    if prefix == "Centi" and currency == "CCY_USD":
        return "¢"
    return _CURRENCY_PREFIXES[prefix] + (_currency_signs().get(currency) or _qudt_symbol(currency))


@lru_cache(maxsize=1)
def _currency_signs() -> dict[str, str]:
    """Currency -> its sign, for the currencies whose QUDT symbol is a currency sign no other currency has
    (€, £, ₹, ₩; not $ nor ¥, nor "Fr" or "kr")."""
    from .qudt import table

    symbols = {
        name: row["symbol"].strip()
        for name, row in table()["units"].items()
        if name.startswith("CCY_") and "-" not in name and row.get("symbol")
    }
    shared = Counter(symbols.values())
    return {
        name: sign
        for name, sign in symbols.items()
        if shared[sign] == 1 and all(unicodedata.category(c) == "Sc" for c in sign)
    }


def unit_label(unit_iri: str) -> str:
    """``GigaW-HR`` -> ``GWh``, ``PERCENT`` -> ``%``, ``UNITLESS`` -> ``""``; unknown names are shown as is."""
    local = unit_iri.rsplit("/", 1)[-1]

    unread: list[str] = []  # the tokens no rule names: shown as they are, unless QUDT names the whole unit

    def one(token: str) -> str:
        power = re.match(r"^(.*?)(\d+)$", token)
        if power and power.group(1):
            return one(power.group(1)) + power.group(2).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        if token in _PERIOD_SYMBOLS and token != local:
            # "kWh/(m²·yr)", "GW·yr", "d·PFLOP/s": a period in a compound is a symbol, as under a slash ("kWh/yr");
            # alone, a duration is the word ("30 years")
            return _PERIOD_SYMBOLS[token]
        if token in _LABELS:
            return _LABELS[token]
        for prefix in _CURRENCY_PREFIXES:
            if token.startswith(prefix + "CCY_") and _qudt_symbol(token[len(prefix) :]):
                return _prefixed_currency(prefix, token[len(prefix) :])
        for prefix, symbol in _PREFIX_SYMBOLS.items():
            if token.startswith(prefix) and token[len(prefix) :] in _LABELS:
                return symbol + _LABELS[token[len(prefix) :]]
        own = _qudt_symbol(token)
        if own:
            return own
        for prefix, symbol in _PREFIX_SYMBOLS.items():
            if token.startswith(prefix) and _qudt_symbol(token[len(prefix) :]):
                return symbol + _qudt_symbol(token[len(prefix) :])
        unread.append(token)
        return token

    def joined(tokens: list[str]) -> str:  # kWh, not kW·h: an hour is glued as people write it
        return "".join(one(t) if one(t) in ("h",) or i == 0 else "·" + one(t) for i, t in enumerate(tokens))

    numerator, _, denominator = ("", "", local[4:]) if local.startswith("PER-") else local.partition("-PER-")
    label = joined(numerator.split("-")) if numerator else ""  # "PER-A" is "/A", as QUDT writes unit:PER-MOL "/mol"
    if denominator:
        # "TWh/yr", "kWh/d", not "TWh/years": a period under a slash is one, written as a symbol
        under = joined(denominator.split("-"))
        count, _, per = denominator.partition("-")
        if count.isdigit() and per and "-" not in per:
            under = f"{count} {one(per)}"  # "L/100 km", "m²/100 g": a count of one unit, as people write it
        # "W/(m·K)", "m³/(kg·s²)", as QUDT and the SI Brochure write them: "W/m·K" reads as W·K/m
        label += "/" + (f"({under})" if "·" in under else under)
    if unread:
        # "DEATHS/100·1000·INDIV·yr" is no one's writing: QUDT's own symbol ("deaths/100,000 individuals/a")
        return _qudt_symbol(local) or label
    return label


def declared_symbol(unit: str | None, catalogue: Catalogue | None) -> str | None:
    """How the registry writes a unit it declares (``catalogue``: its units, :func:`catalogue_for`): its
    ``qudt:symbol`` ("mL/min/1.73 m²", which no rule reads off the name ``MilliL-PER-MIN-PER-1p73M2``), else its
    ``rdfs:label``; None for a unit it does not declare, or declares with neither."""
    if not unit or catalogue is None:
        return None
    row = catalogue.declared_units.get(unit)  # (a dict look-up: QUDT's own catalogue declares none)
    if row is None:
        return None
    return (row.get("symbol") or "").strip() or (row.get("label") or "").strip() or None


def unit_symbol(unit: str | None, catalogue: Catalogue | None = None) -> str:
    """The unit as people write it (:func:`unit_label`), or as the registry declares it (:func:`declared_symbol`,
    with its ``catalogue``); a unit no rule resolves shows its QUDT name."""
    declared = declared_symbol(unit, catalogue) if catalogue is not None else None
    return declared if declared is not None else _unit_symbol(unit)


@lru_cache(maxsize=4096)
def _unit_symbol(unit: str | None) -> str:
    """:func:`unit_symbol` by the unit's name. (Kept per unit: a site prints the same few units some 150,000 times
    at 10,000 claims.)"""
    if not unit:
        return ""
    try:
        return unit_label(unit)
    except Exception:  # the units check reports such a unit; a page or a message still names it
        return re.split(r"[#/]", unit.rstrip("/#"))[-1]


#: Positional notation is kept between these magnitudes (as ``%g`` keeps it): 0.0001 and 175000000000
#: are read at a glance, 0.00000006 and 460000000000000 are digits to count, so they get a power of ten.
_POSITIONAL_FROM, _POSITIONAL_BELOW = 1e-4, 1e12
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def reads_positionally(number: float) -> bool:
    """Does :func:`format_number` write this number without a power of ten?"""
    return number == 0 or _POSITIONAL_FROM <= abs(number) < _POSITIONAL_BELOW


def power_of_ten(exponent: int) -> str:
    """``10²³``, ``10⁻¹³``: a power of ten as people print it."""
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def _scientific(mantissa: str, exponent: int, csv: bool) -> str:
    return f"{mantissa}E{exponent}" if csv else f"{mantissa} × {power_of_ten(exponent)}"


def _significant_digits(number: float) -> tuple[str, str, int, bool]:
    """(sign, digits, exponent of the first digit, exact) of ``number``: its shortest round-trip digits (``repr``:
    1234567890123 keeps its 13), unless they are more than the 15 a double holds, which is the binary noise of
    arithmetic (0.30000000000000004): then 12, as :func:`convert` keeps, and not ``exact``."""
    decimal = Decimal(repr(number))
    exact = len(decimal.normalize().as_tuple().digits) <= 15
    if not exact:
        decimal = Decimal(f"{number:.12g}")
    sign, digits, exponent = decimal.normalize().as_tuple()
    text = "".join(map(str, digits))
    assert isinstance(exponent, int)  # (finite numbers only reach here)
    return "-" if sign else "", text, exponent + len(text) - 1, exact


#: A CSV file writes positionally a wider range than people read at a glance: a program reads either form,
#: and a spreadsheet shows 0.0000003 as it is, where 3E-7 becomes 3.00E-07.
_CSV_POSITIONAL_FROM, _CSV_POSITIONAL_BELOW = 1e-9, 1e15


def format_number(value, csv: bool = False) -> str:
    """A number as a reader writes it: 433, 1.3, 1287000, 0.05 (no trailing zeros); beyond what positional
    notation shows at a glance (below 0.0001, from 10¹² on), with a power of ten: ``3.14 × 10²³``,
    ``6 × 10⁻⁸``, or ``3.14E23`` in a CSV file (``csv``), which spreadsheets read as a number."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        if abs(value) < (_CSV_POSITIONAL_BELOW if csv else _POSITIONAL_BELOW):
            return str(value)
        digits = str(abs(value)).rstrip("0")  # exact: an int has no binary noise
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return ("-" if value < 0 else "") + _scientific(mantissa, len(str(abs(value))) - 1, csv)
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number != number or number in (float("inf"), float("-inf")):
        return str(number)
    if number == 0:
        return "0"
    if _POSITIONAL_FROM <= abs(number) < _POSITIONAL_BELOW:
        if number == int(number):
            return str(int(number))
        return f"{number:.12g}"  # no exponent in this range
    sign, digits, exponent, exact = _significant_digits(number)
    if csv and exact and _CSV_POSITIONAL_FROM <= abs(number) < _CSV_POSITIONAL_BELOW:
        # the same digits, written out (0.0000003, 460000000000000); rounded ones never padded with zeros
        return f"{Decimal(f'{sign}{digits}E{exponent + 1 - len(digits)}'):f}"
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return sign + _scientific(mantissa, exponent, csv)


_EXPONENT_NUMERAL = re.compile(r"([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))[eE]([+-]?[0-9]+)")


def format_numeral(lexical: str) -> str:
    """A number as its author wrote it, every digit kept ("41.0", "1.30"); one written with an exponent
    ("3.14E+23") printed as people print it (``3.14 × 10²³``)."""
    written = _EXPONENT_NUMERAL.fullmatch(lexical)
    if written is None:
        return lexical
    return _scientific(written.group(1).lstrip("+"), int(written.group(2)), csv=False)


#: A numeral as Turtle writes one (not INF nor NaN): a number's lexical form is printed as it is when it is one.
PLAIN_NUMERAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def significant(value, digits: int = 3):
    """``value`` rounded to ``digits`` significant digits when it has a fraction (whole numbers keep every digit)."""
    if isinstance(value, float) and value and math.isfinite(value) and not value.is_integer():
        magnitude = math.floor(math.log10(abs(value)))
        if magnitude < digits - 1:
            value = round(value, digits - 1 - magnitude)
        else:
            value = float(round(value))
    return value


def format_significant(value, digits: int = 3) -> str:
    """A computed number (a conversion, a span) as people write it: ``digits`` significant digits, so
    28 days in years is 0.0767, not 0.0766598220397; whole numbers keep every digit (1287000)."""
    return format_number(significant(value, digits))


def digits_to_tell_apart(values: Iterable[object], at_least: int = 3) -> int:
    """The significant digits, ``at_least`` or more, that keep the numbers compared with one another apart once
    rounded by :func:`significant`: a claim of 45.12 against a source's 45.14 is not "45.1 against 45.1", an
    interval 9.5175–9.5185 not "9.52 to 9.52". (Rounding keeps order, so an interval clear of a value stays
    clear of it.) Numbers that differ only beyond 12 digits, the binary noise of arithmetic, count as one."""
    numbers = {float(v) for v in values if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)}
    distinct = len({significant(v, 12) for v in numbers})
    for digits in range(at_least, 12):
        if len({significant(v, digits) for v in numbers}) == distinct:
            return digits
    return max(at_least, 12)


def format_spread(low: float | str, high: float | str, unit_iri: str | None, catalogue: Catalogue | None = None) -> str:
    """``27.5 to 30.5 days``: how far apart claims on one measurand are, in check's messages and on the
    site alike. An end given as text is printed as it is (the number as a claim writes it, "1.30"); a
    computed one with four significant digits. (``catalogue``: as for :func:`format_quantity`.)"""
    ends = [end if isinstance(end, str) else format_significant(end, 4) for end in (low, high)]
    return f"{ends[0]} to {ends[1]} {unit_symbol(unit_iri, catalogue)}".rstrip()


def format_quantity(q: Quantity | None, significant: int | None = None, catalogue: Catalogue | None = None) -> str:
    """``1.3 GWh``, ``20–40 %``, ``3``: the number as a reader expects it, in every page, table and message;
    ``significant``: a converted quantity, rounded to that many significant digits; ``catalogue``: the registry's
    units (:func:`catalogue_for`), whose declared symbol a unit of its own is printed with."""
    if q is None:
        return ""
    number_text = format_number if significant is None else (lambda x: format_significant(x, significant))
    if q.is_range:
        number = f"{number_text(q.lower)}–{number_text(q.upper)}"
    elif q.value is not None:
        # as its author wrote it ("41.0" says more than "41", "1.0e3" more than "1000"), unless it was converted
        if significant is None and q.lexical and PLAIN_NUMERAL.fullmatch(q.lexical):
            number = format_numeral(q.lexical)
        else:
            number = number_text(q.value)
    else:
        number = "?"
    symbol = q.unit_symbol if q.declared_symbol is not None or catalogue is None else unit_symbol(q.unit, catalogue)
    return f"{number} {symbol}" if symbol else number
