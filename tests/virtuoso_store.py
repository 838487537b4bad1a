"""A throw-away Virtuoso (Debian's ``virtuoso-opensource``) on 127.0.0.1, for the tests and the benchmarks.

`make test` installs the package (target ``virtuoso``). The ``virtuoso`` fixture (session-wide, made
visible to every test module by conftest) is skipped on a developer machine without it and fails in
CI (where ``CI`` is set), so a missing install step can never pass as green. :func:`running_virtuoso`
is the same server as a context manager, for scripts under benchmarks/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

VIRTUOSO = shutil.which("virtuoso-t")
VSP_ROOT = Path("/var/lib/virtuoso-opensource-7/vsp")

INI = """\
[Database]
DatabaseFile       = {db}/virtuoso.db
ErrorLogFile       = {db}/virtuoso.log
LockFile           = {db}/virtuoso.lck
TransactionFile    = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {db}/virtuoso-temp.db
TransactionFile    = {db}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
CheckpointInterval = 60
CaseMode           = 2
DirsAllowed        = ., /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty_buffers}
MaxQueryMem        = {max_memory}

[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {vsp}
ServerThreads      = 4
Charset            = UTF-8

[SPARQL]
ResultSetMaxRows      = {max_rows}
MaxQueryExecutionTime = {max_seconds}
"""


class VirtuosoError(Exception):
    """The server did not start, or did not answer in time."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_virtuoso(
    db: Path,
    *,
    max_rows: int = 10000,
    max_seconds: int = 60,
    max_memory: str = "200M",
    buffers: int = 10000,
    open_update: bool = False,
):
    """Start Virtuoso with its database in ``db`` (an empty folder) and yield its HTTP root URL; stopped
    when the block ends. ``max_rows``: the SPARQL endpoint's ResultSetMaxRows (answers beyond are cut);
    ``buffers``: NumberOfBuffers (8 KiB pages held in memory; MaxDirtyBuffers is three fifths of it).

    ``open_update``: let ``/sparql-graph-crud`` (no authentication) replace graphs, for a benchmark that
    publishes tens of megabytes: through ``/sparql-graph-crud-auth`` the body goes out before the digest
    challenge comes back, and Virtuoso closes the connection on a large one (urllib: broken pipe)."""
    if not VIRTUOSO:
        raise VirtuosoError("virtuoso-t not installed (run `make virtuoso`, which `make test` does)")
    sql_port, http_port = _free_port(), _free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(
        INI.format(
            db=db,
            sql_port=sql_port,
            http_port=http_port,
            max_rows=max_rows,
            max_seconds=max_seconds,
            max_memory=max_memory,
            buffers=buffers,
            dirty_buffers=buffers * 3 // 5,
            vsp=VSP_ROOT if VSP_ROOT.is_dir() else db,
        )
    )
    # -f: stay in the foreground, so this process owns the server and can stop it.
    proc = subprocess.Popen(
        [VIRTUOSO, "-c", str(ini), "-f"], cwd=db, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    root = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                log = (
                    (db / "virtuoso.log").read_text(errors="replace")[-2000:] if (db / "virtuoso.log").exists() else ""
                )
                raise VirtuosoError(f"virtuoso exited with {proc.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(f"{root}/sparql?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise VirtuosoError("virtuoso did not answer within 120 s")
            time.sleep(0.5)
        if open_update:
            subprocess.run(
                [
                    shutil.which("isql-vt") or "isql-vt",
                    str(sql_port),
                    "dba",
                    "dba",
                    'exec=GRANT SPARQL_UPDATE TO "SPARQL";',
                ],
                check=True,
                capture_output=True,
                timeout=60,
            )
        yield root
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory):
    """A throw-away Virtuoso on 127.0.0.1: yields its HTTP root URL; stopped at the end."""
    if not VIRTUOSO:
        message = "virtuoso-t not installed (run `make virtuoso`, which `make test` does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as root:
            yield root
    except VirtuosoError as exc:
        pytest.fail(str(exc))
