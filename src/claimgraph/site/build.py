"""``build_site``: registry -> Markdown pages (Jinja2) -> static site (MkDocs with the Material theme).

Steps:

1. gather the registry and its check findings into a :class:`~.model.SiteModel`;
2. render one Jinja2 template per kind of reading page into ``<staging>/docs/*.md``
   (in the one environment of :mod:`.environment`, the interface in the registry's first
   language; templates come from ``site/templates/``; a registry overrides any of them with
   its own ``site/templates/<name>``; the long tables of the lists are HTML blocks,
   :mod:`.html_blocks`), draw the SVG charts, write the downloads (the graph dumps in a
   forked process started before the checks), and the frames of the pages of claims,
   sources and measurands (:mod:`.framed_pages`);
3. write the generator's configuration (:func:`.material.config`: ``mkdocs.yml`` with a small
   explicit ``nav``; claim, source and measurand pages are reached from the index pages and
   listed in ``not_in_nav``);
4. run the generator (``mkdocs build --strict`` by default; any callable
   ``(config_file, site_dir) -> None`` will do, so MkDocs can be swapped out) and
   write the framed pages into the frames it rendered (with MkDocs, while it renders
   the Markdown pages), then put the HTML blocks into their pages and check the links
   MkDocs did not see (:mod:`.links`);
5. swap the new site into place only when everything succeeded: a failed build
   raises :class:`SiteBuildError` saying why, and the previous site stays as it was.

The Markdown staging (pages, ``mkdocs.yml``, the frames) lives in a temporary folder
(``$TMPDIR``, ``claimgraph-build-<pid>-…``) and is removed at the end (or by the next build, if this one was
killed), unless ``keep_markdown`` names a folder to copy it
to. What is moved into the site (MkDocs' output, the framed pages) is written into one
hidden folder beside ``out_dir`` (``.site.staging-<pid>-…``), on its file system, so that the
new site takes the place of the old one in a single ``rename`` (:mod:`claimgraph.file_io`:
on Linux an atomic exchange of the two folders, so that at every instant a whole site is at
``out_dir``); the hidden folder goes when the build ends (for a large site, by a process of its
own once the build has returned: :data:`DETACHED_REMOVAL_CLAIMS`), or with the next build if this
one was killed. The framed pages that would not change are hard links to the previous site's files
(:mod:`.reuse`), and their frames are rendered while the SPARQL section is written (:mod:`.early_frames`).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import html
import json
import logging
import os
import re
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import jinja2
import yaml

from .. import file_io, finding_docs
from ..findings import Finding
from ..registry import Registry
from .. import escaping
from . import about as about_module
from . import (
    charts,
    early_frames,
    framed_pages,
    html_blocks,
    markdown_reuse,
    material,
    messages,
    mkdocs_hook,
    page_cache,
    rdf_views,
    reuse,
    unchanged,
    verdict,
    verification,
)
from .environment import PACKAGE_SITE_DIR, make_environment, template_loader, template_place
from ..errors import USAGE
from .errors import SiteBuildError
from .generator import default_jobs
from .argument_map import argument_map
from .messages import Phrase
from ..model import local_name
from .model import SiteModel, gather
from .sparql_pages import SavedAnswers, find_engine, sparql_pages
from .vocabulary import gather_vocabulary

#: Warnings of the build (what it leaves out and why); the command line prints them.
log = logging.getLogger(__name__)

#: Written into every site claimgraph builds; a folder without it is never replaced.
MARKER = ".claimgraph-site"
#: Peers compared on a measurand page: more than this many and the cross-system chart is left out.
MAX_PEER_MEASURANDS = 12
#: From this many claims the previous site is deleted by a process of its own, after the build returns
#: (:func:`claimgraph.file_io.remove_detached`); a small site goes at once, leaving nothing behind.
DETACHED_REMOVAL_CLAIMS = 2000

Generator = Callable[[Path, Path], None]


@dataclass
class BuildResult:
    out_dir: Path
    markdown_dir: Path | None  # where the Markdown staging was kept (``keep_markdown``), if anywhere
    pages: int
    claims: int
    findings: int
    seconds: float
    #: Pages of claims, sources and measurands taken from the site this one replaced (see :mod:`.page_cache`).
    reused: int = 0
    #: Nothing was built: every input is what the site at ``out_dir`` was built from (see :mod:`.unchanged`).
    unchanged: bool = False
    #: Markdown pages MkDocs did not render again, taken from the site this one replaced (see :mod:`.markdown_reuse`).
    reused_markdown: int = 0


@dataclass(repr=False)
class SiteBuild:
    """What an extra-pages hook receives: the model, the registry, and ways to add pages.

    A hook may add pages with :meth:`render` or :meth:`write_page`, files with
    :meth:`write_file`, and entries to ``nav``. Hooks run after the built-in pages,
    in order, so a later hook can replace a page an earlier one wrote.
    """

    registry: Registry
    model: SiteModel
    docs: Path
    #: The one environment of every template: Markdown or HTML by the template's name (see :mod:`.environment`).
    env: jinja2.Environment
    nav: list[dict] = field(default_factory=list)
    #: For each measurand (IRI), the measurands of other systems its page compares it with.
    measurand_peers: dict[str, list] = field(default_factory=dict)
    pages: set[str] = field(default_factory=set)
    #: Search entries claimgraph writes itself, for the pages it writes into frames (see :mod:`.framed_pages`).
    search_entries: list[dict] = field(default_factory=list)
    #: The graph downloads, perhaps being written by another process (see :class:`.rdf_views.GraphDownloads`).
    graph_downloads: rdf_views.GraphDownloads | None = None
    #: HTML put into Markdown pages once rendered (page -> blocks, each rendered or still pending until
    #: :func:`_render_html_blocks`; see :mod:`.html_blocks`).
    html_blocks: dict[str, list] = field(default_factory=dict)
    #: The registry's verification reports, published under verification/ (see :mod:`.verification`).
    verification_reports: list = field(default_factory=list)
    #: The build date, version and citation of the registry (see :mod:`.about`).
    about: "about_module.About | None" = None
    #: The site being replaced, whose unchanged files the new one links to (see :mod:`.reuse`).
    previous_site: Path | None = None
    #: Which framed pages may be taken from ``previous_site`` as they are, and the record this build
    #: leaves for the next (see :mod:`.page_cache`).
    page_plan: "page_cache.Plan | None" = None
    #: What ``page_plan`` was made for: the key of the pages' inputs and the previous site's marker (see
    #: :func:`_plan_pages`, which may make it early).
    page_plan_for: tuple | None = None
    page_key: bytes = b""
    page_record: dict | None = None
    #: The saved queries' answers, perhaps worked out by another process (see :class:`.sparql_pages.SavedAnswers`).
    saved_answers: SavedAnswers | None = None
    #: Which Markdown pages MkDocs rendered or took from ``previous_site``, for the next build (see :mod:`.markdown_reuse`).
    markdown_pages: "markdown_reuse.MarkdownPages | None" = None

    def __post_init__(self) -> None:
        @jinja2.pass_context
        def html_block(context, template: str | None = None, **values):
            return html_blocks.render(self, context["page_path"], context["root"], template, **values)

        self.env.globals["html_block"] = html_block

    def render(self, template: str, path: str, **context) -> None:
        root = escaping.Markup("../" * path.count("/"))
        self.html_blocks.pop(path, None)  # a page rendered again (a hook replacing it) keeps only its new blocks
        text = self.env.get_template(template).render(site=self.model, root=root, page_path=path, **context)
        blocks = self.html_blocks.pop(path, None)
        self.write_page(path, text)
        if blocks:
            self.html_blocks[path] = blocks

    def write_page(self, path: str, markdown: str, lang: str = "") -> None:
        """Write a page; its ``# heading`` also becomes its title, in front matter, as plain text; ``lang``, when
        given, the language its content is in when that is not the site's (the hook marks the content with it).

        MkDocs would take the title from the heading's HTML, and the theme prints it through
        ``striptags``, which decodes character references: a ``&#60;script&#62;`` heading
        would come back as a live tag in ``<title>``. :func:`claimgraph.escaping.plain_text` prevents that.
        """
        self.html_blocks.pop(path, None)  # the blocks of a page this one replaces
        target = self.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        text = markdown.lstrip("\n")
        if text.startswith("# ") and not text.startswith("---"):
            # without its attribute list (``{: #claims }``: a heading keeps its id in every language)
            heading = _ATTRIBUTE_LIST.sub("", text.split("\n", 1)[0][2:])
            title = escaping.plain_text(html.unescape(heading))
            language = f"lang: {json.dumps(lang)}\n" if lang else ""
            text = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n{language}---\n\n{text}"
        elif lang and not text.startswith("---"):
            text = f"---\nlang: {json.dumps(lang)}\n---\n\n{text}"
        target.write_text(text.rstrip() + "\n", encoding="utf-8")
        self.pages.add(path)

    def write_file(self, path: str, data: bytes | str) -> None:
        target = self.docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)


ExtraPages = Callable[[SiteBuild], None]

_ATTRIBUTE_LIST = re.compile(r"\s*\{:[^{}]*\}\s*$")


#: Hooks adding pages, run in order after the built-in ones: the SPARQL section (saved queries
#: with their answers, and the in-browser query page; see :mod:`.sparql_pages`).
EXTRA_PAGES: list[ExtraPages] = [sparql_pages]


# ------------------------------------------------------------------ mkdocs


def _footer(model: SiteModel, info, t) -> str | None:
    """The line under every page: the data's licence, the registry's version and the build date."""
    parts = [
        t("Data licence: {licence}", licence=model.licence) if model.licence else None,
        t("registry version {version}", version=info.version) if info and info.version else None,
        t("built {date}", date=info.built) if info and info.built else None,
    ]
    text = " · ".join(p for p in parts if p)
    return escaping.plain_text(text) if text else None


def mkdocs_config(model: SiteModel, nav: list[dict], info=None) -> dict:
    """The generator's configuration (see :func:`.material.config`), in the registry's first language."""
    language = (model.languages or ("en",))[0]
    t = functools.partial(messages.translate, messages.catalogue(language))
    return material.config(
        site_name=escaping.plain_text(model.title),
        description=escaping.plain_text(model.description or model.title),
        language=language,
        languages=model.languages,
        nav=_translated_nav(nav, t),
        not_in_nav=[
            "/argument/*.md",
            "/claims/*.md",
            "/sources/*.md",
            "/measurands/*.md",
            "/sparql/*.md",
            "/report/codes.md",
        ],
        footer=_footer(model, info, t),
    )


def _translated_nav(nav: list, t) -> list:
    return [
        {t(title): _translated_nav(value, t) if isinstance(value, list) else value for title, value in entry.items()}
        for entry in nav
    ]


#: How many findings the home page shows before pointing to the whole report.
TOP_FINDINGS = 10

NAV = [
    {"Home": "index.md"},
    {"Argument": "argument/index.md"},
    {"Claims": "claims/index.md"},
    {"Sources": "sources/index.md"},
    {"Measurands": "measurands/index.md"},
    {"Check report": "report/index.md"},
    {"Vocabulary": "vocabulary/index.md"},
    {"Downloads": "downloads/index.md"},
    {"SPARQL": "sparql/index.md"},
]


# ------------------------------------------------------------------ build


def render_pages(
    build: SiteBuild,
    registry: Registry,
    frames_ready: Callable[[], None] | None = None,
    inputs_ready: Callable[[], None] | None = None,
) -> None:
    """The built-in pages; ``frames_ready`` is called as soon as the frames of the framed pages and the
    navigation are written (the frames can be rendered then, beside the pages still to come), ``inputs_ready``
    before any page is, once the measurands' peers are chosen (see :meth:`.page_cache.Plan.start_early`)."""
    model = build.model
    if build.env.bytecode_cache is None:
        build.env.bytecode_cache = compiled_templates(build.env)
    vocabulary = gather_vocabulary(registry.shape_files)

    by_kind: dict[str, list] = {}
    for m in model.measurands:
        by_kind.setdefault(m.quantity_kind or "", []).append(m)
    for m in model.measurands:
        peers = by_kind.get(m.quantity_kind or "", []) if comparable_kind(m.quantity_kind) else []
        build.measurand_peers[m.iri] = peers if len(peers) <= MAX_PEER_MEASURANDS else []
    if inputs_ready is not None:
        inputs_ready()

    def home_href(path: str) -> str:
        return path[:-3] + ".html"

    def depth1_href(path: str) -> str:
        return "../" + path[:-3] + ".html"

    # the site's words and texts: its language's catalogue, the data in the registry's languages in their order
    say, choose = build.env.globals["t"], build.env.filters["pick"]
    has_argument = any(step.kind != "question" for step in model.steps)
    info = build.about
    # one verdict a conclusion, made once: the home page's boxes, the map's and each conclusion's page say the same
    verdicts = verdict.verdicts(model)
    verdict_of = {v.step.iri: v for v in verdicts}
    build.render(
        "home.md.j2",
        "index.md",
        argument_map=(
            escaping.Markup(argument_map(model, home_href, say, choose, verdict_of)) if has_argument else None
        ),
        verdicts=verdicts,
        top_findings=verdict.by_impact(model)[:TOP_FINDINGS],
        conflicts=verdict.conflicts(model),
        figures=verdict.figures_summary(model),
        verdict_levels=verdict.LEVELS,
        documented=finding_docs.documented_codes(),
        about=info,
    )
    build.render("argument.md.j2", "argument/index.md")
    for step in model.steps:
        build.render("step.md.j2", step.path, step=step, verdict=verdict_of.get(step.iri))

    build.render("claims.md.j2", "claims/index.md")
    build.render("sources.md.j2", "sources/index.md")

    kind_charts = []
    for kind, group in sorted(by_kind.items()):
        if not comparable_kind(kind):
            continue
        claims = [c for m in group for c in m.claims]
        for _unit, pairs in charts.chart_groups(claims):
            if len({c.measurand.iri for c, _ in pairs}) < 2 or len(pairs) > 60:
                continue
            rows = [(f"{c.measurand.name} — {say(charts.source_label(c, choose))}", c, q) for c, q in pairs]
            kind_charts.append(
                escaping.Markup(
                    charts.bar_chart(
                        rows,
                        depth1_href,
                        # the kind by name, as a measurand's page names it in its charts ("Energy"): a CURIE
                        # ("quantitykind:Energy") is read out prefix, colon and all by a screen reader
                        title=say(Phrase.of("{kind}: across systems", kind=local_name(kind) or Phrase.of("Other"))),
                        say=say,
                        choose=choose,
                        numbers=build.env.globals["numbers"],
                    )
                )
            )
    build.render("measurands.md.j2", "measurands/index.md", kind_charts=kind_charts)
    framed_pages.prepare(build)
    _verification_pages(build, registry)
    if frames_ready is not None:
        frames_ready()

    documented = finding_docs.documented_codes()  # cached: the project's shapes are read once a process
    build.render(
        "report.md.j2",
        "report/index.md",
        groups=verdict.report_groups(model),
        counts=_finding_counts(model),
        documented=documented,
        about=build.about,
        meanings=finding_docs.meanings(),
    )
    build.render("codes.md.j2", "report/codes.md", table=escaping.Markup(finding_docs.table()))
    build.render("vocabulary.md.j2", "vocabulary/index.md", vocabulary=vocabulary)
    folder = build.docs / "downloads"
    rdf_views.write_claims_csv(model, folder)
    if build.graph_downloads is None:
        build.graph_downloads = rdf_views.GraphDownloads(registry, folder, fork=False)
    build.graph_downloads.wait()
    build.render("downloads.md.j2", "downloads/index.md", downloads=rdf_views.download_list(folder))


