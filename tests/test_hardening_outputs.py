"""Hardening: what commands write and how long they may run.

* Site: data cannot inject HTML or script; no file outside the registry is
  published; a failed build leaves the previous site untouched.
* Nothing lost: every command leaves the registry's files byte for byte as
  they were (hashes before and after).
* Resource bounds: a runaway SPARQL query ends at its time limit with exit 2
  and a clear message; a catastrophic regular expression in SPARQL runs in
  linear time (Oxigraph's regex engine has no backtracking).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_cli, run_process

SECRET = "TOP-SECRET-0b9f6e"


@pytest.fixture
def registry(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def tree_hashes(root: Path) -> dict[str, str]:
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[rel] = "dir"
    return out


def site_text(site: Path) -> str:
    return "\n".join(
        p.read_text(errors="replace")
        for p in site.rglob("*")
        if p.is_file()
        and p.suffix
        in (".html", ".js", ".json", ".xml", ".txt", ".md", ".ttl", ".jsonld", ".csv", ".nt", ".trig", ".svg")
    )


# ------------------------------------------------------------------ site


def test_data_cannot_inject_html_or_script(registry, tmp_path):
    (registry / "claims" / "evil.ttl").write_text(
        "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<claim/model-training-energy> rdfs:comment \"<script>alert('xss1')</script>\"@en .\n"
        "<step/question> cg:note \"<img src=x onerror=alert('xss2')>\"@en .\n"
    )
    bib = registry / "bib" / "references.bib"
    bib.write_text(
        bib.read_text().replace("{The Energy of Training Model X}", "{<script>alert('xss3')</script> Energy}")
    )
    result = run_cli("build", "-r", str(registry), "--out", str(tmp_path / "site"))
    assert result.code == 0, result.err
    html = "\n".join(p.read_text() for p in (tmp_path / "site").rglob("*.html"))
    assert "xss3" in html  # the title is published, as text
    for payload in ("<script>alert('xss", "<script>alert(&#39;xss", "onerror=alert", "<img src=x"):
        assert payload not in html


def test_no_file_outside_the_registry_is_published(registry, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.ttl").write_text(f'<claim/leak> <https://example.org/p> "{SECRET}" .\n')
    (outside / "secret.txt").write_text(SECRET)
    (registry / "claims" / "leak.ttl").symlink_to(outside / "secret.ttl")
    (registry / "site" / "assets").mkdir(parents=True)
    (registry / "site" / "assets" / "leak.txt").symlink_to(outside / "secret.txt")
    (registry / "site" / "assets" / "dir").symlink_to(outside, target_is_directory=True)
    result = run_cli("build", "-r", str(registry), "--out", str(tmp_path / "site"))
    assert result.code in (0, 1) and "Traceback" not in result.err
    published = tmp_path / "site"
    if published.exists():
        leaked = [p for p in published.rglob("*") if p.is_file() and SECRET in p.read_text(errors="replace")]
        assert not leaked, leaked


def test_a_failed_build_leaves_the_previous_site_untouched(registry, tmp_path):
    site = tmp_path / "site"
    assert run_cli("build", "-r", str(registry), "--out", str(site)).code == 0
    before = tree_hashes(site)
    (registry / "site" / "templates").mkdir(parents=True)
    (registry / "site" / "templates" / "claim.html.j2").write_text("{% if %}broken\n")
    result = run_cli("build", "-r", str(registry), "--out", str(site))
    assert result.code == 1 and "Traceback" not in result.err
    assert "previous site left as it was" in result.err
    assert tree_hashes(site) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


# ------------------------------------------------------------------ nothing lost


COMMANDS = [
    ("check",),
    ("check", "-f", "json"),
    ("list", "claims"),
    ("queries",),
    ("query", "SELECT ?c WHERE { ?c a cg:Claim }"),
    ("export", "-f", "turtle"),
    ("export", "-f", "jsonld"),
    ("export", "-f", "nanopub"),
    ("new", "claim", "--id", "dry", "--statement", "x", "--cites", "Doe2021", "--dry-run"),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(c[:3]) for c in COMMANDS])
def test_commands_leave_the_registry_as_it_was(registry, argv):
    before = tree_hashes(registry)
    result = (
        run_cli(*argv, "-r", str(registry))
        if argv[0] != "new"
        else run_cli("new", "claim", "-r", str(registry), *argv[2:])
    )
    assert result.code in (0, 1, 2) and "Traceback" not in result.err
    assert tree_hashes(registry) == before


def test_build_and_export_never_write_into_the_registry(registry, tmp_path):
    before = tree_hashes(registry)
    assert run_cli("build", "-r", str(registry), "--out", str(tmp_path / "site")).code == 0
    assert (
        run_cli(
            "export", "-r", str(registry), "-f", "rocrate", "-o", str(tmp_path / "crate"), "--date", "2024-01-01"
        ).code
        == 0
    )
    result = run_cli("build", "-r", str(registry), "--out", str(registry))  # would swallow the registry
    assert result.code in (1, 2) and "Traceback" not in result.err
    assert tree_hashes(registry) == before


def test_a_broken_registry_is_not_exported_partially(registry, tmp_path):
    (registry / "claims" / "broken.ttl").write_text("<a> <b> .\n")
    target = tmp_path / "out.ttl"
    result = run_cli("export", "-r", str(registry), "-o", str(target))
    assert result.code in (1, 2) and "Traceback" not in result.err
    assert not target.exists()


def test_new_claim_appends_without_losing_anything(registry):
    path = registry / "claims" / "energy.ttl"
    before = path.read_bytes()
    result = run_cli(
        "new",
        "claim",
        "-r",
        str(registry),
        "--id",
        "appended",
        "--statement",
        "Une phrase.",
        "--lang",
        "fr",
        "--cites",
        "Doe2021",
        "--file",
        "claims/energy.ttl",
    )
    if result.code == 0:
        assert path.read_bytes().startswith(before)
    else:
        assert path.read_bytes() == before and "Traceback" not in result.err


# ------------------------------------------------------------------ resource bounds


def test_runaway_sparql_query_is_stopped(registry):
    # a real process: the query thread abandoned at the deadline runs on until its process ends, and
    # in the test process it would take a core from every test after this one
    started = time.monotonic()
    result = run_process(
        "query",
        "-r",
        str(registry),
        "--timeout",
        "1",
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }",
    )
    assert time.monotonic() - started < 20
    assert result.code == 2 and "Traceback" not in result.err
    assert "time" in result.err.lower()


def test_catastrophic_regex_in_sparql_is_linear(registry):
    (registry / "claims" / "slow.ttl").write_text('<claim/slow> <https://example.org/p> "' + "a" * 5000 + 'b" .\n')
    # exit 0 within the 10 s query limit (a backtracking engine would still be running: exit 2)
    result = run_cli(
        "query", "-r", str(registry), "--timeout", "10", 'SELECT ?s WHERE { ?s ?p ?o FILTER REGEX(STR(?o), "^(a+)+$") }'
    )
    assert result.code == 0 and "Traceback" not in result.err


def test_a_template_symlinked_from_outside_the_registry_is_refused(copy_fixture, tmp_path):
    """A registry may override templates, but a symlink must not publish a file from elsewhere."""
    import os

    from .conftest import run_cli

    root = copy_fixture("valid")
    secret = tmp_path / "secret.md.j2"
    secret.write_text("TOP SECRET {{ 1 }}\n")
    (root / "site" / "templates").mkdir(parents=True)
    os.symlink(secret, root / "site" / "templates" / "home.md.j2")
    out = tmp_path / "out"
    result = run_cli("build", "--registry", str(root), "--out", str(out))
    assert result.code != 0 and "outside its templates folder" in result.err
    assert "Traceback" not in result.err
    assert not any("TOP SECRET" in p.read_text(errors="ignore") for p in out.rglob("*.html")) if out.exists() else True
