"""An unchanged registry is not checked twice; any change to its files is."""

from __future__ import annotations

import claimgraph.registry

from .conftest import run_cli


def test_second_run_is_served_from_the_cache_and_a_change_misses_it(copy_fixture, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_fixture("invalid/unknown-key")
    first = run_cli("check", "-r", str(root))
    assert first.code == 1 and "CG301" in first.out

    def no_loading(*args, **kwargs):
        raise AssertionError("the registry was loaded again although nothing changed")

    monkeypatch.setattr(claimgraph.registry, "load", no_loading)
    second = run_cli("check", "-r", str(root))
    assert (second.code, second.out) == (first.code, first.out)
    monkeypatch.undo()
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))

    path = root / "claims" / "energy.ttl"
    path.write_text(path.read_text().replace("source:Roe2202", "source:Roe2022"))
    third = run_cli("check", "-r", str(root))
    assert third.code == 0 and "CG301" not in third.out


def test_no_cache_option_and_unreadable_registries_are_not_cached(copy_fixture, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_fixture("invalid/turtle-syntax")
    assert run_cli("check", "-r", str(root)).code == 1
    assert not list((tmp_path / "cache").glob("check-*.json"))  # a syntax error is never remembered
    valid = copy_fixture("valid")
    assert run_cli("check", "-r", str(valid), "--no-cache").code == 0
    assert not list((tmp_path / "cache").glob("check-*.json"))
    assert run_cli("check", "-r", str(valid)).code == 0
    assert len(list((tmp_path / "cache").glob("check-*.json"))) == 1


def test_a_damaged_unit_cache_changes_no_finding(tmp_path):
    """pint's parsed unit definitions (derivations compute through pint) are cached beside the check
    results; a damaged cache (pint unpickles it) is thrown away and rebuilt, never read as findings."""
    from pathlib import Path

    from .conftest import run_process

    root = str(Path(__file__).resolve().parent.parent)  # the bundled registry: GWh, MWh, %, t CO2e…
    env = {"CLAIMGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    clean = run_process("check", "-r", root, "--no-cache", "--format", "json", env=env)
    pickles = list((tmp_path / "cache" / "pint").glob("*.pickle"))
    assert clean.code == 0 and pickles
    for pickle in pickles:
        pickle.write_bytes(b"garbage\n")
    damaged = run_process("check", "-r", root, "--no-cache", "--format", "json", env=env)
    assert (damaged.code, damaged.out) == (clean.code, clean.out)
    assert "Traceback" not in damaged.err and "CG331" not in damaged.out
    assert all(p.read_bytes() != b"garbage\n" for p in (tmp_path / "cache" / "pint").glob("*.pickle"))


def test_a_check_run_beside_the_caller_finds_what_check_finds_and_fills_the_cache(copy_fixture, monkeypatch, tmp_path):
    """What a build runs while it reads the registry (a forked child where it may fork): the findings of the
    checks themselves, remembered for the next build or check; one stopped unasked leaves nothing behind."""
    from claimgraph import check_cache
    from claimgraph.checks import run_checks

    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    root = copy_fixture("invalid/unknown-key")
    registry = claimgraph.registry.load(root)
    expected = run_checks(registry)
    assert any(f.code == "CG301" for f in expected)

    checking = check_cache.Checking(registry, fork=True)
    assert checking.result() == expected
    assert check_cache.load_cached(check_cache.digest(root))[0] == expected

    cached = check_cache.Checking(registry, fork=True)
    assert cached.call is None and cached.result() == expected  # from the cache: nothing to run

    path = root / "claims" / "energy.ttl"
    path.write_text(path.read_text().replace("source:Roe2202", "source:Roe2022"))
    changed = claimgraph.registry.load(root)
    stopped = check_cache.Checking(changed, fork=True)
    stopped.stop()
    assert stopped.call is None
    here = check_cache.Checking(changed, fork=False)
    assert here.call is None
    assert not any(f.code == "CG301" for f in here.result())


def test_the_code_key_reads_through_the_package_links_of_a_checkout(tmp_path, monkeypatch):
    # in a checkout the package's ontology/, queries/ and site_templates are links to the project's folders:
    # the cache keys must read what they lead to, or an edited shape or template would change no key
    from claimgraph import check_cache, file_io

    package, shapes = tmp_path / "claimgraph", tmp_path / "ontology"
    package.mkdir()
    shapes.mkdir()
    (package / "code.py").write_text("x = 1\n")
    (shapes / "shapes.ttl").write_text("# shapes\n")
    (package / "ontology").symlink_to(shapes, target_is_directory=True)
    (shapes / "loop").symlink_to(package, target_is_directory=True)  # a link back up: walked once
    monkeypatch.setattr(file_io, "PACKAGE", package)
    found = file_io.package_files((".py", ".ttl"))
    assert [name for name, _ in found] == ["code.py", "ontology/shapes.ttl"]
    registry = tmp_path / "registry"
    registry.mkdir()
    (registry / "claimgraph.toml").write_text('title = "t"\n')
    before = check_cache.digest(registry)
    (shapes / "shapes.ttl").write_text("# shapes, edited\n")
    assert check_cache.digest(registry) != before
