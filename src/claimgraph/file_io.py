"""Where claimgraph writes, and how: the user's cache folder, the guards on output paths, and
atomic replacement of files and folders.

The cache folder (:func:`cache_dir`) is ``$CLAIMGRAPH_CACHE_DIR`` when set, else the platform's user
cache folder for claimgraph as ``platformdirs`` names it (``$XDG_CACHE_HOME/claimgraph``, else
``~/.cache/claimgraph`` on Linux); nothing is ever cached inside a registry.

An output path is refused (:func:`check_output_path`) when writing there would overwrite, or with
``--force`` delete, a registry's own files.

Replacing a file or a whole folder is done so that a reader, or a crash, never sees half of one.

A file is written as a temporary file beside it and renamed over it (:func:`write_atomically`,
the check cache); :func:`temporary_file` names that file for the process writing it, so that
:func:`clear_stale_temporaries` can remove what a process killed midway left.

A folder is built in a staging folder beside its destination, then swapped in. Where Linux offers
it (``renameat2`` with ``RENAME_EXCHANGE``, on most local file systems), the two are exchanged in one
step: at every instant the destination holds the previous folder or the new one, even if the process
is killed (SIGKILL, power) in the middle. Elsewhere the previous folder is moved aside, the new one
moved in, and the previous one removed: a process killed between the two renames leaves the
destination missing and the previous folder beside it under a name holding the process id, and
:func:`clear_leftovers`, run by the next build, puts it back.

Every name this module gives is ``.<name>.staging-<pid>-…`` or ``.<name>.old-<pid>-…``: the next run
knows a leftover of a process that is gone (killed midway) from the work of one still running.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from .errors import USAGE, ClaimgraphError

#: What a registry reads (relative to its root). An output written onto, into or around one of
#: them would overwrite or, with ``--force``, delete the registry's own files.
REGISTRY_INPUTS = ("claimgraph.toml", "claims", "bib", "shapes", "queries", "site")


class OutputRefused(ClaimgraphError):
    """Writing to the path asked for would overwrite what must not be overwritten (a usage error)."""

    kind = USAGE


def cache_dir() -> Path:
    """The user's cache folder for claimgraph (see the module's docs); not created here."""
    if os.environ.get("CLAIMGRAPH_CACHE_DIR"):
        return Path(os.environ["CLAIMGRAPH_CACHE_DIR"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("claimgraph", appauthor=False))


def cache_entry_for(folder: Path, kind: str, suffix: str) -> str:
    """The name, in the cache folder, of the ``kind`` of record kept for the output folder ``folder``: one
    per folder, by its absolute path (two registries built into two folders keep two records)."""
    # (os.fsencode: a path whose name is not UTF-8 is still a path, its bytes as the system has them)
    return f"{kind}-{hashlib.sha256(os.fsencode(Path(folder).resolve())).hexdigest()[:24]}{suffix}"


def holds_registry(out: Path, registry_root: Path) -> bool:
    """True when the folder ``out`` is the registry at ``registry_root`` or one of the folders around it."""
    real, registry = Path(out).resolve(), Path(registry_root).resolve()
    return real == registry or registry.is_relative_to(real)


def check_output_path(root: Path, out: Path) -> Path:
    """``out`` resolved, if an output may be written there; :class:`OutputRefused` otherwise.

    Refused: the registry itself, any folder holding it (as ``claimgraph build`` refuses),
    and its inputs (:data:`REGISTRY_INPUTS`) or anything inside them. Paths are compared
    resolved, so a symbolic link or ``..`` cannot lead around the rule.
    """
    try:
        real = Path(out).resolve()
        registry = Path(root).resolve()
        inputs = [(name, {registry / name, (Path(root) / name).resolve()}) for name in REGISTRY_INPUTS]
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise OutputRefused(f"{out}: cannot resolve the path: {exc}") from None
    if holds_registry(real, registry):
        raise OutputRefused(f"{out}: the output would contain the registry ({registry}); choose another --out")
    for name, places in inputs:
        if any(real == place or real.is_relative_to(place) for place in places):
            what = name if "." in name else f"{name}/ folder"
            where = "is" if real in places else "lies inside"
            raise OutputRefused(
                f"{out}: {where} the registry's own {what}, which claimgraph reads and must not "
                "overwrite; choose another --out"
            )
    return real


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: What renameat2 answers where the exchange is not offered (an old kernel, a file system without it).
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}


def _renameat2():
    import ctypes  # here: every command imports this module, few swap folders

    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step; False where the system cannot (nothing changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    import ctypes

    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def staging_folder(out: Path) -> Path:
    """A new empty folder beside ``out``, named for this process."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-{os.getpid()}-", dir=out.parent)).resolve()


