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
    bytes. The size and modification time the file has then (what :func:`.page_cache.files_state` records)."""
    data = text.encode("utf-8")
    if previous is not None:
        try:
            st = os.stat(previous)
            if st.st_size == len(data):
                with open(previous, "rb") as stream:
                    same = stream.read() == data
                if same:
                    os.link(previous, target)
                    # a link shares its inode: the size and time are the previous file's
                    return (st.st_size, st.st_mtime_ns)
        except OSError:  # no previous file, or no link possible: written below
            pass
    return _write_bytes(target, data)


def _write_bytes(target: str | Path, data: bytes) -> tuple[int, int]:
    """``target.write_bytes(data)`` without the buffered file object: a build writes some 45,000 pages,
    and setting up and tearing down the object costs more than the write itself (~0.3 s in all)."""
    # Same flags and mode as open(target, "wb"), so the file gets the same permissions under the umask.
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        view = memoryview(data)
        while view:  # os.write may write less than asked (signals, some file systems)
            view = view[os.write(fd, view) :]
        st = os.fstat(fd)
        return (st.st_size, st.st_mtime_ns)
    finally:
        os.close(fd)
