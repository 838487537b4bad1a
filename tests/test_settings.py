"""``claimgraph.toml``: every mistake in it stops every command with the file, the line and what is wrong,
never a traceback, a hang, or a setting silently ignored."""

from __future__ import annotations

import os

import pytest

from .conftest import PROJECT, run_cli, run_process

VALID = """[registry]
title = "A registry"
base = "https://example.org/registry/"
languages = ["fr", "en"]
licence = "https://creativecommons.org/licenses/by/4.0/"
description = "What it holds."
"""


@pytest.fixture
def registry(copy_fixture):
    root = copy_fixture("valid")
    (root / "claimgraph.toml").write_text(VALID, encoding="utf-8")
    return root


def _check(root):
    return run_cli("check", "--no-cache", "-r", str(root))


def test_the_valid_settings_load(registry):
    assert _check(registry).code == 0


@pytest.mark.parametrize(
    "edit, line, words",
    [
        # a misspelt key would silently drop the licence from every export
        (("licence =", "license ="), 5, "unknown key 'license' in [registry] (did you mean 'licence'?)"),
        (("languages =", "langauges ="), 4, "unknown key 'langauges'"),
        (("[registry]", "[bogus]\nx = 1\n[registry]"), 1, "unknown table or key 'bogus'"),
        (('base = "https://example.org/registry/"', 'base = "https://example.org/%zz/"'), 3, "must not contain '%'"),
        (('base = "https://example.org/registry/"', 'base = "https://example.org/a?x=1/"'), 3, "must not contain '?'"),
        (('base = "https://example.org/registry/"', 'base = "https://example.org/\\u202ea/"'), 3, "'\\u202e'"),
        (('base = "https://example.org/registry/"', 'base = "https://example.org/a\\u0000/"'), 3, "'\\x00'"),
        (('base = "https://example.org/registry/"', 'base = "https://example.org/a\\tb/"'), 3, "'\\t'"),
        (('["fr", "en"]', '["fr", "\\"><script>"]'), 4, "languages must be a list of language tags"),
        # two statement_fr columns in `list claims` and the CSV export
        (('["fr", "en"]', '["fr", "en", "FR"]'), 4, "languages repeats 'FR' (language tags ignore case"),
        (('["fr", "en"]', '["fr", "en", "en"]'), 4, "languages repeats 'en'"),
        (('description = "What it holds."', "description = {a = 1}"), 6, "description must be a string"),
        (('title = "A registry"', 'title = "A registry'), 2, "TOML syntax error (column"),
    ],
)
def test_a_mistake_names_the_file_and_line(registry, edit, line, words):
    path = registry / "claimgraph.toml"
    before = path.read_text(encoding="utf-8")
    assert edit[0] in before
    path.write_text(before.replace(edit[0], edit[1], 1), encoding="utf-8")
    # check reports it as a finding about the registry (CG109, exit 1, as in every --format)
    result = _check(registry)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert f"claimgraph.toml:{line}: CG109 error: " in result.out and words in result.out, result.out
    # a command that needs the registry stops on it (usage error, exit 2)
    result = run_cli("list", "claims", "-r", str(registry))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert f"claimgraph.toml:{line}: " in result.err and words in result.err, result.err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_in_place_of_the_settings_is_refused_not_waited_on(registry):
    (registry / "claimgraph.toml").unlink()
    os.mkfifo(registry / "claimgraph.toml")
    result = run_process("check", "--no-cache", "-r", str(registry), timeout=60)  # used to block for ever
    assert result.code == 2 and "claimgraph.toml: not a regular file" in result.err, result.err


def test_init_refuses_a_base_that_would_break_every_command(tmp_path):
    result = run_cli("init", str(tmp_path / "new"), "--base", "https://x.org/%zz/")
    assert result.code != 0 and "must not contain '%'" in result.err
    assert not (tmp_path / "new" / "claimgraph.toml").exists()


@pytest.mark.parametrize(
    "addition, words",
    [
        ('authors = "Ada"', "authors must be a list"),
        ('authors = [{ name = "Ada", id = "orcid:0000" }]', "must be an http(s) IRI"),
        ('authors = [{ name = "Ada", type = "Robot" }]', 'must be "Person" or "Organization"'),
        ('authors = [{ nom = "Ada" }]', "each agent is a name or a table"),
        ("publisher = 3", "each agent is a name or a table"),
        ('version = ""', "version must be a non-empty string"),
    ],
)
def test_a_mistake_in_the_release_metadata_names_the_line(registry, addition, words):
    path = registry / "claimgraph.toml"
    path.write_text(path.read_text(encoding="utf-8") + addition + "\n", encoding="utf-8")
    result = _check(registry)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert "claimgraph.toml:7: CG109 error: " in result.out and words in result.out, result.out


