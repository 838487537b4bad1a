"""The one Turtle/SPARQL lexer: tokens, their offsets, and the views read from them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from claimgraph.lexing import (
    BNODE,
    CLOSE,
    COMMENT,
    DATATYPE,
    DOT,
    IRI,
    LANGTAG,
    NUMBER,
    OPEN,
    OPERATOR,
    PNAME,
    SEPARATOR,
    STRING,
    VAR,
    WORD,
    Lines,
    mask,
    matches,
    tokens,
)


def lexed(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text(text)) for t in tokens(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"x"@en.', [(STRING, '"x"'), (LANGTAG, "@en"), (DOT, ".")]),
        ("ex:a.", [(PNAME, "ex:a"), (DOT, ".")]),
        ("ex:a.b.", [(PNAME, "ex:a.b"), (DOT, ".")]),  # a "." inside a name, never at its end
        ("ex:a..", [(PNAME, "ex:a"), (DOT, "."), (DOT, ".")]),
        ("ex:a\\.", [(PNAME, "ex:a\\.")]),  # an escaped "." belongs to the name
        ("ex:a\\#b", [(PNAME, "ex:a\\#b")]),  # an escaped "#" is no comment
        ("<o>.ex:b", [(IRI, "<o>"), (DOT, "."), (PNAME, "ex:b")]),
        ("1.5.ex:b", [(NUMBER, "1.5"), (DOT, "."), (PNAME, "ex:b")]),
        (
            "1. .5 1.e3 -2 +3.0E-4",
            [(NUMBER, "1"), (DOT, "."), (NUMBER, ".5"), (NUMBER, "1.e3"), (NUMBER, "-2"), (NUMBER, "+3.0E-4")],
        ),
        ("].ex:b", [(CLOSE, "]"), (DOT, "."), (PNAME, "ex:b")]),
        ("_:b1.", [(BNODE, "_:b1"), (DOT, ".")]),
        (":a :", [(PNAME, ":a"), (PNAME, ":")]),
        ('"x"^^xsd:date', [(STRING, '"x"'), (DATATYPE, "^^"), (PNAME, "xsd:date")]),
        (
            "a true ; , [ ] ( )",
            [
                (WORD, "a"),
                (WORD, "true"),
                (SEPARATOR, ";"),
                (SEPARATOR, ","),
                (OPEN, "["),
                (CLOSE, "]"),
                (OPEN, "("),
                (CLOSE, ")"),
            ],
        ),
        ("<http://x/#y> # z", [(IRI, "<http://x/#y>"), (COMMENT, "# z")]),  # a "#" inside an IRI is no comment
        ("<claim/\\u0061>", [(IRI, "<claim/\\u0061>")]),
        ('"a # b" # c\n<d>', [(STRING, '"a # b"'), (COMMENT, "# c"), (IRI, "<d>")]),
        ("'it''s'", [(STRING, "'it'"), (STRING, "'s'")]),
        ('"say \\"hi\\"".', [(STRING, '"say \\"hi\\""'), (DOT, ".")]),
        ('"x"@en-GB--ltr', [(STRING, '"x"'), (LANGTAG, "@en-GB--ltr")]),
        (
            "<<( <a> <b> <c> )>> {| |} ~",
            [
                (OPERATOR, "<<"),
                (OPEN, "("),
                (IRI, "<a>"),
                (IRI, "<b>"),
                (IRI, "<c>"),
                (CLOSE, ")"),
                (OPERATOR, ">>"),
                (OPERATOR, "{|"),
                (OPERATOR, "|}"),
                (OPERATOR, "~"),
            ],
        ),
    ],
)
def test_turtle_tokens(text, expected):
    assert lexed(text) == expected


@pytest.mark.parametrize("quote", ['"""', "'''"])
def test_a_long_string_holds_quotes_hashes_and_newlines(quote):
    inner = 'one " two \'\' three # not a comment\nex:a . <x> ; ""\n'.replace(quote, "")
    text = f"ex:s ex:p {quote}{inner}{quote}.\nex:t ex:p 1 ."
    kinds = lexed(text)
    assert kinds[2] == (STRING, f"{quote}{inner}{quote}")
    assert kinds[3] == (DOT, ".")
    assert kinds[4] == (PNAME, "ex:t")


def test_four_quotes_close_a_long_string_after_a_quote():
    assert lexed('"""a""""') == [(STRING, '"""a"""'), (STRING, '"')]
    assert lexed('""""a"""') == [(STRING, '""""a"""')]