#: The cache folder's folder of the site's templates compiled (see :func:`compiled_templates`).
COMPILED_TEMPLATES = "site-templates"


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's bytecode cache, keyed also by everything else the compiled code depends on: claimgraph's code
    (the sandbox's code generator, the finalize function, the environment's settings), Jinja's version, and
    each filter's and test's way of being called (Jinja compiles a ``pass_context`` filter's call differently;
    a hook may add filters), read when each template is looked up. Jinja itself checks the template's source."""

    def __init__(self, folder: str, env: jinja2.Environment, code_key: bytes):
        super().__init__(folder)
        self._env, self._code_key = env, code_key

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        from jinja2.utils import _PassArg

        env = self._env
        settings = [
            env.block_start_string,
            env.block_end_string,
            env.variable_start_string,
            env.variable_end_string,
            env.comment_start_string,
            env.comment_end_string,
            env.line_statement_prefix,
            env.line_comment_prefix,
            env.trim_blocks,
            env.lstrip_blocks,
            env.newline_sequence,
            env.keep_trailing_newline,
            env.optimized,
            env.is_async,
            sorted(env.extensions),
            type(env).__qualname__,
            env.code_generator_class.__qualname__,
            getattr(env.autoescape, "__qualname__", repr(env.autoescape)),
            env.autoescape is True,
            getattr(env.finalize, "__qualname__", None),
            _PassArg.from_obj(env.finalize) if env.finalize else None,
            env.print_html is not None if hasattr(env, "print_html") else None,
        ]
        for kind, functions in (("filter", env.filters), ("test", env.tests)):
            settings += sorted((kind, name, str(_PassArg.from_obj(function))) for name, function in functions.items())
        digest = hashlib.sha256(self._code_key + repr(settings).encode() + b"\0" + name.encode())
        digest.update(b"\0" + (filename or "").encode())
        return digest.hexdigest()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a folder that cannot be written: the templates are compiled again next time
            pass


