"""A BibTeX entry compared with the metadata record its identifier resolves to.

Records (from Crossref, DataCite or the arXiv API; see :mod:`.fetch`) are reduced to one shape
and stored in the manifest, so that the comparison runs offline::

    {"via": "crossref", "identifier": "doi:10.…", "resolved": true, "title": "…",
     "authors": ["Family, Given", …], "year": "2021", "venue": "…", "licence": "…"}

Titles are compared without accents, case, punctuation or a subtitle one side leaves out;
authors by family name, without accents or case (initials never matter).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..loading.bibtex import BibEntry, family_name, strip_braces
from ..loading.sources import VENUE_FIELDS

#: Titles closer than this (rapidfuzz token-sort ratio of their plain forms) are one title.
SAME_TITLE = 90.0


@dataclass(frozen=True)
class Identifier:
    scheme: str  # doi | arxiv | url
    value: str

    def __str__(self) -> str:
        return f"{self.scheme}:{self.value}"


def identifiers(entry: BibEntry) -> list[Identifier]:
    """The entry's identifiers that can be resolved, most specific first."""
    f = {k: strip_braces(v) for k, v in entry.fields.items()}
    out = []
    if f.get("doi"):
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", "", f["doi"].strip(), flags=re.IGNORECASE)
        out.append(Identifier("doi", doi))
    eprint_type = (f.get("archiveprefix") or f.get("eprinttype") or "").lower()
    if f.get("eprint") and eprint_type == "arxiv":
        out.append(Identifier("arxiv", f["eprint"].strip()))
    if f.get("url", "").lower().startswith(("http://", "https://")):
        out.append(Identifier("url", f["url"].strip()))
    return out


def plain(text: str) -> str:
    """Lower case, no accents, no punctuation, single spaces: what two spellings of a title share."""
    decomposed = unicodedata.normalize("NFKD", strip_braces(text).casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


def same_title(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = plain(a), plain(b)
    if not a or not b:
        return True  # nothing to compare
    if a == b or a.startswith(b + " ") or b.startswith(a + " "):
        return True  # one side leaves the subtitle out
    return fuzz.token_sort_ratio(a, b) >= SAME_TITLE


def same_family(a: str, b: str) -> bool:
    return plain(a).replace(" ", "") == plain(b).replace(" ", "")


@dataclass(frozen=True)
class Difference:
    code: str
    field: str
    message: str


def compare(entry: BibEntry, record: dict) -> list[Difference]:
    """How ``entry`` differs from the identifier's ``record`` (empty: it describes the same work)."""
    ident = record.get("identifier", "the identifier")
    if record.get("resolved") is False:
        return [
            Difference(
                "CG391",
                "doi" if str(ident).startswith("doi:") else "eprint",
                f"{ident} does not resolve ({record.get('via', 'registry')} answered "
                f"{record.get('status_code', 'not found')})",
            )
        ]
    out = []
    title = strip_braces(entry.fields.get("title", ""))
    if title and record.get("title") and not same_title(title, record["title"]):
        out.append(Difference("CG390", "title", f"{ident} is “{record['title']}”, not “{title}”"))
        return out  # another work: its year and authors say nothing more
    if entry.year and record.get("year") and str(record["year"]) != entry.year:
        out.append(Difference("CG392", "year", f"the entry says {entry.year}, {ident}'s record says {record['year']}"))
    authors = record.get("authors") or []
    if entry.creators and authors:
        ours, theirs = entry.first_author_family or "", family_name(authors[0])
        if ours and theirs and not same_family(ours, theirs):
            out.append(
                Difference(
                    "CG393", "author", f"the entry's first author is {ours}, {ident}'s record names {theirs} first"
                )
            )
    recorded_doi = record.get("doi")
    entry_doi = next((i.value for i in identifiers(entry) if i.scheme == "doi"), None)
    if recorded_doi and entry_doi and recorded_doi.strip().lower() != entry_doi.lower():
        out.append(Difference("CG395", "doi", f"the entry's DOI is {entry_doi}, {ident}'s record gives {recorded_doi}"))
    venue = next((strip_braces(entry.fields[n]) for n in VENUE_FIELDS[:3] if entry.fields.get(n)), None)
    if venue and record.get("venue") and not _same_venue(venue, record["venue"]):
        out.append(
            Difference(
                "CG394",
                next(n for n in VENUE_FIELDS[:3] if entry.fields.get(n)),
                f"the entry's venue is “{venue}”, {ident}'s record says “{record['venue']}”",
            )
        )
    return out


_SMALL_WORDS = frozenset("of the on and in for a an de la le des du et".split())


def _same_venue(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = plain(a), plain(b)
    if a in b or b in a:
        return True
    # "Proc. ACM Meas. Anal. Comput. Syst." against its full name: word for word, each abbreviation
    # starts the word it stands for (the small words a title abbreviation drops left out)
    words_a, words_b = ([w for w in x.split() if w not in _SMALL_WORDS] for x in (a, b))
    if len(words_a) == len(words_b) and all(x.startswith(y) or y.startswith(x) for x, y in zip(words_a, words_b)):
        return True
    return fuzz.token_sort_ratio(a, b) >= SAME_TITLE
