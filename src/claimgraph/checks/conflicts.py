"""Sources that disagree: claims on the same measurand whose values differ beyond tolerance.

Values are normalised through QUDT's multipliers first (600 g/kWh and 0.429 kg/kWh are
compared as 0.6 and 0.429 kg/kWh); two claims agree when either one's rounding (or declared
tolerance) covers the other, or when ranges overlap. Each measurand in conflict gives one
finding per claim involved, listing every claim and the spread in the unit most of them use (or, when one
end would need a power of ten and the other not, the next unit they use in which both read at a glance).

* CG340 values that disagree;
* CG342 values that cannot be compared (5 USD and 5 EUR: currencies are never converted; a plain number
  and a count of FLOP);
* CG341 two measurands that look like one named twice (same system, same quantity kind, the same
  words in their labels or the same name but for punctuation): their claims are never compared.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from typing import Iterable

from ..model import ClaimValue, claim_values
from ..findings import Finding
from ..namespaces import CG
from ..quantities import (
    PLAIN_NUMERAL,
    Quantity,
    UnknownUnit,
    catalogue_for,
    convert,
    float_slack,
    format_number,
    format_numeral,
    format_quantity,
    format_spread,
    normalise,
    power_of_ten,
    reads_positionally,
    significant,
    written_digits,
)
from ..qudt import describe, local_name
from ..registry import Registry


def _interval(cv: ClaimValue, catalogue) -> tuple[float, float, str] | None:
    q = cv.quantity
    try:
        if q.is_range:
            lo, unit = normalise(q.lower, q.unit, cv.kind, catalogue)
            hi, _ = normalise(q.upper, q.unit, cv.kind, catalogue)
        else:
            centre, unit = normalise(q.value, q.unit, cv.kind, catalogue)
            tolerance = q.tolerance()  # (read off the written number: once per value, not once per end)
            lo_end = normalise(q.value - tolerance, q.unit, cv.kind, catalogue)[0]
            hi_end = normalise(q.value + tolerance, q.unit, cv.kind, catalogue)[0]
            lo, hi = min(lo_end, hi_end, centre), max(lo_end, hi_end, centre)
    except (UnknownUnit, ValueError):
        return None  # the unit check reports it
    return lo, hi, unit


def _apart(a: tuple[float, float, str], b: tuple[float, float, str]) -> bool:
    """Do two intervals (in one unit) leave a gap between them, more than float rounding (relative to the ends
    compared: 1.3 GWh and 1.4 GWh touch at 1.35, however the conversions to MWh round)?"""
    return a[1] + float_slack(a[1], b[0]) < b[0] or b[1] + float_slack(b[1], a[0]) < a[0]


def _stated_number(q: Quantity, end: str) -> float:
    """The number a claim states at one end: its value, or the bound of its range."""
    if q.is_range:
        return q.lower if end == "low" else q.upper  # type: ignore[return-value]
    return q.value  # type: ignore[return-value]


def _stated(cv: ClaimValue, end: str, canonical: str, catalogue) -> float:
    """The number a claim states at one end, in the unit the claims are compared in."""
    return convert(
        _stated_number(cv.quantity, end), cv.quantity.unit, canonical, catalogue, catalogue.is_difference(cv.kind)
    )


def _as_stated(cv: ClaimValue, end: str, unit: str, catalogue) -> tuple[float, str]:
    """The number a claim states at one end, in ``unit``, and as printed: as the claim writes it when the
    claim is in that unit ("1.30" keeps the rounding it claims), else converted and given as many
    significant digits as it was written with (at least four, as every computed number)."""
    q = cv.quantity
    number = _stated_number(q, end)
    if q.unit == unit:
        written = q.lexical if not q.is_range and q.lexical and PLAIN_NUMERAL.fullmatch(q.lexical) else None
        return number, written or format_number(number)
    converted = convert(number, q.unit, unit, catalogue, catalogue.is_difference(cv.kind))
    digits = max(4, written_digits(q.lexical) if not q.is_range and q.lexical else 0)
    rounded = significant(converted, digits)
    # the number as printed, read back exactly (3 × 10⁻⁷ is for people: float() reads the CSV form 3E-7)
    return float(format_number(rounded, csv=True)), format_number(rounded)


def _readable_span(
    lowest: ClaimValue, highest: ClaimValue, edges: tuple[float, float], canonical: str, units: list[str], catalogue
) -> tuple | None:
    """The first of ``units`` in which both ends of a span read at a glance: (unit, low, high, edges), else None."""
    for unit in units:
        try:
            low, high = _as_stated(lowest, "low", unit, catalogue), _as_stated(highest, "high", unit, catalogue)
            shown_edges = (convert(edges[0], canonical, unit, catalogue), convert(edges[1], canonical, unit, catalogue))
        except (UnknownUnit, ValueError):
            continue
        if reads_positionally(low[0]) and reads_positionally(high[0]):
            return unit, low, high, shown_edges
    return None


def _one_style(low: float, low_written: str, high: float, high_written: str) -> tuple[str, str]:
    """The two ends of a span, as the claims write them ("007 to 1.0e3": the rounding each claims stays in
    sight), unless one needs a power of ten to be read at a glance and the other is written otherwise:
    "24000000000 to 1.2e12" is hard to compare, "2.4 × 10¹⁰ to 1.2 × 10¹²" is not."""
    ends = ((low, low_written), (high, high_written))
    if len({_style(written) for _, written in ends}) == 1 or all(reads_positionally(n) for n, _ in ends):
        return low_written, high_written
    return _with_power_of_ten(low_written), _with_power_of_ten(high_written)


def _style(written: str) -> str:
    """How a number is written: with a power of ten ("1.2 × 10¹²"), an exponent ("1.2e12"), or positionally."""
    return "power" if "×" in written else "exponent" if re.search(r"[eE]", written) else "positional"


def _with_power_of_ten(written: str) -> str:
    """A number as written ("24000000000", "1.2e12", "1.2 × 10¹²") with a power of ten ("2.4 × 10¹⁰"),
    every written digit kept."""
    if "×" in written:
        return written  # format_number's already
    if re.search(r"[eE]", written):
        shown = format_numeral(written)
        return shown[: -len(" × 10⁰")] if shown.endswith(" × 10⁰") else shown  # 1.2e0 is 1.2
    try:
        sign, digits, exponent = Decimal(written).normalize().as_tuple()
    except InvalidOperation:
        return written
    text = "".join(map(str, digits))
    mantissa = text[0] + ("." + text[1:] if len(text) > 1 else "")
    power = int(exponent) + len(text) - 1
    if power == 0:
        return written  # 1.2, never 1.2 × 10⁰
    return ("-" if sign else "") + f"{mantissa} × {power_of_ten(power)}"


def _fits_kind(cv: ClaimValue, catalogue) -> bool:
    kind = catalogue.kind(cv.kind) if cv.kind else None
    try:
        return kind is None or kind.fits(catalogue.unit(cv.quantity.unit).dimension)
    except UnknownUnit:
        return False


def _not_comparable(registry: Registry, label: str, members: list, catalogue) -> Iterable[Finding]:
    """CG342: the claims of one measurand are in units of different dimensions; the message names each
    dimension with its claims, the hint fits the case (currencies, or dimensions no conversion joins)."""
    by_dimension: dict[tuple, list[str]] = defaultdict(list)
    for claim, _, cv in members:
        by_dimension[catalogue.unit(cv.quantity.unit).dimension].append(claim)
    dims = sorted(
        f"{describe(dimension)} ({', '.join(sorted(local_name(c) for c in claims))})"
        for dimension, claims in by_dimension.items()
    )
    money = [any(base.startswith("currency:") for base, _ in dimension) for dimension in by_dimension]
    if all(money):
        hint = (
            "currencies are never converted into each other: state every value in one currency, "
            "or give each currency a measurand of its own"
        )
    else:
        flop = any(dimension == (("flop", 1),) for dimension in by_dimension)
        hint = (
            "values of different dimensions are never converted into each other: state every value in units of "
            f"one dimension{' (a count of operations in FLOP, not a plain number)' if flop else ''}, or give each "
            "quantity a measurand of its own"
        )
    involved = tuple(sorted(c for c, _, _ in members))
    for claim in involved:
        yield registry.finding(
            "CG342",
            f"claims on measurand {label} are in units of different dimensions, which "
            f"cannot be compared: {'; '.join(dims)}",
            subject=claim,
            predicate=str(CG.value),
            related=involved,
            hint=hint,
        )


def check(registry: Registry) -> Iterable[Finding]:
    catalogue = catalogue_for(registry)
    groups: dict[str, list[tuple[str, tuple[float, float, str], ClaimValue]]] = defaultdict(list)
    for claim, cv in claim_values(registry).items():
        if cv.measurand:
            interval = _interval(cv, catalogue)
            if interval:
                groups[cv.measurand].append((claim, interval, cv))
    for measurand, members in groups.items():
        label = local_name(measurand)
        if len(members) < 2:
            continue
        if len({iv[2] for _, iv, _ in members}) != 1:
            if all(_fits_kind(cv, catalogue) for _, _, cv in members):
                yield from _not_comparable(registry, label, members, catalogue)
            continue
        apart = [(a, b) for i, (a, ia, _) in enumerate(members) for b, ib, _ in members[i + 1 :] if _apart(ia, ib)]
        if not apart:
            continue
        # the spread in the unit most of the claims are written in, not the SI unit of comparison
        written_units = [unit for unit, _ in Counter(cv.quantity.unit for _, _, cv in members).most_common()]
        shown_unit = written_units[0]
        canonical = members[0][1][2]
        # the span and its edges are those of the claims in conflict, the ones the message names: a claim
        # that agrees with every other one (8 months beside 236 days and 0.67 years) sets neither
        in_conflict = {c for pair in apart for c in pair}
        conflicting = [m for m in members if m[0] in in_conflict]
        # the span names the lowest and the highest value the claims state, not the ends of their rounding
        # (1.3 GWh is 1250 to 1350 MWh, but no claim says 1250): the rounding stays in the edge facts
        lowest = min(conflicting, key=lambda m: _stated(m[2], "low", canonical, catalogue))
        highest = max(conflicting, key=lambda m: _stated(m[2], "high", canonical, catalogue))
        edges = (min(iv[0] for _, iv, _ in conflicting), max(iv[1] for _, iv, _ in conflicting))
        try:
            low, low_written = _as_stated(lowest[2], "low", shown_unit, catalogue)
            high, high_written = _as_stated(highest[2], "high", shown_unit, catalogue)
            difference = catalogue.is_difference(members[0][2].kind)  # (one measurand: one kind)
            edges = (
                convert(edges[0], canonical, shown_unit, catalogue, difference),
                convert(edges[1], canonical, shown_unit, catalogue, difference),
            )
            if reads_positionally(low) != reads_positionally(high):
                # one end at a glance and one with a power of ten (5 × 10⁻⁹ to 1.2 GEUR): another unit the
                # claims are written in may show both at a glance (5 to 1200000000 EUR)
                readable = _readable_span(lowest[2], highest[2], edges, canonical, written_units[1:], catalogue)
                if readable is not None:
                    shown_unit, (low, low_written), (high, high_written), edges = readable
        except (UnknownUnit, ValueError):
            shown_unit = canonical
            low, low_written = _as_stated(lowest[2], "low", shown_unit, catalogue)
            high, high_written = _as_stated(highest[2], "high", shown_unit, catalogue)
        involved = sorted(in_conflict)
        names = ", ".join(local_name(c) for c in involved)
        stated = {claim: cv for claim, _, cv in members}
        for claim in involved:
            # one conflict, one finding on each claim in it (at its own line), each naming its own figure
            yield registry.finding(
                "CG340",
                f"claims on measurand {label} disagree beyond their rounding ({names}); "
                f"values span {format_spread(*_one_style(low, low_written, high, high_written), shown_unit, catalogue)}; "
                f"{local_name(claim)} states {format_quantity(stated[claim].quantity, catalogue=catalogue)}",
                subject=claim,
                predicate=str(CG.value),
                related=tuple(involved),
                hint="if the sources really differ, say why in each claim's cg:statusNote (scope, method, year)",
                # the facts in the message's unit, so the site's table of conflicts says what check says
                facts=(
                    ("measurand", measurand),
                    ("low", low),
                    ("high", high),
                    ("unit", local_name(shown_unit)),
                    ("low_written", low_written),
                    ("high_written", high_written),
                    ("low_edge", edges[0]),
                    ("high_edge", edges[1]),
                ),
            )
    yield from _look_alike_measurands(registry)


_MEASURANDS = """
SELECT ?m ?system ?kind ?label WHERE {
  ?m a cg:Measurand ; cg:about ?system ; cg:quantityKind ?kind .
  OPTIONAL { ?m rdfs:label ?label }
}
"""
_STOP_WORDS = frozenset(
    "a an the of for in on at to by and per its their this that de du des la le les l d en et "
    "au aux un une son sa ses leur leurs ce cette".split()
)


_WORD = re.compile(r"\w+")
_NOT_IN_A_NAME = re.compile(r"[\W_]")


def _words(text: str) -> frozenset[str]:
    # a set difference, not a test per word in Python: a label's words are read once per label row
    return frozenset(_WORD.findall(text.lower())) - _STOP_WORDS


def _look_alike_measurands(registry: Registry) -> Iterable[Finding]:
    """CG341: same system and quantity kind, and the same name but for punctuation, or labels
    made of the same words in one language (word order and small words aside)."""
    found: dict[str, dict] = {}
    for row in registry.select(_MEASURANDS):
        entry = found.setdefault(row["m"], {"key": (row["system"], row["kind"]), "labels": set()})
        label = row.get("label")
        if isinstance(label, str) and label:
            entry["labels"].add((getattr(label, "language", None) or "", _words(label)))
    by_key: dict[tuple, list[str]] = defaultdict(list)
    for measurand, entry in found.items():
        by_key[entry["key"]].append(measurand)
    for (system, kind), measurands in by_key.items():
        measurands.sort()
        # each measurand's name without punctuation, and the (non-empty) word sets of its labels, read once:
        # the pairs of a group are many more than its measurands
        names = {m: _NOT_IN_A_NAME.sub("", local_name(m).lower()) for m in measurands}
        word_sets = {m: {words for _, words in found[m]["labels"] if words} for m in measurands}
        for i, a in enumerate(measurands):
            for b in measurands[i + 1 :]:
                same_name = names[a] == names[b]
                same_words = not word_sets[a].isdisjoint(word_sets[b])
                if same_name or same_words:
                    yield registry.finding(
                        "CG341",
                        f"measurands {local_name(a)} and {local_name(b)} look like one measurand named "
                        f"twice (both about {local_name(system)}, both {local_name(kind)}): their claims "
                        "are never compared with each other",
                        subject=b,
                        predicate=str(CG.about),
                        related=(a, b),
                        hint="if they are the same quantity, point the claims of one at the other; if not, "
                        "say in their labels how they differ",
                    )
