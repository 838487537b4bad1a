"""What the checks found, put where a reviewer looks first: a verdict on each conclusion.

The rule (documented in docs/verdicts.md, the one place it is written in words):

* A conclusion **rests on** the claims it uses (``cg:supportedBy``, ``cg:uses``), and on the
  operands of those that are derived, recursively: a recomputed number is only as good as what
  it is computed from. Claims it only takes its context from, or that challenge it, are not
  part of its support.
* A **defect** is a claim it rests on whose number is contradicted by the data: a derivation
  that does not recompute (CG350), a source stating another figure (CG321, CG370), a value absent from
  its quote (CG320) or statement (CG322), or a status of ``discrepancy`` or ``notInSource``; or whose
  value is malformed as recorded: a unit that does not measure its measurand's kind (CG330), a range
  whose ends are swapped (CG332), as its own page says (one list, :data:`.model.DEFECT_CODES`); or whose
  number is unusable: a derivation that cannot be evaluated (CG351) or gives another dimension than
  the claim's unit (CG352). Each is listed, the status too when a finding is listed for the claim.
* A **weakness** is a claim it rests on that is unverified, verified against a secondary source
  only, has no status, or names no primary source behind a secondary one (CG310).
* A **challenge** is a claim linked to the conclusion by ``cg:challengedBy``; a **contest** is a claim
  of another work that ``cg:contests`` a claim the conclusion rests on; a **qualification** one that
  ``cg:qualifies`` it (shown, but it lowers no verdict).

The verdict is ``contradicted`` when there is a defect, ``weakened`` when there is a weakness, a
challenge or a contest, ``supported`` when every claim it rests on is verified and nothing challenges it, and
``no-evidence`` when it rests on no claim. The numbers a defect shows come from the structured
``facts`` of findings and from claims' values, never from the wording of a message.

Findings are ordered by **impact**: the distance from what they are about to a conclusion along
the argument's links (a conclusion 0; a claim it rests on 1; a step 1 and the claims it uses 2;
a claim of another work that contests, qualifies or supports a claim one more than that claim; a
source or measurand one more than the closest claim that cites or measures it). Errors and
warnings come before infos, findings about sources (bibliography hygiene) after those about claims
and steps, and findings about nothing in the argument last.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..quantities import digits_to_tell_apart, format_number, format_numeral, significant, written_digits
from .messages import Figure, Phrase
from ..quantities import UNIT_NS, Catalogue, format_spread, unit_symbol
from .model import DEFECT_CODES, MALFORMED_CODES, UNUSABLE_CODES, Claim, FindingView, Measurand, SiteModel, Source, Step

#: Roles through which a conclusion rests on a claim (context and challenges are not support).
SUPPORT_ROLES = ("supports", "uses")
CONTRADICTING_STATUSES = ("discrepancy", "notInSource")
WEAK_STATUSES = ("unverified", "verifiedSecondary")
WEAK_CODES = ("CG310",)

#: Verdict key -> (label, admonition type of the home page's box), worst first.
LEVELS: dict[str, tuple[str, str]] = {
    "contradicted": ("Not supported as stated", "danger"),
    "weakened": ("Partly supported", "warning"),
    "no-evidence": ("No evidence recorded", "note"),
    "supported": ("Supported", "success"),
}

#: Verdict key -> its words inside a sentence ("Conclusion 4 (no evidence recorded)"): messages of their own, not
#: the label lower-cased, since only a language knows which of its words keep a capital ("keine Belege erfasst").
IN_SENTENCE: dict[str, str] = {
    "contradicted": "not supported as stated",
    "weakened": "partly supported",
    "no-evidence": "no evidence recorded",
    "supported": "supported",
}

_FACTOR_UNITS = ("UNITLESS", "NUM", None)
#: The formulas whose result is a multiplier ("2.8 times", a growth factor, an annual reduction factor): only a
#: recomputation by one of them writes a unitless number as a factor (×1.63); a number needed to treat, a count
#: or a hazard ratio is printed plainly (6, 58.8), as the claim's page prints it
FACTOR_FORMULAS = frozenset({"ratio", "compoundGrowth", "halvingTimeToAnnualFactor"})
#: Findings that only sum up other findings for a step (CG360, a step resting on weak claims): the
#: verdict boxes say the same per claim, so the list of findings by impact leaves them out.
SUMMARY_CODES = ("CG360",)


@dataclass
class Defect:
    claim: Claim
    kind: str  # defect | weakness | challenge
    phrase: Phrase  # words rendered in the page's language; the template escapes them

    @property
    def text(self) -> str:
        """The defect in English words."""
        return str(self.phrase)


@dataclass
class Verdict:
    step: Step
    level: str
    rests_on: list[Claim]
    defects: list[Defect] = field(default_factory=list)

    @property
    def label(self) -> str:
        return LEVELS[self.level][0]

    @property
    def in_sentence(self) -> str:
        return IN_SENTENCE[self.level]

    @property
    def box(self) -> str:
        return LEVELS[self.level][1]

    def of_kind(self, kind: str) -> list[Defect]:
        return [d for d in self.defects if d.kind == kind]

    @property
    def verified(self) -> int:
        return sum(1 for c in self.rests_on if c.status and c.status.key.startswith("verified"))


def verdicts(model: SiteModel) -> list[Verdict]:
    return [judge(step) for step in model.steps if step.kind == "conclusion"]


def judge(step: Step) -> Verdict:
    rests_on = _support(step)
    defects: list[Defect] = []
    for claim in rests_on:
        defects.extend(_defects(claim))
    for claim in rests_on:
        for other, how in claim.borne_on_by:
            if how in ("contests", "qualifies"):
                kind = "contest" if how == "contests" else "qualification"
                defects.append(
                    Defect(
                        other, kind, Phrase.of(f"{how} {{claim}}{{figure}}", claim=claim.name, figure=_figure(other))
                    )
                )
    for claim, role in step.uses:
        if role == "challenges":
            defects.append(Defect(claim, "challenge", Phrase.of("challenges it")))
    if not rests_on:
        level = "no-evidence"
    elif any(d.kind == "defect" for d in defects):
        level = "contradicted"
    elif any(d.kind != "qualification" for d in defects):
        level = "weakened"
    else:
        level = "supported"
    return Verdict(step, level, rests_on, defects)


def _support(step: Step) -> list[Claim]:
    out: list[Claim] = []
    seen: set[str] = set()
    todo = [c for c, role in step.uses if role in SUPPORT_ROLES]
    while todo:
        claim = todo.pop(0)
        if claim.iri in seen:
            continue
        seen.add(claim.iri)
        out.append(claim)
        if claim.derivation:
            todo.extend(o for o in claim.derivation["operands"] if isinstance(o, Claim))
    return out


def _defects(claim: Claim) -> list[Defect]:
    found: list[Defect] = []
    codes = {view.finding.code: view.finding for view in claim.findings if view.finding.subject == claim.iri}
    for code in DEFECT_CODES:
        if code in codes:
            found.append(Defect(claim, "defect", _defect_words(claim, codes[code])))
    status = claim.status.key if claim.status else None
    if status in CONTRADICTING_STATUSES:
        # the status is a defect of its own, a reviewer's, beside what the checks found: the box lists each
        found.append(
            Defect(claim, "defect", Phrase.of("marked {status} after verification", status=_status_words(claim)))
        )
    if found:
        return found
    if status in WEAK_STATUSES or status is None:
        found.append(Defect(claim, "weakness", Phrase.of("{status}", status=_status_words(claim))))
    elif any(code in codes for code in WEAK_CODES):
        found.append(Defect(claim, "weakness", Phrase.of("no primary source named")))
    return found


def _figure(claim: Claim) -> str:
    """ " (Patterson et al. (2021))": who gives the figure (the link to the claim shows the figure itself)."""
    return f" ({claim.cites[0].short})" if claim.cites else ""


def _status_words(claim: Claim) -> Phrase | dict[str, str]:
    """The claim's status in words: its labels by language (the page picks its own), as a sentence writes them
    mid-way (see :func:`_mid_sentence`)."""
    if claim.status is None:
        return Phrase.of("no verification status")
    return _mid_sentence(claim.status.label) or {"en": claim.status.key}


def _mid_sentence(label: dict[str, str]) -> dict[str, str]:
    """A term's labels by language as a sentence writes them mid-way, lower case; German keeps its capitals,
    as its nouns do ("Abweichung", "Produkt")."""
    return {lang: text if lang.lower().split("-")[0] == "de" else text.lower() for lang, text in label.items() if text}


def _defect_words(claim: Claim, finding) -> Phrase:
    """A defect's words, by the kind of its code (:data:`.model.DEFECT_CODES`)."""
    if finding.code in UNUSABLE_CODES:
        return _unusable(claim, finding.code)
    if finding.code in MALFORMED_CODES:
        return _malformed(claim, finding.code)
    return _numbers(claim, finding)


