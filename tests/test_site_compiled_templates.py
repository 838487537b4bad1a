"""The site's templates compiled once, in the cache folder (claimgraph.site.build.compiled_templates), and the
other savings of the build's reading that must change nothing: the shapes' codes read with Oxigraph, the claim
table's cells made in one pass."""

from __future__ import annotations

import filecmp
import json
from pathlib import Path

import jinja2
import pytest

from claimgraph import finding_docs
from claimgraph.model import claim_table, claim_table_text, read_model
from claimgraph.registry import ONTOLOGY_DIR, load
from claimgraph.site import build_site
from claimgraph.site.build import COMPILED_TEMPLATES, compiled_templates
from claimgraph.site.environment import make_environment, template_loader

from .conftest import FIXTURES


def _compiled(cache: Path) -> list[Path]:
    return sorted((cache / COMPILED_TEMPLATES).rglob("__jinja2_*.cache"))


def _same_tree(a: Path, b: Path) -> None:
    compared = filecmp.dircmp(a, b)
    stack = [compared]
    while stack:
        here = stack.pop()
        # the build date and the previous site's marker files are the same: both built from the same inputs
        assert not here.left_only and not here.right_only, (here.left, here.left_only, here.right_only)
        _, mismatch, errors = filecmp.cmpfiles(here.left, here.right, here.common_files, shallow=False)
        assert not mismatch and not errors, (here.left, mismatch, errors)
        stack.extend(here.subdirs.values())


def test_a_site_built_from_compiled_templates_is_the_site_built_from_their_sources(
    templated_registry, tmp_path, monkeypatch
):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    # a template of the registry's own, compiled and kept like claimgraph's
    override = templated_registry / "site" / "templates" / "claims-table.html.j2"
    override.write_text(
        "<table><tbody>{% for c in site.claims %}<tr><td>{{ c | page(c.slug) }}</td></tr>{% endfor %}</tbody></table>\n"
    )
    build_site(load(templated_registry), tmp_path / "first")
    kept = _compiled(tmp_path / "cache")
    assert len(kept) >= 10  # the reading pages' templates, the tables' and the framed pages'
    stamps = {p: p.stat().st_mtime_ns for p in kept}
    build_site(load(templated_registry), tmp_path / "second")
    assert {p: p.stat().st_mtime_ns for p in _compiled(tmp_path / "cache")} == stamps  # read, not compiled again
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "no-cache-yet"))
    build_site(load(templated_registry), tmp_path / "cold")
    _same_tree(tmp_path / "second", tmp_path / "cold")

    # the registry's template edited: the page says what the new source says, never what the kept code did
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    override.write_text(
        "<table><tbody>{% for c in site.claims %}<tr><td>edited {{ c.slug }}</td></tr>{% endfor %}</tbody></table>\n"
    )
    build_site(load(templated_registry), tmp_path / "edited")
    page = (tmp_path / "edited" / "claims" / "index.html").read_text(encoding="utf-8")
    assert "<td>edited " in page


def test_the_compiled_code_is_kept_apart_for_each_way_of_compiling(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    env = make_environment(template_loader(FIXTURES / "valid"), ("en",))
    cache = compiled_templates(env)
    assert cache is not None
    name, filename = "claims-table.html.j2", "/templates/claims-table.html.j2"
    key = cache.get_cache_key(name, filename)
    assert cache.get_cache_key(name, filename) == key
    assert cache.get_cache_key(name, filename + "x") != key
    # a filter Jinja must call with the context is compiled differently: a hook adding one changes the key
    env.filters["upper_words"] = jinja2.pass_context(lambda context, value: value)
    with_filter = cache.get_cache_key(name, filename)
    assert with_filter != key
    env.filters["upper_words"] = lambda value: value
    assert cache.get_cache_key(name, filename) not in (key, with_filter)
    del env.filters["upper_words"]
    env.trim_blocks = False
    assert cache.get_cache_key(name, filename) != key


def test_an_unwritable_cache_folder_only_compiles_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(blocker))
    env = make_environment(template_loader(FIXTURES / "valid"), ("en",))
    assert compiled_templates(env) is None
    build_site(load(FIXTURES / "valid"), tmp_path / "site")
    assert (tmp_path / "site" / "claims" / "index.html").is_file()


def test_an_earlier_versions_compiled_templates_are_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    stale = tmp_path / "cache" / COMPILED_TEMPLATES / "0123456789abcdef01234567"
    stale.mkdir(parents=True)
    (stale / "__jinja2_old.cache").write_bytes(b"old")
    assert compiled_templates(make_environment(template_loader(FIXTURES / "valid"), ("en",))) is not None
    assert not stale.exists()