def compiled_templates(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """A bytecode cache in the cache folder for the site's own templates (the registry's overrides included):
    compiling the twenty of a build cost ~0.2 s of every build. Like the theme's compiled templates (see
    :func:`.mkdocs_hook.on_env`), used only for the very source compiled, in an environment compiling as this
    one does (:class:`_CompiledTemplates`). None when claimgraph's code cannot be read or the folder made."""
    from ..loading.remembered import _code_key

    try:
        code_key = _code_key() + jinja2.__version__.encode()
        top = file_io.cache_dir() / COMPILED_TEMPLATES
        # one folder per version of the code: the folders of earlier versions, never read again, go
        folder = top / hashlib.sha256(code_key).hexdigest()[:24]
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            for other in top.iterdir():
                if other != folder:
                    shutil.rmtree(other, ignore_errors=True)
    except OSError:
        return None
    return _CompiledTemplates(str(folder), env, code_key)


def _verification_texts(registry: Registry) -> list[tuple]:
    """The registry's verification reports published as pages, each with its page's text."""
    reports = verification.find(registry.root)
    published = []
    for report in reports:
        name = "README.md" if report.path == "verification/index.md" else f"{report.name}.md"
        text = verification.page_text(registry.root / verification.FOLDER / name, reports)
        if text is not None:
            published.append((report, text))
    return published


def _verification_pages(build: SiteBuild, registry: Registry) -> None:
    """The registry's verification reports as pages, and a navigation entry to their index."""
    published = []
    language = (build.model.languages or ("en",))[0]
    for report, text in _verification_texts(registry):
        build.write_page(report.path, text, lang=verification.report_language(text, language))
        published.append(report)
    build.verification_reports = published
    if published:
        entry = next((r.path for r in published if r.path == "verification/index.md"), published[0].path)
        position = next((i for i, item in enumerate(build.nav) if "Check report" in item), len(build.nav) - 1)
        build.nav.insert(position + 1, {"Verification": entry})


def _finding_counts(model: SiteModel) -> dict:
    """How many findings of each severity, code and file: the choices of the report's filters."""
    from collections import Counter

    views = [v.finding for v in model.findings]
    return {
        "severity": dict(Counter(f.severity.label for f in views)),
        "code": sorted(Counter(f.code for f in views).items()),
        "file": sorted(Counter(f.file for f in views if f.file).items()),
    }


def comparable_kind(kind: str | None) -> bool:
    """Whether values of different systems under this quantity kind compare meaningfully on one axis.

    Energies, masses and times do; dimensionless ratios and counts (a share, a growth
    rate, a number of users) measure unrelated things and are charted per measurand only.
    """
    return bool(kind) and not kind.rsplit("/", 1)[-1].startswith("Dimensionless")


def _copy_assets(registry_root: Path | None, docs: Path) -> None:
    """Copy the shipped assets, then the registry's ``site/assets/`` over them.

    A symbolic link is followed only when it resolves inside the folder it belongs to
    (claimgraph's ``site/``, or the registry): a link in a registry pointing elsewhere
    would publish a file from outside it. Such links are skipped with a warning.
    """
    sources = [(PACKAGE_SITE_DIR / "assets", PACKAGE_SITE_DIR.resolve())]
    if registry_root is not None:
        sources.append((registry_root / "site" / "assets", registry_root.resolve()))
    for folder, boundary in sources:
        _copy_inside(folder, docs / "assets", boundary, set())


def _copy_inside(source: Path, target: Path, boundary: Path, seen: set[Path]) -> None:
    real = source.resolve()
    if not real.is_relative_to(boundary):
        log.warning("%s links to %s, outside %s: not published", source, real, boundary)
        return
    if real.is_dir():
        if real in seen:  # a link back up the tree
            return
        target.mkdir(parents=True, exist_ok=True)
        for entry in sorted(source.iterdir()):
            _copy_inside(entry, target / entry.name, boundary, seen | {real})
    elif real.is_file():
        shutil.copyfile(real, target)


def _nav_pages(nav: list) -> list[str]:
    """The pages a ``nav`` names, sections (``{"SPARQL": [{…}, {…}]}``) included."""
    pages = []
    for entry in nav:
        for value in entry.values():
            pages.extend(_nav_pages(value) if isinstance(value, list) else [value])
    return pages


#: Templates claimgraph no longer reads, and what replaced them: a registry overriding one would
#: otherwise see its pages change back without a word.
RETIRED_TEMPLATES = {
    "claim.md.j2": "claim.html.j2",
    "source.md.j2": "source.html.j2",
    "measurand.md.j2": "measurand.html.j2",
}


def _check_retired_templates(registry_root: Path) -> None:
    folder = registry_root / "site" / "templates"
    for old, new in RETIRED_TEMPLATES.items():
        if (folder / old).is_file():
            raise SiteBuildError(
                f"{folder / old}: this template is no longer used: these pages are written as HTML "
                f"from {new} (see claimgraph's site/templates/{new}); rename and rewrite it, "
                "or remove it"
            )


def _check_out_dir(out: Path, registry_root: Path) -> None:
    """Refuse an ``--out`` holding the registry or inside what it reads (``claims/``, ``bib/``, ``site/``…: the
    site's pages would be read as the registry's own files on the next load), as every command writing does."""
    real = out.resolve()
    if file_io.holds_registry(real, registry_root):
        raise SiteBuildError(f"{out}: the output folder would contain the registry; choose another --out", USAGE)
    try:
        file_io.check_output_path(registry_root, out)
    except file_io.OutputRefused as exc:
        raise SiteBuildError(str(exc), USAGE) from None
    if real.exists():
        if not real.is_dir():
            raise SiteBuildError(f"{out}: exists and is not a folder", USAGE)
        if any(real.iterdir()) and not (real / MARKER).exists():
            raise SiteBuildError(
                f"{out}: exists, is not empty and was not built by claimgraph; "
                "refusing to replace it (choose another --out or remove it)",
                USAGE,
            )


def build_site(
    registry: Registry,
    out_dir: str | os.PathLike = "build/site",
    *,
    findings: list[Finding] | None = None,
    extra_pages: Iterable[ExtraPages] | None = None,
    generator: Generator | None = None,
    jobs: int | None = None,
    keep_markdown: str | os.PathLike | None = None,
    skip_unchanged: bool = False,
) -> BuildResult:
    """Build the static site of ``registry`` into ``out_dir``; raise :class:`SiteBuildError` on failure.

    ``findings`` defaults to those of ``claimgraph check`` (:class:`claimgraph.check_cache.Checking`: from
    its cache when the registry's files are unchanged, else checked in a forked child while the registry is read); ``extra_pages`` to :data:`EXTRA_PAGES`; ``generator`` to MkDocs with the Material theme (:mod:`.material`), run with ``jobs``
    processes (default: one per core for large sites). ``keep_markdown``: a folder to keep
    the Markdown staging in (``docs/``, ``mkdocs.yml``), replaced on every build. ``skip_unchanged``:
    for a registry as loaded from its files, do nothing when the site at ``out_dir`` was built from the
    very same inputs and is as that build left it (see :mod:`.unchanged`).
    """
    started = time.monotonic()
    out = Path(out_dir)
    _check_out_dir(out, registry.root)
    _check_retired_templates(registry.root)
    kept = Path(keep_markdown) if keep_markdown is not None else None
    if kept is not None:
        _check_markdown_dir(kept, out, registry.root)
    build_key = None
    if skip_unchanged and findings is None and extra_pages is None and generator is None and kept is None:
        build_key = unchanged.build_key(registry, about_module.build_date(registry.root), find_engine(registry.root))
        done = unchanged.previous_result(out, build_key) if build_key else None
        if done is not None:
            seconds = time.monotonic() - started
            return BuildResult(
                out, None, done["pages"], done["claims"], done["findings"], seconds, done["reused"], True
            )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        # a build killed midway (SIGKILL) left its work folder, or the previous site moved aside
        file_io.clear_leftovers(out)
        # the site is made beside ``out``, on its file system, so that one rename puts it in place;
        # the Markdown it is made from, in a temporary folder (absolute: mkdocs resolves a relative
        # --site-dir against the folder of its config file)
        work = file_io.staging_folder(out)
        staging = file_io.temporary_folder("build")
    except OSError as exc:  # a read-only or full disk: said as such, the previous site untouched
        if "work" in locals():
            shutil.rmtree(work, ignore_errors=True)
        raise SiteBuildError(f"cannot write the site: {exc.strerror or exc}: {exc.filename or out.parent}") from None
    graph_downloads = None
    saved_answers = None
    checking = None
    # Objects made by now (the registry) and by gather (the site model) live until the build ends, and
    # a build makes millions: every full pass of the collector over them cost 0.2-0.4 s, some ten a
    # build. Frozen, the collector passes them by (and forked workers share their memory). Frozen first
    # here, before any forked call of parallel.py, which then leaves the freezing to this build; a host
    # application that froze objects of its own decides itself.
    froze = gc.get_freeze_count() == 0
    collecting = gc.isenabled()  # (paused once the registry is read: see below)
    if froze:
        gc.freeze()
    early: early_frames.EarlyFrames | None = None
    work_handed_over = False
    try:
        docs = staging / "docs"
        docs.mkdir()
        # started first, before any thread of the checks exists: a forked process writes them meanwhile
        fork = (default_jobs(_claim_count(registry)) if jobs is None else jobs) > 1
        graph_downloads = rdf_views.GraphDownloads(registry, docs / "downloads", fork=fork)
        if extra_pages is None:  # the saved queries too (see SavedAnswers), for the SPARQL section's pages
            stamp = page_cache.site_stamp(out.resolve(), MARKER)  # (of the site its answers may be taken from)
            saved_answers = SavedAnswers(registry, docs, fork=fork, out=out, previous_stamp=stamp)
        if findings is None:  # as `claimgraph check` found them, if it ran on these very files, else checked
            # now: in a forked child while the registry is read here (gather asks for them last)
            from .. import check_cache

            checking = check_cache.Checking(registry, fork=fork)
            if checking.call is None:  # not forked: checked here first, with the collector at work
                checking.result()
        # The collector is paused from here to the end of the build: the site model is kept to the end, none
        # of it garbage, and the first pass after a pause would walk everything made during it (~0.4 s at
        # 10,000 claims); the pages' records, search entries and links are kept too, and the passes over
        # them cost ~0.2 s. What the build makes is freed by its count of references, all but the few cycles
        # of the Markdown pages' rendering (in this process: MkDocs renders in processes of its own), which
        # the collector finds once it runs again.
        gc.disable()
        model = gather(registry, checking.result if checking is not None else findings)
        if checking is not None:
            findings = checking.result()
        if froze:
            gc.freeze()
        loader = template_loader(registry.root)
        build = SiteBuild(
            registry,
            model,
            docs,
            make_environment(loader, model.languages),
            nav=[dict(entry) for entry in NAV],
            graph_downloads=graph_downloads,
            about=about_module.about(registry.settings, registry.root),
            saved_answers=saved_answers,
        )
        build.previous_site = reuse.previous_site(out, MARKER)
        try:

            def render_frames_early() -> None:  # beside the pages still to write, and the SPARQL section
                nonlocal early
                nav = early_frames.predicted_nav(build.nav)
                early = early_frames.start(
                    docs,
                    staging / "early",
                    _config_text(model, nav, build.about),
                    _nav_pages(nav),
                    staging / "early-frames",
                    page_cache.inputs_key(registry),
                )

            def compare_early() -> None:
                # the peers are chosen: the framed pages' part of the previous build can be compared with this
                # one's in a child while the pages are rendered here (planned for the verification reports
                # the pages will publish: planned again if they turn out otherwise)
                _plan_pages(build, registry, out, [report for report, _ in _verification_texts(registry)])
                if build.page_plan is not None and build.previous_site is not None:
                    build.page_plan.start_early(model, _framed_things(build))

            default = generator is None and extra_pages is None
            render_pages(build, registry, render_frames_early if default else None, compare_early if default else None)
            for hook in EXTRA_PAGES if extra_pages is None else extra_pages:
                hook(build)
            _plan_pages(build, registry, out)
        except jinja2.TemplateError as exc:
            raise SiteBuildError(f"template error{template_place(exc)}: {exc}") from exc
        _copy_assets(registry.root, docs)
        missing = [page for page in _nav_pages(build.nav) if page not in build.pages]
        if missing:
            raise SiteBuildError(f"pages in the navigation were not written: {', '.join(missing)}")
        config = staging / "mkdocs.yml"
        config.write_text(_config_text(model, build.nav, build.about), encoding="utf-8")
        site = work / "site"
        write_jobs = default_jobs(len(model.claims)) if jobs is None else jobs
        if generator is not None:  # any generator: it renders every page, frames included, then claimgraph writes
            generator(config, site)
            pending = framed_pages.write(build, site, site, write_jobs)
            _render_html_blocks(build)
            html_blocks.place(site, build.html_blocks, _framed_files(model))
            framed_pages.complete(site, pending, build.pages)
        else:
            _run_mkdocs(build, config, site, out, staging, work, jobs, write_jobs, early)
        material.finish_site(site, build.search_entries, model.languages)
        if not (site / "index.html").is_file():
            raise SiteBuildError(f"the generator wrote no index.html into {site}")
        (site / MARKER).write_text("built by claimgraph build; this folder is replaced on every build\n")
        if len(model.claims) >= DETACHED_REMOVAL_CLAIMS:
            previous: list[Path] = []
            file_io.swap_in(site, out, remove=previous.append)
            file_io.remove_detached([work, *(p for p in previous if not p.is_relative_to(work))], out)
            work_handed_over = True
        else:
            file_io.swap_in(site, out)
        _save_page_record(build, out)
        _save_markdown_record(build, out)
        if saved_answers is not None:  # the next build may take its answers again
            saved_answers.remember(page_cache.site_stamp(out.resolve(), MARKER))
        if kept is not None:
            _keep(staging, kept, ("docs", "mkdocs.yml", mkdocs_hook.FRAMED_PAGES))
        framed = framed_pages.framed_pages(model)
        pages = len({p for p in build.pages if not p.endswith("/" + framed_pages.FRAME_NAME)} | framed)
        reused = build.page_plan.reused if build.page_plan else 0
        counts = {"pages": pages, "claims": len(model.claims), "findings": len(findings), "reused": len(framed)}
        # (the framed pages' files as the build left them: some 40,000 stats fewer at 10,000 claims)
        unchanged.remember(out, build_key, counts, page_cache.files_written(build.page_record) if build_key else None)
        file_io.trim_cache()  # the records of the folders built or read least recently go
        seconds = time.monotonic() - started
        reused_markdown = len(build.markdown_pages.taken) if build.markdown_pages else 0
        return BuildResult(out, kept, pages, len(model.claims), len(findings), seconds, reused, False, reused_markdown)
    except SiteBuildError:
        raise
    except OSError as exc:
        raise SiteBuildError(f"cannot write the site: {exc}") from exc
    except Exception as exc:  # a bug: still say where, and leave the previous site alone
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        raise SiteBuildError(
            f"internal error {type(exc).__name__}: {exc} (at {Path(frame.filename).name}:{frame.lineno})"
        ) from exc
    finally:
        if "build" in locals() and build.page_plan is not None:
            build.page_plan.stop()  # (a comparison started early whose answers were not taken)
        if froze:
            # what was made since the freeze (the pages' records, the search entries) joins the oldest
            # generation with the rest (two list splices): the collector, running again, would otherwise
            # walk it all at once on its next pass over the youngest (~0.1 s at 10,000 claims)
            gc.freeze()
            gc.unfreeze()
        if collecting:
            gc.enable()
        if saved_answers is not None:
            saved_answers.stop()
        if checking is not None:
            checking.stop()
        early_frames.stop(early)
        if graph_downloads is not None:
            graph_downloads.stop()
        shutil.rmtree(staging, ignore_errors=True)
        if not work_handed_over:
            shutil.rmtree(work, ignore_errors=True)


def _plan_pages(build: SiteBuild, registry: Registry, out: Path, reports: list | None = None) -> None:
    """What the previous build recorded of its framed pages, if it built the site now at ``out`` from the same
    code, templates and settings (see :mod:`.page_cache`); ``reports``: the verification reports published
    (by default, ``build``'s)."""
    reports = build.verification_reports if reports is None else reports
    key = page_cache.inputs_key(registry, page_cache.fingerprint(reports))
    stamp = page_cache.site_stamp(build.previous_site, MARKER) if build.previous_site else None
    if build.page_plan is not None:
        if build.page_plan_for == (key, stamp):  # made early, for the very same inputs (see build_site)
            return
        build.page_plan.stop()  # (a hook changed what the pages depend on: planned again)
    build.page_key = key
    build.page_plan_for = (key, stamp)
    build.page_plan = page_cache.Plan(page_cache.load(out, stamp, key))


def _framed_things(build: SiteBuild) -> list[tuple[object, list]]:
    """Each framed page's thing and the peers its page compares it with (a measurand's; as
    :func:`.framed_pages.write` gives them to :meth:`.page_cache.Plan.inputs_of`)."""
    model, peers = build.model, build.measurand_peers
    return (
        [(c, []) for c in model.claims]
        + [(s, []) for s in model.sources]
        + [(m, peers.get(m.iri, [])) for m in model.measurands]
    )


def _save_page_record(build: SiteBuild, out: Path) -> None:
    if build.page_record is None:
        page_cache.forget(out)
        return
    page_cache.save(out, dict(build.page_record, stamp=page_cache.site_stamp(out.resolve(), MARKER)))


def _save_markdown_record(build: SiteBuild, out: Path) -> None:
    if build.markdown_pages is None:  # another generator wrote the site
        markdown_reuse.forget(out)
        return
    build.markdown_pages.save(out, page_cache.site_stamp(out.resolve(), MARKER))


def _claim_count(registry: Registry) -> int:
    rows = registry.select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a/rdfs:subClassOf* cg:Claim }")
    return int(rows[0]["n"]) if rows else 0


