"""The query page of ``claimgraph serve``, rendered by the site's one template environment (escaping by
the template's suffix, the same filters), from the template shipped beside the endpoint
(``claimgraph/sparql/endpoint_page/page.html.j2``). The endpoint sits below the site in the layers, so
the command line hands this renderer to it (``SparqlServer(page=endpoint_page)``)."""

from __future__ import annotations

from markupsafe import Markup

from ..sparql.server import PAGE_FOLDER, SparqlServer, saved_queries_json
from .environment import make_environment


def endpoint_page(app: SparqlServer) -> str:
    """The page for ``app``: rendered once (its registry, saved queries and limits do not change while it
    serves), then the same text for every request."""
    rendered = app.__dict__.get("_rendered_page")
    if rendered is None:
        env = make_environment([PAGE_FOLDER], app.registry.settings.languages)
        rendered = env.get_template("page.html.j2").render(
            title=app.registry.settings.title,
            endpoint=app.endpoint,
            timeout=f"{app.timeout:g}",
            saved=app.saved,
            saved_json=Markup(saved_queries_json(app)),
        )
        app.__dict__["_rendered_page"] = rendered
    return rendered
