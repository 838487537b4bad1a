"""Check families as plug-ins: the example package outside src/ is pip-installed (offline, from its
folder) and `claimgraph check` finds it through the `claimgraph.checks` entry points, runs it, lists
it, and remembers nothing across its installation or removal. Broken plug-ins become one CG125
finding naming them, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import distribution
from pathlib import Path

import pytest

from claimgraph.checks import CHECK_MODULES

from .conftest import FIXTURES, PROJECT, run_process

EXAMPLE = PROJECT / "examples" / "plugin-check"


def pip_install(package: Path, target: Path) -> None:
    """Install ``package`` into ``target`` as pip does for users, without the network: the build uses
    the setuptools of the test environment."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--target",
            str(target),
            str(package),
        ],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def example_plugin(tmp_path_factory) -> Path:
    """The example plug-in installed into a folder of its own; on PYTHONPATH, it is installed."""
    source = tmp_path_factory.mktemp("example-source") / "plugin-check"
    shutil.copytree(EXAMPLE, source)  # building writes build/ and *.egg-info beside the sources
    target = tmp_path_factory.mktemp("example-installed")
    pip_install(source, target)
    return target


@pytest.fixture(scope="module")
def bad_plugins(tmp_path_factory) -> Path:
    """A package of five plug-ins that break the contract in five ways, installed."""
    source = tmp_path_factory.mktemp("bad-source")
    (source / "pyproject.toml").write_text(
        textwrap.dedent("""\
        [build-system]
        requires = ["setuptools>=69"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "claimgraph-bad-plugins"
        version = "2.0"

        [project.entry-points."claimgraph.checks"]
        cannot_import = "bad_plugins.cannot_import"
        raises = "bad_plugins.raises"
        code_thief = "bad_plugins.code_thief"
        undeclared = "bad_plugins.undeclared"
        string_severity = "bad_plugins.string_severity"

        [tool.setuptools]
        packages = ["bad_plugins"]
        """),
        encoding="utf-8",
    )
    package = source / "bad_plugins"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "cannot_import.py").write_text("import a_package_nobody_installed\n", encoding="utf-8")
    (package / "raises.py").write_text(
        textwrap.dedent("""\
        from claimgraph.findings import CodeInfo, Severity

        CODES = {"BAD001": CodeInfo("BAD001", "first-claim", Severity.INFO, "The first claim.")}

        def check(registry):
            claim = registry.select("SELECT ?c WHERE { ?c cg:statement ?s } ORDER BY ?c LIMIT 1")[0]["c"]
            yield registry.finding("BAD001", "a first finding, kept", subject=claim)
            raise ValueError("the second one went wrong")
        """),
        encoding="utf-8",
    )
    (package / "code_thief.py").write_text(
        textwrap.dedent("""\
        from claimgraph.findings import CodeInfo, Severity

        CODES = {"CG301": CodeInfo("CG301", "mine", Severity.INFO, "Taken.")}

        def check(registry):
            return []
        """),
        encoding="utf-8",
    )
    (package / "string_severity.py").write_text(
        textwrap.dedent("""\
        from claimgraph.findings import CodeInfo

        CODES = {"PTW001": CodeInfo("PTW001", "x", "warning", "summary")}

        def check(registry):
            claim = registry.select("SELECT ?c WHERE { ?c cg:statement ?s } ORDER BY ?c LIMIT 1")[0]["c"]
            yield registry.finding("PTW001", "never rendered", subject=claim)
        """),
        encoding="utf-8",
    )
    (package / "undeclared.py").write_text(
        textwrap.dedent("""\
        def check(registry):
            yield registry.finding("BAD999", "a code nobody declared")
            yield registry.finding("BAD999", "and the next one, still reported")
        """),
        encoding="utf-8",
    )
    target = tmp_path_factory.mktemp("bad-installed")
    pip_install(source, target)
    return target


def check(*args: str, plugins: tuple[Path, ...] = (), cache: Path | None = None):
    # keep the caller's PYTHONPATH after the plug-ins: it may point at the claimgraph under test
    env = {"PYTHONPATH": ":".join([*map(str, plugins), *filter(None, [os.environ.get("PYTHONPATH")])])}
    if cache is not None:
        env["CLAIMGRAPH_CACHE_DIR"] = str(cache)
    return run_process("check", *args, env=env)


