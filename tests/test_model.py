"""The one reading of a registry (claimgraph.model): every output gives a claim the same value, unit,
normalised value and status, in the same words."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
import sys
from pathlib import Path

import pytest

from claimgraph.checks import run_checks
from claimgraph.diff import diff_registries
from claimgraph.model import CLAIM_COLUMNS, claim_table, claim_table_text, claim_values, read_model, status_name
from claimgraph.quantities import Quantity, format_quantity
from claimgraph.registry import load
from claimgraph.site.model import gather
from claimgraph.site.rdf_views import claims_csv

from .conftest import PROJECT as ROOT
from .conftest import run_cli

UNIT = "http://qudt.org/vocab/unit/"


def _synthetic(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from synthetic import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    out = tmp_path_factory.mktemp("synthetic") / "registry"
    generate(40, out)
    return out


@pytest.fixture(scope="module", params=["bundled", "ml-training-energy", "synthetic"])
def registry_root(request, tmp_path_factory) -> Path:
    if request.param == "bundled":
        return ROOT
    if request.param == "ml-training-energy":
        return ROOT / "examples" / "ml-training-energy"
    return _synthetic(tmp_path_factory)


def _number(text) -> float | None:
    if text in (None, ""):
        return None
    return float(text)


def _unit(text: str | None) -> str | None:
    """A unit however an output writes it (an IRI, ``unit:GigaW-HR``, ``GigaW-HR``), as its local name."""
    if not text:
        return None
    return re.split(r"[#/:]", text)[-1]


def _row(value, lower, upper, unit, normalised, normalised_unit, status) -> tuple:
    return (
        _number(value),
        _number(lower),
        _number(upper),
        _unit(unit),
        _number(normalised),
        _unit(normalised_unit),
        status or None,
    )


def _from_site(registry) -> dict[str, tuple]:
    site = gather(registry, run_checks(registry))
    out = {}
    for c in site.claims:
        v, n = c.value, c.normalised
        out[c.iri] = _row(
            v and v.value,
            v and v.lower,
            v and v.upper,
            v.unit if v else None,
            n and n.value,
            n.unit if n else None,
            c.status.key if c.status else None,
        )
    return out


def _from_csv(text: str) -> dict[str, tuple]:
    return {
        r["iri"]: _row(
            r["value"],
            r["lower_bound"],
            r["upper_bound"],
            r["unit"],
            r["normalised_value"],
            r["normalised_unit"],
            r["status"],
        )
        for r in csv.DictReader(io.StringIO(text))
    }


def _from_list_json(root: Path) -> dict[str, tuple]:
    result = run_cli("list", "claims", "--format", "json", "--registry", str(root))
    assert result.code == 0, result.err
    return {
        r["iri"]: _row(
            r["value"],
            r["lower_bound"],
            r["upper_bound"],
            r["unit"],
            r["normalised_value"],
            r["normalised_unit"],
            r["status"],
        )
        for r in json.loads(result.out)
    }


def _from_diff(registry, tmp_path: Path) -> dict[str, tuple]:
    """Every claim as ``diff`` shows it when it is added (to a registry with the same settings and no claims)."""
    empty = tmp_path / "empty"
    empty.mkdir()
    shutil.copy(Path(registry.root) / "claimgraph.toml", empty / "claimgraph.toml")
    result = diff_registries(load(empty), registry)
    base = registry.settings.base
    out = {}
    for s in result.added:
        number, _, unit = s["value"].partition(" ")
        unit = unit.split(" (")[0]
        lower = upper = value = None
        if "–" in number:
            lower, upper = number.split("–")
        else:
            value = number or None
        assert _unit(s["unit"]) == _unit(unit or None)
        out[base + s["claim"]] = _row(
            value, lower, upper, unit, s["normalised_value"], s["normalised_unit"], s["status"]
        )
    return out


def test_every_output_gives_a_claim_the_same_values(registry_root, tmp_path):
    registry = load(registry_root)
    site = _from_site(registry)
    assert site, "the registry has claims"
    assert any(v[0] is not None or v[1] is not None for v in site.values()), "some claims carry values"
    listed = _from_list_json(registry_root)
    exported = run_cli("export", "--format", "csv", "--registry", str(registry_root))
    assert exported.code == 0, exported.err
    outputs = {
        "list claims": listed,
        "export -f csv": _from_csv(exported.out),
        "site claims.csv": _from_csv(claims_csv(gather(registry, []))),
        "diff": _from_diff(registry, tmp_path),
    }
    for name, rows in outputs.items():
        assert set(rows) == set(site), name
        for iri, expected in site.items():
            got = rows[iri]
            assert got == expected, (name, iri, got, expected)


def test_normalised_values_are_the_ones_the_loader_wrote(registry_root):
    registry = load(registry_root)
    written = {
        row["claim"]: (row["n"], row["u"])
        for row in registry.select(
            "SELECT ?claim ?n ?u WHERE { ?claim cg:value ?v . ?v cg:normalisedValue ?n ; cg:normalisedUnit ?u }"
        )
    }
    model = read_model(registry)
    for iri, claim in model.claims.items():
        if iri in written:
            assert claim.normalised is not None and claim.normalised.value == written[iri][0]
            assert claim.normalised.unit == written[iri][1]
        elif claim.normalised is not None:
            assert claim.normalised.value is None  # a range: its bounds are normalised instead


def test_one_status_spelling_and_one_set_of_columns():
    registry = load(ROOT)
    model = read_model(registry)
    keys = {c.status_key for c in model.claims.values()}
    assert keys <= {"verifiedPrimary", "verifiedSecondary", "unverified", "discrepancy", "notInSource"}
    assert status_name("https://w3id.org/claimgraph/status#verifiedPrimary") == "verifiedPrimary"
    columns, rows = claim_table(model)
    assert columns[:2] == ["id", "type"] and tuple(columns[-len(CLAIM_COLUMNS) :]) == CLAIM_COLUMNS
    export_header = run_cli("export", "--format", "csv", "--registry", str(ROOT)).out.splitlines()[0]
    list_header = run_cli("list", "claims", "--registry", str(ROOT)).out.splitlines()[0]
    site_header = claims_csv(gather(registry, [])).splitlines()[0]
    assert export_header == list_header == site_header == ",".join(columns)


def test_the_checks_and_the_pages_read_the_same_quantity():
    registry = load(ROOT)
    model = read_model(registry)
    values = claim_values(registry)
    assert values
    for iri, checked in values.items():
        shown = model.claims[iri].value
        assert isinstance(checked.quantity, Quantity) and isinstance(shown, Quantity)
        assert (checked.quantity.value, checked.quantity.lower, checked.quantity.upper, checked.quantity.unit) == (
            shown.value,
            shown.lower,
            shown.upper,
            shown.unit,
        )
        assert format_quantity(checked.quantity) == format_quantity(shown)


def test_format_quantity_reads_as_people_write_numbers():
    assert format_quantity(Quantity(unit=UNIT + "GigaW-HR", value=1.3)) == "1.3 GWh"
    assert format_quantity(Quantity(unit=UNIT + "MegaW-HR", value=1287000.0)) == "1287000 MWh"
    assert format_quantity(Quantity(unit=UNIT + "PERCENT", lower=20.0, upper=40.0)) == "20–40 %"
    assert format_quantity(Quantity(unit=UNIT + "UNITLESS", value=3.0)) == "3"
    assert format_quantity(None) == ""
    assert not math.isnan(Quantity(unit="", lower=1.0, upper=3.0).midpoint or math.nan)


def test_claim_table_cells_in_csv_and_tsv(copy_fixture):
    """Each kind of cell as claim_table_text writes it: a number as written (1287.0 stays so), text a
    spreadsheet would run behind an apostrophe, and in TSV a cell's tabs and line breaks as spaces."""
    root = copy_fixture("valid")
    derived = root / "claims" / "derived.ttl"
    text = derived.read_text(encoding="utf-8")
    old_statement, old_value = '"Training model X consumed 1,287 MWh."@en', "qudt:numericValue 1287 ;"
    assert old_statement in text and old_value in text
    derived.write_text(
        text.replace(old_statement, '"=1\\t+\\n2 MWh"@en , "Modell X"@de').replace(
            old_value, "qudt:numericValue 1287.0 ;"
        ),
        encoding="utf-8",
    )
    model = read_model(load(root))
    for delimiter, statement in ((",", "'=1\t+\n2 MWh"), ("\t", "'=1 + 2 MWh")):
        rows = list(csv.DictReader(io.StringIO(claim_table_text(model, delimiter=delimiter)), delimiter=delimiter))
        row = next(r for r in rows if r["statement_de"] == "Modell X")
        assert row["statement_en"] == statement
        assert (row["value"], row["unit"], row["type"]) == ("1287.0", "unit:MegaW-HR", "QuantitativeClaim")
        assert row["status"] and row["cites"] and row["measurand"] and row["lower_bound"] == ""
