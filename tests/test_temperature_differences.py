"""A new user's climate registry: temperature differences (a warming in °C) convert without the 273.15 of a
temperature's offset, derivations on temperatures recompute the right numbers, a number with its unit is a
derivation operand, ``new claim`` takes U+2212 as a minus, and ``diff`` says when a unit rewrite keeps the quantity."""

from __future__ import annotations

import json
import shutil

from claimgraph.checks.derived import DerivationError, compute
from claimgraph.quantities import convert, is_difference, normalise
from claimgraph.qudt import UNIT_NS

from .conftest import run_cli
from .made_registries import (
    add_claim,
    add_turtle,
    checked_site,
    findings,
    new_claim,
    new_registry,
    page_words,
    site_page,
)

K, DEG_C = UNIT_NS + "K", UNIT_NS + "DEG_C"
KINDS = "http://qudt.org/vocab/quantitykind/"


def test_a_difference_converts_without_the_offset_an_absolute_temperature_with_it():
    assert is_difference(KINDS + "TemperatureDifference")
    assert not is_difference(KINDS + "ThermodynamicTemperature") and not is_difference(None)
    assert normalise(1.09, DEG_C, KINDS + "TemperatureDifference") == (1.09, K)
    assert normalise(15, DEG_C, KINDS + "ThermodynamicTemperature") == (288.15, K)
    assert normalise(15, DEG_C) == (288.15, K)
    assert convert(1.1, K, DEG_C, difference=True) == 1.1
    assert convert(1.1, K, DEG_C) == -272.05


def _warming_registry(tmp_path):
    root = new_registry(tmp_path, ("en",))
    warming = ("--measurand", "gmst-warming")
    add_claim(root, "ar6", "Warming of 1.09 °C", "1.09", "DEG_C", kind="TemperatureDifference", more=warming)
    add_claim(root, "other", "Warming of 1.1 K", "1.1", "K", kind="TemperatureDifference", more=warming)
    return root


def test_a_warming_in_celsius_and_one_in_kelvin_agree_everywhere(tmp_path):
    root = _warming_registry(tmp_path)
    assert findings(root, "CG340", "CG342") == []
    listed = run_cli("list", "claims", "--registry", str(root), "--format", "json")
    assert listed.code == 0, listed.err
    rows = {row["id"]: row for row in json.loads(listed.out)}
    assert float(rows["claim/ar6"]["normalised_value"]) == 1.09 and rows["claim/ar6"]["normalised_unit"] == "unit:K"
    answer = run_cli("query", "claims-by-measurand", "--registry", str(root), "--format", "csv")
    assert answer.code == 0, answer.err
    assert "1.09" in answer.out and "274" not in answer.out
    # a third claim far off: the conflict's span and the chart are in °C, without -272
    add_claim(
        root, "far", "Warming of 2 °C", "2", "DEG_C", kind="TemperatureDifference", more=("--measurand", "gmst-warming")
    )
    messages = [f["message"] for f in findings(root, "CG340")]
    assert messages and all("1.09 to 2 °C" in m for m in messages), messages
    site = checked_site(root, tmp_path / "site")
    page = site_page(site, "measurands/gmst-warming.html")
    assert "-272" not in page and "−272" not in page and "274" not in page
    assert "1.1" in page


def test_an_absolute_temperature_keeps_the_offset(tmp_path):
    root = new_registry(tmp_path, ("en",))
    near = ("--measurand", "gmst")
    add_claim(root, "c", "14.85 °C", "14.85", "DEG_C", kind="ThermodynamicTemperature", more=near)
    add_claim(root, "k", "288 K", "288", "K", kind="ThermodynamicTemperature", more=near)
    assert findings(root, "CG340") == []
    add_claim(root, "k2", "14.85 K", "14.85", "K", kind="ThermodynamicTemperature", more=near)
    assert findings(root, "CG340"), "14.85 K is no 14.85 °C"


