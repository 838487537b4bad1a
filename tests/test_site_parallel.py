"""A site built by several MkDocs processes is the site one process builds, byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site, messages
from claimgraph.site.generator import default_jobs
from claimgraph.site.mkdocs_hook import PAGE_COST, nav_sources, parse_share, share_pages

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("registry_dir", [ROOT, FIXTURES / "valid"], ids=["bundled", "valid-fixture"])
def test_sharded_build_writes_the_same_site(tmp_path, registry_dir):
    registry = load(registry_dir)
    one = build_site(registry, tmp_path / "one", jobs=1)
    three = build_site(registry, tmp_path / "three", jobs=3)
    assert one.pages == three.pages
    single, sharded = files_of(tmp_path / "one"), files_of(tmp_path / "three")
    assert sorted(single) == sorted(sharded)
    different = [name for name in single if single[name] != sharded[name]]
    assert different == []
    # the shares' own folders are gone, and every claim has its page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one", "three"]
    claim_pages = [n for n in sharded if n.startswith("claims/") and n.endswith(".html")]
    assert len(claim_pages) == one.claims + 1  # and the list of claims


def test_a_broken_link_in_any_share_fails_the_build(tmp_path):
    registry_dir = tmp_path / "registry"
    shutil.copytree(FIXTURES / "valid", registry_dir)
    (registry_dir / "site" / "templates").mkdir(parents=True)
    # only one page links nowhere: whichever share renders it must fail the whole build
    (registry_dir / "site" / "templates" / "step.md.j2").write_text(
        "# {{ step.slug }}\n\n{% if step.slug == 'conclusion' %}[x](nowhere.md){% endif %}\n"
    )
    out = tmp_path / "site"
    for jobs in (2, 3):
        with pytest.raises(SiteBuildError, match="nowhere.md"):
            build_site(load(registry_dir), out, jobs=jobs)
        assert not out.exists() and not list(tmp_path.glob("site.share-*"))
    # the same for a page written into a frame (claims, sources, measurands), whichever worker writes it
    (registry_dir / "site" / "templates" / "step.md.j2").unlink()
    (registry_dir / "site" / "templates" / "claim.html.j2").write_text(
        '<h1 id="claim">{{ claim.slug }}</h1>\n{% if claim.slug == "smaller-models" %}<a href="nowhere.html">x</a>{% endif %}\n'
    )
    for jobs in (2, 3):
        with pytest.raises(SiteBuildError, match=r"claims/smaller-models\.html: link 'nowhere\.html'"):
            build_site(load(registry_dir), out, jobs=jobs)
        assert not out.exists() and not list(tmp_path.glob("site.share-*"))


def test_shares_split_pages_evenly_and_keep_the_navigation_in_share_0():
    in_nav = nav_sources([{"Home": "index.md"}, {"SPARQL": [{"Saved": "sparql/index.md"}]}])
    assert in_nav == {"index.md", "sparql/index.md"}
    pages = [("claims/c%d.md" % i, 1000) for i in range(10)] + [("index.md", 1000), ("sparql/index.md", 1000)]
    owners = share_pages(pages, in_nav, 3)
    assert set(owners) == {source for source, _ in pages}
    assert owners["index.md"] == owners["sparql/index.md"] == 0
    assert sorted(owners["claims/c%d.md" % i] for i in range(10)) == [0, 0, 1, 1, 1, 1, 2, 2, 2, 2]


def test_shares_split_pages_by_the_length_of_their_markdown():
    # a long home page (share 0's, with the navigation) is worth many short pages: share 0 takes fewer of them
    in_nav = {"index.md"}
    pages = [("index.md", 40 * PAGE_COST)] + [("claims/c%02d.md" % i, 0) for i in range(60)]
    owners = share_pages(pages, in_nav, 2)
    work = [0, 0]
    for source, length in pages:
        work[owners[source]] += length + PAGE_COST
    assert sum(1 for share in owners.values() if share == 0) == 1 + 10
    assert abs(work[0] - work[1]) <= PAGE_COST
    # every share computes the same split, whatever order the pages come in
    assert share_pages(list(reversed(pages)), in_nav, 2) == owners


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("0/2", (0, 2)),
        ("1/2", (1, 2)),
        ("2/2", None),
        ("", None),
        (None, None),
        ("a/b", None),
        ("1/0", None),
        ("-1/2", None),
    ],
)
def test_share_specification(spec, expected):
    assert parse_share(spec) == expected


def test_small_sites_use_one_process():
    assert default_jobs(133) == 1
    assert 1 <= default_jobs(14_000) <= 8


def test_two_builds_of_the_same_registry_are_identical(tmp_path):
    """Reproducible: Oxigraph labels blank nodes at random on every load, and the site must not show it."""
    first = build_site(load(FIXTURES / "valid"), tmp_path / "first", jobs=1)
    second = build_site(load(FIXTURES / "valid"), tmp_path / "second", jobs=2)
    assert first.pages == second.pages
    a, b = files_of(tmp_path / "first"), files_of(tmp_path / "second")
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    assert any(name.endswith(".jsonld") for name in a)  # the claim twins and the downloads are compared too


@pytest.mark.parametrize("value", ["0", "abc", "-2", "65", "1.5", ""])
def test_a_bad_jobs_value_is_a_usage_error(value, tmp_path):
    from .conftest import run_cli

    result = run_cli("build", "-r", str(FIXTURES / "valid"), "--out", str(tmp_path / "site"), "--jobs", value)
    assert result.code == 2 and "--jobs" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "site").exists()


def test_an_anchor_missing_in_a_page_another_share_renders_fails_the_build(tmp_path):
    """MkDocs checks an anchor only in pages its own process rendered: claimgraph checks every
    link with an anchor between pages once the site is whole, whichever process rendered them."""
    registry_dir = tmp_path / "registry"
    shutil.copytree(FIXTURES / "valid", registry_dir)
    (registry_dir / "site" / "templates").mkdir(parents=True)
    (registry_dir / "site" / "templates" / "step.md.j2").write_text(
        "# {{ step.slug }}\n\n## Here\n\n"
        "{% if step.slug == 'conclusion' %}[x](question.md#no-such-part) [y](question.md#here){% endif %}\n"
    )
    out = tmp_path / "site"
    for jobs in (1, 2, 3):
        with pytest.raises(SiteBuildError, match="no-such-part"):
            build_site(load(registry_dir), out, jobs=jobs)
        assert not out.exists()
    # the anchor that exists passes, whichever share renders either page
    (registry_dir / "site" / "templates" / "step.md.j2").write_text(
        "# {{ step.slug }}\n\n## Here\n\n{% if step.slug == 'conclusion' %}[y](question.md#here){% endif %}\n"
    )
    for jobs in (1, 2, 3):
        build_site(load(registry_dir), out, jobs=jobs)
        assert 'href="question.html#here"' in (out / "argument" / "conclusion.html").read_text(encoding="utf-8")


def _no_other_thread() -> None:
    import threading

    others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not others, f"threads left running by earlier tests keep the build from forking: {others}"


def test_graph_downloads_written_by_a_forked_process_are_the_ones_written_in_process(tmp_path, monkeypatch):
    """With several jobs a forked process writes the four graph dumps while the build checks and
    renders; they must be byte for byte what the build writes itself with one job."""
    from claimgraph.site import rdf_views

    _no_other_thread()
    forked = []
    original = rdf_views.GraphDownloads.wait
    monkeypatch.setattr(
        rdf_views.GraphDownloads, "wait", lambda self: forked.append(self._process is not None) or original(self)
    )
    registry = load(FIXTURES / "valid")
    for name, jobs in (("one", 1), ("two", 2)):
        build_site(registry, tmp_path / name, jobs=jobs)
    assert forked == [False, True]
    for name in ("registry.ttl", "registry.trig", "registry.nt", "registry.jsonld", "claims.csv"):
        one = (tmp_path / "one" / "downloads" / name).read_bytes()
        assert one and one == (tmp_path / "two" / "downloads" / name).read_bytes()
    page = (tmp_path / "two" / "downloads" / "index.html").read_text(encoding="utf-8")
    size = (tmp_path / "two" / "downloads" / "registry.ttl").stat().st_size
    # the registry is French first: so is the page, and its sizes are grouped as French groups numbers ("12 345",
    # a narrow no-break space), as every other number of the site (tests/test_site_agri_es_trial.py)
    assert f"{messages.localised_numbers(str(size), 'fr')} octets" in page


@pytest.mark.parametrize("jobs", [1, 2])
def test_graph_downloads_that_cannot_be_written_fail_the_build_and_keep_the_old_site(tmp_path, monkeypatch, jobs):
    from claimgraph.site import rdf_views

    out = tmp_path / "site"
    build_site(load(FIXTURES / "valid"), out, jobs=1)
    before = files_of(out)

    def disk_full(registry, folder, counted=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rdf_views, "write_graph_downloads", disk_full)  # the forked process inherits it
    with pytest.raises(SiteBuildError, match="No space left on device"):
        build_site(load(FIXTURES / "valid"), out, jobs=jobs)
    assert files_of(out) == before
    assert not list(tmp_path.glob(".site.staging-*"))


def test_a_downloads_process_that_dies_is_reported(tmp_path, monkeypatch):
    import os

    from claimgraph.site import rdf_views

    _no_other_thread()  # else the build would not fork, and os._exit would end the test process itself
    monkeypatch.setattr(rdf_views, "write_graph_downloads", lambda registry, folder, counted=None: os._exit(3))
    with pytest.raises(SiteBuildError, match="ended with code 3"):
        build_site(load(FIXTURES / "valid"), tmp_path / "site", jobs=2)
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site.staging-*"))


def test_saved_queries_answered_by_a_forked_process_are_the_ones_answered_in_process(tmp_path, monkeypatch):
    """With several jobs a forked process answers the saved queries and writes their downloads while the
    build renders; the SPARQL section must be byte for byte the one a one-job build writes itself,
    a query that fails included."""
    from claimgraph.site import sparql_pages

    _no_other_thread()
    registry_dir = tmp_path / "registry"
    shutil.copytree(FIXTURES / "sparql", registry_dir)
    (registry_dir / "queries").mkdir(exist_ok=True)
    (registry_dir / "queries" / "broken.rq").write_text("# title: A broken query\nSELECT ?x WHERE {\n")
    forked = []
    original = sparql_pages.SavedAnswers.answers
    monkeypatch.setattr(
        sparql_pages.SavedAnswers,
        "answers",
        lambda self: forked.append(self._process is not None) or original(self),
    )
    registry = load(registry_dir)
    for name, jobs in (("one", 1), ("two", 2)):
        build_site(registry, tmp_path / name, jobs=jobs)
    assert forked == [False, True]
    one, two = files_of(tmp_path / "one" / "sparql"), files_of(tmp_path / "two" / "sparql")
    assert one == two
    assert "broken.html" in one and any(name.endswith(".csv") for name in one)


def test_a_saved_queries_process_that_dies_is_reported(tmp_path, monkeypatch):
    import os

    from claimgraph.site import sparql_pages

    _no_other_thread()  # else the build would not fork, and os._exit would end the test process itself
    monkeypatch.setattr(sparql_pages, "_answered", lambda saved: os._exit(3))
    with pytest.raises(SiteBuildError, match="saved queries.*ended with code 3"):
        build_site(load(FIXTURES / "valid"), tmp_path / "site", jobs=2)
    assert not (tmp_path / "site").exists() and not list(tmp_path.glob(".site.staging-*"))


def test_a_process_running_other_threads_is_not_forked(tmp_path, monkeypatch):
    """A thread holding a lock when the process forks would leave the child stuck on it: with
    another thread running, the downloads and the framed pages are written in the process."""
    import multiprocessing
    import threading

    from claimgraph.site import framed_pages

    def no_fork(*args, **kwargs):
        raise AssertionError("forked while another thread ran")

    monkeypatch.setattr(multiprocessing, "get_context", no_fork)
    monkeypatch.setattr(framed_pages, "FORK_MIN_PAGES", 1)  # would fork for the fixture's few pages
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, name="host-application-thread")
    other.start()
    try:
        result = build_site(load(FIXTURES / "valid"), tmp_path / "site", jobs=2)
    finally:
        stop.set()
        other.join()
    assert result.claims == 7 and (tmp_path / "site" / "downloads" / "registry.ttl").stat().st_size > 0
