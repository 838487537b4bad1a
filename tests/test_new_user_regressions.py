"""Defects found by using claimgraph as a new user would, from the docs alone, on a registry of
its own: each test is named after the defect and runs the real command on real files."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli


def _registry_citing_vaswani(tmp_path):
    """A new registry, made with the documented commands, holding one source: Vaswani et al. (2017),
    arXiv:1706.03762 (title and identifier as the arXiv abstract page gives them)."""
    root = tmp_path / "registry"
    assert run_cli("init", str(root)).code == 0
    new_source = [
        "new", "source", "--registry", str(root), "--key", "Vaswani2017", "--author", "Vaswani, Ashish",
        "--title", "Attention Is All You Need", "--year", "2017", "--arxiv", "1706.03762",
    ]  # fmt: skip
    assert run_cli(*new_source).code == 0
    return root


def test_output_that_cannot_be_written_is_an_error_not_a_traceback():
    """`claimgraph list claims > /dev/full` (a full disk) printed a Python traceback."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    for args in (["list", "claims"], ["check", "--format", "json"], ["query", "status-overview"]):
        with open("/dev/full", "w") as full:
            proc = subprocess.run(
                [str(Path(sys.executable).with_name("claimgraph")), *args, "--registry", str(FIXTURES / "valid")],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                timeout=300,
            )
        assert proc.returncode == 1, (args, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr
        assert "claimgraph: error: cannot write the output: No space left on device" in proc.stderr, proc.stderr


def test_init_below_a_file_is_an_error_not_a_traceback(tmp_path):
    """`claimgraph init FILE/reg` raised NotADirectoryError through to a traceback."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n", encoding="utf-8")
    result = run_cli("init", str(blocker / "reg"))
    assert result.code == 1
    assert f"{blocker / 'reg'}: cannot create the registry" in result.err
    assert blocker.read_text(encoding="utf-8") == "not a folder\n"


def test_missing_registry_folder_is_named_once(tmp_path):
    """`claimgraph check -r /missing` said `/missing: /missing: no such registry folder`."""
    missing = tmp_path / "missing"
    for args in (["check"], ["list", "claims"], ["export", "--format", "csv"]):
        result = run_cli(*args, "--registry", str(missing))
        assert result.code == 2
        assert result.err.strip() == f"claimgraph: error: {missing}: no such registry folder", result.err


def test_settings_error_names_its_file_and_line_in_every_command(copy_fixture):
    """`claimgraph sources status` on a claimgraph.toml that is not UTF-8 said only
    `not UTF-8 (byte 23)`: neither the file nor the line."""
    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_bytes(text.replace('title = "', 'title = "Caf\xe9 ', 1).encode("latin-1"))
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("title"))
    for args in (
        ["sources", "status"],
        ["check"],
        ["list", "claims"],
        ["new", "claim", "--id", "x", "--statement", "X.", "--cites", "Doe2021"],
    ):
        result = run_cli(*args, "--registry", str(root))
        if args == ["check"]:  # a finding about the registry, in the report (exit 1 like any error)
            assert result.code == 1 and f"claimgraph.toml:{line}: CG109 error: not UTF-8" in result.out, result.out
            continue
        assert result.code == 2, (args, result.err)
        assert f"{settings}:{line}: not UTF-8" in result.err, (args, result.err)


def test_trailing_zero_of_a_decimal_keeps_its_rounding(tmp_path):
    """41.0 BLEU and 41.3 BLEU for one measurand: 41.0 is 40.95-41.05, so they disagree (CG340); read
    as 41 (40.5-41.5) they were taken to agree, and list, diff and the site printed 41."""
    root = _registry_citing_vaswani(tmp_path)
    for claim_id, value in (("bleu-v1", "41.0"), ("bleu-v5", "41.3")):
        added = run_cli(
            "new",
            "claim",
            "--registry",
            str(root),
            "--id",
            claim_id,
            "--statement",
            f"The big Transformer reaches {value} BLEU.",
            "--cites",
            "Vaswani2017",
            "--value",
            value,
            "--unit",
            "UNITLESS",
            "--measurand",
            "en-fr-bleu",
            "--quantity-kind",
            "Dimensionless",
            "--about",
            "transformer",
        )
        assert added.code == 0, added.err
    assert "qudt:numericValue 41.0 " in (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    listed = run_cli("list", "claims", "--registry", str(root), "--format", "json")
    import json

    values = {row["id"]: row["value"] for row in json.loads(listed.out)}
    assert values["claim/bleu-v1"] == 41.0
    codes = [
        f["code"] for f in json.loads(run_cli("check", "--registry", str(root), "--format", "json").out)["findings"]
    ]
    assert "CG340" in codes


def test_sources_status_reports_a_malformed_manifest(copy_fixture):
    """`claimgraph sources status` on a sources/manifest.json that is not JSON said "nothing recorded"
    for every source and exited 0, where `check` and `sources fetch` report the file at its line."""
    root = copy_fixture("valid")
    (root / "sources").mkdir(exist_ok=True)
    manifest = root / "sources" / "manifest.json"
    manifest.write_text('{"format": 1, "sources": {\n  "Doe2021": [}\n', encoding="utf-8")
    result = run_cli("sources", "status", "--registry", str(root))
    assert result.code == 2, result.err
    assert result.out == ""
    assert f"{manifest}:2: not valid JSON" in result.err, result.err


def test_junit_report_is_well_formed_when_a_literal_holds_a_noncharacter(copy_fixture):
    """A statement holding U+FFFE (written as the Turtle escape \\uFFFE) went raw into the JUnit report,
    which XML 1.0 cannot hold: `check --format junit` wrote a file no CI reporter can parse."""
    from xml.etree import ElementTree as ET

    root = copy_fixture("valid")
    with (root / "claims" / "noncharacter.ttl").open("w", encoding="utf-8") as out:
        out.write(
            "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
            "@prefix status: <https://w3id.org/claimgraph/status#> .\n"
            "<claim/odd> a cg:Claim ;\n"
            '    cg:statement "odd \\uFFFF and \\uFFFE here, with a bell \\u0007"@en ;\n'
            "    cg:cites <source/Nope2020> ;\n"
            '    cg:status status:unverified ; cg:statusNote "x"@en .\n'
        )
    result = run_cli("check", "--registry", str(root), "--format", "junit")
    assert result.code == 1
    cases = ET.fromstring(result.out.encode("utf-8")).iter("testcase")
    shown = "\n".join(case.findtext("system-out") or "" for case in cases)
    assert "\\ufffe" in shown and "\\uffff" in shown and "\ufffe" not in shown, shown


def test_a_derivation_that_goes_round_in_a_circle_is_reported(tmp_path):
    """`new claim --id d --derived-by product --operands d 2` was accepted, and `check` said nothing
    when the circle's arithmetic happened to fit the rounding: a number computed from itself, or
    from a claim computed from it, is no derivation."""
    import json

    root = _registry_citing_vaswani(tmp_path)
    common = [
        "--registry",
        str(root),
        "--cites",
        "Vaswani2017",
        "--unit",
        "DAY",
        "--measurand",
        "gpu-days",
        "--quantity-kind",
        "Time",
        "--about",
        "transformer",
    ]
    refused = run_cli(
        "new",
        "claim",
        *common,
        "--id",
        "self",
        "--statement",
        "It took 1 day.",
        "--value",
        "1",
        "--derived-by",
        "product",
        "--operands",
        "self",
        "2",
    )
    assert refused.code == 1, refused.err
    assert "CG351" in refused.err and "circular" in refused.err, refused.err
    assert "claim:self" not in (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    # a circle of two, written by hand: each finding names the whole circle
    with (root / "claims" / "claims.ttl").open("a", encoding="utf-8") as out:
        out.write(
            "\nmeasurand:gpu-days a cg:Measurand ; cg:quantityKind quantitykind:Time ; "
            "cg:about system:transformer .\nsystem:transformer a cg:System .\n"
        )
        for name, other in (("a", "b"), ("b", "a")):
            out.write(
                f"\nclaim:{name} a cg:QuantitativeClaim ;\n"
                f'    cg:statement "It took 2 days."@en ;\n'
                f"    cg:measurand measurand:gpu-days ;\n"
                f"    cg:value [ qudt:numericValue 2 ; qudt:unit unit:DAY ] ;\n"
                f"    cg:derivedBy [ a cg:Derivation ; cg:formula formula:conversion ; "
                f"cg:operands ( claim:{other} ) ] ;\n"
                f"    cg:cites source:Vaswani2017 ;\n"
                f'    cg:status status:unverified ; cg:statusNote "x"@en .\n'
            )
    report = json.loads(run_cli("check", "--registry", str(root), "--format", "json").out)
    circular = [f for f in report["findings"] if f["code"] == "CG351" and "circular" in f["message"]]
    assert sorted(f["subject"].rsplit("/", 1)[-1] for f in circular) == ["a", "b"], report["findings"]
    assert all("claim:a" in f["message"] and "claim:b" in f["message"] for f in circular)


def test_build_into_a_refused_output_folder_is_a_usage_error(copy_fixture):
    """`claimgraph build --out .` (or a folder claimgraph did not build) exited 1, the code of bad
    content, where `export --out` refusing its output exits 2 as the README's exit codes say."""
    root = copy_fixture("valid")
    for out in (str(root), str(root / "bib")):
        before = sorted(p.name for p in Path(out).iterdir())
        result = run_cli("build", "--registry", str(root), "--out", out)
        assert result.code == 2, (out, result.err)
        assert "previous site left as it was" in result.err
        assert sorted(p.name for p in Path(out).iterdir()) == before


def test_circles_of_derivations_in_long_chains_and_large_groups():
    """The circle search is one pass over the derivations: a chain of 5,000 derivations has no
    circle; in a circle of 5,000 every claim is reported, naming a few of the group."""
    from claimgraph.checks.derived import circles
    from claimgraph.model import Derivation

    chain = [Derivation(f"c{i}", "product", (f"c{i - 1}" if i else 1.0, 2.0)) for i in range(5000)]
    assert circles(chain) == {}
    ring = [Derivation(f"c{i}", "product", (f"c{(i + 1) % 5000}", 2.0)) for i in range(5000)]
    found = circles(ring)
    assert len(found) == 5000 and found["c7"] == ["c0", "c1", "c10", "c100", "c1000"]
    small = [
        Derivation("a", "p", ("b",)),
        Derivation("b", "p", ("c",)),
        Derivation("c", "p", ("a", "b")),
        Derivation("d", "p", ("d",)),
        Derivation("e", "p", ("a",)),
    ]
    assert circles(small) == {"a": ["a", "b", "c", "a"], "b": ["b", "c", "b"], "c": ["c", "b", "c"], "d": ["d", "d"]}
