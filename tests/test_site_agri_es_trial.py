"""What a new user's trial on a Spanish food-footprint registry (``languages = ["es", "en"]``) found on its site
and in ``diff``: a corporate author cut at its comma and two authors joined by "&" whatever the language; "Ningún(a)
nota de estado registrado(a)"; a formula named in English ("Calculado por product de"); Markdown backticks shown
as such; "kcal/day"; numbers grouped on claim pages but not in the measurands' comparison charts; a code listed
twice; a verdict giving one reading of a number that reads two ways; ``diff`` quoting a value and its edit with
different quote marks. Each registry is made as a user makes one (tests/made_registries.py)."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from claimgraph.site import messages
from claimgraph.site.environment import _NONE_RECORDED

from .conftest import PROJECT, run_cli
from .made_registries import add_claim, add_turtle, checked_site, findings, new_claim, new_registry, page_words
from .made_registries import site_page, site_words

#: the sources of the trial's registry: a ministry braced as one name, two authors, and Doe2021 (new_registry's)
_BIBTEX = """
@book{MAPA2022,
  author = {{Ministerio de Agricultura, Pesca y Alimentación}},
  title  = {Anuario de Estadística Agraria 2022},
  year   = {2022},
}

@article{Poore2018,
  author = {Poore, Joseph and Nemecek, Thomas},
  title  = {Reducing food's environmental impacts through producers and consumers},
  year   = {2018},
}
"""


def _add_bibtex(root: Path, text: str = _BIBTEX) -> None:
    with (root / "bib" / "references.bib").open("a", encoding="utf-8") as bib:
        bib.write(text)


def _claim_citing(root: Path, key: str, claim_id: str, *args: str, kind: str) -> None:
    made = run_cli(
        "new", "claim", "--registry", str(root), "--id", claim_id, "--cites", key, "--measurand", claim_id,
        "--quantity-kind", kind, "--about", claim_id + "-system", *args,
    )  # fmt: skip
    assert made.code == 0, made.err


def _food_registry(tmp_path: Path, languages: tuple[str, ...] = ("es", "en")) -> Path:
    root = new_registry(tmp_path, languages)
    _add_bibtex(root)
    # two yields of the same kind on two systems: the measurands index compares them in a chart of their own
    _claim_citing(
        root, "MAPA2022", "maiz", "--statement", "El maíz rindió 11.800 kg/ha.", "--value", "11800",
        "--unit", "KiloGM-PER-HA", "--quote", "rendimiento medio de 11 800 kg/ha", "--locator", "cuadro 13.5",
        kind="MassPerArea",
    )  # fmt: skip
    _claim_citing(
        root, "MAPA2022", "trigo", "--statement", "El trigo rindió 3200 kg/ha.", "--value", "3200",
        "--unit", "KiloGM-PER-HA", kind="MassPerArea",
    )  # fmt: skip
    # a figure with no unit whose scale word reads two ways (long and short scale): "13.7 billion metric tons" is
    # read as 13.7 Gt since the reader knows metric tons, so the quote leaves the unit out
    _claim_citing(
        root, "Poore2018", "emisiones", "--statement", "La comida emite 13,7 Gt de CO2e.", "--value", "13.7",
        "--unit", "GigaTONNE", "--quote", "food emits 13.7 billion, counted in carbon dioxide equivalents",
        "--locator", "p. 987", "--status", "verifiedPrimary", "--status-note", "p. 987", kind="Mass",
    )  # fmt: skip
    _claim_citing(
        root, "Poore2018", "dieta", "--statement", "La dieta aporta 3300 kcal al día.", "--value", "3300",
        "--unit", "KiloCAL-PER-DAY", kind="Power",
    )  # fmt: skip
    # a product of two claims: its page says by which formula it is computed
    derived = new_claim(
        root, "doble", "--statement", "El doble: 6400 kg/ha.", "--value", "6400", "--unit", "KiloGM-PER-HA",
        "--derived-by", "product", "--operands", "trigo", "2", kind="MassPerArea",
    )  # fmt: skip
    assert derived.code == 0, derived.err
    # a claim marked verified whose two statements do not print its value (CG322 twice), and one with no note
    add_turtle(
        root,
        """
claim:agua a cg:QuantitativeClaim ;
    cg:statement "El vacuno necesita 15000 L/kg."@es , "Beef needs 15000 L/kg."@en ;
    cg:measurand measurand:agua ;
    cg:value [ qudt:numericValue 15415 ; qudt:unit unit:L-PER-KiloGM ] ;
    cg:cites source:Doe2021 ;
    cg:inTextCitation "Doe, 2021" ;
    cg:status status:verifiedPrimary .
measurand:agua a cg:Measurand ; rdfs:label "huella hídrica"@es ; cg:quantityKind quantitykind:SpecificVolume ;
    cg:about system:vacuno .
system:vacuno a cg:System ; rdfs:label "vacuno"@es .

<step/c1> a cg:Conclusion ;
    cg:order 1 ;
    rdfs:label "Huella"@es ;
    cg:text "La comida pesa en el clima."@es ;
    cg:supportedBy claim:emisiones .
""",
    )
    return root


@pytest.fixture(scope="module")
def spanish_site(tmp_path_factory) -> tuple[Path, Path]:
    tmp_path = tmp_path_factory.mktemp("agri-es")
    root = _food_registry(tmp_path)
    return root, checked_site(root, tmp_path / "site")


def _who_says_what(site: Path, slug: str) -> str:
    page = site_page(site, f"claims/{slug}.html")
    start = page.index('id="who-says-what"')
    return page_words(page[start : page.index('id="citation"', start)])


# ------------------------------------------------------------------ 1. a source's short name


def test_a_braced_corporate_author_is_one_name_and_two_authors_are_joined_in_the_site_language(spanish_site):
    _, site = spanish_site
    ministry = "Ministerio de Agricultura, Pesca y Alimentación (2022)"
    # the source page's title, the charts of the measurands, the links of a claim page: the ministry's whole name
    # (cut at its comma it was "Ministerio de Agricultura (2022)", an older ministry's)
    for path in ("sources/mapa2022.html", "measurands/maiz.html", "measurands/index.html", "claims/maiz.html"):
        assert ministry in site_words(site, path), path
        assert "Ministerio de Agricultura (2022)" not in site_words(site, path), path
    # two authors joined by the Spanish "y", never the "&" of an English citation
    for path in ("sources/poore2018.html", "claims/emisiones.html", "measurands/emisiones.html", "index.html"):
        assert "Poore y Nemecek (2018)" in site_words(site, path), path
        assert "Poore & Nemecek" not in site_words(site, path), path


@pytest.mark.parametrize(
    "languages, joined, undated",
    [(("en",), "&", "n.d."), (("fr", "en"), "et", "s. d."), (("de",), "und", "o. J."), (("es",), "y", "s. f.")],
)
def test_short_names_read_the_family_names_as_bibtex_does(tmp_path, languages, joined, undated):
    """BibTeX's name parsing: "First von Last" and "von Last, First" give the family name with its von part,
    a braced name stays whole (commas and "and" in it included); the join and "no date" in the site's words."""
    from claimgraph.registry import load
    from claimgraph.site.model import gather

    root = new_registry(tmp_path, languages)
    _add_bibtex(
        root,
        _BIBTEX
        + """
@report{FAO,
  author = {{Food and Agriculture Organization of the United Nations} and Jan van der Berg},
  title  = {Livestock},
}

@article{Berg2020,
  author = {van der Berg, Jan and Hoekstra, Arjen Y. and others},
  title  = {Water},
  year   = {2020},
}
""",
    )
    short = {source.key: source.short for source in gather(load(root), []).sources}
    assert short["MAPA2022"] == "Ministerio de Agricultura, Pesca y Alimentación (2022)"
    assert short["Poore2018"] == f"Poore {joined} Nemecek (2018)"
    assert short["FAO"] == f"Food and Agriculture Organization of the United Nations {joined} van der Berg ({undated})"
    assert short["Berg2020"] == "van der Berg et al. (2020)"
    assert short["Doe2021"] == "Doe (2021)"


# ------------------------------------------------------------------ 2. a missing text, in a sentence of its own


def test_a_missing_status_note_is_said_in_a_grammatical_sentence(spanish_site):
    _, site = spanish_site
    claim = site_words(site, "claims/agua.html")
    assert "Ninguna nota de estado registrada." in claim
    assert "(a)" not in claim and "Ningún(a)" not in claim


def test_each_kind_of_missing_text_has_its_own_sentence_in_every_language():
    """One sentence per kind of text (the words agree with its noun), none with a placeholder of gender."""
    for language, catalogue in messages.CATALOGUES.items():
        for sentence in [*_NONE_RECORDED.values(), "No {what} recorded."]:
            said = catalogue.get(sentence)
            assert said and said != sentence, (language, sentence)
            assert not re.search(r"\((?:a|e|in|r|s)\)", said), (language, said)
    assert messages.SPANISH["No statement recorded."] == "Ningún enunciado registrado."
    assert messages.FRENCH["No question recorded."] == "Aucune question enregistrée."
    assert messages.GERMAN["No status note recorded."] == "Keine Statusanmerkung erfasst."


# ------------------------------------------------------------------ 3. the formula of a derived claim


def test_the_formula_of_a_derivation_is_named_in_the_site_language(spanish_site):
    _, site = spanish_site
    claim = site_words(site, "claims/doble.html")
    assert "Calculado por producto de" in claim and "product de" not in claim


def test_every_formula_of_the_vocabulary_has_a_german_and_a_spanish_name():
    import rdflib
    from rdflib.namespace import SKOS

    schemes = rdflib.Graph().parse(PROJECT / "ontology" / "schemes.ttl")
    formula = rdflib.Namespace("https://w3id.org/claimgraph/formula#")
    names = {
        str(label)
        for concept in schemes.subjects(SKOS.inScheme, rdflib.URIRef("https://w3id.org/claimgraph/ns#FormulaScheme"))
        for label in schemes.objects(concept, SKOS.prefLabel)
        if label.language == "en" and str(concept).startswith(str(formula))
    }
    assert len(names) >= 13
    for catalogue in (messages.GERMAN, messages.SPANISH):
        assert sorted(name for name in names if name not in catalogue) == []


# ------------------------------------------------------------------ 4. a command in a message, as code


def test_a_command_in_a_message_is_code_not_backticks(spanish_site):
    _, site = spanish_site
    page = site_page(site, "claims/maiz.html")
    said = page[page.index('class="quote-verification"') :]
    said = said[: said.index("</p>")]
    assert "<code>claimgraph sources fetch</code>" in said and "`" not in said
    assert "No buscado: ningún texto de MAPA2022 está disponible aquí (vea claimgraph sources fetch )." in (
        page_words(said)
    )


def test_only_the_catalogue_s_backticks_make_code():
    """A value's backtick is a character of the data (a title): only the message's own backticks are code."""
    phrase = messages.Phrase.of("Not looked for: no text of {key} is available here (see `claimgraph sources fetch`).")
    phrase = messages.Phrase(phrase.message, (("key", "A`b`c"),))
    assert phrase.pieces(messages.FRENCH) == [
        ("Non recherchée : aucun texte de A`b`c n'est disponible ici (voir ", False),
        ("claimgraph sources fetch", True),
        (").", False),
    ]


# ------------------------------------------------------------------ 5. a rate per day


def test_a_rate_per_day_is_written_with_the_day_s_symbol(spanish_site):
    from claimgraph.quantities import unit_symbol

    _, site = spanish_site
    assert "3300 kcal/d" in site_words(site, "claims/dieta.html") and "kcal/day" not in site_words(
        site, "claims/dieta.html"
    )
    assert "3300 kcal/d" in site_words(site, "measurands/index.html")
    # QUDT's symbols for a period under a slash, as for every other unit (the year keeps its "yr")
    unit = "http://qudt.org/vocab/unit/"
    assert [unit_symbol(unit + u) for u in ("KiloCAL-PER-DAY", "L-PER-WK", "CCY_EUR-PER-MO", "TeraW-HR-PER-YR")] == [
        "kcal/d",
        "L/wk",
        "EUR/mo",
        "TWh/yr",
    ]


# ------------------------------------------------------------------ 6. numbers grouped the same everywhere


def test_the_comparison_charts_write_numbers_as_the_claim_pages_do(spanish_site):
    _, site = spanish_site
    # the chart comparing the yields of maize and wheat, on the measurands index
    svg = "".join(re.findall(r'<svg[^>]*class="cg-chart".*?</svg>', site_page(site, "measurands/index.html"), re.S))
    assert ">11.800 kg/ha</text>" in svg and ">10.000</text>" in svg
    assert "11800" not in svg and ">10000<" not in svg
    assert "11.800 kg/ha" in site_words(site, "claims/maiz.html")


def test_counts_and_sizes_are_written_as_the_language_writes_numbers():
    from claimgraph.site.environment import make_environment, template_dirs

    assert messages.counted(messages.SPANISH, "es", "{count} claim", "{count} claims", 12000) == "12.000 afirmaciones"
    env = make_environment(template_dirs(None), ("es",))
    said = env.from_string('{{ t("{count} of them verified", count=12345) }}').render()
    assert html.unescape(said) == "12.345 de ellas verificadas"
    downloads = env.get_template("downloads.md.j2").render(
        root="",
        downloads=[("registry.ttl", "Turtle", 44127)],
        site={"base": "https://e.org/", "licence": None},
    )
    assert "44.127 bytes" in html.unescape(downloads) and "44127" not in downloads


# ------------------------------------------------------------------ 7. a code listed once


def test_the_codes_that_contradict_a_status_are_listed_once(spanish_site):
    root, site = spanish_site
    assert len([f for f in findings(root, "CG322") if f["subject"].endswith("/agua")]) == 2  # one per statement
    page = site_page(site, "claims/agua.html")
    said = page_words(page[page.index('class="cg-status-contradicted"') :].split("</p>")[0])
    assert "Las comprobaciones no confirman este estado: CG322 (" in said and said.count("CG322") == 1


# ------------------------------------------------------------------ 8. both readings of a number, as check gives them


def test_the_verdict_gives_both_readings_of_a_number_that_reads_two_ways(spanish_site):
    root, site = spanish_site
    (read,) = [f for f in findings(root, "CG320") if f["subject"].endswith("/emisiones")]
    assert "(numbers read: 1.37 × 10¹³ (or 13700000000))" in read["message"]
    assert read["facts"]["read"] == [[1.37e13, None]] and read["facts"]["read_also"] == [1.37e10]
    home = site_words(site, "index.html")
    assert "afirma 13,7 Gt; su extracto da 1,37 × 10¹³ (o 13.700.000.000)" in home
    # the claim's "who says what" gives the same two readings
    assert "1,37 × 10¹³ Poore y Nemecek (2018) p. 987, leído en la cita (o 13.700.000.000)" in _who_says_what(
        site, "emisiones"
    )


def test_a_number_read_one_way_has_no_other_reading(spanish_site):
    root, _ = spanish_site
    english = new_registry(root.parent / "english", ("en",))
    add_claim(english, "e", "It used 5 GWh.", "5", "GigaW-HR", quote="it used 7 GWh")
    (read,) = findings(english, "CG320")
    assert read["facts"]["read"] == [[7, "GigaW-HR"]] and read["facts"]["read_also"] == [None]


# ------------------------------------------------------------------ 9. diff quotes a value and its edit alike


def test_diff_quotes_the_old_and_the_new_value_the_same_way(spanish_site, tmp_path):
    root, _ = spanish_site
    new = tmp_path / "new"
    shutil.copytree(root, new)
    bib = new / "bib" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("food's", "food’s"), encoding="utf-8")
    claims = new / "claims" / "claims.ttl"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace('"Beef needs 15000 L/kg."@en', '"Beef needs \\"15415\\" L/kg."@en'),
        encoding="utf-8",
    )
    text = run_cli("diff", str(root), str(new)).out
    assert "~ source Poore2018: title \"Reducing food's environmental" in text
    assert '-> "Reducing food’s environmental' in text and "'Reducing" not in text
    assert 'statement: "Beef needs 15000 L/kg."@en' in text
    assert '-> "Beef needs \\"15415\\" L/kg."@en' in text
    markdown = run_cli("diff", str(root), str(new), "-f", "markdown").out
    assert 'title "Reducing food\'s environmental impacts through producers and consumers" → "Reducing food’s' in (
        markdown
    )
    # the JSON report keeps the source's fields as they are written, without quotes of any kind
    data = json.loads(run_cli("diff", str(root), str(new), "-f", "json").out)
    (title,) = [f for s in data["sources_changed"] for f in s["fields"] if f["field"] == "title"]
    assert title["old"].startswith("Reducing food's") and title["new"].startswith("Reducing food’s")


@pytest.mark.parametrize(
    ("language", "second", "joined"),
    [
        ("es", "Iglesias", "Ruiz e Iglesias"),  # the sound of i: "e"
        ("es", "Ibáñez", "Ruiz e Ibáñez"),
        ("es", "Hidalgo", "Ruiz e Hidalgo"),  # a silent h before i
        ("es", "Hierro", "Ruiz y Hierro"),  # "hie" sounds as y: "y" stays
        ("es", "Nemecek", "Ruiz y Nemecek"),
        ("es-AR", "Iriarte", "Ruiz e Iriarte"),
        ("fr", "Iglesias", "Ruiz et Iglesias"),
        ("en", "Iglesias", "Ruiz & Iglesias"),
    ],
)
def test_two_authors_are_joined_as_the_language_joins_them(language, second, joined):
    from claimgraph.site.messages import pair

    assert pair(language, "Ruiz", second) == joined