def _malformed(claim: Claim, code: str) -> Phrase:
    """The value's defect as recorded: its unit does not measure its measurand's kind (CG330), its range's ends
    are swapped (CG332). No source states such a value, whatever its status says."""
    value = claim.value
    if code == "CG332":
        if value is not None and value.lower is not None and value.upper is not None:
            unit = _local(value.unit)
            return Phrase.of(
                "claims {low} to {high}: its lower bound is above its upper",
                low=_quantity(value.lower, None, digits=None, catalogue=claim.catalogue),  # "1100 to 400 nm": one unit
                high=_quantity(value.upper, unit, digits=None, catalogue=claim.catalogue),
            )
        return Phrase.of("its range's lower bound is above its upper")
    kind = claim.measurand.quantity_kind_name if claim.measurand is not None else None
    if value is not None and value.value is not None:
        claimed = _claimed(claim, value.value, _local(value.unit), _written(claim), factor=_factor(claim))
        if kind:
            return Phrase.of("claims {claimed}, a unit that does not measure {kind}", claimed=claimed, kind=kind)
        return Phrase.of("claims {claimed}, a unit that does not measure its measurand's kind", claimed=claimed)
    return Phrase.of("its unit does not measure its measurand's kind")


def _unusable(claim: Claim, code: str) -> Phrase:
    """The derivation's defect in words: it cannot be recomputed (CG351) or gives another dimension (CG352)."""
    label = (claim.derivation.get("formula_label") or {}) if claim.derivation else {}
    formula = _mid_sentence(label)
    what = "gives another dimension than its unit" if code == "CG352" else "cannot be computed"
    derivation = Phrase.of("its derivation ({formula})", formula=formula) if formula else Phrase.of("its derivation")
    if claim.value is not None and claim.value.value is not None:
        claimed = _claimed(claim, claim.value.value, _local(claim.value.unit), _written(claim), factor=_factor(claim))
        return Phrase.of("claims {claimed}; {derivation} " + what, claimed=claimed, derivation=derivation)
    return Phrase.of("{derivation} " + what, derivation=derivation)


