"""The pages of things (claims, sources, measurands): rendered straight to HTML, inside a
frame that MkDocs renders once for each kind of thing.

Why: a registry has far more of these than anything else (10,000 synthetic claims make
13,800 pages, 13,500 of them claims, sources and measurands), and MkDocs spends 4–8 ms on
every page (Python-Markdown ~60 %, the theme ~20 %), even split over every core. A claim
page is the same page every time with different data, so MkDocs renders it once, as a
*frame*, and claimgraph writes every claim page into it (~1 ms a page, forked over every
core). The theme, the header, the navigation, the search box and the table of contents
are MkDocs' own, byte for byte. The reading pages (home, argument, indexes, report,
vocabulary, SPARQL) stay Markdown rendered by MkDocs.

How, for each kind (:data:`KINDS`; :func:`claimgraph.site.build.build_site` calls these in order):

1. :func:`prepare`, before MkDocs: the list of pages, from which claimgraph's MkDocs hook
   (:mod:`.mkdocs_hook`) makes a virtual page ``claims/<slug>.md`` for every claim,
   excluded from rendering: MkDocs still checks every link of the Markdown pages to a claim
   page (a link to an excluded page is valid; MkDocs reports it at INFO level) and writes
   it as ``<slug>.html``. And the frame page ``claims/cg+frame.md`` (``+`` never occurs in
   a slug): the title token as its title and, between two markers, the headings of the
   first claim's page, from which the theme draws the table of contents.
2. MkDocs renders the frames with the theme like any page.
3. :func:`write`, after MkDocs: each frame is cut at the markers; every page is the frame
   with the page's title and its body (``claim.html.j2``…) put in, written by forked
   workers. A page carries its thing's own triples as JSON-LD in a
   ``<script type="application/ld+json">`` (a claim page shows them as Turtle too): one
   file a page, because creating a file is the dearest part of writing a page on some
   disks (~0.6 ms). The links of every body are checked against the built site, as
   ``mkdocs build --strict`` checks the Markdown pages' links: a link to no file, to an
   anchor the target lacks, or with a scheme other than http(s)/mailto fails the build,
   naming the page. The frames are removed. On a rebuild into the same folder, the pages nothing of which
   changed are first taken from the previous site, in the building process (:mod:`.page_cache`); only the
   others are made, by forked workers when there are many.

The body templates are ``.html.j2`` templates of the site's one environment
(:mod:`.environment`): Jinja's autoescape is on, every value from the data is HTML-escaped, and
the filters return markup built from escaped parts.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import html
import multiprocessing
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import jinja2

from ..parallel import can_fork
from .. import escaping
from . import charts, links, material, mkdocs_hook, page_cache, rdf_views, reuse, verification
from .errors import SiteBuildError

FRAME_NAME = mkdocs_hook.FRAME_NAME
#: Replaced in a rendered frame: the page title, and everything between the two markers.
TITLE_TOKEN = "cgframetitletoken"
BODY_START, BODY_END = "<!-- cg-frame-body -->", "<!-- /cg-frame-body -->"
#: Fewer pages than this are written in the calling process (forking and collecting cost ~0.3 s).
FORK_MIN_PAGES = 1000
#: Shares of the pages per worker: the workers take the next share as they finish one, so they end
#: together, and each share's search entries and records reach this process while the rest is written
#: (rather than all at the end, with every core idle but this one).
SHARES_PER_WORKER = 8

_HEADING = re.compile(r'<h([12])\b[^>]*?\bid="([^"]*)"[^>]*>(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")
_ANCHOR = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")


@dataclass(frozen=True)
class Kind:
    """One kind of framed page: where its pages go, its template, and what its template is given."""

    folder: str
    template: str
    items: Callable  # SiteModel -> list of things (each with .iri, .slug, .path)
    name: str  # the template's name for the thing
    default_title: Callable  # thing -> title when the body has no <h1>
    search_text: Callable  # thing -> text of its search entry
    turtle: bool = False  # whether the page also shows its triples as Turtle

    @property
    def frame(self) -> str:
        return f"{self.folder}/{FRAME_NAME}"


def _kinds() -> list[Kind]:
    from .search_text import claim_search_text, measurand_search_text, source_search_text

    return [
        Kind(
            "claims",
            "claim.html.j2",
            lambda m: m.claims,
            "claim",
            lambda c: f"Claim {c.name}",
            claim_search_text,
            turtle=True,
        ),
        Kind(
            "sources", "source.html.j2", lambda m: m.sources, "source", lambda s: f"Source {s.key}", source_search_text
        ),
        Kind(
            "measurands",
            "measurand.html.j2",
            lambda m: m.measurands,
            "measurand",
            lambda m: m.name,
            measurand_search_text,
        ),
    ]


def framed_pages(model) -> set[str]:
    """The paths (``claims/<slug>.md``…) of the pages written into frames."""
    return {item.path for kind in _kinds() for item in kind.items(model)}


def _charts(build, measurand) -> list[tuple[str, str]]:
    """A measurand's charts (see :func:`.charts.measurand_charts`), with the peers the build chose."""
    peers = build.measurand_peers.get(measurand.iri, [])
    return charts.measurand_charts(
        measurand,
        peers,
        lambda path: "../" + path[:-3] + ".html",
        say=build.env.globals["t"],
        choose=build.env.filters["pick"],
        numbers=build.env.globals["numbers"],
        language=build.env.globals["page_lang"],
    )


