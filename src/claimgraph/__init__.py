"""claimgraph: a literature-evidence graph and citation-checked claim registry.

Library first: :func:`claimgraph.registry.load` reads a registry once,
:func:`claimgraph.checks.run_checks` turns it into :class:`~claimgraph.findings.Finding`
records, and the CLI only parses options, calls these and renders.
"""


def __getattr__(name: str):
    # read on first use: importlib.metadata costs a third of `claimgraph --help`
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:  # the version lives in pyproject.toml only
        found = version("claimgraph")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
