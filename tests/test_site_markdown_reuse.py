"""A rebuild into the same folder has MkDocs render only the Markdown pages whose HTML could differ, and takes the
others from the previous site (see claimgraph.site.markdown_reuse): the site is, byte for byte, the one a build
from nothing writes, and a rebuild fails wherever a build from nothing fails."""

from __future__ import annotations

import re
import shutil
from pathlib import Path, PurePath

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site
from claimgraph.site.build import EXTRA_PAGES
from claimgraph.site.environment import PACKAGE_SITE_DIR
from claimgraph.site.mkdocs_hook import link_targets, untitled_nav_sources

from .test_site_page_cache import EXAMPLE, _synthetic, edit, files_of

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: The folders of the pages claimgraph writes itself (their list pages, ``index.html``, are Markdown pages).
FRAMED = ("claims/", "sources/", "measurands/")


def markdown_pages(site: Path) -> dict[str, int]:
    """The pages MkDocs renders from Markdown, with their files' inodes (a page taken from the previous site is
    a hard link to its file there, unless claimgraph puts HTML into it after MkDocs: then it is written afresh)."""
    pages = {}
    for path in site.rglob("*.html"):
        name = path.relative_to(site).as_posix()
        if name == "404.html" or (name.startswith(FRAMED) and path.name != "index.html"):
            continue
        pages[name] = path.stat().st_ino
    return pages


def taken(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, inode in after.items() if before.get(name) == inode}


def rebuilt_every_page(root: Path, site: Path, before: dict[str, int], fresh: Path) -> None:
    """A rebuild into ``site`` that takes no Markdown page from the previous site (whose pages were
    ``before``), and gives the site a build from nothing gives."""
    assert build_site(load(root), site).reused_markdown == 0
    assert taken(before, markdown_pages(site)) == set()
    same_as_from_nothing(root, site, fresh)


def same_as_from_nothing(root: Path, site: Path, fresh: Path, **options) -> None:
    shutil.rmtree(fresh, ignore_errors=True)
    build_site(load(root), fresh, **options)
    rebuilt, from_nothing = files_of(site), files_of(fresh)
    assert sorted(rebuilt) == sorted(from_nothing)
    assert [name for name in rebuilt if rebuilt[name] != from_nothing[name]] == []


@pytest.fixture
def example(tmp_path) -> Path:
    return Path(shutil.copytree(EXAMPLE, tmp_path / "registry"))


def test_a_one_claim_change_renders_only_the_pages_it_changes(example, tmp_path):
    site = tmp_path / "site"
    first = build_site(load(example), site)
    assert first.reused_markdown == 0
    before = markdown_pages(site)
    edit(example / "claims" / "derived.ttl", "qudt:numericValue 3.2 ;", "qudt:numericValue 3.3 ;")
    result = build_site(load(example), site)
    kept = taken(before, markdown_pages(site))
    # the home page shows the figures: rendered; the report's codes, the vocabulary, the downloads were not
    assert "index.html" not in kept
    assert {"report/codes.html", "vocabulary/index.html", "downloads/index.html"} <= kept
    assert len(before) - 5 <= result.reused_markdown < len(before)
    same_as_from_nothing(example, site, tmp_path / "fresh")
    # a page claimgraph puts a long table into after MkDocs is taken as MkDocs wrote it, and gets the new rows
    assert "sparql/derived-numbers.html" not in kept
    assert "<td>3.3</td>" in (site / "sparql" / "derived-numbers.html").read_text(encoding="utf-8")


def test_a_step_s_text_changed_renders_that_step_again(tmp_path):
    root = _synthetic(tmp_path / "registry", 60)
    site = tmp_path / "site"
    build_site(load(root), site)
    before = markdown_pages(site)
    path = next(p for p in sorted((root / "claims").glob("*.ttl")) if 'cg:text "' in p.read_text(encoding="utf-8"))
    edit(path, 'cg:text "', 'cg:text "Moreover: ')
    result = build_site(load(root), site)
    after = markdown_pages(site)
    steps = [name for name in after if name.startswith("argument/s")]
    assert 1 <= len([name for name in steps if name not in taken(before, after)]) <= 3
    assert result.reused_markdown >= len(steps) - 3
    same_as_from_nothing(root, site, tmp_path / "fresh")


@pytest.mark.parametrize("change", ["settings", "step template"])
def test_a_change_every_page_depends_on_renders_every_page(example, tmp_path, change):
    site = tmp_path / "site"
    build_site(load(example), site)
    before = markdown_pages(site)
    if change == "settings":  # the site's name, in mkdocs.yml
        edit(example / "claimgraph.toml", 'title = "', 'title = "Rebuilt: ')
    else:  # claimgraph's templates and the registry's site/ folder
        (example / "site" / "templates").mkdir(parents=True)
        text = (PACKAGE_SITE_DIR / "templates" / "step.md.j2").read_text(encoding="utf-8")
        (example / "site" / "templates" / "step.md.j2").write_text(text + "\nOverridden.\n", encoding="utf-8")
    rebuilt_every_page(example, site, before, tmp_path / "fresh")


