"""Every quote looked for in its source's text: the one reading the check and the site share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .available import Availability, source_texts

if TYPE_CHECKING:  # read where a text is looked in: a registry without texts (and its site) never needs it
    from .locate import Match, PreparedText


@dataclass(frozen=True)
class QuoteCheck:
    claim: str
    role: str  # "cited" or "primary"
    exact: str
    key: str | None  # the source's BibTeX key
    status: str  # found | approximate | other-page | not-found | no-text | no-source
    origin: str | None = None  # where the text came from
    match: Match | None = None
    page: str | None = None  # printed page where found (first one)
    last_page: str | None = None
    basis: str | None = None  # how printed pages were read
    locator_pages: str | None = None  # the pages the locator names, as it writes them ("pp. 4, 7")
    locator_exists: bool = True  # the text has the page the locator names
    value_in_passage: bool | None = None  # None: nothing to look for
    #: Tables or figures the locator names that the text shows, but not near the quote: (as written, pages).
    labels_elsewhere: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: The quote is past the last page of the entry's pages range (a supplement the text holds after the
    #: article): (that last page, the quote's page counted in the text from 1). Its printed page is unknown.
    past_article: tuple[str, int] | None = None
    #: The words by which the locator names a part with its own pages ("Appendix") when its pages are not
    #: compared with the text's for that reason (:func:`claimgraph.sources.locate.pages_of_supplement`).
    supplement: str | None = None

    @property
    def pages_shown(self) -> str | None:
        """Where the quote was found, in words: "p. 4", "pp. 4–5", or, past the article's last page, the page
        of the text (never a printed page the article does not have)."""
        if self.page is None:
            return None
        if self.past_article is not None:
            last, position = self.past_article
            return f"page {position} of the text, after the article's last page (p. {last})"
        return f"p. {self.page}" if self.last_page in (None, self.page) else f"pp. {self.page}\u2013{self.last_page}"


def _only_source(cites: dict[str, dict[str, list[str]]], claim: str, role: str) -> str | None:
    """The source of a quote naming none: its claim's only cited (or primary) source, if it has one only."""
    candidates = cites.get(claim, {}).get(role, [])
    return candidates[0] if len(candidates) == 1 else None


def _not_looked_for(avail: Availability | None) -> str:
    return "no-source" if avail is None else "no-text"


#: What :data:`claimgraph.model._QUOTES` reads of each quote to find its source, and no more.
_QUOTE_SOURCES = """
SELECT ?claim ?role ?exact ?source WHERE {
  ?claim ?rel ?q .
  VALUES (?rel ?role) { (cg:citedQuote "cited") (cg:primaryQuote "primary") }
  ?q oa:exact ?exact .
  OPTIONAL { ?q cg:inSource ?source }
}
"""


def quote_checks_without_texts(registry) -> dict[tuple[str, str, str], QuoteCheck] | None:
    """The checks of :func:`quote_checks` by (claim, role, quote), for a registry none of whose sources has a
    text: every quote is then not looked for, and only its source is needed (not its value, which is most of
    reading the quotes: ~0.1 s at 10,000 claims). None if some source has a text, or if the one quote was read
    with two sources (which one :func:`quote_checks` names last depends on the order of its reading's rows)."""
    if not no_source_has_a_text(registry):
        return None
    texts = source_texts(registry).by_key
    cache = registry.__dict__.get("_evidence_cache", {})
    if "quote_checks" in cache or "quotes" in cache:  # read already: nothing left to save
        return {(qc.claim, qc.role, qc.exact): qc for qc in quote_checks(registry)}
    cites: dict[str, dict[str, list[str]]] | None = None
    out: dict[tuple[str, str, str], QuoteCheck] = {}
    for row in registry.select(_QUOTE_SOURCES):
        # each value as model.quotes reads it
        claim, role, exact = str(row["claim"]), str(row["role"]), str(row["exact"])
        source = row.get("source")
        source = source if isinstance(source, str) else None
        if source is None:
            if cites is None:
                cites = _cites(registry)
            source = _only_source(cites, claim, role)
        key = registry.key_of(source) if source else None
        check = QuoteCheck(claim, role, exact, key, _not_looked_for(texts.get(key) if key else None))
        if out.setdefault((claim, role, exact), check) != check:
            return None
    return out


