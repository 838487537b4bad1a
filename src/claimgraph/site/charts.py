"""SVG drawn at build time: the bar charts of measurands (the argument map is HTML: see
:mod:`.argument_map`).

No JavaScript and no chart library: the SVG is written as text, every piece of
text from the data goes through :func:`claimgraph.escaping.html_text`, and every link is a
page path built by the site model (``[a-z0-9._-]`` only) made relative by the
caller's ``href`` function. Each bar carries a ``<title>`` with the full
text, since labels are shortened to fit.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Callable

from ..escaping import html_text
from ..quantities import format_number
from ..quantities import (
    Quantity,
    UnknownUnit,
    convert,
    format_quantity,
    format_significant,
    is_difference,
    power_of_ten,
)
from ..quantities import reads_positionally
from .messages import Phrase
from .model import Claim, Measurand, pick

Href = Callable[[str], str]
#: the site's ``pick``: a text by language in the registry's languages, in their order
Choose = Callable[[dict[str, str]], "str | None"]

_FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif\""


def shorten(text: str | None, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: max(1, limit - 1)].rstrip() + "…"


#: roughly how wide a character of the charts' 12px sans-serif text is (an average over Latin letters and digits,
#: rounded up): a chart cannot measure its text, but must leave room for it (nothing is cut at its right edge)
_CHARACTER_WIDTH = 7.0


def text_width(text: str) -> float:
    """About how wide ``text`` is drawn in a chart's 12px type."""
    return len(text) * _CHARACTER_WIDTH


def _link(href: str, inner: str, title: str) -> str:
    return f'<a href="{html_text(href)}"><title>{html_text(title)}</title>{inner}</a>'


# ------------------------------------------------------------------ bar charts


def _bar_quantity(claim: Claim) -> Quantity | None:
    return claim.normalised or claim.value


def chart_groups(claims: list[Claim]) -> list[tuple[str, list[tuple[Claim, Quantity]]]]:
    """Claims with a number, grouped by the unit they can be compared in (normalised when possible),
    each group shown in the unit most of its claims are written in (see :func:`_in_written_unit`)."""
    groups: dict[str, list[tuple[Claim, Quantity]]] = {}
    for claim in claims:
        q = _bar_quantity(claim)
        if q is None or (q.value is None and not q.is_range):
            continue
        groups.setdefault(q.unit or "", []).append((claim, q))
    return sorted(((unit, _in_written_unit(pairs)) for unit, pairs in groups.items()), key=lambda kv: -len(kv[1]))


def _in_written_unit(pairs: list[tuple[Claim, Quantity]]) -> list[tuple[Claim, Quantity]]:
    """One chart's figures in the unit most of its claims are written in, as check's messages about
    conflicts give them: halving times in months, training times in days, whatever unit the
    comparison ran in. A claim written in that unit keeps its figure as written."""
    written = Counter(c.value.unit for c, _ in pairs if c.value is not None and c.value.unit)
    if not written:
        return pairs
    target = written.most_common(1)[0][0]
    if all(q.unit == target for _, q in pairs):
        return pairs
    out = []
    # a warming in °C and one in K are one quantity, without the 273.15 of a temperature's offset
    kinds = {c.measurand.quantity_kind for c, _ in pairs if c.measurand is not None}
    catalogue = pairs[0][0].catalogue  # the registry's units: the unit most claims are written in may be its own
    difference = len(kinds) == 1 and is_difference(next(iter(kinds)), catalogue)
    try:
        for claim, q in pairs:
            if claim.value is not None and claim.value.unit == target:
                out.append((claim, claim.value))
                continue
            out.append(
                (
                    claim,
                    Quantity(
                        unit=target,
                        **{
                            name: None
                            if number is None
                            else convert(number, q.unit, target, catalogue, difference=difference)
                            for name, number in (("value", q.value), ("lower", q.lower), ("upper", q.upper))
                        },
                    ).with_declared_symbol(catalogue),
                )
            )
    except (UnknownUnit, ValueError):  # a unit no rule resolves (CG331 says so): the comparison's unit
        return pairs
    return out


