"""Numbers keep the form their authors wrote (``1.30``, ``007``, ``1.0e3``) through the store, which holds
numbers in canonical form (``1.3``, ``7``, ``1000``): a number's rounding is read from how it is written,
so ``1.30`` is 1.295 to 1.305 where ``1.3`` is 1.25 to 1.35."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claimgraph.loading.turtle import index_turtle
from claimgraph.model import claim_values, quotes, read_model
from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import run_cli

BASE = "https://example.org/decimals/"

PREFIXES = """@prefix cg:           <https://w3id.org/claimgraph/ns#> .
@prefix status:       <https://w3id.org/claimgraph/status#> .
@prefix formula:      <https://w3id.org/claimgraph/formula#> .
@prefix qudt:         <http://qudt.org/schema/qudt/> .
@prefix unit:         <http://qudt.org/vocab/unit/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
@prefix oa:           <http://www.w3.org/ns/oa#> .
@prefix rdfs:         <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:          <http://www.w3.org/2001/XMLSchema#> .
@prefix claim:        <claim/> .
@prefix source:       <source/> .
@prefix measurand:    <measurand/> .
"""

MEASURAND = """
measurand:energy
    a cg:Measurand ;
    rdfs:label "training energy"@en ;
    cg:quantityKind quantitykind:Energy .
"""


def claim(name: str, number: str, *, unit: str = "GigaW-HR", extra: str = "") -> str:
    said = number.split('"')[1] if number.startswith('"') else number  # a typed literal's lexical form
    return f"""
claim:{name}
    a cg:QuantitativeClaim ;
    cg:statement "Training took {said} units."@en ;
    cg:measurand measurand:energy ;
    cg:value [ qudt:numericValue {number} ; qudt:unit unit:{unit} ] ;
    cg:inTextCitation "Doe, 2021" ;
    cg:cites source:Doe2021 ;
    cg:citedQuote [ oa:exact "Training took {said} units." ; cg:locator "p. 4" ] ;{extra}
    cg:status status:unverified ;
    cg:statusNote "Not read yet."@en .
