"""A hostile-input trial's identifiers and output folders: a refused ``@base``, a claim id too long for a file
name, a node from outside the registry's base taking another's page, and ``export --force`` deleting what
claimgraph never wrote. Registries are made with the documented commands, then damaged as the trial did;
everything runs through the real CLI on real files."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

CLAIMS = "claims/claims.ttl"
BASE = "https://example.org/r/"
PREFIXES = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix status: <https://w3id.org/claimgraph/status#> .\n"


def _registry(root: Path, *claim_ids: str) -> Path:
    assert run_cli("init", str(root)).code == 0
    settings = root / "claimgraph.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace(f'base = "https://example.org/{root.name}/"', f'base = "{BASE}"'))
    source = ["--key", "Doe2021", "--author", "Doe, Jane", "--title", "T", "--year", "2021", "--doi", "10.1234/abc"]
    assert run_cli("new", "source", "--registry", str(root), *source).code == 0
    for claim_id in claim_ids:
        made = run_cli(
            "new", "claim", "--registry", str(root), "--id", claim_id, "--statement", "A claim.", "--cites", "Doe2021"
        )
        assert made.code == 0, made.err
    return root


def _findings(root: Path) -> list[dict]:
    result = run_cli("check", "--registry", str(root), "--format", "json", "--no-cache", "--min-level", "info")
    return json.loads(result.out)["findings"]


# ------------------------------------------------------------------ 1. a refused @base


def _with_base_file(tmp_path: Path) -> Path:
    root = _registry(tmp_path / "r")  # a source and no claim: the claim of b.ttl is its only citation
    (root / "claims" / "b.ttl").write_text(
        PREFIXES + "@base <http://evil.example/> .\n"
        '<claim/bx> a cg:Claim ; cg:statement "x"@en ; cg:cites <source/Doe2021> ; cg:status status:unverified ; '
        'cg:statusNote "n"@en .\n',
        encoding="utf-8",
    )
    return root


def test_a_file_with_base_is_not_loaded_and_is_its_one_finding(tmp_path):
    root = _with_base_file(tmp_path)
    findings = _findings(root)
    # one finding at the directive's line; no CG210/CG301 about an evil.example claim, no "cited by no claim"
    assert [(f["code"], f["file"], f["line"]) for f in findings if f["severity"] != "warning"] == [
        ("CG103", "claims/b.ttl", 3)
    ]
    assert not any("evil.example" in json.dumps(f) for f in findings)
    assert all(f["file"] for f in findings)


def test_a_file_with_base_is_not_published(tmp_path):
    root = _with_base_file(tmp_path)
    for command in (
        ("list", "claims"),
        ("build", "--out", str(tmp_path / "site")),
        ("export", "-f", "trig"),
        ("export", "-f", "nanopub", "--out", str(tmp_path / "np")),
    ):
        result = run_cli(*command, "--registry", str(root))
        assert result.code == 1 and "--allow-load-errors" in result.err, command
        assert "claims/b.ttl:3: CG103" in result.err
        assert "evil.example" not in result.out
    assert not (tmp_path / "site").exists() and not (tmp_path / "np").exists()
    # with --allow-load-errors, what is published is the rest: the claim is in no output, under any base
    result = run_cli("export", "-f", "trig", "--registry", str(root), "--allow-load-errors")
    assert result.code == 0 and "Doe2021" in result.out
    assert "evil.example" not in result.out and "claim/bx" not in result.out
    # and once the directive is gone, the file loads under the registry's base
    (root / "claims" / "b.ttl").write_text(
        (root / "claims" / "b.ttl").read_text(encoding="utf-8").replace("@base <http://evil.example/> .\n", "")
    )
    result = run_cli("export", "-f", "trig", "--registry", str(root))
    assert result.code == 0 and f"{BASE}claim/bx" in result.out.replace("claim:bx", f"<{BASE}claim/bx>")


# ------------------------------------------------------------------ 2. a claim id too long for a file name


LONG = "a" * 251


def test_a_long_claim_id_gets_a_short_stable_nanopub_name(tmp_path):
    root = _registry(tmp_path / "r", LONG, LONG[:-1] + "b", "short")
    first = run_cli(
        "export", "-f", "nanopub", "--out", str(tmp_path / "np"), "--registry", str(root), "--date", "2024-01-01"
    )
    assert first.code == 0, first.err
    names = sorted(p.name for p in (tmp_path / "np").iterdir())
    assert len(names) == 3 and "short.trig" in names
    long_names = [n for n in names if n != "short.trig"]
    # the first 63 characters, a digest of the whole IRI: two ids alike in their first 250 still differ
    assert all(len(n) == len("a" * 63 + "-" + "0" * 16 + ".trig") and n.startswith("a" * 63 + "-") for n in long_names)
    assert len(set(long_names)) == 2
    # the nanopublication's IRI is the file's name, and the claim it carries keeps its whole IRI
    text = (tmp_path / "np" / long_names[0]).read_text(encoding="utf-8")
    assert f"@prefix this: <{BASE}np/{long_names[0][:-5]}/> ." in text
    # stable: the same names on another export, and in the crate's nanopubs/
    again = run_cli("export", "-f", "nanopub", "--out", str(tmp_path / "np2"), "--registry", str(root))
    assert again.code == 0 and sorted(p.name for p in (tmp_path / "np2").iterdir()) == names
    crate = run_cli("export", "-f", "rocrate", "--out", str(tmp_path / "crate"), "--registry", str(root))
    assert crate.code == 0, crate.err
    assert sorted(p.name for p in (tmp_path / "crate" / "nanopubs").iterdir()) == names
    # an id of 80 characters or fewer is its own name, as before
    assert "short.trig" in names


# ------------------------------------------------------------------ 3. a node from outside the base


IMPOSTOR = (
    '<https://evil.example/claim/e1> a cg:Claim ; cg:statement "An impostor claim."@en ; cg:cites source:Doe2021 ; '
    'cg:status status:unverified ; cg:statusNote "x"@en .\n'
)
PASSWD = (
    '<../../../etc/passwd> a cg:Claim ; cg:statement "Another."@en ; cg:cites source:Doe2021 ; '
    'cg:status status:unverified ; cg:statusNote "x"@en .\n'
)


def test_a_claim_outside_the_base_is_a_finding_and_never_takes_a_page_of_the_registry(tmp_path):
    root = _registry(tmp_path / "r", "e1")
    assert not [f for f in _findings(root) if f["code"] == "CG130"]
    # the impostor written before the registry's own claim (file order decides which is met first)
    text = (root / CLAIMS).read_text(encoding="utf-8")
    at = text.index("claim:e1")
    (root / CLAIMS).write_text(text[:at] + IMPOSTOR + PASSWD + text[at:], encoding="utf-8")
    outside = [f for f in _findings(root) if f["code"] == "CG130"]
    assert sorted(f["subject"] for f in outside) == ["https://evil.example/claim/e1", "https://example.org/etc/passwd"]
    assert all(f["file"] == CLAIMS and f["line"] and f["severity"] == "error" for f in outside)
    built = run_cli("build", "--registry", str(root), "--out", str(tmp_path / "site"))
    assert built.code == 0, built.err
    pages = tmp_path / "site" / "claims"
    # the plain name is the registry's claim; the others' names carry a digest, passwd's too though it is alone
    assert "A claim." in (pages / "e1.html").read_text(encoding="utf-8")
    assert "An impostor claim." not in (pages / "e1.html").read_text(encoding="utf-8")
    others = sorted(p.name for p in pages.glob("*.html") if p.name not in ("index.html", "e1.html"))
    assert len(others) == 2 and not (pages / "passwd.html").exists()
    assert others[0].startswith("e1-") and others[1].startswith("passwd-")
    assert "An impostor claim." in (pages / others[0]).read_text(encoding="utf-8")


def test_nodes_under_the_base_keep_their_plain_names(tmp_path):
    root = _registry(tmp_path / "r", "e1", "e2")
    assert run_cli("build", "--registry", str(root), "--out", str(tmp_path / "site")).code == 0
    assert {p.name for p in (tmp_path / "site" / "claims").glob("*.html")} == {"index.html", "e1.html", "e2.html"}
    assert not [f for f in _findings(root) if f["code"] == "CG130"]


# ------------------------------------------------------------------ 4. export --force deletes only its own


def test_force_does_not_replace_a_folder_claimgraph_did_not_write_as_a_crate(tmp_path):
    root = _registry(tmp_path / "r", "c1")
    mine = tmp_path / "mycrate"
    mine.mkdir()
    (mine / "ro-crate-metadata.json").write_text("{}\n")
    (mine / "thesis.docx").write_text("precious\n")
    result = run_cli("export", "-r", str(root), "-f", "rocrate", "--out", str(mine), "--force")
    assert result.code == 2 and "not a crate claimgraph wrote" in result.err and "nothing written" in result.err
    assert sorted(p.name for p in mine.iterdir()) == ["ro-crate-metadata.json", "thesis.docx"]
    assert (mine / "thesis.docx").read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mycrate", "r"]  # no staging folder left

    # a crate claimgraph wrote is replaced; with a file of one's own put in it, it is not
    crate = tmp_path / "crate"
    assert run_cli("export", "-r", str(root), "-f", "rocrate", "--out", str(crate), "--date", "2024-01-01").code == 0
    again = run_cli("export", "-r", str(root), "-f", "rocrate", "--out", str(crate), "--force", "--date", "2024-01-02")
    assert again.code == 0, again.err
    assert '"datePublished": "2024-01-02"' in (crate / "ro-crate-metadata.json").read_text(encoding="utf-8")
    (crate / "nanopubs" / "notes.txt").write_text("mine\n")
    refused = run_cli("export", "-r", str(root), "-f", "rocrate", "--out", str(crate), "--force")
    assert refused.code == 2 and "nanopubs/notes.txt is not one of the files" in refused.err
    assert (crate / "nanopubs" / "notes.txt").read_text() == "mine\n"


def test_force_does_not_replace_a_folder_of_trig_files_claimgraph_did_not_write(tmp_path):
    root = _registry(tmp_path / "r", "c1")
    mine = tmp_path / "mytrig"
    mine.mkdir()
    (mine / "my-own-work.trig").write_text("# mine\n")
    result = run_cli("export", "-r", str(root), "-f", "nanopub", "--out", str(mine), "--force")
    assert result.code == 2 and "my-own-work.trig" in result.err and "nothing written" in result.err
    assert [p.name for p in mine.iterdir()] == ["my-own-work.trig"]
    assert (mine / "my-own-work.trig").read_text() == "# mine\n"

    # the nanopublications claimgraph wrote are replaced, a removed claim's with them
    out = tmp_path / "np"
    assert run_cli("export", "-r", str(root), "-f", "nanopub", "--out", str(out), "--date", "2024-01-01").code == 0
    written = (out / "c1.trig").read_bytes()
    (out / "gone.trig").write_bytes(written.replace(b"/np/c1/", b"/np/gone/"))
    again = run_cli("export", "-r", str(root), "-f", "nanopub", "--out", str(out), "--force", "--date", "2024-01-02")
    assert again.code == 0, again.err
    assert [p.name for p in out.iterdir()] == ["c1.trig"]
    assert "2024-01-02T00:00:00Z" in (out / "c1.trig").read_text(encoding="utf-8")
    # one file of one's own among them: refused, and every file stays
    (out / "notes.trig").write_text("# notes\n")
    refused = run_cli("export", "-r", str(root), "-f", "nanopub", "--out", str(out), "--force")
    assert refused.code == 2 and "notes.trig" in refused.err
    assert sorted(p.name for p in out.iterdir()) == ["c1.trig", "notes.trig"]
