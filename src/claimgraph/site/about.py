"""What the site says about the registry itself: when it was built, which version, how to cite it.

The build date is part of the site, so it must not change from one build of the same data to the next:
it is ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention), else the date of the last
commit touching the registry's folder, else none at all (the site then shows no date rather than the
clock's).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..settings import Settings
from .messages import Phrase


@dataclass(frozen=True)
class About:
    built: str | None  # ISO date of the build, or None
    built_from: str | None  # "SOURCE_DATE_EPOCH" | "last commit"
    version: str | None
    citation: Phrase  # plain text, as a reference list prints it (in English as a str; ``t`` renders it)
    bibtex: str
    source_url: str | None

    def source_link(self, file: str | None, line: int | None) -> str | None:
        """The address of ``file`` (at ``line``) in the registry's repository, when the settings give it."""
        if not self.source_url or not file:
            return None
        return self.source_url + quote(file) + (f"#L{line}" if line else "")


def build_date(root: Path | None) -> tuple[str | None, str | None]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _iso(int(epoch)), "SOURCE_DATE_EPOCH"
    if root is not None:
        try:
            done = subprocess.run(
                ["git", "-C", str(root), "log", "-1", "--format=%ct", "--", "."],
                capture_output=True,
                text=True,
                timeout=10,
            )
        except (OSError, subprocess.SubprocessError):
            return None, None
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return _iso(int(done.stdout.strip())), "last commit"
    return None, None


def _iso(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date().isoformat()


def about(settings: Settings, root: Path | None) -> About:
    built, source = build_date(root)
    year = built[:4] if built else None
    authors = [a.name for a in settings.authors] or ([settings.publisher.name] if settings.publisher else [])
    # "Anonymous" and "n.d." are words of the interface: the citation is a phrase the page renders in its
    # language ("Anonyme (s. d.)"), the registry's own names and title as they are
    who: object = "; ".join(authors) or Phrase.of("Anonymous")
    # a title ending in its own stop ("…AI use?") takes no second one
    title = settings.title if settings.title.endswith((".", "?", "!", "…")) else f"{settings.title}."
    parts = [title]
    if settings.version:
        parts.append(f"Version {settings.version}.")
    if settings.publisher and settings.publisher.name not in authors:
        parts.append(f"{settings.publisher.name}.")
    parts.append(settings.base)
    key = "".join(ch for ch in (authors[0].split()[-1] if authors else "registry") if ch.isalnum()) + (year or "")
    # a person's name is BibTeX's "First Last"; an organisation's is braced whole, or BibTeX takes its last
    # word for a surname
    agents = list(settings.authors) or ([settings.publisher] if settings.publisher else [])
    names = [("{" + a.name + "}") if a.type == "Organization" else a.name for a in agents]
    fields = [
        ("author", "{" + " and ".join(names) + "}" if names else None),
        ("title", "{" + settings.title + "}"),
        ("year", year),
        ("version", settings.version),
        ("publisher", settings.publisher.name if settings.publisher else None),
        ("url", settings.base),
        ("note", "A literature-evidence registry checked and published with claimgraph"),
    ]
    lines = [f"@misc{{{key or 'registry'},"] + [
        f"  {name} = {{{value}}}," if not value.startswith("{") else f"  {name} = {value},"
        for name, value in fields
        if value
    ]
    bibtex = "\n".join(lines).rstrip(",") + "\n}"
    citation = Phrase.of("{who} ({year}). {rest}", who=who, year=year or Phrase.of("n.d."), rest=" ".join(parts))
    return About(built, source, settings.version, citation, bibtex, settings.source_url)