def _numbers(claim: Claim, finding) -> Phrase:
    """The defect in numbers, from the finding's facts."""
    if finding.code == "CG350":
        unit = finding.fact("unit")
        label = (claim.derivation.get("formula_label") or {}) if claim.derivation else {}
        formula: object = _mid_sentence(label)
        if not formula:
            formula = str(finding.fact("formula")).lower() if finding.fact("formula") else Phrase.of("the formula")
        operands: object = ""
        computed_from = finding.fact("operands") or ()
        # as the claims it is computed from give them, their written digits too ("4.0", not "4")
        sources = list(claim.derivation.get("operands") or ()) if claim.derivation else []
        for n, (v, u) in enumerate(computed_from):
            source = sources[n] if len(sources) == len(computed_from) else None
            if isinstance(source, Claim):
                number = _claimed(source, v, u, None)
            else:
                number = _quantity(v, u, digits=None, catalogue=claim.catalogue)
            operands = Phrase.of("{first} and {second}", first=operands, second=number) if operands else number
        interval = finding.fact("interval") or ()
        digits = digits_to_tell_apart((finding.fact("claimed"), finding.fact("recomputed"), *interval), _written(claim))
        factor = finding.fact("formula") in FACTOR_FORMULAS  # a quotient's 58.8 is no factor: no "×"
        values = {
            "claimed": _claimed(claim, finding.fact("claimed"), unit, digits, factor=factor),
            "formula": formula,
            "operands": operands,
            "recomputed": _quantity(
                finding.fact("recomputed"), unit, digits=digits, factor=factor, catalogue=claim.catalogue
            ),
        }
        if interval:
            return Phrase.of(
                "claims {claimed}; {formula} of {operands} gives {recomputed} (between {low} and {high})",
                low=_quantity(interval[0], unit, digits=digits, factor=factor, catalogue=claim.catalogue),
                high=_quantity(interval[1], unit, digits=digits, factor=factor, catalogue=claim.catalogue),
                **values,
            )
        return Phrase.of("claims {claimed}; {formula} of {operands} gives {recomputed}", **values)
    if finding.code in ("CG321", "CG370"):
        digits = digits_to_tell_apart((finding.fact("claimed"), finding.fact("stated")), _written(claim))
        factor = _factor(claim)
        claimed = _claimed(claim, finding.fact("claimed"), finding.fact("claimed_unit"), digits, factor=factor)
        stated = _quantity(
            finding.fact("stated"), finding.fact("stated_unit"), digits=digits, factor=factor, catalogue=claim.catalogue
        )
        if finding.fact("stated_by") == "primary":
            return Phrase.of("claims {claimed}; its primary source states {stated}", claimed=claimed, stated=stated)
        return Phrase.of("claims {claimed}; the source it cites states {stated}", claimed=claimed, stated=stated)
    own = finding.code == "CG322"
    if claim.value is not None and claim.value.value is not None:
        read_values = [v for v, _ in finding.fact("read") or ()]
        digits = digits_to_tell_apart((claim.value.value, *read_values), _written(claim))
        claimed = _claimed(claim, claim.value.value, _local(claim.value.unit), digits, factor=_factor(claim))
        if own:
            return Phrase.of("claims {claimed}; no number in its own statement matches", claimed=claimed)
        read: object = ""
        figures = finding.fact("read") or ()
        # each figure's other reading, where its words read two ways ("13.7 billion": long or short scale), as
        # check's message gives it: the verdict shows no one reading as the quote's where check saw two
        others = finding.fact("read_also") or (None,) * len(figures)
        for (v, u), other in zip(figures, others):
            # a number the quote writes without a unit: no factor
            given: object = _quantity(v, u, digits=digits, catalogue=claim.catalogue)
            if other is not None:
                given = Phrase.of(
                    "{first} (or {second})",
                    first=given,
                    second=_quantity(other, u, digits=digits, catalogue=claim.catalogue),
                )
            read = Phrase.of("{first} and {second}", first=read, second=given) if read else given
        if read:
            # the figures the quote gives (as the check read them), beside the claim's
            return Phrase.of("claims {claimed}; its quote gives {read}", claimed=claimed, read=read)
        return Phrase.of("claims {claimed}; no number in its quote matches", claimed=claimed)
    if own:
        return Phrase.of("no number in its own statement matches the claim's value")
    return Phrase.of("no number in its quote matches the claim's value")


