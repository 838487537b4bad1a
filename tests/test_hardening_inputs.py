"""Hardening: hostile or broken Turtle, files and BibTeX.

Every case ends the same way: ``claimgraph check`` exits 1 (bad content), the
text report names ``path:line: CODE``, no traceback, and the other files of
the registry still load.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from claimgraph.checks import run_checks
from claimgraph.loading.rdf_checks import MAX_LIST_LENGTH, MAX_NESTING_DEPTH
from claimgraph.loading.text import MAX_FILE_BYTES
from claimgraph.registry import load

from .conftest import FIXTURES, run_cli

VALID = FIXTURES / "valid"
PREFIXES = (
    "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n"
    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
    "@prefix claim: <claim/> .\n"
)


@pytest.fixture
def registry(tmp_path):
    """A copy of the valid fixture; returns its root."""
    root = tmp_path / "reg"
    shutil.copytree(VALID, root, symlinks=True)
    return root


def checked(root: Path, code: str, file: str, line: int | None, exit_code: int = 1):
    """Run `claimgraph check` and assert the finding, the exit code and the text form."""
    result = run_cli("check", "-r", str(root))
    assert result.code == exit_code, result.out + result.err
    assert "Traceback" not in result.err + result.out
    where = f"{file}:{line}: {code} " if line else f"{file}: {code} "
    assert where in result.out, f"no `{where}` in:\n{result.out}"
    return result


def claim_count(root: Path) -> int:
    return len(load(root).select("SELECT ?c WHERE { ?c a cg:Claim }"))


# ------------------------------------------------------------------ Turtle


def test_every_broken_turtle_file_is_reported_in_one_run(registry):
    (registry / "claims" / "a.ttl").write_text(PREFIXES + "claim:x cg:value 1 \n claim:y .\n")
    (registry / "claims" / "b.ttl").write_text(PREFIXES + "\n\nclaim:z cg:value [ .\n")
    result = checked(registry, "CG101", "claims/a.ttl", 5)
    assert "claims/b.ttl:6: CG101 " in result.out
    assert claim_count(registry) == claim_count(VALID)


@pytest.mark.parametrize(
    "text, line",
    [
        ("claim:x <http://exa mple.org/p> 1 .", 4),  # space in an IRI
        ("claim:x <http://example.org/{p}> 1 .", 4),  # forbidden character
        ('claim:x cg:note "\\uD800" .', 4),  # escaped lone surrogate
        ("\nclaim:x cg:p <<( claim:a cg:b claim:c )>> .", 5),  # RDF 1.2 triple term
        ("claim:x cg:p claim:o ~ claim:r .", 4),  # RDF 1.2 reifier
        ("claim:x cg:p claim:o {| cg:q 1 |} .", 4),  # RDF 1.2 annotation
        ('claim:x cg:p "x"@en--ltr .', 4),  # RDF 1.2 base direction
        ('VERSION "1.2"\nclaim:x cg:p 1 .', 4),  # RDF 1.2 version directive
    ],
)
def test_structures_turtle_1_1_forbids_are_syntax_errors(registry, text, line):
    (registry / "claims" / "bad.ttl").write_text(PREFIXES + text + "\n")
    checked(registry, "CG101", "claims/bad.ttl", line)


def test_relative_iris_resolve_against_the_registry_base(registry):
    (registry / "claims" / "rel.ttl").write_text("<claim/rel> <https://example.org/p> <../up> .\n")
    reg = load(registry)
    assert not [f for f in reg.load_findings if f.file == "claims/rel.ttl"]
    rows = reg.select("SELECT ?o WHERE { <https://example.org/registry/valid/claim/rel> ?p ?o }")
    assert rows == [{"o": "https://example.org/registry/up"}]


def test_lone_surrogate_bytes_and_other_non_utf8_files_are_refused_with_their_line(registry):
    (registry / "claims" / "surrogate.ttl").write_bytes(PREFIXES.encode() + b'claim:x cg:note "\xed\xa0\x80" .\n')
    (registry / "claims" / "latin1.ttl").write_bytes(
        PREFIXES.encode() + b"\n" + 'claim:x cg:note "é" .\n'.encode("latin-1")
    )
    result = checked(registry, "CG102", "claims/surrogate.ttl", 4)
    assert "claims/latin1.ttl:5: CG102 " in result.out


@pytest.mark.parametrize("variant", ["bom", "crlf", "cr", "bom+crlf"])
def test_bom_and_line_endings_give_the_same_triples_and_lines(registry, variant):
    source = registry / "claims" / "energy.ttl"
    plain = source.read_bytes()
    before = load(registry)
    data = plain
    if "crlf" in variant:
        data = data.replace(b"\n", b"\r\n")
    elif variant == "cr":
        data = data.replace(b"\n", b"\r")
    if variant.startswith("bom"):
        data = b"\xef\xbb\xbf" + data
    source.write_bytes(data)
    after = load(registry)
    assert not after.load_findings
    assert set(map(str, before.data_quads())) == set(map(str, after.data_quads())) or len(
        list(before.data_quads())
    ) == len(list(after.data_quads()))
    assert before.locations == after.locations
    assert [str(f) for f in run_checks(before)] == [str(f) for f in run_checks(after)]


def test_very_deep_nesting_is_refused_without_recursion_error(registry):
    n = 100_000
    (registry / "claims" / "deep.ttl").write_text(
        PREFIXES + "\nclaim:deep cg:p " + "[ cg:p " * n + "1" + " ]" * n + " .\n"
    )
    result = checked(registry, "CG114", "claims/deep.ttl", 5)
    assert f"over {MAX_NESTING_DEPTH} levels" in result.out
    assert claim_count(registry) == claim_count(VALID)


def test_very_long_collection_is_refused(registry):
    (registry / "claims" / "list.ttl").write_text(PREFIXES + "claim:list cg:p (" + " 1" * 100_000 + " ) .\n")
    result = checked(registry, "CG114", "claims/list.ttl", 4)
    assert f"{MAX_LIST_LENGTH:,} items" in result.out


def test_nesting_within_the_limits_is_accepted(registry):
    depth = MAX_NESTING_DEPTH - 1
    (registry / "claims" / "ok.ttl").write_text(
        PREFIXES + "claim:ok cg:p " + "[ cg:p " * depth + "( 1 2 3 )" + " ]" * depth + " .\n"
    )
    assert not [f for f in load(registry).load_findings if f.file == "claims/ok.ttl"]


def test_labelled_blank_node_chains_count_as_nesting(registry):
    lines = [f"_:b{i} cg:p _:b{i + 1} ." for i in range(MAX_NESTING_DEPTH + 5)]
    (registry / "claims" / "chain.ttl").write_text(PREFIXES + "claim:c cg:p _:b0 .\n" + "\n".join(lines) + "\n")
    findings = [f for f in load(registry).load_findings if f.file == "claims/chain.ttl"]
    assert [f.code for f in findings] == ["CG114"] and findings[0].line


def test_oversized_file_is_refused(registry):
    big = registry / "claims" / "big.ttl"
    with big.open("wb") as handle:  # a sparse file: no 50 MB written to disk
        handle.truncate(MAX_FILE_BYTES + 1)
    result = checked(registry, "CG111", "claims/big.ttl", None)
    assert "over the limit" in result.out


@pytest.mark.parametrize(
    "literal, reason",
    [
        ('"2023-13-45"^^xsd:date', "month 13"),
        ('"2023-02-29"^^xsd:date', "day 29"),
        ('"2023-01-01T25:00:00"^^xsd:dateTime', "time of day"),
        ('"12a"^^xsd:integer', "not an integer"),
        ('"1,5"^^xsd:decimal', "xsd:decimal"),
        ('"yes"^^xsd:boolean', "xsd:boolean"),
        ('"23"^^xsd:gYear', "xsd:gYear"),
        ('"-3"^^xsd:nonNegativeInteger', "out of range"),
    ],
)
def test_ill_typed_literals_are_reported_on_their_line(registry, literal, reason):
    (registry / "claims" / "typed.ttl").write_text(
        PREFIXES + '\nclaim:typed\n    cg:note "fine" ;\n    cg:when ' + literal + " .\n"
    )
    result = checked(registry, "CG115", "claims/typed.ttl", 7)
    assert reason in result.out


def test_well_typed_literals_are_accepted(registry):
    (registry / "claims" / "typed.ttl").write_text(
        PREFIXES + 'claim:t cg:a "2024-02-29"^^xsd:date , "2024-02-29T24:00:00Z"^^xsd:dateTime , '
        '"-1.5E3"^^xsd:double , "INF"^^xsd:float , "true"^^xsd:boolean , "2023"^^xsd:gYear , '
        '"2023-12"^^xsd:gYearMonth , 12 , 1.5 , 1e3 , true .\n'
    )
    assert not [f for f in load(registry).load_findings if f.file == "claims/typed.ttl"]


@pytest.mark.parametrize(
    "name, what",
    [
        ("gpt3\u200b-energy", "U+200B ZERO WIDTH SPACE"),
        ("gpt3\u202e-energy", "U+202E"),
        ("g\u0440t3-energy", "Cyrillic"),  # Cyrillic er, looks like p
        ("\u0455ource-x", "Cyrillic"),  # Cyrillic dze, looks like s
    ],
)
def test_invisible_and_confusable_characters_in_identifiers(registry, name, what):
    (registry / "claims" / "ids.ttl").write_text(PREFIXES + f"\n<claim/{name}> a cg:Claim .\n")
    result = checked(registry, "CG116", "claims/ids.ttl", 5)
    assert what in result.out


def test_accented_identifiers_are_not_confusable(registry):
    (registry / "claims" / "ids.ttl").write_text(PREFIXES + "<claim/énergie-modèle> cg:p <claim/e\u0301t\u00e9> .\n")
    assert not [f for f in load(registry).load_findings if f.file == "claims/ids.ttl"]


# ------------------------------------------------------------------ files


def test_symlink_leaving_the_registry_is_refused(registry, tmp_path):
    outside = tmp_path / "secret.ttl"
    outside.write_text(PREFIXES + "claim:secret a cg:Claim .\n")
    (registry / "claims" / "link.ttl").symlink_to(outside)
    (registry / "claims" / "dirlink").symlink_to(tmp_path, target_is_directory=True)
    result = checked(registry, "CG113", "claims/link.ttl", None)
    assert "claims/dirlink: CG113 " in result.out
    assert "secret" not in str(list(load(registry).data_quads()))


def test_symlink_loops_are_reported_not_followed(registry):
    claims = registry / "claims"
    (claims / "a.ttl").symlink_to(claims / "b.ttl")
    (claims / "b.ttl").symlink_to(claims / "a.ttl")
    (claims / "sub").mkdir()
    (claims / "sub" / "loop").symlink_to(claims, target_is_directory=True)
    result = checked(registry, "CG113", "claims/a.ttl", None)
    assert "claims/b.ttl: CG113 " in result.out
    # the folder loop is walked once: the claims are not loaded twice
    assert not [f for f in load(registry).load_findings if f.code == "CG104"]


def test_symlinks_inside_the_registry_are_followed(registry):
    (registry / "extra").mkdir()
    (registry / "extra" / "more.ttl").write_text(PREFIXES + "claim:more cg:p 1 .\n")
    (registry / "claims" / "more.ttl").symlink_to(registry / "extra" / "more.ttl")
    reg = load(registry)
    assert "claims/more.ttl" in reg.claim_files and not reg.load_findings


def test_the_same_claim_in_two_files_is_reported(registry):
    energy = (registry / "claims" / "energy.ttl").read_text()
    (registry / "claims" / "zz-copy.ttl").write_text(energy)
    first = next(i for i, line in enumerate(energy.splitlines(), 1) if line.startswith("claim:"))
    result = checked(registry, "CG104", "claims/zz-copy.ttl", first)
    assert "already defined in claims/energy.ttl" in result.out


def test_fifo_is_skipped_not_read(registry):
    os.mkfifo(registry / "claims" / "pipe.ttl")
    checked(registry, "CG100", "claims/pipe.ttl", None)


def test_unreadable_file_is_reported(registry, monkeypatch):
    target = registry / "claims" / "energy.ttl"
    if os.geteuid() != 0:
        target.chmod(0)
    else:  # root reads anything: simulate the permission error
        original = Path.read_bytes

        def read_bytes(self):
            if self.name == "energy.ttl":
                raise PermissionError(13, "Permission denied")
            return original(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = checked(registry, "CG100", "claims/energy.ttl", None)
    assert "Permission denied" in result.out


# ------------------------------------------------------------------ BibTeX


BIB_ENTRY = "@article{{{key},\n  author = {{Doe, Jane}},\n  title = {{T}},\n  year = {{2021}},\n  doi = {{10.1234/example.x}},\n}}\n"


def bib_case(registry: Path, text: str) -> Path:
    (registry / "bib" / "extra.bib").write_text(text)
    return registry


def test_duplicated_field_does_not_make_the_entry_vanish_silently(registry):
    bib_case(registry, "@article{Dup1,\n  title = {A},\n  year = {2020},\n  year = {2021},\n}\n")
    checked(registry, "CG107", "bib/extra.bib", 1)


def test_extra_brace_that_drops_a_field_is_reported(registry):
    bib_case(registry, "@article{Brace1,\n  title = {A}},\n  year = {2021},\n}\n")
    # (CG110 until the fields left outside an entry got a code of their own, CG123)
    checked(registry, "CG123", "bib/extra.bib", 2)


def test_missing_comma_merging_two_fields_is_reported(registry):
    bib_case(registry, "@article{Merge1,\n  title = {A}\n  year = {2021},\n  doi = {10.1/x},\n}\n")
    result = run_cli("check", "-r", str(registry))
    assert result.code == 1 and "bib/extra.bib:" in result.out
    assert " CG110 " in result.out or " CG105 " in result.out


def test_undefined_macro_is_reported(registry):
    bib_case(registry, "@article{Macro1,\n  title = {A},\n  journal = jgr,\n  year = 2021,\n}\n")
    checked(registry, "CG110", "bib/extra.bib", 3)


def test_duplicate_keys_and_keys_differing_only_by_case(registry):
    bib_case(
        registry, BIB_ENTRY.format(key="Key2021") + BIB_ENTRY.format(key="key2021") + BIB_ENTRY.format(key="Key2021")
    )
    result = checked(registry, "CG106", "bib/extra.bib", 7)
    assert "differing only by case" in result.out and "bib/extra.bib:13: CG106 " in result.out


def test_keys_differing_by_an_invisible_character(registry):
    bib_case(registry, BIB_ENTRY.format(key="Key2021\u200b"))
    checked(registry, "CG108", "bib/extra.bib", 1)


def test_macro_expansion_is_bounded(registry):
    """A BibTeX "billion laughs": each macro doubles the previous one; nothing is expanded recursively."""
    lines = ['@string{m0 = "ha"}'] + [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 60)]
    bib_case(registry, "\n".join(lines) + "\n@misc{Laugh,\n  title = m59,\n  year = 2021,\n}\n")
    result = run_cli("check", "-r", str(registry))
    assert result.code in (0, 1) and "Traceback" not in result.err
    assert len(result.out) < 100_000


# A key becomes the last segment of the source's IRI: one that cannot (a space, <, %…) crashed
# every command in the IRI constructor; "." and ".." made dot segments pointing at the registry.
@pytest.mark.parametrize("key", ["Bad Key", "a<b", "a>b", "a\\b", "a^b", "a|b", "a`b", "a%b", "a\tb", "..", ".", ":"])
def test_key_that_cannot_name_a_source_is_refused_not_a_crash(registry, key):
    bib_case(registry, "\n" + BIB_ENTRY.format(key=key))
    result = checked(registry, "CG108", "bib/extra.bib", 2)
    assert "the entry is skipped" in result.out
    reg = load(registry)
    assert key not in reg.sources and len(reg.sources) == len(load(VALID).sources)
    # the other commands run too: list refuses the partial registry by default, and lists it when allowed
    refused = run_cli("list", "claims", "-r", str(registry))
    assert refused.code == 1 and "CG108" in refused.err and "Traceback" not in refused.err
    listed = run_cli("list", "claims", "-r", str(registry), "--allow-load-errors")
    assert listed.code == 0 and "Traceback" not in listed.err


def test_control_characters_in_fields_are_reported_and_kept_out_of_the_graph(registry):
    # NUL and ESC are invisible in an editor and cannot be written in XML 1.0 at all
    bib_case(registry, "\n\n@misc{Ctrl1,\n  title = {a\x00b},\n  note = {c\x1bd},\n  year = {2021},\n}\n")
    # each at its field's line, as a bidi control (CG121) is
    result = checked(registry, "CG110", "bib/extra.bib", 4)
    assert "bib/extra.bib:5: CG110 error: field 'note' of 'Ctrl1' holds control character U+001B" in result.out
    assert "U+0000" in result.out and "the field is left out" in result.out
    quads = " ".join(str(q) for q in load(registry).data_quads())
    assert "\x00" not in quads and "\x1b" not in quads and "Ctrl1" in quads


def test_control_character_that_hides_an_entry_is_reported(registry):
    # to bibtexparser "@mi\0sc{…}" is no entry but text between entries: it vanished unseen
    bib_case(registry, "\n@mi\x00sc{Hidden1,\n  title = {A},\n  year = {2021},\n}\n")
    result = checked(registry, "CG110", "bib/extra.bib", 2)
    assert "U+0000" in result.out and "not read" in result.out


@pytest.mark.parametrize("year", ["12345", "9" * 30, "\uff12\uff10\uff12\uff13", "2023a"])
def test_year_that_is_not_four_ascii_digits_is_reported_never_altered(registry, year):
    # 12345 used to become 1234 and ２０２３ an ill-typed "２０２３"^^xsd:gYear, without a word
    bib_case(registry, "\n@misc{Year1,\n  title = {A},\n  author = {Doe, Jane},\n  year = {" + year + "},\n}\n")
    result = checked(registry, "CG110", "bib/extra.bib", 2)
    assert "four ASCII digits" in result.out
    reg = load(registry)
    issued = reg.select(f"SELECT ?y WHERE {{ <{reg.source_iri('Year1')}> dcterms:issued ?y }}")
    assert issued == []
