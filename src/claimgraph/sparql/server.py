"""A read-only SPARQL 1.1 Protocol endpoint on the registry, with a query page for the browser.

``claimgraph serve`` runs :class:`SparqlServer`:

* ``GET /sparql?query=…`` and ``POST /sparql`` (``application/x-www-form-urlencoded`` with
  ``query=…``, or ``application/sparql-query``), per https://www.w3.org/TR/sparql11-protocol/ ;
  results negotiated by ``Accept`` with q-values and wildcards (:mod:`.negotiation`: SPARQL
  JSON/XML, CSV, TSV, HTML, text; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE),
  or by ``?format=`` (``json``, ``xml``, ``csv``…); 406 when nothing asked for can be served, or
  when XML was asked for an answer XML 1.0 cannot carry (CG410);
* ``GET /sparql`` without a query: the SPARQL 1.1 Service Description in the RDF format
  negotiated (the query page for a browser asking for HTML); a ``POST`` without one is 400 (CG411),
  as the protocol asks, saying what the form held instead;
* ``OPTIONS``: what each resource allows, and CORS pre-flights (:mod:`.cors`; no other origin is
  allowed unless ``--allow-origin`` names it);
* ``GET /`` — a query page offering the saved queries; ``GET /queries.json`` — the saved
  queries; ``GET /queries/NAME.rq`` — one of them as text.

Read-only and offline: an update (``update=``, ``application/sparql-update``, or an update
sent as a query) is refused with 400, and so are ``SERVICE``, ``FROM``/``FROM NAMED`` and the
``default-graph-uri``/``named-graph-uri`` parameters (see :mod:`.run`); malformed queries get
400 with the line and column. The server binds to 127.0.0.1 unless told otherwise and, when
bound to a loopback address, only answers requests whose ``Host`` is a loopback name (a
web page cannot reach it through DNS rebinding).

Limits: a query stopped by one gets **503** with a body naming it (``CG405 error: time limit:
…``). pyoxigraph cannot interrupt a query from another thread, so queries run in a small pool
of **worker processes** (``python -m claimgraph.sparql.worker``, see :mod:`.worker`), each
holding its own copy of the registry (handed over once as N-Quads) and capping its own memory:

* time (CG405): the request thread waits for the worker's answer up to ``--timeout``; then it
  kills that worker (which frees its CPU) and starts a replacement in the background;
* memory (CG407): a worker past ``CLAIMGRAPH_QUERY_MEMORY_MB`` aborts; it is replaced;
* result size (CG408): a worker stops writing a body past ``CLAIMGRAPH_QUERY_RESULT_MB``;
* concurrency (CG409): a request finding every worker busy waits for one (by default up to
  twice ``--timeout``, since every busy worker is freed or replaced within it); past that wait,
  or with :data:`MAX_WAITING` requests already waiting, it gets 503 with ``Retry-After``.

The other workers keep answering meanwhile, so ordinary queries are only delayed by runaways,
never failed (benchmarks/serve_load.py measures it under 20 concurrent clients).
"""

from __future__ import annotations

import functools
import html
import ipaddress
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .cors import CorsPolicy
from .defaults import DEFAULT_PORT, DEFAULT_TIMEOUT, DEFAULT_WORKERS, MAX_TIMEOUT
from .negotiation import negotiate, negotiate_all
from .results import GRAPH_FORMATS, MEDIA_TYPES, XML_FORMATS
from .run import EndpointBusy, QueryError, QueryMemoryLimit, QueryRefused, QueryTimeout, check_query
from .worker import WorkerLimits, read_frame, write_frame

#: Largest query or request body accepted, in bytes.
MAX_BODY = 1_000_000


@dataclass
class Answer:
    status: int
    media_type: str
    body: bytes
    headers: dict = field(default_factory=dict)


