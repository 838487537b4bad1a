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

* share 0: the pages of the navigation and every static file (assets, charts, data files,
  the theme's own files);
* every other page goes to one share, chosen by the length of its Markdown (:func:`share_pages`):
  the home page of a large registry is some 40 % of all the Markdown, and with every K-th page
  besides, share 0 finished well after the others.

**Frames first.** The frames are needed before the framed pages can be written, and
rendering them does not need the other pages: claimgraph runs one ``mkdocs build`` with
``CLAIMGRAPH_FRAMES=only`` (the frames and nothing else, ~2 s) beside the main build(s),
which get ``CLAIMGRAPH_FRAMES=skip``, and writes the framed pages while the main build runs.

**Pages taken from the previous site** (see :mod:`.markdown_reuse`, which decides which pages may be
and keeps the record). claimgraph lists in ``reusable-pages.json`` beside the configuration the pages
whose HTML the build that wrote the site being replaced rendered from the very same Markdown, the same
``mkdocs.yml``, code and libraries, on the same build date. Such a page's HTML is a function of those and
of one more thing only, the files its links resolved to (a link to a file that is gone is a warning,
so a failed build). So the hook (:func:`take_reusable`) excludes a listed page, before the shares are
split, when every file its links led to is still there at the same place; MkDocs then neither reads nor
renders it, and the hook puts the page's earlier HTML (a hard link to the previous site's file, or the
text claimgraph kept for a page it edits after MkDocs) and its earlier search entries into the site
once MkDocs has written its own (:func:`on_post_build`). What an excluded page would still give the
other pages is kept as a rendering gives it: its front matter to the navigation, and the ids and
anchored links its rendering had, so that MkDocs checks the anchors of the links into it and out of it
as it would have (:func:`on_nav`, :func:`on_post_build`). Each process tells claimgraph what it rendered and where those pages' links led
(``rendered-pages-<share>.json``), for the next build.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

# (MkDocs itself is imported where a handler needs it: claimgraph's own process reads this module's names
# without running MkDocs, and importing it there cost ~40 ms of every build)

ENV = "CLAIMGRAPH_SHARD"
#: ``only``: render the frames (see :mod:`.framed_pages`) and nothing else; ``skip``: everything but them.
FRAMES_ENV = "CLAIMGRAPH_FRAMES"
#: A folder for the theme's templates compiled (Jinja's bytecode cache; see :func:`on_env`).
TEMPLATE_CACHE_ENV = "CLAIMGRAPH_TEMPLATE_CACHE"
#: The frame page's name in each framed kind's folder (``+`` never occurs in a slug).
FRAME_NAME = "cg+frame.md"
#: Beside mkdocs.yml: the paths of the pages written into frames (``claims/<slug>.md``…), one a line.
FRAMED_PAGES = "framed-pages.txt"
#: Beside mkdocs.yml, written by claimgraph: the pages that may be taken from the previous site (a JSON
#: object: ``date``, ``previous_site`` and ``pages``, by source path: ``dest``, ``targets``, ``anchors``,
#: ``anchored``, ``entries``, ``html``; see :mod:`.markdown_reuse`).
REUSABLE = "reusable-pages.json"
#: Beside mkdocs.yml, written by each main build process (its share's number): the pages it took and the pages
#: it rendered, with the files their links led to.
RENDERED = "rendered-pages-{}.json"


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


#: What rendering a page costs beside its Markdown's length, counted in bytes of Markdown: the theme's template
#: and the page's search entry take ~5 ms a page, as long as ~6,000 bytes of Markdown take to convert (measured
#: on the pages of a 10,000-claim registry: ~5.7 ms a page, ~0.9 µs a byte).
PAGE_COST = 6000


def share_pages(pages: list[tuple[str, int]], in_nav: set[str], count: int) -> dict[str, int]:
    """The share that renders each of ``pages`` (source path and Markdown length; every share computes the same
    from the same files): the navigation's pages go to share 0, then the others, longest first, each to the share
    with the least work so far (the lowest-numbered on a tie). The shares run side by side and the build ends when
    the last one does."""
    work = [0] * count
    owners = {}
    for source, length in pages:
        if source in in_nav:
            owners[source] = 0
            work[0] += length + PAGE_COST
    for source, length in sorted((p for p in pages if p[0] not in in_nav), key=lambda p: (-p[1], p[0])):
        share = work.index(min(work))
        owners[source] = share
        work[share] += length + PAGE_COST
    return owners


