"""Nanopublications as the nanopub network's own libraries read them: ``nanopub`` (nanopub-py) and
``nanopub-sign`` (the Rust toolkit's binding), judged first on the Nanopublication Test Suite's own
valid and invalid cases (tests/data/nanopub-testsuite, vendored with the suite's MIT licence)."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from rdflib import ConjunctiveGraph, Dataset, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from claimgraph.nanopubs import NP, nanopub_library, nanopublications, sign
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT, TESTS, run_cli

# nanopub itself is imported only inside nanopub_library(): its import switches rdflib's literal
# normalisation off for the whole process, which would change what every other test module reads
nanopub_sign = pytest.importorskip("nanopub_sign")

SUITE = TESTS / "data" / "nanopub-testsuite"
EPOCH = "1735689600"  # 2025-01-01T00:00:00Z


def verdicts(text: str) -> dict[str, str | None]:
    """Each library's objection to ``text`` (one nanopublication), or None where it accepts it: structure,
    and the trusty hash and signature where the nanopublication has them."""
    out: dict[str, str | None] = {}
    with nanopub_library():
        from nanopub import Nanopub, NanopubConf

        try:
            graph = ConjunctiveGraph()
            graph.parse(data=text, format="trig")
            np = Nanopub(rdf=graph, conf=NanopubConf())
            assert np.is_valid
            if np.metadata.trusty:
                assert np.has_valid_trusty
            if np.metadata.signature:
                assert np.has_valid_signature
            out["nanopub"] = None
        except Exception as exc:  # MalformedNanopubError, rdflib's parse errors
            out["nanopub"] = f"{type(exc).__name__}: {exc}"
    try:
        nanopub_sign.Nanopub(text).check()
        out["nanopub-sign"] = None
    except BaseException as exc:  # the binding raises its own types (a panic is a BaseException)
        if isinstance(exc, KeyboardInterrupt):
            raise
        out["nanopub-sign"] = f"{type(exc).__name__}: {exc}"
    return out


def _cases(kind: str) -> list[Path]:
    return sorted((SUITE / kind).glob("*/*.trig"))


@pytest.mark.parametrize("case", _cases("valid"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_both_libraries_accept_the_suites_valid_cases(case):
    assert verdicts(case.read_text(encoding="utf-8")) == {"nanopub": None, "nanopub-sign": None}


@pytest.mark.parametrize("case", _cases("invalid"), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_libraries_together_reject_the_suites_invalid_cases(case):
    objections = verdicts(case.read_text(encoding="utf-8"))
    assert any(objections.values()), objections


@pytest.fixture(scope="module", params=[FIXTURES / "valid", PROJECT], ids=["valid-fixture", "bundled"])
def exported(request, tmp_path_factory, monkeypatch_module):
    monkeypatch_module.setenv("SOURCE_DATE_EPOCH", EPOCH)
    out = tmp_path_factory.mktemp("nanopubs") / "np"
    result = run_cli("export", "-r", str(request.param), "-f", "nanopub", "--out", str(out))
    assert result.code == 0, result.err
    return load(request.param), out


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_every_exported_nanopub_is_accepted_by_both_libraries(exported):
    registry, out = exported
    files = sorted(out.glob("*.trig"))
    claims = registry.select("SELECT DISTINCT ?c WHERE { ?c a/rdfs:subClassOf* cg:Claim . FILTER(isIRI(?c)) }")
    assert len(files) == len(claims) > 0
    for path in files:
        assert verdicts(path.read_text(encoding="utf-8")) == {"nanopub": None, "nanopub-sign": None}, path.name


def test_the_layout_is_the_test_suites(exported):
    registry, out = exported
    for path in sorted(out.glob("*.trig")):
        dataset = Dataset()
        dataset.parse(path, format="trig")
        names = sorted(str(g.identifier) for g in dataset.graphs() if len(g))
        (iri,) = {s for g in dataset.graphs() for s in g.subjects(RDF.type, NP.Nanopublication)}
        assert str(iri) == f"{registry.settings.base}np/{path.stem}/"
        assert names == sorted(f"{iri}{part}" for part in ("Head", "assertion", "provenance", "pubinfo"))
        # blank nodes are skolemised into the nanopublication's own space, as trusty URIs need
        assert not any(term.__class__.__name__ == "BNode" for g in dataset.graphs() for t in g for term in t)


def test_pubinfo_names_the_creator_and_the_creation_time(exported):
    registry, out = exported
    for path in sorted(out.glob("*.trig")):
        dataset = Dataset()
        dataset.parse(path, format="trig")
        iri = URIRef(f"{registry.settings.base}np/{path.stem}/")
        pubinfo = dataset.graph(URIRef(f"{iri}pubinfo"))
        (created,) = list(pubinfo.objects(iri, DCTERMS.created))
        assert created.datatype == XSD.dateTime and created.toPython().isoformat() == "2025-01-01T00:00:00+00:00"
        creators = {str(a) for a in pubinfo.objects(iri, DCTERMS.creator)}
        assert creators == {a.iri(registry.settings.base) for a in registry.settings.authors}
    if registry.root == PROJECT:
        assert creators == {"https://w3id.org/claimgraph"}


def test_exports_are_deterministic_under_source_date_epoch(exported, tmp_path):
    registry, out = exported
    again = tmp_path / "again"
    result = run_cli("export", "-r", str(registry.root), "-f", "nanopub", "--out", str(again))
    assert result.code == 0, result.err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == {p.name: p.read_bytes() for p in again.iterdir()}


def test_standard_output_holds_every_nanopub(exported):
    registry, out = exported
    result = run_cli("export", "-r", str(registry.root), "-f", "nanopub")
    dataset = Dataset()
    dataset.parse(data=result.out, format="trig")
    heads = [g for g in dataset.graphs() if str(g.identifier).endswith("/Head")]
    assert len(heads) == len(list(out.glob("*.trig")))


@pytest.fixture(scope="module")
def key_file(tmp_path_factory) -> Path:
    pair = nanopub_sign.KeyPair()
    path = tmp_path_factory.mktemp("key") / "id_rsa"
    path.write_text(
        "-----BEGIN PRIVATE KEY-----\n" + "\n".join(textwrap.wrap(pair.private, 64)) + "\n-----END PRIVATE KEY-----\n",
        encoding="ascii",
    )
    return path


def _literal_orders_differ(text: str) -> bool:
    """True when a subject and predicate hold language-tagged literals whose order by text is not their
    order by language tag: there the two libraries sort the statements they hash differently (nanopub-py
    by the literal's text first, as its StatementComparator does; nanopub-sign otherwise), so a hash made
    by one is not the other's. A difference between the libraries, not in the nanopublication."""
    dataset = Dataset()
    dataset.parse(data=text, format="trig")
    groups: dict = {}
    for s, p, o, _g in dataset.quads():
        if getattr(o, "language", None):
            groups.setdefault((s, p), []).append(o)
    return any(sorted(x, key=str) != sorted(x, key=lambda lit: lit.language) for x in groups.values())


def test_a_nanopub_signed_by_nanopub_py_verifies_in_both_libraries(key_file, tmp_path):
    """A crash once: signed by nanopub-py in the old ``#Head`` layout, nanopub-sign panicked."""
    out = tmp_path / "signed"
    result = run_cli(
        "export",
        "-r",
        str(FIXTURES / "valid"),
        "-f",
        "nanopub",
        "--out",
        str(out),
        "--sign-key",
        str(key_file),
        "--orcid",
        "https://orcid.org/0000-0000-0000-0000",
        "--signer",
        "nanopub",
    )
    assert result.code == 0, result.err
    cross_verified = 0
    for path in sorted(out.glob("*.trig")):
        text = path.read_text(encoding="utf-8")
        objections = verdicts(text)
        assert objections["nanopub"] is None, path.name
        if _literal_orders_differ(text):
            assert "hash" in (objections["nanopub-sign"] or "hash"), (path.name, objections)
            continue
        assert objections["nanopub-sign"] is None, path.name
        info = nanopub_sign.Nanopub(text).check().info()
        assert info["trusty_hash"].startswith("RA") and info["signature"]
        cross_verified += 1
    assert cross_verified >= 3


def test_a_nanopub_signed_by_nanopub_sign_verifies_in_nanopub_sign(key_file):
    registry = load(FIXTURES / "valid")
    text = nanopublications(registry, date="2025-01-01")[0].text()
    signed = sign(text, key_file.read_text(encoding="ascii"), library="nanopub-sign")
    info = nanopub_sign.Nanopub(signed).check().info()
    assert info["signature"] and info["trusty_hash"].startswith("RA")
    # nanopub-sign writes ``RA…/Head`` (a slash after the hash); nanopub-py recomputes trusty hashes only
    # for ``RA…#Head``, the form of every trusty case of the Test Suite: hence nanopub-py as the default
    # signer. Its own structural check and the signature itself still pass.
    with nanopub_library():
        from nanopub import Nanopub, NanopubConf

        graph = ConjunctiveGraph()
        graph.parse(data=signed, format="trig")
        np = Nanopub(rdf=graph, conf=NanopubConf())
        assert np.is_valid and np.has_valid_signature


def test_the_nanopub_library_leaves_rdflib_as_it_found_it(tmp_path):
    """nanopub's import switches rdflib's literal normalisation off process-wide: the other exports
    (and tests) read RDF with it on, so claimgraph puts it back."""
    import rdflib

    assert rdflib.NORMALIZE_LITERALS is True
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "-f", "nanopub", "--out", str(tmp_path / "t"), "--trusty")
    assert result.code == 0, result.err
    assert rdflib.NORMALIZE_LITERALS is True


