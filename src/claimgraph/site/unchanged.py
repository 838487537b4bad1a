"""A build with nothing to do: every input is what the site now at ``--out`` was built from.

Rebuilding an unchanged registry (a `make` target run twice, a CI job re-run, an editor's save hook) would
write the very same bytes again, page for page. So a build records, in the cache folder, one key over all
it was made from, and what the folder it wrote looks like; the next build into the same folder that finds
the same key and the folder as it was left does nothing and says what the site holds.

The key covers what the check cache's key covers (the registry's claims, BibTeX, shapes, queries, settings
and source texts; claimgraph's code; the check plug-ins), the pages' other inputs (templates, the
registry's ``site/`` and ``verification/`` folders, the rendering libraries' versions: see
:func:`.page_cache.inputs_key`), the verification reports published as pages (``docs/verification/``,
:mod:`.verification`), the build date and the in-browser query engine found. The folder is
compared by every file's path, size and modification time, so a page edited, added or removed by hand
makes the next build a real one. Only a registry read from its files may take this path (the key is read
from them, not from a registry changed in memory): ``build_site(..., skip_unchanged=True)``, as the
command-line build does.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

from .. import file_io
from . import verification

_FORMAT = 1


def build_key(registry, built_on: object, engine: Path | None) -> str | None:
    """One key over everything the site of ``registry`` is made from, or None if some input cannot be read."""
    from .. import check_cache
    from . import page_cache

    if registry.root is None:
        return None
    files = check_cache.digest(Path(registry.root))
    if files is None:
        return None
    h = hashlib.sha256(f"claimgraph-site-{_FORMAT}\0{files}\0{built_on!r}\0".encode())
    h.update(page_cache.inputs_key(registry))
    # the verification reports, published as pages (see .verification): no check reads them
    reports = Path(registry.root) / verification.FOLDER
    if reports.is_dir():
        for path in sorted(reports.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(reports).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    if engine is not None:
        for path in sorted(engine.iterdir()):
            if path.is_file():
                h.update(path.name.encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def listing(site: Path, known: dict[str, tuple[int, int]] | None = None) -> str | None:
    """A digest of every file under ``site``: its path, size and modification time (None: no such folder).
    ``known``: the size and modification time of files the caller has just written or linked, by relative path
    (with ``os.sep``), taken as they are rather than asked again (a wrong one only makes the next build a real one)."""
    if not site.is_dir():
        return None
    by_folder: dict[str, dict[str, tuple[int, int]]] = {}
    for path, state in (known or {}).items():
        folder, _, name = path.rpartition(os.sep)
        found = by_folder.get(folder)
        if found is None:
            found = by_folder[folder] = {}
        found[name] = state
    h = hashlib.sha256()
    _list_into(h, os.fspath(site), "", by_folder)
    return h.hexdigest()


def _list_into(h, folder: str, relative: str, known: dict[str, dict[str, tuple[int, int]]]) -> None:
    # a folder's files in name order, then its folders in name order (links to folders are not followed);
    # the paths joined as strings: at 45,000 files, os.walk and os.path.relpath cost several times the stats.
    # A name the caller knows is a file it wrote (no DirEntry, no stat); the others are asked about one by one.
    files: dict[str, tuple[int, int]] = {}
    folders = []
    known_here = known.get(relative[:-1], {})
    for name in os.listdir(folder):
        state = known_here.get(name)
        if state is None:
            path = f"{folder}{os.sep}{name}"
            st = os.lstat(path)
            if stat.S_ISDIR(st.st_mode):
                folders.append(name)
                continue
            if stat.S_ISLNK(st.st_mode) and os.path.isdir(path):  # a link to a folder: left out
                continue
            state = (st.st_size, st.st_mtime_ns)
        files[name] = state
    h.update(
        "".join(f"{relative}{name}\0{files[name][0]}\0{files[name][1]}\0" for name in sorted(files)).encode(
            "utf-8", "surrogatepass"
        )
    )
    for name in sorted(folders):
        _list_into(h, f"{folder}{os.sep}{name}", f"{relative}{name}{os.sep}", known)


def _record(out: Path) -> str:
    return file_io.cache_entry_for(out, "site", ".json")


def previous_result(out: Path, key: str) -> dict | None:
    """What the previous build into ``out`` said it wrote, if it was made with ``key`` and is still as left."""
    try:
        data = json.loads((file_io.cache_dir() / _record(out)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("format") != _FORMAT or data.get("key") != key:
        return None
    try:
        if data.get("listing") != listing(out):
            return None
    except OSError:
        return None
    result = data.get("result")
    if not isinstance(result, dict):
        return None
    try:  # used now, as a build would: the folders used last keep their records (see :func:`.file_io.trim_cache`)
        os.utime(file_io.cache_dir() / _record(out))
    except OSError:
        pass
    return result


def remember(out: Path, key: str | None, result: dict, known: dict[str, tuple[int, int]] | None = None) -> None:
    """Note what was built into ``out`` with ``key`` (nothing, and the old note gone, when there is no key);
    ``known`` as :func:`listing` takes it."""
    name = _record(out)
    if key is None:
        try:
            (file_io.cache_dir() / name).unlink()
        except OSError:
            pass
        return
    try:
        site_listing = listing(out, known)
    except OSError:
        return
    file_io.save_in_cache(name, json.dumps({"format": _FORMAT, "key": key, "listing": site_listing, "result": result}))
