"""`claimgraph build` into a folder holding the site of the very same inputs does nothing (see
claimgraph.site.unchanged); any change to an input, or to the site itself, makes it build again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import PROJECT as ROOT
from .conftest import run_cli

EXAMPLE = ROOT / "examples" / "ml-training-energy"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def example(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))


def build(root: Path, out: Path, *more: str):
    result = run_cli("build", "--registry", str(root), "--out", str(out), *more)
    assert result.code == 0, result.err
    return result.err


def test_a_second_build_of_the_same_inputs_does_nothing_and_says_so(example, tmp_path):
    out = tmp_path / "site"
    first = build(example, out)
    assert "unchanged" not in first
    index = out / "index.html"
    before = (index.stat().st_ino, files_of(out))
    second = build(example, out)
    assert "unchanged since the last build, nothing to do" in second
    # the same counts as the build that made the site
    assert first.split(" pages ")[0].split()[-1] == second.split(" pages ")[0].split()[-1]
    assert (index.stat().st_ino, files_of(out)) == before


def test_a_changed_claim_is_built_and_gives_the_site_a_build_from_nothing_gives(example, tmp_path):
    out, fresh = tmp_path / "site", tmp_path / "fresh"
    build(example, out)
    claims = sorted((example / "claims").glob("*.ttl"))[0]
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text + "\n# an edit\n", encoding="utf-8")
    assert "unchanged" not in build(example, out)
    build(example, fresh)
    assert files_of(out) == files_of(fresh)


@pytest.mark.parametrize(
    "change",
    ["page edited", "page removed", "file added", "date", "settings", "asset", "verification report"],
)
def test_any_change_to_an_input_or_to_the_site_builds_again(example, tmp_path, monkeypatch, change):
    out = tmp_path / "site"
    build(example, out)
    page = out / "index.html"
    if change == "page edited":
        page.write_text(page.read_text(encoding="utf-8").replace("</body>", "<p>edited</p></body>"), encoding="utf-8")
    elif change == "page removed":
        page.unlink()
    elif change == "file added":
        (out / "stray.txt").write_text("left here\n", encoding="utf-8")
    elif change == "date":
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")
    elif change == "settings":
        settings = example / "claimgraph.toml"
        settings.write_text(settings.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    elif change == "asset":  # the registry's site/ folder: templates and assets
        (example / "site" / "assets").mkdir(parents=True)
        (example / "site" / "assets" / "extra.css").write_text("p { margin: 0 }\n", encoding="utf-8")
    elif change == "verification report":  # published as a page, read by no check
        (example / "docs" / "verification").mkdir(parents=True)
        (example / "docs" / "verification" / "A.md").write_text("# Report A\n\nChecked.\n", encoding="utf-8")
    assert "unchanged" not in build(example, out)
    assert "edited" not in page.read_text(encoding="utf-8")
    assert not (out / "stray.txt").exists()


def test_a_library_build_or_one_keeping_its_markdown_always_builds(example, tmp_path):
    out = tmp_path / "site"
    build(example, out)
    assert not build_site(load(example), out).unchanged
    build(example, out)
    assert "unchanged" not in build(example, out, "--keep-markdown", str(tmp_path / "markdown"))
    assert (tmp_path / "markdown" / "mkdocs.yml").is_file()


def test_the_listing_with_the_files_a_build_knows_is_the_listing_read_from_the_disk(tmp_path):
    from claimgraph.site import unchanged

    site = tmp_path / "site"
    (site / "claims").mkdir(parents=True)
    (site / "empty").mkdir()
    (site / "index.html").write_text("home")
    (site / "claims" / "a.html").write_text("a")
    (site / "claims" / "b.ttl").write_text("bb")
    (site / "claims" / "index.html").write_text("list")
    (site / "linked").symlink_to(site / "claims")  # a link to a folder is left out, as os.scandir's walk left it
    (site / "claims" / "gone.html").symlink_to(tmp_path / "nowhere")  # a broken link counts as a file
    known = {}
    for name in ("a.html", "b.ttl"):
        st = (site / "claims" / name).stat()
        known[f"claims/{name}".replace("/", os.sep)] = (st.st_size, st.st_mtime_ns)
    read = unchanged.listing(site)
    assert unchanged.listing(site, known) == read
    (site / "claims" / "c.html").write_text("c")  # a file the build does not know of is listed too
    assert unchanged.listing(site, known) == unchanged.listing(site) != read
    # a wrong size or time for a known file only makes the listing differ (the next build is a real one)
    assert unchanged.listing(site, {**known, f"claims{os.sep}a.html": (1, 0)}) != unchanged.listing(site)
