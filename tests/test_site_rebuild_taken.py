"""How a rebuild takes the framed pages that did not change (claimgraph.site.framed_pages, page_cache, reuse):
in the building process, a few links each, with no worker forked for the handful of pages a small change makes;
the pages in a new frame with their bodies cut out of the previous ones; and the same site as a build from
nothing whichever way the files are taken."""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import types
from pathlib import Path

import pytest

from claimgraph import file_io
from claimgraph.registry import load
from claimgraph.site import build_site, framed_pages, reuse, unchanged

from .test_site_page_cache import EXAMPLE, _synthetic, framed_count, rebuild_and_compare


def _change_one_value(root: Path) -> None:
    first = root / "claims" / "claims-0000.ttl"
    text = first.read_text(encoding="utf-8")
    value = re.search(r"qudt:numericValue (\d+) ;", text)
    first.write_text(text[: value.start(1)] + str(int(value.group(1)) + 1) + text[value.end(1) :], encoding="utf-8")


def _inodes(site: Path, folder: str) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in (site / folder).iterdir() if p.is_file()}


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """The pools of workers framed_pages forks (their sizes), in a real build."""
    started: list[int] = []

    class Counted:
        def __init__(self, method):
            self.context = multiprocessing.get_context(method)

        def Pool(self, processes):  # noqa: N802 (multiprocessing's name)
            started.append(processes)
            return self.context.Pool(processes)

    monkeypatch.setattr(framed_pages, "multiprocessing", types.SimpleNamespace(get_context=Counted))
    return started


def test_a_one_claim_change_makes_its_few_pages_without_forking_workers(tmp_path, monkeypatch, pools):
    # with pages enough to fork for (as 10,000 claims have, here a lower bar), the first build forks; after one
    # value changed, the few pages to make are made in the building process, the others taken from the site
    monkeypatch.setattr(framed_pages, "FORK_MIN_PAGES", 20)
    root = _synthetic(tmp_path / "registry", 60)
    site = tmp_path / "site"
    build_site(load(root), site, jobs=2)
    assert pools == [2]
    before = _inodes(site, "claims")
    _change_one_value(root)
    result = build_site(load(root), site, jobs=2)
    assert pools == [2]
    made = framed_count(site) - result.reused
    assert 0 < made < 20
    after = _inodes(site, "claims")
    # (a page made again whose bytes come out the same is linked too)
    assert 0 < sum(after[name] != before.get(name) for name in after if name.endswith(".html")) <= made
    assert rebuild_and_compare(root, site, tmp_path / "fresh") == framed_count(site)


def test_many_pages_to_make_still_fork_workers(tmp_path, monkeypatch, pools):
    monkeypatch.setattr(framed_pages, "FORK_MIN_PAGES", 20)
    root = _synthetic(tmp_path / "registry", 60)
    site = tmp_path / "site"
    build_site(load(root), site, jobs=2)
    # every claim's statement in another words: every claim page is made again
    for path in sorted((root / "claims").glob("claims-*.ttl")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r'(cg:statement ")', r"\1Reportedly, ", text), encoding="utf-8")
    pools.clear()
    assert build_site(load(root), site, jobs=2).reused < framed_count(site) - 20
    assert pools == [2]
    shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
    build_site(load(root), tmp_path / "fresh")
    assert _files(site) == _files(tmp_path / "fresh")


