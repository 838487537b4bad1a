"""A cache of check results keyed by the content of everything they depend on.

Re-running ``claimgraph check`` on an unchanged registry (the usual case in an
editor loop or a pre-commit hook) should not re-parse and re-validate it. The
key hashes the registry's input files, the ontology, claimgraph's own code and the
installed check plug-ins, so any change to data, shapes or checks misses the cache. Entries live in the
user's cache folder (:func:`claimgraph.file_io.cache_dir`), never in the registry. A registry whose files
cannot all be read is never cached.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from .file_io import cache_dir, package_files, save_in_cache, trim_cache
from .findings import Finding, Severity

_INPUTS = (("claims", ".ttl"), ("bib", ".bib"), ("shapes", ".ttl"), ("queries", ".rq"))
_VERSION = 1


def _files(root: Path) -> list[Path]:
    out = [root / "claimgraph.toml"]
    for folder, suffix in _INPUTS:
        if (root / folder).is_dir():
            out.extend(sorted((root / folder).rglob(f"*{suffix}")))
    return out


def _hashable(path: Path, root: Path) -> bool:
    """Only regular files inside the registry are hashed: reading a FIFO would block, a link out would
    read outside files. A registry holding anything else is not cached (the loader reports it)."""
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return False
    return target.is_file() and target.is_relative_to(root.resolve())


#: claimgraph's own files that change findings: its code, its shapes and vocabulary, its saved queries.
_CODE_SUFFIXES = (".py", ".ttl", ".json", ".rq")


def digest(root: Path, options: str = "") -> str | None:
    """The cache key for checking ``root`` with ``options`` (those changing the findings), or None if
    some input cannot be read. Source texts count by their content (see
    :func:`claimgraph.sources.available.text_inputs`): a copy changed, added or removed misses the cache."""
    from .check_plugins import fingerprint
    from .sources.available import text_inputs

    h = hashlib.sha256(f"claimgraph-check-cache-{_VERSION}-{options}-{fingerprint()}".encode())
    try:
        for name, path in package_files(_CODE_SUFFIXES):
            h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
        for folder, _ in _INPUTS:
            # a folder missing, a folder and a file in its place give other findings, with the same files
            state = "folder" if (root / folder).is_dir() else "other" if os.path.lexists(root / folder) else "none"
            h.update(b"F" + f"{folder}={state}".encode() + b"\0")
        for path in _files(root):
            if not _hashable(path, root):
                return None
            # a name that is not UTF-8 (PEP 383) counts by its bytes, as the file system holds it
            h.update(b"R" + os.fsencode(path.relative_to(root).as_posix()) + b"\0")
            if path.is_symlink():
                h.update(b"->" + os.fsencode(os.readlink(path)))
            h.update(path.read_bytes() + b"\0")
        from .registry import NEAR_MISSES, near_miss

        for folder in NEAR_MISSES:
            # a file the loader reports as not read (CG131, `claims/more.TTL`) counts by its name
            if (root / folder).is_dir():
                for path in sorted((root / folder).rglob("*")):
                    if near_miss(folder, path.name) and not path.name.endswith(NEAR_MISSES[folder][0]):
                        h.update(b"N" + os.fsencode(path.relative_to(root).as_posix()) + b"\0")
        for part in text_inputs(root):
            h.update(b"T" + part + b"\0")
    except OSError:
        return None
    return h.hexdigest()


def load_cached(key: str) -> tuple[list[Finding], list[str]] | None:
    try:
        path = cache_dir() / f"check-{key}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        _touch(path)
        findings = [
            Finding(
                f["file"],
                f["line"],
                f["code"],
                Severity[f["severity"].upper()],
                f["message"],
                f["subject"],
                f["hint"],
                tuple(f["related"]),
                _facts(f.get("facts")),
            )
            for f in data["findings"]
        ]
        return findings, data["checked_files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _touch(path: Path) -> None:
    """Mark a result as used now: the results used last are those :func:`~claimgraph.file_io.trim_cache` keeps
    (a cache folder that cannot be written keeps them all, and is read all the same)."""
    try:
        os.utime(path)
    except OSError:
        pass


#: Findings that say a time limit ran out: they depend on the machine's load and the limit set, not on
#: the registry's content, so a result holding one is not remembered (the next run tries again).
_TIMEOUTS = frozenset({"CG118", "CG405"})


def store(key: str, findings: list[Finding], checked_files: list[str]) -> None:
    if any(f.code.startswith("CG1") and f.severity >= Severity.ERROR for f in findings):
        return  # unreadable input: do not remember it
    if any(f.code in _TIMEOUTS for f in findings):
        return
    save_in_cache(
        f"check-{key}.json", json.dumps({"findings": [f.as_dict() for f in findings], "checked_files": checked_files})
    )
    trim_cache()  # one result more: the least recently used beyond the number kept go


def _facts(data: dict | None) -> tuple[tuple[str, object], ...]:
    # JSON turned the tuples of a fact (an interval, operands) into lists: make them tuples again so a
    # finding read from the cache equals the one the checks made
    def freeze(value):
        return tuple(freeze(v) for v in value) if isinstance(value, list) else value

    return tuple((key, freeze(value)) for key, value in (data or {}).items())


class Checking:
    """The findings of ``claimgraph check`` on ``registry``, as :func:`checked` gives them, worked out beside
    the caller's own work: from the cache at once, else (``fork``, on two cores or more, where the process
    may fork) checked in a forked child while the caller goes on. :meth:`result` waits for them; a child that
    fails is made up for by checking here (the same findings, later). :meth:`stop` ends a child whose
    findings are no longer wanted (the caller failed)."""

    def __init__(self, registry, *, fork: bool = True):
        from .parallel import ForkedCall, ForkFailed, can_fork, cores

        self.registry = registry
        self.key = digest(registry.root)
        cached = load_cached(self.key) if self.key else None
        self.findings: list[Finding] | None = cached[0] if cached is not None else None
        self.call = None
        if self.findings is None and fork and cores() >= 2 and can_fork():
            try:
                self.call = ForkedCall(self._check)
            except ForkFailed:
                pass  # checked when asked for, here

    def _check(self) -> list[Finding]:
        from .checks import run_checks

        findings = run_checks(self.registry)
        if self.key:
            store(self.key, findings, self.registry.claim_files + self.registry.bib_files)
        return findings

    def result(self) -> list[Finding]:
        from .parallel import ForkFailed

        if self.findings is None:
            call, self.call = self.call, None
            try:
                self.findings = call.result() if call is not None else self._check()
            except ForkFailed:
                self.findings = self._check()
        return self.findings

    def stop(self) -> None:
        if self.call is not None:
            self.call.close()
            self.call = None


def checked(registry) -> list[Finding]:
    """The findings of ``claimgraph check`` on ``registry``: from the cache when its files are as they were
    when last checked (by ``check``, ``build`` or ``export``), else checked now and remembered.

    The key is read from the files, so this is for a registry as loaded from them, not one changed in memory."""
    from .checks import run_checks

    key = digest(registry.root)
    cached = load_cached(key) if key else None
    if cached is not None:
        return cached[0]
    findings = run_checks(registry)
    if key:
        store(key, findings, registry.claim_files + registry.bib_files)
    return findings
