"""The claim tables keep the bounds and the tolerance as written, as they keep the value.

Regression (new users' trials): ``list claims``, ``export --format csv`` and the site's
downloads/claims.csv wrote ``lower_bound``, ``upper_bound`` and ``relative_tolerance`` from floats, so
a written 1.30 / 2.50 / 0.050 came out 1.3 / 2.5 / 0.05 and 1.5e3 came out 1500; only ``value`` kept
its written form. The registry is made with ``init``, ``new source`` and ``new claim``.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import run_cli
from .made_registries import new_claim, new_registry

#: claim id -> (value, lower_bound, upper_bound, relative_tolerance) as written
WRITTEN = {
    "claim/point": ("1.30", "", "", "0.050"),
    "claim/range": ("", "1.30", "2.50", ""),
    "claim/wide": ("", "1.5e3", "2.0E3", "0.10"),
    "claim/whole": ("", "007", "12", ""),
}


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    root = new_registry(tmp_path_factory.mktemp("written"))
    for claim_id, words, args in [
        ("point", "It took 1.30 GWh.", ["--value", "1.30", "--tolerance", "0.050"]),
        ("range", "It took 1.30 to 2.50 GWh.", ["--range", "1.30", "2.50"]),
        ("wide", "It took 1.5e3 to 2.0E3 GWh.", ["--range", "1.5e3", "2.0E3", "--tolerance", "0.10"]),
        ("whole", "It took 007 to 12 GWh.", ["--range", "007", "12"]),
    ]:
        made = new_claim(root, claim_id, "--statement", words, "--unit", "GigaW-HR", *args)
        assert made.code == 0, made.err
    return root


def _written_cells(rows) -> dict[str, tuple[str, ...]]:
    return {
        row["id"]: tuple(row[c] for c in ("value", "lower_bound", "upper_bound", "relative_tolerance")) for row in rows
    }


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_list_claims_keeps_bounds_and_tolerance_as_written(registry, fmt):
    result = run_cli("list", "claims", "-r", str(registry), "--format", fmt)
    assert result.code == 0, result.err
    rows = csv.DictReader(io.StringIO(result.out), delimiter="," if fmt == "csv" else "\t")
    assert _written_cells(rows) == WRITTEN


def test_export_csv_and_the_sites_download_keep_them_too(registry, tmp_path):
    exported = tmp_path / "claims.csv"
    assert run_cli("export", "-r", str(registry), "--format", "csv", "--out", str(exported)).code == 0
    assert _written_cells(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8")))) == WRITTEN
    site = tmp_path / "site"
    built = run_cli("build", "-r", str(registry), "--out", str(site))
    assert built.code == 0, built.err
    assert (site / "downloads" / "claims.csv").read_bytes() == exported.read_bytes()


def test_json_writes_the_written_numeral_where_json_allows_it(registry):
    result = run_cli("list", "claims", "-r", str(registry), "--format", "json")
    assert result.code == 0, result.err
    assert '"lower_bound": 1.30,' in result.out and '"upper_bound": 2.50,' in result.out
    assert '"relative_tolerance": 0.050,' in result.out and '"relative_tolerance": 0.10,' in result.out
    assert '"lower_bound": 1.5e3,' in result.out and '"upper_bound": 2.0E3,' in result.out
    # 007 is no JSON number: the number instead
    assert '"lower_bound": 7,' in result.out and '"upper_bound": 12,' in result.out
    rows = {row["id"]: row for row in json.loads(result.out)}
    assert rows["claim/wide"]["lower_bound"] == 1500 and rows["claim/point"]["relative_tolerance"] == 0.05
