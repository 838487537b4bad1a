"""claimgraph diff: claim-level differences, readable and usable in CI."""

from __future__ import annotations

import json
import re

from .conftest import FIXTURES, run_cli


def _edit(path, old, new):
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new))


def test_no_differences(copy_fixture):
    new = copy_fixture("valid")
    result = run_cli("diff", str(FIXTURES / "valid"), str(new), "--fail-on-change")
    assert result.code == 0 and "no differences" in result.out


def test_every_kind_of_change_is_reported(copy_fixture):
    new = copy_fixture("valid")
    energy = new / "claims" / "energy.ttl"
    _edit(energy, "qudt:numericValue 1.3 ;", "qudt:numericValue 1.4 ;")  # value
    _edit(
        energy,
        'cg:statusNote "Section 3 says so."@en .',  # removed claim…
        'cg:statusNote "Section 3 says so."@en .\n\nclaim:new-one a cg:Claim ; cg:statement "New."@en ; '
        'cg:cites source:Doe2021 ; cg:citedQuote [ oa:exact "x" ; cg:locator "p. 1" ] ; '
        'cg:status status:unverified ; cg:statusNote "n"@en .',
    )  # …added claim
    derived = new / "claims" / "derived.ttl"
    _edit(
        derived,
        'cg:cites source:Roe2022 ;\n    cg:citedQuote [ oa:exact "halving',
        'cg:cites source:Doe2021 ;\n    cg:citedQuote [ oa:exact "halving',
    )  # source
    _edit(
        derived,
        "claim:growth-rate\n    a cg:QuantitativeClaim ;",
        "claim:growth-rate\n    a cg:QuantitativeClaim ;\n    cg:status status:discrepancy ;",
    )
    _edit(
        derived,
        '    cg:status status:verifiedPrimary ;\n    cg:statusNote "p. 7."@en .',
        '    cg:statusNote "p. 7."@en .',
    )  # status
    result = run_cli("diff", str(FIXTURES / "valid"), str(new), "--format", "json", "--fail-on-change")
    assert result.code == 1
    data = json.loads(result.out)
    assert [c["claim"] for c in data["added"]] == ["claim/new-one"]
    assert data["removed"] == []
    changed = {c["claim"]: c for c in data["changed"]}
    assert changed["claim/model-training-energy"]["kinds"] == ["value"]
    value = changed["claim/model-training-energy"]["changes"][0]
    assert "1.3" in value["old"] and "1.4" in value["new"]
    assert changed["claim/halving-time"]["kinds"] == ["source"]
    assert changed["claim/growth-rate"]["kinds"] == ["status"]
    status = changed["claim/growth-rate"]["changes"][0]
    assert (status["old"], status["new"]) == ("verifiedPrimary", "discrepancy")  # the one spelling of a status
    assert data["summary"]["value changed"] == 1 and data["summary"]["status changed"] == 1
    # text for a reviewer, markdown for a pull request
    text = run_cli("diff", str(FIXTURES / "valid"), str(new)).out
    assert "+ claim/new-one" in text and "~ claim/growth-rate  [status]" in text
    md = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "markdown").out
    assert md.startswith("### claimgraph diff: 1 added, 0 removed, 3 changed")
    assert "| `claim/growth-rate` | status | status | verifiedPrimary | discrepancy |" in md
    # the other way round, the added claim is removed
    back = json.loads(run_cli("diff", str(new), str(FIXTURES / "valid"), "-f", "json").out)
    assert [c["claim"] for c in back["removed"]] == ["claim/new-one"]


def test_source_entry_changes_reach_the_claims_citing_them(copy_fixture):
    new = copy_fixture("valid")
    _edit(new / "bib" / "references.bib", "doi     = {10.1234/example.2021.1}", "doi     = {10.1234/example.2021.2}")
    data = json.loads(run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "json").out)
    assert data["sources_changed"][0]["key"] == "Doe2021"
    assert data["sources_changed"][0]["fields"][0] == {
        "field": "doi",
        "old": "10.1234/example.2021.1",
        "new": "10.1234/example.2021.2",
    }
    changed = {c["claim"] for c in data["changed"]}
    assert "claim/model-training-energy" in changed and "claim/halving-time" not in changed


def test_a_new_base_iri_is_one_settings_change_not_every_claim(copy_fixture):
    # Regression: a new base (every published IRI changed) or licence said "no differences", exit 0
    # even with --fail-on-change.
    new = copy_fixture("valid")
    _edit(new / "claimgraph.toml", "https://example.org/registry/valid/", "https://example.com/moved/")
    _edit(new / "claimgraph.toml", '"CC-BY-4.0"', '"CC0-1.0"')
    result = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "json", "--fail-on-change")
    assert result.code == 1
    data = json.loads(result.out)
    assert data["changed"] == [] and data["has_changes"]
    assert data["settings_changed"] == [
        {"key": "base", "old": "https://example.org/registry/valid/", "new": "https://example.com/moved/"},
        {"key": "licence", "old": "CC-BY-4.0", "new": "CC0-1.0"},
    ]
    assert data["summary"]["settings changed"] == 2
    text = run_cli("diff", str(FIXTURES / "valid"), str(new)).out
    assert "~ claimgraph.toml base: https://example.org/registry/valid/" in text
    assert "-> https://example.com/moved/" in text and "every published IRI" in text
    assert "no differences" not in text
    md = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "markdown").out
    assert "| licence | CC-BY-4.0 | CC0-1.0 |" in md


