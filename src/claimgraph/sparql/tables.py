"""Flat tables of the registry for spreadsheets (``claimgraph list claims``).

One row per claim, one plain value per cell: identifiers relative to the registry base
(``claim/gpt3-training-energy``), BibTeX keys for sources, units as QUDT prefixed names
(``unit:GigaW-HR``), statuses by their SKOS notation (``verified-primary``). Numbers are
also given normalised to the unit's SI-coherent base (``quantities.normalise``) so
that a spreadsheet can compare claims on the same measurand.
"""

from __future__ import annotations

from .results import compact
from .run import DEFAULT_TIMEOUT, run_select

CLAIMS_QUERY = """
SELECT ?claim ?value ?lower ?upper ?unit ?measurand ?cited ?citedKey ?role
       ?primary ?primaryKey ?status ?statusNotation
WHERE {
  { ?claim a cg:Claim } UNION { ?claim a cg:QuantitativeClaim }
  OPTIONAL { ?claim cg:value ?v .
             OPTIONAL { ?v qudt:numericValue ?value }
             OPTIONAL { ?v cg:lowerBound ?lower }
             OPTIONAL { ?v cg:upperBound ?upper }
             OPTIONAL { ?v qudt:unit ?unit } }
  OPTIONAL { ?claim cg:measurand ?measurand }
  OPTIONAL { ?claim cg:cites ?cited OPTIONAL { ?cited cg:bibKey ?citedKey } }
  OPTIONAL { ?claim cg:citedSourceRole ?role }
  OPTIONAL { ?claim cg:primarySource ?primary OPTIONAL { ?primary cg:bibKey ?primaryKey } }
  OPTIONAL { ?claim cg:status ?status OPTIONAL { ?status skos:notation ?statusNotation } }
}
ORDER BY ?claim
"""

STATEMENTS_QUERY = """
SELECT ?claim ?statement WHERE {
  { ?claim a cg:Claim } UNION { ?claim a cg:QuantitativeClaim }
  ?claim cg:statement ?statement .
}
ORDER BY ?claim ?statement
"""


def claim_columns(languages) -> list[str]:
    return (["id"] + [f"statement_{lang}" for lang in languages]
            + ["value", "lower_bound", "upper_bound", "unit",
               "normalised_value", "normalised_lower_bound", "normalised_upper_bound", "normalised_unit",
               "measurand", "cited_key", "cited_role", "primary_source", "status", "iri"])


def _normaliser():
    """The one conversion to a quantity kind's unit (:func:`claimgraph.quantities.normalise`)."""
    from ..quantities import normalise

    return normalise


def _number(term):
    if term is None:
        return None
    try:
        return float(term.value)
    except ValueError:
        return None


def claims_table(registry, *, timeout: float | None = DEFAULT_TIMEOUT) -> tuple[list[str], list[dict]]:
    """``(columns, rows)``: every claim of ``registry`` as a flat record (``None`` for an empty cell)."""
    base = registry.settings.base
    languages = list(registry.settings.languages) or ["en"]
    columns = claim_columns(languages)
    normalise = _normaliser()
    from ..quantities import catalogue_for

    catalogue = catalogue_for(registry)  # the registry's own units are normalised too

    statements: dict[str, dict[str, str]] = {}
    _, rows = run_select(registry, STATEMENTS_QUERY, timeout=timeout)
    for claim, statement in rows:
        lang = getattr(statement, "language", None) or ""
        statements.setdefault(claim.value, {}).setdefault(lang.lower(), statement.value)

    variables, rows = run_select(registry, CLAIMS_QUERY, timeout=timeout)
    records: dict[str, dict] = {}
    for row in rows:
        r = dict(zip(variables, row))
        iri = r["claim"].value
        if iri in records:  # a second value or source: the first, in document order, is kept
            continue
        value, lower, upper = _number(r["value"]), _number(r["lower"]), _number(r["upper"])
        unit = r["unit"].value if r["unit"] is not None else None
        cited_key = r["citedKey"].value if r["citedKey"] else (
            registry.key_of(r["cited"].value) if r["cited"] else None)
        primary_key = r["primaryKey"].value if r["primaryKey"] else (
            registry.key_of(r["primary"].value) if r["primary"] else None)
        role = compact(r["role"]).split(":")[-1] if r["role"] else None
        if primary_key is None and role == "primary":
            primary_key = cited_key
        status = r["statusNotation"].value if r["statusNotation"] else (
            compact(r["status"]).split(":")[-1] if r["status"] else None)
        record = {"id": compact(r["claim"], base).strip("<>")}
        texts = statements.get(iri, {})
        for lang in languages:
            record[f"statement_{lang}"] = texts.get(lang.lower())
        record.update({
            "value": value, "lower_bound": lower, "upper_bound": upper,
            "unit": compact(r["unit"]) if r["unit"] is not None else None,
            "normalised_value": None, "normalised_lower_bound": None, "normalised_upper_bound": None,
            "normalised_unit": None,
            "measurand": compact(r["measurand"], base).strip("<>") if r["measurand"] is not None else None,
            "cited_key": cited_key, "cited_role": role, "primary_source": primary_key,
            "status": status, "iri": iri,
        })
        if normalise is not None and unit is not None:
            for src, dst in (("value", "normalised_value"), ("lower_bound", "normalised_lower_bound"),
                             ("upper_bound", "normalised_upper_bound")):
                if record[src] is None:
                    continue
                try:
                    number, si_unit = normalise(record[src], unit, None, catalogue)
                except Exception:  # an unknown unit is the units check's finding, not a crash here
                    continue
                record[dst] = number
                record["normalised_unit"] = compact(_iri(si_unit)) if si_unit else None
        records[iri] = record
    return columns, list(records.values())


def _iri(value: str):
    import pyoxigraph as ox

    try:
        return ox.NamedNode(value)
    except ValueError:
        return ox.Literal(value)
