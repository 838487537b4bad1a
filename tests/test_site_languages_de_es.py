"""A registry in German or Spanish, as a new user's trial wrote them: its site speaks the registry's first
language (interface words, status names, numbers written with its decimal comma) under that lang attribute;
a language claimgraph has no words in gets an English interface marked English, and ``build`` says so.
CG203 asks for a statement in one of the registry's languages (the first, by name); saved queries pick texts in the registry's
languages in order, the same rows in ``query``, ``serve`` and the site; ``new claim`` writes its default
status note in the statement's language."""

from __future__ import annotations

import csv
import io
import json
import re
import urllib.parse

import pytest

from claimgraph.registry import load
from claimgraph.site import messages
from claimgraph.site.environment import PACKAGE_SITE_DIR
from claimgraph.sparql.saved import DEFAULT_QUERIES_DIR

from .conftest import http, run_cli
from .made_registries import add_claim, add_turtle, checked_site, findings, new_claim, new_registry, page_words
from .made_registries import site_page, site_words

_MESSAGE = re.compile(r'\bt\("((?:[^"\\]|\\.)*)"')
_COUNTED = re.compile(r'\btn\("((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"')


def _lang(markup: str) -> str:
    return re.search(r'<html lang="([^"]+)"', markup).group(1)


@pytest.mark.parametrize("catalogue", [messages.GERMAN, messages.SPANISH], ids=["de", "es"])
def test_the_german_and_spanish_catalogues_have_every_message(catalogue):
    assert set(messages.FRENCH) <= set(catalogue)
    asked = set()
    for template in (PACKAGE_SITE_DIR / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        asked |= set(_MESSAGE.findall(text)) | {form for forms in _COUNTED.findall(text) for form in forms}
    assert len(asked) > 100 and asked <= set(catalogue) | {m for m in asked if "{count}" in m and m + "s" in catalogue}
    # every field of a message is kept by its translation: a value is never lost (a singular may say "the
    # row" for "{count} row", as the French one does)
    fields = re.compile(r"\{[a-z_]+\}")

    def named(text: str) -> set[str]:
        return set(fields.findall(text)) - {"{count}"}

    assert [k for k, v in catalogue.items() if named(k) != named(v)] == []


def test_numbers_are_written_as_the_language_writes_them():
    assert messages.localised_numbers("1234.5", "de") == "1.234,5"
    assert messages.localised_numbers("1234.5", "es") == "1234,5"  # CLDR: Spanish groups from 5 digits
    assert messages.localised_numbers("3500000", "es-MX") == "3.500.000"
    assert messages.localised_numbers("3.14 × 10²³", "de") == "3,14 × 10²³"
    assert messages.localised_numbers("20–40", "de") == "20–40"
    # French groups with a narrow no-break space from 4 digits; English sites print numbers as they always have
    assert messages.localised_numbers("1234.5", "fr") == "1\u202f234,5"
    assert messages.localised_numbers("1234.5", "en") == "1234.5"
    assert messages.localised_quantity("0.4 kgCO2e/kWh", "kgCO2e/kWh", "de") == "0,4 kgCO2e/kWh"


def _made_site(tmp_path, languages, statements):
    root = new_registry(tmp_path, languages)
    first, second = statements
    add_claim(root, "c1", first[0], "19.95", "TeraW-HR", quote=first[1], more=("--measurand", "m1"))
    add_claim(root, "c2", second, "1234.5", "MegaW-HR", more=("--measurand", "m1"))
    return root, checked_site(root, tmp_path / "site")


_ENGLISH_INTERFACE = (
    "What the checks found",
    "Claims by verification status",
    "Who says what",
    "Identifiers and data",
    "Statement",
    "not found in the cited source",
    "Check report",
    "How to read this site",
)


def test_a_german_registry_gets_a_german_site(tmp_path):
    root, site = _made_site(
        tmp_path,
        ("de",),
        (("Das Training verbrauchte 19,95 TWh.", "rund 19,95 TWh"), "Ein Lauf brauchte 1234,5 MWh."),
    )
    for path in ("index.html", "claims/index.html", "claims/c1.html", "measurands/m1.html", "report/index.html"):
        assert _lang(site_page(site, path)) == "de", path
    home, claim, claims = (
        site_words(site, "index.html"),
        site_words(site, "claims/c1.html"),
        site_words(site, "claims/index.html"),
    )
    assert "Was die Prüfungen ergaben" in home and "Aussagen nach Prüfstatus" in home and "Suche" in home
    assert "Wer sagt was" in claim and "Kennungen und Daten" in claim and "Prüfbericht" in claim
    assert "ungeprüft" in claims  # the status's name, from the catalogue: the vocabulary has none in German
    for english in _ENGLISH_INTERFACE:
        assert english not in home and english not in claim, english
    # numbers with the decimal comma and the German grouping, in the tables, the claim page and the charts
    assert "19,95 TWh" in claims and "1.234,5 MWh" in claims and "19.950.000 MWh" in claim
    assert "19.95 TWh" not in claims and "1234.5 MWh" not in claims
    chart = site_page(site, "measurands/m1.html")
    assert ">1.234,5 MWh</text>" in chart and ">19,95 TWh</text>" in chart
    # the unit's symbol keeps its digits; the data keeps its own words
    assert "Das Training verbrauchte 19,95 TWh." in claim
    assert 'cg:statusNote "Noch nicht an der Quelle geprüft."@de' in (root / "claims" / "claims.ttl").read_text(
        encoding="utf-8"
    )


def test_a_spanish_registry_gets_a_spanish_site(tmp_path):
    _root, site = _made_site(
        tmp_path,
        ("es", "en"),
        (("El entrenamiento consumió 19,95 TWh.", "unos 19,95 TWh"), "Una ejecución usó 1234,5 MWh."),
    )
    for path in ("index.html", "claims/index.html", "claims/c1.html"):
        assert _lang(site_page(site, path)) == "es", path
    home, claim, claims = (
        site_words(site, "index.html"),
        site_words(site, "claims/c1.html"),
        site_words(site, "claims/index.html"),
    )
    assert "Qué encontraron las comprobaciones" in home and "Afirmaciones por estado de verificación" in home
    assert (
        "Quién dice qué" in claim and "Identificadores y datos" in claim and "Buscar" in site_page(site, "index.html")
    )
    assert "no verificada" in claims
    for english in _ENGLISH_INTERFACE:
        assert english not in home and english not in claim, english
    assert "19,95 TWh" in claims and "1234,5 MWh" in claims and "19.950.000 MWh" in claim


def test_a_language_without_words_gets_an_english_interface_marked_english(tmp_path):
    root = new_registry(tmp_path, ("it",))
    add_claim(root, "c1", "L'addestramento ha consumato 19,95 TWh.", "19.95", "TeraW-HR", more=("--measurand", "m1"))
    built = run_cli("build", "--registry", str(root), "--out", str(tmp_path / "site"))
    assert built.code == 0, built.err
    assert "no interface words in 'it'" in built.err and 'lang="en"' in built.err
    page = site_page(tmp_path / "site", "claims/c1.html")
    assert _lang(page) == "en" and _lang(site_page(tmp_path / "site", "index.html")) == "en"
    assert "Who says what" in page_words(page) and "19.95 TWh" in page_words(page)
    assert '<p lang="it">' in page  # the data keeps its language
    # a language with words says nothing of the kind
    german = new_registry(tmp_path / "de", ("de",))
    built = run_cli("build", "--registry", str(german), "--out", str(tmp_path / "de-site"))
    assert built.code == 0 and "interface words" not in built.err


def test_cg203_asks_for_a_statement_in_the_registry_languages(tmp_path):
    root = new_registry(tmp_path, ("de", "en"))
    add_claim(root, "german", "Ein Lauf brauchte 12 MWh.", "12", "MegaW-HR", more=("--measurand", "m1"))
    add_claim(root, "english", "A run took 12 MWh.", "12", "MegaW-HR", more=("--measurand", "m1", "--lang", "en"))
    add_turtle(
        root,
        'claim:spanish a cg:Claim ; cg:statement "Una ejecución usó 12 MWh."@es ; cg:cites source:Doe2021 ;\n'
        '    cg:status status:unverified ; cg:statusNote "Sin comprobar."@es .',
    )
    found = {f["subject"].rsplit("/", 1)[-1]: f["message"] for f in findings(root, "CG203")}
    # the claim in Spanish alone is read by no reader of the registry's languages: asked for its German
    # statement; the German and the English ones are read (CG201's message asks for the other languages)
    assert list(found) == ["spanish"], found
    assert "any language of the registry (German, English;" in found["spanish"] and '"…"@de' in found["spanish"]
    only_german = new_registry(tmp_path / "g", ("de",))
    add_claim(only_german, "german", "Ein Lauf brauchte 12 MWh.", "12", "MegaW-HR", more=("--measurand", "m1"))
    assert findings(only_german, "CG203") == []
    unknown = new_registry(tmp_path / "z", ("zz",))
    add_claim(unknown, "c", "A run took 12 MWh.", "12", "MegaW-HR", more=("--measurand", "m1", "--lang", "en"))
    assert ["(zz;" in f["message"] for f in findings(unknown, "CG203")] == [True]


def _rows(text: str) -> list[dict]:
    return [dict(row) for row in csv.DictReader(io.StringIO(text))]


def test_saved_queries_pick_the_registry_languages_in_order_everywhere(tmp_path):
    from claimgraph.sparql.server import SparqlServer

    root = new_registry(tmp_path, ("de", "en"))
    add_claim(root, "c1", "Ein Lauf brauchte 12 MWh.", "12", "MegaW-HR", more=("--measurand", "m1"))
    add_claim(root, "c2", "Ein Lauf brauchte 14 MWh.", "14", "MegaW-HR", more=("--measurand", "m1"))
    # the measurand's id-made label is untagged: labels in Spanish, English and German, the German preferred
    add_turtle(root, 'measurand:m1 rdfs:label "energía"@es , "energy"@en , "Energie"@de .')
    cli = run_cli("query", "--registry", str(root), "--format", "csv", "measurand-spread")
    assert cli.code == 0, cli.err
    rows = _rows(cli.out)
    assert [row["label"] for row in rows] == ["Energie"]
    site = checked_site(root, tmp_path / "site")
    assert _rows((site / "sparql" / "measurand-spread.csv").read_text(encoding="utf-8")) == rows
    # the query the site shows, and the one its query page in the browser runs, name the registry's languages
    shown = re.sub(r"\s+", "", page_words(site_page(site, "sparql/measurand-spread.html")))  # (highlighted)
    assert 'BIND("deen-"AS?registryLanguages)' in shown
    offered = json.loads((site / "sparql" / "queries.json").read_text(encoding="utf-8"))
    assert 'BIND(" de en - " AS ?registryLanguages)' in json.dumps(offered, ensure_ascii=False).replace('\\"', '"')
    with SparqlServer(load(root), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        status, _headers, body = http(server, "/queries/measurand-spread.rq")
        assert status == 200
        text = body.decode("utf-8")
        assert 'BIND(" de en - " AS ?registryLanguages)' in text
        query = urllib.parse.urlencode({"query": text})
        status, _headers, body = http(server, f"/sparql?{query}", headers={"Accept": "text/csv"})
        assert status == 200
        assert [row["label"] for row in _rows(body.decode("utf-8"))] == ["Energie"]
    # run as it stands elsewhere, the query prefers English
    raw = (DEFAULT_QUERIES_DIR / "measurand-spread.rq").read_text(encoding="utf-8")
    plain = run_cli("query", "-r", str(root), "-f", "json", raw)
    assert plain.code == 0, plain.err
    assert [b["label"]["value"] for b in json.loads(plain.out)["results"]["bindings"]] == ["energy"]


def test_the_default_status_note_is_in_the_statement_language(tmp_path):
    root = new_registry(tmp_path, ("es",))
    made = new_claim(root, "c1", "--statement", "Una ejecución usó 12 MWh.", "--value", "12", "--unit", "MegaW-HR")
    assert made.code == 0, made.err
    other = new_claim(
        root, "c2", "--statement", "Un run ha usato 12 MWh.", "--lang", "it", "--value", "12", "--unit", "MegaW-HR"
    )
    assert other.code == 0, other.err
    written = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert 'cg:statusNote "Aún no comprobada en la fuente."@es' in written
    # no words of claimgraph's in Italian: English words, tagged English
    assert 'cg:statusNote "Not yet checked against the source."@en' in written
