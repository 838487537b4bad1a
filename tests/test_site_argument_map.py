"""The argument map of the home page, read whole at a desktop width (1366 px) and on a phone (390 px).

Every label of the map is its full text (wrapped, never cut or ending in "…"), drawn inside its box,
at 12 px or more, and the map never pushes the page sideways. Checked in Debian's Chromium on the
bundled registry and on a copy of the valid fixture whose steps and claims have long labels.
Screenshots of the map are kept under build/test-artifacts/site/ (git-ignored).
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import SiteBuildError, build_site, markdown_reuse
from claimgraph.site.environment import PACKAGE_SITE_DIR

from .conftest import FIXTURES, PROJECT, QuietHandler
from .test_site_markdown_reuse import same_as_from_nothing
from .test_site_page_cache import edit

ARTIFACTS = PROJECT / "build" / "test-artifacts" / "site"
WIDTHS = {"desktop": 1366, "phone": 390}

#: Labels longer than a box is wide, as (French, English): the site shows one of the two.
LONG_STEP = (
    "Dans quelle mesure l'énergie consommée pour entraîner un grand modèle de langage dépend-elle de "
    "la taille du modèle, du matériel employé et de l'intensité carbone du réseau électrique local ?",
    "To what extent does the energy used to train a large language model depend on the size of the "
    "model, the hardware it runs on and the carbon intensity of the local electricity grid?",
)
LONG_CONCLUSION = (
    "Conclusion : la consommation d'énergie de l'entraînement reste considérable même lorsque les "
    "modèles deviennent plus petits, car le nombre d'entraînements augmente plus vite encore",
    "Conclusion: the energy used by training stays considerable even as models get smaller, "
    "because the number of training runs grows faster still",
)
#: One word wider than a phone's box: it must break inside the box, not run out of it.
LONG_WORD = "Superkalifragilistischexpialigetisch-Energieverbrauchsabschätzungsmethodenvergleich"
LONG_STATEMENT = (
    "Les modèles deviennent plus petits, d'après une comparaison de plusieurs dizaines de "
    f"publications récentes ({LONG_WORD}), sans que la qualité des réponses ne diminue nettement.",
    "Models are getting smaller, according to a comparison of several dozen recent "
    f"publications ({LONG_WORD}), without the quality of the answers clearly falling.",
)
LONG_MEASURAND = (
    "énergie électrique consommée par l'entraînement complet du modèle X, refroidissement "
    "des centres de données compris",
    "electrical energy used by the complete training of Model X, the cooling of the data centres included",
)
LONG_LABELS = [LONG_STEP, LONG_CONCLUSION, LONG_STATEMENT, LONG_MEASURAND]


def _long_label_registry(root: Path) -> Path:
    shutil.copytree(FIXTURES / "valid", root)
    replacements = {
        "argument.ttl": {
            'rdfs:label "Question"@fr , "Question"@en': 'rdfs:label "{}"@fr , "{}"@en'.format(*LONG_STEP),
            'rdfs:label "Conclusion"@fr , "Conclusion"@en': 'rdfs:label "{}"@fr , "{}"@en'.format(*LONG_CONCLUSION),
        },
        "energy.ttl": {
            '"Les modèles deviennent plus petits."@fr , "Models are getting smaller."@en': '"{}"@fr , "{}"@en'.format(
                *LONG_STATEMENT
            ),
            '"training energy of Model X"@en , "énergie d\'entraînement du modèle X"@fr': '"{1}"@en , "{0}"@fr'.format(
                *LONG_MEASURAND
            ),
        },
    }
    for name, pairs in replacements.items():
        path = root / "claims" / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs.items():
            assert old in text, old
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return root


def _shown(label: tuple[str, str], texts: list[str]) -> bool:
    return any(version in text for version in label for text in texts)


@pytest.fixture(scope="module")
def long_label_site(tmp_path_factory) -> Path:
    root = _long_label_registry(tmp_path_factory.mktemp("long-labels") / "registry")
    out = root.parent / "site"
    build_site(load(root), out)
    return out


def test_long_labels_are_written_whole(long_label_site):
    home = (long_label_site / "index.html").read_text(encoding="utf-8")
    start = home.index('<div class="cg-argument-map"')
    the_map = html.unescape(home[start : home.index("</ol></div>", start)])
    for label in LONG_LABELS:
        assert _shown(label, [the_map]), label
    assert "…" not in the_map


@pytest.fixture(scope="module", params=["bundled", "long-labels"])
def served_map(request, tmp_path_factory, long_label_site):
    if request.param == "bundled":
        out = tmp_path_factory.mktemp("map-bundled") / "site"
        build_site(load(PROJECT), out)
    else:
        out = long_label_site
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield request.param, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: Each node of the map (a step or a claim box): its tooltip, its box, and for each piece of text in
#: it, the text, its font size, the box its glyphs take, and whether it overflows its own element.
MEASURE = """() => {
    const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
    const map = document.querySelector('.cg-argument-map');
    return {map: box(map.getBoundingClientRect()), page: document.documentElement.scrollWidth,
        nodes: [...map.querySelectorAll('.cg-node')].map(node => ({
            step: node.classList.contains('cg-step'), tooltip: node.getAttribute('title') || '',
            box: box(node.getBoundingClientRect()),
            texts: [...node.querySelectorAll('.cg-map-kind, .cg-map-label, .cg-map-verdict')].map(label => {
                const range = document.createRange();
                range.selectNodeContents(label);
                return {text: label.textContent, font: parseFloat(getComputedStyle(label).fontSize),
                        glyphs: box(range.getBoundingClientRect()),
                        cut: label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1};
            })}))};
}"""


def _inside(inner: dict, outer: dict, slack: float = 0.5) -> bool:
    return (
        inner["left"] >= outer["left"] - slack
        and inner["right"] <= outer["right"] + slack
        and inner["top"] >= outer["top"] - slack
        and inner["bottom"] <= outer["bottom"] + slack
    )


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_every_map_label_is_whole_inside_its_box_at_12_px_or_more(browser, served_map, width):
    name, base = served_map
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900})
    try:
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        the_map = page.locator(".cg-argument-map")
        the_map.scroll_into_view_if_needed()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        the_map.screenshot(path=str(ARTIFACTS / f"argument-map-{name}-{width}.png"))
        found = page.evaluate(MEASURE)
        nodes = found["nodes"]
        assert sum(node["step"] for node in nodes) >= 2 and not all(node["step"] for node in nodes)
        assert found["page"] <= WIDTHS[width]  # the map never makes the page scroll sideways
        for node in nodes:
            assert _inside(node["box"], found["map"]), (name, width, node)
            for text in node["texts"]:
                where = (name, width, text["text"])
                assert text["text"].strip() and not text["text"].rstrip().endswith(("…", "...")), where
                assert text["font"] >= 12, where
                assert not text["cut"], where
                assert _inside(text["glyphs"], node["box"]), where
            if node["step"]:  # the box shows the whole name its tooltip gives: "Step 2: <name>" ("Étape 2 : <nom>")
                kind, label, *verdict = (" ".join(text["text"].split()) for text in node["texts"])
                tooltip = " ".join(node["tooltip"].split())
                assert tooltip.startswith((f"{kind}: {label}", f"{kind} : {label}")), node
        if name == "long-labels":
            shown = [" ".join(text["text"].split()) for node in nodes for text in node["texts"]]
            for long_label in LONG_LABELS:
                assert _shown(long_label, shown), long_label
    finally:
        context.close()


# ------------------------------------------------------------------ put into the page after MkDocs

_MAP = re.compile(r'<div class="cg-argument-map".*?</ol></div>')
_CLAIM_LABELS = re.compile(r'<a class="cg-node cg-claim[^"]*"[^>]*><span class="cg-map-label">([^<]*)</span></a>')


def _the_map(site: Path) -> str:
    found = _MAP.findall((site / "index.html").read_text(encoding="utf-8"))
    assert len(found) == 1
    return found[0]


def _home_entries(site: Path) -> dict[str, str]:
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return {d["location"]: d["text"] for d in docs if d["location"].split("#")[0] == "index.html"}


def test_the_map_goes_around_markdown_and_the_page_is_what_mkdocs_made_of_it(templated_registry, tmp_path):
    """The home page's Markdown holds a placeholder for the map, and the page is byte for byte the one
    MkDocs wrote when the map went through Python-Markdown (a registry's home.md.j2 printing
    ``{{ argument_map }}``, as claimgraph's did): same lists, links, classes, ids. Only the search entry
    of the map's section loses the map's words; every section of the home page keeps its entry."""
    site, markdown = tmp_path / "site", tmp_path / "markdown"
    build_site(load(templated_registry), site, keep_markdown=markdown)
    source = (markdown / "docs" / "index.md").read_text(encoding="utf-8")
    assert "<!-- cg-html-block 0 -->" in source and "cg-argument-map" not in source and "cg-node" not in source

    home = (PACKAGE_SITE_DIR / "templates" / "home.md.j2").read_text(encoding="utf-8")
    through_mkdocs = home.replace(
        '{{ html_block("argument-map.html.j2", argument_map=argument_map) }}', "{{ argument_map }}"
    )
    assert through_mkdocs != home
    (templated_registry / "site" / "templates" / "home.md.j2").write_text(through_mkdocs, encoding="utf-8")
    before = tmp_path / "through-mkdocs"
    build_site(load(templated_registry), before)
    assert (site / "index.html").read_bytes() == (before / "index.html").read_bytes()

    the_map = _the_map(site)
    # in the registry's first language (French), as the rest of the page
    assert the_map.startswith('<div class="cg-argument-map" role="group" aria-label="Carte de l&#x27;argumentaire : ')
    assert '<div role="group" aria-label="Statuts de vérification"><ul class="cg-map-legend">' in the_map
    labels = [html.unescape(label) for label in _CLAIM_LABELS.findall(the_map)]
    assert labels and "Les modèles deviennent plus petits." in labels  # the boxes too, in the first language
    # every box links to a page of the site: the steps' and the claims'
    hrefs = re.findall(r'href="([^"]*)"', the_map)
    assert {"argument/question.html", "argument/conclusion.html", "claims/model-training-energy.html"} <= set(hrefs)
    assert all((site / href).is_file() for href in hrefs), hrefs

    entries, entries_before = _home_entries(site), _home_entries(before)
    assert sorted(entries) == sorted(entries_before) and "index.html#the-argument-map" in entries
    for location, text in entries.items():
        if location != "index.html#the-argument-map":
            assert text == entries_before[location], location
    section, section_before = entries["index.html#the-argument-map"], entries_before["index.html#the-argument-map"]
    # the paragraph saying how to read the map, in the registry's language, is still there
    explanation = section.split("</p>", 1)[0] + "</p>"
    assert "la question" in explanation and section_before.startswith(explanation)
    assert [label for label in labels if label in section] == []
    assert [label for label in labels if label not in section_before] == []


def test_a_bad_link_in_the_map_fails_the_build(templated_registry, tmp_path):
    (templated_registry / "site" / "templates" / "argument-map.html.j2").write_text(
        '{{ argument_map }}<a href="nowhere.html">x</a>', encoding="utf-8"
    )
    with pytest.raises(SiteBuildError, match=r"index\.html: link 'nowhere\.html' leads to no file of the site"):
        build_site(load(templated_registry), tmp_path / "site")


def test_a_rebuild_taking_the_home_page_from_the_last_site_has_the_new_map(tmp_path, monkeypatch):
    """A claim's statement is the label of its box when it has no value: changed, the home page's Markdown
    is as it was (the map is not in it), MkDocs does not render the page again, and the map put into it is
    the new one: the site is the one a build from nothing writes."""
    root = Path(shutil.copytree(FIXTURES / "valid", tmp_path / "registry"))
    site = tmp_path / "site"
    build_site(load(root), site)
    taken: set[str] = set()
    collect = markdown_reuse.MarkdownPages.collect

    def noting_what_was_taken(self, *args, **kwargs):
        collect(self, *args, **kwargs)
        taken.update(self.taken)

    monkeypatch.setattr(markdown_reuse.MarkdownPages, "collect", noting_what_was_taken)
    edit(root / "claims" / "energy.ttl", '"Les modèles deviennent plus petits."@fr', '"Les modèles rétrécissent."@fr')
    build_site(load(root), site)
    assert "index.md" in taken
    labels = [html.unescape(label) for label in _CLAIM_LABELS.findall(_the_map(site))]
    assert "Les modèles rétrécissent." in labels and "Les modèles deviennent plus petits." not in labels
    same_as_from_nothing(root, site, tmp_path / "fresh")