def test_built_in_families_are_entry_points_of_claimgraph_itself():
    declared = tomllib.loads((PROJECT / "pyproject.toml").read_text())["project"]["entry-points"]["claimgraph.checks"]
    assert declared == {name: f"claimgraph.checks.{name}" for name in CHECK_MODULES}
    installed = {e.name: e.value for e in distribution("claimgraph").entry_points if e.group == "claimgraph.checks"}
    assert installed == declared, "reinstall claimgraph (make setup) after changing its entry points"


def test_example_plugin_is_found_and_run(example_plugin):
    plain = check("--registry", str(FIXTURES / "valid"), "--no-cache")
    assert plain.code == 0 and "SLX001" not in plain.out
    result = check("--registry", str(FIXTURES / "valid"), "--no-cache", "-f", "json", plugins=(example_plugin,))
    assert result.code == 0, result.err  # warnings only
    found = [f for f in json.loads(result.out)["findings"] if f["code"] == "SLX001"]
    # the three claims of derived.ttl are stated in English only, in a registry of French and English
    assert sorted(f["line"] for f in found) == [19, 79, 89]
    assert {f["file"] for f in found} == {"claims/derived.ttl"}
    assert {f["name"] for f in found} == {"statement-language-missing"}  # its CODES reached the report
    assert {f["severity"] for f in found} == {"warning"}
    assert {f["doc"] for f in found} == {"https://example.org/claimgraph-statement-languages#slx001"}
    assert all("'fr'" in f["message"] for f in found)


def test_help_and_list_name_the_plugin(example_plugin):
    help_text = " ".join(check("--help", plugins=(example_plugin,)).out.split())
    assert "statement_languages (claimgraph-statement-languages 0.1.0)" in help_text
    assert "Plug-ins installed" in help_text and "none" not in help_text.split("Plug-ins installed")[1]
    listing = check("--list-checks", plugins=(example_plugin,))
    assert listing.code == 0
    lines = listing.out.splitlines()
    assert [line.split()[0] for line in lines if not line.startswith(" ")] == [*CHECK_MODULES, "statement_languages"]
    assert "  SLX001 statement-language-missing (warning): " in listing.out
    # named so that a wheel's user, who has no docs/, knows where to look
    assert (
        "Plug-ins installed (entry point group claimgraph.checks, see the documentation's plug-ins page, "
        "docs/plugins.md in the source distribution): none" in " ".join(check("--help").out.split())
    )


def test_installing_or_removing_a_plugin_misses_the_cache(example_plugin, copy_fixture, tmp_path):
    root = str(copy_fixture("valid"))
    cache = tmp_path / "cache"
    codes = lambda result: [f["code"] for f in json.loads(result.out)["findings"]]  # noqa: E731
    assert codes(check("--registry", root, "-f", "json", cache=cache)) == []
    assert codes(check("--registry", root, "-f", "json", cache=cache, plugins=(example_plugin,))) == ["SLX001"] * 3
    assert codes(check("--registry", root, "-f", "json", cache=cache)) == []
    assert len(list(cache.glob("check-*.json"))) == 2  # one result with the plug-in, one without