# ------------------------------------------------------------------ before MkDocs


def prepare(build) -> None:
    """For every kind with things: the frame page in ``build.docs``; and the list of all the
    framed pages beside ``build.docs``, for the hook."""
    paths = []
    for kind in _kinds():
        items = kind.items(build.model)
        if not items:
            continue
        paths += [item.path for item in items]
        body, _ = _render(build, kind, items[0], rdf_views.prefixes(build.registry.settings.base))
        build.write_page(kind.frame, frame_markdown(kind, body))
    (build.docs.parent / mkdocs_hook.FRAMED_PAGES).write_text("".join(p + "\n" for p in paths), encoding="utf-8")


def frame_markdown(kind: Kind, body: str) -> str:
    """The frame: its title is the token, its headings those of ``body`` (h1 and h2: the
    theme's table of contents is drawn from them), each with the id it has in ``body`` (attr_list),
    all between the body markers. The ids stay the same in every language of the interface."""
    headings = []
    for level, anchor, inner in _HEADING.findall(body):
        text = html.unescape(_TAG.sub("", inner)).strip()
        if not _ANCHOR.fullmatch(anchor):
            raise SiteBuildError(
                f"{kind.template}: the heading {text!r} has id {anchor!r}; use letters, digits, "
                "hyphens and underscores only"
            )
        headings.append(
            ("#" * int(level)) + " " + escaping.md_text(anchor if level == "1" else text) + f" {{: #{anchor} }}"
        )
    if not headings or not headings[0].startswith("# "):
        raise SiteBuildError(f"{kind.template}: the page must start with an <h1> that has an id")
    return (
        "---\n"
        f"title: {TITLE_TOKEN}\n"
        "search:\n  exclude: true\n"
        "---\n\n"
        f"{BODY_START}\n\n" + "\n\n".join(headings) + f"\n\n{BODY_END}\n"
    )


def _render(build, kind: Kind, item, table: dict, triples=None, template=None) -> tuple[str, list[tuple[str, str]]]:
    """The page body of ``item``, and the files it links to that are written beside it: its triples as
    Turtle and JSON-LD, and a measurand's charts (``(name, text)``). ``template``: the kind's template, if the
    caller has it (looking it up asks the file system whether it changed, page after page)."""
    if triples is None:
        triples = rdf_views.subject_triples(build.model.index, item.iri)
    base = build.registry.settings.base
    used = rdf_views.used_prefixes(triples, base, table)
    context = {
        "site": build.model,
        "root": "../",
        "page_path": item.path,
        kind.name: item,
        "jsonld": rdf_views.jsonld(triples, base, table, used=used),
    }
    turtle = rdf_views.turtle(triples, base, table, used=used)
    if kind.turtle:
        context["turtle"] = turtle
    notes = item.status_note.values() if kind.name == "claim" else [getattr(item, "note", None)]
    context["reports"] = (
        verification.mentioned(notes, build.verification_reports) if kind.name in ("claim", "source") else []
    )
    # the page's machine-readable twins, at a stable address beside it: <slug>.ttl and <slug>.jsonld
    slug = item.slug  # (read once: every read of a thing's field is noted, see page_cache)
    files = [(f"{slug}.ttl", turtle), (f"{slug}.jsonld", context["jsonld"])]
    context["twins"] = (f"{kind.folder}/{slug}.ttl", f"{kind.folder}/{slug}.jsonld")
    if kind.name == "measurand":
        drawn = _charts(build, item)
        for i, (svg, table_csv) in enumerate(drawn):
            files += [(f"{slug}-{i + 1}.svg", svg), (f"{slug}-{i + 1}.csv", table_csv)]
        context["charts"] = [(f"{slug}-{i + 1}", escaping.Markup(svg)) for i, (svg, _) in enumerate(drawn)]
    if template is None:
        template = build.env.get_template(kind.template)
    return template.render(context), files


