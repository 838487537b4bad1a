"""``check --no-cache`` reads the bibliography in a forked child while the claim files load
(:class:`claimgraph.registry.BibliographyBeside`): the registry loaded, its findings and the store's
quads in their order are those of the loader reading the .bib files itself, broken files included; where no
child can be had, or it fails, the loader reads them itself."""

from __future__ import annotations

import os
import shutil
import threading

import pyoxigraph as ox
import pytest

import claimgraph.parallel as parallel
import claimgraph.registry as registry_module
from claimgraph.checks import run_checks
from claimgraph.registry import BibliographyBeside, RegistryError, load

from .conftest import FIXTURES, PROJECT, run_cli
from .fixture_overlays import invalid_case

forks = pytest.mark.skipif(not parallel.can_fork() or parallel.cores() < 2, reason="forks on two cores or more")

#: .bib files with every kind of trouble the loader reports: BibTeX errors, a key used in two files (and
#: twice in one, and differing only by case), a crossref naming no entry, a file that is not UTF-8
_TROUBLED_BIB = {
    "bib/a.bib": """@article{shared2020,
  title = {First of two},
  author = {Doe, Jane},
  year = {2020},
  doi = {10.1000/one},
}

@inproceedings{part2021,
  title = {A part},
  author = {Roe, Richard},
  year = {2021},
  crossref = {nowhere2021},
}

@article{broken,
  title = {No closing brace
  year = 2020

@book{Twice2019,
  title = {A book},
  author = {Poe, Edgar},
  year = {2019},
  publisher = {Press},
}
""",
    "bib/sub/b.bib": """@article{shared2020,
  title = {Second of two},
  author = {Doe, John},
  year = {2020},
}

@book{twice2019,
  title = {The same key but for its case},
  author = {Poe, Edgar},
  year = {2019},
}

@misc{dup,
  title = {One},
  title = {Two},
}

@proceedings{conf2021,
  title = {Proceedings of a conference},
  year = {2021},
  publisher = {Society},
}

@inproceedings{paper2021,
  title = {A paper},
  author = {Loe, Lee},
  year = {2021},
  crossref = {conf2021},
  pages = {1--10},
}
""",
}


def _troubled(tmp_path):
    root = tmp_path / "troubled"
    shutil.copytree(FIXTURES / "valid", root)
    for rel, text in _TROUBLED_BIB.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "bib" / "latin1.bib").write_bytes("@misc{caf\xe9, title = {Caf\xe9}}\n".encode("latin-1"))
    return root


CASES = [
    FIXTURES / "valid",
    FIXTURES / "hostile",
    PROJECT,
    PROJECT / "examples" / "ml-training-energy",
    invalid_case("broken-bibtex"),
    invalid_case("duplicate-source"),
    invalid_case("bibtex-text-outside-entry"),
    invalid_case("unknown-key"),
    invalid_case("uncited-source"),
]


def _state(registry):
    """Everything the loader gives, in its order: what a check, a site or an export reads."""
    return (
        registry.load_findings,
        [f.hint for f in registry.load_findings],
        registry.bib_files,
        list(registry.sources.items()),
        list(registry.source_files.items()),
        list(registry.locations.items()),
        _quads_in_order(registry.store),
    )


def _quads_in_order(store):
    """The store's quads in the order it gives them (the order of its answers), blank nodes named by
    their first appearance (a load names them afresh)."""
    names: dict[str, str] = {}

    def term(t):
        if isinstance(t, ox.BlankNode):
            return names.setdefault(t.value, f"_:b{len(names)}")
        return str(t)

    return [tuple(map(term, q)) for q in store.quads_for_pattern(None, None, None, None)]


def _beside(root):
    started = BibliographyBeside.start(root, min_bytes=0)
    assert started is not None
    return started


def _assert_same_as_serial(root):
    serial = load(root, normalise=False)
    beside = load(root, normalise=False, bibliography=_beside(root))
    assert _state(beside) == _state(serial)
    assert run_checks(beside) == run_checks(serial)
    return serial


@forks
@pytest.mark.parametrize("root", CASES, ids=[p.name for p in CASES])
def test_the_bibliography_read_in_a_child_loads_what_the_loader_reads(root):
    _assert_same_as_serial(root)


