"""What a trial of the documentation against the tool found: each test runs the real code on a
registry made as a user makes one (``init``, ``new source``, then Turtle written by hand)."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.loading.rdf_checks import MAX_LIST_LENGTH

from .conftest import run_process
from .made_registries import findings, new_registry

ENERGY = """
system:gpt a cg:System ; rdfs:label "GPT" .
measurand:gpt-energy a cg:Measurand ; rdfs:label "training energy of GPT"@en ;
    cg:quantityKind quantitykind:Energy ; cg:about system:gpt .
claim:gpt-energy a cg:QuantitativeClaim ;
    cg:statement "Doe (2021) puts GPT training energy at 1287 MWh."@en ;
    cg:measurand measurand:gpt-energy ;
    cg:value [ qudt:numericValue 1287 ; qudt:unit unit:MegaW-HR ] ;
    cg:inTextCitation "Doe, 2021" ; cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ;
    cg:citedQuote [ a cg:SourceQuote ; cg:inSource source:Doe2021 ; oa:exact "training took 1,287 MWh" ;
                    cg:locator "p. 3" {quote_values}] ;
    cg:status status:verifiedPrimary ; cg:statusNote "checked p. 3" .
"""


def _registry(tmp_path: Path, turtle: str) -> Path:
    root = new_registry(tmp_path, ("en",))
    claims = root / "claims" / "claims.ttl"
    claims.write_text(claims.read_text(encoding="utf-8") + turtle, encoding="utf-8")
    return root


def test_a_recomputed_interval_is_shown_with_the_digits_that_keep_the_claim_out_of_it(tmp_path):
    doubled = """
measurand:gpt-double a cg:Measurand ; rdfs:label "double energy of GPT"@en ;
    cg:quantityKind quantitykind:Energy ; cg:about system:gpt .
claim:gpt-double a cg:QuantitativeClaim ;
    cg:statement "Doe (2021) puts twice GPT training energy at 2578 MWh."@en ;
    cg:measurand measurand:gpt-double ;
    cg:value [ qudt:numericValue 2578 ; qudt:unit unit:MegaW-HR ] ;
    cg:derivedBy [ a cg:Derivation ; cg:formula formula:sum ; cg:operands ( claim:gpt-energy claim:gpt-energy ) ] ;
    cg:inTextCitation "Doe, 2021" ; cg:cites source:Doe2021 ; cg:citedSourceRole role:primary ;
    cg:status status:verifiedPrimary ; cg:statusNote "checked" .
"""
    root = _registry(tmp_path, ENERGY.replace("{quote_values}", "") + doubled)
    (mismatch,) = findings(root, "CG350")
    # rounded to three digits it read "2570 MWh (interval 2570–2580 MWh)", holding the 2578 claimed
    assert mismatch["message"].startswith(
        "recomputed sum gives 2574 MWh (interval 2573–2575 MWh), the claim says 2578 MWh"
    )


def test_a_quote_holding_several_values_is_compared_with_none_of_them(tmp_path):
    two_values = "; cg:value [ qudt:numericValue 1287 ; qudt:unit unit:MegaW-HR ] , [ qudt:numericValue 1 ; qudt:unit unit:MegaW-HR ] "
    root = _registry(tmp_path, ENERGY.replace("{quote_values}", two_values))
    codes = {f["code"] for f in findings(root)}
    # CG233 says the quote holds several values; "its cited source states 1 MWh" picked one of them
    assert "CG233" in codes and not codes & {"CG370", "CG321"}
    one_value = "; cg:value [ qudt:numericValue 1 ; qudt:unit unit:MegaW-HR ] "
    (contradiction,) = findings(_registry(tmp_path / "one", ENERGY.replace("{quote_values}", one_value)), "CG370")
    assert "it says 1287 MWh and its cited source states 1 MWh" in contradiction["message"]


@pytest.mark.parametrize("value", ["abc", "-1", "nan", "-inf"])
def test_a_bad_shacl_time_limit_is_a_usage_error(tmp_path, value):
    root = new_registry(tmp_path, ("en",))
    result = run_process("check", "-r", str(root), "--no-cache", env={"CLAIMGRAPH_SHACL_TIMEOUT": value})
    assert result.code == 2 and "Traceback" not in result.err
    assert f"CLAIMGRAPH_SHACL_TIMEOUT='{value}': expected a number of seconds, 0 or more (0 = no limit)" in result.err


@pytest.mark.parametrize("value", ["0", "inf", "2.5"])
def test_a_shacl_time_limit_of_0_or_more_runs_the_checks(tmp_path, value):
    root = new_registry(tmp_path, ("en",))
    result = run_process("check", "-r", str(root), "--no-cache", env={"CLAIMGRAPH_SHACL_TIMEOUT": value})
    assert result.code == 0 and "CG120" not in result.out, result.out + result.err


@pytest.mark.parametrize("items, refused", [(10_000, False), (10_001, True)])
def test_a_collection_of_ten_thousand_items_loads_and_one_more_is_refused(tmp_path, items, refused):
    assert MAX_LIST_LENGTH == 10_000  # the limit docs/limits.md states
    root = new_registry(tmp_path, ("en",))
    (root / "claims" / "list.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n<claim/list> cg:p (" + " 1" * items + " ) .\n",
        encoding="utf-8",
    )
    too_long = [f for f in findings(root, "CG114") if f["file"] == "claims/list.ttl"]
    assert bool(too_long) == refused


def test_a_unit_written_as_a_string_is_one_finding(tmp_path):
    as_string = ENERGY.replace("{quote_values}", '; cg:value [ qudt:numericValue 1287 ; qudt:unit "MWh" ] ')
    root = _registry(tmp_path, as_string.replace("qudt:unit unit:MegaW-HR", 'qudt:unit "MWh"'))
    units = [(f["code"], f["message"]) for f in findings(root, "CG224", "CG331")]
    assert {code for code, _ in units} == {"CG224"}, units  # no "unit:MWh is not a unit…": no such IRI is written
    wrong_iri = _registry(tmp_path / "iri", ENERGY.replace("{quote_values}", "").replace("unit:MegaW-HR", "unit:MWh"))
    (unknown,) = findings(wrong_iri, "CG331")
    assert unknown["message"].startswith("unit:MWh is not a unit claimgraph can convert")


def test_every_message_a_shape_gives_is_in_the_findings_page():
    """CG253's row showed only cg:uses's message; cg:supportedBy's, the one authors meet, was in no row."""
    from claimgraph import finding_docs

    page = (Path(__file__).parents[1] / "docs" / "findings.md").read_text(encoding="utf-8")
    _, messages = finding_docs._shape_codes()
    assert "cg:supportedBy points at something that is not a cg:Claim" in " ".join(messages["CG253"])
    for code, said in messages.items():
        (row,) = [line for line in page.splitlines() if f"`{code}`" in line and line.startswith("|")]
        assert all(finding_docs.markdown_text(message) in row for message in said), code
