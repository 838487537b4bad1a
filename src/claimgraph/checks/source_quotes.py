"""Quotes found in their sources' texts (CG380–CG388).

For every quote whose source has a text (the BibTeX ``file`` field's copy, or a text
``claimgraph sources fetch`` recorded): the quote is looked for in it (see
:mod:`claimgraph.sources.locate`), its page locator compared with the page it is on, and the
value it states looked for in the passage found. Nothing is fetched here: a source whose text
is not on this machine gives "text not available" (CG380, info).
"""

from __future__ import annotations

from typing import Iterable

from ..findings import Finding, Severity
from ..namespaces import CG
from ..registry import Registry
from ..sources.available import source_texts
from ..sources.manifest import MANIFEST
from ..sources.verify import quote_checks


def _clip(text: str, n: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


#: The metadata file of an RO-Crate (``export --format rocrate``): a registry folder holding one is a crate.
ROCRATE_METADATA = "ro-crate-metadata.json"


def _crate_without_texts(registry: Registry, texts) -> Finding | None:
    """One warning for an RO-Crate exported without the sources' texts its bibliography names: each quote
    gets "text not available" (CG380, an info), and a quote its source does not hold would pass unseen."""
    absent = sorted({copy.looked_for for avail in texts.by_key.values() for copy in avail.absent})
    if not absent or not (registry.root / ROCRATE_METADATA).is_file():
        return None
    quotes = sum(1 for qc in quote_checks(registry) if qc.status == "no-text" and texts.by_key[qc.key].absent)
    shown = ", ".join(map(repr, absent[:3])) + (f" and {len(absent) - 3} more" if len(absent) > 3 else "")
    return Finding(
        ROCRATE_METADATA,
        1,
        "CG380",
        Severity.WARNING,
        f"this RO-Crate holds none of the {len(absent)} source texts its bibliography names ({shown}): "
        f"{quotes} quotes were not looked for in their sources, so a quote its source does not hold cannot "
        "show here",
        hint="check the registry the crate was exported from, or export it with `claimgraph export --format "
        "rocrate --with-source-texts` (the texts may be under their publishers' copyright)",
    )


def check(registry: Registry) -> Iterable[Finding]:
    texts = source_texts(registry)
    crate = _crate_without_texts(registry, texts)
    if crate is not None:
        yield crate
    if texts.manifest_problem is not None:
        yield Finding(
            MANIFEST,
            texts.manifest_problem.line,
            "CG387",
            Severity.ERROR,
            f"sources manifest: {texts.manifest_problem}",
            hint="restore it from version control, or delete it and run `claimgraph sources fetch` again",
        )
    for key, avail in sorted(texts.by_key.items()):
        entry = registry.sources[key]
        for problem in avail.problems:
            line = entry.field_lines.get(problem.field, entry.line) if problem.field else entry.line
            yield Finding(
                registry.source_files[key],
                line,
                problem.code,
                _severity(problem.code),
                f"{key}: {problem.message}",
                registry.source_iri(key),
                problem.hint,
            )
    for qc in quote_checks(registry):
        predicate = str(CG.citedQuote if qc.role == "cited" else CG.primaryQuote)
        if qc.status == "no-text":
            avail = texts.by_key[qc.key]
            refused = any(problem.code == "CG381" for problem in avail.problems)
            if refused and not avail.absent:
                continue  # the copy named was refused (CG381): that is the one finding, not "not available"
            if avail.declared:
                absent = f" ({'; '.join(copy.describe() for copy in avail.absent)})" if avail.absent else ""
                hint = (
                    "run `claimgraph sources fetch " + qc.key + "` (network) or give a local copy in the "
                    "entry's file field"
                )
                if avail.absent:
                    hint += " (a relative path is read from the folder of the .bib file holding the entry)"
                yield registry.finding(
                    "CG380",
                    f"text not available for {qc.key}{absent}: the quote “{_clip(qc.exact, 80)}” was not looked for",
                    subject=qc.claim,
                    predicate=predicate,
                    hint=hint,
                )
            continue
        if qc.match is None or qc.status == "no-source":
            continue
        m = qc.match
        where = f" on {qc.pages_shown}" if qc.page else ""
        if qc.status == "not-found":
            yield registry.finding(
                "CG382",
                f"quote not found in the text of {qc.key} ({qc.origin}); the closest passage{where} scores "
                f"{m.score:g}/100: “{_clip(m.passage)}”",
                subject=qc.claim,
                predicate=predicate,
                hint="copy the source's exact words (mark cuts with … and insertions with [ ]), or cite the "
                "source the words come from",
            )
            continue
        if qc.status == "approximate" and qc.value_in_passage is not False:  # else CG385 shows the passage
            yield registry.finding(
                "CG384",
                f"quote found in {qc.key}{where} only approximately (score {m.score:g}/100): "
                f"the source reads “{_clip(m.passage)}”",
                subject=qc.claim,
                predicate=predicate,
                hint="if the source's words differ, quote them exactly; an OCR or conversion error can be left",
            )
        if qc.status == "other-page":
            named = qc.locator_pages
            missing = "" if qc.locator_exists else " (the text has no such page)"
            hint = f"correct the locator to “{qc.pages_shown}”"
            if qc.past_article is not None:
                # never a page the entry's own pages field says the article does not have ("p. 1025" of 1021–1023)
                hint = (
                    "the text holds more after the article (a supplement or an appendix?): if the words come "
                    "from it, name it in the locator (“Supplementary Appendix p. …”), whose pages are not "
                    "compared with the article's; else check the entry's pages field"
                )
            yield registry.finding(
                "CG383",
                f"quote found in {qc.key} on {qc.pages_shown}, not on {named} as its "
                f"locator says{missing}; printed pages read from {qc.basis}",
                subject=qc.claim,
                predicate=(str(CG.locator), predicate),
                hint=hint,
            )
        for written, pages in qc.labels_elsewhere:
            shown = ", ".join(pages[:5]) + ("…" if len(pages) > 5 else "")
            yield registry.finding(
                "CG388",
                f"the locator names {written}, which the text of {qc.key} shows on p. {shown}, not near the "
                f"quote ({qc.pages_shown})",
                subject=qc.claim,
                predicate=(str(CG.locator), predicate),
                hint=f"check which {written.split()[0].lower().rstrip('.')} the words come from",
            )
        if qc.value_in_passage is False:
            yield registry.finding(
                "CG385",
                f"the quote states the claim's value, but the passage of {qc.key}{where} it was found in "
                f"does not: “{_clip(m.passage)}”",
                subject=qc.claim,
                predicate=predicate,
                hint="take the number from the source's own words; an editorial insertion [ ] or a retyped "
                "number is not the source's",
            )


def _severity(code: str) -> Severity:
    from ..findings import CODES

    return CODES[code].severity


def require_texts(registry: Registry, findings: list[Finding]) -> list[Finding]:
    """``check --require-texts``: every quote whose source has no readable text is an error (CG380),
    for a CI that fetched the texts first and must not pass a quote nobody looked for."""
    from . import sort_findings

    kept = [f for f in findings if f.code != "CG380"]
    for qc in quote_checks(registry):
        if qc.status != "no-text":
            continue
        predicate = str(CG.citedQuote if qc.role == "cited" else CG.primaryQuote)
        kept.append(
            registry.finding(
                "CG380",
                f"text not available for {qc.key}: the quote “{_clip(qc.exact, 80)}” was not looked for "
                "(--require-texts)",
                subject=qc.claim,
                predicate=predicate,
                severity=Severity.ERROR,
                hint=f"run `claimgraph sources fetch {qc.key}` (network) or give a local copy in the entry's file field",
            )
        )
    return sort_findings(kept)
