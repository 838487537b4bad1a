"""The site speaks the registry's first language (``languages`` in claimgraph.toml): its page language,
its interface words and its status names; passages come in the order of the settings' languages."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from claimgraph.registry import load
from claimgraph.site import build_site
from claimgraph.site import messages
from claimgraph.site.environment import PACKAGE_SITE_DIR

from .conftest import FIXTURES, PROJECT


def _text(page: Path) -> str:
    raw = page.read_text(encoding="utf-8")
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def _lang(page: Path) -> str:
    return re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8")).group(1)


@pytest.fixture(scope="module")
def english_site(tmp_path_factory):
    """The example registry, whose settings say ``languages = ["en"]``."""
    root = tmp_path_factory.mktemp("english") / "registry"
    shutil.copytree(PROJECT / "examples" / "ml-training-energy", root)
    assert 'languages = ["en"]' in (root / "claimgraph.toml").read_text(encoding="utf-8")
    out = root.parent / "site"
    build_site(load(root), out)
    return out


@pytest.fixture(scope="module")
def french_site(tmp_path_factory):
    """The small valid registry (``languages = ["fr", "en"]``)."""
    out = tmp_path_factory.mktemp("french") / "site"
    build_site(load(FIXTURES / "valid"), out)
    return out


@pytest.fixture(scope="module")
def english_first_site(tmp_path_factory):
    """The small valid registry with its languages the other way round: ``["en", "fr"]``."""
    root = tmp_path_factory.mktemp("english-first") / "registry"
    shutil.copytree(FIXTURES / "valid", root)
    settings = root / "claimgraph.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('languages = ["fr", "en"]', 'languages = ["en", "fr"]'),
        encoding="utf-8",
    )
    out = root.parent / "site"
    build_site(load(root), out)
    return out


def test_an_english_registry_gets_an_english_site(english_site):
    home, claims = english_site / "index.html", english_site / "claims" / "index.html"
    claim = next(p for p in sorted((english_site / "claims").glob("*.html")) if p.name != "index.html")
    for page in (home, claims, claim):
        assert _lang(page) == "en", page
    assert "What the checks found" in _text(home) and "Claims by verification status" in _text(home)
    assert "<th>Statement</th>" in claims.read_text(encoding="utf-8")
    text = _text(claim)
    assert "Who says what" in text and "Identifiers and data" in text
    assert "verified against the primary source" in _text(claims)  # a status in words
    assert "Affirmation" not in text and "vérifiée" not in _text(claims)
    config = (english_site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"lang":["en"]' in config.replace(" ", "")


def test_a_french_registry_gets_a_french_site(french_site):
    home, claims = french_site / "index.html", french_site / "claims" / "index.html"
    claim = french_site / "claims" / "model-training-energy.html"
    for page in (home, claims, claim, french_site / "sources" / "doe2021.html", french_site / "report" / "index.html"):
        assert _lang(page) == "fr", page
    assert "Ce que les vérifications ont trouvé" in _text(home)
    assert "Affirmations par statut de vérification" in _text(home)
    table = claims.read_text(encoding="utf-8")
    assert "<th>Énoncé</th>" in table and "<th>Statut</th>" in table
    # status names in words, in the interface's language (the vocabulary's SKOS labels)
    assert "vérifiée dans la source primaire" in _text(claims)
    assert "verified against the primary source" not in _text(claims)
    text = _text(claim)
    assert "Qui dit quoi" in text and "Identifiants et données" in text and "Extraits" in text
    # the navigation and the theme's own words (its search box) are French too
    assert "Rapport de vérification" in text and "Téléchargements" in text
    assert 'aria-label="Rechercher"' in claim.read_text(encoding="utf-8")
    # the section anchors stay the same in every language
    assert 'id="who-says-what"' in claim.read_text(encoding="utf-8")
    assert 'id="what-the-checks-found"' in home.read_text(encoding="utf-8")


def test_passages_follow_the_order_of_the_settings_languages(french_site, english_first_site):
    def order(site: Path) -> list[str]:
        page = (site / "claims" / "model-training-energy.html").read_text(encoding="utf-8")
        statement = page[page.index('id="statement"') : page.index('id="value"')]
        return re.findall(r'<p lang="([a-z]+)"><strong>', statement)

    assert order(french_site) == ["fr", "en"]
    assert order(english_first_site) == ["en", "fr"]
    assert _lang(english_first_site / "index.html") == "en"
    assert "verified against the primary source" in _text(english_first_site / "claims" / "index.html")


def test_the_bundled_site_speaks_its_first_language(french_site):
    """The bundled registry's settings put French first (checked here, so the French tests above mean it)."""
    settings = (PROJECT / "claimgraph.toml").read_text(encoding="utf-8")
    assert re.search(r'^languages = \["fr"', settings, re.M)


_MESSAGE = re.compile(r'\bt\("((?:[^"\\]|\\.)*)"')
#: both forms of a counted message: tn("{count} source", "{count} sources", n)
_COUNTED = re.compile(r'\btn\("((?:[^"\\]|\\.)*)", "((?:[^"\\]|\\.)*)"')


def test_every_interface_word_of_the_shipped_templates_has_its_french():
    """English and French are complete: each message a shipped template asks for has a French entry
    (a language without a catalogue, Italian, falls back to English, message by message)."""
    asked = set()
    for template in (PACKAGE_SITE_DIR / "templates").glob("*.j2"):
        asked |= set(_MESSAGE.findall(template.read_text(encoding="utf-8")))
        asked |= {form for forms in _COUNTED.findall(template.read_text(encoding="utf-8")) for form in forms}
    assert len(asked) > 100
    missing = sorted(m for m in asked if m not in messages.FRENCH and "{count}" not in m)
    assert missing == []
    # counted messages come in two forms, both translated
    for m in (m for m in asked if "{count}" in m):
        assert m in messages.FRENCH or m + "s" in messages.FRENCH, m
    assert messages.catalogue("fr-BE") is messages.FRENCH
    assert messages.translate(messages.catalogue("it"), "Claims") == "Claims"
