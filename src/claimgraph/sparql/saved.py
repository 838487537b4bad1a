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

A query that picks a text in the registry's languages (a label in the first language, else the
next…, else untagged, else any) names them in a ``BIND(" en - " AS ?registryLanguages)`` clause:
the languages' primary subtags in the registry's order between spaces, then ``-`` for untagged
text. Wherever claimgraph reads a saved query (``claimgraph query NAME``, ``serve``, the site's
query pages and its query page in the browser) that clause is written with the registry's own
``languages`` (:func:`with_registry_languages`), so one query gives the same rows everywhere; run
elsewhere as it stands, it prefers English.

Where they come from: the defaults shipped with claimgraph (``claimgraph/queries``: questions
every registry can ask, of its argument, sources and figures), then the registry's own
``queries/`` folder, whose files replace defaults of the same name. A question of one field
is its registry's own: the bundled registry's ``queries/`` (the project's top-level folder)
holds ``training-energy``, on language models, which no other registry lists.

They are read like every other registry input (``registry._walk``, ``loading.text.read_text``):
a symlink leading out of its folder's registry, a broken link, a FIFO or a device is skipped
(CG113, CG100), a file that is not UTF-8 or too large is left out (CG102, CG111), and each
becomes a :class:`~claimgraph.findings.Finding` naming the file, so that no command publishes
``/etc/passwd`` through a link, hangs on a FIFO or stops on a decoding error. A registry file
left out also hides the default of its name: the author meant their own query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import USAGE, ClaimgraphError
from ..findings import Finding, Severity

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


#: The clause naming the registry's languages in a saved query (see the module's docstring).
_REGISTRY_LANGUAGES = re.compile(r'BIND\s*\(\s*"[^"\\\n]*"\s+AS\s+\?registryLanguages\s*\)', re.IGNORECASE)


def registry_languages_clause(languages) -> str:
    """``BIND(" de en - " AS ?registryLanguages)`` for a registry in ``languages`` (``de-CH`` is ``de``: a
    label's language is compared by its primary subtag). A BIND after the pattern it serves, not a VALUES
    block before it: Oxigraph then evaluates the pattern with its subject bound (a VALUES first made the
    saved queries of a 10,000-claim registry take half a minute)."""
    primary: list[str] = []
    for tag in languages:
        subtag = tag.split("-")[0].lower()
        if subtag and subtag not in primary:
            primary.append(subtag)
    return 'BIND(" %s - " AS ?registryLanguages)' % " ".join(primary or ["en"])


def with_registry_languages(text: str, languages) -> str:
    """``text`` with its ``?registryLanguages`` clauses naming ``languages``, in their order."""
    if "?registryLanguages" not in text:
        return text
    clause = registry_languages_clause(languages)
    return _REGISTRY_LANGUAGES.sub(lambda _match: clause, text)


def read_saved_query(path: Path, languages=("en",)) -> SavedQuery:
    """The saved query in ``path``, for a registry in ``languages``. Raises
    :class:`~claimgraph.loading.text.TextFileError`."""
    from ..loading.text import read_text

    text = with_registry_languages(read_text(path).text, languages)
    header = parse_header(text)
    name = path.name[:-3] if path.name.endswith(".rq") else path.stem
    return SavedQuery(
        name=name,
        title=header.get("title") or name.replace("-", " "),
        description=header.get("description", ""),
        text=text,
        path=path,
    )


class SavedQueryError(ClaimgraphError):
    """A saved query asked for by name whose file was skipped or could not be read."""

    kind = USAGE

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding

    def render(self) -> str:
        """``queries/x.rq:3: CG102 message``, for a usage error."""
        f = self.finding
        return f"{f.file}:{f.line}: {f.code} {f.message}" if f.line else f"{f.file}: {f.code} {f.message}"


def describe_problem(finding: Finding) -> str:
    """``queries/x.rq:3: CG102 error: message``, as ``claimgraph check`` prints a finding."""
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    return f"{where}: {finding.code} {finding.severity.label}: {finding.message}"


def _folder(
    folder: Path,
    root: Path,
    problems: list[Finding],
    walked: list[Path] | None = None,
    shown: str | None = None,
    languages=("en",),
) -> dict[str, SavedQuery | None]:
    """``name -> query`` of the ``*.rq`` files of ``folder`` (``None``: the file is there but left out,
    with a finding in ``problems``). ``walked``: the files already found by the registry loader."""
    from ..loading.text import TextFileError
    from ..registry import _walk

    found: dict[str, SavedQuery | None] = {}
    if walked is None:
        walk_problems: list[Finding] = []
        walked = _walk(folder, ".rq", root, walk_problems, recursive=False)
        problems.extend(_shown(f, shown) for f in walk_problems)
    for f in problems:  # skipped by the walk: the name is taken all the same
        if f.file and f.file.endswith(".rq"):
            found.setdefault(Path(f.file).name[:-3], None)
    for path in walked:
        rel = path.relative_to(root).as_posix()
        try:
            query = read_saved_query(path, languages)
        except TextFileError as exc:
            problems.append(
                _shown(Finding(rel, exc.line, exc.code, Severity.ERROR, f"saved query not read: {exc}"), shown)
            )
            found[path.name[:-3]] = None
            continue
        found[query.name] = query
    return found


def _shown(finding: Finding, prefix: str | None) -> Finding:
    """``finding`` with its file named from ``prefix`` (the defaults' folder lies outside any registry)."""
    if prefix is None or not finding.file:
        return finding
    return Finding(
        f"{prefix}/{finding.file}",
        finding.line,
        finding.code,
        finding.severity,
        finding.message,
        finding.subject,
        finding.hint,
    )


def load_saved_queries(registry=None) -> tuple[list[SavedQuery], list[Finding]]:
    """The saved queries of ``registry`` (a :class:`~claimgraph.registry.Registry` or its folder) over
    the defaults, sorted by name, and the findings about the ``queries/*.rq`` files left out."""
    defaults_dir = DEFAULT_QUERIES_DIR.resolve()
    root = None
    if registry is not None:
        # (a folder given as a Path has a .root too, "/": a Registry is told apart by its type)
        root = Path(registry) if isinstance(registry, (str, Path)) else Path(registry.root)
    own = root / "queries" if root is not None else None
    languages = _languages(registry, root)
    problems: list[Finding] = []
    found: dict[str, SavedQuery | None] = {}
    # a registry whose queries/ is the defaults' folder (a link to it): read once, as the registry's
    if own is None or not own.is_dir() or own.resolve() != defaults_dir:
        default_problems: list[Finding] = []
        found.update(
            _folder(defaults_dir, defaults_dir, default_problems, shown=str(defaults_dir), languages=languages)
        )
        problems.extend(default_problems)
    if own is not None:
        if hasattr(registry, "query_files"):  # walked by the loader, which kept its findings
            mine = [f for f in registry.load_findings if f.file and f.file.startswith("queries/")]
            found.update(_folder(own, root, mine, walked=list(registry.query_files), languages=languages))
        else:
            mine = []
            found.update(_folder(own, root, mine, languages=languages))
        problems.extend(mine)
    queries = [found[name] for name in sorted(found) if found[name] is not None]
    return queries, problems


def _languages(registry, root: Path | None) -> tuple[str, ...]:
    """The registry's ``languages`` (its settings, or read from the folder's claimgraph.toml); English
    for no registry, or settings that cannot be read (the command reading them says why)."""
    settings = getattr(registry, "settings", None)
    if settings is None and root is not None:
        from ..settings import SettingsError, read_settings

        try:
            settings = read_settings(root)
        except (SettingsError, OSError):  # (reported by whatever loads the registry)
            settings = None
    return tuple(getattr(settings, "languages", None) or ("en",))


def saved_queries(registry=None) -> list[SavedQuery]:
    """The saved queries of ``registry`` (its ``queries/`` folder) over the defaults, sorted by name;
    files that cannot be used are left out (:func:`load_saved_queries` says why)."""
    return load_saved_queries(registry)[0]


def find_saved_query(name: str, registry=None) -> SavedQuery | None:
    """The saved query called ``name`` (``secondary-only`` or ``secondary-only.rq``), or None.

    Raises :class:`SavedQueryError` if ``queries/NAME.rq`` is there but was left out (a link out of
    the registry, a FIFO, not UTF-8…)."""
    if name.endswith(".rq"):
        name = name[:-3]
    queries, problems = load_saved_queries(registry)
    query = next((q for q in queries if q.name == name), None)
    if query is None:
        problem = next((f for f in problems if f.file and Path(f.file).name == f"{name}.rq"), None)
        if problem is not None:
            raise SavedQueryError(problem)
    return query