def _error_answer(exc: QueryError) -> Answer:
    where = f"line {exc.line}, column {exc.column or 1}: " if exc.line else ""
    text = f"{exc.code} error: {where}{exc.message}\n"
    if exc.hint:
        text += f"hint: {exc.hint}\n"
    headers = {"Retry-After": str(RETRY_AFTER)} if isinstance(exc, EndpointBusy) else {}
    return Answer(exc.http_status, "text/plain; charset=utf-8", text.encode("utf-8"), headers)


def protocol_error(status: int, message: str, hint: str | None = None) -> QueryError:
    """A request that breaks the SPARQL 1.1 Protocol (CG411), answered with ``status``: its body starts with
    the code, as every error body of the endpoint does (docs/serve.md)."""
    exc = QueryError(message, hint=hint)
    exc.code, exc.http_status = "CG411", status
    return exc


#: What a form body holding a query written as it is (not ``query=…``) starts with, once comments are set aside.
_RAW_QUERY_START = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "PREFIX", "BASE")


def _missing_query(form: dict[str, list[str]], body: bytes) -> QueryError:
    """400 for a POST that names no ``query``: what it sent instead, and, for a body that reads as a query
    sent as a form, how to send it."""
    from ..reports import one_line

    # (a name is the client's text: shortened, its controls escaped)
    shown = [one_line(name if len(name) <= 40 else name[:40] + "…") for name in sorted(form)[:5]]
    names = ", ".join(shown) + (", …" if len(form) > 5 else "") if form else "none"
    hint = (
        "send the query as `query=…` (application/x-www-form-urlencoded, URL-encoded) or as the body of an "
        "application/sparql-query request"
    )
    words = body.decode("utf-8", "replace").lstrip().split(None, 1)
    if words and words[0].upper() in _RAW_QUERY_START:
        hint = (
            "the body reads as a SPARQL query sent as a form: send it with `Content-Type: application/sparql-query`, "
            "or as `query=` followed by the URL-encoded query"
        )
    return protocol_error(400, f"POST without a query parameter (form parameters: {names})", hint)


# ------------------------------------------------------------------ worker processes

#: Requests that may wait for a worker at once; one more gets 503 (CG409) at once.
MAX_WAITING = 64
#: Seconds a client is asked to wait (``Retry-After``) when every worker was busy.
RETRY_AFTER = 5
#: Seconds a new worker may take to load the registry and say it is ready.
WORKER_START_TIMEOUT = 120


class _Worker:
    """One ``python -m claimgraph.sparql.worker`` process and a thread reading its replies."""

    def __init__(self, data: bytes, base: str, limits: WorkerLimits, quiet: bool = False):
        env = dict(os.environ)
        src = str(Path(__file__).resolve().parents[2])  # the folder holding the claimgraph package
        env["PYTHONPATH"] = os.pathsep.join([src] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
        # a query at the memory cap aborts the worker: one line says so, a Rust backtrace would add noise
        env["RUST_BACKTRACE"] = "0"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "claimgraph.sparql.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL if quiet else None,
            env=env,
        )
        self.replies: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, name="claimgraph-worker-reader", daemon=True).start()
        write_frame(self.process.stdin, (data, base, limits))

    def _read(self) -> None:
        try:
            while True:
                self.replies.put(read_frame(self.process.stdout))
        except (EOFError, OSError, ValueError):
            self.replies.put(EOFError())

    def send(self, message) -> None:
        write_frame(self.process.stdin, message)

    def receive(self, timeout: float | None):
        """The next reply; ``queue.Empty`` at the deadline; EOFError if the worker died."""
        reply = self.replies.get(timeout=timeout)
        if isinstance(reply, EOFError):
            raise reply
        return reply

    def wait_ready(self, timeout: float) -> bool:
        try:
            return self.receive(timeout) == "ready"
        except (queue.Empty, EOFError):
            return False

    def exit_status(self, timeout: float = 5) -> int | None:
        """The process's return code once it has ended (negative: the signal that ended it)."""
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            pass
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


