"""MkDocs hook of a sharded build (see :mod:`.generator`): this process renders one share of the pages.

MkDocs builds pages one after the other in one process; a registry of 10,000 claims has
14,000 pages, and Markdown, the theme and the search indexer cost ~8 ms each. The
generator runs one ``mkdocs build`` per core, each with this hook and
``CLAIMGRAPH_SHARD=k/K`` in its environment. Every process still sees every file, so
links to any page are checked as usual (a page of another share counts as "excluded",
which MkDocs reports at INFO level only); but a process renders only its share:

* share 0: the pages of the navigation, every static file (assets, charts, data files,
  the theme's own files) and every K-th of the other pages;
* share k > 0: every K-th page, offset k, and nothing else.

MkDocs loads this file by path (``hooks:`` in the configuration).
"""

from __future__ import annotations

import os

from mkdocs.structure.files import InclusionLevel

ENV = "CLAIMGRAPH_SHARD"


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


def on_files(files, config):
    share = parse_share(os.environ.get(ENV))
    if share is None:
        return files
    index, count = share
    in_nav = nav_sources(config.nav)
    pages = sorted((f for f in files if f.is_documentation_page()), key=lambda f: f.src_uri)
    mine = {f.src_uri for position, f in enumerate(pages) if owner(position, f.src_uri, in_nav, count) == index}
    for f in files:
        keep = f.src_uri in mine if f.is_documentation_page() else index == 0
        if not keep:
            f.inclusion = InclusionLevel.EXCLUDED
    return files
