"""The compiled SHACL engine (SPARQL on Oxigraph) gives exactly pyshacl's findings."""

from __future__ import annotations

import sys

import pytest
from rdflib import Graph

from claimgraph.checks import shacl, shacl_compiled
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT
from .fixture_overlays import case_names, invalid_case

REGISTRIES = [FIXTURES / "valid", PROJECT] + [invalid_case(name) for name in case_names()]


def _key(findings):
    return sorted((f.code, f.severity, f.file or "", f.line or 0, f.subject or "", f.message) for f in findings)


@pytest.mark.parametrize("root", REGISTRIES, ids=[p.name for p in REGISTRIES])
def test_compiled_and_pyshacl_agree(root):
    registry = load(root)
    assert shacl_compiled.compile_shapes(shacl.shapes_graph(registry)) is not None, "project shapes must compile"
    assert _key(shacl.validate(registry, engine="compiled")) == _key(shacl.validate(registry, engine="pyshacl"))


def test_agree_on_a_synthetic_registry_with_faults(tmp_path):
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    from synthetic import generate

    registry = load(generate(300, tmp_path / "synthetic"))
    compiled = _key(shacl.validate(registry, engine="compiled"))
    assert compiled and compiled == _key(shacl.validate(registry, engine="pyshacl"))


def test_the_number_of_query_threads_changes_nothing(tmp_path):
    """`check` runs the compiled queries on one thread fewer than the cores (the other families take one):
    same findings, in the same order, on one thread as on three."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    from synthetic import generate

    registry = load(generate(200, tmp_path / "synthetic"))
    one = shacl.validate(registry, engine="compiled", threads=1)
    assert one and one == shacl.validate(registry, engine="compiled", threads=3)


def test_uncovered_shapes_fall_back_to_pyshacl():
    shapes = shacl_compiled.ShapesGraph.parse("""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:closed true ; sh:property [ sh:path ex:p ] .
    """)
    assert shacl_compiled.compile_shapes(shapes) is None
    nested = shacl_compiled.ShapesGraph.parse("""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:node ex:T ] .
    """)
    assert shacl_compiled.compile_shapes(nested) is None


# ------------------------------------------------------------------ SPARQL-based constraints

_SPARQL_SHAPE = """
    @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
    ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select \"\"\"{select}\"\"\" ] .
