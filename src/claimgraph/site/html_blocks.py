"""Long tables of the reading pages, written as HTML and put in after MkDocs has rendered the page.

The lists of claims, sources and measurands are one table row per thing: at 10,000
claims the claims list alone is 1.8 MB of Markdown, and Python-Markdown spent ~3 s on
its inline patterns and Material's search plugin ~1 s re-parsing the result (a raw HTML
block costs Python-Markdown about as much: it parses it too). So a Markdown template asks
for such a table with ``{{ html_block("claims-table.html.j2") }}``: the table is rendered
from that template by the HTML environment (autoescaped, the filters of
:mod:`.framed_pages`), the Markdown gets a placeholder comment, and :func:`place` puts the
table where the placeholder is once the page is rendered.

What MkDocs would have done for the table, claimgraph does here: every link must lead to
a file of the site, with an http, https or mailto scheme if it leads out (anchors are
checked with the rest of the page by :func:`.framed_pages.complete`). The search index
holds the page's own text, not the table's: every row's claim, source or measurand has a
page, and a search entry, of its own.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path

from . import escape
from .errors import SiteBuildError

PLACEHOLDER = "<!-- cg-html-block {} -->"
_PLACEHOLDER = re.compile(r"<!-- cg-html-block (\d+) -->")


def render(build, page: str, root: str, template: str, **values) -> escape.Markup:
    """What ``{{ html_block(template, …) }}`` in the Markdown page ``page`` prints: a placeholder
    for the block, which is rendered here and kept in ``build.html_blocks``."""
    html = build.html_env.get_template(template).render(site=build.model, root=root, page_path=page, **values)
    blocks = build.html_blocks.setdefault(page, [])
    blocks.append(html)
    # its own paragraph: Python-Markdown keeps a lone comment as it is
    return escape.Markup("\n\n" + PLACEHOLDER.format(len(blocks) - 1) + "\n\n")


def place(site_dir: Path, blocks: dict[str, list[str]]) -> None:
    """Put every block into the page MkDocs (or another generator) rendered from its Markdown."""
    from .framed_pages import _ID, _LINK, _resolve

    _is_file.cache_clear()
    problems: list[str] = []
    for source, htmls in sorted(blocks.items()):
        page = source[:-3] + ".html"
        path = site_dir / page
        if not path.is_file():
            raise SiteBuildError(f"the generator wrote no {page}")
        text = path.read_text(encoding="utf-8")
        found = [int(n) for n in _PLACEHOLDER.findall(text)]
        if sorted(found) != list(range(len(htmls))):
            raise SiteBuildError(f"{page}: the generator did not keep the {len(htmls)} placeholder(s) of its "
                                 "HTML blocks (a comment such as <!-- cg-html-block 0 -->)")
        final = _PLACEHOLDER.sub(lambda m: htmls[int(m.group(1))], text)
        ids = set(_ID.findall(final))
        folder = posixpath.dirname(page)
        for html in htmls:
            for raw in _LINK.findall(html):
                href, kind, target, fragment = _resolve(folder, raw)
                if kind == "unsafe":
                    problems.append(f"{page}: link {href!r}: only http, https and mailto links are allowed")
                elif kind == "same page" and fragment and fragment not in ids:
                    problems.append(f"{page}: link {href!r}: no such anchor on the page")
                elif kind == "site" and (target.startswith("../") or not _is_file(site_dir, target)):
                    problems.append(f"{page}: link {href!r} leads to no file of the site")
        if not problems:
            path.write_text(final, encoding="utf-8")
    if problems:  # (links with an anchor into another page: framed_pages.complete checks them next)
        more = f"\n… and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise SiteBuildError("broken links:\n" + "\n".join(problems[:20]) + more)


@functools.lru_cache(maxsize=1 << 16)
def _is_file(site_dir: Path, target: str) -> bool:
    # a list page links to each claim once, but to the same few sources, measurands and assets many times
    return (site_dir / target).is_file()
