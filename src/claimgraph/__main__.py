"""``python -m claimgraph``: the same command line as ``claimgraph``."""

from .cli import run

run()
