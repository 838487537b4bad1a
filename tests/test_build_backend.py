"""A wheel or an sdist never lacks the in-browser query engine (tools/build_backend.py): taken from the package, or
fetched as package-lock.json pins it (the npm registry, the digest checked), or the build is refused, saying why."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
needs_build = pytest.mark.skipif(importlib.util.find_spec("build") is None, reason="`build` is in the test extra")


def _backend():
    spec = importlib.util.spec_from_file_location("claimgraph_build_backend", ROOT / "tools" / "build_backend.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project_without_engine(tmp_path: Path, lock: bool) -> Path:
    """The files a build needs (the code, the package data, pyproject.toml, MANIFEST.in, the LICENSE it names, the
    backend, and with ``lock`` package-lock.json), the engine left out, as in a fresh clone before `make engine`."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "MANIFEST.in", "README.md", "LICENSE") + (("package-lock.json",) if lock else ()):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools")
    shutil.copytree(
        ROOT / "src",
        project / "src",
        symlinks=False,  # (the package's ontology/ and site_templates/ link to the top level in a checkout)
        ignore=shutil.ignore_patterns("site_engine", "__pycache__", "*.egg-info"),
    )
    return project


def _build_sdist(project: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CLAIMGRAPH_BUILD_WITHOUT_ENGINE")}
    return subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--no-isolation", "--outdir", str(out), str(project)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**environment, **env},
    )


def _sdist_names(folder: Path) -> list[str]:
    (sdist,) = folder.glob("claimgraph-*.tar.gz")
    with tarfile.open(sdist) as archive:
        return archive.getnames()


@needs_build
def test_without_the_engine_nor_its_pin_the_package_is_refused_and_says_how_to_get_it(tmp_path):
    project = _project_without_engine(tmp_path, lock=False)
    refused = _build_sdist(project, tmp_path / "dist")
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr
    assert "src/claimgraph/site_engine/oxigraph lacks web.js, web_bg.wasm, package.json, README.md" in said
    assert "could not be fetched" in said and "package-lock.json" in said
    assert "make engine" in said and "CLAIMGRAPH_BUILD_WITHOUT_ENGINE=1" in said
    assert "Traceback" not in said
    assert not list((tmp_path / "dist").glob("*.tar.gz"))

    # asked for: built, without the engine
    built = _build_sdist(project, tmp_path / "dist", CLAIMGRAPH_BUILD_WITHOUT_ENGINE="1")
    assert built.returncode == 0, built.stderr[-2000:]
    names = _sdist_names(tmp_path / "dist")
    assert any(name.endswith("/tools/build_backend.py") for name in names)  # a wheel is built from it with it
    assert not any("/site_engine/" in name for name in names)


@needs_build
def test_a_clone_without_the_engine_fetches_the_pinned_one(tmp_path):
    """As `pip install git+…` or pre-commit installing the hook from a clone: the npm package package-lock.json
    pins, from the npm registry (one of the package registries every install reaches)."""
    project = _project_without_engine(tmp_path, lock=True)
    built = _build_sdist(project, tmp_path / "dist")
    assert built.returncode == 0, built.stderr[-2000:]
    assert "fetching the query engine, oxigraph" in built.stderr
    engine = project / "src" / "claimgraph" / "site_engine" / "oxigraph"
    pinned = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/oxigraph"]["version"]
    assert json.loads((engine / "package.json").read_text())["version"] == pinned
    names = _sdist_names(tmp_path / "dist")
    for name in ("web.js", "web_bg.wasm", "package.json", "README.md"):
        assert any(n.endswith(f"/src/claimgraph/site_engine/oxigraph/{name}") for n in names), name
    installed = ROOT / "node_modules" / "oxigraph" / "web_bg.wasm"  # `make npm`'s copy, where there is one
    if installed.is_file():
        assert (engine / "web_bg.wasm").read_bytes() == installed.read_bytes()


def test_a_download_that_is_not_the_pinned_one_is_refused_and_writes_nothing(tmp_path, monkeypatch):
    backend = _backend()
    monkeypatch.delenv("CLAIMGRAPH_BUILD_WITHOUT_ENGINE", raising=False)
    lock = json.loads((ROOT / "package-lock.json").read_text())
    lock["packages"]["node_modules/oxigraph"]["integrity"] = "sha512-" + "A" * 86 + "=="
    (tmp_path / "package-lock.json").write_text(json.dumps(lock))
    with pytest.raises(SystemExit, match="does not have the digest package-lock.json pins"):
        backend.require_engine(tmp_path)
    assert not (tmp_path / backend.ENGINE).exists()
    assert not list((tmp_path / backend.ENGINE.parent).glob(".oxigraph-*"))


def test_the_engine_files_are_each_required(tmp_path, monkeypatch):
    backend = _backend()
    monkeypatch.delenv("CLAIMGRAPH_BUILD_WITHOUT_ENGINE", raising=False)
    folder = tmp_path / backend.ENGINE
    folder.mkdir(parents=True)
    for name in backend.ENGINE_FILES:
        (folder / name).write_bytes(b"x")
    backend.require_engine(tmp_path)  # all there: nothing fetched (there is no package-lock.json to fetch with)
    (folder / "web_bg.wasm").unlink()
    with pytest.raises(SystemExit, match=r"lacks web_bg\.wasm: the site's query page would have no engine"):
        backend.require_engine(tmp_path)
    monkeypatch.setenv("CLAIMGRAPH_BUILD_WITHOUT_ENGINE", "1")
    backend.require_engine(tmp_path)
