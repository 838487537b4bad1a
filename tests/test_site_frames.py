"""The pages of claims, sources and measurands, written by claimgraph into frames MkDocs renders once.

What MkDocs would check in a Markdown page, claimgraph checks in these: every link leads to
a file of the site (and to an anchor that exists), no link has a scheme other than
http(s)/mailto, and the theme's table of contents leads to the page's own headings.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site
from claimgraph.site import links, reuse
from claimgraph.site.framed_pages import _Frame, _LinkChecker, place
from claimgraph.site.material import finish, start

from .conftest import FIXTURES


def _claim_template(root: Path, body: str) -> None:
    (root / "site" / "templates" / "claim.html.j2").write_text('<h1 id="claim">{{ claim.slug }}</h1>\n' + body)


@pytest.mark.parametrize(
    "body, message",
    [
        (
            '<p><a href="../argument/question.html#no-such-part">x</a></p>',
            r"link '\.\./argument/question\.html#no-such-part': argument/question\.html has no such anchor",
        ),
        ('<p><a href="#nowhere">x</a></p>', r"link '#nowhere': no such anchor on the page"),
        (
            '<p><a href="javascript:alert(1)">x</a></p>',
            r"link 'javascript:alert\(1\)': only http, https and mailto links are allowed",
        ),
        ('<p><a href="../../outside.html">x</a></p>', r"link '\.\./\.\./outside\.html' leads to no file of the site"),
        ('<p><img src="../assets/missing.png"></p>', r"link '\.\./assets/missing\.png' leads to no file of the site"),
        # an id whose value ends in an attribute's name: the link after it is read all the same
        (
            '<p><span id=" href="../nowhere.html">x</span></p>',
            r"link '\.\./nowhere\.html' leads to no file of the site",
        ),
    ],
)
def test_a_bad_link_in_a_framed_page_fails_the_build_and_names_it(templated_registry, tmp_path, body, message):
    _claim_template(templated_registry, body)
    with pytest.raises(SiteBuildError, match=r"claims/[a-z-]+\.html: " + message):
        build_site(load(templated_registry), tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_good_links_pass_anchors_included(templated_registry, tmp_path):
    _claim_template(
        templated_registry,
        '<h2 id="more">More</h2>\n<p><a href="#more">here</a> '
        '<a href="../claims/index.html">all claims</a> '
        '<a href="https://example.org/x?a=1&amp;b=2">out</a> '
        '<a href="mailto:someone@example.org">mail</a></p>\n',
    )
    result = build_site(load(templated_registry), tmp_path / "site")
    page = (tmp_path / "site" / "claims" / "model-training-energy.html").read_text(encoding="utf-8")
    assert result.claims == 7 and 'href="#more"' in page
    # the table of contents comes from the template's own headings
    toc = page.split('class="md-nav md-nav--secondary"', 1)[1].split("</nav>", 1)[0]
    assert 'href="#more"' in toc


def test_a_heading_keeps_its_id_whatever_its_words(templated_registry, tmp_path):
    # the interface's language changes a heading's words, never its anchor
    _claim_template(templated_registry, '<h2 id="x">Something else</h2>\n')
    out = tmp_path / "site"
    build_site(load(templated_registry), out)
    # a claim's page, not the index MkDocs wrote beside them (the order of glob depends on the file system)
    page = next(p for p in sorted((out / "claims").glob("*.html")) if p.name != "index.html").read_text(
        encoding="utf-8"
    )
    assert '<h2 id="x">Something else</h2>' in page
    assert 'href="#x"' in page


def test_a_heading_whose_id_a_table_of_contents_cannot_use_is_refused(templated_registry, tmp_path):
    _claim_template(templated_registry, '<h2 id="x y">Something else</h2>\n')
    with pytest.raises(SiteBuildError, match=r"claim\.html\.j2: the heading 'Something else' has id 'x y'"):
        build_site(load(templated_registry), tmp_path / "site")


def test_a_page_lacking_a_section_of_the_table_of_contents_is_refused(templated_registry, tmp_path):
    # the first claim's page sets the table of contents; a page without that section would lead nowhere
    _claim_template(
        templated_registry,
        "{% if loop is not defined and claim.slug == site.claims[0].slug %}"
        '<h2 id="only-first">Only first</h2>{% endif %}\n',
    )
    with pytest.raises(SiteBuildError, match=r"the table of contents links to #only-first, which the page lacks"):
        build_site(load(templated_registry), tmp_path / "site")


def test_the_frames_alone_are_rendered_by_a_frames_only_build(tmp_path):
    staged = tmp_path / "site-src"
    build_site(load(FIXTURES / "valid"), tmp_path / "site", keep_markdown=staged)
    finish(start(staged / "mkdocs.yml", tmp_path / "frames", jobs=1, frames="only"))
    pages = sorted(p.relative_to(tmp_path / "frames").as_posix() for p in (tmp_path / "frames").rglob("*.html"))
    assert [p for p in pages if p != "404.html"] == [
        "claims/cg+frame.html",
        "measurands/cg+frame.html",
        "sources/cg+frame.html",
    ]


def test_place_moves_the_framed_folders_in_and_refuses_a_collision(tmp_path):
    site, framed = tmp_path / "site", tmp_path / "framed"
    (site / "claims").mkdir(parents=True)
    (site / "claims" / "index.html").write_text("index by MkDocs")
    (framed / "claims").mkdir(parents=True)
    (framed / "claims" / "c1.html").write_text("claim page")
    place(framed, site)
    assert sorted(p.name for p in (site / "claims").iterdir()) == ["c1.html", "index.html"]
    (framed / "sources").mkdir(parents=True)
    (framed / "sources" / "index.html").write_text("by claimgraph")
    (site / "sources").mkdir()
    (site / "sources" / "index.html").write_text("by MkDocs")
    with pytest.raises(SiteBuildError, match="both MkDocs and claimgraph wrote sources/index.html"):
        place(framed, site)


def test_a_registry_still_overriding_a_retired_markdown_template_is_told(templated_registry, tmp_path):
    (templated_registry / "site" / "templates" / "claim.md.j2").write_text("# {{ claim.slug }}\n")
    with pytest.raises(SiteBuildError, match=r"claim\.md\.j2: this template is no longer used: .* claim\.html\.j2"):
        build_site(load(templated_registry), tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_a_registry_with_nothing_to_frame_builds(tmp_path):
    """No claim, source or measurand yet (a registry just started): no frame, and the site builds."""
    root = tmp_path / "registry"
    (root / "claims").mkdir(parents=True)
    (root / "bib").mkdir()
    shutil.copy(FIXTURES / "valid" / "claimgraph.toml", root / "claimgraph.toml")
    result = build_site(load(root), tmp_path / "site")
    assert result.claims == 0 and (tmp_path / "site" / "claims" / "index.html").is_file()
    assert not list((tmp_path / "site").rglob("cg+frame*"))


@pytest.mark.parametrize(
    "markup",
    [
        '<h2 id="a">A</h2><p><a href="b.html#c">b</a> <img src="d.svg"> <span id="">e</span> <a href="">f</a></p>',
        '<p>\t<a\nhref="x?y=1&amp;z=2" id="q">x</a></p>',  # a value with "=": read twice
        '<p><span id=" href="x.html">y</span><a href=" id="z">w</a></p>',  # values overlapping attributes
        '<p>no links, no ids; href="x" without a space before it</p>',
    ],
)
def test_the_ids_and_links_of_a_page_are_read_in_one_pass_as_in_two(markup):
    assert links.ids_and_links(markup) == (set(links.ID.findall(markup)), links.LINK.findall(markup))


def test_the_ids_and_links_of_any_markup_are_read_in_one_pass_as_in_two():
    import random

    pieces = [
        '="',
        '"',
        "=",
        " ",
        "\t",
        "\n",
        "\u00a0",
        "\u2003",
        "href",
        "src",
        "id",
        "hid",
        "xsrc",
        "a",
        "é",
        "<a ",
        ">",
    ]
    chance = random.Random(7)
    for _ in range(20000):
        markup = "".join(chance.choice(pieces) for _ in range(chance.randrange(1, 16)))
        assert links.ids_and_links(markup) == (set(links.ID.findall(markup)), links.LINK.findall(markup)), markup


def _checked_one_by_one(page, body, toc, known, beside):
    """What the framed pages' link check said of a page before links were kept from page to page."""
    ids, hrefs = links.ids_and_links(body)
    problems = [f"{page}: the table of contents links to #{a}, which the page lacks" for a in toc if a not in ids]
    anchored, targets = [], set()

    def exists(target):
        targets.add(target)
        return target in known or target in beside

    problems += links.check(page, body, ids, exists, anchored, hrefs)
    return problems, anchored, targets