# ------------------------------------------------------------------ after MkDocs


class _Frame:
    """A rendered frame, cut into the pieces around the title tokens and the body."""

    def __init__(self, text: str, name: str):
        start, end = text.find(BODY_START), text.find(BODY_END)
        if start < 0 or end < start:
            raise SiteBuildError(f"the generator's {name} lost the markers of the page body")
        self.head = text[:start].split(TITLE_TOKEN)
        self.tail = text[end + len(BODY_END) :].split(TITLE_TOKEN)
        # the ids of the frame's own headings: the ones the theme's table of contents (and its
        # "skip to content" link) lead to, so every page must have them too
        self.toc = links.ID.findall(text[start:end])
        # the frame's pieces in UTF-8, encoded once rather than with every page (a frame is some 15 kB of text)
        self._head_bytes = [piece.encode("utf-8") for piece in self.head]
        self._tail_bytes = [piece.encode("utf-8") for piece in self.tail]

    def page(self, title: str, body: str) -> str:
        safe = html.escape(escaping.plain_text(title))
        return safe.join(self.head) + body + safe.join(self.tail)

    def page_bytes(self, title: str, body: str) -> list[bytes]:
        """:meth:`page` in UTF-8, as pieces to be written one after the other."""
        safe = html.escape(escaping.plain_text(title)).encode("utf-8")
        head, tail = self._head_bytes, self._tail_bytes
        parts = [head[0]]
        for piece in head[1:]:
            parts += (safe, piece)
        parts.append(body.encode("utf-8"))
        parts.append(tail[0])
        for piece in tail[1:]:
            parts += (safe, piece)
        return parts


def write(build, frames_from: Path, out_dir: Path, jobs: int) -> list[tuple[str, str, str]]:
    """Write every framed page (and every measurand's charts as SVG files) into ``out_dir``,
    from the frames MkDocs rendered into ``frames_from`` (which are then removed).

    May run while MkDocs still renders the other pages (into another folder): the links are
    checked against the files the site will have (every file of the docs folder, ``.md`` as
    ``.html``, and the framed pages and charts). Links with an anchor into another page are
    returned, to be checked by :func:`complete` once the site is whole."""
    global _STATE
    work, frames = [], {}
    for kind in _kinds():
        items = kind.items(build.model)
        if not items:
            continue
        frame_file = frames_from / (kind.frame[:-3] + ".html")
        if not frame_file.is_file():
            raise SiteBuildError(
                f"the generator did not write {kind.frame[:-3]}.html, the frame of the {kind.folder} pages"
            )
        frames[kind.folder] = _Frame(frame_file.read_text(encoding="utf-8"), kind.frame[:-3] + ".html")
        frame_file.unlink()
        work += [(kind, item) for item in items]
    if not work:
        return []
    known = {(rel[:-3] + ".html" if rel.endswith(".md") else rel) for rel in _files_under(os.fspath(build.docs))}
    known.update(item.path[:-3] + ".html" for _, item in work)
    for kind in _kinds():
        if kind.items(build.model):
            (out_dir / kind.folder).mkdir(parents=True, exist_ok=True)
    plan = getattr(build, "page_plan", None)
    taken = _Taken()
    # No cyclic garbage collection while the pages are made (here and in the forked workers): making them
    # leaves no cycles behind, every object is freed by its count of references, yet the collector would walk
    # what lives on (the model above all, and what each page records) again and again, ~0.6 s at 10,000
    # claims, and in a forked worker copy every memory page it touches.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if plan is not None:
            plan.prepare(build.model, frames)
            if plan.record is not None and build.previous_site is not None:
                work = _take_unchanged(build, plan, work, out_dir, known, taken)
            page_cache.hook()
        _STATE = (build, out_dir, frames, known, work, plan, taken.inputs)
        # After a small change only a few pages are made: forking workers for them would cost more than it saves.
        if not work:
            shares = []
        elif jobs <= 1 or len(work) < FORK_MIN_PAGES or not can_fork():
            shares = [_write_share(0, 1)]
        else:
            count = jobs * SHARES_PER_WORKER
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                shares = pool.starmap(_write_share, [(k, count) for k in range(count)], chunksize=1)
    finally:
        if collecting:
            gc.enable()
        _STATE = None
        page_cache.unhook()
    problems, pending = [], list(taken.anchored)
    build.search_entries.extend(taken.entries)
    for share_problems, entries, anchored, _noted in shares:
        problems += share_problems
        build.search_entries.extend(entries)
        pending += anchored
    if plan is not None and not problems:
        build.page_record = plan.finish(build.page_key, taken.pages, [noted for *_, noted in shares])
        plan.reused = len(taken.pages)
    for problem in problems:
        if problem.startswith(_TEMPLATE_ERROR):
            raise SiteBuildError(problem)
    links.raise_broken(problems)
    return pending


