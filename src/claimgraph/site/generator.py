"""What any generator of the site shares: how many processes to run (whether forking is safe:
:func:`claimgraph.parallel.can_fork`).

The generator itself (MkDocs with the Material theme, and everything that knows the theme's files
and markup) is :mod:`.material`; a successor replaces that module.
"""

from __future__ import annotations

import os

#: Pages each extra ``mkdocs build`` must have to render to pay for its start-up (~1.5 s).
#: Measured on 2 cores: 439 pages 6.4 s with one process, 5.3 s with two; 1,399 pages 16.8 s, 11 s.
MIN_PAGES_PER_JOB = 200


def default_jobs(pages: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 8, pages // MIN_PAGES_PER_JOB))