def _config_text(model: SiteModel, nav: list[dict], info) -> str:
    return yaml.safe_dump(
        {k: v for k, v in mkdocs_config(model, nav, info).items() if v is not None}, sort_keys=False, allow_unicode=True
    )


def _run_mkdocs(
    build: SiteBuild,
    config: Path,
    site: Path,
    out: Path,
    staging: Path,
    work: Path,
    jobs: int | None,
    write_jobs: int,
    early: early_frames.EarlyFrames | None = None,
) -> None:
    """MkDocs renders the Markdown pages into ``site`` while claimgraph writes the framed pages:
    a small ``mkdocs build`` renders the frames alone first (~2 s), then the framed pages are
    written into a folder of their own beside the main build, and moved in when both are done.
    The Markdown pages whose HTML would be the one the site at ``out`` has are taken from it
    (:mod:`.markdown_reuse`)."""
    edited = set(build.html_blocks)  # the pages claimgraph edits once MkDocs has rendered them
    previous = build.previous_site
    build.markdown_pages = markdown_reuse.prepare(
        config,
        build.docs,
        out,
        previous,
        page_cache.site_stamp(previous, MARKER) if previous is not None else None,
        build.page_key,
        edited,
    )
    to_render = len(build.markdown_pages.keys) - build.markdown_pages.listed
    mkdocs_jobs = default_jobs(to_render) if jobs is None else jobs
    if not framed_pages.framed_pages(build.model):  # a registry with no claim, source or measurand yet
        running = material.start(config, site, jobs=mkdocs_jobs)
        try:
            _render_html_blocks(build)
        except BaseException:
            material.finish(running, stop=True)
            raise
        search_docs = material.finish(running)
        build.markdown_pages.collect(site, search_docs, edited)
        html_blocks.place(site, build.html_blocks)
        framed_pages.complete(site, [], build.pages)
        return
    main = material.start(config, site, jobs=mkdocs_jobs, frames="skip")
    try:
        # rendered already if the navigation came out as predicted (see :mod:`.early_frames`)
        frames = early_frames.take(early, config.read_text(encoding="utf-8"))
        if frames is None:
            frames = staging / "frames"
            material.finish(material.start(config, frames, jobs=1, frames="only"))
        framed = work / "framed"  # moved into the site: on its file system
        pending = framed_pages.write(build, frames, framed, write_jobs)
        _render_html_blocks(build)  # (while MkDocs still renders: it reads only their placeholders)
    except BaseException:
        material.finish(main, stop=True)
        raise
    search_docs = material.finish(main)
    build.markdown_pages.collect(site, search_docs, edited)
    framed_pages.place(framed, site)
    html_blocks.place(site, build.html_blocks, _framed_files(build.model))
    framed_pages.complete(site, pending, build.pages)


