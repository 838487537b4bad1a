"""Defects a reviewer's trial of the site found, each run through the real commands on a registry made by
``claimgraph init``, ``new source`` and ``new claim`` as a user makes one, and on the site ``build`` makes:

* a yearly amount ("uses 12,000 kWh per year", "400 kg de CO2 par an") was read as a rate only, so a claim
  of 12,000 kWh got CG322 and CG320 and its conclusion was called not supported;
* on a French-first registry the home page's argument map and the charts' tooltips were English;
* ``new claim --status-note`` tagged the note @en whatever the registry's language;
* the bundled deck's wording ("the deck's words", "the slide's title") was in every registry's findings;
* a conclusion's page showed no verdict, and its box on the map only its weakest claim's status;
* "who says what" and the verdict box left out the figure the quote gives (CG320), whose hint told a claim
  marked discrepancy to mark it so;
* counts took the English plural ("1 sources", "1 claims"), in French too;
* chart CSVs wrote 400.0 where the tables write 400.
"""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef


from claimgraph.numbers_in_text import read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity

from .conftest import PROJECT, run_cli
from .made_registries import (
    add_claim,
    add_turtle,
    checked_site,
    findings,
    new_claim,
    new_registry,
    number_findings,
    page_words,
    site_page,
)

# ------------------------------------------------------------------ 1. a yearly amount states the amount


@pytest.mark.parametrize(
    "text, languages, value, unit",
    [
        ("A house uses 12,000 kWh per year.", ("en",), 12000, "KiloW-HR"),
        ("une maison consomme 12 000 kWh par an", ("fr",), 12000, "KiloW-HR"),
        ("400 kg de CO2 par an", ("fr",), 400, "KiloGM"),
        ("400 kg of CO2 per month", ("en",), 400, "KiloGM"),
        ("3 t CO2e per year", ("en",), 3, "TONNE"),
    ],
)
def test_an_amount_per_period_states_the_amount(text, languages, value, unit):
    assert states(Quantity(unit=UNIT_NS + unit, value=float(value), lexical=str(value)), text, languages)
    # read as the rate it is written as: a claim that is a rate is matched on the rate
    (number,) = [number for number in read_numbers(text, languages).numbers if not number.alternative]
    assert "-PER-" in (number.unit or "")


@pytest.mark.parametrize(
    "claim_unit, value, text, stated",
    [
        ("KiloW-HR-PER-YR", 12000, "12,000 kWh per year", True),
        ("KiloW-HR-PER-YR", 12000, "12,000 kWh", False),  # a rate is not stated by an amount
        ("MegaW-HR-PER-YR", 12, "12,000 kWh per year", True),
        ("KiloW-HR", 1000, "12,000 kWh per year", False),  # the amount is still compared
        ("GM", 400, "400 g de CO2 par kWh", False),  # only a period: g per kWh is no mass
        ("KiloW-HR", 12, "12 kWh per hour", False),  # an hour is not a period an amount is counted over
    ],
)
def test_a_rate_claim_is_matched_on_the_rate(claim_unit, value, text, stated):
    quantity = Quantity(unit=UNIT_NS + claim_unit, value=float(value), lexical=str(value))
    assert states(quantity, text, ("en", "fr")) is stated


@pytest.mark.parametrize(
    "statement, french, quote",
    [
        (
            "A house uses 12,000 kWh per year.",
            "Une maison consomme 12 000 kWh par an.",
            "a typical house uses 12,000 kWh per year",
        ),
        ("A house emits 400 kg of CO2 a year.", "Une maison émet 400 kg de CO2 par an.", "400 kg de CO2 par an"),
    ],
)
def test_a_yearly_amount_gives_no_finding(tmp_path, statement, french, quote):
    root = new_registry(tmp_path, ("fr", "en"))
    unit = "KiloGM" if "kg" in quote else "KiloW-HR"
    value = "400" if "kg" in quote else "12000"
    kind = "Mass" if unit == "KiloGM" else "Energy"
    add_claim(root, "c1", french, value, unit, quote=quote, translation=("en", statement), kind=kind)
    assert number_findings(root) == []


def test_a_wrong_yearly_amount_is_still_caught(tmp_path):
    root = new_registry(tmp_path)
    add_claim(
        root, "c1", "A house uses 12,000 kWh per year.", "12000", "KiloW-HR", quote="a house uses 10,000 kWh per year"
    )
    assert [code for code, _ in number_findings(root)] == ["CG320"]


# ------------------------------------------------------------------ a French-first registry with an argument


