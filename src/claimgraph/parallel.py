"""Helpers for the threads in which claimgraph runs Oxigraph's native work beside Python's."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager

#: GIL switch interval while a thread runs Oxigraph beside Python code (Python's default is 5 ms).
SWITCH_INTERVAL = 0.0005

_lock = threading.Lock()
_holders = 0  # contexts open now, in any thread
_saved: float | None = None  # the interval to restore when the last one closes


@contextmanager
def responsive_threads():
    """Let a thread coming back from native code take the GIL within 0.5 ms instead of 5 ms.

    Oxigraph releases the GIL while it parses or evaluates, but takes it back many times (to
    read its input, to hand out rows). With Python's default interval a Python-bound thread
    beside it keeps the GIL up to 5 ms each time, and Oxigraph waits: measured at 10,000 claims,
    loading the claims beside a busy thread took 0.70 s against 0.36 s alone, and 0.42 s with
    this interval. The interval is process-wide: the first context to open lowers it and the
    last to close restores it, so overlapping loads in several threads leave it as they found it."""
    global _holders, _saved
    with _lock:
        if _holders == 0:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, SWITCH_INTERVAL))
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _saved is not None:
                sys.setswitchinterval(_saved)
                _saved = None


#: Stack of a thread that parses and runs a query. Oxigraph's parser and planner recurse once per pattern
#: of a group, not only per nesting level: on a thread's usual 8 MiB stack a flat query of some 10,000
#: triple patterns (or 2,650 BINDs) ended the process with a segmentation fault. Only address space is
#: reserved; pages are used as the stack grows.
QUERY_STACK_BYTES = 512 * 1024 * 1024
_stack_lock = threading.Lock()


def start_with_query_stack(thread: threading.Thread) -> None:
    """Start ``thread`` with :data:`QUERY_STACK_BYTES` of stack (the size is process-wide while it is set)."""
    with _stack_lock:
        previous = threading.stack_size(QUERY_STACK_BYTES)
        try:
            thread.start()
        finally:
            threading.stack_size(previous)