def test_sparql_tokens():
    text = (
        'PREFIX ex: <http://x/#FROM>\nSELECT ?service $from WHERE { ?s ex:from "SERVICE" . '
        "FILTER(?a != 1 && !bound(?b)) } # FROM"
    )
    words = [t.text(text) for t in tokens(text) if t.kind == WORD]
    assert words == ["PREFIX", "SELECT", "WHERE", "FILTER", "bound"]
    assert [t.text(text) for t in tokens(text) if t.kind == VAR] == ["?service", "$from", "?s", "?a", "?b"]
    assert [t.text(text) for t in tokens(text) if t.kind == OPERATOR] == ["!=", "&&", "!"]
    assert lexed("(ex:a/ex:b)|ex:c*")[-3:] == [(OPERATOR, "|"), (PNAME, "ex:c"), (OPERATOR, "*")]


def test_nested_braces_balance():
    text = "SELECT * { { ?s ?p [ ?q ( 1 2 ) ] } OPTIONAL { ?s ?x ?y } }"
    depth = deepest = 0
    for token in tokens(text):
        depth += {OPEN: 1, CLOSE: -1}.get(token.kind, 0)
        deepest = max(deepest, depth)
    assert (depth, deepest) == (0, 4)


def test_a_string_left_open_ends_with_its_line():
    text = 'SELECT ?x { ?x ?p "open\n} # done'
    assert lexed(text)[-3:] == [(STRING, '"open'), (CLOSE, "}"), (COMMENT, "# done")]
    assert lexed('"""never closed\n# here') == [(STRING, '"""never closed\n# here')]


def test_offsets_lines_and_columns():
    text = "ex:a ex:b\n  'x' ."
    lines = Lines(text)
    spans = [(t.kind, lines.position(t.start)) for t in tokens(text)]
    assert spans == [(PNAME, (1, 1)), (PNAME, (1, 6)), (STRING, (2, 3)), (DOT, (2, 7))]
    assert [t.start for t in tokens(text, 5)] == [5, 12, 16]


def test_mask_blanks_strings_comments_and_iris_and_keeps_lines():
    text = 'ex:a <b#c> "d\\"e" ; # f\nex:g """h\ni""" .'
    masked = mask(text)
    assert len(masked) == len(text)
    assert masked.split("\n")[0].rstrip() == "ex:a" + " " * 14 + ";"
    assert masked.count("\n") == text.count("\n")
    assert "h" not in masked and "#" not in masked and "<" not in masked
    assert "<b#c>" in mask(text, iris=False)


def test_matches_without_separators_skip_them_only():
    text = "ex:a ex:b ex:c , ex:d ; ex:e ex:f ."
    kinds = [m.lastgroup for m in matches(text, separators=False)]
    assert kinds == [PNAME] * 6 + [DOT]


def test_nothing_is_lost_between_tokens():
    text = 'PREFIX ex: <x> SELECT * { ?s ex:p "a" , 1.5 ; ex:q [] } #c\n\u00a7 ~ \\'
    covered = "".join(text[t.start : t.end] for t in tokens(text))
    assert covered == "".join(text.split())


_PIECES = st.sampled_from(
    [
        '"a b"',
        "'c'",
        '"""d\n"e"\n"""',
        "<http://x/#f>",
        "ex:g",
        "ex:h.i",
        "_:j",
        "?k",
        "1.5",
        "@en",
        "^^",
        ".",
        ";",
        ",",
        "[",
        "]",
        "(",
        ")",
        "{",
        "}",
        "# l\n",
        "a",
        "PREFIX",
        "!",
        " ",
        "\n",
        "\t",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_tokens_are_ordered_disjoint_and_cover_all_but_white_space(pieces):
    text = "".join(pieces)
    previous_end = 0
    for token in tokens(text):
        assert previous_end <= token.start < token.end <= len(text)
        assert text[previous_end : token.start].strip() == ""
        previous_end = token.end
    assert text[previous_end:].strip() == ""


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_lexes_and_masks_to_its_own_length(text):
    list(tokens(text))
    assert len(mask(text)) == len(text)
    assert mask(text).count("\n") == text.count("\n")


def test_the_statement_index_reads_tokens_whatever_the_layout():
    from claimgraph.loading.turtle import index_turtle, predicate_line

    text = (
        "@prefix ex: <http://x/> . PREFIX cg: <http://cg/>\n"
        'ex:a cg:p """one .\nex:fake cg:p 1 .\n""" ; cg:q "x"@en.ex:b cg:p 1.5.  <c> cg:p ex:d.\n'
        "    ex:e\n      cg:p [ cg:r 1 ] ;\n      cg:q 2 .\n"
    )
    index = index_turtle(text, "http://base/")
    assert index.prefixes == {"ex": "http://x/", "cg": "http://cg/"}
    assert index.blocks == {"http://x/a": (2, 4), "http://x/b": (4, 4), "http://base/c": (4, 4), "http://x/e": (5, 7)}
    assert predicate_line(index, "http://x/e", "http://cg/q") == 7
    assert predicate_line(index, "http://x/e", "http://cg/r") == 6
    assert predicate_line(index, "http://x/a", "http://cg/q") == 4
    assert not index.rare_syntax and index.deepest == 1