_PAGES = [
    # (page, body, files beside it)
    ("claims/c1.html", '<h1 id="claim">x</h1><a href="c2.html">c2</a> <a href="c1.ttl">t</a>', {"claims/c1.ttl"}),
    # the same links from another page: c1.ttl is not beside c2, so it leads to no file
    ("claims/c2.html", '<h1 id="claim">x</h1><a href="c2.html">c2</a> <a href="c1.ttl">t</a>', {"claims/c2.ttl"}),
    (
        "claims/c3.html",
        '<h1 id="claim">x</h1><a href="../sources/s1.html#top">s</a> <a href="#claim">me</a> <a href="#nope">no</a>'
        ' <a href="javascript:alert(1)">j</a> <a href="../../x.html">out</a> <img src="gone.svg">'
        ' <a href="https://example.org/">e</a> <a href="c2.html">again</a>',
        set(),
    ),
    ("sources/s1.html", '<h1 id="source">s</h1><a href="../claims/c2.html">c2</a> <a href="c2.html">none</a>', set()),
    ("claims/c4.html", '<h1 id="other">x</h1><a href="c%32.html">quoted</a>', set()),
]


def test_the_link_checker_of_a_share_says_what_checking_each_page_alone_says():
    known = {"claims/c2.html", "sources/s1.html", "claims/c3.html"}
    checker = _LinkChecker(known)
    for _ in range(2):  # the second time, every link was met before
        for page, body, beside in _PAGES:
            anchored, targets = [], set()
            problems = checker.check(page, body, ["claim"], anchored, beside, targets)
            assert (problems, anchored, targets) == _checked_one_by_one(page, body, ["claim"], known, beside)
    assert any("c1.ttl" in p for p in checker.check("claims/c2.html", _PAGES[1][1], [], [], set(), set()))