@forks
def test_broken_duplicate_crossrefed_and_unreadable_bib_files_give_the_same_findings(tmp_path):
    registry = _assert_same_as_serial(_troubled(tmp_path))
    codes = {(f.file, f.code) for f in registry.load_findings}
    # the case covers what it means to: each trouble is found, at its file
    assert ("bib/sub/b.bib", "CG106") in codes  # shared2020 again, twice2019 by case
    assert ("bib/a.bib", "CG129") in codes  # crossref to no entry
    assert any(f == "bib/latin1.bib" for f, _code in codes)  # not UTF-8
    assert any(f == "bib/a.bib" and f_code not in ("CG129",) for f, f_code in codes)  # the broken entry
    assert all(f.line for f in registry.load_findings if f.file and f.file.startswith("bib/") and f.code != "CG100")


@forks
def test_check_no_cache_reports_the_same_with_and_without_the_child(tmp_path, monkeypatch):
    root = _troubled(tmp_path)
    forked_outputs = [run_cli("check", "--no-cache", "-r", str(root), "--format", fmt) for fmt in ("text", "json")]
    monkeypatch.setattr(BibliographyBeside, "start", classmethod(lambda cls, root, min_bytes=None: None))
    serial_outputs = [run_cli("check", "--no-cache", "-r", str(root), "--format", fmt) for fmt in ("text", "json")]
    assert [(r.code, r.out) for r in forked_outputs] == [(r.code, r.out) for r in serial_outputs]
    assert forked_outputs[0].code == 1 and "CG106" in forked_outputs[0].out


@forks
def test_the_check_command_forks_the_reader_for_a_large_bibliography_only(tmp_path, monkeypatch):
    started = []
    real = BibliographyBeside.start.__func__

    def counted(cls, root, min_bytes=None):
        made = real(cls, root, min_bytes=min_bytes)
        started.append(made)
        return made

    monkeypatch.setattr(BibliographyBeside, "start", classmethod(counted))
    root = _troubled(tmp_path)
    run_cli("check", "--no-cache", "-r", str(root))
    assert started == [None]  # a few entries: not worth a process
    monkeypatch.setattr(registry_module, "BIBLIOGRAPHY_FORK_MIN_BYTES", 0)
    run_cli("check", "--no-cache", "-r", str(root))
    assert isinstance(started[-1], BibliographyBeside)
    run_cli("check", "-r", str(root))  # with the cache: the remembered readings serve, no child
    assert len(started) == 2


def test_no_child_while_another_thread_runs(tmp_path):
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert BibliographyBeside.start(FIXTURES / "valid", min_bytes=0) is None
    finally:
        release.set()
        other.join()


@forks
def test_a_child_that_dies_leaves_the_reading_to_the_loader(tmp_path, monkeypatch):
    root = _troubled(tmp_path)
    expected = _state(load(root, normalise=False))
    parent = os.getpid()
    real = registry_module._read_bibliography

    def dies_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)  # as a child killed by a signal would: no result
        return real(*args)

    monkeypatch.setattr(registry_module, "_read_bibliography", dies_in_the_child)
    assert _state(load(root, normalise=False, bibliography=_beside(root))) == expected


@forks
def test_a_reading_made_with_other_settings_is_not_taken(tmp_path):
    root = _troubled(tmp_path)
    beside = _beside(root)
    settings = root / "claimgraph.toml"
    # the settings change after the child read them: the loader reads the files itself, with the new base
    settings.write_text(settings.read_text(encoding="utf-8").replace("https://", "http://", 1), encoding="utf-8")
    assert _state(load(root, normalise=False, bibliography=beside)) == _state(load(root, normalise=False))


@forks
def test_a_load_that_fails_ends_the_child(tmp_path):
    root = _troubled(tmp_path)
    beside = _beside(root)
    (root / "claimgraph.toml").write_text("base = [", encoding="utf-8")
    with pytest.raises(RegistryError):
        load(root, bibliography=beside)
    with pytest.raises(ChildProcessError):  # reaped: no child is left
        os.waitpid(beside._call._pid, os.WNOHANG)


@forks
def test_with_remembered_readings_the_loader_takes_the_bibliography_from_them(tmp_path, monkeypatch):
    root = _troubled(tmp_path)
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    expected = _state(load(root, normalise=False))
    load(root, normalise=False, remember_readings=True)  # the readings remembered
    parsed = []
    real = registry_module._read_bibliography

    def counted(*args):
        parsed.append(args)
        return real(*args)

    monkeypatch.setattr(registry_module, "_read_bibliography", counted)
    beside = _beside(root)  # (the child counts its own reading in its own memory)
    assert _state(load(root, normalise=False, remember_readings=True, bibliography=beside)) == expected
    assert len(parsed) == 1 and parsed[0][2] is not None  # read here, from the remembered readings