def test_broken_plugins_are_findings_naming_them(example_plugin, bad_plugins, tmp_path):
    result = check(
        "--registry", str(FIXTURES / "valid"), "--no-cache", "-f", "json", plugins=(example_plugin, bad_plugins)
    )
    assert "Traceback" not in result.err
    assert result.code == 1  # a plug-in that could not run is an error: its checks are missing
    findings = json.loads(result.out)["findings"]
    failures = {f["message"] for f in findings if f["code"] == "CG125"}
    assert failures == {
        "check plug-in 'cannot_import' (bad_plugins.cannot_import, from claimgraph-bad-plugins 2.0) could not be "
        "imported: ModuleNotFoundError: No module named 'a_package_nobody_installed'",
        "check plug-in 'raises' (bad_plugins.raises, from claimgraph-bad-plugins 2.0) stopped with ValueError: "
        "the second one went wrong; findings it had yet to report are missing",
        "check plug-in 'code_thief' (bad_plugins.code_thief, from claimgraph-bad-plugins 2.0) declares CG301 "
        "in CODES, but CG codes are claimgraph's: choose a prefix of your own",
        "check plug-in 'string_severity' (bad_plugins.string_severity, from claimgraph-bad-plugins 2.0) has a "
        "CODES['PTW001'] whose severity 'warning' is not a claimgraph.findings.Severity (Severity.ERROR, "
        "Severity.WARNING or Severity.INFO)",
        "check plug-in 'undeclared' (bad_plugins.undeclared, from claimgraph-bad-plugins 2.0) produced code "
        "'BAD999', which its CODES does not declare",
    }
    assert all("pip uninstall claimgraph-bad-plugins" in f["hint"] for f in findings if f["code"] == "CG125")
    # the rest still ran: the finding made before the failure, and the other plug-in's
    assert [f["message"] for f in findings if f["code"] == "BAD001"] == ["a first finding, kept"]
    # registry.finding() with a code nobody declared: kept, an error, and the family went on to the next
    undeclared = [(f["message"], f["severity"]) for f in findings if f["code"] == "BAD999"]
    assert undeclared == [("a code nobody declared", "error"), ("and the next one, still reported", "error")]
    assert len([f for f in findings if f["code"] == "SLX001"]) == 3
    text = check("--registry", str(FIXTURES / "valid"), "--no-cache", plugins=(bad_plugins,))
    assert "Traceback" not in text.err + text.out and "CG125 error: check plug-in 'cannot_import'" in text.out
    cache = tmp_path / "cache"
    check("--registry", str(FIXTURES / "valid"), plugins=(bad_plugins,), cache=cache)
    assert not list(cache.glob("check-*.json"))  # the next run tries the plug-ins again
    listing = check("--list-checks", plugins=(bad_plugins,))
    assert "  cannot run: could not be imported: ModuleNotFoundError" in listing.out
    assert "Traceback" not in listing.err and "  cannot run: has a CODES['PTW001'] whose severity" in listing.out


def test_a_check_on_an_endpoint_names_the_plugins_it_did_not_run(example_plugin):
    from claimgraph.registry import load
    from claimgraph.sparql.server import SparqlServer

    with SparqlServer(load(FIXTURES / "valid"), host="127.0.0.1", port=0, timeout=30, workers=1, quiet=True) as server:
        result = check("--endpoint", server.endpoint, "-f", "json", plugins=(example_plugin,))
    assert result.code == 0, result.err
    not_run = json.loads(result.out)["not_run"]
    assert any(
        line.startswith("check plug-ins") and "statement_languages (claimgraph-statement-languages)" in line
        for line in not_run
    )
    assert "SLX001" not in result.out


def test_discovery_agrees_with_importlib_metadata(example_plugin, bad_plugins):
    """The plug-ins are found by reading the metadata files directly (cheaper): the same entry points,
    packages and versions as importlib.metadata finds."""
    script = textwrap.dedent("""\
        import json
        from importlib.metadata import entry_points
        from claimgraph.check_plugins import GROUP, _declared
        ours = sorted([d.name, d.module, d.package, d.version] for d in _declared())
        theirs = sorted([e.name, e.value, e.dist.metadata["Name"].lower().replace("_", "-"), e.dist.version]
                        for e in entry_points(group=GROUP))
        print(json.dumps([ours, theirs]))
        """)
    env = {**os.environ, "PYTHONPATH": f"{example_plugin}:{bad_plugins}"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    ours, theirs = json.loads(proc.stdout)
    assert ours == theirs
    assert len(ours) == len(CHECK_MODULES) + 6


def test_the_failure_docs_plugins_shows_is_what_check_prints(tmp_path):
    """docs/plugins.md showed the CG125 line without its place, `(registry):`, which every such line has."""
    installed = tmp_path / "installed"  # acme-checks 1.2, as pip lays it out: its package and its dist-info
    (installed / "acme_checks").mkdir(parents=True)
    (installed / "acme_checks" / "__init__.py").write_text("", encoding="utf-8")
    (installed / "acme_checks" / "house_rules.py").write_text("import acme_helpers\n", encoding="utf-8")
    info = installed / "acme_checks-1.2.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-checks\nVersion: 1.2\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[claimgraph.checks]\nhouse_rules = acme_checks.house_rules\n", encoding="utf-8"
    )
    result = check("--registry", str(FIXTURES / "valid"), "--no-cache", plugins=(installed,))
    page = (PROJECT / "docs" / "plugins.md").read_text(encoding="utf-8")
    shown = page.split("package, with what went wrong:\n\n```\n", 1)[1].split("\n```", 1)[0]
    assert result.code == 1 and shown.splitlines() == result.out.splitlines()[:2], result.out
