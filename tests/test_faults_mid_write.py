"""Faults mid-write. ``new``, ``build``, ``export --out`` and the check cache, run as
real processes on real files, killed with SIGKILL at random points and run on a full or read-only disk.

Whatever happens: the registry is never corrupted, the previous site or export is intact (or the new
one is there whole), the message says what went wrong with no traceback, and the next run works.

The full and read-only disks are injected into the process (``tests/faults/sitecustomize.py``: CI
runs as root, so permissions cannot make a folder read-only, and a CI container may not mount a
file system); where this machine lets the test mount a small tmpfs, the same is also checked on a
real full disk. The kills are bounded (``CLAIMGRAPH_KILLS`` per command, default 4) and seeded.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimgraph.site.build import MARKER

from .conftest import FIXTURES

FAULTS = Path(__file__).resolve().parent / "faults"
EXE = str(Path(sys.executable).with_name("claimgraph"))
KILLS = int(os.environ.get("CLAIMGRAPH_KILLS", "4"))
NEW_SOURCE = (
    "new",
    "source",
    "--key",
    "Fault2024",
    "--author",
    "Doe, Jane",
    "--title",
    "Faults",
    "--year",
    "2024",
    "--doi",
    "10.1234/fault.2024",
)
NEW_CLAIM = (
    "new",
    "claim",
    "--id",
    "fault-claim",
    "--statement",
    "Les pannes arrivent.",
    "--cites",
    "Doe2021",
    "--quote",
    "Training model X consumed 1,287 MWh of electricity.",
    "--locator",
    "p. 4",
)


def digest(folder: Path, *, dotfiles: bool = True) -> dict[str, str]:
    """Every file under ``folder`` with its SHA-256 (symlinks by their target)."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if not dotfiles and any(part.startswith(".") for part in rel.split("/")):
            continue
        if path.is_symlink():
            out[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def run(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )


def faulty(kind: str, under: Path, after: int = 0) -> dict[str, str]:
    """The environment of a process whose writes under ``under`` fail with ``kind`` (ENOSPC: after
    ``after`` bytes)."""
    path = os.pathsep.join(p for p in (str(FAULTS), os.environ.get("PYTHONPATH")) if p)
    return {
        "PYTHONPATH": path,
        "CLAIMGRAPH_FAULT": kind,
        "CLAIMGRAPH_FAULT_UNDER": str(under),
        "CLAIMGRAPH_FAULT_AFTER": str(after),
    }


def clean_failure(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert any(word in result.stderr for word in words), result.stderr


def killed(args: tuple[str, ...], after: float, env: dict | None = None) -> None:
    """Start ``claimgraph ARGS`` and SIGKILL it ``after`` seconds later (if it has not ended)."""
    proc = subprocess.Popen(
        [EXE, *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    try:
        proc.wait(timeout=after)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the process and its MkDocs children, as a crash would
        proc.wait()


def timed(args: tuple[str, ...], env: dict | None = None) -> float:
    started = time.monotonic()
    result = run(*args, env=env)
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


@pytest.fixture
def registry(tmp_path):
    root = tmp_path / "reg"
    shutil.copytree(FIXTURES / "valid", root)
    return root


@pytest.fixture
def cache(tmp_path):
    folder = tmp_path / "cache"
    return folder


# ------------------------------------------------------------------ new


@pytest.mark.parametrize("after", [0, 40, 400])
def test_new_on_a_full_disk_says_so_and_leaves_the_registry_as_it_was(registry, after):
    before = digest(registry)
    result = run(*NEW_SOURCE, "-r", str(registry), env=faulty("ENOSPC", registry, after))
    clean_failure(result, "No space left on device")
    assert "left as it was" in result.stderr
    assert digest(registry) == before  # no half-written file, no temporary file left behind
    assert run(*NEW_SOURCE, "-r", str(registry)).returncode == 0  # the next run works
    assert run("check", "-r", str(registry)).returncode == 0


def test_new_on_a_read_only_registry_says_so_and_changes_nothing(registry):
    before = digest(registry)
    result = run(*NEW_CLAIM, "-r", str(registry), env=faulty("EROFS", registry))
    clean_failure(result, "Read-only file system")
    assert digest(registry) == before
    assert run(*NEW_CLAIM, "-r", str(registry)).returncode == 0


def test_new_killed_at_random_points_never_corrupts_the_registry(registry, tmp_path):
    whole = tmp_path / "whole"
    shutil.copytree(registry, whole)
    seconds = timed((*NEW_SOURCE, "-r", str(whole)))
    before, after = digest(registry, dotfiles=False), digest(whole, dotfiles=False)
    rng = random.Random(25)
    for _ in range(KILLS):
        killed((*NEW_SOURCE, "-r", str(registry)), rng.uniform(0.05, seconds))
        state = digest(registry, dotfiles=False)
        assert state in (before, after)  # the file is the old one or the new one, never half of each
        if state == after:  # the entry made it: start again from the old registry
            shutil.rmtree(registry)
            shutil.copytree(FIXTURES / "valid", registry)
        assert run("check", "-r", str(registry)).returncode == 0
    assert run(*NEW_SOURCE, "-r", str(registry)).returncode == 0  # the next run works
    assert digest(registry) == after  # and removed the temporary files the killed ones left, if any


# ------------------------------------------------------------------ build


def _site_ok(out: Path, expected: dict[str, str]) -> None:
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert digest(out) == expected


def _changed(registry: Path) -> None:
    """A second version of the registry, so a new site differs from the previous one."""
    path = registry / "claims" / "energy.ttl"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"Section 3 says so."@en', '"Section 3 says so, twice."@en'),
        encoding="utf-8",
    )


@pytest.mark.parametrize("kind, after", [("ENOSPC", 0), ("ENOSPC", 20_000), ("ENOSPC", 400_000), ("EROFS", 0)])
def test_build_on_a_full_or_read_only_disk_keeps_the_previous_site_and_says_why(registry, tmp_path, kind, after):
    out = tmp_path / "out" / "site"
    assert run("build", "-r", str(registry), "--out", str(out)).returncode == 0
    previous = digest(out)
    _changed(registry)
    registry_before = digest(registry)
    result = run("build", "-r", str(registry), "--out", str(out), env=faulty(kind, out.parent, after))
    clean_failure(result, "No space left on device" if kind == "ENOSPC" else "Read-only file system")
    assert "previous site left as it was" in result.stderr
    _site_ok(out, previous)
    assert digest(registry) == registry_before
    if kind == "ENOSPC":  # what could be removed was: no staging folder is left to fill the disk
        assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # nothing left beside the site (no DIR-src)
    assert run("build", "-r", str(registry), "--out", str(out)).returncode == 0  # the next run works
    assert digest(out) != previous and (out / "index.html").is_file()


def test_build_killed_at_random_points_leaves_a_whole_site(registry, tmp_path):
    out = tmp_path / "out" / "site"
    assert run("build", "-r", str(registry), "--out", str(out)).returncode == 0
    previous = digest(out)
    _changed(registry)
    reference = tmp_path / "reference" / "site"
    seconds = timed(("build", "-r", str(registry), "--out", str(reference)))
    new = digest(reference)
    rng = random.Random(25)
    for _ in range(KILLS):
        killed(("build", "-r", str(registry), "--out", str(out)), rng.uniform(0.2, seconds))
        assert digest(out) in (previous, new)  # the previous site or the new one, whole
    assert run("build", "-r", str(registry), "--out", str(out)).returncode == 0
    _site_ok(out, new)
    # the next run cleared what the killed ones left beside the site
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # nothing left beside the site (no DIR-src)


def test_temporary_file_of_a_killed_writer_is_removed_by_the_next_one(tmp_path):
    from claimgraph.file_io import temporary_file
    from claimgraph.file_io import write_atomically

    target = tmp_path / "references.bib"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".references.bib.{dead.pid}-abc.tmp"
    stale.write_text("half")
    fd, mine = temporary_file(target)  # this process's own: alive, left alone
    os.close(fd)
    write_atomically(target, b"whole")
    assert not stale.exists() and Path(mine).exists() and target.read_bytes() == b"whole"


def test_build_killed_between_moving_the_old_site_aside_and_the_new_in_is_repaired(registry, tmp_path):
    """Where the two folders cannot be exchanged in one step, a kill between the two renames leaves
    the previous site beside ``out``, under the killed process's id: the next build puts it back."""
    out = tmp_path / "out" / "site"
    assert run("build", "-r", str(registry), "--out", str(out)).returncode == 0
    previous = digest(out)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    out.rename(out.parent / f".site.old-{dead.pid}-1")
    (out.parent / f".site.staging-{dead.pid}-x").mkdir()
    from claimgraph.file_io import clear_leftovers

    clear_leftovers(out)
    _site_ok(out, previous)
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # nothing left beside the site (no DIR-src)


# ------------------------------------------------------------------ export --out


@pytest.mark.parametrize("kind, after", [("ENOSPC", 0), ("ENOSPC", 3000), ("EROFS", 0)])
def test_export_on_a_full_or_read_only_disk_keeps_the_previous_export(registry, tmp_path, kind, after):
    out = tmp_path / "out" / "registry.ttl"
    assert run("export", "-r", str(registry), "--format", "turtle", "--out", str(out)).returncode == 0
    previous = digest(out.parent)
    _changed(registry)
    result = run(
        "export", "-r", str(registry), "--format", "turtle", "--out", str(out), env=faulty(kind, out.parent, after)
    )
    clean_failure(result, "No space left on device" if kind == "ENOSPC" else "Read-only file system")
    assert digest(out.parent) == previous
    assert run("export", "-r", str(registry), "--format", "turtle", "--out", str(out)).returncode == 0
    assert digest(out.parent) != previous


def test_export_killed_at_random_points_leaves_a_whole_file(registry, tmp_path):
    out = tmp_path / "out" / "registry.ttl"
    args = ("export", "-r", str(registry), "--format", "turtle", "--out", str(out))
    assert run(*args).returncode == 0
    previous = out.read_bytes()
    _changed(registry)
    reference = tmp_path / "reference.ttl"
    seconds = timed(("export", "-r", str(registry), "--format", "turtle", "--out", str(reference)))
    new = reference.read_bytes()
    rng = random.Random(25)
    for _ in range(KILLS):
        killed(args, rng.uniform(0.05, seconds))
        assert out.read_bytes() in (previous, new)
    assert run(*args).returncode == 0 and out.read_bytes() == new


# ------------------------------------------------------------------ the check cache


@pytest.mark.parametrize("kind, after", [("ENOSPC", 0), ("ENOSPC", 500), ("EROFS", 0)])
def test_check_on_a_full_or_read_only_cache_still_checks_and_leaves_no_half_written_file(registry, cache, kind, after):
    cache.mkdir()
    plain = run("check", "-r", str(registry), "--no-cache")
    result = run("check", "-r", str(registry), env={**faulty(kind, cache, after), "CLAIMGRAPH_CACHE_DIR": str(cache)})
    assert (result.returncode, result.stdout) == (plain.returncode, plain.stdout)
    assert "Traceback" not in result.stderr
    files = [p for p in cache.rglob("*") if p.is_file()]
    # no half-written cache entry, no temporary file left to fill the disk further
    assert not [p for p in files if p.name.startswith("check-") or p.name.endswith(".tmp")], files
    again = run("check", "-r", str(registry), env={"CLAIMGRAPH_CACHE_DIR": str(cache)})
    assert (again.returncode, again.stdout) == (plain.returncode, plain.stdout)
    entries = list(cache.glob("check-*.json"))
    assert len(entries) == 1 and json.loads(entries[0].read_text(encoding="utf-8"))["findings"] == []


def test_check_killed_while_writing_its_cache_never_serves_a_broken_entry(registry, cache):
    env = {"CLAIMGRAPH_CACHE_DIR": str(cache)}
    plain = run("check", "-r", str(registry), "--no-cache")
    seconds = timed(("check", "-r", str(registry), "--no-cache"))
    rng = random.Random(25)
    for _ in range(KILLS):
        if cache.exists():
            shutil.rmtree(cache)
        killed(("check", "-r", str(registry)), rng.uniform(0.05, seconds))
        for entry in cache.glob("check-*.json") if cache.exists() else []:
            json.loads(entry.read_text(encoding="utf-8"))  # whole, or not there
        again = run("check", "-r", str(registry), env=env)
        assert (again.returncode, again.stdout) == (plain.returncode, plain.stdout)
        assert not list(cache.glob(".check-*.tmp"))  # the next run removed what the killed one left


# ------------------------------------------------------------------ a real full disk, where one can be mounted


@pytest.fixture
def small_disk(tmp_path):
    """A 20 MiB tmpfs (a site of the valid fixture takes about 12), where this process may mount one (root with the privilege to); else skipped."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_build_on_a_real_full_disk_keeps_the_previous_site(registry, small_disk):
    out = small_disk / "site"
    first = run("build", "-r", str(registry), "--out", str(out))
    if first.returncode != 0:
        pytest.skip("the site does not fit the disk even once: " + first.stderr[-200:])
    previous = digest(out)
    _changed(registry)
    result = run("build", "-r", str(registry), "--out", str(out))  # two sites do not fit
    if result.returncode == 0:
        pytest.skip("two sites fit the disk")
    clean_failure(result, "No space left on device")
    _site_ok(out, previous)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run("build", "-r", str(registry), "--out", str(out))
    clean_failure(result, "Read-only file system")
    _site_ok(out, previous)
