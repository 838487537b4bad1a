"""Helpers for the threads in which claimgraph runs Oxigraph's native work beside Python's."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import Callable, TypeVar

_T = TypeVar("_T")

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


def can_fork() -> bool:
    """Whether this process may fork workers: the platform forks, and no other thread runs.

    A forked child has only the forking thread; a lock another thread held at that moment
    (a query abandoned at its deadline still reading the store, a host application's own
    threads) would stay held in the child for ever. Where this says no, the work is done in
    the calling process instead: slower, never stuck."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def cores() -> int:
    """The cores this process may run on."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _run_in_child(work: Callable[[], object], outcome) -> None:
    try:
        outcome.send(("done", work()))
    except BaseException as exc:  # tracebacks do not cross processes: say what failed
        outcome.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        outcome.close()


class Done:
    """Work already done: calling it gives its result (the interface of :func:`start_beside`'s answer)."""

    def __init__(self, result):
        self.result = result

    def __call__(self):
        return self.result

    def stop(self) -> None:
        pass


class _Beside:
    """Work running in a forked process: calling it waits for its result; :meth:`stop` ends it unfinished."""

    def __init__(self, process, receiver, failure: str):
        self.process, self.receiver, self.failure = process, receiver, failure

    def __call__(self):
        try:
            kind, value = self.receiver.recv()
        except EOFError:  # the process died without a word (killed, out of memory)
            kind, value = "failed", f"the process doing it ended with code {self.process.exitcode}"
        except BaseException:
            self.process.kill()
            raise
        finally:
            self.receiver.close()
            self.process.join()
        if kind != "done":
            raise OSError(f"{self.failure}: {value}")
        return value

    def stop(self) -> None:
        """End the process, done or not, and wait for it: nothing it writes may land after this returns."""
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()
        self.receiver.close()


def start_beside(work: Callable[[], _T], failure: str, *, name: str = "claimgraph-worker") -> Done | _Beside:
    """Start ``work`` in a forked process while this one goes on; returns what, called, waits for it and
    gives what ``work`` returned (a small, picklable value: the child inherits everything else), and
    whose ``stop()`` ends it unfinished (this process failed: what the child writes must not land after).

    Where forking is not safe (:func:`can_fork`) or only one core is there, ``work`` runs at once and there
    is nothing to wait for. A failure in the child comes back as ``OSError("<failure>: …")``."""
    import multiprocessing

    if cores() < 2 or not can_fork():
        return Done(work())
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_run_in_child, args=(work, sender), daemon=True, name=name)
    process.start()
    sender.close()
    return _Beside(process, receiver, failure)