def no_source_has_a_text(registry) -> bool:
    """Whether no source of ``registry`` has a text to look quotes up in (then none is looked for)."""
    return not any(avail.text is not None for avail in source_texts(registry).by_key.values())


def quote_not_looked_for(registry, source: str | None) -> QuoteCheck:
    """What :func:`quote_checks` says of a quote from ``source`` (an IRI, None when it names none) when no
    source has a text (:func:`no_source_has_a_text`), but for the quote's claim, role and words (left empty)."""
    key = registry.key_of(source) if source else None
    return QuoteCheck("", "", "", key, _not_looked_for(source_texts(registry).by_key.get(key) if key else None))


def model_reads_quotes_as_the_query(registry, model) -> bool:
    """Whether every quote of ``model`` (a :class:`claimgraph.model.RegistryModel` of ``registry``) has the
    words and the source :func:`quote_checks_without_texts` reads for it with a query, and that query reads
    no other quote: then the model's quotes give its checks without the query (whose rows, one Python
    dict each, were most of its ~0.1 s at 10,000 claims). Not when a triple is stated in two graphs (the
    query's union repeats it), something other than a claim has a quote, a quote has two ``oa:exact`` or
    one that is not a string, two ``cg:inSource`` or one that is not an IRI, a claim cites something that
    is not an IRI, or two quotes of a claim in one role have the same words but not the same source. Only
    the terms' kinds are looked at (a term's IRI or words is a new string each time it is asked)."""
    import pyoxigraph as ox

    from ..namespaces import CG, OA

    cache = registry.__dict__.get("_evidence_cache", {})
    index = model.index
    if "quote_checks" in cache or "quotes" in cache or index.duplicated:
        return False
    exact_p, in_source_p = str(OA) + "exact", str(CG) + "inSource"
    cited_p, primary_p = str(CG) + "citedQuote", str(CG) + "primaryQuote"
    named_sources = (str(CG) + "cites", str(CG) + "primarySource")
    strings = (
        ox.NamedNode("http://www.w3.org/2001/XMLSchema#string"),
        ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"),
    )
    NamedNode, Literal, no_properties = ox.NamedNode, ox.Literal, {}
    quoting = 0
    for subject, props in index.out.items():
        if cited_p not in props and primary_p not in props:
            continue
        if type(subject) is not NamedNode:
            return False
        quoting += 1
        for predicate in named_sources:
            if any(type(source) is not NamedNode for source in props.get(predicate, ())):
                return False
        for predicate in (cited_p, primary_p):
            for q in props.get(predicate, ()):
                q_props = index.out.get(q) or no_properties
                exacts = q_props.get(exact_p)
                if exacts is not None and (
                    len(exacts) > 1 or type(exacts[0]) is not Literal or exacts[0].datatype not in strings
                ):
                    return False
                named = q_props.get(in_source_p)
                if named is not None and (len(named) > 1 or type(named[0]) is not NamedNode):
                    return False
    # every subject with a quote is one of the model's claims (each of whose quotes it read)
    if quoting != sum(1 for claim in model.claims.values() if claim.quotes):
        return False
    for claim in model.claims.values():
        if len(claim.quotes) > 1:
            sources: dict[tuple[str, str | None], str | None] = {}
            for quote in claim.quotes:
                if sources.setdefault((quote.role, quote.exact), quote.source) != quote.source:
                    return False
    return True


