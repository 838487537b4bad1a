"""What a trial running the web's own validators over built sites found (the Nu HTML checker, html-validate,
axe-core): markup that is not HTML, unnamed dialogs, empty header cells, text not marked with its language.
These read the built pages' HTML, with no browser."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimgraph import finding_docs

from .made_registries import add_claim, checked_site, new_registry
from .test_site_language_trial3 import _claims

PROJECT = Path(__file__).resolve().parent.parent


class _Tags(HTMLParser):
    """The start tags of a page, with their attributes, in order; and the text of every ``<th>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.header_texts: list[str] = []
        self._in_header = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "th":
            self._in_header = True
            self.header_texts.append("")

    def handle_endtag(self, tag):
        if tag == "th":
            self._in_header = False

    def handle_data(self, data):
        if self._in_header:
            self.header_texts[-1] += data


def _parsed(path: Path) -> _Tags:
    parser = _Tags()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    """A registry in French then English, with claims and findings, built with the findings `check` gives."""
    root = new_registry(tmp_path_factory.mktemp("fr"), ("fr", "en"))
    _claims(root, french=True)
    return checked_site(root, root.parent / "site")


@pytest.fixture(scope="module")
def english_site(tmp_path_factory) -> Path:
    root = new_registry(tmp_path_factory.mktemp("en"), ("en",))
    _claims(root, french=False)
    return checked_site(root, root.parent / "site")


# ------------------------------------------------------------------ 1. shape messages on the codes page


def test_the_codes_page_shows_shape_messages_as_text_not_as_elements(english_site):
    """`<source/KEY>` in CG205's message was an element: Chromium showed "such as , not a literal"."""
    page = english_site / "report" / "codes.html"
    tags = {tag for tag, _ in _parsed(page).tags}
    assert not tags & {"source", "claim"}, tags & {"source", "claim"}
    words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())
    assert "cg:cites must point at a source IRI such as <source/KEY>, not a literal" in words
    assert "(cg:derivedBy <claim/x>)" in words  # a summary of the Python catalogue's, not only shapes'


def test_markdown_text_escapes_html_outside_code_spans_only():
    assert finding_docs.markdown_text("a <b> & c | d") == "a &lt;b&gt; &amp; c \\| d"
    assert finding_docs.markdown_text("keep `<x> & y` as code") == "keep `<x> & y` as code"


def test_the_committed_findings_page_has_no_raw_angle_brackets_in_its_table():
    """docs/findings.md, read on GitHub, hid `<source/KEY>` as an unknown tag the same way."""
    text = (PROJECT / "docs" / "findings.md").read_text(encoding="utf-8")
    table = text.split(finding_docs.BEGIN, 1)[1].split(finding_docs.END, 1)[0]
    for line in table.splitlines():
        outside_code = re.sub(r"`[^`]*`", "", re.sub(r'^\| <a id="[a-z0-9]+"></a>', "", line))
        assert "<" not in outside_code and ">" not in outside_code, line
    assert "such as &lt;source/KEY&gt;" in table


# ------------------------------------------------------------------ 2. the citation block out of the paragraph


@pytest.mark.parametrize("which", ["french_site", "english_site"])
def test_the_home_pages_bibtex_block_is_not_inside_the_citation_paragraph(which, request):
    page = (request.getfixturevalue(which) / "index.html").read_text(encoding="utf-8")
    section = page.split('id="cite-this-registry"', 1)[1]
    paragraph_end, block = section.find("</p>"), section.find("<pre")
    assert 0 < paragraph_end < block, section[:600]
    assert "@misc{" not in section[:paragraph_end]


def test_no_template_puts_a_block_right_after_a_line_ending_in_a_block_tag():
    """trim_blocks eats the newline after a block tag: a paragraph line ending in `{% endif %}`, then one blank
    line, then a fence or a table, runs the two together (the home page's BibTeX block inside a <p>)."""
    for template in sorted((PROJECT / "site" / "templates").glob("*.md.j2")):
        lines = template.read_text(encoding="utf-8").splitlines()
        for number, (line, blank, after) in enumerate(zip(lines, lines[1:], lines[2:]), 1):
            text_before_tag = not line.lstrip().startswith("{%") and line.rstrip().endswith("%}")
            if text_before_tag and not blank.strip() and re.match(r"(```|\||\{\{.*\|\s*code\s*\}\})", after):
                pytest.fail(f"{template.name}:{number}: a block follows a paragraph ending in a block tag")


