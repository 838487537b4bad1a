"""XSD canonical lexical forms for the typed literals claimgraph itself generates.

Literals a person wrote stay exactly as written (``"007"``, ``"1.30"``: the rounding is read
from them). Literals claimgraph computes (the normalised values, dates it stamps) are written
in the canonical mapping of XML Schema 1.1 Part 2, so every export format, every hash and every
signature sees the same characters: https://www.w3.org/TR/xmlschema11-2/#f-doubleCanonicalMap
"""

from __future__ import annotations

import math
from decimal import Decimal

XSD = "http://www.w3.org/2001/XMLSchema#"
#: The integer and decimal datatypes: exact numbers, which Oxigraph's store holds as numbers and gives
#: back in canonical form (``1.30`` as ``1.3``, ``007`` as ``7``).
EXACT_NUMBER_TYPES = frozenset(
    XSD + t
    for t in (
        "decimal",
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
)
#: Every numeric datatype: the exact ones and the two floating-point ones.
NUMBER_TYPES = EXACT_NUMBER_TYPES | {XSD + "double", XSD + "float"}


def canonical_double(value: float) -> str:
    """``1287.0`` -> ``"1.287E3"``; ``0.5`` -> ``"5.0E-1"``; ``0.0`` -> ``"0.0E0"``; ``inf`` -> ``"INF"``.

    One non-zero digit before the point, at least one after, the shortest digits that read back
    as the same double (Python's ``repr``), an ``E`` and an exponent without ``+`` or leading zeros.
    """
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    if value == 0:
        return "-0.0E0" if math.copysign(1.0, value) < 0 else "0.0E0"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    text = "".join(map(str, digits))
    scientific = exponent + len(text) - 1
    return f"{'-' if sign else ''}{text[0]}.{text[1:] or '0'}E{scientific}"


def canonical_decimal(value: Decimal | int | str) -> str:
    """``Decimal("1.50")`` -> ``"1.5"``; ``3`` -> ``"3.0"``: no exponent, no trailing zeros but one after the point."""
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{value!r} has no xsd:decimal form")
    text = format(number.normalize(), "f")
    if "." not in text:
        text += ".0"
    return "0.0" if text in ("-0.0", "0.0") else text


def canonical_integer(value: int) -> str:
    return str(int(value))


def canonical_boolean(value: bool) -> str:
    return "true" if value else "false"
