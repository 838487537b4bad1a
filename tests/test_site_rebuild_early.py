"""The comparison of a rebuild's framed pages with the previous build's, started early in a forked child
(claimgraph.site.page_cache.Plan.start_early, from build_site while the Markdown pages are rendered): it gives
what the building process would work out itself, and the rebuilt site is, edit after edit, the one a build from
nothing writes."""

from __future__ import annotations

import marshal
import random
import shutil
from pathlib import Path

import pytest

from claimgraph.check_cache import Checking
from claimgraph.registry import load
from claimgraph.site import build_site, page_cache, rdf_views
from claimgraph.site.build import MAX_PEER_MEASURANDS, comparable_kind
from claimgraph.site.model import gather

from .conftest import PROJECT as ROOT
from .rebuild_edits import EDITS
from .test_site_page_cache import EXAMPLE, _synthetic, files_of


def _peers(model) -> dict[str, list]:
    """The measurands each measurand page compares with, as render_pages chooses them."""
    by_kind: dict[str, list] = {}
    for m in model.measurands:
        by_kind.setdefault(m.quantity_kind or "", []).append(m)
    out = {}
    for m in model.measurands:
        peers = by_kind.get(m.quantity_kind or "", []) if comparable_kind(m.quantity_kind) else []
        out[m.iri] = peers if len(peers) <= MAX_PEER_MEASURANDS else []
    return out


def test_a_thing_s_inputs_read_from_the_index_are_those_of_its_rows(tmp_path):
    model = gather(load(Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))), [])
    peers = _peers(model)
    things = [(c, []) for c in model.claims] + [(s, []) for s in model.sources]
    things += [(m, peers[m.iri]) for m in model.measurands]
    assert any(p for _, p in things) and any(  # peers compared, and blank nodes below a thing relabelled
        type(s).__name__ == "BlankNode" for c in model.claims for s, _, _ in rdf_views.subject_rows(model.index, c.iri)
    )
    for thing, thing_peers in things:
        rows = rdf_views.subject_rows(model.index, thing.iri)
        assert page_cache.subject_inputs(model.index, thing, thing_peers) == page_cache.page_inputs(
            thing, rows, thing_peers
        ), thing
    # and they still tell things apart: no two pages of the example have the same inputs
    assert len({page_cache.subject_inputs(model.index, t, p) for t, p in things}) == len(things)


def test_comparing_the_things_set_by_set_gives_each_thing_s_own_fingerprint(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))
    site = tmp_path / "site"
    build_site(load(root), site)
    (path,) = (tmp_path / "cache").glob("pages-*.marshal")
    recorded = marshal.loads(path.read_bytes())["things"]
    registry = load(root)
    model = gather(registry, Checking(registry, fork=False).result())  # (the findings are read by the pages too)
    things = page_cache.things(model)
    # one thing's fingerprint recorded otherwise, one thing gone, one field that is no field of its thing
    altered = dict(recorded)
    some, other, third = sorted(k for k in recorded if k.startswith("Claim "))[:3]
    altered[some] = (recorded[some][0], b"\0" * 16)
    altered["Claim https://example.org/gone"] = recorded[other]
    altered[third] = ((*recorded[third][0], "no_such_field"), recorded[third][1])
    changed, kept = page_cache.compare_things(things, altered)
    one_by_one_changed, one_by_one_kept = set(), {}
    for key, (names, before) in altered.items():
        thing = things.get(key)
        now = page_cache.thing_fingerprint(thing, names) if thing is not None else None
        if now != before:
            one_by_one_changed.add(key)
        else:
            one_by_one_kept[key] = now
    assert (changed, kept) == (one_by_one_changed, one_by_one_kept)
    assert {some, "Claim https://example.org/gone", third} <= changed
    assert other in kept and len(kept) > len(recorded) // 2


@pytest.fixture
def early_checked(monkeypatch) -> list[bool]:
    """In every build with a record to compare with: the answers of the early child compared with what the
    building process works out itself; whether the child gave them, build after build."""
    seen: list[bool] = []
    prepare = page_cache.Plan.prepare

    def checked(self, model, frames):
        started = self._early is not None
        prepare(self, model, frames)
        if self.record is None:
            return
        seen.append(started)
        changed, kept = page_cache.compare_things(page_cache.things(model), self.record["things"])
        assert (self.changed, self.prints_now) == (changed, kept)
        if not started:
            return
        peers = _peers(model)
        framed = [(c, []) for c in model.claims] + [(s, []) for s in model.sources]
        framed += [(m, peers[m.iri]) for m in model.measurands]
        assert sorted(self._early_inputs) == sorted(thing.path for thing, _ in framed)
        for thing, thing_peers in framed:
            rows = rdf_views.subject_rows(model.index, thing.iri)
            assert self._early_inputs[thing.path] == page_cache.page_inputs(thing, rows, thing_peers), thing.path

    monkeypatch.setattr(page_cache.Plan, "prepare", checked)
    return seen


def _build_and_compare(root: Path, site: Path, fresh: Path) -> None:
    build_site(load(root), site)
    shutil.rmtree(fresh, ignore_errors=True)
    build_site(load(root), fresh)
    rebuilt, from_nothing = files_of(site), files_of(fresh)
    assert sorted(rebuilt) == sorted(from_nothing)
    assert [name for name in rebuilt if rebuilt[name] != from_nothing[name]] == []


# edits of every kind a one-claim rebuild may meet: values, claims added and removed, a source changed, a claim
# moved into another file, a claims file renamed or removed, a quote's blank node, a measurand's kind
EARLY_EDITS = [
    "value",
    "add claim",
    "remove claim",
    "bib field",
    "remove bib",
    "move claim",
    "claims file",
    "blank node",
    "quantity kind",
    "measurand label",
    "status",
]


@pytest.mark.parametrize("kind", ["synthetic", "example"])
def test_rebuilds_with_the_early_comparison_give_the_site_built_from_nothing(
    kind, tmp_path, monkeypatch, early_checked
):
    if not page_cache.can_fork() or page_cache.cores() < 2:
        pytest.skip("the comparison runs early only where a child can be forked onto another core")
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "registry"
    if kind == "synthetic":
        _synthetic(root, 60)
    else:
        shutil.copytree(EXAMPLE, root)
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_site(load(root), site)
    rng = random.Random(7)
    done = []
    for edit in EARLY_EDITS:
        what = EDITS[edit](rng, root)
        if what is None:
            continue
        done.append(edit)
        _build_and_compare(root, site, fresh)
    assert len(done) >= 8, done
    # every rebuild into the site took the child's answers (the builds from nothing have no record to compare)
    assert early_checked == [True] * len(done)


def test_a_registry_with_verification_reports_is_compared_early_too(tmp_path, monkeypatch, early_checked):
    # the reports a build publishes are part of the pages' key: the plan made before they are written, for the
    # reports the pages will publish, is the one the build keeps (else it would be planned again, in-process)
    if not page_cache.can_fork() or page_cache.cores() < 2:
        pytest.skip("the comparison runs early only where a child can be forked onto another core")
    from .test_site_rebuild_random import registry_copy

    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = registry_copy("bundled", tmp_path / "registry")
    shutil.copytree(ROOT / "docs" / "verification", root / "docs" / "verification")
    assert list((root / "docs" / "verification").glob("*.md"))
    site, fresh = tmp_path / "site", tmp_path / "fresh"
    build_site(load(root), site)
    EDITS["value"](random.Random(3), root)
    _build_and_compare(root, site, fresh)
    assert early_checked == [True]
