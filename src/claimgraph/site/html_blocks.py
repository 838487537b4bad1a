"""Long tables of the reading pages, written as HTML and put in after MkDocs has rendered the page.

The lists of claims, sources and measurands are one table row per thing: at 10,000
claims the claims list alone is 1.8 MB of Markdown, and Python-Markdown spent ~3 s on
its inline patterns and Material's search plugin ~1 s re-parsing the result. The saved
SPARQL queries' result tables (up to 500 rows each, :mod:`.sparql_pages`) cost another
~1.3 s the same way. A raw HTML
block in the Markdown would not escape that: Python-Markdown parses raw HTML too, and the
search plugin still reads the page. So a Markdown template asks
for such a table with ``{{ html_block("claims-table.html.j2") }}``: the table is rendered
from that template by the HTML environment (autoescaped, the filters of
:mod:`.framed_pages`; while MkDocs renders the pages, :func:`finish`), the Markdown gets a placeholder
comment, and :func:`place` puts the table where the placeholder is once the page is rendered.

The home page's argument map (:mod:`.argument_map`, ``argument-map.html.j2``) is put in the same way:
at 10,000 claims it is ~465 KB of nested lists, which Python-Markdown's HTML preprocessors and the
search plugin spent ~0.15 s of CPU on in every rebuild (the home page changes with nearly any claim).
It is HTML claimgraph already wrote, one line with no id of its own, so the page is byte for byte what
MkDocs made of it in the Markdown; its heading stays in the Markdown, and with it the heading's anchor.

What MkDocs would have done for the table, claimgraph does here: every link must lead to
a file of the site, with an http, https or mailto scheme if it leads out (anchors are
checked with the rest of the page by :func:`.framed_pages.complete`). The search index
holds the page's own text, not the table's: every row's claim, source or measurand has a
page, and a search entry, of its own; so have the claims, sources, measurands and steps
a saved query's rows link to, and its page keeps its title, description and query text
in the index (the rows themselves are in the CSV or N-Triples download beside it). Nor is the
argument map's text in the home page's entry any more, and nothing is lost: each box of the map is a
step or a claim with a page and a search entry of its own, holding the box's words (the step's title;
the claim's value and measurand, or its statement when it has no value), and the legend's statuses are
in the home page's own table of statuses. The home page keeps its headings and its own text in the
index, the paragraph explaining the map included.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Collection

import jinja2

from .. import escaping
from . import links
from .errors import SiteBuildError

PLACEHOLDER = "<!-- cg-html-block {} -->"
_PLACEHOLDER = re.compile(r"<!-- cg-html-block (\d+) -->")


class Pending:
    """A block asked for and not rendered yet: its template and what it is rendered with (see :func:`render`)."""

    __slots__ = ("template", "context")

    def __init__(self, template: jinja2.Template, context: dict):
        self.template, self.context = template, context


def render(build, page: str, root: str, template: str, **values) -> escaping.Markup:
    """What ``{{ html_block(template, …) }}`` in the Markdown page ``page`` prints: a placeholder
    for the block, which is kept in ``build.html_blocks`` to be rendered by :func:`finish`.

    (Later rather than here: MkDocs reads only the placeholder, so the tables, some 0.3 s of a rebuild at
    10,000 claims, are rendered while MkDocs renders the pages rather than before it can start. They are
    rendered from the very objects given here, which nothing changes once the site's model is gathered.)"""
    if not isinstance(template, str) or not template:
        raise jinja2.TemplateRuntimeError(
            'html_block needs the name of an HTML template, as in html_block("claims-table.html.j2")'
        )
    try:
        found = build.env.get_template(template)
    except jinja2.TemplateNotFound:
        raise jinja2.TemplateRuntimeError(
            f"html_block: no template {template!r} in site/templates/ (the registry's or claimgraph's)"
        ) from None
    context = dict(site=build.model, root=root, page_path=page, **values)
    blocks = build.html_blocks.setdefault(page, [])
    blocks.append(Pending(found, context))
    # its own paragraph: Python-Markdown keeps a lone comment as it is
    return escaping.Markup("\n\n" + PLACEHOLDER.format(len(blocks) - 1) + "\n\n")


def finish(blocks: dict[str, list]) -> None:
    """Render every block of ``blocks`` (page -> blocks) still pending, in place, page after page in the order
    the pages asked for them."""
    for page_blocks in blocks.values():
        for number, block in enumerate(page_blocks):
            if type(block) is Pending:
                page_blocks[number] = block.template.render(block.context)


def place(site_dir: Path, blocks: dict[str, list[str]], present: Collection[str] = frozenset()) -> None:
    """Put every block into the page MkDocs (or another generator) rendered from its Markdown,
    checking the blocks' links (those with an anchor into another page are checked with the
    rest of the page's content by :func:`.framed_pages.complete`, once the site is whole).
    ``present``: files the caller knows the site has (by path in it, with "/"), taken as they are."""

    site = os.fspath(site_dir)

    @functools.lru_cache(maxsize=1 << 16)
    def exists(target: str) -> bool:
        # a list links to each claim once, but to the same few sources, measurands and assets many times
        # (the path joined as a string: at 10,000 claims a Path object a link costs more than the stat); the
        # framed pages, every one of which a list links to, are known to be there (some 13,000 stats fewer)
        return target in present or os.path.isfile(os.path.join(site, target))

    problems: list[str] = []
    for source, htmls in sorted(blocks.items()):
        page = source[:-3] + ".html"
        path = site_dir / page
        if not path.is_file():
            raise SiteBuildError(f"the generator wrote no {page}")
        text = path.read_text(encoding="utf-8")
        if sorted(int(n) for n in _PLACEHOLDER.findall(text)) != list(range(len(htmls))):
            raise SiteBuildError(
                f"{page}: the generator did not keep the {len(htmls)} placeholder(s) of its "
                "HTML blocks (a comment such as <!-- cg-html-block 0 -->)"
            )
        final = _PLACEHOLDER.sub(lambda m: htmls[int(m.group(1))], text)
        ids = set(links.ID.findall(final))
        for markup in htmls:
            problems += links.check(page, markup, ids, exists, [])
        if not problems:
            path.write_text(final, encoding="utf-8")
    links.raise_broken(problems)
