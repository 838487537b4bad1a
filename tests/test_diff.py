"""claimgraph diff: claim-level differences, readable and usable in CI."""

from __future__ import annotations

import json

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
    _edit(energy, "qudt:numericValue 1.3 ;", "qudt:numericValue 1.4 ;")                        # value
    _edit(energy, 'cg:statusNote "Section 3 says so."@en .',                                     # removed claim…
          'cg:statusNote "Section 3 says so."@en .\n\nclaim:new-one a cg:Claim ; cg:statement "New."@en ; '
          'cg:cites source:Doe2021 ; cg:citedQuote [ oa:exact "x" ; cg:locator "p. 1" ] ; '
          'cg:status status:unverified ; cg:statusNote "n"@en .')                                 # …added claim
    derived = new / "claims" / "derived.ttl"
    _edit(derived, "cg:cites source:Roe2022 ;\n    cg:citedQuote [ oa:exact \"halving",
          "cg:cites source:Doe2021 ;\n    cg:citedQuote [ oa:exact \"halving")                  # source
    _edit(derived, "claim:growth-rate\n    a cg:QuantitativeClaim ;",
          "claim:growth-rate\n    a cg:QuantitativeClaim ;\n    cg:status status:discrepancy ;")
    _edit(derived, "    cg:status status:verifiedPrimary ;\n    cg:statusNote \"p. 7.\"@en .",
          "    cg:statusNote \"p. 7.\"@en .")                                                        # status
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
    assert (status["old"], status["new"]) == ("status:verifiedPrimary", "status:discrepancy")
    assert data["summary"]["value changed"] == 1 and data["summary"]["status changed"] == 1
    # text for a reviewer, markdown for a pull request
    text = run_cli("diff", str(FIXTURES / "valid"), str(new)).out
    assert "+ claim/new-one" in text and "~ claim/growth-rate  [status]" in text
    md = run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "markdown").out
    assert md.startswith("### claimgraph diff: 1 added, 0 removed, 3 changed")
    assert "| `claim/growth-rate` | status | status | status:verifiedPrimary | status:discrepancy |" in md
    # the other way round, the added claim is removed
    back = json.loads(run_cli("diff", str(new), str(FIXTURES / "valid"), "-f", "json").out)
    assert [c["claim"] for c in back["removed"]] == ["claim/new-one"]


def test_source_entry_changes_reach_the_claims_citing_them(copy_fixture):
    new = copy_fixture("valid")
    _edit(new / "bib" / "references.bib", "doi     = {10.1234/example.2021.1}", "doi     = {10.1234/example.2021.2}")
    data = json.loads(run_cli("diff", str(FIXTURES / "valid"), str(new), "-f", "json").out)
    assert data["sources_changed"][0]["key"] == "Doe2021"
    assert data["sources_changed"][0]["fields"][0] == {"field": "doi", "old": "10.1234/example.2021.1",
                                                      "new": "10.1234/example.2021.2"}
    changed = {c["claim"] for c in data["changed"]}
    assert "claim/model-training-energy" in changed and "claim/halving-time" not in changed


def test_a_new_base_iri_is_not_a_change(copy_fixture):
    new = copy_fixture("valid")
    _edit(new / "claimgraph.toml", "https://example.org/registry/valid/", "https://example.com/moved/")
    assert run_cli("diff", str(FIXTURES / "valid"), str(new), "--fail-on-change").code == 0


def test_not_a_registry_is_a_usage_error(tmp_path):
    assert run_cli("diff", str(tmp_path), str(FIXTURES / "valid")).code == 2
