"""Readings docs/numbers.md promised that the reader of numbers in text did not give, each a false CG320 or a
wrong claim hidden; each tested on read_numbers and through the real commands on a registry made by
``claimgraph init``, ``new source`` and ``new claim``:

* dimensions ("1920×1080", "8x100 GPUs") were read as a power of ten (×10^80), the exponent's "^" optional;
* a dollar sign after a number in a text holding LaTeX ("$N=7$ models \\cite{a}") was read as US dollars, and
  LaTeX's power of ten "$10^{23}$" as 10 and 23;
* "1,000" was also read as 1, and a mantissa as a thousands group ("1.287e3" also 1.287e6): both hid wrong claims.
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import describe, read_numbers
from claimgraph.quantities import UNIT_NS

from .made_registries import new_claim, new_registry, number_findings


def read(text: str, *languages: str) -> list[tuple[float, ...]]:
    return [n.readings for n in read_numbers(text, languages or ("en",)).numbers]


# ------------------------------------------------------------------ 1. dimensions are two numbers


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1920×1080", [(1920,), (1080,)]),
        ("512x1024 images", [(512,), (1024,)]),
        ("8x100 GPUs", [(8,), (100,)]),
        ("512x512", [(512,), (512,)]),
        ("2 × 1024 tokens", [(2,), (1024,)]),
        ("a 10x100 grid", [(10,), (100,)]),
    ],
)
def test_a_product_without_an_exponent_marker_is_two_numbers(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("3.14×10^23", 3.14e23),
        ("3.14 × 10²³", 3.14e23),
        ("2.5x10^-3", 2.5e-3),
        ("2*10**9", 2e9),
        ("3·10^5", 3e5),
        ("1.5 × 10⁻³", 1.5e-3),
        ("1.5 × 10−3", 1.5e-3),  # 10⁻³ flattened by a PDF: the minus marks the exponent
    ],
)
def test_a_power_of_ten_with_its_exponent_marked_is_still_one_number(text, value):
    assert read(text) == [(pytest.approx(value),)]


def test_a_claim_of_one_side_of_a_dimension_gives_no_finding(tmp_path):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(
        root, "c1", "--statement", "The frames are 1080 pixels high.", "--quote", "frames of 1920×1080 pixels",
        "--locator", "p. 1", "--value", "1080", "--unit", "UNITLESS", kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert number_findings(root) == []
    # the control: a number the dimensions do not state is still reported, with both sides read
    added = new_claim(
        root, "c2", "--statement", "The frames are 1200 pixels high.", "--quote", "frames of 1920×1080 pixels",
        "--locator", "p. 1", "--value", "1200", "--unit", "UNITLESS", measurand="m2", kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG320"], found
    assert "(numbers read: 1920, 1080)" in found[0][1], found


# ------------------------------------------------------------------ 2. dollars in LaTeX


@pytest.mark.parametrize(
    "text, expected",
    [
        ("we trained $N=7$ models \\cite{a}", [("7", None)]),
        ("\\cite{x}: it costs 5$", [("5", None)]),
        ("\\cite{x}: it costs 5 US$", [("5", None)]),
        ("training took $10^{23}$ FLOP", [("10^{23}", "FLOP")]),
        ("training took 10^{23} FLOP", [("10^{23}", "FLOP")]),
        ("a rate of $10^{-3}$ \\cite{a}", [("10^{-3}", None)]),
        ("$3.14 \\times 10^{23}$ FLOP", [("3.14 \\times 10^{23}$ FLOP", "FLOP")]),
        ("$3 \\cdot 10^{5}$ GPUs", [("3 \\cdot 10^{5}", None)]),
    ],
)
def test_a_dollar_in_a_text_holding_latex_is_math_not_money(text, expected):
    numbers = read_numbers(text, ("en",)).numbers
    assert [(n.written, n.unit and n.unit.removeprefix(UNIT_NS)) for n in numbers] == expected


@pytest.mark.parametrize(
    "text, value",
    [
        ("training took $10^{23}$ FLOP", 1e23),
        ("training took 10^{23} FLOP", 1e23),
        ("a rate of $10^{-3}$ \\cite{a}", 1e-3),
        ("$3.14 \\times 10^{23}$ FLOP", 3.14e23),
        ("$3 \\cdot 10^{5}$ GPUs", 3e5),
    ],
)
def test_latex_powers_of_ten_are_one_number(text, value):
    assert read(text) == [(pytest.approx(value),)]


def test_a_run_of_dollars_after_a_number_is_read_without_recursion():
    """Hostile input: only the one dollar that closes the math is skipped before a unit, however many follow."""
    assert read("\\cite{a} 5" + "$" * 5000) == [(5,)]
    assert describe(read_numbers("\\cite{a} 5$ $ FLOP", ("en",))) == "5"


def test_dollars_without_latex_are_still_money():
    """The control: with no backslash or brace in the text, a dollar sign is a currency, before or after."""
    for text in ("it costs 5$", "it costs $5"):
        (number,) = read_numbers(text, ("en",)).numbers
        assert number.unit == UNIT_NS + "CCY_USD", text


def test_a_count_in_latex_math_gives_no_finding(tmp_path):
    root = new_registry(tmp_path, ("en",))
    quote = "we trained $N=7$ models \\cite{a}"
    added = new_claim(
        root, "c1", "--statement", "Seven models were trained.", "--quote", quote, "--locator", "p. 1",
        "--value", "7", "--unit", "UNITLESS", kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    added = new_claim(
        root, "c2", "--statement", "Training took 1e23 FLOP.", "--quote", "training took $10^{23}$ FLOP",
        "--locator", "p. 1", "--value", "1e23", "--unit", "FLOP", measurand="m2", kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert number_findings(root) == []
    # the control: a wrong count of operations is still reported, the power of ten read whole
    added = new_claim(
        root, "c3", "--statement", "Training took 1e22 FLOP.", "--quote", "training took $10^{23}$ FLOP",
        "--locator", "p. 1", "--value", "1e22", "--unit", "FLOP", measurand="m3", kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    found = number_findings(root)
    assert [code for code, _ in found] == ["CG320"], found
    assert "(numbers read: 1 × 10²³ FLOP)" in found[0][1], found


# ------------------------------------------------------------------ 3. one reading for three zeros and for exponents


@pytest.mark.parametrize("language", ["en", "fr", "de"])
@pytest.mark.parametrize(
    "text, value",
    [("1,000", 1000), ("1.000 images", 1000), ("35{,}000", 35000), ("12,000 GPUs", 12000), ("2.000.000", 2e6)],
)
def test_three_zeros_after_the_separator_are_grouping_only(text, value, language):
    assert read(text, language) == [(value,)]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize(
    "text, value, half_unit",
    [
        ("1.287e3", 1287, 0.5),
        ("1,287e3", 1287, 0.5),
        ("7.725e+23", 7.725e23, 5e19),
        ("2.91E+21", 2.91e21, 5e18),
        ("3.140 × 10^23", 3.14e23, 5e19),
    ],
)
def test_a_number_written_with_an_exponent_has_one_reading(text, value, half_unit, language):
    (number,) = read_numbers(text, (language,)).numbers
    assert number.readings == (pytest.approx(value),)
    assert number.half_unit == pytest.approx(half_unit)  # rounded to the mantissa's last decimal


def test_the_control_a_separator_not_followed_by_three_zeros_keeps_both_readings():
    assert describe(read_numbers("1,287", ("en",))) == "1287 (or 1.287)"
    assert describe(read_numbers("1,287", ("fr",))) == "1.287 (or 1287)"


@pytest.mark.parametrize(
    "quote, value, unit",
    [
        ("we collected 1,000 images", "1", "UNITLESS"),
        ("about 35{,}000 U.S. homes \\cite{a}", "35", "UNITLESS"),
        ("this gives 7.725e+23 FLOP", "7.725e26", "FLOP"),
        ("this gives 1.287e3 FLOP", "1.287e6", "FLOP"),
    ],
)
def test_a_claim_of_a_reading_the_text_does_not_give_is_reported(tmp_path, quote, value, unit):
    root = new_registry(tmp_path, ("en",))
    added = new_claim(
        root, "c1", "--statement", f"The figure is {value}.", "--quote", quote, "--locator", "p. 1",
        "--value", value, "--unit", unit, kind="Dimensionless",
    )  # fmt: skip
    assert added.code == 0, added.err
    assert [code for code, _ in number_findings(root) if code == "CG320"] == ["CG320"]
