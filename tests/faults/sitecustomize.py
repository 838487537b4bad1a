"""Faults injected into a real claimgraph process: a disk that fills up, or one mounted read-only.

Python runs this module at start-up when its folder is on PYTHONPATH (tests/test_faults_mid_write.py
puts it there for the processes it starts, and only for them). With ``CLAIMGRAPH_FAULT`` set, writes
under ``CLAIMGRAPH_FAULT_UNDER`` fail as the kernel would fail them:

* ``ENOSPC``: the first ``CLAIMGRAPH_FAULT_AFTER`` bytes written there go through, then every write
  fails with "No space left on device" (creating files and folders still works, as on a full disk);
* ``EROFS``: creating, writing, renaming or removing anything there fails with "Read-only file system".

The process, its files and its children (the MkDocs processes of ``build``, forked workers) are real:
only the answer of the system calls that write is changed. CI runs as root, so permissions cannot make
a folder read-only, and mounting a small file system needs privileges a CI container may not have.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil

_KIND = os.environ.get("CLAIMGRAPH_FAULT")
_UNDER = os.path.realpath(os.environ.get("CLAIMGRAPH_FAULT_UNDER", "/nonexistent")) + os.sep
_budget = [int(os.environ.get("CLAIMGRAPH_FAULT_AFTER", "0"))]


def _inside(path) -> bool:
    try:
        if isinstance(path, int):
            path = os.readlink(f"/proc/self/fd/{path}")
        return (os.path.realpath(os.fspath(path)) + os.sep).startswith(_UNDER)
    except (OSError, TypeError, ValueError):
        return False


def _fail(code: int, path) -> OSError:
    return OSError(code, os.strerror(code), os.fspath(path) if not isinstance(path, int) else None)


def _writing(mode: str) -> bool:
    return any(c in mode for c in "wax+")


class _FillingFile:
    """A file object whose writes fail once the disk's remaining bytes are used up."""

    def __init__(self, inner, path):
        self._inner, self._path = inner, path

    def write(self, data):
        size = len(data.encode("utf-8") if isinstance(data, str) else data)
        if size > _budget[0]:
            _budget[0] = 0
            raise _fail(errno.ENOSPC, self._path)
        _budget[0] -= size
        return self._inner.write(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def __enter__(self):
        self._inner.__enter__()
        return self

    def __exit__(self, *exc):
        return self._inner.__exit__(*exc)

    def __iter__(self):
        return iter(self._inner)

    def __getattr__(self, name):
        return getattr(self._inner, name)


_real_open = io.open


def _open(file, mode="r", *args, **kwargs):
    if _writing(mode) and _inside(file):
        if _KIND == "EROFS":
            raise _fail(errno.EROFS, file)
        return _FillingFile(_real_open(file, mode, *args, **kwargs), file)
    return _real_open(file, mode, *args, **kwargs)


def _guard(name: str, *path_args: int, flags_arg: int | None = None):
    real = getattr(os, name)

    def guarded(*args, **kwargs):
        paths = [args[i] for i in path_args if i < len(args)]
        if flags_arg is not None:
            flags = args[flags_arg] if flags_arg < len(args) else kwargs.get("flags", 0)
            if not flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND):
                paths = []
        if _KIND == "EROFS" and any(_inside(p) for p in paths):
            if name == "mkdir" and os.path.lexists(paths[0]):  # the kernel answers "exists" first
                raise _fail(errno.EEXIST, paths[0])
            raise _fail(errno.EROFS, paths[0])
        return real(*args, **kwargs)

    setattr(os, name, guarded)


def _write(fd, data):
    if _inside(fd):
        if _KIND == "EROFS":
            raise _fail(errno.EROFS, fd)
        if len(data) > _budget[0]:
            _budget[0] = 0
            raise _fail(errno.ENOSPC, fd)
        _budget[0] -= len(data)
    return _real_write(fd, data)


if _KIND in ("ENOSPC", "EROFS"):
    builtins.open = io.open = _open
    _real_write = os.write
    os.write = _write
    _guard("open", 0, flags_arg=1)
    for _name in ("mkdir", "rmdir", "unlink", "remove", "symlink", "link", "chmod", "utime"):
        _guard(_name, 0)
    for _name in ("rename", "replace"):
        _guard(_name, 0, 1)
    # copies go through write() (not the kernel's sendfile), so a full disk stops them too
    shutil._USE_CP_SENDFILE = False
    if hasattr(shutil, "_HAS_FCOPYFILE"):
        shutil._HAS_FCOPYFILE = False