# ------------------------------------------------------------------ 3. the 404 page's search dialog


@pytest.mark.parametrize(("which", "label"), [("french_site", "Rechercher"), ("english_site", "Search")])
def test_the_404_pages_search_dialog_is_named_as_on_every_other_page(which, label, request):
    site = request.getfixturevalue(which)
    for name in ("404.html", "index.html"):
        dialogs = [attrs for tag, attrs in _parsed(site / name).tags if attrs.get("role") == "dialog"]
        assert dialogs and all(attrs.get("aria-label") == label for attrs in dialogs), (name, dialogs)


# ------------------------------------------------------------------ 4. header cells with words


@pytest.mark.parametrize(("which", "word"), [("french_site", "Rubrique"), ("english_site", "Field")])
def test_every_table_header_cell_of_claim_source_and_measurand_pages_has_words(which, word, request):
    site = request.getfixturevalue(which)
    pages = [site / "claims" / "dc-2022.html", site / "sources" / "doe2021.html", site / "measurands" / "dc-2022.html"]
    for path in pages:
        headers = _parsed(path).header_texts
        assert headers and all(text.strip() for text in headers), (path.name, headers)
        assert word in headers, (path.name, headers)


# ------------------------------------------------------------------ 5. language marking (WCAG 3.1.2)


def _elements_with(path: Path, attribute: str, value: str) -> list[dict[str, str | None]]:
    return [attrs for _, attrs in _parsed(path).tags if attrs.get(attribute) == value]


def test_findings_messages_and_hints_are_marked_english_on_a_french_site_only(french_site, english_site):
    """The checks' messages are English: on a French site a screen reader read them with a French voice."""
    claim = site_page_text(french_site, "claims/dc-2026.html")
    assert re.search(r'CG320: <span lang="en">', claim), claim[claim.find("CG320") - 100 : claim.find("CG320") + 200]
    report = site_page_text(french_site, "report/index.html")
    row = report[report.find('data-code="CG320"') :].split("</tr>", 1)[0]
    assert row.count('<span lang="en">') >= 2, row  # the message and its meaning (and the hint, when there is one)
    english_claim = site_page_text(english_site, "claims/dc-2026.html")
    assert re.search(r"CG320: [^<]", english_claim)
    assert '<span lang="en">' not in site_page_text(english_site, "report/index.html")


