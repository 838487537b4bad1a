"""The reader of numbers in text (docs/numbers.md), the checks built on it (CG320, CG322, CG370)
and its corpus of real phrasings (benchmarks/number_corpus/phrasings.jsonl)."""

from __future__ import annotations

import doctest
import importlib.util
import re
import shutil
import sys
from collections import Counter

import pytest

import claimgraph.numbers_in_text as numbers_module
from claimgraph.checks import run_checks
from claimgraph.numbers_in_text import describe, read_numbers, states
from claimgraph.quantities import UNIT_NS, Quantity
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, run_cli
from .fixture_overlays import invalid_case

BENCHMARK = PROJECT / "benchmarks" / "number_reader.py"
BUNDLED_BASE = "https://w3id.org/claimgraph/registry/viseur-2025/"


def q(value, unit="UNITLESS", lexical=None):
    return Quantity(unit=UNIT_NS + unit, value=value, lexical=lexical or repr(value).removesuffix(".0"))


def values(text, *languages):
    return read_numbers(text, languages or ("en",)).values()


# ------------------------------------------------------------------ the grammar, form by form


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("a 175B parameter model", "en", [175e9]),
        ("trained on 1.2 trillion tokens", "en", [1.2e12]),
        ("109 milliards d’euros", "fr", [109e9]),
        ("1,2 billion de jetons", "fr", [1.2e12]),  # French counts on the long scale
        ("1.2 billion tokens", "en", [1.2e9]),
        ("2 Md€ et 1,5 bn", "fr", [2e9, 1.5e9]),
        ("10k queries, 3.3M GPU hours", "en", [1e4, 3.3e6]),
        ("a total of 2.91E+21 FLOPs", "en", [2.91e21]),
        ("3.14×10^23 and 3.14 × 10²³ and 10²³", "en", [3.14e23, 3.14e23, 1e23]),
        ("7.725e+23 FLOP", "en", [7.725e23]),
        ("~45X faster, 88X, ×3 and 3x", "en", [45, 88, 3, 3]),
        ("change: \u221248.6 %", "en", [-48.6]),
        ("1/3 of it, a third, half, un tiers, la moitié", "en", [1 / 3, 1 / 3, 0.5, 1 / 3, 0.5]),
        ("can consume <1/10th the energy", "en", [0.1]),
        ("2,5 ‰ des prélèvements", "fr", [2.5]),
        ("1,287 MWh", "en", [1287]),
        ("1,3 GWh", "fr", [1.3]),
        ("433 196 kWh", "fr", [433196]),
        ("433\u202f196 kWh and 1\u00a0287 MWh", "en", [433196, 1287]),
        ("1'000'000 and 77’080 MW", "en", [1e6, 77080]),
        ("US$ 2,00,000 million", "en", [2e11]),
        ("35{,}000 U.S. homes", "en", [35000]),
        ("in 2022, GPT-3 and Llama-2-70B on A100 GPUs (see Table 4, p. 12 [3])", "en", []),
        ("they used 2048 Nvidia A100 GPUs", "en", [2048]),
        ("le 17 décembre avec 4700 MW", "fr", [4700]),
    ],
)
def test_every_form_of_the_grammar_is_read(text, language, expected):
    assert values(text, language) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, language, bounds",
    [
        ("130–1500", "en", (130, 1500)),
        ("between 5 and 14 %", "en", (5, 14)),
        ("de 5 à 14 %", "fr", (5, 14)),
        ("entre 378 et 385 TWh", "fr", (378, 385)),
        ("~5X-10X", "en", (5, 10)),
        ("from 7 billion to 70 billion parameters", "en", (7e9, 70e9)),
        ("4.2-6.6 billion cubic meters", "en", (4.2e9, 6.6e9)),
    ],
)
def test_ranges_pair_their_bounds_and_share_a_trailing_scale(text, language, bounds):
    (found,) = read_numbers(text, (language,)).ranges
    assert (found.low.value, found.high.value) == pytest.approx(bounds)


def test_ambiguous_digits_keep_every_reading_the_language_first():
    (english,) = read_numbers("1,287", ("en",)).numbers
    (french,) = read_numbers("1,287", ("fr",)).numbers
    assert english.readings == (1287.0, 1.287) and french.readings == (1.287, 1287.0)


def test_a_decimal_with_three_zeros_after_the_point_is_one_number():
    """Bug found writing examples/ml-training-energy: Google's "0.0003 kWh of energy per search"
    (Luccioni et al. 2025, p. 4) was read as 0 and 3 kWh, the three zeros taken for a group."""
    assert describe(read_numbers("this amounts to 0.0003 kWh of energy per search")) == "0.0003 kWh"
    assert states(
        Quantity(unit=UNIT_NS + "KiloW-HR", value=0.0003, lexical="0.0003"),
        "this amounts to 0.0003 kWh of energy per search",
    )
    assert describe(read_numbers("0.00031")) == "0.00031"
    assert describe(read_numbers("1.000 images")) == "1000"  # three zeros alone group, in every language


