"""`claimgraph build`: the static site, built for real (Jinja2 -> Markdown -> mkdocs --strict)."""

from __future__ import annotations

import csv
import gc
import html
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from claimgraph.cli import main
from claimgraph.registry import load
from claimgraph.sparql.saved import DEFAULT_QUERIES_DIR
from claimgraph.site import SiteBuildError, build_site
from claimgraph.escaping import code_block, code_span, ext_link, md_text, safe_url

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def valid_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("valid") / "site"
    registry = load(FIXTURES / "valid")
    result = build_site(registry, out, keep_markdown=out.parent / "markdown")
    return registry, result, out


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("hostile") / "site"
    result = build_site(load(FIXTURES / "hostile"), out)
    return result, out


# ------------------------------------------------------------------ pages


def test_every_page_kind_is_built(valid_site):
    registry, result, out = valid_site
    for page in (
        "index",
        "argument/index",
        "claims/index",
        "sources/index",
        "measurands/index",
        "report/index",
        "vocabulary/index",
        "downloads/index",
        "sparql/index",
    ):
        assert (out / f"{page}.html").is_file(), page
    model_claims = len(list((out / "claims").glob("*.html"))) - 1
    assert model_claims == result.claims > 0
    assert (out / "sources" / "doe2021.html").is_file()
    assert (out / "argument" / "question.html").is_file()
    assert (out / "search" / "search_index.json").is_file()
    assert (out / ".claimgraph-site").is_file()
    assert result.markdown_dir == out.parent / "markdown" and (result.markdown_dir / "mkdocs.yml").is_file()
    # nothing else beside the site: no DIR-src, no hidden folder left from the swap
    assert sorted(p.name for p in out.parent.iterdir()) == ["markdown", "site"]


def test_home_has_the_argument_map_as_boxes_of_links(valid_site):
    _, _, out = valid_site
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<div class="cg-argument-map" role="group"' in home
    assert 'href="argument/question.html"' in home and 'href="claims/model-training-energy.html"' in home
    assert "How much energy does training a model take?" in home


def test_claim_page_has_everything_a_reviewer_needs(valid_site):
    _, _, out = valid_site
    page = (out / "claims" / "model-training-energy.html").read_text(encoding="utf-8")
    for expected in (
        "Training model X reportedly took 1.3 GWh",
        "L&#39;entraînement du modèle X",
        "Doe, 2021",
        'href="https://doi.org/10.1234/example.2021.1"',
        "Training model X consumed 1,287 MWh",
        "p. 4, Table 2",
        "vérifiée dans la source primaire",
        'href="../argument/conclusion.html"',
        'href="../sources/doe2021.html"',
        'href="../measurands/model-x-training-energy.html"',
        "https://example.org/registry/valid/claim/model-training-energy",
        "Turtle",
        '<script type="application/ld+json">',
        "<title>1,3 GWh · énergie d’entraînement du modèle X - ",  # named in the first language, its number too
        # the registry's first language is French: so is the interface, status names included
        "Affirmation <code>model-training-energy</code>",
        '<html lang="fr"',
    ):
        assert expected in page, expected
    # the theme's table of contents leads to the page's sections
    toc = page.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
    for anchor in ("statement", "value", "citation", "quotes", "status", "identifiers-and-data"):
        assert f'href="#{anchor}"' in toc and f'id="{anchor}"' in page, anchor


def page_data(page: Path) -> tuple[Graph, Graph]:
    """The triples a framed page carries: its JSON-LD script, and (claim pages) its Turtle block."""
    text = page.read_text(encoding="utf-8")
    jsonld = text.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    as_jsonld = Graph().parse(data=jsonld, format="json-ld")
    block = re.search(r'<pre class="cg-data"[^>]*><code>(.*?)</code></pre>', text, re.S)
    as_turtle = Graph().parse(data=html.unescape(block.group(1)), format="turtle") if block else None
    return as_jsonld, as_turtle