_DERIVED = """
measurand:tabs a cg:Measurand ; rdfs:label "tabs" ; cg:quantityKind quantitykind:ThermodynamicTemperature ;
  cg:about system:s .
measurand:rate a cg:Measurand ; rdfs:label "rate" ; cg:quantityKind quantitykind:TemperaturePerTime ; cg:about system:s .
measurand:ratio a cg:Measurand ; rdfs:label "ratio" ; cg:quantityKind quantitykind:DimensionlessRatio ;
  cg:about system:s .
claim:t15 a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:tabs ;
  cg:value [ qudt:numericValue 15 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 .
claim:t139 a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:tabs ;
  cg:value [ qudt:numericValue 13.9 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 .
claim:diff a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:gmst-warming ;
  cg:value [ qudt:numericValue 1.1 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 ;
  cg:derivedBy [ a cg:Derivation ; cg:formula formula:difference ; cg:operands ( claim:t15 claim:t139 ) ] .
claim:rate a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:rate ;
  cg:value [ qudt:numericValue 0.02 ; qudt:unit unit:DEG_C-PER-YR ] ; cg:cites source:Doe2021 .
claim:prod a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:gmst-warming ;
  cg:value [ qudt:numericValue 0.6 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 ;
  cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ;
                 cg:operands ( claim:rate [ qudt:numericValue 30 ; qudt:unit unit:YR ] ) ] .
claim:three a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:gmst-warming ;
  cg:value [ qudt:numericValue 3 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 .
claim:ratio a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:ratio ;
  cg:value [ qudt:numericValue 5 ; qudt:unit unit:UNITLESS ] ; cg:cites source:Doe2021 ;
  cg:derivedBy [ a cg:Derivation ; cg:formula formula:ratio ; cg:operands ( claim:three claim:prod ) ] .
claim:inK a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:gmst-warming ;
  cg:value [ qudt:numericValue 1.09 ; qudt:unit unit:K ] ; cg:cites source:Doe2021 ;
  cg:derivedBy [ a cg:Derivation ; cg:formula formula:conversion ; cg:operands ( claim:ar6 ) ] .
"""


def _with_derivations(tmp_path):
    root = _warming_registry(tmp_path)
    # (every claim with a status: the shapes' findings are those about the derivations only)
    turtle = _DERIVED.replace(
        "cg:cites source:Doe2021", 'cg:cites source:Doe2021 ; cg:status status:unverified ; cg:statusNote "n"@en'
    )
    prefixes = "@prefix formula: <https://w3id.org/claimgraph/formula#> .\n"
    add_turtle(root, prefixes + turtle)
    return root


def test_derivations_on_temperatures_recompute_the_right_numbers(tmp_path):
    root = _with_derivations(tmp_path)
    found = findings(root, "CG350", "CG351", "CG352")
    assert found == [], found
    shapes = [f for f in findings(root) if f["code"].startswith("CG2") and f["severity"] == "error"]
    assert shapes == [], shapes  # a number with its unit is an operand the shapes take
    site = checked_site(root, tmp_path / "site")
    page = site_page(site, "claims/prod.html")
    assert "30 years" in page and "-273" not in page


def test_wrong_derived_temperatures_are_reported_in_sensible_numbers(tmp_path):
    root = _with_derivations(tmp_path)
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    text = text.replace("qudt:numericValue 0.6 ;", "qudt:numericValue 1.5 ;")
    (root / "claims" / "claims.ttl").write_text(text, encoding="utf-8")
    (message,) = [f["message"] for f in findings(root, "CG350") if f["message"].startswith("recomputed product")]
    assert "gives 0.6 °C" in message and "30 years" in message and "-27" not in message, message


def test_a_product_of_an_absolute_celsius_temperature_is_refused_clearly(tmp_path):
    root = _with_derivations(tmp_path)
    add_turtle(
        root,
        'claim:twice a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:tabs ;\n'
        "  cg:value [ qudt:numericValue 30 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 ;\n"
        "  cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ; cg:operands ( claim:t15 2 ) ] .",
    )
    (found,) = findings(root, "CG351")
    message = found["message"]
    assert "absolute temperature" in message and "TemperatureDifference" in message and "-27" not in message
    assert "TemperatureDifference" in found["hint"]


