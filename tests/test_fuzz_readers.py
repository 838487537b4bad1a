"""Property-based tests (Hypothesis) over the readers of a registry's inputs.

Each test takes a valid input (a claims file, a bibliography, a saved query, the settings) and breaks
it at random, with the characters and tokens that broke readers before (quotes, brackets, escapes,
controls, bidi overrides, huge numerals, CR), or feeds a reader random text. Whatever comes in:

* no traceback: the reader answers with findings (or, for the settings, its one error type);
* every finding about a file names the file and a line inside it;
* the input files are left byte for byte as they were;
* each example ends within a hang guard, and the process does not grow without bound.

The examples are derandomised (the same ones on every run) and few, so CI stays fast. A longer
run, with fresh random examples::

    CLAIMGRAPH_FUZZ_EXAMPLES=2000 CLAIMGRAPH_FUZZ_RANDOM=1 .venv/bin/python -m pytest tests/test_fuzz_readers.py
"""

from __future__ import annotations

import faulthandler
import hashlib
import os
import resource
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.checks import run_checks
from claimgraph.loading.bibtex import parse_bibtex
from claimgraph.numbers_in_text import read_numbers
from claimgraph.quantities import number_problem, rounding_half_unit
from claimgraph.registry import RegistryError, load
from claimgraph.settings import SettingsError, read_settings

from .conftest import FIXTURES

