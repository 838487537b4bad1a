"""The site generator claimgraph runs by default: MkDocs with the Material theme, and everything
that knows the theme's files and markup. A successor (Zensical, ProperDocs, plain HTML) replaces
this module and nothing else.

What claimgraph asks of a generator (:func:`claimgraph.site.build.build_site`):

* :func:`config`, the generator's configuration for the staged Markdown (``mkdocs.yml``: theme,
  language, search languages, Markdown extensions, navigation, the hook of :mod:`.mkdocs_hook`);
* :func:`start` and :func:`finish`, rendering the Markdown pages (the frames of the framed pages
  among them, :mod:`.framed_pages`) into HTML, on every core for large sites, and taking from the
  previous site the pages whose HTML would not change (:mod:`.markdown_reuse`, done by the hook);
* :func:`page_content`, the part of a rendered page that is the page's own (not the theme's
  header, navigation and footer), whose links claimgraph checks;
* :func:`finish_site`, what the theme's files need once every page is written: search entries for
  the pages claimgraph wrote itself, accent-free search words, and the theme's files no page loads
  left out.

Rendering in parallel: one ``mkdocs build`` renders its pages one after the other. For a large
registry :func:`start` runs ``jobs`` builds side by side on the same configuration, each rendering
one share of the pages (:mod:`.mkdocs_hook`), into folders of their own; :func:`finish` moves the
shares' pages into share 0's site and merges what every share writes for itself (Material's search
index and the sitemap). The pages are byte for byte those of a single build
(tests/test_site_parallel.py compares them). MkDocs checks an ``#anchor`` only in pages its own
process rendered: a link from one share's page into another share's page is checked by claimgraph
once the site is whole (:func:`.framed_pages.complete`).
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import IO

import yaml

from .. import file_io
from . import messages, mkdocs_hook
from .errors import SiteBuildError
from .generator import default_jobs

#: Files every share writes for its own pages, merged rather than moved.
_MERGED = {"search/search_index.json", "sitemap.xml", "sitemap.xml.gz"}
#: Files of share 0 that other shares also write (from the theme), left as share 0 wrote them.
_SHARE0_ONLY = {"404.html"}


# ------------------------------------------------------------------ configuration


def config(
    *, site_name: str, description: str, language: str, languages, nav: list, not_in_nav: list[str], footer: str | None
) -> dict:
    """``mkdocs.yml`` for the staged Markdown (``docs/`` beside it). The texts are plain text already:
    the theme prints the site name, description and footer unescaped. The theme speaks the language
    of the interface (:func:`.messages.interface_language`): English where claimgraph has no words in
    the registry's first language, as the rest of the interface does."""
    language = messages.interface_language(language)
    return {
        "site_name": site_name,
        "site_description": description,
        "docs_dir": "docs",
        "site_dir": "site",  # the builder passes --site-dir: a temporary folder swapped in on success
        "use_directory_urls": False,
        # the page's lang attribute and the theme's own words (search box, "skip to content") in the
        # interface's language
        "theme": {
            "name": "material",
            "language": theme_language(language),
            "font": False,
            "features": ["navigation.footer", "search.highlight", "content.code.copy"],
        },
        "plugins": [{"search": search_settings(languages)}],
        # the pages of claims, sources and measurands are written into frames after MkDocs
        # (framed_pages); the hook makes their link targets
        "hooks": [str(Path(mkdocs_hook.__file__).resolve())],
        "extra_css": ["assets/claimgraph.css"],
        # attr_list marks passages with their language; data never reaches it: md_text escapes "{" and "}"
        "markdown_extensions": [
            "tables",
            "admonition",
            "attr_list",
            {"toc": {"permalink": False}},
            "pymdownx.superfences",
        ],
        "nav": nav,
        # pages reached from the index pages only: they stay out of the navigation
        "not_in_nav": "".join(pattern + "\n" for pattern in not_in_nav),
        "validation": {
            "nav": {"omitted_files": "info", "not_found": "warn", "absolute_links": "info"},
            "links": {"not_found": "warn", "anchors": "warn", "absolute_links": "warn", "unrecognized_links": "warn"},
        },
        "copyright": footer,
        # edits the hook makes to every rendered page (it knows no theme: the markup is this module's)
        "extra": {
            mkdocs_hook.PAGE_EDITS: [_search_dialog_edit(language)],
            mkdocs_hook.PAGE_LANGUAGE: {
                "edit": [ARTICLE, ARTICLE[:-1] + " {attributes}>"],
                "right_to_left": sorted(messages.RIGHT_TO_LEFT_LANGUAGES),
            },
            **_not_found_edits(language),
        },
    }


#: The heading of the theme's 404.html, in English in every language of the theme.
NOT_FOUND_HEADING = "<h1>404 - Not found</h1>"


