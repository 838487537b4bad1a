"""A query worker process of ``claimgraph serve``: ``python -m claimgraph.sparql.worker``.

It talks to the server over its stdin/stdout with length-prefixed pickled frames:

1. it reads ``(nquads_bytes, base_iri, WorkerLimits)``, loads the data into its own in-memory
   store, caps its own memory and answers ``"ready"``;
2. then, for each ``(query_text, format_names)`` frame (the format wanted, then those to fall back to
   when it cannot carry the answer: CG410), it answers
   ``("ok", status, media_type, body)`` or ``("error", code, message, line, column, hint,
   http_status)``; ``None`` (or end of input) stops it.

A plain subprocess rather than ``multiprocessing``: no re-import of the caller's main
module, no fork of a threaded server, and the server can simply kill it when a query
overruns its deadline.
"""

from __future__ import annotations

import os
import pickle
import signal
import struct
import sys
from dataclasses import dataclass
from typing import BinaryIO

_LENGTH = struct.Struct(">Q")


def write_frame(stream: BinaryIO, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)))
    stream.write(data)  # not joined to the length: a large body is not copied once more
    stream.flush()


def read_frame(stream: BinaryIO):
    """The next frame, or raise EOFError."""
    head = _read_exactly(stream, _LENGTH.size)
    return pickle.loads(_read_exactly(stream, _LENGTH.unpack(head)[0]))


def _read_exactly(stream: BinaryIO, n: int) -> bytes:
    chunks, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


#: Memory a worker may add, beyond what it holds once the registry is loaded, while it answers
#: queries (MiB; ``CLAIMGRAPH_QUERY_MEMORY_MB``). A query that needs more makes the worker fail
#: to allocate: Python raises MemoryError (answered as CG407), Oxigraph's allocator aborts the
#: process (the server sees it die of SIGABRT, answers CG407 and starts a new worker).
DEFAULT_QUERY_MEMORY_MB = 1024

#: Largest result body a worker writes (MiB; ``CLAIMGRAPH_QUERY_RESULT_MB``); past it, CG408.
DEFAULT_QUERY_RESULT_MB = 128


@dataclass(frozen=True)
class WorkerLimits:
    """What bounds one worker, handed over with the data (the server reads the environment once)."""

    memory_mb: float = DEFAULT_QUERY_MEMORY_MB
    result_mb: float = DEFAULT_QUERY_RESULT_MB

    @classmethod
    def from_environment(cls, environ=os.environ) -> "WorkerLimits":
        """The limits set by ``CLAIMGRAPH_QUERY_MEMORY_MB`` and ``CLAIMGRAPH_QUERY_RESULT_MB``.

        Raises ValueError naming the variable whose value is not a positive number."""
        values = {}
        for field, name, default in (
            ("memory_mb", "CLAIMGRAPH_QUERY_MEMORY_MB", DEFAULT_QUERY_MEMORY_MB),
            ("result_mb", "CLAIMGRAPH_QUERY_RESULT_MB", DEFAULT_QUERY_RESULT_MB),
        ):
            text = environ.get(name, "").strip()
            try:
                value = float(text) if text else float(default)
            except ValueError:
                value = float("nan")
            if not 0 < value < 2**40:  # nan fails too
                raise ValueError(f"{name}={text!r}: expected a number of MiB, more than 0")
            values[field] = value
        return cls(**values)

    @property
    def result_bytes(self) -> int:
        return int(self.result_mb * 2**20)


def limit_memory(budget_mb: float = DEFAULT_QUERY_MEMORY_MB) -> None:
    """Cap this process's address space at its current size plus ``budget_mb`` (POSIX only)."""
    try:
        import resource

        budget = int(budget_mb * 2**20)
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (current + budget, current + budget))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no setrlimit here: the time limit still bounds every query


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    import pyoxigraph as ox

    data, base, limits = read_frame(inp)
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    del data
    limit_memory(limits.memory_mb)
    write_frame(out, "ready")
    while True:
        try:
            message = read_frame(inp)
        except EOFError:
            return
        if message is None:
            return
        try:
            write_frame(out, _answer(store, *message, base=base, limits=limits))
        except MemoryError:  # the body fitted, but not its copy on the way out
            from .run import QueryMemoryLimit

            write_frame(out, _error_reply(QueryMemoryLimit.of(limits.memory_mb)))


def _answer(store, text: str, formats: str | tuple[str, ...], *, base: str, limits: WorkerLimits) -> tuple:
    """The reply to one query (its own frame, so that a large body is let go once it is sent): in the first of
    ``formats`` that can carry it."""
    from .results import result_bytes
    from .run import QueryError, QueryMemoryLimit, ResultNotRepresentable, execute

    formats = (formats,) if isinstance(formats, str) else formats
    try:
        for at, fmt in enumerate(formats):
            try:
                result = execute(store, text, base_iri=base)
                body, media = result_bytes(result, fmt, base=base, max_bytes=limits.result_bytes)
            except ResultNotRepresentable:
                if at == len(formats) - 1:
                    raise
                continue  # (the result was consumed by the writer: the query runs again for the next format)
            return ("ok", 200, media, body)
        raise AssertionError("no format given")
    except QueryError as exc:
        return _error_reply(exc)
    except MemoryError:
        return _error_reply(QueryMemoryLimit.of(limits.memory_mb))
    except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever went wrong
        return ("error", "CG401", f"query failed: {exc}", None, None, None, 500)


def _error_reply(exc) -> tuple:
    return ("error", exc.code, exc.message, exc.line, exc.column, exc.hint, exc.http_status)


#: How often a worker looks whether its server is still there (seconds).
PARENT_CHECK_INTERVAL = 0.5


def exit_with_parent(interval: float = PARENT_CHECK_INTERVAL) -> None:
    """End this process soon after the server that started it ends, however it ended.

    A worker stops when its input closes, but only between queries: a server killed (SIGKILL,
    SIGTERM, ``timeout``) while a runaway query runs would leave the worker computing for ever,
    a process nobody can reach. A watcher thread polls the parent's pid instead; it gets its
    turn because Oxigraph evaluates without holding the GIL. (Linux's PR_SET_PDEATHSIG would fire
    when the server *thread* that started the worker ends, and replacements start in short-lived
    threads.)"""
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:  # re-parented: the server is gone
                os._exit(0)

    threading.Thread(target=watch, name="claimgraph-worker-parent", daemon=True).start()


def main() -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    exit_with_parent()
    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames may reach the server's end of the pipe
    try:
        serve(inp, out)
    except (EOFError, BrokenPipeError):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
