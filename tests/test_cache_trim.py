"""The cache folder stays bounded: each registry state checked and each ``--out`` built leaves records, and the
ones used least recently go beyond the numbers kept (:func:`claimgraph.file_io.trim_cache`); a build whose
records went writes the same site."""

from __future__ import annotations

import filecmp
import os
from pathlib import Path

from claimgraph import file_io
from claimgraph.registry import load
from claimgraph.site import build_site

from .conftest import run_cli

FIXTURES = Path(__file__).parent / "fixtures"
#: a time long before any test runs: what is set to it was used least recently
LONG_AGO = 1_000_000_000


def _fake_check_results(cache: Path, count: int) -> list[Path]:
    """``count`` check results of other registry states, each older than the next."""
    cache.mkdir(parents=True, exist_ok=True)
    made = []
    for n in range(count):
        path = cache / f"check-{n:064x}.json"
        path.write_text('{"findings": [], "checked_files": []}', encoding="utf-8")
        os.utime(path, (LONG_AGO + n, LONG_AGO + n))
        made.append(path)
    return made


def _fake_folder_records(cache: Path, count: int, since: int = LONG_AGO) -> list[list[Path]]:
    """The records of ``count`` other output folders and registries (as a build and a load leave them), each
    group used before the next."""
    groups = []
    for n in range(count):
        digest = f"{since + n:024x}"
        paths = [
            cache / f"site-{digest}.json",
            cache / f"pages-{digest}.marshal",
            cache / f"readings-{digest}",
            cache / "answers" / f"site-{digest}",
            cache / "answers" / f"site-{digest}.stamp",
        ]
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix:
                path.write_bytes(b"x")
            else:
                path.mkdir()
                (path / "entry.json").write_text("{}", encoding="utf-8")
            os.utime(path, (since + n, since + n))
        groups.append(paths)
    return groups


def test_check_keeps_the_results_used_last(copy_fixture, monkeypatch, tmp_path):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(cache))
    others = _fake_check_results(cache, file_io.KEPT_CHECK_RESULTS + 4)
    root = copy_fixture("valid")
    first = run_cli("check", "-r", str(root))
    assert first.code == 0
    results = sorted(cache.glob("check-*.json"))
    assert len(results) == file_io.KEPT_CHECK_RESULTS
    ours = [p for p in results if p not in others]
    assert len(ours) == 1  # the one just written stays
    # the oldest went, the newest other results stayed
    assert not any(p.exists() for p in others[:5])
    assert all(p.exists() for p in others[5:])

    # a result taken from the cache counts as used: older than all the others, it still stays
    os.utime(ours[0], (LONG_AGO - 1, LONG_AGO - 1))
    again = run_cli("check", "-r", str(root))
    assert (again.code, again.out) == (first.code, first.out)
    assert ours[0].stat().st_mtime > LONG_AGO + 100
    (root / "claims" / "extra.ttl").write_text("# a new file: another state of the registry\n", encoding="utf-8")
    assert run_cli("check", "-r", str(root)).code == 0
    assert ours[0].exists() and not others[5].exists()
    assert len(list(cache.glob("check-*.json"))) == file_io.KEPT_CHECK_RESULTS


def test_a_build_keeps_the_records_of_the_folders_used_last(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(cache))
    groups = _fake_folder_records(cache, file_io.KEPT_FOLDER_RECORDS + 3)
    untouched = [cache / "endonyms-babel-0.json", cache / "frames-0.marshal"]
    for path in untouched:
        path.write_text("{}", encoding="utf-8")
        os.utime(path, (LONG_AGO - 5, LONG_AGO - 5))
    out = tmp_path / "site"
    build_site(load(FIXTURES / "valid"), out, skip_unchanged=True)  # as `claimgraph build` does
    ours = file_io.cache_entry_for(out, "site", ".json")
    assert (cache / ours).is_file() and (cache / file_io.cache_entry_for(out, "pages", ".marshal")).is_file()
    # this build's two groups (its --out and its registry) joined: the five oldest groups went whole
    for group in groups[:5]:
        assert not any(p.exists() for p in group), group
    for group in groups[5:]:
        assert all(p.exists() for p in group), group
    assert all(p.exists() for p in untouched)  # not records of a folder: other rules keep them


def test_a_build_whose_records_went_writes_the_same_site(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(cache))
    root = FIXTURES / "valid"
    out = tmp_path / "site"
    build_site(load(root), out, skip_unchanged=True)
    assert (cache / file_io.cache_entry_for(out, "pages", ".marshal")).is_file()
    # other folders used since push this one's records out
    _fake_folder_records(cache, file_io.KEPT_FOLDER_RECORDS, since=2_000_000_000)
    file_io.trim_cache()
    assert not (cache / file_io.cache_entry_for(out, "pages", ".marshal")).exists()
    assert not (cache / file_io.cache_entry_for(out, "site", ".json")).exists()

    again = build_site(load(root), out, skip_unchanged=True)
    assert not again.unchanged and again.reused == 0  # nothing remembered: every page made again
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "other-cache"))
    build_site(load(root), fresh)
    _same_files(out, fresh)


def _same_files(a: Path, b: Path) -> None:
    names_a = sorted(p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file())
    names_b = sorted(p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file())
    assert names_a == names_b
    _, mismatch, errors = filecmp.cmpfiles(a, b, names_a, shallow=False)
    assert not errors and mismatch == []


def test_an_unreadable_cache_folder_is_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "no-such-folder"))
    file_io.trim_cache()  # nothing to read: no error, nothing made
    assert not (tmp_path / "no-such-folder").exists()


def test_a_build_removes_what_killed_builds_left_in_the_temporary_folder(tmp_path, monkeypatch):
    import subprocess
    import sys
    import tempfile

    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read $TMPDIR again
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = temporary / f"claimgraph-build-{int(gone.stdout)}-x1"  # a build killed midway: its process is gone
    alive = temporary / f"claimgraph-build-{os.getppid()}-x2"  # a build still running (this one's parent)
    other = temporary / "claimgraph-build-notapid"
    for folder in (dead, alive, other):
        (folder / "docs").mkdir(parents=True)
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    build_site(load(FIXTURES / "valid"), tmp_path / "site")
    assert not dead.exists() and alive.is_dir() and other.is_dir()
    # and this build's own went when it ended
    assert sorted(p.name for p in temporary.iterdir()) == sorted([alive.name, other.name])