def _markdown_length(f) -> int:
    """The length of a page's Markdown file (0 if unknown: the split stays the same in every share)."""
    try:
        return os.path.getsize(f.abs_src_path) if f.abs_src_path else 0
    except OSError:
        return 0


def add_framed_stubs(files, config) -> None:
    listing = Path(config.config_file_path).parent / FRAMED_PAGES
    if not listing.is_file():
        return
    existing = {f.src_uri for f in files}
    make = None
    for path in listing.read_text(encoding="utf-8").splitlines():
        if path and path not in existing:
            if make is None:
                make = _stub_maker(config, path)
            files.append(make(path))


def _stub_maker(config, first: str):
    """What makes the stubs: ``File.generated(config, path, content="", inclusion=EXCLUDED)``, or a copy of the
    attributes it gives the stub of ``first`` with the path changed, if that is the very same file. (At 10,000
    claims File.generated cost ~0.2 s, most of it turning every path into a PurePath and back, which
    changes no path listed: claimgraph writes them as MkDocs keeps them.)"""
    from mkdocs.structure.files import File, InclusionLevel

    def generated(path: str):
        return File.generated(config, path, content="", inclusion=InclusionLevel.EXCLUDED)

    model = vars(generated(first))
    if type(model.get("src_uri")) is not str or not is_plain_path(first):
        return generated

    def copied(path: str):
        if not is_plain_path(path):
            return generated(path)
        stub = File.__new__(File)
        stub.__dict__.update(model)
        stub.src_uri = path
        return stub

    return copied if vars(copied(first)) == model else generated


def is_plain_path(path: str) -> bool:
    """Whether MkDocs keeps ``path`` as it is when it looks a file up by it or names a file with it
    (``PurePath(path).as_posix() == path``): a relative or absolute '/'-separated path without empty or '.'
    parts (a sufficient test, not a necessary one: a path it fails is handed to MkDocs as before)."""
    return (
        _POSIX
        and path != ""
        and path[-1] != "/"
        and "//" not in path
        and "\\" not in path
        and "." not in path.split("/")
    )


_POSIX = os.sep == "/" and os.altsep is None


def _get_file(files, path: str):
    """``files.get_file_from_path(path)``, without its PurePath for a plain path (see :func:`is_plain_path`)."""
    return files.src_uris.get(path) if is_plain_path(path) else files.get_file_from_path(path)


def is_frame(f) -> bool:
    return f.src_uri.endswith("/" + FRAME_NAME)


def on_files(files, config):
    from mkdocs.structure.files import InclusionLevel

    add_framed_stubs(files, config)
    frames = os.environ.get(FRAMES_ENV)
    if frames in ("only", "skip"):
        for f in files:
            if (frames == "only") != is_frame(f) and not f.inclusion.is_excluded():
                f.inclusion = InclusionLevel.EXCLUDED
        if frames == "only":
            return files
    # before the shares are split: every share takes the same pages, and the pages left are shared out evenly
    take_reusable(files, config)
    share = parse_share(os.environ.get(ENV))
    if share is None:
        return files
    index, count = share
    in_nav = nav_sources(config.nav)
    # excluded pages (the claim pages' stubs) are no one's to render
    pages = sorted(
        (f for f in files if f.is_documentation_page() and not f.inclusion.is_excluded()), key=lambda f: f.src_uri
    )
    owners = share_pages([(f.src_uri, _markdown_length(f)) for f in pages], in_nav, count)
    mine = {source for source, share in owners.items() if share == index}
    for f in files:
        keep = f.src_uri in mine if f.is_documentation_page() else index == 0
        if not keep and not f.inclusion.is_excluded():
            f.inclusion = InclusionLevel.EXCLUDED
    return files