"""


def registry_at(root, files: dict[str, str]):
    """A registry of its own (not the bundled one) holding ``files`` under claims/."""
    (root / "claims").mkdir(parents=True)
    (root / "bib").mkdir()
    (root / "claimgraph.toml").write_text(
        f'[registry]\ntitle = "Decimals"\nbase = "{BASE}"\nlanguages = ["en"]\n', encoding="utf-8"
    )
    (root / "bib" / "refs.bib").write_text(
        "@article{Doe2021,\n  author = {Doe, Jane},\n  title = {Energy},\n  journal = {J},\n  year = {2021},\n}\n",
        encoding="utf-8",
    )
    for name, text in files.items():
        (root / "claims" / name).write_text(PREFIXES + text, encoding="utf-8")
    return root


def codes(root) -> list[dict]:
    return json.loads(run_cli("check", "--registry", str(root), "--format", "json", "--no-cache").out)["findings"]


#: How the number is written, and what else the file holds: the loader's fast path (the file goes straight
#: into the store but for its numbers), and its slow paths (a typed literal, a collection: the triples are
#: parsed in Python and checked).
LAYOUTS = {
    "fast path": ("1.30", ""),
    "typed literal": ('"1.30"^^xsd:decimal', ""),
    "slow path, a typed literal elsewhere": ("1.30", '\n    cg:slide "3"^^xsd:integer ;'),
    "slow path, a collection": ("1.30", "\n    rdfs:seeAlso ( claim:other ) ;"),
}


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_trailing_zero_keeps_its_rounding_on_every_path(tmp_path, layout):
    number, extra = LAYOUTS[layout]
    root = registry_at(
        tmp_path / "r", {"a.ttl": MEASURAND + claim("a", number, extra=extra), "b.ttl": claim("b", "1.32")}
    )
    registry = load(root)
    value = claim_values(registry)[BASE + "claim/a"].quantity
    assert value.lexical == "1.30"
    assert value.tolerance() == pytest.approx(0.005)
    assert read_model(registry).claims[BASE + "claim/a"].value.lexical == "1.30"
    # 1.30 (1.295-1.305) and 1.32 (1.315-1.325) disagree; read as 1.3 (1.25-1.35) they were taken to agree
    conflicts = [f for f in codes(root) if f["code"] == "CG340"]
    assert conflicts, layout
    # the message names the values as written; the rounding that sets them apart is in the edge facts
    assert all("span 1.30 to 1.32 GWh" in f["message"] for f in conflicts), conflicts
    assert all(f["facts"]["low_edge"] == pytest.approx(1.295) for f in conflicts), conflicts
    assert all(f["facts"]["high_edge"] == pytest.approx(1.325) for f in conflicts), conflicts
    # the statement index comes from the text's tokens, whichever way the triples reached the store
    text = (root / "claims" / "a.ttl").read_text(encoding="utf-8")
    first = text.splitlines().index("claim:a") + 1
    assert registry.locate(BASE + "claim/a").line == first
    value_line = first + next(i for i, line in enumerate(text.splitlines()[first - 1 :]) if "cg:value" in line)
    assert registry.locate(BASE + "claim/a", "https://w3id.org/claimgraph/ns#value").line == value_line


def test_the_same_numbers_written_canonically_still_agree(tmp_path):
    """The control: 1.3 and 1.32 agree (1.3 is 1.25-1.35), and a file of canonical numerals is loaded
    straight into the store, with no written form to keep."""
    root = registry_at(tmp_path / "r", {"a.ttl": MEASURAND + claim("a", "1.3"), "b.ttl": claim("b", "1.32")})
    text = (root / "claims" / "a.ttl").read_text(encoding="utf-8")
    assert not index_turtle(text, BASE).rewritten_numeral
    registry = load(root)
    assert registry.written_numbers == {}
    assert claim_values(registry)[BASE + "claim/a"].quantity.lexical == "1.3"
    assert "CG340" not in [f["code"] for f in codes(root)]


@pytest.mark.parametrize("numeral", ["41.0", "1.30", "007", "+3", "-0", "1.0e3", "2.5E0", ".5"])
def test_the_lexer_tells_which_numerals_the_store_rewrites(numeral):
    assert index_turtle(f"<a> <b> {numeral} .", BASE).rewritten_numeral
    assert not index_turtle("<a> <b> 41, 1.3, 0, -0.5, 1287 .", BASE).rewritten_numeral


def test_leading_zeros_and_an_exponent_stay_as_written(tmp_path):
    """``007`` (an integer) and ``1.0e3`` (a double) come back from the store as 7 and 1000: the model,
    ``list claims`` and the check's messages show them as written, and 1.0e3 is read to ±50."""
    root = registry_at(
        tmp_path / "r",
        {"a.ttl": MEASURAND + claim("seven", "007", unit="MegaW-HR") + claim("thousand", "1.0e3", unit="MegaW-HR")},
    )
    registry = load(root)
    values = claim_values(registry)
    seven, thousand = values[BASE + "claim/seven"].quantity, values[BASE + "claim/thousand"].quantity
    assert (seven.value, seven.lexical, seven.tolerance()) == (7, "007", 0.5)
    assert (thousand.value, thousand.lexical, thousand.tolerance()) == (1000, "1.0e3", 50)
    model = read_model(registry)
    assert model.claims[BASE + "claim/seven"].value.lexical == "007"
    assert model.claims[BASE + "claim/thousand"].value.lexical == "1.0e3"

    listed = run_cli("list", "claims", "--registry", str(root))
    assert listed.code == 0, listed.err
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(listed.out))}
    assert rows["claim/seven"]["value"] == "007"
    assert rows["claim/thousand"]["value"] == "1.0e3"
    json_text = run_cli("list", "claims", "--registry", str(root), "--format", "json").out
    as_json = {row["id"]: row for row in json.loads(json_text)}
    assert as_json["claim/thousand"]["value"] == 1000.0
    assert as_json["claim/seven"]["value"] == 7
    # JSON's numerals as written where its grammar allows (1.0e3), the number where not (007 has a leading zero)
    assert '"value": 1.0e3,' in json_text and '"value": 7,' in json_text, json_text

    # 007 MWh (6.5-7.5) and 1.0e3 MWh (950-1050) disagree: the span names them as written, the edge
    # facts end where their rounding does
    conflicts = [f for f in codes(root) if f["code"] == "CG340"]
    assert conflicts and all("span 007 to 1.0e3 MWh" in f["message"] for f in conflicts), conflicts
    assert all((f["facts"]["low_edge"], f["facts"]["high_edge"]) == (6.5, 1050) for f in conflicts), conflicts