def test_the_shapes_codes_are_those_rdflib_reads():
    """The codes of the project's shapes as the earlier reading with rdflib gave them: in its order, a code
    several shapes give (CG253) as the first of them gives it."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import SH

    graph = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    expected: dict[str, tuple[str, str]] = {}
    for shape, code in graph.subject_objects(URIRef("https://w3id.org/claimgraph/ns#findingCode")):
        severity = graph.value(shape, SH.severity)
        label = finding_docs._SEVERITY[str(severity).rsplit("#", 1)[-1]].label if severity else "error"
        expected.setdefault(str(code), (label, str(graph.value(shape, SH.message) or "")))
    assert list(finding_docs.shape_codes().items()) == list(expected.items())
    assert len(expected) > 30
    # a copy each call: a caller changing it changes nothing for the next
    finding_docs.shape_codes().clear()
    assert finding_docs.shape_codes() == expected


@pytest.mark.parametrize("name", ["valid", "hostile", "numbers-valid", "valid-units", "sparql"])
def test_the_claim_tables_rows_are_the_csvs(name):
    """The CSV's cells and the table's rows are made in one pass: each CSV row is its table row's cells."""
    import csv
    import io

    model = read_model(load(FIXTURES / name))
    columns, rows = claim_table(model)
    assert all(list(row) == columns for row in rows)
    written = list(csv.reader(io.StringIO(claim_table_text(model))))
    assert written[0] == columns and len(written) == len(rows) + 1
    for row, cells in zip(rows, written[1:]):
        for column, cell in zip(columns, cells):
            value = row[column]
            if value is None:
                assert cell == ""
            elif isinstance(value, str):
                assert cell.lstrip("'") == value or cell == value
            else:
                assert json.loads(cell) == pytest.approx(value)


@pytest.mark.parametrize("name", ["valid", "hostile", "numbers-valid", "valid-units", "sparql"])
def test_the_claims_records_answer_as_the_index_does(name):
    """read_model reads a claim's properties once and answers from them: each record is what the index's own
    questions (text, iri, langs, number, objects) give, asked one by one."""
    import pyoxigraph as ox

    from claimgraph.model import _CG, _OA, _QUDT, BEARING, Quantity, local_name

    registry = load(FIXTURES / name)
    model = read_model(registry)
    index = model.index
    assert model.claims

    def quantity(node):
        if node is None or not index.out.get(node):
            return None
        number = index.first(node, _QUDT + "numericValue")
        return Quantity(
            unit=index.iri(node, _QUDT + "unit") or "",
            value=index.number(node, _QUDT + "numericValue"),
            lower=index.number(node, _CG + "lowerBound"),
            upper=index.number(node, _CG + "upperBound"),
            lexical=registry.written_form(node, _QUDT + "numericValue", number)
            if isinstance(number, ox.Literal)
            else None,
            relative_tolerance=index.number(node, _CG + "relativeTolerance"),
        )

    for iri, claim in model.claims.items():
        node = ox.NamedNode(iri)
        cites = tuple(t.value for t in index.objects(node, _CG + "cites") if isinstance(t, ox.NamedNode))
        assert claim.cites == cites
        assert claim.statement == index.langs(node, _CG + "statement")
        assert claim.status_note == index.langs(node, _CG + "statusNote")
        assert claim.counts == index.langs(node, _CG + "counts")
        assert claim.status == index.iri(node, _CG + "status")
        assert claim.measurand == index.iri(node, _CG + "measurand")
        assert claim.in_text_citation == index.text(node, _CG + "inTextCitation")
        role = index.iri(node, _CG + "citedSourceRole")
        assert claim.cited_role == (local_name(role) if role else None)
        value_node = index.first(node, _CG + "value")
        assert claim.value == quantity(value_node)
        unit = index.iri(value_node, _CG + "normalisedUnit")
        assert claim.normalised == (
            None
            if unit is None
            else Quantity(
                unit=unit,
                value=index.number(value_node, _CG + "normalisedValue"),
                lower=index.number(value_node, _CG + "normalisedLowerBound"),
                upper=index.number(value_node, _CG + "normalisedUpperBound"),
            )
        )
        quotes = [
            (
                role,
                index.text(q, _OA + "exact"),
                index.text(q, _CG + "locator"),
                quantity(index.first(q, _CG + "value")),
            )
            for predicate, role in ((_CG + "citedQuote", "cited"), (_CG + "primaryQuote", "primary"))
            for q in index.objects(node, predicate)
        ]
        assert [(q.role, q.exact, q.locator, q.value) for q in claim.quotes] == quotes
        bears_on = [
            (t.value, how)
            for predicate, how in BEARING.items()
            for t in index.objects(node, predicate)
            if isinstance(t, ox.NamedNode)
        ]
        assert list(claim.bears_on) == bears_on
