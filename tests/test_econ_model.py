"""What a new user's trial on an economics registry found: a registry's unit with a '-' in its name (GPU-HR)
could not be composed (CCY_USD-PER-GPU-HR); the formula named as cg:derivedBy's object gave "unknown formula
'none'"; money per energy was normalised to SEC2-CCY_USD-PER-M2-KiloGM and the spread's ratio printed
999.9999999999999; diff printed a statement as a Python repr without its language; CG340 printed 10⁰ and mixed
M$ with GUSD, CG330 printed the same dimension on both sides; the unit search did not find R$; `new source`
and `new claim` took an unknown entry type and a language the registry is not read in without a word."""

from __future__ import annotations

import json

from claimgraph.checks.conflicts import _with_power_of_ten
from claimgraph.quantities import UNIT_NS, normalise, unit_label

from .conftest import run_cli
from .made_registries import add_claim, add_turtle, findings, new_claim, new_registry

GPU_HOUR = (
    'unit:GPU-HR a qudt:Unit ; rdfs:label "GPU-hour"@en ; qudt:conversionMultiplier 3600.0 ; '
    "qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H0T1D0> ; "
    "qudt:hasQuantityKind quantitykind:Time ."
)


def _registry_with_gpu_hours(tmp_path):
    root = new_registry(tmp_path)
    add_turtle(root, GPU_HOUR)
    return root


# ------------------------------------------------------------------ 1. a declared unit with '-' composes


def test_a_declared_unit_with_a_hyphen_composes_into_a_price(tmp_path):
    root = _registry_with_gpu_hours(tmp_path)
    add_claim(root, "price", "A GPU-hour costs 2 USD.", "2", "CCY_USD-PER-GPU-HR", kind="CurrencyPerTime")
    add_claim(root, "hours", "Training took 1000 GPU-hours.", "1000", "GPU-HR", kind="Time")
    derived = new_claim(
        root, "cost", "--statement", "Training cost 2000 USD.", "--value", "2000", "--unit", "CCY_USD",
        "--derived-by", "product", "--operands", "price", "hours", kind="Currency",
    )  # fmt: skip
    assert derived.code == 0, derived.err
    found = findings(root, "CG331", "CG351", "CG352", "CG350")
    assert found == [], found
    listed = run_cli("units", "--registry", str(root), "CCY_USD-PER-GPU-HR", "--format", "json")
    assert listed.code == 0, listed.err
    row = json.loads(listed.out)[0]
    assert row["name"] == "CCY_USD-PER-GPU-HR" and row["dimension"] == "T⁻¹·USD"


def test_the_longest_declared_name_is_one_factor_and_the_rest_compose_as_before(tmp_path):
    from claimgraph.quantities import catalogue_for
    from claimgraph.registry import load

    root = _registry_with_gpu_hours(tmp_path)
    add_turtle(
        root,
        "unit:GPU a qudt:Unit ; qudt:conversionMultiplier 1.0 ; "
        "qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H0T0D0> .",
    )
    catalogue = catalogue_for(load(root))
    # GPU-HR (3600 s) is one factor, not GPU times an hour: the same multiplier either way, so a price per
    # kilo-GPU-hour says it: KiloW-PER-GPU-HR is a power per duration
    per_gpu_hour = catalogue.unit(UNIT_NS + "KiloW-HR-PER-GPU-HR")
    assert per_gpu_hour.multiplier == 1000.0 and per_gpu_hour.origin == "composed"
    assert catalogue.unit(UNIT_NS + "CCY_EUR-PER-KiloGPU").multiplier == 0.001  # a prefix on a declared unit
    # a second -PER- divides too, and a name ending in -PER- is refused, as QUDT's rules read names
    assert (
        catalogue.unit(UNIT_NS + "CCY_USD-PER-GPU-HR-PER-M").dimension
        == catalogue.unit(UNIT_NS + "CCY_USD-PER-HR-M").dimension
    )
    composed = run_cli("units", "--registry", str(root), "GPU-HR-PER-")
    assert composed.code == 1


