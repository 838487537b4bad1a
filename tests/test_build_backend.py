"""A wheel or an sdist is never built without the in-browser query engine (tools/build_backend.py), unless asked."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _backend():
    spec = importlib.util.spec_from_file_location("claimgraph_build_backend", ROOT / "tools" / "build_backend.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _project_without_engine(tmp_path: Path) -> Path:
    """The files a build reads (the code, the package data, pyproject.toml, MANIFEST.in, the backend), the
    engine left out, as in a fresh clone before `make engine`."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "tools", project / "tools")
    shutil.copytree(
        ROOT / "src",
        project / "src",
        symlinks=False,  # (the package's ontology/, queries/ and site_templates/ link to the top level in a checkout)
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


@pytest.mark.skipif(importlib.util.find_spec("build") is None, reason="the `build` package is in the test extra")
def test_a_package_without_the_engine_is_refused_and_says_how_to_get_it(tmp_path):
    project = _project_without_engine(tmp_path)
    refused = _build_sdist(project, tmp_path / "dist")
    assert refused.returncode != 0
    said = refused.stdout + refused.stderr
    assert "src/claimgraph/site_engine/oxigraph lacks web.js, web_bg.wasm, package.json, README.md" in said
    assert "make engine" in said and "CLAIMGRAPH_BUILD_WITHOUT_ENGINE=1" in said
    assert "Traceback" not in said
    assert not list((tmp_path / "dist").glob("*.tar.gz"))

    # asked for: built, without the engine
    built = _build_sdist(project, tmp_path / "dist", CLAIMGRAPH_BUILD_WITHOUT_ENGINE="1")
    assert built.returncode == 0, built.stderr[-2000:]
    (sdist,) = (tmp_path / "dist").glob("claimgraph-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(name.endswith("/tools/build_backend.py") for name in names)  # a wheel is built from it with it
    assert not any("/site_engine/" in name for name in names)


def test_the_engine_files_are_each_required(tmp_path, monkeypatch):
    backend = _backend()
    monkeypatch.delenv("CLAIMGRAPH_BUILD_WITHOUT_ENGINE", raising=False)
    folder = tmp_path / backend.ENGINE
    folder.mkdir(parents=True)
    for name in backend.ENGINE_FILES:
        (folder / name).write_bytes(b"x")
    backend.require_engine(tmp_path)  # all there: no complaint
    (folder / "web_bg.wasm").unlink()
    with pytest.raises(SystemExit, match=r"lacks web_bg\.wasm: the site's query page would have no engine"):
        backend.require_engine(tmp_path)
    monkeypatch.setenv("CLAIMGRAPH_BUILD_WITHOUT_ENGINE", "1")
    backend.require_engine(tmp_path)