def round_ticks(lo: float, hi: float, most: int = 6) -> list[float]:
    """Ticks at round numbers (1, 2 or 5 times a power of ten apart) covering [lo, hi], at most ``most``."""
    span = hi - lo
    if span <= 0:
        return [lo]
    for step in (
        m * 10**e
        for e in range(math.floor(math.log10(span / most)), math.ceil(math.log10(span)) + 2)
        for m in (1, 2, 5)
    ):
        first = math.ceil(lo / step - 1e-9)
        last = math.floor(hi / step + 1e-9)
        if last - first + 1 <= most:
            # products of a float step drift (0.30000000000000004): round to the step's own decimals
            digits = max(0, -math.floor(math.log10(step)))
            return [round(k * step, digits) for k in range(first, last + 1)]
    return [lo, hi]


def chart_csv(rows: list[tuple[str, Claim, Quantity]], choose: Choose = pick) -> str:
    """A chart's figures as CSV: who says it, the claim, the value (or range) in the chart's unit, the status."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["label", "claim", "value", "lower", "upper", "unit", "status", "counts"])
    for label, claim, q in rows:
        writer.writerow(
            [
                label,
                claim.iri,
                # as the claims' tables write numbers (400, not 400.0; 1.3), 3.14E23 where they print 3.14 × 10²³
                "" if q.value is None else format_number(q.value, csv=True),
                "" if q.lower is None else format_number(q.lower, csv=True),
                "" if q.upper is None else format_number(q.upper, csv=True),
                q.unit or "",
                claim.status.key if claim.status else "",
                choose(claim.counts) or "",
            ]
        )
    return out.getvalue()


def bar_chart(
    rows: list[tuple[str, Claim, Quantity]],
    href: Href,
    *,
    title: str,
    highlight: Measurand | None = None,
    say: Callable[..., str] = str,
    choose: Choose = pick,
    numbers: Callable[[str], str],
    title_part_language: tuple[str, str] = ("", ""),
) -> str:
    """Horizontal bars, one per (label, claim, quantity), all in the same unit; ranges drawn as spans; the
    tooltips in the words of ``say`` (the site's ``t``) and the texts ``choose`` picks (the site's ``pick``);
    the figures and the axis's numbers as ``numbers`` writes them (the site's language: "1.234,5" in German;
    asked for, never a default: a chart drawn without it printed "11800 kg/ha" on a page saying "11.800 kg/ha").

    A logarithmic axis is used when the values span more than two orders of magnitude. ``title_part_language``:
    a part of the title in a language other than the page's, and that language (an Italian measurand's name in
    "emissioni di CO2: values across sources"), marked so in the title.
    """
    if not rows:
        return ""
    label_w, plot_w, bar_h, gap, top = 330, 520, 22, 8, 34
    values = [v for _, _, q in rows for v in (q.value, q.lower, q.upper) if v is not None]
    positive = [v for v in values if v > 0]
    log = len(positive) == len(values) and len(positive) > 1 and max(positive) / min(positive) > 100
    if log:
        lo, hi = math.floor(math.log10(min(positive))), math.ceil(math.log10(max(positive)))
        hi = hi if hi > lo else lo + 1

        def scale(v: float) -> float:
            return plot_w * (math.log10(v) - lo) / (hi - lo)
    else:
        lo, hi = min(0.0, min(values)), max(0.0, max(values))
        hi = hi if hi > lo else lo + 1

        def scale(v: float) -> float:
            return plot_w * (v - lo) / (hi - lo)

    unit = rows[0][2].unit_symbol

    def shown(claim: Claim, number: float) -> str:
        # a converted figure carries the conversion's digits (28 days in months: 0.94816933898): round it;
        # a figure as the source printed it keeps every digit
        stated = claim.value
        if stated is not None and stated.unit == rows[0][2].unit:
            return format_number(number)
        # as many digits as the source printed (1287 MWh is 1.287 GWh), at least three
        printed = (
            [format_number(x) for x in (stated.value, stated.lower, stated.upper) if x is not None]
            if stated is not None
            else []
        )
        digits = max([3] + [len(p.replace("-", "").replace(".", "").strip("0")) for p in printed])
        return format_significant(number, digits)

    def figure(claim: Claim, q: Quantity) -> str:
        """The bar's figure in the chart's unit, unless no one unit reads well for all of them: on a logarithmic
        axis (figures orders of magnitude apart: 0.3 Wh, 1287 MWh, 460 TWh), or where the chart's unit needs a
        power of ten (0.3 Wh in TWh is 3 × 10⁻¹³ TWh), the figure as its claim states it, in its own unit."""
        ends = [q.lower, q.upper] if q.is_range else [q.value]
        stated = claim.value
        if (
            stated is not None
            and stated.unit != q.unit
            and (log or not all(reads_positionally(end) for end in ends if end is not None))
            and all(reads_positionally(end) for end in (stated.value, stated.lower, stated.upper) if end is not None)
        ):
            return numbers(format_quantity(stated))
        return numbers(f"{'–'.join(shown(claim, end) for end in ends if end is not None)} {unit}".strip())

    # a negative bar's figure stands beyond its far (left) end, as a positive bar's beyond its right one: the
    # plot starts that much further right, so that the most negative figure clears the rows' labels
    negative = [figure(claim, q).strip() for _, claim, q in rows if not log and not q.is_range and q.value < 0]
    x0 = label_w + 10 + max((math.ceil(text_width(text)) + 12 for text in negative), default=0)
    height = top + len(rows) * (bar_h + gap) + 34
    right = x0 + plot_w + 110  # the chart's width, wider where a figure written after its bar needs it
    heading = html_text(shorten(title, 110))
    part, part_language = title_part_language
    if part and part_language and html_text(part) in heading:
        # (xml:lang: the attribute SVG takes, in a page and in the .svg file alike)
        heading = heading.replace(
            html_text(part), f'<tspan xml:lang="{html_text(part_language)}">{html_text(part)}</tspan>', 1
        )
    parts = [f'<text x="10" y="20" font-size="13" font-weight="600">{heading}</text>']
    zero = x0 + (0 if log else scale(0.0))
    for i, (label, claim, q) in enumerate(rows):
        y = top + i * (bar_h + gap)
        faded = highlight is not None and claim.measurand is not highlight
        opacity = ' fill-opacity="0.45"' if faded else ""
        if q.is_range:
            a, b = x0 + scale(q.lower), x0 + scale(q.upper)
            shape = (
                f'<rect x="{min(a, b):.1f}" y="{y + 4}" width="{max(2.0, abs(b - a)):.1f}" height="{bar_h - 8}" '
                f'fill="{claim.colour}"{opacity}/>'
                f'<path d="M{a:.1f} {y} V{y + bar_h} M{b:.1f} {y} V{y + bar_h}" stroke="{claim.colour}" '
                f'stroke-width="2"/>'
            )
            end = max(a, b)
            text = figure(claim, q)
            left = False
        else:
            v = x0 + scale(q.value)
            start = x0 if log else zero
            shape = (
                f'<rect x="{min(start, v):.1f}" y="{y}" width="{max(2.0, abs(v - start)):.1f}" '
                f'height="{bar_h}" fill="{claim.colour}"{opacity}/>'
            )
            end = max(start, v)
            text = figure(claim, q)
            left = v < start  # a negative value: its figure at the bar's far end, left of it
            if left:
                end = v
        status = (choose(claim.status.label) or claim.status.key) if claim.status else say("no status")
        tip = f"{label}: {text.strip()} ({status}) — {choose(claim.statement) or claim.name}"
        inner = (
            f'<text x="{label_w}" y="{y + 15}" font-size="12" text-anchor="end" fill="#212121">'
            f"{html_text(shorten(label, 52))}</text>{shape}"
            + (
                f'<text x="{end - 6:.1f}" y="{y + 15}" font-size="12" text-anchor="end" fill="#37474f">'
                if left
                else f'<text x="{end + 6:.1f}" y="{y + 15}" font-size="12" fill="#37474f">'
            )
            + f"{html_text(text.strip())}</text>"
        )
        if not left:
            right = max(right, math.ceil(end + 6 + text_width(text.strip()) + 10))
        parts.append(f'<g class="cg-bar">{_link(href(claim.path), inner, tip)}</g>')
    axis_y = top + len(rows) * (bar_h + gap)
    parts.append(f'<path d="M{x0} {top - 4} V{axis_y} H{x0 + plot_w}" stroke="#90a4ae" fill="none"/>')
    if log:
        # at most seven decades labelled (their labels overlap beyond); all as powers of ten when one must be
        decades = range(lo, hi + 1, -(-(hi - lo + 1) // 7))
        positional = all(reads_positionally(10**e) for e in decades)
        ticks = [(x0 + scale(10**e), format_number(10**e) if positional else power_of_ten(e)) for e in decades]
    else:
        ticks = [(x0 + scale(t), format_number(t)) for t in round_ticks(lo, hi)]
    for tx, tl in ticks:
        tl = numbers(tl)
        parts.append(
            f'<path d="M{tx:.1f} {axis_y} v4" stroke="#90a4ae"/>'
            f'<text x="{tx:.1f}" y="{axis_y + 16}" font-size="12" text-anchor="middle" fill="#546e7a">'
            f"{html_text(tl)}</text>"
        )
    scale_note = f"{unit} {say('(logarithmic scale)')}" if log else unit
    parts.append(
        f'<text x="{x0 + plot_w}" y="{axis_y + 30}" font-size="12" text-anchor="end" fill="#546e7a">'
        f"{html_text(scale_note)}</text>"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cg-chart" viewBox="0 0 {right} {height}" '
        f'width="100%" role="group" aria-label="{html_text(title)}" {_FONT}>{"".join(parts)}</svg>'
    )


def measurand_charts(
    measurand: Measurand,
    peers: list[Measurand],
    href: Href,
    say: Callable[..., str] = str,
    choose: Choose = pick,
    *,
    numbers: Callable[[str], str],
    language: str = "",
) -> list[tuple[str, str]]:
    """This measurand's values across sources, then (when there are other systems) across systems: each
    chart as SVG with its figures as CSV; ``say`` puts a title in the page's language, ``choose`` picks a
    text of the data in the registry's languages; the measurand's name is marked with its language in the
    title when that is not ``language``, the page's."""
    out = []
    named_in = measurand.name_language
    marked = (measurand.name, named_in) if named_in and language and named_in != language else ("", "")
    for _unit, pairs in chart_groups(measurand.claims):
        rows = [(say(source_label(c, choose)), c, q) for c, q in pairs]
        title = say(Phrase.of("{name}: values across sources", name=measurand.name))
        chart = bar_chart(rows, href, title=title, say=say, choose=choose, numbers=numbers, title_part_language=marked)
        out.append((chart, chart_csv(rows, choose)))
    others = [m for m in peers if m is not measurand]
    if others:
        claims = [c for m in [measurand] + others for c in m.claims]
        for _unit, pairs in chart_groups(claims):
            if len({c.measurand.iri for c, _ in pairs}) < 2:
                continue
            rows = [(f"{c.measurand.name} — {say(source_label(c, choose))}", c, q) for c, q in pairs]
            out.append(
                (
                    bar_chart(
                        rows,
                        href,
                        title=say(
                            Phrase.of(
                                "{kind}: compared across systems",
                                kind=measurand.quantity_kind_name or Phrase.of("Same quantity"),
                            )
                        ),
                        highlight=measurand,
                        say=say,
                        choose=choose,
                        numbers=numbers,
                    ),
                    chart_csv(rows, choose),
                )
            )
    return out


def source_label(claim: Claim, choose: Choose = pick) -> Phrase:
    """Who says the figure: the argument's own claims by their slide and the citation they print
    ("slide 3, citing Sundberg, 2023"), a figure from the literature by its source ("Patterson et al.
    (2021)")."""
    counts = choose(claim.counts)
    scope = f" ({counts})" if counts else ""  # what the figure includes, where the claim says so
    if claim.slide is not None:
        citing = Phrase.of(", citing {who}", who=claim.in_text_citation) if claim.in_text_citation else ""
        return Phrase.of("slide {slide}{citing}{scope}", slide=claim.slide, citing=citing, scope=scope)
    who = claim.cites[0].short if claim.cites else (claim.in_text_citation or claim.name)
    return Phrase.of("{who}{scope}", who=who, scope=scope)