def test_docs_units_says_a_declared_unit_is_one_factor():
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "units.md").read_text(encoding="utf-8")
    assert "`CCY_USD-PER-GPU-HR` is dollars per `GPU-HR`" in page
    assert "`unit:CCY_USD-PER-MegaW-HR` for $0.10/kWh" in page


# ------------------------------------------------------------------ 2. the formula as cg:derivedBy's object


def _derived_claim(root, derived_by: str) -> None:
    """claim:b (4 MWh) with ``cg:derivedBy`` written as given, beside claim:a (2 MWh)."""
    add_claim(root, "a", "It used 2 MWh.", "2", "MegaW-HR")
    add_turtle(
        root,
        "claim:b a cg:QuantitativeClaim ;\n"
        '    cg:statement "It used 4 MWh."@en ;\n'
        "    cg:measurand measurand:a ;\n"
        "    cg:value [ qudt:numericValue 4 ; qudt:unit unit:MegaW-HR ] ;\n"
        f"    cg:derivedBy {derived_by} ;\n"
        "    cg:cites source:Doe2021 ;\n"
        "    cg:status status:unverified .",
    )


def test_a_formula_named_as_derived_by_says_what_a_derivation_is(tmp_path):
    root = new_registry(tmp_path)
    _derived_claim(root, "formula:product")
    wrong = findings(root, "CG309")
    assert len(wrong) == 1
    assert wrong[0]["message"].startswith("cg:derivedBy must be a cg:Derivation node [ a cg:Derivation ; ")
    assert wrong[0]["message"].endswith("], not formula:product")
    assert "cg:formula formula:product" in wrong[0]["hint"] and "type it lacks" not in wrong[0]["hint"]
    lines = (root / "claims" / "claims.ttl").read_text(encoding="utf-8").splitlines()
    assert "cg:derivedBy formula:product" in lines[wrong[0]["line"] - 1]
    (unusable,) = findings(root, "CG351")
    assert "unknown formula 'none'" not in unusable["message"]
    assert unusable["message"].endswith("not formula:product")


def test_a_derivation_without_a_formula_says_so(tmp_path):
    root = new_registry(tmp_path)
    _derived_claim(root, "[ a cg:Derivation ; cg:operands ( claim:a 2 ) ]")
    (unusable,) = findings(root, "CG351")
    assert unusable["message"].startswith("the derivation names no cg:formula")


# ------------------------------------------------------------------ 3. a price's normalised unit


def test_money_per_energy_is_normalised_per_megawatt_hour_everywhere(tmp_path):
    root = new_registry(tmp_path)
    add_claim(root, "retail", "Power costs $0.10/kWh.", "0.10", "CCY_USD-PER-KiloW-HR", kind="CostPerEnergy",
              more=("--measurand", "price"))  # fmt: skip
    add_claim(root, "wholesale", "Power costs 100 USD/MWh.", "100", "CCY_USD-PER-MegaW-HR", kind="CostPerEnergy",
              more=("--measurand", "price"))  # fmt: skip
    add_claim(root, "odd", "Power costs 0.3 USD/kWh.", "0.3", "CCY_USD-PER-KiloW-HR", kind="CostPerEnergy",
              more=("--measurand", "price"))  # fmt: skip
    listed = run_cli("list", "claims", "--registry", str(root))
    assert listed.code == 0, listed.err
    assert "SEC2-CCY_USD" not in listed.out
    rows = {line.split(",")[0]: line for line in listed.out.splitlines()[1:]}
    assert "unit:CCY_USD-PER-MegaW-HR" in rows["claim/retail"] and ",1.0E2," in rows["claim/retail"]
    spread = run_cli("query", "--registry", str(root), "measurand-spread", "--format", "json")
    (row,) = json.loads(spread.out)["results"]["bindings"]
    assert row["unit"]["value"] == UNIT_NS + "CCY_USD-PER-MegaW-HR"
    assert (row["lowest"]["value"], row["highest"]["value"], row["ratio"]["value"]) == ("100", "300", "3")
    exported = run_cli("query", "--registry", str(root), "SELECT DISTINCT ?u WHERE { ?v cg:normalisedUnit ?u }")
    assert "CCY_USD-PER-MegaW-HR" in exported.out and "SEC2" not in exported.out
    # check's span is in a unit the claims write, as the normalised unit is a readable one
    assert all("USD/" in f["message"] for f in findings(root, "CG340"))


