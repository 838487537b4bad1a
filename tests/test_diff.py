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


def test_a_new_base_iri_is_not_a_change(copy_fixture):
    new = copy_fixture("valid")
    _edit(new / "claimgraph.toml", "https://example.org/registry/valid/", "https://example.com/moved/")
    assert run_cli("diff", str(FIXTURES / "valid"), str(new), "--fail-on-change").code == 0


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