def test_shapes_and_saved_queries_are_compared(copy_fixture, tmp_path):
    old = copy_fixture("valid")
    (old / "queries").mkdir(exist_ok=True)
    (old / "queries" / "kept.rq").write_text("SELECT ?c WHERE { ?c a cg:Claim }\n", encoding="utf-8")
    (old / "queries" / "dropped.rq").write_text("SELECT ?s WHERE { ?s ?p ?o }\n", encoding="utf-8")
    new = tmp_path / "new"
    import shutil

    shutil.copytree(old, new)
    assert run_cli("diff", str(old), str(new), "--fail-on-change").code == 0
    (new / "queries" / "kept.rq").write_text("SELECT ?c WHERE { ?c a cg:QuantitativeClaim }\n", encoding="utf-8")
    (new / "queries" / "dropped.rq").unlink()
    (new / "shapes").mkdir()
    (new / "shapes" / "extra.ttl").write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n", encoding="utf-8")
    result = run_cli("diff", str(old), str(new), "-f", "json", "--fail-on-change")
    assert result.code == 1, result.err
    data = json.loads(result.out)
    assert data["files_added"] == ["shapes/extra.ttl"]
    assert data["files_removed"] == ["queries/dropped.rq"]
    assert data["files_changed"] == ["queries/kept.rq"]
    assert data["summary"]["shapes and queries changed"] == 3
    text = run_cli("diff", str(old), str(new)).out
    assert "+ shapes/extra.ttl" in text and "- queries/dropped.rq" in text and "~ queries/kept.rq" in text
    md = run_cli("diff", str(old), str(new), "-f", "markdown").out
    assert "- `queries/kept.rq` changed" in md and "- `shapes/extra.ttl` added" in md


def test_a_removed_operand_does_not_change_the_derived_claim(copy_fixture):
    # Regression: an operand no longer defined was shown as its full IRI, so the derived claim
    # was reported [value] although none of its triples changed.
    new = copy_fixture("valid")
    derived = new / "claims" / "derived.ttl"
    text = derived.read_text()
    start = text.index("claim:halving-time\n")
    derived.write_text(text[:start] + text[text.index("claim:annual-reduction\n") :])
    data = json.loads(run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "json").out)
    assert [c["claim"] for c in data["removed"]] == ["claim/halving-time"]
    assert "claim/annual-reduction" not in {c["claim"] for c in data["changed"]}


def test_measurands_and_systems_show_what_changed(copy_fixture):
    new = copy_fixture("valid")
    _edit(new / "claims" / "derived.ttl", "growth factor of the sector", "growth factor of THE sector")
    data = json.loads(run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "json").out)
    assert data["others_changed"] == [
        {
            "name": "measurand/sector-growth-factor",
            "fields": [
                {
                    "field": "rdfs:label",
                    "old": '"growth factor of the sector\'s consumption over ten years"@en',
                    "new": '"growth factor of THE sector\'s consumption over ten years"@en',
                }
            ],
        }
    ]
    text = run_cli("diff", str(FIXTURES / "valid"), str(new)).out
    assert '~ measurand/sector-growth-factor\n    rdfs:label: "growth factor of the sector' in text
    assert '-> "growth factor of THE sector' in text
    md = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "markdown").out
    assert "`measurand/sector-growth-factor` changed: rdfs:label" in md and "THE sector" in md


def test_a_primary_source_entry_change_marks_the_claim(copy_fixture):
    # Regression: a changed year of a cg:primarySource marked no claim; the same change on a cited
    # source marked every claim citing it [source].
    new = copy_fixture("sparql")
    bib = new / "bib" / "references.bib"
    text = bib.read_text()
    entry = text[text.index("@article{Doe2021") :]
    year = re.search(r"year\s*=\s*\{?(\d{4})", entry)
    assert year
    bib.write_text(text.replace(year.group(0), year.group(0).replace(year.group(1), "1999"), 1))
    data = json.loads(run_cli("diff", str(FIXTURES / "sparql"), str(new), "-f", "json").out)
    by_claim = {c["claim"]: c for c in data["changed"]}
    primary = [c for c in by_claim.values() if any(ch["field"] == "primary source entry" for ch in c["changes"])]
    assert primary and all(c["kinds"] == ["source"] for c in primary)
    assert "Doe2021 (year) changed in bib/" in primary[0]["changes"][-1]["new"]
    md = run_cli("diff", str(FIXTURES / "sparql"), str(new), "-f", "markdown").out
    # (both values in double quotes: repr() chose the quote mark by the content, tests/test_site_agri_es_trial.py)
    assert f'source `Doe2021` changed: year "{year.group(1)}" → "1999"' in md