def _files_under(folder: str, relative: str = "") -> list[str]:
    """The files under ``folder`` as ``Path.rglob("*")`` and ``is_file()`` find them (folders linked to are not
    entered), by relative path with "/"; with strings rather than Path objects, some thousands of which cost
    more than reading the folders."""
    found, folders = [], []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.name)
            elif entry.is_file():
                found.append(relative + entry.name)
    for name in folders:
        found += _files_under(f"{folder}/{name}", f"{relative}{name}/")
    return found


def place(out_dir: Path, site_dir: Path) -> None:
    """Move the framed pages written into ``out_dir`` into the site MkDocs built: each kind's
    folder (claims/…) is taken whole, with the few files MkDocs wrote there (its index) moved in."""
    for folder in sorted(p for p in out_dir.iterdir() if p.is_dir()):
        target = site_dir / folder.name
        if target.is_dir():
            for path in target.iterdir():
                if (folder / path.name).exists() or path.is_dir():
                    raise SiteBuildError(f"both MkDocs and claimgraph wrote {folder.name}/{path.name}")
                path.rename(folder / path.name)
            target.rmdir()
        folder.rename(target)


def complete(site_dir: Path, pending: list[tuple[str, str, str]], markdown_pages: Iterable[str] = ()) -> None:
    """Once the site is whole: check every link with an anchor into another page, from the
    framed pages (``pending``, from :func:`write`) and from the content of the pages MkDocs
    rendered (``markdown_pages``, ``.md`` paths): MkDocs checks an anchor only in a page the
    same process rendered, and neither a share of a parallel build nor a framed page is one.

    (No sitemap to amend: the configuration sets no ``site_url``, so MkDocs lists no URL.)"""
    anchored = list(pending)
    site = os.fspath(site_dir)
    is_file = functools.lru_cache(maxsize=None)(os.path.isfile)  # (the same few targets, page after page)
    for source in markdown_pages:
        page = source[:-3] + ".html"
        path = f"{site}/{page}"
        if not is_file(path):
            continue
        with open(path, encoding="utf-8", errors="replace") as stream:
            text = stream.read()
        folder = posixpath.dirname(page)
        for raw in links.LINK.findall(material.page_content(text)):
            href, kind, target, fragment = links.resolve(folder, raw)
            # (links elsewhere, on the same page or without an anchor: MkDocs checked them)
            if kind == "site" and fragment and target.endswith(".html") and is_file(f"{site}/{target}"):
                anchored.append((page, href, target))
    links.raise_broken(links.check_anchors(site_dir, anchored))


_TEMPLATE_ERROR = "template error"
#: What the forked workers of :func:`write` read (set just before the fork).
_STATE: tuple | None = None


