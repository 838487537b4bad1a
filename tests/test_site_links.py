"""How a link of a page claimgraph writes itself is read (claimgraph.site.links)."""

from __future__ import annotations

import html
import posixpath
from urllib.parse import unquote, urlsplit

import pytest

from claimgraph.site import links

HREFS = [
    "abc.html",
    "../sources/smith-2020.html",
    "./x/../y.jsonld",
    "c1.ttl",
    "a b.html",
    " lead.html",
    "tab\there.html",
    "%20quoted.html",
    "amp&amp;x.html",
    "page.html#anchor",
    "#same",
    "#",
    "?q=1",
    "page.html?q=1",
    "//host/path",
    "///x",
    "https://example.org/a",
    "HTTP://example.org",
    "mailto:a@example.org",
    "javascript:alert(1)",
    "data:text/html,x",
    "a:b.html",
    "café.html",
    "x\x7fy.html",
    "../../../etc/passwd",
]


def _by_urlsplit(folder: str, raw: str):
    # the reading every link of a page had before plain paths were read directly: the reference
    href = html.unescape(raw)
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return href, "external" if parts.scheme.lower() in ("http", "https", "mailto") else "unsafe", "", ""
    fragment = unquote(parts.fragment)
    if not parts.path:
        return href, "same page", "", fragment
    return href, "site", posixpath.normpath(posixpath.join(folder, unquote(parts.path))), fragment


@pytest.mark.parametrize("folder", ["claims", "", "a/b"])
@pytest.mark.parametrize("raw", HREFS)
def test_a_link_is_read_as_urlsplit_reads_it(folder, raw):
    assert links.resolve(folder, raw) == _by_urlsplit(folder, raw)


def test_unsafe_and_broken_links_are_reported():
    anchored: list = []
    body = '<a href="javascript:alert(1)">x</a> <a href="gone.html">y</a> <a href="ok.html#top">z</a> <a href="#nope">w</a>'
    problems = links.check("claims/c1.html", body, set(), {"claims/ok.html"}.__contains__, anchored)
    assert len(problems) == 3
    assert "only http, https and mailto" in problems[0]
    assert "leads to no file" in problems[1]
    assert "no such anchor" in problems[2]
    assert anchored == [("claims/c1.html", "ok.html#top", "claims/ok.html")]
