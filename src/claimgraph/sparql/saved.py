"""Saved queries: named SPARQL files (``queries/*.rq``) for the questions researchers ask.

A saved query is a ``.rq`` file whose name (without ``.rq``) is how it is called
(``claimgraph query secondary-only``). It opens with a header comment::

    # title: Claims resting only on a secondary source
    # description: Claims whose cited source only reports the number, with no
    #   primary source named: the weakest links of the evidence chain.
    PREFIX cg: <https://w3id.org/claimgraph/ns#>
    SELECT …

``title`` is one line; ``description`` may continue on the following ``#`` lines
until another ``key:`` line or the first line of SPARQL. Saved queries declare the
prefixes they use, so each file runs as is in any SPARQL tool.

Where they come from: the defaults shipped with claimgraph (``claimgraph/queries``,
a link to the project's ``queries/`` folder, which is also the bundled registry's),
then the registry's own ``queries/`` folder, whose files replace defaults of the
same name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: The default saved queries shipped in the package.
DEFAULT_QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"

_HEADER = re.compile(r"^#\s*([A-Za-z][\w-]*)\s*:\s*(.*)$")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    text: str
    path: Path

    def as_dict(self) -> dict:
        return {"name": self.name, "title": self.title, "description": self.description, "text": self.text}


def parse_header(text: str) -> dict[str, str]:
    """The ``# key: value`` fields of the comment block that opens ``text``."""
    fields: dict[str, list[str]] = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            current = None
            continue
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if m:  # a new `key:` line ends the previous field; only title and description are kept
            current = m.group(1).lower() if m.group(1).lower() in ("title", "description") else None
            if current:
                fields.setdefault(current, []).append(m.group(2).strip())
        elif current is not None:
            fields[current].append(line.lstrip("#").strip())
    return {k: " ".join(p for p in parts if p) for k, parts in fields.items()}


def read_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8-sig")
    header = parse_header(text)
    name = path.name[:-3] if path.name.endswith(".rq") else path.stem
    return SavedQuery(name=name, title=header.get("title") or name.replace("-", " "),
                      description=header.get("description", ""), text=text, path=path)


def _folder(folder: Path) -> list[SavedQuery]:
    if not folder.is_dir():
        return []
    return [read_saved_query(p) for p in sorted(folder.glob("*.rq")) if not p.name.startswith(".")]


def saved_queries(registry=None) -> list[SavedQuery]:
    """The saved queries of ``registry`` (its ``queries/`` folder) over the defaults, sorted by name."""
    found: dict[str, SavedQuery] = {q.name: q for q in _folder(DEFAULT_QUERIES_DIR)}
    if registry is not None:
        root = Path(registry.root) if hasattr(registry, "root") else Path(registry)
        for query in _folder(root / "queries"):
            found[query.name] = query
    return [found[name] for name in sorted(found)]


def find_saved_query(name: str, registry=None) -> SavedQuery | None:
    """The saved query called ``name`` (``secondary-only`` or ``secondary-only.rq``), or None."""
    if name.endswith(".rq"):
        name = name[:-3]
    return next((q for q in saved_queries(registry) if q.name == name), None)
