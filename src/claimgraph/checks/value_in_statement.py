"""A claim's number must be the number its own words print.

* CG322: a statement (``cg:statement``, one per language: the claim's words as
  printed and their renderings) prints numbers, but none of them is the claim's
  ``cg:value`` under any reading (docs/numbers.md), allowing for units and for the
  rounding of either side: "1,3 GWh" states 1287 MWh, "433 MWh" does not state 533.

A statement that prints no number at all is not held against the value: "AI's
footprint is rising" states no figure to contradict, and a claim's words may say
"doubled" or name its number only in another language. Each language's statement
is read in that language first (1,287 is 1.287 in French), every other reading
still counting. A value in a unit no rule resolves is not compared: CG331 reports the unit.
"""

from __future__ import annotations

from typing import Iterable

from ..model import claim_values
from ..findings import Finding
from ..namespaces import CG
from ..numbers_in_text import describe, read_numbers, reading_states
from ..quantities import catalogue_for, format_quantity, compared_with_texts, temperature_reading
from ..registry import Registry, python_value

# the language tag is read off each literal (Literal.language): a LANG() column took a fifth of the query
_STATEMENTS = """
SELECT ?claim ?text WHERE {
  ?claim cg:value ?value ; cg:statement ?text .
  FILTER(isLiteral(?text))
}
"""


def check(registry: Registry) -> Iterable[Finding]:
    values = claim_values(registry)
    languages = registry.settings.languages
    catalogue = catalogue_for(registry)
    # the reading order of each language tag met (a registry's statements use a few: 20,000 at 10,000 claims)
    orders: dict[str, tuple[str, tuple[str, ...]]] = {}
    for claim_term, text_term in registry.query(_STATEMENTS):
        # the cells as Registry.select reads them
        claim, text = python_value(claim_term), python_value(text_term)
        value = values.get(claim)  # type: ignore[arg-type]  # a claim IRI (or a number no claim has)
        if value is None or not isinstance(text, str):
            continue
        if not compared_with_texts(value.quantity.unit, value.kind, catalogue):
            continue  # a unit no rule resolves, or not of the measurand's kind: CG331 or CG330 is the one finding
        lang_tag = getattr(text_term, "language", None) or ""
        if lang_tag not in orders:
            language = lang_tag.split("-")[0].lower()
            orders[lang_tag] = language, tuple(dict.fromkeys(([language] if language else []) + list(languages)))
        language, order = orders[lang_tag]
        reading = read_numbers(text, order)
        difference = temperature_reading(value.kind, catalogue)  # a temperature in another scale: as the kind says
        if not reading.numbers or reading_states(
            value.quantity, reading, text, text_rounding=True, difference=difference, catalogue=catalogue
        ):
            continue
        tag = f"@{language} " if language else ""
        yield registry.finding(
            "CG322",
            f"the claim's value is {format_quantity(value.quantity, catalogue=catalogue)}, but its {tag}statement does not "
            f"print it: \u201c{_clip(text)}\u201d (numbers read: {describe(reading, claimed_unit=value.quantity.unit, catalogue=catalogue)})",
            subject=claim,
            predicate=str(CG.value),
            hint="correct cg:value or the statement; the statement keeps the claim's words as printed, so a "
            "value that differs on purpose (a more precise figure) belongs in a quote and a note",
        )


def _clip(text: str, n: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
