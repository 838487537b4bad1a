"""``python -m claimgraph``: the same command line as ``claimgraph``."""

import sys

try:
    from .cli import run
except KeyboardInterrupt:  # Ctrl-C while claimgraph's first modules are imported: no traceback
    print("claimgraph: interrupted", file=sys.stderr)
    sys.exit(130)

run()
