"""Defects a reviewer's third trial of the site found on registries other than the bundled one, each checked on a
registry made by ``claimgraph init``, ``new source`` and ``new claim`` as a user makes one, and on the site
``build`` makes:

* numbers beyond what ``.12g`` writes without an exponent were written with ``.12f``: 0.3 Wh in a chart in TWh
  was "0 TWh", a log axis had a 0 tick and 17 overlapping ones, 3.14E23 FLOP was "313999999999999995805696"
  (on the claim page, the measurand page, its chart and its CSV), 460 TWh in Wh "460000000000000 Wh";
* charts were cropped at desktop widths (``min-width: 56rem`` at Material's 125 % root font size);
* the numbers in the tables of claims and measurands were no links, though the home page says they are;
* the query page said "29 triples in 2 ms." and then "Download the 29 rows as CSV".
"""

from __future__ import annotations

import csv
import functools
import html
import http.server
import io
import re
import threading
from pathlib import Path
from urllib.parse import urljoin

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import QuietHandler
from .made_registries import add_claim, checked_site, new_registry, page_words, site_page

FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: (id, statement, value, unit, quantity kind): figures of very different magnitudes, as the trial's registry had
FIGURES = [
    ("google-search-energy", "A Google search uses 0.3 Wh.", "0.3", "W-HR", "Energy"),
    ("chatgpt-request-energy", "A ChatGPT request uses 10 Wh.", "10", "W-HR", "Energy"),
    ("gpt3-training-energy", "Training GPT-3 took 1,287 MWh.", "1287", "MegaW-HR", "Energy"),
    ("dc-electricity-2022", "Data centres consumed 460 TWh in 2022.", "460", "TeraW-HR", "Energy"),
    ("dc-electricity-2026", "Data centres could consume 1,000 TWh in 2026.", "1000", "TeraW-HR", "Energy"),
    ("gpt3-training-compute", "Training GPT-3 took 3.14E+23 floating-point operations.", "3.14E23", "FLOP", "Dimensionless"),
]  # fmt: skip


def _served(folder: Path):
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("numbers")
    root = new_registry(tmp_path, ("en",))
    for claim_id, statement, value, unit, kind in FIGURES:
        add_claim(root, claim_id, statement, value, unit, quote=statement, kind=kind)
    return checked_site(root, tmp_path / "site")


def _svg_texts(svg: str) -> list[str]:
    return [html.unescape(text) for text in re.findall(r"<text [^>]*>([^<]*)</text>", svg)]


def _across_systems(site: Path, measurand: str) -> str:
    (chart,) = [
        path.read_text(encoding="utf-8")
        for path in sorted((site / "measurands").glob(f"{measurand}-*.svg"))
        if "compared across systems" in path.read_text(encoding="utf-8")
    ]
    return chart


# ------------------------------------------------------------------ 1. numbers: never wrong, always readable


def test_no_page_chart_or_csv_of_the_site_writes_float_noise_or_a_long_run_of_zeros(site):
    for path in site.rglob("*"):
        # (not the saved queries' answers: they are the data's own lexical forms, as the store holds them)
        if path.suffix in (".html", ".svg", ".csv") and not {"assets", "sparql"} & set(path.parts):
            text = path.read_text(encoding="utf-8")
            assert "313999999999999995805696" not in text, path
            # (the page's triples, in Turtle and JSON-LD, are the data's own lexical forms: not printed numbers)
            shown = re.sub(r"<pre[ >].*?</pre>|<script[ >].*?</script>", "", text, flags=re.S)
            assert not re.search(r"\b[1-9]0{11,}\b|0\.0{6,}[1-9]", shown), path