def test_an_unchanged_rebuild_still_renders_one_page(example, tmp_path):
    # MkDocs stamps sitemap.xml.gz with the date of the pages it renders, or with the time now if none
    site = tmp_path / "site"
    build_site(load(example), site)
    first = files_of(site)
    assert build_site(load(example), site).reused_markdown == len(markdown_pages(site)) - 1
    assert files_of(site) == first


def test_another_build_date_renders_every_page(example, tmp_path, monkeypatch):
    site = tmp_path / "site"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build_site(load(example), site)
    before = markdown_pages(site)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1700000000 + 86400))
    rebuilt_every_page(example, site, before, tmp_path / "fresh")


def test_a_page_edited_by_hand_in_the_site_is_rendered_again(example, tmp_path):
    site = tmp_path / "site"
    build_site(load(example), site)
    page = site / "vocabulary" / "index.html"
    page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    build_site(load(example), site)
    assert "edited" not in page.read_text(encoding="utf-8")
    same_as_from_nothing(example, site, tmp_path / "fresh")


def test_a_sharded_rebuild_takes_the_same_pages(tmp_path):
    root = _synthetic(tmp_path / "registry", 60)
    site = tmp_path / "site"
    build_site(load(root), site, jobs=2)
    before = markdown_pages(site)
    edit(root / "claims" / "claims-0000.ttl", "qudt:numericValue ", "qudt:numericValue 1")
    assert build_site(load(root), site, jobs=3).reused_markdown >= len(before) // 2
    same_as_from_nothing(root, site, tmp_path / "fresh", jobs=1)


# ------------------------------------------------------------------ pages of a hook: links and the navigation


def notes_hook(pages: dict[str, str], nav: dict[str, str] | None = None):
    """An extra-pages hook writing ``pages`` (path -> Markdown) and adding ``nav`` to the navigation."""

    def hook(build) -> None:
        for path, text in pages.items():
            build.write_page(path, text)
        if nav:
            build.nav.append(nav)

    return [*EXTRA_PAGES, hook]


def build_notes(root: Path, out: Path, pages: dict[str, str], nav: dict[str, str] | None = None) -> None:
    build_site(load(root), out, extra_pages=notes_hook(pages, nav))


@pytest.fixture
def valid(tmp_path) -> Path:
    return Path(shutil.copytree(FIXTURES / "valid", tmp_path / "registry"))


def test_a_page_whose_link_target_is_gone_fails_as_a_build_from_nothing(valid, tmp_path):
    site = tmp_path / "site"
    a = "# A\n\nSee [the other note](c.md).\n"
    build_notes(valid, site, {"notes/a.md": a, "notes/c.md": "# C\n"})
    # a.md is as it was: only its link's target is gone
    with pytest.raises(SiteBuildError, match="c.md"):
        build_notes(valid, site, {"notes/a.md": a})
    with pytest.raises(SiteBuildError, match="c.md"):
        build_notes(valid, tmp_path / "fresh", {"notes/a.md": a})


B = "# B\n\n## Here {: #here }\n\nText.\n"


@pytest.mark.parametrize(
    "a_then, a_now, b_now",
    [
        # a page rendered links to an anchor a taken page lacks: the id of the theme's, not of the page's content
        ("# A\n\n[b](b.md#here)\n", "# A\n\n[b](b.md#__drawer)\n", B),
        # a taken page links to an anchor the page it leads to, rendered, no longer has
        ("# A\n\n[b](b.md#here)\n", "# A\n\n[b](b.md#here)\n", "# B\n\n## Elsewhere\n"),
    ],
    ids=["into a taken page", "out of a taken page"],
)
def test_anchors_into_and_out_of_taken_pages_are_checked_as_mkdocs_checks_them(valid, tmp_path, a_then, a_now, b_now):
    site = tmp_path / "site"
    build_notes(valid, site, {"notes/a.md": a_then, "notes/b.md": B})
    with pytest.raises(SiteBuildError, match="does not contain an anchor|has no such anchor"):
        build_notes(valid, tmp_path / "fresh", {"notes/a.md": a_now, "notes/b.md": b_now})
    with pytest.raises(SiteBuildError, match="does not contain an anchor"):
        build_notes(valid, site, {"notes/a.md": a_now, "notes/b.md": b_now})


def test_a_taken_page_s_front_matter_reaches_the_navigation_of_the_pages_rendered(valid, tmp_path):
    # Material shows a navigation entry's icon from the page's front matter: a page MkDocs does not render must
    # still give it, as it does when rendered
    pages = {"notes/a.md": "---\ntitle: A\nicon: material/star\n---\n\n# A\n\nText.\n"}
    site = tmp_path / "site"
    build_notes(valid, site, pages, {"Notes": "notes/a.md"})
    before = markdown_pages(site)
    build_notes(valid, site, pages, {"Notes": "notes/a.md"})
    assert "notes/a.html" in taken(before, markdown_pages(site))
    # every other page's navigation shows the icon: those rendered in this build, and those taken
    for name in set(markdown_pages(site)) - {"notes/a.html"}:
        text = (site / name).read_text(encoding="utf-8")
        assert re.search(r'notes/a\.html" class="md-nav__link">\s*<svg', text), name
    shutil.rmtree(tmp_path / "fresh", ignore_errors=True)
    build_notes(valid, tmp_path / "fresh", pages, {"Notes": "notes/a.md"})
    assert files_of(site) == files_of(tmp_path / "fresh")


