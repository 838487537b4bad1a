"""Long tables of the reading pages (lists of claims, sources, measurands), written as HTML and put
into the pages MkDocs rendered: what MkDocs would check in them, claimgraph checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site
from claimgraph.site import html_blocks

from .conftest import FIXTURES


def test_the_lists_hold_one_row_per_thing_linking_to_its_page(tmp_path):
    registry = load(FIXTURES / "valid")
    result = build_site(registry, tmp_path / "site", keep_markdown=tmp_path / "site-src")
    site = tmp_path / "site"
    for page, folder, count in (
        ("claims/index.html", "claims", result.claims),
        ("sources/index.html", "sources", None),
        ("measurands/index.html", "measurands", None),
    ):
        text = (site / page).read_text(encoding="utf-8")
        assert "cg-html-block" not in text
        article = text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
        rows = re.findall(r"<tr><td><a href=\"\.\./%s/([^\"]+)\.html\">" % folder, article)
        assert rows and len(rows) == len(set(rows))
        assert all((site / folder / f"{slug}.html").is_file() for slug in rows)
        if count is not None:
            assert len(rows) == count
    # the table went around Markdown: the page's source holds the placeholder, not the rows
    source = (tmp_path / "site-src" / "docs" / "claims" / "index.md").read_text(encoding="utf-8")
    assert "<!-- cg-html-block 0 -->" in source and "<tr>" not in source


def _table(root: Path, row: str) -> None:
    (root / "site" / "templates" / "claims-table.html.j2").write_text(
        "<table><tbody>{% for c in site.claims %}<tr><td>{{ c | page(c.slug) }}</td></tr>{% endfor %}"
        "<tr><td>" + row + "</td></tr></tbody></table>\n"
    )


@pytest.mark.parametrize(
    "row, message",
    [
        ('<a href="nowhere.html">x</a>', r"claims/index\.html: link 'nowhere\.html' leads to no file of the site"),
        ('<a href="javascript:alert(1)">x</a>', r"claims/index\.html: link 'javascript:alert\(1\)': only http, https"),
        ('<a href="#nowhere">x</a>', r"claims/index\.html: link '#nowhere': no such anchor on the page"),
        (
            '<a href="../argument/question.html#no-such-part">x</a>',
            r"claims/index\.html: link '\.\./argument/question\.html#no-such-part': argument/question\.html has no such",
        ),
        ('<img src="../../outside.png">', r"claims/index\.html: link '\.\./\.\./outside\.png' leads to no file"),
    ],
)
def test_a_bad_link_in_a_table_fails_the_build_and_keeps_the_old_site(templated_registry, tmp_path, row, message):
    out = tmp_path / "site"
    build_site(load(templated_registry), out)
    before = (out / "claims" / "index.html").read_bytes()
    _table(templated_registry, row)
    with pytest.raises(SiteBuildError, match=message):
        build_site(load(templated_registry), out)
    assert (out / "claims" / "index.html").read_bytes() == before


def test_good_links_in_a_table_pass(templated_registry, tmp_path):
    _table(
        templated_registry,
        '<a href="#claims">top</a> <a href="../argument/question.html">q</a> '
        '<a href="https://example.org/?a=1&amp;b=2">out</a> <a href="mailto:a@example.org">m</a>',
    )
    build_site(load(templated_registry), tmp_path / "site")
    text = (tmp_path / "site" / "claims" / "index.html").read_text(encoding="utf-8")
    assert '<a href="#claims">top</a>' in text and text.count("<table>") == 1


def test_a_template_error_in_a_table_names_the_template(templated_registry, tmp_path):
    (templated_registry / "site" / "templates" / "sources-table.html.j2").write_text(
        "<table>\n{{ site.no_such_thing }}\n"
    )
    with pytest.raises(SiteBuildError, match=r"template error \(.*sources-table\.html\.j2:2\)"):
        build_site(load(templated_registry), tmp_path / "site")


def test_a_generator_that_drops_the_placeholder_is_caught(tmp_path):
    page = tmp_path / "claims" / "index.html"
    page.parent.mkdir()
    page.write_text('<html><body><h1 id="claims">Claims</h1></body></html>', encoding="utf-8")
    with pytest.raises(SiteBuildError, match="did not keep the 1 placeholder"):
        html_blocks.place(tmp_path, {"claims/index.md": ["<table></table>"]})
    with pytest.raises(SiteBuildError, match="wrote no sources/index.html"):
        html_blocks.place(tmp_path, {"sources/index.md": ["<table></table>"]})
    page.write_text("<p>" + html_blocks.PLACEHOLDER.format(0) + "</p>", encoding="utf-8")
    html_blocks.place(tmp_path, {"claims/index.md": ["<table><tr><td>x</td></tr></table>"]})
    assert page.read_text(encoding="utf-8") == "<p><table><tr><td>x</td></tr></table></p>"


def test_a_hook_replacing_a_page_with_blocks_leaves_only_its_own(tmp_path):
    """An extra-pages hook may write a page again: the blocks of the page it replaces go with it."""
    from claimgraph.site import EXTRA_PAGES

    def render_again(build):
        build.render("claims.md.j2", "claims/index.md")

    def plain_sources(build):
        build.write_page("sources/index.md", "# Sources\n\nListed elsewhere.\n")

    registry = load(FIXTURES / "valid")
    build_site(registry, tmp_path / "site", extra_pages=[*EXTRA_PAGES, render_again, plain_sources])
    claims = (tmp_path / "site" / "claims" / "index.html").read_text(encoding="utf-8")
    sources = (tmp_path / "site" / "sources" / "index.html").read_text(encoding="utf-8")
    assert claims.count("<table>") == 1 and "cg-html-block" not in claims
    assert "Listed elsewhere." in sources and "<table>" not in sources and "cg-html-block" not in sources


@pytest.mark.parametrize(
    "call, message",
    [
        ('html_block("../../../etc/passwd")', r"html_block: no template '\.\./\.\./\.\./etc/passwd'"),
        ('html_block("nope.html.j2")', r"html_block: no template 'nope\.html\.j2'"),
        ("html_block()", r"html_block needs the name of an HTML template"),
        ("html_block(5)", r"html_block needs the name of an HTML template"),
    ],
)
def test_a_wrong_html_block_call_is_a_template_error_naming_the_line(templated_registry, tmp_path, call, message):
    (templated_registry / "site" / "templates" / "claims.md.j2").write_text("# Claims\n\n{{ " + call + " }}\n")
    with pytest.raises(SiteBuildError, match=r"template error \(.*claims\.md\.j2:3\): " + message):
        build_site(load(templated_registry), tmp_path / "site")
    assert not (tmp_path / "site").exists()