def test_a_warming_minus_a_temperature_is_refused(tmp_path):
    root = _with_derivations(tmp_path)
    add_turtle(
        root,
        'claim:odd a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:gmst-warming ;\n'
        "  cg:value [ qudt:numericValue 1 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 ;\n"
        "  cg:derivedBy [ a cg:Derivation ; cg:formula formula:difference ; cg:operands ( claim:ar6 claim:t15 ) ] .",
    )
    (found,) = findings(root, "CG351")
    assert "minus an absolute temperature (claim:t15 = 15 °C)" in found["message"], found


def test_compute_reads_a_difference_of_temperatures_as_a_difference():
    assert (
        round(compute("https://w3id.org/claimgraph/formula#difference", [(15, DEG_C), (13.9, DEG_C)], DEG_C), 9) == 1.1
    )
    try:
        compute("https://w3id.org/claimgraph/formula#ratio", [(3, DEG_C), (0.6, DEG_C)])
    except DerivationError as exc:
        assert "absolute temperature" in str(exc)
    else:
        raise AssertionError("a ratio of absolute °C is refused")


_BLANK_OPERAND = (
    "@prefix formula: <https://w3id.org/claimgraph/formula#> .\n"
    'claim:odd a cg:QuantitativeClaim ; cg:statement "t"@en ; cg:measurand measurand:gmst-warming ;\n'
    "  cg:value [ qudt:numericValue 0.6 ; qudt:unit unit:DEG_C ] ; cg:cites source:Doe2021 ;\n"
    "  cg:derivedBy [ a cg:Derivation ; cg:formula formula:product ; cg:operands ( 0.02 [ qudt:numericValue 30 ] ) ] ."
)


def test_an_operand_node_is_named_by_its_position_and_new_claim_still_adds(tmp_path):
    root = _warming_registry(tmp_path)
    add_turtle(root, _BLANK_OPERAND)
    first, second = findings(root, "CG351"), findings(root, "CG351")
    assert first == second and len(first) == 1  # the same words at every load
    assert "the 2nd operand" in first[0]["message"] and "_:" not in first[0]["message"]
    added = new_claim(root, "more", "--statement", "s", "--value", "1.2", "--unit", "K", kind="TemperatureDifference")
    assert added.code == 0, added.err


