"""What any generator of the site shares: how many processes to run, and whether forking is safe.

The generator itself (MkDocs with the Material theme, and everything that knows the theme's files
and markup) is :mod:`.material`; a successor replaces that module.
"""

from __future__ import annotations

import os

#: Pages each extra ``mkdocs build`` must have to render to pay for its start-up (~1.5 s).
#: Measured on 2 cores: 439 pages 6.4 s with one process, 5.3 s with two; 1,399 pages 16.8 s, 11 s.
MIN_PAGES_PER_JOB = 200


def can_fork() -> bool:
    """Whether this process may fork workers: the platform forks, and no other thread runs.

    A forked child has only the forking thread; a lock another thread held at that moment
    (a query abandoned at its deadline still reading the store, a host application's own
    threads) would stay held in the child for ever. Where this says no, the work is done in
    the calling process instead: slower, never stuck."""
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def default_jobs(pages: int) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, 8, pages // MIN_PAGES_PER_JOB))
