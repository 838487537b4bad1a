"""The registry's verification reports, published beside the notes that point to them.

A registry may keep, in ``docs/verification/``, the working reports of the passes that checked its
sources (the bundled registry does: ``A.md`` … ``F.md`` and a ``README.md`` index). Its notes then
say who checked what ("research group B"). The site publishes every report as a page under
``verification/`` (the index as ``verification/index.md``), and each claim or source whose note names
a report ("group B", "research group B", "report B") links to it; every note links to the index.

The reports are the registry's own text, perhaps from an untrusted pull request: they are published
as Markdown with raw HTML neutralised (``<`` and ``&`` escaped, so no tag or entity reaches the page)
and with links kept only when they lead to http(s) or to another report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Where a registry keeps its reports, relative to its root.
FOLDER = Path("docs") / "verification"
#: Reports larger than this are left out (a report is a page of prose, not a data dump).
MAX_BYTES = 1 << 20
_MENTION = re.compile(r"\b(?:research group|group|report|pass)\s+([A-Z][A-Za-z0-9_-]{0,30})\b")
_LINK = re.compile(r"\]\(([^)\s]*)\)")


@dataclass(frozen=True)
class Report:
    name: str  # the file's stem: "B"
    path: str  # the site page: "verification/B.md"
    title: str


def find(registry_root: Path | None) -> list[Report]:
    """The reports of the registry, the index first; none when it keeps none."""
    if registry_root is None:
        return []
    folder = registry_root / FOLDER
    if not folder.is_dir() or not folder.resolve().is_relative_to(registry_root.resolve()):
        return []
    reports = []
    for path in sorted(folder.glob("*.md")):
        if not _readable(path, registry_root):
            continue
        name = path.stem
        page = "verification/index.md" if name.lower() in ("readme", "index") else f"verification/{name}.md"
        reports.append(Report(name, page, _title(path) or name))
    reports.sort(key=lambda r: (r.path != "verification/index.md", r.name))
    return reports


def _readable(path: Path, root: Path) -> bool:
    try:
        return path.is_file() and path.resolve().is_relative_to(root.resolve()) and path.stat().st_size <= MAX_BYTES
    except OSError:
        return False


def _title(path: Path) -> str | None:
    try:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    except (OSError, UnicodeDecodeError):
        return None
    return None


def page_text(path: Path, reports: list[Report]) -> str | None:
    """The report as Markdown safe to publish: no raw HTML, links to other reports rewritten to their
    pages, links to anything but http(s) or a report shown as plain text. None if unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    names = {f"{r.name}.md": r.path.rsplit("/", 1)[-1] for r in reports}

    def link(match: re.Match) -> str:
        target = match.group(1)
        if target in names:
            return f"]({names[target]})"
        if target.startswith(("https://", "http://")):
            return match.group(0)
        return "]"  # "[text]" stays as text: a relative path into the repository is not on the site

    return _LINK.sub(link, text)


def report_language(text: str, site_language: str) -> str:
    """The language to mark a report's page with (its front matter's ``lang``, which the page's content element
    then carries): "en" on a site in another language, as the reports are written in English and a screen
    reader would read them with the site's language's voice; "" on an English site, and for a report with front
    matter of its own (its ``lang:``, if it has one, says its language)."""
    if site_language.split("-")[0].lower() == "en" or text.lstrip("\n").startswith("---"):
        return ""
    return "en"


def mentioned(texts, reports: list[Report]) -> list[Report]:
    """The reports a note names, in the order of :func:`find` (the index first when there are any)."""
    if not reports:
        return []
    named = {m.group(1) for text in texts if text for m in _MENTION.finditer(text)}
    chosen = [r for r in reports if r.name in named]
    index = [r for r in reports if r.path == "verification/index.md"]
    return index + [r for r in chosen if r not in index] if chosen or index else []