def _search_dialog_edit(language: str) -> list[str]:
    """The ``[old, new]`` edit naming the theme's search dialog in the site's language."""
    label = _SEARCH_LABELS.get(language.split("-")[0].lower(), "Search")
    return [SEARCH_DIALOG, NAMED_SEARCH_DIALOG.format(label=label)]


def _not_found_edits(language: str) -> dict:
    """The edits to the 404 page, which the hook's page edits never reach: its search dialog named as on every
    other page (in every language, English too), its heading in the site's language (kept in English)."""
    edits = [_search_dialog_edit(language)]
    words = messages.translate(messages.catalogue(language), "404 - Not found")
    if words != "404 - Not found":
        edits.append([NOT_FOUND_HEADING, "<h1>" + html.escape(words) + "</h1>"])
    return {mkdocs_hook.TEMPLATE_EDITS: {"404.html": edits}}


#: The theme's word separator (whitespace and hyphens), as its English words give it.
SEARCH_SEPARATOR = r"[\s\-]+"
#: French elides an article or pronoun before a vowel ("d'électricité", "L'entraînement", "qu'il"): with the
#: theme's separator the word is one token with it, and "électricité" finds nothing. An apostrophe (' or ’)
#: after one of these at the start of a word separates too, in the index and in the query (the theme's search
#: splits both with this expression, a JavaScript RegExp without flags: hence both cases spelt out). The
#: lookbehind needs a word boundary before the letter: "don't", "aujourd'hui"'s "d" mid-word, stay one word.
#: The entries of the framed pages (claims, sources, measurands) carry their text HTML-escaped, the apostrophe
#: as ``&#x27;``, which the theme's worker tokenizes as it stands: that spelling separates too.
ELISION_SEPARATOR = SEARCH_SEPARATOR + r"|(?<=\b(?:[cdjlmnstCDJLMNST]|[qQ][uU]))(?:['\u2019]|&#x27;|&#39;)"
#: Languages whose words take an elided article or pronoun with an apostrophe.
_ELIDING = frozenset({"fr"})


def search_settings(languages) -> dict:
    """The theme's search plugin settings: lunr's languages, and for a registry with French text, a separator
    that takes elided articles off their word (the theme's own separator otherwise: the same index as before)."""
    settings: dict = {"lang": search_languages(languages)}
    if any((lang or "").lower().split("-")[0] in _ELIDING for lang in languages):
        settings["separator"] = ELISION_SEPARATOR
    return settings


#: Material's search box is a dialog without a name; screen readers announce it unnamed (axe-core:
#: aria-dialog-name). The theme's markup is matched exactly, so a theme that changes it is left alone.
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
NAMED_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog" aria-label="{label}">'
_SEARCH_LABELS = {"fr": "Rechercher", "de": "Suche", "es": "Buscar", "it": "Cerca", "nl": "Zoeken", "pt": "Pesquisar"}

#: Where the theme puts a page's content (the rest is the theme's own header, navigation and footer).
ARTICLE = '<article class="md-content__inner md-typeset">'


def page_content(page_html: str) -> str:
    """The page's own content in a page the theme rendered ("" if the theme's markup is not found)."""
    if ARTICLE not in page_html:
        return ""
    return page_html.split(ARTICLE, 1)[1].split("</article>", 1)[0]


def theme_language(language: str) -> str:
    """The theme's language for a registry language tag: Material knows ``fr``, ``pt-BR``, ``zh-TW``…;
    a region it lacks falls back to the bare language (the page's lang attribute is the theme's)."""
    tag = language or "en"
    if (_THEME_LANGUAGES / f"{tag}.html").is_file():
        return tag
    base = tag.split("-")[0].lower()
    return base if (_THEME_LANGUAGES / f"{base}.html").is_file() else "en"


def _theme_folder() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("material")  # the theme's package, not imported: only its files are read
    if spec is None or not spec.origin:  # no theme installed: the build says so when it runs MkDocs
        return Path("/nonexistent")
    return Path(spec.origin).resolve().parent / "templates" / "partials" / "languages"


_THEME_LANGUAGES = _theme_folder()


# ------------------------------------------------------------------ running MkDocs


class Running:
    """``mkdocs build`` processes under way (see :func:`start`)."""

    def __init__(self, procs, site_dir: Path, sites: list[Path]):
        self.procs, self.site_dir, self.sites = procs, site_dir, sites


