"""The argument map of the home page: the question, the steps and the conclusions, each beside the
claims it uses.

Written as HTML laid out by CSS (``.cg-argument-map`` in ``claimgraph.css``), not as SVG: a label
wraps inside its box at any width, as whole text at a fixed size in pixels, where an SVG scaled to a
phone shrinks its text and has no wrapping of its own. On a wide screen the claims stand to the
right of their step; on a phone they go under it.

Every piece of text from the data goes through :func:`claimgraph.escaping.html_text`; every link is a page
path built by the site model and made relative by the caller's ``href`` function; colours are the
site model's status colours, taken only when they are plain hex colours.

The home page's Markdown holds only a placeholder for the map (``html_block("argument-map.html.j2")`` in
``home.md.j2``): the map is put into the page after MkDocs has rendered it, its links checked, as the long
tables are (see :mod:`.html_blocks`, which says why and what it means for the search index).
"""

from __future__ import annotations

import re
from typing import Callable

from ..escaping import html_text
from .model import NO_STATUS_COLOUR, SiteModel, Status, pick

Href = Callable[[str], str]

ROLE_LABELS = {
    "supports": "supports the step",
    "challenges": "challenges the step",
    "context": "sets the context",
    "uses": "used by the step",
}
#: Beyond this many claims on one step, the map shows a "+N more" box linking to the step page.
MAX_CHIPS_PER_STEP = 30
KIND_LABELS = {"question": "Question", "conclusion": "Conclusion"}
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")


def _colour(value: str | None) -> str:
    return value if value and _HEX_COLOUR.fullmatch(value) else NO_STATUS_COLOUR


def _legend(statuses: list[Status]) -> str:
    items = [(s.colour, pick(s.label) or s.key) for s in statuses] + [(NO_STATUS_COLOUR, "no status")]
    return (
        '<ul class="cg-map-legend" aria-label="Verification statuses">'
        + "".join(
            f'<li><span class="cg-map-swatch" style="background:{_colour(colour)}"></span>{html_text(label)}</li>'
            for colour, label in items
        )
        + "</ul>"
    )


def argument_map(model: SiteModel, href: Href) -> str:
    """The argument as rows, one per step in reading order.

    A step's border takes the colour of the weakest claim it uses; each claim box is filled with the
    colour of its own status. Claims that challenge the step have a dashed border; those that only
    set its context are outlined in their colour rather than filled.
    """
    rows: list[str] = []
    for step in model.steps:
        kind = KIND_LABELS.get(step.kind, "Step")
        number = f" {step.order}" if step.order is not None else ""
        title = " ".join((pick(step.label) or pick(step.question) or step.slug).split())
        tooltip = f"{kind}{number}: {title}"
        weakest = step.weakest
        if weakest is not None and weakest.status is not None:
            tooltip += f" (weakest claim: {pick(weakest.status.label) or weakest.status.key})"
        node = (
            f'<a class="cg-node cg-step" href="{html_text(href(step.path))}" title="{html_text(tooltip)}" '
            f'style="border-color:{_colour(step.colour)}">'
            f'<span class="cg-map-kind">{html_text(kind + number)}</span>'
            f'<span class="cg-map-label">{html_text(title)}</span></a>'
        )
        chips: list[str] = []
        uses = step.uses[:MAX_CHIPS_PER_STEP]
        for claim, role in uses:
            status = pick(claim.status.label) if claim.status else "no status"
            tip = f"{' '.join((pick(claim.statement) or claim.slug).split())} — {status}; {ROLE_LABELS.get(role, role)}"
            role_class = f" cg-role-{role}" if role in ROLE_LABELS else ""
            chips.append(
                f'<li><a class="cg-node cg-claim{role_class}" href="{html_text(href(claim.path))}" '
                f'title="{html_text(tip)}" style="--cg-status:{_colour(claim.colour)}">'
                f'<span class="cg-map-label">{html_text(" ".join(claim.short.split()))}</span></a></li>'
            )
        more = len(step.uses) - len(uses)
        if more:
            chips.append(
                f'<li><a class="cg-node cg-claim cg-more" href="{html_text(href(step.path))}">'
                f'<span class="cg-map-label">+{more} more claims</span></a></li>'
            )
        claims = f'<ul class="cg-map-claims">{"".join(chips)}</ul>' if chips else ""
        rows.append(f'<li class="cg-map-row">{node}{claims}</li>')
    steps = (
        f'<ol class="cg-map-steps">{"".join(rows)}</ol>'
        if rows
        else '<p class="cg-map-empty">No argument steps yet.</p>'
    )
    return (
        '<div class="cg-argument-map" role="group" '
        'aria-label="Argument map: question, steps, claims and conclusions">'
        f"{_legend([s for s in model.statuses if s.claims])}{steps}</div>"
    )