"""


def _sparql_shapes(select: str) -> shacl_compiled.ShapesGraph:
    return shacl_compiled.ShapesGraph.parse(_SPARQL_SHAPE.replace("{select}", select))


def test_a_plain_sparql_constraint_is_compiled_to_one_query_over_every_focus_node():
    queries = shacl_compiled.compile_shapes(
        _sparql_shapes(
            "SELECT $this ?value WHERE { $this ex:p ?value . OPTIONAL { ?value ex:q ?q } "
            "FILTER NOT EXISTS { ?value ex:r ?r } }".replace("ex:", "<http://example.org/>")
        )
    )
    assert queries is not None and len(queries) == 1 and queries[0].sparql_constraint
    # the focus set is joined first, inside the WHERE group, as ?this
    assert "{ SELECT DISTINCT ?this WHERE {" in queries[0].sparql


@pytest.mark.parametrize(
    "select",
    [
        "SELECT $this WHERE { { $this <http://example.org/p> ?v } UNION { $this <http://example.org/q> ?v } }",
        "SELECT $this WHERE { $this <http://example.org/p> ?v . { ?v <http://example.org/q> ?w FILTER(?w != $this) } }",
        "SELECT $this WHERE { { SELECT $this WHERE { $this <http://example.org/p> ?v } } }",
        "SELECT $this WHERE { $this <http://example.org/p> ?v } GROUP BY $this HAVING (COUNT(?v) > 1)",
        "SELECT $this WHERE { $this <http://example.org/p> ?v } LIMIT 1",
        "SELECT $this WHERE { $this <http://example.org/p> ?v MINUS { $this <http://example.org/q> ?v } }",
        "SELECT $this WHERE { VALUES ?v { 1 } $this <http://example.org/p> ?v }",
        "SELECT $this WHERE { GRAPH ?g { $this <http://example.org/p> ?v } }",
        "SELECT $this WHERE { $this <http://example.org/p> $shapesGraph }",
        "SELECT $this ?failure WHERE { $this <http://example.org/p> ?v BIND(true AS ?failure) }",
        "SELECT ?v WHERE { $this <http://example.org/p> ?v }",  # $this not selected
        "SELECT $this WHERE { $this $PATH ?v }",  # $PATH in a node shape
    ],
)
def test_sparql_constraints_whose_readings_could_differ_are_left_to_pyshacl(select):
    """Run once over all focus nodes, a query with sub-groups, aggregates or limits can give other
    solutions than run per focus node with $this pre-bound: the compiler must not take it."""
    assert shacl_compiled.compile_shapes(_sparql_shapes(select)) is None


def test_keywords_inside_strings_and_iris_do_not_refuse_a_constraint():
    select = 'SELECT $this WHERE { $this <http://example.org/UNION> ?v FILTER(STR(?v) != "GROUP BY { LIMIT 1 }") }'
    assert shacl_compiled.compile_shapes(_sparql_shapes(select)) is not None


@pytest.mark.parametrize(
    "policy",
    [
        FIXTURES / "invalid" / "sparql-constraint" / "shapes" / "policy.ttl",
        PROJECT / "benchmarks" / "policy-shapes.ttl",
    ],
    ids=["fixture", "benchmark"],
)
def test_sparql_constraint_on_a_large_registry_agrees_with_pyshacl(tmp_path, policy):
    """The synthetic registry (faults included) with a registry's own SPARQL constraints (the fixture's,
    and the one the benchmark adds): one query per constraint on Oxigraph, pyshacl's per-node queries
    on rdflib, the same findings."""
    import shutil

    sys.path.insert(0, str(PROJECT / "benchmarks"))
    from synthetic import generate

    root = generate(300, tmp_path / "synthetic")  # two claims cite an unknown key, so a source without DOI
    (root / "shapes").mkdir()
    shutil.copy(policy, root / "shapes" / "policy.ttl")
    registry = load(root)
    assert any(q.sparql_constraint for q in shacl_compiled.compile_shapes(shacl.shapes_graph(registry)))
    compiled = _key(shacl.validate(registry, engine="compiled"))
    assert any("neither DOI nor URL" in k[5] for k in compiled)
    assert compiled == _key(shacl.validate(registry, engine="pyshacl"))


# ------------------------------------------------------------------ merged queries

_MANY_CONSTRAINTS = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetClass ex:T ;
  sh:property [ sh:path ex:a ; sh:minCount 1 ] , [ sh:path ex:b ; sh:minCount 1 ] ,
              [ sh:path ex:c ; sh:hasValue "x" ] ,
              [ sh:path ex:h ; sh:qualifiedValueShape [ sh:datatype xsd:string ] ; sh:qualifiedMinCount 1 ] ,
              [ sh:path ex:d ; sh:maxCount 1 ] , [ sh:path ex:e ; sh:maxCount 2 ] ,
              [ sh:path ex:f ; sh:datatype xsd:integer ] , [ sh:path ex:g ; sh:nodeKind sh:IRI ] ,
              [ sh:path ex:f ; sh:minInclusive 0 ] .
"""

_MANY_VIOLATIONS = """
@prefix ex: <http://example.org/> .
ex:all a ex:T ; ex:c "y" ; ex:h 3 ; ex:d 1, 2 ; ex:e 1, 2, 3 ; ex:f "one", -2 ; ex:g "literal", [] .
ex:some a ex:T ; ex:a 1 ; ex:c "x" ; ex:h "s" ; ex:d 1, 2 ; ex:f 4 ; ex:g ex:iri .
ex:none a ex:T ; ex:a 1 ; ex:b 2 ; ex:c "x" ; ex:h "s" ; ex:d 1 ; ex:e 1, 2 ; ex:f 0 ; ex:g ex:iri .
"""