#: Examples per test in CI; CLAIMGRAPH_FUZZ_EXAMPLES raises it for a longer run.
EXAMPLES = int(os.environ.get("CLAIMGRAPH_FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("CLAIMGRAPH_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
#: Longest one example may take before the run is stopped with every thread's stack: a hang, not slowness.
HANG_SECONDS = 300
#: How much the process may grow over one test's examples.
GROWTH_BYTES = 1024 * 1024 * 1024

#: What broke readers before, or could: syntax, escapes, controls, invisible characters, odd numerals.
SNIPPETS = [
    '"',
    '"""',
    "'",
    "<",
    ">",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    ";",
    ".",
    ",",
    "@",
    "#",
    "%",
    "=",
    "\\",
    "\\u202e",
    "\\U0001F600",
    "\\r",
    "\\",
    "\u202e",
    "\u2066",
    "\u200b",
    "\u00ad",
    "\u200d",
    "\x00",
    "\x1b",
    "\x85",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\ufeff",
    "é",
    "р",
    "1e400",
    "1e-400",
    "NaN",
    "-0",
    "007",
    "^^xsd:date",
    "^^xsd:integer",
    "@en",
    "_:b",
    "a",
    "cg:partOf",
    "<source/X>",
    "claim:y",
    "@prefix",
    "PREFIX",
    "BASE",
    "<<",
    "~",
    "{|",
    "@article{",
    "@string{",
    "@comment{",
    "year = 2020",
    "}}},",
    "SELECT",
    "SERVICE",
    "FROM",
    "INSERT",
    "FILTER(",
    "?x",
    "((((((((",
    "]]]]",
    "}}}}}",
    "= [",
    "[registry]",
]


def _apply(seed: str, edits: list[tuple[int, int, str]]) -> str:
    text = seed
    for position, deleted, inserted in edits:
        at = position % (len(text) + 1)
        text = text[:at] + inserted + text[at + deleted :]
    return text


def mutations(seed: str):
    """``seed`` with a few random deletions and insertions of :data:`SNIPPETS` or random characters."""
    inserted = st.sampled_from(SNIPPETS) | st.text(max_size=6)
    edit = st.tuples(st.integers(0, len(seed)), st.integers(0, 12), inserted)
    return st.lists(edit, min_size=1, max_size=8).map(lambda edits: _apply(seed, edits))


@contextmanager
def bounded():
    """Stop the run with every stack if one example hangs; fail if the process grew past the bound."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    faulthandler.dump_traceback_later(HANG_SECONDS, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    assert grown < GROWTH_BYTES, f"the process grew by {grown / 2**20:.0f} MiB"


def _digest(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _lines(path: Path) -> int:
    text = path.read_bytes().decode("utf-8", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1


def assert_located(root: Path, findings, fuzzed: str) -> None:
    """Every finding about a file names a line inside it; the fuzzed file's findings all have a file."""
    for f in findings:
        assert f.file is not None or f.code in ("CG118", "CG120", "CG405"), f
        if f.file is None:
            continue
        path = root / f.file
        assert path.exists(), f
        if f.line is not None and path.is_file():
            assert 1 <= f.line <= _lines(path), (f, _lines(path))


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "reg"
    shutil.copytree(FIXTURES / "valid", root)
    return root


def _fresh(root: Path) -> None:
    """Back to the valid registry (an example may leave files the next one should not see)."""
    shutil.rmtree(root)
    shutil.copytree(FIXTURES / "valid", root)


TURTLE_SEED = (FIXTURES / "valid" / "claims" / "energy.ttl").read_text(encoding="utf-8")
BIB_SEED = (FIXTURES / "valid" / "bib" / "references.bib").read_text(encoding="utf-8")
QUERY_SEED = (
    "# title: Claims and their sources\n# description: every claim with the source it cites\n"
    "PREFIX cg: <https://w3id.org/claimgraph/ns#>\nSELECT ?claim ?source WHERE {\n"
    '  ?claim a cg:Claim ; cg:cites ?source .\n  FILTER(STRSTARTS(STR(?source), "https"))\n}\n'
    "ORDER BY ?claim LIMIT 10\n"
)
SETTINGS_SEED = (FIXTURES / "valid" / "claimgraph.toml").read_text(encoding="utf-8")


def _check_registry(root: Path, fuzzed: str) -> None:
    before = _digest(root)
    with bounded():
        registry = load(root)
        findings = run_checks(registry)
    assert _digest(root) == before
    assert_located(root, findings, fuzzed)


@FUZZ
@given(text=mutations(TURTLE_SEED))
def test_turtle_reader_survives_broken_claims_files(fuzz_root, text):
    _fresh(fuzz_root)
    (fuzz_root / "claims" / "energy.ttl").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _check_registry(fuzz_root, "claims/energy.ttl")


@FUZZ
@given(data=st.binary(max_size=300))
def test_turtle_reader_survives_arbitrary_bytes(fuzz_root, data):
    _fresh(fuzz_root)
    (fuzz_root / "claims" / "bytes.ttl").write_bytes(data)
    _check_registry(fuzz_root, "claims/bytes.ttl")


@FUZZ
@given(text=mutations(BIB_SEED))
def test_bibtex_reader_survives_broken_bibliographies(fuzz_root, text):
    _fresh(fuzz_root)
    (fuzz_root / "bib" / "references.bib").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    _check_registry(fuzz_root, "bib/references.bib")


@FUZZ
@given(text=mutations(BIB_SEED) | st.text(max_size=400))
def test_bibtex_parser_locates_every_problem_inside_the_text(text):
    with bounded():
        bib = parse_bibtex(text)
    lines = text.count("\n") + 1
    for problem in bib.problems:
        assert 1 <= problem.line <= lines, problem
    for entry in bib.entries:
        assert 1 <= entry.line <= lines and all(1 <= n <= lines for n in entry.field_lines.values())


@FUZZ
@given(text=mutations(QUERY_SEED))
def test_saved_query_reader_survives_broken_queries(fuzz_root, text):
    from claimgraph.checks import saved_queries

    _fresh(fuzz_root)
    (fuzz_root / "queries").mkdir(exist_ok=True)
    path = fuzz_root / "queries" / "fuzzed.rq"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    before = _digest(fuzz_root)
    with bounded():
        registry = load(fuzz_root)
        findings = list(registry.load_findings) + list(saved_queries.check(registry))
    assert _digest(fuzz_root) == before
    assert_located(fuzz_root, findings, "queries/fuzzed.rq")


@FUZZ
@given(text=mutations(QUERY_SEED) | st.text(max_size=200))
def test_query_command_refuses_broken_queries_with_a_position(fuzz_root, text):
    from .conftest import run_cli

    _fresh(fuzz_root)
    with bounded():
        result = run_cli("query", "-r", str(fuzz_root), "--timeout", "20", "--", text)
    assert result.code in (0, 1, 2), result
    assert "Traceback" not in result.err


@FUZZ
@given(text=mutations(SETTINGS_SEED) | st.text(max_size=200))
def test_settings_reader_answers_with_settings_or_one_located_error(tmp_path_factory, text):
    root = tmp_path_factory.mktemp("settings")
    path = root / "claimgraph.toml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    before = path.read_bytes()
    with bounded():
        try:
            settings_read = read_settings(root)
        except SettingsError as exc:
            assert exc.line is None or 1 <= exc.line <= _lines(path), (exc, exc.line)
            assert str(exc)
        else:
            assert settings_read.base.endswith(("/", "#")) and settings_read.title
            try:
                load(root)
            except RegistryError as exc:  # only a settings problem may stop a load
                raise AssertionError(f"settings accepted, then refused by load: {exc}") from None
    assert path.read_bytes() == before


NUMERALS = st.from_regex(r"[+-]?[0-9]{0,30}(\.[0-9]{0,30})?([eE][+-]?[0-9]{0,5})?", fullmatch=True)


@FUZZ
@given(
    text=st.text(max_size=300)
    | st.lists(
        NUMERALS
        | st.sampled_from(
            [" ", "\u00a0", "\u202f", ",", ".", " %", " GWh", " MWh", " kWh", " t", " billion", "p. ", "[", "]", "×"]
        ),
        max_size=30,
    ).map("".join)
)
def test_number_reader_reads_any_text_without_error(text):
    with bounded():
        for languages in (("en",), ("fr",), ("en", "fr")):
            for number in read_numbers(text, languages).numbers:
                assert 0 <= number.start <= number.end <= len(text) and number.readings


@FUZZ
@given(lexical=NUMERALS | st.text(max_size=40))
def test_numeral_checks_accept_any_lexical_form(lexical):
    with bounded():
        problem = number_problem(lexical)
        number_problem(lexical, single=True)
        assert problem is None or isinstance(problem, str)
        try:
            half = rounding_half_unit(lexical)
        except ValueError:
            return
        assert half >= 0 or half != half