def test_pages_in_a_new_frame_keep_their_bodies_and_their_twins(tmp_path, monkeypatch):
    # the build date is in every frame (the footer) but no page's input: each page is taken by cutting its body
    # out of the previous page and putting it into the new frame; its twins, which do not change, are linked
    root = Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))
    site = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    build_site(load(root), site)
    before = _inodes(site, "claims")
    old_page = next(p for p in sorted((site / "claims").glob("*.html")) if p.name != "index.html")
    assert "2026-01-01" in old_page.read_text(encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767312000")
    assert rebuild_and_compare(root, site, tmp_path / "fresh") == framed_count(site)
    after = _inodes(site, "claims")
    pages = [name for name in after if name.endswith(".html") and name != "index.html"]
    twins = [name for name in after if name.endswith((".ttl", ".jsonld"))]
    assert pages and twins
    assert all(after[name] != before[name] for name in pages)
    assert all(after[name] == before[name] for name in twins)
    assert "2026-01-02" in (site / "claims" / old_page.name).read_text(encoding="utf-8")


def test_files_are_taken_by_whole_paths_where_folders_cannot_be_opened(tmp_path, monkeypatch):
    # (as on Windows, where a file cannot be named within an open folder)
    monkeypatch.setattr(reuse, "_IN_OPEN_FOLDERS", False)
    root = _synthetic(tmp_path / "registry", 30)
    site = tmp_path / "site"
    build_site(load(root), site)
    before = _inodes(site, "claims")
    _change_one_value(root)
    reused = rebuild_and_compare(root, site, tmp_path / "fresh")
    assert 0 < reused < framed_count(site)
    after = _inodes(site, "claims")
    assert sum(after[name] == before.get(name) for name in after) > len(after) // 2


def test_a_page_whose_files_cannot_all_be_linked_is_made_afresh(tmp_path):
    # all of a page's files or none: a file already there (here, put in the way) undoes the links made before it
    previous, new = tmp_path / "previous", tmp_path / "new"
    previous.mkdir()
    new.mkdir()
    for name in ("a.html", "a.ttl", "a.jsonld"):
        (previous / name).write_text(name, encoding="utf-8")
    (new / "a.jsonld").write_text("in the way", encoding="utf-8")
    with reuse.Folders(str(previous), str(new)) as folders:
        state = folders.state(("a.html", "a.ttl"))
        assert state is not None and len(state) == 2
        assert folders.state(("a.html", "missing.ttl")) is None
        assert not folders.link(("a.html", "a.ttl", "a.jsonld"))
        assert sorted(p.name for p in new.iterdir()) == ["a.jsonld"]
        assert folders.link(("a.html", "a.ttl"))
    assert (new / "a.html").stat().st_ino == (previous / "a.html").stat().st_ino
    assert (new / "a.jsonld").read_text(encoding="utf-8") == "in the way"


def test_the_listing_kept_for_an_unchanged_build_is_the_site_s_own(tmp_path, monkeypatch):
    # the framed pages' files enter the listing as the build left them, without asking for each again: the
    # listing must still be the one every file's own size and time give (else the next build could not skip)
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    root = _synthetic(tmp_path / "registry", 30)
    site = tmp_path / "site"
    build_site(load(root), site, skip_unchanged=True)
    _change_one_value(root)
    assert not build_site(load(root), site, skip_unchanged=True).unchanged
    record = json.loads((file_io.cache_dir() / unchanged._record(site)).read_text(encoding="utf-8"))
    assert record["listing"] == unchanged.listing(site)
    assert build_site(load(root), site, skip_unchanged=True).unchanged


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_page_inputs_tell_apart_triples_that_read_alike():
    import pyoxigraph as ox

    from claimgraph.site import page_cache
    from claimgraph.site.model import Claim

    claim = Claim(iri="https://example.org/c", slug="c", quantitative=False, statement={})
    c, d, blank = ox.NamedNode("https://example.org/c"), ox.NamedNode("https://example.org/d"), ox.BlankNode("b0")
    p, q = "https://example.org/p", "https://example.org/q"
    cases = [
        [(c, p, ox.Literal("a"))],
        [(c, p, ox.NamedNode("https://example.org/a"))],
        [(c, p, ox.Literal("a", language="en"))],
        [(c, p, ox.Literal("a")), (c, q, ox.Literal("b"))],
        [(c, p, ox.Literal(f'a\n{q}\n"b"'))],  # a literal holding what would read as another row
        [(c, p, blank), (blank, q, ox.Literal("b"))],
        [(c, p, blank), (d, q, ox.Literal("b"))],
        [(d, p, ox.Literal("a"))],
    ]
    prints = [page_cache.page_inputs(claim, rows, []) for rows in cases]
    assert len(set(prints)) == len(cases)
    # the same triples (other term objects) give the same inputs; a chart peer more gives others
    again = [(ox.NamedNode("https://example.org/c"), p, ox.Literal("a"))]
    assert page_cache.page_inputs(claim, again, []) == prints[0]
    assert page_cache.page_inputs(claim, again, [claim]) != prints[0]
