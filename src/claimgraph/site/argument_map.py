"""The argument map of the home page: the question, the steps and the conclusions, each beside the
claims it uses.

Written as HTML laid out by CSS (``.cg-argument-map`` in ``claimgraph.css``), not as SVG: a label
wraps inside its box at any width, as whole text at a fixed size in pixels, where an SVG scaled to a
phone shrinks its text and has no wrapping of its own. On a wide screen the claims stand to the
right of their step; on a phone they go under it.

Its words are the site's: the interface's words through the catalogue of :mod:`.messages` (``t``), the
data's texts in the registry's languages in their order (``choose``), as the templates take them.

Every piece of text from the data goes through :func:`claimgraph.escaping.html_text`; every link is a page
path built by the site model and made relative by the caller's ``href`` function; colours are the
site model's status colours, taken only when they are plain hex colours.

The home page's Markdown holds only a placeholder for the map (``html_block("argument-map.html.j2")`` in
``home.md.j2``): the map is put into the page after MkDocs has rendered it, its links checked, as the long
tables are (see :mod:`.html_blocks`, which says why and what it means for the search index).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from ..escaping import html_text
from . import messages
from .model import NO_STATUS_COLOUR, SiteModel, Status, pick

if TYPE_CHECKING:
    from .verdict import Verdict

Href = Callable[[str], str]
#: the site's ``t``: a catalogue message in the interface's language, its ``{name}`` fields filled
Translate = Callable[..., str]
#: the site's ``pick`` filter: a text by language in the registry's languages, in their order
Choose = Callable[[dict[str, str]], "str | None"]


def _english(text: str, **values: object) -> str:
    return messages.translate({}, text, **values)


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


def _legend(statuses: list[Status], t: Translate, choose: Choose) -> str:
    items = [(s.colour, choose(s.label) or s.key) for s in statuses] + [(NO_STATUS_COLOUR, t("no status"))]
    # the list is named by a group around it: a name on the <ul> itself is allowed but not recommended (HTML
    # validators say so), and an explicit role="list" on it would be redundant
    return (
        f'<div role="group" aria-label="{html_text(t("Verification statuses"))}"><ul class="cg-map-legend">'
        + "".join(
            f'<li><span class="cg-map-swatch" style="background:{_colour(colour)}"></span>{html_text(label)}</li>'
            for colour, label in items
        )
        + "</ul></div>"
    )


def argument_map(
    model: SiteModel,
    href: Href,
    t: Translate = _english,
    choose: Choose = pick,
    verdicts: dict[str, Verdict] | None = None,
) -> str:
    """The argument as rows, one per step in reading order, in the words of ``t`` and ``choose`` (the site's
    language; English and the English texts of the data by default).

    A conclusion's box says its verdict, the one the home page gives it (``verdicts``, by the step's IRI,
    from :func:`.verdict.verdicts`), in words: its border keeps the colour of its weakest claim's status,
    so the legend of statuses holds for every box.

    A step's border takes the colour of the weakest claim it uses; each claim box is filled with the
    colour of its own status. Claims that challenge the step have a dashed border; those that only
    set its context are outlined in their colour rather than filled.
    """
    rows: list[str] = []
    for step in model.steps:
        kind = t(KIND_LABELS.get(step.kind, "Step"))
        number = f" {step.order}" if step.order is not None else ""
        title = " ".join((choose(step.label) or choose(step.question) or step.slug).split())
        tooltip = t("{kind}{number}: {title}", kind=kind, number=number, title=title)
        judged = (verdicts or {}).get(step.iri)
        verdict_words = t(judged.label) if judged is not None else ""
        if verdict_words:
            tooltip += f" — {verdict_words}"
        weakest = step.weakest
        if weakest is not None and weakest.status is not None:
            weakest_words = t("(weakest claim: {status})", status=choose(weakest.status.label) or weakest.status.key)
            tooltip += " " + weakest_words
        node = (
            f'<a class="cg-node cg-step" href="{html_text(href(step.path))}" title="{html_text(tooltip)}" '
            f'style="border-color:{_colour(step.colour)}">'
            f'<span class="cg-map-kind">{html_text(kind + number)}</span>'
            f'<span class="cg-map-label">{html_text(title)}</span>'
            + (
                f'<span class="cg-map-verdict cg-verdict-{html_text(judged.level)}">{html_text(verdict_words)}</span>'
                if judged is not None
                else ""
            )
            + "</a>"
        )
        chips: list[str] = []
        uses = step.uses[:MAX_CHIPS_PER_STEP]
        for claim, role in uses:
            status = (choose(claim.status.label) or claim.status.key) if claim.status else t("no status")
            tip = t(
                "{statement} — {status}; {role}",
                statement=" ".join((choose(claim.statement) or claim.name).split()),
                status=status,
                role=t(ROLE_LABELS[role]) if role in ROLE_LABELS else role,
            )
            role_class = f" cg-role-{role}" if role in ROLE_LABELS else ""
            chips.append(
                f'<li><a class="cg-node cg-claim{role_class}" href="{html_text(href(claim.path))}" '
                f'title="{html_text(tip)}" style="--cg-status:{_colour(claim.colour)}">'
                f'<span class="cg-map-label">{html_text(" ".join(claim.short.split()))}</span></a></li>'
            )
        more = len(step.uses) - len(uses)
        if more:
            more_words = t("+{count} more claim" if more == 1 else "+{count} more claims", count=more)
            chips.append(
                f'<li><a class="cg-node cg-claim cg-more" href="{html_text(href(step.path))}">'
                f'<span class="cg-map-label">{html_text(more_words)}</span></a></li>'
            )
        claims = f'<ul class="cg-map-claims">{"".join(chips)}</ul>' if chips else ""
        rows.append(f'<li class="cg-map-row">{node}{claims}</li>')
    steps = (
        f'<ol class="cg-map-steps">{"".join(rows)}</ol>'
        if rows
        else f'<p class="cg-map-empty">{html_text(t("No argument steps yet."))}</p>'
    )
    label = t("Argument map: question, steps, claims and conclusions")
    return (
        f'<div class="cg-argument-map" role="group" aria-label="{html_text(label)}">'
        f"{_legend([s for s in model.statuses if s.claims], t, choose)}{steps}</div>"
    )
