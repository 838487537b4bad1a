"""A query worker process of ``claimgraph serve``: ``python -m claimgraph.sparql.worker``.

It talks to the server over its stdin/stdout with length-prefixed pickled frames:

1. it reads ``(nquads_bytes, base_iri)``, loads them into its own in-memory store and
   answers ``"ready"``;
2. then, for each ``(query_text, format_name)`` frame, it answers
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
from typing import BinaryIO

_LENGTH = struct.Struct(">Q")


def write_frame(stream: BinaryIO, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(data)) + data)
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
#: to allocate and die; the server answers that request with an error and starts a new worker.
DEFAULT_QUERY_MEMORY_MB = 1024


def limit_memory() -> None:
    """Cap this process's address space at its current size plus the query budget (POSIX only)."""
    try:
        import resource

        budget = int(os.environ.get("CLAIMGRAPH_QUERY_MEMORY_MB", DEFAULT_QUERY_MEMORY_MB)) * 1024 * 1024
        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (current + budget, current + budget))
    except (ImportError, OSError, ValueError):
        pass  # no /proc or no setrlimit here: the time limit still bounds every query


def serve(inp: BinaryIO, out: BinaryIO) -> None:
    import pyoxigraph as ox

    from .results import serialize
    from .run import QueryError, execute

    data, base = read_frame(inp)
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_QUADS)
    del data
    limit_memory()
    write_frame(out, "ready")
    while True:
        try:
            message = read_frame(inp)
        except EOFError:
            return
        if message is None:
            return
        text, fmt = message
        try:
            body, media = serialize(execute(store, text, base_iri=base), fmt, base=base)
            reply = ("ok", 200, media, body)
        except QueryError as exc:
            reply = ("error", exc.code, exc.message, exc.line, exc.column, exc.hint, exc.http_status)
        except Exception as exc:  # noqa: BLE001 - a worker must answer, whatever went wrong
            reply = ("error", "CG401", f"query failed: {exc}", None, None, None, 500)
        write_frame(out, reply)


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
