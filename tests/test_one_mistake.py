"""One mistake is one finding: what follows from a file that did not load, or from a claim defined twice,
is not reported again as findings of its own; and the site shows each finding where it belongs.

Every registry here is made with the documented commands (``init``, ``new source``, ``new claim``) and
then damaged the way a user trial did, or is one of the invalid fixture cases."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from pathlib import Path

from claimgraph.registry import load

from .conftest import run_cli
from .fixture_overlays import invalid_case

CLAIMS = "claims/claims.ttl"


def _new_registry(root: Path, *claims: list[str]) -> Path:
    assert run_cli("init", str(root)).code == 0
    source = ["--key", "Doe2021", "--author", "Doe, Jane", "--title", "T", "--year", "2021", "--doi", "10.1234/abc"]
    assert run_cli("new", "source", "--registry", str(root), *source).code == 0
    for claim in claims:
        made = run_cli("new", "claim", "--registry", str(root), *claim)
        assert made.code == 0, made.err
    return root


def _findings(root: Path) -> list[dict]:
    result = run_cli("check", "--registry", str(root), "--format", "json", "--no-cache", "--min-level", "info")
    return json.loads(result.out)["findings"]


def _codes(findings: list[dict]) -> list[str]:
    return sorted(f["code"] for f in findings)


ENERGY = [
    "--id", "c1", "--statement", "It used 1,300 MWh.", "--cites", "Doe2021", "--value", "1300",
    "--unit", "MegaW-HR", "--measurand", "m1", "--quantity-kind", "Energy", "--about", "s1",
]  # fmt: skip


# ------------------------------------------------------------------ a file that did not load


def test_a_claims_file_that_did_not_load_gives_no_source_cited_by_nothing(tmp_path):
    root = _new_registry(tmp_path / "r", ENERGY)
    assert "CG306" not in _codes(_findings(root))
    with (root / CLAIMS).open("a", encoding="utf-8") as out:
        out.write("claim:zz a cg:Claim ;\n")
    # the citation of Doe2021 is in the file that failed: "cited by nothing" would be the same mistake again
    assert _codes(_findings(root)) == ["CG101"]
    # and a source nothing cites is still said to be so once every claims file loads
    (root / CLAIMS).write_text((root / CLAIMS).read_text(encoding="utf-8").replace("claim:zz a cg:Claim ;\n", ""))
    other = ["--key", "Roe2022", "--author", "Roe, R", "--title", "U", "--year", "2022", "--doi", "10.1234/u"]
    assert run_cli("new", "source", "--registry", str(root), *other).code == 0
    uncited = [f for f in _findings(root) if f["code"] == "CG306"]
    assert [f["message"] for f in uncited] == ["Roe2022 is cited by no claim, quote or step"]


def test_a_claims_file_that_did_not_load_gives_no_reference_to_a_node_defined_nowhere():
    # claims/energy.ttl holds a syntax error: the claims, measurands and systems it defines are not read
    findings = _findings(invalid_case("turtle-syntax"))
    assert _codes(findings) == ["CG101"], findings
    # while a reference to nothing, every file read, is still reported
    assert "CG308" in _codes(_findings(invalid_case("unresolved-reference")))


def test_a_bibtex_entry_that_did_not_load_gives_no_unknown_key():
    # bib/references.bib:11 holds Roe2022 in a block that does not parse: the claims citing it cite no
    # unknown key, the block is the one mistake
    findings = _findings(invalid_case("broken-bibtex"))
    assert "CG105" in _codes(findings)
    assert "CG301" not in _codes(findings), findings
    assert _codes(_findings(invalid_case("unknown-key"))) == ["CG301"]


# ------------------------------------------------------------------ a claim defined twice

GROWTH = [
    [
        "--id", "e2022", "--statement", "460 TWh in 2022.", "--cites", "Doe2021", "--value", "460",
        "--unit", "TeraW-HR", "--measurand", "dc", "--quantity-kind", "Energy", "--about", "s1",
    ],
    [
        "--id", "e2026", "--statement", "1,000 TWh in 2026.", "--cites", "Doe2021", "--value", "1000",
        "--unit", "TeraW-HR", "--measurand", "dc26", "--quantity-kind", "Energy", "--about", "s1",
    ],
    [
        "--id", "growth", "--statement", "Growth of 117 %.", "--cites", "Doe2021", "--value", "117",
        "--unit", "PERCENT", "--measurand", "g", "--quantity-kind", "DimensionlessRatio", "--about", "s1",
        "--derived-by", "relativeChange", "--operands", "e2022", "e2026",
    ],
]  # fmt: skip

SECOND_E2026 = """
claim:e2026
    a cg:QuantitativeClaim ;
    cg:statement "900 TWh in 2026."@en ;
    cg:measurand measurand:dc26 ;
    cg:value [ qudt:numericValue 900 ; qudt:unit unit:TeraW-HR ] ;
    cg:cites source:Doe2021 ;
    cg:status status:unverified ;
    cg:statusNote "Not yet checked against the source."@en .
