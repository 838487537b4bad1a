"""One module per CLI command. Each exposes ``register(subparsers)``, which adds its parser
and sets ``func`` to a function ``(args) -> exit code``. Commands stay thin: parse, call the
library, render, choose the exit code.
"""

#: Modules under claimgraph.commands, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "check",
    "build",
    "query",
    "queries",
    "list",
    "serve",
    "init",
    "new",
    "export",
    "diff",
    "publish",
    "sources",
)
