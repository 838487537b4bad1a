"""Writing a folder of nanopublications: the forked writer writes what one process writes, and a
folder written again holds exactly the new nanopublications, with nothing left beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph import nanopubs, parallel
from claimgraph.parallel import can_fork
from claimgraph.registry import load

from .conftest import FIXTURES, PROJECT


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.skipif(not can_fork(), reason="this platform or process cannot fork")
def test_the_forked_writer_writes_what_one_process_writes(tmp_path, monkeypatch):
    registry = load(PROJECT)
    monkeypatch.setattr(nanopubs, "FORK_MIN_CLAIMS", 10**9)
    alone = nanopubs.write_nanopubs(registry, tmp_path / "alone", date="2024-01-01")
    monkeypatch.setattr(nanopubs, "FORK_MIN_CLAIMS", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)  # forked even on a one-core runner
    forked = nanopubs.write_nanopubs(registry, tmp_path / "forked", date="2024-01-01")
    assert [p.name for p in forked] == [p.name for p in alone] and len(alone) > 1
    assert files(tmp_path / "forked") == files(tmp_path / "alone")


def test_writing_again_replaces_the_folder_whole(tmp_path):
    registry = load(PROJECT)
    out = tmp_path / "np"
    first = nanopubs.write_nanopubs(registry, out, date="2024-01-01")
    # a nanopublication of a claim since removed (one claimgraph wrote: --force replaces only those)
    (out / "gone.trig").write_bytes(first[0].read_bytes().replace(b"/np/", b"/np/gone-"))
    again = nanopubs.write_nanopubs(registry, out, date="2024-01-02", force=True)
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in again) == sorted(p.name for p in first)
    assert all("2024-01-02T00:00:00Z" in p.read_text(encoding="utf-8") for p in out.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == ["np"]  # no staging folder, no previous folder left


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.skipif(not can_fork(), reason="this platform or process cannot fork")
def test_the_crate_written_by_three_processes_is_the_crate_written_by_one(tmp_path, monkeypatch):
    from claimgraph import export

    monkeypatch.setattr(export, "FORK_MIN_LINES", 10**9)
    monkeypatch.setattr(nanopubs, "FORK_MIN_CLAIMS", 10**9)
    alone = export.write_rocrate(load(PROJECT), tmp_path / "alone", date="2024-01-01")
    monkeypatch.setattr(export, "FORK_MIN_LINES", 1)
    monkeypatch.setattr(nanopubs, "FORK_MIN_CLAIMS", 1)
    monkeypatch.setattr(parallel, "cores", lambda: 2)  # forked even on a one-core runner
    forked = export.write_rocrate(load(PROJECT), tmp_path / "forked", date="2024-01-01")
    assert [p.name for p in forked] == [p.name for p in alone] and len(alone) > 10
    assert tree(tmp_path / "forked") == tree(tmp_path / "alone")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alone", "forked"]  # no staging folder left


ODD_CLAIMS = """@prefix cg: <https://w3id.org/claimgraph/ns#> .
@prefix status: <https://w3id.org/claimgraph/status#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix claim: <claim/> .
@prefix source: <source/> .

source:Doe2021 rdfs:seeAlso [ rdfs:label "a blank node below a source" ] ;
    rdfs:comment "said of a source in a claim file" .

claim:odd-one
    a cg:Claim ;
    cg:statement "A claim pointing into the nanopublications' space."@en ;
    cg:inTextCitation "Doe, 2021" ;
    cg:cites source:Doe2021 , _:unnamed ;
    cg:primarySource source:Doe2021 ;
    rdfs:seeAlso <np/odd-one/elsewhere> , <np/odd-one/> , <np/other/Head> , <np/odd-one/a/b> ;
    rdfs:comment "<https://example.org/registry/valid/np/odd-one/" ,
        "typed"^^<np/odd-one/datatype> ;
    cg:status status:unverified .

