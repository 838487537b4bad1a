"""The number a claim states must be the number its quotes state.

* CG320: a claim with a quote from its cited source, whose value does not
  appear in the quote under any reading of its numbers (docs/numbers.md),
  unit-aware (1.3 GWh matches "1,287 MWh") and rounding-aware;
* CG321: the value a quote states as data (its ``cg:value``) differs from the
  claim's beyond the claim's rounding;
* CG370: instead of CG321, when the claim is nevertheless marked verified.

One fault, one finding: a disagreement is reported once. A number read from
words may be misread, so CG320 never adds a second finding; its message says
when the claim is marked verified. A value given as data cannot be misread, so
a verified claim that contradicts one is reported as the status fault (CG370),
carrying both values, and not twice. A claim whose unit no rule resolves is not
compared at all: CG331 reports the unit, as derivations leave it to CG351.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable

from ..model import claim_values, quotes
from ..findings import Finding
from ..namespaces import CG, STATUS
from ..numbers_in_text import (
    UNIT_NOT_READ,
    Reading,
    describe,
    is_conversion_in_brackets,
    is_interval_in_brackets,
    of_another_dimension,
    read_numbers,
    states,
)
from ..quantities import (
    Catalogue,
    Quantity,
    UnknownUnit,
    catalogue_for,
    dimension_of,
    format_quantity,
    is_difference,
    temperature_reading,
    compared_with_texts,
)
from ..registry import Registry

VERIFIED = {str(STATUS.verifiedPrimary), str(STATUS.verifiedSecondary)}
DISCREPANCY = str(STATUS.discrepancy)


def _show(q: Quantity, catalogue: Catalogue) -> str:
    return format_quantity(q, catalogue=catalogue)  # (a unit the registry declares, by its declared symbol)


def check(registry: Registry) -> Iterable[Finding]:
    values = claim_values(registry)
    languages = registry.settings.languages
    catalogue = catalogue_for(registry)
    # a quote with two oa:exact gives its one value twice: count its distinct values
    values_of_quote: dict[str | None, set[Quantity]] = defaultdict(set)
    for quote in quotes(registry):
        if quote.quantity is not None:
            values_of_quote[quote.node].add(quote.quantity)
    for quote in quotes(registry):
        cv = values.get(quote.claim)
        if cv is None or not compared_with_texts(cv.quantity.unit, cv.kind, catalogue):
            continue  # a unit no rule resolves, or not of the measurand's kind: CG331 or CG330 is the one finding
        claimed = cv.quantity
        verified = cv.status in VERIFIED
        if quote.role == "cited":
            # a cited quote that carries its own cg:value is compared by value, like a primary one
            if quote.quantity is None and not quote.exact.strip():
                continue  # an empty quote is CG230's one finding: it states no number, nor any other
            # a temperature in another scale is read as the claim's kind says (a point, or a difference)
            difference = temperature_reading(cv.kind, catalogue)
            if quote.quantity is None and not states(
                claimed, quote.exact, languages, difference=difference, catalogue=catalogue
            ):
                inserted = states(
                    claimed, _without_brackets(quote.exact), languages, difference=difference, catalogue=catalogue
                )
                marked = " (the claim is marked verified)" if verified else ""
                reading = read_numbers(quote.exact, languages)
                numbers = describe(reading, claimed_unit=claimed.unit, catalogue=catalogue)
                figures, other_readings = _figures_read(reading, claimed, quote.exact, catalogue)
                elsewhere = _read_in_other_units(reading, claimed, catalogue)
                yield registry.finding(
                    "CG320",
                    f"the claim says {_show(claimed, catalogue)}, but its quote states it only in an editorial insertion "
                    f"[ ], which is not the source's words{marked}: \u201c{_clip(quote.exact)}\u201d"
                    if inserted
                    else f"the claim says {_show(claimed, catalogue)}, but no number in its quote matches{marked}: "
                    f"\u201c{_clip(quote.exact)}\u201d (numbers read: {numbers})",
                    subject=quote.claim,
                    predicate=str(CG.citedQuote),
                    hint="quote the number in the source's own words, or cite the source that prints it"
                    if inserted
                    else "correct the value or the quote; the claim is marked status:discrepancy: say in "
                    "cg:statusNote what the source states and why the claim differs"
                    if cv.status == DISCREPANCY
                    else "correct the value or the quote; if the source really says something else, "
                    "set cg:status status:discrepancy and explain in cg:statusNote",
                    facts=(
                        *(
                            (("claimed", claimed.value),)
                            if not claimed.is_range
                            else (("claimed_lower", claimed.lower), ("claimed_upper", claimed.upper))
                        ),
                        ("claimed_unit", _unit_name(claimed.unit)),
                        ("read", figures),
                        ("read_also", other_readings),
                        ("read_other", elsewhere),
                        ("locator", quote.locator),
                    ),
                )
                continue
        stated = quote.quantity
        if stated is None or stated.is_range or claimed.is_range:
            continue
        if len(values_of_quote[quote.node]) > 1:
            continue  # which of the quote's values is the source's cannot be told: CG233 says so, nothing is compared
        if not claimed.matches(stated.value, stated.unit, is_difference(cv.kind, catalogue), catalogue):
            which = "primary source" if quote.role == "primary" else "cited source"
            if verified:
                yield registry.finding(
                    "CG370",
                    f"the claim is marked verified, but it says {_show(claimed, catalogue)} and its {which} "
                    f"states {_show(stated, catalogue)}",
                    subject=quote.claim,
                    predicate=str(CG.status),
                    hint="use status:discrepancy and say why in cg:statusNote, or fix the value",
                    facts=_facts(claimed, stated, quote.role),
                )
                continue
            yield registry.finding(
                "CG321",
                f"the claim says {_show(claimed, catalogue)}, its {which} states {_show(stated, catalogue)}",
                subject=quote.claim,
                predicate=str(CG.primaryQuote if quote.role == "primary" else CG.citedQuote),
                hint="keep the argument's number but record the difference: status:discrepancy and a note",
                facts=_facts(claimed, stated, quote.role),
            )


def _facts(claimed: Quantity, stated: Quantity, role: str) -> tuple:
    """The two figures as data, for the site's verdicts and "who says what" (never read from the message)."""
    return (
        ("claimed", claimed.value),
        ("claimed_unit", _unit_name(claimed.unit)),
        ("stated", stated.value),
        ("stated_unit", _unit_name(stated.unit)),
        ("stated_by", "primary" if role == "primary" else "cited"),
    )


