"""The registry's settings file, ``claimgraph.toml``.

A registry is a folder holding ``claimgraph.toml``, ``claims/*.ttl`` and
``bib/*.bib`` (optionally ``queries/*.rq`` and ``shapes/*.ttl``)::

    [registry]
    title = "Generative AI and the footprint of computing"
    base = "https://w3id.org/claimgraph/registry/viseur-2025/"
    languages = ["fr", "en"]
    licence = "https://creativecommons.org/licenses/by/4.0/"

``base`` is the IRI every relative IRI in the claims resolves against, so no
identifier ever depends on where the folder sits on disk.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

SETTINGS_FILE = "claimgraph.toml"


class SettingsError(ValueError):
    """The settings file is missing, unreadable or malformed; ``line`` when known."""

    def __init__(self, path: Path, message: str, line: int | None = None):
        super().__init__(message)
        self.path = path
        self.line = line


@dataclass(frozen=True)
class Settings:
    title: str
    base: str
    languages: tuple[str, ...] = ("en",)
    licence: str | None = None
    description: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def source_iri(self, key: str) -> str:
        return f"{self.base}source/{key}"


def read_settings(root: Path) -> Settings:
    path = root / SETTINGS_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SettingsError(path, f"no {SETTINGS_FILE}: this folder is not a claimgraph registry "
                            "(run `claimgraph init DIR` to create one)") from None
    except OSError as exc:
        raise SettingsError(path, f"cannot read: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SettingsError(path, f"not UTF-8 (byte {exc.start})") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise SettingsError(path, f"TOML syntax: {exc}", line) from None
    section = data.get("registry")
    if not isinstance(section, dict):
        raise SettingsError(path, "missing [registry] table with title and base")
    title, base = section.get("title"), section.get("base")
    if not isinstance(title, str) or not title.strip():
        raise SettingsError(path, "[registry] title must be a non-empty string")
    if not isinstance(base, str):
        raise SettingsError(path, "[registry] base must be an absolute http(s) IRI ending in / or #")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or base[-1] not in "/#" or any(
            c in base for c in ' <>"{}|\\^`'):
        raise SettingsError(path, f"[registry] base {base!r} must be an absolute http(s) IRI ending in / or #")
    languages = section.get("languages", ["en"])
    if not (isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages)):
        raise SettingsError(path, "[registry] languages must be a list of language tags such as [\"fr\", \"en\"]")
    licence = section.get("licence")
    if licence is not None and not isinstance(licence, str):
        raise SettingsError(path, "[registry] licence must be a string (an IRI or an SPDX id)")
    return Settings(title=title.strip(), base=base, languages=tuple(languages), licence=licence,
                    description=section.get("description"),
                    extra={k: v for k, v in data.items() if k != "registry"})