def test_new_claim_takes_the_minus_sign_of_typeset_text(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(root, "cool", "--statement", "s", "--value", "\u22121.1", "--unit", "DEG_C", kind="Temperature")
    assert added.code == 0, added.err
    ranged = new_claim(
        root, "span", "--statement", "s", "--range", "\u22122", "\u22121.5", "--unit", "DEG_C", kind="Temperature"
    )
    assert ranged.code == 0, ranged.err
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert "qudt:numericValue -1.1 " in text and "cg:lowerBound -2 " in text and "\u2212" not in text
    dashed = new_claim(root, "dash", "--statement", "s", "--value", "\u20131.1", "--unit", "DEG_C", kind="Temperature")
    assert dashed.code != 0 and "dash, not a minus sign" in dashed.err and "-1.1" in dashed.err


def test_diff_says_a_unit_rewrite_keeps_the_quantity(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "co2", "410 ppm", "410", "PPM", kind="DimensionlessRatio")
    add_claim(root, "t", "288 K", "288", "K", kind="ThermodynamicTemperature")
    add_claim(root, "w", "1.1 K", "1.1", "K", kind="TemperatureDifference")
    new = tmp_path / "new"
    shutil.copytree(root, new)
    path = new / "claims" / "claims.ttl"
    text = path.read_text(encoding="utf-8")
    for old_value, new_value in (
        ("410 ; qudt:unit unit:PPM", "0.410 ; qudt:unit unit:PERMILLE"),  # ±0.5 ppm either way
        ("288 ; qudt:unit unit:K", "14.85 ; qudt:unit unit:DEG_C"),
        ("1.1 ; qudt:unit unit:K", "1.2 ; qudt:unit unit:DEG_C"),
    ):
        assert old_value in text
        text = text.replace(old_value, new_value)
    path.write_text(text, encoding="utf-8")
    result = run_cli("diff", str(root), str(new), "--format", "json")
    assert result.code in (0, 1), result.err
    changes = {c["claim"]: c["changes"][0] for c in json.loads(result.out)["changed"]}
    # 288 K is 287.5 to 288.5 K, 14.85 °C 288.145 to 288.155 K: the same number, stated more precisely
    assert {claim: change["same_quantity"] for claim, change in changes.items()} == {
        "claim/co2": True,
        "claim/t": False,
        "claim/w": False,
    }
    assert {claim: change["rewritten"] for claim, change in changes.items()} == {
        "claim/co2": "unit",
        "claim/t": "precision",
        "claim/w": "",
    }
    shown = run_cli("diff", str(root), str(new))
    assert shown.out.count("same quantity: only its unit is rewritten") == 1
    assert shown.out.count("same number, stated to another precision") == 1


def test_new_claim_compares_errors_without_blank_node_labels(tmp_path, monkeypatch):
    """An error naming a blank node by its label (new at every load) is not taken for a new one."""
    from claimgraph.checks import derived

    monkeypatch.setattr(derived, "_shown_operand", lambda item: repr(item))  # the label, as messages once gave it
    root = _warming_registry(tmp_path)
    add_turtle(root, _BLANK_OPERAND)
    assert [f for f in findings(root, "CG351") if "'_:" in f["message"]]
    added = new_claim(root, "more", "--statement", "s", "--value", "1.2", "--unit", "K", kind="TemperatureDifference")
    assert added.code == 0, added.err
    # a new error still refuses the claim
    refused = new_claim(root, "wrong", "--statement", "s", "--value", "1.2", "--unit", "KiloGM", kind="Temperature")
    assert refused.code != 0 and "CG330" in refused.err


def test_a_quote_in_kelvin_backs_a_warming_in_celsius(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_claim(
        root, "ar6", "Warming of 1.09 °C", "1.09", "DEG_C", kind="TemperatureDifference",
        quote="the surface was 1.09 K warmer", more=("--measurand", "gmst-warming"),
    )  # fmt: skip
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    quote = 'oa:exact "the surface was 1.09 K warmer"'
    assert quote in text
    path = root / "claims" / "claims.ttl"
    path.write_text(text.replace(quote, quote + " ; cg:value [ qudt:numericValue 1.09 ; qudt:unit unit:K ]"), "utf-8")
    assert findings(root, "CG320", "CG321", "CG370") == []
    listed = run_cli("list", "claims", "--registry", str(root), "--format", "json")
    assert float(json.loads(listed.out)[0]["normalised_value"]) == 1.09


def test_a_kind_a_registry_declares_a_specialisation_of_temperature_difference_is_one(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_turtle(
        root,
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'quantitykind:SurfaceWarming a qudt:QuantityKind ; rdfs:label "Surface warming" ;\n'
        "  qudt:hasDimensionVector <http://qudt.org/vocab/dimensionvector/A0E0L0I0M0H1T0D0> ;\n"
        "  skos:broader quantitykind:TemperatureDifference .",
    )
    near = ("--measurand", "warming")
    add_claim(root, "c", "1.09 °C", "1.09", "DEG_C", kind="SurfaceWarming", more=near)
    add_claim(root, "k", "1.1 K", "1.1", "K", kind="SurfaceWarming", more=near)
    assert findings(root, "CG340", "CG334") == []


def test_the_home_page_gives_the_conflict_in_celsius(tmp_path):
    root = _warming_registry(tmp_path)
    add_claim(
        root, "far", "Warming of 2 °C", "2", "DEG_C", kind="TemperatureDifference", more=("--measurand", "gmst-warming")
    )
    site = checked_site(root, tmp_path / "site")
    words = page_words(site_page(site, "index.html"))
    assert "1.09 to 2 °C" in words and "272" not in words
