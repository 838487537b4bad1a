"""A page's own triples (its ``.ttl`` and ``.jsonld`` beside it, the Turtle block and the JSON-LD script on it) are
the very terms the downloads hold for its thing: a number as its file writes it (``007``, ``1.30``, ``+5``,
``1.5e3``), a generated double in XSD canonical form (``1.3E0``), in values, bounds, tolerances, quotes' values and
derivation operands. Compared term by term with pyoxigraph: rdflib's isomorphism would take ``007`` for ``7``."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from .conftest import run_cli
from .made_registries import add_claim, new_claim, new_registry

_TURTLE_BLOCK = re.compile(r'<pre class="cg-data"[^>]*><code>(.*?)</code></pre>', re.S)
_JSONLD_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
_XSD = "http://www.w3.org/2001/XMLSchema#"

#: A claim whose quote states a value, written by hand as the tutorial shows (no command writes a quote's value).
_QUOTED_VALUE = """@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix claim: <{base}claim/> .
@prefix source: <{base}source/> .
@prefix measurand: <{base}measurand/> .
@prefix status: <https://w3id.org/claimgraph/status#> .

claim:c-quoted
    a cg:QuantitativeClaim ;
    cg:statement "PUE of 1.10."@en ;
    cg:measurand measurand:c-dec ;
    cg:value [ qudt:numericValue 1.10 ; qudt:unit unit:UNITLESS ] ;
    cg:cites source:Doe2021 ;
    cg:citedQuote [
        a cg:SourceQuote ;
        cg:inSource source:Doe2021 ;
        oa:exact "a PUE of 1.10" ;
        cg:locator "p. 3" ;
        cg:value [ qudt:numericValue 1.10 ; qudt:unit unit:UNITLESS ]
    ] ;
    cg:status status:unverified .
"""


def _written_registry(tmp_path: Path) -> Path:
    """Numbers the store holds in another form, in every place a number goes, added by ``new claim``."""
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "c-int", "Seven units.", "007", "UNITLESS", quote="about 007 units", kind="Dimensionless")
    add_claim(
        root, "c-dec", "PUE is 1.30.", "1.30", "UNITLESS", quote="a PUE of 1.30", kind="Dimensionless",
        more=("--tolerance", "0.050"),
    )  # fmt: skip
    add_claim(root, "c-exp", "Energy 1.5e3 MWh.", "1.5e3", "MegaW-HR")
    plus = new_claim(
        root, "c-plus", "--statement", "Five.", "--value", "+5", "--unit", "UNITLESS", measurand="c-int",
        kind="Dimensionless",
    )  # fmt: skip
    assert plus.code == 0, plus.err
    ranged = new_claim(
        root, "c-range", "--statement", "From 1.0 to 2.50 MWh.", "--range", "1.0", "2.50", "--unit", "MegaW-HR",
        measurand="c-exp",
    )  # fmt: skip
    assert ranged.code == 0, ranged.err
    derived = new_claim(
        root, "c-der", "--statement", "Derived.", "--value", "2.60", "--unit", "UNITLESS",
        "--derived-by", "product", "--operands", "c-dec", "2.0", "007", measurand="c-dec", kind="Dimensionless",
    )  # fmt: skip
    assert derived.code == 0, derived.err
    base = re.search(r'base = "([^"]+)"', (root / "claimgraph.toml").read_text(encoding="utf-8")).group(1)
    (root / "claims" / "quoted.ttl").write_text(_QUOTED_VALUE.format(base=base), encoding="utf-8")
    return root


def _canonical_registry(tmp_path: Path) -> Path:
    """Numbers all in the store's form: no file keeps written forms, only the generated doubles are rewritten."""
    root = new_registry(tmp_path, ("en",))
    add_claim(root, "c-one", "PUE is 1.3.", "1.3", "UNITLESS", quote="a PUE of 1.3", kind="Dimensionless")
    add_claim(root, "c-two", "Energy 1300 MWh.", "1300", "MegaW-HR")
    return root


