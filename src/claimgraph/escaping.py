"""Make text from the data inert in Markdown and in HTML (the site's pages, the diff's pull request comment).

Every value the templates interpolate goes through :func:`md_text` (the Jinja
``finalize`` hook), unless code in this package built it and marked it
:class:`Markup`. Escaping HTML alone is not enough in Markdown: ``[x](javascript:…)``
would become a link and ``{: onclick=… }`` an attribute (attr_list). So every ASCII
punctuation character that means something to Markdown, to its extensions or to
HTML is written as a numeric character reference (``&#91;``): Python-Markdown
passes references through untouched, the browser shows the character, and the
search index (built from the HTML) sees the plain text. Letters, digits and
spaces are kept, so the Markdown stays readable and search finds every word.

Control characters never reach a page as they are: Python-Markdown uses STX/ETX
(``\\x02``/``\\x03``) for its own placeholders, and data must never be able to forge one;
bidirectional controls would show a reader another text than the data's. They, and the
invisible characters nothing needs (a zero-width space), are shown escaped (``\\u202E``),
so the reader sees that they are there (:mod:`claimgraph.hidden_characters`; the check reports
them as CG121 and CG122). Line breaks are folded into spaces, so a value can never open a block
(heading, list, table row, code block) of its own.

Links from the data are made only for ``http`` and ``https`` URLs (:func:`safe_url`);
anything else stays text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import markupsafe

from .hidden_characters import show_escaped
from .quantities import format_number
from .web_url import is_web_url

#: Characters written as character references: Markdown inline and block syntax,
#: attr_list braces, HTML, table pipes, and a few extension markers (~ ^ = : $ @).
_SPECIAL = set("\\`*_{}[]()<>#+-.!|~^=&\"'$@:")
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
#: Left after :func:`show_escaped`: the line and paragraph separators, which end a line like a newline.
_CONTROL = re.compile(r"[\u2028\u2029]")
#: A run of white space that a line may break at: a no-break space (U+00A0, U+2007, U+202F) is kept, as it says
#: where a line must not break (French groups digits with U+202F: "1\u202f287 MWh" is one number, never "1" at the
#: end of a line and "287 MWh" on the next).
_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")


#: Markdown or HTML built by claimgraph itself, from escaped parts: passed through as is, by
#: :func:`md_text` in Markdown templates and by autoescape in HTML ones. Jinja's own type: build it with
#: ``Markup(f"…")`` from parts escaped first (``Markup + str`` would escape the str for HTML, not Markdown).
Markup = markupsafe.Markup


def clean(text: str, *, strip: bool = True) -> str:
    """Show control characters escaped and fold every run of white space (line breaks included) into one space; a
    no-break space stays (see :data:`_SPACE`)."""
    if text.isprintable() and "  " not in text:
        # most values (a 10,000-claim site cleans about a million): printable text holds no control,
        # format or separator character but the ASCII space, so there is nothing to escape or fold
        return text.strip() if strip else text
    text = _SPACE.sub(" ", _CONTROL.sub("", show_escaped(text)))
    return text.strip() if strip else text


def drop_control(text: str) -> str:
    """``text`` with control characters shown escaped (line breaks and tabs are kept)."""
    return _CONTROL.sub("", show_escaped(text))


def as_printed(value):
    """What a value prints as before any escaping: None as nothing, markup as it is, a truth value as
    yes/no, a number as readers write it, anything else as its text (not yet cleaned)."""
    if value is None:
        return ""
    if isinstance(value, (Markup, str)):
        return value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return format_number(value)
    return str(value)


def md_text(value) -> str:
    """``value`` as inert Markdown text (None becomes empty; Markup passes through)."""
    text = as_printed(value)
    if value is None or isinstance(value, (Markup, bool)):
        return text
    # not stripped: separators such as "; " keep their space (one space never opens a code block)
    return Markup(clean(text, strip=False).translate(_TABLE))


def md_paragraphs(value) -> Markup:
    """Like :func:`md_text`, but a blank line in the data starts a new paragraph."""
    if value is None:
        return Markup("")
    parts = [md_text(p.strip()) for p in re.split(r"\n\s*\n", drop_control(str(value)))]
    return Markup("\n\n".join(p for p in parts if p))


def html_text(value) -> str:
    """``value`` escaped for HTML text and attribute values (SVG included)."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = format_number(value)
    return html.escape(clean(str(value)), quote=True)


