"""The one Jinja2 environment every page of the site is rendered in.

A template's name chooses how its values are escaped: ``*.html.j2`` templates (the pages of
claims, sources and measurands, the long tables, see :mod:`.framed_pages` and
:mod:`.html_blocks`) are HTML with Jinja's autoescape on; every other template (``*.md.j2``,
the reading pages MkDocs renders) is Markdown, where every value goes through
:func:`claimgraph.escaping.md_text`, because HTML escaping alone leaves Markdown's link and attribute
syntax live. Either way the value is first made one line with no control character
(:func:`_finalize`), and markup built by claimgraph is a :class:`markupsafe.Markup`, which
passes through both.

The filters (``link``, ``page``, ``badge``, ``bilingual``, ``findings``…) are defined once:
each asks the template's :class:`Writer` (:data:`MARKDOWN` or :data:`HTML`) for the syntax
of a link, a paragraph or a list item, and builds the rest the same way for both. Shared
pieces of pages are filters rather than Jinja macros because a macro's output is a plain
string, which a Markdown template would escape a second time.

The interface's words come from :mod:`.messages`, in the registry's first language: the
``t`` filter translates a string of the catalogue, ``lang`` is that language.
"""

from __future__ import annotations

import functools
import re
import traceback
from pathlib import Path
from typing import Any, Callable, Iterable

import jinja2
import markupsafe
from markupsafe import Markup

from .. import escaping
from ..quantities import Quantity
from . import messages, page_cache
from .errors import SiteBuildError
from .model import Claim, Measurand, Source, Status, Step, format_quantity, pick
from .sandbox import TemplateSandbox, escape_printed, escape_text
from .vocabulary import curie

#: claimgraph's own saved queries (resolved), whose titles and descriptions are English.
DEFAULT_QUERIES_DIR = (Path(__file__).resolve().parent.parent / "queries").resolve()


def shipped_query(query) -> bool:
    """Whether ``query`` (a saved query) is one claimgraph ships, written in English."""
    path = getattr(query, "path", None)
    return path is not None and Path(path).resolve().parent == DEFAULT_QUERIES_DIR


#: The templates and assets shipped with claimgraph (``site_templates/`` in the package).
PACKAGE_SITE_DIR = Path(__file__).resolve().parent.parent / "site_templates"

_e = markupsafe.escape


# ------------------------------------------------------------------ where templates come from


def template_dirs(registry_root: Path | None) -> list[Path]:
    dirs = []
    if registry_root is not None and (registry_root / "site" / "templates").is_dir():
        dirs.append(registry_root / "site" / "templates")
    dirs.append(PACKAGE_SITE_DIR / "templates")
    return list(dict.fromkeys(d.resolve() for d in dirs))


class ContainedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a template whose real path leaves its folder.

    A registry may override templates in its own site/templates/, but a symlink there
    must not make a page out of a file from elsewhere on the machine."""

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        real = Path(filename).resolve()
        if not any(real.is_relative_to(Path(folder).resolve()) for folder in self.searchpath):
            raise SiteBuildError(f"template {template} links to {real}, outside its templates folder: refused")
        return source, filename, uptodate


def template_loader(registry_root: Path | None) -> ContainedLoader:
    return ContainedLoader([str(d) for d in template_dirs(registry_root)])


def is_html_template(name: str | None) -> bool:
    """Whether the template ``name`` writes HTML (autoescaped) rather than Markdown."""
    return bool(name) and name.endswith((".html.j2", ".html", ".htm"))


# ------------------------------------------------------------------ the two syntaxes


def _one_line(value):
    """What every value prints as before escaping: no None, numbers as readers write them,
    no control characters (Python-Markdown's placeholders included), one line."""
    kind = type(value)
    # most values (a claim page prints some eighty): markup, and text with nothing to clean
    if kind is Markup or (kind is str and value.isprintable() and "  " not in value):
        return value
    text = escaping.as_printed(value)
    if value is None or isinstance(value, (Markup, bool, int, float)):
        return text
    return escaping.clean(text, strip=False)


class Writer:
    """The syntax of one kind of template; the filters build pages from these pieces only."""

    def text(self, value) -> Markup:
        raise NotImplementedError

    def paragraphs(self, value) -> list[Markup]:
        """The paragraphs of ``value`` (a blank line in the data starts one), each escaped."""
        if type(value) is str and value.isprintable():
            # (most texts: one paragraph with no line break, and no control or invisible character to show
            # escaped, as every one of those is unprintable)
            value = value.strip()
            return [self.text(value)] if value else []
        parts = _BLANK_LINE.split(escaping.drop_control(str(value or "")))
        return [self.text(p.strip()) for p in parts if p.strip()]


class MarkdownWriter(Writer):
    def text(self, value) -> Markup:
        return Markup(escaping.md_text(value))

    def link(self, label: Markup, href: str) -> Markup:
        return Markup(f"[{label}]({escaping.link_target(href)})")

    def site_href(self, root: str, path: str) -> str:
        return str(root) + path  # MkDocs checks and rewrites a link to a .md page

    def strong(self, inner: Markup) -> Markup:
        return Markup(f"**{inner}**")

    def em(self, inner: Markup) -> Markup:
        return Markup(f"*{inner}*")

    def block(self, paragraphs: list[Markup], lang: str = "") -> Markup:
        # attr_list marks each paragraph with its language (a BCP 47 tag only; data never reaches it)
        if lang and _LANG_TAG.fullmatch(lang):
            attrs = language_attributes(lang)
            return Markup("\n\n".join(f"{p}\n{{: {attrs} }}" for p in paragraphs))
        return Markup("\n\n".join(paragraphs))

    def join_blocks(self, blocks: list[Markup]) -> Markup:
        return Markup("\n\n".join(blocks))

    def bullets(self, items: list[Markup]) -> Markup:
        return Markup("\n".join(f"- {item}" for item in items))

    def row(self, cells: list[Markup]) -> Markup:
        return Markup("| " + " | ".join(cells) + " |")

    def code(self, text, language: str = "") -> Markup:
        return Markup(escaping.code_block(text, language))

    def codespan(self, text) -> Markup:
        return Markup(escaping.code_span(text))


class HtmlWriter(Writer):
    # markup is built with plain ``%`` on str, every piece escaped first: ``Markup.format`` goes
    # through string.Formatter and was a fifth of the rendering time of the framed pages
    def text(self, value) -> Markup:
        return _e(_one_line(value))

    def link(self, label: Markup, href: str) -> Markup:
        return Markup('<a href="%s">%s</a>' % (_e(href), label))

    def site_href(self, root: str, path: str) -> str:
        # nothing rewrites these pages' links: a .md page is linked as the .html file it becomes
        return str(root) + (path[:-3] + ".html" if path.endswith(".md") else path)

    def strong(self, inner: Markup) -> Markup:
        return Markup("<strong>%s</strong>" % inner)

    def em(self, inner: Markup) -> Markup:
        return Markup("<em>%s</em>" % inner)

    def block(self, paragraphs: list[Markup], lang: str = "") -> Markup:
        attr = " " + language_attributes(lang) if lang else ""
        return Markup("\n".join("<p%s>%s</p>" % (attr, p) for p in paragraphs))

    def join_blocks(self, blocks: list[Markup]) -> Markup:
        return Markup("\n".join(blocks))

    def bullets(self, items: list[Markup]) -> Markup:
        return Markup("<ul>\n%s\n</ul>" % "\n".join("<li>%s</li>" % item for item in items))

    def row(self, cells: list[Markup]) -> Markup:
        return Markup("<tr>%s</tr>" % "".join("<td>%s</td>" % c for c in cells))

    def code(self, text, language: str = "") -> Markup:
        return Markup("<pre><code>%s</code></pre>" % _e(escaping.drop_control(str(text or "")).rstrip("\n")))

    def codespan(self, text) -> Markup:
        body = escaping.clean(str(text or ""))
        return Markup("<code>%s</code>" % _e(body)) if body else Markup("")


MARKDOWN, HTML = MarkdownWriter(), HtmlWriter()
_BLANK_LINE = re.compile(r"\n\s*\n")
_LANG_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
#: Text in a language written right to left is marked ``dir="rtl"`` wherever it is marked with its language,
#: or a browser lays out a Hebrew statement left to right, its punctuation and numbers at the wrong end. A
#: script subtag says otherwise (``az-Arab`` is right to left, ``ku-Latn`` not).
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


def right_to_left(lang: str) -> bool:
    """Whether text tagged ``lang`` (a BCP 47 tag) is written right to left."""
    subtags = (lang or "").lower().split("-")
    scripts = [tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()]
    if scripts:
        return scripts[0] in _RIGHT_TO_LEFT_SCRIPTS
    return subtags[0] in messages.RIGHT_TO_LEFT_LANGUAGES


def language_attributes(lang: str) -> Markup:
    """``lang="…"``, and ``dir="rtl"`` for a language written right to left, escaped, for an element's tag."""
    attrs = 'lang="%s"' % _e(lang)
    return Markup(attrs + ' dir="rtl"' if right_to_left(lang) else attrs)


def writer(context) -> Writer:
    """The writer of the template being rendered (``context``: a Jinja context or eval context)."""
    eval_ctx = getattr(context, "eval_ctx", context)
    return HTML if eval_ctx.autoescape else MARKDOWN


@jinja2.pass_eval_context
def _finalize(eval_ctx, value):
    if eval_ctx.autoescape:
        kind = type(value)  # (the common cases of _one_line, without calling it: it runs for every value printed)
        if kind is Markup or (kind is str and value.isprintable() and "  " not in value):
            return value
        return _one_line(value)  # then autoescaped
    return escaping.md_text(value)


def _print_html(value):
    """``escape(_finalize(eval_ctx, value))`` in an HTML template: what its ``{{ value }}`` prints."""
    kind = type(value)
    if kind is Markup:
        return value
    if kind is str and value.isprintable() and "  " not in value:
        return escape_text(value)  # (what escape_printed does with a str)
    return escape_printed(_one_line(value))


# ------------------------------------------------------------------ what the filters share


#: pages that are more than one: "12–14", "12-14", "S1, S3"
_PAGE_RANGE = re.compile(r"[-\u2013\u2014,;]|\band\b")


def _english(text: str, **values) -> str:
    return messages.translate({}, text, **values)


def reference_parts(source, undated: str = "n.d.", say=_english) -> list[tuple[str, str | None, bool]]:
    """A formatted reference (author-year style) as pieces ``(text, link URL or None, italic)``;
    the DOI, arXiv id and URL are links. ``undated`` stands for a missing year, ``say`` writes a message
    ("pp. {pages}") in the page's language (German "S. 34–36", Spanish "págs. 34–36")."""
    parts: list[tuple[str, str | None, bool]] = []
    authors = source.authors
    if authors:
        more = " et al." if len(authors) > 6 or source.more_authors else ""
        parts.append(("; ".join(authors[:6]) + more, None, False))
    parts.append((f"({source.year or undated}).", None, False))
    if source.title:
        parts.append((source.title.rstrip("."), None, True))
    venue = ", ".join(
        x
        for x in (
            source.venue,
            say("vol. {volume}", volume=source.volume) if source.volume else None,
            say("no. {issue}", issue=source.issue) if source.issue else None,
            # one page is "p. 7", a range or a list of them "pp. 7–9"
            say("pp. {pages}" if _PAGE_RANGE.search(source.pages) else "p. {pages}", pages=source.pages)
            if source.pages
            else None,
        )
        if x
    )
    if venue:
        parts.append((venue + ".", None, False))
    if source.publisher:
        parts.append((source.publisher + ".", None, False))
    if source.doi:
        parts.append((f"doi:{source.doi}", source.doi_url, False))
    if source.arxiv:
        parts.append((f"arXiv:{source.arxiv}", source.arxiv_url, False))
    if source.url:
        parts.append((source.url, source.url, False))
    return parts


def display_name(obj, choose=pick) -> str:
    """What a link to ``obj``'s page says when the template gives no text (``choose`` picks a language's text)."""
    # the exact classes first: an isinstance() that fails reads ``__class__``, which the page cache notes
    kind = type(obj)
    if kind is Claim or kind is Source:
        return obj.short
    if kind is Step:
        return choose(obj.label) or obj.slug
    if kind is Measurand:
        return obj.name
    if isinstance(obj, (Claim, Source)):
        return obj.short
    if isinstance(obj, Step):
        return choose(obj.label) or obj.slug
    if isinstance(obj, Measurand):
        return obj.name
    return str(obj)


#: What a page says where a text is missing, by the kind of text (``bilingual``'s ``what``): a sentence of its own
#: for each, as a language agrees its words with the noun ("Ninguna nota de estado registrada", "Ningún enunciado
#: registrado"), which one sentence with the noun in a field cannot.
_NONE_RECORDED = {
    "statement": "No statement recorded.",
    "question": "No question recorded.",
    "text": "No text recorded.",
    "status note": "No status note recorded.",
    "name": "No name recorded.",
}


def language_order(texts, languages: Iterable[str]) -> list[str]:
    """The languages of ``texts`` in the registry's order, then any other, then the untagged text."""
    rank = {lang: i for i, lang in enumerate(languages)}
    return sorted(texts, key=lambda lang: (lang == "", rank.get(lang, len(rank)), lang))


# ------------------------------------------------------------------ the environment

#: What a link to a page is kept by (see ``keep`` below): the things with a page, and labels compared by value.
_PAGED_THINGS = frozenset({Claim, Source, Measurand, Step})
_KEPT_LABELS = frozenset({str, Markup, type(None)})
_NO_READS: frozenset = frozenset()


def make_environment(loader: jinja2.BaseLoader | Iterable[Path], languages: Iterable[str] = ("en",)) -> TemplateSandbox:
    """The environment of every template of a site whose registry is written in ``languages``
    (the first one is the interface's language)."""
    if not isinstance(loader, jinja2.BaseLoader):
        loader = ContainedLoader([str(d) for d in loader])
    languages = tuple(languages) or ("en",)
    language = languages[0]
    catalogue = messages.catalogue(language)
    # the language every page is marked with (<html lang>): the registry's first where claimgraph has its words,
    # else English (an Italian registry's site speaks English): a text in another one is marked with its own
    page_language = messages.interface_language(language)
    # sandboxed: a registry's own templates may come from an untrusted pull request (see TemplateSandbox)
    env = TemplateSandbox(
        loader=loader,
        autoescape=is_html_template,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.print_html = _print_html

    def status_name(status) -> str:
        """A status in words, in the interface's language (its SKOS label; English where it has none)."""
        if status is None:
            return t("no status")
        return choose(status.label) or status.key

    plain_words: dict[str, str] = {}  # the interface's words without values, translated once

    # A link to a claim, source or measurand, a status badge, a reference, a value: the same markup on page
    # after page (a source is linked from every claim citing it, a claim from every claim on its measurand), so
    # each is made once. Its key holds the thing's id, and its entry the thing, so the id is never another's.
    # What making it read on the site's things is kept with it and noted again on every page taking it
    # (page_cache): each page records the reads it would have made itself. Markup made while reads went
    # unnoted (before the framed pages) is made again the first time a page notes them.
    kept: dict[tuple, tuple] = {}

    def keep(key: tuple, thing, make, *args) -> Markup:
        if not page_cache._hooked:
            # no page notes reads yet (the Markdown pages, their long tables: 30,000 pieces at 10,000 claims),
            # and what is kept now is made again the first time a page notes reads (see above): its reads go
            # unnoted, without a Noting each
            found = kept.get(key)
            if found is not None:
                return found[1]
            value = make(*args)
            kept[key] = (thing, value, False, _NO_READS)
            return value
        found = kept.get(key)
        if found is not None and (found[2] or not page_cache.noting()):
            page_cache.note(found[3])
            return found[1]
        noted = page_cache.noting()
        with page_cache.Noting() as reads:
            value = make(*args)
        kept[key] = (thing, value, noted, frozenset(reads))
        page_cache.note(reads)
        return value

    def t(text, **values) -> str:
        """``text`` in the interface's language (English when the catalogue lacks it), with ``{name}``
        filled from ``values``; the result is plain text, escaped where it is printed."""
        if not values and type(text) is str:
            words = plain_words.get(text)
            if words is None:
                words = plain_words[text] = messages.translate(catalogue, text)
            return words
        if isinstance(text, messages.Phrase):
            return text.render(catalogue, languages)
        if "count" in values:
            values["count"] = messages.written_count(values["count"], language)
        return messages.translate(catalogue, str(text), **values)

    @jinja2.pass_context
    def phrase(context, text) -> Markup:
        """``t(text)`` as markup: a command the catalogue writes between backticks ("see `claimgraph sources
        fetch`") shown as code, in an HTML page as in a Markdown one, never as backticks."""
        w = writer(context)
        said = text if isinstance(text, messages.Phrase) else messages.Phrase(str(text))
        return Markup("").join(
            w.codespan(part) if code else w.text(part) for part, code in said.pieces(catalogue, languages)
        )

    def tn(one, other, count, **values) -> str:
        """``t`` of the form ``count`` takes in the interface's language: ``one`` ("{count} source") or
        ``other`` ("{count} sources"), ``{count}`` filled with ``count``; French says "0 source"."""
        return messages.counted(catalogue, language, one, other, count, **values)

    def tc(context: str, text: str, **values) -> str:
        """``t`` of ``text`` as the language says it in ``context`` ("rows": "all of them in" is "toutes dans")."""
        if "count" in values:
            values["count"] = messages.written_count(values["count"], language)
        return messages.translate(messages.in_context(catalogue, context, text), text, **values)

    def choose(texts, lang=None):
        """The text in ``lang`` (the registry's first language by default), else one in no language (a label
        made from an identifier: as good in any), else in the registry's other languages in their order, else
        any."""
        texts = texts or {}
        first, *others = (lang, *languages) if lang else languages
        for wanted in (first, "", *others):
            if texts.get(wanted):
                return texts[wanted]
        return pick(texts, lang or language)

    @jinja2.pass_context
    def text(context, value) -> Markup:
        return writer(context).text(value)

    @jinja2.pass_context
    def link(context, label, path: str | None, anchor: str | None = None) -> Markup:
        """A link to a file of the site, relative to the page being rendered, at ``anchor`` if given."""
        w = writer(context)
        if not path:
            return w.text(label)
        return w.link(w.text(label), w.site_href(context["root"], path) + (f"#{anchor}" if anchor else ""))

    def make_page_link(context, obj, label) -> Markup:
        if label is None:
            # its name as :func:`display_name` gives it, marked with its language (see :func:`name_language`)
            label = in_language(writer(context), display_name(obj, choose), name_language(obj))
        return link(context, label, obj.path)

    def name_language(obj) -> str:
        """The language of what :func:`display_name` says for ``obj`` ("" for none: an id, a citation)."""
        # the exact classes: an isinstance() that fails reads ``__class__``, which the page cache notes
        kind = type(obj)
        if kind is Source:
            return ""
        if kind is Claim:
            return obj.short_language
        if kind is Measurand:
            return obj.name_language
        if kind is Step:
            return language_of_choice(obj.label) if choose(obj.label) else ""
        return ""

    @jinja2.pass_context
    def page_link(context, obj, label=None) -> Markup:
        if obj is None:
            return Markup("")
        root = context.get("root")
        if type(obj) in _PAGED_THINGS and type(label) in _KEPT_LABELS and type(root) is str:
            key = ("page", id(obj), type(label), label, root, writer(context))
            return keep(key, obj, make_page_link, context, obj, label)
        return make_page_link(context, obj, label)

    @jinja2.pass_context
    def html_href(context, path: str) -> str:
        return str(context["root"]) + path[:-3] + ".html"

    @jinja2.pass_context
    def ext(context, label, url) -> Markup:
        """A link to an external http(s) URL from the data; any other URL is shown as text, not linked."""
        w, target = writer(context), escaping.safe_url(url)
        return w.link(w.text(label), target) if target else w.text(label)

    def make_badge(w: Writer, status) -> Markup:
        # HTML in both kinds of page: Markdown passes inline HTML through
        if status is None:
            return Markup('<span class="cg-badge" style="background:#616161">%s</span>' % _e(t("no status")))
        return Markup(
            '<span class="cg-badge %s" style="background:%s">%s</span>'
            % (_e(escaping.css_token(status.css)), _e(status.colour), w.text(status_name(status)))
        )

    def kept_per_thing(name: str, kind: type, make: Callable[[Writer, Any], Markup]):
        """A filter whose markup for one of the model's things of ``kind`` (a status, a source) is made once
        per writer and kept (:func:`keep`); anything else (a registry template's own object) made each time."""

        @jinja2.pass_context
        def apply(context, thing) -> Markup:
            w = writer(context)
            if type(thing) is kind:
                return keep((name, id(thing), w), thing, make, w, thing)
            return make(w, thing)

        return apply

    badge = kept_per_thing("badge", Status, make_badge)

    def svg(markup) -> Markup:
        """A chart drawn by :mod:`.charts` (its text already escaped); nothing else passes."""
        if not markup:
            return Markup("")
        if not isinstance(markup, Markup):
            raise TypeError("svg filter only takes SVG drawn by claimgraph.site.charts")
        return Markup('<div class="cg-figure" tabindex="0">%s</div>' % markup)

    def make_reference(w: Writer, source) -> Markup:
        out = []
        for piece_text, url, italic in reference_parts(source, t("n.d."), t):
            # the title takes a full stop unless it ends in its own ("Does AI weigh on …?")
            stop = Markup("") if piece_text.endswith(("?", "!", "…")) else Markup(".")
            piece = Markup(w.em(w.text(piece_text)) + stop) if italic else w.text(piece_text)
            target = escaping.safe_url(url) if url else None
            out.append(w.link(piece, target) if target else piece)
        return Markup(" ".join(out))

    reference = kept_per_thing("reference", Source, make_reference)

    language_labels: dict[tuple[Writer, str], Markup] = {}  # "**Français**", the same on every page
    orders: dict[tuple, list[str]] = {}  # the order of each set of languages (the same few, text after text)

    def in_language_order(texts) -> list[str]:
        key = tuple(texts)
        order = orders.get(key)
        if order is None:
            order = orders[key] = language_order(texts, languages)
        return order

    @jinja2.pass_context
    def bilingual(context, texts, what: str = "text") -> Markup:
        """Each language's version, the registry's languages first, as labelled paragraphs marked with
        their language (so a screen reader reads French as French)."""
        w = writer(context)
        if not texts:
            said = _NONE_RECORDED.get(what)
            return w.block([w.em(w.text(t(said) if said else t("No {what} recorded.", what=what)))])
        blocks = []
        for lang in in_language_order(texts):
            first, *rest = w.paragraphs(texts[lang]) or [Markup("")]
            name = language_labels.get((w, lang))
            if name is None:
                name = language_labels[w, lang] = w.strong(w.text(messages.language_name(lang, language)))
            blocks.append(w.block([Markup(f"{name} — {first}"), *rest], lang))
        return w.join_blocks(blocks)

    def without(things, thing) -> list:
        """``things`` but ``thing`` (compared by identity), as a list: ``things | reject("sameas", thing) | list``
        without Jinja's look-up of the test for every item."""
        return [other for other in things if other is not thing]

    @jinja2.pass_context
    def paragraphs(context, value, lang: str = "") -> Markup:
        """``value``'s paragraphs; marked as written in ``lang`` when given."""
        w = writer(context)
        if lang:
            return w.block(w.paragraphs(value), lang)
        return w.join_blocks(w.paragraphs(value)) if w is MARKDOWN else w.block(w.paragraphs(value))

    def language_of_choice(texts) -> str:
        """The language of the text :func:`choose` takes from ``texts`` ("" for a text in no language)."""
        texts = texts or {}
        # the first key in the order choose() and pick() try them that holds a text is the one chosen
        for lang in (languages[0], "", *languages[1:], "en", "fr", *texts):
            if texts.get(lang):
                return lang
        return ""

    def in_its_language(w: Writer, texts) -> Markup:
        """The text :func:`choose` takes from ``texts``, escaped; in a span marked with its language when that
        is not the page's (an English statement in a French site's list of claims)."""
        return in_language(w, choose(texts), language_of_choice(texts))

    def in_language(w: Writer, value, lang: str) -> Markup:
        """``value`` escaped; in a span marked ``lang`` when that is not the page's language (an Italian
        measurand's name on the English page of an Italian registry, WCAG 3.1.2). Inline: it may stand in a
        heading, a link or a table cell."""
        text = w.text(value)
        if not lang or lang == page_language or not _LANG_TAG.fullmatch(lang):
            return text
        return Markup("<span %s>%s</span>" % (language_attributes(lang), text))

    @jinja2.pass_context
    def name_marked(context, thing) -> Markup:
        """A measurand's name, a claim's title (its value and measurand, cut for a heading), a step's label:
        as a page prints it in a heading, marked with its language when that is not the page's."""
        w, kind = writer(context), type(thing)
        if kind is Measurand:
            return in_language(w, thing.name, thing.name_language)
        if kind is Claim:
            return in_language(w, thing.title, thing.short_language)
        if kind is Step:
            return in_its_language(w, thing.label) if choose(thing.label) else w.text(thing.slug)
        return w.text(display_name(thing, choose))

    @jinja2.pass_context
    def pick_marked(context, texts) -> Markup:
        """``texts | pick``, marked with its language when that is not the page's (see :func:`in_its_language`)."""
        return in_its_language(writer(context), texts)

    def query_language(query) -> str:
        """ "en" for a query claimgraph ships (its title and description are English) on a site in another
        language, else "" (a registry's own queries are in whatever language its authors wrote them)."""
        if english_page:
            return ""
        return "en" if shipped_query(query) else ""

    @jinja2.pass_context
    def findings_list(context, views) -> Markup:
        w, items = writer(context), []
        for view in views:
            f = view.finding
            hint = f" — {w.em(english_text(w, f.hint))}" if f.hint else ""
            where = f" ({w.text(f.file)}{w.text(f':{f.line}') if f.line else ''})" if f.file else ""
            message = english_text(w, f.message)
            items.append(Markup(f"{w.strong(w.text(t(str(view.severity))))} {w.text(f.code)}: {message}{hint}{where}"))
        return w.bullets(items)

    # The checks' messages and hints, and the codes' meanings, are in English whatever the site's language: on a
    # site in another language they are marked as English, for a screen reader to read them as such (WCAG 3.1.2).
    english_page = page_language.split("-")[0].lower() == "en"

    def english_text(w: Writer, value) -> Markup:
        """``value``, English text, escaped; in a span marked as English on a page in another language."""
        text = w.text(value)
        return text if english_page else Markup('<span lang="en">%s</span>' % text)

    @jinja2.pass_context
    def english(context, value) -> Markup:
        return english_text(writer(context), value)

    def quantity_text(quantity, significant: int | None = None) -> str:
        """:func:`format_quantity` with its number as the interface's language writes it ("1.234,5 MWh" in
        German); the unit's symbol as it stands (it may hold digits: "CO2")."""
        text = format_quantity(quantity, significant)
        return messages.localised_quantity(text, getattr(quantity, "unit_symbol", "") if text else "", language)

    def number_text(value) -> str:
        """A number (a tolerance) as the interface's language writes it."""
        return messages.localised_numbers(escaping.format_number(value), language)

    @jinja2.pass_context
    def claim_row(context, claim, extra=None) -> Markup:
        """One table row: claim link, statement, value, status badge (and an extra cell if given).
        The value links to the claim page too: a reviewer clicks the number to reach its quote and source."""
        w, value = writer(context), quantity_text(claim.value)
        cells = [
            page_link(context, claim, claim.name),
            in_its_language(w, claim.statement),
            page_link(context, claim, value) if value else Markup(""),
            badge(context, claim.status),
        ]
        if extra is not None:
            cells.append(w.text(extra))
        return w.row(cells)

    @jinja2.pass_context
    def figure_link(context, claim, quantity=None, significant: int | None = None) -> Markup:
        """A claim's figure (its value, or ``quantity``: its normalised value, say) as a link to its page, as
        :func:`claim_row` gives it: every number in a table leads to its quote and source."""
        text = quantity_text(claim.value if quantity is None else quantity, significant)
        return page_link(context, claim, text) if text else Markup("")

    def make_qty(w: Writer, quantity, significant) -> Markup:
        return w.text(quantity_text(quantity, significant))

    @jinja2.pass_context
    def qty(context, quantity, significant: int | None = None) -> Markup:
        w = writer(context)
        if type(quantity) is Quantity and (significant is None or type(significant) is int):
            return keep(("qty", id(quantity), significant, w), quantity, make_qty, w, quantity, significant)
        return make_qty(w, quantity, significant)

    @jinja2.pass_context
    def code(context, value, language: str = "") -> Markup:
        return writer(context).code(value, language)

    @jinja2.pass_context
    def codespan(context, value) -> Markup:
        return writer(context).codespan(value)

    env.filters.update(
        link=link,
        page=page_link,
        href=html_href,
        ext=ext,
        badge=badge,
        svg=svg,
        reference=reference,
        bilingual=bilingual,
        findings=findings_list,
        english=english,
        pick_marked=pick_marked,
        name_marked=name_marked,
        lang_attrs=language_attributes,
        claim_row=claim_row,
        qty=qty,
        figure_link=figure_link,
        para=paragraphs,
        without=without,
        code=code,
        codespan=codespan,
        md=text,
        text=text,
        t=t,
        phrase=phrase,
        status_name=status_name,
        pre=lambda value: Markup(escaping.preformatted(value)),
        json_script=lambda value: Markup(
            '<script type="application/ld+json">%s</script>' % escaping.json_in_script(value)
        ),
        safe_url=escaping.safe_url,
        num=number_text,
        curie=curie,
        pick=choose,
    )
    # the colon after a label and the semicolon between clauses, as the language writes them ("Note:", "Note :")
    # (markup: in a Markdown page a printed ":" is escaped, as it may start a link's scheme; the catalogue's
    # punctuation is the project's, never the data's)
    colon, semicolon = Markup(messages.translate(catalogue, ":")), Markup(messages.translate(catalogue, ";"))
    env.globals.update(
        Markup=Markup,
        lang=language,
        page_lang=page_language,
        languages=languages,
        t=t,
        tn=tn,
        tc=tc,
        colon=colon,
        semicolon=semicolon,
    )
    env.globals["query_language"] = query_language
    # numbers as the interface's language writes them, for what Python writes into pages (the charts)
    env.globals["numbers"] = functools.partial(messages.localised_numbers, language=language)
    env.call_directly(t)
    env.call_directly(tn)
    return env


def template_place(exc: BaseException) -> str:
    """ " (site/templates/claim.md.j2:12)": the innermost template frame of a Jinja error."""
    if getattr(exc, "filename", None) and getattr(exc, "lineno", None):
        return f" ({exc.filename}:{exc.lineno})"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    return f" ({frames[-1].filename}:{frames[-1].lineno})" if frames else ""