def test_a_page_written_in_pieces_is_the_page_as_text(tmp_path):
    frame = _Frame(
        "<title>cgframetitletoken</title><p>é</p><!-- cg-frame-body --><h1>x</h1><!-- /cg-frame-body -->"
        "<footer>cgframetitletoken ü</footer>",
        "frame",
    )
    title, body = 'Claim <b> & "ç"', '<h1 id="claim">ç</h1>'
    (tmp_path / "claims").mkdir()
    with reuse.NewFolder(str(tmp_path / "claims")) as folder:
        state = reuse.write_parts(folder, "c1.html", frame.page_bytes(title, body), None)
        # a previous file with the same bytes is linked, one that differs is not
        again = reuse.write_parts(
            folder, "c2.html", frame.page_bytes(title, body), str(tmp_path / "claims" / "c1.html")
        )
        other = reuse.write_parts(folder, "c3.html", frame.page_bytes("t", body), str(tmp_path / "claims" / "c1.html"))
    written = tmp_path / "claims" / "c1.html"
    assert written.read_bytes() == frame.page(title, body).encode("utf-8")
    assert state == (written.stat().st_size, written.stat().st_mtime_ns) == again
    assert (tmp_path / "claims" / "c2.html").stat().st_ino == written.stat().st_ino
    assert (tmp_path / "claims" / "c3.html").read_bytes() == frame.page("t", body).encode("utf-8")
    assert other[0] == len(frame.page("t", body).encode("utf-8"))


