"""Writing a folder of nanopublications: the forked writer writes what one process writes, and a
folder written again holds exactly the new nanopublications, with nothing left beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph import nanopubs, parallel
from claimgraph.parallel import can_fork
from claimgraph.registry import load

from .conftest import PROJECT


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
    (out / "gone.trig").write_text("# a nanopublication of a claim since removed\n", encoding="utf-8")
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
