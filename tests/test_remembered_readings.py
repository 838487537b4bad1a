"""Each file's reading (Turtle index, BibTeX entries) remembered by content: ``check`` after an edit reads
only the edited files again, and finds exactly what a cold check finds."""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

import claimgraph.loading.remembered as remembered
from claimgraph.loading.bibtex import parse_bibtex
from claimgraph.loading.rdf_checks import needs_quad_scan
from claimgraph.loading.remembered import RememberedReadings
from claimgraph.loading.text import TextFileError, read_text
from claimgraph.loading.turtle import ParsedTurtle, TurtleSyntaxError, index_turtle

from .conftest import FIXTURES, PROJECT, run_cli

sys.path.insert(0, str(PROJECT / "benchmarks"))
from synthetic import generate  # noqa: E402

BASE = "https://example.org/registry/"


def _texts(suffix: str) -> list[Path]:
    files = sorted(FIXTURES.rglob(f"*{suffix}")) + sorted((PROJECT / "claims").rglob(f"*{suffix}"))
    return [path for path in files if path.is_file()]


def _text(path: Path) -> str | None:
    try:
        return read_text(path).text
    except TextFileError:
        return None


@pytest.fixture
def cache(monkeypatch, tmp_path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(folder))
    return folder


def _fields(parsed: ParsedTurtle) -> dict:
    # every field (a field added to ParsedTurtle and not remembered fails here), with its type: a pair
    # read back as a list instead of a tuple would not be the same index
    return {f.name: (getattr(parsed, f.name), type(getattr(parsed, f.name))) for f in dataclasses.fields(parsed)}


@pytest.mark.parametrize("path", _texts(".ttl"), ids=lambda p: str(p.relative_to(PROJECT)))
def test_a_remembered_turtle_index_is_the_index(path, cache, tmp_path):
    text = _text(path)
    if text is None:
        pytest.skip("not readable as text (the loader reports it)")
    try:
        expected = index_turtle(text, BASE)
    except TurtleSyntaxError:
        pytest.skip("not indexable")
    first = RememberedReadings(tmp_path, BASE).turtle_index(text)  # read, and remembered
    second = RememberedReadings(tmp_path, BASE).turtle_index(text)  # remembered
    assert list(cache.rglob("turtle-*.json"))
    for parsed, scan in (first, second):
        assert _fields(parsed) == _fields(expected)
        assert [(k, type(v)) for k, v in parsed.blocks.items()] == [(k, type(v)) for k, v in expected.blocks.items()]
        assert scan == needs_quad_scan(text, expected)


@pytest.mark.parametrize("path", _texts(".bib"), ids=lambda p: str(p.relative_to(PROJECT)))
def test_remembered_bibtex_entries_are_the_entries(path, cache, tmp_path):
    text = _text(path)
    if text is None:
        pytest.skip("not readable as text (the loader reports it)")
    expected = parse_bibtex(text)
    first = RememberedReadings(tmp_path, BASE).bibtex(text)
    second = RememberedReadings(tmp_path, BASE).bibtex(text)
    assert list(cache.rglob("bibtex-*.json"))
    assert first == expected and second == expected
    assert second.entries is not first.entries  # fresh objects: the loader completes crossrefs in place


def test_another_base_iri_reads_the_file_again(cache, tmp_path):
    text = "@prefix claim: <claim/> .\nclaim:a <p> <o> .\n"
    RememberedReadings(tmp_path, BASE).turtle_index(text)
    parsed, _scan = RememberedReadings(tmp_path, "https://other.example/").turtle_index(text)
    assert list(parsed.blocks) == ["https://other.example/claim/a"]


def test_a_damaged_entry_is_read_again(cache, tmp_path):
    text = (next((FIXTURES / "valid" / "bib").glob("*.bib"))).read_text(encoding="utf-8")
    RememberedReadings(tmp_path, BASE).bibtex(text)
    for damage in ('{"entries": [["only a key"]]}', '{"entries": [[1, "book", [], "7", {}]], "problems": []}', "{"):
        for entry in cache.rglob("bibtex-*.json"):
            entry.write_text(damage, encoding="utf-8")
        assert RememberedReadings(tmp_path, BASE).bibtex(text) == parse_bibtex(text)
    turtle = next((PROJECT / "claims").rglob("*.ttl")).read_text(encoding="utf-8")
    RememberedReadings(tmp_path, BASE).turtle_index(turtle)
    for entry in cache.rglob("turtle-*.json"):
        remembered_index = entry.read_text(encoding="utf-8")
        damaged = re.sub(r'"deepest":(\d+)', r'"deepest":"\1"', remembered_index)  # valid JSON, not an index
        assert damaged != remembered_index
        entry.write_text(damaged, encoding="utf-8")
    parsed, _scan = RememberedReadings(tmp_path, BASE).turtle_index(turtle)
    assert _fields(parsed) == _fields(index_turtle(turtle, BASE))


def test_check_after_editing_one_turtle_and_one_bibtex_file_reads_only_those(cache, tmp_path, monkeypatch):
    root = generate(60, tmp_path / "registry")
    run_cli("check", "-r", str(root), "--format", "json")  # remembers every file's reading
    files = sorted((root / "claims").glob("*.ttl")) + sorted((root / "bib").glob("*.bib"))
    assert len(list(cache.rglob("readings-*/*.json"))) == len(files)

    claims = root / "claims" / "claims-0000.ttl"
    text = claims.read_text(encoding="utf-8")
    at = text.index("qudt:numericValue ") + len("qudt:numericValue ")
    claims.write_text(text[:at] + "9" + text[at:], encoding="utf-8")  # one value changed
    bib = next((root / "bib").glob("*.bib"))
    entries = bib.read_text(encoding="utf-8")
    bib.write_text(entries.replace("year = {", "year = {x", 1), encoding="utf-8")  # one year no year

    read_again: list[str] = []
    real_index, real_parse = remembered.index_turtle, remembered.parse_bibtex

    def index(text, base):
        read_again.append("turtle")
        return real_index(text, base)

    def parse(text):
        read_again.append("bibtex")
        return real_parse(text)

    monkeypatch.setattr(remembered, "index_turtle", index)
    monkeypatch.setattr(remembered, "parse_bibtex", parse)
    after_edit = run_cli("check", "-r", str(root), "--format", "json")
    assert sorted(read_again) == ["bibtex", "turtle"]
    # the entries of the files as they were are gone: one entry per file
    assert len(list(cache.rglob("readings-*/*.json"))) == len(files)

    monkeypatch.setattr(remembered, "index_turtle", real_index)
    monkeypatch.setattr(remembered, "parse_bibtex", real_parse)
    cold = run_cli("check", "-r", str(root), "--format", "json", "--no-cache")
    assert (after_edit.code, after_edit.out) == (cold.code, cold.out)
    assert '"CG110"' in cold.out  # the edited year is found
