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
"""

from __future__ import annotations

import shutil
from pathlib import Path

from . import material, mkdocs_hook
from .sparql_pages import INDEX_PAGE, QUERY_PAGE


class EarlyFrames:
    """A frames-only ``mkdocs build`` under way, and the configuration it was started with."""

    def __init__(self, running: material.Running, config_text: str, site: Path):
        self.running, self.config_text, self.site = running, config_text, site
        self.finished = False


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


def start(docs: Path, work: Path, config_text: str, nav_pages: list[str], site: Path) -> EarlyFrames | None:
    """Render the frames found in ``docs`` into ``site``, from a copy of them in ``work`` with ``config_text``
    as ``mkdocs.yml`` and an empty page for each of ``nav_pages``; None if there is no frame yet."""
    frames = sorted(docs.glob("*/" + mkdocs_hook.FRAME_NAME))
    if not frames:
        return None
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
    return EarlyFrames(material.start(config, site, jobs=1, frames="only"), config_text, site)


def take(early: EarlyFrames | None, config_text: str) -> Path | None:
    """The folder the early frames were rendered into, if they were rendered with ``config_text``;
    otherwise (or if that build failed) None, and the frames are rendered again as usual."""
    if early is None:
        return None
    early.finished = True
    try:
        material.finish(early.running)
    except Exception:  # said again, and better, by the usual frames build
        return None
    return early.site if early.config_text == config_text else None


def stop(early: EarlyFrames | None) -> None:
    if early is not None and not early.finished:
        early.finished = True
        material.finish(early.running, stop=True)