def _render_html_blocks(build: SiteBuild) -> None:
    """The long tables the Markdown pages asked for (see :func:`.html_blocks.render`), a template's error said
    as one in a page is."""
    try:
        html_blocks.finish(build.html_blocks)
    except jinja2.TemplateError as exc:
        raise SiteBuildError(f"template error{template_place(exc)}: {exc}") from exc


def _framed_files(model: SiteModel) -> set[str]:
    """The framed pages' files in the site (``claims/<slug>.html``…): all there once :func:`.framed_pages.write`
    has returned (it fails the build otherwise) and its folder is in place."""
    return {path[:-3] + ".html" for path in framed_pages.framed_pages(model)}


def _check_markdown_dir(kept: Path, out: Path, registry_root: Path) -> None:
    """Refuse a ``--keep-markdown`` folder that is the registry's, the site's or someone else's: a usage
    error, as the same mistakes with ``--out`` are (:func:`_check_out_dir`)."""
    real, site, root = kept.resolve(), out.resolve(), registry_root.resolve()
    if (
        real == root
        or root.is_relative_to(real)
        or real.is_relative_to(root / "claims")
        or real.is_relative_to(root / "bib")
    ):
        raise SiteBuildError(
            f"{kept}: --keep-markdown would hold or overwrite the registry; choose another folder", USAGE
        )
    if real == site or real.is_relative_to(site) or site.is_relative_to(real):
        raise SiteBuildError(f"{kept}: --keep-markdown must be a folder apart from the site (--out)", USAGE)
    if real.exists() and (not real.is_dir() or (any(real.iterdir()) and not (real / "mkdocs.yml").exists())):
        raise SiteBuildError(
            f"{kept}: exists and is not a folder of Markdown an earlier build kept; choose another folder or remove it",
            USAGE,
        )


def _keep(staging: Path, target: Path, names: tuple[str, ...]) -> None:
    """Copy the Markdown staging to ``target`` (replacing what an earlier build kept there)."""
    fresh = (
        Path(tempfile.mkdtemp(prefix=f".{target.name}.markdown-", dir=target.parent))
        if target.parent.exists()
        else None
    )
    if fresh is None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.markdown-", dir=target.parent))
    try:
        for name in names:
            source = staging / name
            if source.is_dir():
                shutil.copytree(source, fresh / name)
            elif source.exists():
                shutil.copy2(source, fresh / name)
        file_io.swap_in(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
