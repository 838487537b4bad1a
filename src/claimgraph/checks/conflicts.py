"""Sources that disagree: claims on the same measurand whose values differ beyond tolerance.

Values are normalised to the measurand's unit first; two claims agree when
either one's rounding (or declared tolerance) covers the other, or when ranges
overlap. Each measurand in conflict gives one finding listing every claim and
the spread.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from ..evidence import ClaimValue, claim_values
from ..findings import Finding
from ..namespaces import CG
from ..quantities import UnknownUnit, convert, normalise, unit_label
from ..registry import Registry


def _interval(cv: ClaimValue) -> tuple[float, float, str] | None:
    q = cv.quantity
    try:
        if q.is_range:
            lo, unit = normalise(q.lower, q.unit, cv.kind)
            hi, _ = normalise(q.upper, q.unit, cv.kind)
        else:
            centre, unit = normalise(q.value, q.unit, cv.kind)
            slack = abs(convert(q.tolerance(), q.unit, unit)) if q.tolerance() else 0.0
            lo, hi = centre - slack, centre + slack
    except (UnknownUnit, Exception):
        return None
    return lo, hi, unit


def check(registry: Registry) -> Iterable[Finding]:
    groups: dict[str, list[tuple[str, tuple[float, float, str]]]] = defaultdict(list)
    for claim, cv in claim_values(registry).items():
        if cv.measurand:
            interval = _interval(cv)
            if interval:
                groups[cv.measurand].append((claim, interval))
    for measurand, members in groups.items():
        if len(members) < 2 or len({iv[2] for _, iv in members}) != 1:
            continue
        apart = [(a, b) for i, (a, ia) in enumerate(members) for b, ib in members[i + 1:]
                 if ia[1] < ib[0] or ib[1] < ia[0]]
        if not apart:
            continue
        unit = unit_label(members[0][1][2])
        lows = min(iv[0] for _, iv in members)
        highs = max(iv[1] for _, iv in members)
        involved = sorted({c for pair in apart for c in pair})
        names = ", ".join(c.rsplit("/", 1)[-1] for c in involved)
        label = measurand.rsplit("/", 1)[-1]
        for claim in involved:
            yield registry.finding(
                "CG340", f"claims on measurand {label} disagree beyond their rounding ({names}); "
                         f"values span {lows:g} to {highs:g} {unit}",
                subject=claim, predicate=str(CG.value), related=tuple(involved),
                hint="if the sources really differ, say why in each claim's cg:statusNote (scope, method, year)",
                facts=(("measurand", measurand), ("low", lows), ("high", highs),
                       ("unit", members[0][1][2].rsplit("/", 1)[-1])))