def site_page_text(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_claimgraphs_own_saved_queries_are_marked_english_on_a_french_site(french_site, english_site):
    saved = site_page_text(french_site, "sparql/argument.html")
    assert re.search(r'<h1 id="[^"]*" lang="en">', saved), saved[saved.find("<h1") : saved.find("<h1") + 200]
    assert '<span lang="en"><strong><a href="argument.html">' in site_page_text(french_site, "sparql/index.html")
    assert '"lang": "en"' in site_page_text(french_site, "sparql/queries.json")
    assert '"lang"' not in site_page_text(english_site, "sparql/queries.json")
    assert 'lang="en"' not in site_page_text(english_site, "sparql/index.html").split("<article", 1)[1]


def test_the_list_of_claims_marks_a_statement_in_another_language_than_the_pages(tmp_path):
    """A claim with an English statement only, on a French site: its row said it in French."""
    root = new_registry(tmp_path, ("fr", "en"))
    add_claim(root, "fr-claim", "Une recherche consomme 0,3 Wh.", "0.3", "W-HR")
    add_claim(root, "en-claim", "A search uses 0.3 Wh.", "0.3", "W-HR", translation=("he", "חיפוש צורך 0.3 וואט-שעה"))
    settings = root / "claimgraph.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace('["fr", "en"]', '["fr", "he", "en"]'))
    turtle = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    (root / "claims" / "claims.ttl").write_text(
        turtle.replace('"A search uses 0.3 Wh."@fr', '"A search uses 0.3 Wh."@en')
    )
    site = checked_site(root, tmp_path / "site")
    claims = site_page_text(site, "claims/index.html")
    en_row = claims[claims.index('href="../claims/en-claim.html"') :].split("</tr>", 1)[0]
    fr_row = claims[claims.index('href="../claims/fr-claim.html"') :].split("</tr>", 1)[0]
    assert "lang=" not in fr_row, fr_row
    # no French statement: the Hebrew one is chosen (the registry's second language), marked with its language
    assert '<td><span lang="he" dir="rtl">חיפוש צורך 0.3 וואט-שעה</span></td>' in en_row, en_row
    # the claim's page marks its Hebrew statement right to left
    page = site_page_text(site, "claims/en-claim.html")
    assert re.search(r'<p lang="he" dir="rtl">', page), page


def test_right_to_left_is_told_by_the_language_and_its_script():
    from claimgraph.site.environment import language_attributes, right_to_left

    assert right_to_left("he") and right_to_left("ar-EG") and right_to_left("az-Arab")
    assert not right_to_left("fr") and not right_to_left("ku-Latn") and not right_to_left("")
    assert language_attributes("fa") == 'lang="fa" dir="rtl"' and language_attributes("de") == 'lang="de"'


def test_a_verification_report_is_marked_english_on_a_french_site_only():
    from claimgraph.site.verification import report_language

    assert report_language("# Report\n", "fr") == "en"
    assert report_language("# Report\n", "en-GB") == ""
    assert report_language("---\nlang: de\n---\n# Bericht\n", "fr") == ""


def test_the_bundled_sites_verification_pages_are_marked_english_and_others_not(tmp_path):
    """The bundled registry is French first; its reports (docs/verification) are English."""
    import shutil

    from claimgraph.registry import load
    from claimgraph.site import build_site

    root = tmp_path / "bundled"
    for part in ("claims", "bib", "docs/verification"):
        shutil.copytree(PROJECT / part, root / part)
    shutil.copy(PROJECT / "claimgraph.toml", root / "claimgraph.toml")
    site = tmp_path / "site"
    build_site(load(root), site)
    article = re.compile(r"<article [^>]*>")
    report = site_page_text(site, "verification/A.html")
    assert article.search(report).group(0).endswith(' lang="en">')
    # the page keeps the title its heading gives it (front matter of its own would have lost it)
    assert "<title>Group A: reference verification for Viseur (UMONS, 2025) slide deck - " in report
    assert "<title>How the bundled registry" in site_page_text(site, "verification/index.html")
    assert "lang=" not in article.search(site_page_text(site, "index.html")).group(0)
    # 6. the thematic breaks of a report and of a step's page are written as HTML's void element
    for page in ("verification/A.html", "argument/s08-rebound.html"):
        text = site_page_text(site, page)
        assert "<hr />" not in text and "<hr>" in text, page


# ------------------------------------------------------------------ 6. the argument map's legend


def test_the_argument_maps_legend_is_named_by_a_group_not_on_its_list():
    from claimgraph.site.argument_map import _legend

    legend = _legend([], lambda text, **values: text, lambda texts: None)
    assert legend.startswith('<div role="group" aria-label="Verification statuses"><ul class="cg-map-legend">')
    assert legend.endswith("</ul></div>")


def test_the_measurands_charts_name_the_kind_as_its_pages_do_not_by_a_curie(french_site):
    """The chart comparing systems was labelled "quantitykind:Energy : entre systèmes", read out prefix and all."""
    index = site_page_text(french_site, "measurands/index.html")
    labels = re.findall(r'<svg [^>]*aria-label="([^"]*)"', index)
    assert labels, "the French site's two data-centre measurands are charted across systems"
    assert all("quantitykind:" not in html.unescape(label) for label in labels), labels
    assert "Energy : entre systèmes" in [html.unescape(label) for label in labels], labels
