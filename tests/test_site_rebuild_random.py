"""Random sequences of the edits users make (see tests/rebuild_edits.py), each followed by a rebuild into the
same folder: the site must be, byte for byte, the one a build from nothing writes (with an empty cache folder
of its own, so neither the framed pages nor the frames nor the whole build can be taken from before)."""

from __future__ import annotations

import random
import shutil

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import PROJECT as ROOT
from .rebuild_edits import random_edit
from .test_site_page_cache import _synthetic, files_of

BUNDLED = ("claims", "bib", "sources", "queries", "site", "verification", "claimgraph.toml")


def registry_copy(kind: str, root, claims: int = 60):
    """A registry to edit at ``root``: a synthetic one of ``claims`` claims, the ML example, or the bundled one."""
    if kind == "synthetic":
        return _synthetic(root, claims)
    if kind == "example":
        return shutil.copytree(ROOT / "examples" / "ml-training-energy", root)
    root.mkdir()
    for name in BUNDLED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name)
        elif (ROOT / name).is_file():
            shutil.copy(ROOT / name, root / name)
    return root


def _build(root, out, cache, monkeypatch) -> str | None:
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(cache))
    try:
        build_site(load(root), out, skip_unchanged=True)
    except Exception as exc:  # a registry an edit broke: both builds must fail alike
        return type(exc).__name__
    return None


@pytest.mark.parametrize("kind, seed, rounds", [("synthetic", 11, 3), ("example", 12, 3), ("bundled", 13, 1)])
def test_random_edits_then_rebuild_give_the_site_built_from_nothing(kind, seed, rounds, tmp_path, monkeypatch):
    rng = random.Random(seed)
    root = registry_copy(kind, tmp_path / "registry")
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert _build(root, site, cache, monkeypatch) is None
    for round_ in range(rounds):
        done = [random_edit(rng, root) for _ in range(rng.randint(1, 3))]
        failed = _build(root, site, cache, monkeypatch)
        fresh, fresh_cache = tmp_path / "fresh", tmp_path / "fresh-cache"
        shutil.rmtree(fresh, ignore_errors=True)
        shutil.rmtree(fresh_cache, ignore_errors=True)
        assert _build(root, fresh, fresh_cache, monkeypatch) == failed, done
        if failed:
            continue
        rebuilt, from_nothing = files_of(site), files_of(fresh)
        assert sorted(rebuilt) == sorted(from_nothing), done
        assert [name for name in rebuilt if rebuilt[name] != from_nothing[name]] == [], (round_, done)