def test_claim_page_data_holds_exactly_the_claims_triples(valid_site):
    """The Turtle block and the JSON-LD script of a claim page: the claim's triples and those of its
    value and quote nodes, the same graph in both syntaxes, and nothing about other claims."""
    from rdflib import URIRef
    from rdflib.compare import isomorphic

    _, _, out = valid_site
    iri = URIRef("https://example.org/registry/valid/claim/model-training-energy")
    as_jsonld, as_turtle = page_data(out / "claims" / "model-training-energy.html")
    assert isomorphic(as_turtle, as_jsonld)
    block = (out / "claims" / "model-training-energy.html").read_text(encoding="utf-8").split('class="cg-data"', 1)[1]
    assert "\t" not in block.split("</pre>", 1)[0] and "\n    cg:" in html.unescape(block)  # indented with spaces
    subjects = set(as_turtle.subjects())
    assert iri in subjects and all(s == iri or not isinstance(s, URIRef) for s in subjects)
    value = as_turtle.value(iri, URIRef("https://w3id.org/claimgraph/ns#value"))
    assert value is not None and (value, None, None) in as_turtle


def test_step_pages_link_previous_and_next(valid_site):
    _, _, out = valid_site
    question = (out / "argument" / "question.html").read_text(encoding="utf-8")
    conclusion = (out / "argument" / "conclusion.html").read_text(encoding="utf-8")
    assert 'href="conclusion.html"' in question
    assert 'href="question.html"' in conclusion
    # the number in the claims table is a link to the claim page, as the claim's name is
    numbers = re.findall(r'<td><a href="\.\./claims/model-training-energy\.html">([^<]*)</a></td>', conclusion)
    assert any(html.unescape(text).startswith("1,3 GWh") for text in numbers), conclusion[
        conclusion.find("Claims used") :
    ][:1500]