"""


def _prefixes(root: Path) -> str:
    return "".join(
        line + "\n" for line in (root / CLAIMS).read_text(encoding="utf-8").splitlines() if "@prefix" in line
    )


def _line_of_second_block(text: str) -> int:
    return [i for i, line in enumerate(text.splitlines(), 1) if line == "claim:e2026"][-1]


def test_a_claim_defined_in_two_files_is_one_finding(tmp_path):
    root = _new_registry(tmp_path / "r", *GROWTH)
    assert {"CG104", "CG322", "CG350"}.isdisjoint(_codes(_findings(root)))
    more = _prefixes(root) + SECOND_E2026
    (root / "claims" / "more.ttl").write_text(more, encoding="utf-8")
    findings = [f for f in _findings(root) if f["severity"] != "info"]
    first = [i for i, line in enumerate((root / CLAIMS).read_text().splitlines(), 1) if line == "claim:e2026"][0]
    assert [(f["code"], f["file"], f["line"]) for f in findings] == [
        ("CG104", "claims/more.ttl", _line_of_second_block(more))
    ], findings
    assert f"already defined in {CLAIMS}:{first}" in findings[0]["message"]


def test_a_claim_defined_twice_in_one_file_is_one_finding(tmp_path):
    root = _new_registry(tmp_path / "r", *GROWTH)
    with (root / CLAIMS).open("a", encoding="utf-8") as out:
        out.write(SECOND_E2026)
    text = (root / CLAIMS).read_text(encoding="utf-8")
    first = text.splitlines().index("claim:e2026") + 1
    findings = [f for f in _findings(root) if f["severity"] != "info"]
    # no CG202 (two statements), CG220 (two values), CG206, no CG322 stating the second value against the
    # first statement, no CG350 recomputed from one of the two values
    assert [(f["code"], f["file"], f["line"]) for f in findings] == [("CG104", CLAIMS, _line_of_second_block(text))], (
        findings
    )
    assert f"already defined in {CLAIMS}:{first}" in findings[0]["message"]
    # the value checks leave the claim alone rather than pick one of its two values
    from claimgraph.model import ambiguous_claims, claim_values

    registry = load(root)
    e2026 = registry.settings.base + "claim/e2026"
    assert e2026 in ambiguous_claims(registry) and e2026 not in claim_values(registry)
    assert registry.settings.base + "claim/e2022" in claim_values(registry)
    assert [(loc.file, loc.line) for loc in registry.defined_twice[e2026]] == [
        (CLAIMS, first),
        (CLAIMS, _line_of_second_block(text)),
    ]


def test_a_later_statement_adding_to_a_claim_in_its_file_is_no_second_definition(tmp_path):
    """Turtle lets a file say more about a subject in a later statement: only a block that types it again
    (``a cg:QuantitativeClaim``) defines it twice."""
    root = _new_registry(tmp_path / "r", *GROWTH)
    with (root / CLAIMS).open("a", encoding="utf-8") as out:
        out.write('\nclaim:e2026 rdfs:comment "Read off the chart on p. 4."@en .\n')
    assert "CG104" not in _codes(_findings(root))
    assert load(root).defined_twice == {}
    with (root / CLAIMS).open("a", encoding="utf-8") as out:
        out.write('\nclaim:e2026 rdfs:comment "Again."@en ; a cg:Claim .\n')
    assert _codes(_findings(root)).count("CG104") == 1


def test_a_claim_defined_twice_in_one_file_is_found_from_remembered_readings(tmp_path):
    """The loader's reading of each file is remembered between loads: a second block is in it."""
    root = _new_registry(tmp_path / "r", *GROWTH)
    with (root / CLAIMS).open("a", encoding="utf-8") as out:
        out.write(SECOND_E2026)
    fresh = load(root)
    first = load(root, remember_readings=True)
    again = load(root, remember_readings=True)
    for registry in (first, again):
        assert registry.defined_twice == fresh.defined_twice != {}
        assert [f.code for f in registry.load_findings] == [f.code for f in fresh.load_findings] == ["CG104"]