def test_folded_words_are_the_same_the_second_time_a_word_comes():
    from claimgraph.site import material

    entries = [{"title": "Frugalité", "text": "<p>la frugalité · Œuvre · naïve · plain</p>"} for _ in range(2)]
    for entry in entries:
        material.add_folded_words(entry)
    assert entries[0] == entries[1]
    assert entries[0]["text"].endswith("<span hidden data-cg-folded>Frugalite frugalite naive</span>")


def _jsonld_through_dicts(triples, pre):
    """The JSON-LD of a page as it was written before: node objects as dicts, then ``json.dumps``."""
    import json

    import pyoxigraph as ox

    from claimgraph.iris import prefixed_name

    def short(iri):
        return prefixed_name(iri, pre, any_local=True) or iri

    def node_id(term):
        return "_:" + term.value if type(term) is ox.BlankNode else short(term.value)

    nodes = {}
    for t in triples:
        s, p, o = t.subject, t.predicate.value, t.object
        node = nodes.setdefault(s, {"@id": node_id(s)})
        if type(o) is ox.Literal:
            item = {"@value": o.value}
            if o.language:
                item["@language"] = o.language
            elif o.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                item["@type"] = short(o.datatype.value)
            node.setdefault(short(p), []).append(item)
        elif p == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            node.setdefault("@type", []).append(node_id(o))
        else:
            node.setdefault(short(p), []).append({"@id": node_id(o)})
    return json.dumps(
        {"@context": dict(sorted(pre.items())), "@graph": list(nodes.values())},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def test_a_pages_json_ld_is_what_json_dumps_writes_of_its_node_objects():
    import pyoxigraph as ox

    from claimgraph.site import rdf_views

    ns, x = "https://example.org/r/", "http://www.w3.org/2001/XMLSchema#"
    a, b, blank = ox.NamedNode(ns + "claim/a"), ox.NamedNode(ns + "odd/with/slash"), ox.BlankNode("b0")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    p, q = ox.NamedNode("https://w3id.org/claimgraph/ns#statement"), ox.NamedNode(ns + "p#q")
    triples = [
        ox.Triple(a, rdf_type, ox.NamedNode("https://w3id.org/claimgraph/ns#Claim")),
        ox.Triple(a, p, ox.Literal('quote " back\\slash\nline\ttab \x01 é 漢 \u2028', language="fr")),
        ox.Triple(a, q, ox.Literal("12", datatype=ox.NamedNode(x + "integer"))),
        ox.Triple(a, rdf_type, ox.Literal("a literal type")),
        ox.Triple(a, p, ox.Literal("plain")),
        ox.Triple(a, q, blank),
        ox.Triple(a, rdf_type, ox.NamedNode("https://unknown.example/T")),
        ox.Triple(blank, p, ox.Literal("</script><!--")),
        ox.Triple(blank, q, b),
        ox.Triple(b, p, ox.Literal("x", datatype=ox.NamedNode("https://unknown.example/dt"))),
    ]
    table = rdf_views.prefixes(ns)
    for used in (rdf_views.used_prefixes(triples, ns, table), {}):
        for _ in range(2):  # the second time, from the IRIs' pieces kept
            assert rdf_views.jsonld(triples, ns, table, used=used) == _jsonld_through_dicts(triples, used)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "one paragraph",
        "  spaced  out  ",
        "é · ü",
        "a\n\nb",
        "a\nb",
        "tab\there",
        "zw\u200bsp",
        "rl\u202eo",
        "ls\u2028x",
        "nb\u00a0sp",
        "\x01ctl",
        " trailing ",
        "two  spaces",
    ],
)
def test_a_text_made_one_paragraph_at_once_is_the_paragraphs_of_the_general_reading(text):
    from claimgraph import escaping
    from claimgraph.site.environment import _BLANK_LINE, HTML, MARKDOWN

    for writer in (HTML, MARKDOWN):
        parts = _BLANK_LINE.split(escaping.drop_control(text))
        assert writer.paragraphs(text) == [writer.text(p.strip()) for p in parts if p.strip()]
