"""The import layers of pyproject.toml hold (import-linter), and a new import against them is caught."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import PROJECT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(project: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(project / "pyproject.toml")],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )


def test_the_layer_contracts_are_kept():
    result = lint_imports(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "2 kept" in result.stdout


def test_an_import_from_a_layer_above_breaks_the_contract(tmp_path):
    # a copy of the package in which the quantities (low in the layers) reach up into the site
    package = tmp_path / "src" / "claimgraph"
    shutil.copytree(
        PROJECT / "src" / "claimgraph",
        package,
        ignore=shutil.ignore_patterns("__pycache__", "site_engine", "*.json", "*.ttl"),
    )
    shutil.copy(PROJECT / "pyproject.toml", tmp_path / "pyproject.toml")
    with (package / "quantities.py").open("a", encoding="utf-8") as handle:
        handle.write("\nfrom .site import build as _reaching_up  # noqa: E402,F401\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src")}
    result = lint_imports(tmp_path, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "claimgraph.quantities is not allowed to import claimgraph.site" in result.stdout
    assert "claimgraph.quantities -> claimgraph.site.build" in result.stdout
