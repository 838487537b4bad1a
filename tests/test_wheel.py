"""A wheel that carries everything: built from the sdist, installed in a clean virtual
environment outside the checkout, it runs the whole tour, and the site's query page runs a query
with the WebAssembly engine the wheel ships (nothing from node_modules/, nothing from the checkout)."""

from __future__ import annotations

import configparser
import functools
import http.server
import json
import os
import subprocess
import sys
import tarfile
import threading
import venv
import zipfile
from pathlib import Path

import pytest

from claimgraph.checks import CHECK_MODULES

from .test_authoring import CLAIM, SOURCE
from .conftest import QuietHandler
from .test_site_browser import _run, offline_page, page  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "src" / "claimgraph" / "site_engine" / "oxigraph"
ENGINE_IN_PACKAGE = "claimgraph/site_engine/oxigraph/"
ENGINE_FILES = ("web.js", "web_bg.wasm", "package.json", "README.md")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The folder of the sdist and the wheel built from it."""
    if not (ENGINE / "web_bg.wasm").is_file():
        if os.environ.get("CI"):
            pytest.fail("the engine is not in the package although CI is set: `make test` runs `make engine` first")
        pytest.skip("the WebAssembly engine is not copied into the package: run `make engine`")
    dist = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel built from the unpacked sdist: the wheel holds what the sdist carries
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return dist


@pytest.fixture(scope="module")
def installed(built, tmp_path_factory):
    """(the clean environment's ``claimgraph``, the folder of the built distributions)."""
    dist = built
    env_dir = tmp_path_factory.mktemp("clean") / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    wheel = next(dist.glob("claimgraph-*.whl"))
    # (without the caller's PYTHONPATH: a checkout's src/ on it, holding the build's claimgraph.egg-info,
    # would tell pip that claimgraph is installed already, and the clean environment would lack it)
    subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=900,
        cwd=env_dir.parent,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    return env_dir / "bin" / "claimgraph", dist


def test_the_sdist_and_the_wheel_carry_the_engine_and_its_licence(installed):
    _, dist = installed
    (wheel,) = dist.glob("claimgraph-*.whl")
    (sdist,) = dist.glob("claimgraph-*.tar.gz")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        package = json.loads(archive.read(ENGINE_IN_PACKAGE + "package.json"))
        (entry_points,) = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
        groups = configparser.ConfigParser(delimiters=("=",))
        groups.optionxform = str
        groups.read_string(archive.read(entry_points).decode("utf-8"))
    assert {ENGINE_IN_PACKAGE + name for name in ENGINE_FILES} <= names
    # the built-in check families are found through the wheel's entry points, as plug-ins are
    assert dict(groups["claimgraph.checks"]) == {name: f"claimgraph.checks.{name}" for name in CHECK_MODULES}
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"src/" + ENGINE_IN_PACKAGE + name for name in ENGINE_FILES} <= members
    # the version pinned in package.json, and its licence kept beside it
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"]["oxigraph"]
    assert package["name"] == "oxigraph" and package["version"] == pinned
    assert package["license"] == "MIT OR Apache-2.0"
    # the endpoint's query page (claimgraph serve) is rendered from a template shipped the same way
    page_files = {"claimgraph/sparql/endpoint_page/page.html.j2", "claimgraph/sparql/endpoint_page/query.js"}
    assert page_files <= names and {"src/" + name for name in page_files} <= members


def test_the_licence_is_in_both_and_the_sdist_carries_the_tests_and_what_they_read(built):
    """pyproject.toml says MIT: the wheel's dist-info and the sdist carry the LICENSE itself (PEP 639), and
    the sdist the documentation and everything its tests read, so that they run from it (`pytest`)."""
    (wheel,) = built.glob("claimgraph-*.whl")
    (sdist,) = built.glob("claimgraph-*.tar.gz")
    licence = (ROOT / "LICENSE").read_bytes()
    assert licence.startswith(b"MIT License\n\nCopyright (c) 2025-2026 the claimgraph authors\n")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("claimgraph-0.1.0.dist-info/licenses/LICENSE") == licence
        metadata = archive.read("claimgraph-0.1.0.dist-info/METADATA").decode("utf-8")
    assert "License-Expression: MIT\n" in metadata and "License-File: LICENSE\n" in metadata
    with tarfile.open(sdist) as archive:
        members = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
        assert archive.extractfile("claimgraph-0.1.0/LICENSE").read() == licence
    tracked = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "docs", "tests", "claims", "bib", "examples", "queries", "benchmarks"],
        capture_output=True,
        text=True,
    )
    if tracked.returncode != 0:  # not a git checkout (run from an unpacked sdist): what is here is what it held
        pytest.skip("no git checkout to compare the sdist with")
    wanted = set(tracked.stdout.splitlines())
    assert {"docs/findings.md", "tests/conftest.py", "tests/fixtures/valid/claimgraph.toml"} <= wanted
    assert any(name.startswith("tests/data/") for name in wanted)
    assert wanted - members == set()


