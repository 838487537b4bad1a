"""The frames of the framed pages rendered early, while the SPARQL section is still being written.

The frames (see :mod:`.framed_pages`) are the one piece of MkDocs' work the framed pages wait for
(~2 s). What a frame looks like depends only on the frame's own Markdown and on ``mkdocs.yml``
(the navigation's titles are written in it, the pages it names are not read: in a frames-only run
every other page is excluded). So once the navigation is known, the frames can be rendered from a
folder holding the frames and an empty file for every page the navigation names, beside the work
still left in this process.

The navigation the SPARQL section will have is predicted (:func:`predicted_nav`); the early frames
are used only when the ``mkdocs.yml`` finally written is the one they were rendered with, byte for
byte (:func:`take`), so the site is the same either way.

The frames rendered are kept in the cache folder under a key of everything they are made from (the
frames' Markdown, ``mkdocs.yml``, the list of framed pages, and ``key``: claimgraph's code, the libraries,
the registry's ``site/`` folder; see :func:`.page_cache.inputs_key`): a build after a change to the data
only rarely changes them, and then MkDocs is not run for them at all.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import shutil
from pathlib import Path

from .. import file_io
from . import material, mkdocs_hook
from .sparql_pages import INDEX_PAGE, QUERY_PAGE

FRAME_HTML = mkdocs_hook.FRAME_NAME[:-3] + ".html"


class EarlyFrames:
    """A frames-only ``mkdocs build`` under way (or None: the frames came from the cache), and the
    configuration it was started with."""

    def __init__(self, running: material.Running | None, config_text: str, site: Path, cache_name: str | None = None):
        self.running, self.config_text, self.site = running, config_text, site
        self.cache_name = cache_name
        self.finished = running is None


def predicted_nav(nav: list[dict]) -> list[dict]:
    """``nav`` as :func:`.sparql_pages.sparql_pages` leaves it: its SPARQL entry made a section."""
    section = [{"Saved queries": INDEX_PAGE}, {"Query in your browser": QUERY_PAGE}]
    out = [dict(entry) for entry in nav]
    for entry in out:
        if "SPARQL" in entry:
            entry["SPARQL"] = section
            break
    else:
        out.append({"SPARQL": section})
    return out


def start(
    docs: Path, work: Path, config_text: str, nav_pages: list[str], site: Path, key: bytes | None = None
) -> EarlyFrames | None:
    """Render the frames found in ``docs`` into ``site``, from a copy of them in ``work`` with ``config_text``
    as ``mkdocs.yml`` and an empty page for each of ``nav_pages``; None if there is no frame yet. With
    ``key``, frames rendered before from the same inputs are taken from the cache instead."""
    frames = sorted(docs.glob("*/" + mkdocs_hook.FRAME_NAME))
    if not frames:
        return None
    cache_name = _cache_name(docs, frames, config_text, nav_pages, key) if key is not None else None
    if cache_name is not None and _from_cache(cache_name, site):
        return EarlyFrames(None, config_text, site)
    folder = work / "docs"
    for frame in frames:
        target = folder / frame.relative_to(docs)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(frame, target)
    for page in nav_pages:
        stub = folder / page
        if not stub.exists():
            stub.parent.mkdir(parents=True, exist_ok=True)
            stub.write_text("", encoding="utf-8")
    listing = docs.parent / mkdocs_hook.FRAMED_PAGES
    if listing.is_file():
        shutil.copyfile(listing, work / mkdocs_hook.FRAMED_PAGES)
    config = work / "mkdocs.yml"
    config.write_text(config_text, encoding="utf-8")
    return EarlyFrames(material.start(config, site, jobs=1, frames="only"), config_text, site, cache_name)


def take(early: EarlyFrames | None, config_text: str) -> Path | None:
    """The folder the early frames were rendered into, if they were rendered with ``config_text``;
    otherwise (or if that build failed) None, and the frames are rendered again as usual."""
    if early is None:
        return None
    if early.running is not None:
        early.finished = True
        try:
            material.finish(early.running)
        except Exception:  # said again, and better, by the usual frames build
            return None
        if early.cache_name is not None:
            _to_cache(early.cache_name, early.site)
    return early.site if early.config_text == config_text else None


def stop(early: EarlyFrames | None) -> None:
    if early is not None and not early.finished:
        early.finished = True
        material.finish(early.running, stop=True)


#: Sets of frames kept in the cache folder (the newest; a few, for a few registries or --out folders).
KEPT_IN_CACHE = 6


def _cache_name(docs: Path, frames: list[Path], config_text: str, nav_pages: list[str], key: bytes) -> str:
    h = hashlib.blake2b(key, digest_size=16)
    h.update(config_text.encode("utf-8") + b"\0" + "\n".join(nav_pages).encode("utf-8") + b"\0")
    listing = docs.parent / mkdocs_hook.FRAMED_PAGES
    if listing.is_file():
        h.update(listing.read_bytes() + b"\0")
    for frame in frames:
        h.update(frame.relative_to(docs).as_posix().encode() + b"\0" + frame.read_bytes() + b"\0")
    return f"frames-{h.hexdigest()}.marshal"


def _from_cache(name: str, site: Path) -> bool:
    try:
        files = marshal.loads((file_io.cache_dir() / name).read_bytes())
        for relative, data in files.items():
            target = site / relative
            if ".." in Path(relative).parts or Path(relative).is_absolute():
                return False
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        os.utime(file_io.cache_dir() / name)  # the newest are the ones kept
    except (OSError, ValueError, EOFError, TypeError, AttributeError):
        shutil.rmtree(site, ignore_errors=True)
        return False
    return bool(files)


def _to_cache(name: str, site: Path) -> None:
    """Keep the frames MkDocs rendered into ``site`` (only they: the rest of that site is not used)."""
    try:
        files = {
            p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.glob("*/" + FRAME_HTML)) if p.is_file()
        }
        if not files:
            return
        folder = file_io.cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        file_io.write_atomically(folder / name, marshal.dumps(files))
        kept = sorted(folder.glob("frames-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT_IN_CACHE:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