def start(config_file: Path, site_dir: Path, *, jobs: int | None = None, frames: str | None = None) -> Running:
    """Start building ``config_file``'s site into ``site_dir`` with ``jobs`` processes; :func:`finish` waits.

    ``frames``: ``None`` renders every page; ``"skip"`` all but the frames of the framed
    pages; ``"only"`` the frames alone (see :mod:`.mkdocs_hook`)."""
    docs = config_file.parent / "docs"
    if jobs is None:
        jobs = default_jobs(sum(1 for _ in docs.rglob("*.md")))
    if jobs <= 1:
        return Running([_start(config_file, site_dir, None, frames)], site_dir, [site_dir])
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["hooks"] = list(dict.fromkeys([*config.get("hooks", []), str(Path(mkdocs_hook.__file__).resolve())]))
    procs, sites = [], []
    for index in range(jobs):
        share_config = config_file.with_name(f".mkdocs-share-{index}.yml")
        share_config.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
        share_site = site_dir if index == 0 else site_dir.with_name(f"{site_dir.name}.share-{index}")
        sites.append(share_site)
        procs.append(_start(share_config, share_site, f"{index}/{jobs}", frames))
    return Running(procs, site_dir, sites)


def finish(running: Running, *, stop: bool = False) -> list[dict]:
    """Wait for the processes of :func:`start` (or, with ``stop``, end them: the build failed
    elsewhere) and merge the shares; raise :class:`SiteBuildError` on any MkDocs complaint.
    The entries of the search index the site has then."""
    try:
        if stop:
            for proc, log in running.procs:
                proc.kill()
                proc.wait()
                log.close()
            return []
        _wait(running.procs)
        for share_site in running.sites[1:]:
            _merge_share(share_site, running.site_dir)
        return _order_search_index(running.site_dir)
    finally:
        for share_site in running.sites[1:]:
            shutil.rmtree(share_site, ignore_errors=True)


def _start(
    config_file: Path, site_dir: Path, share: str | None, frames: str | None = None
) -> tuple[subprocess.Popen, IO[str]]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", NO_COLOR="1")
    env[mkdocs_hook.TEMPLATE_CACHE_ENV] = str(file_io.cache_dir() / "mkdocs-templates")
    env.pop(mkdocs_hook.ENV, None)
    env.pop(mkdocs_hook.FRAMES_ENV, None)
    if share:
        env[mkdocs_hook.ENV] = share
    if frames:
        env[mkdocs_hook.FRAMES_ENV] = frames
    # MkDocs' log goes to a file, not a pipe: a share whose pipe filled up while we read
    # another share's would stop and wait, and the shares would run one after the other
    log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--config-file",
            str(config_file),
            "--site-dir",
            str(site_dir),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    return proc, log


def _wait(procs: list[tuple[subprocess.Popen, IO[str]]]) -> None:
    failures = []
    for proc, log in procs:
        proc.wait()
        log.seek(0)
        output = log.read()
        log.close()
        if proc.returncode != 0:
            lines = [
                ln
                for ln in output.splitlines()
                if ln.startswith(("WARNING", "ERROR", "Error", "Aborted")) or "Error" in ln
            ]
            detail = "\n".join(lines[-30:]) or output.strip()[-3000:]
            failures.append(f"mkdocs build --strict failed (exit {proc.returncode}):\n{detail}")
    if failures:
        raise SiteBuildError("\n".join(dict.fromkeys(failures)))


def _merge_share(share_site: Path, site_dir: Path) -> None:
    """Move a share's pages into the main site; merge its search entries and sitemap URLs."""
    for path in sorted(share_site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(share_site).as_posix()
        if rel in _MERGED or rel in _SHARE0_ONLY:
            continue
        target = site_dir / rel
        if target.exists():
            raise SiteBuildError(f"two shares of the build both wrote {rel}")
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, target)
    _merge_search_index(share_site / "search" / "search_index.json", site_dir / "search" / "search_index.json")
    _merge_sitemap(share_site / "sitemap.xml", site_dir / "sitemap.xml")


def _merge_search_index(part: Path, whole: Path) -> None:
    if not part.is_file():
        return
    if not whole.is_file():
        raise SiteBuildError("a share of the build wrote a search index but the main share did not")
    _edit_search_index(whole, json.loads(part.read_text(encoding="utf-8"))["docs"])


def _order_search_index(site_dir: Path) -> list[dict]:
    path = site_dir / "search" / "search_index.json"
    return _edit_search_index(path) if path.is_file() else []


def _edit_search_index(path: Path, more: list[dict] = ()) -> list[dict]:
    """Add ``more`` entries to the search index at ``path`` and order them by page (a page's
    sections together, in their order), whichever process wrote them: one build and a
    sharded build write the same index."""
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"].extend(more)
    index["docs"].sort(key=lambda doc: doc["location"].split("#", 1)[0])  # stable: sections keep their order
    for doc in index["docs"]:
        add_folded_words(doc)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return index["docs"]


#: Marks the accent-free words added to a search entry, hidden from the result's preview.
_FOLDED = "<span hidden data-cg-folded>"
_WORD = re.compile(r"\w+")
_TAGS = re.compile(r"<[^>]+>")