def test_constraints_merged_into_one_query_per_kind_report_what_pyshacl_reports():
    """Missing values, counts and value filters of one focus set run as one query per kind; a node
    violating several members of a merged query gets one result for each, as with pyshacl."""
    import pyoxigraph as ox

    shapes = list(ox.parse(_MANY_CONSTRAINTS.encode(), format=ox.RdfFormat.TURTLE))
    queries = shacl_compiled.compile_shapes(shacl_compiled.ShapesGraph(shapes))
    store = ox.Store()
    store.load(_MANY_VIOLATIONS.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("http://example.org/g"))
    planned = shacl_compiled.plan(store, queries)
    assert {p.kind for p in planned} >= {"missing", "count", "value"} and len(planned) < len(queries)

    def results(found):
        return sorted(
            (
                r.focus if not r.focus.startswith("_:") else "_:",
                r.path,
                r.value if r.value is None or not r.value.startswith("_:") else "_:",
            )
            for r in found
        )

    compiled = results(shacl_compiled.run(store, queries))
    reference = results(shacl._pyshacl_results(shapes, Graph().parse(data=_MANY_VIOLATIONS, format="turtle")))
    assert compiled == reference
    # ex:all: a, b, c, h, d, e, f "one" (datatype), f "one" and -2 (minimum), g "literal" and [] (node kind)
    assert sum(1 for focus, *_ in compiled if focus == "http://example.org/all") == 11