def test_find_registry_compares_registries_in_a_subfolder(copy_fixture, tmp_path):
    import shutil

    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(FIXTURES / "valid", base / "evidence")
    shutil.copytree(FIXTURES / "valid", head / "evidence")
    _edit(head / "evidence" / "claims" / "energy.ttl", "qudt:numericValue 1.3 ;", "qudt:numericValue 1.4 ;")
    plain = run_cli("diff", str(base), str(head))
    assert plain.code == 2 and "--find-registry" in plain.err
    found = run_cli("diff", str(base), str(head), "--find-registry", "--fail-on-change")
    assert found.code == 1, found.err
    assert f"claimgraph diff {base / 'evidence'} -> {head / 'evidence'}" in found.out
    assert "~ claim/model-training-energy  [value]" in found.out


def test_not_a_registry_is_a_usage_error(tmp_path):
    assert run_cli("diff", str(tmp_path), str(FIXTURES / "valid")).code == 2


# ------------------------------------------------------------------ hostile data and broken files

HOSTILE = (
    "<img src=https://evil.example/x.png> <details> @octocat [click](https://evil.example) "
    "a|b `tick` #12 www.evil.example *em* $x$ &#60;b&#62;"
)


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_hostile_data_for_a_pull_request_comment(copy_fixture):
    # Regression: `diff --format markdown` is posted as a PR comment by CI, for a change anyone may
    # propose; the data went into it raw, so tags, mentions and links in a statement came alive.
    new = copy_fixture("valid")
    _edit(
        new / "claims" / "energy.ttl",
        'cg:statusNote "Section 3 says so."@en .',
        f'cg:statusNote "{HOSTILE}"@en .\n\nclaim:new-one a cg:Claim ; cg:statement "{HOSTILE}"@en ; '
        'cg:cites source:Doe2021 ; cg:status status:unverified ; cg:statusNote "n"@en .',
    )
    _edit(
        new / "bib" / "references.bib",
        "title   = {The Energy of Training Model X}",
        "title   = {The Energy of Training Model X @octocat}",
    )
    result = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "markdown")
    assert result.code == 0, result.err
    md = result.out
    assert "claim/new-one" in md and "claim/smaller-models" in md
    for live in ("<img", "<details", "`tick`", "*em*", "$x$", "&#60;b"):
        assert live not in md, live
    assert not re.search(r"(?<!\\)[\[\]]", md)  # no link or image: every bracket is escaped
    # GitHub links mentions, issue references and bare URLs in the rendered text: each is broken up
    assert not re.search(r"@\w", md) and not re.search(r"(?<!&)#\d", md)
    assert "https://evil" not in md and "www.evil" not in md
    # every row keeps its cells: the data's pipe is escaped
    rows = [line for line in md.splitlines() if line.startswith("| ") and "claim/" in line]
    assert rows and all(_unescaped_pipes(line) == 6 for line in rows), rows
    # the escaped text still reads as the data
    assert "&lt;img src=https:&#8203;//evil.example/x.png&gt;" in md and "\\[click\\]" in md and "a\\|b" in md


def test_text_output_never_carries_terminal_controls(copy_fixture):
    # An ESC in the data would recolour or rewrite the reviewer's terminal; a newline would forge a line.
    # A quote's locator is shown as written (not quoted with repr), so it reached the terminal raw.
    new = copy_fixture("valid")
    _edit(
        new / "claims" / "energy.ttl",
        'cg:locator "Section 3"',
        'cg:locator "Section 3 \\u001b[31mred\\u001b]0;title\\u0007\\n+ claim/forged"',
    )
    result = run_cli("diff", str(FIXTURES / "valid"), str(new))
    assert result.code == 0, result.err
    assert "Section 3 \\x1b[31mred" in result.out
    assert "\x1b" not in result.out and "\x07" not in result.out
    assert "\n+ claim/forged" not in result.out


def test_a_file_that_does_not_load_fails_the_diff_unless_allowed(copy_fixture):
    # Regression: a Turtle syntax error made every claim of the file look removed, with a warning
    # and exit 0, so a CI gate passed on a comparison that never happened.
    new = copy_fixture("valid")
    energy = new / "claims" / "energy.ttl"
    energy.write_text(energy.read_text() + "\nclaim:broken a cg:Claim ; cg:statement . .\n")
    line = energy.read_text().count("\n")
    result = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "markdown")
    assert result.code == 2
    assert result.out == ""
    assert f"{new / 'claims' / 'energy.ttl'}:{line}:" in result.err and "--allow-load-errors" in result.err
    assert "Traceback" not in result.err
    allowed = run_cli("diff", str(FIXTURES / "valid"), str(new), "--allow-load-errors")
    assert allowed.code == 0 and "warning" in allowed.err
    assert "- claim/model-training-energy" in allowed.out
    # the old version is checked as well, and the help says what the exit codes mean
    assert run_cli("diff", str(new), str(FIXTURES / "valid")).code == 2
    help_text = run_cli("diff", "--help").out
    assert "Exit codes" in help_text and "--allow-load-errors" in help_text
