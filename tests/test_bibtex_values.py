"""BibTeX values read as BibTeX reads them: ``#`` joins braced, quoted, number and macro parts at the
top level only, ``@string`` definitions are read in file order (each sees those above it), and a macro
that is not defined where it is used is a finding at its line, in an entry or in an ``@string``.

The bug: ``{Alpha} # { Beta}`` was one braced value, "Alpha} # { Beta"; an ``@string`` was read with no
macros at all, so ``@string{x1 = x0 # x0}`` was "x0x0" and ``@string{a = b}`` gave "b" without a word.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from claimgraph.loading.bibtex import MAX_MACRO_TEXT, parse_bibtex
from claimgraph.registry import load

from .conftest import run_cli

#: Values that BibTeX and biber read as given (biber 2.19 in --tool mode, cross-checked below).
CONCATENATIONS = r"""@string{x0 = {xx}}
@string{x1 = x0 # x0}
@string{Mixed = "q" # {r} # 7}
@misc{Cat2021,
  title = {Alpha} # { Beta},
  note = {a # b} # " c # {d}" # 12,
  howpublished = x1 # { and } # MIXED,
  addendum = {A}
    # "B",
  month = jan,
  organization = "x {"} y",
  year = {2021},
}
"""

EXPECTED = {
    "title": "Alpha Beta",
    "note": "a # b c # {d}12",
    "howpublished": "xxxx and qr7",
    "addendum": "AB",
    "month": "1",
    "organization": 'x {"} y',
    "year": "2021",
}


def test_concatenation_and_macros_inside_string_definitions():
    parsed = parse_bibtex(CONCATENATIONS)
    assert parsed.problems == []
    (entry,) = parsed.entries
    assert entry.fields == EXPECTED


@pytest.mark.skipif(shutil.which("biber") is None, reason="biber is installed by `make biber`")
def test_the_values_are_those_biber_reads(tmp_path):
    bib = tmp_path / "values.bib"
    bib.write_text(CONCATENATIONS, encoding="utf-8")
    out = tmp_path / "out.bib"
    result = subprocess.run(
        ["biber", "--tool", f"--output-file={out}", f"--logfile={tmp_path / 'biber.blg'}", str(bib)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert " WARN - " not in result.stdout, result.stdout
    # biber writes every value braced (and turns year and month into a date): read back field by field
    written = out.read_text(encoding="utf-8")
    for name, value in EXPECTED.items():
        if name in ("year", "month"):
            continue
        match = re.search(rf"^\s*{name.upper()}\s*=\s*\{{(.*)\}},$", written, re.M)
        assert match, f"{name} not in biber's output:\n{written}"
        assert match.group(1) == value, name
    assert re.search(r"^\s*DATE\s*=\s*\{2021-01\},$", written, re.M), written


def test_macros_are_defined_in_file_order_and_later_ones_are_reported():
    parsed = parse_bibtex(
        "@string{a = b}\n"  # b: defined nowhere
        "@string{first = {F}}\n"
        "@misc{K1,\n  title = first # later,\n  note = a,\n}\n"
        "@string{later = {L}}\n"
        "@misc{K2,\n  title = first # later # jan,\n}\n"
    )
    problems = [(p.code, p.line, p.message) for p in parsed.problems]
    assert problems == [
        ("CG110", 1, "@string 'a' uses the undefined @string macro 'b' (the value keeps the name)"),
        (
            "CG110",
            4,
            "field 'title' of 'K1' uses @string macro 'later' before its definition on line 7: BibTeX reads a "
            "file from the top, so the macro is undefined here (the value keeps its name)",
        ),
    ]
    k1, k2 = parsed.entries
    # an undefined macro stands for its name, as bibtexparser (and claimgraph before) read a bare word
    assert k1.fields == {"title": "Flater", "note": "b"}
    assert k2.fields == {"title": "FL1"}


def test_a_bare_undefined_word_keeps_its_message_and_several_are_named():
    parsed = parse_bibtex("@misc{K,\n  journal = jgr,\n  title = {A} # xx # {B} # yy,\n}\n")
    assert [(p.line, p.message, p.hint) for p in parsed.problems] == [
        (
            2,
            "field 'journal' of 'K' is the bare word 'jgr', an undefined @string macro",
            "write journal = {jgr} or define @string{jgr = ...}",
        ),
        (
            3,
            "field 'title' of 'K' uses the undefined @string macros 'xx', 'yy' (the value keeps the names)",
            "define @string{xx = {...}} above it, or write the text in braces: {xx}",
        ),
    ]


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("{A} {B}", "two parts with no # between them"),
        ("{A} #", "nothing after the last #"),
        ("", "no value"),
    ],
)
def test_a_value_that_is_no_bibtex_value_is_left_out_with_a_finding(value, why):
    parsed = parse_bibtex("@misc{K,\n  author = {Doe, J},\n  title = " + value + ",\n  year = 2021,\n}\n")
    (problem,) = parsed.problems
    assert (problem.code, problem.line, problem.key) == ("CG110", 3, "K")
    assert why in problem.message and "left out" in problem.message
    assert parsed.entries[0].fields == {"author": "Doe, J", "year": "2021"}


def test_a_missing_comma_is_still_named_as_such():
    parsed = parse_bibtex("@article{Merge1,\n  title = {A}\n  year = {2021},\n  doi = {10.1/x},\n}\n")
    (problem,) = parsed.problems
    assert problem.line == 2 and "a comma is probably missing" in problem.message
    assert "title" not in parsed.entries[0].fields


def test_a_macro_chain_past_the_limit_is_one_finding_and_its_users_are_left_out():
    """Each @string joins the one before twice: a0 is 2 characters, a24 would be 2**25."""
    lines = ["@string{a0 = {a0}}"] + [f"@string{{a{i} = a{i - 1} # a{i - 1}}}" for i in range(1, 60)]
    parsed = parse_bibtex("\n".join(lines) + "\n@misc{Laugh,\n  title = a39,\n  note = a3,\n}\n")
    over = next(i for i in range(60) if 2 ** (i + 2) - 2 > MAX_MACRO_TEXT)  # all text added so far
    assert [(p.line, p.message.split(" would hold")[0]) for p in parsed.problems[:1]] == [
        (over + 1, f"@string 'a{over}'")
    ]
    assert [(p.line, p.key) for p in parsed.problems[1:]] == [(62, "Laugh")]
    assert f"has no value (line {over + 1} says why)" in parsed.problems[1].message
    assert parsed.entries[0].fields == {"note": "a0" * 8}


def test_the_registry_reports_them_with_file_and_line_and_exports_the_values(tmp_path):
    root = tmp_path / "b"
    assert run_cli("init", str(root)).code == 0
    bib = root / "bib" / "references.bib"
    start = len(bib.read_text(encoding="utf-8").splitlines())
    with bib.open("a", encoding="utf-8") as out:
        out.write(
            "@string{a = b}\n@string{x0 = {xx}}\n@string{x1 = x0 # x0}\n"
            "@misc{Cat2021, author = {Doe, J}, title = {Alpha} # { Beta}, year = {2021}, url = {https://x.org},"
            " note = a, howpublished = x1}\n"
        )
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "Traceback" not in result.err
    assert (
        f"bib/references.bib:{start + 1}: CG110 error: @string 'a' uses the undefined @string macro 'b'" in result.out
    )
    assert result.out.count(" CG110 ") == 1, result.out
    source = load(root).sources["Cat2021"]
    assert source.fields["title"] == "Alpha Beta"
    assert source.fields["howpublished"] == "xxxx"
    exported = run_cli("export", "-r", str(root), "--allow-load-errors")
    assert 'dcterms:title "Alpha Beta"' in exported.out


def test_a_forward_reference_in_a_registry_file(tmp_path: Path):
    root = tmp_path / "f"
    assert run_cli("init", str(root)).code == 0
    bib = root / "bib" / "extra.bib"
    bib.write_text(
        "@misc{Early2021,\n  author = {Doe, J},\n  title = jrn,\n  year = 2021,\n  url = {https://x.org},\n}\n"
        "@string{jrn = {A Journal}}\n",
        encoding="utf-8",
    )
    result = run_cli("check", "-r", str(root))
    assert result.code == 1
    assert (
        "bib/extra.bib:3: CG110 error: field 'title' of 'Early2021' uses @string macro 'jrn' before its" in result.out
    )