# ------------------------------------------------------------------ the hook's parts


class _File:
    def __init__(self, src_uri: str, dest_uri: str):
        self.src_uri, self.dest_uri = src_uri, dest_uri


class _Files:
    """As MkDocs' Files: its files by source path (``src_uris``), and looked up by a path MkDocs normalises."""

    def __init__(self, *files: _File):
        self.src_uris = {f.src_uri: f for f in files}

    def get_file_from_path(self, path: str):
        return self.src_uris.get(PurePath(path).as_posix())


def test_link_targets_are_the_files_the_links_lead_to():
    files = _Files(
        _File("claims/c1.md", "claims/c1.html"),
        _File("index.md", "index.html"),
        _File("downloads/registry.ttl", "downloads/registry.ttl"),
        _File("argument/README.md", "argument/index.html"),
    )
    content = (
        '<p><a href="../claims/c1.html#value">c1</a> <a href="#here">here</a> <a href="https://example.org/">x</a>'
        ' <img src="../downloads/registry.ttl" /> <a href="../index.html?x=1&amp;y=2">home</a>'
        ' <a href="index.html">this folder</a></p>'
    )
    assert link_targets(content, "argument/s1.html", files) == [
        ["argument/README.md", "argument/index.html"],
        ["claims/c1.md", "claims/c1.html"],
        ["downloads/registry.ttl", "downloads/registry.ttl"],
        ["index.md", "index.html"],
    ]
    # a link to no file of the build, or an absolute one: the page is rendered every time
    assert link_targets('<a href="../claims/c2.html">c2</a>', "argument/s1.html", files) is None
    assert link_targets('<a href="/index.html">home</a>', "argument/s1.html", files) is None


def test_pages_the_navigation_names_without_a_title_are_known():
    nav = [{"Home": "index.md"}, "plain.md", {"Section": [{"Titled": "a.md"}, "b.md"]}]
    assert untitled_nav_sources(nav) == {"plain.md", "b.md"}


# ------------------------------------------------------------------ the theme's templates, compiled once


def test_the_theme_s_templates_are_compiled_once_and_give_the_same_site(valid, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    build_site(load(valid), tmp_path / "cold")
    compiled = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache" / "mkdocs-templates").rglob("*.cache")}
    assert len(compiled) > 10
    build_site(load(valid), tmp_path / "warm")
    # taken from the folder, not compiled and written again
    assert {
        p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache" / "mkdocs-templates").rglob("*.cache")
    } == compiled
    assert files_of(tmp_path / "warm") == files_of(tmp_path / "cold")


def test_a_template_cache_that_cannot_be_written_costs_nothing_but_time(valid, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "mkdocs-templates").write_text("not a folder\n", encoding="utf-8")
    build_site(load(valid), tmp_path / "site")
    assert (tmp_path / "site" / "index.html").is_file()


def test_the_framed_pages_stubs_are_the_files_mkdocs_would_make(tmp_path):
    from types import SimpleNamespace

    from mkdocs.structure.files import File, Files, InclusionLevel

    from claimgraph.site import mkdocs_hook

    config = SimpleNamespace(
        config_file_path=str(tmp_path / "mkdocs.yml"),
        site_dir=str(tmp_path / "site"),
        use_directory_urls=False,
        plugins=SimpleNamespace(_current_plugin="hook"),
    )
    # plain paths (made as copies of the first stub) and paths MkDocs rewrites (made by MkDocs itself)
    paths = ["claims/a.md", "claims/b-c.md", "sources/x y.md", "claims//odd.md", "./claims/dot.md", "measurands/m.md"]
    (tmp_path / mkdocs_hook.FRAMED_PAGES).write_text("".join(p + "\n" for p in paths), encoding="utf-8")
    files = Files([])
    mkdocs_hook.add_framed_stubs(files, config)
    made = {f.src_uri: f for f in files}
    assert len(made) == len(paths)
    for path in paths:
        expected = File.generated(config, path, content="", inclusion=InclusionLevel.EXCLUDED)
        stub = made[expected.src_uri]
        assert vars(stub) == vars(expected)
        assert (stub.dest_uri, stub.url, stub.content_string) == (expected.dest_uri, expected.url, "")
        assert mkdocs_hook._get_file(files, path) is files.get_file_from_path(path) is stub
    for path in ["a", "a/b.md", "/a", "//a", "a//b", "./a", "a/.", "a/./b", "a/../b", "..", ".", "", "a/", " a"]:
        if mkdocs_hook.is_plain_path(path):
            assert PurePath(path).as_posix() == path, path
