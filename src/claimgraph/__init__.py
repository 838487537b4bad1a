"""claimgraph: a literature-evidence graph and citation-checked claim registry.

Library first: :func:`claimgraph.registry.load` reads a registry once,
:func:`claimgraph.checks.run_checks` turns it into :class:`~claimgraph.findings.Finding`
records, and the CLI only parses options, calls these and renders.
"""

from importlib.metadata import PackageNotFoundError, version

try:  # the version lives in pyproject.toml only
    __version__ = version("claimgraph")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
