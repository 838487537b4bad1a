"""claimgraph's MkDocs hook (``hooks:`` in the generated ``mkdocs.yml``; MkDocs loads it by path).

It does two things to the list of files, before MkDocs renders anything (and makes the theme's
edits of :mod:`.material` to every page it renders, see :func:`on_post_page`). It knows MkDocs, not
the theme, and imports nothing from claimgraph: every ``mkdocs build`` process loads it.

**Framed pages** (see :mod:`.framed_pages`). claimgraph writes the pages of claims, sources
and measurands itself, into frames, after MkDocs. The hook adds one virtual, excluded page
(``claims/<slug>.md``…) for each path listed in ``framed-pages.txt`` beside the
configuration file: MkDocs checks every link to such a page as usual (a link to an excluded
page is valid, reported at INFO level only) and writes it as ``<slug>.html``, and no stub
file has to be written on disk (creating a file costs ~0.6 ms on some disks; a registry may
have 10,000 claims).

**Shares of a parallel build** (see :mod:`.material`). MkDocs builds pages one after the
other in one process; the generator runs one ``mkdocs build`` per core, each with
``CLAIMGRAPH_SHARD=k/K`` in its environment. Every process still sees every file, so links
to any page are checked as usual (a page of another share counts as "excluded"); but a
process renders only its share:

* share 0: the pages of the navigation, every static file (assets, charts, data files,
  the theme's own files) and every K-th of the other pages;
* share k > 0: every K-th page, offset k, and nothing else.

**Frames first.** The frames are needed before the framed pages can be written, and
rendering them does not need the other pages: claimgraph runs one ``mkdocs build`` with
``CLAIMGRAPH_FRAMES=only`` (the frames and nothing else, ~2 s) beside the main build(s),
which get ``CLAIMGRAPH_FRAMES=skip``, and writes the framed pages while the main build runs.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

ENV = "CLAIMGRAPH_SHARD"
#: ``only``: render the frames (see :mod:`.framed_pages`) and nothing else; ``skip``: everything but them.
FRAMES_ENV = "CLAIMGRAPH_FRAMES"
#: The frame page's name in each framed kind's folder (``+`` never occurs in a slug).
FRAME_NAME = "cg+frame.md"
#: Beside mkdocs.yml: the paths of the pages written into frames (``claims/<slug>.md``…), one a line.
FRAMED_PAGES = "framed-pages.txt"


def parse_share(spec: str | None) -> tuple[int, int] | None:
    """``"1/2"`` -> (1, 2); None when unset or malformed (then the hook does nothing)."""
    if not spec:
        return None
    index, _, count = spec.partition("/")
    if not (index.isdigit() and count.isdigit()) or not 0 <= int(index) < int(count):
        return None
    return int(index), int(count)


def nav_sources(nav) -> set[str]:
    """The ``.md`` paths named in a ``nav`` configuration (nested lists and dicts)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(nav_sources(v) for v in nav.values())) if nav else set()
    if isinstance(nav, list):
        return set().union(*(nav_sources(v) for v in nav)) if nav else set()
    return set()


def owner(position: int, src_uri: str, in_nav: set[str], count: int) -> int:
    """The share that renders the page at ``position`` of the sorted page list."""
    return 0 if src_uri in in_nav else position % count


def add_framed_stubs(files, config) -> None:
    listing = Path(config.config_file_path).parent / FRAMED_PAGES
    if not listing.is_file():
        return
    existing = {f.src_uri for f in files}
    for path in listing.read_text(encoding="utf-8").splitlines():
        if path and path not in existing:
            files.append(File.generated(config, path, content="", inclusion=InclusionLevel.EXCLUDED))


def is_frame(f) -> bool:
    return f.src_uri.endswith("/" + FRAME_NAME)


def on_files(files, config):
    add_framed_stubs(files, config)
    frames = os.environ.get(FRAMES_ENV)
    if frames in ("only", "skip"):
        for f in files:
            if (frames == "only") != is_frame(f) and not f.inclusion.is_excluded():
                f.inclusion = InclusionLevel.EXCLUDED
        if frames == "only":
            return files
    share = parse_share(os.environ.get(ENV))
    if share is None:
        return files
    index, count = share
    in_nav = nav_sources(config.nav)
    # excluded pages (the claim pages' stubs) are no one's to render
    pages = sorted(
        (f for f in files if f.is_documentation_page() and not f.inclusion.is_excluded()), key=lambda f: f.src_uri
    )
    mine = {f.src_uri for position, f in enumerate(pages) if owner(position, f.src_uri, in_nav, count) == index}
    for f in files:
        keep = f.src_uri in mine if f.is_documentation_page() else index == 0
        if not keep and not f.inclusion.is_excluded():
            f.inclusion = InclusionLevel.EXCLUDED
    return files


#: Under ``extra`` in the configuration: ``[old, new]`` pairs, each ``old`` replaced once in every rendered
#: page (the theme's markup, given by :func:`.material.config`).
PAGE_EDITS = "claimgraph_page_edits"


def on_post_page(output, page, config):
    for old, new in config.get("extra", {}).get(PAGE_EDITS, ()):
        output = output.replace(old, new, 1)
    return output