def swap_in(new: Path, out: Path, remove: Callable[[Path], object] | None = None) -> None:
    """Put the folder ``new`` at ``out``; the previous ``out`` is removed once ``new`` is in place,
    by ``remove`` if given (called with the folder now holding it; see :func:`remove_detached`)."""
    remove = remove or _remove_tree
    if out.exists() and exchange(new, out):
        remove(new)  # ``new`` now names the previous folder
        return
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}-{time.monotonic_ns()}"
        out.rename(old)
    try:
        new.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        remove(old)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def remove_detached(paths: list[Path], out: Path) -> None:
    """Remove the folders ``paths`` (beside ``out``) in a process of their own that outlives this one,
    so that the caller need not wait: deleting a previous site of 40,000 files costs seconds of disk work.

    The folders are first renamed as that process's leftovers (``.<out>.staging-<its pid>-…``): while it
    runs, :func:`clear_leftovers` leaves them to it; if it dies midway, the next build removes the rest."""
    import subprocess

    _REMOVERS[:] = [running for running in _REMOVERS if running.poll() is None]
    code = (
        "import shutil, sys\nfor p in sys.stdin.buffer.read().split(b'\\0'):\n"
        "    p and shutil.rmtree(p.decode('utf-8', 'surrogateescape'), ignore_errors=True)\n"
    )
    try:
        remover = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:  # no process to spare: removed here and now
        for path in paths:
            _remove_tree(path)
        return
    names = []
    for number, path in enumerate(paths):
        trash = out.parent / f".{out.name}.staging-{remover.pid}-{number}-{time.monotonic_ns()}"
        try:
            path.rename(trash)
        except OSError:
            _remove_tree(path)
            continue
        names.append(os.fsencode(trash))
    assert remover.stdin is not None
    try:
        remover.stdin.write(b"\0".join(names))
        remover.stdin.close()
    except OSError:  # it died already: its leftovers go with the next build
        pass
    _REMOVERS.append(remover)