def test_results_read_in_one_piece_keep_every_term():
    """solution_cells (SHACL's results, serialised at once) says what row-by-row iteration says."""
    import pyoxigraph as ox

    from claimgraph.registry import solution_cells

    store = ox.Store()
    store.load(
        b"""@prefix ex: <http://example.org/> .
        ex:a ex:p "plain", "fran\\u00e7ais"@fr, "1.50"^^<http://www.w3.org/2001/XMLSchema#decimal>,
                  "tab\\there \\"quoted\\"", [ ex:q ex:b ] .""",
        format=ox.RdfFormat.TURTLE,
    )
    query = "SELECT ?s ?o ?x WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?x } } ORDER BY STR(?o)"
    names, rows = solution_cells(store.query(query))
    assert names == ["s", "o", "x"] and len(rows) == 6

    def as_cell(term):
        if term is None:
            return None
        if isinstance(term, ox.BlankNode):
            return {"type": "bnode", "value": term.value}
        if isinstance(term, ox.NamedNode):
            return {"type": "uri", "value": term.value}
        cell = {"type": "literal", "value": term.value}
        if term.language:
            cell["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            cell["datatype"] = term.datatype.value
        return cell

    assert rows == [[as_cell(t) for t in row] for row in store.query(query)]


_COUNTS = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:T ;
  sh:property [ sh:path ex:one ; sh:maxCount 1 ] , [ sh:path ex:other ; sh:maxCount 1 ] ,
              [ sh:path ex:twice ; sh:maxCount 1 ] , [ sh:path ex:none ; sh:maxCount 0 ] ,
              [ sh:path ex:absent ; sh:maxCount 0 ] , [ sh:path ex:two ; sh:maxCount 1 ] ,
              [ sh:path [ sh:alternativePath ( ex:one ex:two ) ] ; sh:maxCount 1 ] .
"""

_COUNTED = """
@prefix ex: <http://example.org/> .
ex:a a ex:T ; ex:one 1 ; ex:other 1 ; ex:twice 1 ; ex:none 1 ; ex:two 1, 2 .
ex:b a ex:T ; ex:one 2 ; ex:other 1 ; ex:twice 1 .
ex:outside ex:other 1, 2 .
"""


def test_max_counts_no_triple_can_violate_are_not_queried_and_the_others_still_report():
    """A sh:maxCount whose predicate no subject holds twice (or, for 0, at all) is left out of the queries run
    (`plan`): its query could find nothing. One held twice, by a focus node or any other node, or held as one
    triple in two graphs (counted twice), is queried as before; the findings are pyshacl's."""
    import pyoxigraph as ox

    shapes = list(ox.parse(_COUNTS.encode(), format=ox.RdfFormat.TURTLE))
    queries = shacl_compiled.compile_shapes(shacl_compiled.ShapesGraph(shapes))
    store = ox.Store()
    for graph in ("http://example.org/g", "http://example.org/h"):  # ex:b's ex:twice is in both graphs
        data = _COUNTED if graph.endswith("g") else "<http://example.org/b> <http://example.org/twice> 1 ."
        store.load(data.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(graph))
    queried = {m.path for p in shacl_compiled.plan(store, queries) for m in p.members}
    assert "http://example.org/one" not in queried and "http://example.org/absent" not in queried
    assert {f"http://example.org/{p}" for p in ("other", "twice", "none", "two")} <= queried
    assert None in queried  # the alternative path (no path IRI): never left out

    def results(found):
        return sorted((r.focus, r.path or "") for r in found)

    graph = Graph()
    for q in store:
        graph.add(tuple(Graph().parse(data=f"{q.subject} {q.predicate} {q.object} .", format="nt"))[0])
    compiled = results(shacl_compiled.run(store, queries))
    assert compiled == results(shacl._pyshacl_results(shapes, graph))
    assert compiled == sorted(
        [
            ("http://example.org/a", "http://example.org/none"),
            ("http://example.org/a", "http://example.org/two"),
            ("http://example.org/a", ""),  # ex:one or ex:two: 1 and 2
        ]
    )


_UNIQUE_LANG_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
ex:S a sh:NodeShape ; sh:targetClass ex:C ;
  sh:property [ sh:path ex:says ; sh:uniqueLang true ] ;
  sh:property [ sh:path [ sh:alternativePath ( ex:says ex:tells ) ] ; sh:uniqueLang true ] .
"""

_UNIQUE_LANG_DATA = """
@prefix ex: <http://example.org/> .
ex:a a ex:C ; ex:says "one"@en, "two"@en, "un"@fr .
ex:b a ex:C ; ex:says "one"@en, "two"@en, "un"@fr, "deux"@fr, "plain", "other plain" .
ex:c a ex:C ; ex:says "one"@en, "un"@fr ; ex:tells "two"@en .
ex:d ex:says "one"@de, "zwei"@de .
ex:e ex:says "one"@en, "two"@en .
"""


def test_unique_lang_reports_each_focus_node_and_tag_as_pyshacl_does():
    """sh:uniqueLang of one predicate is grouped over all the predicate's triples first, then joined with the
    focus set: a node outside the focus set (ex:d, ex:e) is not reported, a focus node with two tags each
    held twice is reported for each; an alternative path keeps the focus-first query. Same results as pyshacl."""
    import pyoxigraph as ox

    shapes = list(ox.parse(_UNIQUE_LANG_SHAPES.encode(), format=ox.RdfFormat.TURTLE))
    queries = shacl_compiled.compile_shapes(shacl_compiled.ShapesGraph(shapes))
    store = ox.Store()
    store.load(_UNIQUE_LANG_DATA.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("http://example.org/g"))

    def results(found):
        return sorted((r.focus, r.path or "") for r in found)

    planned = [p.sparql for p in shacl_compiled.plan(store, queries)]
    # the one-predicate constraint groups first (its focus set joined last), the alternative path the other way
    assert sorted(p.index("GROUP BY") < p.index("SELECT DISTINCT ?focus") for p in planned) == [False, True]
    compiled = results(shacl_compiled.run(store, queries))
    assert compiled == results(shacl._pyshacl_results(shapes, Graph().parse(data=_UNIQUE_LANG_DATA, format="turtle")))
    says = "http://example.org/says"
    assert compiled == [
        ("http://example.org/a", ""),  # the alternative path: ex:says or ex:tells
        ("http://example.org/a", says),
        ("http://example.org/b", ""),
        ("http://example.org/b", ""),
        ("http://example.org/b", says),
        ("http://example.org/b", says),
        ("http://example.org/c", ""),  # "one"@en said, "two"@en told
    ]


_LOCAL_FORMS_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:Sub rdfs:subClassOf ex:Kind .
ex:Special rdfs:subClassOf ex:T .
ex:S a sh:NodeShape ; sh:targetClass ex:T ;
  sh:property [ sh:path ex:kind ; sh:class ex:Kind ] , [ sh:path ex:n ; sh:datatype xsd:integer ] ,
              [ sh:path ex:label ; sh:minCount 1 ] , [ sh:path ex:tag ; sh:hasValue "x" ] ,
              [ sh:path [ sh:alternativePath ( ex:p ex:q ) ] ; sh:minCount 1 ] ;
  sh:or ( [ sh:path ex:a ; sh:minCount 1 ] [ sh:path ex:b ; sh:minCount 1 ] ) .
ex:V a sh:NodeShape ; sh:targetObjectsOf ex:has ;
  sh:property [ sh:path ex:kind ; sh:class ex:Kind ] , [ sh:path ex:label ; sh:minCount 1 ] .
"""

_LOCAL_FORMS_DATA = """
@prefix ex: <http://example.org/> .
ex:k1 a ex:Kind . ex:k2 a ex:Sub . ex:other a ex:Elsewhere .
ex:good a ex:T ; ex:kind ex:k1, ex:k2 ; ex:n 1 ; ex:label "g" ; ex:tag "x" ; ex:q 1 ; ex:b 1 .
ex:bad a ex:T , ex:Special ; ex:kind ex:other, "literal", ex:k2, [] ; ex:n "one", 2.5 ; ex:tag "y" ; ex:has ex:v1 .
ex:half a ex:Special ; ex:kind ex:nowhere ; ex:label "h" ; ex:tag "x" ; ex:p 1 ; ex:a 1 ; ex:b 2 .
ex:outside ex:kind ex:other ; ex:n "one" .
ex:v1 ex:kind ex:other, ex:k1 .
ex:v2 ex:kind "no" .
ex:v3 ex:label "v" . ex:good ex:has ex:v3 .
"""


@pytest.mark.parametrize("few_instances", [1000, 1])
def test_local_query_forms_report_what_pyshacl_reports(monkeypatch, few_instances):
    """On the local store, value constraints read the violating values first and then join the focus set, a
    class constraint is a MINUS of the class's instances, and a lone required property or an sh:or of required
    properties is a MINUS: the same results as pyshacl's, one per focus node and value (a node of two target
    classes counted once, a node outside the focus set holding a violating value not reported). A class of more
    instances than ``_FEW_INSTANCES`` keeps its lookup per value (NOT EXISTS), with the same results."""
    import pyoxigraph as ox

    monkeypatch.setattr(shacl_compiled, "_FEW_INSTANCES", few_instances)

    shapes = list(ox.parse(_LOCAL_FORMS_SHAPES.encode(), format=ox.RdfFormat.TURTLE))
    queries = shacl_compiled.compile_shapes(shacl_compiled.ShapesGraph(shapes))
    store = ox.Store()
    store.load(_LOCAL_FORMS_DATA.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("http://example.org/g"))
    store.load(_LOCAL_FORMS_SHAPES.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode("http://example.org/s"))
    planned = shacl_compiled.plan(store, queries)
    values = [p.sparql for p in planned if p.kind == "value"]
    assert len(values) == 2 and all(v.index("BIND(0 AS ?c__)") < v.index("SELECT DISTINCT ?focus") for v in values)
    # sh:class: ex:Kind has two instances (ex:k1, and ex:k2 of its subclass)
    if few_instances >= 2:
        assert all("MINUS { VALUES" in v and "NOT EXISTS" not in v for v in values)
    else:
        assert all("NOT EXISTS { VALUES" in v and "MINUS" not in v for v in values)
    required = [p.sparql for p in planned if p.kind == "single" and "MINUS { ?focus" in p.sparql]
    assert len(required) == 2  # ex:V's ex:label; ex:a or ex:b (sh:or)

    def results(found):
        return sorted(
            (
                r.focus if not r.focus.startswith("_:") else "_:",
                r.code,
                r.path or "",
                "" if r.value is None else r.value if not r.value.startswith("_:") else "_:",
            )
            for r in found
        )

    compiled = results(shacl_compiled.run(store, queries))
    graph = Graph().parse(data=_LOCAL_FORMS_DATA, format="turtle").parse(data=_LOCAL_FORMS_SHAPES, format="turtle")
    assert compiled == results(shacl._pyshacl_results(shapes, graph))
    ex = "http://example.org/"
    kind_values = sorted(v for focus, _code, path, v in compiled if path == ex + "kind")
    # ex:bad's ex:other, "literal" and blank node, ex:half's undefined ex:nowhere, ex:v1's ex:other; not
    # ex:outside's (no focus node), nor ex:k2 (an instance through its subclass), nor ex:v2's (no ex:has of it)
    assert kind_values == ["_:", ex + "nowhere", ex + "other", ex + "other", "literal"]
    # ex:kind thrice, ex:n twice, ex:label, ex:tag, ex:p or ex:q, ex:a or ex:b: once each, though of two classes
    assert sum(1 for focus, *_ in compiled if focus == ex + "bad") == 9
    assert [(f, path) for f, _code, path, _v in compiled if path == ex + "label"] == [
        (ex + "bad", ex + "label"),
        (ex + "v1", ex + "label"),
    ]
