"""Everything the site's pages need, gathered from a registry into plain dataclasses.

The registry is read in one pass over its quads (claims, sources and vocabulary
graphs) into an index by subject, then every page object is assembled from that
index in linear time. SPARQL would say the same thing in a dozen queries, but
the pages need the language tag of every literal and the blank nodes under each
claim, which ``Registry.select`` flattens away, and one pass stays fast for a
registry of 10,000 claims (no query per claim, no quadratic loop).

Nothing here escapes anything: the templates do (see :mod:`claimgraph.escaping`). Page paths
(``claims/<slug>.md``) are made only of ``[a-z0-9._-]`` so they are safe both as
file names and inside links.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Callable

import pyoxigraph as ox

from .. import model as reading
from ..findings import Finding, Severity
from ..loading.bibtex import family_name, is_more_authors
from ..model import GraphIndex, local_name
from ..namespaces import SKOS
from ..quantities import UNIT_NS, Catalogue, Quantity, catalogue_for, digits_to_tell_apart, format_number
from ..quantities import format_quantity, qudt_catalogue, significant, written_digits
from ..registry import Registry
from . import messages
from .messages import Phrase

_SKOS = str(SKOS)

BEARING_ORDER = ("contests", "qualifies", "supports")

#: Colours of the verification statuses (the home diagram, charts and badges use the same). Each has a
#: contrast of at least 4.5:1 with white text (WCAG 2.2 AA; tests/test_site_accessibility.py audits it).
STATUS_COLOURS: dict[str, str] = {
    "verifiedPrimary": "#2e7d32",
    "verifiedSecondary": "#007c89",
    "unverified": "#8d6e00",
    "discrepancy": "#bf360c",
    "notInSource": "#b71c1c",
}
NO_STATUS_COLOUR = "#616161"


# ------------------------------------------------------------------ records


class _Named:
    """A short repr: the things of a site point at each other (a claim at its measurand, the
    measurand at its claims…), and the generated dataclass repr would walk the whole graph."""

    def __repr__(self) -> str:
        name = getattr(self, "slug", None) or getattr(self, "key", None) or getattr(self, "title", "")
        return f"<{type(self).__name__} {name}>"


@dataclass(eq=False, repr=False)
class Status(_Named):
    iri: str
    key: str  # local name: verifiedPrimary…
    label: dict[str, str]
    definition: dict[str, str]
    rank: int
    colour: str
    claims: list["Claim"] = field(default_factory=list)

    @property
    def css(self) -> str:
        return "cg-status-" + re.sub(r"[^a-z0-9]+", "-", self.key.lower())


@dataclass
class Quote:
    exact: str | None
    locator: str | None
    source: "Source | None"
    value: Quantity | None = None
    role: str = "cited"  # cited | primary
    #: Whether the quote was found in its source's text (sources.verify), said in one line.
    verification: str | None = None
    #: (words before, the passage found, words after) when it was found, for a reader to judge.
    context: tuple[str, str, str] | None = None


#: Finding codes whose numbers contradict the claim they are about (the verdicts' defects: :mod:`.verdict`).
CONTRADICTING_CODES = ("CG350", "CG321", "CG370", "CG320", "CG322")
#: Finding codes that say the claim's value is malformed as recorded: a unit of another dimension than its
#: measurand's quantity kind (CG330: a density in g/cm²), a range whose ends are swapped (CG332). No source states
#: such a value, so a status saying the claim agrees with its source is not borne out either. (CG340 is not one:
#: claims that disagree with each other may each agree with their own source, which is what a status says.)
MALFORMED_CODES = ("CG330", "CG332")
#: Finding codes that make a derived claim's number unusable: it cannot be recomputed (CG351: an operand that is
#: neither a claim with a value nor a number, a circle, an unknown formula or unit, a result too large to compute)
#: or its recomputation is not of its unit's dimension (CG352). A verdict counts them as defects, as it does the
#: contradicting codes: a number no one can recompute supports nothing.
UNUSABLE_CODES = ("CG351", "CG352")
#: Every code a verdict counts as a defect of a claim a conclusion rests on (:func:`.verdict.judge`), in the order
#: its box lists them: a number contradicted, a value malformed as recorded, a derivation unusable. A malformed
#: value is a defect as on the claim's own page (:attr:`Claim.status_contradicted`): the home page's verdict
#: must not call "supported" a conclusion resting on 525 m of energy.
DEFECT_CODES = CONTRADICTING_CODES + MALFORMED_CODES + UNUSABLE_CODES


@dataclass(eq=False, repr=False)
class Claim(_Named):
    iri: str
    slug: str
    quantitative: bool
    statement: dict[str, str]
    slide: int | None = None
    value: Quantity | None = None
    normalised: Quantity | None = None
    measurand: "Measurand | None" = None
    in_text_citation: str | None = None
    cites: list["Source"] = field(default_factory=list)
    cited_role: str | None = None  # primary | secondary
    quotes: list[Quote] = field(default_factory=list)
    primary_sources: list["Source"] = field(default_factory=list)
    status: Status | None = None
    status_note: dict[str, str] = field(default_factory=dict)
    #: What the figure includes (cg:counts: its boundary), by language.
    counts: dict[str, str] = field(default_factory=dict)
    derivation: dict | None = None
    used_by: list[tuple["Step", str]] = field(default_factory=list)
    operand_of: list["Claim"] = field(default_factory=list)  # claims derived from this one
    #: Claims of other works that bear on this one (cg:contests, cg:qualifies, cg:supports), with how.
    borne_on_by: list[tuple["Claim", str]] = field(default_factory=list)
    #: The claims this one bears on, with how: the other side of ``borne_on_by``.
    bears_on: list[tuple["Claim", str]] = field(default_factory=list)
    findings: list["FindingView"] = field(default_factory=list)
    location: str | None = None
    #: the registry's languages, in their order: the language its name (``short``) is given in
    languages: tuple[str, ...] = ("en",)
    #: the registry's units (:func:`claimgraph.quantities.catalogue_for`): a value in a unit it declares is
    #: found in its statements through them (:meth:`printed`)
    catalogue: Catalogue = field(default_factory=qudt_catalogue, repr=False)

    @property
    def path(self) -> str:
        return f"claims/{self.slug}.md"

    @property
    def normalised_shown(self) -> Quantity | None:
        """The normalised value the graph holds (``cg:normalisedValue``), for pages to show beside the value as
        stated: a page never says "not normalised" beside data that is. In the claim's own unit it is the value
        as written (933.47 K, not 933 K: normalising changed nothing, so it keeps every digit stated)."""
        normalised, value = self.normalised, self.value
        if normalised is not None and value is not None and normalised.unit == value.unit:
            return value
        return normalised

    @property
    def normalised_digits(self) -> int | None:
        """The significant digits to show the normalised value with: as many as the value states (2.70 g/cm³ is
        2700 kg/m³, 1.602176634 × 10⁻¹⁹ C no 1.6 × 10⁻¹⁹ C), three at least; None when it is the value as written."""
        value = self.value
        if value is None or self.normalised_shown is value:
            return None
        written = [value.lexical] if not value.is_range else [value.lower_lexical, value.upper_lexical]
        return max([3] + [written_digits(w) for w in written if w])

    @property
    def name(self) -> str:
        """The claim's id as its IRI writes it, for pages to show: IRIs are case-sensitive (``claim:F09`` is not
        ``claim:f09``), the slug is made for file names. The slug when it is more than the id in lower case
        (a digest added to tell two claims apart): the name a page shows must tell them apart too."""
        return id_as_written(self.iri, self.slug)

    @property
    def colour(self) -> str:
        return self.status.colour if self.status else NO_STATUS_COLOUR

    @property
    def rank(self) -> int:
        return self.status.rank if self.status else 99

    @property
    def status_contradicted(self) -> list["FindingView"]:
        """The claim's own findings whose numbers contradict it, or that say its value is malformed
        (:data:`MALFORMED_CODES`), when its status says it was verified: the page says the status is not borne
        out, rather than show "agrees with the source" above them alone."""
        if self.status is None or not self.status.key.startswith("verified"):
            return []
        codes = CONTRADICTING_CODES + MALFORMED_CODES
        return [v for v in self.findings if v.finding.subject == self.iri and v.finding.code in codes]

    @property
    def status_contradicted_codes(self) -> list[str]:
        """The codes of :attr:`status_contradicted`, each once, in order: two statements that do not print the
        value are two CG322 findings, one reason the status is not borne out."""
        return list(dict.fromkeys(v.finding.code for v in self.status_contradicted))

    def figures(self) -> list[Figure]:
        """Who says what: the claim's figure as printed, the figures its quotes carry, the value recomputed
        from its operands (the CG350 finding's facts) and the figures of other works that bear on it. Only
        data: nothing is read from notes or from the wording of a message."""
        rows = [Figure("as printed", self.value, self.cites[0] if self.cites else None, self.in_text_citation)]
        for quote in self.quotes:
            if quote.value is not None:
                rows.append(Figure(f"in the {quote.role} source", quote.value, quote.source, quote.locator))
        for view in self.findings:
            f = view.finding
            if f.code == "CG320" and f.subject == self.iri:
                # the figures a quote without a value of its own gives, as the check read them in its words
                locator = f.fact("locator")
                quote = next((q for q in self.quotes if q.value is None and q.locator == locator), None)
                by = quote.source if quote is not None else (self.cites[0] if self.cites else None)
                note = Phrase.of("{locator}, read in the quote", locator=locator) if locator else None
                read = f.fact("read") or ()
                for (value, unit), other in zip(read, f.fact("read_also") or (None,) * len(read)):
                    # in the unit the quote writes it in, or none: a bare number is not the claim's unit
                    quantity = Quantity(value=value, unit=UNIT_NS + unit if unit else None)
                    where = note or Phrase.of("read in the quote")
                    if other is not None:  # words that read two ways: the other reading, as check gives it
                        otherwise = Quantity(value=other, unit=quantity.unit)
                        where = Phrase.of(
                            "{first} (or {second})",
                            first=where,
                            second=messages.Figure(format_quantity(otherwise), otherwise.unit_symbol),
                        )
                    rows.append(Figure("in the cited source", quantity, by, where))
            if f.code == "CG350" and f.subject == self.iri and f.fact("recomputed") is not None and self.value:
                interval = f.fact("interval")
                # with the digits the verdict shows: the claim's own at least, an interval's two ends apart
                digits = _digits_shown(f, self.value)
                ends = [messages.Figure(format_number(significant(end, digits))) for end in interval or ()]
                rows.append(
                    Figure(
                        "recomputed",
                        Quantity(
                            value=significant(f.fact("recomputed"), digits),
                            unit=self.value.unit,
                            declared_symbol=self.value.declared_symbol,
                        ),
                        None,
                        Phrase.of("between {low} and {high}", low=ends[0], high=ends[1]) if ends else None,
                    )
                )
        for other, how in self.borne_on_by:
            rows.append(Figure(f"{how} it (another work)", other.value, other, None))
        for other, how in self.bears_on:
            rows.append(Figure(f"{how}", other.value, other, Phrase.of("the claim this one bears on")))
        return rows

    def printed(self) -> list[tuple[str, str]]:
        """How each statement prints the claim's value, by language: ``[("fr", "1,3 GWh"), ("en", "1.3 GWh")]``
        (the number reader's words, so "100 millions" stays as the statement wrote it)."""
        from .. import numbers_in_text, quantities

        if self.value is None or self.value.value is None or not self.value.unit:
            return []
        quantity = quantities.Quantity(
            unit=self.value.unit, value=self.value.value, relative_tolerance=self.value.relative_tolerance
        )
        # a temperature in another scale is read as CG322 reads it: as the measurand's kind says
        kind = self.measurand.quantity_kind if self.measurand is not None else None
        difference = quantities.temperature_reading(kind, self.catalogue)
        out = []
        for lang, text in sorted(self.statement.items()):
            words = numbers_in_text.printed_as(
                quantity, text, (lang,) if lang else ("en", "fr"), difference=difference, catalogue=self.catalogue
            )
            if words:
                out.append((lang, words))
        return out

    @property
    def title(self) -> str:
        """The claim as a reader names it: its value and measurand, else its statement, cut at 90 characters."""
        text = self.short
        return text if len(text) <= 90 else text[:89].rstrip() + "…"

    @property
    def slide_source(self) -> "Source | None":
        """The work whose slide ``slide`` is: the one the first step using the claim is part of."""
        return next((step.part_of for step, _ in self.used_by if step.part_of is not None), None)

    @property
    def short(self) -> str:
        """A few words naming the claim: its value and what it measures, or its statement."""
        if self.value is not None and self.measurand is not None:
            # (its number as the site's language writes it: the name is a link's words, a page's title)
            number = messages.localised_quantity(format_quantity(self.value), self.value.unit_symbol, self.languages[0])
            return f"{number} · {self.measurand.name}"
        return pick_in(self.statement, self.languages) or self.name

    @property
    def short_language(self) -> str:
        """The language :attr:`short` (and :attr:`title`) is written in: its measurand's name's, else its
        statement's; "" for its id."""
        if self.value is not None and self.measurand is not None:
            return self.measurand.name_language
        return language_picked(self.statement, self.languages) if pick_in(self.statement, self.languages) else ""


def _digits_shown(recomputation: Finding, claimed: Quantity) -> int:
    """The significant digits a CG350 recomputation is shown with, as the verdict shows it: those the claim is
    written with (three at least), more when the claim, the recomputed value and its interval's ends need them
    to be told apart."""
    values = (claimed.value, claimed.lower, claimed.upper, recomputation.fact("recomputed"))
    return digits_to_tell_apart(
        (*values, *(recomputation.fact("interval") or ())), max(3, written_digits(claimed.lexical))
    )


@dataclass
class Figure:
    """One row of "who says what" on a claim page: a figure for the claim's quantity and who gives it."""

    role: str  # as printed | in the cited source | in the primary source | recomputed | contests…
    quantity: Quantity | None
    by: object | None = None  # the Source or Claim giving it
    note: str | None = None


@dataclass(eq=False, repr=False)
class Step(_Named):
    iri: str
    slug: str
    order: int | None
    kind: str  # question | step | conclusion
    label: dict[str, str]
    question: dict[str, str]
    text: dict[str, str]
    uses: list[tuple[Claim, str]] = field(default_factory=list)
    slide: int | None = None
    previous: "Step | None" = None
    next: "Step | None" = None
    #: The work the step is part of (``cg:partOf``: the deck, the article): where "slide N" leads.
    part_of: "Source | None" = None
    findings: list["FindingView"] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"argument/{self.slug}.md"

    @property
    def weakest(self) -> Claim | None:
        return max((c for c, _ in self.uses), key=lambda c: c.rank, default=None)

    @property
    def colour(self) -> str:
        weakest = self.weakest
        return weakest.colour if weakest else NO_STATUS_COLOUR


@dataclass(eq=False, repr=False)
class Source(_Named):
    iri: str
    key: str
    slug: str
    entry_type: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    #: Each author's family name as BibTeX reads it (``Doe, John`` and ``John Doe`` give Doe; a name in braces,
    #: ``{Ministerio de Agricultura, Pesca y Alimentación}``, is one name, whole, commas and all).
    family_names: list[str] = field(default_factory=list)
    #: The entry ends its authors with BibTeX's ``and others``: more authors than those named.
    more_authors: bool = False
    year: str | None = None
    venue: str | None = None
    publisher: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    url: str | None = None
    note: str | None = None
    identified: bool = True
    #: False for a key the claims cite that no BibTeX entry holds: its page says so, and no count of the
    #: registry's sources includes it
    in_bibliography: bool = True
    bibtex: str | None = None
    location: str | None = None
    #: The text quotes are looked for in (claimgraph.sources), said in one line.
    text: str | None = None
    #: What its identifier's record says (sources/manifest.json), said in one line.
    record: str | None = None
    cited_by: list[Claim] = field(default_factory=list)
    primary_for: list[Claim] = field(default_factory=list)
    findings: list["FindingView"] = field(default_factory=list)
    #: the registry's languages, in their order: the first is the one its name (``short``) is said in
    languages: tuple[str, ...] = ("en",)

    @property
    def path(self) -> str:
        return f"sources/{self.slug}.md"

    @property
    def doi_url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def arxiv_url(self) -> str | None:
        return f"https://arxiv.org/abs/{self.arxiv}" if self.arxiv else None

    @property
    def short(self) -> str:
        """The work as a chart, a verdict or a link names it: "Patterson et al. (2021)", "Poore y Nemecek (2018)"
        on a Spanish site, "Ministerio de Agricultura, Pesca y Alimentación (2022)": the authors by their family
        names, joined and dated in the words of the site's language."""
        said = messages.catalogue(self.languages[0])
        names = self.family_names
        if not names:
            who = self.key
        elif len(names) > 2 or self.more_authors:
            who = f"{names[0]} et al."
        elif len(names) == 2:
            who = messages.pair(self.languages[0], names[0], names[1])
        else:
            who = names[0]
        return f"{who} ({self.year or messages.translate(said, 'n.d.')})"


@dataclass(eq=False, repr=False)
class Measurand(_Named):
    iri: str
    slug: str
    label: dict[str, str]
    quantity_kind: str | None = None
    system: str | None = None  # system IRI
    system_label: dict[str, str] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    chart: str | None = None  # SVG, filled by the builder
    findings: list["FindingView"] = field(default_factory=list)
    #: the registry's languages, in their order: the language its name is given in
    languages: tuple[str, ...] = ("en",)

    @property
    def path(self) -> str:
        return f"measurands/{self.slug}.md"

    @property
    def name(self) -> str:
        return (
            pick_in(self.label, self.languages)
            or pick_in(self.system_label, self.languages)
            or id_as_written(self.iri, self.slug)
        )

    @property
    def name_language(self) -> str:
        """The language :attr:`name` is written in: its label's, else its system's label's; "" for a name in
        none (untagged, or its id)."""
        for texts in (self.label, self.system_label):
            if pick_in(texts, self.languages):
                return language_picked(texts, self.languages)
        return ""

    @property
    def quantity_kind_name(self) -> str | None:
        return local_name(self.quantity_kind) if self.quantity_kind else None


@dataclass(eq=False)
class FindingView:
    finding: Finding
    target: object | None = None  # the Claim / Step / Source / Measurand it is about

    @property
    def severity(self) -> str:
        return self.finding.severity.label


def _said(finding: Finding) -> tuple[str, object]:
    """What a finding says, once a page: a conflict (CG340) by its measurand, since each claim's finding names
    that claim's own figure; any other by its words."""
    if finding.code == "CG340" and finding.fact("measurand") is not None:
        return (finding.code, finding.fact("measurand"))
    return (finding.code, finding.message)


def _once_a_page(obj) -> None:
    """One finding a page for what is said once: a conflict among claims of one measurand is each claim's finding,
    in the same words, and each names the others as related; a claim's page shows its own, the measurand's page
    the first, not the same sentence once per claim."""
    if len(obj.findings) < 2:
        return
    seen = {_said(v.finding) for v in obj.findings if v.target is obj}
    kept = []
    for view in obj.findings:
        if view.target is not obj:
            said = _said(view.finding)
            if said in seen:
                continue
            seen.add(said)
        kept.append(view)
    obj.findings[:] = kept


@dataclass(repr=False)
class SiteModel(_Named):
    title: str
    description: str | None
    base: str
    licence: str | None
    languages: tuple[str, ...]
    claims: list[Claim]
    steps: list[Step]
    sources: list[Source]
    measurands: list[Measurand]
    statuses: list[Status]
    findings: list[FindingView]
    unassigned: list[Claim] = field(default_factory=list)
    query_files: list = field(default_factory=list)
    index: "GraphIndex | None" = field(default=None, repr=False)
    #: The one reading of the registry the pages were made from (claim tables are written from it).
    registry_model: "reading.RegistryModel | None" = field(default=None, repr=False)

    @property
    def bibliography_sources(self) -> list[Source]:
        """The sources the bibliography holds (:attr:`sources` also has a page for each key cited but absent)."""
        return [s for s in self.sources if s.in_bibliography]

    @property
    def missing_sources(self) -> list[Source]:
        """The keys cited but absent from the bibliography."""
        return [s for s in self.sources if not s.in_bibliography]

    @property
    def questions(self) -> list[Step]:
        return [s for s in self.steps if s.kind == "question"]

    def findings_by_severity(self) -> list[tuple[str, list[FindingView]]]:
        groups = []
        for severity in sorted(Severity, reverse=True):
            items = [f for f in self.findings if f.finding.severity == severity]
            groups.append((severity.label, items))
        return groups

    def status_counts(self) -> list[tuple[Status | None, int]]:
        counts = [(s, len(s.claims)) for s in self.statuses]
        missing = sum(1 for c in self.claims if c.status is None)
        if missing:
            counts.append((None, missing))
        return counts


# ------------------------------------------------------------------ helpers


def pick_in(texts: dict[str, str], languages: tuple[str, ...]) -> str | None:
    """The text in the first of ``languages`` (the site's), else one in no language (a label made from an
    identifier), else in the next of ``languages`` that has one, else as :func:`pick` does: the name of a thing
    in the site's language, as the templates' ``pick`` gives its texts."""
    return texts[language_picked(texts, languages)] if texts else None


def language_picked(texts: dict[str, str], languages: tuple[str, ...]) -> str:
    """The language of the text :func:`pick_in` takes from ``texts`` ("" for one in no language, or none): what
    a page marks it with where that is not the page's own (an Italian measurand's name on an English page)."""
    for lang in (*languages[:1], "", *languages[1:]):
        if texts.get(lang):
            return lang
    if not texts:
        return ""
    for lang in (languages[0] if languages else "en", "", "en", "fr"):  # as pick() tries them
        if texts.get(lang):
            return lang
    return next(iter(texts))


def pick(texts: dict[str, str], lang: str = "en") -> str | None:
    """The text in ``lang``, else an untagged one, else any, else None."""
    if not texts:
        return None
    for key in (lang, "", "en", "fr"):
        if texts.get(key):
            return texts[key]
    return next(iter(texts.values()))


_NOT_IN_SLUGS = re.compile(r"[^a-z0-9._-]+")


def id_as_written(iri: str, slug: str) -> str:
    """A node's id as its IRI writes it (IRIs are case-sensitive: ``claim:F09`` is not ``claim:f09``), for pages
    to show; its ``slug`` (made for file names) when that is more than the id in lower case (a digest added to
    tell two nodes apart): the name a page shows must tell them apart too."""
    written = local_name(iri)
    return written if _NOT_IN_SLUGS.sub("-", written.lower()).strip("-.")[:80] == slug else slug


class _Slugs:
    """File-name-safe, unique (case-insensitively) slugs for IRIs.

    An IRI outside the registry's ``base`` always gets its slug with a digest added: the plain name
    (``claims/e1.html``) stays the page of the registry's own node of that name, whichever is met first,
    so a link shared to it never comes to show a node from elsewhere (CG130 reports such a node)."""

    def __init__(self, base: str):
        self.used: set[str] = {"index"}
        self.base = base

    def make(self, iri_or_name: str, *, outside: bool | None = None) -> str:
        """``outside``: whether the node is from outside the base (by default, an IRI not under it; a name,
        a source's key, is the registry's own)."""
        is_iri = "/" in iri_or_name or "#" in iri_or_name
        if outside is None:
            outside = is_iri and not iri_or_name.startswith(self.base)
        name = local_name(iri_or_name) if is_iri else iri_or_name
        slug = _NOT_IN_SLUGS.sub("-", name.lower()).strip("-.")[:80] or "item"
        if slug in self.used or outside:
            slug = f"{slug}-{hashlib.sha1(iri_or_name.encode()).hexdigest()[:8]}"
        while slug in self.used:
            slug += "-x"
        self.used.add(slug)
        return slug


# ------------------------------------------------------------------ gathering


def gather(registry: Registry, findings: list[Finding] | Callable[[], list[Finding]]) -> SiteModel:
    """Read ``registry`` (and the ``findings`` of its checks) into a :class:`SiteModel`: the pages'
    objects, linked to each other, made from the one reading of the registry (:mod:`claimgraph.model`).
    ``findings`` may be a callable giving them, asked for only once the rest is read (checks still running
    meanwhile)."""
    from ..parallel import collector_paused

    # a few hundred thousand records, all kept for the build and none of them garbage: with the cycle
    # collector on, its passes over everything made so far took half of gathering 10,000 claims
    with collector_paused():
        return _gather(registry, findings)


def _gather(registry: Registry, findings: list[Finding] | Callable[[], list[Finding]]) -> SiteModel:
    from ..export_data import written_literals

    read = reading.read_model(registry)
    index = read.index
    # the pages' own triples are written with the literals of the downloads (see rdf_views.subject_rows)
    index.written_literals = written_literals(registry)
    base = registry.settings.base
    slugs = {kind: _Slugs(base) for kind in ("claims", "argument", "sources", "measurands")}

    def location(iri: str) -> str | None:
        loc = registry.locations.get(iri)
        return f"{loc.file}:{loc.line}" if loc else None

    # statuses, from the vocabulary (plus any status the data uses that the scheme lacks)
    # in the interface's language only (English for a registry in a language claimgraph has no words in), from its
    # catalogue where the vocabulary has no label in it: interface words, not the registry's data
    interface = messages.interface_language(registry.settings.languages[0] if registry.settings.languages else "en")
    statuses: dict[str, Status] = {
        iri: Status(
            iri,
            st.key,
            messages.in_interface_language(st.label, interface),
            messages.in_interface_language(st.definition, interface),
            st.rank,
            STATUS_COLOURS.get(st.key, NO_STATUS_COLOUR),
        )
        for iri, st in read.statuses.items()
    }

    def status_of(iri: str | None) -> Status | None:
        if iri is None:
            return None
        if iri not in statuses:
            key = reading.status_name(iri) or ""
            statuses[iri] = Status(iri, key, {"": key}, {}, 99, NO_STATUS_COLOUR)
        return statuses[iri]

    languages = tuple(registry.settings.languages) or ("en",)  # names in the site's language

    # sources
    sources: dict[str, Source] = {}
    for src in read.sources.values():
        entry = registry.sources.get(src.key)
        sources[src.iri] = Source(
            iri=src.iri,
            key=src.key,
            slug=slugs["sources"].make(src.key),
            entry_type=src.entry_type,
            title=src.title,
            authors=[a for a in src.authors if not is_more_authors(a)],
            # read from the entry, where a name's braces still say where it ends (the store's list has lost them)
            family_names=[family_name(a) for a in (entry.creators if entry else src.authors) if not is_more_authors(a)],
            more_authors=any(is_more_authors(a) for a in src.authors),
            year=src.year,
            venue=src.venue,
            publisher=src.publisher,
            volume=src.volume,
            issue=src.issue,
            pages=src.pages,
            doi=src.doi,
            arxiv=src.arxiv,
            isbn=src.isbn,
            url=src.url,
            note=src.note,
            identified=src.identified,
            bibtex=_bibtex(entry) if entry else None,
            location=location(src.iri),
            languages=languages,
        )

    def source_of(iri: str | None) -> Source | None:
        if iri is None:
            return None
        if iri not in sources:  # cited but not in the bibliography: a page still says so
            key = registry.key_of(iri) or local_name(iri)
            sources[iri] = Source(
                iri=iri,
                key=key,
                slug=slugs["sources"].make(key, outside=not iri.startswith(base)),
                identified=False,
                in_bibliography=False,
                note="This key is not in the bibliography.",
                languages=languages,
            )
        return sources[iri]

    # measurands
    measurands: dict[str, Measurand] = {}
    for m in read.measurands.values():
        system = read.systems.get(m.system or "")
        measurands[m.iri] = Measurand(
            iri=m.iri,
            slug=slugs["measurands"].make(m.iri),
            label=m.label,
            quantity_kind=m.quantity_kind,
            system=m.system,
            system_label=system.label if system else {},
            languages=languages,
        )

    # claims; the registry's own named first, so that one from elsewhere that slugs to the same name
    # (suffixed) never takes the name a later one of the registry's would have had
    claim_slugs = {iri: slugs["claims"].make(iri) for iri in read.claims if iri.startswith(base)}
    claim_slugs.update((iri, slugs["claims"].make(iri)) for iri in read.claims if iri not in claim_slugs)
    claims: dict[str, Claim] = {}
    # a value in a unit the registry declares is printed by its declared symbol ("mL/min/1.73 m²"), on every page
    catalogue = catalogue_for(registry)
    for r in read.claims.values():
        c = Claim(
            iri=r.iri,
            slug=claim_slugs[r.iri],
            quantitative=r.quantitative,
            statement=r.statement,
            slide=r.slide,
            value=r.value.with_declared_symbol(catalogue) if r.value is not None else None,
            normalised=r.normalised.with_declared_symbol(catalogue) if r.normalised is not None else None,
            in_text_citation=r.in_text_citation,
            status=status_of(r.status),
            status_note=r.status_note,
            counts=r.counts,
            location=location(r.iri),
            cited_role=r.cited_role,
            languages=languages,
            catalogue=catalogue,
        )
        if r.measurand:
            if r.measurand not in measurands:
                measurands[r.measurand] = Measurand(
                    r.measurand, slugs["measurands"].make(r.measurand), {}, languages=languages
                )
            c.measurand = measurands[r.measurand]
            c.measurand.claims.append(c)
        for iri in r.cites:
            source = source_of(iri)
            c.cites.append(source)
            source.cited_by.append(c)
        for iri in r.primary_sources:
            c.primary_sources.append(source_of(iri))
        # the model's one reading of "primary": a source the claim cites as primary is one too
        for iri in r.primary:
            source_of(iri).primary_for.append(c)
        for q in r.quotes:
            c.quotes.append(
                Quote(
                    exact=q.exact,
                    locator=q.locator,
                    source=source_of(q.source),
                    value=q.value.with_declared_symbol(catalogue) if q.value is not None else None,
                    role=q.role,
                )
            )
        if r.derivation is not None:
            forms = r.derivation.written
            # a number as its file writes it ("1.30", not 1.3)
            c.derivation = {
                "formula": r.derivation.formula,
                "operands": [
                    format_quantity(o, catalogue=catalogue)  # a number with its unit: 30 years
                    if isinstance(o, Quantity)
                    else forms[i]
                    if i < len(forms) and forms[i] and not isinstance(o, str)
                    else o
                    for i, o in enumerate(r.derivation.operands)
                ],
            }
        if c.status:
            c.status.claims.append(c)
        claims[c.iri] = c
    _verify_quotes(registry, claims)
    _source_texts(registry, sources)
    for source in sources.values():
        source.cited_by.sort(key=_claim_order)
        source.primary_for.sort(key=_claim_order)
    for measurand in measurands.values():
        measurand.claims.sort(key=_claim_order)

    # derivation operands that are claims become links
    for c in claims.values():
        if c.derivation:
            c.derivation["operands"] = [claims.get(o, o) for o in c.derivation["operands"]]
            for operand in c.derivation["operands"]:  # and link back: a reviewer walks both ways
                if isinstance(operand, Claim) and c not in operand.operand_of:
                    operand.operand_of.append(c)
            formula = c.derivation["formula"]
            # named in the interface's language from its catalogue where the vocabulary has no label in it
            c.derivation["formula_label"] = (
                messages.in_interface_language(index.langs(ox.NamedNode(formula), _SKOS + "prefLabel"), interface)
                if formula
                else {}
            )

    # counter-evidence: a claim from another work that contests, qualifies or supports one of the registry's
    for c in claims.values():
        for target, how in read.claims[c.iri].bears_on:
            other = claims.get(target)
            if other is not None and other is not c and (c, how) not in other.borne_on_by:
                other.borne_on_by.append((c, how))
                c.bears_on.append((other, how))
    for c in claims.values():
        c.borne_on_by.sort(key=lambda pair: (BEARING_ORDER.index(pair[1]), _claim_order(pair[0])))

    # argument steps, in their order
    steps: list[Step] = []
    for r_step in read.steps:
        step = Step(
            iri=r_step.iri,
            slug=slugs["argument"].make(r_step.iri),
            order=r_step.order,
            kind=r_step.kind,
            label=r_step.label,
            question=r_step.question,
            text=r_step.text,
            slide=r_step.slide,
            part_of=sources.get(r_step.part_of or ""),
        )
        for claim_iri, role in r_step.uses:
            claim = claims[claim_iri]
            step.uses.append((claim, role))
            claim.used_by.append((step, role))
        step.uses.sort(key=lambda pair: _claim_order(pair[0]))
        steps.append(step)
    kind_rank = {"question": 0, "step": 1, "conclusion": 2}
    steps.sort(key=lambda s: (s.order if s.order is not None else 10**9, kind_rank[s.kind], s.iri))
    for before, after in zip(steps, steps[1:]):
        before.next, after.previous = after, before
    position = {s.iri: i for i, s in enumerate(steps)}
    for c in claims.values():
        c.used_by.sort(key=lambda pair: position[pair[0].iri])

    # findings, attached to the page they are about
    targets: dict[str, object] = {}
    targets.update(claims)
    targets.update({s.iri: s for s in steps})
    targets.update(sources)
    targets.update(measurands)
    views: list[FindingView] = []
    if callable(findings):
        findings = findings()
    for f in findings:
        target = _target(f.subject, targets, index)
        view = FindingView(f, target)
        views.append(view)
        about = {target} if target is not None else set()
        for iri in f.related:
            other = targets.get(iri)
            if other is not None:
                about.add(other)
        measurand = targets.get(str(f.fact("measurand"))) if f.fact("measurand") else None
        if measurand is not None:  # a conflict between claims is shown on the page of what they measure
            about.add(measurand)
        for obj in about:
            obj.findings.append(view)
    for obj in {id(obj): obj for obj in targets.values()}.values():
        _once_a_page(obj)

    claim_list = sorted(claims.values(), key=_claim_order)
    used = {c.iri for s in steps for c, _ in s.uses}
    settings = registry.settings
    return SiteModel(
        title=settings.title,
        description=settings.description,
        base=settings.base,
        licence=settings.licence,
        languages=settings.languages,
        claims=claim_list,
        steps=steps,
        sources=sorted(sources.values(), key=lambda s: s.key.lower()),
        measurands=sorted(measurands.values(), key=lambda m: m.name.lower()),
        statuses=sorted((s for s in statuses.values() if s.claims or s.rank < 50), key=lambda s: (s.rank, s.key)),
        findings=views,
        unassigned=[c for c in claim_list if c.iri not in used],
        query_files=list(registry.query_files),
        index=index,
        registry_model=read,
    )


def _verify_quotes(registry: Registry, claims: dict[str, "Claim"]) -> None:
    """Each quote's search in its source's text, in the words the page shows under it."""
    from ..sources import verify

    # a quote not looked for is said so in words of its source's key only: said once a key (8,000 quotes at
    # 10,000 claims, of a few hundred sources)
    not_looked_for: dict[tuple[str, str | None], Phrase] = {}

    def said_of(qc) -> Phrase:
        if qc.status != "no-source" and qc.status != "no-text":
            return _verification_text(qc)
        said = not_looked_for.get((qc.status, qc.key))
        if said is None:
            said = not_looked_for[qc.status, qc.key] = _verification_text(qc)
        return said

    if verify.no_source_has_a_text(registry) and verify.model_reads_quotes_as_the_query(
        registry, reading.read_model(registry)
    ):
        # no quote is looked for: from the quotes as read (their words and sources those the query below
        # would read), a phrase per source
        said_of_source: dict[str | None, Phrase] = {}
        for claim in claims.values():
            for quote in claim.quotes:
                if quote.exact is None:
                    continue  # the query reads only quotes with words
                iri = quote.source.iri if quote.source is not None else None
                said = said_of_source.get(iri)
                if said is None:
                    said = said_of_source[iri] = said_of(verify.quote_not_looked_for(registry, iri))
                quote.verification = said
        return
    checks = verify.quote_checks_without_texts(registry)
    if checks is None:
        checks = {(qc.claim, qc.role, qc.exact): qc for qc in verify.quote_checks(registry)}
    for claim in claims.values():
        for quote in claim.quotes:
            qc = checks.get((claim.iri, quote.role, quote.exact))
            if qc is None:
                continue
            quote.verification = said_of(qc)
            if qc.match is not None and qc.status != "no-text":
                quote.context = (qc.match.before, qc.match.passage, qc.match.after)


def _source_texts(registry: Registry, sources: dict[str, "Source"]) -> None:
    from ..sources.available import source_texts

    texts = source_texts(registry)
    for source in sources.values():
        avail = texts.by_key.get(source.key)
        if avail is None:
            continue
        # phrases the source page renders in its language (site.messages)
        if avail.text is not None:
            count = len(avail.text.pages)
            source.text = Phrase.of(
                "{origin} ({media_type}, {count} page)" if count == 1 else "{origin} ({media_type}, {count} pages)",
                origin=avail.origin,
                media_type=avail.text.media_type,
                count=count,
            )
        elif avail.declared:
            source.text = Phrase.of("named, but not available where this site was built")
        else:
            source.text = Phrase.of("none: quotes from it were not looked for in its text")
        record = texts.manifest.sources.get(source.key)
        metadata = record.metadata if record else None
        if metadata:
            via = metadata.get("via") or Phrase.of("its registry")
            identifier = metadata.get("identifier") or Phrase.of("the identifier")
            source.record = (
                Phrase.of(
                    "{identifier} resolved by {via}: “{title}” ({year})",
                    identifier=identifier,
                    via=via,
                    title=metadata.get("title", ""),
                    year=metadata.get("year") or Phrase.of("no year"),
                )
                if metadata.get("resolved", True)
                else Phrase.of("{identifier} does not resolve ({via})", identifier=identifier, via=via)
            )
        elif record and record.retrievals:
            source.record = Phrase.of("not fetched (see `claimgraph sources fetch`)")


def _verification_text(qc) -> Phrase:
    where = f", {qc.pages_shown}" if qc.pages_shown else ""
    if qc.status == "no-source":
        return Phrase.of("Not looked for: the quote names no single source.")
    if qc.status == "no-text":
        return Phrase.of(
            "Not looked for: no text of {key} is available here (see `claimgraph sources fetch`).", key=qc.key
        )
    if qc.status == "found":
        return Phrase.of("Found in the source{where} ({origin}).", where=where, origin=qc.origin)
    if qc.status == "approximate":
        return Phrase.of(
            "Found in the source{where}, approximately (score {score}/100; {origin}).",
            where=where,
            score=f"{qc.match.score:g}",
            origin=qc.origin,
        )
    if qc.status == "other-page":
        return Phrase.of(
            "Found in the source{where}, not on the page the locator names (printed pages read from "
            "{basis}; {origin}).",
            where=where,
            basis=qc.basis,
            origin=qc.origin,
        )
    return Phrase.of(
        "Not found in the source's text ({origin}); the closest passage{where} scores {score}/100.",
        origin=qc.origin,
        where=where,
        score=f"{qc.match.score:g}",
    )


def _target(subject: str | None, targets: dict[str, object], index: GraphIndex):
    if not subject:
        return None
    if subject in targets:
        return targets[subject]
    if subject.startswith("_:"):
        owner = index.owner(ox.BlankNode(subject[2:]))
        if isinstance(owner, ox.NamedNode):
            return targets.get(owner.value)
    return None


def _claim_order(c: Claim):
    return (c.slide if c.slide is not None else 10**9, c.iri)


def _bibtex(entry) -> str:
    """The entry as BibTeX, fields in their written order, for the "how to cite" box."""
    lines = [f"@{entry.entry_type}{{{entry.key},"]
    width = max((len(k) for k in entry.fields), default=0)
    for name, value in entry.fields.items():
        lines.append(f"  {name.ljust(width)} = {{{value}}},")
    lines.append("}")
    return "\n".join(lines)