def test_a_chart_across_magnitudes_labels_each_bar_readably_and_its_log_axis_has_no_zero(site):
    chart = _across_systems(site, "google-search-energy")
    texts = _svg_texts(chart)
    # each bar says its figure as its claim states it: no one unit reads well from 0.3 Wh to 1000 TWh
    for figure in ("0.3 Wh", "10 Wh", "1287 MWh", "460 TWh", "1000 TWh"):
        assert figure in texts, texts
    assert "0 TWh" not in texts and not any(t.startswith("0.00000") for t in texts)
    tooltips = " ".join(html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", chart))
    assert "google search energy — Doe (2021): 0.3 Wh (unverified)" in tooltips, tooltips
    # the log axis: powers of ten as people print them, no 0, at most seven (they overlapped beyond)
    ticks = [html.unescape(t) for t in re.findall(r'<text [^>]*text-anchor="middle"[^>]*>([^<]*)</text>', chart)]
    assert ticks and len(ticks) <= 7, ticks
    assert all(re.fullmatch(r"10[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+", tick) for tick in ticks), ticks
    assert texts[-1].endswith("Wh (logarithmic scale)")  # (in the unit most figures are written in)


def test_a_large_count_is_written_with_its_digits_and_a_power_of_ten(site):
    claim = page_words(site_page(site, "claims/gpt3-training-compute.html"))
    assert "Value as stated 3.14 × 10²³ FLOP" in claim
    assert "Normalised value 3.14 × 10²³ FLOP" in claim
    measurand = site_page(site, "measurands/gpt3-training-compute.html")
    assert "3.14 × 10²³ FLOP" in page_words(measurand)
    chart = site_page(site, "measurands/gpt3-training-compute-1.svg")
    texts = _svg_texts(chart)
    assert "3.14 × 10²³ FLOP" in texts
    assert {"0", "1 × 10²³", "2 × 10²³", "3 × 10²³"} <= set(texts), texts  # a linear axis, from 0
    # the CSV writes what a spreadsheet reads as the number
    (row,) = csv.DictReader(io.StringIO(site_page(site, "measurands/gpt3-training-compute-1.csv")))
    assert row["value"] == "3.14E23" and float(row["value"]) == 3.14e23


def test_a_chart_in_the_unit_of_a_small_figure_labels_big_ones_as_stated(tmp_path):
    """One claim of each unit: the chart is in the first one's (Wh), where 460 TWh is 4.6 × 10¹⁴ Wh."""
    root = new_registry(tmp_path, ("en",))
    for claim_id, statement, value, unit, kind in FIGURES[0], FIGURES[2], FIGURES[3]:
        add_claim(root, claim_id, statement, value, unit, quote=statement, kind=kind)
    checked_site(root, tmp_path / "site")
    texts = _svg_texts(_across_systems(tmp_path / "site", "google-search-energy"))
    assert {"0.3 Wh", "1287 MWh", "460 TWh"} <= set(texts), texts
    assert "Wh (logarithmic scale)" in texts
    rows = list(csv.DictReader(io.StringIO(site_page(tmp_path / "site", "measurands/google-search-energy-2.csv"))))
    assert sorted(row["value"] for row in rows) == ["0.3", "1287000000", "460000000000000"]


# ------------------------------------------------------------------ 3. every number in the tables links to its claim


def _cells(table_html: str, column: int) -> list[str]:
    body = table_html[table_html.index("<tbody>") :]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)[column] for row in re.findall(r"<tr>(.*?)</tr>", body)]


def test_every_number_in_the_tables_links_to_its_claim_page(site):
    home = page_words(site_page(site, "index.html"))
    assert "Every number in the tables links to its claim page" in home
    claims = site_page(site, "claims/index.html")
    values = _cells(claims[claims.index("<table>") :], 2)
    assert len(values) == len(FIGURES)
    for cell in values:
        (href,) = re.fullmatch(r'<a href="\.\./claims/([a-z0-9-]+)\.html">[^<]+</a>', cell).groups()
        assert (site / "claims" / f"{href}.html").is_file()
    assert '<a href="../claims/google-search-energy.html">0.3 Wh</a>' in values
    measurands = site_page(site, "measurands/index.html")
    assert '<td><a href="../claims/dc-electricity-2022.html">460 TWh</a></td>' in measurands
    measurand = site_page(site, "measurands/gpt3-training-energy.html")
    # the value as stated and the normalised value (in MWh: the same figure) both lead to the claim
    assert measurand.count('<a href="../claims/gpt3-training-energy.html">1287 MWh</a>') == 2