#: A share of 80 % whose quote gives 60 %: the trial's contradicted figure.
SHARE_QUOTING_60 = {"quote": "the share was 60 % in 2020", "locator": "p. 5", "kind": "DimensionlessRatio"}


def _argument_registry(tmp_path: Path) -> Path:
    """A registry whose first language is French, as the trial's: a step with a label in each language, a
    conclusion resting on a claim its quote contradicts (80 % claimed, 60 % quoted, marked discrepancy)."""
    root = new_registry(tmp_path, ("fr", "en"))
    add_claim(
        root,
        "scop",
        "Le SCOP est de 2,8.",
        "2.8",
        "UNITLESS",
        quote="a mean SCOP of 2.8",
        locator="p. 4",
        translation=("en", "The SCOP is 2.8."),
        kind="DimensionlessRatio",
        more=("--status", "verifiedPrimary", "--status-note", "Lu dans le tableau 2."),
    )
    add_claim(
        root,
        "share",
        "La part est de 80 %.",
        "80",
        "PERCENT",
        translation=("en", "The share is 80 %."),
        **SHARE_QUOTING_60,
        more=("--status", "discrepancy", "--status-note", "La source donne 60 %."),
    )
    add_turtle(
        root,
        """
measurand:scop rdfs:label "coefficient of performance"@en .

<step/s1> a cg:ArgumentStep ;
    cg:order 1 ;
    rdfs:label "Rendement"@fr , "Performance"@en ;
    cg:text "Le SCOP est d'environ 2,8."@fr , "The SCOP is about 2.8."@en ;
    cg:supportedBy claim:scop .

<step/c1> a cg:Conclusion ;
    cg:order 2 ;
    rdfs:label "Part des pompes"@fr , "Share of heat pumps"@en ;
    cg:text "La part est de 80 %."@fr , "The share is 80 %."@en ;
    cg:supportedBy claim:share .
""",
    )
    return root


@pytest.fixture(scope="module")
def french_site(tmp_path_factory) -> Path:
    tmp_path = tmp_path_factory.mktemp("french")
    return checked_site(_argument_registry(tmp_path), tmp_path / "site")


def _map(site: Path) -> str:
    home = site_page(site, "index.html")
    start = home.index('<div class="cg-argument-map"')
    return home[start : home.index("</ol></div>", start)]


# ------------------------------------------------------------------ 2. the map in the site's language


def test_the_argument_map_speaks_the_sites_language(french_site):
    argument_map = _map(french_site)
    words = page_words(argument_map)
    assert "Rendement" in words and "Performance" not in words  # the step's label in the site's language
    assert "Étape 1" in words and "Step" not in words
    assert 'aria-label="Statuts de vérification"' in argument_map
    assert "aria-label=\"Carte de l'argumentaire" in html.unescape(argument_map)
    tooltips = html.unescape(" ".join(re.findall(r'title="([^"]*)"', argument_map)))
    assert "Étape 1 : Rendement" in tooltips
    assert "Le SCOP est de 2,8. — vérifiée dans la source primaire ; soutient l'étape" in tooltips
    for english in ("supports the step", "weakest claim", "The SCOP is 2.8.", "verified"):
        assert english not in tooltips
    # the step's own page says the same as its box
    assert "Rendement" in page_words(site_page(french_site, "argument/s1.html"))
    # a claim's box is named by its measurand's French label, as the measurand's page is
    labels = [html.unescape(label) for label in re.findall(r'<span class="cg-map-label">([^<]*)</span>', argument_map)]
    assert "2,8 · scop" in labels and "coefficient of performance" not in words
    assert '<h1 id="measurand">scop</h1>' in site_page(french_site, "measurands/scop.html")


def test_the_chart_tooltips_speak_the_sites_language(tmp_path):
    root = new_registry(tmp_path, ("fr", "en"))
    for claim_id, value in (("a", "2.8"), ("b", "3.4")):
        added = new_claim(
            root,
            claim_id,
            "--statement",
            f"Le SCOP est de {value.replace('.', ',')}.",
            "--translation",
            "en",
            f"The SCOP is {value}.",
            "--value",
            value,
            "--unit",
            "UNITLESS",
            "--status",
            "unverified",
            measurand="scop",
            kind="DimensionlessRatio",
        )
        assert added.code == 0, added.err
    checked_site(root, tmp_path / "site")
    page = site_page(tmp_path / "site", "measurands/scop.html")
    tooltips = html.unescape(" ".join(re.findall(r"<title>([^<]*)</title>", page)))
    assert "(non vérifiée) — Le SCOP est de 2,8." in tooltips, tooltips
    assert "unverified" not in tooltips and "The SCOP" not in tooltips