def test_a_price_per_mass_or_time_is_per_the_unit_its_quantity_is_shown_in():
    assert normalise(50.0, UNIT_NS + "CCY_EUR-PER-KiloGM")[1] == UNIT_NS + "CCY_EUR-PER-TONNE"
    assert normalise(2.0, UNIT_NS + "CCY_USD-PER-HR") == (48.0, UNIT_NS + "CCY_USD-PER-DAY")
    # what no shown unit writes keeps its coherent unit (dollars per FLOP), and USD·s is no price per hertz
    assert normalise(2.0, UNIT_NS + "CCY_USD-PER-ExaFLOP") == (2e-18, UNIT_NS + "CCY_USD-PER-FLOP")
    assert normalise(1.0, UNIT_NS + "CCY_USD-HR")[1] != UNIT_NS + "CCY_USD-PER-HZ"


def test_the_spread_ratio_keeps_four_significant_digits(tmp_path):
    root = new_registry(tmp_path)
    # 2.3 kWh and 2.3 MWh: the division of their normalised values is 999.9999999999999
    for claim_id, value, unit in (("small", "2.3", "KiloW-HR"), ("large", "2.3", "MegaW-HR")):
        add_claim(root, claim_id, f"It used {value} {unit}.", value, unit, more=("--measurand", "use"))
    spread = run_cli("query", "--registry", str(root), "measurand-spread", "--format", "csv")
    assert spread.code == 0, spread.err
    assert spread.out.splitlines()[1].endswith(",1000")


# ------------------------------------------------------------------ 4. diff's statement


def test_diff_gives_a_statement_as_plain_text_with_its_language(tmp_path):
    old = new_registry(tmp_path / "old", languages=("pt", "en"))
    new = new_registry(tmp_path / "new", languages=("pt", "en"))
    add_claim(new, "custo", "Custa 5 MWh.", "5", "MegaW-HR", more=("--lang", "pt"))
    result = run_cli("diff", str(old), str(new), "--format", "json")
    (added,) = json.loads(result.out)["added"]
    assert (added["statement"], added["statement_lang"]) == ("Custa 5 MWh.", "pt")
    text = run_cli("diff", str(old), str(new)).out
    assert '    "Custa 5 MWh."@pt' in text and "'Custa" not in text
    markdown = run_cli("diff", str(old), str(new), "--format", "markdown").out
    # (an "@" in a pull request's comment is a mention: the markdown keeps it from being one)
    assert '"Custa 5 MWh."@&#8203;pt' in markdown and "'Custa" not in markdown


# ------------------------------------------------------------------ 5. CG340 and CG330 messages


def test_a_span_never_prints_ten_to_the_zero_and_is_shown_where_both_ends_read(tmp_path):
    assert _with_power_of_ten("1.2") == "1.2" and _with_power_of_ten("1.2e0") == "1.2"
    assert _with_power_of_ten("24000000000") == "2.4 × 10¹⁰"
    root = new_registry(tmp_path)
    for claim_id, value, unit in (
        ("one", "5", "CCY_EUR"),
        ("two", "1.2", "GigaCCY_EUR"),
        ("three", "1.1", "GigaCCY_EUR"),
    ):
        add_claim(root, claim_id, f"It cost {value} {unit}.", value, unit, kind="Currency",
                  more=("--measurand", "budget"))  # fmt: skip
    messages = [f["message"] for f in findings(root, "CG340")]
    assert messages and all("values span 5 to 1200000000 EUR" in m for m in messages), messages
    assert not any("10⁰" in m for m in messages)


def test_currency_labels_are_iso_codes_with_or_without_a_prefix():
    labels = [unit_label(UNIT_NS + name) for name in ("MegaCCY_USD", "GigaCCY_USD", "MegaCCY_EUR", "CCY_USD")]
    # (a prefixed euro by its own sign, which names one currency: M€; "$" names a dozen)
    assert labels == ["MUSD", "GUSD", "M€", "USD"]


