"""Files of the previous site reused by the new one: a file whose bytes would not change is hard-linked.

Creating a file costs far more than reading one on common file systems (here ~0.6 ms of CPU against
~0.02 ms for a hard link), and a site of 10,000 claims has some 40,000 files that mostly stay as they
were. So before writing a page of a claim, source or measurand (and the files beside it), the file at
the same place in the site being replaced is read; when its bytes are the ones about to be written,
the new site gets a hard link to it instead of a new file.

Nothing is assumed about what a page depends on: the bytes are compared, so the site is the one a
build from nothing writes, byte for byte. A linked file is never written to afterwards (the framed
pages are complete once written; what is edited later, the search index and MkDocs' pages, is never
linked), so the previous site stays as it was until the new one takes its place, also when the build
fails. Where links cannot be made (another file system, one without hard links), the file is written.
"""

from __future__ import annotations

import os
from pathlib import Path


def previous_site(out: Path, marker: str) -> Path | None:
    """The site now at ``out``, if claimgraph built it (its files are then the ones to compare with)."""
    try:
        real = out.resolve()
        return real if (real / marker).is_file() else None
    except OSError:
        return None


def write_text(target: str | Path, text: str, previous: str | Path | None) -> tuple[int, int]:
    """Write ``text`` (UTF-8) at ``target``, or hard-link ``previous`` there if it holds exactly those
    bytes. The size and modification time the file has then (what :meth:`Folders.state` tells)."""
    data = text.encode("utf-8")
    if previous is not None:
        linked = _linked_if_same(previous, data, lambda: os.link(previous, target))
        if linked is not None:
            return linked
    return _write_bytes(target, data)


def _linked_if_same(previous: str | Path, data: bytes, link) -> tuple[int, int] | None:
    """The size and modification time of ``previous`` once ``link()`` hard-linked it to the new file, if it holds
    exactly ``data`` (a link shares its inode: the size and time are the previous file's); else None."""
    try:
        st = os.stat(previous)
        if st.st_size == len(data):
            with open(previous, "rb") as stream:
                same = stream.read() == data
            if same:
                link()
                return (st.st_size, st.st_mtime_ns)
    except OSError:  # no previous file, or no link possible: the caller writes the file
        pass
    return None


def write_parts(folder: "NewFolder", name: str, parts: list[bytes], previous: str | None) -> tuple[int, int]:
    """:func:`write_text` of the text whose UTF-8 bytes are ``parts`` joined, as the file ``name`` of ``folder``
    (``previous``: the whole path of the file it would be linked from). The parts are written as they are (one
    ``writev``), not joined first: a framed page is its frame's pieces, encoded once a build, around its own."""
    if previous is not None:
        data = b"".join(parts)
        linked = _linked_if_same(previous, data, lambda: os.link(previous, folder.prefix + name, dst_dir_fd=folder.fd))
        if linked is not None:
            return linked
        parts = [data]
    fd = os.open(folder.prefix + name, _WRITE_FLAGS, 0o666, dir_fd=folder.fd)
    try:
        size = sum(map(len, parts))
        written = os.writev(fd, parts) if _WRITEV else 0
        if written < size:  # (no writev here, or it wrote less than asked: signals, some file systems)
            view = memoryview(b"".join(parts))[written:]
            while view:
                view = view[os.write(fd, view) :]
        st = os.fstat(fd)
        return (st.st_size, st.st_mtime_ns)
    finally:
        os.close(fd)


#: Same flags and mode as open(target, "wb"), so a file gets the same permissions under the umask.
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
_WRITEV = hasattr(os, "writev")


class NewFolder:
    """A folder of the new site that many files are written into, opened once where the system allows (see
    :class:`Folders`): creating some 45,000 files by name within it spares the kernel the walk down the whole path
    each time. Use as a context manager."""

    def __init__(self, path: str):
        self.path = path
        self.fd: int | None = None
        self.prefix = path + os.sep

    def __enter__(self) -> "NewFolder":
        if _IN_OPEN_FOLDERS:
            self.fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))
            self.prefix = ""
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        self.prefix = self.path + os.sep


def _write_bytes(target: str | Path, data: bytes, dir_fd: int | None = None) -> tuple[int, int]:
    """``target.write_bytes(data)`` without the buffered file object: a build writes some 45,000 pages,
    and setting up and tearing down the object costs more than the write itself (~0.3 s in all)."""
    # Same flags and mode as open(target, "wb"), so the file gets the same permissions under the umask.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666, dir_fd=dir_fd)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than asked (signals, some file systems)
            view = view[os.write(fd, view) :]
        st = os.fstat(fd)
        return (st.st_size, st.st_mtime_ns)
    finally:
        os.close(fd)


#: Whether files can be named within an open folder here (not on Windows): see :class:`Folders`.
_IN_OPEN_FOLDERS = {os.stat, os.link, os.open, os.unlink} <= os.supports_dir_fd


class Folders:
    """A folder of the previous site and the same folder of the new one, for taking files from one into the
    other by name. Both are opened once: a rebuild at 10,000 claims takes some 40,000 files, and a name looked up
    in an open folder spares the kernel the walk down the whole path each time (~20 % of a stat or a link).
    Use as a context manager."""

    def __init__(self, previous: str, new: str):
        self._previous_path, self._new_path = previous, new
        self.previous: int | None = None
        self.new: int | None = None

    def __enter__(self) -> "Folders":
        if _IN_OPEN_FOLDERS:
            flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
            self.previous = os.open(self._previous_path, flags)
            try:
                self.new = os.open(self._new_path, flags)
            except OSError:
                os.close(self.previous)
                raise
            self._previous_prefix = self._new_prefix = ""
        else:  # whole paths
            self._previous_prefix, self._new_prefix = self._previous_path + os.sep, self._new_path + os.sep
        return self

    def __exit__(self, *exc) -> None:
        for fd in (self.previous, self.new):
            if fd is not None:
                os.close(fd)
        self.previous = self.new = None

    def state(self, names, in_new: bool = False) -> tuple | None:
        """The size and modification time of each file ``names`` of the previous folder (or of the new one), as
        :func:`write_text` gives them; None if one is missing."""
        prefix, fd = (self._new_prefix, self.new) if in_new else (self._previous_prefix, self.previous)
        stat = os.stat
        out = []
        try:
            for name in names:
                st = stat(prefix + name, dir_fd=fd)
                out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            return None
        return tuple(out)

    def link(self, names) -> bool:
        """Hard-link every file ``names`` of the previous folder into the new one: all of them, or (when one
        cannot be) none."""
        done = []
        try:
            for name in names:
                os.link(
                    self._previous_prefix + name,
                    self._new_prefix + name,
                    src_dir_fd=self.previous,
                    dst_dir_fd=self.new,
                )
                done.append(name)
        except OSError:
            self.remove(done)
            return False
        return True

    def read_previous(self, name: str) -> bytes:
        fd = os.open(self._previous_prefix + name, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0), dir_fd=self.previous)
        with open(fd, "rb") as stream:
            return stream.read()

    def write_new(self, name: str, data: bytes) -> tuple[int, int]:
        """Write ``data`` as the file ``name`` of the new folder; its size and modification time."""
        return _write_bytes(self._new_prefix + name, data, self.new)

    def remove(self, names) -> None:
        """Remove the files ``names`` from the new folder (those that are there)."""
        for name in names:
            try:
                os.unlink(self._new_prefix + name, dir_fd=self.new)
            except OSError:
                pass
