"""pint's answers about units are remembered in the user's cache folder: a later process with the
same units does not import pint, gives the same answers, and survives a damaged or unwritable memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import PROJECT

QK = "http://qudt.org/vocab/quantitykind/"
UNIT = "http://qudt.org/vocab/unit/"

# Everything a check asks about units, printed, with whether pint had to be imported for it.
_ASK = f"""
import json, sys
from claimgraph.numbers_in_text import states as quote_states
from claimgraph.quantities import UnknownUnit, dimension_fits, dimension_of, normalise, Quantity
answers = [
    dimension_fits("{UNIT}GigaW-HR", "{QK}Energy"),
    dimension_fits("{UNIT}TONNE", "{QK}Energy"),
    list(dimension_of("{UNIT}KiloGM-PER-M3")),
    normalise(1.3, "{UNIT}GigaW-HR", "{QK}Energy"),
    normalise(433196, "{UNIT}KiloW-HR"),
    quote_states(Quantity(unit="{UNIT}GigaW-HR", value=1.3, lexical="1.3"), "it took 1,287 MWh"),
]
try:
    dimension_of("{UNIT}FURLONG-PER-FORTNIGHT")
except UnknownUnit:
    answers.append("unknown")
print(json.dumps({{"answers": answers, "pint": "pint" in sys.modules}}))
"""


def _ask(cache: os.PathLike) -> dict:
    out = subprocess.run([sys.executable, "-c", _ASK], capture_output=True, text=True, cwd=PROJECT,
                         env={**os.environ, "CLAIMGRAPH_CACHE_DIR": str(cache)}, check=True).stdout
    return json.loads(out)


def _memory(cache) -> list:
    return sorted(cache.glob("units-*.json"))


def test_a_second_run_with_the_same_units_does_not_import_pint(tmp_path):
    first = _ask(tmp_path)
    assert first["pint"] is True and len(_memory(tmp_path)) == 1
    second = _ask(tmp_path)
    assert second["pint"] is False
    assert second["answers"] == first["answers"]
    assert first["answers"][:3] == [True, False, [["[length]", -3], ["[mass]", 1]]]
    assert first["answers"][3] == [1300.0, UNIT + "MegaW-HR"] and first["answers"][-1] == "unknown"


def test_the_remembered_answers_are_pints(tmp_path):
    import pint

    _ask(tmp_path)
    memory = json.loads(_memory(tmp_path)[0].read_text())
    ureg = pint.UnitRegistry()
    assert memory["dimensions"][UNIT + "KiloGM-PER-M3"] == [
        list(pair) for pair in sorted(dict(ureg.parse_units("kilogram / meter ** 3").dimensionality).items())]
    a, b = memory["linear"][f"{UNIT}KiloW-HR {UNIT}MegaW-HR"]
    assert (a, b) == (ureg.Quantity(1.0, "kilowatt * hour").to("megawatt * hour").magnitude, 0.0)
    assert memory["dimensions"][UNIT + "FURLONG-PER-FORTNIGHT"] is None


@pytest.mark.parametrize("damage", ["{not json", '{"dimensions": [], "linear": 3}', "", '["a list"]'])
def test_a_damaged_memory_means_asking_pint_again(tmp_path, damage):
    expected = _ask(tmp_path / "clean")["answers"]
    _ask(tmp_path / "damaged")
    (memory,) = _memory(tmp_path / "damaged")
    memory.write_text(damage)
    again = _ask(tmp_path / "damaged")
    assert again["answers"] == expected and again["pint"] is True
    assert json.loads(memory.read_text())["dimensions"]  # written afresh


def test_a_cache_path_that_is_a_file_only_costs_time(tmp_path):
    """A cache folder that cannot be created (a file is in its place, which stops root too)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("in the way")
    expected = _ask(tmp_path / "clean")["answers"]
    assert _ask(blocker)["answers"] == expected
    assert _ask(blocker)["pint"] is True
