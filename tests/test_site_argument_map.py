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
import shutil
import threading
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import FIXTURES, PROJECT, QuietHandler

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
            texts: [...node.querySelectorAll('.cg-map-kind, .cg-map-label')].map(label => {
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
            if node["step"]:  # the box shows the whole name its tooltip gives: "Step 2: <name>"
                kind, label = (" ".join(text["text"].split()) for text in node["texts"])
                assert " ".join(node["tooltip"].split()).startswith(f"{kind}: {label}"), node
        if name == "long-labels":
            shown = [" ".join(text["text"].split()) for node in nodes for text in node["texts"]]
            for long_label in LONG_LABELS:
                assert _shown(long_label, shown), long_label
    finally:
        context.close()
