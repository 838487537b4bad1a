"""Shared test helpers: fixture folders, running the real CLI in-process and as a subprocess."""

from __future__ import annotations

import atexit
import http.server
import io
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest

from .fixture_overlays import materialise
from .virtuoso_store import virtuoso  # noqa: F401  (a session fixture: one server for every module using it)

# Check results (and pint's unit definitions) are cached in the user's cache folder: keep the
# tests' own apart, and leave nothing behind in the temporary folder when the run ends.
if "CLAIMGRAPH_CACHE_DIR" not in os.environ:
    os.environ["CLAIMGRAPH_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimgraph-test-cache-")
    atexit.register(shutil.rmtree, os.environ["CLAIMGRAPH_CACHE_DIR"], ignore_errors=True)

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
PROJECT = TESTS.parent

#: Debian's Chromium (``make browser``), driven headless by Playwright; never ``playwright install``.
CHROMIUM = Path("/usr/bin/chromium")
#: Without the background-networking flags Chromium keeps trying the closed network at every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site on 127.0.0.1 for the browser tests, without a log line per request."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a test module (skipped where Chromium is not installed)."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed: run `make browser` (apt-get install chromium)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def description(graph, node):
    """``node``'s triples and, recursively, those of the blank nodes below it, as a new rdflib graph:
    its Concise Bounded Description as rdflib computes it (reified statements aside), so that tests
    of exports and site views compare the library's output with an answer computed independently."""
    return graph.cbd(node, include_reifications=False)


@dataclass
class Result:
    code: int
    out: str
    err: str


def run_cli(*args: str) -> Result:
    """Run ``claimgraph ARGS`` in-process (fast) and capture its streams."""
    from claimgraph.cli import main

    # text streams over bytes, like real ones: commands that write bytes use sys.stdout.buffer
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="")
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
    out.flush()
    err.flush()
    return Result(code, out.buffer.getvalue().decode("utf-8"), err.buffer.getvalue().decode("utf-8"))


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300) -> Result:
    """Run the installed ``claimgraph`` console script as a real process."""
    exe = Path(sys.executable).with_name("claimgraph")
    proc = subprocess.run(
        [str(exe), *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture
def copy_fixture(tmp_path):
    """Copy a fixture registry into tmp_path so a test may change it; an invalid case stored as an
    overlay (``invalid/<case>``) is laid over its base there."""

    def _copy(name: str) -> Path:
        target = tmp_path / Path(name).name
        if Path(name).parent.name == "invalid":
            return materialise(FIXTURES / name, target)
        shutil.copytree(FIXTURES / name, target, symlinks=True)
        return target

    return _copy


@pytest.fixture
def query_registry(copy_fixture) -> Path:
    """A copy of the valid fixture with one well-formed saved query of its own, ``queries/fine.rq``."""
    root = copy_fixture("valid")
    (root / "queries").mkdir(exist_ok=True)
    (root / "queries" / "fine.rq").write_text("# title: Fine\nSELECT ?c WHERE { ?c a cg:Claim }\n", encoding="utf-8")
    return root


@pytest.fixture
def templated_registry(tmp_path) -> Path:
    """A copy of the valid fixture with an empty ``site/templates/``, for tests that override a template."""
    root = tmp_path / "registry"
    shutil.copytree(FIXTURES / "valid", root)
    (root / "site" / "templates").mkdir(parents=True)
    return root


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler], **attributes):
    """A real HTTP server on a free loopback port, answering with ``handler`` in a thread of its own, with
    ``attributes`` set on it (what its handler records or answers); shut down on leaving."""
    # (by their own names: this module's ``http`` is the request helper below, not the package)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for name, value in attributes.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def http(server, path: str, *, data: bytes | None = None, headers: dict | None = None, method=None):
    """Status, headers and body of one request to a running ``SparqlServer`` (HTTP errors answered, not raised)."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(server.url.rstrip("/") + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()
