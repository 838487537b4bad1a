"""Markdown pages MkDocs need not render again: their HTML is taken from the site being replaced.

After a one-claim change at 10,000 claims, two of the ~230 Markdown pages (the home page and one step of
the argument) differ from the previous build's; rendering all of them again cost MkDocs ~1.3 s of its
~1.9 s. The HTML MkDocs writes for a page is made from:

* the page's own Markdown, front matter included;
* ``mkdocs.yml``, the whole text: theme, language, features, Markdown extensions, the navigation (its
  titles and order, so a page's previous and next pages), the footer (with the registry's build date),
  ``extra`` (the hook's edits), the search plugin's settings;
* the code that renders: MkDocs, Material, Python-Markdown and its extensions, Pygments, Jinja2, YAML
  (:data:`LIBRARIES`, and Python's version), and claimgraph's own code and templates, the registry's
  settings and ``site/`` folder (:func:`.page_cache.inputs_key`; the hook edits every page);
* MkDocs' build date (``SOURCE_DATE_EPOCH`` or today): every page is dated with it;
* the files the page's links resolve to: a link to a file is written as the relative URL of that
  file's place in the site; a link to no file is a warning, so ``--strict`` fails the build.

Nothing of the other pages reaches it: the navigation names its pages by the titles ``mkdocs.yml`` gives
(a page named there without a title is always rendered) and their front matter (given to an excluded page
by :func:`.mkdocs_hook.on_nav`), and Material's templates read no other page. So the record of a build
keeps, for each page MkDocs rendered, one key of the first four (:func:`page_keys`), the files its links
led to and its search entries. The next build into the same folder lists the pages whose key is unchanged
and whose file is still the previous site's as written (:func:`prepare`); the hook excludes those whose
links all still lead to a file at the same place, and puts their HTML and search entries in
(:mod:`.mkdocs_hook`).

What MkDocs checks on a page it renders is checked for a taken page too: its links' targets (above); the
anchors of its links into other pages and of other pages' links into it, which MkDocs checks against the
ids the page's rendering had, kept in the record (and claimgraph on the finished site for every Markdown
page, :func:`.framed_pages.complete`); links within the page, unchanged with the page. The search index gets the entries the page had (the search
plugin's, with claimgraph's accent-free words: adding those again changes nothing). The sitemap lists no
page (the configuration sets no ``site_url``) and its gzip stamp is the pages' date: one page is always
rendered, or MkDocs would stamp it with the time now.

The pages claimgraph edits after MkDocs (their long tables, :mod:`.html_blocks`) are kept in the record as
MkDocs wrote them and written afresh; the others are hard links to the previous site's files, which
nothing writes to afterwards (as :mod:`.reuse`). The record lives in the cache folder, one per output
folder, and is used only with the very site it was written with (the marker file's inode and time, as
:mod:`.page_cache`); a page edited by hand in the site since (its size or time changed) is rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import marshal
import os
import platform
from datetime import datetime, timezone
from pathlib import Path

from .. import file_io
from .mkdocs_hook import FRAME_NAME, MARKDOWN_SUFFIXES, RENDERED, REUSABLE
from .page_cache import read_record

_FORMAT = 1
#: The libraries a Markdown page's HTML comes from (beside those :func:`.page_cache.inputs_key` names).
LIBRARIES = (
    "mkdocs",
    "mkdocs-material",
    "mkdocs-material-extensions",
    "markdown",
    "pymdown-extensions",
    "pygments",
    "jinja2",
    "markupsafe",
    "pyyaml",
    "babel",
    "backrefs",
)


@functools.lru_cache(maxsize=1)
def _libraries() -> bytes:
    h = hashlib.blake2b(f"python={platform.python_version()}".encode(), digest_size=16)
    for name in LIBRARIES:
        try:
            h.update(f"\0{name}={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            h.update(f"\0{name}=none".encode())
    return h.digest()


def build_date() -> str:
    """The date MkDocs gives every page (``mkdocs.utils.get_build_date``); the hook compares it with its own."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch is not None else datetime.now(timezone.utc)
    except (ValueError, OverflowError, OSError):
        return ""  # MkDocs refuses it too
    return moment.strftime("%Y-%m-%d")


def page_keys(docs: Path, config_text: bytes, inputs_key: bytes, date: str) -> dict[str, bytes]:
    """One key for each Markdown page under ``docs`` (the frames, rendered apart, left out): its path and
    bytes, ``mkdocs.yml``'s, claimgraph's ``inputs_key``, the libraries' versions and the build date."""
    h = hashlib.blake2b(f"claimgraph-markdown-pages-{_FORMAT}\0{date}\0".encode(), digest_size=16)
    h.update(_libraries() + inputs_key + b"\0" + config_text)
    keys = {}
    for path in sorted(docs.rglob("*")):
        if path.suffix.lower() not in MARKDOWN_SUFFIXES or path.name == FRAME_NAME or not path.is_file():
            continue
        source = path.relative_to(docs).as_posix()
        page = h.copy()
        page.update(b"\0" + source.encode("utf-8", "surrogatepass") + b"\0" + path.read_bytes())
        keys[source] = page.digest()
    return keys