def _cites(registry) -> dict[str, dict[str, list[str]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for row in registry.select("SELECT ?claim ?p ?s WHERE { VALUES ?p { cg:cites cg:primarySource } ?claim ?p ?s }"):
        role = "cited" if row["p"].endswith("cites") else "primary"
        out.setdefault(row["claim"], {}).setdefault(role, []).append(row["s"])
    return out


def quote_checks(registry) -> list[QuoteCheck]:
    """Every quote of every claim, checked against its source's text where there is one
    (computed once per loaded registry)."""
    cache = registry.__dict__.setdefault("_evidence_cache", {})
    if "quote_checks" not in cache:
        cache["quote_checks"] = _quote_checks(registry)
    return cache["quote_checks"]


def _quote_checks(registry) -> list[QuoteCheck]:
    from ..model import claim_values, quotes
    from ..numbers_in_text import states as quote_states
    from ..quantities import catalogue_for, temperature_reading
    from .locate import (
        locate,
        locator_labels,
        locator_pages,
        page_numbering,
        pages_named,
        pages_of_supplement,
        pages_showing,
        prepare,
        supplement_named,
    )

    texts = source_texts(registry).by_key
    # each read when a quote first needs it: a registry whose sources have no text needs no claim's value
    cites: dict[str, dict[str, list[str]]] | None = None
    values: dict | None = None
    prepared: dict[str, PreparedText] = {}
    catalogue = catalogue_for(registry)  # (a claim in a unit the registry declares is compared through it)
    out = []
    for quote in quotes(registry):
        source = quote.source
        if source is None:
            if cites is None:
                cites = _cites(registry)
            source = _only_source(cites, quote.claim, quote.role)
        key = registry.key_of(source) if source else None
        avail: Availability | None = texts.get(key) if key else None
        if avail is None or avail.text is None:
            out.append(QuoteCheck(quote.claim, quote.role, quote.exact, key, _not_looked_for(avail)))
            continue
        if key not in prepared:
            prepared[key] = prepare(avail.text)
        text = avail.text
        numbering = page_numbering(text, registry.sources[key].fields.get("pages"))
        named = locator_pages(quote.locator) if text.paged else None
        wanted = pages_named(numbering, named) if named else set()
        match = locate(prepared[key], quote.exact, wanted or None)
        if match is None:
            continue
        past_article = numbering.past_article(match.start_page) if text.paged else False
        supplement = supplement_named(quote.locator) if named else None
        own_pages = pages_of_supplement(quote.locator) and not (wanted and named is not None and named.lettered)
        if supplement is not None and (own_pages or not wanted or past_article):
            # an appendix's or a supplement's pages are numbered on their own, not as the article's: "Appendix
            # p. 2", a supplement's page the text does not have, or one the text holds after the article (but
            # "Supplement p. S2" is compared with a page the text numbers S2)
            named, wanted = None, set()
        else:
            supplement = None
        common = dict(
            claim=quote.claim,
            role=quote.role,
            exact=quote.exact,
            key=key,
            origin=avail.origin,
            match=match,
            basis=numbering.basis if text.paged else None,
            page=numbering.labels[match.start_page] if text.paged else None,
            last_page=numbering.labels[match.end_page] if text.paged else None,
            locator_pages=named.text if named else None,
            locator_exists=bool(wanted) if named else True,
            past_article=(
                (numbering.labels[numbering.last_index], match.start_page + 1)
                if past_article and numbering.last_index is not None
                else None
            ),
            supplement=supplement,
        )
        if not match.found:
            out.append(QuoteCheck(status="not-found", **common))
            continue
        target = quote.quantity
        difference = None  # a temperature in another scale: as the claim's kind says (numbers_in_text.states)
        if target is None and quote.role == "cited":
            if values is None:
                values = claim_values(registry)
            if quote.claim in values:
                target = values[quote.claim].quantity
                difference = temperature_reading(values[quote.claim].kind, catalogue)
        in_passage = None
        # looked for only where the quote itself states it: a quote without the number is CG320's finding,
        # a cited quote stating it only in an editorial insertion [ ] too (CG320 says so); a quote CG320
        # does not read (a primary one, one giving its own cg:value) is read with its insertions' words
        compared_by_cg320 = quote.role == "cited" and quote.quantity is None
        exact = quote.exact if compared_by_cg320 else quote.exact.replace("[", " ").replace("]", " ")
        if target is not None and quote_states(target, exact, difference=difference, catalogue=catalogue):
            in_passage = quote_states(target, match.passage, difference=difference, catalogue=catalogue)
        on_page = not named or bool(set(range(match.start_page, match.end_page + 1)) & wanted)
        status = "other-page" if not on_page else ("found" if match.exact else "approximate")
        elsewhere = []
        if text.paged:
            # a caption may sit on the page before or after the words it labels
            near = set(range(match.start_page - 1, match.end_page + 2))
            for kind, number, written in locator_labels(quote.locator):
                showing = pages_showing(prepared[key], kind, number)
                if showing and not showing & near:  # never said when the text shows no such label at all
                    elsewhere.append((written, tuple(numbering.labels[i] for i in sorted(showing))))
        out.append(QuoteCheck(status=status, value_in_passage=in_passage, labels_elsewhere=tuple(elsewhere), **common))
    return out
