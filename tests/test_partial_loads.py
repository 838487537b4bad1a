"""A registry whose files did not all load is not published as if it were whole: `build` refuses (and keeps
the previous site) unless --allow-load-errors says a partial site is wanted."""

from __future__ import annotations

from claimgraph.findings import CODES

from .conftest import run_cli
from .fixture_overlays import invalid_case


def test_build_refuses_a_partial_registry_and_keeps_the_previous_site(copy_fixture, tmp_path):
    registry = copy_fixture("valid")
    out = tmp_path / "site"
    assert run_cli("build", "-r", str(registry), "--out", str(out)).code == 0
    claims_before = sorted(p.name for p in (out / "claims").glob("*.html"))

    broken = registry / "claims" / "energy.ttl"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nclaim:oops cg:status .\n", encoding="utf-8")
    result = run_cli("build", "-r", str(registry), "--out", str(out))
    assert result.code == 1 and "claims/energy.ttl:" in result.err and "CG101" in result.err
    assert "--allow-load-errors" in result.err and "Traceback" not in result.err
    assert sorted(p.name for p in (out / "claims").glob("*.html")) == claims_before, "the whole site was kept"

    partial = run_cli("build", "-r", str(registry), "--out", str(out), "--allow-load-errors")
    assert partial.code == 0
    assert len(list((out / "claims").glob("*.html"))) < len(claims_before), "energy.ttl's claims are missing"


def test_list_refuses_a_partial_registry_unless_allowed():
    broken = invalid_case("turtle-syntax")
    result = run_cli("list", "claims", "-r", str(broken))
    assert result.code == 1 and result.out == "" and "CG101" in result.err and "--allow-load-errors" in result.err
    allowed = run_cli("list", "claims", "-r", str(broken), "--allow-load-errors")
    assert allowed.code == 0 and allowed.out.startswith("id,")


def test_a_load_finding_that_leaves_the_data_in_does_not_block_a_listing():
    """Only codes catalogued as leaving data out block, and a claim defined twice (CG104): its data is all in
    the graph, but a table row would mix its two definitions (the first value beside the second status)."""
    assert CODES["CG101"].leaves_data_out and not CODES["CG121"].leaves_data_out
    controls = invalid_case("literal-controls")
    assert "CG121" in run_cli("check", "-r", str(controls)).out
    result = run_cli("list", "claims", "-r", str(controls))
    assert result.code == 0 and result.out.startswith("id,"), result.err
    twice = invalid_case("claim-in-two-files")
    assert not CODES["CG104"].leaves_data_out
    refused = run_cli("list", "claims", "-r", str(twice))
    assert refused.code == 1 and refused.out == "" and "CG104" in refused.err
    allowed = run_cli("list", "claims", "-r", str(twice), "--allow-load-errors")
    assert allowed.code == 0 and allowed.out.startswith("id,"), allowed.err


def test_a_load_error_without_a_line_is_printed_without_an_empty_line_field(copy_fixture, tmp_path):
    """The bug: ``claims/loop.ttl:: CG113 …`` (an empty line number) from build, export, list and diff;
    ``check`` wrote ``claims/loop.ttl: CG113 …``, and now they all do, through one formatting function."""
    registry = copy_fixture("valid")
    (registry / "claims" / "loop.ttl").symlink_to("loop.ttl")
    where = "claims/loop.ttl: CG113 "
    checked = run_cli("check", "-r", str(registry))
    assert checked.code == 1 and f"{where}error: broken symlink" in checked.out
    refusals = {
        "build": run_cli("build", "-r", str(registry), "--out", str(tmp_path / "site")),
        "export": run_cli("export", "-r", str(registry)),
        "list": run_cli("list", "claims", "-r", str(registry)),
    }
    for command, result in refusals.items():
        # the line check's report gives, severity included (docs/limits.md: `path:line: CODE severity: text`)
        assert result.code == 1 and f"{where}error: broken symlink" in result.err, (command, result.err)
        assert "::" not in result.err, (command, result.err)
    diffed = run_cli("diff", str(registry), str(registry))
    assert diffed.code != 0 and f"{registry / 'claims' / 'loop.ttl'}: CG113 error: broken symlink" in diffed.err
    assert "loop.ttl::" not in diffed.err
    allowed = run_cli("diff", str(registry), str(registry), "--allow-load-errors")
    assert "(first: claims/loop.ttl broken symlink" in allowed.err, allowed.err
    junit = run_cli("check", "-r", str(registry), "--format", "junit")
    assert f"{where}error: broken symlink" in junit.out and "loop.ttl::" not in junit.out