def _build(root: Path, out: Path) -> Path:
    built = run_cli("build", "--registry", str(root), "--out", str(out))
    assert built.code == 0, built.err
    return out


def _shape(triples, node, seen=()) -> tuple:
    """``node``'s statements and those of the blank nodes below it as nested tuples of exact terms: a literal by its
    lexical form, datatype and language (so ``007`` is not ``7``), a blank node by what it says. ``triples``: a list,
    or the statements by subject (:func:`_by_subject`)."""
    by_subject = triples if isinstance(triples, dict) else _by_subject(triples)
    out = []
    for t in by_subject.get(node, ()):
        o = t.object
        if isinstance(o, ox.BlankNode):
            assert o not in seen, f"a cycle through {o}"
            item: object = ("blank", _shape(by_subject, o, (*seen, o)))
        elif isinstance(o, ox.Literal):
            item = ("literal", o.value, o.datatype.value, o.language)
        else:
            item = ("iri", o.value)
        out.append((t.predicate.value, item))
    return tuple(sorted(out, key=repr))


def _by_subject(triples) -> dict:
    out: dict = {}
    for t in triples:
        out.setdefault(t.subject, []).append(t)
    return out


def _triples(data: bytes, fmt: ox.RdfFormat) -> list:
    return [ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(data, format=fmt)]


def _pages(site: Path) -> list[tuple[Path, str]]:
    """Each framed page's own Turtle file and the IRI of its thing (its first subject, as the file writes it)."""
    pages = []
    for folder in ("claims", "sources", "measurands"):
        for ttl in sorted((site / folder).glob("*.ttl")):
            triples = _triples(ttl.read_bytes(), ox.RdfFormat.TURTLE)
            if not triples:  # a thing the registry names without saying anything of it (a source not in the BibTeX)
                assert not _triples(ttl.with_suffix(".jsonld").read_bytes(), ox.RdfFormat.JSON_LD), ttl
                continue
            first = triples[0].subject
            assert isinstance(first, ox.NamedNode), ttl
            pages.append((ttl, first.value))
    assert pages
    return pages


def _assert_pages_as_downloads(site: Path) -> int:
    download = _triples((site / "downloads" / "registry.ttl").read_bytes(), ox.RdfFormat.TURTLE)
    statements = _by_subject(download)
    for fmt, name in ((ox.RdfFormat.N_TRIPLES, "registry.nt"), (ox.RdfFormat.JSON_LD, "registry.jsonld")):
        assert set(_triples((site / "downloads" / name).read_bytes(), fmt)) == set(download), name
    compared = 0
    for ttl, iri in _pages(site):
        thing = ox.NamedNode(iri)
        expected = _shape(statements, thing)
        assert expected, iri
        page = ttl.with_suffix(".html").read_text(encoding="utf-8")
        readings = {
            "ttl": _triples(ttl.read_bytes(), ox.RdfFormat.TURTLE),
            "jsonld": _triples(ttl.with_suffix(".jsonld").read_bytes(), ox.RdfFormat.JSON_LD),
            "script": _triples(_JSONLD_SCRIPT.search(page).group(1).encode(), ox.RdfFormat.JSON_LD),
        }
        block = _TURTLE_BLOCK.search(page)
        if ttl.parent.name == "claims":  # (only a claim's page shows its Turtle)
            assert block, ttl
        if block:
            readings["block"] = _triples(html.unescape(block.group(1)).encode(), ox.RdfFormat.TURTLE)
        for where, triples in readings.items():
            assert _shape(triples, thing) == expected, f"{ttl.stem} ({where})"
            compared += 1
    return compared


def _literal_values(site: Path, stem: str) -> set[tuple[str, str]]:
    return {
        (t.object.value, t.object.datatype.value)
        for t in _triples((site / "claims" / f"{stem}.ttl").read_bytes(), ox.RdfFormat.TURTLE)
        if isinstance(t.object, ox.Literal)
    }