_:unnamed rdfs:label "a source that is a blank node" .

claim:RAstartsLikeAHash
    a cg:Claim ;
    cg:statement "Une affirmation sans anglais."@fr ;
    cg:status status:unverified .
"""


def test_the_nanopublications_files_are_rdf_writers_trig_of_their_statements(copy_fixture, tmp_path):
    """The nanopublications' own writer (one table of written terms for all, a source's statements written
    once) writes what rdf_writer.trig writes of each nanopublication's statements, byte for byte: here
    with a source cited by many claims, blank nodes below a source and in the assertion, a source that is
    a blank node, and terms in the nanopublications' space that are not a nanopublication's own."""
    root = copy_fixture("valid")
    (root / "claims" / "odd.ttl").write_text(ODD_CLAIMS, encoding="utf-8")
    for registry in (load(root), load(PROJECT)):
        writer = nanopubs._TrigWriter(registry)
        drafts = list(nanopubs._drafts(registry, date="2024-01-01"))
        made = nanopubs.nanopublications(registry, date="2024-01-01")
        assert len(drafts) == len(made) > 5
        for draft, nanopub in zip(drafts, made):
            assert writer.text(draft) == nanopub.text(), draft.name
        assert writer.blocks  # statements met in several nanopublications were written once
        assert nanopubs.to_nanopub(registry, date="2024-01-01") == "\n".join(n.text() for n in made)
    odd = tmp_path / "nanopubs"
    nanopubs.write_nanopubs(load(root), odd, date="2024-01-01")
    text = (odd / "odd-one.trig").read_text(encoding="utf-8")
    assert "this:elsewhere" in text and "<https://example.org/registry/valid/np/other/Head>" in text
    assert "this:_1" in text and (odd / "claim-RAstartsLikeAHash.trig").is_file()


def test_indented_json_is_jsons_own_text():
    import json

    from claimgraph.export import indented_json

    values = [
        {},
        [],
        'é"\\\n\u2028\x00',
        {"a": [], "b": {}, "c": [1, -2, True, False, None, "x"], "d": {"e": {"f": [{"g": "h"}]}}},
        [1.5, {"k": 2.25}],  # floats: left to json
        {1: "a key that is not a string"},
        ({"tuple": (1, 2)},),
    ]
    for value in values:
        assert indented_json(value) == json.dumps(value, indent=2, ensure_ascii=False)


def test_the_crates_files_are_paths_in_the_crate(tmp_path):
    from claimgraph import export

    out = tmp_path / "crate"
    files = export.write_rocrate(load(FIXTURES / "valid"), out, date="2024-01-01")
    assert {p.relative_to(out).as_posix() for p in files} == set(tree(out))
    assert files[0] == out / "ro-crate-metadata.json" and files[-1:] == [files[len(files) - 1]]
    assert list(files) == files and all(p.is_file() for p in files)


def test_an_export_leaves_what_it_made_to_the_oldest_generation():
    import gc

    from claimgraph.export import export
    from claimgraph.export_data import exporting

    from claimgraph.parallel import collector_paused

    registry = load(FIXTURES / "valid")
    gc.disable()  # (no collection may empty the youngest generation before it is looked at)
    try:
        with collector_paused():  # what the export would leave without exporting(): a thousand objects and more
            left = [[n] for n in range(1000)]
        assert len(gc.get_objects(0)) > 1000
        text = export(registry, "turtle")
        # the rows and their indexes are not left for the next young collection
        young = len(gc.get_objects(0))
    finally:
        gc.enable()
    assert text and young < 100 and len(left) == 1000 and gc.get_freeze_count() == 0
    # objects a host application froze stay frozen
    gc.freeze()
    frozen = gc.get_freeze_count()
    try:
        with exporting():
            made = [[n] for n in range(1000)]
        assert gc.get_freeze_count() == frozen and gc.isenabled() and len(made) == 1000
    finally:
        gc.unfreeze()