def _state(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class MarkdownPages:
    """One build's use of the record: what it lists for the hook (:func:`prepare`), what MkDocs then
    took and rendered (:meth:`collect`), and the record it leaves for the next build (:meth:`save`).

    A page in the record: its ``key``; its file's place in the site (``dest``) and ``url``; the files its
    links led to (``targets``, ``[source, place]``); its ids and its links with an anchor (``anchors``,
    ``anchored``: what MkDocs checks anchors with); its file's size and time as written (``state``, for a
    page claimgraph does not edit) or its HTML as MkDocs wrote it (``html``, for a page it does); its search
    ``entries``."""

    def __init__(self, config_dir: Path, keys: dict[str, bytes], record: dict | None, listed: int):
        self.config_dir, self.keys, self.record = config_dir, keys, record
        #: How many pages are listed as reusable (MkDocs renders the others, and perhaps some of these).
        self.listed = listed
        self.pages: dict[str, dict] = {}
        #: The pages MkDocs did not render, taken from the previous site.
        self.taken: set[str] = set()

    def collect(self, site: Path, search_docs: list[dict], edited: set[str]) -> None:
        """What the MkDocs processes took and rendered into ``site`` (before claimgraph edits the pages
        ``edited``), with the search entries (``search_docs``, the index MkDocs wrote) of each."""
        by_url: dict[str, list[dict]] = {}
        for doc in search_docs:
            by_url.setdefault(doc["location"].split("#", 1)[0], []).append(doc)
        earlier = self.record["pages"] if self.record else {}
        for path in sorted(self.config_dir.glob(RENDERED.format("*"))):
            result = json.loads(path.read_text(encoding="utf-8"))
            self.taken.update(result["taken"])
            for source in result["taken"]:
                page = dict(earlier[source], state=None)
                self.pages[source] = dict(page, entries=by_url.get(page["url"], []))
            for source, page in result["rendered"].items():
                if page["targets"] is None or source not in self.keys:  # a link to no file found, or not keyed
                    continue
                html = (site / page["dest"]).read_bytes().decode("utf-8") if source in edited else None
                entries = by_url.get(page["url"], [])
                self.pages[source] = dict(page, key=self.keys[source], state=None, html=html, entries=entries)

    def save(self, out: Path, stamp: tuple | None) -> None:
        """Keep the record of the site now at ``out`` (whose marker has ``stamp``)."""
        if stamp is None:
            forget(out)
            return
        site = out.resolve()
        pages = {}
        for source, page in self.pages.items():
            if page["html"] is None:
                page["state"] = _state(site / page["dest"])
                if page["state"] is None:
                    continue
            pages[source] = page
        target = _record_file(out)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            file_io.write_atomically(target, marshal.dumps({"format": _FORMAT, "stamp": stamp, "pages": pages}))
        except (OSError, ValueError):  # the next build is only slower
            pass


#: What the hook is given of a page it may take.
_LISTED = ("dest", "targets", "anchors", "anchored", "entries", "html")


def prepare(
    config: Path,
    docs: Path,
    out: Path,
    previous_site: Path | None,
    stamp: tuple | None,
    inputs_key: bytes,
    edited: set[str],
) -> MarkdownPages:
    """List, beside ``config``, the pages of ``docs`` that may be taken from ``previous_site`` (the site now
    at ``out``, whose marker has ``stamp``): unchanged keys, and the previous site's file as that build
    wrote it (or, for the pages claimgraph edits after MkDocs, ``edited``, their HTML in the record)."""
    date = build_date()
    keys = page_keys(docs, config.read_bytes(), inputs_key, date)
    record = _load(out, stamp) if previous_site is not None else None
    listing = {}
    try:
        for source, page in (record["pages"] if record else {}).items():
            if keys.get(source) != page["key"]:
                continue
            if source in edited:
                if page["html"] is None:
                    continue
            elif page["html"] is not None or page["state"] != _state(previous_site / page["dest"]):  # type: ignore[operator]
                continue
            listing[source] = {name: page[name] for name in _LISTED}
    except (KeyError, TypeError, AttributeError):  # a record not of this shape: as if there were none
        record, listing = None, {}
    (config.parent / REUSABLE).write_text(
        json.dumps({"date": date, "previous_site": os.fspath(previous_site or ""), "pages": listing}),
        encoding="utf-8",
    )
    return MarkdownPages(config.parent, keys, record, len(listing))


def _record_file(out: Path) -> Path:
    return file_io.cache_dir() / file_io.cache_entry_for(out, "markdown-pages", ".marshal")


def _load(out: Path, stamp: tuple | None) -> dict | None:
    return read_record(_record_file(out), _FORMAT, stamp)


def forget(out: Path) -> None:
    try:
        _record_file(out).unlink()
    except OSError:
        pass
