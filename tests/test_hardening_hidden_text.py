"""Text that hides what it says, and BibTeX text lost outside an entry.

Before: a right-to-left override inside a statement passed (only IRIs were screened), and in
``@article{k, title={A}}}, year=2020}`` the ``, year=2020}`` after the entry's close was dropped
with no finding naming it.
"""

from __future__ import annotations

import pytest

from claimgraph import hidden_characters as hidden
from claimgraph.loading.bibtex import parse_bibtex
from claimgraph.loading.rdf_checks import needs_quad_scan
from claimgraph.registry import load
from claimgraph import escaping

from .conftest import run_cli
from .fixture_overlays import invalid_case

PREFIXES = "@prefix cg: <https://w3id.org/claimgraph/ns#> .\n@prefix claim: <claim/> .\n"


def _note(root, text: str, *, newline: str = "\n") -> None:
    body = PREFIXES + f"claim:model-training-energy cg:statusNote {text} .\n"
    (root / "claims" / "note.ttl").write_bytes(body.replace("\n", newline).encode("utf-8"))


def _findings(root, *codes):
    return [f for f in load(root).load_findings if f.code in codes]


# ------------------------------------------------------------------ literals


def test_right_to_left_override_in_a_statement_is_an_error_at_its_line(copy_fixture):
    root = copy_fixture("valid")
    _note(root, '"fine"@en ,\n  "2 \u202e% 01"@en')
    result = run_cli("check", "-r", str(root))
    assert result.code == 1
    assert "claims/note.ttl:4: CG121 error: " in result.out and "U+202E RIGHT-TO-LEFT OVERRIDE" in result.out
    assert "\u202e" not in result.out  # the report shows it escaped


def test_escaped_bidi_control_is_found_at_the_line_of_its_escape(copy_fixture):
    root = copy_fixture("valid")
    _note(root, '"fine"@en ,\n\n  "isolate \\u2066here"@en')
    assert [(f.line, f.code) for f in _findings(root, "CG121")] == [(5, "CG121")]


@pytest.mark.parametrize(
    "char",
    [
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\x01",
        "\x1b",
        "\x7f",
        "\x85",
        "\x9f",
    ],
)
def test_every_bidi_c0_and_c1_control_is_an_error(char):
    assert hidden.controls(f"a{char}b") == [char]


@pytest.mark.parametrize("text", ["tab\there", "line\nfeed", "crlf\r\nline"])
def test_tab_line_feed_and_the_cr_of_crlf_are_text(text):
    assert hidden.controls(text) == [] and hidden.invisibles(text) == []


def test_lone_carriage_return_in_a_literal_is_an_error(copy_fixture):
    root = copy_fixture("valid")
    _note(root, '"over\\rwritten"@en')
    assert [f.code for f in _findings(root, "CG121")] == ["CG121"]


def test_crlf_file_with_a_long_string_holds_no_control(copy_fixture):
    root = copy_fixture("valid")
    _note(root, '"""two\nlines"""@en ; cg:statement "a\\r\\nb"@en', newline="\r\n")
    assert _findings(root, "CG121", "CG122", "CG101") == []