def test_trusty_without_a_signature(tmp_path):
    out = tmp_path / "trusty"
    result = run_cli(
        "export", "-r", str(FIXTURES / "valid"), "-f", "nanopub", "--out", str(out), "--trusty", "--date", "2025-01-01"
    )
    assert result.code == 0, result.err
    for path in sorted(out.glob("*.trig")):
        text = path.read_text(encoding="utf-8")
        objections = verdicts(text)
        assert objections["nanopub"] is None, path.name
        assert "/RA" in text
        if not _literal_orders_differ(text):
            assert objections["nanopub-sign"] is None, path.name
            info = nanopub_sign.Nanopub(text).check().info()
            assert info["trusty_hash"].startswith("RA") and not info["signature"]


def test_signing_options_need_a_folder_and_a_key(tmp_path):
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "-f", "nanopub", "--trusty")
    assert result.code == 2 and "--out DIR" in result.err
    result = run_cli(
        "export",
        "-r",
        str(FIXTURES / "valid"),
        "-f",
        "nanopub",
        "--out",
        str(tmp_path / "a"),
        "--orcid",
        "https://orcid.org/0000-0000-0000-0000",
    )
    assert result.code == 2 and "--sign-key" in result.err
    not_a_key = tmp_path / "key.pem"
    not_a_key.write_text("hello", encoding="ascii")
    result = run_cli(
        "export",
        "-r",
        str(FIXTURES / "valid"),
        "-f",
        "nanopub",
        "--out",
        str(tmp_path / "b"),
        "--sign-key",
        str(not_a_key),
    )
    assert result.code == 2 and "not a PEM private key" in result.err and "Traceback" not in result.err
    assert not (tmp_path / "b").exists()