def test_the_map_and_chart_words_have_their_french():
    """Every message the map asks the catalogue for has a French entry (as the templates' do)."""
    from claimgraph.site import argument_map, messages

    source = Path(argument_map.__file__).read_text(encoding="utf-8")
    asked = set(re.findall(r'\bt\(\s*"((?:[^"\\]|\\.)*)"', source)) | set(argument_map.ROLE_LABELS.values())
    asked |= set(argument_map.KIND_LABELS.values()) | {"Step"}
    assert len(asked) > 10
    assert sorted(m for m in asked if m not in messages.FRENCH) == []


# ------------------------------------------------------------------ 3. a status note in the registry's language


def test_a_status_note_is_tagged_with_the_statements_language(tmp_path):
    root = new_registry(tmp_path, ("fr", "en"))
    added = new_claim(
        root,
        "c1",
        "--statement",
        "La part est de 80 %.",
        "--value",
        "80",
        "--unit",
        "PERCENT",
        "--status",
        "verifiedPrimary",
        "--status-note",
        "Lu dans le tableau 2.",
        kind="DimensionlessRatio",
    )
    assert added.code == 0, added.err
    english = new_claim(
        root,
        "c2",
        "--statement",
        "The share is 80 %.",
        "--lang",
        "en",
        "--value",
        "80",
        "--unit",
        "PERCENT",
        "--status",
        "verifiedPrimary",
        "--status-note",
        "Read in Table 2.",
        measurand="c1",
        kind="DimensionlessRatio",
    )
    assert english.code == 0, english.err
    unverified = new_claim(
        root,
        "c3",
        "--statement",
        "La part est de 81 %.",
        "--value",
        "81",
        "--unit",
        "PERCENT",
        measurand="c1",
        kind="DimensionlessRatio",
    )
    assert unverified.code == 0, unverified.err
    written = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert 'cg:statusNote "Lu dans le tableau 2."@fr' in written
    assert 'rdfs:label "c1" ;' in written  # the measurand's label, made from its id: in no language
    assert 'cg:statusNote "Read in Table 2."@en' in written  # --lang en: the note is the statement's language
    # the note claimgraph writes for an unverified claim is in its statement's language too
    assert 'cg:statusNote "Pas encore vérifiée dans la source."@fr' in written
    graph = Graph().parse(root / "claims" / "claims.ttl", format="turtle", publicID="https://example.org/r/")
    notes = {
        str(note): note.language for note in graph.objects(None, URIRef("https://w3id.org/claimgraph/ns#statusNote"))
    }
    assert notes["Lu dans le tableau 2."] == "fr"


# ------------------------------------------------------------------ 4. no registry is told about "the deck"


def test_no_finding_speaks_of_a_deck_or_slides_it_does_not_have(tmp_path):
    """A registry with a step without text, a claim without a statement in any language, and a wrong
    number in a statement: its findings, hints and shipped queries speak in its own terms."""
    root = new_registry(tmp_path, ("de", "en"))
    added = new_claim(
        root,
        "c1",
        "--statement",
        "Der Wert ist 5 kWh.",
        "--value",
        "4",
        "--unit",
        "KiloW-HR",
        "--in-text-citation",
        "Roe, 2020",
    )
    assert added.code == 0, added.err
    add_turtle(
        root,
        """
<step/s1> a cg:ArgumentStep ; cg:order 1 ; cg:uses claim:c1 .
claim:c2 a cg:Claim ; cg:statement "no language" ; cg:cites source:Doe2021 ;
    cg:status status:unverified ; cg:statusNote "n"@en .
""",
    )
    found = findings(root)
    codes = {f["code"] for f in found}
    assert {"CG201", "CG251", "CG252", "CG302", "CG322"} <= codes, codes
    for finding in found:
        words = f"{finding['message']} {finding.get('hint') or ''}".lower()
        assert "deck" not in words and "slide" not in words, finding
    for finding in found:
        if finding["code"] in ("CG201", "CG251", "CG252"):
            assert "languages in claimgraph.toml" in finding["message"], finding
    for query in (PROJECT / "queries").glob("*.rq"):
        assert "deck" not in query.read_text(encoding="utf-8").lower(), query


# ------------------------------------------------------------------ 5. a conclusion's page and box say its verdict


def _admonition(page: str, title_start: str) -> str:
    """The words of the admonition whose title starts with ``title_start``."""
    start = page.index(title_start)
    begin = page.rindex('<div class="admonition', 0, start)
    end = page.index("</div>", start)
    return page_words(page[begin:end])