def _factor(claim: Claim) -> bool:
    """Whether the claim's value is a multiplier: a factor one of :data:`FACTOR_FORMULAS` derives it by."""
    return bool(claim.derivation) and _local(claim.derivation.get("formula")) in FACTOR_FORMULAS


def _local(unit: str | None) -> str | None:
    return unit.rsplit("/", 1)[-1] if unit else None


def _written(claim: Claim) -> int:
    """The significant digits a claim's value shows, three at least: those it is written with (45.12, not 45.1)."""
    return max(3, written_digits(claim.value.lexical) if claim.value is not None else 0)


#: A claim's value as written that is printed as it is: digits with a point between them, perhaps an exponent
#: ("4.0", "1.0e3"), as :func:`.quantities.format_numeral` prints them (not "+4" nor ".5")
_WRITTEN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _claimed(claim: Claim, value, unit: str | None, digits: int | None, *, factor: bool = False) -> str:
    """The claim's own value in a defect's words: as its claim writes it when it is that number in that unit
    ("4.0 m²·K/W", "4.00", never "4": rounding to ``digits`` keeps the written digits, see :func:`_written`, but
    a float has lost its trailing zeros), else as :func:`_quantity` rounds any other number."""
    own = claim.value
    if (
        own is not None
        and own.value is not None
        and isinstance(value, (int, float))
        and math.isclose(value, own.value, rel_tol=1e-12, abs_tol=0.0)
        and _local(unit) == _local(own.unit)
        and own.lexical
        and _WRITTEN_NUMBER.fullmatch(own.lexical.strip())
    ):
        return _quantity(
            value, unit, factor=factor, digits=digits, written=own.lexical.strip(), catalogue=claim.catalogue
        )
    return _quantity(value, unit, factor=factor, digits=digits, catalogue=claim.catalogue)