def _write_share(share: int, count: int) -> tuple[list[str], list[dict], list[tuple[str, str, str]], dict]:
    from .environment import template_place

    build, out_dir, frames, known, work, plan, known_inputs = _STATE
    table = rdf_views.prefixes(build.registry.settings.base)
    problems, entries, anchored = [], [], []
    noted_pages: dict[str, tuple] = {}
    out = os.fspath(out_dir)
    # its files are linked where they would not change
    previous = os.fspath(build.previous_site) if build.previous_site is not None else None
    templates: dict[str, jinja2.Template] = {}
    checker = _LinkChecker(known)
    try:
        with contextlib.ExitStack() as opened:
            # each kind's folder of the new site, opened once for the files written into it
            folders: dict[str, reuse.NewFolder] = {}
            for kind, item in work[share::count]:
                path = item.path  # (a computed name: worked out once)
                stem = path[:-3]
                frame = frames[kind.folder]
                template = templates.get(kind.folder)
                if template is None:
                    template = templates[kind.folder] = build.env.get_template(kind.template)
                folder = folders.get(kind.folder)
                if folder is None:
                    folder = folders[kind.folder] = opened.enter_context(reuse.NewFolder(f"{out}/{kind.folder}"))
                triples = rdf_views.subject_triples(build.model.index, item.iri)
                with page_cache.Noting() as reads:
                    body, files = _render(build, kind, item, table, triples, template)
                    title = _title(body) or kind.default_title(item)
                    text = kind.search_text(item)
                # (plain strings for the paths: Path objects cost more than the writes of a page)
                page_file = f"{stem}.html"
                state = [
                    reuse.write_parts(
                        folder,
                        page_file[len(kind.folder) + 1 :],
                        frame.page_bytes(title, body),
                        previous and f"{previous}/{page_file}",
                    )
                ]
                for name, content in files:
                    state.append(
                        reuse.write_parts(
                            folder, name, [content.encode("utf-8")], previous and f"{previous}/{kind.folder}/{name}"
                        )
                    )
                entry = _search_entry(stem, title, text)
                entries.append(entry)
                beside = {f"{kind.folder}/{name}" for name, _ in files}
                page_anchored: list = []
                targets: set = set()
                problems += checker.check(page_file, body, frame.toc, page_anchored, beside, targets)
                anchored += page_anchored
                fields = page_cache.noted_fields(reads, plan.by_thing) if plan is not None else None
                if fields is not None:
                    inputs = known_inputs.get(path)
                    if inputs is None:
                        peers = build.measurand_peers.get(item.iri, []) if kind.name == "measurand" else []
                        inputs = page_cache.page_inputs(item, triples.rows, peers)
                    noted_pages[path] = (
                        fields,
                        inputs,
                        entry["title"],
                        entry["text"],
                        tuple(name for name, _ in files),
                        tuple(page_anchored),
                        # (the page's own files are made with it: only the others must still be there to take it)
                        tuple(sorted(targets - beside)),
                        tuple(state),
                    )
    except jinja2.TemplateError as exc:  # tracebacks do not cross processes: say where here
        return [f"{_TEMPLATE_ERROR}{template_place(exc)}: {exc}"], [], [], {}
    return problems, entries, anchored, noted_pages


def _search_entry(stem: str, title: str, text: str) -> dict:
    # with its accent-free words already (see material.add_folded_words): kept so in the record, a page taken
    # into the next site brings them along, and the search index is not read through for them again
    entry = {"location": stem + ".html", "title": escaping.plain_text(title), "text": f"<p>{html.escape(text)}</p>"}
    material.add_folded_words(entry)
    return entry


@dataclass
class _Taken:
    """The pages taken from the previous site: their records (by path), search entries and links with an anchor
    to check; and the inputs worked out for the pages left to make (by path)."""

    pages: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)
    anchored: list = field(default_factory=list)
    inputs: dict = field(default_factory=dict)


