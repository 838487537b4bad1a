"""A rebuild links the previous site's unchanged files and writes the rest: the same site as a build from nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ml-training-energy"
CHANGED = "evolved-transformer-nas-training-emissions-patterson2021"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def inodes(site: Path, folder: str) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in (site / folder).iterdir() if p.is_file()}


@pytest.fixture
def registry_dir(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))


def _same_as_a_build_from_nothing(registry_dir: Path, site: Path, fresh: Path) -> None:
    build_site(load(registry_dir), fresh)
    rebuilt, from_nothing = files_of(site), files_of(fresh)
    assert sorted(rebuilt) == sorted(from_nothing)
    assert [name for name in rebuilt if rebuilt[name] != from_nothing[name]] == []


def test_one_claim_changed_rewrites_its_page_and_links_the_others(registry_dir, tmp_path):
    site = tmp_path / "site"
    build_site(load(registry_dir), site)
    before = inodes(site, "claims")
    claims = registry_dir / "claims" / "derived.ttl"
    text = claims.read_text(encoding="utf-8")
    assert text.count("qudt:numericValue 3.2 ;") == 1
    claims.write_text(text.replace("qudt:numericValue 3.2 ;", "qudt:numericValue 3.3 ;"), encoding="utf-8")

    build_site(load(registry_dir), site)
    after = inodes(site, "claims")
    assert "3.3" in (site / "claims" / f"{CHANGED}.html").read_text(encoding="utf-8")
    # the changed claim's page and twins are new files; most other claim pages are the previous files
    for name in (f"{CHANGED}.html", f"{CHANGED}.ttl", f"{CHANGED}.jsonld"):
        assert after[name] != before[name]
    kept = [name for name in after if after[name] == before.get(name)]
    assert len(kept) > len(after) // 2
    _same_as_a_build_from_nothing(registry_dir, site, tmp_path / "fresh")


def test_a_template_change_rewrites_every_page_it_makes(registry_dir, tmp_path):
    site = tmp_path / "site"
    build_site(load(registry_dir), site)
    before = inodes(site, "claims")
    bundled = ROOT / "site" / "templates" / "claim.html.j2"
    (registry_dir / "site" / "templates").mkdir(parents=True)
    (registry_dir / "site" / "templates" / "claim.html.j2").write_text(
        bundled.read_text(encoding="utf-8") + "<p>Reviewed by the editors.</p>\n", encoding="utf-8"
    )

    build_site(load(registry_dir), site)
    after = inodes(site, "claims")
    pages = [name for name in after if name.endswith(".html") and name != "index.html"]
    assert pages and all(after[name] != before[name] for name in pages)
    assert all("Reviewed by the editors." in (site / "claims" / name).read_text(encoding="utf-8") for name in pages)
    # the twins do not depend on the template: they are the previous files
    assert all(after[name] == before[name] for name in after if name.endswith((".ttl", ".jsonld")))
    _same_as_a_build_from_nothing(registry_dir, site, tmp_path / "fresh")


def test_a_failed_rebuild_leaves_the_previous_site_s_files_untouched(registry_dir, tmp_path):
    site = tmp_path / "site"
    build_site(load(registry_dir), site)
    before = files_of(site)
    from claimgraph.site import SiteBuildError

    # a broken link: found once the pages are written, their unchanged twins linked to the previous ones
    bundled = ROOT / "site" / "templates" / "claim.html.j2"
    (registry_dir / "site" / "templates").mkdir(parents=True)
    (registry_dir / "site" / "templates" / "claim.html.j2").write_text(
        bundled.read_text(encoding="utf-8") + '<p><a href="nowhere.html">x</a></p>\n', encoding="utf-8"
    )
    with pytest.raises(SiteBuildError, match="nowhere"):
        build_site(load(registry_dir), site)
    assert files_of(site) == before
