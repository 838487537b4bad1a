"""The saved query ``measurand-spread`` and the labels ``new claim`` gives a measurand, on registries made
with ``init``, ``new source`` and ``new claim``.

Regressions (new users' trials): the query joined only cg:normalisedValue, so two range claims of one
measurand (40-50 TWh and 400-500 TWh), which ``check`` reports as a conflict (CG340), were not listed; with
-12 % and 58 % it gave a ratio of -4.83. And ``new claim --lang fr --measurand subscribers`` labelled the
measurand ``"subscribers"@fr``, which a query asking for English or untagged labels did not find.
"""

from __future__ import annotations

import json

from .conftest import run_cli
from .made_registries import findings, new_claim, new_registry


def _spread(root) -> dict[str, dict[str, str]]:
    """measurand-spread's rows by measurand id, each cell's value (an unbound cell is absent)."""
    result = run_cli("query", "measurand-spread", "--format", "json", "--registry", str(root))
    assert result.code == 0, result.err
    rows = json.loads(result.out)["results"]["bindings"]
    by_id = {row["measurand"]["value"].rsplit("/", 1)[-1]: {k: v["value"] for k, v in row.items()} for row in rows}
    assert len(by_id) == len(rows)  # one row per measurand (and unit)
    return by_id


def _add(root, claim_id: str, words: str, measurand: str, *args: str, kind: str = "Energy") -> None:
    made = new_claim(root, claim_id, "--statement", words, *args, measurand=measurand, kind=kind)
    assert made.code == 0, made.err


def test_range_claims_are_in_the_spread(tmp_path):
    root = new_registry(tmp_path)
    _add(root, "low", "It used 40 to 50 TWh.", "consumption", "--range", "40", "50", "--unit", "TeraW-HR")
    _add(root, "high", "It used 400 to 500 TWh.", "consumption", "--range", "400", "500", "--unit", "TeraW-HR")
    assert findings(root, "CG340"), "check sees a conflict between the two ranges"
    row = _spread(root)["consumption"]
    assert row["claims"] == "2"
    # in MWh, the unit Energy is normalised to: the lowest lower bound, the highest upper bound
    assert float(row["lowest"]) == 40e6 and float(row["highest"]) == 500e6
    assert float(row["ratio"]) == 12.5


def test_a_range_and_a_point_are_compared(tmp_path):
    root = new_registry(tmp_path)
    _add(root, "range", "It used 40 to 50 TWh.", "consumption", "--range", "40", "50", "--unit", "TeraW-HR")
    _add(root, "point", "It used 100 TWh.", "consumption", "--value", "100", "--unit", "TeraW-HR")
    row = _spread(root)["consumption"]
    assert (float(row["lowest"]), float(row["highest"]), float(row["ratio"])) == (40e6, 100e6, 2.5)


def test_no_ratio_when_the_smallest_value_is_not_positive(tmp_path):
    root = new_registry(tmp_path)
    args = ("--unit", "PERCENT")
    _add(root, "fall", "It grew by -12 %.", "growth", "--value", "-12", *args, kind="DimensionlessRatio")
    _add(root, "rise", "It grew by 58 %.", "growth", "--value", "58", *args, kind="DimensionlessRatio")
    _add(root, "none", "It grew by 0 %.", "flat", "--value", "0", *args, kind="DimensionlessRatio")
    _add(root, "some", "It grew by 3 %.", "flat", "--value", "3", *args, kind="DimensionlessRatio")
    rows = _spread(root)
    assert (float(rows["growth"]["lowest"]), float(rows["growth"]["highest"])) == (-0.12, 0.58)
    assert "ratio" not in rows["growth"] and "ratio" not in rows["flat"]
    csv_rows = run_cli("query", "measurand-spread", "--format", "csv", "--registry", str(root)).out.splitlines()
    assert csv_rows[0].endswith(",ratio") and all(line.endswith(",") for line in csv_rows[1:])


def test_a_label_made_from_an_id_has_no_language(tmp_path):
    root = new_registry(tmp_path)
    for claim_id, words in (("a", "Il y a 7 millions d'abonnés."), ("b", "Il y a 9 millions d'abonnés.")):
        _add(root, claim_id, words, "subscribers", "--lang", "fr", "--value", "7", "--unit", "NUM", kind="Count")
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert 'rdfs:label "subscribers" ;' in text and '"subscribers"@' not in text
    assert _spread(root)["subscribers"]["label"] == "subscribers"
    rows = run_cli("query", "claims-by-measurand", "--format", "json", "--registry", str(root)).out
    labels = {row["measurandLabel"]["value"] for row in json.loads(rows)["results"]["bindings"]}
    assert labels == {"subscribers"}


def test_a_label_given_in_french_is_french_and_still_shown(tmp_path):
    root = new_registry(tmp_path, languages=("fr",))
    label = ("--measurand-label", "abonnés du service")
    _add(root, "a", "Il y a 7 millions d'abonnés.", "subs", *label, "--value", "7", "--unit", "NUM", kind="Count")
    _add(root, "b", "Il y a 9 millions d'abonnés.", "subs", "--value", "9", "--unit", "NUM", kind="Count")
    text = (root / "claims" / "claims.ttl").read_text(encoding="utf-8")
    assert 'rdfs:label "abonnés du service"@fr ;' in text
    # no English or untagged label: the one there is, whatever its language
    assert _spread(root)["subs"]["label"] == "abonnés du service"
