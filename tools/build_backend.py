"""claimgraph's build backend: setuptools', never making a wheel or an sdist without the in-browser query engine.

The site's query page runs the oxigraph WebAssembly build the package carries (``src/claimgraph/site_engine/``:
generated, so git-ignored). ``make engine`` copies it there from the npm package ``make npm`` installs. A build from
a checkout or a clone without it (``pip install git+…``, ``pre-commit`` installing the hook) fetches that npm
package itself: the version and the integrity digest pinned in ``package-lock.json``, from the npm registry, its
digest checked before anything is written. setuptools would otherwise build the package without it, saying only
that no file matched, and every site built with it would lack its query engine. When the engine can be neither
found nor fetched (offline, no ``package-lock.json``), the wheel and the sdist are refused, saying why and how to
get it; ``CLAIMGRAPH_BUILD_WITHOUT_ENGINE=1`` builds one without it all the same (its sites say how to add it). A
wheel built from the sdist finds the engine the sdist carries. An editable install (``make setup``) reads the
package where it is and is never refused.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import shutil
import sys
import tarfile
import tempfile
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403 (every hook setuptools offers, those below replaced)

#: Where the engine goes in the package, relative to the project's root (the build's working folder).
ENGINE = Path("src") / "claimgraph" / "site_engine" / "oxigraph"
#: The engine's files: the module, the WebAssembly, and the package.json and README stating its licence.
ENGINE_FILES = ("web.js", "web_bg.wasm", "package.json", "README.md")
#: Set to build without the engine all the same.
WITHOUT_ENGINE = "CLAIMGRAPH_BUILD_WITHOUT_ENGINE"
#: Where the pinned package is fetched from: ``{registry}/oxigraph/-/oxigraph-{version}.tgz``.
NPM_REGISTRY = "https://registry.npmjs.org"


class EngineMissing(SystemExit):
    """The package would lack the in-browser query engine: the backend's process ends with the message alone (a
    traceback from a build tool's subprocess would bury it)."""


def require_engine(root: Path | None = None) -> None:
    """Make sure the engine's files are in the package under ``root`` (the working folder by default): there
    already, or fetched as ``package-lock.json`` pins them; else raise :class:`EngineMissing`, unless
    ``$CLAIMGRAPH_BUILD_WITHOUT_ENGINE`` is set."""
    if os.environ.get(WITHOUT_ENGINE):
        return
    root = root or Path.cwd()
    if not _missing(root):
        return
    try:
        fetch_engine(root)
    except (OSError, ValueError, KeyError, TypeError, tarfile.TarError) as exc:
        missing = _missing(root)
        raise EngineMissing(
            f"claimgraph: {ENGINE.as_posix()} lacks {', '.join(missing)}: the site's query page would have no "
            f"engine, and it could not be fetched ({exc}). Run `make engine` (or `make dist`, which builds the "
            f"sdist and the wheel with it) first; {WITHOUT_ENGINE}=1 builds the package without it."
        ) from None


def _missing(root: Path) -> list[str]:
    return [name for name in ENGINE_FILES if not (root / ENGINE / name).is_file()]


def fetch_engine(root: Path) -> None:
    """Fetch the npm package ``oxigraph`` at the version ``package-lock.json`` pins, check it against the lock's
    integrity digest, and put its engine files into the package under ``root`` (whole or not at all)."""
    import urllib.request

    lock = json.loads((root / "package-lock.json").read_text(encoding="utf-8"))
    entry = lock["packages"]["node_modules/oxigraph"]
    version, integrity = str(entry["version"]), str(entry["integrity"])
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in ("sha512", "sha384", "sha256"):
        raise ValueError(f"package-lock.json's integrity for oxigraph uses {algorithm!r}")
    url = f"{NPM_REGISTRY}/oxigraph/-/oxigraph-{version}.tgz"
    print(f"claimgraph: fetching the query engine, oxigraph {version} (package-lock.json), from {url}", file=sys.stderr)
    request = urllib.request.Request(url, headers={"User-Agent": "claimgraph-build"})
    with urllib.request.urlopen(request, timeout=120) as response:
        data = response.read(64 * 1024 * 1024)
    if base64.b64encode(hashlib.new(algorithm, data).digest()).decode("ascii") != expected:
        raise ValueError(f"{url} does not have the digest package-lock.json pins")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        files = {}
        for name in ENGINE_FILES:
            extracted = archive.extractfile(f"package/{name}")
            if extracted is None:
                raise ValueError(f"{url} holds no file package/{name}")
            files[name] = extracted.read()
    target = root / ENGINE
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".oxigraph-", dir=target.parent))
    try:
        staging.chmod(0o755)  # (mkdtemp's 0700)
        for name, content in files.items():
            (staging / name).write_bytes(content)
        if target.exists():  # (a partial copy: replaced whole)
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    require_engine()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    require_engine()
    return _setuptools.build_sdist(sdist_directory, config_settings)