def on_env(env, config, files):
    # Compiling Material's templates (some 40) cost every mkdocs build ~0.1 s. Jinja keeps them compiled in a
    # folder (its bytecode cache: by template name and file, used only for the very source it was compiled
    # from, checked by checksum); the folder's name says how the environment compiles (Jinja's version,
    # Python's, the extensions and syntax settings), so that no differently made environment shares it.
    folder = os.environ.get(TEMPLATE_CACHE_ENV)
    if folder:
        env.bytecode_cache = _template_cache(Path(folder) / _compiling(env))
    return env


def _compiling(env) -> str:
    import hashlib
    import sys

    import jinja2

    settings = [jinja2.__version__, sys.version, sorted(env.extensions), env.optimized, env.is_async]
    settings += [env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string]
    settings += [env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix]
    settings += [env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline]
    # (a function's repr holds its address: an environment with one never finds its templates again)
    settings += [repr(env.autoescape), repr(env.finalize)]
    return hashlib.blake2b(repr(settings).encode(), digest_size=12).hexdigest()


def _template_cache(folder: Path):
    import jinja2

    class QuietCache(jinja2.FileSystemBytecodeCache):
        def dump_bytecode(self, bucket) -> None:
            try:
                super().dump_bytecode(bucket)
            except OSError:  # a folder that cannot be written: the templates are compiled again next time
                pass

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietCache(str(folder))


#: Under ``extra`` in the configuration: ``[old, new]`` pairs, each ``old`` replaced once in every rendered
#: page (the theme's markup, given by :func:`.material.config`).
PAGE_EDITS = "claimgraph_page_edits"


#: Under ``extra``: ``{"edit": [old, new], "right_to_left": [language, …]}``: on a page whose front matter
#: says its language (``lang: en``: a verification report, English on a site in another language), ``old`` (the
#: theme's content element) is replaced once by ``new`` with ``{attributes}`` its ``lang`` (and ``dir``).
PAGE_LANGUAGE = "claimgraph_page_language"
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")


def on_post_page(output, page, config):
    extra = config.get("extra", {})
    for old, new in extra.get(PAGE_EDITS, ()):
        output = output.replace(old, new, 1)
    # Python-Markdown writes a thematic break as XHTML's "<hr />" (a step's page, a verification report's
    # "---"): HTML validators want the plain void element. Text never holds it unescaped.
    output = output.replace("<hr />", "<hr>")
    lang = (getattr(page, "meta", None) or {}).get("lang")
    marking = extra.get(PAGE_LANGUAGE)
    if marking and type(lang) is str and _LANGUAGE_TAG.fullmatch(lang):
        attributes = f'lang="{lang}"'
        if lang.split("-")[0].lower() in marking["right_to_left"]:
            attributes += ' dir="rtl"'
        old, new = marking["edit"]
        output = output.replace(old, new.format(attributes=attributes), 1)
    return output


#: Under ``extra``: ``{template: [[old, new], …]}``, edits to the theme's static pages (404.html), which
#: ``on_post_page`` never sees: the theme writes their few words in English whatever its language.
TEMPLATE_EDITS = "claimgraph_template_edits"


def on_post_template(output_content, template_name, config):
    for old, new in config.get("extra", {}).get(TEMPLATE_EDITS, {}).get(template_name, ()):
        output_content = output_content.replace(old, new, 1)
    return output_content


# ------------------------------------------------------------------ pages taken from the previous site


class _Reuse:
    """This process's part in taking pages from the previous site (a main build's, with a list beside the
    configuration; otherwise ``listing`` stays None and the hook does nothing of it)."""

    listing: dict | None = None
    files: object = None
    #: Pages taken, by source path: their entries in the list.
    taken: dict[str, dict] = {}
    #: Pages rendered, by source path: ``dest``, ``url``, ``targets`` (None: a link led to no file found),
    #: ``anchors`` and ``anchored`` (see :func:`on_page_content`).
    rendered: dict[str, dict] = {}


