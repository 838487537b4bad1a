"""Quantities: QUDT units read by pint, normalisation, rounding tolerance (numbers written in text are
read by :mod:`claimgraph.numbers_in_text`).

Conversions and dimensions come from pint; nothing here is a conversion table.
What claimgraph supplies is the *spelling* bridge: QUDT local names such as
``GigaW-HR`` or ``KiloGM-PER-M3`` are built from a prefix, a base symbol and
``-PER-``; :func:`pint_unit` rewrites them as pint expressions
(``gigawatt * hour``) and pint does the rest.

Checks ask pint two things only: a unit's dimension and the linear map between two
units. pint's answers are remembered in the user's cache folder (:class:`_UnitFacts`),
keyed by the installed pint and this bridge, so a check whose units were all met
before does not import pint at all (its import is 0.15 s, a tenth of a check of
10,000 claims).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import threading
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

UNIT_NS = "http://qudt.org/vocab/unit/"
QUANTITYKIND_NS = "http://qudt.org/vocab/quantitykind/"

# QUDT spells SI prefixes as words glued to the symbol: KiloW, MegaW-HR, MilliGM.
_PREFIXES = {"Yotta": "yotta", "Zetta": "zetta", "Exa": "exa", "Peta": "peta", "Tera": "tera", "Giga": "giga",
             "Mega": "mega", "Kilo": "kilo", "Hecto": "hecto", "Deca": "deca", "Deci": "deci", "Centi": "centi",
             "Milli": "milli", "Micro": "micro", "Nano": "nano", "Pico": "pico"}
# QUDT base symbols -> pint unit names (the symbols QUDT uses are not pint's).
_SYMBOLS = {"W": "watt", "HR": "hour", "J": "joule", "GM": "gram", "TONNE": "tonne", "TON_Metric": "tonne",
            "SEC": "second", "MIN": "minute", "DAY": "day", "WK": "week", "MO": "month", "YR": "year",
            "PERCENT": "percent", "UNITLESS": "dimensionless", "NUM": "dimensionless", "M": "meter",
            "L": "liter", "HZ": "hertz", "BYTE": "byte", "BIT": "bit", "FLOP": "dimensionless",
            "CCY_USD": None, "CCY_EUR": None}

#: The unit each quantity kind is normalised to, and through it the dimension it demands.
CANONICAL_UNITS = {
    "Energy": "MegaW-HR",
    "Mass": "TONNE",
    "Time": "MO",
    "Power": "MegaW",
    "Dimensionless": "UNITLESS",
    "DimensionlessRatio": "UNITLESS",
    "Count": "NUM",
    "Frequency": "HZ",
    "Length": "M",
    "Volume": "L",
}


@lru_cache(maxsize=1)
def registry():
    """pint's unit registry, its parsed definitions kept in claimgraph's cache folder.

    Parsing pint's definition files is most of the time of a small ``check`` (0.1–0.4 s);
    pint's own cache (keyed by the files' content) brings it to ~10 ms. The cache
    is an optimisation only: a folder that cannot be written means parsing every time."""
    import pint

    from .check_cache import cache_dir

    folder = cache_dir() / "pint"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return pint.UnitRegistry(cache_folder=folder)
    except Exception:  # unwritable, or damaged: pint unpickles the cache and raises whatever that raises
        # a damaged cache must not turn into "unknown unit" findings: parse the definitions, and let the
        # next run write the cache afresh
        shutil.rmtree(folder, ignore_errors=True)
        return pint.UnitRegistry()


class UnknownUnit(ValueError):
    pass


def _token(token: str) -> str:
    power = ""
    match = re.match(r"^(.*?)(\d+)$", token)
    if match and match.group(1):
        token, power = match.group(1), f" ** {match.group(2)}"
    if token in _SYMBOLS:
        name = _SYMBOLS[token]
    else:
        name = None
        for prefix, pint_prefix in _PREFIXES.items():
            if token.startswith(prefix) and token[len(prefix):] in _SYMBOLS and _SYMBOLS[token[len(prefix):]]:
                name = pint_prefix + _SYMBOLS[token[len(prefix):]]
                break
    if name is None:
        raise UnknownUnit(token)
    return f"({name}{power})"


@lru_cache(maxsize=256)
def pint_unit(unit_iri: str):
    """The pint unit for a QUDT unit IRI; raises :class:`UnknownUnit`."""
    if not unit_iri.startswith(UNIT_NS):
        raise UnknownUnit(unit_iri)
    local = unit_iri[len(UNIT_NS):]
    numerator, _, denominator = local.partition("-PER-")
    parts = [" * ".join(_token(t) for t in numerator.split("-"))]
    if denominator:
        parts.append(" * ".join(_token(t) for t in denominator.split("-")))
    expression = parts[0] if len(parts) == 1 else f"({parts[0]}) / ({parts[1]})"
    try:
        return registry().parse_units(expression)
    except Exception as exc:  # pint raises several error types for names it lacks
        raise UnknownUnit(unit_iri) from exc


def kind_local(kind_iri: str | None) -> str | None:
    if kind_iri and kind_iri.startswith(QUANTITYKIND_NS):
        return kind_iri[len(QUANTITYKIND_NS):]
    return None


class _UnitFacts:
    """pint's answers about units, remembered in ``units-<key>.json`` of the user's cache folder.

    The key hashes the installed pint (its version and files' dates) and the spelling bridge
    above, so another pint or another bridge starts afresh. A unit pint cannot read is
    remembered as such. Missing or damaged memory only means asking pint again; a cache
    folder that cannot be written means asking pint on every run."""

    _VERSION = 1

    def __init__(self):
        self._lock = threading.Lock()
        self._facts: dict | None = None
        self._name = ""

    def _key(self) -> str:
        from importlib.util import find_spec

        spec = find_spec("pint")
        origin = spec.origin if spec and spec.origin else ""
        h = hashlib.sha256(f"claimgraph-units-{self._VERSION}".encode())
        if origin:
            package = os.path.dirname(origin)
            stat = os.stat(origin)
            h.update(f"{origin}|{stat.st_mtime_ns}|{stat.st_size}".encode())
            h.update("|".join(sorted(n for n in os.listdir(os.path.dirname(package))
                                     if n.startswith("pint-"))).encode())  # pint-X.Y.dist-info
        h.update(repr((_PREFIXES, _SYMBOLS, CANONICAL_UNITS)).encode())
        return h.hexdigest()[:24]

    def _load(self) -> dict:
        if self._facts is None:
            from .check_cache import cache_dir

            self._name = f"units-{self._key()}.json"
            try:
                facts = json.loads((cache_dir() / self._name).read_text(encoding="utf-8"))
                if not (isinstance(facts.get("dimensions"), dict) and isinstance(facts.get("linear"), dict)):
                    raise ValueError("not a units memory")
            except (OSError, ValueError, AttributeError):
                facts = {"dimensions": {}, "linear": {}}
            self._facts = facts
        return self._facts

    def _save(self) -> None:
        from .check_cache import save

        save(self._name, json.dumps(self._facts))  # unwritable: pint is asked again next time

    def dimension(self, unit_iri: str) -> tuple:
        """The unit's dimension as ``((name, exponent), …)``; raises :class:`UnknownUnit`."""
        with self._lock:
            known = self._load()["dimensions"]
            if unit_iri not in known:
                try:
                    known[unit_iri] = sorted(dict(pint_unit(unit_iri).dimensionality).items())
                except UnknownUnit:
                    known[unit_iri] = None
                self._save()
            dimension = known[unit_iri]
        if dimension is None:
            raise UnknownUnit(unit_iri)
        return tuple(tuple(pair) for pair in dimension)

    def linear(self, from_unit: str, to_unit: str) -> tuple[float, float]:
        """pint's conversion from one unit to another as ``(a, b)`` in ``y = a·x + b``."""
        pair = f"{from_unit} {to_unit}"
        with self._lock:
            known = self._load()["linear"]
            if pair not in known:
                ureg = registry()
                source, target = pint_unit(from_unit), pint_unit(to_unit)
                at0 = ureg.Quantity(0.0, source).to(target).magnitude
                at1 = ureg.Quantity(1.0, source).to(target).magnitude
                known[pair] = [at1 - at0, at0]
                self._save()
            a, b = known[pair]
        return a, b


_UNIT_FACTS = _UnitFacts()


@lru_cache(maxsize=1024)
def dimension_of(unit_iri: str) -> tuple:
    """The dimension of a QUDT unit, as pint reads it; raises :class:`UnknownUnit`."""
    return _UNIT_FACTS.dimension(unit_iri)


@lru_cache(maxsize=1024)
def dimension_fits(unit_iri: str, kind_iri: str) -> bool | None:
    """True/False when both are known; None when the quantity kind is not one we can judge."""
    kind = kind_local(kind_iri)
    if kind not in CANONICAL_UNITS:
        return None
    return dimension_of(unit_iri) == dimension_of(UNIT_NS + CANONICAL_UNITS[kind])


@lru_cache(maxsize=1024)
def canonical_unit(unit_iri: str, kind_iri: str | None = None) -> str:
    kind = kind_local(kind_iri)
    if kind in CANONICAL_UNITS:
        return UNIT_NS + CANONICAL_UNITS[kind]
    dimension = dimension_of(unit_iri)
    for local in CANONICAL_UNITS.values():
        if dimension_of(UNIT_NS + local) == dimension:
            return UNIT_NS + local
    return unit_iri


def convert(value: float, from_unit: str, to_unit: str) -> float:
    if from_unit == to_unit:
        return value
    factor, offset = _linear(from_unit, to_unit)
    # 12 significant digits: 70 % is 0.7, not the 0.7000000000000001 of binary arithmetic
    return float(f"{value * factor + offset:.12g}")


@lru_cache(maxsize=1024)
def _linear(from_unit: str, to_unit: str) -> tuple[float, float]:
    """pint's conversion between two units as y = a·x + b, asked once per pair (pint is slow per call)."""
    return _UNIT_FACTS.linear(from_unit, to_unit)


def normalise(value: float, unit_iri: str, kind_iri: str | None = None) -> tuple[float, str]:
    """``value`` in the canonical unit of its quantity kind (energy in MWh, ratios unitless…)."""
    target = canonical_unit(unit_iri, kind_iri)
    return convert(value, unit_iri, target), target


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
    """A value as a claim states it: a point or a range, a unit, and how loosely to read it."""

    unit: str
    value: float | None = None
    lower: float | None = None
    upper: float | None = None
    lexical: str | None = None
    relative_tolerance: float | None = None

    @property
    def is_range(self) -> bool:
        return self.value is None

    def tolerance(self) -> float:
        """Absolute tolerance in ``unit``: the declared relative tolerance, else the rounding."""
        if self.value is None:
            return 0.0
        if self.relative_tolerance is not None:
            return abs(self.value) * self.relative_tolerance
        return rounding_half_unit(self.lexical) if self.lexical else 0.0

    def matches(self, other: float, other_unit: str) -> bool:
        """Does ``other`` (in ``other_unit``) state the same number, within rounding?"""
        try:
            converted = convert(other, other_unit, self.unit)
        except Exception:
            return False
        if self.value is None:
            return self.lower - 1e-12 <= converted <= self.upper + 1e-12
        return math.isclose(converted, self.value, rel_tol=1e-9) or abs(converted - self.value) <= \
            self.tolerance() + 1e-12


# ------------------------------------------------------------------ labels for people

_PREFIX_SYMBOLS = {"Peta": "P", "Tera": "T", "Giga": "G", "Mega": "M", "Kilo": "k", "Milli": "m", "Micro": "µ",
                   "Nano": "n"}
_LABELS = {"W": "W", "HR": "h", "J": "J", "GM": "g", "TONNE": "t", "SEC": "s", "MIN": "min", "DAY": "days",
           "WK": "weeks", "MO": "months", "YR": "years", "PERCENT": "%", "UNITLESS": "", "NUM": "", "M": "m",
           "L": "L", "HZ": "Hz", "BYTE": "B"}


def unit_label(unit_iri: str) -> str:
    """``GigaW-HR`` -> ``GWh``, ``PERCENT`` -> ``%``, ``UNITLESS`` -> ``""``; unknown names are shown as is."""
    local = unit_iri.rsplit("/", 1)[-1]

    def one(token: str) -> str:
        power = re.match(r"^(.*?)(\d+)$", token)
        if power and power.group(1):
            return one(power.group(1)) + power.group(2).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
        if token in _LABELS:
            return _LABELS[token]
        for prefix, symbol in _PREFIX_SYMBOLS.items():
            if token.startswith(prefix) and token[len(prefix):] in _LABELS:
                return symbol + _LABELS[token[len(prefix):]]
        return token

    numerator, _, denominator = local.partition("-PER-")
    label = "".join(one(t) if one(t) in ("h",) or i == 0 else "·" + one(t)
                    for i, t in enumerate(numerator.split("-")))
    if denominator:
        label += "/" + "·".join(one(t) for t in denominator.split("-"))
    return label


def format_quantity(q: Quantity) -> str:
    """``1.3 GWh``, ``20–40 %``, ``3`` — the number as a reader expects it."""
    unit = unit_label(q.unit)
    number = f"{q.value:g}" if not q.is_range else f"{q.lower:g}–{q.upper:g}"
    return f"{number} {unit}".strip() if unit not in ("%",) else f"{number} %"