def _quantity(
    value,
    unit: str | None,
    *,
    factor: bool = False,
    digits: int | None = 3,
    written: str = "",
    catalogue: Catalogue | None = None,
) -> str:
    """A number as a reader writes it: ``digits`` significant digits (every one for None; whole numbers keep
    theirs), a unit as its symbol; the page writes the number as its language does (a :class:`Figure`). A number
    without a unit is printed plainly (a count, a number needed to treat, a hazard ratio: 6), as the claim's page
    prints it; ``factor``: it is a multiplier (:func:`_factor`), ×3.
    ``written``: the number as its claim writes it, printed with every digit instead (:func:`_claimed`)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "?"  # no number to show (a report writes null for it): never "inf" or "nan"
    if written:
        number = format_numeral(written)  # every digit its claim is written with (see _claimed)
    else:
        number = format_number(significant(value, digits) if digits is not None else value)
    if unit in _FACTOR_UNITS:
        return Figure(f"×{number}" if factor else number)
    # a finding's facts name a unit by its local name: the registry's own is found by its IRI (its declared symbol)
    symbol = unit_symbol(UNIT_NS + unit if unit and "/" not in unit else unit, catalogue)
    return Figure(f"{number}{symbol}", "") if symbol == "%" else Figure(f"{number} {symbol}".strip(), symbol)


# ------------------------------------------------------------------ impact


def impact(model: SiteModel) -> dict[int, int]:
    """id(target) -> distance to a conclusion along the argument's links (see the module's rule)."""
    distance: dict[int, int] = {}

    def lower(obj, d: int) -> bool:
        if distance.get(id(obj), 10**9) > d:
            distance[id(obj)] = d
            return True
        return False

    for step in model.steps:
        base = 0 if step.kind == "conclusion" else 1
        lower(step, base)
        for claim, role in step.uses:
            lower(claim, base + (1 if role in SUPPORT_ROLES or base == 0 else 2))
    changed = True
    while changed:  # operands and counter-figures inherit from the claims they serve; a few rounds at most
        changed = False
        for claim in model.claims:
            d = distance.get(id(claim))
            if d is None or not claim.derivation:
                continue
            for operand in claim.derivation["operands"]:
                if isinstance(operand, Claim) and lower(operand, d + 1):
                    changed = True
        for claim in model.claims:  # a figure of another work, one further than the claim it bears on
            for target, _ in claim.bears_on:
                d = distance.get(id(target))
                if d is not None and lower(claim, d + 1):
                    changed = True
    for claim in model.claims:
        d = distance.get(id(claim))
        if d is None:
            continue
        for source in claim.cites + claim.primary_sources:
            lower(source, d + 1)
        if claim.measurand is not None:
            lower(claim.measurand, d + 1)
    return distance


def by_impact(model: SiteModel) -> list[tuple[int | None, FindingView]]:
    """Every finding but the summaries with its impact: the most severe first (errors, warnings, infos),
    then, at equal severity, those about the argument before those about sources, the closest to a
    conclusion first."""
    distance = impact(model)
    rows = []
    conflicts_seen: set[str] = set()
    for view in model.findings:
        if view.finding.code in SUMMARY_CODES:
            continue
        measurand = view.finding.fact("measurand")
        if view.finding.code == "CG340" and measurand is not None:
            # one conflict is reported on each of its claims: the list shows it once
            if measurand in conflicts_seen:
                continue
            conflicts_seen.add(measurand)
        d = distance.get(id(view.target)) if view.target is not None else None
        rows.append((d, view))
    # severity first: the home page promises the most severe findings first, and an error about a source
    # (a duplicate BibTeX key, whose entry is dropped) outweighs a warning about a claim. At equal severity,
    # bibliography hygiene (a missing DOI) after what concerns the numbers, whatever its distance
    rows.sort(
        key=lambda row: (
            -row[1].finding.severity,
            isinstance(row[1].target, Source),
            row[0] if row[0] is not None else 10**9,
            row[1].finding.code,
            row[1].finding.file or "",
            row[1].finding.line or 0,
        )
    )
    return rows


# ------------------------------------------------------------------ registries without an argument


@dataclass
class Conflict:
    measurand: Measurand
    low: float
    high: float
    unit: str | None
    claims: list[Claim]
    #: the lowest and highest values as the claims write them ("1.30"), when the finding gives them
    low_written: str | None = None
    high_written: str | None = None

    @property
    def span(self) -> str:
        # in the words of check's message, so the two never disagree
        return format_spread(
            self.low if self.low_written is None else self.low_written,
            self.high if self.high_written is None else self.high_written,
            UNIT_NS + self.unit if self.unit and "/" not in self.unit else self.unit,
            self.claims[0].catalogue if self.claims else None,  # (the registry's own unit, by its declared symbol)
        )


def conflicts(model: SiteModel) -> list[Conflict]:
    """Measurands whose claims disagree beyond their rounding (CG340), one entry each."""
    measurands = {m.iri: m for m in model.measurands}
    claims = {c.iri: c for c in model.claims}
    by_measurand: dict[str, Conflict] = {}
    for view in model.findings:
        f = view.finding
        m = measurands.get(str(f.fact("measurand"))) if f.code == "CG340" else None
        if m is None or m.iri in by_measurand:
            continue
        by_measurand[m.iri] = Conflict(
            m,
            f.fact("low"),
            f.fact("high"),
            f.fact("unit"),
            # every claim party to the conflict: the finding's subject and the others it relates
            [claims[c] for c in sorted({c for c in (f.subject, *f.related) if c}) if c in claims],
            f.fact("low_written"),
            f.fact("high_written"),
        )
    return sorted(by_measurand.values(), key=lambda c: c.measurand.name.lower())


def figures_summary(model: SiteModel) -> dict[str, int]:
    cited = {s.iri for c in model.claims for s in c.cites + c.primary_sources}
    return {
        "claims": len(model.claims),
        "quantitative": sum(1 for c in model.claims if c.quantitative),
        "measurands": len(model.measurands),
        # the works the bibliography holds; a key cited but absent from it is no source, and is counted apart
        "sources": len([s for s in model.bibliography_sources if s.iri in cited]),
        "missing_sources": len([s for s in model.missing_sources if s.iri in cited]),
    }


#: The report's groups, in the order a reviewer reads them (see :func:`report_groups`).
REPORT_GROUPS = (
    ("conclusions", "Touching the conclusions", "Findings about a conclusion or a claim it rests on directly."),
    (
        "argument",
        "In the rest of the argument",
        "Findings about the other steps, the claims they use and the claims those are computed from.",
    ),
    (
        "sources",
        "Sources and bibliography",
        "Findings about the works cited: identifiers, citations as printed, entries no claim cites.",
    ),
    (
        "elsewhere",
        "Elsewhere in the registry",
        "Findings about claims or files that no step of the argument reaches (for a registry without an "
        "argument, every finding is here).",
    ),
)


def report_groups(model: SiteModel) -> list[tuple[str, str, str, list[FindingView]]]:
    """Every finding, the summaries included, in the groups of :data:`REPORT_GROUPS`, most severe first
    within a group. Impact is the distance of :func:`impact`."""
    distance = impact(model)
    groups: dict[str, list[tuple[int, FindingView]]] = {key: [] for key, _, _ in REPORT_GROUPS}
    for view in model.findings:
        d = distance.get(id(view.target)) if view.target is not None else None
        if isinstance(view.target, Source):
            key = "sources"
        elif d is None:
            key = "elsewhere"
        else:
            key = "conclusions" if d <= 1 and _touches_conclusion(view.target, model) else "argument"
        groups[key].append((d if d is not None else 10**9, view))
    out = []
    for key, title, text in REPORT_GROUPS:
        rows = sorted(
            groups[key],
            key=lambda row: (
                -row[1].finding.severity,
                row[0],
                row[1].finding.code,
                row[1].finding.file or "",
                row[1].finding.line or 0,
            ),
        )
        out.append((key, title, text, [view for _, view in rows]))
    return out


def _touches_conclusion(target, model: SiteModel) -> bool:
    if isinstance(target, Step):
        return target.kind == "conclusion"
    if isinstance(target, Claim):
        return any(step.kind == "conclusion" for step, _ in target.used_by)
    return False