def untitled_nav_sources(nav) -> set[str]:
    """The ``.md`` paths a ``nav`` configuration names without a title of its own (``- page.md``)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(untitled_nav_sources(v) for v in nav)) if nav else set()
    if isinstance(nav, dict):  # ``Title: page.md`` is titled; ``Section: [...]`` is looked into
        return set().union(*(untitled_nav_sources(v) for v in nav.values() if not isinstance(v, str)))
    return set()


def take_reusable(files, config) -> None:
    """Exclude the listed pages that can be taken from the previous site as they are (see the module's docs)."""
    from mkdocs.structure.files import InclusionLevel
    from mkdocs.utils import get_build_date

    listing_file = Path(config.config_file_path).parent / REUSABLE
    if not listing_file.is_file():
        return
    listing = _Reuse.listing = json.loads(listing_file.read_text(encoding="utf-8"))
    _Reuse.files, _Reuse.taken, _Reuse.rendered = files, {}, {}
    # claimgraph keyed the pages with the build date it saw: MkDocs dates every page (and stamps
    # sitemap.xml.gz with that date), so on another date nothing is taken. Without a navigation in the
    # configuration MkDocs makes one of the pages it renders: nothing is taken either.
    if listing["date"] != get_build_date() or config.nav is None:
        return
    untitled = untitled_nav_sources(config.nav)
    pages = sorted(
        (f for f in files if f.is_documentation_page() and not f.inclusion.is_excluded()), key=lambda f: f.src_uri
    )
    taken = []
    for f in pages:
        entry = listing["pages"].get(f.src_uri)
        # a page the navigation names without a title is named by its own heading, which only its rendering gives
        if entry is None or entry["dest"] != f.dest_uri or f.src_uri in untitled:
            continue
        if all(_still_there(files, source, dest) for source, dest in entry["targets"]) and all(
            _get_file(files, source) is not None for source, _anchor, _link in entry["anchored"]
        ):
            taken.append(f)
    if taken and len(taken) == len(pages):
        # one page rendered still: MkDocs stamps sitemap.xml.gz with its pages' date, or the time now if it has none
        taken.pop(0)
    for f in taken:
        f.inclusion = InclusionLevel.EXCLUDED
        _Reuse.taken[f.src_uri] = listing["pages"][f.src_uri]


def _still_there(files, source: str, dest: str) -> bool:
    found = _get_file(files, source)
    return found is not None and found.dest_uri == dest


def on_nav(nav, config, files):
    from mkdocs.utils import meta

    # The navigation shows each page's title and, in Material, its front matter's icon, subtitle and status.
    # A page MkDocs does not render is never read: give an excluded page of the navigation (taken from the
    # previous site, or another share's) the front matter reading it gives, as a build rendering it would.
    # (Its title is the navigation's own: take_reusable keeps pages named without one.)
    if os.environ.get(FRAMES_ENV) != "only":
        for page in nav.pages:
            if page.file.inclusion.is_excluded() and not page.meta and page.file.abs_src_path:
                page.meta = meta.get_data(page.file.content_string)[1]
    if _Reuse.taken:
        _give_anchors(files, config)
    return nav


def _give_anchors(files, config) -> None:
    """MkDocs checks a link's ``#anchor`` against the ids of the page it leads to, as rendered: a taken page
    gets the ids and the links its rendering gave, so the links into it are checked as if it were rendered,
    and its own are checked in :func:`on_post_build`."""
    from mkdocs.structure.pages import Page  # (imported here: claimgraph reads this module's names too)

    for source, entry in _Reuse.taken.items():
        f = files.get_file_from_path(source)
        page = f.page if f.page is not None else Page(None, f, config)
        page.present_anchor_ids = set(entry["anchors"])
        links: dict = {}
        for target, anchor, link in entry["anchored"]:
            links.setdefault(files.get_file_from_path(target), {})[anchor] = link
        page.links_to_anchors = links


#: Where a page's content links to (MkDocs resolves ``a href`` and ``img src``; raw HTML's links are read
#: too, which can only make a page rendered again when it need not be).
_LINK = re.compile(r'\s(?:href|src)="([^"]*)"')


def link_targets(content: str, dest: str, files) -> list[list[str]] | None:
    """The files the links of a page's content lead to, as ``[source path, place in the site]``; None if one
    leads to no file found (the page is then rendered every time)."""
    base = posixpath.dirname(dest)
    targets = {}
    for raw in _LINK.findall(content):
        parts = urlsplit(html.unescape(raw))
        if parts.scheme or parts.netloc or not parts.path:  # elsewhere, or within the page
            continue
        if parts.path.startswith("/"):
            return None
        place = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        found = _file_at(files, place)
        if found is None:
            return None
        targets[found.src_uri] = place
    return [[source, place] for source, place in sorted(targets.items())]


#: What MkDocs takes for a page (``mkdocs.utils.is_markdown_file``).
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")


def _file_at(files, place: str):
    """The file written at ``place`` in the site: looked for among the sources that may be written there (the
    file itself, a page of that name, a folder's README), which is much cheaper than knowing every file's
    place (10,000 claims have as many pages)."""
    stem, dot, suffix = place.rpartition(".")
    candidates = [place]
    if dot and suffix == "html":
        candidates += [stem + s for s in MARKDOWN_SUFFIXES]
        if posixpath.basename(stem) == "index":
            candidates.append(posixpath.join(posixpath.dirname(stem), "README.md"))
    for source in candidates:
        found = _get_file(files, source)
        if found is not None and found.dest_uri == place:
            return found
    return None


def on_page_content(content, page, config, files):
    if _Reuse.listing is not None:
        f = page.file
        _Reuse.rendered[f.src_uri] = {
            "dest": f.dest_uri,
            "url": page.url,
            "targets": link_targets(content, f.dest_uri, files),
            # what MkDocs checks anchors with, once every page is rendered (Page.validate_anchor_links)
            "anchors": sorted(page.present_anchor_ids or ()),
            "anchored": [
                [target.src_uri, anchor, link]
                for target, links in (page.links_to_anchors or {}).items()
                for anchor, link in links.items()
            ],
        }
    return content


# what ``mkdocs.plugins.event_priority(-100)`` sets: the content as the other handlers leave it
on_page_content.mkdocs_priority = -100  # type: ignore[attr-defined]


def on_post_build(config):
    if _Reuse.listing is None:
        return
    share = parse_share(os.environ.get(ENV))
    index = share[0] if share else 0
    # the anchors of the taken pages' links, as MkDocs checks those of the pages it rendered (a failed check
    # is a warning: --strict then fails the build); each share checks those into the pages it rendered
    for source in sorted(_Reuse.taken):
        page = _Reuse.files.get_file_from_path(source).page  # type: ignore[attr-defined]
        page.validate_anchor_links(files=_Reuse.files, log_level=config.validation.links.anchors)
    if index == 0 and _Reuse.taken:  # (every share took the same pages: share 0 puts them in)
        put_taken_pages(Path(config.site_dir), _Reuse.listing["previous_site"], _Reuse.taken)
    result = {"taken": sorted(_Reuse.taken), "rendered": _Reuse.rendered}
    (Path(config.config_file_path).parent / RENDERED.format(index)).write_text(json.dumps(result), encoding="utf-8")


# (``event_priority(-100)``): after the search plugin has written the index
on_post_build.mkdocs_priority = -100  # type: ignore[attr-defined]


def put_taken_pages(site: Path, previous_site: str, taken: dict[str, dict]) -> None:
    """The taken pages' HTML, and their search entries in the index the search plugin wrote."""
    for entry in taken.values():
        target = site / entry["dest"]
        target.parent.mkdir(parents=True, exist_ok=True)
        if entry["html"] is not None:  # a page claimgraph edits after MkDocs: its HTML as MkDocs wrote it
            target.write_bytes(entry["html"].encode("utf-8"))
            continue
        source = os.path.join(previous_site, entry["dest"])
        try:
            os.link(source, target)  # never written to afterwards (see .markdown_reuse)
        except OSError:  # another file system, or one without hard links
            shutil.copyfile(source, target)
    index = site / "search" / "search_index.json"
    if index.is_file():
        data = json.loads(index.read_text(encoding="utf-8"))
        for source in sorted(taken):  # (claimgraph orders the index by page afterwards)
            data["docs"].extend(taken[source]["entries"])
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