def test_a_folder_holding_other_files_is_not_replaced(tmp_path):
    out = tmp_path / "np"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("export", "-r", str(FIXTURES / "valid"), "-f", "nanopub", "--out", str(out), "--force")
    assert result.code == 2 and (out / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("signer", ["nanopub", "nanopub-sign"])
def test_a_bad_key_or_orcid_is_a_clear_error_not_a_traceback(signer, key_file, tmp_path):
    broken = tmp_path / "broken.pem"
    broken.write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", encoding="ascii")
    out = tmp_path / "np"
    result = run_cli(
        "export",
        "-r",
        str(FIXTURES / "valid"),
        "-f",
        "nanopub",
        "--out",
        str(out),
        "--sign-key",
        str(broken),
        "--signer",
        signer,
    )
    assert result.code == 1 and "could not sign" in result.err and "Traceback" not in result.err, result.err
    assert not out.exists()
    if signer == "nanopub-sign":
        result = run_cli(
            "export",
            "-r",
            str(FIXTURES / "valid"),
            "-f",
            "nanopub",
            "--out",
            str(out),
            "--sign-key",
            str(key_file),
            "--signer",
            signer,
            "--orcid",
            "0000-0000",
        )
        assert result.code == 1 and "ORCID" in result.err and "Traceback" not in result.err, result.err


#: Numerals as authors write them, not in their canonical forms: a reader of the bare token ``007`` gets
#: ``7``. One a predicate: the libraries order literals of two datatypes on one subject and predicate
#: differently (as they do language-tagged ones, see _literal_orders_differ), whatever their forms.
NON_CANONICAL = """
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
claim:growth-rate cg:weight "007"^^xsd:integer ; cg:plus "+5"^^xsd:integer ;
    cg:scale "1.30"^^xsd:decimal ; cg:half ".5"^^xsd:decimal ; cg:zero "-0"^^xsd:integer ;
    cg:big "1.30E0"^^xsd:double ; cg:reviewed "1"^^xsd:boolean ; cg:plain 7 .
"""


@pytest.mark.parametrize("signing", ["trusty", "signed"])
def test_non_canonical_numerals_keep_their_trusty_hash_and_signature(copy_fixture, key_file, tmp_path, signing):
    """The nanopub library hashes the lexical forms rdflib reads; Oxigraph wrote ``"007"^^xsd:integer`` as
    the bare token ``007``, which rdflib reads as ``7``: the nanopublication failed its own hash. Such
    numerals are written quoted, and both libraries verify the trusty hash and the signature."""
    root = copy_fixture("valid")
    claims = root / "claims" / "derived.ttl"
    claims.write_text(claims.read_text(encoding="utf-8") + NON_CANONICAL, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--trusty"] if signing == "trusty" else ["--sign-key", str(key_file), "--signer", "nanopub"]
    result = run_cli("export", "-r", str(root), "-f", "nanopub", "--out", str(out), "--date", "2025-01-01", *args)
    assert result.code == 0, result.err
    text = (out / "growth-rate.trig").read_text(encoding="utf-8")
    for written in ('"007"^^', '"+5"^^', '"1.30"^^', '".5"^^', '"-0"^^', '"1.30E0"^^', '"1"^^'):
        assert written in text, written
    assert re.search(r"cg:plain 7 [;.]", text)  # a canonical numeral stays a bare token
    assert verdicts(text) == {"nanopub": None, "nanopub-sign": None}
    info = nanopub_sign.Nanopub(text).check().info()
    assert info["trusty_hash"].startswith("RA") and bool(info["signature"]) == (signing == "signed")
