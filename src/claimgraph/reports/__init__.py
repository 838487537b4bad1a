"""Renderers of a findings list. None computes anything: each is a view of the same list.

``render(name, findings, registry_root)`` returns the text to print.
"""

from __future__ import annotations

import math
import re
from importlib import import_module
from pathlib import Path

from ..findings import Finding

#: format name -> module under claimgraph.reports exposing ``render(findings, context) -> str``
FORMATS = {
    "text": "text",
    "json": "json_report",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}


class ReportContext:
    """What a renderer may need besides the findings: where the registry is, the tool version, and the
    prefix that turns a path relative to the registry into one relative to the repository root
    (:func:`repository_prefix`), which is what CI annotations, code scanning and test reporters resolve."""

    def __init__(
        self,
        root: Path,
        color: bool = False,
        checked_files: list[str] | None = None,
        path_prefix: str | None = None,
        fail_level=None,
        not_run: list[str] | None = None,
        below_min_level: int = 0,
        meanings: dict[str, str] | None = None,
    ):
        from ..findings import Severity

        #: code -> what it means, in one sentence (:func:`claimgraph.finding_docs.meanings`, the codes page's
        #: source, which this layer cannot import): SARIF describes each rule with it
        self.meanings = meanings or {}
        #: families of checks a remote check (``check --endpoint``) could not run there; None for a local check
        self.not_run = not_run
        #: how many findings ``--min-level`` left out of the report (the text summary says so)
        self.below_min_level = below_min_level
        self.root = root
        self.fail_level = Severity.ERROR if fail_level is None else fail_level
        self.color = color
        self.checked_files = checked_files or []
        self.path_prefix = repository_prefix(root) if path_prefix is None else _as_prefix(path_prefix)

    def path(self, file: str | None) -> str | None:
        """``file`` (relative to the registry) as the reports show it: relative to the repository root."""
        return f"{self.path_prefix}{file}" if file else file

    @property
    def version(self) -> str:
        # asked for by the JSON and SARIF reports only: reading package metadata costs 35 ms
        from .. import __version__

        return __version__


#: The file a finding about the registry as a whole is placed at where a report must name one (SARIF: GitHub code
#: scanning refuses a result without a file): the registry's settings, the one file every registry has
#: (:data:`claimgraph.settings.SETTINGS_FILE`, which this layer cannot import; a test keeps the two the same).
REGISTRY_FILE = "claimgraph.toml"


def path_prefix_problem(prefix: str) -> str | None:
    """Why ``prefix`` cannot be a ``--path-prefix``, or None. Report paths are read from the repository root (the
    SARIF log's SRCROOT, annotations, test reporters): an absolute path or a URI (``/home/runner/work/…``,
    ``C:\\work``, ``file:///…``) cannot be joined to it, and was once made relative without a word (its leading
    ``/`` dropped), a path that exists nowhere."""
    if prefix.startswith(("/", "\\")) or re.match(r"[A-Za-z]:|[A-Za-z][A-Za-z0-9+.-]*://", prefix):
        return (
            f"--path-prefix {one_line(prefix)} is absolute: give the registry's folder relative to the repository "
            "root, where CI reads report paths from (--path-prefix evidence), or . for none"
        )
    return None


def _as_prefix(prefix: str) -> str:
    problem = path_prefix_problem(prefix)
    if problem:
        raise ValueError(problem)
    prefix = prefix.replace("\\", "/").strip("/")
    return f"{prefix}/" if prefix and prefix != "." else ""


def repository_prefix(root: Path) -> str:
    """The registry's folder relative to the top of the git work tree holding it (``evidence/``), or ``""``
    when the registry is that top or is in no git work tree. Found by looking for ``.git`` (a folder, or
    the file of a worktree or submodule) upwards, so no git program is needed."""
    try:
        registry = Path(root).resolve()
    except (OSError, RuntimeError):
        return ""
    for folder in (registry, *registry.parents):
        if (folder / ".git").exists():
            return _as_prefix(registry.relative_to(folder).as_posix())
    return ""


#: Characters a report line must not carry as they are: C0 and C1 controls (a raw ESC drives the terminal,
#: a newline forges a report line of its own, XML 1.0 cannot hold most of them) and the bidirectional
#: overrides and isolates that reorder what a reader sees; and what XML 1.0 cannot hold at all, whatever
#: the escaping (a lone surrogate, U+FFFE, U+FFFF: a Turtle escape can write them).
UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def json_showable(document: object) -> str:
    """``document`` as JSON (UTF-8 text, indented by 2) in which every :data:`UNSHOWABLE` character is written
    as its JSON escape (``\\u202e``, ``\\udce9`` for a file name's byte that is not UTF-8): the same string to a
    JSON reader, but a terminal or an editor showing the report shows the escape, not a reordered line.

    A number that is not finite (NaN, an infinity) is ``null``: JSON has no word for it.

    (json.dumps escapes C0 controls itself; the rest, :data:`_JSON_UNSHOWABLE`, can only be inside a string of
    its output, whose structure is ASCII, so replacing them there keeps the JSON the same.)"""
    import json

    try:
        text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError:  # NaN or an infinity, which JSON cannot hold (Python would write NaN, Infinity): null
        text = json.dumps(_finite(document), ensure_ascii=False, indent=2, allow_nan=False)
    if not _JSON_UNSHOWABLE.search(text):
        return text
    return _JSON_UNSHOWABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _finite(document: object) -> object:
    """``document`` with every float that is not finite (NaN, ±inf) as None, as docs/model.md promises."""
    if isinstance(document, float):
        return document if math.isfinite(document) else None
    if isinstance(document, dict):
        return {key: _finite(value) for key, value in document.items()}
    if isinstance(document, (list, tuple)):
        return [_finite(value) for value in document]
    return document


#: :data:`UNSHOWABLE` but the C0 controls, which json.dumps escapes (and whose line feeds are its indentation)
_JSON_UNSHOWABLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def unfiled_subject(f: Finding) -> str | None:
    """The IRI a finding on no file is about (a remote check without the registry's files names findings by
    subject, ``check --endpoint``), for every report to say where it is; None for one on a file, on a blank
    node, or on the registry as a whole."""
    if f.file or not f.subject or f.subject.startswith("_:"):
        return None
    return f.subject


def location(file: str, line: int | None) -> str:
    """Where a finding is, as every report and message writes it: ``file:line``, or ``file`` alone for a
    finding about a whole file or folder (never ``file::``)."""
    return f"{file}:{line}" if line else file


def one_line(text: str | None) -> str:
    """``text`` with every unshowable character written as an escape (``\\n``, ``\\x1b``, ``\\u202e``):
    data quoted in a finding (a citation as printed, a title) stays on its line and shows what it holds."""
    if not text:
        return text or ""

    def escape(match: re.Match) -> str:
        char = match.group(0)
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
        if named:
            return named
        return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

    return UNSHOWABLE.sub(escape, text)


def render(name: str, findings: list[Finding], context: ReportContext) -> str:
    return import_module(f"{__name__}.{FORMATS[name]}").render(findings, context)
