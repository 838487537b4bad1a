"""tools/extract_qudt.py, run on a small QUDT-shaped checkout: what it keeps of units, kinds and prefixes."""

from __future__ import annotations

import importlib.util
import json

from .conftest import PROJECT

_PREFIXES = """@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix prefix: <http://qudt.org/vocab/prefix/> .
prefix:Mega qudt:prefixMultiplier 1.0E6 .
prefix:Kilo qudt:prefixMultiplier 1000.0 .
"""
_KINDS = """@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
@prefix qkdv: <http://qudt.org/vocab/dimensionvector/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
quantitykind:Energy a qudt:QuantityKind ; qudt:hasDimensionVector qkdv:A0E0L2I0M1H0T-2D0 ;
  rdfs:label "Energie"@de , "Energy"@en .
quantitykind:Work a qudt:QuantityKind ; qudt:hasDimensionVector qkdv:A0E0L2I0M1H0T-2D0 ; skos:broader quantitykind:Energy .
quantitykind:Currency a qudt:QuantityKind ; qudt:hasDimensionVector qkdv:A0E0L0I0M0H0T0D1 .
"""
_UNITS = """@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
@prefix qkdv: <http://qudt.org/vocab/dimensionvector/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
<http://qudt.org/$$QUDT_VERSION$$/vocab/unit> rdfs:label "QUDT Vocab Units of Measure Release $$QUDT_VERSION$$" .
unit:KiloW-HR a qudt:Unit ; qudt:conversionMultiplier 3600000.0 ; qudt:hasDimensionVector qkdv:A0E0L2I0M1H0T-2D0 ;
  qudt:unitForQuantityKind quantitykind:Energy ; qudt:symbol "kW·h" ; rdfs:label "Kilowatt Hour"@en .
unit:DEG_F a qudt:Unit ; qudt:conversionMultiplier 0.5555555555555556 ; qudt:conversionOffset 459.669607 ;
  qudt:hasDimensionVector qkdv:A0E0L0I0M0H1T0D0 ; rdfs:label "Degree Fahrenheit" .
unit:CCY_USD a qudt:Unit ; qudt:conversionMultiplier 1.0 ; qudt:hasDimensionVector qkdv:A0E0L0I0M0H0T0D1 ;
  qudt:currencyCode "USD" ; qudt:hasQuantityKind quantitykind:Currency ; rdfs:label "US Dollar"@en .
unit:MegaCCY_USD a qudt:Unit ; qudt:conversionMultiplier 1000000.0 ; qudt:hasDimensionVector qkdv:A0E0L0I0M0H0T0D1 ;
  qudt:hasQuantityKind quantitykind:Currency .
unit:OLD a qudt:Unit ; qudt:conversionMultiplier 1.0 ; qudt:hasDimensionVector qkdv:A0E0L0I0M0H0T1D0 ;
  qudt:deprecated true ; dcterms:isReplacedBy unit:SEC .
"""


def _tool():
    spec = importlib.util.spec_from_file_location("extract_qudt", PROJECT / "tools" / "extract_qudt.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_extraction_keeps_what_claimgraph_reads(tmp_path):
    tool = _tool()
    for name, text in zip(tool._FILES, (_UNITS, _KINDS, _PREFIXES)):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    table = tool.build(tmp_path)
    assert table["units"]["KiloW-HR"] == {
        "multiplier": "3600000.0",
        "dimension": "A0E0L2I0M1H0T-2D0",
        "kinds": ["Energy"],
        "symbol": "kW·h",
        "label": "Kilowatt Hour",
    }
    assert table["units"]["DEG_F"]["offset"] == "459.669607"
    assert table["units"]["MegaCCY_USD"]["currency"] == "USD"  # a prefixed currency keeps its currency
    assert table["units"]["OLD"]["deprecated"] == "SEC"
    assert table["kinds"]["Energy"]["label"] == "Energy" and table["kinds"]["Work"]["broader"] == ["Energy"]
    assert table["prefixes"] == {"Kilo": "1000.0", "Mega": "1000000.0"}  # rdflib writes a double in full
    out = tmp_path / "out"
    out.mkdir()
    path = tool.write(table, "9.9.9", "0" * 40, out)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["about"]["release"] == "9.9.9" and written["units"] == table["units"]
    # one unit per line: a new release shows as a readable diff
    assert sum(line.startswith('"KiloW-HR": ') for line in path.read_text(encoding="utf-8").splitlines()) == 1