def test_two_values_in_one_block_are_not_reasoned_from(tmp_path):
    """Not only a claim defined twice: one block giving two values is CG220, and no value check picks one."""
    root = _new_registry(tmp_path / "r", *GROWTH)
    text = (root / CLAIMS).read_text(encoding="utf-8")
    text = text.replace(
        "cg:value [ qudt:numericValue 1000 ; qudt:unit unit:TeraW-HR ] ;",
        "cg:value [ qudt:numericValue 1000 ; qudt:unit unit:TeraW-HR ] , [ qudt:numericValue 900 ; "
        "qudt:unit unit:TeraW-HR ] ;",
    )
    (root / CLAIMS).write_text(text, encoding="utf-8")
    assert [f["code"] for f in _findings(root) if f["severity"] != "info"] == ["CG220"]


# ------------------------------------------------------------------ the site


def _ghost_registry(root: Path) -> Path:
    """A claim citing a key the bibliography lacks (in cg:cites and in its quote's cg:inSource), a duplicate
    BibTeX entry (CG106, an error about a source) and a value its quote does not state (CG320, a warning)."""
    ghost = ["--key", "Ghost2019", "--author", "Ghost, G", "--title", "G", "--year", "2019", "--doi", "10.1234/g"]
    _new_registry(root, ENERGY)
    assert run_cli("new", "source", "--registry", str(root), *ghost).code == 0
    common = ["--value", "1300", "--unit", "MegaW-HR", "--measurand", "m1", "--locator", "p. 1"]
    for claim in (
        ["--id", "c2", "--statement", "It used 1,300 MWh.", "--cites", "Ghost2019", "--quote", "It used 1,300 MWh"],
        ["--id", "c3", "--statement", "It used 1,300 MWh.", "--cites", "Doe2021", "--quote", "It used 5 MWh"],
    ):
        made = run_cli("new", "claim", "--registry", str(root), *claim, *common)
        assert made.code == 0, made.err
    bib = root / "bib" / "references.bib"
    text = bib.read_text(encoding="utf-8")
    start = text.index("@", text.index("Ghost2019") - 20)
    # Ghost2019's entry out, a second Doe2021 in
    bib.write_text(
        text[:start] + "@article{Doe2021,\n  author = {Doe, Jane},\n  title = {T again},\n  year = {2021},\n}\n",
        encoding="utf-8",
    )
    return root


def test_a_key_missing_twice_in_one_claim_is_one_finding_listed_on_the_sources_page(tmp_path):
    root = _ghost_registry(tmp_path / "r")
    findings = _findings(root)
    assert _codes(findings) == ["CG106", "CG210", "CG301", "CG320"], findings
    (missing,) = [f for f in findings if f["code"] == "CG301"]
    assert missing["message"] == (
        "cg:cites and cg:inSource name source key 'Ghost2019', which is not in the bibliography"
    )
    claims = (root / CLAIMS).read_text(encoding="utf-8").splitlines()
    assert claims[missing["line"] - 1].strip() == "cg:cites source:Ghost2019 ;"
    assert missing["related"] == [load(root).settings.source_iri("Ghost2019")]


