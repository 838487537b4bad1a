"""claimgraph's build backend: setuptools', refusing to make a wheel or an sdist without the in-browser query engine.

The site's query page runs the oxigraph WebAssembly build the package carries (``src/claimgraph/site_engine/``,
copied there by ``make engine`` from the pinned npm package; git-ignored, being generated). setuptools builds a
package without it all the same, saying only that no file matched: a wheel built so installs, and every site built
with it lacks its query engine. The wheel and the sdist are refused instead, naming what is missing and how to get
it; ``CLAIMGRAPH_BUILD_WITHOUT_ENGINE=1`` builds one anyway (its sites say how to add the engine). A wheel built
from the sdist finds the engine the sdist carries. An editable install (``make setup``) reads the package where it
is and is never refused.
"""

from __future__ import annotations

import os
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F401,F403 (every hook setuptools offers, those below replaced)

#: Where the engine goes in the package, relative to the project's root (the build's working folder).
ENGINE = Path("src") / "claimgraph" / "site_engine" / "oxigraph"
#: The engine's files: the module, the WebAssembly, and the package.json and README stating its licence.
ENGINE_FILES = ("web.js", "web_bg.wasm", "package.json", "README.md")
#: Set to build without the engine all the same.
WITHOUT_ENGINE = "CLAIMGRAPH_BUILD_WITHOUT_ENGINE"


class EngineMissing(SystemExit):
    """The package would lack the in-browser query engine: the backend's process ends with the message alone (a
    traceback from a build tool's subprocess would bury it)."""


def require_engine(root: Path | None = None) -> None:
    """Raise :class:`EngineMissing` unless the engine's files are in the package under ``root`` (the working
    folder by default) or ``$CLAIMGRAPH_BUILD_WITHOUT_ENGINE`` is set."""
    if os.environ.get(WITHOUT_ENGINE):
        return
    folder = (root or Path.cwd()) / ENGINE
    missing = [name for name in ENGINE_FILES if not (folder / name).is_file()]
    if missing:
        raise EngineMissing(
            f"claimgraph: {ENGINE} lacks {', '.join(missing)}: the site's query page would have no engine. "
            f"Run `make engine` (or `make dist`, which builds the sdist and the wheel with it) first; "
            f"{WITHOUT_ENGINE}=1 builds the package without it."
        )


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    require_engine()
    return _setuptools.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_sdist(sdist_directory, config_settings=None):
    require_engine()
    return _setuptools.build_sdist(sdist_directory, config_settings)
