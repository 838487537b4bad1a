"""The reviewers' static site: registry -> Markdown (Jinja2 templates in ``site/``) -> MkDocs Material.

Library entry point: :func:`build_site`. The modules follow the build's steps:
:mod:`.model` gathers what the pages need, :mod:`claimgraph.escaping` makes data inert,
:mod:`.charts` draws the SVG, :mod:`.rdf_views` writes the machine-readable views
(a thing's own triples, the downloads), :mod:`.vocabulary` documents ``ontology/``,
:mod:`.sparql_pages` writes the SPARQL section (saved queries answered at build time, a
query page that runs in the browser), :mod:`.environment` is the one Jinja2 environment of
every template (Markdown or HTML by the template's name; the interface's words from
:mod:`.messages`, in the registry's first language), :mod:`.material` runs MkDocs with the
Material theme and holds all that knows the theme (with :mod:`.mkdocs_hook`; a successor
generator replaces that one module), :mod:`.framed_pages` writes the pages of claims, sources and
measurands into the frames MkDocs rendered, :mod:`.html_blocks` puts the long tables of
the lists into their pages, :mod:`.links` checks the links of everything claimgraph wrote
as HTML, :mod:`.build` renders and swaps.
"""

from .build import EXTRA_PAGES, BuildResult, SiteBuild, SiteBuildError, build_site

__all__ = ["EXTRA_PAGES", "BuildResult", "SiteBuild", "SiteBuildError", "build_site"]
