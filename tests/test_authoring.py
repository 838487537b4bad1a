"""init, new source, new claim: a registry that checks clean, and appends that lose nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli

SOURCE = [
    "--key",
    "Doe2021",
    "--author",
    "Doe, Jane",
    "--author",
    "Smith, John",
    "--title",
    "The Energy of Training Model X",
    "--year",
    "2021",
    "--venue",
    "Journal of Examples",
    "--doi",
    "10.1234/example.2021.1",
]
CLAIM = [
    "--id",
    "model-x-energy",
    "--statement",
    "Training model X took 1.3 GWh.",
    "--translation",
    "fr",
    "L'entraînement du modèle X a pris 1,3 GWh.",
    "--cites",
    "Doe2021",
    "--in-text-citation",
    "Doe, 2021",
    "--quote",
    "Training model X consumed 1,287 MWh of electricity.",
    "--locator",
    "p. 4, Table 2",
    "--value",
    "1.3",
    "--unit",
    "GigaW-HR",
    "--tolerance",
    "0.05",
    "--measurand",
    "model-x-training-energy",
    "--quantity-kind",
    "Energy",
    "--about",
    "model-x",
    "--system-label",
    "Model X",
    "--role",
    "primary",
    "--status",
    "verifiedPrimary",
    "--status-note",
    "Table 2: 1,287 MWh.",
]


def _clean(root: Path) -> bool:
    result = run_cli("check", "-r", str(root), "--fail-level", "warning")
    return result.code == 0


@pytest.fixture
def registry(tmp_path):
    root = tmp_path / "reg"
    assert run_cli("init", str(root), "--lang", "en", "--lang", "fr").code == 0
    return root


def test_init_creates_a_registry_that_checks_clean(registry):
    for rel in ("claimgraph.toml", "claims/claims.ttl", "bib/references.bib", ".gitignore"):
        assert (registry / rel).is_file(), rel
    assert _clean(registry)


def test_init_refuses_a_folder_that_is_not_empty(registry, tmp_path):
    again = run_cli("init", str(registry))
    # a usage error (exit 2), as a folder that is not empty is: the folder named is the mistake
    assert again.code == 2 and "is a registry already" in again.err
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    result = run_cli("init", str(other))
    assert result.code == 2 and (other / "notes.txt").read_text() == "mine"
    assert not (other / "claimgraph.toml").exists()
    assert run_cli("init", str(tmp_path / "x"), "--base", "not an iri").code == 2


def test_new_source_and_claim_scaffold_a_valid_registry(registry):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    result = run_cli("new", "claim", "-r", str(registry), *CLAIM)
    assert result.code == 0, result.err
    assert _clean(registry)
    from claimgraph.registry import load

    reg = load(registry)
    rows = reg.select("SELECT ?v WHERE { ?c cg:value/qudt:numericValue ?v }")
    assert rows == [{"v": 1.3}]
    text = (registry / "claims" / "claims.ttl").read_text()
    assert "claim:model-x-energy\n    a cg:QuantitativeClaim ;" in text
    assert "measurand:model-x-training-energy\n    a cg:Measurand ;" in text


def test_appending_keeps_every_existing_byte(registry):
    bib = registry / "bib" / "references.bib"
    claims = registry / "claims" / "claims.ttl"
    # hand-written content, CRLF line endings and no final newline
    bib.write_bytes(bib.read_bytes().replace(b"\n", b"\r\n") + b"% my own note, no newline")
    claims.write_bytes(claims.read_bytes() + b"# hand-written comment \xc3\xa9")
    before_bib, before_claims = bib.read_bytes(), claims.read_bytes()
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    assert run_cli("new", "claim", "-r", str(registry), *CLAIM).code == 0
    assert bib.read_bytes().startswith(before_bib)
    assert claims.read_bytes().startswith(before_claims)
    assert b"\r\n@article{Doe2021,\r\n" in bib.read_bytes()  # the file's own line endings
    assert b"\n" not in bib.read_bytes().replace(b"\r\n", b"")
    assert _clean(registry)


def test_new_claim_refuses_rather_than_break_the_registry(registry):
    claims = registry / "claims" / "claims.ttl"
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    before = claims.read_bytes()
    # unknown source key, with a suggestion
    bad = [a if a != "Doe2021" else "Doe2012" for a in CLAIM]
    result = run_cli("new", "claim", "-r", str(registry), *bad)
    assert result.code == 1 and "Doe2012" in result.err and "did you mean `Doe2021`" in result.err
    # a unit that does not fit the quantity kind: the registry check would find a new error
    wrong_unit = [a if a != "GigaW-HR" else "MO" for a in CLAIM]
    result = run_cli("new", "claim", "-r", str(registry), *wrong_unit)
    assert result.code == 1 and "nothing was written" in result.err and "CG330" in result.err
    # usage errors: exit 2
    assert run_cli("new", "claim", "-r", str(registry), "--id", "x").code == 2
    assert run_cli("new", "claim", "-r", str(registry), *[a if a != "1.3" else "1,3" for a in CLAIM]).code == 2
    assert run_cli("new", "claim", "-r", str(registry), *CLAIM, "--file", "../outside.ttl").code == 2
    assert claims.read_bytes() == before
    # the same id twice
    assert run_cli("new", "claim", "-r", str(registry), *CLAIM).code == 0
    after = claims.read_bytes()
    result = run_cli("new", "claim", "-r", str(registry), *CLAIM)
    assert result.code == 1 and "already defined" in result.err
    assert claims.read_bytes() == after
    assert _clean(registry)


def test_new_claim_refuses_to_append_to_a_broken_file(registry):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    claims = registry / "claims" / "claims.ttl"
    claims.write_text(claims.read_text() + 'claim:broken cg:statement "unterminated .\n')
    before = claims.read_bytes()
    result = run_cli("new", "claim", "-r", str(registry), *CLAIM)
    assert result.code == 1 and "does not parse" in result.err
    assert claims.read_bytes() == before


def test_new_source_refuses_a_taken_key(registry):
    bib = registry / "bib" / "references.bib"
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    before = bib.read_bytes()
    result = run_cli("new", "source", "-r", str(registry), *[a if a != "Doe2021" else "doe2021" for a in SOURCE])
    assert result.code == 1 and "differs only by case from 'Doe2021'" in result.err and "doe2021a" in result.err
    assert (
        run_cli(
            "new", "source", "-r", str(registry), "--key", "X", "--title", "T", "--year", "20x1", "--author", "A"
        ).code
        == 2
    )
    assert (
        run_cli(
            "new", "source", "-r", str(registry), "--key", "X", "--title", "T{", "--year", "2021", "--author", "A"
        ).code
        == 2
    )
    assert bib.read_bytes() == before


def test_new_claim_on_a_second_file_and_to_a_qualitative_claim(registry):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    result = run_cli(
        "new",
        "claim",
        "-r",
        str(registry),
        "--id",
        "smaller",
        "--statement",
        "Models shrink.",
        "--translation",
        "fr",
        "Les modèles rapetissent.",
        "--cites",
        "Doe2021",
        "--quote",
        "Smaller models now match larger ones.",
        "--locator",
        "Section 3",
        "--file",
        "claims/more.ttl",
    )
    assert result.code == 0, result.err
    text = (registry / "claims" / "more.ttl").read_text()
    assert text.startswith("# Claims") and "a cg:Claim ;" in text and "status:unverified" in text
    assert _clean(registry) or run_cli("check", "-r", str(registry)).code == 0


def test_missing_values_are_asked_for(registry):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    exe = Path(sys.executable).with_name("claimgraph")
    answers = (
        "\n".join(
            [
                "asked-claim",
                "Asked statement.",
                "Doe2021",
                "Training model X consumed 1,287 MWh.",
                "p. 4",
                "Énoncé demandé.",
                "Doe, 2021",
                "",
                "unverified",
            ]
        )
        + "\n"
    )
    proc = subprocess.run(
        [str(exe), "new", "claim", "--interactive", "-r", str(registry)],
        input=answers,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    text = (registry / "claims" / "claims.ttl").read_text()
    assert "claim:asked-claim" in text and '"Énoncé demandé."@fr' in text and '"Doe, 2021"' in text
    # without a terminal and without --interactive, missing flags are a usage error
    proc = subprocess.run(
        [str(exe), "new", "source", "-r", str(registry)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2 and "--key" in proc.stderr and "--author" in proc.stderr


def test_dry_run_prints_and_writes_nothing(registry):
    bib = registry / "bib" / "references.bib"
    before = bib.read_bytes()
    result = run_cli("new", "source", "-r", str(registry), *SOURCE, "--dry-run")
    assert result.code == 0 and result.out.startswith("@article{Doe2021,")
    assert bib.read_bytes() == before


# ------------------------------------------------------------------ hostile targets (QA regressions)

QUALITATIVE = [
    "--id",
    "linked",
    "--statement",
    "Models shrink.",
    "--cites",
    "Doe2021",
    "--quote",
    "Smaller models now match larger ones.",
    "--locator",
    "Section 3",
]
ANOTHER_SOURCE = ["--key", "Roe2020", "--author", "Roe, Ann", "--title", "Another", "--year", "2020"]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "kind,argv,link",
    [
        ("claim", QUALITATIVE + ["--file", "claims/ext/evil.ttl"], "claims/ext"),
        ("source", ANOTHER_SOURCE + ["--file", "bib/tmplink/x.bib"], "bib/tmplink"),
    ],
    ids=["claim", "source"],
)
def test_new_refuses_a_file_a_symlinked_folder_leads_outside(registry, tmp_path, kind, argv, link):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    (registry / link).symlink_to(outside, target_is_directory=True)
    before = _files(registry)
    result = run_cli("new", kind, "-r", str(registry), *argv)
    assert result.code == 2 and "outside the registry" in result.err and argv[-1] in result.err
    assert "Traceback" not in result.err
    assert list(outside.iterdir()) == [] and _files(registry) == before


def test_new_follows_a_symlinked_folder_that_stays_in_claims(registry):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    (registry / "claims" / "sub").mkdir()
    (registry / "claims" / "inlink").symlink_to("sub", target_is_directory=True)
    result = run_cli("new", "claim", "-r", str(registry), *QUALITATIVE, "--file", "claims/inlink/more.ttl")
    assert result.code == 0, result.err
    assert (registry / "claims" / "inlink").is_symlink() and "claim:linked" in (
        registry / "claims" / "sub" / "more.ttl"
    ).read_text()


def test_new_source_refuses_a_folder_or_a_fifo_as_its_file(registry):
    bib = registry / "bib"
    (bib / "d.bib").mkdir()
    os.mkfifo(bib / "fifo.bib")
    before = _files(registry)
    for name in ("bib/d.bib", "bib/fifo.bib"):  # the FIFO would block forever on reading
        proc = subprocess.run(
            [
                str(Path(sys.executable).with_name("claimgraph")),
                "new",
                "source",
                "-r",
                str(registry),
                *ANOTHER_SOURCE,
                "--file",
                name,
            ],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode == 2 and f"{name} is not a regular file" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
    assert _files(registry) == before


def test_new_claim_with_a_fifo_in_claims_still_appends(registry):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    os.mkfifo(registry / "claims" / "pipe.ttl")
    result = run_cli("new", "claim", "-r", str(registry), *QUALITATIVE)
    assert result.code == 0 and "Traceback" not in result.err, result.err
    assert "claim:linked" in (registry / "claims" / "claims.ttl").read_text()


@pytest.mark.parametrize("value", ["1e400", "-1e400", "1e-400"])
def test_new_claim_refuses_a_number_a_double_cannot_hold(registry, value):
    assert run_cli("new", "source", "-r", str(registry), *SOURCE).code == 0
    before = _files(registry)
    at = CLAIM.index("--value")
    argv = CLAIM[:at] + CLAIM[at + 2 :] + [f"--value={value}"]  # "=": argparse takes "-1e400" for an option
    result = run_cli("new", "claim", "-r", str(registry), *argv)
    assert result.code == 2 and "out of range" in result.err and "Traceback" not in result.err
    assert _files(registry) == before
