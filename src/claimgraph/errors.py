"""What went wrong, by kind: the one base class of the errors the library raises for a person to read.

The library never prints and never picks an exit code: it raises a :class:`ClaimgraphError` whose
:class:`Kind` says what sort of failure it is, and the command line (``claimgraph.commands``)
turns the kind into the documented exit code and writes the message on stderr.
"""

from __future__ import annotations

from enum import Enum


class Kind(Enum):
    """What sort of failure an error reports; each maps to one exit code in the command line."""

    #: bad or missing options, or input that cannot be read at all (exit 2)
    USAGE = "usage"
    #: the data is wrong, or a change would make it wrong (exit 1)
    CONTENT = "content"
    #: a file could not be written, a store could not be reached or refused (exit 1)
    IO = "io"


USAGE, CONTENT, IO = Kind.USAGE, Kind.CONTENT, Kind.IO


class ClaimgraphError(Exception):
    """A failure reported to a person: ``str(error)`` is the message, ``details`` its further lines.

    A subclass names its usual kind as a class attribute (``kind = USAGE``); a raise may give another."""

    kind: Kind = Kind.CONTENT
    details: tuple[str, ...] = ()

    def __init__(self, message: str = "", kind: Kind | None = None, details: list[str] | None = None):
        super().__init__(message)
        if kind is not None:
            self.kind = kind
        if details:
            self.details = tuple(details)