#: How a worker that ran out of memory ends: Oxigraph's allocator aborts (SIGABRT); the kernel's
#: out-of-memory killer, if it gets there first, sends SIGKILL.
_OUT_OF_MEMORY_SIGNALS = {-signal.SIGABRT, -signal.SIGKILL}


class WorkerPool:
    """``size`` worker processes holding the registry; :meth:`run` answers one query within the limits.

    ``timeout`` bounds a query's run on a worker; ``queue_wait`` bounds the wait for a free worker
    (by default twice ``timeout``: a busy worker is freed, or killed and replaced, within ``timeout``)
    and ``max_waiting`` the number of requests waiting at once."""

    def __init__(
        self,
        data: bytes,
        base: str,
        *,
        size: int = DEFAULT_WORKERS,
        timeout: float = DEFAULT_TIMEOUT,
        limits: WorkerLimits | None = None,
        queue_wait: float | None = None,
        max_waiting: int = MAX_WAITING,
        quiet: bool = False,
    ):
        self.data, self.base, self.size, self.timeout = data, base, max(1, size), timeout
        self.quiet = quiet
        self.limits = limits or WorkerLimits()
        self.queue_wait = queue_wait if queue_wait is not None else min(2 * timeout + 10, MAX_TIMEOUT)
        self.max_waiting = max_waiting
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.closed = False
        self.waiting = 0
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()

    def start(self) -> None:
        workers = [self._new() for _ in range(self.size)]
        for worker in workers:
            if not worker.wait_ready(WORKER_START_TIMEOUT):
                self.close()
                raise RuntimeError("a SPARQL worker process failed to start")
            self.idle.put(worker)

    def _new(self) -> _Worker:
        worker = _Worker(self.data, self.base, self.limits, self.quiet)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` now (freeing its CPU); start its successor in the background."""
        with self._lock:
            self._all.discard(worker)
        worker.stop()
        if self.closed:
            return

        def start() -> None:
            for attempt in range(3):  # a machine short of memory for a moment should not shrink the pool
                try:
                    fresh = self._new()
                except OSError:
                    fresh = None
                if fresh is not None and fresh.wait_ready(WORKER_START_TIMEOUT) and not self.closed:
                    self.idle.put(fresh)
                    return
                if fresh is not None:
                    with self._lock:
                        self._all.discard(fresh)
                    fresh.stop()
                if self.closed:
                    return
                time.sleep(1 + attempt)

        threading.Thread(target=start, name="claimgraph-worker-start", daemon=True).start()

    def _take(self) -> _Worker:
        with self._lock:
            if self.waiting >= self.max_waiting:
                raise EndpointBusy(
                    f"concurrency limit: {self.waiting} requests are already waiting for the {self.size} query workers",
                    hint=f"try again in {RETRY_AFTER} s",
                )
            self.waiting += 1
        try:
            return self.idle.get(timeout=self.queue_wait)
        except queue.Empty:
            raise EndpointBusy(
                f"concurrency limit: all {self.size} query workers stayed busy for {self.queue_wait:g} s",
                hint=f"try again in {RETRY_AFTER} s, or start `claimgraph serve` with more --workers",
            ) from None
        finally:
            with self._lock:
                self.waiting -= 1

    def run(self, text: str, fmt: str, fallbacks: tuple[str, ...] = ()) -> Answer:
        """The answer to ``text`` in ``fmt`` or, where ``fmt`` cannot carry it (CG410), the first of ``fallbacks``
        that can."""
        try:
            worker = self._take()
        except EndpointBusy as exc:
            return _error_answer(exc)
        try:
            worker.send((text, (fmt, *fallbacks)))
            reply = worker.receive(self.timeout)
        except queue.Empty:
            self._replace(worker)
            return _error_answer(
                QueryTimeout(
                    f"time limit: query still running after {self.timeout:g} s (serve --timeout): stopped",
                    hint="narrow the query (specific patterns first, OPTIONALs last, a LIMIT); "
                    "the endpoint goes on answering",
                )
            )
        except (EOFError, OSError):
            status = worker.exit_status()
            self._replace(worker)
            if status in _OUT_OF_MEMORY_SIGNALS:
                return _error_answer(QueryMemoryLimit.of(self.limits.memory_mb))
            return Answer(
                500,
                "text/plain; charset=utf-8",
                f"error: the query worker stopped unexpectedly (exit status {status}); "
                "the endpoint goes on answering\n".encode("utf-8"),
            )
        self.idle.put(worker)
        if reply[0] == "ok":
            _, status, media, body = reply
            return Answer(status, media, body)
        _, code, message, line, column, hint, status = reply
        exc = QueryError(message, line, column, hint)
        exc.code, exc.http_status = code, status
        return _error_answer(exc)

    def close(self) -> None:
        self.closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            try:
                worker.send(None)
            except (OSError, ValueError):
                pass
            worker.stop()


# ------------------------------------------------------------------ HTTP


def _is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _loopback_host(host: str) -> bool:
    """Whether a ``Host`` header (``localhost:7878``, ``[::1]:7878``) names this machine."""
    if host.startswith("["):
        return _is_loopback(host[1 : host.find("]")] if "]" in host else host)
    return _is_loopback(host.rsplit(":", 1)[0] if host.count(":") == 1 else host)


class SparqlServer:
    """The endpoint: ``start()`` in a background thread (tests) or ``serve_forever()`` (the CLI).

    ``allowed_origins``: the web origins (``https://example.org``, ``http://localhost:3000``, or
    ``*``) whose pages may read the answers (CORS); none by default. ``limits``: the workers' memory
    and result size (by default from ``CLAIMGRAPH_QUERY_MEMORY_MB`` and ``CLAIMGRAPH_QUERY_RESULT_MB``)."""

    def __init__(
        self,
        registry,
        *,
        host: str = "127.0.0.1",
        port: int = DEFAULT_PORT,
        timeout: float = DEFAULT_TIMEOUT,
        workers: int = DEFAULT_WORKERS,
        quiet: bool = False,
        allowed_origins=(),
        limits: WorkerLimits | None = None,
        queue_wait: float | None = None,
        max_waiting: int = MAX_WAITING,
        page: Callable[[SparqlServer], str] | None = None,
    ):
        from .saved import load_saved_queries

        # a timeout of nan or inf would make every wait fail (OverflowError) or never end
        if not 0 < timeout <= MAX_TIMEOUT:
            raise ValueError(f"timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, not {timeout!r}")
        self.registry = registry
        self.timeout = timeout
        self.quiet = quiet
        #: renders the query page (the site's templates do: :func:`claimgraph.site.endpoint_page.endpoint_page`);
        #: without it the endpoint's address answers a browser with a short page naming the endpoint
        self.render_page = page
        self.cors = CorsPolicy(allowed_origins)
        #: the saved queries offered, and the findings about queries/*.rq files left out
        self.saved, self.saved_problems = load_saved_queries(registry)
        data = registry.store.dump(format=ox.RdfFormat.N_QUADS)
        self.pool = WorkerPool(
            data,
            registry.settings.base,
            size=workers,
            timeout=timeout,
            limits=limits or WorkerLimits.from_environment(),
            queue_wait=queue_wait,
            max_waiting=max_waiting,
            quiet=quiet,
        )
        self.pool.start()
        try:
            self.httpd = ThreadingHTTPServer((host, port), _handler_class(self))
        except OSError:
            self.pool.close()
            raise
        self.httpd.daemon_threads = True
        self.loopback_only = _is_loopback(host)
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def url(self) -> str:
        host = self.httpd.server_address[0]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

    @property
    def endpoint(self) -> str:
        return self.url + "sparql"

    def start(self) -> "SparqlServer":
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="claimgraph-serve", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.httpd.serve_forever()

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
            self._thread.join(5)
        self.httpd.server_close()
        self.pool.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

    # -------------------------------------------------------------- answering

    def answer_query(self, text: str, accept: str | None, format_param: str | None) -> Answer:
        if len(text.encode("utf-8")) > MAX_BODY:
            return _error_answer(protocol_error(413, f"query over {MAX_BODY} bytes"))
        try:  # refusals (400) and formats nobody asked for (406), before a worker is taken
            formats = negotiate_all(check_query(text), accept, format_param)
        except QueryError as exc:
            return _error_answer(exc)
        # an XML format that cannot carry the answer (CG410) gives way to the next format the client accepts
        fallbacks = tuple(formats[1:]) if formats[0] in XML_FORMATS else ()
        return self.pool.run(text, formats[0], fallbacks)


def _handler_class(server: SparqlServer):
    class Handler(_Handler):
        app = server

    return Handler


class _Handler(BaseHTTPRequestHandler):
    app: SparqlServer
    server_version = "claimgraph-sparql"
    protocol_version = "HTTP/1.1"

    # ------------------------------------------------------------ plumbing

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature of the base class
        if not self.app.quiet:
            # the request line is the client's: its controls and bidi characters are escaped (the base class's
            # own log_message escapes controls; this one replaces it), so a request cannot drive the terminal
            from ..reports import one_line

            sys.stderr.write(f"{self.address_string()} - {one_line(format % args)}\n")

    def send(self, answer: Answer, *, head: bool = False) -> None:
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.media_type)
        self.send_header("Content-Length", str(len(answer.body)))
        vary = "Accept, Origin" if self.app.cors.origins and not self.app.cors.any_origin else "Accept"
        self.send_header("Vary", vary)
        self.send_header("X-Content-Type-Options", "nosniff")
        if answer.media_type.startswith("text/html"):
            self.send_header(
                "Content-Security-Policy",
                "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; "
                "connect-src 'self'; form-action 'self'; frame-ancestors 'none'",
            )
        headers = {**self.app.cors.response_headers(self.headers.get("Origin")), **answer.headers}
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if not head and answer.status not in (204, 304):
            self.wfile.write(answer.body)

    def text(self, status: int, message: str, *, head: bool = False, **headers) -> None:
        body = (message.rstrip("\n") + "\n").encode("utf-8")
        self.send(
            Answer(
                status,
                "text/plain; charset=utf-8",
                body,
                {name.replace("_", "-"): value for name, value in headers.items()},
            ),
            head=head,
        )

    def request_allowed(self) -> bool:
        """Refuse (and answer) a request for a foreign ``Host`` (DNS rebinding) or from a page on an
        origin that may not read the answer (see :mod:`.cors`)."""
        host = (self.headers.get("Host") or "").strip()
        if self.app.loopback_only and not _loopback_host(host):
            self.text(403, f"Host {host!r} refused: this endpoint only answers on localhost")
            return False
        origin = self.headers.get("Origin")
        if origin and not self.app.cors.allows(origin) and not self.app.cors.same_origin(origin, host):
            self.text(
                403,
                f"origin {origin!r} may not query this endpoint: start `claimgraph serve` with "
                f"--allow-origin {origin} to let its pages read the answers",
            )
            return False
        return True

    # ------------------------------------------------------------ methods

    def do_HEAD(self) -> None:
        self.do_GET(head=True)

    def do_GET(self, head: bool = False) -> None:
        if not self.request_allowed():
            return
        parts = urlsplit(self.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        if parts.path in ("/", "/index.html"):
            return self.send(Answer(200, MEDIA_TYPES["html"], page(self.app).encode("utf-8")), head=head)
        if parts.path == "/query.js":
            return self.send(Answer(200, "text/javascript; charset=utf-8", page_script().encode("utf-8")), head=head)
        if parts.path == "/queries.json":
            body = json.dumps([q.as_dict() for q in self.app.saved], ensure_ascii=False, indent=2)
            return self.send(Answer(200, "application/json", body.encode("utf-8")), head=head)
        if parts.path.startswith("/queries/") and parts.path.endswith(".rq"):
            name = parts.path[len("/queries/") : -3]
            query = next((q for q in self.app.saved if q.name == name), None)
            if query is None:
                return self.text(404, f"no saved query {name!r}", head=head)
            return self.send(
                Answer(200, "application/sparql-query; charset=utf-8", query.text.encode("utf-8")), head=head
            )
        if parts.path == "/sparql":
            return self.protocol(params, head=head)
        self.text(404, "not found: the endpoint is /sparql, the query page is /", head=head)

    def do_POST(self) -> None:
        if not self.request_allowed():
            return
        parts = urlsplit(self.path)
        if parts.path != "/sparql":
            return self.text(404, "not found: POST queries to /sparql")
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            return self.send(_error_answer(protocol_error(400, "bad Content-Length")))
        if length > MAX_BODY:
            self.close_connection = True
            return self.send(_error_answer(protocol_error(413, f"request body over {MAX_BODY} bytes")))
        body = self.rfile.read(length) if length > 0 else b""
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(parts.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self.send(_error_answer(_refused_update()))
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return self.send(_error_answer(protocol_error(400, "request body is not UTF-8")))
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            # SPARQL 1.1 Protocol: a POST carries a query; the service description is for GET alone
            if "query" not in params and "update" not in params:
                return self.send(_error_answer(_missing_query(form, body)))
        elif ctype == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                return self.send(_error_answer(protocol_error(400, "query is not UTF-8")))
        else:
            return self.send(
                _error_answer(protocol_error(415, "send application/x-www-form-urlencoded or application/sparql-query"))
            )
        self.protocol(params)

    def do_OPTIONS(self) -> None:
        """What the resource allows; for a browser's pre-flight, whether its page may ask (see :mod:`.cors`)."""
        host = (self.headers.get("Host") or "").strip()
        origin = self.headers.get("Origin")
        method = self.headers.get("Access-Control-Request-Method")
        allow = "GET, HEAD, POST, OPTIONS" if urlsplit(self.path).path == "/sparql" else "GET, HEAD, OPTIONS"
        if origin and method is not None:
            if self.app.loopback_only and not _loopback_host(host):
                return self.text(403, f"Host {host!r} refused: this endpoint only answers on localhost")
            private = (self.headers.get("Access-Control-Request-Private-Network") or "").strip().lower() == "true"
            status, headers, message = self.app.cors.preflight(
                origin,
                method,
                self.headers.get("Access-Control-Request-Headers"),
                private,
                own=self.app.cors.same_origin(origin, host),
            )
            if status == 204:
                headers["Allow"] = allow
                return self.send(Answer(204, "text/plain; charset=utf-8", b"", headers))
            return self.text(status, message, **{k.replace("-", "_"): v for k, v in headers.items()})
        if not self.request_allowed():
            return
        self.send(Answer(204, "text/plain; charset=utf-8", b"", {"Allow": allow}))

    def _not_allowed(self) -> None:
        answer = _error_answer(protocol_error(405, "read-only endpoint: use GET or POST"))
        answer.headers["Allow"] = "GET, HEAD, POST, OPTIONS"
        self.send(answer)

    do_PUT = do_DELETE = do_PATCH = _not_allowed

    # ------------------------------------------------------------ the protocol

    def protocol(self, params: dict[str, list[str]], *, head: bool = False) -> None:
        if "update" in params:
            return self.send(_error_answer(_refused_update()), head=head)
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            exc = QueryRefused(
                "default-graph-uri / named-graph-uri refused: the registry is queried as one "
                "union graph and claimgraph never fetches remote graphs"
            )
            exc.code = "CG404"
            return self.send(_error_answer(exc), head=head)
        queries = params.get("query", [])
        if len(queries) > 1:
            return self.send(_error_answer(protocol_error(400, "give exactly one query parameter")), head=head)
        accept = self.headers.get("Accept")
        fmt = (params.get("format") or params.get("output") or [None])[0]
        if not queries:  # the endpoint itself: the query page for a browser, else its service description
            try:
                name = negotiate("DESCRIPTION", accept, fmt)
            except QueryError as exc:
                return self.send(_error_answer(exc), head=head)
            if name == "html":
                return self.send(Answer(200, MEDIA_TYPES["html"], page(self.app).encode("utf-8")), head=head)
            return self.send(Answer(200, MEDIA_TYPES[name], service_description(self.app, name)), head=head)
        answer = self.app.answer_query(queries[0], accept, fmt)
        self.send(answer, head=head)


def _refused_update() -> QueryRefused:
    return QueryRefused(
        "SPARQL update refused: this endpoint is read-only",
        hint="change the registry by editing its claims/*.ttl and bib/*.bib files",
    )


# ------------------------------------------------------------------ pages

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
#: The result formats the endpoint serves, by their W3C format IRIs (https://www.w3.org/ns/formats/).
RESULT_FORMAT_IRIS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def service_description(app: SparqlServer, fmt: str = "turtle") -> bytes:
    """The endpoint's SPARQL 1.1 Service Description (https://www.w3.org/TR/sparql11-service-description/)
    in an RDF format of :data:`~.results.GRAPH_FORMATS`."""
    from .results import used_prefixes

    endpoint = ox.NamedNode(app.endpoint)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    dataset, default_graph = ox.BlankNode("dataset"), ox.BlankNode("defaultGraph")

    def sd(local: str) -> ox.NamedNode:
        return ox.NamedNode(SD + local)

    triples = [
        ox.Triple(endpoint, rdf_type, sd("Service")),
        ox.Triple(endpoint, sd("endpoint"), endpoint),
        ox.Triple(endpoint, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(endpoint, sd("feature"), sd("UnionDefaultGraph")),
        *(ox.Triple(endpoint, sd("resultFormat"), ox.NamedNode(FORMATS + f)) for f in RESULT_FORMAT_IRIS),
        ox.Triple(endpoint, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default_graph),
        ox.Triple(default_graph, rdf_type, sd("Graph")),
        ox.Triple(endpoint, ox.NamedNode("http://purl.org/dc/terms/title"), ox.Literal(app.registry.settings.title)),
    ]
    prefixes = {"sd": SD, **used_prefixes(triples)} if fmt == "turtle" else None
    return ox.serialize(triples, format=GRAPH_FORMATS[fmt], prefixes=prefixes) or b""


#: The query page's template and script, shipped in the package (package data).
PAGE_FOLDER = Path(__file__).resolve().parent / "endpoint_page"


@functools.lru_cache(maxsize=1)
def page_script() -> str:
    """The query page's script, served as /query.js (a script of the page's own origin: the only kind its
    Content-Security-Policy runs)."""
    return (PAGE_FOLDER / "query.js").read_text(encoding="utf-8")


def page(app: SparqlServer) -> str:
    """The query page (see :attr:`SparqlServer.render_page`)."""
    if app.render_page is not None:
        return app.render_page(app)
    endpoint = html.escape(app.endpoint)
    return (
        f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>SPARQL endpoint</title></head>'
        f"<body><p>SPARQL 1.1 endpoint: <code>{endpoint}</code> (read-only).</p></body></html>\n"
    )


def saved_queries_json(app: SparqlServer) -> str:
    """The saved queries as JSON that may stand inside a script element of the page."""
    saved = json.dumps([q.as_dict() for q in app.saved], ensure_ascii=False)
    return saved.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
