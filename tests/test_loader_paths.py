"""The loader's fast path (Oxigraph parses a file straight into the store) and its full path
(Python-side parse plus triple-level checks) give the same graph and the same findings."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

import claimgraph.registry as registry_module
from claimgraph.checks import run_checks
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT
from .fixture_overlays import invalid_case

CASES = [
    FIXTURES / "valid",
    PROJECT,
    invalid_case("claim-in-two-files"),
    invalid_case("turtle-syntax"),
    invalid_case("unknown-key"),
]


def _load(root, monkeypatch, scan: bool):
    monkeypatch.setattr(registry_module, "needs_quad_scan", lambda text, index=None: scan)
    registry = load(root)
    monkeypatch.undo()
    return registry


@pytest.mark.parametrize("root", CASES, ids=[p.name for p in CASES])
def test_fast_and_full_paths_agree(root, monkeypatch):
    fast, full = _load(root, monkeypatch, False), _load(root, monkeypatch, True)
    assert isomorphic(fast.data_rdflib_graph(), full.data_rdflib_graph())
    assert fast.locations == full.locations
    key = lambda fs: sorted((f.code, f.file or "", f.line or 0, f.message) for f in fs)  # noqa: E731
    assert key(run_checks(fast)) == key(run_checks(full))


@pytest.mark.parametrize(
    "text, scan",
    [
        ('<a> <b> "plain" .\n', False),
        ('<a> <b> "Le système consomme 100 MWh." .  # commentaire é\n', False),  # accents in strings and comments only
        ("@prefix claim: <http://x/> .\nclaim:gрt3 <b> <c> .\n", True),  # a Cyrillic р in a prefixed name
        ("<http://x/é> <b> <c> .\n", True),  # outside ASCII in an IRI
        ('<a> <b> "(not a list)" .\n', False),
        ("<a> <b> ( <c> <d> ) .\n", True),  # a collection
        ("<a> <b> " + "[ <p> " * 65 + "<o>" + " ]" * 65 + " .\n", True),  # nested deeper than the limit
        ('<a> <b> "x"^^<http://www.w3.org/2001/XMLSchema#date> .\n', True),  # a typed literal
        ("<http://x/a#b> <b> <c> .\n", False),  # a "#" inside an IRI is no comment
        ('<a> <b> "x"@en--ltr .\n', True),  # a base direction (RDF 1.2)
        ('VERSION "1.2"\n<a> <b> <c> .\n', True),
        ('  @Version "1.2"\n<a> <b> <c> .\n', True),
        ("<a> <b> <<( <c> <d> <e> )>> .\n", True),  # a triple term
        ("<a> <b> _:x .\n", True),  # a labelled blank node
        ("@prefix ex: <http://x/> .\nex:a\\#b <b> <c> .\n", False),  # an escaped "#" is part of the name
        ('<a> <b> "\\u00e9" .\n', True),  # an escape inside a string
        # the same tokens inside strings, IRIs and comments are data: the fast path stays open
        ('<a> <b> "x -- y ~ z << _: ^^ {|" .  # --- a rule ~ ---\n', False),
        ('<a> <b> """two\nVERSION lines""" .\n', False),
        ("<http://x/a--b~c> <b> <c> .\n", False),
        # the statement index reads the tokens: no layout calls for the full path
        ("<a> <b> <c> . <d> <e> <f> .\n", False),
        ("<a> <b> <c> .\n\n    <d> <e> <f> .\n", False),
        ('<a> <b> "x".<d> <e> 1.5.<f> <g> <h> .\n', False),
        ("<a> <b> <c> ;\n    <d> <e> .\n", False),  # an indented predicate continues its statement
        ('<a> <b> "one. two" .  # three. four\n', False),
    ],
)
def test_which_files_need_the_python_side_scan(text, scan):
    from claimgraph.loading.rdf_checks import needs_quad_scan

    assert needs_quad_scan(text) is scan


_PREFIXES = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix claim: <claim/> .\n"


@pytest.mark.parametrize("scan", [False, True], ids=["fast path", "full path"])
def test_files_parsed_in_the_background_keep_their_order_and_their_errors(copy_fixture, monkeypatch, scan):
    """Oxigraph loads files in a second thread: a broken file in the middle still loads nothing and
    defines nothing, and "first definition wins" still follows the order of the files."""
    root = copy_fixture("valid")
    claims = root / "claims"
    (claims / "zz1.ttl").write_text(_PREFIXES + 'claim:twice a cg:Claim ;\n    cg:statement "first" .\n')
    (claims / "zz2.ttl").write_text(
        _PREFIXES + 'claim:twice a cg:Claim ;\n    cg:statement "broken" \nclaim:only-in-broken a cg:Claim .\n'
    )
    (claims / "zz3.ttl").write_text(_PREFIXES + '\nclaim:twice a cg:Claim ;\n    cg:statement "third" .\n')
    registry = _load(root, monkeypatch, scan)

    twice = registry.settings.base + "claim/twice"
    assert registry.locations[twice].file == "claims/zz1.ttl"
    by_code = {(f.code, f.file, f.line) for f in registry.load_findings}
    assert ("CG101", "claims/zz2.ttl", 5) in by_code
    assert ("CG104", "claims/zz3.ttl", 4) in by_code
    assert "claims/zz2.ttl" not in registry.turtle
    statements = {row["s"] for row in registry.select(f"SELECT ?s WHERE {{ <{twice}> cg:statement ?s }}")}
    assert statements == {"first", "third"}
    assert not registry.select("SELECT ?c WHERE { ?c a cg:Claim FILTER(STRENDS(STR(?c), 'only-in-broken')) }")


@pytest.mark.parametrize("scan", [False, True], ids=["fast path", "full path"])
def test_a_subject_typed_only_in_a_later_file_is_a_second_definition_in_each_file_after_the_first(
    copy_fixture, monkeypatch, scan
):
    """Locations are recorded as each file's load ends, while later files still load: whether a subject met
    again is a claim is asked of the whole claims graph, so a type given only in the last file counts for the
    repeats before it too."""
    root = copy_fixture("valid")
    claims = root / "claims"
    (claims / "zz1.ttl").write_text(_PREFIXES + 'claim:late cg:statement "first" .\n')
    (claims / "zz2.ttl").write_text(_PREFIXES + '\nclaim:late cg:statement "second" .\n')
    (claims / "zz3.ttl").write_text(_PREFIXES + '\n\nclaim:late a cg:Claim ;\n    cg:statement "third" .\n')
    registry = _load(root, monkeypatch, scan)

    late = registry.settings.base + "claim/late"
    assert registry.locations[late].file == "claims/zz1.ttl"
    repeats = [(f.file, f.line, f.message) for f in registry.load_findings if f.code == "CG104"]
    assert repeats == [
        ("claims/zz2.ttl", 4, f"<{late}> is already defined in claims/zz1.ttl:3"),
        ("claims/zz3.ttl", 5, f"<{late}> is already defined in claims/zz1.ttl:3"),
    ]


def test_a_failure_other_than_a_syntax_error_in_the_background_is_not_swallowed(monkeypatch):
    def out_of_memory(registry, text):
        raise MemoryError("store full")

    monkeypatch.setattr(registry_module, "_load_into", out_of_memory)
    with pytest.raises(MemoryError, match="store full"):
        load(FIXTURES / "valid")


def test_the_gil_switch_interval_is_restored_even_on_error():
    import sys

    from claimgraph.parallel import SWITCH_INTERVAL, responsive_threads

    before = sys.getswitchinterval()
    with pytest.raises(RuntimeError):
        with responsive_threads():
            assert sys.getswitchinterval() == min(before, SWITCH_INTERVAL)
            raise RuntimeError
    assert sys.getswitchinterval() == before


def test_overlapping_loads_in_two_threads_leave_the_switch_interval_as_they_found_it():
    """The first context lowers the interval, the last restores it, whatever order they close in."""
    import sys
    import threading

    from claimgraph.parallel import SWITCH_INTERVAL, responsive_threads

    before = sys.getswitchinterval()
    first_in, second_in, first_may_leave = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def first():
        with responsive_threads():
            first_in.set()
            second_in.wait(5)
            first_may_leave.wait(5)
        seen.append(sys.getswitchinterval())  # the second is still inside: still short

    thread = threading.Thread(target=first)
    thread.start()
    first_in.wait(5)
    with responsive_threads():
        second_in.set()
        first_may_leave.set()
        thread.join(5)
        assert seen == [min(before, SWITCH_INTERVAL)]
    assert sys.getswitchinterval() == before


def test_a_line_of_a_long_string_is_never_a_subject(copy_fixture):
    """A note in a triple-quoted string whose line starts with a claim's name is text, not a second
    definition of that claim (it was reported as CG104, and the claim's later lines mislocated)."""
    root = copy_fixture("valid")
    path = root / "claims" / "derived.ttl"
    text = path.read_text(encoding="utf-8")
    note = 'cg:statusNote """p. 7.\nclaim:growth-factor is the next claim;\nit compounds this rate."""@en .'
    assert text.count('cg:statusNote "p. 7."@en .') == 1
    path.write_text(text.replace('cg:statusNote "p. 7."@en .', note), encoding="utf-8")
    registry = load(root)
    findings = run_checks(registry)
    assert not [f for f in findings if f.code == "CG104"], [f for f in findings if f.code == "CG104"]
    lines = path.read_text(encoding="utf-8").splitlines()
    defined = registry.locations["https://example.org/registry/valid/claim/growth-factor"]
    assert lines[defined.line - 1] == "claim:growth-factor"


def test_two_prefixes_on_one_line_are_both_read(copy_fixture):
    """`@prefix a: <…> . @prefix b: <…> .` on one line: a subject written with the second prefix is still
    located (its findings carried no file and line)."""
    root = copy_fixture("valid")
    path = root / "claims" / "derived.ttl"
    lines = path.read_text(encoding="utf-8").splitlines()
    claim_prefix = next(i for i, line in enumerate(lines) if line.startswith("@prefix claim:"))
    previous = next(i for i in range(claim_prefix) if lines[i].startswith("@prefix"))
    lines[previous] = lines[previous] + " " + lines.pop(claim_prefix)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    registry = load(root)
    assert not registry.load_findings
    where = registry.locations["https://example.org/registry/valid/claim/growth-factor"]
    assert where.file == "claims/derived.ttl" and lines[where.line - 1] == "claim:growth-factor"


def test_subjects_written_indented_or_after_another_statement_have_their_lines(copy_fixture):
    """A hand-written file need not start each statement at column 0: such subjects are still found,
    so their findings name file and line, and a second definition of one is still CG104."""
    root = copy_fixture("valid")
    (root / "claims" / "zz.ttl").write_text(
        _PREFIXES + "\n"
        "    claim:indented a cg:Claim ;\n"  # line 4
        '        cg:statement "indented"@en .\n'
        "claim:first a cg:Claim . claim:second a cg:Claim ;\n"  # line 6: two statements
        '    cg:statement "second"@en .\n'
        '  claim:model-training-energy cg:statement "again"@en .\n',  # line 8: defined in energy.ttl
        encoding="utf-8",
    )
    registry = load(root)
    base = registry.settings.base
    where = {
        name: (registry.locations[base + "claim/" + name].file, registry.locations[base + "claim/" + name].line)
        for name in ("indented", "first", "second")
    }
    assert where == {"indented": ("claims/zz.ttl", 4), "first": ("claims/zz.ttl", 6), "second": ("claims/zz.ttl", 6)}
    findings = run_checks(registry)
    about_indented = [f for f in findings if f.subject == base + "claim/indented"]
    assert about_indented and all(f.file == "claims/zz.ttl" and f.line in (4, 5) for f in about_indented)
    assert any(f.code == "CG104" and (f.file, f.line) == ("claims/zz.ttl", 8) for f in findings), findings
    # a finding about a predicate "first" lacks is not pointed at the statement after it on its line
    no_statement = [f for f in findings if f.subject == base + "claim/first" and f.code == "CG201"]
    assert [(f.file, f.line) for f in no_statement] == [("claims/zz.ttl", 6)]


def _statement_index(text: str, *, plain: bool) -> tuple:
    from claimgraph.loading.turtle import ParsedTurtle, _index

    parsed = ParsedTurtle(quads=[])
    _index(parsed, text, "https://example.org/base/", plain=plain)
    return (
        parsed.blocks,
        parsed.spans,
        parsed.prefixes,
        parsed.base_lines,
        parsed.deepest,
        parsed.collections,
        parsed.rare_syntax,
        parsed.ascii_syntax,
        parsed.extreme_numeral,
        parsed.rewritten_numeral,
        parsed.rdf12_at,
    )


_TRICKY_STATEMENTS = [
    "@prefix ex: <http://e/> .\nex:a ex:p -0.\n",  # -0 is stored as 0: a numeral the store rewrites
    "@prefix ex: <http://e/> .\nex:a ex:p 41.0 .\nex:b ex:p 41 .\n",
    "@prefix ex: <http://e/> .\nex:a ex:p 1.5e3.\n",
    "@prefix ex: <http://e/> .\nex:a.b ex:p ex:c.d.\nex:e ex:p 7.\n",  # dots inside names, glued final dots
    '@prefix ex: <http://e/> .\nex:a ex:p """x\n. ex:b ex:p 1 .\n""" .\n',  # a statement inside a long string
    '@prefix ex: <http://e/> .\nex:a ex:p "open\nex:b ex:p 1 .\n',  # a string left open
    '@prefix ex: <http://e/> .\nex:a ex:p "x"@en--ltr .\nex:b ex:p "y"@en .\n',
    '@prefix ex: <http://e/> .\nex:aé ex:p "é" .\nex:b ex:p "é" .\n',  # a name outside ASCII, then a plain one
    '@prefix ex: <http://e/> .\nex:a ex:p "é" .\u00a0ex:b ex:p "é" .\n',  # white space outside ASCII
    "@prefix ex: <http://e/> .\nex:a ex:p [ ex:q [ ex:r 1 ] ] .\nex:b ex:p [ ex:q 2 ] .\n",
    "@prefix ex: <http://e/> .\nex:a ex:p ( 1 2 ) .\nex:b ex:p [] .\n",
    "PREFIX ex: <http://e/>\nex:a ex:p 1 .\n@base <http://b/> .\n<c> ex:p _:x .\nex:d ex:p 'y' .",
    "@prefix ex: <http://e/> .\nzz:a ex:p 1 .\nex:a ex:p 1 . ex:a ex:p 2 .\n# done é\n",
    '@prefix ex: <http://e/> .\nex:a ex:p "x"^^ex:t ; ex:q ex:b , ex:c ;.\nex:d a ex:T ; ex:p true, false .',
    "@prefix ex: <http://e/> .\nex:a ex:p " + "9" * 60 + " .\nex:b ex:p 1e999 .\n",
    "@prefix ex: <http://e/> .\nex:a ex:p ex:b ] .\nex:c ex:p [ ex:q 1 . ex:d ex:p 2 .\n",  # unbalanced brackets
]


@pytest.mark.parametrize("text", _TRICKY_STATEMENTS)
def test_plain_statements_read_in_one_match_give_the_index_the_tokens_give(text):
    assert _statement_index(text, plain=True) == _statement_index(text, plain=False)


def test_the_index_of_every_turtle_file_of_the_project_is_the_same_read_either_way():
    files = [p for p in PROJECT.rglob("*.ttl") if not {"node_modules", ".venv"} & set(p.parts)]
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _statement_index(text, plain=True) == _statement_index(text, plain=False), path


def test_the_index_of_random_statements_is_the_same_read_either_way():
    import random

    rng = random.Random(24)
    subjects = ["ex:s", "<s>", "ex:", ":", "ex:s.t", "zz:s", "ex:sé", "[", "_:b", "a", '"s"', "("]
    objects = [
        *("ex:o", '"o"', '"o"@en', "'o'", '"""o\n"""', "5", "-5", "0.5", "-0.5", "0", "41.0", "007", "1e3", "true"),
        *("<o>", "[ ex:p 1 ]", "[]", "[ ex:p [ ex:q 2 ] ]", "( 1 2 )", '"o"^^ex:t', "_:o", '"é"', '"o"@en--ltr'),
        *("#c\n ex:o", "ex:o#c\n", '"a\\"b"', "-0", ".5", "1.", "9" * 55, '"open', "ex:a%20", "ex:a\\.b", "<é>"),
    ]
    for _ in range(3000):
        statements = ["@prefix ex: <http://e/> .\n"] if rng.random() < 0.8 else []
        for _ in range(rng.randint(1, 5)):
            statement = rng.choice(subjects) + rng.choice([" ", "\n"])
            for _ in range(rng.randint(0, 3)):
                statement += rng.choice(["ex:p ", "a ", "<p> "]) + rng.choice(objects)
                statement += rng.choice([" , ", ","]) + rng.choice(objects) if rng.random() < 0.3 else ""
                statement += rng.choice([" ;", ";", " ;\n", ""])
            statements.append(statement + rng.choice([" .", ".", " .\n", "\n.\n", " .# x\n", ".ex:z .", ""]))
        text = "".join(s + rng.choice(["\n", "", " "]) for s in statements)
        assert _statement_index(text, plain=True) == _statement_index(text, plain=False), text