def test_cg330_says_a_cost_per_energy_needs_a_currency(tmp_path):
    root = new_registry(tmp_path)
    add_turtle(
        root,
        "claim:tariff a cg:QuantitativeClaim ;\n"
        '    cg:statement "It costs 0.1 per kWh."@en ;\n'
        "    cg:measurand measurand:tariff ;\n"
        "    cg:value [ qudt:numericValue 0.1 ; qudt:unit unit:PER-KiloW-HR ] ;\n"
        "    cg:cites source:Doe2021 ;\n"
        "    cg:status status:unverified .\n"
        "measurand:tariff a cg:Measurand ; cg:quantityKind quantitykind:CostPerEnergy ; cg:about system:s .\n"
        "system:s a cg:System .",
    )
    (wrong,) = findings(root, "CG330")
    assert "names no currency" in wrong["message"] and "one currency" in wrong["message"]
    assert "unit:CCY_USD-PER-KiloW-HR" in wrong["hint"]
    kinds = run_cli("units", "--kinds", "CostPerEnergy", "--format", "json")
    assert json.loads(kinds.out)[0]["dimension"] == "L⁻²·M⁻¹·T² and one currency"


# ------------------------------------------------------------------ 6. currencies by symbol


def test_the_unit_search_finds_a_currency_by_its_symbol():
    def names(symbol: str) -> list[str]:
        result = run_cli("units", symbol, "--format", "json")
        assert result.code == 0, (symbol, result.err)
        return [row["name"] for row in json.loads(result.out)]

    assert names("R$")[0] == "CCY_BRL" and names("C$")[0] == "CCY_CAD" and names("A$")[0] == "CCY_AUD"
    assert names("US$")[0] == "CCY_USD" and names("£")[0] == "CCY_GBP" and names("€")[0] == "CCY_EUR"
    assert names("¥")[:2] == ["CCY_JPY", "CCY_CNY"]  # a symbol two currencies share: each of them
    assert names("CHF")[0] == "CCY_CHF"
    assert names("R$").count("CCY_BRL") == 1


# ------------------------------------------------------------------ 7. new source and new claim input


def test_new_source_warns_of_an_entry_type_claimgraph_does_not_know(tmp_path):
    root = new_registry(tmp_path)
    made = run_cli(
        "new", "source", "--registry", str(root), "--key", "Roe2020", "--author", "Roe, R", "--title", "T",
        "--year", "2020", "--type", "weird", "--doi", "10.1234/x",
    )  # fmt: skip
    assert made.code == 0, made.err
    assert "warning: @weird is not an entry type claimgraph knows" in made.err and "techreport" in made.err
    known = run_cli(
        "new", "source", "--registry", str(root), "--key", "Poe2020", "--author", "Poe, P", "--title", "T",
        "--year", "2020", "--type", "techreport", "--doi", "10.1234/y",
    )  # fmt: skip
    assert known.code == 0 and "warning" not in known.err


def test_new_claim_says_when_its_language_is_not_the_registrys(tmp_path):
    root = new_registry(tmp_path, languages=("en",))
    made = new_claim(root, "x", "--statement", "Xyz 5 MWh.", "--value", "5", "--unit", "MegaW-HR", "--lang", "xx")
    assert made.code == 0, made.err
    assert "'xx' (no language CLDR knows) is in no language of the registry (en)" in made.err
    assert "claimgraph.toml" in made.err and "CG203" in made.err
    assert [f["code"] for f in findings(root, "CG203")] == ["CG203"]  # what check says of it
    english = new_claim(root, "y", "--statement", "It used 5 MWh.", "--value", "5", "--unit", "MegaW-HR",
                        "--lang", "en-GB")  # fmt: skip
    assert english.code == 0 and "warning" not in english.err
    too_long = new_claim(root, "z", "--statement", "It used 5 MWh.", "--value", "5", "--unit", "MegaW-HR",
                         "--lang", "en-abcdefghij")  # fmt: skip
    assert too_long.code == 2 and "is not a language tag" in too_long.err
