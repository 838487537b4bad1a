"""References that exist and match (CG390–CG395).

Each BibTeX entry is compared with the metadata record of its identifier that
``claimgraph sources fetch`` stored in ``sources/manifest.json`` (so the check runs offline):
an identifier resolving to another work or to nothing is an error; a year or first author
that differs is a warning; a venue that differs is worth a look.
"""

from __future__ import annotations

from typing import Iterable

from ..findings import CODES, Finding
from ..registry import Registry
from ..sources.available import source_texts
from ..sources.references import compare

_HINTS = {
    "CG390": "check the identifier: it names another work (a typo in the DOI, or a reference mixed up with another)",
    "CG391": "check the identifier against the publisher's page; if the work cannot be found, it may not exist",
    "CG392": "use the year of the version cited (and say so in a note if a preprint and a publication differ)",
    "CG393": "copy the authors from the record, in its order",
    "CG394": "copy the venue from the record, or leave it if the entry uses an accepted abbreviation",
    "CG395": "check which DOI the cited version has (a preprint and its publication have different DOIs)",
}


def check(registry: Registry) -> Iterable[Finding]:
    manifest = source_texts(registry).manifest
    for key, record in sorted(manifest.sources.items()):
        entry = registry.sources.get(key)
        if entry is None or not record.metadata:
            continue
        for difference in compare(entry, record.metadata):
            line = entry.field_lines.get(difference.field, entry.line)
            yield Finding(
                registry.source_files[key],
                line,
                difference.code,
                CODES[difference.code].severity,
                f"{key}: {difference.message}",
                registry.source_iri(key),
                _HINTS[difference.code],
            )