def _take_unchanged(build, plan, work: list, out_dir: Path, known: set[str], taken: _Taken) -> list:
    """Take from the previous site every page of ``work`` that nothing it was made from changed (see
    :meth:`.page_cache.Plan.reusable`), into ``taken``; the pages left to make.

    Here rather than in the workers: after a small change nearly every page is taken, and taking one is a few
    set tests, stats and links, less than forking workers for it would cost."""
    index, peers_of = build.model.index, build.measurand_peers
    previous, out = os.fspath(build.previous_site), os.fspath(out_dir)
    left = []
    with contextlib.ExitStack() as opened:
        folders: dict[str, reuse.Folders | None] = {}
        for kind, item in work:
            peers = peers_of.get(item.iri, []) if kind.name == "measurand" else []
            inputs = plan.inputs_of(item, index, peers)
            earlier = plan.reusable(item.path, kind.folder, inputs, known)
            if earlier is not None:
                if kind.folder not in folders:
                    try:
                        folders[kind.folder] = opened.enter_context(
                            reuse.Folders(f"{previous}/{kind.folder}", f"{out}/{kind.folder}")
                        )
                    except OSError:  # (the previous site has no such folder)
                        folders[kind.folder] = None
                pair = folders[kind.folder]
                name = item.path[len(kind.folder) + 1 : -3] + ".html"
                state = _take(plan, earlier, kind.folder, name, pair) if pair is not None else None
                if state is not None:
                    _, _, title, text, _, anchored, _, state_then = earlier
                    taken.entries.append({"location": item.path[:-3] + ".html", "title": title, "text": text})
                    taken.anchored.extend(map(tuple, anchored))
                    taken.pages[item.path] = earlier if state == state_then else (*earlier[:-1], state)
                    continue
            taken.inputs[item.path] = inputs
            left.append((kind, item))
    return left


def _take(plan, earlier: tuple, folder: str, name: str, folders: reuse.Folders) -> tuple | None:
    """Put the previous site's page ``name`` of ``folder`` (and the files beside it) into the new site: linked as
    it is when the frame is the same, else its body cut out and put into the new frame. The state of its files now
    (see :meth:`.reuse.Folders.state`), or None if it cannot be (or its files are not as that build left them: a
    page edited in the site since, by a post-processing step or an editor, is made afresh rather than kept)."""
    names, state_then = (name, *earlier[4]), earlier[7]
    if state_then is None or folders.state(names) != state_then:
        return None
    if plan.same_frame[folder]:
        # links share their inodes: the files are as they were just found, so as recorded
        return state_then if folders.link(names) else None
    then, now = plan.record["frames"][folder], plan.frames_now[folder]
    title = html.escape(earlier[2])
    old_head, old_tail = title.join(then[0]), title.join(then[1])
    try:
        text = folders.read_previous(name).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not (text.startswith(old_head) and text.endswith(old_tail)):
        return None
    body = text[len(old_head) : len(text) - len(old_tail)]
    try:
        folders.write_new(name, (title.join(now[0]) + body + title.join(now[1])).encode("utf-8"))
    except OSError:
        folders.remove([name])
        return None
    if not folders.link(names[1:]):
        folders.remove([name])
        return None
    return folders.state(names, in_new=True)


def _title(body: str) -> str | None:
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", body, re.S)
    return html.unescape(_TAG.sub("", match.group(1))).strip() if match else None


class _LinkChecker:
    """:func:`_check_links` for page after page of one share. Most of a page's links lead to a file of the site
    with no anchor (its twins, the pages of its claims, sources and measurands, the same on many pages): what each
    of those resolved to is kept, by the folder of the page, so a link met again is looked up once, and only the
    others, and any that leads to no file, go through :func:`.links.check` (which then says what is wrong)."""

    def __init__(self, known: set[str]):
        self.known = known
        self._to_files: dict[str, dict[str, str]] = {}

    def check(
        self, page: str, body: str, toc: list[str], anchored: list, beside: set[str], targets: set[str]
    ) -> list[str]:
        ids, hrefs = links.ids_and_links(body)
        problems = [
            f"{page}: the table of contents links to #{anchor}, which the page lacks"
            for anchor in toc
            if anchor not in ids
        ]
        folder = posixpath.dirname(page)
        to_files = self._to_files.get(folder)
        if to_files is None:
            to_files = self._to_files[folder] = {}
        known, rest = self.known, []
        for raw in hrefs:
            target = to_files.get(raw)
            if target is None:
                _, kind, target, fragment = links.resolve(folder, raw)
                if kind != "site" or fragment or target.startswith("../"):
                    rest.append(raw)
                    continue
                to_files[raw] = target
            targets.add(target)  # (as links.check's exists() notes it)
            if target not in known and target not in beside:
                rest.append(raw)
        if rest:  # (their problems in the order of the page: the links passed over have none)

            def exists(target: str) -> bool:
                targets.add(target)
                return target in known or target in beside

            problems += links.check(page, body, ids, exists, anchored, rest)
        return problems
