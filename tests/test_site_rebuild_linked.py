"""The recorded framed pages linked into the new site by a forked child while the model is gathered
(claimgraph.site.page_cache.Plan.start_linking, from build_site; kept or removed by framed_pages.write): the pages
kept are those the building process would take itself, the links of the others are removed before anything is
written in their place, a child that fails midway is made up for, and the site is the one a build from nothing
writes."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site, framed_pages, page_cache

from .rebuild_edits import EDITS
from .test_site_page_cache import EXAMPLE, _synthetic, files_of, framed_count, rebuild_and_compare

pytestmark = pytest.mark.skipif(
    not page_cache.can_fork() or page_cache.cores() < 2,
    reason="the pages are linked early only where a child can be forked onto another core",
)


def _change_one_value(root: Path) -> None:
    first = root / "claims" / "claims-0000.ttl"
    text = first.read_text(encoding="utf-8")
    value = re.search(r"qudt:numericValue (\d+) ;", text)
    first.write_text(text[: value.start(1)] + str(int(value.group(1)) + 1) + text[value.end(1) :], encoding="utf-8")


@pytest.fixture
def linked(monkeypatch) -> list:
    """What each build's child linked (the paths, or None when it failed), build after build (of those that
    started one)."""
    seen: list = []
    taken = page_cache.Plan.linked

    def spied(self, into):
        started = self._linking is not None
        found = taken(self, into)
        if started:
            seen.append(None if found is None else set(found))
        return found

    monkeypatch.setattr(page_cache.Plan, "linked", spied)
    return seen


@pytest.fixture
def taken_in_process(monkeypatch) -> list[int]:
    """How many pages framed_pages took itself (not linked by the child), build after build."""
    counts: list[int] = []
    take = framed_pages._take_unchanged

    def counted(build, plan, work, out_dir, known, taken):
        before = len(taken.pages)
        left = take(build, plan, work, out_dir, known, taken)
        counts.append(len(taken.pages) - before)
        return left

    monkeypatch.setattr(framed_pages, "_take_unchanged", counted)
    return counts


def test_a_one_claim_change_keeps_the_pages_linked_early(tmp_path, monkeypatch, linked, taken_in_process):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 40)
    site = tmp_path / "site"
    build_site(load(root), site)
    assert linked == []  # (no previous site: nothing to link)
    inodes = {p.name: p.stat().st_ino for p in (site / "claims").iterdir()}
    _change_one_value(root)
    reused = rebuild_and_compare(root, site, tmp_path / "fresh")
    # every page of the previous site was linked by the child; all those kept were, none taken in-process
    assert len(linked) == 1 and len(linked[0]) == framed_count(site)
    assert 0 < reused < framed_count(site) and taken_in_process == [0]
    # the pages kept share the previous files' inodes; the changed claim's page is a file of its own
    after = {p.name: p.stat().st_ino for p in (site / "claims").iterdir()}
    shared = [name for name in after if name.endswith(".html") and after[name] == inodes.get(name)]
    assert len(shared) >= reused - 20 and after["c0.html"] != inodes["c0.html"]


def test_a_page_linked_then_made_afresh_leaves_the_previous_file_as_it_was(tmp_path, monkeypatch, linked):
    # the changed claim's page was linked by the child, then made afresh: written over its link, it would have
    # changed the previous site's file too (which a build that fails afterwards must leave as it was)
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 30)
    site = tmp_path / "site"
    build_site(load(root), site)
    kept = {}
    for name in ("c0.html", "c0.ttl", "c0.jsonld"):
        os.link(site / "claims" / name, tmp_path / name)  # the previous file itself, whatever becomes of the site
        kept[name] = (tmp_path / name).read_bytes()
    _change_one_value(root)
    rebuild_and_compare(root, site, tmp_path / "fresh")
    assert "claims/c0.md" in linked[0]
    assert (site / "claims" / "c0.html").read_bytes() != kept["c0.html"]
    assert {name: (tmp_path / name).read_bytes() for name in kept} == kept


@pytest.mark.parametrize("how", ["raises", "killed"])
def test_a_linking_child_that_fails_midway_is_made_up_for(tmp_path, monkeypatch, linked, taken_in_process, how):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 30)
    site = tmp_path / "site"
    build_site(load(root), site)
    link_recorded = page_cache.link_recorded

    def half_then_fail(pages, previous, into):
        # (in the child) half of the pages linked, then the child fails
        link_recorded(dict(list(pages.items())[: len(pages) // 2]), previous, into)
        assert any(Path(into).rglob("*.html"))
        if how == "killed":
            os.kill(os.getpid(), signal.SIGKILL)
        raise RuntimeError("failed midway")

    monkeypatch.setattr(page_cache, "link_recorded", half_then_fail)
    _change_one_value(root)
    reused = rebuild_and_compare(root, site, tmp_path / "fresh")
    # nothing taken from the child: the building process took the unchanged pages itself
    assert linked == [None] and taken_in_process[0] == reused > 0


def test_edits_of_every_kind_give_the_site_built_from_nothing(tmp_path, monkeypatch, linked):
    # pages linked and then not kept (made afresh, gone, their measurand's kind changed...) in rebuild after rebuild
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))
    site = tmp_path / "site"
    build_site(load(root), site)
    rng = random.Random(11)
    done = []
    for edit in ("value", "remove claim", "add claim", "remove bib", "claims file", "quantity kind", "status"):
        if EDITS[edit](rng, root) is None:
            continue
        done.append(edit)
        rebuild_and_compare(root, site, tmp_path / "fresh")
    assert len(done) >= 5 and len(linked) == len(done) and all(linked)


def test_a_registry_left_with_no_claims_drops_the_pages_linked_early(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 20)
    site = tmp_path / "site"
    build_site(load(root), site)
    for path in (root / "claims").glob("*.ttl"):
        path.unlink()
    for path in (root / "bib").glob("*.bib"):
        path.write_text("", encoding="utf-8")
    rebuild_and_compare(root, site, tmp_path / "fresh")
    assert not (site / "claims").exists() or not list((site / "claims").glob("c*.html"))
    assert [p.name for p in tmp_path.iterdir() if ".staging-" in p.name] == []


@pytest.mark.parametrize("where", ["before the framed pages", "after the framed pages"])
def test_a_build_failing_after_the_pages_were_linked_leaves_the_previous_site(tmp_path, monkeypatch, linked, where):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 30)
    site = tmp_path / "site"
    build_site(load(root), site)
    before = files_of(site)
    _change_one_value(root)

    def fail(*args, **kwargs):
        raise SiteBuildError("stopped here")

    monkeypatch.setattr(framed_pages, "write" if where == "before the framed pages" else "complete", fail)
    with pytest.raises(SiteBuildError, match="stopped here"):
        build_site(load(root), site)
    assert files_of(site) == before
    # the work folder (and the links made into it) is gone
    assert [p.name for p in tmp_path.iterdir() if ".staging-" in p.name] == []
    assert len(linked) == (0 if where == "before the framed pages" else 1)


def test_a_plan_stopped_removes_the_links_of_its_child(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 20)
    site = tmp_path / "site"
    build_site(load(root), site)
    (record_file,) = (tmp_path / "cache").glob("pages-*.marshal")
    import marshal

    record = marshal.loads(record_file.read_bytes())
    for into_asked in ("same", "other"):
        into = tmp_path / "into"
        plan = page_cache.Plan(record)
        plan.start_linking(site.resolve(), into)
        if into_asked == "same":
            plan.stop()  # unfinished or not, its links go
        else:
            assert plan.linked(tmp_path / "elsewhere") is None
        assert not into.exists()
    # taken: every page whose files are as recorded, its own file and those beside it
    plan = page_cache.Plan(record)
    plan.start_linking(site.resolve(), tmp_path / "into")
    found = plan.linked(tmp_path / "into")
    assert found == set(record["pages"])
    page = tmp_path / "into" / "claims" / "c1.html"
    assert page.stat().st_ino == (site / "claims" / "c1.html").stat().st_ino


def test_a_page_edited_in_the_previous_site_is_not_linked(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = _synthetic(tmp_path / "registry", 20)
    site = tmp_path / "site"
    build_site(load(root), site)
    import marshal

    (record_file,) = (tmp_path / "cache").glob("pages-*.marshal")
    pages = marshal.loads(record_file.read_bytes())["pages"]
    with open(site / "claims" / "c2.jsonld", "a", encoding="utf-8") as stream:  # one file beside a page
        stream.write(" ")
    into = tmp_path / "into"
    linked = page_cache.link_recorded(pages, os.fspath(site.resolve()), os.fspath(into))
    assert "claims/c2.md" not in linked and "claims/c3.md" in linked
    assert not any((into / "claims").glob("c2.*"))  # all of a page's files or none
    assert sorted(linked) == sorted(set(pages) - {"claims/c2.md"})
