"""The previous site goes after the new one is in place, by a process of its own for a large site."""

from __future__ import annotations

import os
import time
from pathlib import Path

from claimgraph import file_io
from claimgraph.registry import load
from claimgraph.site import build as site_build
from claimgraph.site import build_site

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _hidden_beside(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.parent.iterdir() if p.name.startswith("."))


def _wait_until_gone(folder: Path, seconds: float = 60) -> list[str]:
    deadline = time.monotonic() + seconds
    while _hidden_beside(folder) and time.monotonic() < deadline:
        time.sleep(0.05)
    return _hidden_beside(folder)


def test_a_large_previous_site_is_removed_after_the_build_returns(tmp_path, monkeypatch):
    monkeypatch.setattr(site_build, "DETACHED_REMOVAL_CLAIMS", 0)  # the fixture counts as large
    out = tmp_path / "builds" / "site"
    build_site(load(FIXTURES / "valid"), out)
    (out / "previous.txt").write_text("from the first build")
    build_site(load(FIXTURES / "valid"), out)
    # the new site is in place at once; the previous one, moved aside, goes in the background
    assert (out / "index.html").is_file() and not (out / "previous.txt").exists()
    assert (out / site_build.MARKER).is_file()
    assert _wait_until_gone(out) == []
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]


def test_folders_removed_in_the_background_are_named_as_the_remover_s_leftovers(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    doomed = []
    for name in ("a", "b"):
        folder = tmp_path / f".work-{name}"
        (folder / "deep" / "er").mkdir(parents=True)
        (folder / "deep" / "er" / "page.html").write_text("old")
        doomed.append(folder)
    file_io.remove_detached(doomed, out)
    assert not any(folder.exists() for folder in doomed)  # renamed at once…
    assert _wait_until_gone(out) == []  # …and removed by the other process
    assert out.is_dir()


def test_a_dead_remover_s_leftovers_go_with_the_next_build(tmp_path):
    out = tmp_path / "site"
    build_site(load(FIXTURES / "valid"), out)
    dead = os.fork()
    if dead == 0:
        os._exit(0)
    os.waitpid(dead, 0)
    left = tmp_path / f".site.staging-{dead}-0-123"
    (left / "claims").mkdir(parents=True)
    (left / "claims" / "x.html").write_text("half removed")
    build_site(load(FIXTURES / "valid"), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_the_site_shows_the_findings_of_the_files_as_they_are_now(tmp_path):
    """The findings come from the check cache only while the registry's files are unchanged."""
    import shutil

    registry_dir = tmp_path / "registry"
    shutil.copytree(FIXTURES / "valid", registry_dir)
    out = tmp_path / "site"
    assert build_site(load(registry_dir), out).findings == 0
    shutil.copyfile(FIXTURES / "invalid" / "uncited-source" / "bib" / "more.bib", registry_dir / "bib" / "more.bib")
    assert build_site(load(registry_dir), out).findings == 1
    assert "CG306" in (out / "report" / "index.html").read_text(encoding="utf-8")
    assert build_site(load(registry_dir), out).findings == 1  # unchanged: the same findings, from the cache
    (registry_dir / "bib" / "more.bib").unlink()
    assert build_site(load(registry_dir), out).findings == 0
    assert "CG306" not in (out / "report" / "index.html").read_text(encoding="utf-8")