def test_pages_write_the_numbers_the_downloads_hold(tmp_path):
    site = _build(_written_registry(tmp_path), tmp_path / "site")
    assert _assert_pages_as_downloads(site) > 30
    # the forms the files write, not the store's
    assert ("007", _XSD + "integer") in _literal_values(site, "c-int")
    assert {("1.30", _XSD + "decimal"), ("0.050", _XSD + "decimal")} <= _literal_values(site, "c-dec")
    assert ("1.5e3", _XSD + "double") in _literal_values(site, "c-exp")
    assert ("+5", _XSD + "integer") in _literal_values(site, "c-plus")
    assert {("1.0", _XSD + "decimal"), ("2.50", _XSD + "decimal")} <= _literal_values(site, "c-range")
    assert {("2.60", _XSD + "decimal"), ("2.0", _XSD + "decimal"), ("007", _XSD + "integer")} <= _literal_values(
        site, "c-der"
    )
    quoted = _literal_values(site, "c-quoted")
    assert ("1.10", _XSD + "decimal") in quoted and ("1.1", _XSD + "decimal") not in quoted
    # a generated double in canonical form
    assert ("1.3E0", _XSD + "double") in _literal_values(site, "c-dec")


def test_pages_of_a_registry_in_canonical_forms(tmp_path):
    site = _build(_canonical_registry(tmp_path), tmp_path / "site")
    assert _assert_pages_as_downloads(site) > 5
    assert ("1.3E3", _XSD + "double") in _literal_values(site, "c-two")


@pytest.mark.parametrize("edit", ["reform", "to-canonical", "from-canonical"])
def test_a_rebuild_writes_the_new_forms(tmp_path, edit):
    """A number rewritten in another form of the same value (the store's statement unchanged) is a changed page."""
    root = _written_registry(tmp_path) if edit != "from-canonical" else _canonical_registry(tmp_path)
    site = _build(root, tmp_path / "site")
    claims = root / "claims" / "claims.ttl"
    text = claims.read_text(encoding="utf-8")
    old, new, stem = {
        "reform": ("numericValue 1.30 ", "numericValue 1.300 ", "c-dec"),
        "to-canonical": ("numericValue 1.30 ", "numericValue 1.3 ", "c-dec"),
        "from-canonical": ("numericValue 1.3 ", "numericValue 1.30 ", "c-one"),
    }[edit]
    assert text.count(old) == 1
    claims.write_text(text.replace(old, new), encoding="utf-8")
    _build(root, site)
    assert (new.split()[1], _XSD + "decimal") in _literal_values(site, stem)
    _assert_pages_as_downloads(site)
    # the same as a site built from nothing
    fresh = _build(root, tmp_path / "fresh")
    for folder in ("claims", "measurands", "sources"):
        for made in sorted((fresh / folder).glob("*.*")):
            if made.suffix in (".ttl", ".jsonld"):
                assert (site / folder / made.name).read_bytes() == made.read_bytes(), made.name


def test_the_page_cache_reads_the_written_forms(tmp_path):
    """The inputs a rebuild compares, read straight from the index, are those of the rows the page is written from."""
    from claimgraph.registry import load
    from claimgraph.site import page_cache, rdf_views
    from claimgraph.site.model import gather

    model = gather(load(_written_registry(tmp_path)), [])
    things = [*model.claims, *model.sources, *model.measurands]
    written = set()
    for thing in things:
        rows = rdf_views.subject_rows(model.index, thing.iri)
        assert page_cache.subject_inputs(model.index, thing, []) == page_cache.page_inputs(thing, rows, []), thing.iri
        written |= {o.value for _, _, o in rows if isinstance(o, ox.Literal)}
    assert {"007", "1.30", "0.050", "+5", "1.5e3", "2.50", "1.10"} <= written
