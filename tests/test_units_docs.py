"""`claimgraph units` lists and searches the units QUDT's data defines; docs/units.md is that list."""

from __future__ import annotations

import json

from claimgraph.qudt import table, units_markdown

from .conftest import PROJECT, run_cli


def test_the_units_page_is_generated_from_the_shipped_data():
    committed = (PROJECT / "docs" / "units.md").read_text(encoding="utf-8")
    assert committed == units_markdown(), "run `claimgraph units --markdown > docs/units.md` and commit it"
    assert f"QUDT {table()['about']['release']}" in committed and "CC BY 4.0" in committed
    for name in ("`KiloW-HR`", "`LB`", "`TON_SHORT`", "`TeraFLOPS`", "`CCY_USD`", "`FLOP`"):
        assert f"| {name} |" in committed


def test_units_searches_names_symbols_labels_and_kinds():
    result = run_cli("units", "pound mass", "--format", "json")
    assert result.code == 0
    names = {row["name"] for row in json.loads(result.out)}
    assert "LB" in names
    flops = run_cli("units", "FloatingPointCalculation")
    assert "TeraFLOPS" in flops.out and "T⁻¹·flop" in flops.out


def test_units_resolves_a_composed_name():
    result = run_cli("units", "TONNE-PER-MegaW-HR")
    assert result.code == 0
    assert result.out.startswith("TONNE-PER-MegaW-HR") and "mass per energy" in result.out


def test_units_says_when_nothing_matches():
    result = run_cli("units", "flubber")
    assert result.code == 1 and "no unit matches 'flubber'" in result.err and result.out == ""


def test_kinds_are_listed_too():
    result = run_cli("units", "--kinds", "Currency", "--format", "json")
    rows = {row["name"]: row for row in json.loads(result.out)}
    assert rows["Currency"]["dimension"] == "any one currency"


def test_a_search_lists_the_unit_typed_first():
    """`claimgraph units kWh` listed the currencies per kWh before the kilowatt hour itself."""
    from claimgraph.qudt import list_units

    assert list_units("kWh")[0].name == "KiloW-HR"
    assert list_units("MWh")[0].name == "MegaW-HR"