def test_a_conclusions_page_and_its_map_box_give_the_home_pages_verdict(french_site):
    home = site_page(french_site, "index.html")
    conclusion = site_page(french_site, "argument/c1.html")
    verdict = "Part des pompes : Non étayée telle qu'énoncée"  # (French puts a space before the colon)
    home_box = _admonition(html.unescape(home), verdict)
    page_box = _admonition(html.unescape(conclusion), verdict)
    assert "repose sur 1 affirmation" in home_box and "share" in home_box
    # the same box, word for word (its one link leads to the same page from either place)
    assert page_box == home_box
    assert 'id="verdict"' in conclusion and "how-verdicts-are-reached" in conclusion
    # a step that is no conclusion has no verdict of its own
    assert 'id="verdict"' not in site_page(french_site, "argument/s1.html")
    # the map's box for the conclusion says the same verdict, its border still its weakest claim's status colour
    box = re.search(r'<a class="cg-node cg-step" href="argument/c1.html"[^>]*>.*?</a>', _map(french_site)).group(0)
    assert '<span class="cg-map-verdict cg-verdict-contradicted">' in box
    assert "Non étayée telle qu'énoncée" in html.unescape(box)
    assert "Non étayée telle qu'énoncée" in html.unescape(re.search(r'title="([^"]*)"', box).group(1))
    discrepancy = re.search(r"border-color:(#[0-9a-f]+)", box).group(1)
    legend = re.search(r'<ul class="cg-map-legend".*?</ul>', _map(french_site)).group(0)
    assert f'background:{discrepancy}"></span>divergence' in legend
    step_box = re.search(r'<a class="cg-node cg-step" href="argument/s1.html"[^>]*>.*?</a>', _map(french_site)).group(0)
    assert "cg-map-verdict" not in step_box


# ------------------------------------------------------------------ 6. the figures a quote gives, said where they are


def test_who_says_what_and_the_verdict_give_the_figure_the_quote_reads(french_site):
    claim = html.unescape(site_page(french_site, "claims/share.html"))
    start = claim.index('id="who-says-what"')
    who = page_words(claim[start : claim.index('id="citation"', start)])
    # the claim's 80 % and the quote's 60 % (its year left out: no percentage), with where it stands
    assert "tel qu'imprimé 80 %" in who and "dans la source citée 60 % Doe (2021) p. 5, lu dans la citation" in who
    assert "2020" not in who and "aucune citation ne porte de valeur propre" not in who
    home_box = _admonition(html.unescape(site_page(french_site, "index.html")), "Part des pompes :")
    assert "affirme 80% ; sa citation donne 60%" in home_box


def test_cg320_gives_the_figures_it_read_and_no_hint_to_set_the_status_the_claim_has(tmp_path):
    root = new_registry(tmp_path)
    for claim_id, status in (("marked", ("--status", "discrepancy", "--status-note", "p. 5 says 60 %.")), ("open", ())):
        add_claim(root, claim_id, "The share is 80 %.", "80", "PERCENT", **SHARE_QUOTING_60, more=status)
    found = {f["subject"].rsplit("/", 1)[-1]: f for f in findings(root) if f["code"] == "CG320"}
    assert set(found) == {"marked", "open"}
    for finding in found.values():
        assert finding["facts"] == {
            "claimed": 80,
            "claimed_unit": "PERCENT",
            "read": [[60, "PERCENT"]],
            "read_also": [None],  # (60 % reads one way: no other reading, as check's message gives none)
            "read_other": [],  # (no number of another dimension, nor one whose unit is not read)
            "locator": "p. 5",
        }
    assert "set cg:status status:discrepancy" in found["open"]["hint"]
    assert "set cg:status" not in found["marked"]["hint"] and "marked status:discrepancy" in found["marked"]["hint"]


# ------------------------------------------------------------------ 7. plurals, in the site's language


def _one_claim_registry(tmp_path: Path, languages: tuple[str, ...]) -> Path:
    root = new_registry(tmp_path, languages)
    added = new_claim(
        root,
        "c1",
        "--statement",
        "The demand is 12,000 kWh.",
        "--lang",
        "en",
        "--quote",
        "a demand of 12,000 kWh",
        "--locator",
        "p. 1",
        "--value",
        "12000",
        "--unit",
        "KiloW-HR",
        "--status",
        "verifiedPrimary",
        "--status-note",
        "p. 1.",
    )
    assert added.code == 0, added.err
    return root


