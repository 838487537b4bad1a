"""The Markdown claimgraph generates also builds with a successor of MkDocs 1.x (non-blocking).

MkDocs 1.6.1 is the last 1.x release and Material for MkDocs is in maintenance mode;
ProperDocs is a drop-in fork of MkDocs 1.x. This test builds the staged Markdown and
mkdocs.yml of the bundled registry with ProperDocs, in its own virtual environment
(the test creates it in build/successor-venv when it is absent).
It never fails the suite: a successor that cannot build our Markdown is reported as an
expected failure with its reason, so the day it happens is visible without blocking CI.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError
from claimgraph.site.build import build_site

from .conftest import PROJECT

VENV = PROJECT / "build" / "successor-venv"


def _properdocs() -> str | None:
    exe = VENV / "bin" / "properdocs"
    if not exe.exists():
        try:
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, capture_output=True, timeout=300)
            subprocess.run(
                [str(VENV / "bin" / "pip"), "install", "--quiet", "properdocs>=1.6,<2", "mkdocs-material>=9.5,<10"],
                check=True,
                capture_output=True,
                timeout=600,
            )
        except (subprocess.SubprocessError, OSError):
            return None
    return str(exe) if exe.exists() else None


def test_generated_markdown_builds_with_properdocs(tmp_path):
    """The whole site with ProperDocs as the generator: its Markdown pages, and the frames the
    claim, source and measurand pages are written into (claimgraph's MkDocs hook included)."""
    exe = _properdocs()
    if exe is None:
        pytest.skip("ProperDocs could not be installed from PyPI here")
    failures = []

    def properdocs(config, site_dir):
        proc = subprocess.run(
            [exe, "build", "--strict", "-f", str(config), "-d", str(site_dir)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            failures.append(proc.stderr.strip()[-500:])
            site_dir.mkdir(parents=True, exist_ok=True)
            (site_dir / "index.html").write_text("failed")

    out = tmp_path / "site"
    try:
        build_site(load(PROJECT), out, generator=properdocs, keep_markdown=out.parent / f"{out.name}-src")
    except SiteBuildError as exc:
        failures.append(str(exc))
    if failures:
        pytest.xfail(f"ProperDocs could not build claimgraph's site: {failures[0]}")
    assert (out.parent / f"{out.name}-src" / "mkdocs.yml").is_file()
    assert '<h1 id="claim">' in (out / "claims" / "gpt3-training-energy.html").read_text(encoding="utf-8")
    assert (out / "argument" / "index.html").is_file()