#: Each word with accents already folded, by the word: the same few words come entry after entry (a
#: registry's statements and labels repeat their vocabulary), and folding one costs some microseconds.
_folded_words: dict[str, str] = {}
_FOLDED_WORDS_KEPT = 200_000


def add_folded_words(doc: dict) -> None:
    """Let a reader who types without accents find the words written with them: "frugalite" finds
    "frugalité". The theme's search has no accent folding and no longer takes a custom worker, so each
    entry carries the accent-free forms of its words, in a hidden element (indexed, never shown). Done once:
    an entry that has them is left as it is (so the framed pages' entries, given them when their page is made
    and kept with it, :mod:`.framed_pages`, are not read again when the page is taken into the next site)."""
    text = doc.get("text") or ""
    if _FOLDED in text:
        return
    title = doc.get("title", "")
    if text.isascii() and title.isascii():  # no word to fold (most entries; every entry is read each build)
        return
    folded = set()
    fold = _folded_words
    for word in _WORD.findall(title + " " + _TAGS.sub(" ", text)):
        if word.isascii():  # nothing to fold (most words; every entry of a 10,000-claim site is read)
            continue
        plain = fold.get(word)
        if plain is None:
            plain = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch))
            if len(fold) < _FOLDED_WORDS_KEPT:
                fold[word] = plain
        if plain != word and plain.isascii():
            folded.add(plain)
    if folded:
        doc["text"] = text + _FOLDED + " ".join(sorted(folded)) + "</span>"


_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)


def _merge_sitemap(part: Path, whole: Path) -> None:
    if not (part.is_file() and whole.is_file()):
        return
    urls = _URL.findall(part.read_text(encoding="utf-8"))
    if not urls:
        return
    text = whole.read_text(encoding="utf-8")
    text = text.replace("</urlset>", "".join(urls) + "</urlset>", 1)
    whole.write_text(text, encoding="utf-8")
    with gzip.open(whole.with_name("sitemap.xml.gz"), "wb", mtime=0) as out:
        out.write(text.encode("utf-8"))


def finish_site(site_dir: Path, entries: list[dict], languages) -> None:
    """Once every page is written: the search entries of the pages claimgraph wrote itself, and the
    theme's files no page of this site loads left out."""
    add_search_entries(site_dir, entries)
    trim_theme_files(site_dir, languages)


def add_search_entries(site_dir: Path, entries: list[dict]) -> None:
    """Add entries for the pages the theme's indexer never saw (the framed pages), in page order with the rest."""
    path = site_dir / "search" / "search_index.json"
    if entries and path.is_file():
        _edit_search_index(path, entries)


#: lunr's language files Material's search worker may load, by language code (lunr spells Dutch "du").
_LUNR = re.compile(r"lunr\.([a-z]{2})\.min\.js")


def search_languages(languages) -> list[str]:
    """The registry's languages that lunr can stem, in the registry's order ("en" when none can)."""
    known = {
        "ar",
        "da",
        "de",
        "du",
        "el",
        "en",
        "es",
        "fi",
        "fr",
        "he",
        "hi",
        "hu",
        "hy",
        "it",
        "ja",
        "kn",
        "ko",
        "nl",
        "no",
        "pt",
        "ro",
        "ru",
        "sa",
        "sv",
        "ta",
        "te",
        "th",
        "tr",
        "vi",
        "zh",
    }
    chosen = [lang for lang in languages if lang in known]
    return chosen or ["en"]


def trim_theme_files(site_dir: Path, languages) -> int:
    """Leave out what the theme copies but no page of this site loads: source maps (a megabyte for
    the browser's debugger only) and lunr's stemmers for languages the registry does not use.
    Returns the bytes saved. The ``sourceMappingURL`` comments go too, so no browser asks for a map."""
    saved = 0
    keep = set(search_languages(languages))
    assets = site_dir / "assets"
    for path in list(assets.rglob("*.map")):
        saved += path.stat().st_size
        path.unlink()
    lunr = assets / "javascripts" / "lunr"
    for path in list((lunr / "min").glob("lunr.*.min.js")) if (lunr / "min").is_dir() else []:
        match = _LUNR.fullmatch(path.name)
        if match and match.group(1) not in keep:
            saved += path.stat().st_size
            path.unlink()
    # the segmenters of Japanese and Thai, which lunr loads for those languages only
    for name, lang in (("tinyseg.js", "ja"), ("wordcut.js", "th")):
        if lang not in keep and (lunr / name).is_file():
            saved += (lunr / name).stat().st_size
            (lunr / name).unlink()
    for folder in ("javascripts", "javascripts/workers", "stylesheets"):
        for path in (assets / folder).glob("*.min.*") if (assets / folder).is_dir() else []:
            text = path.read_text(encoding="utf-8")
            cut = re.sub(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$", "", text)
            if cut != text:
                path.write_text(cut, encoding="utf-8")
    return saved