#: what follows a percent that is the level of an interval, not a figure ("95% CI", "95 % confidence interval")
_INTERVAL_AFTER = re.compile(
    r"\s*-?\s*(?:CI\b|C\.I\.|Cr?I\b|UI\b|(?:confidence|credible|uncertainty|prediction) interval)", re.I
)
#: what comes before an interval's level written after its name ("CI 95%", "IC à 95 %", "intervalle de confiance de 95 %")
_INTERVAL_BEFORE = re.compile(
    r"(?:\bCI|\bIC|confidence interval|intervalle de confiance)\s*(?:à|at|of|de)?\s*:?\s*$", re.I
)
#: what comes before the bounds of an interval ("95% CI 1.04–1.12", "CI: 0.70 to 0.83")
_INTERVAL_BOUNDS = re.compile(r"(?:\bCI|\bIC|\bCrI|\bUI|interval|intervalle de confiance)\b[^;()\[\]]{0,30}$", re.I)
#: what comes before the denominator of a rate ("12.5 per 100,000", "3 / 1000", "5 pour 1 000")
_DENOMINATOR_BEFORE = re.compile(r"(?:\bper|\bpour|\bpro|/)\s*$", re.I)
#: the units a pure number is written in: for a claim in one, a number without a unit is its figure, a
#: percent a share or an interval's level
_PURE_NUMBER_UNITS = ("UNITLESS", "NUM")


