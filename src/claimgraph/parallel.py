"""Helpers for the threads in which claimgraph runs Oxigraph's native work beside Python's."""

from __future__ import annotations

import gc
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
    import os

    # (os.fork is there where multiprocessing offers "fork", without importing multiprocessing: a hundredth
    # of a check at 10,000 claims)
    return hasattr(os, "fork") and threading.active_count() == 1


def cores() -> int:
    """The cores this process may run on."""
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class ForkFailed(OSError):
    """No child could be forked, or it gave no result (it raised, was killed, or what it returned could not
    be pickled); the message says which."""


class ForkedCall:
    """``function()`` computed in a forked child while this process goes on with its own work: Python code
    in the two runs on two cores, which threads of one process cannot do (they share the GIL).

    :meth:`result` gives what the function returned, pickled through a pipe, or raises
    :class:`ForkFailed`: the caller then does the work itself, so a child that fails (a bug, a signal)
    costs time, never a result. The child leaves with ``os._exit``: no buffered output of this process is
    written twice, no exit handler runs twice. Fork only where :func:`can_fork` says so."""

    def __init__(self, function):
        import gc
        import os
        import pickle

        read, write = os.pipe()
        # the collector's passes write into every object they visit: objects frozen before the fork are
        # not visited in the child, whose memory then stays shared with this process (at 50,000 claims the
        # child's copies of pages cost a tenth of its time); they are unfrozen when the child is done (unless
        # the host application froze objects of its own: then it decides)
        self._froze = gc.get_freeze_count() == 0
        if self._froze:
            gc.freeze()
        try:
            pid = os.fork()
        except OSError as exc:  # no process to be had (a limit, memory): the caller does the work
            if self._froze:
                gc.unfreeze()
            os.close(read)
            os.close(write)
            raise ForkFailed(f"cannot fork: {exc}") from None
        if pid == 0:  # the child: whatever happens, it never returns into the caller's code
            status = 1
            try:
                os.close(read)
                try:
                    outcome = ("done", function())
                    data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:  # KeyboardInterrupt too; tracebacks do not cross processes
                    data = pickle.dumps(("failed", f"{type(exc).__name__}: {exc}"))
                with open(write, "wb", closefd=True) as pipe:
                    pipe.write(data)
                status = 0
            except BaseException:  # not even the failure could be told: the exit status says it
                pass
            finally:
                os._exit(status)
        os.close(write)
        self._pid, self._read = pid, read
        self._done = False

    def close(self) -> None:
        """Stop the child if its result was not asked for (the caller failed meanwhile)."""
        import os
        import signal

        if not self._done:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            try:
                self.result()
            except ForkFailed:
                pass

    def result(self):
        import gc
        import os
        import pickle

        try:
            with open(self._read, "rb", closefd=True) as pipe:
                data = pipe.read()
        finally:
            self._done = True
            _pid, status = os.waitpid(self._pid, 0)
            if self._froze:
                gc.unfreeze()
        if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
            raise ForkFailed(f"the child process ended with status {status}")
        try:
            kind, value = pickle.loads(data)
        except Exception as exc:
            raise ForkFailed(f"the child's result could not be read: {exc}") from None
        if kind != "done":
            raise ForkFailed(value)
        return value


class ForkedWorker:
    """A forked process at work for the caller (its ``_process``), telling its outcome through a pipe
    (``_outcome``): what :class:`claimgraph.site.rdf_views.GraphDownloads` and
    :class:`claimgraph.site.sparql_pages.SavedAnswers` share."""

    _process = None
    _outcome = None

    def stop(self) -> None:
        """End the process, if any is left (the caller failed elsewhere and no longer wants its work)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._outcome.close()
            self._process = None


class Done:
    """Work already done: calling it gives its result (the interface of :func:`start_beside`'s answer)."""

    def __init__(self, result):
        self.result = result

    def __call__(self):
        return self.result

    def stop(self) -> None:
        pass


class Beside:
    """Work running in a forked child (a :class:`ForkedCall`): calling it waits for its result, a failure
    told as ``OSError("<failure>: …")``; :meth:`stop` ends it unfinished."""

    def __init__(self, call: ForkedCall, failure: str):
        self.call, self.failure = call, failure

    def __call__(self):
        try:
            return self.call.result()
        except ForkFailed as exc:
            raise OSError(f"{self.failure}: {exc}") from None

    def stop(self) -> None:
        """End the child, done or not, and wait for it: nothing it writes may land after this returns."""
        self.call.close()


def start_beside(work: Callable[[], _T], failure: str) -> Done | Beside:
    """Start ``work`` in a forked child while this process goes on; returns what, called, waits for it and
    gives what ``work`` returned (a small, picklable value: the child inherits everything else), and whose
    ``stop()`` ends it unfinished (this process failed: what the child writes must not land after).

    Where forking is not safe (:func:`can_fork`) or only one core is there, ``work`` runs at once and there
    is nothing to wait for. A failure in the child comes back as ``OSError("<failure>: …")``, never as a
    second attempt here: the work writes files, and half of them may be written."""
    if cores() < 2 or not can_fork():
        return Done(work())
    try:
        return Beside(ForkedCall(work), failure)
    except ForkFailed:  # no child to be had: the work is done here
        return Done(work())


@contextmanager
def collector_paused():
    """Python's cycle collector off while a large, long-lived structure is made (an export's rows, the model
    of a registry, a site's model).

    An export makes millions of small tuples and strings and keeps them (the rows, their indexes), and
    none of them forms a cycle; yet every few thousand allocations the collector walks the objects made
    so far, the whole loaded registry included: a quarter of an RO-Crate's time at 10,000 claims. A
    forked writer inherits the pause."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
