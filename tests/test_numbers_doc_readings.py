"""Readings docs/numbers.md promised that the reader of numbers in text did not give, each a false CG320 or a
wrong claim hidden; each tested on read_numbers and through the real commands on a registry made by
``claimgraph init``, ``new source`` and ``new claim``:

* dimensions ("1920×1080", "8x100 GPUs") were read as a power of ten (×10^80), the exponent's "^" optional;
"""

from __future__ import annotations

import pytest

from claimgraph.numbers_in_text import read_numbers

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
