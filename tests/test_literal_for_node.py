"""A literal written where a node belongs (``cg:value 1``, ``cg:citedQuote "…"``): one finding at the claim's
line naming the literal, never a traceback (a shape targeting the objects of cg:value had a literal as focus)."""

from __future__ import annotations

from .conftest import run_cli
from .made_registries import add_turtle, findings, new_registry


def _registry_with_literals(tmp_path):
    root = new_registry(tmp_path, ("en",))
    add_turtle(
        root,
        'claim:bare a cg:QuantitativeClaim ; cg:statement "It took 5 MWh."@en ; cg:value 5 ;\n'
        '    cg:cites source:Doe2021 ; cg:status status:unverified ; cg:statusNote "n"@en .\n'
        'claim:said a cg:Claim ; cg:statement "It was large."@en ; cg:citedQuote "it was large" ;\n'
        '    cg:cites source:Doe2021 ; cg:status status:unverified ; cg:statusNote "n"@en .',
    )
    return root


def test_a_literal_value_is_one_finding_at_the_claims_line(tmp_path):
    root = _registry_with_literals(tmp_path)
    lines = (root / "claims" / "claims.ttl").read_text(encoding="utf-8").splitlines()
    about_literals = [f for f in findings(root) if "is the literal" in f["message"]]
    assert [(f["subject"].rsplit("/", 1)[-1], f["message"]) for f in about_literals] == [
        ("bare", 'cg:value is the literal "5", where a node belongs'),
        ("said", 'cg:citedQuote is the literal "it was large", where a node belongs'),
    ]
    for finding in about_literals:
        assert finding["file"] == "claims/claims.ttl"
        assert finding["severity"] == "error"
        assert "cg:" + finding["message"].split(" ", 1)[0].split(":", 1)[1] in lines[finding["line"] - 1]
    # no finding is left without a place, none names the literal as its subject
    assert all(f["file"] for f in findings(root))
    assert not [f for f in findings(root) if f["subject"] in ("5", "it was large")]


def test_every_command_reads_a_registry_with_a_literal_value(tmp_path):
    root = _registry_with_literals(tmp_path)
    checked = run_cli("check", "--registry", str(root))
    assert checked.code == 1 and "Traceback" not in checked.err, checked.err
    for command in (("list", "claims"), ("export", "--format", "turtle"), ("diff", str(root), str(root))):
        args = command if command[0] == "diff" else (*command, "--registry", str(root))
        result = run_cli(*args)
        assert result.code == 0, (command, result.err)
    built = run_cli("build", "--registry", str(root), "--out", str(tmp_path / "site"))
    assert built.code == 0, built.err
    assert (tmp_path / "site" / "claims" / "bare.html").is_file()