def test_the_release_metadata_is_read(registry):
    from claimgraph.settings import Agent, read_settings

    path = registry / "claimgraph.toml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + 'authors = ["Ada", { name = "Bo", id = "https://orcid.org/0000-0000-0000-0000" }]\n'
        + 'publisher = { name = "Uni", id = "https://ror.org/000000000" }\nversion = "1.0"\n',
        encoding="utf-8",
    )
    settings = read_settings(registry)
    assert settings.authors == (Agent("Ada"), Agent("Bo", "https://orcid.org/0000-0000-0000-0000"))
    assert settings.publisher == Agent("Uni", "https://ror.org/000000000", "Organization")
    assert settings.version == "1.0"
    assert settings.authors[0].iri(settings.base) == settings.base + "agent/ada"


@pytest.mark.parametrize(
    "text, line, words",
    [
        # the trial's case: a nested table had no line ("unknown key 'extra' in [registry]" alone)
        (VALID + "[registry.extra]\na = 1\n", 7, "unknown key 'extra' in [registry]"),
        (VALID + "[[registry.extra]]\na = 1\n", 7, "unknown key 'extra' in [registry]"),
        (VALID + "extra.a = 1\n", 7, "unknown key 'extra' in [registry]"),
        (VALID + "extra = { a = 1 }\n", 7, "unknown key 'extra' in [registry]"),
        # dotted keys and inline tables at the top level, a quoted key with an escape
        (
            '# settings\nregistry.title = "A"\nregistry.base = "https://example.org/r/"\nregistry."ext\\u0072a" = 1\n',
            4,
            "unknown key 'extra' in [registry]",
        ),
        ('registry = { title = "A", base = "https://example.org/r/", extra = 1 }\n', 1, "unknown key 'extra'"),
        # text that looks like the key inside strings, arrays and comments is not where it is defined
        (
            '[registry]\ntitle = """A\nextra = 1\n[registry.extra]\n"""\nbase = "https://example.org/r/"\n'
            "languages = [\n  \"en\", # extra = 2\n]\n# [registry.extra]\ndescription = 'extra = 3'\n"
            "\n[ registry . extra . deeper ]\n",
            13,
            "unknown key 'extra' in [registry]",
        ),
        (VALID + "[other.table]\n", 7, "unknown table or key 'other'"),
        ("other.key = 1\n" + VALID, 1, "unknown table or key 'other'"),
        (VALID + "[registry.publisher]\nname = 3\n", 7, "[registry] publisher: each agent"),
        ("registry = 1\n", 1, "missing [registry] table"),
    ],
)
def test_a_key_is_found_wherever_toml_defines_it(registry, text, line, words):
    (registry / "claimgraph.toml").write_text(text, encoding="utf-8")
    # check reports it as a finding about the registry (CG109, exit 1, as in every --format)
    result = _check(registry)
    assert result.code == 1 and "Traceback" not in result.err, result.err
    assert f"claimgraph.toml:{line}: CG109 error: " in result.out and words in result.out, result.out
    # a command that needs the registry stops on it (usage error, exit 2)
    result = run_cli("list", "claims", "-r", str(registry))
    assert result.code == 2 and "Traceback" not in result.err, result.err
    assert f"claimgraph.toml:{line}: " in result.err and words in result.err, result.err


def _paths(table: dict, prefix: tuple[str, ...] = ()):
    for key, value in table.items():
        yield prefix + (key,)
        if isinstance(value, dict):
            yield from _paths(value, prefix + (key,))


@pytest.mark.parametrize(
    "text",
    [
        (PROJECT / "claimgraph.toml").read_text(encoding="utf-8"),
        (PROJECT / "examples" / "ml-training-energy" / "claimgraph.toml").read_text(encoding="utf-8"),
        'a.b.c = 1\n"q.d" = "x # y"\n[t]\nu = 1979-05-27 07:32:00Z\nv = """1\n"""""\n[t.w]\nx = {y = {z = 1}}\n'
        "[[arr]]\nk = '''\n[nope]\n'''\n[[arr]]\nk = 2\n",
    ],
)
def test_every_key_tomllib_reads_has_a_line(text):
    """Every table and key path of a document is found (arrays of tables by their header)."""
    import tomllib

    from claimgraph.settings import _line_of

    for path in _paths(tomllib.loads(text)):
        line = _line_of(text, *path)
        assert line is not None, path
        assert path[-1] in text.splitlines()[line - 1] or path[-1].strip('"') in text.splitlines()[line - 1], path