@pytest.mark.parametrize(
    "languages, footer",
    [
        (("en",), "1 source, 1 measurand, 0 check findings"),
        (("fr", "en"), "1 source, 1 mesurande, 0 constat des vérifications"),
    ],
)
def test_the_status_tables_footer_counts_in_the_catalogues_plural_forms(tmp_path, languages, footer):
    root = _one_claim_registry(tmp_path, languages)
    assert [f["code"] for f in findings(root)] == []
    built = run_cli("build", "--registry", str(root), "--out", str(tmp_path / "site"))
    assert built.code == 0, built.err
    assert re.search(r"claimgraph build: \d+ pages \(1 claim, 0 findings\) in ", built.err), built.err
    assert footer in page_words(site_page(tmp_path / "site", "index.html"))


@pytest.mark.parametrize(
    "language, count, one",
    [
        ("en", 1, True),
        ("en", 0, False),
        ("en", 2, False),
        ("fr", 0, True),
        ("fr", 1, True),
        ("fr-CA", 1.5, True),
        ("fr", 2, False),
        ("de", 0, False),
    ],
)
def test_the_plural_rule_of_each_language(language, count, one):
    from claimgraph.site.messages import plural_is_one

    assert plural_is_one(language, count) is one


def test_both_forms_of_every_counted_message_have_their_french():
    from claimgraph.site import messages
    from claimgraph.site.environment import PACKAGE_SITE_DIR

    counted = re.compile(r'\btn\("((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"')
    forms = [
        form
        for template in (PACKAGE_SITE_DIR / "templates").glob("*.j2")
        for pair in counted.findall(template.read_text(encoding="utf-8"))
        for form in pair
    ]
    assert len(forms) >= 20
    assert [form for form in forms if form not in messages.FRENCH] == []
    # no template picks a form by the English rule any more
    for template in (PACKAGE_SITE_DIR / "templates").glob("*.j2"):
        assert '"s" if' not in template.read_text(encoding="utf-8") and '"s")' not in template.read_text(
            encoding="utf-8"
        )


# ------------------------------------------------------------------ 8. chart CSVs write numbers as the tables do


def test_a_charts_csv_writes_numbers_as_the_claims_tables_do(tmp_path):
    root = new_registry(tmp_path)
    for claim_id, value in (("a", "400"), ("b", "10000"), ("c", "0.25")):
        added = new_claim(
            root,
            claim_id,
            "--statement",
            f"It is {value} kg.",
            "--value",
            value,
            "--unit",
            "KiloGM",
            measurand="mass",
            kind="Mass",
        )
        assert added.code == 0, added.err
    checked_site(root, tmp_path / "site")
    rows = list(csv.DictReader(io.StringIO(site_page(tmp_path / "site", "measurands/mass-1.csv"))))
    assert sorted(row["value"] for row in rows) == ["0.25", "10000", "400"]
    table = page_words(site_page(tmp_path / "site", "claims/index.html"))
    assert all(f"{row['value']} kg" in table for row in rows), table


def test_a_verified_claim_the_checks_contradict_says_so_under_its_status(tmp_path):
    # "The claim agrees, within its rounding, with the source" stood alone above the CG320 saying it does not
    root = new_registry(tmp_path, ("en",))
    add_claim(
        root, "chat", "A request uses 10 Wh.", "10", "W-HR", quote="about 2.9 Wh per request",
        more=("--status", "verifiedPrimary", "--status-note", "Read p. 1."),
    )  # fmt: skip
    add_claim(
        root, "search", "A search uses 0.3 Wh.", "0.3", "W-HR", quote="0.3 Wh per search",
        more=("--status", "verifiedPrimary", "--status-note", "Read p. 1."),
    )  # fmt: skip
    assert [f["code"] for f in findings(root, "CG320")] == ["CG320"]
    out = tmp_path / "site"
    assert run_cli("build", "--registry", str(root), "--out", str(out)).code == 0
    said = "The checks do not bear this status out: CG320"
    assert said in page_words(site_page(out, "claims/chat.html"))
    assert "do not bear this status out" not in page_words(site_page(out, "claims/search.html"))


def test_the_claims_table_has_a_slide_column_only_where_claims_are_numbered_by_slide(tmp_path):
    # a registry that is no deck showed an empty "Slide" column on its list of claims
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "a", "It used 10 Wh.", "10", "W-HR", quote="it used 10 Wh")
    out = tmp_path / "site"
    assert run_cli("build", "--registry", str(root), "--out", str(out)).code == 0
    assert ">Slide</th>" not in site_page(out, "claims/index.html")
    add_turtle(root, "claim:a cg:slide 3 .")
    assert run_cli("build", "--registry", str(root), "--out", str(out)).code == 0
    table = site_page(out, "claims/index.html")
    assert ">Slide</th>" in table and '<td style="text-align: right;">3</td>' in table
