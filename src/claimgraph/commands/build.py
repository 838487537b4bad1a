"""``claimgraph build``: the reviewers' static site (Jinja2 -> Markdown -> MkDocs Material)."""

from __future__ import annotations

import sys

from .common import (
    EXIT_FINDINGS,
    EXIT_OK,
    allow_load_errors_option,
    exit_code,
    load_registry,
    refuse_partial,
    registry_option,
)


def register(sub) -> None:
    parser = sub.add_parser(
        "build",
        help="build the reviewers' static site",
        description="Render the registry into Markdown pages (templates in site/templates, "
        "overridable by the registry) and build the static site with MkDocs "
        "(Material theme, --strict); the pages of claims, sources and measurands "
        "are written from HTML templates into frames MkDocs renders once, their "
        "links checked as --strict would. A failed build leaves any previous site "
        "intact.",
    )
    registry_option(parser)
    parser.add_argument(
        "--out",
        "-o",
        metavar="DIR",
        default="build/site",
        help="output folder of the site (default: build/site); nothing else is written beside "
        "it (the Markdown is staged in a temporary folder)",
    )
    parser.add_argument(
        "--keep-markdown",
        metavar="DIR",
        help="also keep the Markdown pages and mkdocs.yml the site was built from in DIR "
        "(replaced on every build), for inspection",
    )
    parser.add_argument(
        "--jobs",
        "-j",
        metavar="N",
        type=_jobs,
        default=None,
        help="processes rendering the pages side by side, for MkDocs and for the framed "
        "pages (default: one per core for large sites, one for small ones)",
    )
    allow_load_errors_option(parser, "build the site")
    parser.set_defaults(func=run)


def _jobs(text: str) -> int:
    import argparse

    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 64, not {text!r}")
    return int(text)


def run(args) -> int:
    import time

    from ..checks import import_families_in_background

    started = time.monotonic()  # the time a user waits: loading the registry included
    # the site's modules and the checks' (which the check forked beside the site's model reads, and whose number
    # reader the claims' pages use) are imported while Oxigraph parses the registry's files, the GIL free: at
    # 10,000 claims they were a tenth of a second on the critical path of the build and of its check
    importing = import_families_in_background("claimgraph.site.build", "claimgraph.numbers_in_text")
    try:
        # every file's reading remembered by its content, as check does: after an edit, only the edited files
        # are indexed and parsed again
        registry = load_registry(args, remember_readings=True)
    finally:
        importing.finish()
    from ..site import SiteBuildError, build_site
    from ..site.messages import english_count, interface_language

    if refuse_partial(registry, args, "site"):  # the previous site stays: it is not replaced by a partial one
        return EXIT_FINDINGS
    first = (registry.settings.languages or ("en",))[0]
    if interface_language(first) != first:
        print(
            f"claimgraph build: no interface words in {first!r} (languages in claimgraph.toml): the site's "
            'interface is English (lang="en"), its data in the registry\'s languages',
            file=sys.stderr,
        )
    try:
        result = build_site(registry, args.out, jobs=args.jobs, keep_markdown=args.keep_markdown, skip_unchanged=True)
    except SiteBuildError as exc:
        print(f"claimgraph build: failed, previous site left as it was: {exc}", file=sys.stderr)
        return exit_code(exc.kind)  # 2 for an --out refused, 1 for a site that could not be made
    if result.unchanged:
        print(
            f"claimgraph build: unchanged since the last build, nothing to do: {english_count(result.pages, 'page')} "
            f"({english_count(result.claims, 'claim')}, {english_count(result.findings, 'finding')}) "
            f"-> {result.out_dir}/index.html",
            file=sys.stderr,
        )
        return EXIT_OK
    print(
        f"claimgraph build: {english_count(result.pages, 'page')} ({english_count(result.claims, 'claim')}, "
        f"{english_count(result.findings, 'finding')}) "
        f"in {time.monotonic() - started:.1f} s -> {result.out_dir}/index.html",
        file=sys.stderr,
    )
    return EXIT_OK
