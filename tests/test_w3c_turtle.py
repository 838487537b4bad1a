"""The W3C Turtle test suite, run through claimgraph's loader.

Every negative syntax and negative evaluation test must be rejected with a
CG1xx error (rdflib accepts many of them; claimgraph must not), and every
positive syntax and evaluation test must load without a syntax error, so the
loader is not simply rejecting everything.

The suite is not committed: it comes from rdflib's source distribution on PyPI
(which ships the W3C rdf-tests Turtle folder), fetched once into build/w3c/ by
``make w3c-tests`` or, failing that, by this module's session fixture.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Namespace

from claimgraph.findings import Severity
from claimgraph.registry import load

from .conftest import PROJECT

W3C_DIR = PROJECT / "build" / "w3c"
SUITE_BASE = "http://www.w3.org/2013/TurtleTests/"
RDFT = Namespace("http://www.w3.org/ns/rdftest#")
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
NEGATIVE = ("TestTurtleNegativeSyntax", "TestTurtleNegativeEval")
POSITIVE = ("TestTurtlePositiveSyntax", "TestTurtleEval")


def suite_dir() -> Path | None:
    found = sorted(W3C_DIR.glob("rdflib-*/test/data/suites/w3c/turtle/manifest.ttl"))
    return found[-1].parent if found else None


def fetch_suite() -> Path | None:
    """Download rdflib's sdist (same version as installed) and unpack its W3C Turtle folder."""
    if suite_dir():
        return suite_dir()
    from importlib.metadata import version

    W3C_DIR.mkdir(parents=True, exist_ok=True)
    wanted = version("rdflib")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            f"rdflib=={wanted}",
            "--no-binary",
            ":all:",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-d",
            str(W3C_DIR),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    archives = sorted(W3C_DIR.glob("rdflib-*.tar.gz"))
    if not archives:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                f"rdflib=={wanted}",
                "--no-binary",
                ":all:",
                "--no-deps",
                "-q",
                "-d",
                str(W3C_DIR),
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        archives = sorted(W3C_DIR.glob("rdflib-*.tar.gz"))
    if not archives:
        return None
    with tarfile.open(archives[-1]) as tar:
        members = [m for m in tar.getmembers() if "/test/data/suites/w3c/turtle/" in m.name and m.isfile()]
        tar.extractall(W3C_DIR, members=members, filter="data")
    return suite_dir()


@pytest.fixture(scope="session")
def w3c_suite() -> Path:
    path = fetch_suite()
    if path is None:
        if os.environ.get("CLAIMGRAPH_REQUIRE_W3C"):
            pytest.fail("could not fetch the W3C Turtle suite (rdflib sdist from PyPI)")
        pytest.skip("W3C Turtle suite not available: run `make w3c-tests` with network access")
    return path


def manifest_tests(directory: Path, kinds: tuple[str, ...]) -> list[tuple[str, str, Path]]:
    manifest = Graph().parse(directory / "manifest.ttl", format="turtle", publicID=SUITE_BASE + "manifest.ttl")
    out = []
    for kind in kinds:
        for test in manifest.subjects(RDF.type, RDFT[kind]):
            action = str(manifest.value(test, MF.action))
            out.append((kind, str(test).rsplit("#", 1)[-1], directory / action.rsplit("/", 1)[-1]))
    return sorted(out)


def load_one(tmp_path: Path, source: Path):
    root = tmp_path / source.stem
    (root / "claims").mkdir(parents=True)
    (root / "claimgraph.toml").write_text(f'[registry]\ntitle = "W3C"\nbase = "{SUITE_BASE}"\n')
    (root / "claims" / source.name).write_bytes(source.read_bytes())
    return load(root, with_ontology=False)


def test_the_suite_is_complete(w3c_suite):
    negative = manifest_tests(w3c_suite, NEGATIVE)
    positive = manifest_tests(w3c_suite, POSITIVE)
    assert len(negative) >= 80 and len(positive) >= 200
    assert all(path.is_file() for _, _, path in negative + positive)


def test_every_negative_test_is_rejected(w3c_suite, tmp_path):
    accepted = []
    for kind, name, path in manifest_tests(w3c_suite, NEGATIVE):
        errors = [
            f
            for f in load_one(tmp_path, path).load_findings
            if f.severity is Severity.ERROR and f.code.startswith("CG1")
        ]
        if not errors:
            accepted.append(f"{kind} {name}")
        else:
            assert all(f.file and f.line for f in errors if f.code == "CG101"), (name, errors)
    assert not accepted, "accepted although Turtle forbids them:\n" + "\n".join(accepted)


def test_rdflib_accepts_some_of_them(w3c_suite):
    """Why the suite matters: rdflib alone lets negative tests through."""
    accepted = 0
    for _kind, _name, path in manifest_tests(w3c_suite, NEGATIVE):
        try:
            Graph().parse(path, format="turtle", publicID=SUITE_BASE + path.name)
            accepted += 1
        except Exception:
            pass
    assert accepted > 0


def test_every_positive_test_loads(w3c_suite, tmp_path):
    rejected = []
    for kind, name, path in manifest_tests(w3c_suite, POSITIVE):
        errors = [
            f for f in load_one(tmp_path, path).load_findings if f.code in ("CG100", "CG101", "CG102", "CG111", "CG114")
        ]
        if errors:
            rejected.append(f"{kind} {name}: {errors[0].message}")
    assert not rejected, "rejected although valid Turtle:\n" + "\n".join(rejected)
