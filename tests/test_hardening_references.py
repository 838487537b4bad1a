"""Every reference to a registry node resolves, driven by the vocabulary's ranges.

The first hardening round checked references property by property, and ``cg:partOf`` was missed:
a step naming a source defined nowhere passed ``check`` with no finding at all.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from claimgraph.checks import references, run_checks
from claimgraph.checks.citation_keys import source_properties
from claimgraph.namespaces import CG, OWL, RDF, RDFS
from claimgraph.registry import VOCABULARY_GRAPH, RegistryError, load

from .conftest import FIXTURES, run_cli
from .fixture_overlays import invalid_case


def _edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_part_of_naming_a_source_defined_nowhere_is_an_error(copy_fixture):
    root = copy_fixture("valid")
    _edit(
        root / "claims" / "argument.ttl", "    cg:order 2 ;", "    cg:order 2 ;\n    cg:partOf <source/Nowhere2025> ;"
    )
    result = run_cli("check", "-r", str(root))
    assert result.code == 1
    assert "claims/argument.ttl:17: CG301 error: cg:partOf names source key 'Nowhere2025'" in result.out


def test_every_object_property_of_the_vocabulary_has_a_range():
    """Own or inherited through rdfs:subPropertyOf: what the range-driven check reads."""
    registry = load(FIXTURES / "valid")
    ranges = references.property_ranges(registry)
    declared = {
        row["p"]
        for row in registry.select(f"SELECT ?p WHERE {{ GRAPH <{VOCABULARY_GRAPH}> {{ ?p a owl:ObjectProperty }} }}")
    }
    assert declared and declared == set(ranges), declared - set(ranges)
    assert ranges[CG.partOf] == (CG.Source,)
    for sub in (CG.supportedBy, CG.challengedBy, CG.contextFrom):
        assert ranges[sub] == (CG.Claim,)  # inherited from cg:uses
    assert ranges[CG.operands] == (RDF.List,)  # its own range, not prov:used's


def test_source_references_are_read_from_the_ranges_too():
    assert {CG.cites, CG.primarySource, CG.inSource, CG.partOf} <= set(source_properties(load(FIXTURES / "valid")))


def test_a_property_added_to_the_vocabulary_is_checked_without_new_code(copy_fixture):
    root = copy_fixture("valid")
    _edit(
        root / "claims" / "argument.ttl",
        "    cg:order 2 ;",
        "    cg:order 2 ;\n    cg:newLink <measurand/model-x-training-energi> ;",
    )
    registry = load(root)
    graph = ox.NamedNode(VOCABULARY_GRAPH)
    link = ox.NamedNode(CG.newLink)
    registry.store.extend(
        [
            ox.Quad(link, ox.NamedNode(RDF.type), ox.NamedNode(OWL.ObjectProperty), graph),
            ox.Quad(link, ox.NamedNode(RDFS.subPropertyOf), ox.NamedNode(CG.measurand), graph),
        ]
    )
    found = [f for f in references.check(registry)]
    assert [(f.code, f.file, f.line) for f in found] == [("CG308", "claims/argument.ttl", 17)]
    assert "expected cg:Measurand" in found[0].message
    assert "`<measurand/model-x-training-energy>`" in found[0].hint


def test_unresolved_reference_is_reported_once_not_again_by_the_shape():
    findings = run_checks(load(invalid_case("unresolved-reference")))
    at = {(f.file, f.line): [] for f in findings}
    for f in findings:
        at[(f.file, f.line)].append(f.code)
    assert at[("claims/argument.ttl", 12)] == ["CG308"]  # not CG253 as well
    assert at[("claims/energy.ttl", 29)] == ["CG308"]  # not CG222 as well
    assert at[("claims/argument.ttl", 13)] == ["CG301"]  # a source: CG301's, not CG308 too


def test_reference_to_a_node_of_another_class_is_reported_once():
    findings = run_checks(load(invalid_case("reference-wrong-kind")))
    assert [f.code for f in findings if f.file == "claims/energy.ttl" and f.line == 22] == ["CG309"]


def test_external_iris_declared_in_the_settings_may_be_referenced(copy_fixture):
    root = copy_fixture("valid")
    _edit(
        root / "claims" / "energy.ttl",
        "    cg:about system:model-x .",
        "    cg:about <https://www.wikidata.org/entity/Q1> .",
    )
    refused = run_cli("check", "-r", str(root))
    assert refused.code == 1 and "claims/energy.ttl:22: CG308 " in refused.out and "external_iris" in refused.out
    _edit(
        root / "claimgraph.toml",
        'licence = "CC-BY-4.0"',
        'licence = "CC-BY-4.0"\nexternal_iris = ["https://www.wikidata.org/entity/"]',
    )
    allowed = run_cli("check", "-r", str(root))
    assert "CG308" not in allowed.out


@pytest.mark.parametrize("value", ['"https://x/"', '["not an iri"]', "[1]", '["https://a/b c"]'])
def test_malformed_external_iris_setting_is_refused(copy_fixture, value):
    root = copy_fixture("valid")
    _edit(root / "claimgraph.toml", 'licence = "CC-BY-4.0"', f'licence = "CC-BY-4.0"\nexternal_iris = {value}')
    with pytest.raises(RegistryError, match="external_iris"):
        load(root)
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "Traceback" not in result.err
    assert "CG109 error: [registry] external_iris" in result.out, result.out