def test_units_after_numbers_are_qudt_units():
    found = {n.written: n.unit for n in read_numbers("433 MWh, 24.7 tCO2eq, 42 %, 3 mois, 500ml").numbers}
    assert found == {
        "433 MWh": UNIT_NS + "MegaW-HR",
        "24.7 tCO2eq": UNIT_NS + "TONNE",
        "42 %": UNIT_NS + "PERCENT",
        "3 mois": UNIT_NS + "MO",
        "500ml": UNIT_NS + "MilliL",
    }


def test_a_table_row_quoted_as_280_450_450_is_three_cells_only_when_marked_as_a_row():
    prose = {n.value for n in read_numbers("280 450 450", ("fr",)).numbers}
    assert {280450450, 280450, 450450, 280, 450} <= prose  # one French number, or cells: any reading
    assert values("280 | 450 | 450") == [280, 450, 450]
    assert values("280\t450\t450") == [280, 450, 450]
    assert states(q(280450, "UNITLESS", "280450"), "280 450 450")
    assert not states(q(280450, "UNITLESS", "280450"), "280 | 450 | 450")


def test_a_long_table_row_is_read_cell_by_cell_and_a_long_run_of_groups_as_its_cells():
    row = " | ".join(str(n) for n in range(100, 3100))
    assert values(row) == [float(n) for n in range(100, 3100) if not 1900 <= n <= 2099]  # a bare year cell
    run = "1" + " 000" * 50
    found = read_numbers(run).numbers
    # the run, or its cells; its one-digit head "1" belongs to the group after it, never a cell of its own
    assert found[0].value == 1e150 and {n.value for n in found[1:]} == {0.0}


def test_the_numbers_read_are_described_for_messages():
    assert describe(read_numbers("1,287 MWh and 552 tCO2e", ("fr",))) == "1.287 MWh (or 1287 MWh), 552 t"
    assert describe(read_numbers("no figure here")) == "none"


def test_the_module_doctests_hold():
    assert doctest.testmod(numbers_module).failed == 0


# ------------------------------------------------------------------ matching a value (CG320's engine)


@pytest.mark.parametrize(
    "quantity, text",
    [
        (q(175e9, lexical="175000000000"), "Model X, a 175B parameter language model"),
        (q(1.2e12, lexical="1.2e12"), "we train on 1.2 trillion tokens"),
        (q(2.91e21, lexical="2.91e21"), "Training compute (FLOPs) | 2.91E+21"),
        (q(45), "inference is ~45X faster"),
        (q(0.17, lexical="0.17"), "roughly 1/6 of the total energy"),
        (q(50, "PERCENT"), "half of the electricity"),
        (q(-48.6, "PERCENT", "-48.6"), "change in emissions: \u221248.6 %"),
        (q(-48.6, "PERCENT", "-48.6"), "emissions fell by 48.6 %"),
        (q(86, "PERCENT"), "86"),
        (q(0.25, "PERCENT", "0.25"), "l'eau représente 2,5 ‰ des prélèvements"),
        (q(1.3, "GigaW-HR", "1.3"), "GPT-3 consumed 1,287 MWh"),
        (q(0.7, "UNITLESS", "0.7"), "70 % of the energy"),
        (q(3), "consumption tripled"),
        (q(200, "PERCENT"), "consumption tripled"),  # a rise of 200 %
    ],
)
def test_a_value_is_found_under_any_reading(quantity, text):
    assert states(quantity, text)


@pytest.mark.parametrize(
    "quantity, text",
    [
        (q(54), "inference is ~45X faster"),
        (q(280450, lexical="280450"), "Model X | 280 | 450 | 450"),
        (q(-48.6, "PERCENT", "-48.6"), "emissions rose by 48.6 %"),  # no word of a fall: the sign counts
        (q(48.7, "PERCENT", "48.7"), "48.6 %"),
        (q(433, "MegaW-HR"), "emitted 433 tonnes"),
        (q(2023), "as reported in 2023"),
    ],
)
def test_a_value_that_is_not_there_is_not_found(quantity, text):
    assert not states(quantity, text)


def test_a_statement_may_round_the_value_but_a_quote_may_not():
    precise = q(1287, "MegaW-HR")
    assert states(precise, "L’entraînement aurait nécessité 1,3 GWh", ("fr",), text_rounding=True)
    assert not states(precise, "L’entraînement aurait nécessité 1,3 GWh", ("fr",))


# ------------------------------------------------------------------ the checks


def test_tricky_quotes_and_statements_give_no_finding_at_all():
    result = run_cli("check", "--registry", str(FIXTURES / "numbers-valid"), "--fail-level", "info")
    assert result.code == 0, result.out
    assert result.out.strip() == "0 findings (0 errors, 0 warnings, 0 infos)"