def test_a_derivation_reads_its_operand_to_its_written_rounding(tmp_path):
    """1.30 GWh converted is 1,295-1,305 MWh, which 1,310 MWh is not in (CG350); 1.3 GWh would be
    1,250-1,350 MWh, which it is."""
    derived = "\n    cg:derivedBy [ a cg:Derivation ; cg:formula formula:conversion ; cg:operands ( claim:operand ) ] ;"
    found = {}
    for written in ("1.30", "1.3"):
        root = registry_at(
            tmp_path / written,
            {
                "a.ttl": MEASURAND + claim("operand", written),
                "b.ttl": claim("derived", "1310", unit="MegaW-HR", extra=derived),
            },
        )
        found[written] = [f for f in codes(root) if f["code"] == "CG350"]
    assert found["1.30"] and "1.30 GWh" in found["1.30"][0]["message"], found
    assert found["1.3"] == []


def test_a_quote_value_keeps_its_written_form(tmp_path):
    quoted = (
        '\n    cg:primaryQuote [ oa:exact "It took 1.30 GWh." ; cg:locator "p. 2" ; '
        "cg:value [ qudt:numericValue 1.30 ; qudt:unit unit:GigaW-HR ] ] ;"
    )
    root = registry_at(tmp_path / "r", {"a.ttl": MEASURAND + claim("a", "1.3", extra=quoted)})
    registry = load(root)
    [record] = [q for q in quotes(registry) if q.role == "primary"]
    assert record.quantity.lexical == "1.30"
    assert record.quantity.tolerance() == pytest.approx(0.005)
    [quote] = [q for q in read_model(registry).claims[BASE + "claim/a"].quotes if q.role == "primary"]
    assert quote.value.lexical == "1.30"


def test_diff_shows_the_number_as_written(tmp_path):
    old = registry_at(tmp_path / "old", {"a.ttl": MEASURAND + claim("a", "1.25")})
    new = registry_at(tmp_path / "new", {"a.ttl": MEASURAND + claim("a", "1.30")})
    result = run_cli("diff", str(old), str(new))
    assert "1.30" in result.out, result.out
    # a value rewritten with one more digit is a change of its precision, which diff reports
    sharper = registry_at(tmp_path / "sharper", {"a.ttl": MEASURAND + claim("a", "1.3")})
    assert "1.30" in run_cli("diff", str(sharper), str(new)).out


def test_the_claim_page_shows_the_number_as_written(tmp_path):
    root = registry_at(tmp_path / "r", {"a.ttl": MEASURAND + claim("a", "41.0", unit="UNITLESS")})
    out = tmp_path / "site"
    build_site(load(root), out)
    page = (out / "claims" / "a.html").read_text(encoding="utf-8")
    assert "41.0" in page


def test_a_syntax_error_in_a_file_with_a_rewritten_number_loads_nothing(tmp_path):
    broken = MEASURAND + claim("a", "1.30") + '\nclaim:b cg:statement "x"@en ;;; ]\n'
    root = registry_at(tmp_path / "r", {"a.ttl": broken, "b.ttl": claim("c", "2.50")})
    registry = load(root)
    errors = [f for f in registry.load_findings if f.code == "CG101"]
    assert [f.file for f in errors] == ["claims/a.ttl"] and errors[0].line is not None
    assert BASE + "claim/a" not in claim_values(registry)
    assert claim_values(registry)[BASE + "claim/c"].quantity.lexical == "2.50"


def test_a_number_operand_of_a_derivation_keeps_its_written_form(tmp_path):
    """A plain number among a derivation's operands (``1.50``) is shown as written in the check's message,
    on the claim's page and in ``diff``."""
    derived = (
        "\n    cg:derivedBy [ a cg:Derivation ; cg:formula formula:compoundGrowth ; cg:operands ( claim:rate 1.50 ) ] ;"
    )
    files = {
        "a.ttl": MEASURAND + claim("rate", "5", unit="PERCENT") + claim("grown", "9.0", unit="UNITLESS", extra=derived)
    }
    root = registry_at(tmp_path / "r", files)
    registry = load(root)
    [derivation] = [d for d in read_model(registry).claims.values() if d.derivation]
    assert derivation.derivation.written == (None, "1.50")
    mismatches = [f for f in codes(root) if f["code"] == "CG350"]
    assert mismatches and mismatches[0]["message"].endswith(", 1.50"), mismatches
    out = tmp_path / "site"
    build_site(registry, out)
    assert "1.50" in (out / "claims" / "grown.html").read_text(encoding="utf-8")
    old = registry_at(tmp_path / "old", {"a.ttl": files["a.ttl"].replace("1.50", "2")})
    assert "1.50" in run_cli("diff", str(old), str(root)).out
