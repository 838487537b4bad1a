"""The ``claimgraph`` command: builds the parser from claimgraph.commands and dispatches.

Exit codes (a contract, documented in the README):
  0  nothing at or above ``--fail-level``;
  1  findings at or above ``--fail-level`` (or bad content for commands that write);
  2  usage error, or input that cannot be read as a registry at all.
Data goes to stdout; diagnostics and progress to stderr.
"""

from __future__ import annotations

import argparse
import codecs
import io
import logging
import os
import re
import sys
from importlib import import_module

from .commands import COMMAND_MODULES
from .commands.common import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, report_error
from .errors import ClaimgraphError


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help or "show the version and exit")

    def __call__(self, parser, namespace, values, option_string=None):
        from . import __version__

        sys.stdout.write(f"claimgraph {__version__}\n")  # on stdout, as argparse's own version action
        parser.exit()


class _CommandParser(argparse.ArgumentParser):
    """A command's parser: an argument it does not know is its own error, shown with its own usage.

    argparse hands a command's unknown arguments back to the top-level parser, whose error then showed
    only ``usage: claimgraph [-h] [--version] COMMAND ...`` (``claimgraph check --bogus``); a command whose
    positional arguments were missing failed in its own parser first, with its own usage. Every command
    (and every subcommand: ``sources status``) now says it the same way."""

    def parse_known_args(self, args=None, namespace=None):
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimgraph",
        description="A literature-evidence graph and citation-checked claim registry.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-level (or bad content), "
        "2 usage error or unreadable input.",
    )
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_CommandParser)
    for name in COMMAND_MODULES:
        import_module(f"{__package__}.commands.{name}").register(sub)
    return parser


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is when a record comes (a caller may have replaced it since)."""

    @property  # type: ignore[override]
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def _print_library_warnings(command: str) -> None:
    """The library logs what it leaves out (it never prints); the command line shows it on stderr."""
    logger = logging.getLogger(__package__)
    handler = next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        logger.addHandler(handler)
    handler.setFormatter(logging.Formatter(f"claimgraph {command}: warning: %(message)s"))
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def _check_environment() -> None:
    """A bad value of a variable the checks read deep inside a run is a usage error before it starts."""
    if os.environ.get("CLAIMGRAPH_SHACL_TIMEOUT", "").strip():
        from .checks.shacl import shacl_timeout  # imported only when set: it loads the SHACL engine

        try:
            shacl_timeout()
        except ValueError as exc:
            raise UsageError(str(exc)) from None


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        # a path whose name is not UTF-8 (PEP 383's lone surrogates) is said as its bytes (\xff), rather than
        # ending the command once its work is done
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "backslashreplace"):
            stream.reconfigure(errors=_AS_BYTES)
    try:
        # (inside the try: Ctrl-C while the commands' modules are imported is an interrupt like any other)
        parser = build_parser()
        args = parser.parse_args(argv)
        _print_library_warnings(args.command or "")
        if not getattr(args, "func", None):
            parser.print_help(sys.stderr)
            return EXIT_USAGE
        _check_environment()
        code = args.func(args)
        sys.stdout.flush()  # a short output is still buffered: a full disk shows only now
        return code
    except UsageError as exc:
        print(f"claimgraph: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ClaimgraphError as exc:  # one a command let through: reported by its kind all the same
        return report_error(exc)
    except KeyboardInterrupt:
        print("claimgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `claimgraph check | head` closes the pipe early: not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return EXIT_OK
    except OSError as exc:
        # a full disk, a device error, a folder that cannot be made: a message, never a traceback
        print(f"claimgraph: error: {_os_error_message(exc)}", file=sys.stderr)
        return EXIT_FINDINGS
    except UnicodeEncodeError as exc:
        if not _SURROGATE.search(exc.object if isinstance(exc.object, str) else ""):
            raise
        # bytes that are not UTF-8 in an argument (a Latin-1 terminal) or a file's name, read by Python as lone
        # surrogates: text claimgraph writes (Turtle, BibTeX, TOML, reports) is UTF-8, and cannot hold them
        print(f"claimgraph: error: {_not_utf8(sys.argv[1:] if argv is None else argv, exc.object)}", file=sys.stderr)
        return EXIT_USAGE


#: What Python makes of bytes that are not UTF-8 in arguments and file names (PEP 383).
_SURROGATE = re.compile("[\udc80-\udcff]")


def _said_as_bytes(exc: UnicodeError) -> tuple[str, int]:
    """The codec error handler :data:`_AS_BYTES`: a lone surrogate standing for a byte (PEP 383) written as that
    byte's escape, ``\\xff``; any other character that cannot be encoded as its code point's."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    text = exc.object[exc.start : exc.end]
    shown = (f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else f"\\u{ord(c):04x}" for c in text)
    return "".join(shown), exc.end


_AS_BYTES = "claimgraph-as-bytes"
codecs.register_error(_AS_BYTES, _said_as_bytes)


def _byte_escape(match: re.Match) -> str:
    return f"\\x{ord(match.group()) - 0xDC00:02x}"


def _not_utf8(argv: list[str], text: object = None) -> str:
    shown = [os.fsencode(a).decode("ascii", "backslashreplace") for a in argv if _SURROGATE.search(a)]
    if shown:
        return (
            f"{', '.join(shown)}: not UTF-8 text (bytes such as a Latin-1 terminal sends); "
            "claimgraph writes text and names in UTF-8: give it in UTF-8 (or rename the path)"
        )
    # the text that could not be written names the path, as its bytes (lat\xe9.ttl), as far as it can be told
    named = ""
    if isinstance(text, str) and _SURROGATE.search(text):
        from .reports import one_line

        named = " (" + one_line(_SURROGATE.sub(_byte_escape, text))[:200] + ")"
    return f"a file or folder name is not UTF-8{named}: claimgraph writes names in UTF-8 in its outputs; rename it"


def run() -> None:
    """The program ``claimgraph`` (and ``python -m claimgraph``): :func:`main`, then out of the process without
    the interpreter's teardown.

    Once a command has run, what is left is freeing its objects one by one: for a build or an export of
    10,000 claims some millions of them, ~0.7 s after everything was written. Every file the command wrote
    is closed by then, its forked workers joined, and the exit handlers registered meanwhile (temporary
    folders, multiprocessing, logging) still run: the last one to run, registered first here, flushes the
    standard streams and ends the process with the command's exit code. Tests call :func:`main`, which
    returns."""
    import atexit

    status: list[int] = []

    def leave() -> None:
        if not status:  # an exception no command caught: the interpreter ends as it would
            return
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said there
                pass
        os._exit(status[0])

    atexit.register(leave)
    try:
        code = main()
    except KeyboardInterrupt:  # one that came between main's own handler and its return
        print("claimgraph: interrupted", file=sys.stderr)
        code = 130
    status.append(code if isinstance(code, int) else 1)
    raise SystemExit(code)


def _os_error_message(exc: OSError) -> str:
    """What failed, naming the file when the error does. An error of no file that only a write
    gives (a full disk or quota, a device error) is the output's: what is left of it is dropped, so
    that the interpreter's last flush does not fail again."""
    import errno

    reason = exc.strerror or str(exc)
    if exc.filename:
        return f"{exc.filename}: {reason}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return f"cannot write the output: {reason}"
    return reason


if __name__ == "__main__":
    sys.exit(main())