def test_navigation_is_small(valid_site):
    _, _, out = valid_site
    config = (out.parent / "markdown" / "mkdocs.yml").read_text(encoding="utf-8")
    nav = config.split("nav:", 1)[1].split("not_in_nav", 1)[0]
    top = [line for line in nav.splitlines() if line.startswith("- ")]
    assert len(top) == 9 and "claims/model-training-energy" not in nav
    # the SPARQL section: the list of saved queries and the query page; each saved query is reached from the list
    sparql = nav.split("- SPARQL:", 1)[1]
    assert [line.strip() for line in sparql.strip().splitlines()] == [
        "- Requêtes enregistrées: sparql/index.md",
        "- Interroger dans le navigateur: sparql/query.md",
    ]
    page = (out / "claims" / "smaller-models.html").read_text(encoding="utf-8")
    nav_html = page.split('class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    assert "model-training-energy" not in nav_html


def test_measurand_page_has_an_svg_chart(valid_site):
    _, _, out = valid_site
    page = (out / "measurands" / "model-x-training-energy.html").read_text(encoding="utf-8")
    assert 'class="cg-chart"' in page and "valeurs selon les sources" in page  # the fixture is French first


def test_downloads_parse_and_csv_has_one_row_per_claim(valid_site):
    registry, result, out = valid_site
    folder = out / "downloads"
    graph = Graph().parse(folder / "registry.ttl", format="turtle")
    assert len(graph) == len(list(registry.data_quads()))
    assert len(Graph().parse(folder / "registry.nt", format="nt")) == len(graph)
    assert len(Graph().parse(folder / "registry.jsonld", format="json-ld")) == len(graph)
    dataset = Dataset().parse(folder / "registry.trig", format="trig")
    assert {str(g.identifier) for g in dataset.graphs() if len(g)} >= {
        "https://example.org/registry/valid/graph/claims",
        "https://example.org/registry/valid/graph/sources",
    }
    rows = list(csv.DictReader(io.StringIO((folder / "claims.csv").read_text(encoding="utf-8"))))
    assert len(rows) == result.claims
    assert any(r["iri"].endswith("claim/model-training-energy") and r["unit"].endswith("GigaW-HR") for r in rows)
    # the page names the two graphs as code, verbatim: no character reference shown as text
    page = (folder / "index.html").read_text(encoding="utf-8")
    for graph_name in ("claims", "sources"):
        assert f"<code>https://example.org/registry/valid/graph/{graph_name}</code>" in page
    assert "&amp;#" not in page


def test_vocabulary_page_is_generated_from_the_ontology(valid_site):
    _, _, out = valid_site
    page = (out / "vocabulary" / "index.html").read_text(encoding="utf-8")
    assert "cg:QuantitativeClaim" in page and "cg:primarySource" in page
    assert "CG204" in page  # a shape's finding code


# ------------------------------------------------------------------ safety


class _Scan(HTMLParser):
    """Collects what would run: event attributes, script-ish URLs, script bodies, embedded frames."""

    def __init__(self):
        super().__init__()
        self.bad: list = []
        self._tag = None
        self._type = None

    def handle_starttag(self, tag, attrs):
        self._tag = tag
        self._type = dict(attrs).get("type")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append((tag, name, value))
            if (
                name in ("href", "src", "xlink:href", "action", "formaction", "data")
                and value
                and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text"))
            ):
                self.bad.append((tag, name, value))
        if tag in ("iframe", "img", "object", "embed", "b", "i"):
            self.bad.append((tag, attrs))

    def handle_endtag(self, tag):
        self._tag = None

    def handle_data(self, data):
        if self._tag == "script" and self._type == "application/ld+json":
            # data, not code: it must stay one JSON text that nothing in it can close
            if "<" in data or not isinstance(json.loads(data), dict):
                self.bad.append(("ld+json", data[:80]))
        elif self._tag == "script" and ("pwned" in data or "alert" in data):
            self.bad.append(("script", data[:80]))


def test_every_framed_page_carries_its_description_in_the_registry(valid_site):
    """For every claim, source and measurand page: its JSON-LD (and a claim's Turtle) is the thing's
    triples with those of the blank nodes below it, computed here from the registry's data graph."""
    from rdflib import URIRef
    from rdflib.compare import isomorphic

    from .conftest import description

    registry, result, out = valid_site
    data = registry.data_rdflib_graph(include_sources=True)
    pages = [
        p
        for folder in ("claims", "sources", "measurands")
        for p in sorted(out.glob(f"{folder}/*.html"))
        if p.name != "index.html"
    ]
    assert len([p for p in pages if p.parent.name == "claims"]) == result.claims
    for page in pages:
        as_jsonld, as_turtle = page_data(page)
        iri = next(s for s in as_jsonld.subjects() if isinstance(s, URIRef))
        expected = description(data, iri)
        assert len(expected) and isomorphic(as_jsonld, expected), page.name
        assert (as_turtle is None) is (page.parent.name != "claims"), page.name
        assert as_turtle is None or isomorphic(as_turtle, expected), page.name


def test_hostile_data_never_becomes_markup(hostile_site):
    _, out = hostile_site
    pages = list(out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        scan = _Scan()
        scan.feed(page.read_text(encoding="utf-8"))
        assert not scan.bad, (page, scan.bad[:5])


def test_search_entries_written_by_claimgraph_carry_no_markup(hostile_site):
    """The theme's search shows an entry's text as HTML: claimgraph's own entries (claims, sources,
    measurands) must hold the hostile strings as text only."""
    import json

    _, out = hostile_site
    docs = json.loads((out / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    ours = [
        d
        for d in docs
        if d["location"].startswith(("claims/", "sources/", "measurands/")) and not d["location"].endswith("index.html")
    ]
    assert any("Hostile quokka statement" in d["text"] for d in ours)
    for entry in ours:
        scan = _Scan()
        scan.feed(entry["text"])
        assert not scan.bad, (entry["location"], scan.bad[:5])
        # the only markup: the paragraph, and the hidden accent-free words search folds to (\w only)
        text = re.sub(r"<span hidden data-cg-folded>[A-Za-z0-9_ ]*</span>$", "", entry["text"])
        assert re.sub(r"^<p>|</p>$", "", text).count("<") == 0, entry["location"]


def test_hostile_label_is_shown_as_text(hostile_site):
    _, out = hostile_site
    page = (out / "claims" / "script-label.html").read_text(encoding="utf-8")
    shown = "<script>window.__pwned = 'claim'</script> Hostile quokka statement"
    assert shown not in page and shown in html.unescape(page)  # written as references, read as text
    source = (out / "sources" / "evil2020.html").read_text(encoding="utf-8")
    assert "javascript:alert('url')" in html.unescape(source)
    assert 'href="javascript' not in source


def test_markdown_attribute_and_link_syntax_is_neutralised():
    attack = 'x {: onclick="alert(1)" } [a](javascript:alert(1)) ![i](x) <b>\x02wzxhzdk:0\x03\n\n# h'
    text = re.sub(r"&#[0-9]+;", "", md_text(attack))  # what is left once the references are set aside
    for ch in '{}[]()<>#"!&\x02\x03\n':
        assert ch not in text
    assert "wzxhzdk" in text and "onclick" in text


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://doi.org/10.1/x", True),
        ("http://a.b/c?d=e", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,x", False),
        ('https://a.b/x"y', False),
        ("//evil.example/", False),
        ("https://a b", False),
    ],
)
def test_only_http_urls_become_links(url, ok):
    assert (safe_url(url) is not None) is ok


def test_link_destinations_cannot_break_out_of_the_parentheses():
    assert ext_link("w", "https://en.wikipedia.org/wiki/X_(y)) [z](javascript:1") == "w"  # space: not a URL
    assert ext_link("w", "https://en.wikipedia.org/wiki/X_(y)") == "[w](https://en.wikipedia.org/wiki/X_%28y%29)"


def test_code_is_fenced_longer_than_its_backticks():
    assert code_span("a ``` b") == "````a ``` b````"
    assert code_span("`x`") == "`` `x` ``"
    block = code_block("x\n```\n<script>", "turtle")
    assert block.startswith("```` turtle\n") and block.endswith("\n````")


# ------------------------------------------------------------------ failure and swap


def _copy_registry(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def test_failed_build_says_why_and_keeps_the_previous_site(tmp_path):
    registry_dir = _copy_registry(FIXTURES / "valid", tmp_path / "registry")
    out = tmp_path / "site"
    build_site(load(registry_dir), out)
    (out / "sentinel.txt").write_text("previous build")
    before = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))

    # a registry template with a mistake: the build fails in Jinja and says where
    (registry_dir / "site" / "templates").mkdir(parents=True)
    (registry_dir / "site" / "templates" / "claim.html.j2").write_text("<h1>{{ claim.no_such_field }}</h1>\n")
    with pytest.raises(SiteBuildError, match=r"claim\.html\.j2"):
        build_site(load(registry_dir), out)
    # a page with a broken link: the build refuses it as mkdocs --strict would, naming page and link
    (registry_dir / "site" / "templates" / "claim.html.j2").write_text(
        '<h1 id="claim">{{ claim.slug }}</h1>\n<p><a href="nowhere.html">x</a></p>\n'
    )
    with pytest.raises(SiteBuildError, match=r"claims/[a-z-]+\.html: link 'nowhere\.html' leads to no file"):
        build_site(load(registry_dir), out)
    # … and so does a Markdown page's broken link (mkdocs --strict)
    (registry_dir / "site" / "templates" / "claim.html.j2").unlink()
    (registry_dir / "site" / "templates" / "step.md.j2").write_text("# {{ step.slug }}\n\n[x](nowhere.md)\n")
    with pytest.raises(SiteBuildError, match="nowhere.md"):
        build_site(load(registry_dir), out)

    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*")) == before
    assert (out / "sentinel.txt").read_text() == "previous build"
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert leftovers == []


def test_a_build_leaves_the_cycle_collector_as_it_found_it(tmp_path):
    # the build keeps its model out of the collector's passes while it runs: after it, a failed one
    # too, everything is collectable again, and whatever the caller froze stays frozen
    registry_dir = _copy_registry(FIXTURES / "valid", tmp_path / "registry")
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    build_site(load(registry_dir), tmp_path / "site")
    assert gc.isenabled() and gc.get_freeze_count() == frozen

    (registry_dir / "site" / "templates").mkdir(parents=True)
    (registry_dir / "site" / "templates" / "claim.html.j2").write_text("<h1>{{ claim.no_such_field }}</h1>\n")
    with pytest.raises(SiteBuildError):
        build_site(load(registry_dir), tmp_path / "site")
    assert gc.isenabled() and gc.get_freeze_count() == frozen

    gc.freeze()  # a caller's own frozen objects: not the build's to unfreeze
    try:
        build_site(load(FIXTURES / "valid"), tmp_path / "another")
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_registry_template_overrides_the_bundled_one(tmp_path):
    registry_dir = _copy_registry(FIXTURES / "valid", tmp_path / "registry")
    (registry_dir / "site" / "templates").mkdir(parents=True)
    (registry_dir / "site" / "templates" / "source.html.j2").write_text(
        '<h1 id="source">Overridden {{ source.key }}</h1>\n'
    )
    out = tmp_path / "site"
    build_site(load(registry_dir), out)
    assert "Overridden Doe2021" in (out / "sources" / "doe2021.html").read_text(encoding="utf-8")


def test_refuses_to_replace_a_folder_it_did_not_build(tmp_path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(SiteBuildError, match="not built by claimgraph"):
        build_site(load(FIXTURES / "valid"), out)
    assert (out / "thesis.tex").read_text() == "years of work"


def test_cli_build(tmp_path, capsys):
    out = tmp_path / "site"
    assert main(["build", "--registry", str(FIXTURES / "valid"), "--out", str(out)]) == 0
    assert (out / "index.html").is_file()
    assert "pages" in capsys.readouterr().err


def test_cli_build_with_relative_paths(tmp_path, monkeypatch):
    """The README's form: run from a folder, with the default relative --out."""
    monkeypatch.chdir(tmp_path)
    assert main(["build", "--registry", str(FIXTURES / "valid")]) == 0
    assert (tmp_path / "build" / "site" / "index.html").is_file()
    # no persistent DIR-src beside DIR, nor anything else
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["site"]
    assert main(["build", "--registry", str(FIXTURES / "valid"), "--keep-markdown", "markdown"]) == 0
    assert (tmp_path / "markdown" / "mkdocs.yml").is_file() and (tmp_path / "markdown" / "docs" / "index.md").is_file()
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == ["site"]


def test_cli_build_refusing_its_out_folder_exits_2(tmp_path, capsys):
    """A usage error, as `export --out` refusing its output is (a site that cannot be made is 1)."""
    out = tmp_path / "precious"
    out.mkdir()
    (out / "keep.txt").write_text("x")
    assert main(["build", "--registry", str(FIXTURES / "valid"), "--out", str(out)]) == 2
    assert "not built by claimgraph" in capsys.readouterr().err


@pytest.mark.parametrize(
    "kept, words",
    [
        ("claims", "--keep-markdown would hold or overwrite the registry"),
        (".", "--keep-markdown would hold or overwrite the registry"),
        ("out/md", "--keep-markdown must be a folder apart from the site (--out)"),
        ("claimgraph.toml", "exists and is not a folder of Markdown an earlier build kept"),
    ],
)
def test_cli_build_refusing_its_keep_markdown_folder_exits_2(copy_fixture, monkeypatch, capsys, kept, words):
    """A usage error, as the same mistake with --out is (it exited 1: a site that could not be made)."""
    root = copy_fixture("valid")
    monkeypatch.chdir(root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert main(["build", "--out", "out", "--keep-markdown", kept]) == 2
    assert words in capsys.readouterr().err
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("inside", ["claims/site", "bib/site", "site", "queries/out", "claims"])
def test_cli_build_refuses_an_out_inside_what_the_registry_reads(tmp_path, capsys, inside):
    """The pages written into claims/ or bib/ would be read as the registry's own files on the next load (their
    .ttl twins define every claim again), into site/ as its templates and assets."""
    registry_dir = _copy_registry(FIXTURES / "valid", tmp_path / "registry")
    before = {p.relative_to(registry_dir): p.read_bytes() for p in registry_dir.rglob("*") if p.is_file()}
    assert main(["build", "--registry", str(registry_dir), "--out", str(registry_dir / inside)]) == 2
    assert "the registry's own" in capsys.readouterr().err
    after = {p.relative_to(registry_dir): p.read_bytes() for p in registry_dir.rglob("*") if p.is_file()}
    assert after == before  # nothing written, nothing changed
    assert main(["check", "--registry", str(registry_dir)]) == 0


# ------------------------------------------------------------------ the bundled registry


def test_bundled_registry_builds(tmp_path):
    registry = load(ROOT)
    out = tmp_path / "site"
    result = build_site(registry, out)
    assert (out / "index.html").is_file()
    assert len(list((out / "claims").glob("*.html"))) - 1 == result.claims
    assert 'class="cg-argument-map"' in (out / "index.html").read_text(encoding="utf-8")


# ------------------------------------------------------------------ registry templates are sandboxed


@pytest.mark.parametrize(
    "template, body",
    [
        ("home.md.j2", '# Home\n\n{{ cycler.__init__.__globals__.os.popen("id").read() }}\n'),
        # the data holds paths (site.query_files): Path.read_text would put any file of the machine into the site
        ("home.md.j2", '# Home\n\n{{ site.query_files[0].joinpath("/proc/self/environ").read_text() }}\n'),
        ("home.md.j2", "# Home\n\n{{ site.query_files[0].read_text() }}\n"),
        # the HTML pages' templates (claims, and the tables put into the lists) are overridable too
        ("claim.html.j2", '{{ cycler.__init__.__globals__.os.popen("id").read() }}\n'),
        ("claims-table.html.j2", '{{ lipsum.__globals__["os"].popen("id").read() }}\n'),
    ],
)
def test_a_registry_template_cannot_run_code_or_read_files(templated_registry, tmp_path, capsys, template, body):
    # Regression: `claimgraph build` may run on an untrusted pull request in CI, and a registry's
    # template override ran any Python it liked (`uid=0(root)` ended up in the site).
    (templated_registry / "queries").mkdir(exist_ok=True)
    shutil.copy(DEFAULT_QUERIES_DIR / "argument.rq", templated_registry / "queries" / "argument.rq")
    (templated_registry / "site" / "templates" / template).write_text(body, encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(SiteBuildError) as caught:
        build_site(load(templated_registry), out)
    message = str(caught.value)
    assert f"{template}:" in message and "sandboxed" in message
    assert not out.exists()
    for written in tmp_path.rglob("*"):
        if written.is_file() and written.suffix in (".md", ".html"):
            assert "uid=" not in written.read_text(encoding="utf-8", errors="replace"), written
    # the command says the same, with exit 1 and no traceback
    capsys.readouterr()
    assert main(["build", "--registry", str(templated_registry), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{template}:" in err and "sandboxed" in err and "Traceback" not in err


def test_an_operand_claim_links_to_the_claims_computed_from_it(valid_site):
    """growth-factor is computed from growth-rate: the operand's page leads to the result, as the result's
    page leads to its operands."""
    _, _, out = valid_site
    operand = (out / "claims" / "growth-rate.html").read_text(encoding="utf-8")
    computed = operand[operand.index("Affirmations calculées à partir") :][:400]
    assert 'href="../claims/growth-factor.html"' in computed, computed
    result = (out / "claims" / "growth-factor.html").read_text(encoding="utf-8")
    assert "Affirmations calculées à partir" not in result and 'href="../claims/growth-rate.html"' in result


def test_search_entries_carry_the_accent_free_form_of_accented_words_only():
    from claimgraph.site.material import add_folded_words

    doc = {"title": "Frugalité", "text": "<p>Le système consomme 137 MWh · naïve café · plain words · 東京</p>"}
    add_folded_words(doc)
    assert doc["text"].endswith("<span hidden data-cg-folded>Frugalite cafe naive systeme</span>")
    again = dict(doc)
    add_folded_words(again)  # an entry edited twice keeps one list
    assert again == doc
