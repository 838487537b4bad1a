"""Checking the links of HTML claimgraph writes itself, as ``mkdocs build --strict`` checks a Markdown page's.

The framed pages (:mod:`.framed_pages`) and the HTML tables of the reading pages
(:mod:`.html_blocks`) never pass through Python-Markdown, so MkDocs never sees their
links. The same rules apply to them here: a link leads to a file of the site, an
``#anchor`` to an id that exists (on the same page, or, once the site is whole, in the
page it leads to), and no link has a scheme other than http, https or mailto.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from .errors import SiteBuildError

LINK = re.compile(r'\s(?:href|src)="([^"]*)"')
ID = re.compile(r'\sid="([^"]*)"')
#: A link that is a relative path as it stands: no character that unescaping (&), unquoting (%), a scheme (:),
#: a query (?), a fragment (#) or urlsplit's stripping (controls and spaces) would act on.
_PLAIN_PATH = re.compile(r"[^\x00-\x20\x7f&%:?#]+")


def ids_and_links(markup: str) -> tuple[set[str], list[str]]:
    """``(set(ID.findall(markup)), LINK.findall(markup))``, read in one pass over ``markup`` rather than two.

    The two scans part only where a match of one overlaps a match of the other, which needs a value ending in
    an attribute's name (``id=" href="x"``): markup with a value holding ``=`` is read twice, as before.

    The pass cuts the markup at each ``="`` (found by a plain string search, several times faster than the
    regular expression trying every character): a piece ending in whitespace and ``href``, ``src`` or ``id`` is
    followed by that attribute's value, up to the next ``"``. Each match of the expressions holds exactly one
    ``="`` (a value holds no ``"``), so this finds the same matches in the same order."""
    pieces = markup.split('="')
    ids, hrefs = set(), []
    last = len(pieces) - 1
    k = 0
    while k < last:
        before = pieces[k]
        k += 1
        if before[-2:] == "id":
            size = 2
        elif before[-4:] == "href":
            size = 4
        elif before[-3:] == "src":
            size = 3
        else:
            continue
        # (a str pattern's whitespace class is str.isspace, character for character)
        if len(before) <= size or not before[-size - 1].isspace():
            continue
        value, quote, _ = pieces[k].partition('"')
        if not quote or "=" in value:  # (no closing quote here: the value holds '="')
            return set(ID.findall(markup)), LINK.findall(markup)
        if size == 2:
            ids.add(value)
        else:
            hrefs.append(value)
    return ids, hrefs


@functools.lru_cache(maxsize=1 << 16)
def resolve(folder: str, raw: str) -> tuple[str, str, str, str]:
    """``(href, kind, target, anchor)`` of a link as written in a page of ``folder``; kind is
    ``external`` (http, https, mailto), ``unsafe`` (any other scheme, or ``//host``),
    ``same page`` or ``site`` (target: the file's path in the site). Pages of a folder link to
    the same few targets again and again: each is worked out once."""
    if _PLAIN_PATH.fullmatch(raw) and raw[:2] != "//":
        # most links (a claim page's twins, the pages of its peers): a relative path with nothing to unescape,
        # unquote or strip and no scheme, query or fragment, which urlsplit would give back whole
        return raw, "site", posixpath.normpath(posixpath.join(folder, raw)), ""
    href = html.unescape(raw)
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href, "external" if parts.scheme.lower() in ("http", "https", "mailto") else "unsafe", "", ""
    fragment = unquote(parts.fragment)
    if not parts.path:
        return href, "same page", "", fragment
    return href, "site", posixpath.normpath(posixpath.join(folder, unquote(parts.path))), fragment


def check(
    page: str,
    markup: str,
    ids: set[str],
    exists: Callable[[str], bool],
    anchored: list[tuple[str, str, str]],
    hrefs: list[str] | None = None,
) -> list[str]:
    """Problems with the links of ``markup``, a part of the page ``page`` whose ids are ``ids``;
    ``exists(target)`` says whether the site has that file. Links with an anchor into another
    page are added to ``anchored``, for :func:`check_anchors` once the site is whole.
    ``hrefs``: the links of ``markup`` (``LINK.findall(markup)``), if the caller has read them already."""
    problems = []
    folder = posixpath.dirname(page)
    for raw in LINK.findall(markup) if hrefs is None else hrefs:
        href, kind, target, fragment = resolve(folder, raw)
        if kind == "unsafe":
            problems.append(f"{page}: link {href!r}: only http, https and mailto links are allowed")
        elif kind == "same page":
            if fragment and fragment not in ids:
                problems.append(f"{page}: link {href!r}: no such anchor on the page")
        elif kind == "site":
            if target.startswith("../") or not exists(target):
                problems.append(f"{page}: link {href!r} leads to no file of the site")
            elif fragment:
                anchored.append((page, href, target))
    return problems


def check_anchors(site_dir: Path, anchored: list[tuple[str, str, str]]) -> list[str]:
    """Problems with links ``(page, href, target)`` whose anchor the target page lacks."""
    problems, ids = [], {}
    for page, href, target in anchored:
        if target not in ids:
            ids[target] = set(ID.findall((site_dir / target).read_text(encoding="utf-8", errors="replace")))
        if unquote(urlsplit(html.unescape(href)).fragment) not in ids[target]:
            problems.append(f"{page}: link {href!r}: {target} has no such anchor")
    return problems


def raise_broken(problems: list[str]) -> None:
    """Fail the build with the first twenty problems, if there are any."""
    if problems:
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise SiteBuildError("broken links:\n" + "\n".join(problems[:20]) + more)