# ------------------------------------------------------------------ 4. the query page counts triples as triples


def test_the_query_page_gives_its_script_the_words_for_triples_in_the_sites_language(tmp_path):
    from .test_site_sparql import require_engine

    require_engine()
    registry = load(FIXTURES / "sparql")  # French first
    build_site(registry, tmp_path / "site")
    page = site_page(tmp_path / "site", "sparql/query.html")
    words = html.unescape(re.search(r"data-words='([^']*)'", page).group(1))
    assert '"download_triples": "Télécharger les {count} triplets en CSV"' in words.encode().decode("unicode_escape")


# ------------------------------------------------------------------ in a browser: charts fit, the query page's words


@pytest.fixture(scope="module")
def browser_site(site):
    server, base = _served(site)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 1600, 1024])
def test_a_chart_fits_the_content_column_at_desktop_widths(browser, browser_site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(urljoin(browser_site, "measurands/google-search-energy.html"))
        page.wait_for_load_state("load")
        frames = page.evaluate("""() => [...document.querySelectorAll('.cg-figure')].map(figure => {
            const svg = figure.querySelector('svg').getBoundingClientRect();
            const column = document.querySelector('.md-content__inner').getBoundingClientRect();
            return {scroll: figure.scrollWidth, client: figure.clientWidth, left: svg.left, right: svg.right,
                    columnLeft: column.left, columnRight: column.right}; })""")
        assert len(frames) == 2
        for frame in frames:
            # nothing to scroll, and every bar and figure inside the column
            assert frame["scroll"] <= frame["client"] + 1, frame
            assert frame["columnLeft"] - 1 <= frame["left"] and frame["right"] <= frame["columnRight"] + 1, frame
        # the last figure of a bar (the longest one's) is drawn inside the visible frame
        visible = page.evaluate("""() => {
            const figure = document.querySelectorAll('.cg-figure')[1];
            const box = figure.getBoundingClientRect();
            return [...figure.querySelectorAll('text')].every(t => t.getBoundingClientRect().right <= box.right + 1); }""")
        assert visible
    finally:
        context.close()


@pytest.mark.browser
def test_a_chart_keeps_its_readable_size_and_scrolls_in_its_frame_on_a_phone(browser, browser_site):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(urljoin(browser_site, "measurands/google-search-energy.html"))
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        scale = page.evaluate("""() => { const svg = document.querySelector('.cg-figure svg');
            return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }""")
        assert scale >= 1  # its 12 px text stays 12 px or more
    finally:
        context.close()


@pytest.mark.browser
def test_a_construct_query_counts_and_downloads_triples_in_the_sites_language(browser, tmp_path):
    from .test_site_sparql import require_engine

    require_engine()
    build_site(load(FIXTURES / "sparql"), tmp_path / "site")  # French first
    server, base = _served(tmp_path / "site")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(urljoin(base, "sparql/query.html"))
        page.locator("#cg-sparql[data-state='ready']").wait_for(timeout=60000)
        page.locator("#cg-sparql-text").fill("CONSTRUCT { ?s a cg:Source } WHERE { ?s a cg:Source }")
        page.locator("#cg-sparql button[type=submit]").click()
        page.locator("#cg-sparql[data-state='done']").wait_for(timeout=30000)
        summary = page.locator(".cg-sparql-summary").inner_text()
        link = page.locator(".cg-sparql-download").inner_text()
        count = re.match(r"(\d+) triplets? en \d+ ms", summary)
        assert count, summary
        assert link == f"Télécharger les {count.group(1)} triplets en CSV", link
        page.locator("#cg-sparql-text").fill("SELECT ?s WHERE { ?s a cg:Source }")
        page.locator("#cg-sparql button[type=submit]").click()
        page.locator("#cg-sparql[data-state='done']").wait_for(timeout=30000)
        assert "lignes en CSV" in page.locator(".cg-sparql-download").inner_text()
    finally:
        context.close()
        server.shutdown()
        server.server_close()