def test_a_quote_that_is_a_bare_table_cell_is_a_valid_quote_but_an_empty_one_is_not(tmp_path):
    target = tmp_path / "registry"
    shutil.copytree(FIXTURES / "numbers-valid", target)
    claims = target / "claims" / "numbers.ttl"
    text = claims.read_text(encoding="utf-8")
    assert 'oa:exact "86" ;' in text
    claims.write_text(text.replace('oa:exact "86" ;', 'oa:exact "" ;'), encoding="utf-8")
    line = next(i for i, row in enumerate(claims.read_text().splitlines(), 1) if 'oa:exact "" ;' in row)
    findings = run_checks(load(target))
    assert [(f.code, f.line) for f in findings if f.code == "CG230"] == [("CG230", line)]


def test_one_fault_one_finding_no_cg370_stacked_on_cg320():
    findings = run_checks(load(invalid_case("value-not-in-quote")))
    codes = Counter(f.code for f in findings)
    assert codes["CG320"] == 1 and codes["CG370"] == 0
    (cg320,) = [f for f in findings if f.code == "CG320"]
    assert "marked verified" in cg320.message


def test_a_verified_claim_contradicting_a_stated_value_gets_cg370_alone():
    findings = run_checks(load(invalid_case("value-differs-from-primary")))
    codes = Counter(f.code for f in findings)
    assert codes["CG370"] == 1 and codes["CG321"] == 0


def test_an_unverified_claim_contradicting_a_stated_value_gets_cg321_and_no_status_finding():
    codes = Counter(f.code for f in run_checks(load(invalid_case("value-differs-unverified"))))
    assert codes["CG321"] == 1 and codes["CG370"] == 0


def test_bloom_value_changed_to_533_while_its_statement_prints_433_is_caught_at_the_claim(tmp_path):
    target = tmp_path / "registry"
    target.mkdir()
    for name in ("claims", "bib"):
        shutil.copytree(PROJECT / name, target / name)
    shutil.copy(PROJECT / "claimgraph.toml", target)
    before = [f for f in run_checks(load(target)) if f.code == "CG322"]
    assert before == []  # the bundled registry: every statement prints its claim's value
    path = target / "claims" / "energy.ttl"
    lines = path.read_text(encoding="utf-8").split("\n")
    start = lines.index("claim:bloom-training-energy")
    value_line = next(i for i in range(start, len(lines)) if "qudt:numericValue 433 " in lines[i])
    lines[value_line] = lines[value_line].replace("qudt:numericValue 433 ", "qudt:numericValue 533 ")
    path.write_text("\n".join(lines), encoding="utf-8")
    hits = [f for f in run_checks(load(target)) if f.code == "CG322"]
    assert {f.subject for f in hits} == {BUNDLED_BASE + "claim/bloom-training-energy"}
    assert {f.line for f in hits} == {value_line + 1} and len(hits) == 2  # the @fr and the @en statement
    assert all(f.file == "claims/energy.ttl" and "533 MWh" in f.message for f in hits)


# ------------------------------------------------------------------ the corpus and its benchmark


def _benchmark():
    spec = importlib.util.spec_from_file_location("number_reader_benchmark", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


def test_the_corpus_holds_300_real_phrasings_each_with_its_source():
    entries = _benchmark().load_corpus()
    assert len(entries) >= 300
    assert {e["lang"] for e in entries} == {"en", "fr"}
    assert min(Counter(e["lang"] for e in entries).values()) >= 100
    for entry in entries:
        assert entry["text"].strip() and entry["source"].strip() and entry["locator"].strip()
        assert re.match(r"https?://", entry["seen_at"]), entry
        assert all(isinstance(v, (int, float)) for v in entry["expected"])
    assert len({e["text"] for e in entries}) == len(entries)  # no phrasing counted twice


def test_the_reader_reaches_its_recorded_precision_and_recall_on_the_corpus():
    benchmark = _benchmark()
    result = benchmark.score(benchmark.load_corpus())
    assert result.precision >= 0.98 and result.recall >= 0.98, "\n".join(result.misses)
    recorded = (PROJECT / "benchmarks" / "results.md").read_text(encoding="utf-8")
    section = recorded.split(benchmark.BEGIN, 1)[1].split(benchmark.END, 1)[0]
    assert f"| {result.entries} | {result.expected} | {result.reported} | {result.matched} |" in section, (
        "run `python benchmarks/number_reader.py --record` and commit benchmarks/results.md"
    )


def test_exponents_beyond_a_double_are_no_number_not_a_crash():
    """Found by tests/test_fuzz_readers.py: "0E400" raised OverflowError in every check reading it."""
    reading = read_numbers("0E400, 1e-400, 10^999 and 10⁹⁹⁹ but 2.91E+21", ("en",))
    values = [n.value for n in reading.numbers]
    assert 2.91e21 in values and all(abs(v) < float("inf") for v in values)