def test_the_installed_wheel_runs_the_tour_outside_the_checkout(installed, tmp_path, offline_page):  # noqa: F811
    claimgraph, _ = installed
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_NODE_MODULES", "PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        result = subprocess.run([str(claimgraph), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, (args, result.stderr[-2000:])
        assert "Traceback" not in result.stderr
        return result

    run("init", "registry", cwd=tmp_path)
    registry = tmp_path / "registry"
    run("new", "source", *SOURCE, cwd=registry)
    run("new", "claim", *CLAIM, cwd=registry)
    run("check", "--fail-level", "warning", cwd=registry)
    built = run("build", "--out", str(tmp_path / "site"), cwd=registry)
    assert "engine" not in built.stderr  # no warning that the in-browser engine is missing
    assert sorted(p.name for p in tmp_path.iterdir()) == ["registry", "site"]  # nothing beside --out
    assert (tmp_path / "site" / "assets" / "oxigraph" / "web_bg.wasm").is_file()
    answer = run("query", "SELECT ?key WHERE { ?s cg:bibKey ?key }", "--format", "csv", cwd=registry)
    assert answer.stdout.split() == ["key", "Doe2021"]
    exported = run("export", "--format", "nt", cwd=registry)
    assert "<https://w3id.org/claimgraph/ns#cites>" in exported.stdout

    # the query page, served on loopback, runs a query with the engine the wheel carried
    handler = functools.partial(QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = offline_page
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/sparql/query.html")
        page.locator("#cg-sparql[data-state='ready']").wait_for(timeout=60000)
        page.locator("#cg-sparql-text").fill("SELECT ?key WHERE { ?s a cg:Source ; cg:bibKey ?key }")
        _run(page)
        assert page.locator(".cg-sparql-results tbody tr").all_inner_texts() == ["Doe2021"]
        assert page.errors == [] and page.outside == []
        assert any(u.endswith("/assets/oxigraph/web_bg.wasm") for u in page.requests)
    finally:
        server.shutdown()
        server.server_close()


def test_installed_wheel_reads_a_local_source_text_with_the_pip_a_new_venv_brings(installed, tmp_path):
    """A wheel installed by the pip that `python -m venv` bundles (which reads justext's
    `lxml[html_clean]` as an extra lxml does not provide) crashed with an ImportError traceback
    on any registry whose source names a local text copy: `check` and `sources status`."""
    claimgraph, _ = installed
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_NODE_MODULES", "PYTHONPATH", "VIRTUAL_ENV")}

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
        result = subprocess.run([str(claimgraph), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        assert result.returncode == 0, (args, result.stderr[-2000:])
        return result

    run("init", "registry", cwd=tmp_path)
    registry = tmp_path / "registry"
    (registry / "sources").mkdir()
    (registry / "sources" / "Doe2021.txt").write_text(
        "Results.\n\nTraining model X consumed 1,287 MWh of electricity.\n", encoding="utf-8"
    )
    run("new", "source", *SOURCE, "--local-copy", "sources/Doe2021.txt", cwd=registry)
    run("new", "claim", *CLAIM, cwd=registry)
    checked = run("check", "--format", "json", "--min-level", "info", cwd=registry)
    codes = {f["code"] for f in json.loads(checked.stdout)["findings"]}
    assert not codes & {"CG380", "CG381", "CG382"}, codes  # the text was read and the quote found in it
    status = run("sources", "status", cwd=registry)
    assert "text/plain, 1 page, from" in status.stdout