_LOOKALIKES = {ord("<"): "‹", ord(">"): "›", ord("&"): "＆", ord('"'): "”", ord("'"): "’", ord("`"): "ʻ"}


def plain_text(value) -> str:
    """Text for places the theme prints without escaping, or after ``striptags`` (which decodes
    character references): page titles, the site name and description, the copyright line.
    The five HTML-significant characters become harmless look-alikes (‹ › ＆ ” ’)."""
    if value is None:
        return ""
    return clean(str(value)).translate(_LOOKALIKES)


def safe_url(url) -> str | None:
    """``url`` if it is an absolute http(s) URL that can be written in a link safely, else None."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not is_web_url(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def link_target(href: str) -> str:
    """A link destination for Markdown: percent-encode what could end or bend the ``(…)``."""
    return quote(href, safe="/:#?&=%~.,;@!$+-_'*")


def md_link(text, href: str | None) -> Markup:
    """``[text](href)``, with ``text`` escaped; plain escaped text when ``href`` is None."""
    label = md_text(text)
    if not href:
        return Markup(label)
    return Markup(f"[{label}]({link_target(href)})")


def ext_link(text, url) -> Markup:
    """A link to an external http(s) URL from the data; any other URL is shown as text, not linked."""
    target = safe_url(url)
    return md_link(text, target) if target else md_text(text)


def code_span(text) -> Markup:
    """``text`` as an inline code span: shown verbatim, never parsed (fence longer than its backticks)."""
    if text is None:
        return Markup("")
    body = clean(str(text))
    if not body:
        return Markup("")
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return Markup(f"{fence}{pad}{body}{pad}{fence}")


def code_block(text: str | None, language: str = "") -> Markup:
    """A fenced code block holding ``text`` verbatim; the fence is longer than any run of backticks in it."""
    body = drop_control((text or "").replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n")
    longest = max((len(m) for m in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    lang = re.sub(r"[^a-z0-9-]", "", language.lower())
    return Markup(f"{fence}{' ' + lang if lang else ''}\n{body}\n{fence}")


def preformatted(text: str | None) -> Markup:
    """``text`` verbatim in a ``<pre>`` written as ONE line of HTML (newlines as ``&#10;``).

    For the Turtle of every claim page (HTML, see :mod:`.framed_pages`), and in Markdown
    pages as a raw HTML block, which Markdown passes through as is and, unlike a fenced
    block, does not run through Pygments. Being one line, no blank line in the data can
    end the HTML block and let the rest be read as Markdown; the text is HTML-escaped.
    """
    body = drop_control((text or "").replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n")
    escaped = html.escape(body, quote=False).replace("\n", "&#10;")
    return Markup(f'<pre class="cg-data" data-search-exclude><code>{escaped}</code></pre>')


def json_in_script(text: str) -> str:
    """JSON text made safe inside an HTML ``<script>`` element: ``<``, ``>`` and ``&`` as JSON
    escapes (``\\u003c``…), so no string in the data can close the element or open a comment; and the
    controls and invisible characters :func:`show_escaped` writes escaped (``\\u202E``, a JSON escape too),
    so that the page's source reads as its data."""
    return show_escaped(text).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def css_token(value: str) -> str:
    """A string safe inside an HTML class attribute: letters, digits and hyphens only."""
    return re.sub(r"[^a-z0-9-]+", "-", str(value).lower()).strip("-") or "none"
