"""Hardening: numbers no check can compute with, citations of things that are no source, and
identifiers that differ only by case or Unicode normalisation.

Each case runs the real CLI on a copy of the valid fixture broken one way, and ends the same
way as the loader's other hardening cases: a finding naming file and line, no traceback.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from claimgraph.registry import load

from .conftest import FIXTURES, run_cli

VALID = FIXTURES / "valid"
DOUBLE = "<http://www.w3.org/2001/XMLSchema#double>"
#: claims/derived.ttl of the valid fixture: the line holding a claim's own value, and the one
#: holding a derivation's operands.
VALUE_LINE, VALUE_TEXT = 21, "qudt:numericValue 1287 ;"
OPERANDS_LINE, OPERANDS_TEXT = 72, "( claim:growth-rate 10 )"


@pytest.fixture
def registry(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(VALID, root, symlinks=True)
    return root


def replace_on_line(root: Path, number: int, old: str, new: str) -> None:
    path = root / "claims" / "derived.ttl"
    lines = path.read_text().split("\n")
    assert old in lines[number - 1]
    lines[number - 1] = lines[number - 1].replace(old, new)
    path.write_text("\n".join(lines))


def check(root: Path, *options: str):
    result = run_cli("check", "-r", str(root), *options)
    assert "Traceback" not in result.out + result.err
    return result


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    "number, reason",
    [
        ("1" + "0" * 400, "beyond the largest number"),  # int(): fine; float(): OverflowError in every check
        ("1" + "0" * 5000, "beyond the largest number"),  # past Python's int digits limit: silently skipped
        (f'"NaN"^^{DOUBLE}', "NaN is not a number"),
        (f'"INF"^^{DOUBLE}', "INF is infinite"),
        ("1e400", "would hold INF"),  # the store keeps a double as a machine number
        ("1e-400", "would hold 0"),
    ],
)
def test_value_no_double_holds_is_an_error_on_its_line(registry, number, reason):
    replace_on_line(registry, VALUE_LINE, VALUE_TEXT, f"qudt:numericValue {number} ;")
    result = check(registry)
    assert result.code == 1
    assert f"claims/derived.ttl:{VALUE_LINE}: CG333 error: qudt:numericValue " in result.out
    assert reason in result.out


@pytest.mark.parametrize("number", [f'"NaN"^^{DOUBLE}', f'"INF"^^{DOUBLE}', "1" + "0" * 400])
def test_list_claims_writes_valid_json_and_csv_for_values_that_are_not_finite(registry, number):
    replace_on_line(registry, VALUE_LINE, VALUE_TEXT, f"qudt:numericValue {number} ;")

    def refuse(constant):  # json.loads accepts NaN and Infinity unless told not to
        raise ValueError(f"{constant} is not JSON")

    listed = run_cli("list", "claims", "-f", "json", "-r", str(registry))
    assert listed.code == 0
    rows = json.loads(listed.out, parse_constant=refuse)
    row = next(r for r in rows if r["id"] == "claim/model-x-energy-in-paper")
    assert row["value"] is None and row["normalised_value"] is None
    table = csv.DictReader(io.StringIO(run_cli("list", "claims", "-r", str(registry)).out))
    row = next(r for r in table if r["id"] == "claim/model-x-energy-in-paper")
    assert row["value"] == "" and row["normalised_value"] == ""  # not "inf" or "nan"


def test_operand_no_double_holds_is_reported_not_a_crash(registry):
    replace_on_line(registry, OPERANDS_LINE, OPERANDS_TEXT, "( claim:growth-rate " + "1" + "0" * 400 + " )")
    result = check(registry)
    assert result.code == 1
    assert f"claims/derived.ttl:{OPERANDS_LINE}: CG333 error: list item " in result.out
    assert " CG351 error: derivation cannot be evaluated" in result.out


def test_range_bound_no_double_holds_is_reported(registry):
    replace_on_line(registry, VALUE_LINE, VALUE_TEXT, f'cg:lowerBound "-INF"^^{DOUBLE} ; cg:upperBound 1287 ;')
    result = check(registry)
    assert f"claims/derived.ttl:{VALUE_LINE}: CG333 error: cg:lowerBound -INF" in result.out


# ------------------------------------------------------------------ citations


@pytest.mark.parametrize(
    "target, what",
    [
        ("<claim/growth-rate>", "<claim/growth-rate>, which is no source: defined at claims/derived.ttl:"),
        ("<>", "<>, which is no source: the registry itself"),
    ],
)
def test_citing_something_that_is_no_source_is_reported(registry, target, what):
    # a claim cited as a source gave no finding: the check skipped every IRI of the registry
    replace_on_line(registry, 22, "cg:cites source:Doe2021 ;", f"cg:cites {target} ;")
    result = check(registry)
    assert result.code == 1
    assert "claims/derived.ttl:22: CG301 error: cg:cites points at " + what in result.out


# ------------------------------------------------------------------ twin identifiers


def twins(root: Path, text: str) -> list[str]:
    (root / "claims" / "zz-twins.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix claim: <claim/> .\n\n" + text
    )
    found = [
        f"{f.line} {f.message}"
        for f in load(root).load_findings
        if f.code == "CG119" and f.file == "claims/zz-twins.ttl"
    ]
    result = check(root, "--fail-level", "warning")
    assert result.code == 1 and "claims/zz-twins.ttl:" in result.out and " CG119 warning: " in result.out
    return found


def test_claims_differing_only_by_case_are_warned_at_the_second(registry):
    # claim/Growth-Rate would take over the page claims/growth-rate.html on a case-insensitive disk
    found = twins(registry, "claim:Growth-Rate a cg:Claim .\n")
    assert found == [
        "4 <claim/Growth-Rate> differs from <claim/growth-rate> "
        "(claims/derived.ttl:56) only by letter case: they are two nodes that look like one"
    ]


@pytest.mark.parametrize("decomposed", ["<claim/e\u0301x>", "<claim/e\\u0301x>"])
def test_claims_differing_only_by_unicode_normalisation_are_warned(registry, decomposed):
    found = twins(registry, f"claim:\u00e9x a cg:Claim .\n{decomposed} a cg:Claim .\n")
    assert found == [
        "5 <claim/e\\u0301x> differs from <claim/\u00e9x> (claims/zz-twins.ttl:4) only by "
        "Unicode normalisation: they are two nodes that look like one"
    ]


def test_identifier_not_in_nfc_is_warned_alone(registry):
    # typed from a keyboard, claim/éx is the composed form: every reference to this node misses it
    found = twins(registry, "<claim/e\u0301x> a cg:Claim .\n")
    assert found == [
        "4 <claim/e\\u0301x> is not in Unicode NFC: typed from a keyboard it is <claim/\u00e9x>, another node"
    ]


@pytest.mark.parametrize("number", [f'"INF"^^{DOUBLE}', "1" + "0" * 400])
def test_the_site_builds_with_a_value_no_double_holds(registry, tmp_path, number):
    """CG333 leaves the value in the graph (nothing was dropped): the site builds, and charts it as no amount."""
    replace_on_line(registry, VALUE_LINE, VALUE_TEXT, f"qudt:numericValue {number} ;")
    result = run_cli("build", "-r", str(registry), "--out", str(tmp_path / "site"))
    assert result.code == 0 and "Traceback" not in result.err, result.err
    assert (tmp_path / "site" / "claims" / "model-x-energy-in-paper.html").is_file()