#: The removing processes this one started, kept to be reaped (a long-lived caller builds many times).
_REMOVERS: list = []


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def clear_leftovers(out: Path) -> None:
    """Remove what a process killed while replacing ``out`` left beside it: its staging folder, and
    the previous folder it had moved aside (put back at ``out`` if ``out`` is missing). Leftovers of
    processes still running are theirs, and left alone. Best effort: nothing here may fail a build."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(staging|old)-(\d+)-.*")
    try:
        siblings = sorted(out.parent.iterdir()) if out.parent.is_dir() else []
    except OSError:
        return
    for path in siblings:
        match = pattern.fullmatch(path.name)
        if not match or process_alive(int(match.group(2))):
            continue
        try:
            if match.group(1) == "old" and not out.exists() and not out.is_symlink():
                path.rename(out)
            else:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def temporary_folder(kind: str) -> Path:
    """A new folder in the system's temporary folder (``$TMPDIR``), ``claimgraph-<kind>-<pid>-…``, for work that
    need not be beside its output; what a process killed midway (SIGKILL) left there under that kind goes first."""
    base = Path(tempfile.gettempdir())
    pattern = re.compile(rf"claimgraph-{re.escape(kind)}-(\d+)-.*")
    try:
        names = os.listdir(base)
    except OSError:
        names = []
    for name in names:
        match = pattern.fullmatch(name)
        if match and not process_alive(int(match.group(1))):
            shutil.rmtree(base / name, ignore_errors=True)
    return Path(tempfile.mkdtemp(prefix=f"claimgraph-{kind}-{os.getpid()}-", dir=base)).resolve()


def temporary_file(target: Path) -> tuple[int, str]:
    """``(fd, path)`` of a new temporary file beside ``target``: ``.<name>.<pid>-….tmp``, hidden from the loader."""
    return tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)


def clear_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of ``target`` left by processes killed while writing it (best effort)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)-[^/]*\.tmp")
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        match = pattern.fullmatch(path.name)
        if match and not process_alive(int(match.group(1))):
            try:
                path.unlink()
            except OSError:
                pass


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a sibling temporary file: a reader, or a crash,
    sees the old file or the new one, never half of each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    clear_stale_temporaries(path)  # what a process killed while writing it left beside it
    fd, tmp = temporary_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def current_umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    current = os.umask(0)
    os.umask(current)
    return current


class RememberedEntries:
    """JSON entries kept in one folder of the cache folder (``folder``), each named by a digest of ``key`` (what
    every entry depends on: claimgraph's code, the parsers' versions…) and of what it is kept for. The entries no
    one asked for since this object was made (of files edited or removed) go with :meth:`forget_the_rest`: the
    folder holds those of the registry as it is, not of every version it went through. ``key`` None
    (claimgraph's own files could not be read): nothing is remembered."""

    #: How an entry's name ends (its format).
    SUFFIX = ".json"
    #: How the names of entries in another format end (the code before wrote them): forgotten too.
    STALE_SUFFIXES: tuple[str, ...] = ()

    def __init__(self, folder: str, key: "hashlib._Hash | None"):
        self.folder = folder
        self.key = key
        self._used: set[str] = set()

    def name(self, kind: str, data: bytes) -> str | None:
        """The entry of ``data`` (None when nothing is remembered), noted as used."""
        if self.key is None:
            return None
        digest = self.key.copy()
        digest.update(data)
        name = f"{kind}-{digest.hexdigest()}{self.SUFFIX}"
        self._used.add(name)
        return name

    def read(self, name: str | None):
        """The entry's JSON, or None: absent, unreadable or damaged entries are made again by the caller."""
        if name is None:
            return None
        try:
            return json.loads((cache_dir() / self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def keep(self, name: str | None, data) -> None:
        if name is not None:
            save_in_cache(f"{self.folder}/{name}", json.dumps(data, ensure_ascii=False, separators=(",", ":")))

    def forget_the_rest(self) -> None:
        if self.key is None:
            return
        folder = cache_dir() / self.folder
        try:
            names = os.listdir(folder)
            os.utime(folder)  # used now: :func:`trim_cache` keeps the folders used last
        except OSError:
            return
        for name in names:
            if name.endswith((self.SUFFIX, *self.STALE_SUFFIXES)) and name not in self._used:
                try:
                    os.unlink(folder / name)
                except OSError:
                    pass


def write_cache_entry(path: Path, data: bytes) -> None:
    """Write ``data`` at ``path`` in the cache folder whole or not at all (through a temporary file renamed), for
    entries a reader checks itself (by a digest, a shape): not synced to disk, since a crash then costs a slower
    build, not a wrong one, nor preceded by a listing of the folder for what killed processes left (a build
    writes some fifty such entries). A cache that cannot be written only makes the next build slower."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as stream:
            stream.write(data)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def save_in_cache(name: str, text: str) -> None:
    """Write ``text`` as ``name`` in the cache folder, whole or not at all (a reader never sees half
    a file). A cache that cannot be written is only a slower next run, so errors are ignored."""
    target = cache_dir() / name
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        clear_stale_temporaries(target)  # left by a check killed while writing this entry
        fd, tmp = temporary_file(target)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError:
        # a read-only home or a full disk is not a reason to fail a check; but the half-written
        # temporary file would only fill the disk further
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


#: How many check results the cache folder keeps (``check-<key>.json``, ~1.3 MB each at 10,000 claims): every
#: state of a registry checked (each edit, another branch, other options) leaves one, and the least recently
#: used go beyond this many.
KEPT_CHECK_RESULTS = 16
#: How many output folders and registries the cache folder keeps records for (:func:`cache_entry_for`: a site's
#: pages and answers, a registry's readings and download pieces; up to ~60 MB at 10,000 claims): each new
#: ``--out`` (a temporary folder in a test or a CI job) leaves its own, and those of the folders least recently
#: built or read go beyond this many. A record gone costs the next build of its folder time, never a wrong page:
#: every record is checked against what it was written for before it is used.
KEPT_FOLDER_RECORDS = 16
#: The names of the records kept per folder: their kind, then the digest of the folder's path.
_FOLDER_RECORD = re.compile(
    r"(?:site|pages|markdown-pages|readings|downloads)-([0-9a-f]{24})(?:\.json|\.marshal|\.stamp)?"
)


def trim_cache(kept_checks: int = KEPT_CHECK_RESULTS, kept_folders: int = KEPT_FOLDER_RECORDS) -> None:
    """Bound the cache folder: the ``kept_checks`` check results and the records of the ``kept_folders`` folders
    used last stay, the rest goes (by modification time: a check result taken from the cache is touched, a
    folder's records are rewritten or touched when used). Run after a check or a build wrote to the cache; a
    cache that cannot be read or trimmed is left as it is. Another process reading an entry removed meanwhile
    finds none and works it out again."""
    top = cache_dir()
    checks: list[tuple[float, str]] = []
    groups: dict[str, list[tuple[float, str]]] = {}
    for folder in (top, top / "answers"):
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if folder is top and entry.name.startswith("check-") and entry.name.endswith(".json"):
                    checks.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
                    continue
                found = _FOLDER_RECORD.fullmatch(entry.name)
                if found:
                    groups.setdefault(found.group(1), []).append(
                        (entry.stat(follow_symlinks=False).st_mtime, entry.path)
                    )
            except OSError:  # (gone meanwhile)
                continue
    doomed = [path for _, path in sorted(checks, reverse=True)[kept_checks:]]
    by_use = sorted(groups.values(), key=lambda records: max(mtime for mtime, _ in records), reverse=True)
    doomed += [path for records in by_use[kept_folders:] for _, path in records]
    for path in doomed:
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        except OSError:
            pass


#: claimgraph's own package folder, whose files (code, shapes, queries, templates) the caches' keys read.
PACKAGE = Path(__file__).resolve().parent


def package_files(suffixes: tuple[str, ...]) -> list[tuple[str, Path]]:
    """claimgraph's own files ending in one of ``suffixes``, as (path inside the package, file), sorted.

    Symbolic links are followed: in a checkout, the package's ``ontology`` and ``site_templates`` are links to
    the project's top-level folders (an installed wheel holds copies), and a walk that stays off
    links (``Path.rglob`` before Python 3.13) would leave the shapes and templates out of every
    cache key, so that editing one of them in a checkout changed no key. A link back up the tree is walked once.
    """
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for folder, subfolders, files in os.walk(PACKAGE, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            subfolders[:] = []
            continue
        seen.add(real)
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        relative = os.path.relpath(folder, PACKAGE)
        for name in files:
            if name.endswith(suffixes):
                path = Path(folder, name)
                if path.is_file():
                    found.append((name if relative == "." else f"{relative}/{name}".replace(os.sep, "/"), path))
    return sorted(found)