@pytest.mark.parametrize("char", ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200e"])
def test_zero_width_space_and_soft_hyphen_are_warnings(copy_fixture, char):
    root = copy_fixture("valid")
    _note(root, f'"in{char}visible"@en')
    found = _findings(root, "CG121", "CG122")
    assert [(f.code, f.severity.label, f.line) for f in found] == [("CG122", "warning", 3)]
    assert f"U+{ord(char):04X}" in found[0].message


@pytest.mark.parametrize(
    "text",
    [
        "\U0001f469\u200d\U0001f4bb",
        "\u0915\u094d\u200d\u0937",
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
        "\U0001f3f3\ufe0f\u200d\U0001f308",
    ],
)
def test_zero_width_joiner_inside_emoji_and_scripts_is_allowed(copy_fixture, text):
    assert hidden.invisibles(text) == []
    root = copy_fixture("valid")
    _note(root, f'"{text}"@en')
    assert _findings(root, "CG121", "CG122") == []


def test_zero_width_joiner_between_latin_letters_is_a_warning():
    assert hidden.invisibles("pass\u200dword") == ["\u200d"]
    assert hidden.invisibles("\u200dlead") == ["\u200d"]


def test_file_whose_only_oddity_is_a_hidden_character_is_still_screened():
    """The loader's fast path skips the quad-level checks for plain files: a bidi control inside a
    string must send the file through them."""
    assert needs_quad_scan(PREFIXES + 'claim:x cg:statusNote "a\u202eb" .\n')
    assert not needs_quad_scan(PREFIXES + 'claim:x cg:statusNote "ab" .\n')


def test_bidi_control_in_a_bibtex_field_is_an_error_at_the_field_line():
    bib = parse_bibtex("@misc{K1,\n  title = {A},\n  note = {x\u202ey},\n}\n")
    assert [(p.code, p.line) for p in bib.problems] == [("CG121", 3)]
    assert bib.entries and bib.entries[0].fields["note"] == "x\u202ey"  # reported, not altered


def test_site_shows_controls_escaped_never_as_they_are():
    for render in (
        escaping.md_text,
        escaping.html_text,
        escaping.plain_text,
        escaping.preformatted,
        escaping.code_block,
    ):
        shown = str(render("10 \u202e% 01, \u2066x\u2069 \x02 zero\u200bwidth"))
        for char in "\u202e\u2066\u2069\x02\u200b":
            assert char not in shown, (render.__name__, shown)
        assert "u202E" in shown and "u200B" in shown and "u0002" in shown, (render.__name__, shown)


def test_site_keeps_emoji_joiners_and_soft_hyphens():
    text = "\U0001f469\u200d\U0001f4bb in\u00adstructive"
    assert escaping.html_text(text) == text


# ------------------------------------------------------------------ BibTeX between entries


def test_fields_after_an_extra_closing_brace_are_an_error_naming_them(copy_fixture):
    root = copy_fixture("valid")
    (root / "bib" / "extra.bib").write_text("\n@article{k, title={A}}}, year=2020}\n")
    result = run_cli("check", "-r", str(root))
    assert result.code == 1
    assert "bib/extra.bib:2: CG123 error: " in result.out and "year=2020" in result.out


@pytest.mark.parametrize("stray", ["year = {2020}", "}", "  , note = {x}}"])
def test_text_that_looks_like_fields_is_an_error(stray):
    bib = parse_bibtex("@misc{K1, title = {A}}\n\n" + stray + "\n")
    assert [(p.code, p.line) for p in bib.problems] == [("CG123", 3)]


def test_free_text_between_entries_is_a_warning(copy_fixture):
    root = copy_fixture("valid")
    (root / "bib" / "extra.bib").write_text("@misc{K1, title = {A}, year = {2020}}\n\nRead in the library.\n")
    result = run_cli("check", "-r", str(root), "--fail-level", "warning")
    assert result.code == 1 and "bib/extra.bib:3: CG124 warning: " in result.out
    assert run_cli("check", "-r", str(root)).code == 0


def test_comments_strings_and_preambles_between_entries_are_silent():
    bib = parse_bibtex(
        "% a comment\n  %% another\n@comment{anything = {here}}\n@string{jx = {J. X.}}\n"
        '@preamble{"\\newcommand{\\x}{y}"}\n@misc{K1, title = {A}, journal = jx}\n'
    )
    assert bib.problems == [] and bib.entries[0].fields["journal"] == "J. X."


def test_entry_whose_braces_do_not_close_is_reported_at_its_line():
    bib = parse_bibtex("@misc{K0, title={Z}}\n@article{K1,\n  title = {A{B},\n  year = 2020}\n@misc{K2, title={B}}\n")
    assert ("CG105", 2) in [(p.code, p.line) for p in bib.problems]
    assert [e.key for e in bib.entries] == ["K0", "K2"]


# ------------------------------------------------------------------ found by the fuzzing (tests/test_fuzz_readers.py)


def test_bibtex_entry_with_an_empty_key_is_refused_not_a_crash(copy_fixture):
    # `@misc{, title = {A}}` is an entry with the key "" to bibtexparser: key_problem raised StopIteration
    root = copy_fixture("valid")
    (root / "bib" / "extra.bib").write_text("\n@misc{, title = {A}, year = {2020}}\n")
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "Traceback" not in result.err
    assert "bib/extra.bib:2: CG108 error: BibTeX entry has no key" in result.out


@pytest.mark.parametrize("key", ["title", "description"])
def test_bidi_control_in_the_registry_title_or_description_is_refused(copy_fixture, key):
    root = copy_fixture("valid")
    settings = root / "claimgraph.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + ("" if key == "title" else 'description = "x"\n'), encoding="utf-8"
    )
    text = settings.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith(key))
    settings.write_text(text.replace(f'{key} = "', f'{key} = "\\u202e', 1), encoding="utf-8")
    result = run_cli("check", "-r", str(root))
    assert result.code == 1 and "U+202E" in result.out and f"claimgraph.toml:{line}: CG109 error" in result.out
    result = run_cli("list", "claims", "-r", str(root))
    assert result.code == 2 and "U+202E" in result.err and f"claimgraph.toml:{line}" in result.err


def test_built_site_shows_the_controls_of_the_data_escaped_in_every_page(tmp_path):
    """The pages (their text, titles, attributes, embedded JSON-LD) never carry the character itself;
    the downloads carry the data as it is."""
    out = tmp_path / "site"
    result = run_cli("build", "-r", str(invalid_case("literal-controls")), "--out", str(out))
    assert result.code == 0, result.err
    pages = list(out.rglob("*.html"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not any(char in text for char in "\u202e\u2067\x07"), page
    claim = (out / "claims" / "smaller-models.html").read_text(encoding="utf-8")
    assert "\\u202Esmaller" in claim.replace("&#92;", "\\")
    assert "\u202e" in (out / "downloads" / "registry.ttl").read_text(encoding="utf-8")


def _clean_the_long_way(text: str, strip: bool) -> str:
    """What :func:`escaping.clean` does to any text, without its shortcut for plain printable text."""
    text = escaping._SPACE.sub(" ", escaping._CONTROL.sub("", hidden.show_escaped(text)))
    return text.strip() if strip else text


@pytest.mark.parametrize(
    "text",
    [
        "The system uses 137 MWh.",
        " padded ",
        "two  spaces",
        "tab\there",
        "line\nbreak",
        "nbsp\u00a0here",
        "thin\u2009space",
        "zero\u200bwidth",
        "rlo\u202eevil",
        "bom\ufeff",
        "sep\u2028line",
        "joiner👩\u200d💻",
        "soft\u00adhyphen",
        "\x1fus",
        "Français — « guillemets »",
        "",
        "  ",
        "end\u3000ideographic",
    ],
)
def test_clean_takes_its_shortcut_only_where_the_long_way_changes_nothing(text):
    for strip in (True, False):
        assert escaping.clean(text, strip=strip) == _clean_the_long_way(text, strip)


def test_clean_agrees_with_the_long_way_on_every_character():
    """Each character of the Basic Multilingual Plane, alone and between words: the same result both ways."""
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        text = f"a {chr(code)} b{chr(code)}"
        assert escaping.clean(text) == _clean_the_long_way(text, True), hex(code)
