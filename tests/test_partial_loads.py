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
    """Only codes catalogued as leaving data out block: a claim defined twice (CG104) is all in the graph."""
    assert CODES["CG101"].leaves_data_out and not CODES["CG104"].leaves_data_out
    twice = invalid_case("claim-in-two-files")
    assert "CG104" in run_cli("check", "-r", str(twice)).out
    result = run_cli("list", "claims", "-r", str(twice))
    assert result.code == 0 and result.out.startswith("id,"), result.err