def _page_text(page: Path) -> str:
    raw = re.sub(r"<script.*?</script>|<style.*?</style>", " ", page.read_text(encoding="utf-8"), flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def test_the_site_lists_the_most_severe_first_and_counts_what_the_bibliography_holds(tmp_path):
    root = _ghost_registry(tmp_path / "r")
    out = tmp_path / "site"
    built = run_cli("build", "--registry", str(root), "--out", str(out), "--allow-load-errors")
    assert built.code == 0, built.err
    # the missing key's page lists the finding that names it
    ghost = _page_text(out / "sources" / "ghost2019.html")
    assert "This key is not in the bibliography" in ghost
    found = ghost[ghost.rindex("What the checks found") :]
    assert "No finding about this source" not in found
    assert "CG301" in found and "'Ghost2019'" in found
    home = _page_text(out / "index.html")
    # one source in the bibliography (Doe2021, its duplicate dropped), one key cited that it lacks
    assert "from 1 cited source (and 1 cited key not in the bibliography)" in home, home
    # "the most severe findings first": both errors (one about a source) before the warning, then the info
    listed = home[home.index("The most severe findings first") :]
    codes = re.findall(r"\b(error|warning|info) (CG\d{3})\b", listed)
    assert [code for _severity, code in codes][:4] == ["CG301", "CG106", "CG320", "CG210"], codes
    sources = _page_text(out / "sources" / "index.html")
    assert "The 1 works the claims cite, by BibTeX key. The table also lists 1 cited key the bibliography lacks." in (
        sources
    )


# ------------------------------------------------------------------ serve


def test_serve_says_which_files_did_not_load(tmp_path):
    root = _ghost_registry(tmp_path / "r")
    process = subprocess.Popen(
        [sys.executable, "-m", "claimgraph.cli", "serve", "--registry", str(root), "--port", "0", "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lines = []
        while not lines or "SPARQL endpoint" not in lines[-1]:
            line = process.stderr.readline()
            assert line, lines
            lines.append(line)
    finally:
        process.kill()
        process.communicate(timeout=20)
    assert lines[0] == (
        "claimgraph: note: 1 loading error(s): some files were not loaded, or not whole (bib/references.bib); "
        "the answers miss what they hold (run `claimgraph check`)\n"
    ), lines
    # the one docs/serve.md shows
    assert lines[0] in (Path(__file__).parents[1] / "docs" / "serve.md").read_text(encoding="utf-8")
    # the same note as `query` gives
    query = run_cli("query", "--registry", str(root), "SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert lines[0] in query.err


def test_a_claims_file_that_did_not_load_gives_no_shape_target_matching_nothing(tmp_path):
    """CG117 says a registry's own shape targets nothing in the registry: the target may be in the file
    that did not load."""
    root = _new_registry(tmp_path / "r", ENERGY)
    (root / "shapes").mkdir()
    (root / "shapes" / "extra.ttl").write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
        "<#S> a sh:NodeShape ;\n  sh:targetNode <claim/c2> ;\n  sh:property [ sh:path cg:note ; sh:maxCount 1 ] .\n",
        encoding="utf-8",
    )
    assert _codes(_findings(root)) == ["CG117", "CG210"]
    with (root / CLAIMS).open("a", encoding="utf-8") as out:
        out.write("claim:c2 a cg:Claim ;\n")
    assert _codes(_findings(root)) == ["CG101"]


def test_the_home_page_of_an_argument_lists_the_most_severe_first(tmp_path):
    """With an argument, the findings closest to the conclusions come first among those of one severity:
    the hostile fixture's errors (a control character in a locator, a javascript: URL) are about nothing in
    the argument, and its warnings are about claims of a step."""
    from .conftest import FIXTURES

    out = tmp_path / "site"
    built = run_cli("build", "--registry", str(FIXTURES / "hostile"), "--out", str(out))
    assert built.code == 0, built.err
    home = _page_text(out / "index.html")
    heading = "Les constats les plus graves d'abord, puis les plus proches des conclusions"
    start = home.index(heading)
    listed = home[start : home.index("La question de recherche", start)]
    severities = re.findall(r"\b(erreur|avertissement|info) CG\d{3}\b", listed)
    rank = {"erreur": 0, "avertissement": 1, "info": 2}
    assert severities[:2] == ["erreur", "erreur"] and "avertissement" in severities, severities
    assert [rank[s] for s in severities] == sorted(rank[s] for s in severities), severities


def test_a_bibtex_block_that_did_not_load_gives_no_crossref_naming_nothing(tmp_path):
    """CG129 says an entry's crossref names no entry of the bibliography: the entry it names may be the block
    that did not parse."""
    root = _new_registry(tmp_path / "r", ENERGY)
    bib = root / "bib" / "references.bib"
    child = "@inproceedings{Doe2022,\n  author = {Doe, Jane},\n  title = {V},\n  crossref = {Proc2022},\n}\n"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n" + child, encoding="utf-8")
    assert "CG129" in _codes(_findings(root))
    # the proceedings it names, in a block missing its closing brace and its key's comma
    broken = "@proceedings{Proc2022\n  title = {Proceedings 2022},\n  year = {2022},\n\n"
    bib.write_text(bib.read_text(encoding="utf-8") + "\n" + broken, encoding="utf-8")
    codes = _codes(_findings(root))
    assert "CG105" in codes and "CG129" not in codes, codes


# ------------------------------------------------------------------ one damaged claim or quote

QUOTED = [*ENERGY, "--quote", "used 1,300 MWh", "--locator", "p. 4"]


def _damaged(root: Path, old: str, new: str, path: str = CLAIMS) -> Path:
    text = (root / path).read_text(encoding="utf-8")
    assert old in text, text
    (root / path).write_text(text.replace(old, new), encoding="utf-8")
    return root


def test_a_claim_with_no_statement_is_not_also_said_to_lack_an_english_one(tmp_path):
    root = _damaged(_new_registry(tmp_path / "r", QUOTED), '    cg:statement "It used 1,300 MWh."@en ;\n', "")
    assert _codes(_findings(root)) == ["CG201"]
    # a statement in another language only: the English one is what is missing, and said so
    _damaged(
        root, "    a cg:QuantitativeClaim ;\n", '    a cg:QuantitativeClaim ;\n    cg:statement "1 300 MWh"@fr ;\n'
    )
    assert _codes(_findings(root)) == ["CG203"]


def test_an_empty_quote_is_said_to_be_empty_and_nothing_else(tmp_path):
    root = _damaged(_new_registry(tmp_path / "r", QUOTED), 'oa:exact "used 1,300 MWh"', 'oa:exact ""')
    findings = _findings(root)
    assert _codes(findings) == ["CG230"]
    assert "(value: )" not in findings[0]["message"]


def test_a_value_only_in_an_editorial_insertion_is_one_finding_saying_so(tmp_path):
    root = _new_registry(tmp_path / "r", QUOTED)
    (root / "bib" / "texts").mkdir()
    (root / "bib" / "texts" / "doe.txt").write_text("The training used [1,287] MWh in total.\n", encoding="utf-8")
    _damaged(
        root,
        "  doi    = {10.1234/abc},\n",
        "  doi    = {10.1234/abc},\n  file   = {texts/doe.txt},\n",
        "bib/references.bib",
    )
    _damaged(root, 'oa:exact "used 1,300 MWh"', 'oa:exact "used [1,300] MWh"')
    findings = _findings(root)
    # the quote was found in the text, but the value is the quoter's: CG320 says where it is, CG385 is not added
    assert _codes(findings) == ["CG320"], findings
    assert "only in an editorial insertion" in findings[0]["message"]
    # without the text on this machine, the same one finding (and the text said not available)
    (root / "bib" / "texts" / "doe.txt").unlink()
    assert _codes(_findings(root)) == ["CG320", "CG380"]
    # a value the quote's own words state, but the passage found does not: the source's words were retyped
    passage = "the training of the model used 1,287 MWh of electricity in total, as measured at the wall"
    (root / "bib" / "texts" / "doe.txt").write_text(f"In 2021 {passage}.\n", encoding="utf-8")
    _damaged(root, 'oa:exact "used [1,300] MWh"', f'oa:exact "{passage.replace("1,287", "1,300")}"')
    # (found only approximately because of that number: CG385, which shows the passage, is the one finding)
    assert _codes(_findings(root)) == ["CG385"]


def test_a_copy_refused_is_not_also_said_to_be_unavailable(tmp_path):
    root = _new_registry(tmp_path / "r", QUOTED)
    _damaged(
        root,
        "  doi    = {10.1234/abc},\n",
        "  doi    = {10.1234/abc},\n  file   = {../../x.txt},\n",
        "bib/references.bib",
    )
    findings = _findings(root)
    assert _codes(findings) == ["CG381"], findings
    # a second copy named inside the registry but absent is still said not to be on this machine
    _damaged(root, "{../../x.txt}", "{../../x.txt;texts/doe.txt}", "bib/references.bib")
    assert _codes(_findings(root)) == ["CG380", "CG381"]


def test_a_conflict_among_three_claims_is_said_once_on_each_page(tmp_path):
    # each of the three claims carries the conflict (CG340), in the same words, naming the other two as related:
    # every page said the sentence three times, two of them about other claims
    root = _new_registry(tmp_path / "r", ENERGY)
    for claim_id, value in (("c2", "1500"), ("c3", "1700")):
        made = run_cli(
            "new", "claim", "--registry", str(root), "--id", claim_id, "--statement", f"It used {value} MWh.",
            "--cites", "Doe2021", "--value", value, "--unit", "MegaW-HR", "--measurand", "m1",
        )  # fmt: skip
        assert made.code == 0, made.err
    assert _codes(_findings(root)).count("CG340") == 3
    out = tmp_path / "site"
    assert run_cli("build", "--registry", str(root), "--out", str(out)).code == 0
    for page in ("claims/c1.html", "claims/c2.html", "measurands/m1.html"):
        text = _page_text(out / page)
        assert text.count("claims on measurand m1 disagree beyond their rounding") == 1, (page, text)