@pytest.mark.parametrize(
    "licence, words",
    [
        ("MIT OR Apache-2.0", "SPDX licence expression, which is not supported: give one SPDX licence identifier"),
        ("(MIT AND BSD-3-Clause)", "SPDX licence expression, which is not supported"),
        ("GPL-2.0-only WITH Classpath-exception-2.0", "SPDX licence expression, which is not supported"),
        ("CC BY 4.0", "must be an SPDX licence identifier"),
        ("CC-BY-40", 'is not on the SPDX licence list (did you mean "CC-BY-4.0"?)'),
        ("LicenseRef-house.1", "names a licence of your own, which has no page at spdx.org"),
        ("javascript:alert(1)", "must be an SPDX licence identifier"),
        ("https://example.org/a b", "is not a valid http(s) IRI"),
        ("https:///nohost", "is not a valid http(s) IRI"),
    ],
)
@pytest.mark.parametrize("command", ["check", "export-nanopub", "export-trusty", "export-rocrate", "query", "build"])
def test_a_licence_no_export_can_name_by_one_iri_stops_every_command(registry, tmp_path, licence, words, command):
    """Exports name the licence by one IRI (``https://spdx.org/licenses/<id>`` or the IRI itself): an
    expression or a name with spaces made an invalid IRI in the nanopubs (a traceback with --trusty) and
    the RO-Crate; now every command refuses it at the settings, writing nothing."""
    path = registry / "claimgraph.toml"
    text = path.read_text(encoding="utf-8").replace(
        'licence = "https://creativecommons.org/licenses/by/4.0/"', f'licence = "{licence}"'
    )
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = {
        "check": ["check", "--no-cache"],
        "export-nanopub": ["export", "-f", "nanopub", "-o", str(out)],
        "export-trusty": ["export", "-f", "nanopub", "--trusty", "-o", str(out)],
        "export-rocrate": ["export", "-f", "rocrate", "-o", str(out)],
        "query": ["query", "ASK { ?s ?p ?o }"],
        "build": ["build", "-o", str(out)],
    }[command]
    result = run_cli(*args, "-r", str(registry))
    assert "Traceback" not in result.err, result.err
    if command == "check":  # a finding about the registry, in the report
        assert result.code == 1 and "claimgraph.toml:5: CG109 error: [registry] licence " in result.out
        assert words in result.out
        return
    assert result.code == 2
    assert "claimgraph.toml:5: [registry] licence " in result.err and words in result.err, result.err
    assert not out.exists() and result.out == ""


@pytest.mark.parametrize(
    "licence, iri",
    [
        ("CC-BY-4.0", "https://spdx.org/licenses/CC-BY-4.0"),
        ("GPL-2.0+", "https://spdx.org/licenses/GPL-2.0+"),
        ("cc-by-sa-4.0", "https://spdx.org/licenses/CC-BY-SA-4.0"),  # as SPDX spells it: the IRI is case-sensitive
        ("https://example.org/licence?v=2&x='y'", "https://example.org/licence?v=2&x='y'"),
    ],
)
def test_an_spdx_identifier_or_an_http_iri_is_a_licence(registry, licence, iri):
    import pyoxigraph as ox

    from claimgraph.export_data import licence_iri
    from claimgraph.settings import read_settings

    path = registry / "claimgraph.toml"
    text = path.read_text(encoding="utf-8").replace(
        'licence = "https://creativecommons.org/licenses/by/4.0/"', f'licence = "{licence}"'
    )
    path.write_text(text, encoding="utf-8")
    assert _check(registry).code == 0
    assert licence_iri(read_settings(registry).licence) == iri
    ox.NamedNode(iri)  # what the exports build from it


def test_init_refuses_a_licence_expression(tmp_path):
    result = run_cli("init", str(tmp_path / "new"), "--licence", "MIT OR Apache-2.0")
    assert result.code == 2 and "SPDX licence expression, which is not supported" in result.err, result.err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("languages", [["en", "en"], ["en", "fr", "EN"], ["pt-BR", "pt-br"]])
def test_init_refuses_a_language_given_twice(tmp_path, languages):
    args = [arg for lang in languages for arg in ("--lang", lang)]
    result = run_cli("init", str(tmp_path / "new"), *args)
    assert result.code == 2 and "Traceback" not in result.err
    assert f"--lang {languages[-1]} repeats a language" in result.err, result.err
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize(
    "option, value, words",
    [
        ("--licence", "CC-BY-40", "--licence 'CC-BY-40' is not on the SPDX licence list (did you mean \"CC-BY-4.0\"?)"),
        ("--base", "ftp://example.org/", "--base 'ftp://example.org/' must be an absolute http(s) IRI"),
        ("--base", "https://x.org/%zz/", "--base 'https://x.org/%zz/' must not contain '%'"),
    ],
)
def test_init_names_the_option_not_a_settings_file_that_does_not_exist_yet(tmp_path, option, value, words):
    result = run_cli("init", str(tmp_path / "new"), option, value)
    assert result.code == 2 and result.err.startswith(f"claimgraph: error: {words}"), result.err
    assert "claimgraph.toml" not in result.err and not (tmp_path / "new").exists()


def test_claim_columns_name_each_language_once(registry):
    """Defensive: a model whose settings repeat a language (built without read_settings' check) still has
    one statement column a language."""
    import dataclasses

    from claimgraph.model import claim_columns, read_model
    from claimgraph.registry import load

    model = read_model(load(registry))
    repeated = dataclasses.replace(model, languages=("fr", "en", "FR", "en"))
    columns = claim_columns(repeated)
    assert [c for c in columns if c.startswith("statement")] == ["statement_fr", "statement_en"]
