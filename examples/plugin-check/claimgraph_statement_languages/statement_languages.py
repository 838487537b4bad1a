"""A house rule as a check family: every claim has a statement in each of the registry's languages.

A bilingual registry (``languages = ["fr", "en"]`` in claimgraph.toml) publishes a site in both
languages; a claim whose statement exists in only one of them shows a gap on the other side.
"""

from __future__ import annotations

from collections.abc import Iterator

from claimgraph.findings import CodeInfo, Finding, Severity
from claimgraph.registry import Registry

STATEMENT = "https://w3id.org/claimgraph/ns#statement"

#: The codes this family produces, merged into claimgraph's known codes before it runs. A prefix of
#: your own keeps them apart from claimgraph's CGnnn codes and from other plug-ins'.
CODES = {
    "SLX001": CodeInfo(
        "SLX001",
        "statement-language-missing",
        Severity.WARNING,
        "A claim has no cg:statement in one of the languages claimgraph.toml lists.",
        doc="https://example.org/claimgraph-statement-languages#slx001",
    ),
}

_STATEMENT_LANGUAGES = """
SELECT ?claim (GROUP_CONCAT(DISTINCT LANG(?text); SEPARATOR=" ") AS ?languages) WHERE {
  ?claim cg:statement ?text .
} GROUP BY ?claim ORDER BY ?claim
"""


def check(registry: Registry) -> Iterator[Finding]:
    wanted = registry.settings.languages
    for row in registry.select(_STATEMENT_LANGUAGES):
        present = set(str(row["languages"] or "").split())
        for language in wanted:
            if language not in present:
                yield registry.finding(
                    "SLX001",
                    f"the claim has no statement in {language!r}",
                    subject=str(row["claim"]),
                    predicate=STATEMENT,
                    hint=f'add cg:statement "…"@{language} beside the statement in '
                    f"{', '.join(sorted(present)) or 'no language'}",
                )
