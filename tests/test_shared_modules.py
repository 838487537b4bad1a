"""The shared modules: one way to shorten an IRI, one cache folder, errors by kind mapped to exit codes
only by the command line."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import claimgraph
from claimgraph.errors import CONTENT, IO, USAGE, ClaimgraphError
from claimgraph.file_io import cache_dir
from claimgraph.iris import REGISTRY_PREFIXES, compact, prefix_table, prefixed_name

from .conftest import PROJECT, run_cli

BASE = "https://example.org/reg/"


def test_the_prefix_table_holds_the_standard_prefixes_and_the_registrys_own():
    table = prefix_table(BASE)
    assert table["cg"] == "https://w3id.org/claimgraph/ns#"
    assert table["unit"] == "http://qudt.org/vocab/unit/"
    assert [table[p] for p in REGISTRY_PREFIXES] == [f"{BASE}{p}/" for p in REGISTRY_PREFIXES]
    assert "claim" not in prefix_table()
    assert "sh" not in prefix_table(BASE, leave_out=("sh",))


@pytest.mark.parametrize(
    "iri, table, shown",
    [
        ("https://w3id.org/claimgraph/ns#Claim", None, "cg:Claim"),
        ("http://qudt.org/vocab/unit/KiloW-HR", None, "unit:KiloW-HR"),
        ("https://w3id.org/claimgraph/status#verified", None, "status:verified"),
        (f"{BASE}claim/c1", prefix_table(BASE), "claim:c1"),
        # not a local name Turtle can write: the whole IRI
        ("http://qudt.org/vocab/unit/a b", None, "<http://qudt.org/vocab/unit/a b>"),
        ("https://w3id.org/claimgraph/ns#", None, "<https://w3id.org/claimgraph/ns#>"),
        ("https://elsewhere.example/x", None, "<https://elsewhere.example/x>"),
    ],
)
def test_compact_writes_a_prefixed_name_or_the_whole_iri(iri, table, shown):
    assert compact(iri, table) == shown


def test_compact_relative_to_the_registry_and_the_longest_namespace_wins():
    assert compact(f"{BASE}claim/c1", base=BASE) == "<claim/c1>"
    table = {"a": "https://example.org/", "b": "https://example.org/deeper/"}
    assert prefixed_name("https://example.org/deeper/x", table) == "b:x"
    assert prefixed_name("https://example.org/deeper/x/y", table) is None
    assert prefixed_name("https://example.org/deeper/x/y", table, any_local=True) == "b:x/y"


def test_the_query_command_and_the_site_vocabulary_shorten_alike(tmp_path):
    from claimgraph.site.vocabulary import curie

    result = run_cli(
        "query",
        "--registry",
        str(PROJECT),
        "--format",
        "table",
        "SELECT ?c WHERE { VALUES ?c { cg:Claim unit:KiloW-HR } }",
    )
    assert result.code == 0, result.err
    assert "cg:Claim" in result.out and "unit:KiloW-HR" in result.out
    assert curie("https://w3id.org/claimgraph/ns#Claim") == "cg:Claim"


def test_the_cache_folder_is_the_platforms_user_cache_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv("CLAIMGRAPH_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "claimgraph"
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def _library_modules():
    for info in pkgutil.walk_packages(claimgraph.__path__, "claimgraph."):
        if not info.name.startswith(("claimgraph.commands", "claimgraph.cli", "claimgraph.__main__")):
            yield info.name


def test_library_errors_carry_a_kind_and_no_exit_code():
    errors = set()
    for name in _library_modules():
        module = importlib.import_module(name)
        errors |= {
            obj
            for _, obj in inspect.getmembers(module, inspect.isclass)
            if issubclass(obj, ClaimgraphError) and obj.__module__ == name
        }
    assert len(errors) >= 10
    for error in errors:
        assert error.kind in (USAGE, CONTENT, IO), error
        assert not hasattr(error, "exit_code") and not hasattr(error, "report"), error


def test_only_the_command_line_speaks_of_exit_codes():
    package = PROJECT / "src" / "claimgraph"
    speaking = [
        str(path.relative_to(package))
        for path in package.rglob("*.py")
        if not path.is_relative_to(package / "commands")
        and path.name not in ("cli.py", "__main__.py")
        and re.search(r"\bexit_code\b|\bsys\.exit\(|\bEXIT_(OK|FINDINGS|USAGE)\b", path.read_text("utf-8"))
    ]
    # the query worker is a process of its own, whose exit status only the endpoint reads
    assert speaking == ["sparql/worker.py"]


def test_an_error_of_each_kind_exits_with_its_documented_code(tmp_path):
    registry = tmp_path / "reg"
    assert run_cli("init", str(registry)).code == 0
    # usage: a folder that is not empty is no place for a new registry
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    usage = run_cli("init", str(tmp_path / "full"))
    assert usage.code == 2 and usage.err.startswith("claimgraph: error: "), usage.err
    assert "not empty" in usage.err and (tmp_path / "full" / "notes.txt").read_text() == "mine"
    # content: the key cited is not in the bibliography (the message's details follow, indented)
    content = run_cli(
        "new", "claim", "--registry", str(registry), "--id", "c1", "--statement", "x", "--cites", "Nobody2020"
    )
    assert content.code == 1 and "not in the bibliography\n    add it first" in content.err, content.err
    # usage, from the output guard of file_io: an export written into the registry's claims
    guarded = run_cli(
        "export", "--registry", str(registry), "--format", "turtle", "--out", str(registry / "claims" / "x.ttl")
    )
    assert guarded.code == 2 and "the registry's own claims/ folder" in guarded.err, guarded.err
    assert not (registry / "claims" / "x.ttl").exists()
