"""The bibliography itself: identifiers present and well-formed, no duplicates, nothing unused.

* CG303 no DOI, arXiv id, ISBN or URL (for works that were identified);
* CG304 malformed identifier: DOI syntax, arXiv syntax, ISBN checksum, URL scheme http/https;
* CG305 two entries with the same DOI or the same normalised title;
* CG306 (info) an entry nothing cites (not said while a claims file failed to load: what cites it may
  be in that file);
* CG307 a cited work that could not be identified (``keywords = {claimgraph:unidentified}``; the older
  ``identified = {false}`` is still read).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from typing import Iterable

from ..findings import Finding
from ..loading.bibtex import BibEntry, strip_braces
from ..registry import Registry
from ..web_url import is_web_url

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
#: A resolver's address or the ``doi:`` scheme before a DOI (``https://doi.org/10.…``, ``doi:10.…``).
DOI_PREFIX = re.compile(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def doi_hint(doi: str) -> str:
    """What to write for a malformed DOI (``new source --doi`` says the same): the bare DOI itself when
    only a resolver prefix or ``doi:`` keeps it from being one."""
    bare = DOI_PREFIX.sub("", doi, count=1).strip()
    if bare != doi and DOI.match(bare):
        return f"give the bare DOI, {bare} (without {doi[: len(doi) - len(bare)].strip()!r})"
    return "give the bare DOI, 10.…, e.g. 10.1109/MC.2022.3148714, without https://doi.org/"


ARXIV = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")


def isbn_valid(text: str) -> bool:
    digits = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"\d{13}", digits):
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(digits))
        return total % 10 == 0
    return False


def _title_key(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", strip_braces(title).lower())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _identified(entry: BibEntry) -> bool:
    from ..loading.sources import is_identified

    return is_identified({k: strip_braces(v) for k, v in entry.fields.items()})


def _cited_keys(registry: Registry) -> set[str]:
    rows = registry.select("SELECT DISTINCT ?s WHERE { ?x cg:cites|cg:primarySource|cg:inSource|cg:partOf ?s }")
    return {k for k in (registry.key_of(r["s"]) for r in rows) if k}


def check(registry: Registry) -> Iterable[Finding]:
    cited = _cited_keys(registry)
    # "cited by nothing" speaks for every claim file: while one did not load, the citation may be in it
    citations_all_read = not registry.left_out("claims")
    by_doi: dict[str, list[str]] = defaultdict(list)
    by_title: dict[str, list[str]] = defaultdict(list)
    for key, entry in sorted(registry.sources.items()):
        iri = registry.source_iri(key)
        f = {k: strip_braces(v) for k, v in entry.fields.items()}

        def at(field_name: str, code: str, message: str, hint: str | None = None) -> Finding:
            line = entry.field_lines.get(field_name, entry.line)
            return Finding(registry.source_files[key], line, code, _severity(code), message, iri, hint)

        if not _identified(entry):
            if key in cited:
                yield at(
                    "keywords" if "keywords" in entry.fields else "identified",
                    "CG307",
                    f"{key}: the cited work could not be identified with certainty",
                    "see the entry's note for what was tried; the claims citing it stay unverified",
                )
        elif not any(f.get(n) for n in ("doi", "eprint", "isbn", "url")):
            yield at(
                "title",
                "CG303",
                f"{key} has no DOI, arXiv id, ISBN or URL: nothing leads a reader to the work",
                "add doi = {10.…}, eprint + archiveprefix = {arXiv}, isbn or url",
            )
        if f.get("doi"):
            doi = f["doi"]
            if not DOI.match(doi):
                yield at(
                    "doi",
                    "CG304",
                    f"{key}: DOI {doi!r} is malformed",
                    doi_hint(doi),
                )
            else:
                by_doi[doi.lower()].append(key)
        eprint_type = (f.get("archiveprefix") or f.get("eprinttype") or "").lower()
        if f.get("eprint") and eprint_type == "arxiv" and not ARXIV.match(f["eprint"]):
            yield at("eprint", "CG304", f"{key}: arXiv id {f['eprint']!r} is malformed", "e.g. 2211.02001")
        if f.get("isbn") and not isbn_valid(f["isbn"]):
            yield at("isbn", "CG304", f"{key}: ISBN {f['isbn']!r} fails its checksum", "copy the ISBN again")
        if f.get("url") and not is_web_url(f["url"]):
            yield at(
                "url",
                "CG304",
                f"{key}: URL {f['url']!r} is not an http(s) URL",
                "only http:// and https:// links are published",
            )
        if f.get("title"):
            by_title[_title_key(f["title"])].append(key)
        if key not in cited and citations_all_read:
            yield at("title", "CG306", f"{key} is cited by no claim, quote or step")
    for groups, what in ((by_doi, "DOI"), (by_title, "title")):
        for value, keys in groups.items():
            if len(keys) > 1 and value:
                for key in keys[1:]:
                    entry = registry.sources[key]
                    yield Finding(
                        registry.source_files[key],
                        entry.line,
                        "CG305",
                        _severity("CG305"),
                        f"{key} has the same {what} as {keys[0]}",
                        registry.source_iri(key),
                        "merge the entries, or cite one key everywhere",
                    )


def _severity(code: str):
    from ..findings import CODES

    return CODES[code].severity