def _figures_read(
    reading: Reading, claimed: Quantity, text: str, catalogue: Catalogue | None = None
) -> tuple[tuple[tuple[float, str | None], ...], tuple[float | None, ...]]:
    """The figures the quote gives for the claim's quantity, as (value, unit) in the words read (each
    number's first reading), the unit as the quote writes it (``None`` for a number written without
    one: the claim's unit is never put on it); and, for each, its other reading where its words read two
    ways (``None`` where they read one), as the message's "(or …)" gives it: "13.7 billion" is 1.37 × 10¹³
    on the long scale, 13700000000 on the short. For the site's "who says what" and verdicts, which show
    what the quote gives beside what the claim says.

    Not a figure: the level of an interval ("95% CI"), the denominator of a rate ("per 100,000"), a number
    in a unit of another dimension or in one not read. Of the others, those outside brackets come first
    (a bracket after an estimate holds its spread: "14.3 (3.2)", "1.08 (95% CI 1.04–1.12)"), as do the
    bounds of an interval after the estimate; then, for a claim in a unit, those written in a unit of
    its dimension before those written bare; for a claim that is a pure number, bare numbers before
    percents. The figures of the best rank are the ones given. (``catalogue``: the registry's units, in which a
    claim's unit the registry declares has its dimension.)"""
    claimed_unit = _unit_name(claimed.unit)
    try:
        wanted = dimension_of(claimed.unit, catalogue) if claimed.unit else None
    except UnknownUnit:
        wanted = None
    pure = claimed_unit in _PURE_NUMBER_UNITS
    ranked: list[tuple[tuple[int, int], tuple[float, str | None], float | None]] = []
    for number in reading.numbers:
        if number.alternative:
            continue
        before, after = text[: number.start], text[number.end :]
        if number.unit is None:
            if _DENOMINATOR_BEFORE.search(before):
                continue
            unit_rank = 0 if pure else 1
        else:
            try:
                same = wanted is not None and dimension_of(number.unit, catalogue) == wanted
            except UnknownUnit:
                same = False
            if not same:
                continue
            if _unit_name(number.unit) == "PERCENT" and (
                _INTERVAL_AFTER.match(after) or _INTERVAL_BEFORE.search(before)
            ):
                continue
            unit_rank = 1 if pure else 0
        spread = _in_brackets(before) or (number.in_range and _INTERVAL_BOUNDS.search(before) is not None)
        other = number.readings[1] if len(number.readings) > 1 else None
        ranked.append(((int(spread), unit_rank), (number.value, _unit_name(number.unit)), other))
    if not ranked:
        return (), ()
    best = min(rank for rank, _, _ in ranked)
    figures: dict[tuple[float, str | None], float | None] = {}
    for rank, figure, other in ranked:
        if rank == best:
            figures.setdefault(figure, other)
    return tuple(figures), tuple(figures.values())


def _read_in_other_units(
    reading: Reading, claimed: Quantity, catalogue: Catalogue | None = None
) -> tuple[tuple[float, str], ...]:
    """The numbers the message lists that can be no figure of the claim's quantity, as (value, unit): those in a unit
    of another dimension (its QUDT local name: "62 g/(t·km)" for a claim in g), and those whose unit is not read
    ("not read": "90 g CO2 per room-night"). With ``read``, they say why a number the message shows is no figure."""
    found: dict[tuple[float, str], None] = {}
    for number in reading.numbers:
        if number.alternative:
            continue
        if number.unit == UNIT_NOT_READ:
            found.setdefault((number.value, "not read"))
        elif of_another_dimension(number, claimed.unit, catalogue):
            found.setdefault((number.value, _unit_name(number.unit) or ""))
    return tuple(found)


def _in_brackets(before: str) -> bool:
    """Whether a number preceded by ``before`` stands inside an open round or square bracket."""
    depth = 0
    for char in reversed(before):
        if char in ")]":
            depth += 1
        elif char in "([":
            if depth == 0:
                return True
            depth -= 1
    return False


def _unit_name(unit: str | None) -> str | None:
    return unit.rsplit("/", 1)[-1] if unit else None


def _without_brackets(text: str) -> str:
    """The quote read with its editorial insertions' words as its own (the brackets dropped). Brackets printing an
    interval ("OR = 2.3 [1.1, 4.8]"), or the number before them in another unit ("8.1% (1.0) [65 mmol/mol]", as The
    Lancet nests brackets) are no insertion but the source's: they stay, read as the reader reads them."""

    def read(match: re.Match) -> str:
        inside = match.group(1)
        if is_interval_in_brackets(inside) or is_conversion_in_brackets(text[: match.start()], inside):
            return match.group(0)
        return f" {inside} "

    return _BRACKETS.sub(read, text)


_BRACKETS = re.compile(r"\[([^\[\]]*)\]")


def _clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
