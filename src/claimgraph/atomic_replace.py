"""Replacing a file or a whole folder so that a reader, or a crash, never sees half of one.

A file is written as a temporary file beside it and renamed over it (:func:`write_atomically`,
the check cache); :func:`temporary_file` names that file for the process writing it, so that
:func:`clear_stale_temporaries` can remove what a process killed midway left.

A folder is built in a staging folder beside its destination, then swapped in. Where Linux offers
it (``renameat2`` with ``RENAME_EXCHANGE``, on most local file systems), the two are exchanged in one
step: at every instant the destination holds the previous folder or the new one, even if the process
is killed (SIGKILL, power) in the middle. Elsewhere the previous folder is moved aside, the new one
moved in, and the previous one removed: a process killed between the two renames leaves the
destination missing and the previous folder beside it under a name holding the process id, and
:func:`clear_leftovers`, run by the next build, puts it back.

Every name this module gives is ``.<name>.staging-<pid>-…`` or ``.<name>.old-<pid>-…``: the next run
knows a leftover of a process that is gone (killed midway) from the work of one still running.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
#: What renameat2 answers where the exchange is not offered (an old kernel, a file system without it).
_UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}


def _renameat2():
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return None


def exchange(a: Path, b: Path) -> bool:
    """Swap the paths ``a`` and ``b`` in one step; False where the system cannot (nothing changed)."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def staging_folder(out: Path) -> Path:
    """A new empty folder beside ``out``, named for this process."""
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-{os.getpid()}-", dir=out.parent)).resolve()


def swap_in(new: Path, out: Path) -> None:
    """Put the folder ``new`` at ``out``; the previous ``out`` is removed once ``new`` is in place."""
    if out.exists() and exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now names the previous folder
        return
    old = None
    if out.exists():
        old = out.parent / f".{out.name}.old-{os.getpid()}-{time.monotonic_ns()}"
        out.rename(old)
    try:
        new.rename(out)
    except OSError:
        if old is not None:
            old.rename(out)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def clear_leftovers(out: Path) -> None:
    """Remove what a process killed while replacing ``out`` left beside it: its staging folder, and
    the previous folder it had moved aside (put back at ``out`` if ``out`` is missing). Leftovers of
    processes still running are theirs, and left alone. Best effort: nothing here may fail a build."""
    pattern = re.compile(rf"\.{re.escape(out.name)}\.(staging|old)-(\d+)-.*")
    try:
        siblings = sorted(out.parent.iterdir()) if out.parent.is_dir() else []
    except OSError:
        return
    for path in siblings:
        match = pattern.fullmatch(path.name)
        if not match or process_alive(int(match.group(2))):
            continue
        try:
            if match.group(1) == "old" and not out.exists() and not out.is_symlink():
                path.rename(out)
            else:
                shutil.rmtree(path, ignore_errors=True)
        except OSError:
            pass


def temporary_file(target: Path) -> tuple[int, str]:
    """``(fd, path)`` of a new temporary file beside ``target``: ``.<name>.<pid>-….tmp``, hidden from the loader."""
    return tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp", dir=target.parent)


def clear_stale_temporaries(target: Path) -> None:
    """Remove the temporary files of ``target`` left by processes killed while writing it (best effort)."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(\d+)-[^/]*\.tmp")
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for path in siblings:
        match = pattern.fullmatch(path.name)
        if match and not process_alive(int(match.group(1))):
            try:
                path.unlink()
            except OSError:
                pass


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` through a sibling temporary file: a reader, or a crash,
    sees the old file or the new one, never half of each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o7777 if path.exists() else None
    clear_stale_temporaries(path)  # what a process killed while writing it left beside it
    fd, tmp = temporary_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        else:
            os.chmod(tmp, 0o666 & ~current_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def current_umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    current = os.umask(0)
    os.umask(current)
    return current
